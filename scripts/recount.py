#!/usr/bin/env python3
"""Recount a secret poll from its published JSON alone: `python scripts/recount.py FILE`.

Needs Python 3.11+ and this repository's `voting/crypto.py` and `voting/recount.py` (no
Django, no database; gmpy2 makes it faster where installed). Exit status 0 when every check
holds, 1 otherwise."""

import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from voting.recount import recount


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    data = json.loads(pathlib.Path(argv[1]).read_text())
    report = recount(data)
    print(f"poll {data['poll']}: {report.ballots} ballots, trackers and product recomputed")
    for name, total in report.totals.items():
        print(f"  {name}: {total}")
    for problem in report.problems:
        print(f"PROBLEM: {problem}")
    print("recount agrees with the published result" if report.ok else "recount FAILED")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
