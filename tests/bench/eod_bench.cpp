// fb_eod_bench: the end-of-day sync of one device against the real fieldbook-server binary
// over real HTTP, directly on loopback and through a slow link, printed as one JSON object.
// The issue's case: 200 local changes pushed and ~500 incoming pulled, with 300 ms added
// latency and 1 Mbit/s [< 5 s]. Then the visit day (issue 10): 30 visits with 60 gift lines and
// 30 photos of 200 KB, synced directly [records < 1 s] and over the slow link [the pictures,
// sent after the records, at >= 80 % of the link's speed].
//
// How:
// - `fieldbook-server admin --data TMP demo --reps R --accounts-per-rep N` makes the demo team
//   (manager, rep1..repR) with realistic books; the server serves TMP on a free port;
// - device A (the one measured) signs in as rep1 and does its initial sync; device B signs
//   in as manager (whose scope holds rep1's accounts) and does its own;
// - each round, for each link: B makes --incoming offline changes to rep1's accounts and
//   pushes them (directly); A makes --changes offline changes; then A's end-of-day sync (one
//   syncOnce: push, pull, scope digest) is timed over that link on a fresh connection (a
//   phone does not keep its morning connection), so the TCP handshake is part of it.
//   Changes are a mix: three in four update an account's notes, one in four adds a key person.
// - links: "direct" (loopback), "slow_link" (SlowLinkProxy: --rtt-ms split evenly into a
//   one-way latency each way, --bits-per-second each way), and "slow_link_x2_latency" (the
//   same with --rtt-ms added in each direction, for the pessimistic reading of "300 ms").
//   `tc qdisc ... netem` would be the other way; this container's kernel has no sch_netem.
// Per link: every round's wall time, round trips, records, the engine's byte counts (request
// and reply bodies as sent, gzip-compressed, plus an estimate of the headers) and, through
// the proxy, the TCP payload bytes each way; the median round's figures at the top.
// The program fails (exit 1) if a sync fails, leaves changes in the outbox or pushes a
// different number of changes than it made. Everything lives in a temporary directory.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "fakes/device_layers.h"
#include "fakes/temp_db.h"
#include "fieldbook/core/blobs.h"
#include "fieldbook/core/gifts.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/visits.h"
#include "fieldbook/sync/backoff.h"
#include "fieldbook/sync/engine.h"
#include "fieldbook/sync/http_transport.h"
#include "server_process.h"
#include "slowlink_proxy.h"
#include "visit_answers.h"

using namespace fb;
using SteadyClock = std::chrono::steady_clock;

namespace {

struct Config {
    int reps = 2;
    int accounts = 1000;  // per rep: device A's book
    int changes = 200;
    int incoming = 500;
    int rttMs = 300;
    double bitsPerSecond = 1e6;
    int rounds = 3;
    // The visit day (issue 10): visits with gift lines and a storefront photo each.
    int visits = 30;
    int giftLines = 2;  // per visit
    int photoBytes = 200 * 1024;
    QString out;
};

void check(bool ok, const std::string& what)
{
    if (!ok) throw std::runtime_error(what);
}

double msSince(SteadyClock::time_point start)
{
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

std::string procLine(const char* file, const char* prefix)
{
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(prefix, 0) == 0) {
            const auto colon = line.find(':');
            const auto first = line.find_first_not_of(" \t", colon + 1);
            return first == std::string::npos ? std::string() : line.substr(first);
        }
    return "unknown";
}

// The production transport, re-made for each measured sync so it starts on a new connection.
class FreshTransport final : public sync::Transport {
public:
    void connectTo(const QUrl& url) { http_ = std::make_unique<sync::HttpTransport>(url); }
    sync::TransportResponse exchange(const sync::TransportRequest& request) override
    {
        check(http_ != nullptr, "transport used before connectTo");
        return http_->exchange(request);
    }

private:
    std::unique_ptr<sync::HttpTransport> http_;
};

struct Device : test::DeviceLayers {
    Device(const std::string& file, const Clock& clock) : backoff(sync::systemRandom())
    {
        open(file, clock, transport, backoff);
    }
    ~Device() { close(); }
    Device(const Device&) = delete;
    Device& operator=(const Device&) = delete;

    sync::SyncReport syncOver(const QUrl& url, double& ms, const sync::ProgressFn& progress = {})
    {
        transport.connectTo(url);
        const auto start = SteadyClock::now();
        sync::SyncReport r = engine->syncOnce(progress);
        ms = msSince(start);
        check(r.ok(), std::string("sync: ") + sync::syncStatusName(r.status) + " " + r.errorCode + ": " +
                          r.errorMessage);
        return r;
    }

