// See appsettings.h.
#include "appsettings.h"

#include <QCoreApplication>
#include <QQmlEngine>

#include "applogging.h"
#include "archivecontroller.h"
#include "fieldbook/platform/deviceinfo.h"
#include "fieldbook/platform/systemlocale.h"
#include "translationloader.h"

namespace {
const QString kLanguageKey = QStringLiteral("ui/language");

bool isSupported(const QString& language)
{
    return language == QLatin1String("zh_CN") || language == QLatin1String("en");
}
}  // namespace

AppSettings::AppSettings(const Dependencies& dependencies, std::unique_ptr<QSettings> settings,
                         QObject* parent)
    : QObject(parent), deps_(dependencies), settings_(std::move(settings)), deviceId_(deps_.deviceId)
{
    QString language = settings_->value(kLanguageKey).toString();
    if (!isSupported(language)) {
        language = deps_.systemLocale ? deps_.systemLocale->preferredLanguage() : QStringLiteral("zh_CN");
    }
    apply(language);
    if (deps_.archive) {
        connect(deps_.archive, &ArchiveController::changed, this, &AppSettings::updateAccountCount);
    }
    updateAccountCount();
}

AppSettings::~AppSettings() = default;

void AppSettings::setEngine(QQmlEngine* engine)
{
    engine_ = engine;
}

void AppSettings::setLanguage(const QString& language)
{
    if (!isSupported(language)) {
        qCWarning(lcApp) << "unsupported language" << language;
        return;
    }
    settings_->setValue(kLanguageKey, language);
    apply(language);
}

void AppSettings::useLanguageForThisRun(const QString& language)
{
    if (!isSupported(language)) {
        qCWarning(lcApp) << "unsupported language" << language;
        return;
    }
    apply(language);
}

void AppSettings::apply(const QString& language)
{
    if (language == language_) return;
    language_ = language;
    if (deps_.translations) deps_.translations->load(language);
    if (engine_) engine_->retranslate();
    emit languageChanged();
}

QString AppSettings::databasePath() const
{
    return deps_.archive ? deps_.archive->databasePath() : QString();
}

QString AppSettings::version() const
{
    return QCoreApplication::applicationVersion();
}

QString AppSettings::deviceModel() const
{
    return deps_.deviceInfo ? deps_.deviceInfo->modelName() : QString();
}

QString AppSettings::osName() const
{
    return deps_.deviceInfo ? deps_.deviceInfo->osName() : QString();
}

void AppSettings::updateAccountCount()
{
    const int count = deps_.archive ? deps_.archive->accountCount() : 0;
    if (count == accountCount_) return;
    accountCount_ = count;
    emit accountCountChanged();
}
