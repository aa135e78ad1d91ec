// See accountlistmodel.h.
#include "accountlistmodel.h"

#include <algorithm>

#include "applogging.h"
#include "fieldbook/core/cadence.h"
#include "fieldbook/core/lifecycle.h"

namespace {
QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

QString matchFieldName(fb::MatchField field)
{
    switch (field) {
    case fb::MatchField::Name:
        return QStringLiteral("name");
    case fb::MatchField::KeyPerson:
        return QStringLiteral("person");
    case fb::MatchField::Phone:
        return QStringLiteral("phone");
    case fb::MatchField::Address:
        return QStringLiteral("address");
    }
    return {};
}

// The hit's name marks, from code points to QString (UTF-16) offsets.
QVariantList nameMarks(const fb::AccountHit& hit)
{
    QVariantList out;
    if (hit.nameMarks.empty()) return out;
    const QString name = qs(hit.name);
    std::vector<int> utf16;  // code point -> UTF-16 offset
    for (int i = 0; i < name.size(); ++i) {
        utf16.push_back(i);
        if (name.at(i).isHighSurrogate() && i + 1 < name.size()) ++i;
    }
    utf16.push_back(int(name.size()));
    const auto at = [&](int cp) { return utf16[std::size_t(std::clamp(cp, 0, int(utf16.size()) - 1))]; };
    for (const auto& [begin, end] : hit.nameMarks)
        out.append(QVariant(QVariantList{at(begin), at(end)}));
    return out;
}
}  // namespace

AccountListModel::AccountListModel(QObject* parent) : QAbstractListModel(parent) {}

AccountListModel::~AccountListModel() = default;

int AccountListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

QVariant AccountListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const fb::AccountHit& hit = rows_[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return qs(hit.name);
    case AccountIdRole:
        return qs(hit.accountId);
    case TierRole:
        return qs(hit.tier);
    case StageRole:
        return qs(hit.stage);
    case IndustryRole:
        return qs(hit.industry);
    case RegionRole:
        return qs(hit.region);
    case PhoneRole:
        return qs(hit.phone);
    case PersonNameRole:
        return qs(hit.personName);
    case PersonRoleRole:
        return qs(hit.personRole);
    case MatchFieldRole:
        return matchFieldName(hit.field);
    case MatchedTextRole:
        return qs(hit.matchedText);
    case MatchedInRole:
        return hit.matchedText.empty() ? QString() : matchFieldName(hit.matchedIn);
    case NameMarksRole:
        return nameMarks(hit);
    case LastVisitRole: {
        const std::size_t at = static_cast<std::size_t>(index.row());
        if (!archive_ || at >= rhythm_.size()) return QString();
        return archive_->lastVisitText(rhythm_[at].lastVisitMs);
    }
    case NextRole: {
        const std::size_t at = static_cast<std::size_t>(index.row());
        if (!archive_ || at >= rhythm_.size()) return QString();
        const fb::AccountRhythm& r = rhythm_[at];
        return archive_->nextText(r.nextAppointmentMs, qs(r.nextTaskKind), qs(r.nextTaskDue));
    }
    case NextOverdueRole: {
        const std::size_t at = static_cast<std::size_t>(index.row());
        if (!archive_ || at >= rhythm_.size()) return false;
        return archive_->nextOverdue(rhythm_[at].nextAppointmentMs, qs(rhythm_[at].nextTaskDue));
    }
    case DecliningRole: {
        const std::size_t at = static_cast<std::size_t>(index.row());
        return at < declining_.size() && declining_[at] != 0;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> AccountListModel::roleNames() const
{
    return {{AccountIdRole, "accountId"},
            {NameRole, "name"},
            {TierRole, "tier"},
            {StageRole, "stage"},
            {IndustryRole, "industry"},
            {RegionRole, "region"},
            {PhoneRole, "phone"},
            {PersonNameRole, "personName"},
            {PersonRoleRole, "personRole"},
            {MatchFieldRole, "matchField"},
            {MatchedTextRole, "matchedText"},
            {MatchedInRole, "matchedIn"},
            {NameMarksRole, "nameMarks"},
            {LastVisitRole, "lastVisit"},
            {NextRole, "next"},
            {NextOverdueRole, "nextOverdue"},
            {DecliningRole, "declining"}};
}

bool AccountListModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && archive_ && pending_ == 0 && !fetching_ && int(rows_.size()) < total_;
}

void AccountListModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent)) return;
    fetching_ = true;
    setPending(pending_ + 1);
    request(lane_.generation(), int(rows_.size()), kPageSize);
}

void AccountListModel::componentComplete()
{
    if (archive_) return;
    QQmlEngine* engine = qmlEngine(this);
    const int typeId = qmlTypeId("Fieldbook.App", 1, 0, "Archive");
    if (!engine || typeId < 0) {
        qCWarning(lcApp) << "AccountListModel has no Archive to read from";
        return;
    }
    setArchive(engine->singletonInstance<ArchiveController*>(typeId));
}

