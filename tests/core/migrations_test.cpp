// Migrations: a database left at any past schema version opens in this build with its
// data intact, and ends with exactly the tables and columns the registry declares.
#include <catch2/catch.hpp>

#include <set>

#include "fakes/temp_db.h"
#include "fieldbook/core/lifecycle.h"
#include "fieldbook/core/migrations.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/schema.h"

using namespace fb;

namespace {

std::set<std::string> columns(Database& db, const std::string& table)
{
    std::set<std::string> out;
    Statement st = db.prepare("SELECT name FROM pragma_table_info(?)");
    st.bind(1, table);
    while (st.step())
        out.insert(st.text(0));
    return out;
}

// Data as an app at `version` would have written it, with that version's columns only.
void seedAtVersion(Database& db, int version)
{
    Transaction tx(db);
    if (version >= 1) {
        db.execScript("INSERT INTO device (id, device_id, hlc, next_seq, created_ms) VALUES "
                      "(1, '0190a000-0000-7000-8000-000000000001', '', 3, 0)");
        db.execScript("INSERT INTO outbox (seq, entity, record_id, op, fields, hlc) VALUES "
                      "(1, 'account', '0190a000-0000-7000-8000-00000000000a', 'create', '{}', 'h1'),"
                      "(2, 'key_person', '0190a000-0000-7000-8000-00000000000b', 'create', '{}', 'h2')");
    }
    if (version >= 2) {
        db.execScript("INSERT INTO account (id, name, tier, stage, phone, address) VALUES "
                      "('0190a000-0000-7000-8000-00000000000a', '長沙湘江賓館', 'KA', 'maturity', "
                      "'073188886666', '长沙市芙蓉区')");
        db.execScript("INSERT INTO key_person (id, account_id, name, role) VALUES "
                      "('0190a000-0000-7000-8000-00000000000b', '0190a000-0000-7000-8000-00000000000a', "
                      "'单小明', 'head')");
    }
    // From version 3 on, an app kept the search index in step with its writes.
    if (version >= 3) rebuildSearchIndex(tx);
    if (version >= 4) {
        // Version 4 kept the last error as "code: message"; from storage step 5 on, two keys.
        if (version == 4)
            db.execScript("INSERT INTO sync_state (key, value) VALUES ('token', 't0'),"
                          " ('last_error', 'network: No reply from the server: Connection refused')");
        else
            db.execScript(
                "INSERT INTO sync_state (key, value) VALUES ('token', 't0'), ('last_error_code', 'network'),"
                " ('last_error_message', 'No reply from the server: Connection refused')");
        db.execScript(
            "INSERT INTO sync_rejected (seq, entity, record_id, op, fields, code, message, at_ms) VALUES "
            "(1, 'account', '0190a000-0000-7000-8000-00000000000a', 'update', '{\"tier\":\"KA\"}',"
            " 'out_of_scope', 'not yours', 42)");
    }
    // From version 12 on, visits: four purchases ten days apart (noon UTC).
    if (version >= 12) {
        for (int i = 0; i < 4; ++i) {
            const std::int64_t at = test::kTestEpochMs - std::int64_t{40 - 10 * i} * 86'400'000;
            Statement st = db.prepare(
                "INSERT INTO visit (id, account_id, rep_id, purpose, status, checkin_at, checkout_at,"
                " sale_quantity) VALUES (?, '0190a000-0000-7000-8000-00000000000a', 'u-rep', 'return_visit',"
                " 'finished', ?, ?, 10)");
            st.bind(1, "0190a000-0000-7000-8000-00000000010" + std::to_string(i))
                .bind(2, at - 3'600'000)
                .bind(3, at);
            st.exec();
        }
    }
    // From version 14 on, the app kept the cadence events (without the purchase mark of 15),
    // and from 15 on the purchase marks and each account's rhythm.
    if (version >= 14)
        db.execScript(
            "INSERT INTO cadence_event (record_id, account_id, activity, day) SELECT id, account_id,"
            " 'face_visit', date(checkout_at / 1000, 'unixepoch', 'localtime') FROM visit");
    if (version >= 15) {
        db.execScript("UPDATE cadence_event SET sale = 1");
        rebuildRhythm(db);
    }
    tx.commit();
}

}  // namespace

