# essterritoire — common tasks. `make help` lists them.
#
#   make demo        local demo on SQLite (venv, migrate, territories, demo accounts, server)
#   make test        lint, Django checks and the fast test suite on SQLite
#   make test-pg     the same test suite on PostgreSQL
#   make test-e2e    browser journeys (Chromium) with the axe-core accessibility check
#
# Variables: PYTHON (python3.11), HOST (127.0.0.1), PORT (8000), PG_URL, PYTEST_WORKERS (2;
# 0 runs serially), PYTEST_ARGS (extra pytest arguments, e.g. PYTEST_ARGS="-k login -x").

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/essterritoire
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=
XDIST := $(if $(filter-out 0 1,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS),)

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help check-system system-deps venv demo test lint checks test-sqlite test-pg test-e2e \
	bench clean

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'

check-system: ## say which system packages are missing (and the apt-get command)
	@scripts/check-system.sh python pango browser

system-deps: ## install the system packages with apt-get (root or sudo)
	@sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	$$sudo apt-get update && \
	$$sudo apt-get install -y python3.11 python3.11-venv libpango-1.0-0 libpangoft2-1.0-0 \
		fonts-dejavu-core chromium poppler-utils

venv: $(STAMP) ## create .venv and install requirements.txt (again when it changes)

$(STAMP): requirements.txt
	@if [ ! -x $(PY) ]; then \
		scripts/check-system.sh python; \
		echo "Création de $(VENV) avec $(PYTHON)"; \
		$(PYTHON) -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

demo: venv ## run the demo on http://127.0.0.1:8000/ (SQLite in var/; PORT=8001 to change)
	@scripts/check-system.sh pango
	@HOST=$(HOST) PORT=$(PORT) scripts/demo-serve.sh --check-port
	env -u DATABASE_URL $(PY) manage.py migrate --noinput
	env -u DATABASE_URL $(PY) manage.py load_territories
	env -u DATABASE_URL $(PY) manage.py seed_demo
	@env -u DATABASE_URL HOST=$(HOST) PORT=$(PORT) scripts/demo-serve.sh

test: venv lint checks test-sqlite ## ruff, Django checks, pytest (not e2e) on SQLite

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

checks: venv
	env -u DATABASE_URL $(PY) manage.py check
	env -u DATABASE_URL $(PY) manage.py makemigrations --check --dry-run

test-sqlite: venv
	env -u DATABASE_URL scripts/pytest.sh -m "not e2e" $(XDIST) --durations=10 $(PYTEST_ARGS)

test-pg: venv ## pytest (not e2e) on PostgreSQL (PG_URL, local server)
	@scripts/ensure-postgres.sh
	DATABASE_URL=$(PG_URL) scripts/pytest.sh -m "not e2e" $(XDIST) --durations=10 $(PYTEST_ARGS)

test-e2e: venv ## browser journeys in Chromium, with the axe-core check
	@scripts/check-system.sh browser
	env -u DATABASE_URL scripts/pytest.sh -m e2e tests/e2e $(PYTEST_ARGS)

bench: venv ## run every benchmarks/bench_*.py
	@set -e; for script in benchmarks/bench_*.py; do \
		echo "== $$script"; \
		$(PY) $$script; \
	done

clean: ## remove caches, collected static files and screenshots (keeps .venv and the database)
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache var/static var/screenshots benchmarks/out
