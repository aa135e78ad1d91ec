// See archivecontroller.h.
#include "archivecontroller.h"

#include <QCoreApplication>
#include <QDateTime>

#include "appcontext.h"
#include "applogging.h"
#include "fieldbook/core/archive.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/search.h"
#include "fieldbook/core/temperament.h"
#include "fieldbook/sync/engine.h"
#include "formats.h"
#include "messages.h"
#include "recordvalues.h"
#include "translationloader.h"

namespace {

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}
std::string ss(const QString& text)
{
    return text.toStdString();
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
                // Visits, appointments and follow-ups change where an account stands in the list.
                if (!ChangeNotifier::touches(entities, {"account", "key_person", "role_change", "referral",
                                                        "visit", "appointment", "task"}))
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

QueryExecutor& ArchiveController::queries() const
{
    return context_.queries();
}

QVariantMap ArchiveController::account(const QString& id)
{
    return guardedRead("account", [&]() -> QVariantMap {
        auto record = context_.archive().account(ss(id));
        if (!record) return {};
        QVariantMap map = recordvalues::toMap("account", *record);
        map.insert(QStringLiteral("keyPersonCount"), qsizetype(context_.archive().keyPersons(ss(id)).size()));
        map.insert(QStringLiteral("ownerName"), ownerName(ss(id)));
        return map;
    });
}

void ArchiveController::noteOpened(const QString& accountId)
{
    // Device-local bookkeeping, not a change of the archive: nothing else re-reads for it.
    auto noted = guarded([&] {
        return fb::inTransaction(context_.database(), [&](fb::Transaction& tx) -> fb::Result<void> {
            fb::noteAccountOpened(tx, ss(accountId), context_.clock().nowMs());
            return {};
        });
    });
    if (!noted) qCWarning(lcApp) << "noting an opened account failed:" << qs(noted.error().message);
}

QVariantList ArchiveController::keyPersons(const QString& accountId)
{
    return guardedRead("key persons", [&] {
        QVariantList list;
        const QDate today = formats::localDay(context_.clock(), context_.clock().nowMs());
        for (const fb::Record& person : context_.archive().keyPersons(ss(accountId))) {
            QVariantMap map = recordvalues::toMap("key_person", person);
            // A birthday within 30 days is marked on the card (a greeting, a gift to plan).
            const QDate next =
                formats::nextBirthday(QDate::fromString(qs(person.text("birthday")), Qt::ISODate), today);
            if (next.isValid() && today.daysTo(next) <= 30)
                map.insert(
                    QStringLiteral("birthdaySoon"),
                    tr("Birthday %1").arg(formats::date(next, today, translations_.isChinese(), true)));
            list.append(map);
        }
        return list;
    });
}

QString ArchiveController::ownerName(const std::string& accountId)
{
    // The server's account owner decides whose account it is; the pull says who (schema 7)
    // and the team list says the name. An account created here while signed in is filed as
    // the user's at once (saveAccount); one the server has not said of yet shows no owner.
    fb::Replica replica(context_.store());
    const std::optional<std::string> owner = replica.accountOwner(accountId);
    if (!owner) return {};
    if (auto member = replica.teamMember(*owner)) return qs(member->name);
    if (*owner == replica.setting(fb::sync::key::kUserId))
        return qs(replica.setting(fb::sync::key::kUserName));
    return tr("Another account manager");
}

QVariantMap ArchiveController::keyPerson(const QString& id)
{
    return guardedRead("key person", [&]() -> QVariantMap {
        auto record = context_.archive().keyPerson(ss(id));
        if (!record) return {};
        QVariantMap map = recordvalues::toMap("key_person", *record);
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
    recordvalues::Checked input = recordvalues::check("account", fields, creating, true);
    if (!input.errors.isEmpty()) return failure(input.errors);

    fb::Archive& archive = context_.archive();
    auto saved = guarded([&] {
        return fb::inTransaction(context_.database(), [&](fb::Transaction& tx) -> fb::Result<std::string> {
            if (creating) {
                auto created = archive.createAccount(tx, input.fields);
                // Whose it is: the signed-in user, as the server will file it when pushed.
                fb::Replica replica(context_.store());
                if (const std::string me = replica.setting(fb::sync::key::kUserId); created && !me.empty())
                    replica.setAccountOwner(tx, *created, me);
                return created;
            }
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
    std::optional<fb::Record> existingPerson;
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
        existingPerson = std::move(*existing);
    }

    QVariantMap given = fields;
    given.remove(QStringLiteral("account_id"));  // the owner is the accountId argument
    // A new person without a named role is one of the account's "others" (domain §1).
    if (creating && given.value(QStringLiteral("role")).toString().isEmpty()) {
        given.insert(QStringLiteral("role"), QString::fromLatin1(fb::kRoleOther));
    }
    const QVariantMap loaded =
        existingPerson ? recordvalues::toMap("key_person", *existingPerson) : QVariantMap{};
    recordvalues::Checked input =
        recordvalues::check("key_person", given, creating, true, existingPerson ? &loaded : nullptr);
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

QVariantMap ArchiveController::loadRecord(const QString& entity, const QString& id)
{
    if (entity == QLatin1String("account")) return account(id);
    if (entity == QLatin1String("key_person")) return keyPerson(id);
    qCWarning(lcApp) << "the archive has no form for" << entity;
    return {};
}

QVariantMap ArchiveController::newRecord(const QString& entity, const QString& parentId)
{
    // A new account is a prospect being acquired; a new person without a named role is one
    // of the account's "others" (domain §1).
    if (entity == QLatin1String("account"))
        return {{QStringLiteral("tier"), QStringLiteral("P")},
                {QStringLiteral("stage"), QStringLiteral("acquisition")}};
    if (entity == QLatin1String("key_person"))
        return {{QStringLiteral("role"), QString::fromLatin1(fb::kRoleOther)},
                {QStringLiteral("account_id"), parentId}};
    // A position change most often names the decision maker, from today; a referral is
    // recorded the day it is heard of.
    if (entity == QLatin1String("role_change"))
        return {{QStringLiteral("account_id"), parentId},
                {QStringLiteral("role"), QStringLiteral("decision_maker")},
                {QStringLiteral("effective_date"), today()}};
    if (entity == QLatin1String("referral"))
        return {{QStringLiteral("referrer_account_id"), parentId},
                {QStringLiteral("referral_date"), today()}};
    return {};
}

QVariantMap ArchiveController::saveRecord(const QString& entity, const QString& id, const QString& parentId,
                                          const QVariantMap& values)
{
    if (entity == QLatin1String("account")) return saveAccount(id, values);
    if (entity == QLatin1String("key_person")) return saveKeyPerson(id, parentId, values);
    const auto text = [&](const char* field) { return values.value(QLatin1String(field)).toString(); };
    // Changes and referrals are recorded once, never edited (append-only).
    if (entity == QLatin1String("role_change") && id.isEmpty()) {
        return changeRole(parentId, text("role"), text("person_id"), text("effective_date"), text("note"));
    }
    if (entity == QLatin1String("referral") && id.isEmpty()) {
        return addReferral(parentId, text("referrer_person_id"), text("referred_account_id"),
                           text("referral_date"), text("note"));
    }
    qCWarning(lcApp) << "the archive cannot save" << entity << id;
    return failure({fb::ErrorCode::UnknownField, "not an archive entity", {}}, ss(entity));
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

const fb::Clock& ArchiveController::clock() const
{
    return context_.clock();
}

qint64 ArchiveController::nowMs() const
{
    return context_.clock().nowMs();
}

QString ArchiveController::lastVisitText(qint64 lastVisitMs) const
{
    if (lastVisitMs <= 0) return tr("Not visited yet");
    const QDate today = formats::localDay(context_.clock(), context_.clock().nowMs());
    const qint64 days = formats::localDay(context_.clock(), lastVisitMs).daysTo(today);
    if (days <= 0) return tr("Visited today");
    return tr("Last visit %n day(s) ago", nullptr, int(days));
}

QString ArchiveController::nextText(qint64 appointmentMs, const QString& taskKind,
                                    const QString& taskDue) const
{
    const fb::Clock& clock = context_.clock();
    const QDate today = formats::localDay(clock, clock.nowMs());
    const bool chinese = translations_.isChinese();
    const QDate appointmentDay = appointmentMs > 0 ? formats::localDay(clock, appointmentMs) : QDate();
    const QDate due = QDate::fromString(taskDue, Qt::ISODate);
    // The earlier of the two; an appointment wins a tie (it has a time).
    if (appointmentDay.isValid() && (!due.isValid() || appointmentDay <= due)) {
        const qint64 offsetMs = qint64(clock.utcOffsetMinutes(appointmentMs)) * 60'000;
        const QString time = QDateTime::fromMSecsSinceEpoch(appointmentMs + offsetMs, Qt::UTC)
                                 .toString(QStringLiteral("HH:mm"));
        return tr("Appointment %1 %2").arg(formats::date(appointmentDay, today, chinese, true), time);
    }
    if (!due.isValid()) return {};
    const QString what = messages::optionLabel("task", "kind", taskKind.toStdString(), chinese);
    if (due < today) return tr("%1, overdue %n day(s)", nullptr, int(due.daysTo(today))).arg(what);
    return tr("%1 %2").arg(what, formats::date(due, today, chinese, true));
}

bool ArchiveController::nextOverdue(qint64 appointmentMs, const QString& taskDue) const
{
    const QDate today = formats::localDay(context_.clock(), context_.clock().nowMs());
    const QDate due = QDate::fromString(taskDue, Qt::ISODate);
    if (!due.isValid() || due >= today) return false;
    return appointmentMs <= 0 || formats::localDay(context_.clock(), appointmentMs) > due;
}

QVariantMap ArchiveController::addReferredProspect(const QString& referrerAccountId,
                                                   const QString& referrerPersonId,
                                                   const QVariantMap& prospect, const QString& date,
                                                   const QString& note)
{
    QVariantMap given = prospect;
    given.insert(QStringLiteral("tier"), QStringLiteral("P"));
    given.insert(QStringLiteral("stage"), QStringLiteral("acquisition"));
    given.insert(QStringLiteral("source"), QStringLiteral("referral"));
    const recordvalues::Checked input = recordvalues::check("account", given, true, true);
    if (!input.errors.isEmpty())
        return {{QStringLiteral("ok"), false},
                {QStringLiteral("id"), QString()},
                {QStringLiteral("errors"), input.errors},
                {QStringLiteral("message"), input.errors.first().toString()}};
    const std::string effective =
        date.trimmed().isEmpty() ? fb::localToday(context_.clock()) : ss(date.trimmed());
    fb::Archive& archive = context_.archive();
    auto saved = guarded([&] {
        return fb::inTransaction(context_.database(), [&](fb::Transaction& tx) -> fb::Result<std::string> {
            auto created = archive.addReferredProspect(tx, ss(referrerAccountId), ss(referrerPersonId),
                                                       input.fields, effective, ss(note.trimmed()));
            // The new account is the user's at once, like one made on the account form.
            fb::Replica replica(context_.store());
            if (const std::string me = replica.setting(fb::sync::key::kUserId); created && !me.empty())
                replica.setAccountOwner(tx, *created, me);
            return created;
        });
    });
    if (!saved)
        return failure(saved.error(), saved.error().field.starts_with("refer") ? "referral" : "account");
    context_.changes().report(ChangeNotifier::Origin::Local, {QStringLiteral("account")}, {qs(*saved)});
    return success(QStringLiteral("referral"), qs(*saved), referrerAccountId);
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
    return recordvalues::check(ss(entity), {{field, value}}, false, false).errors.value(field).toString();
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
