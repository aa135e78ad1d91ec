// Colours, sizes and the tier palette of Fieldbook.Ui. One place so pages stay consistent.
pragma Singleton
import QtQuick
import QtQuick.Controls.Material

QtObject {
    readonly property color primary: Material.color(Material.Indigo)
    readonly property color primaryDark: Material.color(Material.Indigo, Material.Shade700)
    readonly property color primaryLight: Material.color(Material.Indigo, Material.Shade50)
    readonly property color accent: Material.color(Material.Teal)
    readonly property color background: "#f5f6fa"
    readonly property color surface: "#ffffff"
    readonly property color divider: "#e3e5ec"
    readonly property color textPrimary: "#1f2330"
    readonly property color textSecondary: "#5f6577"
    readonly property color textHint: "#8d93a3"
    readonly property color error: "#c62828"
    readonly property color tipBackground: "#fff8e1"
    readonly property color tipBorder: "#ffca28"

    readonly property int touch: 48
    readonly property int spacing: 12
    readonly property int margin: 16
    readonly property int radius: 10

    readonly property int fontSmall: 12
    readonly property int fontBody: 15
    readonly property int fontTitle: 18
    readonly property int fontHeadline: 22

    function tierColor(tier: string): color {
        switch (tier) {
        case "KA": return "#b71c1c"
        case "A": return "#e65100"
        case "B": return "#1565c0"
        case "C": return "#607d8b"
        case "P": return "#00897b"
        }
        return "#9e9e9e"
    }

    function stageColor(stage: string): color {
        switch (stage) {
        case "acquisition": return "#00897b"
        case "growth": return "#2e7d32"
        case "maturity": return "#3949ab"
        case "decline": return "#ef6c00"
        case "exit": return "#757575"
        }
        return "#757575"
    }
}
