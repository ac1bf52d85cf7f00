#!/usr/bin/env python3
"""Keep an agenda of deadlines while cases move, then list what is overdue and what is next.

Usage: overdue_agenda.py

A helpdesk promises a first response (an apology) within an hour of a complaint, and the
five-step workflow's follow-up step is due a day after it starts. The agenda holds one entry per
(case, deadline); each event the desk applies adds or removes entries. At the end of the morning
it lists the overdue deadlines, earliest first, and the next one coming up.
"""

import svcrecover

MORNING = svcrecover.parse_time("2026-11-23T08:00:00Z")
FIRST_RESPONSE = 3600  # the desk's own promise, in seconds

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


def track(agenda: svcrecover.Agenda, case: svcrecover.Case) -> None:
    """Bring the agenda in line with the case: the deadlines of the step it is in, none other."""
    agenda.remove_case(case.id)
    if case.state in ("identify", "apologize"):
        agenda.add(case.id, "first_response", case.opened_at + FIRST_RESPONSE)
    step = case.state_info
    if step.due_after >= 0:
        agenda.add(case.id, step.name, case.state_since + step.due_after)


def main() -> None:
    workflow = svcrecover.Workflow.builtin("five-step")
    cases = {}
    with svcrecover.Agenda() as agenda:
        for minutes, case_id, event in EVENTS:
            at = MORNING + minutes * 60
            if event == "open":
                cases[case_id] = svcrecover.Case(workflow, case_id, opened_at=at)
                cases[case_id].facts["expectation"] = "parcel delivered on Monday"
                cases[case_id].facts["customer_wish"] = "a replacement by Friday"
                cases[case_id].facts["atonement"] = "a 10 EUR voucher"
            else:
                cases[case_id].apply(event, role="agent", at=at)
            track(agenda, cases[case_id])

        now = MORNING + 3 * 3600
        print(f"At {svcrecover.format_time(now)}: {agenda.count_overdue(now)} of {len(agenda)} deadlines overdue")
        for entry in agenda.due_before(now):
            late = (now - entry.due_at) // 60
            print(f"  {entry.case_id} {entry.timer}: due {svcrecover.format_time(entry.due_at)}, {late} min late")
        upcoming = next((e for e in agenda if e.due_at >= now), None)
        if upcoming is not None:
            print(f"Next: {upcoming.case_id} {upcoming.timer} at {svcrecover.format_time(upcoming.due_at)}")


if __name__ == "__main__":
    main()
