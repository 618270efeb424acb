"""The command line: options in, queries called, a renderer chosen, text out. No logic here."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperCommand

from natopartners import __version__, queries, views
from natopartners.errors import ExitCode, NatoPartnersError
from natopartners.models import Relationship
from natopartners.queries import TimelineKind
from natopartners.render import Format

if TYPE_CHECKING:
    from natopartners.models import Dataset

HELP = f"""\
Offline reference to NATO's partners across the globe: the countries NATO works with one by
one outside its regional partnership frameworks, the other countries it consults or operates
beside, the operations they joined, and the summits and policies that shaped the relationship.

Every fact comes from a listed source (natopartners show PARTNER cites them).

\b
Examples:
  natopartners list
  natopartners show japan
  natopartners timeline --since 2006
  natopartners list --json | jq '.[].name'

Output: a table on a terminal, tab-separated values in a pipe; choose with --format
or --json. Messages go to stderr.

Exit codes: {ExitCode.OK} success; {ExitCode.NOT_FOUND} unknown or ambiguous name;
{ExitCode.USAGE} usage error; {ExitCode.INVALID_DATA} invalid data file;
{ExitCode.INTERRUPTED} interrupted (Ctrl-C).
"""

app = typer.Typer(
    name="natopartners",
    help=HELP,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    invoke_without_command=True,
)

F = TypeVar("F", bound=Callable[..., None])


def _command(name: str, fields: tuple[str, ...]) -> Callable[[F], F]:
    """Register a command whose user errors end as a message on stderr and an exit code.

    ``fields`` are the names ``--fields`` accepts; a bare ``--fields`` lists them.
    """

    def register(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args: object, **kwargs: object) -> None:
            try:
                function(*args, **kwargs)
            except NatoPartnersError as error:
                if os.environ.get("NATOPARTNERS_DEBUG"):
                    raise
                _fail(error)

        app.command(name, cls=_listing_command(fields))(wrapper)
        return function

    return register


def _listing_command(fields: tuple[str, ...]) -> type[TyperCommand]:
    class ListingCommand(TyperCommand):
        def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
            try:
                return super().parse_args(ctx, args)
            except typer.BadParameter:
                raise
            except Exception as error:
                # Click's "requires an argument" for a bare --fields: list the fields instead.
                if getattr(error, "option_name", None) != "--fields":
                    raise
                raise typer.BadParameter(
                    f"give one or more of: {', '.join(sorted(fields))}", ctx, param_hint="--fields"
                ) from None

    return ListingCommand


def _fail(error: NatoPartnersError) -> NoReturn:
    lines = str(error).splitlines() or ["error"]
    hints = getattr(error, "hints", [])
    sys.stderr.write("".join(f"natopartners: {line}\n" for line in (*lines, *hints)))
    raise typer.Exit(int(error.exit_code))


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
            envvar="NATOPARTNERS_DATA",
            metavar="FILE",
            help="Use this data file instead of the bundled one.",
            show_envvar=True,
            dir_okay=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Without a command: what the data covers and how current it is."""
    ctx.obj = data
    if ctx.invoked_subcommand is not None:
        return
    try:
        dataset = _load(ctx)
    except NatoPartnersError as error:
        _fail(error)
    info = dataset.dataset
    sys.stdout.write(
        f"{info.title} (data as of {info.as_of}, version {info.version})\n"
        f"{len(dataset.partners)} countries, {len(dataset.operations)} operations, "
        f"{len(dataset.events)} events, {len(dataset.terms)} glossary terms, "
        f"{len(dataset.sources)} source(s).\n\n"
        "Commands:\n"
        "  list       partners, filtered by relationship, region, operation, programme\n"
        "  show       one partner in full, with its timeline and sources\n"
        "  timeline   dated events, operations and contributions\n\n"
        "Run 'natopartners --help' for options and examples.\n"
    )


def _load(ctx: typer.Context) -> Dataset:
    from natopartners import loading

    path: Path | None = ctx.find_root().obj
    return loading.load_file(path) if path is not None else loading.bundled_dataset()


# Output options, declared once and shared by every listing command.
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="auto: a table on a terminal, tsv in a pipe.",
        rich_help_panel="Output",
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Short for --format json.", rich_help_panel="Output")
]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="A,B,...",
        help="Fields to show, in order; 'help' lists them.",
        rich_help_panel="Output",
    ),
]
HeaderOption = Annotated[
    bool,
    typer.Option(
        "--header/--no-header", help="Header row in csv and tsv.", rich_help_panel="Output"
    ),
]


