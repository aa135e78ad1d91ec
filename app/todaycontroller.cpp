// See todaycontroller.h.
#include "todaycontroller.h"

#include <algorithm>
#include <chrono>

#include <QDateTime>
#include <QHash>
#include <QLocale>

#include "appcontext.h"
#include "applogging.h"
#include "fieldbook/core/appointments.h"
#include "fieldbook/core/cadence.h"
#include "fieldbook/core/contacts.h"
#include "fieldbook/core/gifts.h"
#include "fieldbook/core/lifecycle.h"
#include "fieldbook/core/lunar.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/visits.h"
#include "fieldbook/platform/contactactions.h"
#include "fieldbook/sync/engine.h"
#include "formats.h"
#include "messages.h"
#include "translationloader.h"

namespace {

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QVariantMap failure(const fb::Error& error, std::string_view entity)
{
    return {{QStringLiteral("ok"), false},
            {QStringLiteral("message"), messages::errorText(error, entity)},
            {QStringLiteral("field"), qs(error.field)}};
}

const QVariantMap kOk{{QStringLiteral("ok"), true}};

// The contact a cadence activity is logged as ("" for a face visit: that is a visit).
std::string contactKindOf(std::string_view activity)
{
    if (activity == "face_visit") return {};
    if (activity == "event") return "event_attendance";
    return std::string(activity);
}

}  // namespace

TodayController::TodayController(AppContext& context, const TranslationLoader& translations,
                                 fb::platform::ContactActions& share, std::unique_ptr<QSettings> settings,
                                 QObject* parent)
    : QObject(parent), context_(context), translations_(translations), share_(share),
      settings_(std::move(settings))
{
    context_.store().addDerived(fb::makeTodayTracker(dirty_));
    pending_.setSingleShot(true);
    pending_.setInterval(0);
    connect(&pending_, &QTimer::timeout, this, &TodayController::schedule);
    // A sync's writes were marked by the worker's tracker; a local one by ours: either way
    // the list refreshes once the writes of this turn are in.
    connect(&context_.changes(), &ChangeNotifier::changed, this, [this] { pending_.start(); });
    minute_.setInterval(60'000);
    connect(&minute_, &QTimer::timeout, this, [this] {
        if (fb::localToday(context_.clock()) != list_.day) schedule();
        maybeNotify();
    });
    minute_.start();
    refresh();
}

TodayController::~TodayController()
{
    // A compute in progress on the reader uses the engine: let it end first.
    context_.queries().drain();
}

std::string TodayController::repId()
{
    return fb::Replica(context_.store()).setting(fb::sync::key::kUserId);
}

namespace {

// The clock as it read when the compute was asked for: the reader thread never reads a clock
// the UI thread may move (a test's), and one compute sees one instant.
class ClockAt final : public fb::Clock {
public:
    explicit ClockAt(const fb::Clock& clock) : clock_(clock), now_(clock.nowMs()) {}
    std::int64_t nowMs() const override { return now_; }
    int utcOffsetMinutes(std::int64_t atMs) const override { return clock_.utcOffsetMinutes(atMs); }

private:
    const fb::Clock& clock_;
    std::int64_t now_;
};

}  // namespace

TodayController::Computed TodayController::compute(fb::TodayEngine& engine, fb::Database& db,
                                                   const std::string& rep, const fb::Clock& clock)
{
    const auto start = std::chrono::steady_clock::now();
    Computed out;
    out.list = engine.refresh(db, rep, clock);
    out.recomputed = engine.lastRecomputed();
    out.ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start)
                 .count();
    return out;
}

void TodayController::schedule()
{
    const quint64 generation = lane_.bump();
    fb::TodayEngine* engine = &engine_;
    auto query = [engine, rep = repId(),
                  clock = std::make_shared<ClockAt>(context_.clock())](fb::Database& db) {
        Computed out = compute(*engine, db, rep, *clock);
        out.onReader = true;
        return out;
    };
    context_.queries().submit<Computed>(lane_, generation, std::move(query),
                                        [this, generation](std::optional<Computed> computed) {
                                            // Computes run in order, each on the engine's latest
                                            // state: any one newer than the list shown is shown
                                            // (a sync that reports every page still updates it).
                                            if (generation <= shown_) return;
                                            shown_ = generation;
                                            if (computed)
                                                show(std::move(*computed));
                                            else
                                                refresh();  // the reader failed (logged)
                                        });
}

