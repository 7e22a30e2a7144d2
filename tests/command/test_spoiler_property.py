"""The no-spoiler promise as a property, written against the data rather than picked strings.

For every gate 1..11, every query command (any command that takes --episode) and every output
format, the answer must not contain anything a viewer at that episode has not seen: a
character not met yet, a later event, a change known only later, a place first named later,
a status (or the word for it) that has not happened, a relationship not known yet (its note, or
the word for a kind of tie nobody has yet), a note, or a source. The same holds for help and shell
completion under saved progress, and for every file a command writes (an HTML page, an SVG
chart): all of its bytes, data embedded for a script included. The commands, the formats, the
files and the facts are all discovered, so a new command, format, file-writing option or record
is covered without editing this file.
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pytest
import typer.main
from typer.testing import CliRunner

from aouad import roster as roster_module
from aouad.roster import load_roster
from aouad.cli import app
from aouad.model import EPISODES, INFECTIOUS, STATUSES, Roster

GATES = range(1, EPISODES)
# The checks of one gate share its answers (``run`` is cached): under pytest-xdist's loadgroup
# they go to one worker, so each gate's commands run once, not once per worker.
BY_GATE = [pytest.param(n, marks=pytest.mark.xdist_group(f"gate-{n}"), id=str(n)) for n in GATES]
SHOW_TITLE = re.compile(r"all of us are dead", re.IGNORECASE)
# The words a person reads for each status. "unknown" is left out of the word check: it is
# also how any missing value reads (an uncredited actor); as a status it is checked through
# the machine formats' status values and keys instead (see test_machine_statuses_are_known).
STATUS_WORDS = {s: [s] for s in STATUSES if s != "unknown"}
STATUS_WORDS["hambie"] += ["half-zombie", "half zombie", "half-zombies"]


@cache
def full() -> Roster:
    return load_roster()


@pytest.fixture(autouse=True)
def one_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every call reads the same bundled roster; parsing it 600 times would prove nothing more."""
    monkeypatch.setattr(roster_module, "load_roster", lambda directory=None, **_: full())


def _squash(text: str) -> str:
    return " ".join(text.split())


class Seen(NamedTuple):
    """What a viewer after an episode has seen, worked out here from the data itself, not by
    the viewpoint under test: met characters, shown events, known changes, happened statuses."""

    characters: frozenset[str]
    events: frozenset[str]
    changes: frozenset[tuple[str, str]]  # (event id, who)
    statuses: frozenset[str]
    edges: frozenset[
        tuple[str, str, str, int]
    ]  # (from, to, kind, episode): typed ties and the timeline's


@cache
def seen_after(episode: int) -> Seen:
    roster = full()
    events = [e for e in roster.events if e.episode <= episode]
    changes = [
        (e.id, ch)
        for e in events
        for ch in e.changes
        if (ch.confirmed_episode or ch.episode) <= episode
    ]
    in_events = {w for e in events for w in e.characters} | {ch.who for _, ch in changes}
    met = {
        c.id
        for c in roster.characters
        if (c.first_episode or EPISODES + 1) <= episode
        or (
            c.first_episode is None
            and (c.id in in_events or (c.seen_by or EPISODES + 1) <= episode)
        )
    }
    edges = {
        (r.a, r.b, r.kind, r.episode)
        for r in roster.relationships
        if r.episode <= episode and r.a in met and r.b in met
    }
    infected: set[str] = set()
    for _, ch in sorted(changes, key=lambda pair: (pair[1].episode, pair[1].seq)):
        if ch.status in INFECTIOUS and ch.who not in infected:  # a character's first infection only
            infected.add(ch.who)
            edges |= {(x, ch.who, "infected", ch.episode) for x in ch.by}
        if ch.status == "dead":
            edges |= {(x, ch.who, "killed", ch.episode) for x in ch.by if x != ch.who}
    return Seen(
        frozenset(met),
        frozenset(e.id for e in events),
        frozenset((event, ch.who) for event, ch in changes),
        frozenset({"alive"} | {ch.status for _, ch in changes}),
        frozenset(edges),
    )


def _places(place_id: str | None) -> tuple[str, ...]:
    """The texts a place reads as: its name and id, and those of the places it is within."""
    roster, names = full(), []
    while place_id and place_id in roster.place_by_id:
        place = roster.place_by_id[place_id]
        names += (place.name, place.id)
        place_id = place.within
    return tuple(names)


