// The three scope kinds end to end (engine and in-process server): reference data reaches
// every phone, a rep's stock ledger reaches that rep's phones and their manager's and no one
// else's, over several pull pages; a phone writes only its own user's movements; the server
// rule refuses a receipt from a phone and flags stock gone below zero without touching it;
// account moves leave owned records where they are; a revoked phone is wiped of all three.
#include <catch2/catch.hpp>

#include "world.h"

using namespace fb;
using namespace fb::test;

namespace {

std::string itemId(SyncDevice& d, const std::string& code)
{
    Statement st = d.db->prepare("SELECT id FROM gift_item WHERE code = ?");
    st.bind(1, code);
    return st.step() ? st.text(0) : std::string();
}

// A gift handed over at a visit, written on the phone as the visit will write it.
Result<std::string> issue(SyncDevice& d, const std::string& owner, const std::string& item,
                          std::int64_t quantity, const char* kind = "issue")
{
    Transaction tx(*d.db);
    auto id = d.store->create(tx, "stock_movement",
                              {{"owner_id", owner},
                               {"item_id", item},
                               {"kind", std::string(kind)},
                               {"quantity", quantity},
                               {"moved_at", d.clock.nowMs()}});
    if (id) tx.commit();
    return id;
}

QByteArray catalogue(int items)
{
    QByteArray csv = "code,name,category,unit,unit_value\n";
    for (int i = 1; i <= items; ++i)
        csv += QStringLiteral("G%1,礼品%1,gift,盒,%2\n").arg(i, 3, 10, QLatin1Char('0')).arg(10 + i).toUtf8();
    return csv;
}

}  // namespace

