// AppSettings: the rep's preferences and facts about this installation for the Me page
// (the `AppSettings` singleton). The language is persisted in QSettings; on first run it
// follows the OS (platform::SystemLocale). Changing it swaps the translation and asks the
// QML engine to re-evaluate its qsTr() bindings.
//
// Ownership: created by main() (or a test); borrows everything it is given, all of which
// outlive it. UI thread only.
#pragma once

#include <memory>

#include <QObject>
#include <QPointer>
#include <QSettings>
#include <QString>

class ArchiveController;
class QQmlEngine;
class TranslationLoader;
namespace fb::platform {
class DeviceInfo;
class SystemLocale;
}  // namespace fb::platform

class AppSettings : public QObject {
    Q_OBJECT
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(QString databasePath READ databasePath CONSTANT)
    Q_PROPERTY(int accountCount READ accountCount NOTIFY accountCountChanged)
    Q_PROPERTY(QString deviceId READ deviceId CONSTANT)
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(QString deviceModel READ deviceModel CONSTANT)
    Q_PROPERTY(QString osName READ osName CONSTANT)

public:
    struct Dependencies {
        ArchiveController* archive = nullptr;
        TranslationLoader* translations = nullptr;
        const fb::platform::DeviceInfo* deviceInfo = nullptr;
        const fb::platform::SystemLocale* systemLocale = nullptr;
        QString deviceId;
    };
    // `settings` is where preferences persist (the user's settings in the app; a temporary
    // file in tests and screenshot runs). Loads the stored (or first-run) language.
    AppSettings(const Dependencies& dependencies, std::unique_ptr<QSettings> settings,
                QObject* parent = nullptr);
    ~AppSettings() override;

    // The engine whose bindings are retranslated on a language change (optional).
    void setEngine(QQmlEngine* engine);

    QString language() const { return language_; }
    // "zh_CN" or "en"; anything else is refused with a warning.
    void setLanguage(const QString& language);
    // Uses a language for this run without storing it (screenshots in either language).
    void useLanguageForThisRun(const QString& language);
    QString databasePath() const;
    int accountCount() const { return accountCount_; }
    QString deviceId() const { return deviceId_; }
    QString version() const;
    QString deviceModel() const;
    QString osName() const;

signals:
    void languageChanged();
    void accountCountChanged();

private:
    void apply(const QString& language);
    void updateAccountCount();

    Dependencies deps_;
    std::unique_ptr<QSettings> settings_;
    QPointer<QQmlEngine> engine_;
    QString language_;
    QString deviceId_;
    int accountCount_ = 0;
};
