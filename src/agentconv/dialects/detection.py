"""Detection evidence and repository paths for a dialect, all from its table."""
from __future__ import annotations

import re
from functools import cached_property
from types import SimpleNamespace
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from .. import naming, registry, rx
from ..ir import Agent
from ..loss import LossCode, LossReport
from .helpers import KEPT, MISSING, glob_source, glob_word, memo, unscoped

_MEMO = SimpleNamespace()
"""Detection's memo of tool lists, shared by the dialects: per list, the names each ``split_names`` makes of it and
each dialect's score. Every dialect of a file asks for the same list, mostly one none has seen (a batch's lists
differ more than a memo holds): split once, looked up once per dialect, kept once for all."""


_CLAIMS: list[Any] = [None, {}]
"""``[detect] claims`` of the other dialects, per dialect, for the registry's list of ids they were taken from."""


def _claimed_by_others(dialect: Any) -> re.Pattern[str] | None:
    """The paths another dialect's tool takes as its own by their name and place (``[detect] claims``: VS Code, a
    ``.prompt.md`` in ``.github/prompts/``), as one expression: at them, ``dialect`` scores nothing."""
    return _claims(dialect)[0]


def _claims(dialect: Any) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """``_claimed_by_others`` and each of those globs' longest literal text (``glob_word``): a path holding none of
    them is claimed by no other tool, told without the expression."""
    ids = registry.ids()
    if _CLAIMS[0] is not ids:
        _CLAIMS[:] = [ids, {}]
    found = _CLAIMS[1]
    if dialect.id not in found:
        globs = [g for d in registry.all_dialects() if d.id != dialect.id
                 for g in d.table.get("detect", {}).get("claims", ())]
        found[dialect.id] = (rx.compile("|".join(f"(?:{glob_source(g)})" for g in globs)) if globs else None,
                             rx.compile("|".join(map(re.escape, dict.fromkeys(map(glob_word, globs))))) if globs else None)
    return found[dialect.id]


def _tools_seen(dialect: Any, data: dict[str, Any], seen: dict[Any, float]) -> float:
    """``_tools_bound``, kept in ``seen``: one file's bounds by ``_split_key`` and header (see ``score_bound``)."""
    got = seen.get(key := (dialect._split_key, id(data)))
    if got is None:
        got = seen[key] = _tools_bound(dialect, data)
    return got


def _tools_bound(dialect: Any, data: dict[str, Any]) -> float:
    """At least what ``dialect._detect_tools(data)`` scores: each name ``split_names`` makes of the list worth 3 shared
    among the dialects that read it (``_tool_weight``, whether or not ``dialect`` is one of them), 2 more for a comma
    string, 3 for a map; kept in the list's entry of ``_MEMO`` beside its names (one per ``_split_key``)."""
    value = data.get("tools")
    if value is None and "permission" not in data:
        return 0.0
    if isinstance(value, dict) or "permission" in data:
        return 3.0
    split = dialect._split_key
    key = value if isinstance(value, str) else tuple(value) if isinstance(value, list) and all(
        isinstance(v, str) for v in value) else None
    lists = _MEMO.__dict__.get("lists")
    entry = lists.get((type(value), key)) if lists is not None and key is not None else None
    bound = entry.get((_tools_bound, split)) if entry is not None else None
    if bound is None:
        names = entry.get(split) if entry is not None else None
        if names is None:
            names = dialect.split_names(value, "tools", None)
        bound = sum(3.0 / max(1, registry.readers(unscoped(n))) for n in names) + (
            2.0 if isinstance(value, str) and "," in value else 0.0)
        if entry is not None:
            entry[(_tools_bound, split)] = bound
    return bound


_PLACED: list[Any] = [None, {}]
"""The registry's list of ids, ``placed``'s answers per folder and ``OffPlace.asked``'s per set of places, all
taken from that list."""


