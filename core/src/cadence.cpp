// The contact cadence; see cadence.h.
#include "fieldbook/core/cadence.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>

#include "fieldbook/core/lifecycle.h"
#include "fieldbook/core/schema.h"

namespace fb {

namespace {

struct DefaultPolicy {
    const char* tier;
    const char* activity;
    const char* period;
    int min;  // -1: none
    int max;  // -1: none
};
constexpr DefaultPolicy kDefaults[] = {
    {"KA", "face_visit", "month", 2, -1},
    {"KA", "phone_callback", "month", 4, -1},
    {"KA", "materials_mailing", "month", 1, -1},
    {"KA", "sample_mailing", "month", -1, 1},
    {"KA", "event", "two_months", 1, -1},
    {"KA", "club_meeting", "quarter", 1, -1},
    {"KA", "points_redemption", "month", -1, 1},
    {"A", "face_visit", "month", 1, -1},
    {"A", "phone_callback", "month", 3, -1},
    {"A", "materials_mailing", "month", 1, -1},
    {"A", "sample_mailing", "month", -1, 1},
    {"A", "event", "two_months", 1, -1},
    {"A", "club_meeting", "quarter", 1, -1},
    {"A", "points_redemption", "month", -1, 1},
    {"B", "face_visit", "two_months", 1, -1},
    {"B", "phone_callback", "month", 2, -1},
    {"B", "materials_mailing", "two_months", 1, -1},
    {"B", "sample_mailing", "month", -1, 1},
    {"B", "event", "quarter", 1, -1},
    {"B", "points_redemption", "month", -1, 1},
    {"C", "face_visit", "quarter", 1, -1},
    {"C", "phone_callback", "month", 1, -1},
    {"C", "materials_mailing", "quarter", 1, -1},
    {"C", "sample_mailing", "quarter", -1, 1},
    {"C", "points_redemption", "month", -1, 1},
};

struct Ymd {
    int y = 0;
    unsigned m = 0, d = 0;
};

std::optional<Ymd> parseDay(std::string_view day)
{
    if (day.size() != 10 || day[4] != '-' || day[7] != '-') return std::nullopt;
    Ymd out;
    auto num = [&](std::size_t at, std::size_t len, auto& into) {
        return std::from_chars(day.data() + at, day.data() + at + len, into).ec == std::errc{};
    };
    if (!num(0, 4, out.y) || !num(5, 2, out.m) || !num(8, 2, out.d)) return std::nullopt;
    return out;
}

std::string firstOf(int y, unsigned m)
{
    while (m > 12) {
        m -= 12;
        ++y;
    }
    return formatCivilDate(daysFromCivil(y, m, 1));
}

std::int64_t dayNumber(std::string_view day)
{
    const auto p = parseDay(day);
    return p ? daysFromCivil(p->y, p->m, p->d) : 0;
}

// Which cadence activity a record counts as, with its local day; nullopt: none.
struct Counted {
    std::string accountId;
    std::string activity;
    std::string day;
    bool sale = false;  // a finished visit that agreed a sale: a purchase (lifecycle.h)
};

std::optional<Counted> countedVisit(std::string accountId, std::string_view status, std::int64_t checkoutMs,
                                    bool sale, const Clock& clock)
{
    if (status != "finished" || checkoutMs <= 0) return std::nullopt;
    return Counted{std::move(accountId), "face_visit", localDayOf(clock, checkoutMs), sale};
}

std::optional<Counted> countedContact(std::string accountId, std::string_view kind, std::int64_t atMs,
                                      const Clock& clock)
{
    const std::string_view activity = activityOfContact(kind);
    if (activity.empty()) return std::nullopt;
    return Counted{std::move(accountId), std::string(activity), localDayOf(clock, atMs), false};
}

// Stores (or drops) the record's event; the accounts it was and is counted for go into
// `touched`, whose rhythm the caller refreshes (once each, after a page or a rebuild).
void store(Database& db, const std::string& recordId, const std::optional<Counted>& c,
           std::set<std::string>& touched)
{
    std::string before;
    {
        Statement& st = db.cached("SELECT account_id FROM cadence_event WHERE record_id = ?");
        st.bind(1, recordId);
        if (st.step()) before = st.text(0);
        st.reset();
    }
    if (!c) {
        db.cached("DELETE FROM cadence_event WHERE record_id = ?").bind(1, recordId).exec();
    } else {
        db.cached("INSERT OR REPLACE INTO cadence_event (record_id, account_id, activity, day, sale)"
                  " VALUES (?, ?, ?, ?, ?)")
            .bind(1, recordId)
            .bind(2, c->accountId)
            .bind(3, c->activity)
            .bind(4, c->day)
            .bind(5, std::int64_t{c->sale})
            .exec();
    }
    if (!before.empty()) touched.insert(before);
    if (c) touched.insert(c->accountId);
}

// One record's event, and at once the rhythm of its accounts (a write).
void storeOne(Database& db, const std::string& recordId, const std::optional<Counted>& c)
{
    std::set<std::string> touched;
    store(db, recordId, c, touched);
    for (const std::string& id : touched)
        refreshRhythm(db, id);
}

std::optional<Counted> readCounted(Database& db, const schema::Entity& e, const std::string& id,
                                   const Clock& clock)
{
    if (e.name == "visit") {
        Statement& st = db.cached(
            "SELECT account_id, status, coalesce(checkout_at, 0),"
            " coalesce(sale_quantity, 0) > 0 OR coalesce(sale_agreed, '') <> '' FROM visit WHERE id = ?");
        st.bind(1, id);
        std::optional<Counted> out;
        if (st.step()) out = countedVisit(st.text(0), st.textView(1), st.int64(2), st.int64(3) != 0, clock);
        st.reset();
        return out;
    }
    Statement& st = db.cached("SELECT account_id, kind, at FROM contact_log WHERE id = ?");
    st.bind(1, id);
    std::optional<Counted> out;
    if (st.step()) out = countedContact(st.text(0), st.textView(1), st.int64(2), clock);
    st.reset();
    return out;
}

// cadence_event kept in step with visits and contacts (derived.h).
class CadenceKeeper : public DerivedData {
public:
    explicit CadenceKeeper(const Clock& clock) : clock_(clock) {}

