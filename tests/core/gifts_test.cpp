// The rep's stock and the tier policies as a phone reads them, from records pulled from the
// server (reference data and the rep's own ledger), which also count in the scope digest
// and leave with a wipe but never with an account purge.
#include <catch2/catch.hpp>

#include "fakes/remote_record.h"
#include "fakes/temp_db.h"
#include "fieldbook/core/gifts.h"
#include "fieldbook/core/replica.h"

using namespace fb;

namespace {

constexpr const char* kRep = "0190a000-0000-7000-8000-0000000000r1";
constexpr const char* kOther = "0190a000-0000-7000-8000-0000000000r2";

using test::stamped;

struct GiftsFixture : test::ArchiveFixture {
    Replica replica{*store};
    int n = 0;
    std::string id()
    {
        const std::string digits = std::to_string(++n);
        return "0190a000-0000-7000-8000-" + std::string(12 - digits.size(), '0') + digits;
    }
    std::string item(const std::string& code, const std::string& name, const std::string& category,
                     const std::string& unit, std::int64_t fen)
    {
        const std::string i = id();
        Transaction tx(*db);
        REQUIRE(replica
                    .applyRemote(tx, "gift_item", i,
                                 stamped({{"code", code},
                                          {"name", name},
                                          {"category", category},
                                          {"unit", unit},
                                          {"unit_value", fen},
                                          {"active", std::int64_t{1}}},
                                         test::kTestEpochMs))
                    .ok());
        tx.commit();
        return i;
    }
    void move(const std::string& owner, const std::string& itemId, const std::string& kind,
              std::int64_t quantity, std::int64_t at)
    {
        Transaction tx(*db);
        REQUIRE(replica
                    .applyRemote(tx, "stock_movement", id(),
                                 stamped({{"owner_id", owner},
                                          {"item_id", itemId},
                                          {"kind", kind},
                                          {"quantity", quantity},
                                          {"moved_at", at}},
                                         at))
                    .ok());
        tx.commit();
    }
};

}  // namespace

TEST_CASE("a rep's stock is the sum of their ledger per item, with the catalogue's names", "[core][gifts]")
{
    GiftsFixture f;
    const std::string wine = f.item("S001", "品鉴酒 125ml", "sample", "瓶", 3800);
    const std::string box = f.item("G001", "定制礼盒装白酒", "gift", "盒", 68800);
    const std::string umbrella = f.item("G004", "品牌雨伞", "gift", "把", 4500);
    const std::int64_t t = test::kTestEpochMs;
    f.move(kRep, wine, "receipt", 24, t);
    f.move(kRep, wine, "issue", -6, t + 1000);
    f.move(kRep, box, "receipt", 6, t + 2000);
    f.move(kRep, box, "receipt", 4, t + 3000);
    f.move(kRep, umbrella, "receipt", 2, t);
    f.move(kRep, umbrella, "issue", -2, t + 4000);
    f.move(kOther, box, "receipt", 50, t);  // another user's ledger (a manager's phone holds it)

    const auto lines = stockOf(*f.db, kRep);
    REQUIRE(lines.size() == 3);
    // Gifts before samples; an item no longer held comes last.
    CHECK(lines[0].code == "G001");
    CHECK(lines[0].quantity == 10);
    CHECK(lines[0].unit == "盒");
    CHECK(lines[0].unitValueFen == 68800);
    CHECK(lines[0].lastReceiptMs == t + 3000);
    CHECK(lines[0].lastReceiptQuantity == 4);
    CHECK(lines[1].code == "S001");
    CHECK(lines[1].quantity == 18);
    CHECK(lines[2].code == "G004");
    CHECK(lines[2].quantity == 0);
    CHECK(stockOf(*f.db, kOther).at(0).quantity == 50);
    CHECK(stockOf(*f.db, "nobody").empty());

    // Reference data and owned records count in the digest; a purge of an account leaves
    // them; a wipe (sign-out, revocation) takes them.
    CHECK(f.replica.digest() == computeScopeDigest(*f.db));
    CHECK(f.replica.digest().count == 10);
    auto account = [&] {
        Transaction tx(*f.db);
        auto a = f.archive->createAccount(tx, {{"name", std::string("华润万家")},
                                               {"tier", std::string("A")},
                                               {"stage", std::string("growth")}});
        REQUIRE(a.ok());
        tx.commit();
        return *a;
    }();
    {
        // A gift handed out at that account: the ledger keeps it when the account leaves.
        Transaction tx(*f.db);
        REQUIRE(f.replica
                    .applyRemote(tx, "stock_movement", f.id(),
                                 stamped({{"owner_id", std::string(kRep)},
                                          {"item_id", box},
                                          {"kind", std::string("issue")},
                                          {"quantity", std::int64_t{-1}},
                                          {"moved_at", t + 5000},
                                          {"account_id", account}},
                                         t + 5000))
                    .ok());
        f.replica.purgeAccount(tx, account);
        tx.commit();
    }
    CHECK(stockOf(*f.db, kRep).size() == 3);
    CHECK(stockOf(*f.db, kRep)[0].quantity == 9);  // the issue at the purged account stays
    CHECK(f.replica.digest() == computeScopeDigest(*f.db));
    {
        Transaction tx(*f.db);
        f.replica.wipe(tx);
        tx.commit();
    }
    CHECK(stockOf(*f.db, kRep).empty());
    CHECK(f.replica.digest().count == 0);
}

