// The freedesktop notification service (org.freedesktop.Notifications) on the session bus.
#pragma once

#include <QHash>
#include <QSet>

#include "fieldbook/platform/notifications.h"

namespace fb::platform {

class DesktopNotifications final : public Notifications {
    Q_OBJECT

public:
    explicit DesktopNotifications(QObject* parent = nullptr);
    void show(const Notice& notice) override;
    void withdraw(const QString& key) override;

private slots:
    void onActionInvoked(uint id, const QString& action);
    void onClosed(uint id, uint reason);

private:
    void close(uint id);

    QHash<QString, uint> shown_;          // our key -> the service's id, while shown
    QHash<QString, quint64> generation_;  // our key -> shows and withdraws made of it
    QSet<QString> withdrawn_;             // keys whose last call was a withdraw
};

}  // namespace fb::platform