TEST_CASE("a database at every past schema version migrates to the latest with its data",
          "[core][migrations]")
{
    const int latest = storageVersion();
    REQUIRE(latest >= 5);
    for (int from = 0; from < latest; ++from) {
        DYNAMIC_SECTION("from version " << from)
        {
            test::TempDir dir;
            const std::string path = dir.file("old.db");
            {
                auto db = Database::open(path);
                REQUIRE(db.ok());
                REQUIRE(migrate(**db, from).ok());
                CHECK((*db)->userVersion() == from);
                seedAtVersion(**db, from);
            }
            auto db = openDeviceDatabase(path);
            REQUIRE(db.ok());
            CHECK((*db)->userVersion() == latest);

            // Every entity table has exactly the declared fields plus bookkeeping columns.
            for (const schema::Entity& e : schema::entities()) {
                std::set<std::string> expected{"id", "_hlc", "_clock"};
                for (const schema::Field& f : e.fields)
                    expected.insert(std::string(f.name));
                if (e.name == "account" || e.name == "key_person") expected.insert("_sort");
                CHECK(columns(**db, std::string(e.name)) == expected);
            }

            FakeClock clock(test::kTestEpochMs);
            DeviceContext device(**db, clock);
            Store store(**db, device);
            installSearchIndex(store);
            if (from >= 1) {
                CHECK(device.deviceId() == "0190a000-0000-7000-8000-000000000001");
                CHECK(store.outboxCount() == 2);
            }
            if (from >= 2) {
                // Rows written before the search index existed are indexed by the migration.
                AccountQuery query(**db);
                CHECK(query.page({.text = "长沙湘江"}, 0, 10).total == 1);
                CHECK(query.page({.text = "shanxiaoming"}, 0, 10).total == 1);
                // v17: two letters of a syllable (湘 xiang, 单 dan).
                CHECK(query.page({.text = "xi"}, 0, 10).total == 1);
                CHECK(query.page({.text = "da"}, 0, 10).total == 1);
                // v18: initials mixed with syllables (单小明), and why a hit is there.
                CHECK(query.page({.text = "dxming"}, 0, 10).total == 1);
                const AccountPage named = query.page({.text = "湘江"}, 0, 10);
                REQUIRE(named.hits.size() == 1);
                CHECK(named.hits[0].field == MatchField::Name);
                CHECK_FALSE(named.hits[0].nameMarks.empty());
                auto account = store.get("account", "0190a000-0000-7000-8000-00000000000a");
                REQUIRE(account.ok());
                CHECK(account->text("tier") == "KA");
            }
            if (from >= 4) {
                // v5: a rejected change stays a rejected one; the last error is split in two.
                Replica replica(store);
                const auto rejected = replica.rejected();
                REQUIRE(rejected.size() == 1);
                CHECK(rejected[0].kind == RejectedChange::Kind::Rejected);
                CHECK(rejected[0].code == "out_of_scope");
                CHECK(rejected[0].fieldsJson == "{\"tier\":\"KA\"}");
                CHECK(rejected[0].lost.empty());
                CHECK(rejected[0].label.empty());  // kept before v8: named from the record
                CHECK(replica.overridden().empty());
                CHECK(replica.setting("last_error_code") == "network");
                CHECK(replica.setting("last_error_message") ==
                      "No reply from the server: Connection refused");
                CHECK(replica.setting("last_error").empty());
                CHECK(replica.setting("token") == "t0");
            }
            // From v5 on, overridden changes are kept beside the rejected ones.
            {
                Replica replica(store);
                Transaction tx(**db);
                replica.addRejected(
                    tx, {7,
                         "account",
                         "0190a000-0000-7000-8000-00000000000a",
                         "update",
                         "{\"phone\":\"13800138000\"}",
                         "",
                         "",
                         43,
                         RejectedChange::Kind::Overridden,
                         {{"phone", "0000019a2b3c4d5e-0000-0190a000-0000-7000-8000-000000000002", 0}}});
                tx.commit();
                const auto overridden = replica.overridden();
                REQUIRE(overridden.size() == 1);
                REQUIRE(overridden[0].lost.size() == 1);
                CHECK(overridden[0].lost[0].winnerMs == 0x19a2b3c4d5e);
                // From v8 on, a kept change names its record as the phone held it.
                if (from >= 2) {
                    auto account = store.get("account", "0190a000-0000-7000-8000-00000000000a");
                    REQUIRE(account.ok());
                    CHECK_FALSE(overridden[0].label.empty());
                    CHECK(overridden[0].label == account->text("name"));
                }
            }
            // v15: the purchases before it give the account its rhythm (kept since).
            if (from >= 12) {
                auto life = lifecycleOf(**db, "0190a000-0000-7000-8000-00000000000a", clock);
                REQUIRE(life);
                REQUIRE(life->purchases);
                CHECK(life->purchases->usualDays == 10);
                CHECK(life->purchases->intervals == 3);
                CHECK(life->purchaseDays == 4);
                CHECK(life->purchases->sinceDays == 10);
            }
            // v16: Today reads a book's key persons from an index alone.
            {
                Statement plan = (**db).prepare(
                    "EXPLAIN QUERY PLAN SELECT p.rowid, p.account_id, coalesce(p.birthday, ''),"
                    " coalesce(p.birthday_lunar, 0), coalesce(p.anniversaries, '') FROM key_person p"
                    " WHERE p.account_id = ? AND coalesce(p.archived, 0) = 0");
                REQUIRE(plan.step());
                CHECK(plan.text(3).find("COVERING INDEX key_person_today") != std::string::npos);
            }
            // New writes continue the outbox sequence without a gap or a clash.
            Archive archive(store);
            Transaction tx(**db);
            auto id = archive.createAccount(tx, {{"name", std::string("新客户")},
                                                 {"tier", std::string("P")},
                                                 {"stage", std::string("acquisition")}});
            REQUIRE(id.ok());
            tx.commit();
            auto entries = store.outbox();
            REQUIRE_FALSE(entries.empty());
            for (std::size_t i = 1; i < entries.size(); ++i)
                CHECK(entries[i].seq == entries[i - 1].seq + 1);

            // The maintained scope digest covers the migrated rows and follows new writes.
            Replica replica(store);
            const ScopeDigest kept = replica.digest();
            CHECK(kept == computeScopeDigest(**db));
            CHECK(kept.count >= 1);
        }
    }
}

