// Catch2 runner for the sync tests: a QCoreApplication exists for Qt SQL (the server's
// store) and Qt's codecs; the tests themselves run synchronously on this thread.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QCoreApplication>

#include "fieldbook/core/database.h"

int main(int argc, char** argv)
{
    fb::configureSqlite();
    QCoreApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
