// Reading the rep's stock and the tier policies; see gifts.h.
#include "fieldbook/core/gifts.h"

#include <algorithm>
#include <map>

#include "fieldbook/core/clock.h"
#include "fieldbook/core/schema.h"

// Label keys (context "Validation"): the app translates them; core has no Qt.
#define QT_TRANSLATE_NOOP(context, text) text

namespace fb {

namespace {

// The position of a value in its declared enum, for ordering as the registry lists them.
int rank(std::string_view entity, std::string_view field, std::string_view value)
{
    const schema::Field* f = schema::entity(entity)->field(field);
    const auto it = std::find(f->values.begin(), f->values.end(), value);
    return static_cast<int>(it - f->values.begin());
}

}  // namespace

std::vector<StockLine> stockOf(Database& db, std::string_view ownerId)
{
    std::vector<StockLine> out;
    Statement st = db.prepare(R"sql(
        SELECT m.item_id, coalesce(g.code, ''), coalesce(g.name, ''), coalesce(g.unit, ''),
               coalesce(g.category, ''), coalesce(g.unit_value, 0), coalesce(g.active, 1),
               sum(m.quantity),
               coalesce(max(CASE WHEN m.kind = 'receipt' THEN m.moved_at END), 0),
               coalesce((SELECT r.quantity FROM stock_movement r
                         WHERE r.owner_id = m.owner_id AND r.item_id = m.item_id AND r.kind = 'receipt'
                         ORDER BY r.moved_at DESC, r.id DESC LIMIT 1), 0)
        FROM stock_movement m LEFT JOIN gift_item g ON g.id = m.item_id
        WHERE m.owner_id = ?
        GROUP BY m.item_id)sql");
    st.bind(1, ownerId);
    while (st.step())
        out.push_back(StockLine{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.int64(5),
                                st.int64(6) != 0, st.int64(7), st.int64(8), st.int64(9)});
    std::stable_sort(out.begin(), out.end(), [](const StockLine& a, const StockLine& b) {
        const bool heldA = a.quantity != 0;
        const bool heldB = b.quantity != 0;
        if (heldA != heldB) return heldA;
        const int ca = rank("gift_item", "category", a.category);
        const int cb = rank("gift_item", "category", b.category);
        if (ca != cb) return ca < cb;
        return a.code != b.code ? a.code < b.code : a.itemId < b.itemId;
    });
    return out;
}

std::vector<TierPolicy> tierPolicies(Database& db)
{
    std::vector<TierPolicy> out;
    Statement st = db.prepare("SELECT tier, activity, period, min_count, max_count FROM tier_policy");
    while (st.step()) {
        TierPolicy p{st.text(0), st.text(1), st.text(2), {}, {}};
        if (!st.isNull(3)) p.minCount = st.int64(3);
        if (!st.isNull(4)) p.maxCount = st.int64(4);
        out.push_back(std::move(p));
    }
    std::stable_sort(out.begin(), out.end(), [](const TierPolicy& a, const TierPolicy& b) {
        const int ta = rank("tier_policy", "tier", a.tier);
        const int tb = rank("tier_policy", "tier", b.tier);
        if (ta != tb) return ta < tb;
        return rank("tier_policy", "activity", a.activity) < rank("tier_policy", "activity", b.activity);
    });
    return out;
}

namespace {

constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kChinaOffsetMs = std::int64_t{8} * 3'600'000;

bool listed(const std::string& list, std::string_view word)
{
    if (list.empty()) return true;  // names none: suits all
    std::size_t start = 0;
    while (start < list.size()) {
        std::size_t end = list.find(' ', start);
        if (end == std::string::npos) end = list.size();
        if (std::string_view(list).substr(start, end - start) == word) return true;
        start = end + 1;
    }
    return false;
}

// The China Standard Time civil year and month of an instant.
std::pair<int, unsigned> civilMonth(std::int64_t atMs)
{
    const std::int64_t local = atMs + kChinaOffsetMs;
    const std::int64_t days = local >= 0 ? local / kDayMs : -((-local + kDayMs - 1) / kDayMs);
    const std::string date = formatCivilDate(days);
    return {std::stoi(date.substr(0, 4)), static_cast<unsigned>(std::stoi(date.substr(5, 2)))};
}

Period periodOfMonths(int year, unsigned firstMonth, unsigned months)
{
    unsigned endMonth = firstMonth + months;
    int endYear = year;
    if (endMonth > 12) {
        endMonth -= 12;
        ++endYear;
    }
    return {daysFromCivil(year, firstMonth, 1) * kDayMs - kChinaOffsetMs,
            daysFromCivil(endYear, endMonth, 1) * kDayMs - kChinaOffsetMs};
}

std::int64_t givenValue(Database& db, const char* column, std::string_view id, const Period& period)
{
    Statement st = db.prepare(std::string("SELECT coalesce(sum(-m.quantity * coalesce(g.unit_value, 0)), 0)"
                                          " FROM stock_movement m LEFT JOIN gift_item g ON g.id = m.item_id"
                                          " WHERE m.kind = 'issue' AND m.") +
                              column + " = ? AND m.moved_at >= ? AND m.moved_at < ?");
    st.bind(1, id).bind(2, period.fromMs).bind(3, period.toMs);
    return st.step() ? st.int64(0) : 0;
}

}  // namespace

std::vector<StockLine> stockForVisit(Database& db, std::string_view ownerId, std::string_view purpose,
                                     std::string_view tier)
{
    std::vector<StockLine> out;
    Statement suits =
        db.prepare("SELECT coalesce(purposes, ''), coalesce(tiers, '') FROM gift_item WHERE id = ?");
    for (StockLine& line : stockOf(db, ownerId)) {
        if (line.quantity <= 0 || !line.active || line.name.empty()) continue;
        suits.bind(1, line.itemId);
        const bool fits = suits.step() && listed(suits.text(0), purpose) && listed(suits.text(1), tier);
        suits.reset();
        if (fits) out.push_back(std::move(line));
    }
    return out;
}

Period complianceMonth(std::int64_t atMs)
{
    const auto [year, month] = civilMonth(atMs);
    return periodOfMonths(year, month, 1);
}

Period complianceQuarter(std::int64_t atMs)
{
    const auto [year, month] = civilMonth(atMs);
    return periodOfMonths(year, (month - 1) / 3 * 3 + 1, 3);
}

std::vector<LimitUse> giftLimits(Database& db, std::string_view tier, std::string_view recipientId,
                                 std::string_view accountId, std::int64_t atMs)
{
    std::vector<LimitUse> out;
    Statement st = db.prepare("SELECT per, max_value FROM gift_limit WHERE tier = ? ORDER BY per DESC");
    st.bind(1, tier);
    while (st.step()) {
        LimitUse use{st.text(0), st.int64(1), 0};
        if (use.per == "recipient_month")
            use.usedFen =
                recipientId.empty() ? 0 : givenValue(db, "recipient_id", recipientId, complianceMonth(atMs));
        else
            use.usedFen = givenValue(db, "account_id", accountId, complianceQuarter(atMs));
        out.push_back(std::move(use));
    }
    return out;
}

Result<std::vector<std::string>> issueGifts(Transaction& tx, Store& store, const GiftIssue& issue)
{
    if (issue.ownerId.empty())
        return makeError(ErrorCode::Required, "sign in first: gifts come from a rep's stock", "owner_id");
    if (issue.lines.empty()) return makeError(ErrorCode::Required, "pick at least one item", "quantity");
    auto account = store.get("account", issue.accountId);
    if (!account) return makeError(ErrorCode::NotFound, "no account " + issue.accountId, "account_id");
    if (issue.recipientId.empty())
        return makeError(ErrorCode::Required, "say who receives the gifts", "recipient_id");
    auto recipient = store.get("key_person", issue.recipientId);
    if (!recipient)
        return makeError(ErrorCode::NotFound, "no key person " + issue.recipientId, "recipient_id");
    if (recipient->text("account_id") != issue.accountId)
        return makeError(ErrorCode::Conflict, "the recipient belongs to another account", "recipient_id");

    // Quantities per item, against what the rep holds, and the gift's value.
    std::map<std::string, std::int64_t> wanted;
    for (const IssueLine& line : issue.lines) {
        if (line.quantity <= 0)
            return makeError(ErrorCode::OutOfRange, "a quantity is at least 1", "quantity");
        wanted[line.itemId] += line.quantity;
    }
    const std::vector<StockLine> stock = stockOf(store.db(), issue.ownerId);
    std::int64_t valueFen = 0;
    for (const auto& [wantedItem, quantity] : wanted) {
        const std::string& item = wantedItem;  // a lambda may not capture a structured binding (clang)
        const auto held =
            std::find_if(stock.begin(), stock.end(), [&](const StockLine& l) { return l.itemId == item; });
        if (held == stock.end() || held->name.empty())
            return makeError(ErrorCode::NotFound, "item " + item + " is not in your stock", "quantity");
        if (held->quantity < quantity)
            return makeError(ErrorCode::OutOfRange,
                             "only " + std::to_string(std::max<std::int64_t>(0, held->quantity)) + " " +
                                 held->unit + " of " + held->name + " left",
                             "quantity");
        valueFen += quantity * held->unitValueFen;
    }
    for (const LimitUse& use :
         giftLimits(store.db(), account->text("tier"), issue.recipientId, issue.accountId, issue.atMs)) {
        if (use.usedFen + valueFen <= use.capFen) continue;
        if (use.per == "recipient_month")
            return makeError(
                ErrorCode::Rule,
                QT_TRANSLATE_NOOP("Validation", "Over the gift limit for one key person this month"),
                "recipient_id");
        return makeError(ErrorCode::Rule,
                         QT_TRANSLATE_NOOP("Validation", "Over the gift limit for one account this quarter"),
                         "account_id");
    }

    std::vector<std::string> ids;
    for (const IssueLine& line : issue.lines) {
        Fields fields{{"owner_id", issue.ownerId},        {"item_id", line.itemId},
                      {"kind", std::string("issue")},     {"quantity", -line.quantity},
                      {"moved_at", issue.atMs},           {"account_id", issue.accountId},
                      {"recipient_id", issue.recipientId}};
        if (!issue.visitId.empty()) fields.emplace("visit_id", issue.visitId);
        if (!issue.signatureId.empty()) fields.emplace("signature_id", issue.signatureId);
        auto id = store.create(tx, "stock_movement", fields);
        if (!id) return id.error();
        ids.push_back(std::move(*id));
    }
    return ids;
}

std::vector<GivenGift> giftsOfVisit(Database& db, std::string_view visitId)
{
    Statement st = db.prepare("SELECT coalesce(k.name, ''), coalesce(g.name, ''), -m.quantity, -m.quantity * "
                              "coalesce(g.unit_value, 0)"
                              " FROM stock_movement m LEFT JOIN gift_item g ON g.id = m.item_id"
                              " LEFT JOIN key_person k ON k.id = m.recipient_id"
                              " WHERE m.visit_id = ? AND m.kind = 'issue' ORDER BY m.moved_at, m.id");
    st.bind(1, visitId);
    std::vector<GivenGift> out;
    while (st.step())
        out.push_back({st.text(0), st.text(1), st.int64(2), st.int64(3)});
    return out;
}

}  // namespace fb
