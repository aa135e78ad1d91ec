// Fake implementations of the platform interfaces, for tests (library fb_platform_fake, which
// the product never links): fixed answers, nothing read from the machine, and a record of
// what the app asked the OS to do.
#pragma once

#include <map>
#include <vector>

#include <QUrl>

#include "fieldbook/platform/platform.h"

namespace fb::platform {

// A monitor whose answers the test sets; starts online on Wi-Fi.
class FakeNetworkMonitor final : public NetworkMonitor {
    Q_OBJECT

public:
    using NetworkMonitor::NetworkMonitor;
    bool online() const override { return online_; }
    bool onWifi() const override { return wifi_; }
    // Emit changed() when an answer changes, as a real monitor does.
    void setOnline(bool online);
    void setOnWifi(bool wifi);

private:
    bool online_ = true;
    bool wifi_ = true;
};

// Opens nothing: keeps every URL the app asked to open, in order.
class FakeContactActions final : public ContactActions {
public:
    bool call(const QString& digits) override;
    bool message(const QString& digits) override;
    bool openMap(const QString& name, const QString& address, std::optional<LatLng> wgs84) override;
    bool share(const QString& text) override;
    std::vector<QUrl> opened;
    std::vector<QString> shared;
    bool shareWorks = true;  // false: as if the rep closed the share sheet without a target
};

// A schedule the test runs by hand: wake() calls what was scheduled, if anything is.
class FakeBackgroundSync final : public BackgroundSync {
public:
    void schedule(std::chrono::milliseconds every, std::function<void()> wake) override
    {
        interval = every;
        wake_ = std::move(wake);
    }
    void cancel() override { wake_ = nullptr; }
    bool scheduled() const { return static_cast<bool>(wake_); }
    void wake()
    {
        if (wake_) wake_();
    }
    std::chrono::milliseconds interval{0};

private:
    std::function<void()> wake_;
};

// Keeps each database's token in `kept` (by database path), in memory.
class FakeSecureStorage final : public SecureStorage {
public:
    std::unique_ptr<SecretStore> tokenStore(const std::string& databasePath) override;
    std::map<std::string, std::string> kept;
};

// Keeps what was shown; `available` false: every notice is answered unavailable (as a desktop
// without a notification service). activate() is the rep's tap.
class FakeNotifications final : public Notifications {
    Q_OBJECT

public:
    void show(const Notice& notice) override;
    void withdraw(const QString& key) override;
    void activate(const QString& key) { emit activated(key); }
    bool available = true;
    std::vector<Notice> shown;  // in order, replacements included
    std::vector<QString> withdrawn;
};

// Answers each request as the test says: with `next` (a fix) or `failure` (a reason), or not
// at all while `hold` is set; `requests` counts what the app asked (consent tests check it).
class FakePositioning final : public Positioning {
    Q_OBJECT

public:
    bool available() const override { return present; }
    void requestFix(std::chrono::milliseconds timeout) override;
    bool present = true;
    bool hold = false;
    PositionFix next{{30.274085, 120.155070}, 18, 0};  // 杭州, 武林广场
    QString failure;
    int requests = 0;
    std::chrono::milliseconds lastTimeout{0};
};

// Reads real files like the desktop; a location "fake:storefront" is a generated 3000 x 2000
// picture (a camera's size, so the app's scaling shows) without any file. `camera` is what
// camera() answers; `loads` counts the calls.
class FakePhotoCapture final : public PhotoCapture {
public:
    bool camera() const override { return hasCamera; }
    Result<QImage> load(const QString& location) override;
    bool hasCamera = false;
    int loads = 0;
};

// Fixed, predictable answers: data under `dataDirectory`, a device called "Fieldbook Test
// Device" on "TestOS 1.0", the given OS locale, and a FakeNetworkMonitor (online, Wi-Fi).
Platform createFakePlatform(const QString& dataDirectory,
                            const QLocale& locale = QLocale(QLocale::Chinese, QLocale::China));

}  // namespace fb::platform
