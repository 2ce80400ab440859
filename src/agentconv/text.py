"""Bytes to text, leniently: BOM, newline style, bytes that are not UTF-8, and mojibake (UTF-8 read as Windows-1252).

Bytes that are not UTF-8 (a file saved as Windows-1252 or Latin-1: ``caf\xe9``) are read as Windows-1252, each
run reported as a repair: the tools read such a file all the same (Node's and Bun's UTF-8 decoding puts U+FFFD in
place of each bad sequence), so refusing it would refuse a file the tool loads; Windows-1252 gives the character
its author typed, where the tool shows U+FFFD (a byte Windows-1252 has no character for stays U+FFFD).

Clean input takes the fast path (one regex search) and never imports ftfy or emoji. Mojibake is undone
run by run: a run of characters that Windows-1252 maps to high bytes is turned back into those bytes and
decoded as UTF-8. Windows-1252 has no character for 0x81, 0x8D, 0x8F, 0x90 and 0x9D, so a mis-decoding
drops those bytes, or keeps each as the C1 control of its number (the WHATWG decoder's way: taken back as the
byte); where a UTF-8 sequence comes up short, each of the five is tried at each place it could
have stood, and the candidates are ranked by how plausible the text they give is (valid emoji sequences
first). When several rank equal the choice is reported as ambiguous with every candidate named; the
tie-break (lowest code points) is arbitrary but stable. Text mis-decoded twice (saved again after the first
mis-decoding: '—' read 'â€”', then 'Ã¢â‚¬â€') is undone level by level while a reading is mojibake whole again;
of equal candidates, the one reading that is (the byte lost at the second level) is taken. ftfy handles whatever is left that it knows
(other encodings), when a mojibake signature survives our pass; it fails on dropped bytes (seed 002), which
is why this module exists.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product

from . import rx

DROPPED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
"""The bytes Windows-1252 has no character for: a mis-decoding loses them, or keeps each as the C1 control of its
number (the WHATWG Encoding Standard's index-windows-1252 maps 0x81 to
U+0081 and so on, as browsers decode; https://encoding.spec.whatwg.org/index-windows-1252.txt, read 2026-11-28)."""
_CP1252_TO_BYTE = {}
for _b in range(0x80, 0x100):
    try:
        _CP1252_TO_BYTE[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:
        pass
for _b in DROPPED:  # kept as its C1 control (WHATWG), the byte is there to take back
    _CP1252_TO_BYTE[chr(_b)] = _b

_HIGH = "".join(sorted(_CP1252_TO_BYTE))
_RUN = rx.compile("[" + re.escape(_HIGH) + "]+")
# A UTF-8 lead byte (as its cp1252 character) followed by a continuation byte: the signature of mojibake.
_LEADS = "".join(c for c, b in _CP1252_TO_BYTE.items() if 0xC2 <= b <= 0xF4)
_CONTS = "".join(c for c, b in _CP1252_TO_BYTE.items() if 0x80 <= b <= 0xBF)
SUSPECT = rx.compile("[" + re.escape(_LEADS) + "][" + re.escape(_CONTS) + "]")
# Signatures that genuine text practically never holds (emoji, punctuation and accents mis-decoded): a file must
# show one before any run is repaired, so a real "Î" before a no-break space is left alone.
STRONG = rx.compile("ðŸ|â€|ï¸|Ã[" + re.escape(_CONTS) + "]|Â[\u00a0-\u00bf]")
_STRONG_NEXT = {"ð": frozenset("Ÿ"), "â": frozenset("€"), "ï": frozenset("¸"), "Ã": frozenset(_CONTS),
                "Â": frozenset(map(chr, range(0xA0, 0xC0)))}
"""STRONG's signatures by the character each starts with: the characters that may follow it."""


def strong(text: str) -> bool:
    """Does ``text`` hold a mojibake signature (``STRONG``)? Each place a signature's first character stands is
    looked at (found by a fast scan; most texts hold none, a few hold some), the regular expression searched only
    where one of them stands many times."""
    if text.isascii():
        return False
    for first, follow in _STRONG_NEXT.items():
        at, seen = text.find(first), 0
        while at >= 0:
            if text[at + 1:at + 2] in follow:
                return True
            seen += 1
            if seen > 16:
                return STRONG.search(text) is not None
            at = text.find(first, at + 1)
    return False


@dataclass
class Repair:
    """One repaired run of text."""

    line: int
    before: str
    after: str
    candidates: list[str] = field(default_factory=list)
    """More than one when the repair is ambiguous: every equally plausible reading, the chosen one first."""
    bytes_: bool = False
    """``before`` is bytes that are not UTF-8 (spelled ``0xE9 0xE8``), read as Windows-1252; else mojibake."""

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1

    @property
    def what(self) -> str:
        """The repaired text as a report names it."""
        return f"bytes not UTF-8 ({self.before})" if self.bytes_ else f"mojibake {self.before!r}"


@dataclass
class Decoded:
    """Text ready for the envelopes, with what was done to get it."""

    text: str
    """LF newlines, no BOM, mojibake repaired."""
    bom: bool = False
    newline: str = "\n"
    """The source's line ending: LF, CRLF, or CR alone."""
    repairs: list[Repair] = field(default_factory=list)
    fixed_by_ftfy: bool = False
    mixed: str | None = None
    """The text as it came (after the BOM) when its lines do not all end alike (CRLF and LF lines, or a CR alone in a
    CRLF file): an unchanged file is given back as this (``api.write``)."""


def decode(data: bytes | str, *, repair: bool = True) -> Decoded:
    """Decode source bytes (UTF-8, UTF-8 with BOM, UTF-16 with BOM) and normalise newlines (CRLF, or CR alone, to
    LF). Bytes that are not UTF-8 are read as Windows-1252 and reported (``repairs``). Text holding a NUL is refused
    (UnicodeDecodeError): it is UTF-16 without a BOM or UTF-32, not UTF-8."""
    bom, not_utf8 = False, []
    if isinstance(data, bytes):
        if data.startswith(b"\xef\xbb\xbf"):
            bom, data = True, data[3:]
        if data[:2] in (b"\xff\xfe", b"\xfe\xff") and not bom:
            bom, text = True, data.decode("utf-16")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                if b"\x00" in data:  # UTF-16 without a BOM, or binary: refused as it is
                    raise
                text, not_utf8 = _windows_1252(data)
    else:
        text = data
        if text.startswith("\ufeff"):
            bom, text = True, text[1:]
    nul = text.find("\x00") if not isinstance(data, bytes) or b"\x00" in data else -1  # bytes: a faster scan
    if nul >= 0:  # UTF-16 without a BOM, or UTF-32: every other character a NUL
        raise UnicodeDecodeError("utf-8", data if isinstance(data, bytes) else b"", nul, nul + 1,
                                 "a NUL character (UTF-16 without a byte-order mark, or UTF-32?)")
    newline, mixed = "\n", None
    if "\r" not in text:  # the usual text: one fast scan, for one character
        pass
    elif "\r\n" in text:
        raw, newline, text = text, "\r\n", text.replace("\r\n", "\n")
        mixed = raw if "\r" in text or text.count("\n") != raw.count("\r\n") else None
    elif "\n" not in text:  # classic Mac: CR alone ends every line
        newline, text = "\r", text.replace("\r", "\n")
    out = Decoded(text, bom, newline, mixed=mixed, repairs=not_utf8)
    if repair and strong(text) and not quoted_only(text):
        out.text, repairs = repair_mojibake(text)
        out.repairs = sorted(not_utf8 + repairs, key=lambda r: r.line)  # the bytes not UTF-8 said too
        if strong(out.text):  # something our repair did not reach: let ftfy try (other encodings...)
            out.fixed_by_ftfy = _ftfy_rest(out)
    return out


_INLINE_CODE = rx.compile("`[^`\n]+`")


def quoted_only(text: str) -> bool:
    """Does every mojibake signature of ``text`` stand inside an inline code span (`Ã©`)? Then the text quotes
    mojibake (an agent that checks files for encoding damage names what it looks for) and is sound as it is: the tools
    read it so, and a repair would change what it says. A signature in the prose, or in a fenced block (a message shown
    with a broken emoji), is text that was mis-decoded: repaired."""
    spans = [m.span() for m in _INLINE_CODE.finditer(text)]
    if not spans:
        return False
    return all(any(a <= m.start() and m.end() <= b for a, b in spans) for m in STRONG.finditer(text))


_STRAY = rx.compile("[\udc80-\udcff]+")
"""A run of bytes that were not UTF-8, as ``surrogateescape`` decodes them."""


def _windows_1252(data: bytes) -> tuple[str, list[Repair]]:
    """``data`` (not UTF-8) decoded, each byte that is not part of a UTF-8 sequence read as Windows-1252 (U+FFFD where
    it has no character), and one repair per line that held such bytes."""
    text = data.decode("utf-8", "surrogateescape")  # one pass: each stray byte a lone surrogate (U+DC80..U+DCFF)
    fixes: dict[int, tuple[list[str], str]] = {}
    line, at = 1, 0

    def one(m: re.Match[str]) -> str:
        nonlocal line, at
        line, at = line + text.count("\n", at, m.start()), m.start()  # lines counted once over the text, not per run
        raw = bytes(ord(c) - 0xDC00 for c in m.group())
        chars = "".join(bytes([b]).decode("cp1252", "replace") for b in raw)
        before, after = fixes.get(line, ([], ""))
        fixes[line] = (before + [f"0x{b:02X}" for b in raw], after + chars)
        return chars

    out = _STRAY.sub(one, text)
    return out, [Repair(n, " ".join(b), a, bytes_=True) for n, (b, a) in fixes.items()]


def _ftfy_rest(out: Decoded) -> bool:
    import ftfy  # heavy: only on the repair path

    fixed = ftfy.fix_text(out.text, unescape_html=False, fix_line_breaks=False, normalization=None,
                          uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False)
    if fixed != out.text:
        out.text = fixed
        return True
    return False


def repair_mojibake(text: str) -> tuple[str, list[Repair]]:
    """Undo UTF-8-read-as-Windows-1252, including dropped bytes. Returns the text and one Repair per run."""
    repairs: list[Repair] = []
    parts, last = [], 0
    for m in _RUN.finditer(text):
        run = m.group()
        if not SUSPECT.search(run):
            continue
        cands = list(_candidates(bytes(_CP1252_TO_BYTE[c] for c in run)))
        if not cands:
            continue
        if len(cands) > 1:  # a reading that is itself mojibake of clean text: the text was mis-decoded twice
            deeper = [c for c in cands if _deeper(c) is not None]
            if len(deeper) == 1:
                cands = deeper
        if len(cands) == 1:  # mis-decoded twice (or more): each level undone while the reading is mojibake again
            for _ in range(3):
                once_more = _deeper(cands[0])
                if once_more is None:
                    break
                cands = [once_more]
        parts.append(text[last:m.start()])
        parts.append(cands[0])
        last = m.end()
        repairs.append(Repair(text.count("\n", 0, m.start()) + 1, run, cands[0], cands))
    if not repairs:
        return text, []
    parts.append(text[last:])
    return "".join(parts), repairs


def _deeper(reading: str) -> str | None:
    """``reading`` read once more: its characters as the Windows-1252 bytes they stand for, decoded as UTF-8, when it
    holds mojibake's signature and those bytes are UTF-8 whole (no byte put back: a second guess is never stacked on a
    first); else None."""
    if SUSPECT.search(reading) is None or any(c not in _CP1252_TO_BYTE for c in reading):
        return None
    try:
        return bytes(_CP1252_TO_BYTE[c] for c in reading).decode("utf-8")
    except UnicodeDecodeError:
        return None


@lru_cache(maxsize=1024)
def _candidates(raw: bytes) -> list[str]:
    """Every best-ranked UTF-8 reading of ``raw`` with dropped bytes put back, best first."""
    readings = _readings(raw, 0)
    if not readings:
        return []
    scored = sorted(((_score(s), s) for s in set(readings)), key=lambda t: (-t[0], [ord(c) for c in t[1]]))
    best = scored[0][0]
    if best <= 0:
        return []
    return [s for sc, s in scored if sc == best]


def _readings(raw: bytes, i: int, budget: int = 4096) -> list[str]:
    """All decodings of raw[i:] where short sequences may take dropped bytes back (bounded search)."""
    if i == len(raw):
        return [""]
    lead = raw[i]
    need = 1 if 0xC2 <= lead <= 0xDF else 2 if 0xE0 <= lead <= 0xEF else 3 if 0xF0 <= lead <= 0xF4 else -1
    if need < 0:
        return []
    j = i + 1
    while j < len(raw) and j - i - 1 < need and 0x80 <= raw[j] <= 0xBF:
        j += 1
    present = raw[i + 1:j]
    out: list[str] = []
    for taken in range(len(present), -1, -1):  # the dropped byte may sit before continuation bytes we saw
        missing = need - taken
        if missing < 0 or missing > 2:
            continue
        conts = present[:taken]
        for slots in _insertions(taken + missing, missing):
            for fill in product(DROPPED, repeat=missing):
                seq, it_c, it_f = [lead], iter(conts), iter(fill)
                seq += [next(it_f) if k in slots else next(it_c) for k in range(taken + missing)]
                try:
                    ch = bytes(seq).decode("utf-8")
                except UnicodeDecodeError:
                    continue
                for rest in _readings(raw, i + 1 + taken, budget):
                    out.append(ch + rest)
                    if len(out) >= budget:
                        return out
    return out


def _insertions(length: int, count: int) -> list[tuple[int, ...]]:
    from itertools import combinations

    return list(combinations(range(length), count))


def _score(s: str) -> int:
    """Plausibility of a repaired run: emoji sequences and ordinary letters score, oddities cost."""
    import emoji  # only on the repair path

    score, i = 0, 0
    while i < len(s):
        for width in (4, 3, 2, 1):
            chunk = s[i:i + width]
            if len(chunk) == width and chunk in emoji.EMOJI_DATA:
                score += 3 * width
                i += width
                break
        else:
            cat = unicodedata.category(s[i])
            if cat in ("Cn", "Co", "Cs", "Cc") or cat == "Mn" and 0xFE00 <= ord(s[i]) <= 0xFE0F:
                return -1
            score += 1 if cat[0] in "LNPZS" else -2
            i += 1
    return score
