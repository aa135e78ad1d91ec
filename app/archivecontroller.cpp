// See archivecontroller.h.
#include "archivecontroller.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include "appcontext.h"
#include "applogging.h"
#include "fieldbook/core/archive.h"
#include "fieldbook/core/search.h"
#include "fieldbook/core/temperament.h"
#include "formats.h"
#include "messages.h"
#include "translationloader.h"

namespace {

using fb::schema::FieldType;

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}
std::string ss(const QString& text)
{
    return text.toStdString();
}

// Keys that QML may hand back from account()/keyPerson() maps but that are not fields.
bool isDerivedKey(const QString& key)
{
    return key == QLatin1String("id") || key == QLatin1String("keyPersonCount") ||
           key == QLatin1String("accountName");
}

// Stored value → what QML binds to. NULL becomes an empty string (text fields), false
// (flags) or an empty map (custom fields), so bindings never see undefined.
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

// QML value → value to validate. Text from a form arrives as strings even for numbers;
// a string that does not parse is passed on unchanged so core reports it as BadFormat.
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

QVariantMap rolePeriodToMap(const fb::RolePeriod& period)
{
    return {{QStringLiteral("role"), qs(period.role)},
            {QStringLiteral("personId"), qs(period.personId)},
            {QStringLiteral("personName"), qs(period.personName)},
            {QStringLiteral("from"), qs(period.from)},
            {QStringLiteral("to"), qs(period.to)},
            {QStringLiteral("note"), qs(period.note)}};
}

QVariantMap referralToMap(const fb::ReferralLink& link)
{
    return {{QStringLiteral("referralId"), qs(link.referralId)},
            {QStringLiteral("referrerAccountId"), qs(link.referrerAccountId)},
            {QStringLiteral("referrerAccountName"), qs(link.referrerAccountName)},
            {QStringLiteral("referrerPersonId"), qs(link.referrerPersonId)},
            {QStringLiteral("referrerPersonName"), qs(link.referrerPersonName)},
            {QStringLiteral("referredAccountId"), qs(link.referredAccountId)},
            {QStringLiteral("referredAccountName"), qs(link.referredAccountName)},
            {QStringLiteral("date"), qs(link.date)},
            {QStringLiteral("note"), qs(link.note)},
            {QStringLiteral("depth"), link.depth}};
}

// Reads that hit a damaged database (StorageError) must not throw into QML, which is not
// exception-safe: log it and show nothing.
template <typename Fn> auto guardedRead(const char* what, Fn&& fn) -> decltype(fn())
{
    try {
        return fn();
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "reading" << what << "failed:" << e.what();
        return {};
    }
}

}  // namespace

ArchiveController::ArchiveController(AppContext& context, const TranslationLoader& translations,
                                     QObject* parent)
    : QObject(parent), context_(context), translations_(translations)
{
    // Every change, this controller's saves and a sync's pages alike, re-reads what shows
    // the archive (changed() for QML: lists, open pages, counts).
    connect(&context_.changes(), &ChangeNotifier::changed, this,
            [this](ChangeNotifier::Origin, const QStringList& entities, const QStringList& accounts) {
                if (!ChangeNotifier::touches(entities, {"account", "key_person", "role_change", "referral"}))
                    return;
                emit changed(accounts.size() == 1 ? accounts.front() : QString());
            });
}

template <typename Fn> auto ArchiveController::guarded(Fn&& fn) -> decltype(fn())
{
    try {
        return fn();
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "write failed:" << e.what();
        return fb::makeError(fb::ErrorCode::Storage, e.what());
    }
}

QString ArchiveController::databasePath() const
{
    return context_.databasePath();
}

QVariantMap ArchiveController::recordToMap(std::string_view entity, const fb::Record& record) const
{
    QVariantMap map;
    map.insert(QStringLiteral("id"), qs(record.id));
    if (const fb::schema::Entity* e = fb::schema::entity(entity)) {
        for (const fb::schema::Field& field : e->fields) {
            map.insert(qs(field.name), toVariant(field, record.get(field.name)));
        }
    }
    return map;
}

QVariantMap ArchiveController::account(const QString& id)
{
    return guardedRead("account", [&]() -> QVariantMap {
        auto record = context_.archive().account(ss(id));
        if (!record) return {};
        QVariantMap map = recordToMap("account", *record);
        map.insert(QStringLiteral("keyPersonCount"), qsizetype(context_.archive().keyPersons(ss(id)).size()));
        return map;
    });
}

