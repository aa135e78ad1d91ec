// Generic validated writes with per-field HLC stamps and outbox entries.
// SQL text is assembled only from names declared in the registry; every value is bound.
#include "fieldbook/core/store.h"

#include <algorithm>
#include <cstdio>

#include "fieldbook/core/cadence.h"
#include "fieldbook/core/replica.h"

namespace fb {

namespace {

const Value kNull{};

bool sameValue(const Value& a, const Value& b)
{
    return a == b;
}

}  // namespace

std::string jsonString(std::string_view text)
{
    std::string out = "\"";
    out.reserve(text.size() + 2);
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += ch;
            }
        }
    }
    out += '"';
    return out;
}

std::string fieldsToJson(const Fields& fields)
{
    std::string out = "{";
    bool first = true;
    for (const auto& [name, value] : fields) {
        if (!first) out += ',';
        first = false;
        out += jsonString(name);
        out += ':';
        if (isNull(value))
            out += "null";
        else if (const auto* s = std::get_if<std::string>(&value))
            out += jsonString(*s);
        else
            out += valueToString(value);
    }
    out += '}';
    return out;
}

const Value& Record::get(std::string_view field) const
{
    auto it = fields.find(field);
    return it == fields.end() ? kNull : it->second;
}

std::string Record::text(std::string_view field) const
{
    return valueToString(get(field));
}

Store::Store(Database& db, DeviceContext& device) : db_(db), device_(device)
{
    addDerived(makeScopeDigestKeeper());
    installCadence(*this, device.clock());
}

namespace {

// A device no longer writes a retired field (schema.h, Field::retired).
Result<void> refuseRetired(const schema::Entity& e, const Fields& changes)
{
    for (const auto& [name, value] : changes) {
        const schema::Field* f = e.field(name);
        if (f && f->retired && !isNull(value))
            return makeError(ErrorCode::ReadOnly, name + " is retired and no longer written", name);
    }
    return {};
}

}  // namespace

Result<Fields> Store::validate(const schema::Entity& e, const Fields& fields, bool creating)
{
    Fields clean;
    if (auto errors = schema::validateRecord(e, fields, creating, &clean); !errors.empty())
        return errors.front();
    for (const auto& [name, value] : clean) {
        const schema::Field* f = e.field(name);
        if (f->type == schema::FieldType::Ref && !isNull(value) &&
            !exists(f->refEntity, std::get<std::string>(value)))
            return makeError(ErrorCode::NotFound,
                             name + ": no " + std::string(f->refEntity) + " with id " + valueToString(value),
                             name);
    }
    return clean;
}

Result<std::string> Store::create(Transaction& tx, std::string_view entityName, const Fields& fields,
                                  std::string id)
{
    const schema::Entity* e = schema::entity(entityName);
    if (!e) return makeError(ErrorCode::UnknownField, "unknown entity " + std::string(entityName));
    auto clean = validate(*e, fields, true);
    if (!clean) return clean.error();
    if (auto broken = schema::checkEntryRules(*e, *clean); !broken.empty()) return broken.front();
    if (auto retired = refuseRetired(*e, *clean); !retired.ok()) return retired.error();
    if (id.empty())
        id = device_.ids().next();
    else if (!isUuid(id))
        return makeError(ErrorCode::BadFormat, "record id must be a UUID", "id");
    if (exists(entityName, id)) return makeError(ErrorCode::Conflict, "a record with this id exists", "id");
    // Drop explicit NULLs: a new record simply lacks them.
    for (auto it = clean->begin(); it != clean->end();)
        it = isNull(it->second) ? clean->erase(it) : std::next(it);

    const std::string hlc = device_.stamp(tx).toString();
    std::string sql = "INSERT INTO " + std::string(e->name) + " (id, _hlc";
    std::string params = "?, ?";
    for (const auto& [name, value] : *clean) {
        sql += ", " + name;
        params += ", ?";
    }
    sql += ") VALUES (" + params + ")";
    Statement& st = db_.cached(sql);
    st.bind(1, id).bind(2, hlc);
    int i = 3;
    for (const auto& [name, value] : *clean)
        st.bind(i++, value);
    st.exec();

    appendOutbox(tx, *e, id, "create", *clean, hlc);
    written(tx, *e, id);
    return id;
}

