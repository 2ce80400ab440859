"""The exception tree and the exit-code table (documented in the README; stable across releases)."""
from __future__ import annotations

from enum import IntEnum
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)

if TYPE_CHECKING:
    from .loss import LossReport


class ExitCode(IntEnum):
    """Process exit codes of the CLI."""

    OK = 0
    BROKEN_PIPE = 1       # standard output closed early (`| head`): nothing more is written (click's rule)
    USAGE = 2             # bad arguments, unknown option (typer/click also use 2)
    PARSE = 3             # a source could not be read (not UTF-8, frontmatter not closed, not a mapping)
    UNKNOWN_DIALECT = 4   # a dialect id nobody knows, or detection could not decide
    LOSS = 5              # --strict / --fail-on: a loss at or above the chosen severity
    BROADEN = 6           # an allowlist would become wider in the target (see --allow-broaden)
    OUTPUT = 7            # refusing to write: exists without --force, or outside the output directory
    PARTIAL = 8           # a batch where some files converted and some failed
    STALE = 9             # sync --check: a generated file is missing or out of date
    VALIDATION = 10       # validate: a file breaks its dialect's rules (an error-level finding)
    INTERNAL = 70         # a bug: please report it


class AgentconvError(Exception):
    """Base class. ``str(err)`` is one line naming the file, the line where known, and the problem.

    Messages speak the library's terms and name no command-line option; ``remedy`` says which knob would
    accept what was refused, and the CLI turns it into its option when it prints the error."""

    exit_code: ExitCode = ExitCode.INTERNAL
    remedy: str | None = None
    """What would get past this error, when something would: ``"allow_broaden"`` (``Policy(allow_broaden=True)``),
    ``"force"`` (replace an existing file), ``"from_"`` (name the source dialect), ``"convert_all"`` (one output
    file per record)."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 remedy: str | None = None) -> None:
        super().__init__(message)
        self.message: str = message
        self.file: str | None = file
        self.line: int | None = line
        if remedy is not None:
            self.remedy = remedy

    def __str__(self) -> str:
        if self.file is None and not self.line:
            return self.message  # nothing read yet (an unknown dialect id, say)
        where = (self.file or "<stdin>") + (f":{self.line}" if self.line else "")
        return f"{where}: {self.message}"


class UsageError(AgentconvError):
    """Arguments that cannot work: a repository that is not a directory, say."""

    exit_code = ExitCode.USAGE


class ParseError(AgentconvError):
    """The source cannot be read even leniently."""

    exit_code = ExitCode.PARSE


class NoRecords(AgentconvError):
    """A file of its dialect that holds no record (an OpenCode config without agents or commands): not an error,
    but nothing to convert. A batch accounts for it as skipped, with this message as the reason."""

    exit_code = ExitCode.OK


class UnknownDialectError(AgentconvError):
    """A dialect id that is not registered (the message carries a did-you-mean), or undetectable input."""

    exit_code = ExitCode.UNKNOWN_DIALECT


class LossError(AgentconvError):
    """The conversion lost something at or above the policy's ``fail_on`` severity."""

    exit_code = ExitCode.LOSS

    def __init__(self, message: str, report: LossReport, *, file: str | None = None, line: int | None = None,
                 remedy: str | None = None) -> None:
        super().__init__(message, file=file, line=line, remedy=remedy)
        self.report: LossReport = report


class BroadenError(LossError):
    """An allowlist cannot stay an allowlist in the target without granting more."""

    exit_code = ExitCode.BROADEN
    remedy: str | None = "allow_broaden"


class OutputError(AgentconvError):
    """A write that would replace a file (``remedy = "force"``) or land outside the output directory."""

    exit_code = ExitCode.OUTPUT


class InternalError(AgentconvError):
    """A bug: any other exception, turned into one line (exit 70) so no traceback reaches a user."""

    exit_code = ExitCode.INTERNAL
    REPORT = "https://github.com/agentconv/agentconv/issues"

    @classmethod
    def wrap(cls, exc: BaseException, file: str | None = None) -> "InternalError":
        if isinstance(exc, RecursionError):  # depth is bounded before parsing; anything left is still a bug
            what = "recursion too deep"
        else:
            what = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}".rstrip(": ")
        return cls(f"internal error ({what}); this is a bug, please report it with the file to {cls.REPORT}",
                   file=file)


def message(name: str, /, **facts: object) -> str:
    """The text of the problem ``name`` of ``dialects/data/problems.toml`` filled with ``facts``: the wording of an
    error lives in that table with its kind (pandoc's model: the message type says the words and the severity), a
    call site passes only facts (names, values, paths, counts)."""
    from .tables import builtin

    return builtin("problems.toml")[name]["template"].format(**facts)


def problem(name: str, /, *, file: str | None = None, line: int | None = None, remedy: str | None = None,
            **facts: object) -> AgentconvError:
    """The error ``name`` of ``problems.toml``: its kind (the exception class, hence the exit code) and its words
    from the table, ``facts`` filled in; ``file``, ``line`` and ``remedy`` as for ``AgentconvError``. Raise it."""
    from .tables import builtin

    entry = builtin("problems.toml")[name]
    return _kind(entry["error"])(entry["template"].format(**facts), file=file, line=line, remedy=remedy)


def _kind(name: str) -> type[AgentconvError]:
    """The exception class a problem's ``error`` names (``LimitError`` lives in ``limits``, imported for it)."""
    if name == "LimitError":
        from .limits import LimitError

        return LimitError
    found = globals()[name]
    assert isinstance(found, type) and issubclass(found, AgentconvError), name
    return found
