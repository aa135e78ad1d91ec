// The outbox: every write lands in it in the same transaction, numbered without gaps, and
// a write that fails or is rolled back leaves neither data nor outbox entry behind.
#include <catch2/catch.hpp>

#include "fakes/temp_db.h"
#include "fieldbook/core/replica.h"

using namespace fb;

TEST_CASE("creating and updating a record appends field-level outbox entries", "[core][outbox]")
{
    test::ArchiveFixture f;
    const std::string id = f.account("杭州恒达建材有限公司", "KA", {{"industry", std::string("建材")}});
    auto entries = f.store->outbox();
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].entity == "account");
    CHECK(entries[0].recordId == id);
    CHECK(entries[0].op == "create");
    CHECK(entries[0].fieldsJson.find("\"name\":\"杭州恒达建材有限公司\"") != std::string::npos);
    CHECK(entries[0].fieldsJson.find("\"industry\":\"建材\"") != std::string::npos);

    {
        Transaction tx(*f.db);
        // Only the changed field is written; the unchanged name makes no entry.
        REQUIRE(f.archive
                    ->updateAccount(
                        tx, id, {{"tier", std::string("A")}, {"name", std::string("杭州恒达建材有限公司")}})
                    .ok());
        tx.commit();
    }
    entries = f.store->outbox();
    REQUIRE(entries.size() == 2);
    CHECK(entries[1].op == "update");
    CHECK(entries[1].fieldsJson == R"({"tier":"A"})");
    CHECK(entries[1].seq == entries[0].seq + 1);
    CHECK(entries[0].hlc < entries[1].hlc);

    // The per-field clock on the record records which write set which field.
    Statement st = f.db->prepare("SELECT json_extract(_clock, '$.tier'), coalesce(json_extract(_clock, "
                                 "'$.name'), _hlc) FROM account WHERE id = ?");
    st.bind(1, id);
    REQUIRE(st.step());
    CHECK(st.text(0) == entries[1].hlc);
    CHECK(st.text(1) == entries[0].hlc);

    // An update that changes nothing writes nothing.
    {
        Transaction tx(*f.db);
        REQUIRE(f.archive->updateAccount(tx, id, {{"tier", std::string("A")}}).ok());
        tx.commit();
    }
    CHECK(f.store->outboxCount() == 2);
}

TEST_CASE("a write and its outbox entry roll back together", "[core][outbox]")
{
    test::ArchiveFixture f;
    {
        Transaction tx(*f.db);
        REQUIRE(f.archive
                    ->createAccount(tx, {{"name", std::string("成都锦江宾馆")},
                                         {"tier", std::string("A")},
                                         {"stage", std::string("growth")}})
                    .ok());
        // no commit: as if the app crashed before committing
    }
    CHECK(f.count("account") == 0);
    CHECK(f.count("outbox") == 0);
    CHECK(f.count("search_entry") == 0);

    // After the rollback the sequence continues without a gap.
    f.account("成都锦江宾馆");
    auto entries = f.store->outbox();
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].seq == 1);
}

TEST_CASE("invalid input writes nothing at all", "[core][outbox][validation]")
{
    test::ArchiveFixture f;
    const std::string id = f.account("深圳华强电子商行");
    const auto before = f.store->outboxCount();
    Transaction tx(*f.db);
    SECTION("a required field missing")
    {
        auto r = f.archive->createAccount(tx, {{"tier", std::string("A")}, {"stage", std::string("growth")}});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Required);
        CHECK(r.error().field == "name");
    }
    SECTION("a required field cleared by an update")
    {
        auto r = f.archive->updateAccount(tx, id, {{"name", std::string("")}});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Required);
    }
    SECTION("one bad field among good ones")
    {
        auto r = f.archive->updateAccount(tx, id,
                                          {{"industry", std::string("电子")}, {"phone", std::string("12")}});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().field == "phone");
    }
    SECTION("an unknown field")
    {
        auto r = f.archive->updateAccount(tx, id, {{"vip_level", std::string("9")}});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::UnknownField);
    }
    SECTION("a key person for an account that does not exist")
    {
        auto r = f.archive->createKeyPerson(tx, "0190a000-0000-7000-8000-0000000000ff",
                                            {{"name", std::string("张三")}});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::NotFound);
    }
    tx.commit();
    CHECK(f.store->outboxCount() == before);
    auto account = f.archive->account(id);
    REQUIRE(account.ok());
    CHECK(account->text("name") == "深圳华强电子商行");
    CHECK(account->text("industry").empty());
}

