// AccountQueryWorker runs account list queries for one AccountListModel on a thread of its
// own, over a read-only SQLite connection it opens and owns on that thread (connections
// are never shared between threads). The UI thread is never blocked by a search.
//
// Latest request wins: the model bumps a shared generation counter for every new filter;
// the worker skips requests whose generation is already stale when their turn comes, and
// the model ignores any result that arrives for an older generation.
//
// Threading: construct on the UI thread, then moveToThread(); call the slots only through
// queued invocations; results come back through the queued signal pageReady.
#pragma once

#include <atomic>
#include <memory>

#include <QMetaType>
#include <QObject>
#include <QString>

#include "fieldbook/core/database.h"
#include "fieldbook/core/search.h"

struct AccountQueryResult {
    quint64 generation = 0;
    int offset = 0;
    fb::AccountPage page;
    bool failed = false;
};
Q_DECLARE_METATYPE(AccountQueryResult)

class AccountQueryWorker : public QObject {
    Q_OBJECT

public:
    explicit AccountQueryWorker(std::shared_ptr<const std::atomic<quint64>> latestGeneration);
    ~AccountQueryWorker() override;

    // Both run on the worker thread (queued).
    void open(const QString& databasePath);
    void run(quint64 generation, const fb::AccountFilter& filter, int offset, int limit);

signals:
    void pageReady(const AccountQueryResult& result);

private:
    std::shared_ptr<const std::atomic<quint64>> latest_;
    std::unique_ptr<fb::Database> db_;
};
