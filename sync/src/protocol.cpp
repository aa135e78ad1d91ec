// JSON codec of the sync protocol; see protocol.h and docs/sync-protocol.md.
#include "fieldbook/sync/protocol.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <zlib.h>

#include <QJsonArray>
#include <QJsonDocument>

#include "fieldbook/core/id.h"
#include "json_reader.h"

namespace fb::sync {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}
std::string ss(const QString& s)
{
    return s.toStdString();
}

QByteArray toBytes(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Error bad(const std::string& message)
{
    return makeError(ErrorCode::BadFormat, message);
}

Result<QJsonObject> parseObject(const QByteArray& body)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return bad("body is not valid JSON: " + ss(error.errorString()) + " at offset " +
                   std::to_string(error.offset));
    if (!doc.isObject()) return bad("body must be a JSON object");
    return doc.object();
}

// Strict member readers: the message names the member so a client author can fix it.
Result<std::string> str(const QJsonObject& o, const char* key, bool required = true)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) {
        if (required) return bad(std::string("missing member '") + key + "'");
        return std::string();
    }
    if (!v.isString()) return bad(std::string("member '") + key + "' must be a string");
    return ss(v.toString());
}

constexpr double kMaxSafeInteger = 9007199254740991.0;  // 2^53 - 1: exact in a JSON number

Result<std::int64_t> integer(const QJsonValue& v, const std::string& what)
{
    if (!v.isDouble()) return bad(what + " must be a number");
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d || std::fabs(d) > kMaxSafeInteger)
        return bad(what + " must be a whole number");
    return static_cast<std::int64_t>(d);
}

Result<std::int64_t> integer(const QJsonObject& o, const char* key, bool required = true,
                             std::int64_t fallback = 0)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) {
        if (required) return bad(std::string("missing member '") + key + "'");
        return fallback;
    }
    return integer(v, std::string("member '") + key + "'");
}

Result<QJsonObject> object(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isObject()) return bad(std::string("member '") + key + "' must be an object");
    return v.toObject();
}

Result<QJsonArray> array(const QJsonObject& o, const char* key, bool required = true)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() && !required) return QJsonArray();
    if (!v.isArray()) return bad(std::string("member '") + key + "' must be an array");
    return v.toArray();
}

Result<std::vector<std::string>> stringList(const QJsonArray& a, const std::string& what)
{
    std::vector<std::string> out;
    for (const QJsonValue v : a) {
        if (!v.isString()) return bad(what + " must contain strings");
        out.push_back(ss(v.toString()));
    }
    return out;
}

QJsonArray toArray(const std::vector<std::string>& list)
{
    QJsonArray a;
    for (const std::string& s : list)
        a.append(qs(s));
    return a;
}

}  // namespace

// --- values ------------------------------------------------------------------------------

Result<QJsonObject> fieldsToJson(std::string_view entityName, const Fields& fields)
{
    const schema::Entity* e = schema::entity(entityName);
    if (!e) return bad("unknown entity '" + std::string(entityName) + "'");
    QJsonObject o;
    for (const auto& [name, value] : fields) {
        if (!e->field(name)) return bad(std::string(entityName) + " has no field '" + name + "'");
        const QString key = qs(name);
        if (isNull(value))
            o.insert(key, QJsonValue::Null);
        else if (const auto* i = std::get_if<std::int64_t>(&value))
            o.insert(key, static_cast<double>(*i));
        else if (const auto* d = std::get_if<double>(&value))
            o.insert(key, *d);
        else
            o.insert(key, qs(std::get<std::string>(value)));
    }
    return o;
}

Result<Fields> fieldsFromJson(std::string_view entityName, const QJsonObject& object)
{
    const schema::Entity* e = schema::entity(entityName);
    if (!e) return bad("unknown entity '" + std::string(entityName) + "'");
    Fields out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string name = ss(it.key());
        const schema::Field* f = e->field(name);
        if (!f) return bad(std::string(entityName) + " has no field '" + name + "'");
        const QJsonValue v = it.value();
        if (v.isNull()) {
            out.emplace(name, Value{});
            continue;
        }
        using schema::FieldType;
        switch (f->type) {
        case FieldType::Integer:
        case FieldType::DateTime:
        case FieldType::Bool:
        case FieldType::Money: {
            auto n = integer(v, "field '" + name + "'");
            if (!n) return n.error();
            out.emplace(name, Value{*n});
            break;
        }
        case FieldType::Real:
            if (!v.isDouble() || !std::isfinite(v.toDouble()))
                return bad("field '" + name + "' must be a number");
            out.emplace(name, Value{v.toDouble()});
            break;
        default:
            if (!v.isString()) return bad("field '" + name + "' must be a string");
            out.emplace(name, Value{ss(v.toString())});
        }
    }
    return out;
}

