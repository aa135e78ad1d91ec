// The application window: a bottom navigation with one StackView per tab.
// showPage() opens a named page directly; the screenshot mode of the executable uses it.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

ApplicationWindow {
    id: root
    objectName: "mainWindow"
    width: 390
    height: 844
    visible: true
    title: qsTr("Fieldbook")

    Material.theme: Material.Light
    Material.primary: Theme.primary
    Material.accent: Theme.primary
    font.family: "Noto Sans CJK SC"
    font.pixelSize: Theme.fontBody
    color: Theme.background

    readonly property StackView currentStack: tabs.currentIndex === root.todayTab ? todayStack
                                            : tabs.currentIndex === root.accountsTab ? accountsStack
                                            : tabs.currentIndex === root.visitTab ? visitStack
                                            : tabs.currentIndex === root.syncTab ? syncStack : meStack
    readonly property var pageNames: ["accounts", "accounts-search", "account", "account-edit",
        "account-edit-invalid", "keyperson", "keyperson-edit", "role-change", "referral", "appointment-edit", "agenda",
        "visit", "visit-start", "me", "signin", "sync", "today", "contact-log", "greeting",
        "stage-change", "stage-exit"]
    // The tabs, by position.
    readonly property int todayTab: 0
    readonly property int accountsTab: 1
    readonly property int visitTab: 2
    readonly property int syncTab: 3
    readonly property int meTab: 4

    // Opens the Visit tab ready to check in at an account (the account page's "Start visit").
    function startVisitAt(accountId: string, accountName: string) {
        tabs.currentIndex = root.visitTab
        visitStack.pop(null, StackView.Immediate)
        // With a visit in progress (or no account) the tab itself is where to go.
        if (Visit.active || accountId.length === 0)
            return
        visitStack.push(Qt.resolvedUrl("pages/VisitStartPage.qml"),
                        { starter: visitPage.startVisit, accountId: accountId, accountName: accountName })
    }

    // Opens page `name` (see pageNames) with `arg` (an id or a search text; empty picks the
    // first account / key person). Returns false for an unknown name.
    function showPage(name, arg) {
        if (pageNames.indexOf(name) < 0)
            return false
        pendingTimer.stop()
        pendingTimer.attempts = 0
        pendingTimer.name = name
        pendingTimer.arg = arg
        return openPage(name, arg)
    }

    // Tries to open the page now; when it needs the first account and the list has not
    // loaded yet, retries from pendingTimer.
    function openPage(name: string, arg: string): bool {
        if (name === "visit" || name === "visit-start") {
            tabs.currentIndex = root.visitTab
            visitStack.pop(null, StackView.Immediate)
            // arg: a step of the visit in progress to show.
            if (name === "visit" && arg.length > 0 && Visit.active)
                Visit.goTo(arg)
            if (name === "visit-start")
                visitStack.push(Qt.resolvedUrl("pages/VisitStartPage.qml"), { starter: visitPage.startVisit },
                                StackView.Immediate)
            return true
        }
        if (name === "today") {
            tabs.currentIndex = root.todayTab
            todayStack.pop(null, StackView.Immediate)
            return true
        }
        // The first item of Today acted on by the form (greeting: arg "greet" for a birthday,
        // "anniversary" for one, else a holiday's list).
        if (name === "contact-log" || name === "greeting" || name === "stage-change") {
            tabs.currentIndex = root.todayTab
            todayStack.pop(null, StackView.Immediate)
            const item = todayPage.firstItem(name === "greeting" ? (arg.length > 0 ? arg : "greetings")
                                             : name === "stage-change" ? "stage" : "log")
            if (item)
                todayPage.act(item)
            return true
        }
        if (name === "me") {
            tabs.currentIndex = root.meTab
            meStack.pop(null, StackView.Immediate)
            return true
        }
        // "signin" and "sync" are the same tab: which card shows depends on Sync.signedIn.
        if (name === "signin" || name === "sync") {
            tabs.currentIndex = root.syncTab
            syncStack.pop(null, StackView.Immediate)
            // arg: a card of the page to keep in view, e.g. "overriddenCard".
            syncStack.currentItem.focusSection = name === "sync" ? arg : ""
            return true
        }
        tabs.currentIndex = root.accountsTab
        accountsStack.pop(null, StackView.Immediate)
        const list = accountsPage
        if (name === "accounts")
            return true
        if (name === "accounts-search") {
            list.searchText = arg
            list.model.searchText = arg
            return true
        }
        if (name === "account-edit-invalid") {
            const form = accountsStack.push(Qt.resolvedUrl("pages/AccountEditPage.qml"),
                                            { accountId: "" }, StackView.Immediate)
            form.save()
            return true
        }
        if (name === "account-edit" && arg.length === 0) {
            accountsStack.push(Qt.resolvedUrl("pages/AccountEditPage.qml"), { accountId: "" },
                               StackView.Immediate)
            return true
        }

        const personPage = name === "keyperson" || name === "keyperson-edit"
        let id = arg
        if (id.length === 0) {
            id = personPage ? firstKeyPersonId() : list.accountIdAt(0)
            if (id.length === 0) {
                pendingTimer.restart()
                return true
            }
        }
        switch (name) {
        case "account":
            accountsStack.push(Qt.resolvedUrl("pages/AccountPage.qml"), { accountId: id }, StackView.Immediate)
            break
        case "account-edit":
            accountsStack.push(Qt.resolvedUrl("pages/AccountEditPage.qml"), { accountId: id }, StackView.Immediate)
            break
        case "keyperson":
            accountsStack.push(Qt.resolvedUrl("pages/KeyPersonPage.qml"), { personId: id }, StackView.Immediate)
            break
        case "keyperson-edit":
            accountsStack.push(Qt.resolvedUrl("pages/KeyPersonEditPage.qml"), { personId: id, accountId: "" },
                               StackView.Immediate)
            break
        case "role-change":
            accountsStack.push(Qt.resolvedUrl("pages/RoleChangePage.qml"), { accountId: id }, StackView.Immediate)
            break
        case "referral":
            accountsStack.push(Qt.resolvedUrl("pages/ReferralPage.qml"), { accountId: id }, StackView.Immediate)
            break
        case "agenda":
            accountsStack.push(Qt.resolvedUrl("pages/AgendaPage.qml"), id.length > 0 ? { day: id } : ({}),
                               StackView.Immediate)
            break
        case "appointment-edit":
            accountsStack.push(Qt.resolvedUrl("pages/AppointmentEditPage.qml"), { accountId: id }, StackView.Immediate)
            break
        case "stage-exit":
            accountsStack.push(Qt.resolvedUrl("pages/StageChangePage.qml"),
                               { accountId: id, accountName: Archive.account(id).name || "", toStage: "exit" },
                               StackView.Immediate)
            break
        }
        return true
    }

    function firstKeyPersonId(): string {
        const list = accountsPage
        for (let row = 0; row < list.listView.count; ++row) {
            const accountId = list.accountIdAt(row)
            if (accountId.length === 0)
                break
            const persons = Archive.keyPersons(accountId)
            if (persons.length > 0)
                return persons[0].id
        }
        return ""
    }

    Timer {
        id: pendingTimer
        property string name
        property string arg
        property int attempts: 0
        interval: 50
        onTriggered: {
            attempts++
            if (attempts < 100)
                root.openPage(name, arg)
        }
    }

    // A notice the OS did not show, or a tap on one it did: "sync" opens the Sync tab.
    Connections {
        target: Notices
        function onOpened(key: string) {
            if (key === "today") {
                tabs.currentIndex = root.todayTab
                todayStack.pop(null)
            } else if (key === "sync") {
                tabs.currentIndex = root.syncTab
                syncStack.pop(null)
            } else if (key.startsWith("appointment:")) {
                // A reminder: the account it is with, where the appointment shows.
                const accountId = Agenda.accountOf(key.substring("appointment:".length))
                if (accountId.length > 0) {
                    tabs.currentIndex = root.accountsTab
                    accountsStack.pop(null)
                    accountsStack.push(Qt.resolvedUrl("pages/AccountPage.qml"), { accountId: accountId })
                }
            }
        }
    }

    Connections {
        target: Visit
        function onStartRequested(accountId: string, accountName: string) {
            root.startVisitAt(accountId, accountName)
        }
    }

    header: NoticeBanner {}

    StackLayout {
        anchors.fill: parent
        currentIndex: tabs.currentIndex

        StackView {
            id: todayStack
            objectName: "todayStack"
            initialItem: TodayPage {
                id: todayPage
                onOpenAccount: (accountId) => {
                    tabs.currentIndex = root.accountsTab
                    accountsStack.pop(null, StackView.Immediate)
                    accountsStack.push(Qt.resolvedUrl("pages/AccountPage.qml"), { accountId: accountId })
                }
                onStartVisit: (accountId, accountName) => root.startVisitAt(accountId, accountName)
                onResumeVisit: {
                    tabs.currentIndex = root.visitTab
                    visitStack.pop(null, StackView.Immediate)
                }
            }
        }
        StackView {
            id: accountsStack
            objectName: "accountsStack"
            initialItem: AccountsPage {
                id: accountsPage
                onOpenAgenda: accountsStack.push(Qt.resolvedUrl("pages/AgendaPage.qml"))
                onOpenAccount: (accountId) => accountsStack.push(Qt.resolvedUrl("pages/AccountPage.qml"),
                                                                 { accountId: accountId })
                onCreateAccount: (name) => accountsStack.push(Qt.resolvedUrl("pages/AccountEditPage.qml"),
                                                              { accountId: "", initialName: name })
            }
        }
        StackView {
            id: visitStack
            objectName: "visitStack"
            initialItem: VisitPage {
                id: visitPage
            }
        }
        StackView {
            id: syncStack
            objectName: "syncStack"
            initialItem: SyncPage {}
        }
        StackView {
            id: meStack
            objectName: "meStack"
            initialItem: MePage {}
        }
    }

    footer: ColumnLayout {
        spacing: 0
        // The sync state on every page; the Sync tab shows it in full instead.
        SyncStatusBar {
            Layout.fillWidth: true
            visible: tabs.currentIndex !== root.syncTab && Sync.ready
            onClicked: {
                tabs.currentIndex = root.syncTab
                syncStack.pop(null)
            }
        }
        TabBar {
            id: tabs
            Layout.fillWidth: true
            objectName: "mainTabs"
            Material.background: Theme.surface
            Material.accent: Theme.primary
            Material.elevation: 8
            NavButton {
                objectName: "todayTab"
                kind: "today"
                text: qsTr("Today")
            }
            NavButton {
                objectName: "accountsTab"
                kind: "accounts"
                text: qsTr("Accounts")
            }
            NavButton {
                objectName: "visitTab"
                kind: "visit"
                text: qsTr("Visit")
            }
            NavButton {
                objectName: "syncTab"
                kind: "sync"
                text: qsTr("Sync")
            }
            NavButton {
                objectName: "meTab"
                kind: "me"
                text: qsTr("Me")
            }
        }
    }
}
