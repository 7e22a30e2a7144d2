"""Rich tables and panels for people at a terminal: the only module that imports Rich."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

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
STATUS_LABEL = {"hambie": "hambie (half-zombie)"}

Column = tuple[str, str]  # (row key, header)


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


def status_text(status: str) -> Text:
    return Text(STATUS_LABEL.get(status, status), style=STATUS_STYLE.get(status, ""))


def status_cell(row: dict[str, Any]) -> Text:
    """The status, and when a source last shows them if that is before the final episode."""
    from .text import last_seen_text

    text = status_text(row["status"])
    text.append(last_seen_text(row))
    return text


def cell(key: str, value: Any, names: dict[str, str]) -> Text:
    """One table cell. Always a Text: data is never read as Rich markup ("[b]" stays text)."""
    if key == "status" and isinstance(value, str):
        return status_text(value)
    if value is None:
        return Text("—", style="dim")
    if key == "by" and isinstance(value, list):
        return Text(", ".join(names.get(v, v) for v in value))
    if isinstance(value, list):
        return Text(", ".join(str(v.get("id", v) if isinstance(v, dict) else v) for v in value))
    if isinstance(value, dict):
        return Text(", ".join(f"{k}: {v}" for k, v in value.items()))
    if isinstance(value, bool):
        return Text("yes" if value else "no")
    return Text(str(value))


def table(
    con: Console,
    rows: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    *,
    title: str,
    caption: str | None = None,
    names: dict[str, str] | None = None,
) -> None:
    t = Table(title=title, caption=caption, box=box.SIMPLE_HEAD, title_justify="left")
    for _key, header in columns:
        t.add_column(header, overflow="fold")
    for row in rows:
        t.add_row(*(status_cell(row) if key == "status" and "status" in row else cell(key, row.get(key), names or {})
                    for key, _ in columns))
    con.print(t)


def fate_panels(con: Console, rows: Sequence[dict[str, Any]], names: dict[str, str],
                caption: str | None = None, sources_note: str | None = None) -> None:
    for row in rows:
        con.print(fate_panel(row, names, caption, sources_note))


def _by(row: dict[str, Any], names: dict[str, str]) -> str:
    who = [names.get(i, i) for i in row.get("by") or []]
    if row.get("by_what"):
        who.append(row["by_what"])
    return ", ".join(who) or "unknown"


def backing(lineages: int) -> str:
    """How a person reads the independent-lineage count of a fact."""
    return "one source only" if lineages == 1 else f"{lineages} independent sources"


def fate_panel(row: dict[str, Any], names: dict[str, str], caption: str | None = None,
               sources_note: str | None = None) -> Panel:
    """One character's fate; ``caption`` and ``sources_note`` are the viewpoint's words for what
    is hidden (None when nothing is)."""
    from rich.panel import Panel  # only fate and watch draw panels
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("Status", status_cell(row))
    if row.get("episode") is not None:
        facts.add_row("Episode", Text(_episode(row)))
        facts.add_row("How", Text(row.get("cause") or "unknown"))
        facts.add_row("By", Text(_by(row, names)))
        facts.add_row("Where", Text(row.get("place") or "unknown"))
        if row.get("lineages"):
            facts.add_row("Backed by", Text(backing(row["lineages"])))
    facts.add_row("Ends", Text(row.get("ends") or "unknown"))
    facts.add_row("Actor", Text(row.get("actor") or "unknown"))
    facts.add_row("Korean name", Text(row.get("hangul") or "unknown"))
    facts.add_row("Group", Text(f"{', '.join(row.get('groups') or [row['group']])} — {row['role']}"))
    if row.get("kind") == "group":
        facts.add_row("Record", Text("a group of people, not one person (not counted as a named character)"))
    if row.get("aliases"):
        facts.add_row("Also written", Text(", ".join(row["aliases"])))
    if row.get("first_episode") is not None:
        facts.add_row("First seen", Text(f"episode {row['first_episode']}"))
    elif row.get("seen_by") is not None:
        facts.add_row("First seen", Text(f"by episode {row['seen_by']} (not settled)"))
    parts: list[Any] = [facts]
    if row.get("history"):
        h = Table(box=box.SIMPLE_HEAD, title="Timeline", title_justify="left")
        for header in ("Ep", "Became", "How", "By", "Where"):
            h.add_column(header, overflow="fold")
        for ch in row["history"]:
            h.add_row(
                Text(_episode(ch)), status_text(ch["status"]), Text(ch.get("cause") or "—"),
                Text(_by(ch, names) if ch["status"] != "alive" else "—"), Text(ch.get("place") or "—"),
            )
        parts.append(h)
    if row.get("caused"):
        done = "; ".join(f"{c['name']} ({c['status']}, episode {c['episode']})" for c in row["caused"])
        parts.append(Text(f"Caused: {done}"))
    if row.get("note"):
        parts.append(Text(f"Note: {row['note']}", style="italic"))
    for d in row.get("disputes") or []:
        values = "; ".join(f"{v} ({', '.join(keys)})" for v, keys in d["values"].items())
        parts.append(Text(f"Sources disagree on {d['about']}: {values}. Followed: {d['followed']} — {d['why']}"))
    if sources_note:
        parts.append(Text(f"Sources: {sources_note}", style="dim"))
    if row.get("cited"):
        lines = [f"[{s['key']}] {s['publisher'] or ''}: {s['title'] or ''} {s['url'] or ''}".rstrip()
                 + (f" ({s['grade']}: {s['grade_reason']})" if s.get("grade") not in (None, "good") else "")
                 for s in row["cited"]]
        parts.append(Text("Sources:\n" + "\n".join(lines), style="dim"))
    title = Text(row["name"] + (f" ({row['hangul']})" if row.get("hangul") else ""))
    # A gated fate says so in the panel itself: "alive" as of episode 5 is not an ending.
    subtitle = Text(caption, style="dim") if caption else None
    return Panel(Group(*parts), title=title, title_align="left", subtitle=subtitle, subtitle_align="left",
                 border_style=STATUS_STYLE.get(row["status"], ""))


def _episode(row: dict[str, Any]) -> str:
    from .text import episode_text  # one wording for fate and deaths

    return episode_text(row)


def where_table(con: Console, rows: Sequence[dict[str, Any]], title: str, caption: str | None) -> None:
    t = Table(title=title, caption=caption, box=box.SIMPLE_HEAD,
              title_justify="left", show_lines=True)
    t.add_column("Place", style="bold", overflow="fold")
    t.add_column("#", justify="right")
    t.add_column("Who, by status there", overflow="fold")
    for row in rows:
        # One labelled line per status, so the dead and the unknown never read as among the living.
        by_status: dict[str, list[dict[str, Any]]] = {}
        for c in row["characters"]:
            by_status.setdefault(c["status"], []).append(c)
        who = Text("\n").join(
            status_text(status).append(": ").append_text(Text(", ").join(
                Text(c["name"] + (" (group)" if c.get("kind") == "group" else "")) for c in people))
            for status, people in by_status.items()
        )
        place = Text(row["place"] or "not stated")
        if row.get("within"):
            place.append(f"\nin {row['within']}", style="dim")
        t.add_row(place, str(row["count"]), who)
    con.print(t)


def stats_tables(con: Console, row: dict[str, Any], caption: str | None) -> None:
    statuses = list(row["by_status"])
    t = Table(title=f"Named characters: {row['individuals']}", caption=caption, box=box.SIMPLE_HEAD,
              title_justify="left")
    t.add_column("Group")
    for s in statuses:
        t.add_column(STATUS_LABEL.get(s, s), justify="right", style=STATUS_STYLE.get(s, ""))
    for group, counts in row["by_group"].items():
        t.add_row(Text(group), *(str(counts[s]) for s in statuses))
    t.add_row(Text("all", style="bold"), *(Text(str(row["by_status"][s]), style="bold") for s in statuses))
    con.print(t)
    notes = []
    if any(sum(counts[s] for counts in row["by_group"].values()) > row["by_status"][s] for s in statuses):
        notes.append("Someone in two groups is counted in each; 'all' counts each person once.")
    if row.get("groups"):
        notes.append(f"Group records (several unnamed people each), not counted above: {row['groups']}.")
    if notes:
        con.print(Text(" ".join(notes), style="dim"))
    if row["figures"]:
        f = Table(title="Hyosan, the city", box=box.SIMPLE_HEAD, title_justify="left")
        f.add_column("Figure")
        f.add_column("Value", justify="right")
        f.add_column("Ep", justify="right")
        f.add_column("Source")
        for fig in row["figures"]:
            f.add_row(Text(fig["label"]), f"{fig['value']:,}", str(fig["episode"]), Text(", ".join(fig["sources"])))
        con.print(f)


# Each status has a glyph as well as a colour, so the chart reads without colour too.
GLYPH = {"alive": "█", "infected": "▓", "hambie": "▒", "zombie": "░", "dead": "x", "unknown": "?", "unseen": "·"}
CURVE_ORDER = ("alive", "infected", "hambie", "zombie", "dead", "unknown", "unseen")


CURVE_HEADER = {"alive": "alive", "infected": "infected", "hambie": "hambie", "zombie": "zombie",
                "dead": "dead", "unknown": "?", "unseen": "unseen"}


def curve_chart(con: Console, rows: Sequence[dict[str, Any]], caption: str | None) -> None:
    # Only the statuses the rows carry: a gated curve names no status not seen yet, and has
    # no "unseen" column when nobody is still to be met.
    order = [s for s in CURVE_ORDER if rows and s in rows[0] and (s != "unseen" or any(r[s] for r in rows))]
    # What the count columns leave of the line: each is its header wide (at least 2 digits)
    # plus a space either side and a divider; the episode and bar columns take 8 more.
    width = max(10, min(60, con.width - 8 - sum(max(len(CURVE_HEADER[s]), 2) + 3 for s in order)))
    t = Table(title="Survival curve: named characters after each episode", caption=caption,
              box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    t.add_column("Ep", justify="right")
    t.add_column("", no_wrap=True, width=width)
    for status in order:
        t.add_column(CURVE_HEADER[status], justify="right", min_width=len(CURVE_HEADER[status]),
                     style=STATUS_STYLE.get(status, "dim"))
    for row in rows:
        bar = Text()
        total = row["total"] or 1
        used = 0
        for status in order:
            cells = round((used + row[status]) * width / total) - round(used * width / total)
            used += row[status]
            bar.append(GLYPH[status] * cells, style=STATUS_STYLE.get(status, "dim"))
        t.add_row(str(row["episode"]), bar, *(str(row[s]) for s in order))
    con.print(t)
    con.print(Text("  ".join(f"{GLYPH[s]} {CURVE_HEADER[s] if s != 'unknown' else 'unknown'}"
                             for s in order), style="dim"))


def chain_tree(con: Console, rows: Sequence[dict[str, Any]], names: dict[str, str], caption: str | None) -> None:
    from rich.tree import Tree

    children: dict[str | None, list[dict[str, Any]]] = {}
    for row in rows:
        children.setdefault(row["from"], []).append(row)
    infected = {row["to"] for row in rows}
    roots = [source for source in children if source is not None and source not in infected]
    tree = Tree(Text("Who infected whom", style="bold"))

    def grow(node: Tree, who: str, seen: set[str]) -> None:
        for row in children.get(who, []):
            label = Text(names.get(row["to"], row["to"]))
            label.append(f"  ep {row['episode']}, {row['status']}", style=STATUS_STYLE.get(row["status"], ""))
            if row.get("cause"):
                label.append(f" — {row['cause']}", style="dim")
            child = node.add(label)
            if row["to"] not in seen:
                grow(child, row["to"], seen | {row["to"]})

    for root in roots:
        grow(tree.add(Text(f"{names.get(root, root)} (not infected)", style="bold")), root, {root})
    if None in children:
        unknown = tree.add(Text("not passed on by a known character (zombies, unknown)", style="italic"))
        for row in children[None]:
            label = Text(names.get(row["to"], row["to"]))
            label.append(f"  ep {row['episode']}, {row['status']}", style=STATUS_STYLE.get(row["status"], ""))
            via = row.get("by_what") or "unknown"
            label.append(f" — {row.get('cause') or 'unknown'} (by {via})", style="dim")
            grow(unknown.add(label), row["to"], {row["to"]})
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
    return Panel(Group(*parts), title=f"Episode {d.episode} of 12", title_align="left",
                 subtitle="n/→ next · p/← previous · s save · q quit", subtitle_align="right")
