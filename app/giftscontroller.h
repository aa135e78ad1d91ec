// GiftsController: the rep's gift stock and the tier cadence policies for QML (the `Gifts`
// singleton), read-only until the visit issue adds issuing gifts. Both arrive by sync: the
// stock is the rep's own ledger (owner scope), the catalogue and the policies are reference
// data (global scope). Re-read whenever the ChangeNotifier reports one of those entities.
//
// The reads run on the app's reader (QueryExecutor), the texts are made on the UI thread
// when they arrive; `loaded` turns true with the first.
//
// Ownership: created by main() (or a test); borrows the AppContext and the TranslationLoader,
// which outlive it. UI thread only.
#pragma once

#include <QObject>
#include <QVariantList>

#include "queryexecutor.h"

class AppContext;
class TranslationLoader;

class GiftsController : public QObject {
    Q_OBJECT
    // [{itemId, name, code, category, categoryLabel, quantity, quantityText, valueText,
    //   lastReceiptText, held}] — items held first.
    Q_PROPERTY(QVariantList stock READ stock NOTIFY changed)
    // [{tier, tierLabel, rules: [text]}] by tier, each rule "Phone callback: at least 4 a month".
    Q_PROPERTY(QVariantList policies READ policies NOTIFY changed)
    // The first read has arrived (before it, an empty list means "not read yet").
    Q_PROPERTY(bool loaded READ loaded NOTIFY changed)

public:
    GiftsController(AppContext& context, const TranslationLoader& translations, QObject* parent = nullptr);

    QVariantList stock() const { return stock_; }
    QVariantList policies() const { return policies_; }
    bool loaded() const { return loaded_; }

public slots:
    // Reads both again (also after a language change: the texts are made here).
    void reload();

signals:
    void changed();

private:
    struct Read;
    void show(const Read& read);

    AppContext& context_;
    QueryLane lane_{this};
    bool loaded_ = false;
    const TranslationLoader& translations_;
    QVariantList stock_;
    QVariantList policies_;
};
