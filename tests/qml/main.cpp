// QtQuickTest runner for the Fieldbook.Ui pages. Before any test file is loaded the setup
// object builds the app's objects on a temporary device database holding a few accounts
// (and key persons), then hands them to QML as the Archive and AppSettings singletons,
// exactly as main() does. The language is Chinese, the rep's default. The Sync singleton is
// a real SyncController on the same database with a fake network monitor and a transport
// that never reaches a network (the tests check what happens before anything is sent). The
// database also holds one overwritten change, as a sync that lost a field would leave it.
#include <memory>

#include <QDebug>
#include <QLocale>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QSettings>
#include <QTemporaryDir>
#include <QtPlugin>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

#include "appcontext.h"
#include "appsettings.h"
#include "archivecontroller.h"
#include "fieldbook/core/clock.h"
#include "fieldbook/core/hlc.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/platform/platform.h"
#include "qmlsingletons.h"
#include "synccontroller.h"
#include "translationloader.h"

Q_IMPORT_QML_PLUGIN(Fieldbook_AppPlugin)
Q_IMPORT_QML_PLUGIN(Fieldbook_UiPlugin)

namespace {

// Answers every request as a dropped connection: no test here may reach a real network.
class OfflineTransport final : public fb::sync::Transport {
public:
    fb::sync::TransportResponse exchange(const fb::sync::TransportRequest&) override
    {
        fb::sync::TransportResponse response;
        response.networkError = QStringLiteral("no network in QML tests");
        return response;
    }
};

// 2026-03-16 09:00 Beijing time.
constexpr std::int64_t kNowMs = 1773622800000;

struct SeedPerson {
    const char* name;
    const char* role;
    const char* title;
    const char* temperament;
};
struct SeedAccount {
    const char* name;
    const char* tier;
    const char* stage;
    const char* industry;
    const char* region;
    std::vector<SeedPerson> persons;
};

const std::vector<SeedAccount>& seedAccounts()
{
    static const std::vector<SeedAccount> list = {
        {"杭州西湖国宾馆",
         "KA",
         "maturity",
         "酒店",
         "西湖区",
         {{"王建国", "head", "总经理", "cautious"}, {"陈丽", "handler", "行政主管", "talkative"}}},
        {"浙江省人民医院",
         "A",
         "growth",
         "医疗",
         "上城区",
         {{"李娜", "decision_maker", "采购处长", "impatient"}}},
        {"余杭区农资合作社", "B", "acquisition", "农业", "余杭区", {}},
        {"滨江科技园管委会", "C", "decline", "政府机关", "滨江区", {}},
        {"拱墅区便利连锁", "P", "acquisition", "零售", "拱墅区", {}},
        {"萧山宾馆", "A", "maturity", "酒店", "萧山区", {{"赵强", "handler", "办公室主任", ""}}},
    };
    return list;
}

}  // namespace

class Setup : public QObject {
    Q_OBJECT

public slots:
    void applicationAvailable()
    {
        QQuickStyle::setStyle(QStringLiteral("Material"));
        QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
        if (!dir_.isValid()) qFatal("no temporary directory");
        auto opened = AppContext::open(dir_.filePath(QStringLiteral("device.db")),
                                       std::make_unique<fb::FakeClock>(kNowMs));
        if (!opened) qFatal("cannot open the test database: %s", opened.error().message.c_str());
        context_ = std::move(opened).value();
        platform_ = fb::platform::createFakePlatform(dir_.path());
        translations_ = std::make_unique<TranslationLoader>();
        archive_ = std::make_unique<ArchiveController>(*context_, *translations_);
        AppSettings::Dependencies deps;
        deps.archive = archive_.get();
        deps.translations = translations_.get();
        deps.deviceInfo = platform_.device.get();
        deps.systemLocale = platform_.locale.get();
        deps.deviceId = QStringLiteral("test-device");
        settings_ = std::make_unique<AppSettings>(
            deps,
            std::make_unique<QSettings>(dir_.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat));
        settings_->useLanguageForThisRun(QStringLiteral("zh_CN"));
        SyncController::Dependencies syncDeps;
        syncDeps.databasePath = context_->databasePath();
        syncDeps.clock = &context_->clock();
        syncDeps.archive = archive_.get();
        syncDeps.translations = translations_.get();
        syncDeps.network = platform_.network.get();
        syncDeps.deviceName = QStringLiteral("QML test device");
        syncDeps.transport = [](const QUrl&) { return std::make_unique<OfflineTransport>(); };
        syncDeps.random = fb::sync::seededRandom(1);
        sync_ = std::make_unique<SyncController>(
            syncDeps,
            std::make_unique<QSettings>(dir_.filePath(QStringLiteral("sync.ini")), QSettings::IniFormat));
        ArchiveSingleton::instance = archive_.get();
        AppSettingsSingleton::instance = settings_.get();
        SyncSingleton::instance = sync_.get();
        seed();
        seedOverwritten();
        seedRejected();
    }

