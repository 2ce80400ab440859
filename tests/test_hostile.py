"""Hostile input (issue 9): bounded parsers, FIFOs, odd encodings, non-text names, outputs valid in their own format,
no traceback ever. Every hazard is generated here; nothing comes from the real corpus."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

import agentconv
from agentconv import limits
from agentconv.batch import convert_many
from agentconv.errors import ExitCode, OutputError, ParseError
from agentconv.limits import LimitError

import fuzzcheck as fc


def cli(*argv: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "agentconv", *argv], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def agent(name: str = "ok", extra: str = "", body: str = "Body.\n") -> str:
    return f"---\nname: {name}\ndescription: Does things\n{extra}---\n\n{body}"


def assert_one_line_error(proc: subprocess.CompletedProcess, code: int, words: str) -> None:
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("agentconv: error: ")]
    assert errors and words in errors[0], proc.stderr


# ------------------------------------------------------------------------------------------ names that are not text
NAMES = {"int.md": "123", "bool.md": "true", "date.md": "2024-01-01", "list.md": "[a, b]", "long.md": "x" * 5000}


def _hostile_batch(folder: Path) -> None:
    folder.mkdir(parents=True)
    for f, name in NAMES.items():
        (folder / f).write_text(agent(name), "utf-8")
    for i in range(3):
        (folder / f"good{i}.md").write_text(agent(f"good-{i}"), "utf-8")


def test_non_text_names_fail_alone_in_a_batch(tmp_path):
    _hostile_batch(tmp_path / "src")
    results = {Path(r.source).name: r for r in convert_many([tmp_path / "src"], "copilot", tmp_path / "out")}
    assert {f for f, r in results.items() if r.status == "converted"} == {
        "int.md", "bool.md", "date.md", "good0.md", "good1.md", "good2.md"}
    assert results["list.md"].exit_code == ExitCode.PARSE and "'name' is a list, not text" in results["list.md"].error
    assert results["long.md"].exit_code == ExitCode.OUTPUT and "too long for a file name" in results["long.md"].error
    assert (tmp_path / "out/.github/agents/123.agent.md").read_text().startswith('---\nname: "123"\n')
    coerced = [i.message for i in results["date.md"].report if i.code.value == "value-retyped"]
    assert coerced == ["a date read as its text '2024-01-01'"]


def test_non_text_names_cli_json_and_migrate_leave_no_temp_files(tmp_path):
    _hostile_batch(tmp_path / "src")
    proc = cli("convert", "src", "--to", "opencode", "-o", "out", "--json", cwd=tmp_path)
    assert proc.returncode == ExitCode.PARTIAL and "Traceback" not in proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["summary"]["statuses"] == {"converted": 6, "failed": 2}
    repo = tmp_path / "repo"
    (repo / ".claude").mkdir(parents=True)
    (tmp_path / "src").rename(repo / ".claude" / "agents")
    proc = cli("migrate", "repo", "--to", "copilot,opencode", "--json", cwd=tmp_path)
    assert proc.returncode == ExitCode.PARTIAL and "Traceback" not in proc.stderr
    statuses = {(Path(r["source"]).name, r.get("target")): r["status"] for r in json.loads(proc.stdout)["files"]}
    # at Claude Code's own place a name that is a list is a file it loads nothing from: read as one named by its file,
    # said (file-rejected), not refused as in a folder no tool reads (test_a_claude_agents_template_whose_name...)
    assert list(statuses.values()).count("converted") == 14
    assert {k[0] for k, v in statuses.items() if v == "failed"} == {"long.md"}
    assert not [p for p in repo.rglob(".agentconv-*") if p.is_file()]


# ------------------------------------------------------------------------------------------ bounded parsers
class _TooMany(BaseException):
    """Past ``_calls_of_a_run``'s limit: a BaseException, so that no ``except Exception`` of the run (a reader tried
    after another) goes on uncounted."""


def _calls_of_a_run(argv: list[str], limit: float) -> int:
    """The function calls and returns (Python's and C's: ``sys.setprofile``'s events) of one in-process CLI run, which
    stops once it makes more than ``limit``: a count, not a timing (the machine's load moves no count)."""
    from agentconv import cli as main

    events = 0

    def count(frame, event, arg) -> None:
        nonlocal events
        events += 1
        if events > limit:
            raise _TooMany

    old, sys.argv = sys.argv, ["agentconv", *argv]
    sys.setprofile(count)
    try:
        main.main()
    except (SystemExit, _TooMany):
        pass
    finally:
        sys.setprofile(None)
        sys.argv = old
    return events


def test_28000_nested_brackets_are_refused_before_the_c_loader(tmp_path, capsys):
    """Refused with one line before any parser, in work linear in the brackets: the calls of an in-process run, at
    most 20 a bracket opened (~12 now). Counted, not timed (it was ``< 30 s`` around the CLI run); a bracket count
    that walks what is open at each bracket stops at the bound at once."""
    (tmp_path / "deep.md").write_text(agent(extra="tools: " + "[" * 28_000 + "]" * 28_000 + "\n"), "utf-8")
    proc = cli("convert", "deep.md", "--to", "copilot", cwd=tmp_path)
    assert_one_line_error(proc, ExitCode.PARSE, "deep.md: 28,000 '[' and '{' open at once in the YAML")
    argv = ["convert", str(tmp_path / "deep.md"), "--to", "copilot"]
    _calls_of_a_run(["convert", str(tmp_path / "none.md"), "--to", "copilot"], float("inf"))  # its imports, uncounted
    assert 0 < _calls_of_a_run(argv, 20 * 28_000) <= 20 * 28_000
    assert "deep.md: 28,000 '[' and '{' open at once in the YAML" in capsys.readouterr().err


def test_many_brackets_that_close_are_no_nesting() -> None:
    """A big modes file's prompts hold thousands of brackets that close ('[x]', JSON examples): read, not refused
    as a nesting bomb (a Roo file of 257 modes holds 7,388); 5,001 left open still are."""
    mode = "  - slug: m{i}\n    name: M{i}\n    roleDefinition: 'Check [x] {{a: [1, 2]}} ' \n    groups: [read]\n"
    text = "customModes:\n" + "".join(mode.format(i=i) for i in range(2000))
    assert text.count("[") + text.count("{") > 6 * limits.MAX_FLOW_OPENS // 5
    doc, _ = agentconv.read_text(text.encode(), "roo", path=".roomodes")
    assert len(doc.records) == 2000
    with pytest.raises(LimitError, match="5,001 '\\[' and '\\{' open at once"):
        limits.check_yaml_nesting("x: " + "[" * 5001, "f.yaml")


@pytest.mark.parametrize("rel,text", [
    ("a.md", agent(extra="tools: " + "[" * 1000 + "]" * 1000 + "\n")),
    ("b.md", agent(extra="tools:\n" + "".join("  " * i + "-\n" for i in range(1, 1200)))),
    (".codex/agents/c.toml", 'name = "c"\nx = ' + "[" * 1000 + "]" * 1000 + "\n"),
    (".kiro/agents/d.json", '{"name": "d", "x": ' + "[" * 1000 + "]" * 1000 + "}"),
    (".kiro/agents/e.json", '{"name": "e", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"),
])
def test_deep_nesting_is_one_limit_error(rel, text):
    with pytest.raises(LimitError, match="nested|at most"):
        agentconv.read_text(text.encode(), path=rel)


def _alias_bomb(levels: int) -> str:
    lines = ["a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]"]
    for i in range(1, levels):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "---\nname: bomb\ndescription: d\n" + "\n".join(lines) + "\n---\nx\n"


def test_alias_bomb_is_refused_fast(tmp_path):
    text = _alias_bomb(10)
    assert len(text) < 420
    for levels in (9, 10):  # one level less once wrote a 303 MB file
        tracemalloc.start()  # refused before it is expanded: a bound on what it allocated (bytes, not a timing)
        try:
            with pytest.raises(LimitError, match="aliases expand to more than 10,000 values"):
                agentconv.convert_text(_alias_bomb(levels).encode(), "copilot", path="bomb.md")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 16 * 2**20  # ~0.7 MB here; 9 levels expanded are 387 M values
    doc, report = agentconv.read_text(_alias_bomb(2).encode(), path="small.md")  # a few aliases are fine
    assert doc.agent.extensions["claude"]["b"][0] == ["lol"] * 9


def test_recursive_alias_is_refused():
    with pytest.raises(LimitError, match="refers to itself"):
        agentconv.read_text(b"---\nname: r\ndescription: d\nx: &x [1, *x]\n---\n", path="r.md")


def test_values_characters_file_and_output_sizes_are_bounded(monkeypatch, tmp_path):
    monkeypatch.setattr(limits, "MAX_NODES", 50)
    with pytest.raises(LimitError, match="more than 50 values"):
        agentconv.read_text(agent(extra="".join(f"k{i}: {i}\n" for i in range(60))).encode(), path="k.md")
    monkeypatch.setattr(limits, "MAX_CHARS", 1000)
    with pytest.raises(LimitError, match="expands to more than 1,000 characters"):
        agentconv.read_text(agent(extra=f"x: {'y' * 1200}\n").encode(), path="v.md")
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)
    (tmp_path / "big.md").write_text(agent(body="z" * 200), "utf-8")
    with pytest.raises(LimitError, match="at most 100"):
        agentconv.read(tmp_path / "big.md")
    monkeypatch.setattr(limits, "MAX_OUTPUT_BYTES", 80)
    with pytest.raises(LimitError, match="the output is"):
        agentconv.convert_text(agent(body="w" * 100).encode(), "copilot", path="o.md")


def test_limits_are_far_above_the_real_corpus_figures():
    # corpus (2026-11-26): file 64 KB, header 5,527 bytes, depth 4, 31 values, 6 brackets, no aliases
    assert limits.MAX_FILE_BYTES >= 100 * 64_000 and limits.MAX_HEADER_BYTES >= 100 * 5_527
    assert limits.MAX_DEPTH >= 10 * 4 and limits.MAX_NODES >= 1000 * 31 and limits.MAX_FLOW_OPENS >= 100 * 6


def test_toml_hazards():
    with pytest.raises(LimitError, match="4300 digits"):
        agentconv.read_text(b'name = "n"\nx = ' + b"9" * 4301 + b"\n", path=".codex/agents/n.toml")
    doc, report = agentconv.read_text(b'name = 1979-05-27\ndescription = 07:32:00\ndeveloper_instructions = "p"\n'
                                 b'when = 1979-05-27T07:32:00Z\n', path=".codex/agents/d.toml")
    assert (doc.agent.name, doc.agent.description) == ("1979-05-27", "07:32:00")
    assert doc.agent.extensions["codex"]["when"] == "1979-05-27T07:32:00+00:00"
    assert sum(i.code.value == "value-retyped" for i in report) == 3
    assert fc.run_one(src_bytes := b'name = 1979-05-27\ndescription = "d"\n', ".codex/agents/d.toml") == [], src_bytes


def test_null_in_a_list_written_to_toml_is_left_out_and_reported():
    doc, _ = agentconv.read_text(agent(extra="nickname_candidates: [a, null, b]\nsandbox_mode: null\n").encode(),
                            path=".claude/agents/ok.md")
    report = agentconv.LossReport()
    text = agentconv.write(doc, "codex", report=report)
    assert 'nickname_candidates = [\n    "a",\n    "b",\n]' in text and "sandbox_mode" not in text
    assert [i.path for i in report if "has no null" in i.message] == ["nickname_candidates[]"]
    assert fc.problems("codex", text) == []


def test_kiro_lone_surrogate_and_non_finite_numbers():
    src = b'{"name": "k", "description": "a \\ud800 b", "prompt": "p", "temperature": NaN, "x": -Infinity}'
    doc, report = agentconv.read_text(src, path=".kiro/agents/k.json")
    assert doc.agent.description == "a \ufffd b"
    assert doc.agent.params.get("temperature", doc.agent.extensions.get("kiro", {}).get("temperature")) == "nan"
    assert {i.message for i in report if i.code.value == "value-retyped"} >= {
        "a lone surrogate (an invalid \\u escape) read as U+FFFD", "nan (not a finite number) read as the text 'nan'"}
    assert fc.run_one(src, ".kiro/agents/k.json") == []


# ------------------------------------------------------------------------------------------ FIFOs and encodings
def test_fifo_is_refused_never_opened(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".claude/agents").mkdir(parents=True)
    os.mkfifo(repo / ".claude/agents/pipe.md")  # opening it for reading would block forever
    (repo / ".claude/agents/ok.md").write_text(agent(), "utf-8")
    for argv, code in ((["convert", ".claude/agents/pipe.md", "--to", "copilot"], ExitCode.PARSE),
                       (["detect", ".claude/agents/pipe.md"], ExitCode.PARSE),
                       (["validate", ".claude/agents/pipe.md"], ExitCode.VALIDATION),
                       (["convert", ".claude/agents", "--to", "copilot", "-o", "out"], ExitCode.PARTIAL),
                       (["migrate", ".", "--to", "copilot"], ExitCode.PARTIAL)):
        proc = cli(*argv, cwd=repo, timeout=30)
        assert proc.returncode == code, (argv, proc.returncode, proc.stderr)
        assert "not a regular file (a FIFO): refused" in proc.stdout + proc.stderr, argv
        assert "Traceback" not in proc.stderr
    assert (repo / ".github/agents/ok.agent.md").exists()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_without_bom_and_utf32_are_refused(encoding):
    with pytest.raises(ParseError, match="not UTF-8 text .*NUL"):
        agentconv.read_text(agent().encode(encoding), path="u.md")


def test_cr_only_newlines_are_line_breaks_and_kept_on_identity():
    src = agent("cr-agent", extra="model: sonnet\n", body="Line one.\nLine two.\n").replace("\n", "\r").encode()
    doc, _ = agentconv.read_text(src, path=".claude/agents/cr-agent.md")
    assert (doc.agent.name, doc.agent.description, doc.agent.model.raw) == ("cr-agent", "Does things", "sonnet")
    assert doc.agent.prompt == "Line one.\nLine two.\n"
    assert agentconv.write(doc, "claude").encode() == src
    codex = agentconv.convert_text(b'name = "c"\rdescription = "d"\rdeveloper_instructions = "p"\r',
                              "codex", path=".codex/agents/c.toml").text
    assert "\r" not in codex  # TOML has no CR-only line ending: written with LF


# ------------------------------------------------------------------------------------------ outputs always valid
NASTY = "a\x01b\x7fc\x85d\x9fe\u2028f\u2029g"


def test_control_characters_and_line_separators_are_escaped_in_every_output():
    src = agent("nasty", extra=f'color: "{json.dumps(NASTY)[1:-1]}"\nx-note: "{json.dumps(NASTY)[1:-1]}"\n',
                body="Prompt.\n")
    doc, _ = agentconv.read_text(src.encode(), path=".claude/agents/nasty.md")
    doc.agent.description = NASTY
    for target in fc.DIALECTS:
        for res in agentconv.api.write_all(doc, target):
            assert fc.problems(target, res.text) == [], (target, res.text)
            assert not fc.RAW_BAD.search(res.text.split("\n---\n")[0] if target != "markdown" else "")


def test_a_key_written_twice_is_written_once():
    src = b"---\nname: ok\ndescription: a: b\ndescription: c: d\n---\nBody\n"  # lenient: read chunk by chunk
    for target in ("claude", "copilot"):
        text = agentconv.convert_text(src, target, path=".claude/agents/ok.md").text
        assert fc.problems(target, text) == [] and text.count("\ndescription:") == 1
    # valid YAML apart from the repeat: Claude Code reads the last one (2.1.330, checked 2026-11-27), reported; a
    # dialect whose tool refuses the header (OpenCode, Gemini CLI: js-yaml) refuses it, as YAML does
    doc, report = agentconv.read_text(agent(extra="model: sonnet\nmodel: opus\n").encode(), path=".claude/agents/ok.md")
    assert doc.records[0].model.raw == "opus" and [i.code.value for i in report] == ["value-invalid"]
    with pytest.raises(ParseError, match="not valid YAML"):
        agentconv.read_text(b"---\ndescription: d\nmodel: a/b\nmodel: c/d\n---\nx\n", "opencode")


def test_a_json_key_written_twice_is_written_once():
    kiro = b'{"name": "k", "description": "d", "description": "e", "prompt": "p"}\n'
    roo = b'{"customModes": [{"slug": "a", "name": "A", "name": "B", "roleDefinition": "r", "groups": ["read"]}]}\n'
    for src, rel, target in ((kiro, ".kiro/agents/k.json", "kiro"), (roo, ".roomodes", "roo")):
        doc, _ = agentconv.read_text(src, path=rel)
        text = agentconv.write(doc, target)
        assert fc.problems(target, text) == [] and text != src.decode(), text
    assert doc.agent.display_name == "B"  # the last one, as JSON.parse keeps it


def test_multi_line_flow_header_is_not_reused_when_the_chunker_splits_it_otherwise():
    src = b"---\nname: ok\ndescription: d\ntools: [Read,\nmodel: x]\n---\nBody\n"
    for target in ("claude", "copilot", "opencode"):
        text = agentconv.convert_text(src, target, path=".claude/agents/ok.md").text
        assert fc.problems(target, text) == [], text


def test_gemini_command_prompt_written_once():
    text = agentconv.convert_text(b'description = "d"\n\nprompt = ""', "gemini-command",
                                  path=".gemini/commands/x.toml").text
    assert text.count("prompt =") == 1 and fc.problems("gemini-command", text) == []
    fresh = agentconv.convert_text(b"---\ndescription: d\n---\n", "gemini-command", path=".claude/commands/x.md").text
    assert fresh.count("prompt =") == 1 and fc.problems("gemini-command", fresh) == []
    # into its own dialect, a file without a prompt (Gemini CLI skips it) comes back as it came, not as one that loads
    src = b'description = "d"\n'
    assert agentconv.convert_text(src, "gemini-command", path=".gemini/commands/x.toml").text.encode() == src


def test_damaged_or_wrongly_shaped_side_channel_is_ignored_not_a_crash():
    bad = ['{"v":1,"fields":{"tools":"x","model":[1],"name":5,"extensions.x.":1,"metadata":"s"}}',
           '{"v":1,"fields":{"tools":{"grants":[{"decisi/n":"allow"}]}}}', '{"v":1,"fields":', '[1, 2]']
    for payload in bad:
        text = agent(extra=f"# agentconv-carry: {payload}\n")
        doc, report = agentconv.read_text(text.encode(), path=".claude/agents/ok.md")
        assert doc.agent.name == "ok" and doc.agent.tools.mode == "inherit"
        out = agentconv.write(doc, "claude")
        assert fc.problems("claude", out) == [] and payload not in out
    md = agentconv.read_text(b"# T\n\nd\n\nBody\n\n<!-- agentconv-carry: {\"v\":1,\"fields\":{\"name\":7}} -->\n",
                        path="t.md")[1]
    assert any("side channel value for name ignored" in i.message for i in md)


def test_envelope_notes_are_parameters_never_text_split_apart():
    """limits.plain and the frontmatter envelope hand back what they found as a code's parameters (no reader splits
    a message at " read as "): a damaged carry comment is carry-stale at its own line, a value it retyped is
    value-retyped with the value and its reading, even where the value's own words hold " read as "."""
    from agentconv import limits

    assert limits.plain({"a": {1, 2}, "b": float("inf")})[1] == [
        limits.Retyped("a", "a YAML set", "a list"), limits.Retyped("b", "inf (not a finite number)", "the text 'inf'")]
    text = agent(extra="# agentconv-carry: {broken\n")
    report = agentconv.read_text(text.encode(), path=".claude/agents/ok.md")[1]
    stale = [(i.code.value, i.line, i.message) for i in report if i.code.value == "carry-stale"]
    assert stale == [("carry-stale", text.split("\n").index("# agentconv-carry: {broken") + 1,
                      "an agentconv-carry comment that is not a valid payload: dropped")]
    src = b"---\nname: n\ndescription: d\nwhen: 2024-01-01\nx: !!set {read as: null}\n---\nBody\n"
    report = agentconv.read_text(src, path=".claude/agents/n.md")[1]
    assert sorted((i.line, i.message) for i in report if i.code.value == "value-retyped") == [
        (4, "a date read as its text '2024-01-01'"), (5, "a YAML set read as a list")]


def test_two_keys_that_are_one_as_text_say_so_in_their_own_words():
    """1 and '1' (a date and its quoted spelling, two lone surrogates) are one key once read as text: key-twice says
    which keys, which text, and which value stayed, at the mapping's path (Roo: in the message), not as a retyping."""
    from agentconv import limits

    data, notes = limits.plain({"m": {1: "a", "1": "b"}, "\ud800": 1, "\udfff": 2})
    assert data == {"m": {"1": "a"}, "\ufffd": 1}
    assert [n for n in notes if isinstance(n, limits.KeyTwice)] == [
        limits.KeyTwice("m", "keys 1 and '1'", "1"), limits.KeyTwice("", "keys '\\ud800' and '\\udfff'", "\ufffd")]
    src = b"---\nname: n\ndescription: d\nmetadata:\n  1: a\n  '1': b\n2024-01-01: x\n'2024-01-01': y\n---\nBody\n"
    report = agentconv.read_text(src, path=".claude/agents/n.md")[1]
    assert [(i.severity.value, i.path, i.line, i.message) for i in report if i.code.value == "key-twice"] == [
        ("warning", "metadata", 4, "keys 1 and '1' are both '1' as text: the first one's value kept, the second one's "
                                   "dropped"),
        ("warning", "", None, "keys 2024-01-01 and '2024-01-01' are both '2024-01-01' as text: the first one's value "
                              "kept, the second one's dropped")]
    assert not any("twice" in i.message for i in report if i.code.value == "value-retyped")
    roo = b"customModes:\n  - slug: a\n    name: A\n    roleDefinition: r\n    groups: [read]\n    1: x\n    '1': y\n"
    report = agentconv.read_text(roo, path=".roomodes")[1]
    assert [i.message for i in report if i.code.value == "key-twice"] == [
        "customModes: keys 1 and '1' are both '1' as text: the first one's value kept, the second one's dropped"]


# ------------------------------------------------------------------------------------------ linear header rewrite
class _Counted(str):
    """A key that counts the hashes and comparisons made of it, and stops a run that makes more than ``LIMIT``: a
    quadratic rewrite fails at once instead of running for minutes (a count, not a timing: the machine's load moves
    no count)."""

    calls = 0
    LIMIT = 10**12  # set by the test once its keys are built

    def _count(self) -> None:
        _Counted.calls += 1
        if _Counted.calls > _Counted.LIMIT:
            raise AssertionError(f"more than {_Counted.LIMIT} hashes and comparisons: not linear in the keys")

    def __hash__(self) -> int:
        self._count()
        return str.__hash__(self)

    def __eq__(self, other: object) -> bool:
        self._count()
        return str.__eq__(self, other)


def test_rewriting_a_header_is_linear_in_its_keys(monkeypatch):
    from agentconv.envelopes.frontmatter import _order

    n = 20_000
    keys = [_Counted(f"k{i}") for i in range(n)]
    mapping = dict.fromkeys(keys[: n // 2] + [_Counted("new")] + keys[n // 2:])
    layout = [_Counted(str(k)) for k in reversed(keys)]  # equal keys, other objects: each lookup compares
    monkeypatch.setattr(_Counted, "calls", 0)
    monkeypatch.setattr(_Counted, "LIMIT", 20 * n)  # a few per key; the quadratic version made ~n * n / 2
    order = _order(mapping, layout)
    assert 0 < _Counted.calls <= 20 * n
    assert order[:2] == [f"k{n - 1}", f"k{n - 2}"] and order.index("new") == order.index(f"k{n // 2 - 1}") + 1


# ------------------------------------------------------------------------------------------ no traceback, ever
def test_an_internal_error_is_one_line_exit_70_and_json_stays_valid(monkeypatch, capsys, tmp_path):
    from agentconv import api, cli

    (tmp_path / "a.md").write_text(agent("a"), "utf-8")
    (tmp_path / "b.md").write_text(agent("b"), "utf-8")
    real_read = api.read

    def buggy(source, *a, **kw):
        if str(source).endswith("a.md"):
            raise TypeError("simulated bug")
        return real_read(source, *a, **kw)

    monkeypatch.setattr(api, "convert", lambda *a, **kw: 1 / 0)
    monkeypatch.setattr(api, "read", buggy)
    for argv, code in ((["convert", str(tmp_path / "a.md"), "--to", "copilot", "--json"], 70),
                       (["convert", str(tmp_path), "--to", "copilot", "-o", str(tmp_path / "o"), "--json"], 8)):
        monkeypatch.setattr(sys, "argv", ["agentconv", *argv])
        with pytest.raises(SystemExit) as exit_:
            cli.main()
        assert exit_.value.code == code
        out, err = capsys.readouterr()
        data = json.loads(out)
        assert "Traceback" not in err and "please report it" in (err + out)
        if code == 8:
            failed = [f for f in data["files"] if f["status"] == "failed"]
            assert [(Path(f["source"]).name, f["exit_code"]) for f in failed] == [("a.md", 70)]
            assert "internal error (TypeError: simulated bug)" in failed[0]["error"]


def test_migrate_survives_a_full_disk_and_a_bad_gitignore_pattern(monkeypatch, tmp_path):
    import errno

    from agentconv import fsio, migration

    (tmp_path / ".claude/agents").mkdir(parents=True)
    (tmp_path / ".claude/agents/ok.md").write_text(agent(), "utf-8")
    (tmp_path / ".gitignore").write_text("**/[z-a]\n*.log\n", "utf-8")

    def full(*a, **kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsio, "stage", full)
    outcome = migration.migrate(tmp_path, ["copilot"], jobs=1)
    [rec] = outcome.records
    assert (rec.status, rec.exit_code) == ("failed", ExitCode.OUTPUT) and "No space left" in rec.error
    assert not [p for p in tmp_path.rglob(".agentconv-*") if p.is_file()]


def test_broken_sync_config_is_a_usage_error(tmp_path):
    (tmp_path / ".agentconv.toml").write_text("from = [1\n", "utf-8")
    assert_one_line_error(cli("sync", "--check", cwd=tmp_path), ExitCode.USAGE, ".agentconv.toml: not valid TOML")
    (tmp_path / ".agentconv.toml").write_text('from = 1\nto = ["copilot"]\n', "utf-8")
    proc = cli("sync", "--check", "--json", cwd=tmp_path)
    assert json.loads(proc.stdout)["exit_code"] == ExitCode.USAGE


def test_name_too_long_for_a_file_name():
    with pytest.raises(OutputError, match="too long for a file name"):
        agentconv.convert_text(agent("y" * 300).encode(), "copilot", path="y.md")


def test_a_batch_that_hits_a_bug_closes_its_json_and_an_os_error_is_not_called_a_bug(capsys):
    from agentconv.batch import FileResult
    from agentconv.cli import render

    def results(exc):
        yield FileResult("a.md", "converted", target="out/a.md")
        raise exc

    tally = render.batch(results(KeyError("x")), True, render.NORMAL, to="copilot")
    out, err = capsys.readouterr()
    doc = json.loads(out)
    assert doc["exit_code"] == tally.exit_code() == ExitCode.INTERNAL and len(doc["files"]) == 1
    assert "internal error (KeyError: 'x')" in err
    with pytest.raises(OSError):  # a full disk or a closed pipe: reported by cli.main as such, not as a bug
        render.batch(results(OSError(28, "No space left on device")), True, render.NORMAL, to="copilot")


def test_a_damaged_carry_comment_in_plain_markdown_stays_prompt_text():
    damaged = '<!-- agentconv-carry: {"v":1,"fields":{"name":"x",broken}} -->'
    src = f'# Fixer\n\nFixes tests.\n\nRun them.\n\n{damaged}\n<!-- agentconv-carry: {{"v": 1, "fields": {{}}}} -->\n'
    doc, _ = agentconv.read_text(src.encode(), path="agents/fixer.md")
    assert doc.agent.prompt.endswith(damaged)
    out = agentconv.write(doc, "markdown")
    assert fc.problems("markdown", out) == []
    again, report = agentconv.read_text(out.encode(), path="agents/fixer.md")
    assert again.agent.prompt == doc.agent.prompt
    assert any("kept as text of the prompt" in i.message for i in report)


def test_comment_lines_with_a_raw_carriage_return_are_not_written_back():
    src = b'---\nname: a\ndescription: d\ntools:\n  - read_file\n# agentconv\rcarry: {"v": 1}\n---\n\nBody\n'
    for target in ("gemini", "claude"):
        out = agentconv.convert_text(src, target, path=".gemini/agents/a.md").text
        assert fc.problems(target, out) == [] and "carry: {" not in out, out


def test_an_empty_key_is_kept_as_a_key():
    src = b'{"name": "k", "": "x", "prompt": "p"}\n'
    doc, _ = agentconv.read_text(src, path=".kiro/agents/k.json")
    assert doc.agent.extensions["kiro"][""] == "x"
    assert fc.run_one(src, ".kiro/agents/k.json") == []
    assert fc.run_one(b'---\nname: a\ndescription: d\n"": x\n---\nB\n', ".claude/agents/a.md") == []


def test_a_carry_comment_that_is_not_json_is_prompt_text_whatever_it_holds():
    src = '# T\n\nd\n\nBody\n\n<!-- agentconv-carry: {"v":1,"fields":{"x":"a\r\rb"}} -->\n'.encode()
    doc, _ = agentconv.read_text(src, path="agents/t.md")
    assert doc.agent.prompt.endswith('{"x":"a\r\rb"}} -->\n')  # raw CR in a JSON string: not a payload
    assert fc.run_one(src, "agents/t.md") == []
    assert fc.problems("markdown", '# T\n\nx\n<!-- agentconv-carry: {"v": "\x7f"} -->\n')  # a payload: checked


def test_noncharacters_yaml_refuses_are_escaped():
    src = "---\nname: a\ndescription: De\ufeff\uffffploys\n---\nB\n".encode()
    for target in ("codex-prompt", "claude", "roo", "kiro", "codex"):
        assert fc.run_one(src, ".claude/agents/a.md", [target]) == [], target


def test_standard_input_is_bounded_like_a_file():
    """An endless or huge pipe is read up to the file limit and refused (exit 3), never read whole."""
    big = b"a" * (limits.MAX_FILE_BYTES + 10)
    r = subprocess.run([sys.executable, "-m", "agentconv", "convert", "-", "--from", "claude", "--to", "copilot"],
                       input=big, capture_output=True, timeout=60)
    assert r.returncode == int(ExitCode.PARSE) and r.stdout == b""
    assert r.stderr.decode().strip() == (f"agentconv: error: <stdin>: standard input is over "
                                         f"{limits.MAX_FILE_BYTES:,} bytes; agentconv reads at most "
                                         f"{limits.MAX_FILE_BYTES:,}")


def test_a_key_too_long_to_be_implicit_is_written_explicitly():
    """YAML caps an implicit key at 1,024 characters: an OpenCode permission pattern (a tool name) longer than that
    is written as '? KEY' / ': VALUE', and the header still loads."""
    import yaml

    name = "srv_" + "x" * 1500
    src = f"---\nname: a\ndescription: A.\ntools: Read, mcp__srv__{'x' * 1500}\n---\nBody.\n"
    out = agentconv.convert_text(src, "opencode", from_="claude").text
    assert fc.problems("opencode", out) == [] and f"? {name}\n" in out
    header = yaml.safe_load(out.split("---\n")[1])
    assert header["permission"][name] == "allow"


def test_a_carry_comment_with_a_key_written_twice_is_damaged_never_reused():
    """JSON readers disagree on a repeated key, and agentconv never writes one: such a comment is not read, and a
    .roomodes holding it is written fresh, not reused verbatim."""
    from agentconv import carry

    assert carry.decode('{"v":1,"fields":{}}') == {"v": 1, "fields": {}}
    assert carry.decode('{"v":1,"fields":{},"v":1}') is None
    src = ('customModes:\n  # agentconv-carry: {"v":1,"fields":{"display_name":"A","display_name":"B"},"slug":"a"}\n'
           '  - slug: a\n    name: A\n    roleDefinition: Do a.\n    groups:\n      - read\n')
    out = agentconv.convert_text(src, "roo", path=".roomodes").text
    assert out != src and fc.problems("roo", out) == [] and '"display_name":"B"' not in out
