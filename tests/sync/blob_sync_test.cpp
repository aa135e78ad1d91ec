// Attachments end to end (engine and in-process server): the records go first and the bytes
// after them in the same sync; a body cut at any byte resumes where the server got to, and no
// byte that arrived is sent again; other devices fetch a photo when it is opened, only within
// their scope; the server takes only bytes a record names, checks them by their SHA-256 and
// keeps them in its database.
#include <catch2/catch.hpp>

#include <map>

#include "fieldbook/core/blobs.h"
#include "fieldbook/server/blobs.h"
#include "fieldbook/sync/blob_protocol.h"
#include "world.h"

using namespace fb;
using namespace fb::test;

namespace {

// A picture's worth of incompressible bytes, framed as a JPEG.
std::string photoBytes(std::uint32_t seed, int size)
{
    std::string jpeg("\xff\xd8\xff\xe0", 4);
    std::uint32_t x = seed;
    while (static_cast<int>(jpeg.size()) < size - 2) {
        x = x * 1664525u + 1013904223u;
        jpeg += static_cast<char>(x >> 24);
    }
    jpeg += "\xff\xd9";
    return jpeg;
}

std::string addPhoto(SyncDevice& d, const std::string& account, const std::string& bytes)
{
    Transaction tx(*d.db);
    auto id = d.archive->addPhoto(tx, account, "storefront", bytes, d.clock.nowMs());
    if (!id) throw std::runtime_error(id.error().message);
    tx.commit();
    return *id;
}

// What the server holds complete, by digest.
std::map<std::string, std::int64_t> serverBlobs(World& w)
{
    QSqlDatabase db = w.server.store().connection();
    QSqlQuery q = server::runSql(db, QStringLiteral("SELECT sha256, received FROM blobs WHERE complete = 1"));
    std::map<std::string, std::int64_t> out;
    while (q.next())
        out[q.value(0).toString().toStdString()] = q.value(1).toLongLong();
    return out;
}

}  // namespace

TEST_CASE("a day of photos: the records first, then the bytes, fetched by the manager when opened",
          "[sync][blobs]")
{
    World w;
    w.addUser("li.na", "rep");
    w.addUser("zhao.min", "manager");
    SyncDevice& li = w.addDevice("li-phone", "li.na", 1);
    SyncDevice& manager = w.addDevice("zhao-phone", "zhao.min", 2);
    const std::string shop = li.createAccount("华润万家");
    // Thirty photos of about 300 KiB (9 MiB, more than one request body may carry).
    std::vector<std::string> photos;
    std::vector<std::string> ids;
    for (int i = 0; i < 30; ++i) {
        photos.push_back(photoBytes(static_cast<std::uint32_t>(i + 7), 300 * 1024));
        ids.push_back(addPhoto(li, shop, photos.back()));
        li.clock.advance(1000);
    }
    std::vector<std::pair<QByteArray, qsizetype>> requests;
    li.transport.beforeRequest = [&](const sync::TransportRequest& r) {
        requests.emplace_back(r.path, r.body.size());
    };
    const auto report = li.sync();
    li.transport.beforeRequest = nullptr;
    REQUIRE(report.ok());
    CHECK(report.blobsUploaded == 30);
    CHECK(report.blobsWaiting == 0);
    CHECK(blobs::pendingUploads(*li.db).empty());
    // Records first: every push and pull before the first byte of a photo.
    std::size_t firstUpload = requests.size();
    for (std::size_t i = 0; i < requests.size(); ++i)
        if (requests[i].first == "/v1/blobs/upload" && firstUpload == requests.size()) firstUpload = i;
    REQUIRE(firstUpload < requests.size());
    for (std::size_t i = firstUpload; i < requests.size(); ++i)
        CHECK(requests[i].first == "/v1/blobs/upload");
    int uploads = 0;
    for (const auto& [path, bytes] : requests) {
        if (path == "/v1/sync/push") CHECK(bytes < 64 * 1024);  // names, not pictures
        if (path == "/v1/blobs/upload") {
            ++uploads;
            CHECK(bytes <= sync::kBlobBatchBytes + 1024);
        }
    }
    CHECK(uploads >= 5);
    const auto held = serverBlobs(w);
    CHECK(held.size() == 30);
    for (const std::string& p : photos)
        CHECK(held.count(blobs::digestOf(p)) == 1);

    // The manager gets the records; the bytes come when a photo is opened.
    REQUIRE(manager.sync().ok());
    CHECK(countOf(manager, "attachment") == 30);
    const auto latest = manager.archive->latestPhoto(shop, "storefront");
    REQUIRE(latest.has_value());
    CHECK_FALSE(photoJpeg(*manager.db, latest->id).has_value());
    const auto digest = photoDigest(*manager.db, latest->id);
    REQUIRE(digest.has_value());
    REQUIRE(manager.engine->fetchBlob(*digest).ok());
    CHECK(photoJpeg(*manager.db, latest->id) == photos.back());
    CHECK(blobs::use(*manager.db).cached == 1);
    // A photo is never changed: the phone refuses, and so would the server.
    Transaction tx(*manager.db);
    CHECK(manager.store->update(tx, "attachment", latest->id, {{"note", std::string("改")}}).error().code ==
          ErrorCode::ReadOnly);
}

