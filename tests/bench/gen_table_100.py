#!/usr/bin/env python3
"""Generate the benchmark's 100-rule, 6-input decision table and its stream of facts.

Deterministic (its own splitmix64 generator, no `random`), so every engine measured by
tests/bench/run evaluates exactly the same rules against exactly the same facts:

  table_100.rules.json  the rules for json-rules-engine (one rule per row, event = the offer)
  table_100.table       the same rules in libsvcrecover's decision-table text format (collect)
  facts_100.json        the facts: a JSON array of objects, money as {"amount_minor", "currency"}

Inputs: severity (integer 1-5), tier (basic/silver/gold/platinum), price (EUR money),
delay_hours (number), channel (email/phone/chat/web/social), repeat (boolean). Each rule tests
two to four of them with ranges, comparisons, lists, negated lists or a boolean; the others are
"any". The generated set matches about 17 rules per evaluation on average (printed with --stats).

Usage: gen_table_100.py [--out DIR] [--check] [--stats]
  --out DIR  where to write (default: tests/data/bench beside this script's tree)
  --check    do not write; exit 1 if the files in DIR differ from what would be written
"""
import argparse
import json
import os
import sys

RULES = 100
FACTS = 1000
SEED = 0x5EC0FFEE
TIERS = ["basic", "silver", "gold", "platinum"]
TIER_WEIGHTS = [40, 30, 20, 10]
CHANNELS = ["email", "phone", "chat", "web", "social"]
CURRENCY = "EUR"
PRICE_MIN, PRICE_MAX = 500, 200000  # minor units: EUR 5.00 .. EUR 2000.00
DELAY_MAX = 168  # hours
KINDS = ["apology_only", "voucher", "gift_card", "credit", "partial_refund", "refund", "upgrade"]
APPROVALS = ["agent", "supervisor", "manager"]
COLUMNS = ["severity", "tier", "price", "delay_hours", "channel", "repeat"]


