"""orderings and sensitivity in bounded memory: chunks, budget, seed, progress.

The numbers must not depend on how the work is cut into chunks, must equal
those of the former all-at-once implementation (pinned below, and rebuilt
here from its definition), and an unseeded run must report a seed that
repeats it exactly.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import graph_and_sequence

import middlepower as mp
from middlepower.analysis import _batch, orderings, sensitivity
from middlepower.analysis._batch import compact_index_dtype, prepare
from middlepower.exceptions import InvalidArgumentTypeError, InvalidParameterError
from middlepower.graph import KINDS


@pytest.fixture
def case() -> tuple[mp.RelationGraph, mp.ContactSequence, tuple[str, ...]]:
    sc = mp.load_scenario("korea-2025")
    return mp.RelationGraph.from_scenario(sc), sc.sequence(), sc.poles


@pytest.fixture
def long_case() -> tuple[mp.RelationGraph, mp.ContactSequence, tuple[str, ...]]:
    """The editorial scenario's second sequence: 10 contacts, all distinct."""
    sc = mp.load_scenario("korea-2025")
    return mp.RelationGraph.from_scenario(sc), sc.sequences[1], sc.poles


def _same(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> None:
    assert list(a) == list(b)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k], err_msg=k)


# -- sensitivity: the same numbers as before, whatever the chunks -------------


def test_sensitivity_numbers_pinned_from_the_former_implementation(case) -> None:  # type: ignore[no-untyped-def]
    """Quantiles, P(tilt > 0) and eta^2 of 10,000 draws (seed 2025) as the
    all-at-once implementation printed them before chunking (commit 39ba3f6),
    to the last bit."""
    res = mp.sensitivity(*case, draws=10_000, seed=2025)
    assert res.quantiles["tilt"] == {
        0.05: 0.3333333333333333,
        0.25: 0.4012506521233808,
        0.5: 0.6363636363636365,
        0.75: 0.6666666666666666,
        0.95: 0.8134756362306724,
    }
    assert res.quantiles["equidistance"][0.05] == 0.1865243637693275
    assert res.quantiles["proportionality"][0.5] == 0.9736271902288678
    assert res.p_tilt_positive == 1.0
    assert res.influence["tilt"] == {
        "scheme": 0.8744864781324015,
        "decay": 0.02412271417602814,
        "half_life_days": 0.0064119072154746465,
        "theta[alliance]": 0.0015333580851560119,
        "theta[trade]": 0.0026794987381219076,
        "theta[neighbour]": 0.0015173906706457347,
        "kappa[alliance]": 0.0,
        "kappa[partnership]": 0.0031238319976617033,
        "kappa[rivalry]": 0.0028964129431660562,
    }
    assert res.most_influential["concordance"] == "theta[alliance]"


def _former_draws(
    seed: int, draws: int, n_schemes: int, alpha: np.ndarray, ranges: dict
) -> dict[str, np.ndarray]:
    """The former definition: every random number first, kind after kind."""
    rng = np.random.default_rng(seed)
    out = {
        "scheme": rng.integers(0, n_schemes, size=draws).astype(float),
        "decay": rng.uniform(0.25, 0.75, size=draws),
        "half_life_days": rng.uniform(3.0, 14.0, size=draws),
    }
    theta = rng.dirichlet(alpha, size=draws)
    for j, kind in enumerate(("alliance", "trade", "neighbour")):
        out[f"theta[{kind}]"] = theta[:, j]
    for kind, (lo, hi) in ranges.items():
        out[f"kappa[{kind}]"] = rng.uniform(lo, hi, size=draws)
    return out


def test_sensitivity_draws_equal_the_former_stream(case) -> None:  # type: ignore[no-untyped-def]
    """Replayed chunk by chunk, the draws are those of one stream drawn kind
    by kind at full length (default centre: alliance, trade, neighbour 1,
    concentration 20, so alpha = 20/3 each)."""
    res = mp.sensitivity(*case, draws=9_001, seed=3)
    ranges = {"alliance": (1, 1), "partnership": (0.25, 1), "rivalry": (0.5, 1.5)}
    expected = _former_draws(3, 9_001, 5, np.full(3, 20 / 3), ranges)
    _same(res.draws, expected)


