// The Visit tab: the visit in progress as a stepper — each step's state, the step itself,
// Back and Next at the thumb, a step skipped where it may be — or, with none in progress,
// today's appointments to start one from and "start a visit" at any account. A visit left
// open before today is flagged at the top (finish or discard, with a reason).
// Every answer is kept as it is typed (Visit.setAnswer); killing the app returns here, at
// the same step.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "visitPage"

    property var appointments: []
    property string notice  // what the last action did ("Visit finished: ...")
    property string error
    // Where the check-in or check-out waits for a position: {kind: "start"|"finish", ...}.
    property var pending: null

    function reload() {
        page.appointments = Agenda.day("")
    }
    Component.onCompleted: page.reload()

    Connections {
        target: Agenda
        function onChanged() { page.reload() }
    }

    // Starts a visit: with the rep's consent, at the phone's position; without, without it.
    function startVisit(accountId: string, purpose: string, appointmentId: string) {
        page.error = ""
        page.notice = ""
        const request = { kind: "start", accountId: accountId, purpose: purpose, appointmentId: appointmentId }
        if (Location.consent === "unasked" && Location.available) {
            page.pending = request
            consentDialog.open()
            return
        }
        page.withPosition(request)
    }
    function finishVisit() {
        page.error = ""
        page.withPosition({ kind: "finish" })
    }
    function withPosition(request: var) {
        if (Location.consent === "granted" && Location.locate()) {
            page.pending = request
            return
        }
        page.complete(request, "")
    }
    function complete(request: var, position: string) {
        page.pending = null
        if (request.kind === "start") {
            const started = Visit.start(request.accountId, request.purpose, request.appointmentId, position)
            if (!started.ok)
                page.error = started.message
        } else {
            const name = Visit.accountName
            const done = Visit.finish(position)
            if (done.ok)
                page.notice = qsTr("Visit to %1 finished").arg(name)
            else
                page.error = done.message
        }
    }

    Connections {
        target: Location
        function onLocated(value: string) {
            if (page.pending)
                page.complete(page.pending, value)
        }
        function onLocateFailed(message: string) {
            if (page.pending) {
                page.complete(page.pending, "")
                page.notice = qsTr("No position: %1").arg(message)
            }
        }
    }

    LocationConsentDialog {
        id: consentDialog
        parent: Overlay.overlay
        onAnswered: (granted) => {
            Location.setConsent(granted)
            if (page.pending)
                page.withPosition(page.pending)
        }
    }

    VisitDiscardDialog {
        id: discardDialog
        parent: Overlay.overlay
        onDiscarded: page.notice = qsTr("Visit discarded")
    }

    background: Rectangle { color: Theme.background }

    header: ToolBar {
        objectName: "visitHeader"
        implicitHeight: Visit.active ? 72 : 56
        background: Rectangle { color: Theme.primary }
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.margin
            anchors.rightMargin: 4
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 0
                Label {
                    objectName: "visitTitle"
                    Layout.fillWidth: true
                    text: Visit.active ? Visit.accountName : qsTr("Visit")
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    color: "white"
                    wrapMode: Text.Wrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                }
                Label {
                    visible: Visit.active
                    text: Visit.purposeLabel
                    font.pixelSize: Theme.fontSmall
                    color: "#dfe3ff"
                }
            }
            ToolButton {
                objectName: "visitMenuButton"
                visible: Visit.active
                text: "\u22ee"
                font.pixelSize: 22
                Material.foreground: "white"
                Accessible.name: qsTr("More")
                onClicked: visitMenu.open()
                Menu {
                    id: visitMenu
                    MenuItem {
                        objectName: "discardVisitItem"
                        text: qsTr("Discard this visit…")
                        onTriggered: discardDialog.ask("")
                    }
                }
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // The morning flag: visits left open before today.
        Repeater {
            model: Visit.leftOpen
            delegate: Rectangle {
                id: flag
                required property var modelData
                objectName: "leftOpenBanner"
                Layout.fillWidth: true
                implicitHeight: flagColumn.implicitHeight + 16
                color: Theme.tipBackground
                border.color: Theme.tipBorder
                ColumnLayout {
                    id: flagColumn
                    x: Theme.margin
                    y: 8
                    width: parent.width - 2 * Theme.margin
                    spacing: 4
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Visit to %1 left open since %2: finish or discard it.")
                              .arg(flag.modelData.accountName).arg(flag.modelData.sinceText)
                        wrapMode: Text.Wrap
                        font.pixelSize: 13
                        color: Theme.textPrimary
                    }
                    RowLayout {
                        spacing: 8
                        Button {
                            visible: flag.modelData.here
                            flat: true
                            text: qsTr("Go to check-out")
                            onClicked: Visit.goTo("checkout")
                        }
                        Button {
                            objectName: "leftOpenDiscard"
                            visible: flag.modelData.here
                            flat: true
                            text: qsTr("Discard…")
                            onClicked: discardDialog.ask(flag.modelData.id)
                        }
                        // Started on another of the rep's phones: finished or discarded there (a
                        // discard here could undo a check-out that phone has not sent yet).
                        Label {
                            visible: !flag.modelData.here
                            text: qsTr("Started on another of your phones: finish it there.")
                            wrapMode: Text.Wrap
                            font.pixelSize: 13
                            color: Theme.textSecondary
                        }
                    }
                }
            }
        }

        Label {
            objectName: "visitNotice"
            Layout.fillWidth: true
            Layout.margins: Theme.margin
            Layout.bottomMargin: 0
            visible: page.notice.length > 0 && !Visit.active
            text: page.notice
            wrapMode: Text.Wrap
            color: Theme.primaryDark
            font.pixelSize: Theme.fontBody
        }
        ErrorBanner {
            objectName: "visitError"
            Layout.fillWidth: true
            Layout.margins: page.error.length > 0 ? Theme.margin : 0
            Layout.bottomMargin: 0
            text: page.error
        }

        Loader {
            Layout.fillWidth: true
            Layout.fillHeight: true
            sourceComponent: Visit.active ? stepper : idle
        }
    }

    // No visit in progress: today's appointments, and a visit at any account.
    Component {
        id: idle
        ListView {
            objectName: "visitAppointments"
            clip: true
            model: page.appointments.filter(a => a.status === "planned")
            spacing: 0
            ScrollIndicator.vertical: ScrollIndicator {}
            header: ColumnLayout {
                width: ListView.view.width
                spacing: Theme.spacing
                Button {
                    objectName: "startAdHocButton"
                    Layout.fillWidth: true
                    Layout.margins: Theme.margin
                    Layout.bottomMargin: 0
                    implicitHeight: Theme.touch
                    highlighted: true
                    enabled: Visit.canStart
                    text: qsTr("Start a visit at an account…")
                    onClicked: page.StackView.view.push(Qt.resolvedUrl("VisitStartPage.qml"),
                                                        { starter: page.startVisit })
                }
                Label {
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.margin
                    Layout.rightMargin: Theme.margin
                    visible: !Visit.canStart
                    text: qsTr("Sign in on the Sync tab first: a visit is recorded in your name.")
                    wrapMode: Text.Wrap
                    color: Theme.textSecondary
                    font.pixelSize: 13
                }
                Label {
                    Layout.leftMargin: Theme.margin
                    Layout.topMargin: 8
                    text: { void AppSettings.language; return qsTr("Today's appointments") }
                    font.pixelSize: Theme.fontSmall
                    font.bold: true
                    color: Theme.textSecondary
                }
            }
            delegate: ItemDelegate {
                id: row
                required property var modelData
                width: ListView.view.width
                contentItem: RowLayout {
                    spacing: 8
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label {
                            Layout.fillWidth: true
                            text: row.modelData.timeText + "  " + row.modelData.accountName
                            font.pixelSize: Theme.fontBody
                            color: Theme.textPrimary
                            wrapMode: Text.Wrap
                        }
                        Label {
                            Layout.fillWidth: true
                            text: Labels.joined([row.modelData.purposeLabel, row.modelData.personName,
                                                 row.modelData.place], " · ")
                            font.pixelSize: 13
                            color: Theme.textSecondary
                            wrapMode: Text.Wrap
                        }
                    }
                    Button {
                        objectName: "startFromAppointment"
                        text: qsTr("Start")
                        enabled: Visit.canStart
                        onClicked: page.startVisit(row.modelData.accountId, row.modelData.purpose, row.modelData.id)
                    }
                }
            }
            footer: EmptyState {
                width: ListView.view.width
                height: 140
                visible: ListView.view.count === 0
                title: qsTr("No appointment left today")
                detail: qsTr("Start a visit at any account, or book one from the account's page.")
            }
        }
    }

    Component {
        id: stepper
        VisitStepper {
            onFinishRequested: page.finishVisit()
            onNavigate: (url, properties) => page.StackView.view.push(url, properties)
        }
    }
}
