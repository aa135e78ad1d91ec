// The client's reading of a pull reply (decodePullResponse, with the pull reader of
// sync/src/json_reader.h): what the server encodes comes back unchanged, escapes and
// UTF-8 are read as JSON defines them, and a malformed reply is an error that names the
// problem, never a crash or a half-read page.
#include <catch2/catch.hpp>

#include <string>

#include <QByteArray>

#include "fieldbook/sync/protocol.h"

using namespace fb;
using namespace fb::sync;

namespace {

const std::string kA = "0190b000-0000-7000-8000-0000000000a1";
const std::string kP = "0190b000-0000-7000-8000-0000000000b1";

std::string stamp(int ms)
{
    return HlcStamp{1'700'000'000'000 + ms, 0, "0190b000-0000-7000-8000-000000000001"}.toString();
}

std::string errorOf(const std::string& body)
{
    auto r = decodePullResponse(QByteArray::fromStdString(body));
    return r ? std::string() : r.error().message;
}

std::string page(const std::string& records)
{
    return R"({"records":[)" + records + R"(],"purge":[],"cursor":"c1","more":false})";
}

std::string account(const std::string& fieldsJson)
{
    return R"({"entity":"account","id":")" + kA + R"(","hlc":")" + stamp(1) + R"(","fields":)" + fieldsJson +
           R"(,"clocks":{}})";
}

}  // namespace

TEST_CASE("a pull reply reads back exactly what the server encoded", "[sync][protocol]")
{
    PullResponse sent;
    PulledRecord a;
    a.entity = "account";
    a.id = kA;
    a.fields = {{"name", std::string("杭州西湖国宾馆 \"总店\"\\ 😀\tA/B")},
                {"tier", std::string("KA")},
                {"stage", std::string("acquisition")},
                {"phone", Value{}},  // cleared
                {"archived", std::int64_t{1}}};
    a.clocks = {{"name", stamp(1)},
                {"tier", stamp(1)},
                {"stage", stamp(2)},
                {"phone", stamp(3)},
                {"archived", stamp(1)}};
    a.owner = "0190b000-0000-7000-8000-0000000000u1";
    PulledRecord p;
    p.entity = "key_person";
    p.id = kP;
    p.fields = {{"name", std::string("王建国")}, {"account_id", kA}, {"role", std::string("head")}};
    p.clocks = {{"name", stamp(5)}, {"account_id", stamp(5)}, {"role", stamp(5)}};
    sent.records = {a, p};
    sent.purge = {"0190b000-0000-7000-8000-0000000000c1"};
    sent.cursor = "42";
    sent.more = true;
    sent.remaining = 12345;
    sent.scope = ScopeDigest{7, std::string(64, 'a')};
    sent.team = std::vector<TeamEntry>{{"u1", "李娜", "rep"}, {"u2", "赵敏", "manager"}};

    auto got = decodePullResponse(encode(sent));
    REQUIRE(got.ok());
    REQUIRE(got->records.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(got->records[i].entity == sent.records[i].entity);
        CHECK(got->records[i].id == sent.records[i].id);
        CHECK(got->records[i].fields == sent.records[i].fields);
        CHECK(got->records[i].state().clocks == sent.records[i].clocks);
        CHECK(got->records[i].owner == sent.records[i].owner);
    }
    CHECK(got->records[1].owner.empty());  // a child record carries none
    REQUIRE(got->team.has_value());
    REQUIRE(got->team->size() == 2);
    CHECK((*got->team)[0].name == "李娜");
    CHECK((*got->team)[1].role == "manager");
    CHECK(got->purge == sent.purge);
    CHECK(got->cursor == "42");
    CHECK(got->more);
    CHECK(got->remaining == 12345);
    REQUIRE(got->scope.has_value());
    CHECK(*got->scope == *sent.scope);
}

TEST_CASE("escapes and numbers in a pull reply are read as JSON defines them", "[sync][protocol]")
{
    // \u escapes (a surrogate pair among them), whitespace anywhere, members in any order,
    // unknown members skipped, 1e0 is the whole number 1.
    const std::string body =
        " {\n \"cursor\" : \"c\\u0031\", \"extra\": {\"deep\": [1, {\"x\": null}, \"y\"]},\n"
        " \"records\" : [ {\"clocks\":{}, \"fields\": {\"name\": \"\\u4e2d\\u6587 \\ud83d\\ude00\\n\","
        " \"archived\": 1e0, \"tier\": \"A\", \"stage\": \"acquisition\"}, \"hlc\": \"" +
        stamp(1) + "\", \"id\": \"" + kA + "\", \"entity\": \"account\"} ] } ";
    auto got = decodePullResponse(QByteArray::fromStdString(body));
    REQUIRE(got.ok());
    CHECK(got->cursor == "c1");
    CHECK_FALSE(got->more);  // absent
    REQUIRE(got->records.size() == 1);
    CHECK(got->records[0].fields.at("name") == Value{std::string("中文 😀\n")});
    CHECK(got->records[0].fields.at("archived") == Value{std::int64_t{1}});
    CHECK(got->records[0].state().clocks.at("tier") == stamp(1));
}

