// AppointmentController: phone appointments for QML (the `Agenda` singleton) — an account's
// appointments on its page, booking one (a RecordEditor form: this controller is its
// RecordSource for `appointment`), moving and cancelling with a reason, the rep's day, and
// the warning when a time overlaps another appointment of the rep. Times are shown and typed
// in the rep's local time (the clock's offset), stored as instants.
//
// Ownership: created by main() (or a test); borrows the AppContext and the translations.
// UI thread (single-record reads and writes on the writer connection, like the archive's).
#pragma once

#include <functional>
#include <memory>

#include <QObject>
#include <QSet>
#include <QSettings>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>

#include "fieldbook/core/appointments.h"
#include "recordeditor.h"

class AppContext;
class TranslationLoader;

class AppointmentController : public QObject, public RecordSource {
    Q_OBJECT
    Q_INTERFACES(RecordSource)
    // How long before an appointment the rep is reminded, in minutes (kept in the settings).
    Q_PROPERTY(int reminderLeadMinutes READ reminderLeadMinutes WRITE setReminderLeadMinutes NOTIFY
                   reminderLeadMinutesChanged)

public:
    // `settings` keeps the lead time; null: the default (30 minutes), not kept.
    AppointmentController(AppContext& context, const TranslationLoader& translations,
                          std::unique_ptr<QSettings> settings = {}, QObject* parent = nullptr);
    ~AppointmentController() override;

    int reminderLeadMinutes() const { return leadMinutes_; }
    void setReminderLeadMinutes(int minutes);
    // The choices the Me tab offers.
    Q_INVOKABLE QVariantList reminderLeadChoices() const;
    // Reminds of every planned appointment of the rep that starts within the lead time and
    // has not been reminded of at that time (reminderDue); returns how many. Runs every minute
    // while the app runs, and after every change; tests call it with their clock.
    Q_INVOKABLE int remindDue();
    // The account of an appointment (a tapped reminder opens its account page).
    Q_INVOKABLE QString accountOf(const QString& appointmentId);

    // [{id, accountId, accountName, personName, whenText, timeText, startsAt, minutes, purpose,
    //   purposeLabel, place, notes, status, statusLabel, upcoming, overlaps}] — planned from
    // now, soonest first, then the past and cancelled ones, newest first.
    Q_INVOKABLE QVariantList ofAccount(const QString& accountId);
    // The rep's appointments on a day ("YYYY-MM-DD"; "" today), by time.
    Q_INVOKABLE QVariantList day(const QString& isoDate);
    // Whether this phone knows its rep (signed in once): an appointment is booked in their name.
    Q_INVOKABLE bool canBook();
    // A day as a heading: "今天 · 2026年12月3日 周四" / "Today · 3 Dec 2026 Thu".
    Q_INVOKABLE QString dayTitle(const QString& isoDate) const;
    // The instant of a local date ("YYYY-MM-DD") and time ("HH:mm"), or -1 when either is not one.
    Q_INVOKABLE qint64 instantOf(const QString& isoDate, const QString& time) const;
    // The local date and time of an instant: {date: "YYYY-MM-DD", time: "HH:mm"}.
    Q_INVOKABLE QVariantMap localOf(qint64 ms) const;
    // What a time would run into: the rep's planned appointments overlapping it, as lines
    // ("10:00–11:00 宝鼎食府"), without `exceptId`. Empty when it is free.
    Q_INVOKABLE QStringList overlaps(qint64 startsAtMs, int minutes, const QString& exceptId = {});
    // Moves / cancels a planned appointment: {ok, message, errors}.
    Q_INVOKABLE QVariantMap reschedule(const QString& id, const QString& isoDate, const QString& time,
                                       int minutes, const QString& reason);
    Q_INVOKABLE QVariantMap cancel(const QString& id, const QString& reason);

    // RecordSource: the booking form.
    QVariantMap loadRecord(const QString& entity, const QString& id) override;
    QVariantMap newRecord(const QString& entity, const QString& parentId) override;
    QVariantMap saveRecord(const QString& entity, const QString& id, const QString& parentId,
                           const QVariantMap& values) override;

signals:
    // An appointment was booked, moved or cancelled here or by a sync.
    void changed(const QString& accountId);
    void reminderLeadMinutesChanged();
    // Time to remind: `key` is "appointment:<id>" (a tap on it opens the appointment).
    void reminderDue(const QString& key, const QString& title, const QString& body);

private:
    QVariantMap toMap(const fb::Appointment& a, qint64 now);
    QString whenText(qint64 startsAtMs, int minutes) const;
    std::string repId();
    QVariantMap result(const fb::Result<void>& done, const QString& accountId);
    // A move or a cancel: `write` in one transaction, reported as result() says.
    QVariantMap change(const QString& id, const std::function<fb::Result<void>(fb::Transaction&)>& write);

    AppContext& context_;
    const TranslationLoader& translations_;
    fb::Appointments appointments_;
    std::unique_ptr<QSettings> settings_;
    int leadMinutes_ = 30;
    QSet<QString> reminded_;  // "<id>@<starts_at>": a moved appointment is reminded again
    QTimer reminderTimer_;
};
