r"""Readers of the Correlates of War (COW) data sets.

Formal Alliances v4.1 (dyad-yearly and directed-dyad-yearly files), Direct
Contiguity v3.2 (``contdir`` master records, ``contdird`` directed
dyad-years, and peacesciencer's ``cow_contdir``), Dyadic Trade v4.0 and
peacesciencer's national trade totals (``cow_trade_sy``), National Material
Capabilities v6.0 and the State System Membership list v2016.

Every reader returns a :class:`pandas.DataFrame` with the data set's own
columns (snake_case where the file is not), COW state numbers and years as
nullable ``Int64``, the missing markers ``-9`` and empty cells as ``NA``,
and every other value as written. The index is the line number in the file.
``df.attrs`` records the data set, version, variant and path (see
:func:`middlepower.io.read_table`). Formats: DATA_FORMATS.md of the design
notes; the documentation page *Data sources* lists the quirks.

References
----------
.. [1] Gibler, Douglas M. 2009. *International Military Alliances,
   1648-2008*. Washington, DC: CQ Press. (COW Formal Alliances v4.1.)
.. [2] Stinnett, Douglas M., Jaroslav Tir, Philip Schafer, Paul F. Diehl and
   Charles Gochman. 2002. "The Correlates of War Project Direct Contiguity
   Data, Version 3." *Conflict Management and Peace Science* 19(2): 59-67.
.. [3] Barbieri, Katherine, Omar M. G. Keshk and Brian M. Pollins. 2009.
   "Trading Data: Evaluating our Assumptions and Coding Rules." *Conflict
   Management and Peace Science* 26(5): 471-491. (COW Trade v4.0.)
.. [4] Singer, J. David, Stuart Bremer and John Stuckey. 1972. "Capability
   Distribution, Uncertainty, and Major Power War, 1820-1965." In Bruce
   Russett (ed.), *Peace, War, and Numbers*, 19-48. Beverly Hills: Sage.
.. [5] Correlates of War Project. 2017. "State System Membership List,
   v2016." https://correlatesofwar.org
.. [6] Miller, Steven V. 2022. "peacesciencer: An R Package for Quantitative
   Peace Science Research." *Conflict Management and Peace Science* 39(6):
   755-779.
"""

from __future__ import annotations

import os
from importlib import resources
from typing import TYPE_CHECKING

from middlepower.exceptions import InvalidParameterError
from middlepower.io._csv import Column, Layout, PathLike, read_layout
from middlepower.io._paths import reader_path

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "COW_ALLIANCE_DIRECTED",
    "COW_ALLIANCE_DYAD",
    "COW_CONTDIR",
    "COW_CONTDIRD",
    "COW_NMC",
    "COW_STATES",
    "COW_TRADE",
    "PS_CONTDIR",
    "PS_TRADE_SY",
    "read_cow_alliances",
    "read_cow_contiguity",
    "read_cow_nmc",
    "read_cow_states",
    "read_cow_trade",
    "read_cow_trade_totals",
    "states_path",
]

_GIBLER = (
    "Gibler, Douglas M. 2009. International Military Alliances, 1648-2008. CQ Press."
)
_STINNETT = (
    "Stinnett, Douglas M., Jaroslav Tir, Philip Schafer, Paul F. Diehl and Charles "
    "Gochman. 2002. The Correlates of War Project Direct Contiguity Data, Version 3. "
    "Conflict Management and Peace Science 19(2): 59-67."
)
_BARBIERI = (
    "Barbieri, Katherine, Omar M. G. Keshk and Brian M. Pollins. 2009. Trading Data: "
    "Evaluating our Assumptions and Coding Rules. Conflict Management and Peace "
    "Science 26(5): 471-491."
)
_SINGER = (
    "Singer, J. David, Stuart Bremer and John Stuckey. 1972. Capability Distribution, "
    "Uncertainty, and Major Power War, 1820-1965. In Peace, War, and Numbers, 19-48."
)
_STATES = "Correlates of War Project. 2017. State System Membership List, v2016."
_MILLER = (
    "Miller, Steven V. 2022. peacesciencer: An R Package for Quantitative Peace "
    "Science Research. Conflict Management and Peace Science 39(6): 755-779."
)


