# Two commands: `make demo` serves the demo site, `make test` runs the whole suite.
# Both make their own virtualenv in .venv from pyproject.toml.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test messages clean

$(BIN)/warta: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/warta
	$(BIN)/warta demo --host $(HOST) --port $(PORT)

test: $(BIN)/warta
	scripts/ensure-chromium
	scripts/test

# Regenerate the translation catalogs after changing user-facing strings.
messages: $(BIN)/warta
	cd warta && ../$(BIN)/warta makemessages --locale id --locale en --no-obsolete --no-location
	cd warta && ../$(BIN)/warta compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache
