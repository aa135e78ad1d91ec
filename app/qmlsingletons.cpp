// See qmlsingletons.h.
#include "qmlsingletons.h"

#include "applogging.h"

namespace {
template <typename T> T* hand(T* object, const char* name)
{
    if (!object) {
        qCWarning(lcApp) << "QML asked for the" << name << "singleton before main() made it";
        return nullptr;
    }
    QJSEngine::setObjectOwnership(object, QJSEngine::CppOwnership);
    return object;
}
}  // namespace

ArchiveController* ArchiveSingleton::create(QQmlEngine*, QJSEngine*)
{
    return hand(instance, "Archive");
}

AppSettings* AppSettingsSingleton::create(QQmlEngine*, QJSEngine*)
{
    return hand(instance, "AppSettings");
}

SyncController* SyncSingleton::create(QQmlEngine*, QJSEngine*)
{
    return hand(instance, "Sync");
}

GiftsController* GiftsSingleton::create(QQmlEngine*, QJSEngine*)
{
    return hand(instance, "Gifts");
}

NotificationController* NoticesSingleton::create(QQmlEngine*, QJSEngine*)
{
    return hand(instance, "Notices");
}

AppointmentController* AgendaSingleton::create(QQmlEngine*, QJSEngine*)
{
    return hand(instance, "Agenda");
}

VisitController* VisitSingleton::create(QQmlEngine*, QJSEngine*)
{
    return hand(instance, "Visit");
}

PhotoController* PhotosSingleton::create(QQmlEngine*, QJSEngine*)
{
    return hand(instance, "Photos");
}

LocationController* LocationSingleton::create(QQmlEngine*, QJSEngine*)
{
    return hand(instance, "Location");
}

ContactController* ContactSingleton::create(QQmlEngine*, QJSEngine*)
{
    return hand(instance, "Contact");
}

TodayController* TodaySingleton::create(QQmlEngine*, QJSEngine*)
{
    return hand(instance, "Today");
}
