// The fault-injection suite: simulated devices (two phones of one rep, a second rep, their
// manager) do random offline work through the Archive (and hand out gifts from their own
// stock, an owned ledger), the server writes reference data and stock receipts now and
// then, and the devices sync in random order over a
// connection that loses requests and replies and delivers twice, while phones crash
// between a local commit and the push or in the middle of a pull, the rep cancels syncs
// midway, and the server restarts.
// Every run ends with syncing until quiet and checks that
// - every device holds exactly what the server holds in its scope (fields and stamps),
//   compared with a fresh device of the same user that pulled everything;
// - every record created exists, once, where it should; no outbox is left;
// - nothing was lost: each device's last write to each field is present or superseded by a
//   later stamp; a write kept as overwritten lost to another device's later write.
// Runs are seeded: a failure prints the seed; FB_SYNC_SEED=<seed> FB_SYNC_FAULT_RUNS=1
// replays it. The default entry does a few hundred runs; the [slow] one thousands.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <sstream>
#include <unistd.h>

#include <QJsonDocument>
#include <QJsonObject>

#include "fieldbook/core/blobs.h"
#include "world.h"

using namespace fb;
using namespace fb::test;

namespace {

std::int64_t envInt(const char* name, std::int64_t fallback)
{
    const char* v = std::getenv(name);
    return v && *v ? std::strtoll(v, nullptr, 10) : fallback;
}

std::filesystem::path scratchRoot()
{
    // Hundreds of small SQLite databases per run: a RAM disk keeps the suite fast.
    std::error_code ec;
    if (std::filesystem::is_directory("/dev/shm", ec)) return "/dev/shm";
    return std::filesystem::temp_directory_path();
}

struct Actor {
    std::string name;
    QString login;
};

const std::vector<Actor> kActors = {
    {"li-phone", "li.na"}, {"li-tablet", "li.na"}, {"wang-phone", "wang.wei"}, {"zhao-phone", "zhao.min"}};
const std::vector<QString> kUsers = {"li.na", "wang.wei", "zhao.min"};

// Server with users and every device signed in, made once per process: argon2id makes
// sign-in deliberately slow, so runs start from copies of these files.
class Template {
public:
    static Template& get()
    {
        static Template t;
        return t;
    }
    const std::filesystem::path& path() const { return dir_.path(); }

private:
    Template()
    {
        World w(dir_.path());
        w.addUser("li.na", "rep");
        w.addUser("wang.wei", "rep");
        w.addUser("zhao.min", "manager");
        w.importCatalogue(
            "code,name,category,unit\nG001,礼盒,gift,盒\nS001,品鉴酒,sample,瓶\nM001,产品手册,material,本\n");
        for (const Actor& a : kActors)
            w.addDevice(a.name, a.login);
        for (const QString& u : kUsers)
            w.addDevice("observer-" + u.toStdString(), u);
        for (SyncDevice& d : w.devices)
            d.close();
    }
    TempDir dir_;
};

class ScratchDir {
public:
    explicit ScratchDir(std::uint64_t seed)
        : path_(scratchRoot() /
                ("fieldbook-fault-" + std::to_string(::getpid()) + "-" + std::to_string(seed)))
    {
        std::filesystem::remove_all(path_);
        std::filesystem::copy(Template::get().path(), path_, std::filesystem::copy_options::recursive);
    }
    ~ScratchDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

struct Written {
    Value value;
    std::string stamp;
};

struct Simulation {
    explicit Simulation(std::uint64_t runSeed)
        : seed(runSeed), rng(runSeed), scratch(runSeed), world(scratch.path(), kTestEpochMs + 3'600'000)
    {
        simOptions.pushBatch = 5;
        simOptions.pullLimit = 7;
        for (std::size_t i = 0; i < kActors.size(); ++i) {
            devices.push_back(std::make_unique<SyncDevice>(scratch.path() / (kActors[i].name + ".db"),
                                                           world.server, runSeed * 31 + i,
                                                           world.serverClock.nowMs(), simOptions));
        }
        lastSeen.assign(devices.size(), 0);
        lastWrites.resize(devices.size());
    }