def _code(name: str, **kw: object) -> Column:
    return Column(name, "code", nullable=False, **kw)  # type: ignore[arg-type]


def _year(name: str) -> Column:
    return Column(name, "year", nullable=False)


_ALLIANCE_COLUMNS = (
    Column("version4id", "int"),
    _code("ccode1"),
    Column("state_name1", "str"),
    _code("ccode2"),
    Column("state_name2", "str"),
    Column("dyad_st_day", "int"),
    Column("dyad_st_month", "int"),
    Column("dyad_st_year", "int"),
    Column("dyad_end_day", "int"),
    Column("dyad_end_month", "int"),
    Column("dyad_end_year", "int"),
    Column("left_censor", "flag"),
    Column("right_censor", "flag"),
    Column("defense", "flag"),
    Column("neutrality", "flag"),
    Column("nonaggression", "flag"),
    Column("entente", "flag"),
    Column("asymmetric", "flag", required=False),
    _year("year"),
    Column("version", "str"),
)

COW_ALLIANCE_DYAD = Layout(
    key="cow_alliance_dyad_yearly",
    dataset="COW Formal Alliances",
    version="4.1",
    variant="dyad_yearly",
    title="COW Formal Alliances v4.1, dyad-yearly (alliance_v4.1_by_dyad_yearly)",
    columns=_ALLIANCE_COLUMNS,
    members=("alliance_v4.1_by_dyad_yearly.csv", "*by_dyad_yearly*.csv"),
    year_zero=True,
    citation=_GIBLER,
)
"""COW Formal Alliances v4.1, ``alliance_v4.1_by_dyad_yearly.csv``."""

COW_ALLIANCE_DIRECTED = Layout(
    key="cow_alliance_directed_yearly",
    dataset="COW Formal Alliances",
    version="4.1",
    variant="directed_yearly",
    title=(
        "COW Formal Alliances v4.1, directed dyad-yearly "
        "(alliance_v4.1_by_directed_yearly)"
    ),
    columns=_ALLIANCE_COLUMNS,
    members=("alliance_v4.1_by_directed_yearly.csv", "*by_directed_yearly*.csv"),
    year_zero=True,
    citation=_GIBLER,
)
"""COW Formal Alliances v4.1, ``alliance_v4.1_by_directed_yearly.csv``.

Same header as the dyad-yearly file: the variant comes from the file (or
archive member) name, or from ``variant=``.
"""

_CONTTYPE = Column("conttype", "int", nullable=False, allowed=(1, 2, 3, 4, 5))

COW_CONTDIR = Layout(
    key="cow_contdir",
    dataset="COW Direct Contiguity",
    version="3.2",
    variant="contdir",
    title="COW Direct Contiguity v3.2, master records (contdir)",
    columns=(
        Column("dyad", "int", required=False),
        _code("statelno"),
        Column("statelab", "str", required=False),
        _code("statehno"),
        Column("statehab", "str", required=False),
        _CONTTYPE,
        Column("begin", "yyyymm", nullable=False),
        Column("end", "yyyymm", nullable=False),
        Column("notes", "str", required=False),
        Column("version", "str", required=False),
    ),
    members=("contdir.csv",),
    citation=_STINNETT,
)
"""COW Direct Contiguity v3.2, ``contdir.csv`` (one row per spell, begin/end YYYYMM)."""

COW_CONTDIRD = Layout(
    key="cow_contdird",
    dataset="COW Direct Contiguity",
    version="3.2",
    variant="contdird",
    title="COW Direct Contiguity v3.2, directed dyad-year (contdird)",
    columns=(
        Column("dyad", "int"),
        _code("state1no"),
        Column("state1ab", "str"),
        _code("state2no"),
        Column("state2ab", "str"),
        _year("year"),
        _CONTTYPE,
        Column("version", "str"),
    ),
    members=("contdird.csv",),
    citation=_STINNETT,
)
"""COW Direct Contiguity v3.2, ``contdird.csv`` (directed dyad-years)."""

