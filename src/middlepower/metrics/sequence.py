r"""How balanced is a sequence of diplomatic contacts (METHODS.md §2).

A focal state F (the middle power) makes contacts :math:`c_1 \dots c_n` with
partners :math:`s_i`. Each contact gets a *salience* weight (earlier and more
costly contacts say more), the weights add up to an *attention* distribution
over partners, each partner has an *alignment* between the rival poles, and
the attention that reaches each pole (:func:`pole_attention`) gives the
headline scores :func:`equidistance` and :func:`tilt`. :func:`proportionality`
and :func:`concordance` ask instead whether attention follows F's own
interests (:func:`interest_benchmark`).

Sequence measures read the graph as it stood on the sequence's ``start``
(``graph.at(sequence.start)``): ties that began later or had ended are
ignored. The arrays come from :class:`middlepower.snapshot.GraphArrays`, the
one place where a graph becomes arrays.

No silent verdicts: a contacted partner with no alignment tie to any pole
gets the uniform alignment :math:`1/m` by assumption, so
:func:`pole_attention`, :func:`equidistance` and :func:`tilt` warn
(:class:`~middlepower.exceptions.UnalignedPartnerWarning`, or
:class:`~middlepower.exceptions.PolesNotReachedWarning` when no partner is
tied to a pole); :func:`proportionality` and :func:`concordance` warn
(:class:`~middlepower.exceptions.UndefinedBenchmarkWarning`) when they return
``None`` for want of any interest tie. ``strict=True`` raises instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, BeforeValidator, Field, field_validator

from middlepower import _caveats
from middlepower._checks import (
    check_bool,
    check_code,
    check_code_list,
    check_graph,
    check_kind_weights,
    check_kinds,
    check_pole_codes,
    check_salience,
    check_sequence,
    check_universe,
    show,
)
from middlepower.exceptions import (
    InvalidArgumentTypeError,
    InvalidParameterError,
    MiddlePowerWarning,
    UnknownStateError,
)
from middlepower.graph import KINDS, RelationGraph
from middlepower.kernels.sequence import (
    SCHEMES,
    attention_kernel,
    benchmark_kernel,
    equidistance_kernel,
    jsd2_kernel,
    kendall_tau_b_kernel,
    pole_attention_kernel,
    salience_kernel,
    tilt_kernel,
)
from middlepower.models import (
    ALIGNMENT_WEIGHTS,
    CHANNEL_WEIGHTS,
    INTEREST_WEIGHTS,
    Channel,
    ContactSequence,
    FrozenModel,
    TieKind,
    _number,
    kind_weights,
)
from middlepower.snapshot import GraphArrays, check_poles

__all__ = [
    "Salience",
    "alignment",
    "attention",
    "concordance",
    "equidistance",
    "interest_benchmark",
    "pole_attention",
    "proportionality",
    "salience_weights",
    "tilt",
]

FloatArray = npt.NDArray[np.float64]
SchemeName = Literal["harmonic", "geometric", "linear", "uniform", "half-life"]
KindWeights = Mapping[TieKind, float] | Mapping[str, float]


class Salience(FrozenModel):
    r"""How much each contact of a sequence counts (METHODS.md §2).

    Raw weight :math:`r_i` by scheme, times the channel multiplier
    :math:`\mu(ch_i)`, normalised to sum 1:

    .. math::

       w_i = \frac{r_i\,\mu(ch_i)}{\sum_{l=1}^n r_l\,\mu(ch_l)}

    ============  ==============================================
    scheme        :math:`r_i`
    ============  ==============================================
    harmonic      :math:`1/i` (default)
    geometric     :math:`\delta^{i-1}`, :math:`\delta \in (0, 1]`
    linear        :math:`n - i + 1`
    uniform       :math:`1`
    half-life     :math:`2^{-(t_i - t_0)/h}`, :math:`h` in days
    ============  ==============================================

    Parameters
    ----------
    scheme : str, optional (default="harmonic")
        One of the schemes above.
    decay : float, optional (default=0.5)
        :math:`\delta` of the geometric scheme, in :math:`(0, 1]`.
    half_life_days : float, optional (default=7.0)
        :math:`h` of the half-life scheme, in days (> 0).
    channel_weights : mapping of Channel to float, optional
        Overrides of the default multipliers (call 1, letter 0.5, envoy 0.75,
        meeting 1.5, summit 1.5, visit 2); channels left out keep theirs.

    References
    ----------
    .. [1] Lebovic, J. H. and E. N. Saunders. "The Diplomatic Core: The
       Determinants of High-Level US Diplomatic Visits, 1946-2010."
       *International Studies Quarterly* 60, no. 1 (2016): 107-123.
       https://doi.org/10.1093/isq/sqv008

    Examples
    --------
    >>> sal = mp.Salience("geometric", decay=0.5)
    >>> seq = mp.load_scenario("korea-2025").sequence()
    >>> sal.weights(seq).round(4).tolist()
    [0.5714, 0.2857, 0.1429]
    """

    scheme: SchemeName = "harmonic"
    decay: Annotated[
        float, Field(gt=0.0, le=1.0, allow_inf_nan=False), BeforeValidator(_number)
    ] = 0.5
    half_life_days: Annotated[
        float, Field(gt=0.0, allow_inf_nan=False), BeforeValidator(_number)
    ] = 7.0
    channel_weights: Mapping[Channel, float] | None = None

    def __init__(
        self,
        scheme: SchemeName = "harmonic",
        decay: float = 0.5,
        half_life_days: float = 7.0,
        channel_weights: Mapping[Channel | str, float] | None = None,
        **data: Any,
    ) -> None:
        BaseModel.__init__(
            self,
            scheme=scheme,
            decay=decay,
            half_life_days=half_life_days,
            channel_weights=channel_weights,
            **data,
        )

    @field_validator("scheme", mode="before")
    @classmethod
    def _known_scheme(cls, value: object) -> object:
        if value not in SCHEMES:
            raise ValueError(
                f"unknown salience scheme {value!r}; expected one of "
                + ", ".join(repr(s) for s in SCHEMES)
            )
        return value

    @field_validator("channel_weights", mode="before")
    @classmethod
    def _check_channels(cls, value: object) -> object:
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise ValueError(f"channel_weights must be a mapping, not {value!r}")
        out: dict[Channel, float] = {}
        for key, w in value.items():
            try:
                ch = Channel(key)
            except ValueError:
                valid = ", ".join(repr(c.value) for c in Channel)
                raise ValueError(
                    f"unknown channel {key!r} in channel_weights; expected one of "
                    f"{valid}"
                ) from None
            if isinstance(w, bool) or not isinstance(w, int | float):
                raise ValueError(f"channel weight of {ch.value!r} must be a number")
            if not np.isfinite(w) or w < 0:
                raise ValueError(
                    f"channel weight of {ch.value!r} must be finite and >= 0, not {w!r}"
                )
            out[ch] = float(w)
        return out

    def multipliers(self) -> dict[Channel, float]:
        """Return the channel multipliers in force (defaults with overrides).

        Returns
        -------
        dict of Channel to float
            A multiplier for every channel.

        Examples
        --------
        >>> mult = mp.Salience(channel_weights={"call": 2.0}).multipliers()
        >>> mult[mp.Channel.CALL], mult[mp.Channel.LETTER]
        (2.0, 0.5)
        """
        return {**CHANNEL_WEIGHTS, **(self.channel_weights or {})}

    def weights(self, sequence: ContactSequence) -> FloatArray:
        """Normalised salience weights of ``sequence`` (sum 1).

        Parameters
        ----------
        sequence : ContactSequence
            The contacts.

        Returns
        -------
        numpy.ndarray
            One weight per contact, in order; non-negative, sums to 1.

        Raises
        ------
        InvalidParameterError
            If every contact has multiplier 0.

        Examples
        --------
        >>> seq = mp.load_scenario("korea-2025").sequence()
        >>> mp.Salience("uniform").weights(seq).round(4).tolist()
        [0.3333, 0.3333, 0.3333]
        """
        mult = self.multipliers()
        m = np.array([mult[c.channel] for c in sequence.contacts])
        days = np.array(
            [(c.on - sequence.start).days for c in sequence.contacts], float
        )
        w: FloatArray = salience_kernel(
            self.scheme,
            days,
            m,
            decay=self.decay,
            half_life_days=self.half_life_days,
        )[0]
        if np.isnan(w).any():
            raise InvalidParameterError(
                f"Every contact of the sequence has salience 0 under {self!r}; "
                "give some channel a positive weight."
            )
        return w


def _salience(salience: object) -> Salience:
    """Return the :class:`Salience` of a scheme name or a ``Salience``.

    Shared by the sequence measures and the event panels.
    """
    checked = check_salience(salience)
    if isinstance(checked, Salience):
        return checked
    if checked not in SCHEMES:
        raise InvalidParameterError(
            f"Unknown salience scheme {checked!r}; expected one of "
            + ", ".join(repr(s) for s in SCHEMES)
            + "."
        )
    return Salience(checked)  # type: ignore[arg-type]  # checked above


def _weights(
    what: str, given: KindWeights | None, default: Mapping[TieKind, float]
) -> dict[TieKind, float]:
    try:
        return kind_weights(given, default, what)
    except ValueError as err:
        raise InvalidParameterError(str(err)[0].upper() + str(err)[1:] + ".") from None


def _alignment_kappa(
    kinds: KindWeights | Sequence[TieKind | str] | None,
) -> dict[TieKind, float]:
    if kinds is not None and not isinstance(kinds, Mapping):
        if isinstance(kinds, str):
            kinds = [kinds]
        return _weights("alignment kinds", dict.fromkeys(kinds, 1.0), ALIGNMENT_WEIGHTS)
    return _weights("alignment kinds", kinds, ALIGNMENT_WEIGHTS)


def kappa_array(kappa: Mapping[TieKind, float]) -> FloatArray:
    """Return per-kind weights (κ or θ) as an array in ``KINDS`` order.

    Parameters
    ----------
    kappa : mapping of TieKind to float
        A weight for every kind.

    Returns
    -------
    numpy.ndarray
        Shape ``(len(KINDS),)``.
    """
    return np.array([kappa[k] for k in KINDS], dtype=float)


def untied_rows(
    C: FloatArray, kappa: FloatArray, pole_rows: npt.NDArray[np.intp]
) -> npt.NDArray[np.bool_]:
    r"""Which nodes have no alignment tie to any pole.

    A node is untied when every term :math:`\kappa_k\,\mathrm{str}_k(s, p_j)`
    of its pulls is 0 — no tie of a kind with :math:`\kappa_k > 0` to any
    pole — so its alignment, the uniform :math:`1/m`, is an assumption. (A
    node whose ties to the poles cancel out, :math:`z = 0` with ties, is
    tied.) Poles are tied.

    Parameters
    ----------
    C : numpy.ndarray
        ``(K, N, m)`` signed pair strengths toward each pole
        (:meth:`~middlepower.snapshot.GraphArrays.pole_pulls`).
    kappa : numpy.ndarray
        ``(K,)`` non-negative alignment weights.
    pole_rows : numpy.ndarray of int
        ``(m,)`` rows of the poles.

    Returns
    -------
    numpy.ndarray of bool
        ``(N,)``: True for an untied node.

    Examples
    --------
    >>> from middlepower.metrics.sequence import untied_rows
    >>> from middlepower.snapshot import GraphArrays, kappa_vector
    >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
    >>> arr = GraphArrays.of(g, ["CZE", "JPN", "USA", "CHN"], day="2025-06-04")
    >>> C, rows = arr.pole_pulls(("USA", "CHN"))
    >>> untied_rows(C, kappa_vector(), rows).tolist()
    [True, False, False, False]
    """
    reach = np.tensordot(kappa, np.abs(C), axes=1)  # (N, m)
    out: npt.NDArray[np.bool_] = np.logical_not((reach > 0).any(axis=1))
    out[pole_rows] = False
    return out


def given_alignment(
    alignment: Mapping[str, Any],
    partners: Sequence[str],
    m: int,
) -> FloatArray:
    """Rows of a given alignment mapping for ``partners``, shape ``(k, m)``.

    Parameters
    ----------
    alignment : mapping of str to array_like
        State -> ``m`` non-negative floats summing to 1 (from
        :func:`alignment` or
        :func:`~middlepower.metrics.similarity.alignment_from_similarity`).
    partners : sequence of str
        The states whose rows are wanted.
    m : int
        The number of poles.

    Returns
    -------
    numpy.ndarray
        Shape ``(len(partners), m)``.

    Raises
    ------
    InvalidArgumentTypeError
        If ``alignment`` is not a mapping.
    InvalidParameterError
        If a row is not a distribution over the ``m`` poles.
    UnknownStateError
        If a partner has no alignment.
    """
    if not isinstance(alignment, Mapping):
        raise InvalidArgumentTypeError(
            "alignment must be a mapping of state to pole shares (e.g. from "
            f"alignment_from_similarity), got {show(alignment)}."
        )
    missing = [p for p in partners if p not in alignment]
    if missing:
        raise UnknownStateError(missing, "the given alignment")
    out = np.zeros((len(partners), m))
    for i, p in enumerate(partners):
        value = alignment[p]
        try:
            if isinstance(value, str | bytes) or isinstance(value, Mapping):
                raise TypeError
            row = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            row = np.full(0, np.nan)
        if (
            row.shape != (m,)
            or not np.isfinite(row).all()
            or (row < 0).any()
            or abs(row.sum() - 1.0) > 1e-9
        ):
            raise InvalidParameterError(
                f"The alignment of {p!r} must be {m} non-negative shares summing "
                f"to 1, one per pole, not {show(value)}."
            )
        out[i] = row
    return out


def salience_weights(
    sequence: ContactSequence, salience: str | Salience = "harmonic"
) -> FloatArray:
    r"""Return the salience weight of each contact of ``sequence``.

    .. math::

       w_i = \frac{r_i\,\mu(ch_i)}{\sum_l r_l\,\mu(ch_l)}

    See :class:`Salience` for :math:`r_i` by scheme and the channel
    multipliers :math:`\mu`.

    Parameters
    ----------
    sequence : ContactSequence
        The contacts.
    salience : str or Salience, optional (default="harmonic")
        A scheme name or a configured :class:`Salience`.

    Returns
    -------
    numpy.ndarray
        One weight per contact, in order; non-negative, sums to 1.

    Raises
    ------
    InvalidParameterError
        For an unknown scheme, or when every contact weighs 0.

    Examples
    --------
    >>> seq = mp.load_scenario("korea-2025").sequence()
    >>> mp.salience_weights(seq).round(4).tolist()  # 6/11, 3/11, 2/11
    [0.5455, 0.2727, 0.1818]
    """
    check_sequence(sequence)
    return _salience(salience).weights(sequence)


def attention(
    sequence: ContactSequence, salience: str | Salience = "harmonic"
) -> dict[str, float]:
    r"""Return the attention each partner receives.

    .. math::

       \alpha_s = \sum_{i:\, s_i = s} w_i

    Parameters
    ----------
    sequence : ContactSequence
        The contacts.
    salience : str or Salience, optional (default="harmonic")
        How contacts are weighted (:func:`salience_weights`).

    Returns
    -------
    dict of str to float
        Partners in order of first contact; the values sum to 1.

    Examples
    --------
    >>> seq = mp.load_scenario("korea-2025").sequence()
    >>> {k: round(v, 4) for k, v in mp.attention(seq).items()}
    {'USA': 0.5455, 'JPN': 0.2727, 'CHN': 0.1818}
    """
    check_sequence(sequence)
    w = salience_weights(sequence, salience)
    partners = sequence.distinct_partners
    index = {p: i for i, p in enumerate(partners)}
    idx = np.array([index[p] for p in sequence.partners])
    alpha = attention_kernel(w[None], idx, len(partners))[0]
    return dict(zip(partners, alpha.tolist(), strict=True))


def alignment(
    graph: RelationGraph,
    poles: Sequence[str],
    *,
    kinds: KindWeights | Sequence[TieKind | str] | None = None,
) -> dict[str, FloatArray]:
    r"""Return each state's alignment between the poles, :math:`a_s \in \Delta^m`.

    A pole :math:`p_j` has :math:`a = e_j`. Any other state gets its pull to
    each pole over the alignment kinds,

    .. math::

       z_j = \sum_k \kappa_k\,\mathrm{sign}_k\,\mathrm{str}_k(s, p_j),

    and

    .. math::

       a_j \propto z_j^+ + \frac{1}{m-1}\sum_{l \ne j} z_l^-,

    uniform :math:`1/m` when every :math:`z_j` is 0: positive ties pull toward
    a pole; hostility to a pole pushes evenly toward the others.

    Parameters
    ----------
    graph : RelationGraph
        Taken as given (use ``graph.at(day)`` for a snapshot).
    poles : sequence of str
        The rival poles, e.g. ``("USA", "CHN")``.
    kinds : mapping or sequence of TieKind, optional
        κ of each alignment kind (kinds left out weigh 0); a plain sequence of
        kinds gives each κ = 1. Default: alliance 1, partnership 0.5,
        rivalry 1.

    Returns
    -------
    dict of str to numpy.ndarray
        For every state of the graph, its alignment (``m`` non-negative floats
        summing to 1, in the order of ``poles``).

    Raises
    ------
    InvalidParameterError
        For fewer than two poles, repeated poles or bad κ.
    UnknownStateError
        If a pole is not in the graph.

    Examples
    --------
    >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
    >>> a = mp.alignment(g.at("2025-06-04"), ("USA", "CHN"))
    >>> a["JPN"].tolist()
    [1.0, 0.0]
    """
    check_graph(graph)
    poles = check_poles(graph, check_pole_codes(poles))
    kappa = _alignment_kappa(check_kinds(kinds))
    nodes = graph.codes
    A = GraphArrays.of(graph, nodes).alignment(poles, kappa_array(kappa))
    return {c: A[i].copy() for i, c in enumerate(nodes)}


@dataclass(frozen=True)
class _Prepared:
    """A sequence turned into arrays against a graph snapshot."""

    partners: tuple[str, ...]  # distinct, in order of first contact
    index: npt.NDArray[np.intp]  # partner index of each contact
    weights: FloatArray  # salience weights of the contacts
    A: FloatArray  # alignment of each distinct partner, (k, m)
    poles: tuple[str, ...]
    untied: tuple[str, ...]  # partners with no alignment tie to any pole

    def caveat(self) -> MiddlePowerWarning | None:
        """Return the caveat of the partners' alignment (``None``: none)."""
        return _caveats.unaligned(self.untied, self.partners, self.poles)


def _prepare(
    graph: RelationGraph,
    sequence: ContactSequence,
    poles: Sequence[str],
    salience: str | Salience,
    kinds: KindWeights | Sequence[TieKind | str] | None,
    alignment: Mapping[str, Any] | None = None,
    strict: bool = False,
) -> _Prepared:
    check_graph(graph)
    check_sequence(sequence)
    pole_codes = check_pole_codes(poles)
    check_salience(salience)
    kinds = check_kinds(kinds)
    check_bool(strict, "strict")
    if alignment is not None and not isinstance(alignment, Mapping):
        given_alignment(alignment, (), len(pole_codes))  # raises the type error
    pole_list = check_poles(graph, pole_codes)
    partners = sequence.distinct_partners
    graph.check_codes([sequence.focal, *partners])
    index = {p: i for i, p in enumerate(partners)}
    idx = np.array([index[p] for p in sequence.partners], dtype=np.intp)
    w = salience_weights(sequence, salience)
    untied: tuple[str, ...] = ()
    if alignment is not None:
        if kinds is not None:
            raise InvalidParameterError(
                "Give either kinds (tie-based alignment) or alignment, not both."
            )
        A = given_alignment(alignment, partners, len(pole_list))
    else:
        kappa = kappa_array(_alignment_kappa(kinds))
        order = list(partners) + [p for p in pole_list if p not in partners]
        arrays = GraphArrays.of(graph, order, day=sequence.start)
        A = arrays.alignment(pole_list, kappa)[: len(partners)]
        C, pole_rows = arrays.pole_pulls(pole_list)
        loose = untied_rows(C, kappa, pole_rows)[: len(partners)]
        untied = tuple(p for p, u in zip(partners, loose.tolist(), strict=True) if u)
    return _Prepared(partners, idx, w, A, pole_list, untied)


