"""A bad command line, said in plain words: what was wrong, what would be right, where it goes.

Click and Typer word their errors for programmers ("Input should be less than or equal to
12", "Value error, 'xml' is not one of ..."); here the same errors are read from the
exception's parameter and the command line, and said as a person would. A global option
given after the command, or a command's option given before it, gets a hint saying where
it goes.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

GLOBAL_OPTIONS = {"--data": "DIR", "--no-color": "", "--version": ""}


def kinds(err: BaseException) -> set[str]:
    return {k.__name__ for k in type(err).__mro__}


def _value_of(param: Any, args: list[str]) -> str | None:
    """What the command line gave ``param``, when it can be told."""
    opts = tuple(getattr(param, "opts", ()))
    if param.param_type_name == "argument":  # the first word after the command that is no option
        words = [w for w in args if not w.startswith("-")]
        return words[1] if len(words) > 1 else None
    for i, word in enumerate(args):
        if word in opts and param.param_type_name == "option":
            return args[i + 1] if i + 1 < len(args) else None
        for opt in opts:
            if opt.startswith("--") and word.startswith(opt + "="):
                return word.partition("=")[2]
            if not opt.startswith("--") and word.startswith(opt) and len(word) > len(opt):
                return word[len(opt) :]
    return None


def _name(param: Any) -> str:
    opts = [o for o in getattr(param, "opts", ()) if o.startswith("--")]
    if param.param_type_name == "option" and opts:
        return opts[0]
    from .helptext import metavar

    return metavar(param) or (param.name or "the value").upper()


def bad_value(param: Any, args: list[str]) -> str:
    """--episode 13, --format xml, progress x: what the value must be."""
    name = _name(param)
    given = _value_of(param, args)
    got = f" (got {given!r})" if given is not None else ""
    desc = getattr(param, "type_descriptor", None)
    annotation = getattr(desc, "annotation", None)
    if desc is not None and getattr(desc, "is_choice", False) and desc.choices:
        values = [c.value if isinstance(c, Enum) else str(c) for c in desc.choices]
        return f"{name} must be one of {', '.join(values)}{got}"
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        what = "an episode" if name in ("--episode", "--in", "--from", "N") else "a whole number"
        return f"{name} must be {what} from {low} to {high}{got}"
    if annotation is int:
        return f"{name} must be a whole number{got}"
    return f"{name} has a value it cannot use{got}"


def command_of(args: list[str], commands: dict[str, Any]) -> str | None:
    return next((w for w in args if w in commands), None)


def placement(option: str, args: list[str], group: Any, ctx_command: Any) -> str | None:
    """A hint when ``option`` exists, only not where it was put."""
    commands = getattr(group, "commands", {})
    name = command_of(args, commands)
    bare = option.partition("=")[0]
    if bare in GLOBAL_OPTIONS and ctx_command is not group and name:
        value = GLOBAL_OPTIONS[bare]
        example = f"aouad {bare}{' ' + value if value else ''} {name}"
        return f"{bare} is a global option: it goes before the command ({example})"
    if ctx_command is group and name:
        command = commands[name]
        if any(bare in getattr(p, "opts", ()) for p in command.params):
            return (
                f"{bare} is an option of {name}: it goes after the command "
                f"(aouad {name} {bare} ...)"
            )
    return None


def explain(err: BaseException, args: list[str], group: Any) -> str:
    """The message for a click usage error, in plain words."""
    kind = kinds(err)
    ctx = getattr(err, "ctx", None)
    where = ctx.command if ctx is not None else group
    command = ctx.command_path if ctx is not None else "aouad"
    named = command_of(args, getattr(group, "commands", {}))
    if where is group and named:
        command = f"aouad {named}"  # an error found while reading the command's own options
    short = command.removeprefix("aouad ").strip() or "aouad"
    param = getattr(err, "param", None)
    if "NoSuchOption" in kind:
        option = getattr(err, "option_name", "") or ""
        hint = placement(option, args, group, where)
        if hint:
            return hint
        close = [
            p
            for p in (getattr(err, "possibilities", None) or [])
            if p not in ("--version",) or where is group
        ]
        guess = f"; did you mean {' or '.join(close[:3])}?" if close else ""
        return f"{short} has no option {option}{guess} ({command} --help lists them)"
    if "BadOptionUsage" in kind:
        option = getattr(err, "option_name", "") or ""
        return f"{option} needs a value (see {command} --help)"
    if "MissingParameter" in kind and param is not None:
        return f"{short} needs {_name(param)} (see {command} --help)"
    if "BadParameter" in kind and param is not None:
        return bad_value(param, args)
    message = err.format_message() if hasattr(err, "format_message") else str(err)
    if message.startswith("No such command"):
        wrong = message.split("'")[1] if "'" in message else ""
        guess = message.partition("Did you mean")[2].strip(" ?")
        hint = f"; did you mean {guess.replace(chr(39), '')}?" if guess else ""
        return f"unknown command {wrong!r}{hint} (aouad help lists the commands)"
    if message.startswith("Got unexpected extra argument"):
        extra = message.rpartition("(")[2].rstrip(")")
        return f"{short} takes no argument {extra!r} here (see {command} --help)"
    return message[:1].lower() + message[1:]
