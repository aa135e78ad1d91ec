// See desktopnetworkmonitor.h.
#include "desktopnetworkmonitor.h"

#include <QNetworkInformation>

namespace fb::platform {

DesktopNetworkMonitor::DesktopNetworkMonitor(QObject* parent) : NetworkMonitor(parent)
{
    // No backend is available in containers, on machines without NetworkManager and on
    // minimal installs. Then we cannot know, and say "online, unmetered" (see
    // networkmonitor.h): sync attempts fail fast and back off instead of never running.
    if (!QNetworkInformation::loadDefaultBackend()) return;
    info_ = QNetworkInformation::instance();
    if (!info_) return;
    connect(info_, &QNetworkInformation::reachabilityChanged, this, &NetworkMonitor::changed);
    connect(info_, &QNetworkInformation::transportMediumChanged, this, &NetworkMonitor::changed);
    connect(info_, &QNetworkInformation::isMeteredChanged, this, &NetworkMonitor::changed);
}

bool DesktopNetworkMonitor::online() const
{
    if (!info_) return true;
    // Unknown (a backend that has not decided yet) counts as online for the same reason.
    const auto reachability = info_->reachability();
    return reachability != QNetworkInformation::Reachability::Disconnected;
}

bool DesktopNetworkMonitor::onWifi() const
{
    if (!info_) return true;
    if (info_->isMetered()) return false;
    switch (info_->transportMedium()) {
    case QNetworkInformation::TransportMedium::Cellular:
    case QNetworkInformation::TransportMedium::Bluetooth:
        return false;
    default:
        // Wi-Fi, Ethernet, or a backend that does not report the medium (then unmetered).
        return true;
    }
}

}  // namespace fb::platform
