"""middlepower: how a middle power positions itself between rival great powers.

Represent states and their relations as a signed, weighted, time-aware graph
(:class:`RelationGraph`), load the bundled cases (:func:`load_scenario`) and
score diplomatic contact sequences and structural positions by the formulas of
the method specification.

Examples
--------
>>> import middlepower as mp
>>> sc = mp.load_scenario("korea-2025")
>>> g = mp.RelationGraph.from_scenario(sc)
>>> round(mp.tilt(g, sc.sequence(), sc.poles), 3)
0.636
"""

from __future__ import annotations

from middlepower import datasets, events, io
from middlepower.analysis.compare import Comparison, compare
from middlepower.analysis.orderings import OrderingsResult, orderings
from middlepower.analysis.report import BalanceReport, assess
from middlepower.analysis.sensitivity import SensitivityResult, sensitivity
from middlepower.datasets import (
    list_scenarios,
    load_scenario,
    load_signed_interstate,
    load_tribes,
)
from middlepower.events import balance_panel, contacts
from middlepower.exceptions import (
    DataFormatError,
    EmptySequenceError,
    InvalidArgumentTypeError,
    InvalidGraphError,
    InvalidParameterError,
    MiddlePowerError,
    MiddlePowerWarning,
    MissingFileError,
    PolesNotReachedError,
    PolesNotReachedWarning,
    UnalignedPartnerError,
    UnalignedPartnerWarning,
    UndefinedBenchmarkError,
    UndefinedBenchmarkWarning,
    UnknownScenarioError,
    UnknownSequenceError,
    UnknownStateError,
    UnregisteredCodeError,
)
from middlepower.graph import RelationGraph
from middlepower.io import graph_for_year, graphs_for_years, read_table
from middlepower.metrics.sequence import (
    Salience,
    alignment,
    attention,
    concordance,
    equidistance,
    interest_benchmark,
    pole_attention,
    proportionality,
    salience_weights,
    tilt,
)
from middlepower.metrics.similarity import (
    alignment_from_similarity,
    alliance_portfolios,
    similarity,
)
from middlepower.metrics.structure import (
    FrustrationResult,
    brokerage,
    cross_pressure,
    frustration,
    structural_equidistance,
    triad_balance,
    triangle_counts,
    two_track,
    walk_balance,
)
from middlepower.models import (
    Channel,
    Contact,
    ContactSequence,
    Dimension,
    Evidence,
    Scenario,
    State,
    Tie,
    TieKind,
)
from middlepower.registry import known_codes, suggest, validate_codes

__version__ = "0.1.0"

__all__ = [
    "BalanceReport",
    "Channel",
    "Comparison",
    "Contact",
    "ContactSequence",
    "DataFormatError",
    "Dimension",
    "EmptySequenceError",
    "Evidence",
    "FrustrationResult",
    "InvalidArgumentTypeError",
    "InvalidGraphError",
    "InvalidParameterError",
    "MiddlePowerError",
    "MiddlePowerWarning",
    "MissingFileError",
    "OrderingsResult",
    "PolesNotReachedError",
    "PolesNotReachedWarning",
    "RelationGraph",
    "Salience",
    "Scenario",
    "SensitivityResult",
    "State",
    "Tie",
    "TieKind",
    "UnalignedPartnerError",
    "UnalignedPartnerWarning",
    "UndefinedBenchmarkError",
    "UndefinedBenchmarkWarning",
    "UnknownScenarioError",
    "UnknownSequenceError",
    "UnknownStateError",
    "UnregisteredCodeError",
    "__version__",
    "alignment",
    "alignment_from_similarity",
    "alliance_portfolios",
    "assess",
    "attention",
    "balance_panel",
    "brokerage",
    "compare",
    "concordance",
    "contacts",
    "cross_pressure",
    "datasets",
    "equidistance",
    "events",
    "frustration",
    "graph_for_year",
    "graphs_for_years",
    "interest_benchmark",
    "io",
    "known_codes",
    "list_scenarios",
    "load_scenario",
    "load_signed_interstate",
    "load_tribes",
    "orderings",
    "pole_attention",
    "proportionality",
    "read_table",
    "salience_weights",
    "sensitivity",
    "similarity",
    "structural_equidistance",
    "suggest",
    "tilt",
    "triad_balance",
    "triangle_counts",
    "two_track",
    "validate_codes",
    "walk_balance",
]
