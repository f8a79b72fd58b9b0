#!/bin/sh
# test_pg.sh TEST_EXE... - run the hub's unit tests against a real PostgreSQL 15.
#
# Makes a cluster in a temporary directory (initdb) as an unprivileged account (the
# postgres account Debian's package makes, when run as root), starts it on a Unix socket
# in that directory only (listen_addresses = '': no TCP port, no clash with anything else
# on the machine), runs each TEST_EXE with ACCORD_TEST_DB pointing at it (each test hub is
# then a database of its own: tests/support/support.c), stops the server by its own pid
# and removes the directory.  Output is TAP: every case of every executable, renumbered,
# named "EXE: case".  Skips (a TAP plan of 1..0) when PostgreSQL 15 is not installed.
set -u
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

if [ ! -x "$PGBIN/initdb" ] || [ ! -x "$PGBIN/pg_ctl" ]; then
    echo "1..0 # SKIP PostgreSQL 15 is not installed (Debian: postgresql-15)"
    exit 0
fi
as_pg() { "$@"; }
pguser=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root: the server runs as the postgres account
    if ! id postgres >/dev/null 2>&1; then
        echo "1..0 # SKIP no postgres account to run the server as"
        exit 0
    fi
    as_pg() { runuser -u postgres -- "$@"; }
    pguser=postgres
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/accord-pg.XXXXXX") || exit 1
chmod 700 "$dir"
[ "$pguser" = "$(id -un)" ] || chown "$pguser" "$dir"
pid=""
stop() {
    if [ -n "$pid" ]; then
        kill -INT "$pid" 2>/dev/null # fast shutdown of our own server, by its pid
        while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
    rm -rf "$dir"
}
trap stop EXIT
trap 'exit 1' INT TERM

if ! as_pg "$PGBIN/initdb" -D "$dir/data" -U "$pguser" --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
    echo "Bail out! initdb failed:"; sed 's/^/# /' "$dir/initdb.log"
    exit 1
fi
# a test cluster: no fsync (a crash loses it, and nothing in it matters)
if ! as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -c listen_addresses='' -c unix_socket_permissions=0700 -c fsync=off \
-c full_page_writes=off -c synchronous_commit=off -c max_connections=50" start \
    >/dev/null 2>&1; then
    echo "Bail out! the server did not start:"; sed 's/^/# /' "$dir/server.log"
    exit 1
fi
pid=$(head -n 1 "$dir/data/postmaster.pid")

export PGHOST="$dir" PGUSER="$pguser" PGDATABASE=postgres
export ACCORD_TEST_DB="postgresql:///"
export CMOCKA_MESSAGE_OUTPUT=TAP

n=0
failed=0
for exe in "$@"; do
    name=$(basename "$exe")
    out=$("$exe" 2>"$dir/stderr")
    rc=$?
    cases=$(printf '%s\n' "$out" | grep -E '^(not )?ok ' || true)
    if [ -n "$cases" ]; then
        while IFS= read -r line; do
            n=$((n + 1))
            case $line in
            "not ok"*) failed=$((failed + 1))
                       echo "not ok $n - $name: ${line#not ok * - }" ;;
            *) echo "ok $n - $name: ${line#ok * - }" ;;
            esac
        done <<EOF
$cases
EOF
    fi
    if [ "$rc" -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^not ok '; then
        n=$((n + 1))
        failed=$((failed + 1))
        echo "not ok $n - $name: exited with status $rc before reporting a failure"
    fi
    if [ "$rc" -ne 0 ]; then
        printf '%s\n' "$out" | grep -E '^#' | head -n 40
        sed 's/^/# /' "$dir/stderr" | head -n 40
    fi
done
echo "1..$n"
[ "$failed" -eq 0 ]
