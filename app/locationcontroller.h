// LocationController: the rep's consent to use the phone's position, and one fix on request
// (the `Location` singleton). Location is sensitive personal information under PIPL
// (个人信息保护法 art. 28–29): it needs the rep's separate consent, asked once with what it is
// for, recorded with its time, revocable at any moment on the Me tab. Without consent the
// platform is never asked. A fix is asked only when the rep acts (record an account's
// location; next, a visit's check-in), never in the background.
//
// Ownership: created by main() (or a test); borrows the Positioning, the translations and the
// clock.
#pragma once

#include <memory>

#include <QObject>
#include <QSettings>

#include "fieldbook/core/clock.h"
#include "fieldbook/platform/positioning.h"

class TranslationLoader;

class LocationController : public QObject {
    Q_OBJECT
    // "unasked", "granted" or "declined".
    Q_PROPERTY(QString consent READ consent NOTIFY consentChanged)
    // When the rep consented, as the Me tab says it ("" unless granted).
    Q_PROPERTY(QString consentSince READ consentSince NOTIFY consentChanged)
    Q_PROPERTY(bool available READ available CONSTANT)
    Q_PROPERTY(bool locating READ locating NOTIFY locatingChanged)

public:
    LocationController(fb::platform::Positioning& positioning, const TranslationLoader& translations,
                       const fb::Clock& clock, std::unique_ptr<QSettings> settings,
                       QObject* parent = nullptr);

    QString consent() const;
    QString consentSince() const;
    bool available() const { return positioning_.available(); }
    bool locating() const { return locating_; }

    // The rep's answer (on the consent card, or the Me tab's switch). Revoking stops a fix
    // being asked for.
    Q_INVOKABLE void setConsent(bool granted);
    // Asks for one fix. False (and nothing asked) without consent or while one is asked.
    Q_INVOKABLE bool locate();

signals:
    void consentChanged();
    void locatingChanged();
    // `value`: the position as stored (a geopoint: "31.230416,121.473701,25"); `text`: as shown.
    void located(const QString& value, const QString& text);
    // Why there is no fix, in the rep's language.
    void locateFailed(const QString& message);

private:
    void setLocating(bool on);

    fb::platform::Positioning& positioning_;
    const TranslationLoader& translations_;
    std::unique_ptr<QSettings> settings_;
    const fb::Clock& clock_;
    bool locating_ = false;
};
