// ServerStore: the server's database behind Qt SQL, with one code path for SQLite (a data
// directory; development and single-machine installs) and PostgreSQL (several server
// instances sharing one database). It owns the schema (versioned, migrated at open) and the
// operations the sync service and the admin commands share: users, teams, devices, records
// with their per-field stamps, account ownership (scope) and purge notices.
//
// Threading: a ServerStore is shared by all threads; each thread gets its own connection
// (QSqlDatabase connections may only be used by the thread that made them), created on
// first use and named after the store and the thread. Unexpected database failures throw
// StoreError (caught at the request boundary); expected outcomes are Result values.
//
// Commit order: every transaction that writes records is a WriteTransaction. Records get a
// provisional negative seq while the transaction works (never visible to a pull: cursors
// are >= 0) and their real seqs at commit, under pg_advisory_xact_lock(7140) on PostgreSQL
// (SQLite transactions begin IMMEDIATE and are serial anyway), so seqs are assigned and
// committed in the same order and a pull cursor can never pass a row that commits later.
// Only the renumbering and the commit hold the lock: the reads and merges of concurrent
// pushes overlap, with the rows they merge locked (FOR UPDATE) so none works on a stale copy.
//
// Statements: the hot ones run through ServerStore::exec, which prepares each SQL text once
// per connection (on PostgreSQL a server-side prepared statement) and reuses it.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include "fieldbook/core/merge.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/result.h"
#include "fieldbook/core/schema.h"
#include "fieldbook/core/store.h"

namespace fb::server {

// A database failure that is not an expected outcome. `busy` marks lock timeouts, which the
// service answers with 429 so clients retry later.
class StoreError : public std::runtime_error {
public:
    StoreError(const std::string& message, bool busy) : std::runtime_error(message), busy_(busy) {}
    bool busy() const { return busy_; }

private:
    bool busy_;
};

enum class Backend { Sqlite, Postgres };

struct UserRow {
    QString id;
    QString login;
    QString displayName;
    QString role;  // rep, manager, admin
    QString teamId;
    QByteArray passwordHash;
};

struct DeviceRow {
    QString id;
    QString userId;
    QString name;
    bool revoked = false;
    std::int64_t lastSeq = 0;    // last outbox seq applied
    std::int64_t pulledSeq = 0;  // cursor of the last pull (for the status list)
    std::int64_t lastSyncMs = 0;
    std::int64_t wipedMs = 0;
    // The device token (its SHA-256, see tokenHash) and when it expires (0: issued before
    // expiry existed; valid until renewed); the token it replaced, still valid until the new
    // one is first used or it expires ("" when none).
    QString tokenHash;
    std::int64_t tokenExpiresMs = 0;
    QString prevTokenHash;
    std::int64_t prevTokenExpiresMs = 0;
};

// Who is asking: scope follows from role and team.
struct Viewer {
    QString userId;
    QString role;
    QString teamId;
};

struct StoredRecord {
    std::string id;
    std::string accountId;  // the record's scope key (see ServerStore::scopeKeyOf)
    RecordState state;
    std::int64_t seq = 0;
    // Echo suppression: the device whose push produced exactly the state that device holds
    // ('' if none, or if the push built on a version the device had not pulled). That
    // device's pulls from a non-empty cursor skip the record.
    std::string writerDevice;
};

// What a server rule accepted but wants a manager to see (table flags; `admin flags`).
struct Flag {
    std::string rule;
    std::string entity;
    std::string recordId;
    QString userId;    // whose record (the owner, or the account's owner)
    QString deviceId;  // the device that pushed it ('' for the server)
    std::string message;
    std::int64_t createdMs = 0;
};

// Runs a prepared, parameterised statement; throws StoreError on failure.
QSqlQuery runSql(QSqlDatabase& db, const QString& sql, const QVariantList& binds = {});

class ServerStore;

// A transaction that may assign record seqs (see the commit-order note above). Rolls back
// in the destructor unless committed.
class WriteTransaction {
public:
    explicit WriteTransaction(ServerStore& store);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    QSqlDatabase& db() { return db_; }
    ServerStore& store() { return store_; }
    // A provisional (negative) sequence number for a record or purge row written in this
    // transaction; commit() replaces it with the next commit seq, in the order taken.
    std::int64_t takeSeq();
    // Takes the commit-order lock now (PostgreSQL; commit takes it anyway). Migrations hold
    // it throughout so that two instances starting together do not both migrate.
    void lockCommitOrder();
    // Adds (+1) or removes (-1) one record's line "entity \n id \n max stamp" to or from
    // the scope digest of the user who owns its account; written to owner_digest at commit.
    void toggleDigest(const QString& ownerId, const std::string& line, int delta);
    // The owner of an account as this transaction sees it (cached; setAccountOwner updates it).
    std::optional<QString> ownerOf(std::string_view accountId);
    void commit();

private:
    friend class ServerStore;
    struct DigestDelta {
        std::int64_t count = 0;
        std::array<unsigned char, 32> hash{};
    };
    ServerStore& store_;
    QSqlDatabase db_;
    std::int64_t provisional_ = 0;
    bool locked_ = false;
    std::map<QString, DigestDelta> digest_;
    std::map<std::string, std::optional<QString>, std::less<>> owners_;
    bool done_ = false;
};

// A read-only transaction with one snapshot for all its statements (REPEATABLE READ on
// PostgreSQL; a deferred transaction on SQLite keeps one WAL snapshot).
class ReadTransaction {
public:
    explicit ReadTransaction(ServerStore& store);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;
    QSqlDatabase& db() { return db_; }

private:
    QSqlDatabase db_;
};

class ServerStore {
public:
    // Exactly one of the two must be non-empty: a data directory (SQLite file
    // DIR/fieldbook-server.db) or a postgresql://user[:password]@host[:port]/database URL.
    static Result<std::unique_ptr<ServerStore>> open(const QString& dataDirOrEmpty,
                                                     const QString& databaseUrlOrEmpty);
    ~ServerStore();
    ServerStore(const ServerStore&) = delete;
    ServerStore& operator=(const ServerStore&) = delete;

