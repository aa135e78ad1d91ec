// Recording a key-position change and a referral, and switching the language, as the
// rep does it on the pages. Runs on the accounts seeded by main.cpp.
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
        initialItem: AccountsPage { id: accountsPage }
    }

    TestCase {
        id: testCase
        name: "Flows"
        when: windowShown

        function accountIdOf(name) {
            accountsPage.searchText = name
            tryCompare(accountsPage.model, "searchText", name, 2000)
            tryVerify(() => !accountsPage.model.loading && accountsPage.listView.count === 1, 5000)
            tryVerify(() => accountsPage.accountIdAt(0).length > 0)
            return accountsPage.accountIdAt(0)
        }

        function openPage(file, props) {
            return stack.push(Qt.resolvedUrl("qrc:/qt/qml/Fieldbook/Ui/pages/" + file), props,
                              StackView.Immediate)
        }

        // Picks `name` in the referral page's account picker by searching for it.
        function pickReferred(page, name) {
            const search = findChild(page, "referralSearchField")
            search.text = name
            const picker = findChild(page, "referralPicker")
            tryVerify(() => picker.count === 1 && picker.itemAtIndex(0) !== null
                            && picker.itemAtIndex(0).name === name, 5000)
            mouseClick(picker.itemAtIndex(0))
            compare(page.referredName, name)
        }

        function cleanup() {
            stack.pop(null, StackView.Immediate)
            AppSettings.language = "zh_CN"
        }

        function test_roleChangeIsRecordedInTheHistory() {
            const accountId = accountIdOf("西湖国宾馆")
            const before = Archive.roleHistory(accountId).length
            const page = openPage("RoleChangePage.qml", { accountId: accountId })
            const holder = findChild(page, "holderBox")
            // Who holds a position now is shown; the new holder is never assumed.
            page.editor.set("role", "head")
            verify(findChild(page, "currentHolder").value.indexOf("王建国") === 0, findChild(page, "currentHolder").value)
            page.editor.set("role", "decision_maker")
            compare(holder.displayText, "请选择…")
            verify(!page.save())
            compare(Archive.roleHistory(accountId).length, before)
            const index = page.holderChoices.findIndex(c => c.label.indexOf("陈丽") === 0)
            verify(index > 0)
            holder.currentIndex = index
            holder.activated(index)
            compare(findChild(page, "effectiveDateField").input.text, Archive.today())
            verify(page.save())
            const history = Archive.roleHistory(accountId)
            verify(history.length > before)
            verify(history.some(h => h.personName === "陈丽" && h.role === "decision_maker"
                                     && h.from === Archive.today() && !h.to),
                   JSON.stringify(history))
            compare(stack.depth, 1)
        }

        function test_referralIsRecordedAndALoopIsRefusedWithAMessage() {
            const hotel = accountIdOf("西湖国宾馆")
            const hospital = accountIdOf("浙江省人民医院")
            let page = openPage("ReferralPage.qml", { accountId: hotel })
            pickReferred(page, "浙江省人民医院")
            verify(page.save())
            compare(Archive.referralsDown(hotel).filter(r => r.referredAccountId === hospital).length, 1)

            page = openPage("ReferralPage.qml", { accountId: hospital })
            pickReferred(page, "杭州西湖国宾馆")
            verify(!page.save(), "a referral loop is refused")
            const banner = findChild(page, "referralError")
            verify(banner.visible)
            verify(banner.text.length > 0)
            compare(Archive.referralsDown(hospital).length, 0)
            compare(stack.currentItem, page)
        }

        function test_savingWithoutAReferredAccountShowsTheMessageAtTheField() {
            const accountId = accountIdOf("萧山宾馆")
            const page = openPage("ReferralPage.qml", { accountId: accountId })
            verify(!page.save())
            verify(findChild(page, "referredField").error.length > 0)
            compare(Archive.referralsDown(accountId).length, 0)
        }

        function test_anAccountCannotReferItself() {
            const accountId = accountIdOf("萧山宾馆")
            const page = openPage("ReferralPage.qml", { accountId: accountId })
            page.pick(accountId, "萧山宾馆")
            compare(findChild(page, "referredField").error, "客户不能推荐自己")
            verify(!page.save())
            compare(Archive.referralsDown(accountId).length, 0)
        }

        // Recording where an account is: the first tap asks the rep's consent (nothing is read
        // before it); declining leaves the account as it was and says why; allowing reads one
        // fix (the fake platform's 杭州 武林广场, 18 m) and saves it as the account's location.
        // A phone appointment booked from the account page: the time typed, a clash with
        // another appointment said and allowed, then moved and cancelled through the dialog,
        // which asks why each time.
        function test_anAppointmentIsBookedMovedAndCancelled() {
            const accountId = accountIdOf("萧山宾馆")
            const page = openPage("AccountPage.qml", { accountId: accountId })
            const card = findChild(page, "appointmentsCard")
            compare(card.items.length, 0)
            const book = function(time) {
                const form = openPage("AppointmentEditPage.qml", { accountId: accountId })
                const timeField = findChild(form, "appointmentTimeField")
                timeField.forceActiveFocus()
                timeField.selectAll()
                keyClick(Qt.Key_Delete)
                for (const ch of time)
                    keyClick(ch)
                return form
            }
            let form = book("09:00")
            verify(form.save())
            tryCompare(card.items, "length", 1)
            form = book("09:30")
            verify(findChild(form, "appointmentClash").visible, "a clash is said before booking")
            verify(form.save(), "and still allowed")
            tryCompare(card.items, "length", 2)
            verify(card.items[0].overlaps.length > 0)
            verify(findChild(card, "appointmentOverlap").visible)

            const dialog = findChild(card, "appointmentChangeDialog")
            dialog.openFor(card.items[1], false)
            tryVerify(() => dialog.opened)
            findChild(dialog, "moveTimeField").text = "14:00"
            verify(!dialog.confirm(), "no reason, no move")
            verify(dialog.errors.reason !== undefined)
            findChild(dialog, "changeReasonField").text = "客户临时开会"
            verify(dialog.confirm())
            tryVerify(() => card.items[1].whenText.indexOf("14:00") >= 0)
            compare(card.items[0].overlaps.length, 0, "the clash is gone")

            dialog.openFor(card.items[0], true)
            tryVerify(() => dialog.opened)
            findChild(dialog, "changeReasonField").text = "客户出差"
            verify(dialog.confirm())
            tryVerify(() => card.items.filter(i => i.status === "cancelled").length === 1)
        }

        // The rep's day: what was booked for a day, by time; another day is empty and says so;
        // a tap opens the account.
        function test_theDayListsTheRepsAppointments() {
            const accountId = accountIdOf("萧山宾馆")
            const form = openPage("AppointmentEditPage.qml", { accountId: accountId })
            const day = findChild(form, "appointmentDateField").text
            verify(form.save())
            tryVerify(() => !stack.busy)
            const page = openPage("AgendaPage.qml", { day: day })
            const list = findChild(page, "agendaList")
            tryVerify(() => list.count >= 1)
            verify(page.items.some(i => i.accountName === "萧山宾馆"))
            verify(findChild(page, "agendaDay").text.length > 0)
            waitForRendering(page)
            mouseClick(findChild(page, "agendaNext"))
            tryCompare(list, "count", 0)
            verify(page.day !== day)
            mouseClick(findChild(page, "agendaPrevious"))
            tryVerify(() => list.count >= 1)
            mouseClick(list.itemAtIndex(0))
            tryVerify(() => stack.currentItem.objectName === "accountPage")
        }

        // A storefront photo: none at first (said so); a missing file and a file that is no
        // picture are refused at the card; then the picture the platform hands back, decoded
        // on the reader and shown.
        function test_storefrontPhotoIsAddedAndShown() {
            const accountId = accountIdOf("萧山宾馆")
            const page = openPage("AccountPage.qml", { accountId: accountId })
            const card = findChild(page, "storefrontCard")
            verify(card)
            const image = findChild(card, "storefrontImage")
            verify(!image.visible)
            verify(!card.add("/no/such/picture.jpg"))
            verify(findChild(card, "storefrontMessage").visible)
            verify(!card.add("/etc/os-release"))  // a file, but no picture
            verify(findChild(card, "storefrontMessage").text.indexOf("不是可读取的图片") >= 0,
                   findChild(card, "storefrontMessage").text)
            verify(!image.visible)
            verify(card.add("fake:storefront"))
            compare(findChild(card, "storefrontMessage").visible, false)
            verify(image.visible)
            tryCompare(image, "status", Image.Ready, 5000)
            verify(image.implicitWidth > 0)
            verify(findChild(card, "storefrontTaken").text.indexOf("拍摄于") === 0,
                   findChild(card, "storefrontTaken").text)
            // The thumbnail asks for 800 pixels across: the reader scales the 1600-pixel photo.
            compare(image.implicitWidth, 800)
        }

        // A photo that is not on this phone ends in an error, never a spinner for ever.
        function test_aMissingPhotoIsAnErrorNotAWait() {
            const missing = Qt.createQmlObject('import QtQuick; Image { asynchronous: true; '
                                               + 'source: "image://photos/01890000-0000-7000-8000-0000000000ff" }',
                                               testCase)
            tryCompare(missing, "status", Image.Error, 5000)
            missing.destroy()
        }

        function test_recordingAnAccountsLocationAsksConsentFirst() {
            const accountId = accountIdOf("西湖国宾馆")
            const page = openPage("AccountPage.qml", { accountId: accountId })
            const row = findChild(page, "locationRow")
            compare(findChild(row, "locationText").text, "未记录")
            Location.setConsent(false)
            // Scrolled to the row, as the rep does, once the page is laid out.
            waitForRendering(page)
            const flick = findChild(page, "accountFlick")
            flick.contentY = Math.max(0, row.mapToItem(flick.contentItem, 0, 0).y - 100)
            waitForRendering(page)

            mouseClick(findChild(row, "locationRecord"))
            const dialog = findChild(row, "locationConsentDialog")

            tryVerify(() => dialog.opened)
            mouseClick(findChild(dialog, "consentDecline"))
            tryVerify(() => !dialog.visible)
            compare(Location.consent, "declined")
            verify(findChild(row, "locationProblem").text.indexOf("同意") >= 0, findChild(row, "locationProblem").text)
            verify(!Archive.account(accountId).location)

            mouseClick(findChild(row, "locationRecord"))
            tryVerify(() => dialog.opened)
            mouseClick(findChild(dialog, "consentGrant"))
            compare(Location.consent, "granted")
            tryVerify(() => Archive.account(accountId).location === "30.274085,120.155070,18", 5000,
                      JSON.stringify(Archive.account(accountId).location))
            tryVerify(() => findChild(row, "locationText").text === "北纬30.2741° 东经120.1551° · 精度18米", 5000,
                      findChild(row, "locationText").text)
            compare(findChild(row, "locationProblem").visible, false)
            Location.setConsent(false)
        }

        function test_switchingToEnglishRetranslatesTheList() {
            accountIdOf("萧山宾馆")
            const count = findChild(accountsPage, "countLabel")
            verify(count.text.indexOf("客户") >= 0)
            AppSettings.language = "en"
            tryVerify(() => count.text.indexOf("account") >= 0, 2000, count.text)
            const tier = findChild(accountsPage, "tierFilter")
            verify(tier.choices[0].label.indexOf("key account") >= 0, tier.choices[0].label)
            AppSettings.language = "zh_CN"
            tryVerify(() => count.text.indexOf("客户") >= 0, 2000, count.text)
        }
    }
}
