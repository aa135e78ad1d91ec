// ContactController: call, text or find on a map from a page (the `Contact` singleton), through
// the platform's ContactActions (the dialler, messaging and map apps on a phone; the
// desktop's URL handlers here). Says whether the OS took the request, so a page can tell the
// rep when nothing could open it.
//
// Ownership: created by main() (or a test); borrows the ContactActions, which outlive it.
#pragma once

#include <QObject>

namespace fb::platform {
class ContactActions;
}  // namespace fb::platform

class ContactController : public QObject {
    Q_OBJECT

public:
    explicit ContactController(fb::platform::ContactActions& actions, QObject* parent = nullptr);

    // `digits`: a stored phone. False when nothing on this device could open it.
    Q_INVOKABLE bool call(const QString& digits);
    Q_INVOKABLE bool message(const QString& digits);
    // Hands a text to the share sheet (a greeting); false when nothing took it.
    Q_INVOKABLE bool share(const QString& text);
    // At `location` (a stored position, WGS-84) when there is one, else searched by address.
    Q_INVOKABLE bool openMap(const QString& name, const QString& address, const QString& location = {});

private:
    fb::platform::ContactActions& actions_;
};
