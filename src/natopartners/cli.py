"""The command line: options in, queries called, a renderer chosen, text out. No logic here."""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn, TypeVar, get_args

import typer
from typer.core import TyperCommand, TyperGroup

from natopartners import __version__, queries, views
from natopartners.dates import PartialDate
from natopartners.errors import ExitCode, NatoPartnersError
from natopartners.render import Format
from natopartners.vocabulary import Relationship, TimelineKind

if TYPE_CHECKING:
    from rich.console import RenderableType

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
  natopartners search piracy
  natopartners list --json | jq '.[].name'

Output: a table on a terminal, tab-separated values in a pipe; choose with --format
or --json. Messages go to stderr.

Exit codes: {ExitCode.OK} success; {ExitCode.NOT_FOUND} unknown or ambiguous name;
{ExitCode.USAGE} usage error; {ExitCode.INVALID_DATA} invalid data file;
{ExitCode.INTERRUPTED} interrupted (Ctrl-C).
"""

GLOBAL_OPTIONS = ("--data", "--as-of")  # the root's options that take a value


def hoist_global_options(args: list[str]) -> list[str]:
    """Move ``--data`` and ``--as-of`` given after the command to before it, so that
    ``natopartners list --as-of 2014`` means ``natopartners --as-of 2014 list``."""
    args = list(args)
    i = 0
    while i < len(args) and args[i] != "--" and args[i].startswith("-"):
        i += 2 if args[i] in GLOBAL_OPTIONS else 1
    moved: list[str] = []
    j = i + 1
    while j < len(args) and args[j] != "--":
        if args[j] in GLOBAL_OPTIONS:
            if j + 1 == len(args):
                raise typer.BadParameter("needs a value", param_hint=args[j])
            moved += args[j : j + 2]
            del args[j : j + 2]
        elif args[j].startswith(tuple(f"{name}=" for name in GLOBAL_OPTIONS)):
            moved.append(args.pop(j))
        else:
            j += 1
    return [*moved, *args]


class _Root(TyperGroup):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_global_options(args))


app = typer.Typer(
    cls=_Root,
    name="natopartners",
    help=HELP,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    invoke_without_command=True,
)

F = TypeVar("F", bound=Callable[..., None])


def _command(name: str, fields: tuple[str, ...] = ()) -> Callable[[F], F]:
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
                    f"give one or more of: {', '.join(fields)}", ctx, param_hint="--fields"
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


OVERVIEW_COMMANDS = """\
Commands:
  list        countries, by relationship, region, operation, programme
  show        one country in full, with its timeline and sources
  timeline    dated steps, operations and contributions
  operations  the operations, or one with the partners that took part
  glossary    the bodies, frameworks and programmes the sources name
  sources     the documents the data rests on
  search      search every record
  changes     what changed between two dates
  validate    check a data file
  schema      JSON Schema of the data file or of --json output

Run 'natopartners COMMAND -h' for options and examples.
"""


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
            parser=_data_file,
            help="Use this data file instead of the bundled one.",
            show_envvar=True,
        ),
    ] = None,
    as_of: Annotated[
        PartialDate | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            parser=_as_of,
            help="Answer as things stood on DATE: YYYY, YYYY-MM or YYYY-MM-DD.",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Without a command: what the data covers, how current it is, and the commands."""
    ctx.obj = Options(data, as_of)
    if ctx.invoked_subcommand is not None:
        return
    try:
        session = _session(ctx)
    except NatoPartnersError as error:
        _fail(error)
    dataset = session.data
    info = dataset.dataset
    sys.stdout.write(
        f"{info.title}, data as of {info.as_of} (version {info.version}); "
        "later developments are not covered.\n"
        f"{len(dataset.partners)} countries, {len(dataset.operations)} operations, "
        f"{len(dataset.events)} events, {len(dataset.terms)} glossary terms, "
        f"{len(dataset.sources)} sources. Data file: {_data_name(ctx)}\n\n" + OVERVIEW_COMMANDS
    )


