# Everything a newcomer needs: `make demo` and `make test` set themselves up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test test-fast lint typecheck bench eval clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install --quiet -e '.[dev,scale,rules]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/custody demo

test: $(STAMP)
	$(BIN)/python -m pytest -q --cov --cov-report=

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

# mypy finds modules by folder name; the distribution maps reviewer/ to custody/reviewer, so
# type-check (and check the import contracts) through a small tree of links that mirrors the
# installed layout.
lint: $(STAMP)
	$(BIN)/ruff check reviewer agents prompts tests benchmark/*.py
	mkdir -p build/typecheck/custody
	for d in reviewer agents prompts; do ln -sfn ../../../$$d build/typecheck/custody/$$d; done
	cd build/typecheck && MYPYPATH=. ../../$(BIN)/mypy --config-file ../../pyproject.toml -p custody
	cd build/typecheck && PYTHONPATH=. ../../$(BIN)/lint-imports --no-cache ../../pyproject.toml

typecheck: lint

eval: $(STAMP)
	$(BIN)/custody -v eval --per-set benchmark/scenarios benchmark/realworld

# The worker-throughput bench runs on PostgreSQL and Redis: start them as CI does (loopback only).
bench: $(STAMP)
	eval "$$(bash .ci/postgres.sh)" && eval "$$(bash .ci/redis.sh)" && \
	  CUSTODY_TEST_POSTGRES_URL="$$CUSTODY_TEST_POSTGRES_URL" CUSTODY_TEST_REDIS_URL="$$CUSTODY_TEST_REDIS_URL" \
	  $(BIN)/python -m benchmark.run

clean:
	rm -rf $(VENV) .custody .pytest_cache .mypy_cache .ruff_cache
