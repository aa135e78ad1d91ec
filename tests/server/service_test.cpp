// SyncService in-process over a temporary SQLite store: sign-in, push outcomes, replay,
// sequence gaps, clamping, scope, reassignment, and bad input that must change nothing.
#include <catch2/catch.hpp>

#include "fieldbook/core/merge.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/sync/protocol.h"
#include "fixture.h"

using namespace fb::server;
using namespace fb::server::test;

namespace {

QJsonArray results(const HttpResponse& r)
{
    return ServerFixture::json(r).value("results").toArray();
}

QStringList ids(const QJsonObject& pull)
{
    QStringList out;
    for (const QJsonValue& v : pull.value("records").toArray())
        out << v.toObject().value("id").toString();
    return out;
}

}  // namespace

TEST_CASE("health answers without headers and names the database", "[server]")
{
    ServerFixture f;
    HttpResponse r = f.service->handle(HttpRequest{"GET", "/v1/health", {}, {}});
    REQUIRE(r.status == 200);
    CHECK(ServerFixture::json(r).value("database").toString() == "sqlite");
    CHECK(ServerFixture::json(r).value("schema").toArray().size() == 2);
}

TEST_CASE("sign-in gives a token, and unknown user and wrong password get the same 401", "[server][auth]")
{
    TeamFixture f;
    Session s = f.signIn("li.na", uuid(1001));
    CHECK(s.token.size() == 64);
    CHECK(s.nextSeq == 1);

    HttpResponse wrong = f.post("/v1/auth/sign-in",
                                {{"login", "li.na"}, {"password", "nope-nope"}, {"device_id", uuid(1002)}});
    HttpResponse unknown = f.post(
        "/v1/auth/sign-in", {{"login", "nobody"}, {"password", "nope-nope"}, {"device_id", uuid(1002)}});
    CHECK(wrong.status == 401);
    CHECK(unknown.status == 401);
    CHECK(wrong.body == unknown.body);
    CHECK(ServerFixture::json(wrong).value("error").toString() == "bad_credentials");

    SECTION("a re-installed app learns its last_seq")
    {
        f.push(s, {f.change(s, "account", uuid(1), "create", account("杭州恒达建材有限公司"))});
        Session again = f.signIn("li.na", uuid(1001));
        CHECK(again.nextSeq == 2);
        SECTION("and the old token stops working")
        {
            CHECK(f.pullAll(again).value("records").toArray().size() == 1);
            HttpResponse old = f.post("/v1/sync/pull", {{"device_id", uuid(1001)}}, s.token);
            CHECK(old.status == 401);
        }
    }
}

TEST_CASE("push applies, merges by stamp and rejects per change", "[server][push]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    Session m = f.signIn("manager", uuid(1003));
    const std::int64_t t0 = f.clock.nowMs();

    HttpResponse r =
        f.push(a, {f.change(a, "account", uuid(1), "create", account("杭州恒达建材有限公司"), t0),
                   f.change(a, "account", uuid(1), "update", {{"tier", "KA"}}, t0 + 10),
                   f.change(a, "account", uuid(2), "update", {{"tier", "KA"}}, t0 + 20),
                   f.change(a, "account", uuid(3), "create", {{"name", "缺少等级"}}, t0 + 30),
                   f.change(a, "key_person", uuid(50), "create",
                            {{"account_id", uuid(1)}, {"name", "王强"}, {"role", "head"}}, t0 + 40),
                   f.change(a, "key_person", uuid(51), "create",
                            {{"account_id", uuid(9)}, {"name", "赵六"}, {"role", "head"}}, t0 + 50)});
    REQUIRE(r.status == 200);
    const QJsonArray res = results(r);
    REQUIRE(res.size() == 6);
    CHECK(ServerFixture::json(r).value("last_seq").toInt() == 6);
    CHECK(res[0].toObject().value("outcome").toString() == "applied");
    CHECK(res[0].toObject().value("clocks").toObject().value("name").toString().toStdString() ==
          f.stamp(t0, a.deviceId));
    CHECK(res[1].toObject().value("outcome").toString() == "applied");
    CHECK(res[2].toObject().value("code").toString() == "not_found");
    CHECK(res[3].toObject().value("code").toString() == "validation");
    CHECK(res[4].toObject().value("outcome").toString() == "applied");
    CHECK(res[5].toObject().value("code").toString() == "not_found");

    // The manager wrote the tier later than the rep's next (older-stamped) edit: the rep loses.
    HttpResponse mr = f.push(m, {f.change(m, "account", uuid(1), "update", {{"tier", "B"}}, t0 + 1000)});
    CHECK(results(mr)[0].toObject().value("outcome").toString() == "applied");
    HttpResponse late =
        f.push(a, {f.change(a, "account", uuid(1), "update", {{"tier", "C"}, {"region", "杭州"}}, t0 + 500)});
    const QJsonObject merged = results(late)[0].toObject();
    CHECK(merged.value("outcome").toString() == "merged");
    CHECK(merged.value("lost").toArray() == QJsonArray{"tier"});
    CHECK(merged.value("clocks").toObject().value("tier").toString().toStdString() ==
          f.stamp(t0 + 1000, m.deviceId));
    CHECK(merged.value("clocks").toObject().value("region").toString().toStdString() ==
          f.stamp(t0 + 500, a.deviceId));

    const QJsonObject pulled = f.pullAll(a);
    for (const QJsonValue& v : pulled.value("records").toArray()) {
        const QJsonObject rec = v.toObject();
        if (rec.value("id").toString() != uuid(1)) continue;
        CHECK(rec.value("fields").toObject().value("tier").toString() == "B");
        CHECK(rec.value("fields").toObject().value("region").toString() == "杭州");
    }
}

TEST_CASE("a retried batch gets the first outcomes and changes nothing", "[server][push]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    const QJsonArray batch{f.change(a, "account", uuid(1), "create", account("杭州恒达建材有限公司")),
                           f.change(a, "account", uuid(2), "update", {{"tier", "KA"}})};
    HttpResponse first = f.push(a, batch);
    REQUIRE(first.status == 200);
    const QString before = f.store->dump();
    f.clock.advance(5000);
    HttpResponse again = f.push(a, batch);
    REQUIRE(again.status == 200);
    CHECK(results(again) == results(first));
    CHECK(f.store->dump() == before);

    SECTION("a batch overlapping the applied part applies only the new changes")
    {
        QJsonArray overlap = batch;
        overlap.append(f.change(a, "account", uuid(1), "update", {{"tier", "KA"}}));
        HttpResponse r = f.push(a, overlap);
        REQUIRE(results(r).size() == 3);
        CHECK(results(r)[0] == results(first)[0]);
        CHECK(ServerFixture::json(r).value("last_seq").toInt() == 3);
    }
}

TEST_CASE("a gap in sequence numbers is a 409 naming the expected seq", "[server][push]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    a.nextSeq = 3;
    const QString before = f.store->dump();
    HttpResponse r = f.push(a, {f.change(a, "account", uuid(1), "create", account("杭州恒达建材有限公司"))});
    CHECK(r.status == 409);
    CHECK(ServerFixture::json(r).value("error").toString() == "sequence_gap");
    CHECK(ServerFixture::json(r).value("expected").toInt() == 1);
    CHECK(f.store->dump() == before);
}

