"""Loaders for the bundled real signed networks.

Two public data sets ship with the package, as edge lists ``from,to,sign``
under ``middlepower/datasets/data/``:

* ``signed_interstate/``: 51 signed networks of relations between states, one
  per overlapping four-year window from 1946-1949 to 1996-1999 (Doreian and
  Mrvar 2015, via signnet's ``cowList``);
* ``tribes/``: Read's 16 highland tribes of New Guinea (Read 1954, via
  signnet's ``tribes``).

Files are read through :mod:`importlib.resources`, so the loaders work from an
installed wheel. Parsed graphs are cached; every call returns fresh copies.
"""

from __future__ import annotations

import csv
import io
from functools import cache, lru_cache
from importlib import resources

import networkx as nx

from middlepower.exceptions import InvalidGraphError, InvalidParameterError

__all__ = [
    "load_signed_interstate",
    "load_signed_interstate_window",
    "load_tribes",
    "signed_interstate_windows",
]

_PACKAGE = "middlepower.datasets"
_INTERSTATE_DIR = "signed_interstate"
_TRIBES_DIR = "tribes"
_TRIBES_FILE = "tribes_edges.csv"
_HEADER = ["from", "to", "sign"]

_INTERSTATE_SOURCE = (
    "Doreian, P. and Mrvar, A. (2015), 'Structural Balance and Signed "
    "International Relations', Journal of Social Structure 16(2); distributed "
    "with the R package signnet (data set cowList, MIT licence, (c) 2020 "
    "David Schoch)."
)
_TRIBES_SOURCE = (
    "Read, K. E. (1954), 'Cultures of the Central Highlands, New Guinea', "
    "Southwestern Journal of Anthropology 10(1): 1-43; distributed with the R "
    "package signnet (data set tribes, MIT licence, (c) 2020 David Schoch)."
)


def _read_text(*parts: str) -> str:
    """Return the text of a bundled data file.

    Parameters
    ----------
    *parts : str
        Path components below ``middlepower/datasets/data``.

    Returns
    -------
    str
        The file's content, decoded as UTF-8.
    """
    resource = resources.files(_PACKAGE).joinpath("data", *parts)
    return resource.read_text(encoding="utf-8")