def _pi(prep: _Prepared) -> FloatArray:
    alpha = attention_kernel(prep.weights[None], prep.index, len(prep.partners))
    out: FloatArray = pole_attention_kernel(alpha, prep.A)[0]
    return out


def pole_attention(
    graph: RelationGraph,
    sequence: ContactSequence,
    poles: Sequence[str],
    *,
    salience: str | Salience = "harmonic",
    kinds: KindWeights | Sequence[TieKind | str] | None = None,
    alignment: Mapping[str, Any] | None = None,
    strict: bool = False,
) -> dict[str, float]:
    r"""Return the attention that reaches each pole, :math:`\pi = \sum_s \alpha_s a_s`.

    Parameters
    ----------
    graph : RelationGraph
        Read as it stood on ``sequence.start``.
    sequence : ContactSequence
        The focal state's contacts.
    poles : sequence of str
        The rival poles.
    salience : str or Salience, optional (default="harmonic")
        How contacts are weighted.
    kinds : mapping or sequence of TieKind, optional
        Alignment κ (see :func:`alignment`).
    alignment : mapping of str to array_like, optional
        The partners' alignment given directly instead of computed from the
        graph's ties: state -> ``m`` shares summing to 1 in the order of
        ``poles``, e.g. from :func:`alignment` or
        :func:`~middlepower.metrics.similarity.alignment_from_similarity`
        (portfolio similarity). Not together with ``kinds``.
    strict : bool, optional (default=False)
        Raise instead of warning when a contacted partner has no alignment
        tie to any pole (see Warns).

    Returns
    -------
    dict of str to float
        One value per pole, in the order of ``poles``; sums to 1.

    Raises
    ------
    InvalidArgumentTypeError
        If an argument has the wrong type.
    UnknownStateError
        If the focal state, a partner or a pole is not in the graph, or a
        partner is missing from a given ``alignment``.

    Warns
    -----
    UnalignedPartnerWarning
        When a contacted partner has no alignment tie to any pole (its
        alignment :math:`1/m` is assumed, not found);
        :class:`~middlepower.exceptions.PolesNotReachedWarning` when no
        partner has one. Not with a given ``alignment``. ``strict=True``
        raises :class:`~middlepower.exceptions.UnalignedPartnerError` or
        :class:`~middlepower.exceptions.PolesNotReachedError` instead.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> {
    ...     k: round(v, 4)
    ...     for k, v in mp.pole_attention(g, sc.sequence(), sc.poles).items()
    ... }
    {'USA': 0.8182, 'CHN': 0.1818}
    """
    prep = _prepare(graph, sequence, poles, salience, kinds, alignment, strict)
    _caveats.emit(prep.caveat(), strict, stacklevel=2)
    return dict(zip(prep.poles, _pi(prep).tolist(), strict=True))


