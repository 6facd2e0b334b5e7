r"""Griffe extension: render middlepower's numpydoc/reST docstrings as Markdown.

The library's docstrings follow numpydoc as networkx writes it (STYLE.md §3):
``:math:`x```, ``.. math::`` blocks, ``:func:`name``` cross-references,
``[1]_`` citations with ``.. [1]`` reference lists, and reST simple tables.
mkdocstrings parses the numpydoc *sections* but renders the text as Markdown,
where none of that reST markup means anything. This extension rewrites each
docstring's text before it is parsed:

* ``:math:`x``` -> ``$x$``; ``.. math::`` blocks -> ``$$ ... $$`` blocks
  (rendered by ``pymdownx.arithmatex`` and MathJax);
* ``:func:`tilt```, ``:class:`~middlepower.State``` ... -> an *optional*
  autorefs cross-reference when the target is a middlepower object (a link if
  the page renders it, plain code otherwise, never a warning), else inline
  code;
* bare names under ``See Also`` -> the same cross-references;
* ``[1]_`` -> ``[1]``; ``.. [1] text`` -> a list item;
* reST simple tables (``===  ===``) -> Markdown tables.

It also gives each pydantic model (a class with annotated fields and no
``__init__`` of its own) a keyword-only ``__init__`` built from its fields, so
that ``merge_init_into_class`` shows the real constructor and the numpydoc
``Parameters`` section matches a signature. A field with no default whose
``Parameters`` entry says ``optional`` (a default filled in by a validator,
e.g. ``Tie.directed``) gets the default ``None``, which the model accepts.

Docs-only: it never touches the library's source files.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(
    r":(?P<role>func|class|meth|attr|data|mod|exc|obj):`(?P<body>[^`]+)`"
)
_MATH_ROLE = re.compile(r":math:`(?P<body>[^`]+)`")
_CITE = re.compile(r"\[(?P<n>\d+)\]_")
_REFDEF = re.compile(r"^(?P<indent>\s*)\.\. \[(?P<n>\d+)\]\s+(?P<text>.*)$")
_MATH_DIRECTIVE = re.compile(r"^(?P<indent>\s*)\.\. math::\s*(?P<rest>.*)$")
_TABLE_RULE = re.compile(r"^\s*=+( +=+)+\s*$")
_IDENT = re.compile(r"^[A-Za-z_][\w.]*$")
# networkx-style "x : int, optional (default=0)": griffe reads the type as a
# Python expression, so keep "int, optional" (the default is in the signature)
_OPT_DEFAULT = re.compile(
    r"^(?P<head>\s*[*\w][\w, *]* : .*?),?\s*optional\s*\(default\s*=.*\)\s*$"
)
_URL = re.compile(r"(?<![<(\[\"'`])(https?://[^\s<>()\"'`]*[^\s<>()\"'`.,;:])")

_PACKAGE = "middlepower"


# -- cross-references ----------------------------------------------------------
def _lookup(scope: Any, dotted: str) -> Any | None:
    """Return the member ``dotted`` of ``scope`` (through aliases), or None."""
    current = scope
    for part in dotted.split("."):
        try:
            members = current.members
        except Exception:  # an alias that cannot be resolved, a non-object
            return None
        if part not in members:
            return None
        current = members[part]
    return current


def _private(path: str) -> bool:
    return any(
        part.startswith("_") and not part.startswith("__") for part in path.split(".")
    )


def _final_path(found: Any) -> str | None:
    """Canonical path of ``found``, following aliases; None if external.

    An object defined in a private module (``datasets._signed.load_tribes``)
    is rendered under the public alias that re-exports it, so that alias's
    path is the one to link.
    """
    try:
        target = found.final_target if isinstance(found, griffe.Alias) else found
        path = target.path
    except Exception:  # alias to something griffe did not load (numpy, networkx)
        return None
    if path.split(".")[0] != _PACKAGE:
        return None
    if _private(path):
        parent = target.parent
        while parent is not None and _private(parent.path):
            parent = parent.parent
        if parent is not None and target.name in parent.members:
            return f"{parent.path}.{target.name}"
        if isinstance(found, griffe.Alias):
            return found.path
    return path


def _resolve(obj: Any, target: str, loader: griffe.GriffeLoader) -> str | None:
    """Resolve ``target`` as Sphinx would from the docstring of ``obj``."""
    target = target.strip().rstrip("()")
    if target.split(".")[0] == _PACKAGE:
        root = loader.modules_collection.members.get(_PACKAGE)
        found = _lookup(root, target.split(".", 1)[1]) if "." in target else root
        return _final_path(found) if found is not None else None
    scopes = []
    scope = obj
    while scope is not None:
        scopes.append(scope)
        scope = scope.parent
    root = loader.modules_collection.members.get(_PACKAGE)
    if root is not None:
        scopes.append(root)
    for scope in scopes:
        found = _lookup(scope, target)
        if found is not None:
            path = _final_path(found)
            if path is not None:
                return path
    return None


def _xref(obj: Any, target: str, loader: griffe.GriffeLoader) -> str:
    """Markdown for one cross-reference to ``target`` (reST role syntax)."""
    title = None
    m = re.match(r"^(?P<title>.+?)\s*<(?P<target>[^>]+)>$", target)
    if m:
        title, target = m["title"], m["target"]
    shorten = target.startswith("~")
    target = target.lstrip("~!")
    if title is None:
        title = target.split(".")[-1] if shorten else target
    path = _resolve(obj, target, loader)
    if path is None:
        return f"`{title}`"
    return f'<autoref identifier="{path}" optional><code>{title}</code></autoref>'


# -- block rewrites -----------------------------------------------------------
def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip())


def _math_blocks(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = _MATH_DIRECTIVE.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        base = len(m["indent"])
        body: list[str] = [m["rest"]] if m["rest"].strip() else []
        i += 1
        while i < len(lines) and (not lines[i].strip() or _indent_of(lines[i]) > base):
            body.append(lines[i])
            i += 1
        while body and not body[-1].strip():
            body.pop()
        while body and not body[0].strip():
            body.pop(0)
        inner = min((_indent_of(b) for b in body if b.strip()), default=0)
        pad = " " * base
        if out and out[-1].strip():
            out.append("")
        out.append(pad + "$$")
        out.extend(pad + b[inner:] if b.strip() else "" for b in body)
        out.append(pad + "$$")
        if i < len(lines) and lines[i].strip():
            out.append("")
    return out


def _tables(lines: list[str]) -> list[str]:
    """Turn reST simple tables (top rule, header, rule, rows, rule) to Markdown."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not (
            _TABLE_RULE.match(lines[i])
            and i + 2 < len(lines)
            and _TABLE_RULE.match(lines[i + 2])
        ):
            out.append(lines[i])
            i += 1
            continue
        rule = lines[i]
        pad = " " * _indent_of(rule)
        spans = [(m.start(), m.end()) for m in re.finditer(r"=+", rule)]

        def cells(row: str, spans: list[tuple[int, int]] = spans) -> list[str]:
            got = []
            for k, (a, _) in enumerate(spans):
                b = spans[k + 1][0] if k + 1 < len(spans) else len(row)
                got.append(row[a:b].strip())
            return got

        header = cells(lines[i + 1])
        rows: list[list[str]] = []
        j = i + 3
        while j < len(lines) and not _TABLE_RULE.match(lines[j]):
            if lines[j].strip():
                rows.append(cells(lines[j]))
            j += 1
        if out and out[-1].strip():
            out.append("")
        out.append(pad + "| " + " | ".join(header) + " |")
        out.append(pad + "|" + "|".join("---" for _ in header) + "|")
        out.extend(pad + "| " + " | ".join(r) + " |" for r in rows)
        i = j + 1  # skip the closing rule
        if i < len(lines) and lines[i].strip():
            out.append("")
    return out


