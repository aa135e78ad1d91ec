// Today (issue 11 §5): what a rep should do today and why, computed on the phone, offline.
//
// One list, most urgent first, of:
//   cadence   an account of the rep's book short of its tier's minimum, once the next contact
//             needed is near its pace day (cadence.h): "A-tier 华润万家: face visit 0/1 this
//             month, 4 days left"
//   task      an open follow-up due today or earlier (the visit it came from named)
//   visit     a visit of the rep's left open on an earlier day
//   birthday  a key person's birthday (solar or lunar) within three days
//   anniversary  one of a key person's anniversaries (greetings.h) within three days
//   holiday   a greeted holiday within its lead days, grouped: the key persons of the tiers it
//             greets, how many are greeted already
//   decline   an active account fallen behind its own rhythm of purchases or contact
//             (lifecycle.h), which the rep has not answered with a stage change since
// minus the items the rep put off (snooze records) until a later day.
//
// Kept up to date incrementally: the engine holds each account's part of the list; the Store's
// derived-data hook (makeTodayTracker) marks the account a write touched, and refresh()
// recomputes only those (the whole list when reference data, the day or the rep changed).
//
// Threads: a TodayEngine is used by one thread at a time (the app computes on its reader and
// waits for it before computing on the UI thread); it may read any connection of the file,
// and writes only temp tables of that connection.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fieldbook/core/clock.h"
#include "fieldbook/core/derived.h"
#include "fieldbook/core/gifts.h"
#include "fieldbook/core/greetings.h"
#include "fieldbook/core/store.h"

namespace fb {

struct TodayItem {
    std::string key;   // stable per item and period: what a snooze names
    std::string kind;  // cadence, task, visit, birthday, anniversary, holiday, decline
    std::string accountId;
    std::string accountName;
    std::string tier;
    std::string due;      // "YYYY-MM-DD": pace day, due day, birthday, holiday
    int overdueDays = 0;  // > 0: that many days late
    int urgency = 0;      // the sort's first key (lower first)
    // cadence
    std::string activity;
    std::string period;
    std::int64_t done = 0;
    std::int64_t required = 0;
    int daysLeft = 0;
    // task (activity = its kind) and visit
    std::string taskId;
    std::string purpose;  // a task's: "" (after a visit) or win_back
    std::string visitId;
    std::string visitDay;  // the visit the task came from, or the one left open
    // birthday and holiday
    std::string personId;
    std::string personName;
    std::string personTitle;
    bool lunar = false;
    std::string occasion;      // holiday code, "birthday", or an anniversary's (greetings.h)
    std::string occasionName;  // a holiday's name, an anniversary's label
    std::string occasionNameEn;
    int people = 0;   // holiday: key persons to greet
    int greeted = 0;  // holiday: of them, greeted already
    std::vector<std::string> tiers;
    // decline: the rhythm (basis purchase or contact) and the stage the engine suggests
    std::string basis;
    int usualDays = 0;
    int sinceDays = 0;
    std::string stage;
    std::string suggestion;
};

struct TodayList {
    std::string day;
    std::vector<TodayItem> items;
    int overdue = 0;   // items late
    int due = 0;       // items due today or coming
    int accounts = 0;  // accounts in the book
};

// Which accounts writes touched since the last refresh, shared by the trackers of every
// Store writing the file (the app's UI writer and its sync worker) and the engine. A
// tracker hands its marks over when the write's transaction has ended.
class TodayDirty {
public:
    struct Marked {
        bool all = false;            // recompute every account
        bool rescanUnfiled = false;  // and look again for the accounts not filed under anyone
        std::set<std::string> accounts;
    };
    void account(std::string id);
    // Everything; `rescanUnfiled` when accounts may have come or gone without a write of their
    // own (a bulk pull, a wipe, a removal).
    void all(bool rescanUnfiled = false);
    void merge(Marked marked);
    Marked take();

private:
    std::mutex mutex_;
    Marked marked_{true, true, {}};  // nothing computed yet
};

// The Store hook that marks what a write touched.
std::unique_ptr<DerivedData> makeTodayTracker(std::shared_ptr<TodayDirty> dirty);

class TodayEngine {
public:
    explicit TodayEngine(std::shared_ptr<TodayDirty> dirty) : dirty_(std::move(dirty)) {}

    // The list for `repId` on the clock's local day, reading `db`. Recomputes what changed
    // since the last call; everything when the rep or the day differs.
    TodayList refresh(Database& db, std::string_view repId, const Clock& clock);
    // How many accounts the last refresh recomputed (tests and the bench).
    std::size_t lastRecomputed() const { return lastRecomputed_; }

private:
    struct Part {
        std::string name;
        std::string tier;
        std::string stage;
        bool inBook = false;
        std::vector<TodayItem> items;
        int people = 0;                      // key persons (holiday greetings)
        std::map<std::string, int> greeted;  // holiday code → key persons greeted for it
    };
    void recompute(Database& db, const Clock& clock, const std::set<std::string>* only, bool rescanUnfiled);
    void compute(Database& db, const Clock& clock, std::string_view repId, const std::string& today,
                 const TodayDirty::Marked& marked, bool rescan);
    // The list from the parts: holidays added, snoozed items left out, most urgent first.
    TodayList assemble(Database& db, const std::string& today) const;
    // Keeps unfiled_ for accounts writes touched.
    void noteFiling(Database& db, const std::set<std::string>& accounts);
    // The accounts of the book filled into temp.today_scope (all, or those of `only`).
    void fillScope(Database& db, const std::set<std::string>* only, bool rescanUnfiled);

    std::shared_ptr<TodayDirty> dirty_;
    std::string rep_, day_;
    std::int64_t startMs_ = 0;
    std::vector<TierPolicy> policies_;
    std::vector<Occasion> occasions_;
    std::map<std::string, Part, std::less<>> parts_;
    // Accounts no owner row files (created here, not pushed yet): in every rep's book. Found
    // by a scan of all accounts once, then kept by the writes that touch them.
    std::set<std::string> unfiled_;
    bool unfiledKnown_ = false;
    std::size_t lastRecomputed_ = 0;
};

// A key person to greet on an occasion: of the rep's book, in one of `tiers` (all when
// empty), with whether a greeting for `occasion` was logged since `sinceMs`. By tier, account.
struct GreetingPerson {
    std::string personId, name, title, accountId, accountName, tier;
    bool greeted = false;
};
std::vector<GreetingPerson> greetingPeople(Database& db, std::string_view repId,
                                           const std::vector<std::string>& tiers, std::string_view occasion,
                                           std::int64_t sinceMs);

// Puts an item off until `until` (a later local day): the rep's own snooze record.
Result<void> snoozeTodayItem(Store& store, Transaction& tx, std::string_view repId, std::string_view itemKey,
                             std::string_view until, std::string_view today);

}  // namespace fb
