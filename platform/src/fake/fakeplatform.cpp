// Fake implementations for tests and screenshots: fixed answers, nothing read from the
// machine, so results do not depend on where they run.
#include "fieldbook/platform/fakeplatform.h"

namespace fb::platform {
namespace {

class FakeStoragePaths final : public StoragePaths {
public:
    explicit FakeStoragePaths(QString dir) : dir_(std::move(dir)) {}
    QString dataDirectory() const override { return dir_; }

private:
    QString dir_;
};

class FakeDeviceInfo final : public DeviceInfo {
public:
    QString modelName() const override { return QStringLiteral("Fieldbook Test Device"); }
    QString osName() const override { return QStringLiteral("TestOS 1.0"); }
};

class FakeSystemLocale final : public SystemLocale {
public:
    explicit FakeSystemLocale(const QLocale& locale) : locale_(locale) {}
    QLocale locale() const override { return locale_; }

private:
    QLocale locale_;
};

}  // namespace

bool FakeContactActions::call(const QString& digits)
{
    opened.push_back(callUrl(digits));
    return true;
}

bool FakeContactActions::message(const QString& digits)
{
    opened.push_back(messageUrl(digits));
    return true;
}

bool FakeContactActions::openMap(const QString& name, const QString& address, std::optional<LatLng> wgs84)
{
    opened.push_back(mapUrl(name, address, wgs84));
    return true;
}

Platform createFakePlatform(const QString& dataDirectory, const QLocale& locale)
{
    return Platform{std::make_unique<FakeStoragePaths>(dataDirectory),
                    std::make_unique<FakeDeviceInfo>(),
                    std::make_unique<FakeSystemLocale>(locale),
                    std::make_unique<FakeNetworkMonitor>(),
                    std::make_unique<FakeContactActions>(),
                    std::make_unique<FakeBackgroundSync>()};
}

}  // namespace fb::platform
