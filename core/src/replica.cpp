// Device-side sync operations; see replica.h.
#include "fieldbook/core/replica.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "fieldbook/core/blobs.h"

namespace fb {

namespace {

std::string tableOf(const schema::Entity& e)
{
    return std::string(e.name);
}

std::string clocksJson(const Clocks& clocks)
{
    Fields asFields;
    for (const auto& [field, stamp] : clocks)
        asFields.emplace(field, stamp);
    return fieldsToJson(asFields);
}

}  // namespace

Replica::Replica(Store& store) : store_(store) {}

std::optional<RecordState> Replica::state(std::string_view entityName, std::string_view id)
{
    const schema::Entity* e = schema::entity(entityName);
    if (!e) return std::nullopt;
    Database& db = store_.db();
    std::string sql = "SELECT _hlc, _clock";
    for (const schema::Field& f : e->fields)
        sql += ", " + std::string(f.name);
    sql += " FROM " + tableOf(*e) + " WHERE id = ?";
    Statement& st = db.cached(sql);
    st.bind(1, id);
    if (!st.step()) {
        st.reset();
        return std::nullopt;
    }
    RecordState r;
    const std::string created = st.text(0);
    const std::string clockJson = st.text(1);
    int col = 2;
    for (const schema::Field& f : e->fields) {
        Value v = st.value(col++);
        if (!isNull(v)) {
            r.fields.emplace(std::string(f.name), std::move(v));
            if (!created.empty()) r.clocks.emplace(std::string(f.name), created);
        }
    }
    st.reset();
    Statement& each = db.cached("SELECT key, value FROM json_each(?)");
    each.bind(1, clockJson);
    while (each.step()) {
        const std::string field = each.text(0);
        r.clocks[field] = each.text(1);
        // A field cleared by a later write has a stamp but no value: keep it explicit.
        if (!r.fields.count(field)) r.fields.emplace(field, Value{});
    }
    each.reset();
    return r;
}

namespace {

// A prepared row back as a record state: its given fields (validated) with their stamps.
RecordState stateOf(BulkRow&& row)
{
    RecordState clean;
    for (std::size_t i = 0; i < row.values.size(); ++i) {
        if (!row.given[i]) continue;
        const std::string name(row.entity->fields[i].name);
        auto listed = row.clocks.find(name);
        clean.clocks.emplace(name, listed != row.clocks.end() ? listed->second : row.shared);
        clean.fields.emplace(name, std::move(row.values[i]));
    }
    return clean;
}

}  // namespace

Result<MergeResult> Replica::applyRemote(Transaction& tx, std::string_view entityName, std::string_view id,
                                         const RecordState& incoming)
{
    const schema::Entity* e = schema::entity(entityName);
    if (!e) return makeError(ErrorCode::UnknownField, "unknown entity " + std::string(entityName));
    // Validated as a bulk row is: the fields by the registry, each with a valid stamp.
    auto row = prepareBulkRow(entityName, id, RecordState(incoming));
    if (!row) return row.error();
    return applyClean(tx, *e, id, stateOf(std::move(*row)));
}

Result<BulkRow> prepareBulkRow(std::string_view entityName, std::string_view id, RecordState&& incoming,
                               std::string shared)
{
    BulkRow row;
    row.shared = std::move(shared);
    row.entity = schema::entity(entityName);
    const schema::Entity* e = row.entity;
    if (!e) return makeError(ErrorCode::UnknownField, "unknown entity " + std::string(entityName));
    if (!isUuid(id)) return makeError(ErrorCode::BadFormat, "record id must be a UUID", "id");
    row.id = id;
    // Each field validated by the registry (as validateRecord does) with a valid stamp, its
    // value landing in its column's slot.
    const std::size_t n = e->fields.size();
    row.values.resize(n);
    row.given.resize(n);
    std::vector<const std::string*> stamps(n, nullptr);
    std::string_view lastGoodStamp;  // most fields share one stamp: parse it once
    for (auto& [name, value] : incoming.fields) {
        const schema::Field* f = e->field(name);
        if (!f)
            return makeError(ErrorCode::UnknownField, std::string(e->name) + " has no field '" + name + "'",
                             name);
        auto checked = schema::validateField(*f, value);
        if (!checked) return checked.error();
        if (f->required && isNull(*checked))
            return makeError(ErrorCode::Required, std::string(f->name) + " is required",
                             std::string(f->name));
        auto listed = incoming.clocks.find(name);
        const std::string* stamp = listed != incoming.clocks.end() ? &listed->second
                                   : row.shared.empty()            ? nullptr
                                                                   : &row.shared;
        if (!stamp || (*stamp != lastGoodStamp && !HlcStamp::parse(*stamp)))
            return makeError(ErrorCode::BadFormat, "field " + name + " has no valid stamp", name);
        lastGoodStamp = *stamp;
        const auto col = static_cast<std::size_t>(f - e->fields.data());
        row.values[col] = std::move(*checked);
        row.given[col] = true;
        stamps[col] = stamp;
    }
    // The stamp most set fields share becomes the row's _hlc; the others (and those of
    // explicitly cleared fields) go to _clock, by field name, as applyClean stores them.
    std::map<std::string_view, int> counts;
    for (std::size_t i = 0; i < n; ++i)
        if (stamps[i] && !isNull(row.values[i])) ++counts[*stamps[i]];
    int best = 0;
    for (const auto& [stamp, count] : counts)
        if (count > best) best = count, row.hlc = stamp;
    row.clock = "{";
    for (const auto& [name, value] : incoming.fields) {
        const auto col = static_cast<std::size_t>(e->field(name) - e->fields.data());
        if (*stamps[col] == row.hlc && !isNull(row.values[col])) continue;
        if (row.clock.size() > 1) row.clock += ',';
        row.clock += jsonString(name) + ':' + jsonString(*stamps[col]);
    }
    row.clock += '}';
    // The row's greatest stamp, as the digest triggers read it from _hlc and _clock.
    std::string_view top;
    for (std::size_t i = 0; i < n; ++i)
        if (stamps[i] && *stamps[i] > top) top = *stamps[i];
    row.digest = sha256(std::string(e->name) + '\n' + row.id + '\n' + std::string(top));
    row.clocks = std::move(incoming.clocks);
    return row;
}

Result<Replica::BulkApplied> Replica::applyRemoteBulk(Transaction& tx, std::string_view entityName,
                                                      std::string_view id, RecordState&& incoming)
{
    const schema::Entity* e = schema::entity(entityName);
    if (!e) return makeError(ErrorCode::UnknownField, "unknown entity " + std::string(entityName));
    std::vector<std::unique_ptr<DerivedData::Prepared>> prepared;
    Fields columns;
    for (const auto& d : store_.derived()) {
        d->beginPage();
        prepared.push_back(d->prepare(*e, incoming.fields));
        d->columns(prepared.back().get(), columns);
    }
    auto row = prepareBulkRow(entityName, id, std::move(incoming));
    if (!row) return row.error();
    auto applied = insertBulk(tx, *row, columns);
    if (applied && *applied == BulkApplied::Inserted)
        for (std::size_t i = 0; i < store_.derived().size(); ++i)
            store_.derived()[i]->inserted(*row, prepared[i].get());
    for (const auto& d : store_.derived())
        d->endPage(tx);
    return applied;
}

Result<Replica::BulkApplied> Replica::insertBulk(Transaction& tx, BulkRow& row, const Fields& derived)
{
    const schema::Entity* e = row.entity;
    const std::size_t n = e->fields.size();
    if (std::find(row.given.begin(), row.given.end(), true) == row.given.end())
        return BulkApplied::Unchanged;  // nothing to store, as mergeRecord says

    // One statement per entity (and set of derived columns), its SQL made once: every field is
    // bound, NULL where the record has none, which is what leaving the column out stores.
    std::string key(e->name);
    for (const auto& [column, value] : derived)
        key.append(",").append(column);
    std::string& sql = bulkSql_[key];
    if (sql.empty()) {
        sql = "INSERT OR IGNORE INTO " + tableOf(*e) + " (id, _hlc, _clock";
        for (const schema::Field& f : e->fields)
            sql.append(", ").append(f.name);
        for (const auto& [column, value] : derived)
            sql.append(", ").append(column);
        sql += ") VALUES (?, ?, ?";
        for (std::size_t i = 0; i < n + derived.size(); ++i)
            sql += ", ?";
        sql += ')';
    }
    Statement& st = tx.db().cached(sql);
    st.bind(1, row.id).bind(2, row.hlc).bind(3, row.clock);
    int param = 4;
    for (const Value& v : row.values)
        st.bind(param++, v);
    for (const auto& [column, value] : derived)
        st.bind(param++, value);
    // Its digest share is added by the scope digest's endPage instead of by the insert trigger.
    struct TriggersOff {
        Database& db;
        explicit TriggersOff(Database& d) : db(d) { db.setDigestTriggers(false); }
        ~TriggersOff() { db.setDigestTriggers(true); }
    };
    int inserted = 0;
    {
        TriggersOff off(tx.db());
        inserted = st.exec();
    }
    if (inserted > 0) return BulkApplied::Inserted;

    // The record exists after all (sent again on a later page, or written here meanwhile):
    // merged the ordinary way, from the validated values.
    const std::string id = row.id;
    auto merged = applyClean(tx, *e, id, stateOf(std::move(row)));
    if (!merged) return merged.error();
    return merged->changed ? BulkApplied::Merged : BulkApplied::Unchanged;
}

Result<MergeResult> Replica::applyClean(Transaction& tx, const schema::Entity& entity, std::string_view id,
                                        const RecordState& clean)
{
    const schema::Entity* e = &entity;
    Database& db = tx.db();
    const std::optional<RecordState> current = state(e->name, id);
    MergeResult merge = mergeRecord(*e, current.value_or(RecordState{}), clean);
    if (!merge.changed) return merge;

    if (!current) {
        // The stamp most set fields share becomes the row's _hlc; the others (and those of
        // explicitly cleared fields) go to _clock.
        Clocks stamps;
        for (const std::string& f : merge.won)
            stamps.emplace(f, merge.merged.clocks.at(f));
        const auto [created, rest] = compactClocksWhere(
            stamps, [&](const std::string& f) { return !isNull(merge.merged.fields.at(f)); });
        std::string sql = "INSERT INTO " + tableOf(*e) + " (id, _hlc, _clock";
        std::string params = "?, ?, ?";
        std::vector<const Value*> values;
        for (const std::string& f : merge.won) {
            const Value& v = merge.merged.fields.at(f);
            if (isNull(v)) continue;
            sql += ", " + f;
            params += ", ?";
            values.push_back(&v);
        }
        sql += ") VALUES (" + params + ")";
        Statement& st = db.cached(sql);
        st.bind(1, id).bind(2, created).bind(3, clocksJson(rest));
        int i = 4;
        for (const Value* v : values)
            st.bind(i++, *v);
        st.exec();
    } else {
        Clocks stamps;
        std::string sql = "UPDATE " + tableOf(*e) + " SET _clock = json_patch(_clock, ?)";
        for (const std::string& f : merge.won) {
            stamps.emplace(f, merge.merged.clocks.at(f));
            sql += ", " + f + " = ?";
        }
        sql += " WHERE id = ?";
        Statement& st = db.cached(sql);
        st.bind(1, clocksJson(stamps));
        int i = 2;
        for (const std::string& f : merge.won)
            st.bind(i++, merge.merged.fields.at(f));
        st.bind(i, id);
        st.exec();
    }
    // Keep this device's clock ahead of every stamp it has seen.
    if (auto stamp = HlcStamp::parse(maxStamp(clean.clocks))) store_.device().observe(tx, *stamp);
    store_.written(tx, *e, std::string(id));
    return merge;
}

void Replica::observeStamp(Transaction& tx, const std::string& stamp)
{
    if (auto parsed = HlcStamp::parse(stamp)) store_.device().observe(tx, *parsed);
}

bool Replica::empty()
{
    for (const schema::Entity& e : schema::entities()) {
        Statement& st = store_.db().cached("SELECT 1 FROM " + tableOf(e) + " LIMIT 1");
        const bool any = st.step();
        st.reset();
        if (any) return false;
    }
    return true;
}

void Replica::adoptClocks(Transaction& tx, std::string_view entityName, std::string_view id,
                          const std::string& pushedHlc, const Clocks& serverClocks)
{
    const schema::Entity* e = schema::entity(entityName);
    if (!e) return;
    auto current = state(entityName, id);
    if (!current) return;
    Clocks adopt;
    for (const auto& [field, stamp] : serverClocks) {
        auto it = current->clocks.find(field);
        if (it != current->clocks.end() && it->second == pushedHlc && stamp != pushedHlc)
            adopt.emplace(field, stamp);
    }
    if (adopt.empty()) return;
    tx.db()
        .cached("UPDATE " + tableOf(*e) + " SET _clock = json_patch(_clock, ?) WHERE id = ?")
        .bind(1, clocksJson(adopt))
        .bind(2, id)
        .exec();
}

void Replica::renumberOutbox(Transaction& tx, std::int64_t first)
{
    Statement& range = tx.db().cached("SELECT coalesce(min(seq), 0), count(*) FROM outbox");
    range.step();
    const std::int64_t oldFirst = range.int64(0);
    const std::int64_t count = range.int64(1);
    range.reset();
    if (count > 0 && oldFirst != first) {
        // Through negative numbers, so no row collides with another on the way.
        tx.db().cached("UPDATE outbox SET seq = -seq").exec();
        tx.db().cached("UPDATE outbox SET seq = -seq - ?1 + ?2").bind(1, oldFirst).bind(2, first).exec();
    }
    tx.db().cached("UPDATE device SET next_seq = ? WHERE id = 1").bind(1, first + count).exec();
}

void Replica::trimOutbox(Transaction& tx, std::int64_t seq)
{
    tx.db().cached("DELETE FROM outbox WHERE seq <= ?").bind(1, seq).exec();
}

void Replica::purgeAccount(Transaction& tx, std::string_view accountId)
{
    Database& db = tx.db();
    // Children first, then the account; derived data (the search index) goes with them.
    const auto entities = schema::entities();
    for (auto it = entities.rbegin(); it != entities.rend(); ++it) {
        const schema::Entity& e = *it;
        if (e.scope == schema::ScopeKind::AccountChild)
            db.cached("DELETE FROM " + tableOf(e) + " WHERE " + std::string(e.scopeField) + " = ?")
                .bind(1, accountId)
                .exec();
        else if (e.scope == schema::ScopeKind::AccountRoot)
            db.cached("DELETE FROM " + tableOf(e) + " WHERE id = ?").bind(1, accountId).exec();
    }
    db.cached("DELETE FROM sync_account_owner WHERE account_id = ?").bind(1, accountId).exec();
    // A visit of the account this device was running went with it: so do its typed answers.
    db.cached("DELETE FROM visit_draft WHERE visit_id NOT IN (SELECT id FROM visit)").exec();
    db.cached("DELETE FROM visit_session WHERE visit_id NOT IN (SELECT id FROM visit)").exec();
    for (const auto& d : store_.derived())
        d->accountPurged(tx, accountId);
}

std::optional<std::string> Replica::accountOwner(std::string_view accountId)
{
    Statement& st = store_.db().cached("SELECT user_id FROM sync_account_owner WHERE account_id = ?");
    st.bind(1, accountId);
    std::optional<std::string> owner;
    if (st.step()) owner = st.text(0);
    st.reset();
    return owner;
}

void Replica::setAccountOwner(Transaction& tx, std::string_view accountId, std::string_view userId)
{
    // Only a change is written (and told to the derived data): pulls repeat the owner with
    // every record of the account.
    const int changed = tx.db()
                            .cached("INSERT INTO sync_account_owner (account_id, user_id) VALUES (?, ?)"
                                    " ON CONFLICT (account_id) DO UPDATE SET user_id = excluded.user_id"
                                    " WHERE user_id <> excluded.user_id")
                            .bind(1, accountId)
                            .bind(2, userId)
                            .exec();
    if (changed == 0) return;
    for (const auto& d : store_.derived())
        d->ownerChanged(tx, accountId);
}

void Replica::replaceTeam(Transaction& tx, const std::vector<TeamMember>& team)
{
    tx.db().execScript("DELETE FROM sync_team");
    Statement& st = tx.db().cached("INSERT OR REPLACE INTO sync_team (user_id, name, role) VALUES (?, ?, ?)");
    for (const TeamMember& m : team) {
        st.bind(1, m.userId).bind(2, m.name).bind(3, m.role).exec();
        st.reset();
    }
}

std::optional<TeamMember> Replica::teamMember(std::string_view userId)
{
    Statement& st = store_.db().cached("SELECT name, role FROM sync_team WHERE user_id = ?");
    st.bind(1, userId);
    std::optional<TeamMember> member;
    if (st.step()) member = TeamMember{std::string(userId), st.text(0), st.text(1)};
    st.reset();
    return member;
}

void Replica::wipe(Transaction& tx)
{
    Database& db = tx.db();
    const auto entities = schema::entities();
    for (auto it = entities.rbegin(); it != entities.rend(); ++it)
        db.execScript("DELETE FROM " + tableOf(*it));
    db.execScript("DELETE FROM outbox; DELETE FROM sync_state; DELETE FROM sync_rejected; DELETE FROM "
                  "sync_account_owner;"
                  " DELETE FROM sync_team; DELETE FROM visit_session; DELETE FROM visit_draft;");
    blobs::forgetAll(tx);  // the files go with blobs::removeAll() once this commits
    for (const auto& d : store_.derived())
        d->wiped(tx);
}

Result<void> Replica::overwrite(Transaction& tx, std::string_view entityName, std::string_view id,
                                const RecordState& incoming)
{
    const schema::Entity* e = schema::entity(entityName);
    if (!e) return makeError(ErrorCode::UnknownField, "unknown entity " + std::string(entityName));
    if (!state(entityName, id)) {
        auto r = applyRemote(tx, entityName, id, incoming);
        if (!r) return r.error();
        return {};
    }
    Fields clean;
    if (auto errors = schema::validateRecord(*e, incoming.fields, false, &clean); !errors.empty())
        return errors.front();
    std::string sql = "UPDATE " + tableOf(*e) + " SET _hlc = '', _clock = ?";
    for (const schema::Field& f : e->fields)
        sql += ", " + std::string(f.name) + " = ?";
    sql += " WHERE id = ?";
    Statement& st = tx.db().cached(sql);
    st.bind(1, clocksJson(incoming.clocks));
    int i = 2;
    for (const schema::Field& f : e->fields) {
        auto it = clean.find(f.name);
        st.bind(i++, it == clean.end() ? Value{} : it->second);
    }
    st.bind(i, id);
    st.exec();
    if (auto stamp = HlcStamp::parse(maxStamp(incoming.clocks))) store_.device().observe(tx, *stamp);
    store_.written(tx, *e, std::string(id));
    return {};
}

bool Replica::hasPending(std::string_view entity, std::string_view id)
{
    Statement& st = store_.db().cached("SELECT 1 FROM outbox WHERE entity = ? AND record_id = ? LIMIT 1");
    st.bind(1, entity).bind(2, id);
    const bool pending = st.step();
    st.reset();
    return pending;
}

void Replica::removeRecord(Transaction& tx, std::string_view entityName, std::string_view id)
{
    const schema::Entity* e = schema::entity(entityName);
    if (!e) return;
    if (e->scope == schema::ScopeKind::AccountRoot) {
        purgeAccount(tx, id);
        return;
    }
    tx.db().cached("DELETE FROM " + tableOf(*e) + " WHERE id = ?").bind(1, id).exec();
    for (const auto& d : store_.derived())
        d->removed(tx, *e, std::string(id));
}

std::string maxStampSql(std::string_view row)
{
    const std::string r(row);
    return "CASE WHEN " + r + "_clock = '{}' THEN " + r + "_hlc ELSE max(" + r +
           "_hlc, coalesce((SELECT max(value) FROM json_each(" + r + "_clock)), '')) END";
}

ScopeDigest computeScopeDigest(Database& db)
{
    return computeScopeDigest(db, schema::entities());
}

ScopeDigest computeScopeDigest(Database& db, std::span<const schema::Entity> entities)
{
    ScopeDigest d;
    std::array<unsigned char, 32> acc{};
    for (const schema::Entity& e : entities) {
        // Most rows carry one stamp for all fields (_hlc) and an empty _clock: skip json_each.
        Statement st = db.prepare("SELECT id, " + maxStampSql("") + " FROM " + tableOf(e));
        std::string line;
        while (st.step()) {
            line.assign(e.name).append("\n").append(st.text(0)).append("\n").append(st.text(1));
            const std::string h = sha256(line);
            for (std::size_t i = 0; i < 32; ++i)
                acc[i] ^= static_cast<unsigned char>(h[i]);
            ++d.count;
        }
    }
    d.hash = toHex(std::string_view(reinterpret_cast<const char*>(acc.data()), acc.size()));
    return d;
}

namespace {

class ScopeDigestKeeper : public DerivedData {
public:
    void beginPage() override
    {
        xor_.assign(32, '\0');
        count_ = 0;
    }
    void inserted(const BulkRow& row, const Prepared*) override
    {
        for (std::size_t k = 0; k < 32; ++k)
            xor_[k] = static_cast<char>(xor_[k] ^ row.digest[k]);
        ++count_;
    }
    void endPage(Transaction& tx) override
    {
        if (count_ == 0) return;
        Statement& read = tx.db().cached("SELECT hash FROM sync_digest WHERE id = 1");
        std::string hash = read.step() ? read.blob(0) : std::string();
        read.reset();
        if (hash.size() != 32) hash.assign(32, '\0');
        for (std::size_t k = 0; k < 32; ++k)
            hash[k] = static_cast<char>(hash[k] ^ xor_[k]);
        tx.db()
            .cached("UPDATE sync_digest SET n = n + ?, hash = ? WHERE id = 1")
            .bind(1, count_)
            .bindBlob(2, hash)
            .exec();
        beginPage();
    }

private:
    std::string xor_ = std::string(32, '\0');  // the inserted rows' shares since the page began
    std::int64_t count_ = 0;
};

}  // namespace

std::unique_ptr<DerivedData> makeScopeDigestKeeper()
{
    return std::make_unique<ScopeDigestKeeper>();
}

ScopeDigest keptDigest(Database& db)
{
    Statement& st = db.cached("SELECT n, hash FROM sync_digest WHERE id = 1");
    ScopeDigest d;
    if (st.step()) {
        d.count = st.int64(0);
        d.hash = toHex(st.blob(1));
    }
    st.reset();
    return d;
}

ScopeDigest Replica::digest()
{
    return keptDigest(store_.db());
}

std::string Replica::setting(std::string_view key)
{
    Statement& st = store_.db().cached("SELECT value FROM sync_state WHERE key = ?");
    st.bind(1, key);
    std::string v = st.step() ? st.text(0) : std::string();
    st.reset();
    return v;
}

void Replica::setSetting(Transaction& tx, std::string_view key, std::string_view value)
{
    tx.db()
        .cached(
            "INSERT INTO sync_state (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2")
        .bind(1, key)
        .bind(2, value)
        .exec();
}

namespace {

const char* kindName(RejectedChange::Kind kind)
{
    return kind == RejectedChange::Kind::Overridden ? "overridden" : "rejected";
}

}  // namespace

void Replica::addRejected(Transaction& tx, const RejectedChange& c)
{
    // lost: {field: winning stamp}, in the server's order (SQLite's json_each keeps it).
    std::string lost = "{";
    for (const LostField& f : c.lost) {
        if (lost.size() > 1) lost += ',';
        lost += jsonString(f.field) + ':' + jsonString(f.winnerStamp);
    }
    lost += '}';
    tx.db()
        .cached("INSERT OR REPLACE INTO sync_rejected (seq, entity, record_id, op, fields, code, message, "
                "at_ms, kind,"
                " lost, label) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, c.seq)
        .bind(2, c.entity)
        .bind(3, c.recordId)
        .bind(4, c.op)
        .bind(5, c.fieldsJson)
        .bind(6, c.code)
        .bind(7, c.message)
        .bind(8, c.atMs)
        .bind(9, std::string_view(kindName(c.kind)))
        .bind(10, lost)
        .bind(11, c.label.empty() ? recordLabel(c.entity, c.recordId) : c.label)
        .exec();
}

std::string Replica::recordLabel(std::string_view entity, std::string_view id)
{
    const schema::Entity* e = schema::entity(entity);
    if (!e) return {};
    auto record = store_.get(entity, id);
    if (!record) return {};
    if (e->field("name")) {
        if (std::string name = record->text("name"); !name.empty()) return name;
    }
    if (e->scope == schema::ScopeKind::AccountChild && !e->scopeField.empty()) {
        if (auto account = store_.get("account", record->text(e->scopeField))) return account->text("name");
    }
    return {};
}

std::vector<RejectedChange> Replica::rejected(RejectedChange::Kind kind)
{
    std::vector<RejectedChange> out;
    std::vector<std::string> lostJson;
    Statement& st =
        store_.db().cached("SELECT seq, entity, record_id, op, fields, code, message, at_ms, lost, label"
                           " FROM sync_rejected WHERE kind = ? ORDER BY seq");
    st.bind(1, std::string_view(kindName(kind)));
    while (st.step()) {
        out.push_back({st.int64(0),
                       st.text(1),
                       st.text(2),
                       st.text(3),
                       st.text(4),
                       st.text(5),
                       st.text(6),
                       st.int64(7),
                       kind,
                       {},
                       st.text(9)});
        lostJson.push_back(st.text(8));
    }
    st.reset();
    Statement& each = store_.db().cached("SELECT key, value FROM json_each(?)");
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (lostJson[i] == "{}") continue;
        each.bind(1, lostJson[i]);
        while (each.step()) {
            LostField f{each.text(0), each.text(1), 0};
            if (auto stamp = HlcStamp::parse(f.winnerStamp)) f.winnerMs = stamp->wallMs;
            out[i].lost.push_back(std::move(f));
        }
        each.reset();
    }
    return out;
}

void Replica::dismissRejected(Transaction& tx, std::int64_t seq)
{
    tx.db().cached("DELETE FROM sync_rejected WHERE seq = ?").bind(1, seq).exec();
}

}  // namespace fb
