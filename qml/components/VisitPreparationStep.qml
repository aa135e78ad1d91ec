// Step 3, preparation: the checklist of the visit's purpose (the admin's reference data, or
// the standard list), each tick recorded on the visit as it is made.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Flickable {
    id: step
    objectName: "visitPreparationStep"
    contentHeight: column.implicitHeight + 2 * Theme.margin
    clip: true
    property var items: Visit.checklist()

    ColumnLayout {
        id: column
        x: Theme.margin
        y: Theme.margin
        width: step.width - 2 * Theme.margin
        spacing: Theme.spacing

        SectionCard {
            Layout.fillWidth: true
            title: qsTr("Before you go in")
            Repeater {
                model: step.items
                delegate: CheckBox {
                    id: box
                    required property var modelData
                    objectName: "checklist_" + box.modelData.code
                    Layout.fillWidth: true
                    Layout.leftMargin: 4
                    text: box.modelData.label
                    checked: box.modelData.ticked
                    font.pixelSize: Theme.fontBody
                    onToggled: {
                        Visit.tick(box.modelData.code, box.checked)
                        step.items = Visit.checklist()
                    }
                }
            }
        }
    }
}
