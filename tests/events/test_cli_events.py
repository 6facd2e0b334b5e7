"""``middlepower events``: files in, panel out, the same as balance_panel."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from tests.events.strategies import random_events

import middlepower as mp
from middlepower.cli import main
from middlepower.events import balance_panel

# the tests compare with balance_panel called directly, which warns about
# rows scored on assumed alignments (tested in test_panel.py)
pytestmark = pytest.mark.filterwarnings(
    "ignore::middlepower.exceptions.UnalignedPartnerWarning"
)

GRAPH = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))


@pytest.fixture
def files(tmp_path):
    events = random_events(1500, seed=11)
    a, b = events.iloc[:900], events.iloc[900:]
    pa = tmp_path / "a.parquet"
    a.to_parquet(pa)
    pb = tmp_path / "b.csv"
    b.to_csv(pb, index=False)
    return events, [str(pa), str(pb)]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_panel_from_canonical_files(capsys, tmp_path, files):
    events, paths = files
    out = tmp_path / "panel.parquet"
    code, _, err = run(
        capsys,
        "events",
        *paths,
        "--format",
        "canonical",
        "--poles",
        "USA",
        "CHN",
        "--alignment",
        "korea-2025",
        "--freq",
        "QS",
        "--level",
        "all",
        "--unaligned",
        "drop",
        "--out",
        out,
        "--no-progress",
    )
    assert code == 0, err
    got = pd.read_parquet(out)
    want = balance_panel(
        events, GRAPH, ("USA", "CHN"), freq="QS", level=None, unaligned="drop"
    )
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    assert "a.parquet: 900 events" in err and "b.csv: 975 events" in err
    assert f"panel: {len(want):,} rows" in err
    assert f"{int(want.n_unaligned.sum()):,} more dropped as unaligned" in err


@pytest.mark.parametrize("kind", ["json", "graphml", "shares-csv"])
def test_alignment_files_and_outputs(capsys, tmp_path, files, kind):
    _, paths = files
    if kind == "json":
        spec = tmp_path / "g.json"
        spec.write_text(GRAPH.to_json())
        alignment = GRAPH
    elif kind == "graphml":
        spec = tmp_path / "g.graphml"
        GRAPH.write_graphml(spec)
        alignment = GRAPH
    else:
        shares = mp.alignment(GRAPH.at("2025-01-01"), ("USA", "CHN"))
        alignment = pd.DataFrame(
            [
                {"year": y, "state": s, "USA": a[0], "CHN": a[1]}
                for y in (2024, 2025)
                for s, a in shares.items()
            ]
        )
        spec = tmp_path / "shares.csv"
        alignment.to_csv(spec, index=False)
    out = tmp_path / "panel.json"
    code, _, err = run(
        capsys,
        "events",
        paths[0],
        "--format",
        "canonical",
        "--poles",
        "USA",
        "CHN",
        "--alignment",
        spec,
        "--level",
        "leader",
        "government",
        "--unaligned",
        "drop",
        "--salience",
        "geometric",
        "--decay",
        "0.7",
        "--out",
        out,
        "--no-progress",
    )
    assert code == 0, err
    rows = json.loads(out.read_text())
    want = balance_panel(
        pd.read_parquet(paths[0]),
        alignment,
        ("USA", "CHN"),
        level=("leader", "government"),
        unaligned="drop",
        salience=mp.Salience("geometric", decay=0.7),
    )
    assert [r["focal"] for r in rows] == want.focal.tolist()
    assert [r["E"] for r in rows] == pytest.approx(want.E.tolist(), abs=1e-12)
    assert rows[0]["period"].startswith(str(want.period.iloc[0].date()))


def test_csv_output_and_outgoing(capsys, tmp_path, files):
    _, paths = files
    out = tmp_path / "panel.csv"
    code, _, err = run(
        capsys,
        "events",
        paths[0],
        "--format",
        "canonical",
        "--poles",
        "USA",
        "CHN",
        "--alignment",
        "korea-2025",
        "--direction",
        "outgoing",
        "--no-dedupe",
        "--focal",
        "KOR",
        "--min-contacts",
        "2",
        "--unaligned",
        "drop",
        "--out",
        out,
        "--no-progress",
    )
    assert code == 0, err
    panel = pd.read_csv(out)
    assert set(panel.focal) == {"KOR"} and (panel.n_contacts >= 2).all()
    assert panel.period.iloc[0].count("-") == 2  # a plain date


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--alignment", "atlantis"], "neither a file nor a bundled scenario"),
        ([], "Unknown state code 'PRK'"),  # the default: unaligned partners raise
    ],
)
def test_errors_are_one_line(capsys, tmp_path, files, extra, message):
    _, paths = files
    argv = [
        "events",
        paths[0],
        "--format",
        "canonical",
        "--poles",
        "USA",
        "CHN",
        "--alignment",
        "korea-2025",
        "--out",
        tmp_path / "p.parquet",
        "--no-progress",
        "--level",
        "all",
        *extra,
    ]
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == ""
    last = err.splitlines()[-1]
    assert last.startswith("middlepower: error: ") and message in last
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--out", "panel.xlsx"], "--out must end in .parquet, .csv or .json"),
        (["--freq", "ME"], "--freq: "),
        (["--poles", "USA"], "--poles must name at least two states"),
    ],
)
def test_bad_flags_exit_2_before_reading(capsys, tmp_path, files, extra, message):
    _, paths = files
    argv = [*paths[:1], "--format", "canonical", "--poles", "USA", "CHN"]
    argv += ["--alignment", "korea-2025", "--out", tmp_path / "p.parquet", *extra]
    with pytest.raises(SystemExit) as info:
        main(["events", *map(str, argv)])
    _, err = capsys.readouterr()
    assert info.value.code == 2 and err.count("\n") == 1 and message in err


def test_missing_event_file(capsys, tmp_path):
    code, _, err = run(
        capsys,
        "events",
        tmp_path / "none.parquet",
        "--format",
        "canonical",
        "--poles",
        "USA",
        "CHN",
        "--alignment",
        "korea-2025",
        "--out",
        tmp_path / "p.csv",
    )
    assert code == 1 and "Event file" in err and "does not exist" in err


def test_real_icews_file(capsys, tmp_path):
    from middlepower.events._readers import read_icews

    path = "tests/data/events/icews.events.2018.sample.tab"
    out = tmp_path / "panel.csv"
    code, _, err = run(
        capsys,
        "events",
        path,
        "--format",
        "icews",
        "--poles",
        "USA",
        "CHN",
        "--freq",
        "D",
        "--alignment",
        "korea-2025",
        "--unaligned",
        "drop",
        "--out",
        out,
        "--no-progress",
    )
    assert code == 0, err
    assert (
        "icews.events.2018.sample.tab: 3,705 rows read, 3,337 kept, 368 dropped "
        "(no source country 147, no target country 221)"
    ) in err
    got = pd.read_csv(out)
    want = balance_panel(
        read_icews(path), GRAPH, ("USA", "CHN"), freq="D", unaligned="drop"
    )
    assert got.focal.tolist() == want.focal.tolist()
    assert got.E.to_numpy() == pytest.approx(want.E.to_numpy(), abs=1e-12)
    # leaders' contacts of 1-2 June 2018 with the seven states of the graph
    assert set(got.focal) == {"CAN", "JPN", "PHL", "PRK", "SGP", "VNM"}
    assert got.n_unaligned.sum() > 0
