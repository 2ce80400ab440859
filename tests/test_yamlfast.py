"""The plain-header fast path (envelopes/yamlfast.py) against ruamel's safe loader: over every YAML text in the
repository (headers, their chunks, Roo files) and thousands of generated and mutated headers, it either declines
(None) or gives exactly ruamel's result (values, types, key order); where ruamel raises, it declines."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentconv import limits
from agentconv.envelopes import frontmatter, yamlfast, yamlio
from agentconv.text import decode

ROOT = Path(__file__).resolve().parent.parent


def ruamel(text: str) -> tuple[bool, object]:
    """(loaded, data or the exception's class) from ruamel's safe loader alone."""
    try:
        return True, yamlio.parsed(text)
    except Exception as exc:  # noqa: BLE001 - ruamel raises several unrelated classes
        return False, type(exc)


def same(a: object, b: object) -> bool:
    """Equal, of the same types all the way down, keys in the same order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(k, k2) for k, k2 in zip(a, b)) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def agrees(text: str) -> bool | None:
    """None: the fast path declined; else whether it gave ruamel's result."""
    fast = yamlfast.load(text)
    if fast is None:
        return None
    ok, data = ruamel(text)
    plain, notes = limits.plain(fast)  # frontmatter spares this walk on what the fast path read: it has nothing to do
    return ok and same(fast, data) and same(plain, fast) and notes == []


def _texts() -> list[str]:
    """Every text of the repository that ``yamlio.load`` could be given: each header, each top-level chunk of it (the
    lenient fallback loads those alone), and every YAML file whole."""
    out: dict[str, None] = {}
    for folder in ("fixtures", "examples", "tests/data"):
        for f in sorted((ROOT / folder).rglob("*")):
            if not f.is_file() or f.suffix in (".json", ".toml", ".sh"):
                continue
            try:
                text = decode(f.read_bytes()).text
            except (UnicodeDecodeError, ValueError):
                continue
            if f.suffix in (".yaml", ".yml", ".roomodes", ".kilocodemodes"):
                out[text] = None
            try:
                parsed = frontmatter.parse(text, str(f))
            except Exception:  # noqa: BLE001 - a broken header: its text is still a case below
                parsed = None
            if parsed is not None and parsed.layout.has_header:
                out["".join(c.text for c in parsed.layout.chunks) + parsed.layout.trailer] = None
                for c in parsed.layout.chunks:
                    out[c.text] = None
            elif text.startswith("---\n"):
                end = text.find("\n---", 3)
                out[text[4:end + 1] if end > 0 else text[4:]] = None
    return list(out)


TEXTS = _texts()


def test_every_yaml_text_in_the_repository_is_declined_or_read_as_ruamel_reads_it():
    verdicts = [agrees(t) for t in TEXTS]
    wrong = [t for t, v in zip(TEXTS, verdicts) if v is False]
    assert wrong == []
    assert len(TEXTS) > 700
    assert sum(v is True for v in verdicts) > 450  # the fast path is taken, not only declined


# Pieces that headers are made of, the hazards among them: words YAML reads as null/bools, numbers in every base,
# dates, indicators, comments, colons, quotes and escapes, tabs, odd line breaks, non-ASCII.
WORDS = ["name", "reviewer", "Read", "Write", "Bash(git *)", "mcp__srv__tool", "a b", "x:y", "C# code", "a#b",
         "http://x.y/z", "null", "Null", "NULL", "nUll", "~", "true", "True", "TRUE", "tRue", "false", "yes", "No",
         "on", "OFF", "y", "n", "0", "1", "01", "010", "0o7", "0x1F", "0b11", "1_000", "-1", "+1", "1.5", "0.10", ".5",
         "1.", "1e3", ".inf", "-.Inf", ".nan", "1:30", "2024-01-02", "2024-1-2 10:00:00", "=", "<<", "été",
         "×", "日本", "😀", "é:", "a :b", "a: b", "a:", "a ", " a", "a  #c", "a #c", "a # c: d", "#c", "&a", "*a",
         "!tag x", "!!str 1", "|", ">-", "[a, b]", "[a,b,]", "[ ]", "[]", "{a: b}", "{}", "- x", "-x", "? x", "%x",
         "@x", "`x`", "'x'", "'it''s'", "'a", '"x"', '"a\\"b"', '"\\n\\t\\\\"', '"\\u00e9\\x41\\U0001F600"',
         '"\\ud800"', '"\\q"', '"\\/"', '"\\ "', '"a" b', '"a"#c', '"a" #c', "'a' #c", "[a, 'b', \"c\"] #x",
         "[a #b]", "[a: b]", "[a, [b]]", "x\ty", "a\rb", "a\x85b", "a\u2028b", "a\ufeffb", "a\x07b", "a\x7fb",
         "NaN", "inf", "Yes please", "a?b", "a ?b", "a::b", "a:: b", "a:::", "a\u00a0", "a\u00a0#b", "\ue000x", "a\uff10", "🎮 Game", "♾️ MCP", "⌨️ CLI", "\u0301x", "\u00c0", "\U0010fffd",
         "\u3000x", "\u200bx", "\ufff9x", "\U000e0001x", "\u2190", "\u05d0\u200f",
         '"\\x00"', '"\\u0085"', '"\\e\\a\\v\\0\\N\\_\\L\\P"', '"\\U0010FFFF"', '"\\U00110000"', "'a''", "a'b", 'a"b', "a&b", "a*b", "a!b", "a|b", "a>b", "a%b", "a@b", "a`b", "true story", "a,b", "a]b", "a}b", "a{b", "a--b", "---", "..."]
KEYS = ["name", "description", "tools", "model", "x", "_k", "a-b", "K9", "true", "null", "on", "y", "1", "é",
        "a b", "'q'", "\"q\"", "? k", "-k", "name"]


def _line(rng: random.Random) -> str:
    key = rng.choice(KEYS)
    sep = rng.choice([": ", ": ", ":  ", ":", " : ", ":\t"])
    shape = rng.random()
    if shape < 0.55:
        return f"{key}{sep}{rng.choice(WORDS)}"
    if shape < 0.7:
        items = ", ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 4)))
        return f"{key}{sep}[{items}]"
    if shape < 0.78:  # a map one level down
        pad = rng.choice(["  ", "  ", "    ", " "])
        subs = [f"{pad if rng.random() < 0.9 else rng.choice(['', ' ', '   ', '  - '])}{rng.choice(KEYS)}"
                f"{rng.choice([': ', ': ', ':', ':  '])}{rng.choice(WORDS) if rng.random() < 0.8 else ''}"
                for _ in range(rng.randint(1, 4))]
        return "\n".join([f"{key}:{rng.choice(['', '', ' # c'])}", *subs])
    if shape < 0.85:
        pad = rng.choice(["", "  ", "  ", "    ", " "])
        items = [f"{pad if rng.random() < 0.9 else rng.choice(['', ' ', '   '])}{rng.choice(['- ', '- ', '-  ', '-'])}"
                 f"{rng.choice(WORDS)}" for _ in range(rng.randint(0, 4))]
        return "\n".join([f"{key}:{rng.choice(['', '', ' ', ' # c'])}", *items])
    if shape < 0.95:  # a block scalar: its lines indented alike or not, blank lines, trailing blanks
        style = rng.choice(["|", "|-", ">", ">-", "|", "|-", ">", ">-", "|+", ">+", "|2", "| ", "|  # c", ">\t"])
        indent = rng.choice([2, 2, 2, 4, 1])
        clean = rng.random() < 0.6
        body = [rng.choice(["", "", " ", " " * indent, " " * (indent + 2), "\t"][:4 if clean else 6])
                if rng.random() < 0.25 else
                " " * (indent if clean else rng.choice([indent, indent, indent + 1, indent + 2, indent - 1, 0]))
                + rng.choice(WORDS[:12] if clean and rng.random() < 0.8 else WORDS) + rng.choice(["", "", " ", "  "])
                for _ in range(rng.randint(0, 5))]
        return "\n".join([f"{key}{sep}{style}", *body])
    return rng.choice(["", "# comment", "  # indented comment", "   ", f"  {rng.choice(WORDS)}", "\t",
                       f"{key}:\n  {rng.choice(WORDS)}", f"{key}: |\n  text", f"{key}:\n  sub: x"])


