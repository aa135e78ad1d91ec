// Record ids are UUIDv7 strings made on the device (RFC 9562): time-ordered, so inserts
// stay local in B-trees, and unique without asking a server, so the server never renames
// a record and a retried upload cannot create a duplicate.
#pragma once

#include <random>
#include <string>
#include <string_view>

#include "fieldbook/core/clock.h"

namespace fb {

class IdGenerator {
public:
    explicit IdGenerator(const Clock& clock, std::uint64_t seed = std::random_device{}());
    // Lower-case canonical form, e.g. "018c1f2a-3b4c-7d5e-8f60-0123456789ab".
    std::string next();

private:
    const Clock& clock_;
    std::mt19937_64 rng_;
    std::int64_t lastMs_ = 0;
    std::uint16_t seq_ = 0;  // monotonic within one millisecond (RFC 9562 method 1)
};

bool isUuid(std::string_view text);

}  // namespace fb