QJsonObject clocksToJson(const Clocks& clocks)
{
    QJsonObject o;
    for (const auto& [field, stamp] : clocks)
        o.insert(qs(field), qs(stamp));
    return o;
}

Result<Clocks> clocksFromJson(const QJsonObject& object)
{
    Clocks out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().isString()) return bad("stamp of '" + ss(it.key()) + "' must be a string");
        const std::string stamp = ss(it.value().toString());
        if (!HlcStamp::parse(stamp)) return bad("stamp of '" + ss(it.key()) + "' is not an HLC stamp");
        out.emplace(ss(it.key()), stamp);
    }
    return out;
}

namespace {

// A record in the pull format (entity, id, hlc, fields, clocks).
QJsonObject recordToJson(const PulledRecord& r)
{
    auto fields = fieldsToJson(r.entity, r.fields);
    const WireClocks wire = r.hlc.empty() ? compactClocks(r.fields, r.clocks) : WireClocks{r.hlc, r.clocks};
    QJsonObject o{{"entity", qs(r.entity)},
                  {"id", qs(r.id)},
                  {"hlc", qs(wire.hlc)},
                  {"fields", fields ? *fields : QJsonObject()},
                  {"clocks", clocksToJson(wire.rest)}};
    if (!r.owner.empty()) o.insert("owner", qs(r.owner));
    return o;
}

Result<PulledRecord> recordFromJson(const QJsonObject& o, const std::string& where)
{
    PulledRecord r;
    auto entity = str(o, "entity");
    auto id = str(o, "id");
    auto hlc = str(o, "hlc", false);
    auto fields = object(o, "fields");
    for (const Error* e : {entity ? nullptr : &entity.error(), id ? nullptr : &id.error(),
                           hlc ? nullptr : &hlc.error(), fields ? nullptr : &fields.error()})
        if (e) return bad(where + ": " + e->message);
    if (!hlc->empty() && !HlcStamp::parse(*hlc)) return bad(where + ": hlc is not an HLC stamp");
    auto decoded = fieldsFromJson(*entity, *fields);
    if (!decoded) return bad(where + ": " + decoded.error().message);
    auto clocks = clocksFromJson(o.value("clocks").toObject());
    if (!clocks) return bad(where + ": " + clocks.error().message);
    r.entity = *entity;
    r.id = *id;
    r.hlc = *hlc;
    r.fields = std::move(*decoded);
    r.clocks = std::move(*clocks);
    r.owner = o.value("owner").toString().toStdString();
    for (const auto& [field, value] : r.fields)
        if (r.hlc.empty() && !r.clocks.count(field))
            return bad(where + ": field '" + field + "' has no stamp");
    return r;
}

}  // namespace

Result<void> checkJsonText(const QByteArray& body)
{
    auto hex4 = [&](qsizetype at, unsigned& out) {
        if (at + 4 > body.size()) return false;
        out = 0;
        for (qsizetype i = at; i < at + 4; ++i) {
            const char c = body[i];
            const int digit = c >= '0' && c <= '9'   ? c - '0'
                              : c >= 'a' && c <= 'f' ? c - 'a' + 10
                              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                     : -1;
            if (digit < 0) return false;
            out = out * 16 + static_cast<unsigned>(digit);
        }
        return true;
    };
    bool inString = false;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const auto c = static_cast<unsigned char>(body[i]);
        if (!inString) {
            if (c == '"') inString = true;
            continue;
        }
        if (c == '"') {
            inString = false;
        } else if (c < 0x20) {
            return bad("a string holds the raw control character U+00" +
                       std::string(1, "0123456789abcdef"[c >> 4]) + "0123456789abcdef"[c & 15] +
                       " (escape it)");
        } else if (c == '\\' && i + 1 < body.size()) {
            if (body[i + 1] != 'u') {
                ++i;
                continue;
            }
            unsigned unit = 0;
            if (!hex4(i + 2, unit)) return bad("a \\u escape needs four hex digits");
            i += 5;
            if (unit >= 0xdc00 && unit <= 0xdfff)
                return bad("a string holds a lone low surrogate \\u escape");
            if (unit >= 0xd800 && unit <= 0xdbff) {
                unsigned low = 0;
                if (i + 2 >= body.size() || body[i + 1] != '\\' || body[i + 2] != 'u' || !hex4(i + 3, low) ||
                    low < 0xdc00 || low > 0xdfff)
                    return bad("a string holds a lone high surrogate \\u escape");
                i += 6;
            }
        }
    }
    return {};
}