@dataclass(frozen=True)
class Options:
    """The global options, kept on the root context for the commands."""

    data: Path | None = None
    as_of: PartialDate | None = None


def _data_file(text: str) -> Path:
    if not text.strip():
        raise typer.BadParameter("give the path of a TOML data file; this one is empty")
    return Path(text)


def _as_of(text: str) -> PartialDate:
    try:
        return PartialDate.parse(text.strip())
    except ValueError as error:
        raise typer.BadParameter(f"{error} (try 2014, 2014-03 or 2014-03-31)") from None


def _options(ctx: typer.Context) -> Options:
    root = ctx.find_root()
    if isinstance(root.obj, Options):
        return root.obj
    return Options(root.params.get("data"))  # while completing, the callback has not run


def _data_path(ctx: typer.Context) -> Path | None:
    path = _options(ctx).data
    return Path(path) if path is not None else None


@dataclass(frozen=True)
class Session:
    """The data a command answers from, the day it answers about, and how to say so."""

    data: Dataset
    as_of: PartialDate | None = None

    @property
    def on(self) -> dt.date:
        return queries.moment(self.data, self.as_of)

    @property
    def label(self) -> str:
        newest = self.data.dataset.as_of
        return f"{self.as_of} (data as of {newest})" if self.as_of else str(newest)

    @property
    def caption(self) -> str:
        return f"As of {self.label}."

    @property
    def summary_note(self) -> str | None:
        """What a sheet says when it answers for a day before the data's newest: summaries
        are written once, from everything the data knows."""
        newest = self.data.dataset.as_of
        if self.as_of is None or self.on >= newest.last:
            return None
        return (
            f"Summary and notes written from all the data, up to {newest}; the rest is as of "
            f"{self.as_of}."
        )


def _session(ctx: typer.Context) -> Session:
    data = _load(ctx)
    as_of = _options(ctx).as_of
    newest = data.dataset.as_of
    if as_of is not None and as_of.first > newest.last:
        sys.stderr.write(
            f"natopartners: the data goes up to {newest}; later developments are not covered\n"
        )
    return Session(data, as_of)


def _data_name(ctx: typer.Context) -> str:
    path = _data_path(ctx)
    return str(path) if path is not None else "bundled with natopartners"


def _load(ctx: typer.Context) -> Dataset:
    from natopartners import loading

    path = _data_path(ctx)
    return loading.load_file(path) if path is not None else loading.bundled_dataset()


# Completion: the app callback does not run while completing, so read --data from the params.
# Shells keep only candidates that start with what was typed, so ids are offered, names as help.
def _complete(
    records: Callable[[Dataset], list[tuple[str, str]]],
) -> Callable[[typer.Context, str], Iterator[tuple[str, str]]]:
    def complete(ctx: typer.Context, incomplete: str) -> Iterator[tuple[str, str]]:
        try:
            data = _load(ctx)
        except NatoPartnersError:
            return
        for ident, name in records(data):
            if ident.startswith(incomplete.lower()):
                yield ident, name

    return complete


_complete_partner = _complete(lambda d: [(p.id, p.name) for p in d.partners])
_complete_operation = _complete(lambda d: [(o.id, o.name) for o in d.operations])
_complete_term = _complete(lambda d: [(t.id, t.name) for t in d.terms])


def _complete_fields(valid: tuple[str, ...]) -> Callable[[str], Iterator[str]]:
    """Complete the last name of a comma-separated list, as gh completes --json fields."""

    def complete(incomplete: str) -> Iterator[str]:
        done, _, last = incomplete.rpartition(",")
        chosen = set(done.split(","))
        prefix = f"{done}," if done else ""
        for name in valid:
            if name.startswith(last) and name not in chosen:
                yield prefix + name

    return complete


