"""The library's surface: paths and content never blur, the public names are exported, and library errors speak
the library's terms (the CLI adds its option when it prints them)."""
from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

import agentconv
from agentconv import validate as val
from agentconv.errors import NoRecords

AGENT = "---\nname: rev\ndescription: Reviews code.\ntools: Read, Grep\n---\n\nYou review.\n"
SCOPED = ("---\nname: git-helper\ndescription: Runs git.\ntools: Read, mcp__github\n"
          "disallowedTools: mcp__github__delete_repo\n---\n\nUse git.\n")  # Copilot cannot deny one MCP tool
SRC = Path(agentconv.__file__).parent


@pytest.fixture
def agent_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = tmp_path / ".claude" / "agents" / "rev.md"
    p.parent.mkdir(parents=True)
    p.write_text(AGENT, "utf-8")
    return p


def test_a_str_is_a_path_never_content(agent_file):
    rel = ".claude/agents/rev.md"
    for source in (rel, agent_file, str(agent_file)):
        result = agentconv.convert(source, to="copilot")
        assert result.source == "claude" and result.path == ".github/agents/rev.agent.md"
        assert "description: Reviews code." in result.text
    # the regression: a name that is no file is an error naming the file, not an agent described as "agent.md"
    with pytest.raises(agentconv.ParseError) as err:
        agentconv.convert("agent.md", to="copilot")
    assert str(err.value).startswith("agent.md: ") and err.value.exit_code == agentconv.ExitCode.PARSE


@pytest.mark.parametrize("verb", ["convert", "convert_all", "read", "detect"])
def test_content_where_a_path_belongs_is_a_type_error(verb):
    fn = getattr(agentconv, verb)
    args = ("copilot",) if verb.startswith("convert") else ()
    for content in (AGENT, AGENT.encode()):
        with pytest.raises(TypeError, match=rf"{verb}\(\) takes a file path .*use {verb}_text\(\)"):
            fn(content, *args)
    with pytest.raises(TypeError, match=r"validate\(\) takes a file path .*use validate_text\(\)"):
        val.validate(AGENT)


def test_text_functions_take_content_and_a_path_that_only_names_it(agent_file):
    for text in (AGENT, AGENT.encode()):
        result = agentconv.convert_text(text, "copilot", path=".claude/agents/elsewhere.md")
        assert result.text == agentconv.convert(agent_file, to="copilot").text
        assert result.report.file == ".claude/agents/elsewhere.md"
        doc, report = agentconv.read_text(text)
        assert doc.agent.name == "rev" and report.source == "claude"
        assert agentconv.detect_text(text).dialect == "claude"
        [one] = agentconv.convert_all_text(text, "opencode", from_="claude")
        assert one.path == ".opencode/agent/rev.md"
        assert val.validate_text(text, "claude") == []
    # a path given to a *_text function is read as the text it is: a nameless agent, never the file
    doc, _ = agentconv.read_text(".claude/agents/rev.md", "markdown")
    assert doc.agent.prompt.strip() == ".claude/agents/rev.md"


def test_file_functions_agree_with_the_text_ones(agent_file):
    doc, report = agentconv.read(agent_file)
    assert doc.agent.description == "Reviews code." and report.file == str(agent_file)
    assert agentconv.read(agent_file, path=".claude/agents/x.md")[1].file == ".claude/agents/x.md"
    det = agentconv.detect(agent_file)
    assert det.dialect == "claude" and det.evidence == agentconv.detect_text(AGENT, path=str(agent_file)).evidence
    assert [r.path for r in agentconv.convert_all(agent_file, "copilot")] == [".github/agents/rev.agent.md"]
    assert val.validate(agent_file) == [] and val.validate(str(agent_file.parent)) == []


def test_public_names():
    exported = set(agentconv.__all__)
    assert {"convert", "convert_text", "convert_all", "convert_all_text", "read", "read_text", "detect", "detect_text",
            "write", "write_all", "migrate", "plan", "sync_check", "dialects", "Document", "Agent", "ToolPolicy",
            "Grant", "Model", "Origin", "LossCode", "LossItem", "LossReport", "Severity", "Policy", "Result",
            "Detection", "Outcome", "Record", "Finding", "AgentconvError", "BroadenError", "LossError", "ParseError",
            "OutputError", "UnknownDialectError", "UsageError", "ExitCode", "__version__"} <= exported
    assert exported <= set(dir(agentconv))
    assert all(getattr(agentconv, name) is not None for name in exported)
    namespace: dict = {}
    exec("from agentconv import *", namespace)
    assert exported - {"__version__"} <= set(namespace)
    assert issubclass(agentconv.BroadenError, agentconv.LossError)
    assert issubclass(agentconv.LossError, agentconv.AgentconvError)


