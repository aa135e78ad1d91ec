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
        CHECK(id[14] == '7');  // version 7
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
