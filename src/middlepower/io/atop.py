r"""Reader of the Alliance Treaty Obligations and Provisions (ATOP) data, 5.x.

Three layouts, told apart by the header: the dyad-year file
(``atop5_1dy.csv``: ``dyad, mem1, mem2, year, atopally, defense, offense,
neutral, nonagg, consul, number, atopid1 ... atopidN, version``), the directed
dyad-year file (``atop5_1ddyr.csv``: ``ddyad, stateA, stateB, year, atopally,
defense, offense, neutral, nonagg, consul, ...``; a row is stateA's
obligations toward stateB) and peacesciencer's ``atop_alliance`` (``ccode1,
ccode2, year, atop_defense, atop_offense, atop_neutral, atop_nonagg,
atop_consul``; the directed file renamed).

The ATOP headers beyond these columns are only partly documented, so the two
original layouts also accept the known extras (``bilatno, multino, asymm,
shareob``) and keep any other column as text, listed in
``df.attrs["extra_columns"]``.

References
----------
.. [1] Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell and
   Andrew G. Long. 2002. "Alliance Treaty Obligations and Provisions,
   1815-1944." *International Interactions* 28(3): 237-260.
.. [2] Miller, Steven V. 2022. "peacesciencer: An R Package for Quantitative
   Peace Science Research." *Conflict Management and Peace Science* 39(6):
   755-779.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from middlepower.io._csv import Column, Layout, PathLike, read_layout
from middlepower.io._paths import reader_path

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["ATOP_DDYR", "ATOP_DY", "PS_ATOP", "read_atop"]

_LEEDS = (
    "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell and Andrew G. "
    "Long. 2002. Alliance Treaty Obligations and Provisions, 1815-1944. "
    "International Interactions 28(3): 237-260."
)
_MILLER = (
    "Miller, Steven V. 2022. peacesciencer: An R Package for Quantitative Peace "
    "Science Research. Conflict Management and Peace Science 39(6): 755-779."
)

_FLAGS = ("atopally", "defense", "offense", "neutral", "nonagg", "consul")
_OPTIONAL = (
    Column("number", "int", required=False),
    Column("bilatno", "int", required=False),
    Column("multino", "int", required=False),
    Column("asymm", "flag", required=False),
    Column("shareob", "flag", required=False),
    Column("version", "str", required=False),
)
_ATOPIDS = ((r"atopid\d+", Column("atopid", "int", required=False)),)

ATOP_DY = Layout(
    key="atop_dy",
    dataset="ATOP",
    version="5.1",
    variant="dy",
    title="Alliance Treaty Obligations and Provisions (ATOP) 5.x, dyad-year",
    columns=(
        Column("dyad", "int"),
        Column("mem1", "code", nullable=False),
        Column("mem2", "code", nullable=False),
        Column("year", "year", nullable=False),
        *(Column(f, "flag") for f in _FLAGS),
        *_OPTIONAL,
    ),
    repeated=_ATOPIDS,
    allow_unknown=True,
    members=("atop5_1dy.csv", "atop*dy.csv"),
    citation=_LEEDS,
)
"""ATOP dyad-year file (``atop5_1dy.csv``); a row binds both members."""

ATOP_DDYR = Layout(
    key="atop_ddyr",
    dataset="ATOP",
    version="5.1",
    variant="ddyr",
    title=("Alliance Treaty Obligations and Provisions (ATOP) 5.x, directed dyad-year"),
    columns=(
        Column("ddyad", "int"),
        Column("stateA", "code", nullable=False),
        Column("stateB", "code", nullable=False),
        Column("year", "year", nullable=False),
        *(Column(f, "flag") for f in _FLAGS),
        *_OPTIONAL,
    ),
    repeated=_ATOPIDS,
    allow_unknown=True,
    members=("atop5_1ddyr.csv", "atop*ddyr.csv"),
    citation=_LEEDS,
)
"""ATOP directed dyad-year file (``atop5_1ddyr.csv``): A's obligations to B."""

