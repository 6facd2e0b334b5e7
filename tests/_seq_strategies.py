"""Hypothesis strategies for the sequence-measure tests (METHODS.md §2).

A drawn :class:`Case` is a small random world: a focal state, 2 or 3 poles, a
few other states, ties of every kind (some dated so that they are, or are not,
valid on the sequence's start day, bounds inclusive; some pairs with two ties of
one kind in disjoint periods), a contact sequence over every channel, and the
analyst's choices (salience, interest weights, alignment kinds).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from hypothesis import strategies as st

import middlepower as mp

__all__ = [
    "CHANNELS",
    "CODES",
    "KIND_NAMES",
    "SCHEMES",
    "START",
    "Case",
    "alignment_kinds",
    "cases",
    "interests",
    "relabel",
    "saliences",
    "sequences",
    "strengths",
]

CODES = ("FOC", "PAA", "PBB", "PCC", "XAA", "XBB", "XCC", "XDD")
KIND_NAMES = ("alliance", "partnership", "trade", "neighbour", "rivalry")
CHANNELS = ("call", "meeting", "visit", "summit", "letter", "envoy")
SCHEMES = ("harmonic", "geometric", "linear", "uniform", "half-life")
START = dt.date(2025, 6, 4)
DAY = dt.timedelta(days=1)

# grid values make exact ties (in the benchmark, in alignment) likely
_GRID = (0.0, 0.05, 0.1, 0.125, 0.2, 0.25, 0.3, 0.5, 0.75, 1.0)
strengths = st.one_of(
    st.sampled_from(_GRID),
    st.floats(0.0, 1.0, allow_nan=False, allow_infinity=False),
)
_weights = st.one_of(
    st.sampled_from((0.0, 0.5, 1.0, 2.0)),
    st.floats(0.0, 3.0, allow_nan=False, allow_infinity=False),
)


@dataclasses.dataclass(frozen=True)
class Case:
    """A random graph, sequence, poles and analysis choices."""

    graph: mp.RelationGraph
    sequence: mp.ContactSequence
    poles: tuple[str, ...]
    salience: Any
    interests: dict[str, float] | None
    kinds: Any

    @property
    def focal(self) -> str:
        return self.sequence.focal


def saliences(scheme: str | None = None) -> st.SearchStrategy[Any]:
    """A scheme name or a Salience with random decay, half-life and channels."""
    schemes = st.just(scheme) if scheme else st.sampled_from(SCHEMES)
    channel_maps = st.one_of(
        st.none(),
        st.dictionaries(
            st.sampled_from(CHANNELS),
            st.floats(0.05, 4.0, allow_nan=False, allow_infinity=False),
            max_size=6,
        ),
    )
    objects = st.builds(
        mp.Salience,
        scheme=schemes,
        decay=st.floats(0.05, 1.0, allow_nan=False),
        half_life_days=st.floats(0.5, 60.0, allow_nan=False),
        channel_weights=channel_maps,
    )
    return st.one_of(schemes, objects)


interests = st.one_of(
    st.none(),
    st.dictionaries(st.sampled_from(KIND_NAMES), _weights, min_size=1, max_size=5),
)
alignment_kinds = st.one_of(
    st.none(),
    st.dictionaries(st.sampled_from(KIND_NAMES), _weights, min_size=1, max_size=5),
    st.lists(st.sampled_from(KIND_NAMES), min_size=1, max_size=3, unique=True),
)

# validity of a tie relative to the sequence start (inclusive bounds)
_PERIODS = (
    (None, None),  # open
    (START, None),  # starts on the start day: valid
    (None, START),  # ends on the start day: valid
    (None, START - DAY),  # ended the day before: not valid
    (START + DAY, None),  # starts the day after: not valid
    (START - 30 * DAY, START + 30 * DAY),
)


@st.composite
def _ties(
    draw: st.DrawFn, codes: tuple[str, ...], odd_directed: bool = False
) -> list[mp.Tie]:
    ties: list[mp.Tie] = []
    pairs = [(u, v) for i, u in enumerate(codes) for v in codes[i + 1 :]]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=14, unique=True))
    for u, v in chosen:
        kinds = draw(
            st.lists(st.sampled_from(KIND_NAMES), min_size=1, max_size=3, unique=True)
        )
        for kind in kinds:
            src, dst = (u, v) if draw(st.booleans()) else (v, u)
            directions = [(src, dst)]
            if kind == "trade" and draw(st.booleans()):
                directions.append((dst, src))  # both directions recorded
            for a, b in directions:
                # rarely, override the kind's default directedness: an undirected
                # trade tie; with ``odd_directed``, also a directed non-trade tie
                directed = None
                if kind == "trade" and len(directions) == 1:
                    directed = draw(st.sampled_from((None,) * 4 + (False,)))
                elif kind != "trade" and odd_directed:
                    directed = draw(st.sampled_from((None,) * 4 + (True,)))
                if draw(st.integers(0, 5)) == 0:
                    # two ties of one kind in disjoint periods around the start
                    day = START + draw(st.integers(-1, 1)) * DAY
                    ties.append(
                        mp.Tie(
                            source=a,
                            target=b,
                            kind=kind,
                            strength=draw(strengths),
                            directed=directed,
                            end=day - DAY,
                        )
                    )
                    ties.append(
                        mp.Tie(
                            source=a,
                            target=b,
                            kind=kind,
                            strength=draw(strengths),
                            directed=directed,
                            start=day,
                        )
                    )
                else:
                    lo, hi = draw(st.sampled_from(_PERIODS))
                    ties.append(
                        mp.Tie(
                            source=a,
                            target=b,
                            kind=kind,
                            strength=draw(strengths),
                            directed=directed,
                            start=lo,
                            end=hi,
                        )
                    )
    return ties


@st.composite
def sequences(
    draw: st.DrawFn,
    focal: str,
    partners: tuple[str, ...],
    max_size: int = 7,
    channels: tuple[str, ...] = CHANNELS,
) -> mp.ContactSequence:
    """A contact sequence of ``focal`` over ``partners`` starting on or before START."""
    n = draw(st.integers(1, max_size))
    names = draw(st.lists(st.sampled_from(partners), min_size=n, max_size=n))
    gaps = draw(st.lists(st.integers(0, 6), min_size=n, max_size=n))
    lead = draw(st.integers(0, 3))
    day = START + lead * DAY
    contacts = []
    for p, g in zip(names, gaps, strict=True):
        day = day + g * DAY
        contacts.append(
            mp.Contact(partner=p, on=day, channel=draw(st.sampled_from(channels)))
        )
    return mp.ContactSequence(focal=focal, contacts=contacts, start=START)


@st.composite
def cases(
    draw: st.DrawFn,
    n_poles: int | None = None,
    scheme: str | None = None,
    odd_directed: bool = False,
) -> Case:
    """A random :class:`Case` (2 or 3 poles unless ``n_poles`` is given).

    ``odd_directed`` also draws ties of symmetric kinds recorded as directed.
    """
    m = n_poles if n_poles is not None else draw(st.sampled_from((2, 3)))
    others = draw(st.integers(1, 4))
    focal = CODES[0]
    poles = CODES[1 : 1 + m]
    rest = CODES[4 : 4 + others]
    codes = (focal, *poles, *rest)
    ties = draw(_ties(codes, odd_directed))
    graph = mp.RelationGraph(
        ties, [mp.State(code=c, name=c) for c in codes], check_codes=False
    )
    seq = draw(sequences(focal, (*poles, *rest)))
    poles = tuple(draw(st.permutations(poles)))
    return Case(
        graph=graph,
        sequence=seq,
        poles=poles,
        salience=draw(saliences(scheme)),
        interests=draw(interests),
        kinds=draw(alignment_kinds),
    )


def relabel(case: Case, mapping: dict[str, str]) -> Case:
    """The same case with every state code renamed through ``mapping``."""
    ties = [
        t.replace(source=mapping[t.source], target=mapping[t.target])
        for t in case.graph.ties
    ]
    states = [mp.State(code=mapping[c], name=mapping[c]) for c in case.graph.codes]
    graph = mp.RelationGraph(ties, states, check_codes=False)
    seq = mp.ContactSequence(
        focal=mapping[case.sequence.focal],
        contacts=[
            c.replace(partner=mapping[c.partner]) for c in case.sequence.contacts
        ],
        start=case.sequence.start,
    )
    return dataclasses.replace(
        case,
        graph=graph,
        sequence=seq,
        poles=tuple(mapping[p] for p in case.poles),
    )
