// ServerStore over Qt SQL (SQLite or PostgreSQL); see store.h for the threading and
// commit-order rules.
#include "fieldbook/server/store.h"

#include <algorithm>

#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlRecord>
#include <QStringList>
#include <QThread>
#include <QUrl>
#include <QUuid>

#include "fieldbook/sync/protocol.h"

namespace fb::server {

namespace {

// Advisory lock key shared by every transaction that assigns record seqs (and migrations).
constexpr int kCommitOrderLock = 7140;
constexpr int kSchemaVersion = 7;

bool isBusyError(const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    // SQLite: SQLITE_BUSY (5), SQLITE_LOCKED (6). PostgreSQL: serialization failure,
    // deadlock, lock not available.
    return code == QLatin1String("5") || code == QLatin1String("6") || code == QLatin1String("40001") ||
           code == QLatin1String("40P01") || code == QLatin1String("55P03") ||
           error.databaseText().contains(QLatin1String("database is locked"));
}

[[noreturn]] void fail(const QString& what, const QSqlError& error)
{
    throw StoreError((what + QLatin1String(": ") + error.text()).toStdString(), isBusyError(error));
}

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Schema steps: index i brings the database from version i to i + 1. Written once for both
// back ends (TEXT ids, BIGINT sequence numbers, INTEGER flags work the same in each).
const std::vector<std::vector<const char*>>& migrationSteps()
{
    static const std::vector<std::vector<const char*>> steps = {
        {
            "CREATE TABLE teams (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, manager_id TEXT)",
            "CREATE TABLE users (id TEXT PRIMARY KEY, login TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,"
            " role TEXT NOT NULL, team_id TEXT NOT NULL DEFAULT '', password_hash TEXT NOT NULL,"
            " created_ms BIGINT NOT NULL)",
            "CREATE INDEX users_team ON users(team_id)",
            "CREATE TABLE devices (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, name TEXT NOT NULL,"
            " token_hash TEXT UNIQUE, revoked INTEGER NOT NULL DEFAULT 0, last_seq BIGINT NOT NULL DEFAULT 0,"
            " pulled_seq BIGINT NOT NULL DEFAULT 0, last_seen_ms BIGINT NOT NULL DEFAULT 0,"
            " last_sync_ms BIGINT NOT NULL DEFAULT 0, wiped_ms BIGINT NOT NULL DEFAULT 0)",
            "CREATE TABLE push_results (device_id TEXT NOT NULL, seq BIGINT NOT NULL, result_json TEXT NOT "
            "NULL,"
            " PRIMARY KEY (device_id, seq))",
            "CREATE TABLE records (entity TEXT NOT NULL, id TEXT NOT NULL, account_id TEXT NOT NULL,"
            " fields_json TEXT NOT NULL, clocks_json TEXT NOT NULL, seq BIGINT NOT NULL, PRIMARY KEY "
            "(entity, id))",
            "CREATE INDEX records_seq ON records(seq)",
            "CREATE INDEX records_account ON records(account_id)",
            "CREATE TABLE account_owner (account_id TEXT PRIMARY KEY, rep_id TEXT NOT NULL)",
            "CREATE INDEX account_owner_rep ON account_owner(rep_id)",
            "CREATE TABLE purges (seq BIGINT NOT NULL, account_id TEXT NOT NULL, user_id TEXT NOT NULL)",
            "CREATE INDEX purges_user ON purges(user_id, seq)",
            "INSERT INTO meta (key, value) VALUES ('next_seq', 1)",
        },
        {
            // The greatest field stamp of each record, for the scope digest without parsing
            // clocks_json. '' (rows written before this step) means "compute it from clocks_json".
            "ALTER TABLE records ADD COLUMN max_stamp TEXT NOT NULL DEFAULT ''",
        },
        {
            // Stamps as on the wire (protocol 2): the stamp most fields share, and clocks_json
            // keeps only the others, so a pull copies both into its reply as they are.
            "ALTER TABLE records ADD COLUMN hlc TEXT NOT NULL DEFAULT ''",
            // Each owner's scope digest (count and hex XOR of sha256(entity \n id \n max
            // stamp) over the records of the accounts they own), kept by every write, so the
            // end of a pull reads a few rows instead of the whole scope.
            "CREATE TABLE owner_digest (rep_id TEXT PRIMARY KEY, n BIGINT NOT NULL, hash TEXT NOT NULL)",
            // What each stored outcome answered (entity/id/hlc), so a replayed seq carrying a
            // different change (a phone restored from an old backup) is told apart.
            "ALTER TABLE push_results ADD COLUMN change_key TEXT NOT NULL DEFAULT ''",
            // Echo suppression (see StoredRecord).
            "ALTER TABLE records ADD COLUMN writer_device TEXT NOT NULL DEFAULT ''",
            // Commit renumbers the purge notices a transaction wrote (provisional seq < 0).
            "CREATE INDEX purges_seq ON purges(seq)",
        },
        {
            // Failed sign-ins per login and per client address, for back-off (shared by every
            // server instance on the database).
            "CREATE TABLE signin_failures (key TEXT PRIMARY KEY, failures BIGINT NOT NULL,"
            " window_start_ms BIGINT NOT NULL, blocked_until_ms BIGINT NOT NULL)",
        },
        {
            // Token expiry and renewal. 0: a token issued before this step, valid until its
            // device renews it (the app does at its next sync). The previous token stays valid
            // after a renewal until the new one is first used (or it expires), so a renewal
            // whose reply was lost leaves the device signed in.
            "ALTER TABLE devices ADD COLUMN token_expires_ms BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE devices ADD COLUMN prev_token_hash TEXT",
            "ALTER TABLE devices ADD COLUMN prev_token_expires_ms BIGINT NOT NULL DEFAULT 0",
            "CREATE UNIQUE INDEX devices_prev_token ON devices(prev_token_hash)",
        },
        {
            // Scopes beyond accounts (sync schema 5). records.account_id is a record's scope
            // key: its account's id, "user:<id>" for a record a user owns, "global" for
            // reference data; account_owner maps each key to the user whose devices (and
            // team's managers) receive it, '' for everyone. So the pull, the scope digest and
            // reassignment work the same for all three kinds.
            "INSERT INTO account_owner (account_id, rep_id) VALUES ('global', '')",
            // What a server rule accepted but wants a manager to look at (a rep's stock gone
            // negative); listed by `admin flags`, never changing the record itself.
            "CREATE TABLE flags (id TEXT PRIMARY KEY, rule TEXT NOT NULL, entity TEXT NOT NULL,"
            " record_id TEXT NOT NULL, user_id TEXT NOT NULL, device_id TEXT NOT NULL, message TEXT NOT NULL,"
            " created_ms BIGINT NOT NULL)",
            "CREATE INDEX flags_user ON flags(user_id, created_ms)",
        },
        {
            // Attachments' bytes (docs/sync-protocol.md, "Attachments"), in the database so
            // that every instance serves them. A blob is stored as the chunks that arrived, in
            // order (an upload cut short keeps what came); `received` counts them and
            // `complete` says the whole was checked against its SHA-256. blob_refs says which
            // scope keys' records name a blob: a device may fetch it if one is in its scope.
            // ({bytes}: BLOB on SQLite, BYTEA on PostgreSQL.)
            "CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, received BIGINT NOT NULL,"
            " complete INTEGER NOT NULL DEFAULT 0, created_ms BIGINT NOT NULL, completed_ms BIGINT NOT NULL"
            " DEFAULT 0)",
            "CREATE TABLE blob_chunks (sha256 TEXT NOT NULL, offset_bytes BIGINT NOT NULL, data {bytes} NOT "
            "NULL,"
            " PRIMARY KEY (sha256, offset_bytes))",
            // size: what the naming record says the blob holds (an upload of another size is
            // refused, so nobody can block the real one by starting it with a wrong size).
            "CREATE TABLE blob_refs (sha256 TEXT NOT NULL, scope_key TEXT NOT NULL, size BIGINT NOT NULL,"
            " PRIMARY KEY (sha256, scope_key, size))",
        },
    };
    return steps;
}

std::string digestLine(std::string_view entity, std::string_view id, std::string_view stamp)
{
    std::string line;
    line.reserve(entity.size() + id.size() + stamp.size() + 2);
    line.append(entity).append("\n").append(id).append("\n").append(stamp);
    return line;
}

QString hexOf(const std::array<unsigned char, 32>& bytes)
{
    return QString::fromStdString(
        toHex(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size())));
}

std::array<unsigned char, 32> bytesOfHex(const QString& hex)
{
    std::array<unsigned char, 32> out{};
    const QByteArray raw = QByteArray::fromHex(hex.toLatin1());
    for (std::size_t i = 0; i < out.size() && i < static_cast<std::size_t>(raw.size()); ++i)
        out[i] = static_cast<unsigned char>(raw[static_cast<qsizetype>(i)]);
    return out;
}

}  // namespace