void AccountListModel::setArchive(ArchiveController* archive)
{
    if (archive_ == archive) return;
    disconnect(changedConnection_);
    archive_ = archive;
    if (archive_) {
        changedConnection_ = connect(archive_, &ArchiveController::changed, this, &AccountListModel::refresh);
    }
    emit archiveChanged();
    refresh();
}

void AccountListModel::setFilterField(QString Filter::*member, const QString& value,
                                      void (AccountListModel::*notify)())
{
    if (filter_.*member == value) return;
    filter_.*member = value;
    emit(this->*notify)();
    refresh();
}

void AccountListModel::setSearchText(const QString& value)
{
    setFilterField(&Filter::searchText, value, &AccountListModel::searchTextChanged);
}
void AccountListModel::setTier(const QString& value)
{
    setFilterField(&Filter::tier, value, &AccountListModel::tierChanged);
}
void AccountListModel::setStage(const QString& value)
{
    setFilterField(&Filter::stage, value, &AccountListModel::stageChanged);
}
void AccountListModel::setIndustry(const QString& value)
{
    setFilterField(&Filter::industry, value, &AccountListModel::industryChanged);
}
void AccountListModel::setRegion(const QString& value)
{
    setFilterField(&Filter::region, value, &AccountListModel::regionChanged);
}

fb::AccountFilter AccountListModel::coreFilter() const
{
    fb::AccountFilter filter;
    filter.text = filter_.searchText.trimmed().toStdString();
    filter.tier = filter_.tier.toStdString();
    filter.stage = filter_.stage.toStdString();
    filter.industry = filter_.industry.toStdString();
    filter.region = filter_.region.toStdString();
    // The rep's own openings of the last 30 days lift an account among equal matches; the
    // window is the list's, set when it was last reloaded, so later pages keep the order.
    fb::setRecentWindow(filter, listedAtMs_);
    return filter;
}

void AccountListModel::refresh()
{
    if (!archive_) return;
    listedAtMs_ = archive_->nowMs();
    const quint64 generation = lane_.bump();
    fetching_ = false;
    setPending(1);
    // Keep as many rows as are shown, so a reload after an edit does not shrink the list
    // under the rep's finger.
    request(generation, 0, std::max<int>(kPageSize, int(rows_.size())));
}

void AccountListModel::request(quint64 generation, int offset, int limit)
{
    if (!archive_) return;
    archive_->queries().submit<Page>(
        lane_, generation,
        [filter = coreFilter(), offset, limit, now = archive_->nowMs(),
         clock = &archive_->clock()](fb::Database& db) {
            Page page{fb::AccountQuery(db).page(filter, offset, limit), {}};
            std::vector<std::string> ids;
            ids.reserve(page.accounts.hits.size());
            for (const fb::AccountHit& hit : page.accounts.hits)
                ids.push_back(hit.accountId);
            page.rhythm = fb::rhythmOf(db, ids, now);
            const std::string today = fb::localDayOf(*clock, now);
            page.declining.reserve(ids.size());
            for (const auto& life : fb::lifecyclesOf(db, ids, *clock))
                page.declining.push_back(life && fb::declineWarned(*life, today) ? 1 : 0);
            return page;
        },
        [this, generation, offset](const std::optional<Page>& page) {
            onPageReady(generation, offset, page);
        });
}

void AccountListModel::onPageReady(quint64 generation, int offset, const std::optional<Page>& page)
{
    if (generation != lane_.generation()) return;  // a newer filter replaced it
    setPending(pending_ - 1);
    const bool more = offset > 0;
    if (more) fetching_ = false;
    if (!page) return;

    const int oldCount = count();
    const int oldTotal = total_;
    const auto& hits = page->accounts.hits;
    if (!more) {
        beginResetModel();
        rows_ = hits;
        rhythm_ = page->rhythm;
        declining_ = page->declining;
        total_ = page->accounts.total;
        endResetModel();
    } else if (offset == int(rows_.size()) && !hits.empty()) {
        beginInsertRows({}, int(rows_.size()), int(rows_.size() + hits.size()) - 1);
        rows_.insert(rows_.end(), hits.begin(), hits.end());
        rhythm_.insert(rhythm_.end(), page->rhythm.begin(), page->rhythm.end());
        declining_.insert(declining_.end(), page->declining.begin(), page->declining.end());
        total_ = page->accounts.total;
        endInsertRows();
    } else if (offset == int(rows_.size())) {
        // A search with many hits counts some it has not checked yet; the last page, empty,
        // knows there are no more.
        total_ = page->accounts.total;
    }
    if (count() != oldCount) emit countChanged();
    if (total_ != oldTotal) emit totalChanged();
}

void AccountListModel::setPending(int pending)
{
    const bool wasLoading = loading();
    pending_ = std::max(0, pending);
    if (loading() != wasLoading) emit loadingChanged();
}
