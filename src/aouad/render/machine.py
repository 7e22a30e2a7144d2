"""json, jsonl, csv and yaml output: stdlib and PyYAML only, so programs never pay for Rich.

Output is data for other programs, and some of them act on it. JSON escapes the characters
that end a line for JavaScript or act on a terminal (U+2028, U+2029, C1 controls, bidi
overrides: see textsafety.json_safe). CSV neutralises cells a spreadsheet would run as a
formula (see ``neutral``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..textsafety import json_safe


def write(
    rows: list[dict[str, Any]] | dict[str, Any], fmt: str, out: TextIO, keys: Iterable[str] = ()
) -> None:
    """``keys``: the columns of an empty csv, so a script still gets its header line."""
    if fmt == "csv":
        _csv(rows, out, tuple(keys))
    else:
        RENDERERS[fmt](rows, out)


def _json(rows: Any, out: TextIO) -> None:
    out.write(json_safe(json.dumps(rows, ensure_ascii=False, indent=2)) + "\n")


def _jsonl(rows: Any, out: TextIO) -> None:
    out.writelines(
        json_safe(json.dumps(row, ensure_ascii=False, separators=(",", ":"))) + "\n"
        for row in (rows if isinstance(rows, list) else [rows])
    )


def flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested mappings become dotted keys; lists are joined with '; ' (a mapping in a list as
    'key=value, ...'; commands whose rows nest further are reshaped first, in aouad/flat.py).
    The same input always gives the same columns, so a spreadsheet import is repeatable."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        elif isinstance(value, list):
            # never JSON in a cell: a mapping in a list reads as "key=value, key=value"
            flat[name] = "; ".join(
                ", ".join(f"{k}={'' if x is None else x}" for k, x in v.items())
                if isinstance(v, dict)
                else ""
                if v is None
                else str(v)
                for v in value
            )
        elif value is None:
            flat[name] = ""
        elif isinstance(value, bool):
            flat[name] = "true" if value else "false"
        else:
            flat[name] = value
    return flat


# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection"):
# =cmd|'/c calc'!A1, +HYPERLINK(...), -2+3, @SUM(...), and a tab or carriage return before one.
# The full-width forms too: some spreadsheets fold them to ASCII.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutral(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs: text starting as a formula gets a leading '.

    Only text: numbers (an episode, a count) stay numbers, negative or not, so a column of
    them still sums. The ' is what spreadsheets themselves show for "this is text"; a
    program reading the CSV sees it, and can strip one leading ' from such cells.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv(rows: Any, out: TextIO, keys: tuple[str, ...] = ()) -> None:
    flat = [
        {k: neutral(v) for k, v in flatten(r).items()}
        for r in (rows if isinstance(rows, list) else [rows])
    ]
    header: list[str] = [] if flat else list(keys)
    for r in flat:
        header.extend(k for k in r if k not in header)
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat)


def _yaml(rows: Any, out: TextIO) -> None:
    import yaml  # type: ignore[import-untyped]  # PyYAML ships no stubs

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    yaml.dump(
        rows, out, Dumper=dumper, allow_unicode=True, sort_keys=False, default_flow_style=False
    )


RENDERERS = {"json": _json, "jsonl": _jsonl, "csv": _csv, "yaml": _yaml}


def select(rows: Any, fields: Iterable[str]) -> Any:
    """Keep only the named top-level keys, in the order asked."""
    keep = list(fields)
    if isinstance(rows, list):
        return [{k: r[k] for k in keep if k in r} for r in rows]
    return {k: rows[k] for k in keep if k in rows}
