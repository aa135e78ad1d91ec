// The server store's own bookkeeping: each owner's scope digest follows every kind of write
// (pushes from several reps, merges, reassignment) and always equals a digest computed from
// the records, and a database written by the previous server version (schema 2: full
// per-field stamps, no owner digests) is migrated with nothing lost.
#include <catch2/catch.hpp>

#include <QSqlDatabase>
#include <QSqlQuery>

#include "fieldbook/core/replica.h"
#include "fieldbook/sync/protocol.h"
#include "fixture.h"

using namespace fb::server;
using namespace fb::server::test;

namespace {

// The digest of everything `viewer` sees, computed from every record.
fb::ScopeDigest fullDigest(ServerStore& store, const Viewer& viewer)
{
    QSqlDatabase db = store.connection();
    QVariantList binds;
    const QString condition = ServerStore::scopeCondition(viewer, binds);
    QSqlQuery q = runSql(db,
                         QStringLiteral("SELECT r.entity, r.id FROM records r JOIN account_owner o"
                                        " ON o.account_id = r.account_id WHERE ") +
                             condition,
                         binds);
    std::vector<std::pair<std::string, std::string>> rows;
    while (q.next())
        rows.emplace_back(q.value(0).toString().toStdString(), q.value(1).toString().toStdString());
    std::array<unsigned char, 32> acc{};
    fb::ScopeDigest d;
    for (const auto& [entity, id] : rows) {
        auto record = store.record(db, entity, id);
        REQUIRE(record);
        const std::string h = fb::sha256(entity + "\n" + id + "\n" + fb::maxStamp(record->state.clocks));
        for (std::size_t i = 0; i < acc.size(); ++i)
            acc[i] ^= static_cast<unsigned char>(h[i]);
        ++d.count;
    }
    d.hash = fb::toHex(std::string_view(reinterpret_cast<const char*>(acc.data()), acc.size()));
    return d;
}

Viewer viewerOf(ServerStore& store, const char* login)
{
    QSqlDatabase db = store.connection();
    auto user = store.userByLogin(db, QString::fromLatin1(login));
    REQUIRE(user);
    return Viewer{user->id, user->role, user->teamId};
}

}  // namespace

TEST_CASE("each owner's scope digest follows every write and equals one computed from the records",
          "[server][store]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    Session b = f.signIn("zhang.wei", uuid(1002));
    Session m = f.signIn("manager", uuid(1003));
    auto check = [&] {
        for (const char* login : {"li.na", "zhang.wei", "manager", "chen.jie"}) {
            const Viewer v = viewerOf(*f.store, login);
            const fb::ScopeDigest kept = [&] {
                QSqlDatabase db = f.store->connection();
                return f.store->scopeDigest(db, v);
            }();
            const fb::ScopeDigest full = fullDigest(*f.store, v);
            INFO(login);
            CHECK(kept.count == full.count);
            CHECK(kept.hash == full.hash);
        }
    };
    check();
    REQUIRE(f.push(a, {f.change(a, "account", uuid(1), "create", account("杭州恒达建材有限公司")),
                       f.change(a, "key_person", uuid(50), "create",
                                {{"account_id", uuid(1)}, {"name", "王强"}, {"role", "head"}}),
                       f.change(a, "account", uuid(2), "create", account("留下的客户"))})
                .status == 200);
    REQUIRE(f.push(b, {f.change(b, "account", uuid(3), "create", account("宁波港城物流有限公司"))}).status ==
            200);
    check();
    // An edit, and a manager's edit that wins one field and loses another (merge).
    f.clock.advance(1000);
    REQUIRE(
        f.push(a, {f.change(a, "account", uuid(1), "update", {{"tier", "KA"}, {"region", "杭州"}})}).status ==
        200);
    REQUIRE(
        f.push(m, {f.change(m, "account", uuid(1), "update", {{"tier", "B"}}, f.clock.nowMs() + 500),
                   f.change(m, "account", uuid(1), "update", {{"region", "宁波"}}, f.clock.nowMs() - 5000)})
            .status == 200);
    check();
    // Reassignment moves the subtree's share between owners.
    REQUIRE(f.admin->assign(uuid(1), "zhang.wei"));
    check();
    REQUIRE(f.admin->assign(uuid(1), "chen.jie"));
    check();
    // What a pull reports is the kept digest.
    const QJsonObject scope = f.pullAll(b).value("scope").toObject();
    const fb::ScopeDigest full = fullDigest(*f.store, viewerOf(*f.store, "zhang.wei"));
    CHECK(scope.value("count").toInt() == full.count);
    CHECK(scope.value("hash").toString().toStdString() == full.hash);
}