def _split_glob(glob: str) -> tuple[re.Pattern[str], re.Pattern[str] | None] | None:
    """A ``[layout] detect`` glob as (folder, name) expressions: a path ``F/N`` (N holding no '/') matches the glob
    exactly when ``F + "/"`` matches the first (with ``match``: a prefix of it where the name part is ``**``, the name
    expression then None) and N the second (``fullmatch``); the whole path is tried the same way with ``""`` as its
    folder part when it holds no '/'. None: a glob not split so (a ``**`` inside its name part, a ``**/`` right after
    other text), asked whole per file."""
    head, slash, name = glob.rpartition("/")
    folder = head + slash
    if "**" in name and name != "**" or folder.endswith("**/") and folder not in ("**/",) and folder[-4] != "/":
        return None
    folder_src = glob_source(folder)[:-1] if folder else "(?:^|.*/)"  # glob_source ends with '$'
    if name == "**":
        return rx.compile(folder_src), None
    return rx.compile(folder_src + "$"), rx.compile(glob_source(name)[len("(?:^|.*/)"):])


def placed(path: str | None) -> frozenset[str] | None:
    """The ids of the dialects one of whose ``[layout] detect`` globs matches ``path`` ('/' or '\\' between its
    parts), answered once per folder (the globs split by ``_split_glob``: a file's name is tried only against the name
    parts of the globs whose folder part matches its folder) and per file only where its name matches one of those
    name parts (then each dialect's ``place_match``). None: not known (no path, a line break in it: asked per dialect).
    ``detect_decoded`` skips by it the dialects that score nothing off their places (issue 11)."""
    if not path or "\n" in path:
        return None
    path = path.replace("\\", "/")
    ids = registry.ids()
    if _PLACED[0] is not ids:
        _PLACED[:] = [ids, {}, {}]
    folder, slash, name = path.rpartition("/")
    found = _PLACED[1].get(folder + slash)
    if found is None:
        if len(_PLACED[1]) >= 256:
            _PLACED[1].clear()
        found = _PLACED[1][folder + slash] = _folder_places(folder + slash)
    always, names = found
    if names is None or names.fullmatch(name) is None:
        return always
    return frozenset(d.id for d in registry.all_dialects() if d.place_match(path))


def _folder_places(folder: str) -> tuple[frozenset[str], re.Pattern[str] | None]:
    """For the files of ``folder`` (ending in '/', or ``""``): the ids of the dialects a glob of which matches any
    name there, and one expression of the name parts of the other globs whose folder part matches (None: none): a
    name that matches it is asked whole (``placed``)."""
    always: set[str] = set()
    names: list[str] = []
    for d in registry.all_dialects():
        for glob in d.table.get("layout", {}).get("detect", []):
            split = _split_glob(glob)
            if split is None:
                names.append(".*")  # every name asked whole: the glob's own expression decides
            elif split[1] is None:
                if split[0].match(folder):
                    always.add(d.id)
            elif split[0].match(folder):
                names.append(split[1].pattern)
    return frozenset(always), rx.compile("|".join(f"(?:{n})" for n in dict.fromkeys(names))) if names else None


_HEADS: list[Any] = [None, {}]
"""The registry's list of ids, its frontmatter dialects with a known bound, ``_header_most``'s memo of their most per
set of header keys and model (``memo``'s owner), one of them per ``_split_key`` (of those with the shared tool bound)
and those with their own ``tools_bound``: all taken from that list."""


def _header_most(data: dict[str, Any]) -> float:
    """The most any dialect with a frontmatter header and a known bound (``_bounded``) gets from ``data``'s keys, its
    name and its model (``Detection.header_bound``), remembered per set of keys and model: headers repeat them."""
    ids = registry.ids()
    if _HEADS[0] is not ids:
        bounded = [d for d in registry.all_dialects() if d.split_as_frontmatter and d._bounded]
        splits = {d._split_key: d for d in reversed(bounded) if type(d).tools_bound is Detection.tools_bound}
        _HEADS[:] = [ids, bounded, SimpleNamespace(), list(splits.values()),
                     [d for d in bounded if type(d).tools_bound is not Detection.tools_bound]]
    model = data.get("model")
    keys = frozenset(data)
    key = (keys, model if isinstance(model, str) else None)
    return memo(_HEADS[2], "most", key, lambda: max((d.header_bound(data) for d in _HEADS[1]), default=0.0),
                lambda: sum(len(str(k)) for k in keys) + len(key[1] or ""))


