# The two commands: `make run` (install, set up, load demo content, serve) and
# `make test` (the whole suite; on PostgreSQL when DATABASE_URL says so).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install dev env migrate demo serve backup restore test test-fast test-browser test-calendar lint format check check-deploy messages screenshots bench instructions search-eval clean ci browser-deps

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e ".[dev]"
	touch $@

# install: what a production server needs (no test or lint tools);
# dev: that plus the tools of make run / make test / make lint.
install: $(VENV)/.installed

dev: $(VENV)/.installed-dev

.env:
	@sed "s/^SECRET_KEY=$$/SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')/" .env.example > .env
	@echo "Wrote .env (DEBUG on, random SECRET_KEY): edit it to configure."

env: .env

migrate: dev env
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

# The links made for use outside a page (QR codes, feeds, shared links) point at
# the address served, whatever PORT says (SITE_URL in the environment wins).
run: demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	@echo "Cổng thông tin: http://$(HOST):$(PORT)/  ·  Quản trị: http://$(HOST):$(PORT)/quan-tri/"
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(MANAGE) runserver $(HOST):$(PORT)

# gunicorn with production settings (DEBUG off); needs SECRET_KEY and ALLOWED_HOSTS
# (docs/deploy.md: the three settings for a trial over plain http).
serve: install
	DEBUG=False $(MANAGE) collectstatic --noinput --verbosity 0
	DEBUG=False $(VENV)/bin/gunicorn -c gunicorn.conf.py

# Database and media in one timestamped archive in BACKUP_DIR (./backups); and back.
backup: install
	$(MANAGE) backup

restore: install
	@[ -n "$(FILE)" ] || { echo "Cách dùng: make restore FILE=backups/thachha-….tar.gz"; exit 2; }
	$(MANAGE) restore "$(FILE)" $(RESTORE_ARGS)

# Tests run in random order (pytest-randomly) in TEST_JOBS processes
# (pytest-xdist; the browser tests all in one of them); the run ends with its
# seed, and `make test TEST_JOBS=0 PYTEST_ARGS=--randomly-seed=N` replays that
# order in one process (`PYTEST_ARGS="-p no:randomly"`: file order).
PYTEST_ARGS ?=
TEST_JOBS ?= 2

test: dev browser-deps
	$(PY) -m pytest -n $(TEST_JOBS) --dist loadgroup $(PYTEST_ARGS)

test-fast: dev
	$(PY) -m pytest -m "not browser" -n $(TEST_JOBS) $(PYTEST_ARGS)

test-browser: dev browser-deps
	$(PY) -m pytest -m browser

# The fast suite once per awkward moment of a commune's calendar, the clock
# travelled there for the whole run (see docs/testing.md for why these):
#   1st of a month 00:30 VN (28/02 in UTC) · 14th 23:30 and 15th 00:30 (the
#   15th–14th reporting cut-off; 14th in UTC) · 31st of a month before a short one ·
#   31/12 23:30 and 01/01 00:30 (the year turns; UTC still in the old one) ·
#   29/02 of a leap year 00:30 (28/02 in UTC).
CALENDAR_MOMENTS ?= \
	2027-03-01T00:30+07:00 \
	2027-05-14T23:30+07:00 \
	2027-05-15T00:30+07:00 \
	2027-01-31T12:00+07:00 \
	2026-12-31T23:30+07:00 \
	2027-01-01T00:30+07:00 \
	2028-02-29T00:30+07:00

# CALENDAR_JOBS passes run side by side (each has its own test database).
CALENDAR_JOBS ?= 2

test-calendar: dev
	$(PY) scripts/test_calendar.py --jobs $(CALENDAR_JOBS) $(CALENDAR_MOMENTS) -- $(PYTEST_ARGS)

# Chromium and Java from Debian, and the npm checkers (axe-core, vnu-jar) used by
# the browser tests.
browser-deps:
	@command -v chromium >/dev/null && command -v java >/dev/null || { echo "Installing Debian's chromium and Java for the Nu checker (needs root)…"; apt-get update -qq && apt-get install -y -qq chromium default-jre-headless >/dev/null; }
	@[ -d node_modules/axe-core ] || npm install --no-audit --no-fund --silent

lint: dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# The production configuration passes Django's deployment checklist.
check-deploy: install
	DEBUG=False SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=thachha.example.vn CACHE_URL=redis://127.0.0.1:6379/1 \
	$(MANAGE) check --deploy --fail-level WARNING

messages: dev
	$(MANAGE) makemessages -l vi --no-obsolete --ignore=.venv --ignore=node_modules --ignore=staticfiles
	$(MANAGE) compilemessages --ignore=.venv

screenshots: dev browser-deps
	$(PY) scripts/screenshots.py

# The HTTP benchmark (docs/performance.md): province-scale data on PostgreSQL
# (BENCH_DATABASE_URL), the portal and a bare Django page under gunicorn, wrk.
# BENCH_ARGS="--quick" for a short run, "--pages home,dashboard" for some pages.
bench: dev
	$(PY) scripts/bench.py $(BENCH_ARGS)

# Instructions per uncached request of each page (valgrind; the bench's data):
# figures that do not move with the machine's load, for before/after.
instructions: dev
	$(PY) scripts/instructions.py $(INSTRUCTIONS_ARGS)

# Search quality on SQLite, and on PostgreSQL when DATABASE_URL names one
# (docs/search.md).
search-eval: install
	$(PY) scripts/search_eval.py

ci: lint check check-deploy test

clean:
	rm -rf $(VENV) staticfiles node_modules .pytest_cache
