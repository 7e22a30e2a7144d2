"""A Roster as the JSON a snapshot holds, and back: records as lists in field order.

Compact, and quick to rebuild: the installed aouad rebuilds the bundled roster from here on
every call. ``trusted_json`` checks nothing; snapshot_check.from_json checks every value first.
"""

from __future__ import annotations

from typing import Any

from .model import (
    Change,
    Character,
    Dispute,
    Event,
    Figure,
    Place,
    Relationship,
    Roster,
    Sighting,
    Source,
)


def to_json(r: Roster) -> dict[str, Any]:
    return {
        "sources": [
            [s.key, s.title, s.publisher, s.url, s.lineage, s.grade, s.grade_reason]
            for s in r.sources
        ],
        "places": [[p.id, p.name, p.aliases, p.within, p.note] for p in r.places],
        "characters": [
            [
                c.id,
                c.name,
                c.hangul,
                c.actor,
                c.group,
                c.role,
                c.aliases,
                c.first_episode,
                c.sources,
                c.note,
                [[d.about, d.values, d.followed, d.why] for d in c.disputes],
                c.seen_by,
                c.kind,
                c.groups,
                [c.last_seen.episode, c.last_seen.sources, c.last_seen.note]
                if c.last_seen
                else None,
            ]
            for c in r.characters
        ],
        "events": [
            [
                e.id,
                e.episode,
                e.seq,
                e.summary,
                e.place,
                e.flashback,
                e.characters,
                [
                    [
                        ch.who,
                        ch.status,
                        ch.episode,
                        ch.event_id,
                        ch.seq,
                        ch.cause,
                        ch.by,
                        ch.by_what,
                        ch.place,
                        ch.confirmed_episode,
                        ch.note,
                        ch.sources,
                        ch.earliest_episode,
                    ]
                    for ch in e.changes
                ],
                e.sources,
                e.note,
                e.key,
            ]
            for e in r.events
        ],
        "figures": [[f.id, f.label, f.value, f.episode, f.sources, f.note] for f in r.figures],
        "relationships": [
            [
                x.a,
                x.b,
                x.kind,
                x.episode,
                x.sources,
                x.note,
                [[d.about, d.values, d.followed, d.why] for d in x.disputes],
            ]
            for x in r.relationships
        ],
    }


def trusted_json(doc: dict[str, Any], origin: str) -> Roster:
    """The bundled snapshot, rebuilt without checks: it was made from data/ at build time and
    lies inside the installed package, beside the code that reads it (start-up matters here:
    every call of the installed aouad takes this path). tests/command/test_hardening.py checks that
    snapshot_check.from_json gives the same roster."""
    t = tuple
    return Roster(
        sources=t(Source(*s) for s in doc["sources"]),
        characters=t(
            Character(
                i,
                n,
                h,
                a,
                g,
                role,
                t(al),
                fe,
                t(src),
                note,
                t(
                    Dispute(ab, t((v, t(k)) for v, k in vals), fol, why)
                    for ab, vals, fol, why in disp
                ),
                seen,
                kind,
                t(groups),
                Sighting(last[0], t(last[1]), last[2]) if last else None,
            )
            for i, n, h, a, g, role, al, fe, src, note, disp, seen, kind, groups, last in doc[
                "characters"
            ]
        ),
        events=t(
            Event(
                i,
                ep,
                seq,
                summ,
                place,
                fb,
                t(chars),
                t(
                    Change(
                        w, st, cep, eid, cseq, cause, t(by), bw, cpl, conf, cnote, t(csrc), early
                    )
                    for (
                        w,
                        st,
                        cep,
                        eid,
                        cseq,
                        cause,
                        by,
                        bw,
                        cpl,
                        conf,
                        cnote,
                        csrc,
                        early,
                    ) in changes
                ),
                t(src),
                note,
                key,
            )
            for i, ep, seq, summ, place, fb, chars, changes, src, note, key in doc["events"]
        ),
        figures=t(
            Figure(i, label, v, ep, t(src), note) for i, label, v, ep, src, note in doc["figures"]
        ),
        places=t(
            Place(i, name, t(al), within, note) for i, name, al, within, note in doc["places"]
        ),
        relationships=t(
            Relationship(
                a,
                b,
                kind,
                ep,
                t(src),
                note,
                t(
                    Dispute(ab, t((v, t(k)) for v, k in vals), fol, why)
                    for ab, vals, fol, why in disp
                ),
            )
            for a, b, kind, ep, src, note, disp in doc["relationships"]
        ),
        origin=origin,
    )
