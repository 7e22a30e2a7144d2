"""Rich tables and panels for people at a terminal: the only module that imports Rich."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from rich import box
from rich.console import Console, Group
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from . import layout

if TYPE_CHECKING:
    from rich.panel import Panel

STATUS_STYLE = {
    "alive": "bold green",
    "infected": "yellow",
    "hambie": "bold magenta",
    "zombie": "bold red",
    "dead": "red",
    "unknown": "dim",
}
from ..words import STATUS_LABEL  # noqa: E402  (one vocabulary: see words.py)

Column = tuple[str, str] | tuple[str, str, int]  # (row key, header[, priority: lower shows first])


class PipeAwareConsole(Console):
    """Rich ends the process with exit 1 when the reader of a pipe quits; aouad's caller
    expects the 141 a shell gives SIGPIPE, as for JSON, so the error goes back to it."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def console(out: TextIO, plain: bool) -> Console:
    # Rich already writes no escape codes when `out` is not a terminal. For NO_COLOR
    # and --no-color we drop every style, bold and italic included (color_system=None),
    # because Rich's own no_color keeps those and a plain reader wants none.
    if plain:
        return PipeAwareConsole(file=out, color_system=None, highlight=False, soft_wrap=False)
    return PipeAwareConsole(file=out, highlight=False, soft_wrap=False)


def status_text(status: str, after: str = "") -> Text:
    return Text(STATUS_LABEL.get(status, status) + after, style=STATUS_STYLE.get(status, ""))


NAME_KEYS = frozenset({"name", "from_name", "to_name"})  # a whole name is never broken


def status_cell(row: dict[str, Any]) -> layout.Units:
    """The status (one unit), and when a source last shows them if that is before the final
    episode (words, which may wrap)."""
    from .text import last_seen_text

    seen = last_seen_text(row)
    if not seen:
        return [status_text(row["status"])]
    *lead, episode, number = seen.removeprefix(", ").split(" ")
    return [status_text(row["status"], ","), *(Text(w) for w in lead), Text(f"{episode} {number}")]


def cell(key: str, value: Any, names: dict[str, str]) -> Text:
    """One table cell as one Text. Always a Text: data is never read as Rich markup ("[b]" stays text)."""
    return layout.joined(units(key, value, names))


def units(key: str, value: Any, names: dict[str, str]) -> layout.Units:
    """One cell as the pieces a line may break between: words of prose, whole names, whole statuses."""
    if key == "status" and isinstance(value, str):
        return [status_text(value)]
    if value is None:
        return [Text("—", style="dim")]
    if isinstance(value, list):
        if not value:
            return [Text("—", style="dim")]
        if key in ("by", "characters"):
            value = [names.get(v, v) if isinstance(v, str) else v for v in value]
        if all(
            isinstance(v, dict) and "status" in v and "name" in v for v in value
        ):  # who became what
            return [
                u
                for i, v in enumerate(value)
                for u in (
                    *name_units(v["name"], after=":"),
                    status_text(v["status"], "," if i < len(value) - 1 else ""),
                )
            ]
        shown = [str(v.get("id", v) if isinstance(v, dict) else v) for v in value]
        return [
            u
            for i, v in enumerate(shown)
            for u in name_units(v, after="," if i < len(shown) - 1 else "")
        ]
    if isinstance(value, dict):
        return [u for k, v in value.items() for u in name_units(f"{k}: {v},")]
    if isinstance(value, bool):
        return [Text("yes" if value else "no")]
    if key in NAME_KEYS and isinstance(value, str):
        return name_units(value)
    if not isinstance(value, str):
        return [Text(str(value))]
    return layout.words(Text(value))


WHOLE = (
    24  # a name up to this wide never breaks; a longer one is a description and wraps between words
)


def name_units(name: str, style: str = "", after: str = "") -> layout.Units:
    """A name as one unit (``after``, such as a comma, stuck to its end); a long description as words."""
    out = (
        [Text(name, style=style)]
        if cell_len(name) <= WHOLE
        else layout.words(Text(name, style=style))
    )
    out[-1].append(after)
    return out


def columns_of(columns: Sequence[Column]) -> list[layout.Col]:
    """(key, header) or (key, header, priority); without a priority, earlier is more important."""
    out = []
    for i, col in enumerate(columns):
        key, header = col[0], col[1]
        priority = col[2] if len(col) > 2 else i  # type: ignore[misc]
        out.append(layout.Col(key, header, priority, "right" if key in RIGHT else "left"))
    return out


RIGHT = frozenset({"count", "lineages", "in_lineage", "value"})


