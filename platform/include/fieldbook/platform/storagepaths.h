// Where the app keeps its files on this device. Each OS has its own answer (desktop: the
// per-user application data directory; Android: the app's internal files directory, which
// the OS backs up and wipes with the app; iOS: Application Support), so the app asks this
// interface instead of hard-coding a path. Implementations are immutable after creation
// and may be read from any thread.
#pragma once

#include <QString>

namespace fb::platform {

class StoragePaths {
public:
    virtual ~StoragePaths() = default;
    // Directory for the device database and other private app data. May not exist yet.
    virtual QString dataDirectory() const = 0;
    // The device database inside dataDirectory().
    QString deviceDatabasePath() const;
};

}  // namespace fb::platform
