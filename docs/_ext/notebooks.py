"""Execute the example notebooks and check (or refresh) their saved outputs.

The notebooks in ``examples/`` are committed *executed*, so that GitHub and
any notebook viewer show their tables and figures. Their outputs come from
this script, never from a hand-run session:

* every code cell is run top to bottom in a fresh kernel (nbclient), from a
  scratch folder, with ``src/`` first on the kernel's ``PYTHONPATH``;
* a *plotting cell* (one that calls anything from ``middlepower.plot``, under
  whatever name it was imported) must display an ``image/png`` output: end it
  with ``ax.figure`` (the library's figures display as PNG without pyplot);
* the saved outputs must equal the fresh ones: text exactly; images as PNGs of
  the same pixel size, and of the same pixels (RMS difference at most
  ``PIXEL_TOLERANCE`` on the 0-255 scale) when the notebook was executed with
  the installed matplotlib version (recorded in the notebook's metadata;
  another version may anti-alias differently, so only the size is compared).

Outputs are written deterministically: execution counts 1, 2, ...; no timing
metadata; consecutive pieces of one stream joined (the kernel cuts a long
print where timing happens to); the notebook metadata kept as committed (plus
the matplotlib version); PNGs without a ``Software`` entry.

Usage (from the repository root)::

    python docs/_ext/notebooks.py            # check, exit 1 on drift
    python docs/_ext/notebooks.py --update   # execute and save the outputs
    python docs/_ext/notebooks.py --update examples/01_editorial_case.ipynb

``tests/test_notebooks.py`` runs the same check on every ``examples/*.ipynb``.
"""

from __future__ import annotations

import argparse
import ast
import base64
import copy
import io
import os
import re
import struct
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
PACKAGE = "middlepower"
PLOT_MODULE = "middlepower.plot"
PIXEL_TOLERANCE = 1.0
TIMEOUT = 600
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# where a warning was raised, as the kernel names a cell: a temporary file
# whose names change from run to run (compared as ``<cell>``)
_CELL_FILE = re.compile(r"\S*ipykernel_\d+[/\\]\d+\.py")


def notebooks() -> list[Path]:
    """Return every notebook in ``examples/``, in name order."""
    return sorted(EXAMPLES.glob("*.ipynb"))


# -- which cells plot -----------------------------------------------------------
def _python(source: str) -> ast.Module | None:
    """Parse a cell as Python; None if it is not.

    IPython syntax is read as the Python it wraps: a cell magic line
    (``%%time``) and shell lines (``!ls``) are dropped, a line magic keeps its
    argument (``%time mpplot.compare(c)`` is read as ``mpplot.compare(c)``).
    """
    lines = []
    for line in source.splitlines():
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)]
        if stripped.startswith(("%%", "!")):
            continue
        if stripped.startswith("%"):
            parts = stripped.split(maxsplit=1)
            line = indent + (parts[1] if len(parts) > 1 else "pass")
        lines.append(line)
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError:
        return None


def _dotted(node: ast.expr) -> str | None:
    """``a.b.c`` for a chain of attributes on a name, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


class _Names:
    """The names under which a notebook has imported ``middlepower.plot``."""

    def __init__(self) -> None:
        self.modules: set[str] = set()  # dotted names bound to middlepower.plot
        self.functions: set[str] = set()  # names bound to its members

    def learn(self, tree: ast.Module) -> None:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name == PLOT_MODULE:
                        self.modules.add(a.asname or PLOT_MODULE)
                    elif a.name == PACKAGE:  # mp.plot.f() once the module loaded
                        self.modules.add(f"{a.asname or PACKAGE}.plot")
                    elif a.name.startswith(PACKAGE + ".") and a.asname is None:
                        self.modules.add(PLOT_MODULE)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                if node.module == PACKAGE:
                    for a in node.names:
                        if a.name == "plot":
                            self.modules.add(a.asname or "plot")
                elif node.module == PLOT_MODULE:
                    for a in node.names:
                        self.functions.add(a.asname or a.name)

    def calls_plot(self, tree: ast.Module) -> bool:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _dotted(node.func)
            if name is None:
                continue
            if name in self.functions:
                return True
            if any(name.startswith(m + ".") for m in self.modules):
                return True
        return False


def plotting_cells(nb: Any) -> list[int]:
    """Return the code cells (indices) that call into ``middlepower.plot``.

    Imports are followed through the notebook in order: ``import
    middlepower.plot as mpplot`` then ``mpplot.attention(r)``, ``from
    middlepower.plot import attention`` then ``attention(r)``, ``import
    middlepower as mp; import middlepower.plot`` then ``mp.plot.compare(c)``.
    An import alone, or an attribute that is not called
    (``mpplot.KIND_STYLES``), is not plotting.
    """
    names = _Names()
    out = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        tree = _python(_text(cell["source"]))
        if tree is None:
            continue
        names.learn(tree)
        if names.calls_plot(tree):
            out.append(i)
    return out


def _text(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


def _gist(cell: Mapping[str, Any]) -> str:
    """Return the first non-blank line of a cell, to name it in a message."""
    lines = [s for s in _text(cell["source"]).splitlines() if s.strip()]
    return _short(lines[0].strip(), 50, quote=False) if lines else ""


def plot_problems(nb: Any) -> list[str]:
    """One message per plotting cell of an executed notebook without a PNG."""
    problems = []
    for i in plotting_cells(nb):
        cell = nb["cells"][i]
        if not any("image/png" in o.get("data", {}) for o in cell["outputs"]):
            shown = [
                _text(o["data"]["text/plain"])
                for o in cell["outputs"]
                if "text/plain" in o.get("data", {})
            ]
            problems.append(
                f"cell {i} ({_gist(cell)!r}) calls {PLOT_MODULE} but "
                "displays no image/png"
                + (f" (it shows {shown[0]!r})" if shown else "")
                + "; end it with the figure, e.g. `ax.figure`."
            )
    return problems


# -- execution -------------------------------------------------------------------
def kernel_env(src: Path | str = ROOT / "src") -> dict[str, str]:
    """Return the environment of the kernel: ``src`` first on ``PYTHONPATH``."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(src), env.get("PYTHONPATH", "")) if p
    )
    return env


