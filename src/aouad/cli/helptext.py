"""Help pages, written like gh's: what a command does, how to call it, its flags (a flag that
takes no value shows none), the global flags and where they go, the environment, and one
example a line.

Typer's own help shows every flag's type (`--json <bool>`, `NAME... <list[str]>`), which
reads as if `--no-color true` were valid. This module draws the page from the same click
parameters instead, in plain text (bold headings at a terminal), wrapped between words.

An epilog lists examples one a line; the older form "Examples:  a  |  b" (two spaces either
side of the bar, which an example's own pipe never has) is split the same way.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from enum import Enum
from typing import Any

ENVIRONMENT = (
    ("AOUAD_DATA", "a roster directory to read instead of the bundled one (as --data)"),
    (
        "AOUAD_CONFIG_DIR",
        "where saved progress lives (default: the platform's config directory, "
        "e.g. ~/.config/aouad)",
    ),
    ("AOUAD_CACHE_DIR", "where validate --snapshot keeps snapshots (default e.g. ~/.cache/aouad)"),
    ("NO_COLOR", "any value: no colour or styles (as --no-color)"),
)


def width() -> int:
    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))


def heading(text: str) -> str:
    if sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        return f"\x1b[1m{text}\x1b[0m"
    return text


def wrap(text: str, indent: int = 0, hang: int | None = None) -> list[str]:
    """Lines of ``text`` at the page width, never breaking a word or a hyphenated name."""
    hang = indent if hang is None else hang
    return textwrap.wrap(
        text,
        width(),
        initial_indent=" " * indent,
        subsequent_indent=" " * hang,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [""]


def examples(epilog: str | None) -> list[str]:
    if not epilog:
        return []
    text = epilog.strip()
    if text.lower().startswith("examples:"):
        text = text[len("examples:") :]
    parts = text.split("\n") if "\n" in text else text.split("  |  ")
    return [p.strip() for p in parts if p.strip()]


def metavar(param: Any) -> str:
    """What a value looks like; '' for a flag."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if annotation is bool:
        return ""
    if param.metavar:
        shown = param.metavar.strip("[]")
        return shown.removesuffix("...") if param.param_type_name == "argument" else shown
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation.__name__.upper()
    if annotation is int:
        return "N"
    return (param.name or "value").upper()


def choices(param: Any) -> list[str]:
    desc = getattr(param, "type_descriptor", None)
    if desc is not None and getattr(desc, "is_choice", False) and desc.choices:
        return [c.value if isinstance(c, Enum) else str(c) for c in desc.choices]
    return []


def describe(param: Any) -> str:
    """A parameter's help, with its range, choices and default in words."""
    text = (getattr(param, "help", None) or "").strip()
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None and "1-12" not in text and "1..N" not in text:
        text += f" ({low}-{high})"
    values = choices(param)
    if values:
        default = param.default.value if isinstance(param.default, Enum) else param.default
        shown = ", ".join(f"{v} (default)" if v == default else v for v in values)
        text = text.rstrip(".") + f": {shown}."
    return text


def flag_rows(params: list[Any]) -> list[tuple[str, str]]:
    rows = []
    for p in params:
        if getattr(p, "hidden", False) or p.param_type_name != "option":
            continue
        short = [o for o in p.opts if not o.startswith("--")]
        long = [o for o in p.opts if o.startswith("--")]
        left = (f"{short[0]}, " if short else "    ") + ", ".join(long)
        value = metavar(p)
        rows.append((left + (f" {value}" if value else ""), describe(p)))
    return rows


def table(rows: list[tuple[str, str]], indent: int = 2) -> list[str]:
    if not rows:
        return []
    left = min(max(len(a) for a, _ in rows), 28)
    lines = []
    for a, b in rows:
        if len(a) > left:
            lines.append(" " * indent + a)
            lines += wrap(b, indent + left + 2)
        else:
            lines += wrap(f"{a.ljust(left)}  {b}", indent, indent + left + 2)
    return lines


def section(title: str, lines: list[str]) -> list[str]:
    return ["", heading(title), *lines] if lines else []


def command_page(ctx: Any, command: Any) -> str:
    """The help page of one command."""
    prog = ctx.command_path
    help_text = (command.help or "").strip()
    paragraphs = [
        p.replace("\n", " ") for p in textwrap.dedent(help_text).split("\n\n") if p.strip()
    ]
    out: list[str] = []
    for i, p in enumerate(paragraphs):
        out += ([""] if i else []) + wrap(" ".join(p.split()))
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    usage = prog
    for a in arguments:
        name = metavar(a)
        many = a.nargs != 1
        shown = f"{name}..." if many and not name.endswith("...") else name
        usage += f" {shown}" if a.required else f" [{shown}]"
    usage += " [flags]"
    out += section("Usage:", [f"  {usage}"])
    out += section(
        "Arguments:",
        table([(metavar(a) + ("..." if a.nargs != 1 else ""), describe(a)) for a in arguments]),
    )
    rows = flag_rows(command.params)
    rows.append(("-h, --help", "Show this help."))
    out += section("Flags:", table(rows))
    root = ctx.find_root().command
    globals_ = [
        r for r in flag_rows(root.params) if "completion" not in r[0] and "--help" not in r[0]
    ]
    out += section("Global flags (before the command):", table(globals_))
    listed = examples(command.epilog)
    out += section("Examples:", [f"  $ {e}" for e in listed])
    out += section(
        "Learn more:",
        wrap(
            "aouad help lists every command; the README says more about "
            "formats, spoilers and exit codes.",
            2,
        ),
    )
    return "\n".join(out) + "\n"


def group_page(ctx: Any, group: Any) -> str:
    """The top-level page: commands, global flags, environment, examples."""
    out = wrap((group.help or "").strip())
    out += section(
        "Usage:", ["  aouad [global flags] COMMAND [arguments] [flags]", "  aouad help [COMMAND]"]
    )
    commands = [(name, group.get_command(ctx, name)) for name in group.list_commands(ctx)]
    rows = [
        (name, (cmd.help or "").strip().split("\n\n")[0].replace("\n", " ").rstrip("."))
        for name, cmd in commands
        if cmd is not None and not cmd.hidden
    ]
    out += section("Commands:", table(rows))
    flags = flag_rows(group.params)
    flags.append(("-h, --help", "Show this help."))
    out += section("Global flags (before the command):", table(flags))
    out += section("Environment:", table(list(ENVIRONMENT)))
    out += section("Examples:", [f"  $ {e}" for e in examples(group.epilog)])
    out += section(
        "Learn more:",
        wrap(
            "aouad help COMMAND (or aouad COMMAND --help) shows a command's flags and examples.", 2
        ),
    )
    return "\n".join(out) + "\n"