QSqlQuery runSql(QSqlDatabase& db, const QString& sql, const QVariantList& binds)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (binds.isEmpty()) {
        // Without parameters the statement is run directly: PostgreSQL cannot PREPARE DDL
        // or transaction control.
        if (!q.exec(sql)) fail(sql, q.lastError());
        return q;
    }
    if (!q.prepare(sql)) fail(sql, q.lastError());
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec()) fail(sql, q.lastError());
    return q;
}

QString tokenHash(const QByteArray& token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex());
}

// --- transactions ------------------------------------------------------------------------

WriteTransaction::WriteTransaction(ServerStore& store) : store_(store), db_(store.connection())
{
    runSql(db_, store.backend() == Backend::Postgres ? QStringLiteral("BEGIN")
                                                     : QStringLiteral("BEGIN IMMEDIATE"));
}

WriteTransaction::~WriteTransaction()
{
    if (!done_) QSqlQuery(db_).exec(QStringLiteral("ROLLBACK"));
}

void WriteTransaction::lockCommitOrder()
{
    if (locked_ || store_.backend() != Backend::Postgres) return;
    runSql(db_, QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kCommitOrderLock));
    locked_ = true;
}

std::int64_t WriteTransaction::takeSeq()
{
    return -(++provisional_);
}