def _header(rng: random.Random) -> str:
    return "\n".join(_line(rng) for _ in range(rng.randint(1, 6))) + rng.choice(["\n", "\n", "", "\n\n"])


def _mutate(rng: random.Random, text: str) -> str:
    alphabet = " \n-:#'\"[],{}\\t&*!|>?%@`~0123456789.eEaAyYnN\u00e9\u2028\x85\r\ufeff"
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(chars))
        op = rng.random()
        if op < 0.4:
            chars.insert(at, rng.choice(alphabet))
        elif op < 0.7 and at < len(chars):
            del chars[at]
        elif at < len(chars):
            chars[at] = rng.choice(alphabet)
    return "".join(chars)


@pytest.mark.parametrize("seed", range(4))
def test_thousands_of_generated_and_mutated_headers_are_declined_or_read_as_ruamel_reads_them(seed):
    rng = random.Random(seed)
    fast = 0
    plain = [t for t in TEXTS if yamlfast.load(t) is not None]
    for i in range(3000):
        text = _header(rng) if i % 2 else _mutate(rng, rng.choice(plain))
        verdict = agrees(text)
        assert verdict is not False, repr(text)
        fast += verdict is True
    assert fast > 300  # both kinds of case reach the fast path


def _block_header(rng: random.Random) -> str:
    """A header around one block scalar, its lines mostly well-formed: the block reader's own hazards (indentation,
    blank and whitespace-only lines, trailing blanks, chomping, a last line without a line break)."""
    style = rng.choice(["|", "|-", ">", ">-", "|+", "|2"])
    indent = rng.choice([1, 2, 2, 2, 4])
    lines = []
    for _ in range(rng.randint(1, 6)):
        r = rng.random()
        if r < 0.2:
            lines.append(" " * rng.choice([0, 0, indent, indent + 1]))
        else:
            extra = rng.choice([0] * 8 + [1, 2, -1])
            lines.append(" " * max(0, indent + extra) + rng.choice(WORDS[:12] + ["# not a comment", "key: value",
                                                                                  "- item", "'q'", "a  b"])
                         + rng.choice(["", "", " ", "  "]))
    after = rng.choice(["", "\n", "\n\n", "\nmodel: x\n", "\n\nmodel: x\n", "\n# c\nmodel: x\n", "\n  \nmodel: x\n"])
    return f"name: a\ndescription: {style}\n" + "\n".join(lines) + after


def _folded_header(rng: random.Random) -> str:
    """A header around a plain scalar that goes on over more lines: indented or not, blank and whitespace-only lines,
    comments, indicators and ``: `` in the continuation."""
    lines = [f"description: {rng.choice(WORDS[:12] + ['a b', 'x', 'C# code'])}{rng.choice(['', '', ' ', ' # c'])}"]
    for _ in range(rng.randint(1, 5)):
        r = rng.random()
        if r < 0.2:
            lines.append(rng.choice(["", "", " ", "   "]))
        else:
            lines.append(" " * rng.choice([1, 2, 2, 2, 4, 0]) + rng.choice(
                WORDS[:12] + ["a b", "2 more", "(x)", "x: y", "x:y", "- x", "# c", "x #c", "x:", "'q'", "\"q\"", "[a]",
                              "é", "true", "12", "&a", "?x", "a\tb"] if rng.random() < 0.5 else WORDS)
                         + rng.choice(["", "", " "]))
    after = rng.choice(["", "\n", "\n\n", "\nmodel: x\n", "\n# c\nmodel: x\n", "\n  \nmodel: x\n", "\n  # c\n"])
    return "name: a\n" + "\n".join(lines) + after


def _map_header(rng: random.Random) -> str:
    """A header with a map one level down: its lines indented alike or not, values of every kind, comments."""
    pad = rng.choice(["  ", "  ", "    ", " "])
    lines = []
    for _ in range(rng.randint(1, 5)):
        ind = pad if rng.random() < 0.85 else rng.choice(["", " ", "   ", "      ", "  - ", pad + "  "])
        value = rng.choice(WORDS[:12] + ["true", "3", "0.5", "[a, b]", "'q'", '"d"', ""]) if rng.random() < 0.8 \
            else rng.choice(WORDS)
        key = rng.choice(["read", "edit", "bash", "author", "source", "x", "true", "a-b"])
        lines.append(f"{ind}{key}:{(' ' + value) if value else ''}" if rng.random() < 0.95
                     else rng.choice(["", "  # c", "# c", "  "]))
    return "name: a\nmeta:\n" + "\n".join(lines) + rng.choice(["\n", "\nmodel: x\n", "\n\n- x\n", "\n  - y\n", ""])


