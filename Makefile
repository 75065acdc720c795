# One command to run the portal, one to test it. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# The first Python of at least 3.12 on PATH (pyenv picks .python-version's 3.13.0).
PYTHON ?= $(shell for p in python3.13 python3.12 python3 python; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; \
	then command -v $$p; break; fi; done)
RUN_ENV := DEBUG=$${DEBUG:-1} SECURE=$${SECURE:-0}

.PHONY: help run test test-faults api-lint lint format e2e bench bench-pdf bench-voting bench-pages setup messages migrate seed worker beat clean

help:
	@echo "make run    set up, migrate, load the demo association, serve on http://127.0.0.1:8000"
	@echo "make test   install what the tests need and run the whole suite"
	@echo "make e2e    the journeys in Chromium with axe-core (needs PostgreSQL, Redis)"
	@echo "make test-faults  break Redis under a running portal (needs PostgreSQL)"
	@echo "make api-lint  Spectral over the OpenAPI document, a bounded schemathesis run (PostgreSQL)"
	@echo "make lint   ruff check and format check, import contracts, makemigrations --check"
	@echo "make security  bandit and pip-audit (docs/security.md)"

$(PY):
	@if [ -z "$(PYTHON)" ]; then \
		echo "No Python 3.12 or newer found. Install one (e.g. 'pyenv install 3.13.0', or your"; \
		echo "system's python3.13 package) and run make again."; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(PY)
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed to install Bootstrap (apt-get install npm)"; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

# A development checkout runs with DEBUG on, also for a bare `.venv/bin/python manage.py ...`.
.env:
	@printf '# Development settings, made by make (see .env.example). Not for production.\nDEBUG=1\n' > $@

setup: $(VENV)/.installed node_modules/.installed messages .env

messages: $(VENV)/.installed
	@$(BIN)/pybabel compile -d locale -D django --statistics

migrate: setup
	$(RUN_ENV) $(PY) manage.py migrate --noinput

seed: migrate
	$(RUN_ENV) $(PY) manage.py load_seed

run: seed
	@echo ""
	@echo "Demo log-ins (password Dimpact-demo-2020): secretariaat, voorzitter, rvc, controller,"
	@echo "  secretaris.deventer, secretaris.raalte, portefeuillehouder.deventer  (see README.md)"
	@echo "Serving on http://127.0.0.1:8000"
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# Two processes (pytest-xdist), each with its own test database and Redis database
# (tests/settings.py); the tests that start a worker or a server run in one of them, in turn.
# TEST_PROCESSES=0 runs the suite in one process.
TEST_PROCESSES ?= 2
test: setup
	$(RUN_ENV) $(BIN)/pytest -m "not faults and not api_fuzz and not e2e" \
	  -n $(TEST_PROCESSES) --dist loadgroup $(PYTEST_ARGS)

# The journeys in Debian's Chromium (headless) against the web server (dimpact_portal.server),
# PostgreSQL, Redis and a Celery worker, with axe-core (from node_modules) on every page; screenshots in artefacts/e2e/.
e2e: setup
	$(RUN_ENV) $(BIN)/pytest -m e2e tests/e2e $(PYTEST_ARGS)

# Fault tests: a Redis of the test's own stopped and frozen under the web server, a worker and beat
# (needs PostgreSQL in DATABASE_URL and redis-server; see tests/faults/).
# Known flake (issue 12's note): once in about four runs the letter filed while Redis was frozen
# had not rendered 120 s after it resumed. A second run is allowed and said out loud, so a
# failure that repeats still fails CI.
test-faults: setup
	$(RUN_ENV) $(BIN)/pytest -m faults -s tests/faults $(PYTEST_ARGS) \
	  || { echo "test-faults: failed once; running it again (known flake, see the Makefile)"; \
	       $(RUN_ENV) $(BIN)/pytest -m faults -s tests/faults $(PYTEST_ARGS); }

# The API's OpenAPI document through Spectral's OpenAPI ruleset (.spectral.yaml; no error
# allowed), then a bounded schemathesis run against the web server (needs PostgreSQL in
# DATABASE_URL).
api-lint: setup
	$(RUN_ENV) $(PY) manage.py spectacular --format openapi-json --file openapi.json --fail-on-warn
	npx --no-install spectral lint --ruleset .spectral.yaml --fail-severity error openapi.json
	@rm -f openapi.json
	$(RUN_ENV) $(BIN)/pytest -m api_fuzz -s tests/api/test_schemathesis.py $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(PY) .ci/function_lengths.py
	$(RUN_ENV) $(PY) manage.py makemigrations --check --dry-run

# Static analysis (bandit, settings in .bandit) and known vulnerabilities of the dependencies
# (pip-audit; says so when PyPI's advisory data cannot be reached). Findings: docs/security.md.
security: $(VENV)/.installed
	$(BIN)/bandit --ini .bandit -q -r . -ll
	.ci/pip_audit.sh

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmarks (bench/): print their figures; need the local PostgreSQL and Redis.
bench-pdf: setup
	$(PY) bench/pdf.py

bench-voting: setup
	$(PY) bench/voting.py $(BENCH_ARGS)

# Every page as every persona at the demo data and at ten times it (bench/README.md).
bench-pages: setup
	$(PY) bench/pages.py $(BENCH_ARGS)

bench: bench-pdf bench-voting bench-pages

worker: setup
	$(BIN)/celery -A dimpact_portal worker --loglevel=INFO

beat: setup
	$(BIN)/celery -A dimpact_portal beat --loglevel=INFO

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles
