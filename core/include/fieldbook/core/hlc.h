// Hybrid logical clock: every change is stamped so that replicas can order concurrent
// edits the same way everywhere (last writer wins per field, ties broken by device id).
// A stamp is physical milliseconds plus a logical counter; its text form sorts in the same
// order as the stamps themselves, so it can be compared in SQL and in C++ alike.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fieldbook/core/clock.h"

namespace fb {

struct HlcStamp {
    std::int64_t wallMs = 0;
    std::uint32_t counter = 0;
    std::string deviceId;

    static constexpr std::uint32_t kMaxCounter = 0xffff;  // four hex digits

    // "0000018c1f2a3b4c-0001-<deviceId>": 16 hex wall, 4 hex counter, then the device.
    std::string toString() const;
    // Strict: lower-case hex (stamps compare as strings), a wall below 2^63 ms, a counter of
    // four digits and a non-empty device part. Anything else is not a stamp.
    static std::optional<HlcStamp> parse(std::string_view text);
    // The smallest stamp after this one for `device`: the counter counts up, and past
    // kMaxCounter the wall moves on by a millisecond (the text form never grows a digit).
    HlcStamp next(std::string device) const;
    friend bool operator<(const HlcStamp& a, const HlcStamp& b);
    friend bool operator==(const HlcStamp& a, const HlcStamp& b) = default;
};

// Issues stamps for one device. Not thread-safe: owned by the single writer.
class HybridClock {
public:
    HybridClock(const Clock& clock, std::string deviceId, HlcStamp last = {});
    // A stamp later than every stamp issued or observed so far.
    HlcStamp now();
    // Take a stamp seen from another replica into account, so our next stamp is later.
    void observe(const HlcStamp& remote);
    const HlcStamp& last() const { return last_; }

private:
    const Clock& clock_;
    std::string deviceId_;
    HlcStamp last_;
};

}  // namespace fb
