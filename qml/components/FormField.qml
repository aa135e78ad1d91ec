// A labelled form field: caption above, the control, and the validation message under
// it in red. The control is the default content.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.Ui

ColumnLayout {
    id: field
    property string label
    property bool required: false
    property string error
    property string hint
    default property alias control: holder.data

    Layout.fillWidth: true
    spacing: 2
    // The control's focus line turns red with the message.
    Material.accent: error.length > 0 ? Theme.error : Theme.primary

    Label {
        text: field.required ? field.label + " *" : field.label
        color: field.error.length > 0 ? Theme.error : Theme.textSecondary
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
        text: field.error.length > 0 ? field.error : field.hint
        color: field.error.length > 0 ? Theme.error : Theme.textHint
        font.pixelSize: 12
        wrapMode: Text.Wrap
    }
}
