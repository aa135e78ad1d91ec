// What this device is, for display on the Me page and in support reports. Desktop reads
// QSysInfo; a phone implementation would report the handset model (Build.MODEL on
// Android, utsname machine on iOS). Immutable after creation; any thread may read it.
#pragma once

#include <QString>

namespace fb::platform {

class DeviceInfo {
public:
    virtual ~DeviceInfo() = default;
    // A model name a person recognises ("Xiaomi 13", "Debian GNU/Linux 12 (bookworm)").
    virtual QString modelName() const = 0;
    // Operating system and version ("Android 14", "Linux 6.1").
    virtual QString osName() const = 0;
};

}  // namespace fb::platform
