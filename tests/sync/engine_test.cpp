// The sync engine against the real server over the loopback transport: what a rep sees
// after offline work on two phones, conflicts (and the overridden changes they leave),
// rejections, lost replies, revocation and a cancelled sync.
#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>
#include <functional>
#include <thread>

#include "fakes/search_index.h"
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

TEST_CASE("an account created offline on one phone appears on the rep's other phone after both sync",
          "[sync][engine]")
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

TEST_CASE("a change the server rejects is kept with its reason and the account leaves the phone",
          "[sync][engine]")
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
    // Named as the phone knew it, though the account has left the phone.
    CHECK(rejected[0].label == "恒达建材");
    CHECK_FALSE(li.store->exists("account", id));
    CHECK(li.store->outboxCount() == 0);
}

TEST_CASE("a change the server rejects is undone on the phone: the record returns to the server's state",
          "[sync][engine][repair]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& phone = w.addDevice("phone", "li.na");
    const std::string id = phone.createAccount("杭州恒达建材有限公司", "KA");
    requireOk(phone.sync());

    // A write the server refuses (a tier it does not declare), with its outbox entry, as an
    // older or buggy build could have made it.
    {
        const std::string stamp = HlcStamp{phone.clock.nowMs() + 1000, 0, phone.id()}.toString();
        Transaction tx(*phone.db);
        phone.db->cached("UPDATE account SET tier = 'Z', _clock = json_set(_clock, '$.tier', ?) WHERE id = ?")
            .bind(1, stamp)
            .bind(2, id)
            .exec();
        phone.db
            ->cached("INSERT INTO outbox (seq, entity, record_id, op, fields, hlc)"
                     " VALUES ((SELECT next_seq FROM device), 'account', ?, 'update', '{\"tier\":\"Z\"}', ?)")
            .bind(1, id)
            .bind(2, stamp)
            .exec();
        phone.db->execScript("UPDATE device SET next_seq = next_seq + 1");
        tx.commit();
    }
    const auto r = phone.sync();
    requireOk(r);
    CHECK(r.rejected == 1);
    CHECK_FALSE(r.repaired);  // reverted by the push's answer, not found later by the digest
    CHECK(phone.field("account", id, "tier") == "KA");
    const auto rejected = phone.replica->rejected();
    REQUIRE(rejected.size() == 1);
    CHECK(rejected[0].code == "validation");
    CHECK(rejected[0].fieldsJson.find("\"Z\"") != std::string::npos);  // the lost value stays listed
    SyncDevice& tablet = w.addDevice("tablet", "li.na");
    requireOk(tablet.sync());
    CHECK(firstDifference(phone.snapshot(), tablet.snapshot()).empty());
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
    // The failure is remembered as code and detail (the app shows it after a restart).
    CHECK(a.replica->setting(sync::key::kLastErrorCode) == "network");
    CHECK(a.replica->setting(sync::key::kLastErrorMessage).find("injected: reply lost") != std::string::npos);

    a.transport.setFaults({});
    const auto again = a.sync();
    requireOk(again);
    CHECK(again.pushed == 2);  // answered from the server's stored outcomes
    CHECK(again.rejected == 0);
    CHECK(a.replica->setting(sync::key::kLastErrorCode).empty());
    CHECK(a.replica->setting(sync::key::kLastErrorMessage).empty());
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
    CHECK(a.token().empty());
    CHECK_FALSE(std::filesystem::exists(tokenFileOf(a.file().string())));
    CHECK_FALSE(a.engine->signedIn());

    // The wiped phone is a new device now: the rep can sign in again and gets their data back.
    CHECK(a.id() != revokedId);
    REQUIRE(a.engine->signIn("li.na", w.password("li.na").toStdString(), "a").ok());
    const auto back = a.sync();
    REQUIRE(back.ok());
    CHECK(a.snapshot().size() >= 1);
}

TEST_CASE("sign-in with a wrong password fails with the server's message and stores nothing",
          "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& a = w.addDevice("a", "li.na");
    SyncDevice b(w.root_ / "b.db", w.server, 2, w.serverClock.nowMs());
    auto r = b.engine->signIn("li.na", "wrong", "b");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().reason == "bad_credentials");
    CHECK(r.error().code == ErrorCode::Conflict);
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
    a.setToken("0000");
    const auto r = a.sync();
    CHECK(r.status == SyncStatus::SignedOut);
    CHECK(r.errorCode == "unauthenticated");
    // Back to the sign-in form (no token), with the user and data kept.
    CHECK_FALSE(a.engine->signedIn());
    CHECK(a.replica->setting(sync::key::kUserLogin) == "li.na");
}

TEST_CASE(
    "a sign-in whose reply was lost leaves the old token dead: the rep signs in again and loses nothing",
    "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& phone = w.addDevice("phone", "li.na");
    const std::string id = phone.createAccount("杭州恒达建材有限公司");
    requireOk(phone.sync());
    // Offline work waiting to be sent.
    phone.updateAccount(id, {{"tier", std::string("KA")}});
    const std::string later = phone.createAccount("宁波港城物流有限公司");

    // The rep signs in again; the server takes it (and retires the old token), the reply is lost.
    phone.transport.setFaults({.replyLost = 1.0});
    REQUIRE_FALSE(phone.engine->signIn("li.na", World::password("li.na").toStdString(), "phone").ok());
    phone.transport.setFaults({});
    const auto r = phone.sync();
    CHECK(r.status == SyncStatus::SignedOut);
    CHECK_FALSE(phone.engine->signedIn());   // the app shows the sign-in form again
    CHECK(phone.store->outboxCount() == 2);  // nothing waiting was discarded
    CHECK(phone.store->exists("account", later));

    REQUIRE(phone.engine->signIn("li.na", World::password("li.na").toStdString(), "phone").ok());
    requireOk(phone.sync());
    CHECK(phone.store->outboxCount() == 0);
    SyncDevice& tablet = w.addDevice("tablet", "li.na");
    requireOk(tablet.sync());
    CHECK(tablet.field("account", id, "tier") == "KA");
    CHECK(tablet.field("account", later, "name") == "宁波港城物流有限公司");
}