def table(
    con: Console,
    rows: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    *,
    title: str,
    caption: str | None = None,
    names: dict[str, str] | None = None,
    keep: int = 3,
) -> None:
    cols = columns_of(columns)
    # a status cell also says when a source last shows a living character (status_cell)
    cells = [
        [
            status_cell(row)
            if c.key == "status" and "status" in row
            else units(c.key, row.get(c.key), names or {})
            for c in cols
        ]
        for row in rows
    ]
    layout.draw(con, cols, cells, title=title, caption=caption, keep=keep)


def note(con: Console, text: str) -> None:
    """A dim line under a table, wrapped between words at the console's width."""
    for line in layout.line(text, con.width, style="dim"):
        con.print(line)


def fate_panels(
    con: Console,
    rows: Sequence[dict[str, Any]],
    names: dict[str, str],
    caption: str | None = None,
    sources_note: str | None = None,
) -> None:
    for row in rows:
        con.print(fate_panel(row, names, caption, sources_note, width=con.width))


FATE_COLUMNS = [
    ("name", "Name", 0),
    ("status", "Status", 1),
    ("when", "Ep", 2),
    ("cause", "How", 3),
    ("place", "Where", 6),
    ("by", "By", 4),
    ("ends", "Ends up", 5),
]


def fate_table(
    con: Console,
    rows: Sequence[dict[str, Any]],
    names: dict[str, str],
    caption: str | None,
    title: str,
) -> None:
    """`fate --all`: one row a character instead of a panel each."""
    shown = [
        {
            **row,
            "when": (
                f"{row['earliest_episode']}–{row['episode']}"
                if row.get("earliest_episode")
                else row.get("episode")
            ),
            "by": [names.get(i, i) for i in row.get("by") or []]
            + ([row["by_what"]] if row.get("by_what") else []),
        }
        for row in rows
    ]
    table(con, shown, FATE_COLUMNS, title=title, caption=caption, names=names)


def _by(row: dict[str, Any], names: dict[str, str]) -> str:
    who = [names.get(i, i) for i in row.get("by") or []]
    if row.get("by_what"):
        who.append(row["by_what"])
    return ", ".join(who) or "unknown"


def backing(lineages: int) -> str:
    """How a person reads the independent-lineage count of a fact."""
    return "one source only" if lineages == 1 else f"{lineages} independent sources"


def _by_units(row: dict[str, Any], names: dict[str, str]) -> layout.Units:
    """Who (whole names) and by what (words: "the mutated Jonas virus" may wrap)."""
    who = [names.get(i, i) for i in row.get("by") or []]
    out = units("by", who, {}) if who else []
    if row.get("by_what"):
        if out:
            out[-1].append(",")
        out += layout.words(Text(row["by_what"]))
    return out or [Text("unknown")]


