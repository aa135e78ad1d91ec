// Resume after a kill at every step: a child process (visit_kill_child.cpp) carries out the
// scripted visit on a device database and is killed with SIGKILL after each of its steps in
// turn (and a random few microseconds more, so the kill also lands inside a write). Reopened,
// the database must hold exactly the visit as it stood after some step — every step the
// child reported done, nothing half written — and the visit must then go on to the same end
// as one never interrupted: nothing lost, nothing twice.
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <random>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "fakes/temp_db.h"
#include "visit_script.h"

using namespace fb;

namespace {

struct Child {
    pid_t pid = -1;
    int out = -1;
    std::string buffer;

    // The number of "ack" lines read once `wanted` have arrived, or fewer if the child ended.
    int readAcks(int wanted)
    {
        int acks = 0;
        for (char c : buffer)
            acks += c == '\n';
        while (acks < wanted) {
            char chunk[256];
            const ssize_t n = ::read(out, chunk, sizeof chunk);
            if (n <= 0) break;
            for (ssize_t i = 0; i < n; ++i) {
                buffer += chunk[i];
                acks += chunk[i] == '\n';
            }
        }
        return acks;
    }
};

Child spawn(const std::string& db, std::int64_t now)
{
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const std::string nowText = std::to_string(now);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::dup2(fds[1], STDOUT_FILENO);
        ::close(fds[0]);
        ::close(fds[1]);
        ::execl(FB_VISIT_KILL_CHILD, FB_VISIT_KILL_CHILD, db.c_str(), nowText.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[1]);
    return Child{pid, fds[0], {}};
}

std::string accountOf(Database& db)
{
    Statement st = db.prepare("SELECT id FROM account LIMIT 1");
    st.step();
    return st.text(0);
}

// Runs ops[from..] on `file` in this process; the snapshot after each.
std::vector<std::string> runFrom(const std::string& file, std::size_t from, std::int64_t now)
{
    FakeClock clock(now + 1, 480);
    test::CoreLayers layers;
    layers.openCore(file, clock);
    Visits visits(*layers.store);
    const auto ops = test::visitScript(accountOf(*layers.db), now);
    std::vector<std::string> snaps;
    for (std::size_t i = from; i < ops.size(); ++i) {
        Transaction tx(*layers.db);
        auto r = ops[i](visits, *layers.store, tx);
        if (!r) FAIL("op " << i << " failed: " << r.error().message);
        tx.commit();
        snaps.push_back(test::snapshot(*layers.db));
    }
    layers.closeCore();
    return snaps;
}

}  // namespace

TEST_CASE("a visit killed with SIGKILL at any step reopens at that step with every answer",
          "[core][visits][kill]")
{
    test::TempDir dir;
    const std::int64_t now = test::kTestEpochMs;
    const std::string base = dir.file("base.db");
    {
        FakeClock clock(now, 480);
        test::CoreLayers layers;
        layers.openCore(base, clock);
        Transaction tx(*layers.db);
        REQUIRE(layers.archive->createAccount(tx, {{"name", std::string("西湖国宾馆")},
                                                   {"tier", std::string("A")},
                                                   {"stage", std::string("growth")}}));
        tx.commit();
        layers.closeCore();
    }
    // The states a rep can find: before any step, then after each one.
    std::vector<std::string> states;
    {
        const std::string straight = dir.file("straight.db");
        std::filesystem::copy_file(base, straight);
        auto db = openDeviceDatabase(straight);
        REQUIRE(db);
        states.push_back(test::snapshot(**db));
        db->reset();
        for (std::string& s : runFrom(straight, 0, now))
            states.push_back(std::move(s));
    }
    const int steps = static_cast<int>(states.size()) - 1;
    REQUIRE(steps > 25);
    CHECK(states.back().find("finished") != std::string::npos);

    std::mt19937 random(20261202);
    for (int killAfter = 0; killAfter < steps; ++killAfter) {
        const std::string file = dir.file("run" + std::to_string(killAfter) + ".db");
        std::filesystem::copy_file(base, file);
        Child child = spawn(file, now);
        const int acked = child.readAcks(killAfter);
        REQUIRE(acked >= killAfter);
        ::usleep(std::uniform_int_distribution<unsigned>(0, 400)(random));
        ::kill(child.pid, SIGKILL);
        int status = 0;
        ::waitpid(child.pid, &status, 0);
        const int reported = child.readAcks(steps);  // acks written before the kill
        ::close(child.out);

        std::string found;
        {
            auto db = openDeviceDatabase(file);
            REQUIRE(db);
            found = test::snapshot(**db);
        }
        int at = -1;
        for (int j = 0; j <= steps; ++j)
            if (states[static_cast<std::size_t>(j)] == found) at = j;
        INFO("killed after " << killAfter << " steps reported, " << reported << " in all; reopened as:\n"
                             << found);
        REQUIRE(at >= reported);  // every step reported done is there, and nothing half-written
        // The visit goes on from there to the same end.
        const auto rest = runFrom(file, static_cast<std::size_t>(at), now);
        const std::string end = rest.empty() ? found : rest.back();
        CHECK(end == states.back());
    }
}
