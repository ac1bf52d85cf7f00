"""Resident memory of this process, to check that loops of objects do not grow it."""

import gc
import os


def rss_bytes() -> int:
    """The resident set size now, after a full collection."""
    gc.collect()
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


def growth(make, rounds: int = 100_000) -> int:
    """Bytes the RSS grew over ``rounds`` calls of ``make`` (each result dropped), after a warm-up."""
    for _ in range(rounds // 10):
        make()
    before = rss_bytes()
    for _ in range(rounds):
        make()
    return rss_bytes() - before