def _one_of(choices: Iterable[str], convert: Callable[[str], Any] = str) -> dict[str, Any]:
    """The parser, metavar and completion of a parameter that takes one of ``choices``, in any
    case or by an unambiguous prefix. (Typer's own check words its error as pydantic does:
    "Value error, ...".)"""
    values = tuple(choices)

    def parse(text: str) -> Any:
        folded = text.strip().casefold()
        found = [folded] if folded in values else [v for v in values if v.startswith(folded)]
        if len(found) != 1 or not folded:
            raise typer.BadParameter(f"{text!r} is not one of: {', '.join(values)}")
        return convert(found[0])

    def complete(incomplete: str) -> list[str]:
        return [value for value in values if value.startswith(incomplete.casefold())]

    return {"parser": parse, "metavar": f"<{'|'.join(values)}>", "autocompletion": complete}


# Output options, declared once and shared by every listing command.
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="auto: a table on a terminal, tsv in a pipe.",
        **_one_of((f.value for f in Format), Format),
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
HeaderOption = Annotated[bool, typer.Option("--header/--no-header", help="Header row in csv/tsv.")]


def _fields_option(valid: tuple[str, ...]) -> Any:
    return typer.Option(
        "--fields",
        metavar="A,B,...",
        help="Fields to show, in order; 'help' lists them.",
        autocompletion=_complete_fields(valid),
    )


@dataclass(frozen=True)
class Output:
    """What the output options asked for, resolved against the terminal."""

    fmt: Format
    fields: str | None
    header: bool

    @classmethod
    def of(cls, fmt: Format, as_json: bool, fields: str | None, header: bool) -> Output:
        if as_json:
            if fmt not in (Format.AUTO, Format.JSON):
                raise typer.BadParameter(f"--json cannot be combined with --format {fmt.value}")
            fmt = Format.JSON
        return cls(fmt.resolve(sys.stdout.isatty()), fields, header)

    def listing(
        self,
        listing: views.Listing,
        caption: str | None = None,
        people: Callable[[views.Listing], RenderableType] | None = None,
    ) -> None:
        """Write rows in the chosen format; an empty result is a note on stderr (or []).

        ``people`` draws the rows for a terminal when no --fields were chosen.
        """
        if self.fields is not None:
            listing = listing.select(_fields(self.fields, listing.fields))
        if not listing.rows and self.fmt not in (Format.JSON, Format.JSONL):
            sys.stderr.write(f"natopartners: no {listing.kind} match\n")
            if self.fmt is Format.TABLE:
                return
        if self.fmt is Format.TABLE:
            from natopartners.render import human

            view = people(listing) if people and self.fields is None else None
            human.make_console().print(view or human.Records(listing, caption))
            return
        self._write(listing)

    def record(self, listing: views.Listing, sheet: Callable[[], RenderableType]) -> None:
        """Write one record: a sheet for people, one object in JSON, one row elsewhere."""
        if self.fmt is Format.TABLE and self.fields is None:
            from natopartners.render import human

            human.make_console().print(sheet())
            return
        if self.fields is not None:
            listing = listing.select(_fields(self.fields, listing.fields))
        if self.fmt is Format.TABLE:
            self.listing(listing)
            return
        self._write(listing, single=True)

    def _write(self, listing: views.Listing, *, single: bool = False) -> None:
        from natopartners.render import machine

        text = machine.render(
            listing.rows, listing.fields, self.fmt, header=self.header, single=single
        )
        sys.stdout.write(text)
        sys.stdout.flush()


def _fields(text: str, valid: tuple[str, ...]) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    if names in ([], ["help"]):
        sys.stdout.write("".join(f"{name}\n" for name in valid))
        raise typer.Exit()
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise typer.BadParameter(
            f"{', '.join(map(repr, twice))} given more than once", param_hint="--fields"
        )
    unknown = [name for name in names if name not in valid]
    if unknown:
        raise typer.BadParameter(
            f"unknown field {', '.join(map(repr, unknown))}; give one or more of: "
            + ", ".join(valid),
            param_hint="--fields",
        )
    return names


