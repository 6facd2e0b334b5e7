"""The sequence measures (METHODS.md §2) against the spec and an independent reference.

``tests/reference.py`` re-implements §2 from the specification alone with plain
loops (and exact fractions where possible); here the library is compared with it
call for call on hand-computed cases, the worked example of §7, the bundled
editorial case and random worlds, and checked against the §6 invariants.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import warnings
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
import scipy.stats
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from tests import reference as ref
from tests._seq_strategies import (
    CHANNELS,
    CODES,
    SCHEMES,
    START,
    Case,
    cases,
    relabel,
    saliences,
    sequences,
)

import middlepower as mp
from middlepower.exceptions import (
    MiddlePowerWarning,
    PolesNotReachedWarning,
    UnalignedPartnerWarning,
    UndefinedBenchmarkError,
    UndefinedBenchmarkWarning,
)

ABS = 1e-9
T = mp.Tie
DAY = dt.timedelta(days=1)


# -- builders --------------------------------------------------------------------------
def worked_example_graph(extra: tuple[mp.Tie, ...] = ()) -> mp.RelationGraph:
    """METHODS.md §7's toy graph (all ties undated)."""
    return mp.RelationGraph(
        [
            T(source="KOR", target="USA", kind="alliance", strength=1.0),
            T(source="USA", target="JPN", kind="alliance", strength=1.0),
            T(source="KOR", target="JPN", kind="partnership", strength=0.5),
            T(source="KOR", target="CHN", kind="partnership", strength=1.0),
            T(source="USA", target="CHN", kind="rivalry", strength=1.0),
            T(source="KOR", target="CHN", kind="trade", strength=0.2),
            T(source="KOR", target="USA", kind="trade", strength=0.15),
            T(source="KOR", target="JPN", kind="trade", strength=0.05),
            T(source="KOR", target="CHN", kind="neighbour", strength=1.0),
            T(source="KOR", target="JPN", kind="neighbour", strength=1.0),
            *extra,
        ]
    )


def seq_of(
    *contacts: tuple[str, str] | tuple[str, str, str],
    focal: str = "KOR",
    start: str | None = None,
) -> mp.ContactSequence:
    """A sequence from (partner, ISO day[, channel]) triples."""
    return mp.ContactSequence(
        focal=focal,
        contacts=[
            mp.Contact(partner=c[0], on=c[1], channel=c[2] if len(c) > 2 else "call")
            for c in contacts
        ],
        start=start,
    )


WORKED_SEQ = seq_of(("USA", "2025-06-06"), ("JPN", "2025-06-09"), ("CHN", "2025-06-10"))
POLES = ("USA", "CHN")


def as_floats(d: dict) -> dict:
    return {k: float(v) for k, v in d.items()}


def approx_dict(got: dict, want: dict, abs: float = ABS) -> None:
    assert list(got) == list(want)
    for k in want:
        assert got[k] == pytest.approx(float(want[k]), abs=abs), k


def approx_rows(got: dict, want: dict, abs: float = ABS) -> None:
    assert set(got) == set(want)
    for k in want:
        assert np.asarray(got[k], dtype=float) == pytest.approx(
            [float(x) for x in want[k]], abs=abs
        ), k


def _same(x: float | None, y: float | None) -> bool:
    if x is None or y is None:
        return x is y
    return abs(x - y) <= ABS


def approx_opt(got: float | None, want: float | None, abs: float = ABS) -> None:
    if want is None:
        assert got is None
    else:
        assert got is not None
        assert got == pytest.approx(float(want), abs=abs)


# -- METHODS §7: the worked example ----------------------------------------------------
class TestWorkedExample:
    g = worked_example_graph()
    seq = WORKED_SEQ

    def test_harmonic_weights(self) -> None:
        """r = (1, 1/2, 1/3), sum 11/6 -> w = (6/11, 3/11, 2/11)."""
        w = mp.salience_weights(self.seq)
        assert w == pytest.approx([6 / 11, 3 / 11, 2 / 11], abs=1e-4)
        assert ref.salience_weights(self.seq, exact=True) == [
            Fraction(6, 11),
            Fraction(3, 11),
            Fraction(2, 11),
        ]

    def test_alignment(self) -> None:
        """Poles are unit vectors. JPN: z = (alliance 1, 0) -> (1, 0).
        KOR: z_USA = alliance 1, z_CHN = 0.5 * partnership 1 = 0.5 -> (2/3, 1/3).
        """
        a = mp.alignment(self.g, POLES)
        want = {"USA": (1, 0), "CHN": (0, 1), "JPN": (1, 0), "KOR": (2 / 3, 1 / 3)}
        approx_rows(a, want, abs=1e-4)
        approx_rows(ref.alignment(self.g, POLES), want, abs=1e-12)

    def test_pole_attention_equidistance_tilt(self) -> None:
        """pi = 6/11 (1,0) + 3/11 (1,0) + 2/11 (0,1) = (9/11, 2/11).
        E = 1 - (2/2)(|9/11 - 1/2| + |2/11 - 1/2|) = 1 - 7/11 = 4/11 = 0.3636;
        tilt = 9/11 - 2/11 = 7/11 = 0.6364.
        """
        pi = mp.pole_attention(self.g, self.seq, POLES)
        assert list(pi) == list(POLES)
        assert [pi["USA"], pi["CHN"]] == pytest.approx([9 / 11, 2 / 11], abs=1e-4)
        assert mp.equidistance(self.g, self.seq, POLES) == pytest.approx(
            4 / 11, abs=1e-4
        )
        assert mp.tilt(self.g, self.seq, POLES) == pytest.approx(7 / 11, abs=1e-4)
        assert ref.equidistance(self.g, self.seq, POLES, exact=True) == Fraction(4, 11)
        assert ref.tilt(self.g, self.seq, POLES, exact=True) == Fraction(7, 11)

    def test_uniform_salience(self) -> None:
        """w = 1/3 each: pi = (2/3, 1/3); E = 1 - (1/6 + 1/6) = 2/3."""
        pi = mp.pole_attention(self.g, self.seq, POLES, salience="uniform")
        assert [pi["USA"], pi["CHN"]] == pytest.approx([2 / 3, 1 / 3], abs=1e-4)
        e = mp.equidistance(self.g, self.seq, POLES, salience="uniform")
        assert e == pytest.approx(2 / 3, abs=1e-4)

    def test_interest_benchmark(self) -> None:
        """Over (CHN, JPN, USA): alliance (0, 0, 1); trade (0.2, 0.05, 0.15)/0.4 =
        (0.5, 0.125, 0.375); neighbour (1, 1, 0)/2 = (0.5, 0.5, 0);
        b = mean = (1/3, 0.625/3, 1.375/3) = (0.3333, 0.2083, 0.4583).
        """
        b = mp.interest_benchmark(self.g, "KOR", ["CHN", "JPN", "USA"])
        assert b is not None
        approx_dict(b, {"CHN": 1 / 3, "JPN": 0.2083, "USA": 0.4583}, abs=1e-4)

    def test_proportionality(self) -> None:
        """alpha = (CHN 2/11, JPN 3/11, USA 6/11) = (0.1818, 0.2727, 0.5455),
        b = (0.3333, 0.2083, 0.4583), M = (0.2576, 0.2405, 0.5019);
        KL(alpha||M) = 0.02356, KL(b||M) = 0.02076 (bits);
        P = 1 - (0.02356 + 0.02076)/2 = 0.9778.
        """
        p = mp.proportionality(self.g, self.seq)
        assert p == pytest.approx(0.9778, abs=1e-4)
        assert p == pytest.approx(ref.proportionality(self.g, self.seq), abs=ABS)

    def test_concordance(self) -> None:
        """Earliness USA > JPN > CHN against b USA > CHN > JPN: pairs (USA, JPN)
        and (USA, CHN) concordant, (JPN, CHN) discordant; no ties ->
        tau_b = (2 - 1)/3 = 1/3.
        """
        assert mp.concordance(self.g, self.seq) == pytest.approx(1 / 3, abs=1e-4)
        assert ref.concordance(self.g, self.seq) == pytest.approx(1 / 3, abs=1e-12)


