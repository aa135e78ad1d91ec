// The account archive: domain rules on top of the Store (key roles and their history,
// referral links without cycles).
#include "fieldbook/core/archive.h"

#include <algorithm>
#include <map>
#include <optional>

#include "fieldbook/core/blobs.h"
#include "fieldbook/core/clock.h"

namespace fb {

namespace {

bool isNamedRole(std::string_view role)
{
    return role == kRoleHead || role == kRoleDecisionMaker || role == kRoleHandler;
}

int roleRank(std::string_view role)
{
    if (role == kRoleHead) return 0;
    if (role == kRoleDecisionMaker) return 1;
    if (role == kRoleHandler) return 2;
    return 3;
}

}  // namespace

Archive::Archive(Store& store) : store_(store) {}

Result<std::string> Archive::createAccount(Transaction& tx, const Fields& fields)
{
    return store_.create(tx, "account", fields);
}

Result<void> Archive::updateAccount(Transaction& tx, std::string_view id, const Fields& changes)
{
    return store_.update(tx, "account", id, changes);
}

Result<Record> Archive::account(std::string_view id)
{
    return store_.get("account", id);
}

Result<std::string> Archive::createKeyPerson(Transaction& tx, std::string_view accountId,
                                             const Fields& fields)
{
    if (fields.count("account_id"))
        return makeError(ErrorCode::UnknownField, "account_id is given separately", "account_id");
    Fields initial = fields;
    initial["account_id"] = std::string(accountId);
    std::string role = fieldText(fields, "role");
    if (role.empty()) role = kRoleOther;
    // A named role is taken through changeRole so the history records it.
    initial["role"] = std::string(kRoleOther);
    if (!store_.exists("account", accountId))
        return makeError(ErrorCode::NotFound, "no account with id " + std::string(accountId), "account_id");
    // Validate the role value before writing anything.
    if (auto r = schema::validateField(*schema::entity("key_person")->field("role"), Value{role}); !r)
        return r.error();

    Transaction inner(tx.db());
    auto id = store_.create(inner, "key_person", initial);
    if (!id) return id;
    if (isNamedRole(role)) {
        auto change = changeRole(inner, accountId, role, *id, localToday(store_.device().clock()));
        if (!change) return change.error();
    }
    inner.commit();
    return id;
}

Result<void> Archive::updateKeyPerson(Transaction& tx, std::string_view id, const Fields& changes)
{
    auto person = store_.get("key_person", id);
    if (!person) return person.error();
    Fields rest = changes;
    std::string newRole;
    if (auto it = rest.find("role"); it != rest.end()) {
        newRole = valueToString(it->second);
        rest.erase(it);
        if (auto r = schema::validateField(*schema::entity("key_person")->field("role"), Value{newRole}); !r)
            return r.error();
        if (newRole.empty()) return makeError(ErrorCode::Required, "role is required", "role");
    }
    const std::string oldRole = person->text("role");
    // A person who leaves the account (archived) leaves their key role vacant.
    if (auto it = rest.find("archived"); it != rest.end() && valueToString(it->second) == "1" &&
                                         person->text("archived") != "1" && isNamedRole(oldRole))
        newRole = kRoleOther;
    Transaction inner(tx.db());
    if (!newRole.empty() && newRole != oldRole && !isNamedRole(newRole)) {
        // Vacate first, while the person is still active.
        auto r = changeRole(inner, person->text("account_id"), oldRole, {},
                            localToday(store_.device().clock()), {});
        if (!r) return r.error();
        newRole.clear();
    }
    if (auto r = store_.update(inner, "key_person", id, rest); !r) return r;
    if (!newRole.empty() && newRole != oldRole) {
        const std::string accountId = person->text("account_id");
        const std::string today = localToday(store_.device().clock());
        auto r = changeRole(inner, accountId, newRole, id, today);
        if (!r) return r.error();
    }
    inner.commit();
    return {};
}

Result<Record> Archive::keyPerson(std::string_view id)
{
    return store_.get("key_person", id);
}

Result<std::string> Archive::addPhoto(Transaction& tx, std::string_view accountId, std::string_view purpose,
                                      std::string_view jpeg, std::int64_t takenAtMs, std::string_view note)
{
    // Checked before the bytes are kept (a photo refused later, by the record's own checks,
    // rolls back and leaves a file without a row, which the next start adopts and the next
    // sync lets go).
    if (!store_.exists("account", accountId))
        return makeError(ErrorCode::NotFound, "no account with id " + std::string(accountId), "account_id");
    if (jpeg.size() < 4 || !jpeg.starts_with("\xff\xd8\xff") || !jpeg.ends_with("\xff\xd9"))
        return makeError(ErrorCode::BadFormat, "a photo must be a JPEG", "blob");
    auto blob = blobs::add(tx, jpeg, takenAtMs);
    if (!blob) return blob.error();
    Fields fields{{"account_id", std::string(accountId)},
                  {"purpose", std::string(purpose)},
                  {"blob", blob->digest},
                  {"size", blob->size},
                  {"taken_at", takenAtMs}};
    if (!note.empty()) fields.emplace("note", std::string(note));
    return store_.create(tx, "attachment", fields);
}

std::optional<Archive::PhotoInfo> Archive::latestPhoto(std::string_view accountId, std::string_view purpose)
{
    Statement& st = store_.db().cached(
        "SELECT id, taken_at, count(*) OVER () FROM attachment WHERE account_id = ? AND purpose = ?"
        " ORDER BY taken_at DESC, id DESC LIMIT 1");
    st.bind(1, accountId).bind(2, purpose);
    std::optional<PhotoInfo> info;
    if (st.step()) info = PhotoInfo{st.text(0), st.int64(1), static_cast<int>(st.int64(2))};
    st.reset();
    return info;
}

std::optional<std::string> photoDigest(Database& db, std::string_view attachmentId)
{
    Statement& st = db.cached("SELECT blob FROM attachment WHERE id = ?");
    st.bind(1, attachmentId);
    std::optional<std::string> digest;
    if (st.step()) digest = st.text(0);
    st.reset();
    return digest;
}

std::optional<std::string> photoJpeg(Database& db, std::string_view attachmentId)
{
    const auto digest = photoDigest(db, attachmentId);
    if (!digest) return std::nullopt;
    return blobs::read(db, *digest);
}

std::vector<Record> Archive::keyPersons(std::string_view accountId)
{
    std::vector<std::pair<std::string, std::string>> ids;  // (sort, id)
    {
        Statement& st = store_.db().cached(
            "SELECT id, role, _sort FROM key_person WHERE account_id = ? AND archived IS NOT 1");
        st.bind(1, accountId);
        while (st.step())
            ids.emplace_back(std::to_string(roleRank(st.textView(1))) + st.text(2), st.text(0));
        st.reset();
    }
    std::sort(ids.begin(), ids.end());
    std::vector<Record> out;
    for (const auto& [key, id] : ids)
        if (auto r = store_.get("key_person", id)) out.push_back(std::move(*r));
    return out;
}

Result<std::string> Archive::changeRole(Transaction& tx, std::string_view accountId, std::string_view role,
                                        std::string_view personId, std::string_view date,
                                        std::string_view note)
{
    if (!store_.exists("account", accountId))
        return makeError(ErrorCode::NotFound, "no account with id " + std::string(accountId), "account_id");
    if (!isNamedRole(role))
        return makeError(ErrorCode::BadEnum, "role must be head, decision_maker or handler", "role");
    const std::string today = localToday(store_.device().clock());
    // The history records what happened; a planned change is recorded when it happens.
    if (date > std::string_view(today))
        return makeError(ErrorCode::OutOfRange, "the date of a role change cannot be in the future",
                         "effective_date");
    std::string previousRole;
    if (!personId.empty()) {
        auto person = store_.get("key_person", personId);
        if (!person)
            return makeError(ErrorCode::NotFound, "no key person with id " + std::string(personId),
                             "person_id");
        if (person->text("account_id") != accountId)
            return makeError(ErrorCode::Conflict, "the key person belongs to another account", "person_id");
        if (person->text("archived") == "1")
            return makeError(ErrorCode::Conflict, "the key person is archived", "person_id");
        previousRole = person->text("role");
    }
    // The holder as of that date, so recording the same state twice is refused.
    std::optional<std::string> holderAtDate;
    for (const RolePeriod& p : roleHistory(accountId)) {
        if (p.role == role && p.from <= date && (p.to.empty() || date < p.to)) {
            holderAtDate = p.personId;
            break;
        }
    }
    if (holderAtDate ? *holderAtDate == personId : personId.empty())
        return makeError(ErrorCode::Duplicate,
                         personId.empty() ? "the role is already vacant"
                                          : "the person already holds this role",
                         "person_id");

    Transaction inner(tx.db());
    Fields change{{"account_id", std::string(accountId)},
                  {"role", std::string(role)},
                  {"effective_date", std::string(date)},
                  {"note", std::string(note)}};
    if (!personId.empty()) change["person_id"] = std::string(personId);
    auto id = store_.create(inner, "role_change", change);
    if (!id) return id;

    // A person holds one named role: taking this one leaves their previous one vacant.
    if (!personId.empty() && isNamedRole(previousRole) && previousRole != role) {
        Fields vacancy{{"account_id", std::string(accountId)},
                       {"role", previousRole},
                       {"effective_date", std::string(date)},
                       {"note", std::string(note)}};
        if (auto r = store_.create(inner, "role_change", vacancy); !r) return r;
    }
    if (auto r = syncCurrentRoles(inner, accountId, today); !r) return r.error();
    inner.commit();
    return id;
}

Result<void> Archive::syncCurrentRoles(Transaction& tx, std::string_view accountId, const std::string& today)
{
    // Keep each person's role field equal to what the history says they hold today.
    std::map<std::string, std::string> current;  // person -> role held today
    for (const RolePeriod& p : roleHistory(accountId))
        if (!p.personId.empty() && p.from <= today && (p.to.empty() || today < p.to))
            current[p.personId] = p.role;
    Statement& st =
        tx.db().cached("SELECT id, role FROM key_person WHERE account_id = ? AND archived IS NOT 1");
    st.bind(1, accountId);
    std::vector<std::pair<std::string, std::string>> fixes;
    while (st.step()) {
        std::string pid = st.text(0);
        auto it = current.find(pid);
        std::string should = it == current.end() ? std::string(kRoleOther) : it->second;
        if (st.textView(1) != should) fixes.emplace_back(std::move(pid), std::move(should));
    }
    st.reset();
    for (const auto& [pid, newRole] : fixes)
        if (auto r = store_.update(tx, "key_person", pid, {{"role", newRole}}); !r) return r;
    return {};
}

std::vector<RolePeriod> Archive::roleHistory(std::string_view accountId)
{
    struct Event {
        std::string role, personId, personName, date, note;
    };
    std::vector<Event> events;
    Statement& st = store_.db().cached("SELECT rc.role, coalesce(rc.person_id, ''), coalesce(kp.name, ''), "
                                       "rc.effective_date, coalesce(rc.note, '')"
                                       " FROM role_change rc LEFT JOIN key_person kp ON kp.id = rc.person_id"
                                       " WHERE rc.account_id = ? ORDER BY rc.role, rc.effective_date, rc.id");
    st.bind(1, accountId);
    while (st.step())
        events.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4)});
    st.reset();

    std::vector<RolePeriod> periods;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& e = events[i];
        RolePeriod p{e.role, e.personId, e.personName, e.date, {}, e.note};
        if (i + 1 < events.size() && events[i + 1].role == e.role) p.to = events[i + 1].date;
        periods.push_back(std::move(p));
    }
    // Roles in their rank order, newest period first within each.
    std::stable_sort(periods.begin(), periods.end(), [](const RolePeriod& a, const RolePeriod& b) {
        if (roleRank(a.role) != roleRank(b.role)) return roleRank(a.role) < roleRank(b.role);
        return a.from > b.from;
    });
    return periods;
}

