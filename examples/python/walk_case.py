#!/usr/bin/env python3
"""Walk a recovery case through the built-in five-step workflow, printing each step's guidance.

Usage: walk_case.py
"""

import datetime as dt
from typing import Dict, List, Tuple

import svcrecover

OPENED = svcrecover.parse_time("2026-11-23T09:00:00Z")

# Each step: the facts to record first, then the event that moves the case on.
STEPS: List[Tuple[Dict[str, str], str]] = [
    ({"expectation": "Parcel promised for Monday; it had not arrived by Wednesday"}, "identified"),
    ({}, "apologized"),
    ({}, "listened"),
    ({"customer_wish": "A replacement delivered by Friday"}, "fixed"),
    ({"atonement": "Free express shipping and a 10 EUR voucher"}, "atoned"),
    ({"root_cause": "carrier: missed pick-up"}, "satisfied"),
]


def main() -> None:
    workflow = svcrecover.Workflow.builtin("five-step")
    with svcrecover.Case(workflow, "C-1042", opened_at=OPENED) as case:
        at = OPENED
        for facts, event in STEPS:
            step = case.state_info
            print(f"[{step.name}] {step.guidance}")
            for name, value in facts.items():
                case.facts[name] = value
            at += dt.timedelta(days=1) if step.name == "follow_up" else dt.timedelta(minutes=15)  # follow up a day later
            case.apply(event, role="agent", at=at)
        print(f"[{case.state}] {case.state_info.guidance}")
        print()
        for entry in case.log:
            print(f"{entry.sequence}. {svcrecover.format_time(entry.at)} {entry.event}: "
                  f"{entry.from_state} -> {entry.to_state} ({entry.role})")


if __name__ == "__main__":
    main()
