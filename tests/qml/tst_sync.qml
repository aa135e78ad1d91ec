// The Sync tab's sign-in card, as the rep fills it in: a wrong server address, a missing
// user name or password is refused at its field and nothing is sent. The overwritten change
// seeded by main.cpp is explained and goes when dismissed. Runs signed out on the database
// seeded by main.cpp (whose accounts wait in the outbox).
import QtQuick
import QtQuick.Controls
import QtTest
import Fieldbook.App
import Fieldbook.Ui

Item {
    id: root
    width: 390
    height: 844

    SyncPage {
        id: page
        anchors.fill: parent
    }

    SyncStatusBar {
        id: statusBar
        anchors.bottom: parent.bottom
        width: parent.width
        z: 2
    }

    TestCase {
        name: "Sync"
        when: windowShown

        function fill(server, login, password) {
            findChild(page, "serverField").text = server
            findChild(page, "loginField").text = login
            findChild(page, "passwordField").text = password
            mouseClick(findChild(page, "signInButton"))
        }

        function cleanup() {
            page.fieldErrors = ({})
            page.signInMessage = ""
        }

        function test_signInCardShowsWhenSignedOut() {
            tryVerify(() => Sync.ready, 5000)
            verify(!Sync.signedIn)
            verify(findChild(page, "signInCard").visible)
            verify(!findChild(page, "statusCard").visible)
        }

        function test_invalidServerAddressIsRefusedAtTheField() {
            fill("ftp://sync.example.com", "rep1", "demo1234")
            const box = findChild(page, "serverBox")
            verify(box.error.length > 0, "the server field shows why")
            verify(box.error.indexOf("https://") >= 0, "the message shows the expected form: " + box.error)
            compare(findChild(page, "loginBox").error, "")
            compare(findChild(page, "passwordBox").error, "")
            verify(!Sync.signingIn, "nothing was sent")
            compare(findChild(page, "signInError").text, "", "no server error for a local mistake")
        }

        function test_addressWithAPathIsRefused() {
            fill("http://127.0.0.1:8080/admin", "rep1", "demo1234")
            verify(findChild(page, "serverBox").error.length > 0)
            verify(!Sync.signingIn)
        }

        function test_missingUserAndPasswordAreMarked() {
            fill("https://sync.example.com", "", "")
            compare(findChild(page, "serverBox").error, "")
            verify(findChild(page, "loginBox").error.length > 0)
            verify(findChild(page, "passwordBox").error.length > 0)
            verify(!Sync.signingIn)
        }

        function test_editingAFieldClearsItsMessage() {
            fill("not a url", "rep1", "demo1234")
            verify(findChild(page, "serverBox").error.length > 0)
            const field = findChild(page, "serverField")
            field.forceActiveFocus()
            keyClick(Qt.Key_S)
            compare(findChild(page, "serverBox").error, "")
        }

        function test_pendingChangesAreListedByKind() {
            tryVerify(() => Sync.pendingCount > 0, 5000)
            const kinds = Sync.pendingByKind
            verify(kinds.length >= 2, "accounts and key persons")
            compare(kinds[0].kind, "account")
            compare(kinds[0].label, "客户")
        }

        // Scrolls the page so that `item` is on screen (a click goes to window coordinates).
        function scrollTo(item) {
            const flick = findChild(page, "syncFlick")
            const y = item.mapToItem(flick.contentItem, 0, 0).y
            flick.contentY = Math.max(0, Math.min(y - 100, flick.contentHeight - flick.height))
            waitForRendering(page)
        }

        function test_overwrittenChangeIsExplainedAndDismissed() {
            tryVerify(() => Sync.overridden.length === 1, 5000)
            const card = findChild(page, "overriddenCard")
            verify(card.visible)
            const text = findChild(card, "overriddenText")
            verify(text !== null, "one sentence per lost field")
            compare(text.text.replace(/\u00a0/g, " "),
                    "您填写的「电话」为 138 0013 8000，已被 今天 08:30 的较新修改覆盖，现为 139 0013 9000。")
            verify(text.height > 0 && text.width <= card.width, "wrapped inside the card")
            const dismiss = findChild(card, "dismissOverridden")
            scrollTo(dismiss)
            mouseClick(dismiss)
            tryVerify(() => Sync.overridden.length === 0, 5000)
            verify(!card.visible)
            findChild(page, "syncFlick").contentY = 0
        }

        function test_refusedChangeNamesTheRecordShowsWhatWasEnteredAndSaysWhyInChinese() {
            tryVerify(() => Sync.rejected.length === 1, 5000)
            const card = findChild(page, "rejectedCard")
            verify(card.visible)
            const item = Sync.rejected[0]
            compare(item.what, "客户“良渚文化村商会”（修改）")
            compare(item.reason, "该客户已不再分配给您")
            const entered = findChild(card, "rejectedEntered")
            verify(entered.visible)
            verify(entered.text.indexOf("您填写的") === 0, entered.text)
            verify(entered.text.replace(/\u00a0/g, " ").indexOf("138 0013 8000") > 0, "the phone as the rep reads it: " + entered.text)
            verify(entered.text.indexOf("KA") > 0, entered.text)
            // The server's English detail (with the record's id) is not shown in the Chinese UI.
            verify(!findText(card, "is not assigned to you"), "no English in the Chinese card")
        }

        // Any visible descendant Label whose text contains `needle`.
        function findText(item, needle) {
            if (item.visible === false)
                return false
            if (item.text !== undefined && String(item.text).indexOf(needle) >= 0)
                return true
            for (let i = 0; i < item.children.length; ++i)
                if (findText(item.children[i], needle))
                    return true
            if (item.contentItem && item.contentItem !== item && findText(item.contentItem, needle))
                return true
            return false
        }

        function test_statusStripSaysSignedOutAndWhatIsKept() {
            tryVerify(() => Sync.ready && Sync.pendingCount > 0, 5000)
            compare(Sync.statusKind, "signedOut")
            const text = findChild(statusBar, "syncStatusText")
            compare(text.text, Sync.statusLine)
            verify(text.text.indexOf("未登录") === 0, text.text)
            verify(text.text.indexOf("本机保存着 " + Sync.pendingCount + " 条修改") > 0, text.text)
            verify(text.visible && text.width > 0)
        }
    }
}
