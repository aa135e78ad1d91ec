// Attachments' bytes beside the database (blobs.h): a photo is a record naming a file, the
// file waits for upload until the server has it, and the cache of others' photos stays bounded.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "fakes/temp_db.h"
#include "fieldbook/core/blobs.h"
#include "fieldbook/core/replica.h"

using namespace fb;
namespace fs = std::filesystem;

namespace {

std::string jpeg(char fill, std::size_t size)
{
    std::string bytes = "\xff\xd8\xff\xe0";
    bytes += std::string(size - 6, fill);
    bytes += "\xff\xd9";
    return bytes;
}

int filesIn(const std::string& dir)
{
    std::error_code ec;
    int n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir, ec))
        ++n;
    return n;
}

}  // namespace

TEST_CASE("a photo is a record naming a file beside the database, waiting for upload", "[core][blobs]")
{
    test::ArchiveFixture f;
    const std::string a = f.account("华润万家朝阳店");
    const std::string bytes = jpeg('a', 3000);
    std::string id;
    {
        Transaction tx(*f.db);
        auto added = f.archive->addPhoto(tx, a, "storefront", bytes, f.clock.nowMs());
        REQUIRE(added.ok());
        id = *added;
        tx.commit();
    }
    auto record = f.store->get("attachment", id);
    REQUIRE(record.ok());
    const std::string digest = record->text("blob");
    CHECK(digest == blobs::digestOf(bytes));
    CHECK(std::get<std::int64_t>(record->get("size")) == 3000);
    // The file is there under its digest, beside the database; the record does not hold it.
    CHECK(blobs::directoryOf(*f.db) == f.dir.file("device.db") + ".blobs");
    CHECK(fs::file_size(blobs::pathOf(*f.db, digest)) == 3000);
    CHECK(photoJpeg(*f.db, id) == bytes);
    const auto outbox = f.store->outbox(0, 10);
    REQUIRE(outbox.size() == 2);  // the account, the photo
    CHECK(outbox[1].entity == "attachment");
    CHECK(outbox[1].fieldsJson.size() < 400);  // the record names the bytes; it does not carry them
    const auto pending = blobs::pendingUploads(*f.db);
    REQUIRE(pending.size() == 1);
    CHECK(pending[0].digest == digest);
    CHECK(pending[0].size == 3000);

    // The same picture twice (a retry) is one file and one upload.
    {
        Transaction tx(*f.db);
        REQUIRE(f.archive->addPhoto(tx, a, "storefront", bytes, f.clock.nowMs()).ok());
        tx.commit();
    }
    CHECK(blobs::pendingUploads(*f.db).size() == 1);
    CHECK(filesIn(blobs::directoryOf(*f.db)) == 1);

    // Not a JPEG, and an unknown account: refused, and no file is left behind.
    {
        Transaction tx(*f.db);
        CHECK(f.archive->addPhoto(tx, a, "storefront", "GIF89a....", f.clock.nowMs()).error().code ==
              ErrorCode::BadFormat);
        CHECK(f.archive
                  ->addPhoto(tx, "00000000-0000-4000-8000-000000000000", "storefront", jpeg('b', 100),
                             f.clock.nowMs())
                  .error()
                  .code == ErrorCode::NotFound);
    }
    CHECK(filesIn(blobs::directoryOf(*f.db)) == 1);
    // A photo whose transaction rolls back leaves a file no row names. Found at the next start,
    // it is kept as waiting for upload (the sync lets it go when no record needs it), never
    // thrown away unchecked; a leftover of an interrupted write and a damaged file go.
    {
        Transaction tx(*f.db);
        REQUIRE(f.archive->addPhoto(tx, a, "other", jpeg('c', 500), f.clock.nowMs()).ok());
    }
    CHECK(filesIn(blobs::directoryOf(*f.db)) == 2);
    {
        std::ofstream(blobs::pathOf(*f.db, blobs::digestOf("x")) + ".tmp-123") << "half";
        std::ofstream(blobs::pathOf(*f.db, blobs::digestOf("not these bytes"))) << "other bytes";
    }
    CHECK(blobs::adoptOrphans(*f.db, f.clock.nowMs()) == 1);
    CHECK(filesIn(blobs::directoryOf(*f.db)) == 2);
    CHECK(blobs::pendingUploads(*f.db).size() == 2);
    CHECK(blobs::named(*f.db, digest));
    CHECK_FALSE(blobs::named(*f.db, blobs::digestOf(jpeg('c', 500))));
    CHECK(photoJpeg(*f.db, id) == bytes);
}

