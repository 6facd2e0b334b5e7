"""Tests of middlepower.plot: returned artists, drawing into a given Axes, errors."""

from __future__ import annotations

import io
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import networkx as nx  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import FancyArrowPatch, Rectangle  # noqa: E402

import middlepower as mp  # noqa: E402
import middlepower.plot as mpplot  # noqa: E402

DAY = "2025-06-04"


@pytest.fixture(scope="module")
def scenario() -> mp.Scenario:
    return mp.load_scenario("korea-2025")


@pytest.fixture(scope="module")
def graph(scenario: mp.Scenario) -> mp.RelationGraph:
    return mp.RelationGraph.from_scenario(scenario)


@pytest.fixture(scope="module")
def report(scenario: mp.Scenario, graph: mp.RelationGraph) -> mp.BalanceReport:
    return mp.assess(graph, scenario.sequence(), scenario.poles)


@pytest.fixture(scope="module")
def ordering(scenario: mp.Scenario, graph: mp.RelationGraph) -> mp.OrderingsResult:
    return mp.orderings(graph, scenario.sequence(), scenario.poles)


@pytest.fixture(scope="module")
def sens(scenario: mp.Scenario, graph: mp.RelationGraph) -> mp.SensitivityResult:
    return mp.sensitivity(graph, scenario.sequence(), scenario.poles, draws=400, seed=3)


@pytest.fixture(scope="module")
def comparison(scenario: mp.Scenario, graph: mp.RelationGraph) -> mp.Comparison:
    seq = scenario.sequence()
    china_first = mp.ContactSequence(
        focal="KOR",
        contacts=[
            mp.Contact(partner="CHN", on="2025-06-06"),
            mp.Contact(partner="JPN", on="2025-06-09"),
            mp.Contact(partner="USA", on="2025-06-10"),
        ],
        start=seq.start,
    )
    japan_only = mp.ContactSequence(
        focal="KOR", contacts=[mp.Contact(partner="JPN", on="2025-06-09")]
    )
    return mp.compare(
        {
            "observed": scenario,
            "China first": (graph, china_first, scenario.poles),
            "Japan only": (graph, japan_only, scenario.poles),
        }
    )


def _fresh_axes() -> Axes:
    return Figure().add_subplot()


def _render(ax: Axes) -> None:
    """Draw the figure to PNG bytes (catches errors that only show on draw)."""
    ax.figure.savefig(io.BytesIO(), format="png")


# -- the figure: NotebookFigure displays as PNG ------------------------------------
def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_every_function_draws_into_a_notebook_figure_of_its_size(
    graph: mp.RelationGraph,
    report: mp.BalanceReport,
    ordering: mp.OrderingsResult,
    sens: mp.SensitivityResult,
    comparison: mp.Comparison,
) -> None:
    nets = mp.load_signed_interstate()
    axes = {
        "relation_graph": mpplot.relation_graph(graph),
        "attention": mpplot.attention(report),
        "orderings": mpplot.orderings(ordering),
        "sensitivity": mpplot.sensitivity(sens),
        "compare": mpplot.compare(comparison),
        "balance_over_time": mpplot.balance_over_time(
            {w: nets[w] for w in ("46-49", "96-99")}, frustration=False
        ),
    }
    # figsize (inches) x 100 dpi: 6.4 x 4.8 by default; sensitivity 1.2 + 0.7
    # per measure (4) = 4.0 high; compare max(6.4, 1.6 + 1.5 * 3 cases) wide;
    # balance_over_time 8.0 x 4.5
    sizes = {
        "relation_graph": (640, 480),
        "attention": (640, 480),
        "orderings": (640, 480),
        "sensitivity": (640, 400),
        "compare": (640, 480),
        "balance_over_time": (800, 450),
    }
    for name, ax in axes.items():
        fig = ax.figure
        assert type(fig) is mpplot.NotebookFigure, name
        assert _png_size(fig._repr_png_()) == sizes[name], name


def test_repr_png_is_the_savefig_png_without_software_metadata(
    report: mp.BalanceReport,
) -> None:
    fig = mpplot.attention(report).figure
    assert isinstance(fig, mpplot.NotebookFigure)
    png = fig._repr_png_()
    assert png == fig._repr_png_()  # deterministic
    assert b"Software" not in png and b"Matplotlib" not in png
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    assert b"Software" in buf.getvalue()
    assert _png_size(buf.getvalue()) == _png_size(png)


