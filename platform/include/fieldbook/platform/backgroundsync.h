// Wakes the app to sync now and then without the rep asking: a phone schedules it with the
// OS (WorkManager on Android, BGAppRefreshTask on iOS), which also runs it while the app is
// in the background; the desktop build runs a timer while the app runs. What a wake does
// (sync only when auto-sync is on, signed in, on an allowed network) is the caller's rule.
// UI thread only.
#pragma once

#include <chrono>
#include <functional>

namespace fb::platform {

class BackgroundSync {
public:
    virtual ~BackgroundSync() = default;
    // Calls `wake` about every `interval` from now on (replacing an earlier schedule).
    virtual void schedule(std::chrono::milliseconds interval, std::function<void()> wake) = 0;
    virtual void cancel() = 0;
};

}  // namespace fb::platform
