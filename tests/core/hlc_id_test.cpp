// Ids and clock stamps: unique, ordered, and robust against a clock that goes backwards.
#include <catch2/catch.hpp>

#include <set>

#include "fieldbook/core/hlc.h"
#include "fieldbook/core/id.h"

using namespace fb;

TEST_CASE("UUIDv7 ids are well-formed, unique and ordered by creation time", "[core][id]")
{
    FakeClock clock(1'772'413'200'000);
    IdGenerator ids(clock, 7);
    std::set<std::string> seen;
    std::string previous;
    for (int i = 0; i < 5000; ++i) {
        if (i % 100 == 0) clock.advance(1);
        const std::string id = ids.next();
        CHECK(isUuid(id));
        CHECK(id[14] == '7');                                          // version 7
        CHECK(std::string("89ab").find(id[19]) != std::string::npos);  // RFC variant
        CHECK(id > previous);
        previous = id;
        seen.insert(id);
    }
    CHECK(seen.size() == 5000);
    CHECK_FALSE(isUuid("not-a-uuid"));
    CHECK_FALSE(isUuid("018C1F2A-3B4C-7D5E-8F60-0123456789AB"));  // canonical form is lower case
}

TEST_CASE("hybrid clock stamps increase even when the wall clock steps back", "[core][hlc]")
{
    FakeClock clock(1'000'000);
    HybridClock hlc(clock, "dev-a");
    const HlcStamp a = hlc.now();
    const HlcStamp b = hlc.now();  // same millisecond
    CHECK(a < b);
    clock.set(500'000);  // clock stepped back
    const HlcStamp c = hlc.now();
    CHECK(b < c);
    CHECK(c.wallMs == 1'000'000);
    CHECK(c.toString() > b.toString());  // text order agrees

    // A remote stamp ahead of us moves our next stamp past it.
    HlcStamp remote{2'000'000, 5, "dev-b"};
    hlc.observe(remote);
    const HlcStamp d = hlc.now();
    CHECK(remote < d);
}

TEST_CASE("stamps survive the text round trip and bad text is rejected", "[core][hlc]")
{
    HlcStamp s{1'772'413'200'123, 42, "018c1f2a-3b4c-7d5e-8f60-0123456789ab"};
    auto parsed = HlcStamp::parse(s.toString());
    REQUIRE(parsed);
    CHECK(*parsed == s);
    CHECK_FALSE(HlcStamp::parse("garbage"));
    CHECK_FALSE(HlcStamp::parse("zzzzzzzzzzzzzzzz-0001-dev"));
}

TEST_CASE("a stamp is parsed strictly: lower-case hex, a wall below 2^63, a device part", "[core][hlc]")
{
    CHECK(HlcStamp::parse("0000019a2b3c4d5e-0001-dev"));
    CHECK_FALSE(HlcStamp::parse("0000019A2B3C4D5E-0001-dev"));  // upper case sorts apart
    CHECK_FALSE(HlcStamp::parse("0000019a2b3c4d5e-000F-dev"));
    CHECK_FALSE(HlcStamp::parse("ffffffffffffffff-0000-dev"));  // would read as negative
    CHECK_FALSE(HlcStamp::parse("8000000000000000-0000-dev"));
    CHECK(HlcStamp::parse("7fffffffffffffff-0000-dev"));
    CHECK_FALSE(HlcStamp::parse("0000019a2b3c4d5e-0001-"));
    CHECK_FALSE(HlcStamp::parse("+000019a2b3c4d5e-0001-dev"));
    CHECK_FALSE(HlcStamp::parse("0000019a2b3c4d5e-+001-dev"));
}

TEST_CASE("the stamp after one whose counter is ffff moves the wall on and keeps four digits", "[core][hlc]")
{
    const HlcStamp full{1000, 0xffff, "a"};
    const HlcStamp after = full.next("b");
    CHECK(after.wallMs == 1001);
    CHECK(after.counter == 0);
    CHECK(after.toString().size() == full.toString().size());
    CHECK(full.toString() < after.toString());
    CHECK(HlcStamp{1000, 7, "a"}.next("b").toString() == HlcStamp{1000, 8, "b"}.toString());

    // A device whose clock stands still for 65,536 writes keeps issuing valid, rising stamps.
    FakeClock clock(5000);
    HybridClock hlc(clock, "dev");
    std::string previous = hlc.now().toString();
    for (int i = 0; i < 70'000; ++i) {
        const std::string stamp = hlc.now().toString();
        REQUIRE(previous < stamp);
        REQUIRE(HlcStamp::parse(stamp));
        previous = stamp;
    }
}
