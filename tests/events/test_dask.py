"""balance_panel on a Dask DataFrame, on a real two-process LocalCluster:
the same rows, order and floats as the embedded run."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from tests.events.strategies import random_events

import middlepower as mp
from middlepower.events import EventTableError, UnalignedStateError, balance_panel

# rows scored on assumed alignments warn once per panel (tested in
# test_panel.py); here the numbers are what is checked
pytestmark = pytest.mark.filterwarnings(
    "ignore::middlepower.exceptions.UnalignedPartnerWarning"
)


dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

GRAPH = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            dashboard_address=None,
            silence_logs=50,
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


CASES = {
    "graph-monthly": {"freq": "MS", "unaligned": "drop", "level": None},
    "graph-monthly-string-ids": {
        "freq": "MS",
        "unaligned": "drop",
        "level": None,
        "string_ids": True,
    },
    "weekly-halflife-3poles": {
        "freq": "W-MON",
        "salience": mp.Salience("half-life", half_life_days=3.0),
        "level": ("leader", "government"),
        "unaligned": "drop",
        "poles": ("USA", "CHN", "JPN"),
    },
    "daily-outgoing-no-dedupe-string-ids": {
        "freq": "D",
        "direction": "outgoing",
        "dedupe": None,
        "unaligned": "drop",
        "level": None,
        "string_ids": True,
    },
    "yearly-graphs": {
        "freq": "QS",
        "alignment": {2024: GRAPH, 2025: GRAPH},
        "unaligned": "drop",
        "level": None,
    },
}


@pytest.mark.parametrize("name", list(CASES))
def test_dask_equals_embedded(client, name):
    kw = dict(CASES[name])
    string_ids = kw.pop("string_ids", False)
    alignment = kw.pop("alignment", GRAPH)
    poles = kw.pop("poles", ("USA", "CHN"))
    events = random_events(3000, seed=len(name), string_ids=string_ids)
    embedded = balance_panel(events, alignment, poles, **kw)
    assert len(embedded) > 10
    ddf = dd.from_pandas(events, npartitions=5)
    distributed_ = balance_panel(ddf, alignment, poles, **kw)
    pd.testing.assert_frame_equal(distributed_, embedded, check_exact=True)


def test_dask_reads_parquet_partitions(client, tmp_path):
    events = random_events(2000, seed=7).convert_dtypes(dtype_backend="pyarrow")
    for i, part in enumerate(np.array_split(np.arange(len(events)), 4)):
        events.iloc[part].to_parquet(tmp_path / f"part-{i}.parquet")
    ddf = dd.read_parquet(str(tmp_path))
    assert ddf.npartitions == 4
    got = balance_panel(ddf, GRAPH, ("USA", "CHN"), unaligned="drop", level=None)
    want = balance_panel(events, GRAPH, ("USA", "CHN"), unaligned="drop", level=None)
    pd.testing.assert_frame_equal(got, want, check_exact=True)


def test_errors_on_workers_reach_the_client_intact(client):
    events = random_events(500, seed=3)
    ddf = dd.from_pandas(events, npartitions=3)
    with pytest.raises(UnalignedStateError, match="'PRK'") as info:
        balance_panel(ddf, GRAPH, ("USA", "CHN"), level=None)
    assert info.value.codes == ("PRK",)
    bad = events.copy()
    bad.loc[bad.code == "041", "level"] = "minister"
    with pytest.raises(EventTableError, match="'minister'"):
        balance_panel(
            dd.from_pandas(bad, npartitions=3), GRAPH, ("USA", "CHN"), unaligned="drop"
        )
    with pytest.raises(mp.DataFormatError, match="missing columns: 'level'"):
        balance_panel(ddf.drop(columns="level"), GRAPH, ("USA", "CHN"))


def test_command_line_runs_on_the_cluster(client, tmp_path, capsys):
    from middlepower.cli import main

    events = random_events(1200, seed=5)
    paths = []
    for i, part in enumerate(np.array_split(np.arange(len(events)), 3)):
        path = tmp_path / f"events-{i}.parquet"
        events.iloc[part].reset_index(drop=True).to_parquet(path)
        paths.append(str(path))
    out = tmp_path / "panel.parquet"
    address = client.scheduler.address
    code = main(
        [
            "events",
            *paths,
            "--format",
            "canonical",
            "--poles",
            "USA",
            "CHN",
            "--alignment",
            "korea-2025",
            "--level",
            "all",
            "--unaligned",
            "drop",
            "--dask",
            address,
            "--out",
            str(out),
        ]
    )
    _, err = capsys.readouterr()
    assert code == 0, err
    assert "read 3 file(s) on the cluster" in err
    want = balance_panel(events, GRAPH, ("USA", "CHN"), level=None, unaligned="drop")
    pd.testing.assert_frame_equal(pd.read_parquet(out), want, check_dtype=False)