PS_CONTDIR = Layout(
    key="ps_cow_contdir",
    dataset="COW Direct Contiguity",
    version="3.2",
    variant="peacesciencer",
    title="COW Direct Contiguity v3.2, master records made directed (peacesciencer)",
    columns=(
        _code("ccode1"),
        _code("ccode2"),
        Column("conttype", "int", nullable=False, allowed=(0, 1, 2, 3, 4, 5)),
        Column("stdate", "date", nullable=False),
        Column("enddate", "date", nullable=False),
    ),
    citation=f"{_STINNETT} {_MILLER}",
)
"""peacesciencer's ``cow_contdir`` (``conttype`` 0: not contiguous)."""

_FLOW = ("flow1", "flow2", "smoothflow1", "smoothflow2", "smoothtotrade")
_ALT = ("bel_lux_alt_flow1", "bel_lux_alt_flow2", "china_alt_flow1", "china_alt_flow2")

COW_TRADE = Layout(
    key="cow_trade",
    dataset="COW Trade",
    version="4.0",
    variant="dyadic",
    title="COW Trade v4.0, dyadic (Dyadic_COW_4.0)",
    columns=(
        _code("ccode1"),
        _code("ccode2"),
        _year("year"),
        Column("importer1", "str"),
        Column("importer2", "str"),
        *(Column(c, "float") for c in _FLOW),
        *(Column(c, "int") for c in ("spike1", "spike2", "dip1", "dip2")),
        Column("trdspike", "int"),
        Column("tradedip", "int"),
        *(Column(c, "float") for c in _ALT),
        Column("source1", "int"),
        Column("source2", "int"),
        Column("version", "str"),
    ),
    members=("dyadic_cow_4.0.csv", "dyadic_cow_*.csv"),
    citation=_BARBIERI,
)
"""COW Trade v4.0, ``Dyadic_COW_4.0.csv``: flow1 = ccode1's imports from ccode2."""

PS_TRADE_SY = Layout(
    key="ps_cow_trade_sy",
    dataset="COW Trade",
    version="4.0",
    variant="national_peacesciencer",
    title="COW Trade v4.0, national totals (peacesciencer cow_trade_sy)",
    columns=(
        _code("ccode"),
        _year("year"),
        Column("imports", "float"),
        Column("exports", "float"),
    ),
    citation=f"{_BARBIERI} {_MILLER}",
)
"""peacesciencer's ``cow_trade_sy``: state-year imports and exports, million USD."""

COW_NMC = Layout(
    key="cow_nmc",
    dataset="COW National Material Capabilities",
    version="6.0",
    variant="abridged",
    title="COW National Material Capabilities v6.0 (NMC-60-abridged)",
    columns=(
        Column("stateabb", "str"),
        _code("ccode"),
        _year("year"),
        *(
            Column(c, "float")
            for c in ("milex", "milper", "irst", "pec", "tpop", "upop", "cinc")
        ),
        Column("version", "str"),
    ),
    members=("nmc-60-abridged.csv", "nmc-*-abridged.csv", "nmc*.csv"),
    citation=_SINGER,
)
"""COW NMC v6.0 abridged: measures as floats (two population cells have decimals)."""

COW_STATES = Layout(
    key="cow_states",
    dataset="COW State System Membership",
    version="2016",
    variant="states",
    title="COW State System Membership List v2016 (states2016)",
    columns=(
        Column("stateabb", "str", nullable=False),
        _code("ccode"),
        Column("statenme", "str", nullable=False),
        _year("styear"),
        Column("stmonth", "int", nullable=False, allowed=tuple(range(1, 13))),
        Column("stday", "int", nullable=False, allowed=tuple(range(1, 32))),
        _year("endyear"),
        Column("endmonth", "int", nullable=False, allowed=tuple(range(1, 13))),
        Column("endday", "int", nullable=False, allowed=tuple(range(1, 32))),
        Column("version", "str"),
    ),
    members=("states2016.csv", "states*.csv"),
    citation=_STATES,
)
"""COW states2016: one row per membership spell (empty trailing columns ignored)."""


def _alliance_variant(variant: str | None) -> object:
    if variant not in (None, "dyad_yearly", "directed_yearly"):
        raise InvalidParameterError(
            f"Unknown COW alliance variant {variant!r}; expected 'dyad_yearly' or "
            "'directed_yearly'."
        )

    def hint(layout: Layout, name: str) -> Layout:
        if variant == "directed_yearly" or (
            variant is None and "directed" in os.path.basename(name).lower()
        ):
            return COW_ALLIANCE_DIRECTED
        return COW_ALLIANCE_DYAD

    return hint


