// A strict pull reader of JSON text (RFC 8259) for the sync messages that carry thousands of
// records: values are read straight into std::string and numbers, without building a
// document tree or converting through UTF-16 (what QJsonDocument does), so a pulled page
// decodes several times faster. Strings must be valid UTF-8; \u escapes (surrogate pairs
// included) are decoded; nesting is limited. The first error stops the reader and is kept
// with its byte offset. Internal to fb_sync.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fb::sync::json {

enum class Kind { Null, False, True, Number, String, Array, Object, Invalid };

// A number as written: integral values within ±2^53 also as an integer.
struct Number {
    double value = 0;
    bool integral = false;  // no fraction or exponent, and exactly representable
    std::int64_t integer = 0;
};

class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) {}

    // The kind of the next value (after whitespace), without consuming it.
    Kind peek();
    // Object members: `beginObject`, then `nextMember` until it returns false (the closing
    // brace, or an error), reading or skipping each member's value in between.
    bool beginObject();
    bool nextMember(std::string& key);
    // Array elements likewise: `beginArray`, then `nextElement` before each element.
    bool beginArray();
    bool nextElement();

    bool readString(std::string& out);
    bool readNumber(Number& out);
    bool readBool(bool& out);
    bool readNull();
    bool skipValue();
    // After the top-level value: only whitespace may follow.
    bool end();

    bool failed() const { return !error_.empty(); }
    // "what at offset N" for the first error.
    std::string error() const { return error_ + " at offset " + std::to_string(errorAt_); }

private:
    bool fail(const char* what);
    bool open(char bracket, const char* what);
    // Before the next member or element: false at the closing bracket (or an error).
    bool next(char close, const char* what);
    void skipSpace();
    bool expect(char c, const char* what);
    bool skipValue(int depth);

    std::string_view text_;
    std::size_t pos_ = 0;
    int depth_ = 0;
    bool first_ = false;  // before the first member or element of the current container
    std::string error_;
    std::size_t errorAt_ = 0;
};

}  // namespace fb::sync::json
