"""Identifiers: slugs, name rules, and file names that cannot escape the output directory."""
from __future__ import annotations

import unicodedata

from . import rx
from .errors import problem

_NON_SLUG = rx.compile(r"[^a-z0-9]+")
MAX_NAME_BYTES = 200
"""A name becomes a file name, with a suffix such as ``.agent.md``: file systems take 255 bytes."""


def slugify(text: str) -> str:
    """``Backend Developer`` -> ``backend-developer``; accents folded; '' when nothing is left."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _NON_SLUG.sub("-", folded).strip("-")


def a(word: str) -> str:
    """``word`` after its indefinite article, as a message says it: ``a copilot``, ``an opencode``, ``an agent``."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def stem(path: str, suffixes: list[str]) -> str:
    """The file name without directory and without the longest matching suffix."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    for suf in sorted(suffixes, key=len, reverse=True):
        if name.lower().endswith(suf.lower()) and len(name) > len(suf):
            return name[: -len(suf)]
    return name.rsplit(".", 1)[0] if "." in name[1:] else name


GENERIC_FOLDERS = frozenset({"agents", "agent", "commands", "command", "prompts", "skills", "specialists", "squads",
                             "chatmodes", "plugins", ".claude", ".github", ".opencode", ".gemini", ".codex", ".cursor",
                             ".kiro", ".roo", ".agents", "."})
"""Folders that say nothing about an agent: ``--prefix-collisions`` looks past them for the one that does."""


def prefixed(source: str, name: str, fallback: str = "agent", depth: int = 1, generic: bool = False) -> str:
    """``<folder>-<name>``, the folder being the nearest one of ``source`` that says something
    (``plugins/a/agents/x.md`` and ``plugins/a/commands/x.md`` -> ``a-x``; a skill's own folder, named ``name``,
    says nothing either): how ``--prefix-collisions`` renames two sources that want one target. ``depth``: that
    many such folders, the farthest first (``x/valid/agents/r.md`` at 2: ``x-valid-r``). ``generic``: the folders
    that say nothing count too (the last resort of ``prefixed_apart``)."""
    parts = source.replace("\\", "/").split("/")[:-1]
    folders = [p for p in reversed(parts) if p and p != "." and (generic or p not in GENERIC_FOLDERS) and p != name
               ][:depth] or [fallback]
    return f"{slugify('-'.join(reversed(folders)))}-{name}"


def prefixed_apart(claims: list[tuple[str, str, str]]) -> dict[str, str]:
    """Source -> ``prefixed`` name for sources (``(source, name, fallback)``) that want one target: the nearest
    folder that says something, or as many more of them as it takes to tell the sources apart (two
    ``valid/agents/r.md`` under ``x/`` and ``y/``: ``x-valid-r`` and ``y-valid-r``, not ``valid-r`` twice); where
    only folders that say nothing differ (``t/skills/a/SKILL.md``, ``t/.github/skills/a/SKILL.md``), those too."""
    longest = max((len(s.replace("\\", "/").split("/")) for s, _, _ in claims), default=1)
    for generic in (False, True):  # then the folders that say nothing, where only they differ
        for depth in range(1, longest + 1):
            names = {src: prefixed(src, name, fallback, depth, generic) for src, name, fallback in claims}
            if len(set(names.values())) == len(names):
                return names
    return {src: prefixed(src, name, fallback) for src, name, fallback in claims}  # nothing tells them apart


_NOT_IN_FILE_NAMES = rx.compile(r'[<>:"\\|?*\x00-\x1f\x7f]')
"""What no file name may hold on every system a repository is checked out on (Windows refuses these)."""


def unsafe_file_name(name: str, nested: bool = False) -> str | None:
    """Why ``name`` cannot be a file name as it is (None: it can). A safety rule of agentconv's, not any tool's:
    no folder separator (unless the tool reads sub-folders as part of the name, ``nested``: OpenCode's ``a/b``),
    no ``.``/``..`` or empty part, no character Windows refuses, no part ending in a dot or a blank (Windows drops
    them), at most ``MAX_NAME_BYTES`` bytes a part."""
    parts = name.split("/") if nested else [name]
    if not nested and "/" in name:
        return "holds '/' (a folder, not a file name, there)"
    for part in parts:
        if part in ("", ".", "..") or part.endswith((".", " ")):
            return "is no file name (an empty part, '.', '..', or a trailing dot or blank)"
        if _NOT_IN_FILE_NAMES.search(part):
            return "holds a character a file name cannot (< > : \" \\ | ? * or a control character)"
        if len(part.encode("utf-8")) > MAX_NAME_BYTES:
            return f"is longer than a file name can be ({MAX_NAME_BYTES} bytes)"
    return None


def check_safe(name: str, file: str | None = None) -> str:
    """Refuse a name that would be a path: ``../../x``, ``/etc/x``, ``a\\b``, empty, or control characters."""
    parts = name.split("/")
    if (not name or name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts)
            or not name.isprintable() or ":" in name):
        raise problem("name-unsafe", file=file, name=name)
    if any(len(p.encode("utf-8")) > MAX_NAME_BYTES for p in parts):
        raise problem("name-too-long", file=file, name=name[:40], count=len(name), most=MAX_NAME_BYTES)
    return name
