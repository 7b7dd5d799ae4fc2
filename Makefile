PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast lint format bench loadtest serve screenshots chromium clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet --group test
	touch $@

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
