# Two commands do everything on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB := demo/demo.sqlite3
TS := resources/translations/yikatong_en.ts
QM := resources/translations/yikatong_en.qm
DIST := build/dist/yikatong

.PHONY: setup run test bench lint clean translations dist dist-check

setup: $(STAMP) $(QM)

$(STAMP): pyproject.toml installers/debian-deps.sh
	@bash installers/debian-deps.sh
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip
	@$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

# The English interface, compiled from its Qt Linguist source (edit the .ts with pyside6-linguist).
$(QM): $(TS) $(STAMP)
	@$(BIN)/pyside6-lrelease -silent $(TS) -qm $(QM)

# After changing interface strings: bring the .ts up to date, then translate what is new.
translations: $(STAMP)
	$(BIN)/pyside6-lupdate $$(find yikatong_desktop/gui -name '*.py' | sort) -ts $(TS) \
		-source-language zh_CN -target-language en -no-obsolete -locations none

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
	@$(MAKE) --no-print-directory dist-check

# The one-folder program (PyInstaller) and the .deb for Debian, UOS and Kylin (installers/README.md).
dist: setup
	@$(BIN)/python -m pip install -q 'pyinstaller>=6.10'
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath build/dist --workpath build/pyi \
		installers/yikatong.spec
	rm -rf build/deb
	installers/linux/build-deb.sh $(DIST) build/deb

# Install the .deb into an empty folder and run the installed program there (demo, screenshots).
dist-check: dist
	$(BIN)/python installers/linux/check_installed.py build/deb/yikatong_*.deb

bench: setup
	@$(BIN)/python -m pip install -q -e '.[dev,bench]'
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/roster_model.py
	$(BIN)/python bench/import_roster.py

clean:
	rm -rf $(VENV) demo build *.egg-info
