// See queryexecutor.h.
#include "queryexecutor.h"

#include <QMutexLocker>
#include <QThread>

#include "applogging.h"

QueryLane::QueryLane(QObject* receiver) : state_(std::make_shared<State>())
{
    state_->receiver = receiver;
}

QueryLane::~QueryLane()
{
    const QMutexLocker lock(&state_->mutex);
    state_->receiver = nullptr;
}

quint64 QueryLane::bump()
{
    return ++state_->generation;
}

quint64 QueryLane::generation() const
{
    return state_->generation.load();
}

// The thread and, living on it, the object whose queued calls are the jobs. The connection
// is opened on the thread at the first job and closed after the thread has ended.
struct QueryExecutor::Reader {
    QString path;
    QThread thread;
    QObject* context = nullptr;  // lives on `thread`
    std::unique_ptr<fb::Database> db;
    bool warned = false;

    // Opened at the first query; a failed open is tried again at the next (said once).
    fb::Database* connection()
    {
        if (db) return db.get();
        fb::Database::Options options;
        options.readOnly = true;
        auto opened = fb::Database::open(path.toStdString(), options);
        if (!opened) {
            if (!warned)
                qCWarning(lcApp) << "cannot open the reader connection to" << path << ":"
                                 << QString::fromStdString(opened.error().message);
            warned = true;
            return nullptr;
        }
        db = std::move(opened).value();
        return db.get();
    }
};

QueryExecutor::QueryExecutor(QString databasePath) : reader_(std::make_unique<Reader>())
{
    reader_->path = std::move(databasePath);
    reader_->context = new QObject;
    reader_->context->moveToThread(&reader_->thread);
    reader_->thread.setObjectName(QStringLiteral("reader"));
    reader_->thread.start();
}

QueryExecutor::~QueryExecutor()
{
    reader_->thread.quit();
    reader_->thread.wait();
    // The thread has ended: nothing uses the connection any more, so it may be closed here.
    delete reader_->context;
    reader_->db.reset();
}

void QueryExecutor::run(const QueryLane& lane, quint64 generation, Job job)
{
    QMetaObject::invokeMethod(
        reader_->context,
        [this, state = lane.state_, generation, job = std::move(job)] {
            if (state->generation.load() != generation) return;  // a newer question came
            {
                const QMutexLocker lock(&state->mutex);
                if (!state->receiver) return;  // nobody is waiting for the answer
            }
            fb::Database* db = reader_->connection();
            std::function<void()> deliver = job(db);
            if (db) ++queriesRun_;
            const QMutexLocker lock(&state->mutex);
            // Posted while the receiver cannot be destroyed; once destroyed, Qt drops the
            // events posted to it.
            if (state->receiver && state->generation.load() == generation)
                QMetaObject::invokeMethod(state->receiver, std::move(deliver), Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void QueryExecutor::drain()
{
    QMetaObject::invokeMethod(
        reader_->context, [] {}, Qt::BlockingQueuedConnection);
}

void QueryExecutor::logFailure(const char* what)
{
    qCCritical(lcApp) << "query failed:" << what;
}