TEST_CASE("progress reports both phases with byte counts, and a report counts round trips", "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    sync::SyncEngine::Options small;
    small.pushBatch = 3;
    small.pullLimit = 4;
    SyncDevice& a = w.addDevice("a", "li.na", 1, small);
    SyncDevice& b = w.addDevice("b", "li.na", 2, small);
    for (int i = 0; i < 10; ++i)
        a.createAccount("客户 " + std::to_string(i));
    std::vector<sync::SyncProgress> seen;
    const auto r = a.engine->syncOnce([&](const sync::SyncProgress& p) { seen.push_back(p); });
    requireOk(r);
    CHECK(r.pushed == 10);
    // 4 push batches, 3 pull pages: a pull from an empty cursor is a full pass, so every page
    // brings this device's own records too (4 + 4 + 2 of the 10).
    CHECK(r.roundTrips == 4 + 3);
    CHECK(r.pulled == 10);
    // From then on the device's own writes are not sent back: one more push, one pull page.
    a.createAccount("客户 10");
    const auto next = a.sync();
    requireOk(next);
    CHECK(next.roundTrips == 1 + 1);
    CHECK(next.pulled == 0);
    REQUIRE(!seen.empty());
    CHECK(seen.front().phase == sync::SyncPhase::Push);
    CHECK(seen.front().total == 10);
    CHECK(seen.back().phase == sync::SyncPhase::Pull);
    CHECK(seen.back().bytesSent == r.bytesSent);
    CHECK(r.bytesSent > 0);
    CHECK(r.bytesReceived > 0);
    // The pull knows from its first page how many records are coming: every report after it
    // has the exact total (11 accounts over 3 pages), and the last says all of them arrived.
    std::vector<sync::SyncProgress> pulls;
    const auto rb = b.engine->syncOnce([&](const sync::SyncProgress& p) {
        if (p.phase == sync::SyncPhase::Pull && p.done > 0) pulls.push_back(p);
    });
    requireOk(rb);
    CHECK(rb.pulled == 11);
    REQUIRE(pulls.size() == 3);
    for (const sync::SyncProgress& p : pulls)
        CHECK(p.total == 11);
    CHECK(pulls[0].done == 4);
    CHECK(pulls.back().done == 11);
    CHECK(firstDifference(a.snapshot(), b.snapshot()).empty());
    // From a cursor, the count covers only what changed since.
    for (int i = 0; i < 5; ++i)
        a.createAccount("新客户 " + std::to_string(i));
    requireOk(a.sync());
    pulls.clear();
    requireOk(b.engine->syncOnce([&](const sync::SyncProgress& p) {
        if (p.phase == sync::SyncPhase::Pull && p.done > 0) pulls.push_back(p);
    }));
    REQUIRE(pulls.size() == 2);
    CHECK(pulls[0].total == 5);
    CHECK(pulls.back().done == 5);
}

TEST_CASE("clock skew: a later edit on a correct clock beats an earlier edit from a phone a day fast",
          "[sync][engine][skew]")
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

TEST_CASE("a crash during a pull keeps the pages committed before it and resumes after them",
          "[sync][engine]")
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
    for (int i = 0; i < 8; ++i)
        a.createAccount("客户 " + std::to_string(i));
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

TEST_CASE("a device that diverged from the server is repaired to the server's state",
          "[sync][engine][repair]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& phone = w.addDevice("phone", "li.na");
    SyncDevice& tablet = w.addDevice("tablet", "li.na");
    const std::string id = phone.createAccount("杭州恒达建材有限公司", "KA");
    w.syncUntilQuiet();

    // Damage the tablet behind the engine's back: a value the server never had, with a later
    // stamp than anything on the server.
    {
        Transaction tx(*tablet.db);
        tablet.db
            ->cached("UPDATE account SET tier = 'C', _clock = json_set(_clock, '$.tier', ?) WHERE id = ?")
            .bind(1, HlcStamp{tablet.clock.nowMs() + 86'400'000, 0, "ffff"}.toString())
            .bind(2, id)
            .exec();
        tx.commit();
    }
    REQUIRE(tablet.field("account", id, "tier") == "C");

    const auto r = tablet.sync();
    requireOk(r);
    CHECK(r.repaired);
    CHECK(tablet.field("account", id, "tier") == "KA");
    CHECK(firstDifference(phone.snapshot(), tablet.snapshot()).empty());
    // The next sync finds nothing to repair.
    const auto again = tablet.sync();
    requireOk(again);
    CHECK_FALSE(again.repaired);
}

TEST_CASE("a record the server does not send is never deleted: an unresolved mismatch is a stored failure",
          "[sync][engine][repair]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& tablet = w.addDevice("tablet", "li.na");
    tablet.createAccount("杭州恒达建材有限公司", "KA");
    requireOk(tablet.sync());

    // A record the server does not know, put there behind the engine's back.
    const std::string stray = "0190a000-0000-7000-8000-0000000000ee";
    {
        Transaction tx(*tablet.db);
        RecordState state{{{"name", std::string("只在平板上的客户")},
                           {"tier", std::string("B")},
                           {"stage", std::string("growth")}},
                          {{"name", HlcStamp{1000, 0, "ffff"}.toString()},
                           {"tier", HlcStamp{1000, 0, "ffff"}.toString()},
                           {"stage", HlcStamp{1000, 0, "ffff"}.toString()}}};
        REQUIRE(tablet.replica->applyRemote(tx, "account", stray, state).ok());
        tx.commit();
    }
    const auto r = tablet.sync();
    CHECK(r.repaired);
    CHECK(r.status == SyncStatus::Failed);
    CHECK(r.errorCode == "scope_mismatch");
    CHECK(tablet.store->exists("account", stray));  // nothing deleted for being absent
    CHECK(tablet.replica->setting(sync::key::kLastErrorCode) == "scope_mismatch");
    CHECK_FALSE(tablet.replica->setting(sync::key::kLastErrorMessage).empty());
}