TEST_CASE("reference data reaches every phone and a rep's stock only the rep and their manager",
          "[sync][scope]")
{
    World w;
    w.addUser("li.na", "rep");
    w.addUser("wang.wei", "rep");
    w.addUser("zhao.min", "manager");
    w.addUser("chen.jie", "rep", QStringLiteral("south"));
    w.importCatalogue(catalogue(23));  // several pages of 7
    w.setPolicy("A", "face_visit", "month", 1, std::nullopt);
    w.setPolicy("A", "points_redemption", "month", std::nullopt, 1);
    w.receive("li.na", "G001", 6);
    w.receive("li.na", "G002", 10);
    w.receive("wang.wei", "G001", 4);
    w.receive("chen.jie", "G003", 9);

    sync::SyncEngine::Options small;
    small.pullLimit = 7;
    SyncDevice& li = w.addDevice("li-phone", "li.na", 1, small);
    SyncDevice& liTablet = w.addDevice("li-tablet", "li.na", 2, small);
    SyncDevice& wang = w.addDevice("wang-phone", "wang.wei", 3, small);
    SyncDevice& manager = w.addDevice("zhao-phone", "zhao.min", 4, small);
    SyncDevice& chen = w.addDevice("chen-phone", "chen.jie", 5, small);
    w.syncUntilQuiet();  // a scope mismatch anywhere would fail here

    for (SyncDevice* d : {&li, &liTablet, &wang, &manager, &chen}) {
        CHECK(countOf(*d, "gift_item") == 23);
        CHECK(countOf(*d, "tier_policy") == 2);
        CHECK(d->replica->digest() == computeScopeDigest(*d->db));
    }
    const std::string liId = userOf(li);
    CHECK(countOf(li, "stock_movement") == 2);
    CHECK(countOf(liTablet, "stock_movement") == 2);
    CHECK(countOf(wang, "stock_movement") == 1);
    CHECK(countOf(wang, "stock_movement", "owner_id = '" + liId + "'") == 0);
    CHECK(countOf(manager, "stock_movement") == 3);  // the team's, not chen.jie's (another team)
    CHECK(countOf(chen, "stock_movement") == 1);

    SECTION("a gift handed out on one phone reaches the rep's other phone and the manager, not the colleague")
    {
        REQUIRE(issue(li, liId, itemId(li, "G001"), -2).ok());
        w.syncUntilQuiet();
        CHECK(countOf(liTablet, "stock_movement", "kind = 'issue'") == 1);
        CHECK(countOf(manager, "stock_movement", "kind = 'issue'") == 1);
        CHECK(countOf(wang, "stock_movement", "kind = 'issue'") == 0);
        CHECK(w.flags().isEmpty());
    }
    SECTION("more handed out than received is kept on the phone and flagged for the manager")
    {
        REQUIRE(issue(li, liId, itemId(li, "G002"), -12).ok());
        w.syncUntilQuiet();
        CHECK(countOf(li, "stock_movement", "quantity = -12") == 1);
        CHECK(li.replica->rejected().empty());
        CHECK(countOf(manager, "stock_movement", "quantity = -12") == 1);
        const QStringList flags = w.flags();
        REQUIRE(flags.size() == 1);
        CHECK(flags.front().contains(QStringLiteral("is -2")));
        CHECK(flags.front().contains(QStringLiteral("li.na")));
    }
    SECTION("a phone cannot write a receipt, or another user's stock; each is refused, kept and undone")
    {
        REQUIRE(issue(li, liId, itemId(li, "G001"), 5, "receipt").ok());
        REQUIRE(issue(li, userOf(wang), itemId(li, "G001"), -1).ok());
        w.syncUntilQuiet();
        const auto rejected = li.replica->rejected();
        REQUIRE(rejected.size() == 2);
        CHECK(rejected[0].code == "read_only");
        CHECK(rejected[1].code == "out_of_scope");
        CHECK(countOf(li, "stock_movement") == 2);  // both removed again: the server holds neither
        CHECK(countOf(wang, "stock_movement") == 1);
    }
    SECTION("a phone cannot change reference data")
    {
        Transaction tx(*li.db);
        REQUIRE(li.store->update(tx, "gift_item", itemId(li, "G001"), {{"name", std::string("改名")}}).ok());
        tx.commit();
        w.syncUntilQuiet();
        REQUIRE(li.replica->rejected().size() == 1);
        CHECK(li.replica->rejected()[0].code == "read_only");
        CHECK(li.field("gift_item", itemId(li, "G001"), "name") == "礼品001");
    }
    SECTION("an account moving to a colleague leaves the rep's stock where it is")
    {
        const std::string account = li.createAccount("华润万家");
        Transaction tx(*li.db);
        REQUIRE(li.store
                    ->create(tx, "stock_movement",
                             {{"owner_id", liId},
                              {"item_id", itemId(li, "G001")},
                              {"kind", std::string("issue")},
                              {"quantity", std::int64_t{-1}},
                              {"moved_at", li.clock.nowMs()},
                              {"account_id", account}})
                    .ok());
        tx.commit();
        w.syncUntilQuiet();
        w.assign(account, "wang.wei");
        w.syncUntilQuiet();
        CHECK_FALSE(li.store->exists("account", account));
        CHECK(countOf(li, "stock_movement", "account_id = '" + account + "'") == 1);
        CHECK(wang.store->exists("account", account));
        CHECK(countOf(wang, "stock_movement", "account_id = '" + account + "'") == 0);
    }
    SECTION("importing the same catalogue again changes nothing, whatever spaces the cells carry")
    {
        server::Admin admin(w.server.store(), w.serverClock);
        const ScopeDigest before = li.replica->digest();
        auto again = admin.importCatalogue(catalogue(23));
        REQUIRE(again.ok());
        CHECK(again->unchanged == 23);
        CHECK(again->added + again->updated == 0);
        auto spaced = admin.importCatalogue("code,name\nG001 ,礼品001\n\u3000G002,礼品002\n");
        REQUIRE(spaced.ok());
        CHECK(spaced->added == 0);
        CHECK(spaced->unchanged == 2);
        auto policy = admin.setPolicy("A", "face_visit", "month", 1, std::nullopt);
        REQUIRE(policy.ok());
        CHECK_FALSE(*policy);  // already so
        w.syncUntilQuiet();
        CHECK(countOf(li, "gift_item") == 23);
        CHECK(li.replica->digest() == before);  // nothing was sent again
    }
    SECTION("a refused first movement of a user files nothing under that user")
    {
        w.addUser("zhou.min", "rep");
        SyncDevice& zhou = w.addDevice("zhou-phone", "zhou.min", 6, small);
        w.syncUntilQuiet();
        REQUIRE(issue(zhou, userOf(zhou), itemId(zhou, "G001"), 5, "receipt").ok());
        w.syncUntilQuiet();
        REQUIRE(zhou.replica->rejected().size() == 1);
        CHECK(w.server.store().dump().indexOf(QString::fromStdString("user:" + userOf(zhou))) < 0);
    }
    SECTION("a catalogue change reaches every phone; a revoked phone is wiped of all three kinds")
    {
        QByteArray changed = "code,name\nG001,礼品001（新包装）\n";
        w.importCatalogue(changed);
        w.syncUntilQuiet();
        for (SyncDevice* d : {&li, &wang, &manager, &chen})
            CHECK(d->field("gift_item", itemId(*d, "G001"), "name") == "礼品001（新包装）");
        li.createAccount("临时客户");
        w.syncUntilQuiet();
        w.revoke(li.id());
        const auto r = li.sync();
        CHECK(r.status == sync::SyncStatus::Revoked);
        CHECK(countOf(li, "gift_item") == 0);
        CHECK(countOf(li, "tier_policy") == 0);
        CHECK(countOf(li, "stock_movement") == 0);
        CHECK(countOf(li, "account") == 0);
        CHECK(li.replica->digest().count == 0);
    }
}

