#!/usr/bin/env python3
"""Close the recovery loop for one complaint on the built-in four-stage workflow: a survey
detractor opens a solicited case, a refund above the agent's limit is approved, the root cause
is classified by taxonomy code and its owner notified (the records an outbox would deliver), and
the customer's satisfaction and the Pareto by code are measured.

Usage: recovery_loop.py TAXONOMY.json
"""

import json
import sys
from datetime import timedelta
from typing import Any, Dict, List

import svcrecover
from svcrecover.insight import Insight

OPENED = svcrecover.parse_time("2026-11-23T09:00:00Z")
SURVEY = ('{"customer": "K-7", "score": 2, "scale": [1, 5], "at": "2026-11-23T08:30:00Z",'
          ' "comment": "Late again", "had_problem": true}')
BASELINE = ('{"customer": "K-9", "score": 4, "scale": [1, 5], "at": "2026-11-23T08:40:00Z",'
            ' "had_problem": false}')


def main(argv: List[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        taxonomy = svcrecover.Taxonomy.from_json(f.read())
    outbox: List[Dict[str, Any]] = []
    response = svcrecover.SurveyResponse.from_json(SURVEY)
    if not response.is_detractor(2):
        return 1
    case = svcrecover.Case(svcrecover.Workflow.builtin("four-stage"), "C-7", opened_at=OPENED)
    case.bind_taxonomy(taxonomy)
    minute = timedelta(minutes=1)
    case.facts["solicited"] = True
    case.facts["expectation"] = "parcel on Monday; it came on Thursday"
    case.apply("identified", role="agent", at=OPENED + minute, actor="ann")
    case.assign("ann", role="supervisor", at=OPENED + minute, actor="sue")
    refund = svcrecover.Money.parse("60.00 EUR")
    case.change_fact("compensation", refund, role="agent", at=OPENED + 2 * minute, actor="ann")
    case.facts["resolution"] = "reshipped and refunded the shipping"
    try:
        case.apply("resolved", role="agent", at=OPENED + 3 * minute, actor="ann")
    except svcrecover.PermissionDeniedError as error:
        print(f"refused: {error.amount} is above {error.limit}; ask a {error.approver_role}")
        outbox.append(case.notify_approval_request("compensation", role="agent", at=OPENED + 3 * minute, actor="ann"))
        case.approve("compensation", refund, role="supervisor", approver="sue", at=OPENED + 4 * minute)
        case.apply("resolved", role="agent", at=OPENED + 5 * minute, actor="ann")
    outbox.append(case.notify_transition())
    case.facts["communication"] = "told the customer what happened and what we did"
    case.change_fact("root_cause", "carrier delay", role="agent", at=OPENED + 6 * minute, actor="ann")
    case.apply("classified", role="agent", at=OPENED + 6 * minute, actor="ann")
    outbox.append(case.notify_owner(role="agent", at=OPENED + 7 * minute, actor="ann"))
    case.change_fact("satisfaction", 5, role="agent", at=OPENED + timedelta(days=2), actor="ann")
    case.apply("integrated", role="agent", at=OPENED + timedelta(days=2), actor="ann")
    for record in outbox:
        print("outbox:", json.dumps(record, sort_keys=True))
    for entry in case.log:
        print(f"{entry.at:%Y-%m-%d %H:%M} {entry.event:<10} {entry.role:<10} {entry.actor or '-'}")

    # The four-stage workflow follows up in "integration": its "integrated" event is the satisfied one.
    insight = Insight(satisfied_event="integrated")
    insight.add_case(case)
    insight.add_survey(svcrecover.SurveyResponse.from_json(BASELINE))
    paradox = insight.paradox()
    print(f"state {case.state}, assignee {case.assignee}; satisfaction: recovered "
          f"{paradox.recovered.mean:.1f} ({paradox.recovered.count}), never failed "
          f"{paradox.no_failure.mean:.1f} ({paradox.no_failure.count})")
    for row in insight.pareto_by_code(taxonomy, level=1):
        print(f"cause {row.code}: {row.cases} case(s), owner {row.owner_team} <{row.owner_contact}>")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
