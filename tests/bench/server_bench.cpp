// fb_server_bench: the real fieldbook-server under load — N simulated devices (one per rep)
// syncing at the same moment over real HTTP on loopback — first against SQLite (a temporary
// --data directory), then against a throwaway PostgreSQL 15 this program starts itself.
// Printed as one JSON object: per-sync wall time p50/p95/p99/max, records pushed+pulled
// and records/s, the server's 429/5xx/network answers, failed devices, the server's peak RSS.
//
// How, per backend:
// - the admin CLI of the same binary creates a team, N reps (add-user --password) and
//   imports M accounts for each rep (import-accounts CSV), exactly as an operator would;
// - `fieldbook-server --data|--database … --port 0` serves on a free loopback port (the
//   server binds port 0 itself and prints it, so there is no race for a guessed port);
// - N threads, one device each: its own device database, Store/Replica/Archive, SyncEngine
//   and HttpTransport, all made and used on that thread (HttpTransport's network manager
//   must live on the thread that calls it). Each device signs in, then at a barrier all
//   devices run their first sync together (pulling their M accounts: "initial sync"); each
//   then makes K offline changes through the Archive (accounts and key persons, created and
//   updated) and at a second barrier all push and pull together ("end-of-day sync");
// - a sync that comes back Retryable (429 busy, 5xx, network) is retried after the delay
//   the engine's Backoff chose, up to --attempts times; a sync's wall time includes its
//   retries and waits, because that is what the rep waits for.
// The program exits 1 if any device failed to sign in or complete a sync, or if a device's
// outbox is not empty afterwards; 429/5xx answers that a retry absorbed are reported, not
// failures. PostgreSQL needs root (initdb runs as the postgres user); without it, or
// without PostgreSQL 15 installed, the PostgreSQL run FAILS (use --sqlite-only to skip it).
// Servers, PostgreSQL and temporary directories are stopped and removed on every exit path
// that unwinds (normal end, a failure, an exception).
#include <algorithm>
#include <array>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <pwd.h>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QThread>
#include <QUrl>

#include "fakes/device_layers.h"
#include "fakes/temp_db.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/sync/backoff.h"
#include "fieldbook/sync/engine.h"
#include "fieldbook/sync/http_transport.h"
#include "server_process.h"

using namespace fb;
using fb::test::TempDir;
using SteadyClock = std::chrono::steady_clock;

namespace {

const char* const kPgBin = "/usr/lib/postgresql/15/bin";
const char* const kPassword = "bench-pass-1";
const char* const kTeam = "Bench";

struct Config {
    int devices = 200;
    int accountsPerRep = 50;
    int changes = 20;
    int attempts = 6;  // syncOnce calls per sync before the device counts as failed
    bool sqliteOnly = false;
    bool postgresOnly = false;
    QString out;
    QStringList serverArgs;  // --server-arg: passed to fieldbook-server (e.g. --workers 4)
    QString serverBinary = QStringLiteral(FB_SERVER_BINARY);  // --server: another build, for A/B
};

double msSince(SteadyClock::time_point start)
{
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

void check(bool ok, const std::string& what)
{
    if (!ok) throw std::runtime_error(what);
}

// Runs a program to completion (fb::bench::runToEnd); a failure says which step broke.
QByteArray run(const QString& program, const QStringList& args, const std::string& what,
               int timeoutMs = 120'000)
{
    try {
        return fb::bench::runToEnd(program, args, timeoutMs);
    } catch (const std::exception& e) {
        throw std::runtime_error(what + ": " + e.what());
    }
}

std::int64_t peakRssKb(qint64 pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6));
    return 0;
}

// CPU time (user + system) a process has used so far, in ms (/proc/PID/stat fields 14, 15).
double cpuMs(qint64 pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');  // the command name may hold spaces
    if (close == std::string::npos) return 0;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i)
        if (i == 14 || i == 15) ticks += std::stod(field);
    return ticks * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// Called by the last device to reach a phase's start (std::barrier's completion step):
// samples what the server and the devices have used so far, so each phase gets its own CPU.
struct PhaseMark {
    std::function<void()> mark;
    void operator()() noexcept { mark(); }
};
using PhaseBarrier = std::barrier<PhaseMark>;

QString cpuModel()
{
    std::ifstream info("/proc/cpuinfo");
    std::string line;
    while (std::getline(info, line))
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos) return QString::fromStdString(line.substr(colon + 1)).trimmed();
        }
    return QStringLiteral("unknown");
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    // Nearest rank: the smallest value with at least p% of the samples at or below it.
    const auto rank =
        static_cast<std::size_t>(std::max(1.0, std::ceil(p / 100.0 * static_cast<double>(v.size()))));
    return v[std::min(rank, v.size()) - 1];
}

