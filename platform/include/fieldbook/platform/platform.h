// The platform layer: one interface per OS concern (storagepaths.h, deviceinfo.h,
// systemlocale.h, networkmonitor.h) and factories that pick the implementations for the
// OS at hand.
//
// Implementations: desktop (Linux, macOS, Windows; src/desktop) and fake (tests and
// screenshots; src/fake). Android and iOS would implement the same interfaces in
// src/android and src/ios and be selected in platform/CMakeLists.txt; they are not built
// here because no NDK or iOS toolchain is available on the build machines.
//
// Ownership: main() owns the Platform for the life of the app and lends references to
// the objects that need them.
#pragma once

#include <memory>

#include <QLocale>
#include <QString>

#include "fieldbook/platform/deviceinfo.h"
#include "fieldbook/platform/networkmonitor.h"
#include "fieldbook/platform/storagepaths.h"
#include "fieldbook/platform/systemlocale.h"

namespace fb::platform {

struct Platform {
    std::unique_ptr<StoragePaths> storage;
    std::unique_ptr<DeviceInfo> device;
    std::unique_ptr<SystemLocale> locale;
    std::unique_ptr<NetworkMonitor> network;
};

// The implementations for the OS this build runs on. Call after the QGuiApplication
// exists, on the UI thread (the network monitor watches the OS from there).
Platform createDesktopPlatform();

// Fixed, predictable answers: data under `dataDirectory`, a device called "Fieldbook Test
// Device" on "TestOS 1.0", the given OS locale, and a FakeNetworkMonitor (online, Wi-Fi).
Platform createFakePlatform(const QString& dataDirectory,
                            const QLocale& locale = QLocale(QLocale::Chinese, QLocale::China));

}  // namespace fb::platform