@pytest.mark.parametrize(("chunk", "replay"), [(1000, 777), (7, 1 << 20), (1, 3)])
def test_sensitivity_independent_of_chunk_size(
    case,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    chunk: int,
    replay: int,
) -> None:
    ref = mp.sensitivity(*case, draws=2_001, seed=5)
    monkeypatch.setattr(sensitivity, "_CHUNK", chunk)
    monkeypatch.setattr(sensitivity, "_REPLAY_CHUNK", replay)
    res = mp.sensitivity(*case, draws=2_001, seed=5)
    _same(res.scores, ref.scores)
    _same(res.draws, ref.draws)
    assert res.quantiles == ref.quantiles
    assert res.influence == ref.influence


def _former_eta_squared(y: np.ndarray, x: np.ndarray, categorical: bool) -> float:
    """The former correlation ratio, copied verbatim as the reference."""
    ok = ~np.isnan(y)
    y, x = y[ok], x[ok]
    if y.size < 2:
        return 0.0
    total = float(((y - y.mean()) ** 2).sum())
    if total <= 1e-15 or np.ptp(x) == 0:
        return 0.0
    if categorical:
        groups = x.astype(np.intp)
    else:
        edges = np.quantile(x, np.linspace(0, 1, 21)[1:-1])
        groups = np.searchsorted(edges, x, side="right")
    counts = np.bincount(groups)
    sums = np.bincount(groups, weights=y)
    present = counts > 0
    means = sums[present] / counts[present]
    between = float((counts[present] * (means - y.mean()) ** 2).sum())
    return min(1.0, between / total)


@settings(deadline=None, max_examples=60)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(0, 300),
    st.floats(0.0, 1.0),
    st.booleans(),
    st.booleans(),
)
def test_eta_squared_equals_the_former(
    seed: int, size: int, nan_share: float, categorical: bool, constant: bool
) -> None:
    """With and without undefined draws, with shared or own bins."""
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 5, size).astype(float) if categorical else rng.random(size)
    if constant:
        x[:] = 1.0
    y = x * 0.3 + rng.normal(size=size)
    y[rng.random(size) < nan_share] = np.nan
    spread = sensitivity._spread(y)
    shared = sensitivity._groups(x, categorical) if size else None
    expected = _former_eta_squared(y, x, categorical)
    assert sensitivity._eta_squared(y, x, categorical, spread) == expected
    if spread is not None and spread.ok is None:
        assert sensitivity._eta_squared(y, x, categorical, spread, shared) == expected


def test_sensitivity_with_undefined_measures(case) -> None:  # type: ignore[no-untyped-def]
    """One partner: concordance is undefined on every draw (no quantiles, no
    influence); the other measures are summarised as usual."""
    g, seq, poles = case
    one = seq.replace(contacts=[c for c in seq.contacts if c.partner == "USA"])
    res = mp.sensitivity(g, one, poles, draws=500, seed=1)
    assert np.isnan(res.scores["concordance"]).all()
    assert set(res.quantiles["concordance"].values()) == {None}
    assert res.most_influential["concordance"] is None
    assert res.quantiles["tilt"][0.5] == pytest.approx(1.0)


# -- seeds: an unseeded run reports the seed that repeats it --------------------


def test_sensitivity_reports_its_seed(case) -> None:  # type: ignore[no-untyped-def]
    a = mp.sensitivity(*case, draws=1_500)
    assert isinstance(a.seed, int) and 0 <= a.seed < 2**53
    assert f"seed {a.seed}" in str(a)
    assert json.loads(json.dumps(a.to_dict()))["seed"] == a.seed
    b = mp.sensitivity(*case, draws=1_500, seed=a.seed)
    _same(a.scores, b.scores)
    assert a.quantiles == b.quantiles and a.influence == b.influence
    c = mp.sensitivity(*case, draws=1_500)
    assert c.seed != a.seed


