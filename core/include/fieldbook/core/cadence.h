// The contact cadence per tier (domain §4, issue 11 §2): what each account needs this period
// and what it has had.
//
// A tier policy says, per tier and activity, at least `min` and/or at most `max` per period
// (a calendar month, two months — Jan-Feb, Mar-Apr, ... — or quarter) in the rep's time zone.
// The policies are reference data the admin sets (tier_policy); a device that has none yet
// uses the domain's defaults (defaultTierPolicies(), the same list the server's `policy
// defaults` writes).
//
// What counts: a finished visit is a face visit on its check-out day; a contact_log counts as
// its kind (an event attended counts as an event; an invitation and a greeting count towards
// nothing). Each counted record's account, activity and local day are derived data
// (cadence_event, kept by installCadence's DerivedData on every write, merge, purge and
// initial sync), so a count is one indexed range read.
//
// Pace: a minimum of n in a period of d days asks for the k-th contact by day ceil(k·d/n) of
// the period. The next one needed is "due" from a few days before that day and "behind" after
// it; that is what Today lists, not every account from the first of the month.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fieldbook/core/clock.h"
#include "fieldbook/core/gifts.h"
#include "fieldbook/core/store.h"

namespace fb {

// The domain's defaults: the A-tier table of §4, KA stricter, B and C looser, P none (its
// follow-ups drive it).
std::vector<TierPolicy> defaultTierPolicies();
// The synced policies, or the defaults when this device has none.
std::vector<TierPolicy> effectiveTierPolicies(Database& db);

// A calendar period [from, to) of local dates ("YYYY-MM-DD").
struct CadencePeriod {
    std::string from;
    std::string to;  // the first day after
    int days = 0;
};
// The period of kind `period` (month, two_months, quarter) holding local date `day`.
CadencePeriod cadencePeriod(std::string_view period, std::string_view day);
// Days from `from` to `to` (both "YYYY-MM-DD"); negative when `to` is earlier.
int daysBetween(std::string_view from, std::string_view to);
// The local date of an instant on this clock's time zone (its offset at that instant).
std::string localDayOf(const Clock& clock, std::int64_t atMs);

// The cadence activity a contact_log kind counts as ("" for none).
std::string_view activityOfContact(std::string_view kind);

// One rule applied to one account in the period holding `today`.
struct CadenceLine {
    std::string activity;
    std::string period;  // month, two_months, quarter
    std::optional<std::int64_t> minCount;
    std::optional<std::int64_t> maxCount;
    std::int64_t done = 0;
    CadencePeriod span;
    int daysLeft = 0;     // today included
    std::string paceDue;  // the day the next contact needed is due by ("" when the minimum is met)
    bool behind = false;  // today is past paceDue
    bool overCap() const { return maxCount && done > *maxCount; }
    bool met() const { return !minCount || done >= *minCount; }
};
// One policy's line on local day `today` with `done` contacts in its period.
CadenceLine cadenceLine(const TierPolicy& policy, std::string_view today, std::int64_t done);
// The same with the period already known (cadencePeriod(policy.period, today)).
CadenceLine cadenceLine(const TierPolicy& policy, const CadencePeriod& span, std::string_view today,
                        std::int64_t done);
// How many days before its pace day the next contact needed shows on Today: a third of the
// spacing the minimum asks for, 2 to 7 days.
int cadenceLeadDays(const CadenceLine& line);
// The account's lines under its tier's policies (the registry's activity order).
std::vector<CadenceLine> cadenceOf(Database& db, std::string_view accountId, std::string_view tier,
                                   std::string_view today, const std::vector<TierPolicy>& policies);
// How many counted contacts of `activity` the account had on local days [from, to).
std::int64_t cadenceCount(Database& db, std::string_view accountId, std::string_view activity,
                          std::string_view from, std::string_view to);

// Logging one more `activity` on local day `day` would go beyond the tier's maximum: the rule
// and where the account stands.
struct CapWarning {
    std::string activity;
    std::string period;
    std::int64_t maxCount = 0;
    std::int64_t done = 0;  // already in that period
    CadencePeriod span;
};
std::optional<CapWarning> capWarning(Database& db, std::string_view accountId, std::string_view activity,
                                     std::string_view day);

// Registers cadence_event's keeper with the store: every finished visit and counted contact,
// by account, activity and local day on `clock`'s time zone. Every Store registers it (with
// its device's clock), so no writer can leave the counts behind.
void installCadence(Store& store, const Clock& clock);
// Rebuilds cadence_event from the records (after a time-zone change; tests).
void rebuildCadence(Transaction& tx, const Clock& clock);

}  // namespace fb
