// The parts of the platform interfaces that are the same on every OS.
#include "fieldbook/platform/platform.h"

#include <QDir>

namespace fb::platform {

QString StoragePaths::deviceDatabasePath() const
{
    return QDir(dataDirectory()).filePath(QStringLiteral("fieldbook.db"));
}

QString SystemLocale::preferredLanguage() const
{
    return locale().language() == QLocale::English ? QStringLiteral("en") : QStringLiteral("zh_CN");
}

}  // namespace fb::platform
