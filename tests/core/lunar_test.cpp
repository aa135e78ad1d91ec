// The Chinese calendar (lunar.h) against the official dates: the State Council's holiday
// notices, published Spring Festival lists, and the days Debian's ICU 72 gets wrong.
#include <catch2/catch.hpp>

#include "fieldbook/core/lunar.h"

using namespace fb::lunar;

namespace {

std::string solar(const std::optional<SolarDate>& d)
{
    return d ? format(*d) : std::string("none");
}

std::string holiday(int year, const std::string& key)
{
    for (const Holiday& h : holidaysOf(year))
        if (h.key == key) return format(h.date);
    return "none";
}

}  // namespace

TEST_CASE("Spring Festival falls on the official day, also where ICU 72 is a day off", "[core][lunar]")
{
    // The checks (ICU 72 says 2027-02-07 and 2030-02-02), then published lists across
    // the range (1901, 1949, 1984, 2000, 2024-2026 official, 2033, 2050, 2057, 2061, 2100).
    const std::vector<std::pair<int, std::string>> official = {
        {2027, "2027-02-06"}, {2028, "2028-01-26"}, {2030, "2030-02-03"}, {1901, "1901-02-19"},
        {1949, "1949-01-29"}, {1984, "1984-02-02"}, {2000, "2000-02-05"}, {2024, "2024-02-10"},
        {2025, "2025-01-29"}, {2026, "2026-02-17"}, {2033, "2033-01-31"}, {2050, "2050-01-23"},
        {2057, "2057-02-04"}, {2061, "2061-01-21"}, {2100, "2100-02-09"}};
    for (const auto& [year, date] : official) {
        INFO(year);
        CHECK(solar(toSolar({year, 1, 1, false})) == date);
        CHECK(holiday(year, "spring_festival") == date);
    }
}

TEST_CASE("the lunar holidays and Qingming of 2026 and 2027 are the official days", "[core][lunar]")
{
    CHECK(holiday(2027, "mid_autumn") == "2027-09-15");
    CHECK(holiday(2027, "dragon_boat") == "2027-06-09");
    CHECK(holiday(2026, "dragon_boat") == "2026-06-19");  // State Council notice for 2026
    CHECK(holiday(2026, "mid_autumn") == "2026-09-25");
    CHECK(holiday(2026, "lantern") == "2026-03-03");
    CHECK(holiday(2027, "lantern") == "2027-02-20");
    CHECK(holiday(2026, "double_ninth") == "2026-10-18");
    CHECK(holiday(2027, "double_ninth") == "2027-10-08");
    CHECK(holiday(2026, "new_years_eve") == "2026-02-16");
    CHECK(holiday(2027, "new_years_eve") == "2027-02-05");
    CHECK(holiday(2026, "qingming") == "2026-04-05");
    CHECK(holiday(2027, "qingming") == "2027-04-05");
    CHECK(holiday(2024, "qingming") == "2024-04-04");
    CHECK(holiday(2100, "qingming") == "2100-04-05");  // where the short formula says 04-04
    CHECK(holiday(2000, "qingming") == "2000-04-04");  // and where it says 04-05
    CHECK(holiday(2026, "national_day") == "2026-10-01");
    // In date order, each once.
    const auto days = holidaysOf(2026);
    REQUIRE(days.size() == 10);
    for (std::size_t i = 1; i < days.size(); ++i)
        CHECK(format(days[i - 1].date) <= format(days[i].date));
    CHECK(holidaysOf(1900).empty());
    CHECK(holidaysOf(2101).empty());
}

TEST_CASE("leap months are where the official calendar puts them, 2033 included", "[core][lunar]")
{
    CHECK(leapMonth(2020) == 4);
    CHECK(leapMonth(2023) == 2);
    CHECK(leapMonth(2025) == 6);
    CHECK(leapMonth(2026) == 0);
    CHECK(leapMonth(2028) == 5);
    CHECK(leapMonth(2033) == 11);
    CHECK(solar(toSolar({2033, 11, 1, true})) == "2033-12-22");
    CHECK(monthLength(2033, 11, true) == 29);
    CHECK(monthLength(2026, 6, true) == 0);  // no leap month that year
    CHECK_FALSE(toSolar({2026, 6, 1, true}).has_value());
    CHECK(chineseName(*toLunar({2025, 7, 25})) == "农历闰六月初一");
}

TEST_CASE("every day 1901-2100 converts to lunar and back to the same day", "[core][lunar]")
{
    int days = 0;
    std::optional<LunarDate> previous;
    for (int y = 1901; y <= 2100; ++y)
        for (int m = 1; m <= 12; ++m)
            for (int d = 1; d <= 31; ++d) {
                const SolarDate s{y, m, d};
                const auto l = toLunar(s);
                if (y == 1901 && (m < 2 || (m == 2 && d < 19))) {
                    CHECK_FALSE(l.has_value());  // before lunar 1901-01-01
                    continue;
                }
                if (!l) {
                    CHECK(d > 28);  // only days that do not exist
                    continue;
                }
                ++days;
                REQUIRE(toSolar(*l) == s);
                if (previous && l->day != 1) REQUIRE(l->day == previous->day + 1);
                previous = l;
            }
    CHECK(days == 73000);
    CHECK_FALSE(toLunar({2026, 2, 30}).has_value());
    // A 30th only in a month of 30 days.
    for (int m = 1; m <= 12; ++m)
        CHECK(toSolar({2026, m, 30, false}).has_value() == (monthLength(2026, m) == 30));
}

TEST_CASE("a lunar birthday lands on its solar day every year", "[core][lunar]")
{
    // Born on 八月十五: Mid-Autumn every year.
    CHECK(solar(lunarBirthdayIn(2026, 8, 15)) == "2026-09-25");
    CHECK(solar(lunarBirthdayIn(2027, 8, 15)) == "2027-09-15");
    // Born on 腊月三十: kept on the 29th in a year whose 12th month has 29 days.
    for (int year = 2026; year <= 2035; ++year) {
        INFO(year);
        const auto d = lunarBirthdayIn(year, 12, 30);
        REQUIRE(d.has_value());
        const auto back = toLunar(*d);
        REQUIRE(back.has_value());
        CHECK(back->month == 12);
        CHECK(back->day == monthLength(year, 12));
    }
    CHECK_FALSE(lunarBirthdayIn(2026, 13, 1).has_value());
    CHECK_FALSE(lunarBirthdayIn(2026, 1, 31).has_value());
}
