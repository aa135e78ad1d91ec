// See appointmentcontroller.h.
#include "appointmentcontroller.h"

#include <algorithm>

#include <QDateTime>
#include <QLocale>

#include "appcontext.h"
#include "applogging.h"
#include "fieldbook/core/replica.h"
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

}  // namespace

namespace {
constexpr int kLeadChoices[] = {10, 15, 30, 60, 120};
const QString kLeadKey = QStringLiteral("agenda/reminderLeadMinutes");
}  // namespace

AppointmentController::AppointmentController(AppContext& context, const TranslationLoader& translations,
                                             std::unique_ptr<QSettings> settings, QObject* parent)
    : QObject(parent), context_(context), translations_(translations), appointments_(context.store()),
      settings_(std::move(settings))
{
    if (settings_) leadMinutes_ = std::clamp(settings_->value(kLeadKey, 30).toInt(), 5, 24 * 60);
    connect(&context_.changes(), &ChangeNotifier::changed, this,
            [this](ChangeNotifier::Origin, const QStringList& entities, const QStringList& accounts) {
                if (!ChangeNotifier::touches(entities,
                                             {"appointment", "appointment_change", "account", "key_person"}))
                    return;
                emit changed(accounts.size() == 1 ? accounts.front() : QString());
                remindDue();
            });
    // Reminders while the app runs (the phones' platforms will hand them to the OS, so they
    // come with the app closed).
    reminderTimer_.setInterval(60'000);
    connect(&reminderTimer_, &QTimer::timeout, this, &AppointmentController::remindDue);
    reminderTimer_.start();
}

AppointmentController::~AppointmentController() = default;

void AppointmentController::setReminderLeadMinutes(int minutes)
{
    minutes = std::clamp(minutes, 5, 24 * 60);
    if (minutes == leadMinutes_) return;
    leadMinutes_ = minutes;
    if (settings_) settings_->setValue(kLeadKey, minutes);
    emit reminderLeadMinutesChanged();
    remindDue();
}

QVariantList AppointmentController::reminderLeadChoices() const
{
    QVariantList out;
    for (int minutes : kLeadChoices)
        out.append(
            QVariantMap{{QStringLiteral("value"), minutes},
                        {QStringLiteral("label"), minutes < 60 ? tr("%n minute(s) before", "", minutes)
                                                               : tr("%n hour(s) before", "", minutes / 60)}});
    return out;
}

int AppointmentController::remindDue()
{
    int count = 0;
    try {
        const std::string rep = repId();
        if (rep.empty()) return 0;
        const qint64 now = context_.clock().nowMs();
        const qint64 lead = qint64(leadMinutes_) * 60'000;
        const bool chinese = translations_.isChinese();
        for (const fb::Appointment& a : appointments_.between(rep, now, now + lead + 1)) {
            if (a.status != "planned") continue;
            const QString key = qs(a.id) + QLatin1Char('@') + QString::number(a.startsAtMs);
            if (reminded_.contains(key)) continue;
            reminded_.insert(key);
            QStringList body{messages::optionLabel("appointment", "purpose", a.purpose, chinese)};
            if (!a.keyPersonName.empty()) body << qs(a.keyPersonName);
            if (!a.place.empty()) body << qs(a.place);
            emit reminderDue(
                QStringLiteral("appointment:") + qs(a.id),
                tr("%1 at %2")
                    .arg(qs(a.accountName), localOf(a.startsAtMs).value(QStringLiteral("time")).toString()),
                body.join(QStringLiteral(" · ")));
            ++count;
        }
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "checking appointment reminders failed:" << e.what();
    }
    return count;
}

QString AppointmentController::accountOf(const QString& appointmentId)
{
    try {
        const auto a = appointments_.get(appointmentId.toStdString());
        return a ? qs(a->accountId) : QString();
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "reading an appointment failed:" << e.what();
        return {};
    }
}

std::string AppointmentController::repId()
{
    return fb::Replica(context_.store()).setting(fb::sync::key::kUserId);
}

QString AppointmentController::dayTitle(const QString& isoDate) const
{
    const QDate day = QDate::fromString(isoDate, Qt::ISODate);
    if (!day.isValid()) return {};
    const bool chinese = translations_.isChinese();
    const QDate today = formats::localDay(context_.clock(), context_.clock().nowMs());
    const QLocale locale = chinese ? QLocale(QLocale::Chinese, QLocale::China) : QLocale(QLocale::English);
    // This year's days without the year, so the heading fits one line on a phone.
    const QString dateText = day.year() != today.year() ? formats::date(day, today, chinese)
                             : chinese                  ? locale.toString(day, QStringLiteral("M月d日"))
                                                        : locale.toString(day, QStringLiteral("d MMM"));
    const QString full = dateText + QLatin1Char(' ') + locale.dayName(day.dayOfWeek(), QLocale::ShortFormat);
    const QString relative = formats::date(day, today, chinese, true);
    return relative == formats::date(day, today, chinese) ? full : relative + QStringLiteral(" · ") + full;
}

bool AppointmentController::canBook()
{
    try {
        return !repId().empty();
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "reading the signed-in user failed:" << e.what();
        return false;
    }
}

qint64 AppointmentController::instantOf(const QString& isoDate, const QString& time) const
{
    const QDate day = QDate::fromString(isoDate.trimmed(), Qt::ISODate);
    const QTime at = QTime::fromString(time.trimmed(), QStringLiteral("HH:mm"));
    if (!day.isValid() || !at.isValid()) return -1;
    const qint64 wall = QDateTime(day, at, Qt::UTC).toMSecsSinceEpoch();
    // The offset at that instant (where the rep is; a zone with summer time changes it).
    const qint64 offsetMs = qint64(context_.clock().utcOffsetMinutes(wall)) * 60'000;
    return wall - offsetMs;
}

QVariantMap AppointmentController::localOf(qint64 ms) const
{
    const qint64 offsetMs = qint64(context_.clock().utcOffsetMinutes(ms)) * 60'000;
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms + offsetMs, Qt::UTC);
    return {{QStringLiteral("date"), local.date().toString(Qt::ISODate)},
            {QStringLiteral("time"), local.time().toString(QStringLiteral("HH:mm"))}};
}

