// The language the OS prefers, used once: to choose the app's language on first run
// (after that the rep's own choice in settings wins). Reps are Chinese-speaking first, so
// anything but an English OS locale starts the app in Chinese.
#pragma once

#include <QLocale>
#include <QString>

namespace fb::platform {

class SystemLocale {
public:
    virtual ~SystemLocale() = default;
    virtual QLocale locale() const = 0;
    // "en" when the OS locale is English, otherwise "zh_CN".
    QString preferredLanguage() const;
};

}  // namespace fb::platform
