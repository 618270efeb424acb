"""The command line: plain Typer commands, each wiring its options to the ``Reference`` that
answers and one ``emit`` of the view it makes. No logic lives here, only what the command
line adds: its hints ("natopartners operations isaf"), its notes, and its exit codes.

The options several commands share are declared once below as ``Annotated`` aliases (as
sqlite-utils shares its output options). ``--data`` and ``--as-of`` may come before the command
or after it (the later wins). Every check of a value is the one the Python API makes
(``natopartners.arguments``), so both refuse the same things in the same words.

No ``from __future__ import annotations``: Typer reads the annotations at run time.
"""

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn, TypeVar

import typer
from typer.core import TyperGroup

from natopartners import __version__, arguments, render
from natopartners.dates import PartialDate
from natopartners.errors import (
    ExitCode,
    NatoPartnersError,
    NotFoundError,
    UsageError,
    echoed,
    escaped,
    shown,
)
from natopartners.render import Format
from natopartners.vocabulary import KIND_ORDER, RELATIONSHIPS

if TYPE_CHECKING:
    from natopartners.models import Dataset
    from natopartners.reference import Reference
    from natopartners.views import View

__all__ = ["app", "main"]

T = TypeVar("T")

HELP = f"""\
Offline reference to NATO's partners across the globe: the countries NATO works with one by
one outside its regional partnership frameworks, the other countries it consults or operates
beside, the operations they joined, and the summits and policies that shaped the relationship.
Any other country is answered too: an Ally, a regional partner, or none of these.

Every fact comes from a listed source (natopartners show COUNTRY cites them), and every
answer says how current it is: the date of the newest source behind it.

\b
Examples:
  natopartners list
  natopartners show japan
  natopartners show ukraine
  natopartners timeline --since 2006
  natopartners search piracy
  natopartners list --json | jq '.[].name'

Output: a table on a terminal, tab-separated values in a pipe (a single record as plain
text); choose with --format or --json. Messages go to stderr. --data and --as-of may come
before or after the command.

Exit codes: {ExitCode.OK} success; {ExitCode.NOT_FOUND} unknown or ambiguous name;
{ExitCode.USAGE} usage error; {ExitCode.INVALID_DATA} invalid data file;
{ExitCode.OUTPUT} output could not be written; {ExitCode.INTERRUPTED} interrupted (Ctrl-C).
"""


class Group(TyperGroup):
    """The app's group: Click's own errors (an unknown command or option, a bad value) and the
    project's are shown here, where they are caught, with whatever the user typed escaped
    and cut to a readable length, and their exit code kept."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        given = list(sys.argv[1:] if args is None else args)
        # Help wraps to the terminal however narrow (Click alone keeps at least 50 columns),
        # at the width the tables use.
        extra.setdefault("terminal_width", min(render.width(), 100))
        try:
            _no_shell_named(given)
            result = super().main(
                given,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
            code = result if isinstance(result, int) else 0
        except typer.TyperException as error:  # Click's: the base of its usage errors
            _show_click_error(error, given)
            code = error.exit_code
        except NatoPartnersError as error:
            if os.environ.get("NATOPARTNERS_DEBUG"):
                raise
            # The project's messages cut what they echo (errors.shown), each to its length.
            for line in str(error).splitlines() or ["error"]:
                note(escaped(line))
            code = int(error.exit_code)
        except typer.Abort:
            _stderr("\n")
            code = int(ExitCode.INTERRUPTED)
        if not standalone_mode:
            return code
        sys.exit(code)


_COMPLETION_OPTIONS = ("--install-completion", "--show-completion")


def _no_shell_named(given: Sequence[str]) -> None:
    """Typer's --install-completion and --show-completion take no shell: they act for the
    shell they run in. A shell named after them would be ignored while another shell's
    completion is installed: refuse it instead."""
    for option, after in pairwise(given):
        if option in _COMPLETION_OPTIONS and not after.startswith("-"):
            if after.casefold() == _current_shell():
                continue  # the shell it acts for anyway
            raise UsageError(
                f"{option} takes no shell ({shown(after)} given): it acts for the shell it "
                f"runs in; run it from {shown(after, quote_plain=False)} instead"
            )


def _current_shell() -> str | None:
    """The shell the command runs in, as Typer's completion detects it (with shellingham,
    which Typer depends on), or None."""
    try:
        import shellingham  # type: ignore[import-untyped]

        name: str = shellingham.detect_shell()[0]
    except Exception:  # not installed, or no shell found: then no named shell is this one
        return None
    return name.casefold()


def _show_click_error(error: typer.TyperException, given: Sequence[str]) -> None:
    """Click's message, as Click shows it (the usage line, the hint, "Error: ..."), with the
    user's input in it made safe."""
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        hint = f"Try '{ctx.command_path} {ctx.help_option_names[0]}' for help."
        _stderr(f"{ctx.get_usage()}\n{hint}\n\n")
    _stderr(f"Error: {echoed(error.format_message(), given)}\n")


