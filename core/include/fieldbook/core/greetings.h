// Greetings (issue 11 §3): the occasions a rep greets key persons on — their birthdays, solar
// or lunar (农历生日), their important anniversaries, and the holidays — and the text a
// greeting starts from.
//
// Holidays: the built-in list (lunar.h's holidaysOf: Spring Festival, Lantern, Dragon Boat,
// Mid-Autumn, Double Ninth, New Year, Labour Day, National Day are greeted; New Year's Eve and
// Qingming are not) plus the `holiday` reference data, which changes a built-in one by its
// code (its lead days, the tiers greeted, switched off) or adds a company's own day, and holds
// the State Council's yearly days off and make-up workdays (调休), which cannot be computed.
// Greeting texts: `greeting_template` per occasion and language, else the built-in text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fieldbook/core/database.h"

namespace fb {

struct Occasion {
    std::string code;  // a holiday's code (mid_autumn, ...), or "birthday"
    std::string name;  // 中秋节
    std::string nameEn;
    std::string date;  // its solar day, "YYYY-MM-DD"
    std::string kind;  // festival, day_off, workday
    bool lunar = false;
    bool greet = false;
    int leadDays = 3;                // greeting tasks show this many days ahead
    std::vector<std::string> tiers;  // the tiers whose key persons are greeted
};

// Every holiday of Gregorian `year` on this device (built-in and reference data, the days off
// and make-up workdays included), in date order.
std::vector<Occasion> holidayCalendar(Database& db, int year);
// The greeted holidays falling on [from, to] ("YYYY-MM-DD", at most a year apart).
std::vector<Occasion> greetingOccasions(Database& db, std::string_view from, std::string_view to);

// The solar day in Gregorian `year` of a birthday stored as "YYYY-MM-DD" (a lunar month and
// day when `lunar`); a 29 February falls on the 28th in other years. nullopt for a malformed
// date or outside 1901-2100.
std::optional<std::string> birthdayIn(std::string_view birthday, bool lunar, int year);
// The next birthday on or after `today` (within a year).
std::optional<std::string> nextBirthday(std::string_view birthday, bool lunar, std::string_view today);

// An important anniversary (纪念日) of a key person, read from the free text the rep keeps:
// entries separated by ；, ; or new lines, each holding one or more days with their labels —
// "结婚纪念日 05-20", "入职纪念日 2015-03-08", "公司成立 3月8日", "05-20 结婚纪念日",
// "结婚纪念日 5.20，入职 3.8". A year is allowed and ignored; full-width digits are read as
// digits. A lunar day is marked 农历 (or 阴历) or written in Chinese numerals ("八月十五",
// "正月初八", "腊月廿三"). Two on one day are one occasion, their labels joined.
struct Anniversary {
    std::string label;  // 结婚纪念日; "" when the entry is only its day
    int month = 0;
    int day = 0;
    bool lunar = false;
    // The greeting's occasion: "anniversary:05-20", a lunar one "anniversary:L05-20".
    std::string occasion() const;
};
inline constexpr std::string_view kAnniversaryOccasion = "anniversary";
// Whether a greeting occasion is an anniversary's (or "anniversary", every one's template).
bool isAnniversary(std::string_view occasion);
struct AnniversaryList {
    std::vector<Anniversary> dates;
    std::vector<std::string> undated;  // entries without a day that exists
};
AnniversaryList parseAnniversaries(std::string_view text);
// The anniversary's next solar day on or after `today` (a 29 February falls on the 28th in
// other years); nullopt outside 1901-2100.
std::optional<std::string> nextAnniversary(const Anniversary& a, std::string_view today);
// The anniversary an occasion names among the person's `text`, if it is still there.
std::optional<Anniversary> anniversaryOf(std::string_view text, std::string_view occasion);

struct GreetingFill {
    std::string name;      // 李强
    std::string title;     // 采购经理
    std::string account;   // 华润万家
    std::string rep;       // 王芳
    std::string occasion;  // 中秋节 / Mid-Autumn Festival
};
// The greeting text for `occasion` ("birthday", an anniversary's, or a holiday's code) in
// `language` (zh, en): the synced template for the occasion ("anniversary" for every
// anniversary), else the one for "holiday" (any holiday), else the built-in, with {name}
// {title} {account} {rep} {occasion} filled in.
std::string greetingText(Database& db, std::string_view occasion, std::string_view language,
                         const GreetingFill& fill);

}  // namespace fb
