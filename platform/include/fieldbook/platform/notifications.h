// Telling the rep something while they look elsewhere: an automatic sync that needs them to
// sign in again, changes the server did not take; next, the visit issue's appointment
// reminders. Phones: the OS notification; desktop: the freedesktop notification service over
// D-Bus (GNOME Shell, KDE Plasma, dunst…). Where none takes it, the platform says so
// (unavailable) and the app shows the notice itself (app/notificationcontroller.h).
// UI thread.
#pragma once

#include <QObject>
#include <QString>

namespace fb::platform {

struct Notice {
    QString key;  // what it is about; tapping it opens that ("sync", later "appointment:<id>")
    QString title;
    QString body;
};

class Notifications : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    // Shows the notice, replacing one shown before with the same key. Answers at once or
    // later with unavailable() when the OS did not take it.
    virtual void show(const Notice& notice) = 0;
    // Takes back the notice with this key, if it is still shown.
    virtual void withdraw(const QString& key) = 0;

signals:
    void unavailable(const fb::platform::Notice& notice);
    void activated(const QString& key);  // the rep tapped it
};

}  // namespace fb::platform
