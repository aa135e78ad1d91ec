// See visitcontroller.h.
#include "visitcontroller.h"

#include <QDateTime>
#include <QLocale>

#include "appcontext.h"
#include "applogging.h"
#include "fieldbook/core/clock.h"
#include "fieldbook/core/gifts.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/temperament.h"
#include "fieldbook/sync/engine.h"
#include "formats.h"
#include "messages.h"
#include "recordvalues.h"
#include "translationloader.h"

namespace {

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

std::string ss(const QString& text)
{
    return text.toStdString();
}

// The steps a rep goes through, in order.
constexpr fb::VisitStep kShown[] = {
    fb::VisitStep::CheckIn,      fb::VisitStep::Briefing,  fb::VisitStep::Preparation,
    fb::VisitStep::Conversation, fb::VisitStep::Gifts,     fb::VisitStep::Agreement,
    fb::VisitStep::Archive,      fb::VisitStep::Referrals, fb::VisitStep::CheckOut};

bool optionalStep(fb::VisitStep step)
{
    return step == fb::VisitStep::Agreement || step == fb::VisitStep::Archive ||
           step == fb::VisitStep::Referrals || step == fb::VisitStep::Gifts;
}

QString stepLabel(fb::VisitStep step)
{
    switch (step) {
    case fb::VisitStep::CheckIn:
        return VisitController::tr("Check-in");
    case fb::VisitStep::Briefing:
        return VisitController::tr("Briefing");
    case fb::VisitStep::Preparation:
        return VisitController::tr("Preparation");
    case fb::VisitStep::Conversation:
        return VisitController::tr("Conversation");
    case fb::VisitStep::Gifts:
        return VisitController::tr("Gifts");
    case fb::VisitStep::Agreement:
        return VisitController::tr("Agreement");
    case fb::VisitStep::Archive:
        return VisitController::tr("Archive");
    case fb::VisitStep::Referrals:
        return VisitController::tr("Referrals");
    case fb::VisitStep::CheckOut:
        return VisitController::tr("Check-out");
    }
    return {};
}

// The standard checklist items, named in the rep's language.
QString standardItem(const std::string& code)
{
    if (code == "purpose_stated") return VisitController::tr("Purpose of the visit stated");
    if (code == "forms") return VisitController::tr("Forms");
    if (code == "samples") return VisitController::tr("Samples");
    if (code == "business_cards") return VisitController::tr("Business cards");
    if (code == "brochures") return VisitController::tr("Brochures");
    if (code == "dress") return VisitController::tr("Dressed for the visit");
    if (code == "transport") return VisitController::tr("Transport arranged");
    if (code == "briefing_read") return VisitController::tr("Briefing read");
    return qs(code);
}

template <typename Fn> auto guarded(const char* what, Fn&& fn) -> decltype(fn())
{
    try {
        return fn();
    } catch (const std::exception& e) {
        qCCritical(lcApp) << what << "failed:" << e.what();
        return {};
    }
}

std::vector<std::string> splitCodes(const std::string& text)
{
    std::vector<std::string> out;
    for (const QString& part : qs(text).split(QLatin1Char(','), Qt::SkipEmptyParts))
        out.push_back(ss(part));
    return out;
}

}  // namespace

VisitController::VisitController(AppContext& context, const TranslationLoader& translations, QObject* parent)
    : QObject(parent), context_(context), translations_(translations), visits_(context.store())
{
    connect(&context_.changes(), &ChangeNotifier::changed, this,
            [this](ChangeNotifier::Origin origin, const QStringList& entities, const QStringList& accounts) {
                if (origin == ChangeNotifier::Origin::Local) return;  // our own writes refresh themselves
                if (!ChangeNotifier::touches(entities, {"visit", "visit_amendment", "account", "agreement"}))
                    return;
                refresh();
                emit visitsChanged(accounts.size() == 1 ? accounts.front() : QString());
            });
    refresh();
}

void VisitController::refresh()
{
    guarded("reading the visit in progress", [&] {
        session_ = visits_.session();
        accountId_.clear();
        accountName_.clear();
        purpose_.clear();
        if (session_) {
            if (auto v = visits_.get(session_->visitId)) {
                accountId_ = qs(v->accountId);
                accountName_ = qs(v->accountName);
                purpose_ = qs(v->purpose);
            }
        }
        return 0;
    });
    emit changed();
}

QString VisitController::visitId() const
{
    return session_ ? qs(session_->visitId) : QString();
}

QString VisitController::purposeLabel() const
{
    return optionLabel("visit", "purpose", ss(purpose_));
}

QString VisitController::step() const
{
    return session_ ? qs(fb::visitStepName(session_->step)) : QString();
}

std::string VisitController::repId()
{
    return fb::Replica(context_.store()).setting(fb::sync::key::kUserId);
}

QString VisitController::optionLabel(const char* entity, const char* field, const std::string& value) const
{
    if (value.empty()) return {};
    return messages::optionLabel(entity, field, value, translations_.isChinese());
}