def equidistance(
    graph: RelationGraph,
    sequence: ContactSequence,
    poles: Sequence[str],
    *,
    salience: str | Salience = "harmonic",
    kinds: KindWeights | Sequence[TieKind | str] | None = None,
    alignment: Mapping[str, Any] | None = None,
    strict: bool = False,
) -> float:
    r"""Return how evenly the sequence's attention is spread over the poles.

    .. math::

       E = 1 - \frac{m}{2(m-1)} \sum_{j=1}^m \left|\pi_j - \frac1m\right|

    1 = attention spread evenly over the poles, 0 = all of it on one pole.
    For two poles :math:`E = 1 - |\tau|` (:func:`tilt`).

    Parameters
    ----------
    graph : RelationGraph
        Read as it stood on ``sequence.start``.
    sequence : ContactSequence
        The focal state's contacts.
    poles : sequence of str
        The rival poles.
    salience : str or Salience, optional (default="harmonic")
        How contacts are weighted.
    kinds : mapping or sequence of TieKind, optional
        Alignment κ (see :func:`alignment`).
    alignment : mapping of str to array_like, optional
        The partners' alignment given directly instead of computed from the
        graph's ties: state -> ``m`` shares summing to 1 in the order of
        ``poles``, e.g. from :func:`alignment` or
        :func:`~middlepower.metrics.similarity.alignment_from_similarity`
        (portfolio similarity). Not together with ``kinds``.
    strict : bool, optional (default=False)
        Raise instead of warning when a contacted partner has no alignment
        tie to any pole (see Warns).

    Returns
    -------
    float
        In :math:`[0, 1]`.

    Raises
    ------
    InvalidArgumentTypeError
        If an argument has the wrong type.
    UnknownStateError
        If the focal state, a partner or a pole is not in the graph, or a
        partner is missing from a given ``alignment``.

    Warns
    -----
    UnalignedPartnerWarning
        When a contacted partner has no alignment tie to any pole (its
        alignment :math:`1/m` is assumed, not found);
        :class:`~middlepower.exceptions.PolesNotReachedWarning` when no
        partner has one. Not with a given ``alignment``. ``strict=True``
        raises :class:`~middlepower.exceptions.UnalignedPartnerError` or
        :class:`~middlepower.exceptions.PolesNotReachedError` instead.

    See Also
    --------
    pole_attention, tilt

    Notes
    -----
    The factor :math:`m / (2(m-1))` is the inverse of the largest possible
    :math:`\sum_j |\pi_j - 1/m|`, reached when all attention is on one pole.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> round(mp.equidistance(g, sc.sequence(), sc.poles), 4)
    0.3636

    With the partners' alignment given (e.g. from portfolio similarity):

    >>> a = {"USA": [1.0, 0.0], "JPN": [0.5, 0.5], "CHN": [0.0, 1.0]}
    >>> round(mp.equidistance(g, sc.sequence(), sc.poles, alignment=a), 4)
    0.6364
    """
    prep = _prepare(graph, sequence, poles, salience, kinds, alignment, strict)
    _caveats.emit(prep.caveat(), strict, stacklevel=2)
    return float(equidistance_kernel(_pi(prep)[None])[0])


