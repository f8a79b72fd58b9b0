# SPDX-License-Identifier: Apache-2.0
#
# help_examples.py ACCORD REPO WORK DEMO_DB RESULTS - run every example the user is shown
# (issue 14, point 12), for cli_help_examples.sh.
#
# Where examples are found, so that a new one is picked up without changing this file:
#   - `accord --help` and `accord COMMAND --help` for every COMMAND that `accord --help`
#     lists: the lines under a line "Example:", "Examples:" or "Try:" (any case) that start
#     with "  accord " or "  NAME=VALUE accord ", joined over a trailing backslash;
#   - README.md and docs/*.md: the lines of code (``` blocks, or indented by four spaces)
#     that start the same way, and `export ACCORD_...=...` lines, which hold for the
#     examples after them.
#
# How each is run: in order, one source at a time, in a folder of its own holding a copy of
# the demo hub at var/accord.db (the path `make run` and the README use), with
# ACCORD_PASSWORD the demo's.  An example that creates a demo runs in an empty folder; one
# that serves is not run.  Every --as USER must be a demo user, and every --agency and
# --to-agency a demo agency (or one an earlier example added).  An example with nothing
# to fill in must succeed (exit 0).  One with a placeholder (an upper-case word such as
# ID, ITEM or CODE, an id written 01J..., or an input file the reader supplies) cannot run
# as written: it must still parse (not exit 2) and sign in.  So must one whose comment
# (after "  # ", on any of its lines) begins "needs": it needs something outside the demo,
# such as a PKCS#11 token or a copy of a database, and says so.
#
# RESULTS gets one line per check: "ok|not ok<TAB>description<TAB>diagnostic".
import glob
import json
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys

ACCORD, REPO, WORK, DEMO, RESULTS = sys.argv[1:6]
START = re.compile(r"^((?:[A-Z_][A-Z0-9_]*=\S+\s+)*)accord(\s|$)")
HEAD = re.compile(r"^(examples?|try):\s*$", re.I)
PLACEHOLDER = re.compile(r"^(?:[A-Z][A-Z0-9_]*(?:\.[a-z]+)?|01J\.\.\.)$")
INPUT_FILE = re.compile(r"\.(csv|jsonl?|xml|pub|witness|db)$")
NEEDS_MARK = "needs:"
OUTPUT_OPTS = {"--out", "--clusters", "--svg", "--chart", "--quarantine", "--save-model",
               "--db"}


def help_text(args):
    p = subprocess.run([ACCORD] + args + ["--help"], capture_output=True, text=True)
    return p.stdout


def without_comment(line):
    """LINE without its trailing "  # ..." comment; a comment "needs WHAT" becomes the word
    NEEDS_MARK + WHAT, which the runner takes for a placeholder."""
    code, sep, comment = line.partition("  # ")
    if not sep:
        return line
    if not comment.startswith("needs"):
        return code.rstrip()
    return code.rstrip() + " " + shlex.quote(NEEDS_MARK + comment[len("needs"):].strip())


def join_continued(lines):
    out, cur = [], ""
    for line in lines:
        s = without_comment(line.rstrip()).strip()
        if cur:
            cur += " " + s.rstrip("\\").strip()
        else:
            cur = s.rstrip("\\").strip()
        if not s.endswith("\\"):
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def from_help():
    top = help_text([])
    commands = []
    for line in top.splitlines():
        m = re.match(r"^  ([a-z][a-z-]*)[ |]", line)
        if m and m.group(1) not in commands:
            commands.append(m.group(1))
    examples, seen = [], set()
    for args, text in [([], top)] + [([c], help_text([c])) for c in commands]:
        lines, inside, block = text.splitlines(), False, []
        for line in lines:
            if HEAD.match(line):
                inside = True
                continue
            if inside and line.startswith("  "):
                block.append(line)
                continue
            inside = False
        cmds, cur = [], []
        for line in block:
            if START.match(line.strip()) and not cur:
                cur = [line]
            elif cur:
                cur.append(line)
            if cur and not line.rstrip().endswith("\\"):
                cmds.extend(join_continued(cur))
                cur = []
        for c in cmds:
            if c not in seen:
                seen.add(c)
                examples.append(("accord %s--help" % (args[0] + " " if args else ""), c))
    return examples


def from_markdown(path):
    examples, fenced, cur = [], False, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("```"):
                fenced = not fenced
                continue
            if not fenced and not (line.startswith("    ") and (cur or START.match(line[4:]))):
                continue  # only code: ``` blocks, and blocks indented by four spaces
            if not fenced:
                line = line[4:]
            s = without_comment(line.rstrip())
            if not cur and re.match(r"^export ACCORD_[A-Z_]+=\S+$", s):
                examples.append((os.path.relpath(path, REPO), s))
                continue
            if not cur and START.match(s):
                cur = [s]
            elif cur:
                cur.append(s)
            if cur and not s.endswith("\\"):
                examples.append((os.path.relpath(path, REPO), " ".join(join_continued(cur))))
                cur = []
    return examples


