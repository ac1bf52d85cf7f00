#!/usr/bin/env python3
"""Score an organisation's service-recovery maturity from a JSON questionnaire.

Usage: score_maturity.py ANSWERS.json [MODEL.json]

ANSWERS.json is {"answers": {"<criterion id>": true, "<criterion id>": 0.93, ...}}; the criteria
are those of the built-in model unless MODEL.json gives another.
"""

import sys

from svcrecover import maturity


def main() -> int:
    if len(sys.argv) not in (2, 3):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    model = maturity.Model.builtin()
    if len(sys.argv) == 3:
        with open(sys.argv[2], encoding="utf-8") as f:
            model = maturity.Model.from_json(f.read())
    with open(sys.argv[1], encoding="utf-8") as f:
        answers = maturity.Answers.from_json(f.read(), model)
    result = answers.score()
    print(f"Stage {result.stage}: {result.stage_name}")
    for score in result.stage_scores:
        print(f"  stage {score.stage} {maturity.stage_name(score.stage):<17} {score.met}/{score.total} met, "
              f"{score.unmet} unmet, {score.missing} unanswered")
    if result.stage < 5:
        print(f"To reach {maturity.stage_name(result.stage + 1)}:")
        criteria = {c.id: c for c in model.criteria}
        for gap in result.gaps:
            need = "yes" if gap.kind == "bool" else f"{gap.direction.replace('_', ' ')} {gap.needed:g} (now {gap.given:g})"
            print(f"  - {gap.id}: {need}")
        for id in result.missing:
            if criteria[id].stage == result.stage + 1:
                print(f"  ? {id}: {criteria[id].question}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
