# Two entry points, each doing all setup on a fresh machine:
#   make demo   — the main job on the bundled examples, outputs in out/
#   make test   — the test suite
.PHONY: demo test setup services bench bench-web clean templates

VENV := .venv
XXGK := $(VENV)/bin/xxgk

setup:
	@bash scripts/setup.sh

demo: setup
	@bash scripts/demo.sh

# services.sh starts PostgreSQL for the web tests and writes the URL to .cache/test-services.env
test: services
	@. ./.cache/test-services.env && $(VENV)/bin/python -m pytest -q

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