app = typer.Typer(
    cls=Group,
    name="natopartners",
    help=HELP,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    invoke_without_command=True,
)


def note(message: str) -> None:
    _stderr(f"natopartners: {message}\n")


def _stderr(text: str) -> None:
    """Write to stderr now. A stderr that cannot take it (closed, a full disk) loses the
    message, never the answer on stdout nor the exit code."""
    stream = sys.stderr
    if stream is None:  # closed before the run began
        return
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError):
        pass


# --- Checks and completion of values ---------------------------------------------------------


def _checked(param: str, check: Callable[[str, str], T]) -> Callable[[str], T]:
    """A Typer parser running ``check``: its UsageError is Click's BadParameter (exit 2)."""

    def parse(text: str) -> T:
        try:
            return check(param, text)
        except UsageError as error:
            raise typer.BadParameter(error.message) from None

    return parse


def _data_file(text: str) -> Path:
    if not text.strip():
        raise typer.BadParameter("give the path of a data file; this one is empty")
    return Path(text)


def _choice(
    param: str,
    choices: Sequence[str],
    help: str,
    metavar: str,
    convert: Callable[[str], Any] = str,
) -> dict[str, Any]:
    """The help, parser, metavar and completion of a parameter that takes one of ``choices``
    (the choices listed in the help, so that a narrow terminal wraps them between words)."""

    def complete(incomplete: str) -> list[str]:
        return [c for c in choices if c.startswith(incomplete.casefold())]

    return {
        "help": f"{help} One of: {', '.join(choices)}.",
        "parser": _checked(param, lambda p, t: convert(arguments.choice(p, t, choices))),
        "metavar": metavar,
        "autocompletion": complete,
    }


def _loaded(ctx: typer.Context) -> "Dataset | None":
    """The data while completing (the root's callback does not run then): the file --data
    names (after the command, else before it, as a run reads it), else the bundled one; None
    when it cannot be read."""
    from natopartners import loading

    path = ctx.params.get("data") or ctx.find_root().params.get("data")
    try:
        return loading.load_file(path) if path else loading.bundled_dataset()
    except NatoPartnersError:
        return None


# A record as completion offers it: its id, the name shown beside it, and whether that name
# finds it too (a country's does; an event's title is no name cite takes).
Completable = tuple[str, str, bool]


def _completer(
    records: Callable[["Dataset"], Sequence[Completable]],
) -> Callable[[typer.Context, str], Iterator[tuple[str, str]]]:
    """Complete ids of records, with names as help, matching what was typed in any case, by
    id or by name. Typer keeps only candidates that begin with what was typed, as typed, so a
    candidate keeps the typed letters: ``Kor`` offers ``Korea`` (the lookup reads it in any
    case). A candidate is one word, as a shell inserts it unquoted: the spaces of a name are
    hyphens, which the lookup reads as spaces (``rep`` offers ``republic-of-Korea``)."""

    def complete(ctx: typer.Context, incomplete: str) -> Iterator[tuple[str, str]]:
        data = _loaded(ctx)
        if data is None:
            return
        typed = incomplete.casefold()
        for ident, name, named in records(data):
            for word in (ident, name) if named else (ident,):
                if word.casefold().startswith(typed):
                    candidate = incomplete + word[len(incomplete) :]
                    yield "-".join(candidate.split()), name
                    break

    return complete