QVariantList ArchiveController::keyPersons(const QString& accountId)
{
    return guardedRead("key persons", [&] {
        QVariantList list;
        for (const fb::Record& person : context_.archive().keyPersons(ss(accountId))) {
            list.append(recordToMap("key_person", person));
        }
        return list;
    });
}

QVariantMap ArchiveController::keyPerson(const QString& id)
{
    return guardedRead("key person", [&]() -> QVariantMap {
        auto record = context_.archive().keyPerson(ss(id));
        if (!record) return {};
        QVariantMap map = recordToMap("key_person", *record);
        auto owner = context_.archive().account(record->text("account_id"));
        map.insert(QStringLiteral("accountName"), owner ? qs(owner->text("name")) : QString());
        return map;
    });
}

QVariantList ArchiveController::roleHistory(const QString& accountId)
{
    return guardedRead("role history", [&] {
        QVariantList list;
        for (const fb::RolePeriod& period : context_.archive().roleHistory(ss(accountId))) {
            list.append(rolePeriodToMap(period));
        }
        return list;
    });
}

QVariantList ArchiveController::personRoleHistory(const QString& personId)
{
    return guardedRead("role history", [&] {
        QVariantList list;
        for (const fb::RolePeriod& period : context_.archive().roleHistoryOfPerson(ss(personId))) {
            list.append(rolePeriodToMap(period));
        }
        return list;
    });
}

QVariantList ArchiveController::referralsUp(const QString& accountId)
{
    return guardedRead("referrals", [&] {
        QVariantList list;
        for (const fb::ReferralLink& link : context_.archive().referralChainUp(ss(accountId))) {
            list.append(referralToMap(link));
        }
        return list;
    });
}

QVariantList ArchiveController::referralsDown(const QString& accountId)
{
    return guardedRead("referrals", [&] {
        QVariantList list;
        for (const fb::ReferralLink& link : context_.archive().referralsDown(ss(accountId))) {
            list.append(referralToMap(link));
        }
        return list;
    });
}

ArchiveController::Converted ArchiveController::convert(std::string_view entity, const QVariantMap& input,
                                                        bool creating) const
{
    Converted out;
    const fb::schema::Entity* e = fb::schema::entity(entity);
    if (!e) return out;
    fb::Fields given;
    for (auto it = input.begin(); it != input.end(); ++it) {
        if (isDerivedKey(it.key())) continue;
        const std::string name = ss(it.key());
        const fb::schema::Field* field = e->field(name);
        // Unknown fields are passed through so the registry check reports them.
        given[name] = field ? fromVariant(*field, it.value()) : fb::Value(ss(it.value().toString()));
    }
    for (fb::Error& error : fb::schema::validateRecord(*e, given, creating, &out.fields)) {
        // The owning account of a child record is passed separately, not as a form field.
        if (error.field == e->scopeField) continue;
        const QString key = qs(error.field);
        if (!out.errors.contains(key)) out.errors.insert(key, messages::errorText(error, entity));
    }
    return out;
}

QVariantMap ArchiveController::success(const QString& entity, const QString& id, const QString& accountId)
{
    context_.changes().report(ChangeNotifier::Origin::Local, {entity}, {accountId});
    return {{QStringLiteral("ok"), true},
            {QStringLiteral("id"), id},
            {QStringLiteral("errors"), QVariantMap()},
            {QStringLiteral("message"), QString()}};
}

QVariantMap ArchiveController::failure(const QVariantMap& errors)
{
    QString first;
    if (!errors.isEmpty()) first = errors.first().toString();
    return {{QStringLiteral("ok"), false},
            {QStringLiteral("id"), QString()},
            {QStringLiteral("errors"), errors},
            {QStringLiteral("message"), first}};
}

QVariantMap ArchiveController::failure(const fb::Error& error, std::string_view entity) const
{
    if (error.code == fb::ErrorCode::Storage) {
        qCWarning(lcApp) << "storage error:" << qs(error.message);
    } else {
        qCDebug(lcApp) << "refused:" << fb::errorCodeName(error.code) << qs(error.field) << qs(error.message);
    }
    const QString text = messages::errorText(error, entity);
    QVariantMap errors;
    if (!error.field.empty()) errors.insert(qs(error.field), text);
    QVariantMap result = failure(errors);
    result.insert(QStringLiteral("message"), text);
    return result;
}

