"""Fail when a function of the portal's code is 60 lines or longer (tests and migrations aside).

Usage: python .ci/function_lengths.py [--top N]   (prints the N longest, default 5)
"""

import ast
import pathlib
import sys

LIMIT = 60
ROOT = pathlib.Path(__file__).resolve().parent.parent
SKIP = {"tests", "migrations", ".venv", "node_modules", "bench", ".git"}


def functions():
    for path in sorted(ROOT.rglob("*.py")):
        if SKIP & set(path.relative_to(ROOT).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                start = min([d.lineno for d in node.decorator_list] + [node.lineno])
                yield node.end_lineno - start + 1, f"{path.relative_to(ROOT)}:{start} {node.name}"


def main() -> int:
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 5
    ranked = sorted(functions(), reverse=True)
    for length, where in ranked[:top]:
        print(f"{length:4d} {where}")
    too_long = [f for f in ranked if f[0] >= LIMIT]
    if too_long:
        print(f"{len(too_long)} function(s) of {LIMIT} lines or more; split them.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
