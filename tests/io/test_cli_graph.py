"""The ``middlepower graph`` subcommand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from middlepower.cli import main
from middlepower.graph import RelationGraph
from middlepower.io import graph_for_year

DATA = Path(__file__).resolve().parents[1] / "data" / "io"
ARGS = [
    "--atop",
    str(DATA / "atop_alliance_cut.csv"),
    "--contiguity",
    str(DATA / "cow_contdir_cut.csv"),
    "--rivalries",
    str(DATA / "tss_rivalries.csv"),
]


def test_summary_and_json_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "g.json"
    assert main(["graph", "--year", "2012", *ARGS, "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == "Relation graph 2012: 195 states, 225 ties"
    assert "  alliance         72" in text and f"written to {out}" in text
    g = RelationGraph.from_json(out.read_text(encoding="utf-8"))
    expected = graph_for_year(
        2012,
        atop=DATA / "atop_alliance_cut.csv",
        contiguity=DATA / "cow_contdir_cut.csv",
        rivalries=DATA / "tss_rivalries.csv",
    )
    assert g == expected


def test_graphml_and_json_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "g.graphml"
    assert main(["graph", "--year", "2012", *ARGS, "--out", str(out), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary == {
        "year": 2012,
        "states": 195,
        "ties": 225,
        "ties_by_kind": {"alliance": 72, "neighbour": 95, "rivalry": 58},
        "out": str(out),
    }
    assert (
        RelationGraph.read_graphml(out).pair_strength("KOR", "USA", "alliance") == 1.0
    )


def test_no_sources_prints_the_state_system(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", "--year", "1946"]) == 0
    assert capsys.readouterr().out == "Relation graph 1946: 66 states, 0 ties\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--rivalries", str(DATA / "atop_alliance_cut.csv")],
            "header is not a rivalry",
        ),
        (["--trade", "missing.csv"], "File 'missing.csv' does not exist"),
        (["--strengths", str(DATA / "tss_rivalries.csv")], "kind, code, strength"),
    ],
)
def test_data_errors_exit_1(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["graph", "--year", "2012", *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith("middlepower: error: ") and message in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["graph"],
        ["graph", "--year", "x"],
        ["graph", "--year", "2012", "--out", "g.txt"],
    ],
)
def test_usage_errors_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("middlepower graph: error:") and err.count("\n") == 1
