// fieldbook-server: the central sync server and its admin commands. Only wiring: the
// command line, storage, service and HTTP live in fb_server (admin.h runCommandLine).
#include <QCoreApplication>

#include "fieldbook/core/database.h"
#include "fieldbook/server/admin.h"

int main(int argc, char** argv)
{
    fb::configureSqlite();  // before the store opens the database
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fieldbook-server"));
    return fb::server::runCommandLine(QCoreApplication::arguments());
}
