// The account archive: key roles with their history, and referral chains.
#include <catch2/catch.hpp>

#include "fakes/temp_db.h"

using namespace fb;

TEST_CASE("a personnel change at a key role is kept as history, never overwritten", "[core][archive]")
{
    test::ArchiveFixture f;
    const std::string acc = f.account("杭州市第一人民医院", "KA");
    const std::string wang = f.person(acc, "王建国", "head");  // takes the role today (2026-03-02)
    const std::string li = f.person(acc, "李红", "other");

    {
        Transaction tx(*f.db);
        auto future = f.archive->changeRole(tx, acc, "head", li, "2026-06-01", "王院长退休");
        REQUIRE_FALSE(future.ok());  // recorded when it happens, not before
        CHECK(future.error().field == "effective_date");
    }
    f.clock.advance(100LL * 86'400'000);  // three months later
    {
        Transaction tx(*f.db);
        REQUIRE(f.archive->changeRole(tx, acc, "head", li, "2026-06-01", "王院长退休").ok());
        tx.commit();
    }
    auto history = f.archive->roleHistory(acc);
    REQUIRE(history.size() == 2);
    CHECK(history[0].role == "head");
    CHECK(history[0].personName == "李红");
    CHECK(history[0].from == "2026-06-01");
    CHECK(history[0].to.empty());
    CHECK(history[0].note == "王院长退休");
    CHECK(history[1].personName == "王建国");
    CHECK(history[1].from == "2026-03-02");
    CHECK(history[1].to == "2026-06-01");

    // The persons' current roles follow the history.
    CHECK(f.archive->keyPerson(li)->text("role") == "head");
    CHECK(f.archive->keyPerson(wang)->text("role") == "other");
    CHECK(f.archive->roleHistoryOfPerson(wang).size() == 1);

    // Recording the same holder again is refused and writes nothing.
    const auto before = f.store->outboxCount();
    Transaction tx(*f.db);
    auto again = f.archive->changeRole(tx, acc, "head", li, "2026-06-05");
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == ErrorCode::Duplicate);
    CHECK(f.store->outboxCount() == before);
}

TEST_CASE("moving a person to another key role leaves the old role vacant", "[core][archive]")
{
    test::ArchiveFixture f;
    const std::string acc = f.account("成都锦江宾馆");
    const std::string zhao = f.person(acc, "赵敏", "handler");
    {
        Transaction tx(*f.db);
        REQUIRE(f.archive->updateKeyPerson(tx, zhao, {{"role", std::string("decision_maker")}}).ok());
        tx.commit();
    }
    CHECK(f.archive->keyPerson(zhao)->text("role") == "decision_maker");
    bool handlerVacant = false;
    for (const RolePeriod& p : f.archive->roleHistory(acc))
        if (p.role == "handler" && p.to.empty()) handlerVacant = p.personId.empty();
    CHECK(handlerVacant);

    // Key persons list named roles first.
    f.person(acc, "艾伦", "other");
    f.person(acc, "白雪", "head");
    auto persons = f.archive->keyPersons(acc);
    REQUIRE(persons.size() == 3);
    CHECK(persons[0].text("name") == "白雪");
    CHECK(persons[1].text("name") == "赵敏");
    CHECK(persons[2].text("name") == "艾伦");
}

TEST_CASE("a role cannot go to a person of another account", "[core][archive]")
{
    test::ArchiveFixture f;
    const std::string a = f.account("甲公司");
    const std::string b = f.account("乙公司");
    const std::string p = f.person(b, "张三");
    Transaction tx(*f.db);
    auto r = f.archive->changeRole(tx, a, "head", p, "2026-03-02");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Conflict);
}

TEST_CASE("referral chains can be followed both ways and cannot loop", "[core][archive][referral]")
{
    test::ArchiveFixture f;
    const std::string root = f.account("杭州恒达建材有限公司", "KA");
    const std::string mid = f.account("宁波港城物流有限公司", "A");
    const std::string leaf1 = f.account("温州瓯江酒店", "B");
    const std::string leaf2 = f.account("绍兴兰亭茶庄", "P");
    const std::string zhang = f.person(root, "张伟", "decision_maker");
    {
        Transaction tx(*f.db);
        REQUIRE(f.archive->addReferral(tx, root, zhang, mid, "2026-01-10", "老朋友").ok());
        REQUIRE(f.archive->addReferral(tx, mid, {}, leaf1, "2026-02-01").ok());
        REQUIRE(f.archive->addReferral(tx, mid, {}, leaf2, "2026-02-15").ok());
        tx.commit();
    }
    auto up = f.archive->referralChainUp(leaf1);
    REQUIRE(up.size() == 2);
    CHECK(up[0].referrerAccountName == "宁波港城物流有限公司");
    CHECK(up[0].depth == 1);
    CHECK(up[1].referrerAccountName == "杭州恒达建材有限公司");
    CHECK(up[1].referrerPersonName == "张伟");
    CHECK(up[1].depth == 2);

    auto down = f.archive->referralsDown(root);
    REQUIRE(down.size() == 3);
    CHECK(down[0].referredAccountName == "宁波港城物流有限公司");
    CHECK(down[0].depth == 1);
    CHECK(down[1].depth == 2);
    CHECK(down[2].depth == 2);

    Transaction tx(*f.db);
    auto cycle = f.archive->addReferral(tx, leaf2, {}, root, "2026-03-01");
    REQUIRE_FALSE(cycle.ok());
    CHECK(cycle.error().code == ErrorCode::Conflict);
    auto self = f.archive->addReferral(tx, root, {}, root, "2026-03-01");
    CHECK_FALSE(self.ok());
    auto second = f.archive->addReferral(tx, root, {}, leaf1, "2026-03-01");
    REQUIRE_FALSE(second.ok());  // leaf1 was already referred by mid
    CHECK(second.error().code == ErrorCode::Duplicate);
    auto wrongPerson = f.archive->addReferral(tx, leaf1, zhang, f.account("新公司"), "2026-03-01");
    CHECK_FALSE(wrongPerson.ok());  // 张伟 is not at leaf1
    auto badDate = f.archive->addReferral(tx, leaf1, {}, leaf2, "2026-02-30");
    CHECK_FALSE(badDate.ok());
}
