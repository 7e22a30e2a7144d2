"""CSV shapes: one record a row, one plain value a cell, never JSON inside a cell.

JSON, JSONL and YAML carry the rows as records.py builds them. A spreadsheet cannot, so for
CSV each command's rows are reshaped here (README "CSV", and each schema's description):

* lists of plain values are joined with "; " (render/machine.py does that for every command);
* `where`: one row per (place, character): place, place_id, within, count, id, name, status, kind;
* `stats`: one row per group and a last row "all": episode, group, a column per status, total
  of the individuals (the city's figures and the individuals/groups totals are left out of CSV:
  `stats --json` has them; someone in two groups counts in each group's row, once in "all");
* `fate`: history as "episode status" steps joined with "; " (e.g. "5 infected; 6 hambie;
  11 dead"), disputes as "about: followed" joined with "; ", cited as source keys, caused as
  "id status episode" joined with "; " (e.g. "nam-ra infected 6");
* `events`: changes as "id: status" joined with "; ";
* `fate`: relationships as "from kind to episode" joined with "; " (e.g. "so-ju parent on-jo 1");
* `graph`: one row per edge: from, to, kind, episode, sources (the nodes are in `graph --json`);
* `recap`: one row per event told: episode, id, summary, place, flashback, characters, sources
  (where things stand at the end is in `recap --json`).

Stdlib only: the machine formats never import Rich.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Rows = list[dict[str, Any]]


def _joined(items: list[str]) -> str:
    return "; ".join(items)


def where(rows: Rows) -> Rows:
    out: Rows = []
    for row in rows:
        people = row.get("characters")
        rest = {k: v for k, v in row.items() if k != "characters"}
        if people is None:  # --fields left the characters out: one row a place
            out.append(rest)
            continue
        for who in people or [{"id": None, "name": None, "status": None}]:
            out.append({**rest, **who})
    return out


WHERE_KEYS = ("place", "count", "id", "name", "status")


def stats(row: dict[str, Any]) -> Rows:
    """One row per group, then "all"; without by_group (--fields), the one row, flattened."""
    groups = row.get("by_group")
    base = {k: v for k, v in row.items() if k in ("episode",)}
    if groups is None:
        flat = {k: v for k, v in row.items() if k not in ("by_status", "figures")}
        flat.update(row.get("by_status") or {})
        return [flat]
    out: Rows = [
        {**base, "group": g, **counts, "total": sum(counts.values())}
        for g, counts in groups.items()
    ]
    totals = row.get("by_status")
    if totals is not None:
        # by_status counts individuals (group records apart), each once even when in two groups
        out.append(
            {
                **base,
                "group": "all",
                **totals,
                "total": row.get("individuals", sum(totals.values())),
            }
        )
    return out


def fate(rows: Rows) -> Rows:
    out: Rows = []
    for row in rows:
        flat = dict(row)
        if "history" in flat:
            flat["history"] = _joined([f"{h['episode']} {h['status']}" for h in flat["history"]])
        if "disputes" in flat:
            flat["disputes"] = _joined([f"{d['about']}: {d['followed']}" for d in flat["disputes"]])
        if "cited" in flat:
            flat["cited"] = _joined([c["key"] for c in flat["cited"]])
        if "caused" in flat:
            flat["caused"] = _joined(
                [f"{c['id']} {c['status']} {c['episode']}" for c in flat["caused"]]
            )
        if "relationships" in flat:
            flat["relationships"] = _joined(
                [f"{t['from']} {t['kind']} {t['to']} {t['episode']}" for t in flat["relationships"]]
            )
        out.append(flat)
    return out


def events(rows: Rows) -> Rows:
    return [
        {**row, "changes": _joined([f"{c['id']}: {c['status']}" for c in row["changes"]])}
        if "changes" in row
        else row
        for row in rows
    ]


def graph(row: dict[str, Any]) -> Rows:
    """One row per edge; with --fields nodes (no edges), one row per node."""
    if "edges" in row:
        return [dict(e) for e in row["edges"]]
    return [dict(n) for n in row.get("nodes") or []]


EDGE_KEYS = ("from", "to", "kind", "episode", "sources")


def recap(row: dict[str, Any]) -> Rows:
    """One row per event told, its episode first; with --fields that drop the episodes, the
    row as it is (one plain value a cell)."""
    if "episodes" not in row:
        return [row]
    return [
        {"episode": told["episode"], **event}
        for told in row["episodes"]
        for event in told.get("events", [])
    ]


RECAP_KEYS = (
    "episode", "id", "summary", "place", "flashback", "characters", "sources"
)  # fmt: skip


SHAPES: dict[str, Callable[[Any], Rows]] = {
    "where": where,
    "stats": stats,
    "fate": fate,
    "events": events,
    "graph": graph,
    "recap": recap,
}
# The header of an empty CSV whose rows are reshaped (without --fields).
HEADERS = {"where": WHERE_KEYS, "graph": EDGE_KEYS, "recap": RECAP_KEYS}