TEST_CASE("tier policies are listed by tier and activity as the registry orders them", "[core][gifts]")
{
    GiftsFixture f;
    auto policy = [&](const char* tier, const char* activity, const char* period, std::optional<int> min,
                      std::optional<int> max) {
        Fields fields{{"tier", std::string(tier)},
                      {"activity", std::string(activity)},
                      {"period", std::string(period)}};
        if (min) fields.emplace("min_count", std::int64_t{*min});
        if (max) fields.emplace("max_count", std::int64_t{*max});
        Transaction tx(*f.db);
        REQUIRE(f.replica.applyRemote(tx, "tier_policy", f.id(), stamped(fields, test::kTestEpochMs)).ok());
        tx.commit();
    };
    policy("B", "face_visit", "two_months", 1, std::nullopt);
    policy("A", "points_redemption", "month", std::nullopt, 1);
    policy("A", "face_visit", "month", 1, std::nullopt);
    policy("KA", "phone_callback", "month", 4, std::nullopt);
    const auto all = tierPolicies(*f.db);
    REQUIRE(all.size() == 4);
    CHECK(all[0].tier == "KA");
    CHECK(all[1].tier == "A");
    CHECK(all[1].activity == "face_visit");
    CHECK(all[1].minCount == 1);
    CHECK_FALSE(all[1].maxCount.has_value());
    CHECK(all[2].activity == "points_redemption");
    CHECK(all[2].maxCount == 1);
    CHECK(all[3].tier == "B");
    CHECK(all[3].period == "two_months");
}

namespace {

// 2026-03-31 23:30 in China (15:30 UTC): the last half hour of March and of Q1.
constexpr std::int64_t kMarch31Late = 1'774'971'000'000;

struct IssueFixture : GiftsFixture {
    std::string wine, box;
    std::string hotel, head, handler;
    IssueFixture()
    {
        wine = item("S001", "品鉴酒 125ml", "sample", "瓶", 3800);  // ¥38
        box = item("G001", "定制礼盒装白酒", "gift", "盒", 68800);  // ¥688
        move(kRep, wine, "receipt", 24, test::kTestEpochMs);
        move(kRep, box, "receipt", 3, test::kTestEpochMs);
        hotel = account("西湖国宾馆", "A");
        head = person(hotel, "王建国", "head");
        handler = person(hotel, "陈丽", "handler");
        limit("A", "recipient_month", 100000);  // ¥1,000 per key person per month
        limit("A", "account_quarter", 200000);  // ¥2,000 per account per quarter
    }
    void limit(const char* tier, const char* per, std::int64_t fen)
    {
        Transaction tx(*db);
        REQUIRE(replica
                    .applyRemote(
                        tx, "gift_limit", id(),
                        stamped({{"tier", std::string(tier)}, {"per", std::string(per)}, {"max_value", fen}},
                                test::kTestEpochMs))
                    .ok());
        tx.commit();
    }
    Result<std::vector<std::string>> give(const std::string& to, std::vector<IssueLine> lines,
                                          std::int64_t at)
    {
        Transaction tx(*db);
        auto r = issueGifts(tx, *store, {kRep, hotel, to, "", "", std::move(lines), at});
        if (r) tx.commit();
        return r;
    }
    std::int64_t held(const std::string& itemId)
    {
        for (const StockLine& l : stockOf(*db, kRep))
            if (l.itemId == itemId) return l.quantity;
        return 0;
    }
};

}  // namespace

TEST_CASE("gift stock never goes negative on the device: an issue beyond what is held is refused",
          "[core][gifts][stock]")
{
    IssueFixture f;
    const auto before = f.store->outboxCount();
    auto refused = f.give(f.head, {{f.box, 4}}, test::kTestEpochMs);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::OutOfRange);
    CHECK(refused.error().message.find("定制礼盒装白酒") != std::string::npos);
    // Two lines of one item count together.
    CHECK_FALSE(f.give(f.head, {{f.wine, 20}, {f.wine, 5}}, test::kTestEpochMs));
    CHECK_FALSE(f.give(f.head, {{f.wine, 0}}, test::kTestEpochMs));
    CHECK_FALSE(f.give(f.head, {}, test::kTestEpochMs));
    CHECK(f.store->outboxCount() == before);
    REQUIRE(f.give(f.head, {{f.wine, 6}, {f.box, 1}}, test::kTestEpochMs));
    CHECK(f.held(f.wine) == 18);
    CHECK(f.held(f.box) == 2);
    CHECK(f.store->outboxCount() == before + 2);
    // The recipient must be the account's.
    const std::string stranger = f.person(f.account("宝鼎食府"), "李娜", "head");
    CHECK(f.give(stranger, {{f.wine, 1}}, test::kTestEpochMs).error().code == ErrorCode::Conflict);
}

