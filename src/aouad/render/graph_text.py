"""The graph as Mermaid and Graphviz DOT text: stdlib only, from the rows in records.graph_row.

Both quote every label, so a name holding quotes, brackets, pipes or backslashes cannot end a
label early or be read as syntax. Node ids in the output are generated (n0, n1...), never names.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import DIRECTED_KINDS, TIE_KINDS

# How a person reads an edge, from each end: (from the source, from the target).
PHRASES = {
    "parent": ("parent of", "child of"),
    "crush": ("has a crush on", "liked by"),
    "bully": ("bullies", "bullied by"),
    "rescued": ("rescued", "rescued by"),
    "protected": ("protected", "protected by"),
    "infected": ("infected", "infected by"),
    "killed": ("killed", "killed by"),
    "sibling": ("sibling of",) * 2,
    "spouse": ("spouse of",) * 2,
    "couple": ("together with",) * 2,
    "friend": ("friend of",) * 2,
    "classmate": ("classmate of",) * 2,
    "colleague": ("colleague of",) * 2,
    "rival": ("rival of",) * 2,
    "enemy": ("enemy of",) * 2,
}
# Colours by what a tie is about: family, feelings, school and work, conflict, rescue, the virus.
COLOURS = {
    "parent": "#1f6feb",
    "sibling": "#1f6feb",
    "spouse": "#1f6feb",
    "couple": "#d63384",
    "crush": "#d63384",
    "friend": "#2da44e",
    "classmate": "#8c959f",
    "colleague": "#8c959f",
    "rival": "#d4a72c",
    "enemy": "#cf222e",
    "bully": "#bc4c00",
    "rescued": "#1a7f37",
    "protected": "#1a7f37",
    "infected": "#8250df",
    "killed": "#000000",
}
DERIVED = ("infected", "killed")
_SPACE = re.compile(r"\s+")


def directed(kind: str) -> bool:
    return kind in DIRECTED_KINDS or kind in DERIVED


def phrase(kind: str, forward: bool) -> str:
    pair = PHRASES.get(kind, (kind, kind))
    return pair[0] if forward else pair[1]


def _ids(row: dict[str, Any]) -> dict[str, str]:
    return {node["id"]: f"n{i}" for i, node in enumerate(row["nodes"])}


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def mermaid_label(text: str) -> str:
    """A Mermaid label, double-quoted. Inside quotes only a double quote would end it, a # start
    an entity, a leading backtick a Markdown string and <, > or & read as HTML: those become
    numeric entities (#34; for a double quote); brackets, pipes and parentheses stay as written."""
    return '"' + "".join(f"#{ord(ch)};" if ch in '"#<>&`' else ch for ch in _flat(text)) + '"'


def mermaid(row: dict[str, Any], caption: str | None = None) -> str:
    ids = _ids(row)
    lines = ["flowchart LR"]
    if caption:
        lines.append(f"  %% {_flat(caption)}")
    for node in row["nodes"]:
        lines.append(f"  {ids[node['id']]}[{mermaid_label(node['name'])}]")
    for edge in row["edges"]:
        arrow = "-->" if directed(edge["kind"]) else "---"
        lines.append(
            f"  {ids[edge['from']]} {arrow}|{mermaid_label(edge['kind'])}| {ids[edge['to']]}"
        )
    styles: dict[str, list[str]] = {}
    for i, edge in enumerate(row["edges"]):
        styles.setdefault(edge["kind"], []).append(str(i))
    for kind in TIE_KINDS:
        if kind in styles:
            dash = ",stroke-dasharray:4 3" if kind in DERIVED else ""
            lines.append(
                f"  linkStyle {','.join(styles[kind])} stroke:{COLOURS.get(kind, '#57606a')}{dash}"
            )
    return "\n".join(lines) + "\n"


def dot_string(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, line breaks flattened."""
    return '"' + _flat(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def dot(row: dict[str, Any], caption: str | None = None) -> str:
    ids = _ids(row)
    lines = ["digraph aouad {"]
    if caption:
        lines.append(f"  // {_flat(caption)}")
        lines.append(f"  label={dot_string(caption)}; labelloc=b; fontsize=10;")
    lines.append('  graph [rankdir=LR, fontname="Helvetica"];')
    lines.append(
        '  node [shape=box, style="rounded,filled", fillcolor="#f6f8fa", fontname="Helvetica"];'
    )
    lines.append('  edge [fontname="Helvetica", fontsize=10];')
    for node in row["nodes"]:
        lines.append(
            f"  {ids[node['id']]} [label={dot_string(node['name'])}, "
            f"tooltip={dot_string(node['id'])}];"
        )
    for edge in row["edges"]:
        kind = edge["kind"]
        attrs = [
            f"label={dot_string(kind)}",
            f'color="{COLOURS.get(kind, "#57606a")}"',
            f'fontcolor="{COLOURS.get(kind, "#57606a")}"',
        ]
        if not directed(kind):
            attrs.append("dir=none")
        if kind in DERIVED:
            attrs.append("style=dashed")
        lines.append(f"  {ids[edge['from']]} -> {ids[edge['to']]} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
