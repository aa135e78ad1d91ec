// The sync engine against the real server over the loopback transport: what a rep sees
// after offline work on two phones, conflicts, rejections, lost replies and revocation.
#include <catch2/catch.hpp>

#include "world.h"

using namespace fb;
using namespace fb::test;
using sync::SyncStatus;

namespace {

void requireOk(const sync::SyncReport& r)
{
    INFO(r.errorCode << ": " << r.errorMessage);
    REQUIRE(r.ok());
}

}  // namespace

TEST_CASE("an account created offline on one phone appears on the rep's other phone after both sync", "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& phone = w.addDevice("phone", "li.na");
    SyncDevice& tablet = w.addDevice("tablet", "li.na");

    const std::string id = phone.createAccount("杭州恒达建材有限公司", "KA");
    w.advance(60'000);
    const auto pushed = phone.sync();
    requireOk(pushed);
    CHECK(pushed.pushed == 1);
    CHECK(pushed.applied == 1);
    CHECK(phone.store->outboxCount() == 0);

    const auto pulled = tablet.sync();
    requireOk(pulled);
    CHECK(pulled.pulled >= 1);
    CHECK(tablet.field("account", id, "name") == "杭州恒达建材有限公司");
    CHECK(tablet.field("account", id, "tier") == "KA");
    CHECK(firstDifference(phone.snapshot(), tablet.snapshot()).empty());
    CHECK(pulled.roundTrips == 1);  // empty outbox: no push request, one pull page
}

TEST_CASE("conflicting edits of one field: the later edit wins on every replica", "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& a = w.addDevice("a", "li.na");
    SyncDevice& b = w.addDevice("b", "li.na");
    const std::string id = a.createAccount("恒达建材");
    w.syncUntilQuiet();

    a.updateAccount(id, {{"tier", std::string("B")}});
    w.advance(5'000);
    b.updateAccount(id, {{"tier", std::string("KA")}});  // later
    // The later edit syncs first: order of arrival must not matter.
    requireOk(b.sync());
    const auto ra = a.sync();
    requireOk(ra);
    CHECK(ra.merged == 1);  // a's edit lost on the server
    w.syncUntilQuiet();
    CHECK(a.field("account", id, "tier") == "KA");
    CHECK(b.field("account", id, "tier") == "KA");
    CHECK(firstDifference(a.snapshot(), b.snapshot()).empty());
}

TEST_CASE("edits of different fields of one record on two phones both survive", "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& a = w.addDevice("a", "li.na");
    SyncDevice& b = w.addDevice("b", "li.na");
    const std::string id = a.createAccount("恒达建材");
    w.syncUntilQuiet();

    a.updateAccount(id, {{"region", std::string("杭州")}});
    w.advance(1'000);
    b.updateAccount(id, {{"industry", std::string("建材")}});
    w.syncUntilQuiet();
    for (SyncDevice* d : {&a, &b}) {
        CHECK(d->field("account", id, "region") == "杭州");
        CHECK(d->field("account", id, "industry") == "建材");
    }
    CHECK(firstDifference(a.snapshot(), b.snapshot()).empty());
}

TEST_CASE("a change the server rejects is kept with its reason and the account leaves the phone", "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    w.addUser("wang.wei", "rep");
    SyncDevice& li = w.addDevice("li", "li.na");
    const std::string id = li.createAccount("恒达建材");
    w.syncUntilQuiet();

    // The manager gives the account to a colleague while Li edits it offline.
    w.assign(id, "wang.wei");
    li.updateAccount(id, {{"tier", std::string("KA")}});
    const auto r = li.sync();
    requireOk(r);
    CHECK(r.rejected == 1);
    CHECK(r.purged == 1);
    const auto rejected = li.replica->rejected();
    REQUIRE(rejected.size() == 1);
    CHECK(rejected[0].code == "out_of_scope");
    CHECK(rejected[0].recordId == id);
    CHECK(!rejected[0].message.empty());
    CHECK(rejected[0].fieldsJson.find("KA") != std::string::npos);
    CHECK_FALSE(li.store->exists("account", id));
    CHECK(li.store->outboxCount() == 0);
}

TEST_CASE("a push whose reply was lost is sent again and applied once", "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& a = w.addDevice("a", "li.na");
    SyncDevice& b = w.addDevice("b", "li.na");
    const std::string id = a.createAccount("恒达建材");
    a.updateAccount(id, {{"tier", std::string("KA")}});

    a.transport.setFaults({.replyLost = 1.0});
    const auto lost = a.sync();
    CHECK(lost.status == SyncStatus::Retryable);
    CHECK(lost.errorCode == "network");
    CHECK(lost.retryAfterMs >= 0);
    CHECK(a.store->outboxCount() == 2);  // not acknowledged: kept

    a.transport.setFaults({});
    const auto again = a.sync();
    requireOk(again);
    CHECK(again.pushed == 2);  // answered from the server's stored outcomes
    CHECK(again.rejected == 0);
    CHECK(a.store->outboxCount() == 0);
    CHECK(a.backoff.failures() == 0);

    requireOk(b.sync());
    const Snapshot snap = b.snapshot();
    CHECK(snap.size() == 1);
    CHECK(b.field("account", id, "tier") == "KA");
}

TEST_CASE("a request delivered twice is applied once", "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& a = w.addDevice("a", "li.na");
    SyncDevice& b = w.addDevice("b", "li.na");
    a.createAccount("恒达建材");
    a.createAccount("华联超市");
    a.transport.setFaults({.duplicate = 1.0});
    requireOk(a.sync());
    a.transport.setFaults({});
    requireOk(b.sync());
    CHECK(b.snapshot().size() == 2);
    CHECK(firstDifference(a.snapshot(), b.snapshot()).empty());
}

TEST_CASE("a revoked device wipes its data and says why", "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& a = w.addDevice("a", "li.na");
    a.createAccount("恒达建材");
    w.syncUntilQuiet();
    a.createAccount("华联超市");  // pending, offline

    const std::string revokedId = a.id();
    w.revoke(a.id());
    const auto r = a.sync();
    CHECK(r.status == SyncStatus::Revoked);
    CHECK(r.errorCode == "device_revoked");
    CHECK(r.errorMessage.find("revoked") != std::string::npos);
    CHECK(a.snapshot().empty());
    CHECK(a.store->outboxCount() == 0);
    CHECK(a.replica->setting(sync::key::kToken).empty());
    CHECK_FALSE(a.engine->signedIn());

    // The wiped phone is a new device now: the rep can sign in again and gets their data back.
    CHECK(a.id() != revokedId);
    REQUIRE(a.engine->signIn("li.na", w.password("li.na").toStdString(), "a").ok());
    const auto back = a.sync();
    REQUIRE(back.ok());
    CHECK(a.snapshot().size() >= 1);
}

TEST_CASE("sign-in with a wrong password fails with the server's message and stores nothing", "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& a = w.addDevice("a", "li.na");
    SyncDevice b(w.root_ / "b.db", w.server, 2, w.serverClock.nowMs());
    auto r = b.engine->signIn("li.na", "wrong", "b");
    REQUIRE_FALSE(r.ok());
    CHECK_FALSE(b.engine->signedIn());
    const auto report = b.sync();
    CHECK(report.status == SyncStatus::SignedOut);
    CHECK(a.engine->signedIn());
}

TEST_CASE("an unknown token makes the report signed-out, not retryable", "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& a = w.addDevice("a", "li.na");
    {
        Transaction tx(*a.db);
        a.replica->setSetting(tx, sync::key::kToken, "0000");
        tx.commit();
    }
    const auto r = a.sync();
    CHECK(r.status == SyncStatus::SignedOut);
    CHECK(r.errorCode == "unauthenticated");
}

TEST_CASE("progress reports both phases with byte counts; a report counts round trips", "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    sync::SyncEngine::Options small;
    small.pushBatch = 3;
    small.pullLimit = 4;
    SyncDevice& a = w.addDevice("a", "li.na", 1, small);
    SyncDevice& b = w.addDevice("b", "li.na", 2, small);
    for (int i = 0; i < 10; ++i) a.createAccount("客户 " + std::to_string(i));
    std::vector<sync::SyncProgress> seen;
    const auto r = a.engine->syncOnce([&](const sync::SyncProgress& p) { seen.push_back(p); });
    requireOk(r);
    CHECK(r.pushed == 10);
    CHECK(r.roundTrips == 4 + 3);  // 4 push batches, 3 pull pages (10 records of our own)
    REQUIRE(!seen.empty());
    CHECK(seen.front().phase == sync::SyncPhase::Push);
    CHECK(seen.front().total == 10);
    CHECK(seen.back().phase == sync::SyncPhase::Pull);
    CHECK(seen.back().bytesSent == r.bytesSent);
    CHECK(r.bytesSent > 0);
    CHECK(r.bytesReceived > 0);
    // The pull knows from its first page how many records are coming: every report after it
    // has the exact total (10 accounts over 3 pages), and the last says all of them arrived.
    std::vector<sync::SyncProgress> pulls;
    const auto rb = b.engine->syncOnce([&](const sync::SyncProgress& p) {
        if (p.phase == sync::SyncPhase::Pull && p.done > 0) pulls.push_back(p);
    });
    requireOk(rb);
    CHECK(rb.pulled == 10);
    REQUIRE(pulls.size() == 3);
    for (const sync::SyncProgress& p : pulls) CHECK(p.total == 10);
    CHECK(pulls[0].done == 4);
    CHECK(pulls.back().done == 10);
    CHECK(firstDifference(a.snapshot(), b.snapshot()).empty());
    // From a cursor, the count covers only what changed since.
    for (int i = 0; i < 5; ++i) a.createAccount("新客户 " + std::to_string(i));
    requireOk(a.sync());
    pulls.clear();
    requireOk(b.engine->syncOnce([&](const sync::SyncProgress& p) {
        if (p.phase == sync::SyncPhase::Pull && p.done > 0) pulls.push_back(p);
    }));
    REQUIRE(pulls.size() == 2);
    CHECK(pulls[0].total == 5);
    CHECK(pulls.back().done == 5);
}

TEST_CASE("clock skew: a later edit on a correct clock beats an earlier edit from a phone a day fast", "[sync][engine][skew]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& fast = w.addDevice("fast", "li.na");
    SyncDevice& normal = w.addDevice("normal", "li.na");
    const std::string id = normal.createAccount("恒达建材");
    w.syncUntilQuiet();

    fast.clock.advance(24 * 3600 * 1000);  // its clock is a day ahead
    fast.updateAccount(id, {{"tier", std::string("C")}});
    const auto rf = fast.sync();
    requireOk(rf);  // the server clamps the stamp to its own time
    w.advance(10 * 60 * 1000);
    normal.updateAccount(id, {{"tier", std::string("KA")}});  // really later
    w.syncUntilQuiet();
    CHECK(normal.field("account", id, "tier") == "KA");
    CHECK(fast.field("account", id, "tier") == "KA");
    CHECK(firstDifference(fast.snapshot(), normal.snapshot()).empty());
}

TEST_CASE("a crash during a pull keeps the pages committed before it and resumes after them", "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& a = w.addDevice("a", "li.na");
    sync::SyncEngine::Options crashing;
    crashing.pullLimit = 3;
    crashing.beforePageCommit = [](int page) {
        if (page == 2) throw std::runtime_error("simulated crash");
    };
    SyncDevice& b = w.addDevice("b", "li.na", 2, crashing);
    for (int i = 0; i < 8; ++i) a.createAccount("客户 " + std::to_string(i));
    requireOk(a.sync());
    CHECK_THROWS(b.sync());
    b.crashAndReopen();
    CHECK(b.snapshot().size() == 3);  // page 1 only; page 2 rolled back
    sync::SyncEngine::Options normal;
    normal.pullLimit = 3;
    b.setOptions(normal);
    const auto r = b.sync();
    requireOk(r);
    CHECK(r.pulled == 5);
    CHECK_FALSE(r.repaired);
    CHECK(firstDifference(a.snapshot(), b.snapshot()).empty());
}

TEST_CASE("a device that diverged from the server is repaired to the server's state", "[sync][engine][repair]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& phone = w.addDevice("phone", "li.na");
    SyncDevice& tablet = w.addDevice("tablet", "li.na");
    const std::string id = phone.createAccount("杭州恒达建材有限公司", "KA");
    w.syncUntilQuiet();

    // Damage the tablet behind the engine's back: a value the server never had, with a later
    // stamp than anything on the server, and a record the server does not know at all.
    const std::string bogus = "0190a000-0000-7000-8000-0000000000ee";
    {
        Transaction tx(*tablet.db);
        tablet.db->cached("UPDATE account SET tier = 'C', _clock = json_set(_clock, '$.tier', ?) WHERE id = ?")
            .bind(1, HlcStamp{tablet.clock.nowMs() + 86'400'000, 0, "ffff"}.toString())
            .bind(2, id)
            .exec();
        RecordState stray{{{"name", std::string("只在平板上的客户")}, {"tier", std::string("B")}, {"stage", std::string("growth")}},
                          {{"name", HlcStamp{1000, 0, "ffff"}.toString()},
                           {"tier", HlcStamp{1000, 0, "ffff"}.toString()},
                           {"stage", HlcStamp{1000, 0, "ffff"}.toString()}}};
        REQUIRE(tablet.replica->applyRemote(tx, "account", bogus, stray).ok());
        tx.commit();
    }
    REQUIRE(tablet.field("account", id, "tier") == "C");

    const auto r = tablet.sync();
    requireOk(r);
    CHECK(r.repaired);
    CHECK(tablet.field("account", id, "tier") == "KA");
    CHECK_FALSE(tablet.store->exists("account", bogus));
    CHECK(firstDifference(phone.snapshot(), tablet.snapshot()).empty());
    // The next sync finds nothing to repair.
    const auto again = tablet.sync();
    requireOk(again);
    CHECK_FALSE(again.repaired);
}

namespace {

// The search index as "record_id|account_id|kind|body|grams" lines (rowids may differ between
// devices), with the sort keys: what a rep can find and in which order.
std::vector<std::string> searchIndexOf(Database& db)
{
    std::vector<std::string> out;
    Statement st = db.prepare("SELECT e.record_id, e.account_id, e.kind, f.body, s.grams FROM search_entry e"
                              " JOIN search_fts f ON f.rowid = e.rowid JOIN search_short s ON s.rowid = e.rowid"
                              " ORDER BY e.record_id");
    while (st.step())
        out.push_back(st.text(0) + "|" + st.text(1) + "|" + st.text(2) + "|" + st.text(3) + "|" + st.text(4));
    Statement sorts = db.prepare("SELECT 'a' || id || _sort FROM account UNION ALL SELECT 'p' || id || _sort FROM key_person"
                                 " UNION ALL SELECT 's' || account_id || sort FROM search_account ORDER BY 1");
    while (sorts.step()) out.push_back(sorts.text(0));
    return out;
}

// The first line one index has and the other lacks, or "" when they are equal.
std::string indexDifference(Database& a, Database& b)
{
    const auto x = searchIndexOf(a), y = searchIndexOf(b);
    for (const std::string& line : x)
        if (std::find(y.begin(), y.end(), line) == y.end()) return "only on the first: " + line;
    for (const std::string& line : y)
        if (std::find(x.begin(), x.end(), line) == x.end()) return "only on the second: " + line;
    return x.size() == y.size() ? std::string() : "different sizes";
}

// A varied archive on `d`: accounts, key persons (with role changes), edits on other
// days (so records carry several stamps), a cleared field and an archived account.
std::vector<std::string> seedArchive(SyncDevice& d, int accounts)
{
    std::vector<std::string> ids;
    for (int i = 0; i < accounts; ++i) {
        const std::string id = d.createAccount("杭州恒达建材有限公司 " + std::to_string(i), i % 2 ? "A" : "KA");
        ids.push_back(id);
        Transaction tx(*d.db);
        REQUIRE(d.archive->createKeyPerson(tx, id, {{"name", std::string("王经理") + std::to_string(i)},
                                                   {"role", std::string(i % 3 ? "other" : "decision_maker")},
                                                   {"phone", std::string("1390571000") + std::to_string(i % 10)}})
                    .ok());
        tx.commit();
    }
    d.clock.advance(3600'000);
    for (int i = 0; i < accounts; i += 3) d.updateAccount(ids[static_cast<std::size_t>(i)], {{"tier", std::string("B")}});
    d.updateAccount(ids[1], {{"phone", std::string("057188886666")}});
    d.clock.advance(3600'000);
    d.updateAccount(ids[1], {{"phone", Value{}}});  // cleared: a stamp without a value
    d.updateAccount(ids[2], {{"archived", std::int64_t{1}}});
    return ids;
}

}  // namespace

TEST_CASE("a new device's initial sync is applied in bulk and ends in the same state as record-by-record apply",
          "[sync][engine][bulk]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& a = w.addDevice("a", "li.na");
    const auto ids = seedArchive(a, 12);
    requireOk(a.sync());

    sync::SyncEngine::Options small;
    small.pullLimit = 5;  // several pages
    SyncDevice& b = w.addDevice("b", "li.na", 2, small);
    REQUIRE(b.replica->empty());
    const auto r = b.sync();
    requireOk(r);
    CHECK_FALSE(r.repaired);  // the scope digest matched
    CHECK(r.pulled == static_cast<int>(a.snapshot().size()));
    CHECK(b.replica->setting(sync::key::kBulkPull).empty());
    CHECK(firstDifference(a.snapshot(), b.snapshot()).empty());
    CHECK(indexDifference(*a.db, *b.db) == "");
    // Record by record on a device that already held something (not bulk): the same state.
    SyncDevice& c = w.addDevice("c", "li.na", 3, small);
    c.createAccount("只在c上的客户");
    requireOk(c.sync());
    requireOk(a.sync());
    requireOk(b.sync());
    CHECK(firstDifference(a.snapshot(), c.snapshot()).empty());
    CHECK(firstDifference(b.snapshot(), c.snapshot()).empty());
    CHECK(indexDifference(*b.db, *c.db) == "");

    // Later syncs merge as usual, both ways.
    b.updateAccount(ids[0], {{"tier", std::string("C")}});
    a.clock.advance(60'000);
    a.updateAccount(ids[3], {{"name", std::string("宁波新名字贸易")}});
    w.syncUntilQuiet();
    CHECK(firstDifference(a.snapshot(), b.snapshot()).empty());
    CHECK(indexDifference(*a.db, *b.db) == "");
    AccountQuery query(*b.db);
    CHECK(query.page({.text = "ningbo"}, 0, 10).total == 1);
    CHECK(query.page({.text = "只在c上"}, 0, 10).total == 1);
}

TEST_CASE("an initial sync interrupted after a page resumes in bulk and ends with a complete search index",
          "[sync][engine][bulk]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& a = w.addDevice("a", "li.na");
    seedArchive(a, 6);
    requireOk(a.sync());

    sync::SyncEngine::Options crashing;
    crashing.pullLimit = 4;
    crashing.beforePageCommit = [](int page) {
        if (page == 3) throw std::runtime_error("simulated crash");
    };
    SyncDevice& b = w.addDevice("b", "li.na", 2, crashing);
    CHECK_THROWS(b.sync());
    b.crashAndReopen();
    CHECK(b.snapshot().size() == 8);  // pages 1 and 2
    CHECK(b.replica->setting(sync::key::kBulkPull) == "1");  // the index is not complete yet
    // The rep writes something meanwhile; it is indexed as usual and kept by the rebuild.
    b.createAccount("温州临时客户");
    sync::SyncEngine::Options normal;
    normal.pullLimit = 4;
    b.setOptions(normal);
    const auto r = b.sync();
    requireOk(r);
    CHECK_FALSE(r.repaired);
    CHECK(b.replica->setting(sync::key::kBulkPull).empty());
    requireOk(a.sync());
    CHECK(firstDifference(a.snapshot(), b.snapshot()).empty());
    CHECK(indexDifference(*a.db, *b.db) == "");
    AccountQuery query(*b.db);
    CHECK(query.page({.text = "温州临时"}, 0, 10).total == 1);
    CHECK(query.page({.text = "王经理5"}, 0, 10).total == 1);  // a key person from the last page
}

TEST_CASE("signing out drops the token on the server too", "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& a = w.addDevice("a", "li.na");
    a.createAccount("恒达建材");
    requireOk(a.sync());
    const std::string token = a.replica->setting(sync::key::kToken);
    REQUIRE_FALSE(token.empty());

    a.engine->signOut();
    CHECK_FALSE(a.engine->signedIn());
    // The old token no longer opens anything on the server.
    {
        Transaction tx(*a.db);
        a.replica->setSetting(tx, sync::key::kToken, token);
        tx.commit();
    }
    const auto r = a.sync();
    CHECK(r.status == SyncStatus::SignedOut);
}

TEST_CASE("a phone restored from an old backup renumbers its new changes and loses none", "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& phone = w.addDevice("phone", "li.na");
    SyncDevice& tablet = w.addDevice("tablet", "li.na");
    const std::string a = phone.createAccount("杭州恒达建材有限公司", "A");
    requireOk(phone.sync());

    // Backup taken with one change unsent; after it the phone sends that change and more.
    phone.updateAccount(a, {{"region", std::string("杭州")}});
    phone.close();
    const auto backup = phone.file().string() + ".backup";
    std::filesystem::copy_file(phone.file(), backup);  // closed: the WAL is checkpointed
    phone.open();
    w.advance(60'000);
    phone.updateAccount(a, {{"tier", std::string("KA")}});
    const std::string b = phone.createAccount("宁波港城物流有限公司", "B");
    requireOk(phone.sync());

    // Restored: the device reuses sequence numbers the server has already seen, for other
    // changes. They must not be taken for replays of the old ones.
    phone.close();
    std::filesystem::copy_file(backup, phone.file(), std::filesystem::copy_options::overwrite_existing);
    phone.open();
    w.advance(60'000);
    phone.updateAccount(a, {{"stage", std::string("maturity")}});
    const std::string c = phone.createAccount("温州瓯江电器有限公司", "C");
    const auto r = phone.sync();
    requireOk(r);
    CHECK(phone.store->outboxCount() == 0);
    w.syncUntilQuiet();
    // Everything written after the backup, before and after the restore, is everywhere.
    CHECK(tablet.field("account", a, "region") == "杭州");
    CHECK(tablet.field("account", a, "tier") == "KA");
    CHECK(tablet.field("account", a, "stage") == "maturity");
    CHECK(tablet.field("account", b, "name") == "宁波港城物流有限公司");
    CHECK(tablet.field("account", c, "name") == "温州瓯江电器有限公司");
    CHECK(firstDifference(phone.snapshot(), tablet.snapshot()).empty());
}
