// See lifecycle.h.
#include "fieldbook/core/lifecycle.h"

#include <algorithm>
#include <map>

#include "fieldbook/core/cadence.h"
#include "fieldbook/core/store.h"
#include "fieldbook/core/visits.h"

namespace fb {

namespace {

// The median of the intervals between consecutive days (newest first), over the latest
// kRhythm.window; (median, intervals).
std::pair<int, int> medianInterval(const std::vector<std::string>& days)
{
    std::vector<int> gaps;
    for (std::size_t i = 1; i < days.size() && static_cast<int>(gaps.size()) < kRhythm.window; ++i)
        gaps.push_back(daysBetween(days[i], days[i - 1]));
    if (gaps.empty()) return {0, 0};
    std::sort(gaps.begin(), gaps.end());
    const std::size_t n = gaps.size();
    const int median = n % 2 == 1 ? gaps[n / 2] : (gaps[n / 2 - 1] + gaps[n / 2] + 1) / 2;
    return {median, static_cast<int>(n)};
}

std::vector<std::string> latestDays(Database& db, std::string_view accountId, bool salesOnly)
{
    Statement& st =
        db.cached(salesOnly ? "SELECT DISTINCT day FROM cadence_event WHERE account_id = ? AND sale = 1"
                              " ORDER BY day DESC LIMIT ?"
                            : "SELECT DISTINCT day FROM cadence_event WHERE account_id = ?"
                              " ORDER BY day DESC LIMIT ?");
    st.bind(1, accountId).bind(2, std::int64_t{kRhythm.window + 1});
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.text(0));
    st.reset();
    return out;
}

std::optional<Rhythm> rhythmFrom(const char* basis, int usual, int intervals, const std::string& last,
                                 std::string_view today)
{
    if (last.empty()) return std::nullopt;
    Rhythm r;
    r.basis = basis;
    r.usualDays = usual;
    r.intervals = intervals;
    r.lastDay = last;
    r.sinceDays = daysBetween(last, today);
    r.limitDays = std::max(usual * kRhythm.factorPercent / 100, usual + kRhythm.minSlackDays);
    return r;
}

}  // namespace

std::string Rhythm::behindFrom() const
{
    return addDays(lastDay, limitDays + 1);
}

const Rhythm* AccountLifecycle::behind() const
{
    if (purchases && purchases->behind()) return &*purchases;
    if (contacts && contacts->behind()) return &*contacts;
    return nullptr;
}

RhythmRow rhythmRowAt(const Statement& st, int first)
{
    auto number = [&](int k) { return static_cast<int>(st.int64(first + k)); };
    return RhythmRow{number(0), number(1),          st.text(first + 2), number(3),
                     number(4), st.text(first + 5), number(6),          st.text(first + 7)};
}

void applyRhythm(AccountLifecycle& out, const RhythmRow& row, std::string_view today)
{
    out.contacts = rhythmFrom("contact", row.contactUsual, row.contactIntervals, row.contactLast, today);
    out.purchases = rhythmFrom("purchase", row.saleUsual, row.saleIntervals, row.saleLast, today);
    out.purchaseDays = row.saleDays;
    out.firstPurchase = row.saleFirst;
}

std::vector<std::optional<AccountLifecycle>>
lifecyclesOf(Database& db, const std::vector<std::string>& accountIds, const Clock& clock)
{
    const std::string today = localDayOf(clock, clock.nowMs());
    std::string ids = "[";
    for (const std::string& id : accountIds)
        ids += (ids.size() > 1 ? "," : "") + jsonString(id);
    ids += "]";
    // One statement for all: the account, its rhythm row if any, its latest stage change.
    Statement& st = db.cached(
        "SELECT a.id, coalesce(a.tier, ''), coalesce(a.stage, ''), r.account_id IS NOT NULL,"
        " r.contact_usual, r.contact_intervals, r.contact_last, r.sale_usual, r.sale_intervals,"
        " coalesce(r.sale_last, ''), r.sale_days, coalesce(r.sale_first, ''), coalesce(c.at, 0),"
        " coalesce(c.from_stage, '') FROM account a LEFT JOIN account_rhythm r ON r.account_id = a.id"
        " LEFT JOIN stage_change c ON c.id = (SELECT x.id FROM stage_change x WHERE x.account_id = a.id"
        " ORDER BY x.at DESC, x.id DESC LIMIT 1)"
        " WHERE a.id IN (SELECT value FROM json_each(?))");
    st.bind(1, ids);
    std::map<std::string, AccountLifecycle, std::less<>> found;
    while (st.step()) {
        AccountLifecycle life;
        life.accountId = st.text(0);
        life.tier = st.text(1);
        life.stage = st.text(2);
        if (st.int64(3) != 0) applyRhythm(life, rhythmRowAt(st, 4), today);
        if (st.int64(12) > 0) {
            life.lastChangeDay = localDayOf(clock, st.int64(12));
            life.lastChangeFrom = st.text(13);
        }
        found.emplace(life.accountId, std::move(life));
    }
    st.reset();
    std::vector<std::optional<AccountLifecycle>> out;
    out.reserve(accountIds.size());
    for (const std::string& id : accountIds) {
        const auto it = found.find(id);
        out.push_back(it == found.end() ? std::nullopt : std::optional<AccountLifecycle>(it->second));
    }
    return out;
}

