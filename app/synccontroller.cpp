// See synccontroller.h. The Worker below is everything that touches the database or the
// network; it is created, used and destroyed on the worker thread only. The controller's
// members are touched on the UI thread only. The two talk by posting lambdas: post() runs
// one on the worker thread; the worker answers with QMetaObject::invokeMethod(this, ...),
// which runs on the UI thread (the controller outlives the worker: see the destructor).
#include "synccontroller.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QStringList>
#include <QUrl>

#include "applogging.h"
#include "fieldbook/core/blobs.h"
#include "fieldbook/core/device.h"
#include "fieldbook/core/migrations.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/search.h"
#include "fieldbook/core/store.h"
#include "fieldbook/platform/backgroundsync.h"
#include "fieldbook/platform/networkmonitor.h"
#include "fieldbook/platform/securestorage.h"
#include "fieldbook/sync/engine.h"
#include "fieldbook/sync/http_transport.h"
#include "formats.h"
#include "messages.h"
#include "translationloader.h"

namespace {

// sync_state key of the server's base URL; the engine keeps the others (fb::sync::key).
constexpr const char* kServerUrlKey = fb::sync::key::kServerUrl;
const QString kAutoSyncKey = QStringLiteral("sync/autoSync");
// How often the background schedule wakes an auto-sync (the OS may stretch it on a phone).
constexpr std::chrono::minutes kBackgroundSyncInterval{30};
const QString kWifiOnlyKey = QStringLiteral("sync/wifiOnly");
// A full-jitter backoff may draw almost nothing; never hammer a struggling server faster.
constexpr int kMinimumRetryMs = 250;

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

// A stored value for the UI thread (null stays null).
QVariant toVariant(const fb::Value& value)
{
    if (const auto* i = std::get_if<std::int64_t>(&value)) return QVariant::fromValue<qlonglong>(*i);
    if (const auto* d = std::get_if<double>(&value)) return *d;
    if (const auto* t = std::get_if<std::string>(&value)) return qs(*t);
    return {};
}

// "https://host[:port]" with nothing else, or an empty string when `text` is not that.
QString normalisedServerUrl(const QString& text)
{
    const QString trimmed = text.trimmed();
    const QUrl url(trimmed, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) return {};
    if (!trimmed.startsWith(scheme + QStringLiteral("://"), Qt::CaseInsensitive)) return {};
    if (url.host().isEmpty() || !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()) return {};
    if (!url.path().isEmpty() && url.path() != QLatin1String("/")) return {};
    QString result = scheme + QStringLiteral("://") + url.host(QUrl::FullyEncoded);
    if (url.port() > 0) result += QLatin1Char(':') + QString::number(url.port());
    return result;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// The worker: lives on the worker thread.

struct SyncController::Worker {
    Worker(QString path, const fb::Clock& clock, TransportFactory factory,
           fb::sync::Backoff::RandomSource random, fb::platform::SecureStorage* secrets,
           std::function<void(fb::Store&)> installDerived)
        : path_(std::move(path)), clock_(clock), factory_(std::move(factory)), backoff_(std::move(random)),
          secrets_(secrets), installDerived_(std::move(installDerived))
    {}

    // Opens the worker's own writer connection. False (with a logged reason) if the
    // database cannot be opened; every later call then reports a storage error.
    bool open()
    {
        auto db = fb::openDeviceDatabase(path_.toStdString());
        if (!db) {
            qCCritical(lcApp) << "sync: cannot open" << path_ << qs(db.error().message);
            return false;
        }
        db_ = std::move(db).value();
        // This background connection copies the WAL back for the whole app: the UI's saves
        // never do it inside a rep's tap.
        db_->claimCheckpoints(1000);
        device_ = std::make_unique<fb::DeviceContext>(*db_, clock_);
        store_ = std::make_unique<fb::Store>(*db_, *device_);
        fb::installSearchIndex(*store_);
        if (installDerived_) installDerived_(*store_);
        replica_ = std::make_unique<fb::Replica>(*store_);
        // Pictures no row names (a database restored from an older copy): kept as waiting for
        // upload, which the next sync sorts out. Here, off the UI thread.
        if (const int adopted = fb::blobs::adoptOrphans(*db_, clock_.nowMs()); adopted > 0)
            qCInfo(lcApp) << "sync:" << adopted << "picture files without a row were kept for the next sync";
        // Asked here, on the worker thread: a keyring is a D-Bus round trip away. Read once and
        // kept: readState() runs after every save, and every write goes through this object.
        tokenStore_ =
            std::make_unique<fb::CachedSecretStore>(secrets_ ? secrets_->tokenStore(path_.toStdString())
                                                             : fb::tokenFileStoreFor(path_.toStdString()));
        qCInfo(lcApp) << "sync: the sign-in is kept in" << qs(tokenStore_->where());
        return true;
    }
    bool isOpen() const { return replica_ != nullptr; }

    // A transport and engine for `url` (kept while the URL stays the same, so the
    // connection is reused).
    fb::sync::SyncEngine& engineFor(const QString& url)
    {
        if (!engine_ || url != engineUrl_) {
            engine_.reset();
            transport_ =
                factory_ ? factory_(QUrl(url)) : std::make_unique<fb::sync::HttpTransport>(QUrl(url));
            fb::sync::SyncEngine::Options options;
            options.tokenStore = tokenStore_.get();
            engine_ = std::make_unique<fb::sync::SyncEngine>(*db_, *store_, *replica_, *transport_, clock_,
                                                             backoff_, std::move(options));
            engineUrl_ = url;
        }
        return *engine_;
    }

    void dropEngine()
    {
        engine_.reset();
        transport_.reset();
        engineUrl_.clear();
    }

    QString setting(const char* key) { return qs(replica_->setting(key)); }

    State readState()
    {
        State s;
        if (!isOpen()) return s;
        auto kept = tokenStore_->load();
        s.signedIn =
            (kept && !fb::sync::tokenFrom(*kept, device_->deviceId(),
                                          replica_->setting(fb::sync::key::kUserId))
                          .empty()) ||
            !replica_->setting(fb::sync::key::kToken).empty();  // an older version's, moved at first use
        s.serverUrl = setting(kServerUrlKey);
        s.userName = setting(fb::sync::key::kUserName);
        s.userLogin = setting(fb::sync::key::kUserLogin);
        s.userRole = setting(fb::sync::key::kUserRole);
        s.userTeam = setting(fb::sync::key::kUserTeam);
        s.lastSyncMs = setting(fb::sync::key::kLastSyncMs).toLongLong();
        s.lastErrorCode = setting(fb::sync::key::kLastErrorCode);
        s.lastErrorMessage = setting(fb::sync::key::kLastErrorMessage);

        // The outbox grouped by entity, in the order entities first appear (oldest first):
        // counted in SQL, not read (it runs after every save).
        for (const auto& [entity, count] : store_->outboxCountsByEntity()) {
            s.pendingByEntity.append({qs(entity), static_cast<int>(count)});
            s.pendingCount += static_cast<int>(count);
        }
        const fb::blobs::CacheUse blobs = fb::blobs::use(*db_);
        s.photosWaiting = blobs.pending;
        s.photoBytesWaiting = blobs.pendingBytes;

        for (const fb::RejectedChange& change : replica_->rejected()) {
            RejectedItem item;
            item.seq = change.seq;
            item.entity = qs(change.entity);
            item.op = qs(change.op);
            item.code = qs(change.code);
            item.message = qs(change.message);
            item.atMs = change.atMs;
            item.name = recordName(change);
            const QJsonObject sentJson =
                QJsonDocument::fromJson(QByteArray::fromStdString(change.fieldsJson)).object();
            if (const auto sent = fb::sync::fieldsFromJson(change.entity, sentJson))
                for (const auto& [field, value] : *sent)
                    item.entered.insert(qs(field), toVariant(value));
            s.rejected.append(item);
        }
        for (const fb::RejectedChange& change : replica_->overridden())
            s.overridden.append(overriddenItem(change));
        return s;
    }

    // An overridden change next to what this phone holds now. The rep's values come from
    // the kept change; the record is read as it is after the sync (the pull that follows a
    // push brings the winning values).
    OverriddenItem overriddenItem(const fb::RejectedChange& change)
    {
        OverriddenItem item;
        item.seq = change.seq;
        item.entity = qs(change.entity);
        item.atMs = change.atMs;
        if (auto record = store_->get(change.entity, change.recordId)) {
            item.name = qs(record->text("name"));
            const std::string accountId = record->text("account_id");
            if (!accountId.empty())
                if (auto account = store_->get("account", accountId))
                    item.accountName = qs(account->text("name"));
        }
        if (item.name.isEmpty()) item.name = qs(change.label);  // the record left this phone
        const auto current = replica_->state(change.entity, change.recordId);
        const QJsonObject sentJson =
            QJsonDocument::fromJson(QByteArray::fromStdString(change.fieldsJson)).object();
        const auto sent = fb::sync::fieldsFromJson(change.entity, sentJson);
        for (const fb::LostField& lost : change.lost) {
            OverriddenField f;
            f.field = qs(lost.field);
            f.winnerMs = lost.winnerMs;
            if (sent)
                if (auto v = sent->find(lost.field); v != sent->end()) f.yours = toVariant(v->second);
            f.exists = current.has_value();
            if (current) {
                if (auto v = current->fields.find(lost.field); v != current->fields.end())
                    f.now = toVariant(v->second);
                // Stamps compare as text: the local one has reached the winner's once the
                // winning value (or a later edit) is here.
                auto stamp = current->clocks.find(lost.field);
                f.arrived = !lost.winnerStamp.empty() && stamp != current->clocks.end() &&
                            stamp->second >= lost.winnerStamp;
            }
            item.fields.append(f);
        }
        return item;
    }

    // What the rep calls the record: the name sent with the change, else the stored name,
    // else the name of the account it belongs to.
    QString recordName(const fb::RejectedChange& change)
    {
        const QJsonObject fields =
            QJsonDocument::fromJson(QByteArray::fromStdString(change.fieldsJson)).object();
        QString name = fields.value(QStringLiteral("name")).toString();
        if (!name.isEmpty()) return name;
        if (!change.label.empty()) return qs(change.label);
        if (auto record = store_->get(change.entity, change.recordId)) {
            name = qs(record->text("name"));
            if (!name.isEmpty()) return name;
            const std::string accountId = record->text("account_id");
            if (!accountId.empty()) {
                if (auto account = store_->get("account", accountId)) return qs(account->text("name"));
            }
        }
        const QString accountId = fields.value(QStringLiteral("account_id")).toString();
        if (!accountId.isEmpty()) {
            if (auto account = store_->get("account", accountId.toStdString()))
                return qs(account->text("name"));
        }
        return {};
    }

    // Jobs on the stack (a nested event loop of the transport may start another), and whether
    // the controller has gone and the last job to return deletes the worker.
    int running = 0;
    bool doomed = false;

    QString path_;
    const fb::Clock& clock_;
    TransportFactory factory_;
    fb::sync::Backoff backoff_;
    fb::platform::SecureStorage* secrets_;
    std::function<void(fb::Store&)> installDerived_;
    // Destruction order (reverse of declaration): engine, transport, token store, replica,
    // store, device, database.
    std::unique_ptr<fb::Database> db_;
    std::unique_ptr<fb::DeviceContext> device_;
    std::unique_ptr<fb::Store> store_;
    std::unique_ptr<fb::Replica> replica_;
    std::unique_ptr<fb::SecretStore> tokenStore_;
    std::unique_ptr<fb::sync::Transport> transport_;
    std::unique_ptr<fb::sync::SyncEngine> engine_;
    QString engineUrl_;
};

// ---------------------------------------------------------------------------------------
// The controller: UI thread.

SyncController::SyncController(Dependencies dependencies, std::unique_ptr<QSettings> settings,
                               QObject* parent)
    : QObject(parent), deps_(std::move(dependencies)), settings_(std::move(settings))
{
    Q_ASSERT(deps_.clock);
    autoSync_ = settings_->value(kAutoSyncKey, true).toBool();
    wifiOnly_ = settings_->value(kWifiOnlyKey, false).toBool();

    for (auto changed :
         {&SyncController::stateChanged, &SyncController::busyChanged, &SyncController::progressChanged,
          &SyncController::textsChanged, &SyncController::pendingChanged, &SyncController::onlineChanged})
        connect(this, changed, this, &SyncController::statusChanged);

    retryTimer_.setSingleShot(true);
    connect(&retryTimer_, &QTimer::timeout, this, [this] {
        retryTick_.stop();
        // A retry waits for a usable connection; the network monitor restarts it then.
        if (networkAllows()) startSync(false);
        emit textsChanged();
    });
    // The "trying again in N seconds" line counts down while a retry is armed.
    retryTick_.setInterval(1000);
    connect(&retryTick_, &QTimer::timeout, this, [this] {
        if (!retryTimer_.isActive()) retryTick_.stop();
        emit textsChanged();
    });

    if (deps_.network) {
        lastOnline_ = deps_.network->online();
        connect(deps_.network, &fb::platform::NetworkMonitor::changed, this, [this] {
            const bool now = online();
            if (now != lastOnline_) {
                lastOnline_ = now;
                emit onlineChanged();
            }
            maybeAutoSync();
        });
    }
    // Now and then without the rep asking (what the rep allows: maybeAutoSync), so a phone left
    // on the desk during the day is up to date and its changes are sent.
    if (deps_.background) deps_.background->schedule(kBackgroundSyncInterval, [this] { maybeAutoSync(); });
    // A local save adds to the outbox: the waiting count is read again. (What a sync applies
    // is reported by this controller itself, with the state already read.)
    if (deps_.changes)
        connect(deps_.changes, &ChangeNotifier::changed, this, [this](ChangeNotifier::Origin origin) {
            if (origin == ChangeNotifier::Origin::Local) refreshPending();
        });

    thread_.setObjectName(QStringLiteral("fieldbook-sync"));
    workerContext_ = new QObject;
    workerContext_->moveToThread(&thread_);
    thread_.start();
    worker_ = new Worker(deps_.databasePath, *deps_.clock, deps_.transport,
                         deps_.random ? deps_.random : fb::sync::systemRandom(), deps_.secrets,
                         deps_.installDerived);
    post([this, w = worker_] {
        w->open();
        const State s = w->readState();
        QMetaObject::invokeMethod(this, [this, s] {
            applyState(s);
            // The engine records why the last sync failed (e.g. a revoked device, whose
            // data it wiped): show it after a restart too.
            if (!s.lastErrorCode.isEmpty()) setError(s.lastErrorCode, s.lastErrorMessage);
            ready_ = true;
            emit readyChanged();
            maybeAutoSync();
        });
    });
}

SyncController::~SyncController()
{
    if (deps_.background) deps_.background->cancel();
    retryTimer_.stop();
    // A running sync stops at once: its request is aborted and the engine returns before its
    // next exchange (nothing is lost; the next start carries on).
    if (cancel_) cancel_->cancel();
    // The worker goes on the thread that made its connection and transport, and never from
    // under a job: HttpTransport waits in a nested event loop, which runs posted calls, so
    // this one may arrive while a job is on the stack. Then the job deletes the worker as
    // it returns (see post()). A sign-in in flight finishes first (the transport's timeout
    // bounds the wait). The thread stops once the worker is gone.
    QMetaObject::invokeMethod(
        workerContext_,
        [w = worker_] {
            if (w->running > 0) {
                w->doomed = true;
                return;
            }
            delete w;
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    worker_ = nullptr;
    thread_.wait();
    delete workerContext_;
}

template <typename Fn> void SyncController::post(Fn&& fn)
{
    QMetaObject::invokeMethod(
        workerContext_,
        [w = worker_, fn = std::forward<Fn>(fn)]() mutable {
            ++w->running;
            fn();
            // The controller went away while this job ran (see the destructor).
            if (--w->running == 0 && w->doomed) {
                delete w;
                QThread::currentThread()->quit();
            }
        },
        Qt::QueuedConnection);
}

void SyncController::applyState(const State& state)
{
    const bool pendingDiffers = state.pendingCount != state_.pendingCount;
    state_ = state;
    emit stateChanged();
    if (pendingDiffers) emit pendingChanged();
    emit textsChanged();
}

void SyncController::setBusy(bool syncing, bool signingIn)
{
    if (syncing == syncing_ && signingIn == signingIn_) return;
    syncing_ = syncing;
    signingIn_ = signingIn;
    emit busyChanged();
}

void SyncController::setError(const QString& code, const QString& detail)
{
    error_ = {code, detail};
    emit textsChanged();
}

bool SyncController::online() const
{
    return deps_.network ? deps_.network->online() : true;
}

bool SyncController::networkAllows() const
{
    return online() && (!wifiOnly_ || !deps_.network || deps_.network->onWifi());
}

bool SyncController::autoSyncAllowed() const
{
    return autoSync_ && state_.signedIn && networkAllows();
}

void SyncController::maybeAutoSync()
{
    if (ready_ && autoSyncAllowed() && !syncing_ && !signingIn_) startSync(false);
}

void SyncController::setAutoSync(bool on)
{
    if (on == autoSync_) return;
    autoSync_ = on;
    settings_->setValue(kAutoSyncKey, on);
    emit preferencesChanged();
    maybeAutoSync();
}

void SyncController::setWifiOnly(bool on)
{
    if (on == wifiOnly_) return;
    wifiOnly_ = on;
    settings_->setValue(kWifiOnlyKey, on);
    emit preferencesChanged();
    maybeAutoSync();
}

QVariantMap SyncController::signIn(const QString& url, const QString& login, const QString& password)
{
    QVariantMap errors;
    const QString server = normalisedServerUrl(url);
    if (url.trimmed().isEmpty())
        errors.insert(QStringLiteral("url"), tr("Please enter the server address"));
    else if (server.isEmpty())
        errors.insert(QStringLiteral("url"),
                      tr("Enter an address like https://sync.example.com or http://127.0.0.1:8080"));
    if (login.trimmed().isEmpty()) errors.insert(QStringLiteral("login"), tr("Please enter your user name"));
    if (password.isEmpty()) errors.insert(QStringLiteral("password"), tr("Please enter your password"));
    if (!errors.isEmpty()) {
        return {{QStringLiteral("ok"), false},
                {QStringLiteral("message"), tr("Please correct the marked fields")},
                {QStringLiteral("errors"), errors}};
    }
    if (syncing_ || signingIn_) {
        return {{QStringLiteral("ok"), false},
                {QStringLiteral("message"), tr("Please wait until the current sync has finished")},
                {QStringLiteral("errors"), QVariantMap()}};
    }

    setBusy(false, true);
    retryTimer_.stop();
    const std::string user = login.trimmed().toStdString();
    const std::string secret = password.toStdString();
    const std::string device = deps_.deviceName.toStdString();
    post([this, w = worker_, server, user, secret, device] {
        QString code;
        QString detail;
        bool ok = false;
        if (!w->isOpen()) {
            code = QStringLiteral("storage");
        } else {
            auto result = w->engineFor(server).signIn(user, secret, device);
            if (result) {
                ok = true;
                fb::Transaction tx(*w->db_);
                w->replica_->setSetting(tx, kServerUrlKey, server.toStdString());
                tx.commit();
            } else {
                code = qs(result.error().reason);
                detail = qs(result.error().message);
                w->dropEngine();
            }
        }
        const State s = w->readState();
        QMetaObject::invokeMethod(this, [this, s, ok, code, detail, server] {
            applyState(s);
            setBusy(false, false);
            QVariantMap result{{QStringLiteral("ok"), ok}, {QStringLiteral("errors"), QVariantMap()}};
            if (ok) {
                setError({}, {});
                qCInfo(lcApp) << "signed in to" << server << "as" << state_.userLogin;
            } else {
                result.insert(QStringLiteral("message"), signInErrorText(code, server));
                result.insert(QStringLiteral("code"), code);
                qCWarning(lcApp) << "sign-in failed:" << code << detail;
            }
            // A revoked device was wiped while signing in: lists and counts follow.
            if (code == QLatin1String("device_revoked")) notifyRemoteChanges();
            emit signInFinished(result);
            // The first sync brings the rep's accounts; it does not wait for auto-sync.
            if (ok) syncNow();
        });
    });
    return {{QStringLiteral("ok"), true}, {QStringLiteral("errors"), QVariantMap()}};
}

void SyncController::fetchAttachment(const QString& digest)
{
    if (!state_.signedIn) {
        QMetaObject::invokeMethod(
            this, [this, digest] { emit attachmentFetched(digest, QStringLiteral("unauthenticated")); },
            Qt::QueuedConnection);
        return;
    }
    const QString server = state_.serverUrl;
    post([this, w = worker_, server, digest] {
        QString reason = QStringLiteral("storage");
        if (w->isOpen()) {
            const auto fetched = w->engineFor(server).fetchBlob(digest.toStdString());
            reason = fetched ? QString() : qs(fetched.error().reason);
            if (!fetched) qCInfo(lcApp) << "photo" << digest.left(12) << "not fetched:" << reason;
        }
        QMetaObject::invokeMethod(this, [this, digest, reason] { emit attachmentFetched(digest, reason); });
    });
}

bool SyncController::syncNow()
{
    return startSync(true);
}

bool SyncController::startSync(bool byRep)
{
    if (syncing_ || signingIn_ || !state_.signedIn) return false;
    syncByRep_ = byRep;
    retryTimer_.stop();
    cancel_ = std::make_shared<fb::sync::SyncCancel>();
    cancelling_ = false;
    setBusy(true, false);
    phase_ = QStringLiteral("push");
    progressItems_ = progressTotal_ = progressBytes_ = 0;
    emit progressChanged();
    emit textsChanged();

    const QString server = state_.serverUrl;
    post([this, w = worker_, server, cancel = cancel_] {
        if (!w->isOpen()) {
            const State s = w->readState();
            QMetaObject::invokeMethod(this, [this, s] {
                onSyncDone(s, int(fb::sync::SyncStatus::Failed), QStringLiteral("storage"), {}, 0, false);
            });
            return;
        }
        const auto progress = [this](const fb::sync::SyncProgress& p) {
            QMetaObject::invokeMethod(this, [this, p] {
                phase_ = p.phase == fb::sync::SyncPhase::Push   ? QStringLiteral("push")
                         : p.phase == fb::sync::SyncPhase::Pull ? QStringLiteral("pull")
                                                                : QStringLiteral("upload");
                progressItems_ = p.done;
                progressTotal_ = p.total;
                progressBytes_ = p.bytesSent + p.bytesReceived;
                emit progressChanged();
            });
        };
        const fb::sync::SyncReport report = w->engineFor(server).syncOnce(progress, cancel.get());
        if (report.status == fb::sync::SyncStatus::Revoked ||
            report.status == fb::sync::SyncStatus::SignedOut)
            w->dropEngine();
        const bool remoteChanges = report.changed > 0 || report.purged > 0 || report.repaired ||
                                   report.status == fb::sync::SyncStatus::Revoked;
        const State s = w->readState();
        QMetaObject::invokeMethod(this, [this, s, report, remoteChanges] {
            onSyncDone(s, int(report.status), qs(report.errorCode), qs(report.errorMessage),
                       report.retryAfterMs, remoteChanges);
        });
    });
    return true;
}

void SyncController::onSyncDone(const State& state, int status, const QString& errorCode,
                                const QString& errorMessage, qint64 retryAfterMs, bool remoteChanges)
{
    const auto sync = fb::sync::SyncStatus(status);
    const qsizetype rejectedBefore = state_.rejected.size();
    applyState(state);
    cancel_.reset();
    cancelling_ = false;
    setBusy(false, false);
    switch (sync) {
    case fb::sync::SyncStatus::Ok:
        setError({}, {});
        break;
    case fb::sync::SyncStatus::Retryable:
        setError(errorCode.isEmpty() ? QStringLiteral("network") : errorCode, errorMessage);
        // Re-armed after every failure with the Backoff's next delay (the engine drew it).
        retryTimer_.start(int(std::max<qint64>(retryAfterMs, kMinimumRetryMs)));
        retryTick_.start();
        break;
    case fb::sync::SyncStatus::SignedOut:
        setError(errorCode == QLatin1String("token_expired") ? errorCode : QStringLiteral("unauthenticated"),
                 errorMessage);
        break;
    case fb::sync::SyncStatus::Revoked:
        setError(QStringLiteral("device_revoked"), errorMessage);
        break;
    case fb::sync::SyncStatus::Failed:
        setError(errorCode.isEmpty() ? QStringLiteral("failed") : errorCode, errorMessage);
        break;
    case fb::sync::SyncStatus::Cancelled:
        // The rep stopped it: no retry; the next sync (by hand or automatic) carries on.
        setError(QStringLiteral("cancelled"), errorMessage);
        break;
    }
    if (sync != fb::sync::SyncStatus::Ok)
        qCWarning(lcApp) << "sync failed:" << fb::sync::syncStatusName(sync) << errorCode << errorMessage;
    // Lists, open pages and counts re-read what the sync merged, purged or wiped.
    if (remoteChanges) notifyRemoteChanges();
    emit textsChanged();
    raiseAttention(status, state_.rejected.size() - rejectedBefore);
    emit syncFinished(sync == fb::sync::SyncStatus::Ok);
}

void SyncController::raiseAttention(int statusCode, qsizetype newlyRejected)
{
    const auto status = fb::sync::SyncStatus(statusCode);
    QString title, body;
    if (status == fb::sync::SyncStatus::SignedOut) {
        title = tr("Sign in again to sync");
        body = tr("The automatic sync could not run: the server asks you to sign in again. What you "
                  "entered stays on this phone.");
    } else if (status == fb::sync::SyncStatus::Revoked) {
        title = tr("This device was removed");
        body = lastError();
    } else if (newlyRejected > 0) {
        title = tr("%n change(s) refused by the server", nullptr, int(newlyRejected));
        body = tr("Open the Sync tab to see what was refused and why.");
    }
    if (!title.isEmpty()) {
        // The rep who started the sync sees the result on the screen already.
        if (syncByRep_) return;
        attentionRaised_ = true;
        emit attentionNeeded(title, body);
        return;
    }
    if (status == fb::sync::SyncStatus::Ok && attentionRaised_) {
        attentionRaised_ = false;
        emit attentionResolved();
    }
}

QVariantMap SyncController::signOut(bool force)
{
    if (syncing_ || signingIn_) {
        return {{QStringLiteral("ok"), false},
                {QStringLiteral("message"), tr("Please wait until the current sync has finished")}};
    }
    if (!force && state_.pendingCount > 0) {
        return {{QStringLiteral("ok"), false},
                {QStringLiteral("message"),
                 tr("%n change(s) have not been sent yet. Sync first, or sign out anyway and lose them.",
                    nullptr, state_.pendingCount)}};
    }
    if (!force && state_.photosWaiting > 0) {
        return {{QStringLiteral("ok"), false},
                {QStringLiteral("message"),
                 tr("%n picture(s) have not been sent yet. Sync first, or sign out anyway and lose them.",
                    nullptr, state_.photosWaiting)}};
    }
    retryTimer_.stop();
    setBusy(true, false);
    post([this, w = worker_, force] {
        bool refused = false;
        if (w->isOpen()) {
            // Looked at again here: a save may have landed since the count was shown.
            if (!force && (w->store_->outboxCount() > 0 || fb::blobs::use(*w->db_).pending > 0)) {
                refused = true;
            } else {
                // The server forgets the token (best effort; offline it stays until revoked).
                const QString url = QString::fromStdString(w->replica_->setting(kServerUrlKey));
                if (!url.isEmpty()) w->engineFor(url).signOut();
                w->dropEngine();
                fb::Transaction tx(*w->db_);
                w->replica_->wipe(tx);
                tx.commit();
                fb::blobs::removeAll(*w->db_);
            }
        }
        const State s = w->readState();
        QMetaObject::invokeMethod(this, [this, s, refused] {
            applyState(s);
            setBusy(false, false);
            if (!refused) {
                setError({}, {});
                notifyRemoteChanges();
            }
        });
    });
    return {{QStringLiteral("ok"), true}};
}

void SyncController::cancelSync()
{
    if (!syncing_ || !cancel_ || cancelling_) return;
    cancelling_ = true;
    cancel_->cancel();  // thread-safe: stops the worker's sync and aborts its request
    qCInfo(lcApp) << "sync cancelled by the user";
    emit busyChanged();
}

void SyncController::dismissRejected(qint64 seq)
{
    dismiss(seq);
}

void SyncController::dismissOverridden(qint64 seq)
{
    dismiss(seq);
}

void SyncController::dismiss(qint64 seq)
{
    post([this, w = worker_, seq] {
        if (!w->isOpen()) return;
        fb::Transaction tx(*w->db_);
        w->replica_->dismissRejected(tx, seq);
        tx.commit();
        const State s = w->readState();
        QMetaObject::invokeMethod(this, [this, s] { applyState(s); });
    });
}

void SyncController::notifyRemoteChanges()
{
    if (deps_.changes) deps_.changes->report(ChangeNotifier::Origin::Sync);
}

void SyncController::refreshPending()
{
    post([this, w = worker_] {
        const State s = w->readState();
        QMetaObject::invokeMethod(this, [this, s] { applyState(s); });
    });
}

void SyncController::retranslate()
{
    emit textsChanged();
}

// ---------------------------------------------------------------------------------------
// Texts

QString SyncController::errorText(const ErrorState& error) const
{
    const QString& c = error.code;
    if (c.isEmpty()) return {};
    if (c == QLatin1String("network"))
        return tr("Could not reach the server. Fieldbook will try again when the connection allows.");
    if (c == QLatin1String("busy")) return tr("The server is busy. Fieldbook will try again shortly.");
    if (c == QLatin1String("device_revoked"))
        return tr(
            "This device was revoked by the administrator. The local data was removed from this device.");
    if (c == QLatin1String("unauthenticated"))
        return tr("Your sign-in is no longer valid. Please sign in again.");
    if (c == QLatin1String("token_expired"))
        return tr(
            "Your sign-in has expired because this phone has not synced for a long time. Sign in again; "
            "the changes waiting on this phone are kept.");
    if (c == QLatin1String("unsupported_protocol") || c == QLatin1String("unsupported_schema"))
        return tr("The server does not accept this version of Fieldbook. Please update the app.");
    if (c == QLatin1String("storage")) return tr("The device database could not be opened for sync.");
    if (c == QLatin1String("upload_refused"))
        return tr("The server did not take some pictures. They stay on this phone and Fieldbook will try "
                  "again; tell your administrator if this keeps happening.");
    if (c == QLatin1String("internal") || c == QLatin1String("server"))
        return tr("The server had a problem. Fieldbook will try again.");
    return tr("Sync failed (%1). Please tell your administrator if this keeps happening.").arg(c);
}

QString SyncController::signInErrorText(const QString& reason, const QString& server) const
{
    const QString& c = reason;
    if (c == QLatin1String("bad_credentials")) return tr("Wrong user name or password.");
    if (c == QLatin1String("network"))
        return tr("Could not reach the server at %1. Check the address and your connection.").arg(server);
    if (c == QLatin1String("busy")) return tr("The server is busy. Please try again in a moment.");
    if (c == QLatin1String("too_many_attempts"))
        return tr("Too many failed sign-ins. Please wait a few minutes, then try again.");
    if (c == QLatin1String("device_revoked"))
        return tr(
            "This device was revoked by the administrator and its local data was removed. Try signing in "
            "again; if that is refused, ask your administrator.");
    if (c == QLatin1String("unsupported_protocol") || c == QLatin1String("unsupported_schema"))
        return tr("The server does not accept this version of Fieldbook. Please update the app.");
    if (c == QLatin1String("internal") || c == QLatin1String("server"))
        return tr("The server had a problem. Please try again later.");
    // An answer that is not fieldbook-server's: a web page, a proxy, a wrong port.
    if (c == QLatin1String("bad_reply") || c == QLatin1String("not_found") ||
        c.startsWith(QLatin1String("http_")))
        return tr("The server at %1 does not answer as a Fieldbook server. Check the address.").arg(server);
    if (c == QLatin1String("storage")) return tr("The device database could not be opened for sync.");
    return tr("Sign-in failed (%1). Please tell your administrator if this keeps happening.").arg(c);
}

QString SyncController::lastError() const
{
    if (error_.code == QLatin1String("cancelled")) return {};
    return errorText(error_);
}

QString SyncController::notice() const
{
    if (error_.code == QLatin1String("cancelled"))
        return tr(
            "Sync cancelled. Nothing was lost: what was not sent yet waits on this phone for the next sync.");
    return {};
}

QString SyncController::retryText() const
{
    if (!retryTimer_.isActive()) return {};
    const int seconds = std::max(1, (retryTimer_.remainingTime() + 999) / 1000);
    return tr("Trying again in %n second(s)", nullptr, seconds);
}

QString SyncController::formatWhen(qint64 ms) const
{
    const bool chinese = deps_.translations && deps_.translations->isChinese();
    const qint64 now = deps_.clock->nowMs();
    // Local calendar days by the clock's own offset, so tests on a fake clock agree.
    const qint64 offsetMs = qint64(deps_.clock->utcOffsetMinutes(ms)) * 60'000;
    const auto day = [](qint64 localMs) {
        return localMs >= 0 ? localMs / 86'400'000 : (localMs + 1) / 86'400'000 - 1;
    };
    const qint64 thenDay = day(ms + offsetMs);
    const qint64 today = day(now + qint64(deps_.clock->utcOffsetMinutes(now)) * 60'000);
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms + offsetMs, Qt::UTC);
    const QString time = local.toString(QStringLiteral("HH:mm"));
    if (thenDay == today) return tr("Today %1").arg(time);
    if (thenDay == today - 1) return tr("Yesterday %1").arg(time);
    if (chinese) {
        return QStringLiteral("%1月%2日 %3").arg(local.date().month()).arg(local.date().day()).arg(time);
    }
    return QLocale(QLocale::English).toString(local, QStringLiteral("MMM d ")) + time;
}

QString SyncController::statusKind() const
{
    if (syncing_ || signingIn_) return QStringLiteral("syncing");
    if (!state_.signedIn) return QStringLiteral("signedOut");
    if (!online()) return QStringLiteral("offline");
    if (serverUnreachable()) return QStringLiteral("unreachable");
    if (!lastError().isEmpty()) return QStringLiteral("error");
    if (!state_.rejected.isEmpty()) return QStringLiteral("rejected");
    if (state_.pendingCount > 0) return QStringLiteral("pending");
    return state_.lastSyncMs > 0 ? QStringLiteral("synced") : QStringLiteral("never");
}

QString SyncController::statusLine() const
{
    const QString kind = statusKind();
    const int pending = state_.pendingCount;
    const QString last =
        state_.lastSyncMs > 0 ? tr("last sync %1").arg(formatWhen(state_.lastSyncMs)) : tr("never synced");
    const QString waiting = tr("%n change(s) waiting", nullptr, pending);
    const QString sep = QStringLiteral(" · ");
    if (kind == QLatin1String("syncing")) {
        if (signingIn_) return tr("Signing in…");
        if (progressTotal_ > 0) return tr("Syncing… %1 of %2").arg(progressItems_).arg(progressTotal_);
        return tr("Syncing…");
    }
    if (kind == QLatin1String("signedOut"))
        return pending > 0
                   ? tr("Not signed in") + sep + tr("%n change(s) kept on this phone", nullptr, pending)
                   : tr("Not signed in") + sep + tr("tap to sign in");
    if (kind == QLatin1String("rejected"))
        return tr("%n change(s) refused by the server", nullptr, int(state_.rejected.size())) + sep +
               tr("tap to see");
    if (kind == QLatin1String("offline"))
        return pending > 0 ? tr("Offline") + sep + waiting + sep + last : tr("Offline") + sep + last;
    if (kind == QLatin1String("unreachable"))
        return pending > 0 ? tr("Cannot reach the server") + sep + waiting
                           : tr("Cannot reach the server") + sep + last;
    if (kind == QLatin1String("error")) return tr("Sync failed") + sep + tr("tap for details");
    if (kind == QLatin1String("pending")) return waiting + sep + last;
    if (kind == QLatin1String("synced")) return tr("All synced") + sep + formatWhen(state_.lastSyncMs);
    return tr("Not synced yet");
}

QString SyncController::lastSyncText() const
{
    if (state_.lastSyncMs <= 0) return tr("Never");
    return formatWhen(state_.lastSyncMs);
}

QString SyncController::kindLabel(const QString& entity) const
{
    return messages::entityLabel(entity.toStdString(), true);
}

QString SyncController::recordKindLabel(const QString& entity) const
{
    return messages::entityLabel(entity.toStdString());
}

QString SyncController::displayValue(const QString& entity, const QString& field, const QVariant& value) const
{
    if (value.isNull() || value.toString().isEmpty()) return tr("(empty)");
    const fb::schema::Entity* e = fb::schema::entity(entity.toStdString());
    const fb::schema::Field* f = e ? e->field(field.toStdString()) : nullptr;
    QString text = value.toString();
    if (!f) return text;
    using fb::schema::FieldType;
    switch (f->type) {
    case FieldType::Enum:
        return messages::optionLabel(e->name, f->name, text.toStdString(),
                                     deps_.translations && deps_.translations->isChinese());
    case FieldType::Phone:
        // Kept on one line inside a sentence: no-break spaces between the groups.
        return messages::phoneText(text).replace(QLatin1Char(' '), QChar(0x00A0));
    case FieldType::Bool:
        return value.toLongLong() != 0 ? tr("Yes") : tr("No");
    case FieldType::DateTime:
        return formatWhen(value.toLongLong());
    case FieldType::Real:
    case FieldType::Integer:
    case FieldType::Money:
    case FieldType::Date:
    case FieldType::GeoPoint:
    case FieldType::Blob:
        // As every page shows it (formats::value).
        return formats::value(e->name, f->name, value, deps_.translations && deps_.translations->isChinese());
    case FieldType::Json: {
        // Custom fields: "name: value" pairs.
        const QJsonObject object = QJsonDocument::fromJson(text.toUtf8()).object();
        QStringList parts;
        for (auto it = object.begin(); it != object.end(); ++it)
            parts << it.key() + QStringLiteral(": ") + it.value().toVariant().toString();
        return parts.isEmpty() ? tr("(empty)") : parts.join(QStringLiteral(", "));
    }
    default:
        break;
    }
    // Long notes would drown the sentence: the start says which text it was.
    constexpr int kMaxChars = 40;
    return text.size() > kMaxChars ? text.left(kMaxChars - 1) + QStringLiteral("…") : text;
}

QVariantList SyncController::overridden() const
{
    QVariantList list;
    for (const OverriddenItem& item : state_.overridden) {
        QString what;
        if (item.name.isEmpty())
            what = tr("%1 (no longer on this phone)").arg(recordKindLabel(item.entity));
        else if (item.accountName.isEmpty())
            what = tr("%1 “%2”").arg(recordKindLabel(item.entity), item.name);
        else
            what = tr("%1 “%2” of %3").arg(recordKindLabel(item.entity), item.name, item.accountName);
        QVariantList changes;
        QStringList sentences;
        for (const OverriddenField& f : item.fields) {
            const QString label = messages::fieldLabel(item.entity.toStdString(), f.field.toStdString());
            const QString yours = displayValue(item.entity, f.field, f.yours);
            const QString now = displayValue(item.entity, f.field, f.now);
            // The server always sends the winner's stamp; should one be unreadable, the time
            // this phone learnt of it is the best bound there is.
            const QString when = formatWhen(f.winnerMs > 0 ? f.winnerMs : item.atMs);
            QString text;
            if (!f.exists)
                text = tr("%1: you entered %2; a newer change (%3) replaced it.").arg(label, yours, when);
            else if (!f.arrived)
                text = tr("%1: you entered %2; a newer change (%3) replaced it. The newer value arrives with "
                          "the next "
                          "sync.")
                           .arg(label, yours, when);
            else if (f.now == f.yours)
                text = tr("%1: you entered %2; a newer change (%3) entered the same, so nothing changed.")
                           .arg(label, yours, when);
            else
                text = tr("%1: you entered %2; a newer change (%3) replaced it. Now: %4.")
                           .arg(label, yours, when, now);
            sentences << text;
            changes.append(QVariantMap{{QStringLiteral("field"), f.field},
                                       {QStringLiteral("label"), label},
                                       {QStringLiteral("yours"), yours},
                                       {QStringLiteral("now"), f.exists ? now : QString()},
                                       {QStringLiteral("arrived"), f.arrived},
                                       {QStringLiteral("winnerMs"), f.winnerMs},
                                       {QStringLiteral("text"), text}});
        }
        list.append(QVariantMap{{QStringLiteral("seq"), item.seq},
                                {QStringLiteral("what"), what},
                                {QStringLiteral("text"), sentences.join(QLatin1Char('\n'))},
                                {QStringLiteral("changes"), changes},
                                {QStringLiteral("when"), formatWhen(item.atMs)}});
    }
    return list;
}

QVariantList SyncController::pendingByKind() const
{
    QVariantList list;
    for (const auto& [entity, count] : state_.pendingByEntity) {
        list.append(QVariantMap{{QStringLiteral("kind"), entity},
                                {QStringLiteral("label"), kindLabel(entity)},
                                {QStringLiteral("count"), count}});
    }
    return list;
}

QVariantList SyncController::rejected() const
{
    QVariantList list;
    for (const RejectedItem& item : state_.rejected) {
        const QString change = item.op == QLatin1String("create") ? tr("new") : tr("change");
        const QString what = item.name.isEmpty()
                                 ? tr("%1 (%2)").arg(recordKindLabel(item.entity), change)
                                 : tr("%1 “%2” (%3)").arg(recordKindLabel(item.entity), item.name, change);
        QString reason;
        if (item.code == QLatin1String("validation"))
            reason = tr("The server found invalid data");
        else if (item.code == QLatin1String("out_of_scope"))
            reason = tr("The account is no longer assigned to you");
        else if (item.code == QLatin1String("not_found"))
            reason = tr("The record no longer exists on the server");
        else if (item.code == QLatin1String("read_only"))
            reason = tr("This kind of record cannot be changed");
        else if (item.code == QLatin1String("conflict"))
            reason = tr("It conflicts with data on the server");
        else
            reason = tr("Refused by the server");
        // What the rep entered, so nothing typed disappears without being shown (the phone has
        // gone back to the server's values). Ids and references are left out: not what a rep
        // typed.
        QStringList values;
        for (auto it = item.entered.begin(); it != item.entered.end(); ++it) {
            const std::string field = it.key().toStdString();
            if (field == "account_id" || field.ends_with("_id")) continue;
            const QString shown = displayValue(item.entity, it.key(), it.value());
            if (!shown.isEmpty())
                values << tr("%1: %2").arg(messages::fieldLabel(item.entity.toStdString(), field), shown);
        }
        list.append(
            QVariantMap{{QStringLiteral("seq"), item.seq},
                        {QStringLiteral("what"), what},
                        {QStringLiteral("entered"),
                         values.isEmpty() ? QString() : tr("You entered: %1").arg(values.join(tr("; ")))},
                        {QStringLiteral("reason"), reason},
                        {QStringLiteral("detail"), item.message},
                        {QStringLiteral("when"), formatWhen(item.atMs)}});
    }
    return list;
}
