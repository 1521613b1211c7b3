"""The CLI end to end (CliRunner), including every bad input of issue 2."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.rules.loader import default_rules_dir

from conftest import CORPUS, GOLD

runner = CliRunner()
SEED = next(CORPUS.glob("*.md"))


def _ok(*args: str, input: str | None = None):
    result = runner.invoke(app, list(args), input=input)
    assert result.exit_code == 0, result.output
    return result


def _fails(*args: str) -> str:
    """A bad input: exit 2, one line on stderr naming the file, no traceback."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [ln.removesuffix(" (skipped)") for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.output
    return lines[0]


def test_claims_json_has_every_field_and_offsets() -> None:
    claims = json.loads(_ok("claims", str(CORPUS), "--format", "json").stdout)
    assert len(claims) >= 30
    body = SEED.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    for c in claims:
        assert {"doc", "start", "end", "text", "sentence", "type", "holder", "negated", "hedged", "citation", "rule", "cue", "provenance"} <= set(c)
        assert {"name", "kind", "quantifier"} <= set(c["holder"])
        assert body[c["start"]:c["end"]] == c["text"]
        assert body[c["provenance"]["frame_span"]["start"]:c["provenance"]["frame_span"]["end"]] == c["provenance"]["frame_span"]["text"]


def test_claims_formats_agree() -> None:
    as_json = json.loads(_ok("claims", str(SEED), "-f", "json").stdout)
    as_jsonl = [json.loads(line) for line in _ok("claims", str(SEED), "-f", "jsonl").stdout.splitlines()]
    rows = list(csv.DictReader(io.StringIO(_ok("claims", str(SEED), "-f", "csv").stdout)))
    assert as_json == as_jsonl
    assert [r["id"] for r in rows] == [c["id"] for c in as_json]
    table = _ok("claims", str(SEED)).stdout
    assert f"{len(as_json)} claim(s)" in table


def test_filters() -> None:
    claims = json.loads(_ok("claims", str(SEED), "-f", "json", "--type", "thaw_signal").stdout)
    assert claims and {c["type"] for c in claims} == {"thaw_signal"}
    wang = json.loads(_ok("claims", str(SEED), "-f", "json", "--holder", "Wang Yi").stdout)
    assert wang and all(c["holder"]["name"] == "Wang Yi" for c in wang)


def test_stdin() -> None:
    out = _ok("claims", "-", "-f", "jsonl", input="Seoul has so far refused to host the Japanese premier.\n").stdout
    (claim,) = [json.loads(line) for line in out.splitlines()]
    assert claim["doc"] == "stdin" and claim["type"] == "chill_signal"


def test_json_output_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    _ok("claims", str(CORPUS), "-f", "json", "-o", str(a))
    _ok("claims", str(CORPUS), "-f", "json", "-o", str(b))
    assert a.read_bytes() == b.read_bytes()


def test_output_never_overwrites_an_input(tmp_path: Path) -> None:
    doc = tmp_path / "d.md"
    doc.write_text("Seoul has so far refused to host the Japanese premier.\n", encoding="utf-8")
    before = doc.read_bytes()
    assert "refusing to overwrite an input document" in _fails("claims", str(doc), "-f", "json", "-o", str(doc))
    assert doc.read_bytes() == before


def test_attributions_command() -> None:
    atts = json.loads(_ok("attributions", str(SEED), "-f", "json").stdout)
    assert any(a["source"] and a["source"]["text"] == "MFA spokeswoman Hua Chunying" for a in atts)
    assert all({"doc", "source", "cue", "content"} <= set(a) for a in atts)


def test_eval_command_prints_scores() -> None:
    out = _ok("eval", *map(str, GOLD.glob("*.jsonl")), "--corpus", str(CORPUS)).stdout
    assert "overall" in out and "holder accuracy" in out


def test_eval_min_f1_exit_code() -> None:
    result = runner.invoke(app, ["eval", *map(str, GOLD.glob("*.jsonl")), "--corpus", str(CORPUS), "--min-f1", "1.01"])
    assert result.exit_code == 1


def test_schema_is_json_schema() -> None:
    schema = json.loads(_ok("schema").stdout)
    assert schema["type"] == "array" and "Claim" in json.dumps(schema)


def test_rules_check_passes_on_shipped_pack() -> None:
    assert " 0 failed" in _ok("rules", "check").stdout


def test_rules_check_reports_a_failing_example(tmp_path: Path) -> None:
    pack = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), pack)
    (pack / "frames" / "extra.yml").write_text(
        "frames:\n  - id: extra.rule\n    type: zero_sum\n    phrases: [zero sum game]\n"
        "    examples: [The weather was fine.]\n", encoding="utf-8")
    result = runner.invoke(app, ["rules", "check", str(pack)])
    assert result.exit_code == 1
    assert f"{pack}/frames/extra.yml:5: extra.rule: expected match" in result.output