def test_errors_name_no_cli_option_but_say_their_remedy(tmp_path, monkeypatch):
    with pytest.raises(agentconv.BroadenError) as err:
        agentconv.convert_text(SCOPED, "copilot", from_="claude")
    assert err.value.remedy == "allow_broaden" and "--" not in str(err.value)
    from agentconv import api

    # plain markdown takes any text, so "nothing fits" is reached by a detector that finds nothing
    monkeypatch.setattr(api, "detect_decoded", lambda text, path, parsed=None, **_: agentconv.Detection(None, 0.0))
    with pytest.raises(agentconv.UnknownDialectError) as err:
        agentconv.read_text("just some words\n")
    monkeypatch.undo()
    assert err.value.remedy == "from_" and str(err.value) == "cannot tell which dialect this is"
    modes = "customModes:\n" + "".join(f"  - slug: m{i}\n    name: M{i}\n    roleDefinition: R{i}.\n    groups: [read]\n"
                                       for i in range(2))
    with pytest.raises(agentconv.AgentconvError) as err:
        agentconv.convert_text(modes, "claude", from_="roo")
    assert err.value.remedy == "convert_all" and "-o" not in str(err.value)
    from agentconv.batch import write_atomic

    (tmp_path / "x.md").write_text("old", "utf-8")
    with pytest.raises(agentconv.OutputError) as err:
        write_atomic(tmp_path / "x.md", "new", force=False)
    assert err.value.remedy == "force" and "--" not in str(err.value)