TEST_CASE("a malformed pull reply is refused with the reason", "[sync][protocol]")
{
    const std::string good = page(account(R"({"name":"甲","tier":"A","stage":"acquisition"})"));
    REQUIRE(errorOf(good).empty());

    // Not JSON, or not all of it.
    CHECK(errorOf(good.substr(0, good.size() / 2)).find("not valid JSON") != std::string::npos);
    CHECK(errorOf(good + " x").find("not valid JSON") != std::string::npos);
    CHECK(errorOf("").find("not valid JSON") != std::string::npos);
    CHECK(errorOf("[]") == "body must be a JSON object");
    CHECK(errorOf(page(account(R"({"name":"a\qb"})"))).find("bad escape") != std::string::npos);
    CHECK(errorOf(page(account("{\"name\":\"a\x01b\"}"))).find("control character") != std::string::npos);
    CHECK(errorOf(page(account(R"({"name":"\ud800"})"))).find("surrogate") != std::string::npos);
    CHECK(errorOf(page(account(R"({"name":"\udc00x"})"))).find("surrogate") != std::string::npos);
    CHECK(errorOf(page(account("{\"name\":\"a\xff\"}"))).find("UTF-8") != std::string::npos);
    CHECK(errorOf(page(account("{\"name\":\"\xc0\xaf\"}"))).find("UTF-8") !=
          std::string::npos);  // overlong '/'
    CHECK(errorOf(page(account("{\"name\":\"\xed\xa0\x80\"}"))).find("UTF-8") !=
          std::string::npos);  // a surrogate
    CHECK(errorOf(page(account(R"({"archived":01})"))).find("not valid JSON") != std::string::npos);
    CHECK(errorOf(page(account(R"({"archived":1.})"))).find("not valid JSON") != std::string::npos);
    CHECK(errorOf(page(account(R"({"archived":-})"))).find("not valid JSON") != std::string::npos);
    CHECK(errorOf(page(account(R"({"archived":1e999})"))).find("not valid JSON") != std::string::npos);
    CHECK(errorOf(page(account(R"({"name":"a",})"))).find("not valid JSON") != std::string::npos);
    std::string deep =
        R"({"cursor":"c","records":[],"x":)" + std::string(100, '[') + std::string(100, ']') + "}";
    CHECK(errorOf(deep).find("nested too deeply") != std::string::npos);

    // JSON, but not a pull reply.
    CHECK(errorOf(R"({"cursor":"c"})") == "member 'records' must be an array");
    CHECK(errorOf(R"({"records":[]})") == "missing member 'cursor'");
    CHECK(errorOf(R"({"records":[],"cursor":5})") == "member 'cursor' must be a string");
    CHECK(errorOf(R"({"records":[],"cursor":"c","purge":[1]})") == "purge must contain strings");
    CHECK(errorOf(R"({"records":[],"cursor":"c","remaining":1.5})") ==
          "member 'remaining' must be a whole number");
    CHECK(errorOf(R"({"records":[],"cursor":"c","scope":{"count":1}})") == "missing member 'hash'");
    CHECK(errorOf(page("7")) == "records[0] must be an object");
    CHECK(errorOf(page(account(R"({"colour":"red"})"))) == "records[0]: account has no field 'colour'");
    CHECK(errorOf(page(account(R"({"archived":"yes"})"))) == "records[0]: field 'archived' must be a number");
    CHECK(errorOf(page(account(R"({"archived":0.5})"))) ==
          "records[0]: field 'archived' must be a whole number");
    CHECK(errorOf(page(account(R"({"name":7})"))) == "records[0]: field 'name' must be a string");
    CHECK(errorOf(page(account(R"({"name":{"a":1}})"))) == "records[0]: field 'name' must be a string");
    CHECK(errorOf(page(R"({"entity":"ship","id":")" + kA + R"(","fields":{},"clocks":{}})")) ==
          "records[0]: unknown entity 'ship'");
    CHECK(errorOf(page(R"({"id":")" + kA + R"(","fields":{},"clocks":{}})")) ==
          "records[0]: missing member 'entity'");
    CHECK(errorOf(page(R"({"entity":"account","id":")" + kA + R"(","fields":{"name":"a"},"clocks":{}})")) ==
          "records[0]: field 'name' has no stamp");
    CHECK(errorOf(page(R"({"entity":"account","id":")" + kA +
                       R"(","fields":{},"clocks":{"name":"yesterday"}})")) ==
          "records[0]: stamp of 'name' is not an HLC stamp");
    CHECK(errorOf(page(R"({"entity":"account","id":")" + kA + R"(","hlc":"x","fields":{},"clocks":{}})")) ==
          "records[0]: hlc is not an HLC stamp");
}