void TodayController::refresh()
{
    // The engine is the reader's while a compute is queued there: make the queued ones stale
    // (so they are skipped), wait for the one running, then compute here.
    shown_ = lane_.bump();
    context_.queries().drain();
    Computed computed;
    try {
        computed = compute(engine_, context_.database(), repId(), context_.clock());
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "computing Today failed:" << e.what();
        return;
    }
    show(std::move(computed));
}

// The list without an item the rep has just acted on, at once: the recompute that follows
// the write comes from the reader a moment later, and a second tap must not find it.
void TodayController::drop(const QString& key)
{
    const std::string k = key.toStdString();
    std::erase_if(list_.items, [&](const fb::TodayItem& i) { return i.key == k; });
    items_.removeIf(
        [&](const QVariant& v) { return v.toMap().value(QStringLiteral("key")).toString() == key; });
    emit changed();
}

void TodayController::show(Computed computed)
{
    list_ = std::move(computed.list);
    lastMs_ = computed.ms;
    lastRecomputed_ = computed.recomputed;
    lastOnReader_ = computed.onReader;
    items_.clear();
    for (const fb::TodayItem& item : list_.items)
        items_.append(describe(item));
    overdue_ = list_.overdue;
    due_ = list_.due;
    const bool chinese = translations_.isChinese();
    const QDate today = QDate::fromString(qs(list_.day), Qt::ISODate);
    const QLocale locale = chinese ? QLocale(QLocale::Chinese, QLocale::China) : QLocale(QLocale::English);
    dayTitle_ = (chinese ? locale.toString(today, QStringLiteral("M月d日 dddd"))
                         : locale.toString(today, QStringLiteral("dddd d MMMM")));
    if (const auto l = fb::lunar::toLunar({today.year(), today.month(), today.day()}); l && chinese)
        dayTitle_ += QStringLiteral(" · ") + qs(fb::lunar::chineseName(*l)).mid(2);
    emit changed();
    maybeNotify();
}

QVariantMap TodayController::lastRefresh() const
{
    return {{QStringLiteral("ms"), lastMs_},
            {QStringLiteral("accounts"), static_cast<qulonglong>(lastRecomputed_)},
            {QStringLiteral("onReader"), lastOnReader_}};
}

QString TodayController::relativeDay(const QString& isoDate) const
{
    const QDate day = QDate::fromString(isoDate, Qt::ISODate);
    const QDate today = QDate::fromString(qs(list_.day), Qt::ISODate);
    const auto days = today.daysTo(day);
    if (days == 0) return tr("today");
    if (days == 1) return tr("tomorrow");
    if (days == -1) return tr("yesterday");
    if (days > 1) return tr("in %n day(s)", nullptr, static_cast<int>(days));
    return tr("%n day(s) ago", nullptr, static_cast<int>(-days));
}

QString TodayController::occasionName(const QString& occasion) const
{
    if (occasion == QLatin1String("birthday")) return tr("Birthday");
    if (fb::isAnniversary(occasion.toStdString())) return tr("Anniversary");
    const bool chinese = translations_.isChinese();
    const QDate today = QDate::fromString(qs(list_.day), Qt::ISODate);
    for (int year : {today.year(), today.year() + 1})
        for (const fb::Occasion& o : fb::holidayCalendar(context_.database(), year))
            if (qs(o.code) == occasion) return chinese || o.nameEn.empty() ? qs(o.name) : qs(o.nameEn);
    return occasion;
}

