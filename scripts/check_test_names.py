#!/usr/bin/env python3
"""Fails on a Catch2 TEST_CASE whose name holds a ';' (scripts/lint.sh format runs it).

catch_discover_tests splits a test name at ';', and both halves then run nothing and pass.
Usage: check_test_names.py FILE..."""
import re
import sys

LITERAL = r'"(?:[^"\\]|\\.)*"'
CASE = re.compile(r"TEST_CASE\(\s*((?:" + LITERAL + r"\s*)+)")
bad = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for m in CASE.finditer(text):
        name = "".join(s[1:-1] for s in re.findall(LITERAL, m.group(1)))
        if ";" in name:
            line = text.count("\n", 0, m.start()) + 1
            bad.append("%s:%d: TEST_CASE name with a ';': %s" % (path, line, name))
print("\n".join(bad) if bad else "test names: no ';' in %d files" % len(sys.argv[1:]))
sys.exit(1 if bad else 0)
