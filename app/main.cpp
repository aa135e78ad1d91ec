// The `fieldbook` executable: builds the platform, the clock, the device database and the
// controllers, connects them and loads the QML UI. Nothing else lives here; the logic is
// in fb_app (and below it, fb_core), where tests can reach it.
//
// Destruction order matters: the QML engine is declared after the objects it borrows
// (through the singletons), so it is destroyed first.
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QSettings>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

#include "appcontext.h"
#include "applogging.h"
#include "appsettings.h"
#include "archivecontroller.h"
#include "fieldbook/core/database.h"
#include "fieldbook/platform/platform.h"
#include "launchoptions.h"
#include "qmlsingletons.h"
#include "synccontroller.h"
#include "translationloader.h"
#include "uirunner.h"

Q_IMPORT_QML_PLUGIN(Fieldbook_AppPlugin)
Q_IMPORT_QML_PLUGIN(Fieldbook_UiPlugin)

int main(int argc, char* argv[])
{
    fb::configureSqlite();  // before anything opens a database
    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName(QStringLiteral("Fieldbook"));
    QGuiApplication::setApplicationName(QStringLiteral("fieldbook"));
    QGuiApplication::setApplicationVersion(QStringLiteral(FB_VERSION));

    QString error;
    const auto options = LaunchOptions::parse(QGuiApplication::arguments(), &error);
    if (!options) {
        qCCritical(lcApp).noquote() << error;
        return 2;
    }
    const bool unattended = options->selfTest || !options->screenshotPath.isEmpty();
    QQuickStyle::setStyle(QStringLiteral("Material"));

    const fb::platform::Platform platform = fb::platform::createDesktopPlatform();
    const QString databasePath =
        options->databasePath.isEmpty() ? platform.storage->deviceDatabasePath() : options->databasePath;
    auto context = AppContext::open(databasePath, std::make_unique<fb::SystemClock>());
    if (!context) {
        qCCritical(lcApp).noquote() << "cannot open" << databasePath << ":"
                                    << QString::fromStdString(context.error().message);
        return 1;
    }

    TranslationLoader translations;
    ArchiveController archive(**context, translations);
    // Unattended runs keep preferences in a throwaway file, so a screenshot in English
    // never changes the rep's own language choice.
    QTemporaryDir scratch;
    auto settings = unattended ? std::make_unique<QSettings>(scratch.filePath(QStringLiteral("settings.ini")),
                                                             QSettings::IniFormat)
                               : std::make_unique<QSettings>();
    AppSettings appSettings({.archive = &archive,
                             .translations = &translations,
                             .deviceInfo = platform.device.get(),
                             .systemLocale = platform.locale.get(),
                             .deviceId = QString::fromStdString((*context)->device().deviceId())},
                            std::move(settings));
    if (!options->language.isEmpty()) appSettings.useLanguageForThisRun(options->language);

    TodayController today(**context, translations, *platform.contact,
                          unattended
                              ? std::make_unique<QSettings>(scratch.filePath(QStringLiteral("settings.ini")),
                                                            QSettings::IniFormat)
                              : std::make_unique<QSettings>());
    auto syncSettings = unattended
                            ? std::make_unique<QSettings>(scratch.filePath(QStringLiteral("settings.ini")),
                                                          QSettings::IniFormat)
                            : std::make_unique<QSettings>();
    SyncController sync(
        {.databasePath = databasePath,
         .clock = &(*context)->clock(),
         .changes = &(*context)->changes(),
         .translations = &translations,
         .network = platform.network.get(),
         .background = platform.background.get(),
         .secrets = platform.secrets.get(),
         .deviceName = platform.device->modelName(),
         .installDerived =
             [dirty = today.dirty()](fb::Store& store) { store.addDerived(fb::makeTodayTracker(dirty)); }},
        std::move(syncSettings));
    QObject::connect(&appSettings, &AppSettings::languageChanged, &sync, &SyncController::retranslate);
    GiftsController gifts(**context, translations);
    ContactController contact(*platform.contact);
    NotificationController notices(*platform.notifications);
    LocationController location(
        *platform.positioning, translations, (*context)->clock(),
        unattended ? std::make_unique<QSettings>(scratch.filePath(QStringLiteral("settings.ini")),
                                                 QSettings::IniFormat)
                   : std::make_unique<QSettings>());
    PhotoController photos(**context, *platform.photos, translations);
    AppointmentController agenda(
        **context, translations,
        unattended ? std::make_unique<QSettings>(scratch.filePath(QStringLiteral("settings.ini")),
                                                 QSettings::IniFormat)
                   : std::make_unique<QSettings>());
    VisitController visit(**context, translations);
    QObject::connect(&agenda, &AppointmentController::reminderDue, &notices,
                     [&notices](const QString& key, const QString& title, const QString& body) {
                         notices.notify(key, title, body);
                     });
    QObject::connect(&today, &TodayController::morningNotice, &notices,
                     [&notices](const QString& title, const QString& body) {
                         notices.notify(QStringLiteral("today"), title, body);
                     });
    QObject::connect(&appSettings, &AppSettings::languageChanged, &today, &TodayController::refresh);
    QObject::connect(&sync, &SyncController::attentionNeeded, &notices,
                     [&notices](const QString& title, const QString& body) {
                         notices.notify(QStringLiteral("sync"), title, body);
                     });
    QObject::connect(&sync, &SyncController::attentionResolved, &notices,
                     [&notices] { notices.withdraw(QStringLiteral("sync")); });
    QObject::connect(&appSettings, &AppSettings::languageChanged, &gifts, &GiftsController::reload);
    // Another device's photo opened here: its picture is fetched on the sync worker.
    QObject::connect(&photos, &PhotoController::fetchWanted, &sync, &SyncController::fetchAttachment);
    QObject::connect(&sync, &SyncController::attachmentFetched, &photos, &PhotoController::fetched);
    QObject::connect(&sync, &SyncController::syncFinished, &photos, [&photos](bool ok) {
        if (ok) photos.retryFailedFetches();
    });
    if (!options->serverUrl.isEmpty()) {
        const QVariantMap started = sync.signIn(options->serverUrl, options->login, options->password);
        if (!started.value(QStringLiteral("ok")).toBool()) {
            qCCritical(lcApp).noquote() << "--server:" << started.value(QStringLiteral("message")).toString()
                                        << started.value(QStringLiteral("errors")).toMap().values();
            return 2;
        }
    }

    ArchiveSingleton::instance = &archive;
    AppSettingsSingleton::instance = &appSettings;
    SyncSingleton::instance = &sync;
    GiftsSingleton::instance = &gifts;
    ContactSingleton::instance = &contact;
    NoticesSingleton::instance = &notices;
    LocationSingleton::instance = &location;
    PhotosSingleton::instance = &photos;
    AgendaSingleton::instance = &agenda;
    VisitSingleton::instance = &visit;
    TodaySingleton::instance = &today;

    QQmlApplicationEngine engine;
    // Qt 6.4 does not search qrc:/qt/qml by default (6.5 does); the modules live there.
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine.addImageProvider(QStringLiteral("photos"), new PhotoImageProvider((*context)->queries()));
    appSettings.setEngine(&engine);
    UiRunner runner(engine, **context, &sync);
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Fieldbook/Ui/Main.qml")));
    // The self-test goes on without a window: compiling each file one by one says which
    // component broke Main.qml.
    if (options->selfTest) return runner.selfTest();
    if (engine.rootObjects().isEmpty()) {
        qCCritical(lcApp) << "Main.qml failed to load";
        return 1;
    }
    if (!options->screenshotPath.isEmpty()) return runner.screenshot(*options);
    return QGuiApplication::exec();
}
