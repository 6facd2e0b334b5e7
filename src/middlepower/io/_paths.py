"""Entry checks shared by the file readers of :mod:`middlepower.io`."""

from __future__ import annotations

from middlepower._checks import check_file, check_optional_str


def reader_path(path: object, member: object) -> str:
    """Return the path of an existing data file, after checking ``member``.

    Parameters
    ----------
    path : object
        The reader's ``path`` argument (``str`` or ``os.PathLike``).
    member : object
        The reader's ``member`` argument (``None`` or a member name).

    Returns
    -------
    str
        The path.

    Raises
    ------
    InvalidArgumentTypeError
        For a path or member of the wrong type.
    MissingFileError
        If the file does not exist.
    DataFormatError
        For a folder, or a ``.zip`` that is not a zip archive.

    Examples
    --------
    >>> from middlepower.io._paths import reader_path
    >>> reader_path(42, None)
    Traceback (most recent call last):
    ...
    middlepower.exceptions.InvalidArgumentTypeError: path must be a path (str or
    os.PathLike), got int 42.
    """
    check_optional_str(member, "member")
    return check_file(path, "path")
