"""Finding fixture cases and producing what the golden files hold (shared by the golden and round-trip tests)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import agentconv
from agentconv import registry
from agentconv.errors import BroadenError

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "fixtures" / "cases"
# Every built-in dialect (a plugin installed in the environment does not change the golden files).
TARGETS = [d for d in registry.ids() if type(registry.get(d)).__module__.startswith("agentconv.dialects.")
           and registry.get(d).table.get("writes", True)]  # not a read-only one (OpenCode's config)
EXPECTED_PREFIXES = ("ir.json", "out.", "loss.", "error.")
# Same dialect, yet written strictly on purpose: a comma string of VS Code's model-facing ids where Copilot documents
# a list of its own reference names (the seed asks that the output use them). Every other case comes back as written.
REWRITTEN = {"copilot/seed-003"}


@dataclass
class Case:
    source: str
    """The source dialect (the directory above the case)."""
    name: str
    dir: Path
    rel: str
    """The input's path relative to the case directory, POSIX style (the path detection sees)."""

    @property
    def id(self) -> str:
        return f"{self.source}/{self.name}"

    @property
    def input(self) -> Path:
        return self.dir / self.rel

    def read(self):
        return agentconv.read(self.input, path=self.rel)


def cases() -> list[Case]:
    out = []
    for src_dir in sorted(p for p in CASES.iterdir() if p.is_dir()):
        for case_dir in sorted(p for p in src_dir.iterdir() if p.is_dir()):
            inputs = [p for p in case_dir.rglob("*") if p.is_file()
                      and not (p.parent == case_dir and p.name.startswith(EXPECTED_PREFIXES))]
            assert len(inputs) == 1, f"{case_dir}: expected exactly one input file, found {inputs}"
            rel = inputs[0].relative_to(case_dir).as_posix()
            out.append(Case(src_dir.name, case_dir.name, case_dir, rel))
    return out


def dumps(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def ir_json(doc: agentconv.Document) -> str:
    data = doc.to_json()
    for rec in data["records"]:
        rec.pop("origin", None)
    return dumps(data)


def loss_json(report) -> str:
    items = []
    for item in report.to_json():
        item.pop("file", None)
        items.append(item)
    return dumps(items)


def out_suffix(target: str) -> str:
    """The extension of the target's own files: ``.md``, ``.toml`` (Codex), ``.json`` (Kiro), ``.yaml`` (Roo's
    ``.roomodes``, a YAML file with no extension)."""
    table = registry.get(target).table
    suffix = Path(table.get("layout", {}).get("path", "x.md")).suffix
    return suffix or (".yaml" if table.get("envelope") == "roomodes" else ".md")


def expected_files(case: Case) -> dict[str, str]:
    """Every golden file of a case, name -> text, computed now."""
    doc, _ = case.read()
    files = {"ir.json": ir_json(doc)}
    for target in TARGETS:
        try:
            results = agentconv.convert_all(case.input, to=target, path=case.rel)
        except BroadenError as exc:
            files[f"error.{target}.txt"] = str(exc) + "\n"
            continue
        for n, result in enumerate(results, 1):
            # one output file: out.<target><ext>; a multi-record source in a one-record target: out.<target>.<n><ext>
            tag = target if len(results) == 1 else f"{target}.{n}"
            files[f"out.{tag}{out_suffix(target)}"] = result.text
            files[f"loss.{tag}.json"] = loss_json(result.report)
    return files


def claude_beneath(text: str, to: str, *, policy: agentconv.Policy = agentconv.Policy(),
                   settings: dict | None = None) -> agentconv.Result:
    """``text``, a Claude Code agent, converted to ``to`` with its ``disallowedTools`` entries moved into the
    ``permissions.deny`` of its project's ``.claude/settings.json`` (with ``settings``, if any): Claude Code's spelling
    of a scoped deny. The agent's own ``disallowedTools`` entry takes the whole tool it names, whatever its scope
    (claude.toml ``[parser] deny_scopes``); a settings rule is a permission rule, held in its scope."""
    import tempfile

    from agentconv.dialects.helpers import split_commas

    head, sep, rest = text.partition("\n---\n")
    lines = head.split("\n")
    deny = [n for line in lines if line.startswith("disallowedTools:")
            for n in split_commas(line.partition(":")[2].strip())]
    root = Path(tempfile.mkdtemp(prefix="claude-beneath-"))
    (root / ".git").mkdir()
    (root / ".claude" / "agents").mkdir(parents=True)
    data = dict(settings or {})
    data["permissions"] = {**data.get("permissions", {}), "deny": [*data.get("permissions", {}).get("deny", []), *deny]}
    (root / ".claude" / "settings.json").write_text(json.dumps(data))
    agent = root / ".claude" / "agents" / "a.md"
    agent.write_text("\n".join(line for line in lines if not line.startswith("disallowedTools:")) + sep + rest)
    return agentconv.convert(agent, to, from_="claude", policy=policy)
