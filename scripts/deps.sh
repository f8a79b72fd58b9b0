#!/bin/sh
# deps.sh - install the Debian packages that accord's build, tests, benchmarks and
# fuzzers need (libpq-dev: the PostgreSQL backend; postgresql-15: the server the
# PostgreSQL suite starts for itself).  Idempotent: quiet when everything is present;
# runs apt-get update once, then installs only what is missing.  Must run as root to
# install.
set -eu

PACKAGES="build-essential meson ninja-build pkg-config python3 clang clang-tidy libclang-rt-14-dev \
libsqlite3-dev sqlite3 libjansson-dev libutf8proc-dev libicu-dev libxml2-dev libcsv-dev libcmocka-dev libsodium-dev \
libmicrohttpd-dev libcurl4-openssl-dev libssl-dev curl wrk liboath-dev libqrencode-dev openssl \
libp11-kit-dev p11-kit softhsm2 chromium \
libpq-dev postgresql-15"

# The web application's npm packages (web/package-lock.json): npm ci when web/node_modules
# is missing or older than the lockfile.  Runs after the Debian packages (it needs npm).
web_packages() {
    web="$(dirname "$0")/../web"
    if [ ! -d "$web/node_modules" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
        echo "deps: npm ci in web/"
        (cd "$web" && npm ci --no-audit --no-fund --loglevel=error) >/dev/null
    fi
}

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done
# Node.js and npm (the web application's build): Debian's, unless the commands are
# already there (a newer Node.js from elsewhere brings its own npm, which Debian's
# npm package would conflict with).
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -z "$missing" ]; then
    web_packages
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "deps: missing Debian packages:$missing" >&2
    echo "deps: run 'sudo scripts/deps.sh' (or install them with apt-get) and try again" >&2
    exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
web_packages
echo "deps: done"