TEST_CASE("a database restored from an older copy keeps the pictures taken after the copy", "[core][blobs]")
{
    test::ArchiveFixture f;
    const std::string a = f.account("东方饭店");
    f.db->execScript("PRAGMA wal_checkpoint(TRUNCATE)");
    const std::string copy = f.dir.file("copy.db");
    fs::copy_file(f.dir.file("device.db"), copy);
    const std::string later = jpeg('L', 4000);
    {
        Transaction tx(*f.db);
        REQUIRE(f.archive->addPhoto(tx, a, "storefront", later, f.clock.nowMs()).ok());
        tx.commit();
    }
    f.closeCore();
    // The phone is restored from the copy; the pictures' directory stays as it is.
    fs::copy_file(copy, f.dir.file("device.db"), fs::copy_options::overwrite_existing);
    fs::remove(f.dir.file("device.db-wal"));
    fs::remove(f.dir.file("device.db-shm"));
    f.openCore(f.dir.file("device.db"), f.clock);
    CHECK(blobs::pendingUploads(*f.db).empty());
    CHECK(blobs::adoptOrphans(*f.db, f.clock.nowMs()) == 1);
    const auto pending = blobs::pendingUploads(*f.db);
    REQUIRE(pending.size() == 1);
    CHECK(pending[0].digest == blobs::digestOf(later));
    CHECK(blobs::read(*f.db, blobs::digestOf(later)) == later);
}