def _countries(data: "Dataset") -> list[Completable]:
    return [(n.id, n.name, True) for n in data.country_index.values()]


def _operations(data: "Dataset") -> list[Completable]:
    return [(o.id, o.name, True) for o in data.operations]


def _terms(data: "Dataset") -> list[Completable]:
    return [(t.id, t.name, True) for t in data.terms]


def _programmes(data: "Dataset") -> list[Completable]:
    from natopartners.lookup import programmes

    return [(t.id, t.name, True) for t in programmes(data)]


def _regions(data: "Dataset") -> list[Completable]:
    from natopartners.lookup import regions

    return [(region, "UN M49 region or sub-region", True) for region in regions(data)]


def _anything(data: "Dataset") -> list[Completable]:
    """What cite takes: countries, operations, terms, and events by id (other timeline
    entries have ids too, but no name to complete from)."""
    events = [(e.id, e.title, False) for e in data.events]
    return [*_countries(data), *_operations(data), *_terms(data), *events]


def _fields_completion(ctx: typer.Context, incomplete: str) -> Iterator[str]:
    """Complete the last name of a comma-separated list, as gh completes --json fields."""
    from natopartners import views

    # One operation or term, or the listing? (While an option's value is completed, Click
    # leaves the positional arguments before it unparsed, in ctx.args.)
    one = ctx.params.get("operation") or ctx.params.get("term") or ctx.args
    shown_by: dict[str, type[views.View]] = {
        "list": views.Partners,
        "show": views.PartnerSheet,
        "timeline": views.Timeline,
        "changes": views.Timeline,
        "operations": views.OperationSheet if one else views.Operations,
        "glossary": views.TermSheet if one else views.Terms,
        "sources": views.Sources,
        "search": views.Hits,
    }
    found = shown_by.get(ctx.info_name or "")
    done, _, last = incomplete.rpartition(",")
    chosen = set(done.split(","))
    prefix = f"{done}," if done else ""
    for name in found.FIELDS if found else ():
        if name.startswith(last) and name not in chosen:
            yield prefix + name


# --- The options several commands share ------------------------------------------------------

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="FILE",
        parser=_data_file,
        help="Use this data file (TOML, or JSON if named .json) instead of the bundled one.",
    ),
]
AsOfOption = Annotated[
    PartialDate | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        parser=_checked("as_of", arguments.date),
        help="Answer as things stood on DATE: YYYY, YYYY-MM or YYYY-MM-DD.",
    ),
]
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        **_choice(
            "format",
            [f.value for f in Format],
            "auto: a table on a terminal; in a pipe, tsv (one record: plain text).",
            "FORMAT",
            Format,
        ),
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="A,B,...",
        help="Fields to show, in order; 'help' lists them.",
        autocompletion=_fields_completion,
    ),
]
HeaderOption = Annotated[bool, typer.Option("--header/--no-header", help="Header row in csv/tsv.")]


def _name(param: str) -> Callable[[str], str]:
    return _checked(param, arguments.name)


class Output(NamedTuple):
    """What the output options asked for."""

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
        return cls(fmt, fields, header)


def reference(ctx: typer.Context, data: Path | None, as_of: PartialDate | None) -> "Reference":
    """The data and the day a command answers from: given after the command, else before it,
    else the bundled data and its newest date. A day after the data's newest is noted."""
    from natopartners import loading
    from natopartners.reference import Reference

    root = ctx.find_root().params
    path = data or root.get("data")
    day = as_of or root.get("as_of")
    dataset = loading.load_file(path) if path is not None else loading.bundled_dataset()
    found = Reference(dataset, day)
    if day is not None:
        from natopartners import words

        if said := words.past_the_data(found, day):
            note(said)
    return found


