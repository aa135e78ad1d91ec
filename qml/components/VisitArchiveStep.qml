// Step 7, enrich the archive (客户资料): each visit adds detail, above all on key persons.
// The archive's own forms open from here (the account, a key person new or known, a change
// of who holds a role) and come back to the visit when saved.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Flickable {
    id: step
    objectName: "visitArchiveStep"
    contentHeight: column.implicitHeight + 2 * Theme.margin
    clip: true

    signal navigate(url url, var properties)

    property var persons: Archive.keyPersons(Visit.accountId)
    Connections {
        target: Archive
        function onChanged() { step.persons = Archive.keyPersons(Visit.accountId) }
    }
    StackView.onActivated: step.persons = Archive.keyPersons(Visit.accountId)

    ColumnLayout {
        id: column
        x: Theme.margin
        y: Theme.margin
        width: step.width - 2 * Theme.margin
        spacing: Theme.spacing

        Label {
            Layout.fillWidth: true
            text: qsTr("What did you learn? Add it while it is fresh.")
            wrapMode: Text.Wrap
            color: Theme.textSecondary
        }
        SectionCard {
            Layout.fillWidth: true
            title: Visit.accountName
            ItemDelegate {
                objectName: "archiveEditAccount"
                Layout.fillWidth: true
                text: qsTr("Edit the account's details") + "  ›"
                onClicked: step.navigate(Qt.resolvedUrl("../pages/AccountEditPage.qml"), { accountId: Visit.accountId })
            }
            ItemDelegate {
                objectName: "archiveRoleChange"
                Layout.fillWidth: true
                text: qsTr("Record a change of role holder") + "  ›"
                onClicked: step.navigate(Qt.resolvedUrl("../pages/RoleChangePage.qml"), { accountId: Visit.accountId })
            }
        }
        SectionCard {
            Layout.fillWidth: true
            title: qsTr("Key persons")
            actionText: qsTr("+ Add key person")
            onActionClicked: step.navigate(Qt.resolvedUrl("../pages/KeyPersonEditPage.qml"),
                                           { accountId: Visit.accountId, personId: "" })
            Repeater {
                model: step.persons
                delegate: ItemDelegate {
                    id: personRow
                    required property var modelData
                    Layout.fillWidth: true
                    text: Labels.joined([personRow.modelData.name,
                                         Labels.option("key_person", "role", personRow.modelData.role || "")], " · ")
                    onClicked: step.navigate(Qt.resolvedUrl("../pages/KeyPersonEditPage.qml"),
                                             { accountId: "", personId: personRow.modelData.id })
                }
            }
        }
    }
}
