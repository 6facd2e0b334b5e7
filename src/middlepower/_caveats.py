"""Caveats: results that rest on an assumption, warned about or raised.

A measure computed from a partner that has no alignment tie to any pole (its
alignment is the assumed uniform :math:`1/m`), or a benchmark measure left
``None`` because no interest tie links the focal state to its partners, is
not a silent verdict: the public functions build the caveat here, then
:func:`emit` warns (a :class:`~middlepower.exceptions.MiddlePowerWarning`
subclass) or, with ``strict=True``, raises the matching error. One caveat per
kind and call, naming the states.

Examples
--------
>>> from middlepower._caveats import unaligned
>>> w = unaligned(["CZE"], ["CZE", "USA"], ("USA", "CHN"))
>>> type(w).__name__, w.states
('UnalignedPartnerWarning', ('CZE',))
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

from middlepower.exceptions import (
    MiddlePowerWarning,
    PolesNotReachedWarning,
    UnalignedPartnerWarning,
    UndefinedBenchmarkWarning,
    _CaveatError,
)

__all__ = [
    "STRICT_HINT",
    "CaveatError",
    "emit",
    "rehint",
    "unaligned",
    "undefined_benchmark",
    "untied_rows",
]

#: The base of the errors ``strict=True`` raises (one per warning category).
CaveatError = _CaveatError

#: How every caveat says it can be made an error (see :func:`rehint`).
STRICT_HINT = "pass strict=True to raise"


def _listed(items: Sequence[str], last: str = "and") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def unaligned(
    untied: Sequence[str], partners: Sequence[str], poles: Sequence[str]
) -> MiddlePowerWarning | None:
    r"""Return the caveat of contacted partners without an alignment tie to a pole.

    Parameters
    ----------
    untied : sequence of str
        The contacted partners (not poles) with no alignment tie to any pole,
        in order of first contact.
    partners : sequence of str
        Every contacted partner.
    poles : sequence of str
        The poles.

    Returns
    -------
    MiddlePowerWarning or None
        :class:`~middlepower.exceptions.PolesNotReachedWarning` when every
        partner is untied, :class:`~middlepower.exceptions.UnalignedPartnerWarning`
        when some are, ``None`` when none is.

    Examples
    --------
    >>> from middlepower._caveats import unaligned
    >>> print(unaligned(["CZE", "VNM"], ["CZE", "VNM"], ("USA", "CHN")))
    No contacted partner (CZE, VNM) has an alignment tie to USA or CHN, so every
    alignment is the assumed 1/2 each: pole attention is even by construction
    and equidistance 1, tilt 0 say nothing about the sequence (pass strict=True
    to raise, or add the partners' ties to the poles).
    """
    if not untied:
        return None
    m = len(poles)
    to = _listed(poles, "or")
    if len(untied) == len(partners):
        return PolesNotReachedWarning(
            f"No contacted partner ({', '.join(untied)}) has an alignment tie to "
            f"{to}, so every alignment is the assumed 1/{m} each: pole attention is "
            "even by construction and equidistance 1, tilt 0 say nothing about the "
            f"sequence ({STRICT_HINT}, or add the partners' ties to the "
            "poles).",
            untied,
        )
    one = len(untied) == 1
    return UnalignedPartnerWarning(
        f"Partner{'' if one else 's'} {_listed(untied)} {'has' if one else 'have'} "
        f"no alignment tie to {to}, so {'its' if one else 'their'} alignment is the "
        f"assumed 1/{m} each, not a finding; {'its' if one else 'their'} attention "
        f"counts as evenly balanced ({STRICT_HINT}, or add "
        f"{'its' if one else 'their'} ties to the poles).",
        untied,
    )


def undefined_benchmark(
    focal: str, universe: Sequence[str], measures: str
) -> UndefinedBenchmarkWarning:
    """Return the caveat of an undefined interest benchmark.

    Parameters
    ----------
    focal : str
        The focal state.
    universe : sequence of str
        The partners compared.
    measures : str
        What is ``None`` because of it (``"proportionality"``).

    Returns
    -------
    UndefinedBenchmarkWarning

    Examples
    --------
    >>> from middlepower._caveats import undefined_benchmark
    >>> print(undefined_benchmark("KOR", ["CZE"], "concordance"))
    No interest tie with a positive weight links KOR to its partners (CZE), so
    the interest benchmark is undefined and concordance is None (pass
    strict=True to raise).
    """
    return UndefinedBenchmarkWarning(
        f"No interest tie with a positive weight links {focal} to its partners "
        f"({', '.join(universe)}), so the interest benchmark is undefined and "
        f"{measures} {'are' if ' and ' in measures else 'is'} None ({STRICT_HINT}).",
        tuple(universe),
    )


def untied_rows(
    rows: int,
    whole: int,
    some: int,
    poles: Sequence[str],
    states: Sequence[str],
) -> MiddlePowerWarning | None:
    """Return the caveat of a panel's rows scored with assumed alignments.

    One caveat per panel (a warning per row would drown the reader).

    Parameters
    ----------
    rows : int
        The panel's rows.
    whole : int
        Rows in which every contact is with a partner tied to no pole.
    some : int
        Rows in which some, not all, contacts are.
    poles : sequence of str
        The poles.
    states : sequence of str
        The focal states of the rows concerned.

    Returns
    -------
    MiddlePowerWarning or None
        :class:`~middlepower.exceptions.PolesNotReachedWarning` when every
        row is entirely untied,
        :class:`~middlepower.exceptions.UnalignedPartnerWarning` when some
        rows have untied contacts, ``None`` when none has.

    Examples
    --------
    >>> from middlepower._caveats import untied_rows
    >>> print(untied_rows(27, 1, 0, ("USA", "CHN"), ["SAU"]))
    In 1 of 27 rows every contact is with a partner that has no alignment tie to
    USA or CHN, so E = 1 and tilt = 0 there by construction (column n_untied
    counts them; pass strict=True to raise, or add the partners' ties to the
    poles).
    """
    if not whole and not some:
        return None
    to = _listed(poles, "or")
    hint = (
        f"(column n_untied counts them; {STRICT_HINT}, or add the partners' ties "
        "to the poles)."
    )
    if whole:
        more = f"; {some} more rows have some such contacts" if some else ""
        text = (
            f"In {whole} of {rows} rows every contact is with a partner that has no "
            f"alignment tie to {to}, so E = 1 and tilt = 0 there by construction"
            f"{more} {hint}"
        )
    else:
        text = (
            f"In {some} of {rows} rows some contacts are with partners that have no "
            f"alignment tie to {to}, so their alignment is the assumed "
            f"1/{len(poles)} each, not a finding {hint}"
        )
    if whole == rows:
        return PolesNotReachedWarning(text, states)
    return UnalignedPartnerWarning(text, states)


def rehint(text: str, hint: str) -> str:
    """Return a caveat's text with ``hint`` instead of :data:`STRICT_HINT`.

    The command line names its ``--strict`` flag; an error raised under
    ``strict=True`` drops the hint (``hint=""``).

    Examples
    --------
    >>> from middlepower._caveats import rehint
    >>> rehint("E is None (pass strict=True to raise).", "pass --strict")
    'E is None (pass --strict).'
    """
    return text.replace(STRICT_HINT, hint)


def _without_hint(message: str) -> str:
    """Return the message of the error: the hint to pass strict=True taken out."""
    return message.replace(f" ({STRICT_HINT})", "").replace(f"{STRICT_HINT}, or ", "")


def emit(caveat: MiddlePowerWarning | None, strict: bool, stacklevel: int) -> None:
    """Warn about ``caveat``, or raise its error when ``strict``.

    Parameters
    ----------
    caveat : MiddlePowerWarning or None
        What to say (``None``: nothing).
    strict : bool
        Raise ``caveat.error`` instead of warning.
    stacklevel : int
        As :func:`warnings.warn`, counted from the caller of :func:`emit`
        (``2`` points at the caller's caller).

    Raises
    ------
    UnalignedPartnerError, PolesNotReachedError, UndefinedBenchmarkError
        With ``strict=True``.

    Examples
    --------
    >>> from middlepower._caveats import emit, undefined_benchmark
    >>> try:
    ...     emit(undefined_benchmark("KOR", ["CZE"], "proportionality"), True, 2)
    ... except mp.MiddlePowerError as err:
    ...     print(type(err).__name__, err.states)
    UndefinedBenchmarkError ('CZE',)
    """
    if caveat is None:
        return
    if strict:
        raise caveat.error(_without_hint(str(caveat)), caveat.states)
    warnings.warn(caveat, stacklevel=stacklevel + 1)