QString VisitController::when(qint64 ms) const
{
    if (ms <= 0) return {};
    const fb::Clock& clock = context_.clock();
    const QDate day = formats::localDay(clock, ms);
    const QDate today = formats::localDay(clock, clock.nowMs());
    const qint64 offsetMs = qint64(clock.utcOffsetMinutes(ms)) * 60'000;
    const QString time =
        QDateTime::fromMSecsSinceEpoch(ms + offsetMs, Qt::UTC).toString(QStringLiteral("HH:mm"));
    return formats::date(day, today, translations_.isChinese(), true) + QLatin1Char(' ') + time;
}

QVariantMap VisitController::failure(const fb::Error& error, const char* entity) const
{
    const QString text = messages::errorText(error, entity);
    QVariantMap errors;
    if (!error.field.empty()) errors.insert(qs(error.field), text);
    return {
        {QStringLiteral("ok"), false}, {QStringLiteral("message"), text}, {QStringLiteral("errors"), errors}};
}

QVariantMap VisitController::ok() const
{
    return {{QStringLiteral("ok"), true},
            {QStringLiteral("message"), QString()},
            {QStringLiteral("errors"), QVariantMap()}};
}

void VisitController::reportLocal(const QStringList& entities, const QString& accountId)
{
    context_.changes().report(ChangeNotifier::Origin::Local, entities, {accountId});
    emit visitsChanged(accountId);
}

QVariantList VisitController::steps()
{
    QVariantList out;
    if (!session_) return out;
    return guarded("reading the visit's steps", [&]() -> QVariantList {
        const auto visit = visits_.get(session_->visitId);
        if (!visit) return {};
        const fb::Fields drafts = visits_.drafts(session_->visitId);
        auto has = [&](const char* field) {
            if (auto d = drafts.find(field); d != drafts.end()) return !fb::valueToString(d->second).empty();
            return !fb::fieldText(visit->fields, field).empty();
        };
        int currentIndex = 0;
        for (std::size_t i = 0; i < std::size(kShown); ++i)
            if (kShown[i] == session_->step) currentIndex = static_cast<int>(i);
        int number = 0;
        for (const fb::VisitStep s : kShown) {
            bool done = false;
            switch (s) {
            case fb::VisitStep::CheckIn:
                done = true;
                break;
            case fb::VisitStep::Briefing:
                done = has("briefing_read_at");
                break;
            case fb::VisitStep::Preparation:
                done = has("checklist");
                break;
            case fb::VisitStep::Conversation:
                done = has("conversation");
                break;
            case fb::VisitStep::Gifts:
                done = !giftsGiven().isEmpty();
                break;
            case fb::VisitStep::Agreement:
                done = !visits_.agreementsOf(session_->visitId).empty();
                break;
            case fb::VisitStep::Referrals:
                done = !referralsToday().isEmpty();
                break;
            default:
                break;
            }
            QString state = QStringLiteral("ahead");
            if (s == session_->step)
                state = QStringLiteral("current");
            else if (done)
                state = QStringLiteral("done");
            else if (number < currentIndex)
                state = optionalStep(s) ? QStringLiteral("skipped") : QStringLiteral("ahead");
            out.append(QVariantMap{{QStringLiteral("name"), qs(fb::visitStepName(s))},
                                   {QStringLiteral("label"), stepLabel(s)},
                                   {QStringLiteral("state"), state},
                                   {QStringLiteral("optional"), optionalStep(s)},
                                   {QStringLiteral("done"), done},
                                   {QStringLiteral("number"), ++number}});
        }
        return out;
    });
}

