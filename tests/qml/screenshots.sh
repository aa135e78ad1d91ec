#!/bin/sh
# Renders every page of the Fieldbook.Ui contract from a demo database with 300 accounts,
# in Chinese and (a few pages) in English, under Xvfb with the xcb platform (offscreen
# drops Material's elevated backgrounds). Fails when a render fails or the PNG is blank.
#   screenshots.sh FIELDBOOK FIELDBOOK_TOOL OUTDIR
set -eu

app=$1
tool=$2
out=$3

mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
XDG_RUNTIME_DIR="$work/runtime"
mkdir -m 0700 "$XDG_RUNTIME_DIR"
export XDG_RUNTIME_DIR
HOME="$work/home"   # settings written by the app stay in the temp dir
mkdir -p "$HOME"
export HOME
export TZ=Asia/Shanghai

db="$work/demo.db"
"$tool" demo --db "$db" --accounts 300 >"$work/demo.log" 2>&1 || {
    cat "$work/demo.log"; echo "FAIL: fieldbook-tool demo"; exit 1; }

pages="accounts accounts-search account account-edit account-edit-invalid keyperson keyperson-edit role-change referral me"
failed=0

# render LANG PAGE [ARG]
render() {
    lang=$1 page=$2 arg=${3-}
    file="$out/$lang-$page.png"
    rm -f "$file"
    set -- --db "$db" --lang "$lang" --screenshot "$file" --page "$page" --size 390x844
    [ -n "$arg" ] && set -- "$@" --arg "$arg"
    if ! xvfb-run -a -s '-screen 0 1280x1024x24' env QT_QPA_PLATFORM=xcb \
            "$app" "$@" >"$work/$lang-$page.log" 2>&1; then
        echo "FAIL: $lang $page: fieldbook exited with an error"; cat "$work/$lang-$page.log"
        failed=1; return
    fi
    if [ ! -s "$file" ]; then
        echo "FAIL: $lang $page: no image"; cat "$work/$lang-$page.log"; failed=1; return
    fi
    size=$(wc -c <"$file")
    # A blank 390x844 PNG compresses to a few hundred bytes; a real page is far larger.
    if [ "$size" -lt 8000 ]; then
        echo "FAIL: $lang $page: image of $size bytes looks blank"; failed=1; return
    fi
    echo "ok: $file ($size bytes)"
}

for page in $pages; do
    arg=""
    [ "$page" = accounts-search ] && arg="zhang"
    render zh_CN "$page" "$arg"
done
render en accounts
render en account
render en keyperson
render en account-edit-invalid
render en me

exit $failed
