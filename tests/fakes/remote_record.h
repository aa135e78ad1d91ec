// A record as a pull brings it: every field stamped at `wall` by a server-side clock, for
// tests that put reference data or another phone's records on a device (Replica::applyRemote).
#pragma once

#include <cstdint>
#include <utility>

#include "fieldbook/core/hlc.h"
#include "fieldbook/core/replica.h"

namespace fb::test {

inline RecordState stamped(Fields fields, std::int64_t wall)
{
    RecordState s;
    const std::string stamp = HlcStamp{wall, 0, "00000000-0000-7000-8000-000000000000"}.toString();
    for (const auto& [name, value] : fields)
        s.clocks.emplace(name, stamp);
    s.fields = std::move(fields);
    return s;
}

}  // namespace fb::test
