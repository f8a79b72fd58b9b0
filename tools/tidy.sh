#!/bin/sh
# tidy.sh [--update] BUILD_DIR - clang-tidy (the checks of .clang-tidy) over every C file
# of BUILD_DIR's compile_commands.json that git tracks.  Prints the findings, then their
# count per check and per file.  Fails when a file listed in tools/tidy-clean.txt (files
# with no findings) has any: the ratchet that keeps clean files clean while the rest are
# fixed.  With --update, rewrites tidy-clean.txt to list every file clean now.  Skips
# (exit 0) when clang-tidy is not installed.  Slow (minutes): run by 'make lint' only.
set -u
cd "$(dirname "$0")/.."
update=0
if [ "${1:-}" = --update ]; then
    update=1
    shift
fi
build=${1:-build/release}
clean_list=tools/tidy-clean.txt
tidy=$(command -v clang-tidy-14 || command -v clang-tidy || true)
if [ -z "$tidy" ]; then
    echo "tidy: clang-tidy is not installed (scripts/deps.sh installs it): skipped"
    exit 0
fi
if [ ! -f "$build/compile_commands.json" ]; then
    echo "tidy: no $build/compile_commands.json: configure the build first (make build)" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The tracked C files the build compiles, as paths from the repository root.
python3 - "$build/compile_commands.json" >"$work/files" <<'EOF'
import json, os, subprocess, sys
tracked = set(subprocess.run(["git", "ls-files", "*.c"], capture_output=True, text=True,
                             check=True).stdout.split())
root = os.getcwd()
seen = set()
for entry in json.load(open(sys.argv[1])):
    path = os.path.relpath(os.path.normpath(os.path.join(entry["directory"], entry["file"])), root)
    if path in tracked and path not in seen:
        seen.add(path)
        print(path)
EOF
n_files=$(wc -l <"$work/files")
echo "tidy: $n_files files with $tidy (a few minutes)"

# One log per file; -j as many as there are cores.
jobs=$(nproc 2>/dev/null || echo 2)
xargs -P "$jobs" -I{} sh -c '"$1" -p "$2" --quiet "$3" >"$4/$(echo "$3" | tr / _).log" 2>/dev/null || true' \
    _ "$tidy" "$build" {} "$work" <"$work/files"

# Findings: "PATH:LINE:COL: warning|error: TEXT [CHECK]", PATH (absolute, or relative to
# the build directory) made relative to the root.
cat "$work"/*.log 2>/dev/null |
    grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): .*\[[^]]+\]$' |
    python3 -c '
import os, sys
root, build = os.getcwd(), os.path.abspath(sys.argv[1])
for line in sys.stdin:
    path, rest = line.split(":", 1)
    print(os.path.relpath(os.path.normpath(os.path.join(build, path)), root) + ":" + rest, end="")
' "$build" | sort -u >"$work/findings"

cat "$work/findings"
total=$(wc -l <"$work/findings")
echo "tidy: $total findings in $(cut -d: -f1 "$work/findings" | sort -u | wc -l) of $n_files files"
if [ "$total" -gt 0 ]; then
    echo "tidy: by check:"
    sed 's/.*\[\([^]]*\)\]$/\1/' "$work/findings" | sort | uniq -c | sort -rn | sed 's/^/  /'
    echo "tidy: by file:"
    cut -d: -f1 "$work/findings" | sort | uniq -c | sort -rn | sed 's/^/  /'
fi

cut -d: -f1 "$work/findings" | sort -u >"$work/dirty"
if [ "$update" = 1 ]; then
    {
        echo "# Files clang-tidy finds nothing in (tools/tidy.sh): make lint fails if one gets a"
        echo "# finding.  Rewritten by 'tools/tidy.sh --update BUILD_DIR'; add a file once it is clean."
        sort "$work/files" | comm -23 - "$work/dirty"
    } >"$clean_list"
    echo "tidy: wrote $clean_list ($(grep -vc '^#' "$clean_list") clean files)"
fi
[ -f "$clean_list" ] || exit 0
grep -v '^#' "$clean_list" | sort | comm -12 - "$work/dirty" >"$work/regressed"
if [ -s "$work/regressed" ]; then
    echo "tidy: FAIL: files listed as clean in $clean_list have findings:"
    sed 's/^/  /' "$work/regressed"
    exit 1
fi
echo "tidy: ok: the $(grep -vc '^#' "$clean_list") files of $clean_list are still clean"