@pytest.mark.parametrize("seed", range(2))
def test_generated_block_scalars_folded_lines_and_maps_are_declined_or_read_as_ruamel_reads_them(seed):
    rng = random.Random(seed)
    fast = 0
    for i in range(9000):
        text = (_block_header, _folded_header, _map_header)[i % 3](rng)
        verdict = agrees(text)
        assert verdict is not False, repr(text)
        fast += verdict is True
    assert fast > 1500


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from([": ", ":", ":  "]),
                          st.one_of(st.sampled_from(WORDS), st.text(max_size=12),
                                    st.lists(st.sampled_from(WORDS), max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
                                    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=3)
                                    .map(lambda xs: "".join(f"\n  - {x}" for x in xs)))),
                min_size=1, max_size=5))
def test_hypothesis_headers_are_declined_or_read_as_ruamel_reads_them(lines):
    text = "".join(f"{k}{sep}{v}\n" for k, sep, v in lines)
    assert agrees(text) is not False


def test_what_the_fast_path_read_skips_the_bounds_walk_only_where_it_is_within_them(monkeypatch):
    for text in ("k: [" + ",".join(["a"] * 500) + "]\n", "".join(f"k{i}:\n" for i in range(500)), "k: " + "x" * 998 + "\n"):
        data, plain = yamlio.read(text)
        assert plain and same(limits.plain(data), (data, []))
    monkeypatch.setattr(limits, "MAX_NODES", 600)
    assert yamlio.read("k: [" + ",".join(["a"] * 500) + "]\n")[1] is False
    assert yamlio.read("\n".join(f"k{i}:" for i in range(300)))[1] is False
    with pytest.raises(limits.LimitError):  # the walk still refuses what the fast path read
        frontmatter.parse("---\nk: [" + ",".join(["a"] * 700) + "]\n---\n")
    monkeypatch.setattr(limits, "MAX_CHARS", 500)
    assert yamlio.read("k: " + "x" * 498 + "\n")[1] is False


def test_what_it_reads_and_what_it_declines():
    assert yamlfast.load('name: a\ndescription: "x\\ny"  # c\ntools: [Read, "B c"]\nm: 3\nt: 0.5\nk:\n  - a\n  - \'b\'\nz:\nb: false\n') \
        == {"name": "a", "description": "x\ny", "tools": ["Read", "B c"], "m": 3, "t": 0.5, "k": ["a", "b"], "z": None,
            "b": False}
    assert yamlfast.load("m:\n  read: true\n  # c\n  list: [a, 'b']\n  none:\nz: 1\n") == \
        {"m": {"read": True, "list": ["a", "b"], "none": None}, "z": 1}
    assert yamlfast.load("m:\n  a: 1\n    b: 2\n") is None and yamlfast.load("m:\n  a:\n    b: 2\n") is None
    assert yamlfast.load("a: 🎮 x\n  y\n\n  (z)\n\nb: c\n") == {"a": "🎮 x y\n(z)", "b": "c"}
    assert yamlfast.load("a: |\n  x\n    y\n\n\nb: >-\n  p\n  q\n\n  r\n") == {"a": "x\n  y\n", "b": "p q\nr"}
    for text in ("a: yes\n", "a: 2024-01-01\n", "a: 010\n", "a: 'x\n  y'\n", "a: x\n  - y\n", "a: x # c\n  y\n", "a: 1\na: 2\n", "a: b: c\n", "a:\tb\n",
                 "a: |+\n  x\n", "a: >\n  x\n    y\n", "a:\n  b:\n    c: d\n", "a:\n  - b: c\n", "a: &x y\n", "true: x\n", "a: \"\\ud800\"\n", "a: x\u2028y\n"):
        assert yamlfast.load(text) is None, text
