// See visits.h.
#include "fieldbook/core/visits.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "fieldbook/core/clock.h"

namespace fb {

namespace {

constexpr std::array<std::string_view, 9> kStepNames = {"checkin",      "briefing",  "preparation",
                                                        "conversation", "gifts",     "agreement",
                                                        "archive",      "referrals", "checkout"};

// The fields the rep types during a visit (drafts) and may correct afterwards (amendments).
constexpr std::array<std::string_view, 12> kAnswerFields = {
    "aim",         "needs",         "achieved",   "conversation",  "next_notes", "next_goal",
    "sale_agreed", "sale_quantity", "sale_route", "sale_merchant", "interest",   "outcome"};

bool isAnswerField(std::string_view field)
{
    return std::find(kAnswerFields.begin(), kAnswerFields.end(), field) != kAnswerFields.end();
}

// Nothing but spaces: ASCII blanks and the ideographic space (U+3000) a Chinese keyboard types.
bool blank(std::string_view text)
{
    constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
    while (!text.empty()) {
        if (text.starts_with(kIdeographicSpace)) {
            text.remove_prefix(kIdeographicSpace.size());
            continue;
        }
        const char c = text.front();
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
        text.remove_prefix(1);
    }
    return true;
}

// An empty text clears a field.
Value normalized(const Value& v)
{
    if (const auto* s = std::get_if<std::string>(&v); s && s->empty()) return Value{};
    return v;
}

std::vector<std::string> splitCodes(const std::string& text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        const std::size_t end = comma == std::string::npos ? text.size() : comma;
        if (end > start) out.push_back(text.substr(start, end - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

}  // namespace

std::string_view visitStepName(VisitStep step)
{
    return kStepNames.at(static_cast<std::size_t>(step));
}

std::optional<VisitStep> visitStepNamed(std::string_view name)
{
    for (std::size_t i = 0; i < kStepNames.size(); ++i)
        if (kStepNames[i] == name) return static_cast<VisitStep>(i);
    return std::nullopt;
}

std::vector<VisitStep> visitSteps()
{
    std::vector<VisitStep> out;
    for (std::size_t i = 0; i < kStepNames.size(); ++i)
        out.push_back(static_cast<VisitStep>(i));
    return out;
}

VisitPolicy visitPolicy(Database& db)
{
    VisitPolicy p;
    Statement& st = db.cached("SELECT setting, value FROM visit_policy WHERE value IS NOT NULL");
    while (st.step()) {
        const std::string setting = st.text(0);
        const int value = static_cast<int>(st.int64(1));
        if (setting == "callback_days")
            p.callbackDays = value;
        else if (setting == "revisit_days")
            p.revisitDays = value;
        else if (setting == "away_distance_m")
            p.awayDistanceM = value;
    }
    st.reset();
    return p;
}

std::vector<ChecklistItem> defaultChecklist()
{
    return {{"purpose_stated", ""}, {"forms", ""}, {"samples", ""},   {"business_cards", ""},
            {"brochures", ""},      {"dress", ""}, {"transport", ""}, {"briefing_read", ""}};
}

std::vector<ChecklistItem> checklistFor(Database& db, std::string_view purpose)
{
    Statement& any = db.cached("SELECT EXISTS (SELECT 1 FROM checklist_item)");
    const bool has = any.step() && any.int64(0) != 0;
    any.reset();
    if (!has) return defaultChecklist();
    Statement& st = db.cached("SELECT code, coalesce(label, '') FROM checklist_item"
                              " WHERE (purpose = ? OR purpose = 'any') AND coalesce(active, 1) = 1"
                              " ORDER BY coalesce(position, 999), purpose = 'any', code");
    st.bind(1, purpose);
    std::vector<ChecklistItem> out;
    while (st.step()) {
        ChecklistItem item{st.text(0), st.text(1)};
        const bool seen =
            std::any_of(out.begin(), out.end(), [&](const ChecklistItem& i) { return i.code == item.code; });
        if (!seen) out.push_back(std::move(item));
    }
    st.reset();
    return out;
}

std::vector<AccountRhythm> rhythmOf(Database& db, const std::vector<std::string>& accountIds,
                                    std::int64_t nowMs)
{
    Statement& last = db.cached("SELECT coalesce(max(coalesce(checkout_at, checkin_at)), 0) FROM visit WHERE "
                                "account_id = ? AND status = 'finished'");
    Statement& appointment = db.cached("SELECT coalesce(min(starts_at), 0) FROM appointment WHERE account_id "
                                       "= ? AND status = 'planned' AND starts_at >= ?");
    Statement& task = db.cached("SELECT kind, due_on FROM task WHERE account_id = ? AND status = 'open' "
                                "ORDER BY due_on, kind LIMIT 1");
    std::vector<AccountRhythm> out;
    out.reserve(accountIds.size());
    for (const std::string& id : accountIds) {
        AccountRhythm r;
        last.bind(1, id);
        if (last.step()) r.lastVisitMs = last.int64(0);
        last.reset();
        appointment.bind(1, id).bind(2, nowMs);
        if (appointment.step()) r.nextAppointmentMs = appointment.int64(0);
        appointment.reset();
        task.bind(1, id);
        if (task.step()) {
            r.nextTaskKind = task.text(0);
            r.nextTaskDue = task.text(1);
        }
        task.reset();
        out.push_back(std::move(r));
    }
    return out;
}

double distanceMetres(double lat1, double lng1, double lat2, double lng2)
{
    constexpr double kEarthRadiusM = 6'371'008.8;
    constexpr double kRad = std::numbers::pi / 180.0;
    const double dLat = (lat2 - lat1) * kRad;
    const double dLng = (lng2 - lng1) * kRad;
    const double a = std::sin(dLat / 2) * std::sin(dLat / 2) +
                     std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dLng / 2) * std::sin(dLng / 2);
    return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(a)));
}

std::string addDays(std::string_view isoDate, int days)
{
    const int y = std::stoi(std::string(isoDate.substr(0, 4)));
    const auto m = static_cast<unsigned>(std::stoi(std::string(isoDate.substr(5, 2))));
    const auto d = static_cast<unsigned>(std::stoi(std::string(isoDate.substr(8, 2))));
    return formatCivilDate(daysFromCivil(y, m, d) + days);
}

Result<std::string> Visits::start(Transaction& tx, std::string_view repId, const CheckIn& in)
{
    if (repId.empty()) return makeError(ErrorCode::Required, "sign in first: a visit is a rep's", "rep_id");
    if (auto running = session())
        return makeError(ErrorCode::Conflict,
                         "a visit is in progress on this phone: finish or discard it first", "account_id");
    auto account = store_.get("account", in.accountId);
    if (!account) return makeError(ErrorCode::NotFound, "no account " + in.accountId, "account_id");
    Fields fields{{"account_id", in.accountId},
                  {"rep_id", std::string(repId)},
                  {"purpose", in.purpose},
                  {"status", std::string("open")},
                  {"checkin_at", in.atMs}};
    if (!in.appointmentId.empty()) {
        auto appointment = store_.get("appointment", in.appointmentId);
        if (!appointment)
            return makeError(ErrorCode::NotFound, "no appointment " + in.appointmentId, "appointment_id");
        if (appointment->text("account_id") != in.accountId)
            return makeError(ErrorCode::Conflict, "the appointment is with another account",
                             "appointment_id");
        if (appointment->text("status") != "planned")
            return makeError(ErrorCode::Conflict, "the appointment is " + appointment->text("status"),
                             "appointment_id");
        fields.emplace("appointment_id", in.appointmentId);
    }
    if (in.location) {
        const auto fix = schema::parseGeoPoint(*in.location);
        if (!fix)
            return makeError(ErrorCode::BadFormat, "not a position: " + *in.location, "checkin_location");
        fields.emplace("checkin_location", *in.location);
        if (const auto place = schema::parseGeoPoint(account->text("location"))) {
            const double metres =
                distanceMetres(fix->latitude, fix->longitude, place->latitude, place->longitude);
            fields.emplace("checkin_distance_m", static_cast<std::int64_t>(std::llround(metres)));
            // Away only when even the fix's uncertainty cannot bring it within the distance.
            const double slack = fix->accuracyM > 0 ? static_cast<double>(fix->accuracyM) : 0.0;
            const bool away = metres - slack > visitPolicy(store_.db()).awayDistanceM;
            fields.emplace("checkin_away", std::int64_t{away ? 1 : 0});
        }
    }
    auto id = store_.create(tx, "visit", fields);
    if (!id) return id.error();
    tx.db()
        .cached("INSERT OR REPLACE INTO visit_session (id, visit_id, step) VALUES (1, ?, ?)")
        .bind(1, *id)
        .bind(2, visitStepName(VisitStep::CheckIn))
        .exec();
    return *id;
}

std::optional<VisitSession> Visits::session()
{
    Statement& st =
        store_.db().cached("SELECT s.visit_id, s.step FROM visit_session s JOIN visit v ON v.id = s.visit_id"
                           " WHERE s.id = 1 AND v.status = 'open'");
    std::optional<VisitSession> out;
    if (st.step()) out = VisitSession{st.text(0), visitStepNamed(st.text(1)).value_or(VisitStep::CheckIn)};
    st.reset();
    return out;
}

Result<void> Visits::setStep(Transaction& tx, VisitStep step)
{
    if (!session()) return makeError(ErrorCode::NotFound, "no visit is in progress on this phone");
    tx.db().cached("UPDATE visit_session SET step = ? WHERE id = 1").bind(1, visitStepName(step)).exec();
    return {};
}

Result<Record> Visits::openVisit(std::string_view visitId)
{
    auto visit = store_.get("visit", visitId);
    if (!visit) return visit.error();
    if (visit->text("status") != "open")
        return makeError(ErrorCode::ReadOnly,
                         "the visit is " + visit->text("status") + ": correct it instead", "status");
    return visit;
}

Result<void> Visits::draft(Transaction& tx, std::string_view visitId, std::string_view field,
                           const Value& value)
{
    if (!isAnswerField(field))
        return makeError(ErrorCode::UnknownField, "not an answer of the visit: " + std::string(field),
                         std::string(field));
    if (auto visit = openVisit(visitId); !visit) return visit.error();
    tx.db()
        .cached("INSERT OR REPLACE INTO visit_draft (visit_id, field, value) VALUES (?, ?, ?)")
        .bind(1, visitId)
        .bind(2, field)
        .bind(3, value)
        .exec();
    return {};
}

Fields Visits::drafts(std::string_view visitId)
{
    Statement& st = store_.db().cached("SELECT field, value FROM visit_draft WHERE visit_id = ?");
    st.bind(1, visitId);
    Fields out;
    while (st.step())
        out.insert_or_assign(st.text(0), st.value(1));
    st.reset();
    return out;
}

Result<void> Visits::commitDrafts(Transaction& tx, std::string_view visitId)
{
    const Fields typed = drafts(visitId);
    if (typed.empty()) return {};
    if (auto visit = openVisit(visitId); !visit) return visit.error();
    Fields changes;
    for (const auto& [field, value] : typed)
        changes.emplace(field, normalized(value));
    if (auto written = store_.update(tx, "visit", visitId, changes); !written) return written.error();
    tx.db().cached("DELETE FROM visit_draft WHERE visit_id = ?").bind(1, visitId).exec();
    return {};
}

Result<void> Visits::markBriefingRead(Transaction& tx, std::string_view visitId, std::int64_t atMs)
{
    auto visit = openVisit(visitId);
    if (!visit) return visit.error();
    if (!isNull(visit->get("briefing_read_at"))) return {};
    return store_.update(tx, "visit", visitId, {{"briefing_read_at", atMs}});
}

Result<void> Visits::tick(Transaction& tx, std::string_view visitId, std::string_view code, bool ticked)
{
    if (code.empty() || code.find(',') != std::string_view::npos)
        return makeError(ErrorCode::BadFormat, "not a checklist item: " + std::string(code), "checklist");
    auto visit = openVisit(visitId);
    if (!visit) return visit.error();
    std::vector<std::string> codes = splitCodes(visit->text("checklist"));
    const auto at = std::find(codes.begin(), codes.end(), code);
    if (ticked == (at != codes.end())) return {};
    if (ticked)
        codes.emplace_back(code);
    else
        codes.erase(at);
    std::string joined;
    for (const std::string& c : codes)
        joined += (joined.empty() ? "" : ",") + c;
    return store_.update(tx, "visit", visitId, {{"checklist", joined.empty() ? Value{} : Value{joined}}});
}

Result<std::string> Visits::recordAgreement(Transaction& tx, std::string_view visitId, Fields fields)
{
    auto visit = openVisit(visitId);
    if (!visit) return visit.error();
    const std::string accountId = visit->text("account_id");
    fields.insert_or_assign("account_id", accountId);
    fields.insert_or_assign("visit_id", std::string(visitId));
    const std::string photo = fieldText(fields, "photo_id");
    if (!photo.empty()) {
        auto attachment = store_.get("attachment", photo);
        if (!attachment || attachment->text("account_id") != accountId)
            return makeError(ErrorCode::NotFound, "no photo " + photo + " of this account", "photo_id");
    }
    auto id = store_.create(tx, "agreement", fields);
    if (!id) return id.error();
    if (fieldText(fields, "kind") == "annual") {
        Fields annual{{"agreement_start", fieldText(fields, "starts_on")},
                      {"agreement_end", fieldText(fields, "ends_on")}};
        if (auto v = fields.find("volume"); v != fields.end() && !isNull(normalized(v->second)))
            annual.emplace("agreement_volume", v->second);
        if (auto written = store_.update(tx, "account", accountId, annual); !written) return written.error();
    }
    return *id;
}

std::vector<Record> Visits::agreementsOf(std::string_view visitId)
{
    std::vector<std::string> ids;
    Statement& st = store_.db().cached("SELECT id FROM agreement WHERE visit_id = ? ORDER BY signed_on, id");
    st.bind(1, visitId);
    while (st.step())
        ids.push_back(st.text(0));
    st.reset();
    std::vector<Record> out;
    for (const std::string& id : ids)
        if (auto r = store_.get("agreement", id)) out.push_back(std::move(*r));
    return out;
}

void Visits::endSession(Transaction& tx, std::string_view visitId)
{
    tx.db().cached("DELETE FROM visit_session WHERE visit_id = ?").bind(1, visitId).exec();
    tx.db().cached("DELETE FROM visit_draft WHERE visit_id = ?").bind(1, visitId).exec();
}

Result<void> Visits::finish(Transaction& tx, std::string_view visitId, const CheckOut& out)
{
    if (auto committed = commitDrafts(tx, visitId); !committed) return committed.error();
    auto visit = openVisit(visitId);
    if (!visit) return visit.error();
    if (blank(visit->text("conversation")))
        return makeError(ErrorCode::Required, "record how the conversation went", "conversation");
    if (out.interest.empty())
        return makeError(ErrorCode::Required, "say how interested the account is", "interest");
    if (out.today.size() != 10)
        return makeError(ErrorCode::BadFormat, "not a date: " + out.today, "checkout_at");
    Fields closing{
        {"status", std::string("finished")}, {"checkout_at", out.atMs}, {"interest", out.interest}};
    if (!blank(out.outcome)) closing.emplace("outcome", out.outcome);
    if (out.location) closing.emplace("checkout_location", *out.location);
    if (auto written = store_.update(tx, "visit", visitId, closing); !written) return written.error();

    if (const std::string appointment = visit->text("appointment_id"); !appointment.empty()) {
        auto a = store_.get("appointment", appointment);
        if (a && a->text("status") == "planned")
            if (auto done = store_.update(tx, "appointment", appointment, {{"status", std::string("done")}});
                !done)
                return done.error();
    }
    // This visit is the face revisit an earlier one asked for: those follow-ups are done.
    {
        std::vector<std::string> revisits;
        Statement& open = tx.db().cached("SELECT id FROM task WHERE account_id = ? AND kind = 'face_visit' "
                                         "AND status = 'open' AND owner_id = ?");
        open.bind(1, visit->text("account_id")).bind(2, visit->text("rep_id"));
        while (open.step())
            revisits.push_back(open.text(0));
        open.reset();
        for (const std::string& task : revisits)
            if (auto done = store_.update(tx, "task", task, {{"status", std::string("done")}}); !done)
                return done;
    }
    if (out.interest != "none") {
        const VisitPolicy policy = visitPolicy(store_.db());
        const std::string owner = visit->text("rep_id");
        const std::string account = visit->text("account_id");
        for (const auto& [kind, days] : {std::pair{"phone_callback", policy.callbackDays},
                                         std::pair{"face_visit", policy.revisitDays}}) {
            auto task = store_.create(tx, "task",
                                      {{"owner_id", owner},
                                       {"account_id", account},
                                       {"kind", std::string(kind)},
                                       {"due_on", addDays(out.today, days)},
                                       {"visit_id", std::string(visitId)},
                                       {"status", std::string("open")}});
            if (!task) return task.error();
        }
    }
    endSession(tx, visitId);
    return {};
}

Result<void> Visits::discard(Transaction& tx, std::string_view visitId, std::string_view reason,
                             std::int64_t atMs)
{
    if (blank(reason)) return makeError(ErrorCode::Required, "a reason is required", "discard_reason");
    if (auto visit = openVisit(visitId); !visit) return visit.error();
    if (auto written = store_.update(tx, "visit", visitId,
                                     {{"status", std::string("discarded")},
                                      {"discard_reason", std::string(reason)},
                                      {"checkout_at", atMs}});
        !written)
        return written.error();
    endSession(tx, visitId);
    return {};
}

Result<void> Visits::amend(Transaction& tx, std::string_view visitId, std::string_view field,
                           const Value& value, std::string_view reason, std::int64_t atMs)
{
    auto visit = get(visitId);
    if (!visit) return makeError(ErrorCode::NotFound, "no visit " + std::string(visitId));
    if (visit->status != "finished")
        return makeError(ErrorCode::ReadOnly,
                         "only a finished visit is corrected; this one is " + visit->status, "status");
    if (!isAnswerField(field))
        return makeError(ErrorCode::ReadOnly, std::string(field) + " is not corrected after the visit",
                         std::string(field));
    if (blank(reason)) return makeError(ErrorCode::Required, "a reason is required", "reason");
    const schema::Field* declared = schema::entity("visit")->field(field);
    auto clean = schema::validateField(*declared, normalized(value));
    if (!clean) {
        Error e = clean.error();
        e.field = std::string(field);
        return e;
    }
    if ((field == "conversation" || field == "interest") && isNull(*clean))
        return makeError(ErrorCode::Required, "a finished visit keeps its " + std::string(field),
                         std::string(field));
    const auto current = visit->fields.find(std::string(field));
    const std::string before = current == visit->fields.end() ? "" : valueToString(current->second);
    const std::string after = isNull(*clean) ? "" : valueToString(*clean);
    if (before == after)
        return makeError(ErrorCode::Duplicate, "that is what it says already", std::string(field));
    Fields amended = visit->fields;
    amended.insert_or_assign(std::string(field), *clean);
    for (const Error& broken : schema::checkEntryRules(*schema::entity("visit"), amended))
        return broken;
    auto written = store_.create(tx, "visit_amendment",
                                 {{"account_id", visit->accountId},
                                  {"visit_id", std::string(visitId)},
                                  {"field", std::string(field)},
                                  {"before", before.empty() ? Value{} : Value{before}},
                                  {"after", after.empty() ? Value{} : Value{after}},
                                  {"reason", std::string(reason)},
                                  {"amended_at", atMs}});
    if (!written) return written.error();
    return {};
}

std::vector<Visit> Visits::query(const std::string& where, const std::vector<Value>& binds, int limit)
{
    std::vector<std::string> ids;
    Statement& st = store_.db().cached("SELECT id FROM visit WHERE " + where +
                                       " ORDER BY checkin_at DESC, id LIMIT " + std::to_string(limit));
    int i = 1;
    for (const Value& v : binds)
        st.bind(i++, v);
    while (st.step())
        ids.push_back(st.text(0));
    st.reset();
    std::vector<Visit> out;
    for (const std::string& id : ids)
        if (auto v = get(id)) out.push_back(std::move(*v));
    return out;
}

std::optional<Visit> Visits::get(std::string_view id)
{
    auto record = store_.get("visit", id);
    if (!record) return std::nullopt;
    Visit v;
    v.id = record->id;
    v.fields = std::move(record->fields);
    v.accountId = fieldText(v.fields, "account_id");
    v.purpose = fieldText(v.fields, "purpose");
    v.status = fieldText(v.fields, "status");
    v.checkinAtMs = fieldInteger(v.fields, "checkin_at");
    v.checkoutAtMs = fieldInteger(v.fields, "checkout_at");
    if (auto account = store_.get("account", v.accountId)) v.accountName = account->text("name");

    const schema::Entity* visit = schema::entity("visit");
    Statement& st = store_.db().cached(
        "SELECT field, coalesce(before, ''), coalesce(after, ''), reason, amended_at FROM visit_amendment"
        " WHERE visit_id = ? ORDER BY amended_at, id");
    st.bind(1, id);
    while (st.step())
        v.amendments.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.int64(4)});
    st.reset();
    for (const VisitAmendment& a : v.amendments) {
        const schema::Field* f = visit->field(a.field);
        if (!f) continue;  // a field this version does not know
        if (a.after.empty()) {
            v.fields.erase(a.field);
            continue;
        }
        if (auto value = schema::validateField(*f, Value{a.after}))
            v.fields.insert_or_assign(a.field, *value);
    }
    return v;
}

std::vector<Visit> Visits::ofAccount(std::string_view accountId)
{
    return query("account_id = ?", {std::string(accountId)});
}

std::optional<Visit> Visits::lastFinished(std::string_view accountId)
{
    auto found = query("account_id = ? AND status = 'finished'", {std::string(accountId)}, 1);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::vector<Visit> Visits::leftOpen(std::string_view repId, std::int64_t beforeMs)
{
    return query("rep_id = ? AND status = 'open' AND checkin_at < ?", {std::string(repId), beforeMs});
}

std::vector<Record> Visits::followUpsOf(std::string_view visitId)
{
    std::vector<std::string> ids;
    Statement& st = store_.db().cached("SELECT id FROM task WHERE visit_id = ? ORDER BY due_on, kind, id");
    st.bind(1, visitId);
    while (st.step())
        ids.push_back(st.text(0));
    st.reset();
    std::vector<Record> out;
    for (const std::string& id : ids)
        if (auto r = store_.get("task", id)) out.push_back(std::move(*r));
    return out;
}

}  // namespace fb
