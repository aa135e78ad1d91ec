// Attachments' bytes beside the database; see blobs.h.
#include "fieldbook/core/blobs.h"

#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <system_error>
#include <unistd.h>

#include "fieldbook/core/schema.h"
#include "fieldbook/core/sha256.h"

namespace fb::blobs {

namespace fs = std::filesystem;

namespace {

// The columns that name attachments' bytes: every field of type Blob, from the registry.
std::vector<std::pair<std::string, std::string>> referencingColumns()
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const schema::Entity& e : schema::entities())
        for (const schema::Field& f : e.fields)
            if (f.type == schema::FieldType::Blob) out.emplace_back(std::string(e.name), std::string(f.name));
    return out;
}

// Writes `bytes` as the file of `digest`: to a temporary name, flushed to the disk, then
// renamed, so the file under the digest's name is complete or absent.
// Makes a rename or a new entry of `dir` durable (the file's own bytes are flushed before).
void syncDirectory(const fs::path& dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return;
    (void)::fsync(fd);
    ::close(fd);
}

std::optional<std::string> readFile(const fs::path& path);

// `reuse`: a file already there that holds exactly these bytes is kept (a digest names one
// content); anything else there (a damaged file) is replaced.
Result<void> writeFile(const Database& db, std::string_view digest, std::string_view bytes, bool reuse)
{
    const fs::path dir = directoryOf(db);
    const fs::path target = dir / std::string(digest);
    std::error_code ec;
    if (reuse && fs::exists(target, ec)) {
        const auto held = readFile(target);
        if (held && *held == bytes) return {};
    }
    if (!fs::is_directory(dir, ec)) {
        fs::create_directories(dir, ec);
        if (ec) return makeError(ErrorCode::Storage, "cannot create " + dir.string() + ": " + ec.message());
        syncDirectory(dir.parent_path());
    }
    thread_local std::mt19937_64 random{std::random_device{}()};
    const fs::path temporary =
        dir / (std::string(digest) + ".tmp-" + std::to_string(random() % 1'000'000'000));
    FILE* file = std::fopen(temporary.c_str(), "wb");
    if (!file) return makeError(ErrorCode::Storage, "cannot write " + temporary.string());
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size() &&
                         std::fflush(file) == 0 && ::fsync(fileno(file)) == 0;
    const bool closed = std::fclose(file) == 0;
    if (!written || !closed) {
        fs::remove(temporary, ec);
        return makeError(ErrorCode::Storage, "cannot write " + temporary.string() + " (disk full?)");
    }
    fs::rename(temporary, target, ec);
    if (ec) {
        fs::remove(temporary, ec);
        return makeError(ErrorCode::Storage, "cannot store " + target.string() + ": " + ec.message());
    }
    syncDirectory(dir);
    return {};
}

std::optional<std::string> readFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return std::nullopt;
    return bytes;
}

}  // namespace

std::string digestOf(std::string_view bytes)
{
    return toHex(sha256(bytes));
}

