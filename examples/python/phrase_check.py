#!/usr/bin/env python3
"""Check an agent's draft reply for discouraged phrases and suggest alternatives.

Usage: phrase_check.py [DRAFT_FILE]   (without a file, a sample draft is checked)
"""

import sys

import svcrecover

SAMPLE = """Hi Dana,

I understand how annoying this is, and I know how you feel. Your parcel should have
arrived on Monday. I'm sorry: we will send a replacement today.
"""


def main() -> int:
    try:
        draft = SAMPLE
        if len(sys.argv) > 1:
            with open(sys.argv[1], encoding="utf-8") as f:
                draft = f.read()
    except (OSError, ValueError) as e:  # ValueError: the file is not UTF-8
        print(f"phrase_check: {sys.argv[1]}: {e}", file=sys.stderr)
        return 2
    found = svcrecover.phrase_check(draft)
    for match in found:
        line = draft.count("\n", 0, match.start) + 1
        print(f'line {line}: "{draft[match.start:match.end]}" — try instead:')
        for suggestion in match.suggestions:
            print(f"    {suggestion}")
    print(f"{len(found)} discouraged phrase(s) found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
