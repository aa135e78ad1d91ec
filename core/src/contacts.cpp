// Logging contacts; see contacts.h.
#include "fieldbook/core/contacts.h"

#include "fieldbook/core/visits.h"

namespace fb {

namespace {

std::string periodWord(std::string_view period)
{
    if (period == "quarter") return "a quarter";
    if (period == "two_months") return "every two months";
    return "a month";
}

}  // namespace

std::string describeCap(const CapWarning& cap)
{
    std::string activity = cap.activity;
    for (char& c : activity)
        if (c == '_') c = ' ';
    return "at most " + std::to_string(cap.maxCount) + " " + activity + " " + periodWord(cap.period) + "; " +
           std::to_string(cap.done) + " already from " + cap.span.from + " to " + addDays(cap.span.to, -1);
}

std::optional<CapWarning> Contacts::capFor(std::string_view accountId, std::string_view kind,
                                           std::int64_t atMs)
{
    return capWarning(store_.db(), accountId, activityOfContact(kind), localDayOf(clock_, atMs));
}

Result<std::string> Contacts::log(Transaction& tx, std::string_view repId, const ContactEntry& entry)
{
    if (repId.empty()) return makeError(ErrorCode::Required, "no account manager signed in", "rep_id");
    if (!store_.exists("account", entry.accountId))
        return makeError(ErrorCode::NotFound, "no such account", "account_id");
    if (!entry.keyPersonId.empty()) {
        auto person = store_.get("key_person", entry.keyPersonId);
        if (!person || person->text("account_id") != entry.accountId)
            return makeError(ErrorCode::Conflict, "the key person is not of this account", "key_person_id");
    }
    if (entry.atMs > clock_.nowMs() + 60'000)
        return makeError(ErrorCode::OutOfRange, "a contact cannot be logged in the future", "at");
    if (!entry.taskId.empty()) {
        auto task = store_.get("task", entry.taskId);
        if (!task || task->text("owner_id") != repId || task->text("account_id") != entry.accountId)
            return makeError(ErrorCode::Conflict, "the follow-up is not yours for this account", "task_id");
    }
    if (entry.overCapReason.find_first_not_of(" \t") == std::string::npos) {
        if (auto cap = capFor(entry.accountId, entry.kind, entry.atMs))
            return makeError(ErrorCode::Required,
                             "beyond the limit (" + describeCap(*cap) + "): give a reason",
                             "over_cap_reason");
    }
    Fields fields{{"account_id", Value{entry.accountId}},
                  {"rep_id", Value{std::string(repId)}},
                  {"kind", Value{entry.kind}},
                  {"at", Value{entry.atMs}}};
    auto optional = [&fields](const char* name, const std::string& v) {
        if (!v.empty()) fields.emplace(name, Value{v});
    };
    optional("key_person_id", entry.keyPersonId);
    optional("occasion", entry.occasion);
    optional("note", entry.note);
    optional("over_cap_reason", entry.overCapReason);
    optional("task_id", entry.taskId);
    auto id = store_.create(tx, "contact_log", fields);
    if (!id) return id.error();
    if (!entry.taskId.empty()) {
        auto task = store_.get("task", entry.taskId);
        if (task && task->text("status") == "open")
            if (auto done = store_.update(tx, "task", entry.taskId, {{"status", Value{std::string("done")}}});
                !done)
                return done.error();
    }
    return id;
}

std::vector<Contact> Contacts::ofAccount(std::string_view accountId, int limit)
{
    std::vector<Contact> out;
    Statement& st = store_.db().cached(R"sql(
        SELECT c.id, c.account_id, coalesce(c.key_person_id, ''), coalesce(p.name, ''), c.rep_id, c.kind, c.at,
               coalesce(c.occasion, ''), coalesce(c.note, ''), coalesce(c.over_cap_reason, '')
        FROM contact_log c LEFT JOIN key_person p ON p.id = c.key_person_id
        WHERE c.account_id = ? ORDER BY c.at DESC, c.id DESC LIMIT ?)sql");
    st.bind(1, accountId).bind(2, limit);
    while (st.step())
        out.push_back(Contact{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5),
                              st.int64(6), st.text(7), st.text(8), st.text(9)});
    st.reset();
    return out;
}

}  // namespace fb
