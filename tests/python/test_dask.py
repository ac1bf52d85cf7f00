"""svcrecover.dask on a real dask.distributed LocalCluster (worker processes, loopback only).

Run by the meson suite `dask` (tests/python/run_dask_tests.py, which skips when dask or
distributed is missing); the plain pytest suite skips this module. Every job is bounded in time.
"""

import gzip
import importlib.util
import os
import pathlib
import signal
import threading
import time

import pytest

if not os.environ.get("SVCR_DASK_SUITE"):
    pytest.skip("run by the meson suite dask (tests/python/run_dask_tests.py)", allow_module_level=True)

distributed = pytest.importorskip("distributed")

import svcrecover  # noqa: E402
import svcrecover.dask as sdask  # noqa: E402
from svcrecover import export  # noqa: E402

JOB_SECONDS = 120  # any job here takes a few seconds; a hang fails the test instead


def _example(source_root):
    spec = importlib.util.spec_from_file_location("insight_dask", source_root / "examples" / "python" / "insight_dask.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None, silence_logs=50)
    c = distributed.Client(cluster, timeout="60s")
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Three files of synthetic export lines: plain, plain, gzip (900 cases)."""
    root = pathlib.Path(os.environ.get("SVCR_SOURCE_ROOT", pathlib.Path(__file__).resolve().parents[2]))
    example = _example(root)
    directory = tmp_path_factory.mktemp("cases")
    paths = example.write_files(str(directory), 600, 2, seed=7)
    zipped = directory / "more.jsonl.gz"
    with gzip.open(zipped, "wt", encoding="utf-8") as f:
        f.writelines(example.generate_lines(300, seed=8, customers=200, start=600))
    return paths + [str(zipped)]


def one_process(paths, **options):
    insight = svcrecover.Insight(**options)
    for path in paths:
        export.add_file(insight, path)
    return insight


def run(job):
    """Run ``job`` with a time bound (a hung cluster fails here, not the whole suite)."""
    result, error = [], []
    thread = threading.Thread(target=lambda: _capture(job, result, error), daemon=True)
    thread.start()
    thread.join(JOB_SECONDS)
    assert not thread.is_alive(), f"the job took more than {JOB_SECONDS} s"
    if error:
        raise error[0]
    return result[0]


def _capture(job, result, error):
    try:
        result.append(job())
    except BaseException as e:  # noqa: BLE001 - handed to the test's thread
        error.append(e)


@pytest.mark.parametrize("count", [1, 2, 7])
def test_report_identical_to_one_process(client, files, count):
    """One file in 1, 2 and 7 partitions: the same report as one process reading it."""
    assert len(sdask.partitions(files[:1], count)) == count
    expected = one_process(files[:1])
    got = run(lambda: sdask.insight(files[:1], client, partitions_per_file=count))
    assert got.to_json() == expected.to_json()
    assert got == expected
    assert got.pareto_csv() == expected.pareto_csv() and got.causes_csv() == expected.causes_csv()
    assert len(got) == 300


def test_plain_and_gzip_files_together(client, files):
    """Two plain files in 3 parts each and a gzip file (one part): 7 partitions, one report."""
    assert len(sdask.partitions(files, 3)) == 7
    expected = one_process(files)
    got = run(lambda: sdask.insight(files, client, partitions_per_file=3))
    assert got == expected and got.to_json() == expected.to_json()
    assert len(got) == 900


def test_no_client_given_uses_the_current_one(client, files):
    assert distributed.get_client() is client
    got = run(lambda: sdask.insight(files[:1], partitions_per_file=2))
    assert got == one_process(files[:1])


def test_options_reach_the_workers(client, files):
    options = dict(quick_resolution_seconds=3600, window_start=0, window_end=1_900_000_000)
    expected = one_process(files, **options)
    got = run(lambda: sdask.insight(files, client, partitions_per_file=3, **options))
    assert got == expected
    assert got.results()["repeat_complaints"]["window_end"] is not None


def test_empty_partitions_and_files(client, files, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.jsonl"
    blank.write_bytes(b"\n\n")
    three = tmp_path / "three.jsonl"
    with open(files[0], "rb") as f:
        three.write_bytes(b"".join(f.readline() for _ in range(3)))
    paths = [str(empty), str(blank), str(three)]
    expected = one_process(paths)
    # 7 partitions of a 3-line file: most hold no line at all.
    got = run(lambda: sdask.insight(paths, client, partitions_per_file=7))
    assert got == expected and len(got) == 3
    nothing = run(lambda: sdask.insight([str(empty)], client, partitions_per_file=4))
    assert len(nothing) == 0 and nothing == svcrecover.Insight()


def test_a_corrupt_line_names_file_and_line_and_returns_nothing(client, files, tmp_path):
    bad = tmp_path / "bad.jsonl"
    with open(files[0], "rb") as f:
        lines = f.readlines()[:40]
    lines[26] = lines[26][:100] + b"\n"  # line 27 cut short
    bad.write_bytes(b"".join(lines))
    paths = files + [str(bad)]
    got = []
    with pytest.raises(export.CaseLineError) as raised:
        got.append(run(lambda: sdask.insight(paths, client, partitions_per_file=3)))
    assert not got
    assert raised.value.path == str(bad) and raised.value.number == 27
    assert f"{bad}: line 27: " in str(raised.value)
    # The same error without a cluster, from one process.
    with pytest.raises(export.CaseLineError, match="line 27"):
        one_process([str(bad)])


def test_bad_arguments_fail_before_any_work(client, files, tmp_path):
    with pytest.raises(svcrecover.InvalidArgument):
        sdask.insight(files, client, quick_resolution_seconds=-1)
    with pytest.raises(FileNotFoundError):
        sdask.insight([str(tmp_path / "missing.jsonl")], client)
    with pytest.raises(svcrecover.InvalidArgument):
        sdask.insight(files, client, partitions_per_file=0)


def test_a_killed_worker_does_not_change_the_report(client, files, tmp_path):
    """A worker process killed while the job runs: the scheduler runs its tasks again elsewhere,
    and the report is still exactly the one-process report."""
    client.wait_for_workers(2, timeout=JOB_SECONDS)
    many = [str(p) for p in files] * 6  # 18 files, 4 parts each: a job of several seconds
    expected = one_process(files)
    for _ in range(5):
        expected.merge(one_process(files))
    pids = client.run(os.getpid)
    victim_address, victim_pid = sorted(pids.items())[0]
    killed = threading.Event()

    def kill_when_busy():
        deadline = time.monotonic() + JOB_SECONDS
        while time.monotonic() < deadline:
            if client.processing().get(victim_address):
                os.kill(victim_pid, signal.SIGKILL)
                killed.set()
                return
            time.sleep(0.005)

    killer = threading.Thread(target=kill_when_busy, daemon=True)
    killer.start()
    got = run(lambda: sdask.insight(many, client, partitions_per_file=4))
    killer.join(5)
    assert killed.is_set(), "the worker was not busy while the job ran"
    assert got == expected and len(got) == 6 * 900
    # The killed process is gone (its nanny starts a new one, in its own time on a loaded machine).
    assert victim_pid not in client.run(os.getpid).values()


def test_pickled_partials_travel_and_merge(client, files):
    """What the cluster does by hand: fold on the workers, bring the partials back, merge."""
    parts = sdask.partitions(files, 2)
    futures = client.map(sdask.fold_partition, parts, options={}, pure=False)
    partials = run(lambda: client.gather(futures))
    total = svcrecover.Insight()
    for partial in partials:
        total.merge(partial)
    assert total == one_process(files)


def test_maturity_from_the_merged_metrics(client, files):
    merged = run(lambda: sdask.insight(files, client, partitions_per_file=2))
    result = sdask.maturity(merged)
    one = sdask.maturity(one_process(files))
    assert result.to_json() == one.to_json()
    direct = run(lambda: sdask.maturity(files, client, partitions_per_file=2))
    assert direct.to_json() == one.to_json()


def test_the_example_runs_on_a_local_cluster(source_root, tmp_path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(source_root / "examples" / "python" / "insight_dask.py"),
                           "--generate", "500", "--files", "3", "--partitions-per-file", "2", "--dir", str(tmp_path)],
                          capture_output=True, text=True, timeout=JOB_SECONDS)
    assert done.returncode == 0, done.stderr
    assert "500 cases" in done.stdout and "fold the partitions and merge them" in done.stdout
    assert len(list(tmp_path.iterdir())) == 3


def test_without_any_client_the_local_scheduler_folds(files, tmp_path):
    """No distributed client in the process: dask's local multiprocessing scheduler does the job."""
    import subprocess
    import sys

    script = tmp_path / "no_client.py"
    script.write_text(
        "import sys\n"
        "import svcrecover, svcrecover.dask\n"
        "from svcrecover import export\n"
        "if __name__ == '__main__':\n"
        "    got = svcrecover.dask.insight(sys.argv[1:], partitions_per_file=3)\n"
        "    one = svcrecover.Insight()\n"
        "    for path in sys.argv[1:]:\n"
        "        export.add_file(one, path)\n"
        "    print(got == one, len(got))\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), *files], capture_output=True, text=True, timeout=JOB_SECONDS)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "900"]
