// The rep's own settings and facts about this device.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "mePage"

    background: Rectangle { color: Theme.background }

    header: ToolBar {
        Material.background: Theme.primary
        Material.foreground: "white"
        implicitHeight: Theme.touch + 8
        Label {
            anchors.fill: parent
            anchors.leftMargin: Theme.margin
            verticalAlignment: Text.AlignVCenter
            text: qsTr("Me")
            font.pixelSize: Theme.fontHeadline
            font.bold: true
        }
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: column.implicitHeight + 32
        clip: true

        ColumnLayout {
            id: column
            x: Theme.margin
            y: Theme.margin
            width: flick.width - 2 * Theme.margin
            spacing: Theme.spacing

            SectionCard {
                objectName: "meAccountCard"
                title: qsTr("Account")
                Label {
                    Layout.fillWidth: true
                    // A small preferred width: the wrapped text's full width must not become
                    // the card's implicit width (a polish loop otherwise).
                    Layout.preferredWidth: 100
                    visible: !Sync.signedIn
                    text: qsTr("Not signed in. Your accounts stay on this phone; sign in on the Sync tab to send your changes to the team server.")
                    color: Theme.textSecondary
                    font.pixelSize: 13
                    wrapMode: Text.Wrap
                }
                InfoRow {
                    visible: Sync.signedIn
                    label: qsTr("Name")
                    value: Sync.userName.length > 0 ? Sync.userName : Sync.userLogin
                }
                InfoRow { visible: Sync.signedIn; label: qsTr("User name"); value: Sync.userLogin }
                InfoRow { visible: Sync.signedIn; label: qsTr("Role"); value: Labels.role(Sync.userRole) }
                InfoRow {
                    objectName: "meTeam"
                    visible: Sync.signedIn && Sync.userTeam.length > 0
                    label: qsTr("Team")
                    value: Sync.userTeam
                }
                InfoRow { visible: Sync.signedIn; label: qsTr("Server"); value: Sync.serverUrl }
            }

            SectionCard {
                objectName: "meStockCard"
                title: qsTr("My stock")
                Label {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 100
                    // Not tied to Gifts.loaded: a wrapped label that appears late sends Qt
                    // 6.4's layout into a polish loop, and the Me tab is never the first shown.
                    visible: Gifts.stock.length === 0
                    text: qsTr("No gifts or samples handed out to you yet. What the warehouse gives you shows here after a sync.")
                    color: Theme.textSecondary
                    font.pixelSize: 13
                    wrapMode: Text.Wrap
                }
                Repeater {
                    model: Gifts.stock
                    delegate: RowLayout {
                        id: stockRow
                        objectName: "stockRow"
                        required property var modelData
                        Layout.fillWidth: true
                        Layout.minimumHeight: Theme.touch
                        spacing: Theme.spacing
                        ColumnLayout {
                            Layout.fillWidth: true
                            Layout.preferredWidth: 100
                            spacing: 2
                            Label {
                                Layout.fillWidth: true
                                Layout.preferredWidth: 100
                                text: stockRow.modelData.name
                                color: stockRow.modelData.held ? Theme.textPrimary : Theme.textSecondary
                                font.pixelSize: 15
                                elide: Text.ElideRight
                            }
                            Label {
                                Layout.fillWidth: true
                                Layout.preferredWidth: 100
                                text: [stockRow.modelData.categoryLabel, stockRow.modelData.valueText].filter(t => t.length > 0).join(" · ")
                                visible: text.length > 0
                                color: Theme.textSecondary
                                font.pixelSize: 12
                                elide: Text.ElideRight
                            }
                            Label {
                                Layout.fillWidth: true
                                Layout.preferredWidth: 100
                                text: stockRow.modelData.lastReceiptText
                                visible: text.length > 0
                                color: Theme.textSecondary
                                font.pixelSize: 12
                                elide: Text.ElideRight
                            }
                        }
                        Label {
                            objectName: "stockQuantity"
                            Layout.alignment: Qt.AlignVCenter
                            text: stockRow.modelData.quantityText
                            // Below zero: handed out more than received (a receipt not yet
                            // entered); the manager is told on the server.
                            color: stockRow.modelData.quantity < 0 ? Theme.error : Theme.textPrimary
                            font.pixelSize: 16
                            font.bold: stockRow.modelData.held
                        }
                    }
                }
            }

            SectionCard {
                objectName: "meSyncCard"
                title: qsTr("Sync")
                InfoRow {
                    label: qsTr("Last sync")
                    value: Sync.lastSyncText.length > 0 ? Sync.lastSyncText : qsTr("Never")
                }
                InfoRow {
                    label: qsTr("Waiting to be sent")
                    value: Sync.pendingCount > 0 ? qsTr("%n change(s)", "", Sync.pendingCount) : qsTr("Nothing")
                }
                InfoRow {
                    objectName: "meSyncState"
                    label: qsTr("State")
                    // The one decision the strip on every page shows (SyncController::statusKind).
                    value: Sync.statusLine
                }
                Label {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 100
                    visible: Sync.lastError.length > 0 && !Sync.syncing
                    text: Sync.lastError
                    color: Theme.error
                    font.pixelSize: 13
                    wrapMode: Text.Wrap
                }
            }

            SectionCard {
                objectName: "meCadenceCard"
                title: qsTr("Contact cadence by tier")
                visible: Gifts.policies.length > 0
                Repeater {
                    model: Gifts.policies
                    delegate: ColumnLayout {
                        id: tierRules
                        required property var modelData
                        Layout.fillWidth: true
                        Layout.bottomMargin: Theme.spacing
                        spacing: 2
                        Label {
                            text: tierRules.modelData.tierLabel
                            color: Theme.textPrimary
                            font.pixelSize: 14
                            font.bold: true
                        }
                        Label {
                            Layout.fillWidth: true
                            Layout.preferredWidth: 100
                            text: tierRules.modelData.rules.join("\n")
                            color: Theme.textSecondary
                            font.pixelSize: 13
                            lineHeight: 1.2
                            wrapMode: Text.Wrap
                        }
                    }
                }
            }

            SectionCard {
                objectName: "meLocationCard"
                title: qsTr("Location")
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    Label {  // wraps (a Switch's own text is elided at phone width)
                        Layout.fillWidth: true
                        Layout.preferredWidth: 100
                        text: qsTr("Use this phone's position when I tap to record it")
                        color: Theme.textPrimary
                        font.pixelSize: 14
                        wrapMode: Text.Wrap
                    }
                    Switch {
                        objectName: "locationConsent"
                        checked: Location.consent === "granted"
                        Accessible.name: qsTr("Use this phone's position when I tap to record it")
                        onToggled: Location.setConsent(checked)
                    }
                }
                Label {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 100
                    Layout.bottomMargin: Theme.spacing
                    wrapMode: Text.Wrap
                    font.pixelSize: 13
                    color: Theme.textSecondary
                    text: (Location.consent === "granted"
                           ? qsTr("Allowed since %1.").arg(Location.consentSince) + " "
                           : "")
                          + qsTr("Read once when you record an account's location or check in at a visit; "
                                 + "saved with that record. Never in the background.")
                          + (Location.available ? "" : " " + qsTr("This device has no position source."))
                }
            }

            SectionCard {
                objectName: "meRemindersCard"
                title: qsTr("Appointment reminders")
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    Label {
                        text: qsTr("Remind me")
                        color: Theme.textPrimary
                        font.pixelSize: 14
                        wrapMode: Text.Wrap
                    }
                    ComboBox {
                        id: leadBox
                        objectName: "reminderLead"
                        readonly property var choices: { void AppSettings.language; return Agenda.reminderLeadChoices() }
                        implicitHeight: Theme.touch
                        Layout.fillWidth: true  // the longest choice whole ("30 minutes before")
                        model: leadBox.choices
                        textRole: "label"
                        valueRole: "value"
                        currentIndex: Math.max(0, leadBox.choices.findIndex(c => c.value === Agenda.reminderLeadMinutes))
                        onActivated: (index) => Agenda.reminderLeadMinutes = leadBox.choices[index].value
                    }
                }
            }

            SectionCard {
                title: qsTr("Language")
                ButtonGroup { id: languageGroup }
                RadioButton {
                    objectName: "languageZh"
                    Layout.fillWidth: true
                    text: "中文（简体）"
                    checked: AppSettings.language === "zh_CN"
                    ButtonGroup.group: languageGroup
                    onClicked: AppSettings.language = "zh_CN"
                }
                RadioButton {
                    objectName: "languageEn"
                    Layout.fillWidth: true
                    text: "English"
                    checked: AppSettings.language === "en"
                    ButtonGroup.group: languageGroup
                    onClicked: AppSettings.language = "en"
                }
            }

            SectionCard {
                title: qsTr("About")
                InfoRow { label: qsTr("Accounts on this phone"); value: String(AppSettings.accountCount) }
                InfoRow { label: qsTr("Device"); value: AppSettings.deviceModel }
                InfoRow { label: qsTr("App version"); value: AppSettings.version }
            }
        }
    }
}