std::optional<AccountLifecycle> lifecycleOf(Database& db, std::string_view accountId, const Clock& clock)
{
    return lifecyclesOf(db, {std::string(accountId)}, clock).front();
}

std::optional<StageSuggestion> suggestStage(const AccountLifecycle& a, std::string_view today)
{
    const Rhythm* late = a.behind();
    const bool active = a.stage == "acquisition" || a.stage == "growth" || a.stage == "maturity";
    if (late && active) {
        // The rep answered this warning already (a stage change since it began).
        if (!a.lastChangeDay.empty() && a.lastChangeDay >= late->behindFrom()) return std::nullopt;
        return StageSuggestion{"decline", "behind"};
    }
    if (a.stage == "decline" && !late) {
        // Back in rhythm with a contact or purchase after it was moved to decline.
        const bool since = (a.purchases && a.purchases->lastDay > a.lastChangeDay) ||
                           (a.contacts && a.contacts->lastDay > a.lastChangeDay);
        const bool known = (a.purchases && a.purchases->known()) || (a.contacts && a.contacts->known());
        if (since && known) {
            const std::string back = a.lastChangeFrom == "acquisition" || a.lastChangeFrom == "growth" ||
                                             a.lastChangeFrom == "maturity"
                                         ? a.lastChangeFrom
                                         : std::string("maturity");
            return StageSuggestion{back, "recovered"};
        }
        return std::nullopt;
    }
    if (a.stage == "acquisition" && a.purchaseDays >= 1) return StageSuggestion{"growth", "first_purchase"};
    if (a.stage == "growth" && a.purchaseDays >= 6 && !a.firstPurchase.empty() &&
        daysBetween(a.firstPurchase, today) >= 180 && a.purchases && a.purchases->known() && !late)
        return StageSuggestion{"maturity", "steady"};
    return std::nullopt;
}

bool declineWarned(const AccountLifecycle& account, std::string_view today)
{
    const auto suggestion = suggestStage(account, today);
    return suggestion && suggestion->why == "behind";
}

std::string_view defaultWinBack(std::string_view tier)
{
    if (tier == "KA" || tier == "A") return "plan";
    if (tier == "B") return "case_by_case";
    return "let_go";
}

