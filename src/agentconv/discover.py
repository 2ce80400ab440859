"""Find the agent files of a repository: each dialect's documented places, ``.gitignore`` honoured.

A file is a candidate when its path matches a ``[layout] detect`` glob of some dialect's table, so a
new dialect's places are found without touching this module. Files agentconv generated itself (listed
in the manifest) are never taken as sources.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from functools import lru_cache
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any, Callable, Iterator

from . import limits, registry
from .batch import SKIP_DIRS, SUFFIXES, kiro_prompt, kiro_prompt_reason
from .dialects.helpers import glob_match
from .tree import Entry, walk


def _skipped(folder: str) -> bool:
    """A folder name discovery never enters: tooling's, and agentconv's own (``.agentconv/``: manifest, lock)."""
    return folder in SKIP_DIRS or folder == ".agentconv"


def _ignore_spec(root: Path):
    """``.gitignore`` files at any depth and ``.git/info/exclude``, as one spec (None: nothing to honour). A line
    that is not a valid pattern (``[z-a]``) matches nothing, as in git."""
    files = [root / ".git" / "info" / "exclude"] if (root / ".git" / "info" / "exclude").is_file() else []
    for dirpath, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not _skipped(d)]  # a folder never walked: its .gitignore cannot matter
        if ".gitignore" in names:
            files.append(Path(dirpath) / ".gitignore")
    if not files:
        return None
    import pathspec  # only when there is something to honour

    lines = []
    for f in files:
        base = "." if f.name == "exclude" else f.parent.relative_to(root).as_posix()
        try:
            text = limits.read_file(f).decode("utf-8", errors="replace")
        except (OSError, limits.LimitError):  # a FIFO or a huge file named .gitignore: not ours to read
            continue
        for line in text.splitlines():
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            if base != ".":  # patterns in nested .gitignore files are relative to their folder
                neg = s.startswith("!")
                s = s[1:] if neg else s
                s = ("!" if neg else "") + base + "/" + s.lstrip("/") if "/" in s.rstrip("/") else \
                    ("!" if neg else "") + base + "/**/" + s
            lines.append(s)
    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:  # noqa: BLE001 - a pattern git cannot use either (`[z-a]`): it matches nothing, as in git
        return pathspec.GitIgnoreSpec.from_lines([s for s in lines if _usable(pathspec, s)])


def _usable(pathspec, line: str) -> bool:
    try:
        pathspec.GitIgnoreSpec.from_lines([line])
        return True
    except Exception:  # noqa: BLE001 - re.error and whatever else a pattern compiler raises
        return False


def _command_readme(e: Entry) -> bool:
    """A ``README.md`` in a folder whose every ``*.md`` its tool loads as a command is a command (``/README``), as
    ``convert DIR`` takes it (batch.discover): Claude Code 2.1.332 lists ``.claude/commands`` with ripgrep ``--files
    --glob *.md`` (or a walk keeping each name ending in ``.md``) and loads each file it finds, no name left out but
    a folder's other files beside its ``SKILL.md``; a plugin's commands/ likewise (the 2.1.332 binary's
    loadMarkdownFilesFromDir and its commands loader, read 2026-11-29)."""
    from .batch import plugin_command
    from .instructions import in_a_dialect_place

    return in_a_dialect_place(e.rel, "command") or plugin_command(Path(e.full))


def agent_files(root: str | Path, *, dialect: str | None = None, exclude: set[str] = frozenset(),
                skipped: Callable[[Entry, str], None] | None = None) -> Iterator[Entry]:
    """(path, repo-relative posix path, problem) of every agent file under ``root``, sorted. Files that a manifest
    below ``root`` lists (written by agentconv: ``migrate``, ``convert -o``) are outputs, not sources. A link out
    of the repository (a file, or a folder) comes with its ``problem`` and is never read (``tree.walk``).
    ``skipped(entry, reason)`` hears of the files a user could take for agents that are not taken, so that a run
    accounts for each: one at a dialect's place that git ignores (and does not track), a README there, and (without
    ``dialect``) the files the tools load as instructions, or run by name, that agentconv does not read as agents
    (``instructions.toml``: ``AGENTS.md``, Cursor commands ...)."""
    from . import manifest as mf
    from .instructions import bare_names, instructions, skip_reason

    root = Path(root)
    globs = []
    folders: list[tuple[str, str, str]] = []  # (glob of any file there, dialect, the files its tool loads there)
    for d in registry.all_dialects():
        if dialect and d.id != dialect and dialect not in d.table.get("takes", ()):
            continue  # with --from: that dialect's places, and those of a file of many of its records (opencode.json)
        globs += d.table.get("layout", {}).get("detect", [])
        folders += [(g.rpartition("/")[0] + "/*", d.id, g.rpartition("/")[2]) for g in
                    d.table.get("layout", {}).get("detect", []) if "/" in g and g.rpartition("/")[2].startswith("*.")]
    spec = _ignore_spec(root)
    ignored = (lambda rel: spec.match_file(rel)) if spec is not None else (lambda rel: False)
    outputs: set[str] = set()
    checked: set[str] = set()

    def listed(rel: str) -> bool:  # the manifests of the folders above a file, each read once
        parts = rel.split("/")[:-1]
        for i in range(len(parts) + 1):
            folder = "/".join(parts[:i]) or "."
            if folder not in checked:
                checked.add(folder)
                if os.path.isfile(os.path.join(root, folder, mf.MANIFEST)):
                    prefix = "" if folder == "." else folder + "/"
                    outputs.update(prefix + t for t in mf.load(root / folder).files)
        return rel in outputs

    tracked: frozenset[str] | None = None  # what git's index lists, read when an ignored file is first met
    prompts: dict[str, dict[str, str]] = {}  # the Kiro workspaces whose agents' file:// prompts were looked up

    for e in walk(root, _skipped, lambda rel: not ignored(rel + "/")):
        name = os.path.basename(e.full).lower()
        if e.problem is not None and not name.endswith(SUFFIXES):
            yield e  # a folder link out of the repository
            continue
        if not name.endswith(SUFFIXES) or e.rel in exclude or listed(e.rel):
            if (skipped and not dialect and not name.endswith(SUFFIXES) and os.path.basename(e.rel) in bare_names()
                    and (what := instructions(e.rel)) is not None and e.rel not in exclude and not ignored(e.rel)):
                skipped(e, skip_reason(what))  # a rules file by name (.clinerules): no suffix of ours
            continue
        placed = any(glob_match(e.rel, g) for g in globs) or (
            name.endswith(".toml") and dialect in (None, "codex") and _declared_role(e.full)) or (
            name.endswith(".md") and _in_plugin(root, e.rel, e.full, dialect))
        if ignored(e.rel):
            if tracked is None:
                tracked = _tracked(root)
            if e.rel not in tracked:  # git ignores only what it does not track (gitignore(5)): a committed file counts
                if placed and skipped:
                    skipped(e, "ignored by git (.gitignore or .git/info/exclude, and not tracked): not read")
                continue
        if name == "readme.md" and not (placed and _command_readme(e)):
            if placed and skipped:
                skipped(e, "a project's own documentation, not an agent")
        elif placed and (owner := kiro_prompt(e.full, prompts)) is not None:
            if skipped:
                skipped(e, kiro_prompt_reason(owner))
        elif placed:
            yield e
        elif skipped and not dialect and (what := instructions(e.rel)) is not None:
            skipped(e, skip_reason(what))
        elif skipped and not dialect and (why := package_manifest(e.rel)) is not None:
            skipped(e, why + ": the agents, commands and skills of its plugins are read; the package itself "
                    "converts as a whole, into the agent-plugins, claude-plugin or gemini-extension format")
        elif skipped and (there := next((f for f in folders if glob_match(e.rel, f[0])), None)):
            skipped(e, f"in {there[1]}'s folder, but not a file its tool loads there ({there[2]}): not read")


def _in_plugin(root: Path, rel: str, full: str, dialect: str | None) -> bool:
    """Whether ``rel`` is a markdown file in the commands/ or agents/ folder beside a Claude Code plugin's
    ``.claude-plugin/plugin.json`` inside ``root`` (a plugin at the repository's root, or anywhere off a marketplace's
    plugins/NAME/): Claude Code loads it as its own ("Plugin directory structure",
    code.claude.com/docs/en/plugins-reference), and ``api.plugin_component`` reads it so, in the dialect that it
    names (with ``dialect``: only that one's). A file at another tool's place stays that tool's (plugin_component).
    A Cursor plugin's (``.cursor-plugin/plugin.json``) likewise, in Cursor's dialects (``api.CURSOR_PLUGIN_FOLDERS``)."""
    from .api import PLUGIN_FOLDERS, plugin_component

    parts = rel.split("/")[:-1]
    if not any(p in PLUGIN_FOLDERS and any(os.path.isfile(os.path.join(root, *parts[:i], m, "plugin.json"))
                                           for m in (".claude-plugin", ".cursor-plugin"))
               for i, p in enumerate(parts)):
        return False
    placed = plugin_component(full)
    return placed is not None and dialect in (None, placed[0])


def _declared_role(path: str | os.PathLike[str]) -> bool:
    """``dialects.codex.declared_role``, imported when a ``.toml`` outside every dialect's place is met."""
    from .dialects.codex import declared_role

    return declared_role(path)


def package_manifest(rel: str) -> str | None:
    """What a package manifest at ``rel`` (Claude Code's ``.claude-plugin/plugin.json`` or ``marketplace.json``, a
    Gemini CLI ``gemini-extension.json``) is, in words; None: no such manifest. Never an agent file: it lists a
    package's records (packages.toml)."""
    folder, _, name = rel.replace("\\", "/").rpartition("/")
    if name.lower() in ("plugin.json", "marketplace.json") and folder.rpartition("/")[2] == ".claude-plugin":
        return f"a Claude Code {name.lower()[:-5]} manifest"
    if name == "gemini-extension.json":  # extension-manager.ts EXTENSIONS_CONFIG_FILENAME
        return "a Gemini CLI extension manifest"
    return None


def _tracked(root: Path) -> frozenset[str]:
    """The paths git's index (``.git/index``, versions 2 to 4, read as git's read-cache.c lays it out) lists below
    ``root``, the top of its work tree: a file git tracks is never ignored, whatever ``.gitignore`` says. The index is
    read, not ``git ls-files`` run: a repository's own git config can name programs git would start (an fsmonitor).
    Nothing (no git folder, another layout, an index past the bounds): an empty set, and the ignore rules hold."""
    import struct

    git = root / ".git"
    try:
        if git.is_file():  # a worktree or submodule: "gitdir: PATH"
            line = limits.read_file(git).decode("utf-8", "replace").strip()
            if not line.startswith("gitdir:"):
                return frozenset()
            git = (root / line[7:].strip()).resolve()
        data = limits.read_file(git / "index")
    except (OSError, limits.LimitError):
        return frozenset()
    out: set[str] = set()
    try:
        if data[:4] != b"DIRC":
            return frozenset()
        version, count = struct.unpack(">II", data[4:12])
        if version not in (2, 3, 4):
            return frozenset()
        off, prev = 12, b""
        for _ in range(count):
            start = off
            flags = struct.unpack(">H", data[off + 60:off + 62])[0]
            off += 64 if version >= 3 and flags & 0x4000 else 62
            if version == 4:  # the path: how many bytes of the previous one to drop (git's varint), then the rest
                c = data[off]
                off += 1
                strip = c & 127
                while c & 128:
                    c = data[off]
                    off += 1
                    strip = ((strip + 1) << 7) + (c & 127)
                end = data.index(b"\0", off)
                name = prev[:len(prev) - strip] + data[off:end]
                off = end + 1
            else:  # NUL-padded to a multiple of 8 bytes
                end = data.index(b"\0", off)
                name = data[off:end]
                off = start + ((end - start + 8) & ~7)
            prev = name
            out.add(name.decode("utf-8", "surrogateescape"))
    except (struct.error, ValueError, IndexError):  # a truncated or foreign index: what was read so far
        pass
    return frozenset(out)


_MADE_FOR: list[Any] = [None]  # the ``registry.ids()`` the caches below were made from


def _fresh() -> None:
    """Forget the places made from the dialects' layouts (``_record_folders``, ``_project_marks`` and the answers made
    from them) once the registry holds other dialects: ``registry.reset`` makes a new list of ids (a plugin installed
    or removed in a running process), as ``detection.placed`` tells."""
    ids = registry.ids()
    if _MADE_FOR[0] is not ids:
        for fn in (_record_folders, _project_marks, _project):
            fn.cache_clear()
        _MADE_FOR[0] = ids


def project_of(rel: str) -> str:
    """The folder of the project a found file belongs to, with a trailing ``/`` (``""``: the repository's own root):
    the part of ``rel`` before the tool's folder it was found in (``packages/a/`` of
    ``packages/a/.claude/agents/x.md``), or the folder of a project file (``packages/a/`` of ``packages/a/.roomodes``,
    of ``packages/a/opencode.json`` and of ``packages/a/.opencode/opencode.json``). ``migrate`` writes a nested
    project's targets below that folder, where each tool reads them when it runs there (README, "Nested projects"), so
    two projects' ``x`` never meet in one ``.github/agents/``. A place that is no tool's project folder (a plugin's
    ``plugins/NAME/agents/``, ``*.agent.md`` anywhere), and a path that is not a plain one below the repository
    (``--file ../x.md``), belong to the root: ``""``, as before.

    Where the tools read a project's folder (read 2026-11-29): Claude Code 2.1.332 ``.claude/<agents|commands|skills>``
    of each folder from the working folder up to the git root (binary, getProjectDirsUpToHome); OpenCode each
    ``.opencode/`` and ``opencode.json(c)`` from the working folder up to the worktree (anomalyco/opencode 0bda2717
    packages/opencode/src/config/paths.ts ``directories``, ``files``); VS Code ``.github/agents``, ``.github/prompts``
    relative to each workspace folder (microsoft/vscode 0783120b src/vs/workbench/contrib/chat/common/promptSyntax/config/
    promptFileLocations.ts), up to the repository's root with ``chat.useCustomizationsInParentRepositories``; Gemini
    CLI 0.61.0 ``<targetDir>/.gemini/agents`` (bundle, Storage.getProjectAgentsDir); Codex ``.codex/`` of each folder
    from the project root down to the working folder (openai/codex codex-rs/core/src/config_loader/mod.rs
    ``load_project_layers``). None reads a nested project's folder from the repository's root."""
    _fresh()
    return _project(rel) or ""


@lru_cache(maxsize=4096)
def _project(rel: str) -> str | None:
    """``project_of``, None where ``rel`` is at no tool's project place (``""``: at the root's own)."""
    parts = rel.split("/")
    if not rel or rel.startswith("/") or ".." in parts or "." in parts or "" in parts:
        return None
    folders, files = _project_marks()
    for i in range(len(parts) - 2, -1, -1):  # the deepest tool folder whose place the rest of the path is
        if parts[i] in folders and folders[parts[i]].match("/".join(parts[i:])):
            return "/".join(parts[:i]) + "/" if i else ""
    if parts[-1] in files:
        top = parts[:-2] if len(parts) > 1 and parts[-2] in folders else parts[:-1]  # .opencode/opencode.json:
        return "/".join(top) + "/" if top else ""  # the project holding .opencode
    return None


def home_of(rel: str, dialect: str | None = None) -> str:
    """The folder (with a trailing ``/``; ``""``: the top) that a source at ``rel``, read in ``dialect``, belongs to,
    for ``convert DIR`` to write its outputs below the same folder of ``-o DIR``: a tool's project (``project_of``:
    ``docs/x/`` of ``docs/x/.claude/agents/r.md``), else the folder holding the part of the path the record is named
    by (a command's folders below its ``commands/``, a skill's own folder), without the folder a dialect keeps its
    records in (``agents/``, ``commands/``, ``skills/``, ``agents/specialists/`` ...: ``_record_folders``). So a
    plugin is a home (``plugins/a/`` of ``plugins/a/agents/r.md``, of ``plugins/a/commands/git/c.md`` and of
    ``plugins/a/skills/s/SKILL.md``), and so is any other folder of loose files (``modes/python/`` of
    ``modes/python/dev.yaml``); ``agents/r.md`` and ``r.md`` belong to the top."""
    _fresh()
    project = _project(rel)
    if project is not None:
        return project
    parts = rel.split("/")
    folder = parts[:-2] if parts[-1].lower() == "skill.md" else parts[:-1]  # a skill is named by its folder
    if dialect:
        roots = registry.get(dialect).table.get("layout", {}).get("nest_root", [])
        for root in [roots] if isinstance(roots, str) else roots:  # the innermost folder a command's name starts in
            name = root.rstrip("/").split("/")[-1]
            if name in folder:
                folder = folder[:len(folder) - folder[::-1].index(name)]
                break
    for tail in _record_folders():
        if len(folder) >= len(tail) and tuple(folder[len(folder) - len(tail):]) == tail:
            folder = folder[:len(folder) - len(tail)]
            break
    return "/".join(folder) + "/" if folder else ""


@lru_cache(maxsize=1)
def _record_folders() -> tuple[tuple[str, ...], ...]:
    """The folders (one or more names, the longest first) each dialect keeps its records in, from every ``[layout]
    path`` and ``detect`` glob: the folders before the record's own name (``{name}`` or the first wildcard) after the
    last tool folder or wildcard folder (``agents`` of ``.claude/agents/{name}.md`` and of ``plugins/*/agents/**``,
    ``agents/specialists`` of the catalogue's, ``skills`` of ``skills/*/SKILL.md``, ``prompts``, ``commands`` ...)."""
    tails: set[tuple[str, ...]] = set()
    for d in registry.all_dialects():
        layout = d.table.get("layout", {})
        for g in [layout.get("path", "")] + list(layout.get("detect", [])):
            parts = g.split("/")
            at = next((i for i, p in enumerate(parts) if "{name}" in p or "*" in p and p != "*" or p == "**"), None)
            if at is None or at == 0:
                continue
            tail: list[str] = []
            for p in parts[:at]:
                tail = [] if p.startswith(".") or any(c in p for c in "*?[") else tail + [p]
            if tail:
                tails.add(tuple(tail))
    return tuple(sorted(tails, key=len, reverse=True))


@lru_cache(maxsize=1)
def _project_marks() -> tuple[dict[str, re.Pattern[str]], frozenset[str]]:
    """From every dialect's ``[layout] detect``: the tool folders that open a project's places (``.claude``,
    ``.github``, ...: the first folder of a glob, when it starts with a dot), each with its globs matched from there
    (one expression), and the file names
    a project keeps at its top (``.roomodes``, ``.kilocodemodes``, ``opencode.json(c)``: a glob without a folder or a
    wildcard, of a dialect written to one file there; not Roo's global ``custom_modes.yaml``, nor ``SKILL.md``)."""
    folders: dict[str, list[str]] = {}
    files: set[str] = set()
    for d in registry.all_dialects():
        layout = d.table.get("layout", {})
        path = layout.get("path", "/")  # a dialect written to one file at a project's top: .roomodes, opencode.json
        for g in layout.get("detect", []):
            head, slash, _ = g.partition("/")
            if slash and head.startswith(".") and not any(c in head for c in "*?["):
                folders.setdefault(head, []).append(g)
            elif (not slash and "/" not in path and not any(c in g for c in "*?[")
                  and (g.startswith(".") or g.split(".")[0] == path.split(".")[0] != "")):  # not custom_modes.yaml
                files.add(g)
    from . import rx
    from .dialects.helpers import glob_source

    lead = "(?:^|.*/)"  # glob_source's: any folders before the glob; here the glob starts at the tool folder
    return ({k: rx.compile("(?:" + "|".join(glob_source(g)[len(lead):] for g in v) + ")") for k, v in folders.items()},
            frozenset(files))