bool isDigest(std::string_view text)
{
    if (text.size() != 64) return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

std::string directoryOf(const Database& db)
{
    const std::string& path = db.path();
    if (path.empty() || path == ":memory:" || path.starts_with("file::memory:"))
        return (fs::temp_directory_path() / ("fieldbook-blobs-" + std::to_string(::getpid()))).string();
    return path + ".blobs";
}

std::string pathOf(const Database& db, std::string_view digest)
{
    return (fs::path(directoryOf(db)) / std::string(digest)).string();
}

Result<BlobRef> add(Transaction& tx, std::string_view bytes, std::int64_t nowMs)
{
    if (bytes.empty()) return makeError(ErrorCode::BadFormat, "an attachment cannot be empty");
    if (static_cast<std::int64_t>(bytes.size()) > kMaxBytes)
        return makeError(ErrorCode::TooLong, "an attachment may hold at most 4 MiB");
    BlobRef ref{digestOf(bytes), static_cast<std::int64_t>(bytes.size())};
    if (auto written = writeFile(tx.db(), ref.digest, bytes, true); !written) return written.error();
    // Already cached (fetched, or uploaded before): it needs no upload, but it is in use now.
    tx.db()
        .cached("INSERT INTO blob (sha256, size, upload, used_ms) VALUES (?, ?, 1, ?)"
                " ON CONFLICT (sha256) DO UPDATE SET used_ms = excluded.used_ms")
        .bind(1, ref.digest)
        .bind(2, ref.size)
        .bind(3, nowMs)
        .exec();
    return ref;
}

Result<void> addFetched(Transaction& tx, std::string_view digest, std::string_view bytes, std::int64_t nowMs)
{
    if (!isDigest(digest) || digestOf(bytes) != digest)
        return makeError(ErrorCode::Conflict, "the bytes fetched are not those of " + std::string(digest));
    if (auto written = writeFile(tx.db(), digest, bytes, false); !written) return written.error();
    tx.db()
        .cached("INSERT INTO blob (sha256, size, upload, used_ms) VALUES (?, ?, 0, ?)"
                " ON CONFLICT (sha256) DO UPDATE SET used_ms = excluded.used_ms")
        .bind(1, digest)
        .bind(2, static_cast<std::int64_t>(bytes.size()))
        .bind(3, nowMs)
        .exec();
    return {};
}

std::optional<std::string> read(Database& db, std::string_view digest)
{
    if (!isDigest(digest) || !has(db, digest)) return std::nullopt;
    auto bytes = readFile(pathOf(db, digest));
    // Gone or damaged (storage trouble, a restore without the directory): fetched again,
    // which rewrites the file.
    if (bytes && digestOf(*bytes) == digest) return bytes;
    return std::nullopt;
}

bool has(Database& db, std::string_view digest)
{
    Statement& st = db.cached("SELECT 1 FROM blob WHERE sha256 = ?");
    st.bind(1, digest);
    const bool found = st.step();
    st.reset();
    return found;
}

void touch(Transaction& tx, std::string_view digest, std::int64_t nowMs)
{
    tx.db().cached("UPDATE blob SET used_ms = ? WHERE sha256 = ?").bind(1, nowMs).bind(2, digest).exec();
}

std::vector<Pending> pendingUploads(Database& db)
{
    std::vector<Pending> out;
    Statement& st = db.cached("SELECT sha256, size FROM blob WHERE upload = 1 ORDER BY rowid");
    while (st.step())
        out.push_back({st.text(0), st.int64(1)});
    st.reset();
    return out;
}

void markUploaded(Transaction& tx, std::string_view digest)
{
    tx.db().cached("UPDATE blob SET upload = 0 WHERE sha256 = ?").bind(1, digest).exec();
}

CacheUse use(Database& db)
{
    CacheUse u;
    Statement& st = db.cached("SELECT upload, count(*), coalesce(sum(size), 0) FROM blob GROUP BY upload");
    while (st.step()) {
        if (st.int64(0) == 1) {
            u.pending = static_cast<int>(st.int64(1));
            u.pendingBytes = st.int64(2);
        } else {
            u.cached = static_cast<int>(st.int64(1));
            u.cachedBytes = st.int64(2);
        }
    }
    st.reset();
    return u;
}

std::vector<std::string> trim(Transaction& tx, std::int64_t budgetBytes)
{
    Database& db = tx.db();
    std::string unreferenced = "upload = 0";
    for (const auto& [table, column] : referencingColumns())
        unreferenced += " AND NOT EXISTS (SELECT 1 FROM " + table + " WHERE " + column + " = blob.sha256)";
    std::vector<std::string> dropped;
    {
        Statement& st = db.cached("SELECT sha256 FROM blob WHERE " + unreferenced);
        while (st.step())
            dropped.push_back(st.text(0));
        st.reset();
    }
    db.cached("DELETE FROM blob WHERE " + unreferenced).exec();
    std::int64_t cached = use(db).cachedBytes;
    if (cached > budgetBytes) {
        std::vector<std::pair<std::string, std::int64_t>> oldest;
        Statement& st = db.cached("SELECT sha256, size FROM blob WHERE upload = 0 ORDER BY used_ms, sha256");
        while (st.step() && cached > budgetBytes) {
            oldest.emplace_back(st.text(0), st.int64(1));
            cached -= st.int64(1);
        }
        st.reset();
        for (const auto& [digest, size] : oldest) {
            db.cached("DELETE FROM blob WHERE sha256 = ?").bind(1, digest).exec();
            dropped.push_back(digest);
        }
    }
    return dropped;
}

void forgetAll(Transaction& tx)
{
    tx.db().cached("DELETE FROM blob").exec();
}

namespace {

std::vector<fs::path> filesOf(const Database& db)
{
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(directoryOf(db), ec))
        files.push_back(entry.path());
    return files;
}

}  // namespace

