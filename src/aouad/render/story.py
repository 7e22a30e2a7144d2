"""The recap and the quiz for people: Rich text drawn from their records (aouad.records).

Everything shown comes from the rows, which the viewpoint has already gated; this module only
lays them out. Data is always Text, never Rich markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.text import Text

from ..model import SURVIVING

from .table import STATUS_LABEL, STATUS_STYLE, status_text
from .table import console as console  # play.py draws through this module

LETTERS = "abcd"


def recap(con: Console, row: dict[str, Any], caption: str | None, sources_note: str | None) -> None:
    span = (
        f"episode {row['from']}"
        if row["from"] == row["to"]
        else f"episodes {row['from']}–{row['to']}"
    )
    con.print(Text(f"The story so far: {span}", style="bold"))
    for ep in row["episodes"]:
        con.print()
        con.print(Text(f"Episode {ep['episode']}", style="bold"))
        if not ep["events"]:
            con.print(Text("  (no key events recorded)", style="dim"))
        for event in ep["events"]:
            line = Text(event["summary"])
            if event["flashback"]:
                line.append(" (flashback)", style="italic dim")
            if event["sources"]:
                line.append(f"\nsources: {', '.join(event['sources'])}", style="dim")
            hanging(con, "  • ", line)
    standing(con, row["standing"])
    for note in (sources_note and f"Sources: {sources_note}", caption):  # the viewpoint's words
        if note:
            con.print(Text(note, style="dim"))


def short_names(s: dict[str, Any]) -> dict[str, str]:
    """id -> the name the summaries use: the given name of a Korean name ("Nam On-jo" ->
    "On-jo"), unless two characters would then read alike; other names as they are."""
    full = {c["id"]: c["name"] for who in s["statuses"].values() for c in who}
    short = {}
    for ident, name in full.items():
        family, _, given = name.partition(" ")
        short[ident] = (
            given if given and " " not in given and "-" in given and family.isalpha() else name
        )
    clash = {n for n in short.values() if list(short.values()).count(n) > 1}
    return {i: full[i] if n in clash else n for i, n in short.items()}


def standing(con: Console, s: dict[str, Any]) -> None:
    name = short_names(s)
    con.print()
    con.print(Text(f"Where things stand after episode {s['episode']}", style="bold"))
    counts = Text()
    for i, (status, who) in enumerate(s["statuses"].items()):
        if i:
            counts.append(" · ")
        counts.append(
            f"{STATUS_LABEL.get(status, status)} {len(who)}", style=STATUS_STYLE.get(status, "")
        )
    hanging(con, "  ", counts)
    if s["places"]:
        hanging(con, "  ", Text("The living, by the last place the timeline puts them:"))
    for group in s["places"]:
        line = Text(f"{group['place'] or 'no place given'}: ", style="bold")
        for i, c in enumerate(group["characters"]):
            if i:
                line.append(", ")
            line.append(name.get(c["id"], c["name"]))
            if c["status"] != "alive":
                line.append(f" ({c['status']})", style=STATUS_STYLE.get(c["status"], ""))
        hanging(con, "    ", line)
    for status, who in s["statuses"].items():
        if status in SURVIVING or not who:
            continue  # the living are listed by place above
        line = status_text(status)
        line.append(": " + ", ".join(name.get(c["id"], c["name"]) for c in who), style="")
        hanging(con, "  ", line)


def hanging(con: Console, lead: str, body: Text) -> None:
    """Print ``lead`` then ``body``, its wrapped lines indented under its first (a Rich grid
    would do it too, but pads every line with spaces to the column's width)."""
    indent = " " * len(lead)
    for i, line in enumerate(body.wrap(con, max(20, con.width - len(lead)), overflow="fold")):
        line.rstrip()
        con.print(Text(lead if i == 0 else indent).append_text(line), soft_wrap=True)


def question(con: Console, q: dict[str, Any]) -> None:
    hanging(con, f"{q['number']}. ", Text(q["question"], style="bold"))
    for letter in LETTERS:
        hanging(con, f"   {letter}) ", Text(q["options"][letter]))


def answer_line(q: dict[str, Any]) -> Text:
    return Text(f"{q['answer']}) {q['answer_text']}")


def where_from(con: Console, q: dict[str, Any], sources_note: str | None) -> None:
    """The fact's explanation and sources: what follows an answer."""
    hanging(con, "   ", Text(q["explanation"]))
    if q["sources"]:
        hanging(con, "   ", Text(f"sources: {', '.join(q['sources'])}", style="dim"))
    elif sources_note:
        hanging(con, "   ", Text(f"sources: {sources_note}", style="dim"))


def heading(rows: Sequence[dict[str, Any]]) -> Text:
    seed = rows[0]["seed"] if rows else None
    again = f"; --seed {seed} asks the same again" if seed is not None else ""
    return Text(f"Quiz: {len(rows)} question(s){again}", style="bold")


def quiz_sheet(
    con: Console, rows: Sequence[dict[str, Any]], caption: str | None, sources_note: str | None
) -> None:
    """The questions, then an answer key: for a pipe, a printer, a file."""
    con.print(heading(rows))
    if not rows:
        con.print(Text("The data as you know it is not enough for a question yet.", style="dim"))
    for q in rows:
        con.print()
        question(con, q)
    if rows:
        con.print()
        con.print(Text("Answer key", style="bold"))
        for q in rows:
            hanging(con, f"{q['number']}. ", answer_line(q))
            where_from(con, q, None)
    for note in (
        rows and sources_note and f"Sources: {sources_note}",
        caption,
    ):  # once, not under every answer
        if note:
            con.print(Text(note, style="dim"))


# The quiz asked at a terminal (play.py): the lines around each question.


def play_heading(con: Console, rows: Sequence[dict[str, Any]], caption: str | None) -> None:
    con.print(heading(rows))
    if caption:
        con.print(Text(caption, style="dim"))


def blank(con: Console) -> None:
    con.print()


def prompt(con: Console) -> str:
    return con.input("Your answer (a-d, q to stop): ")


def nudge(con: Console) -> None:
    """After a reply that picks no option."""
    con.print(Text("Answer with a, b, c or d (or 1-4); q stops.", style="italic"))


def verdict(con: Console, q: dict[str, Any], right: bool) -> None:
    if right:
        con.print(Text("Right.", style="bold green"))
    else:
        said = Text("Not quite: the answer is ", style="bold red")
        said.append_text(answer_line(q))
        hanging(con, "", said)


def score(con: Console, right: int, asked: int, total: int) -> None:
    if asked < total:
        con.print(Text(f"Score: {right} of {asked} answered ({total} asked for).", style="bold"))
    else:
        con.print(Text(f"Score: {right} of {total}.", style="bold"))
