// ArchiveController: the key-account archive as QML sees it (the `Archive` singleton):
// reads of single records, saves with per-field translated errors, enum options and
// temperament tips. Every method is a quick single-record operation on the writer
// connection, so it runs synchronously on the UI thread; lists go through
// AccountListModel, which queries on a thread of its own.
//
// Saving validates every field first and reports all problems at once ({field: message}),
// then writes in one transaction; when anything is wrong nothing is written (and so
// nothing reaches the outbox). `changed(accountId)` follows every successful write.
//
// Ownership: created by main() (or a test) and borrowed by QML through the singleton
// wrapper in qmlsingletons.h; borrows AppContext and TranslationLoader, which outlive it.
#pragma once

#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QVariantMap>

#include "fieldbook/core/result.h"
#include "fieldbook/core/store.h"
#include "recordeditor.h"

class AppContext;
class QueryExecutor;
class TranslationLoader;

class ArchiveController : public QObject, public RecordSource {
    Q_OBJECT
    Q_INTERFACES(RecordSource)

public:
    ArchiveController(AppContext& context, const TranslationLoader& translations, QObject* parent = nullptr);

    Q_INVOKABLE QVariantMap account(const QString& id);
    // The rep opened the account (its page): search ranks it above equal matches for 30 days.
    Q_INVOKABLE void noteOpened(const QString& accountId);
    Q_INVOKABLE QVariantList keyPersons(const QString& accountId);
    Q_INVOKABLE QVariantMap keyPerson(const QString& id);
    Q_INVOKABLE QVariantList roleHistory(const QString& accountId);
    Q_INVOKABLE QVariantList personRoleHistory(const QString& personId);
    Q_INVOKABLE QVariantList referralsUp(const QString& accountId);
    Q_INVOKABLE QVariantList referralsDown(const QString& accountId);

    // Results: {ok, id, errors: {field: message}, message}.
    Q_INVOKABLE QVariantMap saveAccount(const QString& id, const QVariantMap& fields);
    Q_INVOKABLE QVariantMap saveKeyPerson(const QString& id, const QString& accountId,
                                          const QVariantMap& fields);
    Q_INVOKABLE QVariantMap changeRole(const QString& accountId, const QString& role, const QString& personId,
                                       const QString& date, const QString& note);
    // A new prospect (tier P) referred by this account: {ok, id, errors (at the account's
    // fields, or the referral's), message}.
    Q_INVOKABLE QVariantMap addReferredProspect(const QString& referrerAccountId,
                                                const QString& referrerPersonId, const QVariantMap& prospect,
                                                const QString& date, const QString& note);
    Q_INVOKABLE QVariantMap addReferral(const QString& referrerAccountId, const QString& referrerPersonId,
                                        const QString& referredAccountId, const QString& date,
                                        const QString& note);

    Q_INVOKABLE QVariantList options(const QString& entity, const QString& field) const;
    Q_INVOKABLE QString optionLabel(const QString& entity, const QString& field, const QString& value) const;
    Q_INVOKABLE QVariantList temperaments() const;
    Q_INVOKABLE QVariantMap temperament(const QString& code) const;
    Q_INVOKABLE QStringList industries();
    Q_INVOKABLE QStringList regions();
    Q_INVOKABLE QString today() const;
    // What a form shows for a field, from the registry: {label, required, maxLength, hint,
    // unit, type}, translated.
    Q_INVOKABLE QVariantMap fieldInfo(const QString& entity, const QString& field) const;
    // Core's check of one value as typed, translated ("" when it is fine or empty): the rule a
    // save applies, so a form never checks differently from the store.
    Q_INVOKABLE QString checkField(const QString& entity, const QString& field, const QVariant& value) const;
    // A stored value as the rep reads it, by the field's type (formats::value): dates in full,
    // quantities with their unit, money, enum labels, phones read aloud.
    Q_INVOKABLE QString display(const QString& entity, const QString& field, const QVariant& value) const;
    // A stored phone the way it is read aloud (messages::phoneText), for QML.
    Q_INVOKABLE QString phoneText(const QString& digits) const;

    // RecordSource: the forms of accounts and key persons (RecordEditor).
    QVariantMap loadRecord(const QString& entity, const QString& id) override;
    QVariantMap newRecord(const QString& entity, const QString& parentId) override;
    QVariantMap saveRecord(const QString& entity, const QString& id, const QString& parentId,
                           const QVariantMap& values) override;

    QString databasePath() const;
    // The app's reader, for AccountListModel's queries.
    QueryExecutor& queries() const;
    qint64 nowMs() const;
    // The device's clock (thread-safe: the reader's jobs read it too).
    const fb::Clock& clock() const;
    // An account list row's rhythm, as the rep reads it: "Last visit 7 days ago" / "Not
    // visited yet", and what is next ("Appointment tomorrow 10:00", "Phone callback, overdue
    // 2 days"; "" when nothing is planned).
    QString lastVisitText(qint64 lastVisitMs) const;
    QString nextText(qint64 appointmentMs, const QString& taskKind, const QString& taskDue) const;
    // Whether that next thing is a follow-up already past its day.
    bool nextOverdue(qint64 appointmentMs, const QString& taskDue) const;
    // Number of non-archived accounts (for the Me page).
    int accountCount();
signals:
    // Archive records changed (a save here or a sync; see ChangeNotifier): lists, open pages
    // and counts re-read. `accountId` names the one account concerned, or is empty.
    void changed(const QString& accountId);

private:
    // The name of the user an account is filed under ("" when nobody is signed in).
    QString ownerName(const std::string& accountId);
    QVariantMap success(const QString& entity, const QString& id, const QString& accountId);
    QVariantMap failure(const fb::Error& error, std::string_view entity) const;
    static QVariantMap failure(const QVariantMap& errors);
    // Runs a write; a StorageError or other exception (a bug or a damaged file) becomes a
    // Storage error the rep can read instead of ending the app.
    template <typename Fn> auto guarded(Fn&& fn) -> decltype(fn());

    AppContext& context_;
    const TranslationLoader& translations_;
};