def emit(view: "View", output: Output) -> None:
    """Write ``view`` as asked; an empty listing is a note on stderr (or ``[]``)."""
    from natopartners import views
    from natopartners.render import render

    if output.fields is not None:
        view = views.select(view, _fields(output.fields, view.fields))
    sheet = isinstance(view, views.Sheet) or (isinstance(view, views.Selected) and view.single)
    fmt = output.fmt.resolve(_terminal(), sheet=sheet)
    if isinstance(view, views.Listing) and not view.rows and fmt not in (Format.JSON, Format.JSONL):
        note(f"no {view.KIND if not isinstance(view, views.Selected) else view.of} match")
        if fmt in (Format.TABLE, Format.TEXT):
            return
    for said in render(view, fmt, sys.stdout, header=output.header):
        note(said)


def _terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


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


# Where each kind of record is shown in full, and where all of them are listed.
_SHOWN_BY = {"country": "show", "operation": "operations", "term": "glossary"}
_LISTED_BY = {"country": "list", "operation": "operations", "term": "glossary"}


def _resolved(find: Callable[[str], str], name: str, ref: "Reference", kind: str) -> str:
    """The id ``find`` gives for ``name``; if none, the error says where the name is found."""
    try:
        return find(name)
    except NotFoundError as error:
        _pointing(error, ref, kind)


def _pointing(error: NotFoundError, ref: "Reference", kind: str) -> NoReturn:
    """``error``, with where its name is found instead: a record of another kind ("'isaf'
    names an operation: natopartners operations isaf"), else the commands that list and
    search everything."""
    from natopartners.lookup import other_kinds

    query = error.query or ""
    for other, ident in other_kinds(ref.dataset, query, kind) if query else []:
        article = "an" if other[0] in "aeiou" else "a"
        error.notes.append(
            f"{shown(query)} names {article} {other}: natopartners {_SHOWN_BY[other]} {ident}"
        )
    if not error.notes and not error.suggestions and not error.candidates:
        error.notes.append(
            f"natopartners {_LISTED_BY[kind]} lists them; natopartners search finds text"
        )
    raise error


# --- Commands ------------------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"natopartners {__version__}\n")
        raise typer.Exit()


@app.callback()
def overview(
    ctx: typer.Context,
    *,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            metavar="FILE",
            parser=_data_file,
            envvar="NATOPARTNERS_DATA",
            show_envvar=True,
            help="Use this data file (TOML, or JSON if named .json) instead of the bundled one.",
        ),
    ] = None,
    as_of: AsOfOption = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Without a command: what the data covers, how current it is, and the commands."""
    if ctx.invoked_subcommand is not None:
        return
    from natopartners import words

    found = reference(ctx, data, as_of)
    where = shown(str(data)) if data is not None else "bundled with natopartners"
    group = ctx.command
    assert isinstance(group, TyperGroup)
    commands = {
        name: command.get_short_help_str(limit=300)
        for name in group.list_commands(ctx)
        if (command := group.get_command(ctx, name)) is not None
    }
    width = min(render.width(), 100)
    sys.stdout.write(words.overview(found.dataset, where, commands, width))


@app.command("list", short_help="countries, by relationship, region, operation, programme")
def list_partners(
    ctx: typer.Context,
    *,
    relationship: Annotated[
        str | None,
        typer.Option(
            "--relationship",
            "-r",
            **_choice(
                "relationship",
                RELATIONSHIPS,
                "Only countries with this relationship; ally and the regional frameworks list "
                "the rest of the world.",
                "REL",
            ),
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="UN M49 region or sub-region: Asia, 'Eastern Asia'.",
            parser=_name("region"),
            autocompletion=_completer(_regions),
        ),
    ] = None,
    operation: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Only contributors to this operation, e.g. isaf.",
            parser=_name("operation"),
            autocompletion=_completer(_operations),
        ),
    ] = None,
    programme: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Only partners with this programme, e.g. ipcp.",
            parser=_name("programme"),
            autocompletion=_completer(_programmes),
        ),
    ] = None,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    header: HeaderOption = True,
    data: DataOption = None,
    as_of: AsOfOption = None,
) -> None:
    """List the partners across the globe and the other countries NATO consults, works beside
    or that applied; with --relationship ally (or a regional framework), the rest of the world.

    \b
    Examples:
      natopartners list
      natopartners list --relationship consulted
      natopartners list --region asia --operation isaf
      natopartners list --relationship ally --as-of 2022
      natopartners list --json --fields id,name,iso3
    """
    from natopartners import views

    output = Output.of(fmt, as_json, fields, header)
    ref = reference(ctx, data, as_of)
    if operation is not None:
        operation = _resolved(ref.operation_id, operation, ref, "operation")
    found = ref.partners(
        relationship=relationship, region=region, operation=operation, programme=programme
    )
    if relationship is not None:
        from natopartners import words

        for said in (
            words.suspended_note(ref, relationship),
            words.unrecorded_note(ref, relationship),
        ):
            if said:
                note(said)
    emit(views.Partners(ref, found), output)


@app.command("show", short_help="one country in full, with its timeline and sources")
def show(
    ctx: typer.Context,
    partner: Annotated[
        str,
        typer.Argument(
            metavar="COUNTRY",
            help="Id, name, alias or ISO code of any country, in any case.",
            parser=_name("COUNTRY"),
            autocompletion=_completer(_countries),
        ),
    ],
    *,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    header: HeaderOption = True,
    data: DataOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Show one country in full: what it is to NATO, its programme, contributions, timeline
    and sources. Any country: a partner, an Ally, a regional partner, or none of these.

    \b
    Examples:
      natopartners show japan
      natopartners show "Korea, Republic of"
      natopartners show NZL --json
      natopartners show ukraine
    """
    from natopartners import views

    output = Output.of(fmt, as_json, fields, header)
    ref = reference(ctx, data, as_of)
    try:
        found = ref.partner(partner)
    except NotFoundError as error:
        _pointing(error, ref, "country")
    emit(views.PartnerSheet(ref, found), output)


