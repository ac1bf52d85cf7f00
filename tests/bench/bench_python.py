#!/usr/bin/env python3
"""Throughput through the Python bindings: prints figures, asserts nothing.

Run: meson test -C build-rel --benchmark bench_python --verbose
(or PYTHONPATH=build-rel/bindings/python python3 tests/bench/bench_python.py)
"""

import time

import svcrecover


def rate(label: str, unit: str, count: int, seconds: float) -> None:
    print(f"{label:<44} {count / seconds:>14,.0f} {unit}/s")


def best_of(runs: int, body) -> float:
    """The fastest of ``runs`` timings of body() (seconds)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        body()
        best = min(best, time.perf_counter() - start)
    return best


def bench_phrase_check() -> None:
    phrases = svcrecover.PhraseSet.default()
    draft = "Hello Dana, I understand how annoying this is and I'm sorry. " * 4
    n = 20_000
    seconds = best_of(3, lambda: [phrases.check(draft) for _ in range(n)])
    rate("phrase_check (250-char draft, 4 matches)", "drafts", n, seconds)


def bench_money() -> None:
    a, b = svcrecover.Money(1250, "EUR"), svcrecover.Money(99, "EUR")
    n = 200_000

    def adds():
        for _ in range(n):
            a + b

    rate("Money + Money", "adds", n, best_of(3, adds))


def main() -> None:
    print(f"svcrecover {svcrecover.__version__} Python bindings")
    bench_phrase_check()
    bench_money()


if __name__ == "__main__":
    main()
