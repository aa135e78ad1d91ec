// Merging by policy and the device side of sync: pulled records merge field by field, a
// pending local change with a later stamp stays, stamps are adopted, purges remove a
// whole account subtree, and two replicas that saw the same records agree on the digest.
#include <catch2/catch.hpp>

#include "fakes/temp_db.h"
#include "fieldbook/core/merge.h"
#include "fieldbook/core/replica.h"

using namespace fb;

namespace {

std::string stamp(std::int64_t wall, const std::string& device = "dev-b", unsigned counter = 0)
{
    return HlcStamp{wall, counter, device}.toString();
}

}  // namespace

TEST_CASE("lww merges field by field and converges in any order", "[core][merge]")
{
    const schema::Entity& account = *schema::entity("account");
    const RecordState a{{{"name", std::string("甲")}, {"tier", std::string("A")}},
                        {{"name", stamp(100, "d1")}, {"tier", stamp(300, "d1")}}};
    const RecordState b{{{"name", std::string("乙")}, {"tier", std::string("B")}},
                        {{"name", stamp(200, "d2")}, {"tier", stamp(100, "d2")}}};
    const MergeResult ab = mergeRecord(account, a, b);
    const MergeResult ba = mergeRecord(account, b, a);
    CHECK(ab.merged.fields == ba.merged.fields);
    CHECK(ab.merged.clocks == ba.merged.clocks);
    CHECK(std::get<std::string>(ab.merged.fields.at("name")) == "乙");  // later stamp
    CHECK(std::get<std::string>(ab.merged.fields.at("tier")) == "A");
    CHECK(ab.won == std::vector<std::string>{"name"});
    CHECK(ab.lost == std::vector<std::string>{"tier"});
    // Merging again changes nothing (idempotent).
    CHECK_FALSE(mergeRecord(account, ab.merged, b).changed);
    // Equal wall time: the device id breaks the tie the same way everywhere.
    const RecordState c{{{"name", std::string("丙")}}, {{"name", stamp(200, "d3")}}};
    CHECK(std::get<std::string>(mergeRecord(account, ab.merged, c).merged.fields.at("name")) == "丙");
}

TEST_CASE("append-only records are written once", "[core][merge]")
{
    const schema::Entity& referral = *schema::entity("referral");
    const RecordState first{{{"note", std::string("老朋友")}}, {{"note", stamp(100)}}};
    const RecordState later{{{"note", std::string("改过")}}, {{"note", stamp(900)}}};
    CHECK(mergeRecord(referral, {}, first).changed);
    const MergeResult again = mergeRecord(referral, first, later);
    CHECK_FALSE(again.changed);
    CHECK(std::get<std::string>(again.merged.fields.at("note")) == "老朋友");
}

