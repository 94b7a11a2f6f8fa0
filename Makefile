# Entry points, each doing all setup on a fresh machine:
#   make demo        — the main job on the bundled examples, outputs in out/
#   make test        — the test suite
#   make serve-demo  — the web application on http://127.0.0.1:8000 with the examples as a demo collection
.PHONY: demo test setup services bench bench-web clean templates serve-demo

VENV := .venv
XXGK := $(VENV)/bin/xxgk

setup:
	@bash scripts/setup.sh

demo: setup
	@bash scripts/demo.sh

# services.sh starts PostgreSQL for the web tests and writes the URL to .cache/test-services.env.
# TEST_JOBS worker processes (pytest-xdist; one per core by default); tests/conftest.py hands out the slow
# tests first and marks modules with a shared expensive fixture as one xdist group (loadgroup).
TEST_JOBS ?= auto
test: services
	@. ./.cache/test-services.env && $(VENV)/bin/python -m pytest -q -n $(TEST_JOBS) --dist loadgroup --no-loadscope-reorder

# a fresh demo data folder each time; the admin password is printed once at the start
serve-demo: setup
	rm -rf out/xxgk-demo && $(XXGK) serve --demo --data out/xxgk-demo

services: setup
	@bash scripts/services.sh

# concurrent uploads against xxgk serve (SQLite, and PostgreSQL when services.sh could start it)
bench-web: services
	@. ./.cache/test-services.env && $(VENV)/bin/python benchmarks/web_load.py

bench: setup
	$(VENV)/bin/python benchmarks/bench.py

# the blank templates committed under templates/workbooks (a test fails if they are stale)
templates: setup
	$(XXGK) template --edition 2021 -o templates/workbooks/xxgk-template-2021.xlsx --force
	$(XXGK) template --edition 2019 -o templates/workbooks/xxgk-template-2019.xlsx --force

clean:
	rm -rf out .pytest_cache