QByteArray describeSchema()
{
    QJsonArray entities;
    for (const schema::Entity& e : schema::entities()) {
        QJsonArray fields;
        for (const schema::Field& f : e.fields) {
            QJsonObject field{{"name", qs(std::string(f.name))},
                              {"type", schema::fieldTypeName(f.type)},
                              {"required", f.required},
                              {"since", f.since}};
            if (f.type == schema::FieldType::Text || f.type == schema::FieldType::LongText ||
                f.type == schema::FieldType::Json)
                field.insert("max_length", schema::effectiveMaxLength(f));
            if (!f.values.empty()) {
                QJsonArray values;
                for (std::string_view v : f.values)
                    values.append(qs(std::string(v)));
                field.insert("values", values);
            }
            if (f.type == schema::FieldType::Integer || f.type == schema::FieldType::Money) {
                if (f.minValue != INT64_MIN) field.insert("min", static_cast<double>(f.minValue));
                if (f.maxValue != INT64_MAX) field.insert("max", static_cast<double>(f.maxValue));
            }
            if (!f.refEntity.empty()) field.insert("ref", qs(std::string(f.refEntity)));
            if (f.sensitive) field.insert("sensitive", true);
            fields.append(field);
        }
        QJsonObject entity{{"name", qs(std::string(e.name))},
                           {"since", e.since},
                           {"merge", schema::mergePolicyName(e.merge)},
                           {"scope", schema::scopeKindName(e.scope)},
                           {"fields", fields}};
        // Which field ties a record to its account ("id" for an account itself), or to the
        // user who owns it.
        if (e.scope == schema::ScopeKind::AccountRoot)
            entity.insert("account_field", "id");
        else if (e.scope == schema::ScopeKind::AccountChild)
            entity.insert("account_field", qs(std::string(e.scopeField)));
        else if (e.scope == schema::ScopeKind::Owner)
            entity.insert("owner_field", qs(std::string(e.scopeField)));
        if (e.scope == schema::ScopeKind::Global) entity.insert("server_written", true);
        entities.append(entity);
    }
    return toBytes({{"protocol", kProtocolVersion},
                    {"schema", schema::currentVersion()},
                    {"schema_accepted", QJsonArray{schema::currentVersion() - 1, schema::currentVersion()}},
                    {"limits", QJsonObject{{"body_bytes", static_cast<double>(kMaxBodyBytes)},
                                           {"push_changes", kMaxPushChanges},
                                           {"pull_limit", kMaxPullLimit}}},
                    {"entities", entities}});
}

// --- push --------------------------------------------------------------------------------

QByteArray encode(const PushRequest& m)
{
    QJsonArray changes;
    for (const Change& c : m.changes) {
        auto fields = fieldsToJson(c.entity, c.fields);
        changes.append(QJsonObject{{"seq", static_cast<double>(c.seq)},
                                   {"entity", qs(c.entity)},
                                   {"id", qs(c.id)},
                                   {"op", qs(c.op)},
                                   {"fields", fields ? *fields : QJsonObject()},
                                   {"hlc", qs(c.hlc)}});
    }
    QJsonObject o{{"device_id", qs(m.deviceId)}, {"changes", changes}};
    if (!m.cursor.empty()) o.insert("cursor", qs(m.cursor));
    return toBytes(o);
}

