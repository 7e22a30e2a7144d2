"""The click classes behind aouad's Typer app: gh-like help pages (helptext.py), and usage
errors in plain words (failure.usage_failed, worded by usage.py). Both load only when needed.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
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
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run; a bad command line is said in plain words (a JSON object under machine formats)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        words = list(sys.argv[1:] if args is None else args)
        try:
            code = super().main(words, prog_name, complete_var, False, windows_expand_args, **extra)
        except Exception as err:
            from .failure import usage_failed

            usage_failed(err, words, self)
        sys.exit(code if isinstance(code, int) else 0)
