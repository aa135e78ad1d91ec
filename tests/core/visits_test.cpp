// The visit: checked in (with the distance from the account and the away flag), one at a
// time on a device, resumable at its step with every typed answer, checked out with the
// follow-ups the policy dates, final once closed (corrections keep the original), and the
// open-overnight flag. Reference data (checklist, policy) or the domain's defaults.
#include <catch2/catch.hpp>

#include "fakes/temp_db.h"
#include "fieldbook/core/appointments.h"
#include "fieldbook/core/visits.h"

using namespace fb;

namespace {

constexpr std::int64_t kDay = 86'400'000;

// 西湖国宾馆 on 北山街 (WGS-84), and points about 120 m and 2.3 km from it.
constexpr const char* kHotel = "30.259200,120.145100,";
constexpr const char* kNear = "30.260200,120.145600,15";
constexpr const char* kFar = "30.270000,120.165000,20";

struct VisitFixture : test::ArchiveFixture {
    Visits visits{*store};

    std::string begin(const std::string& account, const std::string& purpose = "return_visit",
                      std::optional<std::string> at = std::nullopt, const std::string& appointment = {})
    {
        Transaction tx(*db);
        auto id = visits.start(tx, "u-li", {account, purpose, appointment, std::move(at), clock.nowMs()});
        if (!id) throw std::runtime_error(id.error().message);
        tx.commit();
        return *id;
    }

    Result<void> write(const std::function<Result<void>(Transaction&)>& fn)
    {
        Transaction tx(*db);
        auto r = fn(tx);
        if (r) tx.commit();
        return r;
    }
};

}  // namespace

TEST_CASE("a check-in records the position and flags one away from the account's address", "[core][visits]")
{
    VisitFixture f;
    const std::string hotel = f.account("西湖国宾馆", "A", {{"location", std::string(kHotel)}});
    const std::string noPlace = f.account("宝鼎食府");

    const std::string near = f.begin(hotel, "return_visit", std::string(kNear));
    auto v = f.visits.get(near);
    REQUIRE(v);
    CHECK(v->status == "open");
    CHECK(v->fields.at("checkin_location") == Value{std::string(kNear)});
    const auto metres = fieldInteger(v->fields, "checkin_distance_m");
    CHECK(metres > 100);
    CHECK(metres < 140);
    CHECK(fieldInteger(v->fields, "checkin_away") == 0);
    REQUIRE(f.write(
        [&](Transaction& tx) { return f.visits.discard(tx, near, "wrong account", f.clock.nowMs()); }));

    const std::string far = f.begin(hotel, "return_visit", std::string(kFar));
    v = f.visits.get(far);
    CHECK(fieldInteger(v->fields, "checkin_distance_m") > 2000);
    CHECK(fieldInteger(v->fields, "checkin_away") == 1);
    REQUIRE(f.write([&](Transaction& tx) { return f.visits.discard(tx, far, "test", f.clock.nowMs()); }));

    // Without a fix (no consent), or an account without a place: no distance, no flag.
    const std::string blind = f.begin(hotel);
    v = f.visits.get(blind);
    CHECK(v->fields.count("checkin_location") == 0);
    CHECK(v->fields.count("checkin_away") == 0);
    REQUIRE(f.write([&](Transaction& tx) { return f.visits.discard(tx, blind, "test", f.clock.nowMs()); }));
    const std::string nowhere = f.begin(noPlace, "first_visit", std::string(kFar));
    v = f.visits.get(nowhere);
    CHECK(v->fields.count("checkin_location") == 1);
    CHECK(v->fields.count("checkin_distance_m") == 0);

    // The distance is reference data: 3 km makes the far check-in near.
    REQUIRE(f.write([&](Transaction& tx) { return f.visits.discard(tx, nowhere, "test", f.clock.nowMs()); }));
    REQUIRE(f.write([&](Transaction& tx) -> Result<void> {
        auto r = f.store->create(
            tx, "visit_policy", {{"setting", std::string("away_distance_m")}, {"value", std::int64_t{3000}}});
        if (!r) return r.error();
        return {};
    }));
    const std::string tolerant = f.begin(hotel, "return_visit", std::string(kFar));
    CHECK(fieldInteger(f.visits.get(tolerant)->fields, "checkin_away") == 0);
}

