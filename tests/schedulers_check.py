#!/usr/bin/python3
"""The scheduler examples (examples/schedulers, docs/schedulers.md) hold:

- every manifest parses: the Kubernetes CronJobs (YAML), the AWS Batch job
  definitions and submissions (JSON), the GitHub Actions workflow (YAML);
- every connect-auditor command in them names a subcommand that exists and
  only flags that subcommand's --help lists -- read from the binary being tested, so a renamed flag breaks
  this test, not a user's night run; the checker itself is shown to refuse a
  made-up flag and a made-up subcommand;
- each is what it says: an Indexed Job under an IRSA service account, a
  Batch array job and a merge that depends on it, a workflow with
  id-token: write, configure-aws-credentials, a matrix of shards, a merge job
  that needs them and uploads SARIF with codeql-action/upload-sarif;
- the merge CronJob (which runs on the clock) checks every shard wrote its
  scan-summary.json;
- each shard command is the estate scan itself: `connect-auditor scan
  --accounts .../accounts.txt --regions all --all-instances` with
  `--shard-from-env N` (Kubernetes, Batch) or `--shard ${{ matrix.shard }}/N`
  (GitHub Actions), N agreeing with the completions / array size / matrix;
- accounts.txt is in the format `scan --accounts` reads: the real binary,
  with no credentials anywhere, gets past reading it (exit 3, credentials),
  and refuses a copy with a bad line (exit 2 naming FILE:LINE).

usage: schedulers_check.py CONNECT_AUDITOR EXAMPLES_DIR
Exit 0 when all hold, 1 listing each failure, 77 (skipped) without
python3-yaml (scripts/install-deps --tests installs it).
"""
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    sys.stderr.write("schedulers_check: python3-yaml is not installed (scripts/install-deps --tests): skipped\n")
    sys.exit(77)

SEPARATORS = {";", "&&", "||", "|", "&", "(", ")", "\n"}
failures = []


def fail(msg):
    failures.append(msg)


def invocations(text, words_too=False):
    """(subcommand, [flags]) of every `connect-auditor SUB ...` in shell text
    (with words_too, (subcommand, [flags], [words after SUB]))."""
    text = text.replace("\\\n", " ")
    # a GitHub Actions expression is one word: ${{ matrix.shard }} -> ${{matrix.shard}}
    text = re.sub(r"\$\{\{\s*([^}]*?)\s*\}\}", lambda m: "${{" + m.group(1).replace(" ", "") + "}}", text)
    out = []
    for line in text.split("\n"):
        if line.lstrip().startswith("#"):
            continue
        try:
            lex = shlex.shlex(line, posix=True, punctuation_chars=True)
            lex.whitespace_split = True
            words = list(lex)
        except ValueError:
            continue
        for i, w in enumerate(words):
            if w != "connect-auditor" or i + 1 >= len(words):
                continue
            sub, flags, rest = words[i + 1], [], []
            for t in words[i + 2:]:
                if t in SEPARATORS:
                    break
                rest.append(t)
                if t.startswith("-") and t != "-" and not re.fullmatch(r"-\d+", t):
                    flags.append(t.split("=", 1)[0])
            out.append((sub, flags, rest) if words_too else (sub, flags))
    return out


_help = {}


def help_of(binary, sub):
    if sub not in _help:
        p = subprocess.run([binary, sub, "--help"], capture_output=True, text=True)
        _help[sub] = p.stdout if p.returncode == 0 else None
    return _help[sub]


def check_flags(binary, where, text):
    """Failures for text's connect-auditor commands; the number checked."""
    found = invocations(text)
    bad = []
    for sub, flags in found:
        h = help_of(binary, sub)
        if h is None:
            bad.append("%s: connect-auditor %s: no such subcommand" % (where, sub))
            continue
        for f in flags:
            if not re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(f), h):
                bad.append("%s: connect-auditor %s %s: not in '%s --help'" % (where, sub, f, sub))
    return bad, len(found)


def shell_of_pod(spec):
    t = []
    for c in spec.get("containers", []):
        t.append(" ".join(c.get("command", [])[2:] if c.get("command", [])[:2] == ["/bin/sh", "-c"] else c.get("command", [])))
        t.append(" ".join(c.get("args", [])))
    return "\n".join(t)


