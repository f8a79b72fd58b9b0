# SPDX-License-Identifier: Apache-2.0
#
# lib.sh - a small TAP library for the accord CLI tests (tests/cli/*.sh).
#
# A script starts with
#     . "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"
# and is run as `bash SCRIPT ACCORD_BINARY`.  It gets:
#   ACCORD       the accord binary (absolute path)
#   TESTS_DIR    the source tests folder ($TESTS_DIR, or found from this file)
#   T            a temp folder of its own, removed on exit; the script runs inside it
#   run CMD...   run a command: stdout in OUT, stderr in ERR, status in RC (files
#                $T/.out and $T/.err hold the same until the next run)
#   accord ...   run the accord binary through run
#   ok DESC CMD...          passes when CMD succeeds (its stderr is shown if not)
#   is GOT WANT DESC        string equality
#   isnt GOT NOTWANT DESC
#   like GOT ERE DESC       some line of GOT matches the extended regex
#   unlike GOT ERE DESC     no line of GOT matches
#   exits WANT DESC         the last run's status is WANT (stderr shown on failure)
#   pass DESC / fail DESC [DIAG...] / diag TEXT
#   person_tables DB        the persons-bearing tables of DB, as text (for before/after)
#   approve_grants DB ADMIN ADMIN approves every grant waiting for them
#   enrol_user DB ADMIN USER  USER gets a password ($ACCORD_PASSWORD) through an enrolment
#                           code ADMIN issues
#   done_testing            a check that no sanitizer spoke, then the plan; exits 1 on
#                           any failure
# Tests never stop at a failure: no `set -e`.

set -u
export LC_ALL=C
export PYTHONUTF8=1 PYTHONIOENCODING=utf-8
unset ACCORD_DB ACCORD_USER ACCORD_PURPOSE ACCORD_AUDIT_KEY ACCORD_WITNESS_DIR
unset ACCORD_TOKEN ACCORD_CODE
# Every user signs in with a password: the demo gives each this one, and hubs made with
# `accord init` enrol their administrator with it at once (and their users: enrol_user).
export ACCORD_PASSWORD=accord-demo-password
export ACCORD_NO_PROGRESS=1