    std::vector<std::string> accountIds()
    {
        std::vector<std::string> ids;
        Statement st = db->prepare("SELECT id FROM account ORDER BY id");
        while (st.step())
            ids.push_back(st.text(0));
        return ids;
    }

    // `n` offline changes to the accounts `ids[offset..]` (wrapping), each its own
    // transaction as a rep makes them: three in four update notes, one in four adds a person.
    void edit(const std::vector<std::string>& ids, int n, int offset, const std::string& tag)
    {
        check(!ids.empty(), "no accounts to edit");
        for (int i = 0; i < n; ++i) {
            const std::string& account = ids[static_cast<std::size_t>(offset + i) % ids.size()];
            Transaction tx(*db);
            Result<void> done;
            if (i % 4 == 3) {
                auto id = archive->createKeyPerson(
                    tx, account,
                    {{"name", tag + " contact " + std::to_string(i)}, {"role", std::string("other")}});
                if (!id) done = id.error();
            } else {
                done = archive->updateAccount(tx, account, {{"notes", tag + " note " + std::to_string(i)}});
            }
            check(done.ok(),
                  "offline change " + std::to_string(i) + ": " + (done.ok() ? "" : done.error().message));
            tx.commit();
        }
    }

    FreshTransport transport;
    sync::Backoff backoff;
};

// A rep's day of visits on `a`, offline, as the app writes them (each step its own
// transaction): check-in, briefing, the return-visit form, `giftLines` gift lines for a key
// person, a storefront photo of `photoBytes` incompressible bytes (as JPEG is), check-out.
// Accounts from `book[first..]`, every seventh.
void visitDay(Device& a, const Clock& clock, const std::vector<std::string>& book, const Config& cfg,
              int first)
{
    const std::string rep = a.replica->setting(sync::key::kUserId);
    std::vector<std::string> items;
    {
        Statement st =
            a.db->prepare("SELECT id FROM gift_item WHERE code IN ('M001', 'S001', 'G004') ORDER BY code");
        while (st.step())
            items.push_back(st.text(0));
    }
    check(items.size() == 3, "the demo catalogue lacks M001, S001 or G004");
    Visits visits(*a.store);
    std::uint32_t x = static_cast<std::uint32_t>(first) * 2654435761u + 1;
    const auto write = [&](const std::string& what, const std::function<Result<void>(Transaction&)>& fn) {
        Transaction tx(*a.db);
        auto r = fn(tx);
        check(r.ok(), what + ": " + (r.ok() ? "" : r.error().message));
        tx.commit();
    };
    for (int v = 0; v < cfg.visits; ++v) {
        const std::string& account = book[static_cast<std::size_t>(first + v * 7) % book.size()];
        std::string person;
        {
            Statement st = a.db->prepare("SELECT id FROM key_person WHERE account_id = ? LIMIT 1");
            st.bind(1, account);
            if (st.step()) person = st.text(0);
        }
        std::string visitId;
        write("check-in", [&](Transaction& tx) -> Result<void> {
            auto id = visits.start(
                tx, rep,
                {account, "return_visit", "", std::string("30.259300,120.145200,12"), clock.nowMs()});
            if (!id) return id.error();
            visitId = *id;
            return {};
        });
        write("briefing",
              [&](Transaction& tx) { return visits.markBriefingRead(tx, visitId, clock.nowMs()); });
        write("conversation", [&](Transaction& tx) -> Result<void> {
            for (const auto& [field, text] : bench::kReturnVisitAnswers)
                if (auto d = visits.draft(tx, visitId, field, Value{std::string(text)}); !d) return d;
            if (auto c = visits.commitDrafts(tx, visitId); !c) return c;
            return visits.setStep(tx, VisitStep::Gifts);
        });
        if (!person.empty())
            write("gifts", [&](Transaction& tx) -> Result<void> {
                GiftIssue issue{rep, account, person, visitId, "", {}, clock.nowMs()};
                for (int g = 0; g < cfg.giftLines; ++g)
                    issue.lines.push_back({items[static_cast<std::size_t>(v + g) % items.size()], 1});
                auto given = issueGifts(tx, *a.store, issue);
                if (!given) return given.error();
                return {};
            });
        write("photo", [&](Transaction& tx) -> Result<void> {
            std::string jpeg = "\xff\xd8\xff\xe0";
            while (static_cast<int>(jpeg.size()) < cfg.photoBytes - 2) {
                x = x * 1664525u + 1013904223u;
                jpeg += static_cast<char>(x >> 24);
            }
            jpeg += "\xff\xd9";
            auto id = a.archive->addPhoto(tx, account, "storefront", jpeg, clock.nowMs());
            if (!id) return id.error();
            return {};
        });
        write("check-out", [&](Transaction& tx) {
            return visits.finish(tx, visitId, {"some", "", std::nullopt, clock.nowMs(), localToday(clock)});
        });
    }
}

struct Link {
    const char* name;
    std::unique_ptr<bench::SlowLinkProxy> proxy;  // null: direct
    QUrl url;
    QJsonArray runs;
    std::vector<double> ms;
};

QJsonObject linkJson(Link& link)
{
    QJsonObject out;
    if (link.proxy) {
        const bench::SlowLink l = link.proxy->link();
        out.insert("link", QJsonObject{{"one_way_latency_ms", l.oneWayLatencyMs},
                                       {"added_round_trip_ms", 2 * l.oneWayLatencyMs},
                                       {"bits_per_second", l.bitsPerSecond},
                                       {"via", "SlowLinkProxy (tests/bench/slowlink_proxy.h)"}});
    } else {
        out.insert("link", QJsonObject{{"via", "loopback"}});
    }
    // The median round (by time) speaks for the link; every round is listed too.
    std::vector<std::size_t> order(link.ms.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return link.ms[a] < link.ms[b]; });
    const QJsonObject median = link.runs[static_cast<qsizetype>(order[order.size() / 2])].toObject();
    for (auto it = median.begin(); it != median.end(); ++it)
        out.insert(it.key(), it.value());
    out.insert("median_ms", median.value("ms"));
    out.insert("min_ms", link.ms[order.front()]);
    out.insert("max_ms", link.ms[order.back()]);
    out.insert("runs", link.runs);
    return out;
}