# -- the bundled editorial case --------------------------------------------------------
KOREA_PI = {
    # every contact is a call, start 2025-06-04; pi = (w1 + w2, w3)
    "harmonic": (9 / 11, 2 / 11),  # w = (6, 3, 2)/11
    "geometric": (6 / 7, 1 / 7),  # r = (1, 1/2, 1/4) -> w = (4, 2, 1)/7
    "linear": (5 / 6, 1 / 6),  # r = (3, 2, 1) -> w = (3, 2, 1)/6
    "uniform": (2 / 3, 1 / 3),
    # days since start 2, 5, 6; r = 2^(-d/7) = (0.82034, 0.60951, 0.55204),
    # sum 1.98189 -> w = (0.41392, 0.30754, 0.27855)
    "half-life": (0.41392 + 0.30754, 0.27855),
}


class TestKorea2025:
    sc = mp.load_scenario("korea-2025")
    g = mp.RelationGraph.from_scenario(sc)
    seq = sc.sequence()

    def test_encoding_is_what_the_pins_assume(self) -> None:
        assert self.sc.poles == POLES
        assert self.seq.partners == ("USA", "JPN", "CHN")
        assert self.seq.start == dt.date(2025, 6, 4)
        assert {c.channel for c in self.seq.contacts} == {mp.Channel.CALL}
        snap = self.g.at(self.seq.start)
        assert snap.strength("KOR", "CHN", "trade") == 0.206
        assert snap.strength("KOR", "USA", "trade") == 0.152
        assert snap.strength("KOR", "JPN", "trade") == 0.059

    @pytest.mark.parametrize("scheme", SCHEMES)
    def test_pole_attention_by_hand(self, scheme: str) -> None:
        """Alignment as in §7 (USA (1,0), JPN (1,0), CHN (0,1)); see KOREA_PI.
        E = 1 - |pi_1 - pi_2| and tilt = pi_1 - pi_2 for two poles.
        """
        p1, p2 = KOREA_PI[scheme]
        pi = mp.pole_attention(self.g, self.seq, self.sc.poles, salience=scheme)
        assert [pi["USA"], pi["CHN"]] == pytest.approx([p1, p2], abs=1e-4)
        e = mp.equidistance(self.g, self.seq, self.sc.poles, salience=scheme)
        assert e == pytest.approx(1 - abs(p1 - p2), abs=1e-4)
        tau = mp.tilt(self.g, self.seq, self.sc.poles, salience=scheme)
        assert tau == pytest.approx(p1 - p2, abs=1e-4)

    def test_harmonic_by_hand(self) -> None:
        """Trade shares over U = 0.206 + 0.059 + 0.152 = 0.417:
        CHN 0.49400, JPN 0.14149, USA 0.36451; alliance (0, 0, 1);
        neighbour (0.5, 0.5, 0) -> b = (0.33133, 0.21383, 0.45484).
        alpha = (2/11, 3/11, 6/11), M = (0.25658, 0.24328, 0.50015);
        KL(alpha||M) = 0.022858, KL(b||M) = 0.020113 -> P = 0.97851.
        tau_b = 1/3 (same orders as §7). E = 4/11, tilt = 7/11.
        """
        g, seq, poles = self.g, self.seq, self.sc.poles
        assert mp.equidistance(g, seq, poles) == pytest.approx(4 / 11, abs=1e-4)
        assert mp.tilt(g, seq, poles) == pytest.approx(7 / 11, abs=1e-4)
        b = mp.interest_benchmark(g.at(seq.start), "KOR", ["CHN", "JPN", "USA"])
        assert b is not None
        want = {"CHN": 0.33133, "JPN": 0.21383, "USA": 0.45484}
        approx_dict(b, want, abs=1e-4)
        assert mp.proportionality(g, seq) == pytest.approx(0.97851, abs=1e-4)
        assert mp.concordance(g, seq) == pytest.approx(1 / 3, abs=1e-4)

    @pytest.mark.parametrize("scheme", SCHEMES)
    def test_every_scheme_matches_reference(self, scheme: str) -> None:
        g, seq, poles = self.g, self.seq, self.sc.poles
        kw = {"salience": scheme}
        approx_dict(mp.attention(seq, scheme), ref.attention(seq, scheme))
        approx_dict(
            mp.pole_attention(g, seq, poles, **kw),
            ref.pole_attention(g, seq, poles, **kw),
        )
        assert mp.equidistance(g, seq, poles, **kw) == pytest.approx(
            ref.equidistance(g, seq, poles, **kw), abs=ABS
        )
        assert mp.tilt(g, seq, poles, **kw) == pytest.approx(
            ref.tilt(g, seq, poles, **kw), abs=ABS
        )
        for universe in ("contacted", "ties"):
            approx_opt(
                mp.proportionality(g, seq, salience=scheme, universe=universe),
                ref.proportionality(g, seq, salience=scheme, universe_kind=universe),
            )
        approx_opt(mp.concordance(g, seq), ref.concordance(g, seq))


# -- hand-computed small cases ---------------------------------------------------------
THREE = seq_of(("USA", "2025-06-06"), ("JPN", "2025-06-09"), ("CHN", "2025-06-10"))


