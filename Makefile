# Two commands: `make demo` serves the demo site, `make test` runs the whole suite.
# Both make their own virtualenv in .venv from pyproject.toml.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint editor messages clean

$(BIN)/warta: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/warta
	$(BIN)/warta demo --host $(HOST) --port $(PORT)

test: lint
	scripts/ensure-chromium
	scripts/test

# Lint, format and types: part of `make test`, and kept clean.
lint: $(BIN)/warta
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	# PYTHONPATH: a dependency (spylls) installs a top-level `tests` package; ours must win.
	PYTHONPATH=. $(BIN)/mypy

# Rebuild the article editor's bundle (warta/newsroom/static/newsroom/editor/) from the lockfile.
# Only for changing the editor: the built bundle ships in the package, so nothing else needs Node.
editor:
	cd frontend && npm ci --no-audit --no-fund && npm run build

# Regenerate the translation catalogs after changing user-facing strings.
messages: $(BIN)/warta
	cd warta && ../$(BIN)/warta makemessages --locale id --locale en --no-obsolete --no-location
	cd warta && ../$(BIN)/warta compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache
