// The Chinese lunisolar calendar (农历) for greetings (issue 11 §3): lunar birthdays and the
// lunar holidays on their solar day, 1901-2100, from a table, not from an astronomical
// computation at run time.
//
// Why a table: the official calendar (GB/T 33661-2017, Purple Mountain Observatory) puts a
// month's first day on the day of the new moon in UTC+8; a new moon minutes from midnight
// decides the day, and the ICU 72 that Debian ships gets some wrong (Spring Festival 2027 on
// 02-07, official 02-06; 2030 on 02-02, official 02-03). The table (lunar years 1900-2100) is
// the widely published `lunarInfo` one, checked against Yuk Tung Liu's DE431-based data
// (itself checked against the Observatory's books for 1901-2050), the State Council's 2026
// notice and an independent Swiss-Ephemeris computation: every month start 1901-2100 agrees
// with Liu's. Three future new moons (2057 month 9, 2089 month 8, 2097 month 7) fall so near
// midnight that the Earth's rotation decides them; the table follows the published calendars.
//
// Qingming (清明) is a solar term, not a lunar date: the day the sun reaches 15° in UTC+8,
// listed per year 1901-2100 (computed with the Swiss Ephemeris, checked with PyEphem).
//
// Pure functions, no clock, no Qt; any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace fb::lunar {

inline constexpr int kFirstYear = 1901;  // Gregorian years the conversions cover
inline constexpr int kLastYear = 2100;

struct SolarDate {
    int year = 0;
    int month = 0;  // 1..12
    int day = 0;    // 1..31
    bool operator==(const SolarDate&) const = default;
};

struct LunarDate {
    int year = 0;       // the lunar year (its Spring Festival falls in this Gregorian year)
    int month = 0;      // 1..12
    int day = 0;        // 1..30
    bool leap = false;  // the leap month after `month` (闰月)
    bool operator==(const LunarDate&) const = default;
};

// Gregorian to lunar; nullopt outside 1901-02-19 .. 2101-01-28 or for a date that does not exist.
std::optional<LunarDate> toLunar(const SolarDate& date);
// Lunar to Gregorian; nullopt for a lunar date that does not exist (a 30th in a month of 29
// days, a leap month the year does not have) or outside the table.
std::optional<SolarDate> toSolar(const LunarDate& date);
// How many days lunar month `month` (its leap month with `leap`) of `year` has: 29 or 30, or 0
// when the year has no such month.
int monthLength(int year, int month, bool leap = false);
// The leap month of a lunar year (0: none).
int leapMonth(int year);

// A lunar birthday's solar day in Gregorian year `year`: the lunar month and day in the lunar
// year whose Spring Festival falls in `year` (a birthday in the 12th month falls early in the
// next Gregorian year then). A 30th in a year whose month has 29 days is kept on the 29th, the
// custom; a birthday born in a leap month is kept in the ordinary month of that number.
std::optional<SolarDate> lunarBirthdayIn(int year, int month, int day);

// The day of Qingming (清明) in Gregorian `year` (April 4, 5 or 6).
std::optional<SolarDate> qingming(int year);

struct Holiday {
    std::string key;   // spring_festival, new_years_eve, lantern, qingming, dragon_boat,
                       // mid_autumn, double_ninth, new_year, labour_day, national_day
    std::string name;  // the Chinese name (春节, ...)
    SolarDate date;
    bool lunar = false;  // moves with the lunar calendar
};
// The holidays of Gregorian `year`, in date order (empty outside 1901-2100). Days off and
// make-up workdays (调休) cannot be computed: they are reference data (issue 11).
std::vector<Holiday> holidaysOf(int year);

// "YYYY-MM-DD".
std::string format(const SolarDate& date);
// "农历二月初三" ("闰" before a leap month's name).
std::string chineseName(const LunarDate& date);

}  // namespace fb::lunar