def test_orderings_report_the_seed_of_a_sample(long_case) -> None:  # type: ignore[no-untyped-def]
    a = mp.orderings(*long_case, samples=3_000)
    assert not a.exhaustive and isinstance(a.seed, int)
    assert f"seed {a.seed}" in str(a)
    assert json.loads(json.dumps(a.to_dict()))["seed"] == a.seed
    b = mp.orderings(*long_case, samples=3_000, seed=a.seed)
    np.testing.assert_array_equal(a.orders, b.orders)
    _same(a.scores, b.scores)
    assert a.percentiles == b.percentiles
    # a generator cannot be reported; every order needs no seed
    assert (
        mp.orderings(*long_case, samples=10, seed=np.random.default_rng(1)).seed is None
    )
    g, seq, poles = long_case
    five = seq.replace(contacts=seq.contacts[:5])
    assert mp.orderings(g, five, poles, seed=4).seed is None
    assert mp.orderings(g, five, poles).seed is None


@pytest.mark.parametrize(
    ("seed", "error", "message"),
    [
        (-1, InvalidParameterError, "seed must be >= 0, got -1"),
        (2.5, InvalidArgumentTypeError, "seed must be None.* got float 2.5"),
        (True, InvalidArgumentTypeError, "seed must be None.* got bool True"),
        ("7", InvalidArgumentTypeError, "seed must be None.* got str '7'"),
    ],
)
def test_bad_seed(case, seed: object, error: type, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=message):
        mp.sensitivity(*case, draws=10, seed=seed)  # type: ignore[arg-type]
    with pytest.raises(error, match=message):
        mp.orderings(*case, limit=1, samples=10, seed=seed)  # type: ignore[arg-type]
    # sensitivity replays its draws from the seed: no generator
    with pytest.raises(
        InvalidArgumentTypeError, match="seed must be None or a non-negative integer"
    ):
        mp.sensitivity(*case, draws=10, seed=np.random.default_rng(1))  # type: ignore[arg-type]


# -- orderings: the same orders and numbers, whatever the chunks ---------------


def _former_all_orders(labels: np.ndarray) -> np.ndarray:
    """The former definition: all n! permutations, first of equal label rows."""
    n = labels.size
    perms = np.array(list(itertools.permutations(range(n))), dtype=np.intp)
    _, first = np.unique(labels[perms], axis=0, return_index=True)
    return perms[np.sort(first)]


@settings(deadline=None, max_examples=60)
@given(
    st.lists(st.integers(0, 3), min_size=1, max_size=7),
    st.sampled_from([1, 2, 6, 24, 100, 1 << 14]),
)
def test_all_orders_equal_the_former(labels: list[int], rows: int) -> None:
    """Every distinct order, lexicographically, the first of equal ones kept;
    any block size."""
    lab = np.array(labels, dtype=np.intp)
    blocks = list(orderings._all_orders(lab, rows))
    got = np.concatenate(blocks)
    np.testing.assert_array_equal(got, _former_all_orders(lab))
    assert len(got) == orderings._distinct_count(lab)
    assert all(0 < len(b) <= max(rows, 1) for b in blocks)


@pytest.mark.parametrize("rows", [1, 4, 999, 1 << 14])
def test_sampled_orders_equal_the_former(rows: int) -> None:
    """The observed order, then rng.permuted on every sample at once."""
    rng = np.random.default_rng(9)
    base = np.broadcast_to(np.arange(6, dtype=np.intp), (2_500, 6))
    former = np.vstack([np.arange(6)[None], rng.permuted(base, axis=1)])
    got = np.concatenate(
        list(orderings._sampled_orders(6, 2_500, np.random.default_rng(9), rows))
    )
    np.testing.assert_array_equal(got, former)


