// Reading the rep's stock and the tier policies; see gifts.h.
#include "fieldbook/core/gifts.h"

#include <algorithm>

#include "fieldbook/core/schema.h"

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

}  // namespace fb