QVariantMap TodayController::describe(const fb::TodayItem& i) const
{
    const bool chinese = translations_.isChinese();
    QString title;
    QString reason;
    QString action;
    std::string contactKind;
    bool canDone = false;
    const QString when = relativeDay(qs(i.due));
    if (i.kind == "cadence") {
        title = qs(i.accountName);
        const QString activity = messages::optionLabel("tier_policy", "activity", i.activity, chinese);
        const QString period = i.period == "quarter"      ? tr("this quarter")
                               : i.period == "two_months" ? tr("these two months")
                                                          : tr("this month");
        reason = tr("%1 %2/%3 %4, %n day(s) left", nullptr, i.daysLeft)
                     .arg(activity)
                     .arg(i.done)
                     .arg(i.required)
                     .arg(period);
        if (i.overdueDays > 0)
            reason += QStringLiteral(" · ") + tr("behind since %1").arg(relativeDay(qs(i.due)));
        contactKind = contactKindOf(i.activity);
        action = contactKind.empty() ? QStringLiteral("visit") : QStringLiteral("log");
        canDone = !contactKind.empty();
    } else if (i.kind == "task") {
        const bool callback = i.activity == "phone_callback";
        const bool winBack = i.purpose == "win_back";
        if (winBack)
            title = (callback ? tr("Win-back call: %1") : tr("Win-back visit: %1")).arg(qs(i.accountName));
        else
            title = (callback ? tr("Callback: %1") : tr("Face revisit: %1")).arg(qs(i.accountName));
        if (winBack) {
            reason = callback ? tr("Find out why they left") : tr("Go and win them back");
        } else if (!i.visitDay.empty()) {
            const int after = fb::daysBetween(i.visitDay, i.due);
            reason = tr("%n day(s) after your visit", nullptr, after);
        } else {
            reason = tr("Follow-up");
        }
        reason +=
            QStringLiteral(" · ") + (i.overdueDays > 0 ? tr("was due %1").arg(when) : tr("due %1").arg(when));
        contactKind = callback ? "phone_callback" : "";
        action = callback ? QStringLiteral("log") : QStringLiteral("visit");
        canDone = true;
    } else if (i.kind == "visit") {
        title = tr("Visit to %1 left open").arg(qs(i.accountName));
        reason = tr("Checked in %1: finish it or discard it").arg(relativeDay(qs(i.visitDay)));
        action = QStringLiteral("resume");
    } else if (i.kind == "birthday" || i.kind == "anniversary") {
        if (i.kind == "birthday")
            title = tr("%1's birthday %2").arg(qs(i.personName), when);
        else
            title = tr("%1's %2 %3")
                        .arg(qs(i.personName),
                             i.occasionName.empty() ? tr("anniversary") : qs(i.occasionName), when);
        // Where and who: the account, the person's title, and a lunar day's lunar name.
        QStringList parts{qs(i.accountName)};
        if (!i.personTitle.empty()) parts << qs(i.personTitle);
        if (i.lunar) {
            const QDate d = QDate::fromString(qs(i.due), Qt::ISODate);
            if (auto l = fb::lunar::toLunar({d.year(), d.month(), d.day()}))
                parts << (chinese ? qs(fb::lunar::chineseName(*l)) : tr("lunar calendar"));
        }
        reason = parts.join(QStringLiteral(" · "));
        action = QStringLiteral("greet");
        contactKind = "greeting";
        canDone = true;
    } else if (i.kind == "holiday") {
        const QString name = chinese || i.occasionNameEn.empty() ? qs(i.occasionName) : qs(i.occasionNameEn);
        title = tr("%1: %n key person(s) to greet", nullptr, i.people - i.greeted).arg(name);
        QStringList tiers;
        for (const std::string& t : i.tiers)
            tiers << qs(t);
        reason = tr("In your %1 accounts · %2")
                     .arg(tiers.join(chinese ? QStringLiteral("、") : QStringLiteral(", ")), when);
        if (i.greeted > 0)
            reason += QStringLiteral(" · ") + tr("%1 of %2 greeted").arg(i.greeted).arg(i.people);
        action = QStringLiteral("greetings");
    } else if (i.kind == "decline") {
        title = tr("%1 is falling behind").arg(qs(i.accountName));
        reason = usualRhythm(i.basis, i.usualDays) + QStringLiteral(" · ") +
                 tr("none for %n day(s)", nullptr, i.sinceDays);
        action = QStringLiteral("stage");
    }
    return {{QStringLiteral("key"), qs(i.key)},
            {QStringLiteral("kind"), qs(i.kind)},
            {QStringLiteral("accountId"), qs(i.accountId)},
            {QStringLiteral("accountName"), qs(i.accountName)},
            {QStringLiteral("tier"), qs(i.tier)},
            {QStringLiteral("title"), title},
            {QStringLiteral("reason"), reason},
            {QStringLiteral("when"), when},
            {QStringLiteral("overdue"), i.overdueDays > 0},
            {QStringLiteral("action"), action},
            {QStringLiteral("contactKind"), qs(contactKind)},
            {QStringLiteral("canDone"), canDone},
            {QStringLiteral("taskId"), qs(i.taskId)},
            {QStringLiteral("visitId"), qs(i.visitId)},
            {QStringLiteral("personId"), qs(i.personId)},
            {QStringLiteral("occasion"), qs(i.occasion)},
            {QStringLiteral("suggestion"), qs(i.suggestion)}};
}