class TestSalienceByHand:
    def test_geometric(self) -> None:
        """delta = 0.5: r = (1, 0.5, 0.25), sum 1.75 -> w = (4/7, 2/7, 1/7)."""
        w = mp.salience_weights(THREE, mp.Salience(scheme="geometric", decay=0.5))
        assert w == pytest.approx([4 / 7, 2 / 7, 1 / 7], abs=ABS)
        assert mp.salience_weights(THREE, "geometric") == pytest.approx(w, abs=ABS)

    def test_geometric_decay_one_is_uniform(self) -> None:
        """delta = 1: r = (1, 1, 1) -> w = 1/3 each."""
        w = mp.salience_weights(THREE, mp.Salience(scheme="geometric", decay=1.0))
        assert w == pytest.approx([1 / 3] * 3, abs=ABS)

    def test_geometric_other_decay(self) -> None:
        """delta = 0.2: r = (1, 0.2, 0.04), sum 1.24 ->
        w = (0.80645, 0.16129, 0.03226).
        """
        w = mp.salience_weights(THREE, mp.Salience(scheme="geometric", decay=0.2))
        assert w == pytest.approx([1 / 1.24, 0.2 / 1.24, 0.04 / 1.24], abs=ABS)

    def test_linear(self) -> None:
        """n = 3: r = (3, 2, 1), sum 6 -> w = (1/2, 1/3, 1/6)."""
        w = mp.salience_weights(THREE, "linear")
        assert w == pytest.approx([1 / 2, 1 / 3, 1 / 6], abs=ABS)

    def test_half_life(self) -> None:
        """start 2025-06-04, contacts on days 2, 5, 6; h = 7:
        r = (2^(-2/7), 2^(-5/7), 2^(-6/7)) = (0.820335, 0.609507, 0.552045),
        sum 1.981887 -> w = (0.413916, 0.307539, 0.278545).
        """
        seq = THREE.replace(start=dt.date(2025, 6, 4))
        w = mp.salience_weights(seq, "half-life")
        assert w == pytest.approx([0.413916, 0.307539, 0.278545], abs=1e-6)
        w7 = mp.salience_weights(seq, mp.Salience(scheme="half-life", half_life_days=7))
        assert w7 == pytest.approx(w, abs=ABS)

    def test_half_life_counts_from_first_contact_by_default(self) -> None:
        """No start: t_0 = 6 June, days 0, 3, 4; h = 2: r = (1, 2^-1.5, 2^-2) =
        (1, 0.353553, 0.25), sum 1.603553 -> w = (0.623615, 0.220482, 0.155904).
        """
        w = mp.salience_weights(
            THREE, mp.Salience(scheme="half-life", half_life_days=2)
        )
        assert w == pytest.approx([0.623615, 0.220482, 0.155904], abs=1e-6)

    def test_same_day_contacts_have_equal_half_life_weight(self) -> None:
        """Two calls on one day: same r, so w = (1/2, 1/2)."""
        seq = seq_of(("USA", "2025-06-06"), ("CHN", "2025-06-06"), start="2025-06-01")
        assert mp.salience_weights(seq, "half-life") == pytest.approx([0.5, 0.5])

    def test_channel_multipliers(self) -> None:
        """visit, letter, call under harmonic: r = (1*2, 1/2*0.5, 1/3*1) =
        (2, 1/4, 1/3), sum 31/12 -> w = (24/31, 3/31, 4/31).
        """
        seq = seq_of(
            ("USA", "2025-06-06", "visit"),
            ("JPN", "2025-06-09", "letter"),
            ("CHN", "2025-06-10", "call"),
        )
        w = mp.salience_weights(seq)
        assert w == pytest.approx([24 / 31, 3 / 31, 4 / 31], abs=ABS)
        assert ref.salience_weights(seq, exact=True) == [
            Fraction(24, 31),
            Fraction(3, 31),
            Fraction(4, 31),
        ]

    def test_every_default_channel(self) -> None:
        """Uniform scheme, channels call/letter/envoy/meeting/summit/visit:
        r = (1, 0.5, 0.75, 1.5, 1.5, 2), sum 7.25.
        """
        seq = seq_of(
            *(
                (p, "2025-06-06", ch)
                for p, ch in zip(
                    ("USA", "JPN", "CHN", "USA", "JPN", "CHN"),
                    CHANNELS_ORDER,
                    strict=True,
                )
            )
        )
        w = mp.salience_weights(seq, "uniform")
        assert w == pytest.approx([x / 7.25 for x in (1, 0.5, 0.75, 1.5, 1.5, 2)])

    def test_channel_override_keeps_other_defaults(self) -> None:
        """channel_weights={"call": 3}: visit keeps 2, letter 0.5 (harmonic):
        r = (2, 0.25, 1), sum 3.25 -> w = (0.61538, 0.07692, 0.30769).
        """
        seq = seq_of(
            ("USA", "2025-06-06", "visit"),
            ("JPN", "2025-06-09", "letter"),
            ("CHN", "2025-06-10", "call"),
        )
        w = mp.salience_weights(seq, mp.Salience(channel_weights={"call": 3}))
        assert w == pytest.approx([2 / 3.25, 0.25 / 3.25, 1 / 3.25], abs=ABS)

    def test_partner_contacted_twice(self) -> None:
        """USA, CHN, USA under harmonic: w = (6/11, 3/11, 2/11);
        alpha_USA = 6/11 + 2/11 = 8/11, alpha_CHN = 3/11.
        """
        seq = seq_of(
            ("USA", "2025-06-06"), ("CHN", "2025-06-07"), ("USA", "2025-06-08")
        )
        alpha = mp.attention(seq)
        approx_dict(alpha, {"USA": 8 / 11, "CHN": 3 / 11})
        g = worked_example_graph()
        pi = mp.pole_attention(g, seq, POLES)
        approx_dict(pi, {"USA": 8 / 11, "CHN": 3 / 11})

    def test_salience_object_and_name_agree(self) -> None:
        for scheme in SCHEMES:
            assert mp.salience_weights(THREE, scheme) == pytest.approx(
                mp.salience_weights(THREE, mp.Salience(scheme=scheme)), abs=ABS
            )


CHANNELS_ORDER = ("call", "letter", "envoy", "meeting", "summit", "visit")
THREE_POLES = ("USA", "CHN", "RUS")


class TestAlignmentByHand:
    def test_three_poles_equidistance(self) -> None:
        """Poles (USA, CHN, RUS), uniform salience.
        USA, CHN: pi = (1/2, 1/2, 0); sum |pi - 1/3| = 1/6 + 1/6 + 1/3 = 2/3;
        E = 1 - 3/4 * 2/3 = 1/2.  USA only: sum = 2/3 + 1/3 + 1/3 = 4/3 ->
        E = 1 - 3/4 * 4/3 = 0.  USA, CHN, RUS: pi uniform -> E = 1.
        """
        g = mp.RelationGraph(
            [T(source="USA", target="CHN", kind="rivalry", strength=1)],
            [mp.State(code=c, name=c) for c in ("KOR", "USA", "CHN", "RUS")],
        )
        two = seq_of(("USA", "2025-06-06"), ("CHN", "2025-06-07"))
        one = seq_of(("USA", "2025-06-06"))
        all3 = seq_of(
            ("USA", "2025-06-06"), ("CHN", "2025-06-07"), ("RUS", "2025-06-08")
        )
        kw = {"salience": "uniform"}
        assert mp.equidistance(g, two, THREE_POLES, **kw) == pytest.approx(0.5, abs=ABS)
        assert mp.equidistance(g, one, THREE_POLES, **kw) == pytest.approx(0.0, abs=ABS)
        assert mp.equidistance(g, all3, THREE_POLES, **kw) == pytest.approx(
            1.0, abs=ABS
        )

    def test_hostility_pushes_evenly(self) -> None:
        """Poles (USA, CHN, RUS).
        PRK: rivalry with USA 1 -> z = (-1, 0, 0) -> a ∝ (0, 1/2, 1/2) = (0, .5, .5).
        IRN: alliance CHN 1, rivalry USA 1 -> z = (-1, 1, 0);
          a ∝ (0, 1 + 1/2, 0 + 1/2) = (0, 1.5, 0.5) -> (0, 0.75, 0.25).
        CUB: rivalry USA 1, rivalry CHN 0.5 -> z = (-1, -0.5, 0);
          a ∝ (0.5*0.5, 0.5*1, 0.5*1.5) = (0.25, 0.5, 0.75) -> (1/6, 1/3, 1/2).
        """
        g = mp.RelationGraph(
            [
                T(source="PRK", target="USA", kind="rivalry", strength=1),
                T(source="IRN", target="CHN", kind="alliance", strength=1),
                T(source="IRN", target="USA", kind="rivalry", strength=1),
                T(source="CUB", target="USA", kind="rivalry", strength=1),
                T(source="CUB", target="CHN", kind="rivalry", strength=0.5),
            ],
            [
                mp.State(code=c, name=c)
                for c in ("USA", "CHN", "RUS", "PRK", "IRN", "CUB")
            ],
        )
        a = mp.alignment(g, THREE_POLES)
        want = {
            "USA": (1, 0, 0),
            "CHN": (0, 1, 0),
            "RUS": (0, 0, 1),
            "PRK": (0, 0.5, 0.5),
            "IRN": (0, 0.75, 0.25),
            "CUB": (1 / 6, 1 / 3, 1 / 2),
        }
        approx_rows(a, want)

    def test_hostility_two_poles_and_uniform_default(self) -> None:
        """Two poles: rivalry USA 1 and partnership USA 0.5 -> z_USA =
        0.5*0.5 - 1 = -0.75, z_CHN = 0 -> a ∝ (0, 0.75) = (0, 1).
        A state with only trade/neighbour ties (weight 0) -> z = 0 -> (1/2, 1/2).
        Scale invariance: alliance USA 0.2, CHN 0.1 -> (2/3, 1/3).
        """
        g = mp.RelationGraph(
            [
                T(source="PRK", target="USA", kind="rivalry", strength=1),
                T(source="PRK", target="USA", kind="partnership", strength=0.5),
                T(source="SGP", target="USA", kind="trade", strength=0.9),
                T(source="SGP", target="CHN", kind="neighbour", strength=1),
                T(source="AUS", target="USA", kind="alliance", strength=0.2),
                T(source="AUS", target="CHN", kind="alliance", strength=0.1),
            ]
        )
        a = mp.alignment(g, POLES)
        approx_rows(
            {k: a[k] for k in ("PRK", "SGP", "AUS")},
            {"PRK": (0, 1), "SGP": (0.5, 0.5), "AUS": (2 / 3, 1 / 3)},
        )

    def test_kinds_mapping_and_sequence(self) -> None:
        """Worked example, KOR (alliance USA 1, partnership JPN .5 / CHN 1):
        kinds=["alliance"] -> z = (1, 0) -> (1, 0);
        kinds={"partnership": 1} -> z = (0, 1) -> (0, 1);
        kinds={"alliance": 1, "partnership": 2} -> z = (1, 2) -> (1/3, 2/3);
        kinds={"trade": 1} -> z = (0.15, 0.2) (pair strength) -> (3/7, 4/7).
        """
        g = worked_example_graph()
        cases_ = [
            (["alliance"], (1, 0)),
            ({"partnership": 1}, (0, 1)),
            ({"alliance": 1, "partnership": 2}, (1 / 3, 2 / 3)),
            ({"trade": 1}, (3 / 7, 4 / 7)),
        ]
        for kinds, want in cases_:
            got = mp.alignment(g, POLES, kinds=kinds)["KOR"]
            assert got == pytest.approx(want, abs=ABS), kinds

    def test_trade_alignment_uses_larger_direction(self) -> None:
        """kinds={"trade": 1}: THA->USA 0.1 and USA->THA 0.3 -> str = 0.3;
        CHN->THA 0.1 only -> str = 0.1; z = (0.3, 0.1) -> (3/4, 1/4).
        """
        g = mp.RelationGraph(
            [
                T(source="THA", target="USA", kind="trade", strength=0.1),
                T(source="USA", target="THA", kind="trade", strength=0.3),
                T(source="CHN", target="THA", kind="trade", strength=0.1),
            ]
        )
        got = mp.alignment(g, POLES, kinds={"trade": 1})["THA"]
        assert got == pytest.approx([0.75, 0.25], abs=ABS)

    def test_sequence_measures_read_the_start_snapshot(self) -> None:
        """Sequence start 2025-06-04 (bounds inclusive).
        JPN-CHN alliance ending 2025-06-03: not valid -> JPN (1, 0), tilt = 7/11.
        Ending 2025-06-04: valid -> JPN z = (1, 1) -> (1/2, 1/2);
        pi = 6/11 (1, 0) + 3/11 (1/2, 1/2) + 2/11 (0, 1) = (15/22, 7/22);
        tilt = 8/22 = 4/11.  Starting 2025-06-05 (after start): not valid.
        """
        seq = WORKED_SEQ.replace(start=dt.date(2025, 6, 4))

        def tie(**kw: str) -> mp.Tie:
            return T(source="JPN", target="CHN", kind="alliance", strength=1, **kw)

        def tilt_with(t: mp.Tie) -> float:
            return mp.tilt(worked_example_graph((t,)), seq, POLES)

        assert tilt_with(tie(end="2025-06-03")) == pytest.approx(7 / 11, abs=ABS)
        assert tilt_with(tie(end="2025-06-04")) == pytest.approx(4 / 11, abs=ABS)
        assert tilt_with(tie(start="2025-06-04")) == pytest.approx(4 / 11, abs=ABS)
        assert tilt_with(tie(start="2025-06-05")) == pytest.approx(7 / 11, abs=ABS)

    def test_alignment_takes_graph_as_given(self) -> None:
        """A tie dated in the future still counts for alignment(graph, ...)."""
        g = worked_example_graph(
            (
                T(
                    source="JPN",
                    target="CHN",
                    kind="alliance",
                    strength=1,
                    start="2030-01-01",
                ),
            )
        )
        assert mp.alignment(g, POLES)["JPN"] == pytest.approx([0.5, 0.5], abs=ABS)