def read_cow_alliances(
    path: PathLike, *, member: str | None = None, variant: str | None = None
) -> pd.DataFrame:
    r"""Read a COW Formal Alliances v4.1 yearly file (CSV or the distributed zip).

    Parameters
    ----------
    path : str or os.PathLike
        ``alliance_v4.1_by_dyad_yearly.csv``,
        ``alliance_v4.1_by_directed_yearly.csv`` or ``version4.1_csv.zip``.
    member : str, optional
        Member of the zip to read (default: the dyad-yearly file, else the
        directed-yearly one).
    variant : {"dyad_yearly", "directed_yearly"}, optional
        The two files share one header, so the variant comes from the file
        (or member) name: ``"directed"`` in it means directed-yearly. Give it
        here to override.

    Returns
    -------
    pandas.DataFrame
        Columns ``version4id, ccode1, state_name1, ccode2, state_name2,
        dyad_st_day ... dyad_end_year, left_censor, right_censor, defense,
        neutrality, nonaggression, entente, year, version`` (``asymmetric`` if
        present), index = line number.

    Raises
    ------
    DataFormatError
        For a header that is not this format or a bad row.

    Notes
    -----
    Quirks kept as they are in the file (and handled by
    :func:`~middlepower.io.alliance_obligations`): several rows for one
    dyad-year when the pair shares several alliances; two rows with
    ``year == 0`` (2-666 and 651-666); the "directed" file lists each pair in
    one direction only, so its rows bind both ways like the dyad file's.

    References
    ----------
    .. [1] Gibler, Douglas M. 2009. *International Military Alliances,
       1648-2008*. CQ Press.

    Examples
    --------
    >>> import os, tempfile
    >>> from middlepower.io import read_cow_alliances
    >>> header = (
    ...     "version4id,ccode1,state_name1,ccode2,state_name2,dyad_st_day,"
    ...     "dyad_st_month,dyad_st_year,dyad_end_day,dyad_end_month,dyad_end_year,"
    ...     "left_censor,right_censor,defense,neutrality,nonaggression,entente,"
    ...     "year,version"
    ... )
    >>> row = (
    ...     "188,2,United States of America,732,South Korea,17,11,1954,,,,"
    ...     "0,1,1,0,0,0,2012,4.1"
    ... )
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = os.path.join(tmp, "alliance_v4.1_by_dyad_yearly.csv")
    ...     with open(p, "w") as f:
    ...         _ = f.write(header + "\n" + row + "\n")
    ...     df = read_cow_alliances(p)
    >>> df.attrs["variant"], int(df.loc[2, "defense"]), df.loc[2, "dyad_end_year"]
    ('dyad_yearly', 1, <NA>)
    """
    return read_layout(
        reader_path(path, member),
        [COW_ALLIANCE_DYAD, COW_ALLIANCE_DIRECTED],
        member=member,
        what="a COW Formal Alliances v4.1 yearly file",
        variant_hint=_alliance_variant(variant),
    )


