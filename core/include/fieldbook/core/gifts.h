// The gift side of a device: the rep's stock per item (a sum over their stock_movement
// ledger, joined with the gift catalogue), the tier cadence policies, and handing gifts out
// at a visit within the stock the rep holds and the compliance caps (gift_limit: a value per
// key person per calendar month and per account per calendar quarter, by the account's
// tier). The Today issue computes cadence from the policies.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fieldbook/core/database.h"
#include "fieldbook/core/store.h"

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

// The items of the rep's stock (held, in use) that suit a visit's purpose and the account's
// tier (an item that names none suits all).
std::vector<StockLine> stockForVisit(Database& db, std::string_view ownerId, std::string_view purpose,
                                     std::string_view tier);

// Compliance periods are calendar months and quarters in China Standard Time (UTC+8, no
// summer time), the company's books, wherever the phone is: [fromMs, toMs).
struct Period {
    std::int64_t fromMs = 0;
    std::int64_t toMs = 0;
};
Period complianceMonth(std::int64_t atMs);
Period complianceQuarter(std::int64_t atMs);

// One cap as it stands for a gift: the cap, what was given in its period, what is left.
struct LimitUse {
    std::string per;  // recipient_month, account_quarter
    std::int64_t capFen = 0;
    std::int64_t usedFen = 0;  // given before this gift
    std::int64_t leftFen() const { return capFen - usedFen; }
};
// The caps of the account's tier with what the recipient and the account have been given in
// the periods of `atMs` (issues of any owner this phone holds).
std::vector<LimitUse> giftLimits(Database& db, std::string_view tier, std::string_view recipientId,
                                 std::string_view accountId, std::int64_t atMs);

struct IssueLine {
    std::string itemId;
    std::int64_t quantity = 0;  // how many handed over (> 0)
};
struct GiftIssue {
    std::string ownerId;  // the rep whose stock it comes from
    std::string accountId;
    std::string recipientId;  // the key person who receives
    std::string visitId;      // "" outside a visit
    std::string signatureId;  // the recipient's signature (an attachment), or ""
    std::vector<IssueLine> lines;
    std::int64_t atMs = 0;
};
// Hands gifts over: refused (nothing written) when an item is not held in that quantity
// (ErrorCode::OutOfRange, field "quantity", the item named) or the gift would break a cap
// (ErrorCode::Rule, field "recipient_id" or "account_id", the rule named with what is
// left); otherwise one `issue` movement per line. Returns their ids.
Result<std::vector<std::string>> issueGifts(Transaction& tx, Store& store, const GiftIssue& issue);

// What was handed over at a visit, in the order given.
struct GivenGift {
    std::string recipientName;
    std::string itemName;
    std::int64_t quantity = 0;
    std::int64_t valueFen = 0;  // at the catalogue's unit value
};
std::vector<GivenGift> giftsOfVisit(Database& db, std::string_view visitId);

}  // namespace fb
