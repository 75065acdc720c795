#!/usr/bin/env bash
# Known vulnerabilities of the installed dependencies (pip-audit against PyPI's advisory data).
# Without a way to PyPI every package is reported "not found": say so plainly and do not fail
# CI for that alone; a vulnerability found fails it.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(.venv/bin/pip-audit --progress-spinner off --skip-editable 2>&1)
status=$?
echo "$out"
total=$(.venv/bin/pip list --format freeze --exclude-editable 2>/dev/null | wc -l)
skipped=$(grep -c "could not be audited" <<<"$out" || true)
if [ "$status" -eq 0 ] && [ "$skipped" -ge "$((total - 1))" ]; then
  echo "pip-audit: PyPI's advisory data could not be reached ($skipped of $total packages not audited)."
  echo "pip-audit: NOT AUDITED here; run 'make security' where PyPI's advisory data can be reached."
  exit 0
fi
exit "$status"
