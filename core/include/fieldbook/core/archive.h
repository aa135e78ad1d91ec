// The key-account archive (domain §1–2): accounts, their key persons, the history of who
// held which key role, and referral links between accounts. Built on the Store, so every
// write here is validated, stamped and lands in the outbox.
//
// Role history is append-only: a role change is a new record ("from this date, person X
// holds role R at account A", or the role falls vacant); periods are derived from the
// sequence, so a personnel change is never overwritten. The key person's own `role` field
// is kept equal to the role they currently hold, for lists.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "fieldbook/core/store.h"

namespace fb {

// The key roles of an account (domain §1). "other" may be held by many persons at once;
// the three named roles by one person at a time.
inline constexpr const char* kRoleHead = "head";
inline constexpr const char* kRoleDecisionMaker = "decision_maker";
inline constexpr const char* kRoleHandler = "handler";
inline constexpr const char* kRoleOther = "other";

struct RolePeriod {
    std::string role;
    std::string personId;    // empty when the role was vacant
    std::string personName;  // current name of that person
    std::string from;        // "YYYY-MM-DD"
    std::string to;          // "YYYY-MM-DD", empty while current
    std::string note;
};

struct ReferralLink {
    std::string referralId;
    std::string referrerAccountId;
    std::string referrerAccountName;
    std::string referrerPersonId;    // may be empty
    std::string referrerPersonName;  // may be empty
    std::string referredAccountId;
    std::string referredAccountName;
    std::string date;
    std::string note;
    int depth = 1;  // 1 = direct; 2 = the referrer's referrer, ...
};

struct AccountSummary {
    std::string id;
    std::string name;
    std::string tier;
    std::string stage;
    std::string industry;
    std::string region;
    int keyPersonCount = 0;
};

class Archive {
public:
    explicit Archive(Store& store);

    Result<std::string> createAccount(Transaction& tx, const Fields& fields);
    Result<void> updateAccount(Transaction& tx, std::string_view id, const Fields& changes);
    Result<Record> account(std::string_view id);

    // `fields` must not set account_id (given separately). If `role` is a named role
    // (not "other"), a role change dated today is recorded too; to record that someone has
    // held a role since an earlier date, create them as "other" and call changeRole.
    Result<std::string> createKeyPerson(Transaction& tx, std::string_view accountId, const Fields& fields);
    Result<void> updateKeyPerson(Transaction& tx, std::string_view id, const Fields& changes);
    Result<Record> keyPerson(std::string_view id);
    // Non-archived key persons of an account, named roles first, then by name (pinyin).
    std::vector<Record> keyPersons(std::string_view accountId);

    // Records that from `date` (today or earlier) on `personId` holds `role` at the account
    // (empty personId: the role falls vacant). The previous holder's role becomes "other".
    Result<std::string> changeRole(Transaction& tx, std::string_view accountId, std::string_view role,
                                   std::string_view personId, std::string_view date,
                                   std::string_view note = {});
    // All periods of all roles at an account, newest first within each role.
    std::vector<RolePeriod> roleHistory(std::string_view accountId);
    // Periods in which one person held a named role (any account), newest first.
    std::vector<RolePeriod> roleHistoryOfPerson(std::string_view personId);

    // Records that `referrerAccountId` (optionally through one of its key persons)
    // referred `referredAccountId`. Refused if it would make a cycle or already exists.
    Result<std::string> addReferral(Transaction& tx, std::string_view referrerAccountId,
                                    std::string_view referrerPersonId, std::string_view referredAccountId,
                                    std::string_view date, std::string_view note = {});
    // A prospect heard of from a referrer (转介绍, often at a visit): a new account — tier P, in
    // acquisition, source "referral", with the fields of `prospect` (name, phone, ...) — and
    // the referral to it, in one write. Returns the new account's id.
    Result<std::string> addReferredProspect(Transaction& tx, std::string_view referrerAccountId,
                                            std::string_view referrerPersonId, Fields prospect,
                                            std::string_view date, std::string_view note = {});
    // Who referred this account, then who referred them, ... (depth 1, 2, ...).
    std::vector<ReferralLink> referralChainUp(std::string_view accountId);
    // Accounts this one referred, and theirs, ... breadth first (depth 1, 2, ...).
    std::vector<ReferralLink> referralsDown(std::string_view accountId, int maxDepth = 5);

    // A photo of the account (`purpose`: storefront, agreement, other), taken at `takenAtMs`:
    // `jpeg` is the image's bytes (the app scales a camera's picture down to at most
    // schema::kMaxPhotoBytes first), kept beside the database (blobs::add) and uploaded after
    // the record. Returns the attachment's id.
    Result<std::string> addPhoto(Transaction& tx, std::string_view accountId, std::string_view purpose,
                                 std::string_view jpeg, std::int64_t takenAtMs, std::string_view note = {});
    // The latest photo of that purpose (by when it was taken), or nullopt: its id, when it was
    // taken and how many of that purpose the account has — without the picture itself.
    struct PhotoInfo {
        std::string id;
        std::int64_t takenAtMs = 0;
        int count = 0;
    };
    std::optional<PhotoInfo> latestPhoto(std::string_view accountId, std::string_view purpose);

    Store& store() { return store_; }

private:
    Result<void> syncCurrentRoles(Transaction& tx, std::string_view accountId, const std::string& today);
    Store& store_;
};

// The digest of photo `attachmentId`'s bytes (blobs.h), or nullopt when there is no such photo.
std::optional<std::string> photoDigest(Database& db, std::string_view attachmentId);
// The JPEG bytes of photo `attachmentId` on any connection (the app's reader decodes it
// there), or nullopt when there is no such photo or this device does not hold its bytes (yet:
// another device's photo is fetched when opened, see photoDigest).
std::optional<std::string> photoJpeg(Database& db, std::string_view attachmentId);

}  // namespace fb
