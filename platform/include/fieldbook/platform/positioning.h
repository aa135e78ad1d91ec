// Where the phone is: one fix on request (an account's location; next, a visit's check-in).
// Location is sensitive personal information under PIPL (个人信息保护法, art. 28): the app
// asks for a fix only after the rep has consented (app/locationcontroller.h) and only when
// the rep acts; nothing tracks in the background. Phones: the OS's fused location; desktop:
// Qt Positioning's default source (GeoClue on Linux) where one exists, or an NMEA log named
// by FIELDBOOK_NMEA_FILE (a recorded drive, for trying check-ins at a desk). UI thread.
#pragma once

#include <chrono>

#include <QObject>
#include <QString>

#include "fieldbook/platform/geo.h"

namespace fb::platform {

struct PositionFix {
    LatLng wgs84;
    double accuracyM = -1;  // horizontal, metres; -1 unknown
    qint64 timeMs = 0;      // when the fix was taken (ms since the epoch)
};

class Positioning : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    // False when this device has no source of positions at all.
    virtual bool available() const = 0;
    // One fix within `timeout`, answered by fixed() or failed(). While one is asked for, a
    // second request joins it.
    virtual void requestFix(std::chrono::milliseconds timeout) = 0;

signals:
    void fixed(const fb::platform::PositionFix& fix);
    // "unavailable" (no source), "denied" (the OS refused the app), "timeout", "error".
    void failed(const QString& reason);
};

}  // namespace fb::platform
