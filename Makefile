# wyber — the project's own commands. Only Python 3.11+ and make are needed; everything else
# is installed here, into .venv (and LibreOffice with apt-get when the Word tests need it).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test libreoffice chromium bench lint format clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/wyber

test: $(STAMP) libreoffice chromium
	$(BIN)/python -m pytest

# The Word minutes are tested by converting them to PDF with LibreOffice headless. When `soffice`
# is missing it is installed with apt-get (as root, else through sudo); apt's output is kept in a
# log and shown only when something fails, and the target fails if soffice is still not there.
LIBREOFFICE_PACKAGE := libreoffice-writer-nogui
SOFFICE ?= soffice
libreoffice:
	@command -v $(SOFFICE) >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; \
	  elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	  else echo "make: $(SOFFICE) is missing and installing $(LIBREOFFICE_PACKAGE) needs root or sudo" >&2; exit 1; fi; \
	  command -v apt-get >/dev/null 2>&1 || { echo "make: $(SOFFICE) is missing and there is no apt-get: install LibreOffice yourself" >&2; exit 1; }; \
	  echo "Installing LibreOffice ($(LIBREOFFICE_PACKAGE)) with apt-get for the Word tests..."; \
	  log="$$(mktemp)"; \
	  if ! { $$sudo apt-get update && \
	         $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
	           $(LIBREOFFICE_PACKAGE); } >"$$log" 2>&1; then \
	    cat "$$log" >&2; rm -f "$$log"; \
	    echo "make: could not install $(LIBREOFFICE_PACKAGE) with apt-get (output above)" >&2; exit 1; \
	  fi; \
	  rm -f "$$log"; \
	  command -v $(SOFFICE) >/dev/null 2>&1 || { echo "make: $(LIBREOFFICE_PACKAGE) is installed but $(SOFFICE) is not on PATH" >&2; exit 1; }; \
	}

# The room's browser tests drive Debian's chromium with Playwright. When it is missing it is
# installed with apt-get, like LibreOffice above; never `playwright install`, which downloads
# browsers from the internet and fails offline.
CHROMIUM_PACKAGE := chromium
CHROMIUM ?= /usr/bin/chromium
chromium:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; \
	  elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	  else echo "make: $(CHROMIUM) is missing and installing $(CHROMIUM_PACKAGE) needs root or sudo" >&2; exit 1; fi; \
	  command -v apt-get >/dev/null 2>&1 || { echo "make: $(CHROMIUM) is missing and there is no apt-get: install chromium yourself" >&2; exit 1; }; \
	  echo "Installing chromium with apt-get for the room's browser tests..."; \
	  log="$$(mktemp)"; \
	  if ! { $$sudo apt-get update && \
	         $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
	           $(CHROMIUM_PACKAGE); } >"$$log" 2>&1; then \
	    cat "$$log" >&2; rm -f "$$log"; \
	    echo "make: could not install $(CHROMIUM_PACKAGE) with apt-get (output above)" >&2; exit 1; \
	  fi; \
	  rm -f "$$log"; \
	  test -x $(CHROMIUM) || { echo "make: $(CHROMIUM_PACKAGE) is installed but $(CHROMIUM) is not there" >&2; exit 1; }; \
	}

bench: $(STAMP)
	@for b in bench/[!_]*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check tui tests bench
	$(BIN)/ruff format --check tui tests bench
	$(BIN)/mypy tui

format: $(STAMP)
	$(BIN)/ruff check --fix tui tests bench
	$(BIN)/ruff format tui tests bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
