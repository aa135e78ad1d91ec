// The cadence engine, contacts, greetings and the Today list on a fake clock: periods in the
// rep's zone (with and without summer time), minimums at their pace, maximums that need a
// reason, follow-ups, visits left open, solar and lunar birthdays, grouped holidays from
// built-in and reference data, snoozes, and the list kept up to date by account.
#include <catch2/catch.hpp>

#include "fakes/remote_record.h"
#include "fakes/temp_db.h"
#include "fieldbook/core/cadence.h"
#include "fieldbook/core/contacts.h"
#include "fieldbook/core/greetings.h"
#include "fieldbook/core/lifecycle.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/today.h"

using namespace fb;

namespace {

constexpr const char* kRep = "u-li";

std::int64_t localMs(int y, unsigned m, unsigned d, int hour, int minute, int offsetMinutes)
{
    return daysFromCivil(y, m, d) * 86'400'000 + (std::int64_t{hour} * 60 + minute - offsetMinutes) * 60'000;
}

// New York's rules for 2026-2027: UTC-4 from the second Sunday of March to the first Sunday
// of November (at 02:00 local), else UTC-5.
class NewYorkClock final : public Clock {
public:
    explicit NewYorkClock(std::int64_t now) : now_(now) {}
    std::int64_t nowMs() const override { return now_; }
    int utcOffsetMinutes(std::int64_t atMs) const override
    {
        const bool summer =
            (atMs >= localMs(2026, 3, 8, 2, 0, -300) && atMs < localMs(2026, 11, 1, 2, 0, -240)) ||
            (atMs >= localMs(2027, 3, 14, 2, 0, -300) && atMs < localMs(2027, 11, 7, 2, 0, -240));
        return summer ? -240 : -300;
    }
    std::int64_t now_;
};

using test::stamped;

struct TodayFixture : test::ArchiveFixture {
    Replica replica{*store};
    Contacts contacts{*store, clock};
    std::shared_ptr<TodayDirty> dirty = std::make_shared<TodayDirty>();
    TodayEngine engine{dirty};
    int n = 0;

    TodayFixture() { store->addDerived(makeTodayTracker(dirty)); }

    void at(int y, unsigned m, unsigned d, int hour = 9, int minute = 0)
    {
        clock.set(localMs(y, m, d, hour, minute, 480));
    }

