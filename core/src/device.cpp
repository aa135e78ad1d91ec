// Device identity and HLC persistence.
#include "fieldbook/core/device.h"

namespace fb {

DeviceContext::DeviceContext(Database& db, const Clock& clock) : db_(db), clock_(clock), ids_(clock)
{
    Statement& read = db_.cached("SELECT device_id, hlc FROM device WHERE id = 1");
    HlcStamp last;
    if (read.step()) {
        deviceId_ = read.text(0);
        if (auto parsed = HlcStamp::parse(read.textView(1))) last = *parsed;
        read.reset();
    } else {
        read.reset();
        deviceId_ = ids_.next();
        Transaction tx(db_);
        db_.cached("INSERT INTO device (id, device_id, created_ms) VALUES (1, ?, ?)")
            .bind(1, deviceId_)
            .bind(2, clock_.nowMs())
            .exec();
        tx.commit();
    }
    hlc_ = std::make_unique<HybridClock>(clock_, deviceId_, last);
}

HlcStamp DeviceContext::stamp(Transaction& tx)
{
    // Another connection of this device (the sync worker) may have issued or observed a
    // later stamp; the row is the shared truth, read inside the write transaction.
    Statement& read = tx.db().cached("SELECT hlc, device_id FROM device WHERE id = 1");
    if (read.step()) {
        if (read.textView(1) != deviceId_) {
            // Renewed through another connection: adopt the new identity.
            deviceId_ = read.text(1);
            hlc_ = std::make_unique<HybridClock>(clock_, deviceId_);
        }
        if (auto stored = HlcStamp::parse(read.textView(0))) hlc_->observe(*stored);
    }
    read.reset();
    HlcStamp s = hlc_->now();
    tx.db().cached("UPDATE device SET hlc = ? WHERE id = 1").bind(1, s.toString()).exec();
    return s;
}

void DeviceContext::observe(Transaction& tx, const HlcStamp& remote)
{
    hlc_->observe(remote);
    // Persist it so every connection's next stamp is later than what was seen.
    tx.db()
        .cached("UPDATE device SET hlc = ? WHERE id = 1 AND hlc < ?")
        .bind(1, HlcStamp{remote.wallMs, remote.counter, deviceId_}.toString())
        .bind(2, HlcStamp{remote.wallMs, remote.counter, deviceId_}.toString())
        .exec();
}

void DeviceContext::renew(Transaction& tx, std::string id)
{
    deviceId_ = id.empty() ? ids_.next() : std::move(id);
    hlc_ = std::make_unique<HybridClock>(clock_, deviceId_);
    // Changes of the old identity can never be sent under the new one.
    tx.db().execScript("DELETE FROM outbox");
    tx.db()
        .cached("UPDATE device SET device_id = ?, hlc = '', next_seq = 1 WHERE id = 1")
        .bind(1, deviceId_)
        .exec();
}

}  // namespace fb
