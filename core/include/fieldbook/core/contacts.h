// The other contacts of domain §4 (issue 11 §1): a phone callback, a mailing of materials
// or samples, an event invitation or attendance, a club meeting, a greeting, a points
// redemption. Each is a contact_log record, written once (a correction is a new record),
// synced like any record, and counted by the tier cadence (cadence.h).
//
// A contact beyond the tier's maximum (a second sample mailing this month) is refused
// unless the rep gives a reason; the warning names the rule (capWarning) so the form can
// show it before the rep saves. Logging the contact a follow-up asked for closes it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fieldbook/core/cadence.h"
#include "fieldbook/core/store.h"

namespace fb {

struct ContactEntry {
    std::string accountId;
    std::string keyPersonId;  // "" when with nobody in particular
    std::string kind;         // contact_log.kind
    std::int64_t atMs = 0;
    std::string occasion;  // a greeting's: birthday, or a holiday's code
    std::string note;
    std::string overCapReason;  // required when the contact goes beyond a maximum
    std::string taskId;         // the follow-up this answers ("" for none)
};

struct Contact {
    std::string id;
    std::string accountId;
    std::string keyPersonId;
    std::string keyPersonName;
    std::string repId;
    std::string kind;
    std::int64_t atMs = 0;
    std::string occasion;
    std::string note;
    std::string overCapReason;
};

class Contacts {
public:
    Contacts(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    // The maximum this contact would go beyond, if any (none for kinds no rule counts).
    std::optional<CapWarning> capFor(std::string_view accountId, std::string_view kind, std::int64_t atMs);
    // Logs it. Refused (nothing written): an unknown account, a key person of another
    // account, a time in the future beyond a minute of slack, a follow-up that is not the
    // rep's or not of this account, and going beyond a maximum without a reason (Required
    // at field over_cap_reason, the message naming the rule).
    Result<std::string> log(Transaction& tx, std::string_view repId, const ContactEntry& entry);
    // The account's contacts, newest first.
    std::vector<Contact> ofAccount(std::string_view accountId, int limit = 50);

private:
    Store& store_;
    const Clock& clock_;
};

// The English text of a cap warning ("at most 1 sample mailing a month; 1 already on
// 2026-12-03 ... this month"), for logs and the tool; the app words its own.
std::string describeCap(const CapWarning& cap);

}  // namespace fb
