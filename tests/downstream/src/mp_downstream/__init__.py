"""A downstream package: uses middlepower's public API and bundled data."""

from __future__ import annotations

import middlepower as mp


def editorial_tilt() -> float:
    """Tilt of the editorial case, computed through the installed package."""
    sc = mp.load_scenario("korea-2025")
    graph = mp.RelationGraph.from_scenario(sc)
    return mp.tilt(graph, sc.sequence(), sc.poles)
