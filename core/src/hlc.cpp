// Hybrid logical clock stamps and their sortable text form.
#include "fieldbook/core/hlc.h"

#include <charconv>
#include <cstdio>
#include <tuple>

namespace fb {

std::string HlcStamp::toString() const
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%016llx-%04x-", static_cast<unsigned long long>(wallMs),
                  static_cast<unsigned>(counter));
    return std::string(buf) + deviceId;
}

std::optional<HlcStamp> HlcStamp::parse(std::string_view text)
{
    // 16 hex + '-' + 4 hex + '-' + device id (non-empty)
    if (text.size() < 23 || text[16] != '-' || text[21] != '-') return std::nullopt;
    for (std::size_t i = 0; i < 21; ++i) {
        if (i == 16) continue;
        const char c = text[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
    }
    // A wall of 2^63 or more would read as negative and pass every "too far ahead" check.
    if (text[0] > '7') return std::nullopt;
    HlcStamp s;
    unsigned long long wall = 0;
    unsigned counter = 0;
    std::from_chars(text.data(), text.data() + 16, wall, 16);
    std::from_chars(text.data() + 17, text.data() + 21, counter, 16);
    s.wallMs = static_cast<std::int64_t>(wall);
    s.counter = counter;
    s.deviceId = std::string(text.substr(22));
    return s;
}

HlcStamp HlcStamp::next(std::string device) const
{
    if (counter < kMaxCounter) return HlcStamp{wallMs, counter + 1, std::move(device)};
    return HlcStamp{wallMs + 1, 0, std::move(device)};
}

bool operator<(const HlcStamp& a, const HlcStamp& b)
{
    return std::tie(a.wallMs, a.counter, a.deviceId) < std::tie(b.wallMs, b.counter, b.deviceId);
}

HybridClock::HybridClock(const Clock& clock, std::string deviceId, HlcStamp last)
    : clock_(clock), deviceId_(std::move(deviceId)), last_(std::move(last))
{}

HlcStamp HybridClock::now()
{
    const std::int64_t physical = clock_.nowMs();
    if (physical > last_.wallMs) {
        last_.wallMs = physical;
        last_.counter = 0;
    } else {
        // The wall clock went backwards or stood still: keep the wall, count up, so stamps
        // stay strictly increasing on this device.
        last_ = last_.next(deviceId_);
    }
    last_.deviceId = deviceId_;
    return last_;
}

void HybridClock::observe(const HlcStamp& remote)
{
    if (remote.wallMs > last_.wallMs || (remote.wallMs == last_.wallMs && remote.counter > last_.counter)) {
        last_.wallMs = remote.wallMs;
        last_.counter = remote.counter;
    }
}

}  // namespace fb
