"""The plugin and marketplace names Claude Code holds for Anthropic's own (``[claude-plugin.names]`` in
``packages.toml``, which cites where each rule is in Claude Code): what it refuses to load, and what only its validator
rejects."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from .. import rx
from ..loss import Severity, sentence
from .model import table

_WORD = rx.compile(r"(?i)[a-z0-9]+")


@lru_cache(maxsize=1)
def _names() -> dict[str, Any]:
    names = dict(table()["claude-plugin"]["names"])
    names["official_rx"] = re.compile(names["official"])
    words = "|".join(names["catalogue_words"])
    names["catalogue_rx"] = re.compile(rf"(?i)^(?:anthropic|claude)[^a-z0-9]*(?:{words})")
    names["catalogue_joined"] = re.compile(rf"^(?:anthropic|claude)(?:{words})s?$")
    return names


def _words(name: str) -> list[str]:
    return _WORD.findall(name)


def _joins(words: list[str], longest: int) -> list[tuple[str, bool]]:
    """The first words joined, one more each time (the last: all of them), as Claude Code walks a name: it stops once
    the join is longer than ``longest`` (its longest reserved word; 21 for a marketplace, the catalogue words')."""
    out, joined = [], ""
    for i, w in enumerate(words):
        joined += w
        out.append((joined, i == len(words) - 1))
        if len(joined) > longest:
            break
    return out


def reserved_plugin_name(name: str) -> str | None:
    """Why ``claude plugin validate`` rejects ``name`` as a third party's plugin name, to follow "name X" (None: it
    does not). Claude Code still loads such a plugin: a warning, never an error."""
    n = _names()
    folded = name
    if not name.isascii():  # Claude Code reads a name outside ASCII as its ASCII spelling
        folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    low = folded.lower()
    words = _words(low)
    hit = any(joined in (n["whole"] if whole else n["lead"]) for joined, whole in
              _joins(words, max(map(len, n["lead"] + n["whole"]))))
    if not (hit or n["official_rx"].search(low) or n["official_rx"].search("".join(words))):
        return None
    return sentence("reserved-plugin-name")


def marketplace_name_problem(name: str) -> tuple[Severity, str] | None:
    """What Claude Code makes of a marketplace catalogue's ``name`` (the message follows "name X"): an error where it refuses the catalogue when it
    parses it (so no plugin of it loads), a warning for a name of Anthropic's own official marketplaces (taken only
    from github.com/anthropics/); None: nothing."""
    n = _names()
    low = name.lower()
    if low in n["official_names"]:
        return Severity.WARNING, sentence("marketplace-official")
    stripped = re.sub(r"(?i)^[^a-z0-9]+", "", name)
    alnum = re.sub(r"(?i)[^a-z0-9]+", "", name)
    if (not all(" " <= c <= "~" for c in name) or any(n[k].search(t) for k in ("official_rx", "catalogue_rx")
                                                      for t in (name, stripped))
            or re.search(r"(?i)official(?:anthropic|claude)|(?:anthropic|claude)official", alnum)
            or any(n["catalogue_joined"].match(j)
                   for j, _ in _joins(_words(low), 10 + max(map(len, n["catalogue_words"]))))):
        return Severity.ERROR, sentence("marketplace-impersonates")
    if low in n["modes"]:
        return Severity.ERROR, sentence("marketplace-mode-word")
    return None
