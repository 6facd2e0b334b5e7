"""The example notebooks show their figures, and their saved outputs are current.

Every ``examples/*.ipynb`` (whoever adds it) is executed with nbclient in a
temporary copy. A *plotting cell* (one that calls anything from
``middlepower.plot``) must display an ``image/png`` output, and the outputs
saved in the notebook must be those of the fresh run (text exactly, images of
the same size and pixels). Refresh them with
``python docs/_ext/notebooks.py --update``. The checking code lives in that
script, so the test and the refresh agree; the script's own logic is tested
here on small hand-made notebooks.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")
matplotlib = pytest.importorskip("matplotlib")

from matplotlib.figure import Figure  # noqa: E402
from nbformat.v4 import (  # noqa: E402
    new_code_cell,
    new_markdown_cell,
    new_notebook,
    new_output,
)

import middlepower  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "examples").glob("*.ipynb"))
# the kernel imports the middlepower these tests import (src/ or installed)
SRC = Path(middlepower.__file__).resolve().parents[1]


def _load_tool() -> ModuleType:
    path = ROOT / "docs" / "_ext" / "notebooks.py"
    spec = importlib.util.spec_from_file_location("middlepower_notebooks_tool", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


def _env(**changes: str | None) -> dict[str, str]:
    env = tool.kernel_env(SRC)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def _run(nb: Any, tmp_path: Path, **env: str | None) -> Any:
    return tool.execute(nb, tmp_path, env=_env(**env))


def _png(width: int = 4, height: int = 3, colour: str = "white") -> str:
    fig = Figure(figsize=(width / 100, height / 100), dpi=100, facecolor=colour)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return base64.b64encode(buf.getvalue()).decode()


# -- the notebooks in examples/ -------------------------------------------------
def test_examples_are_found() -> None:
    names = [p.name for p in NOTEBOOKS]
    assert {
        "01_editorial_case.ipynb",
        "02_presidents_compared.ipynb",
        "03_interstate_balance.ipynb",
    } <= set(names)
    assert [p.name for p in tool.notebooks()] == names


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=lambda p: p.name)
def executed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, Any, Any]]:
    """(path, saved notebook, freshly executed copy), run from its own folder.

    Jupyter and nbmake run a notebook from the folder that holds it, so a
    notebook may read its data by a relative path; the copy is executed in
    memory and the saved file is left alone.
    """
    path: Path = request.param
    saved = nbformat.read(path, as_version=4)
    yield path, saved, tool.execute(saved, path.parent, env=_env())


def test_every_plotting_cell_shows_a_png(executed: tuple[Path, Any, Any]) -> None:
    path, _, fresh = executed
    assert tool.plot_problems(fresh) == [], path.name


def test_saved_outputs_are_current(executed: tuple[Path, Any, Any]) -> None:
    path, saved, fresh = executed
    problems = tool.stale(saved, fresh)
    assert problems == [], (
        f"{path.name} has stale outputs; refresh with "
        f"`python docs/_ext/notebooks.py --update {path.relative_to(ROOT)}`:\n"
        + "\n".join(problems)
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_saved_notebook_is_valid_with_png_figures(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for i in tool.plotting_cells(nb):
        images = [
            o["data"]["image/png"]
            for o in nb.cells[i].outputs
            if "image/png" in o.get("data", {})
        ]
        assert len(images) >= 1, f"{path.name} cell {i} saved without its figure"
        for image in images:
            width, height = tool.png_size(base64.b64decode(image))
            assert 200 <= width <= 2000 and 200 <= height <= 2000


def test_plotting_cells_of_the_shipped_notebooks() -> None:
    # read by hand: the cells that end in `mpplot.<function>(...).figure`
    want = {
        "01_editorial_case.ipynb": [4, 7, 10, 13],
        "02_presidents_compared.ipynb": [3],
        "03_interstate_balance.ipynb": [3],
    }
    for name, cells in want.items():
        nb = nbformat.read(ROOT / "examples" / name, as_version=4)
        assert tool.plotting_cells(nb) == cells, name


# -- which cells plot ---------------------------------------------------------------
def _cells(*sources: str) -> Any:
    return new_notebook(
        cells=[new_markdown_cell("# title"), *(new_code_cell(s) for s in sources)]
    )


def test_plotting_cells_follow_every_import_form() -> None:
    nb = _cells(
        "import middlepower as mp\nimport middlepower.plot as mpplot",  # 1: import
        "mpplot.attention(report).figure",  # 2
        "styles = mpplot.KIND_STYLES",  # 3: no call
        "from middlepower.plot import compare as cmp",  # 4: import
        "ax = cmp(c)",  # 5
        "mp.plot.orderings(res)",  # 6: through the package
        "%time x = 1\nmp.assess(g, s, p)",  # 7: magic, no plot call
        "%time mpplot.sensitivity(s).figure",  # 8: magic around a plot call
        "this is not python",  # 9
        "from middlepower import plot\nplot.relation_graph(g).figure",  # 10
        "%%time\n!ls\nplot.compare(c)",  # 11: cell magic, shell line
    )
    assert tool.plotting_cells(nb) == [2, 5, 6, 8, 10, 11]


def test_a_name_is_plotting_only_after_its_import() -> None:
    nb = _cells("mpplot.attention(r)", "import middlepower.plot as mpplot")
    assert tool.plotting_cells(nb) == []
    assert tool.plotting_cells(_cells("import middlepower.plot\nx = 1")) == []
    nb = _cells("import middlepower.plot", "middlepower.plot.compare(c)")
    assert tool.plotting_cells(nb) == [2]


def test_plot_problems_names_a_plotting_cell_without_png() -> None:
    text_only = new_output(
        "execute_result",
        data={"text/plain": "<Figure size 640x480 with 1 Axes>"},
        execution_count=2,
    )
    with_png = new_output(
        "execute_result",
        data={"text/plain": "<NotebookFigure ...>", "image/png": _png()},
        execution_count=3,
    )
    nb = _cells(
        "import middlepower.plot as mpplot",
        "mpplot.attention(r).figure",
        "mpplot.compare(c).figure",
    )
    nb.cells[2].outputs = [text_only]
    nb.cells[3].outputs = [with_png]
    (problem,) = tool.plot_problems(nb)
    assert problem.startswith("cell 2 ('mpplot.attention(r).figure')")
    assert "<Figure size 640x480 with 1 Axes>" in problem


# -- saved against fresh outputs ----------------------------------------------------
def _executed(text: str = "42\n", image: str | None = None) -> Any:
    nb = _cells("print(42)", "fig")
    nb.metadata["middlepower"] = {"matplotlib": matplotlib.__version__}
    nb.cells[1].execution_count = 1
    nb.cells[1].outputs = [new_output("stream", name="stdout", text=text)]
    nb.cells[2].execution_count = 2
    nb.cells[2].outputs = [
        new_output(
            "execute_result",
            data={"text/plain": "<Fig>", "image/png": image or _png()},
            execution_count=2,
        )
    ]
    return nb


def test_stale_accepts_identical_outputs() -> None:
    assert tool.stale(_executed(), _executed()) == []


def test_stale_finds_changed_text_and_unexecuted_notebooks() -> None:
    (problem,) = tool.stale(_executed(text="41\n"), _executed())
    assert problem.startswith("cell 1 ('print(42)'): saved text '41\\n' differs")
    bare = _cells("print(42)", "fig")
    assert tool.stale(bare, _executed()) == ["saved without outputs (not executed)."]
    partial = _executed()
    partial.cells[2].outputs = []
    (problem,) = tool.stale(partial, _executed())
    assert "saved outputs [] differ" in problem
    shuffled = _executed()
    shuffled.cells[2].execution_count = 7
    (problem,) = tool.stale(shuffled, _executed())
    assert "execution count 7, expected 2" in problem


def test_stale_joins_the_pieces_of_one_stream() -> None:
    split = _executed()
    split.cells[1].outputs = [
        new_output("stream", name="stdout", text="4"),
        new_output("stream", name="stdout", text="2\n"),
    ]
    assert tool.stale(split, _executed()) == []
    assert tool.stale(_executed(), split) == []
    split.cells[1].outputs[1] = new_output("stream", name="stderr", text="2\n")
    (problem,) = tool.stale(split, _executed())
    assert "saved outputs ['stream', 'stream'] differ" in problem


def test_stale_ignores_the_temporary_file_a_warning_names() -> None:
    def warned(where: str, message: str = "UserWarning: caveat") -> Any:
        nb = _executed()
        nb.cells[1].outputs.append(
            new_output("stream", name="stderr", text=f"{where}:3: {message}\n")
        )
        return nb

    saved = warned("/tmp/ipykernel_7763/1621531264.py")
    assert tool.stale(saved, warned("/tmp/ipykernel_81/99.py")) == []
    (problem,) = tool.stale(saved, warned("/tmp/ipykernel_81/99.py", "other"))
    assert "saved text" in problem


def test_stale_ignores_the_order_of_stdout_and_stderr() -> None:
    """A warning and a print of one cell reach the notebook in either order."""

    def run(*streams: tuple[str, str]) -> Any:
        nb = _executed()
        nb.cells[1].outputs = [
            new_output("stream", name=name, text=text) for name, text in streams
        ]
        return nb

    warned = ("stderr", "UserWarning: caveat\n")
    printed = ("stdout", "42\n")
    assert tool.stale(run(warned, printed), run(printed, warned)) == []
    (problem,) = tool.stale(run(warned, printed), run(printed))
    assert "saved outputs ['stream', 'stream'] differ" in problem


def test_merge_streams_keeps_other_outputs_apart() -> None:
    outputs = [
        new_output("stream", name="stdout", text="a"),
        new_output("stream", name="stdout", text=["b", "c"]),
        new_output("execute_result", data={"text/plain": "1"}, execution_count=1),
        new_output("stream", name="stdout", text="d"),
        new_output("stream", name="stderr", text="e"),
    ]
    merged = tool.merge_streams(outputs)
    assert [(o["output_type"], o.get("text")) for o in merged] == [
        ("stream", "abc"),
        ("execute_result", None),
        ("stream", "d"),
        ("stream", "e"),
    ]
    assert outputs[0]["text"] == "a"  # the input is left as it was


def test_stale_compares_images_by_size_and_pixels() -> None:
    fresh = _executed()
    (problem,) = tool.stale(_executed(image=_png(5, 3)), fresh)
    assert "saved image is 5x3 pixels, a fresh run's 4x3" in problem
    (problem,) = tool.stale(_executed(image=_png(colour="black")), fresh)
    # R, G, B differ by 255, alpha not: sqrt(3/4 * 255**2) = 220.84
    assert "RMS 220.84 > 1.0" in problem
    # drawn by another matplotlib version: anti-aliasing may differ, size may not
    other = _executed(image=_png(colour="black"))
    other.metadata["middlepower"] = {"matplotlib": "0.0.0"}
    assert tool.stale(other, fresh) == []
    broken = _executed(image=base64.b64encode(b"GIF89a not a png").decode())
    assert tool.stale(broken, fresh) == [
        "cell 2 ('fig'): saved image/png is not a PNG image."
    ]


def test_png_size_reads_the_header() -> None:
    assert tool.png_size(base64.b64decode(_png(7, 5))) == (7, 5)
    with pytest.raises(ValueError, match="not a PNG"):
        tool.png_size(b"\x89PNG\r\n\x1a\nnot a header at all")


# -- display in a real kernel -----------------------------------------------------
SETUP = """\
import middlepower as mp
import middlepower.plot as mpplot
sc = mp.load_scenario("korea-2025")
report = mp.assess(mp.RelationGraph.from_scenario(sc), sc.sequence(), sc.poles)
"""


def _mimes(cell: Any) -> list[list[str]]:
    return [sorted(o.get("data", {})) for o in cell.outputs if o.get("data")]


def test_library_figures_display_as_png_and_user_figures_stay_theirs(
    tmp_path: Path,
) -> None:
    nb = _cells(
        SETUP,
        "mpplot.attention(report).figure",
        "from matplotlib.figure import Figure\n"
        "mpplot.attention(report, ax=Figure().add_subplot()).figure",
        "fig = mpplot.NotebookFigure(figsize=(9, 4))\n"
        "left, right = fig.subplots(1, 2)\n"
        "mpplot.attention(report, ax=left)\n"
        "fig",
        "import sys\n'matplotlib.pyplot' in sys.modules",
    )
    fresh = _run(nb, tmp_path)
    assert _mimes(fresh.cells[2]) == [["image/png", "text/plain"]]
    # a pyplot-free Figure of the user's own shows as text, as documented
    assert _mimes(fresh.cells[3]) == [["text/plain"]]
    assert fresh.cells[3].outputs[0].data["text/plain"].startswith("<Figure size")
    (problem,) = tool.plot_problems(fresh)
    assert problem.startswith("cell 3 ")
    # a NotebookFigure the user makes displays, at its own size
    (out,) = fresh.cells[4].outputs
    assert tool.png_size(base64.b64decode(out.data["image/png"])) == (900, 400)
    # and nothing imported pyplot
    assert fresh.cells[5].outputs[0].data["text/plain"] == "False"


def test_with_pyplot_inline_a_figure_displays_once_and_stays_out_of_pyplot(
    tmp_path: Path,
) -> None:
    nb = _cells(
        "import matplotlib.pyplot as plt\n" + SETUP,
        "mpplot.attention(report).figure",
        "plt.get_fignums(), plt.get_backend()",
    )
    # as a Jupyter kernel starts by default: pyplot's inline backend
    fresh = _run(nb, tmp_path, MPLBACKEND=None)
    assert _mimes(fresh.cells[2]) == [["image/png", "text/plain"]]
    fignums, backend = eval(fresh.cells[3].outputs[0].data["text/plain"])
    assert fignums == []
    assert "inline" in backend