def tilt(
    graph: RelationGraph,
    sequence: ContactSequence,
    poles: Sequence[str],
    *,
    salience: str | Salience = "harmonic",
    kinds: KindWeights | Sequence[TieKind | str] | None = None,
    alignment: Mapping[str, Any] | None = None,
    strict: bool = False,
) -> float:
    r"""Return which pole the sequence leans to, :math:`\tau = \pi_1 - \pi_2`.

    Parameters
    ----------
    graph : RelationGraph
        Read as it stood on ``sequence.start``.
    sequence : ContactSequence
        The focal state's contacts.
    poles : sequence of two str
        The two rival poles; positive tilt leans toward ``poles[0]``.
    salience : str or Salience, optional (default="harmonic")
        How contacts are weighted.
    kinds : mapping or sequence of TieKind, optional
        Alignment κ (see :func:`alignment`).
    alignment : mapping of str to array_like, optional
        The partners' alignment given directly instead of computed from the
        graph's ties: state -> ``m`` shares summing to 1 in the order of
        ``poles``, e.g. from :func:`alignment` or
        :func:`~middlepower.metrics.similarity.alignment_from_similarity`
        (portfolio similarity). Not together with ``kinds``.
    strict : bool, optional (default=False)
        Raise instead of warning when a contacted partner has no alignment
        tie to any pole (see Warns).

    Returns
    -------
    float
        In :math:`[-1, 1]`.

    Raises
    ------
    InvalidArgumentTypeError
        If an argument has the wrong type.
    InvalidParameterError
        Unless there are exactly two poles.
    UnknownStateError
        If the focal state, a partner or a pole is not in the graph, or a
        partner is missing from a given ``alignment``.

    Warns
    -----
    UnalignedPartnerWarning
        When a contacted partner has no alignment tie to any pole (its
        alignment :math:`1/m` is assumed, not found);
        :class:`~middlepower.exceptions.PolesNotReachedWarning` when no
        partner has one. Not with a given ``alignment``. ``strict=True``
        raises :class:`~middlepower.exceptions.UnalignedPartnerError` or
        :class:`~middlepower.exceptions.PolesNotReachedError` instead.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> round(mp.tilt(g, sc.sequence(), ("USA", "CHN")), 4)
    0.6364
    """
    if len(check_pole_codes(poles)) != 2:
        raise InvalidParameterError(
            f"tilt needs exactly two poles, got {list(poles)!r}; use equidistance "
            "or pole_attention for more."
        )
    prep = _prepare(graph, sequence, poles, salience, kinds, alignment, strict)
    _caveats.emit(prep.caveat(), strict, stacklevel=2)
    return float(tilt_kernel(_pi(prep)[None])[0])


