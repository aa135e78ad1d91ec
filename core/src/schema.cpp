// Registry lookups, value validation and DDL generation from the declarations.
#include "fieldbook/core/schema.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "fieldbook/core/clock.h"
#include "fieldbook/core/id.h"

namespace fb {

std::string fieldText(const Fields& fields, std::string_view name)
{
    auto it = fields.find(name);
    return it == fields.end() ? std::string() : valueToString(it->second);
}

std::int64_t fieldInteger(const Fields& fields, std::string_view name)
{
    auto it = fields.find(name);
    if (it == fields.end()) return 0;
    const auto* n = std::get_if<std::int64_t>(&it->second);
    return n ? *n : 0;
}

}  // namespace fb

namespace fb::schema {

const Field* Entity::field(std::string_view fieldName) const
{
    for (const Field& f : fields)
        if (f.name == fieldName) return &f;
    return nullptr;
}

const Entity* entity(std::string_view name)
{
    for (const Entity& e : entities())
        if (e.name == name) return &e;
    return nullptr;
}

int effectiveMaxLength(const Field& field)
{
    if (field.maxLength > 0) return field.maxLength;
    switch (field.type) {
    case FieldType::LongText:
        return 4000;
    case FieldType::Json:
        return 8000;
    case FieldType::Phone:
        return 32;
    case FieldType::Ref:
        return 36;
    case FieldType::Blob:
        return 64;
    default:
        return 200;
    }
}

const char* fieldTypeName(FieldType type)
{
    switch (type) {
    case FieldType::Text:
        return "text";
    case FieldType::LongText:
        return "long_text";
    case FieldType::Integer:
        return "integer";
    case FieldType::Real:
        return "real";
    case FieldType::Bool:
        return "bool";
    case FieldType::Date:
        return "date";
    case FieldType::DateTime:
        return "datetime";
    case FieldType::Enum:
        return "enum";
    case FieldType::Phone:
        return "phone";
    case FieldType::Json:
        return "json";
    case FieldType::Ref:
        return "ref";
    case FieldType::Money:
        return "money";
    case FieldType::GeoPoint:
        return "geopoint";
    case FieldType::Blob:
        return "blob";
    }
    return "?";
}

std::optional<GeoPoint> parseGeoPoint(std::string_view text)
{
    GeoPoint p;
    std::string parts[3];
    int n = 0;
    for (char c : text) {
        if (c == ',') {
            if (++n > 2) return std::nullopt;
            continue;
        }
        if (c != ' ') parts[n] += c;
    }
    if (n < 1) return std::nullopt;
    const auto number = [](const std::string& s, double& out) {
        if (s.empty()) return false;
        char* end = nullptr;
        out = std::strtod(s.c_str(), &end);
        return end == s.c_str() + s.size() && std::isfinite(out);
    };
    if (!number(parts[0], p.latitude) || !number(parts[1], p.longitude)) return std::nullopt;
    if (p.latitude < -90 || p.latitude > 90 || p.longitude < -180 || p.longitude > 180) return std::nullopt;
    if (n == 2 && !parts[2].empty()) {
        double accuracy = 0;
        if (!number(parts[2], accuracy) || accuracy < 0 || accuracy > 1e6) return std::nullopt;
        p.accuracyM = static_cast<std::int64_t>(std::llround(accuracy));
    }
    return p;
}

std::string formatGeoPoint(const GeoPoint& point)
{
    // Rounded first, so -0.0000001 is written as 0.000000 (one text per position).
    const auto degrees = [](double x) {
        const double rounded = std::round(x * 1e6) / 1e6;
        return rounded == 0 ? 0.0 : rounded;
    };
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f,%.6f,", degrees(point.latitude), degrees(point.longitude));
    std::string out(buf);
    if (point.accuracyM >= 0) out += std::to_string(point.accuracyM);
    return out;
}

std::string_view valueLabel(const Field& field, std::string_view value)
{
    for (std::size_t i = 0; i < field.values.size() && i < field.valueLabels.size(); ++i)
        if (field.values[i] == value) return field.valueLabels[i];
    return {};
}

const char* scopeKindName(ScopeKind kind)
{
    switch (kind) {
    case ScopeKind::AccountRoot:
    case ScopeKind::AccountChild:
        return "account";
    case ScopeKind::Global:
        return "global";
    case ScopeKind::Owner:
        return "owner";
    }
    return "account";
}

const char* mergePolicyName(MergePolicy policy)
{
    switch (policy) {
    case MergePolicy::Lww:
        return "lww";
    case MergePolicy::AppendOnly:
        return "append-only";
    case MergePolicy::Ledger:
        return "ledger";
    case MergePolicy::State:
        return "state";
    }
    return "?";
}

namespace {

// Number of code points, or -1 if the text is not valid UTF-8.
int utf8Length(std::string_view s)
{
    int count = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
        if (len == 0 || i + len > s.size()) return -1;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return -1;
        i += len;
        ++count;
    }
    return count;
}

// White space a value is trimmed of: ASCII space, tab, CR, LF, and the two spaces Chinese
// input adds unseen: U+3000 (ideographic, the IME's full-width space) and U+00A0 (no-break,
// from pasted web text).
std::string trim(std::string_view s)
{
    constexpr std::string_view kIdeographic = "\xe3\x80\x80";
    constexpr std::string_view kNoBreak = "\xc2\xa0";
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    for (bool changed = true; changed;) {
        changed = false;
        if (!s.empty() && isSpace(s.front())) s.remove_prefix(1), changed = true;
        if (!s.empty() && isSpace(s.back())) s.remove_suffix(1), changed = true;
        for (std::string_view wide : {kIdeographic, kNoBreak}) {
            if (s.starts_with(wide)) s.remove_prefix(wide.size()), changed = true;
            if (s.ends_with(wide)) s.remove_suffix(wide.size()), changed = true;
        }
    }
    return std::string(s);
}

// A control character (U+0000..U+001F, U+007F) other than those `allowed`.
bool hasControl(std::string_view s, std::string_view allowed)
{
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 || u == 0x7f) && allowed.find(c) == std::string_view::npos) return true;
    }
    return false;
}

