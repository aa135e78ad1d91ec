// TodayController: the Today tab for QML (the `Today` singleton) — the rep's list of what to do
// today and why (core today.h), the header's counts, acting on an item (log a contact, put it
// off, mark it done), the quick contact form with its over-the-limit warning, an account's
// cadence grid and contacts, greetings (the text, the share sheet, the gift to bring), the
// account's lifecycle (its rhythm, the decline warning, the stage the engine suggests, a stage
// change with its reason, an exit with its win-back decision), and the morning notice.
//
// The list is core's TodayEngine: writes made here and by the sync worker mark the accounts
// they touched (the tracker on both stores), and a refresh recomputes only those. The first
// compute runs at construction, before the first frame; every later one (after a write, a
// sync, a new day) runs on the app's reader (QueryExecutor) and the list changes when it is
// done, so a tap never waits for it.
//
// Ownership: created by main() (or a test); borrows the AppContext, the translations and the
// share sheet. UI thread; the engine is used by one thread at a time (the reader's compute,
// or a refresh() here after waiting for it).
#pragma once

#include <memory>

#include <QObject>
#include <QSettings>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>

#include "fieldbook/core/today.h"
#include "queryexecutor.h"

class AppContext;
class TranslationLoader;
namespace fb::platform {
class ContactActions;
}

class TodayController : public QObject {
    Q_OBJECT
    // [{key, kind, accountId, accountName, tier, title, reason, when, overdue, action,
    //   contactKind, canDone, taskId, visitId, personId, occasion}] most urgent first.
    Q_PROPERTY(QVariantList items READ items NOTIFY changed)
    Q_PROPERTY(int overdue READ overdue NOTIFY changed)
    Q_PROPERTY(int due READ due NOTIFY changed)
    Q_PROPERTY(QString dayTitle READ dayTitle NOTIFY changed)

public:
    TodayController(AppContext& context, const TranslationLoader& translations,
                    fb::platform::ContactActions& share, std::unique_ptr<QSettings> settings = {},
                    QObject* parent = nullptr);
    ~TodayController() override;

    // The tracker for another store writing the same file (the sync worker's).
    std::shared_ptr<fb::TodayDirty> dirty() const { return dirty_; }

    QVariantList items() const { return items_; }
    int overdue() const { return overdue_; }
    int due() const { return due_; }
    QString dayTitle() const { return dayTitle_; }

    // Recomputes what changed (and everything on a new day) now, on this thread; emits
    // changed. Writes ask for the same on the reader by themselves.
    Q_INVOKABLE void refresh();
    // The last refresh: how long it took in milliseconds (ms), how many accounts it
    // recomputed (accounts), and whether it ran on the reader (onReader).
    Q_INVOKABLE QVariantMap lastRefresh() const;

    // Puts an item off for `days` (1: until tomorrow): {ok, message}.
    Q_INVOKABLE QVariantMap snooze(const QString& key, int days);
    // Marks an item done: a follow-up closes; a cadence item logs its contact; a birthday or
    // an anniversary logs the greeting. {ok, message}.
    Q_INVOKABLE QVariantMap markDone(const QString& key);

    // The contact kinds of the quick form: [{value, label}].
    Q_INVOKABLE QVariantList contactKinds() const;
    // The rule logging `kind` now would go beyond: "" when none, else the sentence to show.
    Q_INVOKABLE QString capWarning(const QString& accountId, const QString& kind);
    // Logs a contact now: {ok, message, field}.
    Q_INVOKABLE QVariantMap logContact(const QString& accountId, const QString& kind, const QString& personId,
                                       const QString& note, const QString& overCapReason,
                                       const QString& taskId = {}, const QString& occasion = {});
    // The account's latest `limit` contacts, newest first: [{kindLabel, whenText, personName,
    // note, reason}].
    Q_INVOKABLE QVariantList contactsOf(const QString& accountId, int limit = 20);
    // The account's cadence this period: [{activity, label, rule, done, target, met, over, late}].
    Q_INVOKABLE QVariantList cadenceOf(const QString& accountId);

    // Greetings: the people of a holiday item ([{personId, name, title, accountId,
    // accountName, tier, greeted}]), the text for one person, the gift in stock that suits
    // the account, and sending (share sheet, then logged): {ok, message}.
    Q_INVOKABLE QVariantList greetingPeople(const QString& key);
    Q_INVOKABLE QString greetingText(const QString& personId, const QString& occasion);
    Q_INVOKABLE QString giftSuggestion(const QString& accountId);
    Q_INVOKABLE QVariantMap sendGreeting(const QString& personId, const QString& occasion,
                                         const QString& text);
    // What an occasion is called ("中秋节" / "Mid-Autumn Festival"; "Birthday"; "Anniversary").
    Q_INVOKABLE QString occasionName(const QString& occasion) const;

    // The account's lifecycle: {stage, stageLabel, rhythm ("" until it has one), behind,
    // suggestion (a stage or ""), suggestionLabel, why, winBack (the tier's default decision)}.
    Q_INVOKABLE QVariantMap lifecycleOf(const QString& accountId);
    // Moves the account to a stage, with its reason (and for an exit, the reason code and the
    // win-back decision): {ok, message, field}.
    Q_INVOKABLE QVariantMap changeStage(const QString& accountId, const QString& toStage,
                                        const QString& reason, const QString& exitReason,
                                        const QString& winBack, bool suggested);
    // The account's stage changes, newest first: [{when, from, to, reason, exit, winBack, suggested}].
    Q_INVOKABLE QVariantList stageHistory(const QString& accountId, int limit = 20);

signals:
    void changed();
    // Once a day, from 07:00 local, at the first refresh: the count and the first appointment.
    void morningNotice(const QString& title, const QString& body);

private:
    struct Computed {
        fb::TodayList list;
        std::size_t recomputed = 0;
        qint64 ms = 0;
        bool onReader = false;
    };
    static Computed compute(fb::TodayEngine& engine, fb::Database& db, const std::string& rep,
                            const fb::Clock& clock);
    // Recomputes on the reader; a result newer than the list shown is shown.
    void schedule();
    void show(Computed computed);
    void drop(const QString& key);
    std::string repId();
    QVariantMap describe(const fb::TodayItem& item) const;
    QString relativeDay(const QString& isoDate) const;
    // "Usually buys every 10 days" / "Usually in touch every 8 days".
    static QString usualRhythm(std::string_view basis, int days);
    const fb::TodayItem* find(const QString& key) const;
    void maybeNotify();

    AppContext& context_;
    const TranslationLoader& translations_;
    fb::platform::ContactActions& share_;
    std::unique_ptr<QSettings> settings_;
    std::shared_ptr<fb::TodayDirty> dirty_ = std::make_shared<fb::TodayDirty>();
    fb::TodayEngine engine_{dirty_};
    fb::TodayList list_;
    QVariantList items_;
    int overdue_ = 0;
    int due_ = 0;
    QString dayTitle_;
    qint64 lastMs_ = 0;
    std::size_t lastRecomputed_ = 0;
    bool lastOnReader_ = false;
    QueryLane lane_{this};
    quint64 shown_ = 0;  // the lane generation of the list shown
    QTimer pending_;     // coalesces the refreshes the writes of one tap ask for
    QTimer minute_;      // a new day, and the morning notice
};
