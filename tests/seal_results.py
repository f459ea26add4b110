#!/usr/bin/env python3
"""Seals hand-made results documents (tests/data/diff/*.json) with the digest
report, diff and verify check (docs/diff.md, "The results digest"): drops a
digest line already there, ends the last member with ",\\n", and appends
    \\t"digest":\\t"sha256:<SHA-256 of every byte before this line>"\\n}\\n
Run it on a fixture after editing it:  tests/seal_results.py FILE..."""
import hashlib
import json
import sys

DIGEST = '\t"digest":\t"sha256:'


def seal(text):
    json.loads(text)  # a fixture that is not JSON is not sealed
    lines = text.rstrip().split("\n")
    if len(lines) >= 2 and lines[-2].startswith(DIGEST) and lines[-1] == "}":
        lines = lines[:-2]
        body = "\n".join(lines).rstrip()
    else:
        if lines[-1].strip() != "}":
            raise SystemExit("expected the document to end with a '}' line")
        body = "\n".join(lines[:-1]).rstrip()
    if body.endswith(","):
        body = body[:-1]
    prefix = (body + ",\n").encode("utf-8")
    return prefix + (DIGEST + hashlib.sha256(prefix).hexdigest() + '"\n}\n').encode("utf-8")


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        data = seal(text)
        with open(path, "wb") as f:
            f.write(data)