def test_rules_check_notes_a_pattern_without_a_word_anchor(tmp_path: Path) -> None:
    pack = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), pack)
    (pack / "frames" / "extra.yml").write_text(
        "frames:\n  - id: extra.rule\n    type: zero_sum\n    patterns:\n"
        "      - [{LOWER: flimflam}, {LOWER: contest}]\n"
        "      - [{IS_TITLE: true}, {LOWER: {IN: [gains, wins]}, OP: '+'}]\n"
        "    examples: [Beijing sees a flimflam contest.]\n", encoding="utf-8")
    result = runner.invoke(app, ["rules", "check", str(pack)])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if ": note: " in line]
    assert notes == [f"{pack}/frames/extra.yml:6: extra.rule: note: pattern 2 has no word token that occurs exactly once, "
                     "so it is tried at every token (slower); add one if the frame allows"]


# ---- bad input -------------------------------------------------------------------------------

def test_missing_path(tmp_path: Path) -> None:
    assert _fails("claims", str(tmp_path / "nope.md")) == f"argmap: {tmp_path / 'nope.md'}: no such file or directory"


def test_empty_file(tmp_path: Path) -> None:
    f = tmp_path / "empty.md"
    f.write_text("", encoding="utf-8")
    assert _fails("claims", str(f)) == f"argmap: {f}: empty document"


def test_binary_file(tmp_path: Path) -> None:
    f = tmp_path / "bin.md"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    assert _fails("claims", str(f)).startswith(f"argmap: {f}: not utf-8 text")


def test_latin1_file_and_encoding_option(tmp_path: Path) -> None:
    f = tmp_path / "latin.md"
    f.write_bytes("Lü Chao said that Seoul has so far refused to host the Japanese premier.\n".encode("latin-1"))
    assert _fails("claims", str(f)).startswith(f"argmap: {f}: not utf-8 text (byte 1); convert it or pass --encoding")
    claims = json.loads(_ok("claims", str(f), "-f", "json", "--encoding", "latin-1").stdout)
    assert claims and claims[0]["holder"]["name"] == "Lü Chao"


def test_front_matter_without_body(tmp_path: Path) -> None:
    f = tmp_path / "fm.md"
    f.write_text("---\ntitle: Only a title\n---\n\n", encoding="utf-8")
    assert _fails("claims", str(f)) == f"argmap: {f}: front matter but no body"


def test_invalid_front_matter_names_the_line(tmp_path: Path) -> None:
    f = tmp_path / "fm.md"
    f.write_text("---\ntitle: fine\ndate: [unclosed\n---\nBody text.\n", encoding="utf-8")
    assert _fails("claims", str(f)).startswith(f"argmap: {f}:3: front matter is not valid YAML")


def test_directory_without_documents(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    assert _fails("claims", str(tmp_path)) == f"argmap: {tmp_path}: directory has no documents (*.md, *.txt)"


def test_one_bad_document_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Seoul has so far refused to host the Japanese premier.\n", encoding="utf-8")
    (tmp_path / "b.md").write_bytes(b"\xff\xfe\x00bad")
    (tmp_path / "c.md").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["claims", str(tmp_path), "-f", "json"])
    assert result.exit_code == 2  # reported, and the run says so, but the good document is still processed
    assert [c["doc"] for c in json.loads(result.stdout)] == ["a"]
    assert f"argmap: {tmp_path / 'b.md'}: not utf-8 text" in result.stderr
    assert f"argmap: {tmp_path / 'c.md'}: empty document (skipped)" in result.stderr


@pytest.mark.parametrize("case", ["malformed_yaml", "unknown_type", "spacy_rejects_pattern"])
def test_bad_rule_pack(tmp_path: Path, case: str) -> None:
    import re
    broken = Path(__file__).parent / "broken_rules" / f"{case}.yml"
    text = broken.read_text(encoding="utf-8")
    pack = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), pack)
    shutil.copy(broken, pack / re.search(r"^# target: (\S+)$", text, re.M).group(1))  # type: ignore[union-attr]
    expected = re.search(r"^# error: (.+)$", text, re.M).group(1).replace("{pack}", str(pack))  # type: ignore[union-attr]
    assert _fails("claims", str(SEED), "--rules", str(pack)) == f"argmap: {expected}"


def test_unknown_model_is_a_clear_error() -> None:
    line = _fails("claims", str(SEED), "--model", "xx_no_such_pipeline")
    assert "is not installed" in line


def test_model_option_uses_an_installed_pipeline(tmp_path: Path) -> None:
    """--model loads a pipeline from a name or path (here a saved blank one); output matches the default."""
    import spacy

    saved = tmp_path / "pipeline"
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(saved)
    default = json.loads(_ok("claims", str(SEED), "-f", "json").stdout)
    with_model = json.loads(_ok("claims", str(SEED), "-f", "json", "--model", str(saved), "--no-cache").stdout)
    assert [(c["start"], c["type"]) for c in with_model] == [(c["start"], c["type"]) for c in default]