TEST_CASE("an upload cut at random bytes completes, and no byte that arrived is sent again",
          "[sync][blobs][faults]")
{
    const std::uint64_t seed = GENERATE(11u, 12u, 13u, 14u, 15u);
    INFO("seed " << seed);
    World w;
    w.addUser("li.na", "rep");
    sync::SyncEngine::Options small;
    small.blobBatchBytes = 256 * 1024;  // many bodies, so many cuts
    SyncDevice& li = w.addDevice("li-phone", "li.na", seed, small);
    const std::string shop = li.createAccount("金龙酒业");
    std::int64_t total = 0;
    std::vector<std::string> photos;
    for (int i = 0; i < 8; ++i) {
        photos.push_back(photoBytes(static_cast<std::uint32_t>(seed * 100 + i), 90 * 1024 + i * 7000));
        total += static_cast<std::int64_t>(photos.back().size());
        addPhoto(li, shop, photos.back());
    }
    // What reaches the server of the parts' bytes, whole bodies and cut ones alike.
    std::int64_t arrived = 0;
    std::map<std::string, std::int64_t> nextOffset;  // per blob: where the bytes that arrived end
    bool overlap = false;
    const auto count = [&](const server::HttpRequest& r) {
        if (r.path != "/v1/blobs/upload") return;
        auto parts = sync::decodeBlobParts(r.body, r.cut);
        REQUIRE(parts.ok());
        for (const sync::BlobPart& p : *parts) {
            if (p.offset < nextOffset[p.digest]) overlap = true;
            nextOffset[p.digest] = p.offset + p.bytes.size();
            arrived += p.bytes.size();
        }
    };
    li.transport.onDelivered = count;
    li.transport.onCut = count;
    li.transport.setFaults(Faults{.bodyCut = 0.6});
    int syncs = 0;
    while (!blobs::pendingUploads(*li.db).empty() && syncs < 200) {
        li.sync();
        ++syncs;
    }
    li.transport.setFaults({});
    CHECK(li.transport.counts().bodiesCut > 3);
    REQUIRE(blobs::pendingUploads(*li.db).empty());
    CHECK(li.store->outboxCount() == 0);
    CHECK_FALSE(overlap);
    CHECK(arrived == total);  // every byte arrived exactly once
    const auto held = serverBlobs(w);
    CHECK(held.size() == photos.size());
    // And what the server holds is the pictures, byte for byte.
    server::Viewer viewer{QString::fromStdString(li.replica->setting(sync::key::kUserId)), "rep", {}};
    for (const std::string& p : photos) {
        const auto read = server::readBlob(w.server.store(), viewer, blobs::digestOf(p), 0);
        REQUIRE(std::holds_alternative<server::BlobBytes>(read));
        CHECK(std::get<server::BlobBytes>(read).bytes.toStdString() == p);
    }
}

