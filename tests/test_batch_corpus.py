"""A generated corpus of 100 mixed agent files (bench/corpus.py), converted as a batch through the CLI into
each dialect: partial success at worst, strict output, one error line per failure, sources untouched,
nothing written outside the output directory. No timing is asserted here (see bench/run.py)."""
from __future__ import annotations

import hashlib
import importlib.util
import re
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
N = 100
DIALECTS = ("claude", "copilot", "opencode", "marketplace", "markdown")
LAYOUT = {  # where each target keeps its files, below -o
    "claude": ".claude/agents/*.md",
    "copilot": ".github/agents/*.agent.md",
    "opencode": ".opencode/agent/*.md",
    "marketplace": "agents/specialists/*.md",
    "markdown": "agents/*.md",
}
ERROR = "agentconv: error: "


def _home(path: str) -> str:
    """The folder below -o that a source's output goes to (``convert DIR`` keeps each source's folder): the markdown
    personas of docs/agents/ are docs/'s; every other file of the corpus is at a place of the repository's own."""
    return "docs/" if path.startswith("docs/agents/") else ""
SUMMARY = re.compile(r"^(\d+) files: (.*)$")


def _corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _cli() -> list[str]:
    exe = ROOT / ".venv" / "bin" / "agentconv"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "agentconv"]


def _snapshot(root: Path, skip: Path | None = None) -> dict[str, str]:
    out = {}
    for p in sorted(root.rglob("*")):
        if skip is not None and (p == skip or skip in p.parents):
            continue
        out[str(p.relative_to(root))] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "<dir>"
    return out


def _strict_header(text: str):
    """The header of an output file, loaded by ruamel's strict safe loader (None when there is no header)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")  # kept only when written in its own dialect
    if not text.startswith("---\n"):
        return None
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i] == "---"), None)
    assert end is not None, "header not closed"
    return YAML(typ="safe").load("\n".join(lines[1:end]))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    work = tmp_path_factory.mktemp("batch")
    src = work / "src"
    manifest = _corpus_module().generate(src, N, seed=0)
    return work, src, manifest


@pytest.fixture(scope="module")
def batch(corpus):
    """``batch(target)``: run the CLI once per target (cached), with snapshots taken around the run."""
    work, src, manifest = corpus
    runs: dict = {}

    def run(target: str) -> dict:
        if target not in runs:
            out = work / f"out-{target}"
            before_src, before_work = _snapshot(src), _snapshot(work)
            p = subprocess.run([*_cli(), "convert", str(src), "--to", target, "-o", str(out), "-v"], cwd=work,
                               capture_output=True, text=True, timeout=60)
            runs[target] = {"out": out, "proc": p, "before_src": before_src, "before_work": before_work,
                            "after_src": _snapshot(src), "after_work": _snapshot(work, skip=out)}
        return runs[target]

    return run


def test_corpus_is_deterministic_and_mixed(corpus, tmp_path):
    work, src, manifest = corpus
    again = _corpus_module().generate(tmp_path / "again", N, seed=0)
    assert again == manifest
    assert _snapshot(tmp_path / "again") == _snapshot(src)
    assert {m["dialect"] for m in manifest} == set(DIALECTS)
    assert {m["broken"] for m in manifest if m.get("broken")} == {"unclosed", "list-header", "utf16-no-bom"}
    for trait in ("lenient", "crlf", "bom", "mojibake"):
        assert any(m.get(trait) for m in manifest), trait


@pytest.mark.parametrize("target", DIALECTS)
def test_batch_into_every_dialect(corpus, batch, target):
    work, src, manifest = corpus
    r = batch(target)
    p, out = r["proc"], r["out"]
    sources = {str(src / m["path"]) for m in manifest}
    broken = {str(src / m["path"]) for m in manifest if m.get("broken")}

    assert p.returncode in (0, 8), p.stderr[-2000:]
    # failures: exactly one `agentconv: error: FILE...` line each, naming the source
    failed: dict[str, int] = {}
    for line in p.stderr.splitlines():
        if line.startswith(ERROR):
            rest = line[len(ERROR):]
            named = [s for s in sources if rest.startswith(s + ":")]
            assert len(named) == 1, f"error line does not name one source file: {line}"
            failed[named[0]] = failed.get(named[0], 0) + 1
    assert all(n == 1 for n in failed.values()), {s: n for s, n in failed.items() if n != 1}
    assert broken <= set(failed), f"broken files not reported: {sorted(broken - set(failed))}"
    assert (p.returncode == 8) == bool(failed)
    m = SUMMARY.match(p.stderr.strip().splitlines()[-1])
    assert m and int(m.group(1)) == len(sources), p.stderr[-500:]
    assert f"{len(failed)} failed" in m.group(2) or not failed

    # every converted file has an output in the target's layout whose header is strict YAML
    outputs = [q for q in out.rglob("*") if q.is_file() and ".agentconv" not in q.parts] if out.exists() else []
    assert (out / ".agentconv/manifest.json").is_file() == bool(outputs)  # what it wrote, for migrate to skip
    assert len(outputs) == len(sources) - len(failed)
    for q in outputs:
        rel = q.relative_to(out).as_posix()
        assert fnmatch(rel.removeprefix("docs/"), LAYOUT[target]) and not q.name.startswith(".agentconv-"), rel
        text = q.read_bytes().decode("utf-8")
        header = _strict_header(text)
        if target == "markdown":
            assert header is None, rel
        else:
            assert isinstance(header, dict) and header, rel

    # no source byte changed; nothing written outside OUT
    assert r["after_src"] == r["before_src"]
    assert r["after_work"] == r["before_work"]


@pytest.mark.parametrize("target", DIALECTS)
def test_same_dialect_same_bytes(corpus, batch, target):
    """README: a file that needs no repair, converted to its own dialect, comes back byte for byte. "Needs no
    repair" = no loss line names it other than the name taken from the file name. A plain-markdown persona
    under docs/agents/ must be read as markdown (not as a header-less Claude agent) for this to hold."""
    work, src, manifest = corpus
    r = batch(target)
    reported = {line.split(":", 1)[0] for line in r["proc"].stderr.splitlines()
                if not line.startswith(ERROR) and "[name-derived]" not in line}
    same = [m for m in manifest if m["dialect"] == target and not m.get("broken")
            and str(src / m["path"]) not in reported]
    assert len(same) >= 3, f"too few clean {target} files to check"
    differ = [m["path"] for m in same
              if (r["out"] / _home(m["path"]) / LAYOUT[target].replace("*", m["name"], 1)).read_bytes()
              != (src / m["path"]).read_bytes()]
    assert not differ, differ