def shard_scan(where, text, shard_flag):
    """The one `connect-auditor scan` of a shard: an estate scan of an
    accounts.txt over every region and instance; the value of shard_flag
    (--shard-from-env or --shard), or None with a failure."""
    scans = [(f, w) for sub, f, w in invocations(text, words_too=True) if sub == "scan"]
    if len(scans) != 1:
        fail("%s: expected one connect-auditor scan, found %d" % (where, len(scans)))
        return None
    _, words = scans[0]

    def value(flag):
        return words[words.index(flag) + 1] if flag in words[:-1] else None
    acc = value("--accounts")
    if acc is None or os.path.basename(acc) != "accounts.txt":
        fail("%s: the scan does not read accounts.txt with --accounts (%s)" % (where, acc))
    if value("--regions") != "all":
        fail("%s: the scan does not cover --regions all" % where)
    if "--all-instances" not in words:
        fail("%s: the scan lacks --all-instances" % where)
    other = {"--shard-from-env": "--shard", "--shard": "--shard-from-env"}[shard_flag]
    if other in words:
        fail("%s: the scan uses %s, expected %s" % (where, other, shard_flag))
    v = value(shard_flag)
    if v is None:
        fail("%s: the scan has no %s" % (where, shard_flag))
    return v


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    binary, ex = argv[1], argv[2]
    checked = 0

    # the checker can fail
    bad, _ = check_flags(binary, "self-test", "connect-auditor merge out -o x --no-such-flag")
    if not bad:
        fail("the checker accepted connect-auditor merge --no-such-flag")
    bad, _ = check_flags(binary, "self-test", "connect-auditor no-such-command --x")
    if not bad:
        fail("the checker accepted connect-auditor no-such-command")
    bad, n = check_flags(binary, "self-test", "x && connect-auditor merge d -o e --latest \\\n  --fail-on high; echo")
    if bad or n != 1:
        fail("the checker refused a right command: %s" % bad)

    def flags(where, text, want_min=1):
        nonlocal checked
        bad, n = check_flags(binary, where, text)
        failures.extend(bad)
        if n < want_min:
            fail("%s: expected at least %d connect-auditor command(s), found %d" % (where, want_min, n))
        checked += n

    # the shard check can fail: a scan that is not the estate scan
    saved = len(failures)
    shard_scan("self-test", "connect-auditor scan --region us-east-1 --instance x -o out", "--shard-from-env")
    shard_scan("self-test", "connect-auditor scan --accounts a/units.txt --regions us-east-1 --all-instances --shard 0/3",
               "--shard-from-env")
    if len(failures) - saved < 6:
        fail("the shard check accepted a scan that is not the estate scan (%s)" % failures[saved:])
    del failures[saved:]
    v = shard_scan("self-test", 'x; connect-auditor scan --accounts /c/accounts.txt --regions all '
                   '--all-instances --shard ${{ matrix.shard }}/3 -o "$out" || true', "--shard")
    if v != "${{matrix.shard}}/3":
        fail("the shard check misread --shard ${{ matrix.shard }}/3 as %s" % v)

    # Kubernetes
    path = os.path.join(ex, "kubernetes", "cronjob.yaml")
    docs = [d for d in yaml.safe_load_all(open(path, encoding="utf-8")) if d]
    sas = {d["metadata"]["name"]: d for d in docs if d.get("kind") == "ServiceAccount"}
    crons = [d for d in docs if d.get("kind") == "CronJob"]
    indexed = 0
    for c in crons:
        job = c["spec"]["jobTemplate"]["spec"]
        pod = job["template"]["spec"]
        text = shell_of_pod(pod)
        flags("kubernetes/cronjob.yaml %s" % c["metadata"]["name"], text)
        if job.get("completionMode") == "Indexed":
            indexed += 1
            sa = sas.get(pod.get("serviceAccountName"))
            if not sa or "eks.amazonaws.com/role-arn" not in sa["metadata"].get("annotations", {}):
                fail("kubernetes: the Indexed Job's service account has no IRSA annotation (eks.amazonaws.com/role-arn)")
            n = shard_scan("kubernetes: the Indexed Job", text, "--shard-from-env")
            if n is not None and not (str(job.get("completions")) == n == str(job.get("parallelism", job.get("completions")))):
                fail("kubernetes: completions %s / parallelism %s, but the scan is told --shard-from-env %s"
                     % (job.get("completions"), job.get("parallelism"), n))
    if indexed != 1:
        fail("kubernetes: expected one Indexed Job, found %d" % indexed)
    if not any("connect-auditor merge" in shell_of_pod(c["spec"]["jobTemplate"]["spec"]["template"]["spec"]) for c in crons):
        fail("kubernetes: no CronJob runs connect-auditor merge")
    # the merge runs on the clock, so it checks that every shard wrote its summary
    completions = [c["spec"]["jobTemplate"]["spec"].get("completions") for c in crons
                   if c["spec"]["jobTemplate"]["spec"].get("completionMode") == "Indexed"]
    want = "for k in %s; do" % " ".join(str(k) for k in range(completions[0] if completions else 0))
    for c in crons:
        text = shell_of_pod(c["spec"]["jobTemplate"]["spec"]["template"]["spec"])
        if "connect-auditor merge" in text and (want not in text or "shard-$k/scan-summary.json" not in text):
            fail("kubernetes: the merge does not check shard-$k/scan-summary.json of each shard (%r)" % want)

    # AWS Batch
    bd = os.path.join(ex, "aws-batch")
    j = {f: json.load(open(os.path.join(bd, f), encoding="utf-8")) for f in sorted(os.listdir(bd)) if f.endswith(".json")}
    scan_def, merge_def = j["scan-job-definition.json"], j["merge-job-definition.json"]
    for name, d in (("scan-job-definition.json", scan_def), ("merge-job-definition.json", merge_def)):
        if d.get("type") != "container":
            fail("aws-batch/%s: type is not container" % name)
        flags("aws-batch/%s" % name, " ".join(d["containerProperties"]["command"][2:]))
    n = shard_scan("aws-batch/scan-job-definition.json", " ".join(scan_def["containerProperties"]["command"][2:]),
                   "--shard-from-env")
    size = j["submit-scan.json"].get("arrayProperties", {}).get("size")
    if n is not None and str(size) != n:
        fail("aws-batch: arrayProperties.size %s, but the scan is told --shard-from-env %s" % (size, n))
    if j["submit-scan.json"]["jobDefinition"] != scan_def["jobDefinitionName"] or \
       j["submit-merge.json"]["jobDefinition"] != merge_def["jobDefinitionName"]:
        fail("aws-batch: a submission names a job definition that is not here")
    submit = open(os.path.join(bd, "submit.sh"), encoding="utf-8").read()
    if "--depends-on" not in submit or "submit-merge.json" not in submit:
        fail("aws-batch/submit.sh: the merge is not submitted depending on the array job")

    # GitHub Actions
    path = os.path.join(ex, "github-actions", "connect-auditor.yml")
    wf = yaml.safe_load(open(path, encoding="utf-8"))
    if wf.get("permissions", {}).get("id-token") != "write":
        fail("github-actions: permissions.id-token is not write (no OIDC token)")
    jobs = wf["jobs"]
    uses = {name: [s.get("uses", "").split("@")[0] for s in job["steps"]] for name, job in jobs.items()}
    runs = {name: "\n".join(s.get("run", "") for s in job["steps"]) for name, job in jobs.items()}
    scan = [n_ for n_, job in jobs.items() if "matrix" in job.get("strategy", {})]
    merge = [n_ for n_ in jobs if "connect-auditor merge" in runs[n_]]
    if len(scan) != 1 or len(merge) != 1:
        fail("github-actions: expected one matrix job and one merge job (%s, %s)" % (scan, merge))
    else:
        s, m = jobs[scan[0]], jobs[merge[0]]
        if "aws-actions/configure-aws-credentials" not in uses[scan[0]]:
            fail("github-actions: the shards do not use aws-actions/configure-aws-credentials")
        shards = s["strategy"]["matrix"].get("shard", [])
        v = shard_scan("github-actions %s" % scan[0], runs[scan[0]], "--shard")
        if sorted(shards) != list(range(len(shards))):
            fail("github-actions: matrix.shard %s is not 0 .. N-1" % shards)
        elif v is not None and v != "${{matrix.shard}}/%d" % len(shards):
            fail("github-actions: matrix.shard %s, but the scan is told --shard %s" % (shards, v))
        needs = m.get("needs")
        if scan[0] not in ([needs] if isinstance(needs, str) else needs or []):
            fail("github-actions: the merge job does not need the shards")
        if "github/codeql-action/upload-sarif" not in uses[merge[0]]:
            fail("github-actions: the merge job does not upload SARIF (github/codeql-action/upload-sarif)")
        if m.get("permissions", {}).get("security-events") != "write":
            fail("github-actions: the merge job lacks security-events: write")
    for name in jobs:
        flags("github-actions %s" % name, runs[name], want_min=1 if name in scan + merge else 0)

    # accounts.txt, read by the real scan with no credentials anywhere: past
    # the file (exit 3: no credentials; nothing is called), and a bad line
    # refused (exit 2, FILE:LINE)
    with tempfile.TemporaryDirectory(prefix="ca-schedulers-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(HOME=tmp, AWS_CONFIG_FILE=os.path.join(tmp, "none"), AWS_SHARED_CREDENTIALS_FILE=os.path.join(tmp, "none"),
                   AWS_EC2_METADATA_DISABLED="true")
        bad_copy = os.path.join(tmp, "accounts.txt")
        with open(os.path.join(ex, "accounts.txt"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        ids = [l.split()[0] for l in lines if l.strip() and not l.lstrip().startswith("#")]
        if len(ids) < 2:
            fail("accounts.txt: expected an estate of several accounts, found %d" % len(ids))
        with open(bad_copy, "w", encoding="utf-8") as f:
            f.write("\n".join(lines + ["12345 ConnectAuditorReadOnly"]) + "\n")
        for acc, want in ((os.path.join(ex, "accounts.txt"), 3), (bad_copy, 2)):
            p = subprocess.run([binary, "scan", "--accounts", acc, "--regions", "all", "--all-instances",
                                "--shard", "0/3", "-o", os.path.join(tmp, "out"), "--format", "json"],
                               env=env, capture_output=True, text=True, timeout=60)
            if p.returncode != want:
                fail("scan --accounts %s: exit %d, expected %d: %s" % (acc, p.returncode, want, p.stderr.strip()))
            elif want == 2 and "accounts.txt:%d" % (len(lines) + 1) not in p.stderr:
                fail("scan --accounts with a bad line: the error does not name accounts.txt:%d: %s"
                     % (len(lines) + 1, p.stderr.strip()))

    if failures:
        for f in failures:
            print("schedulers: " + f)
        return 1
    print("schedulers: ok (%d connect-auditor commands checked against --help)" % checked)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
