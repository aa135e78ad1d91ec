// The device side of sync, over the Store: reading record states with their per-field
// stamps, merging pulled records (no outbox entry: they came from the server), adopting the
// stamps the server stored for pushed changes, trimming the acknowledged outbox, purging an
// account that left the user's scope, the scope digest, and the sync bookkeeping tables.
// Every write takes the caller's Transaction, so a pulled page and its cursor commit together.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "fieldbook/core/merge.h"
#include "fieldbook/core/sha256.h"
#include "fieldbook/core/store.h"

namespace fb {

struct ScopeDigest {
    std::int64_t count = 0;
    std::string hash;  // lower-case hex of the XOR of sha256(entity \n id \n max stamp)
    bool operator==(const ScopeDigest&) const = default;
};

// The digest the triggers keep in `sync_digest` (storage step 6), read without writing
// anything (Replica::digest, and fieldbook-tool check on a database it must not change).
ScopeDigest keptDigest(Database& db);

// A field of a pushed change that lost to a later write made elsewhere.
struct LostField {
    std::string field;
    std::string winnerStamp;    // the HLC stamp of the write that won (from the push reply)
    std::int64_t winnerMs = 0;  // its wall time (0 if the stamp cannot be read)
};

// A pushed change the server did not take as sent, kept for the rep to read until dismissed
// (table sync_rejected): nothing a rep entered is dropped without saying so.
// - Rejected: nothing of it was applied; `code` and `message` say why; `fieldsJson` is the
//   whole change.
// - Overridden: the server merged it, but the fields in `lost` lost to a later write made
//   elsewhere (the rest applied); `fieldsJson` holds the rep's values of the lost fields
//   only; `code` and `message` are empty.
struct RejectedChange {
    enum class Kind { Rejected, Overridden };

    std::int64_t seq = 0;  // the outbox sequence of the change: one entry per change
    std::string entity;
    std::string recordId;
    std::string op;
    std::string fieldsJson;
    std::string code;
    std::string message;
    std::int64_t atMs = 0;  // when this device learnt the outcome
    Kind kind = Kind::Rejected;
    std::vector<LostField> lost;  // Overridden: in the order the server listed them
    // How the rep knows the record: its name, or its account's name for a record without
    // one, as the phone held it when the outcome arrived (a rejected record may then leave
    // the phone). addRejected fills it when empty; '' for entries kept before storage v8.
    std::string label;
};

// `incoming.clocks` lists every given field's stamp, or with a `shared` stamp (the wire's
// compact form) only those that differ from it.
Result<BulkRow> prepareBulkRow(std::string_view entity, std::string_view id, RecordState&& incoming,
                               std::string shared = {});

// A user the device knows by name (sync schema 7: the viewer's team, sent by the server).
struct TeamMember {
    std::string userId;
    std::string name;
    std::string role;  // "rep", "manager", "admin"
};

class Replica {
public:
    explicit Replica(Store& store);

    // Current fields (non-NULL) and the stamp of every field ever written.
    std::optional<RecordState> state(std::string_view entity, std::string_view id);
    // Merges a record from the server by its entity's policy; runs write hooks; no outbox.
    Result<MergeResult> applyRemote(Transaction& tx, std::string_view entity, std::string_view id,
                                    const RecordState& incoming);
    // Initial sync (bulk): the same as applyRemote for a record this device does not hold
    // yet, as one INSERT (a prepared statement per entity) without reading, merging or
    // copying the record first, and WITHOUT telling the derived data or observing the stamps:
    // the caller does (DerivedData's bulk calls: prepare, columns, inserted, endPage) and calls
    // observeStamp with the page's greatest stamp. `columns` are device-local columns written
    // with the row (the `_sort` key). A record that does exist after all is merged as by
    // applyRemote, derived data included (the row is then consumed). The digest triggers are
    // off for the insert: the scope digest adds the row's share at endPage.
    enum class BulkApplied { Inserted, Merged, Unchanged };
    Result<BulkApplied> insertBulk(Transaction& tx, BulkRow& row, const Fields& columns = {});
    // prepareBulkRow and insertBulk for one record, with every derived data's bulk calls.
    Result<BulkApplied> applyRemoteBulk(Transaction& tx, std::string_view entity, std::string_view id,
                                        RecordState&& incoming);
    // Keeps this device's clock ahead of a stamp it has seen (ignored if not a stamp).
    void observeStamp(Transaction& tx, const std::string& stamp);
    // True when no synced entity has a single record.
    bool empty();
    // After a push: where a field still carries the stamp that was pushed, take the stamp the
    // server stored (it may have been clamped), so both sides hold the same stamps.
    void adoptClocks(Transaction& tx, std::string_view entity, std::string_view id,
                     const std::string& pushedHlc, const Clocks& serverClocks);
    // Deletes the outbox up to and including `seq` (acknowledged by the server).
    void trimOutbox(Transaction& tx, std::int64_t seq);
    // Gives the unacknowledged outbox new sequence numbers from `first` on, in order, and
    // continues the device's numbering right after them: this database was restored from a
    // backup older than what the server holds (sequence_reused, a push or sign-in reply with a
    // later last_seq), or the server was restored from one older than this device
    // (sequence_gap, numbering goes down).
    void renumberOutbox(Transaction& tx, std::int64_t first);
    // Removes an account and every record under it (reassigned away from this user).
    void purgeAccount(Transaction& tx, std::string_view accountId);
    // Removes every record and sync state (revoked device, or sign-out).
    void wipe(Transaction& tx);

