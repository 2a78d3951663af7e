# The front door: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1

# Debian packages: WeasyPrint needs Pango; the browser tests need Chromium; the PDF checks
# need poppler's pdftoppm; the shared-cache test starts a redis-server; gettext compiles
# translations.
RUN_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
TEST_DEBS := $(RUN_DEBS) chromium poppler-utils redis-server

.PHONY: run test install install-dev system-run system-test migrate demo lint check messages \
        benchmark bench clean worker backup restore servers-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# As root, install the Debian packages that are missing; otherwise name them.
define debs
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Please install these Debian packages (as root): apt-get install$$missing"; exit 1; \
	  fi; \
	fi
endef

system-run:
	$(call debs,$(RUN_DEBS))

system-test:
	$(call debs,$(TEST_DEBS))

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py demo

run: system-run install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py demo
	@echo ""
	@echo "Partnership is at http://$(HOST):$(PORT)/ (demo users: admin, methodist, teacher, teacher2)"
	@echo ""
	$(BIN)/python manage.py db_worker --queue-name '*' & \
	  trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/gunicorn partnership.wsgi --bind $(HOST):$(PORT) --workers 3 --timeout 120 \
	    --access-logfile -

# One archive of the database and every stored file: var/backups/<UTC time>.tar.gz.
# Restore it with `make restore FILE=var/backups/….tar.gz` into a freshly migrated, empty database.
backup: install
	@mkdir -p var/backups
	$(BIN)/python manage.py backup var/backups/$$(date -u +%Y%m%dT%H%M%SZ).tar.gz

restore: install
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=var/backups/<archive>.tar.gz"; exit 1; }
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py restore "$(FILE)"

# Two gunicorn servers and a db_worker on one PostgreSQL database (scripts/two_servers.sh):
# needs a running PostgreSQL where the role of SERVERS_DATABASE_URL may create databases.
servers-check: install-dev
	bash scripts/two_servers.sh

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run

test: system-test install-dev lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

messages: install-dev
	$(BIN)/python manage.py makemessages -l ru --no-obsolete --ignore='.venv/*' \
	  --ignore='staticfiles/*'
	$(BIN)/python manage.py compilemessages -l ru --ignore='.venv/*'

# Every figure of issue 13 against its target, in one run (about 10 minutes on 2 cores;
# `make bench BENCH_ARGS=--quick` in a few minutes, BENCH_ARGS="--only pdf,docx" a subset).
# Throughput is measured with wrk (Debian package `wrk`, installed here as root; without it a
# thread pool in the benchmark's process, which takes CPU from the servers it measures).
BENCH_ARGS ?=
bench: system-run install-dev
	@command -v wrk >/dev/null || if [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Debian packages: wrk"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	else echo "wrk is not installed (apt-get install wrk): throughput is measured with threads"; fi
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py benchmark --json var/benchmark.json $(BENCH_ARGS)

benchmark: bench

clean:
	rm -rf $(VENV) staticfiles var .pytest_cache