def _a_name(value: str | None) -> str | None:
    """Refuse a name that is empty once case, accents and punctuation are ignored."""
    if value is not None and not queries.normalise(value):
        raise typer.BadParameter("give a name, id or code; this one is empty")
    return value


def _some_text(value: str) -> str:
    if not value.strip():
        raise typer.BadParameter("give some text to find; this is empty")
    return value


@_command("list", views.PARTNER_FIELDS)
def list_partners(
    ctx: typer.Context,
    *,
    relationship: Annotated[
        Relationship | None,
        typer.Option(
            "--relationship",
            "-r",
            help="Only countries with this relationship.",
            **_one_of(get_args(Relationship)),
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="UN M49 region or sub-region: Asia, 'Eastern Asia'."),
    ] = None,
    operation: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Only contributors to this operation, e.g. isaf.",
            autocompletion=_complete_operation,
            callback=_a_name,
        ),
    ] = None,
    programme: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Only partners with this programme, e.g. ipcp.",
            autocompletion=_complete_term,
            callback=_a_name,
        ),
    ] = None,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: Annotated[str | None, _fields_option(views.PARTNER_FIELDS)] = None,
    header: HeaderOption = True,
) -> None:
    """List the partners across the globe and the other countries NATO consults or works beside.

    \b
    Examples:
      natopartners list
      natopartners list --relationship consulted
      natopartners list --region asia --operation isaf
      natopartners list --json --fields id,name,iso3
    """
    out = Output.of(fmt, as_json, fields, header)
    session = _session(ctx)
    found = queries.filter_partners(
        session.data,
        on=session.on,
        relationship_is=relationship,
        region=region,
        operation=operation,
        programme_is=programme,
    )
    out.listing(views.partners(session.data, found, session.on), session.caption)


@_command("show", views.DETAIL_FIELDS)
def show(
    ctx: typer.Context,
    partner: Annotated[
        str,
        typer.Argument(
            metavar="PARTNER",
            help="Id, name, alias or ISO code, in any case.",
            autocompletion=_complete_partner,
            callback=_a_name,
        ),
    ],
    *,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: Annotated[str | None, _fields_option(views.DETAIL_FIELDS)] = None,
    header: HeaderOption = True,
) -> None:
    """Show one country in full: relationship, programme, contributions, timeline, sources.

    \b
    Examples:
      natopartners show japan
      natopartners show "Korea, Republic of"
      natopartners show NZL --json
    """
    out = Output.of(fmt, as_json, fields, header)
    session = _session(ctx)
    data = session.data
    detail = views.partner_detail(data, queries.find_partner(data, partner), session.on)
    listing = views.Listing("partners", views.DETAIL_FIELDS, [detail])

    def sheet() -> RenderableType:
        from natopartners.render import human

        return human.partner(detail, views.display_names(data), session.label, session.summary_note)

    out.record(listing, sheet)


