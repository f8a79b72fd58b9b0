#!/usr/bin/env python3
# layers.py - the layer rule: which part of the code may depend on which, and no cycles.
# Reads every .c and .h under lib/, cli/, server/ and include/ (bench/, tests/ and fuzz/
# may reach internals and are not read), prints TAP and exits 1 when a check fails.
#
# A file depends on another when it #includes it ("..." includes, looked for in its own
# directory and then the build's include directories), and a .c file in lib/ also depends
# on the .c file that defines a function or variable it uses (found by name: every symbol
# shared between files is ac_ or aci_).  The second kind makes a call between two files
# visible although both only include one shared header, as in every cycle the layering
# issue found.  Cycles are counted between files (includes) and between modules of lib/
# (foo.c with its foo.h and foo_int.h: includes and uses).
#
# usage: layers.py [--root DIR]   check the tree at DIR (default: this checkout)
#        layers.py --self-test    prove on scratch copies that each kind of breach fails
import io
import os
import re
import sys

# ---- the rule ------------------------------------------------------------------------
#
# Each layer: the paths it holds (a directory, or one file; the longest match wins) and
# the other layers it may depend on.  A layer may always depend on itself.
ALL_LIB = ["public", "core", "names", "link", "pprl", "screen", "workflow", "link_io", "screen_io",
           "model", "policy", "store", "audit"]
LAYERS = {
    # the public API, include/accord/: every layer may use it
    "public": (["include/accord"], []),
    # the bottom: errors, allocation, arena, text keys, dates, ids, CSV
    "core": (["lib/core", "lib/internal.h"], ["public"]),
    # pure engines; lib/names is the name handling they share
    "names": (["lib/names"], ["public", "core"]),
    "link": (["lib/link"], ["public", "core", "model", "names"]),
    "screen": (["lib/screen"], ["public", "core", "model", "names"]),
    "pprl": (["lib/pprl"], ["public", "core"]),
    "workflow": (["lib/workflow"], ["public", "core", "model", "names"]),
    # I/O adapters: files in, their engine's records out
    "link_io": (["lib/link_io"], ["public", "core", "model", "names", "link"]),
    "screen_io": (["lib/screen_io"], ["public", "core", "model", "names", "screen"]),
    # the rules of the records themselves (pure): below the engines, which key postcodes
    # and identifiers and name roles and kinds of agency by them
    "model": (["lib/model"], ["public", "core"]),
    "policy": (["lib/policy"], ["public", "core", "model"]),
    "store": (["lib/store"], ["public", "core", "model"]),
    "audit": (["lib/audit"], ["public", "core", "model", "store"]),
    # the service layer, and the synthetic partnership that writes through it
    "hub": (["lib/hub"], ALL_LIB + ["demo"]),
    "demo": (["lib/demo"], ALL_LIB + ["hub"]),
    # programs: the public API, their own directory, and the one header by which
    # 'accord serve' starts the server
    "server_api": (["server/server.h"], ["public"]),
    "server": (["server"], ["public", "server_api"]),
    "cli": (["cli"], ["public", "server_api"]),
}
# Public headers a layer must not include all the same: the store sits below the hub.
FORBIDDEN = {"store": ["include/accord/hub.h"]}
# Where "..." includes are looked for after the including file's own directory: every
# include directory a Meson target has (lib_inc, public_inc, server_inc), for every file,
# so that an include the layer table forbids is reported as such even where the build
# would not find it.
INCLUDE_DIRS = ["lib", "include", "server"]
SCANNED = ["lib", "cli", "server", "include"]
# Known breaches, each with the reason it is still there: tools/layers.allow.
ALLOW_FILE = "tools/layers.allow"

# ---- reading the tree ----------------------------------------------------------------
#
# A tree is a dict: path (relative to the root, "/"-separated) -> text, for every source
# file read and for ALLOW_FILE.

INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
SYMBOL_RE = re.compile(r"(?<!struct )(?<!enum )(?<!union )\b(?:ac|aci)_\w+\b")  # a tag is not a use
DEF_FN_RE = re.compile(r"^((?:ac|aci)_\w+)\(", re.M)
DEF_VAR_RE = re.compile(r"^(?!static\b|extern\b|typedef\b|#)[A-Za-z][^;(]*?\b((?:ac|aci)_\w+)"
                        r"\s*(?:\[[^\]]*\]\s*)*=", re.M)


