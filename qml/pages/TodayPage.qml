// Today (今日): what to do today and why, most urgent first — late items in red — under a
// header with the day, today's appointments by time and the counts. A tap acts on the item
// (the log form, the visit, the greeting); a swipe to the left offers "Tomorrow" (put off a
// day) and "Done" where the item can simply be marked done.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "todayPage"

    signal openAccount(string accountId)
    signal startVisit(string accountId, string accountName)
    signal resumeVisit()

    property var appointments: []
    property string message
    function reload() {
        page.appointments = Agenda.day("").filter(a => a.status === "planned")
    }
    Component.onCompleted: reload()
    Connections {
        target: Agenda
        function onChanged() { page.reload() }
    }
    Connections {
        target: Today
        function onChanged() { page.reload() }
    }

    // The first item acted on by `what`, an action ("log", "greet", "greetings") or a kind
    // ("anniversary"); the screenshot mode opens its form.
    function firstItem(what: string): var {
        const items = Today.items
        for (let i = 0; i < items.length; ++i)
            if (items[i].action === what || items[i].kind === what)
                return items[i]
        return null
    }
    function act(item: var) {
        if (item.action === "log")
            page.StackView.view.push(Qt.resolvedUrl("ContactLogPage.qml"),
                                     { accountId: item.accountId, accountName: item.accountName,
                                       kind: item.contactKind, taskId: item.taskId })
        else if (item.action === "visit")
            page.startVisit(item.accountId, item.accountName)
        else if (item.action === "resume")
            page.resumeVisit()
        else if (item.action === "stage")
            page.StackView.view.push(Qt.resolvedUrl("StageChangePage.qml"),
                                     { accountId: item.accountId, accountName: item.accountName,
                                       toStage: item.suggestion, suggested: true })
        else if (item.action === "greet" || item.action === "greetings")
            page.StackView.view.push(Qt.resolvedUrl("GreetingPage.qml"),
                                     { itemKey: item.key, occasion: item.occasion, personId: item.personId,
                                       heading: item.title })
    }
    function report(result: var) {
        page.message = result.ok ? "" : result.message
    }

    background: Rectangle { color: Theme.background }

    header: PageHeader {
        title: qsTr("Today")
        canGoBack: false
    }

    ListView {
        id: list
        objectName: "todayList"
        anchors.fill: parent
        clip: true
        model: Today.items
        spacing: 6
        ScrollIndicator.vertical: ScrollIndicator {}
        header: ColumnLayout {
            width: list.width
            spacing: Theme.spacing / 2
            Item { Layout.preferredHeight: Theme.spacing / 2 }
            Label {
                objectName: "todayDay"
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.margin
                Layout.fillWidth: true
                text: Today.dayTitle
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.textPrimary
                wrapMode: Text.Wrap
            }
            RowLayout {
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.margin
                spacing: Theme.spacing
                Label {
                    objectName: "todayOverdue"
                    text: qsTr("%n late", "", Today.overdue)
                    visible: Today.overdue > 0
                    color: Theme.error
                    font.bold: true
                }
                Label {
                    objectName: "todayDue"
                    text: qsTr("%n to do", "", Today.due)
                    color: Theme.primaryDark
                    font.bold: true
                }
                Label {
                    text: qsTr("%n appointment(s)", "", page.appointments.length)
                    color: Theme.textSecondary
                }
            }
            SectionCard {
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.margin
                visible: page.appointments.length > 0
                title: qsTr("Appointments today")
                Repeater {
                    model: page.appointments
                    delegate: ItemDelegate {
                        required property var modelData
                        Layout.fillWidth: true
                        onClicked: page.openAccount(modelData.accountId)
                        contentItem: RowLayout {
                            spacing: Theme.spacing
                            Label {
                                text: modelData.timeText
                                font.bold: true
                                color: Theme.primaryDark
                            }
                            Label {
                                Layout.fillWidth: true
                                text: Labels.joined([modelData.accountName, modelData.purposeLabel, modelData.personName], " · ")
                                elide: Text.ElideRight
                                color: Theme.textPrimary
                            }
                        }
                    }
                }
            }
            ErrorBanner {
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.margin
                Layout.fillWidth: true
                text: page.message
                visible: page.message.length > 0
            }
            Item { Layout.preferredHeight: 2 }
        }

        delegate: SwipeDelegate {
            id: row
            required property var modelData
            objectName: "todayItem_" + modelData.kind
            width: ListView.view.width
            onClicked: page.act(row.modelData)
            background: Rectangle {
                color: Theme.surface
                Rectangle {
                    width: 4
                    height: parent.height
                    color: row.modelData.overdue ? Theme.error : row.modelData.kind === "holiday" || row.modelData.kind === "birthday" || row.modelData.kind === "anniversary" ? Theme.accent : Theme.primary
                }
            }
            contentItem: ColumnLayout {
                spacing: 2
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 6
                    TierBadge {
                        visible: row.modelData.tier.length > 0
                        tier: row.modelData.tier
                    }
                    Label {
                        Layout.fillWidth: true
                        text: row.modelData.title
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        color: Theme.textPrimary
                        wrapMode: Text.Wrap
                    }
                }
                Label {
                    Layout.fillWidth: true
                    text: row.modelData.reason
                    font.pixelSize: 13
                    color: row.modelData.overdue ? Theme.error : Theme.textSecondary
                    wrapMode: Text.Wrap
                }
            }
            swipe.right: Row {
                anchors.right: parent.right
                height: parent.height
                Button {
                    objectName: "todaySnooze"
                    height: parent.height
                    flat: true
                    text: qsTr("Tomorrow")
                    onClicked: {
                        row.swipe.close()
                        page.report(Today.snooze(row.modelData.key, 1))
                    }
                }
                Button {
                    objectName: "todayDone"
                    visible: row.modelData.canDone
                    height: parent.height
                    highlighted: true
                    text: qsTr("Done")
                    onClicked: {
                        row.swipe.close()
                        page.report(Today.markDone(row.modelData.key))
                    }
                }
            }
        }

        EmptyState {
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.margin
            visible: list.count === 0
            title: qsTr("Nothing due today")
            detail: qsTr("Every account is within its cadence. Follow-ups, birthdays and holidays will show here when they come due.")
        }
    }
}
