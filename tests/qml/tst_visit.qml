// A whole visit driven through the Visit tab, as a rep does it: an appointment today, Start
// on it, the position read (with consent), each step in turn — the briefing read, two ticks,
// the conversation typed key by key (kept as typed: a fresh form over the same visit shows it
// before any Next), the sales form refusing a merchant route without a merchant at its field,
// gifts handed over to a key person with a signature drawn on the screen, an agreement recorded, a new prospect referred — and the check-out, which closes the visit,
// marks the appointment done and puts it on the account's timeline with its follow-ups.
// Runs on the accounts seeded by main.cpp.
import QtQuick
import QtQuick.Controls
import QtTest
import Fieldbook.App
import Fieldbook.Ui

Item {
    id: root
    width: 390
    height: 844

    StackView {
        id: stack
        anchors.fill: parent
        initialItem: VisitPage { id: visitPage }
    }

    AccountsPage {
        id: accountsPage
        visible: false
        width: 390
        height: 844
    }

    Component {
        id: bookingForm
        RecordEditor {
            source: Agenda
            entity: "appointment"
        }
    }
    Component {
        id: visitForm
        RecordEditor {
            source: Visit
            entity: "visit"
        }
    }

    TestCase {
        id: testCase
        name: "Visit"
        when: windowShown

        function accountIdOf(name) {
            accountsPage.searchText = name
            tryCompare(accountsPage.model, "searchText", name, 2000)
            tryVerify(() => !accountsPage.model.loading && accountsPage.listView.count === 1, 5000)
            tryVerify(() => accountsPage.accountIdAt(0).length > 0)
            return accountsPage.accountIdAt(0)
        }
        function stepper() {
            return findChild(visitPage, "visitStepper")
        }
        function step() {
            return findChild(stepper(), "visitStepBody").item
        }
        function next() {
            mouseClick(findChild(stepper(), "visitNextButton"))
        }
        // Scrolls the step so that `item` is in view, as the rep would.
        function show(item) {
            const page = step()
            for (let pass = 0; pass < 2; ++pass) {  // the page may grow once laid out
                waitForRendering(page)
                const y = item.mapToItem(page.contentItem, 0, 0).y
                if (y + item.height > page.contentY + page.height)
                    page.contentY = Math.min(y + item.height + 16 - page.height, page.contentHeight - page.height)
                if (y < page.contentY)
                    page.contentY = Math.max(0, y - 16)
            }
            waitForRendering(page)
        }
        function typeInto(item, text) {
            item.forceActiveFocus()
            for (const ch of text)
                keyClick(ch)
        }

        function test_aWholeVisitFromAppointmentToCheckOut() {
            Location.setConsent(true)
            verify(!Visit.active)
            // An appointment with the hotel today at 15:00.
            const hotel = accountIdOf("杭州西湖国宾馆")
            const booking = createTemporaryObject(bookingForm, testCase, { parentId: hotel })
            booking.load()
            booking.set("starts_at", Agenda.instantOf(Archive.today(), "15:00"))
            verify(booking.save(), booking.message)
            visitPage.reload()
            const list = findChild(visitPage, "visitAppointments")
            tryVerify(() => list && list.count === 1)

            // Start on it: checked in at the fake platform's position.
            const start = findChild(list.itemAtIndex(0), "startFromAppointment")
            mouseClick(start)
            tryVerify(() => Visit.active, 3000)
            compare(Visit.step, "checkin")
            compare(Visit.accountName, "杭州西湖国宾馆")
            tryVerify(() => step() && step().objectName === "visitCheckinStep")
            verify(findChild(step(), "checkinPosition").value.indexOf("30.") >= 0
                   || findChild(step(), "checkinPosition").value.indexOf("北纬") >= 0,
                   findChild(step(), "checkinPosition").value)

            next()
            tryCompare(Visit, "step", "briefing")
            verify(findChild(step(), "briefingLastContact").text.length > 0)
            next()
            tryCompare(Visit, "step", "preparation")
            compare(Visit.steps[1].state, "done")  // the briefing was read
            mouseClick(findChild(step(), "checklist_samples"))
            mouseClick(findChild(step(), "checklist_business_cards"))
            compare(Visit.checklist().filter(i => i.ticked).length, 2)
            next()
            tryCompare(Visit, "step", "conversation")

            // Typed key by key; kept before any Next.
            const conversation = findChild(step(), "visitField_conversation")
            typeInto(conversation.input, "boss agrees to try 2 cases")
            const fresh = createTemporaryObject(visitForm, testCase, { recordId: Visit.visitId })
            fresh.load()
            compare(fresh.values.conversation, "boss agrees to try 2 cases")

            // The sales form: a merchant route needs the merchant, said at the field.
            mouseClick(findChild(step(), "saleSwitch"))
            const editor = step().editor
            editor.set("sale_quantity", "2")
            editor.set("sale_route", "merchant")
            next()
            compare(Visit.step, "conversation", "a refused answer keeps the rep on the step")
            verify(findChild(step(), "visitField_sale_merchant").error.length > 0)
            editor.set("sale_merchant", "杭州酒水批发")
            next()
            tryCompare(Visit, "step", "gifts")

            // Gifts: two bottles of the tasting wine to 王建国, with a signature.
            const gifts = step()
            verify(gifts.stock.length > 0, "the rep's stock suits the visit")
            const wine = gifts.stock.findIndex(l => l.name === "品鉴酒 125ml")
            verify(wine >= 0, JSON.stringify(gifts.stock))
            const held = gifts.stock[wine].quantity
            gifts.setPicked(gifts.stock[wine].itemId, 2)
            show(findChild(gifts, "handOverButton"))
            mouseClick(findChild(gifts, "handOverButton"))
            verify(findChild(gifts, "giftMessage").text.length > 0, "nobody chosen to receive them")
            const box = findChild(gifts, "giftRecipientBox")
            const to = gifts.persons.findIndex(p => p.name === "王建国")
            box.currentIndex = to
            box.activated(to)
            // The caps as they stand before committing (the seed's tier has none: said so).
            compare(gifts.limits.length, 0)
            const pad = findChild(gifts, "signaturePad")
            show(pad)
            mousePress(pad, 20, 60)
            mouseMove(pad, 60, 80)
            mouseMove(pad, 120, 50)
            mouseRelease(pad, 120, 50)
            verify(gifts.signed)
            next()
            compare(Visit.step, "gifts", "picked gifts not handed over keep the rep on the step")
            show(findChild(gifts, "handOverButton"))
            mouseClick(findChild(gifts, "handOverButton"))
            // The signature is grabbed from the screen first (asynchronously), then stored.
            tryVerify(() => gifts.given.length === 1, 3000)
            verify(gifts.given[0].text.indexOf("王建国") === 0, gifts.given[0].text)
            compare(gifts.stock[gifts.stock.findIndex(l => l.name === "品鉴酒 125ml")].quantity, held - 2)
            compare(Photos.latest(Visit.accountId, "signature").id !== undefined, true)
            next()
            tryCompare(Visit, "step", "agreement")

            // An agreement: the form is open while none is recorded.
            const agreement = step().editor
            agreement.set("terms", "two cases a month")
            next()
            compare(Visit.step, "agreement", "a typed agreement is recorded or cancelled, never by Skip")
            compare(Visit.agreements().length, 0)
            show(findChild(step(), "saveAgreementButton"))
            mouseClick(findChild(step(), "saveAgreementButton"))
            tryCompare(step().recorded, "length", 1)
            next()
            tryCompare(Visit, "step", "archive")
            next()
            tryCompare(Visit, "step", "referrals")

            // A new prospect referred by the hotel.
            const referredBefore = step().referrals.length
            const referral = stack.push(Qt.resolvedUrl("qrc:/qt/qml/Fieldbook/Ui/pages/ReferralPage.qml"),
                                        { accountId: Visit.accountId }, StackView.Immediate)
            mouseClick(findChild(referral, "newProspectTab"))
            verify(!referral.save(), "a prospect needs its name")
            verify(findChild(referral, "prospectName").error.length > 0)
            referral.prospect.set("name", "湖滨私房菜")
            verify(referral.save())
            tryCompare(stack, "depth", 1)
            tryCompare(stack, "busy", false)
            tryCompare(step().referrals, "length", referredBefore + 1)
            verify(step().referrals.some(r => r.name === "湖滨私房菜"))
            next()
            tryCompare(Visit, "step", "checkout")

            // Back from the check-out needs nothing chosen; checking out needs the interest.
            mouseClick(findChild(stepper(), "visitBackButton"))
            tryCompare(Visit, "step", "referrals")
            next()
            tryCompare(Visit, "step", "checkout")
            next()
            compare(Visit.step, "checkout")
            verify(findChild(step(), "visitField_interest").error.length > 0)
            findChild(step(), "visitField_interest").edit("strong")
            verify(findChild(step(), "followUpsCard").visible)
            next()
            tryVerify(() => !Visit.active, 3000)
            verify(findChild(visitPage, "visitNotice").text.indexOf("杭州西湖国宾馆") >= 0)
            const done = Agenda.ofAccount(hotel)
            compare(done[0].status, "done")
            const timeline = Visit.timeline(hotel)
            compare(timeline.length, 1)
            compare(timeline[0].conversation, "boss agrees to try 2 cases")
            compare(timeline[0].status, "finished")
        }
    }
}
