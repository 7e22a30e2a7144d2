#!/usr/bin/env python3
"""Write synthetic rosters (characters.yaml + events.yaml) in the real schema, for scale tests.

    python bench/generate.py                          # 1k and 10k into bench/rosters/{1k,10k}/
    python bench/generate.py --sizes 1000,10000,100000
    python bench/generate.py --sizes 500 --out /tmp/rosters --check

Each size N gets N characters, about 1.4*N events holding about 1.8*N status changes,
N/20 sources (at least 8), disputes on 5% of characters, aliases on 30%, notes on 10%,
and the schema's optional fields (flashback, confirmed_episode, change places, by/by_what)
in realistic proportions; see data/README.md for the schema. The output is deterministic
(seeded) and valid: ``--check`` loads each roster with ``aouad.load_roster`` to prove it
(lifting aouad's hostile-input size limits for that check, as bench/scale.py does).
Generation is stdlib only: about 0.5 MB of YAML per 1k characters, 10 s for 100k (49 MB).

bench/rosters/ is git-ignored.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "rosters"

FAMILIES = [
    "Kim",
    "Lee",
    "Park",
    "Choi",
    "Jung",
    "Kang",
    "Cho",
    "Yoon",
    "Jang",
    "Lim",
    "Han",
    "Oh",
    "Seo",
    "Shin",
    "Kwon",
    "Hwang",
    "Ahn",
    "Song",
    "Yoo",
    "Hong",
]
# Consonant + vowel syllables only, so a given name never reads as a family name.
SYLLABLES = [
    c + v for c in ("b", "d", "g", "h", "j", "m", "n", "r", "s", "t") for v in ("a", "e", "i", "o")
]
GROUPS = (
    ["student"] * 10
    + ["teacher"] * 2
    + ["family"] * 2
    + ["staff", "police", "firefighter", "military", "politician", "civilian"]
)
PLACES = [
    "Hyosan High School",
    "science lab",
    "library",
    "broadcasting room",
    "music room",
    "rooftop",
    "gymnasium",
    "Hyosan police station",
    "Hyosan hospital",
    "construction site",
    "quarantine camp",
    "Hyosan market",
    "apartment block",
    "mountain pass",
    "city hall",
]
ROLES = [
    "Class 2-5 student",
    "Class 2-1 student",
    "homeroom teacher",
    "school nurse",
    "lab assistant",
    "parent",
    "police officer",
    "rescue worker",
    "soldier at the cordon",
    "city council member",
    "resident of Hyosan",
    "archery club member",
    "YouTuber",
]
CAUSES = ["bitten on the arm", "bitten on the neck", "scratched", "bitten while hiding", "unknown"]
DEATHS = [
    "killed by zombies",
    "shot at the cordon",
    "the bombing",
    "fell from the rooftop",
    "unknown",
]
VERBS = ["hides in", "runs through", "barricades", "searches", "is cornered in", "escapes from"]


def given_name(n: int) -> str:
    """Two or more syllables, unique for each n: 'Ba-do', 'Ri-sa-mo'."""
    parts = []
    while True:
        n, r = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[r])
        if n == 0 and len(parts) >= 2:
            break
    return "-".join(parts).capitalize()


def character_id(i: int) -> str:
    """The id of the i-th synthetic character (0-based): 'ba-ba-kim-0'."""
    return f"{given_name(i // len(FAMILIES)).lower()}-{FAMILIES[i % len(FAMILIES)].lower()}-{i}"


def hangul(i: int) -> str:
    # A family syllable and two given syllables from the Hangul block, unique per i.
    a, b = divmod(i, 11172)
    return chr(0xAC00 + (i * 7) % 11172) + chr(0xAC00 + a) + chr(0xAC00 + b)


def _list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def place_id(name: str) -> str:
    return name.lower().replace(" ", "-")


def build(n: int, seed: int = 2022) -> tuple[str, str, dict[str, int]]:
    """The two files' text for an n-character roster, and counts of what is in it."""
    rnd = random.Random(seed + n)
    n_sources = max(8, n // 20)
    skeys = [f"src-{k:05d}" for k in range(n_sources)]

    ch: list[str] = ["sources:\n"]
    for k, key in enumerate(skeys):
        url = "null" if k % 7 == 0 else f"https://example.org/aouad/{key}"
        ch.append(
            f'  {key}:\n    title: "Synthetic source {k}: who lives and who dies"\n'
            f"    publisher: Publisher {k % 50}\n    url: {url}\n    lineage: "
            f"lineage-{k % (n_sources // 2 + 1)}\n"
            f"    grade: {'weak' if k % 5 == 0 else 'good'}\n    grade_reason: synthetic\n"
        )
    ch.append(
        "places:\n"
        + "".join(f"  - {{id: {place_id(name)}, name: {name}, within: null}}\n" for name in PLACES)
    )
    ch.append("characters:\n")
    recs: list[
        list[str]
    ] = []  # each character's lines; a living one gets last_seen once its path is known

    ids: list[str] = []
    firsts: list[int] = []
    disputes = 0
    for i in range(n):
        family = FAMILIES[i % len(FAMILIES)]
        given = given_name(i // len(FAMILIES))
        cid = character_id(i)
        ids.append(cid)
        first = rnd.choice((1, 1, 1, 2, 3, 4, 5, 6, 8))
        firsts.append(first)
        srcs = rnd.sample(skeys, rnd.choice((1, 2, 2, 3)))
        actor = f"Actor {given_name(i + 7)} {FAMILIES[(i * 3) % 20]}"  # no randomness
        rec = [
            f"  - id: {cid}\n    name: {family} {given}\n",
            f"    hangul: {hangul(i) if rnd.random() < 0.9 else 'unknown'}\n",
            f"    actor: {actor if rnd.random() < 0.8 else 'unknown'}\n",
            f"    group: {rnd.choice(GROUPS)}\n    role: {rnd.choice(ROLES)}\n",
        ]
        if rnd.random() < 0.3:
            rec.append(f"    aliases: [{family}{given.replace('-', '').lower()}]\n")
        rec.append(f"    first_episode: {first}\n    sources: {_list(srcs)}\n")
        if rnd.random() < 0.1:
            rec.append(
                f"    note: Synthetic note {i}; the sources we read do not settle the actor.\n"
            )
        if rnd.random() < 0.05 and len(srcs) >= 2:
            disputes += 1
            rec.append(
                "    disputes:\n      - about: first_episode\n"
                f'        values: {{"{first}": [{srcs[0]}], "{first + 1}": [{srcs[1]}]}}\n'
                f'        followed: "{first}"\n        why: the episode recap describes the scene\n'
            )
        recs.append(rec)

    # Each character's path through the statuses: (episode, change fields), episodes increasing.
    changes_by_ep: dict[int, list[str]] = {e: [] for e in range(1, 13)}
    n_changes = 0
    for i, cid in enumerate(ids):
        first = firsts[i]
        roll = rnd.random()
        biter = ids[rnd.randrange(n)] if n > 1 else cid
        by = f"by: [{biter}]" if biter != cid and rnd.random() < 0.6 else "by_what: zombies"
        place = f", place: {place_id(rnd.choice(PLACES))}" if rnd.random() < 0.2 else ""
        if roll < 0.40:  # survives
            path = [(12, f"status: alive{place}")]
        elif roll < 0.55:  # bitten, then turns
            a = rnd.randint(first, 10)
            path = [
                (a, f"status: infected, cause: {rnd.choice(CAUSES)}, {by}"),
                (rnd.randint(a + 1, 12), f"status: zombie, cause: the bite, {by}{place}"),
            ]
        elif roll < 0.75:  # dies
            e = rnd.randint(first, 12)
            conf = f", confirmed_episode: {min(12, e + 1)}" if rnd.random() < 0.1 else ""
            path = [
                (
                    e,
                    f"status: dead, cause: {rnd.choice(DEATHS)}, by_what: "
                    f"{rnd.choice(('zombies', 'the military', 'unknown'))}{place}{conf}",
                )
            ]
        elif roll < 0.85:  # bitten, then dies
            a = rnd.randint(first, 11)
            path = [
                (a, f"status: infected, cause: {rnd.choice(CAUSES)}, {by}"),
                (
                    rnd.randint(a + 1, 12),
                    f"status: dead, cause: {rnd.choice(DEATHS)}, by_what: unknown",
                ),
            ]
        elif roll < 0.90:  # half-zombie
            path = [(rnd.randint(first, 12), f"status: hambie, cause: bitten, {by}")]
        elif roll < 0.98:
            path = [(rnd.randint(first, 12), f"status: zombie, cause: bitten, {by}{place}")]
        else:
            path = [(12, "status: unknown, note: last seen running")]
        for episode, body in path:
            changes_by_ep[episode].append(f"{{who: {cid}, {body}}}")
            n_changes += 1
        if path[-1][1].startswith(("status: alive", "status: hambie")):  # living at the end
            recs[i].append(f"    last_seen: {{episode: 12, sources: [{skeys[i % n_sources]}]}}\n")
    ch.extend("".join(rec) for rec in recs)

    ev: list[str] = ["events:\n"]
    n_events = 0
    for episode in range(1, 13):
        pending = changes_by_ep[episode]
        rnd.shuffle(pending)  # a character's changes are in different episodes: order is free
        k = 0
        fillers = max(1, n // 60)  # events that change no one's status
        while pending or k < fillers:
            take = rnd.choice((0, 1, 1, 1, 2, 2, 3)) if pending else 0
            batch, pending = pending[:take], pending[take:]
            idx = rnd.randrange(n)
            who = ids[idx]
            eid = f"e{episode:02d}-{who}-{k}"
            k += 1
            n_events += 1
            rec = [
                f"  - id: {eid}\n    episode: {episode}\n",
                f"    summary: {who.split('-')[0].capitalize()} {rnd.choice(VERBS)} the "
                f"{rnd.choice(PLACES).lower()}.\n",
                "    place: "
                f"{place_id(rnd.choice(PLACES)) if rnd.random() < 0.95 else 'unknown'}\n",
            ]
            if rnd.random() < 0.05:
                rec.append("    flashback: true\n")
            if firsts[idx] <= episode and rnd.random() < 0.4:
                rec.append(f"    characters: [{who}]\n")
            if batch:
                rec.append("    changes:\n" + "".join(f"      - {c}\n" for c in batch))
            rec.append(f"    sources: {_list(rnd.sample(skeys, rnd.choice((1, 1, 2))))}\n")
            if rnd.random() < 0.05:
                rec.append("    note: Synthetic event note; shown from two angles.\n")
            ev.append("".join(rec))

    ev.append("figures:\n")
    ev.append(
        "  - {id: residents, label: Residents of Hyosan, value: 170000, episode: 12, "
        f"sources: [{skeys[0]}]}}\n"
    )
    ev.append(
        "  - {id: evacuated, label: Evacuated, value: 1200, episode: 12, "
        f"sources: [{skeys[1]}], note: synthetic}}\n"
    )
    counts = {
        "characters": n,
        "events": n_events,
        "changes": n_changes,
        "sources": n_sources,
        "disputes": disputes,
    }
    return "".join(ch), "".join(ev), counts


def label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 and n >= 1000 else str(n)


def write(n: int, out: Path, seed: int = 2022) -> tuple[Path, dict[str, int]]:
    target = out / label(n)
    target.mkdir(parents=True, exist_ok=True)
    characters, events, counts = build(n, seed)
    for name, text in (("characters.yaml", characters), ("events.yaml", events)):
        tmp = target / f".{name}.tmp"
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target / name)
    counts["bytes"] = sum((target / f).stat().st_size for f in ("characters.yaml", "events.yaml"))
    return target, counts


def parse_sizes(text: str) -> list[int]:
    sizes = []
    for part in text.split(","):
        part = part.strip().lower()
        if part:
            sizes.append(int(float(part[:-1]) * 1000) if part.endswith("k") else int(part))
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes are positive numbers, e.g. 1000,10000 or 1k,10k")
    return sizes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--sizes",
        type=parse_sizes,
        default=[1000, 10000],
        help="comma-separated character counts (default 1000,10000; e.g. 1k,10k,100k)",
    )
    ap.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"parent directory (default {DEFAULT_OUT})"
    )
    ap.add_argument("--seed", type=int, default=2022)
    ap.add_argument(
        "--check",
        action="store_true",
        help="load each roster with aouad.load_roster (must be valid)",
    )
    args = ap.parse_args(argv)
    for n in args.sizes:
        t0 = time.perf_counter()
        target, counts = write(n, args.out, args.seed)
        took = time.perf_counter() - t0
        print(
            f"{target}: {counts['characters']} characters, {counts['events']} events, "
            f"{counts['changes']} changes, {counts['sources']} sources, "
            f"{counts['bytes'] / 1e6:.1f} MB ({took:.1f} s)"
        )
        if args.check:
            from scale import lift_limits  # hostile-input bounds that large rosters exceed

            from aouad import load_roster  # only here: generating needs nothing but the stdlib

            lift_limits(target)
            t0 = time.perf_counter()
            roster = load_roster(target)
            assert len(roster.characters) == n, (len(roster.characters), n)
            print(
                f"  valid: aouad.load_roster read {len(roster.characters)} characters, "
                f"{len(roster.events)} events in {time.perf_counter() - t0:.1f} s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
