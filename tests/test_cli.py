"""CLI transcripts (in the style of pandoc's test/command/*.md), run against the real executable.

Each ````` ```` ````` block in ``tests/transcripts/*.md`` is one case; it holds one or more commands:

    % agentconv convert FILE --to opencode     the command line (shlex); paths relative to the repo root
    >>> stdin                                   optional: the text fed on standard input
    >>> stdout                                  the whole expected standard output
    >>> stdout-json                             standard output must parse as JSON equal to this
    >>> stderr                                  lines that must each appear in standard error
    >>> stderr-all                              the whole expected standard error (regenerated like stdout)
    >>> exit N                                  the exit code
    >>> files                                   the complete sorted list of files under $TMP afterwards
    >>> json-file PATH                          PATH must hold JSON equal to this

``$TMP`` is a fresh temporary directory per case (shared by its commands); ``$VERSION`` is
``agentconv.__version__`` (the version lives in one place).
"""
from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from agentconv import __version__

ROOT = Path(__file__).resolve().parent.parent
TRANSCRIPTS = Path(__file__).resolve().parent / "transcripts"
_BLOCK = re.compile(r"^````\n(.*?)^````$", re.M | re.S)


@dataclass
class Command:
    argv: str
    sections: list[tuple[str, str]] = field(default_factory=list)


def parse(text: str) -> list[Command]:
    cmds: list[Command] = []
    current = None
    for line in text.splitlines(keepends=True):
        if line.startswith("% "):
            cmds.append(Command(line[2:].strip()))
            current = None
        elif line.startswith(">>> "):
            cmds[-1].sections.append((line[4:].strip(), ""))
            current = cmds[-1].sections
        elif current is not None:
            name, body = current[-1]
            current[-1] = (name, body + line)
        else:
            assert not line.strip(), f"text outside a section: {line!r}"
    return cmds


def _accept(md: Path, argv: str, section: str, old: str, new: str) -> None:
    """--regen: replace the expected output of this command in its transcript (pandoc's --accept)."""
    text = md.read_text("utf-8")
    at = text.index("\n% " + argv + "\n") + 1  # the whole command line, not one it begins (`... -q` after `...`)
    head, sep, rest = text[at:].partition(f">>> {section}\n")
    if section == "stdout-json":
        new = json.dumps(json.loads(new), indent=2, ensure_ascii=False) + "\n"
    assert rest.startswith(old)
    md.write_text(text[:at] + head + sep + new + rest[len(old):], "utf-8")


def collect():
    out = []
    for md in sorted(TRANSCRIPTS.glob("*.md")):
        text = md.read_text("utf-8")
        for m in _BLOCK.finditer(text):
            title = text[: m.start()].rstrip().rsplit("\n", 1)[-1].lstrip("# ").strip()
            out.append(pytest.param(parse(m.group(1)), md, id=f"{md.stem}: {title}"))
    return out


def run(cmd: Command, tmp: Path, regen: Path | None = None) -> None:
    argv = [a.replace("$TMP", str(tmp)) for a in shlex.split(cmd.argv)]
    assert argv[0] == "agentconv"
    sections = dict()
    for name, body in cmd.sections:
        sections[name] = body
    stdin = sections.get("stdin", "")
    proc = subprocess.run([sys.executable, "-m", "agentconv", *argv[1:]], cwd=ROOT, input=stdin.encode("utf-8"),
                          capture_output=True, timeout=60)
    stdout, stderr = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    seen_exit = False
    for name, body in cmd.sections:
        raw, body = body, body.replace("$TMP", str(tmp)).replace("$VERSION", __version__)
        if name in ("stdout", "stdout-json", "stderr-all") and regen is not None and "$TMP" not in cmd.argv:
            got = stderr if name == "stderr-all" else stdout
            _accept(regen, cmd.argv, name, raw, got.replace(__version__, "$VERSION") if "$VERSION" in raw else got)
        elif name == "stdout":
            assert stdout == body, f"stdout of {cmd.argv}"
        elif name == "stderr-all":
            assert stderr == body, f"stderr of {cmd.argv}"
        elif name == "stdout-json":
            assert json.loads(stdout) == json.loads(body), f"stdout of {cmd.argv}"
        elif name == "stderr":
            lines = stderr.splitlines()
            for want in body.splitlines():
                assert want in lines, f"{want!r} not in the stderr of {cmd.argv}:\n{stderr}"
        elif name.startswith("exit "):
            seen_exit = True
            assert proc.returncode == int(name.split()[1]), f"exit code of {cmd.argv}; stderr:\n{stderr}"
        elif name == "files":
            found = sorted(p.relative_to(tmp).as_posix() for p in tmp.rglob("*") if p.is_file())
            assert found == body.split(), f"files under $TMP after {cmd.argv}"
        elif name.startswith("json-file "):
            path = Path(name.split(" ", 1)[1].replace("$TMP", str(tmp)))
            assert json.loads(path.read_text("utf-8")) == json.loads(body)
        elif name != "stdin":
            raise AssertionError(f"unknown section {name!r}")
    assert seen_exit, f"{cmd.argv}: every command states its exit code"


@pytest.mark.parametrize(("commands", "md"), collect())
def test_transcript(commands, md, tmp_path, request):
    regen = md if request.config.getoption("--regen") else None
    for cmd in commands:
        run(cmd, tmp_path, regen)


def test_transcripts_exist():
    assert len(collect()) >= 14
