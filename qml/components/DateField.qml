// A YYYY-MM-DD text field. `valid` is true when empty or a real calendar date.
import QtQuick
import QtQuick.Controls
import Fieldbook.Ui

TextField {
    id: field
    readonly property bool valid: text.length === 0 || isDate(text)

    function isDate(s: string): bool {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
        if (!m)
            return false
        const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3])
        if (mo < 1 || mo > 12 || d < 1)
            return false
        const days = new Date(y, mo, 0).getDate()
        return d <= days
    }

    implicitHeight: Theme.touch
    placeholderText: qsTr("YYYY-MM-DD")
    inputMethodHints: Qt.ImhDate | Qt.ImhNoPredictiveText
    maximumLength: 10
}