def test_ipython_displays_library_figures_as_png(
    graph: mp.RelationGraph, report: mp.BalanceReport
) -> None:
    formatters = pytest.importorskip("IPython.core.formatters")
    display = formatters.DisplayFormatter()
    data, _ = display.format(mpplot.relation_graph(graph).figure)
    assert set(data) == {"text/plain", "image/png"}
    assert data["text/plain"] == "<NotebookFigure size 640x480 with 1 Axes>"
    assert _png_size(data["image/png"]) == (640, 480)
    # a figure the user made without pyplot and passed in stays a plain Figure
    theirs = mpplot.attention(report, ax=_fresh_axes()).figure
    assert type(theirs) is Figure
    data, _ = display.format(theirs)
    assert set(data) == {"text/plain"}


def test_notebook_figure_holds_several_panels_and_pickles(
    graph: mp.RelationGraph, report: mp.BalanceReport
) -> None:
    import pickle

    fig = mpplot.NotebookFigure(figsize=(10, 4), layout="constrained")
    left, right = fig.subplots(1, 2)
    assert mpplot.relation_graph(graph, ax=left) is left
    assert mpplot.attention(report, ax=right) is right
    assert _png_size(fig._repr_png_()) == (1000, 400)
    again = pickle.loads(pickle.dumps(fig))
    assert type(again) is mpplot.NotebookFigure
    assert _png_size(again._repr_png_()) == (1000, 400)


def test_figures_and_their_png_leave_pyplot_alone() -> None:
    # in a fresh interpreter: our own figures never import pyplot; networkx's
    # drawing functions (relation_graph) import it, but no pyplot figure is
    # made and no backend is resolved
    code = """\
import sys
import middlepower as mp
import middlepower.plot as mpplot
sc = mp.load_scenario("korea-2025")
g = mp.RelationGraph.from_scenario(sc)
r = mp.assess(g, sc.sequence(), sc.poles)
res = mp.orderings(g, sc.sequence(), sc.poles)
for ax in (mpplot.attention(r), mpplot.orderings(res)):
    ax.figure._repr_png_()
print("matplotlib.pyplot" in sys.modules)
mpplot.relation_graph(g).figure._repr_png_()
import matplotlib.pyplot as plt
print(plt.get_fignums(), getattr(plt, "_backend_mod", None) is None)
"""
    src = str(Path(mp.__file__).resolve().parents[1])
    env = {
        **os.environ,
        "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }
    env.pop("MPLBACKEND", None)
    res = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == ["False", "[] True"]


# -- relation_graph ----------------------------------------------------------------
def test_relation_graph_returns_axes_with_one_legend_entry_per_kind(
    graph: mp.RelationGraph,
) -> None:
    ax = mpplot.relation_graph(graph)
    assert isinstance(ax, Axes)
    assert isinstance(ax.figure, Figure)
    kinds = [k for k in mp.graph.KINDS if any(t.kind is k for t in graph.ties)]
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == [f"{k.value} (directed)" if k.directed else k.value for k in kinds]
    labels = {t.get_text() for t in ax.texts}
    assert labels == set(graph.codes)
    _render(ax)


def test_relation_graph_draws_one_arc_per_pair_and_kind(
    graph: mp.RelationGraph,
) -> None:
    snap = graph.at(DAY)
    ax = mpplot.relation_graph(graph, day=DAY)
    arcs = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    expected = {
        (
            t.kind,
            (t.source, t.target) if t.directed else frozenset((t.source, t.target)),
        )
        for t in snap.ties
    }
    assert len(arcs) == len(expected)
    assert ax.get_title().endswith(f"on {DAY}")


def test_relation_graph_day_filters_ties() -> None:
    g = mp.RelationGraph(
        [
            mp.Tie(source="KOR", target="USA", kind="alliance", strength=1.0),
            mp.Tie(
                source="KOR",
                target="CHN",
                kind="trade",
                strength=0.2,
                start="2025-01-01",
            ),
            mp.Tie(source="USA", target="CHN", kind="rivalry", strength=1.0),
        ]
    )
    texts = [t.get_text() for t in mpplot.relation_graph(g).get_legend().get_texts()]
    assert texts == ["alliance", "trade (directed)", "rivalry"]
    ax = mpplot.relation_graph(g, day="2000-01-01")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "alliance",
        "rivalry",
    ]


