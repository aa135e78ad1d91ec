// The logging category of the app layer: QT_LOGGING_RULES="fieldbook.app.debug=true".
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApp)
