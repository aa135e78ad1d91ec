#include "notificationcontroller.h"

NotificationController::NotificationController(fb::platform::Notifications& os, QObject* parent)
    : QObject(parent), os_(os)
{
    connect(&os_, &fb::platform::Notifications::unavailable, this, &NotificationController::showBanner);
    connect(&os_, &fb::platform::Notifications::activated, this, [this](const QString& key) {
        if (banner_.value(QStringLiteral("key")).toString() == key) dismiss();
        emit opened(key);
    });
}

void NotificationController::notify(const QString& key, const QString& title, const QString& body)
{
    os_.show({key, title, body});
}

void NotificationController::withdraw(const QString& key)
{
    os_.withdraw(key);
    if (banner_.value(QStringLiteral("key")).toString() == key) dismiss();
}

void NotificationController::showBanner(const fb::platform::Notice& notice)
{
    banner_ = {{QStringLiteral("key"), notice.key},
               {QStringLiteral("title"), notice.title},
               {QStringLiteral("body"), notice.body}};
    emit bannerChanged();
}

void NotificationController::activate()
{
    const QString key = banner_.value(QStringLiteral("key")).toString();
    if (key.isEmpty()) return;
    dismiss();
    emit opened(key);
}

void NotificationController::dismiss()
{
    if (banner_.isEmpty()) return;
    banner_.clear();
    emit bannerChanged();
}
