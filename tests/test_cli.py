"""The command line: output, JSON and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import middlepower as mp
from middlepower.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_default_is_the_editorial_case(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "report")
    assert code == 0 and err == ""
    assert "Lee Jae-myung" in out
    for line in ("equidistance", "tilt", "proportionality", "concordance", "two-track"):
        assert line in out
    assert "+0.636" in out  # tilt 7/11


def test_report_json_matches_assess(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", "--json", "--salience", "uniform")
    data = json.loads(out)
    sc = mp.load_scenario("korea-2025")
    r = mp.assess(
        mp.RelationGraph.from_scenario(sc), sc.sequence(), sc.poles, salience="uniform"
    )
    assert code == 0 and data["scenario"] == "korea-2025"
    assert data["report"]["tilt"] == pytest.approx(r.tilt)
    assert data["report"]["salience"]["scheme"] == "uniform"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "nowhere"], "Unknown scenario 'nowhere'"),
        (["report", "--sequence", "none such"], "no sequence 'none such'"),
    ],
)
def test_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == ""
    assert err.startswith("middlepower: error: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_invalid_scenario_file(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"name": "bad", "title": "x", "states": [], "poles": []}))
    code, _, err = run(capsys, "report", str(bad))
    assert code == 1 and "invalid scenario" in err and err.count("\n") == 1


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["report", "--salience", "cubic"])
    assert exc.value.code == 2


def test_scenarios_lists_the_editorial_case(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scenarios")
    assert (code == 0 and out.startswith("korea-2025")) or "korea-2025 " in out


def test_orderings_and_sensitivity_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "orderings", "--json", "--rows")
    data = json.loads(out)
    assert code == 0 and data["n_orders"] == 6 and len(data["orders"]) == 6
    code, out, _ = run(
        capsys,
        "sensitivity",
        "--draws",
        "500",
        "--seed",
        "4",
        "--json",
        "--no-progress",
    )
    data = json.loads(out)
    assert code == 0 and data["draws"] == 500 and 0 <= data["p_tilt_positive"] <= 1
    code, out, _ = run(
        capsys,
        "sensitivity",
        "--draws",
        "500",
        "--seed",
        "4",
        "--json",
        "--no-progress",
    )
    assert json.loads(out) == data  # same seed, same numbers


def test_compare_default_rows(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", "--json")
    data = json.loads(out)
    names = [n for n in mp.list_scenarios() if n.startswith("korea-")]
    assert code == 0 and len(data["rows"]) == len(names)


def test_python_dash_m() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "middlepower", "report", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["report"]["focal"] == "KOR"