def test_relation_graph_arrows_follow_each_ties_direction() -> None:
    g = mp.RelationGraph(
        [
            mp.Tie(
                source="KOR", target="USA", kind="alliance", strength=1, directed=True
            ),
            mp.Tie(
                source="KOR", target="CHN", kind="trade", strength=0.2, directed=False
            ),
        ]
    )
    ax = mpplot.relation_graph(g)
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["alliance (directed)", "trade"]
    arcs = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    heads = [type(p.get_arrowstyle()).__name__ for p in arcs]
    assert heads == ["CurveFilledB", "Curve"]


def test_relation_graph_without_ties_has_no_legend() -> None:
    g = mp.RelationGraph(
        [
            mp.Tie(
                source="KOR",
                target="USA",
                kind="alliance",
                strength=1,
                start="2020-01-01",
            )
        ]
    )
    ax = mpplot.relation_graph(g, day="2000-01-01")
    assert ax.get_legend() is None
    assert {t.get_text() for t in ax.texts} == {"KOR", "USA"}


def test_relation_graph_spring_layout_is_seeded_and_places_isolates() -> None:
    ties = [
        mp.Tie(source=a, target=b, kind="partnership", strength=0.5)
        for a, b in [("AAA", "BBB"), ("BBB", "CCC"), ("CCC", "DDD"), ("DDD", "EEE")]
    ]
    ties.append(mp.Tie(source="EEE", target="FFF", kind="rivalry", strength=1))
    states = [mp.State(code=c, name=c) for c in ("AAA", "BBB", "CCC", "DDD", "EEE")]
    states += [mp.State(code=c, name=c) for c in ("FFF", "GGG", "HHH")]
    g = mp.RelationGraph(ties, states, check_codes=False)

    def positions(ax: Axes) -> dict[str, tuple[float, float]]:
        return {t.get_text(): t.get_position() for t in ax.texts}

    first = positions(mpplot.relation_graph(g, seed=1))
    assert first == positions(mpplot.relation_graph(g, seed=1))
    assert len(first) == 8
    linked_low = min(first[c][1] for c in ("AAA", "BBB", "CCC", "DDD", "EEE", "FFF"))
    assert first["GGG"][1] == first["HHH"][1] < linked_low


def test_relation_graph_uses_given_positions(graph: mp.RelationGraph) -> None:
    pos = {c: (float(i), float(i % 2)) for i, c in enumerate(graph.codes)}
    ax = mpplot.relation_graph(graph, pos=pos)
    got = {t.get_text(): tuple(t.get_position()) for t in ax.texts}
    assert got == pos


def test_relation_graph_draws_into_given_axes(graph: mp.RelationGraph) -> None:
    fig = Figure()
    left, right = fig.subplots(1, 2)
    ax = mpplot.relation_graph(graph, ax=right)
    assert ax is right
    assert not left.patches and not left.texts
    _render(ax)


def test_relation_graph_rejects_bad_input(graph: mp.RelationGraph) -> None:
    with pytest.raises(TypeError, match="graph must be a RelationGraph"):
        mpplot.relation_graph(nx.Graph())  # type: ignore[arg-type]
    with pytest.raises(mp.InvalidParameterError, match="no position for state"):
        mpplot.relation_graph(graph, pos={"KOR": (0.0, 0.0)})
    with pytest.raises(mp.InvalidGraphError, match="not an ISO date"):
        mpplot.relation_graph(graph, day="June 4")
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        mpplot.relation_graph(graph, ax=Figure())  # type: ignore[arg-type]


# -- attention ---------------------------------------------------------------------
def test_attention_stacks_one_bar_per_partner_and_pole(
    report: mp.BalanceReport,
) -> None:
    ax = mpplot.attention(report)
    partners = list(report.attention)
    assert len(ax.containers) == len(report.poles)
    bars = [bar for c in ax.containers for bar in c]
    assert len(bars) == len(partners) * len(report.poles)
    # stacked heights add up to each partner's attention
    totals = np.zeros(len(partners))
    for container in ax.containers:
        totals += [bar.get_height() for bar in container]
    assert totals == pytest.approx([report.attention[p] for p in partners])
    # and each pole's segments to its pole attention
    for pole, container in zip(report.poles, ax.containers, strict=True):
        share = sum(bar.get_height() for bar in container)
        assert share == pytest.approx(report.pole_attention[pole])
    assert [t.get_text() for t in ax.get_xticklabels()] == partners
    title = ax.get_title()
    assert "tilt" in title and "equidistance" in title
    _render(ax)