std::vector<RolePeriod> Archive::roleHistoryOfPerson(std::string_view personId)
{
    auto person = store_.get("key_person", personId);
    if (!person) return {};
    std::vector<RolePeriod> out;
    for (RolePeriod& p : roleHistory(person->text("account_id")))
        if (p.personId == personId) out.push_back(std::move(p));
    std::stable_sort(out.begin(), out.end(),
                     [](const RolePeriod& a, const RolePeriod& b) { return a.from > b.from; });
    return out;
}

Result<std::string> Archive::addReferredProspect(Transaction& tx, std::string_view referrerAccountId,
                                                 std::string_view referrerPersonId, Fields prospect,
                                                 std::string_view date, std::string_view note)
{
    if (!store_.exists("account", referrerAccountId))
        return makeError(ErrorCode::NotFound, "no account with id " + std::string(referrerAccountId),
                         "referrer_account_id");
    prospect.insert_or_assign("tier", std::string("P"));
    prospect.insert_or_assign("stage", std::string("acquisition"));
    prospect.insert_or_assign("source", std::string("referral"));
    auto id = createAccount(tx, prospect);
    if (!id) return id.error();
    if (auto referred = addReferral(tx, referrerAccountId, referrerPersonId, *id, date, note); !referred)
        return referred.error();
    return id;
}