void WriteTransaction::toggleDigest(const QString& ownerId, const std::string& line, int delta)
{
    DigestDelta& d = digest_[ownerId];
    d.count += delta;
    const std::string h = sha256(line);
    for (std::size_t i = 0; i < d.hash.size(); ++i)
        d.hash[i] ^= static_cast<unsigned char>(h[i]);
}

std::optional<QString> WriteTransaction::ownerOf(std::string_view accountId)
{
    auto it = owners_.find(accountId);
    if (it == owners_.end()) {
        // Locked (PostgreSQL) so that a reassignment cannot commit between this read and
        // our commit: the record's share of the digest goes to the owner it really has.
        QSqlQuery& q = store_.exec(
            db_,
            store_.backend() == Backend::Postgres
                ? QStringLiteral("SELECT rep_id FROM account_owner WHERE account_id = ? FOR SHARE")
                : QStringLiteral("SELECT rep_id FROM account_owner WHERE account_id = ?"),
            {qs(accountId)});
        std::optional<QString> owner;
        if (q.next()) owner = q.value(0).toString();
        q.finish();
        it = owners_.emplace(std::string(accountId), owner).first;
    }
    return it->second;
}

void WriteTransaction::commit()
{
    // Everything from here to COMMIT runs under the commit-order lock, if there is anything to
    // order: a transaction that wrote no records (sign-in, admin commands) does not queue.
    if (provisional_ > 0 || !digest_.empty()) lockCommitOrder();
    for (const auto& [owner, delta] : digest_) {
        std::int64_t count = delta.count;
        std::array<unsigned char, 32> hash = delta.hash;
        QSqlQuery& q =
            store_.exec(db_, QStringLiteral("SELECT n, hash FROM owner_digest WHERE rep_id = ?"), {owner});
        if (q.next()) {
            count += q.value(0).toLongLong();
            const auto stored = bytesOfHex(q.value(1).toString());
            for (std::size_t i = 0; i < hash.size(); ++i)
                hash[i] ^= stored[i];
        }
        q.finish();
        store_.exec(
            db_,
            QStringLiteral("INSERT INTO owner_digest (rep_id, n, hash) VALUES (?, ?, ?) ON CONFLICT (rep_id)"
                           " DO UPDATE SET n = excluded.n, hash = excluded.hash"),
            {owner, QVariant::fromValue<qlonglong>(count), hexOf(hash)});
    }
    digest_.clear();
    if (provisional_ > 0) {
        // Provisional seq -k (k = 1, 2, ...) becomes next_seq + k - 1: the order taken.
        QSqlQuery& q = store_.exec(db_, QStringLiteral("SELECT value FROM meta WHERE key = ?"),
                                   {QStringLiteral("next_seq")});
        if (!q.next()) throw StoreError("meta.next_seq is missing", false);
        const std::int64_t base = q.value(0).toLongLong();
        q.finish();
        const QVariant first = QVariant::fromValue<qlonglong>(base - 1);
        store_.exec(db_, QStringLiteral("UPDATE records SET seq = ? - seq WHERE seq < 0"), {first});
        store_.exec(db_, QStringLiteral("UPDATE purges SET seq = ? - seq WHERE seq < 0"), {first});
        store_.exec(db_, QStringLiteral("UPDATE meta SET value = ? WHERE key = ?"),
                    {QVariant::fromValue<qlonglong>(base + provisional_), QStringLiteral("next_seq")});
    }
    runSql(db_, QStringLiteral("COMMIT"));
    done_ = true;
}

ReadTransaction::ReadTransaction(ServerStore& store) : db_(store.connection())
{
    runSql(db_, store.backend() == Backend::Postgres ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ")
                                                     : QStringLiteral("BEGIN"));
}

ReadTransaction::~ReadTransaction()
{
    QSqlQuery(db_).exec(QStringLiteral("COMMIT"));
}

// --- opening -----------------------------------------------------------------------------

ServerStore::ServerStore(Backend backend, QString path, QString host, int port, QString user,
                         QString password, QString dbName)
    : backend_(backend), path_(std::move(path)), host_(std::move(host)), user_(std::move(user)),
      password_(std::move(password)), dbName_(std::move(dbName)), port_(port)
{}

Result<std::unique_ptr<ServerStore>> ServerStore::open(const QString& dataDir, const QString& databaseUrl)
{
    if (dataDir.isEmpty() == databaseUrl.isEmpty())
        return makeError(ErrorCode::BadFormat, "give exactly one of --data DIR or --database URL");
    std::unique_ptr<ServerStore> store;
    if (!dataDir.isEmpty()) {
        if (!QDir().mkpath(dataDir))
            return makeError(ErrorCode::Storage, "cannot create data directory " + dataDir.toStdString());
        store.reset(new ServerStore(Backend::Sqlite,
                                    QDir(dataDir).filePath(QStringLiteral("fieldbook-server.db")), {}, 0, {},
                                    {}, {}));
    } else {
        const QUrl url(databaseUrl);
        if (!url.isValid() ||
            (url.scheme() != QLatin1String("postgresql") && url.scheme() != QLatin1String("postgres")))
            return makeError(ErrorCode::BadFormat,
                             "database URL must look like postgresql://user@host:port/database");
        QString name = url.path();
        if (name.startsWith(QLatin1Char('/'))) name.remove(0, 1);
        if (name.isEmpty()) return makeError(ErrorCode::BadFormat, "database URL names no database");
        store.reset(new ServerStore(Backend::Postgres, {},
                                    url.host().isEmpty() ? QStringLiteral("127.0.0.1") : url.host(),
                                    url.port(5432), url.userName(), url.password(), name));
    }
    try {
        store->connection();
        auto migrated = store->migrate();
        if (!migrated) return migrated.error();
    } catch (const StoreError& e) {
        return makeError(ErrorCode::Storage, e.what());
    }
    return store;
}

