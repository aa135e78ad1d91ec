// Reads a picture file upright (EXIF orientation applied), scaled if it is enormous.
#pragma once

#include <QImage>
#include <QString>

#include "fieldbook/core/result.h"

namespace fb::platform {

Result<QImage> loadPictureFile(const QString& location);

}  // namespace fb::platform
