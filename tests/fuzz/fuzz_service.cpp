// libFuzzer: the server's request handling (SyncService::handle, everything behind the HTTP
// front end) with the method, path, headers and body taken from the input, against a real
// SQLite store with a team, a rep and a signed-in device. Whatever arrives, the answer is a
// documented status with the protocol's error body — never a crash, never a 500.
//
// Input: "METHOD\nPATH\nname: value\n...\n\nBODY". If the first byte is odd, the valid
// protocol, schema and token headers of the signed-in device are added first (the input's
// own headers then replace them), so most inputs reach the endpoints' own rules.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <set>

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "fieldbook/core/clock.h"
#include "fieldbook/core/database.h"
#include "fieldbook/core/schema.h"
#include "fieldbook/server/admin.h"
#include "fieldbook/server/service.h"
#include "fieldbook/server/store.h"
#include "fieldbook/sync/protocol.h"

namespace {

struct Server {
    std::unique_ptr<QCoreApplication> app;
    QTemporaryDir dir;
    fb::FakeClock clock{1763000000000};
    std::unique_ptr<fb::server::ServerStore> store;
    std::unique_ptr<fb::server::SyncService> service;
    QByteArray token;

    Server()
    {
        static int argc = 1;
        static char name[] = "fuzz_service";
        static char* argv[] = {name, nullptr};
        app = std::make_unique<QCoreApplication>(argc, argv);
        auto opened = fb::server::openServerStore(dir.path(), {});
        if (!opened) std::abort();
        store = std::move(*opened);
        service = std::make_unique<fb::server::SyncService>(*store, clock);
        fb::server::Admin admin(*store, clock);
        (void)admin.addTeam(QStringLiteral("north"));
        (void)admin.addUser("li.na", "Li", "rep", QStringLiteral("north"), "secret123");
        fb::server::HttpRequest signIn{"POST", "/v1/auth/sign-in", {}, {}, "127.0.0.1"};
        signIn.headers.insert("x-fieldbook-protocol", QByteArray::number(fb::sync::kProtocolVersion));
        signIn.headers.insert("x-fieldbook-schema", QByteArray::number(fb::schema::currentVersion()));
        signIn.body =
            R"({"login":"li.na","password":"secret123","device_id":"0190a000-0000-7000-8000-000000000001"})";
        const fb::server::HttpResponse r = service->handle(signIn);
        token = QJsonDocument::fromJson(r.body).object().value("token").toString().toLatin1();
        if (token.isEmpty()) std::abort();
    }
};

Server& server()
{
    static Server s;
    return s;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    fb::configureSqlite();
    server();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    Server& s = server();
    const QByteArray input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    fb::server::HttpRequest request;
    request.peer = "127.0.0.2";
    if (size > 0 && (data[0] & 1)) {
        request.headers.insert("x-fieldbook-protocol", QByteArray::number(fb::sync::kProtocolVersion));
        request.headers.insert("x-fieldbook-schema", QByteArray::number(fb::schema::currentVersion()));
        request.headers.insert("authorization", "Bearer " + s.token);
    }
    qsizetype at = size > 0 ? 1 : 0;
    auto line = [&]() {
        const qsizetype end = input.indexOf('\n', at);
        const QByteArray text = input.mid(at, end < 0 ? -1 : end - at);
        at = end < 0 ? input.size() : end + 1;
        return text;
    };
    request.method = line();
    request.path = line();
    for (;;) {
        const QByteArray header = line();
        if (header.isEmpty() || at >= input.size()) break;
        const qsizetype colon = header.indexOf(':');
        if (colon > 0)
            request.headers.insert(header.left(colon).trimmed().toLower(), header.mid(colon + 1).trimmed());
    }
    request.body = input.mid(at);
    // Keep the clock moving, as it does for a real server.
    s.clock.advance(1);

    const fb::server::HttpResponse r = s.service->handle(request);
    static const std::set<int> documented = {200, 204, 400, 401, 403, 404, 409, 413, 429};
    if (!documented.count(r.status)) std::abort();
    if (r.status >= 400) {
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        if (!body.value("error").isString() || !body.value("message").isString()) std::abort();
    }
    return 0;
}
