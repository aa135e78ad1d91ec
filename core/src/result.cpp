// Stable names of error codes, for logs, the CLI and the UI's message lookup.
#include "fieldbook/core/result.h"

namespace fb {

const char* errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Required:
        return "required";
    case ErrorCode::TooLong:
        return "too_long";
    case ErrorCode::BadFormat:
        return "bad_format";
    case ErrorCode::BadEnum:
        return "bad_enum";
    case ErrorCode::OutOfRange:
        return "out_of_range";
    case ErrorCode::Duplicate:
        return "duplicate";
    case ErrorCode::UnknownField:
        return "unknown_field";
    case ErrorCode::NotFound:
        return "not_found";
    case ErrorCode::Conflict:
        return "conflict";
    case ErrorCode::ReadOnly:
        return "read_only";
    case ErrorCode::Rule:
        return "rule";
    case ErrorCode::Storage:
        return "storage";
    }
    return "unknown";
}

}  // namespace fb