Result<std::string> Archive::addReferral(Transaction& tx, std::string_view referrerAccountId,
                                         std::string_view referrerPersonId,
                                         std::string_view referredAccountId, std::string_view date,
                                         std::string_view note)
{
    if (referrerAccountId == referredAccountId)
        return makeError(ErrorCode::Conflict, "an account cannot refer itself", "referred_account_id");
    if (!store_.exists("account", referrerAccountId))
        return makeError(ErrorCode::NotFound, "no account with id " + std::string(referrerAccountId),
                         "referrer_account_id");
    if (!store_.exists("account", referredAccountId))
        return makeError(ErrorCode::NotFound, "no account with id " + std::string(referredAccountId),
                         "referred_account_id");
    if (!referrerPersonId.empty()) {
        auto person = store_.get("key_person", referrerPersonId);
        if (!person)
            return makeError(ErrorCode::NotFound, "no key person with id " + std::string(referrerPersonId),
                             "referrer_person_id");
        if (person->text("account_id") != referrerAccountId)
            return makeError(ErrorCode::Conflict,
                             "the referring person does not belong to the referring account",
                             "referrer_person_id");
    }
    for (const ReferralLink& up : referralChainUp(referredAccountId))
        if (up.depth == 1)
            return makeError(ErrorCode::Duplicate,
                             "this account is already recorded as referred by " + up.referrerAccountName,
                             "referred_account_id");
    for (const ReferralLink& up : referralChainUp(referrerAccountId))
        if (up.referrerAccountId == referredAccountId)
            return makeError(ErrorCode::Conflict, "this referral would make a cycle in the referral chain",
                             "referred_account_id");
    Fields f{{"referrer_account_id", std::string(referrerAccountId)},
             {"referred_account_id", std::string(referredAccountId)},
             {"referral_date", std::string(date)},
             {"note", std::string(note)}};
    if (!referrerPersonId.empty()) f["referrer_person_id"] = std::string(referrerPersonId);
    return store_.create(tx, "referral", f);
}

