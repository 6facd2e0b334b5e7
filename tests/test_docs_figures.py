"""The documentation's figure hook (docs/_ext/figures.py): blocks, drawing, site check.

The docs build itself (``mkdocs build --strict``, then
``python docs/_ext/figures.py --check-site SITE``) runs in CI; these tests pin
the hook's parts on small hand-made pages and sites.
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("matplotlib")

import middlepower.plot as mpplot

ROOT = Path(__file__).resolve().parents[1]
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def _load_hook() -> ModuleType:
    path = ROOT / "docs" / "_ext" / "figures.py"
    spec = importlib.util.spec_from_file_location("middlepower_docs_figures", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


hook = _load_hook()

PAGE = """\
# Title

```python
print("not a figure: no image follows")
```

```python
ax.figure.savefig("one.png")
```

![first](figures/one.png)

```console
$ middlepower report
```

![a console block is not a figure block](figures/two.png)

```python
fig.savefig("three.png")
```
![third, no blank line](figures/three.png)

![an image far from any block](figures/four.png)
"""


def test_figure_blocks_are_python_blocks_followed_by_a_figures_image() -> None:
    blocks = hook.figure_blocks("guide/page.md", PAGE)
    assert [(b.line, b.code, b.name) for b in blocks] == [
        (8, 'ax.figure.savefig("one.png")\n', "one.png"),
        (20, 'fig.savefig("three.png")\n', "three.png"),
    ]
    assert [b.src_uri for b in blocks] == [
        "guide/figures/one.png",
        "guide/figures/three.png",
    ]
    assert hook.figure_blocks("gallery.md", PAGE)[0].src_uri == "figures/one.png"


def test_the_gallery_draws_every_plotting_function() -> None:
    text = (ROOT / "docs" / "gallery.md").read_text(encoding="utf-8")
    blocks = hook.figure_blocks("gallery.md", text)
    code = "\n".join(b.code for b in blocks)
    drawn = [
        name
        for name in mpplot.__all__
        if inspect.isfunction(getattr(mpplot, name)) or name == "NotebookFigure"
    ]
    assert len(drawn) == 9
    for name in drawn:
        assert f"mpplot.{name}(" in code, name
    names = [b.name for b in blocks]
    assert len(set(names)) == len(names)
    for b in blocks:
        assert f'savefig("{b.name}")' in b.code


def test_every_docs_figure_has_a_unique_path() -> None:
    expected = hook.expected_figures()
    pages = {page for page, _ in expected}
    assert {"gallery.md", "tutorial-editorial.md"} <= pages
    figures = [figure for _, figure in expected]
    assert len(set(figures)) == len(figures)
    assert not (ROOT / "docs" / "figures").exists()  # drawn, never committed


def test_render_runs_the_blocks_in_order_and_returns_their_pngs() -> None:
    page = (
        "```python\n"
        "import middlepower.plot as mpplot\n"
        "from middlepower.plot import NotebookFigure\n"
        "fig = NotebookFigure(figsize=(2, 1))\n"
        'fig.savefig("a.png")\n'
        "```\n\n![a](figures/a.png)\n\n"
        "```python\n"
        "from matplotlib.figure import Figure\n"
        'Figure(figsize=(3, 1)).savefig("b.png")\n'
        "```\n\n![b](figures/b.png)\n"
    )
    pngs = hook.render(hook.figure_blocks("p.md", page))
    assert sorted(pngs) == ["a.png", "b.png"]
    assert pngs["a.png"].startswith(PNG[:8])
    assert int.from_bytes(pngs["b.png"][16:20], "big") == 300  # 3 in x 100 dpi


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("x = 1\n", r"p\.md:2 did not write a\.png"),
        ("raise ValueError('boom')\n", r"(?s)ValueError: boom.*p\.md:2 failed"),
        ("open('a.png', 'w').write('text')\n", r"wrote a\.png, which is not a PNG"),
    ],
)
def test_render_fails_on_a_block_that_does_not_draw(code: str, message: str) -> None:
    page = f"```python\n{code}```\n![a](figures/a.png)\n"
    with pytest.raises(RuntimeError, match=message):
        hook.render(hook.figure_blocks("p.md", page))


def _site(tmp_path: Path, html: str) -> Path:
    site = tmp_path / "site"
    (site / "gallery").mkdir(parents=True)
    (site / "figures").mkdir()
    (site / "figures" / "one.png").write_bytes(PNG)
    (site / "gallery" / "index.html").write_text(html, encoding="utf-8")
    (site / "index.html").write_text('<img src="figures/one.png">', encoding="utf-8")
    return site


def test_site_problems_accepts_a_site_showing_its_figures(tmp_path: Path) -> None:
    site = _site(tmp_path, '<p><img alt="x" src="../figures/one.png" /></p>')
    expected = [("gallery.md", "figures/one.png"), ("index.md", "figures/one.png")]
    assert hook.site_problems(site, expected) == []


def test_site_problems_finds_missing_files_and_images(tmp_path: Path) -> None:
    site = _site(tmp_path, '<a href="../figures/one.png">a link, no image</a>')
    expected = [
        ("gallery.md", "figures/one.png"),
        ("gallery.md", "figures/two.png"),
        ("nowhere.md", "figures/one.png"),
    ]
    assert hook.site_problems(site, expected) == [
        f"{Path('gallery/index.html')} does not show figures/one.png.",
        "the site has no PNG figures/two.png (drawn for gallery.md).",
        f"the site has no page {site / 'nowhere' / 'index.html'} for nowhere.md.",
    ]


def test_page_html_follows_mkdocs_urls(tmp_path: Path) -> None:
    assert hook.page_html(tmp_path, "index.md") == tmp_path / "index.html"
    assert hook.page_html(tmp_path, "api/plot.md") == tmp_path / "api/plot/index.html"
    assert hook.page_html(tmp_path, "api/index.md") == tmp_path / "api/index.html"
    assert hook.page_html(tmp_path, "api/plot.md", use_directory_urls=False) == (
        tmp_path / "api/plot.html"
    )
