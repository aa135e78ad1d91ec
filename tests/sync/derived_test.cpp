// Derived data is one interface (core/derived.h): a new kind registered with the Store is
// kept in step by every path — local writes, merges, an initial sync's bulk inserts over
// several pages, purges, repairs' removals, wipes — without sync or purge code naming it.
// The test registers a kind of its own (a list of every record the device holds, in a table)
// and checks it against the records after each path.
#include <catch2/catch.hpp>

#include "world.h"

using namespace fb;
using namespace fb::test;

namespace {

class RecordList : public DerivedData {
public:
    struct Noted : Prepared {
        explicit Noted(std::string_view e) : entity(e) {}
        std::string entity;
    };
    explicit RecordList(Database& db)
    {
        db.execScript("CREATE TABLE IF NOT EXISTS test_list (entity TEXT NOT NULL, id TEXT PRIMARY KEY)");
    }
    void written(Transaction& tx, const schema::Entity& e, const std::string& id) override
    {
        tx.db()
            .cached("INSERT OR IGNORE INTO test_list (entity, id) VALUES (?, ?)")
            .bind(1, e.name)
            .bind(2, id)
            .exec();
        ++writes;
    }
    void removed(Transaction& tx, const schema::Entity&, const std::string& id) override
    {
        tx.db().cached("DELETE FROM test_list WHERE id = ?").bind(1, id).exec();
    }
    void accountPurged(Transaction& tx, std::string_view) override
    {
        for (const schema::Entity& e : schema::entities())
            tx.db()
                .cached("DELETE FROM test_list WHERE entity = ? AND id NOT IN (SELECT id FROM " +
                        std::string(e.name) + ")")
                .bind(1, e.name)
                .exec();
        ++purges;
    }
    void wiped(Transaction& tx) override { tx.db().execScript("DELETE FROM test_list"); }
    std::unique_ptr<Prepared> prepare(const schema::Entity& e, const Fields&) const override
    {
        return std::make_unique<Noted>(e.name);
    }
    void inserted(const BulkRow& row, const Prepared* p) override
    {
        page_.emplace_back(static_cast<const Noted*>(p)->entity, row.id);
    }
    void beginPage() override { page_.clear(); }
    void endPage(Transaction& tx) override
    {
        for (const auto& [entity, id] : page_)
            tx.db()
                .cached("INSERT OR IGNORE INTO test_list (entity, id) VALUES (?, ?)")
                .bind(1, entity)
                .bind(2, id)
                .exec();
        bulkRows += static_cast<int>(page_.size());
        page_.clear();
    }
    void endBulk(Transaction&, bool) override { ++bulks; }

    int writes = 0, purges = 0, bulkRows = 0, bulks = 0;

private:
    std::vector<std::pair<std::string, std::string>> page_;
};

// Every record the device holds, and what the derived list says it holds.
std::pair<std::set<std::string>, std::set<std::string>> held(SyncDevice& d)
{
    std::set<std::string> records, listed;
    for (const schema::Entity& e : schema::entities()) {
        Statement st = d.db->prepare("SELECT id FROM " + std::string(e.name));
        while (st.step())
            records.insert(std::string(e.name) + "/" + st.text(0));
    }
    Statement st = d.db->prepare("SELECT entity, id FROM test_list");
    while (st.step())
        listed.insert(st.text(0) + "/" + st.text(1));
    return {records, listed};
}

}  // namespace

TEST_CASE("a derived data kind registered with the Store follows every write, pull, purge and wipe",
          "[sync][derived]")
{
    World w;
    w.addUser("li.na", "rep");
    w.addUser("wang.wei", "rep");
    w.importCatalogue("code,name,category,unit\nG001,礼盒,gift,盒\n");
    w.receive("li.na", "G001", 5);
    SyncDevice& writer = w.addDevice("li-writer", "li.na");
    std::vector<std::string> accounts;
    for (int i = 0; i < 12; ++i) {
        accounts.push_back(writer.createAccount("客户 " + std::to_string(i)));
        Transaction tx(*writer.db);
        REQUIRE(writer.archive
                    ->createKeyPerson(tx, accounts.back(),
                                      {{"name", std::string("联系人")}, {"role", std::string("head")}})
                    .ok());
        tx.commit();
    }
    w.syncUntilQuiet();

    sync::SyncEngine::Options small;
    small.pullLimit = 5;
    SyncDevice& phone = w.addDevice("li-phone", "li.na", 2, small);
    auto owned = std::make_unique<RecordList>(*phone.db);
    RecordList& list = *owned;
    phone.store->addDerived(std::move(owned));

    // An initial sync: bulk inserts over several pages.
    REQUIRE(phone.sync().ok());
    auto [records, listed] = held(phone);
    // Accounts, key persons and their role changes (each was named head), the item, the receipt.
    CHECK(records.size() == 12 * 3 + 2);
    CHECK(listed == records);
    CHECK(list.bulks == 1);
    CHECK(list.bulkRows == static_cast<int>(records.size()));

    // Merges from a later pull and a local write.
    writer.updateAccount(accounts[0], {{"tier", std::string("KA")}});
    w.syncUntilQuiet();
    phone.createAccount("新客户");
    std::tie(records, listed) = held(phone);
    CHECK(listed == records);
    CHECK(list.writes >= 2);

    // An account reassigned away: purged with its key person.
    w.assign(accounts[1], "wang.wei");
    w.syncUntilQuiet();
    std::tie(records, listed) = held(phone);
    CHECK(list.purges >= 1);
    CHECK_FALSE(records.count("account/" + accounts[1]));
    CHECK(listed == records);

    // A refused create the server does not hold (a receipt written on a phone): removed.
    std::string item;
    {
        Statement st = phone.db->prepare("SELECT id FROM gift_item");
        REQUIRE(st.step());
        item = st.text(0);
    }
    Transaction tx(*phone.db);
    REQUIRE(phone.store
                ->create(tx, "stock_movement",
                         {{"owner_id", phone.replica->setting(sync::key::kUserId)},
                          {"item_id", item},
                          {"kind", std::string("receipt")},
                          {"quantity", std::int64_t{1}},
                          {"moved_at", phone.clock.nowMs()}})
                .ok());
    tx.commit();
    w.syncUntilQuiet();
    REQUIRE(phone.replica->rejected().size() == 1);
    std::tie(records, listed) = held(phone);
    CHECK(listed == records);

    // Revoked: everything goes, the derived data with it.
    w.revoke(phone.id());
    phone.sync();
    std::tie(records, listed) = held(phone);
    CHECK(records.empty());
    CHECK(listed.empty());
}