class OffPlace:
    """One file's detection (``detect_decoded`` with ``best_only``), told per folder where it can be (``placed``)
    rather than per dialect: a dialect at none of its places that scores only at them (``detect_places_only``), or
    is another envelope's (a frontmatter file is no text of its own), scores nothing there and is not asked
    (``asked``); a frontmatter dialect with a known bound (``_bounded``) at none of its places scores at most one
    figure for all of them (``most``: ``_header_most`` and the most any split of the tools gives). Bounds, never
    scores: a dialect this cannot rule out is asked as before."""

    def __init__(self, path: str | None, data: Any, has_header: bool):
        self.at = placed(path)
        self.data, self.has_header = data, has_header
        self._most: float | None = None

    def asked(self, detectors: tuple[tuple[Any, bool], ...]) -> list[tuple[Any, bool, bool]]:
        """``detectors`` (dialect, its header is frontmatter's) without those that score nothing here, each with
        whether it is at none of its places with a known bound (``most`` is then at least its score); worked out once
        per set of places and kind of file."""
        if self.at is None:
            return [(d, header, False) for d, header in detectors]
        key = (self.at, self.has_header, isinstance(self.data, dict))
        kept = _PLACED[2].get(key)
        if kept is None:
            if len(_PLACED[2]) >= 64:
                _PLACED[2].clear()
            kept = _PLACED[2][key] = []
            for d, header in detectors:
                off = d.id not in self.at
                if off and (d._places_only or self.has_header and d._bounded and not header):
                    continue  # nothing here; another envelope's: a frontmatter file is no text of its own
                kept.append((d, header, off and self.has_header and d._bounded and key[2]))
        return kept

    def most(self, seen: dict[Any, float]) -> float:
        """At least the score of any frontmatter dialect with a known bound at none of its places (``seen`` as for
        ``score_bound``); worked out at the first question."""
        if self._most is None:
            most = _header_most(self.data)  # then the tools: once per way of splitting them, and each own bound
            tools = [_tools_seen(d, self.data, seen) for d in _HEADS[3]] + [d.tools_bound(self.data) for d in _HEADS[4]]
            self._most = most + max(tools, default=0.0)
        return self._most


def _owner(cls: type, name: str) -> type:
    """The class of ``cls``'s MRO that defines ``name``."""
    return next(k for k in cls.__mro__ if name in k.__dict__)


