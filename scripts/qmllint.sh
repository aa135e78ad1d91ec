#!/bin/bash
# qmllint over every QML file of the product, against the built module (BUILD/qml). Fails on
# any warning that scripts/qmllint-known.txt does not list (Qt 6.4 false positives, each
# explained there). Usage: scripts/qmllint.sh BUILD
set -u
build=${1:?usage: scripts/qmllint.sh BUILD}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
qmllint=/usr/lib/qt6/bin/qmllint
files=(qml/*.qml qml/pages/*.qml qml/components/*.qml)
out=$("$qmllint" -I "$build/qml" "${files[@]}" 2>&1)
problems=0
while IFS= read -r line; do
    [[ $line == Warning:* ]] || continue
    file=${line#Warning: }
    file=${file%%:*}
    message=${line#*: *: }
    known=0
    while IFS=$'\t' read -r glob regex _; do
        [[ -z $glob || $glob == \#* ]] && continue
        # shellcheck disable=SC2053
        if [[ $file == $glob ]] && grep -qE -- "$regex" <<<"$message"; then
            known=1
            break
        fi
    done <"$root/scripts/qmllint-known.txt"
    if [ "$known" -eq 0 ]; then
        echo "$line"
        problems=$((problems + 1))
    fi
done <<<"$out"
if [ "$problems" -gt 0 ]; then
    echo "qmllint: $problems warning(s) not listed in scripts/qmllint-known.txt"
    exit 1
fi
echo "qmllint: ${#files[@]} files clean (known Qt 6.4 false positives: scripts/qmllint-known.txt)"
