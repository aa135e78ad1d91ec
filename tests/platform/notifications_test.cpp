// The desktop notifications against the freedesktop notification service on a real session
// bus (notifications_test.sh gives this process a private one): a stand-in service registered
// here on that bus receives the calls and sends the signals a desktop's would. And with no
// service, and with no bus at all: every notice is answered unavailable (the app's banner).
// Usage: fb_notifications_test service|nobus
#include <cstdio>

#include <QCoreApplication>
#include <QDBusConnection>
#include <QTest>
#include <QVariantMap>

#include "desktopnotifications.h"

namespace {

int failures = 0;

void check(bool ok, const char* what)
{
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    if (!ok) ++failures;
}

struct Call {
    QString app;
    uint replaces = 0;
    QString summary;
    QString body;
    QStringList actions;
};

// What a desktop's notification server does, as far as Fieldbook uses it.
class StandInService : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    std::vector<Call> calls;
    std::vector<uint> closed;
    uint nextId = 41;

public slots:
    uint Notify(const QString& app, uint replaces, const QString& /*icon*/, const QString& summary,
                const QString& body, const QStringList& actions, const QVariantMap& /*hints*/,
                int /*timeout*/)
    {
        calls.push_back({app, replaces, summary, body, actions});
        return replaces != 0 ? replaces : ++nextId;
    }
    void CloseNotification(uint id) { closed.push_back(id); }
    QStringList GetCapabilities() { return {QStringLiteral("actions"), QStringLiteral("body")}; }

signals:
    void ActionInvoked(uint id, const QString& action);
    void NotificationClosed(uint id, uint reason);
};

bool answeredUnavailable(fb::platform::Notifications& n)
{
    bool unavailable = false;
    QObject::connect(&n, &fb::platform::Notifications::unavailable, [&](const fb::platform::Notice& notice) {
        unavailable = notice.key == QLatin1String("sync");
    });
    n.show({QStringLiteral("sync"), QStringLiteral("同步"), QStringLiteral("请重新登录")});
    return QTest::qWaitFor([&] { return unavailable; }, 5000);
}

}  // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QString mode = argc > 1 ? QString::fromLatin1(argv[1]) : QString();
    if (mode == QLatin1String("nobus")) {
        fb::platform::DesktopNotifications n;
        check(answeredUnavailable(n), "no session bus: the notice is answered unavailable");
        return failures == 0 ? 0 : 1;
    }

    QDBusConnection bus = QDBusConnection::sessionBus();
    check(bus.isConnected(), "a session bus");
    fb::platform::DesktopNotifications n;
    check(answeredUnavailable(n), "no notification service on the bus: answered unavailable");

    StandInService service;
    check(bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &service,
                             QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals),
          "the stand-in service is on the bus");
    check(bus.registerService(QStringLiteral("org.freedesktop.Notifications")), "under the service's name");

    bool unavailable = false;
    QString activated;
    QObject::connect(&n, &fb::platform::Notifications::unavailable, [&] { unavailable = true; });
    QObject::connect(&n, &fb::platform::Notifications::activated,
                     [&](const QString& key) { activated = key; });
    n.show({QStringLiteral("sync"), QStringLiteral("请重新登录以同步"), QStringLiteral("自动同步未能进行")});
    check(QTest::qWaitFor([&] { return service.calls.size() == 1; }, 5000),
          "the service received the notice");
    if (service.calls.size() == 1) {
        const Call& c = service.calls[0];
        check(c.app == QLatin1String("Fieldbook") && c.replaces == 0, "as Fieldbook, a new notice");
        check(c.summary == QStringLiteral("请重新登录以同步") && c.body == QStringLiteral("自动同步未能进行"),
              "with its title and text");
        check(c.actions.contains(QStringLiteral("default")), "with the default action (a click on it)");
    }
    QTest::qWait(100);  // the reply with the service's id
    n.show({QStringLiteral("sync"), QStringLiteral("第二条"), QString()});
    check(QTest::qWaitFor([&] { return service.calls.size() == 2; }, 5000) && service.calls[1].replaces == 42,
          "the same key again replaces the notice shown");
    emit service.ActionInvoked(42, QStringLiteral("default"));
    check(QTest::qWaitFor([&] { return activated == QLatin1String("sync"); }, 5000),
          "a click on it is the rep's tap on that key");
    n.withdraw(QStringLiteral("sync"));
    check(QTest::qWaitFor([&] { return service.closed.size() == 1 && service.closed[0] == 42; }, 5000),
          "withdrawing closes it at the service");
    activated.clear();
    emit service.ActionInvoked(42, QStringLiteral("default"));
    QTest::qWait(200);
    check(activated.isEmpty(), "a notice withdrawn is no longer ours");
    check(!unavailable, "nothing was answered unavailable while the service ran");
    return failures == 0 ? 0 : 1;
}

#include "notifications_test.moc"
