// What the benchmarks report with: a JSON object built member by member, the machine's CPU,
// peak memory (RSS), nearest-rank percentiles, and small database helpers. Shared by fb_bench
// and fb_today_bench.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <sys/resource.h>
#include <utility>
#include <vector>

#include "fieldbook/core/database.h"
#include "fieldbook/core/store.h"

namespace fb::bench {

using Clock = std::chrono::steady_clock;

inline double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

using fb::jsonString;

inline std::string number(double x, int decimals = 2)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
    return buf;
}

// A JSON object built member by member, keeping insertion order for a readable report.
class JsonObject {
public:
    JsonObject& add(std::string_view key, const std::string& rawJson)
    {
        members_.emplace_back(std::string(key), rawJson);
        return *this;
    }
    JsonObject& text(std::string_view key, std::string_view value) { return add(key, jsonString(value)); }
    JsonObject& integer(std::string_view key, long long value) { return add(key, std::to_string(value)); }
    JsonObject& real(std::string_view key, double value, int decimals = 2)
    {
        return add(key, number(value, decimals));
    }
    std::string str(int indent = 0) const
    {
        const std::string pad(static_cast<std::size_t>(indent) + 2, ' ');
        std::string out = "{";
        for (std::size_t i = 0; i < members_.size(); ++i) {
            out += (i ? ",\n" : "\n") + pad + jsonString(members_[i].first) + ": " + members_[i].second;
        }
        return out + "\n" + std::string(static_cast<std::size_t>(indent), ' ') + "}";
    }

private:
    std::vector<std::pair<std::string, std::string>> members_;
};

inline std::string cpuModel()
{
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        // x86 says "model name", many ARM kernels "Hardware" or "Model".
        for (const char* key : {"model name", "Hardware", "Model"}) {
            if (line.rfind(key, 0) == 0) {
                const auto colon = line.find(':');
                if (colon != std::string::npos) {
                    std::string value = line.substr(colon + 1);
                    value.erase(0, value.find_first_not_of(" \t"));
                    return value;
                }
            }
        }
    }
    return "unknown";
}

// Peak memory so far: getrusage's ru_maxrss and the kernel's VmHWM, plus the current VmRSS.
inline std::string memory()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    long long hwm = -1;
    long long rss = -1;
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmHWM:", 0) == 0) hwm = std::atoll(line.c_str() + 6);
        if (line.rfind("VmRSS:", 0) == 0) rss = std::atoll(line.c_str() + 6);
    }
    JsonObject o;
    o.integer("ru_maxrss_kb", usage.ru_maxrss).integer("vm_hwm_kb", hwm).integer("vm_rss_kb", rss);
    return o.str(4);
}

inline long long count(fb::Database& db, const std::string& table)
{
    fb::Statement st = db.prepare("SELECT count(*) FROM " + table);
    st.step();
    return st.int64(0);
}

inline long long fileSize(const std::string& path)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    return ec ? 0 : static_cast<long long>(size);
}

struct Percentiles {
    double min = 0, p50 = 0, p99 = 0, max = 0, mean = 0;  // min: the cost without the machine's noise
};

inline Percentiles percentiles(std::vector<double> samples)
{
    Percentiles p;
    if (samples.empty()) return p;
    std::sort(samples.begin(), samples.end());
    // Nearest-rank percentiles: an observed value, never an interpolation.
    const auto rank = [&](double q) {
        const auto n = samples.size();
        auto i = static_cast<std::size_t>(q * static_cast<double>(n) + 0.999999);
        return samples[std::min(n, std::max<std::size_t>(i, 1)) - 1];
    };
    p.min = samples.front();
    p.p50 = rank(0.50);
    p.p99 = rank(0.99);
    p.max = samples.back();
    double sum = 0;
    for (double s : samples)
        sum += s;
    p.mean = sum / static_cast<double>(samples.size());
    return p;
}

}  // namespace fb::bench