TEST_CASE("the same picture from two phones is kept once, and a photo is fetched only within scope",
          "[sync][blobs]")
{
    World w;
    w.addUser("li.na", "rep");
    w.addUser("wang.lei", "rep");
    SyncDevice& li = w.addDevice("li-phone", "li.na", 1);
    SyncDevice& liTablet = w.addDevice("li-tablet", "li.na", 2);
    SyncDevice& wang = w.addDevice("wang-phone", "wang.lei", 3);
    const std::string shop = li.createAccount("宝鼎食府");
    REQUIRE(li.sync().ok());
    REQUIRE(liTablet.sync().ok());
    const std::string picture = photoBytes(5, 120 * 1024);
    addPhoto(li, shop, picture);
    addPhoto(liTablet, shop, picture);  // forwarded to both phones, say
    REQUIRE(li.sync().ok());
    qsizetype tabletBlobBytes = 0;
    liTablet.transport.beforeRequest = [&](const sync::TransportRequest& r) {
        if (r.path == "/v1/blobs/upload") tabletBlobBytes += r.body.size();
    };
    const auto second = liTablet.sync();
    REQUIRE(second.ok());
    CHECK(second.blobsUploaded == 1);  // the server had it complete: nothing sent
    CHECK(tabletBlobBytes == 0);
    CHECK(serverBlobs(w).size() == 1);

    // Another rep does not see the account: the photo is not theirs to fetch.
    REQUIRE(wang.sync().ok());
    const auto refused = wang.engine->fetchBlob(blobs::digestOf(picture));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::NotFound);
    CHECK(refused.error().reason == "not_found");
    CHECK_FALSE(blobs::has(*wang.db, blobs::digestOf(picture)));
    // Once the account is theirs, it is.
    w.assign(shop, "wang.lei");
    REQUIRE(wang.sync().ok());
    REQUIRE(wang.engine->fetchBlob(blobs::digestOf(picture)).ok());
    CHECK(blobs::read(*wang.db, blobs::digestOf(picture)) == picture);
}

TEST_CASE("the server takes only bytes a record names, within the limit, matching their digest",
          "[sync][blobs]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& li = w.addDevice("li-phone", "li.na", 1);
    const std::string shop = li.createAccount("西湖国宾馆");
    const std::string picture = photoBytes(9, 50 * 1024);
    addPhoto(li, shop, picture);
    // Only the records: the bytes are still on the phone.
    li.transport.setFaults({});
    server::ServerStore& store = w.server.store();
    const std::string digest = blobs::digestOf(picture);
    const std::int64_t size = static_cast<std::int64_t>(picture.size());
    const auto part = [&](const std::string& d, std::int64_t s, std::int64_t offset,
                          const std::string& bytes) {
        return sync::BlobPart{d, s, offset, QByteArray::fromStdString(bytes)};
    };
    // Before its record arrives, nobody names it: refused.
    auto early = server::receiveBlobParts(store, {part(digest, size, 0, picture)}, 0);
    CHECK(early[0].error == "not_referenced");
    CHECK(serverBlobs(w).empty());
    // The record goes (a sync whose upload is lost on the way).
    li.transport.beforeRequest = [&](const sync::TransportRequest& r) {
        if (r.path == "/v1/blobs/upload") li.transport.setFaults(Faults{.requestLost = 1});
    };
    CHECK(li.sync().status == sync::SyncStatus::Retryable);
    li.transport.beforeRequest = nullptr;
    li.transport.setFaults({});
    CHECK(blobs::pendingUploads(*li.db).size() == 1);
    // A part that does not start where the server got to, and one too large.
    auto gap = server::receiveBlobParts(store, {part(digest, size, 100, picture.substr(100, 50))}, 0);
    CHECK(gap[0].error == "offset");
    CHECK(gap[0].received == 0);
    auto large = server::receiveBlobParts(store, {part(digest, sync::kMaxBlobBytes + 1, 0, "x")}, 0);
    CHECK(large[0].error == "too_large");
    // Bytes that are not the picture: all of them dropped when the last one arrives.
    std::string forged = picture;
    forged[1000] = static_cast<char>(forged[1000] ^ 1);
    auto first = server::receiveBlobParts(store, {part(digest, size, 0, forged.substr(0, 20000))}, 0);
    CHECK(first[0].received == 20000);
    auto wrong = server::receiveBlobParts(store, {part(digest, size, 20000, forged.substr(20000))}, 0);
    CHECK(wrong[0].error == "hash_mismatch");
    CHECK(wrong[0].received == 0);
    CHECK_FALSE(wrong[0].complete);
    // The phone's next sync sends the real ones from the start, and they are kept.
    const auto report = li.sync();
    REQUIRE(report.ok());
    CHECK(report.blobsUploaded == 1);
    CHECK(serverBlobs(w).at(digest) == size);
    // A body that lies about its length is refused whole.
    const QByteArray lying = sync::encodeBlobParts({part(digest, size, 0, "abc")}).chopped(1);
    CHECK_FALSE(sync::decodeBlobParts(lying, false).ok());
    CHECK(sync::decodeBlobParts(lying, true).ok());
}