Result<PushRequest> decodePushRequest(const QByteArray& body)
{
    auto o = parseObject(body);
    if (!o) return o.error();
    PushRequest m;
    auto device = str(*o, "device_id");
    if (!device) return device.error();
    m.deviceId = *device;
    auto cursor = str(*o, "cursor", false);
    if (!cursor) return cursor.error();
    m.cursor = *cursor;
    auto changes = array(*o, "changes");
    if (!changes) return changes.error();
    if (changes->size() > kMaxPushChanges)
        return makeError(ErrorCode::TooLong,
                         "a push carries at most " + std::to_string(kMaxPushChanges) + " changes");
    int index = 0;
    for (const QJsonValue v : *changes) {
        const std::string where = "changes[" + std::to_string(index++) + "]";
        if (!v.isObject()) return bad(where + " must be an object");
        const QJsonObject c = v.toObject();
        // Without a readable seq the change cannot even be answered: the batch fails. Anything
        // else wrong with it is its own problem (see Change::problem).
        auto seq = integer(c, "seq");
        if (!seq) return bad(where + ": " + seq.error().message);
        Change ch;
        ch.seq = *seq;
        auto note = [&](const std::string& problem) {
            if (ch.problem.empty()) ch.problem = problem;
        };
        auto entity = str(c, "entity");
        auto id = str(c, "id");
        auto op = str(c, "op");
        auto hlc = str(c, "hlc");
        auto fields = object(c, "fields");
        for (const Error* e :
             {entity ? nullptr : &entity.error(), id ? nullptr : &id.error(), op ? nullptr : &op.error(),
              hlc ? nullptr : &hlc.error(), fields ? nullptr : &fields.error()})
            if (e) note(e->message);
        if (entity) ch.entity = *entity;
        if (id) ch.id = *id;
        if (op) ch.op = *op;
        if (hlc) ch.hlc = *hlc;
        if (op && *op != "create" && *op != "update") note("op must be 'create' or 'update'");
        if (hlc && !HlcStamp::parse(*hlc)) note("hlc is not an HLC stamp");
        if (id && !isUuid(*id)) note("id must be a lower-case UUID");
        if (entity && !schema::entity(*entity)) note("unknown entity '" + *entity + "'");
        if (entity && fields && schema::entity(*entity)) {
            auto decoded = fieldsFromJson(*entity, *fields);
            if (decoded)
                ch.fields = std::move(*decoded);
            else
                note(decoded.error().message);
        }
        m.changes.push_back(std::move(ch));
    }
    return m;
}

QByteArray encode(const PushResponse& m)
{
    QJsonArray results;
    for (const ChangeResult& r : m.results) {
        QJsonObject o{{"seq", static_cast<double>(r.seq)}, {"outcome", qs(r.outcome)}};
        if (!r.lost.empty()) o.insert("lost", toArray(r.lost));
        if (!r.clocks.empty()) o.insert("clocks", clocksToJson(r.clocks));
        if (r.clamped) o.insert("clamped", true);
        if (!r.code.empty()) o.insert("code", qs(r.code));
        if (!r.message.empty()) o.insert("message", qs(r.message));
        if (r.revert)
            o.insert("record",
                     r.current ? QJsonValue(recordToJson(*r.current)) : QJsonValue(QJsonValue::Null));
        results.append(o);
    }
    return toBytes({{"last_seq", static_cast<double>(m.lastSeq)},
                    {"results", results},
                    {"server_time_ms", static_cast<double>(m.serverTimeMs)}});
}

Result<PushResponse> decodePushResponse(const QByteArray& body)
{
    auto o = parseObject(body);
    if (!o) return o.error();
    PushResponse m;
    auto last = integer(*o, "last_seq");
    if (!last) return last.error();
    m.lastSeq = *last;
    auto time = integer(*o, "server_time_ms", false);
    if (!time) return time.error();
    m.serverTimeMs = *time;
    auto results = array(*o, "results");
    if (!results) return results.error();
    for (const QJsonValue v : *results) {
        if (!v.isObject()) return bad("results must contain objects");
        const QJsonObject r = v.toObject();
        ChangeResult cr;
        auto seq = integer(r, "seq");
        auto outcome = str(r, "outcome");
        if (!seq) return seq.error();
        if (!outcome) return outcome.error();
        cr.seq = *seq;
        cr.outcome = *outcome;
        auto lost = stringList(r.value("lost").toArray(), "lost");
        if (!lost) return lost.error();
        cr.lost = *lost;
        auto clocks = clocksFromJson(r.value("clocks").toObject());
        if (!clocks) return clocks.error();
        cr.clocks = *clocks;
        cr.clamped = r.value("clamped").toBool();
        cr.code = ss(r.value("code").toString());
        cr.message = ss(r.value("message").toString());
        if (r.contains(QLatin1String("record"))) {
            const QJsonValue record = r.value(QLatin1String("record"));
            if (!record.isNull() && !record.isObject())
                return bad("member 'record' must be an object or null");
            cr.revert = true;
            if (record.isObject()) {
                auto current =
                    recordFromJson(record.toObject(), "record of result " + std::to_string(cr.seq));
                if (!current) return current.error();
                cr.current = std::move(*current);
            }
        }
        m.results.push_back(std::move(cr));
    }
    return m;
}

