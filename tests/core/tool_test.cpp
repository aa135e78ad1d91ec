// fieldbook-tool's `set`: one field of an account changed as the app's form does it —
// validated, written and queued in the outbox — and mistakes refused without writing; its
// `search`: the app's order, with each hit's reason.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "fakes/temp_db.h"
#include "fieldbook/core/search.h"
#include "tool.h"

using namespace fb;

TEST_CASE("fieldbook-tool set changes one field of an account through the outbox", "[core][tool]")
{
    test::TempDir dir;
    const std::string path = dir.file("device.db");
    std::string id;
    {
        auto db = openDeviceDatabase(path);
        REQUIRE(db.ok());
        FakeClock clock(test::kTestEpochMs);
        DeviceContext device(**db, clock);
        Store store(**db, device);
        Archive archive(store);
        Transaction tx(**db);
        auto created = archive.createAccount(tx, {{"name", std::string("恒达建材")},
                                                  {"tier", std::string("A")},
                                                  {"stage", std::string("growth")}});
        REQUIRE(created.ok());
        id = *created;
        tx.commit();
    }
    const auto run = [&](std::vector<std::string> args, std::string* output = nullptr) {
        std::ostringstream out, err;
        const int code = tool::run(args, out, err);
        if (output) *output = out.str() + err.str();
        return code;
    };

    std::string output;
    CHECK(run({"set", "--db", path, id, "phone", "0571-8888 6666"}, &output) == tool::kExitOk);
    CHECK(output.find("Changed phone") != std::string::npos);
    CHECK(run({"set", "--db", path, id, "agreement_volume", "1200.5"}) == tool::kExitOk);
    CHECK(run({"set", "--db", path, id, "region", ""}) == tool::kExitOk);  // clears (already empty)

    CHECK(run({"set", "--db", path, id, "tier", "Z"}, &output) == tool::kExitProblems);
    CHECK(run({"set", "--db", path, id, "colour", "red"}, &output) == tool::kExitUsage);
    CHECK(output.find("no field 'colour'") != std::string::npos);
    CHECK(run({"set", "--db", path, id, "agreement_volume", "lots"}) == tool::kExitUsage);
    CHECK(run({"set", "--db", path, id, "name", ""}) == tool::kExitProblems);  // required

    auto db = openDeviceDatabase(path);
    REQUIRE(db.ok());
    FakeClock clock(test::kTestEpochMs);
    DeviceContext device(**db, clock);
    Store store(**db, device);
    auto account = store.get("account", id);
    REQUIRE(account.ok());
    CHECK(account->text("phone") == "057188886666");
    CHECK(std::get<double>(account->get("agreement_volume")) == 1200.5);
    CHECK(account->text("tier") == "A");
    CHECK(store.outboxCount() == 3);  // the create and the two changes; refusals wrote nothing
}

TEST_CASE("fieldbook-tool add creates an account through the outbox and refuses bad input", "[core][tool]")
{
    test::TempDir dir;
    const std::string path = dir.file("device.db");
    REQUIRE(openDeviceDatabase(path).ok());
    const auto run = [&](std::vector<std::string> args, std::string* output = nullptr) {
        std::ostringstream out, err;
        const int code = tool::run(args, out, err);
        if (output) *output = out.str() + err.str();
        return code;
    };
    std::string id;
    REQUIRE(run({"add", "--db", path, "杭州恒达建材有限公司", "--tier", "KA"}, &id) == tool::kExitOk);
    while (!id.empty() && id.back() == '\n')
        id.pop_back();
    CHECK(isUuid(id));
    std::string output;
    CHECK(run({"add", "--db", path, "x", "--tier", "Z"}, &output) == tool::kExitUsage);
    CHECK(run({"add", "--db", path, "   "}, &output) == tool::kExitProblems);  // a name is required
    CHECK(run({"add", "--db", path}, &output) == tool::kExitUsage);

    auto db = openDeviceDatabase(path);
    REQUIRE(db.ok());
    FakeClock clock(test::kTestEpochMs);
    DeviceContext device(**db, clock);
    Store store(**db, device);
    auto account = store.get("account", id);
    REQUIRE(account.ok());
    CHECK(account->text("name") == "杭州恒达建材有限公司");
    CHECK(account->text("tier") == "KA");
    CHECK(store.outboxCount() == 1);
    // A database that never signed in has nothing to compare with a server.
    CHECK(run({"check", "--db", path}, &output) == tool::kExitOk);
}

