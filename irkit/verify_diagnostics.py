"""``--verify-diagnostics``: check emitted diagnostics against ``expected-*`` comments.

The semantics are MLIR's (``SourceMgrDiagnosticVerifierHandler``)::

    // expected-error {{substring}}          on this line
    // expected-warning@+1 {{...}}           N lines below (@-N: above)
    // expected-note@above {{...}}           the closest line above that has no designator
    // expected-remark@below {{...}}         the closest line below that has no designator
    // expected-error@unknown {{...}}        a diagnostic with no location
    // expected-error-re {{a {{[0-9]+}} b}}  text with regular-expression parts

Every emitted diagnostic, notes included, must match an expectation of its line, and
every expectation must be matched at least once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from irkit.diagnostics import (
    UNKNOWN_LOCATION,
    Diagnostic,
    Severity,
    SourceBuffer,
    SourceLocation,
)

_EXPECTED = re.compile(
    r"expected-(error|note|remark|warning)(-re)? *"
    r"(@([+-][0-9]+|above|below|unknown))? *\{\{(.*)\}\}\s*$"
)


@dataclass
class Expectation:
    severity: Severity
    text: str
    line: int | None  # None: a diagnostic without a location
    location: SourceLocation  # of the designator, for "was not produced"
    pattern: re.Pattern[str] | None = None
    matched: bool = False

    def matches(self, message: str) -> bool:
        if self.pattern is not None:
            return self.pattern.search(message) is not None
        return self.text in message


def _regex_of(text: str) -> re.Pattern[str]:
    """MLIR's ``-re`` form: ``{{...}}`` parts are regular expressions, the rest literal."""
    parts: list[str] = []
    position = 0
    for match in re.finditer(r"\{\{(.*?)\}\}", text):
        parts.append(re.escape(text[position : match.start()]))
        parts.append(f"(?:{match.group(1)})")
        position = match.end()
    parts.append(re.escape(text[position:]))
    return re.compile("".join(parts))


class VerificationError(Exception):
    """An ``expected-*`` designator that cannot be understood."""

    def __init__(self, location: SourceLocation, message: str) -> None:
        super().__init__(message)
        self.location = location


def parse_expectations(buffer: SourceBuffer, first_line: int, last_line: int) -> list[Expectation]:
    """The expectations written on lines ``first_line..last_line`` of ``buffer``."""
    expectations: list[Expectation] = []
    waiting_for_next_line: list[Expectation] = []
    last_plain_line: int | None = None
    for line in range(first_line, last_line + 1):
        text = buffer.line_text(line) or ""
        found = list(_EXPECTED.finditer(text)) if "expected-" in text else []
        if not found:
            for expectation in waiting_for_next_line:
                expectation.line = line
            waiting_for_next_line.clear()
            last_plain_line = line
            continue
        for match in found:
            column = match.start() + 1
            location = SourceLocation(buffer.name, line, column)
            kind, is_regex, designator, message = (
                match.group(1),
                match.group(2),
                match.group(4),
                match.group(5),
            )
            expectation = Expectation(Severity(kind), message, line, location)
            if is_regex:
                try:
                    expectation.pattern = _regex_of(message)
                except re.error as error:
                    raise VerificationError(location, f"invalid regex: {error}") from None
            if designator is None:
                pass
            elif designator == "unknown":
                expectation.line = None
            elif designator == "above":
                if last_plain_line is None:
                    raise VerificationError(location, "expected diagnostic has no line above")
                expectation.line = last_plain_line
            elif designator == "below":
                waiting_for_next_line.append(expectation)
            else:
                expectation.line = line + int(designator)
            expectations.append(expectation)
    if waiting_for_next_line:
        raise VerificationError(
            waiting_for_next_line[0].location, "expected diagnostic has no line below"
        )
    return expectations


class DiagnosticVerifier:
    """A diagnostic handler that matches diagnostics against expectations."""

    def __init__(self, expectations: list[Expectation], only_expected: bool = False) -> None:
        self.expectations = expectations
        self.only_expected = only_expected
        self.failures: list[Diagnostic] = []

    def __call__(self, diagnostic: Diagnostic) -> None:
        self._check(diagnostic)
        for note in diagnostic.notes:
            self._check(note)

    def _check(self, diagnostic: Diagnostic) -> None:
        location = diagnostic.location
        line = None if location in (None, UNKNOWN_LOCATION) else location.line
        near_miss: Expectation | None = None
        for expectation in self.expectations:
            if expectation.line != line or not expectation.matches(diagnostic.message):
                continue
            if expectation.severity is diagnostic.severity:
                expectation.matched = True
                return
            near_miss = expectation
        if self.only_expected:
            return
        if near_miss is not None:
            # MLIR reports a near miss at the expectation, where the fix belongs.
            self.failures.append(
                Diagnostic(
                    Severity.ERROR,
                    f"'{diagnostic.severity}' diagnostic emitted when expecting a "
                    f"'{near_miss.severity}'",
                    near_miss.location,
                )
            )
        else:
            self.failures.append(
                Diagnostic(
                    Severity.ERROR,
                    f"unexpected {diagnostic.severity}: {diagnostic.message}",
                    diagnostic.location,
                )
            )

    def finish(self) -> list[tuple[Diagnostic, int]]:
        """Every failure, each with the width to underline when it is printed."""
        results = [(failure, 1) for failure in self.failures]
        for expectation in self.expectations:
            if not expectation.matched:
                message = f'expected {expectation.severity} "{expectation.text}" was not produced'
                results.append(
                    (
                        Diagnostic(Severity.ERROR, message, expectation.location),
                        len(expectation.text),
                    )
                )
        return results
