# Two commands on a fresh machine with python3: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
TARGETS := claude copilot opencode gemini codex cursor kiro roo marketplace markdown

.PHONY: demo test bench bench-migrate install clean regen docs

$(BIN)/agentconv: pyproject.toml src/agentconv/__init__.py  # the version lives in __init__.py
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip uninstall --quiet --yes agentconv 2>/dev/null || true  # the distribution's name before 0.1.0
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# Example dialect plugins (adapters/*/) are installed editable beside the project, so `make test` runs their tests.
PLUGINS := $(wildcard adapters/*/pyproject.toml)
$(VENV)/.plugins: $(BIN)/agentconv $(PLUGINS)
	$(BIN)/python -m pip install --quiet $(foreach p,$(PLUGINS),-e $(dir $(p)))
	@touch $@

# The bytecode and the tables' and regular expressions' caches, as an installed package has them: a shell with
# PYTHONDONTWRITEBYTECODE=1 writes none, and every start-up would compile them all again (src/agentconv/warm.py).
WARM := $(shell find src adapters -name '*.py' -o -name '*.toml' 2>/dev/null)
$(VENV)/.warm: $(BIN)/agentconv $(VENV)/.plugins $(WARM)
	@$(BIN)/python -m agentconv.warm
	@touch $@

install: $(BIN)/agentconv $(VENV)/.plugins $(VENV)/.warm

# What the tool is for, on one screen: a conversion and its loss report, a refusal that is deliberate, a round
# trip; then every bundled example into every dialect under out/<dialect>/ (one summary line each).
AC := $(BIN)/agentconv
DEMO_OUT := out
REVIEWER := examples/.claude/agents/code-reviewer.md
GIT_REVIEWER := examples/.opencode/agent/git-reviewer.md
BACKEND := examples/.claude/agents/backend-developer.md
demo: install
	@rm -rf $(DEMO_OUT)
	@echo "== 1. A Claude Code agent converted to OpenCode: the file on stdout, the loss report on stderr (-v: infos too)"
	@echo "\$$ agentconv convert $(REVIEWER) --to opencode -v"
	@$(AC) convert $(REVIEWER) --to opencode -v 2>&1
	@echo
	@echo "== 2. Refused on purpose: Copilot cannot scope OpenCode's bash \"git diff *\": allow, so the agent would get every command (exit 6)"
	@echo "\$$ agentconv convert $(GIT_REVIEWER) --to copilot"
	@$(AC) convert $(GIT_REVIEWER) --to copilot 2>&1; echo "exit $$? (never widen an agent's access; --allow-broaden accepts it)"
	@echo
	@echo "== 3. A round trip: Claude Code -> Copilot -> Claude Code gives the same bytes back"
	@echo "\$$ agentconv convert $(BACKEND) --to copilot -q | agentconv convert - --from copilot --to claude -q | cmp - $(BACKEND)"
	@$(AC) convert $(BACKEND) --to copilot -q | $(AC) convert - --from copilot --to claude -q | cmp - $(BACKEND) && echo "identical"
	@echo
	@echo "== 4. Every example into every dialect ($(DEMO_OUT)/<dialect>/; refusals as in 2)"
	@for t in $(TARGETS); do \
	  printf '%-12s' "$$t:"; $(AC) convert examples --to $$t -o $(DEMO_OUT)/$$t 2>&1 | tail -n 1; \
	done
	@echo; echo "The command is $(AC) (or run: . $(VENV)/bin/activate). Try: agentconv detect examples; agentconv explain tool-unmapped"

test: install
	$(BIN)/python -m pytest

regen: install
	$(BIN)/python -m pytest tests/test_golden.py tests/test_cli.py tests/test_packages.py --regen

# docs/reference/*.md from the dialect tables and losses.toml (tests/test_reference.py fails when they drift).
docs: install
	$(BIN)/python -m agentconv.docs docs/reference

bench: install
	$(BIN)/python bench/run.py

# `agentconv migrate` over 2,000 Claude agents on the disk beside cp -r and rulesync (npm), 5 rounds; --big adds 10,000. See bench/README.md.
bench-migrate: install
	$(BIN)/python bench/migrate.py

clean:
	rm -rf $(VENV) out .pytest_cache