if [ $# -lt 1 ] || [ -z "$1" ]; then
    echo "usage: bash $0 ACCORD_BINARY" >&2
    exit 2
fi
ACCORD=$1
case $ACCORD in
/*) ;;
*) ACCORD=$PWD/$ACCORD ;;
esac
if [ ! -x "$ACCORD" ]; then
    echo "Bail out! no accord binary at '$ACCORD'"
    exit 2
fi
if [ -z "${TESTS_DIR:-}" ]; then
    TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fi
export TESTS_DIR

# python3 through a version-manager shim can take half a second to start: resolve the
# real interpreter once.
_tap_python=$(command python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
if [ -z "$_tap_python" ] || [ ! -x "$_tap_python" ]; then
    echo "Bail out! python3 is required"
    exit 2
fi
python3() {
    "$_tap_python" "$@"
}
if ! command -v sqlite3 >/dev/null; then
    echo "Bail out! the sqlite3 command is required"
    exit 2
fi

_tap_n=0
_tap_failed=0
_tap_runs=0
_tap_sanitizer=0

T=$(mktemp -d "${TMPDIR:-/tmp}/accord-$(basename "$0" .sh).XXXXXX") || {
    echo "Bail out! cannot create a temp folder"
    exit 2
}
trap 'rm -rf -- "$T"' EXIT
trap 'exit 130' INT TERM HUP
cd "$T" || exit 2

diag() {
    local arg line
    for arg in "$@"; do
        while IFS= read -r line; do
            printf '# %s\n' "$line"
        done <<<"$arg"
    done
}

pass() {
    _tap_n=$((_tap_n + 1))
    printf 'ok %d - %s\n' "$_tap_n" "$1"
}

fail() {
    _tap_n=$((_tap_n + 1))
    _tap_failed=$((_tap_failed + 1))
    printf 'not ok %d - %s\n' "$_tap_n" "$1"
    shift
    if [ $# -gt 0 ]; then
        diag "$@"
    fi
}

ok() {
    local desc=$1
    shift
    local cmd="$*"
    if "$@" 2>"$T/.ok.err"; then
        pass "$desc"
    else
        fail "$desc" "command failed: ${cmd:0:400}" "$(tail -n 5 "$T/.ok.err")"
    fi
}

is() {
    if [ "$1" = "$2" ]; then
        pass "$3"
    else
        fail "$3" "     got: '$1'" "expected: '$2'"
    fi
}

isnt() {
    if [ "$1" != "$2" ]; then
        pass "$3"
    else
        fail "$3" "got '$1', expected anything else"
    fi
}

like() {
    if grep -Eq -e "$2" <<<"$1"; then
        pass "$3"
    else
        fail "$3" "           got: '$1'" "does not match: /$2/"
    fi
}

unlike() {
    if grep -Eq -e "$2" <<<"$1"; then
        fail "$3" "           got: '$1'" "matches: /$2/"
    else
        pass "$3"
    fi
}

run() {
    "$@" >"$T/.out" 2>"$T/.err" </dev/null
    RC=$?
    # shellcheck disable=SC2034 # OUT and ERR are for the scripts
    OUT=$(cat "$T/.out")
    # shellcheck disable=SC2034
    ERR=$(cat "$T/.err")
    _tap_runs=$((_tap_runs + 1))
    if grep -Eq 'Sanitizer|runtime error:' "$T/.err"; then
        _tap_sanitizer=$((_tap_sanitizer + 1))
        diag "sanitizer report from: $*" "$(head -n 20 "$T/.err")"
    fi
    return 0
}

accord() {
    run "$ACCORD" "$@"
}

# approve_grants DB ADMIN - ADMIN approves every grant waiting for them (the two-person
# rule: a content role or SC/DV vetting waits for a second administrator).
approve_grants() {
    local g
    for g in $("$ACCORD" --db "$1" --as "$2" user grants 2>/dev/null | awk 'NR > 1 {print $1}'); do
        "$ACCORD" --db "$1" --as "$2" user approve "$g" >/dev/null 2>&1
    done
}

# enrol_user DB ADMIN USER - ADMIN issues USER an enrolment code, which USER redeems with
# $ACCORD_PASSWORD: USER can then sign in (every user added after `accord init` needs it).
enrol_user() {
    local code
    code=$("$ACCORD" --db "$1" --as "$2" user enrolment-code "$3" 2>/dev/null </dev/null)
    "$ACCORD" --db "$1" user enrol "$3" --code "$code" >/dev/null 2>&1 </dev/null
}

exits() {
    if [ "$RC" = "$1" ]; then
        pass "$2"
    else
        fail "$2" "exit status $RC, expected $1" "stdout: $(head -c 2000 "$T/.out")" \
            "stderr: $(head -c 2000 "$T/.err")"
    fi
}

# The rows of every table that holds person data, in a stable order.
person_tables() {
    sqlite3 -batch "$1" \
        "select * from persons order by id;
         select * from person_names order by person_id, seq;
         select * from person_addresses order by person_id, seq;
         select * from person_identifiers order by person_id, seq;
         select * from person_name_tokens order by token, person_id;"
}

done_testing() {
    if [ "$_tap_sanitizer" -eq 0 ]; then
        pass "no sanitizer reports in $_tap_runs runs"
    else
        fail "no sanitizer reports in $_tap_runs runs" "$_tap_sanitizer runs reported"
    fi
    printf '1..%d\n' "$_tap_n"
    if [ "$_tap_failed" -gt 0 ]; then
        diag "$_tap_failed of $_tap_n tests failed"
        exit 1
    fi
    exit 0
}
