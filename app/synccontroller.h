// SyncController: sync as QML sees it (the `Sync` singleton) — sign-in, "sync now" and
// cancel, automatic sync when the connection returns, retries with backoff, what is waiting
// to be sent, what the server refused and which of the rep's values were overwritten by
// later changes made elsewhere.
//
// Threading: the controller lives on the UI thread and never blocks it. It owns a worker
// QThread on which live, and are created and destroyed: a writer connection of its own to
// the device database, a DeviceContext, a Store (with the search-index hooks, so pulled
// records are searchable), a Replica, the Transport and the fb::sync::SyncEngine. Every
// call to them is posted to that thread; results come back as queued calls and update the
// cached properties here. WAL lets the UI's own writer keep saving while a sync runs; the
// two writers simply serialise on SQLite's write lock.
//
// Scheduling lives here, on the UI thread: a sync starts when the rep asks, when the
// network returns (if auto-sync is on, and only on Wi-Fi if the rep said so), at start if
// signed in, and after a retryable failure when the engine's Backoff says (a single-shot
// QTimer, re-armed after every failure). Only one sync or sign-in runs at a time. A running
// sync is cancelled through its fb::sync::SyncCancel, the one object both threads touch
// (it is thread-safe); a cancelled sync arms no retry.
//
// Ownership: created by main() (or a test); borrows the ChangeNotifier, the
// TranslationLoader, the NetworkMonitor and the clock, which all outlive it. Destroying it
// cancels a running sync and waits for the worker to stop (a sign-in in flight is bounded
// by the transport's timeout).
#pragma once

#include <functional>
#include <memory>

#include <QObject>
#include <QSettings>
#include <QThread>
#include <QTimer>
#include <QVariant>
#include <QVariantList>
#include <QVariantMap>

#include "changenotifier.h"
#include "fieldbook/core/clock.h"
#include "fieldbook/sync/backoff.h"
#include "fieldbook/sync/transport.h"

class TranslationLoader;
namespace fb {
class Store;
}
namespace fb::platform {
class BackgroundSync;
class NetworkMonitor;
class SecureStorage;
}  // namespace fb::platform
namespace fb::sync {
class SyncCancel;
}  // namespace fb::sync

class SyncController : public QObject {
    Q_OBJECT
    Q_PROPERTY(bool signedIn READ signedIn NOTIFY stateChanged)
    Q_PROPERTY(bool signingIn READ signingIn NOTIFY busyChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY stateChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY stateChanged)
    Q_PROPERTY(QString userLogin READ userLogin NOTIFY stateChanged)
    Q_PROPERTY(QString userRole READ userRole NOTIFY stateChanged)
    Q_PROPERTY(QString userTeam READ userTeam NOTIFY stateChanged)
    Q_PROPERTY(bool syncing READ syncing NOTIFY busyChanged)
    Q_PROPERTY(bool cancelling READ cancelling NOTIFY busyChanged)
    // "push", "pull", or "upload" (the bytes of photos: progress in bytes, not items).
    Q_PROPERTY(QString phase READ phase NOTIFY progressChanged)
    // Photos taken here whose pictures the server has not received whole yet (sent after the
    // records, resumed where a cut connection left off).
    Q_PROPERTY(int photosWaiting READ photosWaiting NOTIFY stateChanged)
    Q_PROPERTY(qint64 photoBytesWaiting READ photoBytesWaiting NOTIFY stateChanged)
    Q_PROPERTY(qint64 progressItems READ progressItems NOTIFY progressChanged)
    Q_PROPERTY(qint64 progressTotal READ progressTotal NOTIFY progressChanged)
    Q_PROPERTY(qint64 progressBytes READ progressBytes NOTIFY progressChanged)
    Q_PROPERTY(qint64 lastSyncMs READ lastSyncMs NOTIFY stateChanged)
    Q_PROPERTY(QString lastSyncText READ lastSyncText NOTIFY textsChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY textsChanged)
    // The phone has a network but the last exchange found no server (so "online" alone
    // would contradict the error shown beside it).
    Q_PROPERTY(bool serverUnreachable READ serverUnreachable NOTIFY textsChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY textsChanged)
    Q_PROPERTY(QString retryText READ retryText NOTIFY textsChanged)
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY pendingChanged)
    Q_PROPERTY(QVariantList pendingByKind READ pendingByKind NOTIFY textsChanged)
    Q_PROPERTY(QVariantList rejected READ rejected NOTIFY textsChanged)
    Q_PROPERTY(QVariantList overridden READ overridden NOTIFY textsChanged)
    Q_PROPERTY(bool autoSync READ autoSync WRITE setAutoSync NOTIFY preferencesChanged)
    Q_PROPERTY(bool wifiOnly READ wifiOnly WRITE setWifiOnly NOTIFY preferencesChanged)
    Q_PROPERTY(bool online READ online NOTIFY onlineChanged)
    Q_PROPERTY(bool ready READ ready NOTIFY readyChanged)
    // The sync state in one line for the strip every page shows (SyncStatusBar.qml):
    // `statusKind` is one of syncing, signedOut, offline, unreachable, error, rejected,
    // pending, synced, never — in that order of precedence (what stops the sync first; then
    // refused changes, which stay until the rep dismisses them); `statusLine` says it in the
    // rep's language with the waiting count and the last sync.
    Q_PROPERTY(QString statusKind READ statusKind NOTIFY statusChanged)
    Q_PROPERTY(QString statusLine READ statusLine NOTIFY statusChanged)

