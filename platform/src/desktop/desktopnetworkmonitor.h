// The desktop NetworkMonitor over QNetworkInformation (NetworkManager on Linux, the OS
// APIs on macOS and Windows). UI thread only, like QNetworkInformation.
#pragma once

#include "fieldbook/platform/networkmonitor.h"

class QNetworkInformation;

namespace fb::platform {

class DesktopNetworkMonitor final : public NetworkMonitor {
    Q_OBJECT

public:
    explicit DesktopNetworkMonitor(QObject* parent = nullptr);
    bool online() const override;
    bool onWifi() const override;

private:
    QNetworkInformation* info_ = nullptr;  // null when no backend could be loaded
};

}  // namespace fb::platform
