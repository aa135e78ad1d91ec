// The layers of one device over its database file, built as app/main.cpp wires them: the
// core layers (fakes/temp_db.h), then replica -> sync engine. For the sync tests and the
// benchmarks, which add a transport and a backoff of their own. Owners call close() in their
// destructor, so the layers go before the transport and clock they refer to.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "fakes/temp_db.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/sync/engine.h"

namespace fb::test {

struct DeviceLayers : CoreLayers {
    std::unique_ptr<Replica> replica;
    std::unique_ptr<sync::SyncEngine> engine;

    void open(const std::string& file, const Clock& clock, sync::Transport& transport, sync::Backoff& backoff,
              const sync::SyncEngine::Options& options = {})
    {
        openCore(file, clock);
        replica = std::make_unique<Replica>(*store);
        engine =
            std::make_unique<sync::SyncEngine>(*db, *store, *replica, transport, clock, backoff, options);
    }

    // From the top down (an open transaction rolls back with the connection).
    void close()
    {
        engine.reset();
        replica.reset();
        closeCore();
    }
};

}  // namespace fb::test
