#!/usr/bin/env python3
"""Turn the benchmarks' outputs into the comparison table, the ratio lines and RESULTS.md.

Called by tests/bench/run with one output file per bench (named <label>.txt). A bench's figures
are lines `figure <name>: <number> <unit>`; a line `unavailable: <reason>` marks a bench that
could not run. Prints the table, then one `ratio <name>: <number>` line per comparison (ours
divided by the peer's best path; higher is better), and writes the same to --results.
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys

FIGURE = re.compile(r"^figure\s+([A-Za-z0-9_.-]+):\s+(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)\s*(.*)$")

# Each comparison row names exactly the figures it compares, and only figures of the same work:
# "ours" is one figure; "peer" the figures of a peer doing the same work (the best is kept: they
# are the same work by different APIs); "plain" the plain-C baselines doing the same work (the
# ratio is taken with the first). A figure that is missing is reported missing, never replaced
# by another. A row without a like peer (apply alone: every peer measures the whole lifecycle)
# shows why in its peer column ("peer_note"). "goal" checks our own figure; "peer_goal" and "plain_goal" check the
# ratios (issue 15's targets). "ratio" and "plain_ratio" name the ratio lines.
ROWS = [
    {"what": "case transitions/s, five-step, guards + log, whole case lifecycle (C)",
     "ours": "case_transitions_per_s",
     "peer": ["xstate_pure_transitions_per_s", "xstate_actor_transitions_per_s"],
     "plain": ["baseline_same_work_transitions_per_s"],
     "peer_goal": 120, "plain_goal": 0.6,
     "ratio": "transitions_vs_xstate", "plain_ratio": "lifecycle_vs_plain_c"},
    {"what": "case transitions/s, svcr_case_apply alone (C)",
     "ours": "case_apply_transitions_per_s",
     "peer_note": "no like peer (each measures the whole lifecycle)",
     "plain": ["baseline_apply_transitions_per_s"]},
    {"what": "case transitions/s through the Python bindings, whole case lifecycle",
     "ours": "python_transitions_per_s",
     "peer": ["pytransitions_fastest_transitions_per_s", "pytransitions_shared_transitions_per_s"],
     "peer_goal": 10, "ratio": "transitions_python_vs_pytransitions"},
    {"what": "case transitions/s, case.apply() alone (Python)",
     "ours": "python_apply_transitions_per_s",
     "peer_note": "no like peer (each measures the whole lifecycle)"},
    {"what": "decision table evaluations/s, 100 rules, 6 inputs, collect-all, every offer read",
     "ours": "table_evaluations_per_s",
     "peer": ["json_rules_engine_evaluations_per_s"],
     "plain": ["baseline_scan_flat_evaluations_per_s", "baseline_scan_evaluations_per_s"],
     "peer_goal": 2500, "plain_goal": 1.5,
     "ratio": "table_vs_json_rules_engine", "plain_ratio": "table_vs_plain_c_scan"},
    {"what": "decision table evaluations/s, facts set beforehand, every offer read",
     "ours": "table_eval_only_evaluations_per_s",
     "peer_note": "no like peer (json-rules-engine is given its facts each run)"},
    {"what": "bytes per just-opened case beyond its id (no facts set, no log)",
     "ours": "case_bytes_new_case_without_id",
     "goal": ("<=", 96, "<= 96 B beyond its id")},
    {"what": "bytes per open case with id and four facts (no log)",
     "ours": "case_bytes_per_open_case"},
    {"what": "case JSON encode/s (with log)", "ours": "case_json_encode_per_s"},
    {"what": "case JSON decode/s (with log)", "ours": "case_json_decode_per_s"},
    {"what": "agenda next-due query at 10 M entries", "ours": "agenda_next_due_ns",
     "goal": ("<=", 1250, "about 1 us")},
    {"what": "agenda insert at 10 M entries", "ours": "agenda_insert_ns",
     "goal": ("<=", 1250, "about 1 us")},
    {"what": "agenda take next due + re-arm at 10 M entries", "ours": "agenda_next_rearm_ns"},
    {"what": "agenda memory per entry", "ours": "agenda_bytes_per_entry"},
    {"what": "insight + maturity over 10 M synthetic cases (wall clock)",
     "ours": "insight_maturity_seconds",
     "goal": ("<=", 1.25, "about 1 s")},
    {"what": "insight: cases folded in per second (one thread)", "ours": "insight_cases_per_s",
     "goal": (">=", 5e6, ">= 5 M cases/s on one core")},
    {"what": "insight over JSON-lines case files, one process (cases/s, wall clock)",
     "ours": "dask_single_process_cases_per_s"},
    {"what": "insight on Dask, 1 worker process (cases/s, wall clock)", "ours": "dask_1_worker_cases_per_s"},
    {"what": "insight on Dask, 2 worker processes (cases/s, wall clock)", "ours": "dask_2_workers_cases_per_s"},
    {"what": "insight on Dask: 2 workers / 1 worker", "ours": "dask_speedup_2_vs_1_workers",
     "goal": (">=", 1.7, "1.7x")},
    {"what": "insight from JSON lines: cases/s per second of one worker's CPU",
     "ours": "dask_cpu_cases_per_s_per_worker"},
    {"what": "insight from JSON lines: parse (line, JSON, case decode) per case", "ours": "dask_parse_us_per_case"},
    {"what": "insight from JSON lines: fold per case", "ours": "dask_fold_us_per_case"},
    {"what": "insight on Dask: state encode + decode + merge of the partials", "ours": "dask_merge_ms"},
    {"what": "svcr-desk serve: GET /v1/cases/{id} on SQLite, 16 clients (bench_http)",
     "ours": "http_read_requests", "goal": (">=", 10000, ">= 10,000 requests/s")},
    {"what": "svcr-desk serve: GET /v1/cases/{id} p99", "ours": "http_read_p99"},
    {"what": "svcr-desk serve: POST /v1/cases/{id}/events on SQLite, 16 clients",
     "ours": "http_write_requests", "goal": (">=", 2000, ">= 2,000 requests/s")},
    {"what": "svcr-desk serve: POST /v1/cases/{id}/events p99", "ours": "http_write_p99"},
    {"what": "decision table compile, 20,000-rule unique table of adjacent ranges (processor time)",
     "ours": "table_compile_20000_rules_cpu_s"},
    {"what": "decision table compile, 40,000 rules (processor time)",
     "ours": "table_compile_40000_rules_cpu_s"},
    {"what": "decision table compile, 100,000 rules (processor time)",
     "ours": "table_compile_100000_rules_cpu_s", "goal": ("<=", 1, "<= 1 s")},
    {"what": "decision table compile, 100,000 rules (wall clock)",
     "ours": "table_compile_100000_rules_s"},
    {"what": "decision table compile, 20,000 rules: the most bytes the library held",
     "ours": "table_compile_20000_rules_peak_bytes"},
    {"what": "decision table compile, 40,000 rules: the most bytes the library held",
     "ours": "table_compile_40000_rules_peak_bytes"},
    {"what": "decision table compile, 100,000 rules: the most bytes the library held",
     "ours": "table_compile_100000_rules_peak_bytes", "goal": ("<=", 200e6, "<= 200 MB")},
    {"what": "decision table compile, 100,000 rules: peak resident size of the process",
     "ours": "table_compile_100000_rules_maxrss_bytes"},
]

# Benches that print their own format: (bench label, line pattern, [(figure name, unit)] for the
# pattern's groups). A bench that adopts `figure` lines needs no entry.
ADAPTERS = [
    ("c-atone", r"collect, ([0-9.]+) offers per evaluation",
     [("atone_own_table_offers_per_evaluation", "rules")]),
    ("c-atone", r"with amounts\s+compiled lookup:\s+([0-9.]+) evaluations/s"
                r".*linear scan:\s+([0-9.]+)/s",
     [("atone_own_table_evaluations_per_s", "evaluations/s"),
      ("atone_own_table_linear_scan_evaluations_per_s", "evaluations/s")]),
    ("c-atone", r"without amounts\s+compiled lookup:\s+([0-9.]+) evaluations/s"
                r".*linear scan:\s+([0-9.]+)/s",
     [("atone_own_table_no_amounts_evaluations_per_s", "evaluations/s"),
      ("atone_own_table_no_amounts_linear_scan_evaluations_per_s", "evaluations/s")]),
]

# bench_agenda prints `<what>:   <number> ns per ...` lines.
for _what, _pattern, _name, _unit in (
        ("entries", r"([0-9]+)", "agenda_entries", "entries"),
        ("bytes per entry", r"([0-9.]+)", "agenda_bytes_per_entry", "bytes"),
        ("insert", r"([0-9.]+) ns per entry", "agenda_insert_ns", "ns"),
        ("next due", r"([0-9.]+) ns per call", "agenda_next_due_ns", "ns"),
        ("count overdue", r".*\(([0-9.]+) ns per overdue entry",
         "agenda_count_overdue_ns_per_entry", "ns"),
        ("walk due before T", r".*\(([0-9.]+) ns per entry", "agenda_walk_due_ns_per_entry", "ns"),
        ("next + re-arm", r"([0-9.]+) ns per round", "agenda_next_rearm_ns", "ns"),
        ("move", r"([0-9.]+) ns per entry", "agenda_move_ns", "ns"),
        ("remove", r"([0-9.]+) ns per entry", "agenda_remove_ns", "ns")):
    ADAPTERS.append((r"c-.*agenda.*", r"^" + re.escape(_what) + r":\s+" + _pattern,
                     [(_name, _unit)]))

# bench_python.py prints `<what>   <number with commas> <unit>/s`.
for _what, _name in (("case.apply", "python_apply_cycle_transitions_per_s"),
                     ("Table.evaluate", "python_table_severity_value_evaluations_per_s"),
                     ("phrase_check", "python_phrase_check_drafts_per_s"),
                     ("Money + Money", "python_money_adds_per_s")):
    ADAPTERS.append(("c-bench_python", r"^" + re.escape(_what) + r".*?\s([0-9][0-9,]*) (\S+/s)\s*$",
                     [(_name, None)]))

PEER_LABELS = {
    "xstate_pure_transitions_per_s": "xstate pure transition()",
    "xstate_actor_transitions_per_s": "xstate actor per case",
    "pytransitions_fastest_transitions_per_s": "pytransitions one reused model",
    "pytransitions_shared_transitions_per_s": "pytransitions shared Machine",
    "json_rules_engine_evaluations_per_s": "json-rules-engine",
    "baseline_same_work_transitions_per_s": "same work by hand",
    "baseline_apply_transitions_per_s": "same applies by hand",
    "baseline_scan_flat_evaluations_per_s": "flat branch-free scan baseline",
    "baseline_scan_evaluations_per_s": "condition-list scan baseline",
}


def keep(figures, name, value, unit):
    """Record a figure; when rounds repeat it, keep the best: the highest rate (unit "x/s"),
    otherwise the lowest (bytes, time), so load from other processes counts least."""
    old = figures.get(name)
    if old is None or (value > old[0] if unit.endswith("/s") else value < old[0]):
        figures[name] = (value, unit)


def parse(paths):
    """{label: {"figures": {name: (value, unit)}, "unavailable": reason or None}}"""
    benches = {}
    for path in paths:
        label = os.path.splitext(os.path.basename(path))[0]
        b = {"figures": {}, "unavailable": None}
        adapters = [(re.compile(p), names) for lab, p, names in ADAPTERS
                    if re.fullmatch(lab, label)]
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = FIGURE.match(line.strip())
                if m:
                    keep(b["figures"], m.group(1), float(m.group(2)), m.group(3).strip())
                elif line.startswith("unavailable:") and not b["unavailable"]:
                    b["unavailable"] = line.split(":", 1)[1].strip()
                for pattern, names in adapters:
                    m = pattern.search(line)
                    for group, (name, unit) in enumerate(names, 1):
                        if m and unit is None:  # number and unit from the line
                            keep(b["figures"], name, float(m.group(1).replace(",", "")),
                                 m.group(2))
                        elif m:
                            keep(b["figures"], name, float(m.group(group)), unit)
        benches[label] = b
    return benches


def find(figures, names, best=False):
    """The figure (name, value, unit) of the first of @names that is present, or with best the
    highest of those present; None when none is."""
    hits = [(n, figures[n][0], figures[n][1]) for n in names if n in figures]
    if not hits:
        return None
    return max(hits, key=lambda h: h[1]) if best else hits[0]


def human(value, unit):
    """3 significant digits with k/M/G: "25.2 M/s" for transitions/s and evaluations/s,
    "22.1 k cases/s", "200 bytes"."""
    prefix = ""
    for div, p in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= div and unit not in ("ns", "us", "ms", "s"):
            value, prefix = value / div, p
            break
    if unit in ("transitions/s", "evaluations/s"):
        return f"{value:.3g}{' ' + prefix if prefix else ''}/s"
    if not prefix and abs(value) >= 1000:
        return f"{value:.0f} {unit}"
    return f"{value:.3g} {prefix + ' ' if prefix else ''}{unit}".rstrip()


def cell(hit, label=True):
    if hit is None:
        return "not available"
    name, value, unit = hit
    text = human(value, unit)
    return f"{text} ({PEER_LABELS[name]})" if label and name in PEER_LABELS else text


def goal_met(goal, hit):
    if hit is None or goal is None or goal[0] is None:
        return ""
    op, target, _ = goal
    ok = hit[1] >= target if op == ">=" else hit[1] <= target
    return " (met)" if ok else " (missed)"


def ratio_goal(what, target, ratio):
    if target is None:
        return None
    state = "not available" if ratio is None else "met" if ratio >= target else "missed"
    return f"{what} >= {target:g} ({state})"


def build_rows(figures):
    rows, ratios = [], []
    for spec in ROWS:
        ours = find(figures, [spec["ours"]])
        peer = find(figures, spec.get("peer", []), best=True)
        plains = [find(figures, [name]) for name in spec.get("plain", [])]
        plain = plains[0] if plains else None
        goal = spec.get("goal")
        ratio = ours[1] / peer[1] if ours and peer and peer[1] > 0 else None
        to_plain = ours[1] / plain[1] if ours and plain and plain[1] > 0 else None
        goals = [g for g in (goal[2] + goal_met(goal, ours) if goal else None,
                             ratio_goal("ours / peer", spec.get("peer_goal"), ratio),
                             ratio_goal("ours / plain C", spec.get("plain_goal"), to_plain)) if g]
        rows.append([
            spec["what"], cell(ours, label=False),
            cell(peer) if spec.get("peer") else spec.get("peer_note", ""),
            f"{ratio:.1f}" if ratio is not None else ("not available" if spec.get("peer") else ""),
            " / ".join(cell(h) if h else f"{name}: not available"
                       for name, h in zip(spec.get("plain", []), plains)),
            f"{to_plain:.2f}" if to_plain is not None else ("not available" if spec.get("plain") else ""),
            "; ".join(goals),
        ])
        if spec.get("ratio"):
            ratios.append((spec["ratio"], ratio, "{:.1f}"))
        if spec.get("plain_ratio"):
            ratios.append((spec["plain_ratio"], to_plain, "{:.2f}"))
    return rows, ratios


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def command(args):
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def load_now():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def machine(root, build):
    lscpu = command(["lscpu"])
    model = re.search(r"^Model name:\s*(.+)$", lscpu, re.M)
    mem_kb = 0
    try:
        with open("/proc/meminfo") as f:
            mem_kb = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
    except (OSError, AttributeError):
        pass
    os_name = platform.platform()
    try:
        with open("/etc/os-release") as f:
            os_name = re.search(r'^PRETTY_NAME="?([^"\n]*)', f.read(), re.M).group(1)
    except (OSError, AttributeError):
        pass

    def npm_version(pkg):
        try:
            with open(os.path.join(root, "tests/bench/peers/node_modules", pkg,
                                   "package.json")) as f:
                return json.load(f)["version"]
        except (OSError, ValueError, KeyError):
            return "not installed"

    try:
        import transitions
        pytransitions = transitions.__version__
    except ImportError:
        pytransitions = "not installed"
    buildtype = command(["meson", "introspect", "--buildoptions", build])
    try:
        buildtype = next(o["value"] for o in json.loads(buildtype) if o["name"] == "buildtype")
    except (ValueError, StopIteration):
        buildtype = "?"
    return [
        ("CPU", model.group(1) if model else platform.processor() or "?"),
        ("cores", str(os.cpu_count())),
        ("memory", f"{mem_kb / 1048576:.1f} GiB"),
        ("OS", f"{os_name}, kernel {platform.release()}"),
        ("C compiler", command(["cc", "--version"]).split("\n")[0]
                       + f", meson buildtype {buildtype}"),
        ("node", command(["node", "--version"]) or "not installed"),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("peers", f"xstate {npm_version('xstate')}, json-rules-engine "
                  f"{npm_version('json-rules-engine')}, pytransitions {pytransitions}"),
        ("libsvcrecover", command(["git", "-C", root, "describe", "--always", "--dirty"])),
        ("run", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
                + f", {os.environ.get('BENCH_ROUNDS', '?')} rounds (best kept) of "
                f"{os.environ.get('BENCH_SECONDS', '?')} s per measurement after a warm-up"),
        ("load average (1, 5, 15 min)", f"{os.environ.get('BENCH_LOAD_START', '?')} at the start, "
                                        f"{load_now()} at the end"),
    ]


WORKLOAD = """\
Workloads (each ratio compares the same work on both sides):
- **transitions**: the built-in `five-step` workflow's happy path, identify -> apologize -> listen
  -> fix -> atone -> follow_up -> closed (six transitions), case after case. "Whole case
  lifecycle": each case is opened, gets its four facts (expectation, customer_wish, atonement,
  root_cause), takes the six events, each checking the role, that time does not go backwards and
  its required fact and appending a log entry, and is freed; the peers do the same (xstate: an
  actor or an initial snapshot per case, `setup()` guards with params, `assign()` log;
  pytransitions: conditions and an `after` callback, one reused model reset per case or one
  model per case on a shared Machine). Plain C baseline: `bench_baseline.c`, the same lifecycle
  by hand (malloc/strdup, strcmp on event and role names, a growing log array). "Alone": only
  the apply calls, on cases opened beforehand, against the same applies by hand; no peer
  measures applies alone, so those rows have no peer ratio.
