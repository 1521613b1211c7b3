"""Map commands: `render` (SVG/PNG/DOT/HTML argument maps), `stances` (stance report), `show` (reading view)."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

RulesOpt = typer.Option(None, "--rules", help="Rule pack directory (default: the shipped pack).")
ModelOpt = typer.Option(None, "--model", help="An installed trained spaCy pipeline instead of spacy.blank('en').")
EncodingOpt = typer.Option("utf-8", "--encoding", help="Encoding of the documents.")


class StanceFormat(str, Enum):
    table = "table"
    markdown = "markdown"
    json = "json"


class StanceBy(str, Enum):
    actor = "actor"
    position = "position"


def render(
    paths: list[str] = typer.Argument(..., help="Files, directories (recursive *.md/*.txt) or - for stdin."),
    output: Path = typer.Option(..., "--output", "-o", help="Map file: .svg, .png, .dot or .html (by suffix)."),
    question: Optional[list[str]] = typer.Option(None, "--question", "-q", help="Only this question (repeatable)."),
    type: Optional[list[str]] = typer.Option(None, "--type", "-t", help="Only claims of this type (repeatable)."),
    actor: Optional[list[str]] = typer.Option(None, "--actor", help="Only claims whose holder matches (id, kind or part of the name)."),
    min_support: int = typer.Option(0, "--min-support", min=0, help="Only positions with at least N supporting claims."),
    collapse: Optional[bool] = typer.Option(None, "--collapse/--no-collapse", help="One node per (actor, type, position) with counts (default: only for maps of more than 300 claims)."),
    title: Optional[str] = typer.Option(None, "--title", help="Map title."),
    rules: Optional[str] = RulesOpt, model: Optional[str] = ModelOpt, encoding: str = EncodingOpt,
) -> None:
    """Draw the argument map: questions on top, positions under them, claims and their holders below."""
    from argmap.cli import SkippedDocuments
    from argmap.render import RenderOptions, format_for, render_paths

    format_for(output)  # a bad suffix fails before any work
    skipped = SkippedDocuments()
    opts = RenderOptions(questions=tuple(question or ()), types=tuple(type or ()), actors=tuple(actor or ()),
                         min_support=min_support, collapse=collapse, title=title)
    used = render_paths(paths, output, opts, rules, model, encoding, on_error=skipped)
    if collapse is None and used.collapse:
        typer.echo("argmap: more than 300 claims: collapsed to one node per (actor, type, position); --no-collapse draws every claim", err=True)
    typer.echo(f"wrote {output}", err=True)
    skipped.exit_if_any()


def show(
    document: str = typer.Argument(..., help="One document (file or - for stdin)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="HTML file (default: stdout)."),
    rules: Optional[str] = RulesOpt, model: Optional[str] = ModelOpt, encoding: str = EncodingOpt,
) -> None:
    """Reading view: the article with every claim highlighted (type colour, holder, cue, citation, rule)."""
    from argmap.render import show_document

    page = show_document(document, output, rules, model, encoding)
    if output is None:
        sys.stdout.write(page)
    else:
        typer.echo(f"wrote {output}", err=True)


def stances(
    paths: list[str] = typer.Argument(..., help="Files, directories (recursive *.md/*.txt) or - for stdin."),
    format: StanceFormat = typer.Option(StanceFormat.table, "--format", "-f"),
    by: StanceBy = typer.Option(StanceBy.position, "--by", help="Group the report by position or by actor."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout (atomically)."),
    rules: Optional[str] = RulesOpt, model: Optional[str] = ModelOpt, encoding: str = EncodingOpt,
) -> None:
    """Stance report: who holds which position on each question, with claim counts."""
    from argmap.cli import SkippedDocuments, _emit
    from argmap.render import load_map, stance_report_text

    skipped = SkippedDocuments()
    data = load_map(paths, rules, model, encoding, on_error=skipped)
    _emit(stance_report_text(data.amap, format.value, by.value), output, paths)
    skipped.exit_if_any()


def register(app: typer.Typer) -> None:
    """Register this module's commands on the argmap app."""
    app.command("render")(render)
    app.command("stances")(stances)
    app.command("show")(show)