    std::string id()
    {
        const std::string digits = std::to_string(++n);
        return "0190b000-0000-7000-8000-" + std::string(12 - digits.size(), '0') + digits;
    }
    // An account filed under the rep, as a pull says.
    std::string mine(const std::string& name, const std::string& tier, Fields extra = {})
    {
        const std::string id = account(name, tier, std::move(extra));
        owner(id, kRep);
        return id;
    }
    void owner(const std::string& accountId, const std::string& user)
    {
        Transaction tx(*db);
        replica.setAccountOwner(tx, accountId, user);
        tx.commit();
    }
    void remote(const std::string& entity, Fields fields, std::string recordId = {})
    {
        Transaction tx(*db);
        REQUIRE(
            replica
                .applyRemote(tx, entity, recordId.empty() ? id() : recordId, stamped(fields, clock.nowMs()))
                .ok());
        tx.commit();
    }
    Result<std::string> log(const std::string& accountId, const std::string& kind, std::string reason = {},
                            std::string person = {}, std::string occasion = {}, std::string task = {})
    {
        Transaction tx(*db);
        ContactEntry e{accountId, std::move(person), kind,           clock.nowMs(), std::move(occasion),
                       "",        std::move(reason), std::move(task)};
        auto r = contacts.log(tx, kRep, e);
        if (r) tx.commit();
        clock.advance(60'000);
        return r;
    }
    TodayList today() { return engine.refresh(*db, kRep, clock); }
    // A finished visit at the clock's time; with a quantity, a purchase.
    void visit(const std::string& accountId, std::int64_t quantity = 0)
    {
        Fields fields{{"account_id", accountId},
                      {"rep_id", std::string(kRep)},
                      {"purpose", std::string("return_visit")},
                      {"status", std::string("finished")},
                      {"checkin_at", clock.nowMs() - 3'600'000},
                      {"checkout_at", clock.nowMs()}};
        if (quantity > 0) fields.emplace("sale_quantity", quantity);
        remote("visit", std::move(fields));
    }
    Result<std::string> changeStage(const StageChangeEntry& entry)
    {
        Lifecycle life(*store, clock);
        Transaction tx(*db);
        auto r = life.changeStage(tx, kRep, entry);
        if (r) tx.commit();
        clock.advance(60'000);
        return r;
    }
    const TodayItem* find(const TodayList& list, const std::string& kind, const std::string& accountId,
                          const std::string& what = {})
    {
        for (const TodayItem& i : list.items)
            if (i.kind == kind && i.accountId == accountId &&
                (what.empty() || i.activity == what || i.occasion == what))
                return &i;
        return nullptr;
    }
};

}  // namespace

TEST_CASE("cadence periods are calendar months, two-month pairs and quarters", "[core][cadence]")
{
    auto p = cadencePeriod("month", "2026-12-31");
    CHECK(p.from == "2026-12-01");
    CHECK(p.to == "2027-01-01");
    CHECK(p.days == 31);
    CHECK(cadencePeriod("month", "2028-02-10").days == 29);
    p = cadencePeriod("two_months", "2026-04-15");
    CHECK(p.from == "2026-03-01");
    CHECK(p.to == "2026-05-01");
    CHECK(p.days == 61);
    CHECK(cadencePeriod("two_months", "2026-12-31").from == "2026-11-01");
    CHECK(cadencePeriod("two_months", "2027-01-01").to == "2027-03-01");
    p = cadencePeriod("quarter", "2026-12-31");
    CHECK(p.from == "2026-10-01");
    CHECK(p.to == "2027-01-01");
    p = cadencePeriod("quarter", "2027-01-01");
    CHECK(p.from == "2027-01-01");
    CHECK(p.to == "2027-04-01");
    CHECK(p.days == 90);
}

TEST_CASE("a contact counts on the rep's local day, across month, quarter and year ends", "[core][cadence]")
{
    TodayFixture f;
    const std::string a = f.mine("华润万家", "A");
    // 23:30 on the last evening of a month, quarter and year in Beijing (UTC+8, no summer time):
    // the UTC day is the same, the counts are the local month's.
    f.at(2026, 3, 31, 23, 30);
    REQUIRE(f.log(a, "phone_callback"));
    f.at(2026, 12, 31, 23, 58);
    REQUIRE(f.log(a, "phone_callback"));
    f.at(2027, 1, 1, 0, 1);
    REQUIRE(f.log(a, "phone_callback"));
    CHECK(cadenceCount(*f.db, a, "phone_callback", "2026-03-01", "2026-04-01") == 1);
    CHECK(cadenceCount(*f.db, a, "phone_callback", "2026-04-01", "2026-05-01") == 0);
    CHECK(cadenceCount(*f.db, a, "phone_callback", "2026-10-01", "2027-01-01") == 1);
    CHECK(cadenceCount(*f.db, a, "phone_callback", "2027-01-01", "2027-04-01") == 1);

    // A zone with summer time: 23:30 on 31 October in New York is 03:30 UTC on 1 November,
    // and in winter the offset is an hour more.
    NewYorkClock ny(localMs(2026, 10, 31, 23, 30, -240));
    CHECK(localDayOf(ny, ny.nowMs()) == "2026-10-31");
    CHECK(localDayOf(ny, localMs(2026, 12, 31, 23, 30, -300)) == "2026-12-31");
    CHECK(localDayOf(ny, localMs(2026, 11, 1, 1, 30, -240)) == "2026-11-01");   // before the change
    CHECK(localDayOf(ny, localMs(2026, 11, 1, 23, 30, -300)) == "2026-11-01");  // after it
    {
        DeviceContext device(*f.db, ny);
        Store nyStore(*f.db, device);
        Contacts nyContacts(nyStore, ny);
        Transaction tx(*f.db);
        REQUIRE(nyContacts.log(tx, kRep, {a, "", "materials_mailing", ny.nowMs(), "", "", "", ""}));
        tx.commit();
    }
    CHECK(cadenceCount(*f.db, a, "materials_mailing", "2026-10-01", "2026-11-01") == 1);
}

TEST_CASE("a minimum shows on Today near its pace day, with done, required and days left",
          "[core][cadence][today]")
{
    TodayFixture f;
    const std::string a = f.mine("华润万家", "A");
    f.at(2026, 12, 20);
    auto list = f.today();
    // Face visit 1 a month: due by the 31st, shown from the 24th. Phone callbacks 3 a month:
    // the first due by the 11th, so behind on the 20th.
    CHECK(f.find(list, "cadence", a, "face_visit") == nullptr);
    const TodayItem* calls = f.find(list, "cadence", a, "phone_callback");
    REQUIRE(calls);
    CHECK(calls->done == 0);
    CHECK(calls->required == 3);
    CHECK(calls->due == "2026-12-11");
    CHECK(calls->overdueDays == 9);
    CHECK(calls->daysLeft == 12);

    f.at(2026, 12, 27);
    list = f.today();
    const TodayItem* face = f.find(list, "cadence", a, "face_visit");
    REQUIRE(face);
    CHECK(face->done == 0);
    CHECK(face->required == 1);
    CHECK(face->daysLeft == 5);
    CHECK(face->overdueDays == 0);
    CHECK(face->key == "cadence:" + a + ":face_visit:2026-12-01");
    CHECK(list.items.front().activity == "phone_callback");  // the late one first

    // A finished visit (as pulled from another phone) counts as the face visit.
    f.remote("visit", {{"account_id", a},
                       {"rep_id", std::string(kRep)},
                       {"purpose", std::string("return_visit")},
                       {"status", std::string("finished")},
                       {"checkin_at", f.clock.nowMs() - 3'600'000},
                       {"checkout_at", f.clock.nowMs()}});
    // One callback leaves it behind its pace (the second was due by the 21st); with two, the
    // third is due by the 31st and shows from the 28th.
    REQUIRE(f.log(a, "phone_callback"));
    list = f.today();
    CHECK(f.find(list, "cadence", a, "face_visit") == nullptr);
    REQUIRE(f.find(list, "cadence", a, "phone_callback"));
    CHECK(f.find(list, "cadence", a, "phone_callback")->done == 1);
    CHECK(f.find(list, "cadence", a, "phone_callback")->due == "2026-12-21");
    REQUIRE(f.log(a, "phone_callback"));
    CHECK(f.find(f.today(), "cadence", a, "phone_callback") == nullptr);
    f.at(2026, 12, 28);
    REQUIRE(f.find(f.today(), "cadence", a, "phone_callback"));
    CHECK(f.find(f.today(), "cadence", a, "phone_callback")->due == "2026-12-31");
    REQUIRE(f.log(a, "phone_callback"));
    CHECK(f.find(f.today(), "cadence", a, "phone_callback") == nullptr);

    // The cadence grid of the account page: every rule, done against required.
    auto grid = cadenceOf(*f.db, a, "A", "2026-12-28", effectiveTierPolicies(*f.db));
    REQUIRE(grid.size() == 7);
    CHECK(grid[0].activity == "face_visit");
    CHECK(grid[0].done == 1);
    CHECK(grid[0].met());
    CHECK(grid[1].activity == "phone_callback");
    CHECK(grid[1].done == 3);

    // A new month starts from nothing; its first callback is due by the 11th, shown from the 8th.
    f.at(2027, 1, 1);
    CHECK(cadenceOf(*f.db, a, "A", "2027-01-01", effectiveTierPolicies(*f.db))[1].done == 0);
    CHECK(f.find(f.today(), "cadence", a, "phone_callback") == nullptr);
    f.at(2027, 1, 8);
    CHECK(f.find(f.today(), "cadence", a, "phone_callback") != nullptr);

    // Prospects follow their follow-ups only; accounts of another rep, archived or exited ones
    // are not in the book.
    f.account("新客户", "P");  // created here, not filed yet: the rep's
    const std::string other = f.account("别人的", "A");
    f.owner(other, "u-wang");  // a colleague's, on a manager's phone
    const std::string gone = f.mine("已流失", "A", {{"stage", std::string("exit")}});
    list = f.today();
    for (const TodayItem& i : list.items) {
        CHECK(i.tier != "P");
        CHECK(i.accountId != other);
        CHECK(i.accountId != gone);
    }
}

TEST_CASE("going beyond a maximum warns with the rule and needs a reason", "[core][cadence][contacts]")
{
    TodayFixture f;
    const std::string a = f.mine("宝鼎食府", "A");
    f.at(2026, 12, 3);
    CHECK_FALSE(f.contacts.capFor(a, "sample_mailing", f.clock.nowMs()));
    REQUIRE(f.log(a, "sample_mailing"));
    auto cap = f.contacts.capFor(a, "sample_mailing", f.clock.nowMs());
    REQUIRE(cap);
    CHECK(cap->maxCount == 1);
    CHECK(cap->done == 1);
    CHECK(cap->period == "month");
    CHECK(cap->span.from == "2026-12-01");
    const auto before = f.count("contact_log");
    const auto outbox = f.store->outboxCount();
    auto refused = f.log(a, "sample_mailing");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::Required);
    CHECK(refused.error().field == "over_cap_reason");
    CHECK(refused.error().message.find("at most 1 sample mailing a month") != std::string::npos);
    CHECK(f.log(a, "sample_mailing", "   ").error().field == "over_cap_reason");
    CHECK(f.count("contact_log") == before);
    CHECK(f.store->outboxCount() == outbox);
    auto second = f.log(a, "sample_mailing", "客户新店开业，总部同意");
    REQUIRE(second);
    CHECK(f.store->get("contact_log", *second)->text("over_cap_reason") == "客户新店开业，总部同意");
    // A second redemption too; greetings and invitations have no limit.
    REQUIRE(f.log(a, "points_redemption"));
    CHECK_FALSE(f.log(a, "points_redemption"));
    REQUIRE(f.log(a, "greeting"));
    REQUIRE(f.log(a, "greeting"));
    REQUIRE(f.log(a, "event_invitation"));
    // The next month starts afresh.
    f.at(2027, 1, 2);
    CHECK_FALSE(f.contacts.capFor(a, "sample_mailing", f.clock.nowMs()));