def read_cow_contiguity(path: PathLike, *, member: str | None = None) -> pd.DataFrame:
    r"""Read COW Direct Contiguity v3.2: ``contdir``, ``contdird`` or peacesciencer.

    The variant is detected from the header: ``contdir`` master records
    (``statelno, statehno, conttype, begin, end`` with ``begin``/``end`` as
    YYYYMM), ``contdird`` directed dyad-years (``dyad, state1no, state1ab,
    state2no, state2ab, year, conttype, version``) or peacesciencer's
    ``cow_contdir`` (``ccode1, ccode2, conttype, stdate, enddate``; both
    directions; ``conttype`` 0 marks spells without contiguity).

    Parameters
    ----------
    path : str or os.PathLike
        The CSV or ``DirectContiguity320.zip``.
    member : str, optional
        Member of the zip (default ``contdir.csv``, else ``contdird.csv``).

    Returns
    -------
    pandas.DataFrame
        The file's columns; ``stdate``/``enddate`` as dates; index = line.

    Raises
    ------
    DataFormatError
        For a header of none of the three layouts, or a bad row (e.g. a
        ``conttype`` outside 1-5, a month 13).

    References
    ----------
    .. [1] Stinnett, Douglas M., et al. 2002. "The Correlates of War Project
       Direct Contiguity Data, Version 3." *Conflict Management and Peace
       Science* 19(2): 59-67.

    Examples
    --------
    >>> import os, tempfile
    >>> from middlepower.io import read_cow_contiguity
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = os.path.join(tmp, "contdir.csv")
    ...     with open(p, "w") as f:
    ...         _ = f.write(
    ...             "statelno,statehno,conttype,begin,end\n731,732,1,194906,201612\n"
    ...         )
    ...     df = read_cow_contiguity(p)
    >>> df.attrs["variant"], int(df.loc[2, "begin"])
    ('contdir', 194906)
    """
    return read_layout(
        reader_path(path, member),
        [COW_CONTDIR, COW_CONTDIRD, PS_CONTDIR],
        member=member,
        what="a COW Direct Contiguity v3.2 file",
    )


def read_cow_trade(path: PathLike, *, member: str | None = None) -> pd.DataFrame:
    r"""Read COW Trade v4.0 dyadic data (``Dyadic_COW_4.0.csv`` or its zip).

    Fast path: :func:`pyarrow.csv.read_csv` with the 23 column types given,
    one conversion to pandas (see ``benchmarks/bench_readers.py``).

    Parameters
    ----------
    path : str or os.PathLike
        The CSV (about 82 MB) or the distributed zip.
    member : str, optional
        Member of the zip (default ``Dyadic_COW_4.0.csv``).

    Returns
    -------
    pandas.DataFrame
        ``ccode1, ccode2, year, importer1, importer2, flow1, flow2,
        smoothflow1, smoothflow2, smoothtotrade, spike1, spike2, dip1, dip2,
        trdspike, tradedip, bel_lux_alt_flow1, bel_lux_alt_flow2,
        china_alt_flow1, china_alt_flow2, source1, source2, version``; flows in
        millions of current USD (``flow1`` = ccode1's imports from ccode2,
        ``flow2`` = ccode2's imports from ccode1), -9 read as NA (counts per
        column in ``df.attrs["missing_codes"]``).

    Raises
    ------
    DataFormatError
        For a wrong header or a bad row.

    References
    ----------
    .. [1] Barbieri, Katherine, Omar M. G. Keshk and Brian M. Pollins. 2009.
       "Trading Data: Evaluating our Assumptions and Coding Rules." *Conflict
       Management and Peace Science* 26(5): 471-491.

    Examples
    --------
    >>> import os, tempfile
    >>> from middlepower.io import read_cow_trade
    >>> from middlepower.io.cow import COW_TRADE
    >>> header = ",".join(c.name for c in COW_TRADE.columns)
    >>> row = (
    ...     "710,732,2012,China,South Korea,87.3,80.1,87.3,80.1,167.4,"
    ...     "0,0,0,0,0,0,-9,-9,-9,-9,1,1,4.0"
    ... )
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = os.path.join(tmp, "Dyadic_COW_4.0.csv")
    ...     with open(p, "w") as f:
    ...         _ = f.write(header + "\n" + row + "\n")
    ...     df = read_cow_trade(p)
    >>> float(df.loc[2, "flow1"]), df.loc[2, "china_alt_flow1"]
    (87.3, <NA>)
    """
    return read_layout(
        reader_path(path, member),
        [COW_TRADE],
        member=member,
        what="a COW Trade v4.0 dyadic file",
    )