- **decision table**: 100 rules over severity, tier, price (money), delay_hours, channel and
  repeat, made by `gen_table_100.py` (ranges, comparisons, lists, negated lists, booleans);
  collect-all over a stream of 1000 fact sets (tests/data/bench). Every side, per fact set:
  takes the six facts, finds every matching rule and, for each, makes and reads its offer
  (kind, approval, amount: fixed, or a percentage of the price rounded half up).
  Ours (`bench_table.c`): sets the six facts by slot (`svcr_table_facts_set_at`, type and currency
  checked, strings looked up), `svcr_table_eval` (per-column interval lookup, AND of rule
  bitsets, amounts through `svcr_money_scale`), then reads kind, amount and approval of every
  offer from `svcr_table_result_offers`. json-rules-engine: `engine.run(facts)` on the facts object
  (price as minor units), which tests every rule's conditions and builds an event (rule, kind,
  approval, amount or percent) for every matching one. Plain C baselines (`bench_baseline.c`):
  the string facts turned into bits (strcmp against the known values), then every rule tested
  in turn, either through its condition list or flattened to one interval per column without
  branches; for each matching rule an offer is made (amount computed) and read. "facts set
  beforehand" is ours without setting the facts. Every engine must report the same mean of
  matching rules (18.31).
- **decision table compile** (`bench_table_compile.c`, ours alone): `svcr_table_parse` of a
  unique table of N adjacent ranges (`[i..i+1)` in a number column, `-` in a string column, a
  fixed amount each), N = 20,000, 40,000 and 100,000, each in its own process; processor time
  (user + system) and wall clock, the most bytes the library held at once (counted through
  `svcr_set_allocator`) and the process's peak resident size.
