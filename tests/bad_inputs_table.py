#!/usr/bin/env python3
"""Write or check docs/bad-inputs.md from the rows of tests/test_public_bad_inputs_*.c.

Each row of the table is a BAD, BAD_RETURNS or BAD_IGNORED macro call in those tests (see
tests/bad_inputs/bad_inputs.h), so the table says exactly what the tests assert. The script also
fails when a function declared SVCR_EXTERN in include/svcrecover/*.h has no row.

    tests/bad_inputs_table.py SOURCE_ROOT            rewrite SOURCE_ROOT/docs/bad-inputs.md
    tests/bad_inputs_table.py --check SOURCE_ROOT    fail if it is out of date or incomplete
"""
import glob
import os
import re
import sys

MACROS = ("BAD_RETURNS", "BAD_IGNORED", "BAD")
DESK_MARKER = "<!-- desk bad inputs:"
ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "0": "\0"}


def split_arguments(text, start):
    """The top-level arguments of the call whose '(' is at text[start]; and the end index."""
    args, depth, current, i = [], 0, [], start
    while i < len(text):
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while text[j] != c:
                j += 2 if text[j] == "\\" else 1
            current.append(text[i:j + 1])
            i = j + 1
            continue
        if c == "/" and text[i:i + 2] == "/*":
            i = text.index("*/", i) + 2
            continue
        if c == "/" and text[i:i + 2] == "//":
            i = text.index("\n", i)
            continue
        if c in "([{":
            depth += 1
            if depth > 1:
                current.append(c)
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append("".join(current).strip())
                return args, i + 1
            current.append(c)
        elif c == "," and depth == 1:
            args.append("".join(current).strip())
            current = []
        else:
            current.append(c)
        i += 1
    raise ValueError("unterminated macro call")


def string_literal(arg, where):
    """The value of one or more adjacent C string literals."""
    pieces = re.findall(r'"((?:[^"\\]|\\.)*)"', arg)
    if not pieces or re.sub(r'"((?:[^"\\]|\\.)*)"', "", arg).strip():
        raise ValueError("%s: expected a string literal, got %s" % (where, arg))
    return "".join(re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), p) for p in pieces)


def rows_of(path):
    text = open(path, encoding="utf-8").read()
    # Skip the macro definitions in comments: only calls in code count.
    pattern = re.compile(r"\b(%s)\s*\(" % "|".join(MACROS))
    rows, pos = [], 0
    while True:
        m = pattern.search(text, pos)
        if not m:
            return rows
        line = text.count("\n", 0, m.start()) + 1
        where = "%s:%d" % (os.path.basename(path), line)
        args, pos = split_arguments(text, m.end() - 1)
        macro = m.group(1)
        if macro == "BAD":
            function, given, status, names = (string_literal(args[0], where), string_literal(args[1], where),
                                              args[2], string_literal(args[3], where))
            result = "`%s`" % status
        elif macro == "BAD_RETURNS":
            function, given, returns, names = (string_literal(args[0], where), string_literal(args[1], where),
                                               string_literal(args[2], where), string_literal(args[3], where))
            result = "returns %s" % returns
        else:
            function, given = string_literal(args[0], where), string_literal(args[1], where)
            result, names = "nothing happens", ""
        rows.append((function, given, result, names))


# Headers in the modules' dependency order, each depending only on those before it.
HEADER_ORDER = ["base.h", "calendar.h", "taxonomy.h", "workflow.h", "case.h", "agenda.h", "phrase.h", "atone.h", "dmn.h", "insight.h",
                "maturity.h"]


def public_functions(root):
    """(header, function) for each SVCR_EXTERN function, headers in HEADER_ORDER then by name."""
    headers = sorted(glob.glob(os.path.join(root, "include", "svcrecover", "*.h")),
                     key=lambda h: (HEADER_ORDER.index(os.path.basename(h)) if os.path.basename(h) in HEADER_ORDER
                                    else len(HEADER_ORDER), os.path.basename(h)))
    names = []
    for header in headers:
        text = open(header, encoding="utf-8").read()
        for m in re.finditer(r"^SVCR_EXTERN\b[^;(]*?\b(svcr_\w+)\s*\(", text, re.M):
            names.append((os.path.basename(header), m.group(1)))
    return names


