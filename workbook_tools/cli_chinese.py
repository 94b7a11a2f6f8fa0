"""The command line in Chinese: click's and typer's own texts (section titles, usage errors, suggestions for a
misspelled command or option) from messages/cli.py, help columns aligned by display width.  Kept apart from
cli.py, which holds the commands."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Optional

import typer
from typer._click import core as _core, exceptions as _exc, formatting as _formatting
from typer.core import TyperCommand, TyperGroup

EN = os.environ.get("XXGK_LANG", "").lower().startswith("en")
# The language of help and of click's own texts; a command's output follows its --lang, whose
# default is this one, so the language is chosen once.
UI = "en" if EN else "zh"


def _texts_module():
    """messages/cli.py, loaded without the messages package, whose import builds the declarations (a
    third of the start-up time) that `xxgk --help` never needs; `messages.text` then finds it loaded."""
    name = f"{__package__}.messages.cli"
    if name not in sys.modules:
        from importlib.util import module_from_spec, spec_from_file_location

        spec = spec_from_file_location(name, Path(__file__).with_name("messages") / "cli.py")
        sys.modules[name] = module = module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules[name]


def text(key: str, lang: str = "zh", **params) -> str:
    """A text of messages/cli.py, as `messages.text` gives it."""
    t = _texts_module().TEXTS[key][1 if lang == "en" else 0]
    return t.format(**params) if params else t


def _h(key: str, **params) -> str:  # help and click's texts
    return text(key, UI, **params)


# -- click speaks Chinese --------------------------------------------------------------------------
# typer prints its section titles and option extras through gettext's `_` (no catalogue installed:
# English); their English texts are keys of messages/cli.py.  Its vendored click prints usage errors in
# plain English: `_Group.main` says them itself, in the interface language.
_CONVERSION = r"\{(\w+)![rs]\}"  # patterns are compiled when first used: start-up time
def _local(s: str) -> str:
    metavars = _texts_module().METAVARS
    return re.sub("|".join(map(re.escape, metavars)), lambda m: metavars[m.group(0)], s)


class _Formatter(_formatting.HelpFormatter):
    """The usage line and the type names of the option list in the interface language."""

    def write_usage(self, prog: str, args: str = "", prefix: Optional[str] = None) -> None:
        if EN:
            return super().write_usage(prog, args, prefix)
        super().write_usage(prog, _local(args), prefix if prefix is not None else _h("cli.click.usage"))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(a if EN else _local(a), b) for a, b in rows], col_max, col_spacing)


class _Context(_core.Context):  # every command's help goes through `_Formatter`
    formatter_class = _Formatter


def _display_width(t: str) -> int:
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in t)


def _help_option(cmd, ctx):
    opt = super(type(cmd), cmd).get_help_option(ctx)
    if opt is not None:
        opt.help = _h("cli.click.help")  # click words it in English
    return opt


def _said(message: str) -> str:
    found = next(((m, key) for pattern, key in _texts_module().CLICK_ERRORS for m in [re.match(pattern, message, re.S)] if m), None)
    return _h(found[1], **found[0].groupdict()) if found else message


def _usage_message(e) -> str:
    """What went wrong, in the interface language."""
    if isinstance(e, _exc.NoSuchOption):
        near = list(e.possibilities or ())
        return _h("cli.click.no-option", name=e.option_name) + (_h("cli.did-you-mean", name=near[0]) if near else "")
    hint = ""
    if isinstance(e, _exc.BadParameter):
        hint = e.param_hint if e.param_hint is not None else e.param.get_error_hint(e.ctx) if e.param else ""
        hint = " / ".join(hint) if isinstance(hint, (list, tuple)) else str(hint or "")
    if isinstance(e, _exc.MissingParameter):
        kind = getattr(e.param, "param_type_name", "parameter") if e.param else "parameter"
        return _h("cli.click.missing-" + ("argument" if kind == "argument" else "option"), name=hint)
    if isinstance(e, _exc.BadParameter) and hint:
        return _h("cli.click.invalid-for", param_hint=hint, message=_said(e.message))
    return _said(e.format_message())


class _Command(TyperCommand):
    context_class = _Context
    get_help_option = _help_option


class _Group(TyperGroup):
    context_class = _Context
    get_help_option = _help_option

    def resolve_command(self, ctx, args):
        """A misspelled command is answered with the nearest one, in the interface language."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None and not ctx.resilient_parsing:
            import difflib

            near = difflib.get_close_matches(name, list(self.commands), n=1)
            ctx.fail(_h("cli.no-command", name=name) + (_h("cli.did-you-mean", name=near[0]) if near else ""))
        return super().resolve_command(ctx, args)

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        if EN or not standalone_mode:
            return super().main(*args, standalone_mode=standalone_mode, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except _exc.NoArgsIsHelpError as e:  # `xxgk` alone: the help, as click prints it
            e.show()
            sys.exit(e.exit_code)
        except _exc.ClickException as e:
            ctx = getattr(e, "ctx", None)
            if isinstance(e, _exc.UsageError) and ctx is not None:
                hint = _h("cli.click.try", command=ctx.command_path, option=ctx.help_option_names[0])
                typer.echo(f"{ctx.get_usage()}\n{hint}\n", err=True)
            typer.echo(_h("cli.click.error", message=_usage_message(e)), err=True)
            sys.exit(e.exit_code)
        except _exc.Abort:
            typer.echo(_h("cli.click.aborted"), err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


if not EN:
    import typer.core

    _CATALOGUE = {en: zh for key, (zh, en) in _texts_module().TEXTS.items() if key.startswith("cli.click.")}
    typer.core._ = lambda msgid: _CATALOGUE.get(re.sub(_CONVERSION, r"{\1}", msgid), msgid)
    # columns of the option list line up by display width: a Chinese character takes two cells
    _formatting.term_len = _display_width