TEST_CASE("an edit made while a pull runs does not set off a repair, and the next sync sends it",
          "[sync][engine][repair]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& phone = w.addDevice("phone", "li.na");
    SyncDevice& tablet = w.addDevice("tablet", "li.na");
    const std::string id = phone.createAccount("杭州恒达建材有限公司", "KA");
    w.syncUntilQuiet();
    phone.updateAccount(id, {{"region", std::string("杭州")}});
    requireOk(phone.sync());

    // The rep edits on the tablet while its pull is on the wire (the UI writes on its own
    // connection; here the transport's hook writes before the server answers).
    bool edited = false;
    tablet.transport.beforeRequest = [&](const sync::TransportRequest& request) {
        if (edited || request.path != "/v1/sync/pull") return;
        edited = true;
        tablet.updateAccount(id, {{"tier", std::string("A")}});
    };
    const auto r = tablet.sync();
    tablet.transport.beforeRequest = nullptr;
    REQUIRE(edited);
    requireOk(r);
    CHECK_FALSE(r.repaired);
    CHECK(tablet.field("account", id, "region") == "杭州");
    CHECK(tablet.field("account", id, "tier") == "A");
    CHECK(tablet.store->outboxCount() == 1);

    const auto next = tablet.sync();
    requireOk(next);
    CHECK_FALSE(next.repaired);
    requireOk(phone.sync());
    CHECK(phone.field("account", id, "tier") == "A");
    CHECK(firstDifference(phone.snapshot(), tablet.snapshot()).empty());
}

TEST_CASE("a phone restored from a copy taken before its last sync gets its own writes back, page after page",
          "[sync][engine][repair]")
{
    World w;
    w.addUser("li.na", "rep");
    sync::SyncEngine::Options small;
    small.pullLimit = 2;  // the rep's book spans several pages
    SyncDevice& phone = w.addDevice("phone", "li.na", 1, small);
    SyncDevice& tablet = w.addDevice("tablet", "li.na", 2, small);
    for (int i = 0; i < 3; ++i)
        phone.createAccount("早先的客户 " + std::to_string(i));
    w.syncUntilQuiet();

    phone.close();
    const auto backup = phone.file().string() + ".backup";
    std::filesystem::copy_file(phone.file(), backup);
    phone.open();
    std::vector<std::string> later;
    for (int i = 0; i < 7; ++i)
        later.push_back(phone.createAccount("后来的客户 " + std::to_string(i)));
    requireOk(phone.sync());
    requireOk(tablet.sync());

    // The phone comes back from the copy: it lacks the seven accounts it wrote itself.
    phone.close();
    std::filesystem::copy_file(backup, phone.file(), std::filesystem::copy_options::overwrite_existing);
    phone.open();
    const auto r = phone.sync();
    requireOk(r);
    CHECK(r.repaired);
    for (const std::string& id : later)
        CHECK(phone.store->exists("account", id));
    CHECK(firstDifference(phone.snapshot(), tablet.snapshot()).empty());
    const auto again = phone.sync();
    requireOk(again);
    CHECK_FALSE(again.repaired);
}

TEST_CASE("another user signs in on the phone, then the first again: the first user's book comes back whole",
          "[sync][engine][repair]")
{
    World w;
    w.addUser("li.na", "rep");
    w.addUser("wang.wei", "rep");
    sync::SyncEngine::Options small;
    small.pullLimit = 2;
    SyncDevice& phone = w.addDevice("phone", "li.na", 1, small);
    std::vector<std::string> mine;
    for (int i = 0; i < 7; ++i)
        mine.push_back(phone.createAccount("李娜的客户 " + std::to_string(i)));
    requireOk(phone.sync());

    // The device id is li.na's: the server refuses it to wang.wei, and the phone signs in under
    // a new one.
    const std::string liDevice = phone.id();
    REQUIRE(phone.engine->signIn("wang.wei", World::password("wang.wei").toStdString(), "phone").ok());
    CHECK(phone.id() != liDevice);
    requireOk(phone.sync());
    for (const std::string& id : mine)
        CHECK_FALSE(phone.store->exists("account", id));

    REQUIRE(phone.engine->signIn("li.na", World::password("li.na").toStdString(), "phone").ok());
    const auto r = phone.sync();
    requireOk(r);
    CHECK_FALSE(r.repaired);
    CHECK(r.pulled == 7);
    for (const std::string& id : mine)
        CHECK(phone.store->exists("account", id));
}

TEST_CASE("a pull from the start counts exactly what it brings, own writes included", "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    sync::SyncEngine::Options small;
    small.pullLimit = 3;
    SyncDevice& phone = w.addDevice("phone", "li.na", 1, small);
    for (int i = 0; i < 8; ++i)
        phone.createAccount("客户 " + std::to_string(i));
    requireOk(phone.sync());
    // The same device id starts over (a reinstall that kept its id, or a user switch back).
    {
        Transaction tx(*phone.db);
        phone.replica->wipe(tx);
        tx.commit();
    }
    REQUIRE(phone.engine->signIn("li.na", World::password("li.na").toStdString(), "phone").ok());
    std::int64_t total = 0, done = 0;
    const auto r = phone.engine->syncOnce([&](const sync::SyncProgress& p) {
        if (p.phase != sync::SyncPhase::Pull) return;
        total = std::max(total, p.total);
        done = p.done;
    });
    requireOk(r);
    CHECK(r.pulled == 8);
    CHECK(total == 8);
    CHECK(done == 8);
}

