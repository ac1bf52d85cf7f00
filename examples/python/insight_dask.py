#!/usr/bin/env python3
"""Insight over many case files on a Dask cluster, with the time each stage takes.

Usage: insight_dask.py [--scheduler tcp://HOST:8786 | --workers N] [--partitions-per-file K]
                       [--workflow WORKFLOW.json]... [--json] [CASES.jsonl[.gz]...]
       insight_dask.py [...] --generate CASES [--files F] [--dir DIR]

Without --scheduler it starts a LocalCluster of N worker processes (default 2) on this machine
(loopback only). With FILES it reads them (what `svcr-desk export --split N DIR` writes; plain or
gzip); with --generate it first writes CASES synthetic cases into F files (default 4) in DIR (a
temporary directory by default), made from the desk's exported cases in
tests/data/insight/desk_export.jsonl with other ids, customers, severities and root causes. On a
real cluster every worker must see the files at the same path (a shared file system).

Prints the report (or with --json every figure) and the time per stage: making the files,
starting or reaching the cluster, folding and merging on the cluster, reading the report.
"""

import argparse
import gzip
import json
import os
import random
import sys
import tempfile
import time
from typing import IO, Iterator, List, Optional, Sequence, Tuple

import svcrecover

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATES = os.path.join(HERE, "..", "..", "tests", "data", "insight", "desk_export.jsonl")

CAUSES = ["carrier delay", "supplier quality defect", "billing system error", "missed callback",
          "warehouse picking error", "address data error", "refund process backlog", "courier lost parcel",
          "website outage", "wrong item shipped", "late refund", "rude agent"]


def _templates(path: str = TEMPLATES) -> List[Tuple[Optional[str], str]]:
    """(envelope without customer/severity/case, case JSON text with its root cause marked)."""
    result: List[Tuple[Optional[str], str]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            root = json.loads(line)
            case = root.pop("case")
            cause = case["facts"].get("root_cause")
            text = json.dumps(case, ensure_ascii=False, separators=(",", ":"))
            case_id = json.dumps(case["id"])
            text = text.replace('"id":' + case_id, '"id":"{id}"', 1)
            if cause is not None:
                text = text.replace(json.dumps(cause, ensure_ascii=False), '"{cause}"')
            parts = text.replace("{", "{{").replace("}", "}}").replace("{{id}}", "{id}").replace("{{cause}}", "{cause}")
            result.append((root.get("tier"), parts))
    return result


def generate_lines(count: int, seed: int = 1, customers: Optional[int] = None, start: int = 0) -> Iterator[str]:
    """``count`` synthetic export lines (str, each ending in a newline), deterministic in
    ``seed``: ids S-<n> from ``start``, customers out of ``customers`` (default count / 3)."""
    templates = _templates()
    rng = random.Random(seed)
    customers = customers or max(1, count // 3)
    for n in range(start, start + count):
        tier, case = templates[rng.randrange(len(templates))]
        head = {"customer": f"K-{rng.randrange(customers):07d}", "tier": tier, "severity": rng.randint(1, 5)}
        body = case.format(id=f"S-{n}", cause=CAUSES[min(int(rng.paretovariate(1.2)) - 1, len(CAUSES) - 1)])
        yield json.dumps(head, separators=(",", ":"))[:-1] + ',"case":' + body + "}\n"


def write_files(directory: str, count: int, files: int, seed: int = 1, compress: bool = False) -> List[str]:
    """Write ``count`` synthetic cases into ``files`` files of about equal size; their paths."""
    os.makedirs(directory, exist_ok=True)
    paths = []
    for i in range(files):
        first, last = count * i // files, count * (i + 1) // files
        path = os.path.join(directory, f"cases-{i:04d}.jsonl" + (".gz" if compress else ""))
        with _open_text(path, compress) as f:
            f.writelines(generate_lines(last - first, seed + i, customers=max(1, count // 3), start=first))
        paths.append(path)
    return paths


def _open_text(path: str, compress: bool) -> IO[str]:
    """``path`` opened for writing text, gzipped or not."""
    return gzip.open(path, "wt", encoding="utf-8") if compress else open(path, "w", encoding="utf-8")


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="tcp://HOST:8786", help="a running Dask scheduler")
    where.add_argument("--workers", type=int, default=2, help="local worker processes (default 2)")
    parser.add_argument("--partitions-per-file", type=int, default=1, metavar="K")
    parser.add_argument("--workflow", action="append", default=[], metavar="WORKFLOW.json")
    parser.add_argument("--generate", type=int, metavar="CASES")
    parser.add_argument("--files", type=int, default=4, metavar="F")
    parser.add_argument("--dir", metavar="DIR")
    parser.add_argument("--gzip", action="store_true", help="write the generated files gzipped")
    parser.add_argument("--json", action="store_true", help="print every figure as JSON")
    parser.add_argument("cases", nargs="*", metavar="CASES.jsonl")
    args = parser.parse_args(argv)
    if bool(args.cases) == bool(args.generate):
        parser.error("give case files, or --generate CASES (not both)")
    return args


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def summary(insight: svcrecover.Insight) -> None:
    figures = insight.results()
    recovery = figures["metrics"]["recovery_rate"]
    print(f"{figures['cases']} cases; recovered {recovery['numerator']} of {recovery['denominator']} followed up")
    print("root causes:", ", ".join(f"{c['cause']} {c['cases']}" for c in figures["pareto"]["causes"][:5]))
    print("vital few:", ", ".join(figures["pareto"]["vital_few"]))
    print(f"repeat complaints: {figures['repeat_complaints']}")


def main(argv: Sequence[str]) -> int:
    args = parse_arguments(argv)
    import svcrecover.dask
    from dask.distributed import Client, LocalCluster

    stages: List[Tuple[str, float]] = []
    started = time.perf_counter()

    def stage(name: str) -> None:
        nonlocal started
        now = time.perf_counter()
        stages.append((name, now - started))
        started = now

    temporary: Optional[tempfile.TemporaryDirectory[str]] = None
    if args.generate:
        directory: Optional[str] = args.dir
        if directory is None:
            temporary = tempfile.TemporaryDirectory(prefix="insight_dask-")
            directory = temporary.name
        paths = write_files(directory, args.generate, args.files, compress=args.gzip)
        stage(f"write {args.generate} cases into {len(paths)} files")
    else:
        paths = args.cases
    try:
        workflows = [svcrecover.Workflow.from_json(_read(p)) for p in args.workflow]
        cluster: Optional[LocalCluster] = None
        if args.scheduler:
            client = Client(args.scheduler)
            stage(f"connect to {args.scheduler}")
        else:
            cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
            client = Client(cluster)
            stage(f"start a local cluster of {args.workers} worker processes")
        try:
            insight = svcrecover.dask.insight(paths, client, partitions_per_file=args.partitions_per_file,
                                              workflows=workflows)
            stage("fold the partitions and merge them on the cluster")
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
        stage("close the client" + ("" if args.scheduler else " and the local cluster"))
        if args.json:
            print(insight.to_json())
        else:
            summary(insight)
        stage("report")
    except (OSError, svcrecover.Error) as e:
        print(f"insight_dask: {e}", file=sys.stderr)
        return 2
    finally:
        if temporary is not None:
            temporary.cleanup()
    print("time per stage:", file=sys.stderr if args.json else sys.stdout)
    for name, seconds in stages:
        print(f"  {seconds:8.2f} s  {name}", file=sys.stderr if args.json else sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
