// PhotoController: photos of an account for QML (the `Photos` singleton): the storefront
// (门头照片) on the account page, a signed agreement's and a gift recipient's signature at a
// visit. A photo is an `attachment` record (append-only, synced like any record) naming its
// JPEG by SHA-256; the JPEG is a file beside the database (core blobs.h), uploaded after the
// records by the end-of-day sync, so it reaches the rep's other phones and the manager and is
// never lost with the phone.
//
// Another device's photo arrives as its record only: opening it (latest() on a page) asks
// for its picture (fetchWanted, wired to SyncController::fetchAttachment by main()), and the
// page shows "loading" until fetched() reports back, then the picture; offline, it says the
// picture comes with a connection and offers to try again.
//
// Adding: the platform hands back the picture (PhotoCapture: the camera on a phone, a
// picked file on the desktop), upright; it is scaled to at most kLongSide pixels on its long
// side and stored as JPEG, lowering the quality until it fits schema::kMaxPhotoBytes.
// Showing: `image://photos/<attachment id>` (PhotoImageProvider) decodes it on the app's
// reader thread, so a page never waits on a JPEG.
//
// Ownership: created by main() (or a test); borrows the AppContext, the PhotoCapture and the
// translations, which outlive it. UI thread.
#pragma once

#include <QHash>
#include <QObject>
#include <QQuickAsyncImageProvider>
#include <QSet>
#include <QVariantMap>

#include "fieldbook/platform/photocapture.h"
#include "queryexecutor.h"

class AppContext;
class TranslationLoader;

class PhotoController : public QObject {
    Q_OBJECT
    // A camera takes the picture (phones); otherwise a file is picked (desktop).
    Q_PROPERTY(bool camera READ camera CONSTANT)

public:
    static constexpr int kLongSide = 1600;

    PhotoController(AppContext& context, fb::platform::PhotoCapture& capture,
                    const TranslationLoader& translations, QObject* parent = nullptr);

    bool camera() const { return capture_.camera(); }

    // Stores the picture at `location` as the account's photo of `purpose`:
    // {ok, id, message}. Nothing is written when it fails (a file that is not a picture).
    Q_INVOKABLE QVariantMap addPhoto(const QString& accountId, const QString& purpose,
                                     const QString& location);
    // Stores a picture the app made (a signature drawn on the screen, Item.grabToImage) the
    // same way, on white where it is transparent.
    Q_INVOKABLE QVariantMap addImage(const QString& accountId, const QString& purpose, const QImage& image);
    // The latest photo of that purpose: {id, source (for an Image; "" while the picture is not
    // on this device), takenText, count, local, fetching, fetchError (a sentence, "" if none),
    // sizeText}, or {}. A picture not here is asked for (fetchWanted) unless already asked.
    Q_INVOKABLE QVariantMap latest(const QString& accountId, const QString& purpose);
    // Asks again for a picture whose fetch failed (offline, not uploaded yet).
    Q_INVOKABLE void retryFetch(const QString& attachmentId);

    // The answer to a fetchWanted: `reason` "" when the picture is here now.
    void fetched(const QString& digest, const QString& reason);
    // After a sync: pictures that could not be fetched (offline, not uploaded yet) are asked
    // for again the next time they are shown.
    void retryFailedFetches();

    // The JPEG a picture becomes (scaled, quality lowered until it fits), or empty if it cannot.
    static QByteArray toJpeg(const QImage& picture);

signals:
    // A photo was added, pulled or fetched (pages showing one re-read).
    void changed(const QString& accountId);
    // The picture named `digest` is not on this device: fetch it.
    void fetchWanted(const QString& digest);

private:
    QVariantMap store(const QString& accountId, const QString& purpose, const QImage& picture);

    void askFor(const QString& digest);

    AppContext& context_;
    fb::platform::PhotoCapture& capture_;
    const TranslationLoader& translations_;
    QSet<QString> fetching_;               // asked for, no answer yet
    QHash<QString, QString> fetchFailed_;  // digest -> reason of the last failure
};

// image://photos/<attachment id>: the photo decoded on the app's reader (QueryExecutor).
class PhotoImageProvider : public QQuickAsyncImageProvider {
public:
    explicit PhotoImageProvider(QueryExecutor& reader);
    QQuickImageResponse* requestImageResponse(const QString& id, const QSize& requestedSize) override;

private:
    QueryExecutor& reader_;
    QObject receiver_;  // where the reader reports a read that failed (the UI thread)
    QueryLane lane_{&receiver_};
};
