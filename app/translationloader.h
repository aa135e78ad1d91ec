// Loads the UI translation for a language and installs it on the application. The .qm
// files are embedded by the QML module (qt_add_translations(... RESOURCE_PREFIX /i18n))
// as ":/i18n/fieldbook_<language>.qm"; tests point the loader at a directory of their own.
//
// English is the source language of every string, so "en" needs no file: a missing
// fieldbook_en.qm is not an error. Threading: UI thread only (installs translators).
#pragma once

#include <memory>

#include <QString>
#include <QTranslator>

class TranslationLoader {
public:
    explicit TranslationLoader(QString directory = QStringLiteral(":/i18n"));
    ~TranslationLoader();
    TranslationLoader(const TranslationLoader&) = delete;
    TranslationLoader& operator=(const TranslationLoader&) = delete;

    // Replaces the installed translation. Returns false (and falls back to English source
    // strings) when a non-English language has no translation file.
    bool load(const QString& language);
    // The language last asked for ("zh_CN" or "en").
    const QString& language() const { return language_; }
    bool isChinese() const { return language_.startsWith(QLatin1String("zh")); }

private:
    QString directory_;
    QString language_;
    std::unique_ptr<QTranslator> translator_;
};