def test_the_cli_adds_its_option_to_a_library_error(tmp_path):
    src = tmp_path / "git-helper.md"
    src.write_text(SCOPED, "utf-8")
    out = subprocess.run([sys.executable, "-m", "agentconv", "convert", str(src), "--from", "claude", "--to", "copilot"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == agentconv.ExitCode.BROADEN
    assert out.stderr.rstrip().endswith("(use --allow-broaden to accept)")


def _messages(path: Path) -> list[tuple[int, str]]:
    """String constants in code, not docstrings (a string statement documents; it is never shown)."""
    tree = ast.parse(path.read_text("utf-8"))
    docs = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def test_no_library_message_names_a_cli_option():
    """Errors and loss items; not the CLI, nor docs.py, which writes the CLI's reference pages."""
    option = re.compile(r"(?<![\w-])--[a-z][a-z-]+|\(-o DIR\)")
    found = [f"{p.relative_to(SRC)}:{line}: {text!r}" for p in sorted(SRC.rglob("*.py"))
             if "cli" not in p.parts and p.name != "docs.py"
             for line, text in _messages(p) if option.search(text)]
    assert found == []


def _unannotated(fn, where: str) -> list[str]:
    sig = inspect.signature(fn)
    out = [f"{where}({p.name})" for p in sig.parameters.values()
           if p.name not in ("self", "cls") and p.annotation is inspect.Parameter.empty]
    if sig.return_annotation is inspect.Signature.empty and fn.__name__ != "__init__":
        out.append(f"{where} -> ?")
    return out


def test_the_public_api_is_annotated():
    """Every exported function and every public method of an exported class says its types (pyright
    --verifytypes measures the whole package; this keeps the surface people call complete)."""
    missing: list[str] = []
    for name in agentconv.__all__:
        obj = getattr(agentconv, name)
        if inspect.isfunction(obj):
            missing += _unannotated(obj, name)
        elif inspect.isclass(obj) and obj.__module__.startswith("agentconv"):
            for attr, member in vars(obj).items():
                if inspect.isfunction(member) and (not attr.startswith("_") or attr in ("__init__", "__iter__")):
                    missing += _unannotated(member, f"{name}.{attr}")
    assert missing == []


@pytest.mark.parametrize("name, text", [
    ("settings.json", '{\n  "mcp": {"github": {"type": "local", "command": ["npx", "server-github"]}}\n}\n'),
    ("settings.toml", 'theme = "dark"\n'),
    ("docker-compose.yml", "services:\n  web:\n    image: nginx\n"),
])
def test_a_data_file_no_dialect_knows_is_not_taken_for_a_persona(name, text):
    """Plain markdown takes any prose; a JSON, TOML or YAML file named on its own is data, not a persona: it was
    converted to an agent named after the file with the JSON as its description and prompt (a real opencode.json)."""
    with pytest.raises(agentconv.UnknownDialectError):
        agentconv.convert_text(text, "claude", path=name)
    assert agentconv.detect_text(text, path=name).dialect is None
    assert agentconv.convert_text("Review the code.\n", "claude", path="reviewer.md").text.startswith("---\nname: reviewer")


def test_a_json_file_with_another_tools_schema_is_no_kiro_agent():
    """An OpenCode config named on its own (``$schema`` https://opencode.ai/config.json, a ``permission`` map) was
    read as a Kiro agent named 'opencode' (the ``$schema`` key counted for Kiro); a ``$schema`` naming another tool's
    schema now says it is not one, unless the file sits where Kiro keeps agents."""
    config = '{\n  "$schema": "https://opencode.ai/config.json",\n  "permission": {"bash": "ask"}\n}\n'
    assert agentconv.detect_text(config, path="opencode.json").dialect == "opencode-json"  # OpenCode's config: no
    with pytest.raises(NoRecords, match="without agents or commands"):  # agent in it, said (test_opencode_json)
        agentconv.convert_text(config, "claude", path="opencode.json")
    assert agentconv.detect_text(config, path=".kiro/agents/opencode.json").dialect == "kiro"
    own = ('{\n  "$schema": "https://raw.githubusercontent.com/aws/amazon-q-developer-cli/refs/heads/main/schemas/'
           'agent-v1.json",\n  "name": "rev",\n  "prompt": "Review."\n}\n')
    assert agentconv.detect_text(own, path="rev.json").dialect == "kiro"


def test_a_claude_agents_file_without_a_header_is_a_persona_claude_code_does_not_load(tmp_path):
    """Claude Code loads no agent from a .claude/agents file whose header has no name (a file without a header too:
    its agents loader returns null, and says nothing; read 2026-11-27): such a file was read as a Claude agent named by
    its file, converted elsewhere as one, and said nothing. It is read as the markdown persona it is, with a
    file-rejected warning; as itself it comes back unchanged. A plugin's agents/ file is named by its file in
    Claude Code (the plugin agent loader's fallback): still Claude's."""
    text = "# Reviewer\n\nReviews code.\n\nYou review code carefully.\n"
    assert agentconv.detect_text(text, path=".claude/agents/reviewer.md").dialect == "markdown"
    assert agentconv.detect_text(text, path="plugins/p/agents/reviewer.md").dialect == "claude"
    out = agentconv.convert_text(text, "copilot", path=".claude/agents/reviewer.md")
    said = [i for i in out.report if i.code.value == "file-rejected"]
    assert [i.message for i in said] == [
        "no header with a name, so Claude Code loads nothing from the file: read as a markdown persona"]
    assert said[0].severity.value == "warning" and "description: Reviews code." in out.text
    for from_ in ("markdown", "claude"):  # named so, it is read so; itself, it comes back unchanged
        same = agentconv.convert_text(text, from_, from_=from_, path=".claude/agents/reviewer.md")
        assert same.text == text and [i.code.value for i in same.report if i.severity.value == "warning"] == [
            "file-rejected"]
    nameless = "---\ndescription: Reviews code.\n---\nYou review code carefully.\n"  # a header without a name: the same
    same = agentconv.convert_text(nameless, "claude", path=".claude/agents/reviewer.md")
    assert same.text == nameless and [i.message for i in same.report if i.code.value == "file-rejected"] == [
        "no header with a name, so Claude Code loads nothing from the file: read as a claude agent named by its file"]
    assert not [i for i in agentconv.convert_text(text, "copilot", path="agents/reviewer.md").report
                if i.code.value == "file-rejected"]
    agents = tmp_path / ".claude" / "agents"  # a directory: every file accounted for, the persona converted
    agents.mkdir(parents=True)
    (agents / "reviewer.md").write_text(text, "utf-8")
    (agents / "ok.md").write_text("---\nname: ok\ndescription: d\n---\nBody.\n", "utf-8")
    from agentconv.batch import convert_many
    res = {Path(r.source).name: (r.status, r.source_dialect) for r in convert_many([agents], "copilot", tmp_path / "o")}
    assert res == {"ok.md": ("converted", "claude"), "reviewer.md": ("converted", "markdown")}


def test_a_claude_agents_template_whose_name_is_a_list_is_a_file_claude_code_does_not_load():
    # A template's placeholders in brackets are YAML lists. Claude Code 2.1.330 loads no agent from a .claude/agents
    # file whose name or description is not text (its agent parser and check; claude.toml [parser] rejects_not_text):
    # read as one without them, said (file-rejected), and given back unchanged in its own dialect (was: exit 3).
    text = "---\nname: [agent-name]\ndescription: [what it does]\nmodel: sonnet\n---\n# [Agent Name]\n"
    same = agentconv.convert_text(text, "claude", path=".claude/agents/_template.md")
    assert same.text == text
    assert [(i.code.value, i.path, i.line, i.severity.value) for i in same.report if i.code.value == "file-rejected"] \
        == [("file-rejected", "name", 2, "warning"), ("file-rejected", "description", 3, "warning")]
    assert [i.message for i in same.report if i.code.value == "file-rejected"][0] == \
        "'name' is a list, not text, so Claude Code loads nothing from the file: read as one without a name"
    out = agentconv.convert_text(text, "copilot", path=".claude/agents/_template.md")
    assert "name: _template\n" in out.text and "[agent-name]" not in out.text and "[what it does]" not in out.text
    mapped = "---\nname: {first: x}\ndescription: d\n---\nBody.\n"  # a map: the same
    assert agentconv.convert_text(mapped, "claude", path=".claude/agents/x.md").text == mapped
    # elsewhere (a plugin's agents/) another loader reads it: a description that is a list is omitted, as it does
    plugin = "---\nname: helper\ndescription: [a, b]\n---\nBody.\n"
    got = agentconv.convert_text(plugin, "claude", from_="claude", path="plugins/p/agents/helper.md")
    assert got.text == plugin and [i.code.value for i in got.report if i.severity.value == "warning"] == [
        "value-invalid"]
