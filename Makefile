# Quick start: `make data` builds the tables, `make test` runs the whole suite. Both create .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SOURCES ?= $(or $(EURASIA_SOURCES),$(wildcard ../shared/seeds))
SOURCES_ARG := $(if $(SOURCES),--sources $(SOURCES),)

.PHONY: data test clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

data: $(VENV)/.installed
	$(PY) build.py $(SOURCES_ARG)

test: data
	EURASIA_SOURCES=$(SOURCES) $(PY) -m pytest -q

clean:
	rm -rf $(VENV) src/eurasia_data/data .pytest_cache .hypothesis
