// The account list: instant search, filters by tier/stage/industry/region, infinite
// scroll, and a button to create an account.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "accountsPage"

    property alias searchText: searchField.text
    readonly property alias model: accounts
    readonly property alias listView: list

    signal openAccount(string accountId)
    // A new account, named as typed when it comes from a search that found nothing.
    signal createAccount(string name)
    signal openAgenda()

    // The id of the row at `row` among the loaded rows, or "" (used by the screenshot mode).
    function accountIdAt(row: int): string {
        const item = list.itemAtIndex(row)
        return item ? item.accountId : ""
    }

    // Bumped on every write so the industry/region menus pick up new values.
    property int revision: 0

    background: Rectangle { color: Theme.background }

    Connections {
        target: Archive
        function onChanged() { page.revision++ }
    }

    AccountListModel {
        id: accounts
    }

    Timer {
        id: debounce
        interval: 250
        onTriggered: accounts.searchText = searchField.text.trim()
    }

    header: ToolBar {
        Material.background: Theme.primary
        Material.foreground: "white"
        implicitHeight: headerColumn.implicitHeight

        ColumnLayout {
            id: headerColumn
            anchors.left: parent.left
            anchors.right: parent.right
            spacing: 0

            RowLayout {
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch + 8
                Label {
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.margin
                    verticalAlignment: Text.AlignVCenter
                    text: qsTr("Accounts")
                    font.pixelSize: Theme.fontHeadline
                    font.bold: true
                }
                ToolButton {
                    objectName: "agendaButton"
                    Layout.rightMargin: 4
                    text: qsTr("My day")
                    font.pixelSize: Theme.fontBody
                    onClicked: page.openAgenda()
                }
            }
            Rectangle {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.margin
                Layout.bottomMargin: 10
                implicitHeight: Theme.touch
                radius: Theme.touch / 2
                color: "white"

                TextField {
                    id: searchField
                    objectName: "searchField"
                    anchors.fill: parent
                    anchors.leftMargin: 16
                    anchors.rightMargin: clearButton.visible ? 44 : 16
                    placeholderText: qsTr("Search name, pinyin, key person, phone")
                    placeholderTextColor: Theme.textHint
                    color: Theme.textPrimary
                    Material.accent: Theme.primary
                    background: null
                    verticalAlignment: TextInput.AlignVCenter
                    font.pixelSize: Theme.fontBody
                    inputMethodHints: Qt.ImhNoPredictiveText
                    onTextChanged: debounce.restart()
                }
                ToolButton {
                    id: clearButton
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    visible: searchField.text.length > 0
                    text: "\u2715"
                    Material.foreground: Theme.textSecondary
                    Accessible.name: qsTr("Clear search")
                    onClicked: searchField.clear()
                }
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Flickable {
            id: filterBar
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch + 12
            contentWidth: filterRow.implicitWidth + 2 * Theme.margin
            flickableDirection: Flickable.HorizontalFlick
            boundsBehavior: Flickable.StopAtBounds
            clip: true

            Row {
                id: filterRow
                x: Theme.margin
                y: 6
                spacing: 8
                FilterButton {
                    objectName: "tierFilter"
                    caption: qsTr("Tier")
                    choices: Labels.options("account", "tier", "")
                    value: accounts.tier
                    onPicked: (v) => accounts.tier = v
                }
                FilterButton {
                    objectName: "stageFilter"
                    caption: qsTr("Stage")
                    choices: Labels.options("account", "stage", "")
                    value: accounts.stage
                    onPicked: (v) => accounts.stage = v
                }
                FilterButton {
                    objectName: "industryFilter"
                    caption: qsTr("Industry")
                    choices: { void page.revision; return page.valuesToChoices(Archive.industries()) }
                    value: accounts.industry
                    onPicked: (v) => accounts.industry = v
                }
                FilterButton {
                    objectName: "regionFilter"
                    caption: qsTr("Region")
                    choices: { void page.revision; return page.valuesToChoices(Archive.regions()) }
                    value: accounts.region
                    onPicked: (v) => accounts.region = v
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.preferredHeight: 28
            Label {
                id: countLabel
                objectName: "countLabel"
                Layout.fillWidth: true
                text: qsTr("%n account(s)", "", accounts.total)
                color: Theme.textSecondary
                font.pixelSize: 13
            }
            BusyIndicator {
                Layout.preferredWidth: 24
                Layout.preferredHeight: 24
                running: accounts.loading
                visible: running
            }
        }

        ListView {
            id: list
            objectName: "accountList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: accounts
            spacing: 0
            bottomMargin: 88
            delegate: AccountRow {
                id: accountRow
                width: ListView.view.width
                onClicked: page.openAccount(accountRow.accountId)
            }
            onAtYEndChanged: {
                if (atYEnd && count > 0 && accounts.canFetchMore(accounts.index(-1, -1)))
                    accounts.fetchMore(accounts.index(-1, -1))
            }
            ScrollIndicator.vertical: ScrollIndicator {}

            EmptyState {
                id: emptyState
                objectName: "accountsEmpty"
                readonly property string typed: accounts.searchText.trim()
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.margin
                visible: !accounts.loading && list.count === 0
                title: accounts.searchText.length > 0 || accounts.tier.length > 0
                       || accounts.stage.length > 0 || accounts.industry.length > 0
                       || accounts.region.length > 0
                       ? qsTr("No account matches") : qsTr("No accounts yet")
                detail: emptyState.typed.length > 0
                        ? qsTr("Try fewer words, the first letters of the name (zs for 张三), or a key person's name or phone.")
                        : qsTr("Tap + to add your first account.")
                // Nothing found: perhaps it is not in the archive yet.
                actionText: emptyState.typed.length > 0 ? qsTr("New account “%1”").arg(emptyState.typed) : ""
                onAction: page.createAccount(emptyState.typed)
            }
        }
    }

    RoundButton {
        id: addButton
        objectName: "addAccountButton"
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 20
        width: 60
        height: 60
        text: "+"
        font.pixelSize: 28
        highlighted: true
        Material.accent: Theme.accent
        Accessible.name: qsTr("New account")
        onClicked: page.createAccount("")
    }

    function valuesToChoices(values: var): var {
        return values.map(v => ({ value: v, label: v }))
    }
}