Result<std::string> Lifecycle::changeStage(Transaction& tx, std::string_view repId,
                                           const StageChangeEntry& entry)
{
    if (repId.empty()) return makeError(ErrorCode::Required, "no account manager signed in", "rep_id");
    auto account = store_.get("account", entry.accountId);
    if (!account) return makeError(ErrorCode::NotFound, "no such account", "account_id");
    const std::string from = account->text("stage");
    if (entry.toStage == from)
        return makeError(ErrorCode::Conflict, "the account is in this stage already", "to_stage");
    if (entry.reason.find_first_not_of(" \t\n") == std::string::npos)
        return makeError(ErrorCode::Required, "say why the stage changes", "reason");
    const bool exit = entry.toStage == "exit";
    if (exit && entry.exitReason.empty())
        return makeError(ErrorCode::Required, "an exit needs its reason", "exit_reason");
    if (exit && entry.winBack.empty())
        return makeError(ErrorCode::Required, "an exit needs a win-back decision", "win_back");
    if (!exit && (!entry.exitReason.empty() || !entry.winBack.empty()))
        return makeError(ErrorCode::Conflict, "only an exit has an exit reason and a win-back decision",
                         "exit_reason");

    const std::int64_t now = clock_.nowMs();
    Fields fields{{"account_id", Value{entry.accountId}},
                  {"rep_id", Value{std::string(repId)}},
                  {"at", Value{now}},
                  {"to_stage", Value{entry.toStage}},
                  {"reason", Value{entry.reason}},
                  {"suggested", Value{std::int64_t{entry.suggested}}}};
    if (!from.empty()) fields.emplace("from_stage", Value{from});
    if (exit) {
        fields.emplace("exit_reason", Value{entry.exitReason});
        fields.emplace("win_back", Value{entry.winBack});
    }
    auto id = store_.create(tx, "stage_change", fields);
    if (!id) return id.error();

    Fields changes{{"stage", Value{entry.toStage}}};
    changes.emplace("exit_reason", exit ? Value{entry.exitReason} : Value{});
    if (auto r = store_.update(tx, "account", entry.accountId, changes); !r) return r.error();

    if (exit && entry.winBack != "let_go") {
        const std::string today = localDayOf(clock_, now);
        struct Planned {
            const char* kind;
            int inDays;
        };
        std::vector<Planned> plan;
        if (entry.winBack == "plan")
            plan = {{"phone_callback", 2}, {"face_visit", 14}};
        else
            plan = {{"phone_callback", 7}};
        for (const Planned& p : plan) {
            auto task = store_.create(tx, "task",
                                      {{"owner_id", Value{std::string(repId)}},
                                       {"account_id", Value{entry.accountId}},
                                       {"kind", Value{std::string(p.kind)}},
                                       {"due_on", Value{addDays(today, p.inDays)}},
                                       {"status", Value{std::string("open")}},
                                       {"purpose", Value{std::string("win_back")}}});
            if (!task) return task.error();
        }
    }
    return id;
}

std::vector<StageChange> Lifecycle::history(std::string_view accountId, int limit)
{
    std::vector<StageChange> out;
    Statement& st = store_.db().cached(
        "SELECT id, rep_id, at, coalesce(from_stage, ''), to_stage, reason, coalesce(exit_reason, ''),"
        " coalesce(win_back, ''), coalesce(suggested, 0) FROM stage_change WHERE account_id = ?"
        " ORDER BY at DESC, id DESC LIMIT ?");
    st.bind(1, accountId).bind(2, std::int64_t{limit});
    while (st.step())
        out.push_back(StageChange{st.text(0), st.text(1), st.int64(2), st.text(3), st.text(4), st.text(5),
                                  st.text(6), st.text(7), st.int64(8) != 0});
    st.reset();
    return out;
}

void refreshRhythm(Database& db, std::string_view accountId)
{
    const auto contacts = latestDays(db, accountId, false);
    if (contacts.empty()) {
        db.cached("DELETE FROM account_rhythm WHERE account_id = ?").bind(1, accountId).exec();
        return;
    }
    const auto sales = latestDays(db, accountId, true);
    const auto [contactUsual, contactIntervals] = medianInterval(contacts);
    const auto [saleUsual, saleIntervals] = medianInterval(sales);
    std::int64_t saleDays = 0;
    Value saleFirst;
    if (!sales.empty()) {
        Statement& st = db.cached(
            "SELECT count(DISTINCT day), min(day) FROM cadence_event WHERE account_id = ? AND sale = 1");
        st.bind(1, accountId);
        if (st.step()) {
            saleDays = st.int64(0);
            saleFirst = Value{st.text(1)};
        }
        st.reset();
    }
    db.cached(
          "INSERT OR REPLACE INTO account_rhythm (account_id, contact_usual, contact_intervals, contact_last,"
          " sale_usual, sale_intervals, sale_last, sale_days, sale_first) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, accountId)
        .bind(2, std::int64_t{contactUsual})
        .bind(3, std::int64_t{contactIntervals})
        .bind(4, contacts.front())
        .bind(5, std::int64_t{saleUsual})
        .bind(6, std::int64_t{saleIntervals})
        .bind(7, sales.empty() ? Value{} : Value{sales.front()})
        .bind(8, saleDays)
        .bind(9, saleFirst)
        .exec();
}

void rebuildRhythm(Database& db)
{
    db.execScript("DELETE FROM account_rhythm");
    std::vector<std::string> accounts;
    {
        Statement st = db.prepare("SELECT DISTINCT account_id FROM cadence_event");
        while (st.step())
            accounts.push_back(st.text(0));
    }
    for (const std::string& id : accounts)
        refreshRhythm(db, id);
}

}  // namespace fb
