// fb_today_bench: how fast Today is on a device holding a big book (issue 11 §5). Builds a
// database of demo accounts, files `--book` of them under the rep and the rest under a
// colleague (as a manager's or a shared device holds them), gives both months of history
// (visits, purchases, callbacks and mailings, some accounts fallen behind their rhythm, open
// follow-ups), then times:
//   full         the whole list computed (a new day, a policy change): wall clock, this
//                thread's CPU time, the hypervisor's steal meanwhile, and the same compute
//                with the scan for accounts not filed under anyone (start-up, a bulk pull)
//   incremental  the list after one contact is logged (one account recomputed)
// and prints one JSON object with the figures, the machine and peak memory. It checks its own
// results (a full compute covers the book, an incremental one recomputes one account, the
// list has items of every kind the data makes) and exits 1 when a check fails. Usage: 2.
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sqlite3.h>
#include <string>
#include <unistd.h>
#include <vector>

#include "bench_report.h"
#include "fieldbook/core/archive.h"
#include "fieldbook/core/cadence.h"
#include "fieldbook/core/clock.h"
#include "fieldbook/core/device.h"
#include "fieldbook/core/migrations.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/search.h"
#include "fieldbook/core/store.h"
#include "fieldbook/core/today.h"
#include "fieldbook/demo/generator.h"

#ifndef FB_BUILD_TYPE
#define FB_BUILD_TYPE "unknown"
#endif

using namespace fb::bench;

namespace {

struct Options {
    int accounts = 20'000;
    int book = 2'000;
    int runs = 20;
    std::string out;
};

bool parseArgs(int argc, char** argv, Options& o)
{
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool value = i + 1 < argc;
        if (arg == "--accounts" && value)
            o.accounts = std::atoi(argv[++i]);
        else if (arg == "--book" && value)
            o.book = std::atoi(argv[++i]);
        else if (arg == "--runs" && value)
            o.runs = std::atoi(argv[++i]);
        else if (arg == "--out" && value)
            o.out = argv[++i];
        else {
            std::cerr << "usage: fb_today_bench [--accounts N] [--book N] [--runs N] [--out FILE]\n";
            return false;
        }
    }
    if (o.accounts < 10 || o.book < 1 || o.book > o.accounts || o.runs < 1) {
        std::cerr << "fb_today_bench: need 10 <= accounts, 1 <= book <= accounts, runs >= 1\n";
        return false;
    }
    return true;
}

constexpr const char* kRep = "u-bench-rep";
constexpr const char* kColleague = "u-bench-colleague";
constexpr std::int64_t kDayMs = 86'400'000;

// The CPU time of this thread: what the compute costs, without the time the virtual machine
// gave to others (its steal time shows in the wall-clock figures).
double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// The share of the machine's time stolen by the hypervisor since `before` (/proc/stat).
struct CpuTimes {
    long long steal = 0, total = 0;
};
CpuTimes cpuTimes()
{
    CpuTimes out;
    std::ifstream stat("/proc/stat");
    std::string cpu;
    stat >> cpu;
    for (int i = 0; i < 10; ++i) {
        long long v = 0;
        if (!(stat >> v)) break;
        out.total += v;
        if (i == 7) out.steal = v;
    }
    return out;
}
double stealPercent(const CpuTimes& before)
{
    const CpuTimes now = cpuTimes();
    const long long total = now.total - before.total;
    return total > 0 ? 100.0 * static_cast<double>(now.steal - before.steal) / static_cast<double>(total) : 0;
}

