"""Mutation fuzzing shared by tests/test_fuzz.py (hypothesis, in `make test`) and bench/fuzz.py (the long run).

Seeds are the fixtures' inputs and golden outputs (fixtures/cases/); a mutation works on bytes, lines or keys.
``run_one`` reads one input (detected from its path, as the CLI does) and writes it in the given dialects. The
only exceptions allowed are AgentconvError subclasses; every output must be valid in its own format:
- a YAML header (or a Roo file): loaded strictly, duplicate keys refused, no raw control or line-separator characters;
- TOML: tomllib; JSON: json with NaN/Infinity refused; every output encodes as UTF-8;
- a carry comment: one line of JSON, no raw control or line-separator characters.
"""
from __future__ import annotations

import json
import random
import re
import tomllib
from pathlib import Path

import agentconv
from agentconv import registry
from agentconv.envelopes import roomodes
from agentconv.errors import AgentconvError

from ruamel.yaml.cyaml import CSafeLoader


def _strict(text: str):
    """ruamel's C-backed safe loader, used directly (as yamlcheck's YAML(typ="safe") does, duplicate keys refused,
    without building a resolver per call)."""
    loader = CSafeLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "fixtures" / "cases"
DIALECTS = [d for d in registry.ids() if type(registry.get(d)).__module__.startswith("agentconv.dialects.")
            and registry.get(d).table.get("writes", True)]  # the ones written (not OpenCode's config, read only)
# C0 controls but tab and newline, DEL, C1, and the Unicode line/paragraph separators: never raw in a header.
RAW_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# Where each writer puts its side channel: a comment line in a YAML header, the first line of a TOML file, a line
# before a Roo mode (two spaces in), the last line of a plain markdown file.
CARRY = {"header": re.compile(r"^# agentconv-carry: (.*)$", re.M), "toml": re.compile(r"\A# agentconv-carry: (.*)$", re.M),
         "roomodes": re.compile(r"^  # agentconv-carry: (.*)$", re.M),
         "plain": re.compile(r"\n<!-- agentconv-carry: (\{.*\}) -->\n?\Z")}  # as envelopes/plain.py reads it


def seeds() -> list[tuple[str, bytes]]:
    """(relative path the dialect is detected from, bytes) for every fixture input and golden output."""
    out = []
    for case in sorted(p for p in CASES.glob("*/*") if p.is_dir()):
        for f in sorted(case.rglob("*")):
            if not f.is_file() or f.name.startswith(("ir.json", "loss.", "error.")):
                continue
            if f.name.startswith("out."):
                d = f.name[4:].rsplit(".", 1)[0]
                if d not in DIALECTS:
                    continue
                rel = _place(d)
            else:
                rel = f.relative_to(case).as_posix()
            out.append((rel, f.read_bytes()))
    return out


def _place(dialect: str) -> str:
    path = registry.get(dialect).table.get("layout", {}).get("path", "{name}.md")
    return path.replace("{name}", "fuzz")


HOSTILE_VALUES = [
    "123", "true", "2024-01-01", "12:30:00", "[a, b]", "{a: 1}", "null", "~", "", "x" * 5000, "'\\ud800'",
    '"\\ud800"', '"\\x7f\\x85\\u2028"', ".nan", ".inf", "-.inf", "&a [x, *a]", "*a", "!!binary aGk=", "|\n  x\n  y",
    "[" * 60 + "]" * 60, "{a: " * 40 + "1" + "}" * 40, "1" * 4400, "0x1F", "1979-05-27T07:32:00Z", "nan", "inf",
]
HOSTILE_LINES = [
    "name: 123", "name: [a, b]", "name: true", "name: 2024-01-01", "tools: {a: 1}", "tools: [null, 1]",
    "model: [1, 2]", "description: [x, {y: z}]", "a: &x [1, 2]\nb: [*x, *x, *x]", "name = 123",
    "prompt = 1979-05-27", "description = 07:32:00", "tools = [1, [2]]", 'prompt = """x"""', "x = " + "9" * 4400,
    '"name": 1', '"prompt": null', '"tools": [1, null]', '"x": NaN', '"description": "\\ud800"', "\t", "\r", "\x85",
    "\u2028", "\x00", "\x7f", "---", "...", "+++", "# agentconv-carry: {\"v\": 1, \"fields\": {\"name\": 5}}",
    "# agentconv-carry: {\"v\": 1, \"fields\": {\"tools\": \"x\", \"model\": [1]}}",
    "<!-- agentconv-carry: {\"v\": 1, \"fields\": {\"prompt\": 1}} -->", "- slug: x\n  name: [1]", "customModes:",
    "key with space: 1", "? complex\n: key", "dup: 1\ndup: 2", "name: a\nname: b",
]
INTERESTING = [b"\x00", b"\xff", b"\xfe", b"\r", b"\r\n", b"\n", b"\t", b"\x7f", b"\xc2\x85", b"\xe2\x80\xa8",
               b"\xef\xbb\xbf", b"\xc3\xa9", b"\xe2\x80\x99", b":", b"-", b"#", b"[", b"{", b"&a", b"*a", b"\"",
               b"'", b"|", b">", b"!", b"%", b"@", b"`", b"=", b"---\n", b"+++\n", b"\\", b"\\u"]


