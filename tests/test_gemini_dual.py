"""A folder published both as a Claude Code plugin (or marketplace) and as a Gemini CLI extension (26 of 44 extension
folders of a crawl of real repositories): detection takes the Claude Code manifest, as before, and says so; --from
gemini-extension reads the extension."""
from __future__ import annotations

import json
from pathlib import Path

from test_packages import agentconv


def _dual(root: Path, marketplace: bool = False) -> Path:
    (root / ".claude-plugin").mkdir(parents=True)
    (root / ".claude-plugin" / "plugin.json").write_text('{"name": "dual", "version": "2.0.0"}')
    if marketplace:
        (root / ".claude-plugin" / "marketplace.json").write_text(json.dumps({
            "name": "m", "owner": {"name": "o"}, "plugins": [{"name": "dual", "source": "./"}]}))
    (root / "gemini-extension.json").write_text('{"name": "dual", "version": "1.0.0", "contextFileName": "G.md"}')
    (root / "G.md").write_text("context\n")
    (root / "commands").mkdir()
    (root / "commands" / "hi.toml").write_text('description = "Hi"\nprompt = "Say hi."\n')
    return root


def _said(stdout: str) -> list[str]:
    return [i["message"] for f in json.loads(stdout)["files"] for i in f["losses"]
            if i["path"] == "gemini-extension.json" and i["code"] == "value-read-as"]


def test_a_dual_published_folder_says_which_manifest_it_is_read_by(tmp_path):
    for marketplace in (False, True):
        src = _dual(tmp_path / f"src{marketplace}", marketplace)
        r = agentconv("convert", str(src), "--to", "claude-plugin", "-o", str(tmp_path / f"cp{marketplace}"), "--json")
        assert r.returncode == 0, r.stderr
        said = _said(r.stdout)
        assert len(said) == 1, said
        assert "named as the format to read, gemini-extension reads the Gemini CLI extension instead" in said[0], said
    # a marketplace whose folder is no plugin: the catalogue says it
    src = _dual(tmp_path / "market", True)
    (src / ".claude-plugin" / "plugin.json").unlink()
    (src / ".claude-plugin" / "marketplace.json").write_text(json.dumps({
        "name": "m", "owner": {"name": "o"}, "plugins": [{"name": "p", "source": "./plugins/p"}]}))
    (src / "plugins" / "p" / "agents").mkdir(parents=True)
    (src / "plugins" / "p" / "agents" / "a.md").write_text("---\nname: a\ndescription: An agent\n---\nDo.\n")
    r = agentconv("convert", str(src), "--to", "gemini-extension", "-o", str(tmp_path / "m-ge"), "--json")
    assert r.returncode == 0, r.stderr
    said = _said(r.stdout)
    assert len(said) == 1 and said[0].startswith("a folder with both .claude-plugin/marketplace.json"), said
    # named, it is read as the extension: its command is a record, its manifest's context file said
    src = tmp_path / "srcFalse"
    out = tmp_path / "ge"
    r = agentconv("convert", str(src), "--from", "gemini-extension", "--to", "claude-plugin", "-o", str(out), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads((out / ".claude-plugin" / "plugin.json").read_text())["version"] == "1.0.0"
    assert (out / "commands" / "hi.md").is_file() and not _said(r.stdout)
