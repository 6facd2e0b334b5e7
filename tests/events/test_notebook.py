"""examples/04_event_panels.ipynb runs from a clean kernel, and every plotting
cell (tagged "plot") shows its figure as a PNG image."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "04_event_panels.ipynb"


def test_event_panel_notebook_draws_png_figures(monkeypatch):
    import os

    import middlepower

    # the kernel runs in examples/: give it this middlepower by absolute path
    src = str(Path(middlepower.__file__).resolve().parents[1])
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])
    )
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors
    stderr = [
        o.text
        for c in code
        for o in c.outputs
        if o.output_type == "stream" and o.name == "stderr"
    ]
    # the expected lines: the panels' caveats about rows scored on assumed
    # alignments, which the notebook shows and explains
    caveats = [t for t in stderr if "UnalignedPartnerWarning: In " in t]
    assert len(caveats) == 2, stderr
    assert [t for t in stderr if t not in caveats] == []
    plots = [c for c in code if "plot" in c.metadata.get("tags", [])]
    assert len(plots) == 2
    for cell in plots:
        images = [
            o
            for o in cell.outputs
            if o.output_type in ("execute_result", "display_data")
            and "image/png" in o.data
        ]
        assert len(images) == 1, cell.source
        assert len(images[0].data["image/png"]) > 10_000  # a real picture
