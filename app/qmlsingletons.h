// QML registration of the app-wide objects, kept apart from the classes themselves so that
// ArchiveController, AppSettings and SyncController carry no QML registration and can be
// made and tested as plain objects (the idea of KDE Itinerary's qmlregistrationhelper.h).
//
// main() creates the instances and stores them here before loading QML; the engine asks
// create() for them and never owns them (C++ ownership), so they outlive the engine's
// objects. A QML file that uses a singleton before main() set it gets null and a warning.
#pragma once

#include <QJSEngine>
#include <QQmlEngine>

#include "appointmentcontroller.h"
#include "appsettings.h"
#include "archivecontroller.h"
#include "contactcontroller.h"
#include "giftscontroller.h"
#include "locationcontroller.h"
#include "notificationcontroller.h"
#include "photocontroller.h"
#include "synccontroller.h"
#include "todaycontroller.h"
#include "visitcontroller.h"

class ArchiveSingleton {
    Q_GADGET
    QML_FOREIGN(ArchiveController)
    QML_NAMED_ELEMENT(Archive)
    QML_SINGLETON

public:
    static ArchiveController* create(QQmlEngine*, QJSEngine*);
    static inline ArchiveController* instance = nullptr;
};

class AppSettingsSingleton {
    Q_GADGET
    QML_FOREIGN(AppSettings)
    QML_NAMED_ELEMENT(AppSettings)
    QML_SINGLETON

public:
    static AppSettings* create(QQmlEngine*, QJSEngine*);
    static inline AppSettings* instance = nullptr;
};

class SyncSingleton {
    Q_GADGET
    QML_FOREIGN(SyncController)
    QML_NAMED_ELEMENT(Sync)
    QML_SINGLETON

public:
    static SyncController* create(QQmlEngine*, QJSEngine*);
    static inline SyncController* instance = nullptr;
};

class GiftsSingleton {
    Q_GADGET
    QML_FOREIGN(GiftsController)
    QML_NAMED_ELEMENT(Gifts)
    QML_SINGLETON

public:
    static GiftsController* create(QQmlEngine*, QJSEngine*);
    static inline GiftsController* instance = nullptr;
};

class NoticesSingleton {
    Q_GADGET
    QML_FOREIGN(NotificationController)
    QML_NAMED_ELEMENT(Notices)
    QML_SINGLETON

public:
    static NotificationController* create(QQmlEngine*, QJSEngine*);
    static inline NotificationController* instance = nullptr;
};

class LocationSingleton {
    Q_GADGET
    QML_FOREIGN(LocationController)
    QML_NAMED_ELEMENT(Location)
    QML_SINGLETON

public:
    static LocationController* create(QQmlEngine*, QJSEngine*);
    static inline LocationController* instance = nullptr;
};

class AgendaSingleton {
    Q_GADGET
    QML_FOREIGN(AppointmentController)
    QML_NAMED_ELEMENT(Agenda)
    QML_SINGLETON

public:
    static AppointmentController* create(QQmlEngine*, QJSEngine*);
    static inline AppointmentController* instance = nullptr;
};

class VisitSingleton {
    Q_GADGET
    QML_FOREIGN(VisitController)
    QML_NAMED_ELEMENT(Visit)
    QML_SINGLETON

public:
    static VisitController* create(QQmlEngine*, QJSEngine*);
    static inline VisitController* instance = nullptr;
};

class PhotosSingleton {
    Q_GADGET
    QML_FOREIGN(PhotoController)
    QML_NAMED_ELEMENT(Photos)
    QML_SINGLETON

public:
    static PhotoController* create(QQmlEngine*, QJSEngine*);
    static inline PhotoController* instance = nullptr;
};

class ContactSingleton {
    Q_GADGET
    QML_FOREIGN(ContactController)
    QML_NAMED_ELEMENT(Contact)
    QML_SINGLETON

public:
    static ContactController* create(QQmlEngine*, QJSEngine*);
    static inline ContactController* instance = nullptr;
};

class TodaySingleton {
    Q_GADGET
    QML_FOREIGN(TodayController)
    QML_NAMED_ELEMENT(Today)
    QML_SINGLETON

public:
    static TodayController* create(QQmlEngine*, QJSEngine*);
    static inline TodayController* instance = nullptr;
};