@_command("timeline", views.TIMELINE_FIELDS)
def timeline(
    ctx: typer.Context,
    *,
    since: Annotated[
        PartialDate | None,
        typer.Option(help="From this date on: YYYY[-MM[-DD]].", metavar="DATE", parser=_as_of),
    ] = None,
    until: Annotated[
        PartialDate | None,
        typer.Option(help="Up to this date: YYYY[-MM[-DD]].", metavar="DATE", parser=_as_of),
    ] = None,
    partner: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Only entries that name this country.",
            autocompletion=_complete_partner,
            callback=_a_name,
        ),
    ] = None,
    kind: Annotated[
        TimelineKind | None,
        typer.Option(help="Only entries of this kind.", **_one_of(get_args(TimelineKind))),
    ] = None,
    operation: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Only entries that name this operation.",
            autocompletion=_complete_operation,
            callback=_a_name,
        ),
    ] = None,
    chart: Annotated[
        bool,
        typer.Option("--chart", help="On a terminal, draw operations as bars on a time axis."),
    ] = False,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: Annotated[str | None, _fields_option(views.TIMELINE_FIELDS)] = None,
    header: HeaderOption = True,
) -> None:
    """Dated summits, policies, dialogues, operations and contributions, oldest first.

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
    out = Output.of(fmt, as_json, fields, header)
    if since is not None and until is not None and until.last < since.first:
        raise typer.BadParameter(f"{until} is before --since {since}", param_hint="--until")
    session = _session(ctx)
    entries = queries.filter_timeline(
        session.data,
        on=session.on,
        since=since,
        until=until,
        partner=partner,
        kind=kind,
        operation=operation,
    )

    def people(listing: views.Listing) -> RenderableType:
        from natopartners.render import human

        grouped = human.timeline(listing, views.display_names(session.data), session.caption)
        if not chart:
            return grouped
        data = session.data
        drawn = views.chart(
            data,
            entries,
            session.on,
            since=since,
            until=until,
            partner=queries.find_partner(data, partner) if partner else None,
            operation=queries.find_operation(data, operation) if operation else None,
            kind=kind,
        )
        return human.Chart(
            [human.Bar(*bar) for bar in drawn.bars],
            drawn.markers,
            drawn.first,
            drawn.last,
            drawn.undated,
            grouped,
            session.caption,
        )

    out.listing(views.timeline(entries), session.caption, people)


@_command("operations", views.OPERATION_DETAIL_FIELDS)
def operations(
    ctx: typer.Context,
    operation: Annotated[
        str | None,
        typer.Argument(
            metavar="OPERATION",
            help="Id, acronym or name: show this one in full.",
            autocompletion=_complete_operation,
            callback=_a_name,
        ),
    ] = None,
    *,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: Annotated[str | None, _fields_option(views.OPERATION_DETAIL_FIELDS)] = None,
    header: HeaderOption = True,
) -> None:
    """List the NATO-led operations, or show one with its dates and the partners in it.

    \b
    Examples:
      natopartners operations
      natopartners operations isaf
      natopartners operations KFOR --json
    """
    out = Output.of(fmt, as_json, fields, header)
    session = _session(ctx)
    data = session.data
    if operation is None:
        out.listing(views.operations(data, session.on), session.caption)
        return
    detail = views.operation_detail(data, queries.find_operation(data, operation), session.on)
    listing = views.Listing("operations", views.OPERATION_DETAIL_FIELDS, [detail])

    def sheet() -> RenderableType:
        from natopartners.render import human

        return human.operation(
            detail, views.display_names(data), session.label, session.summary_note
        )

    out.record(listing, sheet)


@_command("glossary", views.TERM_DETAIL_FIELDS)
def glossary(
    ctx: typer.Context,
    term: Annotated[
        str | None,
        typer.Argument(
            metavar="TERM",
            help="Id, acronym or name: show this one in full.",
            autocompletion=_complete_term,
            callback=_a_name,
        ),
    ] = None,
    *,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: Annotated[str | None, _fields_option(views.TERM_DETAIL_FIELDS)] = None,
    header: HeaderOption = True,
) -> None:
    """List the bodies, frameworks and programmes the sources name, or show one.

    \b
    Examples:
      natopartners glossary
      natopartners glossary PMF
      natopartners glossary "north atlantic council" --json
    """
    out = Output.of(fmt, as_json, fields, header)
    session = _session(ctx)
    data = session.data
    if term is None:
        out.listing(views.terms(data), session.caption)
        return
    detail = views.term_detail(data, queries.find_term(data, term), session.on)
    listing = views.Listing("terms", views.TERM_DETAIL_FIELDS, [detail])

    def sheet() -> RenderableType:
        from natopartners.render import human

        return human.term(detail, session.label, session.summary_note)

    out.record(listing, sheet)


@_command("sources", views.SOURCE_FIELDS)
def sources(
    ctx: typer.Context,
    *,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: Annotated[str | None, _fields_option(views.SOURCE_FIELDS)] = None,
    header: HeaderOption = True,
) -> None:
    """List the documents the data rests on, with URL, date, grade and how often each is cited.

    Grades: N NATO, G another government, M press or think tank, W weak (never used alone).

    \b
    Examples:
      natopartners sources
      natopartners sources --json | jq -r '.[].url'
    """
    out = Output.of(fmt, as_json, fields, header)
    session = _session(ctx)
    out.listing(views.sources(session.data), session.caption)


@_command("search", views.HIT_FIELDS)
def search(
    ctx: typer.Context,
    text: Annotated[
        str,
        typer.Argument(metavar="TEXT", help="Text to find, in any case.", callback=_some_text),
    ],
    *,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: Annotated[str | None, _fields_option(views.HIT_FIELDS)] = None,
    header: HeaderOption = True,
) -> None:
    """Search partners, operations, events and glossary terms for TEXT.

    Each hit names the kind of record, its id and the field that matched.

    \b
    Examples:
      natopartners search piracy
      natopartners search "liaison officers"
      natopartners search kosovo --json | jq -r '.[] | .kind + " " + .id'
    """
    out = Output.of(fmt, as_json, fields, header)
    session = _session(ctx)
    out.listing(views.hits(queries.search(session.data, text, session.on)), session.caption)


@_command("changes", views.TIMELINE_FIELDS)
def changes(
    ctx: typer.Context,
    start: Annotated[
        PartialDate,
        typer.Argument(metavar="FROM", parser=_as_of, help="The earlier date: YYYY[-MM[-DD]]."),
    ],
    end: Annotated[
        PartialDate | None,
        typer.Argument(
            metavar="TO", parser=_as_of, help="The later date; the data's newest by default."
        ),
    ] = None,
    *,
    fmt: FormatOption = Format.AUTO,
    as_json: JsonOption = False,
    fields: Annotated[str | None, _fields_option(views.TIMELINE_FIELDS)] = None,
    header: HeaderOption = True,
) -> None:
    """What changed between the state on FROM and the state on TO, each change dated and sourced.

    Dates are read as --as-of reads them: 2014 means the end of 2014. TO defaults to --as-of,
    else to the data's newest date. Changes are new or ended relationships and programmes,
    operations begun or ended, contributions begun, and events. A change the sources date only
    by year or month is listed if any of its days falls between the two dates.

    \b
    Examples:
      natopartners changes 2014 2024
      natopartners changes 2010-11 --json
    """
    out = Output.of(fmt, as_json, fields, header)
    session = _session(ctx)
    if end is not None and session.as_of is not None and end != session.as_of:
        raise typer.BadParameter(f"TO ({end}) and --as-of ({session.as_of}) differ: give one")
    end = end or session.as_of or session.data.dataset.as_of
    if end.last < start.last:
        raise typer.BadParameter(f"TO ({end}) is before FROM ({start})", param_hint="TO")
    entries = queries.changes(session.data, start, end)
    label = f"Changes after {start} up to {end}."
    out.listing(views.timeline(entries), label)


SchemaKind = Literal["dataset", "output"]


@_command("schema")
def schema(
    which: Annotated[
        SchemaKind,
        typer.Argument(
            help="dataset: the data file; output: what --json prints.",
            **{**_one_of(get_args(SchemaKind)), "metavar": "WHICH"},
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


@_command("validate")
def validate(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The TOML data file to check.")],
) -> None:
    """Check a data file: counts of each kind of record, or every problem found (exit 3).

    \b
    Examples:
      natopartners validate my-edition.toml
      natopartners validate data/partners.toml && natopartners --data data/partners.toml list
    """
    from natopartners import loading

    data = loading.load_file(file)
    counts = ", ".join(
        f"{len(getattr(data, kind))} {kind}"
        for kind in ("sources", "partners", "operations", "events", "terms", "disputes")
    )
    sys.stdout.write(f"{file}: valid ({counts}), data as of {data.dataset.as_of}\n")


def main() -> None:
    """Console-script entry point: run the app and end quietly when stdout closes early."""
    # natopartners uses no pydantic plugins; looking for them reads every installed
    # package's metadata at start-up. The documented switch turns the search off.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
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
