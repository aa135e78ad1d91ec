// The Sync tab's icon: two arrows chasing each other round a circle, drawn on a Canvas so
// the module needs no image files.
import QtQuick

Canvas {
    id: icon
    property color color: "black"

    implicitWidth: 24
    implicitHeight: 24
    onColorChanged: requestPaint()

    onPaint: {
        const ctx = getContext("2d")
        ctx.reset()
        ctx.strokeStyle = icon.color
        ctx.fillStyle = icon.color
        ctx.lineWidth = 2
        ctx.lineCap = "round"
        const cx = width / 2, cy = height / 2, r = 8
        // Two arcs, each ending in an arrowhead pointing along the circle.
        for (let i = 0; i < 2; ++i) {
            const start = Math.PI * (i + 0.15)
            const end = Math.PI * (i + 0.85)
            ctx.beginPath()
            ctx.arc(cx, cy, r, start, end, false)
            ctx.stroke()
            const x = cx + r * Math.cos(end), y = cy + r * Math.sin(end)
            const dx = -Math.sin(end), dy = Math.cos(end)    // tangent (direction of travel)
            const nx = Math.cos(end), ny = Math.sin(end)     // outward normal
            ctx.beginPath()
            ctx.moveTo(x + dx * 4, y + dy * 4)
            ctx.lineTo(x + nx * 3.5, y + ny * 3.5)
            ctx.lineTo(x - nx * 3.5, y - ny * 3.5)
            ctx.closePath()
            ctx.fill()
        }
    }
}
