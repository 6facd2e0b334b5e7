"""Registries of state codes: check that codes name real states.

:class:`~middlepower.State` only checks the *form* of a code, because real
data sets use ISO 3166-1 alpha-3, COW letter codes and historical states side
by side. :func:`validate_codes` checks codes against a registry, names every
code it does not know and, where one is close, suggests the code that was
probably meant (:func:`suggest`).

The registries are plain files shipped with the package (no optional
dependency): ISO 3166-1 from the Debian iso-codes tables, the COW State
System Membership List v2016, and the historical and fallback codes of the
country-code layer (``datasets/data/codes``, see :mod:`middlepower.io.codes`).
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
from collections.abc import Iterable
from importlib import resources
from typing import Literal

from middlepower._checks import check_choice, check_code, check_code_list
from middlepower.exceptions import UnknownStateError

__all__ = ["known_codes", "suggest", "validate_codes"]

Scheme = Literal["iso3", "cow", "state"]
_SCHEMES = ("iso3", "cow", "state")

#: Data files whose ``iso3`` column holds codes the country-code layer returns.
_CODE_TABLES = ("overrides.csv", "names.csv", "cameo.csv", "polecat.csv")


def _read(name: str) -> list[dict[str, str]]:
    path = resources.files("middlepower.datasets") / "data" / name
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _check_scheme(scheme: object) -> None:
    check_choice(scheme, "code scheme", _SCHEMES)


def known_codes(scheme: Scheme = "iso3") -> frozenset[str]:
    """Return every code of a registry.

    Parameters
    ----------
    scheme : {"iso3", "cow", "state"}, optional (default="iso3")
        ``"iso3"``: ISO 3166-1 alpha-3 (249 current codes, from the Debian
        iso-codes tables as packaged by pycountry 26.2.16). ``"cow"``: the
        Correlates of War state abbreviations of the State System Membership
        List v2016 (e.g. ``"ROK"`` for South Korea; note that COW ``"KOR"`` is
        pre-1910 Korea). ``"state"``: every code the country-code layer
        (:func:`middlepower.io.codes.to_iso3`) can return, that is ISO 3166-1
        alpha-3 plus the bundled historical codes (ISO 3166-3 ``SUN``,
        ``YUG``, ``SCG``, ``CSK``, ``DDR``, ``VDR``, ``YMD``, ``ANT``), the
        COW letter codes of pre-1945 states without an ISO code (``BAV``,
        ``SAX``...) and the user-assigned ``XKX`` (Kosovo) and ``XKR``
        (Korea, COW 730).

    Returns
    -------
    frozenset of str
        The codes.

    Raises
    ------
    InvalidArgumentTypeError
        If ``scheme`` is not a string.
    InvalidParameterError
        If ``scheme`` is not one of the registries.

    Examples
    --------
    >>> "KOR" in mp.known_codes("iso3"), "ROK" in mp.known_codes("cow")
    (True, True)
    >>> from middlepower.registry import known_codes
    >>> sorted({"SUN", "DDR", "BAV", "XKX"} & known_codes("state"))
    ['BAV', 'DDR', 'SUN', 'XKX']
    """
    _check_scheme(scheme)
    return _known_codes(scheme)


@functools.cache
def _known_codes(scheme: str) -> frozenset[str]:
    if scheme == "iso3":
        return frozenset(r["alpha_3"] for r in _read("iso3166_1.csv"))
    if scheme == "cow":
        return frozenset(r["stateabb"] for r in _read("cow/states2016.csv"))
    extra = {
        row["iso3"]
        for table in _CODE_TABLES
        for row in _read(f"codes/{table}")
        if row["iso3"]
    }
    return _known_codes("iso3") | frozenset(extra)


@functools.cache
def _names(scheme: str) -> dict[str, str]:
    """Code -> English name for the hints of :func:`validate_codes`."""
    if scheme == "cow":
        return {r["stateabb"]: r["statenme"] for r in _read("cow/states2016.csv")}
    names = {r["alpha_3"]: r["name"] for r in _read("iso3166_1.csv")}
    if scheme == "state":
        for row in _read("codes/overrides.csv"):
            names.setdefault(row["iso3"], row["name"])
        for row in _read("codes/iso3166_3.csv"):
            names.setdefault(row["alpha_3"], row["name"])
    return names


def suggest(code: str, scheme: Scheme = "iso3") -> str | None:
    """Return the known code that ``code`` probably means, or None.

    Candidates come from :func:`difflib.get_close_matches`; among them a
    code with the same letters in another order (a transposition, ``CNH``
    for ``CHN``) wins, else a code that differs in exactly one letter, but
    only when exactly one code qualifies: an ambiguous guess is no help.
    A known code in another case (``kor``) is returned in its registry case.

    Parameters
    ----------
    code : str
        The code that was not found.
    scheme : {"iso3", "cow", "state"}, optional (default="iso3")
        The registry to search (see :func:`known_codes`).

    Returns
    -------
    str or None
        The suggested code; None if no single code is close.

    Examples
    --------
    >>> from middlepower.registry import suggest
    >>> suggest("CNH"), suggest("kor"), suggest("ROK", "cow"), suggest("XQZ")
    ('CHN', 'KOR', 'ROK', None)
    """
    check_code(code, "code")
    known = known_codes(scheme)
    wanted = str(code).strip().upper()
    if wanted in known:
        return wanted
    close = difflib.get_close_matches(wanted, sorted(known), n=25, cutoff=0.6)
    anagrams = [c for c in close if sorted(c) == sorted(wanted)]
    if anagrams:
        return anagrams[0] if len(anagrams) == 1 else None
    one_off = [
        c
        for c in close
        if len(c) == len(wanted)
        and sum(a != b for a, b in zip(c, wanted, strict=True)) == 1
    ]
    return one_off[0] if len(one_off) == 1 else None


def _hint(code: str, scheme: str, several: bool) -> str | None:
    """One clause that helps with an unknown code, or None."""
    key = str(code).strip().upper()
    if scheme in ("iso3", "state"):
        cow = _names("cow")
        if key in cow:
            return (
                f"{code!r} is a COW letter code ({cow[key]}), not an ISO3 code; "
                "convert it with middlepower.io.codes.to_iso3(..., 'cowc')"
            )
        former = _names("state")
        if key in former and key not in _known_codes(scheme):
            return f"{code!r} is a former ISO code ({former[key]})"
    else:
        iso = _names("state")
        if key in iso:
            return f"{code!r} is an ISO3 code ({iso[key]}), not a COW letter code"
    guess = suggest(code, scheme)  # type: ignore[arg-type]
    if guess is None:
        return None
    return f"did you mean {guess!r}" + (f" for {code!r}?" if several else "?")


def validate_codes(codes: Iterable[str], scheme: Scheme = "iso3") -> None:
    """Raise if any code is not in the registry ``scheme``.

    Parameters
    ----------
    codes : iterable of str
        Codes to check.
    scheme : {"iso3", "cow", "state"}, optional (default="iso3")
        The registry (see :func:`known_codes`).

    Raises
    ------
    InvalidArgumentTypeError
        If ``codes`` is a single string or not an iterable of strings.
    InvalidParameterError
        If ``scheme`` is not one of the registries.
    UnknownStateError
        Naming every unknown code, in the order first seen, with a hint where
        one helps: a COW letter code given as ISO3 (or the reverse), a former
        ISO code, or the close code that was probably meant (:func:`suggest`).

    Examples
    --------
    >>> mp.validate_codes(["KOR", "USA", "CHN", "JPN"])
    >>> mp.validate_codes(["KOR", "NKR"])
    Traceback (most recent call last):
    ...
    middlepower.exceptions.UnknownStateError: Unknown state code 'NKR' in the iso3 ...
    >>> try:
    ...     mp.validate_codes(["USA", "CNH"])
    ... except mp.UnknownStateError as err:
    ...     print(err)
    Unknown state code 'CNH' in the iso3 registry; did you mean 'CHN'?
    """
    codes = check_code_list(codes, "codes", example="['KOR', 'USA']")
    _check_scheme(scheme)
    known = known_codes(scheme)
    unknown = [c for c in dict.fromkeys(codes) if c not in known]
    if not unknown:
        return
    err = UnknownStateError(tuple(unknown), f"the {scheme} registry")
    hints = [h for c in unknown if (h := _hint(c, scheme, len(unknown) > 1))]
    if hints:
        text = str(err).removesuffix(".") + "; " + "; ".join(hints)
        err.args = (text if text.endswith("?") else text + ".",)
    raise err
