#!/usr/bin/python3
"""Every best-practices checklist ID is covered by at least one rule, and
docs/coverage.md says which, exactly as `policy list` does.

A rule covers a practice when the practice is the rule's `practice` or one of
its BASELINE controls. The checklist IDs are the `BASELINE <id>` lines of
tests/data/controls.txt. docs/coverage.md holds, between the markers
`<!-- coverage:begin -->` and `<!-- coverage:end -->`, a table with one row per
checklist ID:

  | Practice | What | Rules | Attestation items |

"Rules" lists the covering rules (backquoted IDs) except attestation items,
which are the rules whose ID has an `-ATT-` part, listed under "Attestation
items". "What" is free text. The check fails when an ID has no rule, when the
table misses or repeats an ID or lists one the checklist does not have, and
when a row's rules differ from `policy list` -- so the document cannot rot.

The "Public rule sets" table (between `<!-- peers:begin -->` and
`<!-- peers:end -->`: | Source | ID | What it checks | Our rules | Where ours
differs |) maps public checks to rules: every rule it names must be in
`policy list`, and a row that names none says so with "—" and why.

usage: coverage_check.py BINARY CONTROLS_TXT COVERAGE_MD [--write]
  --write  rewrite the table from `policy list` (keeping each row's "What"),
           then check. Standard library only.
"""
import re
import subprocess
import sys

BEGIN, END = "<!-- coverage:begin -->", "<!-- coverage:end -->"
PEERS_BEGIN, PEERS_END = "<!-- peers:begin -->", "<!-- peers:end -->"
RULE_ID = r"`([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)`"
HEADER = "| Practice | What | Rules | Attestation items |\n|---|---|---|---|\n"


def checklist_ids(path):
    ids = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("BASELINE "):
                ids.append(line.split(" ", 1)[1])
    return ids


def rules_by_practice(binary):
    """{practice: set(rule ids)} from `policy list`, and the number of rules."""
    out = subprocess.run([binary, "policy", "list"], capture_output=True, text=True, check=True).stdout
    cover, n = {}, 0
    for line in out.splitlines():
        # "  RULE-ID  severity  resource_type  PRACTICE  FW:id,id FW:id"
        if not line.startswith("  ") or line.startswith("    "):
            continue
        cols = line.split()
        if len(cols) < 5:
            raise SystemExit(f"cannot read policy list line: {line!r}")
        n += 1
        rule, practice = cols[0], cols[3]
        ids = {practice}
        for c in cols[4:]:
            fw, _, lst = c.partition(":")
            if fw == "BASELINE":
                ids.update(lst.split(","))
        for i in ids:
            cover.setdefault(i, set()).add(rule)
    return cover, n


def check_peers(text, known):
    """Problems of the public rule sets table: rules policy list lacks, rows without a rule or a reason."""
    if PEERS_BEGIN not in text or PEERS_END not in text:
        return [f"no {PEERS_BEGIN} ... {PEERS_END} table"]
    body = text.split(PEERS_BEGIN, 1)[1].split(PEERS_END, 1)[0]
    bad, rows = [], 0
    for line in body.splitlines():
        line = line.strip()
        if not line.startswith("|") or line.startswith("|---") or line.startswith("| Source"):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) != 5:
            bad.append(f"peers: row without 5 cells: {line[:80]!r}")
            continue
        rows += 1
        named = re.findall(RULE_ID, cells[3])
        for r in named:
            if r not in known:
                bad.append(f"peers: {cells[1]} names {r}, which policy list does not have")
        if not named and (cells[3] != "—" or not cells[4]):
            bad.append(f"peers: {cells[1]} names no rule: say \"—\" and why in the last column")
    if not rows:
        bad.append("peers: the public rule sets table has no rows")
    return bad


def is_attestation(rule):
    return "-ATT-" in rule


def split(rules):
    return (sorted(r for r in rules if not is_attestation(r)), sorted(r for r in rules if is_attestation(r)))


def read_table(text):
    """{practice: (what, rules set, attest set)}, duplicate IDs, problems."""
    if BEGIN not in text or END not in text:
        return None, [], [f"no {BEGIN} ... {END} table"]
    body = text.split(BEGIN, 1)[1].split(END, 1)[0]
    rows, dups, bad = {}, [], []
    for line in body.splitlines():
        line = line.strip()
        if not line.startswith("|") or line.startswith("|---") or line.startswith("| Practice"):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) != 4:
            bad.append(f"table row without 4 cells: {line!r}")
            continue
        pid = cells[0]
        if pid in rows:
            dups.append(pid)
        rows[pid] = (cells[1], set(re.findall(r"`([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)`", cells[2])),
                     set(re.findall(r"`([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)`", cells[3])))
    return rows, dups, bad


def fmt(rules):
    return ", ".join(f"`{r}`" for r in rules) if rules else "—"


def write(path, text, ids, cover, rows):
    lines = []
    for pid in ids:
        what = rows.get(pid, ("",))[0] if rows else ""
        auto, att = split(cover.get(pid, set()))
        lines.append(f"| {pid} | {what} | {fmt(auto)} | {fmt(att)} |\n")
    table = BEGIN + "\n" + HEADER + "".join(lines) + END
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + table + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + table + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return text


def main(argv):
    args = [a for a in argv[1:] if a != "--write"]
    if len(args) != 3:
        sys.stderr.write(__doc__)
        return 2
    binary, controls, doc = args
    ids = checklist_ids(controls)
    cover, n = rules_by_practice(binary)
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    rows, dups, bad = read_table(text)
    if "--write" in argv[1:]:
        text = write(doc, text, ids, cover, rows)
        rows, dups, bad = read_table(text)

    uncovered = [i for i in ids if not cover.get(i)]
    for i in uncovered:
        bad.append(f"{i}: no rule has it as practice or BASELINE control")
    rows = rows or {}
    for d in dups:
        bad.append(f"docs: {d} is listed more than once")
    for pid in ids:
        if pid not in rows:
            bad.append(f"docs: {pid} has no row")
            continue
        want_auto, want_att = split(cover.get(pid, set()))
        _, got_auto, got_att = rows[pid]
        if set(want_auto) != got_auto or set(want_att) != got_att:
            bad.append(f"docs: {pid} lists rules {fmt(sorted(got_auto))} / attestation {fmt(sorted(got_att))}, "
                       f"policy list says {fmt(want_auto)} / {fmt(want_att)}")
    for pid in sorted(set(rows) - set(ids)):
        bad.append(f"docs: {pid} is not a checklist ID")
    bad += check_peers(text, set().union(*cover.values()) if cover else set())
    for b in bad:
        print(b)
    print(f"{len(ids)} checklist IDs, {n} rules, {len(uncovered)} uncovered: {' '.join(uncovered) or '-'}")
    return 1 if bad or not ids or n == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
