#include "desktoppositioning.h"

#include <QFileInfo>
#include <QGeoPositionInfoSource>
#include <QUrl>
#include <QVariantMap>

namespace fb::platform {

DesktopPositioning::DesktopPositioning(QObject* parent) : Positioning(parent)
{
    const QString nmea = qEnvironmentVariable("FIELDBOOK_NMEA_FILE");
    if (!nmea.isEmpty()) {
        const QVariantMap parameters{{QStringLiteral("nmea.source"),
                                      QUrl::fromLocalFile(QFileInfo(nmea).absoluteFilePath()).toString()}};
        source_ = QGeoPositionInfoSource::createSource(QStringLiteral("nmea"), parameters, this);
    } else {
        source_ = QGeoPositionInfoSource::createDefaultSource(this);
    }
    if (!source_) return;
    connect(source_, &QGeoPositionInfoSource::positionUpdated, this, [this](const QGeoPositionInfo& info) {
        if (!asking_ || !info.isValid()) return;
        asking_ = false;
        PositionFix fix;
        fix.wgs84 = {info.coordinate().latitude(), info.coordinate().longitude()};
        if (info.hasAttribute(QGeoPositionInfo::HorizontalAccuracy))
            fix.accuracyM = info.attribute(QGeoPositionInfo::HorizontalAccuracy);
        fix.timeMs = info.timestamp().toMSecsSinceEpoch();
        emit fixed(fix);
    });
    connect(source_, &QGeoPositionInfoSource::errorOccurred, this, [this](QGeoPositionInfoSource::Error e) {
        if (!asking_) return;
        asking_ = false;
        switch (e) {
        case QGeoPositionInfoSource::AccessError:
            emit failed(QStringLiteral("denied"));
            break;
        case QGeoPositionInfoSource::UpdateTimeoutError:
            emit failed(QStringLiteral("timeout"));
            break;
        case QGeoPositionInfoSource::ClosedError:
            emit failed(QStringLiteral("unavailable"));
            break;
        default:
            emit failed(QStringLiteral("error"));
            break;
        }
    });
}

void DesktopPositioning::requestFix(std::chrono::milliseconds timeout)
{
    if (!source_) {
        QMetaObject::invokeMethod(
            this, [this] { emit failed(QStringLiteral("unavailable")); }, Qt::QueuedConnection);
        return;
    }
    if (asking_) return;
    asking_ = true;
    source_->requestUpdate(static_cast<int>(timeout.count()));
}

}  // namespace fb::platform
