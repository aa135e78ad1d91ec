// UUIDv7 generation (RFC 9562): 48-bit Unix milliseconds, version 7, a 12-bit counter for
// ids made within the same millisecond, variant bits, then 62 random bits.
#include "fieldbook/core/id.h"

#include <cstdio>

namespace fb {

IdGenerator::IdGenerator(const Clock& clock, std::uint64_t seed) : clock_(clock), rng_(seed) {}

std::string IdGenerator::next()
{
    std::int64_t ms = clock_.nowMs();
    if (ms <= lastMs_) {
        // Same millisecond (or the clock stepped back): count up so ids stay ordered.
        ms = lastMs_;
        if (++seq_ > 0x0fff) {
            ++ms;
            seq_ = 0;
        }
    } else {
        seq_ = static_cast<std::uint16_t>(rng_() & 0x01ff);  // random start, room to count
    }
    lastMs_ = ms;
    const auto wall = static_cast<std::uint64_t>(ms) & 0xffffffffffffULL;
    const std::uint64_t hi = (wall << 16) | 0x7000ULL | (seq_ & 0x0fffULL);
    const std::uint64_t lo = (rng_() & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
    char buf[40];
    std::snprintf(
        buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(hi >> 32),
        static_cast<unsigned long long>((hi >> 16) & 0xffff), static_cast<unsigned long long>(hi & 0xffff),
        static_cast<unsigned long long>(lo >> 48), static_cast<unsigned long long>(lo & 0xffffffffffffULL));
    return buf;
}

bool isUuid(std::string_view t)
{
    if (t.size() != 36) return false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

}  // namespace fb
