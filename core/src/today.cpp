// The Today list; see today.h.
#include "fieldbook/core/today.h"

#include <algorithm>
#include <optional>
#include <tuple>
#include <utility>

#include "fieldbook/core/cadence.h"
#include "fieldbook/core/lifecycle.h"
#include "fieldbook/core/lunar.h"
#include "fieldbook/core/schema.h"
#include "fieldbook/core/visits.h"

namespace fb {

void TodayDirty::account(std::string id)
{
    std::lock_guard lock(mutex_);
    marked_.accounts.insert(std::move(id));
}

void TodayDirty::all(bool rescanUnfiled)
{
    std::lock_guard lock(mutex_);
    marked_.all = true;
    marked_.rescanUnfiled = marked_.rescanUnfiled || rescanUnfiled;
}

void TodayDirty::merge(Marked marked)
{
    std::lock_guard lock(mutex_);
    marked_.all = marked_.all || marked.all;
    marked_.rescanUnfiled = marked_.rescanUnfiled || marked.rescanUnfiled;
    marked_.accounts.merge(marked.accounts);
}

TodayDirty::Marked TodayDirty::take()
{
    std::lock_guard lock(mutex_);
    return std::exchange(marked_, Marked{});
}

namespace {

constexpr int kBirthdayLeadDays = 3;
constexpr int kHolidayLookAheadDays = 31;
constexpr std::int64_t kDayMs = 86'400'000;

// Marks the accounts a write touched (derived.h). The marks are held until the write's
// transaction ends: a compute on another connection that took them earlier would not see the
// write, and would use them up.
class TodayTracker : public DerivedData {
public:
    explicit TodayTracker(std::shared_ptr<TodayDirty> dirty) : dirty_(std::move(dirty)) {}

    void written(Transaction& tx, const schema::Entity& e, const std::string& id) override
    {
        if (e.name == "account") {
            hold(tx).accounts.insert(id);
        } else if (e.scope == schema::ScopeKind::Global) {
            if (e.name == "tier_policy" || e.name == "holiday") hold(tx).all = true;
        } else if (e.field("account_id")) {
            Statement& st = tx.db().cached("SELECT account_id FROM " + std::string(e.name) + " WHERE id = ?");
            st.bind(1, id);
            if (st.step()) hold(tx).accounts.insert(st.text(0));
            st.reset();
        }
    }
    void removed(Transaction& tx, const schema::Entity&, const std::string&) override { everything(tx); }
    void accountPurged(Transaction& tx, std::string_view accountId) override
    {
        hold(tx).accounts.emplace(accountId);
    }
    // Filed under another rep (or this one) without a change to the account itself.
    void ownerChanged(Transaction& tx, std::string_view accountId) override
    {
        hold(tx).accounts.emplace(accountId);
    }
    void wiped(Transaction& tx) override { everything(tx); }
    void endBulk(Transaction& tx, bool) override { everything(tx); }

private:
    // The marks of the transaction in progress (a Store writes on one thread).
    TodayDirty::Marked& hold(Transaction& tx)
    {
        if (!holding_) {
            holding_ = true;
            tx.db().afterTransaction([this] {
                holding_ = false;
                dirty_->merge(std::exchange(held_, {}));
            });
        }
        return held_;
    }
    // Accounts may have come or gone without a write of their own.
    void everything(Transaction& tx)
    {
        TodayDirty::Marked& marked = hold(tx);
        marked.all = true;
        marked.rescanUnfiled = true;
    }

