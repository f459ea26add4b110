#!/usr/bin/python3
"""Validate JSON files against a JSON Schema: the snapshot's
(schema/snapshot.v1.schema.json) or results.json's (schema/results.v1.schema.json).

usage: schema_check.py SCHEMA [--ref SCHEMA]... FILE... [--invalid FILE...]

Each --ref SCHEMA is a schema SCHEMA refers to by its $id (the estate's and
the scan summary's refer to results.json's: schema/estate.v1.schema.json,
schema/scan-summary.v1.schema.json).  Each FILE before --invalid must validate; each FILE after it must not (a file
that is not JSON at all counts as not validating).  Every error is printed with
the JSON pointer of the offending value.  Exit status: 0 if all files behaved
as expected, 1 if any did not, 2 for a usage error or an unusable schema.

Needs only the standard library and jsonschema (Debian: python3-jsonschema,
4.10 or later); run it with Debian's /usr/bin/python3.
"""

import json
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("schema_check.py: needs jsonschema (Debian: apt-get install python3-jsonschema)")


# The loader's nesting bound (auditor/ca_limits.h); JSON Schema cannot say it.
MAX_DEPTH = 1000


def pointer(path):
    """RFC 6901 JSON pointer of a jsonschema error path."""
    if not path:
        return "(document root)"
    text = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)
    # Control characters (a NUL in a key, say) are shown, not sent to the terminal.
    return "".join(c if c >= " " else "\\u%04x" % ord(c) for c in text)


class Obj(dict):
    """A JSON object that remembers its members in order, duplicates included:
    JSON Schema sees only the last of two equal keys, the loader sees both."""
    pairs = ()


def obj_hook(pairs):
    o = Obj(pairs)
    o.pairs = pairs
    return o


def no_constant(name):
    # Python's json accepts NaN and Infinity; JSON (and the loader) do not.
    raise ValueError("%s is not JSON" % name)