def _visible(episode: int) -> str:
    """Every text a viewer after ``episode`` may legitimately read (notes and sources aside)."""
    roster, seen = full(), seen_after(episode)
    texts: list[str] = []
    for c in roster.characters:
        if c.id in seen.characters:
            texts += (c.id, c.name, c.role, c.hangul or "", c.actor or "", *c.aliases)
    for e in roster.events:
        if e.id in seen.events:
            texts += (e.id, e.summary, *_places(e.place))
            for ch in e.changes:
                if (e.id, ch.who) in seen.changes:
                    texts += (ch.cause or "", ch.by_what or "", *_places(ch.place))
    texts += (f.label for f in roster.figures if f.episode <= episode)
    texts += sorted({kind for _, _, kind, _ in seen.edges})  # the kinds of tie seen so far
    return _squash(" \n ".join(texts)).casefold()


@cache
def later(episode: int) -> tuple[tuple[str, str], ...]:
    """(what, text) pairs a viewer after ``episode`` must not meet, found from the data.

    A text that a viewer may read anyway (a place named earlier too, a cause shared with an
    earlier change) is not a spoiler when it shows, so it is not listed.
    """
    roster, seen = full(), seen_after(episode)
    visible = _visible(episode)
    found: dict[str, str] = {}
    for c in roster.characters:
        if c.id not in seen.characters:
            for text in (c.id, c.name, c.hangul):
                if text:
                    found[text] = f"character {c.id} (not met by episode {episode})"
        if c.note:
            found[c.note] = f"the note on {c.id}"
        if c.last_seen:  # a statement about every later episode: never shown under a gate
            found[f"last seen in episode {c.last_seen.episode}"] = f"when {c.id} is last seen"
        for d in c.disputes:
            found[d.why] = f"a dispute on {c.id}"
    for e in roster.events:
        if e.note:
            found[e.note] = f"the note on event {e.id}"
        for ch in e.changes:
            if ch.note:
                found[ch.note] = f"the note on a change in {e.id}"
            if (e.id, ch.who) not in seen.changes:
                for text in (ch.cause, *_places(ch.place)):
                    if text:
                        found[text] = (
                            f"{ch.who} becoming {ch.status} in {e.id} (known from {ch.known_from})"
                        )
        if e.id not in seen.events:
            for text in (e.id, e.summary, *_places(e.place)):
                if text:
                    found[text] = f"event {e.id} (episode {e.episode})"
    for s in roster.sources:
        found[s.title] = f"the title of source {s.key}"
    for f in roster.figures:
        if f.episode > episode:
            found[f.label] = f"figure {f.id} (episode {f.episode})"
    # Relationships are facts too. Their notes and disputes are research, hidden like the others';
    # a tie not known yet shows as the word for its kind when nobody has a tie of that kind yet
    # (a later tie of a known kind is caught in the graph's JSON, see
    # test_graph_shows_only_known_ties;
    # the kinds are checked as words, see unseen_kinds).
    for r in roster.relationships:
        if r.note:
            found[r.note] = f"the note on the relationship {r.a} {r.kind} {r.b}"
        for d in r.disputes:
            found[d.why] = f"a dispute on the relationship {r.a} {r.kind} {r.b}"
    return tuple(
        (why, text) for text, why in found.items() if _squash(text).casefold() not in visible
    )


def unseen_words(episode: int) -> list[str]:
    known = seen_after(episode).statuses
    return [w for s, words in STATUS_WORDS.items() if s not in known for w in words]


def unseen_kinds(episode: int) -> dict[str, int]:
    """Kinds of tie nobody has by ``episode`` (kind -> the episode the first one is known): the
    word for one must not show where ties are shown, as a status word must not."""
    first: dict[str, int] = {}
    for _, _, kind, known in seen_after(EPISODES).edges:
        first[kind] = min(known, first.get(kind, known))
    visible = _visible(episode)
    return {k: n for k, n in first.items() if n > episode and k not in visible}


@cache
def kind_pattern(episode: int) -> re.Pattern[str] | None:
    kinds = unseen_kinds(episode)
    return (
        re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, kinds))})(?![\w-])") if kinds else None
    )


@cache
def forbidden(episode: int) -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str] | None]:
    """One pattern for every later fact (longest first), what each one is, and one for the words."""
    facts = {_squash(text): why for why, text in later(episode)}
    alternatives = "|".join(re.escape(f) for f in sorted(facts, key=len, reverse=True))
    whole = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    words = unseen_words(episode)
    word = (
        re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, words))})(?![\w-])", re.IGNORECASE)
        if words
        else None
    )
    return whole, facts, word