TEST_CASE("a picture no record needs is let go, and one the server refuses stays while the sync says so",
          "[sync][blobs]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& li = w.addDevice("li-phone", "li.na", 1);
    const std::string shop = li.createAccount("金陵饭店");
    REQUIRE(li.sync().ok());
    // Bytes without any record (adopted at start after a restore, say): the sync lets them go.
    {
        Transaction tx(*li.db);
        REQUIRE(blobs::add(tx, photoBytes(3, 5000), li.clock.nowMs()).ok());
        tx.commit();
    }
    REQUIRE(blobs::pendingUploads(*li.db).size() == 1);
    const auto loose = li.sync();
    REQUIRE(loose.ok());
    CHECK(blobs::pendingUploads(*li.db).empty());
    CHECK(serverBlobs(w).empty());

    // A record whose size is not its picture's: the server refuses the bytes; they stay here,
    // and the sync is retried later with the reason kept.
    const std::string picture = photoBytes(4, 20'000);
    {
        Transaction tx(*li.db);
        auto ref = blobs::add(tx, picture, li.clock.nowMs());
        REQUIRE(ref.ok());
        REQUIRE(li.store
                    ->create(tx, "attachment",
                             {{"account_id", shop},
                              {"purpose", std::string("other")},
                              {"blob", ref->digest},
                              {"size", std::int64_t{19'999}},
                              {"taken_at", li.clock.nowMs()}})
                    .ok());
        tx.commit();
    }
    const auto refused = li.sync();
    CHECK(refused.status == sync::SyncStatus::Retryable);
    CHECK(refused.errorCode == "upload_refused");
    CHECK(refused.retryAfterMs > 0);
    CHECK(refused.blobsWaiting == 1);
    CHECK(li.replica->setting(sync::key::kLastErrorCode) == "upload_refused");
    CHECK(blobs::read(*li.db, blobs::digestOf(picture)) == picture);
    CHECK(serverBlobs(w).empty());
}

TEST_CASE("an upload reply that does not answer what was sent is not believed", "[sync][blobs]")
{
    World w;
    w.addUser("li.na", "rep");
    SyncDevice& li = w.addDevice("li-phone", "li.na", 1);
    const std::string shop = li.createAccount("和平饭店");
    const std::string picture = photoBytes(6, 30'000);
    addPhoto(li, shop, picture);
    // A status reply claiming more bytes than the picture has, or naming another digest.
    for (const char* lie : {"received", "digest"}) {
        INFO(lie);
        li.transport.beforeRequest = nullptr;
        int calls = 0;
        li.transport.onDelivered = [&](const server::HttpRequest&) { ++calls; };
        // Simulated by a server whose status answer is rewritten on the way back.
        struct Lying final : sync::Transport {
            sync::Transport& inner;
            std::string lie;
            Lying(sync::Transport& t, std::string l) : inner(t), lie(std::move(l)) {}
            sync::TransportResponse exchange(const sync::TransportRequest& request) override
            {
                auto r = inner.exchange(request);
                if (request.path != "/v1/blobs/status" || !r.delivered) return r;
                auto states = sync::decodeBlobStates(r.body);
                if (!states || states->empty()) return r;
                if (lie == "received")
                    (*states)[0].received = (*states)[0].size + 1000;
                else
                    (*states)[0].digest = std::string(64, 'a');
                r.body = sync::encodeBlobStates(*states);
                return r;
            }
        } lying(li.transport, lie);
        sync::Backoff backoff(sync::seededRandom(3));
        sync::SyncEngine engine(*li.db, *li.store, *li.replica, lying, li.clock, backoff);
        const auto r = engine.syncOnce();
        CHECK(r.status == sync::SyncStatus::Failed);
        CHECK(r.errorCode == "bad_reply");
        CHECK(blobs::pendingUploads(*li.db).size() == 1);
        CHECK(calls > 0);
    }
    li.transport.onDelivered = nullptr;
    REQUIRE(li.sync().ok());
    CHECK(blobs::pendingUploads(*li.db).empty());
}