def _universe(partners: Sequence[str], focal: str) -> tuple[str, ...]:
    out = tuple(dict.fromkeys(partners))
    if focal in out:
        raise InvalidParameterError(
            f"The focal state {focal!r} cannot be one of its own partners."
        )
    return out


def _benchmark(
    graph: RelationGraph,
    focal: str,
    universe: Sequence[str],
    interests: KindWeights | None,
    day: dt.date | None = None,
) -> FloatArray:
    """Benchmark over ``universe`` from the ties valid on ``day`` (nan: undefined)."""
    theta = _weights("interests", interests, INTEREST_WEIGHTS)
    X = GraphArrays.of(graph, [focal, *universe], day=day).focal_strengths()
    out: FloatArray = benchmark_kernel(X, kappa_array(theta))[0]
    return out


def interest_benchmark(
    graph: RelationGraph,
    focal: str,
    partners: Sequence[str],
    *,
    interests: KindWeights | None = None,
) -> dict[str, float] | None:
    r"""Return the attention the focal state's ties alone would predict.

    For each interest kind :math:`k` with weight :math:`\theta_k`,
    :math:`x_{s,k} = \mathrm{str}_k(F \to s)` is normalised over the universe
    :math:`U` of partners (:math:`\tilde x = x / \sum_U x`; a kind absent from
    :math:`U` is skipped), then

    .. math::

       b_s = \frac{\sum_k \theta_k\,\tilde x_{s,k}}{\sum_k \theta_k}

    over the kinds present.

    Parameters
    ----------
    graph : RelationGraph
        Taken as given (use ``graph.at(day)`` for a snapshot).
    focal : str
        The focal state F.
    partners : sequence of str
        The universe :math:`U` (repeats ignored).
    interests : mapping of TieKind to float, optional
        :math:`\theta`; kinds left out weigh 0. Default: alliance 1, trade 1,
        neighbour 1. For a directed kind (trade) only F's own recorded
        direction counts (the share of F's trade); for the other kinds a tie
        counts whichever direction it was recorded in.

    Returns
    -------
    dict of str to float or None
        :math:`b_s` for each partner (sums to 1); ``None`` when no interest
        kind with positive weight links F to any partner in :math:`U`.

    Raises
    ------
    InvalidArgumentTypeError
        If an argument has the wrong type (a single code for ``partners``).
    UnknownStateError
        If ``focal`` or a partner is not in the graph.
    InvalidParameterError
        For bad weights or when ``focal`` is among ``partners``.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc).at("2025-06-04")
    >>> b = mp.interest_benchmark(g, "KOR", ["USA", "JPN", "CHN"])
    >>> {k: round(v, 4) for k, v in b.items()}
    {'USA': 0.4548, 'JPN': 0.2138, 'CHN': 0.3313}
    """
    check_graph(graph)
    check_code(focal, "focal")
    partners = check_code_list(partners, "partners")
    check_kind_weights(interests, "interests")
    graph.check_codes([focal, *partners])
    universe = _universe(partners, focal)
    b = _benchmark(graph, focal, universe, interests)
    if not universe or np.isnan(b).any():
        return None
    return dict(zip(universe, b.tolist(), strict=True))


