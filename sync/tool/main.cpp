// fieldbook-tool with the sync commands (Qt builds); the core commands are in fb_toolcmd,
// the sync ones in fb_synctool. Only wiring.
#include <QCoreApplication>

#include "fieldbook/core/database.h"
#include "sync_commands.h"

int main(int argc, char** argv)
{
    fb::configureSqlite();
    QCoreApplication app(argc, argv);
    return fb::tool::run(argc, argv, fb::synctool::extensions());
}
