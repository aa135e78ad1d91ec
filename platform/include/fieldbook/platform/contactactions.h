// What a tap on a phone number or an address does: call, text, or open the address in the
// phone's map app; and sharing a text (a greeting) through the phone's share sheet. Phones hand these to the
// dialler, the messaging app and AMap (高德) or Baidu Maps; the desktop build opens the tel:, sms: and map
// URLs with the desktop's handlers. Coordinates are WGS-84 here and converted to GCJ-02 for the map (geo.h).
// UI thread only.
#pragma once

#include <optional>

#include <QString>
#include <QUrl>

#include "fieldbook/platform/geo.h"

namespace fb::platform {

class ContactActions {
public:
    virtual ~ContactActions() = default;
    // `digits`: a stored phone (digits, optional leading +). False when nothing could open it.
    virtual bool call(const QString& digits) = 0;
    virtual bool message(const QString& digits) = 0;
    // The place on a map: at `wgs84` when known, else searched by `address`; `name` labels it.
    virtual bool openMap(const QString& name, const QString& address, std::optional<LatLng> wgs84) = 0;
    // Hands a text to the phone's share sheet (WeChat, SMS, ...): Android's ACTION_SEND, iOS's
    // UIActivityViewController. The desktop puts it on the clipboard to paste where the rep
    // writes. False when nothing took it.
    virtual bool share(const QString& text) = 0;
};

// The URLs the actions open, made in one place (tested): tel:, sms:, and AMap's URI API
// (uri.amap.com, which opens the AMap app where it is installed and the web map otherwise).
QUrl callUrl(const QString& digits);
QUrl messageUrl(const QString& digits);
QUrl mapUrl(const QString& name, const QString& address, std::optional<LatLng> wgs84);

}  // namespace fb::platform
