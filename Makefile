# crmsim: the two commands of the README, and the maintenance tasks.
#
#   make course   set up .venv if needed and open the course in JupyterLab
#   make test     set up .venv (with test tools) if needed and run the whole test suite
#
# Only Python 3 (with venv) and make are needed. Installs are pinned by
# requirements-lock.txt (the environment the stored notebook outputs were made in);
# `make test LOCK=` installs the newest releases within pyproject.toml's bounds instead.

PYTHON ?= python3
VENV ?= .venv
LOCK ?= requirements-lock.txt
BIN := $(VENV)/bin
# Extra arguments for `jupyter lab`, e.g. make course LAB_ARGS="--no-browser --port=8899"
LAB_ARGS ?=
# Extra arguments for voila, e.g. make dashboard VOILA_ARGS="--no-browser --port=8866"
VOILA_ARGS ?=
# Extra arguments for pytest, e.g. make test PYTEST_ARGS="-x -k pareto"
PYTEST_ARGS ?=
# Test workers (pytest-xdist): each runs whole test modules and whole notebooks
# (--dist loadscope keeps a notebook's cells in order on one kernel). JOBS=0: one process.
JOBS ?= 2
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
CONSTRAINTS := $(if $(LOCK),-c $(LOCK),)
NOTEBOOKS := notebooks/*.ipynb solutions/*.ipynb exercises/*.ipynb

.PHONY: course dashboard test setup setup-test lint format exercises notebooks lock bench clean help

help:
	@echo "make course     ouvre le cours dans JupyterLab (installe au premier lancement)"
	@echo "make test       installe et lance tous les tests (pytest, doctests, nbval, ruff)"
	@echo "make dashboard  projette le tableau de bord de l'enseignant avec Voila"
	@echo "make exercises  régénère exercises/ depuis solutions/"
	@echo "make notebooks  réexécute leçons, corrigés et exercices (sorties stockées)"
	@echo "make bench      lance les mesures de performance (benchmarks/)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps: reinstall only when the project's requirements change.
$(VENV)/.installed: $(BIN)/python pyproject.toml $(LOCK)
	$(BIN)/python -m pip install --quiet $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml $(LOCK)
	$(BIN)/python -m pip install --quiet $(CONSTRAINTS) -e ".[test]"
	touch $(VENV)/.installed $@

setup: $(VENV)/.installed

setup-test: $(VENV)/.installed-test

course: setup
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. $(LAB_ARGS) notebooks/00_sommaire.ipynb

dashboard: setup
	$(BIN)/voila $(VOILA_ARGS) notebooks/tableau_de_bord.ipynb

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest -n $(JOBS) --dist loadscope $(PYTEST_ARGS) tests crmsim --doctest-modules \
		--nbval --nbval-current-env --nbval-sanitize-with nbval_sanitize.cfg $(NOTEBOOKS)

format: setup-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

exercises: setup
	$(BIN)/python -m crmsim.exercises build

notebooks: setup
	$(BIN)/python -m crmsim.exercises execute notebooks/*.ipynb solutions/*.ipynb
	$(BIN)/python -m crmsim.exercises build

lock: setup-test
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^crmsim' > $(LOCK)

bench: setup
	$(BIN)/python benchmarks/bench_simulation.py
	$(BIN)/python benchmarks/bench_dashboard.py
	$(BIN)/python benchmarks/bench_ecrm.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache test-artifacts
