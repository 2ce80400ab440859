"""A deterministic, seeded corpus of agent files in every dialect, at the paths each tool reads them from.

    python bench/corpus.py OUT_DIR --n 2000 [--seed 0]

or, from Python (tests, the batch benchmark)::

    from corpus import generate
    manifest = generate(out_dir, n=100, seed=0)   # one dict per file written

All text is made here from templates and a word list; nothing is copied from anywhere. File ``i`` depends
only on ``(seed, i)``, the names used before it (kept unique) and whether ``i`` is one of the broken slots,
which are spread evenly over ``n``.

What the corpus holds (shares are approximate):

- dialects: Claude Code 38 % (``.claude/agents/NAME.md``), Copilot 20 % (``.github/agents/NAME.agent.md``),
  OpenCode 17 % (``.opencode/agent/NAME.md``), marketplace 12 % (``agents/specialists/NAME.md``), plain
  markdown 13 % (``docs/agents/NAME.md``);
- bodies of 1-20 KB, log-normal around 5 KB: headings, paragraphs, bullet and numbered lists, code blocks;
- tools as comma strings, YAML lists, OpenCode permission maps (flat, per-pattern) and legacy ``tools:``
  bool maps, VS Code model-facing ids, MCP tools in each dialect's spelling; models as aliases, full ids,
  ``provider/model`` and Copilot display names; colours (names and hex);
- the awkward shapes: Claude-lenient frontmatter (an unquoted ``description`` holding ``: `` and
  ``<example>`` blocks, sometimes with continuation lines), CRLF newlines, a UTF-8 BOM, mojibake (UTF-8
  read as Windows-1252, the bytes it has no character for dropped);
- about 2 % broken files (at least three): frontmatter never closed, a header that is a YAML list, UTF-16
  without a byte-order mark. ``manifest[i]["broken"]`` names the kind.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

DIALECT_SHARES = [("claude", 0.38), ("copilot", 0.20), ("opencode", 0.17), ("marketplace", 0.12), ("markdown", 0.13)]
PATHS = {
    "claude": ".claude/agents/{name}.md",
    "copilot": ".github/agents/{name}.agent.md",
    "opencode": ".opencode/agent/{name}.md",
    "marketplace": "agents/specialists/{name}.md",
    "markdown": "docs/agents/{name}.md",
}
BROKEN_KINDS = ("unclosed", "list-header", "utf16-no-bom")
BROKEN_SHARE = 0.02

# ----------------------------------------------------------------------------------------- vocabulary
ADJ = ("backend", "frontend", "data", "cloud", "security", "platform", "mobile", "api", "database", "infra",
       "release", "docs", "test", "perf", "ml", "search", "billing", "growth", "design", "compliance",
       "observability", "network", "embedded", "game", "devops", "qa", "ux", "payments", "graph", "stream")
ROLE = ("developer", "reviewer", "architect", "auditor", "engineer", "specialist", "analyst", "writer",
        "planner", "debugger", "optimizer", "migrator", "tester", "advisor", "maintainer", "curator")
TECH = ("PostgreSQL", "Redis", "Kafka", "GraphQL", "REST", "gRPC", "Terraform", "Kubernetes", "Docker",
        "TypeScript", "Python", "Go", "Rust", "React", "Vue", "Django", "FastAPI", "Express", "Spark",
        "Airflow", "S3", "OAuth2", "JWT", "OpenAPI", "Prometheus", "Grafana", "WebSockets", "SQLite",
        "Elasticsearch", "RabbitMQ", "Nginx", "Bazel", "Gradle", "Swift", "Kotlin", "Flutter")
NOUNS = ("schema", "endpoint", "query", "migration", "cache", "queue", "service", "module", "pipeline",
         "deployment", "contract", "index", "payload", "handler", "fixture", "regression", "benchmark",
         "dependency", "interface", "workflow", "dashboard", "alert", "runbook", "incident", "release",
         "changelog", "component", "layout", "token", "session", "permission", "report", "metric", "trace")
VERBS = ("design", "review", "refactor", "document", "profile", "harden", "migrate", "validate", "monitor",
         "test", "deploy", "simplify", "measure", "debug", "plan", "audit", "model", "tune", "version")
FILLER = ("the", "a", "each", "every", "new", "existing", "critical", "shared", "internal", "public",
          "slow", "large", "small", "legacy", "flaky", "noisy", "clear", "consistent", "safe", "fast",
          "when", "before", "after", "so that", "without", "with", "across", "between", "for", "and")
HEADINGS = ("Core Responsibilities", "Focus Areas", "Technical Expertise", "Deliverables", "Best Practices",
            "Working Process", "Review Checklist", "Quality Standards", "Communication", "Constraints",
            "Output Format", "Examples", "Edge Cases", "Escalation", "Tooling", "Anti-patterns to Avoid")
EMOJI = ("⚙️", "🔌", "🗄️", "🔐", "📡", "🏗️", "🧪", "🚀", "✅", "📊", "🧭", "🛡️", "💡", "🔧", "📝")
ACCENTED = ("café", "naïve", "façade", "résumé", "coöperate", "Zürich", "São Paulo", "crème brûlée")
PUNCT = ("—", "–", "’", "“quoted”", "…", "→", "•", "±", "×")

CLAUDE_TOOLS = ("Read", "Write", "Edit", "MultiEdit", "Glob", "Grep", "Bash", "WebFetch", "WebSearch",
                "TodoWrite", "Task", "NotebookEdit", "LS")
MCP = (("context7", ("resolve-library-id", "get-library-docs")),
       ("serena", ("read_file", "find_symbol", "list_dir", "replace_content", "search_for_pattern")),
       ("github", ("get_issue", "create_pull_request", "list_commits")),
       ("playwright", ("browser_navigate", "browser_click", "browser_snapshot")),
       ("sentry", ("get_issue_details", "search_events")))
COPILOT_TOOLS = ("read/readFile", "edit/editFiles", "edit/createFile", "search/codebase", "search/textSearch",
                 "search/fileSearch", "search/usages", "execute/runInTerminal", "execute/getTerminalOutput",
                 "web/fetch", "todo", "agent", "read/problems", "search/changes", "search", "edit", "web")
COPILOT_FOREIGN = ("create_file", "replace_string_in_file", "read_file", "grep_search", "run_in_terminal",
                   "file_search", "list_dir", "fetch_webpage", "semantic_search", "get_errors")
OPENCODE_TOOLS = ("read", "edit", "write", "bash", "glob", "grep", "list", "webfetch", "todowrite", "task")
CLAUDE_MODELS = ("sonnet", "opus", "haiku", "inherit", "claude-sonnet-4-5", "claude-opus-4-1")
COPILOT_MODELS = ("Claude Sonnet 4.5 (copilot)", "GPT-5 (copilot)", "GPT-5 mini (copilot)",
                  "Claude Haiku 4.5 (copilot)", "Gemini 2.5 Pro (copilot)")
OPENCODE_MODELS = ("anthropic/claude-sonnet-4", "anthropic/claude-sonnet-4-5", "openai/gpt-5",
                   "google/gemini-2.5-pro", "anthropic/claude-haiku-4-5", "openrouter/qwen/qwen3-coder")
COLORS = ("red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan")
HEX = ("#EF4444", "#3B82F6", "#22C55E", "#A855F7", "#F97316", "#0EA5E9", "#14B8A6")


# ------------------------------------------------------------------------------------------- prose
def _words(rng: random.Random, lo: int, hi: int) -> str:
    pools = (VERBS, FILLER, NOUNS, FILLER, TECH, NOUNS, FILLER)
    return " ".join(rng.choice(pools[k % len(pools)]) for k in range(rng.randint(lo, hi)))


def _sentence(rng: random.Random, flair: float = 0.0) -> str:
    s = _words(rng, 6, 18)
    if rng.random() < flair:
        s += " " + rng.choice(PUNCT + ACCENTED) + " " + _words(rng, 2, 5)
    if rng.random() < flair / 2:
        s += " " + rng.choice(EMOJI)
    return s[0].upper() + s[1:] + "."


def _paragraph(rng: random.Random, flair: float) -> str:
    return " ".join(_sentence(rng, flair) for _ in range(rng.randint(2, 5)))


def _code(rng: random.Random) -> str:
    lang = rng.choice(("python", "typescript", "sql", "yaml", "bash"))
    n1, n2 = rng.choice(NOUNS), rng.choice(NOUNS)
    if lang == "python":
        lines = [f"def {rng.choice(VERBS)}_{n1}({n2}: dict) -> dict:", f'    """{_sentence(rng)}"""',
                 f"    if not {n2}:", f"        raise ValueError('empty {n2}')",
                 f"    return {{k: v for k, v in {n2}.items() if v is not None}}"]
    elif lang == "typescript":
        lines = [f"export async function {rng.choice(VERBS)}{n1.title()}(input: {n2.title()}): Promise<void> {{",
                 f"  const result = await client.{n1}.findMany({{ where: {{ id: input.id }} }})",
                 "  if (!result) throw new Error('not found')", "}"]
    elif lang == "sql":
        lines = [f"SELECT id, {n1}_at, count(*) AS n", f"FROM {n2}s", f"WHERE {n1}_at > now() - interval '7 days'",
                 "GROUP BY 1, 2", "ORDER BY n DESC", "LIMIT 50;"]
    elif lang == "yaml":
        lines = [f"{n1}:", f"  {n2}: {rng.randint(1, 99)}", f"  enabled: {rng.choice(('true', 'false'))}",
                 f"  owner: {rng.choice(ADJ)}-team"]
    else:
        lines = [f"{rng.choice(('npm run', 'make', 'pytest', 'cargo'))} {rng.choice(VERBS)}",
                 f"git log --oneline -n {rng.randint(5, 30)} -- src/{n1}/"]
    return f"```{lang}\n" + "\n".join(lines) + "\n```"


def _body(rng: random.Random, size: int, title: str, flair: float = 0.05, heading: bool = True) -> str:
    """Markdown prose of about ``size`` characters."""
    parts = []
    if heading:
        parts.append(f"# {title}\n\n")
    parts.append(f"You are a {title.lower()} who {rng.choice(VERBS)}s {_words(rng, 8, 16)}.\n\n")
    total = sum(map(len, parts))
    headings = list(HEADINGS)
    rng.shuffle(headings)
    k = 0
    while total < size:
        h = headings[k % len(headings)] + ("" if k < len(headings) else f" ({k // len(headings) + 1})")
        k += 1
        sec = [f"## {h}\n\n"]
        kind = rng.random()
        if kind < 0.35:
            sec += [f"- **{rng.choice(NOUNS).title()}**: {_sentence(rng, flair)}\n" for _ in range(rng.randint(3, 8))]
        elif kind < 0.55:
            sec += [f"{j}. {_sentence(rng, flair)}\n" for j in range(1, rng.randint(3, 7))]
        elif kind < 0.7:
            sec += [_paragraph(rng, flair) + "\n\n", _code(rng) + "\n"]
        elif kind < 0.8:
            sec += [f"### {rng.choice(TECH)}\n\n", _paragraph(rng, flair) + "\n\n",
                    f"- [ ] {_sentence(rng)}\n- [ ] {_sentence(rng)}\n"]
        else:
            sec += [_paragraph(rng, flair) + "\n\n", _paragraph(rng, flair) + "\n"]
        sec.append("\n")
        text = "".join(sec)
        parts.append(text)
        total += len(text)
    return "".join(parts).rstrip("\n") + "\n"


def _body_size(rng: random.Random) -> int:
    """1-20 KB, log-normal with the median at 5 KB."""
    return int(min(20_000, max(1_000, rng.lognormvariate(math.log(5_000), 0.55))))


# ----------------------------------------------------------------------------------------- headers
def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _examples(rng: random.Random, name: str, k: int) -> str:
    out = []
    for _ in range(k):
        n = rng.choice(NOUNS)
        out.append(f'<example>Context: The user is working on the {n} layer. user: "Can you {rng.choice(VERBS)} '
                   f'the {n} for {rng.choice(TECH)}?" assistant: "I\'ll use the {name} agent to '
                   f'{rng.choice(VERBS)} it: {_words(rng, 4, 8)}." <commentary>{_sentence(rng)}</commentary></example>')
    return " ".join(out)


def _mcp_claude(rng: random.Random) -> list[str]:
    server, tools = rng.choice(MCP)
    if rng.random() < 0.2:
        return [f"mcp__{server}__*"] if rng.random() < 0.5 else [f"mcp__{server}"]
    return [f"mcp__{server}-mcp__{t}" if server == "serena" else f"mcp__{server}__{t}"
            for t in rng.sample(tools, rng.randint(1, len(tools)))]


def _claude(rng: random.Random, name: str, title: str, size: int, lenient: bool) -> tuple[str, dict]:
    flags = {}
    desc = f"Use this agent when you need to {rng.choice(VERBS)} {_words(rng, 8, 20)}"
    lines = ["---", f"name: {name}"]
    style = rng.random()
    if lenient:
        flags["lenient"] = True
        desc += f". Examples: {_examples(rng, name, rng.randint(1, 3))}"
        if rng.random() < 0.25:  # a continuation line, which Claude Code folds into the value
            lines.append(f"description: {desc}")
            lines.append(f"  Also: {_words(rng, 5, 12)}.")
        else:
            lines.append(f"description: {desc}")
    elif style < 0.55:
        lines.append(f"description: {desc.replace(': ', ' - ').replace('#', 'no.')}.")
    elif style < 0.8:
        lines.append(f"description: {_q(desc + '. Examples:' + chr(10) + _examples(rng, name, 1))}")
    else:
        lines.append("description: |")
        lines += [f"  {desc}.", f"  {_sentence(rng)}"]
    r = rng.random()
    tools = []
    if r < 0.65:
        tools = rng.sample(CLAUDE_TOOLS, rng.randint(1, 7))
        if rng.random() < 0.3:
            tools += _mcp_claude(rng)
        if rng.random() < 0.03:
            tools.append("Bash(git *)")  # a scope Copilot cannot say without granting more (exit 6 there)
            flags["scoped"] = True
        if r < 0.5:
            lines.append("tools: " + ", ".join(tools))
        else:
            lines.append("tools:")
            lines += [f"  - {t}" if "(" not in t and "*" not in t else f"  - {_q(t)}" for t in tools]
    if rng.random() < 0.1:
        lines.append("disallowedTools: " + ", ".join(rng.sample(("Bash", "WebFetch", "Write"), rng.randint(1, 2))))
    if rng.random() < 0.8:
        lines.append(f"model: {rng.choice(CLAUDE_MODELS)}")
    if rng.random() < 0.5:
        lines.append(f"color: {rng.choice(COLORS)}")
    if rng.random() < 0.1:
        lines.append(f"permissionMode: {rng.choice(('default', 'acceptEdits', 'plan'))}")
    if rng.random() < 0.08:
        lines.append(f"skills: {', '.join(f'{rng.choice(ADJ)}-{rng.choice(NOUNS)}' for _ in range(2))}")
    if rng.random() < 0.05:
        lines.append(f"maxTurns: {rng.randint(5, 40)}")
    lines += ["---", ""]
    return "\n".join(lines) + "\n" + _body(rng, size, title, heading=rng.random() < 0.3), flags


def _copilot(rng: random.Random, name: str, title: str, size: int) -> tuple[str, dict]:
    lines = ["---"]
    if rng.random() < 0.7:
        lines.append(f"name: {title}" if rng.random() < 0.6 else f"name: {name}")
    lines.append(f"description: {_q(_sentence(rng))}" if rng.random() < 0.5 else
                 f"description: {_sentence(rng).replace(': ', ' ').replace(' #', ' no.')}")
    if rng.random() < 0.2:
        lines.append(f"argument-hint: {_q('Describe the ' + rng.choice(NOUNS) + ' to ' + rng.choice(VERBS))}")
    r = rng.random()
    if r < 0.45:
        tools = rng.sample(COPILOT_TOOLS, rng.randint(1, 6))
        if rng.random() < 0.25:
            server, ts = rng.choice(MCP)
            tools += [f"{server}/{t}" for t in rng.sample(ts, 1)] if rng.random() < 0.7 else [f"{server}/*"]
        lines.append("tools: [" + ", ".join(_q(t) for t in tools) + "]" if rng.random() < 0.6 else "tools:")
        if lines[-1] == "tools:":
            lines += [f"  - {_q(t)}" for t in tools]
    elif r < 0.65:
        lines.append("tools: " + ", ".join(rng.sample(COPILOT_FOREIGN, rng.randint(2, 6))))
    elif r < 0.7:
        lines.append("tools: []")
    if rng.random() < 0.7:
        lines.append(f"model: {rng.choice(COPILOT_MODELS)}")
    if rng.random() < 0.15:
        lines.append(f"target: {rng.choice(('vscode', 'github-copilot'))}")
    if rng.random() < 0.15:
        lines.append("handoffs:")
        for _ in range(rng.randint(1, 2)):
            lines += [f"  - label: {rng.choice(VERBS).title()} {rng.choice(NOUNS)}",
                      f"    agent: {rng.choice(ADJ)}-{rng.choice(ROLE)}",
                      f"    prompt: {_q(_sentence(rng))}", f"    send: {rng.choice(('true', 'false'))}"]
    lines += ["---", ""]
    return "\n".join(lines) + "\n" + _body(rng, size, title, heading=rng.random() < 0.5), {}


def _opencode(rng: random.Random, name: str, title: str, size: int) -> tuple[str, dict]:
    lines = ["---", f"description: {_sentence(rng).replace(': ', ' ').replace(' #', ' no.')}"]
    if rng.random() < 0.6:
        lines.append(f"mode: {rng.choice(('subagent', 'subagent', 'primary', 'all'))}")
    if rng.random() < 0.75:
        lines.append(f"model: {rng.choice(OPENCODE_MODELS)}")
    if rng.random() < 0.4:
        lines.append(f"temperature: {rng.choice((0.1, 0.2, 0.3, 0.5, 0.7))}")
    r = rng.random()
    if r < 0.35:  # an allowlist: deny all, then grant
        lines += ["permission:", '  "*": deny']
        for t in rng.sample(OPENCODE_TOOLS, rng.randint(1, 5)):
            lines.append(f"  {t}: {rng.choice(('allow', 'allow', 'ask'))}")
        if rng.random() < 0.3:
            server, ts = rng.choice(MCP)
            lines.append(f"  {server}_{ts[0].replace('-', '_')}: allow")
    elif r < 0.55:  # per-pattern bash rules, the rest inherited
        lines += ["permission:", "  edit: ask", "  bash:", '    "*": ask', '    "git status": allow',
                  f'    "git {rng.choice(("diff", "log", "show"))}*": allow', '    "rm *": deny']
    elif r < 0.7:  # the deprecated tools map
        lines.append("tools:")
        for t in rng.sample(("write", "edit", "bash", "webfetch", "read"), rng.randint(1, 4)):
            lines.append(f"  {t}: {rng.choice(('true', 'false'))}")
    if rng.random() < 0.2:
        lines.append(f'color: "{rng.choice(HEX)}"')
    if rng.random() < 0.1:
        lines.append(f"{rng.choice(('steps', 'maxSteps'))}: {rng.randint(5, 50)}")
    lines += ["---", ""]
    return "\n".join(lines) + "\n" + _body(rng, size, title, heading=False), {}


def _marketplace(rng: random.Random, name: str, title: str, size: int) -> tuple[str, dict]:
    emo = rng.choice(EMOJI)
    lines = ["---", f"id: {name}", f"name: {title}", f"description: {_sentence(rng).replace(': ', ' ')}",
             f"version: {rng.randint(0, 3)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}", f"avatar: {_q(emo)}",
             "greeting: |", f"  Hey! I'm your {title} {emo}", "",
             f"  I {rng.choice(VERBS)} {_words(rng, 6, 12)} {rng.choice(PUNCT)} {_words(rng, 3, 6)}.", "",
             "  **What I can help with:**"]
    lines += [f"  - {rng.choice(EMOJI)} {_words(rng, 3, 7)}" for _ in range(rng.randint(2, 5))]
    lines += ["", f"  What's the {rng.choice(NOUNS)} challenge?", f"category: {rng.choice(('development', 'data', 'operations', 'design', 'security'))}",
              "tags:"]
    lines += [f"  - {t.lower()}" for t in rng.sample(TECH, rng.randint(2, 8))]
    lines.append(f"tier: {rng.choice(('free', 'pro', 'team'))}")
    if rng.random() < 0.8:
        lines.append("tools:")
        lines += [f"  - {t}" for t in rng.sample(CLAUDE_TOOLS[:10], rng.randint(2, 6))]
    if rng.random() < 0.8:
        lines.append(f"model: {rng.choice(('sonnet', 'opus', 'haiku'))}")
    lines.append("worksWellWith:")
    lines += [f"  - {rng.choice(ADJ)}-{rng.choice(ROLE)}" for _ in range(rng.randint(1, 3))]
    lines += ["---", ""]
    return "\n".join(lines) + "\n" + _body(rng, size, title, flair=0.15), {}


def _markdown(rng: random.Random, name: str, title: str, size: int) -> tuple[str, dict]:
    intro = _paragraph(rng, 0.1)
    return f"# {title}\n\n{intro}\n\n" + _body(rng, size, title, heading=False), {}


WRITERS = {"claude": _claude, "copilot": _copilot, "opencode": _opencode, "marketplace": _marketplace,
           "markdown": _markdown}


# -------------------------------------------------------------------------------------- awkwardness
def mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252: the bytes 0x81 0x8D 0x8F 0x90 0x9D have no character and are dropped."""
    return text.encode("utf-8").decode("cp1252", errors="ignore")


