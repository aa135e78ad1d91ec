// The profile of one key person, with the coaching tip for their temperament shown
// first: it is what the rep reads before walking in.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "keyPersonPage"

    required property string personId
    property var person: ({})
    property var history: []
    readonly property var temperament: Labels.temperament(fieldText("temperament"))

    function reload() {
        person = Archive.keyPerson(personId)
        history = Archive.personRoleHistory(personId)
    }
    function fieldText(field: string): string {
        const v = person[field]
        return v === undefined || v === null ? "" : String(v)
    }
    function hasAny(fields: var): bool {
        return fields.some(f => page.fieldText(f).length > 0)
    }

    Component.onCompleted: reload()
    Connections {
        target: Archive
        function onChanged() { page.reload() }
    }

    background: Rectangle { color: Theme.background }

    header: PageHeader {
        title: page.fieldText("name")
        actionText: qsTr("Edit")
        onBackClicked: page.StackView.view.pop()
        onActionClicked: page.StackView.view.push(Qt.resolvedUrl("KeyPersonEditPage.qml"),
                                                  { personId: page.personId,
                                                    accountId: page.fieldText("account_id") })
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: column.implicitHeight + 32
        clip: true
        ScrollIndicator.vertical: ScrollIndicator {}

        ColumnLayout {
            id: column
            x: Theme.margin
            y: Theme.margin
            width: flick.width - 2 * Theme.margin
            spacing: Theme.spacing

            Rectangle {
                Layout.fillWidth: true
                implicitHeight: summary.implicitHeight + 2 * Theme.margin
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.divider
                ColumnLayout {
                    id: summary
                    anchors.fill: parent
                    anchors.margins: Theme.margin
                    spacing: 6
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: 8
                        Label {
                            Layout.fillWidth: true
                            text: page.fieldText("name")
                            font.pixelSize: Theme.fontHeadline
                            font.bold: true
                            color: Theme.textPrimary
                            elide: Text.ElideRight
                        }
                        Rectangle {
                            visible: roleLabel.text.length > 0
                            implicitWidth: roleLabel.implicitWidth + 14
                            implicitHeight: 24
                            radius: 4
                            color: Theme.primaryLight
                            Label {
                                id: roleLabel
                                anchors.centerIn: parent
                                text: Labels.option("key_person", "role", page.fieldText("role"))
                                color: Theme.primaryDark
                                font.pixelSize: 13
                            }
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: text.length > 0
                        text: Labels.joined([page.fieldText("title"), page.fieldText("accountName")], " · ")
                        color: Theme.textSecondary
                        font.pixelSize: 14
                        wrapMode: Text.Wrap
                    }
                    Label {
                        visible: page.fieldText("attitude").length > 0
                        text: qsTr("Attitude towards us: %1")
                              .arg(Labels.option("key_person", "attitude", page.fieldText("attitude")))
                        color: Theme.textSecondary
                        font.pixelSize: 14
                    }
                }
            }

            // Coaching tip (domain §9)
            Rectangle {
                objectName: "coachingTip"
                Layout.fillWidth: true
                implicitHeight: tipColumn.implicitHeight + 2 * Theme.margin
                radius: Theme.radius
                color: Theme.tipBackground
                border.color: Theme.tipBorder
                border.width: 1

                ColumnLayout {
                    id: tipColumn
                    anchors.fill: parent
                    anchors.margins: Theme.margin
                    spacing: 6
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Coaching tip")
                        font.pixelSize: 13
                        color: "#8d6e00"
                        font.bold: true
                    }
                    Label {
                        objectName: "temperamentName"
                        Layout.fillWidth: true
                        text: page.temperament.name.length > 0
                              ? qsTr("Temperament: %1").arg(page.temperament.name)
                              : qsTr("Temperament not recorded yet")
                        font.pixelSize: Theme.fontTitle
                        font.bold: true
                        color: Theme.textPrimary
                        wrapMode: Text.Wrap
                    }
                    Label {
                        objectName: "temperamentTip"
                        Layout.fillWidth: true
                        text: page.temperament.tip.length > 0
                              ? page.temperament.tip
                              : qsTr("Note how this person behaves in the next visit and record the temperament to get a tip here.")
                        font.pixelSize: Theme.fontBody
                        color: Theme.textPrimary
                        wrapMode: Text.Wrap
                    }
                }
            }

            SectionCard {
                title: qsTr("Contact and dates")
                visible: page.hasAny(["phone", "birthday", "age", "anniversaries"])
                ContactRow {
                    objectName: "personPhone"
                    label: qsTr("Phone")
                    value: Labels.phone(page.fieldText("phone"))
                    phone: page.fieldText("phone")
                }
                InfoRow { label: qsTr("Birthday"); value: Labels.display("key_person", "birthday", page.fieldText("birthday")) }
                InfoRow { label: qsTr("Age"); value: page.fieldText("age") }
                InfoRow { label: qsTr("Anniversaries"); value: page.fieldText("anniversaries") }
            }

            SectionCard {
                title: qsTr("Background")
                visible: page.hasAny(["hobbies", "taboos", "family", "education", "native_place"])
                InfoRow { label: qsTr("Hobbies"); value: page.fieldText("hobbies") }
                InfoRow { label: qsTr("Taboos"); value: page.fieldText("taboos") }
                InfoRow { label: qsTr("Family"); value: page.fieldText("family") }
                InfoRow { label: qsTr("Education"); value: page.fieldText("education") }
                InfoRow { label: qsTr("Native place"); value: page.fieldText("native_place") }
            }

            SectionCard {
                title: qsTr("Personality and work")
                visible: page.hasAny(["personality", "work_style"])
                InfoRow { label: qsTr("Personality"); value: page.fieldText("personality") }
                InfoRow { label: qsTr("Work style"); value: page.fieldText("work_style") }
            }

            SectionCard {
                title: qsTr("Notes")
                visible: page.fieldText("notes").length > 0
                Label {
                    Layout.fillWidth: true
                    text: page.fieldText("notes")
                    wrapMode: Text.Wrap
                    textFormat: Text.PlainText
                    font.pixelSize: 14
                }
            }

            SectionCard {
                title: qsTr("Positions held")
                visible: page.history.length > 0
                Repeater {
                    model: page.history
                    delegate: RoleHistoryRow {}
                }
            }
        }
    }
}