def assert_no_spoiler(output: str, episode: int, what: str, *, kinds: bool = True) -> None:
    """``kinds``: also check the words for kinds of tie. Help is fixed prose that names no tie, and
    ordinary words there ("bit, turned or killed") are not kinds: it is checked without them."""
    text = _squash(output)
    facts, why, words = forbidden(episode)
    found = facts.search(text)
    assert found is None, (
        f"{what} at episode {episode} shows {why[found.group()]}: {found.group()!r}"
    )
    found = words.search(SHOW_TITLE.sub(" ", text)) if words else None
    assert found is None, (
        f"{what} at episode {episode} names the status word {found.group()!r} before it happens"
    )
    pattern = kind_pattern(episode) if kinds else None
    found = pattern.search(text) if pattern else None
    assert found is None, (
        f"{what} at episode {episode} names the kind of tie {found.group()!r}, first known in "
        f"episode {unseen_kinds(episode)[found.group()]}"
    )


@cache
def _group() -> typer.main.click.Group:  # type: ignore[name-defined]
    return typer.main.get_command(app)


def query_commands() -> list[str]:
    """Every command that answers as of an episode: those with an --episode option."""
    group = _group()
    return sorted(
        name
        for name, cmd in group.commands.items()
        if any("--episode" in getattr(p, "opts", ()) for p in cmd.params)
    )


def other_commands() -> list[str]:
    return sorted(set(_group().commands) - set(query_commands()))


def formats(command: str) -> list[str]:
    """The --format choices this command offers (graph offers mermaid and dot too)."""
    group = _group()
    cmd = group.commands[command]
    (option,) = [p for p in cmd.params if "--format" in getattr(p, "opts", ())]
    with group.make_context(
        "aouad", [command], resilient_parsing=True
    ) as root:  # the choices a shell offers
        return [
            item.value
            for item in option.shell_complete(
                cmd.make_context(command, [], parent=root, resilient_parsing=True), ""
            )
        ]


runner = CliRunner()
# What a script reads out of a page: JSON in <script type="application/json">, escaped for it.
EMBEDDED_JSON = re.compile(r'<script type="application/json"[^>]*>(.*?)</script>', re.S)


def file_options(command: str) -> list[str]:
    """The command's options that name a file to write (metavar FILE): --svg, --output."""
    return [
        p.opts[0]
        for p in _group().commands[command].params
        if getattr(p, "metavar", None) == "FILE"
    ]


def embedded(text: str) -> list[object]:
    return [json.loads(block) for block in EMBEDDED_JSON.findall(text)]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield str(key)
            yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)


def readable(data: bytes) -> str:
    """Every text a file holds as a reader or a script would see it: the file with character
    references decoded (&amp;, &#160;), and each string of its embedded JSON (where "&" may be
    written \\u0026), so no escape can hide a later fact from the search."""
    text = data.decode("utf-8", errors="replace")
    strings = [s for block in embedded(text) for s in _strings(block)]
    return "\n".join([html.unescape(EMBEDDED_JSON.sub(" ", text)), *strings])


class Run(NamedTuple):
    text: str  # stdout and stderr
    files: dict[str, bytes]  # every file the command wrote, by name


@cache
def run(command: str, fmt: str, episode: int) -> Run:
    """The command's answer with its defaults, in a scratch directory, every FILE option given
    a file name there; a command that needs more (fate) gets --all."""
    cmd = _group().commands[command]
    extra: list[list[str]] = [[]]
    if any(p.name == "all_" or "--all" in getattr(p, "opts", ()) for p in cmd.params):
        extra.insert(0, ["--all"])
    files = [arg for i, opt in enumerate(file_options(command)) for arg in (opt, f"written-{i}")]
    here = os.getcwd()
    for more in extra:
        with tempfile.TemporaryDirectory() as scratch:
            os.chdir(scratch)
            try:
                result = runner.invoke(
                    app,
                    [command, *more, *files, "--format", fmt, "--episode", str(episode)],
                    env={"COLUMNS": "400"},
                )
                written = {
                    p.name: p.read_bytes() for p in sorted(Path(scratch).rglob("*")) if p.is_file()
                }
            finally:
                os.chdir(here)
        if result.exit_code == 0:
            return Run(result.stdout + result.stderr, written)
    raise AssertionError(f"{command} --format {fmt} --episode {episode} failed: {result.stderr}")


def answer(command: str, fmt: str, episode: int) -> str:
    return run(command, fmt, episode).text


def test_the_property_sees_every_query_command_and_format():
    # A sanity check on discovery itself, so the property below cannot pass by testing nothing.
    assert {
        "survivors",
        "fate",
        "deaths",
        "curve",
        "stats",
        "where",
        "events",
        "chain",
        "graph",
    } <= set(query_commands())
    assert all({"json", "csv", "table"} <= set(formats(c)) for c in query_commands())
    assert {"mermaid", "dot"} <= set(formats("graph"))
    # relationships are in the oracle: some kind of tie is still to come early on, and a note is
    # hidden
    assert unseen_kinds(1) and "couple" in unseen_kinds(6)
    assert any(why.startswith("the note on the relationship") for why, _ in later(11))
    assert any("hambie" in unseen_words(n) for n in GATES) and later(1)


