// The visit a rep carries out, as the steps the app takes, each one transaction: check in,
// read the briefing, tick, type the conversation a character at a time (drafts), move on
// (commit), record an agreement, type the check-out, finish. Shared by the kill test and its
// child process (visit_kill_child.cpp), which runs it until it is killed; `snapshot` is what a
// rep would find on reopening, without the ids (which differ between runs).
#pragma once

#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "fieldbook/core/visits.h"

namespace fb::test {

using VisitOp = std::function<Result<void>(Visits&, Store&, Transaction&)>;

inline std::vector<VisitOp> visitScript(const std::string& accountId, std::int64_t nowMs)
{
    std::vector<VisitOp> ops;
    auto current = [](Visits& v) { return v.session() ? v.session()->visitId : std::string(); };
    ops.push_back([=](Visits& v, Store&, Transaction& tx) -> Result<void> {
        auto id =
            v.start(tx, "u-kill", {accountId, "return_visit", "", std::string("30.2593,120.1452,12"), nowMs});
        if (!id) return id.error();
        return {};
    });
    auto step = [&](VisitStep s) {
        ops.push_back([=](Visits& v, Store&, Transaction& tx) -> Result<void> {
            if (auto c = v.commitDrafts(tx, current(v)); !c) return c;
            return v.setStep(tx, s);
        });
    };
    step(VisitStep::Briefing);
    ops.push_back([=](Visits& v, Store&, Transaction& tx) {
        return v.markBriefingRead(tx, current(v), nowMs + 60'000);
    });
    step(VisitStep::Preparation);
    for (const char* code : {"purpose_stated", "samples", "business_cards"})
        ops.push_back([=](Visits& v, Store&, Transaction& tx) { return v.tick(tx, current(v), code, true); });
    step(VisitStep::Conversation);
    const std::string typed = "老板同意先试两箱，下周送货";
    std::string sofar;
    for (std::size_t i = 0; i < typed.size();) {
        const std::size_t len = (static_cast<unsigned char>(typed[i]) >= 0xE0) ? 3 : 1;  // one character
        sofar += typed.substr(i, len);
        i += len;
        ops.push_back([=](Visits& v, Store&, Transaction& tx) {
            return v.draft(tx, current(v), "conversation", Value{sofar});
        });
    }
    ops.push_back([=](Visits& v, Store&, Transaction& tx) {
        return v.draft(tx, current(v), "next_goal", Value{std::string("送货并收款")});
    });
    step(VisitStep::Agreement);
    ops.push_back([=](Visits& v, Store&, Transaction& tx) -> Result<void> {
        auto a = v.recordAgreement(tx, current(v),
                                   {{"kind", std::string("quarterly")},
                                    {"starts_on", std::string("2026-04-01")},
                                    {"ends_on", std::string("2026-06-30")},
                                    {"signed_on", std::string("2026-03-02")},
                                    {"terms", std::string("两箱试用")}});
        if (!a) return a.error();
        return {};
    });
    step(VisitStep::CheckOut);
    ops.push_back([=](Visits& v, Store&, Transaction& tx) {
        return v.draft(tx, current(v), "outcome", Value{std::string("约好下周送货")});
    });
    ops.push_back([=](Visits& v, Store&, Transaction& tx) {
        return v.finish(tx, current(v), {"strong", "", std::nullopt, nowMs + 3'600'000, "2026-03-02"});
    });
    return ops;
}

// What the rep finds on reopening: the step, the typed answers, the visit's recorded fields,
// the agreements, follow-ups and queued changes.
inline std::string snapshot(Database& db)
{
    std::ostringstream out;
    auto dump = [&](const std::string& sql) {
        Statement st = db.prepare(sql);
        while (st.step()) {
            for (int c = 0; c < st.columnCount(); ++c)
                out << valueToString(st.value(c)) << '|';
            out << '\n';
        }
    };
    dump("SELECT step FROM visit_session");
    dump("SELECT field, value FROM visit_draft ORDER BY field");
    dump("SELECT status, purpose, checkin_at, checkin_location, briefing_read_at, checklist, conversation,"
         " next_goal, outcome, interest, checkout_at FROM visit");
    dump("SELECT kind, starts_on, ends_on, terms FROM agreement");
    dump("SELECT kind, due_on, status FROM task ORDER BY kind");
    dump("SELECT count(*) FROM outbox");
    return out.str();
}

}  // namespace fb::test