    std::uint64_t seed;
    std::mt19937_64 rng;
    ScratchDir scratch;
    World world;
    sync::SyncEngine::Options simOptions;
    std::vector<std::unique_ptr<SyncDevice>> devices;
    std::vector<std::int64_t> lastSeen;
    std::vector<std::map<std::string, Written>> lastWrites;  // "entity/id/field" -> last write
    std::map<std::string, std::size_t> created;              // "entity/id" -> creating device
    std::ostringstream log;
    int syncs = 0, pullCrashes = 0, crashes = 0, restarts = 0, cancels = 0, overridden = 0, adminWrites = 0;
    int photos = 0;

    std::uint64_t below(std::uint64_t n) { return rng() % n; }
    bool chance(double p) { return static_cast<double>(rng() >> 11) * 0x1.0p-53 < p; }

    std::vector<std::string> ids(SyncDevice& d, const char* table)
    {
        std::vector<std::string> out;
        Statement st = d.db->prepare(std::string("SELECT id FROM ") + table + " ORDER BY id");
        while (st.step())
            out.push_back(st.text(0));
        return out;
    }
    template <typename T> const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }

    // Remembers this device's new outbox entries: its writes, field by field.
    void recordWrites(std::size_t i)
    {
        SyncDevice& d = *devices[i];
        for (const OutboxEntry& e : d.store->outbox(lastSeen[i], 100000)) {
            lastSeen[i] = e.seq;
            const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(e.fieldsJson)).object();
            auto fields = sync::fieldsFromJson(e.entity, o);
            REQUIRE(fields.ok());
            for (const auto& [field, value] : *fields)
                lastWrites[i][e.entity + "/" + e.recordId + "/" + field] = {value, e.hlc};
            if (e.op == "create") created.emplace(e.entity + "/" + e.recordId, i);
        }
    }

    void localWork(std::size_t i)
    {
        SyncDevice& d = *devices[i];
        Transaction tx(*d.db);
        const auto accounts = ids(d, "account");
        const int op = static_cast<int>(below(100));
        static const std::vector<std::string> tiers = {"KA", "A", "B", "C", "P"};
        static const std::vector<std::string> stages = {"acquisition", "growth", "maturity", "decline"};
        static const std::vector<std::string> words = {"杭州",   "建材", "华联", "季度回访",
                                                       "老客户", "新品", "Q3"};
        static const std::vector<std::string> roles = {kRoleHead, kRoleDecisionMaker, kRoleHandler};
        bool ok = false;
        if (op < 25 || accounts.empty()) {
            auto r = d.archive->createAccount(tx, {{"name", "客户 " + std::to_string(rng() % 100000)},
                                                   {"tier", pick(tiers)},
                                                   {"stage", pick(stages)}});
            ok = r.ok();
        } else if (op < 50) {
            static const std::vector<std::string> fields = {"tier", "stage", "region", "industry", "notes"};
            const std::string f = pick(fields);
            Value v = f == "tier"    ? Value{pick(tiers)}
                      : f == "stage" ? Value{pick(stages)}
                                     : Value{pick(words) + pick(words)};
            if (f == "notes" && chance(0.2)) v = Value{};
            ok = d.archive->updateAccount(tx, pick(accounts), {{f, v}}).ok();
        } else if (op < 65) {
            ok = d.archive
                     ->createKeyPerson(
                         tx, pick(accounts),
                         {{"name", "联系人" + std::to_string(rng() % 1000)}, {"role", std::string("other")}})
                     .ok();
        } else if (op < 80) {
            const auto persons = ids(d, "key_person");
            if (persons.empty()) return;
            static const std::vector<std::string> fields = {"title", "hobbies", "age", "name"};
            const std::string f = pick(fields);
            Value v = f == "age" ? Value{std::int64_t(20 + static_cast<std::int64_t>(below(50)))}
                                 : Value{pick(words)};
            ok = d.archive->updateKeyPerson(tx, pick(persons), {{f, v}}).ok();
        } else if (op < 90) {
            const std::string account = pick(accounts);
            const auto persons = d.archive->keyPersons(account);
            const std::string person = persons.empty() || chance(0.15) ? std::string() : pick(persons).id;
            ok = d.archive->changeRole(tx, account, pick(roles), person, localToday(d.clock)).ok();
        } else if (op < 95) {
            // A gift handed out at a visit: the phone's own user's stock (owner scope), which may
            // go below zero (accepted and flagged by the server's rule).
            const auto items = ids(d, "gift_item");
            if (items.empty()) return;
            Fields movement{{"owner_id", d.replica->setting(sync::key::kUserId)},
                            {"item_id", pick(items)},
                            {"kind", std::string("issue")},
                            {"quantity", -1 - static_cast<std::int64_t>(below(3))},
                            {"moved_at", d.clock.nowMs()}};
            if (chance(0.5)) movement.emplace("account_id", pick(accounts));
            ok = d.store->create(tx, "stock_movement", movement).ok();
        } else if (op < 98) {
            if (accounts.size() < 2) return;
            ok = d.archive->addReferral(tx, pick(accounts), "", pick(accounts), localToday(d.clock)).ok();
        } else {
            // A storefront photo: a record, and bytes uploaded after the records (cut at random
            // bytes below); two phones may take the same picture.
            std::string jpeg("\xff\xd8\xff\xe0", 4);
            const std::uint64_t picture = below(40);
            for (std::uint64_t k = 0; k < 2000 + picture * 500; ++k)
                jpeg += static_cast<char>((k * 2654435761u + picture * 97u) >> 7);
            jpeg += "\xff\xd9";
            ok = d.archive->addPhoto(tx, pick(accounts), "storefront", jpeg, d.clock.nowMs()).ok();
            if (ok) ++photos;
        }
        if (!ok) return;  // refused locally (a cycle, a second referrer...): nothing written
        tx.commit();
        recordWrites(i);
    }

