// fieldbook-tool's sync commands; see sync_commands.h.
#include "sync_commands.h"

#include <chrono>
#include <fstream>
#include <memory>

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include "fieldbook/core/archive.h"
#include "fieldbook/core/clock.h"
#include "fieldbook/core/database.h"
#include "fieldbook/core/device.h"
#include "fieldbook/core/migrations.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/search.h"
#include "fieldbook/core/secretstore.h"
#include "fieldbook/core/store.h"
#include "fieldbook/sync/backoff.h"
#include "fieldbook/sync/engine.h"
#include "fieldbook/sync/http_transport.h"
#include "fieldbook/sync/protocol.h"

namespace fb::synctool {

namespace {

constexpr int kExitOk = tool::kExitOk;
constexpr int kExitProblems = tool::kExitProblems;
constexpr int kExitUsage = tool::kExitUsage;

// The device's layers, wired as the app's sync worker wires them.
struct Device {
    SystemClock clock;
    std::unique_ptr<Database> db;
    std::unique_ptr<DeviceContext> device;
    std::unique_ptr<Store> store;
    std::unique_ptr<Replica> replica;
};

Result<std::unique_ptr<Device>> openDevice(const std::string& path)
{
    auto opened = openDeviceDatabase(path);
    if (!opened) return opened.error();
    auto d = std::make_unique<Device>();
    d->db = std::move(*opened);
    d->device = std::make_unique<DeviceContext>(*d->db, d->clock);
    d->store = std::make_unique<Store>(*d->db, *d->device);
    installSearchIndex(*d->store);
    d->replica = std::make_unique<Replica>(*d->store);
    return d;
}

int usage(std::ostream& err, const std::string& message)
{
    err << "fieldbook-tool: " << message << "\nTry 'fieldbook-tool --help'.\n";
    return kExitUsage;
}

bool wholeNumber(const std::string& text, int min, int max, int& out)
{
    try {
        std::size_t used = 0;
        const long n = std::stol(text, &used);
        if (used != text.size() || n < min || n > max) return false;
        out = static_cast<int>(n);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

int syncCommand(const tool::Options& options, const tool::Flags&, std::ostream& out, std::ostream& err)
{
    auto option = [&](const char* name) {
        auto it = options.find(name);
        return it == options.end() ? std::string() : it->second;
    };
    const std::string login = option("--login");
    const std::string passwordFile = option("--password-file");
    if (login.empty() != passwordFile.empty()) return usage(err, "--login and --password-file go together");
    int pageSize = sync::kMaxPullLimit;
    if (!option("--page-size").empty() &&
        !wholeNumber(option("--page-size"), 1, sync::kMaxPullLimit, pageSize))
        return usage(err, "--page-size must be 1.." + std::to_string(sync::kMaxPullLimit));
    int timeoutMs = 30'000;
    if (!option("--timeout-ms").empty() && !wholeNumber(option("--timeout-ms"), 100, 600'000, timeoutMs))
        return usage(err, "--timeout-ms must be 100..600000");
    std::string password;
    if (!passwordFile.empty()) {
        std::ifstream in(passwordFile);
        if (!in || !std::getline(in, password))
            return usage(err, "cannot read a password from " + passwordFile);
        if (!password.empty() && password.back() == '\r') password.pop_back();
    }

    auto opened = openDevice(options.at("--db"));
    if (!opened) {
        err << "fieldbook-tool: " << opened.error().message << '\n';
        return kExitProblems;
    }
    Device& d = **opened;
    std::string server = option("--server");
    if (server.empty()) server = d.replica->setting(sync::key::kServerUrl);
    if (server.empty())
        return usage(err, "this database has no server yet: give --server URL --login L --password-file F");
    const QUrl url(qs(server));
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return usage(err, "--server must be an http(s) URL, got '" + server + "'");

    sync::HttpTransport transport(url, {.timeoutMs = timeoutMs});
    sync::Backoff backoff(sync::systemRandom());
    sync::SyncEngine::Options engineOptions;
    engineOptions.pullLimit = pageSize;
    sync::SyncEngine engine(*d.db, *d.store, *d.replica, transport, d.clock, backoff, engineOptions);
    const auto started = std::chrono::steady_clock::now();

    QJsonObject summary;
    if (!login.empty()) {
        const std::string name =
            option("--device-name").empty() ? std::string("fieldbook-tool") : option("--device-name");
        auto signedIn = engine.signIn(login, password, name);
        if (!signedIn) {
            summary = {{"status", "sign_in_failed"},
                       {"error_code", qs(signedIn.error().reason)},
                       {"error_message", qs(signedIn.error().message)}};
            out << QJsonDocument(summary).toJson(QJsonDocument::Compact).toStdString() << '\n';
            return kExitProblems;
        }
        err << "signed in as " << signedIn->user.login << " (" << signedIn->user.role << ") on device "
            << d.device->deviceId() << '\n';
    }

    if (!option("--server").empty()) {  // where this database syncs from now on
        Transaction tx(*d.db);
        d.replica->setSetting(tx, sync::key::kServerUrl, server);
        tx.commit();
    }
    sync::SyncPhase lastPhase = sync::SyncPhase::Push;
    std::int64_t lastDone = -1;
    const sync::SyncReport r = engine.syncOnce([&](const sync::SyncProgress& p) {
        if (p.phase == lastPhase && p.done == lastDone) return;
        lastPhase = p.phase;
        lastDone = p.done;
        err << (p.phase == sync::SyncPhase::Push   ? "push "
                : p.phase == sync::SyncPhase::Pull ? "pull "
                                                   : "upload bytes ")
            << p.done << '/' << p.total << '\n';
    });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const ScopeDigest digest = d.replica->digest();
    summary = {{"status", sync::syncStatusName(r.status)},
               {"pushed", r.pushed},
               {"applied", r.applied},
               {"merged", r.merged},
               {"rejected", r.rejected},
               {"pulled", r.pulled},
               {"changed", r.changed},
               {"purged", r.purged},
               {"skipped", r.skipped},
               {"repaired", r.repaired},
               {"blobs_uploaded", r.blobsUploaded},
               {"blob_bytes_sent", static_cast<double>(r.blobBytesSent)},
               {"blobs_waiting", r.blobsWaiting},
               {"round_trips", r.roundTrips},
               {"bytes_sent", static_cast<double>(r.bytesSent)},
               {"bytes_received", static_cast<double>(r.bytesReceived)},
               {"retry_after_ms", static_cast<double>(r.retryAfterMs)},
               {"error_code", qs(r.errorCode)},
               {"error_message", qs(r.errorMessage)},
               {"outbox", static_cast<double>(d.store->outboxCount())},
               {"records", static_cast<double>(digest.count)},
               {"device_id", qs(d.device->deviceId())},
               {"seconds", seconds}};
    out << QJsonDocument(summary).toJson(QJsonDocument::Compact).toStdString() << '\n';
    return r.ok() ? kExitOk : kExitProblems;
}

// A value of sync_state, read without migrating or writing anything.
std::string stateValue(Database& db, const char* key)
{
    try {
        Statement st = db.prepare("SELECT value FROM sync_state WHERE key = ?");
        st.bind(1, key);
        return st.step() ? st.text(0) : std::string();
    } catch (const StorageError&) {
        return {};  // no sync_state: an old database, never signed in
    }
}

void remoteCheck(const std::string& path, const tool::ReportLine& line)
{
    auto opened = Database::open(path);
    if (!opened) {
        line(false, "server digest", opened.error().message);
        return;
    }
    Database& db = **opened;
    const std::string server = stateValue(db, sync::key::kServerUrl);
    ScopeDigest local;
    std::int64_t pending = 0;
    std::string deviceId;
    try {
        local = keptDigest(db);
        Statement o = db.prepare("SELECT count(*) FROM outbox");
        if (o.step()) pending = o.int64(0);
        Statement dev = db.prepare("SELECT device_id FROM device WHERE id = 1");
        if (dev.step()) deviceId = dev.text(0);
    } catch (const StorageError& e) {
        line(false, "server digest", std::string("cannot read the local digest: ") + e.what());
        return;
    }
    // The token is kept beside the database (or, by an older version, in it); the desktop
    // app keeps it in the keyring where one runs, which this tool does not read.
    std::string token = stateValue(db, sync::key::kToken);
    if (token.empty()) {
        auto kept = tokenFileStoreFor(path)->load();
        if (kept) token = sync::tokenFrom(*kept, deviceId, stateValue(db, sync::key::kUserId));
    }
    if (server.empty() || token.empty()) {
        line(
            true, "server digest",
            "no sign-in kept beside the database (not signed in, or kept in the desktop keyring): nothing to "
            "compare");
        return;
    }

    sync::HttpTransport transport(QUrl(qs(server)), {.timeoutMs = 30'000});
    sync::TransportRequest request;
    request.method = "POST";
    request.path = "/v1/sync/digest";
    request.headers = {{"Content-Type", "application/json"},
                       {sync::kProtocolHeader, QByteArray::number(sync::kProtocolVersion)},
                       {sync::kSchemaHeader, QByteArray::number(schema::currentVersion())},
                       {"Authorization", "Bearer " + QByteArray::fromStdString(token)}};
    request.body = QJsonDocument(QJsonObject{{"device_id", qs(deviceId)}}).toJson(QJsonDocument::Compact);
    const sync::TransportResponse reply = transport.exchange(request);
    if (!reply.delivered) {
        line(false, "server digest", "cannot reach " + server + ": " + reply.networkError.toStdString());
        return;
    }
    const QJsonObject body = QJsonDocument::fromJson(reply.body).object();
    if (reply.status != 200) {
        line(false, "server digest",
             "the server answered " + std::to_string(reply.status) + " " +
                 body.value("error").toString().toStdString() + ": " +
                 body.value("message").toString().toStdString());
        return;
    }
    const QJsonObject scope = body.value("scope").toObject();
    const ScopeDigest remote{static_cast<std::int64_t>(scope.value("count").toDouble()),
                             scope.value("hash").toString().toStdString()};
    if (remote.count == local.count && remote.hash == local.hash) {
        line(true, "server digest", std::to_string(local.count) + " records, equal to the server's");
    } else if (pending > 0) {
        line(true, "server digest",
             "differs from the server's (" + std::to_string(local.count) + " records here, " +
                 std::to_string(remote.count) + " there) while " + std::to_string(pending) +
                 " changes wait to be sent: sync, then check again");
    } else {
        line(false, "server digest",
             "this device holds " + std::to_string(local.count) + " records in scope, the server " +
                 std::to_string(remote.count) + (remote.count == local.count ? " (with other stamps)" : "") +
                 ", and nothing waits to be sent: sync to repair");
    }
}

}  // namespace

tool::Extensions extensions()
{
    tool::Extensions e;
    e.commands.push_back(
        {"sync",
         "  fieldbook-tool sync   --db FILE [--server URL --login L --password-file F]\n"
         "                        [--device-name N] [--page-size N] [--timeout-ms N]\n"
         "      Sync the database with its server as the app does (push, then pull), signing\n"
         "      in first when --login is given (the password is the first line of the file).\n"
         "      Progress goes to stderr, a JSON summary to stdout; exit 0 when the sync is ok.\n",
         {"--db", "--server", "--login", "--password-file", "--device-name", "--page-size", "--timeout-ms"},
         {},
         syncCommand});
    e.remoteCheck = remoteCheck;
    return e;
}

}  // namespace fb::synctool
