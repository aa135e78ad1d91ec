// The Sync tab. Signed out: the sign-in card (server address, user name, password), with
// mistakes shown at the field before anything is sent and the server's answer (wrong
// password, unreachable server, busy server, revoked device…) above the button. Signed in:
// who and where, when the last sync was, "Sync now" with its progress and a Cancel while it
// runs, what waits to be sent, what the server refused and which of the rep's values a later
// change made elsewhere overwrote (each dismissable once read), the auto-sync switches and
// sign-out.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "syncPage"

    property var fieldErrors: ({})
    property string signInMessage
    // The objectName of a card to keep scrolled into view while the page fills in (the
    // screenshot runner's --arg, e.g. "overriddenCard"); empty: the top of the page.
    property string focusSection

    function revealSection() {
        if (focusSection.length === 0)
            return
        for (let i = 0; i < column.children.length; ++i) {
            const card = column.children[i]
            if (card.objectName === focusSection && card.visible) {
                flick.contentY = Math.max(0, Math.min(card.y, flick.contentHeight - flick.height))
                return
            }
        }
    }
    onFocusSectionChanged: Qt.callLater(revealSection)

    function submit() {
        const result = Sync.signIn(serverField.text, loginField.text, passwordField.text)
        fieldErrors = result.errors
        signInMessage = result.ok || Object.keys(result.errors).length > 0 ? "" : result.message
    }

    function clearFieldError(field: string) {
        if (fieldErrors[field] === undefined)
            return
        const copy = Object.assign({}, fieldErrors)
        delete copy[field]
        fieldErrors = copy
    }

    function sizeText(bytes: real): string {
        if (bytes < 1024)
            return qsTr("%1 B").arg(bytes)
        if (bytes < 1024 * 1024)
            return qsTr("%1 KB").arg((bytes / 1024).toFixed(1))
        return qsTr("%1 MB").arg((bytes / 1024 / 1024).toFixed(1))
    }

    function trySignOut(force: bool) {
        const result = Sync.signOut(force)
        if (!result.ok) {
            signOutDialog.message = result.message
            signOutDialog.open()
        }
    }

    Connections {
        target: Sync
        function onSignInFinished(result) {
            page.signInMessage = result.ok ? "" : result.message
            if (result.ok)
                passwordField.text = ""
        }
    }

    background: Rectangle { color: Theme.background }

    header: ToolBar {
        Material.background: Theme.primary
        Material.foreground: "white"
        implicitHeight: Theme.touch + 8
        Label {
            anchors.fill: parent
            anchors.leftMargin: Theme.margin
            verticalAlignment: Text.AlignVCenter
            text: qsTr("Sync")
            font.pixelSize: Theme.fontHeadline
            font.bold: true
        }
    }

    Flickable {
        id: flick
        objectName: "syncFlick"
        anchors.fill: parent
        contentHeight: column.implicitHeight + 32
        clip: true
        onContentHeightChanged: Qt.callLater(page.revealSection)

        ColumnLayout {
            id: column
            x: Theme.margin
            y: Theme.margin
            width: flick.width - 2 * Theme.margin
            spacing: Theme.spacing

            // ---- signed out ------------------------------------------------------------
            SectionCard {
                objectName: "signInCard"
                visible: !Sync.signedIn
                title: qsTr("Sign in to sync")

                Label {
                    Layout.fillWidth: true
                    text: qsTr("Your accounts stay on this phone and work offline. Sign in to send your changes to the team server and receive your accounts.")
                    color: Theme.textSecondary
                    font.pixelSize: 13
                    wrapMode: Text.Wrap
                }
                FormField {
                    objectName: "serverBox"
                    label: qsTr("Server address")
                    required: true
                    error: page.fieldErrors.url || ""
                    hint: qsTr("From your administrator, e.g. https://sync.example.com")
                    TextField {
                        id: serverField
                        objectName: "serverField"
                        placeholderText: "https://"
                        inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
                        onTextEdited: page.clearFieldError("url")
                    }
                }
                FormField {
                    objectName: "loginBox"
                    label: qsTr("User name")
                    required: true
                    error: page.fieldErrors.login || ""
                    TextField {
                        id: loginField
                        objectName: "loginField"
                        inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                        onTextEdited: page.clearFieldError("login")
                    }
                }
                FormField {
                    objectName: "passwordBox"
                    label: qsTr("Password")
                    required: true
                    error: page.fieldErrors.password || ""
                    TextField {
                        id: passwordField
                        objectName: "passwordField"
                        echoMode: TextInput.Password
                        onTextEdited: page.clearFieldError("password")
                        onAccepted: page.submit()
                    }
                }
                ErrorBanner {
                    objectName: "signInError"
                    text: page.signInMessage
                }
                Button {
                    objectName: "signInButton"
                    font.capitalization: Font.MixedCase
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch + 4
                    enabled: !Sync.signingIn
                    highlighted: true
                    text: Sync.signingIn ? qsTr("Signing in…") : qsTr("Sign in")
                    onClicked: page.submit()
                }
            }

            // ---- signed in -------------------------------------------------------------
            SectionCard {
                objectName: "statusCard"
                visible: Sync.signedIn
                title: qsTr("Sync status")

                InfoRow {
                    label: qsTr("Signed in as")
                    value: Sync.userName.length > 0 && Sync.userName !== Sync.userLogin
                           ? Sync.userName + " (" + Sync.userLogin + ")" : Sync.userLogin
                }
                InfoRow { label: qsTr("Role"); value: Labels.role(Sync.userRole) }
                InfoRow { label: qsTr("Server"); value: Sync.serverUrl }
                InfoRow {
                    objectName: "lastSyncRow"
                    label: qsTr("Last sync")
                    value: Sync.lastSyncText
                }
                InfoRow {
                    label: qsTr("Network")
                    value: !Sync.online ? qsTr("Offline — changes are kept on this phone")
                         : Sync.serverUnreachable ? qsTr("Connected, but the server cannot be reached")
                         : qsTr("Online")
                }
                ErrorBanner {
                    objectName: "syncError"
                    text: Sync.retryText.length > 0 ? Sync.lastError + "\n" + Sync.retryText : Sync.lastError
                }
                Label {
                    objectName: "syncNotice"
                    Layout.fillWidth: true
                    visible: text.length > 0 && !Sync.syncing
                    text: Sync.notice
                    color: Theme.textSecondary
                    font.pixelSize: 13
                    wrapMode: Text.Wrap
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    visible: Sync.syncing
                    spacing: 4
                    ProgressBar {
                        objectName: "syncProgress"
                        Layout.fillWidth: true
                        indeterminate: Sync.progressTotal <= 0
                        from: 0
                        to: Math.max(1, Sync.progressTotal)
                        value: Sync.progressItems
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: 4
                        Label {
                            Layout.fillWidth: true
                            text: Sync.cancelling ? qsTr("Stopping after what is under way…")
                                  : Sync.phase === "upload"
                                    ? qsTr("Sending photos: %1 of %2").arg(page.sizeText(Sync.progressItems))
                                                                      .arg(page.sizeText(Sync.progressTotal))
                                  : (Sync.phase === "pull" ? qsTr("Receiving %1 of %2") : qsTr("Sending %1 of %2"))
                                    .arg(Sync.progressItems).arg(Sync.progressTotal)
                                    + " · " + page.sizeText(Sync.progressBytes)
                            color: Theme.textSecondary
                            font.pixelSize: 13
                            elide: Text.ElideRight
                        }
                        Button {
                            objectName: "cancelSyncButton"
                            font.capitalization: Font.MixedCase
                            Layout.minimumHeight: Theme.touch
                            flat: true
                            enabled: !Sync.cancelling
                            text: qsTr("Cancel")
                            Material.foreground: Theme.primary
                            onClicked: Sync.cancelSync()
                        }
                    }
                }
                Button {
                    objectName: "syncNowButton"
                    font.capitalization: Font.MixedCase
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch + 4
                    enabled: !Sync.syncing
                    highlighted: true
                    text: Sync.syncing ? qsTr("Syncing…") : qsTr("Sync now")
                    onClicked: Sync.syncNow()
                }
            }

            SectionCard {
                objectName: "pendingCard"
                visible: Sync.signedIn || Sync.pendingCount > 0 || Sync.photosWaiting > 0
                title: qsTr("Waiting to be sent")

                Label {
                    Layout.fillWidth: true
                    visible: Sync.pendingCount === 0 && Sync.photosWaiting === 0
                    text: qsTr("Nothing: every change has been sent.")
                    color: Theme.textSecondary
                    font.pixelSize: 14
                }
                Repeater {
                    model: Sync.pendingByKind
                    delegate: RowLayout {
                        id: pendingRow
                        required property var modelData
                        Layout.fillWidth: true
                        Layout.minimumHeight: 28
                        Label {
                            Layout.fillWidth: true
                            text: pendingRow.modelData.label
                            color: Theme.textPrimary
                            font.pixelSize: 14
                        }
                        Label {
                            text: qsTr("%n change(s)", "", pendingRow.modelData.count)
                            color: Theme.textSecondary
                            font.pixelSize: 14
                        }
                    }
                }
                // The pictures go after the records: a cut connection resumes where it stopped.
                RowLayout {
                    objectName: "photosWaitingRow"
                    Layout.fillWidth: true
                    Layout.minimumHeight: 28
                    visible: Sync.photosWaiting > 0
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Pictures of photos and signatures")
                        color: Theme.textPrimary
                        font.pixelSize: 14
                        wrapMode: Text.Wrap
                    }
                    Label {
                        text: qsTr("%n picture(s)", "", Sync.photosWaiting) + " · " + page.sizeText(Sync.photoBytesWaiting)
                        color: Theme.textSecondary
                        font.pixelSize: 14
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: (Sync.pendingCount > 0 || Sync.photosWaiting > 0) && !Sync.signedIn
                    text: qsTr("They are sent when you sign in.")
                    color: Theme.textHint
                    font.pixelSize: 13
                    wrapMode: Text.Wrap
                }
            }

            SectionCard {
                objectName: "rejectedCard"
                visible: Sync.rejected.length > 0
                title: qsTr("Refused by the server")

                Label {
                    Layout.fillWidth: true
                    text: qsTr("These changes were not accepted and are not on the server. Enter them again if they are still needed.")
                    color: Theme.textSecondary
                    font.pixelSize: 13
                    wrapMode: Text.Wrap
                }
                Repeater {
                    model: Sync.rejected
                    delegate: RowLayout {
                        id: rejectedRow
                        required property var modelData
                        Layout.fillWidth: true
                        spacing: 4
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2
                            Label {
                                Layout.fillWidth: true
                                text: rejectedRow.modelData.what
                                color: Theme.textPrimary
                                font.pixelSize: 14
                                font.bold: true
                                wrapMode: Text.Wrap
                            }
                            Label {
                                Layout.fillWidth: true
                                text: rejectedRow.modelData.reason
                                color: Theme.error
                                font.pixelSize: 13
                                wrapMode: Text.Wrap
                            }
                            Label {
                                objectName: "rejectedEntered"
                                Layout.fillWidth: true
                                visible: text.length > 0
                                text: rejectedRow.modelData.entered
                                color: Theme.textSecondary
                                font.pixelSize: 13
                                wrapMode: Text.Wrap
                            }
                            Label {
                                Layout.fillWidth: true
                                // The server's own words are English: shown to support-minded
                                // English readers only; the reason above is the rep's language.
                                visible: text.length > 0 && AppSettings.language === "en"
                                text: rejectedRow.modelData.detail
                                color: Theme.textHint
                                font.pixelSize: 12
                                wrapMode: Text.Wrap
                            }
                            Label {
                                text: rejectedRow.modelData.when
                                color: Theme.textHint
                                font.pixelSize: 12
                            }
                        }
                        Button {
                            objectName: "dismissRejected"
                            font.capitalization: Font.MixedCase
                            Layout.alignment: Qt.AlignTop
                            Layout.minimumWidth: Theme.touch
                            Layout.minimumHeight: Theme.touch
                            flat: true
                            text: qsTr("Dismiss")
                            Material.foreground: Theme.primary
                            onClicked: Sync.dismissRejected(rejectedRow.modelData.seq)
                        }
                    }
                }
            }

            SectionCard {
                objectName: "overriddenCard"
                visible: Sync.overridden.length > 0
                title: qsTr("Overwritten changes")

                Label {
                    Layout.fillWidth: true
                    text: qsTr("Someone changed these fields after you, and the later change is kept. The rest of your changes were saved. If your value should stand, edit the record again.")
                    color: Theme.textSecondary
                    font.pixelSize: 13
                    wrapMode: Text.Wrap
                }
                Repeater {
                    model: Sync.overridden
                    delegate: RowLayout {
                        id: overriddenRow
                        required property var modelData
                        Layout.fillWidth: true
                        spacing: 4
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2
                            Label {
                                Layout.fillWidth: true
                                text: overriddenRow.modelData.what
                                color: Theme.textPrimary
                                font.pixelSize: 14
                                font.bold: true
                                wrapMode: Text.Wrap
                            }
                            Repeater {
                                model: overriddenRow.modelData.changes
                                delegate: Label {
                                    required property var modelData
                                    objectName: "overriddenText"
                                    Layout.fillWidth: true
                                    text: modelData.text
                                    color: Theme.textPrimary
                                    font.pixelSize: 13
                                    wrapMode: Text.Wrap
                                }
                            }
                            Label {
                                text: overriddenRow.modelData.when
                                color: Theme.textHint
                                font.pixelSize: 12
                            }
                        }
                        Button {
                            objectName: "dismissOverridden"
                            font.capitalization: Font.MixedCase
                            Layout.alignment: Qt.AlignTop
                            Layout.minimumWidth: Theme.touch
                            Layout.minimumHeight: Theme.touch
                            flat: true
                            text: qsTr("Dismiss")
                            Material.foreground: Theme.primary
                            onClicked: Sync.dismissOverridden(overriddenRow.modelData.seq)
                        }
                    }
                }
            }

            SectionCard {
                objectName: "settingsCard"
                visible: Sync.signedIn
                title: qsTr("Automatic sync")

                Switch {
                    objectName: "autoSyncSwitch"
                    Layout.fillWidth: true
                    Layout.minimumHeight: Theme.touch
                    text: qsTr("Sync when the connection returns")
                    checked: Sync.autoSync
                    onToggled: Sync.autoSync = checked
                }
                Switch {
                    objectName: "wifiOnlySwitch"
                    Layout.fillWidth: true
                    Layout.minimumHeight: Theme.touch
                    enabled: Sync.autoSync
                    text: qsTr("Only on Wi-Fi")
                    checked: Sync.wifiOnly
                    onToggled: Sync.wifiOnly = checked
                }
            }

            Button {
                objectName: "signOutButton"
                font.capitalization: Font.MixedCase
                visible: Sync.signedIn
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch + 4
                flat: true
                enabled: !Sync.syncing
                text: qsTr("Sign out")
                Material.foreground: Theme.error
                onClicked: page.trySignOut(false)
            }
        }
    }

    Dialog {
        id: signOutDialog
        objectName: "signOutDialog"
        property string message
        anchors.centerIn: parent
        width: Math.min(page.width - 2 * Theme.margin, 360)
        modal: true
        title: qsTr("Sign out?")
        Label {
            width: signOutDialog.availableWidth
            text: signOutDialog.message
            wrapMode: Text.Wrap
        }
        footer: DialogButtonBox {
            Button {
                text: qsTr("Cancel")
                flat: true
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
            Button {
                objectName: "signOutAnyway"
                text: qsTr("Sign out anyway")
                flat: true
                Material.foreground: Theme.error
                DialogButtonBox.buttonRole: DialogButtonBox.DestructiveRole
                onClicked: {
                    signOutDialog.close()
                    page.trySignOut(true)
                }
            }
        }
    }
}
