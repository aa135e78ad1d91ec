// See FakeNetworkMonitor in fakeplatform.h.
#include "fieldbook/platform/fakeplatform.h"

namespace fb::platform {

void FakeNetworkMonitor::setOnline(bool online)
{
    if (online_ == online) return;
    online_ = online;
    emit changed();
}

void FakeNetworkMonitor::setOnWifi(bool wifi)
{
    if (wifi_ == wifi) return;
    wifi_ = wifi;
    emit changed();
}

}  // namespace fb::platform