def _references(lines: list[str]) -> list[str]:
    """``.. [1] text`` (with indented continuation) -> ``- [1] text``."""
    out: list[str] = []
    for line in lines:
        m = _REFDEF.match(line)
        if m:
            out.append(f"{m['indent']}- \\[{m['n']}\\] {m['text']}")
        else:
            out.append(line)
    return out


def _see_also(obj: Any, lines: list[str], loader: griffe.GriffeLoader) -> list[str]:
    """Link bare names listed under a numpydoc ``See Also`` header."""
    out: list[str] = []
    inside = False
    for k, line in enumerate(lines):
        stripped = line.strip()
        nxt = lines[k + 1].strip() if k + 1 < len(lines) else ""
        if nxt and set(nxt) == {"-"} and stripped:
            inside = stripped.lower() == "see also"
            out.append(line)
            continue
        if inside and stripped and not (set(stripped) == {"-"}):
            head, sep, rest = line.partition(" : ")
            names = [n.strip() for n in head.split(",")]
            if all(_IDENT.match(n) for n in names if n):
                pad = " " * _indent_of(line)
                linked = ", ".join(_xref(obj, n, loader) for n in names if n)
                out.append(pad + linked + (sep + rest if sep else ""))
                continue
        out.append(line)
    return out


def _plain_lines(lines: list[str]) -> list[str]:
    """Optional-with-default types; bare URLs as autolinks (outside examples)."""
    out = []
    for line in lines:
        m = _OPT_DEFAULT.match(line)
        if m:
            line = m["head"] + ", optional"
        if not line.lstrip().startswith((">>>", "...")):
            line = _URL.sub(r"<\1>", line)
        out.append(line)
    return out


