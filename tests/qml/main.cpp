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
#include "fieldbook/platform/fakeplatform.h"
#include "fieldbook/sync/engine.h"
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
        contact_ = std::make_unique<ContactController>(*platform_.contact);
        auto* fakeShare = static_cast<fb::platform::FakeContactActions*>(platform_.contact.get());
        today_ = std::make_unique<TodayController>(
            *context_, *translations_, *fakeShare,
            std::make_unique<QSettings>(dir_.filePath(QStringLiteral("today.ini")), QSettings::IniFormat));
        SyncController::Dependencies syncDeps;
        syncDeps.installDerived = [dirty = today_->dirty()](fb::Store& store) {
            store.addDerived(fb::makeTodayTracker(dirty));
        };
        syncDeps.databasePath = context_->databasePath();
        syncDeps.clock = &context_->clock();
        syncDeps.changes = &context_->changes();
        syncDeps.translations = translations_.get();
        syncDeps.network = platform_.network.get();
        syncDeps.deviceName = QStringLiteral("QML test device");
        syncDeps.transport = [](const QUrl&) { return std::make_unique<OfflineTransport>(); };
        syncDeps.random = fb::sync::seededRandom(1);
        sync_ = std::make_unique<SyncController>(
            syncDeps,
            std::make_unique<QSettings>(dir_.filePath(QStringLiteral("sync.ini")), QSettings::IniFormat));
        gifts_ = std::make_unique<GiftsController>(*context_, *translations_);
        notices_ = std::make_unique<NotificationController>(*platform_.notifications);
        location_ = std::make_unique<LocationController>(
            *platform_.positioning, *translations_, context_->clock(),
            std::make_unique<QSettings>(dir_.filePath(QStringLiteral("location.ini")), QSettings::IniFormat));
        ArchiveSingleton::instance = archive_.get();
        AppSettingsSingleton::instance = settings_.get();
        SyncSingleton::instance = sync_.get();
        GiftsSingleton::instance = gifts_.get();
        ContactSingleton::instance = contact_.get();
        NoticesSingleton::instance = notices_.get();
        photos_ = std::make_unique<PhotoController>(*context_, *platform_.photos, *translations_);
        LocationSingleton::instance = location_.get();
        PhotosSingleton::instance = photos_.get();
        agenda_ = std::make_unique<AppointmentController>(*context_, *translations_);
        AgendaSingleton::instance = agenda_.get();
        visit_ = std::make_unique<VisitController>(*context_, *translations_);
        VisitSingleton::instance = visit_.get();
        TodaySingleton::instance = today_.get();
        seed();
        seedStock();
        seedOverwritten();
        seedRejected();
    }

    void qmlEngineAvailable(QQmlEngine* engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine->addImageProvider(QStringLiteral("photos"), new PhotoImageProvider(context_->queries()));
        settings_->setEngine(engine);
    }

    // Runs after the last test file's engine is gone but while the application still
    // exists: the translation loader must uninstall its translator before that ends.
    void cleanupTestCase()
    {
        ArchiveSingleton::instance = nullptr;
        AppSettingsSingleton::instance = nullptr;
        SyncSingleton::instance = nullptr;
        GiftsSingleton::instance = nullptr;
        ContactSingleton::instance = nullptr;
        NoticesSingleton::instance = nullptr;
        LocationSingleton::instance = nullptr;
        PhotosSingleton::instance = nullptr;
        AgendaSingleton::instance = nullptr;
        VisitSingleton::instance = nullptr;
        TodaySingleton::instance = nullptr;
        visit_.reset();
        agenda_.reset();
        photos_.reset();
        location_.reset();
        notices_.reset();
        contact_.reset();
        gifts_.reset();
        sync_.reset();
        today_.reset();
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

    // 西湖文化广场's phone: the rep entered 13800138000, a colleague's change made at 08:30
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

    // The catalogue, two policies and this user's ledger as a sync brings them (pulled
    // records, reported to the ChangeNotifier as a sync reports them), and another user's
    // ledger, which this phone holds but must not show as the rep's stock.
    void seedStock()
    {
        fb::Replica replica(context_->store());
        fb::Transaction tx(context_->database());
        replica.setSetting(tx, fb::sync::key::kUserId, "0190a000-0000-7000-8000-00000000aa01");
        const std::string server = "00000000-0000-7000-8000-000000000000";
        int n = 0;
        auto pulled = [&](const char* entity, fb::Fields fields) {
            const std::string digits = std::to_string(++n);
            const std::string id = "0190b000-0000-7000-8000-" + std::string(12 - digits.size(), '0') + digits;
            fb::RecordState state;
            const std::string stamp = fb::HlcStamp{kNowMs - 86'400'000, 0, server}.toString();
            for (const auto& [name, value] : fields)
                state.clocks.emplace(name, stamp);
            state.fields = std::move(fields);
            if (!replica.applyRemote(tx, entity, id, state)) qFatal("seeding %s failed", entity);
            return id;
        };
        const std::string box = pulled("gift_item", {{"code", std::string("G001")},
                                                     {"name", std::string("定制礼盒装白酒")},
                                                     {"category", std::string("gift")},
                                                     {"unit", std::string("盒")},
                                                     {"unit_value", std::int64_t{68800}}});
        const std::string wine = pulled("gift_item", {{"code", std::string("S001")},
                                                      {"name", std::string("品鉴酒 125ml")},
                                                      {"category", std::string("sample")},
                                                      {"unit", std::string("瓶")},
                                                      {"unit_value", std::int64_t{3800}}});
        auto movement = [&](const std::string& owner, const std::string& item, const char* kind,
                            std::int64_t q) {
            pulled("stock_movement", {{"owner_id", owner},
                                      {"item_id", item},
                                      {"kind", std::string(kind)},
                                      {"quantity", q},
                                      {"moved_at", kNowMs - 86'400'000}});
        };
        movement("0190a000-0000-7000-8000-00000000aa01", box, "receipt", 6);
        movement("0190a000-0000-7000-8000-00000000aa01", wine, "receipt", 1200);
        movement("0190a000-0000-7000-8000-00000000aa01", wine, "issue", -24);
        movement("0190a000-0000-7000-8000-00000000aa02", box, "receipt", 99);
        pulled("tier_policy", {{"tier", std::string("A")},
                               {"activity", std::string("phone_callback")},
                               {"period", std::string("month")},
                               {"min_count", std::int64_t{3}}});
        pulled("tier_policy", {{"tier", std::string("A")},
                               {"activity", std::string("points_redemption")},
                               {"period", std::string("month")},
                               {"max_count", std::int64_t{1}}});
        tx.commit();
        context_->changes().report(ChangeNotifier::Origin::Sync);
    }

    QTemporaryDir dir_;
    std::unique_ptr<AppContext> context_;
    fb::platform::Platform platform_;
    std::unique_ptr<TranslationLoader> translations_;
    std::unique_ptr<ArchiveController> archive_;
    std::unique_ptr<AppSettings> settings_;
    std::unique_ptr<SyncController> sync_;
    std::unique_ptr<GiftsController> gifts_;
    std::unique_ptr<ContactController> contact_;
    std::unique_ptr<NotificationController> notices_;
    std::unique_ptr<LocationController> location_;
    std::unique_ptr<PhotoController> photos_;
    std::unique_ptr<AppointmentController> agenda_;
    std::unique_ptr<VisitController> visit_;
    std::unique_ptr<TodayController> today_;
};

QUICK_TEST_MAIN_WITH_SETUP(fieldbook_qml, Setup)

#include "main.moc"
