#!/usr/bin/env python3
"""ctest cli_docs: the man page and completions scripts/gen-cli-docs writes
say what --help says. Every option of every command's --help is in the man
page and is offered by the bash completion for that command (run in bash);
the completion's files parse (bash -n; zsh -n when zsh is installed)."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

binary, gen = sys.argv[1], sys.argv[2]
out = tempfile.mkdtemp(prefix="ca-clidocs-")
try:
    subprocess.run([sys.executable, gen, binary, out], check=True)
    man = open(os.path.join(out, "connect-auditor.1")).read()
    comp = os.path.join(out, "connect-auditor.bash")
    subprocess.run(["bash", "-n", comp], check=True)
    if shutil.which("zsh"):
        subprocess.run(["zsh", "-n", os.path.join(out, "_connect-auditor")], check=True)
    top = subprocess.run([binary, "--help"], capture_output=True, text=True).stdout
    cmds = re.findall(r"^  ([a-z]+) ", top, re.M)
    assert len(cmds) >= 10, cmds
    bad = []

    def complete(words):
        script = 'source %s; COMP_WORDS=(%s); COMP_CWORD=%d; _connect_auditor; printf "%%s\\n" "${COMPREPLY[@]}"' % (
            comp, " ".join("'%s'" % w for w in words), len(words) - 1)
        return subprocess.run(["bash", "-c", script], capture_output=True, text=True).stdout.split()

    assert set(cmds) <= set(complete(["connect-auditor", ""])), "commands not completed"
    for c in cmds:
        h = subprocess.run([binary, c, "--help"], capture_output=True, text=True).stdout
        described = re.findall(r"^  (?:-\w, )?(--[a-z][\w-]*)", h, re.M)
        offered = set(complete(["connect-auditor", c, "-"]))
        for o in described:
            if o == "--help":
                continue
            if o not in offered:
                bad.append("%s %s: not completed" % (c, o))
            if o.replace("-", "\\-") not in man:
                bad.append("%s %s: not in the man page" % (c, o))
    # a value list is completed: --fail-on's severities
    got = complete(["connect-auditor", "audit", "--fail-on", "hi"])
    if got != ["high"]:
        bad.append("audit --fail-on hi completes to %s, not high" % got)
    if bad:
        sys.exit("\n".join(bad))
    print("cli_docs: %d commands, man page and completions agree with --help" % len(cmds))
finally:
    shutil.rmtree(out)