// A small recursive-descent JSON checker: custom fields must be a JSON object. Depth is
// bounded so hostile input cannot exhaust the stack.
class JsonChecker {
public:
    explicit JsonChecker(std::string_view s) : s_(s) {}
    bool object()
    {
        ws();
        if (peek() != '{') return false;
        if (!value(0)) return false;
        ws();
        return pos_ == s_.size();
    }

private:
    char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
    void ws()
    {
        while (pos_ < s_.size() &&
               (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
            ++pos_;
    }
    bool literal(std::string_view word)
    {
        if (s_.substr(pos_, word.size()) != word) return false;
        pos_ += word.size();
        return true;
    }
    bool string()
    {
        if (peek() != '"') return false;
        ++pos_;
        while (pos_ < s_.size()) {
            const char c = s_[pos_++];
            if (c == '"') return true;
            if (static_cast<unsigned char>(c) < 0x20) return false;
            if (c == '\\') {
                if (pos_ >= s_.size()) return false;
                const char e = s_[pos_++];
                if (e == 'u') {
                    for (int k = 0; k < 4; ++k, ++pos_)
                        if (pos_ >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[pos_])))
                            return false;
                } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
                    return false;
                }
            }
        }
        return false;
    }
    bool number()
    {
        const std::size_t start = pos_;
        if (peek() == '-') ++pos_;
        while (pos_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.' ||
                                    s_[pos_] == 'e' || s_[pos_] == 'E' || s_[pos_] == '+' || s_[pos_] == '-'))
            ++pos_;
        return pos_ > start && std::isdigit(static_cast<unsigned char>(s_[pos_ - 1]));
    }
    bool value(int depth)
    {
        if (depth > 32) return false;
        ws();
        switch (peek()) {
        case '{': {
            ++pos_;
            ws();
            if (peek() == '}') {
                ++pos_;
                return true;
            }
            for (;;) {
                ws();
                if (!string()) return false;
                ws();
                if (peek() != ':') return false;
                ++pos_;
                if (!value(depth + 1)) return false;
                ws();
                if (peek() == ',') {
                    ++pos_;
                    continue;
                }
                if (peek() == '}') {
                    ++pos_;
                    return true;
                }
                return false;
            }
        }
        case '[': {
            ++pos_;
            ws();
            if (peek() == ']') {
                ++pos_;
                return true;
            }
            for (;;) {
                if (!value(depth + 1)) return false;
                ws();
                if (peek() == ',') {
                    ++pos_;
                    continue;
                }
                if (peek() == ']') {
                    ++pos_;
                    return true;
                }
                return false;
            }
        }
        case '"':
            return string();
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return number();
        }
    }
    std::string_view s_;
    std::size_t pos_ = 0;
};

