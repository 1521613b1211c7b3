"""`argmap export`: the argument map in interchange formats (AIF, Argdown, GraphML, DNA, CSV)."""
from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from argmap.errors import ArgmapError, InputError
from argmap.model import ArgumentMap, Document


class ExportFormat(str, Enum):
    aif = "aif"
    argdown = "argdown"
    graphml = "graphml"
    dna = "dna"
    csv = "csv"


class Network(str, Enum):
    all = "all"
    actor_position = "actor_position"
    congruence = "congruence"
    conflict = "conflict"
    subtract = "subtract"


def export_text(amap: ArgumentMap, documents: list[Document], fmt: str, network: str = "all") -> str:
    """The map in one interchange format (`network` picks the GraphML network; others ignore it)."""
    from argmap.export import FORMATS, exporter
    from argmap.export.graphml import to_graphml

    if fmt not in FORMATS:
        raise ArgmapError(f"unknown export format '{fmt}': use {', '.join(FORMATS)}")
    if fmt == "graphml":
        return to_graphml(amap, documents, network=network)
    return exporter(fmt)(amap, documents)


def export_paths(paths: list[str], fmt: str, output: Path, rules_dir: str | None = None, model: str | None = None,
                 encoding: str = "utf-8", on_error: Callable[[InputError], None] | None = None,
                 network: str = "all") -> None:
    """Documents -> map -> one export file (written atomically, never over an input)."""
    from argmap import api
    from argmap.documents import find_documents
    from argmap.link import build_map
    from argmap.outputs import write_atomic
    from argmap.pipeline.rulecache import get_rules

    results = list(api.process(paths, rules_dir, model, 1, encoding, on_error=on_error))
    documents = [r.document for r in results]
    amap = build_map(results, get_rules(rules_dir), documents=documents)
    inputs = [p for p in find_documents(paths) if isinstance(p, Path)]
    write_atomic(output, export_text(amap, documents, fmt, network), protect=inputs)


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export(
        paths: list[str] = typer.Argument(..., help="Files, directories or - for stdin."),
        to: ExportFormat = typer.Option(..., "--to", help="aif | argdown | graphml | dna | csv"),
        output: Path = typer.Option(..., "--output", "-o", help="File to write."),
        network: Network = typer.Option(Network.all, "--network", help="GraphML only: every network in one file (all), or one of them (for Gephi and networkx, which read a file as one graph)."),
        rules: Optional[str] = typer.Option(None, "--rules", help="Rule pack directory."),
        model: Optional[str] = typer.Option(None, "--model"),
        encoding: str = typer.Option("utf-8", "--encoding"),
    ) -> None:
        """Export the argument map: AIF JSON, Argdown, GraphML (DNA networks), DNA event list, CSV."""
        from argmap.cli import SkippedDocuments

        skipped = SkippedDocuments()
        export_paths(paths, to.value, output, rules, model, encoding, on_error=skipped, network=network.value)
        typer.echo(f"wrote {output}", err=True)
        skipped.exit_if_any()