def _emit(
    listing: views.Listing,
    fmt: Format,
    as_json: bool,
    fields: str | None,
    header: bool,
    *,
    caption: str | None = None,
    single: bool = False,
) -> None:
    """Write a listing to stdout in the chosen format; notes go to stderr."""
    if as_json:
        if fmt not in (Format.AUTO, Format.JSON):
            raise typer.BadParameter("--json cannot be combined with --format " + fmt.value)
        fmt = Format.JSON
    if fields is not None:
        listing = listing.select(_fields(fields, listing.fields))
    fmt = fmt.resolve(sys.stdout.isatty())
    if not listing.rows and fmt is not Format.JSON and fmt is not Format.JSONL:
        sys.stderr.write(f"natopartners: no {listing.kind} match\n")
        if fmt is Format.TABLE:
            return
    if fmt is Format.TABLE:
        from natopartners.render import human

        human.make_console().print(human.Records(listing, caption))
        return
    from natopartners.render import machine

    sys.stdout.write(
        machine.render(listing.rows, listing.fields, fmt, header=header, single=single)
    )
    sys.stdout.flush()


def _fields(text: str, valid: tuple[str, ...]) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    if names in ([], ["help"]):
        sys.stdout.write("".join(f"{name}\n" for name in sorted(valid)))
        raise typer.Exit()
    unknown = [name for name in names if name not in valid]
    if unknown:
        raise typer.BadParameter(
            f"unknown field {', '.join(map(repr, unknown))}; give one or more of: "
            + ", ".join(sorted(valid)),
            param_hint="--fields",
        )
    return names


def _as_of_caption(data: Dataset) -> str:
    return f"Data as of {data.dataset.as_of}. Details: natopartners show PARTNER"


@_command("list", views.PARTNER_FIELDS)
def list_partners(
    ctx: typer.Context,
    *,
    relationship: Annotated[
        Relationship | None,
        typer.Option("--relationship", "-r", help="Only partners with this relationship."),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", help="UN M49 region or sub-region, e.g. Asia, 'Eastern Asia'."
        ),
    ] = None,
    operation: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Only contributors to this operation, e.g. isaf."),
    ] = None,
    programme: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Only partners with this programme, e.g. ipcp."),
    ] = None,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    header: HeaderOption = True,
) -> None:
    """List partners and the other countries NATO consults or operates beside.

    \b
    Examples:
      natopartners list
      natopartners list --relationship consulted
      natopartners list --region asia --operation isaf
      natopartners list --json --fields id,name,iso3
    """
    data = _load(ctx)
    found = queries.filter_partners(
        data,
        relationship_is=relationship,
        region=region,
        operation=operation,
        programme_is=programme,
    )
    _emit(views.partners(found), fmt, as_json, fields, header, caption=_as_of_caption(data))


@_command("show", views.DETAIL_FIELDS)
def show(
    ctx: typer.Context,
    partner: Annotated[
        str, typer.Argument(metavar="PARTNER", help="Id, name, alias or ISO code, in any case.")
    ],
    *,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    header: HeaderOption = True,
) -> None:
    """Show one partner in full: relationship, programme, contributions, timeline, sources.

    \b
    Examples:
      natopartners show japan
      natopartners show "South Korea"
      natopartners show NZL --json
    """
    data = _load(ctx)
    found = queries.find_partner(data, partner)
    detail = views.partner_detail(data, found)
    if fmt.resolve(sys.stdout.isatty()) is Format.TABLE and not as_json and fields is None:
        from natopartners.render import human

        names = {p.id: p.name for p in data.terms} | {o.id: o.name for o in data.operations}
        human.make_console().print(human.partner(detail, names, str(data.dataset.as_of)))
        return
    listing = views.Listing("partners", views.DETAIL_FIELDS, [detail])
    _emit(listing, fmt, as_json, fields, header, single=True)


@_command("timeline", views.TIMELINE_FIELDS)
def timeline(
    ctx: typer.Context,
    *,
    since: Annotated[int | None, typer.Option(help="From this year on.", metavar="YEAR")] = None,
    until: Annotated[int | None, typer.Option(help="Up to this year.", metavar="YEAR")] = None,
    partner: Annotated[
        str | None, typer.Option(metavar="NAME", help="Only entries that name this partner.")
    ] = None,
    kind: Annotated[TimelineKind | None, typer.Option(help="Only entries of this kind.")] = None,
    operation: Annotated[
        str | None, typer.Option(metavar="NAME", help="Only entries that name this operation.")
    ] = None,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    header: HeaderOption = True,
) -> None:
    """Dated summits, policies, dialogues, operations and contributions, oldest first.

    \b
    Examples:
      natopartners timeline
      natopartners timeline --since 2006 --until 2011
      natopartners timeline --kind summit
      natopartners timeline --json | jq -r '.[] | .date + " " + .title'
    """
    data = _load(ctx)
    entries = queries.filter_timeline(
        data, since=since, until=until, partner=partner, kind=kind, operation=operation
    )
    _emit(views.timeline(entries), fmt, as_json, fields, header, caption=_as_of_caption(data))


def main() -> None:
    """Console-script entry point: run the app and end quietly when stdout closes early."""
    try:
        app(prog_name="natopartners")
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(int(ExitCode.INTERRUPTED))


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
