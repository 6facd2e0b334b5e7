"""assess, orderings, sensitivity and compare (METHODS §4)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import graph_and_sequence

import middlepower as mp
from middlepower.exceptions import InvalidParameterError, MiddlePowerWarning


@pytest.fixture
def case() -> tuple[mp.RelationGraph, mp.ContactSequence, tuple[str, ...]]:
    sc = mp.load_scenario("korea-2025")
    return mp.RelationGraph.from_scenario(sc), sc.sequence(), sc.poles


def _scalar(
    g: mp.RelationGraph,
    seq: mp.ContactSequence,
    poles: tuple[str, ...],
    **kw: object,
) -> dict[str, float | None]:
    """The scalar measures, to compare numbers with (their caveats are not
    the point here; test_assess_caveats checks them)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MiddlePowerWarning)
        return _scalar_numbers(g, seq, poles, **kw)


def _scalar_numbers(
    g: mp.RelationGraph,
    seq: mp.ContactSequence,
    poles: tuple[str, ...],
    **kw: object,
) -> dict[str, float | None]:
    sal = kw.get("salience", "harmonic")
    out: dict[str, float | None] = {
        "equidistance": mp.equidistance(
            g, seq, poles, salience=sal, kinds=kw.get("kinds")
        ),  # type: ignore[arg-type]
        "proportionality": mp.proportionality(
            g,
            seq,
            salience=sal,
            interests=kw.get("interests"),  # type: ignore[arg-type]
        ),
        "concordance": mp.concordance(g, seq, interests=kw.get("interests")),  # type: ignore[arg-type]
    }
    if len(poles) == 2:
        out["tilt"] = mp.tilt(g, seq, poles, salience=sal, kinds=kw.get("kinds"))  # type: ignore[arg-type]
    return out


def _close(a: float | None, b: float | None) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    return b is not None and abs(a - b) <= 1e-9


# -- assess ------------------------------------------------------------------


def test_assess_matches_the_scalar_functions(case) -> None:  # type: ignore[no-untyped-def]
    g, seq, poles = case
    r = mp.assess(g, seq, poles)
    for name, value in _scalar(g, seq, poles).items():
        assert _close(getattr(r, name), value), name
    assert r.attention == pytest.approx(mp.attention(seq))
    assert r.pole_attention == pytest.approx(mp.pole_attention(g, seq, poles))
    snap = g.at(seq.start)
    assert r.two_track == pytest.approx(mp.two_track(snap, "KOR", poles))
    assert r.cross_pressure == pytest.approx(mp.cross_pressure(snap, "KOR"))
    assert {"JPN", "KOR", "USA"} <= set(r.camps[0])
    assert r.camps[1] == ("CHN",)


def test_report_json_round_trip_and_text(case) -> None:  # type: ignore[no-untyped-def]
    r = mp.assess(*case)
    assert mp.BalanceReport.from_json(r.to_json()) == r
    assert json.loads(r.to_json())["tilt"] == pytest.approx(7 / 11)
    text = str(r)
    for word in ("equidistance", "tilt", "proportionality", "two-track", "USA"):
        assert word in text
    assert "leans strongly toward USA" in r.readings["tilt"]


def test_report_to_frame(case) -> None:  # type: ignore[no-untyped-def]
    pd = pytest.importorskip("pandas")
    frame = mp.compare({"a": case}).to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert frame.loc["a", "order"] == "USA > JPN > CHN"


# -- orderings ---------------------------------------------------------------


def test_editorial_orderings_by_hand(case) -> None:  # type: ignore[no-untyped-def]
    """Harmonic weights (6, 3, 2)/11 over the three slots. JPN is aligned with
    the US, so E = 1 - |tau| depends only on the CHN slot: CHN first
    tau = (3+2-6)/11 = -1/11, E = 10/11; CHN second tau = (6+2-3)/11 = 5/11,
    E = 6/11; CHN last tau = 7/11, E = 4/11 (observed). The observed E ties
    with one other order for the lowest of six: mid-rank percentile
    100 * (0 + 0.5 * 2) / 6 = 16.7."""
    res = mp.orderings(*case)
    assert res.exhaustive and len(res) == 6
    assert sorted(np.round(res.scores["equidistance"] * 11, 9)) == [4, 4, 6, 6, 10, 10]
    assert res.percentiles["equidistance"] == pytest.approx(100 / 6)
    assert res.most_balanced()[0]["order"][0] == "CHN"
    assert res.partners(res.observed) == ("USA", "JPN", "CHN")


