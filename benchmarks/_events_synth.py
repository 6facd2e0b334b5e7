"""Synthetic canonical event tables and alignment graphs for the event benchmarks.

Not a test fixture: the benchmarks import it (``bench_panel.py``,
``bench_dask.py``). Partners are Zipf-skewed, as in real event data, where a
few states (the great powers, neighbours) appear in most events.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from importlib import resources

import numpy as np
import pandas as pd
import pyarrow as pa

import middlepower as mp

FIRST_DAY = dt.date(1990, 1, 1)
YEARS = 30
# CAMEO codes drawn: contacts (041-044, 046) and frequent non-contacts
CODES = np.array(["041", "042", "043", "044", "046", "040", "036", "057", "010", "112"])
CODE_P = np.array([0.12, 0.12, 0.12, 0.06, 0.18, 0.14, 0.08, 0.06, 0.08, 0.04])
LEVELS = np.array(["leader", "government", "other"])
LEVEL_P = np.array([0.3, 0.5, 0.2])


def states(n: int = 200) -> list[str]:
    """``n`` real ISO 3166-1 alpha-3 codes, USA and CHN first."""
    text = (
        resources.files("middlepower.datasets")
        .joinpath("data", "iso3166_1.csv")
        .read_text(encoding="utf-8")
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    codes = [r["alpha_3"] for r in rows]
    rest = [c for c in codes if c not in ("USA", "CHN")]
    return ["USA", "CHN", *rest][:n]


def _strings(codes: np.ndarray, vocab: list[str]) -> pd.arrays.ArrowExtensionArray:
    arr = pa.DictionaryArray.from_arrays(
        pa.array(codes.astype(np.int32)), pa.array(vocab, type=pa.string())
    ).dictionary_decode()
    return pd.arrays.ArrowExtensionArray(arr)


def events(
    n: int, seed: int = 0, first_id: int = 0, n_states: int = 200
) -> pd.DataFrame:
    """``n`` canonical events over 30 years, pyarrow-backed strings.

    Drawn a million rows at a time into compact integer arrays, so that
    building the table costs little more memory than the table itself.
    """
    rng = np.random.default_rng(seed)
    vocab = states(n_states)
    p = 1.0 / np.arange(1, len(vocab) + 1) ** 1.1  # Zipf-like
    p /= p.sum()
    src = np.empty(n, dtype=np.int32)
    tgt = np.empty(n, dtype=np.int32)
    code = np.empty(n, dtype=np.int8)
    level = np.empty(n, dtype=np.int8)
    days = np.empty(n, dtype=np.int32)
    step = 1_000_000
    for lo in range(0, n, step):
        hi = min(n, lo + step)
        m = hi - lo
        src[lo:hi] = rng.choice(len(vocab), size=m, p=p)
        tgt[lo:hi] = rng.choice(len(vocab), size=m, p=p)
        code[lo:hi] = rng.choice(len(CODES), size=m, p=CODE_P)
        level[lo:hi] = rng.choice(3, size=m, p=LEVEL_P)
        days[lo:hi] = rng.integers(0, YEARS * 365 + 7, size=m)
    first = np.datetime64(FIRST_DAY.isoformat(), "D")
    return pd.DataFrame(
        {
            "event_id": np.arange(first_id, first_id + n, dtype=np.int64),
            "date": (first + days).astype("datetime64[ns]"),
            "source": _strings(src, vocab),
            "target": _strings(tgt, vocab),
            "code": _strings(code, list(CODES)),
            "mode": pd.arrays.ArrowExtensionArray(pa.nulls(n, type=pa.string())),
            "intensity": rng.normal(2.0, 1.0, size=n),
            "level": _strings(level, list(LEVELS)),
            "dataset": _strings(np.zeros(n, dtype=np.int8), ["SYN"]),
            "mentions": rng.integers(1, 20, size=n),
        }
    )


def alignment_graph(seed: int = 0, n_states: int = 200) -> mp.RelationGraph:
    """Yearly alliances and partnerships with the poles: one snapshot a year."""
    rng = np.random.default_rng(seed)
    vocab = states(n_states)
    ties = [mp.Tie(source="USA", target="CHN", kind="rivalry", strength=1.0)]
    for y in range(FIRST_DAY.year, FIRST_DAY.year + YEARS + 1):
        start, end = dt.date(y, 1, 1), dt.date(y, 12, 31)
        for s in vocab[2:]:
            u = rng.random()
            if u < 0.25:
                ties.append(
                    mp.Tie(
                        source=s,
                        target="USA",
                        kind="alliance",
                        strength=1.0,
                        start=start,
                        end=end,
                    )
                )
            elif u < 0.4:
                ties.append(
                    mp.Tie(
                        source=s,
                        target="CHN",
                        kind="partnership",
                        strength=1.0,
                        start=start,
                        end=end,
                    )
                )
    return mp.RelationGraph(ties, [mp.State(code=c, name=c) for c in vocab])
