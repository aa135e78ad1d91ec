// See uirunner.h.
#include "uirunner.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QImage>
#include <QMetaMethod>
#include <QQmlComponent>
#include <QQuickWindow>
#include <QTimer>

#include "accountlistmodel.h"
#include "appcontext.h"
#include "applogging.h"
#include "fieldbook/core/search.h"
#include "launchoptions.h"
#include "synccontroller.h"

namespace {

const QString kModuleDir = QStringLiteral(":/qt/qml/Fieldbook/Ui");

void wait(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

}  // namespace

const QStringList& UiRunner::pageNames()
{
    static const QStringList names = {
        QStringLiteral("accounts"),
        QStringLiteral("accounts-search"),
        QStringLiteral("account"),
        QStringLiteral("account-edit"),
        QStringLiteral("account-edit-invalid"),
        QStringLiteral("keyperson"),
        QStringLiteral("keyperson-edit"),
        QStringLiteral("role-change"),
        QStringLiteral("referral"),
        QStringLiteral("appointment-edit"),
        QStringLiteral("agenda"),
        QStringLiteral("visit"),
        QStringLiteral("visit-start"),
        QStringLiteral("me"),
        QStringLiteral("signin"),
        QStringLiteral("sync"),
        QStringLiteral("today"),
        QStringLiteral("contact-log"),
        QStringLiteral("greeting"),
        QStringLiteral("stage-change"),
        QStringLiteral("stage-exit"),
    };
    return names;
}

UiRunner::UiRunner(QQmlApplicationEngine& engine, AppContext& context, SyncController* sync)
    : engine_(engine), context_(context), sync_(sync)
{
    connect(&engine_, &QQmlEngine::warnings, this,
            [this](const QList<QQmlError>& errors) { warnings_ += int(errors.size()); });
}

QObject* UiRunner::root() const
{
    const auto roots = engine_.rootObjects();
    return roots.isEmpty() ? nullptr : roots.first();
}

QString UiRunner::resolveArgument(const QString& page, const QString& arg)
{
    if (!arg.isEmpty()) return arg;
    const bool wantsAccount = page == QLatin1String("account") || page == QLatin1String("role-change") ||
                              page == QLatin1String("referral") ||
                              page == QLatin1String("appointment-edit") ||
                              page == QLatin1String("stage-exit");
    const bool wantsPerson = page == QLatin1String("keyperson") || page == QLatin1String("keyperson-edit");
    if (!wantsAccount && !wantsPerson) return arg;

    const fb::AccountPage first = fb::AccountQuery(context_.database()).page({}, 0, 1);
    if (first.hits.empty()) return arg;
    const std::string accountId = first.hits.front().accountId;
    if (wantsAccount) return QString::fromStdString(accountId);
    const auto persons = context_.archive().keyPersons(accountId);
    return persons.empty() ? QString() : QString::fromStdString(persons.front().id);
}

bool UiRunner::showPage(const QString& page, const QString& arg)
{
    QObject* window = root();
    // Main.qml may declare showPage with types (name: string, arg: string): bool, or
    // untyped; the two look different to the meta-object system.
    const QMetaObject* meta = window ? window->metaObject() : nullptr;
    const int typed = meta ? meta->indexOfMethod("showPage(QString,QString)") : -1;
    const int untyped = meta ? meta->indexOfMethod("showPage(QVariant,QVariant)") : -1;
    bool invoked = false;
    QVariant shown;
    if (typed >= 0) {
        const QMetaMethod method = meta->method(typed);
        if (method.returnMetaType() == QMetaType::fromType<bool>()) {
            bool known = true;
            invoked =
                method.invoke(window, Q_RETURN_ARG(bool, known), Q_ARG(QString, page), Q_ARG(QString, arg));
            shown = known;
        } else {
            invoked = method.invoke(window, Q_ARG(QString, page), Q_ARG(QString, arg));
        }
    } else if (untyped >= 0) {
        invoked = meta->method(untyped).invoke(window, Q_RETURN_ARG(QVariant, shown), Q_ARG(QVariant, page),
                                               Q_ARG(QVariant, arg));
    }
    if (!invoked) {
        qCCritical(lcApp) << "Main.qml has no showPage(name, arg) function";
        return false;
    }
    // showPage may answer false for a page it does not know; no answer means it handled it.
    if (shown.typeId() == QMetaType::Bool && !shown.toBool()) {
        qCCritical(lcApp) << "Main.qml does not know the page" << page;
        return false;
    }
    return true;
}

void UiRunner::settle(int minimumMs)
{
    wait(minimumMs);
    // A sign-in or sync started from the command line talks to a server: wait for it.
    if (sync_) {
        QElapsedTimer syncTimer;
        syncTimer.start();
        while ((!sync_->ready() || sync_->signingIn() || sync_->syncing()) && syncTimer.elapsed() < 60000)
            wait(50);
    }
    // Lists fill in from their worker threads: wait until none is loading (bounded).
    QElapsedTimer timer;
    timer.start();
    auto anyLoading = [this] {
        const QObject* window = root();
        if (!window) return false;
        const auto models = window->findChildren<AccountListModel*>();
        return std::any_of(models.begin(), models.end(),
                           [](const AccountListModel* m) { return m->loading(); });
    };
    while (anyLoading() && timer.elapsed() < 5000)
        wait(50);

    // Two frames after the last change, so what is grabbed is what was rendered.
    if (auto* window = qobject_cast<QQuickWindow*>(root()); window && window->isExposed()) {
        for (int frame = 0; frame < 2; ++frame) {
            QEventLoop loop;
            connect(window, &QQuickWindow::frameSwapped, &loop, &QEventLoop::quit);
            QTimer::singleShot(1000, &loop, &QEventLoop::quit);
            window->update();
            loop.exec();
        }
    }
}

int UiRunner::screenshot(const LaunchOptions& options)
{
    if (!pageNames().contains(options.page)) {
        qCCritical(lcApp) << "unknown page" << options.page << "; known pages:" << pageNames();
        return 1;
    }
    auto* window = qobject_cast<QQuickWindow*>(root());
    if (!window) {
        qCCritical(lcApp) << "Main.qml did not create a window";
        return 1;
    }
    window->resize(options.size);
    window->show();
    QElapsedTimer exposed;
    exposed.start();
    while (!window->isExposed() && exposed.elapsed() < 5000)
        wait(20);
    if (!window->isExposed()) {
        qCCritical(lcApp) << "the window was never shown (no display?)";
        return 1;
    }
    if (!showPage(options.page, resolveArgument(options.page, options.pageArg))) return 1;
    settle(800);

    const QImage image = window->grabWindow();
    if (image.isNull() || !image.save(options.screenshotPath)) {
        qCCritical(lcApp) << "could not save the screenshot to" << options.screenshotPath;
        return 1;
    }
    qCInfo(lcApp) << "saved" << options.screenshotPath << image.size();
    if (warnings_ > 0) {
        qCCritical(lcApp) << warnings_ << "QML warning(s) while showing" << options.page;
        return 1;
    }
    return 0;
}

int UiRunner::selfTest()
{
    int failures = 0;
    // Singletons cannot be made by QQmlComponent; the qmldir says which files they are.
    QStringList singletons;
    QFile qmldir(kModuleDir + QStringLiteral("/qmldir"));
    if (qmldir.open(QIODevice::ReadOnly | QIODevice::Text)) {
        while (!qmldir.atEnd()) {
            const QStringList words =
                QString::fromUtf8(qmldir.readLine()).simplified().split(QLatin1Char(' '));
            if (words.size() == 4 && words[0] == QLatin1String("singleton")) {
                singletons << kModuleDir + QLatin1Char('/') + words[3];
            }
        }
    }
    QDirIterator files(kModuleDir, {QStringLiteral("*.qml")}, QDir::Files, QDirIterator::Subdirectories);
    int compiled = 0;
    while (files.hasNext()) {
        const QString path = files.next();
        if (singletons.contains(path)) continue;
        QQmlComponent component(&engine_, QUrl(QStringLiteral("qrc") + path));
        if (component.isError()) {
            ++failures;
            for (const QQmlError& error : component.errors())
                qCCritical(lcApp).noquote() << error.toString();
        }
        ++compiled;
    }
    if (compiled == 0) {
        qCCritical(lcApp) << "no QML files under" << kModuleDir;
        return 1;
    }
    auto* window = qobject_cast<QQuickWindow*>(root());
    if (!window) {
        qCCritical(lcApp) << "self-test: Main.qml did not load;" << failures << "file(s) failed to compile";
        return 1;
    }
    window->show();
    for (const QString& page : pageNames()) {
        if (!showPage(page, resolveArgument(page, {}))) ++failures;
        settle(100);
    }
    qCInfo(lcApp) << "self-test:" << compiled << "QML files," << pageNames().size() << "pages," << failures
                  << "failures," << warnings_ << "QML warnings";
    return failures == 0 && warnings_ == 0 ? 0 : 1;
}
