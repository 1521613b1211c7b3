"""The argmap command line: thin typer wrappers over argmap.api and friends."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import click
import typer
import typer.core

from argmap import api
from argmap.errors import ArgmapError, InputError
from argmap.model import Attribution, Claim
from argmap.outputs import claims_csv, claims_table, to_json, to_jsonl_line, write_atomic

class ArgmapGroup(typer.core.TyperGroup):
    """Turns argmap's user-facing errors into one line on stderr and exit code 2 (no traceback)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ArgmapError as exc:
            typer.echo(f"argmap: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(cls=ArgmapGroup, add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="argmap: claims, holders, citations and positions from policy articles.")
rules_app = typer.Typer(no_args_is_help=True, help="Rule packs: validate and run their examples.")
app.add_typer(rules_app, name="rules")

RulesOpt = typer.Option(None, "--rules", help="Rule pack directory (default: the shipped pack).")
ModelOpt = typer.Option(None, "--model", help="An installed trained spaCy pipeline to use instead of spacy.blank('en').")
EncodingOpt = typer.Option("utf-8", "--encoding", help="Encoding of the documents.")
WorkersOpt = typer.Option(1, "--workers", min=1, max=64, help="Processes for nlp.pipe.")


class ClaimFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class SkippedDocuments:
    """Reports each bad document as it is skipped; the command exits 2 at the end if any was."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, exc: InputError) -> None:
        self.count += 1
        typer.echo(f"argmap: {exc} (skipped)", err=True)

    def exit_if_any(self) -> None:
        if self.count:
            raise typer.Exit(2)


def _emit(text: str, output: Optional[Path], protect: list[str]) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text, protect=[Path(p) for p in protect if p != "-"])


def _input_files(paths: list[str]) -> list[Path]:
    from argmap.documents import find_documents
    return [p for p in find_documents(paths) if isinstance(p, Path)]


@app.command()
def claims(
    paths: list[str] = typer.Argument(..., help="Files, directories (recursive *.md/*.txt) or - for stdin."),
    format: ClaimFormat = typer.Option(ClaimFormat.table, "--format", "-f"),
    type: Optional[list[str]] = typer.Option(None, "--type", "-t", help="Only these claim types."),
    holder: Optional[list[str]] = typer.Option(None, "--holder", help="Only holders whose name contains this."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout (atomically)."),
    rules: Optional[str] = RulesOpt, model: Optional[str] = ModelOpt, workers: int = WorkersOpt,
    encoding: str = EncodingOpt,
    no_cache: bool = typer.Option(False, "--no-cache", help="Process every document, neither reading nor writing the result cache."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Result cache directory (default: $ARGMAP_CACHE_DIR, else .argmap-cache)."),
) -> None:
    """List claims with their holder, type, flags, citation and provenance."""
    skipped = SkippedDocuments()
    results = api.process(paths, rules, model, workers, encoding, on_error=skipped, cache=not no_cache, cache_dir=cache_dir)
    if format is ClaimFormat.jsonl and output is None:
        for r in results:  # streamed: memory does not grow with the corpus
            for c in api.filter_claims(r.claims, type, holder):
                sys.stdout.write(to_jsonl_line(c))
        skipped.exit_if_any()
        return
    items: list[Claim] = [c for r in results for c in api.filter_claims(r.claims, type, holder)]
    if format is ClaimFormat.json:
        text = to_json(items)
    elif format is ClaimFormat.jsonl:
        text = "".join(to_jsonl_line(c) for c in items)
    elif format is ClaimFormat.csv:
        text = claims_csv(items)
    else:
        text = claims_table(items)
    _emit(text, output, paths)
    skipped.exit_if_any()


@app.command()
def attributions(
    paths: list[str] = typer.Argument(...),
    format: ClaimFormat = typer.Option(ClaimFormat.table, "--format", "-f"),
    rules: Optional[str] = RulesOpt, model: Optional[str] = ModelOpt, encoding: str = EncodingOpt,
) -> None:
    """Every attributed statement (reported speech and belief): source, cue, content."""
    skipped = SkippedDocuments()
    items: list[Attribution] = [a for r in api.process(paths, rules, model, 1, encoding, on_error=skipped) for a in r.attributions]
    if format is ClaimFormat.json:
        sys.stdout.write(to_json(items))
    elif format is ClaimFormat.jsonl:
        sys.stdout.write("".join(to_jsonl_line(a) for a in items))
    else:
        for a in items:
            src = a.source.text if a.source else "—"
            sys.stdout.write(f"{a.doc}:{a.cue.start}\t{src}\t[{a.cue.text}]\t{' '.join(a.content.text.split())[:100]}\n")
    skipped.exit_if_any()


@app.command("eval")
def eval_cmd(
    gold: list[str] = typer.Argument(..., help="Gold JSONL files."),
    corpus: list[str] = typer.Option(["corpus"], "--corpus", help="Documents the gold annotates."),
    rules: Optional[str] = RulesOpt, model: Optional[str] = ModelOpt,
    json_out: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
    min_f1: Optional[float] = typer.Option(None, "--min-f1", help="Exit 1 when overall F1 is below this."),
) -> None:
    """Precision, recall, F1 per claim type and overall, and holder accuracy."""
    report = api.evaluate(gold, corpus, rules, model)
    if json_out:
        sys.stdout.write(to_json(report))
    else:
        sys.stdout.write(f"{'type':24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}\n")
        for t in [*report.per_type, report.overall]:
            sys.stdout.write(f"{t.type:24} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f} {t.tp:4d} {t.fp:4d} {t.fn:4d}\n")
        sys.stdout.write(f"holder accuracy: {report.holder_accuracy:.3f} ({report.holder_correct}/{report.holder_matched} matched claims)\n")
    if min_f1 is not None and report.overall.f1 < min_f1:
        typer.echo(f"argmap: overall F1 {report.overall.f1:.3f} is below --min-f1 {min_f1}", err=True)
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of argmap's claim output."""
    from argmap.model import Claim as ClaimModel
    from pydantic import TypeAdapter

    sys.stdout.write(json.dumps(TypeAdapter(list[ClaimModel]).json_schema(), indent=2, ensure_ascii=False) + "\n")


@rules_app.command("check")
def rules_check(directory: Optional[str] = typer.Argument(None, help="Rule pack directory (default: shipped).")) -> None:
    """Validate a rule pack and run every rule's examples and counter-examples."""
    from argmap.rulecheck import check_rules

    report = check_rules(directory)
    for f in report.failures:
        typer.echo(f"{f.file}:{f.line}: {f.rule}: expected {f.expect}: {f.text!r}: {f.detail}")
    for slow in report.slow_patterns:
        typer.echo(f"{slow.file}:{slow.line}: {slow.rule}: note: pattern {slow.pattern} has no word token that occurs exactly once, "
                   "so it is tried at every token (slower); add one if the frame allows")
    typer.echo(f"{report.rules} rules, {report.examples} examples: {len(report.failures)} failed")
    if report.failures:
        raise typer.Exit(1)


from argmap.commands import register_all  # noqa: E402  (commands defined in their own modules)

register_all(app)


def main() -> None:
    """Entry point: user errors are one line on stderr and exit 2, never a traceback."""
    try:
        app(standalone_mode=True)
    except ArgmapError as exc:
        typer.echo(f"argmap: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("argmap: interrupted", err=True)
        sys.exit(130)
