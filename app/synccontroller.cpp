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
#include <QUrl>

#include "applogging.h"
#include "archivecontroller.h"
#include "fieldbook/core/device.h"
#include "fieldbook/core/migrations.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/search.h"
#include "fieldbook/core/store.h"
#include "fieldbook/platform/networkmonitor.h"
#include "fieldbook/sync/engine.h"
#include "fieldbook/sync/http_transport.h"
#include "translationloader.h"

namespace {

// sync_state key of the server's base URL; the engine keeps the others (fb::sync::key).
constexpr const char* kServerUrlKey = "server_url";
const QString kAutoSyncKey = QStringLiteral("sync/autoSync");
const QString kWifiOnlyKey = QStringLiteral("sync/wifiOnly");
// A full-jitter backoff may draw almost nothing; never hammer a struggling server faster.
constexpr int kMinimumRetryMs = 250;

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
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

} // namespace

// ---------------------------------------------------------------------------------------
// The worker: lives on the worker thread.

struct SyncController::Worker {
    Worker(QString path, const fb::Clock& clock, TransportFactory factory, fb::sync::Backoff::RandomSource random)
        : path_(std::move(path)), clock_(clock), factory_(std::move(factory)), backoff_(std::move(random))
    {
    }

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
        device_ = std::make_unique<fb::DeviceContext>(*db_, clock_);
        store_ = std::make_unique<fb::Store>(*db_, *device_);
        fb::installSearchIndex(*store_);
        replica_ = std::make_unique<fb::Replica>(*store_);
        return true;
    }
    bool isOpen() const { return replica_ != nullptr; }

    // A transport and engine for `url` (kept while the URL stays the same, so the
    // connection is reused).
    fb::sync::SyncEngine& engineFor(const QString& url)
    {
        if (!engine_ || url != engineUrl_) {
            engine_.reset();
            transport_ = factory_ ? factory_(QUrl(url)) : std::make_unique<fb::sync::HttpTransport>(QUrl(url));
            engine_ = std::make_unique<fb::sync::SyncEngine>(*db_, *store_, *replica_, *transport_, clock_, backoff_);
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
        s.signedIn = !replica_->setting(fb::sync::key::kToken).empty();
        s.serverUrl = setting(kServerUrlKey);
        s.userName = setting(fb::sync::key::kUserName);
        s.userLogin = setting(fb::sync::key::kUserLogin);
        s.userRole = setting(fb::sync::key::kUserRole);
        s.lastSyncMs = setting(fb::sync::key::kLastSyncMs).toLongLong();
        // Stored as "code" or "code: English detail".
        s.lastErrorCode = setting(fb::sync::key::kLastError).section(QStringLiteral(": "), 0, 0);

        // The outbox grouped by entity, in the order entities first appear (oldest first).
        std::int64_t after = 0;
        for (;;) {
            const auto page = store_->outbox(after, 1000);
            for (const fb::OutboxEntry& entry : page) {
                const QString entity = qs(entry.entity);
                auto it = std::find_if(s.pendingByEntity.begin(), s.pendingByEntity.end(),
                                       [&](const auto& p) { return p.first == entity; });
                if (it == s.pendingByEntity.end()) s.pendingByEntity.append({entity, 1});
                else ++it->second;
                ++s.pendingCount;
                after = entry.seq;
            }
            if (page.size() < 1000) break;
        }

        for (const fb::RejectedChange& change : replica_->rejected()) {
            RejectedItem item;
            item.seq = change.seq;
            item.entity = qs(change.entity);
            item.op = qs(change.op);
            item.code = qs(change.code);
            item.message = qs(change.message);
            item.atMs = change.atMs;
            item.name = recordName(change);
            s.rejected.append(item);
        }
        return s;
    }

    // What the rep calls the record: the name sent with the change, else the stored name,
    // else the name of the account it belongs to.
    QString recordName(const fb::RejectedChange& change)
    {
        const QJsonObject fields = QJsonDocument::fromJson(QByteArray::fromStdString(change.fieldsJson)).object();
        QString name = fields.value(QStringLiteral("name")).toString();
        if (!name.isEmpty()) return name;
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
            if (auto account = store_->get("account", accountId.toStdString())) return qs(account->text("name"));
        }
        return {};
    }

    QString path_;
    const fb::Clock& clock_;
    TransportFactory factory_;
    fb::sync::Backoff backoff_;
    // Destruction order (reverse of declaration): engine, transport, replica, store,
    // device, database.
    std::unique_ptr<fb::Database> db_;
    std::unique_ptr<fb::DeviceContext> device_;
    std::unique_ptr<fb::Store> store_;
    std::unique_ptr<fb::Replica> replica_;
    std::unique_ptr<fb::sync::Transport> transport_;
    std::unique_ptr<fb::sync::SyncEngine> engine_;
    QString engineUrl_;
};