class Detection:
    """Mixed into ``Dialect``: ``detect`` scores a file, ``output_path`` says where the record goes."""

    @cached_property
    def _places(self) -> re.Pattern[str] | None:
        """All of the table's path globs as one regular expression (detection asks every dialect per file), each
        glob a group of its own: the match's ``lastindex`` names the glob, without compiling it alone."""
        globs = self.table.get("layout", {}).get("detect", [])
        return rx.compile("|".join(f"({glob_source(g)})" for g in globs)) if globs else None

    def place_match(self, path: str) -> re.Match[str] | None:
        """The match of ``path`` ('/' between its parts) against the table's ``[layout] detect`` globs (its
        ``lastindex`` names the first glob that matches), or None: at none of this dialect's places."""
        return self._places.match(path) if self._places is not None else None

    @cached_property
    def _not_at(self) -> re.Pattern[str] | None:
        """``[detect] not_at``: path globs of files this dialect's tool never reads as its own, as one expression."""
        globs = self.table.get("detect", {}).get("not_at", [])
        return rx.compile("|".join(f"(?:{glob_source(g)})" for g in globs)) if globs else None

    @cached_property
    def _not_at_words(self) -> re.Pattern[str] | None:
        """Each ``[detect] not_at`` glob's longest literal text (``glob_word``): a path holding none of them is at none
        of those places, told without ``_not_at``."""
        globs = self.table.get("detect", {}).get("not_at", [])
        return rx.compile("|".join(map(re.escape, dict.fromkeys(map(glob_word, globs))))) if globs else None

    @cached_property
    def _place_words(self) -> re.Pattern[str]:
        """Each path glob's longest literal text (``glob_word``), as one expression: a path holding none of them is at
        no place of this dialect (detection asks every dialect per file; ``_places`` only where a word is there)."""
        words = [glob_word(g) for g in self.table.get("layout", {}).get("detect", [])]
        return rx.compile("|".join(map(re.escape, words)))

    # ------------------------------------------------------------------ detection and paths
    def detect(self, path: str | None, data: dict[str, Any] | None, has_header: bool) -> tuple[float, list[str]]:
        """A score (higher is likelier) and the evidence, from the path and the parsed header. (``score_bound`` says
        at least as much: a new kind of evidence here is added there too.)"""
        score, why = 0.0, []
        place = None
        if path:  # each expression asked only where the path holds a word it needs (detection asks every dialect)
            path = path.replace("\\", "/")
            if self._not_at is not None and self._not_at_words.search(path) and self._not_at.match(path):
                return 0.0, []  # a file its tool takes as something else, by its name (VS Code: a .prompt.md is a prompt)
            claimed, words = _claims(self)
            if claimed is not None and words.search(path) and claimed.match(path):
                return 0.0, []  # another tool takes the file there as its own by its name: no tool name makes it this one's
            if self._places is not None and self._place_words.search(path):
                place = self._places.match(path)
        if place:
            score += 10
            why.append("path matches " + self.table["layout"]["detect"][place.lastindex - 1])  # the first that does
        if not has_header or data is None:
            headerless = not has_header and place is not None and self._needs_header(place)
            return (score, why) if self._place_alone and not headerless else (0.0, [])
        requires, keys, no_name, model_rx, named = self._detect_rules
        for req in requires:
            if req not in data:
                return (score, why) if score and self._place_alone else (0.0, [])
        if not place and (own := self._own_keys) and own.isdisjoint(data):
            return 0.0, []  # off its places, no key of this dialect's own: keys every manifest has are no evidence
        if not named.isdisjoint(data):  # else none of the keys is there: the loop would add nothing
            for key, w in keys:
                if key in data:
                    score += w
                    why.append(f"field '{key}'")
        if no_name and "name" not in data:
            score += no_name
            why.append("no name field")
        tools_score, tools_why = self._detect_tools(data)
        score += tools_score
        why += tools_why
        model = data.get("model")
        if isinstance(model, str) and model_rx is not None and model_rx.match(model) and model != "inherit":
            score += 2
            why.append(f"model {model!r}")
        return score, why

    @cached_property
    def _split_key(self) -> tuple[Any, bool]:
        """What decides how ``split_names`` splits a tool list: the function, and whether the table reads quotes in a
        comma string (``[parser] comma_quotes``: VS Code's split); the names a memo keeps for one list are shared by
        the dialects with the same key only (Copilot's ``'Read', Grep`` is two names, Claude Code's another two)."""
        return type(self).split_names, bool(self.table.get("parser", {}).get("comma_quotes"))

    detect_places_only = False
    """Set (as True) in a class whose own ``detect`` gives 0 for a path at none of its ``[layout] detect`` places (a
    command's: found by path only): detection does not ask it there (``OffPlace``). Read in the class that defines
    ``detect`` only."""

    @cached_property
    def _places_only(self) -> bool:
        return _owner(type(self), "detect").__dict__.get("detect_places_only") is True

    detect_within_base = False
    """Set (as True) in a class whose own ``detect`` gives this class's score or 0 (Kiro's ``$schema`` rule, a command's
    place), never more: ``score_bound`` holds for it too. Read in the class that defines ``detect`` only."""

    @cached_property
    def _bounded(self) -> bool:
        """``detect`` is this class's own (or gives its score or 0), and the tool scoring is its own or a dialect's own
        with its ``tools_bound`` beside it in the same class: ``score_bound`` knows what it can give."""
        cls = type(self)
        detect = _owner(cls, "detect")
        tools = _owner(cls, "_detect_tools")
        return (detect is Detection or detect.__dict__.get("detect_within_base") is True) and (
            _owner(cls, "tools_bound") is tools if tools is not Detection else
            cls._score_tools is Detection._score_tools and cls._tool_weight is Detection._tool_weight)

    def tools_bound(self, data: dict[str, Any]) -> float:
        """At least what ``_detect_tools(data)`` scores (a class with its own tool scoring says what it can give)."""
        return _tools_bound(self, data)

    def score_bound(self, path: str | None, data: dict[str, Any] | None, has_header: bool,
                    seen: dict[Any, float] | None = None) -> float | None:
        """At least the score ``detect`` gives (the same arguments), told without the path's other expressions, the
        evidence or this dialect's reading of the tool names (each name at most what it is worth to any dialect that
        reads it, ``_tools_bound``), so that detection need not score a dialect that cannot win; None: not known (a
        dialect with its own ``detect`` or tool scoring). ``seen``: one file's bounds of its tool lists so far, by
        ``_split_key`` and header (the bound depends on the names alone: detection asks up to 18 dialects a file, which
        split it in a few ways); the caller keeps each header alive while ``seen`` is in use (its ``id`` is the key)."""
        if not self._bounded:
            return None
        bound = 10.0 if path and self._places is not None and self._place_words.search(path.replace("\\", "/")) \
            else 0.0
        if not has_header or data is None:
            return bound
        if not isinstance(data, dict):  # another envelope's text that is no map (a JSON list): not known
            return None
        bound += self.header_bound(data)
        if seen is None or type(self).tools_bound is not Detection.tools_bound:
            return bound + self.tools_bound(data)
        return bound + _tools_seen(self, data, seen)

    def header_bound(self, data: dict[str, Any]) -> float:
        """What ``detect`` gives at most for the header's keys, a missing name and the model (``score_bound``'s part
        of the header besides the tools): it depends on the set of keys and the model alone."""
        _, keys, no_name, model_rx, named = self._detect_rules
        bound = 0.0
        if not named.isdisjoint(data):
            bound += sum(w for key, w in keys if key in data)
        if no_name and "name" not in data:
            bound += no_name
        model = data.get("model")
        if isinstance(model, str) and model_rx is not None and model_rx.match(model) and model != "inherit":
            bound += 2
        return bound

    def _needs_header(self, place: re.Match[str]) -> bool:
        """Is the place matched one where the tool loads no file without a header (``[detect] needs_header``)?"""
        return self.table["layout"]["detect"][place.lastindex - 1] in self.table.get("detect", {}).get("needs_header", ())

    def needs_header(self, path: str | None) -> bool:
        """Is ``path`` at one of this dialect's places where a file without a header is no record of the tool's?"""
        if not path or self._places is None or not self.table.get("detect", {}).get("needs_header"):
            return False
        place = self._places.match(path.replace("\\", "/"))
        return place is not None and self._needs_header(place)

    def say_unloaded(self, path: str | None, report: LossReport, reading: str) -> bool:
        """A file without a header at such a place is said: the tool loads nothing from it. True when said."""
        if self.needs_header(path):
            named = self.table.get("detect", {}).get("needs_name", True)  # a header alone, where the file names it
            report.add(LossCode.FILE_REJECTED, "", variant="no-header-named" if named else "no-header", reading=reading,
                       tool=self.table.get("tool") or self.table.get("parser", {}).get("reader", self.id))
            return True
        return False

    @cached_property
    def _place_alone(self) -> bool:
        """Is the path evidence on its own (``[detect] place_alone``, default true)? Not where no tool reads the folder
        and every record has a header with the required keys (a catalogue's ``agents/specialists/``)."""
        return self.table.get("detect", {}).get("place_alone", True)

    @cached_property
    def _own_keys(self) -> frozenset[str]:
        """``[detect] own_keys``: off the dialect's places, a header holding none of them is none of its files (a
        ``name`` and a ``description`` are every JSON manifest's: a package.json is no Kiro agent)."""
        return frozenset(self.table.get("detect", {}).get("own_keys", ()))

    @cached_property
    def _detect_rules(self) -> tuple[tuple[str, ...], tuple[tuple[str, float], ...], float, re.Pattern[str] | None,
                                     frozenset[str]]:
        """The table's ``[detect]`` rules, read once: required keys, (key, weight) pairs, the weight of a header without
        a name, the model pattern, and the keys of those pairs as a set."""
        det = self.table.get("detect", {})
        spec = self.table.get("model", {})
        pattern = spec.get("detect", spec.get("pattern"))
        keys = tuple(det.get("keys", {}).items())
        return (tuple(det.get("requires", [])), keys, det.get("no_name", 0), rx.compile(pattern) if pattern else None,
                frozenset(k for k, _ in keys))

    def _detect_tools(self, data: dict[str, Any]) -> tuple[float, list[str]]:
        """Tool names as evidence, each worth 3 shared among the dialects that read it."""
        value = data.get("tools")
        if value is None and "permission" not in data:
            return 0.0, []
        if isinstance(value, dict) or "permission" in data:
            return (3.0, ["tools as a name->bool/permission map"]) if self.table.get("tools_shape") == "permission" \
                else (0.0, [])
        key = value if isinstance(value, str) else tuple(value) if isinstance(value, list) and all(
            isinstance(v, str) for v in value) else None
        if key is None:
            return self._score_tools(value, self.split_names(value, "tools", None))
        lists = _MEMO.__dict__.get("lists")  # memo's own table, read first: every dialect of a file asks for this list
        entry = lists.get((type(value), key)) if lists is not None else None
        if entry is None:
            entry = memo(_MEMO, "lists", (type(value), key), dict, lambda: len(key) if isinstance(key, str) else sum(
                map(len, key)))  # this list's names and scores (keyed by the dialect itself: a new registry, new ones)
        hit = entry.get(self)
        if hit is None:
            split = self._split_key
            names = entry.get(split)
            if names is None:
                names = entry[split] = tuple(self.split_names(value, "tools", None))
            hit = entry[self] = self._score_tools(value, names)
        return hit[0], list(hit[1])

    def _score_tools(self, value: Any, names: Any) -> tuple[float, list[str]]:
        shape = self.table.get("tools_shape")
        weights = self.__dict__.setdefault("_tool_weight_memo", {})  # memo's own table, read without a call
        score, known = 0.0, 0
        for n in names:  # each name's weight remembered: a batch's lists differ, their names repeat
            w = weights.get(n)
            if w is None:
                w = memo(self, "_tool_weight_memo", n, lambda: self._tool_weight(n), lambda: len(n))
            if w:
                known += 1
                score += w
        if known and shape == "comma" and isinstance(value, str) and "," in value:
            score += 2
        return score, ([f"{known} of {len(names)} tool names are its own"] if known else [])

    def _tool_weight(self, name: str) -> float:
        """What one tool name (scope and all) is worth as evidence: 3 shared among the dialects that read it; 0 when
        this dialect does not read it, or reads it only as an MCP tool not in its own MCP spelling."""
        n = unscoped(name)
        canon = self.crosswalk.read(n)
        prefix = (self.crosswalk.mcp_write or "").split("{")[0]
        if not canon or (canon[0].startswith("mcp:") and not (prefix and n.startswith(prefix))):
            return 0.0
        return 3.0 / max(1, registry.readers(n))

    def output_path(self, agent: Agent) -> str:
        """Where this dialect keeps the record in a repository (relative, checked safe)."""
        layout = self.table.get("layout", {})
        template = layout.get(f"{agent.kind}_path") or layout.get("path", "{name}.md")
        stem = self.file_stem(agent)[0]
        return template.format(name=naming.check_safe(stem, agent.origin.path if agent.origin else None))

    def declaring_project(self, path: str) -> str | None:
        """The project folder whose configuration makes the file at ``path`` (absolute) one of its records wherever it
        is, outside this dialect's places; None (the default): only its places do (``batch.home`` keeps such a file's
        outputs with that project)."""
        return None

    def skipped_file(self, path: str | None) -> bool:
        """Is ``path`` a file at one of this dialect's places that its tool skips for its name (``[layout]
        skipped_prefix``: Gemini CLI loads no ``.gemini/agents/_*.md``)?"""
        prefix = self._skipped_prefix
        if not prefix or not path or self._places is None:
            return False
        norm = path.replace("\\", "/")
        return norm.rsplit("/", 1)[-1].startswith(prefix) and self._places.search(norm) is not None

    @cached_property
    def _skipped_prefix(self) -> str | None:
        """``[layout] skipped_prefix``: asked at every file name written (``_unskipped``), read once."""
        return self.table.get("layout", {}).get("skipped_prefix")

    def _unskipped(self, agent: Agent, stem: str) -> str:
        """A file name the tool would skip (``[layout] skipped_prefix``) without the prefix: the header keeps the name,
        so nothing is renamed. A file of this dialect that was so named comes back under its own file name: it stays
        switched off."""
        prefix = self._skipped_prefix
        if not prefix:
            return stem
        origin = agent.origin
        if origin is not None and origin.dialect == self.id and self.skipped_file(origin.path):
            return self.name_from_path(origin.path)  # type: ignore[arg-type]
        head, _, last = stem.rpartition("/")
        if not last.startswith(prefix):
            return stem
        while last.startswith(prefix):  # every leading prefix (`__init` too), never other characters
            last = last[len(prefix):]
        last = last or "agent"
        return f"{head}/{last}" if head else last

    def name_from_path(self, path: str) -> str:
        """The name the tool gives a file at ``path``: its stem, or where the tool reads sub-folders as part of the
        name (``[layout] nest_root``), the path below that folder joined with ``nest_sep`` (Claude Code and Gemini
        CLI: commands/git/commit.md is git:commit; OpenCode: agent/team/lead.md is team/lead)."""
        layout = self.table.get("layout", {})
        suffixes = layout.get("strip_suffixes", [".md"])
        roots = layout.get("nest_root", [])
        norm = "/" + path.replace("\\", "/")
        at, root = max(((norm.rfind("/" + r), r) for r in ([roots] if isinstance(roots, str) else roots)),
                       default=(-1, ""))  # the innermost such folder
        if at < 0:
            return naming.stem(path, suffixes)
        parts = norm[at + 1 + len(root):].split("/")
        parts[-1] = naming.stem(parts[-1], suffixes)
        return layout.get("nest_sep", "/").join(parts)

    def file_stem(self, agent: Agent) -> tuple[str, str | None]:
        """The name the record's file is written under, and why it is not the record's name (None: it is).
        Rewritten only where the tool would refuse the name (``[name] pattern``) or it cannot be a file name
        (``naming.unsafe_file_name``); a name that would lead out of the folder is refused, never rewritten.
        Remembered per name and source dialect (a write asks twice: for the file, and for its path; the source's own
        separator counts, so git:commit is a folder from a Claude Code command and not from a Copilot prompt)."""
        origin = agent.origin.dialect if agent.origin is not None else None
        key = (agent.name, agent.display_name, origin)
        got = self.__dict__.get("_stem_memo", KEPT).get(key, MISSING)  # a write asks 3-4 times: no closures for a hit
        stem, why = got if got is not MISSING else memo(self, "_stem_memo", key, lambda: self._file_stem(agent),
                                                      lambda: len(agent.name or "") + len(agent.display_name or ""))
        return (self._unskipped(agent, stem), None) if why is None else (stem, why)  # by its origin: not remembered

    def _file_stem(self, agent: Agent) -> tuple[str, str | None]:
        name = agent.name or naming.slugify(agent.display_name or "") or "agent"
        sep = self.table.get("layout", {}).get("nest_sep")
        # a namespace is a folder wherever the tool nests names: git:commit (Claude Code, Gemini CLI) is git/commit.md,
        # and so is OpenCode's git/commit; a command's own separator is read too (git:commit is OpenCode's git/commit)
        origin = registry.get(agent.origin.dialect) if sep and agent.origin and agent.origin.dialect in registry.ids() else None
        theirs = origin.table.get("layout", {}).get("nest_sep") if origin and origin.table.get("kinds") == \
            self.table.get("kinds") else None
        for s in dict.fromkeys([sep, theirs]):
            if not sep or not s or s not in name or (s == "/" and sep == "/"):
                continue
            parts = [naming.check_safe(p, agent.origin.path if agent.origin else None) for p in name.split(s)]
            if not any(naming.unsafe_file_name(p) for p in parts):
                return "/".join(parts), None
        pattern = self.table.get("name", {}).get("pattern")
        why = (f"does not fit {self.said}'s rule {pattern}" if pattern and not rx.compile(pattern).match(name)
               else naming.unsafe_file_name(name, self.table.get("layout", {}).get("nested", False)))
        if why is None:
            return name, None
        naming.check_safe(name.replace(":", "/"), agent.origin.path if agent.origin else None)  # ':' is a folder
        return naming.slugify(name) or "agent", why  # in a command name (git:commit): refused only as a path
