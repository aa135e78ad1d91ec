// SHA-256 of a byte string, as 32 raw bytes (a small portable implementation: core has no
// crypto library and needs digests only for divergence checks, not for security), and hex.
#pragma once

#include <string>
#include <string_view>

namespace fb {

std::string sha256(std::string_view data);
std::string toHex(std::string_view bytes);

}  // namespace fb
