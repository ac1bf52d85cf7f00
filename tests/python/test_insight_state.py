"""An Insight pickles through its compact state: equal after the trip, and partials made apart
merge into exactly what one pass gives (what Dask and multiprocessing rely on)."""

import pickle

import pytest

import svcrecover
from svcrecover.insight import Insight, Record

CAUSES = ("late delivery", "damaged parcel", "billing error", "a root cause longer than sixteen bytes")


def record(n: int) -> Record:
    return Record(state=("closed", "fix", "follow_up")[n % 3], opened_at=1000 + n,
                  first_response_seconds=None if n % 4 == 0 else 37 * n,
                  resolution_seconds=None if n % 3 == 0 else 3600 * n + 11,
                  follow_up=(None, "satisfied", "not_satisfied")[n % 3], closed=n % 2 == 0,
                  reopen_count=n % 7 == 0, customer=None if n % 11 == 0 else f"K-{n % 37}",
                  root_cause=None if n % 5 == 0 else CAUSES[n % 4], severity=(None, "minor", "major")[n % 3],
                  satisfaction=n % 5 if n % 2 else None, solicited=(None, False, True)[n % 3],
                  timers={"first_response": n % 3 == 0, "resolution": None if n % 5 == 0 else n % 2 == 0})


def fed(numbers, **options) -> Insight:
    insight = Insight(**options)
    insight.add_many([record(n) for n in numbers])
    for n in numbers:
        if n % 13 == 0:
            insight.add_baseline(n % 5)
        if n % 17 == 0:
            insight.add_servqual([1 + (n + i) % 7 for i in range(22)], [1 + (3 * n + i) % 7 for i in range(22)],
                                 [10, 30, 20, 25, 15])
    return insight


def test_pickle_round_trip_keeps_everything():
    insight = fed(range(400), quick_resolution_seconds=7200, window_start=1100, window_end=1300)
    insight.set_owner("late delivery", "logistics")
    back = pickle.loads(pickle.dumps(insight))
    assert back == insight and back is not insight
    assert back.to_json() == insight.to_json()
    assert back.pareto_csv() == insight.pareto_csv() and back.causes_csv() == insight.causes_csv()
    # It goes on counting like the original.
    insight.add(record(999))
    back.add(record(999))
    assert back == insight


def test_merge_of_unpickled_partials_equals_one_pass():
    single = fed(range(500))
    total = Insight()
    for part in (range(0, 1), range(1, 170), range(170, 171), range(171, 500)):
        total.merge(pickle.loads(pickle.dumps(fed(part))))
    assert total == single
    assert total.to_json() == single.to_json()
    assert total.paradox() == single.paradox() and total.retention() == single.retention()
    assert total.servqual() == single.servqual() and total.pareto() == single.pareto()


def test_equality_is_about_state_not_order_or_identity():
    forward, backward = fed(range(100)), Insight()
    backward.add_many([record(n) for n in reversed(range(100))])
    for n in range(100):
        if n % 13 == 0:
            backward.add_baseline(n % 5)
        if n % 17 == 0:
            backward.add_servqual([1 + (n + i) % 7 for i in range(22)], [1 + (3 * n + i) % 7 for i in range(22)],
                                  [10, 30, 20, 25, 15])
    assert forward == backward
    backward.add(record(1))
    assert forward != backward
    assert Insight() != Insight(quick_resolution_seconds=60)  # options are state
    assert Insight() == Insight() and Insight() != "an insight"
    with pytest.raises(TypeError):
        hash(Insight())


def test_bad_state_is_refused_with_what_is_wrong():
    state = fed(range(20)).to_state()
    with pytest.raises(svcrecover.ParseError, match="truncated"):
        Insight.from_state(state[:-3])
    with pytest.raises(svcrecover.ParseError, match="checksum"):
        Insight.from_state(state[:30] + bytes([state[30] ^ 1]) + state[31:])
    with pytest.raises(svcrecover.ParseError, match="version 7 is not supported"):
        Insight.from_state(state[:4] + b"\x07" + state[5:])
    with pytest.raises(svcrecover.ParseError, match="not an insight state"):
        Insight.from_state(b"not a state at all, just some bytes")
    with pytest.raises(TypeError):
        Insight.from_state("text")  # type: ignore[arg-type]
