"""The options more than one command takes, declared once, and ``query_command``, which gives
every query command the same output options (--format, --json, --fields, --episode,
--spoilers) in the same order.
"""

# No `from __future__ import annotations`: see app.py.
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any

import typer

from ..errors import UsageError
from ..model import EPISODES
from .completion import complete_episode
from .group import AouadCommand
from .output import SHARED_FORMATS, Answer, Format
from .root import app

FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format", "-f", help="Output: table for people; json, jsonl, csv or yaml for programs."
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
FieldsOpt = Annotated[
    str | None,
    typer.Option("--fields", metavar="A,B,...", help="Keep only these keys (columns in a table)."),
]
EpisodeOpt = Annotated[
    int | None,
    typer.Option(
        "--episode",
        "-e",
        min=1,
        max=EPISODES,
        metavar="N",
        autocompletion=complete_episode,
        help="Answer as a viewer who has seen episodes 1..N: no later spoilers.",
    ),
]
SpoilersOpt = Annotated[
    bool, typer.Option("--spoilers", help="Ignore saved progress for this call: answer in full.")
]


# The output options every query command takes, as (parameter, annotation, default).
OUTPUT_OPTIONS = (
    ("fmt", FormatOpt, Format.table),
    ("as_json", JsonOpt, False),
    ("fields", FieldsOpt, None),
    ("episode", EpisodeOpt, None),
    ("spoilers", SpoilersOpt, False),
)


def command(**settings: Any) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a command that is not a query command (its options are all its own)."""
    return app.command(cls=AouadCommand, **settings)


def query_command(
    *, epilog: str, formats: type[Enum] = Format
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a query command written as ``body(out: Answer, **own options)``.

    The command Typer sees takes the body's own options followed by OUTPUT_OPTIONS; it turns
    those five into ``out`` and runs the body inside ``out.errors()``. One place declares
    them, so every query command offers the same options in the same order. ``formats``
    replaces the choices of --format for a command that writes more (graph: GraphFormat).
    """
    import inspect

    def register(body: Callable[..., None]) -> Callable[..., None]:
        own = [p for p in inspect.signature(body).parameters.values() if p.name != "out"]
        params = [
            inspect.Parameter(
                "ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context
            ),
            *own,
            *(
                inspect.Parameter(
                    name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
                )
                for name, annotation, default in _output_options(formats)
            ),
        ]

        def command(ctx: typer.Context, **options: Any) -> None:
            out = Answer.of(ctx, *(options.pop(name) for name, _, _ in OUTPUT_OPTIONS))
            with out.errors():
                body(out, **options)

        command.__name__ = body.__name__
        command.__doc__ = body.__doc__
        command.__signature__ = inspect.Signature(params, return_annotation=None)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in params}
        app.command(epilog=epilog, cls=AouadCommand)(command)
        return body

    return register


def _output_options(formats: type[Enum]) -> tuple[tuple[str, Any, Any], ...]:
    if formats is Format:
        return OUTPUT_OPTIONS
    more = " or ".join(f.value for f in formats if f.value not in SHARED_FORMATS)
    own = Annotated[
        formats,  # type: ignore[valid-type]
        typer.Option(
            "--format",
            "-f",
            help="Output: table for people; json, jsonl, csv or "
            f"yaml for programs; {more} for diagrams.",
        ),
    ]
    return (("fmt", own, formats("table")), *OUTPUT_OPTIONS[1:])


def choice(value: str | None, allowed: tuple[str, ...], option: str) -> str | None:
    """A value from a closed set, or a usage error that says which would be right.

    Under a gate ``allowed`` is what the viewer may see (roster.statuses, not every status)."""
    if value is None or value in allowed:
        return value
    import difflib

    close = difflib.get_close_matches(value.lower(), allowed, n=3, cutoff=0.5)
    guess = f"; did you mean {' or '.join(close)}?" if close else ""
    known = (
        f"one of: {', '.join(allowed)}"
        if len(allowed) <= 12
        else f"one of {len(allowed)} (Tab completes them)"
    )
    raise UsageError(f"{option} {value!r} is not known{guess} (expected {known})")


def past_gate(out: Answer, episode: int | None) -> None:
    """--in N beyond what the viewer may see is a usage error, said by the viewpoint."""
    if episode is not None and not out.view.allows(episode):
        raise UsageError(out.view.past(episode))