def load_json(path):
    """Returns (document, None) or (None, reason).  Reads bytes so that invalid
    UTF-8 is reported as such rather than raised."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        return None, "cannot read: %s" % e.strerror
    try:
        # utf-8-sig: the loader (cJSON) skips a byte order mark, so do we.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return None, "byte %d: invalid UTF-8" % e.start
    try:
        return json.loads(text, object_pairs_hook=obj_hook, parse_constant=no_constant), None
    except json.JSONDecodeError as e:
        return None, "%d:%d: invalid JSON: %s" % (e.lineno, e.colno, e.msg)
    except ValueError as e:
        return None, "invalid JSON: %s" % e
    except RecursionError:
        return None, "JSON nested too deeply for Python's parser"


def duplicate_members(doc):
    """The loader refuses a member name twice in one object anywhere (duplicate
    keys, which JSON Schema cannot see: it gets only the last)."""
    lines, stack = [], [(doc, [])]
    while stack:
        v, path = stack.pop()
        if isinstance(v, Obj):
            seen = set()
            for k, c in v.pairs:
                if k in seen:
                    lines.append("%s: duplicate member %s" % (pointer(path), k))
                seen.add(k)
                stack.append((c, path + [k]))
        elif isinstance(v, list):
            stack.extend((c, path + [i]) for i, c in enumerate(v))
    return sorted(lines)


JSON_TYPES = [(dict, "an object"), (list, "an array"), (str, "a string"), (bool, "a boolean"),
              ((int, float), "a number"), (type(None), "null")]


def json_type(v):
    return next(name for t, name in JSON_TYPES if isinstance(v, t))


def describe(e):
    """(pointer, message) of one error, worded like the loader where it can be
    and never quoting a whole subtree."""
    path = list(e.absolute_path)
    if "propertyNames" in e.absolute_schema_path:
        path.append(e.instance)              # name the offending key itself
    if e.validator == "type":
        want = e.validator_value if isinstance(e.validator_value, list) else [e.validator_value]
        names = {"object": "an object", "array": "an array", "string": "a string", "number": "a number",
                 "integer": "an integer", "boolean": "a boolean", "null": "null"}
        msg = "expected %s, found %s" % (" or ".join(names[w] for w in want), json_type(e.instance))
    else:
        msg = e.message
    if len(msg) > 300:
        msg = msg[:300] + "..."
    return pointer(path), msg


def max_depth(doc):
    """Nesting depth counted as the loader (cJSON) counts it: the root object is 1."""
    deepest, stack = 0, [(doc, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, (dict, list)):
            deepest = max(deepest, d)
            stack.extend((c, d + 1) for c in (v.values() if isinstance(v, dict) else v))
    return deepest


def errors_of(validator, doc):
    """The validation errors, in document order, as 'POINTER: message' lines."""
    if max_depth(doc) > MAX_DEPTH:
        return ["JSON nested deeper than %d levels (auditor/ca_limits.h CA_MAX_JSON_DEPTH)" % MAX_DEPTH]
    lines = []
    for e in validator.iter_errors(doc):
        # Report the most specific cause of an anyOf/oneOf failure.
        lines.append("%s: %s" % describe(jsonschema.exceptions.best_match([e]) if e.context else e))
    return sorted(set(lines)) + duplicate_members(doc)


def make_validator(cls, schema, others):
    """The validator, with the schemas others ($id -> schema) resolvable: through
    the referencing library (jsonschema 4.18 and later) or RefResolver (Debian
    12's 4.10)."""
    if not others:
        return cls(schema, format_checker=cls.FORMAT_CHECKER)
    try:
        import referencing
        import referencing.jsonschema
        registry = referencing.Registry().with_resources(
            [(uri, referencing.Resource.from_contents(doc, default_specification=referencing.jsonschema.DRAFT202012))
             for uri, doc in others.items()])
        return cls(schema, format_checker=cls.FORMAT_CHECKER, registry=registry)
    except ImportError:
        # 4.10 joins "#/..." to a "urn:" base with urllib, which keeps only the
        # fragment, so a referred schema's own "#/$defs/x" would be looked up in
        # the referring one: make those references absolute (the same targets).
        def absolute(v, uri):
            if isinstance(v, dict):
                return {k: (uri + x if k == "$ref" and isinstance(x, str) and x.startswith("#") else absolute(x, uri))
                        for k, x in v.items()}
            return [absolute(x, uri) for x in v] if isinstance(v, list) else v
        resolver = jsonschema.RefResolver.from_schema(
            schema, store={uri: absolute(doc, uri) for uri, doc in others.items()})
        return cls(schema, format_checker=cls.FORMAT_CHECKER, resolver=resolver)


def main(argv):
    # Python's parser recurses once per level; the loader allows 1000 levels.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20 * MAX_DEPTH))
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        sys.stderr.write(__doc__)
        return 2
    schema_path, rest = argv[1], argv[2:]
    valid, invalid, refs = [], [], []
    target = valid
    it = iter(rest)
    for a in it:
        if a == "--invalid":
            target = invalid
        elif a == "--ref":
            refs.append(next(it, None))
            if refs[-1] is None:
                sys.stderr.write("schema_check.py: --ref needs a schema\n")
                return 2
        else:
            target.append(a)
    if not valid and not invalid:
        sys.stderr.write("schema_check.py: no files to check\n")
        return 2

    schema, why = load_json(schema_path)
    if why:
        sys.stderr.write("%s: %s\n" % (schema_path, why))
        return 2
    cls = jsonschema.Draft202012Validator
    others = {}
    for path in [schema_path] + refs:
        doc, why = (schema, None) if path is schema_path else load_json(path)
        if why:
            sys.stderr.write("%s: %s\n" % (path, why))
            return 2
        try:
            cls.check_schema(doc)
        except jsonschema.exceptions.SchemaError as e:
            sys.stderr.write("%s: not a valid 2020-12 schema: %s: %s\n" % (path, pointer(e.absolute_path), e.message))
            return 2
        if path is not schema_path:
            others[doc.get("$id", path)] = doc
    validator = make_validator(cls, schema, others)

    failed = 0
    for path, want_valid in [(p, True) for p in valid] + [(p, False) for p in invalid]:
        doc, why = load_json(path)
        lines = ["%s" % why] if why else errors_of(validator, doc)
        if want_valid and lines:
            failed += 1
            for line in lines:
                print("%s: %s" % (path, line))
            print("FAIL %s: does not validate (%d error%s)" % (path, len(lines), "" if len(lines) == 1 else "s"))
        elif want_valid:
            print("ok   %s: valid" % path)
        elif not lines:
            failed += 1
            print("FAIL %s: validates, but it is listed after --invalid" % path)
        else:
            for line in lines:
                print("%s: %s" % (path, line))
            print("ok   %s: invalid, as expected" % path)
    print("%d file%s checked, %d unexpected" % (len(valid) + len(invalid), "" if len(valid) + len(invalid) == 1 else "s", failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
