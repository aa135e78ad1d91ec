// The visit in progress: a strip of numbered steps (done ✓, skipped –, the current one
// highlighted; a tap goes there), the current step's page, and Back / Next at the bottom
// (Skip on an optional step with nothing recorded; Check out on the last). Leaving a step
// that has a form saves it first: a refused answer keeps the rep there, with the reason at
// the field.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

ColumnLayout {
    id: stepper
    objectName: "visitStepper"
    spacing: 0

    // Check-out pressed (the page asks for a position first).
    signal finishRequested()
    // A step opens another page (the archive's forms): push it on the tab's stack.
    signal navigate(url url, var properties)

    readonly property var steps: Visit.steps
    readonly property int index: steps.findIndex(s => s.state === "current")
    readonly property var current: index >= 0 ? steps[index] : ({})
    readonly property bool last: index === steps.length - 1
    property string message
    onIndexChanged: Qt.callLater(strip.showCurrent)
    onStepsChanged: Qt.callLater(strip.showCurrent)

    // Saves the step's form (if it has one), then moves.
    function go(name: string) {
        const step = body.item
        if (step && step.save !== undefined && !step.save())
            return
        const moved = Visit.goTo(name)
        stepper.message = moved.ok ? "" : moved.message
    }
    function next() {
        if (stepper.last) {
            const step = body.item
            if (step && step.readyToFinish !== undefined && !step.readyToFinish())
                return
            stepper.finishRequested()
            return
        }
        stepper.go(stepper.steps[stepper.index + 1].name)
    }
    function back() {
        if (stepper.index > 0)
            stepper.go(stepper.steps[stepper.index - 1].name)
    }

    ListView {
        id: strip
        objectName: "visitStepStrip"
        Layout.fillWidth: true
        Layout.preferredHeight: 64
        orientation: ListView.Horizontal
        spacing: 4
        leftMargin: 8
        rightMargin: 8
        clip: true
        model: stepper.steps
        currentIndex: stepper.index
        // The current step in view (the list is made anew whenever a step changes).
        function showCurrent() {
            if (stepper.index >= 0)
                strip.positionViewAtIndex(stepper.index, ListView.Contain)
        }
        onCountChanged: Qt.callLater(strip.showCurrent)
        onWidthChanged: Qt.callLater(strip.showCurrent)
        delegate: ItemDelegate {
            id: chip
            required property var modelData
            required property int index
            objectName: "visitStep_" + chip.modelData.name
            height: 64
            width: Math.max(64, implicitContentWidth + 16)
            onClicked: stepper.go(chip.modelData.name)
            contentItem: Column {
                spacing: 2
                Rectangle {
                    anchors.horizontalCenter: parent.horizontalCenter
                    width: 26
                    height: 26
                    radius: 13
                    color: chip.modelData.state === "current" ? Theme.primary
                         : chip.modelData.state === "done" ? Theme.primaryLight : "transparent"
                    border.color: chip.modelData.state === "ahead" || chip.modelData.state === "skipped"
                                  ? Theme.divider : Theme.primary
                    border.width: 2
                    Label {
                        anchors.centerIn: parent
                        text: chip.modelData.state === "done" ? "\u2713"
                            : chip.modelData.state === "skipped" ? "\u2013" : chip.modelData.number
                        font.pixelSize: 13
                        font.bold: true
                        color: chip.modelData.state === "current" ? "white"
                             : chip.modelData.state === "done" ? Theme.primaryDark : Theme.textSecondary
                    }
                }
                Label {
                    anchors.horizontalCenter: parent.horizontalCenter
                    text: chip.modelData.label
                    font.pixelSize: 12
                    font.bold: chip.modelData.state === "current"
                    color: chip.modelData.state === "current" ? Theme.primaryDark : Theme.textSecondary
                }
            }
        }
    }
    Rectangle {
        Layout.fillWidth: true
        implicitHeight: 1
        color: Theme.divider
    }

    ErrorBanner {
        objectName: "visitStepError"
        Layout.fillWidth: true
        Layout.margins: stepper.message.length > 0 ? Theme.margin : 0
        Layout.bottomMargin: 0
        text: stepper.message
    }

    Loader {
        id: body
        objectName: "visitStepBody"
        Layout.fillWidth: true
        Layout.fillHeight: true
        source: {
            switch (stepper.current.name) {
            case "checkin": return "VisitCheckinStep.qml"
            case "briefing": return "VisitBriefingStep.qml"
            case "preparation": return "VisitPreparationStep.qml"
            case "conversation": return "VisitConversationStep.qml"
            case "gifts": return "VisitGiftsStep.qml"
            case "agreement": return "VisitAgreementStep.qml"
            case "archive": return "VisitArchiveStep.qml"
            case "referrals": return "VisitReferralsStep.qml"
            case "checkout": return "VisitCheckoutStep.qml"
            }
            return ""
        }
        onLoaded: if (item.navigate !== undefined) item.navigate.connect(stepper.navigate)
    }

    Rectangle {
        Layout.fillWidth: true
        implicitHeight: 1
        color: Theme.divider
    }
    RowLayout {
        Layout.fillWidth: true
        Layout.margins: 8
        spacing: 8
        Button {
            objectName: "visitBackButton"
            Layout.preferredWidth: 110
            implicitHeight: Theme.touch
            enabled: stepper.index > 0
            flat: true
            font.capitalization: Font.MixedCase
            text: qsTr("Back")
            onClicked: stepper.back()
        }
        Item { Layout.fillWidth: true }
        Button {
            objectName: "visitNextButton"
            Layout.preferredWidth: 160
            implicitHeight: Theme.touch
            highlighted: true
            font.capitalization: Font.MixedCase
            text: stepper.last ? qsTr("Check out")
                : stepper.current.optional && !stepper.current.done ? qsTr("Skip")
                : qsTr("Next")
            onClicked: stepper.next()
        }
    }
}
