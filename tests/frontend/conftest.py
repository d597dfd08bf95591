"""Shared helpers of the TC front end's tests, as fixtures."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pytest

from irkit.frontend import tc


@dataclass(frozen=True)
class Located:
    line: int
    column: int
    message: str


def error_of(source: str, sizes: Mapping[str, int] | None = None) -> Located:
    """The diagnostic the front end gives for ``source``."""
    with pytest.raises(tc.TCError) as info:
        tc.parse(source, filename="test.tc", sizes=sizes)
    location = info.value.diagnostic.location
    assert location is not None and location.file == "test.tc"
    return Located(location.line, location.column, info.value.diagnostic.message)


def position(source: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """The 1-based line and column of the ``occurrence``-th ``needle`` in ``source``."""
    offset = -1
    for _ in range(occurrence):
        offset = source.index(needle, offset + 1)
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1


def assert_error_at(
    source: str,
    needle: str,
    *fragments: str,
    occurrence: int = 1,
    sizes: Mapping[str, int] | None = None,
) -> Located:
    """The front end rejects ``source`` at ``needle`` with a message containing every
    fragment."""
    error = error_of(source, sizes)
    assert (error.line, error.column) == position(source, needle, occurrence), error
    for fragment in fragments:
        assert fragment in error.message, error.message
    return error


ExpectError = Callable[..., Located]


@pytest.fixture
def expect_error() -> ExpectError:
    """``expect_error(source, needle, *fragments, occurrence=1, sizes=None)``: the front end
    rejects ``source`` at ``needle`` with a message containing every fragment."""
    return assert_error_at


@pytest.fixture
def diagnose() -> Callable[..., Located]:
    """``diagnose(source, sizes=None)``: the diagnostic the front end gives."""
    return error_of
