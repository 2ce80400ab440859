"""OpenAI Codex custom prompts (``.codex/prompts/*.md``): optional ``description``/``argument-hint`` header;
placeholders ``$ARGUMENTS``, ``$1..$9``, ``$$`` for a literal ``$``; no shell or file placeholders
(``agentconv.placeholders``)."""
from .command import CommandDialect


class CodexPrompt(CommandDialect):
    id = "codex-prompt"
