// Result<T>: the value of an operation that can fail in normal use (validation, not found,
// conflict), or the Error saying why. Exceptions are kept for bugs and corruption.
// Error codes are stable identifiers that the UI maps to translated messages; `message`
// is English for logs and the command line; `field` names the offending field, if any.
// A layer that needs to say more than an ErrorCode (the sync engine's protocol error codes)
// uses an Error subclass as E: Result<T, SignInError> still answers error().code/message.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace fb {

enum class ErrorCode {
    Required,      // a required field is empty
    TooLong,       // longer than the declared maximum
    BadFormat,     // phone, date, number, JSON... not in the expected form
    BadEnum,       // not one of the declared values
    OutOfRange,    // well-formed but outside what is allowed (age range, a future date)
    Duplicate,     // already recorded (the same role holder, a second referrer)
    UnknownField,  // the entity declares no such field
    NotFound,      // no record with that id
    Conflict,      // the change contradicts existing data (cycle, duplicate...)
    ReadOnly,      // the record or field cannot be changed (append-only)
    Rule,          // breaks a rule between fields of one record (an end before its start);
                   // `message` is the rule's text, a label key (context "Validation")
    Storage,       // SQLite reported an error
};

const char* errorCodeName(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::Storage;
    std::string message;  // English, for logs and the CLI
    std::string field;    // offending field, empty when not about one field
};

template <typename T, typename E = Error> class [[nodiscard]] Result {
public:
    Result(T value) : m_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
    Result(E error) : m_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return m_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(m_); }
    const T& value() const& { return std::get<0>(m_); }
    T&& value() && { return std::get<0>(std::move(m_)); }
    const E& error() const { return std::get<1>(m_); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    std::variant<T, E> m_;
};

template <typename E> class [[nodiscard]] Result<void, E> {
public:
    Result() = default;
    Result(E error) : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)
    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const E& error() const { return error_; }

private:
    E error_;
    bool ok_ = true;
};

inline Error makeError(ErrorCode code, std::string message, std::string field = {})
{
    return Error{code, std::move(message), std::move(field)};
}

}  // namespace fb
