"""Hostile inputs: every one ends in claims with valid offsets or a clear one-line error, never a traceback."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.documents import parse_document
from argmap.errors import ArgmapError, InputError
from argmap.outputs import claims_csv, write_atomic

runner = CliRunner()
SENTENCE = "Seoul has so far refused to host the Japanese premier."


def _valid(res) -> None:
    body = res.document.body
    for c in res.claims:
        assert 0 <= c.start < c.end <= len(body) and body[c.start:c.end] == c.text
    for a in res.attributions:
        for span in (a.cue, a.content, a.source):
            if span is not None:
                assert body[span.start:span.end] == span.text


def _claims_cli(path: Path, *extra: str):
    result = runner.invoke(app, ["claims", str(path), "-f", "json", *extra])
    assert "Traceback" not in result.output
    return result


def test_bom_and_crlf(tmp_path: Path) -> None:
    f = tmp_path / "d.md"
    f.write_bytes(("\ufeff---\r\ntitle: T\r\n---\r\n" + SENTENCE + "\r\n\r\n" + SENTENCE + "\r\n").encode("utf-8"))
    result = _claims_cli(f)
    assert result.exit_code == 0
    claims = json.loads(result.stdout)
    body = f.read_bytes().decode("utf-8").split("---\r\n", 2)[2]
    assert len(claims) == 2 and all(body[c["start"]:c["end"]] == c["text"] for c in claims)


def test_stray_nul_bytes_are_blanked_not_fatal(analyse) -> None:
    res = analyse("Intro\x00 text. " + SENTENCE)
    assert len(res.claims) == 1
    _valid(res)


def test_utf16_is_refused_with_a_hint_then_read_with_encoding(tmp_path: Path) -> None:
    f = tmp_path / "u16.txt"
    f.write_bytes(SENTENCE.encode("utf-16"))
    result = _claims_cli(f)
    assert result.exit_code == 2 and "--encoding" in result.stderr
    ok = _claims_cli(f, "--encoding", "utf-16")
    assert ok.exit_code == 0 and len(json.loads(ok.stdout)) == 1


def test_zero_width_and_bidi_controls(analyse) -> None:
    text = "\u202eevil\u202c Se\u200boul \u2066has\u2069 so far refused to host the Japanese\u200d premier. " + SENTENCE
    res = analyse(text)
    _valid(res)
    assert any(c.type == "chill_signal" for c in res.claims)


def test_extremely_long_line(analyse) -> None:
    res = analyse(("Filler words here. " * 60_000) + SENTENCE)
    _valid(res)
    assert [c.type for c in res.claims] == ["chill_signal"]


def test_one_enormous_token(analyse) -> None:
    res = analyse("x" * 300_000 + " " + SENTENCE)
    _valid(res)
    assert len(res.claims) == 1


def test_html_and_script_in_text_are_just_text(analyse) -> None:
    res = analyse('<script>alert(1)</script> "Seoul" has so far refused to host the {Japanese} premier & <b>others</b>.')
    _valid(res)


@pytest.mark.parametrize("front,message", [
    ("---\ntitle: [x\n---\nBody.\n", "front matter is not valid YAML"),
    ("---\n- a\n- b\n---\nBody.\n", "front matter must be a mapping"),
    ("---\na: &a [1, 2]\nb: [*a, *a]\n---\nBody.\n", "front matter uses YAML aliases"),
    ("---\ntitle: T\n---\n   \n\n", "front matter but no body"),
])
def test_bad_front_matter(front: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_document(front, "x.md")


def test_unknown_front_matter_keys_are_kept() -> None:
    doc = parse_document("---\ntitle: T\nauthor: A. Writer\ntags: [a, b]\n---\nBody.\n", "x.md")
    assert doc.metadata == {"author": "A. Writer", "tags": "['a', 'b']"}


def test_csv_cells_cannot_be_formulas(analyse) -> None:
    res = analyse("=HYPERLINK(\"http://x\") Seoul has so far refused to host the Japanese premier.")
    csv_text = claims_csv(res.claims)
    assert "'=HYPERLINK" in csv_text and "\n=HYPERLINK" not in csv_text and ",=HYPERLINK" not in csv_text


def test_atomic_write_leaves_no_truncated_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(target, "new content")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_write_refuses_input_paths(tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    doc.write_text(SENTENCE, encoding="utf-8")
    with pytest.raises(ArgmapError, match="refusing to overwrite an input document"):
        write_atomic(tmp_path / "." / "a.md", "x", protect=[doc])
    assert doc.read_text(encoding="utf-8") == SENTENCE