def _parse_signed_edges(text: str, label: str) -> nx.Graph:
    """Parse a ``from,to,sign`` edge list into a signed undirected graph.

    Parameters
    ----------
    text : str
        CSV text with the header ``from,to,sign``.
    label : str
        Name of the file, for error messages.

    Returns
    -------
    networkx.Graph
        Nodes in order of first appearance; edge attributes ``sign`` (int
        ``+1``/``-1``) and ``weight`` (float ``+1.0``/``-1.0``).

    Raises
    ------
    InvalidGraphError
        If the header is wrong, a row is malformed, a sign is not ``1`` or
        ``-1``, or the file has a self-loop or a repeated pair.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header != _HEADER:
        raise InvalidGraphError(
            f"The data file {label} must start with the header from,to,sign, "
            f"not {header!r}."
        )
    graph = nx.Graph()
    for line, row in enumerate(reader, start=2):
        if len(row) != 3:
            raise InvalidGraphError(
                f"Line {line} of {label} must have three fields, not {row!r}."
            )
        u, v, raw_sign = row
        if raw_sign not in ("1", "-1"):
            raise InvalidGraphError(
                f"Line {line} of {label} has sign {raw_sign!r}, expected 1 or -1."
            )
        if u == v:
            raise InvalidGraphError(f"Line {line} of {label} is a self-loop on {u!r}.")
        if graph.has_edge(u, v):
            raise InvalidGraphError(
                f"Line {line} of {label} repeats the pair ({u!r}, {v!r})."
            )
        sign = int(raw_sign)
        graph.add_edge(u, v, sign=sign, weight=float(sign))
    return graph


def _window_years(window: str) -> tuple[int, int]:
    """Return the first and last year of a window such as ``"46-49"``.

    Parameters
    ----------
    window : str
        Two two-digit years joined by a hyphen, in the 1900s.

    Returns
    -------
    tuple of int
        ``(start_year, end_year)``, e.g. ``(1946, 1949)``.
    """
    start, end = window.split("-")
    return 1900 + int(start), 1900 + int(end)


@lru_cache(maxsize=1)
def signed_interstate_windows() -> tuple[str, ...]:
    """Return the windows of the signed inter-state networks, in time order.

    Returns
    -------
    tuple of str
        The 51 windows ``"46-49"``, ``"47-50"``, ..., ``"96-99"``.

    See Also
    --------
    load_signed_interstate, load_signed_interstate_window

    Examples
    --------
    >>> from middlepower.datasets._signed import signed_interstate_windows
    >>> windows = signed_interstate_windows()
    >>> len(windows), windows[0], windows[-1]
    (51, '46-49', '96-99')
    """
    folder = resources.files(_PACKAGE).joinpath("data", _INTERSTATE_DIR)
    names = [
        entry.name.removesuffix(".csv")
        for entry in folder.iterdir()
        if entry.name.endswith(".csv")
    ]
    return tuple(sorted(names, key=_window_years))


@cache
def _interstate_graph(window: str) -> nx.Graph:
    """Parse (once) the network of one window; callers must copy it.

    Parameters
    ----------
    window : str
        A window from :func:`signed_interstate_windows`.

    Returns
    -------
    networkx.Graph
        The cached graph.
    """
    filename = f"{window}.csv"
    graph = _parse_signed_edges(_read_text(_INTERSTATE_DIR, filename), filename)
    start_year, end_year = _window_years(window)
    graph.graph.update(
        name=f"signed-interstate {window}",
        window=window,
        start_year=start_year,
        end_year=end_year,
        source=_INTERSTATE_SOURCE,
    )
    return graph


def load_signed_interstate_window(window: str) -> nx.Graph:
    """Load the signed inter-state network of one four-year window.

    Relations between states, built by Doreian and Mrvar [1]_ from
    Correlates of War data and distributed with the R package signnet [2]_ as
    ``cowList``: an edge is an alliance or friendly relation (``+1``) or a
    hostile one (``-1``) during the window.

    Parameters
    ----------
    window : str
        The window, two two-digit years such as ``"46-49"`` (1946-1949); see
        :func:`signed_interstate_windows`.

    Returns
    -------
    networkx.Graph
        Undirected graph, a fresh copy on every call. Nodes are the data set's
        own three-letter labels (mostly ISO-like, but e.g. ``"NKR"`` is North
        Korea and ``"RVN"`` South Vietnam). Edge attributes ``sign`` (int
        ``+1``/``-1``) and ``weight`` (float ``+1.0``/``-1.0``). ``G.graph``
        holds ``name``, ``window``, ``start_year``, ``end_year`` and
        ``source`` (the citation).

    Raises
    ------
    InvalidParameterError
        If ``window`` is not one of the 51 windows.

    See Also
    --------
    load_signed_interstate, signed_interstate_windows

    References
    ----------
    .. [1] Doreian, P., and A. Mrvar. "Structural Balance and Signed
       International Relations." *Journal of Social Structure* 16, no. 2
       (2015).
    .. [2] Schoch, D. *signnet: An R Package for Analyzing Signed Networks*.
       MIT licence. https://github.com/schochastics/signnet

    Examples
    --------
    >>> from middlepower.datasets._signed import load_signed_interstate_window
    >>> G = load_signed_interstate_window("46-49")
    >>> G.number_of_nodes(), G.number_of_edges()
    (64, 362)
    >>> G.graph["start_year"], G.graph["end_year"]
    (1946, 1949)
    """
    windows = signed_interstate_windows()
    if window not in windows:
        raise InvalidParameterError(
            f"Unknown signed-interstate window {window!r}; valid windows are "
            f"{', '.join(windows)}."
        )
    return _interstate_graph(window).copy()


def load_signed_interstate() -> dict[str, nx.Graph]:
    """Load all 51 signed inter-state networks, 1946-1999.

    One network per overlapping four-year window, from Doreian and Mrvar [1]_
    as distributed with the R package signnet [2]_ (``cowList``); see
    :func:`load_signed_interstate_window` for the graph format.

    Returns
    -------
    dict of str to networkx.Graph
        Fresh copies keyed by window, in time order (``"46-49"`` first,
        ``"96-99"`` last).

    See Also
    --------
    load_signed_interstate_window, signed_interstate_windows

    References
    ----------
    .. [1] Doreian, P., and A. Mrvar. "Structural Balance and Signed
       International Relations." *Journal of Social Structure* 16, no. 2
       (2015).
    .. [2] Schoch, D. *signnet: An R Package for Analyzing Signed Networks*.
       MIT licence. https://github.com/schochastics/signnet

    Examples
    --------
    >>> from middlepower.datasets._signed import load_signed_interstate
    >>> nets = load_signed_interstate()
    >>> len(nets)
    51
    >>> first = nets["46-49"]
    >>> first.number_of_nodes(), first.number_of_edges()
    (64, 362)
    >>> first.graph["name"]
    'signed-interstate 46-49'
    """
    return {
        window: _interstate_graph(window).copy()
        for window in signed_interstate_windows()
    }


@lru_cache(maxsize=1)
def _tribes_graph() -> nx.Graph:
    """Parse (once) the highland tribes network; callers must copy it.

    Returns
    -------
    networkx.Graph
        The cached graph.
    """
    graph = _parse_signed_edges(_read_text(_TRIBES_DIR, _TRIBES_FILE), _TRIBES_FILE)
    graph.graph.update(name="highland tribes", source=_TRIBES_SOURCE)
    return graph


def load_tribes() -> nx.Graph:
    """Load Read's signed network of 16 highland tribes of New Guinea.

    The Gahuku-Gama tribes of the Eastern Central Highlands and their
    relations of friendship (*rova*, ``+1``) and enmity (*hina*, ``-1``) as
    recorded by Read [1]_, distributed with the R package signnet [2]_; the
    classic small test case of structural balance.

    Returns
    -------
    networkx.Graph
        Undirected graph with 16 nodes (tribe names) and 58 edges, a fresh copy
        on every call. Edge attributes ``sign`` (int ``+1``/``-1``) and
        ``weight`` (float ``+1.0``/``-1.0``); ``G.graph`` holds ``name`` and
        ``source`` (the citation).

    See Also
    --------
    load_signed_interstate

    References
    ----------
    .. [1] Read, K. E. "Cultures of the Central Highlands, New Guinea."
       *Southwestern Journal of Anthropology* 10, no. 1 (1954): 1-43.
    .. [2] Schoch, D. *signnet: An R Package for Analyzing Signed Networks*.
       MIT licence. https://github.com/schochastics/signnet

    Examples
    --------
    >>> from middlepower.datasets._signed import load_tribes
    >>> G = load_tribes()
    >>> G.number_of_nodes(), G.number_of_edges()
    (16, 58)
    >>> G.edges["Gavev", "Ove"]["sign"]
    -1
    """
    return _tribes_graph().copy()