class SplitMix64:
    """The splitmix64 generator (Steele, Lea, Flood 2014); stable across Python versions."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFFFFFFFFFF

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n

    def between(self, lo, hi):
        """An integer in [lo, hi]."""
        return lo + self.below(hi - lo + 1)

    def weighted(self, items, weights):
        r = self.below(sum(weights))
        for item, w in zip(items, weights):
            if r < w:
                return item
            r -= w
        raise AssertionError("unreachable")

    def sample(self, items, k):
        pool = list(items)
        out = []
        for _ in range(k):
            out.append(pool.pop(self.below(len(pool))))
        return out


# A test is a tuple:
#   ("range", lo, hi, lo_closed, hi_closed)   numbers and money (money bounds in minor units)
#   ("cmp", op, value)                         op in < <= > >=
#   ("in", [values]) / ("not_in", [values])    strings
#   ("is", bool)                               booleans


def gen_test(rng, column):
    if column == "severity":
        if rng.below(2):
            lo = rng.between(1, 4)
            return ("range", lo, rng.between(lo, 5), True, True)
        return ("cmp", ">=", rng.between(2, 4))
    if column == "tier":
        if rng.below(3) == 0:
            return ("not_in", rng.sample(TIERS, 1))
        return ("in", sorted(rng.sample(TIERS, rng.between(1, 3)), key=TIERS.index))
    if column == "price":
        # bounds on whole euros so the text format stays readable
        a = rng.between(PRICE_MIN // 100, PRICE_MAX // 100) * 100
        b = rng.between(PRICE_MIN // 100, PRICE_MAX // 100) * 100
        lo, hi = min(a, b), max(a, b)
        shape = rng.below(3)
        if shape == 0:
            return ("range", lo, hi, True, False)
        return ("cmp", ">=" if shape == 1 else "<", lo if shape == 1 else hi)
    if column == "delay_hours":
        shape = rng.below(3)
        if shape == 0:
            lo = rng.between(0, DELAY_MAX - 24)
            return ("range", lo, rng.between(lo + 12, DELAY_MAX), False, True)
        if shape == 1:
            return ("cmp", ">", rng.between(4, 72))
        return ("cmp", "<=", rng.between(24, 120))
    if column == "channel":
        if rng.below(2):
            return ("not_in", rng.sample(CHANNELS, rng.between(1, 2)))
        return ("in", sorted(rng.sample(CHANNELS, rng.between(2, 4)), key=CHANNELS.index))
    if column == "repeat":
        return ("is", rng.below(2) == 0)
    raise AssertionError(column)


def gen_rules(rng):
    rules = []
    for i in range(RULES):
        columns = sorted(rng.sample(COLUMNS, rng.between(2, 4)), key=COLUMNS.index)
        tests = {c: gen_test(rng, c) for c in columns}
        kind = KINDS[rng.below(len(KINDS))]
        output = {"kind": kind, "approval": APPROVALS[rng.below(len(APPROVALS))]}
        if kind in ("voucher", "gift_card", "credit"):
            output["amount_minor"] = rng.between(1, 20) * 500
        elif kind == "partial_refund":
            output["percent"] = rng.between(1, 9) * 10
        rules.append({"id": f"r{i + 1:03d}", "tests": tests, "output": output})
    return rules


def gen_facts(rng):
    facts = []
    for _ in range(FACTS):
        facts.append({
            "severity": rng.between(1, 5),
            "tier": rng.weighted(TIERS, TIER_WEIGHTS),
            "price": {"amount_minor": rng.between(PRICE_MIN, PRICE_MAX), "currency": CURRENCY},
            "delay_hours": rng.between(0, DELAY_MAX),
            "channel": CHANNELS[rng.below(len(CHANNELS))],
            "repeat": rng.below(4) == 0,
        })
    return facts


def value_of(fact):
    return fact["amount_minor"] if isinstance(fact, dict) else fact


def passes(test, value):
    kind = test[0]
    if kind == "range":
        _, lo, hi, lo_closed, hi_closed = test
        above = value >= lo if lo_closed else value > lo
        below = value <= hi if hi_closed else value < hi
        return above and below
    if kind == "cmp":
        _, op, v = test
        return {"<": value < v, "<=": value <= v, ">": value > v, ">=": value >= v}[op]
    if kind == "in":
        return value in test[1]
    if kind == "not_in":
        return value not in test[1]
    if kind == "is":
        return value is test[1]
    raise AssertionError(kind)


def matching(rules, fact):
    """The ids of the rules that match, in table order: the reference answer for every engine."""
    return [r["id"] for r in rules
            if all(passes(t, value_of(fact[c])) for c, t in r["tests"].items())]


# json-rules-engine: a rule is {conditions: {all: [...]}, event: {type, params}}; price is given
# to it as a number of minor units (it has no money type).
JRE_CMP = {"<": "lessThan", "<=": "lessThanInclusive", ">": "greaterThan",
           ">=": "greaterThanInclusive"}


def jre_conditions(column, test):
    kind = test[0]
    if kind == "range":
        _, lo, hi, lo_closed, hi_closed = test
        return [{"fact": column, "operator": JRE_CMP[">=" if lo_closed else ">"], "value": lo},
                {"fact": column, "operator": JRE_CMP["<=" if hi_closed else "<"], "value": hi}]
    if kind == "cmp":
        return [{"fact": column, "operator": JRE_CMP[test[1]], "value": test[2]}]
    if kind == "in":
        return [{"fact": column, "operator": "in", "value": test[1]}]
    if kind == "not_in":
        return [{"fact": column, "operator": "notIn", "value": test[1]}]
    if kind == "is":
        return [{"fact": column, "operator": "equal", "value": test[1]}]
    raise AssertionError(kind)


def jre_rules(rules):
    out = []
    for r in rules:
        conditions = [c for col, t in r["tests"].items() for c in jre_conditions(col, t)]
        out.append({"name": r["id"], "conditions": {"all": conditions},
                    "event": {"type": "offer", "params": dict(rule=r["id"], **r["output"])}})
    return out


# libsvcrecover's text format (README, "Decision tables"): a pipe table, inputs before `||`.
TEXT_TYPES = {"severity": "number", "tier": "string", "price": "money",
              "delay_hours": "number", "channel": "string", "repeat": "boolean"}


def text_value(column, v):
    return f"{v // 100}.{v % 100:02d} {CURRENCY}" if column == "price" else str(v)


def text_test(column, test):
    if test is None:
        return "-"
    kind = test[0]
    if kind == "range":
        _, lo, hi, lo_closed, hi_closed = test
        return (("[" if lo_closed else "(") + text_value(column, lo) + ".."
                + text_value(column, hi) + ("]" if hi_closed else ")"))
    if kind == "cmp":
        return f"{test[1]} {text_value(column, test[2])}"
    if kind == "in":
        return ", ".join(f'"{v}"' for v in test[1])
    if kind == "not_in":
        return "not(" + ", ".join(f'"{v}"' for v in test[1]) + ")"
    if kind == "is":
        return "true" if test[1] else "false"
    raise AssertionError(kind)


def text_amount(output):
    if "amount_minor" in output:
        return text_value("price", output["amount_minor"])
    if "percent" in output:
        return f"{output['percent']}% of price"
    return "100% of price" if output["kind"] == "refund" else "-"


def text_table(rules):
    header = (["rule"] + [f"{c}: {TEXT_TYPES[c]}" for c in COLUMNS], ["kind", "amount", "approval"])
    rows = [([r["id"]] + [text_test(c, r["tests"].get(c)) for c in COLUMNS],
             [r["output"]["kind"], text_amount(r["output"]), r["output"]["approval"]])
            for r in rules]
    widths = [max(len(row[0][i]) for row in [header] + rows) for i in range(len(header[0]))]
    out_widths = [max(len(row[1][i]) for row in [header] + rows) for i in range(3)]

    def line(inputs, outputs):
        return ("| " + " | ".join(v.ljust(w) for v, w in zip(inputs, widths)) + " || "
                + " | ".join(v.ljust(w) for v, w in zip(outputs, out_widths)) + " |")

    rule_line = ("|" + "|".join("-" * (w + 2) for w in widths) + "||"
                 + "|".join("-" * (w + 2) for w in out_widths) + "|")
    return ("# The benchmark's 100-rule, 6-input table, hit policy collect: every matching rule\n"
            "# is an offer. Made by tests/bench/gen_table_100.py; do not edit (rerun it instead).\n"
            "table bench-100\nhit-policy collect\nrounding half-up\n\n"
            + line(*header) + "\n" + rule_line + "\n"
            + "\n".join(line(*row) for row in rows) + "\n")


def dump_json(obj):
    return json.dumps(obj, indent=1, sort_keys=False) + "\n"


def facts_json(facts):
    # one fact set per line: diff-friendly, and easy for any reader
    return "[\n" + ",\n".join(json.dumps(f, separators=(",", ":")) for f in facts) + "\n]\n"


def outputs(rules, facts):
    return {
        "table_100.rules.json": dump_json(jre_rules(rules)),
        "table_100.table": text_table(rules),
        "facts_100.json": facts_json(facts),
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(here, "..", "data", "bench"))
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--stats", action="store_true")
    args = parser.parse_args()

    rng = SplitMix64(SEED)
    rules = gen_rules(rng)
    facts = gen_facts(rng)
    files = outputs(rules, facts)

    if args.stats:
        counts = [len(matching(rules, f)) for f in facts]
        print(f"rules {len(rules)}, fact sets {len(facts)}, "
              f"mean matching rules {sum(counts) / len(counts):.2f}, "
              f"min {min(counts)}, max {max(counts)}")

    stale = []
    for name, text in files.items():
        path = os.path.join(args.out, name)
        if args.check:
            try:
                with open(path, encoding="utf-8") as f:
                    if f.read() != text:
                        stale.append(name)
            except FileNotFoundError:
                stale.append(name)
        else:
            os.makedirs(args.out, exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    if stale:
        print(f"gen_table_100.py: out of date in {args.out}: {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
