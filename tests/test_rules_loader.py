"""Rule packs load into validated models; every broken file fails with its exact `path:line: message`."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from argmap.errors import RuleError
from argmap.rules.inflect import Inflector, regular_forms
from argmap.rules.loader import default_rules_dir, load_rules

BROKEN = sorted((Path(__file__).parent / "broken_rules").glob("*.yml"))


def _pack_with(tmp_path: Path, broken: Path) -> tuple[Path, str]:
    text = broken.read_text(encoding="utf-8")
    target = re.search(r"^# target: (\S+)$", text, re.M).group(1)  # type: ignore[union-attr]
    expected = re.search(r"^# error: (.+)$", text, re.M).group(1)  # type: ignore[union-attr]
    pack = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), pack)
    shutil.copy(broken, pack / target)
    return pack, expected.replace("{pack}", str(pack))


@pytest.mark.parametrize("broken", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_rule_file_gives_exact_error(tmp_path: Path, broken: Path) -> None:
    pack, expected = _pack_with(tmp_path, broken)
    with pytest.raises(RuleError) as exc:
        load_rules(pack)
    assert str(exc.value) == expected


def test_broken_rules_folder_is_not_empty() -> None:
    assert len(BROKEN) >= 10


def test_shipped_pack_loads_with_every_file_kind() -> None:
    pack = load_rules()
    assert pack.frames and pack.debates and pack.attribution.cues and pack.context.context
    assert len(pack.digest) == 16


def test_shipped_pack_found_as_package_data() -> None:
    root = default_rules_dir()
    assert (root / "types.yml").is_file()
    assert (root / "frames").is_dir()


def test_digest_changes_when_a_rule_changes(tmp_path: Path) -> None:
    pack_dir = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), pack_dir)
    before = load_rules(pack_dir).digest
    f = pack_dir / "frames" / "zero_sum.yml"
    f.write_text(f.read_text(encoding="utf-8").replace("zero-sum or relative-gains", "zero-sum"), encoding="utf-8")
    assert load_rules(pack_dir).digest != before


def test_missing_pack_directory(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="rule pack directory not found"):
        load_rules(tmp_path / "nope")


def test_missing_required_file(tmp_path: Path) -> None:
    pack_dir = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), pack_dir)
    (pack_dir / "context.yml").unlink()
    with pytest.raises(RuleError, match="rule pack is missing context.yml"):
        load_rules(pack_dir)


def test_yes_and_no_stay_words(tmp_path: Path) -> None:
    """YAML 1.1 would turn `no` into False; a rule about the word 'no' must keep it."""
    pack_dir = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), pack_dir)
    (pack_dir / "frames" / "extra.yml").write_text(
        "frames:\n  - id: extra.no_way\n    type: limited_impact\n    patterns:\n      - [{LOWER: no}, {LOWER: way}]\n", encoding="utf-8")
    rule = next(r for r in load_rules(pack_dir).frames if r.id == "extra.no_way")
    assert rule.patterns[0][0] == {"LOWER": "no"}


def test_inflections_cover_regular_and_irregular_forms() -> None:
    assert {"argue", "argues", "argued", "arguing"} <= regular_forms("argue")
    assert {"stop", "stopped", "stopping"} <= regular_forms("stop")
    assert {"speculate", "speculated", "speculating"} <= regular_forms("speculate")
    inflector = Inflector({"say": ["said"], "lay": ["laid"]})
    assert "said" in inflector.forms("say")
    assert "laid out" in inflector.forms("lay out")