    // The server's own writes, between the phones' syncs: a warehouse hand-out (owned by a
    // rep), a catalogue change or a policy (reference data for everyone).
    void adminWork()
    {
        ++adminWrites;
        const int what = static_cast<int>(below(3));
        if (what == 0) {
            static const std::vector<const char*> codes = {"G001", "S001", "M001"};
            const QString who = chance(0.5) ? QStringLiteral("li.na") : QStringLiteral("wang.wei");
            log << "admin: receipt for " << who.toStdString() << "\n";
            world.receive(who, pick(codes), 1 + static_cast<int>(below(20)));
        } else if (what == 1) {
            log << "admin: catalogue change\n";
            world.importCatalogue(QStringLiteral("code,name\nG001,礼盒 %1\n").arg(below(1000)).toUtf8());
        } else {
            log << "admin: policy\n";
            world.setPolicy("A", "face_visit", "month", 1 + static_cast<int>(below(3)), std::nullopt);
        }
    }

    void syncWithFaults(std::size_t i)
    {
        SyncDevice& d = *devices[i];
        ++syncs;
        d.transport.setFaults({.requestLost = chance(0.5) ? 0.15 : 0.0,
                               .replyLost = chance(0.5) ? 0.2 : 0.0,
                               .duplicate = chance(0.5) ? 0.15 : 0.0,
                               .bodyCut = chance(0.3) ? 0.3 : 0.0});
        const bool crashInPull = chance(0.15);
        if (crashInPull) {
            auto options = simOptions;
            const int page = 1 + static_cast<int>(below(3));
            options.beforePageCommit = [page](int p) {
                if (p == page) throw std::runtime_error("simulated crash mid-pull");
            };
            d.setOptions(options);
        }
        // Sometimes the rep cancels: at a random point between exchanges.
        const bool cancelMidway = chance(0.1);
        const int cancelAt = 1 + static_cast<int>(below(4));
        try {
            sync::SyncCancel cancel;
            int progressCalls = 0;
            const auto r = !cancelMidway ? d.sync()
                                         : d.engine->syncOnce(
                                               [&](const sync::SyncProgress&) {
                                                   if (++progressCalls == cancelAt) cancel.cancel();
                                               },
                                               &cancel);
            if (r.status == sync::SyncStatus::Cancelled) ++cancels;
            log << kActors[i].name << " sync " << sync::syncStatusName(r.status) << " " << r.errorCode
                << " pushed=" << r.pushed << " pulled=" << r.pulled << "\n";
            if (r.status == sync::SyncStatus::Failed || r.status == sync::SyncStatus::SignedOut ||
                r.status == sync::SyncStatus::Revoked)
                FAIL("seed " << seed << ": " << kActors[i].name << " sync failed: " << r.errorCode << " "
                             << r.errorMessage << "\n"
                             << log.str());
        } catch (const std::runtime_error& e) {
            if (std::string(e.what()) != "simulated crash mid-pull") throw;
            ++pullCrashes;
            log << kActors[i].name << " crashed mid-pull\n";
            d.crashAndReopen();
        }
        if (crashInPull) d.setOptions(simOptions);
        d.transport.setFaults({});
    }