def demo_names():
    db = sqlite3.connect(DEMO)
    users = {r[0] for r in db.execute("select username from users")}
    agencies = {r[0] for r in db.execute("select name from agencies")}
    db.close()
    return users, agencies


def check(results, ok, desc, diag=""):
    results.append("%s\t%s\t%s" % ("ok" if ok else "not ok", desc, diag.replace("\n", " | ")))


def main():
    users, agencies = demo_names()
    sources = [("help", from_help())]
    for path in [os.path.join(REPO, "README.md")] + sorted(glob.glob(os.path.join(REPO, "docs",
                                                                                    "*.md"))):
        ex = from_markdown(path)
        if any(not c.startswith("export ") for _, c in ex):
            sources.append((os.path.relpath(path, REPO), ex))
    results, n_run = [], 0
    for i, (name, examples) in enumerate(sources):
        folder = os.path.join(WORK, "src%d" % i)
        os.makedirs(os.path.join(folder, "var"))
        for suffix in ["", ".key", ".pub"]:
            if os.path.exists(DEMO + suffix):
                shutil.copy(DEMO + suffix, os.path.join(folder, "var", "accord.db" + suffix))
        env = dict(os.environ)
        env.pop("ACCORD_DB", None)
        env["ACCORD_PASSWORD"] = "accord-demo-password"
        known_agencies = set(agencies)
        for k, (where, cmd) in enumerate(examples):
            if cmd.startswith("export "):
                key, value = cmd[len("export "):].split("=", 1)
                env[key] = shlex.split(value)[0]
                continue
            try:
                words = [re.sub(r"\$\{?([A-Z_][A-Z0-9_]*)\}?", lambda m: env.get(m.group(1), ""), w)
                         for w in shlex.split(cmd)]  # "$ACCORD_..." as the shell would
            except ValueError as e:
                check(results, False, "%s: parses as shell: %s" % (where, cmd), str(e))
                continue
            n_env = 0
            while n_env < len(words) and re.match(r"^[A-Z_][A-Z0-9_]*=", words[n_env]):
                n_env += 1
            args = words[n_env + 1:]
            # who and which agencies it names
            for j, w in enumerate(args[:-1]):
                if w == "--as" and args[j + 1] not in users:
                    check(results, False, "%s: names a demo user: %s" % (where, cmd),
                          "no demo user '%s' (the demo has: %s)" % (args[j + 1],
                                                                    ", ".join(sorted(users))))
                if w == "--agency" and "init" in args:
                    known_agencies.add(args[j + 1])  # init creates the agency it names
                elif w in ("--agency", "--to-agency") and args[j + 1] not in known_agencies:
                    check(results, False, "%s: names a demo agency: %s" % (where, cmd),
                          "no demo agency '%s'" % args[j + 1])
            if "agency" in args and "add" in args:
                at = args.index("add")
                if at + 1 < len(args):
                    known_agencies.add(args[at + 1])
            verbs = [w for w in args if not w.startswith("-")]
            if "serve" in verbs:
                continue
            needs = [w[len(NEEDS_MARK):].strip() for w in args if w.startswith(NEEDS_MARK)]
            args = [w for w in args if not w.startswith(NEEDS_MARK)]
            holes = needs + [w for j, w in enumerate(args)
                     if PLACEHOLDER.match(w)
                     or (INPUT_FILE.search(w) and (j == 0 or args[j - 1] not in OUTPUT_OPTS)
                         and not os.path.exists(os.path.join(folder, w)))]
            cwd = folder
            if "demo" in verbs[:2]:
                cwd = os.path.join(WORK, "demo%d-%d" % (i, k))
                os.makedirs(cwd)
            run_env = dict(env)
            for w in words[:n_env]:
                key, value = w.split("=", 1)
                run_env[key] = value
            p = subprocess.run([ACCORD] + args, cwd=cwd, env=run_env, capture_output=True,
                               text=True, stdin=subprocess.DEVNULL, timeout=300)
            n_run += 1
            diag = "exit %d; stderr: %s" % (p.returncode, p.stderr.strip()[:400])
            if "Sanitizer" in p.stderr or "runtime error:" in p.stderr:
                check(results, False, "%s: no sanitizer report: %s" % (where, cmd), diag)
            if holes:
                check(results, p.returncode != 2 and
                      "wrong username or password" not in p.stderr,
                      "%s: parses and signs in (fill in %s): %s" % (where, ", ".join(holes), cmd),
                      diag)
            else:
                check(results, p.returncode == 0, "%s: runs as written: %s" % (where, cmd), diag)
    check(results, n_run >= 20, "at least 20 examples were run", "ran %d" % n_run)
    with open(RESULTS, "w", encoding="utf-8") as f:
        f.write("\n".join(results) + "\n")


main()
