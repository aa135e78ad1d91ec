// The key person page puts the coaching tip of the person's temperament up front, and
// the key person form checks its fields where they are typed.
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
        name: "KeyPerson"
        when: windowShown

        function accountIdOf(name) {
            accountsPage.searchText = name
            tryCompare(accountsPage.model, "searchText", name, 2000)
            tryVerify(() => !accountsPage.model.loading && accountsPage.listView.count === 1, 5000)
            tryVerify(() => accountsPage.accountIdAt(0).length > 0)
            return accountsPage.accountIdAt(0)
        }

        function personNamed(accountId, name) {
            return Archive.keyPersons(accountId).filter(p => p.name === name)[0]
        }

        function cleanup() {
            stack.pop(null, StackView.Immediate)
        }

        function test_pageShowsTheCoachingTipOfTheTemperament() {
            const person = personNamed(accountIdOf("西湖国宾馆"), "王建国")
            verify(person, "seeded key person")
            const page = stack.push(Qt.resolvedUrl("qrc:/qt/qml/Fieldbook/Ui/pages/KeyPersonPage.qml"),
                                    { personId: person.id }, StackView.Immediate)
            const expected = Archive.temperament("cautious")
            verify(expected.tip.length > 0)
            const name = findChild(page, "temperamentName")
            const tip = findChild(page, "temperamentTip")
            verify(name.text.indexOf(expected.name) >= 0, name.text)
            compare(tip.text, expected.tip)
            verify(tip.visible && tip.height > 0)
            verify(findChild(page, "coachingTip").visible)
        }

        function test_phonesAreGroupedTheWayTheyAreRead() {
            compare(Labels.phone("13800138000"), "138 0013 8000")
            compare(Labels.phone("057188886666"), "0571-8888 6666")
            compare(Labels.phone("01065529988"), "010-6552 9988")
            compare(Labels.phone("+8613800138000"), "+8613800138000")
            compare(Labels.phone(""), "")
        }

        function test_personWithoutTemperamentAsksToRecordIt() {
            const person = personNamed(accountIdOf("萧山宾馆"), "赵强")
            const page = stack.push(Qt.resolvedUrl("qrc:/qt/qml/Fieldbook/Ui/pages/KeyPersonPage.qml"),
                                    { personId: person.id }, StackView.Immediate)
            const tip = findChild(page, "temperamentTip")
            verify(tip.text.length > 0)
            verify(findChild(page, "temperamentName").text.length > 0)
        }

        // Types into a form field the way a rep does: focus, clear, keys.
        function typeInto(field, text) {
            const input = field.input
            input.forceActiveFocus()
            input.selectAll()
            keyClick(Qt.Key_Delete)
            for (const ch of text)
                keyClick(ch)
        }

        function test_formChecksAgeAndPhoneAtTheField() {
            const person = personNamed(accountIdOf("人民医院"), "李娜")
            const form = stack.push(Qt.resolvedUrl("qrc:/qt/qml/Fieldbook/Ui/pages/KeyPersonEditPage.qml"),
                                    { personId: person.id, accountId: "" }, StackView.Immediate)
            const age = findChild(form, "personAgeField")
            const phone = findChild(form, "personPhoneField")
            compare(age.error, "", "nothing is marked before the rep types")
            typeInto(age, "12")
            verify(age.error.length > 0, "an age under the declared minimum is marked at once")
            compare(phone.error, "", "an untouched field stays quiet")
            typeInto(phone, "abc")
            verify(phone.error.length > 0)
            verify(form.editor.dirty)
            verify(!form.save(), "an invalid form is not saved")
            compare(Archive.keyPerson(person.id).age === undefined || String(Archive.keyPerson(person.id).age) !== "12", true)
            typeInto(age, "45")
            typeInto(phone, "13800138000")
            compare(age.error, "")
            compare(phone.error, "")
            verify(form.editor.valid)
            verify(form.save())
            compare(String(Archive.keyPerson(person.id).age), "45")
            compare(Archive.keyPerson(person.id).phone, "13800138000")
        }

        function test_anAnniversaryWithoutItsDayIsMarkedAtTheField() {
            const person = personNamed(accountIdOf("萧山宾馆"), "赵强")
            const form = stack.push(Qt.resolvedUrl("qrc:/qt/qml/Fieldbook/Ui/pages/KeyPersonEditPage.qml"),
                                    { personId: person.id, accountId: "" }, StackView.Immediate)
            const field = findChild(form, "personAnniversariesField")
            verify(field.hint.length > 0, "the field says how to write them")
            field.edit("结婚纪念日；入职 03-08")
            verify(field.error.length > 0, "an entry without its day is marked at once")
            verify(!form.save(), "and not saved")
            verify(!Archive.keyPerson(person.id).anniversaries)
            field.edit("结婚纪念日 05-20；入职 03-08")
            compare(field.error, "")
            verify(form.save())
            compare(Archive.keyPerson(person.id).anniversaries, "结婚纪念日 05-20；入职 03-08")
        }

        function test_newPersonNeedsANameAndStartsAsOther() {
            const accountId = accountIdOf("人民医院")
            const before = Archive.keyPersons(accountId).length
            const form = stack.push(Qt.resolvedUrl("qrc:/qt/qml/Fieldbook/Ui/pages/KeyPersonEditPage.qml"),
                                    { personId: "", accountId: accountId }, StackView.Immediate)
            compare(form.editor.values.role, "other", "a new person is one of the account's others")
            verify(!form.save())
            const name = findChild(form, "personNameField")
            verify(name.error.indexOf("姓名") >= 0, "the message names the field: " + name.error)
            compare(Archive.keyPersons(accountId).length, before)
            typeInto(name, "Wang Fang")
            compare(name.input.text, "Wang Fang")
            compare(name.error, "")
            verify(form.save())
            tryVerify(() => stack.currentItem.objectName === "keyPersonPage")
            compare(Archive.keyPersons(accountId).length, before + 1)
            stack.pop(null, StackView.Immediate)
        }
    }
}
