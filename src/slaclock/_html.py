"""A few HTML pieces for Jupyter's `_repr_html_`: escaping, a table, a card, a bar.

No dependency. Every value is escaped unless it is `Html` made here, so
user text (a ticket subject, a closure reason) never becomes markup. The
output is well-formed (every element closed, attributes quoted, characters
XML cannot carry replaced by U+FFFD), so it also parses as XML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

__all__ = ["Html", "badge", "bar", "block", "card", "element", "escape", "fields", "note", "table"]

#: Characters that XML 1.0 cannot carry (C0 controls but tab and newlines, lone surrogates).
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_CELL = "padding:2px 8px;text-align:left;vertical-align:top;border-bottom:1px solid #8884"
_MUTED = "color:#888;font-size:90%;margin:4px 0"
_TITLE = "font-size:115%;margin-bottom:4px"


class Html(str):
    """Markup made by this module (already escaped): `escape` passes it through."""

    __slots__ = ()


def escape(value: object) -> Html:
    """`value` as text safe inside an element or a quoted attribute (`Html` as is)."""
    if isinstance(value, Html):
        return value
    import html  # here: its entity tables cost a millisecond of `import slaclock`

    return Html(html.escape(_UNSAFE.sub("\ufffd", str(value)), quote=True))


def element(tag: str, *children: object, style: str = "", title: object = None) -> Html:
    """`<tag style=... title=...>children</tag>`; `tag` is one of ours, children escaped."""
    attrs = f' style="{escape(style)}"' if style else ""
    if title is not None:
        attrs += f' title="{escape(title)}"'
    return Html(f"<{tag}{attrs}>{''.join(escape(c) for c in children)}</{tag}>")


def block(*parts: object, title: object = None) -> Html:
    """The outer box of one object's display, with an optional bold title line."""
    head = [element("div", element("strong", title), style=_TITLE)] if title else []
    return element("div", *head, *parts, style="font-family:sans-serif;font-size:13px")


def table(
    header: Sequence[object], rows: Iterable[Sequence[object]], *, caption: object = None
) -> Html:
    """A table with a header row; each cell escaped."""
    head = element("thead", element("tr", *(element("th", h, style=_CELL) for h in header)))
    body = element(
        "tbody", *(element("tr", *(element("td", c, style=_CELL) for c in row)) for row in rows)
    )
    cap = (
        (element("caption", caption, style="text-align:left;font-weight:bold"),) if caption else ()
    )
    return element("table", *cap, head, body, style="border-collapse:collapse;margin:4px 0")


def fields(pairs: Iterable[tuple[object, object]]) -> Html:
    """A two-column table of names (bold) and values, no header."""
    rows = (
        element("tr", element("th", k, style=_CELL), element("td", v, style=_CELL))
        for k, v in pairs
    )
    return element("table", element("tbody", *rows), style="border-collapse:collapse")


def card(title: object, *parts: object, accent: str = "#888") -> Html:
    """A bordered box with a title, for one small object (a status)."""
    return element(
        "div",
        element("div", element("strong", title), style=_TITLE),
        *parts,
        style=f"font-family:sans-serif;font-size:13px;display:inline-block;padding:8px 12px;"
        f"border:1px solid {accent};border-left:6px solid {accent};border-radius:4px",
    )


def note(*parts: object) -> Html:
    """A small muted paragraph."""
    return element("p", *parts, style=_MUTED)


def badge(text: object, colour: str) -> Html:
    """A small coloured label."""
    return element(
        "span",
        text,
        style=f"background:{colour};color:white;padding:1px 6px;border-radius:3px",
    )


def bar(
    fraction: float, *, width: int = 240, warn_at: float = 0.75, late: bool | None = None
) -> Html:
    """A bar of the share of a target used; past 1.0 it turns red and a line marks 100%.

    The bar spans 0 to max(1, fraction), so an overrun shows as the part right
    of the 100% line. `late` (default: fraction > 1) also turns it red: a
    response just after a deadline that fell at closing time used exactly 100%.
    """
    f = max(0.0, fraction) if fraction == fraction else 0.0  # NaN shows empty
    scale = max(1.0, f)
    late = f > 1.0 if late is None else late
    colour = "#c62828" if late else "#ef8f00" if f >= warn_at else "#2e7d32"
    parts = [element("div", style=f"width:{100 * f / scale:.2f}%;height:100%;background:{colour}")]
    if f > 1.0:
        parts.append(
            element(
                "div",
                style=f"position:absolute;left:{100 / scale:.2f}%;top:-2px;bottom:-2px;"
                "border-left:2px solid #111",
                title="100% of the target",
            )
        )
    suffix = " (over)" if f > 1.0 else " (deadline passed)" if late else ""
    label = f"{100 * f:.0f}% of target{suffix}"
    track = element(
        "div",
        *parts,
        style=f"position:relative;width:{width}px;height:12px;background:#8883;"
        "border-radius:3px;display:inline-block;vertical-align:middle",
        title=label,
    )
    return element("div", track, element("span", " ", label, style="margin-left:6px"))