TEST_CASE("a stamp a day ahead is clamped to server time", "[server][push]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    const std::int64_t now = f.clock.nowMs();
    HttpResponse r = f.push(
        a, {f.change(a, "account", uuid(1), "create", account("杭州恒达建材有限公司"), now + 86'400'000)});
    const QJsonObject res = results(r)[0].toObject();
    CHECK(res.value("clamped").toBool());
    const auto stamp =
        fb::HlcStamp::parse(res.value("clocks").toObject().value("name").toString().toStdString());
    REQUIRE(stamp);
    CHECK(stamp->wallMs == now);
    CHECK(stamp->deviceId == a.deviceId.toStdString());

    // A second fast write lands above the stored stamp, not at or below it.
    HttpResponse r2 =
        f.push(a, {f.change(a, "account", uuid(1), "update", {{"tier", "KA"}}, now + 86'400'000)});
    const auto stamp2 = fb::HlcStamp::parse(
        results(r2)[0].toObject().value("clocks").toObject().value("tier").toString().toStdString());
    REQUIRE(stamp2);
    CHECK(*stamp < *stamp2);
    CHECK(stamp2->wallMs == now);

    // Within 60 s ahead is a normal skew and kept.
    HttpResponse r3 = f.push(a, {f.change(a, "account", uuid(1), "update", {{"tier", "B"}}, now + 30'000)});
    CHECK_FALSE(results(r3)[0].toObject().value("clamped").toBool());
}

TEST_CASE("a rep can neither pull nor push another rep's accounts, and a manager sees the team",
          "[server][scope]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    Session b = f.signIn("zhang.wei", uuid(1002));
    Session m = f.signIn("manager", uuid(1003));
    Session other = f.signIn("chen.jie", uuid(1004));
    f.push(a, {f.change(a, "account", uuid(1), "create", account("杭州恒达建材有限公司")),
               f.change(a, "key_person", uuid(50), "create",
                        {{"account_id", uuid(1)}, {"name", "王强"}, {"role", "head"}})});
    f.push(b, {f.change(b, "account", uuid(2), "create", account("宁波海通物流"))});

    CHECK(ids(f.pullAll(a)) == QStringList{uuid(1), uuid(50)});
    CHECK(ids(f.pullAll(b)) == QStringList{uuid(2)});
    CHECK(ids(f.pullAll(other)).isEmpty());
    CHECK(ids(f.pullAll(m)) == QStringList{uuid(1), uuid(50), uuid(2)});
    CHECK(f.pullAll(b).value("scope").toObject().value("count").toInt() == 1);

    const QString before = f.store->dump();
    HttpResponse r = f.push(b, {f.change(b, "account", uuid(1), "update", {{"tier", "KA"}}),
                                f.change(b, "account", uuid(1), "create", account("抢注")),
                                f.change(b, "key_person", uuid(51), "create",
                                         {{"account_id", uuid(1)}, {"name", "间谍"}, {"role", "other"}}),
                                f.change(b, "key_person", uuid(50), "update", {{"name", "改名"}}),
                                f.change(b, "key_person", uuid(52), "create",
                                         {{"account_id", uuid(2)}, {"name", "赵六"}, {"role", "head"}}),
                                f.change(b, "key_person", uuid(52), "update", {{"account_id", uuid(1)}})});
    const QJsonArray res = results(r);
    for (int i : {0, 1, 2, 3})
        CHECK(res[i].toObject().value("code").toString() == "out_of_scope");
    // Moving a record to another account is refused before scope is looked at (docs/sync-protocol.md).
    CHECK(res[5].toObject().value("code").toString() == "read_only");
    CHECK(res[4].toObject().value("outcome").toString() == "applied");
    CHECK(ids(f.pullAll(a)) == QStringList{uuid(1), uuid(50)});
    CHECK(f.store->dump() != before);  // rejected changes still advance last_seq

    // A manager may write to the team's accounts, not to another team's.
    HttpResponse mr = f.push(m, {f.change(m, "account", uuid(1), "update", {{"tier", "KA"}})});
    CHECK(results(mr)[0].toObject().value("outcome").toString() == "applied");
    f.push(other, {f.change(other, "account", uuid(3), "create", account("广州远航"))});
    HttpResponse mx = f.push(m, {f.change(m, "account", uuid(3), "update", {{"tier", "KA"}})});
    CHECK(results(mx)[0].toObject().value("code").toString() == "out_of_scope");
}

TEST_CASE("pull pages in commit order and the last page carries the scope digest", "[server][pull]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    Session tablet = f.signIn("li.na", uuid(1002));  // the rep's other device pulls them
    QJsonArray batch;
    for (int i = 1; i <= 7; ++i)
        batch.append(f.change(a, "account", uuid(i), "create", account("客户")));
    f.push(a, batch);
    QStringList seen;
    QString cursor;
    QJsonObject page;
    int pages = 0;
    do {
        page = f.pullAll(tablet, cursor, 3);
        seen << ids(page);
        cursor = page.value("cursor").toString();
        CHECK(page.contains("scope") == !page.value("more").toBool());
        ++pages;
    } while (page.value("more").toBool());
    CHECK(pages == 3);
    CHECK(seen.size() == 7);
    CHECK(seen.first() == uuid(1));
    CHECK(ids(f.pullAll(tablet, cursor)).isEmpty());

    // The digest is the XOR of sha256(entity \n id \n max stamp) over the scope.
    std::array<unsigned char, 32> acc{};
    for (int i = 1; i <= 7; ++i) {
        const std::string h =
            fb::sha256("account\n" + uuid(i).toStdString() + "\n" + f.stamp(f.clock.nowMs(), a.deviceId));
        for (std::size_t k = 0; k < 32; ++k)
            acc[k] ^= static_cast<unsigned char>(h[k]);
    }
    const QJsonObject scope = page.value("scope").toObject();
    CHECK(scope.value("count").toInt() == 7);
    CHECK(scope.value("hash").toString().toStdString() ==
          fb::toHex(std::string_view(reinterpret_cast<const char*>(acc.data()), acc.size())));
}

TEST_CASE("reassigning an account moves its subtree and purges it from the old rep", "[server][scope]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    Session b = f.signIn("zhang.wei", uuid(1002));
    Session m = f.signIn("manager", uuid(1003));
    Session c = f.signIn("chen.jie", uuid(1004));
    f.push(a, {f.change(a, "account", uuid(1), "create", account("杭州恒达建材有限公司")),
               f.change(a, "key_person", uuid(50), "create",
                        {{"account_id", uuid(1)}, {"name", "王强"}, {"role", "head"}}),
               f.change(a, "account", uuid(2), "create", account("留下的客户"))});
    const QString cursorA = f.pullAll(a).value("cursor").toString();
    const QString cursorB = f.pullAll(b).value("cursor").toString();
    const QString cursorM = f.pullAll(m).value("cursor").toString();

    auto moved = f.admin->assign(uuid(1), "zhang.wei");
    REQUIRE(moved);
    CHECK(*moved == 2);
    const QJsonObject pa = f.pullAll(a, cursorA);
    CHECK(pa.value("purge").toArray() == QJsonArray{uuid(1)});
    CHECK(pa.value("scope").toObject().value("count").toInt() == 1);
    CHECK(ids(f.pullAll(b, cursorB)) == QStringList{uuid(1), uuid(50)});
    // Same team: the manager still sees it, so no purge for them.
    CHECK(f.pullAll(m, cursorM).value("purge").toArray().isEmpty());
    HttpResponse r = f.push(a, {f.change(a, "key_person", uuid(50), "update", {{"name", "王强强"}})});
    CHECK(results(r)[0].toObject().value("code").toString() == "out_of_scope");

    SECTION("moving to another team purges it from the old team's manager too")
    {
        const QString cursorM2 = f.pullAll(m).value("cursor").toString();
        REQUIRE(f.admin->assign(uuid(1), "chen.jie"));
        CHECK(f.pullAll(m, cursorM2).value("purge").toArray() == QJsonArray{uuid(1)});
        CHECK(ids(f.pullAll(c)) == QStringList{uuid(1), uuid(50)});
    }
}

TEST_CASE("revoked devices are told so and may acknowledge the wipe", "[server][auth]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    REQUIRE(f.admin->revokeDevice(uuid(1001)));
    HttpResponse r = f.post("/v1/sync/pull", {{"device_id", uuid(1001)}}, a.token);
    CHECK(r.status == 403);
    CHECK(ServerFixture::json(r).value("error").toString() == "device_revoked");
    CHECK(f.post("/v1/sync/ack-revocation", {{"device_id", uuid(1001)}}, a.token).status == 204);
    CHECK(f.admin->status().join("\n").contains("revoked=yes (wiped)"));
}

TEST_CASE("bad input is a 4xx with an error body and changes nothing", "[server][bad-input]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    Session b = f.signIn("zhang.wei", uuid(1002));
    f.push(a, {f.change(a, "account", uuid(1), "create", account("杭州恒达建材有限公司"))});
    const QString before = f.store->dump();

    auto pushBody = [&](const QJsonObject& change) {
        return QJsonDocument(QJsonObject{{"device_id", a.deviceId}, {"changes", QJsonArray{change}}})
            .toJson();
    };
    QJsonObject good = f.change(a, "account", uuid(2), "create", account("新客户"));
    auto with = [&](const char* key, const QJsonValue& v) {
        QJsonObject c = good;
        c.insert(key, v);
        return c;
    };
    QJsonObject unknownField = good;
    unknownField.insert("fields",
                        QJsonObject{{"name", "x"}, {"tier", "A"}, {"stage", "growth"}, {"colour", "red"}});
    QJsonObject wrongType = good;
    wrongType.insert("fields", QJsonObject{{"name", 42}, {"tier", "A"}, {"stage", "growth"}});
    QJsonObject second = f.change(a, "account", uuid(3), "create", account("另一个"));
    second.insert("seq", good.value("seq").toInt() + 2);
    const QByteArray gapped =
        QJsonDocument(QJsonObject{{"device_id", a.deviceId}, {"changes", QJsonArray{good, second}}}).toJson();
    QByteArray bomb(9 * 1024 * 1024, ' ');
    bomb.prepend("{\"device_id\":\"x\"}");

    struct Case {
        const char* what;
        QByteArray path;
        QByteArray body;
        QByteArray token;
        QHash<QByteArray, QByteArray> headers;
        int status;
        const char* error;
    };
    const QByteArray t = a.token;
    const std::vector<Case> cases = {
        {"malformed JSON", "/v1/sync/push", "{\"device_id\":", t, {}, 400, "bad_json"},
        {"raw NUL in a string",
         "/v1/sync/push",
         QByteArray("{\"device_id\":\"a\0b\",\"changes\":[]}", 30),
         t,
         {},
         400,
         "bad_json"},
        {"raw 0x01 in a string",
         "/v1/sync/push",
         "{\"device_id\":\"a\x01b\",\"changes\":[]}",
         t,
         {},
         400,
         "bad_json"},
        {"raw TAB in a string",
         "/v1/sync/push",
         "{\"device_id\":\"a\tb\",\"changes\":[]}",
         t,
         {},
         400,
         "bad_json"},
        {"raw LF in a string",
         "/v1/sync/push",
         "{\"device_id\":\"a\nb\",\"changes\":[]}",
         t,
         {},
         400,
         "bad_json"},
        {"lone high surrogate",
         "/v1/sync/push",
         pushBody(with("id", "\\ud800")).replace("\\\\ud800", "\\ud800"),
         t,
         {},
         400,
         "bad_json"},
        {"lone low surrogate",
         "/v1/auth/sign-in",
         "{\"login\":\"li\\udc00\",\"password\":\"x\",\"device_id\":\"" + uuid(7).toLatin1() + "\"}",
         {},
         {},
         400,
         "bad_json"},
        {"high surrogate then text",
         "/v1/auth/sign-in",
         "{\"login\":\"li\\ud800x\",\"password\":\"x\",\"device_id\":\"" + uuid(7).toLatin1() + "\"}",
         {},
         {},
         400,
         "bad_json"},
        {"not an object", "/v1/sync/push", "[1,2]", t, {}, 400, "bad_json"},
        {"invalid UTF-8", "/v1/sync/push", "{\"device_id\":\"\xff\xfe\"}", t, {}, 400, "bad_json"},
        {"missing member",
         "/v1/sync/push",
         "{\"device_id\":\"" + a.deviceId.toLatin1() + "\"}",
         t,
         {},
         400,
         "bad_request"},
        {"wrong member type", "/v1/sync/push", "{\"device_id\":5,\"changes\":[]}", t, {}, 400, "bad_request"},
        {"seq as text", "/v1/sync/push", pushBody(with("seq", "2")), t, {}, 400, "bad_request"},
        {"gap inside the batch", "/v1/sync/push", gapped, t, {}, 400, "bad_request"},
        {"gap after last_seq", "/v1/sync/push", pushBody(with("seq", 9)), t, {}, 409, "sequence_gap"},
        {"a used seq carrying another change",
         "/v1/sync/push",
         pushBody(with("seq", 1)),
         t,
         {},
         409,
         "sequence_reused"},
        {"other device's id",
         "/v1/sync/push",
         QJsonDocument(QJsonObject{{"device_id", b.deviceId}, {"changes", QJsonArray{good}}}).toJson(),
         t,
         {},
         400,
         "bad_request"},
        {"no token", "/v1/sync/push", pushBody(good), {}, {}, 401, "unauthenticated"},
        {"unknown token", "/v1/sync/push", pushBody(good), QByteArray(64, 'a'), {}, 401, "unauthenticated"},
        {"body over 8 MiB", "/v1/sync/push", bomb, t, {}, 413, "too_large"},
        {"gzip over 8 MiB unpacked",
         "/v1/sync/push",
         fb::sync::gzip(bomb),
         t,
         {{"content-encoding", "gzip"}},
         413,
         "too_large"},
        {"not gzip though it says so",
         "/v1/sync/push",
         pushBody(good),
         t,
         {{"content-encoding", "gzip"}},
         400,
         "bad_json"},
        {"protocol 1 (before compact stamps)",
         "/v1/sync/push",
         pushBody(good),
         t,
         {{"x-fieldbook-protocol", "1"}},
         400,
         "unsupported_protocol"},
        {"protocol 3",
         "/v1/sync/push",
         pushBody(good),
         t,
         {{"x-fieldbook-protocol", "3"}},
         400,
         "unsupported_protocol"},
        {"schema too old",
         "/v1/sync/push",
         pushBody(good),
         t,
         {{"x-fieldbook-schema", QByteArray::number(fb::schema::currentVersion() - 2)}},
         400,
         "unsupported_schema"},
        {"schema not a number",
         "/v1/sync/push",
         pushBody(good),
         t,
         {{"x-fieldbook-schema", "new"}},
         400,
         "unsupported_schema"},
        {"pull with a bad cursor",
         "/v1/sync/pull",
         "{\"device_id\":\"" + a.deviceId.toLatin1() + "\",\"cursor\":\"-1; DROP TABLE records\"}",
         t,
         {},
         400,
         "bad_request"},
        {"pull with limit 0",
         "/v1/sync/pull",
         "{\"device_id\":\"" + a.deviceId.toLatin1() + "\",\"limit\":0}",
         t,
         {},
         400,
         "bad_request"},
        {"sign-in without password",
         "/v1/auth/sign-in",
         "{\"login\":\"li.na\",\"device_id\":\"" + uuid(7).toLatin1() + "\"}",
         {},
         {},
         400,
         "bad_request"},
        {"sign-in with a bad device id",
         "/v1/auth/sign-in",
         "{\"login\":\"li.na\",\"password\":\"secret123\",\"device_id\":\"phone\"}",
         {},
         {},
         400,
         "bad_request"},
        {"unknown endpoint", "/v1/sync/delete-everything", "{}", t, {}, 404, "not_found"},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        HttpResponse r = f.request("POST", c.path, c.body, c.token, c.headers);
        CHECK(r.status == c.status);
        const QJsonObject body = ServerFixture::json(r);
        CHECK(body.value("error").toString() == QLatin1String(c.error));
        CHECK_FALSE(body.value("message").toString().isEmpty());
        CHECK(f.store->dump() == before);
    }
    // Missing version headers entirely.
    HttpResponse bare =
        f.service->handle(HttpRequest{"POST", "/v1/sync/pull", {{"authorization", "Bearer " + t}}, "{}"});
    CHECK(bare.status == 400);
    CHECK(ServerFixture::json(bare).value("error").toString() == "unsupported_protocol");
    CHECK(f.store->dump() == before);
}

TEST_CASE("an older schema version gets no fields it does not declare", "[server][pull]")
{
    // A later build adds an entity at this version with one field at the next.
    const int next = fb::schema::currentVersion() + 1;
    fb::schema::testing::ExtraEntity extra(fb::schema::Entity{
        .name = "test_note",
        .merge = fb::schema::MergePolicy::Lww,
        .scope = fb::schema::ScopeKind::AccountChild,
        .scopeField = "account_id",
        .since = next - 1,
        .fields = {{.name = "account_id",
                    .type = fb::schema::FieldType::Ref,
                    .required = true,
                    .refEntity = "account",
                    .since = next - 1},
                   {.name = "body", .type = fb::schema::FieldType::Text, .since = next - 1},
                   {.name = "amount", .type = fb::schema::FieldType::Money, .since = next}},
    });
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    f.push(a, {f.change(a, "account", uuid(1), "create", account("杭州恒达建材有限公司")),
               f.change(a, "test_note", uuid(2), "create",
                        QJsonObject{{"account_id", uuid(1)}, {"body", "门店"}, {"amount", 129950}})});
    HttpResponse r =
        f.request("POST", "/v1/sync/pull", QJsonDocument(QJsonObject{{"device_id", a.deviceId}}).toJson(),
                  a.token, {{"x-fieldbook-schema", QByteArray::number(next - 1)}});
    REQUIRE(r.status == 200);
    const QJsonArray records = ServerFixture::json(r).value("records").toArray();
    REQUIRE(records.size() == 2);
    const QJsonObject note = records[1].toObject();
    CHECK(note.value("entity").toString() == "test_note");
    CHECK(note.value("fields").toObject().contains("body"));
    CHECK_FALSE(note.value("fields").toObject().contains("amount"));
    CHECK_FALSE(note.value("clocks").toObject().contains("amount"));
    // The current build gets it.
    const QJsonArray current = f.pullAll(a).value("records").toArray();
    CHECK(current[1].toObject().value("fields").toObject().value("amount").toInteger() == 129950);
}

TEST_CASE("a pull names each account's owner and, on its last page, the viewer's team", "[server][pull]")
{
    TeamFixture f;
    Session li = f.signIn("li.na", uuid(1001));
    Session zhang = f.signIn("zhang.wei", uuid(1002));
    Session chen = f.signIn("chen.jie", uuid(1003));
    Session boss = f.signIn("manager", uuid(1004));
    f.push(li, {f.change(li, "account", uuid(1), "create", account("杭州恒达建材有限公司")),
                f.change(li, "key_person", uuid(2), "create",
                         QJsonObject{{"account_id", uuid(1)}, {"name", "王建国"}, {"role", "head"}})});
    f.push(zhang, {f.change(zhang, "account", uuid(3), "create", account("宁波远航"))});

    const QJsonObject mine = f.pullAll(boss, {}, 2);  // two pages: the team comes with the last
    CHECK_FALSE(mine.contains("team"));
    CHECK(mine.value("records").toArray()[0].toObject().value("owner").toString() == li.userId);
    CHECK_FALSE(mine.value("records").toArray()[1].toObject().contains("owner"));  // a key person
    const QJsonObject rest = f.pullAll(boss, mine.value("cursor").toString(), 2);
    CHECK(rest.value("records").toArray()[0].toObject().value("owner").toString() == zhang.userId);
    QStringList names;
    for (const QJsonValue& m : rest.value("team").toArray())
        names << m.toObject().value("name").toString() + "/" + m.toObject().value("role").toString();
    names.sort();
    CHECK(names == QStringList{"张伟/rep", "李娜/rep", "王经理/manager"});  // not 陈杰 (another team)

    QStringList own;
    for (const QJsonValue& m : f.pullAll(chen).value("team").toArray())
        own << m.toObject().value("name").toString();
    CHECK(own == QStringList{"陈杰"});  // a rep: only themselves

    // The previous schema (7) came with owner and team: it is sent both. A build from before
    // them (6) is no longer accepted, so no device that cannot read them is sent them.
    HttpResponse previous =
        f.request("POST", "/v1/sync/pull", QJsonDocument(QJsonObject{{"device_id", boss.deviceId}}).toJson(),
                  boss.token, {{"x-fieldbook-schema", QByteArray::number(fb::schema::currentVersion() - 1)}});
    REQUIRE(previous.status == 200);
    const QJsonObject previousReply = ServerFixture::json(previous);
    CHECK(previousReply.contains("team"));
    int owned = 0;
    for (const QJsonValue& r : previousReply.value("records").toArray())
        if (r.toObject().value("entity").toString() == "account") {
            CHECK_FALSE(r.toObject().value("owner").toString().isEmpty());
            ++owned;
        }
    CHECK(owned > 0);
    HttpResponse old =
        f.request("POST", "/v1/sync/pull", QJsonDocument(QJsonObject{{"device_id", boss.deviceId}}).toJson(),
                  boss.token, {{"x-fieldbook-schema", QByteArray::number(6)}});
    CHECK(old.status == 400);
    CHECK(ServerFixture::json(old).value("error").toString() == "unsupported_schema");
}

TEST_CASE("CSV import is all or nothing with a line number", "[server][admin]")
{
    TeamFixture f;
    const QString before = f.store->dump();
    auto bad =
        f.admin->importAccounts("name,tier,stage\n\"恒达, 杭州\",A,growth\n坏客户,Z,growth\n", "li.na");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.rfind("line 3:", 0) == 0);
    CHECK(f.store->dump() == before);
    auto good = f.admin->importAccounts(
        "name,tier,stage,region\n\"恒达, 杭州\",A,growth,杭州\n远航,KA,maturity,\n", "li.na");
    REQUIRE(good);
    CHECK(*good == 2);
    Session a = f.signIn("li.na", uuid(1001));
    CHECK(f.pullAll(a).value("records").toArray().size() == 2);
}

TEST_CASE("a record never moves to another account", "[server][push][scope]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    const std::int64_t t0 = f.clock.nowMs();
    HttpResponse setup =
        f.push(a, {f.change(a, "account", uuid(1), "create", account("杭州恒达建材有限公司"), t0),
                   f.change(a, "account", uuid(2), "create", account("宁波港城物流有限公司"), t0 + 1),
                   f.change(a, "key_person", uuid(50), "create",
                            {{"account_id", uuid(1)}, {"name", "王强"}, {"role", "head"}}, t0 + 2)});
    REQUIRE(setup.status == 200);
    HttpResponse move =
        f.push(a, {f.change(a, "key_person", uuid(50), "update", {{"account_id", uuid(2)}}, t0 + 3)});
    REQUIRE(move.status == 200);
    CHECK(results(move)[0].toObject().value("outcome").toString() == "rejected");
    CHECK(results(move)[0].toObject().value("code").toString() == "read_only");
    for (const QJsonValue& v : f.pullAll(a).value("records").toArray())
        if (v.toObject().value("id").toString() == uuid(50))
            CHECK(v.toObject().value("fields").toObject().value("account_id").toString() == uuid(1));
}

TEST_CASE("signing out makes the device's token useless, and signing in again continues its sequence",
          "[server][auth]")
{
    TeamFixture f;
    Session s = f.signIn("li.na", uuid(1001));
    f.push(s, {f.change(s, "account", uuid(1), "create", account("杭州恒达建材有限公司"))});

    HttpResponse other = f.post("/v1/auth/sign-out", {{"device_id", uuid(1002)}}, s.token);
    CHECK(other.status == 400);  // not this token's device: nothing happens
    HttpResponse out = f.post("/v1/auth/sign-out", {{"device_id", uuid(1001)}}, s.token);
    CHECK(out.status == 204);
    CHECK(f.post("/v1/sync/pull", {{"device_id", uuid(1001)}}, s.token).status == 401);
    CHECK(f.post("/v1/auth/sign-out", {{"device_id", uuid(1001)}}, s.token).status == 401);

    Session again = f.signIn("li.na", uuid(1001));
    CHECK(again.nextSeq == 2);
    CHECK(f.pullAll(again).value("records").toArray().size() == 1);
}

TEST_CASE("a device's own changes do not come back in its pulls unless it lacked what they merged with",
          "[server][pull]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    Session b = f.signIn("li.na", uuid(1002));
    auto pushWithCursor = [&](Session& s, const QString& cursor, const QJsonArray& changes) {
        return f.post("/v1/sync/push", {{"device_id", s.deviceId}, {"changes", changes}, {"cursor", cursor}},
                      s.token);
    };
    REQUIRE(f.push(a, {f.change(a, "account", uuid(1), "create", account("杭州恒达建材有限公司")),
                       f.change(a, "account", uuid(2), "create", account("宁波港城物流有限公司"))})
                .status == 200);
    QString ca = f.pullAll(a).value("cursor").toString();  // from the start: everything
    QString cb = f.pullAll(b).value("cursor").toString();

    // a edits what it holds: its pull from its cursor skips the echo; b gets the edit.
    f.clock.advance(1000);
    REQUIRE(pushWithCursor(a, ca, {f.change(a, "account", uuid(1), "update", {{"tier", "KA"}})}).status ==
            200);
    const QJsonObject pa = f.pullAll(a, ca);
    CHECK(ids(pa).isEmpty());
    ca = pa.value("cursor").toString();
    const QJsonObject pb = f.pullAll(b, cb);
    CHECK(ids(pb) == QStringList{uuid(1)});
    cb = pb.value("cursor").toString();

    // b edits account 2 while a, not having pulled that, edits it too: a's change merged with a
    // version a never saw, so a gets the record back (with b's field), though it wrote last.
    f.clock.advance(1000);
    REQUIRE(pushWithCursor(b, cb, {f.change(b, "account", uuid(2), "update", {{"region", "宁波"}})}).status ==
            200);
    f.clock.advance(1000);
    REQUIRE(pushWithCursor(a, ca, {f.change(a, "account", uuid(2), "update", {{"tier", "B"}})}).status ==
            200);
    const QJsonObject again = f.pullAll(a, ca);
    REQUIRE(ids(again) == QStringList{uuid(2)});
    const QJsonObject record = again.value("records").toArray()[0].toObject();
    CHECK(record.value("fields").toObject().value("region").toString() == "宁波");
    CHECK(record.value("fields").toObject().value("tier").toString() == "B");
    // The digest still covers every record in scope, echoes included.
    CHECK(again.value("scope").toObject().value("count").toInt() == 2);
}

TEST_CASE("a change the server cannot read is rejected alone and the rest of the batch applies",
          "[server][bad-input]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    struct Bad {
        const char* what;
        const char* key;
        QJsonValue value;
    };
    const std::vector<Bad> bads = {
        {"unknown entity", "entity", "spaceship"},
        {"unknown field", "fields",
         QJsonObject{{"name", "x"}, {"tier", "A"}, {"stage", "growth"}, {"colour", "red"}}},
        {"wrong field type", "fields", QJsonObject{{"name", 42}, {"tier", "A"}, {"stage", "growth"}}},
        {"id not a UUID", "id", "42"},
        {"upper-case id", "id", "0190A000-0000-7000-8000-000000000099"},
        {"bad op", "op", "delete"},
        {"malformed hlc", "hlc", "yesterday"},
        {"upper-case hlc", "hlc", "0000019A2B3C4D5E-0000-" + a.deviceId},
        {"hlc wall past 2^63", "hlc", "ffffffffffffffff-0000-" + a.deviceId},
        {"hlc of another device", "hlc", QString::fromStdString(f.stamp(kStartMs, uuid(1002)))},
        {"hlc with a 4 MB device id", "hlc",
         QString::fromStdString(f.stamp(kStartMs, QString(4 * 1024 * 1024, QLatin1Char('a'))))},
        {"entity of the wrong type", "entity", 7},
    };
    int n = 100;
    for (const Bad& bad : bads) {
        INFO(bad.what);
        QJsonObject broken = f.change(a, "account", uuid(++n), "create", account("坏的"));
        broken.insert(bad.key, bad.value);
        const QString goodId = uuid(++n);
        QJsonObject good = f.change(a, "account", goodId, "create", account("好的客户"));
        HttpResponse r = f.push(a, {broken, good});
        REQUIRE(r.status == 200);
        const QJsonArray results = ServerFixture::json(r).value("results").toArray();
        REQUIRE(results.size() == 2);
        CHECK(results[0].toObject().value("outcome").toString() == "rejected");
        CHECK(results[0].toObject().value("code").toString() == "validation");
        CHECK_FALSE(results[0].toObject().value("message").toString().isEmpty());
        CHECK(results[1].toObject().value("outcome").toString() == "applied");
        bool stored = false;
        for (const QJsonValue& record : f.pullAll(a).value("records").toArray())
            stored = stored || record.toObject().value("id").toString() == goodId;
        CHECK(stored);
        // Nothing of the broken change was stored, and the stored push outcome stays small.
        CHECK(f.store->dump().size() < 200'000);
    }
}

TEST_CASE("values must arrive in canonical form", "[server][bad-input]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    f.push(a, {f.change(a, "account", uuid(1), "create", account("杭州恒达建材有限公司"))});
    const QString before = f.store->dump();
    // Full-width (U+3000) and no-break (U+00A0) spaces are trimmed as ASCII ones are.
    for (const QJsonObject& fields :
         {QJsonObject{{"phone", "+86 571 8888 0001"}}, QJsonObject{{"name", "  恒达  "}},
          QJsonObject{{"region", ""}}, QJsonObject{{"name", QString::fromUtf8("\u3000恒达")}},
          QJsonObject{{"name", QString::fromUtf8("恒达\u00a0")}}}) {
        INFO(QJsonDocument(fields).toJson().toStdString());
        HttpResponse r = f.push(a, {f.change(a, "account", uuid(1), "update", fields)});
        REQUIRE(r.status == 200);
        const QJsonObject result = ServerFixture::json(r).value("results").toArray().at(0).toObject();
        CHECK(result.value("outcome").toString() == "rejected");
        CHECK(result.value("code").toString() == "validation");
        CHECK(result.value("message").toString().contains("canonical"));
        // The rejection carries the record as stored, for the device to revert to.
        CHECK(result.value("record").toObject().value("fields").toObject().value("name").toString() ==
              "杭州恒达建材有限公司");
    }
    // Control characters are no value of a one-line text (a JSON escape gets them past the
    // strict JSON check): rejected, not stored.
    for (const QString& bad :
         {QStringLiteral("恒达\u0001建材"), QStringLiteral("恒达\t建材"), QStringLiteral("恒达\u007f")}) {
        HttpResponse r = f.push(a, {f.change(a, "account", uuid(1), "update", QJsonObject{{"name", bad}})});
        const QJsonObject result = ServerFixture::json(r).value("results").toArray().at(0).toObject();
        CHECK(result.value("outcome").toString() == "rejected");
        CHECK(result.value("code").toString() == "validation");
    }
    {
        QSqlDatabase db = f.store->connection();
        const auto stored = f.store->record(db, "account", uuid(1).toStdString());
        REQUIRE(stored);
        CHECK(std::get<std::string>(stored->state.fields.at("name")) == "杭州恒达建材有限公司");
    }
    // The canonical forms are taken.
    HttpResponse ok =
        f.push(a, {f.change(a, "account", uuid(1), "update", QJsonObject{{"phone", "8657188880001"}})});
    CHECK(ServerFixture::json(ok).value("results").toArray().at(0).toObject().value("outcome").toString() ==
          "applied");
}

TEST_CASE("a rejected change carries the server's state of the record, or null", "[server][push]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    Session c = f.signIn("chen.jie", uuid(1003));
    f.push(a, {f.change(a, "account", uuid(1), "create", account("杭州恒达建材有限公司", "KA"))});
    // A bad update of a record in scope: its current state comes back.
    HttpResponse r = f.push(a, {f.change(a, "account", uuid(1), "update", QJsonObject{{"tier", "Z"}}),
                                f.change(a, "account", uuid(2), "create", QJsonObject{{"tier", "A"}})});
    const QJsonArray results = ServerFixture::json(r).value("results").toArray();
    REQUIRE(results.size() == 2);
    const QJsonObject record = results[0].toObject().value("record").toObject();
    CHECK(record.value("entity").toString() == "account");
    CHECK(record.value("id").toString() == uuid(1));
    CHECK(record.value("fields").toObject().value("tier").toString() == "KA");
    CHECK_FALSE(record.value("hlc").toString().isEmpty());
    // A create the server does not hold: null.
    CHECK(results[1].toObject().contains("record"));
    CHECK(results[1].toObject().value("record").isNull());
    // Another team's record is never shown to someone outside its scope.
    HttpResponse out = f.push(c, {f.change(c, "account", uuid(1), "update", QJsonObject{{"tier", "B"}})});
    const QJsonObject denied = ServerFixture::json(out).value("results").toArray().at(0).toObject();
    CHECK(denied.value("code").toString() == "out_of_scope");
    CHECK(denied.value("record").isNull());
}

TEST_CASE("a clamp after a stamp whose counter is ffff stays a valid stamp", "[server][push]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    const std::int64_t ahead = kStartMs + 86'400'000;
    // A stored stamp at the server's time with the largest counter.
    QJsonObject first = f.change(a, "account", uuid(1), "create", account("恒达"));
    first.insert("hlc", QString::fromStdString(f.stamp(kStartMs, a.deviceId, 0xffff)));
    REQUIRE(ServerFixture::json(f.push(a, {first}))
                .value("results")
                .toArray()
                .at(0)
                .toObject()
                .value("outcome") == "applied");
    // A stamp a day ahead is clamped to after the stored one.
    HttpResponse r =
        f.push(a, {f.change(a, "account", uuid(1), "update", QJsonObject{{"tier", "KA"}}, ahead)});
    REQUIRE(r.status == 200);
    const QJsonObject result = ServerFixture::json(r).value("results").toArray().at(0).toObject();
    CHECK(result.value("clamped").toBool());
    const std::string clamped = result.value("clocks").toObject().value("tier").toString().toStdString();
    auto parsed = fb::HlcStamp::parse(clamped);
    REQUIRE(parsed);
    CHECK(parsed->toString() == clamped);
    CHECK(clamped > f.stamp(kStartMs, a.deviceId, 0xffff));
    // Later pushes touching the record still work.
    HttpResponse later =
        f.push(a, {f.change(a, "account", uuid(1), "update", QJsonObject{{"region", "杭州"}})});
    CHECK(later.status == 200);
    CHECK(f.pullAll(a).value("records").toArray().size() == 1);
}

TEST_CASE("a device id belongs to the user who registered it", "[server][auth]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    f.push(a, {f.change(a, "account", uuid(1), "create", account("恒达"))});
    const QString before = f.store->dump();
    HttpResponse r = f.post("/v1/auth/sign-in", {{"login", "zhang.wei"},
                                                 {"password", "secret123"},
                                                 {"device_id", a.deviceId},
                                                 {"device_name", "thief"}});
    CHECK(r.status == 409);
    CHECK(ServerFixture::json(r).value("error").toString() == "device_taken");
    CHECK(f.store->dump() == before);
    // The owner's token still works.
    CHECK(f.post("/v1/sync/pull", {{"device_id", a.deviceId}, {"cursor", ""}}, a.token).status == 200);
    // A wrong password never learns whose the id is.
    HttpResponse wrong =
        f.post("/v1/auth/sign-in", {{"login", "zhang.wei"}, {"password", "nope"}, {"device_id", a.deviceId}});
    CHECK(wrong.status == 401);
}

TEST_CASE("GET /v1/schema publishes every declared entity and field", "[server][schema]")
{
    ServerFixture f;
    HttpResponse r = f.service->handle(HttpRequest{"GET", "/v1/schema", {}, {}});
    REQUIRE(r.status == 200);
    const QJsonObject o = ServerFixture::json(r);
    CHECK(o.value("protocol").toInt() == fb::sync::kProtocolVersion);
    CHECK(o.value("schema").toInt() == fb::schema::currentVersion());
    const QJsonArray entities = o.value("entities").toArray();
    REQUIRE(entities.size() == static_cast<qsizetype>(fb::schema::entities().size()));
    for (const fb::schema::Entity& e : fb::schema::entities()) {
        INFO(e.name);
        QJsonObject published;
        for (const QJsonValue& v : entities)
            if (v.toObject().value("name").toString().toStdString() == e.name) published = v.toObject();
        REQUIRE_FALSE(published.isEmpty());
        CHECK(published.value("merge").toString() == QLatin1String(fb::schema::mergePolicyName(e.merge)));
        // Three kinds on the wire: account (an account and what hangs under it), global, owner.
        const char* kind = e.scope == fb::schema::ScopeKind::Global  ? "global"
                           : e.scope == fb::schema::ScopeKind::Owner ? "owner"
                                                                     : "account";
        CHECK(published.value("scope").toString() == QLatin1String(kind));
        if (e.scope == fb::schema::ScopeKind::AccountChild)
            CHECK(published.value("account_field").toString().toStdString() == e.scopeField);
        if (e.scope == fb::schema::ScopeKind::AccountRoot)
            CHECK(published.value("account_field").toString() == "id");
        if (e.scope == fb::schema::ScopeKind::Owner)
            CHECK(published.value("owner_field").toString().toStdString() == e.scopeField);
        CHECK(published.value("server_written").toBool() == (e.scope == fb::schema::ScopeKind::Global));
        const QJsonArray fields = published.value("fields").toArray();
        REQUIRE(fields.size() == static_cast<qsizetype>(e.fields.size()));
        for (qsizetype i = 0; i < fields.size(); ++i) {
            const fb::schema::Field& field = e.fields[static_cast<std::size_t>(i)];
            const QJsonObject p = fields[i].toObject();
            CHECK(p.value("name").toString().toStdString() == field.name);
            CHECK(p.value("type").toString() == QLatin1String(fb::schema::fieldTypeName(field.type)));
            CHECK(p.value("required").toBool() == field.required);
            CHECK(p.value("values").toArray().size() == static_cast<qsizetype>(field.values.size()));
        }
    }
    // Only GET.
    CHECK(f.service->handle(HttpRequest{"POST", "/v1/schema", {}, {}}).status == 404);
}

TEST_CASE("POST /v1/sync/digest answers the scope digest a pull's last page carries", "[server][pull]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    f.push(a, {f.change(a, "account", uuid(1), "create", account("杭州恒达建材有限公司")),
               f.change(a, "account", uuid(2), "create", account("宁波港城物流有限公司"))});
    const QJsonObject pulled = f.pullAll(a);
    HttpResponse r = f.post("/v1/sync/digest", {{"device_id", a.deviceId}}, a.token);
    REQUIRE(r.status == 200);
    CHECK(ServerFixture::json(r).value("scope").toObject() == pulled.value("scope").toObject());
    CHECK(ServerFixture::json(r).value("scope").toObject().value("count").toInt() == 2);
    // Another device's id, or no token: refused.
    CHECK(f.post("/v1/sync/digest", {{"device_id", uuid(9)}}, a.token).status == 400);
    CHECK(f.post("/v1/sync/digest", {{"device_id", a.deviceId}}).status == 401);
}

