#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""mutants.py - mutation run of lib/policy against the policy matrix tests (make mutants).

Applies, one at a time, each single-line mutant of tools/mutants.txt to a copy of its
lib/policy file, builds a small test program with cc (the policy files, lib/model/names.c
and tests/unit/test_policy_matrix*.c; no Meson, no hub), runs every matrix test and
expects one to fail.  Prints the kill rate and names the survivors; exits 1 when any
mutant survives, when the unmutated policy fails the tests, or when a mutant's text is
no longer found (the data file must follow the code).

Usage: tools/mutants.py [--list FILE] [--only N] [--keep]
"""
import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POLICY = ["lib/policy/decide.c", "lib/policy/duty.c", "lib/policy/item_policy.c",
          "lib/policy/holding.c"]
DEPS = ["lib/model/names.c"]
TESTS = sorted(
    os.path.join("tests/unit", f)
    for f in os.listdir(os.path.join(ROOT, "tests/unit"))
    if f.startswith("test_policy_matrix") and f.endswith(".c")
)


def pkg(flag):
    out = subprocess.run(["pkg-config", flag, "cmocka"], capture_output=True, text=True)
    return shlex.split(out.stdout) if out.returncode == 0 else ([] if flag == "--cflags" else ["-lcmocka"])


CC = os.environ.get("CC", "cc")
CFLAGS = ["-std=c17", "-O2", "-ffunction-sections", "-fdata-sections", "-w",
          "-I" + os.path.join(ROOT, "include"), "-I" + os.path.join(ROOT, "lib"),
          "-I" + os.path.join(ROOT, "tests/support")] + pkg("--cflags")
LDFLAGS = ["-Wl,--gc-sections"] + pkg("--libs")


def parse(path):
    mutants = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = [p.strip() for p in line.split(" @@ ")]
            if len(parts) != 4:
                sys.exit(f"{path}:{n}: want FILE @@ TEXT @@ REPLACEMENT @@ DESCRIPTION")
            file, nth = (parts[0].split("#", 1) + [None])[:2]
            mutants.append({"line": n, "file": file, "nth": int(nth) if nth else None,
                            "text": parts[1], "repl": parts[2], "desc": parts[3]})
    return mutants


def mutate(src, m):
    """The mutated text of SRC, and the line number changed (or an error text)."""
    lines = src.split("\n")
    hits = [i for i, l in enumerate(lines) if m["text"] in l]
    if m["nth"] is not None:
        hits = hits[m["nth"] - 1:m["nth"]] if len(hits) >= m["nth"] else []
    elif len(hits) > 1:
        hits = [i for i in hits if lines[i].strip() == m["text"]]
    if len(hits) != 1:
        return None, f"text found on {len(hits)} lines (want 1): {m['text']!r}"
    i = hits[0]
    lines[i] = lines[i].replace(m["text"], m["repl"], 1)
    return "\n".join(lines), i + 1


def run(cmd, timeout=None):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout + p.stderr
    except subprocess.TimeoutExpired:
        return -1, "timeout"


def compile_obj(src, obj):
    rc, out = run([CC] + CFLAGS + ["-c", src, "-o", obj])
    if rc != 0:
        raise RuntimeError(out)


def link_and_test(tmp, objs):
    """0 when every matrix test passes, else the failing test's name."""
    for t in TESTS:
        exe = os.path.join(tmp, os.path.basename(t)[:-2])
        rc, out = run([CC, "-o", exe, os.path.join(tmp, os.path.basename(t)[:-2] + ".o")] + objs
                      + LDFLAGS)
        if rc != 0:
            raise RuntimeError(out)
        rc, out = run([exe], timeout=60)
        if rc != 0:
            return os.path.basename(t)
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--list", default=os.path.join(ROOT, "tools/mutants.txt"))
    ap.add_argument("--only", type=int, help="run only the mutant of this line of the list")
    ap.add_argument("--keep", action="store_true", help="keep the build directory")
    args = ap.parse_args()
    mutants = parse(args.list)
    if args.only:
        mutants = [m for m in mutants if m["line"] == args.only]
    tmp = tempfile.mkdtemp(prefix="accord-mutants-")
    start = time.time()
    try:
        base = {}
        for f in POLICY + DEPS + TESTS:
            obj = os.path.join(tmp, os.path.basename(f)[:-2] + ".o")
            compile_obj(os.path.join(ROOT, f), obj)
            base[f] = obj
        lib = [base[f] for f in POLICY + DEPS]
        failed = link_and_test(tmp, lib)
        if failed:
            print(f"mutants: the unmutated policy fails {failed}: fix that first")
            return 1
        killed, survivors, broken = 0, [], []
        for m in mutants:
            path = os.path.join(ROOT, m["file"])
            if m["file"] not in POLICY:
                broken.append((m, "not a lib/policy file"))
                continue
            with open(path, encoding="utf-8") as f:
                text, where = mutate(f.read(), m)
            if text is None:
                broken.append((m, where))
                continue
            mdir = os.path.join(tmp, "m")
            os.makedirs(mdir, exist_ok=True)
            msrc = os.path.join(mdir, os.path.basename(m["file"]))
            with open(msrc, "w", encoding="utf-8") as f:
                f.write(text)
            mobj = os.path.join(mdir, os.path.basename(m["file"])[:-2] + ".o")
            try:
                compile_obj(msrc, mobj)
            except RuntimeError as e:
                broken.append((m, "does not compile: " + str(e).splitlines()[0]))
                continue
            objs = [mobj if f == m["file"] else base[f] for f in POLICY] + [base[f] for f in DEPS]
            failed = link_and_test(tmp, objs)
            tag = f"{m['file']}:{where} ({m['desc']})"
            if failed:
                killed += 1
                print(f"  killed   {tag} by {failed}")
            else:
                survivors.append(tag)
                print(f"  SURVIVED {tag}")
        total = killed + len(survivors)
        print(f"mutants: {killed} of {total} mutants killed in {time.time() - start:.0f} s")
        for s in survivors:
            print(f"  survivor: {s}")
        for m, why in broken:
            print(f"  tools/mutants.txt:{m['line']}: {why}")
        return 0 if not survivors and not broken else 1
    finally:
        if args.keep:
            print("build directory:", tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