class TestBenchmarkByHand:
    def test_trade_counts_only_focal_direction(self) -> None:
        """Trade recorded only CHN->KOR 0.9 does not count for KOR's benchmark;
        KOR->USA 0.15 and KOR->JPN 0.05 do. interests={"trade": 1}:
        over (USA, JPN, CHN): (0.15, 0.05, 0)/0.2 = (0.75, 0.25, 0).
        """
        g = mp.RelationGraph(
            [
                T(source="CHN", target="KOR", kind="trade", strength=0.9),
                T(source="KOR", target="USA", kind="trade", strength=0.15),
                T(source="KOR", target="JPN", kind="trade", strength=0.05),
            ]
        )
        b = mp.interest_benchmark(
            g, "KOR", ["USA", "JPN", "CHN"], interests={"trade": 1}
        )
        assert b is not None
        approx_dict(b, {"USA": 0.75, "JPN": 0.25, "CHN": 0.0})

    def test_symmetric_kinds_count_either_way(self) -> None:
        """Neighbour CHN-KOR recorded from CHN still counts: (1, 0) over (CHN, USA)."""
        g = mp.RelationGraph(
            [
                T(source="CHN", target="KOR", kind="neighbour", strength=1),
                T(source="USA", target="JPN", kind="alliance", strength=1),
            ]
        )
        b = mp.interest_benchmark(g, "KOR", ["CHN", "USA"])
        assert b is not None
        approx_dict(b, {"CHN": 1.0, "USA": 0.0})

    def test_absent_kind_is_skipped(self) -> None:
        """Worked example over (JPN, CHN) with theta alliance 1, trade 1,
        neighbour 1: alliance absent on U (only USA has one) -> skipped;
        trade (0.05, 0.2)/0.25 = (0.2, 0.8); neighbour (0.5, 0.5);
        b = ((0.2 + 0.5)/2, (0.8 + 0.5)/2) = (0.35, 0.65).
        """
        b = mp.interest_benchmark(worked_example_graph(), "KOR", ["JPN", "CHN"])
        assert b is not None
        approx_dict(b, {"JPN": 0.35, "CHN": 0.65})

    def test_custom_interests(self) -> None:
        """interests={"partnership": 1}: (0, 0.5, 1)/1.5 over (USA, JPN, CHN)
        = (0, 1/3, 2/3).  interests={"alliance": 2, "trade": 1}:
        alliance (1, 0, 0), trade (0.375, 0.125, 0.5):
        b = (2*1 + 0.375, 0.125, 0.5)/3 = (0.79167, 0.04167, 0.16667).
        """
        g = worked_example_graph()
        b = mp.interest_benchmark(
            g, "KOR", ["USA", "JPN", "CHN"], interests={"partnership": 1}
        )
        assert b is not None
        approx_dict(b, {"USA": 0, "JPN": 1 / 3, "CHN": 2 / 3})
        b = mp.interest_benchmark(
            g, "KOR", ["USA", "JPN", "CHN"], interests={"alliance": 2, "trade": 1}
        )
        assert b is not None
        approx_dict(b, {"USA": 2.375 / 3, "JPN": 0.125 / 3, "CHN": 0.5 / 3})

    def test_none_without_interest_ties(self) -> None:
        """Only partnership/rivalry ties: no interest kind present -> None all round."""
        g = mp.RelationGraph(
            [
                T(source="KOR", target="USA", kind="partnership", strength=1),
                T(source="KOR", target="CHN", kind="rivalry", strength=1),
            ]
        )
        seq = seq_of(("USA", "2025-06-06"), ("CHN", "2025-06-07"))
        assert mp.interest_benchmark(g, "KOR", ["USA", "CHN"]) is None
        # None is said, not silent: one warning naming the partners, or an error
        undefined = r"links KOR to its partners \(USA, CHN\).* is None"
        with pytest.warns(UndefinedBenchmarkWarning, match=undefined) as caught:
            assert mp.proportionality(g, seq) is None
        assert len(caught) == 1 and caught[0].message.states == ("USA", "CHN")
        with pytest.warns(UndefinedBenchmarkWarning, match="proportionality is None"):
            assert mp.proportionality(g, seq, universe="ties") is None
        with pytest.warns(UndefinedBenchmarkWarning, match="concordance is None"):
            assert mp.concordance(g, seq) is None
        for strict in (
            lambda: mp.proportionality(g, seq, strict=True),
            lambda: mp.concordance(g, seq, strict=True),
        ):
            with pytest.raises(UndefinedBenchmarkError, match="USA, CHN"):
                strict()
        g2 = worked_example_graph()
        assert (
            mp.interest_benchmark(g2, "KOR", ["USA"], interests={"rivalry": 1}) is None
        )

    def test_universe_ties(self) -> None:
        """Worked example plus trade KOR->RUS 0.1 and partnership KOR-IND 1;
        universe="ties": (USA, JPN, CHN) contacted, then RUS and IND.
        trade (0.15, 0.05, 0.2, 0.1, 0)/0.5 = (0.3, 0.1, 0.4, 0.2, 0);
        alliance (1, 0, 0, 0, 0); neighbour (0, 0.5, 0.5, 0, 0);
        b = (1.3, 0.6, 0.9, 0.2, 0)/3.  alpha = (6, 3, 2, 0, 0)/11.
        M = (0.48939, 0.23636, 0.24091, 0.03333, 0);
        KL(alpha||M) = 0.067831, KL(b||M) = 0.037349 -> P = 1 - 0.052590 = 0.94741.
        """
        g = worked_example_graph(
            (
                T(source="KOR", target="RUS", kind="trade", strength=0.1),
                T(source="KOR", target="IND", kind="partnership", strength=1),
            )
        )
        alpha = [6 / 11, 3 / 11, 2 / 11, 0, 0]
        b = [1.3 / 3, 0.6 / 3, 0.9 / 3, 0.2 / 3, 0]
        want = 1 - ref.jsd2(alpha, b)
        p = mp.proportionality(g, WORKED_SEQ, universe="ties")
        assert p == pytest.approx(want, abs=ABS)
        assert p == pytest.approx(0.94741, abs=1e-5)
        assert p < mp.proportionality(g, WORKED_SEQ)

    def test_proportionality_one_when_attention_matches(self) -> None:
        """Neighbour ties 1 to USA and JPN, uniform salience over USA, JPN:
        alpha = b = (1/2, 1/2) -> P = 1.
        """
        g = mp.RelationGraph(
            [
                T(source="KOR", target="USA", kind="neighbour", strength=1),
                T(source="KOR", target="JPN", kind="neighbour", strength=1),
            ]
        )
        seq = seq_of(("USA", "2025-06-06"), ("JPN", "2025-06-07"))
        assert mp.proportionality(g, seq, salience="uniform") == pytest.approx(
            1, abs=1e-12
        )
        assert mp.proportionality(g, seq) < 1 - 1e-3  # harmonic (2/3, 1/3) != b

    def test_concordance_none_cases(self) -> None:
        """One partner -> None; b constant over the partners -> None."""
        g = worked_example_graph()
        assert mp.concordance(g, seq_of(("USA", "2025-06-06"))) is None
        # USA twice is one partner
        assert (
            mp.concordance(g, seq_of(("USA", "2025-06-06"), ("USA", "2025-06-07")))
            is None
        )
        # JPN, CHN with interests={"neighbour": 1}: b = (1/2, 1/2) -> no variation
        seq = seq_of(("JPN", "2025-06-06"), ("CHN", "2025-06-07"))
        assert mp.concordance(g, seq, interests={"neighbour": 1}) is None

    def test_concordance_with_ties_in_benchmark(self) -> None:
        """Partners USA, JPN, CHN, RUS; interests={"neighbour": 1} with neighbours
        JPN 1, CHN 1, RUS 1 -> b = (0, 1/3, 1/3, 1/3); earliness (-1, -2, -3, -4).
        Pairs: USA with each later partner: earlier but lower b -> 3 discordant;
        the other 3 pairs tie in b.  n0 = 6, n2 = 3:
        tau_b = (0 - 3) / sqrt(6 * 3) = -0.70711.
        """
        g = worked_example_graph(
            (T(source="KOR", target="RUS", kind="neighbour", strength=1),)
        )
        seq = seq_of(
            ("USA", "2025-06-06"),
            ("JPN", "2025-06-07"),
            ("CHN", "2025-06-08"),
            ("RUS", "2025-06-09"),
        )
        tau = mp.concordance(g, seq, interests={"neighbour": 1})
        assert tau == pytest.approx(-3 / math.sqrt(18), abs=ABS)

    def test_concordance_uses_first_contact(self) -> None:
        """CHN, USA, CHN, JPN: first contacts CHN 1, USA 2, JPN 4; b (§7)
        CHN 1/3, USA 0.4583, JPN 0.2083.  Pairs: (CHN, USA) discordant,
        (CHN, JPN) concordant, (USA, JPN) concordant -> tau = 1/3.
        """
        seq = seq_of(
            ("CHN", "2025-06-06"),
            ("USA", "2025-06-07"),
            ("CHN", "2025-06-08"),
            ("JPN", "2025-06-09"),
        )
        assert mp.concordance(worked_example_graph(), seq) == pytest.approx(
            1 / 3, abs=ABS
        )


