"""The Typer app behind ``cli``: the options every command shares, what a command runs with,
and commands built only when invoked.

A command is a function that takes a ``Run`` (the data, the day) and its own options, and
returns the view to print. The shared options (``--data``, ``--as-of``, and for commands that
print records ``--format``, ``--json``, ``--fields``, ``--header``) are declared once here and
added to each command's signature by ``command``, so a command declares only its own. Typer
builds a command by inspecting its function, and building all ten on every run would cost
more than running one: the group builds only the one invoked.

No ``from __future__ import annotations`` here: Typer reads the annotations at run time.
"""

import functools
import gc
import inspect
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn, TextIO

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandInfo

from natopartners.dates import PartialDate
from natopartners.errors import ExitCode, NatoPartnersError, shown
from natopartners.render import Format

if TYPE_CHECKING:
    from natopartners.api import Views
    from natopartners.models import Dataset
    from natopartners.views import View


# --- Option parsers and completion ----------------------------------------------------------


def data_file(text: str) -> Path:
    if not text.strip():
        raise typer.BadParameter("give the path of a data file; this one is empty")
    return Path(text)


def parse_date(text: str) -> PartialDate:
    try:
        return PartialDate.parse(text.strip(), option=True)
    except ValueError as error:
        raise typer.BadParameter(f"{error} (try 2014, 2014-03 or 2014-03-31)") from None


def a_name(value: str | None) -> str | None:
    """Refuse a name that is empty once case, accents and punctuation are ignored."""
    from natopartners import queries

    if value is not None and not queries.normalise(value):
        raise typer.BadParameter("give a name, id or code; this one is empty")
    return value


def some_text(value: str) -> str:
    if not value.strip():
        raise typer.BadParameter("give some text to find; this is empty")
    return value


def completer(kind: "RecordKind") -> Callable[..., Iterator[Any]]:
    """Complete the ids of one kind of record, with names as help. Shells keep only candidates
    that start with what was typed, so ids are offered. The root's callback does not run while
    completing, so --data is read from the root's params."""

    def complete(ctx: typer.Context, incomplete: str) -> Iterator[tuple[str, str]]:
        path = ctx.find_root().params.get("data")
        try:
            data = load(path)
        except NatoPartnersError:
            return
        from natopartners.queries import programmes

        records = programmes(data) if kind == "programmes" else getattr(data, kind)
        for record in records:
            if record.id.startswith(incomplete.lower()):
                yield record.id, record.name

    return complete


RecordKind = Literal["partners", "operations", "terms", "programmes"]


def name_option(kind: RecordKind, help: str) -> Any:
    """An option naming a record: completed from the data's ids, an empty name refused."""
    return typer.Option(metavar="NAME", help=help, autocompletion=completer(kind), callback=a_name)


def name_argument(metavar: str, kind: RecordKind, help: str) -> Any:
    """An argument naming a record, as ``name_option``."""
    return typer.Argument(
        metavar=metavar, help=help, autocompletion=completer(kind), callback=a_name
    )


def date_option(help: str) -> Any:
    return typer.Option(metavar="DATE", help=help, parser=parse_date)


def one_of(choices: tuple[str, ...], convert: Callable[[str], Any] = str) -> dict[str, Any]:
    """The parser, metavar and completion of a parameter that takes one of ``choices``, in any
    case or by an unambiguous prefix."""

    def parse(text: str) -> Any:
        folded = text.strip().casefold()
        found = [folded] if folded in choices else [v for v in choices if v.startswith(folded)]
        if len(found) != 1 or not folded:
            raise typer.BadParameter(f"{shown(text)} is not one of: {', '.join(choices)}")
        return convert(found[0])

    def complete(incomplete: str) -> list[str]:
        return [value for value in choices if value.startswith(incomplete.casefold())]

    return {"parser": parse, "metavar": f"<{'|'.join(choices)}>", "autocompletion": complete}


# --- The options every command shares ---------------------------------------------------------


def _data_option(**environment: Any) -> Any:
    return typer.Option(
        "--data",
        metavar="FILE",
        parser=data_file,
        help="Use this data file (TOML, or JSON if named .json) instead of the bundled one.",
        **environment,
    )


DataOption = Annotated[Path | None, _data_option()]
# Before the command, --data may also come from the environment (after it, the option given
# there wins over both).
RootDataOption = Annotated[Path | None, _data_option(envvar="NATOPARTNERS_DATA", show_envvar=True)]
AsOfOption = Annotated[
    PartialDate | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        parser=parse_date,
        help="Answer as things stood on DATE: YYYY, YYYY-MM or YYYY-MM-DD.",
    ),
]
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="auto: a table on a terminal, tsv in a pipe.",
        **one_of(tuple(f.value for f in Format), Format),
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
HeaderOption = Annotated[bool, typer.Option("--header/--no-header", help="Header row in csv/tsv.")]