def convert(text: str, obj: Any, loader: griffe.GriffeLoader) -> str:
    """Return the Markdown form of one docstring."""
    lines = _plain_lines(text.splitlines())
    lines = _tables(lines)
    lines = _math_blocks(lines)
    lines = _references(lines)
    lines = _see_also(obj, lines, loader)
    text = "\n".join(lines)
    text = _MATH_ROLE.sub(lambda m: f"${m['body'].strip()}$", text)
    text = _ROLE.sub(lambda m: _xref(obj, m["body"], loader), text)
    text = _CITE.sub(lambda m: f"\\[{m['n']}\\]", text)
    return text


# -- pydantic constructors ---------------------------------------------------
def _optional_params(docstring: str) -> set[str]:
    """Names whose numpydoc Parameters entry says ``optional``."""
    found: set[str] = set()
    for line in docstring.splitlines():
        m = re.match(r"^(?P<names>[\w, ]+?)\s*:\s*(?P<type>.*)$", line)
        if m and "optional" in m["type"] and not line.startswith(" "):
            found.update(n.strip() for n in m["names"].split(","))
    return found


def _is_pydantic_model(cls: griffe.Class, depth: int = 0) -> bool:
    """Whether ``cls`` derives (through loaded classes) from pydantic BaseModel."""
    if depth > 20:
        return False
    for base in cls.bases:
        name = str(base)
        if name in ("BaseModel", "pydantic.BaseModel"):
            return True
        try:
            resolved = cls.parent.members.get(name) if cls.parent else None
            target = (
                resolved.final_target
                if isinstance(resolved, griffe.Alias)
                else resolved
            )
        except Exception:
            target = None
        if isinstance(target, griffe.Class) and _is_pydantic_model(target, depth + 1):
            return True
    return False


def _unannotated(annotation: Any) -> Any:
    """``Annotated[X, validators...]`` -> ``X`` (validators are not API)."""
    if isinstance(annotation, griffe.ExprSubscript) and str(annotation.left) in (
        "Annotated",
        "typing.Annotated",
        "typing_extensions.Annotated",
    ):
        inner = annotation.slice
        if isinstance(inner, griffe.ExprTuple) and inner.elements:
            return inner.elements[0]
    if isinstance(annotation, griffe.ExprBinOp):
        left = _unannotated(annotation.left)
        right = _unannotated(annotation.right)
        return f"{left} {annotation.operator} {right}"
    return annotation


def _add_init(cls: griffe.Class) -> None:
    if "__init__" in cls.members or not _is_pydantic_model(cls):
        return
    optional = _optional_params(cls.docstring.value) if cls.docstring else set()
    params = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_only)]
    for name, member in cls.members.items():
        if (
            name.startswith("_")
            or name == "model_config"
            or isinstance(member, griffe.Alias)
            or not member.is_attribute
            or member.annotation is None
            or "property" in member.labels
            or (
                "class-attribute" not in member.labels
                and "instance-attribute" not in member.labels
            )
        ):
            continue
        default = member.value
        if default is not None and str(default).startswith(
            ("Field(", "pydantic.Field(")
        ):
            m = re.search(r"\bdefault=([^,)]+)", str(default))
            default = m.group(1) if m else None  # Field(ge=0): required
        annotation = _unannotated(member.annotation)
        if default is None and name in optional:
            default = "None"
            annotation = f"{annotation} | None"
        params.append(
            griffe.Parameter(
                name,
                annotation=annotation,
                kind=griffe.ParameterKind.keyword_only,
                default=default,
            )
        )
    if len(params) == 1:
        return
    init = griffe.Function(
        "__init__",
        parameters=griffe.Parameters(*params),
        returns="None",
        lineno=cls.lineno,
        endlineno=cls.lineno,
    )
    cls.set_member("__init__", init)


class NumpydocMarkdown(griffe.Extension):
    """Rewrite reST markup in docstrings and give pydantic models a signature."""

    def on_package(
        self, *, pkg: griffe.Module, loader: griffe.GriffeLoader, **kwargs: Any
    ) -> None:
        """Walk the loaded package once its object tree is complete."""
        if pkg.name != _PACKAGE:
            return
        seen: set[int] = set()
        self._walk(pkg, loader, seen)

    def _walk(self, obj: Any, loader: griffe.GriffeLoader, seen: set[int]) -> None:
        if id(obj) in seen or isinstance(obj, griffe.Alias):
            return
        seen.add(id(obj))
        if isinstance(obj, griffe.Class):
            _add_init(obj)
        if obj.docstring is not None:
            obj.docstring.value = convert(obj.docstring.value, obj, loader)
        for member in list(obj.members.values()):
            self._walk(member, loader, seen)
