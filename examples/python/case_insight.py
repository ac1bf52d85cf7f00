#!/usr/bin/env python3
"""What the cases tell you: read recovery cases as JSON lines and report insight figures.

Usage: case_insight.py [--workflow WORKFLOW.json]... [--owner CAUSE=OWNER]...
                       [--json | --csv pareto|causes] [CASES.jsonl]

Each line is a case as `svcr-desk export` writes it ({"customer", "tier", "severity", "price",
"case": {...}}) or as Case.to_json() writes it (standard input without a file); the case's
"workflow" names a built-in workflow or one given with --workflow. For an exported line the
desk's customer and severity (1-2 minor, 3-5 major) count, as in the desk's report
(svcrecover.export). By default prints a summary: recovery
rate, times, the root-cause Pareto with the process owners to notify, and the maturity criteria
the figures answer. --json prints every figure (the same JSON as the C example
build/examples/insight), --csv a Pareto or per-cause table. Bad input exits 2 naming the line.
"""

import argparse
import json
import sys
from typing import List

import svcrecover
from svcrecover import export, maturity


def parse_arguments(argv: List[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workflow", action="append", default=[], metavar="WORKFLOW.json")
    parser.add_argument("--owner", action="append", default=[], metavar="CAUSE=OWNER")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true")
    output.add_argument("--csv", choices=["pareto", "causes"])
    # Bytes, decoded line by line: a line that is not UTF-8 is reported with its number.
    parser.add_argument("cases", nargs="?", type=argparse.FileType("rb"), default=sys.stdin.buffer)
    return parser.parse_args(argv)


def summary(insight: svcrecover.Insight) -> None:
    metrics = insight.metrics
    recovery = metrics["recovery_rate"]
    print(f"{len(insight)} cases; recovered {recovery.numerator} of {recovery.denominator} followed up "
          f"({recovery.value:.0%})")
    for which in ("first_response", "resolution"):
        t = insight.times(which)
        if t.count:
            print(f"time to {which.replace('_', ' ')}: median {t.p50 / 3600:.1f} h, 90% within {t.p90 / 3600:.1f} h "
                  f"({t.count} cases)")
    print("root causes (vital few marked *):")
    for cause in insight.pareto():
        owner = f" -> notify {cause.owner}" if cause.owner else ""
        print(f"  {'*' if cause.vital_few else ' '} {cause.cause}: {cause.cases} ({cause.cumulative_share:.0%} "
              f"cumulative){owner}")
    # The rates answer maturity criteria: score them alone to see what the data already shows.
    answers = maturity.Answers()
    metric_map = maturity.MetricMap.builtin()
    answered = [m.name for m in metrics.values() if m.denominator and answers.set_metric(metric_map, m.name, m.value)]
    print(f"rates that answer maturity criteria: {', '.join(answered) or 'none'}")


def main(argv: List[str]) -> int:
    args = parse_arguments(argv)
    try:
        workflows = export.Workflows.from_files(args.workflow)
    except (OSError, ValueError, svcrecover.Error) as e:  # ValueError: a file that is not UTF-8
        print(f"case_insight: {e}", file=sys.stderr)
        return 2
    with svcrecover.Insight() as insight:
        for owner in args.owner:
            cause, _, name = owner.partition("=")
            insight.set_owner(cause, name)
        try:
            export.add_lines(insight, args.cases, workflows, path=args.cases.name)
        except export.CaseLineError as e:
            print(f"case_insight: line {e.number}: {e.reason}", file=sys.stderr)
            return 2
        if args.json:
            print(insight.to_json())
        elif args.csv == "pareto":
            sys.stdout.write(insight.pareto_csv())
        elif args.csv == "causes":
            sys.stdout.write(insight.causes_csv())
        else:
            summary(insight)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