// --- pull --------------------------------------------------------------------------------

QByteArray encode(const PullRequest& m)
{
    QJsonObject o{{"device_id", qs(m.deviceId)}, {"cursor", qs(m.cursor)}, {"limit", m.limit}};
    if (m.countRemaining) o.insert("count_remaining", true);
    if (m.full) o.insert("full", true);
    return toBytes(o);
}

Result<PullRequest> decodePullRequest(const QByteArray& body)
{
    auto o = parseObject(body);
    if (!o) return o.error();
    PullRequest m;
    auto device = str(*o, "device_id");
    auto cursor = str(*o, "cursor", false);
    auto limit = integer(*o, "limit", false, 500);
    if (!device) return device.error();
    if (!cursor) return cursor.error();
    if (!limit) return limit.error();
    if (*limit < 1) return bad("member 'limit' must be at least 1");
    const QJsonValue count = o->value(QLatin1String("count_remaining"));
    if (!count.isUndefined() && !count.isNull() && !count.isBool())
        return bad("member 'count_remaining' must be true or false");
    m.countRemaining = count.toBool();
    const QJsonValue full = o->value(QLatin1String("full"));
    if (!full.isUndefined() && !full.isNull() && !full.isBool())
        return bad("member 'full' must be true or false");
    m.full = full.toBool();
    m.deviceId = *device;
    m.cursor = *cursor;
    m.limit = static_cast<int>(std::min<std::int64_t>(*limit, kMaxPullLimit));
    return m;
}

QByteArray encode(const PullResponse& m)
{
    QJsonArray records;
    for (const PulledRecord& r : m.records)
        records.append(recordToJson(r));
    QJsonObject o{
        {"records", records}, {"purge", toArray(m.purge)}, {"cursor", qs(m.cursor)}, {"more", m.more}};
    if (m.scope)
        o.insert("scope",
                 QJsonObject{{"count", static_cast<double>(m.scope->count)}, {"hash", qs(m.scope->hash)}});
    if (m.remaining) o.insert("remaining", static_cast<double>(*m.remaining));
    if (m.team) {
        QJsonArray team;
        for (const TeamEntry& t : *m.team)
            team.append(QJsonObject{{"id", qs(t.id)}, {"name", qs(t.name)}, {"role", qs(t.role)}});
        o.insert("team", team);
    }
    return toBytes(o);
}

