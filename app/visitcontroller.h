// VisitController: the guided visit for QML (the `Visit` singleton) — starting one from an
// appointment or an account, the stepper's state (which step, each step's state), what each
// step shows (check-in, briefing, checklist, the agreements and referrals made), every
// answer kept as it is typed (a draft on the device, committed when the rep moves on), the
// check-out with its follow-ups, discarding with a reason, and afterwards the account's visit
// timeline and corrections (amendments). The flow itself is core's (fb::Visits): this class
// turns it into texts and lists in the rep's language.
//
// It is the RecordSource of the `visit` form (the conversation and check-out answers) and of
// the `agreement` form, so those pages are RecordEditor forms like every other.
//
// Ownership: created by main() (or a test); borrows the AppContext and the translations.
// UI thread (single-record reads and writes on the writer connection, like the archive's).
#pragma once

#include <QObject>
#include <QVariantList>
#include <QVariantMap>

#include "fieldbook/core/visits.h"
#include "recordeditor.h"

class AppContext;
class TranslationLoader;

class VisitController : public QObject, public RecordSource {
    Q_OBJECT
    Q_INTERFACES(RecordSource)
    // A visit is in progress on this phone.
    Q_PROPERTY(bool active READ active NOTIFY changed)
    // A visit can start here: the phone knows its rep (signed in once) and none is in progress.
    Q_PROPERTY(bool canStart READ canStart NOTIFY changed)
    Q_PROPERTY(QString visitId READ visitId NOTIFY changed)
    Q_PROPERTY(QString accountId READ accountId NOTIFY changed)
    Q_PROPERTY(QString accountName READ accountName NOTIFY changed)
    Q_PROPERTY(QString purpose READ purpose NOTIFY changed)
    Q_PROPERTY(QString purposeLabel READ purposeLabel NOTIFY changed)
    // The step the rep is on ("checkin", "briefing", ... "checkout").
    Q_PROPERTY(QString step READ step NOTIFY changed)
    // [{name, label, state: done|current|skipped|ahead (not reached yet), done (something recorded),
    // optional,
    //   number}] in order.
    Q_PROPERTY(QVariantList steps READ steps NOTIFY changed)
    // The rep's visits left open before today (the morning flag): [{id, accountName, sinceText,
    // here}] — `here`: the one this phone runs.
    Q_PROPERTY(QVariantList leftOpen READ leftOpen NOTIFY changed)

public:
    VisitController(AppContext& context, const TranslationLoader& translations, QObject* parent = nullptr);

    bool active() const { return session_.has_value(); }
    QString visitId() const;
    QString accountId() const { return accountId_; }
    QString accountName() const { return accountName_; }
    QString purpose() const { return purpose_; }
    QString purposeLabel() const;
    QString step() const;
    QVariantList steps();
    QVariantList leftOpen();

    // Asks the window to open the Visit tab ready to check in at this account (a page's
    // "Start visit"; the tab does the check-in).
    Q_INVOKABLE void requestStart(const QString& accountId, const QString& accountName)
    {
        emit startRequested(accountId, accountName);
    }
    bool canStart();
    // Checks in at `accountId` for `purpose` (from `appointmentId`, or ad hoc with ""), at the
    // position `location` ("" without one): {ok, message}.
    Q_INVOKABLE QVariantMap start(const QString& accountId, const QString& purpose,
                                  const QString& appointmentId, const QString& location);
    // Moves to a step, committing what was typed first: {ok, message, errors}. Leaving the
    // briefing marks it read.
    Q_INVOKABLE QVariantMap goTo(const QString& step);
    Q_INVOKABLE QVariantMap next();
    Q_INVOKABLE QVariantMap back();
    // Keeps an answer as it is typed (the conversation and check-out forms call this on every
    // change).
    Q_INVOKABLE void setAnswer(const QString& field, const QVariant& value);