def test_attention_marks_the_benchmark(report: mp.BalanceReport) -> None:
    assert report.benchmark is not None
    ax = mpplot.attention(report)
    (markers,) = ax.lines
    assert markers.get_ydata().tolist() == pytest.approx(
        [report.benchmark[p] for p in report.attention]
    )
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "interest benchmark" in labels
    assert sum(label.startswith("aligned with") for label in labels) == len(
        report.poles
    )


def test_attention_without_benchmark_or_tilt(report: mp.BalanceReport) -> None:
    bare = report.model_copy(update={"benchmark": None, "tilt": None})
    ax = mpplot.attention(bare)
    assert not ax.lines
    assert "tilt" not in ax.get_title()


def test_attention_draws_into_given_axes(report: mp.BalanceReport) -> None:
    given = _fresh_axes()
    assert mpplot.attention(report, ax=given) is given


def test_attention_rejects_other_objects(ordering: mp.OrderingsResult) -> None:
    with pytest.raises(TypeError, match="report must be a BalanceReport"):
        mpplot.attention(ordering)  # type: ignore[arg-type]


# -- orderings ---------------------------------------------------------------------
@pytest.mark.parametrize("measure", ["equidistance", "tilt", "proportionality"])
def test_orderings_marks_the_observed_order(
    ordering: mp.OrderingsResult, measure: str
) -> None:
    ax = mpplot.orderings(ordering, measure=measure)
    observed = float(ordering.scores[measure][ordering.observed])
    (line,) = ax.lines
    assert line.get_xdata()[0] == pytest.approx(observed)
    assert line.get_xdata()[0] == line.get_xdata()[1]  # vertical
    pct = ordering.percentiles[measure]
    assert pct is not None
    (note,) = ax.texts
    assert f"{observed:.3f}" in note.get_text()
    assert f"{round(pct)}" in note.get_text()
    counts = [p.get_height() for p in ax.patches if isinstance(p, Rectangle)]
    assert sum(counts) == len(ordering)
    _render(ax)


def test_orderings_histogram_of_a_large_sample(
    scenario: mp.Scenario, graph: mp.RelationGraph
) -> None:
    seq = mp.ContactSequence(
        focal="KOR",
        contacts=[
            mp.Contact(partner=p, on=f"2025-06-{d:02d}")
            for d, p in zip(
                range(5, 15), ["USA", "JPN", "CHN"] * 3 + ["USA"], strict=True
            )
        ],
    )
    res = mp.orderings(graph, seq, scenario.poles, samples=3000, seed=0)
    assert not res.exhaustive
    ax = mpplot.orderings(res, measure="proportionality")
    counts = [p.get_height() for p in ax.patches if isinstance(p, Rectangle)]
    assert sum(counts) == len(res) == 3001
    assert "a sample of 3,001 orders" in ax.get_title()


def test_orderings_skips_undefined_orders(ordering: mp.OrderingsResult) -> None:
    scores = dict(ordering.scores)
    values = scores["tilt"].copy()
    values[values < 0] = np.nan
    scores["tilt"] = values
    partial = type(ordering)(**{**ordering.__dict__, "scores": scores})
    ax = mpplot.orderings(partial, measure="tilt")
    counts = [p.get_height() for p in ax.patches if isinstance(p, Rectangle)]
    assert sum(counts) == np.count_nonzero(~np.isnan(values))


def test_orderings_draws_into_given_axes(ordering: mp.OrderingsResult) -> None:
    given = _fresh_axes()
    assert mpplot.orderings(ordering, ax=given) is given


def test_orderings_rejects_unknown_or_undefined_measure(
    ordering: mp.OrderingsResult,
) -> None:
    with pytest.raises(mp.InvalidParameterError, match="Unknown measure 'balance'"):
        mpplot.orderings(ordering, measure="balance")
    nothing = type(ordering)(
        **{
            **ordering.__dict__,
            "scores": {
                **ordering.scores,
                "concordance": np.full(len(ordering), np.nan),
            },
        }
    )
    with pytest.raises(mp.InvalidParameterError, match="undefined for every order"):
        mpplot.orderings(nothing, measure="concordance")
    with pytest.raises(TypeError, match="result must be a OrderingsResult"):
        mpplot.orderings({"scores": {}})  # type: ignore[arg-type]


