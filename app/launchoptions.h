// The command line of the `fieldbook` executable:
//   --db FILE                  device database (default: the platform's data directory)
//   --lang zh_CN|en            language for this run (not stored)
//   --screenshot OUT.png --page NAME [--arg ID] [--size 390x844]
//                              show one page, save a PNG of the window and exit
//   --self-test                load Main.qml and every QML component, exit 1 on any warning
//   --server URL --login L --password P
//                              sign in to fieldbook-server at start (then sync)
#pragma once

#include <optional>

#include <QSize>
#include <QString>
#include <QStringList>

struct LaunchOptions {
    QString databasePath;  // empty: the platform default
    QString language;      // empty: the stored preference
    QString screenshotPath;
    QString page;
    QString pageArg;
    QSize size{390, 844};
    bool selfTest = false;
    QString serverUrl;  // with login and password: sign in at start
    QString login;
    QString password;

    // Parses the arguments (including argv[0]); on a mistake returns nullopt and sets
    // `error` to a message for the terminal. --help and --version print and exit.
    static std::optional<LaunchOptions> parse(const QStringList& arguments, QString* error);
};
