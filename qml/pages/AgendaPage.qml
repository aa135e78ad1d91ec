// The rep's day (日程): the appointments of one day by time — today first, the days before
// and after a tap away — each with the account, what for, with whom and where, a clash
// said, cancelled ones greyed. A tap opens the account (where it can be moved or cancelled).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "agendaPage"

    property string day  // "YYYY-MM-DD"; today at first
    property var items: []
    onDayChanged: page.reload()
    readonly property string today: Archive.today()

    function reload() {
        page.items = Agenda.day(page.day)
    }
    function shift(days: int) {
        const d = new Date(page.day + "T00:00:00Z")
        d.setUTCDate(d.getUTCDate() + days)
        page.day = d.toISOString().substring(0, 10)
    }
    Component.onCompleted: if (page.day.length === 0) page.day = page.today

    Connections {
        target: Agenda
        function onChanged() { page.reload() }
    }

    background: Rectangle { color: Theme.background }

    header: PageHeader {
        title: qsTr("My day")
        onBackClicked: page.StackView.view.pop()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 4
            Layout.rightMargin: 4
            Layout.topMargin: Theme.spacing
            spacing: 0
            ToolButton {
                objectName: "agendaPrevious"
                Layout.preferredWidth: Theme.touch
                text: "\u2190"
                font.pixelSize: 20
                Accessible.name: qsTr("The day before")
                onClicked: page.shift(-1)
            }
            Label {
                objectName: "agendaDay"
                Layout.fillWidth: true
                Layout.preferredWidth: 100
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: { void AppSettings.language; return Agenda.dayTitle(page.day) }
                font.pixelSize: Theme.fontBody
                font.bold: true
                color: Theme.textPrimary
            }
            ToolButton {
                objectName: "agendaNext"
                Layout.preferredWidth: Theme.touch
                text: "\u2192"
                font.pixelSize: 20
                Accessible.name: qsTr("The day after")
                onClicked: page.shift(1)
            }
            Button {
                visible: page.day !== page.today
                flat: true
                text: qsTr("Today")
                onClicked: page.day = page.today
            }
        }

        ListView {
            id: list
            objectName: "agendaList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: page.items
            spacing: Theme.spacing
            ScrollIndicator.vertical: ScrollIndicator {}
            delegate: ItemDelegate {
                id: row
                required property var modelData
                width: ListView.view.width
                opacity: row.modelData.status === "cancelled" ? 0.55 : 1.0
                onClicked: page.StackView.view.push(Qt.resolvedUrl("AccountPage.qml"),
                                                    { accountId: row.modelData.accountId })
                contentItem: ColumnLayout {
                    spacing: 2
                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            text: row.modelData.whenText.split(" ").pop()
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            color: Theme.primaryDark
                        }
                        Label {
                            Layout.fillWidth: true
                            text: row.modelData.accountName
                            font.pixelSize: Theme.fontBody
                            color: Theme.textPrimary
                            wrapMode: Text.Wrap
                        }
                        Label {
                            visible: row.modelData.status !== "planned"
                            text: row.modelData.statusLabel
                            font.pixelSize: 12
                            color: Theme.textSecondary
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        text: Labels.joined([row.modelData.purposeLabel, row.modelData.personName, row.modelData.place], " · ")
                        font.pixelSize: 13
                        color: Theme.textSecondary
                        wrapMode: Text.Wrap
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: row.modelData.overlaps.length > 0
                        text: qsTr("Overlaps: %1").arg(row.modelData.overlaps.join("; "))
                        font.pixelSize: 12
                        color: Theme.error
                        wrapMode: Text.Wrap
                    }
                }
            }
            EmptyState {
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.margin
                visible: list.count === 0
                title: qsTr("No appointment this day")
                detail: qsTr("Book one from an account's page after calling ahead.")
            }
        }
    }
}