ServerStore::~ServerStore()
{
    std::lock_guard lock(mutex_);
    statements_.clear();  // prepared statements go before their connections
    for (const QString& name : connectionNames_)
        QSqlDatabase::removeDatabase(name);
}

QSqlDatabase ServerStore::openConnection(const QString& name)
{
    QSqlDatabase db;
    if (backend_ == Backend::Sqlite) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path_);
        // Writers queue behind BEGIN IMMEDIATE for up to 10 s before a request answers 429.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    } else {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(host_);
        db.setPort(port_);
        db.setUserName(user_);
        db.setPassword(password_);
        db.setDatabaseName(dbName_);
    }
    if (!db.open()) {
        const QSqlError error = db.lastError();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        fail(QStringLiteral("cannot open the database"), error);
    }
    if (backend_ == Backend::Sqlite) {
        runSql(db, QStringLiteral("PRAGMA journal_mode=WAL"));
        runSql(db, QStringLiteral("PRAGMA synchronous=NORMAL"));
    } else {
        // libpq prints NOTICEs to stderr, which would break the one-JSON-object-per-line log.
        runSql(db, QStringLiteral("SET client_min_messages TO WARNING"));
        // Statements are prepared once per connection (exec), but each execution is planned
        // for its own parameters: a generic plan of the pull walks the seq index from the
        // start for every first sync (cursor 0) instead of starting from the rep's accounts.
        runSql(db, QStringLiteral("SET plan_cache_mode = force_custom_plan"));
    }
    return db;
}

QSqlDatabase ServerStore::connection()
{
    const QString name = QStringLiteral("fb-server-%1-%2")
                             .arg(reinterpret_cast<quintptr>(this))
                             .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()));
    {
        std::lock_guard lock(mutex_);
        if (connectionNames_.count(name)) return QSqlDatabase::database(name, false);
    }
    QSqlDatabase db = openConnection(name);
    std::lock_guard lock(mutex_);
    connectionNames_.insert(name);
    return db;
}

QSqlQuery& ServerStore::exec(QSqlDatabase& db, const QString& sql, const QVariantList& binds)
{
    std::map<QString, QSqlQuery>* cache = nullptr;
    {
        std::lock_guard lock(mutex_);
        auto& slot = statements_[db.connectionName()];
        if (!slot) slot = std::make_unique<std::map<QString, QSqlQuery>>();
        cache = slot.get();
    }
    auto it = cache->find(sql);
    if (it == cache->end()) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.prepare(sql)) fail(sql, q.lastError());
        it = cache->emplace(sql, std::move(q)).first;
    }
    QSqlQuery& q = it->second;
    q.finish();
    for (qsizetype i = 0; i < binds.size(); ++i)
        q.bindValue(static_cast<int>(i), binds[i]);
    if (!q.exec()) {
        const QSqlError error = q.lastError();
        cache->erase(it);  // a broken connection or statement is prepared afresh next time
        fail(sql, error);
    }
    return q;
}

Result<void> ServerStore::migrate()
{
    // Two instances starting together on one PostgreSQL database must not both create the
    // tables: the migration runs under the commit-order lock.
    WriteTransaction tx(*this);
    tx.lockCommitOrder();
    runSql(tx.db(),
           QStringLiteral("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL)"));
    int version = 0;
    {
        QSqlQuery q = runSql(tx.db(), QStringLiteral("SELECT value FROM meta WHERE key = ?"),
                             {QStringLiteral("schema_version")});
        if (q.next()) version = static_cast<int>(q.value(0).toLongLong());
    }
    if (version > kSchemaVersion)
        return makeError(ErrorCode::Conflict,
                         "the database was written by a newer fieldbook-server (schema " +
                             std::to_string(version) + "); refusing to touch it");
    const auto& steps = migrationSteps();
    for (int v = version; v < kSchemaVersion; ++v)
        for (const char* sql : steps[static_cast<std::size_t>(v)])
            runSql(tx.db(),
                   QString::fromLatin1(sql).replace(QLatin1String("{bytes}"), backend_ == Backend::Sqlite
                                                                                  ? QLatin1String("BLOB")
                                                                                  : QLatin1String("BYTEA")));
    if (version > 0 && version < 3) convertRecordsToStep3(tx);
    if (version == 0)
        runSql(tx.db(), QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)"),
               {QStringLiteral("schema_version"), QVariant::fromValue<qlonglong>(kSchemaVersion)});
    else if (version < kSchemaVersion)
        runSql(tx.db(), QStringLiteral("UPDATE meta SET value = ? WHERE key = ?"),
               {QVariant::fromValue<qlonglong>(kSchemaVersion), QStringLiteral("schema_version")});
    tx.commit();
    return {};
}