    // Repair (after a scope digest mismatch): makes the local record exactly the server's,
    // fields and stamps, instead of merging. Used only for records with nothing pending.
    Result<void> overwrite(Transaction& tx, std::string_view entity, std::string_view id,
                           const RecordState& incoming);
    // True while the outbox holds a change of that record not yet acknowledged.
    bool hasPending(std::string_view entity, std::string_view id);
    // Removes one record the server holds none of in this device's scope (a rejected change
    // answered with `record: null`), with its search entry; an account goes with everything
    // under it.
    void removeRecord(Transaction& tx, std::string_view entity, std::string_view id);

    // The scope digest, kept up to date by triggers on every synced table (sync_digest,
    // storage step 6): reading it costs nothing however many records the device holds.
    ScopeDigest digest();

    // Who owns an account, as the server last said (pull replies of sync schema 7); nullopt
    // when it has not said (an account created on this device and not yet pushed back).
    std::optional<std::string> accountOwner(std::string_view accountId);
    void setAccountOwner(Transaction& tx, std::string_view accountId, std::string_view userId);
    // The users this device knows by name, replaced as a whole by each sync's last page.
    void replaceTeam(Transaction& tx, const std::vector<TeamMember>& team);
    std::optional<TeamMember> teamMember(std::string_view userId);

    // Key/value sync state (server URL, token, cursor, ...).
    std::string setting(std::string_view key);
    void setSetting(Transaction& tx, std::string_view key, std::string_view value);

    // Keeps a rejected or overridden change (replacing an entry of the same seq: a replayed
    // push answers with the outcome it got the first time). Call it before reverting the
    // record, so the label is read from the record the rep knew.
    void addRejected(Transaction& tx, const RejectedChange& change);
    // The kept changes of one kind, oldest first.
    std::vector<RejectedChange> rejected(RejectedChange::Kind kind = RejectedChange::Kind::Rejected);
    std::vector<RejectedChange> overridden() { return rejected(RejectedChange::Kind::Overridden); }
    // The rep has read it: removes the entry of that seq, whatever its kind.
    void dismissRejected(Transaction& tx, std::int64_t seq);
    // RejectedChange::label of a record on this phone ('' when it is not here).
    std::string recordLabel(std::string_view entity, std::string_view id);

    Store& store() { return store_; }

private:
    Result<MergeResult> applyClean(Transaction& tx, const schema::Entity& e, std::string_view id,
                                   const RecordState& clean);
    Store& store_;
    std::unordered_map<std::string, std::string>
        bulkSql_;  // insertBulk's INSERT by entity and derived columns
};

// The scope digest as derived data (registered by every Store): the triggers keep it for
// every write path; an initial sync's inserts, with the triggers off, add their shares once
// per page (DerivedData::inserted, endPage).
std::unique_ptr<DerivedData> makeScopeDigestKeeper();

// The scope digest computed from scratch: a full pass over every record (what the
// maintained digest in sync_digest must always equal; `fieldbook-tool check` compares them).
ScopeDigest computeScopeDigest(Database& db);
// The same over the tables of `entities` only (a migration step, at its own version).
ScopeDigest computeScopeDigest(Database& db, std::span<const schema::Entity> entities);
// SQL for a device row's greatest field stamp (the row's _hlc or the latest in its _clock),
// with `row` naming the row ("" in a SELECT, "NEW." / "OLD." in a trigger).
std::string maxStampSql(std::string_view row);

}  // namespace fb
