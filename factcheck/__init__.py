"""factcheck: rule-based claim and statistic fact-checking for news text.

Public API::

    from factcheck import check_text, find_quantities
    report = check_text("قال الوزير إن البطالة بلغت 12٪", lang="ar")
"""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import FactcheckError, InputError, RuleFileError
from .model import Attribution, DocumentResult, Finding, Quantity, Report
from .api import check_text, extract_text, find_quantities

__all__ = [
    "__version__",
    "check_text",
    "extract_text",
    "find_quantities",
    "Attribution",
    "DocumentResult",
    "Finding",
    "Quantity",
    "Report",
    "FactcheckError",
    "InputError",
    "RuleFileError",
]