TEST_CASE("a database from a newer app is refused and left untouched", "[core][migrations]")
{
    test::TempDir dir;
    const std::string path = dir.file("future.db");
    {
        auto db = Database::open(path);
        REQUIRE(db.ok());
        (*db)->setUserVersion(storageVersion() + 1);
    }
    auto db = openDeviceDatabase(path);
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().message.find("newer") != std::string::npos);
    auto raw = Database::open(path);
    REQUIRE(raw.ok());
    CHECK((*raw)->userVersion() == storageVersion() + 1);
}

TEST_CASE("an entity declared at a new sync version is built from every past step, no step written",
          "[core][migrations]")
{
    const int latest = storageVersion();
    for (int from = 0; from <= latest; ++from) {
        DYNAMIC_SECTION("from version " << from)
        {
            test::TempDir dir;
            const std::string path = dir.file("old.db");
            {
                auto db = Database::open(path);
                REQUIRE(db.ok());
                REQUIRE(migrate(**db, from).ok());
                seedAtVersion(**db, from);
            }
            {
                // A later build declares one more entity, at a sync version no storage step knows.
                schema::testing::ExtraEntity extra(schema::Entity{
                    .name = "test_note",
                    .merge = schema::MergePolicy::Lww,
                    .scope = schema::ScopeKind::AccountChild,
                    .scopeField = "account_id",
                    .since = schema::currentVersion() + 1,
                    .fields = {{.name = "account_id",
                                .type = schema::FieldType::Ref,
                                .required = true,
                                .refEntity = "account",
                                .since = schema::currentVersion() + 1},
                               {.name = "body",
                                .type = schema::FieldType::Text,
                                .since = schema::currentVersion() + 1},
                               {.name = "amount",
                                .type = schema::FieldType::Money,
                                .since = schema::currentVersion() + 1}},
                });
                auto db = openDeviceDatabase(path);
                REQUIRE(db.ok());
                CHECK((*db)->userVersion() == latest);

                // Every entity has its table, exactly as declared, and its three digest triggers.
                for (const schema::Entity& e : schema::entities()) {
                    INFO(e.name);
                    std::set<std::string> expected{"id", "_hlc", "_clock"};
                    for (const schema::Field& f : e.fields)
                        expected.insert(std::string(f.name));
                    if (e.name == "account" || e.name == "key_person") expected.insert("_sort");
                    CHECK(columns(**db, std::string(e.name)) == expected);
                    Statement triggers = (*db)->prepare("SELECT count(*) FROM sqlite_master WHERE type = "
                                                        "'trigger' AND tbl_name = ? AND name LIKE "
                                                        "'%_digest_%' AND sql LIKE '%fb_digest_live()%'");
                    triggers.bind(1, e.name);
                    REQUIRE(triggers.step());
                    CHECK(triggers.int64(0) == 3);
                }

                FakeClock clock(test::kTestEpochMs);
                DeviceContext device(**db, clock);
                Store store(**db, device);
                installSearchIndex(store);
                Replica replica(store);
                CHECK(replica.digest() == computeScopeDigest(**db));

                // The new entity is written, synced (outbox) and counted like the others.
                Transaction tx(**db);
                std::string account = "0190a000-0000-7000-8000-00000000000a";
                if (from < 2) {
                    auto made = store.create(tx, "account",
                                             {{"name", std::string("新客户")},
                                              {"tier", std::string("P")},
                                              {"stage", std::string("acquisition")}});
                    REQUIRE(made.ok());
                    account = *made;
                }
                const std::int64_t before = replica.digest().count;
                auto note = store.create(tx, "test_note",
                                         {{"account_id", account},
                                          {"body", std::string("回访纪要")},
                                          {"amount", std::string("88.50")}});
                REQUIRE(note.ok());
                tx.commit();
                CHECK(replica.digest().count == before + 1);
                CHECK(replica.digest() == computeScopeDigest(**db));
                auto stored = store.get("test_note", *note);
                REQUIRE(stored.ok());
                CHECK(std::get<std::int64_t>(stored->get("amount")) == 8850);
                // Gone with its account like every account child.
                Transaction purge(**db);
                replica.purgeAccount(purge, account);
                purge.commit();
                CHECK_FALSE(store.exists("test_note", *note));
                CHECK(replica.digest() == computeScopeDigest(**db));
            }
            // The build without the entity refuses the file instead of ignoring its table.
            auto older = openDeviceDatabase(path);
            REQUIRE_FALSE(older.ok());
            CHECK(older.error().message.find("newer than this app") != std::string::npos);
        }
    }
}

TEST_CASE("a database built at the current version gets a table declared at that version since",
          "[core][migrations]")
{
    // A version that has not shipped grows while it is made: a development or demo database
    // built by an earlier build of it must not lack a table (the app would fail on it).
    test::TempDir dir;
    const std::string path = dir.file("device.db");
    {
        auto db = openDeviceDatabase(path);
        REQUIRE(db.ok());
        (*db)->execScript("DROP TABLE appointment_change");
    }
    auto db = openDeviceDatabase(path);
    REQUIRE(db.ok());
    Statement table = (*db)->prepare(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'appointment_change'");
    REQUIRE(table.step());
    CHECK(table.int64(0) == 1);
    Statement triggers = (*db)->prepare(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'appointment_change'");
    REQUIRE(triggers.step());
    CHECK(triggers.int64(0) == 3);  // its share of the scope digest, kept like every table's
}