    void run(int steps)
    {
        for (int s = 0; s < steps; ++s) {
            const std::size_t i = below(devices.size());
            const int what = static_cast<int>(below(100));
            if (what < 65) {
                localWork(i);
            } else if (what < 92) {
                syncWithFaults(i);
            } else if (what < 95) {
                ++crashes;
                log << kActors[i].name << " crash\n";
                devices[i]->crashAndReopen();
            } else if (what < 98) {
                adminWork();
            } else {
                ++restarts;
                log << "server restart\n";
                world.server.restart();
            }
            const std::int64_t dt = static_cast<std::int64_t>(below(5000));
            world.serverClock.advance(dt);
            for (auto& d : devices)
                d->clock.advance(dt);
        }
    }

    void settleAndCheck()
    {
        // Sync until quiet, no faults.
        bool quiet = false;
        for (int round = 0; round < 8 && !quiet; ++round) {
            quiet = true;
            for (std::size_t i = 0; i < devices.size(); ++i) {
                const auto r = devices[i]->sync();
                INFO("seed " << seed << " " << kActors[i].name << ": " << r.errorCode << " " << r.errorMessage
                             << "\n"
                             << log.str());
                REQUIRE(r.ok());
                if (r.pushed || r.changed || r.purged || r.repaired || r.blobsUploaded) quiet = false;
            }
        }
        INFO("seed " << seed << "\n" << log.str());
        REQUIRE(quiet);

        // What the server holds in each user's scope, through a fresh device's full pull.
        std::map<QString, Snapshot> server;
        for (std::size_t u = 0; u < kUsers.size(); ++u) {
            SyncDevice observer(scratch.path() / ("observer-" + kUsers[u].toStdString() + ".db"),
                                world.server, seed + 7, world.serverClock.nowMs());
            const auto r = observer.sync();
            REQUIRE(r.ok());
            REQUIRE_FALSE(r.repaired);
            REQUIRE(r.errorCode.empty());
            server[kUsers[u]] = observer.snapshot();
        }
        for (std::size_t i = 0; i < devices.size(); ++i) {
            SyncDevice& d = *devices[i];
            INFO("device " << kActors[i].name);
            CHECK(d.store->outboxCount() == 0);
            CHECK(d.replica->rejected().empty());
            // Every photo's bytes reached the server whole, and nothing waits any more.
            CHECK(blobs::pendingUploads(*d.db).empty());
            {
                Statement st = d.db->prepare("SELECT blob, size FROM attachment");
                while (st.step()) {
                    QSqlDatabase db = world.server.store().connection();
                    QSqlQuery q = server::runSql(
                        db, QStringLiteral("SELECT received FROM blobs WHERE sha256 = ? AND complete = 1"),
                        {QString::fromStdString(st.text(0))});
                    INFO("attachment " << st.text(0));
                    REQUIRE(q.next());
                    CHECK(q.value(0).toLongLong() == st.int64(1));
                }
            }
            const Snapshot& expected = server[kActors[i].login];
            // Overwritten: each lost field lost to another device's write, which the server
            // holds (or something later still).
            for (const RejectedChange& o : d.replica->overridden()) {
                ++overridden;
                auto it = expected.find(o.entity + "/" + o.recordId);
                for (const LostField& lost : o.lost) {
                    INFO("overwritten " << o.entity << "/" << o.recordId << "/" << lost.field << " @ "
                                        << lost.winnerStamp);
                    const auto winner = HlcStamp::parse(lost.winnerStamp);
                    REQUIRE(winner);
                    CHECK(winner->deviceId != d.id());
                    CHECK(lost.winnerMs == winner->wallMs);
                    if (it == expected.end()) continue;  // the record left the rep's scope since
                    const auto stamp = it->second.clocks.find(lost.field);
                    REQUIRE(stamp != it->second.clocks.end());
                    CHECK(stamp->second >= lost.winnerStamp);
                }
            }
            CHECK(firstDifference(d.snapshot(), expected) == "");
            // Nothing lost.
            for (const auto& [key, w] : lastWrites[i]) {
                const auto slash = key.rfind('/');
                const std::string record = key.substr(0, slash), field = key.substr(slash + 1);
                auto it = expected.find(record);
                INFO("write " << key << " = " << valueToString(w.value) << " @ " << w.stamp);
                REQUIRE(it != expected.end());
                const auto stamp = it->second.clocks.find(field);
                REQUIRE(stamp != it->second.clocks.end());
                CHECK(stamp->second >= w.stamp);
                if (stamp->second == w.stamp) {
                    auto value = it->second.fields.find(field);
                    const Value now = value == it->second.fields.end() ? Value{} : value->second;
                    CHECK(now == w.value);
                }
            }
        }
        // Every record created exists where its creator's user sees it (exactly once: ids
        // are keys everywhere, and the scope counts matched the server's above).
        for (const auto& [record, i] : created) {
            INFO("created " << record << " by " << kActors[i].name);
            CHECK(server[kActors[i].login].count(record) == 1);
        }
    }
};