TEST_CASE("one visit at a time on a device, started from an appointment of its own account", "[core][visits]")
{
    VisitFixture f;
    const std::string hotel = f.account("西湖国宾馆");
    const std::string other = f.account("宝鼎食府");
    Appointments appointments(*f.store);
    std::string booked;
    REQUIRE(f.write([&](Transaction& tx) -> Result<void> {
        auto id = appointments.book(tx, "u-li",
                                    {{"account_id", hotel},
                                     {"starts_at", f.clock.nowMs()},
                                     {"minutes", std::int64_t{60}},
                                     {"purpose", std::string("return_visit")}});
        if (!id) return id.error();
        booked = *id;
        return {};
    }));

    Transaction probe(*f.db);
    CHECK(f.visits.start(probe, "", {hotel, "return_visit", "", std::nullopt, 1}).error().code ==
          ErrorCode::Required);
    CHECK(f.visits.start(probe, "u-li", {"nope", "return_visit", "", std::nullopt, 1}).error().code ==
          ErrorCode::NotFound);
    CHECK(f.visits.start(probe, "u-li", {other, "return_visit", booked, std::nullopt, 1}).error().code ==
          ErrorCode::Conflict);
    CHECK(f.visits.start(probe, "u-li", {hotel, "karaoke", "", std::nullopt, 1}).error().code ==
          ErrorCode::BadEnum);
    CHECK(f.visits.start(probe, "u-li", {hotel, "return_visit", "", std::string("north pole"), 1})
              .error()
              .code == ErrorCode::BadFormat);
    auto first =
        f.visits.start(probe, "u-li", {hotel, "return_visit", booked, std::nullopt, f.clock.nowMs()});
    REQUIRE(first);
    auto second = f.visits.start(probe, "u-li", {other, "first_visit", "", std::nullopt, f.clock.nowMs()});
    CHECK(second.error().code == ErrorCode::Conflict);
    probe.commit();
    const auto session = f.visits.session();
    REQUIRE(session);
    CHECK(session->visitId == *first);
    CHECK(session->step == VisitStep::CheckIn);
}

TEST_CASE("answers typed are kept as drafts and committed when the rep moves on", "[core][visits]")
{
    VisitFixture f;
    const std::string hotel = f.account("西湖国宾馆");
    const std::string id = f.begin(hotel);
    const auto outbox = f.store->outboxCount();
    REQUIRE(f.write([&](Transaction& tx) { return f.visits.setStep(tx, VisitStep::Conversation); }));
    for (const char* typed : {"客", "客户对新", "客户对新品感兴趣"})
        REQUIRE(f.write(
            [&](Transaction& tx) { return f.visits.draft(tx, id, "conversation", std::string(typed)); }));
    REQUIRE(
        f.write([&](Transaction& tx) { return f.visits.draft(tx, id, "sale_quantity", std::string("12")); }));
    CHECK(f.store->outboxCount() == outbox);  // typing is not synced keystroke by keystroke
    CHECK(f.visits.drafts(id).at("conversation") == Value{std::string("客户对新品感兴趣")});
    CHECK(f.visits.session()->step == VisitStep::Conversation);

    // Not an answer, or a closed visit: refused.
    Transaction probe(*f.db);
    CHECK(f.visits.draft(probe, id, "status", std::string("finished")).error().code ==
          ErrorCode::UnknownField);
    CHECK(f.visits.draft(probe, "nope", "aim", std::string("x")).error().code == ErrorCode::NotFound);
    probe.rollback();

    // A draft the record refuses stays, with the field named.
    REQUIRE(f.write(
        [&](Transaction& tx) { return f.visits.draft(tx, id, "sale_route", std::string("merchant")); }));
    auto refused = f.write([&](Transaction& tx) { return f.visits.commitDrafts(tx, id); });
    REQUIRE_FALSE(refused);
    CHECK(refused.error().field == "sale_merchant");
    CHECK(f.visits.drafts(id).size() == 3);
    REQUIRE(f.write([&](Transaction& tx) {
        return f.visits.draft(tx, id, "sale_merchant", std::string("杭州酒水批发"));
    }));
    REQUIRE(f.write([&](Transaction& tx) { return f.visits.commitDrafts(tx, id); }));
    CHECK(f.visits.drafts(id).empty());
    const auto v = f.visits.get(id);
    CHECK(v->fields.at("conversation") == Value{std::string("客户对新品感兴趣")});
    CHECK(v->fields.at("sale_quantity") == Value{std::int64_t{12}});
    CHECK(f.store->outboxCount() == outbox + 1);  // one update for everything typed
}