def _sequence_universe(
    graph: RelationGraph, sequence: ContactSequence, universe: str
) -> tuple[str, ...]:
    contacted = sequence.distinct_partners
    if universe == "contacted":
        return contacted
    if universe == "ties":
        tied = [
            c
            for t in graph.ties
            for c in (t.source, t.target)
            if sequence.focal in (t.source, t.target) and c != sequence.focal
        ]
        return tuple(dict.fromkeys([*contacted, *tied]))
    raise InvalidParameterError(
        f"Unknown universe {universe!r}; expected 'contacted' or 'ties'."
    )


def proportionality(
    graph: RelationGraph,
    sequence: ContactSequence,
    *,
    salience: str | Salience = "harmonic",
    interests: KindWeights | None = None,
    universe: Literal["contacted", "ties"] = "contacted",
    strict: bool = False,
) -> float | None:
    r"""Return how closely attention follows the interest benchmark.

    .. math::

       P = 1 - \mathrm{JSD}_2(\alpha \,\|\, b)

    with the Jensen-Shannon divergence in bits [1]_, so :math:`P \in [0, 1]`
    and :math:`P = 1` iff :math:`\alpha = b`.

    Parameters
    ----------
    graph : RelationGraph
        Read as it stood on ``sequence.start``.
    sequence : ContactSequence
        The focal state's contacts.
    salience : str or Salience, optional (default="harmonic")
        How contacts are weighted.
    interests : mapping of TieKind to float, optional
        :math:`\theta` (see :func:`interest_benchmark`).
    universe : {"contacted", "ties"}, optional (default="contacted")
        The partners compared: those contacted, or also every state tied to
        the focal state (uncontacted ones get attention 0).
    strict : bool, optional (default=False)
        Raise instead of warning when the benchmark is undefined.

    Returns
    -------
    float or None
        In :math:`[0, 1]`; ``None`` when the benchmark is undefined (no
        interest tie to any partner).

    Raises
    ------
    InvalidArgumentTypeError
        If an argument has the wrong type.
    UnknownStateError
        If the focal state or a partner is not in the graph.

    Warns
    -----
    UndefinedBenchmarkWarning
        When the result is ``None`` because no interest tie links the focal
        state to any partner; ``strict=True`` raises
        :class:`~middlepower.exceptions.UndefinedBenchmarkError` instead.

    References
    ----------
    .. [1] Lin, J. "Divergence Measures Based on the Shannon Entropy." *IEEE
       Transactions on Information Theory* 37, no. 1 (1991): 145-151.
       https://doi.org/10.1109/18.61115

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> round(mp.proportionality(g, sc.sequence()), 4)
    0.9785
    """
    check_graph(graph)
    check_sequence(sequence)
    check_salience(salience)
    check_kind_weights(interests, "interests")
    check_universe(universe)
    check_bool(strict, "strict")
    graph.check_codes([sequence.focal, *sequence.distinct_partners])
    tied = graph.at(sequence.start) if universe == "ties" else graph
    U = _sequence_universe(tied, sequence, universe)
    b = _benchmark(graph, sequence.focal, U, interests, sequence.start)
    if np.isnan(b).any():
        caveat = _caveats.undefined_benchmark(sequence.focal, U, "proportionality")
        _caveats.emit(caveat, strict, stacklevel=2)
        return None
    w = salience_weights(sequence, salience)
    index = {p: i for i, p in enumerate(U)}
    idx = np.array([index[p] for p in sequence.partners])
    alpha = attention_kernel(w[None], idx, len(U))
    return float(1.0 - jsd2_kernel(alpha, b[None])[0])