QJsonObject run(const Config& cfg)
{
    test::TempDir tmp;
    const QString data = QString::fromStdString((tmp.path() / "server").string());
    std::cerr << "fb_eod_bench: demo team: " << cfg.reps << " reps, " << cfg.accounts << " accounts each\n";
    auto start = SteadyClock::now();
    bench::runToEnd(FB_SERVER_BINARY, {"admin", "--data", data, "demo", "--reps", QString::number(cfg.reps),
                                       "--accounts-per-rep", QString::number(cfg.accounts)});
    const double setupMs = msSince(start);
    bench::ServerProcess server(FB_SERVER_BINARY, {"--data", data}, tmp.path());

    SystemClock clock;
    Device a(tmp.file("rep1.db"), clock), b(tmp.file("manager.db"), clock);
    a.transport.connectTo(server.url());
    b.transport.connectTo(server.url());
    check(a.engine->signIn("rep1", "demo1234", "bench phone (rep1)").ok(), "rep1 sign-in");
    check(b.engine->signIn("manager", "demo1234", "bench phone (manager)").ok(), "manager sign-in");
    double initialMs = 0, otherMs = 0;
    const sync::SyncReport initial = a.syncOver(server.url(), initialMs);
    b.syncOver(server.url(), otherMs);
    const std::vector<std::string> book = a.accountIds();
    std::cerr << "fb_eod_bench: rep1's device holds " << initial.pulled << " records (" << book.size()
              << " accounts); initial sync " << initialMs << " ms\n";

    std::vector<Link> links;
    links.push_back({"direct", nullptr, server.url(), {}, {}});
    for (const auto& [name, oneWay] :
         {std::pair{"slow_link", cfg.rttMs / 2}, std::pair{"slow_link_x2_latency", cfg.rttMs}}) {
        auto proxy = std::make_unique<bench::SlowLinkProxy>("127.0.0.1", server.port(),
                                                            bench::SlowLink{oneWay, cfg.bitsPerSecond});
        const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(proxy->port()));
        links.push_back({name, std::move(proxy), url, {}, {}});
    }

    for (int round = 1; round <= cfg.rounds; ++round) {
        for (Link& link : links) {
            const std::string tag = "round " + std::to_string(round) + " " + link.name;
            b.edit(book, cfg.incoming, cfg.changes, tag + " manager");
            double ms = 0;
            const sync::SyncReport pushed = b.syncOver(server.url(), ms);
            check(pushed.pushed == cfg.incoming,
                  "the manager's device pushed " + std::to_string(pushed.pushed));
            a.edit(book, cfg.changes, 0, tag + " rep1");
            const bench::SlowLinkCounters before =
                link.proxy ? link.proxy->counters() : bench::SlowLinkCounters{};
            const sync::SyncReport r = a.syncOver(link.url, ms);
            check(r.pushed == cfg.changes,
                  "pushed " + std::to_string(r.pushed) + " of " + std::to_string(cfg.changes));
            check(a.store->outboxCount() == 0, "changes left in the outbox");
            QJsonObject runJson{{"ms", ms},
                                {"round_trips", r.roundTrips},
                                {"pushed", r.pushed},
                                {"pulled", r.pulled},
                                {"bytes_sent", static_cast<double>(r.bytesSent)},
                                {"bytes_received", static_cast<double>(r.bytesReceived)}};
            if (link.proxy) {
                const bench::SlowLinkCounters after = link.proxy->counters();
                runJson.insert("tcp_bytes_up", static_cast<double>(after.bytesUp - before.bytesUp));
                runJson.insert("tcp_bytes_down", static_cast<double>(after.bytesDown - before.bytesDown));
                runJson.insert("connections", after.connections - before.connections);
            }
            std::cerr << "fb_eod_bench: round " << round << " " << link.name << ": " << ms << " ms, "
                      << r.roundTrips << " round trips, " << r.pushed << " pushed, " << r.pulled
                      << " pulled\n";
            link.runs.append(runJson);
            link.ms.push_back(ms);
        }
    }
    // The visit day, over the direct link and the slow one: the records must be in within a
    // second on loopback, and the pictures, sent after them, must use the slow link well.
    // Stock for the gift lines first (the warehouse's hand-out), pulled as a phone would.
    for (const char* item : {"M001", "S001", "G004"})
        bench::runToEnd(FB_SERVER_BINARY, {"admin", "--data", data, "stock", "receive", "rep1", "--item",
                                           QString::fromLatin1(item), "--quantity", "5000"});
    {
        double ms = 0;
        a.syncOver(server.url(), ms);
    }
    QJsonObject visitDayJson{{"visits", cfg.visits},
                             {"gift_lines", cfg.visits * cfg.giftLines},
                             {"photos", cfg.visits},
                             {"photo_bytes", cfg.photoBytes},
                             {"records_target_ms_direct", 1000},
                             {"photo_link_use_target_slow_link", 0.8}};
    int day = 0;
    for (Link* link : {&links[0], &links[1]}) {
        visitDay(a, clock, book, cfg, 1 + day++);
        const std::int64_t waiting = blobs::use(*a.db).pendingBytes;
        check(waiting >= static_cast<std::int64_t>(cfg.visits) * cfg.photoBytes,
              "the photos do not wait for upload");
        double recordsMs = -1;
        std::int64_t outboxAtUpload = -1;
        const auto syncStart = SteadyClock::now();
        double ms = 0;
        const sync::SyncReport r = a.syncOver(link->url, ms, [&](const sync::SyncProgress& p) {
            if (p.phase == sync::SyncPhase::Upload && recordsMs < 0) {
                recordsMs = msSince(syncStart);
                outboxAtUpload = a.store->outboxCount();
            }
        });
        check(recordsMs >= 0, "no upload phase");
        check(outboxAtUpload == 0, "the pictures went before every record was in");
        check(r.blobsUploaded == cfg.visits && r.blobsWaiting == 0,
              "uploaded " + std::to_string(r.blobsUploaded) + " of " + std::to_string(cfg.visits) +
                  " photos");
        const double uploadMs = ms - recordsMs;
        QJsonObject j{{"ms", ms},
                      {"records_ms", recordsMs},
                      {"records_pushed", r.pushed},
                      {"photos_ms", uploadMs},
                      {"photo_bytes_sent", static_cast<double>(r.blobBytesSent)},
                      {"round_trips", r.roundTrips},
                      {"bytes_sent", static_cast<double>(r.bytesSent)}};
        if (link->proxy) {
            const double bitsPerSecond = link->proxy->link().bitsPerSecond;
            const double used =
                static_cast<double>(r.blobBytesSent) * 8.0 / (uploadMs / 1000.0) / bitsPerSecond;
            j.insert("photo_link_use", used);
            j.insert("link", QJsonObject{{"added_round_trip_ms", 2 * link->proxy->link().oneWayLatencyMs},
                                         {"bits_per_second", bitsPerSecond}});
            std::cerr << "fb_eod_bench: visit day " << link->name << ": records " << recordsMs
                      << " ms, photos " << uploadMs << " ms (" << used * 100 << " % of the link)\n";
        } else {
            std::cerr << "fb_eod_bench: visit day " << link->name << ": records " << recordsMs
                      << " ms, photos " << uploadMs << " ms\n";
        }
        visitDayJson.insert(link->name, j);
    }
    check(server.running(), "the server died:\n" + server.errTail());

    QJsonObject endOfDay{
        {"changes", cfg.changes}, {"incoming", cfg.incoming}, {"rounds", cfg.rounds}, {"target_ms", 5000}};
    for (Link& link : links)
        endOfDay.insert(link.name, linkJson(link));
    return {{"setup_ms", setupMs},
            {"book", QJsonObject{{"reps", cfg.reps},
                                 {"accounts_per_rep", cfg.accounts},
                                 {"device_accounts", static_cast<int>(book.size())},
                                 {"device_records", initial.pulled}}},
            {"initial_sync", QJsonObject{{"ms", initialMs},
                                         {"records", initial.pulled},
                                         {"round_trips", initial.roundTrips},
                                         {"bytes_received", static_cast<double>(initial.bytesReceived)}}},
            {"end_of_day", endOfDay},
            {"visit_day", visitDayJson}};
}

}  // namespace

