// Visits end to end (engine and in-process server): visits, their agreements and follow-ups
// written on a rep's two phones arrive once and in full on both and on the manager's; what a
// rep is still typing stays on the phone until committed; a finished visit is final at the
// server too (a change is refused and undone, a correction travels); the next visit's
// briefing on the other phone reads the last one's notes.
#include <catch2/catch.hpp>

#include "fieldbook/core/gifts.h"
#include "fieldbook/core/visits.h"
#include "fieldbook/server/admin.h"
#include "world.h"

using namespace fb;
using namespace fb::test;

namespace {

// A whole visit on `d`: checked in, answered, an agreement, finished with `interest`.
std::string visit(SyncDevice& d, const std::string& account, const std::string& conversation,
                  const char* interest = "strong")
{
    Visits visits(*d.store);
    Transaction tx(*d.db);
    auto id = visits.start(tx, userOf(d), {account, "return_visit", "", std::nullopt, d.clock.nowMs()});
    REQUIRE(id);
    REQUIRE(visits.draft(tx, *id, "conversation", Value{conversation}));
    REQUIRE(visits.draft(tx, *id, "next_goal", Value{std::string("签年度协议")}));
    REQUIRE(visits.commitDrafts(tx, *id));
    REQUIRE(visits.recordAgreement(tx, *id,
                                   {{"kind", std::string("quarterly")},
                                    {"starts_on", std::string("2026-04-01")},
                                    {"ends_on", std::string("2026-06-30")},
                                    {"signed_on", std::string("2026-03-02")},
                                    {"terms", std::string("两箱试用")}}));
    REQUIRE(visits.finish(tx, *id, {interest, "", std::nullopt, d.clock.nowMs() + 3'600'000, "2026-03-02"}));
    tx.commit();
    return *id;
}

}  // namespace