def fate_panel(
    row: dict[str, Any],
    names: dict[str, str],
    caption: str | None = None,
    sources_note: str | None = None,
    width: int = 80,
) -> Panel:
    """One character's fate; ``caption`` and ``sources_note`` are the viewpoint's words for what
    is hidden (None when nothing is). Lines are wrapped here, between whole names and words."""
    from rich.panel import Panel  # only fate and watch draw panels

    inner = max(width - 4, 20)  # the panel's border and padding
    words = layout.words
    facts: list[tuple[str, layout.Units]] = [("Status", status_cell(row))]
    if row.get("episode") is not None:
        facts += [
            ("Episode", words(Text(_episode(row)))),
            ("How", words(Text(row.get("cause") or "unknown"))),
            ("By", _by_units(row, names)),
            ("Where", words(Text(row.get("place") or "unknown"))),
        ]
        if row.get("lineages"):
            facts.append(("Backed by", words(Text(backing(row["lineages"])))))
    facts += [
        ("Ends", words(Text(row.get("ends") or "unknown"))),
        ("Actor", name_units(row.get("actor") or "unknown")),
        ("Korean name", [Text(row.get("hangul") or "unknown")]),
        ("Group", words(Text(f"{', '.join(row.get('groups') or [row['group']])} — {row['role']}"))),
    ]
    if row.get("kind") == "group":
        facts.append(
            (
                "Record",
                words(Text("a group of people, not one person (not counted as a named character)")),
            )
        )
    if row.get("aliases"):
        facts.append(("Also written", units("aliases", row["aliases"], {})))
    if row.get("first_episode") is not None:
        facts.append(("First seen", words(Text(f"episode {row['first_episode']}"))))
    elif row.get("seen_by") is not None:
        facts.append(("First seen", words(Text(f"by episode {row['seen_by']} (not settled)"))))
    parts: list[Any] = layout.pairs(facts, inner, indent=0, key_style="bold")
    if row.get("history"):
        cols = [
            layout.Col("ep", "Ep", 0),
            layout.Col("status", "Became", 1),
            layout.Col("cause", "How", 2),
            layout.Col("by", "By", 3),
            layout.Col("place", "Where", 4),
        ]
        cells = [
            [
                words(Text(_episode(ch))),
                [status_text(ch["status"])],
                words(Text(ch.get("cause") or "—")),
                _by_units(ch, names) if ch["status"] != "alive" else [Text("—")],
                words(Text(ch.get("place") or "—")),
            ]
            for ch in row["history"]
        ]
        parts.append(layout.render(cols, cells, inner, title="Timeline", caption=None, keep=3))
    if row.get("caused"):
        last = len(row["caused"]) - 1
        done: layout.Units = [Text("Caused:")]
        for i, c in enumerate(row["caused"]):
            done += [
                *name_units(c["name"]),
                *words(
                    Text(f"({c['status']}, episode {c['episode']})" + (";" if i < last else ""))
                ),
            ]
        parts += [layout.fixed(t) for t in layout.wrap(done, inner)]
    if row.get("relationships"):
        from .graph_table import ties_disputes, ties_table

        parts.append(ties_table(row["relationships"], row["id"], names))
        parts.extend(ties_disputes(row["relationships"], row["id"], names))
    if row.get("note"):
        parts += layout.line(f"Note: {row['note']}", inner, style="italic")
    for d in row.get("disputes") or []:
        values = "; ".join(f"{v} ({', '.join(keys)})" for v, keys in d["values"].items())
        parts += layout.line(
            f"Sources disagree on {d['about']}: {values}. Followed: {d['followed']} — {d['why']}",
            inner,
        )
    if sources_note:
        parts += layout.line(f"Sources: {sources_note}", inner, style="dim")
    if row.get("cited"):
        parts += layout.line("Sources:", inner, style="dim")
        for s in row["cited"]:
            graded = (
                f" ({s['grade']}: {s['grade_reason']})"
                if s.get("grade") not in (None, "good")
                else ""
            )
            parts += layout.line(
                f"[{s['key']}] {s['publisher'] or ''}: {s['title'] or ''} {s['url'] or ''}".rstrip()
                + graded,
                inner,
                style="dim",
            )
    title = Text(row["name"] + (f" ({row['hangul']})" if row.get("hangul") else ""))
    # A gated fate says so in the panel itself: "alive" as of episode 5 is not an ending.
    subtitle = Text(caption, style="dim") if caption else None
    return Panel(
        Group(*parts),
        title=title,
        title_align="left",
        subtitle=subtitle,
        subtitle_align="left",
        border_style=STATUS_STYLE.get(row["status"], ""),
    )


def _episode(row: dict[str, Any]) -> str:
    from .text import episode_text  # one wording for fate and deaths

    return episode_text(row)


def where_table(
    con: Console, rows: Sequence[dict[str, Any]], title: str, caption: str | None
) -> None:
    # One row per status within a place, so the dead and the unknown never read as among the living.
    cols = [
        layout.Col("place", "Place", 0),
        layout.Col("count", "#", 3, "right"),
        layout.Col("status", "Status there", 1),
        layout.Col("who", "Who", 2),
    ]
    cells = []
    for row in rows:
        by_status: dict[str, list[dict[str, Any]]] = {}
        for c in row["characters"]:
            by_status.setdefault(c["status"], []).append(c)
        for n, (status, people) in enumerate(by_status.items()):
            last = len(people) - 1
            who: layout.Units = []
            for i, c in enumerate(people):
                comma = "," if i < last else ""
                if c.get("kind") == "group":
                    who += [
                        *name_units(c["name"], STATUS_STYLE.get(status, "")),
                        Text("(group)" + comma),
                    ]
                else:
                    who += name_units(c["name"], STATUS_STYLE.get(status, ""), comma)
            place: layout.Units = []
            if n == 0:
                place = layout.words(Text(row["place"] or "not stated", style="bold"))
                if row.get("within"):
                    place += layout.words(Text(f"(in {row['within']})", style="dim"))
            count = [Text(str(row["count"]))] if n == 0 else []
            cells.append([place, count, [status_text(status)], who])
    layout.draw(con, cols, cells, title=title, caption=caption, show_lines=False)


