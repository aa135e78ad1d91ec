// See recordeditor.h.
#include "recordeditor.h"

#include "applogging.h"
#include "fieldbook/core/schema.h"
#include "recordvalues.h"

namespace {

// Whether two form values of one field are the same stored value ("12" and 12, " a" and "a").
bool sameValue(const fb::schema::Field& field, const QVariant& a, const QVariant& b)
{
    return recordvalues::fromVariant(field, a) == recordvalues::fromVariant(field, b);
}

}  // namespace

RecordEditor::RecordEditor(QObject* parent) : QObject(parent) {}

void RecordEditor::setSource(QObject* source)
{
    if (sourceObject_ == source) return;
    sourceObject_ = source;
    source_ = qobject_cast<RecordSource*>(source);
    if (source && !source_)
        qCWarning(lcApp) << "RecordEditor: the source cannot load or save records" << source;
    emit sourceChanged();
}

void RecordEditor::setEntity(const QString& entity)
{
    if (entity_ == entity) return;
    entity_ = entity;
    if (!fb::schema::entity(entity.toStdString()))
        qCWarning(lcApp) << "RecordEditor: unknown entity" << entity;
    emit entityChanged();
}

void RecordEditor::setRecordId(const QString& id)
{
    if (recordId_ == id) return;
    recordId_ = id;
    emit recordIdChanged();
}

void RecordEditor::setParentId(const QString& id)
{
    if (parentId_ == id) return;
    parentId_ = id;
    emit parentIdChanged();
}

QVariantMap RecordEditor::errors() const
{
    QVariantMap shown = serverErrors_;
    for (auto it = pageErrors_.begin(); it != pageErrors_.end(); ++it) {
        if (!shown.contains(it.key())) shown.insert(it.key(), it.value());
    }
    for (auto it = checkErrors_.begin(); it != checkErrors_.end(); ++it) {
        if (!shown.contains(it.key()) && (attempted_ || touched_.contains(it.key())))
            shown.insert(it.key(), it.value());
    }
    return shown;
}

bool RecordEditor::dirty() const
{
    const fb::schema::Entity* e = fb::schema::entity(entity_.toStdString());
    if (!e) return false;
    for (const fb::schema::Field& field : e->fields) {
        const QString name = QString::fromUtf8(field.name.data(), qsizetype(field.name.size()));
        if (!sameValue(field, values_.value(name), loaded_.value(name))) return true;
    }
    return false;
}

void RecordEditor::load(const QVariantMap& initial)
{
    QVariantMap record;
    found_ = false;
    if (source_ && !recordId_.isEmpty()) {
        record = source_->loadRecord(entity_, recordId_);
        found_ = !record.isEmpty();
        if (!found_) setMessage(tr("This record is no longer on this device; it may have been removed."));
    } else if (source_) {
        record = source_->newRecord(entity_, parentId_);
        for (auto it = initial.begin(); it != initial.end(); ++it)
            record.insert(it.key(), it.value());
    }
    values_ = record;
    loaded_ = record;
    touched_.clear();
    serverErrors_.clear();
    attempted_ = false;
    if (found_ || recordId_.isEmpty()) setMessage({});
    recheck();
    emit valuesChanged();
}

void RecordEditor::set(const QString& field, const QVariant& value)
{
    const bool changed = values_.value(field) != value;
    values_.insert(field, value);
    touched_.insert(field);
    serverErrors_.remove(field);
    recheck();
    if (changed) {
        emit valuesChanged();
        emit edited(field, value);
    }
}

void RecordEditor::setPageError(const QString& field, const QString& message)
{
    if (pageErrors_.value(field).toString() == message) return;
    if (message.isEmpty())
        pageErrors_.remove(field);
    else
        pageErrors_.insert(field, message);
    emit errorsChanged();
}

void RecordEditor::recheck()
{
    checkErrors_ = recordvalues::check(entity_.toStdString(), values_, recordId_.isEmpty(), true,
                                       recordId_.isEmpty() ? nullptr : &loaded_)
                       .errors;
    emit errorsChanged();
}

bool RecordEditor::check()
{
    attempted_ = true;
    recheck();
    if (!valid()) {
        setMessage(tr("Please correct the fields marked in red."));
        return false;
    }
    setMessage({});
    return true;
}

bool RecordEditor::save()
{
    if (!check()) return false;
    if (!source_) {
        qCWarning(lcApp) << "RecordEditor: save without a source";
        setMessage(tr("This form cannot be saved."));
        return false;
    }
    const bool creating = recordId_.isEmpty();
    const QVariantMap result = source_->saveRecord(entity_, recordId_, parentId_, values_);
    if (!result.value(QStringLiteral("ok")).toBool()) {
        serverErrors_ = result.value(QStringLiteral("errors")).toMap();
        const QString text = result.value(QStringLiteral("message")).toString();
        setMessage(text.isEmpty() ? tr("The record could not be saved.") : text);
        emit errorsChanged();
        return false;
    }
    const QString id = result.value(QStringLiteral("id")).toString();
    serverErrors_.clear();
    loaded_ = values_;
    found_ = true;
    setMessage({});
    emit errorsChanged();
    emit valuesChanged();
    if (creating) setRecordId(id);
    emit saved(id, creating);
    return true;
}

void RecordEditor::setMessage(const QString& message)
{
    if (message_ == message) return;
    message_ = message;
    emit messageChanged();
}
