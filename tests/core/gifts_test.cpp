// The rep's stock and the tier policies as a phone reads them, from records pulled from the
// server (reference data and the rep's own ledger), which also count in the scope digest
// and leave with a wipe but never with an account purge.
#include <catch2/catch.hpp>

#include "fakes/temp_db.h"
#include "fieldbook/core/gifts.h"
#include "fieldbook/core/replica.h"

using namespace fb;

namespace {

constexpr const char* kRep = "0190a000-0000-7000-8000-0000000000r1";
constexpr const char* kOther = "0190a000-0000-7000-8000-0000000000r2";

RecordState stamped(Fields fields, std::int64_t wall)
{
    RecordState s;
    const std::string stamp = HlcStamp{wall, 0, "00000000-0000-7000-8000-000000000000"}.toString();
    for (const auto& [name, value] : fields)
        s.clocks.emplace(name, stamp);
    s.fields = std::move(fields);
    return s;
}

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
