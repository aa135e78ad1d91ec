// AccountListModel: the account list (search box, tier/stage/industry/region filters) for
// QML, paged 50 at a time through canFetchMore/fetchMore, sorted by the pinyin of the name.
//
// Queries run on the app's one reader (QueryExecutor, owned by the AppContext); the model
// only ever touches its rows on the UI thread. Changing a filter starts a new query
// generation on the model's lane: a query of an older generation that has not started is
// skipped, and a late result of one is dropped.
//
// Wiring: set `archive` from C++ (tests), or leave it unset in QML and the model takes the
// `Archive` singleton of its engine when the component completes. The model reloads when
// the archive reports a change.
#pragma once

#include <vector>

#include <QAbstractListModel>
#include <QPointer>
#include <QQmlEngine>
#include <QQmlParserStatus>

#include "archivecontroller.h"
#include "fieldbook/core/search.h"
#include "fieldbook/core/visits.h"
#include "queryexecutor.h"

class AccountListModel : public QAbstractListModel, public QQmlParserStatus {
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_ELEMENT
    Q_PROPERTY(QString searchText READ searchText WRITE setSearchText NOTIFY searchTextChanged)
    Q_PROPERTY(QString tier READ tier WRITE setTier NOTIFY tierChanged)
    Q_PROPERTY(QString stage READ stage WRITE setStage NOTIFY stageChanged)
    Q_PROPERTY(QString industry READ industry WRITE setIndustry NOTIFY industryChanged)
    Q_PROPERTY(QString region READ region WRITE setRegion NOTIFY regionChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int total READ total NOTIFY totalChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(ArchiveController* archive READ archive WRITE setArchive NOTIFY archiveChanged)

public:
    enum Role {
        AccountIdRole = Qt::UserRole + 1,
        NameRole,
        TierRole,
        StageRole,
        IndustryRole,
        RegionRole,
        PhoneRole,
        PersonNameRole,
        PersonRoleRole,
        MatchFieldRole,   // "name", "person", "phone" or "address": what the search matched
        MatchedTextRole,  // the phone or address that matched
        MatchedInRole,    // "phone" or "address": which one it is; "" when none
        NameMarksRole,    // [[begin, end], …] of the name (UTF-16) the search matched, to highlight
        LastVisitRole,    // "Last visit 7 days ago" / "Not visited yet"
        NextRole,         // the next appointment or follow-up; "" when none
        NextOverdueRole,  // that follow-up is past its day
        DecliningRole,    // fallen behind its own rhythm, the warning unanswered (lifecycle.h)
    };
    Q_ENUM(Role)

    static constexpr int kPageSize = 50;

    explicit AccountListModel(QObject* parent = nullptr);
    ~AccountListModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    void classBegin() override {}
    void componentComplete() override;

    QString searchText() const { return filter_.searchText; }
    QString tier() const { return filter_.tier; }
    QString stage() const { return filter_.stage; }
    QString industry() const { return filter_.industry; }
    QString region() const { return filter_.region; }
    void setSearchText(const QString& value);
    void setTier(const QString& value);
    void setStage(const QString& value);
    void setIndustry(const QString& value);
    void setRegion(const QString& value);
    int count() const { return int(rows_.size()); }
    int total() const { return total_; }
    bool loading() const { return pending_ > 0; }
    ArchiveController* archive() const { return archive_; }
    void setArchive(ArchiveController* archive);

    // Reloads from the first page, keeping as many rows as are loaded now.
    Q_INVOKABLE void refresh();

signals:
    void searchTextChanged();
    void tierChanged();
    void stageChanged();
    void industryChanged();
    void regionChanged();
    void countChanged();
    void totalChanged();
    void loadingChanged();
    void archiveChanged();

private:
    struct Filter {
        QString searchText, tier, stage, industry, region;
    };
    fb::AccountFilter coreFilter() const;
    void request(quint64 generation, int offset, int limit);
    // A page of hits and, for each, where it stands (read together on the reader).
    struct Page {
        fb::AccountPage accounts;
        std::vector<fb::AccountRhythm> rhythm;
        std::vector<char> declining;  // lifecycle.h's decline warning, one per hit
    };
    void onPageReady(quint64 generation, int offset, const std::optional<Page>& page);
    void setPending(int pending);
    void setFilterField(QString Filter::*member, const QString& value, void (AccountListModel::*notify)());

    Filter filter_;
    qint64 listedAtMs_ = 0;  // when the list was last reloaded: its window of recent openings
    std::vector<fb::AccountHit> rows_;
    std::vector<fb::AccountRhythm> rhythm_;  // one per row
    std::vector<char> declining_;            // one per row
    int total_ = 0;
    int pending_ = 0;        // requests of the current generation not answered yet
    bool fetching_ = false;  // a fetchMore page is on its way
    QueryLane lane_{this};
    QPointer<ArchiveController> archive_;
    QMetaObject::Connection changedConnection_;
};
