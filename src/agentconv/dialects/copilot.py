"""GitHub Copilot / VS Code custom agents (``.github/agents/NAME.agent.md``, legacy ``.chatmode.md``).

``name:`` is a display name (identity is the file name); ``tools: ['*']`` means every tool (GitHub docs).
"""
from .base import Dialect


class Copilot(Dialect):
    id = "copilot"
