"""The command line beyond the transcripts: -h everywhere, shell completion, rough edges."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ["convert", "detect", "dialects", "migrate", "sync", "validate", "explain"]


def cli(*args: str, cwd: Path = ROOT, env: dict | None = None, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "agentconv", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, input=stdin, env={**os.environ, **(env or {})})


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_dash_h_is_help(command: str | None) -> None:
    argv = [command] if command else []
    short, long = cli(*argv, "-h"), cli(*argv, "--help")
    assert short.returncode == long.returncode == 0, short.stderr
    assert short.stdout == long.stdout and "Usage: agentconv" in short.stdout
    assert "-h, --help" in short.stdout


SCRIPTS = {"bash": "complete -o default -F _agentconv_completion agentconv", "zsh": "#compdef agentconv",
           "fish": "complete --command agentconv",
           "powershell": "Register-ArgumentCompleter -Native -CommandName agentconv"}


def test_show_completion_gives_the_script_of_the_shell_named() -> None:
    """`--show-completion SHELL` (README) prints that shell's script whatever the shell among the parent processes:
    typer's flag takes no value and asks shellingham, so `fish` under bash printed the bash script, and with no shell
    among them (a backgrounded or double-forked `make test`) it failed, "Shell  not supported" (exit 1). Each shell's
    script calls back into agentconv; the bare flag stays typer's, and an unknown shell is a usage error."""
    for shell, line in SCRIPTS.items():
        for argv in (["--show-completion", shell], [f"--show-completion={shell}"]):
            r = cli(*argv)
            assert r.returncode == 0, r.stderr
            assert line in r.stdout and "_AGENTCONV_COMPLETE" in r.stdout, (shell, r.stdout[:200])
            assert not [s for s, other in SCRIPTS.items() if s != shell and other in r.stdout], shell
    r = cli("--show-completion", "tcsh")
    assert (r.returncode, r.stdout) == (2, "") and "no completion for shell 'tcsh'" in r.stderr
    assert "--install-completion" in cli("--help").stdout


def test_install_completion_installs_the_shell_named(tmp_path: Path) -> None:
    r = cli("--install-completion", "fish", env={"HOME": str(tmp_path)})
    assert r.returncode == 0, r.stderr
    assert SCRIPTS["fish"] in (tmp_path / ".config/fish/completions/agentconv.fish").read_text()


def test_completion_of_commands_and_dialect_ids() -> None:
    def complete(words: str) -> list[str]:
        parts = words.split()
        r = cli(env={"_AGENTCONV_COMPLETE": "complete_bash", "COMP_WORDS": words,
                     "COMP_CWORD": str(len(parts) - 1)})
        assert r.returncode == 0, r.stderr
        return r.stdout.split()

    assert complete("agentconv conv") == ["convert"]
    assert complete("agentconv convert x.md --to cop") == ["copilot", "copilot-prompt"]
    assert complete("agentconv migrate . --from gemini") == ["gemini", "gemini-command"]
    assert complete("agentconv validate x.md -d open") == ["opencode", "opencode-json", "opencode-command"]