// Months of history at account `i`: a visit every 3 weeks (every other one a purchase), a
// callback every 9 days and a mailing a month; one account in ten stopped two months ago.
void history(fb::Store& store, fb::Transaction& tx, const std::string& accountId, const std::string& rep,
             int i, std::int64_t now)
{
    const int stopped = i % 10 == 3 ? 60 : 0;
    for (int k = 0; k < 8; ++k) {
        const std::int64_t at =
            now - std::int64_t{stopped + 2 + 21 * k} * kDayMs - std::int64_t{3} * 3'600'000;
        fb::Fields visit{{"account_id", accountId},
                         {"rep_id", rep},
                         {"purpose", std::string("return_visit")},
                         {"status", std::string("finished")},
                         {"checkin_at", at - 3'600'000},
                         {"checkout_at", at}};
        if (k % 2 == 0) visit.emplace("sale_quantity", std::int64_t{10 + k});
        if (auto r = store.create(tx, "visit", visit); !r) throw std::runtime_error(r.error().message);
    }
    for (int k = 0; k < 12; ++k) {
        const std::int64_t at = now - std::int64_t{stopped + 1 + 9 * k} * kDayMs - 3'600'000;
        const char* kind = k % 3 == 2 ? "materials_mailing" : "phone_callback";
        if (auto r = store.create(
                tx, "contact_log",
                {{"account_id", accountId}, {"rep_id", rep}, {"kind", std::string(kind)}, {"at", at}});
            !r)
            throw std::runtime_error(r.error().message);
    }
    if (i % 8 == 0) {
        if (auto r = store.create(tx, "task",
                                  {{"owner_id", rep},
                                   {"account_id", accountId},
                                   {"kind", std::string("phone_callback")},
                                   {"due_on", fb::formatCivilDate(now / kDayMs - i % 3)},
                                   {"status", std::string("open")}});
            !r)
            throw std::runtime_error(r.error().message);
    }
}

}  // namespace

