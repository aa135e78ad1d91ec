// Getting a picture: a storefront now, a signed agreement and a check-in with the visit.
// The desktop has no camera to speak of: camera() is false and the app shows a file dialog.
// The phones' implementations (not built here: no NDK or iOS toolchain) will answer true and
// take it with the OS's camera (the capture intent, UIImagePickerController); the app's
// camera page comes with them. Either way the picture comes back as a location the platform
// reads here, with its EXIF orientation applied, so a phone held upright gives an upright
// storefront. UI thread.
#pragma once

#include <QImage>
#include <QString>

#include "fieldbook/core/result.h"

namespace fb::platform {

class PhotoCapture {
public:
    virtual ~PhotoCapture() = default;
    // True where a picture is taken with the camera; false where a file is picked.
    virtual bool camera() const = 0;
    // The picture at `location` (a local file, a file: URL, or what the OS's picker handed
    // back), upright. Errors: NotFound (gone), BadFormat (not a picture this device reads).
    virtual Result<QImage> load(const QString& location) = 0;
};

}  // namespace fb::platform
