"""The places ``discover`` makes from every dialect's layout (the tool folders that open a project, the folders a
dialect keeps its records in) follow the registry: a plugin dialect registered after a first discovery is seen at its
places once ``registry.reset`` is called (they were ``functools`` caches that reset did not clear, so the example
plugin's ``.windsurf/rules/`` stayed no project's place in that process)."""
from __future__ import annotations

import subprocess
import sys

LATE = """
import functools
from agentconv import discover, registry
real = registry._entries
without = {k: v for k, v in real().items() if k != "windsurf"}
registry._entries = functools.cache(lambda: dict(without))
registry.reset()
assert "windsurf" not in registry.ids()
print(discover.project_of("pkg/.windsurf/rules/a.md"), discover.home_of("pkg/rules/a.md", "claude"), sep="|")
registry._entries = real
registry.reset()
assert "windsurf" in registry.ids()
print(discover.project_of("pkg/.windsurf/rules/a.md"), discover.home_of("pkg/rules/a.md", "claude"), sep="|")
"""


def test_a_plugin_registered_after_a_first_discovery_is_seen_at_its_places():
    """In a process of its own: the registry's dialects change there (the tests' process keeps its own)."""
    run = subprocess.run([sys.executable, "-c", LATE], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["|pkg/rules/", "pkg/|pkg/"]  # windsurf's project folder, its rules/ folder
