// Whether the device is online and whether the connection is unmetered (Wi-Fi), so the
// app can sync as soon as the connection returns and honour the rep's "Wi-Fi only" choice.
// Desktop watches QNetworkInformation (src/desktop); Android (ConnectivityManager) and iOS
// (NWPathMonitor) implement the same interface later; FakeNetworkMonitor (fakeplatform.h)
// drives tests.
//
// Threading: a monitor lives on the UI thread, answers there and emits changed() there
// (QNetworkInformation itself is a UI-thread singleton). Ownership: Platform owns it.
#pragma once

#include <QObject>

namespace fb::platform {

class NetworkMonitor : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    ~NetworkMonitor() override = default;

    // True when some network is reachable. A platform that cannot tell says true: a sync
    // attempt then fails fast and is retried, which is better than never syncing.
    virtual bool online() const = 0;
    // True on an unmetered connection (Wi-Fi or a cable), where large syncs cost the rep
    // nothing. A platform that cannot tell says true.
    virtual bool onWifi() const = 0;

signals:
    // Either answer may have changed.
    void changed();
};

}  // namespace fb::platform