public:
    // Makes the transport for a server base URL; called on the worker thread.
    using TransportFactory = std::function<std::unique_ptr<fb::sync::Transport>(const QUrl& baseUrl)>;

    struct Dependencies {
        QString databasePath;               // the device database (already migrated)
        const fb::Clock* clock = nullptr;   // read from both threads: must be stateless or idle
        ChangeNotifier* changes = nullptr;  // local saves in; what a sync applied out
        const TranslationLoader* translations = nullptr;
        fb::platform::NetworkMonitor* network = nullptr;
        fb::platform::BackgroundSync* background = nullptr;  // wakes an auto-sync now and then
        fb::platform::SecureStorage* secrets = nullptr;      // the token's place; null: a file
                                                             // beside the database
        QString deviceName;                                  // sent at sign-in ("Pixel 7")
        TransportFactory transport;                          // empty: fb::sync::HttpTransport
        fb::sync::Backoff::RandomSource random;              // empty: fb::sync::systemRandom()
        // The app's own derived data, added to the worker's store as to the UI's (Today's
        // tracker): called on the worker thread once its store exists.
        std::function<void(fb::Store&)> installDerived;
    };
    // `settings` keeps the auto-sync and Wi-Fi-only preferences. Starts the worker, which
    // opens its connection and reports the stored state (signedIn etc.) shortly after.
    SyncController(Dependencies dependencies, std::unique_ptr<QSettings> settings, QObject* parent = nullptr);
    ~SyncController() override;
    SyncController(const SyncController&) = delete;
    SyncController& operator=(const SyncController&) = delete;

    bool signedIn() const { return state_.signedIn; }
    bool signingIn() const { return signingIn_; }
    QString serverUrl() const { return state_.serverUrl; }
    QString userName() const { return state_.userName; }
    QString userLogin() const { return state_.userLogin; }
    QString userRole() const { return state_.userRole; }
    QString userTeam() const { return state_.userTeam; }
    bool syncing() const { return syncing_; }
    // True from cancelSync() until the cancelled sync has stopped.
    bool cancelling() const { return cancelling_; }
    QString phase() const { return phase_; }
    int photosWaiting() const { return state_.photosWaiting; }
    qint64 photoBytesWaiting() const { return state_.photoBytesWaiting; }
    qint64 progressItems() const { return progressItems_; }
    qint64 progressTotal() const { return progressTotal_; }
    qint64 progressBytes() const { return progressBytes_; }
    qint64 lastSyncMs() const { return state_.lastSyncMs; }
    QString lastSyncText() const;
    // Why the last sync or sign-in failed, translated; empty when it did not fail.
    QString lastError() const;
    bool serverUnreachable() const { return error_.code == QLatin1String("network"); }
    // A neutral word about the last sync that is not a failure (it was cancelled).
    QString notice() const;
    QString retryText() const;
    int pendingCount() const { return state_.pendingCount; }
    QVariantList pendingByKind() const;
    QString statusKind() const;
    QString statusLine() const;
    // [{seq, what, reason, detail, when}] of the changes the server refused.
    QVariantList rejected() const;
    // [{seq, what, when, text, changes: [{field, label, yours, now, arrived, text}]}] of the
    // changes whose fields (some of them) lost to later changes made elsewhere: `yours` is
    // the value the rep entered, `now` the value kept on this phone, `text` says it all in
    // a sentence per field; `arrived` is false while the winning value has not been pulled.
    QVariantList overridden() const;
    bool autoSync() const { return autoSync_; }
    void setAutoSync(bool on);
    bool wifiOnly() const { return wifiOnly_; }
    void setWifiOnly(bool on);
    bool online() const;
    // True while a retry is armed (tests and the retry line of the page).
    bool retryScheduled() const { return retryTimer_.isActive(); }
    int retryDelayMs() const { return retryTimer_.isActive() ? retryTimer_.interval() : 0; }
    // True once the worker has reported the stored state for the first time.
    bool ready() const { return ready_; }

    // Checks the fields, then signs in on the worker. Returns at once:
    // {ok: false, message, errors: {url|login|password: message}} when a field is wrong,
    // {ok: true} when the request went out; signInFinished() brings the server's answer.
    Q_INVOKABLE QVariantMap signIn(const QString& url, const QString& login, const QString& password);
    // Starts a sync unless one is running or the device is not signed in. Returns whether
    // one was started.
    Q_INVOKABLE bool syncNow();
    // Stops the running sync: before its next exchange, and the request in flight is
    // aborted. Nothing is lost (what was not sent waits in the outbox). syncFinished(false)
    // follows with notice() saying so; no retry is armed. Does nothing when no sync runs.
    Q_INVOKABLE void cancelSync();
    // Fetches the picture of an attachment another device made (opened on this one) into the
    // local cache, on the worker (after a sync under way). Answers with attachmentFetched.
    void fetchAttachment(const QString& digest);
    // Signs out and removes this user's data from the device. Refused ({ok: false,
    // message}) while changes wait to be sent, unless `force`.
    Q_INVOKABLE QVariantMap signOut(bool force = false);
    // Removes one entry from the rejected list (the rep has read it).
    Q_INVOKABLE void dismissRejected(qint64 seq);
    // Removes one entry from the overridden list (the rep has read it).
    Q_INVOKABLE void dismissOverridden(qint64 seq);

