"""frustration(): the default time limit and what an unproven result says."""

from __future__ import annotations

import inspect
import json
import time

import networkx as nx
import numpy as np
import pytest

import middlepower as mp
from middlepower.exceptions import InvalidParameterError
from middlepower.metrics import structure


def _hard_graph() -> nx.Graph:
    """G(n=100, p=0.1) with random signs: far beyond a proof in a second (the
    exact method still has a gap of 16 edges after 60 s)."""
    G = nx.gnp_random_graph(100, 0.1, seed=1)
    rng = np.random.default_rng(1)
    nx.set_edge_attributes(G, {e: int(rng.choice([-1, 1])) for e in G.edges}, "sign")
    return G


def _frustrated(G: nx.Graph, camps: tuple[frozenset[int], frozenset[int]]) -> int:
    """Count the edges the split leaves frustrated, by hand."""
    side = dict.fromkeys(camps[0], 0) | dict.fromkeys(camps[1], 1)
    return sum(
        (side[u] != side[v]) == (d["sign"] > 0) for u, v, d in G.edges(data=True)
    )


def test_tiny_time_limit_returns_a_flagged_valid_split() -> None:
    """The limit is honoured (the unlimited search takes minutes; 30 s is a
    wide margin for a loaded machine, not a speed target), and the result is
    a valid split of every node that says it is not proven."""
    G = _hard_graph()
    start = time.monotonic()
    res = mp.frustration(G, method="exact", time_limit=0.05)
    assert time.monotonic() - start < 30.0
    first, second = res.partition
    assert first | second == set(G.nodes) and not first & second
    assert res.index == _frustrated(G, res.partition)
    assert not res.exact
    assert res.status == "time_limit"
    assert 0.0 <= res.lower_bound <= res.index
    assert res.gap == pytest.approx(res.index - res.lower_bound)
    assert res.gap > 0
    assert res.normalized == pytest.approx(1 - 2 * res.index / G.number_of_edges())


def test_default_time_limit_is_documented_and_passed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """method='exact' and 'auto' pass 60 s unless told otherwise; None lifts it."""
    default = inspect.signature(mp.frustration).parameters["time_limit"].default
    assert default == structure.DEFAULT_TIME_LIMIT == 60.0
    assert "60" in (mp.frustration.__doc__ or "")
    seen: list[float | None] = []
    real = structure.frustration_exact

    def spy(*args: object, time_limit: float | None = None) -> object:
        seen.append(time_limit)
        return real(*args, time_limit=time_limit)  # type: ignore[arg-type]

    monkeypatch.setattr(structure, "frustration_exact", spy)
    tribes = mp.datasets.load_tribes()
    mp.frustration(tribes, method="exact")
    mp.frustration(tribes, method="auto")
    mp.frustration(tribes, method="exact", time_limit=None)
    mp.frustration(tribes, method="exact", time_limit=2.5)
    assert seen == [60.0, 60.0, None, 2.5]


def test_proven_and_heuristic_statuses() -> None:
    tribes = mp.datasets.load_tribes()
    exact = mp.frustration(tribes, method="exact")
    assert (exact.exact, exact.status, exact.gap) == (True, "optimal", 0.0)
    assert exact.lower_bound == exact.index == 7.0
    heur = mp.frustration(_hard_graph(), method="heuristic", seed=0)
    assert not heur.exact and heur.status == "unproven"
    assert heur.gap == pytest.approx(heur.index - heur.lower_bound) and heur.gap > 0


def test_status_and_gap_round_trip_through_json() -> None:
    res = mp.frustration(_hard_graph(), method="exact", time_limit=0.05)
    data = json.loads(res.model_dump_json())
    assert data["status"] == "time_limit" and data["gap"] == res.gap
    assert mp.FrustrationResult.model_validate_json(res.model_dump_json()) == res


@pytest.mark.parametrize("time_limit", [0, -1.0, "60", float("nan")])
def test_bad_time_limit(time_limit: object) -> None:
    with pytest.raises(InvalidParameterError, match="time_limit must be a positive"):
        mp.frustration(
            mp.datasets.load_tribes(),
            method="exact",
            time_limit=time_limit,  # type: ignore[arg-type]
        )