bool validDate(std::string_view s)
{
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    if (std::from_chars(s.data(), s.data() + 4, y).ptr != s.data() + 4) return false;
    if (std::from_chars(s.data() + 5, s.data() + 7, m).ptr != s.data() + 7) return false;
    if (std::from_chars(s.data() + 8, s.data() + 10, d).ptr != s.data() + 10) return false;
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
    // Round-trip through the civil-day conversion rejects 02-30 and the like.
    return formatCivilDate(daysFromCivil(y, m, d)) == s;
}

Error fieldError(ErrorCode code, const Field& field, const std::string& what)
{
    return makeError(code, std::string(field.name) + ": " + what, std::string(field.name));
}

}  // namespace

Result<Value> validateField(const Field& field, const Value& value)
{
    if (isNull(value)) return Value{};
    // Values from forms arrive as text; numbers are accepted as text too.
    std::string text;
    if (const auto* s = std::get_if<std::string>(&value)) {
        if (utf8Length(*s) < 0) return fieldError(ErrorCode::BadFormat, field, "is not valid UTF-8 text");
        text = field.type == FieldType::LongText || field.type == FieldType::Json ? *s : trim(*s);
        if (text.empty()) return Value{};
    }
    const bool isText = std::holds_alternative<std::string>(value);

    switch (field.type) {
    case FieldType::Text:
    case FieldType::LongText: {
        if (!isText) text = valueToString(value);
        if (field.type == FieldType::Text && text.find_first_of("\r\n") != std::string::npos)
            return fieldError(ErrorCode::BadFormat, field, "must be a single line");
        if (hasControl(text,
                       field.type == FieldType::Text ? std::string_view() : std::string_view("\t\r\n", 3)))
            return fieldError(ErrorCode::BadFormat, field, "must not contain control characters");
        if (utf8Length(text) > effectiveMaxLength(field))
            return fieldError(ErrorCode::TooLong, field,
                              "is longer than " + std::to_string(effectiveMaxLength(field)) + " characters");
        return Value{text};
    }
    case FieldType::Integer:
    case FieldType::DateTime: {
        std::int64_t n = 0;
        if (const auto* i = std::get_if<std::int64_t>(&value)) {
            n = *i;
        } else if (const auto* d = std::get_if<double>(&value)) {
            if (std::floor(*d) != *d)
                return fieldError(ErrorCode::BadFormat, field, "must be a whole number");
            n = static_cast<std::int64_t>(*d);
        } else {
            auto r = std::from_chars(text.data(), text.data() + text.size(), n);
            if (r.ec != std::errc{} || r.ptr != text.data() + text.size())
                return fieldError(ErrorCode::BadFormat, field, "must be a whole number");
        }
        if (n < field.minValue || n > field.maxValue)
            return fieldError(ErrorCode::OutOfRange, field,
                              "must be between " + std::to_string(field.minValue) + " and " +
                                  std::to_string(field.maxValue));
        return Value{n};
    }
    case FieldType::Money: {
        // Fen as an integer (the stored and wire form), or yuan as typed: "1299", "1,299.5",
        // "¥1299.50" (at most two decimals, so no amount is rounded).
        std::int64_t fen = 0;
        if (const auto* i = std::get_if<std::int64_t>(&value)) {
            fen = *i;
        } else if (isText) {
            std::string digits;
            for (char c : text)
                if (c != ',' && c != ' ') digits += c;
            if (digits.starts_with("\xc2\xa5")) digits.erase(0, 2);      // ¥
            if (digits.starts_with("\xef\xbf\xa5")) digits.erase(0, 3);  // full-width ￥
            const bool negative = digits.starts_with('-');
            if (negative) digits.erase(0, 1);
            const std::size_t dot = digits.find('.');
            std::string whole = digits.substr(0, dot);
            std::string cents = dot == std::string::npos ? "" : digits.substr(dot + 1);
            const auto allDigits = [](const std::string& s) {
                return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
            };
            if (whole.empty() || whole.size() > 15 || cents.size() > 2 || !allDigits(whole) ||
                !allDigits(cents))
                return fieldError(ErrorCode::BadFormat, field, "must be an amount like 1299.50");
            cents.resize(2, '0');
            fen = std::stoll(whole) * 100 + std::stoll(cents);
            if (negative) fen = -fen;
        } else {
            return fieldError(ErrorCode::BadFormat, field, "must be an amount in fen");
        }
        if (fen < field.minValue || fen > field.maxValue)
            return fieldError(ErrorCode::OutOfRange, field,
                              fen < field.minValue ? "must not be negative" : "is too large");
        return Value{fen};
    }
    case FieldType::Blob: {
        if (!isText || text.size() != 64 || !std::all_of(text.begin(), text.end(), [](char c) {
                return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            }))
            return fieldError(ErrorCode::BadFormat, field,
                              "must name an attachment by its SHA-256 (64 lower-case hex digits)");
        return Value{text};
    }
    case FieldType::GeoPoint: {
        if (!isText)
            return fieldError(ErrorCode::BadFormat, field, "must be a position \"latitude,longitude\"");
        const auto point = parseGeoPoint(text);
        if (!point)
            return fieldError(ErrorCode::BadFormat, field,
                              "must be a position \"latitude,longitude[,accuracy in metres]\" with latitude "
                              "-90..90 and longitude -180..180");
        return Value{formatGeoPoint(*point)};
    }
    case FieldType::Real: {
        double x = 0;
        if (const auto* i = std::get_if<std::int64_t>(&value)) {
            x = static_cast<double>(*i);
        } else if (const auto* d = std::get_if<double>(&value)) {
            x = *d;
        } else {
            char* end = nullptr;
            x = std::strtod(text.c_str(), &end);
            if (end != text.c_str() + text.size())
                return fieldError(ErrorCode::BadFormat, field, "must be a number");
        }
        if (!std::isfinite(x)) return fieldError(ErrorCode::BadFormat, field, "must be a number");
        if (x < 0) return fieldError(ErrorCode::OutOfRange, field, "must be at least 0");
        return Value{x};
    }
    case FieldType::Bool: {
        if (const auto* i = std::get_if<std::int64_t>(&value)) {
            if (*i == 0 || *i == 1) return Value{*i};
        } else if (text == "true" || text == "1") {
            return Value{std::int64_t{1}};
        } else if (text == "false" || text == "0") {
            return Value{std::int64_t{0}};
        }
        return fieldError(ErrorCode::BadFormat, field, "must be true or false");
    }
    case FieldType::Date:
        if (!isText || !validDate(text))
            return fieldError(ErrorCode::BadFormat, field, "must be a date YYYY-MM-DD");
        return Value{text};
    case FieldType::Enum:
        if (!isText || std::find(field.values.begin(), field.values.end(), text) == field.values.end())
            return fieldError(ErrorCode::BadEnum, field,
                              valueToString(value).append(" is not one of the allowed values"));
        return Value{text};
    case FieldType::Phone: {
        if (!isText) text = valueToString(value);
        std::string digits;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            if ((c >= '0' && c <= '9') || (c == '+' && digits.empty() && i == 0))
                digits += c;
            else if (c != ' ' && c != '-' && c != '(' && c != ')')
                return fieldError(ErrorCode::BadFormat, field,
                                  "may contain only digits, spaces, dashes and a leading +");
        }
        const std::size_t n = digits.size() - (digits.starts_with('+') ? 1 : 0);
        if (n < 5 || n > 20) return fieldError(ErrorCode::BadFormat, field, "must have 5 to 20 digits");
        // Mainland mobile numbers: 11 digits starting 13–19.
        if (digits.size() == 11 && digits[0] == '1' && (digits[1] < '3'))
            return fieldError(ErrorCode::BadFormat, field, "is not a valid mobile number");
        if (digits.size() != 11 && digits[0] == '1')
            return fieldError(ErrorCode::BadFormat, field, "a mobile number has 11 digits");
        return Value{digits};
    }
    case FieldType::Json:
        if (!isText || !JsonChecker(text).object())
            return fieldError(ErrorCode::BadFormat, field, "must be a JSON object");
        if (static_cast<int>(text.size()) > effectiveMaxLength(field))
            return fieldError(ErrorCode::TooLong, field, "is too large");
        return Value{text};
    case FieldType::Ref: {
        std::string lower = text;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        if (!isText || !isUuid(lower)) return fieldError(ErrorCode::BadFormat, field, "must be a record id");
        return Value{lower};
    }
    }
    return fieldError(ErrorCode::BadFormat, field, "has an unknown type");
}