    // Bad input changes nothing.
    CHECK(f.log("no-such-account", "phone_callback").error().code == ErrorCode::NotFound);
    const std::string b = f.mine("别家", "B");
    const std::string hers = f.person(b, "陈女士");
    CHECK(f.log(a, "phone_callback", "", hers).error().field == "key_person_id");
    CHECK(f.log(a, "no_such_kind").error().code == ErrorCode::BadEnum);
    {
        Transaction tx(*f.db);
        CHECK(f.contacts.log(tx, kRep, {a, "", "phone_callback", f.clock.nowMs() + 3'600'000, "", "", "", ""})
                  .error()
                  .field == "at");
    }
    CHECK(f.count("contact_log") == before + 5);
}

TEST_CASE("the policies from the server replace the defaults and change Today at once",
          "[core][cadence][today]")
{
    TodayFixture f;
    const std::string a = f.mine("华润万家", "B");
    f.at(2026, 12, 27);
    auto list = f.today();
    // B defaults: two callbacks a month (second due by the 31st; the first by the 16th, late).
    REQUIRE(f.find(list, "cadence", a, "phone_callback"));
    CHECK(f.find(list, "cadence", a, "phone_callback")->required == 2);
    // The admin's table arrives: B needs a club meeting a month, nothing else.
    f.remote("tier_policy", {{"tier", std::string("B")},
                             {"activity", std::string("club_meeting")},
                             {"period", std::string("month")},
                             {"min_count", std::int64_t{1}}});
    list = f.today();
    CHECK(f.engine.lastRecomputed() == 1);  // the book, all of it
    CHECK(f.find(list, "cadence", a, "phone_callback") == nullptr);
    REQUIRE(f.find(list, "cadence", a, "club_meeting"));
    // An event attended counts towards events, an invitation not.
    CHECK(activityOfContact("event_attendance") == "event");
    CHECK(activityOfContact("event_invitation").empty());
    CHECK(activityOfContact("greeting").empty());
}

TEST_CASE("follow-ups due and visits left open are on Today, and the callback closes its follow-up",
          "[core][today]")
{
    TodayFixture f;
    const std::string a = f.mine("金龙酒业", "C");
    f.at(2026, 12, 7, 16);
    const std::string visit = f.id();
    f.remote("visit",
             {{"account_id", a},
              {"rep_id", std::string(kRep)},
              {"purpose", std::string("first_visit")},
              {"status", std::string("finished")},
              {"checkin_at", f.clock.nowMs() - 3'600'000},
              {"checkout_at", f.clock.nowMs()}},
             visit);
    const std::string task = f.id();
    f.remote("task",
             {{"owner_id", std::string(kRep)},
              {"account_id", a},
              {"kind", std::string("phone_callback")},
              {"due_on", std::string("2026-12-10")},
              {"visit_id", visit},
              {"status", std::string("open")}},
             task);
    f.remote("task", {{"owner_id", std::string("u-wang")},
                      {"account_id", a},
                      {"kind", std::string("phone_callback")},
                      {"due_on", std::string("2026-12-10")},
                      {"status", std::string("open")}});
    const std::string b = f.mine("宝鼎食府", "C");
    const std::string open = f.id();
    f.remote("visit",
             {{"account_id", b},
              {"rep_id", std::string(kRep)},
              {"purpose", std::string("return_visit")},
              {"status", std::string("open")},
              {"checkin_at", f.clock.nowMs()}},
             open);
    f.at(2026, 12, 9);
    auto list = f.today();
    CHECK(f.find(list, "task", a) == nullptr);  // due tomorrow
    const TodayItem* left = f.find(list, "visit", b);
    REQUIRE(left);
    CHECK(left->visitDay == "2026-12-07");
    CHECK(left->overdueDays == 2);

    f.at(2026, 12, 10);
    list = f.today();
    const TodayItem* call = f.find(list, "task", a);
    REQUIRE(call);
    CHECK(call->activity == "phone_callback");
    CHECK(call->visitDay == "2026-12-07");
    CHECK(call->due == "2026-12-10");
    CHECK(call->overdueDays == 0);
    int tasks = 0;
    for (const TodayItem& i : list.items)
        tasks += i.kind == "task" ? 1 : 0;
    CHECK(tasks == 1);  // not the colleague's

    // Another rep's follow-up cannot be answered; this one can, and closes.
    CHECK(f.log(b, "phone_callback", "", "", "", task).error().field == "task_id");
    REQUIRE(f.log(a, "phone_callback", "", "", "", task));
    CHECK(f.store->get("task", task)->text("status") == "done");
    list = f.today();
    CHECK(f.find(list, "task", a) == nullptr);
    CHECK(f.engine.lastRecomputed() == 1);
    f.at(2026, 12, 12);
    CHECK(f.find(f.today(), "task", a) == nullptr);
}

TEST_CASE("birthdays, solar and lunar, show three days ahead until greeted", "[core][greetings][today]")
{
    TodayFixture f;
    const std::string a = f.mine("华润万家", "B");
    // Lunar 8/15: Mid-Autumn, 2027-09-15 (and 2028-10-03).
    const std::string li = f.person(a, "李经理", "decision_maker",
                                    {{"birthday", std::string("1970-08-15")},
                                     {"birthday_lunar", std::int64_t{1}},
                                     {"title", std::string("采购经理")}});
    const std::string leap = f.person(a, "闰日生", "other", {{"birthday", std::string("1988-02-29")}});
    CHECK(birthdayIn("1970-08-15", true, 2027) == "2027-09-15");
    CHECK(birthdayIn("1970-08-15", true, 2028) == "2028-10-03");
    CHECK(birthdayIn("1988-02-29", false, 2027) == "2027-02-28");
    CHECK(birthdayIn("1988-02-29", false, 2028) == "2028-02-29");
    CHECK(nextBirthday("1970-08-15", true, "2027-09-16") == "2028-10-03");
    CHECK_FALSE(birthdayIn("1970-13-15", false, 2027));

    f.at(2027, 9, 11);
    CHECK(f.find(f.today(), "birthday", a) == nullptr);
    f.at(2027, 9, 12);
    auto list = f.today();
    const TodayItem* b = f.find(list, "birthday", a);
    REQUIRE(b);
    CHECK(b->personId == li);
    CHECK(b->personTitle == "采购经理");
    CHECK(b->due == "2027-09-15");
    CHECK(b->lunar);

    REQUIRE(f.log(a, "greeting", "", li, "birthday"));
    CHECK(f.find(f.today(), "birthday", a) == nullptr);

    f.at(2027, 2, 26);
    list = f.today();
    REQUIRE(f.find(list, "birthday", a));
    CHECK(f.find(list, "birthday", a)->personId == leap);
    CHECK(f.find(list, "birthday", a)->due == "2027-02-28");
}

TEST_CASE("anniversaries are read from the rep's words, each with its day", "[core][greetings]")
{
    auto read = [](std::string_view text) { return parseAnniversaries(text); };
    auto one = [&](std::string_view text) {
        const AnniversaryList l = read(text);
        REQUIRE(l.dates.size() == 1);
        CHECK(l.undated.empty());
        return l.dates[0];
    };
    // The ways a rep writes a day; the label before it, or after it when the day comes first.
    for (std::string_view text :
         {"结婚纪念日 05-20", "结婚纪念日 5/20", "结婚纪念日 5.20", "结婚纪念日 5月20日",
          "结婚纪念日 05月20号", "结婚纪念日：2015-05-20", "结婚纪念日 2015年5月20日", "05-20 结婚纪念日",
          "2015年5月20日结婚纪念日，每年送花",
          "\uff10\uff15\uff0d\uff12\uff10 结婚纪念日",  // full-width digits
          "结婚纪念日 5.20 太太电话 138-1234-5678"}) {
        INFO(text);
        const Anniversary a = one(text);
        CHECK(a.label == "结婚纪念日");
        CHECK(a.month == 5);
        CHECK(a.day == 20);
        CHECK_FALSE(a.lunar);
        CHECK(a.occasion() == "anniversary:05-20");
    }
    // Lunar: marked 农历 or 阴历, or written in Chinese numerals.
    for (std::string_view text :
         {"女儿生日 农历 08-15", "农历八月十五 女儿生日", "女儿生日 八月十五", "女儿生日 阴历8月15日"}) {
        INFO(text);
        const Anniversary a = one(text);
        CHECK(a.label == "女儿生日");
        CHECK(a.month == 8);
        CHECK(a.day == 15);
        CHECK(a.lunar);
        CHECK(a.occasion() == "anniversary:L08-15");
    }
    CHECK(one("正月初八 开业").month == 1);
    CHECK(one("正月初八 开业").day == 8);
    CHECK(one("腊月廿三 小年聚会").month == 12);
    CHECK(one("腊月廿三 小年聚会").day == 23);
    CHECK(one("十二月三十 守岁").month == 12);
    CHECK(one("十二月三十 守岁").day == 30);
    CHECK(one("冬月初十").label.empty());

    // Entries by ；, ; or lines; several days in one entry each keep their own label.
    const AnniversaryList list = read("结婚纪念日 05-20，入职 3.8；公司成立 2019-12-31\n05-01 开业 ; ;");
    REQUIRE(list.dates.size() == 4);
    CHECK(list.dates[0].label == "结婚纪念日");
    CHECK(list.dates[1].label == "入职");
    CHECK(list.dates[1].month == 3);
    CHECK(list.dates[1].day == 8);
    CHECK(list.dates[2].label == "公司成立");
    CHECK(list.dates[3].label == "开业");
    CHECK(list.undated.empty());
    // Two on one day are one occasion.
    const AnniversaryList same = read("结婚纪念日 05-20；公司成立 5月20日");
    REQUIRE(same.dates.size() == 1);
    CHECK(same.dates[0].label == "结婚纪念日\u3001公司成立");
    // An entry without a day that exists is not read.
    for (std::string_view text : {"结婚10周年", "不详", "结婚 02-30", "结婚 13-01", "电话 138-1234-5678"}) {
        INFO(text);
        CHECK(read(text).undated.size() == 1);
        CHECK(read(text).dates.empty());
    }
    CHECK(read("农历 12-30 除夕").dates.size() == 1);
    CHECK(read("").dates.empty());

    // A lunar anniversary lands on its solar day each year (lunar 1/15: the Lantern Festival).
    const Anniversary lantern = one("农历 01-15 元宵");
    CHECK(nextAnniversary(lantern, "2027-01-01") == "2027-02-20");
    CHECK(nextAnniversary(lantern, "2027-02-21") == "2028-02-09");
    CHECK(nextAnniversary(one("结婚 05-20"), "2027-05-21") == "2028-05-20");
    CHECK(anniversaryOf("结婚纪念日 05-20", "anniversary:05-20")->label == "结婚纪念日");
    CHECK_FALSE(anniversaryOf("结婚纪念日 05-20", "anniversary:L05-20"));
}

TEST_CASE("a write's marks reach Today when its transaction ends, not before", "[core][today]")
{
    TodayFixture f;
    const std::string a = f.mine("华润万家", "A");
    f.at(2026, 12, 27);
    f.today();
    {
        Transaction tx(*f.db);
        ContactEntry e{a, "", "phone_callback", f.clock.nowMs(), "", "", "", ""};
        REQUIRE(f.contacts.log(tx, kRep, e));
        // A compute on another connection now would not see the callback: it must not take
        // its mark either.
        CHECK(f.dirty->take().accounts.empty());
        tx.commit();
    }
    CHECK(f.dirty->take().accounts.count(a) == 1);
    // A rolled back write marks too (a recompute too many is harmless).
    {
        Transaction tx(*f.db);
        ContactEntry e{a, "", "phone_callback", f.clock.nowMs(), "", "", "", ""};
        REQUIRE(f.contacts.log(tx, kRep, e));
    }
    CHECK(f.dirty->take().accounts.count(a) == 1);
}

TEST_CASE("a key person's anniversaries show three days ahead until greeted, and each needs its day",
          "[core][greetings][today]")
{
    TodayFixture f;
    const std::string a = f.mine("华润万家", "B");
    const std::string li = f.person(a, "李经理", "decision_maker",
                                    {{"anniversaries", std::string("结婚纪念日 05-20；农历 01-15 女儿生日")},
                                     {"title", std::string("采购经理")}});
    f.at(2027, 5, 16);
    CHECK(f.find(f.today(), "anniversary", a) == nullptr);
    f.at(2027, 5, 17);
    auto list = f.today();
    const TodayItem* w = f.find(list, "anniversary", a);
    REQUIRE(w);
    CHECK(w->personId == li);
    CHECK(w->occasionName == "结婚纪念日");
    CHECK(w->occasion == "anniversary:05-20");
    CHECK(w->due == "2027-05-20");
    CHECK_FALSE(w->lunar);
    CHECK(greetingText(*f.db, w->occasion, "zh", {"李经理", "", "华润万家", "王芳", w->occasionName}) ==
          "李经理您好！值此结婚纪念日，祝您幸福美满，万事顺意！王芳");
    REQUIRE(f.log(a, "greeting", "", li, "anniversary:05-20"));
    CHECK(f.find(f.today(), "anniversary", a) == nullptr);
    CHECK(f.engine.lastRecomputed() == 1);
    // The lunar one: 1/15 of 2028 is 02-09.
    f.at(2028, 2, 6);
    list = f.today();
    const TodayItem* d = f.find(list, "anniversary", a);
    REQUIRE(d);
    CHECK(d->occasionName == "女儿生日");
    CHECK(d->due == "2028-02-09");
    CHECK(d->lunar);

    // An entry without its day is refused at the field, and nothing is written.
    {
        Transaction tx(*f.db);
        auto r =
            f.store->update(tx, "key_person", li, {{"anniversaries", std::string("结婚纪念日；入职 03-08")}});
        REQUIRE_FALSE(r);
        CHECK(r.error().field == "anniversaries");
    }
    CHECK(f.store->get("key_person", li)->text("anniversaries") == "结婚纪念日 05-20；农历 01-15 女儿生日");
    // A record that came from elsewhere without days is kept, and the rest of it can change.
    f.remote("key_person",
             {{"account_id", a}, {"name", std::string("赵总")}, {"anniversaries", std::string("春天")}});
    CHECK(f.find(f.today(), "anniversary", a) != nullptr);
}

TEST_CASE("holidays group the key persons to greet by the tiers they are for", "[core][greetings][today]")
{
    TodayFixture f;
    const std::string ka = f.mine("华润万家", "KA");
    const std::string a = f.mine("金龙酒业", "A");
    const std::string b = f.mine("宝鼎食府", "B");
    const std::string p1 = f.person(ka, "张总", "head");
    f.person(ka, "李经理", "decision_maker");
    f.person(a, "王主任", "handler");
    for (const char* name : {"赵", "钱", "孙"})
        f.person(b, name);
    auto holiday = [&](const TodayList& list, const std::string& code) -> const TodayItem* {
        for (const TodayItem& i : list.items)
            if (i.kind == "holiday" && i.occasion == code) return &i;
        return nullptr;
    };
    // Mid-Autumn 2027 falls on 09-15; it shows a week ahead.
    f.at(2027, 9, 7);
    CHECK(holiday(f.today(), "mid_autumn") == nullptr);
    f.at(2027, 9, 8);
    auto list = f.today();
    const TodayItem* m = holiday(list, "mid_autumn");
    REQUIRE(m);
    CHECK(m->due == "2027-09-15");
    CHECK(m->occasionName == "中秋节");
    CHECK(m->people == 3);  // KA and A only
    CHECK(m->greeted == 0);
    REQUIRE(f.log(ka, "greeting", "", p1, "mid_autumn"));
    list = f.today();
    CHECK(holiday(list, "mid_autumn")->greeted == 1);
    CHECK(f.engine.lastRecomputed() == 1);

    // The admin greets B too and shows it 3 days ahead; a company adds its own day.
    f.remote("holiday", {{"code", std::string("mid_autumn")},
                         {"name", std::string("中秋节")},
                         {"kind", std::string("festival")},
                         {"rule", std::string("lunar")},
                         {"month", std::int64_t{8}},
                         {"day", std::int64_t{15}},
                         {"tiers", std::string("KA A B")},
                         {"lead_days", std::int64_t{3}}});
    f.remote("holiday", {{"code", std::string("anniversary_2027")},
                         {"name", std::string("公司周年庆")},
                         {"kind", std::string("festival")},
                         {"rule", std::string("date")},
                         {"date", std::string("2027-09-10")},
                         {"greet", std::int64_t{1}},
                         {"tiers", std::string("KA")}});
    list = f.today();
    CHECK(holiday(list, "mid_autumn") == nullptr);
    REQUIRE(holiday(list, "anniversary_2027"));
    CHECK(holiday(list, "anniversary_2027")->people == 2);
    f.at(2027, 9, 12);
    list = f.today();
    REQUIRE(holiday(list, "mid_autumn"));
    CHECK(holiday(list, "mid_autumn")->people == 6);
    CHECK(holiday(list, "mid_autumn")->greeted == 1);

    // Switched off by the admin: gone.
    f.remote("holiday", {{"code", std::string("dragon_boat")},
                         {"name", std::string("端午节")},
                         {"kind", std::string("festival")},
                         {"rule", std::string("lunar")},
                         {"month", std::int64_t{5}},
                         {"day", std::int64_t{5}},
                         {"active", std::int64_t{0}}});
    f.at(2027, 6, 7);
    CHECK(holiday(f.today(), "dragon_boat") == nullptr);
    f.at(2028, 5, 27);  // 端午 2028-05-28
    CHECK(holiday(f.today(), "dragon_boat") == nullptr);
}

TEST_CASE("the holiday calendar holds the built-in days and the State Council's days off",
          "[core][greetings]")
{
    TodayFixture f;
    auto calendar = holidayCalendar(*f.db, 2027);
    auto find = [&](const std::string& code) -> const Occasion* {
        for (const Occasion& o : calendar)
            if (o.code == code) return &o;
        return nullptr;
    };
    REQUIRE(find("spring_festival"));
    CHECK(find("spring_festival")->date == "2027-02-06");
    CHECK(find("mid_autumn")->date == "2027-09-15");
    CHECK(find("dragon_boat")->date == "2027-06-09");
    CHECK(find("qingming")->greet == false);
    CHECK(find("national_day")->greet);
    f.remote("holiday", {{"code", std::string("off_2027_02_08")},
                         {"name", std::string("春节假期")},
                         {"kind", std::string("day_off")},
                         {"rule", std::string("date")},
                         {"date", std::string("2027-02-08")}});
    f.remote("holiday", {{"code", std::string("work_2027_02_20")},
                         {"name", std::string("春节调休上班")},
                         {"kind", std::string("workday")},
                         {"rule", std::string("date")},
                         {"date", std::string("2027-02-20")}});
    calendar = holidayCalendar(*f.db, 2027);
    REQUIRE(find("off_2027_02_08"));
    CHECK(find("off_2027_02_08")->kind == "day_off");
    CHECK(find("work_2027_02_20")->kind == "workday");
    CHECK_FALSE(find("work_2027_02_20")->greet);
    CHECK(holidayCalendar(*f.db, 2028).size() == 10);  // one-date days stay in their year
}

TEST_CASE("greeting texts fill in the person, from the synced template or the built-in", "[core][greetings]")
{
    TodayFixture f;
    GreetingFill fill{"李强", "经理", "华润万家", "王芳", "中秋节"};
    CHECK(greetingText(*f.db, "mid_autumn", "zh", fill) ==
          "李强经理您好！中秋节将至，祝您和家人中秋节快乐，阖家幸福！王芳");
    CHECK(greetingText(*f.db, "birthday", "zh", fill) ==
          "李强经理您好！祝您生日快乐，身体健康，万事如意！王芳");
    f.remote("greeting_template", {{"occasion", std::string("holiday")},
                                   {"language", std::string("zh")},
                                   {"text", std::string("{account}{name}{title}：{occasion}快乐！")}});
    CHECK(greetingText(*f.db, "mid_autumn", "zh", fill) == "华润万家李强经理：中秋节快乐！");
    CHECK(greetingText(*f.db, "birthday", "zh", fill).find("生日快乐") != std::string::npos);
    fill.occasion = "Mid-Autumn Festival";
    CHECK(greetingText(*f.db, "mid_autumn", "en", fill) ==
          "Dear 李强, happy Mid-Autumn Festival to you and your family! 王芳");
}

TEST_CASE("a snooze hides an item until its day, and only a later day is taken", "[core][today]")
{
    TodayFixture f;
    const std::string a = f.mine("华润万家", "A");
    f.at(2026, 12, 27);
    auto list = f.today();
    const TodayItem* face = f.find(list, "cadence", a, "face_visit");
    REQUIRE(face);
    const std::string key = face->key;
    {
        Transaction tx(*f.db);
        CHECK(snoozeTodayItem(*f.store, tx, kRep, key, "2026-12-27", "2026-12-27").error().field == "until");
        REQUIRE(snoozeTodayItem(*f.store, tx, kRep, key, "2026-12-28", "2026-12-27"));
        tx.commit();
    }
    CHECK(f.find(f.today(), "cadence", a, "face_visit") == nullptr);
    CHECK(f.find(f.today(), "cadence", a, "phone_callback") != nullptr);
    f.at(2026, 12, 28);
    CHECK(f.find(f.today(), "cadence", a, "face_visit") != nullptr);
    {  // Put off again: the same record moves (one per item).
        Transaction tx(*f.db);
        REQUIRE(snoozeTodayItem(*f.store, tx, kRep, key, "2026-12-30", "2026-12-28"));
        tx.commit();
    }
    CHECK(f.count("snooze") == 1);
    CHECK(f.find(f.today(), "cadence", a, "face_visit") == nullptr);
}

TEST_CASE("Today recomputes only the accounts a write touched", "[core][today]")
{
    TodayFixture f;
    std::vector<std::string> book;
    for (int i = 0; i < 40; ++i)
        book.push_back(f.mine("客户" + std::to_string(i), i % 2 ? "A" : "KA"));
    f.at(2026, 12, 27);
    auto list = f.today();
    CHECK(list.accounts == 40);
    CHECK(f.engine.lastRecomputed() == 40);
    const auto items = list.items.size();
    CHECK(f.today().items.size() == items);
    CHECK(f.engine.lastRecomputed() == 0);
    REQUIRE(f.log(book[3], "phone_callback"));
    list = f.today();
    CHECK(f.engine.lastRecomputed() == 1);
    CHECK(f.find(list, "cadence", book[3], "phone_callback")->done == 1);
    // Reassigned away: it leaves the phone, and the list.
    {
        Transaction tx(*f.db);
        f.replica.purgeAccount(tx, book[5]);
        tx.commit();
    }
    list = f.today();
    CHECK(list.accounts == 39);
    CHECK(f.find(list, "cadence", book[5]) == nullptr);
    // The next day: everything.
    f.at(2026, 12, 28);
    f.today();
    CHECK(f.engine.lastRecomputed() == 39);
}

TEST_CASE("an owner change alone moves an account in or out of Today, and a new account is in at once",
          "[core][today]")
{
    TodayFixture f;
    const std::string kept = f.mine("华润万家", "A");
    const std::string moved = f.mine("金龙酒业", "A");
    const std::string theirs = f.account("宝鼎食府", "A");
    f.owner(theirs, "u-wang");
    f.at(2026, 12, 27);
    auto list = f.today();
    CHECK(list.accounts == 2);
    CHECK(f.find(list, "cadence", moved) != nullptr);
    CHECK(f.find(list, "cadence", theirs) == nullptr);

    // The server files one account under a colleague and gives the rep another, with no
    // change to either record: only those two are recomputed.
    f.owner(moved, "u-wang");
    f.owner(theirs, kRep);
    list = f.today();
    CHECK(f.engine.lastRecomputed() == 2);
    CHECK(list.accounts == 2);
    CHECK(f.find(list, "cadence", moved) == nullptr);
    CHECK(f.find(list, "cadence", theirs) != nullptr);
    CHECK(f.find(list, "cadence", kept) != nullptr);
    // The same owner again changes nothing.
    f.owner(theirs, kRep);
    f.today();
    CHECK(f.engine.lastRecomputed() == 0);

    // An account created here is the rep's until the server files it, on the next full
    // compute too (a new day), without looking through every account again.
    const std::string created = f.account("新开客户", "KA");
    list = f.today();
    CHECK(list.accounts == 3);
    CHECK(f.find(list, "cadence", created) != nullptr);
    f.at(2026, 12, 28);
    list = f.today();
    CHECK(list.accounts == 3);
    CHECK(f.find(list, "cadence", created) != nullptr);
    f.owner(created, "u-wang");
    list = f.today();
    CHECK(list.accounts == 2);
    CHECK(f.find(list, "cadence", created) == nullptr);
    // One created while nobody looked, then a new day: the full compute has it too.
    const std::string unseen = f.account("后建客户", "KA");
    f.at(2026, 12, 29);
    list = f.today();
    CHECK(list.accounts == 3);
    CHECK(f.find(list, "cadence", unseen) != nullptr);
}

TEST_CASE("an account's rhythm is the median of its intervals, purchases apart from contact",
          "[core][lifecycle]")
{
    TodayFixture f;
    const std::string a = f.mine("金龙酒业", "A", {{"stage", std::string("maturity")}});
    // Purchases on 1, 11, 23 October and 2 November (intervals 10, 12, 10: median 10); a
    // callback in between counts for contact only.
    for (unsigned day : {1U, 11U, 23U}) {
        f.at(2026, 10, day);
        f.visit(a, 20);
    }
    f.at(2026, 10, 27);
    REQUIRE(f.log(a, "phone_callback"));
    f.at(2026, 11, 2);
    f.visit(a, 15);

    f.at(2026, 11, 10);
    auto life = lifecycleOf(*f.db, a, f.clock);
    REQUIRE(life);
    REQUIRE(life->purchases);
    CHECK(life->purchases->usualDays == 10);
    CHECK(life->purchases->intervals == 3);
    CHECK(life->purchases->lastDay == "2026-11-02");
    CHECK(life->purchases->sinceDays == 8);
    CHECK(life->purchases->limitDays == 17);  // 10 + 7 is more than 10 × 1.5
    CHECK(life->purchaseDays == 4);
    CHECK(life->firstPurchase == "2026-10-01");
    REQUIRE(life->contacts);
    CHECK(life->contacts->intervals == 4);  // 10, 12, 4, 6
    CHECK(life->contacts->usualDays == 8);  // median of 4, 6, 10, 12
    CHECK_FALSE(life->behind());
    CHECK_FALSE(suggestStage(*life, "2026-11-10"));

    // Two visits are no rhythm: nothing is said.
    const std::string young = f.mine("新客户", "B", {{"stage", std::string("growth")}});
    f.at(2026, 6, 1);
    f.visit(young, 1);
    f.at(2026, 6, 5);
    f.visit(young, 1);
    f.at(2026, 11, 10);
    auto fresh = lifecycleOf(*f.db, young, f.clock);
    REQUIRE(fresh);
    REQUIRE(fresh->purchases);
    CHECK_FALSE(fresh->purchases->known());
    CHECK_FALSE(fresh->behind());
}

TEST_CASE("falling behind its own rhythm raises a decline warning on Today until answered",
          "[core][lifecycle][today]")
{
    TodayFixture f;
    const std::string a = f.mine("金龙酒业", "A", {{"stage", std::string("maturity")}});
    const std::string calm = f.mine("宝鼎食府", "B", {{"stage", std::string("growth")}});
    for (unsigned day : {1U, 11U, 21U, 31U}) {
        f.at(2026, 10, day);
        f.visit(a, 20);
    }
    // 宝鼎食府 buys monthly (usual 31 days, limit 46): 17 days since is not behind.
    for (unsigned month : {8U, 9U, 10U, 11U}) {
        f.at(2026, month, 1);
        f.visit(calm, 5);
    }

    // Last purchase 31 October, usually every 10 days: behind from day 18 (18 November).
    f.at(2026, 11, 17);
    CHECK_FALSE(f.find(f.today(), "decline", a));
    f.at(2026, 11, 18);
    auto list = f.today();
    const TodayItem* warning = f.find(list, "decline", a);
    REQUIRE(warning);
    CHECK(warning->basis == "purchase");
    CHECK(warning->usualDays == 10);
    CHECK(warning->sinceDays == 18);
    CHECK(warning->suggestion == "decline");
    CHECK(warning->stage == "maturity");
    CHECK(warning->overdueDays == 0);  // a warning, not a late task: it sits with today's items
    CHECK_FALSE(f.find(list, "decline", calm));
    auto life = lifecycleOf(*f.db, a, f.clock);
    REQUIRE(life);
    auto suggestion = suggestStage(*life, "2026-11-18");
    REQUIRE(suggestion);
    CHECK(suggestion->to == "decline");
    CHECK(suggestion->why == "behind");
    CHECK(declineWarned(*life, "2026-11-18"));

    SECTION("a purchase puts it back in rhythm")
    {
        f.visit(a, 10);
        CHECK_FALSE(f.find(f.today(), "decline", a));
    }
    SECTION("the rep keeps the stage with a reason: the warning is answered")
    {
        // Moving to growth (say, a new branch opened) is an answer; the engine does not insist.
        REQUIRE(f.changeStage({a, "growth", "新开分店，采购改由总部统一", "", "", false}));
        CHECK_FALSE(f.find(f.today(), "decline", a));
        auto answered = lifecycleOf(*f.db, a, f.clock);
        REQUIRE(answered);
        CHECK(answered->behind());  // still behind, but the rep has said why
        CHECK_FALSE(declineWarned(*answered, "2026-11-18"));
        f.at(2026, 12, 20);
        CHECK_FALSE(f.find(f.today(), "decline", a));
    }
    SECTION("accepting the suggestion marks the account declining; recovery suggests its old stage")
    {
        REQUIRE(f.changeStage({a, "decline", "已三周未进货", "", "", true}));
        list = f.today();
        CHECK_FALSE(f.find(list, "decline", a));
        auto history = Lifecycle(*f.store, f.clock).history(a);
        REQUIRE(history.size() == 1);
        CHECK(history[0].fromStage == "maturity");
        CHECK(history[0].toStage == "decline");
        CHECK(history[0].suggested);
        CHECK(f.store->get("account", a)->text("stage") == "decline");

        f.at(2026, 11, 25);
        f.visit(a, 10);
        life = lifecycleOf(*f.db, a, f.clock);
        REQUIRE(life);
        suggestion = suggestStage(*life, "2026-11-25");
        REQUIRE(suggestion);
        CHECK(suggestion->to == "maturity");
        CHECK(suggestion->why == "recovered");
    }
    SECTION("snoozed until tomorrow, it is back the day after")
    {
        Transaction tx(*f.db);
        REQUIRE(snoozeTodayItem(*f.store, tx, kRep, warning->key, "2026-11-19", "2026-11-18"));
        tx.commit();
        CHECK_FALSE(f.find(f.today(), "decline", a));
        f.at(2026, 11, 19);
        CHECK(f.find(f.today(), "decline", a));
    }
}

TEST_CASE("contact falling behind warns too, and the engine suggests growth and maturity",
          "[core][lifecycle]")
{
    TodayFixture f;
    const std::string a = f.mine("华润万家", "KA", {{"stage", std::string("growth")}});
    // Callbacks every 7 days, no purchases: contact is the rhythm.
    for (unsigned day : {1U, 8U, 15U, 22U}) {
        f.at(2026, 9, day);
        REQUIRE(f.log(a, "phone_callback"));
    }
    f.at(2026, 10, 6);  // 14 days: usual 7, limit 14
    CHECK_FALSE(f.find(f.today(), "decline", a));
    f.at(2026, 10, 7);
    const TodayList list = f.today();  // the item points into it
    const TodayItem* warning = f.find(list, "decline", a);
    REQUIRE(warning);
    CHECK(warning->basis == "contact");

    // A prospect's first purchase suggests growth.
    const std::string p = f.mine("新光百货", "P", {{"stage", std::string("acquisition")}});
    f.visit(p, 3);
    auto life = lifecycleOf(*f.db, p, f.clock);
    REQUIRE(life);
    auto suggestion = suggestStage(*life, "2026-10-07");
    REQUIRE(suggestion);
    CHECK(suggestion->to == "growth");
    CHECK(suggestion->why == "first_purchase");

    // Half a year of monthly purchases suggests maturity.
    const std::string g = f.mine("西湖国宾馆", "A", {{"stage", std::string("growth")}});
    for (unsigned month = 1; month <= 7; ++month) {
        f.at(2026, month, 10);
        f.visit(g, 8);
    }
    f.at(2026, 7, 20);
    life = lifecycleOf(*f.db, g, f.clock);
    REQUIRE(life);
    suggestion = suggestStage(*life, "2026-07-20");
    REQUIRE(suggestion);
    CHECK(suggestion->to == "maturity");
    CHECK(suggestion->why == "steady");
}

TEST_CASE("an exit needs its reason code and a win-back decision, which sets follow-ups by tier",
          "[core][lifecycle][today]")
{
    TodayFixture f;
    const std::string ka = f.mine("华润万家", "KA", {{"stage", std::string("maturity")}});
    const std::string b = f.mine("宝鼎食府", "B", {{"stage", std::string("decline")}});
    const std::string c = f.mine("小卖部", "C", {{"stage", std::string("growth")}});
    f.at(2026, 12, 2);
    CHECK(defaultWinBack("KA") == "plan");
    CHECK(defaultWinBack("A") == "plan");
    CHECK(defaultWinBack("B") == "case_by_case");
    CHECK(defaultWinBack("C") == "let_go");
    CHECK(defaultWinBack("P") == "let_go");

    auto countRows = [&](const char* table) {
        Statement st = f.db->prepare(std::string("SELECT count(*) FROM ") + table);
        st.step();
        return st.int64(0);
    };
    // Refused, nothing written.
    auto r = f.changeStage({ka, "exit", "", "price", "plan", false});
    REQUIRE_FALSE(r);
    CHECK(r.error().field == "reason");
    r = f.changeStage({ka, "exit", "被竞品低价挖走", "", "plan", false});
    REQUIRE_FALSE(r);
    CHECK(r.error().field == "exit_reason");
    r = f.changeStage({ka, "exit", "被竞品低价挖走", "competitor", "", false});
    REQUIRE_FALSE(r);
    CHECK(r.error().field == "win_back");
    r = f.changeStage({ka, "exit", "被竞品低价挖走", "cheaper", "plan", false});
    REQUIRE_FALSE(r);
    CHECK(r.error().field == "exit_reason");
    r = f.changeStage({ka, "maturity", "没有变化", "", "", false});
    REQUIRE_FALSE(r);
    CHECK(r.error().field == "to_stage");
    r = f.changeStage({ka, "growth", "扩张", "price", "", false});
    REQUIRE_FALSE(r);
    r = f.changeStage({"0190b000-0000-7000-8000-999999999999", "growth", "扩张", "", "", false});
    REQUIRE_FALSE(r);
    CHECK(countRows("stage_change") == 0);
    CHECK(countRows("task") == 0);
    CHECK(f.store->get("account", ka)->text("stage") == "maturity");

    // Plan: a callback to find out why within 2 days and a visit within 14, on Today when due.
    REQUIRE(f.changeStage({ka, "exit", "被竞品低价挖走", "competitor", "plan", false}));
    CHECK(f.store->get("account", ka)->text("stage") == "exit");
    CHECK(f.store->get("account", ka)->text("exit_reason") == "competitor");
    // Case by case: one callback within 7 days to decide; let go: none.
    REQUIRE(f.changeStage({b, "exit", "搬迁外地", "inconvenience", "case_by_case", false}));
    REQUIRE(f.changeStage({c, "exit", "关门", "involuntary", "let_go", false}));
    Statement st = f.db->prepare(
        "SELECT account_id, kind, due_on, purpose, owner_id FROM task ORDER BY account_id, due_on");
    std::vector<std::string> tasks;
    while (st.step())
        tasks.push_back((st.text(0) == ka ? "KA " : "B ") + st.text(1) + " " + st.text(2) + " " + st.text(3) +
                        " " + st.text(4));
    CHECK(tasks == std::vector<std::string>{"KA phone_callback 2026-12-04 win_back u-li",
                                            "KA face_visit 2026-12-16 win_back u-li",
                                            "B phone_callback 2026-12-09 win_back u-li"});
    f.at(2026, 12, 4);
    auto list = f.today();
    const TodayItem* call = f.find(list, "task", ka, "phone_callback");
    REQUIRE(call);
    CHECK(call->purpose == "win_back");
    CHECK(call->accountName == "华润万家");
    // Exited accounts leave the cadence and the warnings.
    CHECK_FALSE(f.find(list, "cadence", ka));
    auto history = Lifecycle(*f.store, f.clock).history(ka);
    REQUIRE(history.size() == 1);
    CHECK(history[0].exitReason == "competitor");
    CHECK(history[0].winBack == "plan");
}
