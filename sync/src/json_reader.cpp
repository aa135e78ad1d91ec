// See json_reader.h.
#include "json_reader.h"

#include <charconv>
#include <cmath>

namespace fb::sync::json {

namespace {

constexpr int kMaxDepth = 64;
constexpr double kMaxSafeInteger = 9007199254740991.0;  // 2^53 - 1

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void appendUtf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// The length of the valid UTF-8 sequence starting at s[0] (0 if invalid): no overlong forms,
// no surrogates, nothing above U+10FFFF.
std::size_t utf8Sequence(std::string_view s)
{
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char c = b(0);
    if (c < 0x80) return 1;
    const auto cont = [&](std::size_t i) { return i < s.size() && (b(i) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) return 0;
        if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
        if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) return 0;
        if (c == 0xF0 && b(1) < 0x90) return 0;   // overlong
        if (c == 0xF4 && b(1) >= 0x90) return 0;  // above U+10FFFF
        return 4;
    }
    return 0;
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

bool Reader::fail(const char* what)
{
    if (error_.empty()) {
        error_ = what;
        errorAt_ = pos_;
    }
    pos_ = text_.size();  // nothing more is read
    return false;
}

void Reader::skipSpace()
{
    while (pos_ < text_.size() && isSpace(text_[pos_]))
        ++pos_;
}

bool Reader::expect(char c, const char* what)
{
    skipSpace();
    if (pos_ >= text_.size() || text_[pos_] != c) return fail(what);
    ++pos_;
    return true;
}

Kind Reader::peek()
{
    if (failed()) return Kind::Invalid;
    skipSpace();
    if (pos_ >= text_.size()) return Kind::Invalid;
    switch (text_[pos_]) {
    case 'n':
        return Kind::Null;
    case 'f':
        return Kind::False;
    case 't':
        return Kind::True;
    case '"':
        return Kind::String;
    case '[':
        return Kind::Array;
    case '{':
        return Kind::Object;
    default: {
        const char c = text_[pos_];
        return c == '-' || (c >= '0' && c <= '9') ? Kind::Number : Kind::Invalid;
    }
    }
}

bool Reader::open(char bracket, const char* what)
{
    if (depth_ >= kMaxDepth) return fail("nested too deeply");
    if (!expect(bracket, what)) return false;
    ++depth_;
    first_ = true;
    return true;
}

bool Reader::next(char close, const char* what)
{
    if (failed()) return false;
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == close) {
        ++pos_;
        --depth_;
        first_ = false;
        return false;
    }
    if (!first_ && !expect(',', what)) return false;
    first_ = false;
    return true;
}

bool Reader::beginObject()
{
    return open('{', "expected an object");
}

bool Reader::nextMember(std::string& key)
{
    if (!next('}', "expected ',' or '}' after a member")) return false;
    skipSpace();
    if (pos_ >= text_.size() || text_[pos_] != '"') return fail("expected a member name");
    if (!readString(key)) return false;
    return expect(':', "expected ':' after a member name");
}

bool Reader::beginArray()
{
    return open('[', "expected an array");
}

bool Reader::nextElement()
{
    return next(']', "expected ',' or ']' after an element");
}

bool Reader::readString(std::string& out)
{
    out.clear();
    if (!expect('"', "expected a string")) return false;
    for (;;) {
        // The run up to the next quote, backslash or byte that needs a look.
        std::size_t run = pos_;
        while (run < text_.size()) {
            const auto c = static_cast<unsigned char>(text_[run]);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
            ++run;
        }
        out.append(text_.substr(pos_, run - pos_));
        pos_ = run;
        if (pos_ >= text_.size()) return fail("unterminated string");
        const auto c = static_cast<unsigned char>(text_[pos_]);
        if (c == '"') {
            ++pos_;
            return true;
        }
        if (c < 0x20) return fail("control character in a string");
        if (c >= 0x80) {
            const std::size_t len = utf8Sequence(text_.substr(pos_));
            if (len == 0) return fail("invalid UTF-8 in a string");
            out.append(text_.substr(pos_, len));
            pos_ += len;
            continue;
        }
        // A backslash escape.
        if (++pos_ >= text_.size()) return fail("unterminated string");
        const char e = text_[pos_++];
        switch (e) {
        case '"':
            out += '"';
            break;
        case '\\':
            out += '\\';
            break;
        case '/':
            out += '/';
            break;
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case 'u': {
            const auto hex4 = [&](char32_t& cp) {
                if (pos_ + 4 > text_.size()) return false;
                cp = 0;
                for (int i = 0; i < 4; ++i) {
                    const int d = hexDigit(text_[pos_++]);
                    if (d < 0) return false;
                    cp = cp * 16 + static_cast<char32_t>(d);
                }
                return true;
            };
            char32_t cp = 0;
            if (!hex4(cp)) return fail("bad \\u escape");
            if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("unpaired surrogate escape");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                char32_t low = 0;
                if (pos_ + 2 > text_.size() || text_[pos_] != '\\' || text_[pos_ + 1] != 'u')
                    return fail("unpaired surrogate escape");
                pos_ += 2;
                if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return fail("unpaired surrogate escape");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            }
            appendUtf8(out, cp);
            break;
        }
        default:
            return fail("bad escape in a string");
        }
    }
}