std::vector<Error> validateRecord(const Entity& e, const std::map<std::string, Value, std::less<>>& fields,
                                  bool creating, std::map<std::string, Value, std::less<>>* clean)
{
    std::vector<Error> errors;
    std::map<std::string, Value, std::less<>> good;
    for (const auto& [name, value] : fields) {
        const Field* f = e.field(name);
        if (!f) {
            errors.push_back(makeError(ErrorCode::UnknownField,
                                       std::string(e.name) + " has no field '" + name + "'", name));
            continue;
        }
        auto checked = validateField(*f, value);
        if (!checked) {
            errors.push_back(checked.error());
            continue;
        }
        good.emplace(name, std::move(*checked));
    }
    for (const Field& f : e.fields) {
        if (!f.required) continue;
        const bool given = fields.find(f.name) != fields.end();
        if (given && good.find(f.name) == good.end()) continue;  // already reported as invalid
        auto it = good.find(f.name);
        const bool missing = it == good.end() ? creating : isNull(it->second);
        if (missing)
            errors.push_back(
                makeError(ErrorCode::Required, std::string(f.name) + " is required", std::string(f.name)));
    }
    if (clean) *clean = std::move(good);
    return errors;
}

std::vector<Error> checkEntryRules(const Entity& e, const Fields& record)
{
    std::vector<Error> errors;
    for (const EntryRule& rule : e.entryRules) {
        if (!rule.holds(record))
            errors.push_back(makeError(ErrorCode::Rule, std::string(rule.message), std::string(rule.field)));
    }
    return errors;
}

