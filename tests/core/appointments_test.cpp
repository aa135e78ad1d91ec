// Phone appointments: booked with the rep and a key person of the account, moved and
// cancelled only with a reason and with the history kept, overlaps found (to warn, not to
// refuse), a day's list and an account's list in the order a rep reads them.
#include <catch2/catch.hpp>

#include "fakes/temp_db.h"
#include "fieldbook/core/appointments.h"

using namespace fb;

namespace {

constexpr std::int64_t kHour = 3'600'000;
// 2026-12-03 09:00 in Asia/Shanghai (UTC+8): 01:00 UTC.
constexpr std::int64_t kNineAm = 1'796'259'600'000;

Fields at(const std::string& account, std::int64_t startsAt, int minutes,
          const char* purpose = "return_visit")
{
    return {{"account_id", account},
            {"starts_at", startsAt},
            {"minutes", std::int64_t{minutes}},
            {"purpose", std::string(purpose)}};
}

}  // namespace

TEST_CASE("an appointment is booked for the rep, with a key person of its own account only",
          "[core][appointments]")
{
    test::ArchiveFixture f;
    Appointments appointments(*f.store);
    const std::string hotel = f.account("西湖国宾馆");
    const std::string other = f.account("宝鼎食府");
    const std::string head = f.person(hotel, "王建国", "head");
    const std::string stranger = f.person(other, "李娜", "head");
    const auto before = f.store->outboxCount();
    Transaction tx(*f.db);
    Fields fields = at(hotel, kNineAm, 60, "first_visit");
    fields.emplace("key_person_id", head);
    fields.emplace("place", std::string("三楼会议室"));
    auto id = appointments.book(tx, "u-li", fields);
    REQUIRE(id.ok());
    const auto booked = appointments.get(*id);
    REQUIRE(booked.has_value());
    CHECK(booked->repId == "u-li");
    CHECK(booked->status == "planned");
    CHECK(booked->keyPersonName == "王建国");
    CHECK(booked->accountName == "西湖国宾馆");
    CHECK(booked->endsAtMs() == kNineAm + kHour);
    CHECK(f.store->outboxCount() == before + 1);

    Fields wrong = at(hotel, kNineAm, 30);
    wrong.emplace("key_person_id", stranger);
    CHECK(appointments.book(tx, "u-li", wrong).error().code == ErrorCode::Conflict);
    CHECK(appointments.book(tx, "", at(hotel, kNineAm, 30)).error().code == ErrorCode::Required);
    CHECK(appointments.book(tx, "u-li", at(hotel, kNineAm, 2)).error().code == ErrorCode::OutOfRange);
    CHECK(appointments.book(tx, "u-li", at(hotel, kNineAm, 30, "karaoke")).error().code ==
          ErrorCode::BadEnum);
    CHECK(f.store->outboxCount() == before + 1);  // nothing of the refused ones
}

TEST_CASE("an appointment is moved or cancelled only with a reason, and what it was is kept",
          "[core][appointments]")
{
    test::ArchiveFixture f;
    Appointments appointments(*f.store);
    const std::string hotel = f.account("西湖国宾馆");
    Transaction tx(*f.db);
    const std::string id = *appointments.book(tx, "u-li", at(hotel, kNineAm, 60));

    CHECK(appointments.reschedule(tx, id, kNineAm + 24 * kHour, 0, "  ", kNineAm - kHour).error().code ==
          ErrorCode::Required);
    REQUIRE(appointments.reschedule(tx, id, kNineAm + 24 * kHour, 90, "客户临时开会", kNineAm - kHour).ok());
    CHECK(appointments.get(id)->startsAtMs == kNineAm + 24 * kHour);
    CHECK(appointments.get(id)->minutes == 90);
    REQUIRE(appointments.cancel(tx, id, "客户出差", kNineAm).ok());
    CHECK(appointments.get(id)->status == "cancelled");
    // A cancelled one is not moved or cancelled again.
    CHECK(appointments.reschedule(tx, id, kNineAm, 0, "再约", kNineAm).error().code == ErrorCode::ReadOnly);
    CHECK(appointments.cancel(tx, id, "again", kNineAm).error().code == ErrorCode::ReadOnly);

    const auto history = appointments.history(id);
    REQUIRE(history.size() == 2);
    CHECK(history[0].kind == "rescheduled");
    CHECK(history[0].fromMs == kNineAm);
    CHECK(history[0].toMs == kNineAm + 24 * kHour);
    CHECK(history[0].reason == "客户临时开会");
    CHECK(history[1].kind == "cancelled");
    CHECK(history[1].fromMs == kNineAm + 24 * kHour);
    CHECK(history[1].reason == "客户出差");
    // The history is written once: a change of it is refused.
    Statement st = f.db->prepare("SELECT id FROM appointment_change LIMIT 1");
    REQUIRE(st.step());
    CHECK(
        f.store->update(tx, "appointment_change", st.text(0), {{"reason", std::string("改")}}).error().code ==
        ErrorCode::ReadOnly);
}

TEST_CASE(
    "overlapping appointments of one rep are found, not refused, and a day and an account list them in order",
    "[core][appointments]")
{
    test::ArchiveFixture f;
    Appointments appointments(*f.store);
    const std::string a = f.account("西湖国宾馆");
    const std::string b = f.account("宝鼎食府");
    Transaction tx(*f.db);
    const std::string nine = *appointments.book(tx, "u-li", at(a, kNineAm, 60));
    const std::string ten =
        *appointments.book(tx, "u-li", at(b, kNineAm + kHour, 30));  // touches, no overlap
    const std::string colleague = *appointments.book(tx, "u-wang", at(b, kNineAm, 120));
    const std::string tomorrow = *appointments.book(tx, "u-li", at(a, kNineAm + 24 * kHour, 30));

    // 09:30–10:15 overlaps 09:00–10:00 and 10:00–10:30, not the colleague's, not tomorrow's.
    auto clash = appointments.overlapping("u-li", kNineAm + kHour / 2, 45);
    REQUIRE(clash.size() == 2);
    CHECK(clash[0].id == nine);
    CHECK(clash[1].id == ten);
    // Moving the 09:00 one by 15 minutes: only the 10:00 one is in the way.
    clash = appointments.overlapping("u-li", kNineAm + kHour / 4, 60, nine);
    REQUIRE(clash.size() == 1);
    CHECK(clash[0].id == ten);
    // Booking into a clash is allowed (a warning is the app's).
    REQUIRE(appointments.book(tx, "u-li", at(b, kNineAm + kHour / 2, 45)).ok());
    // A cancelled appointment is in nobody's way.
    REQUIRE(appointments.cancel(tx, ten, "改期", kNineAm).ok());
    CHECK(appointments.overlapping("u-li", kNineAm + kHour, 30).size() == 1);  // the 09:30 one

    // The rep's day, by time; the colleague's is not in it.
    const auto day = appointments.between("u-li", kNineAm - 9 * kHour, kNineAm + 15 * kHour);
    REQUIRE(day.size() == 3);
    CHECK(day[0].id == nine);
    CHECK(day[2].id == ten);  // cancelled ones stay in the day, marked
    CHECK(day[2].status == "cancelled");
    // An account: what is planned from now, soonest first, then the rest, newest first.
    const auto ofA = appointments.ofAccount(a, kNineAm + kHour, true);
    REQUIRE(ofA.size() == 2);
    CHECK(ofA[0].id == tomorrow);
    CHECK(ofA[1].id == nine);
    CHECK(appointments.ofAccount(b, kNineAm - kHour).size() == 2);  // 09:30 and the colleague's 09:00
    (void)colleague;
}
