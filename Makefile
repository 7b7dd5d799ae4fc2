PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast lint format bench loadtest serve screenshots chromium clean lock audit

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Exact versions from the lock files (make lock writes them), then the app itself.
$(VENV)/.installed: requirements.lock | $(BIN)/activate
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: requirements-test.lock $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-test.lock
	touch $@

## make lock: after changing the dependencies in pyproject.toml, pin what they install
lock: | $(BIN)/activate
	$(PY) -m pip install --quiet -e . --group test
	$(PY) scripts/lock.py

## make audit: the locked versions against the known-vulnerability database (needs the network)
audit: $(VENV)/.installed-test
	$(PY) -m pip install --quiet --group audit || echo "make audit: could not install pip-audit"
	$(PY) scripts/audit.py requirements-test.lock

## make run: install, migrate, load the catalogue and serve on http://127.0.0.1:8000 (SQLite)
run: $(VENV)/.installed
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_catalogue
	$(PY) manage.py runserver $(HOST):$(PORT)

## make test: install the test dependencies and Chromium when missing, lint, run every test
test: $(VENV)/.installed-test chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(BIN)/pytest

## make test-fast: the edit loop: lint and every test but the browser and slow ones (no Chromium)
test-fast: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(BIN)/pytest -m "not browser and not slow"

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## make serve: production-style gunicorn with whitenoise; needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS
# Production settings unless told otherwise: without DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS
# the app refuses to start instead of serving with debug pages.
serve: export DJANGO_DEBUG ?= 0
serve: $(VENV)/.installed
	$(PY) manage.py check --deploy
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_catalogue
	$(PY) manage.py collectstatic --no-input
	$(BIN)/gunicorn acupressure.wsgi --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile -

## make bench: requests/s and p95 of the main pages against /healthz (DB=sqlite|postgres)
bench: $(VENV)/.installed-test
	$(PY) scripts/bench.py --database $(or $(DB),sqlite) $(BENCH_ARGS)

## make loadtest: 50 people for 60 s on SQLite, then on PostgreSQL when it answers (DB=sqlite|postgres)
loadtest: $(VENV)/.installed-test
	$(PY) scripts/loadtest.py --database $(or $(DB),auto) $(LOADTEST_ARGS)

screenshots: $(VENV)/.installed-test chromium
	$(PY) scripts/screenshots.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