def stats_tables(con: Console, row: dict[str, Any], caption: str | None) -> None:
    statuses = list(row["by_status"])
    cols = [layout.Col("group", "Group", 0)]
    cols += [layout.Col(s, STATUS_LABEL.get(s, s), 1, "right") for s in statuses]
    cells = [
        [[Text(group)], *([Text(str(counts[s]), style=STATUS_STYLE.get(s, ""))] for s in statuses)]
        for group, counts in row["by_group"].items()
    ]
    cells.append(
        [
            [Text("all", style="bold")],
            *([Text(str(row["by_status"][s]), style="bold")] for s in statuses),
        ]
    )
    # every count matters: below the width of the whole table, one block a group
    layout.draw(
        con,
        cols,
        cells,
        title=f"Named characters: {row['individuals']}",
        caption=caption,
        keep=len(cols),
    )
    notes = []
    if any(
        sum(counts[s] for counts in row["by_group"].values()) > row["by_status"][s]
        for s in statuses
    ):
        notes.append("Someone in two groups is counted in each; 'all' counts each person once.")
    if row.get("groups"):
        notes.append(
            f"Group records (several unnamed people each), not counted above: {row['groups']}."
        )
    if notes:
        con.print(Text(" ".join(notes), style="dim"))
    if row["figures"]:
        con.print()
        figures = [
            {
                "label": f["label"],
                "value": f"{f['value']:,}",
                "episode": f["episode"],
                "sources": f["sources"],
            }
            for f in row["figures"]
        ]
        table(
            con,
            figures,
            [
                ("label", "Figure", 0),
                ("value", "Value", 1),
                ("episode", "Ep", 3),
                ("sources", "Sources", 2),
            ],
            title="Hyosan, the city",
        )


# Each status has a glyph as well as a colour, so the chart reads without colour too.
GLYPH = {
    "alive": "█",
    "infected": "▓",
    "hambie": "▒",
    "zombie": "░",
    "dead": "x",
    "unknown": "?",
    "unseen": "·",
}
CURVE_ORDER = ("alive", "infected", "hambie", "zombie", "dead", "unknown", "unseen")


def curve_chart(con: Console, rows: Sequence[dict[str, Any]], caption: str | None) -> None:
    # Only the statuses the rows carry: a gated curve names no status not seen yet, and has
    # no "unseen" column when nobody is still to be met.
    order = [
        s
        for s in CURVE_ORDER
        if rows and s in rows[0] and (s != "unseen" or any(r[s] for r in rows))
    ]
    title = "Survival curve: named characters after each episode"
    # What the count columns leave of the line: each is its header wide (at least 2 digits)
    # plus three for padding and divider; the episode column and the bar's padding take 5.
    counts = sum(max(len(s), 2) + 3 for s in order)
    width = min(60, con.width - 5 - counts)
    legend = [Text(f"{GLYPH[s]} {s} ", style="dim") for s in order]
    if width < 16:  # too narrow for the counts beside the bar: the counts go under it
        bar_width = max(con.width - 5, 10)
        con.print(Text(title, style="bold"))
        for row in rows:
            line = Text(f"{row['episode']:>3}  ")
            line.append_text(_bar(row, order, bar_width))
            con.print(line, no_wrap=True, overflow="ellipsis")
            shown = [
                Text(
                    f"{s} {row[s]}" + ("," if s != order[-1] else ""),
                    style=STATUS_STYLE.get(s, "dim"),
                )
                for s in order
            ]
            for part in layout.wrap(shown, bar_width):
                con.print(Text("     ") + part, no_wrap=True)
    else:
        t = Table(
            title=title,
            caption=caption,
            box=box.SIMPLE_HEAD,
            title_justify="left",
            pad_edge=False,
            show_edge=False,
        )
        t.add_column("Ep", justify="right")
        t.add_column("", no_wrap=True, width=width)
        for status in order:
            t.add_column(
                status,
                justify="right",
                min_width=len(status),
                style=STATUS_STYLE.get(status, "dim"),
            )
        for row in rows:
            t.add_row(str(row["episode"]), _bar(row, order, width), *(str(row[s]) for s in order))
        con.print(t)
        caption = None
    for part in layout.wrap(legend, con.width):
        con.print(part, no_wrap=True)
    if caption:
        con.print(Text(caption, style="dim"))


def _bar(row: dict[str, Any], order: Sequence[str], width: int) -> Text:
    bar = Text()
    total = row["total"] or 1
    used = 0
    for status in order:
        cells = round((used + row[status]) * width / total) - round(used * width / total)
        used += row[status]
        bar.append(GLYPH[status] * cells, style=STATUS_STYLE.get(status, "dim"))
    return bar


