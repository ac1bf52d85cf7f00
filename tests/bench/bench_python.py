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


def bench_transitions() -> None:
    """case.apply() in a loop: the five-step follow_up -> fix -> atone -> follow_up cycle."""
    workflow = svcrecover.Workflow.builtin("five-step")
    cycle = ("not_satisfied", "fixed", "atoned") * 1000  # 3,000 transitions per case
    cases = 100
    at = 1_700_000_000

    def new_case():
        case = svcrecover.Case(workflow, "bench", opened_at=at)
        for name in ("expectation", "customer_wish", "atonement"):
            case.facts[name] = "x"
        for event in ("identified", "apologized", "listened", "fixed", "atoned"):
            case.apply(event, role="agent", at=at)
        return case

    prepared = [new_case() for _ in range(cases)]

    def run():
        for case in prepared:
            apply = case.apply
            for event in cycle:
                apply(event, role="agent", at=at)

    seconds = best_of(1, run)
    rate("case.apply(event, role=, at=)", "transitions", cases * len(cycle), seconds)


def bench_table() -> None:
    table = svcrecover.Table.builtin("severity-value")
    facts = {"severity": 4, "tier": "gold", "price": svcrecover.Money(12000, "EUR")}
    n = 50_000
    seconds = best_of(3, lambda: [table.evaluate(facts) for _ in range(n)])
    rate("Table.evaluate (severity-value, 3 facts)", "evaluations", n, seconds)


def bench_agenda() -> None:
    agenda = svcrecover.Agenda()
    ids = [f"C-{i}" for i in range(100_000)]
    at = 1_700_000_000

    def fill():
        add = agenda.add
        for i, case_id in enumerate(ids):
            add(case_id, "resolution", at + i)

    rate("Agenda.add (100k keys)", "adds", len(ids), best_of(1, fill))
    seconds = best_of(3, lambda: sum(1 for _ in agenda.due_before(at + len(ids))))
    rate("iterating Agenda.due_before", "entries", len(ids), seconds)


def bench_insight() -> None:
    records = [
        svcrecover.insight.Record(state="closed", first_response_seconds=60 + i % 600, resolution_seconds=3600 + i,
                                  follow_up="satisfied", closed=True, customer=f"K-{i % 5000}",
                                  root_cause=("late", "billing", "damaged")[i % 3], severity="minor")
        for i in range(50_000)
    ]
    insight = svcrecover.Insight()
    rate("Insight.add_many (Record objects)", "records", len(records), best_of(3, lambda: insight.add_many(records)))

    def loop():
        add = insight.add
        for record in records:
            add(record)

    rate("Insight.add in a loop (Record objects)", "records", len(records), best_of(3, loop))


def main() -> None:
    print(f"svcrecover {svcrecover.__version__} Python bindings")
    bench_transitions()
    bench_table()
    bench_phrase_check()
    bench_money()
    bench_agenda()
    bench_insight()


if __name__ == "__main__":
    main()