    // {timeText, positionText, distanceText, away, awayText}.
    Q_INVOKABLE QVariantMap checkin();
    // {tier, tierLabel, stageLabel, lastContactText, lastVisit: {whenText, aim, achievedLabel,
    //  conversation, nextNotes, nextGoal} or {}, persons: [{id, name, roleLabel, temperament,
    //  tip, birthdayText}], birthdays: [text], stock that suits the visit: [{name, quantityText}]}.
    Q_INVOKABLE QVariantMap briefing();
    // [{code, label, ticked}].
    Q_INVOKABLE QVariantList checklist();
    Q_INVOKABLE bool tick(const QString& code, bool ticked);
    // The fields of the purpose's form (first-visit form, return-visit form), and the sales form.
    Q_INVOKABLE QStringList conversationFields() const;
    Q_INVOKABLE QStringList saleFields() const;
    // Whether the sales form holds anything (the page opens it then).
    Q_INVOKABLE bool hasSale();
    // The gift step. The stock in the bag that suits this visit (its purpose, the account's
    // tier): [{itemId, name, unit, categoryLabel, quantity, quantityText, unitValueFen, valueText}].
    Q_INVOKABLE QVariantList giftStock();
    // The caps as they stand for giving `valueFen` more to `recipientId` now: [{label, capText,
    // leftText, over}]; empty when the account's tier has none. The per-person cap shows once a
    // recipient is chosen.
    Q_INVOKABLE QVariantList giftLimits(const QString& recipientId, qint64 valueFen);
    // Whether issueGifts would accept these gifts now ({ok, message, errors}), writing nothing:
    // asked before the recipient's signature is stored.
    Q_INVOKABLE QVariantMap checkGifts(const QString& recipientId, const QVariantList& lines);
    // Hands gifts over to a key person: `lines` [{itemId, quantity}], the recipient's signature
    // (an attachment id, or ""): {ok, message, errors}. Refused at the field when the rep does
    // not hold that many or a cap would be passed.
    Q_INVOKABLE QVariantMap issueGifts(const QString& recipientId, const QVariantList& lines,
                                       const QString& signatureId);
    // What was handed over at this visit: [{text}] ("王建国 · 定制礼盒装白酒 ×1 · ¥688.00").
    Q_INVOKABLE QVariantList giftsGiven();
    // [{id, kindLabel, periodText, terms, hasPhoto}] recorded at this visit.
    Q_INVOKABLE QVariantList agreements();
    // Referrals the account made today: [{name, date}].
    Q_INVOKABLE QVariantList referralsToday();
    // What the check-out will create for that interest: ["Phone callback on 5 Mar", ...].
    Q_INVOKABLE QStringList followUpPreview(const QString& interest);
    // Checks out at `location` ("" without one) with the interest and outcome typed on the
    // check-out step: {ok, message, errors, accountId}.
    Q_INVOKABLE QVariantMap finish(const QString& location);
    // Discards an open visit ("": this phone's) with a reason: {ok, message, errors}.
    Q_INVOKABLE QVariantMap discard(const QString& visitId, const QString& reason);

    // The account's visits, newest first: [{id, whenText, purposeLabel, status, statusLabel,
    // aim, achievedLabel, conversation, nextNotes, nextGoal, interestLabel, away, amended,
    // amendments: [text]}].
    Q_INVOKABLE QVariantList timeline(const QString& accountId);
    // The last finished visit's "next time" (goal, then notes) for the account page; "" if none.
    Q_INVOKABLE QString nextTime(const QString& accountId);
    // The fields a finished visit's correction may change: [{field, label, type}].
    Q_INVOKABLE QVariantList amendableFields(const QString& visitId);
    // The value of a field of a visit as corrected so far (for the correction form).
    Q_INVOKABLE QVariant currentValue(const QString& visitId, const QString& field);
    Q_INVOKABLE QVariantMap amend(const QString& visitId, const QString& field, const QVariant& value,
                                  const QString& reason);

    // RecordSource: the visit's answers, a new agreement.
    QVariantMap loadRecord(const QString& entity, const QString& id) override;
    QVariantMap newRecord(const QString& entity, const QString& parentId) override;
    QVariantMap saveRecord(const QString& entity, const QString& id, const QString& parentId,
                           const QVariantMap& values) override;

signals:
    void changed();
    void startRequested(const QString& accountId, const QString& accountName);
    // A visit of this account was started, finished, discarded or corrected.
    void visitsChanged(const QString& accountId);

private:
    void refresh();
    std::string repId();
    QString when(qint64 ms) const;
    QString optionLabel(const char* entity, const char* field, const std::string& value) const;
    QVariantMap failure(const fb::Error& error, const char* entity) const;
    QVariantMap ok() const;
    void reportLocal(const QStringList& entities, const QString& accountId);
    // issueGifts, committed or (a check) rolled back.
    QVariantMap handOver(const QString& recipientId, const QVariantList& lines, const QString& signatureId,
                         bool commit);

    AppContext& context_;
    const TranslationLoader& translations_;
    fb::Visits visits_;
    std::optional<fb::VisitSession> session_;
    QString accountId_;
    QString accountName_;
    QString purpose_;
};