def test_deleted_working_directory_is_one_line(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    script = f'mkdir "{gone}" && cd "{gone}" && rmdir "{gone}" && exec "{sys.executable}" -m agentconv migrate --to copilot'
    r = subprocess.run(["sh", "-c", script], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert r.stderr == "agentconv: error: the current directory no longer exists (deleted?); cd to an existing one\n"


def test_demo_first_screen_shows_what_the_tool_is_for(tmp_path: Path) -> None:
    """`make demo` (its commands, with this interpreter, writing under tmp): a conversion with its loss report,
    a refusal explained as deliberate, a round trip; the only error line is the deliberate refusal."""
    r = subprocess.run(["make", "-s", "-o", "install", "demo", f"AC={sys.executable} -m agentconv",
                        f"DEMO_OUT={tmp_path / 'out'}"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    screen = r.stdout.splitlines()[:45]
    assert screen[0].startswith("== 1. A Claude Code agent converted to OpenCode")
    assert any("info [tool-coerced] tools: tools written as an OpenCode permission map" in line for line in screen)
    assert any(line.startswith("== 2. Refused on purpose") for line in screen)
    assert "exit 6 (never widen an agent's access; --allow-broaden accepts it)" in screen
    errors = [line for line in screen if line.startswith("agentconv: error:")]
    assert len(errors) == 1 and errors[0].startswith("agentconv: error: examples/.opencode/agent/git-reviewer.md: ")
    assert "cannot be written in copilot without dropping the scope of bash" in errors[0], errors
    assert screen[screen.index("identical") - 2].startswith("== 3. A round trip")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        "claude copilot opencode gemini codex cursor kiro roo marketplace markdown".split())


@pytest.mark.parametrize("argv", [
    ["convert", "tests/transcripts/inputs/batch/gamma.md", "--to", "opencode"],
    ["convert", "tests/transcripts/inputs/batch/gamma.md", "--to", "opencode", "--json"],
    ["detect", "tests/transcripts/inputs/batch/gamma.md"],
    ["dialects", "--json"],
    ["explain", "tool-unmapped"],
    ["validate", "tests/transcripts/inputs/levels/alpha.md", "-d", "gemini"],
    ["migrate", "tests/transcripts/inputs/levels-repo", "--to", "gemini", "--dry-run"],
])
def test_full_disk_on_stdout_is_one_line(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-m", "agentconv", *argv], cwd=ROOT, stdout=full, stderr=subprocess.PIPE,
                           text=True, timeout=60)
    assert r.returncode == 7
    assert r.stderr.splitlines()[-1] == "agentconv: error: standard output: No space left on device"
    assert "Traceback" not in r.stderr and "Exception ignored" not in r.stderr


@pytest.mark.parametrize("argv", [["dialects"], ["convert", "examples/.claude/agents/backend-developer.md", "--to",
                                                 "opencode", "-o", "-"]])
def test_standard_output_closed_early_is_exit_1_and_silent(argv):
    """`agentconv dialects | head -1`: the reader goes away; exit 1 (README), no traceback, no message."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write: every write fails with EPIPE
    try:
        proc = subprocess.run([sys.executable, "-m", "agentconv", *argv], cwd=ROOT, stdout=write_end,
                              stderr=subprocess.PIPE, timeout=60)
    finally:
        os.close(write_end)
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert "Traceback" not in err and "Broken pipe" not in err and "BrokenPipe" not in err


def test_the_command_exits_without_teardown_but_flushed_and_with_its_exit_handlers(tmp_path: Path) -> None:
    """``agentconv`` (``cli.entry``) leaves with ``os._exit`` after ``main``: what it wrote is all there (a JSON document
    far past a pipe's buffer), the exit code is main's, and the exit handlers ran (the regular expression cache is
    saved by one)."""
    agents = tmp_path / "repo/.claude/agents"
    agents.mkdir(parents=True)
    for i in range(300):
        tools = "Read, mcp__gh\ndisallowedTools: mcp__gh__delete" if i % 3 == 0 else "Read, Grep"  # a third refused
        # for Copilot (it cannot deny an MCP tool of a server it allows): exit 8
        (agents / f"a{i}.md").write_text(f"---\nname: a{i}\ndescription: Agent {i}.\ntools: {tools}\n---\n\n"
                                          f"Body {i}.\n", "utf-8")
    r = cli("migrate", str(tmp_path / "repo"), "--to", "copilot", "--json")
    data = __import__("json").loads(r.stdout)
    assert r.returncode == 8 and len(data["files"]) == 300 and len(r.stdout) > 65536
    assert data["summary"]["statuses"] == {"converted": 200, "failed": 100}
    mark = tmp_path / "ran"
    code = (f"import atexit, sys; atexit.register(lambda: open({str(mark)!r}, 'w').write('x'))\n"
            "sys.argv = ['agentconv', 'dialects', 'nonesuch']\nfrom agentconv.cli import entry\nentry()")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and mark.read_text() == "x" and "nonesuch" in r.stderr


@pytest.mark.parametrize("header", ["model: &a [x]\nmodel2: &a [y, *a]\n",  # a reused anchor, then a recursive alias
                                    "tags: &t [a]\nmore: &t [b]\n"])  # a reused anchor alone: YAML 1.2 allows it
def test_a_reused_yaml_anchor_prints_no_parser_warning(tmp_path, header):
    """ruamel warns of a reused anchor (ReusedAnchorWarning); the user sees agentconv's own lines only."""
    src = tmp_path / ".claude/agents/a.md"
    src.parent.mkdir(parents=True)
    src.write_text(f"---\nname: a\ndescription: d\n{header}---\nBody.\n")
    r = cli("convert", str(src), "--to", "copilot", env={**os.environ, "PYTHONWARNINGS": "always"})
    assert "Warning" not in r.stderr and "occurrence" not in r.stderr, r.stderr


def test_a_roo_mode_given_back_as_it_came_is_not_said_not_written(tmp_path: Path) -> None:
    """A Roo file converted to Roo comes back as it was, its group Roo has not (`ask`) with it: the report says what
    reading found (Roo rejects the file) and no "not written" (said by the afresh write of the source alone, which the
    file written is not)."""
    (tmp_path / ".roomodes").write_text("customModes:\n  - slug: helper\n    name: Helper\n    roleDefinition: You help.\n"
                                        "    groups:\n      - read\n      - ask\n")
    res = cli("convert", ".roomodes", "--to", "roo", "-o", "out", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "out" / ".roomodes").read_text() == (tmp_path / ".roomodes").read_text()
    assert res.stderr.splitlines() == [".roomodes:2: warning [tool-unmapped] tools: group 'ask' has no Roo name; Roo "
                                       "rejects the file", "1 file: 1 converted; losses: 1 tool-unmapped"]


def test_reports_of_a_kilo_target_name_kilo(tmp_path: Path) -> None:
    """`--to kilo` writes Roo's modes for Kilo Code (the roo dialect's variant): its reports name kilo, as the
    variant's table says (were "roo" there, the summary "claude -> roo")."""
    (tmp_path / "rev.md").write_text("---\nname: rev\ndescription: Reviews.\ntools: Read, WebFetch, NotebookEdit\n"
                                     "model: opus\n---\nReview.\n")
    res = cli("convert", "rev.md", "--from", "claude", "--to", "kilo", "--no-carry", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    lines = res.stderr.splitlines()
    assert [line for line in lines if "roo" in line.lower() and "Roo group" not in line] == []  # Kilo's own words
    assert any(line.startswith("rev.md: warning [tool-broadened] tools: in kilo every mode also has task, todowrite, "
                               "skill, outside its groups: the agent can start a subagent") for line in lines)
    assert "rev.md: warning [tool-unmapped] tools: tool 'NotebookEdit' has no kilo name; not granted" in lines
    assert "rev.md: warning [field-dropped] model: model 'opus' not written: kilo has no model field" in lines
    assert lines[-1].startswith("rev.md: claude -> kilo; losses: ")
