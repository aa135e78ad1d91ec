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

namespace {

// The solar day in `year` of a solar month-day (29 February on the 28th in other years) or of
// a lunar one.
std::optional<std::string> dayIn(int month, int day, bool lunarDay, int year)
{
    if (lunarDay) {
        auto d = lunar::lunarBirthdayIn(year, month, day);
        return d ? std::optional<std::string>(lunar::format(*d)) : std::nullopt;
    }
    if (year < lunar::kFirstYear || year > lunar::kLastYear) return std::nullopt;
    if (month == 2 && day == 29 && !validSolar(year, 2, 29)) day = 28;
    if (!validSolar(year, month, day)) return std::nullopt;
    return lunar::format({year, month, day});
}

// The first day on or after `today` of a yearly month-day. A lunar one early in the lunar
// year can fall in January of the next Gregorian year's lunar year, or a 12th-month one in
// the next January: look at three years.
std::optional<std::string> nextDay(int month, int day, bool lunarDay, std::string_view today)
{
    const auto t = parse(today);
    if (!t) return std::nullopt;
    for (int year = t->y - 1; year <= t->y + 1; ++year)
        if (auto d = dayIn(month, day, lunarDay, year); d && *d >= today) return d;
    return std::nullopt;
}

bool startsWith(std::string_view text, std::size_t at, std::string_view word)
{
    return text.substr(at, word.size()) == word;
}

// Spaces (ASCII and the ideographic one) and stray punctuation off both ends.
std::string_view trimmed(std::string_view text)
{
    static constexpr std::string_view kEdges[] = {" ", "\t", "\r", "\u3000", ":",     "\uff1a",
                                                  "-", "(",  ")",  "\uff08", "\uff09"};
    bool cut = true;
    while (cut && !text.empty()) {
        cut = false;
        for (std::string_view e : kEdges) {
            if (text.starts_with(e)) {
                text.remove_prefix(e.size());
                cut = true;
            }
            if (text.ends_with(e)) {
                text.remove_suffix(e.size());
                cut = true;
            }
        }
    }
    return text;
}

struct DigitRun {
    std::size_t begin = 0, end = 0;
    int value = 0;
};

// One entry: its day (the first that reads as one) and the rest as the label.
std::optional<Anniversary> parseEntry(std::string_view entry)
{
    std::vector<DigitRun> runs;
    for (std::size_t i = 0; i < entry.size();) {
        if (entry[i] < '0' || entry[i] > '9') {
            ++i;
            continue;
        }
        DigitRun run{i, i, 0};
        while (run.end < entry.size() && entry[run.end] >= '0' && entry[run.end] <= '9' && run.end - i < 6)
            run.value = run.value * 10 + (entry[run.end++] - '0');
        runs.push_back(run);
        i = run.end;
    }
    auto between = [&](std::size_t a, std::size_t b) {
        return entry.substr(runs[a].end, runs[b].begin - runs[a].end);
    };
    auto dateSep = [](std::string_view sep) {
        return sep == "-" || sep == "/" || sep == "." || sep == "\u6708";  // 月
    };
    for (std::size_t i = 0; i + 1 < runs.size(); ++i) {
        std::size_t m = i;
        // A year first (2015-03-08, 2015年3月8日): the month and day follow it.
        if (runs[i].end - runs[i].begin == 4 && i + 2 < runs.size() &&
            (dateSep(between(i, i + 1)) || between(i, i + 1) == "\u5e74"))  // 年
            m = i + 1;
        if (m + 1 >= runs.size() || runs[m].end - runs[m].begin > 2 ||
            runs[m + 1].end - runs[m + 1].begin > 2 || !dateSep(between(m, m + 1)))
            continue;
        Anniversary a;
        a.month = runs[m].value;
        a.day = runs[m + 1].value;
        std::size_t end = runs[m + 1].end;
        for (std::string_view suffix : {"\u65e5", "\u53f7"})  // 日 号
            if (startsWith(entry, end, suffix)) end += suffix.size();
        std::string label =
            std::string(entry.substr(0, runs[i].begin)) + " " + std::string(entry.substr(end));
        for (std::string_view mark : {"\u519c\u5386", "\u9634\u5386"}) {  // 农历 阴历
            for (std::size_t at; (at = label.find(mark)) != std::string::npos;) {
                label.erase(at, mark.size());
                a.lunar = true;
            }
        }
        if (a.month < 1 || a.month > 12 || a.day < 1 ||
            (a.lunar ? a.day > 30 : !validSolar(2000, a.month, a.day)))
            return std::nullopt;
        // Two spaces left where the day was become one.
        for (std::size_t at; (at = label.find("  ")) != std::string::npos;)
            label.erase(at, 1);
        a.label = std::string(trimmed(label));
        return a;
    }
    return std::nullopt;
}

}  // namespace

std::string Anniversary::occasion() const
{
    std::string out = "anniversary:";
    if (lunar) out += 'L';
    out += lunar::format({2000, month, day}).substr(5);
    return out;
}

AnniversaryList parseAnniversaries(std::string_view text)
{
    AnniversaryList out;
    static constexpr std::string_view kSeparators[] = {";",      ",",      "\n",
                                                       "\uff1b", "\uff0c", "\u3001"};  // ；，、
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.size();
        std::size_t width = 0;
        for (std::string_view sep : kSeparators) {
            const std::size_t at = text.find(sep, start);
            if (at < end) {
                end = at;
                width = sep.size();
            }
        }
        const std::string_view entry = trimmed(text.substr(start, end - start));
        if (!entry.empty()) {
            if (auto a = parseEntry(entry))
                out.dates.push_back(std::move(*a));
            else
                out.undated.emplace_back(entry);
        }
        if (width == 0) break;
        start = end + width;
    }
    return out;
}

std::optional<std::string> nextAnniversary(const Anniversary& a, std::string_view today)
{
    return nextDay(a.month, a.day, a.lunar, today);
}

std::optional<Anniversary> anniversaryOf(std::string_view text, std::string_view occasion)
{
    for (Anniversary& a : parseAnniversaries(text).dates)
        if (a.occasion() == occasion) return std::move(a);
    return std::nullopt;
}

std::optional<std::string> birthdayIn(std::string_view birthday, bool lunarBirthday, int year)
{
    const auto b = parse(birthday);
    if (!b) return std::nullopt;
    return dayIn(b->m, b->d, lunarBirthday, year);
}

std::optional<std::string> nextBirthday(std::string_view birthday, bool lunarBirthday, std::string_view today)
{
    const auto b = parse(birthday);
    if (!b) return std::nullopt;
    return nextDay(b->m, b->d, lunarBirthday, today);
}

std::string greetingText(Database& db, std::string_view occasion, std::string_view language,
                         const GreetingFill& fill)
{
    const bool english = language == "en";
    std::string text;
    const bool anniversary = occasion.starts_with("anniversary");
    const std::string_view own = anniversary ? std::string_view("anniversary") : occasion;
    const std::string_view fallback = occasion == "birthday" || anniversary ? "" : "holiday";
    for (std::string_view key : {own, fallback}) {
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
        else if (anniversary)
            text = english ? "Dear {name}, warm wishes on your {occasion}! {rep}"
                           : "{name}{title}您好！值此{occasion}，祝您幸福美满，万事顺意！{rep}";
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
