"""Issue 11: detection asks per folder which dialects' places a file can be at (``detection.placed``) and skips, in
``read``'s detection (``best_only``), the dialects at none of their places that cannot pass the best so far
(``detection.OffPlace``). The same answers as asking every dialect: checked here against each glob's own expression,
each dialect's ``place_match`` and the full detection, on folders seen before with other names, and with a plugin
dialect registered after the first use."""
from __future__ import annotations

import itertools
import subprocess
import sys

import pytest

from agentconv import api, registry, rx
from agentconv.dialects.detection import _split_glob, placed
from agentconv.dialects.helpers import glob_source

GLOBS = ["**", "**/AGENTS.md", "x/**", "a/**/b/*.md", "a**/x.md", "a/**", "*.agent.md", "p/*/q/**", "?/*.md",
         "a/**x.md", "SKILL.md", ".claude/agents/**", "a/b**/c.md"]
PARTS = ["a", "b", "x", "q", "p", "c.md", "x.md", "AGENTS.md", "SKILL.md", "r.agent.md", "ax", "bb", ".claude",
         "agents", "", "x.mdx"]


def _split_match(split, path: str) -> bool:
    """What ``placed`` makes of one split glob for ``path``."""
    folder, slash, name = path.rpartition("/")
    folder_rx, name_rx = split
    if name_rx is None:
        return folder_rx.match(folder + slash) is not None
    return folder_rx.match(folder + slash) is not None and name_rx.fullmatch(name) is not None


@pytest.mark.parametrize("glob", GLOBS + sorted({g for d in registry.all_dialects()
                                                  for g in d.table.get("layout", {}).get("detect", [])}))
def test_a_split_glob_matches_the_paths_its_whole_expression_matches(glob):
    whole = rx.compile(glob_source(glob))
    split = _split_glob(glob)
    words = [w for w in glob.replace("*", "/").replace("?", "/").split("/") if w] + PARTS
    paths = {"/".join(p) for n in range(1, 4) for p in itertools.product(words[:9] if n == 3 else words, repeat=n)}
    if split is None:  # asked whole: only the forms that cannot be split come here
        assert "**" in glob.rpartition("/")[2] and glob.rpartition("/")[2] != "**" or "**/" in glob
        return
    for path in sorted(paths):
        assert _split_match(split, path) == (whole.match(path) is not None), (glob, path)


def _each(path: str) -> frozenset[str]:
    return frozenset(d.id for d in registry.all_dialects() if d.place_match(path))


def test_placed_is_each_dialects_place_match_in_a_folder_seen_before_with_other_names():
    names = ["a.md", "b.agent.md", "c.chatmode.md", "d.prompt.md", "SKILL.md", "opencode.json", ".roomodes",
             "e.toml", "f.json", "custom_modes.yaml", "g.md"]
    folders = ["", "docs/", ".claude/agents/", ".claude/agents/team/", ".github/agents/", ".github/prompts/",
               ".claude/skills/x/", "plugins/p/agents/", ".codex/agents/", ".kiro/agents/", ".windsurf/rules/a/",
               "skills/s/", "x/.opencode/agent/y/"]
    for folder in folders:
        for name in names:  # the folder's answer is kept from its first name on
            path = folder + name
            assert placed(path) == _each(path), path
            assert placed(path.replace("/", "\\")) == _each(path), path
    assert placed(None) is None and placed("a\n/b.md") is None


CLAUDE = "---\nname: rev\ndescription: Reviews code\ntools: Read, Grep\nmodel: sonnet\n---\nReview.\n"
COPILOT = "---\nname: rev\ndescription: Reviews code\ntools: ['search', 'edit']\n---\nReview.\n"
COMMAND = "---\ndescription: Commit\nallowed-tools: Bash(git add:*)\n---\nCommit $ARGUMENTS.\n"
PLAIN = "Review the code.\n"


def test_reads_detection_names_the_dialect_full_detection_names_wherever_the_folder_was_seen():
    texts = [CLAUDE, COPILOT, COMMAND, PLAIN, "---\ntrigger: always_on\n---\nUse types.\n", "---\n[\n---\nx\n",
             '{"agent": {"rev": {"description": "Reviews", "prompt": "Review."}}}', 'name = "rev"\nprompt = "x"\n']
    paths = ["docs/a.md", "docs/b.agent.md", "docs/c.prompt.md", ".claude/agents/a.md", ".claude/agents/b.agent.md",
             ".claude/commands/c.md", ".github/prompts/p.prompt.md", ".github/agents/x.md", ".windsurf/rules/r.md",
             "x.md", "x/opencode.json", ".opencode/opencode.json", ".codex/agents/r.toml", "r.toml", None]
    for text, path in itertools.product(texts, paths):
        full = api.detect_decoded(text, path)
        best = api.detect_decoded(text, path, best_only=True)
        assert best.dialect == full.dialect, (text, path)


PLUGIN_LATE = """
import functools
from agentconv import api, registry
text = "---\\ntrigger: glob\\nglobs: \\"**/*.py\\"\\ndescription: Python style\\n---\\nUse type hints.\\n"
path = ".claude/agents/.windsurf/rules/style.md"  # at Claude Code's place too: it scores first, with the place's 10
assert api.detect_decoded(text, path).dialect == "windsurf"  # the example plugin, installed
real = registry._entries
without = {k: v for k, v in real().items() if k != "windsurf"}
registry._entries = functools.cache(lambda: dict(without))
registry.reset()
assert "windsurf" not in registry.ids()
assert api.detect_decoded(text, path, best_only=True).dialect != "windsurf"  # the folder's answer kept
registry._entries = real
registry.reset()
assert api.detect_decoded(text, path, best_only=True).dialect == "windsurf"
assert api.read_text(text, path=path)[1].source == "windsurf"
print("ok")
"""


def test_a_plugin_dialect_registered_after_first_use_is_found_at_its_places():
    """In a process of its own: the registry's dialects change there (the tests' process keeps its own)."""
    run = subprocess.run([sys.executable, "-c", PLUGIN_LATE], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and run.stdout == "ok\n", run.stderr
