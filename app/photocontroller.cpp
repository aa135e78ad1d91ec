// See photocontroller.h.
#include "photocontroller.h"

#include <QBuffer>
#include <QDateTime>
#include <QMutexLocker>
#include <QRecursiveMutex>

#include "appcontext.h"
#include "applogging.h"
#include "fieldbook/core/base64.h"
#include "fieldbook/core/schema.h"
#include "formats.h"
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
    const QByteArray jpeg = toJpeg(*picture);
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
                           : tr("The photo could not be saved: %1").arg(qs(saved.error().message)));
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
        const QDateTime taken =
            QDateTime::fromMSecsSinceEpoch(std::get<std::int64_t>(photo->get("taken_at")), Qt::UTC)
                .toLocalTime();
        const QDate today = formats::localDay(context_.clock(), context_.clock().nowMs());
        const bool chinese = translations_.isChinese();
        QString when = formats::date(taken.date(), today, chinese, true);
        if (!chinese && !when.isEmpty()) when[0] = when[0].toLower();  // "Taken yesterday", mid-sentence
        return {{QStringLiteral("id"), qs(photo->id)},
                {QStringLiteral("source"), QStringLiteral("image://photos/") + qs(photo->id)},
                {QStringLiteral("takenText"),
                 tr("Taken %1").arg(when + QLatin1Char(' ') + taken.toString(QStringLiteral("HH:mm")))},
                {QStringLiteral("count"),
                 context_.archive().photoCount(accountId.toStdString(), purpose.toStdString())}};
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "reading photos failed:" << e.what();
        return {};
    }
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

QQuickImageResponse* PhotoImageProvider::requestImageResponse(const QString& id, const QSize& requestedSize)
{
    auto* response = new PhotoResponse;
    // The response lives on whichever thread asked; the reader answers it directly
    // (finished() may be emitted from any thread). Each image is its own question.
    auto lane = std::make_shared<QueryLane>(&lanes_);
    reader_.submit<int>(
        *lane, lane->bump(),
        [shared = response->shared(), id = id.toStdString(), requestedSize, lane](fb::Database& db) {
            QImage image;
            QString error;
            fb::Statement st = db.prepare("SELECT photo FROM attachment WHERE id = ?");
            st.bind(1, id);
            if (!st.step()) {
                error = QStringLiteral("no photo ") + QString::fromStdString(id);
            } else if (auto bytes = fb::decodeBase64(st.textView(0)); !bytes) {
                error =
                    QStringLiteral("photo ") + QString::fromStdString(id) + QStringLiteral(" is not base64");
            } else if (!image.loadFromData(reinterpret_cast<const uchar*>(bytes->data()), int(bytes->size()),
                                           "JPEG")) {
                error = QStringLiteral("photo ") + QString::fromStdString(id) +
                        QStringLiteral(" does not decode");
            } else if (requestedSize.isValid() && !requestedSize.isEmpty()) {
                image = image.scaled(requestedSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
            }
            const QMutexLocker<QRecursiveMutex> lock(&shared->mutex);
            shared->image = std::move(image);
            shared->error = error;
            if (shared->response) emit shared->response->finished();
            return 0;
        },
        [](const std::optional<int>&) {});
    return response;
}