    void qmlEngineAvailable(QQmlEngine* engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        settings_->setEngine(engine);
    }

    // Runs after the last test file's engine is gone but while the application still
    // exists: the translation loader must uninstall its translator before that ends.
    void cleanupTestCase()
    {
        ArchiveSingleton::instance = nullptr;
        AppSettingsSingleton::instance = nullptr;
        SyncSingleton::instance = nullptr;
        sync_.reset();
        settings_.reset();
        archive_.reset();
        translations_.reset();
        context_.reset();
    }

private:
    void seed()
    {
        for (const SeedAccount& a : seedAccounts()) {
            const QVariantMap saved = archive_->saveAccount({}, {{"name", QString::fromUtf8(a.name)},
                                                                 {"tier", QString::fromUtf8(a.tier)},
                                                                 {"stage", QString::fromUtf8(a.stage)},
                                                                 {"industry", QString::fromUtf8(a.industry)},
                                                                 {"region", QString::fromUtf8(a.region)}});
            if (!saved.value("ok").toBool())
                qFatal("seeding account failed: %s", qPrintable(saved.value("message").toString()));
            for (const SeedPerson& p : a.persons) {
                const QVariantMap person =
                    archive_->saveKeyPerson({}, saved.value("id").toString(),
                                            {{"name", QString::fromUtf8(p.name)},
                                             {"role", QString::fromUtf8(p.role)},
                                             {"title", QString::fromUtf8(p.title)},
                                             {"temperament", QString::fromUtf8(p.temperament)}});
                if (!person.value("ok").toBool())
                    qFatal("seeding key person failed: %s", qPrintable(person.value("message").toString()));
            }
        }
    }

    // 杭州西湖国宾馆's phone: the rep entered 13800138000, a colleague's change made at 08:30
    // on another device won, and this phone now holds that change's 13900139000.
    void seedOverwritten()
    {
        const QVariantMap saved = archive_->saveAccount({}, {{"name", QStringLiteral("西湖文化广场")},
                                                             {"tier", QStringLiteral("A")},
                                                             {"stage", QStringLiteral("growth")},
                                                             {"phone", QStringLiteral("13900139000")}});
        if (!saved.value("ok").toBool()) qFatal("seeding the overwritten account failed");
        const std::string id = saved.value("id").toString().toStdString();
        fb::Replica replica(context_->store());
        fb::Transaction tx(context_->database());
        fb::RejectedChange change;
        change.kind = fb::RejectedChange::Kind::Overridden;
        change.seq = 1000;
        change.entity = "account";
        change.recordId = id;
        change.op = "update";
        change.fieldsJson = R"({"phone":"13800138000"})";
        change.atMs = kNowMs;
        change.lost = {
            {"phone",
             fb::HlcStamp{kNowMs - 30 * 60'000, 0, "0190a000-0000-7000-8000-0000000000bb"}.toString(), 0}};
        replica.addRejected(tx, change);
        tx.commit();
        sync_->refreshPending();
    }

    // 良渚文化村商会 was taken away from the rep before her change reached the server: the
    // server refused it (out_of_scope, its English reason) and the phone went back to its state.
    void seedRejected()
    {
        const QVariantMap saved = archive_->saveAccount({}, {{"name", QStringLiteral("良渚文化村商会")},
                                                             {"tier", QStringLiteral("B")},
                                                             {"stage", QStringLiteral("growth")}});
        if (!saved.value("ok").toBool()) qFatal("seeding the rejected account failed");
        fb::Replica replica(context_->store());
        fb::Transaction tx(context_->database());
        fb::RejectedChange change;
        change.kind = fb::RejectedChange::Kind::Rejected;
        change.seq = 1001;
        change.entity = "account";
        change.recordId = saved.value("id").toString().toStdString();
        change.op = "update";
        change.fieldsJson = R"({"tier":"KA","phone":"13800138000"})";
        change.code = "out_of_scope";
        change.message = "account " + change.recordId + " is not assigned to you";
        change.atMs = kNowMs;
        replica.addRejected(tx, change);
        tx.commit();
        sync_->refreshPending();
    }

    QTemporaryDir dir_;
    std::unique_ptr<AppContext> context_;
    fb::platform::Platform platform_;
    std::unique_ptr<TranslationLoader> translations_;
    std::unique_ptr<ArchiveController> archive_;
    std::unique_ptr<AppSettings> settings_;
    std::unique_ptr<SyncController> sync_;
};

QUICK_TEST_MAIN_WITH_SETUP(fieldbook_qml, Setup)

#include "main.moc"
