#!/bin/sh
# fuzz.sh BUILD_DIR SECONDS - run each libFuzzer target for SECONDS on its corpus
# (fuzz/corpus/<target>/, extended in a scratch copy; commit minimised finds by hand).
set -eu
build=$1
secs=$2
# the targets are listed once, in fuzz/targets.txt (meson reads the same file)
for target in $(cat fuzz/targets.txt); do
    work=$(mktemp -d)
    cp -r "fuzz/corpus/$target/." "$work/"
    echo "fuzz_$target: $secs s"
    "$build/fuzz/fuzz_$target" -max_total_time="$secs" -print_final_stats=1 "$work" 2>&1 |
        grep -E 'stat::number_of_executed_units|stat::peak_rss|ERROR|SUMMARY' || true
    rm -rf "$work"
done
