#!/usr/bin/python3
"""The layering design.md names, read from the sources' own #include lines
and calls, so the build's tests hold it (data flows collect -> snapshot ->
audit (policy) -> results -> render (report), the store beside the reports):

- report/, store/ and snapshot/ include nothing from policy/ or collect/: a
  renderer, the history store or the snapshot loader builds and is tested
  without the rule runtime or the collector.
- aws/ includes nothing from collect/ or snapshot/: the AWS client knows no
  collector and no snapshot.
- results/ includes nothing from report/ (the renderers, and the evidence
  bundle that renders them again, read results; never the other way), and
  nothing from policy/, except verify.c: `verify` must
  find and load the packs the way audit does to recompute each pack's
  SHA-256 over its files (it runs no rule); the results data the engine hands
  over is results/'s own (results.h, vocab.h), so the arrow runs policy ->
  results.
- collect/: the core (core.c, progress.c; collect_int.h) includes no service
  and no plan; every service (any other collect/*.c but the plan, plan.c, and
  the import driver, import.c) includes from collect/ only the core
  (collect_int.h, collect.h) and services.h -- the declarations of the
  services' entry points, there so the compiler checks each definition -- and
  calls no entry point another service file defines: which service follows
  which answer is the plan's (plan.c).  import.c runs the plan (plan.h), never
  a service directly.
- report/html_findings.c calls nothing html.c defines (their shared helpers
  are html_util.c's).

usage: layering.py SOURCE_ROOT   (the folder holding auditor/)
Exit 0 when every rule holds, 1 listing each breach.  Standard library only.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
STRING = re.compile(r'"(?:\\.|[^"\\\n])*"')


def sources(root, folder):
    d = os.path.join(root, "auditor", folder)
    return sorted(f for f in os.listdir(d) if f.endswith((".c", ".h")))


def read(root, folder, name):
    with open(os.path.join(root, "auditor", folder, name), encoding="utf-8") as f:
        return f.read()


def includes(text):
    return INCLUDE.findall(text)


def code(text):
    """The text without comments and string literals (calls only)."""
    return STRING.sub('""', COMMENT.sub(" ", text))


def defined(text):
    """Names of the non-static functions a file defines (a definition starts
    in column 0; calls are indented)."""
    names = set()
    for m in re.finditer(r"^(?!static\b)[A-Za-z_][\w \t\*]*?\b([A-Za-z_]\w*)\s*\(([^;{]*?)\)\s*\{", code(text), re.M):
        names.add(m.group(1))
    return names


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    root = argv[1]
    bad = []

    def forbid(folder, prefixes, allow=()):
        for name in sources(root, folder):
            if name in allow:
                continue
            for inc in includes(read(root, folder, name)):
                if any(inc.startswith(p + "/") for p in prefixes):
                    bad.append("auditor/%s/%s includes %s (%s/ must not include %s)" %
                               (folder, name, inc, folder, " or ".join(p + "/" for p in prefixes)))

    for folder in ("report", "store", "snapshot"):
        forbid(folder, ("policy", "collect"))
    forbid("aws", ("collect", "snapshot"))
    forbid("results", ("policy",), allow=("verify.c",))
    forbid("results", ("report",))   # results -> report: the renderers (and the bundle, which re-renders) read results

    # collect/: core, services, plan.
    core_files = {"core.c", "progress.c", "collect_int.h", "collect.h"}
    core_headers = {"collect/collect_int.h", "collect/collect.h"}
    plan_files = {"plan.c", "plan.h"}
    drivers = {"import.c", "import.h"}
    files = sources(root, "collect")
    services = [f for f in files if f.endswith(".c") and f not in core_files | plan_files | drivers]
    for name in files:
        incs = [i for i in includes(read(root, "collect", name)) if i.startswith("collect/")]
        if name in core_files:
            allowed = core_headers
        elif name in services or name == "services.h":
            allowed = core_headers | {"collect/services.h"}
        elif name in drivers:
            allowed = core_headers | {"collect/plan.h", "collect/import.h"}
        else:
            continue   # the plan may include anything of collect/
        for inc in incs:
            if inc not in allowed:
                bad.append("auditor/collect/%s includes %s (%s)" % (name, inc, {
                    True: "the core includes no service and no plan",
                    False: "a service includes only the core and services.h; import.c only the core and plan.h",
                }[name in core_files]))

    # Every entry point services.h declares is defined by exactly one service,
    # and called by no other service.
    declared = set(re.findall(r"\b(col_\w+)\s*\(", code(read(root, "collect", "services.h"))))
    owner = {}
    for s in services:
        for fn in defined(read(root, "collect", s)) & declared:
            if fn in owner:
                bad.append("%s is defined by both %s and %s" % (fn, owner[fn], s))
            owner[fn] = s
    for fn in sorted(declared - set(owner)):
        bad.append("services.h declares %s, which no service file defines" % fn)
    for s in services:
        text = code(read(root, "collect", s))
        for fn, o in sorted(owner.items()):
            if o != s and re.search(r"\b%s\s*\(" % re.escape(fn), text):
                bad.append("auditor/collect/%s calls %s, an entry point of %s: a service calls the core only "
                           "(what follows an answer is a hook of the plan, plan.c)" % (s, fn, o))

    # report/html_findings.c and html.c: html.c may call the sections, not back.
    html_defs = defined(read(root, "report", "html.c"))
    findings = code(read(root, "report", "html_findings.c"))
    for fn in sorted(html_defs):
        if re.search(r"\b%s\s*\(" % re.escape(fn), findings):
            bad.append("auditor/report/html_findings.c calls %s, defined in html.c (shared helpers go in html_util.c)" % fn)

    # The rules above read something: an empty match would pass vacuously.
    if len(services) < 5 or len(owner) < 10 or not html_defs:
        bad.append("read too little: %d services, %d entry points, %d html.c functions -- has the layout moved?"
                   % (len(services), len(owner), len(html_defs)))

    for b in bad:
        print("layering: " + b)
    if not bad:
        print("layering: ok (%d collect services, %d entry points)" % (len(services), len(owner)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