QString TodayController::usualRhythm(std::string_view basis, int days)
{
    return basis == "purchase" ? tr("Usually buys every %n day(s)", nullptr, days)
                               : tr("Usually in touch every %n day(s)", nullptr, days);
}

const fb::TodayItem* TodayController::find(const QString& key) const
{
    for (const fb::TodayItem& i : list_.items)
        if (qs(i.key) == key) return &i;
    return nullptr;
}

QVariantMap TodayController::snooze(const QString& key, int days)
{
    if (days < 1 || days > 30)
        return {{QStringLiteral("ok"), false}, {QStringLiteral("message"), tr("Put off by 1 to 30 days.")}};
    const std::string today = fb::localToday(context_.clock());
    fb::Transaction tx(context_.database());
    auto r = fb::snoozeTodayItem(context_.store(), tx, repId(), key.toStdString(), fb::addDays(today, days),
                                 today);
    if (!r) return failure(r.error(), "snooze");
    tx.commit();
    drop(key);
    context_.changes().report(ChangeNotifier::Origin::Local, {QStringLiteral("snooze")});
    return kOk;
}

QVariantMap TodayController::markDone(const QString& key)
{
    const fb::TodayItem* item = find(key);
    if (!item)
        return {{QStringLiteral("ok"), false},
                {QStringLiteral("message"), tr("This item is no longer on Today.")}};
    const fb::TodayItem i = *item;
    if (i.kind == "task") {
        fb::Transaction tx(context_.database());
        auto r = context_.store().update(tx, "task", i.taskId, {{"status", fb::Value{std::string("done")}}});
        if (!r) return failure(r.error(), "task");
        tx.commit();
        drop(key);
        context_.changes().report(ChangeNotifier::Origin::Local, {QStringLiteral("task")}, {qs(i.accountId)});
        return kOk;
    }
    QVariantMap logged;
    if (i.kind == "cadence" && !contactKindOf(i.activity).empty())
        logged = logContact(qs(i.accountId), qs(contactKindOf(i.activity)), {}, {}, {});
    else if (i.kind == "birthday" || i.kind == "anniversary")
        logged = logContact(qs(i.accountId), QStringLiteral("greeting"), qs(i.personId), {}, {}, {},
                            qs(i.occasion));
    else
        return {{QStringLiteral("ok"), false}, {QStringLiteral("message"), tr("Open it to act on it.")}};
    // Counted: the item goes (a cadence item comes back, one further, if still short).
    if (logged.value(QStringLiteral("ok")).toBool()) drop(key);
    return logged;
}

QVariantList TodayController::contactKinds() const
{
    QVariantList out;
    const bool chinese = translations_.isChinese();
    for (std::string_view v : fb::schema::entity("contact_log")->field("kind")->values)
        out.append(
            QVariantMap{{QStringLiteral("value"), qs(v)},
                        {QStringLiteral("label"), messages::optionLabel("contact_log", "kind", v, chinese)}});
    return out;
}

QString TodayController::capWarning(const QString& accountId, const QString& kind)
{
    fb::Contacts contacts(context_.store(), context_.clock());
    const auto cap = contacts.capFor(accountId.toStdString(), kind.toStdString(), context_.clock().nowMs());
    if (!cap) return {};
    const bool chinese = translations_.isChinese();
    const QString activity = messages::optionLabel("tier_policy", "activity", cap->activity, chinese);
    const QString period = cap->period == "quarter"      ? tr("a quarter")
                           : cap->period == "two_months" ? tr("every two months")
                                                         : tr("a month");
    return tr("The tier allows at most %1 %2 %3; %4 already this period. Say why to go on.")
        .arg(cap->maxCount)
        .arg(activity)
        .arg(period)
        .arg(cap->done);
}

