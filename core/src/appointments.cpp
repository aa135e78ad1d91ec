// See appointments.h.
#include "fieldbook/core/appointments.h"

namespace fb {

namespace {

constexpr const char* kSelect =
    "SELECT a.id, a.account_id, coalesce(c.name, ''), coalesce(a.key_person_id, ''), coalesce(k.name, ''),"
    " a.rep_id, a.starts_at, a.minutes, a.purpose, coalesce(a.place, ''), coalesce(a.notes, ''), a.status"
    " FROM appointment a LEFT JOIN account c ON c.id = a.account_id"
    " LEFT JOIN key_person k ON k.id = a.key_person_id";

Result<void> requireReason(std::string_view reason)
{
    for (const char c : reason)
        if (c != ' ' && c != '\t') return {};
    return makeError(ErrorCode::Required, "a reason is required", "reason");
}

}  // namespace

Result<std::string> Appointments::book(Transaction& tx, std::string_view repId, Fields fields)
{
    if (repId.empty())
        return makeError(ErrorCode::Required, "sign in first: an appointment is a rep's", "rep_id");
    fields.insert_or_assign("rep_id", std::string(repId));
    fields.insert_or_assign("status", std::string("planned"));
    const std::string person = fieldText(fields, "key_person_id");
    if (!person.empty()) {
        auto p = store_.get("key_person", person);
        if (!p) return makeError(ErrorCode::NotFound, "no key person " + person, "key_person_id");
        if (p->text("account_id") != fieldText(fields, "account_id"))
            return makeError(ErrorCode::Conflict, "the key person belongs to another account",
                             "key_person_id");
    }
    return store_.create(tx, "appointment", fields);
}

Result<void> Appointments::reschedule(Transaction& tx, std::string_view id, std::int64_t startsAtMs,
                                      int minutes, std::string_view reason, std::int64_t nowMs)
{
    auto current = get(id);
    if (!current) return makeError(ErrorCode::NotFound, "no appointment " + std::string(id));
    if (current->status != "planned")
        return makeError(ErrorCode::ReadOnly, "only a planned appointment can be moved", "starts_at");
    if (auto ok = requireReason(reason); !ok) return ok.error();
    Fields changes{{"starts_at", startsAtMs}};
    if (minutes > 0) changes.emplace("minutes", std::int64_t{minutes});
    if (auto updated = store_.update(tx, "appointment", id, changes); !updated) return updated.error();
    auto logged = store_.create(tx, "appointment_change",
                                {{"account_id", current->accountId},
                                 {"appointment_id", std::string(id)},
                                 {"kind", std::string("rescheduled")},
                                 {"from_at", current->startsAtMs},
                                 {"to_at", startsAtMs},
                                 {"reason", std::string(reason)},
                                 {"changed_at", nowMs}});
    if (!logged) return logged.error();
    return {};
}

Result<void> Appointments::cancel(Transaction& tx, std::string_view id, std::string_view reason,
                                  std::int64_t nowMs)
{
    auto current = get(id);
    if (!current) return makeError(ErrorCode::NotFound, "no appointment " + std::string(id));
    if (current->status != "planned")
        return makeError(ErrorCode::ReadOnly, "only a planned appointment can be cancelled", "status");
    if (auto ok = requireReason(reason); !ok) return ok.error();
    if (auto updated = store_.update(tx, "appointment", id, {{"status", std::string("cancelled")}}); !updated)
        return updated.error();
    auto logged = store_.create(tx, "appointment_change",
                                {{"account_id", current->accountId},
                                 {"appointment_id", std::string(id)},
                                 {"kind", std::string("cancelled")},
                                 {"from_at", current->startsAtMs},
                                 {"reason", std::string(reason)},
                                 {"changed_at", nowMs}});
    if (!logged) return logged.error();
    return {};
}

std::vector<Appointment> Appointments::query(const std::string& where, const std::vector<Value>& binds,
                                             const std::string& order)
{
    Statement& st = store_.db().cached(std::string(kSelect) + " WHERE " + where + " ORDER BY " + order);
    int i = 1;
    for (const Value& v : binds)
        st.bind(i++, v);
    std::vector<Appointment> out;
    while (st.step()) {
        Appointment a;
        a.id = st.text(0);
        a.accountId = st.text(1);
        a.accountName = st.text(2);
        a.keyPersonId = st.text(3);
        a.keyPersonName = st.text(4);
        a.repId = st.text(5);
        a.startsAtMs = st.int64(6);
        a.minutes = static_cast<int>(st.int64(7));
        a.purpose = st.text(8);
        a.place = st.text(9);
        a.notes = st.text(10);
        a.status = st.text(11);
        out.push_back(std::move(a));
    }
    st.reset();
    return out;
}

std::optional<Appointment> Appointments::get(std::string_view id)
{
    auto found = query("a.id = ?", {std::string(id)}, "a.id");
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::vector<Appointment> Appointments::ofAccount(std::string_view accountId, std::int64_t fromMs,
                                                 bool withPast)
{
    auto out = query("a.account_id = ? AND a.status = 'planned' AND a.starts_at >= ?",
                     {std::string(accountId), fromMs}, "a.starts_at, a.id");
    if (withPast) {
        auto past = query("a.account_id = ? AND NOT (a.status = 'planned' AND a.starts_at >= ?)",
                          {std::string(accountId), fromMs}, "a.starts_at DESC, a.id");
        out.insert(out.end(), std::make_move_iterator(past.begin()), std::make_move_iterator(past.end()));
    }
    return out;
}

std::vector<Appointment> Appointments::between(std::string_view repId, std::int64_t fromMs, std::int64_t toMs)
{
    return query("a.rep_id = ? AND a.starts_at >= ? AND a.starts_at < ?", {std::string(repId), fromMs, toMs},
                 "a.starts_at, a.id");
}

std::vector<Appointment> Appointments::overlapping(std::string_view repId, std::int64_t startsAtMs,
                                                   int minutes, std::string_view exceptId)
{
    const std::int64_t endsAtMs = startsAtMs + std::int64_t{minutes} * 60'000;
    return query("a.rep_id = ? AND a.status = 'planned' AND a.id <> ? AND a.starts_at < ?"
                 " AND a.starts_at + a.minutes * 60000 > ?",
                 {std::string(repId), std::string(exceptId), endsAtMs, startsAtMs}, "a.starts_at, a.id");
}

std::vector<AppointmentChange> Appointments::history(std::string_view id)
{
    Statement& st = store_.db().cached(
        "SELECT kind, coalesce(from_at, 0), coalesce(to_at, 0), reason, changed_at FROM appointment_change"
        " WHERE appointment_id = ? ORDER BY changed_at, id");
    st.bind(1, id);
    std::vector<AppointmentChange> out;
    while (st.step())
        out.push_back(AppointmentChange{st.text(0), st.int64(1), st.int64(2), st.text(3), st.int64(4)});
    st.reset();
    return out;
}

}  // namespace fb