def null_arguments(root):
    """(function, parameter) for each pointer parameter whose documentation does not allow NULL.

    A parameter allows NULL when its @param text mentions NULL other than in "not NULL" (e.g.
    "or NULL for the defaults", "may be NULL", "NULL or \"\" for none")."""
    pairs = []
    for header in glob.glob(os.path.join(root, "include", "svcrecover", "*.h")):
        text = open(header, encoding="utf-8").read()
        for m in re.finditer(r"/\*\*((?:(?!\*/).)*)\*/\s*SVCR_EXTERN\b[^;(]*?\b(svcr_\w+)\s*\(([^)]*)\)", text, re.S):
            doc, function, params = m.group(1), m.group(2), m.group(3)
            if function.endswith("_free") or params.strip() == "void":
                continue
            for param in params.split(","):
                if "*" not in param:
                    continue
                name = re.findall(r"(\w+)\s*$", param)[0]
                described = re.search(r"@param\s+%s\b(.*?)(?=@param|@return|$)" % name, doc, re.S)
                words = described.group(1) if described else ""
                if "NULL" in words.replace("not NULL", ""):
                    continue
                pairs.append((function, name))
    return pairs


def cell(text):
    return text.replace("|", "\\|").replace("\n", " ")


def code(text):
    if not text:
        return ""
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return "%s%s%s%s%s" % (fence, pad, cell(text), pad, fence)


def render(root):
    rows = []
    for path in sorted(glob.glob(os.path.join(root, "tests", "test_public_bad_inputs_*.c"))):
        rows.extend(rows_of(path))
    by_function = {}
    for row in rows:
        by_function.setdefault(row[0], []).append(row)
    functions = public_functions(root)
    declared = {name for _, name in functions}
    unknown = sorted(set(by_function) - declared)
    missing = [name for _, name in functions if name not in by_function]
    problems = ["row for %s, which no public header declares" % name for name in unknown]
    problems += ["no row for %s" % name for name in missing]
    for function, name in null_arguments(root):
        given = [g for _, g, _, _ in by_function.get(function, [])]
        if not any(g == "NULL " + name or g.startswith("NULL %s " % name) for g in given):
            problems.append("no row for %s with NULL %s" % (function, name))
    out = ["# Bad inputs of the public API", "",
           "<!-- Generated by tests/bad_inputs_table.py from tests/test_public_bad_inputs_*.c: do not edit. -->", "",
           "Every public entry point of `include/svcrecover/*.h`, the bad inputs the tests give it, and",
           "what the caller gets back. Each row is one assertion of a `tests/test_public_bad_inputs_*.c`",
           "test, which also checks that `svcr_error_status()` equals the status, that",
           "`svcr_error_message()` contains the text in the last column, and that the objects involved",
           "(and the out-parameters) are unchanged by the refused call. `meson test --suite docs` fails",
           "when this file is out of date, when a public function has no row, or when a pointer argument",
           "that its documentation does not allow to be NULL has no NULL row.", "",
           "%d rows for %d of %d public functions." % (len(rows), len(declared & set(by_function)), len(declared)),
           ""]
    header = None
    for header_name, name in functions:
        if name not in by_function:
            continue
        if header_name != header:
            if header is not None:
                out.append("")
            header = header_name
            out += ["## svcrecover/%s" % header, "", "| entry point | bad input | result | message names |",
                    "|---|---|---|---|"]
        for function, given, result, names in by_function[name]:
            out.append("| `%s` | %s | %s | %s |" % (function, cell(given), result, code(names)))
    return "\n".join(out).rstrip("\n") + "\n", problems


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    root = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    # Only this project's tree is written: "--help" or a stray path once made a "--help/docs" tree.
    if len(args) > 1 or any(a.startswith("-") for a in args) or \
            not os.path.isdir(os.path.join(root, "include", "svcrecover")):
        print(__doc__, file=sys.stderr)
        return 2
    text, problems = render(root)
    target = os.path.join(root, "docs", "bad-inputs.md")
    current = open(target, encoding="utf-8").read() if os.path.exists(target) else ""
    # The desk's section, from its marker on, is written by tests/desk/test_bad_inputs.py: keep it.
    desk = current.find(DESK_MARKER)
    if desk >= 0:
        text += "\n" + current[desk:]
    for p in problems:
        print("bad_inputs_table: %s" % p, file=sys.stderr)
    if check:
        if current != text:
            print("bad_inputs_table: %s is out of date; run tests/bad_inputs_table.py" % target, file=sys.stderr)
            return 1
        return 1 if problems else 0
    with open(target, "w", encoding="utf-8") as f:
        f.write(text)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