def read_tree(root):
    tree = {}
    for top in SCANNED:
        for d, _, names in os.walk(os.path.join(root, top)):
            for n in names:
                if n.endswith((".c", ".h")):
                    full = os.path.join(d, n)
                    with open(full, encoding="utf-8", errors="replace") as f:
                        tree[os.path.relpath(full, root).replace(os.sep, "/")] = f.read()
    allow = os.path.join(root, ALLOW_FILE)
    if os.path.exists(allow):
        with open(allow, encoding="utf-8") as f:
            tree[ALLOW_FILE] = f.read()
    return tree


def strip_code(text):
    """TEXT without comments and string or character literals (line breaks kept)."""
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    text = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)
    return re.sub(r"'(?:\\.|[^'\\\n])*'", "''", text)


def defined_in(code):
    """The non-static functions and variables CODE (comments stripped) defines."""
    defs, lines = [], code.split("\n")
    for m in DEF_FN_RE.finditer(code):
        line_no = code.count("\n", 0, m.start())
        if line_no > 0 and lines[line_no - 1].startswith("static"):
            continue
        depth, i = 0, m.end() - 1
        while i < len(code):  # a definition's ")" is followed by "{", a prototype's by ";"
            depth += {"(": 1, ")": -1}.get(code[i], 0)
            i += 1
            if depth == 0:
                break
        if code[i:].lstrip().startswith("{"):
            defs.append(m.group(1))
    return defs + DEF_VAR_RE.findall(code)


PARSED = {}


def parse(path, text):
    """(includes, symbols defined, symbols used) of one file; symbols for lib/ .c files
    only.  Kept by content, so a scratch copy re-reads only the files it changed."""
    key = (path, text)
    if key not in PARSED:
        defs, uses = [], set()
        if path.startswith("lib/") and path.endswith(".c"):
            code = strip_code(text)
            defs, uses = defined_in(code), set(SYMBOL_RE.findall(code))
        PARSED[key] = (INCLUDE_RE.findall(text), defs, uses)
    return PARSED[key]


def layer_of(path):
    best, best_len = None, -1
    for name, (paths, _) in LAYERS.items():
        for p in paths:
            if (path == p or path.startswith(p + "/")) and len(p) > best_len:
                best, best_len = name, len(p)
    return best


def module_of(path, sources):
    """The module a file of lib/ belongs to: foo.c with its foo.h and foo_int.h.  An
    area's own internal header (lib/hub/hub_int.h) is shared by the area's files, so it is
    a module of its own; so is a header with no .c of its name."""
    d, base = os.path.split(path)
    stem = base.rsplit(".", 1)[0]
    if base.endswith("_int.h"):
        stem = stem[: -len("_int")]
        if stem == os.path.basename(d):
            return path
    return d + "/" + stem if d + "/" + stem in sources else path


def resolve(path, inc, files):
    for base in [os.path.dirname(path)] + INCLUDE_DIRS:
        cand = os.path.normpath(os.path.join(base, inc)).replace(os.sep, "/")
        if cand in files:
            return cand
    return None


def edges(files):
    """(from, to, why) for every dependency between two source files."""
    out, defs = [], {}
    parsed = {path: parse(path, text) for path, text in sorted(files.items())}
    for path, (_, defined, _) in parsed.items():
        for sym in defined:
            defs.setdefault(sym, path)
    for path, (includes, _, _) in parsed.items():
        for inc in includes:
            out.append((path, resolve(path, inc, files), '#include "%s"' % inc))
    for path, (_, _, used) in parsed.items():
        for sym in sorted(used):
            if defs.get(sym, path) != path:
                out.append((path, defs[sym], "uses %s" % sym))
    return out


def shortest_cycle(graph, comp, start):
    """The shortest way from START back to itself inside COMP, as (from, to, why) steps."""
    prev, queue = {start: None}, [start]
    while queue:
        node = queue.pop(0)
        for w in sorted(graph.get(node, {})):
            if w == start:
                chain = [node]
                while prev[chain[-1]] is not None:
                    chain.append(prev[chain[-1]])
                chain.reverse()
                return [(a, b, graph[a][b]) for a, b in zip(chain, chain[1:] + [start])]
            if w in comp and w not in prev:
                prev[w] = node
                queue.append(w)
    return []


