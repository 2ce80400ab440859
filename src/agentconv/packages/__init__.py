"""Whole packages: a Claude Code plugin (and a marketplace of them), an Agent Plugins 1.0 package and a Gemini CLI
extension.

A package is many records of several kinds in one folder. Each record is read and written by the dialect of its
kind (``claude`` agents, ``claude-command`` commands, ``skill`` skills; in an Agent Plugins package, each client's
own dialects inside its extension folder; in a Gemini CLI extension ``gemini`` agents and ``gemini-command``
commands), so tools and models are mapped and never widened exactly as in a
one-file conversion; this package only knows where records live and what the manifests hold
(``dialects/data/packages.toml``). What a record's target cannot hold is in that record's report; what a package
cannot hold (a hook, an MCP server field, a command for a client without commands, a Gemini CLI extension's
``excludeTools``) is in the manifest's report; an access limit is never dropped silently and never widened (an MCP
server with a tool limit the target cannot hold is not written).

Flow: ``read_package(root)`` -> ``Package`` (manifest fields, members, MCP servers in Claude Code's spelling, the
Claude-only and Gemini-only manifest keys, what another format loses, other files as bytes) -> ``write_package(pkg, fmt, clients)`` -> relative path ->
bytes, each with the rows that say where it came from -> ``convert_package`` writes them under one output folder
(atomically, nothing outside it, never over a source or a file agentconv did not write unless ``force``).

Modules: ``model`` (the formats' table, ``Package``, ``Member``), ``formats`` (detection, reading and writing by
format), ``claude`` (a Claude Code plugin and a marketplace's plugins), ``agentplugins`` (an Agent Plugins 1.0
package) with ``extensions`` (its per-client folders) and ``mcp`` (MCP servers between the two spellings),
``gemini`` (a Gemini CLI extension, and MCP servers between its spelling and Claude Code's),
``writing`` (what both writers share), ``converting`` (files on disk, ``migrate``).
"""
from .agentplugins import check_manifest
from .converting import convert_package, migrate, replace_policy
from .formats import detect, read_package, write_package
from .model import FORMATS, MARKETPLACE, Member, Package, clients, describe, is_format, table
from .writing import Output

__all__ = ["FORMATS", "MARKETPLACE", "Member", "Output", "Package", "check_manifest", "clients", "convert_package",
           "describe", "detect", "is_format", "migrate", "read_package", "replace_policy", "table", "write_package"]