void ServerStore::convertRecordsToStep3(WriteTransaction& tx)
{
    struct Row {
        QString entity, id, accountId;
        QString hlc, rest, maxStamp;
    };
    std::vector<Row> rows;
    {
        QSqlQuery q = runSql(
            tx.db(), QStringLiteral("SELECT entity, id, account_id, fields_json, clocks_json FROM records"));
        while (q.next()) {
            const std::string entity = q.value(0).toString().toStdString();
            auto fields =
                sync::fieldsFromJson(entity, QJsonDocument::fromJson(q.value(3).toByteArray()).object());
            auto clocks = sync::clocksFromJson(QJsonDocument::fromJson(q.value(4).toByteArray()).object());
            if (!fields || !clocks)
                throw StoreError("record " + entity + " " + q.value(1).toString().toStdString() +
                                     " cannot be converted: its stored JSON is unreadable",
                                 false);
            const sync::WireClocks wire = sync::compactClocks(*fields, *clocks);
            rows.push_back({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), qs(wire.hlc),
                            QString::fromUtf8(compact(sync::clocksToJson(wire.rest))),
                            qs(maxStamp(*clocks))});
        }
    }
    for (const Row& r : rows) {
        runSql(tx.db(),
               QStringLiteral(
                   "UPDATE records SET hlc = ?, clocks_json = ?, max_stamp = ? WHERE entity = ? AND id = ?"),
               {r.hlc, r.rest, r.maxStamp, r.entity, r.id});
        if (auto owner = tx.ownerOf(r.accountId.toStdString()))
            tx.toggleDigest(
                *owner, digestLine(r.entity.toStdString(), r.id.toStdString(), r.maxStamp.toStdString()), +1);
    }
}