def read_cow_trade_totals(path: PathLike, *, member: str | None = None) -> pd.DataFrame:
    r"""Read national trade totals (peacesciencer's ``cow_trade_sy``).

    Parameters
    ----------
    path : str or os.PathLike
        ``cow_trade_sy.csv`` (``ccode, year, imports, exports``; millions of
        current USD; COW Trade v4.0 national data via peacesciencer).
    member : str, optional
        Member of a zip archive holding the file.

    Returns
    -------
    pandas.DataFrame
        ``ccode, year, imports, exports``; index = line number.

    Raises
    ------
    DataFormatError
        For a wrong header or a bad row.

    Examples
    --------
    >>> import os, tempfile
    >>> from middlepower.io import read_cow_trade_totals
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = os.path.join(tmp, "cow_trade_sy.csv")
    ...     with open(p, "w") as f:
    ...         _ = f.write('"ccode","year","imports","exports"\n31,1960,,\n')
    ...     df = read_cow_trade_totals(p)
    >>> int(df.loc[2, "year"]), df.loc[2, "imports"]
    (1960, <NA>)
    """
    return read_layout(
        reader_path(path, member),
        [PS_TRADE_SY],
        member=member,
        what="a national trade totals file",
    )


def read_cow_nmc(path: PathLike, *, member: str | None = None) -> pd.DataFrame:
    r"""Read COW National Material Capabilities v6.0 (abridged).

    Parameters
    ----------
    path : str or os.PathLike
        ``NMC-60-abridged.csv`` or its zip.
    member : str, optional
        Member of the zip (default ``NMC-60-abridged.csv``).

    Returns
    -------
    pandas.DataFrame
        ``stateabb, ccode, year, milex, milper, irst, pec, tpop, upop, cinc,
        version``; measures as ``Float64`` (``milex`` is thousands of GBP up
        to 1913 and thousands of current USD from 1914); -9 read as NA.

    Raises
    ------
    DataFormatError
        For a wrong header or a bad row.

    References
    ----------
    .. [1] Singer, J. David, Stuart Bremer and John Stuckey. 1972. "Capability
       Distribution, Uncertainty, and Major Power War, 1820-1965." In *Peace,
       War, and Numbers*, 19-48. Sage.

    Examples
    --------
    >>> import os, tempfile
    >>> from middlepower.io import read_cow_nmc
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = os.path.join(tmp, "NMC-60-abridged.csv")
    ...     with open(p, "w") as f:
    ...         _ = f.write(
    ...             "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,"
    ...             "version\nWSM,990,2016,0,0,0,40,195,0,4.6681293E-06,2021"
    ...         )
    ...     df = read_cow_nmc(p)
    >>> float(df.loc[2, "cinc"]), df.attrs["version"]
    (4.6681293e-06, '6.0')
    """
    return read_layout(
        reader_path(path, member), [COW_NMC], member=member, what="a COW NMC file"
    )


def states_path() -> str:
    """Return the path of the bundled COW ``states2016.csv``.

    Returns
    -------
    str
        A file path inside the installed package.

    Examples
    --------
    >>> from middlepower.io import states_path
    >>> os_path = states_path()
    >>> os_path.endswith("states2016.csv")
    True
    """
    return str(
        resources.files("middlepower.datasets") / "data" / "cow" / "states2016.csv"
    )


def read_cow_states(
    path: PathLike | None = None, *, member: str | None = None
) -> pd.DataFrame:
    r"""Read the COW State System Membership list (default: the bundled v2016).

    Parameters
    ----------
    path : str or os.PathLike, optional
        A ``states2016.csv`` (or zip); default :func:`states_path`. Trailing
        columns without a name (the bundled copy has eleven, with spreadsheet
        leftovers such as ``#REF!`` in a few rows) are ignored;
        ``df.attrs["unnamed_columns"]`` and ``df.attrs["unnamed_values"]``
        count them and the non-empty cells they held.
    member : str, optional
        Member of a zip archive.

    Returns
    -------
    pandas.DataFrame
        ``stateabb, ccode, statenme, styear, stmonth, stday, endyear,
        endmonth, endday, version``: one row per spell of membership (a state
        interrupted by occupation has several).

    Raises
    ------
    DataFormatError
        For a wrong header or a bad row.

    References
    ----------
    .. [1] Correlates of War Project. 2017. "State System Membership List,
       v2016."

    Examples
    --------
    >>> from middlepower.io import read_cow_states
    >>> states = read_cow_states()
    >>> len(states), states.loc[states["ccode"] == 732, "statenme"].iloc[0]
    (243, 'South Korea')
    """
    return read_layout(
        reader_path(states_path() if path is None else path, member),
        [COW_STATES],
        member=member,
        what="a COW State System Membership file",
    )
