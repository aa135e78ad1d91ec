// Policy merges; see merge.h.
#include "fieldbook/core/merge.h"

#include <algorithm>

namespace fb {

std::string maxStamp(const Clocks& clocks)
{
    std::string best;
    for (const auto& [field, stamp] : clocks)
        best = std::max(best, stamp);
    return best;
}

Clocks expandClocks(const Fields& fields, const std::string& hlc, const Clocks& rest)
{
    Clocks out = rest;
    if (!hlc.empty())
        for (const auto& [field, value] : fields)
            out.emplace(field, hlc);  // emplace keeps rest's
    return out;
}

namespace {

const std::string kNoStamp;

const std::string& stampOf(const Clocks& clocks, const std::string& field)
{
    auto it = clocks.find(field);
    return it == clocks.end() ? kNoStamp : it->second;
}

// Position of a state value in the declared order (-1 if unknown).
int stateRank(const schema::Field& field, const Value& v)
{
    const auto* s = std::get_if<std::string>(&v);
    if (!s) return -1;
    auto it = std::find(field.values.begin(), field.values.end(), *s);
    return it == field.values.end() ? -1 : static_cast<int>(it - field.values.begin());
}

}  // namespace

MergeResult mergeRecord(const schema::Entity& entity, const RecordState& current, const RecordState& incoming)
{
    MergeResult r;
    r.merged = current;
    const bool exists = !current.fields.empty() || !current.clocks.empty();
    const bool writeOnce =
        entity.merge == schema::MergePolicy::AppendOnly || entity.merge == schema::MergePolicy::Ledger;

    for (const auto& [name, value] : incoming.fields) {
        const std::string& theirs = stampOf(incoming.clocks, name);
        const std::string& ours = stampOf(current.clocks, name);
        bool take = false;
        if (writeOnce) {
            take = !exists;
        } else if (entity.merge == schema::MergePolicy::State) {
            const schema::Field* f = entity.field(name);
            if (f && f->type == schema::FieldType::Enum && current.fields.count(name)) {
                const int a = stateRank(*f, current.fields.at(name));
                const int b = stateRank(*f, value);
                take = b > a || (b == a && theirs > ours);
            } else {
                take = theirs > ours;
            }
        } else {
            take = theirs > ours;
        }
        if (take) {
            auto cur = current.fields.find(name);
            const bool differs =
                cur == current.fields.end() ? !isNull(value) || ours.empty() : !(cur->second == value);
            r.merged.fields[name] = value;
            if (!theirs.empty()) r.merged.clocks[name] = theirs;
            r.won.push_back(name);
            if (differs || theirs != ours) r.changed = true;
        } else if (theirs != ours || !(current.fields.count(name) && current.fields.at(name) == value)) {
            r.lost.push_back(name);
        }
    }
    return r;
}

}  // namespace fb
