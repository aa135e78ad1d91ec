// Attachments' bytes at the server; see blobs.h.
#include "fieldbook/server/blobs.h"

#include <algorithm>

#include <QCryptographicHash>

namespace fb::server {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

QVariant big(std::int64_t n)
{
    return QVariant::fromValue<qlonglong>(n);
}

// The sizes the records naming `digest` give it (none: no record names it).
std::vector<std::int64_t> namedSizes(ServerStore& store, QSqlDatabase& db, const std::string& digest)
{
    QSqlQuery& q =
        store.exec(db, QStringLiteral("SELECT DISTINCT size FROM blob_refs WHERE sha256 = ?"), {qs(digest)});
    std::vector<std::int64_t> sizes;
    while (q.next())
        sizes.push_back(q.value(0).toLongLong());
    q.finish();
    return sizes;
}

bool referenced(ServerStore& store, QSqlDatabase& db, const std::string& digest)
{
    return !namedSizes(store, db, digest).empty();
}

struct Held {
    std::int64_t size = 0;
    std::int64_t received = 0;
    bool complete = false;
};

std::optional<Held> held(ServerStore& store, QSqlDatabase& db, const std::string& digest, bool lock)
{
    QSqlQuery& q = store.exec(
        db,
        lock ? QStringLiteral("SELECT size, received, complete FROM blobs WHERE sha256 = ? FOR UPDATE")
             : QStringLiteral("SELECT size, received, complete FROM blobs WHERE sha256 = ?"),
        {qs(digest)});
    std::optional<Held> out;
    if (q.next()) out = Held{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong() != 0};
    q.finish();
    return out;
}

QByteArray assemble(ServerStore& store, QSqlDatabase& db, const std::string& digest)
{
    QByteArray out;
    QSqlQuery& q =
        store.exec(db, QStringLiteral("SELECT data FROM blob_chunks WHERE sha256 = ? ORDER BY offset_bytes"),
                   {qs(digest)});
    while (q.next())
        out += q.value(0).toByteArray();
    q.finish();
    return out;
}

}  // namespace

std::vector<sync::BlobState> blobStatus(ServerStore& store, const std::vector<sync::BlobState>& asked)
{
    QSqlDatabase db = store.connection();
    std::vector<sync::BlobState> out;
    for (const sync::BlobState& a : asked) {
        sync::BlobState s{a.digest, a.size, 0, false, referenced(store, db, a.digest), {}};
        if (const auto h = held(store, db, a.digest, false)) {
            if (h->size != a.size) {
                s.error = "size";
            } else {
                s.received = h->received;
                s.complete = h->complete;
            }
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<sync::BlobState> receiveBlobParts(ServerStore& store, const std::vector<sync::BlobPart>& parts,
                                              std::int64_t nowMs)
{
    std::vector<sync::BlobState> out;
    const bool postgres = store.backend() == Backend::Postgres;
    for (const sync::BlobPart& part : parts) {
        sync::BlobState s{part.digest, part.size, 0, false, false, {}};
        if (part.size > sync::kMaxBlobBytes) {
            s.error = "too_large";
            out.push_back(std::move(s));
            continue;
        }
        WriteTransaction tx(store);
        const std::vector<std::int64_t> sizes = namedSizes(store, tx.db(), part.digest);
        s.referenced = !sizes.empty();
        if (!s.referenced) {
            s.error = "not_referenced";
            out.push_back(std::move(s));
            continue;
        }
        if (std::find(sizes.begin(), sizes.end(), part.size) == sizes.end()) {
            s.error = "size";  // not the size its record says
            out.push_back(std::move(s));
            continue;
        }
        store.exec(tx.db(),
                   QStringLiteral("INSERT INTO blobs (sha256, size, received, complete, created_ms)"
                                  " VALUES (?, ?, 0, 0, ?) ON CONFLICT (sha256) DO NOTHING"),
                   {qs(part.digest), big(part.size), big(nowMs)});
        const std::optional<Held> locked = held(store, tx.db(), part.digest, postgres);
        if (!locked) {
            // Dropped meanwhile by another instance's hash mismatch (PostgreSQL: the insert
            // above saw its row, gone once the lock was ours): resent from the start next time.
            s.error = "offset";
            out.push_back(std::move(s));
            continue;
        }
        Held h = *locked;
        if (h.size != part.size) {
            s.error = "size";
        } else if (h.complete) {
            s.received = h.received;
            s.complete = true;
        } else if (part.offset != h.received) {
            s.received = h.received;
            s.error = "offset";
        } else if (!part.bytes.isEmpty()) {
            store.exec(
                tx.db(),
                QStringLiteral("INSERT INTO blob_chunks (sha256, offset_bytes, data) VALUES (?, ?, ?)"),
                {qs(part.digest), big(part.offset), part.bytes});
            h.received += part.bytes.size();
            s.received = h.received;
            if (h.received == h.size) {
                const QByteArray whole = assemble(store, tx.db(), part.digest);
                const QByteArray digest = QCryptographicHash::hash(whole, QCryptographicHash::Sha256).toHex();
                if (digest.toStdString() == part.digest) {
                    s.complete = true;
                    // One chunk for a complete blob: a fetch reads one row.
                    store.exec(tx.db(), QStringLiteral("DELETE FROM blob_chunks WHERE sha256 = ?"),
                               {qs(part.digest)});
                    store.exec(tx.db(),
                               QStringLiteral(
                                   "INSERT INTO blob_chunks (sha256, offset_bytes, data) VALUES (?, 0, ?)"),
                               {qs(part.digest), whole});
                } else {
                    // Not the bytes the digest names: none of them is kept.
                    store.exec(tx.db(), QStringLiteral("DELETE FROM blob_chunks WHERE sha256 = ?"),
                               {qs(part.digest)});
                    store.exec(tx.db(), QStringLiteral("DELETE FROM blobs WHERE sha256 = ?"),
                               {qs(part.digest)});
                    s.received = 0;
                    s.error = "hash_mismatch";
                }
            }
            if (s.error.empty())
                store.exec(
                    tx.db(),
                    QStringLiteral(
                        "UPDATE blobs SET received = ?, complete = ?, completed_ms = ? WHERE sha256 = ?"),
                    {big(h.received), s.complete ? 1 : 0, big(s.complete ? nowMs : 0), qs(part.digest)});
        } else {
            s.received = h.received;
        }
        tx.commit();
        out.push_back(std::move(s));
    }
    return out;
}

std::variant<BlobBytes, BlobReadError> readBlob(ServerStore& store, const Viewer& viewer,
                                                const std::string& digest, std::int64_t offset)
{
    ReadTransaction tx(store);
    QVariantList binds{qs(digest)};
    const QString condition = ServerStore::scopeCondition(viewer, binds);
    {
        QSqlQuery q = runSql(
            tx.db(),
            QStringLiteral("SELECT 1 FROM blob_refs b JOIN account_owner o ON o.account_id = b.scope_key"
                           " WHERE b.sha256 = ? AND ") +
                condition + QStringLiteral(" LIMIT 1"),
            binds);
        if (!q.next()) return BlobReadError::NotFound;
    }
    const auto h = held(store, tx.db(), digest, false);
    if (!h || !h->complete) return BlobReadError::NotComplete;
    BlobBytes out{h->size, assemble(store, tx.db(), digest)};
    if (offset > 0) out.bytes = out.bytes.mid(static_cast<qsizetype>(offset));
    return out;
}

}  // namespace fb::server
