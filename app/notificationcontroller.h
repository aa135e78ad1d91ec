// NotificationController: the app's notices to the rep (the `Notices` singleton). A notice goes
// to the OS (platform Notifications); where the OS does not take it, the app shows it itself
// as a banner (`banner`, shown by NoticeBanner.qml until tapped, dismissed or replaced). A tap
// on either — the OS notification or the banner — emits opened(key), and Main.qml opens what
// the key names ("sync": the Sync tab).
//
// Ownership: created by main() (or a test); borrows the Notifications, which outlive it.
#pragma once

#include <QObject>
#include <QVariantMap>

#include "fieldbook/platform/notifications.h"

class NotificationController : public QObject {
    Q_OBJECT
    // {key, title, body} of the notice the app shows itself; empty when none.
    Q_PROPERTY(QVariantMap banner READ banner NOTIFY bannerChanged)

public:
    explicit NotificationController(fb::platform::Notifications& os, QObject* parent = nullptr);

    QVariantMap banner() const { return banner_; }
    // Shows a notice, replacing the one with the same key.
    void notify(const QString& key, const QString& title, const QString& body);
    // Takes it back (the OS's and the banner), e.g. once the rep has dealt with it.
    void withdraw(const QString& key);
    // The rep tapped the banner.
    Q_INVOKABLE void activate();
    Q_INVOKABLE void dismiss();

signals:
    void bannerChanged();
    void opened(const QString& key);

private:
    void showBanner(const fb::platform::Notice& notice);

    fb::platform::Notifications& os_;
    QVariantMap banner_;
};
