"""Hypothesis strategies for event tables, and a plain-Python reference of contacts.

A drawn :class:`World` is a small random event table (dates over a few months
around a year boundary, partners, every mapped and some unmapped code, PLOVER
modes, levels, two data sets, duplicated reports and repeated event ids), a
relation graph whose ties start and end inside that range (so that periods
read different snapshots) and which lacks one state of the events (to test
``unaligned``), and the analyst's settings.

:func:`reference_contacts` recomputes a focal state's contacts row by row in
plain Python from the rules of METHODS.md §10, independently of the
vectorised code it checks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import strategies as st

import middlepower as mp

__all__ = [
    "DAY0",
    "RULES",
    "STATES",
    "UNALIGNED",
    "World",
    "event_tables",
    "random_events",
    "reference_contacts",
    "worlds",
]

STATES = ("KOR", "USA", "CHN", "JPN", "VNM", "AUS", "XKX")
UNALIGNED = "XKX"  # in the events, never in the graph
GRAPH_STATES = tuple(s for s in STATES if s != UNALIGNED)
DAY0 = dt.date(2024, 11, 20)
SPAN = 75  # days: crosses the year boundary
KIND_NAMES = ("alliance", "partnership", "trade", "neighbour", "rivalry")
# mapped codes are drawn more often than the unmapped ones (040, 045, 036, 13y)
CODES = (
    *("041", "042", "043", "044", "046", "CONSULT") * 3,
    *("040", "045", "036", "13y"),
)
MODES = (None, "visit", "phone", "third-party", "multilateral", "")
LEVELS = ("leader", "government", "other")

# METHODS.md §10, restated independently of the shipped CSV:
# (code, mode) -> (channel with F as source, channel with F as target)
RULES: dict[tuple[str, str], tuple[str | None, str | None]] = {
    ("041", ""): ("call", "call"),
    ("042", ""): ("visit", "meeting"),
    ("043", ""): ("meeting", "visit"),
    ("044", ""): ("meeting", "meeting"),
    ("046", ""): ("meeting", "meeting"),
    ("CONSULT", "phone"): ("call", "call"),
    ("CONSULT", "visit"): ("visit", "meeting"),
    ("CONSULT", "third-party"): ("meeting", "meeting"),
    ("CONSULT", "multilateral"): ("summit", "summit"),
}


@st.composite
def event_tables(
    draw: st.DrawFn,
    *,
    max_events: int = 40,
    string_ids: bool | None = None,
    arrow: bool | None = None,
) -> pd.DataFrame:
    """A canonical event table with duplicates, repeated ids and noise."""
    n = draw(st.integers(0, max_events))
    if string_ids is None:
        string_ids = draw(st.booleans())
    if arrow is None:
        arrow = draw(st.booleans())
    rows: list[dict[str, Any]] = []
    # most events involve KOR, USA or CHN, so that contacts recur
    pool = st.sampled_from(("KOR",) * 3 + ("USA", "CHN") * 2 + STATES)
    for _ in range(n):
        src = draw(pool)
        tgt = draw(pool)  # sometimes equal: dropped
        code = draw(st.sampled_from(CODES))
        mode = draw(st.sampled_from(MODES)) if code == "CONSULT" else None
        row = {
            "event_id": draw(st.integers(0, 3 * max_events)),
            "date": DAY0 + dt.timedelta(days=draw(st.integers(0, SPAN))),
            "source": src,
            "target": tgt,
            "code": code,
            "mode": mode,
            "intensity": 1.0,
            "level": draw(st.sampled_from(("leader", "leader", *LEVELS))),
            "dataset": draw(st.sampled_from(("ICEWS", "GDELT"))),
            "mentions": draw(st.integers(1, 5)),
        }
        rows.append(row)
        if draw(st.integers(0, 2)) == 0:  # another report of the same event
            twin = dict(row)
            if draw(st.booleans()):
                twin["source"], twin["target"] = tgt, src
                twin["code"] = {"042": "043", "043": "042"}.get(code, code)
            twin["event_id"] = draw(st.integers(0, 3 * max_events))
            twin["dataset"] = draw(st.sampled_from(("ICEWS", "GDELT")))
            rows.append(twin)
    frame = pd.DataFrame(rows, columns=list(_COLUMNS))
    if frame.empty:
        frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in _COLUMNS}).astype(
            {"event_id": "int64", "intensity": float, "mentions": "int64"}
        )
    frame["date"] = pd.to_datetime(frame["date"])
    if string_ids:
        frame["event_id"] = ["e" + str(v).zfill(4) for v in frame["event_id"]]
    if arrow:
        frame = frame.convert_dtypes(dtype_backend="pyarrow")
        if frame["mode"].isna().all():
            frame["mode"] = frame["mode"].astype("string[pyarrow]")
    else:
        for col in ("source", "target", "code", "level", "dataset", "mode"):
            frame[col] = frame[col].astype(object)
        if string_ids:
            frame["event_id"] = frame["event_id"].astype(object)
        else:
            frame["event_id"] = frame["event_id"].astype("int64")
    return frame


_COLUMNS = (
    "event_id",
    "date",
    "source",
    "target",
    "code",
    "mode",
    "intensity",
    "level",
    "dataset",
    "mentions",
)


def _graph_ties(draw: st.DrawFn, codes: tuple[str, ...]) -> list[mp.Tie]:
    """Ties, most of them to a (possible) pole and dated inside the event span."""
    pairs = [(u, v) for i, u in enumerate(codes) for v in codes[i + 1 :]]
    to_poles = [(u, v) for u, v in pairs if {"USA", "CHN", "JPN"} & {u, v}]
    chosen = draw(
        st.lists(st.sampled_from(to_poles * 3 + pairs), max_size=12, unique=True)
    )
    ties = []
    for u, v in chosen:
        kind = draw(
            st.sampled_from(("alliance", "partnership", "rivalry", *KIND_NAMES))
        )
        start = end = None
        if draw(st.integers(0, 3)):
            start = DAY0 + dt.timedelta(days=draw(st.integers(-5, SPAN)))
        if draw(st.integers(0, 2)):
            lo = start or DAY0
            end = lo + dt.timedelta(days=draw(st.integers(0, SPAN)))
        ties.append(
            mp.Tie(
                source=u,
                target=v,
                kind=kind,
                strength=draw(st.sampled_from((0.25, 0.5, 1.0))),
                start=start,
                end=end,
            )
        )
    return ties


@dataclasses.dataclass(frozen=True)
class World:
    """An event table, a graph lacking UNALIGNED, poles and settings."""

    events: pd.DataFrame
    graph: mp.RelationGraph
    poles: tuple[str, ...]
    freq: str
    salience: Any
    level: Any
    direction: str
    dedupe: str | None


@st.composite
def worlds(draw: st.DrawFn, salience: Any = None) -> World:
    """A random world (see the module docstring)."""
    from tests._seq_strategies import saliences

    events = draw(event_tables())
    graph = mp.RelationGraph(
        _graph_ties(draw, GRAPH_STATES),
        [mp.State(code=c, name=c) for c in GRAPH_STATES],
    )
    poles = draw(
        st.sampled_from((("USA", "CHN"), ("CHN", "USA"), ("USA", "CHN", "JPN")))
    )
    return World(
        events=events,
        graph=graph,
        poles=poles,
        freq=draw(st.sampled_from(("D", "W-MON", "MS", "QS", "YS"))),
        salience=salience if salience is not None else draw(saliences()),
        level=draw(st.sampled_from((None, "leader", ("leader", "government")))),
        direction=draw(st.sampled_from(("both", "outgoing"))),
        dedupe=draw(st.sampled_from(("day", None))),
    )


def reference_contacts(
    events: pd.DataFrame,
    focal: str,
    start: dt.date,
    end: dt.date,
    *,
    level: Any = "leader",
    direction: str = "both",
    dedupe: str | None = "day",
) -> list[dict[str, Any]]:
    """Contacts of ``focal`` row by row, from the rules of METHODS.md §10.

    Returns one dict per contact (partner, day, channel, level, ids as a
    sorted list of (dataset, id)) in date order, same-day contacts by their
    smallest event id, then partner and channel.
    """
    levels = (
        None if level is None else ({level} if isinstance(level, str) else set(level))
    )
    rank = {lv: i for i, lv in enumerate(LEVELS)}
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    order = 0
    for row in events.itertuples(index=False):
        mode = "" if row.mode is None or pd.isna(row.mode) else str(row.mode)
        rule = RULES.get((str(row.code), mode))
        if rule is None:
            continue
        if levels is not None and row.level not in levels:
            continue
        day = pd.Timestamp(row.date).date()
        if not start <= day <= end or row.source == row.target:
            continue
        if row.source == focal:
            partner, channel = row.target, rule[0]
        elif row.target == focal and direction == "both":
            partner, channel = row.source, rule[1]
        else:
            continue
        if channel is None:
            continue
        key: tuple[Any, ...] = (partner, day, channel)
        if dedupe is None:
            key = (*key, order)
        order += 1
        item = found.setdefault(
            key,
            {
                "partner": partner,
                "day": day,
                "channel": channel,
                "level": row.level,
                "ids": [],
            },
        )
        if rank[row.level] < rank[item["level"]]:
            item["level"] = row.level
        item["ids"].append((row.dataset, row.event_id))
    out = list(found.values())
    for item in out:
        item["ids"].sort(key=lambda x: (x[0], x[1]))
        item["min_id"] = min(i for _, i in item["ids"])
    channel_rank = {c.value: i for i, c in enumerate(mp.Channel)}
    out.sort(
        key=lambda it: (
            it["day"],
            it["min_id"],
            it["partner"],
            channel_rank[it["channel"]],
        )
    )
    return out


def as_array(values: Any) -> np.ndarray:
    """Float numpy array of a Series (for comparisons)."""
    return np.asarray(values, dtype=float)


RANDOM_STATES = ["KOR", "USA", "CHN", "JPN", "VNM", "AUS", "CZE", "PRK"]


def random_events(n: int, seed: int, *, string_ids: bool = False) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    # Zipf-like partner choice: KOR, USA and CHN in most events
    p = 1.0 / np.arange(1, len(RANDOM_STATES) + 1)
    p /= p.sum()
    codes = np.array(["041", "042", "043", "044", "046", "040", "CONSULT", "057"])
    code = rng.choice(codes, n)
    mode = np.where(
        code == "CONSULT",
        rng.choice(np.array(["visit", "phone", "third-party", "multilateral"]), n),
        None,
    )
    ids = rng.integers(0, n, n)  # repeated ids happen
    frame = pd.DataFrame(
        {
            "event_id": ids,
            "date": pd.Timestamp("2024-11-01")
            + pd.to_timedelta(rng.integers(0, 120, n), unit="D"),
            "source": rng.choice(RANDOM_STATES, n, p=p),
            "target": rng.choice(RANDOM_STATES, n, p=p),
            "code": code,
            "mode": mode.astype(object),
            "intensity": 1.0,
            "level": rng.choice(np.array(["leader", "government", "other"]), n),
            "dataset": rng.choice(np.array(["ICEWS", "GDELT"]), n),
            "mentions": 1,
        }
    )
    # duplicated reports of some events
    frame = pd.concat(
        [frame, frame.sample(n // 4, random_state=seed)], ignore_index=True
    )
    if string_ids:
        frame["event_id"] = frame["event_id"].map(lambda v: f"ev{v:06d}").astype(object)
    return frame
