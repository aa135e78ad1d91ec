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

constexpr std::string_view kLunarMarks[] = {"\u519c\u5386", "\u9634\u5386"};  // 农历 阴历

// Full-width ASCII (０５－２０, ５．２０) and the ideographic space as their ASCII selves.
std::string halfWidth(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
        if (i + 2 < text.size() && b(0) == 0xEF && (b(1) == 0xBC || b(1) == 0xBD) && b(2) >= 0x80) {
            // U+FF01..U+FF5E: EF BC 81..BF, EF BD 80..9E
            const int cp = ((b(1) & 0x3F) << 6 | (b(2) & 0x3F)) + 0xF000;
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                out += static_cast<char>(cp - 0xFF01 + 0x21);
                i += 2;
                continue;
            }
        }
        if (i + 2 < text.size() && b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) {  // U+3000
            out += ' ';
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

// Spaces and the punctuation around a label off both ends.
std::string_view trimmed(std::string_view text)
{
    static constexpr std::string_view kEdges[] = {" ", "\t",     "\r",     ":",      "\uff1a",
                                                  "-", "(",      ")",      "\uff08", "\uff09",
                                                  ",", "\uff0c", "\u3002", ".",      "\u3001"};
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

// A day found in an entry: where it is, and its month and day.
struct Found {
    std::size_t begin = 0, end = 0;
    int month = 0, day = 0;
    bool lunarForm = false;  // written in Chinese numerals (八月十五, 正月初八): a lunar day
};

// The Chinese numeral at `at` of a lunar month (正 一 … 十二 冬 腊) or day (初一 … 初十, 十一 …
// 二十, 廿一 …, 三十): its value and length, or 0.
std::pair<int, std::size_t> chineseNumber(std::string_view text, std::size_t at, bool month)
{
    static constexpr std::string_view kDigits[] = {"\u4e00", "\u4e8c", "\u4e09", "\u56db", "\u4e94",
                                                   "\u516d", "\u4e03", "\u516b", "\u4e5d"};  // 一…九
    constexpr std::string_view kTen = "\u5341";                                              // 十
    constexpr std::string_view kTwenty = "\u5eff";                                           // 廿
    constexpr std::string_view kFirst = "\u521d";                                            // 初
    auto digitAt = [&](std::size_t p) {
        for (int d = 0; d < 9; ++d)
            if (text.substr(p).starts_with(kDigits[d])) return d + 1;
        return 0;
    };
    std::size_t p = at;
    if (month) {
        for (const auto& [name, value] : {std::pair{std::string_view("\u6b63"), 1},    // 正
                                          std::pair{std::string_view("\u51ac"), 11},   // 冬
                                          std::pair{std::string_view("\u814a"), 12}})  // 腊
            if (text.substr(p).starts_with(name)) return {value, name.size()};
    } else if (text.substr(p).starts_with(kFirst)) {
        p += kFirst.size();
        if (text.substr(p).starts_with(kTen)) return {10, p + kTen.size() - at};
        const int d = digitAt(p);
        return d ? std::pair{d, p + 3 - at} : std::pair{0, std::size_t{0}};
    } else if (text.substr(p).starts_with(kTwenty)) {
        p += kTwenty.size();
        const int d = digitAt(p);
        return d ? std::pair{20 + d, p + 3 - at} : std::pair{20, p - at};
    }
    // [d]十[d] or d
    int value = 0;
    if (const int d = digitAt(p); d) {
        value = d;
        p += 3;
    }
    if (text.substr(p).starts_with(kTen)) {
        value = (value ? value : 1) * 10;
        p += kTen.size();
        if (const int d = digitAt(p); d) {
            value += d;
            p += 3;
        }
    }
    return {value, value ? p - at : 0};
}

struct DigitRun {
    std::size_t begin = 0, end = 0;
    int value = 0;
};

// Every day written in `entry`, in order: 05-20, 5/20, 5.20, 5月20日, 2015-03-08, 2015年3月8日,
// and the lunar way 八月十五, 正月初八, 腊月廿三.
std::vector<Found> daysIn(std::string_view entry)
{
    std::vector<Found> out;
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
    auto width = [&](std::size_t r) { return runs[r].end - runs[r].begin; };
    for (std::size_t i = 0; i + 1 < runs.size(); ++i) {
        std::size_t m = i;
        // A year first (2015-03-08, 2015年3月8日): the month and day follow it.
        if (width(i) == 4 && i + 2 < runs.size() &&
            (dateSep(between(i, i + 1)) || between(i, i + 1) == "\u5e74"))
            m = i + 1;
        if (m + 1 >= runs.size() || width(m) > 2 || width(m + 1) > 2 || !dateSep(between(m, m + 1))) continue;
        Found f{runs[i].begin, runs[m + 1].end, runs[m].value, runs[m + 1].value, false};
        for (std::string_view suffix : {"\u65e5", "\u53f7"})  // 日 号
            if (entry.substr(f.end).starts_with(suffix)) f.end += suffix.size();
        out.push_back(f);
        i = m + 1;
    }
    // The lunar way: a month numeral, 月, a day numeral.
    constexpr std::string_view kMonth = "\u6708";  // 月
    for (std::size_t at = 0; (at = entry.find(kMonth, at)) != std::string_view::npos; at += kMonth.size()) {
        // The month numeral ends at 月: the longest one first (十二 before 二).
        for (std::size_t back = 6; back >= 3; back -= 3) {
            if (back > at) continue;
            const auto [month, monthLength] = chineseNumber(entry, at - back, true);
            if (!month || monthLength != back) continue;
            const auto [day, dayLength] = chineseNumber(entry, at + kMonth.size(), false);
            if (!day) break;
            // Days are written in Chinese numerals the lunar way; solar ones in digits.
            Found f{at - back, at + kMonth.size() + dayLength, month, day, true};
            for (std::string_view suffix : {"\u65e5", "\u53f7"})
                if (entry.substr(f.end).starts_with(suffix)) f.end += suffix.size();
            out.push_back(f);
            break;
        }
    }
    std::sort(out.begin(), out.end(), [](const Found& a, const Found& b) { return a.begin < b.begin; });
    return out;
}

// An entry's anniversaries: each day with its label. The label is the text before the day
// (结婚纪念日 05-20), or after it when the entry starts with a day (05-20 结婚纪念日), up to
// the next number or comma; 农历 or 阴历 just before a day makes it lunar, as writing it the
// lunar way does. False when the entry holds no day that exists.
bool parseEntry(std::string_view entry, std::vector<Anniversary>& out)
{
    const std::vector<Found> days = daysIn(entry);
    if (days.empty()) return false;
    std::string lead(entry.substr(0, days.front().begin));
    for (std::string_view mark : kLunarMarks)
        for (std::size_t at; (at = lead.find(mark)) != std::string::npos;)
            lead.erase(at, mark.size());
    const bool labelsAfter = trimmed(lead).empty();
    std::vector<Anniversary> found;
    for (std::size_t i = 0; i < days.size(); ++i) {
        const Found& f = days[i];
        const std::size_t from = i == 0 ? 0 : days[i - 1].end;
        const std::size_t to = i + 1 < days.size() ? days[i + 1].begin : entry.size();
        std::string before(entry.substr(from, f.begin - from));
        Anniversary a;
        a.month = f.month;
        a.day = f.day;
        a.lunar = f.lunarForm;
        for (std::string_view mark : kLunarMarks) {
            for (std::size_t at; (at = before.find(mark)) != std::string::npos;) {
                before.erase(at, mark.size());
                a.lunar = true;
            }
        }
        if (a.month < 1 || a.month > 12 || a.day < 1 ||
            (a.lunar ? a.day > 30 : !validSolar(2000, a.month, a.day)))
            return false;
        std::string_view label;
        if (labelsAfter) {
            label = entry.substr(f.end, to - f.end);
            const std::size_t stop = label.find_first_of("0123456789,");
            label = label.substr(0, stop);
            if (const std::size_t comma = label.find("\uff0c"); comma != std::string_view::npos)
                label = label.substr(0, comma);
            a.label = std::string(trimmed(label));
        } else {
            a.label = std::string(trimmed(before));
        }
        found.push_back(std::move(a));
    }
    out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    return true;
}

}  // namespace

std::string Anniversary::occasion() const
{
    std::string out(kAnniversaryOccasion);
    out += ':';
    if (lunar) out += 'L';
    out += lunar::format({2000, month, day}).substr(5);
    return out;
}

bool isAnniversary(std::string_view occasion)
{
    return occasion.starts_with(kAnniversaryOccasion);
}

AnniversaryList parseAnniversaries(std::string_view text)
{
    AnniversaryList out;
    const std::string folded = halfWidth(text);
    const std::string_view all(folded);
    static constexpr std::string_view kSeparators[] = {";", "\n", "\uff1b"};  // ；
    std::size_t start = 0;
    while (start <= all.size()) {
        std::size_t end = all.size();
        std::size_t width = 0;
        for (std::string_view sep : kSeparators) {
            const std::size_t at = all.find(sep, start);
            if (at < end) {
                end = at;
                width = sep.size();
            }
        }
        const std::string_view entry = trimmed(all.substr(start, end - start));
        if (!entry.empty() && !parseEntry(entry, out.dates)) out.undated.emplace_back(entry);
        if (width == 0) break;
        start = end + width;
    }
    // Two on one day are one occasion, greeted once: "结婚纪念日、公司成立日".
    std::vector<Anniversary> merged;
    for (Anniversary& a : out.dates) {
        auto same = std::find_if(merged.begin(), merged.end(), [&](const Anniversary& m) {
            return m.month == a.month && m.day == a.day && m.lunar == a.lunar;
        });
        if (same == merged.end())
            merged.push_back(std::move(a));
        else if (!a.label.empty())
            same->label += (same->label.empty() ? "" : "\u3001") + a.label;
    }
    out.dates = std::move(merged);
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
    const bool anniversary = isAnniversary(occasion);
    const std::string_view own = anniversary ? kAnniversaryOccasion : occasion;
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
