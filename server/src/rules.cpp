// The server rules; see rules.h. One function per rule, named in the registry.
#include "fieldbook/server/rules.h"

#include <map>

#include <QJsonDocument>

#include "fieldbook/core/gifts.h"

namespace fb::server {

namespace {

RuleVerdict reject(const char* code, std::string message)
{
    return RuleVerdict{code, std::move(message), false};
}

// A rep's stock ledger (stock_movement): each movement moves something, in the direction
// its kind says; receipts come from the warehouse (admin stock receive), never from a device; the item
// exists. A movement that takes an item's stock below zero is accepted — the gift was handed
// over, offline, and refusing the record would not bring it back — and flagged for the
// manager (a receipt not yet entered, or a miscount).
// The gift caps (gift_limit) an issue breaks once it is counted with the rep's other issues
// (all their devices') to the same key person in its month and to the same account in its
// quarter, China time; "" when none. Only the rep's own ledger is counted: gifts another rep
// gave the same person (before a reassignment) are not seen here.
std::string limitsBroken(RuleContext& c, const std::vector<StoredRecord>& ledger)
{
    const Fields& f = c.after.fields;
    const std::string accountId = fieldText(f, "account_id");
    const std::string recipient = fieldText(f, "recipient_id");
    const std::int64_t at = fieldInteger(f, "moved_at");
    if (accountId.empty()) return {};
    const auto account = c.store.record(c.tx.db(), "account", accountId);
    if (!account) return {};
    const std::string tier = fieldText(account->state.fields, "tier");
    std::map<std::string, std::int64_t> unitValue;
    for (const StoredRecord& g : c.store.recordsInScope(c.tx.db(), "gift_item", ServerStore::kGlobalScopeKey))
        unitValue[g.id] = fieldInteger(g.state.fields, "unit_value");
    auto value = [&](const Fields& m) {
        return -fieldInteger(m, "quantity") * unitValue[fieldText(m, "item_id")];
    };
    std::string out;
    for (const StoredRecord& limit :
         c.store.recordsInScope(c.tx.db(), "gift_limit", ServerStore::kGlobalScopeKey)) {
        const Fields& l = limit.state.fields;
        if (fieldText(l, "tier") != tier) continue;
        const bool perRecipient = fieldText(l, "per") == "recipient_month";
        if (perRecipient && recipient.empty()) continue;
        const Period period = perRecipient ? complianceMonth(at) : complianceQuarter(at);
        std::int64_t given = value(f);
        for (const StoredRecord& r : ledger) {
            const Fields& m = r.state.fields;
            if (r.id == c.id || fieldText(m, "kind") != "issue") continue;
            const std::int64_t when = fieldInteger(m, "moved_at");
            if (when < period.fromMs || when >= period.toMs) continue;
            if (perRecipient ? fieldText(m, "recipient_id") != recipient
                             : fieldText(m, "account_id") != accountId)
                continue;
            given += value(m);
        }
        const std::int64_t cap = fieldInteger(l, "max_value");
        if (given <= cap) continue;
        out += (out.empty() ? "" : "; ") + std::string("gift limit ") +
               (perRecipient ? "per key person per month" : "per account per quarter") + " of tier " + tier +
               " broken: " + std::to_string(given) + " fen given, cap " + std::to_string(cap) + " fen";
    }
    return out;
}

RuleVerdict stockBalance(RuleContext& c)
{
    const Fields& f = c.after.fields;
    const std::string kind = fieldText(f, "kind");
    const std::int64_t quantity = fieldInteger(f, "quantity");
    const std::string item = fieldText(f, "item_id");
    if (quantity == 0) return reject("validation", "quantity must not be 0: a movement moves something");
    const bool adds = kind == "receipt" || kind == "transfer_in";
    const bool takes = kind == "issue" || kind == "return" || kind == "transfer_out";
    if (adds && quantity < 0)
        return reject("validation", "a " + kind + " adds stock: quantity must be positive");
    if (takes && quantity > 0)
        return reject("validation", "a " + kind + " takes stock: quantity must be negative");
    // The server's own receipts (admin stock receive) are written without rules: a pushed one,
    // whoever's device sends it, is refused.
    if (kind == "receipt")
        return reject("read_only",
                      "receipts are entered by the warehouse on the server (admin stock receive)");
    const auto gift = c.store.record(c.tx.db(), "gift_item", item);
    if (!gift) return reject("not_found", "there is no gift item " + item);

    const std::vector<StoredRecord> ledger = c.store.recordsInScope(c.tx.db(), "stock_movement", c.scopeKey);
    std::vector<std::string> flags;
    std::int64_t balance = quantity;
    for (const StoredRecord& r : ledger)
        if (r.id != c.id && fieldText(r.state.fields, "item_id") == item)
            balance += fieldInteger(r.state.fields, "quantity");
    if (balance < 0)
        flags.push_back("stock of " + fieldText(gift->state.fields, "code") + " " +
                        fieldText(gift->state.fields, "name") + " is " + std::to_string(balance) + " " +
                        fieldText(gift->state.fields, "unit") + " after this " + kind);
    if (kind == "issue")
        if (std::string over = limitsBroken(c, ledger); !over.empty()) flags.push_back(std::move(over));
    if (flags.empty()) return {};
    std::string message;
    for (const std::string& flag : flags)
        message += (message.empty() ? "" : "; ") + flag;
    return RuleVerdict{{}, message, true};
}

// A visit is final once finished or discarded (corrections are visit_amendment records): a
// change to one that the server holds as closed is refused, the stored visit stays as it was.
// Reaching the server closed in its first push is the normal way a visit arrives.
RuleVerdict visitFinal(RuleContext& c)
{
    if (!c.before) return {};
    const std::string was = fieldText(c.before->state.fields, "status");
    if (was != "finished" && was != "discarded") return {};
    if (c.before->state.fields == c.after.fields) return {};
    return reject("read_only", "the visit is " + was + ": correct it with an amendment (visit_amendment)");
}

struct Named {
    std::string_view name;
    Rule rule;
};
constexpr Named kRules[] = {
    {"stock_balance", stockBalance},
    {"visit_final", visitFinal},
};

}  // namespace

Rule ruleNamed(std::string_view name)
{
    for (const Named& n : kRules)
        if (n.name == name) return n.rule;
    return nullptr;
}

std::vector<std::string> missingRules()
{
    std::vector<std::string> out;
    for (const schema::Entity& e : schema::entities())
        if (!e.serverRule.empty() && !ruleNamed(e.serverRule)) out.push_back(std::string(e.serverRule));
    return out;
}

}  // namespace fb::server