def _broken(rng: random.Random, kind: str, name: str, title: str) -> bytes:
    body = _body(rng, rng.randint(1_000, 4_000), title)
    if kind == "unclosed":
        return (f"---\nname: {name}\ndescription: {_sentence(rng)}\nmodel: sonnet\n\n" + body).encode()
    if kind == "list-header":
        return (f"---\n- name: {name}\n- description: {_sentence(rng)}\n- tools: Read, Grep\n---\n\n" + body).encode()
    # UTF-16 without a byte-order mark (a NUL every other byte): no tool reads it as text (bytes that are merely not
    # UTF-8 are read as Windows-1252, as the tools load them: ``text.decode``)
    return (f"---\nname: {name}\ndescription: {_sentence(rng)}\n---\n\n" + body).encode("utf-16-le")


def _pick(rng: random.Random, shares) -> str:
    x, acc = rng.random(), 0.0
    for k, p in shares:
        acc += p
        if x < acc:
            return k
    return shares[-1][0]


def _broken_slots(n: int) -> dict[int, str]:
    """Evenly spread positions of the broken files (2 %, at least 3 when n allows), cycling the kinds."""
    count = min(n, max(3, round(n * BROKEN_SHARE)))
    return {int((k + 0.5) * n / count): BROKEN_KINDS[k % len(BROKEN_KINDS)] for k in range(count)}


