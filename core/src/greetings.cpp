// Greeting occasions and texts; see greetings.h.
#include "fieldbook/core/greetings.h"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <map>

#include "fieldbook/core/clock.h"
#include "fieldbook/core/lunar.h"

namespace fb {

namespace {

struct BuiltIn {
    const char* code;
    const char* nameEn;
    bool greet;
    int leadDays;
};
// The built-in holidays (lunar.h names them in Chinese): which are greeted and how early the
// greeting shows — the gift festivals (Spring Festival, Mid-Autumn) a week ahead.
constexpr BuiltIn kBuiltIn[] = {
    {"new_year", "New Year's Day", true, 3},
    {"new_years_eve", "New Year's Eve", false, 0},
    {"spring_festival", "Spring Festival", true, 7},
    {"lantern", "Lantern Festival", true, 3},
    {"qingming", "Qingming", false, 0},
    {"labour_day", "Labour Day", true, 3},
    {"dragon_boat", "Dragon Boat Festival", true, 5},
    {"mid_autumn", "Mid-Autumn Festival", true, 7},
    {"national_day", "National Day", true, 5},
    {"double_ninth", "Double Ninth Festival", true, 3},
};

std::vector<std::string> words(std::string_view text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        if (end > start) out.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

struct Ymd {
    int y = 0, m = 0, d = 0;
};
std::optional<Ymd> parse(std::string_view day)
{
    if (day.size() != 10 || day[4] != '-' || day[7] != '-') return std::nullopt;
    Ymd out;
    if (std::from_chars(day.data(), day.data() + 4, out.y).ec != std::errc{} ||
        std::from_chars(day.data() + 5, day.data() + 7, out.m).ec != std::errc{} ||
        std::from_chars(day.data() + 8, day.data() + 10, out.d).ec != std::errc{})
        return std::nullopt;
    if (out.m < 1 || out.m > 12 || out.d < 1 || out.d > 31) return std::nullopt;
    return out;
}

bool validSolar(int y, int m, int d)
{
    return formatCivilDate(daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d))) ==
           lunar::format({y, m, d});
}

// One holiday record as it is stored.
struct Stored {
    std::string code, name, nameEn, kind, rule, date;
    std::int64_t month = 0, day = 0, leadDays = -1;
    std::optional<bool> greet, active;
    std::string tiers;
};

std::vector<Stored> storedHolidays(Database& db)
{
    std::vector<Stored> out;
    Statement st = db.prepare(
        "SELECT code, name, coalesce(name_en, ''), kind, rule, coalesce(date, ''), coalesce(month, 0),"
        " coalesce(day, 0), coalesce(lead_days, -1), greet, active, coalesce(tiers, '') FROM holiday ORDER "
        "BY id");
    while (st.step()) {
        Stored s{st.text(0),  st.text(1),  st.text(2),  st.text(3), st.text(4), st.text(5),
                 st.int64(6), st.int64(7), st.int64(8), {},         {},         st.text(11)};
        if (!st.isNull(9)) s.greet = st.int64(9) != 0;
        if (!st.isNull(10)) s.active = st.int64(10) != 0;
        out.push_back(std::move(s));
    }
    return out;
}

// The solar day of a stored holiday in `year` ("" when it has none that year).
std::string dayOf(const Stored& s, int year)
{
    if (s.rule == "date") return s.date.substr(0, 4) == std::to_string(year) ? s.date : std::string();
    if (s.rule == "qingming") {
        auto d = lunar::qingming(year);
        return d ? lunar::format(*d) : std::string();
    }
    if (s.rule == "lunar") {
        const int m = static_cast<int>(s.month);
        const int length = lunar::monthLength(year, m);
        if (length == 0) return {};
        auto d = lunar::toSolar({year, m, std::min(static_cast<int>(s.day), length), false});
        return d ? lunar::format(*d) : std::string();
    }
    const int m = static_cast<int>(s.month);
    const int d = static_cast<int>(s.day);
    return validSolar(year, m, d) ? lunar::format({year, m, d}) : std::string();
}

const std::vector<std::string> kDefaultTiers{"KA", "A"};

}  // namespace