    std::shared_ptr<TodayDirty> dirty_;
    TodayDirty::Marked held_;
    bool holding_ = false;
};

int kindRank(const std::string& kind)
{
    static const char* const kOrder[] = {"visit",   "task",    "birthday", "anniversary",
                                         "cadence", "decline", "holiday"};
    for (int i = 0; i < 7; ++i)
        if (kind == kOrder[i]) return i;
    return 7;
}

int tierRank(const std::string& tier)
{
    const schema::Field* f = schema::entity("account")->field("tier");
    return static_cast<int>(std::find(f->values.begin(), f->values.end(), tier) - f->values.begin());
}

// An item of `kind` at an account, keyed `kind:rest` (what a snooze names).
TodayItem newItem(const char* kind, const std::string& rest, std::string accountId, std::string accountName,
                  std::string tier)
{
    TodayItem item;
    item.key = std::string(kind) + ":" + rest;
    item.kind = kind;
    item.accountId = std::move(accountId);
    item.accountName = std::move(accountName);
    item.tier = std::move(tier);
    return item;
}

bool contains(const std::vector<std::string>& list, const std::string& word)
{
    return std::find(list.begin(), list.end(), word) != list.end();
}

// An account is in the rep's book when the server files it under the rep, or it was created
// here and has not been filed yet (sync_account_owner, replica.h). Binds the rep as ?1.
constexpr const char* kInBook =
    "coalesce((SELECT o.user_id FROM sync_account_owner o WHERE o.account_id = a.id), ?1) = ?1";

}  // namespace

std::unique_ptr<DerivedData> makeTodayTracker(std::shared_ptr<TodayDirty> dirty)
{
    return std::make_unique<TodayTracker>(std::move(dirty));
}

void TodayEngine::fillScope(Database& db, const std::set<std::string>* only, bool rescanUnfiled)
{
    db.execScript("CREATE TEMP TABLE IF NOT EXISTS today_scope (account_id TEXT PRIMARY KEY) WITHOUT ROWID;"
                  "CREATE TEMP TABLE IF NOT EXISTS today_touched (account_id TEXT PRIMARY KEY) WITHOUT ROWID;"
                  "DELETE FROM temp.today_scope; DELETE FROM temp.today_touched;");
    if (rescanUnfiled) {
        // Every account without an owner row: a scan of the whole table, so only when accounts
        // may have come without a write of their own (the first compute, a bulk pull).
        unfiled_.clear();
        Statement& st = db.cached("SELECT a.id FROM account a WHERE NOT EXISTS"
                                  " (SELECT 1 FROM sync_account_owner o WHERE o.account_id = a.id)");
        while (st.step())
            unfiled_.insert(st.text(0));
        st.reset();
    }
    if (only) {
        for (const std::string& id : *only) {
            parts_.erase(id);
            db.cached("INSERT OR IGNORE INTO temp.today_touched (account_id) VALUES (?)").bind(1, id).exec();
        }
        db.cached(
              std::string("INSERT INTO temp.today_scope (account_id) SELECT a.id FROM temp.today_touched t"
                          " CROSS JOIN account a ON a.id = t.account_id WHERE ") +
              kInBook)
            .bind(1, rep_)
            .exec();
        return;
    }
    // The rep's filed accounts by the owner index, and the ones not filed yet.
    db.cached("INSERT INTO temp.today_scope (account_id)"
              " SELECT o.account_id FROM sync_account_owner o CROSS JOIN account a ON a.id = o.account_id"
              " WHERE o.user_id = ?1")
        .bind(1, rep_)
        .exec();
    Statement& add = db.cached("INSERT OR IGNORE INTO temp.today_scope (account_id) SELECT id FROM account"
                               " WHERE id = ?");
    for (const std::string& id : unfiled_) {
        add.bind(1, id).exec();
        add.reset();
    }
}

void TodayEngine::noteFiling(Database& db, const std::set<std::string>& accounts)
{
    Statement& filed = db.cached("SELECT EXISTS (SELECT 1 FROM account WHERE id = ?1) AND NOT EXISTS"
                                 " (SELECT 1 FROM sync_account_owner WHERE account_id = ?1)");
    for (const std::string& id : accounts) {
        filed.bind(1, id);
        const bool isUnfiled = filed.step() && filed.int64(0) != 0;
        filed.reset();
        if (isUnfiled)
            unfiled_.insert(id);
        else
            unfiled_.erase(id);
    }
}

void TodayEngine::recompute(Database& db, const Clock& clock, const std::set<std::string>* only,
                            bool rescanUnfiled)
{
    // The accounts to compute, once per refresh into temp tables the queries join from:
    // today_scope, those of the rep's book (all of it, or the ones writes touched), and
    // today_touched, the touched ones whatever their book (the rep's follow-ups and visits
    // follow the rep). Each query then reads the scope's rows by index, never the device's
    // whole tables.
    fillScope(db, only, rescanUnfiled);
    if (!only) parts_.clear();
    lastRecomputed_ = only ? only->size() : 0;
    const std::string& today = day_;
    // The earliest period start of the three kinds: the events any rule can count.
    std::string since = today;
    for (const char* period : {"month", "two_months", "quarter"})
        since = std::min(since, cadencePeriod(period, today).from);

    std::vector<std::string> computed;  // the accounts of the book this pass computes
    auto onlyTouched = [only](const char* column) {
        return only ? std::string(" AND ") + column + " IN (SELECT account_id FROM temp.today_touched)"
                    : std::string();
    };
    {  // The rep's book.
        Statement& st = db.cached(
            "SELECT a.id, a.name, coalesce(a.tier, ''), coalesce(a.stage, '') FROM temp.today_scope s"
            " CROSS JOIN account a ON a.id = s.account_id"
            " WHERE coalesce(a.archived, 0) = 0 AND coalesce(a.stage, '') <> 'exit'");
        computed.clear();
        while (st.step()) {
            Part& p = parts_[st.text(0)];
            p.name = st.text(1);
            p.tier = st.text(2);
            p.stage = st.text(3);
            p.inBook = true;
            computed.push_back(st.text(0));
            if (!only) ++lastRecomputed_;
        }
        st.reset();
    }
    {  // Cadence: the counted contacts of the periods holding today.
        // Each minimum's period, once for all accounts, grouped by tier; the scope's events
        // stream by account (the scope's order), each counted against its tier's minimums,
        // and an account's items are made when its events end.
        struct Minimum {
            const TierPolicy* policy;
            CadencePeriod span;
        };
        std::map<std::string, std::vector<Minimum>, std::less<>> minimums;
        for (const TierPolicy& policy : policies_)
            if (policy.minCount && *policy.minCount > 0)
                minimums[policy.tier].push_back({&policy, cadencePeriod(policy.period, today)});
        const std::vector<Minimum> none;
        std::vector<std::int64_t> tally;
        auto itemsOf = [&](const std::string& id, Part& p, const std::vector<Minimum>& rules) {
            for (std::size_t i = 0; i < rules.size(); ++i) {
                const TierPolicy& policy = *rules[i].policy;
                const CadencePeriod& span = rules[i].span;
                const std::int64_t done = tally[i];
                if (done >= *policy.minCount) continue;
                const CadenceLine line = cadenceLine(policy, span, today, done);
                if (line.paceDue.empty() || daysBetween(today, line.paceDue) > cadenceLeadDays(line))
                    continue;
                TodayItem item =
                    newItem("cadence", id + ":" + policy.activity + ":" + span.from, id, p.name, p.tier);
                item.due = line.paceDue;
                item.overdueDays = std::max(0, daysBetween(line.paceDue, today));
                item.activity = policy.activity;
                item.period = policy.period;
                item.done = line.done;
                item.required = *line.minCount;
                item.daysLeft = line.daysLeft;
                p.items.push_back(std::move(item));
            }
        };
        auto rulesOf = [&](const Part& p) -> const std::vector<Minimum>& {
            const auto found = minimums.find(p.tier);
            return found == minimums.end() ? none : found->second;
        };
        std::set<std::string_view> counted;  // the accounts whose events came by
        Statement& st = db.cached(
            "SELECT e.account_id, e.activity, e.day FROM temp.today_scope s CROSS JOIN cadence_event e"
            " ON e.account_id = s.account_id WHERE e.day >= ?");
        st.bind(1, since);
        std::string current;
        Part* part = nullptr;  // the current account's, null when it is not computed
        const std::vector<Minimum>* rules = &none;
        auto finish = [&] {
            if (part) itemsOf(current, *part, *rules);
        };
        while (st.step()) {
            if (st.textView(0) != current) {
                finish();
                current = st.text(0);
                const auto found = parts_.find(current);
                part = found != parts_.end() && found->second.inBook ? &found->second : nullptr;
                rules = part ? &rulesOf(*part) : &none;
                if (part) counted.insert(found->first);
                tally.assign(rules->size(), 0);
            }
            if (rules->empty()) continue;
            const std::string_view activity = st.textView(1);
            const std::string_view day = st.textView(2);
            for (std::size_t i = 0; i < rules->size(); ++i) {
                const Minimum& m = (*rules)[i];
                if (m.policy->activity == activity && day >= m.span.from && day < m.span.to) ++tally[i];
            }
        }
        st.reset();
        finish();
        // The accounts without an event in the periods: nothing done yet.
        for (const std::string& id : computed) {
            if (counted.count(id)) continue;
            Part& p = parts_[id];
            const std::vector<Minimum>& r = rulesOf(p);
            tally.assign(r.size(), 0);
            itemsOf(id, p, r);
        }
    }
    {  // Decline: accounts fallen behind their own rhythm (lifecycle.h).
        Statement& st =
            db.cached("SELECT r.account_id, r.contact_usual, r.contact_intervals, r.contact_last,"
                      " r.sale_usual, r.sale_intervals, coalesce(r.sale_last, ''), r.sale_days,"
                      " coalesce(r.sale_first, ''), coalesce((SELECT max(c.at) FROM stage_change c"
                      " WHERE c.account_id = r.account_id), 0)"
                      " FROM temp.today_scope s CROSS JOIN account_rhythm r ON r.account_id = s.account_id");
        while (st.step()) {
            auto found = parts_.find(st.text(0));
            if (found == parts_.end() || !found->second.inBook) continue;
            Part& p = found->second;
            AccountLifecycle life;
            life.accountId = found->first;
            life.tier = p.tier;
            life.stage = p.stage;
            applyRhythm(life, rhythmRowAt(st, 1), today);
            if (st.int64(9) > 0) life.lastChangeDay = localDayOf(clock, st.int64(9));
            if (!declineWarned(life, today)) continue;
            const Rhythm* late = life.behind();
            TodayItem item =
                newItem("decline", life.accountId + ":" + late->lastDay, life.accountId, p.name, p.tier);
            item.due = today;
            item.basis = late->basis;
            item.usualDays = late->usualDays;
            item.sinceDays = late->sinceDays;
            item.stage = p.stage;
            item.suggestion = "decline";
            p.items.push_back(std::move(item));
        }
        st.reset();
    }
    // Greetings logged lately: (person, occasion) greeted, per account.
    std::set<std::pair<std::string, std::string>> greeted;
    {
        Statement& st =
            db.cached("SELECT c.account_id, coalesce(c.key_person_id, ''), coalesce(c.occasion, '') FROM "
                      "temp.today_scope s CROSS JOIN contact_log c ON c.account_id = s.account_id"
                      " WHERE c.kind = 'greeting' AND c.at >= ?");
        st.bind(1, startMs_ - 40 * kDayMs);
        while (st.step()) {
            if (greeted.emplace(st.text(1), st.text(2)).second && !st.textView(1).empty())
                parts_[st.text(0)].greeted[st.text(2)] += 1;
        }
        st.reset();
    }
    // The month-days of the solar birthdays near enough (29 February falls on the 28th in
    // other years).
    std::set<std::string> soon;
    for (int d = 0; d <= kBirthdayLeadDays; ++d) {
        const std::string day = addDays(today, d);
        soon.insert(day.substr(5));
        if (day.substr(5) == "02-28") soon.insert("02-29");
    }
    {  // Key persons: birthdays, anniversaries, and how many to greet on holidays.
        // The dates alone, from a covering index (key_person_today); the few people with an
        // occasion near enough are then read by rowid.
        Statement& st =
            db.cached("SELECT p.rowid, p.account_id, coalesce(p.birthday, ''), coalesce(p.birthday_lunar, 0),"
                      " coalesce(p.anniversaries, '') FROM temp.today_scope s CROSS JOIN key_person p"
                      " ON p.account_id = s.account_id WHERE coalesce(p.archived, 0) = 0");
        struct Person {
            std::string id, name, title;
        };
        auto personAt = [&db](std::int64_t rowid) {
            Statement& one =
                db.cached("SELECT id, name, coalesce(title, '') FROM key_person WHERE rowid = ?");
            one.bind(1, rowid);
            Person out;
            if (one.step()) out = {one.text(0), one.text(1), one.text(2)};
            one.reset();
            return out;
        };
        auto greetItem = [&](const char* kind, const Person& who, const std::string& accountId, Part& p,
                             const std::string& occasion, const std::string& day, bool lunarDay) {
            // A birthday's key: the person and day; an anniversary's: also which one.
            std::string key = who.id + ":";
            if (isAnniversary(occasion)) key += occasion.substr(kAnniversaryOccasion.size() + 1) + ":";
            TodayItem item = newItem(kind, key + day, accountId, p.name, p.tier);
            item.due = day;
            item.personId = who.id;
            item.personName = who.name;
            item.personTitle = who.title;
            item.lunar = lunarDay;
            item.occasion = occasion;
            return item;
        };
        std::string lastId;  // rows come by account: one look-up per account
        Part* last = nullptr;
        while (st.step()) {
            if (st.textView(1) != lastId) {
                lastId = st.text(1);
                const auto found = parts_.find(lastId);
                last = found != parts_.end() && found->second.inBook ? &found->second : nullptr;
            }
            if (!last) continue;
            Part& p = *last;
            ++p.people;
            std::optional<Person> who;  // read once, when an occasion of theirs is near
            auto person = [&]() -> const Person& {
                if (!who) who = personAt(st.int64(0));
                return *who;
            };
            if (!st.textView(4).empty()) {
                for (const Anniversary& a : parseAnniversaries(st.textView(4)).dates) {
                    if (!a.lunar && !soon.count(lunar::format({2000, a.month, a.day}).substr(5))) continue;
                    const auto next = nextAnniversary(a, today);
                    if (!next || daysBetween(today, *next) > kBirthdayLeadDays) continue;
                    const std::string occasion = a.occasion();
                    if (greeted.count({person().id, occasion})) continue;
                    TodayItem item = greetItem("anniversary", person(), lastId, p, occasion, *next, a.lunar);
                    item.occasionName = a.label;
                    p.items.push_back(std::move(item));
                }
            }
            const std::string_view birthday = st.textView(2);
            if (birthday.size() < 10) continue;
            const bool lunarBirthday = st.int64(3) != 0;
            // Most solar birthdays are months away: their month and day say so at once.
            if (!lunarBirthday && !soon.count(std::string(birthday.substr(5, 5)))) continue;
            const auto next = nextBirthday(birthday, lunarBirthday, today);
            if (!next || daysBetween(today, *next) > kBirthdayLeadDays) continue;
            if (greeted.count({person().id, "birthday"})) continue;
            p.items.push_back(greetItem("birthday", person(), lastId, p, "birthday", *next, lunarBirthday));
        }
        st.reset();
    }
    {  // Open follow-ups due by today.
        Statement st = db.prepare(
            std::string("SELECT t.id, t.account_id, t.kind, t.due_on, coalesce(t.visit_id, ''),"
                        " coalesce(v.checkout_at, v.checkin_at, 0), coalesce(a.name, ''),"
                        " coalesce(a.tier, ''), coalesce(t.purpose, '')"
                        " FROM task t LEFT JOIN visit v ON v.id = t.visit_id LEFT JOIN account a ON a.id ="
                        " t.account_id WHERE t.owner_id = ? AND t.status = 'open' AND t.due_on <= ?") +
            onlyTouched("t.account_id"));
        st.bind(1, rep_).bind(2, today);
        while (st.step()) {
            Part& p = parts_[st.text(1)];
            TodayItem item = newItem("task", st.text(0), st.text(1), st.text(6), st.text(7));
            item.activity = st.text(2);
            item.due = st.text(3);
            item.overdueDays = std::max(0, daysBetween(item.due, today));
            item.taskId = st.text(0);
            item.visitId = st.text(4);
            item.purpose = st.text(8);
            if (st.int64(5) > 0) item.visitDay = localDayOf(clock, st.int64(5));
            p.items.push_back(std::move(item));
        }
    }
    {  // Visits left open on an earlier day.
        Statement st = db.prepare(
            std::string("SELECT v.id, v.account_id, v.checkin_at, coalesce(a.name, ''), coalesce(a.tier, '')"
                        " FROM visit v LEFT JOIN account a ON a.id = v.account_id WHERE v.rep_id = ?"
                        " AND v.status = 'open' AND v.checkin_at < ?") +
            onlyTouched("v.account_id"));
        st.bind(1, rep_).bind(2, startMs_);
        while (st.step()) {
            Part& p = parts_[st.text(1)];
            TodayItem item = newItem("visit", st.text(0), st.text(1), st.text(3), st.text(4));
            item.visitId = st.text(0);
            item.visitDay = localDayOf(clock, st.int64(2));
            item.due = item.visitDay;
            item.overdueDays = std::max(1, daysBetween(item.visitDay, today));
            p.items.push_back(std::move(item));
        }
    }
    // Parts left with nothing (an account that left the book) go.
    for (auto it = parts_.begin(); it != parts_.end();)
        it = !it->second.inBook && it->second.items.empty() ? parts_.erase(it) : std::next(it);
}

TodayList TodayEngine::refresh(Database& db, std::string_view repId, const Clock& clock)
{
    const std::string today = localToday(clock);
    TodayDirty::Marked marked = dirty_->take();
    const bool rescan = marked.rescanUnfiled || !unfiledKnown_;
    try {
        unfiledKnown_ = true;
        // Written accounts may have been filed or created unfiled, whatever this pass computes.
        if (!rescan) noteFiling(db, marked.accounts);
        if (repId != rep_ || today != day_ || rescan) marked.all = true;
        compute(db, clock, repId, today, marked, rescan);
    } catch (...) {
        // The marks are used up and the parts half made: the next refresh starts over.
        unfiledKnown_ = false;
        dirty_->all(true);
        throw;
    }
    return assemble(db, today);
}

void TodayEngine::compute(Database& db, const Clock& clock, std::string_view repId, const std::string& today,
                          const TodayDirty::Marked& marked, bool rescan)
{
    if (marked.all) {
        rep_ = std::string(repId);
        day_ = today;
        const std::int64_t now = clock.nowMs();
        // The first instant of the local day (the offset of now: a day that changes offset at
        // midnight is a few minutes off, harmless for "left open before today").
        const std::int64_t local = now + std::int64_t{clock.utcOffsetMinutes(now)} * 60'000;
        startMs_ = now - (((local % kDayMs) + kDayMs) % kDayMs);
        policies_ = effectiveTierPolicies(db);
        occasions_ = greetingOccasions(db, today, addDays(today, kHolidayLookAheadDays));
        recompute(db, clock, nullptr, rescan);
    } else if (!marked.accounts.empty()) {
        recompute(db, clock, &marked.accounts, false);
    } else {
        lastRecomputed_ = 0;
    }
}

TodayList TodayEngine::assemble(Database& db, const std::string& today) const
{
    TodayList out;
    out.day = today;
    for (const auto& [id, p] : parts_) {
        if (p.inBook) ++out.accounts;
        out.items.insert(out.items.end(), p.items.begin(), p.items.end());
    }
    for (const Occasion& o : occasions_) {
        if (daysBetween(today, o.date) > o.leadDays) continue;
        TodayItem item;
        item.key = "holiday:" + o.code + ":" + o.date;
        item.kind = "holiday";
        item.due = o.date;
        item.occasion = o.code;
        item.occasionName = o.name;
        item.occasionNameEn = o.nameEn;
        item.lunar = o.lunar;
        item.tiers = o.tiers;
        for (const auto& [id, p] : parts_) {
            if (!p.inBook || !contains(o.tiers, p.tier)) continue;
            item.people += p.people;
            if (auto g = p.greeted.find(o.code); g != p.greeted.end()) item.greeted += g->second;
        }
        if (item.people > item.greeted) out.items.push_back(std::move(item));
    }
    std::set<std::string> snoozed;
    {
        Statement& st = db.cached("SELECT item FROM snooze WHERE owner_id = ? AND until > ?");
        st.bind(1, rep_).bind(2, today);
        while (st.step())
            snoozed.insert(st.text(0));
        st.reset();
    }
    std::erase_if(out.items, [&](const TodayItem& i) { return snoozed.count(i.key) > 0; });
    for (TodayItem& i : out.items)
        i.urgency = i.overdueDays > 0 ? -i.overdueDays : daysBetween(today, i.due);
    std::sort(out.items.begin(), out.items.end(), [](const TodayItem& a, const TodayItem& b) {
        return std::forward_as_tuple(a.urgency, kindRank(a.kind), tierRank(a.tier), a.accountName, a.key) <
               std::forward_as_tuple(b.urgency, kindRank(b.kind), tierRank(b.tier), b.accountName, b.key);
    });
    for (const TodayItem& i : out.items)
        (i.overdueDays > 0 ? out.overdue : out.due) += 1;
    return out;
}

std::vector<GreetingPerson> greetingPeople(Database& db, std::string_view repId,
                                           const std::vector<std::string>& tiers, std::string_view occasion,
                                           std::int64_t sinceMs)
{
    std::vector<GreetingPerson> out;
    Statement st = db.prepare(
        std::string(
            "SELECT p.id, p.name, coalesce(p.title, ''), a.id, a.name, coalesce(a.tier, ''),"
            " EXISTS (SELECT 1 FROM contact_log c WHERE c.key_person_id = p.id AND c.kind = 'greeting'"
            " AND c.occasion = ?2 AND c.at >= ?3)"
            " FROM key_person p JOIN account a ON a.id = p.account_id WHERE ") +
        kInBook +
        " AND coalesce(a.archived, 0) = 0 AND coalesce(p.archived, 0) = 0 AND coalesce(a.stage, '') <> "
        "'exit'");
    st.bind(1, repId).bind(2, occasion).bind(3, sinceMs);
    while (st.step()) {
        GreetingPerson p{st.text(0), st.text(1), st.text(2),      st.text(3),
                         st.text(4), st.text(5), st.int64(6) != 0};
        if (tiers.empty() || contains(tiers, p.tier)) out.push_back(std::move(p));
    }
    std::stable_sort(out.begin(), out.end(), [](const GreetingPerson& a, const GreetingPerson& b) {
        return std::forward_as_tuple(a.greeted, tierRank(a.tier), a.accountName, a.name) <
               std::forward_as_tuple(b.greeted, tierRank(b.tier), b.accountName, b.name);
    });
    return out;
}

Result<void> snoozeTodayItem(Store& store, Transaction& tx, std::string_view repId, std::string_view itemKey,
                             std::string_view until, std::string_view today)
{
    if (repId.empty()) return makeError(ErrorCode::Required, "no account manager signed in", "owner_id");
    if (itemKey.empty()) return makeError(ErrorCode::Required, "no item to put off", "item");
    if (until <= today) return makeError(ErrorCode::OutOfRange, "put off until a later day", "until");
    std::string id;
    {
        Statement& st =
            tx.db().cached("SELECT id FROM snooze WHERE owner_id = ? AND item = ? ORDER BY id LIMIT 1");
        st.bind(1, repId).bind(2, itemKey);
        if (st.step()) id = st.text(0);
        st.reset();
    }
    if (!id.empty()) return store.update(tx, "snooze", id, {{"until", Value{std::string(until)}}});
    auto created = store.create(tx, "snooze",
                                {{"owner_id", Value{std::string(repId)}},
                                 {"item", Value{std::string(itemKey)}},
                                 {"until", Value{std::string(until)}}});
    if (!created) return created.error();
    return {};
}

}  // namespace fb