TEST_CASE("a phone updated from the previous schema receives the values it was not sent", "[sync][scope]")
{
    // A later build declares an entity at this build's version with one more field at the next
    // (as account.location came at 6): the previous build is sent the records without that
    // field, and once updated, one full pass brings what it was not sent.
    const int next = schema::currentVersion() + 1;
    schema::testing::ExtraEntity extra(schema::Entity{
        .name = "test_note",
        .merge = schema::MergePolicy::Lww,
        .scope = schema::ScopeKind::AccountChild,
        .scopeField = "account_id",
        .since = next - 1,
        .fields = {{.name = "account_id",
                    .type = schema::FieldType::Ref,
                    .required = true,
                    .refEntity = "account",
                    .since = next - 1},
                   {.name = "body", .type = schema::FieldType::Text, .since = next - 1},
                   {.name = "place", .type = schema::FieldType::GeoPoint, .since = next}},
    });
    REQUIRE(schema::currentVersion() == next);
    const auto note = [](SyncDevice& d, const std::string& account, const Fields& fields) {
        Fields all = fields;
        all.emplace("account_id", account);
        Transaction tx(*d.db);
        auto id = d.store->create(tx, "test_note", all);
        REQUIRE(id.ok());
        tx.commit();
        return *id;
    };
    World w;
    w.addUser("li.na", "rep");
    w.importCatalogue(catalogue(3));
    w.receive("li.na", "G001", 6);
    SyncDevice& tablet = w.addDevice("tablet", "li.na");  // the current build
    const std::string account = tablet.createAccount("华润万家");
    const std::string placed = note(
        tablet, account, {{"body", std::string("门店")}, {"place", std::string("31.230416,121.473701,25")}});
    REQUIRE(tablet.sync().ok());

    sync::SyncEngine::Options old;
    old.schemaVersion = next - 1;
    old.pullLimit = 4;
    SyncDevice& li = w.addDevice("li-phone", "li.na", 1, old);
    li.createAccount("宝鼎食府");
    w.syncUntilQuiet();
    CHECK(countOf(li, "account") == 2);
    CHECK(countOf(li, "test_note") == 1);
    CHECK(countOf(li, "test_note", "place IS NOT NULL") == 0);  // not sent to the old build
    CHECK(countOf(li, "gift_item") == 3);
    // Placed again after the old build's cursor passed it.
    Transaction tx(*tablet.db);
    REQUIRE(tablet.store->update(tx, "test_note", placed, {{"place", std::string("31.230500,121.473800,12")}})
                .ok());
    tx.commit();
    w.syncUntilQuiet();
    CHECK(countOf(li, "test_note", "place IS NOT NULL") == 0);

    // The app is updated: the cursor was made under the old schema.
    sync::SyncEngine::Options now;
    now.pullLimit = 4;
    li.setOptions(now);
    li.createAccount("金龙酒业");  // an edit waits: the full pass keeps it and sends it
    // The first sync brings them: no repair, and no waiting for a sync with nothing pending
    // (the digest comparison that would find them is skipped while a change waits).
    const auto r = li.sync();
    REQUIRE(r.ok());
    CHECK_FALSE(r.repaired);
    CHECK(li.field("test_note", placed, "place") == "31.230500,121.473800,12");
    w.syncUntilQuiet();
    CHECK(countOf(li, "account") == 3);
    CHECK(countOf(li, "gift_item") == 3);
    CHECK(countOf(li, "stock_movement") == 1);
    CHECK(li.store->outboxCount() == 0);
    CHECK(li.replica->digest() == computeScopeDigest(*li.db));
    CHECK(firstDifference(tablet.snapshot(), li.snapshot()).empty());
}

