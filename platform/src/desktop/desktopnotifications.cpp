#include "desktopnotifications.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QVariantMap>

namespace fb::platform {
namespace {

const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
// A service that does not answer within this is taken as none (the app shows it itself).
constexpr int kTimeoutMs = 3000;

}  // namespace

DesktopNotifications::DesktopNotifications(QObject* parent) : Notifications(parent)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) return;
    bus.connect(kService, kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                SLOT(onActionInvoked(uint, QString)));
    bus.connect(kService, kPath, kInterface, QStringLiteral("NotificationClosed"), this,
                SLOT(onClosed(uint, uint)));
}

void DesktopNotifications::show(const Notice& notice)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        // No session bus (a server, a CI machine, a bare X session): after this call returns,
        // as a service's refusal would come.
        QMetaObject::invokeMethod(
            this, [this, notice] { emit unavailable(notice); }, Qt::QueuedConnection);
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("Notify"));
    // "default" is the action of a click on the notice itself.
    call << QStringLiteral("Fieldbook") << shown_.value(notice.key, 0u) << QStringLiteral("fieldbook")
         << notice.title << notice.body << QStringList{QStringLiteral("default"), notice.title}
         << QVariantMap{{QStringLiteral("desktop-entry"), QStringLiteral("fieldbook")}} << -1;
    const quint64 generation = ++generation_[notice.key];
    withdrawn_.remove(notice.key);
    auto* watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, kTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, notice, generation] {
        watcher->deleteLater();
        const QDBusPendingReply<uint> reply = *watcher;
        if (reply.isError()) {
            emit unavailable(notice);
            return;
        }
        // The answer of a call overtaken by a later show or withdraw of the same key: a withdrawn
        // notice must not become ours again (its click would open what the rep no longer has).
        if (generation_.value(notice.key) != generation) {
            if (withdrawn_.contains(notice.key)) close(reply.value());
            return;
        }
        shown_.insert(notice.key, reply.value());
    });
}

void DesktopNotifications::close(uint id)
{
    QDBusMessage call =
        QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("CloseNotification"));
    call << id;
    QDBusConnection::sessionBus().asyncCall(call, kTimeoutMs);
}

void DesktopNotifications::withdraw(const QString& key)
{
    // A show still waiting for its answer is withdrawn too (see show()).
    if (generation_.contains(key)) {
        ++generation_[key];
        withdrawn_.insert(key);
    }
    const auto it = shown_.constFind(key);
    if (it == shown_.constEnd()) return;
    close(it.value());
    shown_.erase(it);
}

void DesktopNotifications::onActionInvoked(uint id, const QString& action)
{
    const QString key = shown_.key(id);
    if (key.isEmpty() || action != QLatin1String("default")) return;
    emit activated(key);
}

void DesktopNotifications::onClosed(uint id, uint /*reason*/)
{
    const QString key = shown_.key(id);
    if (!key.isEmpty()) shown_.remove(key);
}

}  // namespace fb::platform
