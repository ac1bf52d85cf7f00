"""pytransitions on the five-step happy path, the same work as tests/bench/peers/five_step.js.

Each case has its four facts; six events (identify -> ... -> closed) each check the role, that
time does not go backwards and the required fact, and append a log entry. Two paths:
  fastest: one Machine bound to one reused model, reset for every case;
  shared:  one Machine without models; each case is a new model added and removed.
Prints `figure <name>: <number> <unit>` lines (transitions/s).
"""
import os
import time

from transitions import Machine

DAY = 86400
REOPEN_GRACE = 14 * DAY
T0 = 1767225600  # 2026-01-01T00:00:00Z
HAPPY_PATH = ["identified", "apologized", "listened", "fixed", "atoned", "satisfied"]
FACTS = {
    "expectation": "parcel delivered by Friday",
    "customer_wish": "redeliver tomorrow morning",
    "atonement": "refund of the shipping fee",
    "root_cause": "carrier: missed pickup",
}
STATES = ["identify", "apologize", "listen", "fix", "atone", "follow_up", "closed"]
# (event, source, dest, required fact)
EDGES = [
    ("identified", "identify", "apologize", "expectation"),
    ("apologized", "apologize", "listen", None),
    ("listened", "listen", "fix", None),
    ("fixed", "fix", "atone", "customer_wish"),
    ("atoned", "atone", "follow_up", "atonement"),
    ("satisfied", "follow_up", "closed", "root_cause"),
    ("not_satisfied", "follow_up", "fix", None),
]


class Case:
    """One recovery case: facts, the time of its last event and its log."""

    def __init__(self, case_id, opened_at, facts):
        self.id = case_id
        self.facts = facts
        self.last_at = opened_at
        self.closed_at = 0
        self.log = []

    def may_fire(self, ev):
        return ev.kwargs["role"] == "agent" and ev.kwargs["at"] >= self.last_at

    def within_grace(self, ev):
        return ev.kwargs["at"] - self.closed_at <= REOPEN_GRACE

    def append_log(self, ev):
        at = ev.kwargs["at"]
        self.last_at = at
        self.log.append({"seq": len(self.log) + 1, "event": ev.event.name,
                         "from": ev.transition.source, "to": ev.transition.dest, "at": at,
                         "role": ev.kwargs["role"], "note": ev.kwargs.get("note")})

    def mark_closed(self, ev):
        self.closed_at = ev.kwargs["at"]


def fact_guard(fact):
    return lambda ev: fact in ev.model.facts


def transitions():
    out = []
    for event, source, dest, fact in EDGES:
        conditions = ["may_fire"] + ([fact_guard(fact)] if fact else [])
        after = ["append_log"] + (["mark_closed"] if dest == "closed" else [])
        out.append({"trigger": event, "source": source, "dest": dest,
                    "conditions": conditions, "after": after})
    out.append({"trigger": "reopen", "source": "closed", "dest": "fix",
                "conditions": ["may_fire", "within_grace"], "after": ["append_log"]})
    return out


def make_machine(model):
    return Machine(model=model, states=STATES, transitions=transitions(), initial="identify",
                   send_event=True, auto_transitions=False)


def run_case(case):
    at = T0
    for event in HAPPY_PATH:
        at += 60
        if not case.trigger(event, role="agent", at=at):
            raise RuntimeError(f"{event} refused in {case.state}")
    if case.state != "closed" or len(case.log) != len(HAPPY_PATH):
        raise RuntimeError(f"case ended in {case.state}")


CASES = 1000


def fastest_batch(state={}):
    if "machine" not in state:
        state["case"] = Case("case-0", T0, dict(FACTS))
        state["machine"] = make_machine(state["case"])
    case, machine = state["case"], state["machine"]
    for i in range(CASES):
        case.id, case.facts, case.last_at, case.closed_at, case.log = \
            f"case-{i}", dict(FACTS), T0, 0, []
        machine.set_state("identify", model=case)
        run_case(case)


def shared_batch(state={}):
    if "machine" not in state:
        state["machine"] = make_machine(None)
    machine = state["machine"]
    for i in range(CASES):
        case = Case(f"case-{i}", T0, dict(FACTS))
        machine.add_model(case, initial="identify")
        run_case(case)
        machine.remove_model(case)


def rate(batch, units):
    seconds = float(os.environ.get("BENCH_SECONDS", "2"))

    def until(limit):
        done = 0
        start = now = time.perf_counter()
        while now - start < limit:
            batch()
            done += units
            now = time.perf_counter()
        return done / (now - start)

    until(seconds / 3)
    return until(seconds)


def figure(name, value, unit):
    print(f"figure {name}: {value:.0f} {unit}", flush=True)


if __name__ == "__main__":
    units = CASES * len(HAPPY_PATH)
    figure("pytransitions_fastest_transitions_per_s", rate(fastest_batch, units), "transitions/s")
    figure("pytransitions_shared_transitions_per_s", rate(shared_batch, units), "transitions/s")