PS_ATOP = Layout(
    key="ps_atop_alliance",
    dataset="ATOP",
    version="5.1",
    variant="peacesciencer",
    title=(
        "Alliance Treaty Obligations and Provisions (ATOP) 5.1, directed dyad-year "
        "(peacesciencer atop_alliance)"
    ),
    columns=(
        Column("ccode1", "code", nullable=False),
        Column("ccode2", "code", nullable=False),
        Column("year", "year", nullable=False),
        *(
            Column(f"atop_{f}", "flag")
            for f in ("defense", "offense", "neutral", "nonagg", "consul")
        ),
    ),
    citation=f"{_LEEDS} {_MILLER}",
)
"""peacesciencer's ``atop_alliance`` (ATOP 5.1 ddyr: ccode1's obligations to ccode2)."""


def _version(df: pd.DataFrame) -> str:
    """Return the ATOP version (the ``version`` column, else the file name)."""
    if "version" in df.columns:
        values = df["version"].dropna().unique()
        if len(values) == 1:
            return str(values[0]).strip()
    m = re.search(r"atop(\d+)_(\d+)", str(df.attrs.get("path", "")).lower())
    if m:
        return f"{m.group(1)}.{m.group(2)}"
    return str(df.attrs["version"])


def read_atop(path: PathLike, *, member: str | None = None) -> pd.DataFrame:
    r"""Read ATOP 5.x alliance data: dyad-year, directed dyad-year or peacesciencer.

    Parameters
    ----------
    path : str or os.PathLike
        ``atop5_1dy.csv``, ``atop5_1ddyr.csv``, peacesciencer's
        ``atop_alliance.csv``, or the distributed zip.
    member : str, optional
        Member of the zip (default: the dyad-year file, else the directed one).

    Returns
    -------
    pandas.DataFrame
        The file's columns in snake_case (``stateA`` -> ``state_a``), codes
        and flags as ``Int64``; ``df.attrs["variant"]`` is ``"dy"``,
        ``"ddyr"`` or ``"peacesciencer"`` and ``df.attrs["version"]`` the
        ATOP version (from the ``version`` column or the file name; 5.1 for
        peacesciencer 1.2.9).

    Raises
    ------
    DataFormatError
        For a header of none of the layouts, or a bad row.

    References
    ----------
    .. [1] Leeds, Brett Ashley, et al. 2002. "Alliance Treaty Obligations and
       Provisions, 1815-1944." *International Interactions* 28(3): 237-260.

    Examples
    --------
    >>> import os, tempfile
    >>> from middlepower.io import read_atop
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = os.path.join(tmp, "atop_alliance.csv")
    ...     with open(p, "w") as f:
    ...         _ = f.write(
    ...             '"ccode1","ccode2","year","atop_defense","atop_offense",'
    ...             '"atop_neutral","atop_nonagg","atop_consul"\n'
    ...             "732,2,2012,1,0,0,1,1\n"
    ...         )
    ...     df = read_atop(p)
    >>> df.attrs["variant"], int(df.loc[2, "atop_defense"])
    ('peacesciencer', 1)
    """
    df = read_layout(
        reader_path(path, member),
        [ATOP_DY, ATOP_DDYR, PS_ATOP],
        member=member,
        what="an ATOP 5.x file",
    )
    return finish_atop(df)


def finish_atop(df: pd.DataFrame) -> pd.DataFrame:
    """Set the ATOP version and list unknown columns in ``df.attrs`` (in place).

    Parameters
    ----------
    df : pandas.DataFrame
        A frame just read in one of the ATOP layouts.

    Returns
    -------
    pandas.DataFrame
        The same frame.
    """
    layout = {ATOP_DY.key: ATOP_DY, ATOP_DDYR.key: ATOP_DDYR}.get(df.attrs["layout"])
    if layout is not None:
        df.attrs["version"] = _version(df)
        known = layout.outputs()
        df.attrs["extra_columns"] = [
            c
            for c in df.columns
            if c not in known and not re.fullmatch(r"atopid\d+", c)
        ]
    return df