namespace {

// The first line one index has and the other lacks, or "" when they are equal.
std::string indexDifference(Database& a, Database& b)
{
    const auto x = test::searchIndexLines(a), y = test::searchIndexLines(b);
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
        const std::string id =
            d.createAccount("杭州恒达建材有限公司 " + std::to_string(i), i % 2 ? "A" : "KA");
        ids.push_back(id);
        Transaction tx(*d.db);
        REQUIRE(d.archive
                    ->createKeyPerson(tx, id,
                                      {{"name", std::string("王经理") + std::to_string(i)},
                                       {"role", std::string(i % 3 ? "other" : "decision_maker")},
                                       {"phone", std::string("1390571000") + std::to_string(i % 10)}})
                    .ok());
        tx.commit();
    }
    d.clock.advance(3600'000);
    for (int i = 0; i < accounts; i += 3)
        d.updateAccount(ids[static_cast<std::size_t>(i)], {{"tier", std::string("B")}});
    d.updateAccount(ids[1], {{"phone", std::string("057188886666")}});
    d.clock.advance(3600'000);
    d.updateAccount(ids[1], {{"phone", Value{}}});  // cleared: a stamp without a value
    d.updateAccount(ids[2], {{"archived", std::int64_t{1}}});
    return ids;
}

}  // namespace

TEST_CASE(
    "a new device's initial sync is applied in bulk and ends in the same state as record-by-record apply",
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
    CHECK_FALSE(test::anyMisplaced(test::searchIndexLines(*b.db)));
    CHECK(b.db->autoCheckpointPages() == 1000);  // checkpoints are everyone's again after the pull
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
    CHECK(b.snapshot().size() == 8);                         // pages 1 and 2
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
    CHECK_FALSE(test::anyMisplaced(test::searchIndexLines(*b.db)));
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
    const std::string token = a.token();
    REQUIRE_FALSE(token.empty());

    a.engine->signOut();
    CHECK_FALSE(a.engine->signedIn());
    // The old token no longer opens anything on the server.
    {
        // Put back as it was kept (sign-out erased it).
        Transaction tx(*a.db);
        a.replica->setSetting(tx, sync::key::kToken, token);  // as an older version kept it
        tx.commit();
    }
    const auto r = a.sync();
    CHECK(r.status == SyncStatus::SignedOut);
}

TEST_CASE("sign-in says why it failed: an unreachable server, a revoked device", "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& a = w.addDevice("a", "li.na");
    a.createAccount("恒达建材");
    requireOk(a.sync());

    a.transport.setFaults({.requestLost = 1.0});
    auto offline = a.engine->signIn("li.na", w.password("li.na").toStdString(), "a");
    REQUIRE_FALSE(offline.ok());
    CHECK(offline.error().reason == "network");
    CHECK(offline.error().code == ErrorCode::Storage);
    a.transport.setFaults({});

    // Signing in again on a revoked device: wiped and renewed as a sync would, and said so.
    const std::string revokedId = a.id();
    w.revoke(a.id());
    auto revoked = a.engine->signIn("li.na", w.password("li.na").toStdString(), "a");
    REQUIRE_FALSE(revoked.ok());
    CHECK(revoked.error().reason == "device_revoked");
    CHECK(a.snapshot().empty());
    CHECK(a.id() != revokedId);
    CHECK(a.replica->setting(sync::key::kLastErrorCode) == "device_revoked");
    // As a new device the rep may sign in again.
    REQUIRE(a.engine->signIn("li.na", w.password("li.na").toStdString(), "a").ok());
    CHECK(a.replica->setting(sync::key::kLastErrorCode).empty());
}

TEST_CASE(
    "an edit that lost a field to a later edit elsewhere is kept as overridden, and the rest of it applies",
    "[sync][engine][conflicts]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& phone = w.addDevice("phone", "li.na");
    SyncDevice& tablet = w.addDevice("tablet", "li.na");
    const std::string id = phone.createAccount("恒达建材");
    w.syncUntilQuiet();

    // Both offline: the phone edits phone number and region, the tablet the phone number
    // two minutes later. The later edit reaches the server first, the earlier one last.
    phone.updateAccount(id, {{"phone", std::string("13800138000")}, {"region", std::string("杭州")}});
    w.advance(120'000);
    const std::int64_t tabletEditMs = tablet.clock.nowMs();
    tablet.updateAccount(id, {{"phone", std::string("13900139000")}});
    requireOk(tablet.sync());
    w.advance(60'000);
    const std::int64_t syncMs = phone.clock.nowMs();
    const auto r = phone.sync();
    requireOk(r);
    CHECK(r.pushed == 1);
    CHECK(r.merged == 1);
    CHECK(r.applied == 0);
    CHECK(r.rejected == 0);

    const auto overridden = phone.replica->overridden();
    REQUIRE(overridden.size() == 1);
    const RejectedChange& o = overridden[0];
    CHECK(o.kind == RejectedChange::Kind::Overridden);
    CHECK(o.entity == "account");
    CHECK(o.recordId == id);
    CHECK(o.op == "update");
    CHECK(o.atMs == syncMs);
    REQUIRE(o.lost.size() == 1);
    CHECK(o.lost[0].field == "phone");
    CHECK(o.lost[0].winnerMs == tabletEditMs);
    CHECK(HlcStamp::parse(o.lost[0].winnerStamp)->deviceId == tablet.id());
    CHECK(o.fieldsJson == R"({"phone":"13800138000"})");  // the rep's value of the lost field only
    CHECK(phone.replica->rejected().empty());

    // The pull that followed brought the winner; the region the phone set stands.
    CHECK(phone.field("account", id, "phone") == "13900139000");
    CHECK(phone.field("account", id, "region") == "杭州");
    CHECK(phone.replica->state("account", id)->clocks.at("phone") == o.lost[0].winnerStamp);
    w.syncUntilQuiet();
    CHECK(tablet.field("account", id, "region") == "杭州");
    CHECK(tablet.field("account", id, "phone") == "13900139000");
    CHECK(firstDifference(phone.snapshot(), tablet.snapshot()).empty());
    CHECK(phone.replica->overridden().size() == 1);  // kept until the rep dismisses it
    CHECK(tablet.replica->overridden().empty());     // the winner lost nothing

    {
        Transaction tx(*phone.db);
        phone.replica->dismissRejected(tx, o.seq);
        tx.commit();
    }
    CHECK(phone.replica->overridden().empty());
}

TEST_CASE("a merged outcome answered again after a lost reply is kept once", "[sync][engine][conflicts]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& a = w.addDevice("a", "li.na");
    SyncDevice& b = w.addDevice("b", "li.na");
    const std::string id = a.createAccount("恒达建材");
    w.syncUntilQuiet();

    a.updateAccount(id, {{"tier", std::string("B")}});
    w.advance(5'000);
    b.updateAccount(id, {{"tier", std::string("KA")}});
    requireOk(b.sync());
    a.transport.setFaults({.replyLost = 1.0});
    CHECK(a.sync().status == SyncStatus::Retryable);
    CHECK(a.replica->overridden().empty());  // nothing is known until a reply arrives
    a.transport.setFaults({});
    const auto r = a.sync();
    requireOk(r);
    CHECK(r.merged == 1);
    const auto overridden = a.replica->overridden();
    REQUIRE(overridden.size() == 1);
    REQUIRE(overridden[0].lost.size() == 1);
    CHECK(overridden[0].lost[0].field == "tier");
    CHECK(overridden[0].fieldsJson == R"({"tier":"B"})");
    CHECK(a.field("account", id, "tier") == "KA");
}

namespace {

// Wraps a transport and cancels a sync while its Nth request is on the wire: the server
// handles the request, but the abort makes the reply lost (the worst moment to stop).
class AbortingTransport final : public sync::Transport {
public:
    explicit AbortingTransport(sync::Transport& inner) : inner_(inner) {}
    std::function<void(int request)> onRequest;  // called as request n goes out

    sync::TransportResponse exchange(const sync::TransportRequest& request) override
    {
        if (aborted_.exchange(false)) return abortedResponse();  // an abort before the start
        ++requests;
        if (onRequest) onRequest(requests);
        sync::TransportResponse response = inner_.exchange(request);
        if (aborted_.exchange(false)) return abortedResponse();
        return response;
    }
    void abort() override
    {
        aborted_ = true;
        ++aborts;
    }
    void clearAbort() override { aborted_ = false; }

    int requests = 0;
    int aborts = 0;

private:
    static sync::TransportResponse abortedResponse()
    {
        sync::TransportResponse r;
        r.networkError = QStringLiteral("aborted");
        return r;
    }
    sync::Transport& inner_;
    std::atomic<bool> aborted_{false};
};

}  // namespace

TEST_CASE("a sync cancelled between pull pages keeps the pages it committed, and the next sync ends equal to "
          "the server",
          "[sync][engine][cancel]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& a = w.addDevice("a", "li.na");
    sync::SyncEngine::Options small;
    small.pullLimit = 3;
    SyncDevice& b = w.addDevice("b", "li.na", 2, small);
    for (int i = 0; i < 10; ++i)
        a.createAccount("客户 " + std::to_string(i));
    requireOk(a.sync());

    sync::SyncCancel cancel;
    int pages = 0;
    const auto r = b.engine->syncOnce(
        [&](const sync::SyncProgress& p) {
            if (p.phase == sync::SyncPhase::Pull && p.done > 0 && ++pages == 2) cancel.cancel();
        },
        &cancel);
    CHECK(r.status == SyncStatus::Cancelled);
    CHECK(r.errorCode == "cancelled");
    // Pages are fetched one ahead of applying them: the cancel (on the second page's
    // progress) comes when the third page has arrived, and a page received is applied, not
    // dropped. No fourth request is made.
    CHECK(r.pulled == 9);
    CHECK(r.roundTrips == 3);
    CHECK(r.retryAfterMs == 0);
    CHECK(b.backoff.failures() == 0);  // a cancel is not a failure to back off from
    CHECK(b.snapshot().size() == 9);   // three committed pages
    CHECK(b.replica->setting(sync::key::kLastErrorCode) == "cancelled");
    CHECK(b.replica->setting(sync::key::kLastSyncMs).empty());

    const auto again = b.sync();
    requireOk(again);
    CHECK(again.pulled == 1);  // carries on after the committed pages
    CHECK_FALSE(again.repaired);
    CHECK(firstDifference(a.snapshot(), b.snapshot()).empty());
    CHECK(AccountQuery(*b.db).page({}, 0, 20).total == 10);  // the initial sync's index is complete
    CHECK(b.replica->setting(sync::key::kLastErrorCode).empty());
}

TEST_CASE("a sync cancelled while a push is on the wire loses nothing and doubles nothing",
          "[sync][engine][cancel]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& a = w.addDevice("a", "li.na");
    SyncDevice& b = w.addDevice("b", "li.na", 2);
    for (int i = 0; i < 5; ++i)
        a.createAccount("客户 " + std::to_string(i));

    AbortingTransport aborting(a.transport);
    sync::SyncEngine::Options batches;
    batches.pushBatch = 2;
    sync::SyncEngine engine(*a.db, *a.store, *a.replica, aborting, a.clock, a.backoff, batches);

    // Cancelled before it starts: nothing is sent.
    {
        sync::SyncCancel early;
        early.cancel();
        const auto r = engine.syncOnce({}, &early);
        CHECK(r.status == SyncStatus::Cancelled);
        CHECK(r.roundTrips == 0);
        CHECK(aborting.requests == 0);
        CHECK(a.store->outboxCount() == 5);
    }

    sync::SyncCancel cancel;
    aborting.onRequest = [&](int n) {
        if (n == 2) cancel.cancel();  // the second batch reaches the server; its reply is lost
    };
    const auto r = engine.syncOnce({}, &cancel);
    CHECK(r.status == SyncStatus::Cancelled);
    CHECK(aborting.aborts == 1);
    CHECK(r.pushed == 2);                // the first batch was acknowledged
    CHECK(a.store->outboxCount() == 3);  // the second one was not: kept
    CHECK(a.backoff.failures() == 0);

    // A cancel that comes after the sync has ended stops nothing later.
    cancel.cancel();
    aborting.onRequest = {};
    const auto again = engine.syncOnce();
    requireOk(again);
    CHECK(again.pushed == 3);  // two answered from the server's stored outcomes, one new
    CHECK(again.rejected == 0);
    CHECK(a.store->outboxCount() == 0);

    requireOk(b.sync());
    CHECK(b.snapshot().size() == 5);
    CHECK(firstDifference(a.snapshot(), b.snapshot()).empty());
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

TEST_CASE("a change written while a restored phone's push is on the wire is sent, not trimmed",
          "[sync][engine][restore]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& phone = w.addDevice("phone", "li.na");
    SyncDevice& tablet = w.addDevice("tablet", "li.na");
    const std::string a = phone.createAccount("杭州恒达建材有限公司", "A");
    requireOk(phone.sync());

    // The copy holds one change not sent yet; after it the phone sends that one and two more.
    phone.updateAccount(a, {{"region", std::string("杭州")}});
    phone.close();
    const auto backup = phone.file().string() + ".backup";
    std::filesystem::copy_file(phone.file(), backup);
    phone.open();
    w.advance(60'000);
    phone.updateAccount(a, {{"tier", std::string("KA")}});
    phone.updateAccount(a, {{"stage", std::string("maturity")}});
    requireOk(phone.sync());

    // Restored: its outbox holds the one change the server already has, numbered below the
    // server's last_seq. The rep edits while that push is on the wire.
    phone.close();
    std::filesystem::copy_file(backup, phone.file(), std::filesystem::copy_options::overwrite_existing);
    phone.open();
    w.advance(60'000);
    bool edited = false;
    phone.transport.beforeRequest = [&](const sync::TransportRequest& request) {
        if (edited || request.path != "/v1/sync/push") return;
        edited = true;
        phone.updateAccount(a, {{"phone", std::string("057188886666")}});
    };
    requireOk(phone.sync());
    phone.transport.beforeRequest = nullptr;
    REQUIRE(edited);
    CHECK(phone.store->outboxCount() <= 1);  // the edit, unless this sync already sent it
    requireOk(phone.sync());
    CHECK(phone.store->outboxCount() == 0);
    w.syncUntilQuiet();
    CHECK(tablet.field("account", a, "phone") == "057188886666");
    CHECK(tablet.field("account", a, "stage") == "maturity");
    INFO(firstDifference(phone.snapshot(), tablet.snapshot()));
    CHECK(firstDifference(phone.snapshot(), tablet.snapshot()).empty());
}

TEST_CASE("a server restored from an older backup: phones ahead of it pull everything again and resend",
          "[sync][engine][restore]")
{
    TempDir root;
    const std::filesystem::path serverCopy = root.path() / "server-copy";
    World w(root.path());
    w.addUser("li.na", "rep");
    SyncDevice& phone = w.addDevice("phone", "li.na");
    const std::string a = phone.createAccount("杭州恒达建材有限公司", "A");
    requireOk(phone.sync());
    // The administrator's backup of the server's data.
    w.server.restartWith([&](const std::filesystem::path& data) {
        std::filesystem::copy(data, serverCopy, std::filesystem::copy_options::recursive);
    });
    // Work after it: an account created, and one edited on the server by another phone.
    const std::string b = phone.createAccount("宁波港城物流有限公司", "B");
    requireOk(phone.sync());
    // The server's disk fails; the backup comes back.
    w.server.restartWith([&](const std::filesystem::path& data) {
        std::filesystem::remove_all(data);
        std::filesystem::copy(serverCopy, data, std::filesystem::copy_options::recursive);
    });

    phone.updateAccount(a, {{"region", std::string("杭州")}});
    const auto r = phone.sync();
    INFO(r.errorCode << ": " << r.errorMessage);
    CHECK(r.status != SyncStatus::Ok);         // what the server lost cannot come back by itself...
    CHECK(phone.store->exists("account", b));  // ...but the phone deletes nothing it holds
    CHECK(phone.store->exists("account", a));
    CHECK(phone.field("account", a, "region") == "杭州");
    // The rep's new work reached the server; the account the server lost is named as the
    // difference (a stored, visible error), not deleted.
    CHECK(r.errorCode == "scope_mismatch");
    CHECK(phone.replica->setting(sync::key::kLastErrorCode) == "scope_mismatch");
    CHECK(phone.store->outboxCount() == 0);
    SyncDevice& tablet = w.addDevice("tablet", "li.na");
    requireOk(tablet.sync());
    CHECK(tablet.field("account", a, "region") == "杭州");
}

TEST_CASE(
    "a phone that syncs renews its token and never has to sign in again, and one left unused signs in again",
    "[sync][engine][auth]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& phone = w.addDevice("phone", "li.na");
    const std::int64_t lifetime = server::ServiceOptions{}.tokenLifetimeMs;
    const std::string first = phone.token();
    requireOk(phone.sync());
    CHECK(phone.token() == first);  // not due yet: no renewal

    SECTION("a sync after half the lifetime renews, and the phone outlives the first token")
    {
        std::string previous = first;
        // A sync every 20 days for a year: each one past the half renews; none is refused.
        for (int i = 0; i < 18; ++i) {
            w.advance(20LL * 24 * 3600 * 1000);
            phone.createAccount("年度客户 " + std::to_string(i));
            const auto r = phone.sync();
            requireOk(r);
            const std::string now = phone.token();
            CHECK(now != previous);
            previous = now;
        }
        CHECK(phone.store->outboxCount() == 0);
    }

    SECTION("a renewal whose reply is lost keeps the old token working, and the next sync renews")
    {
        w.advance(lifetime / 2 + 1);
        phone.transport.beforeRequest = [&](const sync::TransportRequest& request) {
            phone.transport.setFaults({.replyLost = request.path == "/v1/auth/renew" ? 1.0 : 0.0});
        };
        const std::string id = phone.createAccount("杭州恒达建材有限公司");
        requireOk(phone.sync());  // renewal lost; push and pull with the old token
        CHECK(phone.token() == first);
        phone.transport.beforeRequest = {};
        phone.transport.setFaults({});
        requireOk(phone.sync());
        const std::string renewed = phone.token();
        CHECK(renewed != first);
        // Past the first token's expiry the renewed one still syncs.
        w.advance(lifetime / 2);
        phone.updateAccount(id, {{"tier", std::string("KA")}});
        requireOk(phone.sync());
    }

    SECTION(
        "unused for longer than the lifetime, the token has expired: sign in again, nothing waiting is lost")
    {
        const std::string id = phone.createAccount("宁波港城物流有限公司");
        w.advance(lifetime + 1);
        const auto r = phone.sync();
        CHECK(r.status == SyncStatus::SignedOut);
        CHECK(r.errorCode == "token_expired");
        CHECK_FALSE(phone.engine->signedIn());
        CHECK(phone.store->outboxCount() == 1);
        REQUIRE(phone.engine->signIn("li.na", World::password("li.na").toStdString(), "phone").ok());
        requireOk(phone.sync());
        CHECK(phone.store->outboxCount() == 0);
        SyncDevice& tablet = w.addDevice("tablet", "li.na");
        requireOk(tablet.sync());
        CHECK(tablet.field("account", id, "name") == "宁波港城物流有限公司");
    }

    SECTION("a revoked device is wiped at its next sync even when its renewal is due")
    {
        phone.createAccount("宁波港城物流有限公司");
        w.advance(lifetime / 2 + 1);
        w.revoke(phone.store->device().deviceId());
        const auto r = phone.sync();
        CHECK(r.status == SyncStatus::Revoked);
        CHECK(phone.store->outboxCount() == 0);
    }
}

namespace {

// A derived data kind that does nothing but act at a given record of an initial sync's page:
// there the rep saves (another connection of the same file, as the app's UI writer), and the
// page goes on only once that save waits for its turn; later it may crash the page.
class SaveMidPage : public DerivedData {
public:
    struct Plan {
        Database* engineDb = nullptr;  // the sync engine's connection
        std::string file;
        const Clock* clock = nullptr;
        int saveAt = 20;   // the record at which the rep saves
        int crashAt = -1;  // the record at which the page crashes (-1: never)
        int seen = 0;
        std::thread saver;
        std::atomic<bool> saved{false};
        std::string savedId;
    };
    explicit SaveMidPage(Plan& plan) : plan_(plan) {}
    void columns(const Prepared*, Fields&) const override
    {
        const int n = ++plan_.seen;
        if (n == plan_.crashAt) throw std::runtime_error("simulated crash between slices");
        if (n != plan_.saveAt) return;
        plan_.saver = std::thread([&plan = plan_] {
            CoreLayers ui;
            ui.openCore(plan.file, *plan.clock);
            Transaction tx(*ui.db);
            auto id = ui.archive->createAccount(tx, {{"name", std::string("路上新客户")},
                                                     {"tier", std::string("P")},
                                                     {"stage", std::string("acquisition")}});
            if (id) {
                tx.commit();
                plan.savedId = *id;
                plan.saved = true;
            }
            ui.closeCore();
        });
        while (plan_.engineDb->writersWaiting() == 0)
            std::this_thread::yield();
    }

private:
    Plan& plan_;
};

std::int64_t countOf(Database& db, const std::string& sql)
{
    Statement st = db.prepare(sql);
    st.step();
    return st.int64(0);
}

}  // namespace

TEST_CASE("a rep's save during a long pulled page gets in at once, and a crash after it loses nothing",
          "[sync][engine]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& source = w.addDevice("source", "li.na");
    for (int i = 0; i < 60; ++i)
        source.createAccount("客户 " + std::to_string(i));
    requireOk(source.sync());

    SyncDevice& phone = w.addDevice("phone", "li.na", 2);  // one page holds all 60
    SaveMidPage::Plan plan;
    plan.engineDb = phone.db.get();
    plan.file = phone.file().string();
    plan.clock = &phone.clock;

    SECTION("the page commits what it has, lets the save in and goes on")
    {
        phone.store->addDerived(std::make_unique<SaveMidPage>(plan));
        const auto r = phone.sync();
        plan.saver.join();
        requireOk(r);
        REQUIRE(plan.saved);
        CHECK(r.yielded >= 1);
        CHECK(r.pulled == 60);
        CHECK_FALSE(r.repaired);
        CHECK(phone.field("account", plan.savedId, "name") == "路上新客户");
        // Every pulled account is in the search index once, besides the rep's own.
        CHECK(countOf(*phone.db, "SELECT count(*) FROM search_account") == 61);
        CHECK(phone.store->outboxCount() == 1);
    }

    SECTION("a crash after the save: the committed part stays, the page comes again, nothing doubles")
    {
        plan.crashAt = 45;
        phone.store->addDerived(std::make_unique<SaveMidPage>(plan));
        CHECK_THROWS(phone.sync());
        plan.saver.join();
        REQUIRE(plan.saved);
        phone.crashAndReopen();
        // What came before the save was committed to let it in; the rest rolled back.
        const std::int64_t kept = countOf(*phone.db, "SELECT count(*) FROM account");
        CHECK(kept > 1);
        CHECK(kept < 61);
        CHECK(phone.replica->setting(sync::key::kCursor).empty());
        const auto r = phone.sync();
        requireOk(r);
        CHECK_FALSE(r.repaired);  // the scope digest agrees: no share counted twice or missing
        CHECK(countOf(*phone.db, "SELECT count(*) FROM account") == 61);
        CHECK(countOf(*phone.db, "SELECT count(*) FROM search_account") == 61);
        CHECK(countOf(*phone.db, "SELECT count(*) FROM search_entry") == 61);  // no key persons here
    }

    w.syncUntilQuiet();
    CHECK(firstDifference(source.snapshot(), phone.snapshot()).empty());
    CHECK(source.field("account", plan.savedId, "name") == "路上新客户");
}

namespace {

std::string fileBytes(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A vault that can be made to refuse writes (a keyring that went away, a full disk).
class FlakyVault : public SecretStore {
public:
    Result<std::string> load() override { return inner.load(); }
    Result<void> store(const std::string& secret) override
    {
        if (refuse) return makeError(ErrorCode::Storage, "the keyring is locked");
        return inner.store(secret);
    }
    Result<void> erase() override { return inner.erase(); }
    std::string where() const override { return "flaky"; }
    MemorySecretStore inner;
    bool refuse = false;
};

}  // namespace

TEST_CASE("the device token is kept outside the database, bound to the device and user it was issued for",
          "[sync][engine][token]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& phone = w.addDevice("phone", "li.na");
    phone.createAccount("恒达建材");
    requireOk(phone.sync());
    const std::string token = phone.token();
    REQUIRE(token.size() > 16);

    // Not in the database file nor its WAL; the file beside it is the user's alone.
    CHECK(phone.replica->setting(sync::key::kToken).empty());
    CHECK(fileBytes(phone.file()).find(token) == std::string::npos);
    CHECK(fileBytes(phone.file().string() + "-wal").find(token) == std::string::npos);
    const auto perms = std::filesystem::status(tokenFileOf(phone.file().string())).permissions();
    CHECK(perms == (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));

    SECTION("a vault left by another device or user yields no token")
    {
        SyncDevice& tablet = w.addDevice("tablet", "li.na");
        std::filesystem::copy_file(tokenFileOf(phone.file().string()), tokenFileOf(tablet.file().string()),
                                   std::filesystem::copy_options::overwrite_existing);
        CHECK_FALSE(tablet.engine->signedIn());
        const auto r = tablet.sync();
        CHECK(r.status == SyncStatus::SignedOut);
        CHECK(r.roundTrips == 0);  // nothing was sent with someone else's token
    }

    SECTION("a token an older version kept in the database moves to the vault at its first use")
    {
        REQUIRE(std::filesystem::remove(tokenFileOf(phone.file().string())));
        {
            Transaction tx(*phone.db);
            phone.replica->setSetting(tx, sync::key::kToken, token);
            tx.commit();
        }
        phone.crashAndReopen();
        CHECK(phone.engine->signedIn());
        CHECK(phone.replica->setting(sync::key::kToken).empty());
        CHECK(phone.token() == token);
        phone.createAccount("宁波港城物流");
        requireOk(phone.sync());
    }
}

TEST_CASE("a sign-in whose token cannot be kept fails with the reason and changes nothing",
          "[sync][engine][token]")
{
    World w;
    w.addUser("li.na", "rep");
    w.addUser("wang.wei", "rep");
    FlakyVault vault;
    sync::SyncEngine::Options options;
    options.tokenStore = &vault;
    SyncDevice& phone = w.addDevice("phone", "li.na", 1, options);
    phone.createAccount("恒达建材");
    requireOk(phone.sync());
    const std::string userId = phone.replica->setting(sync::key::kUserId);
    const auto before = phone.snapshot();

    phone.engine->signOut();
    vault.refuse = true;
    const auto signedIn =
        phone.engine->signIn("wang.wei", World::password("wang.wei").toStdString(), "phone");
    REQUIRE_FALSE(signedIn);
    CHECK(signedIn.error().reason == "token_storage");
    CHECK(signedIn.error().message.find("the keyring is locked") != std::string::npos);
    CHECK_FALSE(phone.engine->signedIn());
    // Not wiped for the other user: li.na's data and identity are as they were.
    CHECK(phone.replica->setting(sync::key::kUserId) == userId);
    CHECK(firstDifference(before, phone.snapshot()).empty());

    vault.refuse = false;
    REQUIRE(phone.engine->signIn("li.na", World::password("li.na").toStdString(), "phone").ok());
    requireOk(phone.sync());
}