QVariantMap ArchiveController::saveAccount(const QString& id, const QVariantMap& fields)
{
    const bool creating = id.isEmpty();
    if (!creating && !context_.store().exists("account", ss(id))) {
        return failure({fb::ErrorCode::NotFound, "no such account", {}}, "account");
    }
    Converted input = convert("account", fields, creating);
    if (!input.errors.isEmpty()) return failure(input.errors);

    fb::Archive& archive = context_.archive();
    auto saved = guarded([&] {
        return fb::inTransaction(context_.database(), [&](fb::Transaction& tx) -> fb::Result<std::string> {
            if (creating) return archive.createAccount(tx, input.fields);
            auto updated = archive.updateAccount(tx, ss(id), input.fields);
            if (!updated) return updated.error();
            return ss(id);
        });
    });
    if (!saved) return failure(saved.error(), "account");
    const QString savedId = qs(*saved);
    return success(QStringLiteral("account"), savedId, savedId);
}

QVariantMap ArchiveController::saveKeyPerson(const QString& id, const QString& accountId,
                                             const QVariantMap& fields)
{
    const bool creating = id.isEmpty();
    QString owner = accountId;
    if (creating) {
        if (!context_.store().exists("account", ss(accountId))) {
            return failure({fb::ErrorCode::NotFound, "no such account", "account_id"}, "key_person");
        }
    } else {
        auto existing = guardedRead("key person", [&]() -> std::optional<fb::Record> {
            auto record = context_.archive().keyPerson(ss(id));
            if (!record) return std::nullopt;
            return std::move(record).value();
        });
        if (!existing) {
            return failure({fb::ErrorCode::NotFound, "no such key person", {}}, "key_person");
        }
        owner = qs(existing->text("account_id"));
    }

    QVariantMap given = fields;
    given.remove(QStringLiteral("account_id"));  // the owner is the accountId argument
    // A new person without a named role is one of the account's "others" (domain §1).
    if (creating && given.value(QStringLiteral("role")).toString().isEmpty()) {
        given.insert(QStringLiteral("role"), QString::fromLatin1(fb::kRoleOther));
    }
    Converted input = convert("key_person", given, creating);
    if (!input.errors.isEmpty()) return failure(input.errors);

    fb::Archive& archive = context_.archive();
    auto saved = guarded([&] {
        return fb::inTransaction(context_.database(), [&](fb::Transaction& tx) -> fb::Result<std::string> {
            if (creating) return archive.createKeyPerson(tx, ss(owner), input.fields);
            auto updated = archive.updateKeyPerson(tx, ss(id), input.fields);
            if (!updated) return updated.error();
            return ss(id);
        });
    });
    if (!saved) return failure(saved.error(), "key_person");
    return success(QStringLiteral("key_person"), qs(*saved), owner);
}

QVariantMap ArchiveController::changeRole(const QString& accountId, const QString& role,
                                          const QString& personId, const QString& date, const QString& note)
{
    const std::string today = fb::localToday(context_.clock());
    const std::string effective = date.trimmed().isEmpty() ? today : ss(date.trimmed());
    fb::Archive& archive = context_.archive();
    auto saved = guarded([&] {
        return fb::inTransaction(context_.database(), [&](fb::Transaction& tx) {
            return archive.changeRole(tx, ss(accountId), ss(role), ss(personId), effective,
                                      ss(note.trimmed()));
        });
    });
    if (!saved) return failure(saved.error(), "role_change");
    return success(QStringLiteral("role_change"), qs(*saved), accountId);
}

QVariantMap ArchiveController::addReferral(const QString& referrerAccountId, const QString& referrerPersonId,
                                           const QString& referredAccountId, const QString& date,
                                           const QString& note)
{
    const std::string effective =
        date.trimmed().isEmpty() ? fb::localToday(context_.clock()) : ss(date.trimmed());
    fb::Archive& archive = context_.archive();
    auto saved = guarded([&] {
        return fb::inTransaction(context_.database(), [&](fb::Transaction& tx) {
            return archive.addReferral(tx, ss(referrerAccountId), ss(referrerPersonId), ss(referredAccountId),
                                       effective, ss(note.trimmed()));
        });
    });
    if (!saved) {
        // The generic texts would not tell the rep what is wrong with a referral.
        QString text;
        if (saved.error().code == fb::ErrorCode::Duplicate)
            text = tr("This account already has a referrer recorded");
        else if (saved.error().code == fb::ErrorCode::Conflict)
            text = tr("This referral would make a loop in the referral chain");
        else
            return failure(saved.error(), "referral");
        QVariantMap result = failure(saved.error(), "referral");
        QVariantMap errors = result.value(QStringLiteral("errors")).toMap();
        for (auto it = errors.begin(); it != errors.end(); ++it)
            it.value() = text;
        result.insert(QStringLiteral("errors"), errors);
        result.insert(QStringLiteral("message"), text);
        return result;
    }
    return success(QStringLiteral("referral"), qs(*saved), referredAccountId);
}

