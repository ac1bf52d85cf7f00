#!/usr/bin/env python3
"""Insight over synthetic cases in JSON-lines files (the desk's export format): one process
reading the files, then svcrecover.dask on a LocalCluster of 1 and of 2 worker processes.

Prints `figure <name>: <number> <unit>` lines (tests/bench/report.py): cases/s of each run and per
worker, where one worker's CPU time goes per case (parse: reading the line, JSON, decoding the
case; fold: adding it to the accumulator), the merge (state bytes, encode + decode + merge of the
partials), and the time 10 M cases would take at the measured rates.

BENCH_DASK_CASES (default 100000) sets the cases, BENCH_DASK_FILES (default 8) the files; the
issue's 10 M cases (about 13 GB of JSON lines) are extrapolated from the rates, which do not
depend on the count (memory does not grow with cases, only with distinct customers).
Needs dask and distributed; prints `unavailable: ...` without them.
"""

import importlib.util
import os
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(os.environ.get("SVCR_SOURCE_ROOT", pathlib.Path(__file__).resolve().parents[2]))


def figure(name, value, unit):
    print(f"figure {name}: {value:.6g} {unit}", flush=True)


def example():
    spec = importlib.util.spec_from_file_location("insight_dask", ROOT / "examples" / "python" / "insight_dask.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def on_cluster(workers, paths, per_file, expected):
    from dask.distributed import Client, LocalCluster

    import svcrecover.dask as sdask

    t0 = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=50) as cluster, Client(cluster) as client:
        started = time.perf_counter() - t0
        client.run(lambda: __import__("svcrecover.export"))  # import on the workers before timing
        t0 = time.perf_counter()
        result = sdask.insight(paths, client, partitions_per_file=per_file)
        seconds = time.perf_counter() - t0
    if result != expected:
        raise SystemExit(f"{workers} workers: the report differs from one process's")
    return started, seconds


def main():
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as e:
        print(f"unavailable: {e}")
        return 0
    import svcrecover
    import svcrecover.dask as sdask

    cases = int(os.environ.get("BENCH_DASK_CASES", "100000"))
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    files = int(os.environ.get("BENCH_DASK_FILES", "8"))
    with tempfile.TemporaryDirectory(prefix="bench_dask-") as directory:
        t0 = time.perf_counter()
        paths = example().write_files(directory, cases, files, seed=3)
        size = sum(os.path.getsize(p) for p in paths)
        print(f"wrote {cases} cases, {size / 1e6:.0f} MB, into {files} files in {time.perf_counter() - t0:.1f} s",
              flush=True)
        figure("dask_cases", cases, "cases")
        figure("dask_bytes_per_case", size / cases, "bytes")

        # One process reading every file, with the CPU time of each stage.
        t0 = time.perf_counter()
        partials, parse, fold, encode = [], 0.0, 0.0, 0.0
        for part in sdask.partitions(paths):
            insight, timing = sdask.fold_partition(part, {}, timings=True)
            partials.append(insight)
            parse += timing.parse.total_seconds()
            fold += timing.fold.total_seconds()
            encode += timing.encode.total_seconds()
        t1 = time.perf_counter()
        states = [p.to_state() for p in partials]
        total = svcrecover.Insight()
        for state in states:
            total.merge(svcrecover.Insight.from_state(state))
        merge = time.perf_counter() - t1
        single = t1 - t0
        figure("dask_single_process_cases_per_s", cases / single, "cases/s")
        figure("dask_parse_us_per_case", parse / cases * 1e6, "us")
        figure("dask_fold_us_per_case", fold / cases * 1e6, "us")
        figure("dask_parse_share", parse / (parse + fold), "of CPU")
        # What one worker folds per second of its own CPU: the rate a dedicated core gives, however
        # loaded this machine is (the wall-clock rates below depend on that).
        figure("dask_cpu_cases_per_s_per_worker", cases / (parse + fold), "cases/s")
        figure("dask_state_bytes_per_partial", sum(map(len, states)) / len(states), "bytes")
        figure("dask_merge_ms", (merge + encode) * 1e3, f"ms for {len(states)} partials")

        per_file = 2
        start1, one = on_cluster(1, paths, per_file, total)
        figure("dask_1_worker_cases_per_s", cases / one, "cases/s")
        start2, two = on_cluster(2, paths, per_file, total)
        figure("dask_2_workers_cases_per_s", cases / two, "cases/s")
        figure("dask_2_workers_per_worker_cases_per_s", cases / two / 2, "cases/s")
        figure("dask_speedup_2_vs_1_workers", one / two, "x")
        figure("dask_cluster_start_s", max(start1, start2), "s")
        figure("dask_10m_cases_2_workers_s", 10e6 / (cases / two), "s (extrapolated)")
        figure("dask_load_average", os.getloadavg()[0], f"on {os.cpu_count()} CPUs at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