bool Reader::readNumber(Number& out)
{
    skipSpace();
    const std::size_t start = pos_;
    const auto digits = [&] {
        const std::size_t from = pos_;
        while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9')
            ++pos_;
        return pos_ - from;
    };
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    if (pos_ >= text_.size()) return fail("expected a number");
    if (text_[pos_] == '0')
        ++pos_;
    else if (digits() == 0)
        return fail("expected a number");
    if (pos_ < text_.size() && text_[pos_] == '.') {
        ++pos_;
        if (digits() == 0) return fail("bad number");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
        ++pos_;
        if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
        if (digits() == 0) return fail("bad number");
    }
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    const auto parsed = std::from_chars(first, last, out.value);
    if (parsed.ec == std::errc::result_out_of_range) return fail("number out of range");
    if (parsed.ec != std::errc{} || parsed.ptr != last) return fail("bad number");
    // Whole values count as integers however written (1e3, 1000.0), as QJsonValue saw them.
    out.integral = false;
    if (std::isfinite(out.value) && std::floor(out.value) == out.value &&
        std::fabs(out.value) <= kMaxSafeInteger) {
        out.integral = true;
        out.integer = static_cast<std::int64_t>(out.value);
    }
    return true;
}

bool Reader::readBool(bool& out)
{
    skipSpace();
    if (text_.substr(pos_, 4) == "true") {
        pos_ += 4;
        out = true;
        return true;
    }
    if (text_.substr(pos_, 5) == "false") {
        pos_ += 5;
        out = false;
        return true;
    }
    return fail("expected true or false");
}

bool Reader::readNull()
{
    skipSpace();
    if (text_.substr(pos_, 4) != "null") return fail("expected null");
    pos_ += 4;
    return true;
}

bool Reader::skipValue()
{
    return skipValue(depth_);
}

bool Reader::skipValue(int depth)
{
    switch (peek()) {
    case Kind::Null:
        return readNull();
    case Kind::False:
    case Kind::True: {
        bool b = false;
        return readBool(b);
    }
    case Kind::Number: {
        Number n;
        return readNumber(n);
    }
    case Kind::String: {
        std::string s;
        return readString(s);
    }
    case Kind::Array:
        if (!beginArray()) return false;
        while (nextElement())
            if (!skipValue(depth + 1)) return false;
        return !failed();
    case Kind::Object: {
        if (!beginObject()) return false;
        std::string key;
        while (nextMember(key))
            if (!skipValue(depth + 1)) return false;
        return !failed();
    }
    case Kind::Invalid:
        break;
    }
    return fail(pos_ >= text_.size() ? "unexpected end of text" : "expected a value");
}

bool Reader::end()
{
    if (failed()) return false;
    skipSpace();
    if (pos_ != text_.size()) return fail("unexpected text after the value");
    return true;
}

}  // namespace fb::sync::json
