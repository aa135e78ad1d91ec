// Result<T>: the value of an operation that can fail in normal use (validation, not found,
// conflict), or the Error saying why. Exceptions are kept for bugs and corruption.
// Error codes are stable identifiers that the UI maps to translated messages; `message`
// is English for logs and the command line; `field` names the offending field, if any.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace fb {

enum class ErrorCode {
    Required,       // a required field is empty
    TooLong,        // longer than the declared maximum
    BadFormat,      // phone, date, number, JSON... not in the expected form
    BadEnum,        // not one of the declared values
    OutOfRange,     // well-formed but outside what is allowed (age range, a future date)
    Duplicate,      // already recorded (the same role holder, a second referrer)
    UnknownField,   // the entity declares no such field
    NotFound,       // no record with that id
    Conflict,       // the change contradicts existing data (cycle, duplicate...)
    ReadOnly,       // the record or field cannot be changed (append-only)
    Storage,        // SQLite reported an error
};

const char* errorCodeName(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::Storage;
    std::string message;  // English, for logs and the CLI
    std::string field;    // offending field, empty when not about one field
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
    Result(Error error) : m_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return m_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(m_); }
    const T& value() const& { return std::get<0>(m_); }
    T&& value() && { return std::get<0>(std::move(m_)); }
    const Error& error() const { return std::get<1>(m_); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    std::variant<T, Error> m_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)
    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const Error& error() const { return error_; }

private:
    Error error_;
    bool ok_ = true;
};

inline Error makeError(ErrorCode code, std::string message, std::string field = {})
{
    return Error{code, std::move(message), std::move(field)};
}

}  // namespace fb
