# gazetag developer tasks. Every target installs what it needs into .venv/ first.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
export VIRTUAL_ENV := $(abspath $(VENV))

.PHONY: help venv dev test test-rust test-python lint fmt bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet "maturin>=1.9.4,<2" "pytest>=7" "pytest-timeout>=2.1" "hypothesis>=6.100" "mypy>=1.10" "ruff>=0.5" "pandas-stubs"
	# The integrations' optional dependencies, so that their tests run.
	$(PY) -m pip install --quiet "pandas>=2.0" "pyarrow>=14" "tqdm>=4.60" "spacy>=3.8,<3.9" \
		"dask[dataframe]>=2024.1" "distributed>=2024.1" "pyspark>=3.5"
	touch $@

venv: $(VENV)/.installed ## Create .venv with the build and test tools

dev: venv ## Build gazetag (release) and install it into .venv
	$(VENV)/bin/maturin develop --release --quiet

test-rust: ## Run the Rust tests of the core
	cargo test --no-default-features --quiet

test-python: dev ## Run the Python tests (GAZETAG_HYPOTHESIS_PROFILE=fast|ci|slow)
	$(PY) -m pytest -q

test: test-rust test-python ## Run every test: Rust, then Python

lint: venv ## cargo fmt --check, clippy -D warnings, ruff, mypy, stubtest
	cargo fmt --check
	cargo clippy --all-targets --quiet -- -D warnings
	cargo clippy --all-targets --no-default-features --quiet -- -D warnings
	$(VENV)/bin/ruff check python tests bench
	$(VENV)/bin/mypy
	$(MAKE) --no-print-directory dev
	$(VENV)/bin/python -m mypy.stubtest gazetag._gazetag --allowlist tests/stubtest_allowlist.txt

fmt: venv ## Format Rust and Python sources
	cargo fmt
	$(VENV)/bin/ruff format python tests bench
	$(VENV)/bin/ruff check --fix python tests bench

bench: dev ## Measure gazetag against its peers, and how each input dimension scales (writes bench/results/)
	$(PY) -m pip install --quiet "ahocorasick-rs>=1.0" "pyahocorasick>=2.0"
	$(PY) bench/bench_core.py
	$(PY) bench/targets.py
	$(PY) bench/scaling.py

clean: ## Remove build outputs and .venv
	cargo clean
	rm -rf $(VENV) bench/results .pytest_cache .hypothesis .mypy_cache .ruff_cache
