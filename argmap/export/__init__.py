"""Interchange exports of an ArgumentMap: AIF, Argdown, GraphML (DNA networks), DNA event list, CSV."""
from __future__ import annotations

from collections.abc import Callable

from argmap.model import ArgumentMap, Document

FORMATS = ("aif", "argdown", "graphml", "dna", "csv")


def exporter(fmt: str) -> Callable[[ArgumentMap, list[Document]], str]:
    from argmap.export import aif, argdown, dna, graphml, table

    return {"aif": aif.to_aif, "argdown": argdown.to_argdown, "graphml": graphml.to_graphml,
            "dna": dna.to_dna, "csv": table.to_csv}[fmt]