def _fields_option(valid: tuple[str, ...]) -> Any:
    def complete(incomplete: str) -> Iterator[str]:
        """Complete the last name of a comma-separated list, as gh completes --json fields."""
        done, _, last = incomplete.rpartition(",")
        chosen = set(done.split(","))
        prefix = f"{done}," if done else ""
        for name in valid:
            if name.startswith(last) and name not in chosen:
                yield prefix + name

    return Annotated[
        str | None,
        typer.Option(
            "--fields",
            metavar="A,B,...",
            help="Fields to show, in order; 'help' lists them.",
            autocompletion=complete,
        ),
    ]


def _shared_parameters(fields: tuple[str, ...] | None) -> list[inspect.Parameter]:
    """The shared options as parameters of a command's signature, for Typer to read."""

    def option(name: str, annotation: Any, default: Any) -> inspect.Parameter:
        return inspect.Parameter(
            name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
        )

    output = [
        option("fmt", FormatOption, Format.AUTO),
        option("as_json", JsonOption, False),
        option("fields", _fields_option(fields or ()), None),
        option("header", HeaderOption, True),
    ]
    return [
        *(output if fields is not None else []),
        option("data", DataOption, None),
        option("as_of", AsOfOption, None),
    ]


# --- What a command runs with ---------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    """What the output options asked for, resolved against the terminal."""

    fmt: Format
    fields: str | None
    header: bool

    @classmethod
    def of(cls, fmt: Format, as_json: bool, fields: str | None, header: bool) -> "Output":
        if as_json:
            if fmt not in (Format.AUTO, Format.JSON):
                raise typer.BadParameter(f"--json cannot be combined with --format {fmt.value}")
            fmt = Format.JSON
        if fields is not None and not fields.strip(", "):
            raise typer.BadParameter(
                "give one or more field names, or 'help'", param_hint="--fields"
            )
        return cls(fmt.resolve(sys.stdout.isatty()), fields, header)


@dataclass(frozen=True)
class Run:
    """What a command answers from: the data file (the bundled one by default), loaded on first
    use, and the day it answers about (``--as-of``, else the data's newest)."""

    data_file: Path | None
    as_of: PartialDate | None

    @cached_property
    def data(self) -> "Dataset":
        data = load(self.data_file)
        newest = data.dataset.as_of
        if self.as_of is not None and self.as_of.first > newest.last:
            note(f"the data goes up to {newest}; later developments are not covered")
        return data

    @cached_property
    def views(self) -> "Views":
        """The answers, as views to render (the Python API's, so both give the same)."""
        from natopartners.api import Reference

        return Reference(self.data, self.as_of).views


def load(path: Path | None) -> "Dataset":
    from natopartners import loading

    return loading.load_file(path) if path is not None else loading.bundled_dataset()


def note(message: str) -> None:
    sys.stderr.write(f"natopartners: {message}\n")


def fail(error: NatoPartnersError) -> NoReturn:
    lines = str(error).splitlines() or ["error"]
    for line in (*lines, *getattr(error, "hints", [])):
        note(line)
    raise typer.Exit(int(error.exit_code))


def _emit(view: "View", output: Output) -> None:
    """Write ``view`` as asked; an empty listing is a note on stderr (or ``[]``)."""
    from natopartners.render import render
    from natopartners.views import Listing

    if output.fields is not None:
        view = view.select(_fields(output.fields, view.fields))
    if (
        isinstance(view, Listing)
        and not view.rows
        and output.fmt not in (Format.JSON, Format.JSONL)
    ):
        note(f"no {view.kind} match")
        if output.fmt is Format.TABLE:
            return
    render(view, output.fmt, sys.stdout, header=output.header)


def _fields(text: str, valid: tuple[str, ...]) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    if names == ["help"]:
        sys.stdout.write("".join(f"{name}\n" for name in valid))
        raise typer.Exit()
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise typer.BadParameter(
            f"{', '.join(map(shown, twice))} given more than once", param_hint="--fields"
        )
    unknown = [name for name in names if name not in valid]
    if unknown:
        raise typer.BadParameter(
            f"unknown field {', '.join(map(shown, unknown))}; give one or more of: "
            + ", ".join(valid),
            param_hint="--fields",
        )
    return names


# --- The app: commands registered here, built by Typer only when invoked -----------------------


@dataclass(frozen=True)
class Registered:
    """A command as registered: its function, its one-line summary, and, for a command that
    prints records, the fields ``--fields`` accepts. Typer makes the command from it only when
    it is invoked (``_build``)."""

    function: Callable[..., Any]
    summary: str
    fields: tuple[str, ...] | None


COMMANDS: dict[str, Registered] = {}


