// Server rules: checks an entity's declaration names (schema::Entity::serverRule) that the
// server runs inside the push transaction, after the merge and before the write. A rule sees
// the merged record and may reject the change with a reason (nothing of it is written; the
// device keeps it among its refused changes) or accept it and raise a flag for a manager. It
// never changes the record: the phone that pushed it would hold something else than the server.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fieldbook/server/store.h"

namespace fb::server {

struct RuleContext {
    WriteTransaction& tx;
    ServerStore& store;
    const Viewer& viewer;  // who pushed the change
    const schema::Entity& entity;
    std::string_view id;
    std::string_view scopeKey;                  // where the record is filed (ServerStore::scopeKeyOf)
    const std::optional<StoredRecord>& before;  // the stored record, if any
    const RecordState& after;                   // the merged record about to be written
};

struct RuleVerdict {
    std::string rejectCode;  // a push outcome code ("validation", "read_only", ...); "" accepts
    std::string message;     // why it was rejected, or what the flag says
    bool flag = false;       // accepted, with a flag for the manager
};

using Rule = RuleVerdict (*)(RuleContext&);

// The rule of that name, nullptr if there is none.
Rule ruleNamed(std::string_view name);
// Rules the registry names that this server does not implement (the server refuses to
// start with any; a test keeps the list empty).
std::vector<std::string> missingRules();

}  // namespace fb::server
