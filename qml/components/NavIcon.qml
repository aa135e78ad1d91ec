// Small line icons for the bottom navigation, drawn with rectangles so the module needs
// no image files: "accounts" (a list of cards) and "me" (a person).
import QtQuick

Item {
    id: icon
    property string kind
    property color color: "black"

    implicitWidth: 24
    implicitHeight: 24

    // accounts: three rows, each a dot and a bar
    Repeater {
        model: icon.kind === "accounts" ? 3 : 0
        delegate: Item {
            required property int index
            x: 2
            y: 4 + index * 6
            width: 20
            height: 4
            Rectangle { width: 4; height: 4; radius: 2; color: icon.color }
            Rectangle { x: 7; width: 13; height: 4; radius: 2; color: icon.color }
        }
    }

    // me: head and shoulders
    Rectangle {
        visible: icon.kind === "me"
        x: 7; y: 2
        width: 10; height: 10
        radius: 5
        color: "transparent"
        border.color: icon.color
        border.width: 2
    }
    Rectangle {
        visible: icon.kind === "me"
        x: 3; y: 14
        width: 18; height: 9
        radius: 5
        color: "transparent"
        border.color: icon.color
        border.width: 2
    }
}