# -- errors ----------------------------------------------------------------------------
class TestErrors:
    g = worked_example_graph()

    def test_tilt_needs_two_poles(self) -> None:
        g = mp.RelationGraph(
            [T(source="USA", target="CHN", kind="rivalry", strength=1)],
            [mp.State(code=c, name=c) for c in ("KOR", "USA", "CHN", "RUS")],
        )
        with pytest.raises(mp.InvalidParameterError, match="pole"):
            mp.tilt(g, seq_of(("USA", "2025-06-06")), THREE_POLES)
        # the other measures accept three poles
        assert mp.equidistance(g, seq_of(("USA", "2025-06-06")), THREE_POLES) == 0

    @pytest.mark.parametrize(
        "call",
        [
            lambda g, s: mp.pole_attention(g, s, POLES),
            lambda g, s: mp.equidistance(g, s, POLES),
            lambda g, s: mp.tilt(g, s, POLES),
            lambda g, s: mp.proportionality(g, s),
            lambda g, s: mp.proportionality(g, s, universe="ties"),
            lambda g, s: mp.concordance(g, s),
        ],
    )
    def test_unknown_partner(self, call) -> None:  # type: ignore[no-untyped-def]
        seq = seq_of(("USA", "2025-06-06"), ("ZZZ", "2025-06-07"))
        with pytest.raises(mp.UnknownStateError, match="ZZZ") as info:
            call(self.g, seq)
        assert info.value.codes == ("ZZZ",)

    def test_unknown_pole_and_benchmark_partner(self) -> None:
        with pytest.raises(mp.UnknownStateError, match="ZZZ"):
            mp.alignment(self.g, ("USA", "ZZZ"))
        with pytest.raises(mp.UnknownStateError, match="ZZZ"):
            mp.interest_benchmark(self.g, "KOR", ["USA", "ZZZ"])

    @pytest.mark.parametrize(
        "make, match",
        [
            (lambda: mp.Salience(scheme="exponential"), "exponential"),
            (lambda: mp.Salience(channel_weights={"visit": -1}), "visit"),
            (lambda: mp.Salience(channel_weights={"phone": 1}), "phone"),
            (lambda: mp.Salience(scheme="geometric", decay=0), "decay"),
            (lambda: mp.Salience(scheme="geometric", decay=1.5), "decay"),
            (lambda: mp.Salience(scheme="geometric", decay=-0.5), "decay"),
            (lambda: mp.Salience(scheme="half-life", half_life_days=0), "half_life"),
            (lambda: mp.Salience(scheme="half-life", half_life_days=-3), "half_life"),
            (lambda: mp.Salience(decay=float("nan")), "decay"),
        ],
    )
    def test_bad_salience_rejected(self, make, match) -> None:  # type: ignore[no-untyped-def]
        with pytest.raises(ValueError, match=match):
            make()

    def test_bad_scheme_name_rejected_by_every_measure(self) -> None:
        s = WORKED_SEQ
        calls = [
            lambda: mp.salience_weights(s, "exponential"),
            lambda: mp.attention(s, "exponential"),
            lambda: mp.equidistance(self.g, s, POLES, salience="exponential"),
            lambda: mp.proportionality(self.g, s, salience="exponential"),
        ]
        for call in calls:
            with pytest.raises(mp.InvalidParameterError, match="exponential"):
                call()

    def test_all_zero_salience_rejected(self) -> None:
        sal = mp.Salience(channel_weights=dict.fromkeys(CHANNELS, 0.0))
        with pytest.raises(mp.InvalidParameterError, match="salience"):
            mp.salience_weights(WORKED_SEQ, sal)

    def test_bad_interest_and_kinds(self) -> None:
        with pytest.raises(ValueError, match="friendship"):
            mp.interest_benchmark(self.g, "KOR", ["USA"], interests={"friendship": 1})
        with pytest.raises(ValueError, match="-1"):
            mp.interest_benchmark(self.g, "KOR", ["USA"], interests={"trade": -1})
        with pytest.raises(ValueError, match="friendship"):
            mp.alignment(self.g, POLES, kinds=["friendship"])

    def test_bad_universe(self) -> None:
        with pytest.raises(ValueError, match="everyone"):
            mp.proportionality(self.g, WORKED_SEQ, universe="everyone")  # type: ignore[arg-type]


