// Schema migrations keyed on PRAGMA user_version: one step per version, each inside its
// own transaction, so a crash mid-migration leaves the database at the previous version.
// Entity tables come from the schema registry (schema::ddlForVersion); the remaining steps
// (device bookkeeping, outbox, search index) are written out here.
#pragma once

#include "fieldbook/core/database.h"
#include "fieldbook/core/result.h"

namespace fb {

// The storage version this build migrates device databases to (PRAGMA user_version): the
// number of migration steps. Distinct from schema::currentVersion(), the sync schema.
int storageVersion();

// Brings the database from its user_version up to `target` (default: the latest).
// A database newer than this build is refused with an error instead of being touched.
Result<void> migrate(Database& db, int target = -1);

// Opens (creating if needed) and migrates a device database.
Result<std::unique_ptr<Database>> openDeviceDatabase(const std::string& path);

}  // namespace fb