    Backend backend() const { return backend_; }
    const char* backendName() const { return backend_ == Backend::Sqlite ? "sqlite" : "postgresql"; }
    // This thread's connection (opened on first use).
    QSqlDatabase connection();

    // --- people and devices ---------------------------------------------------------
    std::optional<UserRow> userByLogin(QSqlDatabase& db, const QString& login);
    std::optional<UserRow> userById(QSqlDatabase& db, const QString& id);
    std::optional<DeviceRow> deviceById(QSqlDatabase& db, const QString& id);
    // The device whose current or previous token has this hash (see DeviceRow).
    std::optional<DeviceRow> deviceByTokenHash(QSqlDatabase& db, const QString& tokenHash);
    std::optional<QString> teamIdByName(QSqlDatabase& db, const QString& name);
    QString teamName(QSqlDatabase& db, const QString& teamId);  // "" for none

    // Runs a parameterised statement prepared once per connection (see the note above).
    // The returned query is valid until the same SQL runs again on this connection: read
    // its rows at once. Throws StoreError.
    QSqlQuery& exec(QSqlDatabase& db, const QString& sql, const QVariantList& binds = {});

    // --- records ----------------------------------------------------------------------
    std::optional<StoredRecord> record(QSqlDatabase& db, std::string_view entity, std::string_view id);
    // The same, locking the row until the transaction ends (PostgreSQL), for a merge.
    std::optional<StoredRecord> recordForWrite(WriteTransaction& tx, std::string_view entity,
                                               std::string_view id);
    // A device row, locked until the transaction ends (PostgreSQL): pushes of one device
    // (a retry while the first is still running) run one after the other.
    std::optional<DeviceRow> deviceForWrite(WriteTransaction& tx, const QString& id);
    bool accountExists(QSqlDatabase& db, std::string_view accountId);
    std::optional<QString> accountOwner(QSqlDatabase& db, std::string_view accountId);
    void setAccountOwner(WriteTransaction& tx, std::string_view accountId, const QString& userId);
    // Inserts or replaces a record's state and gives it the next commit seq; keeps the
    // owners' scope digests. `prior` is the stored record if the caller has read it already.
    void writeRecord(WriteTransaction& tx, std::string_view entity, std::string_view id,
                     std::string_view accountId, const RecordState& state);
    void writeRecord(WriteTransaction& tx, std::string_view entity, std::string_view id,
                     std::string_view accountId, const RecordState& state,
                     const std::optional<StoredRecord>& prior, const std::string& writerDevice = {});
    // Scope keys (records.account_id, mapped to a user by account_owner): an account's id for
    // the account and its children, "user:<id>" for a record owned by a user, "global" (owned
    // by '', which every viewer sees) for reference data. See docs/sync-protocol.md, "Scopes".
    static constexpr const char* kGlobalScopeKey = "global";
    static std::string ownerScopeKey(std::string_view userId);
    struct ScopeKey {
        std::string key;
        QString ownerUser;  // Owner scope: the user the key maps to
    };
    // The key of a record from its declaration and fields (nullopt: the scope field is missing).
    static std::optional<ScopeKey> scopeKeyOf(const schema::Entity& e, std::string_view id,
                                              const Fields& fields);
    // The records of an entity filed under a scope key (all of them for ""), in seq order. For rules and
    // admin commands, not for pulls.
    std::vector<StoredRecord> recordsInScope(QSqlDatabase& db, std::string_view entity,
                                             std::string_view scopeKey);
    void raiseFlag(WriteTransaction& tx, const Flag& flag);
    std::vector<Flag> flags(QSqlDatabase& db);
    // The scope digest of everything `viewer` sees (current schema), from owner_digest.
    ScopeDigest scopeDigest(QSqlDatabase& db, const Viewer& viewer);
    // Whether `viewer` sees the records whose scope key `ownerId` owns ('' = everyone).
    bool ownerInScope(QSqlDatabase& db, const Viewer& viewer, const QString& ownerId);
    // Everyone who sees accounts owned by `ownerId`: the owner and their team's managers.
    std::set<QString> viewersOf(QSqlDatabase& db, const QString& ownerId);
    // Moves an account and its subtree to another user in one transaction: the owner
    // changes, every record of the account gets a new seq (so the new owner's next pull
    // brings the whole subtree) and everyone who no longer sees it gets a purge notice.
    // Returns the number of records moved.
    Result<int> reassignAccount(const std::string& accountId, const QString& toUserId);