void ServerStore::raiseFlag(WriteTransaction& tx, const Flag& flag)
{
    exec(tx.db(),
         QStringLiteral(
             "INSERT INTO flags (id, rule, entity, record_id, user_id, device_id, message, created_ms)"
             " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
         {QUuid::createUuid().toString(QUuid::WithoutBraces), qs(flag.rule), qs(flag.entity),
          qs(flag.recordId), flag.userId, flag.deviceId, qs(flag.message),
          QVariant::fromValue<qlonglong>(flag.createdMs)});
}

std::vector<Flag> ServerStore::flags(QSqlDatabase& db)
{
    std::vector<Flag> out;
    QSqlQuery q = runSql(db, QStringLiteral("SELECT rule, entity, record_id, user_id, device_id, message,"
                                            " created_ms FROM flags ORDER BY created_ms, id"));
    while (q.next())
        out.push_back(Flag{q.value(0).toString().toStdString(), q.value(1).toString().toStdString(),
                           q.value(2).toString().toStdString(), q.value(3).toString(), q.value(4).toString(),
                           q.value(5).toString().toStdString(), q.value(6).toLongLong()});
    return out;
}

std::vector<StoredRecord> ServerStore::recordsInScope(QSqlDatabase& db, std::string_view entity,
                                                      std::string_view scopeKey)
{
    std::vector<StoredRecord> out;
    const QString columns =
        QStringLiteral("SELECT account_id, fields_json, clocks_json, seq, hlc, writer_device, id"
                       " FROM records WHERE entity = ?");
    QSqlQuery& q = scopeKey.empty() ? exec(db, columns + QStringLiteral(" ORDER BY seq"), {qs(entity)})
                                    : exec(db, columns + QStringLiteral(" AND account_id = ? ORDER BY seq"),
                                           {qs(entity), qs(scopeKey)});
    while (q.next()) {
        const std::string id = q.value(6).toString().toStdString();
        out.push_back(decodeRecord(entity, id, q));
    }
    q.finish();
    return out;
}

// --- people and devices ------------------------------------------------------------------

namespace {

UserRow readUser(QSqlQuery& q)
{
    return UserRow{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                   q.value(3).toString(), q.value(4).toString(), q.value(5).toByteArray()};
}

DeviceRow readDevice(QSqlQuery& q)
{
    return DeviceRow{q.value(0).toString(),        q.value(1).toString(),   q.value(2).toString(),
                     q.value(3).toLongLong() != 0, q.value(4).toLongLong(), q.value(5).toLongLong(),
                     q.value(6).toLongLong(),      q.value(7).toLongLong(), q.value(8).toString(),
                     q.value(9).toLongLong(),      q.value(10).toString(),  q.value(11).toLongLong()};
}

const char* kUserColumns = "SELECT id, login, display_name, role, team_id, password_hash FROM users WHERE ";
const char* kDeviceColumns = "SELECT id, user_id, name, revoked, last_seq, pulled_seq, last_sync_ms, "
                             "wiped_ms, token_hash, token_expires_ms,"
                             " prev_token_hash, prev_token_expires_ms FROM devices WHERE ";

}  // namespace

std::optional<UserRow> ServerStore::userByLogin(QSqlDatabase& db, const QString& login)
{
    QSqlQuery q = runSql(db, QLatin1String(kUserColumns) + QLatin1String("login = ?"), {login});
    if (!q.next()) return std::nullopt;
    return readUser(q);
}

std::optional<UserRow> ServerStore::userById(QSqlDatabase& db, const QString& id)
{
    QSqlQuery& q = exec(db, QLatin1String(kUserColumns) + QLatin1String("id = ?"), {id});
    std::optional<UserRow> row;
    if (q.next()) row = readUser(q);
    q.finish();
    return row;
}

std::optional<DeviceRow> ServerStore::deviceById(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q = runSql(db, QLatin1String(kDeviceColumns) + QLatin1String("id = ?"), {id});
    if (!q.next()) return std::nullopt;
    return readDevice(q);
}

std::optional<DeviceRow> ServerStore::deviceByTokenHash(QSqlDatabase& db, const QString& hash)
{
    // The current token first (every request but the few after a renewal), then the previous.
    for (const char* column : {"token_hash = ?", "prev_token_hash = ?"}) {
        QSqlQuery& q = exec(db, QLatin1String(kDeviceColumns) + QLatin1String(column), {hash});
        std::optional<DeviceRow> row;
        if (q.next()) row = readDevice(q);
        q.finish();
        if (row) return row;
    }
    return std::nullopt;
}

QString ServerStore::teamName(QSqlDatabase& db, const QString& teamId)
{
    if (teamId.isEmpty()) return {};
    QSqlQuery q = runSql(db, QStringLiteral("SELECT name FROM teams WHERE id = ?"), {teamId});
    return q.next() ? q.value(0).toString() : QString();
}

std::optional<QString> ServerStore::teamIdByName(QSqlDatabase& db, const QString& name)
{
    QSqlQuery q = runSql(db, QStringLiteral("SELECT id FROM teams WHERE name = ?"), {name});
    if (!q.next()) return std::nullopt;
    return q.value(0).toString();
}

// --- records -----------------------------------------------------------------------------

// A row of (account_id, fields_json, clocks_json, seq, hlc, writer_device) as a record.
StoredRecord ServerStore::decodeRecord(std::string_view entity, std::string_view id, QSqlQuery& q)
{
    StoredRecord r;
    r.id = id;
    r.accountId = q.value(0).toString().toStdString();
    r.seq = q.value(3).toLongLong();
    const QByteArray fieldsJson = q.value(1).toByteArray();
    const QByteArray clocksJson = q.value(2).toByteArray();
    const std::string hlc = q.value(4).toString().toStdString();
    r.writerDevice = q.value(5).toString().toStdString();
    auto decodedFields = sync::fieldsFromJson(entity, QJsonDocument::fromJson(fieldsJson).object());
    auto decodedClocks = sync::clocksFromJson(QJsonDocument::fromJson(clocksJson).object());
    if (!decodedFields || !decodedClocks)
        throw StoreError("stored record " + std::string(entity) + " " + std::string(id) + " is unreadable",
                         false);
    r.state.clocks = sync::expandClocks(*decodedFields, hlc, *decodedClocks);
    r.state.fields = std::move(*decodedFields);
    return r;
}

std::optional<StoredRecord> ServerStore::record(QSqlDatabase& db, std::string_view entity,
                                                std::string_view id)
{
    return readRecord(db, entity, id, false);
}

std::optional<StoredRecord> ServerStore::recordForWrite(WriteTransaction& tx, std::string_view entity,
                                                        std::string_view id)
{
    return readRecord(tx.db(), entity, id, backend_ == Backend::Postgres);
}

std::optional<StoredRecord> ServerStore::readRecord(QSqlDatabase& db, std::string_view entity,
                                                    std::string_view id, bool lock)
{
    QSqlQuery& q =
        exec(db,
             lock ? QStringLiteral("SELECT account_id, fields_json, clocks_json, seq, hlc, writer_device"
                                   " FROM records WHERE entity = ? AND id = ? FOR UPDATE")
                  : QStringLiteral("SELECT account_id, fields_json, clocks_json, seq, hlc, writer_device"
                                   " FROM records WHERE entity = ? AND id = ?"),
             {qs(entity), qs(id)});
    if (!q.next()) {
        q.finish();
        return std::nullopt;
    }
    StoredRecord r = decodeRecord(entity, id, q);
    q.finish();
    return r;
}

std::optional<DeviceRow> ServerStore::deviceForWrite(WriteTransaction& tx, const QString& id)
{
    QSqlQuery& q = exec(tx.db(),
                        QLatin1String(kDeviceColumns) + (backend_ == Backend::Postgres
                                                             ? QLatin1String("id = ? FOR UPDATE")
                                                             : QLatin1String("id = ?")),
                        {id});
    std::optional<DeviceRow> row;
    if (q.next()) row = readDevice(q);
    q.finish();
    return row;
}

bool ServerStore::accountExists(QSqlDatabase& db, std::string_view accountId)
{
    QSqlQuery& q = exec(db, QStringLiteral("SELECT 1 FROM records WHERE entity = ? AND id = ?"),
                        {QStringLiteral("account"), qs(accountId)});
    const bool found = q.next();
    q.finish();
    return found;
}

std::optional<QString> ServerStore::accountOwner(QSqlDatabase& db, std::string_view accountId)
{
    QSqlQuery& q =
        exec(db, QStringLiteral("SELECT rep_id FROM account_owner WHERE account_id = ?"), {qs(accountId)});
    std::optional<QString> owner;
    if (q.next()) owner = q.value(0).toString();
    q.finish();
    return owner;
}

void ServerStore::setAccountOwner(WriteTransaction& tx, std::string_view accountId, const QString& userId)
{
    const std::optional<QString> previous = tx.ownerOf(accountId);
    if (previous == userId) return;
    runSql(tx.db(),
           QStringLiteral("INSERT INTO account_owner (account_id, rep_id) VALUES (?, ?)"
                          " ON CONFLICT (account_id) DO UPDATE SET rep_id = excluded.rep_id"),
           {qs(accountId), userId});
    tx.owners_[std::string(accountId)] = userId;
    // The account's records leave the old owner's digest for the new owner's.
    QSqlQuery q =
        runSql(tx.db(), QStringLiteral("SELECT entity, id, max_stamp FROM records WHERE account_id = ?"),
               {qs(accountId)});
    while (q.next()) {
        const std::string line =
            digestLine(q.value(0).toString().toStdString(), q.value(1).toString().toStdString(),
                       q.value(2).toString().toStdString());
        if (previous) tx.toggleDigest(*previous, line, -1);
        tx.toggleDigest(userId, line, +1);
    }
}

void ServerStore::writeRecord(WriteTransaction& tx, std::string_view entity, std::string_view id,
                              std::string_view accountId, const RecordState& state)
{
    writeRecord(tx, entity, id, accountId, state, recordForWrite(tx, entity, id));
}

void ServerStore::writeRecord(WriteTransaction& tx, std::string_view entity, std::string_view id,
                              std::string_view accountId, const RecordState& state,
                              const std::optional<StoredRecord>& prior, const std::string& writerDevice)
{
    auto fields = sync::fieldsToJson(entity, state.fields);
    if (!fields)
        throw StoreError("cannot encode " + std::string(entity) + ": " + fields.error().message, false);
    for (const auto& [name, value] : state.fields)
        if (!state.clocks.count(name))
            throw StoreError(
                std::string(entity) + " " + std::string(id) + ": field " + name + " has no stamp", false);
    const sync::WireClocks wire = sync::compactClocks(state.fields, state.clocks);
    const std::string top = maxStamp(state.clocks);
    const std::int64_t seq = tx.takeSeq();
    exec(tx.db(),
         QStringLiteral(
             "INSERT INTO records (entity, id, account_id, fields_json, clocks_json, seq, max_stamp, hlc,"
             " writer_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entity, id)"
             " DO UPDATE SET account_id = excluded.account_id, fields_json = excluded.fields_json,"
             " clocks_json = excluded.clocks_json, seq = excluded.seq, max_stamp = excluded.max_stamp,"
             " hlc = excluded.hlc, writer_device = excluded.writer_device"),
         {qs(entity), qs(id), qs(accountId), QString::fromUtf8(compact(*fields)),
          QString::fromUtf8(compact(sync::clocksToJson(wire.rest))), QVariant::fromValue<qlonglong>(seq),
          qs(top), qs(wire.hlc), qs(writerDevice)});
    if (prior)
        if (auto owner = tx.ownerOf(prior->accountId))
            tx.toggleDigest(*owner, digestLine(entity, id, maxStamp(prior->state.clocks)), -1);
    if (auto owner = tx.ownerOf(accountId)) tx.toggleDigest(*owner, digestLine(entity, id, top), +1);
    // The attachments it names may now be uploaded, and fetched by whoever sees the record
    // (an entity with a blob field declares its byte count as `size`).
    if (const schema::Entity* e = schema::entity(entity))
        for (const schema::Field& f : e->fields)
            if (f.type == schema::FieldType::Blob)
                if (const std::string digest = fieldText(state.fields, f.name); !digest.empty()) {
                    const auto size = state.fields.find("size");
                    const std::int64_t bytes =
                        size != state.fields.end() && std::holds_alternative<std::int64_t>(size->second)
                            ? std::get<std::int64_t>(size->second)
                            : 0;
                    exec(tx.db(),
                         QStringLiteral("INSERT INTO blob_refs (sha256, scope_key, size) VALUES (?, ?, ?)"
                                        " ON CONFLICT (sha256, scope_key, size) DO NOTHING"),
                         {qs(digest), qs(accountId), QVariant::fromValue<qlonglong>(bytes)});
                }
}

ScopeDigest ServerStore::scopeDigest(QSqlDatabase& db, const Viewer& viewer)
{
    QVariantList binds;
    const QString condition = scopeCondition(viewer, binds);
    QSqlQuery q =
        runSql(db, QStringLiteral("SELECT o.n, o.hash FROM owner_digest o WHERE ") + condition, binds);
    ScopeDigest digest;
    std::array<unsigned char, 32> acc{};
    while (q.next()) {
        digest.count += q.value(0).toLongLong();
        const auto hash = bytesOfHex(q.value(1).toString());
        for (std::size_t i = 0; i < acc.size(); ++i)
            acc[i] ^= hash[i];
    }
    digest.hash = hexOf(acc).toStdString();
    return digest;
}

QString ServerStore::scopeCondition(const Viewer& viewer, QVariantList& binds)
{
    if (viewer.role == QLatin1String("admin")) return QStringLiteral("1 = 1");
    binds << viewer.userId;
    if (viewer.role == QLatin1String("manager") && !viewer.teamId.isEmpty()) {
        binds << viewer.teamId;
        return QStringLiteral(
            "(o.rep_id = ? OR o.rep_id = '' OR o.rep_id IN (SELECT id FROM users WHERE team_id = ?))");
    }
    return QStringLiteral("(o.rep_id = ? OR o.rep_id = '')");
}

std::string ServerStore::ownerScopeKey(std::string_view userId)
{
    return "user:" + std::string(userId);
}

std::optional<ServerStore::ScopeKey> ServerStore::scopeKeyOf(const schema::Entity& e, std::string_view id,
                                                             const Fields& fields)
{
    auto text = [&](std::string_view name) -> std::optional<std::string> {
        std::string value = fieldText(fields, name);
        if (value.empty()) return std::nullopt;
        return value;
    };
    switch (e.scope) {
    case schema::ScopeKind::AccountRoot:
        return ScopeKey{std::string(id), {}};
    case schema::ScopeKind::AccountChild:
        if (auto account = text(e.scopeField)) return ScopeKey{*account, {}};
        return std::nullopt;
    case schema::ScopeKind::Owner:
        if (auto owner = text(e.scopeField))
            return ScopeKey{ownerScopeKey(*owner), QString::fromStdString(*owner)};
        return std::nullopt;
    case schema::ScopeKind::Global:
        return ScopeKey{kGlobalScopeKey, {}};
    }
    return std::nullopt;
}

bool ServerStore::ownerInScope(QSqlDatabase& db, const Viewer& viewer, const QString& ownerId)
{
    // '' owns the reference data: everyone reads it (nobody but the server writes it).
    if (viewer.role == QLatin1String("admin") || ownerId == viewer.userId || ownerId.isEmpty()) return true;
    if (viewer.role != QLatin1String("manager") || viewer.teamId.isEmpty()) return false;
    auto owner = userById(db, ownerId);
    return owner && owner->teamId == viewer.teamId;
}

std::set<QString> ServerStore::viewersOf(QSqlDatabase& db, const QString& ownerId)
{
    std::set<QString> viewers{ownerId};
    auto owner = userById(db, ownerId);
    if (owner && !owner->teamId.isEmpty()) {
        QSqlQuery q = runSql(db, QStringLiteral("SELECT id FROM users WHERE team_id = ? AND role = ?"),
                             {owner->teamId, QStringLiteral("manager")});
        while (q.next())
            viewers.insert(q.value(0).toString());
    }
    return viewers;
}

Result<int> ServerStore::reassignAccount(const std::string& accountId, const QString& toUserId)
{
    WriteTransaction tx(*this);
    if (!accountExists(tx.db(), accountId)) return makeError(ErrorCode::NotFound, "no account " + accountId);
    if (!userById(tx.db(), toUserId)) return makeError(ErrorCode::NotFound, "no such user");
    const auto oldOwner = accountOwner(tx.db(), accountId);
    const std::set<QString> before = oldOwner ? viewersOf(tx.db(), *oldOwner) : std::set<QString>{};
    setAccountOwner(tx, accountId, toUserId);
    const std::set<QString> after = viewersOf(tx.db(), toUserId);

    std::vector<std::pair<QString, QString>> subtree;
    {
        QSqlQuery q = runSql(
            tx.db(), QStringLiteral("SELECT entity, id FROM records WHERE account_id = ? ORDER BY seq"),
            {qs(accountId)});
        while (q.next())
            subtree.emplace_back(q.value(0).toString(), q.value(1).toString());
    }
    for (const auto& [entity, id] : subtree)
        runSql(tx.db(),
               QStringLiteral("UPDATE records SET seq = ?, writer_device = '' WHERE entity = ? AND id = ?"),
               {QVariant::fromValue<qlonglong>(tx.takeSeq()), entity, id});
    for (const QString& user : before)
        if (!after.count(user))
            runSql(tx.db(), QStringLiteral("INSERT INTO purges (seq, account_id, user_id) VALUES (?, ?, ?)"),
                   {QVariant::fromValue<qlonglong>(tx.takeSeq()), qs(accountId), user});
    tx.commit();
    return static_cast<int>(subtree.size());
}

QString ServerStore::dump()
{
    QSqlDatabase db = connection();
    QStringList out;
    for (const char* table : {"meta", "teams", "users", "devices", "push_results", "records", "account_owner",
                              "purges", "owner_digest", "flags", "blobs", "blob_chunks", "blob_refs"}) {
        QStringList rows;
        QSqlQuery q = runSql(db, QStringLiteral("SELECT * FROM %1").arg(QLatin1String(table)));
        while (q.next()) {
            QStringList cells;
            const QSqlRecord rec = q.record();
            for (int i = 0; i < rec.count(); ++i)
                cells << rec.fieldName(i) + QLatin1Char('=') + q.value(i).toString();
            rows << cells.join(QLatin1Char('|'));
        }
        rows.sort();
        out << QLatin1String("## ") + QLatin1String(table);
        out << rows;
    }
    return out.join(QLatin1Char('\n'));
}

}  // namespace fb::server