TEST_CASE("the cache of attachments stays within its budget and never drops an upload", "[core][blobs]")
{
    test::ArchiveFixture f;
    const std::string a = f.account("宝鼎食府");
    // Mine, waiting for upload.
    std::string mine;
    {
        Transaction tx(*f.db);
        REQUIRE(f.archive->addPhoto(tx, a, "storefront", jpeg('m', 5000), f.clock.nowMs()).ok());
        tx.commit();
        mine = blobs::digestOf(jpeg('m', 5000));
    }
    // Three fetched from the server, named by records of the account, used at different times.
    std::vector<std::string> fetched;
    for (char c : {'x', 'y', 'z'}) {
        const std::string bytes = jpeg(c, 4000);
        Transaction tx(*f.db);
        REQUIRE(blobs::addFetched(tx, blobs::digestOf(bytes), bytes, f.clock.nowMs()).ok());
        Fields fields{{"account_id", a},
                      {"purpose", std::string("other")},
                      {"blob", blobs::digestOf(bytes)},
                      {"size", std::int64_t{4000}},
                      {"taken_at", f.clock.nowMs()}};
        REQUIRE(f.store->create(tx, "attachment", fields).ok());
        tx.commit();
        fetched.push_back(blobs::digestOf(bytes));
        f.clock.advance(60'000);
    }
    // Bytes that are not what the digest names are refused and not kept.
    {
        Transaction tx(*f.db);
        CHECK(blobs::addFetched(tx, fetched[0], jpeg('q', 4000), f.clock.nowMs()).error().code ==
              ErrorCode::Conflict);
    }
    CHECK(blobs::read(*f.db, fetched[0]) == jpeg('x', 4000));
    // The oldest is used again: the middle one is now the least recently used.
    {
        Transaction tx(*f.db);
        blobs::touch(tx, fetched[0], f.clock.nowMs());
        tx.commit();
    }
    CHECK(blobs::use(*f.db).cachedBytes == 12000);
    CHECK(blobs::use(*f.db).pendingBytes == 5000);
    {
        Transaction tx(*f.db);
        const auto dropped = blobs::trim(tx, 9000);
        tx.commit();
        CHECK(dropped == std::vector<std::string>{fetched[1]});
    }
    CHECK_FALSE(blobs::has(*f.db, fetched[1]));
    CHECK(blobs::has(*f.db, fetched[0]));
    CHECK(blobs::has(*f.db, fetched[2]));
    // A budget of nothing keeps only what waits for upload.
    {
        Transaction tx(*f.db);
        blobs::trim(tx, 0);
        tx.commit();
    }
    CHECK(blobs::use(*f.db).cached == 0);
    CHECK(blobs::pendingUploads(*f.db).size() == 1);
    CHECK(blobs::removeUnlisted(*f.db, fetched) == 3);
    CHECK_FALSE(blobs::present(*f.db, fetched[0]));
    CHECK(blobs::present(*f.db, mine));
    CHECK(blobs::read(*f.db, mine) == jpeg('m', 5000));

    // Uploaded, it becomes a cache entry; once its account leaves the device (purge), no record
    // names it and it goes at the next trim, whatever the budget.
    {
        Transaction tx(*f.db);
        blobs::markUploaded(tx, mine);
        tx.commit();
    }
    CHECK(blobs::pendingUploads(*f.db).empty());
    std::vector<std::string> dropped;
    {
        Transaction tx(*f.db);
        Replica(*f.store).purgeAccount(tx, a);
        dropped = blobs::trim(tx, blobs::kDefaultCacheBytes);
        tx.commit();
    }
    CHECK(dropped == std::vector<std::string>{mine});
    CHECK(blobs::removeUnlisted(*f.db, dropped) == 1);
    CHECK(filesIn(blobs::directoryOf(*f.db)) == 0);
}

TEST_CASE("a wiped device forgets its attachments, and a damaged file is not served", "[core][blobs]")
{
    test::ArchiveFixture f;
    const std::string a = f.account("金龙酒业");
    std::string id;
    {
        Transaction tx(*f.db);
        id = *f.archive->addPhoto(tx, a, "storefront", jpeg('w', 2000), f.clock.nowMs());
        tx.commit();
    }
    const std::string digest = blobs::digestOf(jpeg('w', 2000));
    // Damaged on the disk: not served (the viewer fetches it again), and a fetch rewrites it.
    {
        std::ofstream out(blobs::pathOf(*f.db, digest), std::ios::binary | std::ios::trunc);
        out << jpeg('v', 2000);
    }
    CHECK_FALSE(photoJpeg(*f.db, id).has_value());
    // Taking the same picture again rewrites the damaged file rather than trusting it.
    {
        Transaction tx(*f.db);
        REQUIRE(f.archive->addPhoto(tx, a, "storefront", jpeg('w', 2000), f.clock.nowMs()).ok());
        tx.commit();
    }
    CHECK(photoJpeg(*f.db, id) == jpeg('w', 2000));
    {
        Transaction tx(*f.db);
        Replica(*f.store).wipe(tx);
        tx.commit();
    }
    CHECK(blobs::pendingUploads(*f.db).empty());
    CHECK(blobs::removeAll(*f.db) == 1);
    CHECK(filesIn(blobs::directoryOf(*f.db)) == 0);
    CHECK_FALSE(blobs::read(*f.db, digest).has_value());
}

TEST_CASE("letting go of unused pictures looks each up by an index, not a scan", "[core][blobs]")
{
    test::ArchiveFixture f;
    Statement plan =
        f.db->prepare("EXPLAIN QUERY PLAN SELECT sha256 FROM blob WHERE upload = 0 AND NOT EXISTS"
                      " (SELECT 1 FROM attachment WHERE blob = blob.sha256)");
    std::string steps;
    while (plan.step())
        steps += plan.text(3) + "\n";
    INFO(steps);
    CHECK(steps.find("attachment_blob") != std::string::npos);
    CHECK(steps.find("SCAN attachment") == std::string::npos);
}

TEST_CASE("an attachment larger than 4 MiB or empty is refused", "[core][blobs]")
{
    test::ArchiveFixture f;
    Transaction tx(*f.db);
    CHECK(blobs::add(tx, std::string(blobs::kMaxBytes + 1, 'x'), 0).error().code == ErrorCode::TooLong);
    CHECK(blobs::add(tx, "", 0).error().code == ErrorCode::BadFormat);
    CHECK(blobs::pendingUploads(*f.db).empty());
}
