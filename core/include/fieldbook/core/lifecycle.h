// The account lifecycle (domain §1, §8; issue 11 §4): acquisition → growth → maturity →
// decline → exit, with an early warning for decline and a win-back decision at exit.
//
// Rhythm: each account's own pace, the median interval between the last (up to 13) days it
// bought (a finished visit that agreed a sale) and, separately, the days it had any counted
// contact (visits and the contacts of cadence.h). It is derived data (account_rhythm, kept by
// the cadence keeper on every write), so Today reads one row per account.
//
// An account falls behind its rhythm when the days since the last one exceed one and a half
// times its usual interval and at least a week more than it (kRhythm). Three intervals are
// needed before a rhythm says anything.
//
// The rep sets the stage, always with a reason (a stage_change record written with the
// account's new stage). The engine only suggests: decline when an account falls behind,
// back to where it was when a declining account has its rhythm again, growth after a first
// purchase, maturity after half a year of steady buying. A warning the rep has answered with
// a stage change since it began is not raised again.
//
// Exit needs a reason code and a win-back decision, which defaults by tier (KA and A: plan;
// B: case by case; C and P: let go). Planning a win-back sets the rep two follow-ups (call to
// find out why within 2 days, visit within 14); case by case, one call within 7 days to decide.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fieldbook/core/clock.h"
#include "fieldbook/core/store.h"

namespace fb {

struct RhythmRules {
    int minIntervals = 3;     // fewer: no rhythm yet
    int factorPercent = 150;  // behind beyond usual × 1.5 ...
    int minSlackDays = 7;     // ... and usual + 7 days
    int window = 12;          // the intervals the median is taken over (the latest)
};
inline constexpr RhythmRules kRhythm{};

struct Rhythm {
    std::string basis;  // "purchase" or "contact"
    int usualDays = 0;  // the median interval
    int intervals = 0;  // how many it was taken over
    std::string lastDay;
    int sinceDays = 0;  // from lastDay to today
    int limitDays = 0;  // behind beyond this many days since the last
    bool known() const { return intervals >= kRhythm.minIntervals; }
    bool behind() const { return known() && sinceDays > limitDays; }
    // The first local day it counts as behind.
    std::string behindFrom() const;
};

struct AccountLifecycle {
    std::string accountId;
    std::string tier;
    std::string stage;
    std::optional<Rhythm> purchases;
    std::optional<Rhythm> contacts;
    int purchaseDays = 0;        // days it bought on, all told
    std::string firstPurchase;   // its first
    std::string lastChangeDay;   // the local day of the latest stage change ("" for none)
    std::string lastChangeFrom;  // the stage that change left
    // The rhythm it falls behind (purchases first), if any.
    const Rhythm* behind() const;
};

// From account_rhythm and the stage changes, on local day `today` of `clock`.
std::optional<AccountLifecycle> lifecycleOf(Database& db, std::string_view accountId, const Clock& clock);
// The same for several accounts in one read (a page of the account list), in the order of
// `accountIds`; nullopt for an account not on the device.
std::vector<std::optional<AccountLifecycle>>
lifecyclesOf(Database& db, const std::vector<std::string>& accountIds, const Clock& clock);
// The same from the parts a batch read gives (Today): the rhythm row's columns.
struct RhythmRow {
    int contactUsual = 0, contactIntervals = 0;
    std::string contactLast;
    int saleUsual = 0, saleIntervals = 0;
    std::string saleLast;
    int saleDays = 0;
    std::string saleFirst;
};
void applyRhythm(AccountLifecycle& out, const RhythmRow& row, std::string_view today);
// An account_rhythm row read from `st`, its columns in the table's order from column `first`
// (contact_usual … sale_first, the nullable ones coalesced to '').
RhythmRow rhythmRowAt(const Statement& st, int first);

struct StageSuggestion {
    std::string to;   // the stage suggested
    std::string why;  // behind, recovered, first_purchase, steady
};
std::optional<StageSuggestion> suggestStage(const AccountLifecycle& account, std::string_view today);
// The decline warning: an active account fallen behind its rhythm, not answered by a stage
// change since (what Today lists and the account list marks).
bool declineWarned(const AccountLifecycle& account, std::string_view today);

// The win-back decision a tier starts with: plan, case_by_case or let_go.
std::string_view defaultWinBack(std::string_view tier);

struct StageChangeEntry {
    std::string accountId;
    std::string toStage;
    std::string reason;      // required
    std::string exitReason;  // required for exit: account.exit_reason's codes
    std::string winBack;     // required for exit: plan, case_by_case, let_go
    bool suggested = false;
};

struct StageChange {
    std::string id;
    std::string repId;
    std::int64_t atMs = 0;
    std::string fromStage, toStage, reason, exitReason, winBack;
    bool suggested = false;
};

class Lifecycle {
public:
    Lifecycle(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    // Moves the account to `toStage`: the stage_change record, the account's stage (and exit
    // reason), and for an exit the win-back follow-ups of its decision. Refused (nothing
    // written): an unknown account, the stage it already has, no reason, an exit without its
    // reason code or decision, bad codes. Returns the stage_change id.
    Result<std::string> changeStage(Transaction& tx, std::string_view repId, const StageChangeEntry& entry);
    // The account's stage changes, newest first.
    std::vector<StageChange> history(std::string_view accountId, int limit = 20);

private:
    Store& store_;
    const Clock& clock_;
};

// Recomputes the account's row of account_rhythm from cadence_event (the cadence keeper calls
// it for every account a write touched).
void refreshRhythm(Database& db, std::string_view accountId);
// Rebuilds every row (migration, rebuildCadence).
void rebuildRhythm(Database& db);

}  // namespace fb