TEST_CASE("visits from a rep's two phones arrive once and in full, final at the server", "[sync][visits]")
{
    World w;
    w.addUser("li.na", "rep");
    w.addUser("zhao.min", "manager");
    w.addUser("wang.wei", "rep");
    sync::SyncEngine::Options small;
    small.pullLimit = 5;
    SyncDevice& phone = w.addDevice("li-phone", "li.na", 1, small);
    SyncDevice& tablet = w.addDevice("li-tablet", "li.na", 2, small);
    SyncDevice& manager = w.addDevice("zhao-phone", "zhao.min", 3, small);
    SyncDevice& other = w.addDevice("wang-phone", "wang.wei", 4, small);

    std::string hotel;
    {
        Transaction tx(*phone.db);
        auto id = phone.archive->createAccount(tx, {{"name", std::string("西湖国宾馆")},
                                                    {"tier", std::string("A")},
                                                    {"stage", std::string("growth")}});
        REQUIRE(id);
        hotel = *id;
        tx.commit();
    }
    w.syncUntilQuiet();

    // Both phones visit the account offline, then sync.
    const std::string fromPhone = visit(phone, hotel, "老板同意先试两箱");
    w.advance(60'000);
    const std::string fromTablet = visit(tablet, hotel, "采购经理要书面报价", "none");
    // A third visit is still being typed on the phone: only what was committed travels.
    Visits phoneVisits(*phone.store);
    std::string typing;
    {
        Transaction tx(*phone.db);
        auto id =
            phoneVisits.start(tx, userOf(phone), {hotel, "delivery", "", std::nullopt, phone.clock.nowMs()});
        REQUIRE(id);
        typing = *id;
        REQUIRE(phoneVisits.draft(tx, typing, "conversation", Value{std::string("还在写")}));
        tx.commit();
    }
    w.syncUntilQuiet();

    for (SyncDevice* d : {&phone, &tablet, &manager}) {
        INFO(d->replica->setting(sync::key::kUserId));
        CHECK(countOf(*d, "visit") == 3);
        CHECK(countOf(*d, "agreement") == 2);
        CHECK(countOf(*d, "task") == 2);  // only the interested visit made follow-ups
        CHECK(countOf(*d, "visit", "conversation = '老板同意先试两箱' AND status = 'finished'") == 1);
        CHECK(countOf(*d, "visit", "conversation = '采购经理要书面报价' AND interest = 'none'") == 1);
        CHECK(countOf(*d, "visit", "status = 'open' AND conversation IS NULL") ==
              1);  // the draft did not travel
        CHECK(d->replica->digest() == computeScopeDigest(*d->db));
    }
    CHECK(countOf(other, "visit") == 0);  // another rep's account
    CHECK(countOf(other, "task") == 0);
    CHECK(phoneVisits.drafts(typing).size() == 1);
    CHECK(Visits(*tablet.store).session() == std::nullopt);  // the phone's visit is not the tablet's

    // The tablet's next briefing reads the phone's visit.
    Visits tabletVisits(*tablet.store);
    REQUIRE(tabletVisits.lastFinished(hotel));
    CHECK(tabletVisits.lastFinished(hotel)->id == fromTablet);

    SECTION("a correction travels; a direct change of a finished visit is refused and undone")
    {
        {
            Transaction tx(*phone.db);
            REQUIRE(phoneVisits.amend(tx, fromPhone, "conversation", Value{std::string("老板同意先试三箱")},
                                      "记错了箱数", phone.clock.nowMs()));
            tx.commit();
        }
        {
            // As an older or a broken app would: past the visit module, straight to the store.
            Transaction tx(*tablet.db);
            REQUIRE(tablet.store->update(tx, "visit", fromPhone, {{"next_goal", std::string("改掉")}}));
            tx.commit();
        }
        w.syncUntilQuiet();
        for (SyncDevice* d : {&phone, &tablet, &manager}) {
            const auto v = Visits(*d->store).get(fromPhone);
            REQUIRE(v);
            CHECK(fieldText(v->fields, "conversation") == "老板同意先试三箱");
            CHECK(fieldText(v->fields, "next_goal") == "签年度协议");
            CHECK(v->amendments.size() == 1);
        }
        const auto refused = tablet.replica->rejected();
        REQUIRE(refused.size() == 1);
        CHECK(refused[0].code == "read_only");
    }
}

TEST_CASE("the checklist and the visit policy set at the server change the next visit on a phone",
          "[sync][visits]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& phone = w.addDevice("li-phone", "li.na", 1);
    w.syncUntilQuiet();
    CHECK(checklistFor(*phone.db, "first_visit").size() == defaultChecklist().size());  // the standard list

    {
        server::Admin admin(w.server.store(), w.serverClock);
        REQUIRE(admin.defaultChecklist());
        REQUIRE(*admin.setChecklistItem(QStringLiteral("first_visit"), QStringLiteral("intro_deck"),
                                        QStringLiteral("公司介绍PPT"), 5, std::nullopt));
        REQUIRE(*admin.setChecklistItem(QStringLiteral("any"), QStringLiteral("dress"), std::nullopt,
                                        std::nullopt, false));
        REQUIRE(*admin.setVisitPolicy(QStringLiteral("callback_days"), 2));
        REQUIRE(*admin.setVisitPolicy(QStringLiteral("revisit_days"), 10));
        CHECK_FALSE(*admin.setVisitPolicy(QStringLiteral("revisit_days"), 10));  // already so
        CHECK_FALSE(admin.setVisitPolicy(QStringLiteral("nap_minutes"), 10));
        CHECK_FALSE(admin.setChecklistItem(QStringLiteral("karaoke"), QStringLiteral("x"), std::nullopt,
                                           std::nullopt, std::nullopt));
    }
    w.syncUntilQuiet();
    const auto items = checklistFor(*phone.db, "first_visit");
    REQUIRE(items.size() == defaultChecklist().size());  // one added, one out of use
    CHECK(items.front().code == "intro_deck");
    CHECK(items.front().label == "公司介绍PPT");
    CHECK(std::none_of(items.begin(), items.end(), [](const ChecklistItem& i) { return i.code == "dress"; }));
    CHECK(checklistFor(*phone.db, "delivery").size() == defaultChecklist().size() - 1);

    std::string account;
    {
        Transaction tx(*phone.db);
        auto id = phone.archive->createAccount(tx, {{"name", std::string("宝鼎食府")},
                                                    {"tier", std::string("P")},
                                                    {"stage", std::string("acquisition")}});
        REQUIRE(id);
        account = *id;
        tx.commit();
    }
    Visits visits(*phone.store);
    Transaction tx(*phone.db);
    auto id =
        visits.start(tx, userOf(phone), {account, "first_visit", "", std::nullopt, phone.clock.nowMs()});
    REQUIRE(id);
    REQUIRE(visits.draft(tx, *id, "conversation", Value{std::string("有兴趣")}));
    REQUIRE(visits.finish(tx, *id, {"some", "", std::nullopt, phone.clock.nowMs(), "2026-03-02"}));
    tx.commit();
    const auto tasks = visits.followUpsOf(*id);
    REQUIRE(tasks.size() == 2);
    CHECK(tasks[0].text("due_on") == "2026-03-04");
    CHECK(tasks[1].text("due_on") == "2026-03-12");
}

TEST_CASE(
    "gift issues from a rep's two phones arrive once, flagged when together they overdraw or pass a cap",
    "[sync][visits][gifts][stock]")
{
    World w;
    w.addUser("li.na", "rep");
    w.addUser("zhao.min", "manager");
    w.importCatalogue(
        "code,name,category,unit,unit_value\nG001,定制礼盒装白酒,gift,盒,688\nS001,品鉴酒,sample,瓶,38\n");
    w.receive("li.na", "G001", 3);
    w.receive("li.na", "S001", 24);
    {
        server::Admin admin(w.server.store(), w.serverClock);
        REQUIRE(
            admin.setGiftLimit(QStringLiteral("A"), QStringLiteral("recipient_month"), 100000));  // ¥1,000
    }
    SyncDevice& phone = w.addDevice("li-phone", "li.na", 1);
    SyncDevice& tablet = w.addDevice("li-tablet", "li.na", 2);
    SyncDevice& manager = w.addDevice("zhao-phone", "zhao.min", 3);
    std::string hotel, head, handler, buyer;
    {
        Transaction tx(*phone.db);
        auto a = phone.archive->createAccount(tx, {{"name", std::string("西湖国宾馆")},
                                                   {"tier", std::string("A")},
                                                   {"stage", std::string("growth")}});
        REQUIRE(a);
        hotel = *a;
        auto person = [&](const char* name) {
            auto p = phone.archive->createKeyPerson(
                tx, hotel, {{"name", std::string(name)}, {"role", std::string("other")}});
            REQUIRE(p);
            return *p;
        };
        head = person("王建国");
        handler = person("陈丽");
        buyer = person("赵强");
        tx.commit();
    }
    w.syncUntilQuiet();
    auto itemOn = [](SyncDevice& d, const char* code) {
        Statement st = d.db->prepare("SELECT id FROM gift_item WHERE code = ?");
        st.bind(1, code);
        REQUIRE(st.step());
        return st.text(0);
    };
    auto give = [&](SyncDevice& d, const std::string& to, const char* code, std::int64_t quantity) {
        Transaction tx(*d.db);
        auto r = issueGifts(tx, *d.store,
                            {userOf(d), hotel, to, "", "", {{itemOn(d, code), quantity}}, d.clock.nowMs()});
        REQUIRE(r);
        tx.commit();
    };
    // Each phone alone keeps his cap (¥1,000 a month): a box each (¥688), ¥1,376 together.
    give(phone, head, "G001", 1);
    give(tablet, head, "G001", 1);
    w.syncUntilQuiet();
    CHECK(w.flags().filter(QStringLiteral("per key person per month")).size() == 1);  // the later one
    // One box left: each phone gives it to someone else, offline.
    w.advance(60'000);
    give(phone, handler, "G001", 1);
    give(tablet, buyer, "G001", 1);
    w.syncUntilQuiet();

    for (SyncDevice* d : {&phone, &tablet, &manager}) {
        CHECK(countOf(*d, "stock_movement", "kind = 'issue'") == 4);  // every gift once
        CHECK(countOf(*d, "stock_movement", "kind = 'issue' AND account_id = '" + hotel + "'") == 4);
    }
    CHECK(stockOf(*phone.db, userOf(phone)).at(0).quantity == -1);  // kept as it happened, not corrected
    CHECK(w.flags().filter(QStringLiteral("is -1")).size() == 1);
    CHECK(phone.replica->rejected().empty());
    CHECK(tablet.replica->rejected().empty());

    server::Admin admin(w.server.store(), w.serverClock);
    // The warehouse's side: a return and a count correction (which needs its reason), both
    // reaching the rep's phones.
    REQUIRE(admin.returnStock(QStringLiteral("li.na"), QStringLiteral("S001"), 4,
                              QStringLiteral("活动结束退回")));
    CHECK_FALSE(admin.adjustStock(QStringLiteral("li.na"), QStringLiteral("S001"), -1, QString()));
    REQUIRE(
        admin.adjustStock(QStringLiteral("li.na"), QStringLiteral("S001"), -1, QStringLiteral("盘点少一瓶")));
    w.syncUntilQuiet();
    for (SyncDevice* d : {&phone, &tablet})
        CHECK(countOf(*d, "stock_movement", "kind IN ('return', 'adjustment')") == 2);
    auto report = admin.giftReport(QStringLiteral("li.na"), QStringLiteral("2026-03"));
    REQUIRE(report);
    const QString text = report->join(QLatin1Char('\n'));
    CHECK(text.contains(QStringLiteral("G001 定制礼盒装白酒 (盒) | 3 | 4 | 0 | 0 | 0 | -1")));
    CHECK(text.contains(QStringLiteral("S001 品鉴酒 (瓶) | 24 | 0 | 4 | 0 | -1 | 19")));
    CHECK(text.contains(QStringLiteral("王建国")));
    CHECK(text.contains(QStringLiteral("is -1")));
}
