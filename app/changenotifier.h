// The one place every committed write is reported: a save from a form (ArchiveController)
// or records applied by a sync (SyncController's worker). Controllers and models listen to
// it instead of to each other, so a new feature's controller learns of every change by
// connecting here, and a writer need not know who reads.
//
// Owned by the AppContext; lives on the UI thread (reports from the sync worker arrive
// there queued).
#pragma once

#include <initializer_list>

#include <QObject>
#include <QStringList>

class ChangeNotifier : public QObject {
    Q_OBJECT

public:
    enum class Origin { Local, Sync };
    Q_ENUM(Origin)

    using QObject::QObject;

    // `entities`: the entities written; `accounts`: the accounts whose records changed.
    // Empty means "any" (a sync reports once for everything it applied).
    void report(Origin origin, const QStringList& entities = {}, const QStringList& accounts = {})
    {
        emit changed(origin, entities, accounts);
    }

    // Whether a report of `entities` may concern any of `names`.
    static bool touches(const QStringList& entities, std::initializer_list<const char*> names)
    {
        if (entities.isEmpty()) return true;
        for (const char* name : names)
            if (entities.contains(QLatin1String(name))) return true;
        return false;
    }

signals:
    void changed(ChangeNotifier::Origin origin, const QStringList& entities, const QStringList& accounts);
};
