"""Places beyond a repository's own folders, from each table's ``[layout]``: the folder several tools read
(``shared``: ``.agents/skills/``) and the user-level folders (``user``: ``~/.claude/agents`` ...; ``--scope user``).

A ``user`` template is a path below the home folder, ``~`` being ``$HOME``; ``${VAR:-default}`` is the variable's
value where the vendor honours one (``CLAUDE_CONFIG_DIR``, ``CODEX_HOME``, ``GEMINI_CLI_HOME``, ``XDG_CONFIG_HOME``)
and ``default`` otherwise. The first template is where agentconv writes; all of them (and ``~/`` + ``shared``) are
where it reads. At user scope the home folder is the output root, with the same rules as a repository: nothing
written outside it (a variable pointing elsewhere refuses that dialect), a manifest and a lock in
``~/.agentconv/``, atomic writes, no hand-written file replaced.
"""
from __future__ import annotations

import os
from pathlib import Path
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any, Iterator, Mapping

from . import rx
from .errors import problem

SCOPES = ("project", "user")
_VAR = rx.compile(r"\$\{([A-Z_][A-Z0-9_]*):-([^}]*)\}")


def home(env: Mapping[str, str] | None = None) -> Path:
    """The home folder: ``$HOME`` (tests point it at a temporary folder), else the platform's."""
    env = os.environ if env is None else env
    return Path(env.get("HOME") or os.path.expanduser("~"))


def expand(template: str, env: Mapping[str, str] | None = None, *, defaults: bool = False) -> str:
    """``template`` with its variables (``defaults``: their defaults only) and ``~`` resolved, as an absolute path."""
    env = os.environ if env is None else env
    text = _VAR.sub(lambda m: (m.group(2) if defaults else env.get(m.group(1)) or m.group(2)), template)
    if text == "~" or text.startswith("~/"):
        text = str(home(env)) + text[1:]
    return os.path.normpath(text) if "{name}" not in text else text


def _split(template: str) -> tuple[str, str]:
    head, _, tail = template.partition("{name}")
    return head, tail


def relocate(path: str, src: str, dst: str) -> str:
    """``path`` (written by the template ``src``) at the same name in the template ``dst``."""
    (sh, st), (dh, dt) = _split(src), _split(dst)
    if not (path.startswith(sh) and path.endswith(st)):
        return path
    return dh + path[len(sh):len(path) - len(st) or None] + dt


def user_templates(d: Any) -> list[str]:
    """Where the dialect's tool reads user-level files (empty: none agentconv knows), the first being written."""
    layout = d.table.get("layout", {})
    user = layout.get("user", [])
    user = [user] if isinstance(user, str) else list(user)
    if user and layout.get("shared"):
        user.append("~/" + layout["shared"])
    return user


def target(d: Any, path: str, *, scope: str = "project", shared: bool = False, root: Path | None = None,
           env: Mapping[str, str] | None = None) -> str:
    """The output path (relative to the output root) for a record ``d.output_path`` put at ``path``."""
    layout = d.table.get("layout", {})
    base = layout.get("path", "{name}.md")
    if scope == "project":
        return relocate(path, base, layout["shared"]) if shared and layout.get("shared") else path
    user = user_templates(d)
    if not user:
        raise problem("no-user-folder", dialect=d.id)
    chosen = user[-1] if shared and layout.get("shared") else user[0]
    full = expand(relocate(path, base, chosen), env)
    top = str(root if root is not None else home(env))
    rel = _below(full, top)
    if rel is None or rel == ".":
        raise problem("user-folder-outside-home", dialect=d.id, folder=os.path.dirname(full), top=top)
    return Path(rel).as_posix()


def _below(path: str, top: str) -> str | None:
    """``path`` relative to ``top``, or None when it is not below it."""
    rel = os.path.relpath(os.path.normpath(path), os.path.normpath(top))
    return None if rel == ".." or rel.startswith(".." + os.sep) or os.path.isabs(rel) else rel


def check(targets: list[str], scope: str) -> None:
    """Fail before anything is read when a target dialect has no place at ``scope``."""
    from . import registry

    if scope not in SCOPES:
        raise problem("scope-unknown", scopes=', '.join(SCOPES), scope=scope)
    if scope == "user":
        missing = [t for t in targets if not user_templates(registry.get(t))]
        if missing:
            raise problem("no-user-folders", missing=', '.join(missing))
        kept = [t for t in targets if registry.get(t).table.get("writes", True) is False]
        if kept:  # read at user scope (~/.config/opencode/opencode.json), never written into: it holds other settings
            raise problem("user-file-read-only", kept=', '.join(kept))


def places(dialect: str | None = None, env: Mapping[str, str] | None = None) -> list[tuple[str, str, str]]:
    """(folder, dialect id, template) of every user-level folder to read, the folder absolute and resolved."""
    from . import registry

    out = []
    for d in registry.all_dialects():
        if dialect and d.id != dialect and dialect not in d.table.get("takes", ()):
            continue  # with --from: its folders, and the file of many of its records (opencode.json), as discover
        for t in user_templates(d):
            out.append((os.path.normpath(expand(_split(t)[0], env) or "/"), d.id, t))
    return out


def user_files(root: Path, dialect: str | None = None, env: Mapping[str, str] | None = None,
               exclude: set[str] = frozenset()) -> Iterator[tuple[Any, str, str]]:
    """(entry, dialect id, path to read it as) of every file in a user-level folder below ``root`` (the home folder).
    The path to read it as is where it would be with no variable set, so names come from the file as at any of the
    dialect's places; a file in several dialects' folders belongs to the first. Files ``exclude`` lists (the
    manifest's outputs) are not sources. Only those folders are walked, never the whole home folder."""
    from .batch import SKIP_DIRS, SUFFIXES
    from .dialects.helpers import glob_match
    from .tree import walk

    top = os.path.normpath(str(root))
    mine = []
    for folder, did, template in places(dialect, env):
        rel = _below(folder, top)
        if rel is None:
            continue  # a variable pointing outside the home folder: not ours to read at this scope
        mine.append((Path(rel).as_posix(), did, template))
    if not mine:
        return
    wanted = {m[0] for m in mine}

    def descend(rel: str) -> bool:
        return any(w == rel or w.startswith(rel + "/") or rel.startswith(w + "/") for w in wanted)

    from . import registry

    taken: set[str] = set()
    for e in walk(root, lambda d: d in SKIP_DIRS or d == ".agentconv", descend, descend=descend):
        if e.problem is not None and descend(e.rel):  # a link out of the home folder, where sources could be
            yield e, "", e.rel
            continue
        if e.rel in taken or e.rel in exclude or not e.path.name.lower().endswith(SUFFIXES):
            continue
        for folder, did, template in mine:
            if not e.rel.startswith(folder + "/") and e.rel != folder:  # a folder, or one file (opencode.json)
                continue
            canon = os.path.relpath(expand(_split(template)[0], env, defaults=True), str(home(env))) + \
                e.rel[len(folder):]
            globs = registry.get(did).table.get("layout", {}).get("detect", [])
            if any(glob_match(canon, g) for g in globs):
                taken.add(e.rel)
                yield e, did, Path(canon).as_posix()
                break


def folders(root: Path, env: Mapping[str, str] | None = None) -> list[str]:
    """The user-level folders below ``root`` (relative), where a run's temp files can be: swept, never the rest."""
    top = os.path.normpath(str(root))
    out = set()
    for folder, _, _ in places(None, env):
        rel = _below(folder, top)
        if rel is not None:
            out.add(rel)
    return sorted(r for r in out if not any(r.startswith(o + os.sep) for o in out))
