// The record store: create, update and read records of any declared entity. Every write
// is validated against the schema registry, stamped with the HLC (per field, so merges can
// be field by field) and appended to the outbox in the same transaction: a write and its
// outbox entry commit or roll back together, so nothing written can escape sync.
// Invalid input returns an Error and writes nothing.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fieldbook/core/database.h"
#include "fieldbook/core/derived.h"
#include "fieldbook/core/device.h"
#include "fieldbook/core/result.h"
#include "fieldbook/core/schema.h"

namespace fb {

struct Record {
    std::string id;
    Fields fields;

    const Value& get(std::string_view field) const;
    std::string text(std::string_view field) const;  // "" for NULL
};

struct OutboxEntry {
    std::int64_t seq = 0;
    std::string entity;
    std::string recordId;
    std::string op;          // "create" or "update"
    std::string fieldsJson;  // {"field": value, ...} of the fields this write set
    std::string hlc;
};

class Store {
public:
    Store(Database& db, DeviceContext& device);

    // Creates a record (id made here unless `id` is given) and returns its id.
    Result<std::string> create(Transaction& tx, std::string_view entity, const Fields& fields,
                               std::string id = {});
    // Changes the given fields of an existing record (lww entities only). Unchanged values
    // are not written and make no outbox entry.
    Result<void> update(Transaction& tx, std::string_view entity, std::string_view id, const Fields& changes);
    Result<Record> get(std::string_view entity, std::string_view id);
    bool exists(std::string_view entity, std::string_view id);

    // Derived data kept in step with every write (see derived.h). The scope digest is
    // registered by the constructor; the search index by installSearchIndex.
    void addDerived(std::unique_ptr<DerivedData> derived);
    const std::vector<std::unique_ptr<DerivedData>>& derived() const { return derived_; }
    // Tells the derived data of a record written by another path (merged from sync, repaired).
    void written(Transaction& tx, const schema::Entity& entity, const std::string& id);

    // Outbox access (sync reads it; tests check it).
    std::vector<OutboxEntry> outbox(std::int64_t afterSeq = 0, int limit = 1000);
    std::int64_t outboxCount();
    // The sequence number the next outbox entry will get.
    std::int64_t nextSeq();
    // Unsent changes per entity, in the order each entity first appears in the outbox.
    std::vector<std::pair<std::string, std::int64_t>> outboxCountsByEntity();

    Database& db() { return db_; }
    DeviceContext& device() { return device_; }

private:
    Result<Fields> validate(const schema::Entity& e, const Fields& fields, bool creating);
    void appendOutbox(Transaction& tx, const schema::Entity& e, const std::string& id, const char* op,
                      const Fields& fields, const std::string& hlc);

    Database& db_;
    DeviceContext& device_;
    std::vector<std::unique_ptr<DerivedData>> derived_;
};

// JSON text of a Fields map (used for the outbox; values as JSON numbers or strings).
std::string fieldsToJson(const Fields& fields);
// A JSON string literal for `text` (quotes included): escapes what JSON requires and keeps
// other UTF-8 as is. The one escaper of the project (outbox, server replies, tool, bench).
std::string jsonString(std::string_view text);

}  // namespace fb