QVariantMap TodayController::logContact(const QString& accountId, const QString& kind,
                                        const QString& personId, const QString& note,
                                        const QString& overCapReason, const QString& taskId,
                                        const QString& occasion)
{
    fb::Contacts contacts(context_.store(), context_.clock());
    fb::ContactEntry entry{accountId.toStdString(),
                           personId.toStdString(),
                           kind.toStdString(),
                           context_.clock().nowMs(),
                           occasion.toStdString(),
                           note.trimmed().toStdString(),
                           overCapReason.trimmed().toStdString(),
                           taskId.toStdString()};
    fb::Transaction tx(context_.database());
    auto id = contacts.log(tx, repId(), entry);
    if (!id) return failure(id.error(), "contact_log");
    tx.commit();
    context_.changes().report(ChangeNotifier::Origin::Local,
                              {QStringLiteral("contact_log"), QStringLiteral("task")}, {accountId});
    return kOk;
}

QVariantList TodayController::contactsOf(const QString& accountId, int limit)
{
    QVariantList out;
    const bool chinese = translations_.isChinese();
    const QDate today = formats::localDay(context_.clock(), context_.clock().nowMs());
    fb::Contacts contacts(context_.store(), context_.clock());
    QHash<QString, QString> occasions;
    for (const fb::Contact& c : contacts.ofAccount(accountId.toStdString(), std::clamp(limit, 1, 200))) {
        const QDate day = formats::localDay(context_.clock(), c.atMs);
        QString kind = messages::optionLabel("contact_log", "kind", c.kind, chinese);
        if (c.kind == "greeting" && !c.occasion.empty()) {
            // One calendar read per occasion, not per greeting.
            const QString code = qs(c.occasion);
            auto named = occasions.find(code);
            if (named == occasions.end()) named = occasions.insert(code, occasionName(code));
            kind += QStringLiteral(" · ") + *named;
        }
        out.append(QVariantMap{{QStringLiteral("kindLabel"), kind},
                               {QStringLiteral("whenText"), formats::date(day, today, chinese, true)},
                               {QStringLiteral("personName"), qs(c.keyPersonName)},
                               {QStringLiteral("note"), qs(c.note)},
                               {QStringLiteral("reason"), qs(c.overCapReason)}});
    }
    return out;
}

QVariantList TodayController::cadenceOf(const QString& accountId)
{
    QVariantList out;
    auto account = context_.store().get("account", accountId.toStdString());
    if (!account) return out;
    const bool chinese = translations_.isChinese();
    const std::string today = fb::localToday(context_.clock());
    for (const fb::CadenceLine& l :
         fb::cadenceOf(context_.database(), accountId.toStdString(), account->text("tier"), today,
                       fb::effectiveTierPolicies(context_.database()))) {
        const QString period = l.period == "quarter"      ? tr("per quarter")
                               : l.period == "two_months" ? tr("per two months")
                                                          : tr("per month");
        QString rule;
        if (l.minCount && l.maxCount)
            rule = tr("%1 to %2 %3").arg(*l.minCount).arg(*l.maxCount).arg(period);
        else if (l.minCount)
            rule = tr("at least %1 %2").arg(*l.minCount).arg(period);
        else if (l.maxCount)
            rule = tr("at most %1 %2").arg(*l.maxCount).arg(period);
        out.append(QVariantMap{
            {QStringLiteral("activity"), qs(l.activity)},
            {QStringLiteral("label"), messages::optionLabel("tier_policy", "activity", l.activity, chinese)},
            {QStringLiteral("rule"), rule},
            {QStringLiteral("done"), static_cast<qlonglong>(l.done)},
            {QStringLiteral("target"),
             static_cast<qlonglong>(l.minCount ? *l.minCount : l.maxCount.value_or(0))},
            {QStringLiteral("isMax"), !l.minCount},
            {QStringLiteral("met"), l.met() && !l.overCap()},
            {QStringLiteral("over"), l.overCap()},
            {QStringLiteral("late"), l.behind},
            {QStringLiteral("daysLeft"), l.daysLeft}});
    }
    return out;
}

QVariantList TodayController::greetingPeople(const QString& key)
{
    QVariantList out;
    const fb::TodayItem* item = find(key);
    if (!item || item->kind != "holiday") return out;
    const std::int64_t since = context_.clock().nowMs() - std::int64_t{40} * 86'400'000;
    for (const fb::GreetingPerson& p :
         fb::greetingPeople(context_.database(), repId(), item->tiers, item->occasion, since))
        out.append(QVariantMap{{QStringLiteral("personId"), qs(p.personId)},
                               {QStringLiteral("name"), qs(p.name)},
                               {QStringLiteral("title"), qs(p.title)},
                               {QStringLiteral("accountId"), qs(p.accountId)},
                               {QStringLiteral("accountName"), qs(p.accountName)},
                               {QStringLiteral("tier"), qs(p.tier)},
                               {QStringLiteral("greeted"), p.greeted}});
    return out;
}