def mutate(rnd: random.Random, data: bytes, count: int = 0) -> bytes:
    """One to four mutations of ``data``: bytes, lines, or a key's value replaced by a hostile one."""
    for _ in range(count or rnd.randint(1, 4)):
        data = rnd.choice(_MUTATORS)(rnd, data)
    return data[:200_000]


def _flip(rnd, d):
    if not d:
        return bytes([rnd.randrange(256)])
    i = rnd.randrange(len(d))
    return d[:i] + bytes([d[i] ^ (1 << rnd.randrange(8))]) + d[i + 1:]


def _insert(rnd, d):
    i = rnd.randint(0, len(d))
    return d[:i] + rnd.choice(INTERESTING) * rnd.choice((1, 1, 2, 30)) + d[i:]


def _delete(rnd, d):
    if not d:
        return d
    i = rnd.randrange(len(d))
    return d[:i] + d[i + rnd.randint(1, 16):]


def _lines(d):
    return d.split(b"\n")


def _dup_line(rnd, d):
    ls = _lines(d)
    i = rnd.randrange(len(ls))
    ls.insert(i, ls[i] * rnd.choice((1, 1, 2)))
    return b"\n".join(ls)


def _drop_line(rnd, d):
    ls = _lines(d)
    del ls[rnd.randrange(len(ls))]
    return b"\n".join(ls)


def _swap_lines(rnd, d):
    ls = _lines(d)
    i, j = rnd.randrange(len(ls)), rnd.randrange(len(ls))
    ls[i], ls[j] = ls[j], ls[i]
    return b"\n".join(ls)


def _hostile_line(rnd, d):
    ls = _lines(d)
    ls.insert(rnd.randint(1, max(1, min(len(ls), 12))), rnd.choice(HOSTILE_LINES).encode("utf-8"))
    return b"\n".join(ls)


_KV = re.compile(rb"^(\s*\"?[A-Za-z_][\w-]*\"?\s*[:=]\s*)(.*)$", re.M)


def _hostile_value(rnd, d):
    ms = list(_KV.finditer(d))
    if not ms:
        return _hostile_line(rnd, d)
    m = rnd.choice(ms)
    return d[:m.start(2)] + rnd.choice(HOSTILE_VALUES).encode("utf-8") + d[m.end(2):]


def _newlines(rnd, d):
    return d.replace(b"\n", rnd.choice((b"\r", b"\r\n", b"\n\r", b"\x85", b"\n\n")))


def _splice(rnd, d):
    i, j = sorted((rnd.randint(0, len(d)), rnd.randint(0, len(d))))
    k = rnd.randint(0, len(d))
    return d[:k] + d[i:j] + d[k:]


_MUTATORS = [_flip, _insert, _delete, _dup_line, _drop_line, _swap_lines, _hostile_line, _hostile_value,
             _hostile_value, _newlines, _splice]