TEST_CASE("a rule between fields is kept by every local write, in one write or across two",
          "[core][outbox][validation]")
{
    test::ArchiveFixture f;
    const std::string id = f.account("协议客户");
    Transaction tx(*f.db);
    auto created = f.archive->createAccount(tx, {{"name", std::string("协议倒置")},
                                                 {"tier", std::string("A")},
                                                 {"stage", std::string("growth")},
                                                 {"agreement_start", std::string("2026-03-01")},
                                                 {"agreement_end", std::string("2026-02-28")}});
    REQUIRE_FALSE(created.ok());
    CHECK(created.error().code == ErrorCode::Rule);
    CHECK(created.error().field == "agreement_end");
    REQUIRE(f.archive->updateAccount(tx, id, {{"agreement_end", std::string("2026-06-30")}}).ok());
    const auto before = f.store->outboxCount();
    // Only the start is written, but the record it would make ends before it starts.
    auto moved = f.archive->updateAccount(tx, id, {{"agreement_start", std::string("2026-07-01")}});
    REQUIRE_FALSE(moved.ok());
    CHECK(moved.error().code == ErrorCode::Rule);
    CHECK(f.store->outboxCount() == before);
    // A self-referral is refused by the referral's own rule.
    auto self = f.archive->addReferral(tx, id, {}, id, "2026-03-01");
    REQUIRE_FALSE(self.ok());
    tx.commit();
    CHECK(f.archive->account(id)->text("agreement_start").empty());
}

TEST_CASE("a record that already breaks a rule (another version wrote it) can still be edited elsewhere",
          "[core][outbox][validation]")
{
    test::ArchiveFixture f;
    const std::string id = f.account("旧数据客户");
    {
        // Pulled as another version stored it: the agreement ends before it starts.
        Transaction tx(*f.db);
        Replica replica(*f.store);
        const std::string stamp = f.device->stamp(tx).toString();
        REQUIRE(replica
                    .applyRemote(tx, "account", id,
                                 RecordState{{{"agreement_start", std::string("2026-05-01")},
                                              {"agreement_end", std::string("2026-04-01")}},
                                             {{"agreement_start", stamp}, {"agreement_end", stamp}}})
                    .ok());
        tx.commit();
    }
    Transaction tx(*f.db);
    // Another field: written (the rep records where the account is, say).
    CHECK(f.archive->updateAccount(tx, id, {{"notes", std::string("门口有停车位")}}).ok());
    // The field the rule is shown at, still wrong: refused; put right: written.
    auto still = f.archive->updateAccount(tx, id, {{"agreement_end", std::string("2026-04-15")}});
    REQUIRE_FALSE(still.ok());
    CHECK(still.error().code == ErrorCode::Rule);
    CHECK(f.archive->updateAccount(tx, id, {{"agreement_end", std::string("2026-12-31")}}).ok());
    tx.commit();
    CHECK(f.archive->account(id)->text("agreement_end") == "2026-12-31");
}

TEST_CASE("append-only records cannot be changed", "[core][outbox]")
{
    test::ArchiveFixture f;
    const std::string a = f.account("甲公司");
    const std::string b = f.account("乙公司");
    Transaction tx(*f.db);
    auto referral = f.archive->addReferral(tx, a, {}, b, "2026-03-01");
    REQUIRE(referral.ok());
    auto change = f.store->update(tx, "referral", *referral, {{"note", std::string("改一下")}});
    REQUIRE_FALSE(change.ok());
    CHECK(change.error().code == ErrorCode::ReadOnly);
}