    // Every table's rows as text, in a stable order (tests compare it before and after).
    QString dump();

    // The SQL condition "records r (joined with account_owner o) in the viewer's scope",
    // with its parameters appended to `binds`.
    static QString scopeCondition(const Viewer& viewer, QVariantList& binds);

private:
    friend class WriteTransaction;
    friend class ReadTransaction;
    ServerStore(Backend backend, QString path, QString host, int port, QString user, QString password,
                QString dbName);
    Result<void> migrate();
    // Schema step 3: compact stamps ("hlc" + differing) and owner digests for existing rows.
    void convertRecordsToStep3(WriteTransaction& tx);
    QSqlDatabase openConnection(const QString& name);

    Backend backend_;
    QString path_;  // SQLite file
    QString host_, user_, password_, dbName_;
    int port_ = 5432;
    std::optional<StoredRecord> readRecord(QSqlDatabase& db, std::string_view entity, std::string_view id,
                                           bool lock);
    static StoredRecord decodeRecord(std::string_view entity, std::string_view id, QSqlQuery& q);
    std::mutex mutex_;
    std::set<QString> connectionNames_;
    // Prepared statements per connection name; each inner map is used only by its thread.
    std::map<QString, std::unique_ptr<std::map<QString, QSqlQuery>>> statements_;
};

// Lower-case hex SHA-256 of a token (what the devices table stores).
QString tokenHash(const QByteArray& token);

}  // namespace fb::server
