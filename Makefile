# Two commands do everything on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB := demo/demo.sqlite3

.PHONY: setup run test bench lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml installers/debian-deps.sh
	@bash installers/debian-deps.sh
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip
	@$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

run: setup
	@mkdir -p demo
	@test -f $(DEMO_DB) || { $(BIN)/ykt --db $(DEMO_DB) demo && $(BIN)/ykt --db $(DEMO_DB) check; }
	@$(BIN)/ykt --db $(DEMO_DB) gui

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy yikatong_desktop  # strict on domain/ and services/ (pyproject), checked everywhere
	$(BIN)/lint-imports

test: lint
	@bash installers/debian-deps.sh --test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n auto --maxprocesses=4 --dist worksteal --durations=15

bench: setup
	@$(BIN)/python -m pip install -q -e '.[dev,bench]'
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/roster_model.py
	$(BIN)/python bench/import_roster.py

clean:
	rm -rf $(VENV) demo build *.egg-info
