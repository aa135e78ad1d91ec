// See accountqueryworker.h.
#include "accountqueryworker.h"

#include "applogging.h"

AccountQueryWorker::AccountQueryWorker(std::shared_ptr<const std::atomic<quint64>> latestGeneration)
    : latest_(std::move(latestGeneration))
{}

AccountQueryWorker::~AccountQueryWorker() = default;

void AccountQueryWorker::open(const QString& databasePath)
{
    db_.reset();
    fb::Database::Options options;
    options.readOnly = true;
    auto db = fb::Database::open(databasePath.toStdString(), options);
    if (!db) {
        qCWarning(lcApp) << "cannot open reader connection to" << databasePath << ":"
                         << QString::fromStdString(db.error().message);
        return;
    }
    db_ = std::move(db).value();
}

void AccountQueryWorker::run(quint64 generation, const fb::AccountFilter& filter, int offset, int limit)
{
    if (latest_->load() != generation) return;  // a newer filter came in meanwhile
    AccountQueryResult result;
    result.generation = generation;
    result.offset = offset;
    if (!db_) {
        result.failed = true;
    } else {
        try {
            result.page = fb::AccountQuery(*db_).page(filter, offset, limit);
        } catch (const std::exception& e) {
            qCCritical(lcApp) << "account query failed:" << e.what();
            result.failed = true;
        }
    }
    emit pageReady(result);
}
