// Fake implementations for tests and screenshots: fixed answers, nothing read from the
// machine, so results do not depend on where they run.
#include "fieldbook/platform/fakeplatform.h"

#include "../photoloader.h"

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

bool FakeContactActions::share(const QString& text)
{
    if (!shareWorks) return false;
    shared.push_back(text);
    return true;
}

namespace {

class FakeSecretStore final : public SecretStore {
public:
    FakeSecretStore(std::map<std::string, std::string>& kept, std::string key)
        : kept_(kept), key_(std::move(key))
    {}
    Result<std::string> load() override
    {
        const auto it = kept_.find(key_);
        return it == kept_.end() ? std::string() : it->second;
    }
    Result<void> store(const std::string& secret) override
    {
        kept_[key_] = secret;
        return {};
    }
    Result<void> erase() override
    {
        kept_.erase(key_);
        return {};
    }
    std::string where() const override { return "fake"; }

private:
    std::map<std::string, std::string>& kept_;
    std::string key_;
};

}  // namespace

Result<QImage> FakePhotoCapture::load(const QString& location)
{
    ++loads;
    if (location == QLatin1String("fake:storefront")) {
        QImage image(3000, 2000, QImage::Format_RGB32);
        for (int y = 0; y < image.height(); ++y) {
            auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
            for (int x = 0; x < image.width(); ++x)
                line[x] =
                    qRgb((x * 255) / image.width(), (y * 255) / image.height(), ((x + y) / 40 % 2) * 200);
        }
        return image;
    }
    return loadPictureFile(location);
}

void FakePositioning::requestFix(std::chrono::milliseconds timeout)
{
    ++requests;
    lastTimeout = timeout;
    if (hold) return;
    // After the call returns, as a real source answers.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!failure.isEmpty())
                emit failed(failure);
            else
                emit fixed(next);
        },
        Qt::QueuedConnection);
}

void FakeNotifications::show(const Notice& notice)
{
    if (!available) {
        emit unavailable(notice);
        return;
    }
    shown.push_back(notice);
}

void FakeNotifications::withdraw(const QString& key)
{
    withdrawn.push_back(key);
}

std::unique_ptr<SecretStore> FakeSecureStorage::tokenStore(const std::string& databasePath)
{
    return std::make_unique<FakeSecretStore>(kept, databasePath);
}

Platform createFakePlatform(const QString& dataDirectory, const QLocale& locale)
{
    return Platform{std::make_unique<FakeStoragePaths>(dataDirectory),
                    std::make_unique<FakeDeviceInfo>(),
                    std::make_unique<FakeSystemLocale>(locale),
                    std::make_unique<FakeNetworkMonitor>(),
                    std::make_unique<FakeContactActions>(),
                    std::make_unique<FakeBackgroundSync>(),
                    std::make_unique<FakeSecureStorage>(),
                    std::make_unique<FakeNotifications>(),
                    std::make_unique<FakePositioning>(),
                    std::make_unique<FakePhotoCapture>()};
}

}  // namespace fb::platform