QString TodayController::greetingText(const QString& personId, const QString& occasion)
{
    auto person = context_.store().get("key_person", personId.toStdString());
    if (!person) return {};
    auto account = context_.store().get("account", person->text("account_id"));
    // The rep signs as the server names them: in the team, else as signed in.
    fb::Replica replica(context_.store());
    const auto member = replica.teamMember(repId());
    const std::string repName = member ? member->name : replica.setting(fb::sync::key::kUserName);
    // An anniversary is greeted by its own name (结婚纪念日), a holiday by the calendar's.
    std::string named = occasionName(occasion).toStdString();
    if (const auto a = fb::anniversaryOf(person->text("anniversaries"), occasion.toStdString());
        a && !a->label.empty())
        named = a->label;
    const fb::GreetingFill fill{person->text("name"), person->text("title"),
                                account ? account->text("name") : "", repName, named};
    return qs(fb::greetingText(context_.database(), occasion.toStdString(),
                               translations_.isChinese() ? "zh" : "en", fill));
}

QString TodayController::giftSuggestion(const QString& accountId)
{
    auto account = context_.store().get("account", accountId.toStdString());
    if (!account) return {};
    const fb::StockLine* best = nullptr;
    const auto stock =
        fb::stockForVisit(context_.database(), repId(), "gift_delivery", account->text("tier"));
    for (const fb::StockLine& line : stock)
        if (line.category == "gift" && line.active && line.quantity > 0 &&
            (!best || line.quantity > best->quantity))
            best = &line;
    if (!best) return {};
    return tr("In your stock: %1 (%2 left)")
        .arg(qs(best->name), formats::quantity(best->quantity, qs(best->unit), translations_.isChinese()));
}

QVariantMap TodayController::sendGreeting(const QString& personId, const QString& occasion,
                                          const QString& text)
{
    if (text.trimmed().isEmpty())
        return {{QStringLiteral("ok"), false}, {QStringLiteral("message"), tr("Write the greeting first.")}};
    auto person = context_.store().get("key_person", personId.toStdString());
    if (!person)
        return {{QStringLiteral("ok"), false}, {QStringLiteral("message"), tr("This key person is gone.")}};
    if (!share_.share(text))
        return {{QStringLiteral("ok"), false},
                {QStringLiteral("message"), tr("Nothing took the greeting; it was not logged.")}};
    return logContact(qs(person->text("account_id")), QStringLiteral("greeting"), personId, {}, {}, {},
                      occasion);
}

void TodayController::maybeNotify()
{
    if (!settings_ || list_.day.empty()) return;
    const QString day = qs(list_.day);
    if (settings_->value(QStringLiteral("today/noticeDay")).toString() == day) return;
    const qint64 now = context_.clock().nowMs();
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(
        now + qint64(context_.clock().utcOffsetMinutes(now)) * 60'000, Qt::UTC);
    if (local.time().hour() < 7) return;
    settings_->setValue(QStringLiteral("today/noticeDay"), day);
    const int count = static_cast<int>(list_.items.size());
    QString body;
    const std::int64_t dayStart = now - (local.time().msecsSinceStartOfDay());
    fb::Appointments appointments(context_.store());
    for (const fb::Appointment& a : appointments.between(repId(), dayStart, dayStart + 86'400'000)) {
        if (a.status != "planned" || a.startsAtMs < now) continue;
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(
            a.startsAtMs + qint64(context_.clock().utcOffsetMinutes(a.startsAtMs)) * 60'000, Qt::UTC);
        body = tr("First appointment %1 at %2").arg(at.toString(QStringLiteral("HH:mm")), qs(a.accountName));
        break;
    }
    if (body.isEmpty()) body = tr("No appointments today.");
    if (count == 0 && body == tr("No appointments today.")) return;
    emit morningNotice(tr("Today: %n thing(s) to do", nullptr, count), body);
}

QVariantMap TodayController::lifecycleOf(const QString& accountId)
{
    const auto life = fb::lifecycleOf(context_.database(), accountId.toStdString(), context_.clock());
    if (!life) return {};
    const bool chinese = translations_.isChinese();
    const std::string today = fb::localToday(context_.clock());
    QString rhythm;
    const fb::Rhythm* shown = life->behind();
    if (!shown)
        shown = life->purchases && life->purchases->known() ? &*life->purchases
                : life->contacts && life->contacts->known() ? &*life->contacts
                                                            : nullptr;
    if (shown)
        rhythm = usualRhythm(shown->basis, shown->usualDays) + QStringLiteral(" · ") +
                 (shown->basis == "purchase" ? tr("last purchase %1").arg(relativeDay(qs(shown->lastDay)))
                                             : tr("last contact %1").arg(relativeDay(qs(shown->lastDay))));
    QVariantMap out{
        {QStringLiteral("stage"), qs(life->stage)},
        {QStringLiteral("stageLabel"), messages::optionLabel("account", "stage", life->stage, chinese)},
        {QStringLiteral("rhythm"), rhythm},
        // The one rule the list and Today use: active, and not answered by a stage change.
        {QStringLiteral("behind"), fb::declineWarned(*life, today)},
        {QStringLiteral("winBack"), qs(fb::defaultWinBack(life->tier))},
        {QStringLiteral("suggestion"), QString()},
        {QStringLiteral("suggestionLabel"), QString()},
        {QStringLiteral("why"), QString()}};
    if (const auto suggestion = fb::suggestStage(*life, today)) {
        QString why;
        if (suggestion->why == "behind")
            why =
                tr("Nothing for %n day(s), well past its usual rhythm.", nullptr, life->behind()->sinceDays);
        else if (suggestion->why == "recovered")
            why = tr("It is back in its rhythm.");
        else if (suggestion->why == "first_purchase")
            why = tr("It has made its first purchase.");
        else
            why = tr("It has bought steadily for half a year.");
        out[QStringLiteral("suggestion")] = qs(suggestion->to);
        out[QStringLiteral("suggestionLabel")] =
            messages::optionLabel("account", "stage", suggestion->to, chinese);
        out[QStringLiteral("why")] = why;
    }
    return out;
}

QVariantMap TodayController::changeStage(const QString& accountId, const QString& toStage,
                                         const QString& reason, const QString& exitReason,
                                         const QString& winBack, bool suggested)
{
    fb::Lifecycle lifecycle(context_.store(), context_.clock());
    const bool exit = toStage == QLatin1String("exit");
    fb::StageChangeEntry entry{accountId.toStdString(),
                               toStage.toStdString(),
                               reason.trimmed().toStdString(),
                               exit ? exitReason.toStdString() : std::string(),
                               exit ? winBack.toStdString() : std::string(),
                               suggested};
    fb::Transaction tx(context_.database());
    auto id = lifecycle.changeStage(tx, repId(), entry);
    if (!id) return failure(id.error(), "stage_change");
    tx.commit();
    context_.changes().report(
        ChangeNotifier::Origin::Local,
        {QStringLiteral("stage_change"), QStringLiteral("account"), QStringLiteral("task")}, {accountId});
    return kOk;
}

QVariantList TodayController::stageHistory(const QString& accountId, int limit)
{
    QVariantList out;
    const bool chinese = translations_.isChinese();
    fb::Lifecycle lifecycle(context_.store(), context_.clock());
    for (const fb::StageChange& c : lifecycle.history(accountId.toStdString(), std::clamp(limit, 1, 100))) {
        const QDate day = formats::localDay(context_.clock(), c.atMs);
        out.append(QVariantMap{
            {QStringLiteral("when"), relativeDay(day.toString(Qt::ISODate))},
            {QStringLiteral("from"), messages::optionLabel("account", "stage", c.fromStage, chinese)},
            {QStringLiteral("to"), messages::optionLabel("account", "stage", c.toStage, chinese)},
            {QStringLiteral("reason"), qs(c.reason)},
            {QStringLiteral("exit"),
             c.exitReason.empty()
                 ? QString()
                 : messages::optionLabel("stage_change", "exit_reason", c.exitReason, chinese)},
            {QStringLiteral("winBack"),
             c.winBack.empty() ? QString()
                               : messages::optionLabel("stage_change", "win_back", c.winBack, chinese)},
            {QStringLiteral("suggested"), c.suggested}});
    }
    return out;
}