@settings(deadline=None, max_examples=40)
@given(
    graph_and_sequence(max_contacts=6),
    st.sampled_from(["harmonic", "geometric", "linear", "uniform", "half-life"]),
    st.integers(0, 2**32 - 1),
)
def test_orderings_equal_scalar_functions(gsp, scheme: str, seed: int) -> None:  # type: ignore[no-untyped-def]
    """Every sampled order, rebuilt as a ContactSequence with the slot dates,
    scores exactly as the scalar functions say."""
    g, seq, poles = gsp
    res = mp.orderings(g, seq, poles, salience=scheme)
    rng = np.random.default_rng(seed)
    rows = rng.choice(len(res), size=min(5, len(res)), replace=False)
    slots = [c.on for c in seq.contacts]
    for row in [res.observed, *rows.tolist()]:
        contacts = [
            seq.contacts[i].replace(on=day)
            for i, day in zip(res.orders[row], slots, strict=True)
        ]
        alt = seq.replace(contacts=contacts)
        for name, value in _scalar(g, alt, poles, salience=scheme).items():
            assert _close(value, float(res.scores[name][row])), (name, row)
    for pct in res.percentiles.values():
        assert pct is None or 0.0 <= pct <= 100.0


def test_orderings_observed_is_among_them_and_distinct(case) -> None:  # type: ignore[no-untyped-def]
    g, seq, poles = case
    twice = seq.replace(
        contacts=[*seq.contacts, seq.contacts[0].replace(on=dt.date(2025, 6, 11))]
    )
    res = mp.orderings(g, twice, poles)
    # 4 contacts, USA twice with the same channel: 4!/2! distinct orders
    assert len(res) == 12
    keys = {tuple(twice.partners[i] for i in row) for row in res.orders}
    assert len(keys) == 12
    assert tuple(res.orders[res.observed]) == (0, 1, 2, 3)


def test_orderings_sample_beyond_limit(case) -> None:  # type: ignore[no-untyped-def]
    g, seq, poles = case
    a = mp.orderings(g, seq, poles, limit=2, samples=50, seed=7)
    b = mp.orderings(g, seq, poles, limit=2, samples=50, seed=7)
    assert not a.exhaustive and len(a) == 51
    np.testing.assert_array_equal(a.orders, b.orders)
    assert a.observed == 0


def test_orderings_exhaustive_count_for_eight() -> None:
    sc = mp.load_scenario("korea-2025")
    g = mp.RelationGraph.from_scenario(sc)
    partners = ["USA", "JPN", "CHN"]
    seq = mp.ContactSequence(
        focal="KOR",
        contacts=[
            mp.Contact(partner=partners[i % 3], on=dt.date(2025, 6, 5 + i), channel=ch)
            for i, ch in enumerate(
                [
                    "call",
                    "visit",
                    "letter",
                    "meeting",
                    "summit",
                    "envoy",
                    "visit",
                    "call",
                ]
            )
        ],
    )
    res = mp.orderings(g, seq, sc.poles)
    # every (partner, channel) pair differs: all 8! orders are distinct
    assert res.exhaustive and len(res) == math.factorial(8)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"metric": "beauty"}, "Unknown metric 'beauty'"),
        ({"limit": 0}, r"limit must be in \[1, 10\], got 0"),
        ({"samples": 0}, "samples must be >= 1, got 0"),
        ({"salience": "cubic"}, "Unknown salience scheme 'cubic'"),
    ],
)
def test_orderings_bad_input(case, kwargs, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidParameterError, match=message):
        mp.orderings(*case, **kwargs)


def test_orderings_serialise(case) -> None:  # type: ignore[no-untyped-def]
    res = mp.orderings(*case)
    data = json.loads(json.dumps(res.to_dict(rows=True)))
    assert data["n_orders"] == 6 and len(data["orders"]) == 6
    assert "most balanced" in str(res)


# -- sensitivity ---------------------------------------------------------------


def test_sensitivity_reproducible_and_ordered(case) -> None:  # type: ignore[no-untyped-def]
    a = mp.sensitivity(*case, draws=3000, seed=11)
    b = mp.sensitivity(*case, draws=3000, seed=11)
    for m in a.scores:
        np.testing.assert_array_equal(a.scores[m], b.scores[m])
    c = mp.sensitivity(*case, draws=3000, seed=12)
    assert not np.array_equal(a.scores["tilt"], c.scores["tilt"])
    for qs in a.quantiles.values():
        values = [v for v in qs.values() if v is not None]
        assert values == sorted(values)
    assert 0.0 <= a.p_tilt_positive <= 1.0  # type: ignore[operator]
    for m, shares in a.influence.items():
        assert all(0.0 <= s <= 1.0 for s in shares.values()), m