@app.command("timeline", short_help="dated steps, operations and contributions")
def timeline(
    ctx: typer.Context,
    *,
    since: Annotated[
        PartialDate | None,
        typer.Option(
            metavar="DATE",
            help="From this date on: YYYY[-MM[-DD]].",
            parser=_checked("since", arguments.date),
        ),
    ] = None,
    until: Annotated[
        PartialDate | None,
        typer.Option(
            metavar="DATE",
            help="Up to this date: YYYY[-MM[-DD]].",
            parser=_checked("until", arguments.date),
        ),
    ] = None,
    partner: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Only entries that name this country.",
            parser=_name("partner"),
            autocompletion=_completer(_countries),
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(**_choice("kind", KIND_ORDER, "Only entries of this kind.", "KIND")),
    ] = None,
    operation: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Only entries that name this operation.",
            parser=_name("operation"),
            autocompletion=_completer(_operations),
        ),
    ] = None,
    chart: Annotated[
        bool, typer.Option("--chart", help="On a terminal, draw operations as bars on a time axis.")
    ] = False,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    header: HeaderOption = True,
    data: DataOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Dated summits, policies, dialogues, statements, operations and contributions, oldest
    first. The partners' own steps are here; the rest of the world's (an Ally's accession)
    are in each country's sheet (natopartners show COUNTRY).

    With --chart (for people; machine formats print the same records either way) each
    operation is a bar from start to end, events are marked on the axis, and the partners
    named in each operation are listed under its bar.

    \b
    Examples:
      natopartners timeline
      natopartners timeline --since 2006 --until 2011
      natopartners timeline --kind summit
      natopartners timeline --chart --since 1999
      natopartners timeline --json | jq -r '.[] | .date + " " + .title'
    """
    from natopartners import views

    output = Output.of(fmt, as_json, fields, header)
    ref = reference(ctx, data, as_of)
    nation = None if partner is None else _resolved(ref.country_id, partner, ref, "country")
    named = None if operation is None else _resolved(ref.operation_id, operation, ref, "operation")
    found = ref.timeline(since=since, until=until, partner=nation, kind=kind, operation=named)
    question = views.Question(
        since=since, until=until, nation=nation, kind=kind, operation=named, chart=chart
    )
    emit(views.Timeline(ref, found, question), output)


@app.command("operations", short_help="the operations, or one with the partners in it")
def operations(
    ctx: typer.Context,
    operation: Annotated[
        str | None,
        typer.Argument(
            metavar="OPERATION",
            help="Id, acronym or name: show this one in full.",
            parser=_name("OPERATION"),
            autocompletion=_completer(_operations),
        ),
    ] = None,
    *,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    header: HeaderOption = True,
    data: DataOption = None,
    as_of: AsOfOption = None,
) -> None:
    """List the NATO-led operations, or show one with its dates and the partners in it.

    \b
    Examples:
      natopartners operations
      natopartners operations isaf
      natopartners operations KFOR --json
    """
    from natopartners import views

    output = Output.of(fmt, as_json, fields, header)
    ref = reference(ctx, data, as_of)
    if operation is None:
        emit(views.Operations(ref, ref.operations()), output)
        return
    try:
        found = ref.operation(operation)
    except NotFoundError as error:
        _pointing(error, ref, "operation")
    emit(views.OperationSheet(ref, found), output)


@app.command("glossary", short_help="the bodies, frameworks and programmes named")
def glossary(
    ctx: typer.Context,
    term: Annotated[
        str | None,
        typer.Argument(
            metavar="TERM",
            help="Id, acronym or name: show this one in full.",
            parser=_name("TERM"),
            autocompletion=_completer(_terms),
        ),
    ] = None,
    *,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    header: HeaderOption = True,
    data: DataOption = None,
    as_of: AsOfOption = None,
) -> None:
    """List the bodies, frameworks and programmes the sources name, or show one.

    \b
    Examples:
      natopartners glossary
      natopartners glossary PMF
      natopartners glossary "north atlantic council" --json
    """
    from natopartners import views

    output = Output.of(fmt, as_json, fields, header)
    ref = reference(ctx, data, as_of)
    if term is None:
        emit(views.Terms(ref, ref.terms()), output)
        return
    try:
        found = ref.term(term)
    except NotFoundError as error:
        _pointing(error, ref, "term")
    emit(views.TermSheet(ref, found), output)


@app.command("sources", short_help="the documents the data rests on")
def sources(
    ctx: typer.Context,
    *,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    header: HeaderOption = True,
    data: DataOption = None,
    as_of: AsOfOption = None,
) -> None:
    """List the documents the data rests on, with URL, date, grade and how often each is cited.

    Grades: N NATO, G another government, M press or think tank, W weak (never used alone).

    \b
    Examples:
      natopartners sources
      natopartners sources --json | jq -r '.[].url'
    """
    from natopartners import views

    output = Output.of(fmt, as_json, fields, header)
    ref = reference(ctx, data, as_of)
    emit(views.Sources(ref, ref.sources()), output)


@app.command("search", short_help="search every record")
def search(
    ctx: typer.Context,
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT",
            help="Text to find, in any case.",
            parser=_checked("TEXT", arguments.text),
        ),
    ],
    *,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    header: HeaderOption = True,
    data: DataOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Search partners, operations, events, glossary terms and sources for TEXT.

    Each hit names the kind of record, its id and the field that matched. The rest of the
    world is not searched: natopartners show COUNTRY answers any country.

    \b
    Examples:
      natopartners search piracy
      natopartners search "liaison officers"
      natopartners search kosovo --json | jq -r '.[] | .kind + " " + .id'
    """
    from natopartners import views

    output = Output.of(fmt, as_json, fields, header)
    ref = reference(ctx, data, as_of)
    emit(views.Hits(ref, ref.search(text)), output)


@app.command("changes", short_help="what changed between two dates")
def changes(
    ctx: typer.Context,
    start: Annotated[
        PartialDate,
        typer.Argument(
            metavar="FROM",
            help="The earlier date: YYYY[-MM[-DD]].",
            parser=_checked("FROM", arguments.date),
        ),
    ],
    end: Annotated[
        PartialDate | None,
        typer.Argument(
            metavar="TO",
            help="The later date; the data's newest by default.",
            parser=_checked("TO", arguments.date),
        ),
    ] = None,
    *,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    header: HeaderOption = True,
    data: DataOption = None,
    as_of: AsOfOption = None,
) -> None:
    """What changed between the state on FROM and the state on TO, each change dated and sourced.

    Dates are read as --as-of reads them: 2014 means the end of 2014. TO defaults to --as-of,
    else to the data's newest date. Changes are new or ended relationships and programmes of
    the partners, operations begun or ended, contributions begun, and events. A change the
    sources date only by year or month is listed if any of its days falls between the two
    dates.

    \b
    Examples:
      natopartners changes 2014 2024
      natopartners changes 2010-11 --json
    """
    from natopartners import views, words

    output = Output.of(fmt, as_json, fields, header)
    ref = reference(ctx, data, as_of)
    after, by = ref.change_window(start, end)
    # With --as-of, reference() has said it if the day is past the data (TO is that day).
    said = None if ref.as_of is not None else words.past_the_data(ref, by)
    if said:
        note(said)
    found = ref.changes(start, end)
    emit(views.Timeline(ref, found, views.Question(after=after, by=by)), output)


@app.command("schema", short_help="JSON Schema of the data file or of --json output")
def schema(
    which: Annotated[
        str,
        typer.Argument(
            **_choice(
                "WHICH",
                ("dataset", "output"),
                "dataset: the data file; output: what --json prints.",
                "WHICH",
            ),
        ),
    ] = "dataset",
) -> None:
    """Print a JSON Schema: of the data file (for editors), or of the --json output.

    \b
    Examples:
      natopartners schema > partners.schema.json
      natopartners schema output | jq '.["$defs"] | keys'
    """
    import json

    from natopartners import schemas

    document = schemas.dataset_schema() if which == "dataset" else schemas.output_schema()
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


@app.command("validate", short_help="check a data file")
def validate(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            parser=_data_file,
            help="The data file to check: TOML, or JSON if named .json.",
        ),
    ],
) -> None:
    """Check a data file: counts of each kind of record, or every problem found (exit 3).

    \b
    Examples:
      natopartners validate my-edition.toml
      natopartners validate data/partners.toml && natopartners --data data/partners.toml list
    """
    from natopartners import loading, words

    data = loading.load_file(file)
    name = shown(str(file), loading.NAME_LIMIT, quote_plain=False)
    sys.stdout.write(words.valid(name, data) + "\n")


