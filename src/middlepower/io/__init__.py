"""Readers of the public data sets researchers use, and the country-code layer.

Correlates of War (formal alliances, direct contiguity, dyadic trade, national
material capabilities, state system membership), ATOP, the peacesciencer
layouts of these, and strategic rivalries (METHODS.md §8). Needs the ``data``
extra: ``pip install "middlepower[data]"``.
"""

from __future__ import annotations

from middlepower.io.atop import read_atop
from middlepower.io.codes import convert, from_iso3, to_iso3
from middlepower.io.cow import (
    read_cow_alliances,
    read_cow_contiguity,
    read_cow_nmc,
    read_cow_states,
    read_cow_trade,
    read_cow_trade_totals,
    states_path,
)
from middlepower.io.rivalries import read_rivalries
from middlepower.io.tables import (
    alliance_obligations,
    contiguity_years,
    read_table,
    rivalry_spells,
    trade_flows,
    trade_totals,
)
from middlepower.io.yearly import graph_for_year, graphs_for_years, tie_strengths

__all__ = [
    "alliance_obligations",
    "contiguity_years",
    "convert",
    "from_iso3",
    "graph_for_year",
    "graphs_for_years",
    "read_atop",
    "read_cow_alliances",
    "read_cow_contiguity",
    "read_cow_nmc",
    "read_cow_states",
    "read_cow_trade",
    "read_cow_trade_totals",
    "read_rivalries",
    "read_table",
    "rivalry_spells",
    "states_path",
    "tie_strengths",
    "to_iso3",
    "trade_flows",
    "trade_totals",
]
