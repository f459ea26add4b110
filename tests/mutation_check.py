#!/usr/bin/python3
"""Every rule's tests must be able to fail. For each rule file of the packs,
two mutants are made and the rule's own tests run against each:

  silent  - check returns at once, deciding nothing (the engine then reports
            error: a test expecting pass, fail or manual must notice);
  invert  - ctx:pass records fail, ctx:fail records pass, ctx:manual records
            pass (the worst mutant: a pass where a person should answer).

A mutant whose tests still all pass "survives": the rule's tests could not
tell a broken rule from a working one. Any survivor fails this check.

usage: mutation_check.py BINARY POLICIES_DIR [RULE_FILE...]
Standard library only. Each mutant runs in a scratch pack holding pack.lua, the
mutated rule and its test, beside a copy of the packs' lib/.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

WRAP = """local function __mutant_ctx(real)
  local swap = { pass = "fail", fail = "pass", manual = "pass" }
  return setmetatable({}, { __index = function(_, k)
    local v = real[k]
    if type(v) ~= "function" then return v end
    local to = swap[k] or k
    return function(_, ...) return real[to](real, ...) end
  end })
end
"""
CHECK = re.compile(r"(check\s*=\s*function\s*\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,\s*([A-Za-z_][A-Za-z0-9_]*)\s*\))")


def mutants(src):
    m = CHECK.search(src)
    if not m:
        return None
    head, ctx = m.group(1), m.group(3)
    silent = src[:m.start()] + head + " do return end " + src[m.end():]
    invert = WRAP + src[:m.start()] + head + f" {ctx} = __mutant_ctx({ctx}) " + src[m.end():]
    # the rule as it is, first: its tests must pass in the scratch pack, or a
    # broken set-up would "kill" every mutant
    return {"original": src, "silent": silent, "invert": invert}


def run_tests(binary, pack_dir):
    p = subprocess.run([binary, "policy", "test", pack_dir], capture_output=True, text=True, timeout=600)
    m = re.search(r"(\d+) passed, (\d+) failed", p.stdout + p.stderr)
    return (int(m.group(1)), int(m.group(2))) if m else (0, -1)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    binary, policies = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    rules = argv[3:] or sorted(
        os.path.join(policies, pack, f)
        for pack in os.listdir(policies) if pack != "lib" and os.path.isdir(os.path.join(policies, pack))
        for f in os.listdir(os.path.join(policies, pack))
        if f.endswith(".lua") and f != "pack.lua" and not f.endswith("_test.lua"))
    survivors, unmutable, broken, killed = [], [], [], 0
    with tempfile.TemporaryDirectory(prefix="ca-mutants-") as tmp:
        shutil.copytree(os.path.join(policies, "lib"), os.path.join(tmp, "lib"))
        for rule in rules:
            pack = os.path.basename(os.path.dirname(rule))
            name = os.path.basename(rule)[:-4]
            with open(rule, encoding="utf-8") as f:
                ms = mutants(f.read())
            if ms is None:
                unmutable.append(f"{pack}/{name}")
                continue
            for kind, text in ms.items():
                d = os.path.join(tmp, pack)
                shutil.rmtree(d, ignore_errors=True)
                os.makedirs(d)
                shutil.copy(os.path.join(policies, pack, "pack.lua"), d)
                shutil.copy(os.path.join(policies, pack, name + "_test.lua"), d)
                with open(os.path.join(d, name + ".lua"), "w", encoding="utf-8") as f:
                    f.write(text)
                passed, failed = run_tests(binary, d)
                if kind == "original":
                    if failed != 0 or passed == 0:
                        broken.append(f"{pack}/{name} ({passed} passed, {failed} failed)")
                        break
                elif failed > 0:
                    killed += 1
                else:
                    survivors.append(f"{pack}/{name} ({kind}: {passed} passed, {failed} failed)")
    for b in broken:
        print("unmutated rule fails its own tests in the scratch pack:", b)
    for s in survivors:
        print("survived:", s)
    for u in unmutable:
        print("not mutated (no 'check = function(r, ctx)' in the file; built by a library):", u)
    print(f"{killed} mutants killed, {len(survivors)} survived, {len(unmutable)} rule files not mutated")
    return 1 if survivors or broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
