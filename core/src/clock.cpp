// The system clock, and civil-date helpers shared by validation and the UI.
#include "fieldbook/core/clock.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace fb {

std::int64_t SystemClock::nowMs() const
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int SystemClock::utcOffsetMinutes(std::int64_t atMs) const
{
    const std::time_t t = static_cast<std::time_t>(atMs / 1000);
    std::tm local{};
    localtime_r(&t, &local);
    return static_cast<int>(local.tm_gmtoff / 60);
}

// Howard Hinnant's days-from-civil algorithm (public domain), proleptic Gregorian.
std::int64_t daysFromCivil(int year, unsigned month, unsigned day)
{
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto yoe = static_cast<unsigned>(year - era * 400);
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::string formatCivilDate(std::int64_t z)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
    return buf;
}

std::string localToday(const Clock& clock)
{
    const std::int64_t ms = clock.nowMs();
    const std::int64_t localMs = ms + static_cast<std::int64_t>(clock.utcOffsetMinutes(ms)) * 60'000;
    std::int64_t days = localMs / 86'400'000;
    if (localMs < 0 && localMs % 86'400'000 != 0) --days;
    return formatCivilDate(days);
}

}  // namespace fb
