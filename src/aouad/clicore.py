"""The click classes behind aouad's Typer app: gh-like help pages, and usage errors in plain words.

Kept apart from cli.py so the commands stay thin; help and error wording load only when needed.
"""

from __future__ import annotations

import sys
from typing import Any

from typer.core import TyperCommand, TyperGroup


class AouadCommand(TyperCommand):
    def format_help(self, ctx: Any, formatter: Any) -> None:
        from .helptext import command_page

        formatter.write(command_page(ctx, self))


class AouadGroup(TyperGroup):
    def format_help(self, ctx: Any, formatter: Any) -> None:
        from .helptext import group_page

        formatter.write(group_page(ctx, self))

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run; a bad command line is said in plain words (a JSON object under machine formats)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        words = list(sys.argv[1:] if args is None else args)
        try:
            code = super().main(words, prog_name, complete_var, standalone_mode=False, **extra)
        except Exception as err:  # click's own exceptions, found by name: Typer vendors click
            from .usage import kinds

            kind = kinds(err)
            if "NoArgsIsHelpError" in kind:  # plain `aouad`: the help, as gh does
                sys.stdout.write(err.format_message() + "\n")  # type: ignore[attr-defined]
                sys.exit(0)
            if "Abort" in kind:
                sys.stderr.write("Aborted!\n")
                sys.exit(1)
            if "ClickException" not in kind:
                raise
            self._report_usage(err, words)
            sys.exit(getattr(err, "exit_code", 2))
        sys.exit(code if isinstance(code, int) else 0)

    def _report_usage(self, err: Exception, words: list[str]) -> None:
        from .cli import _report, wants_machine_output
        from .errors import AouadError, UsageError
        from .usage import explain

        message = explain(err, words, self)
        error = (
            UsageError(message)
            if getattr(err, "exit_code", 2) == UsageError.exit_code
            else AouadError(message)
        )
        _report(error, wants_machine_output(words))
