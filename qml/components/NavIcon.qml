// Small line icons for the bottom navigation, drawn with rectangles so the module needs
// no image files: "today" (a calendar page), "accounts" (a list of cards), "visit" (a
// clipboard with a tick) and "me" (a person).
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

    // visit: a clipboard, its clip, and a tick
    Rectangle {
        visible: icon.kind === "visit"
        x: 4; y: 3
        width: 16; height: 19
        radius: 3
        color: "transparent"
        border.color: icon.color
        border.width: 2
    }
    Rectangle {
        visible: icon.kind === "visit"
        x: 8; y: 1
        width: 8; height: 4
        radius: 1
        color: icon.color
    }
    Rectangle {
        visible: icon.kind === "visit"
        x: 7; y: 12
        width: 5; height: 2
        rotation: 45
        color: icon.color
    }
    Rectangle {
        visible: icon.kind === "visit"
        x: 9; y: 11
        width: 9; height: 2
        rotation: -50
        color: icon.color
    }

    // today: a calendar page with its two rings and a filled day
    Rectangle {
        visible: icon.kind === "today"
        x: 3; y: 4
        width: 18; height: 18
        radius: 3
        color: "transparent"
        border.color: icon.color
        border.width: 2
    }
    Rectangle {
        visible: icon.kind === "today"
        x: 3; y: 8
        width: 18; height: 2
        color: icon.color
    }
    Repeater {
        model: icon.kind === "today" ? 2 : 0
        delegate: Rectangle {
            required property int index
            x: 7 + index * 8; y: 2
            width: 2; height: 5
            color: icon.color
        }
    }
    Rectangle {
        visible: icon.kind === "today"
        x: 12; y: 13
        width: 5; height: 5
        radius: 1
        color: icon.color
    }
}