TEST_CASE("fieldbook-tool holidays prints a year's holidays to check against published tables",
          "[core][tool][lunar]")
{
    const auto run = [](std::vector<std::string> args, std::string& output) {
        std::ostringstream out, err;
        const int code = tool::run(args, out, err);
        output = out.str() + err.str();
        return code;
    };
    std::string output;
    REQUIRE(run({"holidays", "--year", "2027"}, output) == tool::kExitOk);
    CHECK(output.find("2027-02-06  春节  spring_festival  农历正月初一\n") != std::string::npos);
    CHECK(output.find("2027-09-15  中秋节  mid_autumn  农历八月十五\n") != std::string::npos);
    CHECK(output.find("2027-04-05  清明节  qingming\n") != std::string::npos);
    CHECK(output.find("2027-02-06") < output.find("2027-09-15"));  // in date order
    for (const char* bad : {"1900", "2101", "20x7", ""}) {
        INFO(bad);
        CHECK(run({"holidays", "--year", bad}, output) == tool::kExitUsage);
        CHECK(output.find("1901 to 2100") != std::string::npos);
    }
}

TEST_CASE("fieldbook-tool search prints the app's order with the reason for each hit", "[core][tool][search]")
{
    test::ArchiveFixture f;
    f.account("杭州恒达建材有限公司", "KA",
              {{"region", std::string("杭州市西湖区")},
               {"address", std::string("浙江省杭州市西湖区文三路88号")},
               {"phone", std::string("0571-8888 6666")}});
    f.account("恒达餐饮管理有限公司", "C", {{"region", std::string("贵阳市观山湖区")}});
    const std::string hotel = f.account("萧山宾馆", "A", {{"region", std::string("萧山区")}});
    f.person(hotel, "王恒达", "head", {{"phone", std::string("139 1234 5678")}});
    const std::string path = f.dir.file("device.db");
    const auto search = [&](const std::string& query) {
        std::ostringstream out, err;
        CHECK(tool::run({"search", "--db", path, query}, out, err) == tool::kExitOk);
        std::vector<std::string> lines;
        std::istringstream in(out.str());
        for (std::string line; std::getline(in, line);)
            lines.push_back(line);
        return lines;
    };
    const auto has = [](const std::string& line, const std::string& part) {
        INFO(line);
        return line.find(part) != std::string::npos;
    };

    // The name itself first, then a word of a name, then a key person; the matched part marked.
    auto lines = search("hengda");
    REQUIRE(lines.size() == 4);
    CHECK(has(lines[0], "【恒达】餐饮管理有限公司"));
    CHECK(has(lines[0], "[name start]"));
    CHECK(has(lines[1], "杭州【恒达】建材有限公司"));
    CHECK(has(lines[1], "[word start]"));
    CHECK(has(lines[2], "萧山宾馆"));
    CHECK(has(lines[2], "[key person] 关键人 王恒达"));
    CHECK(!has(lines[2], "13912345678"));  // their phone only when the search matched it
    CHECK(has(lines[3], "3 matches"));
    // The same order as the app's list.
    const AccountPage page = AccountQuery(*f.db).page({.text = "hengda"}, 0, 20);
    REQUIRE(page.hits.size() == 3);
    CHECK(page.hits[0].name == "恒达餐饮管理有限公司");
    CHECK(page.hits[1].name == "杭州恒达建材有限公司");
    CHECK(page.hits[2].name == "萧山宾馆");

    lines = search("88886666");
    REQUIRE(lines.size() == 2);
    CHECK(has(lines[0], "[phone or address] 电话：057188886666"));
    lines = search("文三路");
    REQUIRE(lines.size() == 2);
    CHECK(has(lines[0], "地址：浙江省杭州市西湖区文三路88号"));
    lines = search("12345678");
    REQUIRE(lines.size() == 2);
    CHECK(has(lines[0], "电话：13912345678 关键人 王恒达"));
    // Two words: one in the name, one in the address; both reasons show.
    lines = search("杭州 文三路");
    REQUIRE(lines.size() == 2);
    CHECK(has(lines[0], "【杭州】恒达建材有限公司"));
    CHECK(has(lines[0], "地址：浙江省杭州市西湖区文三路88号"));
}
