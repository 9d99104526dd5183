# wyber — the project's own commands. Only Python 3.11+ and make are needed; everything else
# is installed here, into .venv (and, for the tests, LibreOffice, chromium and zbar with apt-get).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV    := $(VENV)/.installed-dev

.PHONY: run test libreoffice chromium zbar bench lint format clean

# `make run` needs wyber alone; the test, benchmark and lint tools come with the first of those.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(DEV): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(DEV)

run: $(STAMP)
	$(BIN)/wyber

# The suite on every core (pytest-xdist): one after another it took 21 minutes on two cores.
# TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto
test: $(DEV) libreoffice chromium zbar
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

# A tool the tests need, installed with apt-get when it is missing (as root, else through sudo):
# apt's output is kept in a log and shown only when something fails, and the target fails if the
# tool is still not there. $(call apt_install,CHECK,TOOL,PACKAGE,PURPOSE): CHECK is a shell test
# that holds when TOOL is there.
define apt_install
	@$(1) || { \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; \
	  elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	  else echo "make: $(2) is missing and installing $(3) needs root or sudo" >&2; exit 1; fi; \
	  command -v apt-get >/dev/null 2>&1 || { echo "make: $(2) is missing and there is no apt-get: install $(3) yourself" >&2; exit 1; }; \
	  echo "Installing $(3) with apt-get for $(4)..."; \
	  log="$$(mktemp)"; \
	  if ! { $$sudo apt-get update && \
	         $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
	           $(3); } >"$$log" 2>&1; then \
	    cat "$$log" >&2; rm -f "$$log"; \
	    echo "make: could not install $(3) with apt-get (output above)" >&2; exit 1; \
	  fi; \
	  rm -f "$$log"; \
	  $(1) || { echo "make: $(3) is installed but $(2) is not there" >&2; exit 1; }; \
	}
endef

# The Word minutes are tested by converting them to PDF with LibreOffice headless.
LIBREOFFICE_PACKAGE := libreoffice-writer-nogui
SOFFICE ?= soffice
libreoffice:
	$(call apt_install,command -v $(SOFFICE) >/dev/null 2>&1,$(SOFFICE),$(LIBREOFFICE_PACKAGE),the Word tests)

# The room's browser tests drive Debian's chromium with Playwright; never `playwright install`,
# which downloads browsers from the internet and fails offline.
CHROMIUM_PACKAGE := chromium
CHROMIUM ?= /usr/bin/chromium
chromium:
	$(call apt_install,test -x $(CHROMIUM),$(CHROMIUM),$(CHROMIUM_PACKAGE),the room's browser tests)

# The room's QR codes are read back with zbarimg, as a phone's camera would read them.
zbar:
	$(call apt_install,command -v zbarimg >/dev/null 2>&1,zbarimg,zbar-tools,the QR code tests)

bench: $(DEV)
	@for b in bench/[!_]*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

lint: $(DEV)
	$(BIN)/ruff check tui tests bench
	$(BIN)/ruff format --check tui tests bench
	$(BIN)/mypy tui

format: $(DEV)
	$(BIN)/ruff check --fix tui tests bench
	$(BIN)/ruff format tui tests bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
