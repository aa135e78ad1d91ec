#!/usr/bin/env bash
# Style and static checks, as the test command enforces them (ctest label `lint`):
#   scripts/lint.sh format             every C++ file is formatted as .clang-format says
#   scripts/lint.sh fix                formats them in place
#   scripts/lint.sh tidy BUILD [DIR…]  clang-tidy (.clang-tidy, warnings are errors) over the
#                                      sources of DIR… (default: every product folder) with
#                                      BUILD/compile_commands.json
# The tools are Debian's clang-format-14 and clang-tidy-14 (scripts/packages.txt).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

sources() {
    find "$@" \( -name '*.cpp' -o -name '*.h' \) -not -path '*/build/*' | sort
}
product=(app core platform server sync)

case "${1-}" in
format)
    sources "${product[@]}" tests | xargs clang-format-14 --dry-run -Werror
    echo "clang-format: $(sources "${product[@]}" tests | wc -l) files formatted"
    # catch_discover_tests splits a test name at ';': both halves run nothing and pass.
    sources tests | grep '\.cpp$' | xargs python3 scripts/check_test_names.py
    ;;
fix)
    sources "${product[@]}" tests | xargs clang-format-14 -i
    ;;
tidy)
    build=${2:?usage: lint.sh tidy BUILD [DIR...]}
    shift 2
    dirs=("$@")
    [ ${#dirs[@]} -gt 0 ] || dirs=("${product[@]}")
    # Translation units only (headers are checked through them, .clang-tidy's HeaderFilterRegex).
    mapfile -t units < <(sources "${dirs[@]}" | grep '\.cpp$')
    jobs=$(nproc 2>/dev/null || echo 2)
    printf '%s\n' "${units[@]}" |
        xargs -P "$jobs" -n 4 clang-tidy-14 -p "$build" --quiet --warnings-as-errors='*' 2>/dev/null
    echo "clang-tidy: ${#units[@]} files clean"
    ;;
*)
    echo "usage: scripts/lint.sh format | fix | tidy BUILD [DIR...]" >&2
    exit 2
    ;;
esac
