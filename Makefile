# Two commands: `make demo` and `make test`. Each sets itself up from nothing.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# apt-get as root, or through sudo when there is one; empty when neither works.
APT    := $(shell if [ "$$(id -u)" = 0 ]; then echo apt-get; elif command -v sudo >/dev/null; then echo "sudo apt-get"; fi)

.PHONY: demo test lint bench bench-stream docs clean dot browser

$(PY):
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python3 -m venv failed: installing python3-venv"; \
	  $(APT) update -qq && $(APT) install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.demo: $(PY) pyproject.toml
	$(PY) -m pip install -q -e '.[plot]'
	@touch $@

$(VENV)/.test: $(PY) pyproject.toml
	$(PY) -m pip install -q -e '.[test,plot,image,notebook,onnx]'
	@touch $@

# Graphviz's `dot` renders the diagrams; the tests use the real one.
dot:
	@command -v dot >/dev/null || { \
	  echo "installing Graphviz (dot) with apt-get"; \
	  $(APT) update -qq && $(APT) install -y -qq graphviz >/dev/null; }

# Browser for the HTML player's and the notebooks' tests (Debian's chromium, and the
# chromedriver of the same build that selenium drives); CI must run them, not skip them.
browser:
	@{ command -v chromium >/dev/null && command -v chromedriver >/dev/null; } || { \
	  echo "installing chromium and chromium-driver with apt-get"; \
	  $(APT) update -qq && $(APT) install -y -qq chromium chromium-driver >/dev/null; }

OUT := out/demo
demo: $(VENV)/.demo dot
	$(VENV)/bin/tinygraph train --iterations 1500 --report $(OUT)/report.json --plot $(OUT)/costs.png \
	  --mislabelled $(OUT)/mislabelled.png --save $(OUT)/model.h5
	$(VENV)/bin/tinygraph render --model $(OUT)/model.h5 --grads -o $(OUT)/network.svg
	$(VENV)/bin/tinygraph step --layers 4,3,1 --examples 3 --html $(OUT)/backprop.html
	@echo; echo "make demo wrote, in $(OUT)/:"; \
	  echo "  report.json      the training run: settings, costs, accuracies, time"; \
	  echo "  costs.png        the cost curve, as the course draws it"; \
	  echo "  mislabelled.png  the test pictures the network got wrong"; \
	  echo "  model.h5         the trained network (tinygraph predict --model $(OUT)/model.h5 PICTURE)"; \
	  echo "  network.svg      its graph with the gradients of one backward pass"; \
	  echo "  backprop.html    backprop one node at a time: open it in a browser, arrow keys step"

lint: $(VENV)/.test
	$(VENV)/bin/ruff check .

test: $(VENV)/.test dot browser lint
	$(PY) -m pytest -q -rs

bench: $(VENV)/.test
	$(PY) benchmarks/run.py
	$(PY) benchmarks/bench_render.py
	$(PY) benchmarks/bench_classroom.py
	$(PY) benchmarks/bench_check.py

# train --stream on 100,000 pictures (1.2 GB written to a temporary directory): peak memory
bench-stream: $(VENV)/.test
	$(PY) benchmarks/stream_memory.py

# Re-draw the diagrams in docs/ from the code (a test checks they are current).
docs: $(VENV)/.test dot
	$(PY) docs/build.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
