// Merging record states by the entity's declared policy. Pure functions with no storage,
// shared by the device (applying pulled records) and the server (applying pushed changes),
// so every replica merges the same way and all converge whatever the order of messages.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "fieldbook/core/schema.h"

namespace fb {

struct RecordState {
    Fields fields;  // NULL values are explicit (a cleared field keeps its stamp)
    Clocks clocks;
};

struct MergeResult {
    RecordState merged;
    std::vector<std::string> won;   // fields where the incoming value won
    std::vector<std::string> lost;  // incoming fields that lost to a later stamp
    bool changed = false;           // merged differs from the current state
};

// Merges `incoming` into `current` (which may be empty: a new record) by `policy`.
// lww: per field, the greater stamp wins; equal stamps keep the current value.
// append-only / ledger: a record is written once; fields already present are kept.
// state: like lww per field, except that the declared State field moves only forward.
MergeResult mergeRecord(const schema::Entity& entity, const RecordState& current,
                        const RecordState& incoming);

// The largest stamp among a record's clocks ("" if none).
std::string maxStamp(const Clocks& clocks);

// A record's stamps stored and sent compactly: the stamp most of its fields share (`hlc`) and
// only the stamps that differ from it (`rest`, which also names stamped fields absent from
// `fields`, such as cleared ones). Every field in `fields` is stamped, so expanding gives
// back exactly `clocks`. The device stores rows this way (_hlc, _clock), the server too, and
// a pull sends them so.
struct CompactClocks {
    std::string hlc;
    Clocks rest;
};
// `isSet(field)` says whether a stamped field holds a value (only those share `hlc`).
template <typename IsSet> CompactClocks compactClocksWhere(const Clocks& clocks, IsSet isSet)
{
    std::map<std::string_view, int> counts;
    for (const auto& [field, stamp] : clocks)
        if (isSet(field)) ++counts[stamp];
    CompactClocks out;
    int best = 0;
    for (const auto& [stamp, n] : counts)
        if (n > best) best = n, out.hlc = std::string(stamp);
    for (const auto& [field, stamp] : clocks)
        if (stamp != out.hlc || !isSet(field)) out.rest.emplace(field, stamp);
    return out;
}
inline CompactClocks compactClocks(const Fields& fields, const Clocks& clocks)
{
    return compactClocksWhere(clocks, [&](const std::string& f) { return fields.count(f) > 0; });
}
Clocks expandClocks(const Fields& fields, const std::string& hlc, const Clocks& rest);

}  // namespace fb
