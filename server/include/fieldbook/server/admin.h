// Administration of a fieldbook-server database: teams, users, passwords, account
// assignment (which moves the account's whole subtree to the new rep), device revocation,
// CSV import of accounts, a status list and a demo set-up. The `admin` sub-command of
// fieldbook-server is a thin parser over this class; tests call it directly.
//
// Threading: an Admin is used by one thread at a time (it uses that thread's connection).
// Every command is one transaction: it happens completely or not at all.
#pragma once

#include <optional>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "fieldbook/core/clock.h"
#include "fieldbook/core/result.h"
#include "fieldbook/server/store.h"

namespace fb::server {

// The device id in the stamps of records the server itself writes (imports, demo data).
inline constexpr const char* kServerDeviceId = "00000000-0000-7000-8000-000000000000";

// What a catalogue import did, by item.
struct CatalogueImport {
    int added = 0;
    int updated = 0;
    int unchanged = 0;
};

class Admin {
public:
    Admin(ServerStore& store, const Clock& clock);

    Result<QString> addTeam(const QString& name);  // the team's id
    // role is rep or manager; a team's first manager becomes its manager.
    Result<QString> addUser(const QString& login, const QString& displayName, const QString& role,
                            const QString& teamName, const QString& password);
    Result<void> resetPassword(const QString& login, const QString& password);
    // Reassigns an account and its subtree; returns the number of records moved.
    Result<int> assign(const QString& accountId, const QString& login);
    Result<void> revokeDevice(const QString& deviceId);
    // Imports accounts from CSV text (header row of `account` field names). All or nothing:
    // the first bad row fails the import with its line number. Returns the count imported.
    Result<int> importAccounts(const QByteArray& csv, const QString& login);
    // One line per device: user, device, last sync, last_seq, pending purges, revoked.
    QStringList status();
    // Team 华东区 with manager `manager` and reps rep1..repN (password demo1234), each with
    // `accountsPerRep` generated accounts and their key persons, role changes and referrals.
    // Returns the number of records written.
    Result<int> demo(int reps, int accountsPerRep);

    // --- reference data and stock (admin_reference.cpp) ---------------------------------
    // The gift catalogue from CSV (header row of gift_item field names, `code` required):
    // an item whose code exists is updated (an empty cell clears that field), others are
    // added (active unless the file says otherwise). All or nothing, errors by line.
    Result<CatalogueImport> importCatalogue(const QByteArray& csv);
    // Sets the cadence of one activity for one tier (one policy per tier and activity).
    // Returns false when it was already so.
    Result<bool> setPolicy(const QString& tier, const QString& activity, const QString& period,
                           std::optional<int> minCount, std::optional<int> maxCount);
    // Writes domain §4's defaults for every tier and activity that has no policy yet;
    // returns how many it wrote.
    Result<int> defaultPolicies();
    // One line per policy, by tier and activity.
    QStringList policies();
    // One item of a visit purpose's preparation checklist ("any": every purpose), matched by
    // purpose and code: added, or changed where given (label, position, in use). Returns false
    // when it was already so.
    Result<bool> setChecklistItem(const QString& purpose, const QString& code, std::optional<QString> label,
                                  std::optional<int> position, std::optional<bool> active);
    // Writes the domain's standard checklist (for every purpose) where its items are missing;
    // returns how many it wrote. Their label stays empty: each phone names them in its language.
    Result<int> defaultChecklist();
    // One line per checklist item, by purpose and position; the standard list when none is set.
    QStringList checklist();
    // Sets one visit policy (callback_days, revisit_days, away_distance_m). Returns false when
    // it was already so.
    // Greeting occasions and days off (holiday): one record per code, created or changed with
    // the fields given (name, name_en, kind, rule, month, day, date, greet, tiers, lead_days,
    // active). A new one needs its rule; the rule's own fields are required with it.
    Result<bool> setHoliday(const QString& code, Fields fields);
    QStringList holidays();
    // The greeting text for an occasion (birthday, holiday, or a holiday's code) and language.
    Result<bool> setGreeting(const QString& occasion, const QString& language, const QString& text);
    Result<bool> setVisitPolicy(const QString& setting, int value);
    // Every visit policy with its value, set or default.
    QStringList visitPolicies();
    // A warehouse hand-out to a rep: a receipt in their stock ledger. Returns its id.
    Result<QString> receiveStock(const QString& login, const QString& itemCode, int quantity,
                                 const QString& note);
    // A hand-over between reps, both sides in one transaction (transfer_out from `fromLogin`,
    // transfer_in to `toLogin`). Returns the transfer_out's id.
    Result<QString> transferStock(const QString& fromLogin, const QString& toLogin, const QString& itemCode,
                                  int quantity, const QString& note);
    // Items a rep gives back to the warehouse (a return). Returns its id.
    Result<QString> returnStock(const QString& login, const QString& itemCode, int quantity,
                                const QString& note);
    // A correction after a count (either way), with its reason. Returns its id.
    Result<QString> adjustStock(const QString& login, const QString& itemCode, int delta,
                                const QString& reason);
    // Sets a gift cap of a tier (per recipient_month or account_quarter), in fen.
    Result<bool> setGiftLimit(const QString& tier, const QString& per, std::int64_t maxFen);
    QStringList giftLimits();
    // A rep's gifts in a month (China time, "YYYY-MM"): per item received, issued, returned,
    // transferred, adjusted and the balance at the month's end; each issue with its recipient,
    // account and visit; and the flags server rules raised on them.
    Result<QStringList> giftReport(const QString& login, const QString& month);
    // A rep's stock per item, one line each.
    Result<QStringList> stockOf(const QString& login);
    // What server rules flagged for managers, oldest first.
    QStringList flags();

private:
    // Writes a record as the server (stamped after everything stored for it, so it wins):
    // validated, merged, filed under its scope key. Returns false when nothing changed.
    Result<bool> writeAsServer(WriteTransaction& tx, std::string_view entity, const std::string& id,
                               const Fields& values, bool creating);
    Result<std::string> itemIdByCode(QSqlDatabase& db, const QString& code);
    Result<bool> setChecklistItemIn(WriteTransaction& tx, const QString& purpose, const QString& code,
                                    std::optional<QString> label, std::optional<int> position,
                                    std::optional<bool> active);
    // setPolicy inside the caller's transaction (defaultPolicies writes them all in one).
    Result<bool> setPolicyIn(WriteTransaction& tx, const QString& tier, const QString& activity,
                             const QString& period, std::optional<int> minCount, std::optional<int> maxCount);

    ServerStore& store_;
    const Clock& clock_;
};

// `fieldbook-server ...` as a whole: serving (runs the event loop) or an admin command.
// Returns the process exit code: 0 ok, 1 failure, 2 usage.
int runCommandLine(const QStringList& arguments);

}  // namespace fb::server
