// See locationcontroller.h.
#include "locationcontroller.h"

#include <cmath>

#include <QDateTime>

#include "applogging.h"
#include "fieldbook/core/schema.h"
#include "formats.h"
#include "translationloader.h"

namespace {

const QString kConsentKey = QStringLiteral("location/consent");
const QString kConsentAtKey = QStringLiteral("location/consentAtMs");
// How long a fix may take: a phone indoors takes a while for its first satellite fix.
constexpr std::chrono::seconds kFixTimeout{30};

}  // namespace

LocationController::LocationController(fb::platform::Positioning& positioning,
                                       const TranslationLoader& translations, const fb::Clock& clock,
                                       std::unique_ptr<QSettings> settings, QObject* parent)
    : QObject(parent), positioning_(positioning), translations_(translations), settings_(std::move(settings)),
      clock_(clock)
{
    connect(&positioning_, &fb::platform::Positioning::fixed, this,
            [this](const fb::platform::PositionFix& fix) {
                if (!locating_) return;
                setLocating(false);
                if (consent() != QLatin1String("granted")) return;  // revoked meanwhile: the fix is dropped
                fb::schema::GeoPoint point;
                point.latitude = fix.wgs84.lat;
                point.longitude = fix.wgs84.lng;
                point.accuracyM = fix.accuracyM >= 0 ? static_cast<qint64>(std::llround(fix.accuracyM)) : -1;
                const QString value = QString::fromStdString(fb::schema::formatGeoPoint(point));
                emit located(value, formats::position(value, translations_.isChinese()));
            });
    connect(&positioning_, &fb::platform::Positioning::failed, this, [this](const QString& reason) {
        if (!locating_) return;
        setLocating(false);
        qCInfo(lcApp) << "no position:" << reason;
        if (reason == QLatin1String("denied"))
            emit locateFailed(tr("The phone does not let Fieldbook use its location. Allow it in the phone's "
                                 "settings."));
        else if (reason == QLatin1String("timeout"))
            emit locateFailed(tr("No position within 30 seconds. Step outside or near a window and try "
                                 "again."));
        else if (reason == QLatin1String("unavailable"))
            emit locateFailed(tr("This device cannot tell where it is."));
        else
            emit locateFailed(tr("The position could not be read. Try again."));
    });
}

QString LocationController::consent() const
{
    const QString stored = settings_->value(kConsentKey).toString();
    return stored == QLatin1String("granted") || stored == QLatin1String("declined")
               ? stored
               : QStringLiteral("unasked");
}

QString LocationController::consentSince() const
{
    if (consent() != QLatin1String("granted")) return {};
    const qint64 at = settings_->value(kConsentAtKey).toLongLong();
    if (at <= 0) return {};
    const QDate day = QDateTime::fromMSecsSinceEpoch(at).date();
    return formats::date(day, {}, translations_.isChinese());
}

void LocationController::setConsent(bool granted)
{
    settings_->setValue(kConsentKey, granted ? QStringLiteral("granted") : QStringLiteral("declined"));
    if (granted)
        settings_->setValue(kConsentAtKey, static_cast<qlonglong>(clock_.nowMs()));
    else
        settings_->remove(kConsentAtKey);
    settings_->sync();
    if (!granted) setLocating(false);  // a fix still on its way is dropped
    emit consentChanged();
}

bool LocationController::locate()
{
    if (consent() != QLatin1String("granted") || locating_) return false;
    setLocating(true);
    positioning_.requestFix(kFixTimeout);
    return true;
}

void LocationController::setLocating(bool on)
{
    if (locating_ == on) return;
    locating_ = on;
    emit locatingChanged();
}