// ---------------------------------------------------------------------------------------
// The controller: UI thread.

SyncController::SyncController(Dependencies dependencies, std::unique_ptr<QSettings> settings, QObject* parent)
    : QObject(parent), deps_(std::move(dependencies)), settings_(std::move(settings))
{
    Q_ASSERT(deps_.clock);
    autoSync_ = settings_->value(kAutoSyncKey, true).toBool();
    wifiOnly_ = settings_->value(kWifiOnlyKey, false).toBool();

    retryTimer_.setSingleShot(true);
    connect(&retryTimer_, &QTimer::timeout, this, [this] {
        // A retry waits for a usable connection; the network monitor restarts it then.
        if (online() && (!wifiOnly_ || !deps_.network || deps_.network->onWifi())) syncNow();
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
    if (deps_.archive) connect(deps_.archive, &ArchiveController::changed, this, &SyncController::refreshPending);

    thread_.setObjectName(QStringLiteral("fieldbook-sync"));
    workerContext_ = new QObject;
    workerContext_->moveToThread(&thread_);
    thread_.start();
    worker_ = new Worker(deps_.databasePath, *deps_.clock, deps_.transport,
                         deps_.random ? deps_.random : fb::sync::systemRandom());
    post([this, w = worker_] {
        w->open();
        const State s = w->readState();
        QMetaObject::invokeMethod(this, [this, s] {
            applyState(s);
            // The engine records why the last sync failed (e.g. a revoked device, whose
            // data it wiped): show it after a restart too.
            if (!s.lastErrorCode.isEmpty()) setError(s.lastErrorCode, {});
            ready_ = true;
            emit readyChanged();
            maybeAutoSync();
        });
    });
}

SyncController::~SyncController()
{
    retryTimer_.stop();
    // The worker goes on the thread that made its connection and transport; a running
    // exchange finishes first (the transport's timeout bounds the wait).
    post([w = worker_] { delete w; });
    worker_ = nullptr;
    thread_.quit();
    thread_.wait();
    delete workerContext_;
}

template <typename Fn> void SyncController::post(Fn&& fn)
{
    QMetaObject::invokeMethod(workerContext_, std::forward<Fn>(fn), Qt::QueuedConnection);
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

bool SyncController::autoSyncAllowed() const
{
    if (!autoSync_ || !state_.signedIn || !online()) return false;
    return !wifiOnly_ || !deps_.network || deps_.network->onWifi();
}

void SyncController::maybeAutoSync()
{
    if (ready_ && autoSyncAllowed() && !syncing_ && !signingIn_) syncNow();
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
    if (url.trimmed().isEmpty()) errors.insert(QStringLiteral("url"), tr("Please enter the server address"));
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
                code = result.error().code == fb::ErrorCode::Conflict ? QStringLiteral("bad_credentials")
                                                                     : QStringLiteral("unreachable");
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
                const ErrorState error{code, code == QLatin1String("unreachable") ? server : detail};
                result.insert(QStringLiteral("message"), errorText(error));
                qCWarning(lcApp) << "sign-in failed:" << code << detail;
            }
            emit signInFinished(result);
            // The first sync brings the rep's accounts; it does not wait for auto-sync.
            if (ok) syncNow();
        });
    });
    return {{QStringLiteral("ok"), true}, {QStringLiteral("errors"), QVariantMap()}};
}

bool SyncController::syncNow()
{
    if (syncing_ || signingIn_ || !state_.signedIn) return false;
    retryTimer_.stop();
    setBusy(true, false);
    phase_ = QStringLiteral("push");
    progressItems_ = progressTotal_ = progressBytes_ = 0;
    emit progressChanged();
    emit textsChanged();

    const QString server = state_.serverUrl;
    post([this, w = worker_, server] {
        if (!w->isOpen()) {
            const State s = w->readState();
            QMetaObject::invokeMethod(this, [this, s] {
                onSyncDone(s, int(fb::sync::SyncStatus::Failed), QStringLiteral("storage"), {}, 0, false);
            });
            return;
        }
        const fb::sync::SyncReport report = w->engineFor(server).syncOnce([this](const fb::sync::SyncProgress& p) {
            QMetaObject::invokeMethod(this, [this, p] {
                phase_ = p.phase == fb::sync::SyncPhase::Push ? QStringLiteral("push") : QStringLiteral("pull");
                progressItems_ = p.done;
                progressTotal_ = p.total;
                progressBytes_ = p.bytesSent + p.bytesReceived;
                emit progressChanged();
            });
        });
        if (report.status == fb::sync::SyncStatus::Revoked || report.status == fb::sync::SyncStatus::SignedOut)
            w->dropEngine();
        const bool remoteChanges = report.changed > 0 || report.purged > 0 || report.repaired ||
                                   report.status == fb::sync::SyncStatus::Revoked;
        const State s = w->readState();
        QMetaObject::invokeMethod(this, [this, s, report, remoteChanges] {
            onSyncDone(s, int(report.status), qs(report.errorCode), qs(report.errorMessage), report.retryAfterMs,
                       remoteChanges);
        });
    });
    return true;
}

void SyncController::onSyncDone(const State& state, int status, const QString& errorCode,
                                const QString& errorMessage, qint64 retryAfterMs, bool remoteChanges)
{
    const auto sync = fb::sync::SyncStatus(status);
    applyState(state);
    setBusy(false, false);
    switch (sync) {
    case fb::sync::SyncStatus::Ok:
        setError({}, {});
        break;
    case fb::sync::SyncStatus::Retryable:
        setError(errorCode.isEmpty() ? QStringLiteral("network") : errorCode, errorMessage);
        // Re-armed after every failure with the Backoff's next delay (the engine drew it).
        retryTimer_.start(int(std::max<qint64>(retryAfterMs, kMinimumRetryMs)));
        break;
    case fb::sync::SyncStatus::SignedOut:
        setError(QStringLiteral("unauthenticated"), errorMessage);
        break;
    case fb::sync::SyncStatus::Revoked:
        setError(QStringLiteral("device_revoked"), errorMessage);
        break;
    case fb::sync::SyncStatus::Failed:
        setError(errorCode.isEmpty() ? QStringLiteral("failed") : errorCode, errorMessage);
        break;
    }
    if (sync != fb::sync::SyncStatus::Ok)
        qCWarning(lcApp) << "sync failed:" << fb::sync::syncStatusName(sync) << errorCode << errorMessage;
    // Lists, open pages and counts re-read what the sync merged, purged or wiped.
    if (remoteChanges && deps_.archive) deps_.archive->remoteChangesApplied();
    emit textsChanged();
    emit syncFinished(sync == fb::sync::SyncStatus::Ok);
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
                 tr("%n change(s) have not been sent yet. Sync first, or sign out anyway and lose them.", nullptr,
                    state_.pendingCount)}};
    }
    retryTimer_.stop();
    setBusy(true, false);
    post([this, w = worker_, force] {
        bool refused = false;
        if (w->isOpen()) {
            // Looked at again here: a save may have landed since the count was shown.
            if (!force && w->store_->outboxCount() > 0) {
                refused = true;
            } else {
                // The server forgets the token (best effort; offline it stays until revoked).
                const QString url = QString::fromStdString(w->replica_->setting(kServerUrlKey));
                if (!url.isEmpty()) w->engineFor(url).signOut();
                w->dropEngine();
                fb::Transaction tx(*w->db_);
                w->replica_->wipe(tx);
                tx.commit();
            }
        }
        const State s = w->readState();
        QMetaObject::invokeMethod(this, [this, s, refused] {
            applyState(s);
            setBusy(false, false);
            if (!refused) {
                setError({}, {});
                if (deps_.archive) deps_.archive->remoteChangesApplied();
            }
        });
    });
    return {{QStringLiteral("ok"), true}};
}