- ratio = ours / the peer's best path for the same work; "ours / plain C" = ours / the same work
  written by hand (the first baseline listed). A figure that is missing is reported as missing.
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--build", default="build-bench")
    parser.add_argument("outputs", nargs="*")
    args = parser.parse_args()
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

    benches = parse(args.outputs)
    figures = {}
    for b in benches.values():
        figures.update(b["figures"])
    rows, ratios = build_rows(figures)
    header = ["what", "ours", "peer, same work (best path)", "ours / peer",
              "plain C baseline, same work", "ours / plain C", "goal"]
    main_table = table(header, rows)

    detail = []
    for label, b in sorted(benches.items()):
        if b["unavailable"] and not b["figures"]:
            detail.append([label, "not available", "", b["unavailable"]])
        for name, (value, unit) in b["figures"].items():
            detail.append([label, name, f"{value:,.2f}".rstrip("0").rstrip("."), unit])
        if not b["figures"] and not b["unavailable"]:
            detail.append([label, "not available", "", "printed no figures"])
    detail_table = table(["bench", "figure", "value", "unit"], detail)

    checks = []
    means = {n: v for n, (v, _) in figures.items() if n.endswith("mean_matching_rules")}
    if len(set(round(v, 2) for v in means.values())) > 1:
        checks.append("WARNING: the engines disagree on the mean of matching rules: "
                      + ", ".join(f"{n} = {v:.2f}" for n, v in sorted(means.items())))
    ratio_lines = [f"ratio {name}: {form.format(value)}" if value is not None
                   else f"ratio {name}: not available" for name, value, form in ratios]

    print()
    print(main_table)
    print()
    print(detail_table)
    for line in checks:
        print(line)
    print()
    print("\n".join(ratio_lines))

    desc = "\n".join(f"- {k}: {v}" for k, v in machine(root, args.build))
    with open(args.results, "w", encoding="utf-8") as f:
        f.write("# Benchmark results\n\n"
                "Written by `tests/bench/run`; figures from one run on the machine below. "
                "Rerun it to compare.\n\n"
                f"## Machine\n\n{desc}\n\n## Comparison\n\n{main_table}\n\n{WORKLOAD}\n"
                f"## Every figure\n\n{detail_table}\n\n"
                + "".join(line + "\n\n" for line in checks)
                + "## Ratios\n\n```\n" + "\n".join(ratio_lines) + "\n```\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
