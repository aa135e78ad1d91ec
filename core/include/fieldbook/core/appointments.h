// Phone appointments (电话预约, domain §3 step 1): booked from an account or one of its key
// persons, moved or cancelled with a reason, the history kept (appointment_change, written
// once). Two appointments of one rep may overlap: the app warns (overlapping()), nothing
// refuses it. Every write goes through the Store inside the caller's transaction, so it
// reaches the outbox and syncs like any record.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fieldbook/core/store.h"

namespace fb {

struct Appointment {
    std::string id;
    std::string accountId;
    std::string accountName;
    std::string keyPersonId;  // "" when with nobody in particular
    std::string keyPersonName;
    std::string repId;
    std::int64_t startsAtMs = 0;
    int minutes = 0;
    std::string purpose;
    std::string place;
    std::string notes;
    std::string status;  // planned, cancelled, done

    std::int64_t endsAtMs() const { return startsAtMs + std::int64_t{minutes} * 60'000; }
};

struct AppointmentChange {
    std::string kind;  // rescheduled, cancelled
    std::int64_t fromMs = 0;
    std::int64_t toMs = 0;  // rescheduled only
    std::string reason;
    std::int64_t changedAtMs = 0;
};

class Appointments {
public:
    explicit Appointments(Store& store) : store_(store) {}

    // Books one: `fields` as the form gives them (account_id, key_person_id, starts_at,
    // minutes, purpose, place, notes); the rep and the status (planned) are set here. The key
    // person, if any, must belong to the account.
    Result<std::string> book(Transaction& tx, std::string_view repId, Fields fields);
    // Moves a planned appointment to `startsAtMs` (and `minutes`, if > 0), keeping why.
    Result<void> reschedule(Transaction& tx, std::string_view id, std::int64_t startsAtMs, int minutes,
                            std::string_view reason, std::int64_t nowMs);
    // Cancels a planned appointment, keeping why.
    Result<void> cancel(Transaction& tx, std::string_view id, std::string_view reason, std::int64_t nowMs);

    std::optional<Appointment> get(std::string_view id);
    // The account's appointments, soonest first: planned ones from `fromMs` on, then (with
    // `withPast`) the others, newest first.
    std::vector<Appointment> ofAccount(std::string_view accountId, std::int64_t fromMs,
                                       bool withPast = false);
    // One rep's appointments starting in [fromMs, toMs), by time (a day's list).
    std::vector<Appointment> between(std::string_view repId, std::int64_t fromMs, std::int64_t toMs);
    // The rep's planned appointments that overlap [startsAtMs, startsAtMs + minutes), other
    // than `exceptId` (the one being moved).
    std::vector<Appointment> overlapping(std::string_view repId, std::int64_t startsAtMs, int minutes,
                                         std::string_view exceptId = {});
    // What happened to it, oldest first.
    std::vector<AppointmentChange> history(std::string_view id);

private:
    std::vector<Appointment> query(const std::string& where, const std::vector<Value>& binds,
                                   const std::string& order);
    Store& store_;
};

}  // namespace fb
