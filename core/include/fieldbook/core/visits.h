// The visit (拜访, domain §3): one guided flow from check-in to check-out, resumable.
//
// A visit is a `visit` record written as the rep goes: the check-in creates it, every answer
// is kept as it is typed (a draft on this device, committed to the record when the rep moves
// on), and the check-out closes it and creates its follow-ups (`task`). Which visit this
// device is running and at which step is device-local state (visit_session), so killing the
// app anywhere and reopening it returns to the same step with everything typed so far. One
// visit runs at a time on a device.
//
// A finished or discarded visit is final: a correction is a visit_amendment that names the
// field, what it said and why; the record keeps what was recorded, readers see the corrected
// value (get()). The server refuses changes to a closed visit (rule visit_final).
//
// The preparation checklist and the follow-up policy are reference data (checklist_item,
// visit_policy); a device that has none yet uses the domain's defaults (defaultChecklist(),
// VisitPolicy{}).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fieldbook/core/store.h"

namespace fb {

// The steps of the flow, in order (their names are stored in visit_session.step).
enum class VisitStep {
    CheckIn,
    Briefing,
    Preparation,
    Conversation,
    Gifts,
    Agreement,
    Archive,
    Referrals,
    CheckOut
};
std::string_view visitStepName(VisitStep step);
std::optional<VisitStep> visitStepNamed(std::string_view name);
std::vector<VisitStep> visitSteps();

struct VisitPolicy {
    int callbackDays = 3;     // phone callback this many days after an interested visit
    int revisitDays = 14;     // face revisit within this many days
    int awayDistanceM = 500;  // a check-in farther than this from the account is "away"
};
// The policy on this device: the synced settings, the defaults where none is set.
VisitPolicy visitPolicy(Database& db);

struct ChecklistItem {
    std::string code;
    std::string label;  // "" for a standard item: the app names it by its code
};
// The domain's standard preparation (§3 step 2), for every purpose.
std::vector<ChecklistItem> defaultChecklist();
// The checklist of a purpose: the active items for it and for every purpose, by position;
// the defaults when this device has no checklist items at all.
std::vector<ChecklistItem> checklistFor(Database& db, std::string_view purpose);

struct VisitAmendment {
    std::string field;
    std::string before;
    std::string after;
    std::string reason;
    std::int64_t amendedAtMs = 0;
};

struct Visit {
    std::string id;
    std::string accountId;
    std::string accountName;
    std::string purpose;
    std::string status;  // open, finished, discarded
    std::int64_t checkinAtMs = 0;
    std::int64_t checkoutAtMs = 0;           // 0 while open
    Fields fields;                           // every field, corrections applied
    std::vector<VisitAmendment> amendments;  // oldest first
};

// Where this device is: the visit it runs and the step the rep was on.
struct VisitSession {
    std::string visitId;
    VisitStep step = VisitStep::CheckIn;
};

struct CheckIn {
    std::string accountId;
    std::string purpose;
    std::string appointmentId;            // "" for an ad hoc visit
    std::optional<std::string> location;  // a GeoPoint's text; none without consent or a fix
    std::int64_t atMs = 0;
};

struct CheckOut {
    std::string interest;  // none, some, strong
    std::string outcome;
    std::optional<std::string> location;
    std::int64_t atMs = 0;
    std::string today;  // the rep's local date ("YYYY-MM-DD"): follow-ups are dated from it
};

class Visits {
public:
    explicit Visits(Store& store) : store_(store) {}

    // Checks in: creates the visit (open, with the position and whether it is away from the
    // account's location) and makes it this device's visit at the check-in step. Refused
    // while another visit runs here, without a rep, or for an unknown account or appointment.
    Result<std::string> start(Transaction& tx, std::string_view repId, const CheckIn& in);
    // This device's visit, if one runs (an open visit that still exists).
    std::optional<VisitSession> session();
    Result<void> setStep(Transaction& tx, VisitStep step);

    // An answer as it is typed (kept on this device only, until committed). A draft of a
    // closed or unknown visit is refused.
    Result<void> draft(Transaction& tx, std::string_view visitId, std::string_view field, const Value& value);
    // The typed answers not yet committed.
    Fields drafts(std::string_view visitId);
    // Writes the drafts to the record (one update). On refusal nothing is written, the drafts
    // stay, and the error names the field.
    Result<void> commitDrafts(Transaction& tx, std::string_view visitId);

    Result<void> markBriefingRead(Transaction& tx, std::string_view visitId, std::int64_t atMs);
    // Ticks (or unticks) a preparation item.
    Result<void> tick(Transaction& tx, std::string_view visitId, std::string_view code, bool ticked);

    // Records an agreement signed at the visit (fields: kind, starts_on, ends_on, terms,
    // signed_on, photo_id); an annual one also becomes the account's annual agreement.
    Result<std::string> recordAgreement(Transaction& tx, std::string_view visitId, Fields fields);
    // Agreements recorded at this visit, oldest first.
    std::vector<Record> agreementsOf(std::string_view visitId);

    // Checks out: commits the drafts, requires the interest and the conversation, closes the
    // visit, marks its appointment done, closes the rep's open face-revisit follow-ups of the
    // account (this visit is that revisit) and creates new ones (an interested account: a
    // phone callback and a face revisit, dated by the policy). Ends the session.
    Result<void> finish(Transaction& tx, std::string_view visitId, const CheckOut& out);
    // Closes an open visit without finishing it (a reason is required); its drafts are
    // dropped. Ends the session if it was this device's.
    Result<void> discard(Transaction& tx, std::string_view visitId, std::string_view reason,
                         std::int64_t atMs);
    // Corrects one field of a finished visit, keeping what it said. The conversation and the
    // interest cannot be cleared (a finished visit has them); follow-ups are not redone.
    Result<void> amend(Transaction& tx, std::string_view visitId, std::string_view field, const Value& value,
                       std::string_view reason, std::int64_t atMs);

    std::optional<Visit> get(std::string_view id);
    // The account's visits, newest check-in first.
    std::vector<Visit> ofAccount(std::string_view accountId);
    // The account's last finished visit (its progress notes are read before the next one).
    std::optional<Visit> lastFinished(std::string_view accountId);
    // The rep's visits still open that were checked in before `beforeMs` (start of today):
    // left open overnight.
    std::vector<Visit> leftOpen(std::string_view repId, std::int64_t beforeMs);
    // The follow-ups a visit created.
    std::vector<Record> followUpsOf(std::string_view visitId);

private:
    std::vector<Visit> query(const std::string& where, const std::vector<Value>& binds, int limit = -1);
    Result<Record> openVisit(std::string_view visitId);
    void endSession(Transaction& tx, std::string_view visitId);
    Store& store_;
};

// Where an account stands in the rep's rhythm, for the account list: when it was last
// visited, and what is next — the next planned appointment and the earliest open follow-up.
struct AccountRhythm {
    std::int64_t lastVisitMs = 0;        // 0: never visited
    std::int64_t nextAppointmentMs = 0;  // 0: none planned from now on
    std::string nextTaskKind;            // "" when no follow-up is open
    std::string nextTaskDue;             // YYYY-MM-DD
};
// For each of `accountIds` (in their order). A few indexed reads per account: meant for a
// page of the list, on the reader.
std::vector<AccountRhythm> rhythmOf(Database& db, const std::vector<std::string>& accountIds,
                                    std::int64_t nowMs);

// Great-circle distance between two WGS-84 points, in metres.
double distanceMetres(double lat1, double lng1, double lat2, double lng2);
// A local date ("YYYY-MM-DD") plus `days`.
std::string addDays(std::string_view isoDate, int days);

}  // namespace fb