TEST_CASE("a pulled record merges with local data and keeps a later local edit", "[core][replica]")
{
    test::ArchiveFixture f;
    Replica replica(*f.store);
    const std::string id = f.account("杭州恒达建材有限公司", "A", {{"industry", std::string("建材")}});
    const auto local = replica.state("account", id);
    REQUIRE(local);
    const std::string localStamp = local->clocks.at("tier");

    // The server says: tier changed earlier than our write, region changed later.
    RecordState incoming{
        {{"tier", std::string("KA")}, {"region", std::string("杭州")}},
        {{"tier", stamp(test::kTestEpochMs - 60'000)}, {"region", stamp(test::kTestEpochMs + 60'000)}}};
    const auto before = f.store->outboxCount();
    {
        Transaction tx(*f.db);
        auto r = replica.applyRemote(tx, "account", id, incoming);
        REQUIRE(r.ok());
        CHECK(r->lost == std::vector<std::string>{"tier"});
        tx.commit();
    }
    CHECK(f.store->outboxCount() == before);  // merged data is not sent back
    auto account = f.archive->account(id);
    REQUIRE(account.ok());
    CHECK(account->text("tier") == "A");       // our later edit stays
    CHECK(account->text("region") == "杭州");  // theirs arrives
    CHECK(replica.state("account", id)->clocks.at("tier") == localStamp);

    // The search index follows merged data, and the next local stamp is after theirs.
    AccountQuery q(*f.db);
    CHECK(q.page({.region = "杭州"}, 0, 10).total == 1);
    Transaction tx(*f.db);
    REQUIRE(f.archive->updateAccount(tx, id, {{"notes", std::string("回访")}}).ok());
    tx.commit();
    CHECK(replica.state("account", id)->clocks.at("notes") > stamp(test::kTestEpochMs + 60'000));
}

TEST_CASE("a new record from the server is stored with its exact stamps", "[core][replica]")
{
    test::ArchiveFixture f;
    Replica replica(*f.store);
    const std::string id = "0190a000-0000-7000-8000-0000000000aa";
    RecordState incoming{
        {{"name", std::string("成都锦江宾馆")},
         {"tier", std::string("B")},
         {"stage", std::string("growth")},
         {"notes", Value{}}},
        {{"name", stamp(100)}, {"tier", stamp(100)}, {"stage", stamp(200)}, {"notes", stamp(300)}}};
    Transaction tx(*f.db);
    REQUIRE(replica.applyRemote(tx, "account", id, incoming).ok());
    tx.commit();
    const auto state = replica.state("account", id);
    REQUIRE(state);
    CHECK(state->clocks == incoming.clocks);
    CHECK(state->fields == incoming.fields);  // the cleared field is explicit
    CHECK(AccountQuery(*f.db).page({.text = "锦江"}, 0, 10).total == 1);
}

TEST_CASE("malformed pulled records are refused without writing", "[core][replica]")
{
    test::ArchiveFixture f;
    Replica replica(*f.store);
    Transaction tx(*f.db);
    CHECK_FALSE(
        replica.applyRemote(tx, "account", "not-a-uuid", {{{"name", std::string("x")}}, {{"name", stamp(1)}}})
            .ok());
    CHECK_FALSE(replica.applyRemote(tx, "nonsense", "0190a000-0000-7000-8000-0000000000aa", {}).ok());
    CHECK_FALSE(replica
                    .applyRemote(tx, "account", "0190a000-0000-7000-8000-0000000000aa",
                                 {{{"tier", std::string("VIP")}}, {{"tier", stamp(1)}}})
                    .ok());
    CHECK_FALSE(replica
                    .applyRemote(tx, "account", "0190a000-0000-7000-8000-0000000000aa",
                                 {{{"name", std::string("无时间戳")}}, {}})
                    .ok());
    tx.commit();
    CHECK(f.count("account") == 0);
}

TEST_CASE("adopting server stamps, trimming the outbox, purging and wiping", "[core][replica]")
{
    test::ArchiveFixture f;
    Replica replica(*f.store);
    const std::string keep = f.account("保留的客户");
    const std::string gone = f.account("调走的客户");
    const std::string person = f.person(gone, "张三", "head");
    {
        Transaction tx(*f.db);
        REQUIRE(f.archive->addReferral(tx, keep, {}, gone, "2026-03-01").ok());
        tx.commit();
    }
    const auto entries = f.store->outbox();
    REQUIRE(entries.size() >= 4);

    // The server clamped the stamp of our first write.
    const std::string pushed = entries.front().hlc;
    const std::string clamped = stamp(test::kTestEpochMs - 5'000, f.device->deviceId(), 7);
    {
        Transaction tx(*f.db);
        replica.adoptClocks(tx, "account", keep, pushed, {{"name", clamped}});
        replica.trimOutbox(tx, entries[1].seq);
        tx.commit();
    }
    CHECK(replica.state("account", keep)->clocks.at("name") == clamped);
    CHECK(f.store->outbox().front().seq == entries[2].seq);

    {
        Transaction tx(*f.db);
        replica.purgeAccount(tx, gone);
        tx.commit();
    }
    CHECK_FALSE(f.archive->account(gone).ok());
    CHECK_FALSE(f.archive->keyPerson(person).ok());
    CHECK(f.count("role_change") == 0);
    CHECK(f.count("referral") == 0);
    CHECK(AccountQuery(*f.db).page({.text = "张三"}, 0, 10).total == 0);
    CHECK(f.archive->account(keep).ok());

    {
        Transaction tx(*f.db);
        replica.setSetting(tx, "cursor", "42");
        replica.addRejected(tx, {9, "account", keep, "update", "{}", "out_of_scope", "not yours", 1});
        tx.commit();
    }
    CHECK(replica.setting("cursor") == "42");
    CHECK(replica.rejected().size() == 1);
    {
        Transaction tx(*f.db);
        replica.wipe(tx);
        tx.commit();
    }
    CHECK(f.count("account") == 0);
    CHECK(f.count("outbox") == 0);
    CHECK(replica.setting("cursor").empty());
    CHECK(replica.rejected().empty());
}

TEST_CASE("two replicas holding the same records have the same scope digest", "[core][replica]")
{
    test::ArchiveFixture a;
    test::ArchiveFixture b;
    Replica ra(*a.store);
    Replica rb(*b.store);
    const std::string id = a.account("宁波港城物流有限公司");
    const auto state = ra.state("account", id);
    REQUIRE(state);
    CHECK(ra.digest().count == 1);
    CHECK(ra.digest().hash != rb.digest().hash);
    Transaction tx(*b.db);
    REQUIRE(rb.applyRemote(tx, "account", id, *state).ok());
    tx.commit();
    CHECK(ra.digest().count == rb.digest().count);
    CHECK(ra.digest().hash == rb.digest().hash);
    // SHA-256 itself, against the FIPS 180-2 test vector.
    CHECK(toHex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // Padding into a second block (56 bytes), and many blocks.
    CHECK(toHex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(toHex(sha256(std::string(1'000'000, 'a'))) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    CHECK(toHex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("a renewed device gets a new id that every connection adopts", "[core][device]")
{
    test::ArchiveFixture f;
    const std::string before = f.device->deviceId();
    f.account("甲公司");
    // A second connection of the same device, as the sync worker has.
    auto second = Database::open(f.db->path());
    REQUIRE(second.ok());
    DeviceContext other(**second, f.clock);
    CHECK(other.deviceId() == before);
    {
        Transaction tx(**second);
        other.renew(tx);
        tx.commit();
    }
    CHECK(other.deviceId() != before);
    // The first connection's next write carries the new identity, numbered from 1 again.
    {
        Transaction tx(*f.db);
        REQUIRE(f.archive
                    ->createAccount(tx, {{"name", std::string("乙公司")},
                                         {"tier", std::string("B")},
                                         {"stage", std::string("growth")}})
                    .ok());
        tx.commit();
    }
    CHECK(f.device->deviceId() == other.deviceId());
    const auto entries = f.store->outbox();
    REQUIRE(entries.size() == 1);  // the old identity's entries went with it
    CHECK(entries.front().seq == 1);
    CHECK(entries.front().hlc.find(other.deviceId()) != std::string::npos);
}

TEST_CASE(
    "rejected and overridden changes are kept apart, with the lost fields and when the winner wrote them",
    "[core][replica]")
{
    test::ArchiveFixture f;
    Replica replica(*f.store);
    const std::string id = f.account("恒达建材");
    const std::string tabletStamp =
        stamp(test::kTestEpochMs + 60'000, "0190a000-0000-7000-8000-0000000000bb", 2);
    const std::string managerStamp =
        stamp(test::kTestEpochMs + 90'000, "0190a000-0000-7000-8000-0000000000cc", 0);
    {
        Transaction tx(*f.db);
        replica.addRejected(
            tx, {3, "account", id, "update", R"({"tier":"KA"})", "out_of_scope", "not yours", 10});
        replica.addRejected(tx, {5,
                                 "account",
                                 id,
                                 "update",
                                 R"({"region":"杭州","phone":"13800138000"})",
                                 "",
                                 "",
                                 11,
                                 RejectedChange::Kind::Overridden,
                                 {{"region", managerStamp, 0}, {"phone", tabletStamp, 0}}});
        tx.commit();
    }
    const auto rejected = replica.rejected();
    REQUIRE(rejected.size() == 1);
    CHECK(rejected[0].seq == 3);
    CHECK(rejected[0].lost.empty());

    const auto overridden = replica.overridden();
    REQUIRE(overridden.size() == 1);
    const RejectedChange& o = overridden[0];
    CHECK(o.kind == RejectedChange::Kind::Overridden);
    CHECK(o.seq == 5);
    CHECK(o.recordId == id);
    CHECK(o.fieldsJson == R"({"region":"杭州","phone":"13800138000"})");
    REQUIRE(o.lost.size() == 2);
    CHECK(o.lost[0].field == "region");  // the server's order
    CHECK(o.lost[0].winnerStamp == managerStamp);
    CHECK(o.lost[0].winnerMs == test::kTestEpochMs + 90'000);
    CHECK(o.lost[1].field == "phone");
    CHECK(o.lost[1].winnerMs == test::kTestEpochMs + 60'000);

    // The same outcome again (a replayed push) replaces the entry instead of doubling it.
    {
        Transaction tx(*f.db);
        replica.addRejected(tx, o);
        tx.commit();
    }
    CHECK(replica.overridden().size() == 1);

    {
        Transaction tx(*f.db);
        replica.dismissRejected(tx, 5);
        tx.commit();
    }
    CHECK(replica.overridden().empty());
    CHECK(replica.rejected().size() == 1);
}

TEST_CASE("the maintained scope digest equals a full recomputation after every kind of write",
          "[core][replica]")
{
    test::ArchiveFixture f;
    Replica replica(*f.store);
    auto same = [&] {
        const ScopeDigest kept = replica.digest();
        const ScopeDigest full = computeScopeDigest(*f.db);
        CHECK(kept.count == full.count);
        CHECK(kept.hash == full.hash);
        return kept;
    };
    const ScopeDigest empty = same();
    CHECK(empty.count == 0);

    // Local creates and edits (a named role also writes a role-change record).
    const std::string a = f.account("苏州工业园区金桥贸易有限公司");
    const std::string p = f.person(a, "王建国", "head");
    same();
    {
        f.clock.advance(1000);
        Transaction tx(*f.db);
        REQUIRE(f.archive->updateAccount(tx, a, {{"tier", std::string("KA")}}).ok());
        REQUIRE(f.archive->updateKeyPerson(tx, p, {{"phone", std::string("13912345678")}}).ok());
        tx.commit();
    }
    const ScopeDigest afterEdits = same();
    CHECK(afterEdits.count == 3);

    // A pulled record (merge), a bulk insert, adopted stamps.
    const std::string b = "0190b000-0000-7000-8000-0000000000b1";
    const std::string c = "0190b000-0000-7000-8000-0000000000c1";
    {
        Transaction tx(*f.db);
        REQUIRE(replica
                    .applyRemote(tx, "account", b,
                                 RecordState{{{"name", std::string("远端客户")},
                                              {"tier", std::string("B")},
                                              {"stage", std::string("acquisition")}},
                                             {{"name", stamp(5)}, {"tier", stamp(5)}, {"stage", stamp(5)}}})
                    .ok());
        REQUIRE(
            replica
                .applyRemoteBulk(tx, "account", c,
                                 RecordState{{{"name", std::string("批量客户")},
                                              {"tier", std::string("C")},
                                              {"stage", std::string("acquisition")}},
                                             {{"name", stamp(6)}, {"tier", stamp(7)}, {"stage", stamp(6)}}})
                .ok());
        REQUIRE(replica
                    .applyRemote(
                        tx, "account", b,
                        RecordState{{{"tier", std::string("A")}}, {{"tier", stamp(f.clock.nowMs() + 5000)}}})
                    .ok());
        tx.commit();
    }
    same();
    {
        // Bulk again for a record that exists (merged, with the triggers on), and a new one
        // with a cleared field whose stamp is the latest.
        Transaction tx(*f.db);
        auto again = replica.applyRemoteBulk(tx, "account", c,
                                             RecordState{{{"tier", std::string("B")}}, {{"tier", stamp(8)}}});
        REQUIRE(again.ok());
        CHECK(*again == Replica::BulkApplied::Merged);
        auto fresh = replica.applyRemoteBulk(
            tx, "account", "0190b000-0000-7000-8000-0000000000d1",
            RecordState{{{"name", std::string("清空电话")},
                         {"tier", std::string("C")},
                         {"stage", std::string("acquisition")},
                         {"phone", Value{}}},
                        {{"name", stamp(6)}, {"tier", stamp(6)}, {"stage", stamp(6)}, {"phone", stamp(9)}}});
        REQUIRE(fresh.ok());
        CHECK(*fresh == Replica::BulkApplied::Inserted);
        tx.commit();
    }
    same();
    {
        const auto entry = f.store->outbox().back();
        Transaction tx(*f.db);
        replica.adoptClocks(tx, entry.entity, entry.recordId, entry.hlc,
                            {{"phone", HlcStamp{f.clock.nowMs() + 1, 3, f.device->deviceId()}.toString()}});
        tx.commit();
    }
    same();

    // Repair overwrite, removal of one record, purge of an account subtree, wipe.
    {
        Transaction tx(*f.db);
        REQUIRE(replica
                    .overwrite(tx, "account", c,
                               RecordState{{{"name", std::string("批量客户")},
                                            {"tier", std::string("KA")},
                                            {"stage", std::string("acquisition")}},
                                           {{"name", stamp(9)}, {"tier", stamp(9)}, {"stage", stamp(9)}}})
                    .ok());
        tx.commit();
    }
    same();
    {
        Transaction tx(*f.db);
        replica.removeRecord(tx, "account", c);
        tx.commit();
    }
    CHECK(same().count == 5);  // a, its key person and role change, b, d1
    {
        Transaction tx(*f.db);
        replica.purgeAccount(tx, a);
        tx.commit();
    }
    CHECK(same().count == 2);
    {
        Transaction tx(*f.db);
        replica.wipe(tx);
        tx.commit();
    }
    CHECK(same() == empty);
}
