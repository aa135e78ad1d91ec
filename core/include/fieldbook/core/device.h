// The device's identity and write bookkeeping, stored in the database itself: the device
// id (a UUID made when the database was created), the last HLC stamp issued and the next
// outbox sequence number, all in the `device` row. One DeviceContext per writer connection;
// several connections of one device stay consistent because stamps go through that row.
#pragma once

#include <memory>
#include <string>

#include "fieldbook/core/clock.h"
#include "fieldbook/core/database.h"
#include "fieldbook/core/hlc.h"
#include "fieldbook/core/id.h"

namespace fb {

class DeviceContext {
public:
    // Reads (or on first use creates) the device row. The database must be migrated.
    DeviceContext(Database& db, const Clock& clock);

    const std::string& deviceId() const { return deviceId_; }
    const Clock& clock() const { return clock_; }
    IdGenerator& ids() { return ids_; }
    // A new HLC stamp; persisted with the transaction that uses it.
    HlcStamp stamp(Transaction& tx);
    // Takes a stamp seen from another replica into account (next stamps are later), in
    // memory and in the device row, so every connection of this device sees it.
    void observe(Transaction& tx, const HlcStamp& remote);
    // Gives the device a new identity (after its data was wiped, e.g. revoked by the
    // administrator): new device id, empty outbox numbered from 1, no stamps. Other connections
    // of this device pick the new id up at their next write.
    // `id`: the new id to take (one already used to sign in), or empty to make one.
    void renew(Transaction& tx, std::string id = {});

private:
    Database& db_;
    const Clock& clock_;
    std::string deviceId_;
    IdGenerator ids_;
    std::unique_ptr<HybridClock> hlc_;
};

}  // namespace fb
