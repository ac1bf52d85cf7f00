#!/usr/bin/env python3
"""tests/bench/report.py on made-up bench outputs: the ratio lines are printed, a figure that is
missing is reported as "not available" (never replaced by another baseline or peer), and the
goals are checked against issue 15's targets."""
import os
import subprocess
import sys
import tempfile

REPORT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "report.py")

OUTPUTS = {
    "c-case.txt": "figure case_transitions_per_s: 18300000 transitions/s\n"
                  "figure baseline_same_work_transitions_per_s: 30000000 transitions/s\n"
                  "figure case_bytes_new_case_without_id: 72 bytes\n",
    # the flat scan (the first baseline) is missing: the condition-list scan must not stand in
    "c-table.txt": "figure table_evaluations_per_s: 3800000 evaluations/s\n"
                   "figure baseline_scan_evaluations_per_s: 775000 evaluations/s\n",
    "c-insight.txt": "figure insight_cases_per_s: 4000000 cases/s\n",
}


def main():
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, text in OUTPUTS.items():
            paths.append(os.path.join(tmp, name))
            with open(paths[-1], "w", encoding="utf-8") as f:
                f.write(text)
        out = subprocess.run([sys.executable, REPORT, "--results", os.path.join(tmp, "RESULTS.md"),
                              "--build", tmp] + paths, check=True, capture_output=True, text=True).stdout
    lines = out.splitlines()
    expected = ["ratio lifecycle_vs_plain_c: 0.61", "ratio table_vs_plain_c_scan: not available",
                "ratio transitions_vs_xstate: not available"]
    failures = [f"missing line {e!r}" for e in expected if e not in lines]
    table_row = next((l for l in lines if l.startswith("| decision table evaluations/s, 100 rules")), "")
    if "baseline_scan_flat_evaluations_per_s: not available" not in table_row:
        failures.append("the missing flat-scan baseline is not reported as missing: " + table_row)
    if "4.9" in table_row or "ours / plain C >= 1.5 (met)" in table_row:
        failures.append("another baseline stood in for the missing one: " + table_row)
    goals = {"insight: cases folded in per second": ">= 5 M cases/s on one core (missed)",
             "bytes per just-opened case": "<= 96 B beyond its id (met)"}
    for row, goal in goals.items():
        if not any(l.startswith("| " + row) and goal in l for l in lines):
            failures.append(f"row {row!r} lacks goal {goal!r}")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
