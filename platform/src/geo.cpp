// WGS-84 to GCJ-02; see geo.h. Written from the formula's published description: an offset
// made of sine series in the distance from (105° E, 35° N), scaled from metres to degrees on
// the Krasovsky 1940 ellipsoid.
#include "fieldbook/platform/geo.h"

#include <cmath>
#include <numbers>

namespace fb::platform {

namespace {

constexpr double kSemiMajor = 6378245.0;                   // Krasovsky 1940, metres
constexpr double kEccentricity2 = 0.00669342162296594323;  // its first eccentricity squared
constexpr double kPi = std::numbers::pi;

double offsetLat(double x, double y)
{
    double d = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
    d += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    d += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
    d += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
    return d;
}

double offsetLng(double x, double y)
{
    double d = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
    d += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    d += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
    d += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
    return d;
}

}  // namespace

bool insideChina(LatLng p)
{
    return p.lng >= 72.004 && p.lng <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271;
}

LatLng wgs84ToGcj02(LatLng p)
{
    if (!insideChina(p)) return p;
    double dLat = offsetLat(p.lng - 105.0, p.lat - 35.0);
    double dLng = offsetLng(p.lng - 105.0, p.lat - 35.0);
    const double radLat = p.lat / 180.0 * kPi;
    double magic = std::sin(radLat);
    magic = 1 - kEccentricity2 * magic * magic;
    const double sqrtMagic = std::sqrt(magic);
    dLat = (dLat * 180.0) / ((kSemiMajor * (1 - kEccentricity2)) / (magic * sqrtMagic) * kPi);
    dLng = (dLng * 180.0) / (kSemiMajor / sqrtMagic * std::cos(radLat) * kPi);
    return {p.lat + dLat, p.lng + dLng};
}

}  // namespace fb::platform