@pytest.mark.parametrize("episode", BY_GATE)
def test_no_query_answer_shows_anything_later(episode):
    for command in query_commands():
        for fmt in formats(command):
            assert_no_spoiler(answer(command, fmt, episode), episode, f"{command} --format {fmt}")


def test_the_property_sees_every_file_a_command_writes():
    writers = {c for c in query_commands() if file_options(c)}
    assert {"curve", "html"} <= writers, "no command writes a file: the test would prove nothing"
    assert len(run("curve", "json", 3).files) == 1
    written = run("html", "table", 3).files
    assert len(written) == 1 and embedded(next(iter(written.values())).decode()), (
        "no page with data to check"
    )


@pytest.mark.parametrize("episode", BY_GATE)
def test_no_file_a_command_writes_shows_anything_later(episode):
    """A page or chart a command writes is an answer too: every byte of it, and every string
    of the data it embeds for its script, even what the page would only show on demand."""
    checked: set[bytes] = set()  # the same page under each --format: read once
    for command in query_commands():
        for fmt in formats(command):
            for name, data in run(command, fmt, episode).files.items():
                if data not in checked:
                    assert_no_spoiler(
                        readable(data), episode, f"{command} --format {fmt}, file {name}"
                    )
                    checked.add(data)


@pytest.mark.parametrize("episode", BY_GATE)
def test_machine_statuses_are_known(episode):
    """In JSON, no status value or count key names a status that has not happened yet;
    nor in the JSON a written page embeds."""
    known = seen_after(episode).statuses

    def walk(value: object) -> Iterator[str]:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in STATUSES:
                    yield key
                if key == "status" and isinstance(inner, str):
                    yield inner
                yield from walk(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from walk(inner)

    for command in query_commands():
        named = set(walk(json.loads(answer(command, "json", episode).split("\naouad:")[0])))
        assert named <= known, f"{command} --json at episode {episode} names {named - known}"
        for name, data in run(command, "json", episode).files.items():
            named = {s for block in embedded(data.decode("utf-8")) for s in walk(block)}
            assert named <= known, (
                f"{command}'s file {name} at episode {episode} names {named - known}"
            )


@pytest.fixture
def saved(tmp_path, monkeypatch):
    def at(episode: int) -> None:
        result = runner.invoke(app, ["progress", str(episode)])
        assert result.exit_code == 0, result.stderr

    return at


@pytest.mark.parametrize("episode", GATES)
def test_help_under_saved_progress_shows_nothing_later(saved, episode):
    saved(episode)
    pages = [runner.invoke(app, ["--help"], env={"COLUMNS": "400"})]
    pages += [
        runner.invoke(app, [name, "--help"], env={"COLUMNS": "400"})
        for name in query_commands() + other_commands()
    ]
    for page in pages:
        assert page.exit_code == 0
        assert_no_spoiler(page.stdout, episode, "help", kinds=False)


@pytest.mark.parametrize("episode", GATES)
def test_completion_under_saved_progress_offers_nothing_later(saved, episode):
    saved(episode)
    group = _group()
    offered = []
    for name, cmd in group.commands.items():
        with group.make_context("aouad", [name], resilient_parsing=True) as root:
            ctx = cmd.make_context(name, [], parent=root, resilient_parsing=True)
            for param in cmd.params:
                offered += [item.value for item in param.shell_complete(ctx, "")]
    assert offered, "no completion offered at all: the test would prove nothing"
    assert_no_spoiler("\n".join(map(str, offered)), episode, "completion")


@pytest.mark.parametrize("episode", BY_GATE)
def test_graph_shows_only_known_ties(episode):
    """Every node of the graph is a character met, and every edge a tie known, by the episode;
    fate lists the same ties."""
    import json

    seen = seen_after(episode)
    graph = json.loads(answer("graph", "json", episode))
    assert {n["id"] for n in graph["nodes"]} <= seen.characters
    shown = {(e["from"], e["to"], e["kind"], e["episode"]) for e in graph["edges"]}
    assert shown == seen.edges, (
        f"graph --episode {episode}: later {shown - seen.edges}, missing {seen.edges - shown}"
    )
    assert all(
        e["sources"] == [] for e in graph["edges"]
    )  # sources are hidden until the last episode
    fates = json.loads(answer("fate", "json", episode))
    listed = {
        (t["from"], t["to"], t["kind"], t["episode"]) for f in fates for t in f["relationships"]
    }
    assert listed == seen.edges
    assert all(t["note"] is None and t["disputes"] == [] for f in fates for t in f["relationships"])
