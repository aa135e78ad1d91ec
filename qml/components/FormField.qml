// A labelled form field: caption above, the control, and the validation message under
// it in red. The control is the default content. Given `entity` and `field`, the caption,
// the required mark and the hint come from the registry's declaration of the field (what
// the store validates); `label` and `required` may still be set by hand for a control that
// is not one field.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.Ui

ColumnLayout {
    id: root
    property string entity
    property string field
    readonly property var info: entity.length > 0 && field.length > 0 ? Labels.field(entity, field) : ({})
    // A quantity's unit is said with its caption: "Expected length (minutes)".
    property string label: info.label === undefined ? ""
                           : info.unit ? qsTr("%1 (%2)").arg(info.label).arg(info.unit) : info.label
    property bool required: info.required === true
    property string error
    property string hint: info.hint !== undefined ? info.hint : ""
    default property alias control: holder.data

    Layout.fillWidth: true
    spacing: 2
    // The control's focus line turns red with the message.
    Material.accent: root.error.length > 0 ? Theme.error : Theme.primary

    Label {
        text: root.required ? root.label + " *" : root.label
        color: root.error.length > 0 ? Theme.error : Theme.textSecondary
        font.pixelSize: 13
    }
    Item {
        id: holder
        Layout.fillWidth: true
        implicitHeight: childrenRect.height
        onChildrenChanged: {
            for (let i = 0; i < children.length; ++i)
                children[i].width = Qt.binding(() => holder.width)
        }
    }
    Label {
        Layout.fillWidth: true
        visible: text.length > 0
        text: root.error.length > 0 ? root.error : root.hint
        color: root.error.length > 0 ? Theme.error : Theme.textHint
        font.pixelSize: 12
        wrapMode: Text.Wrap
    }
}
