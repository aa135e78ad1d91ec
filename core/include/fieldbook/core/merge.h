// Merging record states by the entity's declared policy. Pure functions with no storage,
// shared by the device (applying pulled records) and the server (applying pushed changes),
// so every replica merges the same way and all converge whatever the order of messages.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "fieldbook/core/schema.h"
#include "fieldbook/core/store.h"

namespace fb {

// Field -> HLC stamp text (stamps compare as strings; see hlc.h).
using Clocks = std::map<std::string, std::string, std::less<>>;

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
MergeResult mergeRecord(const schema::Entity& entity, const RecordState& current, const RecordState& incoming);

// The largest stamp among a record's clocks ("" if none).
std::string maxStamp(const Clocks& clocks);

}  // namespace fb
