// fb_bench: how the archive performs on a device-sized database. Builds a fresh database of
// demo accounts, then times the things a rep waits for — opening the app to the account
// list, typing in the search box, saving edits — and prints one JSON object with the
// figures, the machine and the peak memory after each phase.
//
// It also checks its own results (every benchmark query finds something, every update
// reaches the outbox) and exits 1 when a check fails, so the ctest smoke run catches a
// broken search as well as a broken benchmark. Usage errors exit 2.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sqlite3.h>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "bench_report.h"
#include "fieldbook/core/archive.h"
#include "fieldbook/core/clock.h"
#include "fieldbook/core/database.h"
#include "fieldbook/core/device.h"
#include "fieldbook/core/gifts.h"
#include "fieldbook/core/hlc.h"
#include "fieldbook/core/id.h"
#include "fieldbook/core/migrations.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/search.h"
#include "fieldbook/core/store.h"
#include "fieldbook/core/visits.h"
#include "fieldbook/demo/generator.h"
#include "visit_answers.h"

#ifndef FB_BUILD_TYPE
#define FB_BUILD_TYPE "unknown"
#endif

namespace {

using namespace fb::bench;

struct Options {
    int accounts = 20'000;
    int searchRuns = 5;
    std::string out;
};

bool parseArgs(int argc, char** argv, Options& options)
{
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if ((arg == "--accounts" || arg == "--runs") && hasValue) {
            const std::string value = argv[++i];
            int n = 0;
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec != std::errc{} || end != value.data() + value.size()) {
                std::cerr << "fb_bench: " << arg << " must be a whole number, got '" << value << "'\n";
                return false;
            }
            (arg == "--accounts" ? options.accounts : options.searchRuns) = n;
        } else if (arg == "--out" && hasValue) {
            options.out = argv[++i];
        } else {
            std::cerr << "usage: fb_bench [--accounts N (" << fb::demo::showcaseAccountCount()
                      << " to 100000, default 20000)] [--runs R (search repetitions, default 5)] "
                         "[--out FILE]\n";
            return false;
        }
    }
    if (options.accounts < fb::demo::showcaseAccountCount() || options.accounts > 100'000 ||
        options.searchRuns < 1) {
        std::cerr << "fb_bench: --accounts must be between " << fb::demo::showcaseAccountCount()
                  << " and 100000, --runs at least 1\n";
        return false;
    }
    return true;
}

// The database the benchmark writes, removed with its WAL files when done.
struct TempDatabase {
    std::string path;
    TempDatabase()
    {
        path = (std::filesystem::temp_directory_path() /
                ("fieldbook-bench-" + std::to_string(::getpid()) + ".db"))
                   .string();
        remove();
    }
    ~TempDatabase() { remove(); }
    TempDatabase(const TempDatabase&) = delete;
    TempDatabase& operator=(const TempDatabase&) = delete;
    void remove() const
    {
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path + suffix, ec);
    }
};

}  // namespace

