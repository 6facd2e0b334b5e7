"""Tests of middlepower.plot.measures_over_years: lines, gaps, events, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import middlepower.plot as mpplot  # noqa: E402
from middlepower.exceptions import (  # noqa: E402
    InvalidArgumentTypeError,
    InvalidParameterError,
)


def _y(line: object) -> list[float | None]:
    """The y data of a line, NaN as None (NaN != NaN)."""
    ys = np.asarray(line.get_ydata(), dtype=float)  # type: ignore[attr-defined]
    return [None if math.isnan(v) else float(v) for v in ys]


def test_one_line_per_series_in_order_years_sorted_gaps_as_nan() -> None:
    ax = mpplot.measures_over_years(
        {
            "structural equidistance": {1992: 1 / 3, 1990: 0.0, 1991: None},
            "two-track": {2007: 0.25, 2002: 0.12},
        }
    )
    assert isinstance(ax, Axes)
    assert len(ax.lines) == 2
    first, second = ax.lines
    assert first.get_label() == "structural equidistance"
    assert second.get_label() == "two-track"
    assert list(first.get_xdata()) == [1990, 1991, 1992]
    assert _y(first) == [0.0, None, pytest.approx(1 / 3)]
    assert list(second.get_xdata()) == [2002, 2007]
    assert _y(second) == [0.12, 0.25]
    # every point is marked, so isolated values (between gaps) stay visible
    assert first.get_marker() == "o" and second.get_marker() == "o"
    assert ax.get_xlabel() == "year" and ax.get_ylabel() == "score"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["structural equidistance", "two-track"]


def test_nan_values_numpy_years_and_numpy_values() -> None:
    ax = mpplot.measures_over_years(
        {"S": {np.int64(2001): np.float64(0.5), 2000: math.nan, 2002: 1}}
    )
    assert list(ax.lines[0].get_xdata()) == [2000, 2001, 2002]
    assert _y(ax.lines[0]) == [None, 0.5, 1.0]


def test_events_are_vertical_lines_after_the_series_in_year_order() -> None:
    ax = mpplot.measures_over_years(
        {"a": {1950: 0.0, 2000: 1.0}},
        events={1996: "rivalry resumes", 1953: "defence pact"},
    )
    assert len(ax.lines) == 3
    pact, rivalry = ax.lines[1], ax.lines[2]
    assert list(pact.get_xdata()) == [1953, 1953]
    assert list(rivalry.get_xdata()) == [1996, 1996]
    assert pact.get_linestyle() == ":"
    assert [t.get_text() for t in ax.texts] == ["defence pact", "rivalry resumes"]
    # the labels sit at the events' years (x in data coordinates)
    assert [t.xy[0] for t in ax.texts] == [1953, 1996]  # type: ignore[attr-defined]


def test_draws_into_a_given_axes_and_sets_title_and_ylabel() -> None:
    fig = Figure()
    given_ax = fig.add_subplot()
    ax = mpplot.measures_over_years(
        {"k": {2000: 0.1}}, ax=given_ax, ylabel="similarity", title="KOR"
    )
    assert ax is given_ax
    assert ax.get_ylabel() == "similarity" and ax.get_title() == "KOR"
    assert not isinstance(ax.figure, mpplot.NotebookFigure)


def test_new_figure_is_a_notebook_figure_that_renders_a_png() -> None:
    ax = mpplot.measures_over_years({"k": {2000: 0.1, 2001: 0.2}}, events={2001: "e"})
    assert isinstance(ax.figure, mpplot.NotebookFigure)
    assert ax.figure._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"
    assert ax.get_title() == ""


def test_an_all_missing_series_is_drawn_empty() -> None:
    ax = mpplot.measures_over_years({"none": {2000: None, 2001: None}})
    assert _y(ax.lines[0]) == [None, None]


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(
        st.integers(1816, 2030),
        st.none() | st.floats(-1, 1, allow_nan=False),
        min_size=1,
        max_size=12,
    )
)
def test_any_series_is_drawn_as_given_in_year_order(
    values: dict[int, float | None],
) -> None:
    ax = mpplot.measures_over_years({"m": values})
    years = sorted(values)
    assert list(ax.lines[0].get_xdata()) == years
    assert _y(ax.lines[0]) == [values[y] for y in years]
    ax.figure.clear()


@pytest.mark.parametrize(
    ("series", "events", "error", "match"),
    [
        ([0.1, 0.2], None, InvalidArgumentTypeError, "series must be a mapping"),
        ({}, None, InvalidParameterError, "at least one series"),
        ({"a": [0.1]}, None, InvalidArgumentTypeError, "Series 'a' must be a mapping"),
        ({"a": {"2000": 0.1}}, None, InvalidArgumentTypeError, "has the key '2000'"),
        ({"a": {True: 0.1}}, None, InvalidArgumentTypeError, "has the key True"),
        ({"a": {2000: "0.1"}}, None, InvalidArgumentTypeError, "has '0.1' in 2000"),
        ({"a": {2000: True}}, None, InvalidArgumentTypeError, "has True in 2000"),
        ({"a": {2000: math.inf}}, None, InvalidParameterError, "must be finite"),
        ({"a": {2000: 0.1}}, [1953], InvalidArgumentTypeError, "events must be"),
        ({"a": {2000: 0.1}}, {1953: 1}, InvalidArgumentTypeError, "of 1953 is 1"),
        ({"a": {2000: 0.1}}, {1953.0: "x"}, InvalidArgumentTypeError, "key 1953.0"),
    ],
)
def test_bad_input_names_the_bad_value(
    series: object, events: object, error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        mpplot.measures_over_years(series, events=events)  # type: ignore[arg-type]


def test_type_errors_are_also_builtin_type_errors() -> None:
    with pytest.raises(TypeError):
        mpplot.measures_over_years({"a": {2000: "x"}})  # type: ignore[dict-item]
