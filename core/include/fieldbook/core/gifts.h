// The gift side of the reference data on a device: the rep's stock per item (a sum over
// their stock_movement ledger, joined with the gift catalogue) and the tier cadence
// policies, read-only. The visit issue adds issuing gifts at a visit; the Today issue
// computes cadence from the policies.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fieldbook/core/database.h"

namespace fb {

// One item the rep holds or has held.
struct StockLine {
    std::string itemId;
    std::string code;      // the catalogue's code; "" when the item is not on this phone yet
    std::string name;      // "" likewise
    std::string unit;      // 瓶, 盒 ...
    std::string category;  // gift, sample, material
    std::int64_t unitValueFen = 0;
    bool active = true;
    std::int64_t quantity = 0;       // the balance: every movement's quantity summed
    std::int64_t lastReceiptMs = 0;  // when the last receipt was made (0: none)
    std::int64_t lastReceiptQuantity = 0;
};

// The stock of `ownerId` (a user id), items by category (gifts, samples, materials) and then
// code; items the rep once held and holds none of now come last.
std::vector<StockLine> stockOf(Database& db, std::string_view ownerId);

struct TierPolicy {
    std::string tier;
    std::string activity;
    std::string period;  // month, two_months, quarter
    std::optional<std::int64_t> minCount;
    std::optional<std::int64_t> maxCount;
};

// Every policy on the phone, by tier (KA, A, B, C, P) and then activity, in the order the
// registry declares them.
std::vector<TierPolicy> tierPolicies(Database& db);

}  // namespace fb
