// The account list and the account form as a rep uses them: search, filter, create.
// The runner (main.cpp) seeds six accounts; the UI is Chinese.
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
        initialItem: AccountsPage {
            id: accountsPage
            onOpenAccount: (accountId) => stack.push(Qt.resolvedUrl("qrc:/qt/qml/Fieldbook/Ui/pages/AccountPage.qml"),
                                                     { accountId: accountId }, StackView.Immediate)
            onCreateAccount: (name) => stack.push(Qt.resolvedUrl("qrc:/qt/qml/Fieldbook/Ui/pages/AccountEditPage.qml"),
                                                  { accountId: "", initialName: name }, StackView.Immediate)
        }
    }

    TestCase {
        id: testCase
        name: "Accounts"
        when: windowShown

        readonly property var model: accountsPage.model

        function waitLoaded() {
            tryVerify(() => !testCase.model.loading, 5000, "the account list finishes loading")
            wait(50)
        }

        function rowNames() {
            const names = []
            const list = accountsPage.listView
            for (let i = 0; i < list.count; ++i) {
                const item = list.itemAtIndex(i)
                if (item)
                    names.push(item.name)
            }
            return names
        }

        function init() {
            stack.pop(null, StackView.Immediate)
            accountsPage.searchText = ""
            testCase.model.searchText = ""
            testCase.model.tier = ""
            testCase.model.stage = ""
            testCase.model.industry = ""
            testCase.model.region = ""
            waitLoaded()
        }

        function test_1_listShowsEveryAccountWithCount() {
            compare(testCase.model.total, AppSettings.accountCount)
            compare(accountsPage.listView.count, AppSettings.accountCount)
            const count = findChild(accountsPage, "countLabel")
            verify(count.text.indexOf(String(AppSettings.accountCount)) >= 0, count.text)
            verify(count.text.indexOf("客户") >= 0, "the count is in Chinese: " + count.text)
        }

        function test_2_typingInTheSearchFieldNarrowsTheList() {
            const field = findChild(accountsPage, "searchField")
            mouseClick(field)
            keyClick(Qt.Key_Y); keyClick(Qt.Key_I); keyClick(Qt.Key_Y); keyClick(Qt.Key_U)
            keyClick(Qt.Key_A); keyClick(Qt.Key_N)
            compare(field.text, "yiyuan")
            tryCompare(testCase.model, "searchText", "yiyuan", 2000)
            waitLoaded()
            compare(accountsPage.listView.count, 1)
            compare(rowNames(), ["浙江省人民医院"])
            // The part of the name the pinyin matched is highlighted; no other reason is shown.
            const row = accountsPage.listView.itemAtIndex(0)
            const name = findChild(row, "rowName")
            verify(name.text.indexOf("人民<font") >= 0 && name.text.indexOf(">医院</font>") >= 0, name.text)
            verify(!findChild(row, "rowReason").visible)
        }

        function test_3_searchFindsAccountThroughKeyPerson() {
            accountsPage.searchText = "李娜"
            tryCompare(testCase.model, "searchText", "李娜", 2000)
            waitLoaded()
            compare(accountsPage.listView.count, 1)
            const row = accountsPage.listView.itemAtIndex(0)
            compare(row.name, "浙江省人民医院")
            compare(row.personName, "李娜")
            const reason = findChild(row, "rowReason")
            verify(reason.visible)
            verify(reason.text.indexOf("关键人 李娜") >= 0 && reason.text.indexOf("采购决策人") >= 0, reason.text)
        }

        function test_3b_aPhoneHitShowsTheNumber() {
            accountsPage.searchText = "13900139"
            tryCompare(testCase.model, "searchText", "13900139", 2000)
            waitLoaded()
            compare(rowNames(), ["西湖文化广场"])  // seeded with this phone (main.cpp)
            const reason = findChild(accountsPage.listView.itemAtIndex(0), "rowReason")
            verify(reason.visible)
            // Read aloud the Chinese way (3-4-4), as everywhere in the app.
            verify(reason.text.indexOf("电话") >= 0 && reason.text.indexOf("139 0013 9000") >= 0, reason.text)
        }

        function test_3c_anAccountTheRepOpenedComesFirstAmongEqualMatches() {
            // "馆" is inside both names: equal matches, KA and A alike, so pinyin decides.
            accountsPage.searchText = "馆"
            tryCompare(testCase.model, "searchText", "馆", 2000)
            waitLoaded()
            compare(rowNames(), ["杭州西湖国宾馆", "萧山宾馆"])
            // The rep opens 萧山宾馆 and comes back: now it leads.
            mouseClick(accountsPage.listView.itemAtIndex(1))
            tryCompare(stack, "depth", 2)
            stack.pop(null, StackView.Immediate)
            accountsPage.searchText = ""
            tryCompare(testCase.model, "searchText", "", 2000)
            waitLoaded()
            accountsPage.searchText = "馆"
            tryCompare(testCase.model, "searchText", "馆", 2000)
            waitLoaded()
            compare(rowNames(), ["萧山宾馆", "杭州西湖国宾馆"])
        }

        function test_4_nothingMatchingShowsTheEmptyState() {
            accountsPage.searchText = "不存在的客户名称"
            tryCompare(testCase.model, "searchText", "不存在的客户名称", 2000)
            waitLoaded()
            compare(accountsPage.listView.count, 0)
            compare(testCase.model.total, 0)
            // It says what to try, and offers the account as typed.
            const empty = findChild(accountsPage, "accountsEmpty")
            verify(empty.visible)
            verify(empty.detail.length > 0)
            const action = findChild(empty, "emptyStateAction")
            verify(action.visible)
            verify(action.text.indexOf("不存在的客户名称") >= 0, action.text)
            const before = AppSettings.accountCount
            mouseClick(action)
            const form = stack.currentItem
            compare(form.objectName, "accountEditPage")
            compare(form.editor.values.name, "不存在的客户名称")
            compare(AppSettings.accountCount, before, "nothing is written until saved")
            stack.pop(null, StackView.Immediate)
        }

        function test_5_tierFilterNarrowsTheList() {
            const filter = findChild(accountsPage, "tierFilter")
            mouseClick(filter)
            tryCompare(filter.menu, "opened", true)
            // Menu: "all", a separator, then the tiers in declaration order (KA first).
            const kaItem = filter.menu.itemAt(2)
            verify(kaItem.text.indexOf("KA") >= 0, kaItem.text)
            mouseClick(kaItem)
            tryCompare(testCase.model, "tier", "KA")
            waitLoaded()
            compare(rowNames(), ["杭州西湖国宾馆"])
            compare(testCase.model.total, 1)
            verify(filter.highlighted, "the active filter is highlighted")
        }

        function test_6_emptyNameBlocksSaveAtTheFieldAndWritesNothing() {
            const before = AppSettings.accountCount
            mouseClick(findChild(accountsPage, "addAccountButton"))
            const form = stack.currentItem
            compare(form.objectName, "accountEditPage")
            const save = findChild(form.footer, "formPrimaryAction")
            // In thumb reach: the bottom of the page, above the window's tab bar.
            verify(form.footer.mapToItem(root, 0, 0).y > root.height / 2)
            mouseClick(save)
            const field = findChild(form, "nameFormField")
            verify(field.error.indexOf("客户名称") >= 0, "message at the name field: " + field.error)
            // The message is on screen, under the field.
            let shown = 0
            for (let i = 0; i < field.children.length; ++i) {
                const child = field.children[i]
                if (child.text === field.error && child.visible && child.height > 0)
                    ++shown
            }
            compare(shown, 1)
            verify(save.enabled, "never greyed out: a tap says what is missing")
            compare(AppSettings.accountCount, before)
            compare(stack.currentItem, form)
            stack.pop(null, StackView.Immediate)
        }

        function test_8_leavingWithUnsavedInputAsksFirst() {
            const before = AppSettings.accountCount
            mouseClick(findChild(accountsPage, "addAccountButton"))
            const form = stack.currentItem
            // Nothing typed: back leaves at once.
            form.leave()
            tryVerify(() => stack.depth === 1 && !stack.busy)
            mouseClick(findChild(accountsPage, "addAccountButton"))
            tryVerify(() => stack.depth === 2 && !stack.busy)
            const typed = stack.currentItem
            const typedName = findChild(typed, "nameFormField").input
            mouseClick(typedName)
            for (const ch of "Unsaved Co")
                keyClick(ch)
            typed.leave()
            const dialog = findChild(typed, "discardChangesDialog")
            tryVerify(() => dialog.opened)
            mouseClick(findChild(dialog, "discardStay"))
            tryVerify(() => !dialog.visible)
            compare(stack.currentItem, typed)
            compare(typedName.text, "Unsaved Co")
            typed.leave()
            tryVerify(() => dialog.opened)
            mouseClick(findChild(dialog, "discardLeave"))
            tryVerify(() => stack.depth === 1 && !stack.busy)
            compare(AppSettings.accountCount, before)
        }

        function test_7_validSaveCreatesTheAccountAndListShowsIt() {
            const before = AppSettings.accountCount
            mouseClick(findChild(accountsPage, "addAccountButton"))
            const form = stack.currentItem
            const nameField = findChild(form, "nameFormField").input
            mouseClick(nameField)
            for (const ch of "Testco Hotel")
                keyClick(ch)
            compare(nameField.text, "Testco Hotel")
            const save = findChild(form.footer, "formPrimaryAction")
            verify(save.enabled)
            mouseClick(save)
            tryCompare(AppSettings, "accountCount", before + 1)
            tryVerify(() => stack.currentItem.objectName === "accountPage")
            compare(stack.currentItem.account.name, "Testco Hotel")
            stack.pop(null, StackView.Immediate)
            accountsPage.searchText = "Testco"
            tryCompare(testCase.model, "searchText", "Testco", 2000)
            waitLoaded()
            compare(rowNames(), ["Testco Hotel"])
        }

        function typeInto(field, text) {
            const input = field.input
            input.forceActiveFocus()
            input.selectAll()
            keyClick(Qt.Key_Delete)
            for (const ch of text)
                keyClick(ch)
        }

        function test_9_rulesBetweenFieldsAreMarkedWhereTyped() {
            const before = AppSettings.accountCount
            mouseClick(findChild(accountsPage, "addAccountButton"))
            tryVerify(() => stack.depth === 2 && !stack.busy)
            const form = stack.currentItem
            typeInto(findChild(form, "nameFormField"), "Rule Co")
            typeInto(findChild(form, "startFormField"), "2026-03-01")
            const end = findChild(form, "endFormField")
            typeInto(end, "2026-02-01")
            compare(end.error, "结束日期早于开始日期")
            typeInto(end, "2026-12-31")
            compare(end.error, "")
            typeInto(findChild(form, "volumeFormField"), "-5")
            verify(findChild(form, "volumeFormField").error.length > 0, "a negative volume is marked")
            verify(!form.save())
            compare(AppSettings.accountCount, before)
            typeInto(findChild(form, "volumeFormField"), "1200")
            verify(form.save())
            tryCompare(AppSettings, "accountCount", before + 1)
            tryVerify(() => stack.currentItem.objectName === "accountPage")
            stack.pop(null, StackView.Immediate)
        }
    }
}
