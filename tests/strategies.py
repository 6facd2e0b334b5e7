"""Hypothesis strategies for middlepower models, relation graphs and signed graphs.

Every builder is an ``@st.composite`` strategy so other test modules can reuse
it (``from tests.strategies import relation_graphs``). Sizes are kept small so
the property suites stay fast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import networkx as nx
from hypothesis import strategies as st

from middlepower.graph import RelationGraph
from middlepower.models import (
    Channel,
    Contact,
    ContactSequence,
    Evidence,
    Scenario,
    State,
    Tie,
    TieKind,
)

__all__ = [
    "balanced_signed_graphs",
    "contact_sequences",
    "dates",
    "evidence",
    "graph_and_sequence",
    "relation_graphs",
    "scenarios",
    "signed_graphs",
    "state_codes",
    "states",
    "texts",
    "ties",
]

#: Codes that real data sets use: ISO3, COW letters, historical states.
COMMON_CODES = ("KOR", "USA", "CHN", "JPN", "RUS", "PRK", "ROK", "GDR", "GMY", "A1")

_MIN_DAY = dt.date(1900, 1, 1)
_MAX_DAY = dt.date(2100, 12, 31)


def dates(
    min_value: dt.date = _MIN_DAY, max_value: dt.date = _MAX_DAY
) -> st.SearchStrategy[dt.date]:
    """Dates in a plausible range for international relations data."""
    return st.dates(min_value=min_value, max_value=max_value)


def texts(*, min_size: int = 0, max_size: int = 20) -> st.SearchStrategy[str]:
    """Short single-line text (any printable unicode, no line breaks)."""
    return st.text(
        alphabet=st.characters(
            codec="utf-8",
            categories=("L", "M", "N", "P", "S", "Zs"),
        ),
        min_size=min_size,
        max_size=max_size,
    )


@st.composite
def state_codes(draw: st.DrawFn) -> str:
    """A valid state code: 2-8 upper-case letters/digits/underscores, letter first."""
    return draw(
        st.one_of(
            st.sampled_from(COMMON_CODES),
            st.from_regex(r"[A-Z][A-Z0-9_]{1,7}", fullmatch=True),
        )
    )


@st.composite
def states(draw: st.DrawFn, code: str | None = None) -> State:
    """A :class:`State`, with ``code`` if given, else a random valid code."""
    return State(
        code=code if code is not None else draw(state_codes()),
        name=draw(texts(min_size=1)),
        cow=draw(st.none() | st.integers(1, 9999)),
        role=draw(st.none() | st.sampled_from(["focal", "pole", "partner"]) | texts()),
        note=draw(st.none() | texts()),
    )


@st.composite
def evidence(draw: st.DrawFn) -> Evidence:
    """An :class:`Evidence` citation with random optional fields."""
    return Evidence(
        source=draw(texts(min_size=1)),
        title=draw(st.none() | texts()),
        published=draw(st.none() | dates()),
        url=draw(st.none() | st.just("https://example.org/a?b=1") | texts()),
        locator=draw(st.none() | texts()),
        claim=draw(st.none() | texts()),
        confidence=draw(st.none() | st.sampled_from(["verified", "likely"])),
    )


@st.composite
def _validity(draw: st.DrawFn) -> tuple[dt.date | None, dt.date | None]:
    """A random (start, end) validity window with start <= end (either open)."""
    start = draw(st.none() | dates(max_value=dt.date(2090, 1, 1)))
    end = draw(st.none() | dates(min_value=start or _MIN_DAY))
    return start, end


@st.composite
def ties(
    draw: st.DrawFn,
    codes: Sequence[str],
    kinds: Sequence[TieKind | str] | None = None,
    *,
    dated: bool = True,
) -> Tie:
    """A :class:`Tie` between two distinct codes of ``codes``.

    ``kinds`` restricts the kind. With ``dated=False`` the tie has no
    ``start``/``end``. ``directed`` is usually left to the kind's default.
    """
    codes = list(dict.fromkeys(codes))
    if len(codes) < 2:
        raise ValueError(f"ties() needs at least two distinct codes, got {codes!r}")
    source, target = draw(st.permutations(codes))[:2]
    kind = TieKind(draw(st.sampled_from(list(kinds) if kinds else list(TieKind))))
    start, end = draw(_validity()) if dated else (None, None)
    value = draw(st.none() | st.floats(0, 1e4, allow_nan=False, allow_infinity=False))
    data: dict[str, Any] = {
        "source": source,
        "target": target,
        "kind": kind,
        "strength": draw(st.floats(0.0, 1.0)),
        "start": start,
        "end": end,
        "value": value,
        "unit": None if value is None else draw(st.sampled_from(["bn USD", "%"])),
        "evidence": tuple(draw(st.lists(evidence(), max_size=1))),
        "note": draw(st.none() | texts()),
    }
    directed = draw(st.sampled_from([None, None, None, True, False]))
    if directed is not None:
        data["directed"] = directed
    return Tie(**data)


def _overlap(a: Tie, b: Tie) -> bool:
    """Whether two ties are the same pair and kind and valid on a common day."""
    if a.kind is not b.kind or {a.source, a.target} != {b.source, b.target}:
        return False
    if a.directed and b.directed and a.source != b.source:
        return False  # opposite directions of a directed kind never clash
    lo = max(a.start or dt.date.min, b.start or dt.date.min)
    hi = min(a.end or dt.date.max, b.end or dt.date.max)
    return lo <= hi


@st.composite
def relation_graphs(
    draw: st.DrawFn,
    min_states: int = 2,
    max_states: int = 8,
    dated: bool = False,
    *,
    max_ties: int = 12,
) -> RelationGraph:
    """A :class:`RelationGraph` of random valid ties among random states.

    No two ties of one pair and kind overlap in time. With ``dated=True`` the
    ties get random ``start``/``end`` (so one pair may hold several ties of a
    kind in disjoint periods); otherwise they are valid forever. The name is
    ``None`` or a non-empty slug.
    """
    codes = draw(
        st.lists(state_codes(), min_size=min_states, max_size=max_states, unique=True)
    )
    state_list = [draw(states(code=c)) for c in codes]
    kept: list[Tie] = []
    for tie in draw(st.lists(ties(codes, dated=dated), max_size=max_ties)):
        if not any(_overlap(tie, other) for other in kept):
            kept.append(tie)
    name = draw(st.none() | st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True))
    # random codes of the right form, not registry codes: opt out of the check
    return RelationGraph(kept, state_list, name=name, check_codes=False)


@st.composite
def contact_sequences(
    draw: st.DrawFn,
    codes: Sequence[str],
    focal: str,
    min_size: int = 1,
    max_size: int = 8,
) -> ContactSequence:
    """A :class:`ContactSequence` of ``focal`` with partners drawn from ``codes``.

    Dates are non-decreasing (same-day runs are common), channels random, the
    focal state is never a partner, ``start`` is the first contact's day or
    earlier (or left to its default).
    """
    partners = [c for c in dict.fromkeys(codes) if c != focal]
    if not partners:
        raise ValueError(f"contact_sequences() needs a partner other than {focal!r}")
    n = draw(st.integers(min_size, max_size))
    day = draw(dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 1, 1)))
    first = day
    contacts = []
    for _ in range(n):
        day += dt.timedelta(days=draw(st.sampled_from([0, 0, 1, 3, 30])))
        partner = draw(st.sampled_from(partners))
        contacts.append(
            Contact(
                partner=partner,
                on=day,
                channel=draw(st.sampled_from(list(Channel))),
                level=draw(st.sampled_from(["leader", "minister"])),
                duration_min=draw(st.none() | st.floats(0.5, 600.0)),
                initiated_by=draw(st.sampled_from([None, focal, partner])),
                time=draw(st.none() | st.times()),
                note=draw(st.none() | texts()),
                evidence=tuple(draw(st.lists(evidence(), max_size=1))),
            )
        )
    lead = draw(st.none() | st.integers(0, 30))
    return ContactSequence(
        focal=focal,
        contacts=tuple(contacts),
        label=draw(st.none() | texts(min_size=1)),
        start=None if lead is None else first - dt.timedelta(days=lead),
    )


@st.composite
def graph_and_sequence(
    draw: st.DrawFn,
    min_states: int = 3,
    max_states: int = 8,
    dated: bool = False,
    *,
    max_contacts: int = 8,
) -> tuple[RelationGraph, ContactSequence, tuple[str, ...]]:
    """A graph, a sequence of one of its states, and 2 or 3 poles of the graph.

    The focal state and every partner are states of the graph; the poles are
    distinct codes of the graph other than the focal state.
    """
    min_states = max(min_states, 3)
    graph = draw(relation_graphs(min_states, max(min_states, max_states), dated))
    codes = list(graph.codes)
    focal = draw(st.sampled_from(codes))
    others = [c for c in codes if c != focal]
    m = draw(st.integers(2, min(3, len(others))))
    poles = tuple(draw(st.permutations(others))[:m])
    sequence = draw(contact_sequences(codes, focal, max_size=max_contacts))
    return graph, sequence, poles


@st.composite
def scenarios(draw: st.DrawFn, dated: bool = True) -> Scenario:
    """A valid :class:`Scenario` built from :func:`graph_and_sequence`."""
    graph, sequence, poles = draw(graph_and_sequence(max_states=5, dated=dated))
    extra = draw(
        st.lists(contact_sequences(graph.codes, sequence.focal, max_size=3), max_size=1)
    )
    return Scenario(
        name=draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)),
        title=draw(texts(min_size=1)),
        description=draw(texts()),
        states=graph.states,
        ties=graph.ties,
        sequences=(sequence, *extra),
        poles=poles,
        sources=tuple(draw(st.lists(evidence(), max_size=2))),
        check_codes=False,  # random codes of the right form
    )


def _edge_weight(draw: st.DrawFn, sign: int, weighted: bool) -> float:
    if not weighted:
        return float(sign)
    return sign * draw(st.floats(0.01, 1.0))


@st.composite
def signed_graphs(
    draw: st.DrawFn,
    min_nodes: int = 2,
    max_nodes: int = 12,
    weighted: bool = False,
    connected: bool = False,
) -> nx.Graph:
    """A plain signed :class:`networkx.Graph` on nodes ``0 .. n-1``.

    Every edge has ``sign`` (+1 or -1) and ``weight``: ``float(sign)`` when
    unweighted, else a non-zero number in [-1, 1] whose sign is ``sign``. With
    ``connected=True`` a random spanning tree is laid first.
    """
    n = draw(st.integers(min_nodes, max_nodes))
    G = nx.Graph()
    G.add_nodes_from(range(n))
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    chosen = draw(st.lists(st.booleans(), min_size=len(pairs), max_size=len(pairs)))
    edges = {p for p, keep in zip(pairs, chosen, strict=True) if keep}
    if connected:
        for v in range(1, n):
            u = draw(st.integers(0, v - 1))
            edges.add((u, v))
    for u, v in sorted(edges):
        sign = draw(st.sampled_from([1, -1]))
        G.add_edge(u, v, sign=sign, weight=_edge_weight(draw, sign, weighted))
    return G


@st.composite
def balanced_signed_graphs(
    draw: st.DrawFn,
    min_nodes: int = 2,
    max_nodes: int = 12,
    weighted: bool = False,
    connected: bool = False,
) -> nx.Graph:
    """A structurally balanced signed graph: two random camps.

    Edges inside a camp are positive, edges across are negative. The camps
    are stored as ``G.graph["camps"]`` (two frozensets; one may be empty).
    """
    G = draw(
        signed_graphs(min_nodes, max_nodes, weighted=weighted, connected=connected)
    )
    side = {v: draw(st.booleans()) for v in G}
    for u, v, d in G.edges(data=True):
        sign = 1 if side[u] == side[v] else -1
        d["sign"] = sign
        d["weight"] = sign * abs(d["weight"])
    G.graph["camps"] = (
        frozenset(v for v in G if side[v]),
        frozenset(v for v in G if not side[v]),
    )
    return G