namespace {

// A scalar member value of a pulled record, kept until the record's entity is known.
struct Scalar {
    json::Kind kind = json::Kind::Null;
    std::string text;
    json::Number number;
};

Result<Scalar> readScalar(json::Reader& r, const std::string& what)
{
    Scalar v;
    v.kind = r.peek();
    switch (v.kind) {
    case json::Kind::Null:
        r.readNull();
        break;
    case json::Kind::String:
        r.readString(v.text);
        break;
    case json::Kind::Number:
        r.readNumber(v.number);
        break;
    case json::Kind::True:
    case json::Kind::False: {
        bool b = false;
        r.readBool(b);
        break;
    }
    case json::Kind::Array:
    case json::Kind::Object:
        r.skipValue();
        break;
    case json::Kind::Invalid:
        r.skipValue();
        return bad(what + " is not valid JSON: " + r.error());
    }
    if (r.failed()) return bad(what + " is not valid JSON: " + r.error());
    return v;
}

// The fields of a pulled record by its entity's declaration (as fieldsFromJson reads them).
Result<Fields> fieldsFromScalars(std::string_view entityName,
                                 std::vector<std::pair<std::string, Scalar>>& raw)
{
    const schema::Entity* e = schema::entity(entityName);
    if (!e) return bad("unknown entity '" + std::string(entityName) + "'");
    Fields out;
    for (auto& [name, v] : raw) {
        const schema::Field* f = e->field(name);
        if (!f) return bad(std::string(entityName) + " has no field '" + name + "'");
        if (v.kind == json::Kind::Null) {
            out.insert_or_assign(std::move(name), Value{});
            continue;
        }
        using schema::FieldType;
        switch (f->type) {
        case FieldType::Integer:
        case FieldType::DateTime:
        case FieldType::Bool:
        case FieldType::Money:
            if (v.kind != json::Kind::Number) return bad("field '" + name + "' must be a number");
            if (!v.number.integral) return bad("field '" + name + "' must be a whole number");
            out.insert_or_assign(std::move(name), Value{v.number.integer});
            break;
        case FieldType::Real:
            if (v.kind != json::Kind::Number || !std::isfinite(v.number.value))
                return bad("field '" + name + "' must be a number");
            out.insert_or_assign(std::move(name), Value{v.number.value});
            break;
        default:
            if (v.kind != json::Kind::String) return bad("field '" + name + "' must be a string");
            out.insert_or_assign(std::move(name), Value{std::move(v.text)});
        }
    }
    return out;
}

// One element of "records"; `where` names it in messages.
Result<PulledRecord> readPulledRecord(json::Reader& r, const std::string& where)
{
    if (r.peek() != json::Kind::Object) {
        r.skipValue();
        return bad(where + " must be an object");
    }
    r.beginObject();
    std::optional<std::string> entity, id, hlc, owner;
    std::optional<std::vector<std::pair<std::string, Scalar>>> fields;
    std::optional<Clocks> clocks;
    const auto string = [&](std::optional<std::string>& out, const char* name,
                            bool nullable) -> Result<void> {
        const json::Kind kind = r.peek();
        if (nullable && kind == json::Kind::Null) {
            r.readNull();
            out.reset();
            return {};
        }
        if (kind != json::Kind::String) return bad(where + ": member '" + name + "' must be a string");
        out.emplace();
        r.readString(*out);
        return {};
    };
    std::string key;
    while (r.nextMember(key)) {
        Result<void> ok;
        if (key == "entity")
            ok = string(entity, "entity", true);
        else if (key == "id")
            ok = string(id, "id", true);
        else if (key == "hlc")
            ok = string(hlc, "hlc", true);
        else if (key == "owner")
            ok = string(owner, "owner", true);
        else if (key == "fields" || key == "clocks") {
            if (r.peek() != json::Kind::Object)
                return bad(where + ": member '" + key + "' must be an object");
            const bool isFields = key == "fields";
            if (isFields)
                fields.emplace();
            else
                clocks.emplace();
            r.beginObject();
            std::string name;
            while (r.nextMember(name)) {
                if (isFields) {
                    auto v = readScalar(r, where);
                    if (!v) return v.error();
                    fields->emplace_back(std::move(name), std::move(*v));
                    continue;
                }
                if (r.peek() != json::Kind::String)
                    return bad(where + ": stamp of '" + name + "' must be a string");
                std::string stamp;
                r.readString(stamp);
                if (!HlcStamp::parse(stamp))
                    return bad(where + ": stamp of '" + name + "' is not an HLC stamp");
                (*clocks)[std::move(name)] = std::move(stamp);
            }
        } else {
            r.skipValue();
        }
        if (!ok) return ok.error();
        if (r.failed()) return bad("body is not valid JSON: " + r.error());
    }
    if (r.failed()) return bad("body is not valid JSON: " + r.error());
    if (!entity) return bad(where + ": missing member 'entity'");
    if (!id) return bad(where + ": missing member 'id'");
    if (!fields) return bad(where + ": member 'fields' must be an object");
    if (!clocks) return bad(where + ": member 'clocks' must be an object");
    auto decoded = fieldsFromScalars(*entity, *fields);
    if (!decoded) return bad(where + ": " + decoded.error().message);
    const std::string shared = hlc.value_or(std::string());
    if (!shared.empty() && !HlcStamp::parse(shared)) return bad(where + ": hlc is not an HLC stamp");
    for (const auto& [field, value] : *decoded)
        if (shared.empty() && !clocks->count(field))
            return bad(where + ": field '" + field + "' has no stamp");
    PulledRecord pr;
    pr.entity = std::move(*entity);
    pr.id = std::move(*id);
    pr.fields = std::move(*decoded);
    pr.clocks = std::move(*clocks);  // as on the wire (expanded by state() where needed)
    pr.hlc = shared;
    pr.owner = owner.value_or(std::string());
    return pr;
}

}  // namespace

