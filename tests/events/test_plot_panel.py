"""plot.balance_over_time on a balance panel (and unchanged on signed graphs)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from tests.events.test_panel import EVENTS, KOREA, POLES

import middlepower as mp
import middlepower.plot as mpplot
from middlepower.events import balance_panel

PANEL = balance_panel(EVENTS, KOREA, POLES, unaligned="drop", freq="MS")


def test_panel_lines_and_contact_bars():
    ax = mpplot.balance_over_time(PANEL, focal=["KOR", "JPN"])
    assert [line.get_label() for line in ax.lines[:2]] == ["KOR", "JPN"]
    kor = PANEL[PANEL.focal == "KOR"]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), kor.E.to_numpy())
    assert list(ax.lines[0].get_xdata()) == list(
        kor.period.to_numpy().astype("datetime64[D]")
    )
    twin = ax.figure.axes[-1]
    assert twin is not ax and twin.get_ylabel() == "contacts per period"
    heights = [float(p.get_height()) for p in twin.patches]
    assert heights == [3.0, 2.0, 1.0]  # KOR June, July; JPN June
    ax.figure.savefig(io.BytesIO(), format="png")


def test_tilt_and_pole_attention_and_no_counts():
    ax = mpplot.balance_over_time(PANEL, focal="KOR", measure="tilt", counts=False)
    assert ax.get_ylim() == pytest.approx((-1.05, 1.05))
    assert len(ax.figure.axes) == 1
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [7 / 11, -0.6])
    ax = mpplot.panel_over_time(PANEL, focal="KOR", measure="pi_USA")
    assert ax.get_ylabel() == "pi USA"


def test_default_focal_states_and_limits():
    ax = mpplot.balance_over_time(PANEL)
    assert [line.get_label() for line in ax.lines[:3]] == ["JPN", "KOR", "PRK"]
    many = pd.DataFrame(
        {
            "focal": [f"S{i:02d}" for i in range(9)],
            "period": pd.Timestamp("2025-01-01"),
            "n_contacts": 1,
            "E": 0.5,
        }
    )
    with pytest.raises(mp.InvalidParameterError, match="9 focal states"):
        mpplot.balance_over_time(many)
    assert len(mpplot.balance_over_time(many, focal=["S01"]).lines) == 1


def test_bad_panel_arguments():
    with pytest.raises(mp.InvalidParameterError, match="'gini'"):
        mpplot.balance_over_time(PANEL, measure="gini")
    with pytest.raises(mp.InvalidParameterError, match="'FRA'"):
        mpplot.balance_over_time(PANEL, focal=["FRA"])
    with pytest.raises(mp.InvalidParameterError, match="no row"):
        mpplot.balance_over_time(PANEL.iloc[:0])
    with pytest.raises(TypeError, match="pandas DataFrame"):
        mpplot.panel_over_time({"KOR": 1})


def test_graphs_keep_the_old_behaviour_and_reject_panel_keywords():
    graphs = {1: mp.load_tribes()}
    ax = mpplot.balance_over_time(graphs, method="heuristic")
    assert ax.lines[0].get_xdata().tolist() == [1]
    assert ax.get_xlabel() == "window start year"
    with pytest.raises(mp.InvalidParameterError, match="apply to a balance panel"):
        mpplot.balance_over_time(graphs, focal="KOR")
