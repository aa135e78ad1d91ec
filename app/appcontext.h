// AppContext owns the device's writer side of the core: the clock, the writer Database
// connection, the DeviceContext, the Store (with its search-index hooks), the Archive and the
// ChangeNotifier every write is reported to, and the app's one reader (QueryExecutor).
//
// Threading: everything here belongs to the UI thread. The writer connection must not be
// touched from another thread; list queries run on the QueryExecutor's thread, with its
// read-only connection.
// Ownership: main() (or a test) owns the AppContext and keeps it alive longer than every
// controller and model that borrows it.
#pragma once

#include <memory>

#include <QString>

#include "changenotifier.h"
#include "fieldbook/core/archive.h"
#include "fieldbook/core/clock.h"
#include "fieldbook/core/database.h"
#include "fieldbook/core/device.h"
#include "fieldbook/core/result.h"
#include "fieldbook/core/store.h"
#include "queryexecutor.h"

class AppContext {
public:
    // Opens (creating and migrating if needed) the device database at `path`; the parent
    // directory is created if missing. The context takes the clock.
    static fb::Result<std::unique_ptr<AppContext>> open(const QString& path,
                                                        std::unique_ptr<fb::Clock> clock);
    ~AppContext();
    AppContext(const AppContext&) = delete;
    AppContext& operator=(const AppContext&) = delete;

    const QString& databasePath() const { return path_; }
    const fb::Clock& clock() const { return *clock_; }
    fb::Database& database() { return *db_; }
    fb::DeviceContext& device() { return *device_; }
    fb::Store& store() { return *store_; }
    fb::Archive& archive() { return *archive_; }
    // Every committed write, local or synced, is reported here (see changenotifier.h).
    ChangeNotifier& changes() { return *changes_; }
    // The one reader thread and connection for lists and views (see queryexecutor.h).
    QueryExecutor& queries() { return *queries_; }

private:
    AppContext(QString path, std::unique_ptr<fb::Clock> clock, std::unique_ptr<fb::Database> db);

    // Declaration order is destruction order in reverse: the archive and store borrow the
    // device context, which borrows the database and the clock.
    QString path_;
    std::unique_ptr<fb::Clock> clock_;
    std::unique_ptr<fb::Database> db_;
    std::unique_ptr<fb::DeviceContext> device_;
    std::unique_ptr<fb::Store> store_;
    std::unique_ptr<fb::Archive> archive_;
    std::unique_ptr<ChangeNotifier> changes_ = std::make_unique<ChangeNotifier>();
    std::unique_ptr<QueryExecutor> queries_;
};