namespace {

constexpr const char* kLinkColumns =
    "r.id, r.referrer_account_id, coalesce(ra.name, ''), coalesce(r.referrer_person_id, ''), "
    "coalesce(kp.name, ''),"
    " r.referred_account_id, coalesce(da.name, ''), r.referral_date, coalesce(r.note, '')";
constexpr const char* kLinkJoins =
    // LEFT JOIN: the other end may be another rep's account, not on this device.
    " LEFT JOIN account ra ON ra.id = r.referrer_account_id LEFT JOIN account da ON da.id = "
    "r.referred_account_id"
    " LEFT JOIN key_person kp ON kp.id = r.referrer_person_id";

ReferralLink readLink(Statement& st, int depth)
{
    return {st.text(0), st.text(1), st.text(2), st.text(3), st.text(4),
            st.text(5), st.text(6), st.text(7), st.text(8), depth};
}

}  // namespace

std::vector<ReferralLink> Archive::referralChainUp(std::string_view accountId)
{
    // Walked step by step (chains are short) with a visited set, so data that arrived
    // from several devices with a cycle in it cannot loop.
    std::vector<ReferralLink> out;
    std::vector<std::string> visited{std::string(accountId)};
    std::string current(accountId);
    Database& db = store_.db();
    const std::string sql = std::string("SELECT ") + kLinkColumns + " FROM referral r" + kLinkJoins +
                            " WHERE r.referred_account_id = ? ORDER BY r.referral_date, r.id";
    for (int depth = 1; depth <= 50; ++depth) {
        std::vector<ReferralLink> links;
        Statement& st = db.cached(sql);
        st.bind(1, current);
        while (st.step())
            links.push_back(readLink(st, depth));
        st.reset();
        if (links.empty()) break;
        out.insert(out.end(), links.begin(), links.end());
        const std::string next = links.front().referrerAccountId;
        if (std::find(visited.begin(), visited.end(), next) != visited.end()) break;
        visited.push_back(next);
        current = next;
    }
    return out;
}

std::vector<ReferralLink> Archive::referralsDown(std::string_view accountId, int maxDepth)
{
    std::vector<ReferralLink> out;
    std::vector<std::string> visited{std::string(accountId)};
    std::vector<std::string> frontier{std::string(accountId)};
    Database& db = store_.db();
    const std::string sql = std::string("SELECT ") + kLinkColumns + " FROM referral r" + kLinkJoins +
                            " WHERE r.referrer_account_id = ? ORDER BY r.referral_date, r.id";
    for (int depth = 1; depth <= maxDepth && !frontier.empty(); ++depth) {
        std::vector<std::string> next;
        for (const std::string& from : frontier) {
            Statement& st = db.cached(sql);
            st.bind(1, from);
            while (st.step()) {
                ReferralLink link = readLink(st, depth);
                if (std::find(visited.begin(), visited.end(), link.referredAccountId) != visited.end())
                    continue;
                visited.push_back(link.referredAccountId);
                next.push_back(link.referredAccountId);
                out.push_back(std::move(link));
            }
            st.reset();
        }
        frontier = std::move(next);
    }
    return out;
}

}  // namespace fb