// Read with the pull reader (json_reader.h): a page holds up to 2,000 records.
Result<PullResponse> decodePullResponse(const QByteArray& body)
{
    json::Reader r(std::string_view(body.constData(), static_cast<std::size_t>(body.size())));
    const auto invalid = [&] { return bad("body is not valid JSON: " + r.error()); };
    if (r.peek() != json::Kind::Object) {
        r.skipValue();
        if (r.failed()) return invalid();
        return bad("body must be a JSON object");
    }
    r.beginObject();
    PullResponse m;
    bool haveRecords = false, haveCursor = false;
    std::string key;
    while (r.nextMember(key)) {
        if (key == "records") {
            if (r.peek() != json::Kind::Array) return bad("member 'records' must be an array");
            haveRecords = true;
            m.records.clear();
            r.beginArray();
            while (r.nextElement()) {
                auto record = readPulledRecord(r, "records[" + std::to_string(m.records.size()) + "]");
                if (!record) return record.error();
                m.records.push_back(std::move(*record));
            }
        } else if (key == "purge") {
            if (r.peek() != json::Kind::Array) return bad("member 'purge' must be an array");
            m.purge.clear();
            r.beginArray();
            while (r.nextElement()) {
                if (r.peek() != json::Kind::String) return bad("purge must contain strings");
                r.readString(m.purge.emplace_back());
            }
        } else if (key == "cursor") {
            if (r.peek() != json::Kind::String) {
                if (r.peek() == json::Kind::Null) return bad("missing member 'cursor'");
                return bad("member 'cursor' must be a string");
            }
            r.readString(m.cursor);
            haveCursor = true;
        } else if (key == "more") {
            // Anything but true reads as false, as QJsonValue::toBool did.
            m.more = r.peek() == json::Kind::True;
            r.skipValue();
        } else if (key == "remaining") {
            json::Number n;
            if (r.peek() == json::Kind::Null) return bad("missing member 'remaining'");
            if (r.peek() != json::Kind::Number) return bad("member 'remaining' must be a number");
            r.readNumber(n);
            if (!r.failed() && !n.integral) return bad("member 'remaining' must be a whole number");
            m.remaining = n.integer;
        } else if (key == "scope") {
            if (r.peek() != json::Kind::Object) return bad("member 'scope' must be an object");
            std::optional<std::int64_t> count;
            std::optional<std::string> hash;
            r.beginObject();
            std::string member;
            while (r.nextMember(member)) {
                if (member == "count") {
                    json::Number n;
                    if (r.peek() != json::Kind::Number) return bad("member 'count' must be a number");
                    r.readNumber(n);
                    if (!r.failed() && !n.integral) return bad("member 'count' must be a whole number");
                    count = n.integer;
                } else if (member == "hash") {
                    if (r.peek() != json::Kind::String) return bad("member 'hash' must be a string");
                    r.readString(hash.emplace());
                } else {
                    r.skipValue();
                }
            }
            if (r.failed()) return invalid();
            if (!count) return bad("missing member 'count'");
            if (!hash) return bad("missing member 'hash'");
            m.scope = ScopeDigest{*count, *hash};
        } else if (key == "team") {
            if (r.peek() != json::Kind::Array) return bad("member 'team' must be an array");
            auto& team = m.team.emplace();
            r.beginArray();
            while (r.nextElement()) {
                if (r.peek() != json::Kind::Object) return bad("team must contain objects");
                TeamEntry& entry = team.emplace_back();
                r.beginObject();
                std::string member;
                while (r.nextMember(member)) {
                    std::string* target = member == "id"     ? &entry.id
                                          : member == "name" ? &entry.name
                                          : member == "role" ? &entry.role
                                                             : nullptr;
                    if (!target) {
                        r.skipValue();
                        continue;
                    }
                    if (r.peek() != json::Kind::String)
                        return bad("team member '" + member + "' must be a string");
                    r.readString(*target);
                }
                if (r.failed()) return invalid();
                if (entry.id.empty()) return bad("a team member needs an id");
            }
        } else {
            r.skipValue();
        }
        if (r.failed()) return invalid();
    }
    if (!r.end()) return invalid();
    if (!haveRecords) return bad("member 'records' must be an array");
    if (!haveCursor) return bad("missing member 'cursor'");
    return m;
}

// --- sign-in and errors --------------------------------------------------------------------

QByteArray encode(const SignInRequest& m)
{
    return toBytes({{"login", qs(m.login)},
                    {"password", qs(m.password)},
                    {"device_id", qs(m.deviceId)},
                    {"device_name", qs(m.deviceName)}});
}

Result<SignInRequest> decodeSignInRequest(const QByteArray& body)
{
    auto o = parseObject(body);
    if (!o) return o.error();
    auto login = str(*o, "login");
    auto password = str(*o, "password");
    auto device = str(*o, "device_id");
    auto name = str(*o, "device_name", false);
    for (const auto* r : {&login, &password, &device, &name})
        if (!*r) return r->error();
    return SignInRequest{*login, *password, *device, *name};
}

