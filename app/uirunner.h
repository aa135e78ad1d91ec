// UiRunner: the non-interactive modes of the app — a screenshot of one page and the QML
// self-test (see launchoptions.h). It watches the engine's warnings from the moment it is
// made, so create it before loading Main.qml: any QML warning fails either mode.
//
// Both modes drive the real Main.qml through its `showPage(name, arg)` function and wait
// with nested event loops on the UI thread; they are used from main() only. With a
// SyncController they also wait (bounded) for a sign-in or sync in flight, so a screenshot
// of the Sync page shows its outcome.
#pragma once

#include <QObject>
#include <QQmlApplicationEngine>
#include <QStringList>

class AppContext;
class SyncController;
struct LaunchOptions;

class UiRunner : public QObject {
    Q_OBJECT

public:
    // The page names Main.qml's showPage() knows (the contract with qml/).
    static const QStringList& pageNames();

    UiRunner(QQmlApplicationEngine& engine, AppContext& context, SyncController* sync = nullptr);

    int warningCount() const { return warnings_; }
    // Shows options.page, saves options.screenshotPath; returns the process exit code.
    int screenshot(const LaunchOptions& options);
    // Compiles every QML file of Fieldbook.Ui and shows every page; returns the exit code.
    int selfTest();

private:
    QObject* root() const;
    // An empty page argument means "the first record" where the page needs one.
    QString resolveArgument(const QString& page, const QString& arg);
    bool showPage(const QString& page, const QString& arg);
    void settle(int minimumMs);

    QQmlApplicationEngine& engine_;
    AppContext& context_;
    SyncController* sync_;
    int warnings_ = 0;
};