// A throwaway PostgreSQL 15 cluster, the recipe of tests/server/binary_test.sh: initdb as the
// postgres user into a temporary directory it owns, fsync off (durability is not what is
// measured, and the disk would dominate), socket and data in that directory, TCP on
// 127.0.0.1. Stopped and removed in the destructor.
class Postgres {
public:
    explicit Postgres(const std::filesystem::path& dir) : dir_(dir)
    {
        check(::geteuid() == 0,
              "PostgreSQL: this benchmark must run as root to run initdb/postgres as the postgres user "
              "(or pass --sqlite-only)");
        check(QFile::exists(bin("initdb")), "PostgreSQL: " + bin("initdb").toStdString() +
                                                " not found; install postgresql-15 (or pass --sqlite-only)");
        const passwd* pg = ::getpwnam("postgres");
        check(pg != nullptr, "PostgreSQL: there is no postgres user");
        std::filesystem::create_directories(dir_);
        check(::chown(dir_.c_str(), pg->pw_uid, pg->pw_gid) == 0,
              "PostgreSQL: cannot chown " + dir_.string());
        const QString data = QString::fromStdString((dir_ / "pg").string());
        asPostgres("initdb", {"-D", data, "--no-sync", "-A", "trust", "-U", "postgres"}, "initdb");
        // A free port: postgres cannot be told to pick one and print it, so try a few ports
        // that were free a moment ago (another process may take one in between).
        for (int attempt = 0; attempt < 5 && port_ == 0; ++attempt) {
            const int candidate = freePort();
            try {
                asPostgres(
                    "pg_ctl",
                    {"-D", data, "-l", QString::fromStdString((dir_ / "pg.log").string()), "-w", "-o",
                     QStringLiteral(
                         "-c fsync=off -c max_connections=300 -k %1 -p %2 -c listen_addresses=127.0.0.1")
                         .arg(QString::fromStdString(dir_.string()))
                         .arg(candidate),
                     "start"},
                    "pg_ctl start");
                port_ = candidate;
            } catch (const std::exception& e) {
                if (attempt == 4) throw std::runtime_error(std::string(e.what()) + "\n" + logTail());
            }
        }
        started_ = true;
        asPostgres("createdb",
                   {"-h", "127.0.0.1", "-p", QString::number(port_), "-U", "postgres", "fieldbook"},
                   "createdb");
    }
    ~Postgres()
    {
        if (started_) {
            try {
                asPostgres("pg_ctl",
                           {"-D", QString::fromStdString((dir_ / "pg").string()), "stop", "-m", "fast"},
                           "pg_ctl stop");
            } catch (const std::exception& e) {
                std::cerr << "fb_server_bench: " << e.what() << "\n";
            }
        }
    }
    Postgres(const Postgres&) = delete;
    Postgres& operator=(const Postgres&) = delete;

