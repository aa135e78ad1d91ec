// Defines the app layer's logging category (see applogging.h).
#include "applogging.h"

Q_LOGGING_CATEGORY(lcApp, "fieldbook.app", QtInfoMsg)