TEST_CASE("a database of the previous server version is migrated with every record and stamp intact",
          "[server][store]")
{
    QTemporaryDir dir;
    const std::string rep = "0190a000-0000-7000-8000-00000000aaaa";
    const std::string account = "0190a000-0000-7000-8000-000000000001";
    const std::string person = "0190a000-0000-7000-8000-000000000002";
    const std::string s1 = fb::HlcStamp{1763000000000, 0, "0190a000-0000-7000-8000-00000000d001"}.toString();
    const std::string s2 = fb::HlcStamp{1763000005000, 2, "0190a000-0000-7000-8000-00000000d002"}.toString();
    const fb::RecordState accountState{{{"name", std::string("杭州恒达建材有限公司")},
                                        {"tier", std::string("KA")},
                                        {"stage", std::string("growth")},
                                        {"region", fb::Value{}}},
                                       {{"name", s1}, {"tier", s2}, {"stage", s1}, {"region", s2}}};
    const fb::RecordState personState{
        {{"account_id", account}, {"name", std::string("王强")}, {"role", std::string("head")}},
        {{"account_id", s1}, {"name", s1}, {"role", s1}}};
    {
        // Schema 2 exactly as that version wrote it: full stamps per field in clocks_json;
        // one row from before max_stamp existed ('').
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2"));
        db.setDatabaseName(dir.filePath(QStringLiteral("fieldbook-server.db")));
        REQUIRE(db.open());
        for (const char* sql : {
                 "CREATE TABLE meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL)",
                 "CREATE TABLE teams (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, manager_id TEXT)",
                 "CREATE TABLE users (id TEXT PRIMARY KEY, login TEXT NOT NULL UNIQUE, display_name TEXT NOT "
                 "NULL,"
                 " role TEXT NOT NULL, team_id TEXT NOT NULL DEFAULT '', password_hash TEXT NOT NULL,"
                 " created_ms BIGINT NOT NULL)",
                 "CREATE INDEX users_team ON users(team_id)",
                 "CREATE TABLE devices (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, name TEXT NOT NULL,"
                 " token_hash TEXT UNIQUE, revoked INTEGER NOT NULL DEFAULT 0, last_seq BIGINT NOT NULL "
                 "DEFAULT 0,"
                 " pulled_seq BIGINT NOT NULL DEFAULT 0, last_seen_ms BIGINT NOT NULL DEFAULT 0,"
                 " last_sync_ms BIGINT NOT NULL DEFAULT 0, wiped_ms BIGINT NOT NULL DEFAULT 0)",
                 "CREATE TABLE push_results (device_id TEXT NOT NULL, seq BIGINT NOT NULL, result_json TEXT "
                 "NOT NULL,"
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
                 "INSERT INTO meta (key, value) VALUES ('next_seq', 3)",
                 "ALTER TABLE records ADD COLUMN max_stamp TEXT NOT NULL DEFAULT ''",
                 "INSERT INTO meta (key, value) VALUES ('schema_version', 2)",
             })
            REQUIRE(QSqlQuery(db).exec(QString::fromLatin1(sql)));
        QSqlQuery insertUser(db);
        REQUIRE(insertUser.exec(
            QStringLiteral("INSERT INTO users VALUES ('%1', 'li.na', '李娜', 'rep', '', 'x', 0)")
                .arg(QString::fromStdString(rep))));
        REQUIRE(QSqlQuery(db).exec(QStringLiteral("INSERT INTO account_owner VALUES ('%1', '%2')")
                                       .arg(QString::fromStdString(account), QString::fromStdString(rep))));
        auto insert = [&](const char* entity, const std::string& id, const fb::RecordState& state,
                          std::int64_t seq, const std::string& maxStamp) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?)"));
            q.addBindValue(QString::fromLatin1(entity));
            q.addBindValue(QString::fromStdString(id));
            q.addBindValue(QString::fromStdString(account));
            q.addBindValue(QString::fromUtf8(
                QJsonDocument(*fb::sync::fieldsToJson(entity, state.fields)).toJson(QJsonDocument::Compact)));
            q.addBindValue(QString::fromUtf8(
                QJsonDocument(fb::sync::clocksToJson(state.clocks)).toJson(QJsonDocument::Compact)));
            q.addBindValue(QVariant::fromValue<qlonglong>(seq));
            q.addBindValue(QString::fromStdString(maxStamp));
            REQUIRE(q.exec());
        };
        insert("account", account, accountState, 1, s2);
        insert("key_person", person, personState, 2, "");
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v2"));

    auto opened = ServerStore::open(dir.path(), {});
    REQUIRE(opened);
    ServerStore& store = **opened;
    QSqlDatabase db = store.connection();
    auto a = store.record(db, "account", account);
    auto p = store.record(db, "key_person", person);
    REQUIRE(a);
    REQUIRE(p);
    CHECK(a->state.fields == accountState.fields);
    CHECK(a->state.clocks == accountState.clocks);
    CHECK(p->state.fields == personState.fields);
    CHECK(p->state.clocks == personState.clocks);
    // Stored the way a pull sends it: the shared stamp once, the others by field.
    QSqlQuery q = runSql(db, QStringLiteral("SELECT hlc, clocks_json, max_stamp FROM records WHERE id = ?"),
                         {QString::fromStdString(person)});
    REQUIRE(q.next());
    CHECK(q.value(0).toString().toStdString() == s1);
    CHECK(q.value(1).toString() == QStringLiteral("{}"));
    CHECK(q.value(2).toString().toStdString() == s1);
    const Viewer viewer{QString::fromStdString(rep), QStringLiteral("rep"), {}};
    const fb::ScopeDigest kept = store.scopeDigest(db, viewer);
    const fb::ScopeDigest full = fullDigest(store, viewer);
    CHECK(kept.count == 2);
    CHECK(kept.hash == full.hash);
    CHECK(runSql(db, QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")).next());
}