def test_sensitivity_draws_equal_scalar_functions(case) -> None:  # type: ignore[no-untyped-def]
    g, seq, poles = case
    res = mp.sensitivity(g, seq, poles, draws=300, seed=5)
    for i in range(0, 300, 7):
        kw = res.draw_settings(i)
        for name, value in _scalar(g, seq, poles, **kw).items():
            assert _close(value, float(res.scores[name][i])), (name, i)


def test_sensitivity_progress_and_chunks(case) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple[int, int]] = []
    mp.sensitivity(
        *case, draws=9000, seed=0, progress=lambda d, t: calls.append((d, t))
    )
    assert calls[-1] == (9000, 9000)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_sensitivity_fixed_choices_have_no_influence(case) -> None:  # type: ignore[no-untyped-def]
    """With one scheme (uniform) and fixed kappa, only theta varies: the
    sequence's attention is fixed, so E and tilt do not move at all."""
    res = mp.sensitivity(
        *case,
        draws=500,
        seed=2,
        schemes=["uniform"],
        kappa_ranges={"alliance": (1, 1), "partnership": (0.5, 0.5), "rivalry": (1, 1)},
    )
    assert np.ptp(res.scores["equidistance"]) == pytest.approx(0.0, abs=1e-12)
    assert res.most_influential["equidistance"] is None
    assert res.quantiles["tilt"][0.5] == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"draws": 0}, "draws must be >= 1, got 0"),
        ({"schemes": ["cubic"]}, "Unknown salience scheme 'cubic' in schemes"),
        ({"decay_range": (0.5, 1.5)}, "decay_range must be a range"),
        ({"half_life_range": (10, 2)}, "half_life_range must have low <= high"),
        ({"concentration": -1.0}, "concentration must be > 0, got -1.0"),
        ({"kappa_ranges": {"friendship": (0, 1)}}, "Unknown tie kind 'friendship'"),
        ({"quantiles": [1.5]}, "quantiles must lie in"),
    ],
)
def test_sensitivity_bad_input(case, kwargs, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidParameterError, match=message):
        mp.sensitivity(*case, **kwargs)


def test_sensitivity_serialises(case) -> None:  # type: ignore[no-untyped-def]
    res = mp.sensitivity(*case, draws=200, seed=1)
    data = json.loads(json.dumps(res.to_dict()))
    assert data["draws"] == 200 and data["seed"] == 1
    assert "P(tilt > 0)" in str(res)


# -- compare -------------------------------------------------------------------


def test_compare_rows_equal_assess(case) -> None:  # type: ignore[no-untyped-def]
    g, seq, poles = case
    alt = seq.replace(
        contacts=[c.replace(on=dt.date(2025, 6, 6)) for c in reversed(seq.contacts)],
        label="reversed",
    )
    result = mp.compare([(g, seq, poles), (g, alt, poles)], salience="uniform")
    rows = result.rows()
    assert [r["label"] for r in rows] == [seq.label, "reversed"]
    for row, s in zip(rows, [seq, alt], strict=True):
        report = mp.assess(g, s, poles, salience="uniform")
        for col in (
            "equidistance",
            "tilt",
            "proportionality",
            "concordance",
            "two_track",
        ):
            assert _close(row[col], getattr(report, col)), col
    assert "reversed" in str(result)


def test_compare_bad_input(case) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidParameterError, match="at least one case"):
        mp.compare([])
    with pytest.raises(InvalidParameterError, match="repeat"):
        mp.compare([case, case])


def test_batch_kernels_match_across_permutations() -> None:
    """Direct check of the permutation machinery on a hand case: 3 contacts,
    all 6 orders of (USA, JPN, CHN) under uniform salience give tilt 1/3."""
    sc = mp.load_scenario("korea-2025")
    g = mp.RelationGraph.from_scenario(sc)
    res = mp.orderings(g, sc.sequence(), sc.poles, salience="uniform")
    assert np.allclose(res.scores["tilt"], 1 / 3)
    assert len({tuple(r) for r in res.orders}) == len(
        list(itertools.permutations(range(3)))
    )


def test_report_partner_frame(case) -> None:  # type: ignore[no-untyped-def]
    pd = pytest.importorskip("pandas")
    frame = mp.assess(*case).to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.index) == ["USA", "JPN", "CHN"]
    assert list(frame.columns) == ["attention", "benchmark", "a[USA]", "a[CHN]"]
    assert frame["attention"].sum() == pytest.approx(1.0)
    assert frame.loc["JPN", "a[USA]"] == 1.0
