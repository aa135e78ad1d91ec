// Qt Positioning's source: the default one (GeoClue on Linux, CoreLocation on macOS, the
// Windows location API), or the NMEA plugin replaying FIELDBOOK_NMEA_FILE.
#pragma once

#include "fieldbook/platform/positioning.h"

class QGeoPositionInfoSource;

namespace fb::platform {

class DesktopPositioning final : public Positioning {
    Q_OBJECT

public:
    explicit DesktopPositioning(QObject* parent = nullptr);
    bool available() const override { return source_ != nullptr; }
    void requestFix(std::chrono::milliseconds timeout) override;

private:
    QGeoPositionInfoSource* source_ = nullptr;  // child of this; null when none exists
    bool asking_ = false;
};

}  // namespace fb::platform