def execute(nb: Any, cwd: Path | str, env: Mapping[str, str] | None = None) -> Any:
    """Run a copy of ``nb`` in a fresh kernel from ``cwd``; return the copy.

    The copy has its outputs, execution counts 1, 2, ... and the committed
    notebook metadata plus ``metadata.middlepower.matplotlib``, the version
    that drew its figures. A cell that raises stops the run with nbclient's
    ``CellExecutionError``.
    """
    import matplotlib
    import nbclient

    run = copy.deepcopy(nb)
    for cell in run["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
            cell["metadata"].pop("execution", None)
    kernel = run["metadata"].get("kernelspec", {}).get("name", "python3")
    client = nbclient.NotebookClient(
        run,
        timeout=TIMEOUT,
        kernel_name=kernel,
        record_timing=False,
        resources={"metadata": {"path": str(cwd)}},
    )
    client.execute(env=dict(env if env is not None else kernel_env()))
    for cell in run["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = merge_streams(cell["outputs"])
    run["metadata"] = copy.deepcopy(nb["metadata"])
    run["metadata"]["middlepower"] = {"matplotlib": matplotlib.__version__}
    return run


def merge_streams(outputs: list[Any]) -> list[Any]:
    """Join consecutive ``stream`` outputs of one name (stdout, stderr).

    The kernel flushes a long print in pieces whose cut depends on timing,
    as Jupyter shows them joined; joining makes the saved outputs stable.
    """
    out: list[Any] = []
    for o in outputs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and o["output_type"] == "stream"
            and prev["output_type"] == "stream"
            and prev["name"] == o["name"]
        ):
            prev["text"] = _text(prev["text"]) + _text(o["text"])
        else:
            out.append(copy.deepcopy(o))
    return out


# -- comparison ------------------------------------------------------------------
def png_size(data: bytes) -> tuple[int, int]:
    """Return (width, height) of a PNG; ValueError if ``data`` is not one."""
    if data[:8] != _PNG_SIGNATURE or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _png(value: str | list[str]) -> bytes:
    return base64.b64decode(_text(value))


def _rms(a: bytes, b: bytes) -> float:
    """Root-mean-square difference of two PNGs of one size, on the 0-255 scale."""
    import numpy as np
    from matplotlib.image import imread

    x = np.asarray(imread(io.BytesIO(a), format="png"), dtype=float)
    y = np.asarray(imread(io.BytesIO(b), format="png"), dtype=float)
    if x.shape != y.shape:
        return float("inf")
    return float(np.sqrt(np.mean((255.0 * (x - y)) ** 2)))


def _outputs(cell: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return a cell's outputs, text joined, PNGs left as base64 strings.

    Standard output and standard error are separate streams whose pieces
    reach the notebook in an order that depends on timing (a warning and a
    print of one cell can arrive either way round), so each stream's text is
    joined into one output, stdout first, ahead of the other outputs.
    """
    out: list[dict[str, Any]] = []
    streams: dict[str, str] = {}
    for o in cell.get("outputs", []):
        if o["output_type"] == "stream":
            text = _CELL_FILE.sub("<cell>", _text(o["text"]))
            streams[o["name"]] = streams.get(o["name"], "") + text
    for name in sorted(streams, key=lambda n: (n != "stdout", n)):
        out.append({"type": "stream", "name": name, "text": streams[name]})
    for o in cell.get("outputs", []):
        kind = o["output_type"]
        if kind == "stream":
            continue
        if kind in ("execute_result", "display_data"):
            data = {k: _text(v) for k, v in o.get("data", {}).items()}
            out.append({"type": kind, "data": data})
        else:
            out.append({"type": kind, "text": f"{o.get('ename')}: {o.get('evalue')}"})
    return out


def stale(committed: Any, fresh: Any) -> list[str]:
    """List the differences between saved outputs and a fresh run's.

    ``committed`` is the notebook as saved, ``fresh`` what :func:`execute`
    made of it. An empty list means the saved outputs are current.
    """
    import matplotlib

    same_mpl = (
        committed["metadata"].get("middlepower", {}).get("matplotlib")
        == matplotlib.__version__
    )
    code = [c for c in committed["cells"] if c["cell_type"] == "code"]
    if code and not any(c.get("outputs") or c.get("execution_count") for c in code):
        return ["saved without outputs (not executed)."]
    problems = []
    count = 0
    for i, (old, new) in enumerate(
        zip(committed["cells"], fresh["cells"], strict=True)
    ):
        if old["cell_type"] != "code":
            continue
        count += 1
        where = f"cell {i} ({_gist(old)!r})"
        if old.get("execution_count") != count:
            problems.append(
                f"{where} has execution count {old.get('execution_count')}, "
                f"expected {count} (never executed, or not top to bottom)."
            )
        have, want = _outputs(old), _outputs(new)
        if [(o["type"], sorted(o.get("data", {}))) for o in have] != [
            (o["type"], sorted(o.get("data", {}))) for o in want
        ]:
            problems.append(
                f"{where}: saved outputs {_kinds(have)} differ from a fresh run's "
                f"{_kinds(want)}."
            )
            continue
        for h, w in zip(have, want, strict=True):
            for mime in sorted(set(h.get("data", {})) | {"text"}):
                a = h.get("data", {}).get(mime) if mime != "text" else h.get("text")
                b = w.get("data", {}).get(mime) if mime != "text" else w.get("text")
                if mime == "image/png":
                    problems += _image_problems(where, _png(a), _png(b), same_mpl)
                elif a != b:
                    problems.append(
                        f"{where}: saved {mime} {_short(a)} differs from a fresh "
                        f"run's {_short(b)}."
                    )
    return problems


def _image_problems(where: str, saved: bytes, fresh: bytes, pixels: bool) -> list[str]:
    try:
        size = png_size(saved)
    except ValueError:
        return [f"{where}: saved image/png is not a PNG image."]
    if size != png_size(fresh):
        return [
            f"{where}: saved image is {size[0]}x{size[1]} pixels, a fresh run's "
            f"{png_size(fresh)[0]}x{png_size(fresh)[1]}."
        ]
    if pixels:
        rms = _rms(saved, fresh)
        if rms > PIXEL_TOLERANCE:
            return [
                f"{where}: saved image differs from a fresh run's (RMS {rms:.2f} "
                f"> {PIXEL_TOLERANCE} on 0-255)."
            ]
    return []


def _kinds(outputs: Iterable[Mapping[str, Any]]) -> str:
    return str(
        [o["type"] + "".join(f" {k}" for k in o.get("data", {})) for o in outputs]
    )


def _short(value: object, width: int = 60, quote: bool = True) -> str:
    text = repr(value) if quote else str(value)
    return text if len(text) <= width else text[: width - 3] + "..."


# -- command line --------------------------------------------------------------
def main() -> int:
    """Check (or update) the notebooks named, or all; return the exit status."""
    import nbformat

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args()
    status = 0
    for path in args.notebooks or notebooks():
        path = path.resolve()
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        nb = nbformat.read(path, as_version=4)
        # run from the notebook's own folder, as Jupyter and nbmake do, so
        # that a notebook finds its data by a relative path
        fresh = execute(nb, path.parent)
        problems = plot_problems(fresh)
        if not args.update:
            problems += stale(nb, fresh)
        elif not problems:
            nbformat.validate(fresh)
            nbformat.write(fresh, path)
        for p in problems:
            print(f"{shown}: {p}")
        print(f"{shown}: {'out of date' if problems else 'ok'}")
        status = status or bool(problems)
    if status:
        print("refresh with: python docs/_ext/notebooks.py --update")
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