QByteArray encode(const SignInResponse& m)
{
    return toBytes({{"token", qs(m.token)},
                    {"user", QJsonObject{{"id", qs(m.user.id)},
                                         {"login", qs(m.user.login)},
                                         {"display_name", qs(m.user.displayName)},
                                         {"role", qs(m.user.role)},
                                         {"team", qs(m.user.team)}}},
                    {"server_time_ms", static_cast<double>(m.serverTimeMs)},
                    {"last_seq", static_cast<double>(m.lastSeq)},
                    {"token_expires_in_ms", static_cast<double>(m.tokenExpiresInMs)}});
}

QByteArray encode(const RenewResponse& m)
{
    return toBytes({{"token", qs(m.token)},
                    {"token_expires_in_ms", static_cast<double>(m.tokenExpiresInMs)},
                    {"server_time_ms", static_cast<double>(m.serverTimeMs)}});
}

Result<RenewResponse> decodeRenewResponse(const QByteArray& body)
{
    auto o = parseObject(body);
    if (!o) return o.error();
    auto token = str(*o, "token");
    auto expires = integer(*o, "token_expires_in_ms");
    auto time = integer(*o, "server_time_ms", false);
    if (!token) return token.error();
    if (!expires) return expires.error();
    if (!time) return time.error();
    if (token->empty()) return bad("member 'token' is empty");
    return RenewResponse{*token, *expires, *time};
}

Result<SignInResponse> decodeSignInResponse(const QByteArray& body)
{
    auto o = parseObject(body);
    if (!o) return o.error();
    auto token = str(*o, "token");
    auto user = object(*o, "user");
    auto time = integer(*o, "server_time_ms", false);
    auto last = integer(*o, "last_seq", false);
    auto expires = integer(*o, "token_expires_in_ms", false);  // absent: a server without expiry
    if (!token) return token.error();
    if (!user) return user.error();
    if (!time) return time.error();
    if (!last) return last.error();
    if (!expires) return expires.error();
    auto id = str(*user, "id");
    auto login = str(*user, "login");
    auto display = str(*user, "display_name", false);
    auto role = str(*user, "role");
    auto team = str(*user, "team", false);
    for (const auto* r : {&id, &login, &display, &role, &team})
        if (!*r) return r->error();
    return SignInResponse{*token, UserInfo{*id, *login, *display, *role, *team}, *time, *last, *expires};
}

QByteArray encode(const ErrorBody& m)
{
    QJsonObject o{{"error", qs(m.error)}, {"message", qs(m.message)}};
    if (m.expected > 0) o.insert("expected", static_cast<double>(m.expected));
    return toBytes(o);
}

Result<ErrorBody> decodeErrorBody(const QByteArray& body)
{
    auto o = parseObject(body);
    if (!o) return o.error();
    auto error = str(*o, "error");
    if (!error) return error.error();
    auto expected = integer(*o, "expected", false);
    if (!expected) return expected.error();
    return ErrorBody{*error, ss(o->value("message").toString()), *expected};
}

// --- gzip --------------------------------------------------------------------------------

QByteArray gzip(const QByteArray& data, int level)
{
    z_stream zs{};
    // 15 + 16: zlib window with a gzip header and trailer.
    deflateInit2(&zs, std::clamp(level, 1, 9), Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out;
    out.resize(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(data.size()))));
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(static_cast<qsizetype>(zs.total_out));
    deflateEnd(&zs);
    return out;
}

Result<QByteArray> gunzip(const QByteArray& data, qsizetype maxBytes)
{
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) return bad("cannot start decompression");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    zs.avail_in = static_cast<uInt>(data.size());
    QByteArray out;
    char buffer[64 * 1024];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        zs.next_out = reinterpret_cast<Bytef*>(buffer);
        zs.avail_out = sizeof buffer;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&zs);
            return bad("body is not valid gzip");
        }
        out.append(buffer, static_cast<qsizetype>(sizeof buffer - zs.avail_out));
        if (out.size() > maxBytes) {
            inflateEnd(&zs);
            return makeError(ErrorCode::TooLong,
                             "body is larger than " + std::to_string(maxBytes) + " bytes");
        }
        if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
            inflateEnd(&zs);
            return bad("gzip body is truncated");
        }
    }
    inflateEnd(&zs);
    return out;
}

}  // namespace fb::sync