TEST_CASE("each phone names the owner of every account it holds and follows a reassignment", "[sync][scope]")
{
    World w;
    w.addUser("li.na", "rep");
    w.addUser("wang.wei", "rep");
    w.addUser("zhao.min", "manager");
    sync::SyncEngine::Options small;
    small.pullLimit = 3;
    SyncDevice& li = w.addDevice("li-phone", "li.na", 1, small);
    SyncDevice& wang = w.addDevice("wang-phone", "wang.wei", 2, small);
    SyncDevice& manager = w.addDevice("zhao-phone", "zhao.min", 3, small);
    std::vector<std::string> lis;
    for (const char* name : {"华润万家", "宝鼎食府", "金龙酒业", "东信食府"})
        lis.push_back(li.createAccount(name));
    const std::string wangs = wang.createAccount("西湖国宾馆");
    // Created here and not pushed yet: the server has said nothing of it.
    CHECK_FALSE(li.replica->accountOwner(lis[0]).has_value());
    w.syncUntilQuiet();

    const std::string liId = userOf(li);
    const std::string wangId = userOf(wang);
    // The manager's phone holds both reps' accounts, each with its owner and the owner's name.
    for (const std::string& id : lis)
        CHECK(manager.replica->accountOwner(id) == liId);
    CHECK(manager.replica->accountOwner(wangs) == wangId);
    REQUIRE(manager.replica->teamMember(liId).has_value());
    CHECK(manager.replica->teamMember(liId)->name == "li.na");  // the display name (World uses the login)
    CHECK(manager.replica->teamMember(wangId)->role == "rep");
    // A rep knows their own name only: not the colleague's.
    CHECK(li.replica->teamMember(liId).has_value());
    CHECK_FALSE(li.replica->teamMember(wangId).has_value());
    CHECK(countOf(li, "sync_team") == 1);
    CHECK(countOf(manager, "sync_team") == 3);

    // The account moves to the colleague: the manager's phone says so, the colleague's phone
    // gets it with its owner, and the rep's phone lets it go with its owner row.
    w.assign(lis[1], QStringLiteral("wang.wei"));
    w.syncUntilQuiet();
    CHECK(manager.replica->accountOwner(lis[1]) == wangId);
    CHECK(wang.replica->accountOwner(lis[1]) == wangId);
    CHECK(countOf(li, "account", "id = '" + lis[1] + "'") == 0);
    CHECK(countOf(li, "sync_account_owner", "account_id = '" + lis[1] + "'") == 0);
    // Owners are not records: the digests agree.
    for (SyncDevice* d : {&li, &wang, &manager})
        CHECK(d->replica->digest() == computeScopeDigest(*d->db));

    // Signing out (a revoked phone) forgets the team with everything else.
    w.revoke(manager.id());
    CHECK(manager.sync().status == sync::SyncStatus::Revoked);
    CHECK(countOf(manager, "sync_team") == 0);
    CHECK(countOf(manager, "sync_account_owner") == 0);
}