    void written(Transaction& tx, const schema::Entity& e, const std::string& id) override
    {
        if (e.name == "visit" || e.name == "contact_log")
            storeOne(tx.db(), id, readCounted(tx.db(), e, id, clock_));
    }
    void removed(Transaction& tx, const schema::Entity& e, const std::string& id) override
    {
        if (e.name == "visit" || e.name == "contact_log") storeOne(tx.db(), id, std::nullopt);
    }
    void accountPurged(Transaction& tx, std::string_view accountId) override
    {
        tx.db().cached("DELETE FROM cadence_event WHERE account_id = ?").bind(1, accountId).exec();
        tx.db().cached("DELETE FROM account_rhythm WHERE account_id = ?").bind(1, accountId).exec();
    }
    void wiped(Transaction& tx) override
    {
        tx.db().execScript("DELETE FROM cadence_event; DELETE FROM account_rhythm");
    }

    void beginBulk() override { pending_.clear(); }
    void beginPage() override { pending_.clear(); }
    void inserted(const BulkRow& row, const Prepared*) override
    {
        const schema::Entity& e = *row.entity;
        if (e.name != "visit" && e.name != "contact_log") return;
        auto at = [&](std::string_view field) -> const Value& {
            static const Value none;
            for (std::size_t i = 0; i < e.fields.size(); ++i)
                if (e.fields[i].name == field) return row.values[i];
            return none;
        };
        auto text = [&](std::string_view field) {
            const Value& v = at(field);
            return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : std::string();
        };
        auto integer = [&](std::string_view field) {
            const Value& v = at(field);
            return std::holds_alternative<std::int64_t>(v) ? std::get<std::int64_t>(v) : std::int64_t{0};
        };
        std::optional<Counted> c =
            e.name == "visit"
                ? countedVisit(text("account_id"), text("status"), integer("checkout_at"),
                               integer("sale_quantity") > 0 || !text("sale_agreed").empty(), clock_)
                : countedContact(text("account_id"), text("kind"), integer("at"), clock_);
        if (c) pending_.emplace_back(row.id, std::move(*c));
    }
    void endPage(Transaction& tx) override
    {
        std::set<std::string> touched;
        for (const auto& [id, c] : pending_)
            store(tx.db(), id, c, touched);
        pending_.clear();
        for (const std::string& account : touched)
            refreshRhythm(tx.db(), account);
    }

private:
    const Clock& clock_;
    std::vector<std::pair<std::string, Counted>> pending_;
};

}  // namespace

std::vector<TierPolicy> defaultTierPolicies()
{
    std::vector<TierPolicy> out;
    for (const DefaultPolicy& p : kDefaults) {
        TierPolicy t{p.tier, p.activity, p.period, {}, {}};
        if (p.min >= 0) t.minCount = p.min;
        if (p.max >= 0) t.maxCount = p.max;
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<TierPolicy> effectiveTierPolicies(Database& db)
{
    std::vector<TierPolicy> synced = tierPolicies(db);
    return synced.empty() ? defaultTierPolicies() : synced;
}

CadencePeriod cadencePeriod(std::string_view period, std::string_view day)
{
    const auto p = parseDay(day);
    if (!p) return {};
    const unsigned span = period == "quarter" ? 3 : period == "two_months" ? 2 : 1;
    const unsigned start = (p->m - 1) / span * span + 1;
    CadencePeriod out{firstOf(p->y, start), firstOf(p->y, start + span), 0};
    out.days = daysBetween(out.from, out.to);
    return out;
}

int daysBetween(std::string_view from, std::string_view to)
{
    return static_cast<int>(dayNumber(to) - dayNumber(from));
}

std::string localDayOf(const Clock& clock, std::int64_t atMs)
{
    constexpr std::int64_t kDayMs = 86'400'000;
    const std::int64_t local = atMs + std::int64_t{clock.utcOffsetMinutes(atMs)} * 60'000;
    std::int64_t days = local / kDayMs;
    if (local < 0 && local % kDayMs != 0) --days;
    return formatCivilDate(days);
}

std::string_view activityOfContact(std::string_view kind)
{
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kCounted{{
        {"phone_callback", "phone_callback"},
        {"materials_mailing", "materials_mailing"},
        {"sample_mailing", "sample_mailing"},
        {"event_attendance", "event"},
        {"club_meeting", "club_meeting"},
        {"points_redemption", "points_redemption"},
    }};
    for (const auto& [k, activity] : kCounted)
        if (k == kind) return activity;
    return {};
}

std::int64_t cadenceCount(Database& db, std::string_view accountId, std::string_view activity,
                          std::string_view from, std::string_view to)
{
    Statement& st = db.cached(
        "SELECT count(*) FROM cadence_event WHERE account_id = ? AND activity = ? AND day >= ? AND day < ?");
    st.bind(1, accountId).bind(2, activity).bind(3, from).bind(4, to);
    const std::int64_t n = st.step() ? st.int64(0) : 0;
    st.reset();
    return n;
}

CadenceLine cadenceLine(const TierPolicy& p, std::string_view today, std::int64_t done)
{
    return cadenceLine(p, cadencePeriod(p.period, today), today, done);
}

CadenceLine cadenceLine(const TierPolicy& p, const CadencePeriod& span, std::string_view today,
                        std::int64_t done)
{
    CadenceLine line{p.activity, p.period, p.minCount, p.maxCount, done, span, 0, {}, false};
    line.daysLeft = daysBetween(today, line.span.to);
    if (line.minCount && *line.minCount > 0 && line.done < *line.minCount) {
        // The (done+1)-th contact is due by day ceil(k·d/n) of the period.
        const std::int64_t k = line.done + 1;
        const std::int64_t n = *line.minCount;
        const std::int64_t byDay = (k * line.span.days + n - 1) / n;
        line.paceDue = formatCivilDate(dayNumber(line.span.from) + byDay - 1);
        line.behind = today > line.paceDue;
    }
    return line;
}

int cadenceLeadDays(const CadenceLine& line)
{
    if (!line.minCount || *line.minCount <= 0) return 0;
    const std::int64_t spacing = line.span.days / *line.minCount;
    return static_cast<int>(std::clamp<std::int64_t>(spacing / 3, 2, 7));
}

std::vector<CadenceLine> cadenceOf(Database& db, std::string_view accountId, std::string_view tier,
                                   std::string_view today, const std::vector<TierPolicy>& policies)
{
    std::vector<CadenceLine> out;
    for (const TierPolicy& p : policies) {
        if (p.tier != tier) continue;
        const CadencePeriod span = cadencePeriod(p.period, today);
        out.push_back(cadenceLine(p, today, cadenceCount(db, accountId, p.activity, span.from, span.to)));
    }
    const schema::Field* f = schema::entity("tier_policy")->field("activity");
    auto rank = [f](const std::string& v) { return std::find(f->values.begin(), f->values.end(), v); };
    std::stable_sort(out.begin(), out.end(), [&](const CadenceLine& a, const CadenceLine& b) {
        return rank(a.activity) < rank(b.activity);
    });
    return out;
}

std::optional<CapWarning> capWarning(Database& db, std::string_view accountId, std::string_view activity,
                                     std::string_view day)
{
    if (activity.empty()) return std::nullopt;
    std::string tier;
    {
        Statement& st = db.cached("SELECT coalesce(tier, '') FROM account WHERE id = ?");
        st.bind(1, accountId);
        if (st.step()) tier = st.text(0);
        st.reset();
    }
    for (const TierPolicy& p : effectiveTierPolicies(db)) {
        if (p.tier != tier || p.activity != activity || !p.maxCount) continue;
        const CadencePeriod span = cadencePeriod(p.period, day);
        const std::int64_t done = cadenceCount(db, accountId, activity, span.from, span.to);
        if (done >= *p.maxCount) return CapWarning{p.activity, p.period, *p.maxCount, done, span};
    }
    return std::nullopt;
}

void installCadence(Store& store, const Clock& clock)
{
    store.addDerived(std::make_unique<CadenceKeeper>(clock));
}

void rebuildCadence(Transaction& tx, const Clock& clock)
{
    Database& db = tx.db();
    db.execScript("DELETE FROM cadence_event");
    const schema::Entity* visit = schema::entity("visit");
    const schema::Entity* contact = schema::entity("contact_log");
    for (const schema::Entity* e : {visit, contact}) {
        std::vector<std::string> ids;
        Statement st = db.prepare("SELECT id FROM " + std::string(e->name));
        while (st.step())
            ids.push_back(st.text(0));
        std::set<std::string> touched;  // all of them: every account's rhythm is rebuilt below
        for (const std::string& id : ids)
            store(db, id, readCounted(db, *e, id, clock), touched);
    }
    rebuildRhythm(db);
}

}  // namespace fb