void runSuite(std::int64_t runs, int steps)
{
    const std::uint64_t base = static_cast<std::uint64_t>(envInt("FB_SYNC_SEED", 20260302));
    const auto start = std::chrono::steady_clock::now();
    int syncs = 0, pullCrashes = 0, crashes = 0, restarts = 0, lost = 0, repliesLost = 0, duplicates = 0;
    int cancels = 0, overridden = 0, adminWrites = 0, photos = 0, bodiesCut = 0;
    std::size_t records = 0;
    for (std::int64_t run = 0; run < runs; ++run) {
        const std::uint64_t seed = base + static_cast<std::uint64_t>(run);
        Simulation sim(seed);
        sim.run(steps);
        sim.settleAndCheck();
        syncs += sim.syncs;
        pullCrashes += sim.pullCrashes;
        crashes += sim.crashes;
        restarts += sim.restarts;
        cancels += sim.cancels;
        overridden += sim.overridden;
        adminWrites += sim.adminWrites;
        photos += sim.photos;
        records += sim.created.size();
        for (auto& d : sim.devices) {
            lost += d->transport.counts().requestsLost;
            repliesLost += d->transport.counts().repliesLost;
            duplicates += d->transport.counts().duplicates;
            bodiesCut += d->transport.counts().bodiesCut;
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "fault suite: " << runs << " runs from seed " << base << " in " << seconds << " s; "
              << records << " records created, " << syncs << " faulty syncs, " << lost << " requests lost, "
              << repliesLost << " replies lost, " << duplicates << " duplicates, " << pullCrashes
              << " crashes mid-pull, " << crashes << " crashes, " << restarts << " server restarts, "
              << cancels << " syncs cancelled, " << overridden << " overwritten changes kept, " << adminWrites
              << " server writes (receipts, catalogue, policies), " << photos << " photos, " << bodiesCut
              << " uploads cut mid-body\n";
}

}  // namespace

TEST_CASE("random offline work with lost requests, lost replies, duplicates, crashes and restarts converges "
          "without loss",
          "[sync][faults]")
{
    runSuite(envInt("FB_SYNC_FAULT_RUNS", 200), 60);
}

TEST_CASE("the fault-injection suite, thousands of runs", "[slow][faults]")
{
    runSuite(envInt("FB_SYNC_FAULT_RUNS", 3000), 80);
}
