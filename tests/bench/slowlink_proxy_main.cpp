// fb_slowlink_proxy: the benchmark's slow link as a program, to try the app or any client
// against fieldbook-server over a slow connection by hand:
//   fb_slowlink_proxy --target 127.0.0.1:PORT [--port 0] [--latency-ms 150] [--bits-per-second 1e6]
// --latency-ms is one way, in each direction (150 adds 300 ms to every round trip);
// --bits-per-second caps each direction. Prints "fb_slowlink_proxy listening on
// http://127.0.0.1:PORT" and forwards until killed. See slowlink_proxy.h for the model.
#include <iostream>

#include <QCoreApplication>
#include <QStringList>

#include "slowlink_proxy.h"

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QString host;
    int targetPort = 0, port = 0;
    fb::bench::SlowLink link;
    const QStringList args = app.arguments();
    bool ok = true;
    for (int i = 1; i + 1 < args.size() && ok; i += 2) {
        const QString& a = args[i];
        const QString& v = args[i + 1];
        if (a == "--target") {
            const auto colon = v.lastIndexOf(':');
            host = v.left(colon);
            targetPort = colon > 0 ? v.mid(colon + 1).toInt(&ok) : 0;
        } else if (a == "--port")
            port = v.toInt(&ok);
        else if (a == "--latency-ms")
            link.oneWayLatencyMs = v.toInt(&ok);
        else if (a == "--bits-per-second")
            link.bitsPerSecond = v.toDouble(&ok);
        else
            ok = false;
    }
    if (!ok || args.size() % 2 == 0 || host.isEmpty() || targetPort <= 0 || targetPort > 65535 || port < 0 ||
        port > 65535 || link.oneWayLatencyMs < 0 || link.bitsPerSecond < 0) {
        std::cerr << "usage: fb_slowlink_proxy --target HOST:PORT [--port P] [--latency-ms ONE_WAY_MS]"
                     " [--bits-per-second B]\n";
        return 2;
    }
    try {
        fb::bench::SlowLinkProxy proxy(host, static_cast<quint16>(targetPort), link,
                                       static_cast<quint16>(port));
        std::cout << "fb_slowlink_proxy listening on http://127.0.0.1:" << proxy.port() << " -> "
                  << host.toStdString() << ":" << targetPort << " (" << link.oneWayLatencyMs
                  << " ms each way, " << link.bitsPerSecond << " bit/s each way)" << std::endl;
        return app.exec();
    } catch (const std::exception& e) {
        std::cerr << "fb_slowlink_proxy: " << e.what() << "\n";
        return 1;
    }
}