TEST_CASE("a cursor ahead of everything committed is 409 cursor_ahead, not an empty page", "[server][pull]")
{
    TeamFixture f;
    Session a = f.signIn("li.na", uuid(1001));
    f.push(a, {f.change(a, "account", uuid(1), "create", account("杭州恒达建材有限公司"))});
    HttpResponse r = f.post("/v1/sync/pull", {{"device_id", a.deviceId}, {"cursor", "999999999"}}, a.token);
    CHECK(r.status == 409);
    CHECK(ServerFixture::json(r).value("error").toString() == "cursor_ahead");
    // A push carrying such a cursor is taken, without echo suppression.
    f.clock.advance(1000);
    HttpResponse push = f.post(
        "/v1/sync/push",
        {{"device_id", a.deviceId},
         {"cursor", "999999999"},
         {"changes", QJsonArray{f.change(a, "account", uuid(1), "update", QJsonObject{{"tier", "KA"}})}}},
        a.token);
    REQUIRE(push.status == 200);
    INFO(push.body.toStdString());
    CHECK(ServerFixture::json(push).value("results").toArray().at(0).toObject().value("outcome").toString() ==
          "applied");
}

TEST_CASE("failed sign-ins back off per login and per address, the same for unknown logins", "[server][auth]")
{
    TeamFixture f;
    auto signIn = [&](const char* login, const char* password, const QByteArray& peer) {
        HttpRequest r{"POST", "/v1/auth/sign-in", {}, {}, peer};
        r.headers.insert("x-fieldbook-protocol", QByteArray::number(fb::sync::kProtocolVersion));
        r.headers.insert("x-fieldbook-schema", QByteArray::number(fb::schema::currentVersion()));
        // A device of each login's own (a device id belongs to the user who registered it).
        const int device = 42 + static_cast<int>(qHash(QByteArray(login)) % 1000);
        r.body =
            QJsonDocument(QJsonObject{{"login", login}, {"password", password}, {"device_id", uuid(device)}})
                .toJson(QJsonDocument::Compact);
        return f.service->handle(r);
    };
    // Five wrong passwords: 401 each time. Then the login waits, even with the right password.
    for (int i = 0; i < 5; ++i)
        CHECK(signIn("li.na", "wrong", "10.0.0.1").status == 401);
    HttpResponse blocked = signIn("li.na", "secret123", "10.0.0.2");
    CHECK(blocked.status == 429);
    CHECK(ServerFixture::json(blocked).value("error").toString() == "too_many_attempts");
    bool retryAfter = false;
    for (const auto& [name, value] : blocked.headers)
        retryAfter = retryAfter || (name == "retry-after" && value.toInt() >= 1);
    CHECK(retryAfter);
    // An unknown login is answered the same way at the same point.
    for (int i = 0; i < 5; ++i)
        CHECK(signIn("no.such.user", "wrong", "10.0.0.3").status == 401);
    CHECK(signIn("no.such.user", "wrong", "10.0.0.4").status == 429);
    // Other logins are not held up by li.na's failures.
    CHECK(signIn("zhang.wei", "secret123", "10.0.0.5").status == 200);
    // The wait doubles with each further failure and ends: after it the right password works
    // and clears the count.
    f.clock.advance(1'000);
    CHECK(signIn("li.na", "wrong", "10.0.0.1").status == 401);  // the sixth: 2 s now
    f.clock.advance(1'500);
    CHECK(signIn("li.na", "secret123", "10.0.0.2").status == 429);
    f.clock.advance(1'000);
    CHECK(signIn("li.na", "secret123", "10.0.0.2").status == 200);
    CHECK(signIn("li.na", "wrong", "10.0.0.2").status == 401);
    CHECK(signIn("li.na", "secret123", "10.0.0.2").status == 200);  // counting starts again
    // One address trying many logins is held up too.
    for (int i = 0; i < 30; ++i)
        signIn(("guess" + std::to_string(i)).c_str(), "x", "10.9.9.9");
    CHECK(signIn("zhang.wei", "secret123", "10.9.9.9").status == 429);
    CHECK(signIn("zhang.wei", "secret123", "10.9.9.8").status == 200);
}

TEST_CASE("a token expires after its lifetime, and renewing gives a new one and retires the old",
          "[server][auth]")
{
    TeamFixture f;
    constexpr std::int64_t kDay = 24LL * 3600 * 1000;
    const std::int64_t lifetime = ServiceOptions{}.tokenLifetimeMs;
    REQUIRE(lifetime == 30 * kDay);
    HttpResponse signIn = f.post(
        "/v1/auth/sign-in",
        {{"login", "li.na"}, {"password", "secret123"}, {"device_id", uuid(1001)}, {"device_name", "phone"}});
    REQUIRE(signIn.status == 200);
    CHECK(ServerFixture::json(signIn).value("token_expires_in_ms").toDouble() == double(lifetime));
    const QByteArray first = ServerFixture::json(signIn).value("token").toString().toLatin1();
    const QJsonObject device{{"device_id", uuid(1001)}};

    SECTION("unused past its lifetime, the token answers 401 token_expired; signing in again works")
    {
        f.clock.advance(lifetime - 1);
        CHECK(f.post("/v1/sync/pull", device, first).status == 200);
        f.clock.advance(1);
        HttpResponse r = f.post("/v1/sync/pull", device, first);
        CHECK(r.status == 401);
        CHECK(ServerFixture::json(r).value("error").toString() == "token_expired");
        CHECK(f.post("/v1/auth/renew", device, first).status == 401);  // too late to renew
        Session again = f.signIn("li.na", uuid(1001));
        CHECK(f.post("/v1/sync/pull", device, again.token).status == 200);
    }

    SECTION("renewed at half time, the new token lives a full lifetime; the old one retires on first use of "
            "the new")
    {
        f.clock.advance(lifetime / 2);
        HttpResponse r = f.post("/v1/auth/renew", device, first);
        REQUIRE(r.status == 200);
        const QByteArray second = ServerFixture::json(r).value("token").toString().toLatin1();
        CHECK(second.size() == 64);
        CHECK(second != first);
        CHECK(ServerFixture::json(r).value("token_expires_in_ms").toDouble() == double(lifetime));
        // Until the new token is used, the old one still works (the reply may have been lost).
        CHECK(f.post("/v1/sync/pull", device, first).status == 200);
        CHECK(f.post("/v1/sync/pull", device, second).status == 200);
        HttpResponse old = f.post("/v1/sync/pull", device, first);
        CHECK(old.status == 401);
        CHECK(ServerFixture::json(old).value("error").toString() == "unauthenticated");
        // The new token outlives the first one's expiry by half a lifetime.
        f.clock.advance(lifetime - 1);
        CHECK(f.post("/v1/sync/pull", device, second).status == 200);
        f.clock.advance(1);
        CHECK(f.post("/v1/sync/pull", device, second).status == 401);
    }

    SECTION("a renewal whose reply was lost: the old token renews again and the unused one dies")
    {
        f.clock.advance(lifetime / 2);
        HttpResponse lost = f.post("/v1/auth/renew", device, first);
        REQUIRE(lost.status == 200);
        const QByteArray unused = ServerFixture::json(lost).value("token").toString().toLatin1();
        f.clock.advance(kDay);
        HttpResponse r = f.post("/v1/auth/renew", device, first);
        REQUIRE(r.status == 200);
        const QByteArray third = ServerFixture::json(r).value("token").toString().toLatin1();
        CHECK(f.post("/v1/sync/pull", device, unused).status == 401);
        CHECK(f.post("/v1/sync/pull", device, first).status == 200);
        CHECK(f.post("/v1/sync/pull", device, third).status == 200);
        CHECK(f.post("/v1/sync/pull", device, first).status == 401);
        // The old token never outlives its own expiry, whatever renewals happen.
        f.clock.advance(lifetime);
        CHECK(f.post("/v1/sync/pull", device, third).status == 401);
    }

    SECTION("revocation is immediate for the current and the previous token, renewal or not")
    {
        f.clock.advance(lifetime / 2);
        HttpResponse r = f.post("/v1/auth/renew", device, first);
        REQUIRE(r.status == 200);
        const QByteArray second = ServerFixture::json(r).value("token").toString().toLatin1();
        REQUIRE(f.admin->revokeDevice(uuid(1001)));
        for (const QByteArray& token : {first, second}) {
            HttpResponse pull = f.post("/v1/sync/pull", device, token);
            CHECK(pull.status == 403);
            CHECK(ServerFixture::json(pull).value("error").toString() == "device_revoked");
            CHECK(f.post("/v1/auth/renew", device, token).status == 403);
        }
    }

    SECTION("signing out kills both tokens")
    {
        HttpResponse r = f.post("/v1/auth/renew", device, first);
        REQUIRE(r.status == 200);
        const QByteArray second = ServerFixture::json(r).value("token").toString().toLatin1();
        CHECK(f.post("/v1/auth/sign-out", device, first).status == 204);
        CHECK(f.post("/v1/sync/pull", device, first).status == 401);
        CHECK(f.post("/v1/sync/pull", device, second).status == 401);
    }

    SECTION("renewing another device's id is a 400 that changes nothing")
    {
        HttpResponse r = f.post("/v1/auth/renew", {{"device_id", uuid(1002)}}, first);
        CHECK(r.status == 400);
        CHECK(f.post("/v1/sync/pull", device, first).status == 200);
    }
}

TEST_CASE("a token from before expiry existed stays valid until its device renews it", "[server][auth]")
{
    TeamFixture f;
    Session s = f.signIn("li.na", uuid(1001));
    {
        QSqlDatabase db = f.store->connection();
        runSql(db, QStringLiteral("UPDATE devices SET token_expires_ms = 0"), {});
    }
    const QJsonObject device{{"device_id", uuid(1001)}};
    f.clock.advance(400LL * 24 * 3600 * 1000);
    CHECK(f.post("/v1/sync/pull", device, s.token).status == 200);
    HttpResponse r = f.post("/v1/auth/renew", device, s.token);
    REQUIRE(r.status == 200);
    const QByteArray renewed = ServerFixture::json(r).value("token").toString().toLatin1();
    CHECK(f.post("/v1/sync/pull", device, renewed).status == 200);
    f.clock.advance(ServiceOptions{}.tokenLifetimeMs);
    CHECK(f.post("/v1/sync/pull", device, renewed).status == 401);
}