QVariantList VisitController::leftOpen()
{
    return guarded("reading visits left open", [&]() -> QVariantList {
        const std::string rep = repId();
        if (rep.empty()) return {};
        const fb::Clock& clock = context_.clock();
        const QDate today = formats::localDay(clock, clock.nowMs());
        const qint64 midnightWall = QDateTime(today, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        const qint64 startOfToday = midnightWall - qint64(clock.utcOffsetMinutes(midnightWall)) * 60'000;
        QVariantList out;
        for (const fb::Visit& v : visits_.leftOpen(rep, startOfToday))
            out.append(QVariantMap{{QStringLiteral("id"), qs(v.id)},
                                   {QStringLiteral("accountName"), qs(v.accountName)},
                                   {QStringLiteral("sinceText"), when(v.checkinAtMs)},
                                   {QStringLiteral("here"), session_ && session_->visitId == v.id}});
        return out;
    });
}

bool VisitController::canStart()
{
    return guarded("checking whether a visit can start",
                   [&] { return !repId().empty() && !visits_.session(); });
}

QVariantMap VisitController::start(const QString& accountId, const QString& purpose,
                                   const QString& appointmentId, const QString& location)
{
    try {
        fb::CheckIn in{ss(accountId), ss(purpose), ss(appointmentId),
                       location.isEmpty() ? std::nullopt : std::optional<std::string>(ss(location)),
                       context_.clock().nowMs()};
        fb::Transaction tx(context_.database());
        auto started = visits_.start(tx, repId(), in);
        if (!started) return failure(started.error(), "visit");
        tx.commit();
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "starting a visit failed:" << e.what();
        return failure({fb::ErrorCode::Storage, e.what(), {}}, "visit");
    }
    refresh();
    reportLocal({QStringLiteral("visit")}, accountId);
    return ok();
}

QVariantMap VisitController::goTo(const QString& stepName)
{
    if (!session_) return failure({fb::ErrorCode::NotFound, "no visit is in progress", {}}, "visit");
    const auto target = fb::visitStepNamed(ss(stepName));
    if (!target) return failure({fb::ErrorCode::BadEnum, "no step " + ss(stepName), {}}, "visit");
    try {
        fb::Transaction tx(context_.database());
        if (auto committed = visits_.commitDrafts(tx, session_->visitId); !committed)
            return failure(committed.error(), "visit");
        if (session_->step == fb::VisitStep::Briefing)
            if (auto read = visits_.markBriefingRead(tx, session_->visitId, context_.clock().nowMs()); !read)
                return failure(read.error(), "visit");
        if (auto moved = visits_.setStep(tx, *target); !moved) return failure(moved.error(), "visit");
        tx.commit();
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "moving to a visit step failed:" << e.what();
        return failure({fb::ErrorCode::Storage, e.what(), {}}, "visit");
    }
    refresh();
    return ok();
}

QVariantMap VisitController::next()
{
    if (!session_) return failure({fb::ErrorCode::NotFound, "no visit is in progress", {}}, "visit");
    for (std::size_t i = 0; i + 1 < std::size(kShown); ++i)
        if (kShown[i] == session_->step) return goTo(qs(fb::visitStepName(kShown[i + 1])));
    return ok();
}

QVariantMap VisitController::back()
{
    if (!session_) return failure({fb::ErrorCode::NotFound, "no visit is in progress", {}}, "visit");
    for (std::size_t i = 1; i < std::size(kShown); ++i)
        if (kShown[i] == session_->step) return goTo(qs(fb::visitStepName(kShown[i - 1])));
    return ok();
}

void VisitController::setAnswer(const QString& field, const QVariant& value)
{
    if (!session_) return;
    try {
        const fb::schema::Field* declared = fb::schema::entity("visit")->field(ss(field));
        if (!declared) return;
        fb::Transaction tx(context_.database());
        // Kept as typed (a half-typed number too): the record checks it when committed.
        const fb::Value typed = value.isNull() ? fb::Value{} : fb::Value{ss(value.toString())};
        if (auto kept = visits_.draft(tx, session_->visitId, ss(field), typed); !kept) {
            qCWarning(lcApp) << "an answer was not kept:" << kept.error().message.c_str();
            return;
        }
        tx.commit();
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "keeping an answer failed:" << e.what();
    }
}

QVariantMap VisitController::checkin()
{
    if (!session_) return {};
    return guarded("reading the check-in", [&]() -> QVariantMap {
        const auto v = visits_.get(session_->visitId);
        if (!v) return {};
        const bool chinese = translations_.isChinese();
        const QString position = qs(fb::fieldText(v->fields, "checkin_location"));
        const bool knownDistance = v->fields.count("checkin_distance_m") > 0;
        const qint64 metres = fb::fieldInteger(v->fields, "checkin_distance_m");
        const bool away = fb::fieldInteger(v->fields, "checkin_away") == 1;
        QString distance;
        if (knownDistance)
            distance = metres >= 1000 ? tr("%1 km from the account's recorded location")
                                            .arg(QLocale(chinese ? QLocale::Chinese : QLocale::English)
                                                     .toString(double(metres) / 1000.0, 'f', 1))
                                      : tr("%1 m from the account's recorded location").arg(metres);
        return {
            {QStringLiteral("timeText"), when(v->checkinAtMs)},
            {QStringLiteral("positionText"),
             position.isEmpty() ? QString() : formats::position(position, chinese)},
            {QStringLiteral("distanceText"), distance},
            {QStringLiteral("away"), away},
            {QStringLiteral("awayText"), away ? tr("Away from the account's address: farther than %1 m")
                                                    .arg(fb::visitPolicy(context_.database()).awayDistanceM)
                                              : QString()}};
    });
}

QVariantMap VisitController::briefing()
{
    if (!session_) return {};
    return guarded("reading the briefing", [&]() -> QVariantMap {
        const bool chinese = translations_.isChinese();
        const std::string account = ss(accountId_);
        auto record = context_.archive().account(account);
        if (!record) return {};
        const fb::Clock& clock = context_.clock();
        const QDate today = formats::localDay(clock, clock.nowMs());
        QVariantMap out{
            {QStringLiteral("tier"), qs(record->text("tier"))},
            {QStringLiteral("tierLabel"), optionLabel("account", "tier", record->text("tier"))},
            {QStringLiteral("stageLabel"), optionLabel("account", "stage", record->text("stage"))}};

        const auto last = visits_.lastFinished(account);
        if (last) {
            const qint64 at = last->checkoutAtMs > 0 ? last->checkoutAtMs : last->checkinAtMs;
            const qint64 days = formats::localDay(clock, at).daysTo(today);
            out.insert(QStringLiteral("lastContactText"),
                       days == 0 ? tr("Last visit today")
                                 : tr("Last visit %n day(s) ago", nullptr, int(days)));
            out.insert(
                QStringLiteral("lastVisit"),
                QVariantMap{{QStringLiteral("whenText"), when(last->checkinAtMs)},
                            {QStringLiteral("purposeLabel"), optionLabel("visit", "purpose", last->purpose)},
                            {QStringLiteral("aim"), qs(fb::fieldText(last->fields, "aim"))},
                            {QStringLiteral("achievedLabel"),
                             optionLabel("visit", "achieved", fb::fieldText(last->fields, "achieved"))},
                            {QStringLiteral("conversation"), qs(fb::fieldText(last->fields, "conversation"))},
                            {QStringLiteral("nextNotes"), qs(fb::fieldText(last->fields, "next_notes"))},
                            {QStringLiteral("nextGoal"), qs(fb::fieldText(last->fields, "next_goal"))}});
        } else {
            out.insert(QStringLiteral("lastContactText"), tr("No earlier visit recorded"));
            out.insert(QStringLiteral("lastVisit"), QVariantMap());
        }

        QVariantList persons;
        QStringList birthdays;
        for (const fb::Record& p : context_.archive().keyPersons(account)) {
            QVariantMap person{
                {QStringLiteral("id"), qs(p.id)},
                {QStringLiteral("name"), qs(p.text("name"))},
                {QStringLiteral("roleLabel"), optionLabel("key_person", "role", p.text("role"))}};
            if (const fb::Temperament* t = fb::temperament(p.text("temperament"))) {
                person.insert(QStringLiteral("temperament"), qs(chinese ? t->nameZh : t->nameEn));
                person.insert(QStringLiteral("tip"), qs(chinese ? t->tipZh : t->tipEn));
            }
            const QDate next =
                formats::nextBirthday(QDate::fromString(qs(p.text("birthday")), Qt::ISODate), today);
            if (next.isValid() && today.daysTo(next) <= 30) {
                const QString text = tr("%1's birthday: %2")
                                         .arg(qs(p.text("name")), formats::date(next, today, chinese, true));
                person.insert(QStringLiteral("birthdayText"), text);
                birthdays << text;
            }
            persons.append(person);
        }
        out.insert(QStringLiteral("persons"), persons);
        out.insert(QStringLiteral("birthdays"), birthdays);

        QVariantList stock;
        // What suits this visit's purpose and the account's tier.
        for (const fb::StockLine& line :
             fb::stockForVisit(context_.database(), repId(), ss(purpose_), record->text("tier"))) {
            stock.append(QVariantMap{
                {QStringLiteral("name"), qs(line.name)},
                {QStringLiteral("categoryLabel"), optionLabel("gift_item", "category", line.category)},
                {QStringLiteral("quantityText"), formats::quantity(line.quantity, qs(line.unit), chinese)}});
        }
        out.insert(QStringLiteral("stock"), stock);
        return out;
    });
}

QVariantList VisitController::checklist()
{
    if (!session_) return {};
    return guarded("reading the checklist", [&]() -> QVariantList {
        const auto v = visits_.get(session_->visitId);
        if (!v) return {};
        const std::vector<std::string> ticked = splitCodes(fb::fieldText(v->fields, "checklist"));
        QVariantList out;
        for (const fb::ChecklistItem& item : fb::checklistFor(context_.database(), v->purpose))
            out.append(QVariantMap{
                {QStringLiteral("code"), qs(item.code)},
                {QStringLiteral("label"), item.label.empty() ? standardItem(item.code) : qs(item.label)},
                {QStringLiteral("ticked"),
                 std::find(ticked.begin(), ticked.end(), item.code) != ticked.end()}});
        return out;
    });
}

bool VisitController::tick(const QString& code, bool ticked)
{
    if (!session_) return false;
    try {
        fb::Transaction tx(context_.database());
        if (auto done = visits_.tick(tx, session_->visitId, ss(code), ticked); !done) return false;
        tx.commit();
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "ticking a checklist item failed:" << e.what();
        return false;
    }
    emit changed();
    return true;
}

QStringList VisitController::conversationFields() const
{
    if (purpose_ == QLatin1String("first_visit"))
        return {QStringLiteral("aim"), QStringLiteral("needs"), QStringLiteral("conversation"),
                QStringLiteral("next_goal"), QStringLiteral("next_notes")};
    return {QStringLiteral("aim"), QStringLiteral("achieved"), QStringLiteral("conversation"),
            QStringLiteral("next_notes"), QStringLiteral("next_goal")};
}

QStringList VisitController::saleFields() const
{
    return {QStringLiteral("sale_agreed"), QStringLiteral("sale_quantity"), QStringLiteral("sale_route"),
            QStringLiteral("sale_merchant")};
}

bool VisitController::hasSale()
{
    if (!session_) return false;
    const QVariantMap values = loadRecord(QStringLiteral("visit"), visitId());
    for (const QString& f : saleFields())
        if (!values.value(f).toString().isEmpty()) return true;
    return false;
}

QVariantList VisitController::giftStock()
{
    if (!session_) return {};
    return guarded("reading the stock for the visit", [&]() -> QVariantList {
        const bool chinese = translations_.isChinese();
        auto account = context_.archive().account(ss(accountId_));
        const std::string tier = account ? account->text("tier") : std::string();
        QVariantList out;
        for (const fb::StockLine& line : fb::stockForVisit(context_.database(), repId(), ss(purpose_), tier))
            out.append(QVariantMap{
                {QStringLiteral("itemId"), qs(line.itemId)},
                {QStringLiteral("name"), qs(line.name)},
                {QStringLiteral("unit"), qs(line.unit)},
                {QStringLiteral("categoryLabel"), optionLabel("gift_item", "category", line.category)},
                {QStringLiteral("quantity"), qlonglong(line.quantity)},
                {QStringLiteral("quantityText"), formats::quantity(line.quantity, qs(line.unit), chinese)},
                {QStringLiteral("unitValueFen"), qlonglong(line.unitValueFen)},
                {QStringLiteral("valueText"), formats::money(line.unitValueFen)}});
        return out;
    });
}

QVariantList VisitController::giftLimits(const QString& recipientId, qint64 valueFen)
{
    if (!session_) return {};
    return guarded("reading the gift limits", [&]() -> QVariantList {
        auto account = context_.archive().account(ss(accountId_));
        if (!account) return {};
        QVariantList out;
        for (const fb::LimitUse& use :
             fb::giftLimits(context_.database(), account->text("tier"), ss(recipientId), ss(accountId_),
                            context_.clock().nowMs())) {
            const bool perPerson = use.per == "recipient_month";
            if (perPerson && recipientId.isEmpty()) continue;  // said once the recipient is chosen
            const qint64 left = use.leftFen() - valueFen;
            out.append(QVariantMap{
                {QStringLiteral("label"),
                 perPerson ? tr("This key person, this month") : tr("This account, this quarter")},
                {QStringLiteral("capText"), tr("cap %1").arg(formats::money(use.capFen))},
                {QStringLiteral("leftText"), left >= 0 ? tr("%1 left after this").arg(formats::money(left))
                                                       : tr("%1 over").arg(formats::money(-left))},
                {QStringLiteral("over"), left < 0}});
        }
        return out;
    });
}

QVariantMap VisitController::issueGifts(const QString& recipientId, const QVariantList& lines,
                                        const QString& signatureId)
{
    QVariantMap done = handOver(recipientId, lines, signatureId, true);
    if (done.value(QStringLiteral("ok")).toBool()) {
        reportLocal({QStringLiteral("stock_movement")}, accountId_);
        emit changed();
    }
    return done;
}

QVariantMap VisitController::checkGifts(const QString& recipientId, const QVariantList& lines)
{
    return handOver(recipientId, lines, {}, false);
}

QVariantMap VisitController::handOver(const QString& recipientId, const QVariantList& lines,
                                      const QString& signatureId, bool commit)
{
    if (!session_) return failure({fb::ErrorCode::NotFound, "no visit is in progress", {}}, "stock_movement");
    try {
        fb::GiftIssue issue{
            repId(), ss(accountId_),          ss(recipientId), session_->visitId, ss(signatureId),
            {},      context_.clock().nowMs()};
        for (const QVariant& v : lines) {
            const QVariantMap line = v.toMap();
            const qint64 quantity = line.value(QStringLiteral("quantity")).toLongLong();
            if (quantity != 0)
                issue.lines.push_back({ss(line.value(QStringLiteral("itemId")).toString()), quantity});
        }
        // A check is the same write, rolled back.
        fb::Transaction tx(context_.database());
        auto given = fb::issueGifts(tx, context_.store(), issue);
        if (!given) {
            QVariantMap refused = failure(given.error(), "stock_movement");
            // Core says which item and how many are left; the rep reads it in their language.
            if (given.error().code == fb::ErrorCode::OutOfRange && given.error().field == "quantity")
                refused.insert(QStringLiteral("message"),
                               tr("More than you hold: check the stock left of each item"));
            if (given.error().code == fb::ErrorCode::Required && given.error().field == "quantity")
                refused.insert(QStringLiteral("message"), tr("Choose how many of which item"));
            if (given.error().code == fb::ErrorCode::Required && given.error().field == "recipient_id")
                refused.insert(QStringLiteral("message"), tr("Choose who receives the gifts"));
            return refused;
        }
        if (commit) tx.commit();
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "issuing gifts failed:" << e.what();
        return failure({fb::ErrorCode::Storage, e.what(), {}}, "stock_movement");
    }
    return ok();
}

QVariantList VisitController::giftsGiven()
{
    if (!session_) return {};
    return guarded("reading the gifts of the visit", [&]() -> QVariantList {
        QVariantList out;
        for (const fb::GivenGift& g : fb::giftsOfVisit(context_.database(), session_->visitId))
            out.append(QVariantMap{{QStringLiteral("text"), QStringLiteral("%1 · %2 ×%3 · %4")
                                                                .arg(qs(g.recipientName), qs(g.itemName))
                                                                .arg(g.quantity)
                                                                .arg(formats::money(g.valueFen))}});
        return out;
    });
}

QVariantList VisitController::agreements()
{
    if (!session_) return {};
    return guarded("reading the visit's agreements", [&]() -> QVariantList {
        const bool chinese = translations_.isChinese();
        const QDate today = formats::localDay(context_.clock(), context_.clock().nowMs());
        QVariantList out;
        for (const fb::Record& a : visits_.agreementsOf(session_->visitId)) {
            const QDate from = QDate::fromString(qs(a.text("starts_on")), Qt::ISODate);
            const QDate until = QDate::fromString(qs(a.text("ends_on")), Qt::ISODate);
            out.append(QVariantMap{
                {QStringLiteral("id"), qs(a.id)},
                {QStringLiteral("kindLabel"), optionLabel("agreement", "kind", a.text("kind"))},
                {QStringLiteral("periodText"), formats::date(from, today, chinese) + QStringLiteral(" – ") +
                                                   formats::date(until, today, chinese)},
                {QStringLiteral("volumeText"),
                 formats::value("agreement", "volume",
                                recordvalues::toVariant(*fb::schema::entity("agreement")->field("volume"),
                                                        a.get("volume")),
                                chinese)},
                {QStringLiteral("terms"), qs(a.text("terms"))},
                {QStringLiteral("hasPhoto"), !a.text("photo_id").empty()}});
        }
        return out;
    });
}

QVariantList VisitController::referralsToday()
{
    if (!session_) return {};
    return guarded("reading today's referrals", [&]() -> QVariantList {
        const std::string today = fb::localToday(context_.clock());
        QVariantList out;
        for (const fb::ReferralLink& link : context_.archive().referralsDown(ss(accountId_), 1))
            if (link.date == today)
                out.append(QVariantMap{{QStringLiteral("accountId"), qs(link.referredAccountId)},
                                       {QStringLiteral("name"), qs(link.referredAccountName)},
                                       {QStringLiteral("personName"), qs(link.referrerPersonName)}});
        return out;
    });
}

QStringList VisitController::followUpPreview(const QString& interest)
{
    if (interest.isEmpty() || interest == QLatin1String("none")) return {};
    return guarded("reading the follow-up policy", [&]() -> QStringList {
        const fb::VisitPolicy policy = fb::visitPolicy(context_.database());
        const bool chinese = translations_.isChinese();
        const QDate today = formats::localDay(context_.clock(), context_.clock().nowMs());
        return {tr("Phone callback %1")
                    .arg(formats::date(today.addDays(policy.callbackDays), today, chinese, true)),
                tr("Face revisit by %1")
                    .arg(formats::date(today.addDays(policy.revisitDays), today, chinese, true))};
    });
}

QVariantMap VisitController::finish(const QString& location)
{
    if (!session_) return failure({fb::ErrorCode::NotFound, "no visit is in progress", {}}, "visit");
    const QString account = accountId_;
    try {
        const QVariantMap values = loadRecord(QStringLiteral("visit"), visitId());
        fb::CheckOut out{ss(values.value(QStringLiteral("interest")).toString()),
                         ss(values.value(QStringLiteral("outcome")).toString()),
                         location.isEmpty() ? std::nullopt : std::optional<std::string>(ss(location)),
                         context_.clock().nowMs(), fb::localToday(context_.clock())};
        fb::Transaction tx(context_.database());
        if (auto done = visits_.finish(tx, session_->visitId, out); !done) {
            // The conversation is on an earlier step: say so where the rep is.
            QVariantMap refused = failure(done.error(), "visit");
            if (done.error().field == "conversation")
                refused.insert(
                    QStringLiteral("message"),
                    tr("Record how the conversation went (step Conversation) before checking out"));
            return refused;
        }
        tx.commit();
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "checking out failed:" << e.what();
        return failure({fb::ErrorCode::Storage, e.what(), {}}, "visit");
    }
    refresh();
    reportLocal({QStringLiteral("visit"), QStringLiteral("task"), QStringLiteral("appointment")}, account);
    QVariantMap done = ok();
    done.insert(QStringLiteral("accountId"), account);
    return done;
}

QVariantMap VisitController::discard(const QString& id, const QString& reason)
{
    const std::string visit = id.isEmpty() ? (session_ ? session_->visitId : std::string()) : ss(id);
    if (visit.empty()) return failure({fb::ErrorCode::NotFound, "no visit is in progress", {}}, "visit");
    QString account;
    try {
        if (auto v = visits_.get(visit)) account = qs(v->accountId);
        fb::Transaction tx(context_.database());
        if (auto done = visits_.discard(tx, visit, ss(reason.trimmed()), context_.clock().nowMs()); !done)
            return failure(done.error(), "visit");
        tx.commit();
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "discarding a visit failed:" << e.what();
        return failure({fb::ErrorCode::Storage, e.what(), {}}, "visit");
    }
    refresh();
    reportLocal({QStringLiteral("visit")}, account);
    return ok();
}

QVariantList VisitController::timeline(const QString& accountId)
{
    return guarded("reading the visit timeline", [&]() -> QVariantList {
        const bool chinese = translations_.isChinese();
        QVariantList out;
        for (const fb::Visit& v : visits_.ofAccount(ss(accountId))) {
            QStringList amendments;
            for (const fb::VisitAmendment& a : v.amendments)
                amendments << tr("%1 corrected %2: “%3” → “%4” (%5)")
                                  .arg(when(a.amendedAtMs), messages::fieldLabel("visit", a.field),
                                       formats::value("visit", a.field, qs(a.before), chinese),
                                       formats::value("visit", a.field, qs(a.after), chinese), qs(a.reason));
            out.append(
                QVariantMap{{QStringLiteral("id"), qs(v.id)},
                            {QStringLiteral("whenText"), when(v.checkinAtMs)},
                            {QStringLiteral("purposeLabel"), optionLabel("visit", "purpose", v.purpose)},
                            {QStringLiteral("status"), qs(v.status)},
                            {QStringLiteral("statusLabel"), optionLabel("visit", "status", v.status)},
                            {QStringLiteral("aim"), qs(fb::fieldText(v.fields, "aim"))},
                            {QStringLiteral("achievedLabel"),
                             optionLabel("visit", "achieved", fb::fieldText(v.fields, "achieved"))},
                            {QStringLiteral("conversation"), qs(fb::fieldText(v.fields, "conversation"))},
                            {QStringLiteral("nextNotes"), qs(fb::fieldText(v.fields, "next_notes"))},
                            {QStringLiteral("nextGoal"), qs(fb::fieldText(v.fields, "next_goal"))},
                            {QStringLiteral("saleAgreed"), qs(fb::fieldText(v.fields, "sale_agreed"))},
                            {QStringLiteral("interestLabel"),
                             optionLabel("visit", "interest", fb::fieldText(v.fields, "interest"))},
                            {QStringLiteral("discardReason"), qs(fb::fieldText(v.fields, "discard_reason"))},
                            {QStringLiteral("away"), fb::fieldInteger(v.fields, "checkin_away") == 1},
                            {QStringLiteral("amended"), !v.amendments.empty()},
                            {QStringLiteral("amendments"), amendments}});
        }
        return out;
    });
}

QString VisitController::nextTime(const QString& accountId)
{
    return guarded("reading the last visit", [&]() -> QString {
        const auto last = visits_.lastFinished(ss(accountId));
        if (!last) return {};
        QStringList parts;
        if (const std::string goal = fb::fieldText(last->fields, "next_goal"); !goal.empty())
            parts << qs(goal);
        if (const std::string notes = fb::fieldText(last->fields, "next_notes"); !notes.empty())
            parts << qs(notes);
        return parts.join(QStringLiteral(" · "));
    });
}

QVariantList VisitController::amendableFields(const QString& visitId)
{
    return guarded("reading a visit", [&]() -> QVariantList {
        const auto v = visits_.get(ss(visitId));
        if (!v || v->status != "finished") return {};
        QStringList fields =
            v->purpose == "first_visit"
                ? QStringList{QStringLiteral("aim"), QStringLiteral("needs"), QStringLiteral("conversation"),
                              QStringLiteral("next_goal"), QStringLiteral("next_notes")}
                : QStringList{QStringLiteral("aim"), QStringLiteral("achieved"),
                              QStringLiteral("conversation"), QStringLiteral("next_notes"),
                              QStringLiteral("next_goal")};
        fields << saleFields() << QStringLiteral("interest") << QStringLiteral("outcome");
        QVariantList out;
        for (const QString& f : fields)
            out.append(
                QVariantMap{{QStringLiteral("field"), f},
                            {QStringLiteral("label"), messages::fieldLabel("visit", ss(f))},
                            {QStringLiteral("type"), QString::fromLatin1(fb::schema::fieldTypeName(
                                                         fb::schema::entity("visit")->field(ss(f))->type))}});
        return out;
    });
}

QVariant VisitController::currentValue(const QString& visitId, const QString& field)
{
    return guarded("reading a visit", [&]() -> QVariant {
        const auto v = visits_.get(ss(visitId));
        const fb::schema::Field* declared = fb::schema::entity("visit")->field(ss(field));
        if (!v || !declared) return {};
        const auto it = v->fields.find(ss(field));
        return recordvalues::toVariant(*declared, it == v->fields.end() ? fb::Value{} : it->second);
    });
}

QVariantMap VisitController::amend(const QString& visitId, const QString& field, const QVariant& value,
                                   const QString& reason)
{
    QString account;
    try {
        const fb::schema::Field* declared = fb::schema::entity("visit")->field(ss(field));
        if (!declared)
            return failure({fb::ErrorCode::UnknownField, "no field " + ss(field), ss(field)}, "visit");
        if (auto v = visits_.get(ss(visitId))) account = qs(v->accountId);
        fb::Transaction tx(context_.database());
        auto done = visits_.amend(tx, ss(visitId), ss(field), recordvalues::fromVariant(*declared, value),
                                  ss(reason.trimmed()), context_.clock().nowMs());
        if (!done) return failure(done.error(), "visit");
        tx.commit();
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "correcting a visit failed:" << e.what();
        return failure({fb::ErrorCode::Storage, e.what(), {}}, "visit");
    }
    reportLocal({QStringLiteral("visit_amendment")}, account);
    return ok();
}

QVariantMap VisitController::loadRecord(const QString& entity, const QString& id)
{
    if (entity != QLatin1String("visit")) return {};
    return guarded("reading a visit", [&]() -> QVariantMap {
        auto record = context_.store().get("visit", ss(id));
        if (!record) return {};
        QVariantMap map = recordvalues::toMap("visit", *record);
        // What was typed and not yet committed is what the rep sees.
        const fb::schema::Entity* visit = fb::schema::entity("visit");
        for (const auto& [field, value] : visits_.drafts(ss(id)))
            if (const fb::schema::Field* f = visit->field(field))
                map.insert(qs(field), f->type == fb::schema::FieldType::Enum || fb::isNull(value)
                                          ? recordvalues::toVariant(*f, value)
                                          : QVariant(qs(fb::valueToString(value))));
        return map;
    });
}

QVariantMap VisitController::newRecord(const QString& entity, const QString& parentId)
{
    Q_UNUSED(parentId)
    if (entity != QLatin1String("agreement")) return {};
    const QDate today = formats::localDay(context_.clock(), context_.clock().nowMs());
    return {{QStringLiteral("kind"), QStringLiteral("annual")},
            {QStringLiteral("signed_on"), today.toString(Qt::ISODate)},
            {QStringLiteral("starts_on"), today.toString(Qt::ISODate)},
            {QStringLiteral("ends_on"), today.addYears(1).addDays(-1).toString(Qt::ISODate)}};
}

QVariantMap VisitController::saveRecord(const QString& entity, const QString& id, const QString& parentId,
                                        const QVariantMap& values)
{
    QString account = accountId_;
    QVariantMap saved;
    try {
        if (entity == QLatin1String("visit")) {
            // The answers are kept as they are typed; saving commits them to the record.
            if (!session_ || ss(id) != session_->visitId)
                return failure({fb::ErrorCode::ReadOnly, "only the visit in progress is filled in", {}},
                               "visit");
            const QVariantMap stored = loadRecord(entity, id);
            fb::Transaction tx(context_.database());
            for (auto it = values.begin(); it != values.end(); ++it) {
                if (recordvalues::isDerivedKey(it.key()) || stored.value(it.key()) == it.value()) continue;
                const fb::Value typed =
                    it.value().isNull() ? fb::Value{} : fb::Value{ss(it.value().toString())};
                if (auto kept = visits_.draft(tx, session_->visitId, ss(it.key()), typed); !kept)
                    return failure(kept.error(), "visit");
            }
            if (auto committed = visits_.commitDrafts(tx, session_->visitId); !committed)
                return failure(committed.error(), "visit");
            tx.commit();
            saved = ok();
            saved.insert(QStringLiteral("id"), id);
        } else if (entity == QLatin1String("agreement") && id.isEmpty()) {
            QVariantMap given = values;
            given.remove(QStringLiteral("visit_id"));
            given.remove(QStringLiteral("account_id"));
            const recordvalues::Checked input = recordvalues::check("agreement", given, true, true);
            if (!input.errors.isEmpty())
                return {{QStringLiteral("ok"), false},
                        {QStringLiteral("errors"), input.errors},
                        {QStringLiteral("message"), input.errors.first().toString()}};
            fb::Transaction tx(context_.database());
            auto created = visits_.recordAgreement(tx, ss(parentId), input.fields);
            if (!created) return failure(created.error(), "agreement");
            tx.commit();
            saved = ok();
            saved.insert(QStringLiteral("id"), qs(*created));
        } else {
            return failure({fb::ErrorCode::ReadOnly, "an agreement is recorded once, not edited", {}},
                           "agreement");
        }
    } catch (const std::exception& e) {
        qCCritical(lcApp) << "saving a visit's record failed:" << e.what();
        return failure({fb::ErrorCode::Storage, e.what(), {}}, ss(entity).c_str());
    }
    refresh();
    reportLocal({entity, QStringLiteral("account")}, account);
    return saved;
}