# -- sensitivity -------------------------------------------------------------------
def test_sensitivity_draws_quantile_intervals(sens: mp.SensitivityResult) -> None:
    ax = mpplot.sensitivity(sens)
    measures = list(sens.scores)
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        m.replace("_", " ") for m in measures
    ]
    bars = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(bars) == 2 * len(measures)  # 5-95% and 25-75% per measure
    for i, m in enumerate(measures):
        q = sens.quantiles[m]
        (outer,) = bars[2 * i].get_segments()
        (inner,) = bars[2 * i + 1].get_segments()
        assert outer[:, 0].tolist() == pytest.approx([q[0.05], q[0.95]])
        assert inner[:, 0].tolist() == pytest.approx([q[0.25], q[0.75]])
        assert outer[:, 1].tolist() == [i, i]
    medians = [ln for ln in ax.lines if ln.get_marker() == "o"]
    assert [ln.get_xdata()[0] for ln in medians] == pytest.approx(
        [sens.quantiles[m][0.5] for m in measures]
    )
    assert f"P(tilt > 0) = {sens.p_tilt_positive:.2f}" in ax.get_title()
    _render(ax)


def test_sensitivity_with_other_quantiles_computes_them(
    scenario: mp.Scenario, graph: mp.RelationGraph
) -> None:
    res = mp.sensitivity(
        graph, scenario.sequence(), scenario.poles, draws=300, seed=0, quantiles=[0.5]
    )
    ax = mpplot.sensitivity(res)
    medians = [ln.get_xdata()[0] for ln in ax.lines if ln.get_marker() == "o"]
    assert medians == pytest.approx([res.quantiles[m][0.5] for m in res.scores])


def test_sensitivity_undefined_measure_keeps_its_row(
    sens: mp.SensitivityResult,
) -> None:
    undefined = type(sens)(
        **{
            **sens.__dict__,
            "quantiles": {
                **sens.quantiles,
                "concordance": dict.fromkeys(sens.quantiles["concordance"]),
            },
            "p_tilt_positive": None,
        }
    )
    ax = mpplot.sensitivity(undefined)
    assert len(ax.get_yticklabels()) == len(sens.scores)
    assert [t.get_text() for t in ax.texts] == ["undefined"]
    assert "P(tilt" not in ax.get_title()


def test_sensitivity_draws_into_given_axes(sens: mp.SensitivityResult) -> None:
    given = _fresh_axes()
    assert mpplot.sensitivity(sens, ax=given) is given


def test_sensitivity_rejects_other_objects(report: mp.BalanceReport) -> None:
    with pytest.raises(TypeError, match="result must be a SensitivityResult"):
        mpplot.sensitivity(report)  # type: ignore[arg-type]


# -- compare -----------------------------------------------------------------------
def test_compare_one_group_per_case(comparison: mp.Comparison) -> None:
    measures = ("equidistance", "tilt", "proportionality")
    ax = mpplot.compare(comparison, measures=measures)
    ticks = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    assert ticks == list(comparison.reports)
    assert len(ax.containers) == len(measures)
    rows = comparison.rows()
    for m, container in zip(measures, ax.containers, strict=True):
        assert [b.get_height() for b in container] == pytest.approx(
            [r[m] for r in rows]
        )
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(measures)
    _render(ax)


def test_compare_marks_undefined_scores(comparison: mp.Comparison) -> None:
    rows = comparison.rows()
    missing = sum(r["concordance"] is None for r in rows)
    assert missing == 1  # Japan only: one partner, no concordance
    ax = mpplot.compare(comparison, measures=["concordance"])
    (container,) = ax.containers
    assert len(container) == len(rows) - missing
    assert [t.get_text() for t in ax.texts] == ["n/a"]


def test_compare_wraps_long_labels(
    scenario: mp.Scenario, graph: mp.RelationGraph
) -> None:
    long = "A very long case label that would overlap its neighbours"
    cmp = mp.compare({long: scenario, "short": scenario})
    ax = mpplot.compare(cmp)
    first = ax.get_xticklabels()[0].get_text()
    assert "\n" in first
    assert first.replace("\n", " ") == long


def test_compare_draws_into_given_axes(comparison: mp.Comparison) -> None:
    given = _fresh_axes()
    assert mpplot.compare(comparison, ax=given) is given