def make_agent(seed: int | str, i: int, dialect: str | None = None, size: int | None = None,
               used: set | None = None, *, awkward: bool = True) -> tuple[str, bytes, dict]:
    """One agent file: (relative path, bytes, info). ``awkward=False`` gives a clean LF, BOM-free file."""
    rng = random.Random(f"agentconv-corpus:{seed}:{i}")
    dialect = dialect or _pick(rng, DIALECT_SHARES)
    used = used if used is not None else set()
    adj, role = rng.choice(ADJ), rng.choice(ROLE)
    name, k = f"{adj}-{rng.choice(NOUNS)}-{role}", 1
    while name in used:
        k += 1
        name = f"{adj}-{role}-{k}"
    used.add(name)
    title = " ".join(w.capitalize() if w not in ("api", "ml", "qa", "ux") else w.upper() for w in name.split("-"))
    size = size or _body_size(rng)
    lenient = dialect == "claude" and awkward and rng.random() < 0.3
    args = (rng, name, title, size, lenient) if dialect == "claude" else (rng, name, title, size)
    text, flags = WRITERS[dialect](*args)
    info = {"dialect": dialect, "name": name, **flags}
    if awkward and rng.random() < 0.04:
        text, info["mojibake"] = mojibake(text), True
    if awkward and rng.random() < 0.06:
        text, info["crlf"] = text.replace("\n", "\r\n"), True
    data = text.encode("utf-8")
    if awkward and rng.random() < 0.03:
        data, info["bom"] = b"\xef\xbb\xbf" + data, True
    return PATHS[dialect].format(name=name), data, info