@app.command("cite", short_help="the sources as BibTeX or CSL-JSON")
def cite(
    ctx: typer.Context,
    record: Annotated[
        str | None,
        typer.Argument(
            metavar="RECORD",
            help="A country, operation, glossary term or timeline entry id: only its sources.",
            parser=_name("RECORD"),
            autocompletion=_completer(_anything),
        ),
    ] = None,
    *,
    style: Annotated[
        str,
        typer.Option(
            "--style", "-s", **_choice("style", ("bibtex", "csl-json"), "The format.", "STYLE")
        ),
    ] = "bibtex",
    data: DataOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Cite the sources for a reference manager (Zotero, BibTeX, pandoc): all of them, or
    those behind one answer, with the sections it cites. Keys are the source ids.

    \b
    Examples:
      natopartners cite > natopartners.bib
      natopartners cite japan
      natopartners cite madrid-summit-2022 --style csl-json
      natopartners timeline --json | jq -r '.[].id'   # ids of timeline entries
    """
    import json

    from natopartners import citations

    ref = reference(ctx, data, as_of)
    cited, sections = ref.cited(record)
    if style == "bibtex":
        sys.stdout.write(citations.bibtex(cited, sections=sections))
    else:
        items = citations.csl_json(cited, sections=sections)
        sys.stdout.write(json.dumps(items, indent=2, ensure_ascii=False) + "\n")


# --- The entry point -----------------------------------------------------------------------------


class _Closed:
    """Standard output when the process started without one (``>&-``): writing to it fails
    as writing to a closed file does, so an error that needs only stderr keeps its own exit
    code, and output that cannot be written exits 4."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(9, "standard output is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def main() -> None:
    """Run the app (``natopartners.__main__`` is the console script); end quietly when stdout
    closes early, and with one line and exit 4 when output cannot be written (a full disk, a
    closed stdout)."""
    # natopartners uses no pydantic plugins; looking for them reads every installed
    # package's metadata at start-up. The documented switch turns the search off.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.stdout is None:
        sys.stdout = _Closed()
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
        _stderr("\n")
        code = int(ExitCode.INTERRUPTED)
    sys.exit(code)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass
