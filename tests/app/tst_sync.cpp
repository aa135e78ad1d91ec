// Tests of SyncController as the Sync tab uses it, against a scripted transport (called on
// the controller's worker thread) and a fake network monitor: sign-in validation at the
// field and the server's answer per reason, the pending count following local writes, a
// failing sync that explains itself and schedules a retry, the retry when the connection
// returns, a revoked device losing its data, an overwritten change shown with both values,
// and a sync cancelled mid-way. Fresh device database per test; fake clock at 2026-03-02
// 09:00 Beijing.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "appcontext.h"
#include "archivecontroller.h"
#include "fakes/silent_server.h"
#include "fieldbook/core/blobs.h"
#include "fieldbook/core/clock.h"
#include "fieldbook/core/hlc.h"
#include "fieldbook/platform/fakeplatform.h"
#include "fieldbook/sync/http_transport.h"
#include "fieldbook/sync/protocol.h"
#include "notificationcontroller.h"
#include "synccontroller.h"
#include "translationloader.h"

namespace {

constexpr std::int64_t kEpochMs = 1'772'413'200'000;  // 2026-03-02 09:00 +08:00

// Answers requests with what the test scripts; counts them. Thread-safe: the test sets
// the script on the UI thread, the worker calls exchange().
class ScriptedServer {
public:
    using Handler = std::function<fb::sync::TransportResponse(const fb::sync::TransportRequest&)>;
    void set(Handler handler)
    {
        std::lock_guard lock(mutex_);
        handler_ = std::move(handler);
    }
    fb::sync::TransportResponse answer(const fb::sync::TransportRequest& request)
    {
        Handler handler;
        {
            std::lock_guard lock(mutex_);
            paths_.append(QString::fromUtf8(request.path));
            handler = handler_;
        }
        // Outside the lock: a handler may wait (a hanging request) while the test reads paths().
        return handler ? handler(request) : fb::sync::TransportResponse{};
    }
    QStringList paths()
    {
        std::lock_guard lock(mutex_);
        return paths_;
    }
    // Transport::abort() from any thread; a handler that waits looks at aborted().
    void abort() { aborted_ = true; }
    bool aborted() const { return aborted_; }

private:
    std::mutex mutex_;
    Handler handler_;
    QStringList paths_;
    std::atomic<bool> aborted_{false};
};

class ScriptedTransport final : public fb::sync::Transport {
public:
    explicit ScriptedTransport(ScriptedServer& server) : server_(server) {}
    fb::sync::TransportResponse exchange(const fb::sync::TransportRequest& request) override
    {
        return server_.answer(request);
    }
    void abort() override { server_.abort(); }

private:
    ScriptedServer& server_;
};

fb::sync::TransportResponse reply(int status, const QByteArray& body)
{
    fb::sync::TransportResponse r;
    r.delivered = true;
    r.status = status;
    r.body = body;
    return r;
}

fb::sync::TransportResponse dropped()
{
    fb::sync::TransportResponse r;
    r.networkError = QStringLiteral("Connection refused");
    return r;
}

fb::sync::TransportResponse error(int status, const char* code)
{
    fb::sync::ErrorBody body;
    body.error = code;
    body.message = "scripted";
    return reply(status, fb::sync::encode(body));
}

// A stamp of another device (the one whose edit wins a conflict).
std::string otherDeviceStamp(std::int64_t wallMs)
{
    return fb::HlcStamp{wallMs, 0, "0190a000-0000-7000-8000-0000000000bb"}.toString();
}

fb::sync::TransportResponse signedIn()
{
    fb::sync::SignInResponse r;
    r.token = "token-1";
    r.user = {"u1", "rep1", "张伟", "rep", "华东区"};
    r.serverTimeMs = kEpochMs;
    r.lastSeq = 0;
    r.tokenExpiresInMs = 30LL * 24 * 3600 * 1000;
    return reply(200, fb::sync::encode(r));
}

// Signs in from the script; everything else goes over HTTP to a server that never answers.
class HangingTransport final : public fb::sync::Transport {
public:
    explicit HangingTransport(const QUrl& url) : http_(url) {}
    fb::sync::TransportResponse exchange(const fb::sync::TransportRequest& request) override
    {
        if (request.path == "/v1/auth/sign-in") return signedIn();
        return http_.exchange(request);
    }
    void abort() override { http_.abort(); }
    void clearAbort() override { http_.clearAbort(); }

private:
    fb::sync::HttpTransport http_;
};

}  // namespace

class TestSync : public QObject {
    Q_OBJECT

private:
    struct Fixture {
        QTemporaryDir dir;
        std::unique_ptr<AppContext> context;
        TranslationLoader translations{QStringLiteral(":/no-translations")};
        std::unique_ptr<ArchiveController> archive;
        fb::platform::FakeNetworkMonitor network;
        fb::platform::FakeBackgroundSync background;
        ScriptedServer server;
        std::unique_ptr<SyncController> sync;

        Fixture()
        {
            auto opened = AppContext::open(dir.filePath(QStringLiteral("device.db")),
                                           std::make_unique<fb::FakeClock>(kEpochMs, 480));
            if (!opened) qFatal("cannot open test database: %s", opened.error().message.c_str());
            context = std::move(opened).value();
            translations.load(QStringLiteral("en"));
            archive = std::make_unique<ArchiveController>(*context, translations);
            SyncController::Dependencies deps;
            deps.databasePath = context->databasePath();
            deps.clock = &context->clock();
            deps.changes = &context->changes();
            deps.translations = &translations;
            deps.network = &network;
            deps.background = &background;
            deps.deviceName = QStringLiteral("Test phone");
            deps.transport = [this](const QUrl&) { return std::make_unique<ScriptedTransport>(server); };
            deps.random = fb::sync::seededRandom(7);
            sync = std::make_unique<SyncController>(
                deps,
                std::make_unique<QSettings>(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat));
            QTRY_VERIFY(sync->ready());
        }
        ~Fixture() { sync.reset(); }

        QString account(const QString& name)
        {
            const QVariantMap r =
                archive->saveAccount({}, {{"name", name}, {"tier", "A"}, {"stage", "growth"}});
            if (!r.value("ok").toBool()) qFatal("cannot save account");
            return r.value("id").toString();
        }

        // Signs in against the script; the first sync after it is answered by `then`.
        void signIn(ScriptedServer::Handler then)
        {
            server.set([then](const fb::sync::TransportRequest& request) {
                if (request.path == "/v1/auth/sign-in") return signedIn();
                return then(request);
            });
            QSignalSpy finished(sync.get(), &SyncController::signInFinished);
            QVERIFY(sync->signIn(QStringLiteral("http://127.0.0.1:8080"), QStringLiteral("rep1"),
                                 QStringLiteral("demo1234"))
                        .value("ok")
                        .toBool());
            QVERIFY(finished.wait(5000));
            QVERIFY(finished.first().first().toMap().value("ok").toBool());
            QVERIFY(sync->signedIn());
        }
    };

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English)); }

    void signInMarksEachWrongFieldAndSendsNothing()
    {
        Fixture f;
        QVariantMap r = f.sync->signIn(QStringLiteral("ftp://example.com"), {}, {});
        QVERIFY(!r.value("ok").toBool());
        QVariantMap errors = r.value("errors").toMap();
        QVERIFY(errors.value("url").toString().contains("https://"));
        QVERIFY(!errors.value("login").toString().isEmpty());
        QVERIFY(!errors.value("password").toString().isEmpty());

        for (const char* bad :
             {"example.com", "http://", "http://host/path", "https://user@host", "http://h:99999"}) {
            r = f.sync->signIn(QString::fromLatin1(bad), QStringLiteral("rep1"), QStringLiteral("pw"));
            QVERIFY2(r.value("errors").toMap().contains("url"), bad);
            QCOMPARE(r.value("errors").toMap().size(), 1);
        }
        QVERIFY(!f.sync->signingIn());
        QTest::qWait(50);
        QVERIFY(f.server.paths().isEmpty());
    }

    void wrongPasswordIsReportedReadably()
    {
        Fixture f;
        f.server.set([](const fb::sync::TransportRequest&) { return error(401, "bad_credentials"); });
        QSignalSpy finished(f.sync.get(), &SyncController::signInFinished);
        QVERIFY(f.sync
                    ->signIn(QStringLiteral("https://sync.example.com:8443/"), QStringLiteral("rep1"),
                             QStringLiteral("nope"))
                    .value("ok")
                    .toBool());
        QVERIFY(f.sync->signingIn());
        QVERIFY(finished.wait(5000));
        const QVariantMap result = finished.first().first().toMap();
        QVERIFY(!result.value("ok").toBool());
        QCOMPARE(result.value("message").toString(), QStringLiteral("Wrong user name or password."));
        QVERIFY(!f.sync->signedIn());
    }

    void unreachableServerNamesTheAddress()
    {
        Fixture f;
        f.server.set([](const fb::sync::TransportRequest&) { return dropped(); });
        QSignalSpy finished(f.sync.get(), &SyncController::signInFinished);
        f.sync->signIn(QStringLiteral("http://10.0.0.9:8080"), QStringLiteral("rep1"), QStringLiteral("pw"));
        QVERIFY(finished.wait(5000));
        const QString message = finished.first().first().toMap().value("message").toString();
        QVERIFY2(message.contains("Could not reach the server at http://10.0.0.9:8080"), qPrintable(message));
    }

    void pendingCountFollowsLocalWrites()
    {
        Fixture f;
        QCOMPARE(f.sync->pendingCount(), 0);
        const QString id = f.account(QStringLiteral("杭州西湖国宾馆"));
        QTRY_COMPARE(f.sync->pendingCount(), 1);
        // A key person with a role also records the role change (and the account's holder).
        f.archive->saveKeyPerson({}, id, {{"name", QStringLiteral("王建国")}, {"role", "head"}});
        QTRY_VERIFY(f.sync->pendingCount() >= 2);
        QVariantMap byLabel;
        int total = 0;
        for (const QVariant& kind : f.sync->pendingByKind()) {
            byLabel.insert(kind.toMap().value("label").toString(), kind.toMap().value("count"));
            total += kind.toMap().value("count").toInt();
        }
        QCOMPARE(f.sync->pendingByKind().first().toMap().value("label").toString(),
                 QStringLiteral("Accounts"));
        QVERIFY(byLabel.value("Key persons").toInt() >= 1);
        QCOMPARE(total, f.sync->pendingCount());
    }

    // A photo taken here waits to be sent, and says so; another phone's photo is fetched on
    // the worker when opened, and a fetch the server cannot answer yet says why.
    void photosWaitAndOthersAreFetchedWhenOpened()
    {
        Fixture f;
        const QString id = f.account(QStringLiteral("宝鼎食府"));
        {
            fb::Transaction tx(f.context->database());
            QVERIFY(f.context->archive()
                        .addPhoto(tx, id.toStdString(), "storefront",
                                  std::string("\xff\xd8\xff\xe0 mine\xff\xd9"), kEpochMs)
                        .ok());
            tx.commit();
        }
        f.sync->refreshPending();
        QTRY_COMPARE(f.sync->photosWaiting(), 1);
        QCOMPARE(f.sync->photoBytesWaiting(), qint64(11));

        const std::string theirs("\xff\xd8\xff\xe0 theirs\xff\xd9");
        const QString digest = QString::fromStdString(fb::blobs::digestOf(theirs));
        const QString later = QString::fromStdString(fb::blobs::digestOf("\xff\xd8 later \xff\xd9"));
        {
            // Pulled from the other phone: the record names the picture.
            fb::Transaction tx(f.context->database());
            QVERIFY(f.context->store()
                        .create(tx, "attachment",
                                {{"account_id", id.toStdString()},
                                 {"purpose", std::string("storefront")},
                                 {"blob", digest.toStdString()},
                                 {"size", std::int64_t(theirs.size())},
                                 {"taken_at", kEpochMs}})
                        .ok());
            tx.commit();
        }
        f.signIn([&](const fb::sync::TransportRequest& request) {
            if (request.method == "GET" && request.path == "/v1/blobs/" + digest.toUtf8())
                return reply(200, QByteArray::fromStdString(theirs));
            if (request.method == "GET") return error(404, "not_uploaded");
            return dropped();
        });
        QTRY_VERIFY(!f.sync->syncing());
        QSignalSpy fetched(f.sync.get(), &SyncController::attachmentFetched);
        f.sync->fetchAttachment(digest);
        QVERIFY(fetched.wait(5000));
        QCOMPARE(fetched.first().at(0).toString(), digest);
        QCOMPARE(fetched.first().at(1).toString(), QString());
        QCOMPARE(fb::blobs::read(f.context->database(), digest.toStdString()),
                 std::optional<std::string>(theirs));
        f.sync->fetchAttachment(later);
        QVERIFY(fetched.wait(5000));
        QCOMPARE(fetched.last().at(1).toString(), QStringLiteral("not_uploaded"));
        QVERIFY(!fb::blobs::has(f.context->database(), later.toStdString()));
    }

    void failingSyncExplainsItselfAndRetries()
    {
        Fixture f;
        f.account(QStringLiteral("浙江省人民医院"));
        QTRY_COMPARE(f.sync->pendingCount(), 1);
        f.signIn([](const fb::sync::TransportRequest&) { return dropped(); });
        // The sync that follows sign-in fails: readable error, retry armed, nothing lost.
        QTRY_VERIFY(!f.sync->syncing() && !f.sync->lastError().isEmpty());
        QVERIFY2(f.sync->lastError().startsWith("Could not reach the server."),
                 qPrintable(f.sync->lastError()));
        // The network line must not say "online" beside it.
        QVERIFY(f.sync->online());
        QVERIFY(f.sync->serverUnreachable());
        QVERIFY(f.sync->retryScheduled());
        QVERIFY(f.sync->retryDelayMs() <= 1000);
        QVERIFY(f.sync->retryText().startsWith("Trying again in"));
        QCOMPARE(f.sync->pendingCount(), 1);

        // The retry runs by itself and fails again: re-armed (the backoff's ceiling grows).
        const int before = int(f.server.paths().count("/v1/sync/push"));
        QTRY_VERIFY_WITH_TIMEOUT(f.server.paths().count("/v1/sync/push") > before, 5000);
        QTRY_VERIFY(!f.sync->syncing());
        QVERIFY(f.sync->retryScheduled());
    }

    void connectionReturningStartsASync()
    {
        Fixture f;
        f.signIn([](const fb::sync::TransportRequest&) { return dropped(); });
        QTRY_VERIFY(!f.sync->syncing() && f.sync->retryScheduled());
        f.network.setOnline(false);
        QVERIFY(!f.sync->online());
        // Nothing waits in the outbox, so a sync starts with a pull.
        const auto pulls = [&f] { return int(f.server.paths().count("/v1/sync/pull")); };
        const int before = pulls();
        f.sync->setWifiOnly(true);
        f.network.setOnWifi(false);
        f.network.setOnline(true);
        QTest::qWait(1200);         // past any armed retry
        QCOMPARE(pulls(), before);  // Wi-Fi only: waits for Wi-Fi
        f.network.setOnWifi(true);
        QTRY_VERIFY(pulls() > before);
    }

    // The platform wakes the app now and then (a timer on the desktop, the OS's scheduler on a
    // phone); a wake syncs only what the rep allows: auto-sync on, signed in, a usable network.
    void backgroundWakeSyncsWhenTheRepAllows()
    {
        Fixture f;
        QVERIFY(f.background.scheduled());
        QCOMPARE(f.background.interval, std::chrono::milliseconds(std::chrono::minutes(30)));
        const auto pulls = [&f] { return int(f.server.paths().count("/v1/sync/pull")); };
        f.background.wake();  // not signed in: nothing to do
        QTest::qWait(200);
        QCOMPARE(pulls(), 0);
        f.signIn([](const fb::sync::TransportRequest&) { return dropped(); });
        QTRY_VERIFY(!f.sync->syncing());
        int before = pulls();
        f.background.wake();
        QTRY_VERIFY(pulls() > before);
        QTRY_VERIFY(!f.sync->syncing());
        f.sync->setAutoSync(false);
        before = pulls();
        f.background.wake();
        QTest::qWait(300);
        QCOMPARE(pulls(), before);  // the rep turned automatic sync off
        f.sync->setAutoSync(true);
        QTRY_VERIFY(!f.sync->syncing());
        f.network.setOnline(false);
        before = pulls();
        f.background.wake();
        QTest::qWait(300);
        QCOMPARE(pulls(), before);  // offline: the network monitor starts it when it returns
    }

    // An automatic sync that needs the rep (signed out) is a notice: the OS's when it takes
    // it, else the app's banner; a tap on either opens the Sync tab. A sync the rep started
    // shows its outcome on the screen and raises none; a later good sync takes it back.
    void aSyncTheRepDidNotStartNotifiesWhatNeedsThem()
    {
        Fixture f;
        fb::platform::FakeNotifications os;
        NotificationController notices(os);
        connect(f.sync.get(), &SyncController::attentionNeeded, &notices,
                [&notices](const QString& title, const QString& body) {
                    notices.notify(QStringLiteral("sync"), title, body);
                });
        connect(f.sync.get(), &SyncController::attentionResolved, &notices,
                [&notices] { notices.withdraw(QStringLiteral("sync")); });
        QSignalSpy attention(f.sync.get(), &SyncController::attentionNeeded);
        QSignalSpy opened(&notices, &NotificationController::opened);
        const auto refused = [](const fb::sync::TransportRequest&) { return error(401, "unauthenticated"); };
        const auto fine = [](const fb::sync::TransportRequest& request) {
            if (request.path == "/v1/sync/push")
                return reply(200, fb::sync::encode(fb::sync::PushResponse{}));
            fb::sync::PullResponse r;
            r.cursor = "1";
            return reply(200, fb::sync::encode(r));
        };

        // Started by the rep: the Sync tab says it; no notice.
        f.signIn(refused);
        QTRY_VERIFY(!f.sync->syncing() && !f.sync->signedIn());
        QCOMPARE(attention.count(), 0);

        // Automatic, on a desktop without a notification service: the app's banner.
        f.signIn([](const fb::sync::TransportRequest&) { return dropped(); });
        QTRY_VERIFY(!f.sync->syncing());
        f.server.set(refused);
        os.available = false;
        f.background.wake();
        QTRY_COMPARE(attention.count(), 1);
        QCOMPARE(notices.banner().value("key").toString(), QStringLiteral("sync"));
        QCOMPARE(notices.banner().value("title").toString(), QStringLiteral("Sign in again to sync"));
        QVERIFY(notices.banner().value("body").toString().contains("stays on this phone"));
        QVERIFY(os.shown.empty());
        notices.activate();
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.first().first().toString(), QStringLiteral("sync"));
        QVERIFY(notices.banner().isEmpty());

        // Automatic, with the OS's notifications: shown there, tapped there.
        f.signIn([](const fb::sync::TransportRequest&) { return dropped(); });
        QTRY_VERIFY(!f.sync->syncing());
        f.server.set(refused);
        os.available = true;
        f.background.wake();
        QTRY_COMPARE(attention.count(), 2);
        QCOMPARE(os.shown.size(), std::size_t(1));
        QCOMPARE(os.shown.back().key, QStringLiteral("sync"));
        QCOMPARE(os.shown.back().title, QStringLiteral("Sign in again to sync"));
        QVERIFY(notices.banner().isEmpty());
        os.activate(QStringLiteral("sync"));
        QCOMPARE(opened.count(), 2);

        // Signed in again and synced: the notice is taken back.
        f.signIn(fine);
        QTRY_VERIFY(!f.sync->syncing());
        f.background.wake();
        QTRY_VERIFY(!os.withdrawn.empty());
        QCOMPARE(os.withdrawn.back(), QStringLiteral("sync"));
    }

    void revokedDeviceLosesItsDataAndSaysWhy()
    {
        Fixture f;
        f.account(QStringLiteral("萧山宾馆"));
        QSignalSpy changed(f.archive.get(), &ArchiveController::changed);
        f.signIn([](const fb::sync::TransportRequest& request) {
            if (request.path == "/v1/sync/ack-revocation") return reply(204, {});
            return error(403, "device_revoked");
        });
        QTRY_VERIFY(!f.sync->syncing() && !f.sync->signedIn());
        QVERIFY2(f.sync->lastError().contains("revoked by the administrator"),
                 qPrintable(f.sync->lastError()));
        QVERIFY(f.sync->lastError().contains("local data was removed"));
        QCOMPARE(f.sync->pendingCount(), 0);
        QCOMPARE(f.archive->accountCount(), 0);
        QVERIFY(!f.sync->retryScheduled());
        // Lists were told to re-read.
        QVERIFY(std::any_of(changed.begin(), changed.end(),
                            [](const QList<QVariant>& a) { return a.first().toString().isEmpty(); }));
    }

    void signOutIsRefusedWhileChangesWait()
    {
        Fixture f;
        f.signIn([](const fb::sync::TransportRequest&) { return dropped(); });
        QTRY_VERIFY(!f.sync->syncing());
        f.account(QStringLiteral("余杭区农资合作社"));
        QTRY_COMPARE(f.sync->pendingCount(), 1);
        const QVariantMap refused = f.sync->signOut(false);
        QVERIFY(!refused.value("ok").toBool());
        QVERIFY(refused.value("message").toString().contains("not been sent yet"));
        QVERIFY(f.sync->signedIn());
        QVERIFY(f.sync->signOut(true).value("ok").toBool());
        QTRY_VERIFY(!f.sync->signedIn());
        QCOMPARE(f.archive->accountCount(), 0);
    }

    // Pictures still to upload (a sync cut during them) hold a sign-out back like changes do;
    // signing out anyway removes their files with the rest.
    void signOutIsRefusedWhilePicturesWait()
    {
        Fixture f;
        f.signIn([](const fb::sync::TransportRequest&) { return dropped(); });
        QTRY_VERIFY(!f.sync->syncing());
        std::string digest;
        {
            fb::Transaction tx(f.context->database());
            auto added = fb::blobs::add(tx, std::string("\xff\xd8\xff\xe0 waiting\xff\xd9"), kEpochMs);
            QVERIFY(added.ok());
            digest = added->digest;
            tx.commit();
        }
        f.sync->refreshPending();
        QTRY_COMPARE(f.sync->photosWaiting(), 1);
        QCOMPARE(f.sync->pendingCount(), 0);
        const QVariantMap refused = f.sync->signOut(false);
        QVERIFY(!refused.value("ok").toBool());
        QVERIFY2(refused.value("message").toString().contains("picture"),
                 qPrintable(refused.value("message").toString()));
        QVERIFY(f.sync->signedIn());
        QVERIFY(f.sync->signOut(true).value("ok").toBool());
        QTRY_VERIFY(!f.sync->signedIn());
        QVERIFY(!QFile::exists(QString::fromStdString(fb::blobs::pathOf(f.context->database(), digest))));
    }

    void signInSaysWhatWentWrongPerReason()
    {
        struct Case {
            int status;
            QByteArray body;
            const char* expected;
        };
        const auto body = [](const char* code) {
            fb::sync::ErrorBody e;
            e.error = code;
            e.message = "scripted";
            return fb::sync::encode(e);
        };
        const QList<Case> cases = {
            {429, body("busy"), "The server is busy. Please try again in a moment."},
            {400, body("unsupported_protocol"), "does not accept this version of Fieldbook"},
            {400, body("unsupported_schema"), "does not accept this version of Fieldbook"},
            {500, body("internal"), "The server had a problem. Please try again later."},
            {502, QByteArray("<html>Bad gateway</html>"),
             "The server had a problem. Please try again later."},
            {404, QByteArray("<html>Not found</html>"),
             "The server at https://sync.example.com does not answer as a Fieldbook server."},
            {200, QByteArray("<html>Welcome to nginx</html>"),
             "The server at https://sync.example.com does not answer as a Fieldbook server."},
            {403, body("device_revoked"), "This device was revoked by the administrator"},
        };
        for (const Case& c : cases) {
            Fixture f;
            f.server.set([c](const fb::sync::TransportRequest& request) {
                if (request.path == "/v1/sync/ack-revocation") return reply(204, {});
                return reply(c.status, c.body);
            });
            QSignalSpy finished(f.sync.get(), &SyncController::signInFinished);
            QVERIFY(f.sync
                        ->signIn(QStringLiteral("https://sync.example.com"), QStringLiteral("rep1"),
                                 QStringLiteral("pw"))
                        .value("ok")
                        .toBool());
            QVERIFY(finished.wait(5000));
            const QVariantMap result = finished.first().first().toMap();
            QVERIFY(!result.value("ok").toBool());
            const QString message = result.value("message").toString();
            QVERIFY2(message.contains(QString::fromUtf8(c.expected)), qPrintable(message));
            QVERIFY(!f.sync->signedIn());
            QVERIFY(!f.sync->retryScheduled());  // sign-in is not retried by itself
        }
    }

    void overwrittenChangeIsShownWithBothValuesAndDismissed()
    {
        Fixture f;
        const QString id = f.account(QStringLiteral("杭州西湖国宾馆"));
        QVERIFY(f.archive
                    ->saveAccount(
                        id, {{"phone", QStringLiteral("13800138000")}, {"region", QStringLiteral("西湖区")}})
                    .value("ok")
                    .toBool());
        const QString person =
            f.archive->saveKeyPerson({}, id, {{"name", QStringLiteral("王建国")}, {"role", "other"}})
                .value("id")
                .toString();
        QVERIFY(!person.isEmpty());
        QVERIFY(f.archive->saveKeyPerson(person, id, {{"phone", QStringLiteral("13700137000")}})
                    .value("ok")
                    .toBool());
        QTRY_VERIFY(f.sync->pendingCount() >= 4);
        // Someone changed the phone a minute after the rep, and that reached the server first.
        const std::string winner = otherDeviceStamp(kEpochMs + 60'000);
        f.signIn([id, winner](const fb::sync::TransportRequest& request) {
            if (request.path == "/v1/sync/push") {
                auto push = fb::sync::decodePushRequest(request.body);
                fb::sync::PushResponse response;
                response.serverTimeMs = kEpochMs + 120'000;
                for (const fb::sync::Change& change : push->changes) {
                    fb::sync::ChangeResult result;
                    result.seq = change.seq;
                    result.outcome = change.fields.count("phone") ? "merged" : "applied";
                    for (const auto& [field, value] : change.fields)
                        result.clocks.emplace(field, change.hlc);
                    if (change.fields.count("phone")) {
                        result.lost = {"phone"};
                        result.clocks["phone"] = winner;
                    }
                    response.results.push_back(result);
                    response.lastSeq = change.seq;
                }
                return reply(200, fb::sync::encode(response));
            }
            fb::sync::PullResponse pull;  // the winner's value arrives with the pull
            pull.records.push_back(
                {"account", id.toStdString(), {{"phone", std::string("13900139000")}}, {{"phone", winner}}});
            pull.cursor = "1";
            return reply(200, fb::sync::encode(pull));
        });
        QTRY_VERIFY(!f.sync->syncing());
        QVERIFY2(f.sync->lastError().isEmpty(), qPrintable(f.sync->lastError()));
        QCOMPARE(f.sync->pendingCount(), 0);
        QVERIFY(f.sync->rejected().isEmpty());

        const QVariantList overridden = f.sync->overridden();
        QCOMPARE(overridden.size(), 2);
        // A key person is named with the account; their winning phone has not been pulled.
        const QVariantMap personItem = overridden.at(1).toMap();
        QCOMPARE(personItem.value("what").toString(),
                 QStringLiteral("Key person “王建国” of 杭州西湖国宾馆"));
        const QVariantMap personPhone = personItem.value("changes").toList().first().toMap();
        QVERIFY(!personPhone.value("arrived").toBool());
        QVERIFY(personPhone.value("text").toString().endsWith("The newer value arrives with the next sync."));
        const QVariantMap item = overridden.first().toMap();
        QCOMPARE(item.value("what").toString(), QStringLiteral("Account “杭州西湖国宾馆”"));
        const QVariantList changes = item.value("changes").toList();
        QCOMPARE(changes.size(), 1);  // the region applied; only the phone lost
        const QVariantMap phone = changes.first().toMap();
        QCOMPARE(phone.value("label").toString(), QStringLiteral("Phone"));
        // Phones are grouped as they are read, with no-break spaces so a sentence never splits one.
        const auto plain = [](QString text) { return text.replace(QChar(0x00A0), QLatin1Char(' ')); };
        QCOMPARE(plain(phone.value("yours").toString()), QStringLiteral("138 0013 8000"));
        QCOMPARE(plain(phone.value("now").toString()), QStringLiteral("139 0013 9000"));
        QVERIFY(!phone.value("yours").toString().contains(QLatin1Char(' ')));
        QVERIFY(phone.value("arrived").toBool());
        QCOMPARE(plain(phone.value("text").toString()),
                 QStringLiteral("Phone: you entered 138 0013 8000; a newer change (Today 09:01) replaced it. "
                                "Now: 139 0013 9000."));
        QCOMPARE(f.archive->account(id).value("phone").toString(), QStringLiteral("13900139000"));
        QCOMPARE(f.archive->account(id).value("region").toString(), QStringLiteral("西湖区"));

        f.sync->dismissOverridden(item.value("seq").toLongLong());
        QTRY_COMPARE(f.sync->overridden().size(), 1);
        QCOMPARE(f.sync->overridden().first().toMap().value("seq"), personItem.value("seq"));
    }

    void overwrittenValueNotYetPulledIsSaidToArriveLater()
    {
        Fixture f;
        const QString id = f.account(QStringLiteral("萧山宾馆"));
        QVERIFY(f.archive->saveAccount(id, {{"tier", QStringLiteral("KA")}}).value("ok").toBool());
        const std::string winner = otherDeviceStamp(kEpochMs + 60'000);
        f.signIn([winner](const fb::sync::TransportRequest& request) {
            if (request.path != "/v1/sync/push") return dropped();  // the pull does not get through
            auto push = fb::sync::decodePushRequest(request.body);
            fb::sync::PushResponse response;
            for (const fb::sync::Change& change : push->changes) {
                fb::sync::ChangeResult result{change.seq, "applied", {}, {}, false, {}, {}};
                for (const auto& [field, value] : change.fields)
                    result.clocks.emplace(field, change.hlc);
                if (change.op == "update") {
                    result.outcome = "merged";
                    result.lost = {"tier"};
                    result.clocks["tier"] = winner;
                }
                response.results.push_back(result);
                response.lastSeq = change.seq;
            }
            return reply(200, fb::sync::encode(response));
        });
        QTRY_VERIFY(!f.sync->syncing());
        QTRY_COMPARE(f.sync->overridden().size(), 1);
        const QVariantMap tier =
            f.sync->overridden().first().toMap().value("changes").toList().first().toMap();
        QVERIFY(!tier.value("arrived").toBool());
        QCOMPARE(tier.value("yours").toString(), QStringLiteral("KA — key account"));
        QVERIFY2(tier.value("text").toString().contains("arrives with the next sync"),
                 qPrintable(tier.value("text").toString()));
    }

    void cancelStopsARunningSyncAndKeepsTheChanges()
    {
        Fixture f;
        f.account(QStringLiteral("浙江省人民医院"));
        QTRY_COMPARE(f.sync->pendingCount(), 1);
        // The push hangs (a slow evening connection) until the transport is aborted.
        f.signIn([&f](const fb::sync::TransportRequest&) {
            const auto start = std::chrono::steady_clock::now();
            while (!f.server.aborted() && std::chrono::steady_clock::now() - start < std::chrono::seconds(10))
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            return dropped();
        });
        QTRY_VERIFY(f.sync->syncing());
        QTRY_VERIFY(f.server.paths().contains("/v1/sync/push"));
        QSignalSpy finished(f.sync.get(), &SyncController::syncFinished);
        f.sync->cancelSync();
        QVERIFY(f.sync->cancelling());
        QVERIFY(finished.wait(3000));  // well before the 10 s the push would have hung
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(!f.sync->syncing());
        QVERIFY(!f.sync->cancelling());
        QVERIFY(f.server.aborted());
        QVERIFY2(f.sync->lastError().isEmpty(), qPrintable(f.sync->lastError()));  // not a failure: no "!"
        QVERIFY(f.sync->notice().startsWith("Sync cancelled."));
        QVERIFY(!f.sync->retryScheduled());
        QCOMPARE(f.sync->pendingCount(), 1);  // nothing lost
        f.sync->cancelSync();                 // nothing running: nothing happens
        QVERIFY(!f.sync->cancelling());
    }

    void closingTheAppDuringASyncStopsItCleanly()
    {
        // The real HttpTransport waits in a nested event loop, which runs calls posted to the
        // worker thread, the controller's farewell among them: it must not pull the worker
        // from under the running sync.
        fb::test::SilentServer silent;
        Fixture f;
        f.account(QStringLiteral("余杭区农资合作社"));
        QTRY_COMPARE(f.sync->pendingCount(), 1);
        SyncController::Dependencies deps;
        deps.databasePath = f.context->databasePath();
        deps.clock = &f.context->clock();
        deps.changes = &f.context->changes();
        deps.translations = &f.translations;
        deps.network = &f.network;
        deps.transport = [url = silent.url()](const QUrl&) {
            return std::make_unique<HangingTransport>(url);
        };
        deps.random = fb::sync::seededRandom(7);
        auto sync = std::make_unique<SyncController>(
            deps,
            std::make_unique<QSettings>(f.dir.filePath(QStringLiteral("s2.ini")), QSettings::IniFormat));
        QTRY_VERIFY(sync->ready());
        QSignalSpy finished(sync.get(), &SyncController::signInFinished);
        sync->signIn(QStringLiteral("http://127.0.0.1:8080"), QStringLiteral("rep1"), QStringLiteral("pw"));
        QVERIFY(finished.wait(5000));
        QTRY_VERIFY(sync->syncing());
        QTest::qWait(200);  // the push is on the wire, hanging
        QElapsedTimer timer;
        timer.start();
        sync.reset();
        QVERIFY2(timer.elapsed() < 5000, "not the transport's 30 s timeout");
        QCOMPARE(f.archive->accountCount(), 1);
    }

    // The strip on every page: the state that matters most, in one line. (This test runs
    // without the .qm files: plurals read "change(s)"; the pages render the real forms.)
    void statusLineFollowsTheSyncState()
    {
        Fixture f;
        QCOMPARE(f.sync->statusKind(), QStringLiteral("signedOut"));
        QCOMPARE(f.sync->statusLine(), QStringLiteral("Not signed in · tap to sign in"));
        f.account(QStringLiteral("浙江省人民医院"));
        f.account(QStringLiteral("萧山宾馆"));
        QTRY_COMPARE(f.sync->pendingCount(), 2);
        QCOMPARE(f.sync->statusLine(), QStringLiteral("Not signed in · 2 change(s) kept on this phone"));

        // The server cannot be reached: said so, with what waits.
        f.signIn([](const fb::sync::TransportRequest&) { return dropped(); });
        // Who is signed in, with the team (the Me tab shows both).
        QCOMPARE(f.sync->userName(), QStringLiteral("张伟"));
        QCOMPARE(f.sync->userTeam(), QStringLiteral("华东区"));
        QTRY_VERIFY(!f.sync->syncing() && !f.sync->lastError().isEmpty());
        QCOMPARE(f.sync->statusKind(), QStringLiteral("unreachable"));
        QCOMPARE(f.sync->statusLine(), QStringLiteral("Cannot reach the server · 2 change(s) waiting"));

        // Offline wins over the old error: the phone knows why nothing is sent.
        f.network.setOnline(false);
        QCOMPARE(f.sync->statusKind(), QStringLiteral("offline"));
        QCOMPARE(f.sync->statusLine(), QStringLiteral("Offline · 2 change(s) waiting · never synced"));

        // Back online, the sync succeeds: all synced, with the time.
        f.server.set([](const fb::sync::TransportRequest& request) {
            if (request.path == "/v1/sync/push") {
                const auto push = fb::sync::decodePushRequest(request.body);
                fb::sync::PushResponse r;
                r.serverTimeMs = kEpochMs;
                for (const fb::sync::Change& change : push->changes) {
                    fb::sync::ChangeResult result;
                    result.seq = change.seq;
                    result.outcome = "applied";
                    for (const auto& [field, value] : change.fields)
                        result.clocks.emplace(field, change.hlc);
                    r.results.push_back(result);
                    r.lastSeq = change.seq;
                }
                return reply(200, fb::sync::encode(r));
            }
            fb::sync::PullResponse r;
            r.cursor = "1";
            return reply(200, fb::sync::encode(r));
        });
        QSignalSpy status(f.sync.get(), &SyncController::statusChanged);
        f.network.setOnline(true);
        QTRY_VERIFY(!f.sync->syncing() && f.sync->pendingCount() == 0);
        QVERIFY(!status.isEmpty());
        QCOMPARE(f.sync->statusKind(), QStringLiteral("synced"));
        QCOMPARE(f.sync->statusLine(), QStringLiteral("All synced · Today 09:00"));

        // A local edit: waiting, with the last sync.
        f.account(QStringLiteral("西湖文化广场"));
        QTRY_COMPARE(f.sync->pendingCount(), 1);
        QCOMPARE(f.sync->statusKind(), QStringLiteral("pending"));
        QCOMPARE(f.sync->statusLine(), QStringLiteral("1 change(s) waiting · last sync Today 09:00"));
    }

    void lastSyncTextSaysNeverBeforeTheFirstSync()
    {
        Fixture f;
        QCOMPARE(f.sync->lastSyncText(), QStringLiteral("Never"));
    }
};

QTEST_MAIN(TestSync)
#include "tst_sync.moc"