int main(int argc, char** argv)
{
    fb::configureSqlite();  // as the app and the server do
    QCoreApplication app(argc, argv);
    Config cfg;
    const QStringList args = app.arguments();
    bool ok = args.size() % 2 == 1;
    for (int i = 1; i + 1 < args.size() && ok; i += 2) {
        const QString& a = args[i];
        const QString& v = args[i + 1];
        if (a == "--reps")
            cfg.reps = v.toInt(&ok);
        else if (a == "--accounts")
            cfg.accounts = v.toInt(&ok);
        else if (a == "--changes")
            cfg.changes = v.toInt(&ok);
        else if (a == "--incoming")
            cfg.incoming = v.toInt(&ok);
        else if (a == "--rtt-ms")
            cfg.rttMs = v.toInt(&ok);
        else if (a == "--bits-per-second")
            cfg.bitsPerSecond = v.toDouble(&ok);
        else if (a == "--rounds")
            cfg.rounds = v.toInt(&ok);
        else if (a == "--visits")
            cfg.visits = v.toInt(&ok);
        else if (a == "--gift-lines")
            cfg.giftLines = v.toInt(&ok);
        else if (a == "--photo-bytes")
            cfg.photoBytes = v.toInt(&ok);
        else if (a == "--out")
            cfg.out = v;
        else
            ok = false;
    }
    if (!ok || cfg.reps < 1 || cfg.accounts < 1 || cfg.changes < 1 || cfg.incoming < 1 || cfg.rttMs < 0 ||
        cfg.bitsPerSecond < 0 || cfg.rounds < 1 || cfg.visits < 1 || cfg.giftLines < 0 || cfg.giftLines > 3 ||
        cfg.photoBytes < 100 || cfg.photoBytes > 4 * 1024 * 1024) {
        std::cerr << "usage: fb_eod_bench [--reps R] [--accounts N per rep] [--changes N] [--incoming N]\n"
                     "                    [--rtt-ms MS] [--bits-per-second B] [--rounds K]\n"
                     "                    [--visits N] [--gift-lines 0..3] [--photo-bytes B] [--out FILE]\n";
        return 2;
    }
    QJsonObject result;
    try {
        result = run(cfg);
    } catch (const std::exception& e) {
        std::cerr << "fb_eod_bench: FAILED: " << e.what() << "\n";
        return 1;
    }
    result.insert("build", FB_BUILD_TYPE);
    result.insert("server", FB_SERVER_BINARY);
    result.insert("machine",
                  QJsonObject{{"cpu", QString::fromStdString(procLine("/proc/cpuinfo", "model name"))},
                              {"cores", static_cast<int>(std::thread::hardware_concurrency())},
                              {"memory", QString::fromStdString(procLine("/proc/meminfo", "MemTotal"))}});
    const QByteArray json = QJsonDocument(result).toJson(QJsonDocument::Indented);
    std::cout << json.constData();
    if (!cfg.out.isEmpty()) {
        std::ofstream file(cfg.out.toStdString());
        file << json.constData();
    }
    return 0;
}
