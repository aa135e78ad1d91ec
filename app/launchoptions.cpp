// See launchoptions.h.
#include "launchoptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

std::optional<LaunchOptions> LaunchOptions::parse(const QStringList& arguments, QString* error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("LaunchOptions", "Fieldbook: key accounts in your pocket"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("Device database file."),
                                QStringLiteral("file"));
    const QCommandLineOption lang(QStringLiteral("lang"),
                                  QStringLiteral("Language for this run: zh_CN or en."),
                                  QStringLiteral("language"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save a PNG of one page and exit."),
                                        QStringLiteral("png"));
    const QCommandLineOption page(QStringLiteral("page"), QStringLiteral("Page to show for --screenshot."),
                                  QStringLiteral("name"));
    const QCommandLineOption arg(QStringLiteral("arg"),
                                 QStringLiteral("Argument of the page (record id, search text)."),
                                 QStringLiteral("value"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QStringLiteral("Window size for --screenshot, e.g. 390x844."),
                                  QStringLiteral("WxH"), QStringLiteral("390x844"));
    const QCommandLineOption selfTest(
        QStringLiteral("self-test"),
        QStringLiteral("Load every QML component; exit with 1 on any QML warning."));
    const QCommandLineOption server(QStringLiteral("server"),
                                    QStringLiteral("Sign in to this fieldbook-server at start."),
                                    QStringLiteral("url"));
    const QCommandLineOption login(QStringLiteral("login"), QStringLiteral("User name for --server."),
                                   QStringLiteral("login"));
    const QCommandLineOption password(QStringLiteral("password"), QStringLiteral("Password for --server."),
                                      QStringLiteral("password"));
    parser.addOptions({db, lang, screenshot, page, arg, size, selfTest, server, login, password});

    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("help"))) parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version"))) parser.showVersion();

    LaunchOptions options;
    options.databasePath = parser.value(db);
    options.language = parser.value(lang);
    options.screenshotPath = parser.value(screenshot);
    options.page = parser.value(page);
    options.pageArg = parser.value(arg);
    options.selfTest = parser.isSet(selfTest);
    options.serverUrl = parser.value(server);
    options.login = parser.value(login);
    options.password = parser.value(password);

    const QStringList wh = parser.value(size).split(QLatin1Char('x'));
    bool okW = false;
    bool okH = false;
    if (wh.size() == 2) options.size = QSize(wh[0].toInt(&okW), wh[1].toInt(&okH));
    if (!okW || !okH || options.size.isEmpty()) {
        *error = QStringLiteral("--size wants WIDTHxHEIGHT, e.g. 390x844");
        return std::nullopt;
    }
    if (!options.language.isEmpty() && options.language != QLatin1String("zh_CN") &&
        options.language != QLatin1String("en")) {
        *error = QStringLiteral("--lang wants zh_CN or en");
        return std::nullopt;
    }
    if (!options.serverUrl.isEmpty() && (options.login.isEmpty() || options.password.isEmpty())) {
        *error = QStringLiteral("--server needs --login and --password");
        return std::nullopt;
    }
    if (!options.screenshotPath.isEmpty() && options.page.isEmpty()) {
        *error = QStringLiteral("--screenshot needs --page");
        return std::nullopt;
    }
    return options;
}