    QString url() const { return QStringLiteral("postgresql://postgres@127.0.0.1:%1/fieldbook").arg(port_); }

private:
    static QString bin(const char* name) { return QStringLiteral("%1/%2").arg(kPgBin, name); }
    static int freePort()
    {
        const QByteArray out = run("python3",
                                   {"-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); "
                                          "print(s.getsockname()[1])"},
                                   "PostgreSQL: finding a free port");
        return out.trimmed().toInt();
    }
    void asPostgres(const char* tool, QStringList args, const std::string& what) const
    {
        args.prepend(bin(tool));
        args.prepend("--");
        args.prepend("postgres");
        args.prepend("-u");
        run("runuser", args, "PostgreSQL: " + what);
    }
    std::string logTail() const
    {
        std::ifstream log(dir_ / "pg.log");
        std::string all((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
        return "--- pg.log:\n" + all.substr(all.size() > 2000 ? all.size() - 2000 : 0);
    }

    std::filesystem::path dir_;
    int port_ = 0;
    bool started_ = false;
};

// The real server (fb::bench::ServerProcess) with what this benchmark reads from it: its
// peak memory and its access log.
class Server {
public:
    Server(const QString& binary, const QStringList& databaseArgs, const std::filesystem::path& dir)
        : process_(binary, databaseArgs, dir)
    {}

    QUrl url() const { return process_.url(); }
    std::int64_t peakRssKb() const { return ::peakRssKb(process_.processId()); }
    qint64 processId() const { return process_.processId(); }
    bool running() const { return process_.running(); }
    std::string errTail() const { return process_.errTail(); }
    // Answers with this status, from the server's access log (one JSON object per request).
    int loggedStatus(int status) const
    {
        int n = 0;
        for (const QJsonObject& line : log())
            n += line.value("status").toInt() == status ? 1 : 0;
        return n;
    }
    // The server's own time per endpoint (its log's "ms": from a pool thread taking the
    // request to the answer, so without the wait for a free pool thread). Compared with the
    // device's time this says whether a sync waited in the queue or in the database.
    QJsonObject handlerTimes() const
    {
        std::map<QString, std::vector<double>> byPath;
        for (const QJsonObject& line : log())
            byPath[line.value("path").toString()].push_back(line.value("ms").toDouble());
        QJsonObject out;
        for (const auto& [path, ms] : byPath)
            out.insert(path, QJsonObject{{"count", static_cast<int>(ms.size())},
                                         {"p50_ms", percentile(ms, 50)},
                                         {"p99_ms", percentile(ms, 99)},
                                         {"max_ms", percentile(ms, 100)},
                                         {"sum_ms", std::accumulate(ms.begin(), ms.end(), 0.0)}});
        return out;
    }

private:
    std::vector<QJsonObject> log() const
    {
        std::vector<QJsonObject> lines;
        QFile f(process_.stderrPath());
        if (!f.open(QIODevice::ReadOnly)) return lines;
        for (const QByteArray& line : f.readAll().split('\n'))
            if (const QJsonDocument doc = QJsonDocument::fromJson(line); doc.isObject())
                lines.push_back(doc.object());
        return lines;
    }

    fb::bench::ServerProcess process_;
};

QString login(int rep)
{
    return QStringLiteral("rep%1").arg(rep, 3, 10, QLatin1Char('0'));
}

// The operator's set-up through the admin CLI: team, reps with passwords, M accounts each.
void createTeam(const QStringList& db, const Config& cfg, const std::filesystem::path& dir)
{
    run(cfg.serverBinary, QStringList{"admin"} + db + QStringList{"add-team", kTeam}, "admin add-team");
    for (int r = 1; r <= cfg.devices; ++r) {
        run(cfg.serverBinary,
            QStringList{"admin"} + db +
                QStringList{"add-user", login(r), "--name", "Rep " + QString::number(r), "--role", "rep",
                            "--team", kTeam, "--password", kPassword},
            "admin add-user " + login(r).toStdString());
        if (cfg.accountsPerRep == 0) continue;
        const QString csvPath = QString::fromStdString((dir / "accounts.csv").string());
        QFile csv(csvPath);
        check(csv.open(QIODevice::WriteOnly | QIODevice::Truncate), "cannot write " + csvPath.toStdString());
        csv.write("name,tier,stage\n");
        static const char* const tiers[] = {"KA", "A", "B", "C"};
        for (int a = 0; a < cfg.accountsPerRep; ++a)
            csv.write(QStringLiteral("Bench Co %1-%2,%3,growth\n").arg(r).arg(a).arg(tiers[a % 4]).toUtf8());
        csv.close();
        run(cfg.serverBinary,
            QStringList{"admin"} + db + QStringList{"import-accounts", csvPath, "--to", login(r)},
            "admin import-accounts for " + login(r).toStdString());
    }
}

// HTTP answers as the device saw them (the engine reports only its summary of a failure).
struct WireCounts {
    int requests = 0;
    int http429 = 0;
    int http5xx = 0;
    int network = 0;  // no reply: refused, reset, timed out
};

class CountingTransport final : public sync::Transport {
public:
    CountingTransport(QUrl url, WireCounts& counts) : http_(std::move(url)), counts_(counts) {}
    sync::TransportResponse exchange(const sync::TransportRequest& request) override
    {
        sync::TransportResponse r = http_.exchange(request);
        ++counts_.requests;
        if (!r.delivered)
            ++counts_.network;
        else if (r.status == 429)
            ++counts_.http429;
        else if (r.status >= 500)
            ++counts_.http5xx;
        return r;
    }

private:
    sync::HttpTransport http_;  // the production transport, production timeouts
    WireCounts& counts_;
};

struct SyncOutcome {
    bool ok = false;
    double ms = 0;
    SteadyClock::time_point start, end;  // for the phase's wall time across all devices
    int attempts = 0;
    int pushed = 0;
    int pulled = 0;
};

struct DeviceResult {
    double signInMs = 0;
    SyncOutcome initial;
    SyncOutcome endOfDay;
    WireCounts wire;
    std::int64_t outboxLeft = -1;
    std::string error;  // empty: everything completed
};

// Everything of one simulated phone. Made, used and destroyed on the device's own thread.
struct Device : test::DeviceLayers {
    Device(const std::string& file, const QUrl& url, const Clock& clock, WireCounts& counts)
        : transport(url, counts), backoff(sync::systemRandom())
    {
        open(file, clock, transport, backoff);
    }
    ~Device() { close(); }
    Device(const Device&) = delete;
    Device& operator=(const Device&) = delete;

    // A sync as the app's scheduler runs it: on Retryable, wait what the Backoff said, retry.
    SyncOutcome sync(int maxAttempts, std::string& error)
    {
        SyncOutcome out;
        const auto start = SteadyClock::now();
        out.start = start;
        while (out.attempts < maxAttempts) {
            ++out.attempts;
            const sync::SyncReport r = engine->syncOnce();
            out.pushed += r.pushed;
            out.pulled += r.pulled;
            if (r.ok()) {
                out.ok = true;
                break;
            }
            error = std::string(sync::syncStatusName(r.status)) + " " + r.errorCode + ": " + r.errorMessage;
            if (r.status != sync::SyncStatus::Retryable) break;
            if (out.attempts < maxAttempts)
                std::this_thread::sleep_for(std::chrono::milliseconds(r.retryAfterMs));
        }
        out.end = SteadyClock::now();
        out.ms = std::chrono::duration<double, std::milli>(out.end - start).count();
        if (out.ok)
            error.clear();
        else
            error = "after " + std::to_string(out.attempts) + " attempt(s): " + error;
        return out;
    }

    std::vector<std::string> ids(const char* table, int limit)
    {
        std::vector<std::string> result;
        Statement st = db->prepare(std::string("SELECT id FROM ") + table + " ORDER BY id LIMIT ?");
        st.bind(1, limit);
        while (st.step())
            result.push_back(st.text(0));
        return result;
    }

    // `n` offline changes, each its own transaction as a rep makes them: a quarter new
    // accounts, a quarter new key persons, the rest updates of accounts and of those persons.
    void edit(int n, int rep)
    {
        auto accounts = ids("account", n);
        std::vector<std::string> persons;
        const std::string tag = "rep " + std::to_string(rep) + " change ";
        for (int i = 0; i < n; ++i) {
            Transaction tx(*db);
            Result<void> done;
            const int kind = i % 4;
            if (kind == 0 || accounts.empty()) {
                auto id = archive->createAccount(tx, {{"name", tag + std::to_string(i)},
                                                      {"tier", std::string("B")},
                                                      {"stage", std::string("growth")}});
                if (id)
                    accounts.push_back(*id);
                else
                    done = id.error();
            } else if (kind == 1) {
                auto id = archive->createKeyPerson(
                    tx, accounts[static_cast<std::size_t>(i) % accounts.size()],
                    {{"name", tag + std::to_string(i)}, {"role", std::string("other")}});
                if (id)
                    persons.push_back(*id);
                else
                    done = id.error();
            } else if (kind == 3 && !persons.empty()) {
                done = archive->updateKeyPerson(tx, persons.back(), {{"notes", tag + std::to_string(i)}});
            } else {
                done = archive->updateAccount(tx, accounts[static_cast<std::size_t>(i) % accounts.size()],
                                              {{"notes", tag + std::to_string(i)}});
            }
            if (!done)
                throw std::runtime_error("offline change " + std::to_string(i) + ": " + done.error().message);
            tx.commit();
        }
    }

    CountingTransport transport;
    sync::Backoff backoff;
};

// One device's whole run. Every device arrives at both barriers whatever happens to it, so
// one failure cannot hang the others; a failed device skips the rest of its work.
void runDevice(int rep, const Config& cfg, const QUrl& url, const std::filesystem::path& dir,
               const Clock& clock, PhaseBarrier& initialStart, PhaseBarrier& endOfDayStart,
               DeviceResult& result)
{
    std::unique_ptr<Device> d;
    auto step = [&](const char* what, auto&& fn) {
        if (!result.error.empty()) return;
        try {
            fn();
        } catch (const std::exception& e) {
            result.error = std::string(what) + ": " + e.what();
        }
    };
    step("open", [&] {
        d = std::make_unique<Device>((dir / ("device" + std::to_string(rep) + ".db")).string(), url, clock,
                                     result.wire);
    });
    step("sign-in", [&] {
        // Sign-in is not what is measured, but 200 argon2id checks at once may still see a
        // 429, so it is retried the same bounded way.
        const auto start = SteadyClock::now();
        std::string last;
        for (int attempt = 1; attempt <= cfg.attempts; ++attempt) {
            auto r =
                d->engine->signIn(login(rep).toStdString(), kPassword, "bench device " + std::to_string(rep));
            if (r) {
                result.signInMs = msSince(start);
                return;
            }
            last = r.error().message;
            if (r.error().code == ErrorCode::Conflict) break;  // bad credentials: a retry cannot help
            std::this_thread::sleep_for(std::chrono::milliseconds(d->backoff.next()));
        }
        throw std::runtime_error(last);
    });
    if (d) d->backoff.reset();  // sign-in failures must not lengthen the first sync's waits

    initialStart.arrive_and_wait();
    step("initial sync", [&] {
        std::string error;
        result.initial = d->sync(cfg.attempts, error);
        if (!result.initial.ok) throw std::runtime_error(error);
    });
    step("offline changes", [&] { d->edit(cfg.changes, rep); });

    endOfDayStart.arrive_and_wait();
    step("end-of-day sync", [&] {
        std::string error;
        result.endOfDay = d->sync(cfg.attempts, error);
        if (!result.endOfDay.ok) throw std::runtime_error(error);
        result.outboxLeft = d->store->outboxCount();
        check(result.outboxLeft == 0, "outbox not empty after sync: " + std::to_string(result.outboxLeft));
    });
    d.reset();  // the network manager goes with the thread that made it
}

// A phase's figures over the devices that completed it. Its wall time runs from the first
// device's start to the last device's end (the barrier releases them within microseconds),
// and records/s is what the server moved in that time.
QJsonObject phaseJson(const std::vector<DeviceResult>& results, SyncOutcome DeviceResult::*phase)
{
    std::vector<double> ms;
    std::int64_t pushed = 0, pulled = 0;
    int retried = 0;
    std::optional<SteadyClock::time_point> first, last;
    for (const DeviceResult& r : results) {
        const SyncOutcome& o = r.*phase;
        if (!o.ok) continue;
        first = first ? std::min(*first, o.start) : o.start;
        last = last ? std::max(*last, o.end) : o.end;
        ms.push_back(o.ms);
        pushed += o.pushed;
        pulled += o.pulled;
        retried += o.attempts > 1 ? 1 : 0;
    }
    const double records = static_cast<double>(pushed + pulled);
    const double wallMs = first ? std::chrono::duration<double, std::milli>(*last - *first).count() : 0;
    return {{"completed", static_cast<int>(ms.size())},
            {"p50_ms", percentile(ms, 50)},
            {"p95_ms", percentile(ms, 95)},
            {"p99_ms", percentile(ms, 99)},
            {"max_ms", percentile(ms, 100)},
            {"wall_ms", wallMs},
            {"records_pushed", static_cast<double>(pushed)},
            {"records_pulled", static_cast<double>(pulled)},
            {"records_per_s", wallMs > 0 ? records / (wallMs / 1000.0) : 0},
            {"devices_retried", retried}};
}

// One backend: set up the team, start the server, run every device, collect the figures.
QJsonObject runBackend(const char* backend, const QStringList& dbArgs, const Config& cfg, const TempDir& tmp,
                       int& failedDevices)
{
    const std::filesystem::path dir = tmp.path() / backend;
    std::filesystem::create_directories(dir / "devices");
    std::cerr << "fb_server_bench: " << backend << ": creating " << cfg.devices << " reps with "
              << cfg.accountsPerRep << " accounts each through the admin CLI\n";
    const auto setupStart = SteadyClock::now();
    createTeam(dbArgs, cfg, dir);
    const double setupMs = msSince(setupStart);

    Server server(cfg.serverBinary, dbArgs + cfg.serverArgs, dir);
    std::cerr << "fb_server_bench: " << backend << ": server on " << server.url().toString().toStdString()
              << ", " << cfg.devices << " devices\n";

    SystemClock clock;
    std::vector<DeviceResult> results(static_cast<std::size_t>(cfg.devices));
    // CPU used by the server and by this process (the devices) at each phase's start and at
    // the end: [0] after the sign-ins, [1] after the first syncs and offline edits, [2] at the end.
    std::array<double, 3> serverCpu{}, devicesCpu{};
    const qint64 serverPid = server.processId();
    const auto mark = [&](std::size_t at) {
        serverCpu[at] = cpuMs(serverPid);
        devicesCpu[at] = cpuMs(getpid());
    };
    PhaseBarrier initialBarrier(cfg.devices, PhaseMark{[&] { mark(0); }});
    PhaseBarrier endOfDayBarrier(cfg.devices, PhaseMark{[&] { mark(1); }});
    std::vector<std::thread> threads;
    threads.reserve(results.size());
    for (int i = 0; i < cfg.devices; ++i)
        threads.emplace_back(runDevice, i + 1, std::cref(cfg), server.url(), dir / "devices",
                             std::cref(clock), std::ref(initialBarrier), std::ref(endOfDayBarrier),
                             std::ref(results[static_cast<std::size_t>(i)]));

    for (std::thread& t : threads)
        t.join();
    mark(2);

    WireCounts wire;
    std::vector<double> signIn;
    QJsonArray failures;
    int failed = 0;
    for (std::size_t i = 0; i < results.size(); ++i) {
        const DeviceResult& r = results[i];
        wire.requests += r.wire.requests;
        wire.http429 += r.wire.http429;
        wire.http5xx += r.wire.http5xx;
        wire.network += r.wire.network;
        if (r.signInMs > 0) signIn.push_back(r.signInMs);
        if (!r.error.empty()) {
            ++failed;
            if (failures.size() < 10)
                failures.append(
                    QString::fromStdString(login(static_cast<int>(i) + 1).toStdString() + ": " + r.error));
        }
    }
    failedDevices += failed;
    if (failed > 0)
        std::cerr << "fb_server_bench: " << backend << ": " << failed << " device(s) failed\n"
                  << server.errTail() << "\n";

    return {{"backend", backend},
            {"devices", cfg.devices},
            {"accounts_per_rep", cfg.accountsPerRep},
            {"changes_per_device", cfg.changes},
            {"setup_ms", setupMs},
            {"sign_in", QJsonObject{{"p50_ms", percentile(signIn, 50)}, {"max_ms", percentile(signIn, 100)}}},
            {"initial_sync", phaseJson(results, &DeviceResult::initial)},
            {"end_of_day_sync", phaseJson(results, &DeviceResult::endOfDay)},
            {"requests", wire.requests},
            {"http_429", wire.http429},
            {"http_5xx", wire.http5xx},
            {"network_errors", wire.network},
            {"server_logged_429", server.loggedStatus(429)},
            {"server_logged_500", server.loggedStatus(500)},
            {"server_handler_ms", server.handlerTimes()},
            {"errors", failed},
            {"failures", failures},
            {"server_running_at_end", server.running()},
            {"server_peak_rss_kb", static_cast<double>(server.peakRssKb())},
            // CPU seconds per phase: less noisy than wall times on a shared 2-core machine
            // (the initial phase's devices figure includes their offline edits).
            {"server_cpu_ms", QJsonObject{{"initial_sync", serverCpu[1] - serverCpu[0]},
                                          {"end_of_day_sync", serverCpu[2] - serverCpu[1]}}},
            {"devices_cpu_ms", QJsonObject{{"initial_sync_and_edits", devicesCpu[1] - devicesCpu[0]},
                                           {"end_of_day_sync", devicesCpu[2] - devicesCpu[1]}}}};
}

}  // namespace

int main(int argc, char** argv)
{
    fb::configureSqlite();  // as the app and the server do
    QCoreApplication app(argc, argv);
    Config cfg;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString& a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == "--sqlite-only")
            cfg.sqliteOnly = true;
        else if (a == "--postgresql-only")
            cfg.postgresOnly = true;
        else if (a == "--devices" && hasValue)
            cfg.devices = args[++i].toInt();
        else if (a == "--accounts-per-rep" && hasValue)
            cfg.accountsPerRep = args[++i].toInt();
        else if (a == "--changes" && hasValue)
            cfg.changes = args[++i].toInt();
        else if (a == "--attempts" && hasValue)
            cfg.attempts = args[++i].toInt();
        else if (a == "--out" && hasValue)
            cfg.out = args[++i];
        else if (a == "--server-arg" && hasValue)
            cfg.serverArgs << args[++i];
        else if (a == "--server" && hasValue)
            cfg.serverBinary = args[++i];
        else {
            std::cerr
                << "usage: fb_server_bench [--devices N] [--accounts-per-rep M] [--changes K] [--attempts A]"
                   " [--sqlite-only | --postgresql-only] [--out FILE] [--server PATH] [--server-arg "
                   "ARG]...\n";
            return 2;
        }
    }
    if (cfg.devices < 1 || cfg.devices > 999 || cfg.accountsPerRep < 0 || cfg.changes < 0 ||
        cfg.attempts < 1) {
        std::cerr << "fb_server_bench: --devices 1..999, --accounts-per-rep >= 0, --changes >= 0, --attempts "
                     ">= 1\n";
        return 2;
    }

    int failedDevices = 0;
    QJsonArray backends;
    try {
        TempDir tmp;
        if (!cfg.postgresOnly)
            backends.append(runBackend(
                "sqlite", {"--data", QString::fromStdString((tmp.path() / "sqlite-data").string())}, cfg, tmp,
                failedDevices));
        if (!cfg.sqliteOnly) {
            Postgres pg(tmp.path() / "postgres");
            backends.append(runBackend("postgresql", {"--database", pg.url()}, cfg, tmp, failedDevices));
        }
        // TempDir's destructor removes the postgres-owned cluster too (we are root).
    } catch (const std::exception& e) {
        std::cerr << "fb_server_bench: FAILED: " << e.what() << "\n";
        return 1;
    }

    const QJsonObject result{
        {"build", FB_BUILD_TYPE},
        {"machine",
         QJsonObject{{"cpu", cpuModel()}, {"cores", static_cast<int>(std::thread::hardware_concurrency())}}},
        {"server", cfg.serverBinary},
        {"backends", backends}};
    const QByteArray json = QJsonDocument(result).toJson(QJsonDocument::Indented);
    std::cout << json.constData();
    if (!cfg.out.isEmpty()) {
        std::ofstream file(cfg.out.toStdString());
        file << json.constData();
    }
    if (failedDevices > 0) {
        std::cerr << "fb_server_bench: FAILED: " << failedDevices
                  << " device(s) did not complete their syncs\n";
        return 1;
    }
    return 0;
}
