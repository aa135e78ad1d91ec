// A server over a temporary SQLite store with a fake clock, and helpers that speak the
// protocol to its SyncService in-process. One fixture per test; single-threaded.
#pragma once

#include <memory>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "fieldbook/core/clock.h"
#include "fieldbook/core/hlc.h"
#include "fieldbook/core/schema.h"
#include "fieldbook/server/admin.h"
#include "fieldbook/server/service.h"
#include "fieldbook/server/store.h"

namespace fb::server::test {

inline constexpr std::int64_t kStartMs = 1763000000000;

struct Session {
    QByteArray token;
    QString deviceId;
    QString userId;
    std::int64_t nextSeq = 1;
};

class ServerFixture {
public:
    ServerFixture()
    {
        auto opened = openServerStore(dir.path(), {});
        if (!opened) throw std::runtime_error(opened.error().message);
        store = std::move(*opened);
        service = std::make_unique<SyncService>(*store, clock);
        admin = std::make_unique<Admin>(*store, clock);
    }

    HttpResponse request(const QByteArray& method, const QByteArray& path, const QByteArray& body,
                         const QByteArray& token = {}, QHash<QByteArray, QByteArray> headers = {})
    {
        HttpRequest r{method, path, {}, body};
        r.headers.insert("x-fieldbook-protocol", QByteArray::number(fb::sync::kProtocolVersion));
        r.headers.insert("x-fieldbook-schema", QByteArray::number(schema::currentVersion()));
        if (!token.isEmpty()) r.headers.insert("authorization", "Bearer " + token);
        for (auto it = headers.begin(); it != headers.end(); ++it)
            r.headers.insert(it.key(), it.value());
        return service->handle(r);
    }
    HttpResponse post(const QByteArray& path, const QJsonObject& body, const QByteArray& token = {})
    {
        return request("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), token);
    }

    Session signIn(const QString& login, const QString& deviceId,
                   const QString& password = QStringLiteral("secret123"))
    {
        HttpResponse r = post("/v1/auth/sign-in", {{"login", login},
                                                   {"password", password},
                                                   {"device_id", deviceId},
                                                   {"device_name", "test phone"}});
        if (r.status != 200) throw std::runtime_error("sign-in failed: " + r.body.toStdString());
        const QJsonObject o = QJsonDocument::fromJson(r.body).object();
        return Session{o.value("token").toString().toLatin1(), deviceId,
                       o.value("user").toObject().value("id").toString(),
                       static_cast<std::int64_t>(o.value("last_seq").toDouble()) + 1};
    }

    std::string stamp(std::int64_t wallMs, const QString& deviceId, std::uint32_t counter = 0)
    {
        return HlcStamp{wallMs, counter, deviceId.toStdString()}.toString();
    }

    // One change; seq taken from the session.
    QJsonObject change(Session& s, const char* entity, const QString& id, const char* op,
                       const QJsonObject& fields, std::int64_t wallMs = -1)
    {
        return QJsonObject{
            {"seq", static_cast<double>(s.nextSeq++)},
            {"entity", entity},
            {"id", id},
            {"op", op},
            {"fields", fields},
            {"hlc", QString::fromStdString(stamp(wallMs < 0 ? clock.nowMs() : wallMs, s.deviceId))}};
    }

    HttpResponse push(const Session& s, const QJsonArray& changes)
    {
        return post("/v1/sync/push", {{"device_id", s.deviceId}, {"changes", changes}}, s.token);
    }

    QJsonObject pullAll(const Session& s, const QString& cursor = {}, int limit = 500)
    {
        HttpResponse r =
            post("/v1/sync/pull", {{"device_id", s.deviceId}, {"cursor", cursor}, {"limit", limit}}, s.token);
        if (r.status != 200) throw std::runtime_error("pull failed: " + r.body.toStdString());
        return QJsonDocument::fromJson(r.body).object();
    }

    static QJsonObject json(const HttpResponse& r) { return QJsonDocument::fromJson(r.body).object(); }

    QTemporaryDir dir;
    FakeClock clock{kStartMs};
    std::unique_ptr<ServerStore> store;
    std::unique_ptr<SyncService> service;
    std::unique_ptr<Admin> admin;
};

// A team with a manager and two reps, all with password secret123.
struct TeamFixture : ServerFixture {
    TeamFixture()
    {
        (void)admin->addTeam(QStringLiteral("华东区"));
        (void)admin->addTeam(QStringLiteral("华南区"));
        (void)admin->addUser("manager", "王经理", "manager", QStringLiteral("华东区"), "secret123");
        (void)admin->addUser("li.na", "李娜", "rep", QStringLiteral("华东区"), "secret123");
        (void)admin->addUser("zhang.wei", "张伟", "rep", QStringLiteral("华东区"), "secret123");
        (void)admin->addUser("chen.jie", "陈杰", "rep", QStringLiteral("华南区"), "secret123");
    }
};

inline QString uuid(int n)
{
    return QStringLiteral("0190a000-0000-7000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

inline QJsonObject account(const char* name, const char* tier = "A")
{
    return QJsonObject{{"name", name}, {"tier", tier}, {"stage", "growth"}};
}

}  // namespace fb::server::test