int removeUnlisted(Database& db, const std::vector<std::string>& digests)
{
    if (digests.empty()) return 0;
    // Under the write lock: add() writes a file and its row in one write transaction, so a
    // file found without a row here is not about to get one.
    Transaction tx(db);
    int removed = 0;
    std::error_code ec;
    for (const std::string& digest : digests)
        if (isDigest(digest) && !has(db, digest) && fs::remove(pathOf(db, digest), ec)) ++removed;
    tx.commit();
    return removed;
}

int removeAll(Database& db)
{
    Transaction tx(db);
    int removed = 0;
    std::error_code ec;
    for (const fs::path& file : filesOf(db)) {
        const std::string name = file.filename().string();
        if (isDigest(name) && has(db, name)) continue;
        if (fs::remove(file, ec)) ++removed;
    }
    tx.commit();
    return removed;
}

int adoptOrphans(Database& db, std::int64_t nowMs)
{
    Transaction tx(db);
    int adopted = 0;
    std::error_code ec;
    for (const fs::path& file : filesOf(db)) {
        const std::string name = file.filename().string();
        if (isDigest(name)) {
            if (has(db, name)) continue;
            // Bytes without a row: a database restored from an older copy (photos taken after
            // it), or a crash after a wipe. Kept if they are what their name says: the next
            // sync uploads them if a record needs them, or lets them go (engine.cpp).
            const auto bytes = readFile(file);
            if (bytes && !bytes->empty() && digestOf(*bytes) == name) {
                tx.db()
                    .cached("INSERT INTO blob (sha256, size, upload, used_ms) VALUES (?, ?, 1, ?)")
                    .bind(1, name)
                    .bind(2, static_cast<std::int64_t>(bytes->size()))
                    .bind(3, nowMs)
                    .exec();
                ++adopted;
                continue;
            }
        }
        // A temporary file (under the write lock no write of this file is under way) or
        // damaged bytes.
        fs::remove(file, ec);
    }
    tx.commit();
    return adopted;
}

bool present(Database& db, std::string_view digest)
{
    Statement& st = db.cached("SELECT size FROM blob WHERE sha256 = ?");
    st.bind(1, digest);
    std::int64_t size = -1;
    if (st.step()) size = st.int64(0);
    st.reset();
    if (size < 0) return false;
    std::error_code ec;
    const auto onDisk = fs::file_size(pathOf(db, digest), ec);
    return !ec && static_cast<std::int64_t>(onDisk) == size;
}

bool named(Database& db, std::string_view digest)
{
    for (const auto& [table, column] : referencingColumns()) {
        Statement& st = db.cached("SELECT 1 FROM " + table + " WHERE " + column + " = ? LIMIT 1");
        st.bind(1, digest);
        const bool found = st.step();
        st.reset();
        if (found) return true;
    }
    return false;
}

void forgetUpload(Transaction& tx, std::string_view digest)
{
    tx.db().cached("DELETE FROM blob WHERE sha256 = ? AND upload = 1").bind(1, digest).exec();
}

}  // namespace fb::blobs
