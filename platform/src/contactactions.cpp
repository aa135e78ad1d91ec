// The URLs of the contact actions; see contactactions.h.
#include "fieldbook/platform/contactactions.h"

#include <QUrlQuery>

namespace fb::platform {

namespace {

QString dialable(const QString& digits)
{
    QString out;
    for (const QChar c : digits)
        if (c.isDigit() || (c == QLatin1Char('+') && out.isEmpty())) out += c;
    return out;
}

}  // namespace

QUrl callUrl(const QString& digits)
{
    return QUrl(QStringLiteral("tel:") + dialable(digits));
}

QUrl messageUrl(const QString& digits)
{
    return QUrl(QStringLiteral("sms:") + dialable(digits));
}

QUrl mapUrl(const QString& name, const QString& address, std::optional<LatLng> wgs84)
{
    QUrl url;
    QUrlQuery query;
    if (wgs84) {
        const LatLng gcj = wgs84ToGcj02(*wgs84);
        url = QUrl(QStringLiteral("https://uri.amap.com/marker"));
        query.addQueryItem(QStringLiteral("position"), QString::number(gcj.lng, 'f', 6) + QLatin1Char(',') +
                                                           QString::number(gcj.lat, 'f', 6));
        query.addQueryItem(QStringLiteral("name"), name.isEmpty() ? address : name);
        query.addQueryItem(QStringLiteral("coordinate"), QStringLiteral("gaode"));
    } else {
        url = QUrl(QStringLiteral("https://uri.amap.com/search"));
        query.addQueryItem(QStringLiteral("keyword"), address.isEmpty() ? name : address);
    }
    query.addQueryItem(QStringLiteral("callnative"), QStringLiteral("1"));
    query.addQueryItem(QStringLiteral("src"), QStringLiteral("fieldbook"));
    url.setQuery(query);
    return url;
}

}  // namespace fb::platform
