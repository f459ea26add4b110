#!/usr/bin/env python3
"""dockerfile_check.py SRC: the Dockerfile without docker -- each COPY source
(outside --from) exists in the source tree and is not excluded by
.dockerignore, every stage is Debian 12, the last stage runs as a user
that is not root and its ENTRYPOINT is the installed binary, which the build
stage installs to where the last stage copies from.  Exit 1 naming each fault."""
import fnmatch
import os
import shlex
import sys

src = sys.argv[1]
lines, cont = [], ""
for raw in open(os.path.join(src, "Dockerfile")):
    line = raw.rstrip("\n")
    if line.lstrip().startswith("#") and not cont:
        continue
    if line.endswith("\\"):
        cont += line[:-1] + " "
        continue
    line, cont = cont + line, ""
    if line.strip():
        lines.append(line.strip())
ignore = []
if os.path.exists(os.path.join(src, ".dockerignore")):
    ignore = [l.strip().rstrip("/") for l in open(os.path.join(src, ".dockerignore")) if l.strip() and not l.startswith("#")]

faults, stages = [], []
for line in lines:
    word, _, rest = line.partition(" ")
    word = word.upper()
    if word == "FROM":
        image = rest.split()[0]
        if not image.startswith("debian:12"):
            faults.append("FROM %s: not Debian 12" % image)
        stages.append({"user": None, "entrypoint": None, "copies": [], "run": ""})
    elif word == "COPY":
        args = shlex.split(rest)
        if any(a.startswith("--from") for a in args):
            stages[-1]["copies"].append(args)
            continue
        args = [a for a in args if not a.startswith("--")]
        for s in args[:-1]:
            p = os.path.normpath(s.rstrip("/"))
            if not os.path.exists(os.path.join(src, p)):
                faults.append("COPY %s: no such file in the source tree" % s)
            for pat in ignore:
                if fnmatch.fnmatch(p, pat) or p.startswith(pat + "/") or fnmatch.fnmatch(p.split("/")[0], pat):
                    faults.append("COPY %s: excluded by .dockerignore (%s)" % (s, pat))
    elif word == "USER":
        stages[-1]["user"] = rest.split(":")[0]
    elif word == "ENTRYPOINT":
        stages[-1]["entrypoint"] = rest
    elif word == "RUN":
        stages[-1]["run"] += rest + "\n"

if len(stages) < 2:
    faults.append("not a multi-stage build (%d FROM)" % len(stages))
else:
    last = stages[-1]
    if last["user"] in (None, "root", "0"):
        faults.append("the last stage runs as root (USER %s)" % last["user"])
    if '"/usr/bin/connect-auditor"' not in (last["entrypoint"] or ""):
        faults.append("ENTRYPOINT is not /usr/bin/connect-auditor: %s" % last["entrypoint"])
    if not any(c[-2].startswith("/out/usr") for c in last["copies"]):
        faults.append("the last stage copies no /out/usr from the build stage")
    if "DESTDIR=/out cmake --install" not in stages[0]["run"] or "CMAKE_INSTALL_PREFIX=/usr" not in stages[0]["run"]:
        faults.append("the build stage does not install under /out with prefix /usr")
for f in faults:
    print("Dockerfile: " + f)
sys.exit(1 if faults else 0)
