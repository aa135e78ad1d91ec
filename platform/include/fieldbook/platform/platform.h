// The platform layer: one interface per OS concern (storagepaths.h, deviceinfo.h,
// systemlocale.h, networkmonitor.h, contactactions.h, backgroundsync.h, securestorage.h,
// notifications.h, positioning.h, photocapture.h) and a factory that
// picks the implementations for the OS at hand.
//
// Implementations: desktop (Linux, macOS, Windows; src/desktop), chosen in
// platform/CMakeLists.txt; fakes for tests live in their own library (fb_platform_fake,
// fakeplatform.h). Android and iOS would implement the same interfaces in
// src/android and src/ios and be selected in platform/CMakeLists.txt; they are not built
// here because no NDK or iOS toolchain is available on the build machines.
//
// Ownership: main() owns the Platform for the life of the app and lends references to
// the objects that need them.
#pragma once

#include <memory>

#include <QLocale>
#include <QString>

#include "fieldbook/platform/backgroundsync.h"
#include "fieldbook/platform/contactactions.h"
#include "fieldbook/platform/deviceinfo.h"
#include "fieldbook/platform/networkmonitor.h"
#include "fieldbook/platform/notifications.h"
#include "fieldbook/platform/photocapture.h"
#include "fieldbook/platform/positioning.h"
#include "fieldbook/platform/securestorage.h"
#include "fieldbook/platform/storagepaths.h"
#include "fieldbook/platform/systemlocale.h"

namespace fb::platform {

struct Platform {
    std::unique_ptr<StoragePaths> storage;
    std::unique_ptr<DeviceInfo> device;
    std::unique_ptr<SystemLocale> locale;
    std::unique_ptr<NetworkMonitor> network;
    std::unique_ptr<ContactActions> contact;
    std::unique_ptr<BackgroundSync> background;
    std::unique_ptr<SecureStorage> secrets;
    std::unique_ptr<Notifications> notifications;
    std::unique_ptr<Positioning> positioning;
    std::unique_ptr<PhotoCapture> photos;
};

// The implementations for the OS this build runs on. Call after the QGuiApplication
// exists, on the UI thread (the network monitor watches the OS from there).
Platform createDesktopPlatform();

}  // namespace fb::platform
