"""Cursor custom commands (``.cursor/commands/*.md``, ``~/.cursor/commands/*.md``): plain markdown, no header read
(a ``---`` block is prompt text to Cursor), the name is the file stem, no placeholders: what is typed after the
command goes to the model beside its text (``cursor-command.toml`` cites the sources)."""
from .command import CommandDialect


class CursorCommand(CommandDialect):
    id = "cursor-command"
