"""Registries of state codes: check that codes name real states.

:class:`~middlepower.State` only checks the *form* of a code, because real
data sets use ISO 3166-1 alpha-3, COW letter codes and historical states side
by side. :func:`validate_codes` checks codes against a registry and names every
code it does not know.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable
from importlib import resources
from typing import Literal

from middlepower.exceptions import InvalidParameterError, UnknownStateError

__all__ = ["known_codes", "validate_codes"]

Scheme = Literal["iso3", "cow"]
_SCHEMES = ("iso3", "cow")


def _read(name: str) -> list[dict[str, str]]:
    path = resources.files("middlepower.datasets") / "data" / name
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@functools.cache
def known_codes(scheme: Scheme = "iso3") -> frozenset[str]:
    """Return every code of a registry.

    Parameters
    ----------
    scheme : {"iso3", "cow"}, optional (default="iso3")
        ``"iso3"``: ISO 3166-1 alpha-3 (249 current codes, from the Debian
        iso-codes tables as packaged by pycountry 26.2.16). ``"cow"``: the
        Correlates of War state abbreviations of the State System Membership
        List v2016 (e.g. ``"ROK"`` for South Korea; note that COW ``"KOR"`` is
        pre-1910 Korea).

    Examples
    --------
    >>> "KOR" in mp.known_codes("iso3"), "ROK" in mp.known_codes("cow")
    (True, True)
    """
    if scheme == "iso3":
        return frozenset(r["alpha_3"] for r in _read("iso3166_1.csv"))
    if scheme == "cow":
        return frozenset(r["stateabb"] for r in _read("cow/states2016.csv"))
    valid = ", ".join(map(repr, _SCHEMES))
    raise InvalidParameterError(
        f"Unknown code scheme {scheme!r}; expected one of {valid}."
    )


def validate_codes(codes: Iterable[str], scheme: Scheme = "iso3") -> None:
    """Raise if any code is not in the registry ``scheme``.

    Parameters
    ----------
    codes : iterable of str
        Codes to check.
    scheme : {"iso3", "cow"}, optional (default="iso3")
        The registry (see :func:`known_codes`).

    Raises
    ------
    UnknownStateError
        Naming every unknown code, in the order first seen.

    Examples
    --------
    >>> mp.validate_codes(["KOR", "USA", "CHN", "JPN"])
    >>> mp.validate_codes(["KOR", "NKR"])
    Traceback (most recent call last):
    ...
    middlepower.exceptions.UnknownStateError: Unknown state code 'NKR' in the iso3 ...
    """
    known = known_codes(scheme)
    unknown = [c for c in dict.fromkeys(codes) if c not in known]
    if unknown:
        raise UnknownStateError(tuple(unknown), f"the {scheme} registry")
