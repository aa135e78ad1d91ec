// See contactcontroller.h.
#include "contactcontroller.h"

#include "applogging.h"
#include "fieldbook/core/schema.h"
#include "fieldbook/platform/contactactions.h"

ContactController::ContactController(fb::platform::ContactActions& actions, QObject* parent)
    : QObject(parent), actions_(actions)
{}

bool ContactController::call(const QString& digits)
{
    if (digits.trimmed().isEmpty()) return false;
    const bool ok = actions_.call(digits);
    if (!ok) qCWarning(lcApp) << "nothing could place a call";
    return ok;
}

bool ContactController::message(const QString& digits)
{
    if (digits.trimmed().isEmpty()) return false;
    const bool ok = actions_.message(digits);
    if (!ok) qCWarning(lcApp) << "nothing could open a text message";
    return ok;
}

bool ContactController::share(const QString& text)
{
    if (text.trimmed().isEmpty()) return false;
    const bool ok = actions_.share(text);
    if (!ok) qCWarning(lcApp) << "nothing took the shared text";
    return ok;
}

bool ContactController::openMap(const QString& name, const QString& address, const QString& location)
{
    std::optional<fb::platform::LatLng> at;
    if (const auto point = fb::schema::parseGeoPoint(location.toStdString()))
        at = fb::platform::LatLng{point->latitude, point->longitude};
    if (name.trimmed().isEmpty() && address.trimmed().isEmpty() && !at) return false;
    const bool ok = actions_.openMap(name, address, at);
    if (!ok) qCWarning(lcApp) << "nothing could open a map";
    return ok;
}