TEST_CASE("gift limits per key person per month and per account per quarter, at the period ends",
          "[core][gifts]")
{
    IssueFixture f;
    // ¥688 to the head on 31 March at 23:30 China time: ¥312 left for him in March.
    REQUIRE(f.give(f.head, {{f.box, 1}}, kMarch31Late));
    auto uses = giftLimits(*f.db, "A", f.head, f.hotel, kMarch31Late);
    REQUIRE(uses.size() == 2);
    CHECK(uses[0].per == "recipient_month");
    CHECK(uses[0].leftFen() == 31200);
    CHECK(uses[1].per == "account_quarter");
    CHECK(uses[1].leftFen() == 131200);
    // Nine bottles (¥342) would pass ¥1,000 for him in March: refused, the rule named.
    auto over = f.give(f.head, {{f.wine, 9}}, kMarch31Late + 60'000);
    REQUIRE_FALSE(over);
    CHECK(over.error().code == ErrorCode::Rule);
    CHECK(over.error().field == "recipient_id");
    // Eight (¥304) fit.
    REQUIRE(f.give(f.head, {{f.wine, 8}}, kMarch31Late + 60'000));
    // Half an hour later it is April in China (still March in UTC): a new month and quarter.
    const std::int64_t april = kMarch31Late + 31 * 60'000;
    CHECK(giftLimits(*f.db, "A", f.head, f.hotel, april)[0].usedFen == 0);
    CHECK(giftLimits(*f.db, "A", f.head, f.hotel, april)[1].usedFen == 0);
    REQUIRE(f.give(f.head, {{f.box, 1}}, april));
    // The account's quarter (¥2,000): ¥688 to the head in April, then the handler's gifts add
    // up under his own month cap until the account's quarter is full.
    REQUIRE(f.give(f.handler, {{f.wine, 10}}, april + 1000));  // ¥380 → ¥1,068
    f.move(kRep, f.box, "receipt", 2, april);
    f.move(kRep, f.wine, "receipt", 24, april);
    auto quarter = f.give(f.handler, {{f.wine, 14}}, april + 2000);  // ¥532 → ¥1,600 (him: ¥912)
    REQUIRE(quarter);
    const std::string buyer = f.person(f.hotel, "赵强", "other");
    auto third = f.give(buyer, {{f.box, 1}}, april + 3000);  // ¥688 → ¥2,288 (him: ¥688)
    REQUIRE_FALSE(third);
    CHECK(third.error().field == "account_id");
    // A tier without limits is not capped.
    CHECK(giftLimits(*f.db, "KA", f.head, f.hotel, april).empty());
}

TEST_CASE("the stock that suits a visit: by the item's purposes and tiers", "[core][gifts][stock]")
{
    IssueFixture f;
    {
        Transaction tx(*f.db);
        REQUIRE(f.replica
                    .applyRemote(tx, "gift_item", f.box,
                                 stamped({{"purposes", std::string("gift_delivery event_invitation")},
                                          {"tiers", std::string("KA A")}},
                                         test::kTestEpochMs + 1))
                    .ok());
        tx.commit();
    }
    auto codes = [&](const char* purpose, const char* tier) {
        std::vector<std::string> out;
        for (const StockLine& l : stockForVisit(*f.db, kRep, purpose, tier))
            out.push_back(l.code);
        return out;
    };
    CHECK(codes("gift_delivery", "A") == std::vector<std::string>{"G001", "S001"});
    CHECK(codes("return_visit", "A") == std::vector<std::string>{"S001"});
    CHECK(codes("gift_delivery", "C") == std::vector<std::string>{"S001"});
}

TEST_CASE("compliance periods are China's calendar months and quarters", "[core][gifts]")
{
    const Period march = complianceMonth(kMarch31Late);
    CHECK(march.fromMs == 1'772'294'400'000);  // 2026-03-01 00:00 +08:00
    CHECK(march.toMs == 1'774'972'800'000);    // 2026-04-01 00:00 +08:00
    const Period q1 = complianceQuarter(kMarch31Late);
    CHECK(q1.fromMs == 1'767'196'800'000);  // 2026-01-01 00:00 +08:00
    CHECK(q1.toMs == march.toMs);
    const Period december = complianceMonth(1'798'732'800'000 - 1);  // 2026-12-31 23:59:59.999 +08:00
    CHECK(december.toMs == 1'798'732'800'000);                       // 2027-01-01 00:00 +08:00
    CHECK(complianceQuarter(1'798'732'800'000).fromMs == 1'798'732'800'000);
}