def problems(dialect: str, text: str) -> list[str]:
    """Why ``text`` is not valid output of ``dialect`` (empty when it is)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return [f"not encodable as UTF-8: {exc.reason}"]
    out = []
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")  # a source's own BOM and CRLF are kept on identity
    envelope = registry.get(dialect).table.get("envelope", "frontmatter")
    if envelope != "toml" and "\n" not in text:  # and its CR-only lines (TOML has no such line ending)
        text = text.replace("\r", "\n")
    carried = text
    try:
        if envelope == "toml":
            tomllib.loads(text)
        elif envelope == "json":
            _strict_json(text)
        elif envelope == "roomodes":  # Roo parses the text after its clean-up (NBSP, smart quotes: roomodes.clean)
            try:
                _check_yaml(roomodes.clean(text))
            except Exception:  # noqa: BLE001 - a file the clean-up breaks: Roo loads none of it, and it is only
                _check_yaml(text)  # ever given back as it was (the reader says file-unloadable): YAML as written
        elif envelope != "plain" and _OPEN.match(text):  # (a plain file's `---` line is text: Cursor's commands)
            carried = _header(text)
            _check_yaml(carried)
            envelope = "header"
    except Exception as exc:  # noqa: BLE001 - any failure to load is the finding
        out.append(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
    for m in CARRY[envelope].finditer(carried) if envelope in CARRY else ():
        if envelope == "plain" and not _decodes(m.group(1)):
            continue  # not a payload: prompt text, which the reader keeps as such (and may hold anything)
        if RAW_BAD.search(m.group(0)):
            out.append("raw control character in a carry comment")
        try:
            _strict_json(m.group(1))
        except ValueError as exc:
            out.append(f"carry comment is not JSON: {exc}")
    return out


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _no_duplicates(pairs: list) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise ValueError("a key written twice")
    return out


def _decodes(text: str) -> bool:
    """Whether markdown's reader takes the trailing comment for its side channel (``carry.decode``: JSON, bounded,
    no key written twice); anything else it keeps as prompt text, which may hold anything."""
    from agentconv import carry

    return carry.decode(text) is not None


def _strict_json(text: str):
    return json.loads(text, parse_constant=_no_constant, object_pairs_hook=_no_duplicates)


_OPEN = re.compile(r"---[ \t]*(?:\n|\Z)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


def _header(text: str) -> str:
    """The YAML between the opening ``---`` line and the closing one (a file without a header has none to check)."""
    start = text.index("\n") + 1 if "\n" in text else len(text)
    end = _CLOSE.search(text, start)
    if end is None:
        raise ValueError("header not closed")
    return text[start:end.start()]


def _check_yaml(head: str) -> None:
    bad = RAW_BAD.search(head)
    if bad:
        raise ValueError(f"raw {bad.group()!r} in YAML")
    data = _strict(head) if head.strip() else None
    if data is not None and not isinstance(data, (dict, list)):
        raise ValueError(f"YAML holds a {type(data).__name__}")


class Crash(Exception):
    """An exception that is not an AgentconvError: a bug."""


def run_one(data: bytes, rel: str, targets: list[str] | None = None) -> list[tuple[str, str]]:
    """Read ``data`` as the file ``rel`` and write it in each target. Returns (target, problem) for every invalid
    output; raises Crash (with the original exception as its cause) on anything but an AgentconvError."""
    try:
        doc, report = agentconv.read_text(data, path=rel)
    except AgentconvError:
        return []
    except Exception as exc:  # noqa: BLE001
        raise Crash(f"read: {type(exc).__name__}: {exc}"[:300]) from exc
    invalid = []
    for target in targets or DIALECTS:
        try:
            results = agentconv.api.write_all(doc, target, report=report.__class__())
        except AgentconvError:
            continue
        except Exception as exc:  # noqa: BLE001
            raise Crash(f"write {target}: {type(exc).__name__}: {exc}"[:300]) from exc
        for res in results:
            invalid += [(target, p) for p in problems(target, res.text)]
    return invalid


def signature(exc: BaseException) -> str:
    """Type and innermost agentconv frame: crashes with one cause share it."""
    cause = exc.__cause__ or exc
    tb, where = cause.__traceback__, "?"
    while tb is not None:
        f = tb.tb_frame.f_code.co_filename
        if "agentconv" in f:
            where = f"{Path(f).name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return f"{type(cause).__name__} at {where}"
