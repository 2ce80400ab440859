"""Write the caches agentconv starts from: the modules' bytecode, the parsed tables (``tables.py``), the compiled
regular expressions (``rx.py``) and the dataclasses' methods (``dccode.py``), as a first run would, whatever the shell
says.

    python -m agentconv.warm

Python writes bytecode on first use, and agentconv its three caches under the same rule, except where
``PYTHONDONTWRITEBYTECODE`` is set (or ``-B``): in such a shell an install that has none of them compiles them all
again at every start (``agentconv convert FILE`` 21x ``python -c pass`` instead of 6x on the machine of issue 11; a
wheel brings its bytecode, not the three caches). ``make install`` runs this; after ``pip install`` in such a shell, run
it once. It compiles the package (and the dialect plugins' modules, which every run loads), then writes one agent into
every dialect and reads each output back, in memory: every table is parsed and the patterns a conversion compiles are
kept (written at exit), and every module is imported, so every dataclass's methods are compiled; then the expressions a
repository's files need besides (``migrate``'s places of nested projects, each dialect's path globs, model patterns
and name rule, every model reader), which one agent does not reach. Nothing else is written. Exit 1 when some bytecode could not be written.
"""
from __future__ import annotations

import sys

SAMPLE = """---
name: cache-warmer
description: Reviews a change for the warm-up of agentconv's caches. Use when asked to review.
tools: Read, Grep, Glob, Edit, Bash(git diff *), WebFetch, mcp__github__get_issue
model: sonnet
color: blue
---

Review the change: $ARGUMENTS

Explain each finding with the line it is about.
"""
"""The agent written into every dialect (a Claude Code subagent: tools with a scope and an MCP tool, a model)."""
SAMPLE_PATH = ".claude/agents/cache-warmer.md"


def main() -> int:
    sys.dont_write_bytecode = False  # for this process: the caches below are written under the bytecode rule
    import compileall
    import os
    import pkgutil
    from importlib import import_module

    from . import dccode

    dccode.install()  # before any dataclass of agentconv is made: the code of their methods is kept too
    import agentconv
    from dataclasses import replace

    for info in pkgutil.walk_packages(agentconv.__path__, "agentconv."):  # every module's dataclasses
        if not info.name.endswith("__main__"):
            import_module(info.name)

    from . import api, registry
    from .errors import AgentconvError
    from .loss import Policy

    folders = {os.path.dirname(__file__)} | {os.path.dirname(sys.modules[type(d).__module__].__file__ or "")
                                             for d in registry.all_dialects()}
    ok = all(compileall.compile_dir(f, quiet=1) for f in sorted(folders) if f)
    policy, done = replace(Policy(), allow_broaden=True), 0
    for path in (".claude/agents/cache-warmer.md", ".claude/commands/cache-warmer.md"):
        for target in registry.ids():
            try:
                for out in api.convert_all_text(SAMPLE, target, path=path, policy=policy):
                    api.convert_all_text(out.text, "claude", path=out.path, policy=policy)
                    done += 1
            except AgentconvError:  # a target of another kind, a refusal: what it parsed and compiled is kept
                pass
    from . import rx
    from .dialects.helpers import glob_match
    from .discover import home_of, project_of
    from .models import parse

    project_of(".claude/agents/cache-warmer.md")  # where a migration puts a nested project's outputs
    home_of("agents/cache-warmer.md")
    for d in registry.all_dialects():  # each place a name is derived at, or a file is checked against (whatever it is)
        for g in d.table.get("layout", {}).get("detect", []):
            glob_match(SAMPLE_PATH, g)
        spec = d.table.get("model", {})  # the model a dialect detects by, and the ids it takes as written
        for pattern in (spec.get("detect", spec.get("pattern")), spec.get("passthrough"),
                        d.table.get("name", {}).get("pattern")):
            if isinstance(pattern, str):
                rx.compile(pattern)
    parse("vendor/unknown-model")  # no row of models.toml reads it: every row is tried (and the provider/model form)
    print(f"agentconv caches: bytecode {'written' if ok else 'NOT all written'}; {done} conversions there and back")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
