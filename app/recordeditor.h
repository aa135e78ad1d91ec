// RecordEditor: the one form model every record form uses (QML: `RecordEditor { source:
// Archive; entity: "key_person"; recordId: … }`). It holds the values as the rep types them,
// checks the whole record after every change with core's own rules (recordvalues::check:
// the registry's field declarations, required fields, the entity's entry rules), and shows a
// field's message once the rep has touched it or pressed Save. Save hands the values to the
// feature controller that owns the entity (a RecordSource); the messages it returns are shown
// at their fields until the rep edits them. A form page only lays out its fields
// (RecordField.qml) and says where to go after saving.
//
// Ownership: a QML object owned by its page; `source` is borrowed (a controller singleton).
#pragma once

#include <QObject>
#include <QSet>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

// What a feature controller offers a RecordEditor for the entities it owns.
class RecordSource {
public:
    virtual ~RecordSource() = default;
    // The stored record as QML sees it (recordvalues::toMap), or {} when there is none.
    virtual QVariantMap loadRecord(const QString& entity, const QString& id) = 0;
    // The values a new record of `entity` starts with (a new account is a prospect).
    virtual QVariantMap newRecord(const QString& entity, const QString& parentId) = 0;
    // Creates (empty id) or updates one record: {ok, id, errors: {field: message}, message}.
    // `parentId` names the owner of a new child record (a key person's account).
    virtual QVariantMap saveRecord(const QString& entity, const QString& id, const QString& parentId,
                                   const QVariantMap& values) = 0;
};
#define RecordSource_iid "app.fieldbook.RecordSource/1"
Q_DECLARE_INTERFACE(RecordSource, RecordSource_iid)

class RecordEditor : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QObject* source READ source WRITE setSource NOTIFY sourceChanged)
    Q_PROPERTY(QString entity READ entity WRITE setEntity NOTIFY entityChanged)
    // Empty: a new record.
    Q_PROPERTY(QString recordId READ recordId WRITE setRecordId NOTIFY recordIdChanged)
    // The owner of a new child record (a key person's account); read from the record otherwise.
    Q_PROPERTY(QString parentId READ parentId WRITE setParentId NOTIFY parentIdChanged)
    Q_PROPERTY(QVariantMap values READ values NOTIFY valuesChanged)
    // field → the message shown at it now.
    Q_PROPERTY(QVariantMap errors READ errors NOTIFY errorsChanged)
    // No field breaks a rule (shown or not yet).
    Q_PROPERTY(bool valid READ valid NOTIFY errorsChanged)
    // The values differ from what was loaded (leaving asks first).
    Q_PROPERTY(bool dirty READ dirty NOTIFY valuesChanged)
    Q_PROPERTY(bool attempted READ attempted NOTIFY errorsChanged)
    // Above the form: why the last save did not happen.
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    // Whether the record exists (false for a new one, or one that was removed meanwhile).
    Q_PROPERTY(bool found READ found NOTIFY valuesChanged)

public:
    explicit RecordEditor(QObject* parent = nullptr);

    QObject* source() const { return sourceObject_; }
    void setSource(QObject* source);
    QString entity() const { return entity_; }
    void setEntity(const QString& entity);
    QString recordId() const { return recordId_; }
    void setRecordId(const QString& id);
    QString parentId() const { return parentId_; }
    void setParentId(const QString& id);
    QVariantMap values() const { return values_; }
    QVariantMap errors() const;
    bool valid() const { return checkErrors_.isEmpty() && pageErrors_.isEmpty(); }
    bool dirty() const;
    bool attempted() const { return attempted_; }
    QString message() const { return message_; }
    bool found() const { return found_; }

    // Reads the record (or a new one's defaults, with the page's `initial` values over them)
    // into the form; forgets touches and messages. What is loaded is what "unchanged" means.
    Q_INVOKABLE void load(const QVariantMap& initial = {});
    // The rep changed one field.
    Q_INVOKABLE void set(const QString& field, const QVariant& value);
    // A check the page makes itself, about input that is not one stored value (the custom
    // fields' names); "" clears it. It blocks Save like core's checks.
    Q_INVOKABLE void setPageError(const QString& field, const QString& message);
    // Checks as Save does (every message shows) without writing: for a form whose values a
    // page hands on itself. False when a field breaks a rule.
    Q_INVOKABLE bool check();
    // Checks and writes. False: nothing was written, and the reasons are at their fields.
    Q_INVOKABLE bool save();

signals:
    void sourceChanged();
    void entityChanged();
    void recordIdChanged();
    void parentIdChanged();
    void valuesChanged();
    void errorsChanged();
    void messageChanged();
    // The rep changed a field (set()): a page that keeps each answer as it is typed listens.
    void edited(const QString& field, const QVariant& value);
    // After a successful save: the record's id, and whether it was created.
    void saved(const QString& id, bool created);

private:
    void recheck();
    void setMessage(const QString& message);

    QObject* sourceObject_ = nullptr;
    RecordSource* source_ = nullptr;
    QString entity_;
    QString recordId_;
    QString parentId_;
    QVariantMap values_;
    QVariantMap loaded_;
    bool found_ = false;
    QVariantMap checkErrors_;   // core's verdict on the whole record now
    QVariantMap pageErrors_;    // the page's own checks
    QVariantMap serverErrors_;  // from the last save, until the field is edited
    QSet<QString> touched_;
    bool attempted_ = false;
    QString message_;
};
