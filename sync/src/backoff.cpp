// Exponential backoff with full jitter; see backoff.h.
#include "fieldbook/sync/backoff.h"

#include <algorithm>
#include <memory>
#include <random>

namespace fb::sync {

Backoff::Backoff(RandomSource random, std::int64_t baseMs, std::int64_t capMs)
    : random_(std::move(random)), baseMs_(std::max<std::int64_t>(1, baseMs)), capMs_(std::max(capMs, baseMs))
{}

std::int64_t Backoff::currentCeilingMs() const
{
    // Doubling stops at the cap; counting shifts only that far keeps 2^n from overflowing.
    std::int64_t ceiling = baseMs_;
    for (int i = 1; i < failures_ && ceiling < capMs_; ++i)
        ceiling *= 2;
    return std::min(ceiling, capMs_);
}

std::int64_t Backoff::next()
{
    ++failures_;
    const double r = std::clamp(random_(), 0.0, 1.0);
    return static_cast<std::int64_t>(r * static_cast<double>(currentCeilingMs()));
}

void Backoff::reset()
{
    failures_ = 0;
}

Backoff::RandomSource seededRandom(std::uint64_t seed)
{
    auto engine = std::make_shared<std::mt19937_64>(seed);
    // Built from the raw 64-bit draw, not std::uniform_real_distribution, so the sequence is
    // the same with every standard library.
    return [engine] { return static_cast<double>((*engine)() >> 11) * 0x1.0p-53; };
}

Backoff::RandomSource systemRandom()
{
    std::random_device rd;
    return seededRandom((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
}

}  // namespace fb::sync