@pytest.mark.parametrize(
    ("measures", "message"),
    [
        (("tilt", "balance"), "Unknown measure.*'balance'"),
        ((), "at least one measure"),
        (("tilt", "tilt"), "repeat a measure"),
    ],
)
def test_compare_rejects_bad_measures(
    comparison: mp.Comparison, measures: tuple[str, ...], message: str
) -> None:
    with pytest.raises(mp.InvalidParameterError, match=message):
        mpplot.compare(comparison, measures=measures)


def test_compare_accepts_a_single_measure_name(comparison: mp.Comparison) -> None:
    ax = mpplot.compare(comparison, measures="tilt")
    assert len(ax.containers) == 1


# -- balance_over_time -----------------------------------------------------------
def test_balance_over_time_default_is_the_51_interstate_windows() -> None:
    ax = mpplot.balance_over_time(method="heuristic")
    assert len(ax.lines) == 3
    years = list(range(1946, 1997))
    for line in ax.lines:
        assert line.get_xdata().tolist() == years
    y = np.array([line.get_ydata() for line in ax.lines], dtype=float)
    assert np.all((y > 0) & (y <= 1))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[:2] == ["triad balance", "walk balance"]
    assert labels[2].startswith("1 \u2212 2L/|E|")
    _render(ax)


def test_balance_over_time_values_match_the_measures() -> None:
    nets = mp.load_signed_interstate()
    some = {w: nets[w] for w in ("96-99", "46-49", "71-74")}
    ax = mpplot.balance_over_time(some, method="exact")
    triad, walk, frus = ax.lines
    assert triad.get_xdata().tolist() == [1946, 1971, 1996]  # sorted by year
    ordered = [some["46-49"], some["71-74"], some["96-99"]]
    assert triad.get_ydata().tolist() == pytest.approx(
        [mp.triad_balance(G) for G in ordered]
    )
    assert walk.get_ydata().tolist() == pytest.approx(
        [mp.walk_balance(G) for G in ordered]
    )
    assert frus.get_ydata().tolist() == pytest.approx(
        [mp.frustration(G, method="exact").normalized for G in ordered]
    )
    assert "exact" in frus.get_label()


def test_balance_over_time_without_frustration_and_other_keys(
    graph: mp.RelationGraph,
) -> None:
    tribes = mp.load_tribes()
    empty = nx.Graph()
    empty.add_nodes_from("ab")
    ax = mpplot.balance_over_time(
        {2001: tribes, "2002": graph, 2003: empty}, frustration=False
    )
    assert len(ax.lines) == 2
    triad, walk = ax.lines
    assert triad.get_xdata().tolist() == [2001, 2002, 2003]
    assert math.isnan(triad.get_ydata()[2])  # no triangle: a gap, not a value
    assert math.isnan(walk.get_ydata()[2])
    _render(ax)


def test_balance_over_time_draws_into_given_axes() -> None:
    given = _fresh_axes()
    ax = mpplot.balance_over_time({1: mp.load_tribes()}, ax=given)
    assert ax is given


@pytest.mark.parametrize(
    ("graphs", "kwargs", "error", "message"),
    [
        ({}, {}, mp.InvalidParameterError, "at least one graph"),
        ({"early": nx.Graph()}, {}, mp.InvalidParameterError, "start year"),
        (
            {1: nx.Graph(), "1": nx.Graph()},
            {},
            mp.InvalidParameterError,
            "same year",
        ),
        (
            {1: nx.Graph()},
            {"method": "fast"},
            mp.InvalidParameterError,
            "Unknown method 'fast'",
        ),
        ([nx.Graph()], {}, TypeError, "graphs must be a mapping"),
    ],
)
def test_balance_over_time_rejects_bad_input(
    graphs: object, kwargs: dict[str, object], error: type, message: str
) -> None:
    with pytest.raises(error, match=message):
        mpplot.balance_over_time(graphs, **kwargs)  # type: ignore[arg-type]


# -- module-wide -----------------------------------------------------------------
def test_no_pyplot_figures_are_created(
    graph: mp.RelationGraph, report: mp.BalanceReport
) -> None:
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    mpplot.relation_graph(graph)
    mpplot.attention(report)
    assert plt.get_fignums() == before


def test_public_names() -> None:
    assert sorted(mpplot.__all__) == mpplot.__all__
    for name in mpplot.__all__:
        assert hasattr(mpplot, name)