QString AppointmentController::whenText(qint64 startsAtMs, int minutes) const
{
    const bool chinese = translations_.isChinese();
    const QDate today = formats::localDay(context_.clock(), context_.clock().nowMs());
    const QVariantMap from = localOf(startsAtMs);
    const QVariantMap to = localOf(startsAtMs + qint64(minutes) * 60'000);
    const QString day = formats::date(
        QDate::fromString(from.value(QStringLiteral("date")).toString(), Qt::ISODate), today, chinese, true);
    return day + QLatin1Char(' ') + from.value(QStringLiteral("time")).toString() + QChar(0x2013) +
           to.value(QStringLiteral("time")).toString();
}

QVariantMap AppointmentController::toMap(const fb::Appointment& a, qint64 now)
{
    const bool chinese = translations_.isChinese();
    QStringList clash;
    if (a.status == "planned" && a.startsAtMs >= now) clash = overlaps(a.startsAtMs, a.minutes, qs(a.id));
    return {
        {QStringLiteral("id"), qs(a.id)},
        {QStringLiteral("accountId"), qs(a.accountId)},
        {QStringLiteral("accountName"), qs(a.accountName)},
        {QStringLiteral("personName"), qs(a.keyPersonName)},
        {QStringLiteral("whenText"), whenText(a.startsAtMs, a.minutes)},
        {QStringLiteral("startsAt"), qlonglong(a.startsAtMs)},
        {QStringLiteral("minutes"), a.minutes},
        {QStringLiteral("timeText"), localOf(a.startsAtMs).value(QStringLiteral("time"))},
        {QStringLiteral("purpose"), qs(a.purpose)},
        {QStringLiteral("purposeLabel"), messages::optionLabel("appointment", "purpose", a.purpose, chinese)},
        {QStringLiteral("place"), qs(a.place)},
        {QStringLiteral("notes"), qs(a.notes)},
        {QStringLiteral("status"), qs(a.status)},
        {QStringLiteral("statusLabel"), messages::optionLabel("appointment", "status", a.status, chinese)},
        {QStringLiteral("upcoming"), a.status == "planned" && a.startsAtMs >= now},
        {QStringLiteral("overlaps"), clash}};
}

QVariantList AppointmentController::ofAccount(const QString& accountId)
{
    QVariantList out;
    try {
        const qint64 now = context_.clock().nowMs();
        for (const fb::Appointment& a : appointments_.ofAccount(accountId.toStdString(), now, true))
            out.append(toMap(a, now));
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "reading appointments failed:" << e.what();
    }
    return out;
}

QVariantList AppointmentController::day(const QString& isoDate)
{
    QVariantList out;
    try {
        const QString date =
            isoDate.isEmpty()
                ? formats::localDay(context_.clock(), context_.clock().nowMs()).toString(Qt::ISODate)
                : isoDate;
        const qint64 from = instantOf(date, QStringLiteral("00:00"));
        if (from < 0) return out;
        const qint64 now = context_.clock().nowMs();
        for (const fb::Appointment& a : appointments_.between(repId(), from, from + 24 * 3'600'000LL))
            out.append(toMap(a, now));
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "reading the day's appointments failed:" << e.what();
    }
    return out;
}

QStringList AppointmentController::overlaps(qint64 startsAtMs, int minutes, const QString& exceptId)
{
    QStringList lines;
    if (startsAtMs < 0 || minutes <= 0) return lines;
    try {
        for (const fb::Appointment& a :
             appointments_.overlapping(repId(), startsAtMs, minutes, exceptId.toStdString()))
            lines << whenText(a.startsAtMs, a.minutes) + QLatin1Char(' ') + qs(a.accountName);
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "reading overlapping appointments failed:" << e.what();
    }
    return lines;
}

QVariantMap AppointmentController::result(const fb::Result<void>& done, const QString& accountId)
{
    if (!done) {
        const QString text = messages::errorText(done.error(), "appointment");
        QVariantMap errors;
        if (!done.error().field.empty()) errors.insert(qs(done.error().field), text);
        return {{QStringLiteral("ok"), false},
                {QStringLiteral("message"), text},
                {QStringLiteral("errors"), errors}};
    }
    context_.changes().report(ChangeNotifier::Origin::Local, {QStringLiteral("appointment")}, {accountId});
    return {{QStringLiteral("ok"), true},
            {QStringLiteral("message"), QString()},
            {QStringLiteral("errors"), QVariantMap()}};
}

QVariantMap AppointmentController::reschedule(const QString& id, const QString& isoDate, const QString& time,
                                              int minutes, const QString& reason)
{
    const qint64 at = instantOf(isoDate, time);
    if (at < 0) {
        const QString text = tr("Enter the new day and time");
        return {{QStringLiteral("ok"), false},
                {QStringLiteral("message"), text},
                {QStringLiteral("errors"), QVariantMap{{QStringLiteral("starts_at"), text}}}};
    }
    const std::int64_t now = context_.clock().nowMs();
    return change(id, [&](fb::Transaction& tx) {
        return appointments_.reschedule(tx, id.toStdString(), at, minutes, reason.trimmed().toStdString(),
                                        now);
    });
}

QVariantMap AppointmentController::cancel(const QString& id, const QString& reason)
{
    const std::int64_t now = context_.clock().nowMs();
    return change(id, [&](fb::Transaction& tx) {
        return appointments_.cancel(tx, id.toStdString(), reason.trimmed().toStdString(), now);
    });
}

QVariantMap AppointmentController::change(const QString& id,
                                          const std::function<fb::Result<void>(fb::Transaction&)>& write)
{
    try {
        const auto current = appointments_.get(id.toStdString());
        const QString accountId = current ? qs(current->accountId) : QString();
        return result(fb::inTransaction(context_.database(), write), accountId);
    } catch (const std::exception& e) {
        return result(fb::makeError(fb::ErrorCode::Storage, e.what()), {});
    }
}

QVariantMap AppointmentController::loadRecord(const QString& entity, const QString& id)
{
    if (entity != QLatin1String("appointment")) return {};
    try {
        auto record = context_.store().get("appointment", id.toStdString());
        if (!record) return {};
        return recordvalues::toMap("appointment", *record);
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "reading an appointment failed:" << e.what();
        return {};
    }
}

QVariantMap AppointmentController::newRecord(const QString& entity, const QString& parentId)
{
    if (entity != QLatin1String("appointment")) return {};
    // Tomorrow at 10:00 for an hour, a return visit: the commonest call a rep makes.
    const QDate tomorrow = formats::localDay(context_.clock(), context_.clock().nowMs()).addDays(1);
    return {{QStringLiteral("account_id"), parentId},
            {QStringLiteral("starts_at"), instantOf(tomorrow.toString(Qt::ISODate), QStringLiteral("10:00"))},
            {QStringLiteral("minutes"), 60},
            {QStringLiteral("purpose"), QStringLiteral("return_visit")},
            {QStringLiteral("rep_id"), qs(repId())},
            {QStringLiteral("status"), QStringLiteral("planned")}};
}

QVariantMap AppointmentController::saveRecord(const QString& entity, const QString& id,
                                              const QString& parentId, const QVariantMap& values)
{
    const auto failure = [](const fb::Error& error) {
        const QString text = messages::errorText(error, "appointment");
        QVariantMap errors;
        if (!error.field.empty()) errors.insert(qs(error.field), text);
        return QVariantMap{{QStringLiteral("ok"), false},
                           {QStringLiteral("id"), QString()},
                           {QStringLiteral("errors"), errors},
                           {QStringLiteral("message"), text}};
    };
    // Booked here; a booked one is moved or cancelled (with a reason), not edited.
    if (entity != QLatin1String("appointment") || !id.isEmpty())
        return failure({fb::ErrorCode::ReadOnly, "an appointment is moved or cancelled, not edited", {}});
    QVariantMap given = values;
    given.remove(QStringLiteral("rep_id"));
    given.remove(QStringLiteral("status"));
    given.insert(QStringLiteral("account_id"), parentId);
    recordvalues::Checked input = recordvalues::check("appointment", given, false, true);
    if (!input.errors.isEmpty()) {
        return {{QStringLiteral("ok"), false},
                {QStringLiteral("id"), QString()},
                {QStringLiteral("errors"), input.errors},
                {QStringLiteral("message"), input.errors.first().toString()}};
    }
    fb::Result<std::string> booked = fb::makeError(fb::ErrorCode::Storage, "not written");
    try {
        booked = fb::inTransaction(context_.database(), [&](fb::Transaction& tx) {
            return appointments_.book(tx, repId(), input.fields);
        });
    } catch (const std::exception& e) {
        booked = fb::makeError(fb::ErrorCode::Storage, e.what());
    }
    if (!booked) return failure(booked.error());
    context_.changes().report(ChangeNotifier::Origin::Local, {QStringLiteral("appointment")}, {parentId});
    return {{QStringLiteral("ok"), true},
            {QStringLiteral("id"), qs(*booked)},
            {QStringLiteral("errors"), QVariantMap()},
            {QStringLiteral("message"), QString()}};
}
