// See photocontroller.h.
#include "photocontroller.h"

#include <climits>

#include <QBuffer>
#include <QDateTime>
#include <QMutexLocker>
#include <QPainter>
#include <QRecursiveMutex>

#include "appcontext.h"
#include "applogging.h"
#include "fieldbook/core/archive.h"
#include "fieldbook/core/blobs.h"
#include "fieldbook/core/schema.h"
#include "formats.h"
#include "messages.h"
#include "queryexecutor.h"
#include "translationloader.h"

namespace {

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

}  // namespace

PhotoController::PhotoController(AppContext& context, fb::platform::PhotoCapture& capture,
                                 const TranslationLoader& translations, QObject* parent)
    : QObject(parent), context_(context), capture_(capture), translations_(translations)
{
    connect(&context_.changes(), &ChangeNotifier::changed, this,
            [this](ChangeNotifier::Origin, const QStringList& entities, const QStringList& accounts) {
                if (!ChangeNotifier::touches(entities, {"attachment"})) return;
                emit changed(accounts.size() == 1 ? accounts.front() : QString());
            });
}

QByteArray PhotoController::toJpeg(const QImage& picture)
{
    QImage image = picture;
    if (std::max(image.width(), image.height()) > kLongSide)
        image = image.scaled(kLongSide, kLongSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    // Quality first, then size: a storefront's sign must stay readable.
    for (int side = kLongSide; side >= 400; side = side * 3 / 4) {
        if (std::max(image.width(), image.height()) > side)
            image = image.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        for (int quality : {82, 70, 55}) {
            QByteArray jpeg;
            QBuffer buffer(&jpeg);
            buffer.open(QIODevice::WriteOnly);
            if (!image.convertToFormat(QImage::Format_RGB32).save(&buffer, "JPEG", quality)) return {};
            if (jpeg.size() <= fb::schema::kMaxPhotoBytes) return jpeg;
        }
    }
    return {};
}

QVariantMap PhotoController::addPhoto(const QString& accountId, const QString& purpose,
                                      const QString& location)
{
    const auto failure = [](const QString& message) {
        return QVariantMap{{QStringLiteral("ok"), false},
                           {QStringLiteral("id"), QString()},
                           {QStringLiteral("message"), message}};
    };
    auto picture = capture_.load(location);
    if (!picture) {
        qCInfo(lcApp) << "photo not read:" << qs(picture.error().message);
        return failure(picture.error().code == fb::ErrorCode::NotFound
                           ? tr("The picture is no longer there.")
                           : tr("This file is not a picture that can be read. Choose a JPEG or PNG photo."));
    }
    return store(accountId, purpose, *picture);
}

QVariantMap PhotoController::addImage(const QString& accountId, const QString& purpose, const QImage& image)
{
    if (image.isNull())
        return {
            {QStringLiteral("ok"), false},
            {QStringLiteral("id"), QString()},
            {QStringLiteral("message"), tr("The picture could not be prepared. Please try another one.")}};
    // A drawing on a transparent canvas: white paper under it (JPEG has no transparency).
    QImage paper(image.size(), QImage::Format_RGB32);
    paper.fill(Qt::white);
    QPainter painter(&paper);
    painter.drawImage(0, 0, image);
    painter.end();
    return store(accountId, purpose, paper);
}

QVariantMap PhotoController::store(const QString& accountId, const QString& purpose, const QImage& picture)
{
    const auto failure = [](const QString& message) {
        return QVariantMap{{QStringLiteral("ok"), false},
                           {QStringLiteral("id"), QString()},
                           {QStringLiteral("message"), message}};
    };
    const QByteArray jpeg = toJpeg(picture);
    if (jpeg.isEmpty()) return failure(tr("The picture could not be prepared. Please try another one."));
    auto saved = [&]() -> fb::Result<std::string> {
        try {
            return fb::inTransaction(context_.database(), [&](fb::Transaction& tx) {
                return context_.archive().addPhoto(
                    tx, accountId.toStdString(), purpose.toStdString(),
                    std::string_view(jpeg.constData(), std::size_t(jpeg.size())), context_.clock().nowMs());
            });
        } catch (const std::exception& e) {
            qCCritical(lcApp) << "photo write failed:" << e.what();
            return fb::makeError(fb::ErrorCode::Storage, e.what());
        }
    }();
    if (!saved) {
        qCWarning(lcApp) << "photo refused:" << qs(saved.error().message);
        return failure(saved.error().code == fb::ErrorCode::Storage
                           ? tr("Could not save on this device. Please try again.")
                           : messages::errorText(saved.error(), "attachment"));
    }
    context_.changes().report(ChangeNotifier::Origin::Local, {QStringLiteral("attachment")}, {accountId});
    return {{QStringLiteral("ok"), true},
            {QStringLiteral("id"), qs(*saved)},
            {QStringLiteral("message"), QString()}};
}

QVariantMap PhotoController::latest(const QString& accountId, const QString& purpose)
{
    try {
        const auto photo = context_.archive().latestPhoto(accountId.toStdString(), purpose.toStdString());
        if (!photo) return {};
        const QDateTime taken = QDateTime::fromMSecsSinceEpoch(photo->takenAtMs, Qt::UTC).toLocalTime();
        const QDate today = formats::localDay(context_.clock(), context_.clock().nowMs());
        const bool chinese = translations_.isChinese();
        QString when = formats::date(taken.date(), today, chinese, true);
        if (!chinese && !when.isEmpty()) when[0] = when[0].toLower();  // "Taken yesterday", mid-sentence
        const std::string digest = fb::photoDigest(context_.database(), photo->id).value_or(std::string());
        const bool local = fb::blobs::present(context_.database(), digest);
        const QString key = qs(digest);
        if (!local && !fetching_.contains(key) && !fetchFailed_.contains(key)) askFor(key);
        QString fetchError;
        if (!local && fetchFailed_.contains(key)) {
            const QString reason = fetchFailed_.value(key);
            fetchError =
                reason == QLatin1String("not_uploaded")
                    ? tr("The picture has not reached the server yet: the phone that took it sends it "
                         "at its next sync.")
                : reason == QLatin1String("not_found")
                    ? tr("The picture is not available to you.")
                    : tr("The picture is on the server. It loads when you are online.");
        }
        const auto record = context_.store().get("attachment", photo->id);
        const qint64 bytes = record ? formats::toInt(record->get("size")) : 0;
        return {
            {QStringLiteral("id"), qs(photo->id)},
            {QStringLiteral("source"), local ? QStringLiteral("image://photos/") + qs(photo->id) : QString()},
            {QStringLiteral("takenText"),
             tr("Taken %1").arg(when + QLatin1Char(' ') + taken.toString(QStringLiteral("HH:mm")))},
            {QStringLiteral("count"), photo->count},
            {QStringLiteral("local"), local},
            {QStringLiteral("fetching"), !local && fetching_.contains(key)},
            {QStringLiteral("fetchError"), fetchError},
            {QStringLiteral("sizeText"), formats::byteSize(bytes, chinese)}};
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "reading photos failed:" << e.what();
        return {};
    }
}

void PhotoController::askFor(const QString& digest)
{
    if (digest.isEmpty()) return;
    fetching_.insert(digest);
    emit fetchWanted(digest);
}

void PhotoController::retryFetch(const QString& attachmentId)
{
    const auto digest = fb::photoDigest(context_.database(), attachmentId.toStdString());
    if (!digest) return;
    const QString key = qs(*digest);
    fetchFailed_.remove(key);
    if (!fetching_.contains(key)) askFor(key);
    emit changed(QString());
}

void PhotoController::retryFailedFetches()
{
    if (fetchFailed_.isEmpty()) return;
    fetchFailed_.clear();
    emit changed(QString());
}

void PhotoController::fetched(const QString& digest, const QString& reason)
{
    fetching_.remove(digest);
    if (reason.isEmpty())
        fetchFailed_.remove(digest);
    else
        fetchFailed_.insert(digest, reason);
    emit changed(QString());
}

namespace {

// One image on its way: filled on the reader thread, read by Qt Quick after finished().
class PhotoResponse : public QQuickImageResponse {
public:
    struct Shared {
        QRecursiveMutex mutex;              // textureFactory() may be called from finished()
        PhotoResponse* response = nullptr;  // null once Qt Quick dropped it
        QImage image;
        QString error;
    };

    PhotoResponse() : shared_(std::make_shared<Shared>()) { shared_->response = this; }
    ~PhotoResponse() override
    {
        const QMutexLocker<QRecursiveMutex> lock(&shared_->mutex);
        shared_->response = nullptr;
    }
    std::shared_ptr<Shared> shared() const { return shared_; }

    QQuickTextureFactory* textureFactory() const override
    {
        const QMutexLocker<QRecursiveMutex> lock(&shared_->mutex);
        return QQuickTextureFactory::textureFactoryForImage(shared_->image);
    }
    QString errorString() const override
    {
        const QMutexLocker<QRecursiveMutex> lock(&shared_->mutex);
        return shared_->error;
    }

private:
    std::shared_ptr<Shared> shared_;
};

}  // namespace

PhotoImageProvider::PhotoImageProvider(QueryExecutor& reader) : reader_(reader) {}

QQuickImageResponse* PhotoImageProvider::requestImageResponse(const QString& id, const QSize& requestedSize)
{
    auto* response = new PhotoResponse;
    // Answered once, always: with the picture, or with why there is none. finished() is
    // posted to the response's own thread, after Qt Quick has connected to it.
    const auto answer = [](const std::shared_ptr<PhotoResponse::Shared>& shared, QImage image,
                           const QString& error) {
        const QMutexLocker<QRecursiveMutex> lock(&shared->mutex);
        shared->image = std::move(image);
        shared->error = error;
        if (shared->response)
            QMetaObject::invokeMethod(
                shared->response, [r = shared->response] { emit r->finished(); }, Qt::QueuedConnection);
    };
    // One lane for every picture, never bumped: each request is its own question, and none
    // runs once the provider (the engine) is gone.
    reader_.submit<int>(
        lane_, lane_.generation(),
        [shared = response->shared(), id = id.toStdString(), requestedSize, answer](fb::Database& db) {
            const std::optional<std::string> jpeg = fb::photoJpeg(db, id);
            QImage image;
            if (!jpeg) {
                answer(shared, {}, QStringLiteral("no photo ") + QString::fromStdString(id));
                return 0;
            }
            if (!image.loadFromData(reinterpret_cast<const uchar*>(jpeg->data()), int(jpeg->size()),
                                    "JPEG")) {
                answer(shared, {},
                       QStringLiteral("photo ") + QString::fromStdString(id) +
                           QStringLiteral(" does not decode"));
                return 0;
            }
            // An Image's sourceSize may name one side only (the other is 0): fit that one.
            const int w = requestedSize.width() > 0 ? requestedSize.width() : INT_MAX;
            const int h = requestedSize.height() > 0 ? requestedSize.height() : INT_MAX;
            if ((w < INT_MAX || h < INT_MAX) && (image.width() > w || image.height() > h))
                image = image.scaled(image.size().scaled(w, h, Qt::KeepAspectRatio), Qt::IgnoreAspectRatio,
                                     Qt::SmoothTransformation);
            answer(shared, std::move(image), {});
            return 1;
        },
        [shared = response->shared(), answer](const std::optional<int>& done) {
            // No result: the reader could not open the database, or the read threw (logged).
            if (!done) answer(shared, {}, QStringLiteral("the photo could not be read"));
        });
    return response;
}
