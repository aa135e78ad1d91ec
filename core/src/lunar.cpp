// The Chinese lunisolar calendar from a table; see lunar.h.
#include "fieldbook/core/lunar.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <string_view>

namespace fb::lunar {

namespace {

// One word per lunar year 1900..2100: bits 0-3 the leap month (0: none); bits 4-15 the twelve
// ordinary months, month m in bit (16 - m), 1 = 30 days; bit 16 the leap month's length.
// Provenance and checks: lunar.h.
constexpr std::array<std::uint32_t, 201> kYears = {
    0x04bd8, 0x04ae0, 0x0a570, 0x054d5, 0x0d260, 0x0d950, 0x16554, 0x056a0, 0x09ad0, 0x055d2,  // 1900-1909
    0x04ae0, 0x0a5b6, 0x0a4d0, 0x0d250, 0x1d255, 0x0b540, 0x0d6a0, 0x0ada2, 0x095b0, 0x14977,  // 1910-1919
    0x04970, 0x0a4b0, 0x0b4b5, 0x06a50, 0x06d40, 0x1ab54, 0x02b60, 0x09570, 0x052f2, 0x04970,  // 1920-1929
    0x06566, 0x0d4a0, 0x0ea50, 0x16a95, 0x05ad0, 0x02b60, 0x186e3, 0x092e0, 0x1c8d7, 0x0c950,  // 1930-1939
    0x0d4a0, 0x1d8a6, 0x0b550, 0x056a0, 0x1a5b4, 0x025d0, 0x092d0, 0x0d2b2, 0x0a950, 0x0b557,  // 1940-1949
    0x06ca0, 0x0b550, 0x15355, 0x04da0, 0x0a5b0, 0x14573, 0x052b0, 0x0a9a8, 0x0e950, 0x06aa0,  // 1950-1959
    0x0aea6, 0x0ab50, 0x04b60, 0x0aae4, 0x0a570, 0x05260, 0x0f263, 0x0d950, 0x05b57, 0x056a0,  // 1960-1969
    0x096d0, 0x04dd5, 0x04ad0, 0x0a4d0, 0x0d4d4, 0x0d250, 0x0d558, 0x0b540, 0x0b6a0, 0x195a6,  // 1970-1979
    0x095b0, 0x049b0, 0x0a974, 0x0a4b0, 0x0b27a, 0x06a50, 0x06d40, 0x0af46, 0x0ab60, 0x09570,  // 1980-1989
    0x04af5, 0x04970, 0x064b0, 0x074a3, 0x0ea50, 0x06b58, 0x05ac0, 0x0ab60, 0x096d5, 0x092e0,  // 1990-1999
    0x0c960, 0x0d954, 0x0d4a0, 0x0da50, 0x07552, 0x056a0, 0x0abb7, 0x025d0, 0x092d0, 0x0cab5,  // 2000-2009
    0x0a950, 0x0b4a0, 0x0baa4, 0x0ad50, 0x055d9, 0x04ba0, 0x0a5b0, 0x15176, 0x052b0, 0x0a930,  // 2010-2019
    0x07954, 0x06aa0, 0x0ad50, 0x05b52, 0x04b60, 0x0a6e6, 0x0a4e0, 0x0d260, 0x0ea65, 0x0d530,  // 2020-2029
    0x05aa0, 0x076a3, 0x096d0, 0x04afb, 0x04ad0, 0x0a4d0, 0x1d0b6, 0x0d250, 0x0d520, 0x0dd45,  // 2030-2039
    0x0b5a0, 0x056d0, 0x055b2, 0x049b0, 0x0a577, 0x0a4b0, 0x0aa50, 0x1b255, 0x06d20, 0x0ada0,  // 2040-2049
    0x14b63, 0x09370, 0x049f8, 0x04970, 0x064b0, 0x168a6, 0x0ea50, 0x06b20, 0x1a6c4, 0x0aae0,  // 2050-2059
    0x092e0, 0x0d2e3, 0x0c960, 0x0d557, 0x0d4a0, 0x0da50, 0x05d55, 0x056a0, 0x0a6d0, 0x055d4,  // 2060-2069
    0x052d0, 0x0a9b8, 0x0a950, 0x0b4a0, 0x0b6a6, 0x0ad50, 0x055a0, 0x0aba4, 0x0a5b0, 0x052b0,  // 2070-2079
    0x0b273, 0x06930, 0x07337, 0x06aa0, 0x0ad50, 0x14b55, 0x04b60, 0x0a570, 0x054e4, 0x0d160,  // 2080-2089
    0x0e968, 0x0d520, 0x0daa0, 0x16aa6, 0x056d0, 0x04ae0, 0x0a9d4, 0x0a2d0, 0x0d150, 0x0f252,  // 2090-2099
    0x0d520,                                                                                   // 2100
};
constexpr int kTableFirst = 1900;
// Lunar 1900-01-01 = Gregorian 1900-01-31.

// Days since 1970-01-01 of a Gregorian date (proleptic), and back (H. Hinnant's algorithms).
long daysFromCivil(int y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

SolarDate civilFromDays(long z)
{
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
    return {y, m, d};
}

bool validSolar(const SolarDate& s)
{
    if (s.month < 1 || s.month > 12 || s.day < 1) return false;
    return civilFromDays(daysFromCivil(s.year, s.month, s.day)) == s;
}

std::uint32_t word(int year)
{
    return kYears[static_cast<std::size_t>(year - kTableFirst)];
}

bool inTable(int year)
{
    return year >= kTableFirst && year < kTableFirst + static_cast<int>(kYears.size());
}

int yearLength(int year)
{
    int days = 0;
    for (int m = 1; m <= 12; ++m)
        days += monthLength(year, m);
    if (leapMonth(year) != 0) days += monthLength(year, leapMonth(year), true);
    return days;
}

const long kAnchor = daysFromCivil(1900, 1, 31);

}  // namespace

int leapMonth(int year)
{
    return inTable(year) ? static_cast<int>(word(year) & 0xf) : 0;
}

int monthLength(int year, int month, bool leap)
{
    if (!inTable(year) || month < 1 || month > 12) return 0;
    if (leap) {
        if (leapMonth(year) != month) return 0;
        return (word(year) & 0x10000) != 0 ? 30 : 29;
    }
    return (word(year) & (0x10000u >> month)) != 0 ? 30 : 29;
}

std::optional<LunarDate> toLunar(const SolarDate& date)
{
    if (!validSolar(date) || date.year < kFirstYear || date.year > kLastYear + 1) return std::nullopt;
    long offset = daysFromCivil(date.year, date.month, date.day) - kAnchor;
    if (offset < 0) return std::nullopt;
    int year = kTableFirst;
    while (inTable(year) && offset >= yearLength(year)) {
        offset -= yearLength(year);
        ++year;
    }
    if (!inTable(year) || year < kFirstYear) return std::nullopt;
    const int leap = leapMonth(year);
    for (int month = 1; month <= 12; ++month) {
        for (const bool isLeap : {false, true}) {
            if (isLeap && leap != month) continue;
            const int length = monthLength(year, month, isLeap);
            if (offset < length) return LunarDate{year, month, static_cast<int>(offset) + 1, isLeap};
            offset -= length;
        }
    }
    return std::nullopt;
}

std::optional<SolarDate> toSolar(const LunarDate& date)
{
    if (!inTable(date.year) || date.year < kFirstYear) return std::nullopt;
    if (date.day < 1 || date.day > monthLength(date.year, date.month, date.leap)) return std::nullopt;
    long days = kAnchor;
    for (int y = kTableFirst; y < date.year; ++y)
        days += yearLength(y);
    const int leap = leapMonth(date.year);
    for (int month = 1; month <= date.month; ++month) {
        for (const bool isLeap : {false, true}) {
            if (isLeap && leap != month) continue;
            if (month == date.month && isLeap == date.leap) return civilFromDays(days + date.day - 1);
            days += monthLength(date.year, month, isLeap);
        }
    }
    return std::nullopt;
}

std::optional<SolarDate> lunarBirthdayIn(int year, int month, int day)
{
    if (month < 1 || month > 12 || day < 1 || day > 30) return std::nullopt;
    const int length = monthLength(year, month);
    if (length == 0) return std::nullopt;
    return toSolar({year, month, day > length ? length : day, false});
}

std::optional<SolarDate> qingming(int year)
{
    if (year < kFirstYear || year > kLastYear) return std::nullopt;
    // The April day on which the sun reaches 15°, in UTC+8, 1901-2100: computed with the Swiss
    // Ephemeris and checked with PyEphem (the two agree within 140 s; the nearest to midnight is
    // 11 minutes away, in 1943). One digit per year. The short formula floor(Y * 0.2422 + C) -
    // floor(Y / 4) misses 2000 and 2100, so the days are listed.
    static constexpr std::string_view kDays =
        "56655665566555655565556555655565556555655565555555"   // 1901-1950
        "55555555555555555555555554555455545554555455545554"   // 1951-2000
        "55545554455445544554455445544554455445544454445444"   // 2001-2050
        "54445444544454445444544444444444444444444444444445";  // 2051-2100
    static_assert(kDays.size() == 200);
    return SolarDate{year, 4, kDays[static_cast<std::size_t>(year - kFirstYear)] - '0'};
}

std::vector<Holiday> holidaysOf(int year)
{
    std::vector<Holiday> out;
    if (year < kFirstYear || year > kLastYear) return out;
    const auto lunarDay = [&](const char* key, const char* name, int month, int day) {
        if (auto d = toSolar({year, month, day, false})) out.push_back({key, name, *d, true});
    };
    out.push_back({"new_year", "元旦", {year, 1, 1}, false});
    // New Year's Eve (除夕): the last day of the previous lunar year (the 29th or 30th).
    if (year - 1 >= kFirstYear) {
        if (auto d = toSolar({year - 1, 12, monthLength(year - 1, 12), false})) {
            // A leap 12th month would end the year instead; the table has none 1901-2100.
            out.push_back({"new_years_eve", "除夕", *d, true});
        }
    }
    lunarDay("spring_festival", "春节", 1, 1);
    lunarDay("lantern", "元宵节", 1, 15);
    if (auto d = qingming(year)) out.push_back({"qingming", "清明节", *d, false});
    out.push_back({"labour_day", "劳动节", {year, 5, 1}, false});
    lunarDay("dragon_boat", "端午节", 5, 5);
    lunarDay("mid_autumn", "中秋节", 8, 15);
    out.push_back({"national_day", "国庆节", {year, 10, 1}, false});
    lunarDay("double_ninth", "重阳节", 9, 9);
    std::stable_sort(out.begin(), out.end(), [](const Holiday& a, const Holiday& b) {
        return daysFromCivil(a.date.year, a.date.month, a.date.day) <
               daysFromCivil(b.date.year, b.date.month, b.date.day);
    });
    return out;
}

std::string format(const SolarDate& date)
{
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
    return text;
}

std::string chineseName(const LunarDate& date)
{
    static const char* const kMonths[] = {"正", "二", "三", "四", "五", "六",
                                          "七", "八", "九", "十", "冬", "腊"};
    static const char* const kDigits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    std::string day;
    if (date.day <= 10)
        day = std::string("初") + kDigits[date.day - 1];
    else if (date.day < 20)
        day = std::string("十") + kDigits[date.day - 11];
    else if (date.day == 20)
        day = "二十";
    else if (date.day < 30)
        day = std::string("廿") + kDigits[date.day - 21];
    else
        day = "三十";
    return std::string("农历") + (date.leap ? "闰" : "") + kMonths[date.month - 1] + "月" + day;
}

}  // namespace fb::lunar