namespace {

std::string columnDef(const Field& f)
{
    std::string def = std::string(f.name) + ' ';
    switch (f.type) {
    case FieldType::Integer:
    case FieldType::Bool:
    case FieldType::DateTime:
    case FieldType::Money:
        def += "INTEGER";
        break;
    case FieldType::Real:
        def += "REAL";
        break;
    default:
        def += "TEXT";
        break;
    }
    // No SQL foreign key: a synced record may refer to a record outside this device's
    // scope (a referral from another rep's account). Local writes check references in
    // the Store; reads tolerate a missing target.
    return def;
}

}  // namespace

std::vector<std::string> createTableDdl(const Entity& e)
{
    const std::string table(e.name);
    std::string sql = "CREATE TABLE " + table + " (\n  id TEXT PRIMARY KEY NOT NULL";
    for (const Field& f : e.fields)
        sql += ",\n  " + columnDef(f);
    // HLC of the write that created the record, and per-field stamps ({"field": "hlc"})
    // only for fields changed since: a field's stamp is _clock[field] or else _hlc. Keeps
    // rows small (most records are never edited) while merges stay field by field.
    sql += ",\n  _hlc TEXT NOT NULL DEFAULT ''";
    sql += ",\n  _clock TEXT NOT NULL DEFAULT '{}'\n)";
    std::vector<std::string> out{std::move(sql)};
    for (const Field& f : e.fields)
        if (f.type == FieldType::Ref)
            out.push_back("CREATE INDEX " + table + "_" + std::string(f.name) + " ON " + table + "(" +
                          std::string(f.name) + ")");
    return out;
}

std::vector<std::string> addColumnDdl(const Entity& e, const Field& f)
{
    const std::string table(e.name);
    std::vector<std::string> out{"ALTER TABLE " + table + " ADD COLUMN " + columnDef(f)};
    if (f.type == FieldType::Ref)
        out.push_back("CREATE INDEX " + table + "_" + std::string(f.name) + " ON " + table + "(" +
                      std::string(f.name) + ")");
    return out;
}

}  // namespace fb::schema