def test_orderings_numbers_pinned_from_the_former_implementation(long_case) -> None:  # type: ignore[no-untyped-def]
    """5,000 sampled orders of the 10-contact sequence (seed 1), as the
    all-at-once implementation computed them (commit 39ba3f6)."""
    res = mp.orderings(*long_case, samples=5_000, seed=1)
    assert res.percentiles == {
        "equidistance": 39.38212357528494,
        "tilt": 60.61787642471506,
        "proportionality": 81.13377324535092,
        "concordance": 93.61127774445112,
    }
    assert res.orders[1].tolist() == [8, 4, 7, 0, 1, 2, 5, 9, 6, 3]
    assert res.orders[5000].tolist() == [5, 1, 9, 4, 3, 8, 7, 6, 0, 2]
    assert res.scores["equidistance"][[1, 4999]].tolist() == [
        0.29868188612583224,
        0.49225617413143585,
    ]
    assert res.scores["concordance"][[1, 4999]].tolist() == [
        0.4472135954999579,
        0.14907119849998599,
    ]


@pytest.mark.parametrize("chunk", [1, 4, 7, 100])
def test_orderings_independent_of_chunk_size(
    long_case,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    chunk: int,
) -> None:
    """Exhaustive (7 contacts, JPN twice by call) and sampled runs: blocks of
    a few orders, including blocks of a single order, give the same bits."""
    g, seq, poles = long_case
    seven = seq.replace(
        contacts=[*seq.contacts[:6], seq.contacts[1].replace(on=dt.date(2025, 9, 1))]
    )
    runs = [
        {"sequence": seven, "salience": "half-life"},
        {"sequence": seq, "samples": 4 * 3 + 1, "seed": 2},  # last block: 1 order
        {"sequence": seq, "samples": 401, "seed": 3, "metric": "tilt"},
    ]
    refs = [mp.orderings(g, r["sequence"], poles, **_rest(r)) for r in runs]
    monkeypatch.setattr(orderings, "_CHUNK", chunk)
    for run, ref in zip(runs, refs, strict=True):
        res = mp.orderings(g, run["sequence"], poles, **_rest(run))
        np.testing.assert_array_equal(res.orders, ref.orders)
        _same(res.scores, ref.scores)
        assert res.percentiles == ref.percentiles


@settings(deadline=None, max_examples=40)
@given(
    graph_and_sequence(max_contacts=6),
    st.sampled_from(["harmonic", "half-life", "geometric"]),
    st.booleans(),
)
def test_orderings_chunk_invariance_on_random_graphs(
    gsp, scheme: str, sample: bool
) -> None:  # type: ignore[no-untyped-def]
    """Blocks of one order each (every order alone) give the bits of one batch."""
    g, seq, poles = gsp
    kw: dict[str, object] = {"limit": 1, "samples": 20, "seed": 1} if sample else {}
    ref = mp.orderings(g, seq, poles, salience=scheme, **kw)  # type: ignore[arg-type]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(orderings, "_CHUNK", 1)
        res = mp.orderings(g, seq, poles, salience=scheme, **kw)  # type: ignore[arg-type]
    np.testing.assert_array_equal(res.orders, ref.orders)
    _same(res.scores, ref.scores)


def _rest(run: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in run.items() if k != "sequence"}


def test_orderings_keep_compact_orders(long_case) -> None:  # type: ignore[no-untyped-def]
    res = mp.orderings(*long_case, samples=100, seed=0)
    assert res.orders.dtype == np.uint8
    assert res.observed == 0 and res.orders[0].tolist() == list(range(10))
    assert compact_index_dtype(256) == np.uint8
    assert compact_index_dtype(257) == np.uint16


# -- memory: a budget checked before the run, an estimate that holds -----------


def test_sensitivity_refuses_beyond_the_budget(case) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(
        InvalidParameterError,
        match=r"sensitivity with 100,000,000 draws needs about 8\.\d\d GB of memory, "
        r"above the memory_limit of 1\.00 GB; use fewer draws \(about 12,000,000 "
        r"fit\), or raise memory_limit",
    ):
        mp.sensitivity(*case, draws=100_000_000)
    with pytest.raises(
        InvalidParameterError, match=r"above the memory_limit of 1\.00 MB"
    ):
        mp.sensitivity(*case, draws=100_000, memory_limit=1e6)
    assert len(mp.sensitivity(*case, draws=50, seed=0, memory_limit=None)) == 50


