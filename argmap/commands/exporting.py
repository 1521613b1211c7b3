"""`argmap export`: the argument map in interchange formats (AIF, Argdown, GraphML, DNA, CSV)."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer


class ExportFormat(str, Enum):
    aif = "aif"
    argdown = "argdown"
    graphml = "graphml"
    dna = "dna"
    csv = "csv"


def export_paths(paths: list[str], fmt: str, output: Path, rules_dir: str | None = None, model: str | None = None,
                 encoding: str = "utf-8", on_error=None) -> None:
    """Documents -> map -> one export file (written atomically, never over an input)."""
    from argmap import api
    from argmap.documents import find_documents
    from argmap.export import exporter
    from argmap.link import build_map
    from argmap.outputs import write_atomic
    from argmap.pipeline.rulecache import get_rules

    results = list(api.process(paths, rules_dir, model, 1, encoding, on_error=on_error))
    documents = [r.document for r in results]
    amap = build_map(results, get_rules(rules_dir), documents=documents)
    inputs = [p for p in find_documents(paths) if isinstance(p, Path)]
    write_atomic(output, exporter(fmt)(amap, documents), protect=inputs)


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export(
        paths: list[str] = typer.Argument(..., help="Files, directories or - for stdin."),
        to: ExportFormat = typer.Option(..., "--to", help="aif | argdown | graphml | dna | csv"),
        output: Path = typer.Option(..., "--output", "-o", help="File to write."),
        rules: Optional[str] = typer.Option(None, "--rules", help="Rule pack directory."),
        model: Optional[str] = typer.Option(None, "--model"),
        encoding: str = typer.Option("utf-8", "--encoding"),
    ) -> None:
        """Export the argument map: AIF JSON, Argdown, GraphML (DNA networks), DNA event list, CSV."""
        from argmap.cli import SkippedDocuments

        skipped = SkippedDocuments()
        export_paths(paths, to.value, output, rules, model, encoding, on_error=skipped)
        typer.echo(f"wrote {output}", err=True)
        skipped.exit_if_any()
