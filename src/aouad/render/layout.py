"""Width logic for tables: what fits a terminal, and how text wraps without breaking a word.

Rich's own wrapping folds a word that does not fit ("Hyeon-j/u"), and it breaks a name at
its space ("Nam / On-jo"). Here a cell is a list of *units* that are never broken: a word of
prose, or a whole name, or a whole status ("hambie (half-zombie)"). Each column is at least
as wide as its longest unit; when the columns do not all fit, the least important ones are
left out (and named under the table); when even the most important ones do not fit, every
row becomes a block of "key: value" lines instead (`records`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, JustifyMethod, RenderableType
from rich.table import Table
from rich.text import Text

Units = list[Text]  # pieces of one cell, in order, joined by single spaces, never broken


class Col(NamedTuple):
    key: str
    header: str
    priority: int  # lower is more important; the highest numbers are left out first
    justify: JustifyMethod = "left"


# Rich's SIMPLE_HEAD table without edges: one space of padding either side of each cell and
# one space between columns.
def overhead(columns: int) -> int:
    return 3 * columns - 1


FLOOR = 12  # a column of prose narrower than this reads as a list of words


def words(text: Text) -> Units:
    """Prose: each word is a unit (styles kept)."""
    out: Units = []
    plain = text.plain
    start = None
    for i, ch in enumerate(plain + " "):
        if ch.isspace():
            if start is not None:
                out.append(text[start:i])
                start = None
        elif start is None:
            start = i
    return out


def width_of(units: Units) -> int:
    return sum(cell_len(u.plain) for u in units) + max(len(units) - 1, 0)


def longest(units: Units) -> int:
    return max((cell_len(u.plain) for u in units), default=0)


def wrap(units: Units, width: int) -> list[Text]:
    """Greedy wrapping at unit boundaries; a unit wider than ``width`` gets a line to itself."""
    lines: list[Text] = []
    line: Text | None = None
    used = 0
    for unit in units:
        size = cell_len(unit.plain)
        if line is not None and used + 1 + size <= width:
            line.append(" ")
            line.append_text(unit)
            used += 1 + size
        else:
            if line is not None:
                lines.append(line)
            line = unit.copy()
            used = size
    if line is not None:
        lines.append(line)
    return lines or [Text("")]


def wrapped(units: Units, width: int) -> Text:
    return Text("\n").join(wrap(units, width))


SHORT = 24  # what a column may lack of its natural width and still be given it whole


class Plan(NamedTuple):
    columns: list[Col]  # shown, in display order
    widths: list[int]
    dropped: list[Col]


def plan(
    columns: Sequence[Col], cells: Sequence[Sequence[Units]], width: int, keep: int
) -> Plan | None:
    """Which columns to show and how wide, or None when fewer than ``keep`` would fit."""
    index = {c.key: i for i, c in enumerate(columns)}
    heads = [words(Text(c.header)) for c in columns]
    least = [
        max([longest(heads[i])] + [longest(row[i]) for row in cells]) for i in range(len(columns))
    ]
    natural = [
        max([width_of(heads[i])] + [width_of(row[i]) for row in cells]) for i in range(len(columns))
    ]
    floor = [max(least[i], min(natural[i], FLOOR)) for i in range(len(columns))]
    # By priority, each column that still fits; a less important narrow one may follow a wide
    # one left out. The first ``keep`` must all fit, or the table becomes records.
    chosen: list[Col] = []
    used = 0
    for col in sorted(columns, key=lambda c: c.priority):
        need = floor[index[col.key]]
        if used + need + overhead(len(chosen) + 1) <= width:
            chosen.append(col)
            used += need
        elif len(chosen) < min(keep, len(columns)):
            return None
    shown = [c for c in columns if c in chosen]
    ids = [index[c.key] for c in shown]
    widths = [floor[i] for i in ids]
    spare = width - overhead(len(shown)) - sum(widths)
    # A column only a little short of its natural width gets it first: a short cell ("3–4 (not
    # settled)") should not wrap while long prose takes all the room.
    for j in sorted(range(len(ids)), key=lambda k: natural[ids[k]] - widths[k]):
        lack = natural[ids[j]] - widths[j]
        if 0 < lack <= SHORT and lack <= spare:
            widths[j] += lack
            spare -= lack
    # Share what is left in proportion to what each column still lacks, so the widest text
    # wraps least; whole cells of spare are handed out one at a time at the end.
    while spare > 0:
        lacking = [natural[i] - w for i, w in zip(ids, widths)]
        total = sum(x for x in lacking if x > 0)
        if total == 0:
            break
        given = 0
        for j, lack in enumerate(lacking):
            if lack > 0:
                share = min(lack, spare * lack // total)
                widths[j] += share
                given += share
        if given == 0:
            j = max(range(len(lacking)), key=lambda k: lacking[k])
            widths[j] += 1
            given = 1
        spare -= given
    dropped = [c for c in columns if c not in chosen]
    return Plan(shown, widths, dropped)


def draw(
    con: Console,
    columns: Sequence[Col],
    cells: Sequence[Sequence[Units]],
    *,
    title: str | None,
    caption: str | None,
    keep: int = 3,
    show_lines: bool = False,
) -> None:
    """A table of ``cells`` (one list of Units per column per row) that fits ``con.width``."""
    con.print(
        render(
            columns,
            cells,
            con.width,
            title=title,
            caption=caption,
            keep=keep,
            show_lines=show_lines,
        )
    )


def render(
    columns: Sequence[Col],
    cells: Sequence[Sequence[Units]],
    width: int,
    *,
    title: str | None,
    caption: str | None,
    keep: int = 3,
    show_lines: bool = False,
) -> RenderableType:
    """The table, or the records, that fit ``width``: a renderable for a console or a panel."""
    chosen = plan(columns, cells, width, keep)
    if chosen is None:
        return records(columns, cells, width, title=title, caption=caption)
    index = {c.key: i for i, c in enumerate(columns)}
    t = Table(
        title=title,
        caption=caption,
        box=box.SIMPLE_HEAD,
        title_justify="left",
        show_lines=show_lines,
        show_edge=False,
    )
    for col, w in zip(chosen.columns, chosen.widths):
        t.add_column(
            wrapped(words(Text(col.header)), w),
            width=w,
            no_wrap=True,
            overflow="ellipsis",
            justify=col.justify,
        )
    for row in cells:
        t.add_row(*(wrapped(row[index[c.key]], w) for c, w in zip(chosen.columns, chosen.widths)))
    if not chosen.dropped:
        return t
    left_out = ", ".join(c.header for c in chosen.dropped)
    return Group(
        t,
        *line(
            f"Left out at this width: {left_out} (a wider terminal or --fields shows them)",
            width,
            style="dim",
        ),
    )


def line(text: str, width: int, style: str = "") -> list[Text]:
    """A sentence wrapped between words to ``width``."""
    return [fixed(t) for t in wrap(words(Text(text, style=style)), width)]


def fixed(text: Text) -> Text:
    """A line already wrapped: Rich must not wrap it again, and cuts (with …) only a unit
    wider than the whole screen, such as a long URL."""
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


def records(
    columns: Sequence[Col],
    cells: Sequence[Sequence[Units]],
    width: int,
    *,
    title: str | None,
    caption: str | None,
) -> RenderableType:
    """One block a row: the most important value as a heading, then "key  value" lines."""
    order = sorted(range(len(columns)), key=lambda i: columns[i].priority)
    head, rest = order[0], order[1:]
    label = max((cell_len(columns[i].header) for i in rest), default=0)
    out: list[Text] = []
    if title:
        out += line(title, width, style="bold")
    for row in cells:
        out.append(Text(""))
        for t in wrap(row[head], width):
            t.stylize("bold")
            out.append(fixed(t))
        out += pairs([(columns[i].header, row[i]) for i in rest], width, label=label)
    if caption:
        out.append(Text(""))
        out += line(caption, width, style="dim")
    return Group(*out)


def pairs(
    items: Sequence[tuple[str, Units]],
    width: int,
    *,
    label: int | None = None,
    indent: int = 2,
    key_style: str = "dim",
) -> list[Text]:
    """ "key  value" lines, the values wrapped between units and aligned after the longest key."""
    label = label if label is not None else max((cell_len(k) for k, _ in items), default=0)
    out: list[Text] = []
    for name, value in items:
        key = Text(" " * indent + name.ljust(label) + "  ", style=key_style)
        room = width - cell_len(key.plain)
        if room < max(FLOOR, longest(value)):
            # too narrow beside its key: the value goes under it, indented
            out.append(fixed(Text(" " * indent + name, style=key_style)))
            out += [fixed(Text(" " * (indent + 2)) + t) for t in wrap(value, width - indent - 2)]
        else:
            lines = wrap(value, room)
            out.append(fixed(key + lines[0]))
            out += [fixed(Text(" " * cell_len(key.plain)) + t) for t in lines[1:]]
    return out