void SyncController::dismissRejected(qint64 seq)
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
    if (c == QLatin1String("bad_credentials")) return tr("Wrong user name or password.");
    if (c == QLatin1String("unreachable"))
        return tr("Could not reach the server at %1. Check the address and your connection.").arg(error.detail);
    if (c == QLatin1String("network"))
        return tr("Could not reach the server. Fieldbook will try again when the connection allows.");
    if (c == QLatin1String("busy")) return tr("The server is busy. Fieldbook will try again shortly.");
    if (c == QLatin1String("device_revoked"))
        return tr("This device was revoked by the administrator. The local data was removed from this device.");
    if (c == QLatin1String("unauthenticated")) return tr("Your sign-in is no longer valid. Please sign in again.");
    if (c == QLatin1String("unsupported_protocol") || c == QLatin1String("unsupported_schema"))
        return tr("The server does not accept this version of Fieldbook. Please update the app.");
    if (c == QLatin1String("storage")) return tr("The device database could not be opened for sync.");
    if (c == QLatin1String("internal") || c == QLatin1String("server"))
        return tr("The server had a problem. Fieldbook will try again.");
    return tr("Sync failed (%1). Please tell your administrator if this keeps happening.").arg(c);
}

QString SyncController::lastError() const
{
    return errorText(error_);
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
    const auto day = [](qint64 localMs) { return localMs >= 0 ? localMs / 86'400'000 : (localMs + 1) / 86'400'000 - 1; };
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

QString SyncController::lastSyncText() const
{
    if (state_.lastSyncMs <= 0) return tr("Never");
    return formatWhen(state_.lastSyncMs);
}

QString SyncController::kindLabel(const QString& entity) const
{
    if (entity == QLatin1String("account")) return tr("Accounts");
    if (entity == QLatin1String("key_person")) return tr("Key persons");
    if (entity == QLatin1String("role_change")) return tr("Role changes");
    if (entity == QLatin1String("referral")) return tr("Referrals");
    return entity;
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
        const QString what = item.name.isEmpty() ? tr("%1 (%2)").arg(kindLabel(item.entity), change)
                                                 : tr("%1 “%2” (%3)").arg(kindLabel(item.entity), item.name, change);
        QString reason;
        if (item.code == QLatin1String("validation")) reason = tr("The server found invalid data");
        else if (item.code == QLatin1String("out_of_scope")) reason = tr("The account is no longer assigned to you");
        else if (item.code == QLatin1String("not_found")) reason = tr("The record no longer exists on the server");
        else if (item.code == QLatin1String("read_only")) reason = tr("This kind of record cannot be changed");
        else if (item.code == QLatin1String("conflict")) reason = tr("It conflicts with data on the server");
        else reason = tr("Refused by the server");
        list.append(QVariantMap{{QStringLiteral("seq"), item.seq},
                                {QStringLiteral("what"), what},
                                {QStringLiteral("reason"), reason},
                                {QStringLiteral("detail"), item.message},
                                {QStringLiteral("when"), formatWhen(item.atMs)}});
    }
    return list;
}
