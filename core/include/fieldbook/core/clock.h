// Time comes from a Clock that is passed in, never from now() inside logic, so tests can
// run on a FakeClock (tests/fakes) and behaviour near midnight or month ends is testable.
#pragma once

#include <cstdint>
#include <string>

namespace fb {

class Clock {
public:
    virtual ~Clock() = default;
    // Milliseconds since the Unix epoch (UTC).
    virtual std::int64_t nowMs() const = 0;
    // Offset of local time from UTC at the given instant, in minutes (e.g. +480 for Beijing).
    virtual int utcOffsetMinutes(std::int64_t atMs) const = 0;
};

// The system clock and time zone.
class SystemClock final : public Clock {
public:
    std::int64_t nowMs() const override;
    int utcOffsetMinutes(std::int64_t atMs) const override;
};

// A clock that only moves when told to. Thread-compatible, not thread-safe.
class FakeClock final : public Clock {
public:
    explicit FakeClock(std::int64_t startMs, int utcOffsetMinutes = 480)
        : now_(startMs), offset_(utcOffsetMinutes)
    {}
    std::int64_t nowMs() const override { return now_; }
    int utcOffsetMinutes(std::int64_t) const override { return offset_; }
    void advance(std::int64_t ms) { now_ += ms; }
    void set(std::int64_t ms) { now_ = ms; }

private:
    std::int64_t now_;
    int offset_;
};

// "YYYY-MM-DD" of the local calendar day now.
std::string localToday(const Clock& clock);
// "YYYY-MM-DD" of a date given as days since 1970-01-01, and back (proleptic Gregorian).
std::string formatCivilDate(std::int64_t daysSinceEpoch);
std::int64_t daysFromCivil(int year, unsigned month, unsigned day);

}  // namespace fb