def command(
    name: str, summary: str, *, fields: tuple[str, ...] | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``function`` as command ``name``, listed with ``summary``.

    The function takes a ``Run`` and its own options. With ``fields`` it prints records: it
    returns their view, and gets the output options, whose ``--fields`` accepts those names.
    Without, it writes its own output and returns None.
    """

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        COMMANDS[name] = Registered(function, summary, fields)
        return function

    return register


def _callback(registered: Registered) -> Callable[..., None]:
    """The function Typer calls for a registered command: its own options and the shared ones
    in its signature (for Typer to read), a ``Run`` built from the shared ones, the view it
    returns written as asked, and a user error ended as one message and its exit code."""
    function, fields = registered.function, registered.fields
    signature = inspect.signature(function)
    own = list(signature.parameters.values())[1:]  # after the Run

    def callback(ctx: typer.Context, **options: Any) -> None:
        # Given both before and after the command, --data and --as-of: the last one wins.
        data, as_of = options.pop("data"), options.pop("as_of")
        root = ctx.find_root().obj
        if isinstance(root, Run):
            data, as_of = data or root.data_file, as_of or root.as_of
        run = Run(data, as_of)
        output = None
        if fields is not None:
            shared = ("fmt", "as_json", "fields", "header")
            output = Output.of(*(options.pop(key) for key in shared))
        try:
            view = function(run, **options)
            if output is not None:
                _emit(view, output)
        except NatoPartnersError as error:
            if os.environ.get("NATOPARTNERS_DEBUG"):
                raise
            fail(error)

    context = inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context)
    callback.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*own, *_shared_parameters(fields), context], return_annotation=None
    )
    callback.__doc__ = function.__doc__
    return callback


class Command(TyperCommand):
    """A command whose usage line and arguments read as plain names: ``PARTNER``, not
    ``{PARTNER}`` or ``PARTNER <str>`` as Typer writes them. (These override methods of
    Typer's own Click; the pyproject pins the Typer versions they were written for.)"""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = _argument_name(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments = [
            (_argument_name(param), getattr(param, "help", None) or "")
            for param in self.get_params(ctx)
            if param.param_type_name == "argument"
        ]
        options = [
            record
            for param in self.get_params(ctx)
            if param.param_type_name == "option" and (record := param.get_help_record(ctx))
        ]
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


# Characters that move the cursor, recolour, reorder or hide text: C0 and C1 controls but tab
# and newline, bidi controls, zero-width characters, line and paragraph separators, the BOM.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"
)


class _Escaping:
    """A text stream that writes every unsafe character as its escape (``\\x1b``)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(_UNSAFE.sub(_escape, text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def _argument_name(param: Any) -> str:
    return str(param.metavar or param.name or "").upper()


class _Commands(Mapping[str, TyperCommand]):
    """The registered commands by name, each built by Typer the first time it is asked for."""

    def __getitem__(self, name: str) -> TyperCommand:
        if name not in COMMANDS:
            raise KeyError(name)
        return _build(name)

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


@functools.cache
def _build(name: str) -> TyperCommand:
    registered = COMMANDS[name]
    info = CommandInfo(
        name=name, callback=_callback(registered), short_help=registered.summary, cls=Command
    )
    built = typer.main.get_command_from_info(
        info, pretty_exceptions_short=True, rich_markup_mode=None
    )
    assert isinstance(built, TyperCommand)  # registered with cls=Command
    return built


class Root(TyperGroup):
    """The app's group: its commands come from ``COMMANDS``, built lazily. While it runs,
    stderr escapes what could drive a terminal: Click's own messages echo what the user typed
    ("Got unexpected extra argument(s) (...)"), and a typed escape sequence must not run."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        stderr = sys.stderr
        sys.stderr = _Escaping(stderr)
        try:
            return super().main(*args, **kwargs)
        finally:
            sys.stderr = stderr

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.commands = _Commands()  # type: ignore[assignment]

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)


app = typer.Typer(
    cls=Root,
    name="natopartners",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    invoke_without_command=True,
)


def main() -> None:
    """Console-script entry point: run the app; end quietly when stdout closes early, and with
    one line and exit 4 when output cannot be written (a full disk, a closed stdout)."""
    # natopartners uses no pydantic plugins; looking for them reads every installed
    # package's metadata at start-up. The documented switch turns the search off.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # One short run that frees everything at its end: the collector would only walk objects
    # that live to the end anyway (the loader pauses it too, for a library's callers).
    gc.disable()
    if sys.stdout is None:  # started with stdout closed (>&-)
        note("cannot write output: standard output is closed")
        sys.exit(int(ExitCode.OUTPUT))
    code: int | str | None = 0
    try:
        try:
            app(prog_name="natopartners")
        except SystemExit as done:
            code = done.code
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        code = 1
    except UnicodeEncodeError as error:  # stdout's encoding (PYTHONIOENCODING=ascii) lacks one
        _silence_stdout()
        char = error.object[error.start]
        note(f"cannot write {char!r} in {error.encoding}: set PYTHONIOENCODING=utf-8")
        code = int(ExitCode.OUTPUT)
    except OSError as error:
        _silence_stdout()
        note(f"cannot write output: {error.strerror or error}")
        code = int(ExitCode.OUTPUT)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        code = int(ExitCode.INTERRUPTED)
    # What was made is freed by the process's end: the collector need not walk it first.
    gc.freeze()
    sys.exit(code)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
