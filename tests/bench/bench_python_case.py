#!/usr/bin/env python3
"""The five-step happy path through the Python bindings: the same work as the peers
(tests/bench/peers/bench_pytransitions.py, bench_xstate.js) and bench_case.c.

  python_transitions_per_s        per case: Case(...), four facts, the six happy-path events
                                  (role, time order and guard checked, log appended), state read
  python_apply_transitions_per_s  case.apply() alone, on cases opened beforehand
  python_cases_per_s              the whole lifecycle above with int seconds, in cases/s
  python_datetime_cases_per_s     the same with aware datetimes in (opened_at, at=) and the log's
                                  times read back as datetimes: the datetime path
  python_to_json_cases_per_s      Case.to_json() of a closed case (six events)
  python_from_json_cases_per_s    Case.from_json() of that text (history checked against the workflow)

Prints `figure <name>: <number> <unit>` lines (tests/bench/bench.h); asserts nothing on time.
Run: PYTHONPATH=<build>/bindings/python python3 tests/bench/bench_python_case.py
"""
import datetime as dt
import os
import time

import svcrecover

T0 = 1767225600  # 2026-01-01T00:00:00Z
T0_DATETIME = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
MINUTE = dt.timedelta(minutes=1)
HAPPY_PATH = ("identified", "apologized", "listened", "fixed", "atoned", "satisfied")
FACTS = {
    "expectation": "parcel delivered by Friday",
    "customer_wish": "redeliver tomorrow morning",
    "atonement": "refund of the shipping fee",
    "root_cause": "carrier: missed pickup",
}
CASES = 1000
WORKFLOW = svcrecover.Workflow.builtin("five-step")


def open_case(i):
    case = svcrecover.Case(WORKFLOW, f"case-{i}", opened_at=T0)
    facts = case.facts
    for name, value in FACTS.items():
        facts[name] = value
    return case


def walk(case):
    at = T0
    for event in HAPPY_PATH:
        at += 60
        case.apply(event, role="agent", at=at)
    if case.state != "closed":
        raise RuntimeError(f"case ended in {case.state}")


def datetime_lifecycle_batch():
    """The lifecycle with datetimes in and the log's times read back (datetimes out)."""
    start = time.perf_counter()
    for i in range(CASES):
        case = svcrecover.Case(WORKFLOW, f"case-{i}", opened_at=T0_DATETIME)
        facts = case.facts
        for name, value in FACTS.items():
            facts[name] = value
        at = T0_DATETIME
        for event in HAPPY_PATH:
            at += MINUTE
            case.apply(event, role="agent", at=at)
        if case.state != "closed" or case.last_at != at:
            raise RuntimeError(f"case ended in {case.state} at {case.last_at}")
    return time.perf_counter() - start


def int_lifecycle_batch():
    """The same work with int seconds: the baseline of the datetime path."""
    start = time.perf_counter()
    for i in range(CASES):
        case = svcrecover.Case(WORKFLOW, f"case-{i}", opened_at=T0)
        facts = case.facts
        for name, value in FACTS.items():
            facts[name] = value
        at = T0
        for event in HAPPY_PATH:
            at += 60
            case.apply(event, role="agent", at=at)
        if case.state != "closed" or case.last_at != svcrecover.to_datetime(at):
            raise RuntimeError(f"case ended in {case.state} at {case.last_at}")
    return time.perf_counter() - start


CLOSED = open_case(0)
walk(CLOSED)
CLOSED_JSON = CLOSED.to_json()


def to_json_batch():
    start = time.perf_counter()
    for _ in range(CASES):
        CLOSED.to_json()
    return time.perf_counter() - start


def from_json_batch():
    start = time.perf_counter()
    for _ in range(CASES):
        svcrecover.Case.from_json(WORKFLOW, CLOSED_JSON)
    return time.perf_counter() - start


# A batch does CASES cases and returns the seconds its measured part took.
def lifecycle_batch():
    start = time.perf_counter()
    for i in range(CASES):
        walk(open_case(i))
    return time.perf_counter() - start


def apply_batch():
    cases = [open_case(i) for i in range(CASES)]
    start = time.perf_counter()
    for case in cases:
        walk(case)
    return time.perf_counter() - start


def rate(batch, units):
    """Units per second of batch() over BENCH_SECONDS (default 2), after a warm-up."""
    seconds = float(os.environ.get("BENCH_SECONDS", "2"))

    def until(limit):
        done, spent = 0, 0.0
        while spent < limit:
            spent += batch()
            done += units
        return done / spent

    until(seconds / 3)
    return until(seconds)


def figure(name, value, unit):
    print(f"figure {name}: {value:.0f} {unit}", flush=True)


if __name__ == "__main__":
    units = CASES * len(HAPPY_PATH)
    figure("python_transitions_per_s", rate(lifecycle_batch, units), "transitions/s")
    figure("python_apply_transitions_per_s", rate(apply_batch, units), "transitions/s")
    ints = rate(int_lifecycle_batch, CASES)
    datetimes = rate(datetime_lifecycle_batch, CASES)
    figure("python_cases_per_s", ints, "cases/s")
    figure("python_datetime_cases_per_s", datetimes, "cases/s")
    print(f"ratio python_int_vs_datetime_cases: {ints / datetimes:.2f}", flush=True)
    figure("python_to_json_cases_per_s", rate(to_json_batch, CASES), "cases/s")
    figure("python_from_json_cases_per_s", rate(from_json_batch, CASES), "cases/s")
