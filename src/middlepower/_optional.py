"""Imports of optional dependencies, with the message naming the extra."""

from __future__ import annotations

import importlib
from types import ModuleType


def import_optional(module: str, extra: str, feature: str) -> ModuleType:
    """Import ``module`` or raise an ImportError telling which extra to install.

    Parameters
    ----------
    module : str
        Module name (e.g. ``"pandas"``).
    extra : str
        The middlepower extra that provides it (e.g. ``"pandas"``).
    feature : str
        What needs it, for the message (e.g. ``"to_frame"``).

    Returns
    -------
    module
        The imported module.

    Examples
    --------
    >>> from middlepower._optional import import_optional
    >>> import_optional("json", "none", "this example").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError as err:  # pragma: no cover - depends on the extra
        raise ImportError(
            f"{feature} needs {module}: pip install 'middlepower[{extra}]'"
        ) from err
