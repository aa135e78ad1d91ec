// Opens the device database and builds the core objects on top of it (see appcontext.h).
#include "appcontext.h"

#include <QDir>
#include <QFileInfo>

#include "applogging.h"
#include "fieldbook/core/migrations.h"
#include "fieldbook/core/search.h"

fb::Result<std::unique_ptr<AppContext>> AppContext::open(const QString& path,
                                                         std::unique_ptr<fb::Clock> clock)
{
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir)) {
        return fb::makeError(fb::ErrorCode::Storage, "cannot create directory " + dir.toStdString());
    }
    auto db = fb::openDeviceDatabase(path.toStdString());
    if (!db) return db.error();
    qCInfo(lcApp) << "opened device database" << path;
    return std::unique_ptr<AppContext>(new AppContext(path, std::move(clock), std::move(db).value()));
}

AppContext::AppContext(QString path, std::unique_ptr<fb::Clock> clock, std::unique_ptr<fb::Database> db)
    : path_(std::move(path)), clock_(std::move(clock)), db_(std::move(db))
{
    device_ = std::make_unique<fb::DeviceContext>(*db_, *clock_);
    store_ = std::make_unique<fb::Store>(*db_, *device_);
    fb::installSearchIndex(*store_);
    archive_ = std::make_unique<fb::Archive>(*store_);
    queries_ = std::make_unique<QueryExecutor>(path_);
}

AppContext::~AppContext() = default;
