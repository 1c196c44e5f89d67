# Two commands: `make demo` and `make test`. Each sets itself up from nothing.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# apt-get as root, or through sudo when there is one; empty when neither works.
APT    := $(shell if [ "$$(id -u)" = 0 ]; then echo apt-get; elif command -v sudo >/dev/null; then echo "sudo apt-get"; fi)

.PHONY: demo test lint bench docs clean

$(PY):
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python3 -m venv failed: installing python3-venv"; \
	  $(APT) update -qq && $(APT) install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.demo: $(PY) pyproject.toml
	$(PY) -m pip install -q -e '.[plot]'
	@touch $@

$(VENV)/.test: $(PY) pyproject.toml
	$(PY) -m pip install -q -e '.[test,plot,image]'
	@touch $@

# Graphviz's `dot` renders the diagrams; the tests use the real one.
dot:
	@command -v dot >/dev/null || { \
	  echo "installing Graphviz (dot) with apt-get"; \
	  $(APT) update -qq && $(APT) install -y -qq graphviz >/dev/null; }

demo: $(VENV)/.demo
	$(PY) examples/quickstart.py

lint: $(VENV)/.test
	$(VENV)/bin/ruff check tinygraph tests examples benchmarks

test: $(VENV)/.test dot lint
	$(PY) -m pytest -q

bench: $(VENV)/.test
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
