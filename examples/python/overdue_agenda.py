#!/usr/bin/env python3
"""Keep an agenda of deadlines while cases move, then list what is overdue and what is next.

Usage: overdue_agenda.py

The five-step workflow's timers say what is due when: a first response within one business hour,
a fix within sixteen, a follow-up a day after it starts. The desk binds its office hours to the
workflow's "business" calendar, and after each event puts the due times of the case's running
timers on the agenda. At the end of the morning it lists the overdue deadlines, earliest first,
and the next one coming up.
"""

import datetime as dt
from typing import Dict

import svcrecover

MORNING = svcrecover.parse_time("2026-11-23T08:00:00Z")  # a Monday

# (minutes after 08:00, case id, event or "open")
EVENTS = [
    (0, "C-1041", "open"),
    (5, "C-1042", "open"),
    (20, "C-1041", "identified"),
    (25, "C-1041", "apologized"),
    (40, "C-1043", "open"),
    (45, "C-1042", "identified"),
    (90, "C-1044", "open"),
    (95, "C-1041", "listened"),
    (100, "C-1041", "fixed"),
    (110, "C-1041", "atoned"),
]


def office_hours() -> svcrecover.Calendar:
    with svcrecover.CalendarBuilder("office") as b:
        for day in ("mon", "tue", "wed", "thu", "fri"):
            b.add_hours(day, dt.time(8), dt.time(18))
        return b.build()


def track(agenda: svcrecover.Agenda, case: svcrecover.Case, config: svcrecover.TimerConfig) -> None:
    """Bring the agenda in line with the case: the due times of its running timers, none other."""
    agenda.remove_case(case.id)
    for timer in case.timers(at=case.last_at, config=config):
        if timer.due_at is not None:
            agenda.add(case.id, timer.name, timer.due_at)


def main() -> None:
    workflow = svcrecover.Workflow.builtin("five-step")
    config = svcrecover.TimerConfig(workflow, calendars={"business": office_hours()})
    cases: Dict[str, svcrecover.Case] = {}
    with svcrecover.Agenda() as agenda:
        for minutes, case_id, event in EVENTS:
            at = MORNING + dt.timedelta(minutes=minutes)
            if event == "open":
                cases[case_id] = svcrecover.Case(workflow, case_id, opened_at=at)
                cases[case_id].facts["expectation"] = "parcel delivered on Monday"
                cases[case_id].facts["customer_wish"] = "a replacement by Friday"
                cases[case_id].facts["atonement"] = "a 10 EUR voucher"
            else:
                cases[case_id].apply(event, role="agent", at=at)
            track(agenda, cases[case_id], config)

        now = MORNING + dt.timedelta(hours=3)
        print(f"At {svcrecover.format_time(now)}: {agenda.count_overdue(now)} of {len(agenda)} deadlines overdue")
        for entry in agenda.due_before(now):
            late = (now - entry.due_at) // dt.timedelta(minutes=1)
            print(f"  {entry.case_id} {entry.timer}: due {svcrecover.format_time(entry.due_at)}, {late} min late")
        upcoming = next((e for e in agenda if e.due_at >= now), None)
        if upcoming is not None:
            print(f"Next: {upcoming.case_id} {upcoming.timer} at {svcrecover.format_time(upcoming.due_at)}")


if __name__ == "__main__":
    main()
