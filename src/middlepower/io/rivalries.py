r"""Readers of strategic rivalry tables.

Three layouts, told apart by the header: Thompson, Sakuwa & Suhas (2022) as
peacesciencer distributes it (``tss_rivalries``: ``tssr_id, rivalry, ccode1,
ccode2, start, end, positional, spatial, ideological, interventionary,
principal, aprin``), Thompson & Dreyer (2012) as peacesciencer distributes it
(``td_rivalries``: ``rivalryno, rivalryname, ccode1, ccode2, styear, endyear,
region, type1, type2, type3``) and a plain user table of pairs and years
(``ccode1, ccode2, start, end``; any further column is kept as text).

References
----------
.. [1] Thompson, William R., Kentaro Sakuwa and Prashant Hosur Suhas. 2022.
   *Analyzing Strategic Rivalries in World Politics: Types of Rivalry,
   Regional Variation, and Escalation/De-escalation*. Singapore: Springer.
.. [2] Thompson, William R. and David R. Dreyer. 2012. *Handbook of
   International Rivalries, 1494-2010*. Washington, DC: CQ Press.
.. [3] Miller, Steven V. 2022. "peacesciencer: An R Package for Quantitative
   Peace Science Research." *Conflict Management and Peace Science* 39(6):
   755-779.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from middlepower.io._csv import Column, Layout, PathLike, read_layout
from middlepower.io._paths import reader_path

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["PLAIN_RIVALRIES", "PS_TD_RIVALRIES", "PS_TSS_RIVALRIES", "read_rivalries"]

_TSS = (
    "Thompson, William R., Kentaro Sakuwa and Prashant Hosur Suhas. 2022. Analyzing "
    "Strategic Rivalries in World Politics: Types of Rivalry, Regional Variation, "
    "and Escalation/De-escalation. Springer."
)
_TD = (
    "Thompson, William R. and David R. Dreyer. 2012. Handbook of International "
    "Rivalries, 1494-2010. CQ Press."
)
_MILLER = (
    "Miller, Steven V. 2022. peacesciencer: An R Package for Quantitative Peace "
    "Science Research. Conflict Management and Peace Science 39(6): 755-779."
)


def _code(name: str) -> Column:
    return Column(name, "code", nullable=False)


PS_TSS_RIVALRIES = Layout(
    key="ps_tss_rivalries",
    dataset="Strategic Rivalries (Thompson, Sakuwa & Suhas)",
    version="2022",
    variant="peacesciencer",
    title=(
        "Strategic rivalries 1494-2020, Thompson, Sakuwa & Suhas 2022 (peacesciencer)"
    ),
    columns=(
        Column("tssr_id", "int", nullable=False),
        Column("rivalry", "str"),
        _code("ccode1"),
        _code("ccode2"),
        Column("start", "year", nullable=False),
        Column("end", "year"),
        *(
            Column(c, "flag")
            for c in (
                "positional",
                "spatial",
                "ideological",
                "interventionary",
                "principal",
                "aprin",
            )
        ),
    ),
    citation=f"{_TSS} {_MILLER}",
)
"""peacesciencer's ``tss_rivalries`` (type flags 1 or empty)."""

PS_TD_RIVALRIES = Layout(
    key="ps_td_rivalries",
    dataset="Strategic Rivalries (Thompson & Dreyer)",
    version="2012",
    variant="peacesciencer",
    title="Strategic rivalries 1494-2010, Thompson & Dreyer 2012 (peacesciencer)",
    columns=(
        Column("rivalryno", "int", nullable=False),
        Column("rivalryname", "str"),
        _code("ccode1"),
        _code("ccode2"),
        Column("styear", "year", nullable=False),
        Column("endyear", "year"),
        Column("region", "str"),
        Column("type1", "str"),
        Column("type2", "str"),
        Column("type3", "str"),
    ),
    citation=f"{_TD} {_MILLER}",
)
"""peacesciencer's ``td_rivalries``."""

PLAIN_RIVALRIES = Layout(
    key="plain_rivalries",
    dataset="Rivalries (user table)",
    version="",
    variant="plain",
    title="Rivalry table (ccode1, ccode2, start, end)",
    columns=(
        _code("ccode1"),
        _code("ccode2"),
        Column("start", "year", nullable=False),
        Column("end", "year"),
    ),
    allow_unknown=True,
)
"""A plain table of rival pairs: ``ccode1, ccode2, start, end`` (+ any text columns)."""


def read_rivalries(path: PathLike, *, member: str | None = None) -> pd.DataFrame:
    r"""Read a strategic rivalry table: Thompson-Sakuwa-Suhas, Thompson-Dreyer or plain.

    Parameters
    ----------
    path : str or os.PathLike
        peacesciencer's ``tss_rivalries.csv`` or ``td_rivalries.csv``, or a
        plain table with columns ``ccode1, ccode2, start, end`` (years; an
        empty ``end`` means ongoing; other columns are kept as text).
    member : str, optional
        Member of a zip archive holding the file.

    Returns
    -------
    pandas.DataFrame
        The file's columns; ``df.attrs["layout"]`` says which table it is.

    Raises
    ------
    DataFormatError
        For a header of none of the layouts, or a bad row.

    References
    ----------
    .. [1] Thompson, William R., Kentaro Sakuwa and Prashant Hosur Suhas.
       2022. *Analyzing Strategic Rivalries in World Politics*. Springer.
    .. [2] Thompson, William R. and David R. Dreyer. 2012. *Handbook of
       International Rivalries, 1494-2010*. CQ Press.

    Examples
    --------
    >>> import os, tempfile
    >>> from middlepower.io import read_rivalries
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = os.path.join(tmp, "rivals.csv")
    ...     with open(p, "w") as f:
    ...         _ = f.write("ccode1,ccode2,start,end,name\n2,710,1996,,US-China\n")
    ...     df = read_rivalries(p)
    >>> df.attrs["layout"], int(df.loc[2, "start"]), df.loc[2, "end"]
    ('plain_rivalries', 1996, <NA>)
    """
    return read_layout(
        reader_path(path, member),
        [PS_TSS_RIVALRIES, PS_TD_RIVALRIES, PLAIN_RIVALRIES],
        member=member,
        what="a rivalry table",
    )