Result<void> Store::update(Transaction& tx, std::string_view entityName, std::string_view id,
                           const Fields& changes)
{
    const schema::Entity* e = schema::entity(entityName);
    if (!e) return makeError(ErrorCode::UnknownField, "unknown entity " + std::string(entityName));
    if (e->merge != schema::MergePolicy::Lww)
        return makeError(ErrorCode::ReadOnly,
                         std::string(e->name) + " records are never changed; record a correction instead");
    auto current = get(entityName, id);
    if (!current) return current.error();
    auto clean = validate(*e, changes, false);
    if (!clean) return clean.error();
    if (!e->scopeField.empty()) {
        auto it = clean->find(e->scopeField);
        if (it != clean->end() && it->second != current->get(e->scopeField))
            return makeError(ErrorCode::ReadOnly, "a record cannot move to another account",
                             std::string(e->scopeField));
    }
    for (auto it = clean->begin(); it != clean->end();)
        it = sameValue(it->second, current->get(it->first)) ? clean->erase(it) : std::next(it);
    if (clean->empty()) return {};
    if (auto retired = refuseRetired(*e, *clean); !retired.ok()) return retired.error();
    Fields after = current->fields;
    for (const auto& [name, value] : *clean)
        after.insert_or_assign(name, value);
    // A rule the record already broke (written by a version without the rule) does not block
    // a change of other fields; a change that breaks it, or touches its field, is refused.
    const std::vector<Error> brokenBefore = schema::checkEntryRules(*e, current->fields);
    for (const Error& broken : schema::checkEntryRules(*e, after)) {
        const bool already = std::any_of(brokenBefore.begin(), brokenBefore.end(), [&](const Error& b) {
            return b.field == broken.field && b.message == broken.message;
        });
        if (!already || clean->count(broken.field) > 0) return broken;
    }

    const std::string hlc = device_.stamp(tx).toString();
    Fields stamps;
    for (const auto& [name, value] : *clean)
        stamps.emplace(name, hlc);
    std::string sql = "UPDATE " + std::string(e->name) + " SET _clock = json_patch(_clock, ?)";
    for (const auto& [name, value] : *clean)
        sql += ", " + name + " = ?";
    sql += " WHERE id = ?";
    Statement& st = db_.cached(sql);
    st.bind(1, fieldsToJson(stamps));
    int i = 2;
    for (const auto& [name, value] : *clean)
        st.bind(i++, value);
    st.bind(i, id);
    st.exec();

    appendOutbox(tx, *e, std::string(id), "update", *clean, hlc);
    written(tx, *e, std::string(id));
    return {};
}

Result<Record> Store::get(std::string_view entityName, std::string_view id)
{
    const schema::Entity* e = schema::entity(entityName);
    if (!e) return makeError(ErrorCode::UnknownField, "unknown entity " + std::string(entityName));
    std::string sql = "SELECT id";
    for (const schema::Field& f : e->fields)
        sql += ", " + std::string(f.name);
    sql += " FROM " + std::string(e->name) + " WHERE id = ?";
    Statement& st = db_.cached(sql);
    st.bind(1, id);
    if (!st.step()) {
        st.reset();
        return makeError(ErrorCode::NotFound, "no " + std::string(e->name) + " with id " + std::string(id));
    }
    Record r;
    r.id = st.text(0);
    int col = 1;
    for (const schema::Field& f : e->fields) {
        Value v = st.value(col++);
        if (!isNull(v)) r.fields.emplace(std::string(f.name), std::move(v));
    }
    st.reset();
    return r;
}

bool Store::exists(std::string_view entityName, std::string_view id)
{
    if (!schema::entity(entityName)) return false;
    Statement& st = db_.cached("SELECT 1 FROM " + std::string(entityName) + " WHERE id = ?");
    st.bind(1, id);
    const bool found = st.step();
    st.reset();
    return found;
}

void Store::addDerived(std::unique_ptr<DerivedData> derived)
{
    derived_.push_back(std::move(derived));
}

void Store::written(Transaction& tx, const schema::Entity& entity, const std::string& id)
{
    for (const auto& d : derived_)
        d->written(tx, entity, id);
}

void Store::appendOutbox(Transaction& tx, const schema::Entity& e, const std::string& id, const char* op,
                         const Fields& fields, const std::string& hlc)
{
    Statement& seq =
        tx.db().cached("UPDATE device SET next_seq = next_seq + 1 WHERE id = 1 RETURNING next_seq - 1");
    if (!seq.step()) throw StorageError("device row missing", 0);
    const std::int64_t n = seq.int64(0);
    seq.reset();
    tx.db()
        .cached("INSERT INTO outbox (seq, entity, record_id, op, fields, hlc) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, n)
        .bind(2, e.name)
        .bind(3, id)
        .bind(4, op)
        .bind(5, fieldsToJson(fields))
        .bind(6, hlc)
        .exec();
}

std::vector<OutboxEntry> Store::outbox(std::int64_t afterSeq, int limit)
{
    std::vector<OutboxEntry> out;
    Statement& st = db_.cached(
        "SELECT seq, entity, record_id, op, fields, hlc FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?");
    st.bind(1, afterSeq).bind(2, limit);
    while (st.step())
        out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
    st.reset();
    return out;
}

std::int64_t Store::nextSeq()
{
    Statement& st = db_.cached("SELECT next_seq FROM device WHERE id = 1");
    const std::int64_t next = st.step() ? st.int64(0) : 1;
    st.reset();
    return next;
}

std::int64_t Store::outboxCount()
{
    Statement& st = db_.cached("SELECT count(*) FROM outbox");
    st.step();
    const std::int64_t n = st.int64(0);
    st.reset();
    return n;
}

std::vector<std::pair<std::string, std::int64_t>> Store::outboxCountsByEntity()
{
    std::vector<std::pair<std::string, std::int64_t>> out;
    Statement& st = db_.cached("SELECT entity, count(*) FROM outbox GROUP BY entity ORDER BY min(seq)");
    while (st.step())
        out.emplace_back(st.text(0), st.int64(1));
    st.reset();
    return out;
}

}  // namespace fb
