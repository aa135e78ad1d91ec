// The child of the visit kill test: runs the scripted visit (visit_script.h) on the device
// database it is given, one transaction per step, and after each commit writes "ack N" to
// stdout. The test kills it with SIGKILL at random moments.
//   fb_visit_kill_child DB NOW_MS
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fieldbook/core/clock.h"
#include "fieldbook/core/device.h"
#include "fieldbook/core/migrations.h"
#include "fieldbook/core/store.h"
#include "visit_script.h"

int main(int argc, char** argv)
{
    if (argc != 3) return 2;
    const std::int64_t now = std::strtoll(argv[2], nullptr, 10);
    auto db = fb::openDeviceDatabase(argv[1]);
    if (!db) return 3;
    fb::FakeClock clock(now, 480);
    fb::DeviceContext device(**db, clock);
    fb::Store store(**db, device);
    fb::Visits visits(store);
    std::string account;
    {
        fb::Statement st = (*db)->prepare("SELECT id FROM account LIMIT 1");
        if (!st.step()) return 4;
        account = st.text(0);
    }
    const auto ops = fb::test::visitScript(account, now);
    for (std::size_t i = 0; i < ops.size(); ++i) {
        fb::Transaction tx(**db);
        if (auto r = ops[i](visits, store, tx); !r) {
            std::fprintf(stderr, "op %zu failed: %s\n", i, r.error().message.c_str());
            return 5;
        }
        tx.commit();
        std::printf("ack %zu\n", i);
        std::fflush(stdout);
    }
    return 0;
}
