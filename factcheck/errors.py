"""The exception hierarchy: every error is a FactcheckError and the builtin it resembles."""
from __future__ import annotations


class FactcheckError(Exception):
    """Base class of every error the library raises on purpose."""


class RuleFileError(FactcheckError, ValueError):
    """One or more rule files are broken; each problem names file, rule id and field."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class InputError(FactcheckError, ValueError):
    """An input document could not be read; the message names the file or row."""


class RuleTimeoutError(FactcheckError, TimeoutError):
    """A rule's pattern ran past its time budget on one document."""

    def __init__(self, rule_id: str, seconds: float):
        self.rule_id = rule_id
        self.seconds = seconds
        super().__init__(f"rule {rule_id} timed out after {seconds:g} s (catastrophic backtracking?)")