# -- Kendall tau-b of the reference ----------------------------------------------------
@given(
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=0, max_size=9)
)
def test_reference_tau_b_matches_scipy(pairs: list[tuple[int, int]]) -> None:
    x = [p[0] for p in pairs]
    y = [p[1] for p in pairs]
    got = ref.kendall_tau_b(x, y)
    if len(pairs) < 2 or len(set(x)) < 2 or len(set(y)) < 2:
        assert got is None
    else:
        want = scipy.stats.kendalltau(x, y, variant="b").statistic
        assert got == pytest.approx(want, abs=1e-12)


# -- library == reference on random worlds ---------------------------------------------
def _recorded(call: Callable[[], object]) -> tuple[object, list[Any]]:
    """The result of ``call`` and the library warnings it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", MiddlePowerWarning)
        value = call()
    return value, [w.message for w in caught]


def _all_measures(case: Case) -> dict[str, Any]:
    """Every §2 measure of the library on one case (raises propagate).

    The caveats each measure warned are under ``"warned"`` (measure -> list of
    warnings); random worlds have partners without ties to the poles and
    benchmarks without interest ties, and the warnings are checked against
    the reference in :func:`test_library_matches_reference`.
    """
    g, seq, poles, sal = case.graph, case.sequence, case.poles, case.salience
    kw = {"salience": sal, "kinds": case.kinds}
    calls: dict[str, Callable[[], object]] = {
        "pi": lambda: mp.pole_attention(g, seq, poles, **kw),
        "E": lambda: mp.equidistance(g, seq, poles, **kw),
        "P": lambda: mp.proportionality(g, seq, salience=sal, interests=case.interests),
        "P_ties": lambda: mp.proportionality(
            g, seq, salience=sal, interests=case.interests, universe="ties"
        ),
        "tau_b": lambda: mp.concordance(g, seq, interests=case.interests),
    }
    if len(poles) == 2:
        calls["tilt"] = lambda: mp.tilt(g, seq, poles, **kw)
    out: dict[str, Any] = {
        "w": mp.salience_weights(seq, sal),
        "alpha": mp.attention(seq, sal),
        "a": mp.alignment(g, poles, kinds=case.kinds),
        "warned": {},
    }
    for key, call in calls.items():
        out[key], out["warned"][key] = _recorded(call)
    return out


def _check_caveats(case: Case, lib: dict[str, Any]) -> None:
    """The measures warned exactly the caveats the reference predicts."""
    g, seq, poles = case.graph, case.sequence, case.poles
    untied = ref.untied_partners(g, seq, poles, kinds=case.kinds)
    partners = seq.distinct_partners
    for key in ("pi", "E", "tilt"):
        if key not in lib:
            continue
        got = lib["warned"][key]
        if not untied:
            assert got == []
            continue
        assert len(got) == 1, "one warning per call"
        want = (
            PolesNotReachedWarning
            if len(untied) == len(partners)
            else (UnalignedPartnerWarning)
        )
        assert type(got[0]) is want
        assert got[0].states == tuple(untied)
        for s in untied:
            assert s in str(got[0])
    for key, universe in (("P", "contacted"), ("P_ties", "ties"), ("tau_b", None)):
        got = lib["warned"][key]
        undefined = ref.benchmark_undefined(
            g, seq, interests=case.interests, universe_kind=universe or "contacted"
        )
        if undefined:
            assert [type(w) for w in got] == [UndefinedBenchmarkWarning]
            assert lib[key] is None
        else:
            assert got == []


@settings(deadline=None)
@given(cases())
def test_library_matches_reference(case: Case) -> None:
    g, seq, poles, sal = case.graph, case.sequence, case.poles, case.salience
    kw = {"salience": sal, "kinds": case.kinds}
    lib = _all_measures(case)
    assert lib["w"] == pytest.approx([float(x) for x in ref.salience_weights(seq, sal)])
    approx_dict(lib["alpha"], ref.attention(seq, sal))
    approx_rows(lib["a"], ref.alignment(g, poles, kinds=case.kinds))
    approx_dict(lib["pi"], ref.pole_attention(g, seq, poles, **kw))
    assert lib["E"] == pytest.approx(ref.equidistance(g, seq, poles, **kw), abs=ABS)
    if "tilt" in lib:
        assert lib["tilt"] == pytest.approx(ref.tilt(g, seq, poles, **kw), abs=ABS)
    for key, universe in (("P", "contacted"), ("P_ties", "ties")):
        want = ref.proportionality(
            g, seq, salience=sal, interests=case.interests, universe_kind=universe
        )
        approx_opt(lib[key], want)
    # exact arithmetic decides ties among benchmark values; only where floats
    # cannot tell two values apart (e.g. strengths of 1e-94 against 0.01, which
    # leave b = (1 - 6e-92)/2 and (1 - 1e-306)/2 both 0.5 in floats) may the
    # library follow the float reference instead
    exact_tau = ref.concordance(g, seq, interests=case.interests, exact=True)
    float_tau = ref.concordance(g, seq, interests=case.interests)
    if _same(float_tau, exact_tau):
        approx_opt(lib["tau_b"], exact_tau)
    else:
        assert _same(lib["tau_b"], exact_tau) or _same(lib["tau_b"], float_tau)
    _check_caveats(case, lib)


@settings(deadline=None)
@given(cases(), st.data())
def test_benchmark_matches_reference(case: Case, data: st.DataObject) -> None:
    """interest_benchmark takes the graph as given, any partner subset."""
    partners = data.draw(
        st.lists(st.sampled_from(case.graph.codes[1:]), min_size=1, max_size=6)
    )
    got = mp.interest_benchmark(
        case.graph, case.focal, partners, interests=case.interests
    )
    want = ref.interest_benchmark(
        case.graph, case.focal, partners, interests=case.interests
    )
    if want is None:
        assert got is None
    else:
        assert got is not None
        approx_dict(got, want)


# -- §6 invariants ---------------------------------------------------------------------
EPS = 1e-12

#: The invariants are about the numbers; random worlds have partners without
#: ties to the poles and benchmarks without interest ties, whose warnings are
#: checked against the reference in test_library_matches_reference.
numbers_only = pytest.mark.filterwarnings(
    "ignore::middlepower.exceptions.MiddlePowerWarning"
)


@settings(deadline=None)
@given(cases())
def test_scores_in_range(case: Case) -> None:
    lib = _all_measures(case)
    w = np.asarray(lib["w"])
    assert w.shape == (len(case.sequence),)
    assert (w >= 0).all() and w.sum() == pytest.approx(1, abs=EPS)
    alpha = lib["alpha"]
    assert list(alpha) == list(case.sequence.distinct_partners)
    assert sum(alpha.values()) == pytest.approx(1, abs=EPS)
    assert all(v >= 0 for v in alpha.values())
    for row in lib["a"].values():
        row = np.asarray(row)
        assert row.shape == (len(case.poles),)
        assert (row >= -EPS).all() and row.sum() == pytest.approx(1, abs=EPS)
    pi = lib["pi"]
    assert list(pi) == list(case.poles)
    assert sum(pi.values()) == pytest.approx(1, abs=EPS)
    assert all(v >= -EPS for v in pi.values())
    assert -EPS <= lib["E"] <= 1 + EPS
    if "tilt" in lib:
        assert -1 - EPS <= lib["tilt"] <= 1 + EPS
        assert lib["E"] == pytest.approx(1 - abs(lib["tilt"]), abs=EPS)
    for key in ("P", "P_ties"):
        if lib[key] is not None:
            assert -EPS <= lib[key] <= 1 + EPS
    if lib["tau_b"] is not None:
        assert -1 - EPS <= lib["tau_b"] <= 1 + EPS
    b = mp.interest_benchmark(
        case.graph.at(case.sequence.start),
        case.focal,
        case.sequence.distinct_partners,
        interests=case.interests,
    )
    if b is not None:
        assert sum(b.values()) == pytest.approx(1, abs=EPS)
        assert all(v >= 0 for v in b.values())


_FRESH = st.lists(
    st.from_regex(r"[A-Z][A-Z0-9]{2,5}", fullmatch=True),
    min_size=len(CODES),
    max_size=len(CODES),
    unique=True,
)


@settings(deadline=None)
@given(cases(), _FRESH, st.randoms(use_true_random=False))
def test_relabelling_changes_nothing(case: Case, fresh: list[str], rnd) -> None:  # type: ignore[no-untyped-def]
    rnd.shuffle(fresh)
    mapping = dict(zip(CODES, fresh, strict=True))
    other = relabel(case, mapping)
    a, b = _all_measures(case), _all_measures(other)
    assert b["w"] == pytest.approx(a["w"], abs=ABS)
    approx_dict(b["alpha"], {mapping[k]: v for k, v in a["alpha"].items()})
    approx_rows(b["a"], {mapping[k]: v for k, v in a["a"].items()})
    approx_dict(b["pi"], {mapping[k]: v for k, v in a["pi"].items()})
    for key in ("E", "tilt", "P", "P_ties", "tau_b"):
        if key in a:
            approx_opt(b[key], a[key])


@numbers_only
@settings(deadline=None)
@given(cases(n_poles=2))
def test_swapping_poles_negates_tilt_keeps_e(case: Case) -> None:
    g, seq, (p, q), sal = case.graph, case.sequence, case.poles, case.salience
    kw = {"salience": sal, "kinds": case.kinds}
    t1, t2 = mp.tilt(g, seq, (p, q), **kw), mp.tilt(g, seq, (q, p), **kw)
    assert t2 == pytest.approx(-t1, abs=ABS)
    e1, e2 = (
        mp.equidistance(g, seq, (p, q), **kw),
        mp.equidistance(g, seq, (q, p), **kw),
    )
    assert e2 == pytest.approx(e1, abs=ABS)
    pi1, pi2 = (
        mp.pole_attention(g, seq, (p, q), **kw),
        mp.pole_attention(g, seq, (q, p), **kw),
    )
    assert pi2[p] == pytest.approx(pi1[p], abs=ABS)
    assert pi2[q] == pytest.approx(pi1[q], abs=ABS)


def _with_fresh_state(
    case: Case, code: str, ties: tuple[mp.Tie, ...] = ()
) -> mp.RelationGraph:
    states = [*case.graph.states, mp.State(code=code, name=code)]
    return mp.RelationGraph([*case.graph.ties, *ties], states, check_codes=False)


def _append(
    seq: mp.ContactSequence, partner: str, channel: str, gap: int
) -> mp.ContactSequence:
    last = seq.contacts[-1]
    new = mp.Contact(partner=partner, on=last.on + gap * DAY, channel=channel)
    return seq.replace(contacts=(*seq.contacts, new))


@numbers_only
@settings(deadline=None)
@given(cases(), st.sampled_from(CHANNELS), st.randoms(use_true_random=False), st.data())
def test_e_is_one_when_pole_attention_uniform(
    case: Case, channel: str, rnd, data
) -> None:  # type: ignore[no-untyped-def]
    """Each pole once on one channel plus any tie-less partners, uniform scheme."""
    neutral = ("NEU", "NEV")
    states = [*case.graph.states, *(mp.State(code=c, name=c) for c in neutral)]
    g = mp.RelationGraph(case.graph.ties, states, check_codes=False)
    n_neutral = data.draw(st.integers(0, 3))
    contacts = [(p, channel) for p in case.poles] + [
        (data.draw(st.sampled_from(neutral)), data.draw(st.sampled_from(CHANNELS)))
        for _ in range(n_neutral)
    ]
    rnd.shuffle(contacts)
    seq = mp.ContactSequence(
        focal=case.focal,
        contacts=[
            mp.Contact(partner=p, on=START + i * DAY, channel=ch)
            for i, (p, ch) in enumerate(contacts)
        ],
    )
    sal = data.draw(saliences("uniform"))
    pi = mp.pole_attention(g, seq, case.poles, salience=sal, kinds=case.kinds)
    m = len(case.poles)
    assert list(pi.values()) == pytest.approx([1 / m] * m, abs=ABS)
    assert mp.equidistance(g, seq, case.poles, salience=sal, kinds=case.kinds) == (
        pytest.approx(1, abs=ABS)
    )


@numbers_only
@settings(deadline=None)
@given(cases(scheme="uniform"), st.sampled_from(CHANNELS), st.integers(0, 3))
def test_appending_evenly_aligned_partner_never_lowers_e(
    case: Case, channel: str, gap: int
) -> None:
    """a_new = (1/m, ...): pi' - 1/m = (1 - w)(pi - 1/m), so E' = 1 - (1 - w)(1 - E)."""
    g = _with_fresh_state(case, "NEW")
    kw = {"salience": case.salience, "kinds": case.kinds}
    seq2 = _append(case.sequence, "NEW", channel, gap)
    assert mp.alignment(g, case.poles, kinds=case.kinds)["NEW"] == pytest.approx(
        [1 / len(case.poles)] * len(case.poles)
    )
    e1 = mp.equidistance(g, case.sequence, case.poles, **kw)
    with pytest.warns(UnalignedPartnerWarning, match="NEW") as caught:
        e2 = mp.equidistance(g, seq2, case.poles, **kw)
    assert "NEW" in caught[-1].message.states  # the assumed 1/m is said
    assert e2 >= e1 - ABS
    w = mp.salience_weights(seq2, case.salience)[-1]
    assert e2 == pytest.approx(1 - (1 - w) * (1 - e1), abs=ABS)


@numbers_only
@settings(deadline=None)
@given(cases(scheme="uniform"), st.sampled_from(CHANNELS), st.integers(0, 3))
def test_appending_partner_aligned_like_pi_keeps_e(
    case: Case, channel: str, gap: int
) -> None:
    """NEW has undated alliances of strength pi_j to each pole: z = pi, a = pi."""
    case = dataclasses.replace(case, kinds=None)
    kw = {"salience": case.salience}
    pi = mp.pole_attention(case.graph, case.sequence, case.poles, **kw)
    ties = tuple(
        T(source="NEW", target=p, kind="alliance", strength=min(1.0, max(0.0, pi[p])))
        for p in case.poles
    )
    g = _with_fresh_state(case, "NEW", ties)
    assert mp.alignment(g, case.poles)["NEW"] == pytest.approx(
        list(pi.values()), abs=ABS
    )
    seq2 = _append(case.sequence, "NEW", channel, gap)
    e1 = mp.equidistance(g, case.sequence, case.poles, **kw)
    e2 = mp.equidistance(g, seq2, case.poles, **kw)
    assert e2 == pytest.approx(e1, abs=ABS)
    pi2 = mp.pole_attention(g, seq2, case.poles, **kw)
    approx_dict(pi2, pi)


@settings(deadline=None)
@given(st.data())
def test_p_is_one_when_attention_equals_benchmark(data: st.DataObject) -> None:
    """Neighbour ties F-s of strength alpha_s / max alpha make b = alpha."""
    partners = CODES[1:]
    seq = data.draw(sequences(CODES[0], partners))
    sal = data.draw(saliences())
    alpha = mp.attention(seq, sal)
    top = max(alpha.values())
    ties = [
        T(source=CODES[0], target=s, kind="neighbour", strength=min(1.0, v / top))
        for s, v in alpha.items()
    ]
    # other ties that are not interest kinds, or not the focal state's, change nothing
    ties.append(T(source=CODES[1], target=CODES[2], kind="alliance", strength=1))
    ties.append(T(source=CODES[2], target=CODES[0], kind="trade", strength=0.5))
    g = mp.RelationGraph(
        ties, [mp.State(code=c, name=c) for c in CODES], check_codes=False
    )
    b = mp.interest_benchmark(g, CODES[0], list(alpha))
    assert b is not None
    approx_dict(b, alpha)
    for universe in ("contacted", "ties"):
        p = mp.proportionality(g, seq, salience=sal, universe=universe)
        assert p == pytest.approx(1, abs=1e-9)


@numbers_only
@settings(deadline=None)
@given(cases())
def test_p_below_one_when_attention_differs(case: Case) -> None:
    g, seq = case.graph, case.sequence
    b = mp.interest_benchmark(
        g.at(seq.start), case.focal, seq.distinct_partners, interests=case.interests
    )
    p = mp.proportionality(g, seq, salience=case.salience, interests=case.interests)
    if b is None:
        assert p is None
        return
    assert p is not None
    alpha = mp.attention(seq, case.salience)
    gap = max(abs(alpha[s] - b[s]) for s in alpha)
    assume(gap > 1e-4 or gap < 1e-15)
    if gap > 1e-4:
        assert p < 1 - 1e-12
    else:
        assert p == pytest.approx(1, abs=1e-12)


# -- directed non-trade ties count in either direction for interests --
class TestSpecDiscrepancies:
    def test_benchmark_symmetric_kind_recorded_directed(self) -> None:
        """Alliance recorded USA->KOR with directed=True, neighbour KOR-CHN 1.
        Symmetric for alliance: alliance over (USA, CHN) = (1, 0), neighbour
        (0, 1) -> b = (1/2, 1/2).  The library ignores the alliance: (0, 1).
        """
        g = mp.RelationGraph(
            [
                T(
                    source="USA",
                    target="KOR",
                    kind="alliance",
                    strength=1,
                    directed=True,
                ),
                T(source="KOR", target="CHN", kind="neighbour", strength=1),
            ]
        )
        b = mp.interest_benchmark(g, "KOR", ["USA", "CHN"])
        assert b is not None
        approx_dict(b, {"USA": 0.5, "CHN": 0.5})

    def test_proportionality_symmetric_kind_recorded_directed(self) -> None:
        """b over (USA, CHN) = (1, 0); harmonic alpha = (2/3, 1/3);
        M = (5/6, 1/6); KL(alpha||M) = 2/3 log2(4/5) + 1/3 log2 2 = 0.11871,
        KL(b||M) = log2(6/5) = 0.26303; JSD = 0.19087 -> P = 0.80913.
        Concordance: USA earlier and higher -> 1.
        """
        g = mp.RelationGraph(
            [T(source="USA", target="KOR", kind="alliance", strength=1, directed=True)],
            [mp.State(code=c, name=c) for c in ("KOR", "USA", "CHN")],
        )
        seq = seq_of(("USA", "2025-06-06"), ("CHN", "2025-06-07"))
        p = mp.proportionality(g, seq)
        assert p is not None
        assert p == pytest.approx(1 - ref.jsd2([2 / 3, 1 / 3], [1, 0]), abs=ABS)
        assert p == pytest.approx(0.80913, abs=1e-5)
        assert mp.concordance(g, seq) == pytest.approx(1.0)

    def test_benchmark_empty_universe_is_none(self) -> None:
        """No interest kind is present over an empty universe -> None."""
        assert mp.interest_benchmark(worked_example_graph(), "KOR", []) is None

    def test_alignment_symmetric_kind_recorded_directed(self) -> None:
        """The alignment uses the pair strength: alliance recorded USA->KOR
        (directed=True) still gives KOR z = (1, 0) -> (1, 0).
        """
        g = mp.RelationGraph(
            [T(source="USA", target="KOR", kind="alliance", strength=1, directed=True)],
            [mp.State(code=c, name=c) for c in ("KOR", "USA", "CHN")],
        )
        assert mp.alignment(g, POLES)["KOR"] == pytest.approx([1, 0], abs=ABS)


@numbers_only
@settings(deadline=None)
@given(cases(odd_directed=True))
def test_alignment_and_sequence_measures_match_with_directed_symmetric_ties(
    case: Case,
) -> None:
    """Ties of symmetric kinds recorded directed count both ways in the alignment."""
    g, seq, poles = case.graph, case.sequence, case.poles
    kw = {"salience": case.salience, "kinds": case.kinds}
    approx_rows(
        mp.alignment(g, poles, kinds=case.kinds),
        ref.alignment(g, poles, kinds=case.kinds),
    )
    approx_dict(
        mp.pole_attention(g, seq, poles, **kw), ref.pole_attention(g, seq, poles, **kw)
    )


class TestPoleAndPartnerValidation:
    g = worked_example_graph()

    @pytest.mark.parametrize(
        "poles, error, match",
        [
            (("USA", "USA"), mp.InvalidParameterError, "'USA', 'USA'.* repeat"),
            (("USA",), mp.InvalidParameterError, "at least two states"),
            ("USA", mp.InvalidArgumentTypeError, "sequence of state codes.*'USA'"),
        ],
    )
    def test_bad_poles(self, poles, error, match) -> None:  # type: ignore[no-untyped-def]
        with pytest.raises(error, match=match):
            mp.alignment(self.g, poles)
        with pytest.raises(error, match=match):
            mp.equidistance(self.g, WORKED_SEQ, poles)

    def test_focal_cannot_be_its_own_partner(self) -> None:
        with pytest.raises(mp.InvalidParameterError, match="KOR"):
            mp.interest_benchmark(self.g, "KOR", ["KOR", "USA"])

    def test_unknown_focal(self) -> None:
        seq = mp.ContactSequence(
            focal="ZZZ", contacts=[mp.Contact(partner="USA", on="2025-06-06")]
        )
        for call in (
            lambda: mp.proportionality(self.g, seq),
            lambda: mp.concordance(self.g, seq),
            lambda: mp.interest_benchmark(self.g, "ZZZ", ["USA"]),
        ):
            with pytest.raises(mp.UnknownStateError, match="ZZZ"):
                call()

    def test_repeated_partners_count_once_in_benchmark(self) -> None:
        b1 = mp.interest_benchmark(self.g, "KOR", ["USA", "CHN", "USA"])
        b2 = mp.interest_benchmark(self.g, "KOR", ["USA", "CHN"])
        assert b1 is not None and b2 is not None
        approx_dict(b1, b2)
