#!/usr/bin/python3
"""The scheduler examples (examples/schedulers, docs/schedulers.md) hold:

- every manifest parses: the Kubernetes CronJobs (YAML), the AWS Batch job
  definitions and submissions (JSON), the GitHub Actions workflow (YAML);
- every connect-auditor command in them (and in shard.sh and the Batch
  submit.sh) names a subcommand that exists and only flags that subcommand's
  --help lists -- read from the binary being tested, so a renamed flag breaks
  this test, not a user's night run; the checker itself is shown to refuse a
  made-up flag and a made-up subcommand;
- each is what it says: an Indexed Job under an IRSA service account with
  JOB_COMPLETION_INDEX as the shard, a Batch array job with
  AWS_BATCH_JOB_ARRAY_INDEX and a merge that depends on it, a workflow with
  id-token: write, configure-aws-credentials, a matrix of shards, a merge job
  that needs them and uploads SARIF with codeql-action/upload-sarif; the
  shard count agrees with the N each passes to shard.sh;
- shard.sh, run as N shards with a stand-in connect-auditor that records what
  it is asked, scans every unit of a units file exactly once, and a unit whose
  scan fails becomes a scan-summary.json error entry that the real `merge`
  shows as unreached.

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


def invocations(text):
    """(subcommand, [flags]) of every `connect-auditor SUB ...` in shell text."""
    text = text.replace("\\\n", " ")
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
            sub, flags = words[i + 1], []
            for t in words[i + 2:]:
                if t in SEPARATORS:
                    break
                if t.startswith("-") and t != "-" and not re.fullmatch(r"-\d+", t):
                    flags.append(t.split("=", 1)[0])
            out.append((sub, flags))
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


def shard_n(text, var):
    m = re.search(r'shard\.sh\s+"?\$\{?\{?\s*%s\s*\}?\}?"?\s+"?(\$?\w+)"?' % var, text)
    return m.group(1) if m else None


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
        """A manifest that runs shard.sh has its scan there (checked once)."""
        nonlocal checked
        if "shard.sh" in text:
            want_min = 0
        bad, n = check_flags(binary, where, text)
        failures.extend(bad)
        if n < want_min:
            fail("%s: expected at least %d connect-auditor command(s), found %d" % (where, want_min, n))
        checked += n

    # shard.sh and units.txt
    shard_text = open(os.path.join(ex, "shard.sh"), encoding="utf-8").read()
    bad, n = check_flags(binary, "shard.sh", shard_text)
    failures.extend(bad)
    checked += n
    if n != 1:
        fail("shard.sh: expected its one connect-auditor scan, found %d commands" % n)

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
            n = shard_n(text, "JOB_COMPLETION_INDEX")
            if n is None:
                fail("kubernetes: the Indexed Job does not pass JOB_COMPLETION_INDEX to shard.sh")
            elif not (str(job.get("completions")) == n == str(job.get("parallelism", job.get("completions")))):
                fail("kubernetes: completions %s / parallelism %s, but shard.sh is told N=%s"
                     % (job.get("completions"), job.get("parallelism"), n))
    if indexed != 1:
        fail("kubernetes: expected one Indexed Job, found %d" % indexed)
    if not any("connect-auditor merge" in shell_of_pod(c["spec"]["jobTemplate"]["spec"]["template"]["spec"]) for c in crons):
        fail("kubernetes: no CronJob runs connect-auditor merge")

    # AWS Batch
    bd = os.path.join(ex, "aws-batch")
    j = {f: json.load(open(os.path.join(bd, f), encoding="utf-8")) for f in sorted(os.listdir(bd)) if f.endswith(".json")}
    scan_def, merge_def = j["scan-job-definition.json"], j["merge-job-definition.json"]
    for name, d in (("scan-job-definition.json", scan_def), ("merge-job-definition.json", merge_def)):
        if d.get("type") != "container":
            fail("aws-batch/%s: type is not container" % name)
        flags("aws-batch/%s" % name, " ".join(d["containerProperties"]["command"][2:]))
    n = shard_n(" ".join(scan_def["containerProperties"]["command"]), r"AWS_BATCH_JOB_ARRAY_INDEX")
    size = j["submit-scan.json"].get("arrayProperties", {}).get("size")
    if n is None:
        fail("aws-batch: the scan job does not pass AWS_BATCH_JOB_ARRAY_INDEX to shard.sh")
    elif str(size) != n:
        fail("aws-batch: arrayProperties.size %s, but shard.sh is told N=%s" % (size, n))
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
        if sorted(shards) != list(range(len(shards))) or str(s.get("env", {}).get("SHARDS")) != str(len(shards)):
            fail("github-actions: matrix.shard %s and SHARDS %s disagree" % (shards, s.get("env", {}).get("SHARDS")))
        if "matrix.shard" not in runs[scan[0]] or "shard.sh" not in runs[scan[0]]:
            fail("github-actions: the matrix job does not run shard.sh with matrix.shard")
        needs = m.get("needs")
        if scan[0] not in ([needs] if isinstance(needs, str) else needs or []):
            fail("github-actions: the merge job does not need the shards")
        if "github/codeql-action/upload-sarif" not in uses[merge[0]]:
            fail("github-actions: the merge job does not upload SARIF (github/codeql-action/upload-sarif)")
        if m.get("permissions", {}).get("security-events") != "write":
            fail("github-actions: the merge job lacks security-events: write")
    for name in jobs:
        flags("github-actions %s" % name, runs[name], want_min=1 if name in scan + merge else 0)

    # shard.sh, for real, with a stand-in connect-auditor
    with tempfile.TemporaryDirectory(prefix="ca-schedulers-") as tmp:
        env = dict(os.environ, SOURCE_DATE_EPOCH="1795167000")
        real = os.path.join(tmp, "real")
        p = subprocess.run([binary, "audit", os.path.join(os.path.dirname(os.path.abspath(ex)), "..", "fixtures", "demo", "dev.json"),
                            "-o", real, "-q", "--format", "json"], env=env, capture_output=True, text=True)
        if p.returncode != 0:
            fail("audit of the demo for the stand-in: %s" % p.stderr)
        stub = os.path.join(tmp, "bin")
        os.mkdir(stub)
        with open(os.path.join(stub, "connect-auditor"), "w") as f:
            f.write('#!/bin/sh\nout=""; inst=""\n'
                    'while [ $# -gt 0 ]; do case "$1" in -o) out=$2; shift ;; --instance) inst=$2; shift ;; esac; shift; done\n'
                    'echo "$inst" >> "$STUB_LOG"\n'
                    '[ "$inst" = broken ] && exit 3\n'
                    'mkdir -p "$out" && cp "$STUB_RESULTS" "$out/results.json"\n')
        os.chmod(os.path.join(stub, "connect-auditor"), 0o755)
        units = ["111122223333 us-east-1 u%d" % i for i in range(7)] + ["444455556666 eu-west-2 broken"]
        with open(os.path.join(tmp, "units.txt"), "w") as f:
            f.write("# a comment\n\n" + "\n".join(units[:4]) + "\n# another\n" + "\n".join(units[4:]) + "\n")
        log = os.path.join(tmp, "log")
        senv = dict(env, PATH=stub + ":" + env["PATH"], STUB_LOG=log, STUB_RESULTS=os.path.join(real, "results.json"))
        N = 3
        for k in range(N):
            p = subprocess.run(["sh", os.path.join(ex, "shard.sh"), str(k), str(N), os.path.join(tmp, "units.txt"),
                                os.path.join(tmp, "out", "shard-%d" % k)], env=senv, capture_output=True, text=True)
            if p.returncode != 0:
                fail("shard.sh %d %d: exit %d: %s" % (k, N, p.returncode, p.stderr))
        asked = open(log).read().split()
        want = [u.split()[2] for u in units]
        if sorted(asked) != sorted(want):
            fail("shard.sh x%d scanned %s, expected each of %s once" % (N, sorted(asked), sorted(want)))
        for k in range(N):
            mine = [u.split()[2] for i, u in enumerate(units) if i % N == k]
            got = sorted(os.listdir(os.path.join(tmp, "out", "shard-%d" % k, "111122223333", "us-east-1"))
                         if os.path.isdir(os.path.join(tmp, "out", "shard-%d" % k, "111122223333", "us-east-1")) else [])
            if got != sorted(x for x in mine if x != "broken"):
                fail("shard %d wrote %s, expected %s" % (k, got, mine))
        p = subprocess.run([binary, "merge", os.path.join(tmp, "out"), "-o", os.path.join(tmp, "estate")],
                           env=env, capture_output=True, text=True)
        if p.returncode != 0:
            fail("merge of the shards: exit %d: %s" % (p.returncode, p.stderr))
        else:
            e = json.load(open(os.path.join(tmp, "estate", "estate.json")))
            un = e["unreached"]
            if [(u["account_id"], u["region"], u["instance"]) for u in un] != [("444455556666", "eu-west-2", "broken")]:
                fail("merge of the shards: unreached %s, expected the broken unit" % un)
        p = subprocess.run(["sh", os.path.join(ex, "shard.sh"), "3", "3", "x", "y"], env=senv, capture_output=True)
        if p.returncode != 2:
            fail("shard.sh 3 3: exit %d, expected 2 (K must be below N)" % p.returncode)

    if failures:
        for f in failures:
            print("schedulers: " + f)
        return 1
    print("schedulers: ok (%d connect-auditor commands checked against --help)" % checked)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
