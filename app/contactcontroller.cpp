// See contactcontroller.h.
#include "contactcontroller.h"

#include "applogging.h"
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

bool ContactController::openMap(const QString& name, const QString& address)
{
    if (name.trimmed().isEmpty() && address.trimmed().isEmpty()) return false;
    const bool ok = actions_.openMap(name, address, std::nullopt);
    if (!ok) qCWarning(lcApp) << "nothing could open a map";
    return ok;
}
