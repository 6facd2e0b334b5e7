"""The command line: output, JSON and one-line errors."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

import middlepower as mp
from middlepower.cli import main

ROOT = Path(__file__).resolve().parents[1]


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


def test_invalid_scenario_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
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


# -- the error contract (issue 11): one line, status 2 for usage, 1 for data --

#: (argv, exit status, fragment of the one-line message). Status 2: the command
#: line is wrong; status 1: the data are. Files are written by _files().
EVENTS = [
    "events",
    "--format",
    "icews",
    "--poles",
    "USA",
    "CHN",
    "--alignment",
    "korea-2025",
    "--out",
    "p.csv",
]
CLI_ERRORS: list[tuple[list[str], int, str]] = [
    (["report", "--half-life", "0"], 2, "--half-life must be > 0, got 0"),
    (["report", "--half-life", "nan"], 2, "--half-life must be > 0, got nan"),
    (["report", "--decay", "2"], 2, "--decay must be in (0, 1], got 2"),
    (["report", "--decay", "abc"], 2, "argument --decay: invalid float value: 'abc'"),
    (["report", "--salience", "cubic"], 2, "argument --salience: invalid choice"),
    (["report", "--bogus"], 2, "unrecognized arguments: --bogus"),
    (["report", "--out", "r.txt"], 2, "--out must end in .json or .csv, got 'r.txt'"),
    (["compare", "--half-life", "-1"], 2, "--half-life must be > 0, got -1"),
    (["compare", "--out", "table.xlsx"], 2, "--out must end in .json or .csv"),
    (
        ["orderings", "--limit", "0"],
        2,
        "--limit must be between 1 and 10 contacts, got 0",
    ),
    (["orderings", "--limit", "11"], 2, "--limit must be between 1 and 10 contacts"),
    (["orderings", "--samples", "0"], 2, "--samples must be a positive integer, got 0"),
    (["orderings", "--seed", "-1"], 2, "--seed must be >= 0, got -1"),
    (["orderings", "--metric", "tau"], 2, "argument --metric: invalid choice: 'tau'"),
    (["sensitivity", "--draws", "0"], 2, "--draws must be a positive integer, got 0"),
    (["sensitivity", "--concentration", "0"], 2, "--concentration must be > 0, got 0"),
    (["sensitivity", "--seed", "x"], 2, "argument --seed: invalid int value: 'x'"),
    (["scenarios", "--bogus"], 2, "unrecognized arguments: --bogus"),
    (["report", "nowhere.json"], 1, "Scenario file 'nowhere.json' does not exist."),
    (["report", "no/such/case.json"], 1, "Scenario file 'no/such/case.json' does not"),
    (
        ["report", "korea-2052"],
        1,
        "Unknown scenario 'korea-2052' (did you mean 'korea-2025'?)",
    ),
    (["report", "nowhere"], 1, "Unknown scenario 'nowhere'; bundled scenarios are:"),
    (["report", "--sequence", "none such"], 1, "has no sequence 'none such'"),
    (["compare", "korea-2025", "nowhere.json"], 1, "Scenario file 'nowhere.json'"),
    (["orderings", "korea-2052"], 1, "did you mean 'korea-2025'?"),
    (["sensitivity", "nowhere.json", "--no-progress"], 1, "does not exist"),
    (["report", "{garbage}"], 1, "garbage.json, line 1: is not valid JSON"),
    (["report", "{invalid}"], 1, "invalid scenario '"),
    (["report", "{typo}"], 1, "did you mean 'CHN'?"),
    (["report", "{folder}"], 1, "is a folder, not a scenario JSON file"),
    (["report", "--out", "{folder}/no/such/r.json"], 1, "cannot use file"),
    # graph, similarity, events (data files; see _files)
    (["graph", "--year", "2012", "--alliances", "nope.csv"], 1, "File 'nope.csv'"),
    (["graph", "--year", "2012", "--atop", "{folder}"], 1, "is a folder, not a file"),
    (["graph", "--year", "2012", "--strengths", "nope.csv"], 1, "does not exist"),
    (["graph", "--year", "2012", "--strengths", "{folder}"], 1, "is a folder"),
    (["graph", "--year", "2012", "--rivalries", "{garbage}"], 1, "header is not"),
    (["graph", "--year", "3000"], 1, "Year 3000 is outside 1400-2100"),
    (["graph", "--year", "x"], 2, "argument --year: invalid int value: 'x'"),
    (["graph", "--year", "2012", "--out", "g.txt"], 2, "must end in .json or"),
    (["similarity", "--alliances", "nope.csv", "--year", "2012"], 1, "does not exist"),
    (["similarity", "--alliances", "{folder}", "--year", "2012"], 1, "is a folder"),
    (
        ["similarity", "--alliances", "{atop}", "--year", "2012", "--out", "m.txt"],
        2,
        "--out must end in .json or .csv, got 'm.txt'",
    ),
    (
        ["similarity", "--alliances", "{atop}", "--year", "2012", "--method", "tau"],
        2,
        "argument --method: invalid choice: 'tau'",
    ),
    (
        ["similarity", "--alliances", "{atop}", "--year", "2012", "--states", "x.csv"],
        1,
        "File 'x.csv' does not exist",
    ),
    (["similarity", "--alliances", "{atop}", "--year", "1700"], 1, "no alliance rows"),
    ([*EVENTS, "nope.tab"], 1, "Event file 'nope.tab' does not exist."),
    ([*EVENTS, "{folder}"], 1, "is a folder, not a file"),
    ([*EVENTS, "{garbage}"], 1, "garbage.json, line 1: not tab-separated"),
    ([*EVENTS[:-2], "--out", "p.txt", "{icews}"], 2, "--out must end in .parquet"),
    ([*EVENTS, "--freq", "fortnight", "{icews}"], 2, "--freq: Unknown frequency"),
    ([*EVENTS, "--freq", "ME", "{icews}"], 2, "--freq: "),
    ([*EVENTS, "--min-contacts", "0", "{icews}"], 2, "--min-contacts must be a"),
    ([*EVENTS, "--min-contacts", "x", "{icews}"], 2, "argument --min-contacts"),
    (
        [*EVENTS[:5], *EVENTS[6:], "{icews}"],
        2,
        "--poles must name at least two states, got ['USA']",
    ),
    (
        [EVENTS[0], "--format", "tab", *EVENTS[3:], "{icews}"],
        2,
        "argument --format: invalid choice: 'tab'",
    ),
    ([*EVENTS, "--mapping", "nope.csv", "{icews}"], 1, "Channel mapping file 'nope"),
    (
        [*EVENTS[:-4], "--alignment", "nope.json", "--out", "p.csv", "{icews}"],
        1,
        "Alignment file 'nope.json' does not exist.",
    ),
    (
        [*EVENTS[:-4], "--alignment", "{garbage}", "--out", "p.csv", "{icews}"],
        1,
        "garbage.json: is not valid JSON",
    ),
    (
        [EVENTS[0], "--format", "canonical", *EVENTS[3:], "{icews}"],
        1,
        "cannot be read as a canonical event table",
    ),
]


def _files(tmp_path: Path) -> dict[str, str]:
    garbage = tmp_path / "garbage.json"
    garbage.write_text("not json\n", encoding="utf-8")
    invalid = tmp_path / "invalid.json"
    invalid.write_text('{"name": "x", "title": "x"}', encoding="utf-8")
    data = json.loads(mp.load_scenario("korea-2025").to_json())
    data["states"][3]["code"] = "CNH"
    data["poles"] = ["USA", "CNH"]
    for tie in data["ties"]:
        for end in ("source", "target"):
            tie[end] = "CNH" if tie[end] == "CHN" else tie[end]
    for seq in data["sequences"]:
        for contact in seq["contacts"]:
            if contact["partner"] == "CHN":
                contact["partner"] = "CNH"
    typo = tmp_path / "typo.json"
    typo.write_text(json.dumps(data), encoding="utf-8")
    return {
        "atop": str(ROOT / "tests" / "data" / "io" / "atop_alliance_cut.csv"),
        "icews": str(
            ROOT / "tests" / "data" / "events" / "icews.events.2018.sample.tab"
        ),
        "garbage": str(garbage),
        "invalid": str(invalid),
        "typo": str(typo),
        "folder": str(tmp_path),
    }


def _argv(argv: list[str], files: dict[str, str]) -> list[str]:
    return [a.format(**files) for a in argv]


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    CLI_ERRORS,
    ids=[" ".join(a) for a, _, _ in CLI_ERRORS],
)
def test_cli_errors_are_one_line_with_the_right_status(
    argv: list[str],
    status: int,
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = _argv(argv, _files(tmp_path))
    if status == 2:
        with pytest.raises(SystemExit) as exc:
            main(args)
        code = exc.value.code
    else:
        code = main(args)
    out, err = capsys.readouterr()
    assert code == status
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["report", "--half-life", "0"], 2, "--half-life must be > 0, got 0"),
        (["report", "nowhere.json"], 1, "Scenario file 'nowhere.json' does not exist."),
        (["compare", "--decay", "2"], 2, "--decay must be in (0, 1], got 2"),
    ],
)
def test_cli_errors_in_a_real_process(
    argv: list[str], status: int, message: str
) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "middlepower", *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == status
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and message in proc.stderr
    assert proc.stderr.startswith("middlepower")


def test_scenarios_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "scenarios", "--json")
    data = json.loads(out)
    assert code == 0 and err == ""
    assert [d["name"] for d in data] == list(mp.list_scenarios())
    korea = next(d for d in data if d["name"] == "korea-2025")
    assert korea["poles"] == ["USA", "CHN"] and len(korea["sequences"]) == 2


def test_compare_table_has_a_legend(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", "korea-2025", "korea-2022-yoon")
    assert code == 0
    for line in (
        "E        equidistance between the poles",
        "tau_b    concordance, Kendall's tau-b",
        "CP       cross-pressure",
        "E_c      structural equidistance",
        "broker   brokerage, 1 - Burt's constraint",
    ):
        assert line in out


def test_report_says_tilt_next_to_tau_b(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report")
    assert code == 0
    assert "(tilt = +0.64;" in out and "tau_b = +0.33" in out
    assert "(tau =" not in out


def test_out_json_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rj, rc = tmp_path / "r.json", tmp_path / "r.csv"
    assert run(capsys, "report", "--out", str(rj)) == (0, "", "")
    assert run(capsys, "report", "--out", str(rc)) == (0, "", "")
    report = json.loads(rj.read_text(encoding="utf-8"))
    assert report["scenario"] == "korea-2025"
    with rc.open(encoding="utf-8", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["order"] == "USA > JPN > CHN" and row["focal"] == "KOR"
    assert float(row["tilt"]) == pytest.approx(report["report"]["tilt"])
    cj, cc = tmp_path / "c.JSON", tmp_path / "c.csv"
    assert run(capsys, "compare", "--out", str(cj))[0] == 0
    assert run(capsys, "compare", "--out", str(cc))[0] == 0
    names = [n for n in mp.list_scenarios() if n.startswith("korea-")]
    with cc.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(names) == len(json.loads(cj.read_text())["rows"])
    assert list(rows[0])[:4] == ["label", "focal", "start", "order"]


def test_unexpected_errors_are_one_line_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import middlepower.cli as cli

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kernel\nexploded")

    monkeypatch.setattr(cli, "assess", boom)
    code, out, err = run(capsys, "report")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "unexpected RuntimeError: kernel exploded (this is a bug" in err
    monkeypatch.setenv("MIDDLEPOWER_TRACEBACK", "1")
    with pytest.raises(RuntimeError, match="exploded"):
        main(["report"])


def test_a_library_parameter_error_names_the_flag(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A parameter check inside the library that the flag rules miss still
    names the flag and exits 2."""
    import middlepower.cli as cli
    from middlepower.exceptions import InvalidParameterError

    def strict(*args: object, **kwargs: object) -> None:
        raise InvalidParameterError("samples must be below 1000000, not 5000000.")

    monkeypatch.setattr(cli, "orderings", strict)
    with pytest.raises(SystemExit) as exc:
        main(["orderings", "--samples", "5000000"])
    _, err = capsys.readouterr()
    assert exc.value.code == 2 and err.count("\n") == 1
    assert "--samples: samples must be below 1000000" in err


def test_interrupt_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import middlepower.cli as cli

    def stop(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "assess", stop)
    code, _, err = run(capsys, "report")
    assert code == 130 and err == "middlepower: interrupted\n"


def test_flag_rules_are_scoped_to_their_subcommands() -> None:
    """Another subcommand may give --out or --seed another meaning (e.g. an
    events panel written as .parquet): the rules name their subcommands."""
    import argparse

    from middlepower.cli import _rules

    args = argparse.Namespace(command="events", out="panel.parquet", seed=-1, decay=0.5)
    assert set(_rules(args)) == {"decay"}
    args = argparse.Namespace(command="report", out="r.json", decay=0.5, half_life=7.0)
    assert set(_rules(args)) == {"decay", "half_life", "out"}
