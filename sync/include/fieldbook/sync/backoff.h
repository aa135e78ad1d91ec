// Retry pacing for sync (docs/sync-protocol.md, "Retry"): exponential backoff with full
// jitter — the n-th consecutive failure waits a uniformly random time in
// [0, min(cap, base * 2^(n-1))] — so thousands of phones that lost the network together do
// not come back together. The app's sync scheduler owns one Backoff; the engine calls
// next() after a retryable failure and reset() after a success, and never sleeps itself.
// The random source is injected so tests are deterministic. Not thread-safe: used by the
// sync worker thread only.
#pragma once

#include <cstdint>
#include <functional>

namespace fb::sync {

class Backoff {
public:
    // Returns a uniformly distributed number in [0, 1).
    using RandomSource = std::function<double()>;

    explicit Backoff(RandomSource random, std::int64_t baseMs = 1000,
                     std::int64_t capMs = std::int64_t{5} * 60 * 1000);

    // The delay before the next attempt, in ms; each call counts one more failure.
    std::int64_t next();
    // After a success: the next failure starts from the base again.
    void reset();
    int failures() const { return failures_; }
    // The upper bound next() will draw from (for display: "retrying within 8 s").
    std::int64_t currentCeilingMs() const;

private:
    RandomSource random_;
    std::int64_t baseMs_;
    std::int64_t capMs_;
    int failures_ = 0;
};

// A RandomSource over std::mt19937_64 seeded with `seed` (tests) or from std::random_device.
Backoff::RandomSource seededRandom(std::uint64_t seed);
Backoff::RandomSource systemRandom();

}  // namespace fb::sync
