// Tests of the app layer as QML uses it: the account list (paging, search, filters,
// reload after edits) checked by QAbstractItemModelTester, and the Archive controller's
// saves, errors, options and language switching. Each test gets a fresh device database
// in a temporary directory, a fake clock at 2026-03-02 09:00 Beijing time, and a pinned
// time zone and locale, so results do not depend on the machine.
#include <memory>

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QSemaphore>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QUrlQuery>
#include <QtTest>

#include "accountlistmodel.h"
#include "appcontext.h"
#include "appointmentcontroller.h"
#include "appsettings.h"
#include "archivecontroller.h"
#include "changenotifier.h"
#include "contactcontroller.h"
#include "fieldbook/core/appointments.h"
#include "fieldbook/core/blobs.h"
#include "fieldbook/core/clock.h"
#include "fieldbook/core/hlc.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/schema.h"
#include "fieldbook/core/temperament.h"
#include "fieldbook/core/visits.h"
#include "fieldbook/platform/fakeplatform.h"
#include "fieldbook/sync/engine.h"
#include "locationcontroller.h"
#include "photocontroller.h"
#include "queryexecutor.h"
#include "recordeditor.h"
#include "translationloader.h"
#include "visitcontroller.h"

namespace {

constexpr std::int64_t kEpochMs = 1'772'413'200'000;  // 2026-03-02 09:00 +08:00

// A device database with the app's objects on top, as main() wires them.
struct AppFixture {
    QTemporaryDir dir;
    fb::FakeClock* clock = nullptr;
    std::unique_ptr<AppContext> context;
    TranslationLoader translations{QStringLiteral(":/test-i18n")};
    std::unique_ptr<ArchiveController> archive;

    AppFixture()
    {
        auto fakeClock = std::make_unique<fb::FakeClock>(kEpochMs, 480);
        clock = fakeClock.get();
        auto opened = AppContext::open(dir.filePath(QStringLiteral("device.db")), std::move(fakeClock));
        if (!opened) qFatal("cannot open test database: %s", opened.error().message.c_str());
        context = std::move(opened).value();
        translations.load(QStringLiteral("en"));
        archive = std::make_unique<ArchiveController>(*context, translations);
    }

    QString account(const QString& name, const QString& tier = QStringLiteral("C"),
                    const QVariantMap& extra = {})
    {
        QVariantMap fields = extra;
        fields.insert(QStringLiteral("name"), name);
        fields.insert(QStringLiteral("tier"), tier);
        if (!fields.contains(QStringLiteral("stage")))
            fields.insert(QStringLiteral("stage"), QStringLiteral("growth"));
        const QVariantMap result = archive->saveAccount({}, fields);
        if (!result.value(QStringLiteral("ok")).toBool()) {
            qFatal("cannot create account: %s",
                   qPrintable(result.value(QStringLiteral("message")).toString()));
        }
        clock->advance(1000);
        return result.value(QStringLiteral("id")).toString();
    }

    QString person(const QString& accountId, const QString& name, const QString& role)
    {
        const QVariantMap result = archive->saveKeyPerson(
            {}, accountId, {{QStringLiteral("name"), name}, {QStringLiteral("role"), role}});
        if (!result.value(QStringLiteral("ok")).toBool()) {
            qFatal("cannot create key person: %s",
                   qPrintable(result.value(QStringLiteral("message")).toString()));
        }
        clock->advance(1000);
        return result.value(QStringLiteral("id")).toString();
    }

    // Many accounts in one transaction, straight through core (fast set-up for paging).
    void bulkAccounts(int n)
    {
        fb::Transaction tx(context->database());
        for (int i = 0; i < n; ++i) {
            auto id = context->archive().createAccount(tx, {{"name", "客户" + std::to_string(1000 + i)},
                                                            {"tier", std::string("C")},
                                                            {"stage", std::string("maturity")}});
            if (!id) qFatal("bulk create failed: %s", id.error().message.c_str());
        }
        tx.commit();
    }

    std::int64_t outbox() { return context->store().outboxCount(); }
};

QStringList valuesOf(const QVariantList& options)
{
    QStringList values;
    for (const QVariant& option : options)
        values << option.toMap().value(QStringLiteral("value")).toString();
    return values;
}

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

}  // namespace

class AppTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    // --- AccountListModel -------------------------------------------------------------

    void listPagesFiftyAtATimeUntilAllAreLoaded()
    {
        AppFixture f;
        f.bulkAccounts(120);
        AccountListModel model;
        model.setArchive(f.archive.get());
        QVERIFY(model.loading());
        QTRY_VERIFY(!model.loading());
        QCOMPARE(model.total(), 120);
        QCOMPARE(model.count(), 50);
        QCOMPARE(model.rowCount(), 50);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QVERIFY(!model.canFetchMore({}));  // one page at a time
        QTRY_COMPARE(model.count(), 100);
        QVERIFY(!model.loading());

        // The tester fetches more by itself, so it joins once the page sizes are checked.
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY(!model.loading());
        while (model.canFetchMore({})) {
            model.fetchMore({});
            QTRY_VERIFY(!model.loading());
        }
        QCOMPARE(model.count(), 120);
        // Sorted by pinyin of the name: the numbered accounts come in order.
        QCOMPARE(model.data(model.index(0, 0), AccountListModel::NameRole).toString(),
                 QStringLiteral("客户1000"));
        QCOMPARE(model.data(model.index(119, 0), AccountListModel::NameRole).toString(),
                 QStringLiteral("客户1119"));
    }

    void searchTextNarrowsTheRowsAndFindsKeyPersons()
    {
        AppFixture f;
        f.bulkAccounts(10);
        f.account(QStringLiteral("北京华联超市"), QStringLiteral("KA"));
        f.account(QStringLiteral("上海华联商厦"), QStringLiteral("A"));
        const QString restaurant = f.account(QStringLiteral("广州酒家"), QStringLiteral("B"));
        f.person(restaurant, QStringLiteral("王建国"), QStringLiteral("decision_maker"));

        AccountListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setArchive(f.archive.get());
        QTRY_COMPARE(model.total(), 13);

        model.setSearchText(QStringLiteral("华联"));
        QTRY_VERIFY(!model.loading());
        QCOMPARE(model.total(), 2);
        QCOMPARE(model.rowCount(), 2);

        model.setSearchText(QStringLiteral("王建国"));
        QTRY_VERIFY(!model.loading());
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex row = model.index(0, 0);
        QCOMPARE(model.data(row, AccountListModel::AccountIdRole).toString(), restaurant);
        QCOMPARE(model.data(row, AccountListModel::PersonNameRole).toString(), QStringLiteral("王建国"));
        QCOMPARE(model.data(row, AccountListModel::PersonRoleRole).toString(),
                 QStringLiteral("decision_maker"));
    }

    void latestSearchWinsWhenTheRepTypesQuickly()
    {
        AppFixture f;
        f.bulkAccounts(30);
        f.account(QStringLiteral("北京华联超市"));
        AccountListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setArchive(f.archive.get());
        model.setSearchText(QStringLiteral("客户"));
        model.setSearchText(QStringLiteral("华"));
        model.setSearchText(QStringLiteral("华联"));
        QTRY_VERIFY(!model.loading());
        QCOMPARE(model.total(), 1);
        QCOMPARE(model.data(model.index(0, 0), AccountListModel::NameRole).toString(),
                 QStringLiteral("北京华联超市"));
    }

    void tierAndStageFiltersNarrowTheList()
    {
        AppFixture f;
        f.bulkAccounts(5);
        f.account(QStringLiteral("北京华联超市"), QStringLiteral("KA"));
        f.account(QStringLiteral("上海华联商厦"), QStringLiteral("KA"),
                  {{QStringLiteral("stage"), QStringLiteral("decline")}});
        AccountListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setArchive(f.archive.get());
        model.setTier(QStringLiteral("KA"));
        QTRY_VERIFY(!model.loading());
        QCOMPARE(model.total(), 2);
        model.setStage(QStringLiteral("decline"));
        QTRY_VERIFY(!model.loading());
        QCOMPARE(model.total(), 1);
        QCOMPARE(model.data(model.index(0, 0), AccountListModel::TierRole).toString(), QStringLiteral("KA"));
        model.setTier({});
        model.setStage({});
        QTRY_VERIFY(!model.loading());
        QCOMPARE(model.total(), 7);
    }

    void listReloadsAfterTheArchiveChanges()
    {
        AppFixture f;
        f.account(QStringLiteral("北京华联超市"));
        AccountListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setArchive(f.archive.get());
        model.setSearchText(QStringLiteral("华联"));
        QTRY_VERIFY(!model.loading());
        QCOMPARE(model.total(), 1);

        QSignalSpy changed(f.archive.get(), &ArchiveController::changed);
        const QString id = f.account(QStringLiteral("上海华联商厦"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().toString(), id);
        QTRY_COMPARE(model.total(), 2);

        // Renaming so it no longer matches takes it out of the list.
        QVERIFY(f.archive->saveAccount(id, {{QStringLiteral("name"), QStringLiteral("上海第一百货")}})
                    .value(QStringLiteral("ok"))
                    .toBool());
        QTRY_COMPARE(model.total(), 1);
    }

    // Each row says when the account was last visited and what is next: the earlier of the
    // next appointment and the oldest open follow-up, an overdue one marked, and whether it
    // has fallen behind its own rhythm; the list follows a visit finished meanwhile.
    void listRowsSayTheLastVisitAndWhatIsNext()
    {
        AppFixture f;
        {
            fb::Transaction tx(f.context->database());
            fb::Replica(f.context->store()).setSetting(tx, fb::sync::key::kUserId, "u-li");
            tx.commit();
        }
        const QString visited = f.account(QStringLiteral("甲 Visited Hotel"));
        const QString booked = f.account(QStringLiteral("乙 Booked Shop"));
        const QString quiet = f.account(QStringLiteral("丙 Quiet Office"));
        const QString lapsed = f.account(QStringLiteral("丁 Lapsed Store"));
        fb::Visits visits(f.context->store());
        {
            // A visit ten days ago left a callback due 7 days ago (overdue) and a revisit due in 4 days.
            fb::Transaction tx(f.context->database());
            const qint64 tenDaysAgo = kEpochMs - 10LL * 86'400'000;
            auto id = visits.start(tx, "u-li",
                                   {visited.toStdString(), "first_visit", "", std::nullopt, tenDaysAgo});
            QVERIFY(id);
            QVERIFY(visits.draft(tx, *id, "conversation", std::string("interested")));
            QVERIFY(
                visits.finish(tx, *id, {"strong", "", std::nullopt, tenDaysAgo + 3'600'000, "2026-02-20"}));
            // 丁 was visited every ten days until a month ago: fallen behind its rhythm.
            for (int daysAgo : {60, 50, 40, 30}) {
                const qint64 at = kEpochMs - std::int64_t{daysAgo} * 86'400'000;
                auto past =
                    visits.start(tx, "u-li", {lapsed.toStdString(), "return_visit", "", std::nullopt, at});
                QVERIFY(past);
                QVERIFY(visits.draft(tx, *past, "conversation", std::string("routine")));
                QVERIFY(visits.finish(tx, *past, {"none", "", std::nullopt, at + 3'600'000, "2026-01-01"}));
            }
            fb::Appointments appointments(f.context->store());
            QVERIFY(appointments.book(tx, "u-li",
                                      {{"account_id", booked.toStdString()},
                                       {"starts_at", std::int64_t{kEpochMs + 86'400'000}},
                                       {"minutes", std::int64_t{60}},
                                       {"purpose", std::string("delivery")}}));
            tx.commit();
        }
        f.context->changes().report(ChangeNotifier::Origin::Local, {QStringLiteral("visit")}, {});
        AccountListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setArchive(f.archive.get());
        QTRY_VERIFY(!model.loading());
        QCOMPARE(model.rowCount(), 4);
        // Rows by name (the list sorts by pinyin).
        auto rowOf = [&](const QString& id) {
            for (int row = 0; row < model.rowCount(); ++row)
                if (model.data(model.index(row, 0), AccountListModel::AccountIdRole).toString() == id)
                    return row;
            return -1;
        };
        auto role = [&](const QString& id, int r) { return model.data(model.index(rowOf(id), 0), r); };
        QVERIFY(role(visited, AccountListModel::LastVisitRole)
                    .toString()
                    .startsWith(QStringLiteral("Last visit 10 day")));
        QVERIFY(role(visited, AccountListModel::NextRole).toString().contains(QStringLiteral("overdue")));
        QVERIFY(role(visited, AccountListModel::NextOverdueRole).toBool());
        QCOMPARE(role(booked, AccountListModel::LastVisitRole).toString(), QStringLiteral("Not visited yet"));
        QVERIFY(
            role(booked, AccountListModel::NextRole).toString().startsWith(QStringLiteral("Appointment")));
        QVERIFY(!role(booked, AccountListModel::NextOverdueRole).toBool());
        QCOMPARE(role(quiet, AccountListModel::NextRole).toString(), QString());
        // The decline warning marks 丁's row only (one visit is no rhythm yet).
        QVERIFY(role(lapsed, AccountListModel::DecliningRole).toBool());
        QVERIFY(!role(quiet, AccountListModel::DecliningRole).toBool());
        QVERIFY(!role(visited, AccountListModel::DecliningRole).toBool());
        QVERIFY(!role(booked, AccountListModel::DecliningRole).toBool());

        // A visit finished now: the row says so at once.
        VisitController controller(*f.context, f.translations);
        QVERIFY(controller.start(booked, QStringLiteral("delivery"), {}, {})
                    .value(QStringLiteral("ok"))
                    .toBool());
        controller.setAnswer(QStringLiteral("conversation"), QStringLiteral("delivered"));
        controller.setAnswer(QStringLiteral("interest"), QStringLiteral("none"));
        QVERIFY(controller.finish({}).value(QStringLiteral("ok")).toBool());
        QTRY_COMPARE(role(booked, AccountListModel::LastVisitRole).toString(),
                     QStringLiteral("Visited today"));
    }

    // --- ArchiveController -----------------------------------------------------------

    void invalidAccountReportsEveryFieldAndWritesNothing()
    {
        AppFixture f;
        QSignalSpy changed(f.archive.get(), &ArchiveController::changed);
        const auto before = f.outbox();
        const QVariantMap result =
            f.archive->saveAccount({}, {{QStringLiteral("name"), QStringLiteral("  ")},
                                        {QStringLiteral("tier"), QStringLiteral("VIP")},
                                        {QStringLiteral("phone"), QStringLiteral("call me")},
                                        {QStringLiteral("agreement_start"), QStringLiteral("2026-13-45")}});
        QCOMPARE(result.value(QStringLiteral("ok")).toBool(), false);
        QVERIFY(result.value(QStringLiteral("id")).toString().isEmpty());
        const QVariantMap errors = result.value(QStringLiteral("errors")).toMap();
        QCOMPARE(errors.value(QStringLiteral("name")).toString(),
                 QStringLiteral("Please enter the account name"));
        QCOMPARE(errors.value(QStringLiteral("stage")).toString(), QStringLiteral("Please enter the stage"));
        QCOMPARE(errors.value(QStringLiteral("tier")).toString(),
                 QStringLiteral("Choose one of the listed values"));
        QCOMPARE(errors.value(QStringLiteral("phone")).toString(),
                 QStringLiteral("Enter a phone number of digits, e.g. 0571-88886666 or 13800138000"));
        QCOMPARE(errors.value(QStringLiteral("agreement_start")).toString(),
                 QStringLiteral("Enter a date as YYYY-MM-DD"));
        QVERIFY(!result.value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(f.outbox(), before);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(f.archive->accountCount(), 0);
    }

    void tooLongNameSaysTheLimit()
    {
        AppFixture f;
        const QVariantMap result =
            f.archive->saveAccount({}, {{QStringLiteral("name"), QString(101, QChar(u'客'))},
                                        {QStringLiteral("tier"), QStringLiteral("A")},
                                        {QStringLiteral("stage"), QStringLiteral("growth")}});
        QCOMPARE(result.value(QStringLiteral("ok")).toBool(), false);
        QCOMPARE(result.value(QStringLiteral("errors")).toMap().value(QStringLiteral("name")).toString(),
                 QStringLiteral("Too long: at most 100 characters"));
    }

    void accountRoundTripsThroughTheForm()
    {
        AppFixture f;
        const QString id = f.account(
            QStringLiteral("广州酒家"), QStringLiteral("KA"),
            {{QStringLiteral("phone"), QStringLiteral("020-8138 0388")},
             {QStringLiteral("agreement_volume"), QStringLiteral("120.5")},
             {QStringLiteral("custom"), QVariantMap{{QStringLiteral("茶叶偏好"), QStringLiteral("普洱")}}}});
        QVariantMap account = f.archive->account(id);
        QCOMPARE(account.value(QStringLiteral("id")).toString(), id);
        QCOMPARE(account.value(QStringLiteral("name")).toString(), QStringLiteral("广州酒家"));
        QCOMPARE(account.value(QStringLiteral("tier")).toString(), QStringLiteral("KA"));
        QCOMPARE(account.value(QStringLiteral("agreement_volume")).toDouble(), 120.5);
        QCOMPARE(account.value(QStringLiteral("custom")).toMap().value(QStringLiteral("茶叶偏好")).toString(),
                 QStringLiteral("普洱"));
        QCOMPARE(account.value(QStringLiteral("keyPersonCount")).toInt(), 0);
        QVERIFY(!account.value(QStringLiteral("phone")).toString().isEmpty());

        // The form hands the whole map back; an empty string clears a field.
        account.insert(QStringLiteral("phone"), QString());
        const QVariantMap saved = f.archive->saveAccount(id, account);
        QVERIFY2(saved.value(QStringLiteral("ok")).toBool(),
                 qPrintable(saved.value(QStringLiteral("message")).toString()));
        QCOMPARE(f.archive->account(id).value(QStringLiteral("phone")).toString(), QString());
        QVERIFY(f.archive->account(QStringLiteral("00000000-0000-7000-8000-000000000000")).isEmpty());
    }

    void keyPersonIsSavedUnderItsAccount()
    {
        AppFixture f;
        const QString account = f.account(QStringLiteral("广州酒家"));
        const QVariantMap result =
            f.archive->saveKeyPerson({}, account,
                                     {{QStringLiteral("name"), QStringLiteral("王建国")},
                                      {QStringLiteral("role"), QStringLiteral("decision_maker")},
                                      {QStringLiteral("title"), QStringLiteral("采购总监")},
                                      {QStringLiteral("temperament"), QStringLiteral("cautious")},
                                      {QStringLiteral("age"), QStringLiteral("45")}});
        QVERIFY2(result.value(QStringLiteral("ok")).toBool(),
                 qPrintable(result.value(QStringLiteral("message")).toString()));
        const QString id = result.value(QStringLiteral("id")).toString();
        const QVariantList persons = f.archive->keyPersons(account);
        QCOMPARE(persons.size(), 1);
        QCOMPARE(persons.first().toMap().value(QStringLiteral("name")).toString(), QStringLiteral("王建国"));
        const QVariantMap person = f.archive->keyPerson(id);
        QCOMPARE(person.value(QStringLiteral("accountName")).toString(), QStringLiteral("广州酒家"));
        QCOMPARE(person.value(QStringLiteral("age")).toInt(), 45);
        QCOMPARE(f.archive->account(account).value(QStringLiteral("keyPersonCount")).toInt(), 1);

        // An impossible age is refused with the allowed range, and nothing is written.
        const auto before = f.outbox();
        const QVariantMap bad =
            f.archive->saveKeyPerson(id, {}, {{QStringLiteral("age"), QStringLiteral("7")}});
        QCOMPARE(bad.value(QStringLiteral("ok")).toBool(), false);
        QCOMPARE(bad.value(QStringLiteral("errors")).toMap().value(QStringLiteral("age")).toString(),
                 QStringLiteral("Enter a whole number from 16 to 100"));
        QCOMPARE(f.outbox(), before);
        QCOMPARE(f.archive->keyPerson(id).value(QStringLiteral("age")).toInt(), 45);

        const QVariantMap orphan = f.archive->saveKeyPerson(
            {}, QStringLiteral("no-such-account"), {{QStringLiteral("name"), QStringLiteral("李四")}});
        QCOMPARE(orphan.value(QStringLiteral("ok")).toBool(), false);
    }

    void roleChangeAppearsInTheRoleHistory()
    {
        AppFixture f;
        const QString account = f.account(QStringLiteral("广州酒家"));
        const QString oldHead = f.person(account, QStringLiteral("王建国"), QStringLiteral("head"));
        const QString newHead = f.person(account, QStringLiteral("李明"), QStringLiteral("other"));
        f.clock->advance(10LL * 24 * 3600 * 1000);  // now 2026-03-12

        // A change cannot be dated after today; the rep is told so, and nothing is written.
        const auto before = f.outbox();
        const QVariantMap future =
            f.archive->changeRole(account, QStringLiteral("head"), newHead, QStringLiteral("2026-03-20"), {});
        QCOMPARE(future.value(QStringLiteral("ok")).toBool(), false);
        QCOMPARE(
            future.value(QStringLiteral("errors")).toMap().value(QStringLiteral("effective_date")).toString(),
            QStringLiteral("The date cannot be later than today"));
        QCOMPARE(f.outbox(), before);

        QSignalSpy changed(f.archive.get(), &ArchiveController::changed);
        const QVariantMap result = f.archive->changeRole(
            account, QStringLiteral("head"), newHead, QStringLiteral("2026-03-10"), QStringLiteral("换届"));
        QVERIFY2(result.value(QStringLiteral("ok")).toBool(),
                 qPrintable(result.value(QStringLiteral("message")).toString()));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().toString(), account);

        const QVariantList history = f.archive->roleHistory(account);
        bool newHeadCurrent = false;
        bool oldHeadEnded = false;
        for (const QVariant& entry : history) {
            const QVariantMap period = entry.toMap();
            if (period.value(QStringLiteral("role")) != QStringLiteral("head")) continue;
            if (period.value(QStringLiteral("personId")) == newHead) {
                newHeadCurrent = period.value(QStringLiteral("from")) == QStringLiteral("2026-03-10") &&
                                 period.value(QStringLiteral("to")).toString().isEmpty() &&
                                 period.value(QStringLiteral("note")) == QStringLiteral("换届") &&
                                 period.value(QStringLiteral("personName")) == QStringLiteral("李明");
            }
            if (period.value(QStringLiteral("personId")) == oldHead) {
                oldHeadEnded = period.value(QStringLiteral("to")) == QStringLiteral("2026-03-10");
            }
        }
        QVERIFY(newHeadCurrent);
        QVERIFY(oldHeadEnded);
        QVERIFY(!f.archive->personRoleHistory(newHead).isEmpty());
        QCOMPARE(f.archive->keyPerson(newHead).value(QStringLiteral("role")).toString(),
                 QStringLiteral("head"));

        // A role that does not exist is refused and names the field.
        const QVariantMap bad = f.archive->changeRole(account, QStringLiteral("boss"), newHead, {}, {});
        QCOMPARE(bad.value(QStringLiteral("ok")).toBool(), false);
        QVERIFY(!bad.value(QStringLiteral("message")).toString().isEmpty());
    }

    void referralThatWouldMakeALoopIsRefused()
    {
        AppFixture f;
        const QString a = f.account(QStringLiteral("北京华联超市"));
        const QString b = f.account(QStringLiteral("上海华联商厦"));
        const QString c = f.account(QStringLiteral("广州酒家"));
        QVERIFY(f.archive->addReferral(a, {}, b, {}, {}).value(QStringLiteral("ok")).toBool());
        QVERIFY(f.archive->addReferral(b, {}, c, {}, QStringLiteral("老朋友"))
                    .value(QStringLiteral("ok"))
                    .toBool());

        const auto before = f.outbox();
        const QVariantMap loop = f.archive->addReferral(c, {}, a, {}, {});
        QCOMPARE(loop.value(QStringLiteral("ok")).toBool(), false);
        QCOMPARE(loop.value(QStringLiteral("message")).toString(),
                 QStringLiteral("This referral would make a loop in the referral chain"));
        QCOMPARE(f.outbox(), before);

        const QVariantList up = f.archive->referralsUp(c);
        QCOMPARE(up.size(), 2);
        QCOMPARE(up.first().toMap().value(QStringLiteral("referrerAccountId")).toString(), b);
        QCOMPARE(up.first().toMap().value(QStringLiteral("date")).toString(), QStringLiteral("2026-03-02"));
        QCOMPARE(up.last().toMap().value(QStringLiteral("depth")).toInt(), 2);
        QCOMPARE(f.archive->referralsDown(a).size(), 2);
    }

    // A form's live check is core's, word for word what a save answers; labels come from the
    // registry's declaration.
    void formsCheckAndLabelWithTheRegistry()
    {
        AppFixture f;
        const QVariantMap saved =
            f.archive->saveAccount({}, {{QStringLiteral("name"), QStringLiteral("宝鼎食府")},
                                        {QStringLiteral("tier"), QStringLiteral("A")},
                                        {QStringLiteral("stage"), QStringLiteral("growth")},
                                        {QStringLiteral("phone"), QStringLiteral("12345")}});
        QCOMPARE(f.archive->checkField(QStringLiteral("account"), QStringLiteral("phone"),
                                       QStringLiteral("12345")),
                 saved.value(QStringLiteral("errors")).toMap().value(QStringLiteral("phone")).toString());
        QVERIFY(!f.archive
                     ->checkField(QStringLiteral("account"), QStringLiteral("phone"), QStringLiteral("12345"))
                     .isEmpty());
        QCOMPARE(f.archive->checkField(QStringLiteral("account"), QStringLiteral("phone"),
                                       QStringLiteral("0571-8888 6666")),
                 QString());
        QCOMPARE(
            f.archive->checkField(QStringLiteral("key_person"), QStringLiteral("age"), QStringLiteral("15")),
            QStringLiteral("Enter a whole number from 16 to 100"));
        QCOMPARE(f.archive->checkField(QStringLiteral("account"), QStringLiteral("agreement_volume"),
                                       QStringLiteral("-3")),
                 QStringLiteral("Enter a number of at least 0"));
        QCOMPARE(f.archive->checkField(QStringLiteral("account"), QStringLiteral("phone"), QString()),
                 QString());
        const QVariantMap name = f.archive->fieldInfo(QStringLiteral("account"), QStringLiteral("name"));
        QCOMPARE(name.value(QStringLiteral("label")).toString(), QStringLiteral("Account name"));
        QCOMPARE(name.value(QStringLiteral("required")).toBool(), true);
        QCOMPARE(name.value(QStringLiteral("maxLength")).toInt(), 100);
        QCOMPARE(f.archive->fieldInfo(QStringLiteral("account"), QStringLiteral("agreement_volume"))
                     .value(QStringLiteral("unit"))
                     .toString(),
                 QStringLiteral("cases"));
        QCOMPARE(f.archive->phoneText(QStringLiteral("13800138000")), QStringLiteral("138 0013 8000"));
        // Values by their declared type, in one place: the unit, grouping, dates in full.
        QCOMPARE(f.archive->display(QStringLiteral("account"), QStringLiteral("agreement_volume"), 4165.0),
                 QStringLiteral("4,165 cases"));
        QCOMPARE(f.archive->display(QStringLiteral("account"), QStringLiteral("agreement_start"),
                                    QStringLiteral("2026-11-22")),
                 QStringLiteral("22 Nov 2026"));
        QCOMPARE(
            f.archive->display(QStringLiteral("gift_item"), QStringLiteral("unit_value"), qlonglong(129950)),
            QStringLiteral("¥1,299.50"));
        QCOMPARE(f.archive->display(QStringLiteral("account"), QStringLiteral("tier"), QStringLiteral("KA")),
                 QStringLiteral("KA — key account"));
        QCOMPARE(f.archive->display(QStringLiteral("account"), QStringLiteral("notes"), QVariant()),
                 QString());
    }

    // The generic form model: live checks by core's rules, shown once a field is touched or
    // Save pressed; the save's own refusals at their fields until edited; nothing written
    // while anything is wrong.
    void recordEditorChecksLiveAndSavesOnlyAWholeGoodRecord()
    {
        AppFixture f;
        const QString id = f.account(QStringLiteral("Editor Hotel"), QStringLiteral("A"));
        RecordEditor editor;
        editor.setSource(f.archive.get());
        editor.setEntity(QStringLiteral("account"));
        editor.setRecordId(id);
        editor.load();
        QVERIFY(editor.found());
        QCOMPARE(editor.values().value(QStringLiteral("name")).toString(), QStringLiteral("Editor Hotel"));
        QVERIFY(!editor.dirty());
        QVERIFY(editor.valid());

        // A bad phone is marked as soon as it is typed; an untouched field stays quiet.
        editor.set(QStringLiteral("phone"), QStringLiteral("call me"));
        QVERIFY(editor.dirty());
        QVERIFY(!editor.valid());
        QVERIFY(editor.errors().contains(QStringLiteral("phone")));
        QCOMPARE(editor.errors().size(), 1);
        editor.set(QStringLiteral("phone"), QStringLiteral("0571-8888 6666"));
        QVERIFY(editor.errors().isEmpty());

        // The entry rule between two fields: at the end date, in the rep's words.
        editor.set(QStringLiteral("agreement_start"), QStringLiteral("2026-03-01"));
        editor.set(QStringLiteral("agreement_end"), QStringLiteral("2026-02-01"));
        QCOMPARE(editor.errors().value(QStringLiteral("agreement_end")).toString(),
                 QStringLiteral("The end date is before the start date"));
        const auto before = f.outbox();
        QVERIFY(!editor.save());
        QCOMPARE(editor.message(), QStringLiteral("Please correct the fields marked in red."));
        QCOMPARE(f.outbox(), before);

        // A page's own check blocks the save too, and clears.
        editor.set(QStringLiteral("agreement_end"), QStringLiteral("2026-12-31"));
        editor.setPageError(QStringLiteral("custom"), QStringLiteral("Each custom field needs a name"));
        QVERIFY(!editor.valid());
        editor.setPageError(QStringLiteral("custom"), {});
        QVERIFY(editor.valid());

        // "12" typed and 12 stored are the same value: not dirty once saved.
        editor.set(QStringLiteral("agreement_volume"), QStringLiteral(" 120 "));
        QSignalSpy saved(&editor, &RecordEditor::saved);
        QVERIFY(editor.save());
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().at(1).toBool(), false);
        QVERIFY(!editor.dirty());
        const QVariantMap stored = f.archive->account(id);
        QCOMPARE(stored.value(QStringLiteral("phone")).toString(), QStringLiteral("057188886666"));
        QCOMPARE(stored.value(QStringLiteral("agreement_volume")).toDouble(), 120.0);
        QCOMPARE(stored.value(QStringLiteral("agreement_end")).toString(), QStringLiteral("2026-12-31"));

        // The store's own rule holds without the form: a direct save that breaks it is refused.
        const QVariantMap direct =
            f.archive->saveAccount(id, {{QStringLiteral("agreement_start"), QStringLiteral("2027-01-01")}});
        QCOMPARE(direct.value(QStringLiteral("ok")).toBool(), false);
        QCOMPARE(
            direct.value(QStringLiteral("errors")).toMap().value(QStringLiteral("agreement_end")).toString(),
            QStringLiteral("The end date is before the start date"));
    }

    // A key person whose anniversaries an older version wrote without days ("不详") can still
    // be edited; the text itself is marked only once the rep changes it.
    void anOldRecordBreakingARuleCanStillBeEdited()
    {
        AppFixture f;
        const QString accountId = f.account(QStringLiteral("Old Data Co"));
        const std::string personId = "0190b000-0000-7000-8000-0000000000a1";
        {
            fb::Replica replica(f.context->store());
            fb::Transaction tx(f.context->database());
            fb::RecordState state;
            state.fields = {{"account_id", accountId.toStdString()},
                            {"name", std::string("王经理")},
                            {"role", std::string("other")},
                            {"anniversaries", std::string("不详")}};
            for (const auto& [name, value] : state.fields)
                state.clocks.emplace(
                    name,
                    fb::HlcStamp{kEpochMs - 1000, 0, "00000000-0000-7000-8000-000000000000"}.toString());
            QVERIFY(replica.applyRemote(tx, "key_person", personId, state));
            tx.commit();
        }
        RecordEditor editor;
        editor.setSource(f.archive.get());
        editor.setEntity(QStringLiteral("key_person"));
        editor.setRecordId(QString::fromStdString(personId));
        editor.load();
        QVERIFY(editor.found());
        QVERIFY(editor.valid());
        editor.set(QStringLiteral("phone"), QStringLiteral("13800138000"));
        QVERIFY(editor.valid());
        QVERIFY(editor.save());
        QCOMPARE(
            f.archive->keyPerson(QString::fromStdString(personId)).value(QStringLiteral("phone")).toString(),
            QStringLiteral("13800138000"));
        // The controller's own save checks the same way.
        const QVariantMap direct = f.archive->saveKeyPerson(
            QString::fromStdString(personId), {}, {{QStringLiteral("title"), QStringLiteral("经理")}});
        QVERIFY2(direct.value(QStringLiteral("ok")).toBool(),
                 qPrintable(direct.value(QStringLiteral("message")).toString()));
        editor.load();
        // Touching the text: now it must say its days.
        editor.set(QStringLiteral("anniversaries"), QStringLiteral("不详，结婚纪念日"));
        QVERIFY(editor.errors().contains(QStringLiteral("anniversaries")));
        QVERIFY(!editor.save());
        editor.set(QStringLiteral("anniversaries"), QStringLiteral("结婚纪念日 05-20"));
        QVERIFY(editor.save());
    }

    void recordEditorCreatesWithDefaultsAndShowsRefusalsUntilEdited()
    {
        AppFixture f;
        const QString accountId = f.account(QStringLiteral("Parent Co"));
        RecordEditor editor;
        editor.setSource(f.archive.get());
        editor.setEntity(QStringLiteral("key_person"));
        editor.setParentId(accountId);
        editor.load();
        QCOMPARE(editor.values().value(QStringLiteral("role")).toString(), QStringLiteral("other"));
        QVERIFY(editor.errors().isEmpty());  // nothing marked before the rep acts
        QVERIFY(!editor.valid());            // but the name is missing
        QVERIFY(!editor.save());
        QCOMPARE(editor.errors().value(QStringLiteral("name")).toString(),
                 QStringLiteral("Please enter the name"));
        QVERIFY(f.archive->keyPersons(accountId).isEmpty());

        editor.set(QStringLiteral("name"), QStringLiteral("Zhang San"));
        QSignalSpy saved(&editor, &RecordEditor::saved);
        QVERIFY(editor.save());
        QCOMPARE(saved.first().at(1).toBool(), true);
        const QString personId = saved.first().at(0).toString();
        QCOMPARE(editor.recordId(), personId);
        QCOMPARE(f.archive->keyPersons(accountId).size(), 1);

        // A form for a record that is no longer here says so instead of showing a blank record.
        RecordEditor gone;
        gone.setSource(f.archive.get());
        gone.setEntity(QStringLiteral("account"));
        gone.setRecordId(QStringLiteral("01890000-0000-7000-8000-000000000000"));
        gone.load();
        QVERIFY(!gone.found());
        QVERIFY(!gone.message().isEmpty());
    }

    // The app's one reader: lists share its thread and connection, the latest question of a
    // requester wins, a result never reaches a requester that is gone, and it cannot write.
    void oneReaderRunsTheLatestQueryOfEachRequester()
    {
        AppFixture f;
        f.account(QStringLiteral("Reader Hotel"));
        QueryExecutor& reader = f.context->queries();
        QCOMPARE(&f.archive->queries(), &reader);

        // Hold the reader busy so the questions below queue up behind it.
        QSemaphore started;
        QSemaphore release;
        QObject holder;
        QueryLane holdLane(&holder);
        reader.submit<int>(
            holdLane, holdLane.bump(),
            [&](fb::Database&) {
                started.release();
                release.acquire();
                return 0;
            },
            [](std::optional<int>) {});
        started.acquire();
        const quint64 before = reader.queriesRun();

        QObject rep;
        QueryLane lane(&rep);
        QStringList answers;
        QString last;
        for (int i = 0; i < 50; ++i) {
            const QString typed = QStringLiteral("Reader Hotel").left(1 + i % 12);
            last = typed;
            reader.submit<int>(
                lane, lane.bump(),
                [text = typed.toStdString()](fb::Database& db) {
                    fb::AccountFilter filter;
                    filter.text = text;
                    return fb::AccountQuery(db).page(filter, 0, 10).total;
                },
                [&answers, typed](std::optional<int> total) {
                    answers << typed + QLatin1Char('=') + QString::number(total.value_or(-1));
                });
        }
        // A requester that goes away before its answer.
        auto gone = std::make_unique<QObject>();
        auto goneLane = std::make_unique<QueryLane>(gone.get());
        bool goneAnswered = false;
        reader.submit<int>(
            *goneLane, goneLane->bump(), [](fb::Database&) { return 1; },
            [&goneAnswered](std::optional<int>) { goneAnswered = true; });
        goneLane.reset();
        gone.reset();
        // A query that tries to write gets no result, and nothing is written.
        QObject writer;
        QueryLane writeLane(&writer);
        std::optional<int> wrote = 7;
        bool writeAnswered = false;
        reader.submit<int>(
            writeLane, writeLane.bump(),
            [](fb::Database& db) {
                db.execScript("DELETE FROM account");
                return 1;
            },
            [&](std::optional<int> r) {
                wrote = r;
                writeAnswered = true;
            });

        release.release();
        reader.drain();
        QTRY_VERIFY(writeAnswered);
        QCoreApplication::processEvents();
        // Of the 50 questions only the last was asked: the rest were stale when their turn came.
        QCOMPARE(answers, QStringList{last + QStringLiteral("=1")});
        QVERIFY(!goneAnswered);
        QVERIFY(!wrote.has_value());
        // The holder's, the last question and the write; the gone requester's was not run.
        QCOMPARE(reader.queriesRun() - before, quint64(3));
        QCOMPARE(f.archive->accountCount(), 1);
    }

    // A requester that goes away while its query runs: the query finishes, nothing is
    // delivered to the requester that is gone, and the reader goes on.
    void aRequesterGoneWhileItsQueryRunsGetsNothing()
    {
        AppFixture f;
        QueryExecutor& reader = f.context->queries();
        QSemaphore started;
        QSemaphore release;
        auto gone = std::make_unique<QObject>();
        auto lane = std::make_unique<QueryLane>(gone.get());
        bool answered = false;
        reader.submit<int>(
            *lane, lane->bump(),
            [&](fb::Database&) {
                started.release();
                release.acquire();
                return 1;
            },
            [&answered](const std::optional<int>&) { answered = true; });
        started.acquire();
        lane.reset();
        gone.reset();
        release.release();
        reader.drain();
        QCoreApplication::processEvents();
        QVERIFY(!answered);
        // The reader still answers the next question.
        QObject next;
        QueryLane nextLane(&next);
        std::optional<int> got;
        reader.submit<int>(
            nextLane, nextLane.bump(), [](fb::Database&) { return 7; },
            [&got](const std::optional<int>& r) { got = r; });
        QTRY_COMPARE(got, std::optional<int>(7));
    }

    // Booking an appointment through the form model, with the rep's local time; a clash is
    // said, not refused; moving and cancelling need a reason and say why not at the field.
    void appointmentsAreBookedMovedAndCancelledWithReasons()
    {
        AppFixture f;
        const QString hotel = f.account(QStringLiteral("Agenda Hotel"));
        AppointmentController agenda(*f.context, f.translations);
        RecordEditor booking;
        booking.setSource(&agenda);
        booking.setEntity(QStringLiteral("appointment"));
        booking.setParentId(hotel);
        booking.load();
        // Not signed in: the booking is refused with the reason, nothing written.
        const auto before = f.outbox();
        QVERIFY(!booking.save());
        QCOMPARE(f.outbox(), before);
        {
            fb::Transaction tx(f.context->database());
            fb::Replica(f.context->store()).setSetting(tx, fb::sync::key::kUserId, "u-li");
            tx.commit();
        }
        booking.load();
        // Tomorrow 10:00, an hour, a return visit: the defaults.
        const QVariantMap local =
            agenda.localOf(booking.values().value(QStringLiteral("starts_at")).toLongLong());
        QCOMPARE(local.value(QStringLiteral("time")).toString(), QStringLiteral("10:00"));
        const qint64 nine =
            agenda.instantOf(local.value(QStringLiteral("date")).toString(), QStringLiteral("09:00"));
        QVERIFY(nine > 0);
        QCOMPARE(agenda.instantOf(QStringLiteral("2026-02-30"), QStringLiteral("09:00")), qint64(-1));
        QCOMPARE(agenda.instantOf(QStringLiteral("2026-02-03"), QStringLiteral("25:00")), qint64(-1));
        booking.set(QStringLiteral("starts_at"), nine);
        booking.set(QStringLiteral("minutes"), QStringLiteral("2"));
        QVERIFY(!booking.valid());  // 2 minutes is not a visit
        QVERIFY(booking.errors().contains(QStringLiteral("minutes")));
        booking.set(QStringLiteral("minutes"), QStringLiteral("90"));
        QVERIFY2(booking.save(), qPrintable(booking.message()));
        const QString first = booking.recordId();

        // A second one at 10:00 runs into 09:00–10:30: said, and still booked.
        const QStringList clash = agenda.overlaps(nine + 3'600'000, 60);
        QCOMPARE(clash.size(), 1);
        QVERIFY(clash.front().contains(QStringLiteral("09:00")));
        QVERIFY(clash.front().contains(QStringLiteral("Agenda Hotel")));
        RecordEditor second;
        second.setSource(&agenda);
        second.setEntity(QStringLiteral("appointment"));
        second.setParentId(hotel);
        second.load();
        QVERIFY(second.save());
        const QVariantList listed = agenda.ofAccount(hotel);
        QCOMPARE(listed.size(), 2);
        QCOMPARE(listed.first().toMap().value(QStringLiteral("id")).toString(), first);
        QCOMPARE(listed.first().toMap().value(QStringLiteral("overlaps")).toStringList().size(), 1);
        QVERIFY(listed.first()
                    .toMap()
                    .value(QStringLiteral("whenText"))
                    .toString()
                    .startsWith(QStringLiteral("Tomorrow 09:00")));
        QCOMPARE(agenda.day(local.value(QStringLiteral("date")).toString()).size(), 2);

        // Moving needs a reason, said at the reason's field.
        QVariantMap moved = agenda.reschedule(first, local.value(QStringLiteral("date")).toString(),
                                              QStringLiteral("14:00"), 90, QStringLiteral(" "));
        QCOMPARE(moved.value(QStringLiteral("ok")).toBool(), false);
        QVERIFY(moved.value(QStringLiteral("errors")).toMap().contains(QStringLiteral("reason")));
        moved = agenda.reschedule(first, local.value(QStringLiteral("date")).toString(),
                                  QStringLiteral("14:00"), 90, QStringLiteral("the customer has a meeting"));
        QVERIFY(moved.value(QStringLiteral("ok")).toBool());
        QVERIFY(agenda.ofAccount(hotel)
                    .at(1)
                    .toMap()
                    .value(QStringLiteral("whenText"))
                    .toString()
                    .contains(QStringLiteral("14:00")));
        QVERIFY(
            agenda.cancel(first, QStringLiteral("away on business")).value(QStringLiteral("ok")).toBool());
        QCOMPARE(agenda.ofAccount(hotel).last().toMap().value(QStringLiteral("status")).toString(),
                 QStringLiteral("cancelled"));
        // A booked appointment is not edited through the form.
        QCOMPARE(agenda.saveRecord(QStringLiteral("appointment"), first, hotel, {})
                     .value(QStringLiteral("ok"))
                     .toBool(),
                 false);
    }

    // A whole visit through the controller as the Visit tab drives it: check-in away from the
    // account, the briefing from the last visit, ticks, answers kept as typed and still there
    // after the app is closed and opened again, an agreement, a referred prospect, and the
    // check-out with its follow-ups; afterwards the timeline and a correction.
    void visitIsGuidedFromCheckInToCheckOutAndResumesAfterReopening()
    {
        AppFixture f;
        {
            fb::Transaction tx(f.context->database());
            fb::Replica(f.context->store()).setSetting(tx, fb::sync::key::kUserId, "u-li");
            tx.commit();
        }
        const QString hotel =
            f.account(QStringLiteral("Visit Hotel"), QStringLiteral("A"),
                      {{QStringLiteral("location"), QStringLiteral("30.259200,120.145100,")}});
        const QString head = f.person(hotel, QStringLiteral("Wang Jianguo"), QStringLiteral("head"));
        QVERIFY(f.archive
                    ->saveKeyPerson(head, hotel,
                                    {{QStringLiteral("birthday"), QStringLiteral("1970-03-12")},
                                     {QStringLiteral("temperament"), QStringLiteral("cautious")}})
                    .value(QStringLiteral("ok"))
                    .toBool());
        // Last month's visit, with its "next time".
        {
            fb::Visits visits(f.context->store());
            fb::Transaction tx(f.context->database());
            auto id = visits.start(
                tx, "u-li",
                {hotel.toStdString(), "first_visit", "", std::nullopt, kEpochMs - 30LL * 86'400'000});
            QVERIFY(id);
            QVERIFY(visits.draft(tx, *id, "conversation", std::string("Met the owner")));
            QVERIFY(visits.draft(tx, *id, "next_goal", std::string("Sign a trial order")));
            QVERIFY(visits.finish(
                tx, *id, {"some", "", std::nullopt, kEpochMs - 30LL * 86'400'000 + 3'600'000, "2026-01-31"}));
            tx.commit();
        }

        auto controller = std::make_unique<VisitController>(*f.context, f.translations);
        QVERIFY(!controller->active());
        QVERIFY(controller->canStart());
        QVERIFY(
            controller
                ->start(hotel, QStringLiteral("return_visit"), {}, QStringLiteral("30.270000,120.165000,20"))
                .value(QStringLiteral("ok"))
                .toBool());
        QVERIFY(controller->active());
        QVERIFY(!controller->canStart());  // one at a time
        QCOMPARE(controller->accountName(), QStringLiteral("Visit Hotel"));
        QCOMPARE(controller->step(), QStringLiteral("checkin"));
        const QVariantMap checkin = controller->checkin();
        QVERIFY(checkin.value(QStringLiteral("away")).toBool());
        QVERIFY(checkin.value(QStringLiteral("distanceText")).toString().contains(QStringLiteral("km")));

        QVERIFY(controller->next().value(QStringLiteral("ok")).toBool());
        QCOMPARE(controller->step(), QStringLiteral("briefing"));
        const QVariantMap brief = controller->briefing();
        QCOMPARE(
            brief.value(QStringLiteral("lastVisit")).toMap().value(QStringLiteral("nextGoal")).toString(),
            QStringLiteral("Sign a trial order"));
        QVERIFY(brief.value(QStringLiteral("lastContactText"))
                    .toString()
                    .startsWith(QStringLiteral("Last visit 30 day")));
        QCOMPARE(brief.value(QStringLiteral("birthdays")).toStringList().size(), 1);  // 12 Mar, in 10 days
        const QVariantMap person = brief.value(QStringLiteral("persons")).toList().first().toMap();
        QVERIFY(!person.value(QStringLiteral("tip")).toString().isEmpty());

        QVERIFY(controller->next().value(QStringLiteral("ok")).toBool());
        QCOMPARE(controller->steps().at(1).toMap().value(QStringLiteral("state")).toString(),
                 QStringLiteral("done"));
        QVERIFY(controller->tick(QStringLiteral("samples"), true));
        QVERIFY(controller->next().value(QStringLiteral("ok")).toBool());
        QCOMPARE(controller->step(), QStringLiteral("conversation"));
        const QString visitId = controller->visitId();
        {
            RecordEditor form;
            form.setSource(controller.get());
            form.setEntity(QStringLiteral("visit"));
            form.setRecordId(visitId);
            form.load();
            QObject::connect(&form, &RecordEditor::edited, controller.get(), &VisitController::setAnswer);
            form.set(QStringLiteral("conversation"), QStringLiteral("Half way through"));
            form.set(QStringLiteral("sale_quantity"), QStringLiteral("12"));
        }
        const auto typedOutbox = f.outbox();

        // The app is killed and opened again: the same step, everything typed.
        controller.reset();
        f.archive.reset();
        f.context.reset();
        {
            auto opened = AppContext::open(f.dir.filePath(QStringLiteral("device.db")),
                                           std::make_unique<fb::FakeClock>(kEpochMs + 600'000, 480));
            QVERIFY(opened);
            f.context = std::move(opened).value();
            f.archive = std::make_unique<ArchiveController>(*f.context, f.translations);
        }
        QCOMPARE(f.outbox(), typedOutbox);  // typing alone queued nothing
        controller = std::make_unique<VisitController>(*f.context, f.translations);
        QVERIFY(controller->active());
        QCOMPARE(controller->step(), QStringLiteral("conversation"));
        RecordEditor form;
        form.setSource(controller.get());
        form.setEntity(QStringLiteral("visit"));
        form.setRecordId(visitId);
        form.load();
        QCOMPARE(form.values().value(QStringLiteral("conversation")).toString(),
                 QStringLiteral("Half way through"));
        // The sales form needs its merchant when the route says so; the refusal is at the field.
        form.set(QStringLiteral("sale_route"), QStringLiteral("merchant"));
        QVERIFY(!form.save());
        QVERIFY(form.errors().contains(QStringLiteral("sale_merchant")));
        form.set(QStringLiteral("sale_route"), QStringLiteral("direct"));
        form.set(QStringLiteral("next_goal"), QStringLiteral("Deliver the 12 cases"));
        QVERIFY2(form.save(), qPrintable(form.message()));

        QVERIFY(controller->goTo(QStringLiteral("agreement")).value(QStringLiteral("ok")).toBool());
        RecordEditor agreement;
        agreement.setSource(controller.get());
        agreement.setEntity(QStringLiteral("agreement"));
        agreement.setParentId(visitId);
        agreement.load();
        agreement.set(QStringLiteral("volume"), QStringLiteral("1200"));
        agreement.set(QStringLiteral("ends_on"), QStringLiteral("2026-01-01"));
        QVERIFY(!agreement.save());  // ends before it starts
        agreement.set(QStringLiteral("ends_on"), QStringLiteral("2027-03-01"));
        QVERIFY2(agreement.save(), qPrintable(agreement.message()));
        QCOMPARE(controller->agreements().size(), 1);
        QCOMPARE(f.archive->account(hotel).value(QStringLiteral("agreement_end")).toString(),
                 QStringLiteral("2027-03-01"));

        QVERIFY(controller->goTo(QStringLiteral("referrals")).value(QStringLiteral("ok")).toBool());
        const QVariantMap prospect = f.archive->addReferredProspect(
            hotel, head, {{QStringLiteral("name"), QStringLiteral("Lakeside Restaurant")}}, {}, {});
        QVERIFY2(prospect.value(QStringLiteral("ok")).toBool(),
                 qPrintable(prospect.value(QStringLiteral("message")).toString()));
        const QVariantMap made = f.archive->account(prospect.value(QStringLiteral("id")).toString());
        QCOMPARE(made.value(QStringLiteral("tier")).toString(), QStringLiteral("P"));
        QCOMPARE(made.value(QStringLiteral("source")).toString(), QStringLiteral("referral"));
        QCOMPARE(controller->referralsToday().size(), 1);
        QVERIFY(!f.archive->addReferredProspect(hotel, {}, {}, {}, {}).value(QStringLiteral("ok")).toBool());

        QVERIFY(controller->goTo(QStringLiteral("checkout")).value(QStringLiteral("ok")).toBool());
        QCOMPARE(controller->followUpPreview(QStringLiteral("none")).size(), 0);
        QCOMPARE(controller->followUpPreview(QStringLiteral("strong")).size(), 2);
        QVERIFY(controller->followUpPreview(QStringLiteral("strong"))
                    .first()
                    .contains(QStringLiteral("Phone callback")));
        controller->setAnswer(QStringLiteral("interest"), QStringLiteral("strong"));
        QSignalSpy visitsChanged(controller.get(), &VisitController::visitsChanged);
        const QVariantMap done = controller->finish(QStringLiteral("30.259300,120.145200,10"));
        QVERIFY2(done.value(QStringLiteral("ok")).toBool(),
                 qPrintable(done.value(QStringLiteral("message")).toString()));
        QVERIFY(!controller->active());
        QCOMPARE(visitsChanged.count(), 1);
        fb::Visits visits(f.context->store());
        QCOMPARE(visits.followUpsOf(visitId.toStdString()).size(), std::size_t{2});

        const QVariantList timeline = controller->timeline(hotel);
        QCOMPARE(timeline.size(), 2);
        QCOMPARE(timeline.first().toMap().value(QStringLiteral("conversation")).toString(),
                 QStringLiteral("Half way through"));
        QCOMPARE(controller->nextTime(hotel), QStringLiteral("Deliver the 12 cases"));
        // A finished visit: the form refuses, a correction keeps the original.
        QVERIFY(
            !controller->amend(visitId, QStringLiteral("next_goal"), QStringLiteral("Deliver 10 cases"), {})
                 .value(QStringLiteral("ok"))
                 .toBool());
        QVERIFY(controller
                    ->amend(visitId, QStringLiteral("next_goal"), QStringLiteral("Deliver 10 cases"),
                            QStringLiteral("They cut the order"))
                    .value(QStringLiteral("ok"))
                    .toBool());
        const QVariantMap corrected = controller->timeline(hotel).first().toMap();
        QVERIFY(corrected.value(QStringLiteral("amended")).toBool());
        QCOMPARE(corrected.value(QStringLiteral("nextGoal")).toString(), QStringLiteral("Deliver 10 cases"));
        QVERIFY(corrected.value(QStringLiteral("amendments"))
                    .toStringList()
                    .first()
                    .contains(QStringLiteral("They cut the order")));
    }

    // Gifts at a visit through the controller: the stock that suits the visit, the caps as they
    // stand before the rep commits, a gift over the stock or over a cap refused with a
    // message, and what was handed over.
    void giftsAreHandedOverWithinStockAndCaps()
    {
        AppFixture f;
        fb::Replica replica(f.context->store());
        std::string wine;
        {
            fb::Transaction tx(f.context->database());
            replica.setSetting(tx, fb::sync::key::kUserId, "u-li");
            auto pulled = [&](const char* entity, const std::string& id, fb::Fields fields) {
                fb::RecordState state;
                for (const auto& [name, value] : fields)
                    state.clocks.emplace(
                        name,
                        fb::HlcStamp{kEpochMs - 1000, 0, "00000000-0000-7000-8000-000000000000"}.toString());
                state.fields = std::move(fields);
                QVERIFY(replica.applyRemote(tx, entity, id, state));
            };
            wine = "0190b000-0000-7000-8000-000000000001";
            pulled("gift_item", wine,
                   {{"code", std::string("S001")},
                    {"name", std::string("Tasting wine")},
                    {"category", std::string("sample")},
                    {"unit", std::string("bottle")},
                    {"unit_value", std::int64_t{3800}},
                    {"active", std::int64_t{1}}});
            pulled("stock_movement", "0190b000-0000-7000-8000-000000000002",
                   {{"owner_id", std::string("u-li")},
                    {"item_id", wine},
                    {"kind", std::string("receipt")},
                    {"quantity", std::int64_t{10}},
                    {"moved_at", kEpochMs - 1000}});
            pulled("gift_limit", "0190b000-0000-7000-8000-000000000003",
                   {{"tier", std::string("B")},
                    {"per", std::string("recipient_month")},
                    {"max_value", std::int64_t{20000}}});
            tx.commit();
        }
        const QString shop = f.account(QStringLiteral("Gift Shop"), QStringLiteral("B"));
        const QString owner = f.person(shop, QStringLiteral("Zhou"), QStringLiteral("head"));
        VisitController visit(*f.context, f.translations);
        QVERIFY(
            visit.start(shop, QStringLiteral("gift_delivery"), {}, {}).value(QStringLiteral("ok")).toBool());
        QVERIFY(visit.goTo(QStringLiteral("gifts")).value(QStringLiteral("ok")).toBool());
        const QVariantList stock = visit.giftStock();
        QCOMPARE(stock.size(), 1);
        QCOMPARE(stock.first().toMap().value(QStringLiteral("quantity")).toLongLong(), 10);
        // ¥200 a month for him: five bottles (¥190) leave ¥10; six pass it.
        QCOMPARE(visit.giftLimits({}, 5 * 3800).size(), 0);  // no recipient chosen yet
        QVariantList limits = visit.giftLimits(owner, 5 * 3800);
        QCOMPARE(limits.size(), 1);
        QVERIFY(!limits.first().toMap().value(QStringLiteral("over")).toBool());
        QVERIFY(visit.giftLimits(owner, 6 * 3800).first().toMap().value(QStringLiteral("over")).toBool());
        const auto line = [&](qint64 quantity) {
            return QVariantList{QVariantMap{{QStringLiteral("itemId"), QString::fromStdString(wine)},
                                            {QStringLiteral("quantity"), quantity}}};
        };
        const auto before = f.outbox();
        QVariantMap refused = visit.issueGifts(owner, line(11), {});
        QVERIFY(!refused.value(QStringLiteral("ok")).toBool());
        QVERIFY(refused.value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("More than you hold")));
        refused = visit.issueGifts(owner, line(6), {});
        QVERIFY(!refused.value(QStringLiteral("ok")).toBool());
        QVERIFY(refused.value(QStringLiteral("errors")).toMap().contains(QStringLiteral("recipient_id")));
        QVERIFY(!visit.issueGifts({}, line(1), {}).value(QStringLiteral("ok")).toBool());
        QCOMPARE(f.outbox(), before);
        QVERIFY(visit.issueGifts(owner, line(5), {}).value(QStringLiteral("ok")).toBool());
        QCOMPARE(visit.giftStock().first().toMap().value(QStringLiteral("quantity")).toLongLong(), 5);
        QCOMPARE(visit.giftsGiven().size(), 1);
        QVERIFY(visit.giftsGiven()
                    .first()
                    .toMap()
                    .value(QStringLiteral("text"))
                    .toString()
                    .startsWith(QStringLiteral("Zhou")));
        QCOMPARE(visit.steps().at(4).toMap().value(QStringLiteral("name")).toString(),
                 QStringLiteral("gifts"));
        QVERIFY(visit.steps().at(4).toMap().value(QStringLiteral("done")).toBool());
    }

    // A visit left open yesterday is flagged this morning; discarding it needs a reason.
    void aVisitLeftOpenOvernightIsFlaggedAndDiscarded()
    {
        AppFixture f;
        {
            fb::Transaction tx(f.context->database());
            fb::Replica(f.context->store()).setSetting(tx, fb::sync::key::kUserId, "u-li");
            tx.commit();
        }
        const QString shop = f.account(QStringLiteral("Night Shop"));
        VisitController controller(*f.context, f.translations);
        QVERIFY(
            controller.start(shop, QStringLiteral("delivery"), {}, {}).value(QStringLiteral("ok")).toBool());
        QCOMPARE(controller.leftOpen().size(), 0);
        f.clock->advance(16LL * 3'600'000);  // 01:00 the next day
        const QVariantList flagged = controller.leftOpen();
        QCOMPARE(flagged.size(), 1);
        QVERIFY(flagged.first().toMap().value(QStringLiteral("here")).toBool());
        const QVariantMap refused = controller.discard({}, QStringLiteral("  "));
        QVERIFY(!refused.value(QStringLiteral("ok")).toBool());
        QVERIFY(refused.value(QStringLiteral("errors")).toMap().contains(QStringLiteral("discard_reason")));
        QVERIFY(controller.discard({}, QStringLiteral("Forgot to check out"))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(!controller.active());
        QCOMPARE(controller.leftOpen().size(), 0);
        QCOMPARE(controller.timeline(shop).first().toMap().value(QStringLiteral("status")).toString(),
                 QStringLiteral("discarded"));
    }

    // A reminder comes once per appointment and time, the lead time before it; a moved one is
    // reminded again at its new time, a cancelled one not at all; the lead time is kept.
    void appointmentRemindersComeOnceAtTheLeadTime()
    {
        AppFixture f;
        const QString hotel = f.account(QStringLiteral("Reminder Hotel"));
        {
            fb::Transaction tx(f.context->database());
            fb::Replica(f.context->store()).setSetting(tx, fb::sync::key::kUserId, "u-li");
            tx.commit();
        }
        QTemporaryDir dir;
        auto settings =
            std::make_unique<QSettings>(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        AppointmentController agenda(*f.context, f.translations, std::move(settings));
        QCOMPARE(agenda.reminderLeadMinutes(), 30);
        QSignalSpy due(&agenda, &AppointmentController::reminderDue);
        const qint64 now = f.clock->nowMs();
        RecordEditor booking;
        booking.setSource(&agenda);
        booking.setEntity(QStringLiteral("appointment"));
        booking.setParentId(hotel);
        booking.load();
        booking.set(QStringLiteral("starts_at"), now + 45 * 60'000);  // in 45 minutes
        booking.set(QStringLiteral("place"), QStringLiteral("lobby"));
        QVERIFY(booking.save());
        const QString id = booking.recordId();
        QCOMPARE(due.size(), 0);  // 45 minutes away, reminded 30 before
        f.clock->advance(16 * 60'000);
        QCOMPARE(agenda.remindDue(), 1);
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.first().at(0).toString(), QStringLiteral("appointment:") + id);
        QVERIFY(due.first().at(1).toString().startsWith(QStringLiteral("Reminder Hotel at ")));
        QVERIFY(due.first().at(2).toString().contains(QStringLiteral("lobby")));
        QCOMPARE(agenda.accountOf(id), hotel);
        QCOMPARE(agenda.remindDue(), 0);  // once
        // Moved to later: reminded again when its new time comes near.
        const QVariantMap later = agenda.localOf(f.clock->nowMs() + 3 * 3'600'000);
        QVERIFY(agenda
                    .reschedule(id, later.value(QStringLiteral("date")).toString(),
                                later.value(QStringLiteral("time")).toString(), 60, QStringLiteral("traffic"))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QCOMPARE(agenda.remindDue(), 0);
        f.clock->advance(3 * 3'600'000 - 20 * 60'000);
        QCOMPARE(agenda.remindDue(), 1);
        // Cancelled: never.
        QVERIFY(agenda.cancel(id, QStringLiteral("called off")).value(QStringLiteral("ok")).toBool());
        f.clock->advance(10 * 60'000);
        QCOMPARE(agenda.remindDue(), 0);
        // The lead time is kept for the next start.
        agenda.setReminderLeadMinutes(60);
        AppointmentController again(
            *f.context, f.translations,
            std::make_unique<QSettings>(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat));
        QCOMPARE(again.reminderLeadMinutes(), 60);
        QCOMPARE(agenda.reminderLeadChoices().size(), 5);
    }

    // Whose account it is comes from the server (owner and team in the pull), read-only; an
    // account made here while signed in is the user's at once; one the server has not said of
    // shows no owner (a manager's phone must not call a rep's account its own).
    void accountShowsItsOwnerByName()
    {
        AppFixture f;
        const QString unsaid = f.account(QStringLiteral("Unsaid Hotel"));  // before any sign-in
        const QString theirs = f.account(QStringLiteral("Team Hotel"));
        const QString stranger = f.account(QStringLiteral("Far Hotel"));
        QCOMPARE(f.archive->account(unsaid).value(QStringLiteral("ownerName")).toString(), QString());
        fb::Replica replica(f.context->store());
        {
            fb::Transaction tx(f.context->database());
            replica.setSetting(tx, fb::sync::key::kUserId, "u-li");
            replica.setSetting(tx, fb::sync::key::kUserName, "Li Na");
            replica.setAccountOwner(tx, theirs.toStdString(), "u-wang");
            replica.setAccountOwner(tx, stranger.toStdString(), "u-gone");
            replica.replaceTeam(tx, {{"u-li", "Li Na", "manager"}, {"u-wang", "Wang Wei", "rep"}});
            tx.commit();
        }
        const QString mine = f.account(QStringLiteral("Own Hotel"));
        QCOMPARE(f.archive->account(mine).value(QStringLiteral("ownerName")).toString(),
                 QStringLiteral("Li Na"));
        QCOMPARE(f.archive->account(unsaid).value(QStringLiteral("ownerName")).toString(), QString());
        QCOMPARE(f.archive->account(theirs).value(QStringLiteral("ownerName")).toString(),
                 QStringLiteral("Wang Wei"));
        QCOMPARE(f.archive->account(stranger).value(QStringLiteral("ownerName")).toString(),
                 QStringLiteral("Another account manager"));
        // The name is not a field: a form that hands the map back saves nothing else, and the
        // retired assigned_rep is neither shown nor written.
        QVERIFY(!f.archive->account(mine).contains(QStringLiteral("assigned_rep")));
        QVariantMap edited = f.archive->account(theirs);
        edited.insert(QStringLiteral("notes"), QStringLiteral("seen"));
        QVERIFY(f.archive->saveAccount(theirs, edited).value(QStringLiteral("ok")).toBool());
        const QVariantMap refused =
            f.archive->saveAccount(theirs, {{QStringLiteral("assigned_rep"), QStringLiteral("someone")}});
        QCOMPARE(refused.value(QStringLiteral("ok")).toBool(), false);
    }

    // A storefront photo: the platform's picture, scaled to a phone-sized JPEG that fits the
    // field, stored as an attachment of the account (synced, in the outbox); a file that is
    // no picture is refused with a reason and writes nothing.
    void storefrontPhotoIsScaledStoredAndShown()
    {
        AppFixture f;
        const QString id = f.account(QStringLiteral("Photo Hotel"));
        fb::platform::FakePhotoCapture capture;
        PhotoController photos(*f.context, capture, f.translations);
        QVERIFY(photos.latest(id, QStringLiteral("storefront")).isEmpty());
        QSignalSpy changed(&photos, &PhotoController::changed);
        const auto before = f.outbox();

        const QVariantMap added =
            photos.addPhoto(id, QStringLiteral("storefront"), QStringLiteral("fake:storefront"));
        QVERIFY2(added.value(QStringLiteral("ok")).toBool(),
                 qPrintable(added.value(QStringLiteral("message")).toString()));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toString(), id);
        QCOMPARE(f.outbox(), before + 1);
        const QVariantMap shown = photos.latest(id, QStringLiteral("storefront"));
        QCOMPARE(shown.value(QStringLiteral("id")).toString(), added.value(QStringLiteral("id")).toString());
        QCOMPARE(shown.value(QStringLiteral("source")).toString(),
                 QStringLiteral("image://photos/") + added.value(QStringLiteral("id")).toString());
        QCOMPARE(shown.value(QStringLiteral("count")).toInt(), 1);
        QVERIFY(
            shown.value(QStringLiteral("takenText")).toString().startsWith(QStringLiteral("Taken today")));

        // The stored JPEG: at most 1600 pixels on its long side, the camera's aspect kept.
        auto record =
            f.context->store().get("attachment", added.value(QStringLiteral("id")).toString().toStdString());
        QVERIFY(record.ok());
        QCOMPARE(shown.value(QStringLiteral("local")).toBool(), true);
        const auto jpeg = fb::blobs::read(f.context->database(), record->text("blob"));
        QVERIFY(jpeg.has_value());
        QCOMPARE(fb::blobs::pendingUploads(f.context->database()).size(), std::size_t(1));
        QVERIFY(int(jpeg->size()) <= fb::schema::kMaxPhotoBytes);
        QImage stored;
        QVERIFY(stored.loadFromData(QByteArray::fromStdString(*jpeg), "JPEG"));
        QCOMPARE(stored.size(), QSize(1600, 1066));  // 3000 x 2000 kept in proportion

        // Not a picture: said, and nothing written.
        QTemporaryFile text;
        QVERIFY(text.open());
        text.write("not a picture at all");
        text.close();
        const auto after = f.outbox();
        const QVariantMap refused = photos.addPhoto(id, QStringLiteral("storefront"), text.fileName());
        QCOMPARE(refused.value(QStringLiteral("ok")).toBool(), false);
        QVERIFY(
            refused.value(QStringLiteral("message")).toString().contains(QStringLiteral("not a picture")));
        QCOMPARE(f.outbox(), after);
        const QVariantMap gone =
            photos.addPhoto(id, QStringLiteral("storefront"), QStringLiteral("/no/such/file.jpg"));
        QCOMPARE(gone.value(QStringLiteral("ok")).toBool(), false);

        // A newer one is shown, the older kept (a photo is never changed).
        f.clock->advance(60'000);
        QVERIFY(photos.addPhoto(id, QStringLiteral("storefront"), QStringLiteral("fake:storefront"))
                    .value(QStringLiteral("ok"))
                    .toBool());
        const QVariantMap newer = photos.latest(id, QStringLiteral("storefront"));
        QVERIFY(newer.value(QStringLiteral("id")) != shown.value(QStringLiteral("id")));
        QCOMPARE(newer.value(QStringLiteral("count")).toInt(), 2);
    }

    // Another phone's photo arrives as its record: showing it asks for the picture once, says
    // it is loading, says why when the fetch fails (offline), tries again on request, and
    // shows the picture once it is here.
    void anotherPhonesPhotoIsFetchedWhenShown()
    {
        AppFixture f;
        const QString id = f.account(QStringLiteral("Remote Photo Hotel"));
        fb::platform::FakePhotoCapture capture;
        PhotoController photos(*f.context, capture, f.translations);
        const std::string jpeg("\xff\xd8\xff\xe0 another phone\xff\xd9");
        const std::string digest = fb::blobs::digestOf(jpeg);
        {
            // As a pull stores it: the record, not the bytes.
            fb::Transaction tx(f.context->database());
            QVERIFY(f.context->store()
                        .create(tx, "attachment",
                                {{"account_id", id.toStdString()},
                                 {"purpose", std::string("storefront")},
                                 {"blob", digest},
                                 {"size", std::int64_t(jpeg.size())},
                                 {"taken_at", f.clock->nowMs()}})
                        .ok());
            tx.commit();
        }
        QSignalSpy wanted(&photos, &PhotoController::fetchWanted);
        QVariantMap shown = photos.latest(id, QStringLiteral("storefront"));
        QCOMPARE(shown.value(QStringLiteral("local")).toBool(), false);
        QCOMPARE(shown.value(QStringLiteral("source")).toString(), QString());
        QCOMPARE(shown.value(QStringLiteral("fetching")).toBool(), true);
        QCOMPARE(wanted.size(), 1);
        QCOMPARE(wanted.first().at(0).toString(), QString::fromStdString(digest));
        photos.latest(id, QStringLiteral("storefront"));  // shown again: not asked twice
        QCOMPARE(wanted.size(), 1);

        photos.fetched(QString::fromStdString(digest), QStringLiteral("network"));
        shown = photos.latest(id, QStringLiteral("storefront"));
        QCOMPARE(shown.value(QStringLiteral("fetching")).toBool(), false);
        QVERIFY(shown.value(QStringLiteral("fetchError")).toString().contains(QStringLiteral("online")));
        QCOMPARE(wanted.size(), 1);  // a failure is not retried by itself on every repaint
        photos.retryFetch(shown.value(QStringLiteral("id")).toString());
        QCOMPARE(wanted.size(), 2);
        // Not uploaded yet by its phone: asked again once a later sync went through.
        photos.fetched(QString::fromStdString(digest), QStringLiteral("not_uploaded"));
        QVERIFY(photos.latest(id, QStringLiteral("storefront"))
                    .value(QStringLiteral("fetchError"))
                    .toString()
                    .contains(QStringLiteral("next sync")));
        QCOMPARE(wanted.size(), 2);
        photos.retryFailedFetches();
        photos.latest(id, QStringLiteral("storefront"));
        QCOMPARE(wanted.size(), 3);

        {
            fb::Transaction tx(f.context->database());
            QVERIFY(fb::blobs::addFetched(tx, digest, jpeg, f.clock->nowMs()).ok());
            tx.commit();
        }
        photos.fetched(QString::fromStdString(digest), QString());
        shown = photos.latest(id, QStringLiteral("storefront"));
        QCOMPARE(shown.value(QStringLiteral("local")).toBool(), true);
        QVERIFY(
            shown.value(QStringLiteral("source")).toString().startsWith(QStringLiteral("image://photos/")));
        QCOMPARE(shown.value(QStringLiteral("fetchError")).toString(), QString());
    }

    // A picture far bigger than the field holds is brought down to fit, never refused.
    void aLargeDetailedPictureStillFits()
    {
        QImage noise(4000, 3000, QImage::Format_RGB32);
        quint32 x = 12345;
        for (int y = 0; y < noise.height(); ++y) {
            auto* line = reinterpret_cast<QRgb*>(noise.scanLine(y));
            for (int i = 0; i < noise.width(); ++i) {
                x = x * 1664525u + 1013904223u;
                line[i] = x;
            }
        }
        const QByteArray jpeg = PhotoController::toJpeg(noise);
        QVERIFY(!jpeg.isEmpty());
        QVERIFY(jpeg.size() <= fb::schema::kMaxPhotoBytes);
    }

    // Positions are WGS-84; Chinese map apps take GCJ-02. The conversion, checked against the
    // published reference values (coordtransform, eviltransform), and left alone abroad.
    void mapsGetGcj02InChinaOnly()
    {
        using fb::platform::LatLng;
        const auto near = [](LatLng a, double lat, double lng) {
            return std::abs(a.lat - lat) < 1e-6 && std::abs(a.lng - lng) < 1e-6;
        };
        QVERIFY(near(fb::platform::wgs84ToGcj02({39.915, 116.404}), 39.91640428150164, 116.41024449916938));
        QVERIFY(
            near(fb::platform::wgs84ToGcj02({31.1774276, 121.5272106}), 31.17530398364597, 121.531541859215));
        QVERIFY(
            near(fb::platform::wgs84ToGcj02({22.543847, 113.912316}), 22.540796131694766, 113.9171764808363));
        const LatLng paris{48.8584, 2.2945};
        QVERIFY(near(fb::platform::wgs84ToGcj02(paris), paris.lat, paris.lng));
        // The URLs the phone's apps are handed.
        QCOMPARE(fb::platform::callUrl(QStringLiteral("+86 138-0013 8000")).toString(),
                 QStringLiteral("tel:+8613800138000"));
        QCOMPARE(fb::platform::messageUrl(QStringLiteral("13800138000")).toString(),
                 QStringLiteral("sms:13800138000"));
        const QUrl pin = fb::platform::mapUrl(QStringLiteral("宝鼎食府"), {}, LatLng{39.915, 116.404});
        QCOMPARE(pin.host(), QStringLiteral("uri.amap.com"));
        QCOMPARE(QUrlQuery(pin).queryItemValue(QStringLiteral("position")),
                 QStringLiteral("116.410244,39.916404"));
        const QUrl search =
            fb::platform::mapUrl(QStringLiteral("宝鼎食府"), QStringLiteral("杭州市西湖区文三路 90 号"), {});
        QCOMPARE(QUrlQuery(search).queryItemValue(QStringLiteral("keyword"), QUrl::FullyDecoded),
                 QStringLiteral("杭州市西湖区文三路 90 号"));
        // The controller hands the request to the platform, and refuses an empty one.
        fb::platform::FakeContactActions actions;
        ContactController contact(actions);
        QVERIFY(contact.call(QStringLiteral("13800138000")));
        QVERIFY(contact.message(QStringLiteral("057188886666")));
        QVERIFY(contact.openMap(QStringLiteral("宝鼎食府"), QStringLiteral("杭州市西湖区文三路 90 号")));
        QVERIFY(!contact.call(QString()));
        QCOMPARE(actions.opened.size(), std::size_t{3});
        QCOMPARE(actions.opened[0].scheme(), QStringLiteral("tel"));
        QCOMPARE(actions.opened[1].toString(), QStringLiteral("sms:057188886666"));
        QCOMPARE(actions.opened[2].host(), QStringLiteral("uri.amap.com"));
    }

    // The phone's position is read only with the rep's consent, only on the rep's request,
    // and a fix that comes after the consent was withdrawn is dropped; the consent is kept
    // with its time and survives a restart.
    void locationNeedsConsentAndIsReadOnlyOnRequest()
    {
        AppFixture f;
        fb::platform::FakePositioning positioning;
        const QString ini = f.dir.filePath(QStringLiteral("location.ini"));
        auto location = std::make_unique<LocationController>(
            positioning, f.translations, *f.clock, std::make_unique<QSettings>(ini, QSettings::IniFormat));
        QSignalSpy located(location.get(), &LocationController::located);
        QSignalSpy failed(location.get(), &LocationController::locateFailed);
        QCOMPARE(location->consent(), QStringLiteral("unasked"));
        QVERIFY(!location->locate());
        location->setConsent(false);
        QVERIFY(!location->locate());
        QCOMPARE(positioning.requests, 0);  // nothing was asked of the platform

        location->setConsent(true);
        QCOMPARE(location->consentSince(), QStringLiteral("2 Mar 2026"));
        QVERIFY(location->locate());
        QVERIFY(location->locating());
        QVERIFY(!location->locate());  // one at a time
        QTRY_COMPARE(located.count(), 1);
        QCOMPARE(located.first().at(0).toString(), QStringLiteral("30.274085,120.155070,18"));
        QCOMPARE(located.first().at(1).toString(), QStringLiteral("30.2741° N, 120.1551° E · ±18\u00A0m"));
        QCOMPARE(positioning.requests, 1);
        QCOMPARE(positioning.lastTimeout, std::chrono::milliseconds(30000));

        // Withdrawn while a fix is on its way: the fix is dropped.
        positioning.hold = true;
        QVERIFY(location->locate());
        location->setConsent(false);
        QVERIFY(!location->locating());
        emit positioning.fixed(positioning.next);
        QCOMPARE(located.count(), 1);

        // Each reason the platform gives is said in the rep's words.
        location->setConsent(true);
        positioning.hold = false;
        for (const auto& [reason, words] :
             {std::pair{"timeout", "30 seconds"}, std::pair{"denied", "settings"},
              std::pair{"unavailable", "cannot tell where it is"}}) {
            positioning.failure = QString::fromLatin1(reason);
            QVERIFY(location->locate());
            QTRY_VERIFY(!location->locating());
            QVERIFY2(failed.last().first().toString().contains(QLatin1String(words)),
                     qPrintable(failed.last().first().toString()));
        }
        QCOMPARE(located.count(), 1);

        // Kept across a restart.
        location.reset();
        LocationController again(positioning, f.translations, *f.clock,
                                 std::make_unique<QSettings>(ini, QSettings::IniFormat));
        QCOMPARE(again.consent(), QStringLiteral("granted"));
        QCOMPARE(again.consentSince(), QStringLiteral("2 Mar 2026"));
    }

    void optionsListEveryEnumValueOfTheRegistry()
    {
        AppFixture f;
        int checked = 0;
        for (const fb::schema::Entity& entity : fb::schema::entities()) {
            for (const fb::schema::Field& field : entity.fields) {
                if (field.type != fb::schema::FieldType::Enum) continue;
                const QVariantList options = f.archive->options(qs(entity.name), qs(field.name));
                QStringList expected;
                for (std::string_view value : field.values)
                    expected << qs(value);
                QCOMPARE(valuesOf(options), expected);
                for (const QVariant& option : options) {
                    const QVariantMap map = option.toMap();
                    // Every value has a label of its own, never its bare code.
                    const QString value = map.value(QStringLiteral("value")).toString();
                    const QString label = map.value(QStringLiteral("label")).toString();
                    QVERIFY2(!label.isEmpty() && label != value,
                             qPrintable(qs(entity.name) + "." + qs(field.name) + "=" + value));
                }
                ++checked;
            }
        }
        QVERIFY(checked >= 10);
        QCOMPARE(
            f.archive->optionLabel(QStringLiteral("account"), QStringLiteral("tier"), QStringLiteral("KA")),
            QStringLiteral("KA — key account"));
        QCOMPARE(f.archive->temperaments().size(), 12);
        QVERIFY(!f.archive->temperament(QStringLiteral("cautious"))
                     .value(QStringLiteral("tip"))
                     .toString()
                     .isEmpty());
        QCOMPARE(f.archive->today(), QStringLiteral("2026-03-02"));
    }

    void languageSwitchChangesLabels()
    {
        AppFixture f;
        QTemporaryDir settingsDir;
        const QString settingsFile = settingsDir.filePath(QStringLiteral("settings.ini"));
        const auto platform = fb::platform::createFakePlatform(settingsDir.path());
        AppSettings::Dependencies deps{f.archive.get(), &f.translations, platform.device.get(),
                                       platform.locale.get(), QStringLiteral("device-1")};
        {
            AppSettings settings(deps, std::make_unique<QSettings>(settingsFile, QSettings::IniFormat));
            // First run on a Chinese OS starts in Chinese.
            QCOMPARE(settings.language(), QStringLiteral("zh_CN"));
            QCOMPARE(f.archive->optionLabel(QStringLiteral("account"), QStringLiteral("stage"),
                                            QStringLiteral("growth")),
                     QStringLiteral("成长期"));
            QSignalSpy languageChanged(&settings, &AppSettings::languageChanged);
            settings.setLanguage(QStringLiteral("en"));
            QCOMPARE(languageChanged.count(), 1);
            QCOMPARE(f.archive->optionLabel(QStringLiteral("account"), QStringLiteral("stage"),
                                            QStringLiteral("growth")),
                     QStringLiteral("Growth"));
            QCOMPARE(
                f.archive->temperament(QStringLiteral("cautious")).value(QStringLiteral("name")).toString(),
                qs(fb::temperament("cautious")->nameEn));
            settings.setLanguage(QStringLiteral("zh_CN"));
            QCOMPARE(f.archive->options(QStringLiteral("account"), QStringLiteral("tier"))
                         .first()
                         .toMap()
                         .value(QStringLiteral("label"))
                         .toString(),
                     QStringLiteral("KA 大客户"));
            QCOMPARE(
                f.archive->temperament(QStringLiteral("cautious")).value(QStringLiteral("name")).toString(),
                qs(fb::temperament("cautious")->nameZh));
            const QVariantMap invalid = f.archive->saveAccount({}, {});
            QCOMPARE(invalid.value(QStringLiteral("errors")).toMap().value(QStringLiteral("name")).toString(),
                     QStringLiteral("请填写客户名称"));
            settings.setLanguage(QStringLiteral("en"));
            QCOMPARE(settings.deviceModel(), QStringLiteral("Fieldbook Test Device"));
        }
        // The choice is remembered for the next start, over the OS language.
        AppSettings again(deps, std::make_unique<QSettings>(settingsFile, QSettings::IniFormat));
        QCOMPARE(again.language(), QStringLiteral("en"));

        // On an English OS, the first run starts in English.
        const auto english = fb::platform::createFakePlatform(settingsDir.path(), QLocale(QLocale::English));
        deps.systemLocale = english.locale.get();
        AppSettings firstRun(deps,
                             std::make_unique<QSettings>(settingsDir.filePath(QStringLiteral("fresh.ini")),
                                                         QSettings::IniFormat));
        QCOMPARE(firstRun.language(), QStringLiteral("en"));
    }

    void accountCountFollowsTheArchive()
    {
        AppFixture f;
        const auto platform = fb::platform::createFakePlatform(f.dir.path());
        QTemporaryDir settingsDir;
        AppSettings settings(
            {f.archive.get(), &f.translations, platform.device.get(), platform.locale.get(), {}},
            std::make_unique<QSettings>(settingsDir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat));
        QCOMPARE(settings.accountCount(), 0);
        QSignalSpy counted(&settings, &AppSettings::accountCountChanged);
        f.account(QStringLiteral("广州酒家"));
        QCOMPARE(counted.count(), 1);
        QCOMPARE(settings.accountCount(), 1);
        QCOMPARE(settings.databasePath(), f.context->databasePath());
    }
};

int main(int argc, char* argv[])
{
    // Pinned before Qt reads them, so dates and sorting do not depend on the machine.
    qputenv("TZ", "Asia/Shanghai");
    qputenv("LC_ALL", "C.UTF-8");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    AppTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_app.moc"
