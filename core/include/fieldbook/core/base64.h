// Base64 (RFC 4648, the standard alphabet, padded), for photos carried as text (the `photo`
// field type). Decoding is strict: no whitespace, no missing padding, no other alphabet.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fb {

std::string encodeBase64(std::string_view bytes);
std::optional<std::string> decodeBase64(std::string_view text);

}  // namespace fb