QVariantList ArchiveController::options(const QString& entity, const QString& field) const
{
    QVariantList list;
    const fb::schema::Entity* e = fb::schema::entity(ss(entity));
    const fb::schema::Field* f = e ? e->field(ss(field)) : nullptr;
    if (!f) {
        qCWarning(lcApp) << "options() of unknown field" << entity << field;
        return list;
    }
    for (std::string_view value : f->values) {
        list.append(QVariantMap{{QStringLiteral("value"), qs(value)},
                                {QStringLiteral("label"),
                                 messages::optionLabel(e->name, f->name, value, translations_.isChinese())}});
    }
    return list;
}

QString ArchiveController::optionLabel(const QString& entity, const QString& field,
                                       const QString& value) const
{
    if (value.isEmpty()) return {};
    return messages::optionLabel(ss(entity), ss(field), ss(value), translations_.isChinese());
}

QVariantList ArchiveController::temperaments() const
{
    QVariantList list;
    for (const fb::Temperament& t : fb::temperaments())
        list.append(temperament(qs(t.code)));
    return list;
}

QVariantMap ArchiveController::temperament(const QString& code) const
{
    const fb::Temperament* t = fb::temperament(ss(code));
    if (!t) return {};
    const bool zh = translations_.isChinese();
    return {{QStringLiteral("code"), qs(t->code)},
            {QStringLiteral("name"), qs(zh ? t->nameZh : t->nameEn)},
            {QStringLiteral("tip"), qs(zh ? t->tipZh : t->tipEn)}};
}

QStringList ArchiveController::industries()
{
    return guardedRead("industries", [&] {
        QStringList list;
        for (const std::string& value : fb::AccountQuery(context_.database()).industries()) {
            list.append(qs(value));
        }
        return list;
    });
}

QStringList ArchiveController::regions()
{
    return guardedRead("regions", [&] {
        QStringList list;
        for (const std::string& value : fb::AccountQuery(context_.database()).regions()) {
            list.append(qs(value));
        }
        return list;
    });
}

QString ArchiveController::today() const
{
    return qs(fb::localToday(context_.clock()));
}

QVariantMap ArchiveController::fieldInfo(const QString& entity, const QString& field) const
{
    const fb::schema::Entity* e = fb::schema::entity(ss(entity));
    const fb::schema::Field* f = e ? e->field(ss(field)) : nullptr;
    if (!f) {
        qCWarning(lcApp) << "fieldInfo() of unknown field" << entity << field;
        return {};
    }
    return {
        {QStringLiteral("label"), messages::fieldLabel(e->name, f->name)},
        {QStringLiteral("required"), f->required},
        {QStringLiteral("maxLength"), fb::schema::effectiveMaxLength(*f)},
        {QStringLiteral("hint"),
         f->hint.empty() ? QString() : QCoreApplication::translate("Schema", std::string(f->hint).c_str())},
        {QStringLiteral("unit"), messages::unitLabel(e->name, f->name)},
        {QStringLiteral("type"), QString::fromLatin1(fb::schema::fieldTypeName(f->type))}};
}

QString ArchiveController::checkField(const QString& entity, const QString& field,
                                      const QVariant& value) const
{
    if (value.isNull() || value.toString().trimmed().isEmpty()) return {};
    const Converted converted = convert(ss(entity), {{field, value}}, false);
    return converted.errors.value(field).toString();
}

QString ArchiveController::display(const QString& entity, const QString& field, const QVariant& value) const
{
    return formats::value(ss(entity), ss(field), value, translations_.isChinese());
}

QString ArchiveController::phoneText(const QString& digits) const
{
    return messages::phoneText(digits);
}

int ArchiveController::accountCount()
{
    return guardedRead("account count",
                       [&] { return fb::AccountQuery(context_.database()).page({}, 0, 1).total; });
}
