// The desktop positioning through Qt Positioning's NMEA plugin replaying a recorded drive
// (FIELDBOOK_NMEA_FILE, as a rep trying check-ins at a desk would use it): one fix on request,
// WGS-84 degrees as the receiver said them.
// Usage: fb_positioning_test DIR
#include <cmath>
#include <cstdio>

#include <QCoreApplication>
#include <QFile>
#include <QTest>

#include "desktoppositioning.h"

namespace {

int failures = 0;

void check(bool ok, const char* what)
{
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    if (!ok) ++failures;
}

// "$<body>*<checksum>": the XOR of the body's bytes, as every NMEA sentence ends.
QByteArray sentence(const QByteArray& body)
{
    unsigned char sum = 0;
    for (const char c : body)
        sum ^= static_cast<unsigned char>(c);
    return "$" + body + "*" + QByteArray::number(sum, 16).rightJustified(2, '0').toUpper() + "\r\n";
}

}  // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: fb_positioning_test DIR\n");
        return 2;
    }
    // 武林广场, 杭州: 30.274085 N, 120.155070 E, a fix a second.
    const QString log = QString::fromLocal8Bit(argv[1]) + QStringLiteral("/drive.nmea");
    {
        QFile file(log);
        if (!file.open(QIODevice::WriteOnly)) return 2;
        for (int s = 0; s < 5; ++s) {
            const QByteArray time = "0930" + QByteArray::number(10 + s) + ".00";
            file.write(sentence("GPGGA," + time + ",3016.4451,N,12009.3042,E,1,09,0.9,12.0,M,7.0,M,,"));
            file.write(sentence("GPRMC," + time + ",A,3016.4451,N,12009.3042,E,0.0,0.0,021226,,,A"));
        }
    }

    qputenv("FIELDBOOK_NMEA_FILE", log.toLocal8Bit());
    fb::platform::DesktopPositioning positioning;
    check(positioning.available(), "the recorded drive is a position source");
    bool got = false;
    QString failure;
    fb::platform::PositionFix fix;
    QObject::connect(&positioning, &fb::platform::Positioning::fixed,
                     [&](const fb::platform::PositionFix& f) {
                         fix = f;
                         got = true;
                     });
    QObject::connect(&positioning, &fb::platform::Positioning::failed,
                     [&](const QString& r) { failure = r; });
    positioning.requestFix(std::chrono::seconds(10));
    check(QTest::qWaitFor([&] { return got || !failure.isEmpty(); }, 15000), "a fix or a reason came");
    check(got, "a fix came");
    check(std::abs(fix.wgs84.lat - 30.274085) < 1e-5 && std::abs(fix.wgs84.lng - 120.155070) < 1e-5,
          "at the recorded place (30.274085, 120.155070)");
    check(fix.timeMs > 0, "with the time of the fix");

    qunsetenv("FIELDBOOK_NMEA_FILE");
    qputenv("FIELDBOOK_NMEA_FILE", QByteArray("/nonexistent/drive.nmea"));
    fb::platform::DesktopPositioning missing;
    failure.clear();
    QObject::connect(&missing, &fb::platform::Positioning::failed, [&](const QString& r) { failure = r; });
    missing.requestFix(std::chrono::seconds(2));
    check(QTest::qWaitFor([&] { return !failure.isEmpty(); }, 10000),
          "a log that is not there: a reason, not a hang");
    return failures == 0 ? 0 : 1;
}