int main(int argc, char** argv)
{
    Options options;
    if (!parseArgs(argc, argv, options)) return 2;

    std::vector<std::string> failures;
    JsonObject report;
    JsonObject machine;
    machine.text("cpu", cpuModel())
        .integer("cores", std::thread::hardware_concurrency())
        .text("build_type", FB_BUILD_TYPE)
        .text("sqlite", sqlite3_libversion());
    report.add("machine", machine.str(2));

    TempDatabase temp;
    fb::SystemClock clock;
    fb::demo::DemoStats stats;

    try {
        // --- insert: the demo archive through the Archive, as if typed in -------------
        double insertMs = 0;
        long long records = 0;
        {
            auto db = fb::openDeviceDatabase(temp.path);
            if (!db) throw std::runtime_error(db.error().message);
            fb::DeviceContext device(**db, clock);
            fb::Store store(**db, device);
            fb::installSearchIndex(store);
            fb::Archive archive(store);
            fb::demo::DemoOptions demoOptions;
            demoOptions.accounts = options.accounts;
            const auto start = Clock::now();
            auto generated = fb::demo::generateDemo(archive, **db, demoOptions);
            insertMs = msSince(start);
            if (!generated) throw std::runtime_error(generated.error().message);
            stats = std::move(generated.value());
            records = count(**db, "account") + count(**db, "key_person") + count(**db, "role_change") +
                      count(**db, "referral");

            JsonObject sizes;
            sizes.integer("accounts", count(**db, "account"))
                .integer("key_persons", count(**db, "key_person"))
                .integer("role_changes", count(**db, "role_change"))
                .integer("personnel_changes", stats.roleChanges)
                .integer("referrals", count(**db, "referral"))
                .integer("max_referral_depth", stats.maxReferralDepth)
                .integer("outbox_entries", count(**db, "outbox"))
                .integer("search_entries", count(**db, "search_entry"));
            report.add("sizes", sizes.str(2));
            if (count(**db, "account") != options.accounts)
                failures.push_back("account count differs from --accounts");
        }
        // Sizes after the writer connection closed, so the WAL has been checkpointed.
        JsonObject files;
        files.integer("db_bytes", fileSize(temp.path)).integer("wal_bytes", fileSize(temp.path + "-wal"));
        report.add("files", files.str(2));

        JsonObject insert;
        insert.real("ms", insertMs, 1)
            .integer("records", records)
            .real("records_per_s", static_cast<double>(records) * 1000.0 / insertMs, 0)
            .real("accounts_per_s", options.accounts * 1000.0 / insertMs, 0)
            .integer("accounts_per_transaction", fb::demo::DemoOptions{}.accountsPerTransaction)
            .add("memory", memory());
        report.add("insert", insert.str(2));

        // --- open + first page of the account list ------------------------------------
        const auto openStart = Clock::now();
        auto db = fb::openDeviceDatabase(temp.path);
        if (!db) throw std::runtime_error(db.error().message);
        fb::AccountQuery query(**db);
        const fb::AccountPage first = query.page({}, 0, 50);
        const double openMs = msSince(openStart);
        if (first.hits.size() != 50 && static_cast<int>(first.hits.size()) != options.accounts)
            failures.push_back("first page of the account list has " + std::to_string(first.hits.size()) +
                               " rows");
        if (first.total != options.accounts)
            failures.push_back("account list total is " + std::to_string(first.total));
        // The second page is what scrolling costs once the statements are prepared.
        const auto pageStart = Clock::now();
        const fb::AccountPage second = query.page({}, 50, 50);
        const double secondPageMs = msSince(pageStart);
        JsonObject open;
        open.real("open_and_first_page_ms", openMs, 2)
            .real("next_page_ms", secondPageMs, 2)
            .integer("first_page_rows", static_cast<long long>(first.hits.size()))
            .add("memory", memory());
        report.add("account_list", open.str(2));
        (void)second;

        // --- search --------------------------------------------------------------------
        const auto queries = fb::demo::demoSearchQueries();
        std::vector<double> all;
        std::vector<std::pair<std::string, std::vector<double>>> byKind;
        std::string slowest;
        double slowestMs = 0;
        std::vector<std::string> perQuery;
        for (const auto& q : queries) {
            fb::AccountFilter filter;
            filter.text = q.text;
            int total = -1;
            double best = 1e300;
            for (int run = 0; run < options.searchRuns; ++run) {
                const auto start = Clock::now();
                const fb::AccountPage page = query.page(filter, 0, 50);
                const double ms = msSince(start);
                total = page.total;
                all.push_back(ms);
                best = std::min(best, ms);
                auto it = std::find_if(byKind.begin(), byKind.end(),
                                       [&](const auto& k) { return k.first == q.kind; });
                if (it == byKind.end()) it = byKind.insert(byKind.end(), {q.kind, {}});
                it->second.push_back(ms);
                if (ms > slowestMs) {
                    slowestMs = ms;
                    slowest = q.text;
                }
            }
            if (total < 1) failures.push_back("search '" + q.text + "' (" + q.kind + ") found nothing");
            perQuery.push_back("{\"q\": " + jsonString(q.text) + ", \"kind\": " + jsonString(q.kind) +
                               ", \"hits\": " + std::to_string(total) + ", \"best_ms\": " + number(best, 3) +
                               "}");
        }
        const Percentiles overall = percentiles(all);
        JsonObject search;
        search.integer("queries", static_cast<long long>(queries.size()))
            .integer("runs_each", options.searchRuns)
            .real("p50_ms", overall.p50, 3)
            .real("p99_ms", overall.p99, 3)
            .real("max_ms", overall.max, 3)
            .real("mean_ms", overall.mean, 3)
            .text("slowest_query", slowest);
        JsonObject kinds;
        for (const auto& [kind, samples] : byKind) {
            const Percentiles p = percentiles(samples);
            JsonObject k;
            k.real("p50_ms", p.p50, 3).real("max_ms", p.max, 3);
            kinds.add(kind, k.str(6));
        }
        search.add("by_kind", kinds.str(4));
        std::string list = "[";
        for (std::size_t i = 0; i < perQuery.size(); ++i)
            list += (i ? ",\n      " : "\n      ") + perQuery[i];
        search.add("per_query", list + "\n    ]");
        search.add("memory", memory());
        report.add("search", search.str(2));

        // --- updates: 2,000 accounts edited, 100 per transaction ------------------------
        {
            fb::DeviceContext device(**db, clock);
            fb::Store store(**db, device);
            fb::installSearchIndex(store);
            fb::Archive archive(store);
            const int updates = std::min(2'000, options.accounts);
            const int perTransaction = 100;
            const long long outboxBefore = store.outboxCount();
            const std::size_t stride = stats.accountIds.size() / static_cast<std::size_t>(updates);
            const auto start = Clock::now();
            for (int done = 0; done < updates;) {
                fb::Transaction tx(**db);
                for (int i = 0; i < perTransaction && done < updates; ++i, ++done) {
                    const std::string& id = stats.accountIds[static_cast<std::size_t>(done) * stride];
                    auto r =
                        archive.updateAccount(tx, id,
                                              {{"notes", std::string("回访后更新 #") + std::to_string(done)},
                                               {"address", std::string("浙江省杭州市西湖区文三路") +
                                                               std::to_string(done + 1) + "号"}});
                    if (!r) throw std::runtime_error("update failed: " + r.error().message);
                }
                tx.commit();
            }
            const double updateMs = msSince(start);
            const long long written = store.outboxCount() - outboxBefore;
            if (written != updates)
                failures.push_back("updates made " + std::to_string(written) + " outbox entries, expected " +
                                   std::to_string(updates));
            JsonObject update;
            update.integer("accounts", updates)
                .integer("per_transaction", perTransaction)
                .real("ms", updateMs, 1)
                .real("updates_per_s", updates * 1000.0 / updateMs, 0)
                .add("memory", memory());
            report.add("update", update.str(2));
        }
        // --- a whole visit: check-in to check-out, 5 gift lines and a storefront photo -------
        // Each step in its own transaction, as the app writes them; the photo's JPEG encoding
        // is the app's (on a phone, a platform encoder) and not measured here.
        {
            fb::DeviceContext device(**db, clock);
            fb::Store store(**db, device);
            fb::installSearchIndex(store);
            fb::Archive archive(store);
            fb::Replica replica(store);
            const std::string rep = "0190a000-0000-7000-8000-00000000be01";
            if (auto gifts = fb::demo::pullDemoGifts(store, **db, rep); !gifts)
                throw std::runtime_error(gifts.error().message);
            std::vector<std::string> items;
            {
                fb::Statement st = (*db)->prepare(
                    "SELECT id FROM gift_item WHERE code IN ('G004', 'S001', 'S002', 'M001', 'M002')");
                while (st.step())
                    items.push_back(st.text(0));
            }
            {
                // Enough of each for every visit, as the warehouse would hand out.
                fb::Transaction tx(**db);
                fb::IdGenerator ids(clock);
                const std::string stamp =
                    fb::HlcStamp{clock.nowMs() - 1000, 0, "00000000-0000-7000-8000-000000000000"}.toString();
                for (const std::string& item : items) {
                    fb::RecordState state;
                    state.fields = {{"owner_id", rep},
                                    {"item_id", item},
                                    {"kind", std::string("receipt")},
                                    {"quantity", std::int64_t{1000}},
                                    {"moved_at", clock.nowMs() - 1000}};
                    for (const auto& [name, value] : state.fields)
                        state.clocks.emplace(name, stamp);
                    if (!replica.applyRemote(tx, "stock_movement", ids.next(), state))
                        throw std::runtime_error("stock receipt failed");
                }
                tx.commit();
            }
            std::string jpeg = "\xFF\xD8\xFF\xE0";
            jpeg += std::string(200 * 1024, 'x');
            jpeg += "\xFF\xD9";
            fb::Visits visits(store);
            const int runs = 30;
            std::vector<double> times;
            auto step = [&](const std::function<fb::Result<void>(fb::Transaction&)>& write) {
                fb::Transaction tx(**db);
                if (auto r = write(tx); !r)
                    throw std::runtime_error("visit step failed: " + r.error().message);
                tx.commit();
            };
            const auto outboxBefore = store.outboxCount();
            for (int v = 0; v < runs; ++v) {
                const std::string& account =
                    stats.accountIds[(static_cast<std::size_t>(v) * 7) % stats.accountIds.size()];
                std::string person;
                {
                    fb::Statement st =
                        (*db)->prepare("SELECT id FROM key_person WHERE account_id = ? LIMIT 1");
                    st.bind(1, account);
                    if (st.step()) person = st.text(0);
                }
                const auto start = Clock::now();
                std::string visitId;
                step([&](fb::Transaction& tx) -> fb::Result<void> {
                    auto id = visits.start(
                        tx, rep,
                        {account, "return_visit", "", std::string("30.259300,120.145200,12"), clock.nowMs()});
                    if (!id) return id.error();
                    visitId = *id;
                    return {};
                });
                step(
                    [&](fb::Transaction& tx) { return visits.markBriefingRead(tx, visitId, clock.nowMs()); });
                for (const char* code : {"purpose_stated", "samples", "business_cards"})
                    step([&](fb::Transaction& tx) { return visits.tick(tx, visitId, code, true); });
                for (const auto& [field, text] : fb::bench::kReturnVisitAnswers)
                    step([&](fb::Transaction& tx) {
                        return visits.draft(tx, visitId, field, fb::Value{std::string(text)});
                    });
                step([&](fb::Transaction& tx) -> fb::Result<void> {
                    if (auto c = visits.commitDrafts(tx, visitId); !c) return c;
                    return visits.setStep(tx, fb::VisitStep::Gifts);
                });
                step([&](fb::Transaction& tx) -> fb::Result<void> {
                    fb::GiftIssue issue{rep, account, person, visitId, "", {}, clock.nowMs()};
                    for (const std::string& item : items)
                        issue.lines.push_back({item, 1});
                    auto given = fb::issueGifts(tx, store, issue);
                    if (!given) return given.error();
                    return {};
                });
                step([&](fb::Transaction& tx) -> fb::Result<void> {
                    auto photo = archive.addPhoto(tx, account, "storefront", jpeg, clock.nowMs());
                    if (!photo) return photo.error();
                    return {};
                });
                step([&](fb::Transaction& tx) {
                    return visits.finish(tx, visitId,
                                         {"strong", "", std::nullopt, clock.nowMs(), fb::localToday(clock)});
                });
                times.push_back(msSince(start));
            }
            std::sort(times.begin(), times.end());
            const double median = times[times.size() / 2];
            const double p95 = times[static_cast<std::size_t>(static_cast<double>(times.size()) * 0.95)];
            // The target (issue 10): under 20 ms, judged on a Release build only (a debug build is
            // several times slower and only checks that the visit goes through).
            constexpr double kTargetMs = 20.0;
            if (std::string_view(FB_BUILD_TYPE) == "Release" && median > kTargetMs)
                failures.push_back("a whole visit takes " + std::to_string(median) +
                                   " ms (median), target < 20 ms");
            JsonObject visit;
            visit.integer("visits", runs)
                .integer("gift_lines_per_visit", static_cast<long long>(items.size()))
                .integer("photo_bytes", static_cast<long long>(jpeg.size()))
                .real("target_ms", kTargetMs, 0)
                .real("median_ms", median, 2)
                .real("p95_ms", p95, 2)
                .real("max_ms", times.back(), 2)
                .integer("outbox_entries_per_visit", (store.outboxCount() - outboxBefore) / runs)
                .add("memory", memory());
            report.add("visit", visit.str(2));
        }
    } catch (const std::exception& e) {
        failures.push_back(std::string("exception: ") + e.what());
    }

    std::string failureList = "[";
    for (std::size_t i = 0; i < failures.size(); ++i)
        failureList += (i ? ", " : "") + jsonString(failures[i]);
    report.add("ok", failures.empty() ? "true" : "false").add("failures", failureList + "]");
    const std::string json = report.str() + "\n";
    std::cout << json;
    if (!options.out.empty()) {
        std::ofstream file(options.out);
        file << json;
        if (!file) {
            std::cerr << "fb_bench: cannot write " << options.out << '\n';
            return 1;
        }
    }
    for (const std::string& f : failures)
        std::cerr << "fb_bench: FAILED: " << f << '\n';
    return failures.empty() ? 0 : 1;
}
