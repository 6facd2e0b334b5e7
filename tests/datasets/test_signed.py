"""Tests for the bundled real signed networks (inter-state 1946-1999, tribes)."""

from __future__ import annotations

import csv
import io
from importlib import resources

import networkx as nx
import pytest

from middlepower.datasets._signed import (
    load_signed_interstate,
    load_signed_interstate_window,
    load_tribes,
    signed_interstate_windows,
)
from middlepower.exceptions import InvalidParameterError
from middlepower.kernels.balance import (
    triad_balance_bruteforce,
    triad_balance_matrix,
    triad_counts,
    walk_balance_matrix,
)


def _csv_counts(*parts: str) -> tuple[int, int]:
    """Nodes and rows of a bundled edge list, counted with the csv module."""
    text = (
        resources.files("middlepower.datasets")
        .joinpath("data", *parts)
        .read_text(encoding="utf-8")
    )
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    nodes = {row["from"] for row in rows} | {row["to"] for row in rows}
    return len(nodes), len(rows)


def test_windows_are_51_in_time_order() -> None:
    windows = signed_interstate_windows()
    assert len(windows) == 51
    assert windows[0] == "46-49"
    assert windows[-1] == "96-99"
    expected = tuple(f"{y % 100:02d}-{(y + 3) % 100:02d}" for y in range(1946, 1997))
    assert windows == expected


def test_load_all_windows() -> None:
    nets = load_signed_interstate()
    assert len(nets) == 51
    assert tuple(nets) == signed_interstate_windows()
    for window, G in nets.items():
        assert type(G) is nx.Graph
        assert G.graph["window"] == window
        assert G.graph["name"] == f"signed-interstate {window}"
        assert G.graph["end_year"] == G.graph["start_year"] + 3
        assert "Doreian" in G.graph["source"]
        assert nx.number_of_selfloops(G) == 0


@pytest.mark.parametrize("window", ["46-49", "62-65", "79-82", "96-99"])
def test_window_counts_match_csv(window: str) -> None:
    G = load_signed_interstate_window(window)
    assert (G.number_of_nodes(), G.number_of_edges()) == _csv_counts(
        "signed_interstate", f"{window}.csv"
    )


def test_first_window_metadata() -> None:
    G = load_signed_interstate_window("46-49")
    assert (G.number_of_nodes(), G.number_of_edges()) == (64, 362)
    assert G.graph["start_year"] == 1946
    assert G.graph["end_year"] == 1949
    assert G.graph["window"] == "46-49"


def test_signs_and_weights() -> None:
    graphs = [*load_signed_interstate().values(), load_tribes()]
    for G in graphs:
        for _, _, data in G.edges(data=True):
            assert type(data["sign"]) is int
            assert data["sign"] in (1, -1)
            assert type(data["weight"]) is float
            assert data["weight"] == float(data["sign"])
    signs = {s for G in graphs for _, _, s in G.edges(data="sign")}
    assert signs == {1, -1}


def test_original_labels_are_kept() -> None:
    labels = set().union(*(G.nodes for G in load_signed_interstate().values()))
    assert {"NKR", "RVN", "USA", "RUS"} <= labels
    assert all(isinstance(label, str) for label in labels)


def test_tribes() -> None:
    G = load_tribes()
    assert (G.number_of_nodes(), G.number_of_edges()) == (16, 58)
    assert (G.number_of_nodes(), G.number_of_edges()) == _csv_counts(
        "tribes", "tribes_edges.csv"
    )
    assert G.edges["Gavev", "Kotun"]["sign"] == 1
    assert G.edges["Gavev", "Ove"]["sign"] == -1
    assert "Read" in G.graph["source"]


def test_tribes_balance_matches_signnet() -> None:
    """Reference values from the signnet README / vignette (R, data("tribes")).

    balance_score(tribes, method = "triangles") -> 0.8676471
    balance_score(tribes, method = "walk")      -> 0.3575761
    """
    G = load_tribes()
    S = nx.to_numpy_array(G, nodelist=sorted(G), weight="sign")
    assert triad_balance_matrix(S) == pytest.approx(0.8676471, abs=1e-7)
    assert triad_balance_matrix(S) == triad_balance_bruteforce(S)
    assert walk_balance_matrix(S) == pytest.approx(0.3575761, abs=1e-7)
    assert triad_counts(S) == {"+++": 19, "++-": 2, "+--": 40, "---": 7}


def test_returned_graphs_are_copies() -> None:
    G = load_signed_interstate_window("46-49")
    G.add_edge("XXX", "YYY", sign=1, weight=1.0)
    G.remove_node("USA")
    G.graph["window"] = "mutated"
    next(iter(G.edges(data=True)))[2]["sign"] = 99
    fresh = load_signed_interstate_window("46-49")
    assert (fresh.number_of_nodes(), fresh.number_of_edges()) == (64, 362)
    assert "USA" in fresh
    assert fresh.graph["window"] == "46-49"
    assert {s for _, _, s in fresh.edges(data="sign")} == {1, -1}
    assert load_signed_interstate()["46-49"].number_of_edges() == 362

    nets = load_signed_interstate()
    nets["96-99"].clear()
    del nets["46-49"]
    again = load_signed_interstate()
    assert len(again) == 51
    assert again["96-99"].number_of_edges() > 0

    T = load_tribes()
    T.remove_edge("Gavev", "Ove")
    assert load_tribes().number_of_edges() == 58


@pytest.mark.parametrize("window", ["45-48", "1946-1949", "97-00", ""])
def test_unknown_window_raises(window: str) -> None:
    with pytest.raises(
        InvalidParameterError,
        match=rf"Unknown signed-interstate window '{window}'; valid windows are "
        r"46-49, 47-50, .*, 96-99\.",
    ):
        load_signed_interstate_window(window)
