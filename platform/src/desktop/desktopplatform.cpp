// Desktop implementations (Linux, macOS, Windows): Qt already knows the answers.
#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTimer>

#include "../photoloader.h"
#include "desktopnetworkmonitor.h"
#include "desktopnotifications.h"
#include "desktoppositioning.h"
#include "fieldbook/platform/platform.h"

namespace fb::platform {
namespace {

class DesktopStoragePaths final : public StoragePaths {
public:
    // Resolved once: QStandardPaths depends on the application name, which main() sets
    // before creating the platform.
    DesktopStoragePaths() : dir_(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)) {}
    QString dataDirectory() const override { return dir_; }

private:
    QString dir_;
};

class DesktopDeviceInfo final : public DeviceInfo {
public:
    QString modelName() const override
    {
        const QString name = QSysInfo::machineHostName();
        return name.isEmpty() ? QSysInfo::prettyProductName() : name;
    }
    QString osName() const override { return QSysInfo::prettyProductName(); }
};

class DesktopSystemLocale final : public SystemLocale {
public:
    QLocale locale() const override { return QLocale::system(); }
};

// The desktop's own handlers for tel:, sms: and web URLs (a softphone, a messaging app, the
// browser showing AMap's web map).
class DesktopContactActions final : public ContactActions {
public:
    bool call(const QString& digits) override { return QDesktopServices::openUrl(callUrl(digits)); }
    bool message(const QString& digits) override { return QDesktopServices::openUrl(messageUrl(digits)); }
    bool openMap(const QString& name, const QString& address, std::optional<LatLng> wgs84) override
    {
        return QDesktopServices::openUrl(mapUrl(name, address, wgs84));
    }
    bool share(const QString& text) override
    {
        QClipboard* clipboard = QGuiApplication::clipboard();
        if (!clipboard) return false;
        clipboard->setText(text);
        return true;
    }
};

// While the app runs: a timer (a desktop app is not woken by the OS when closed).
class DesktopBackgroundSync final : public BackgroundSync {
public:
    void schedule(std::chrono::milliseconds interval, std::function<void()> wake) override
    {
        timer_.disconnect();
        QObject::connect(&timer_, &QTimer::timeout, &timer_, std::move(wake));
        timer_.start(interval);
    }
    void cancel() override { timer_.stop(); }

private:
    QTimer timer_;
};

}  // namespace

// No camera: the rep picks a picture file (the app's file dialog), read here.
class DesktopPhotoCapture final : public PhotoCapture {
public:
    bool camera() const override { return false; }
    Result<QImage> load(const QString& location) override { return loadPictureFile(location); }
};

Platform createDesktopPlatform()
{
    return Platform{std::make_unique<DesktopStoragePaths>(),
                    std::make_unique<DesktopDeviceInfo>(),
                    std::make_unique<DesktopSystemLocale>(),
                    std::make_unique<DesktopNetworkMonitor>(),
                    std::make_unique<DesktopContactActions>(),
                    std::make_unique<DesktopBackgroundSync>(),
                    makeDesktopSecureStorage(),
                    std::make_unique<DesktopNotifications>(),
                    std::make_unique<DesktopPositioning>(),
                    std::make_unique<DesktopPhotoCapture>()};
}

}  // namespace fb::platform