public slots:
    // Re-reads the outbox and the rejected list (after a local write).
    void refreshPending();
    // Re-emits the texts after a language switch (they are made in C++).
    void retranslate();

signals:
    void stateChanged();
    void busyChanged();
    void progressChanged();
    void textsChanged();
    void pendingChanged();
    void preferencesChanged();
    void onlineChanged();
    void statusChanged();  // with any of the signals above that can change statusLine
    // The answer to signIn(): {ok, message, errors: {field: message}}.
    void signInFinished(const QVariantMap& result);
    // A sync ended (ok or not); lastError says why not.
    void syncFinished(bool ok);
    // `reason`: "" when fetched, else why not ("network", "not_uploaded", "not_found",
    // "unauthenticated", ...).
    void attachmentFetched(const QString& digest, const QString& reason);
    // A sync the rep did not start (automatic, a retry) ended with something only the rep can
    // settle: signed out, the device removed, changes the server refused. main() hands it to
    // the notifications; attentionResolved() once a later sync went through.
    void attentionNeeded(const QString& title, const QString& body);
    void attentionResolved();
    // The worker reported the stored state for the first time.
    void readyChanged();

private:
    struct Worker;
    // What the worker knows about the device database, copied to the UI thread.
    struct RejectedItem {
        qint64 seq = 0;
        QString entity;
        QString op;
        QString name;
        QString code;
        QString message;
        qint64 atMs = 0;
        QVariantMap entered;  // what the rep entered, by field (values as QML shows them)
    };
    struct OverriddenField {
        QString field;
        QVariant yours;        // what the rep entered (null when the rep cleared the field)
        QVariant now;          // what the record holds on this phone now
        bool exists = false;   // the record is still on this phone
        bool arrived = false;  // the winning value (or a later one) is in the local record
        qint64 winnerMs = 0;   // when the winning change was made (0: unknown)
    };
    struct OverriddenItem {
        qint64 seq = 0;
        QString entity;
        QString name;         // the record's name on this phone, if any
        QString accountName;  // for a key person: the name of their account
        qint64 atMs = 0;
        QList<OverriddenField> fields;
    };
    struct State {
        bool signedIn = false;
        QString serverUrl;
        QString userName;
        QString userLogin;
        QString userRole;
        QString userTeam;
        qint64 lastSyncMs = 0;
        QString lastErrorCode;  // the engine's record of the last failure, if any
        QString lastErrorMessage;
        int pendingCount = 0;
        QList<QPair<QString, int>> pendingByEntity;
        int photosWaiting = 0;
        qint64 photoBytesWaiting = 0;
        QList<RejectedItem> rejected;
        QList<OverriddenItem> overridden;
    };
    // An error to show: a code the UI translates (see errorText) and the engine's detail.
    struct ErrorState {
        QString code;
        QString detail;
    };

    template <typename Fn> void post(Fn&& fn);
    void applyState(const State& state);
    void onSyncDone(const State& state, int status, const QString& errorCode, const QString& errorMessage,
                    qint64 retryAfterMs, bool remoteChanges);
    void setBusy(bool syncing, bool signingIn);
    void setError(const QString& code, const QString& detail);
    bool startSync(bool byRep);
    void raiseAttention(int status, qsizetype newlyRejected);  // status: fb::sync::SyncStatus
    void dismiss(qint64 seq);
    void maybeAutoSync();
    bool autoSyncAllowed() const;
    bool networkAllows() const;  // online, and on Wi-Fi if the rep asked for Wi-Fi only
    void notifyRemoteChanges();  // reports what a sync applied (ChangeNotifier, origin Sync)
    QString errorText(const ErrorState& error) const;
    // What the sign-in card says for SignInError::reason (`server` is the address tried).
    QString signInErrorText(const QString& reason, const QString& server) const;
    QString formatWhen(qint64 ms) const;
    QString kindLabel(const QString& entity) const;
    // One record of a kind: "Account", "Key person".
    QString recordKindLabel(const QString& entity) const;
    // A field value as the rep reads it (option labels, phones grouped, "(empty)").
    QString displayValue(const QString& entity, const QString& field, const QVariant& value) const;

    Dependencies deps_;
    std::unique_ptr<QSettings> settings_;
    QThread thread_;
    QObject* workerContext_ = nullptr;  // lives on thread_; deleted after it stops
    Worker* worker_ = nullptr;          // lives on thread_; deleted there
    QTimer retryTimer_;
    QTimer retryTick_;  // refreshes the countdown text once a second while a retry is armed

    State state_;
    ErrorState error_;
    bool ready_ = false;
    bool syncing_ = false;
    bool syncByRep_ = false;  // the running sync was started by the rep (syncNow from the UI)
    bool attentionRaised_ = false;
    bool signingIn_ = false;
    bool cancelling_ = false;
    std::shared_ptr<fb::sync::SyncCancel> cancel_;  // the running sync's; shared with the worker
    bool autoSync_ = true;
    bool wifiOnly_ = false;
    bool lastOnline_ = true;
    QString phase_;
    qint64 progressItems_ = 0;
    qint64 progressTotal_ = 0;
    qint64 progressBytes_ = 0;
};