def concordance(
    graph: RelationGraph,
    sequence: ContactSequence,
    *,
    interests: KindWeights | None = None,
    strict: bool = False,
) -> float | None:
    r"""Return whether partners with more at stake were contacted earlier.

    Kendall's :math:`\tau_b` [1]_ between each contacted partner's earliness
    (minus the position of its first contact) and its interest benchmark
    :math:`b_s` over the contacted partners:

    .. math::

       \tau_b = \frac{n_c - n_d}{\sqrt{(n_0 - n_1)(n_0 - n_2)}}

    Parameters
    ----------
    graph : RelationGraph
        Read as it stood on ``sequence.start``.
    sequence : ContactSequence
        The focal state's contacts.
    interests : mapping of TieKind to float, optional
        :math:`\theta` (see :func:`interest_benchmark`).
    strict : bool, optional (default=False)
        Raise instead of warning when the benchmark is undefined.

    Returns
    -------
    float or None
        In :math:`[-1, 1]`; ``None`` with fewer than two partners, no
        variation in :math:`b`, or an undefined benchmark.

    Raises
    ------
    InvalidArgumentTypeError
        If an argument has the wrong type.
    UnknownStateError
        If the focal state or a partner is not in the graph.

    Warns
    -----
    UndefinedBenchmarkWarning
        When the result is ``None`` because no interest tie links the focal
        state to any partner (not for one partner or a benchmark without
        variation, where :math:`\tau_b` is undefined by nature);
        ``strict=True`` raises
        :class:`~middlepower.exceptions.UndefinedBenchmarkError` instead.

    References
    ----------
    .. [1] Kendall, M. G. "The Treatment of Ties in Ranking Problems."
       *Biometrika* 33, no. 3 (1945): 239-251.
       https://doi.org/10.1093/biomet/33.3.239

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> round(mp.concordance(g, sc.sequence()), 4)  # USA, JPN, CHN vs b
    0.3333
    """
    check_graph(graph)
    check_sequence(sequence)
    check_kind_weights(interests, "interests")
    check_bool(strict, "strict")
    graph.check_codes([sequence.focal, *sequence.distinct_partners])
    U = sequence.distinct_partners
    b = _benchmark(graph, sequence.focal, U, interests, sequence.start)
    if np.isnan(b).any():
        caveat = _caveats.undefined_benchmark(sequence.focal, U, "concordance")
        _caveats.emit(caveat, strict, stacklevel=2)
        return None
    earliness = -np.arange(1, len(U) + 1, dtype=float)
    tau = kendall_tau_b_kernel(earliness[None], b[None])[0]
    return None if np.isnan(tau) else float(tau)
