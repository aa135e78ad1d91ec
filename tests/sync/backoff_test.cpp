// Backoff: exponential growth, full jitter, the cap and reset.
#include <catch2/catch.hpp>

#include "fieldbook/sync/backoff.h"

using fb::sync::Backoff;

TEST_CASE("backoff doubles its ceiling per failure up to five minutes and starts over after a success",
          "[sync][backoff]")
{
    Backoff alwaysMax([] { return 0.999999; });
    std::int64_t previous = 0;
    for (int i = 1; i <= 20; ++i) {
        const std::int64_t delay = alwaysMax.next();
        CHECK(delay <= 5 * 60 * 1000);
        CHECK(delay >= previous);
        previous = delay;
    }
    CHECK(previous > 299'000);
    CHECK(alwaysMax.failures() == 20);
    alwaysMax.reset();
    CHECK(alwaysMax.next() < 1000);
    CHECK(alwaysMax.next() < 2000);
    CHECK(alwaysMax.currentCeilingMs() == 2000);
}

TEST_CASE("backoff jitter spreads delays over the whole window and is reproducible from a seed",
          "[sync][backoff]")
{
    Backoff a(fb::sync::seededRandom(7));
    Backoff b(fb::sync::seededRandom(7));
    std::int64_t low = INT64_MAX, high = 0;
    for (int i = 0; i < 200; ++i) {
        for (int k = 0; k < 4; ++k) {
            const auto da = a.next();
            CHECK(da == b.next());
            if (k == 3) low = std::min(low, da), high = std::max(high, da);
        }
        a.reset();
        b.reset();
    }
    // Fourth failure: window [0, 8 s].
    CHECK(low < 1000);
    CHECK(high > 7000);
    CHECK(high <= 8000);
}
