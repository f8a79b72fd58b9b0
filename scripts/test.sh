#!/bin/sh
# test.sh BUILD_DIR - run the whole suite under the sanitizers and end with one line,
# "N passed, N failed", counting every test case (each TAP "ok" / "not ok" line).
set -u
build=$1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
meson test -C "$build" --print-errorlogs --num-processes 2
status=$?
python3 - "$build/meson-logs/testlog.json" <<'PY'
import json, re, sys
passed = failed = skipped = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    t = json.loads(line)
    out = t.get("stdout") or ""
    oks = len(re.findall(r"^ok\b", out, re.M))
    skips = len(re.findall(r"^ok\b.*# *SKIP", out, re.M | re.I))
    bad = len(re.findall(r"^not ok\b", out, re.M))
    if t.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and bad == 0:
        bad = 1  # crashed or timed out before reporting a failing case
    passed += oks - skips
    skipped += skips
    failed += bad
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
exit $status