def cycles(graph):
    """The strongly connected components of GRAPH (node -> {node: why}) with more than one
    node, each with one cycle through it (shortest_cycle)."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):  # Tarjan's algorithm, iterative so deep graphs do not hit the limit
        work = [(v, iter(sorted(graph.get(v, {}))))]
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = set()
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.add(w)
                        if w == node:
                            break
                    if len(comp) > 1:
                        found.append(comp)
            elif nxt not in index:
                index[nxt] = low[nxt] = len(index)
                stack.append(nxt)
                on.add(nxt)
                work.append((nxt, iter(sorted(graph.get(nxt, {})))))
            elif nxt in on:
                low[node] = min(low[node], index[nxt])

    for v in sorted(graph):
        if v not in index:
            visit(v)
    result = []
    for comp in found:
        start = min(comp)
        result.append((sorted(comp), shortest_cycle(graph, comp, start)))
    return sorted(result)


def allow_entries(text):
    """The entries of an ALLOW_FILE text: one a line, "#" starting a comment."""
    return [e for e in (line.split("#", 1)[0].strip() for line in text.split("\n")) if e]


# ---- the checks ----------------------------------------------------------------------


def check(tree):
    """Run every check on TREE (read_tree): a list of (description, problems)."""
    files = {p: t for p, t in tree.items() if p.endswith((".c", ".h"))}
    allow = allow_entries(tree.get(ALLOW_FILE, ""))
    used = set()

    def allowed(entry):
        if entry in allow:
            used.add(entry)
            return True
        return False

    unresolved, layering, uses = [], [], []
    file_graph, module_graph = {}, {}
    sources = {p[:-2] for p in files if p.endswith(".c")}
    for src, dst, why in edges(files):
        if dst is None:
            unresolved.append("%s: %s matches no file" % (src, why))
            continue
        a, b = layer_of(src), layer_of(dst)
        kind = "include" if why.startswith("#") else "use"
        if a is None or b is None:
            breach = "%s is in no layer" % (src if a is None else dst)
        elif b != a and b not in LAYERS[a][1]:
            breach = "%s may not depend on %s" % (a, b)
        elif dst in FORBIDDEN.get(a, []):
            breach = "%s may not include %s" % (a, dst)
        else:
            breach = None
        if breach is not None and not allowed("%s %s %s" % (kind, src, dst)):
            (layering if kind == "include" else uses).append(
                "%s %s (%s): %s" % (src, why, dst, breach))
        if kind == "include":
            file_graph.setdefault(src, {})[dst] = why
        if src.startswith("lib/") and dst.startswith("lib/"):
            ma, mb = module_of(src, sources), module_of(dst, sources)
            if ma != mb:
                module_graph.setdefault(ma, {}).setdefault(mb, "%s %s" % (src, why))

    def report(graph):
        out = []
        for comp, steps in cycles(graph):
            if not allowed("cycle " + " ".join(comp)):
                out.append("cycle " + " ".join(comp) + ": " +
                           "; ".join("%s -> %s (%s)" % step for step in steps))
        return out

    file_cycles, module_cycles = report(file_graph), report(module_graph)
    stale = ["%s: '%s' matches nothing; delete the line" % (ALLOW_FILE, e)
             for e in allow if e not in used]
    return [
        ('every "..." include names a file', unresolved),
        ("includes follow the layer table", layering),
        ("functions and variables used across layers follow the layer table", uses),
        ("no include cycle between files", file_cycles),
        ("no dependency cycle between modules of lib/", module_cycles),
        ("every entry of %s is still needed" % ALLOW_FILE, stale),
    ]


def run(tree, out):
    n, failed = 0, False
    for desc, problems in check(tree):
        n += 1
        out.write("%s %d - %s\n" % ("not ok" if problems else "ok", n, desc))
        for p in problems:
            out.write("# %s\n" % p)
        failed |= bool(problems)
    out.write("1..%d\n" % n)
    return 1 if failed else 0


# ---- the self-test: each kind of breach, planted in a scratch copy, must fail --------


def plant(tree, changes):
    """A copy of TREE with CHANGES made: path -> new text, or "+text" to append."""
    copy = dict(tree)
    for path, text in changes.items():
        copy[path] = copy.get(path, "") + text[1:] if text.startswith("+") else text
    return copy


# The checks, by the words of their descriptions in check().
INCLUDES, USES, FILE_CYCLES, MODULE_CYCLES, RESOLVES, ALLOWANCES = (
    "includes follow", "functions and variables", "include cycle", "dependency cycle",
    "names a file", "is still needed")
BREACHES = [
    # (what, files to change, the check that must fail, the text its report must name)
    ("an engine including the store",
     {"lib/link/block.c": '+#include "store/store.h"\n'}, INCLUDES, "lib/link/block.c"),
    ("an engine including another engine's private header",
     {"lib/screen/pair.c": '+#include "link/link_int.h"\n'}, INCLUDES, "lib/screen/pair.c"),
    ("an engine calling its I/O adapter",
     {"lib/link/adapter_call.c":
      "int\naci_lk_adapter_call(void)\n{\n    return (int)ac_field_for_header(\"id\");\n}\n"},
     USES, "lib/link/adapter_call.c"),
    ("the CLI including a library internal",
     {"cli/cmd_status.c": '+#include "hub/hub_int.h"\n'}, INCLUDES, "cli/cmd_status.c"),
    ("the CLI including the library's internal.h",
     {"cli/cmd_init.c": '+#include "internal.h"\n'}, INCLUDES, "cli/cmd_init.c"),
    ("the store including the hub's public header",
     {"lib/store/store.h": '+#include "accord/hub.h"\n'}, INCLUDES, "lib/store/store.h"),
    ("two headers including each other",
     {"lib/link/cycle_a.h": '#include "link/cycle_b.h"\n',
      "lib/link/cycle_b.h": '#include "link/cycle_a.h"\n'}, FILE_CYCLES, "lib/link/cycle_a.h"),
    ("two files calling each other through one shared header",
     {"lib/link/ping_pong.h": "void aci_ping(int n);\nvoid aci_pong(int n);\n",
      "lib/link/ping.c": '#include "link/ping_pong.h"\n'
                         "void\naci_ping(int n)\n{\n    aci_pong(n - 1);\n}\n",
      "lib/link/pong.c": '#include "link/ping_pong.h"\n'
                         "void\naci_pong(int n)\n{\n    aci_ping(n - 1);\n}\n"},
     MODULE_CYCLES, "lib/link/ping.c uses aci_pong"),
    ("an include that names no file",
     {"lib/core/date.c": '+#include "core/no_such_header.h"\n'}, RESOLVES, "lib/core/date.c"),
    ("an allowance nothing needs",
     {ALLOW_FILE: "+include lib/core/date.c lib/store/store.h\n"}, ALLOWANCES,
     "lib/core/date.c"),
]


def reports(text):
    """RUN's output as {description: [problem lines]} for the checks that failed."""
    out, current = {}, None
    for line in text.split("\n"):
        m = re.match(r"not ok \d+ - (.*)", line)
        if m:
            current = out.setdefault(m.group(1), [])
        elif line.startswith("ok "):
            current = None
        elif line.startswith("# ") and current is not None:
            current.append(line[2:])
    return out


def self_test(tree):
    """Check TREE as it is (it must pass) and with each of BREACHES planted in a scratch
    copy (each must fail the check it names, naming the file).  Prints TAP."""
    n, failed = 0, False
    cases = [("the tree as it is", {}, None, None)] + BREACHES
    for what, changes, check_words, names in cases:
        out = io.StringIO()
        status = run(plant(tree, changes), out)
        if names is None:
            good, said = status == 0, "passes"
        else:
            hits = [p for desc, ps in reports(out.getvalue()).items() if check_words in desc
                    for p in ps]
            good = status != 0 and any(names in p for p in hits)
            said = "fails '... %s ...' naming %s" % (check_words, names)
        n += 1
        print("%s %d - %s %s" % ("ok" if good else "not ok", n, what, said))
        if not good:
            failed = True
            for line in out.getvalue().rstrip("\n").split("\n"):
                print("# " + line)
    print("1..%d" % n)
    return 1 if failed else 0


def main(argv):
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    if "--root" in argv:
        root = argv[argv.index("--root") + 1]
    tree = read_tree(root)
    if "--self-test" in argv:
        return self_test(tree)
    return run(tree, sys.stdout)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