TEST_CASE("preparation ticks and the briefing read are recorded on the visit", "[core][visits]")
{
    VisitFixture f;
    const std::string id = f.begin(f.account("西湖国宾馆"));
    REQUIRE(f.write([&](Transaction& tx) { return f.visits.tick(tx, id, "forms", true); }));
    REQUIRE(f.write([&](Transaction& tx) { return f.visits.tick(tx, id, "samples", true); }));
    REQUIRE(f.write([&](Transaction& tx) { return f.visits.tick(tx, id, "forms", false); }));
    REQUIRE(f.write([&](Transaction& tx) { return f.visits.tick(tx, id, "samples", true); }));  // no change
    CHECK(fieldText(f.visits.get(id)->fields, "checklist") == "samples");
    Transaction probe(*f.db);
    CHECK(f.visits.tick(probe, id, "a,b", true).error().code == ErrorCode::BadFormat);
    probe.rollback();
    const std::int64_t readAt = f.clock.nowMs();
    REQUIRE(f.write([&](Transaction& tx) { return f.visits.markBriefingRead(tx, id, readAt); }));
    f.clock.advance(60'000);
    REQUIRE(f.write([&](Transaction& tx) { return f.visits.markBriefingRead(tx, id, f.clock.nowMs()); }));
    CHECK(fieldInteger(f.visits.get(id)->fields, "briefing_read_at") == readAt);  // the first reading
}

TEST_CASE("the checklist of a purpose is the reference data, or the domain's defaults", "[core][visits]")
{
    VisitFixture f;
    auto codes = [&](const char* purpose) {
        std::vector<std::string> out;
        for (const ChecklistItem& i : checklistFor(*f.db, purpose))
            out.push_back(i.code);
        return out;
    };
    CHECK(codes("first_visit") == std::vector<std::string>{"purpose_stated", "forms", "samples",
                                                           "business_cards", "brochures", "dress",
                                                           "transport", "briefing_read"});
    auto item = [&](const char* purpose, const char* code, const char* label, int position,
                    bool active = true) {
        Transaction tx(*f.db);
        auto r = f.store->create(tx, "checklist_item",
                                 {{"purpose", std::string(purpose)},
                                  {"code", std::string(code)},
                                  {"label", std::string(label)},
                                  {"position", std::int64_t{position}},
                                  {"active", std::int64_t{active ? 1 : 0}}});
        REQUIRE(r);
        tx.commit();
    };
    item("any", "cards", "名片", 2);
    item("first_visit", "intro_deck", "公司介绍", 1);
    item("complaint_handling", "complaint_file", "投诉记录", 1);
    item("any", "old", "旧项目", 0, false);
    CHECK(codes("first_visit") == std::vector<std::string>{"intro_deck", "cards"});
    CHECK(codes("return_visit") == std::vector<std::string>{"cards"});
    CHECK(checklistFor(*f.db, "first_visit").front().label == "公司介绍");
}

TEST_CASE("a check-out closes the visit, marks its appointment done and dates the follow-ups",
          "[core][visits]")
{
    VisitFixture f;  // the fixture's clock: 2026-03-02 09:00 in Shanghai
    const std::string prospect = f.account("宝鼎食府", "P");
    Appointments appointments(*f.store);
    std::string booked;
    REQUIRE(f.write([&](Transaction& tx) -> Result<void> {
        auto id = appointments.book(tx, "u-li",
                                    {{"account_id", prospect},
                                     {"starts_at", f.clock.nowMs()},
                                     {"minutes", std::int64_t{45}},
                                     {"purpose", std::string("first_visit")}});
        if (!id) return id.error();
        booked = *id;
        return {};
    }));
    const std::string id = f.begin(prospect, "first_visit", std::nullopt, booked);
    CheckOut out{"strong", "约好下周试饮", std::string(kNear), f.clock.nowMs() + 3'600'000, "2026-03-02"};

    // The conversation must be recorded first; nothing is written until it is.
    auto refused = f.write([&](Transaction& tx) { return f.visits.finish(tx, id, out); });
    REQUIRE_FALSE(refused);
    CHECK(refused.error().field == "conversation");
    CHECK(f.visits.session());
    REQUIRE(f.write(
        [&](Transaction& tx) { return f.visits.draft(tx, id, "conversation", std::string("老板很热情")); }));
    CheckOut noInterest = out;
    noInterest.interest = "";
    CHECK(f.write([&](Transaction& tx) { return f.visits.finish(tx, id, noInterest); }).error().field ==
          "interest");

    REQUIRE(f.write([&](Transaction& tx) { return f.visits.finish(tx, id, out); }));
    const auto v = f.visits.get(id);
    CHECK(v->status == "finished");
    CHECK(fieldText(v->fields, "conversation") == "老板很热情");  // the draft went in with the check-out
    CHECK(v->checkoutAtMs == out.atMs);
    CHECK(fieldText(v->fields, "checkout_location") == kNear);
    CHECK(appointments.get(booked)->status == "done");
    CHECK_FALSE(f.visits.session());
    const auto tasks = f.visits.followUpsOf(id);
    REQUIRE(tasks.size() == 2);
    CHECK(tasks[0].text("kind") == "phone_callback");
    CHECK(tasks[0].text("due_on") == "2026-03-05");
    CHECK(tasks[0].text("owner_id") == "u-li");
    CHECK(tasks[0].text("status") == "open");
    CHECK(tasks[1].text("kind") == "face_visit");
    CHECK(tasks[1].text("due_on") == "2026-03-16");
}

TEST_CASE("follow-ups follow the policy, across a month's end, and none without interest", "[core][visits]")
{
    VisitFixture f;
    REQUIRE(f.write([&](Transaction& tx) -> Result<void> {
        for (const auto& [setting, value] : {std::pair{"callback_days", 2}, std::pair{"revisit_days", 10}})
            if (auto r = f.store->create(tx, "visit_policy",
                                         {{"setting", std::string(setting)}, {"value", std::int64_t{value}}});
                !r)
                return r.error();
        return {};
    }));
    const std::string a = f.account("西湖国宾馆");
    auto visit = [&](const char* interest, const char* today) {
        const std::string id = f.begin(a);
        REQUIRE(f.write(
            [&](Transaction& tx) { return f.visits.draft(tx, id, "conversation", std::string("谈了")); }));
        REQUIRE(f.write([&](Transaction& tx) {
            return f.visits.finish(tx, id, {interest, "", std::nullopt, f.clock.nowMs(), today});
        }));
        return f.visits.followUpsOf(id);
    };
    const auto late = visit("some", "2026-12-30");
    REQUIRE(late.size() == 2);
    CHECK(late[0].text("due_on") == "2027-01-01");
    CHECK(late[1].text("due_on") == "2027-01-09");
    CHECK(visit("none", "2026-02-27").empty());
    // That visit was the face revisit the first one asked for: done; its callback stays open.
    {
        Statement st = f.db->prepare("SELECT kind, status FROM task ORDER BY kind");
        REQUIRE(st.step());
        CHECK(st.text(0) == "face_visit");
        CHECK(st.text(1) == "done");
        REQUIRE(st.step());
        CHECK(st.text(0) == "phone_callback");
        CHECK(st.text(1) == "open");
    }
    const auto leap = visit("strong", "2028-02-27");
    CHECK(leap[0].text("due_on") == "2028-02-29");
}

TEST_CASE("a finished visit is final: corrections are amendments that keep the original", "[core][visits]")
{
    VisitFixture f;
    const std::string a = f.account("西湖国宾馆");
    const std::string id = f.begin(a);
    REQUIRE(f.write(
        [&](Transaction& tx) { return f.visits.draft(tx, id, "conversation", std::string("谈了价格")); }));
    REQUIRE(f.write(
        [&](Transaction& tx) { return f.visits.draft(tx, id, "next_goal", std::string("签年度协议")); }));
    REQUIRE(f.write([&](Transaction& tx) {
        return f.visits.finish(tx, id, {"some", "", std::nullopt, f.clock.nowMs(), "2026-03-02"});
    }));

    Transaction probe(*f.db);
    CHECK(f.visits.draft(probe, id, "aim", std::string("x")).error().code == ErrorCode::ReadOnly);
    CHECK(f.visits.tick(probe, id, "forms", true).error().code == ErrorCode::ReadOnly);
    CHECK(f.visits.discard(probe, id, "oops", 1).error().code == ErrorCode::ReadOnly);
    CHECK(f.visits.amend(probe, id, "status", std::string("open"), "reopen", 1).error().code ==
          ErrorCode::ReadOnly);
    CHECK(f.visits.amend(probe, id, "next_goal", std::string("签季度协议"), " ", 1).error().code ==
          ErrorCode::Required);
    CHECK(f.visits.amend(probe, id, "next_goal", std::string("签年度协议"), "same", 1).error().code ==
          ErrorCode::Duplicate);
    CHECK(f.visits.amend(probe, id, "sale_route", std::string("merchant"), "forgot", 1).error().field ==
          "sale_merchant");
    CHECK(f.visits.amend(probe, id, "conversation", std::string(""), "wrong visit", 1).error().code ==
          ErrorCode::Required);
    probe.rollback();

    f.clock.advance(kDay);
    REQUIRE(f.write([&](Transaction& tx) {
        return f.visits.amend(tx, id, "next_goal", std::string("先签季度协议"), "客户要先试一个季度",
                              f.clock.nowMs());
    }));
    const auto v = f.visits.get(id);
    CHECK(fieldText(v->fields, "next_goal") == "先签季度协议");
    REQUIRE(v->amendments.size() == 1);
    CHECK(v->amendments[0].before == "签年度协议");
    CHECK(v->amendments[0].reason == "客户要先试一个季度");
    // The record itself keeps what was recorded.
    CHECK(f.store->get("visit", id)->text("next_goal") == "签年度协议");
    CHECK(f.visits.lastFinished(a)->id == id);
}

TEST_CASE("an agreement signed at a visit, an annual one becoming the account's", "[core][visits]")
{
    VisitFixture f;
    const std::string a = f.account("西湖国宾馆");
    const std::string id = f.begin(a);
    std::string photo;
    REQUIRE(f.write([&](Transaction& tx) -> Result<void> {
        auto p = f.archive->addPhoto(tx, a, "agreement", std::string("\xFF\xD8\xFF\xE0 jpeg\xFF\xD9", 11),
                                     f.clock.nowMs());
        if (!p) return p.error();
        photo = *p;
        return {};
    }));
    Fields signedOne{{"kind", std::string("annual")},
                     {"starts_on", std::string("2026-04-01")},
                     {"ends_on", std::string("2027-03-31")},
                     {"volume", 1200.0},
                     {"terms", std::string("季度返利 2%")},
                     {"signed_on", std::string("2026-03-02")},
                     {"photo_id", photo}};
    Transaction probe(*f.db);
    Fields backwards = signedOne;
    backwards["ends_on"] = std::string("2026-01-01");
    CHECK(f.visits.recordAgreement(probe, id, backwards).error().field == "ends_on");
    Fields badPhoto = signedOne;
    badPhoto["photo_id"] = std::string("nope");
    CHECK(f.visits.recordAgreement(probe, id, badPhoto).error().field == "photo_id");
    REQUIRE(f.visits.recordAgreement(probe, id, signedOne));
    probe.commit();
    const auto account = f.archive->account(a);
    CHECK(account->text("agreement_start") == "2026-04-01");
    CHECK(account->text("agreement_end") == "2027-03-31");
    CHECK(account->get("agreement_volume") == Value{1200.0});
    REQUIRE(f.visits.agreementsOf(id).size() == 1);
    CHECK(f.visits.agreementsOf(id)[0].text("terms") == "季度返利 2%");
}

TEST_CASE("a visit left open overnight is found the next morning, discarding needs a reason",
          "[core][visits]")
{
    VisitFixture f;
    const std::string a = f.account("西湖国宾馆");
    const std::string id = f.begin(a);
    const std::int64_t startOfToday = f.clock.nowMs() - 9 * 3'600'000;  // 00:00 on the fixture's day
    CHECK(f.visits.leftOpen("u-li", startOfToday).empty());
    CHECK(f.visits.leftOpen("u-li", startOfToday + kDay).size() == 1);
    CHECK(f.visits.leftOpen("u-wang", startOfToday + kDay).empty());
    Transaction probe(*f.db);
    CHECK(f.visits.discard(probe, id, "  ", 1).error().code == ErrorCode::Required);
    CHECK(f.visits.discard(probe, id, "\xE3\x80\x80\r\n", 1).error().code == ErrorCode::Required);  // U+3000
    probe.rollback();
    REQUIRE(f.write([&](Transaction& tx) { return f.visits.draft(tx, id, "aim", std::string("送样品")); }));
    REQUIRE(
        f.write([&](Transaction& tx) { return f.visits.discard(tx, id, "客户临时不在", f.clock.nowMs()); }));
    CHECK(f.visits.leftOpen("u-li", startOfToday + kDay).empty());
    CHECK(f.visits.get(id)->status == "discarded");
    CHECK(fieldText(f.visits.get(id)->fields, "discard_reason") == "客户临时不在");
    CHECK(f.visits.drafts(id).empty());
    CHECK_FALSE(f.visits.session());
    // The next visit can start.
    CHECK_NOTHROW(f.begin(a));
}

TEST_CASE("the step and the typed answers survive closing and reopening the database", "[core][visits]")
{
    test::TempDir dir;
    FakeClock clock{test::kTestEpochMs};
    std::string id;
    {
        test::CoreLayers layers;
        layers.openCore(dir.file("device.db"), clock);
        Transaction tx(*layers.db);
        auto account = layers.archive->createAccount(tx, {{"name", std::string("西湖国宾馆")},
                                                          {"tier", std::string("A")},
                                                          {"stage", std::string("growth")}});
        REQUIRE(account);
        Visits visits(*layers.store);
        auto started = visits.start(tx, "u-li", {*account, "return_visit", "", std::nullopt, clock.nowMs()});
        REQUIRE(started);
        id = *started;
        REQUIRE(visits.setStep(tx, VisitStep::Conversation));
        REQUIRE(visits.draft(tx, id, "conversation", std::string("聊到一半")));
        tx.commit();
        layers.closeCore();
    }
    test::CoreLayers layers;
    layers.openCore(dir.file("device.db"), clock);
    Visits visits(*layers.store);
    const auto session = visits.session();
    REQUIRE(session);
    CHECK(session->visitId == id);
    CHECK(session->step == VisitStep::Conversation);
    CHECK(visits.drafts(id).at("conversation") == Value{std::string("聊到一半")});
    layers.closeCore();
}
