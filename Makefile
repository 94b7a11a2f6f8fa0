# Two entry points, each doing all setup on a fresh machine:
#   make demo   — the main job on the bundled examples, outputs in out/
#   make test   — the test suite
.PHONY: demo test setup bench clean

VENV := .venv
XXGK := $(VENV)/bin/xxgk

setup:
	@bash scripts/setup.sh

demo: setup
	@bash scripts/demo.sh

test: setup
	$(VENV)/bin/python -m pytest -q

bench: setup
	$(VENV)/bin/python benchmarks/bench.py

clean:
	rm -rf out .pytest_cache
