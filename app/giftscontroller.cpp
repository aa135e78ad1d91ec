// See giftscontroller.h.
#include "giftscontroller.h"

#include "appcontext.h"
#include "fieldbook/core/gifts.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/sync/engine.h"
#include "formats.h"
#include "messages.h"
#include "translationloader.h"

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

// "每月" / "a month" for a policy period.
QString periodPhrase(const std::string& period)
{
    if (period == "two_months") return GiftsController::tr("every two months");
    if (period == "quarter") return GiftsController::tr("a quarter");
    return GiftsController::tr("a month");
}

}  // namespace

GiftsController::GiftsController(AppContext& context, const TranslationLoader& translations, QObject* parent)
    : QObject(parent), context_(context), translations_(translations)
{
    connect(&context_.changes(), &ChangeNotifier::changed, this,
            [this](ChangeNotifier::Origin, const QStringList& entities) {
                if (ChangeNotifier::touches(entities, {"gift_item", "stock_movement", "tier_policy"}))
                    reload();
            });
    reload();
}

struct GiftsController::Read {
    std::vector<fb::StockLine> stock;
    std::vector<fb::TierPolicy> policies;
};

void GiftsController::reload()
{
    // Whose stock: the signed-in user (one row of sync_state, read here on the writer).
    const std::string me = fb::Replica(context_.store()).setting(fb::sync::key::kUserId);
    context_.queries().submit<Read>(
        lane_, lane_.bump(),
        [me](fb::Database& db) {
            Read read;
            if (!me.empty()) read.stock = fb::stockOf(db, me);
            read.policies = fb::tierPolicies(db);
            return read;
        },
        [this](const std::optional<Read>& read) {
            if (read) show(*read);
        });
}

void GiftsController::show(const Read& read)
{
    const bool chinese = translations_.isChinese();
    const QDate today = formats::localDay(context_.clock(), context_.clock().nowMs());

    stock_.clear();
    for (const fb::StockLine& line : read.stock) {
        const QString unit = qs(line.unit);
        QString receipt;
        if (line.lastReceiptMs > 0)
            receipt = tr("%1: received %2")
                          .arg(formats::date(QDateTime::fromMSecsSinceEpoch(line.lastReceiptMs).date(), today,
                                             chinese, true),
                               formats::quantity(line.lastReceiptQuantity, unit, chinese));
        stock_.append(QVariantMap{
            {QStringLiteral("itemId"), qs(line.itemId)},
            // An item whose catalogue entry has not arrived yet still shows, by its id.
            {QStringLiteral("name"), line.name.empty() ? tr("Item not in the catalogue yet") : qs(line.name)},
            {QStringLiteral("code"), qs(line.code)},
            {QStringLiteral("category"), qs(line.category)},
            {QStringLiteral("categoryLabel"),
             line.category.empty() ? QString()
                                   : messages::optionLabel("gift_item", "category", line.category, chinese)},
            {QStringLiteral("quantity"), qlonglong(line.quantity)},
            {QStringLiteral("quantityText"), formats::quantity(line.quantity, unit, chinese)},
            {QStringLiteral("valueText"),
             line.unitValueFen > 0 ? tr("%1 each").arg(formats::money(line.unitValueFen)) : QString()},
            {QStringLiteral("lastReceiptText"), receipt},
            {QStringLiteral("held"), line.quantity != 0},
        });
    }

    policies_.clear();
    QVariantMap group;
    QStringList rules;
    auto flush = [&] {
        if (group.isEmpty()) return;
        group.insert(QStringLiteral("rules"), rules);
        policies_.append(group);
        group.clear();
        rules.clear();
    };
    for (const fb::TierPolicy& p : read.policies) {
        if (group.value(QStringLiteral("tier")).toString() != qs(p.tier)) {
            flush();
            group = {
                {QStringLiteral("tier"), qs(p.tier)},
                {QStringLiteral("tierLabel"), messages::optionLabel("tier_policy", "tier", p.tier, chinese)}};
        }
        const QString activity = messages::optionLabel("tier_policy", "activity", p.activity, chinese);
        const QString period = periodPhrase(p.period);
        if (p.minCount && p.maxCount)
            rules << tr("%1: %2 to %3 %4").arg(activity).arg(*p.minCount).arg(*p.maxCount).arg(period);
        else if (p.minCount)
            rules << tr("%1: at least %2 %3").arg(activity).arg(*p.minCount).arg(period);
        else if (p.maxCount)
            rules << tr("%1: at most %2 %3").arg(activity).arg(*p.maxCount).arg(period);
    }
    flush();
    loaded_ = true;
    emit changed();
}