def test_orderings_refuse_beyond_the_budget(long_case) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(
        InvalidParameterError,
        match=r"orderings of 10 contacts \(3,628,800 distinct orders\) needs about "
        r"270 MB of memory, above the memory_limit of 100 MB; set limit below 10",
    ):
        mp.orderings(*long_case, limit=10, memory_limit=1e8)
    with pytest.raises(InvalidParameterError, match=r"use fewer samples \(about"):
        mp.orderings(*long_case, samples=10**9)


@pytest.mark.parametrize("limit", [0, -5, "1GB", True, float("nan")])
def test_bad_memory_limit(case, limit: object) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidParameterError, match="memory_limit must be a positive"):
        mp.sensitivity(*case, draws=10, memory_limit=limit)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="memory_limit must be a positive"):
        mp.orderings(*case, memory_limit=limit)  # type: ignore[arg-type]


def _peak(fn) -> int:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("which", [0, 1])
def test_sensitivity_memory_estimate_holds(which: int) -> None:
    """The estimate bounds the peak numpy allocation from above, within a
    factor 3, and grows with the draws alone: the same per-draw bytes for 3
    and 10 contacts (8 per measure plus the summaries' temporaries)."""
    sc = mp.load_scenario("korea-2025")
    g = mp.RelationGraph.from_scenario(sc)
    seq = sc.sequences[which]
    prep = prepare(g, seq, sc.poles)
    draws = 150_000
    peak = _peak(lambda: mp.sensitivity(g, seq, sc.poles, draws=draws, seed=0))
    estimate = sensitivity._estimate(prep, draws)
    assert peak <= estimate <= 3 * peak
    per_draw = sensitivity._estimate(prep, 2 * draws) - estimate
    assert per_draw == draws * (8 * 4 + sensitivity._SUMMARY_BYTES)


def test_orderings_memory_estimate_holds(long_case) -> None:  # type: ignore[no-untyped-def]
    g, seq, poles = long_case
    prep = prepare(g, seq, poles)
    nine = seq.replace(contacts=seq.contacts[:9])
    peak = _peak(lambda: mp.orderings(g, nine, poles, limit=9))
    estimate = orderings._estimate(
        prepare(g, nine, poles), 362_880, np.dtype(np.uint8), 4
    )
    assert peak <= estimate <= 3 * peak
    assert orderings._estimate(prep, 1, np.dtype(np.uint8), 4) < 2e6


# -- progress -------------------------------------------------------------------


def test_progress_bar_and_silence(
    case,  # type: ignore[no-untyped-def]
    capsys: pytest.CaptureFixture[str],
) -> None:
    mp.sensitivity(*case, draws=5_000, seed=0, progress=True)
    err = capsys.readouterr().err
    assert "draws" in err and "5.00k" in err
    mp.orderings(*case, progress=True)
    assert "orders" in capsys.readouterr().err
    mp.sensitivity(*case, draws=5_000, seed=0, progress=False)
    mp.sensitivity(*case, draws=5_000, seed=0)  # automatic: not a terminal
    assert capsys.readouterr().err == ""


def test_progress_callback_for_orderings(long_case) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple[int, int]] = []
    res = mp.orderings(
        *long_case, samples=40_000, seed=1, progress=lambda d, t: calls.append((d, t))
    )
    assert calls[-1] == (len(res), len(res))
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len(calls) == 3  # 16,384 orders a chunk


@pytest.mark.parametrize("progress", ["yes", 1])
def test_bad_progress(case, progress: object) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidArgumentTypeError, match="progress must be True, False"):
        mp.sensitivity(*case, draws=10, progress=progress)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentTypeError, match="progress must be True, False"):
        mp.orderings(*case, progress=progress)  # type: ignore[arg-type]


def test_format_bytes_and_kinds() -> None:
    assert _batch.format_bytes(999) == "999 B"
    assert _batch.format_bytes(1_234_567) == "1.23 MB"
    assert _batch.format_bytes(12_345_678_901) == "12.3 GB"
    assert len(KINDS) == 5
