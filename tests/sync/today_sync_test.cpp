// Today end to end (engine and in-process server): contacts logged offline on a rep's two
// phones arrive once each on both and on the manager's and count once each in the cadence; a
// policy the admin changes on the server reaches the phone and changes its Today list; a stage
// change (an exit planned for win-back) travels with its follow-ups, which then show on the
// other phone's Today when due. Pages of 5 records, so the book spans several.
#include <catch2/catch.hpp>

#include "fieldbook/core/cadence.h"
#include "fieldbook/core/contacts.h"
#include "fieldbook/core/lifecycle.h"
#include "fieldbook/core/today.h"
#include "world.h"

using namespace fb;
using namespace fb::test;

namespace {

void callback(SyncDevice& d, const std::string& account, const std::string& note)
{
    Contacts contacts(*d.store, d.clock);
    Transaction tx(*d.db);
    REQUIRE(contacts.log(tx, userOf(d), {account, "", "phone_callback", d.clock.nowMs(), "", note, "", ""}));
    tx.commit();
}

const TodayItem* itemOf(const TodayList& list, const std::string& kind, const std::string& account)
{
    for (const TodayItem& i : list.items)
        if (i.kind == kind && i.accountId == account) return &i;
    return nullptr;
}

}  // namespace

TEST_CASE("contacts from two phones count once each, and the server's policy and a win-back reach Today",
          "[sync][today]")
{
    World w;
    w.addUser("li.na", "rep");
    w.addUser("zhao.min", "manager");
    sync::SyncEngine::Options small;
    small.pullLimit = 5;
    SyncDevice& phone = w.addDevice("li-phone", "li.na", 1, small);
    SyncDevice& tablet = w.addDevice("li-tablet", "li.na", 2, small);
    SyncDevice& manager = w.addDevice("zhao-phone", "zhao.min", 3, small);
    // The tablet's Today, kept up to date by its sync's writes as the app's is.
    auto dirty = std::make_shared<TodayDirty>();
    tablet.store->addDerived(makeTodayTracker(dirty));
    TodayEngine engine(dirty);

    const std::string hotel = phone.createAccount("西湖国宾馆", "A");
    for (int i = 0; i < 6; ++i)
        phone.createAccount("客户" + std::to_string(i), i % 2 == 0 ? "A" : "B");
    w.syncUntilQuiet();
    const std::string rep = userOf(tablet);
    TodayList list = engine.refresh(*tablet.db, rep, tablet.clock);
    CHECK(list.accounts == 7);

    // A callback on each phone, offline; then both sync, twice over.
    callback(phone, hotel, "手机上记的");
    callback(tablet, hotel, "平板上记的");
    w.syncUntilQuiet();
    w.syncUntilQuiet();
    const std::string today = localDayOf(tablet.clock, tablet.clock.nowMs());
    const CadencePeriod month = cadencePeriod("month", today);
    for (SyncDevice* d : {&phone, &tablet, &manager}) {
        CHECK(countOf(*d, "contact_log", "account_id = '" + hotel + "'") == 2);
        CHECK(cadenceCount(*d->db, hotel, "phone_callback", month.from, month.to) == 2);
    }
    list = engine.refresh(*tablet.db, rep, tablet.clock);
    CHECK(engine.lastRecomputed() == 1);  // the pulled contact marked its account only
    for (const CadenceLine& line :
         cadenceOf(*tablet.db, hotel, "A", today, effectiveTierPolicies(*tablet.db)))
        if (line.activity == "phone_callback") {
            CHECK(line.done == 2);
            CHECK(line.minCount == 3);  // the defaults: the server has set no policy yet
        }

    // The admin asks for a callback a day of A accounts: the tablet's Today follows at its sync.
    w.setPolicy("A", "phone_callback", "month", 30, std::nullopt);
    w.syncUntilQuiet();
    list = engine.refresh(*tablet.db, rep, tablet.clock);
    CHECK(engine.lastRecomputed() == 7);  // a policy changes every account
    const TodayItem* due = itemOf(list, "cadence", hotel);
    REQUIRE(due);
    CHECK(due->activity == "phone_callback");
    CHECK(due->required == 30);
    CHECK(due->done == 2);
    int aAccounts = 0;
    for (const TodayItem& i : list.items)
        if (i.kind == "cadence") ++aAccounts;
    CHECK(aAccounts == 4);  // the four A accounts; B has no policy of the server's

    // The phone records the exit, planning a win-back; both follow-ups reach the tablet and
    // the manager, and the callback shows on the tablet's Today when due.
    {
        Lifecycle lifecycle(*phone.store, phone.clock);
        Transaction tx(*phone.db);
        REQUIRE(lifecycle.changeStage(tx, userOf(phone),
                                      {hotel, "exit", "改从竞争对手进货", "competitor", "plan", false}));
        tx.commit();
    }
    w.syncUntilQuiet();
    for (SyncDevice* d : {&tablet, &manager}) {
        CHECK(d->field("account", hotel, "stage") == "exit");
        CHECK(d->field("account", hotel, "exit_reason") == "competitor");
        CHECK(countOf(*d, "stage_change", "account_id = '" + hotel + "'") == 1);
        CHECK(countOf(*d, "task",
                      "account_id = '" + hotel + "' AND purpose = 'win_back' AND status = 'open'") == 2);
    }
    list = engine.refresh(*tablet.db, rep, tablet.clock);
    CHECK_FALSE(itemOf(list, "cadence", hotel));  // an exited account leaves the cadence
    CHECK_FALSE(itemOf(list, "task", hotel));     // the callback is due in two days
    w.advance(2 * 86'400'000);
    list = engine.refresh(*tablet.db, rep, tablet.clock);
    const TodayItem* winBack = itemOf(list, "task", hotel);
    REQUIRE(winBack);
    CHECK(winBack->purpose == "win_back");
    CHECK(winBack->activity == "phone_callback");
}
