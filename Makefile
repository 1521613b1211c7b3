# argmap: `make map` renders the shipped corpus, `make test` runs the tests. Both set up everything first.
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
ARGMAP  := $(VENV)/bin/argmap
STAMP   := $(VENV)/.installed
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
OUT     ?= out
CORPUS  ?= corpus

.PHONY: setup system-deps map test bench clean

setup: $(STAMP) system-deps

# Reinstall only when the project's metadata changed (idempotent and quick otherwise).
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $(STAMP)

# Debian packages: Graphviz's `dot` for maps, Chromium for the browser tests of the HTML map.
system-deps:
	@command -v dot >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq graphviz >/dev/null; }
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }

map: setup
	@mkdir -p $(OUT)
	$(ARGMAP) claims $(CORPUS) --format json -o $(OUT)/claims.json
	$(ARGMAP) render $(CORPUS) -o $(OUT)/map.svg
	$(ARGMAP) render $(CORPUS) -o $(OUT)/map.html
	$(ARGMAP) stances $(CORPUS) --format markdown -o $(OUT)/stances.md
	@echo "wrote $(OUT)/claims.json $(OUT)/map.svg $(OUT)/map.html $(OUT)/stances.md"

test: setup
	$(PY) -m pytest

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf $(OUT) .pytest_cache
