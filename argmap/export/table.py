"""One claim a row (the same columns as `argmap claims --format csv`)."""
from __future__ import annotations

from argmap.model import ArgumentMap, Document
from argmap.outputs import claims_csv


def to_csv(amap: ArgumentMap, documents: list[Document] | None = None) -> str:
    return claims_csv(sorted(amap.claims, key=lambda c: (c.doc, c.start, c.end, c.type)))
