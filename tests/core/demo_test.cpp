// The demo archive generator: deterministic, realistic in shape, and written through the
// archive so that it carries the same bookkeeping (outbox, history) as data a rep enters.
#include <catch2/catch.hpp>

#include <set>

#include "fakes/temp_db.h"
#include "fieldbook/demo/generator.h"

using namespace fb;

namespace {

std::vector<std::string> namesInOrder(test::ArchiveFixture& f, const demo::DemoStats& stats)
{
    std::vector<std::string> names;
    for (const std::string& id : stats.accountIds)
        names.push_back(f.archive->account(id)->text("name"));
    return names;
}

demo::DemoStats generate(test::ArchiveFixture& f, int accounts, std::uint64_t seed)
{
    demo::DemoOptions options;
    options.accounts = accounts;
    options.seed = seed;
    options.accountsPerTransaction = 64;  // several batches, to cover links across them
    auto stats = demo::generateDemo(*f.archive, *f.db, options);
    if (!stats) FAIL(stats.error().message);
    return std::move(stats.value());
}

}  // namespace

TEST_CASE("the same seed gives the same accounts, another seed different ones", "[core][demo]")
{
    test::ArchiveFixture a;
    test::ArchiveFixture b;
    test::ArchiveFixture c;
    const auto namesA = namesInOrder(a, generate(a, 150, 7));
    const auto namesB = namesInOrder(b, generate(b, 150, 7));
    const auto namesC = namesInOrder(c, generate(c, 150, 8));
    CHECK(namesA == namesB);
    CHECK(namesA != namesC);
    CHECK(a.count("key_person") == b.count("key_person"));

    // Phones are part of the promise too.
    const auto phones = [](test::ArchiveFixture& f) {
        std::vector<std::string> out;
        Statement st = f.db->prepare("SELECT phone FROM key_person ORDER BY rowid");
        while (st.step())
            out.push_back(st.text(0));
        return out;
    };
    CHECK(phones(a) == phones(b));
}

TEST_CASE("200 demo accounts have about three key persons each, and every record is in the outbox",
          "[core][demo]")
{
    test::ArchiveFixture f;
    const demo::DemoStats stats = generate(f, 200, 42);

    CHECK(stats.accounts == 200);
    CHECK(f.count("account") == 200);
    CHECK(stats.keyPersons == f.count("key_person"));
    CHECK(stats.keyPersons >= 540);
    CHECK(stats.keyPersons <= 660);

    // Every account and key person has an outbox entry that creates it.
    CHECK(f.count("account a WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'account'"
                  " AND o.record_id = a.id AND o.op = 'create')") == 0);
    CHECK(f.count("key_person k WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'key_person'"
                  " AND o.record_id = k.id AND o.op = 'create')") == 0);

    // Every account has a head, held by one of its key persons.
    CHECK(f.count("account a WHERE NOT EXISTS (SELECT 1 FROM key_person k WHERE k.account_id = a.id"
                  " AND k.role = 'head')") == 0);

    // The tier mix is the handbook's shape: ordinary accounts dominate, key accounts are few.
    const auto tier = [&](const char* t) { return f.count(std::string("account WHERE tier = '") + t + "'"); };
    CHECK(tier("KA") < tier("A"));
    CHECK(tier("A") < tier("B"));
    CHECK(tier("KA") >= 2);
}

TEST_CASE("demo referral chains have no cycles and are at most four links deep", "[core][demo]")
{
    test::ArchiveFixture f;
    const demo::DemoStats stats = generate(f, 400, 42);
    REQUIRE(stats.referrals > 0);
    CHECK(stats.referrals == f.count("referral"));
    CHECK(stats.maxReferralDepth <= 4);

    for (const std::string& id : stats.accountIds) {
        const auto chain = f.archive->referralChainUp(id);
        std::set<std::string> seen{id};
        for (const ReferralLink& link : chain) {
            // A cycle would bring an account of the chain back as a referrer.
            CHECK(seen.insert(link.referrerAccountId).second);
        }
        CHECK(chain.size() <= 4);
    }
    // Referred accounts say so in their source.
    CHECK(f.count(
              "referral r JOIN account a ON a.id = r.referred_account_id WHERE a.source IS NOT 'referral'") ==
          0);
}

TEST_CASE("demo personnel changes leave the former head in the role history", "[core][demo]")
{
    test::ArchiveFixture f;
    const demo::DemoStats stats = generate(f, 200, 42);
    REQUIRE(stats.roleChanges > 0);

    int replacedHeads = 0;
    for (const std::string& id : stats.accountIds) {
        std::vector<RolePeriod> heads;
        for (const RolePeriod& p : f.archive->roleHistory(id))
            if (p.role == kRoleHead) heads.push_back(p);
        if (heads.size() < 2) continue;
        ++replacedHeads;
        // Newest first: the current head has an open period, the former one a closed one
        // that ends the day the successor's begins.
        CHECK(heads[0].to.empty());
        CHECK(heads[1].to == heads[0].from);
        CHECK(heads[1].from < heads[1].to);
        CHECK(heads[0].personId != heads[1].personId);
        CHECK(f.archive->keyPerson(heads[0].personId)->text("role") == "head");
        CHECK(f.archive->keyPerson(heads[1].personId)->text("role") == "other");
    }
    CHECK(replacedHeads == stats.roleChanges);
}

TEST_CASE("every demo search query finds at least one account", "[core][demo]")
{
    test::ArchiveFixture f;
    generate(f, demo::showcaseAccountCount(), 1);
    AccountQuery query(*f.db);
    for (const demo::DemoQuery& q : demo::demoSearchQueries()) {
        INFO(q.kind << " query " << q.text);
        AccountFilter filter;
        filter.text = q.text;
        CHECK(query.page(filter, 0, 10).total >= 1);
    }
}