int main(int argc, char** argv)
{
    Options options;
    if (!parseArgs(argc, argv, options)) return 2;
    std::vector<std::string> failures;
    JsonObject report;
    JsonObject machine;
    machine.text("cpu", cpuModel())
        .integer("cores", static_cast<long long>(sysconf(_SC_NPROCESSORS_ONLN)))
        .text("build_type", FB_BUILD_TYPE)
        .text("sqlite", sqlite3_libversion());
    report.add("machine", machine.str(2));

    const auto dir = std::filesystem::temp_directory_path() / ("fb_today_bench_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "today.db").string();
    fb::SystemClock clock;

    try {
        auto db = fb::openDeviceDatabase(path);
        if (!db) throw std::runtime_error(db.error().message);
        fb::DeviceContext device(**db, clock);
        fb::Store store(**db, device);
        fb::installSearchIndex(store);
        auto dirty = std::make_shared<fb::TodayDirty>();
        store.addDerived(fb::makeTodayTracker(dirty));
        fb::Archive archive(store);
        fb::demo::DemoOptions demo;
        demo.accounts = options.accounts;
        const auto setupStart = std::chrono::steady_clock::now();
        auto stats = fb::demo::generateDemo(archive, **db, demo);
        if (!stats) throw std::runtime_error(stats.error().message);

        // The book and the colleague's accounts, each with its history: the rep's book, and as
        // many of the colleague's again (their events are in the same tables).
        const std::int64_t now = clock.nowMs();
        fb::Replica replica(store);
        for (int from = 0; from < options.accounts; from += 1000) {
            fb::Transaction tx(**db);
            for (int i = from; i < std::min(options.accounts, from + 1000); ++i) {
                const std::string& id = stats->accountIds[static_cast<std::size_t>(i)];
                const bool mine = i < options.book;
                replica.setAccountOwner(tx, id, mine ? kRep : kColleague);
                if (mine || i < 2 * options.book) history(store, tx, id, mine ? kRep : kColleague, i, now);
            }
            tx.commit();
        }
        const double setupMs = msSince(setupStart);
        JsonObject sizes;
        sizes.integer("accounts", count(**db, "account"))
            .integer("book", options.book)

            .integer("key_persons", count(**db, "key_person"))
            .integer("visits", count(**db, "visit"))
            .integer("contacts", count(**db, "contact_log"))
            .integer("tasks", count(**db, "task"))
            .integer("cadence_events", count(**db, "cadence_event"))
            .real("setup_ms", setupMs, 0);
        report.add("sizes", sizes.str(2));

        // The book Today covers: the rep's accounts not archived and not exited.
        long long inBook = 0;
        {
            fb::Statement st = (**db).prepare(
                "SELECT count(*) FROM account a JOIN sync_account_owner o ON o.account_id = a.id"
                " WHERE o.user_id = ? AND coalesce(a.archived, 0) = 0 AND coalesce(a.stage, '') <> 'exit'");
            st.bind(1, std::string(kRep));
            st.step();
            inBook = st.int64(0);
        }
        // --- full: the whole list (a new day, a policy change) -------------------------
        report.add("book_active", std::to_string(inBook));
        fb::TodayEngine engine(dirty);
        std::vector<double> full;
        std::vector<double> fullCpu;
        std::vector<double> first;  // with the scan for accounts not filed (start-up, bulk pull)
        fb::TodayList list;
        const CpuTimes before = cpuTimes();
        for (int run = 0; run < options.runs; ++run) {
            dirty->all(true);
            auto start = std::chrono::steady_clock::now();
            engine.refresh(**db, kRep, clock);
            first.push_back(msSince(start));
            dirty->all();
            start = std::chrono::steady_clock::now();
            const double cpuStart = threadCpuMs();
            list = engine.refresh(**db, kRep, clock);
            fullCpu.push_back(threadCpuMs() - cpuStart);
            full.push_back(msSince(start));
            if (static_cast<long long>(engine.lastRecomputed()) != inBook && run == 0)
                failures.push_back("a full compute recomputed " + std::to_string(engine.lastRecomputed()) +
                                   " accounts, not the book's " + std::to_string(inBook));
        }
        std::map<std::string, int> kinds;
        for (const fb::TodayItem& item : list.items)
            ++kinds[item.kind];
        for (const char* kind : {"task", "decline"})
            if (kinds[kind] == 0) failures.push_back(std::string("no ") + kind + " item on Today");
        if (list.accounts != inBook) failures.push_back("Today's book is " + std::to_string(list.accounts));
        const Percentiles f = percentiles(full);
        const Percentiles fc = percentiles(fullCpu);
        const Percentiles fs = percentiles(first);
        JsonObject fullJson;
        fullJson.real("min_ms", f.min)
            .real("p50_ms", f.p50)
            .real("p99_ms", f.p99)
            .real("max_ms", f.max)
            .real("cpu_p50_ms", fc.p50)
            .real("cpu_p99_ms", fc.p99)
            .real("cpu_min_ms", fc.min)
            .real("with_owner_scan_p50_ms", fs.p50)
            .real("steal_percent", stealPercent(before), 1)
            .integer("runs", options.runs);
        JsonObject items;
        for (const auto& [kind, n] : kinds)
            items.integer(kind, n);
        fullJson.add("items", items.str(4)).add("memory", memory());
        report.add("full", fullJson.str(2));

        // --- incremental: one contact logged, then the list ----------------------------
        std::vector<double> incremental;
        std::vector<double> writes;
        for (int run = 0; run < options.runs; ++run) {
            const std::string& id = stats->accountIds[static_cast<std::size_t>((run * 37) % options.book)];
            const auto writeStart = std::chrono::steady_clock::now();
            {
                fb::Transaction tx(**db);
                if (auto r = store.create(tx, "contact_log",
                                          {{"account_id", id},
                                           {"rep_id", std::string(kRep)},
                                           {"kind", std::string("phone_callback")},
                                           {"at", clock.nowMs()}});
                    !r)
                    throw std::runtime_error(r.error().message);
                tx.commit();
            }
            writes.push_back(msSince(writeStart));
            const auto start = std::chrono::steady_clock::now();
            list = engine.refresh(**db, kRep, clock);
            incremental.push_back(msSince(start));
            if (engine.lastRecomputed() != 1)
                failures.push_back("one write recomputed " + std::to_string(engine.lastRecomputed()) +
                                   " accounts");
        }
        const Percentiles inc = percentiles(incremental);
        const Percentiles w = percentiles(writes);
        JsonObject incJson;
        incJson.real("p50_ms", inc.p50, 3)
            .real("p99_ms", inc.p99, 3)
            .real("max_ms", inc.max, 3)
            .real("write_p50_ms", w.p50, 3)
            .integer("runs", options.runs)
            .add("memory", memory());
        report.add("incremental", incJson.str(2));
    } catch (const std::exception& e) {
        failures.push_back(std::string("error: ") + e.what());
    }
    std::filesystem::remove_all(dir);

    std::string failureList;
    for (std::size_t i = 0; i < failures.size(); ++i)
        failureList += (i ? ", " : "") + fb::jsonString(failures[i]);
    report.add("failures", "[" + failureList + "]");
    const std::string json = report.str() + "\n";
    std::cout << json;
    if (!options.out.empty()) std::ofstream(options.out) << json;
    return failures.empty() ? 0 : 1;
}