std::vector<Occasion> holidayCalendar(Database& db, int year)
{
    std::map<std::string, Occasion> byCode;  // the built-in ones and the yearly records
    std::vector<Occasion> dated;             // one-date records (调休, a company's day)
    for (const lunar::Holiday& h : lunar::holidaysOf(year)) {
        Occasion o{h.key, h.name, "", lunar::format(h.date), "festival", h.lunar, false, 3, kDefaultTiers};
        for (const BuiltIn& b : kBuiltIn)
            if (h.key == b.code) {
                o.nameEn = b.nameEn;
                o.greet = b.greet;
                o.leadDays = b.leadDays;
            }
        byCode.emplace(h.key, std::move(o));
    }
    for (const Stored& s : storedHolidays(db)) {
        const std::string date = dayOf(s, year);
        if (s.rule == "date") {
            if (date.empty() || s.active == false) continue;
            Occasion o{s.code,
                       s.name,
                       s.nameEn,
                       date,
                       s.kind,
                       false,
                       s.greet.value_or(false),
                       s.leadDays >= 0 ? static_cast<int>(s.leadDays) : 3,
                       s.tiers.empty() ? kDefaultTiers : words(s.tiers)};
            dated.push_back(std::move(o));
            continue;
        }
        if (s.active == false || date.empty()) {
            byCode.erase(s.code);
            continue;
        }
        auto [it, added] = byCode.try_emplace(s.code);
        Occasion& o = it->second;
        o.code = s.code;
        o.name = s.name;
        if (!s.nameEn.empty() || added) o.nameEn = s.nameEn;
        o.date = date;
        o.kind = s.kind;
        o.lunar = s.rule == "lunar";
        if (s.greet)
            o.greet = *s.greet;
        else if (added)
            o.greet = s.kind == "festival";
        if (s.leadDays >= 0) o.leadDays = static_cast<int>(s.leadDays);
        if (!s.tiers.empty())
            o.tiers = words(s.tiers);
        else if (added)
            o.tiers = kDefaultTiers;
    }
    std::vector<Occasion> out;
    out.reserve(byCode.size() + dated.size());
    for (auto& [code, o] : byCode)
        out.push_back(std::move(o));
    std::move(dated.begin(), dated.end(), std::back_inserter(out));
    std::stable_sort(out.begin(), out.end(),
                     [](const Occasion& a, const Occasion& b) { return a.date < b.date; });
    return out;
}

std::vector<Occasion> greetingOccasions(Database& db, std::string_view from, std::string_view to)
{
    std::vector<Occasion> out;
    const auto a = parse(from);
    const auto b = parse(to);
    if (!a || !b) return out;
    for (int year = a->y; year <= b->y; ++year)
        for (Occasion& o : holidayCalendar(db, year))
            if (o.greet && o.kind == "festival" && o.date >= from && o.date <= to)
                out.push_back(std::move(o));
    return out;
}

std::optional<std::string> birthdayIn(std::string_view birthday, bool lunarBirthday, int year)
{
    const auto b = parse(birthday);
    if (!b) return std::nullopt;
    if (lunarBirthday) {
        auto d = lunar::lunarBirthdayIn(year, b->m, b->d);
        return d ? std::optional<std::string>(lunar::format(*d)) : std::nullopt;
    }
    if (year < lunar::kFirstYear || year > lunar::kLastYear) return std::nullopt;
    int d = b->d;
    if (b->m == 2 && d == 29 && !validSolar(year, 2, 29)) d = 28;
    if (!validSolar(year, b->m, d)) return std::nullopt;
    return lunar::format({year, b->m, d});
}

std::optional<std::string> nextBirthday(std::string_view birthday, bool lunarBirthday, std::string_view today)
{
    const auto t = parse(today);
    if (!t) return std::nullopt;
    // A lunar birthday early in the lunar year can fall in January of the next Gregorian
    // year's lunar year, or a 12th-month one in the next January: look at three years.
    for (int year = t->y - 1; year <= t->y + 1; ++year)
        if (auto d = birthdayIn(birthday, lunarBirthday, year); d && *d >= today) return d;
    return std::nullopt;
}

std::string greetingText(Database& db, std::string_view occasion, std::string_view language,
                         const GreetingFill& fill)
{
    const bool english = language == "en";
    std::string text;
    for (std::string_view key : {occasion, std::string_view(occasion == "birthday" ? "" : "holiday")}) {
        if (key.empty() || !text.empty()) continue;
        Statement& st =
            db.cached("SELECT text FROM greeting_template WHERE occasion = ? AND language = ? ORDER BY id");
        st.bind(1, key).bind(2, english ? "en" : "zh");
        if (st.step()) text = st.text(0);
        st.reset();
    }
    if (text.empty()) {
        if (occasion == "birthday")
            text = english ? "Dear {name}, happy birthday! Wishing you good health and every success. {rep}"
                           : "{name}{title}您好！祝您生日快乐，身体健康，万事如意！{rep}";
        else
            text = english ? "Dear {name}, happy {occasion} to you and your family! {rep}"
                           : "{name}{title}您好！{occasion}将至，祝您和家人{occasion}快乐，阖家幸福！{rep}";
    }
    const std::pair<std::string_view, const std::string*> fills[] = {{"{name}", &fill.name},
                                                                     {"{title}", &fill.title},
                                                                     {"{account}", &fill.account},
                                                                     {"{rep}", &fill.rep},
                                                                     {"{occasion}", &fill.occasion}};
    for (const auto& [key, value] : fills) {
        std::size_t at = 0;
        while ((at = text.find(key, at)) != std::string::npos) {
            text.replace(at, key.size(), *value);
            at += value->size();
        }
    }
    return text;
}

}  // namespace fb
