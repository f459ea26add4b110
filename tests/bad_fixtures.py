#!/usr/bin/python3
"""Run `connect-auditor audit` on every fixtures/bad/*.json and check it refuses
each one as a user would want: exit status 2, one message on stderr naming the
file, no report written.  The message must also be the one fixtures/bad/README.md
quotes for that file, so the README stays true (and lists every fixture).

usage: bad_fixtures.py BINARY SOURCE_DIR

Runs from SOURCE_DIR with relative paths (fixtures/bad/NAME.json), as the README
shows them.  Standard library only.
"""

import os
import re
import subprocess
import sys
import tempfile


def readme_messages(path):
    """{file name: quoted message} from the README's table rows:
    | `NAME.json` | what is wrong | `message` |"""
    msgs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\|\s*`([^`]+\.json)`\s*\|.*\|\s*`(.+)`\s*\|\s*$", line)
            if m:
                msgs[m.group(1)] = m.group(2)
    return msgs


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    binary, src = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    rel = os.path.join("fixtures", "bad")
    names = sorted(n for n in os.listdir(os.path.join(src, rel)) if n.endswith(".json"))
    documented = readme_messages(os.path.join(src, rel, "README.md"))
    failed = 0
    if not names:
        print("FAIL no fixtures in %s" % rel)
        return 1
    for name in names:
        path = os.path.join(rel, name)
        problems = []
        with tempfile.TemporaryDirectory(prefix="bad_fixtures.") as out:
            p = subprocess.run([binary, "audit", path, "-o", out], cwd=src,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
            err = p.stderr.decode("utf-8", "replace").strip()
            if p.returncode != 2:
                problems.append("exit status %d, expected 2 (input error)" % p.returncode)
            if path not in err:
                problems.append("message does not name %s" % path)
            if len(err.splitlines()) != 1:
                problems.append("expected one line on stderr, got %d" % len(err.splitlines()))
            if os.listdir(out):
                problems.append("wrote %s although the input was refused" % ", ".join(sorted(os.listdir(out))))
        want = documented.get(name)
        if want is None:
            problems.append("not listed in %s/README.md" % rel)
        elif err != want:
            problems.append("README.md quotes a different message:\n    README: %s" % want)
        if problems:
            failed += 1
            print("FAIL %s\n    got:    %s\n  - %s" % (path, err, "\n  - ".join(problems)))
        else:
            print("ok   %s: %s" % (path, err))
    for name in sorted(set(documented) - set(names)):
        failed += 1
        print("FAIL README.md lists %s, which does not exist" % name)
    print("%d fixtures, %d failed" % (len(names), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
