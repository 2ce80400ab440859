"""Shared pytest setup: the ``--regen`` option for golden files, and paths into the repository."""
from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen",
        action="store_true",
        default=False,
        help="rewrite the golden files under fixtures/cases instead of comparing against them",
    )


@pytest.fixture
def regen(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen"))


@pytest.fixture
def imports_of():
    """``imports_of(call)``: the names of the import statements ``call()`` runs (as given to ``__import__``: a module
    loaded long ago too, each costs the import machinery), and what it returns."""
    import builtins

    def run(call):
        imported: list[str] = []
        real = builtins.__import__

        def counted(name, *args, **kwargs):
            imported.append(name)
            return real(name, *args, **kwargs)

        builtins.__import__ = counted
        try:
            result = call()
        finally:
            builtins.__import__ = real
        return imported, result

    return run
