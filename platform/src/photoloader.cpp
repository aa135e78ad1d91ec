// A picture file read with its orientation applied: the desktop's PhotoCapture::load, and
// the fake's for real files. See photocapture.h.
#include "photoloader.h"

#include <QFileInfo>
#include <QImageReader>
#include <QUrl>

#include "fieldbook/platform/photocapture.h"

namespace fb::platform {

Result<QImage> loadPictureFile(const QString& location)
{
    const QUrl url(location);
    const QString path = url.isLocalFile() ? url.toLocalFile() : location;
    if (!QFileInfo(path).isFile())
        return makeError(ErrorCode::NotFound, "no picture at " + path.toStdString());
    QImageReader reader(path);
    reader.setAutoTransform(true);  // EXIF orientation: a phone's upright picture stays upright
    // A picture of a hundred megapixels would take a phone's memory: read it scaled.
    const QSize size = reader.size();
    constexpr int kMaxSide = 8000;
    if (size.isValid() && std::max(size.width(), size.height()) > kMaxSide)
        reader.setScaledSize(size.scaled(kMaxSide, kMaxSide, Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (image.isNull())
        return makeError(ErrorCode::BadFormat, "not a picture: " + reader.errorString().toStdString());
    return image;
}

}  // namespace fb::platform
