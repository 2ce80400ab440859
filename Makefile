# Two commands on a fresh machine with python3: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
TARGETS := claude copilot opencode gemini codex cursor kiro roo marketplace markdown

.PHONY: demo test bench bench-migrate install clean regen

$(BIN)/agentconv: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# Example dialect plugins (adapters/*/) are installed editable beside the project, so `make test` runs their tests.
PLUGINS := $(wildcard adapters/*/pyproject.toml)
$(VENV)/.plugins: $(BIN)/agentconv $(PLUGINS)
	$(BIN)/python -m pip install --quiet $(foreach p,$(PLUGINS),-e $(dir $(p)))
	@touch $@

install: $(BIN)/agentconv $(VENV)/.plugins

# Convert the bundled examples into every dialect under out/<dialect>/ (exit 8 = some file refused: shown, expected).
demo: install
	@rm -rf out
	@for t in $(TARGETS); do \
	  echo "== examples -> $$t (out/$$t)"; \
	  $(BIN)/agentconv convert examples --to $$t -o out/$$t --quiet || [ $$? -eq 8 ] || exit 1; \
	done
	@echo; $(BIN)/agentconv detect examples
	@echo; echo "== out/copilot/.github/agents/backend-api-developer.agent.md"; head -12 out/copilot/.github/agents/backend-api-developer.agent.md

test: install
	$(BIN)/python -m pytest

regen: install
	$(BIN)/python -m pytest tests/test_golden.py tests/test_cli.py --regen

bench: install
	$(BIN)/python bench/run.py

# `agentconv migrate` at 2,000 and 10,000 Claude agents beside cp -r and rulesync (npm); ~3-4 min. See bench/README.md.
bench-migrate: install
	$(BIN)/python bench/migrate.py

clean:
	rm -rf $(VENV) out .pytest_cache
