#!/bin/sh
# lint.sh - the style checks: formatting, banned calls outside alloc.c, public headers that
# compile on their own as C17 and C++17, file sizes, and the layer rule (tools/layers.py:
# includes and calls follow the layer table, no cycles; its self-test plants each kind of
# breach in a scratch copy and expects a failure).  Prints TAP; exits 1 on failure.
set -u
cd "$(dirname "$0")/.."
n=0
fail=0
check() { # description, command...
    desc=$1
    shift
    n=$((n + 1))
    if out=$("$@" 2>&1); then
        echo "ok $n - $desc"
    else
        echo "not ok $n - $desc"
        echo "$out" | sed 's/^/# /' | head -20
        fail=1
    fi
}

format_ok() {
    command -v clang-format >/dev/null || return 0
    clang-format --dry-run -Werror $(git ls-files '*.c' '*.h' 2>/dev/null || find lib cli include tests bench fuzz -name '*.[ch]')
}
banned_ok() {
    ! grep -nE '\b(strcpy|strcat|sprintf|vsprintf|strtok|gets|atoi|atol|atof|gmtime|localtime|ctime|asctime|rand|system|popen)\(' \
        $(find lib -name '*.c' ! -name alloc.c) | grep -v '_r(' | grep -vE 'snprintf|vsnprintf'
}
raw_alloc_ok() {
    ! grep -nE '(^|[^_a-z])(malloc|calloc|realloc|free)\(' $(find lib -name '*.c' ! -name alloc.c)
}
header_ok() {
    h=$1
    printf '#include "%s"\n' "${h#include/}" | cc -std=c17 -Wall -Wextra -Werror -Iinclude -x c -fsyntax-only - &&
        { ! command -v c++ >/dev/null ||
            printf '#include "%s"\n' "${h#include/}" | c++ -std=c++17 -Wall -Werror -Iinclude -x c++ -fsyntax-only -; }
}
sizes_ok() {
    ! find lib cli -name '*.c' ! -name names.c -exec wc -l {} + | awk '$2 != "total" && $1 > 1000 {print; bad=1} END {exit !bad}'
}

check "clang-format clean" format_ok
check "no banned calls in lib/" banned_ok
check "no raw allocation outside lib/core/alloc.c" raw_alloc_ok
for h in include/accord/*.h; do
    check "$h compiles alone as C and C++" header_ok "$h"
done
check "no source file over 1,000 lines (name data excepted)" sizes_ok
check "layer rule: includes and calls follow the layer table, no cycles" python3 tools/layers.py
check "layer rule fails on each kind of planted breach" python3 tools/layers.py --self-test
echo "1..$n"
exit $fail
