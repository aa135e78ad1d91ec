// Catch2 runner for the server tests: a QCoreApplication exists for Qt SQL and QtConcurrent.
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
