// Derived data: what a device computes from its synced records and keeps in step with them
// — the search index and pinyin sort keys (search.h), the scope digest (replica.h); next,
// agenda entries and stock balances. Each is one DerivedData registered with the Store, told
// of every change by the one path that makes it:
//   written        a record was created, updated, merged from a pull or repaired
//   removed        one record left the device (a refused create the server does not hold)
//   accountPurged  an account and everything under it left (reassigned away)
//   ownerChanged   an account was filed under another user (or first filed), with or
//                  without a change to the account itself
//   wiped          everything left (sign-out, revocation, another user)
//   bulk           an initial sync's inserts: beginBulk; per page beginPage, prepare per record
//                  (no database, any thread), columns stored with the row, inserted per row,
//                  endPage; endBulk after the last page
// so sync, purge and wipe never name a derived table, and a new kind plugs in without
// touching them. All calls but prepare run inside the writing transaction.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fieldbook/core/database.h"
#include "fieldbook/core/schema.h"

namespace fb {

// A pulled record validated as applyRemote validates it and laid out as its row: the half
// of a bulk insert that needs no database, so it can run on another thread than the insert.
struct BulkRow {
    const schema::Entity* entity = nullptr;
    std::string id;
    std::vector<Value> values;  // one per field of the entity, NULL where the record has none
    std::vector<bool> given;    // the record has the field (a value or an explicit NULL)
    Clocks clocks;              // the record's stamps: `shared` for the given fields not listed
    std::string shared;
    std::string hlc, clock;  // the row's _hlc and _clock
    std::string digest;      // its share of the scope digest: sha256(entity \n id \n max stamp)
};

class DerivedData {
public:
    // What prepare() computed for one record, handed back to columns() and inserted().
    struct Prepared {
        virtual ~Prepared() = default;
    };

    virtual ~DerivedData() = default;

    virtual void written(Transaction&, const schema::Entity&, const std::string& /*id*/) {}
    virtual void removed(Transaction&, const schema::Entity&, const std::string& /*id*/) {}
    virtual void accountPurged(Transaction&, std::string_view /*accountId*/) {}
    virtual void ownerChanged(Transaction&, std::string_view /*accountId*/) {}
    virtual void wiped(Transaction&) {}

    // --- bulk (initial sync) --------------------------------------------------------------
    // A bulk pull begins (its first page in this run): what an earlier, failed one kept in
    // memory is dropped.
    virtual void beginBulk() {}
    // A page begins (in its transaction): whatever an earlier page left that did not commit
    // (an error, a cancel) is dropped.
    virtual void beginPage() {}
    // From the record's fields alone; null when this data has nothing for the record. Runs on
    // the sync engine's thread while the previous page's inserted() and endPage() run on the
    // applying thread, on this same object: it must read no member that those write.
    virtual std::unique_ptr<Prepared> prepare(const schema::Entity&, const Fields&) const { return nullptr; }
    // Device-local columns written with the row (the pinyin `_sort`).
    virtual void columns(const Prepared*, Fields& /*out*/) const {}
    // The row was inserted (not merged: a merge goes through written()). `row` and
    // `prepared` stay valid until endPage.
    virtual void inserted(const BulkRow& /*row*/, const Prepared* /*prepared*/) {}
    // After all of a page's rows, before its commit.
    virtual void endPage(Transaction&) {}
    // After the last page. `resumed`: the bulk pull began in an earlier run (a restart), so
    // what an earlier run kept in memory is gone.
    virtual void endBulk(Transaction&, bool /*resumed*/) {}
};

}  // namespace fb