def typical(seed: int = 0) -> tuple[str, bytes]:
    """The benchmark's "typical" agent: a clean Claude Code subagent with a ~5 KB body, a comma string of
    tools with MCP tools, model and colour (strict YAML, LF, no BOM), convertible to every target."""
    for i in range(1000):
        rel, data, info = make_agent(seed, 10_000 + i, "claude", 5_000, awkward=False)
        text = data.decode()
        head = text.split("\n---\n", 1)[0]
        tools = next((ln for ln in head.split("\n") if ln.startswith("tools: ")), "")
        names = {t.strip() for t in tools[7:].split(",")}
        # Write and Edit both or neither: OpenCode's `edit` permission governs both, so one alone is refused there
        if (tools and "mcp__" in tools and "(" not in tools and ("Write" in names) == bool(names & {"Edit", "MultiEdit"})
                and "disallowedTools" not in head and "model:" in head and "color:" in head
                and "description: Use" in head):
            return rel, data
    raise RuntimeError("no typical agent found")


def generate(out_dir: str | Path, n: int = 2000, seed: int = 0, *, only: str | None = None,
             broken: bool = True, awkward: bool = True) -> list[dict]:
    """Write ``n`` agent files under ``out_dir`` and return one dict per file (``path`` relative to ``out_dir``,
    ``dialect``, ``name``, ``bytes``, and the awkward traits: ``lenient``, ``crlf``, ``bom``, ``mojibake``,
    ``scoped``, or ``broken`` = one of ``BROKEN_KINDS``).

    ``only="claude"`` makes every file that dialect (sizes, traits and awkward shapes drawn as usual);
    ``broken=False`` leaves the broken slots out (every file then reads); ``awkward=False`` writes the same
    agents (names, sizes, fields) without the awkward shapes: strict YAML headers, LF, no BOM, no mojibake."""
    if only is not None and only not in PATHS:
        raise ValueError(f"unknown dialect {only!r}; one of {', '.join(PATHS)}")
    out, used, manifest = Path(out_dir), set(), []
    broken_at = _broken_slots(n) if broken else {}
    for i in range(n):
        if i in broken_at:
            rng = random.Random(f"agentconv-corpus:{seed}:{i}:broken")
            dialect = only or rng.choice(("claude", "claude", "copilot", "opencode"))
            name = f"broken-{broken_at[i]}-{i}"
            used.add(name)
            rel, data = PATHS[dialect].format(name=name), _broken(rng, broken_at[i], name, name.replace("-", " ").title())
            info = {"dialect": dialect, "name": name, "broken": broken_at[i]}
        else:
            rel, data, info = make_agent(seed, i, dialect=only, used=used, awkward=awkward)
        dest = out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
        manifest.append({"path": rel, "bytes": len(data), **info})
    return manifest


def summary(manifest: list[dict]) -> dict:
    out: dict = {"files": len(manifest), "bytes": sum(m["bytes"] for m in manifest)}
    for m in manifest:
        out[m["dialect"]] = out.get(m["dialect"], 0) + 1
        for trait in ("lenient", "crlf", "bom", "mojibake", "scoped"):
            if m.get(trait):
                out[trait] = out.get(trait, 0) + 1
        if m.get("broken"):
            out["broken:" + m["broken"]] = out.get("broken:" + m["broken"], 0) + 1
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--manifest", help="also write the manifest (JSON) to this path")
    ap.add_argument("--only", choices=sorted(PATHS), help="every file in this dialect (e.g. --only claude)")
    ap.add_argument("--no-broken", action="store_true", help="leave out the ~2 %% broken files")
    ap.add_argument("--clean", action="store_true", help="no awkward shapes (strict YAML, LF, no BOM or mojibake)")
    args = ap.parse_args(argv)
    manifest = generate(args.out_dir, args.n, args.seed, only=args.only, broken=not args.no_broken,
                        awkward=not args.clean)
    if args.manifest:
        Path(args.manifest).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(summary(manifest)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
