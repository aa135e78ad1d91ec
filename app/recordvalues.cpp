// See recordvalues.h.
#include "recordvalues.h"

#include <algorithm>

#include <QJsonDocument>
#include <QJsonObject>

#include "messages.h"

namespace recordvalues {

using fb::schema::FieldType;

namespace {

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}
std::string ss(const QString& text)
{
    return text.toStdString();
}

}  // namespace

bool isDerivedKey(const QString& key)
{
    return key == QLatin1String("id") || key == QLatin1String("keyPersonCount") ||
           key == QLatin1String("accountName") || key == QLatin1String("ownerName");
}

QVariant toVariant(const fb::schema::Field& field, const fb::Value& value)
{
    if (fb::isNull(value)) {
        if (field.type == FieldType::Bool) return false;
        if (field.type == FieldType::Json) return QVariantMap();
        return QString();
    }
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        if (field.type == FieldType::Bool) return *i != 0;
        if (field.type == FieldType::Real) return double(*i);
        return qlonglong(*i);
    }
    if (const auto* d = std::get_if<double>(&value)) return *d;
    const std::string& text = std::get<std::string>(value);
    if (field.type == FieldType::Json) {
        QVariantMap map;
        const QJsonObject object = QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
        for (auto it = object.begin(); it != object.end(); ++it) {
            map.insert(it.key(), it.value().toVariant().toString());
        }
        return map;
    }
    return qs(text);
}

fb::Value fromVariant(const fb::schema::Field& field, const QVariant& input)
{
    if (!input.isValid() || input.isNull()) return {};
    const bool isText = input.typeId() == QMetaType::QString;
    const QString text = isText ? input.toString().trimmed() : QString();
    if (isText && text.isEmpty()) return {};  // an empty form field clears the value

    switch (field.type) {
    case FieldType::Json: {
        if (isText) return ss(text);
        const QVariantMap map = input.toMap();
        if (map.isEmpty()) return {};
        QJsonObject object;
        for (auto it = map.begin(); it != map.end(); ++it) {
            object.insert(it.key(), it.value().toString());
        }
        return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
    }
    case FieldType::Bool:
        if (isText) return ss(text);
        return std::int64_t(input.toBool() ? 1 : 0);
    case FieldType::Integer:
    case FieldType::DateTime: {
        bool ok = false;
        const qlonglong n = isText ? text.toLongLong(&ok) : input.toLongLong(&ok);
        if (ok) return std::int64_t(n);
        return ss(isText ? text : input.toString());
    }
    case FieldType::Real: {
        bool ok = false;
        const double d = isText ? text.toDouble(&ok) : input.toDouble(&ok);
        if (ok) return d;
        return ss(isText ? text : input.toString());
    }
    default:
        return ss(isText ? text : input.toString().trimmed());
    }
}

QVariantMap toMap(std::string_view entity, const fb::Record& record)
{
    QVariantMap map;
    map.insert(QStringLiteral("id"), qs(record.id));
    if (const fb::schema::Entity* e = fb::schema::entity(entity)) {
        for (const fb::schema::Field& field : e->fields) {
            if (field.retired) continue;  // not part of the product any more
            map.insert(qs(field.name), toVariant(field, record.get(field.name)));
        }
    }
    return map;
}

namespace {

fb::Fields fieldsOf(const fb::schema::Entity& e, const QVariantMap& input)
{
    fb::Fields given;
    for (auto it = input.begin(); it != input.end(); ++it) {
        if (isDerivedKey(it.key())) continue;
        const std::string name = ss(it.key());
        const fb::schema::Field* field = e.field(name);
        // Unknown fields are passed through so the registry check reports them.
        given[name] = field ? fromVariant(*field, it.value()) : fb::Value(ss(it.value().toString()));
    }
    return given;
}

}  // namespace

Checked check(std::string_view entity, const QVariantMap& input, bool creating, bool whole,
              const QVariantMap* loaded)
{
    Checked out;
    const fb::schema::Entity* e = fb::schema::entity(entity);
    if (!e) return out;
    std::vector<fb::Error> errors =
        fb::schema::validateRecord(*e, fieldsOf(*e, input), creating, &out.fields);
    if (whole) {
        fb::Fields before;
        std::vector<fb::Error> brokenBefore;
        if (loaded) {
            fb::schema::validateRecord(*e, fieldsOf(*e, *loaded), false, &before);
            brokenBefore = fb::schema::checkEntryRules(*e, before);
        }
        for (fb::Error& broken : fb::schema::checkEntryRules(*e, out.fields)) {
            const bool already =
                std::any_of(brokenBefore.begin(), brokenBefore.end(), [&](const fb::Error& b) {
                    return b.field == broken.field && b.message == broken.message;
                });
            const auto now = out.fields.find(broken.field);
            const auto then = before.find(broken.field);
            const bool untouched = (now == out.fields.end()) == (then == before.end()) &&
                                   (now == out.fields.end() || now->second == then->second);
            if (already && untouched) continue;
            errors.push_back(std::move(broken));
        }
    }
    for (const fb::Error& error : errors) {
        // The owning account of a child record may be passed separately, not as a form field.
        if (error.field == e->scopeField && !input.contains(qs(e->scopeField))) continue;
        const QString key = qs(error.field);
        if (!out.errors.contains(key)) out.errors.insert(key, messages::errorText(error, entity));
    }
    return out;
}

}  // namespace recordvalues
