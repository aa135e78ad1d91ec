// See translationloader.h.
#include "translationloader.h"

#include <QCoreApplication>
#include <QDir>

#include "applogging.h"

TranslationLoader::TranslationLoader(QString directory) : directory_(std::move(directory)) {}

TranslationLoader::~TranslationLoader()
{
    if (translator_) QCoreApplication::removeTranslator(translator_.get());
}

bool TranslationLoader::load(const QString& language)
{
    language_ = language;
    if (translator_) {
        QCoreApplication::removeTranslator(translator_.get());
        translator_.reset();
    }
    const QString file = QDir(directory_).filePath(QStringLiteral("fieldbook_%1.qm").arg(language));
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(file)) {
        if (language == QLatin1String("en")) return true;
        qCWarning(lcApp) << "no translation for" << language << "at" << file;
        return false;
    }
    QCoreApplication::installTranslator(translator.get());
    translator_ = std::move(translator);
    qCDebug(lcApp) << "loaded translation" << file;
    return true;
}