def chain_tree(
    con: Console, rows: Sequence[dict[str, Any]], names: dict[str, str], caption: str | None
) -> None:
    """Who infected whom, as a forest that shows every link and claims no order the data lacks.

    A victim is drawn under the infector's own infection only when that came first (the same
    episode or earlier). A link the infector made while not yet infected themselves (Byeong-chan
    injecting his son in episode 1, Cheong-san dropping Gwi-nam among zombies in episode 5)
    hangs from the infector's name at the top level instead, so a loop (Cheong-san -> Gwi-nam
    -> Cheong-san) is drawn as it happened, and nobody vanishes. A character reached twice
    (several infectors) is drawn in full once; later it says "see above".
    """
    from rich.tree import Tree

    infected_in = {row["to"]: row["episode"] for row in rows}  # each character's first infection
    passed: dict[str | None, list[dict[str, Any]]] = {}
    for row in rows:
        passed.setdefault(row["from"], []).append(row)

    def after_own(row: dict[str, Any]) -> bool:
        own = infected_in.get(row["from"])
        return own is not None and own <= row["episode"]

    tree = Tree(Text("Who infected whom", style="bold"))
    drawn: set[str] = set()

    def name(who: str) -> str:
        return names.get(who, who)

    def label(row: dict[str, Any], unknown: bool, depth: int, again: bool) -> Text:
        # Wrapped here, between whole names, statuses and words: Rich would split a name.
        style = STATUS_STYLE.get(row["status"], "")
        parts = [
            *name_units(name(row["to"])),
            Text(f" ep {row['episode']},", style=style),
            status_text(row["status"]),
        ]
        if unknown:
            parts += layout.words(
                Text(
                    f"— {row.get('cause') or 'unknown'} (by {row.get('by_what') or 'unknown'})",
                    style="dim",
                )
            )
        elif row.get("cause"):
            parts += layout.words(Text(f"— {row['cause']}", style="dim"))
        if again:
            parts += layout.words(Text("(see above)", style="italic"))
        return layout.fixed(layout.wrapped(parts, max(con.width - 4 * depth, 16)))

    def grow(node: Tree, row: dict[str, Any], depth: int, unknown: bool = False) -> None:
        who = row["to"]
        if who in drawn:
            node.add(label(row, unknown, depth, again=True))
            return
        drawn.add(who)
        child = node.add(label(row, unknown, depth, again=False))
        for later in passed.get(who, []):
            if after_own(later):
                grow(child, later, depth + 1)

    # Top level: each character who passed it on before being infected (in episode order),
    # then the infections no known character passed on.
    starters: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["from"] is not None and not after_own(row):
            starters.setdefault(row["from"], []).append(row)
    for who, links in starters.items():
        own = infected_in.get(who)
        note = (
            f"not infected when passing it on; infected later, in episode {own}"
            if own
            else "not infected"
        )
        heading = [*name_units(name(who), "bold"), *layout.words(Text(f"({note})", style="bold"))]
        root = tree.add(layout.fixed(layout.wrapped(heading, max(con.width - 4, 16))))
        for row in links:
            grow(root, row, 2)
    if None in passed:
        unknown = tree.add(
            layout.fixed(
                layout.wrapped(
                    layout.words(
                        Text(
                            "not passed on by a known character (zombies, unknown)", style="italic"
                        )
                    ),
                    max(con.width - 4, 16),
                )
            )
        )
        for row in passed[None]:
            grow(unknown, row, 2, unknown=True)
    con.print(tree)
    if caption:
        con.print(Text(caption, style="dim"))


def digest_panel(d: Any, names: dict[str, str]) -> Panel:
    from rich.panel import Panel

    from .text import new_lines, tally_text

    parts: list[Any] = []
    for e in d.events:
        line = Text("• ")
        line.append(e.summary)
        if e.flashback:
            line.append(" (flashback)", style="italic dim")
        parts.append(line)
    if d.changes:
        parts.append(Text(""))
        for ch in d.changes:
            line = Text(f"  {names.get(ch.who, ch.who)}: ")
            line.append_text(status_text(ch.status))
            if ch.cause:
                line.append(f" — {ch.cause}", style="dim")
            parts.append(line)
    new = new_lines(getattr(d, "new", None), names)  # recap.new_in: who was met, changed, moved
    if new:
        parts.append(Text(""))
        parts.append(Text(new[0], style="bold"))
        parts.extend(Text(line) for line in new[1:])
    parts.append(Text(""))
    parts.append(Text("After this episode: " + tally_text(d.tally.counts), style="bold"))
    return Panel(
        Group(*parts),
        title=f"Episode {d.episode} of 12",
        title_align="left",
        subtitle="n/→ next · p/← previous · s save · q quit",
        subtitle_align="right",
    )
