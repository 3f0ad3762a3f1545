"""The library entry points: check or extract one text."""
from __future__ import annotations

from . import __version__
from .model import Document, Quantity, Report
from .pipeline import Options, process_document


def check_text(text: str, lang: str = "ar", *, doc_id: str = "text", options: Options | None = None) -> Report:
    """Extract, link and check one text; returns a Report holding one document."""
    opts = options or Options()
    return Report((process_document(Document(doc_id, text, None, lang), opts),), __version__)


def extract_text(text: str, lang: str = "ar", *, doc_id: str = "text") -> Report:
    """Quantities and attributions of one text, with no checks run."""
    return check_text(text, lang, doc_id=doc_id, options=Options(checks=False))


def find_quantities(text: str, lang: str = "ar") -> list[Quantity]:
    """Every numeric expression in ``text`` (years and ordinals included)."""
    result = extract_text(text, lang).documents[0]
    if result.error:
        from .errors import FactcheckError

        raise FactcheckError(result.error)
    return list(result.quantities)
