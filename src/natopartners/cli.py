"""The command line: each command's own options, one call into queries and views, and the
view it returns, which ``app`` renders in the format asked for. No logic lives here.

The options every command shares, and how commands are built, are in ``app``. No
``from __future__ import annotations``: Typer reads the annotations at run time.
"""

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, get_args

import typer

from natopartners import __version__, views
from natopartners.app import (
    COMMANDS,
    AsOfOption,
    RootDataOption,
    Run,
    a_name,
    app,
    command,
    data_file,
    date_option,
    fail,
    load,
    main,
    name_argument,
    name_option,
    one_of,
    parse_date,
    some_text,
)
from natopartners.dates import PartialDate
from natopartners.errors import ExitCode, NatoPartnersError, shown
from natopartners.vocabulary import Relationship, TimelineKind

if TYPE_CHECKING:
    from natopartners.views import View

__all__ = ["app", "main"]  # the app, with its commands registered below, and its entry point

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
or --json. Messages go to stderr. --data and --as-of may come before or after the command.

Exit codes: {ExitCode.OK} success; {ExitCode.NOT_FOUND} unknown or ambiguous name;
{ExitCode.USAGE} usage error; {ExitCode.INVALID_DATA} invalid data file;
{ExitCode.OUTPUT} output could not be written; {ExitCode.INTERRUPTED} interrupted (Ctrl-C).
"""


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"natopartners {__version__}\n")
        raise typer.Exit()


@app.callback(help=HELP)
def overview(
    ctx: typer.Context,
    *,
    data: RootDataOption = None,
    as_of: AsOfOption = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Without a command: what the data covers, how current it is, and the commands."""
    ctx.obj = run = Run(data, as_of)
    if ctx.invoked_subcommand is not None:
        return
    try:
        dataset = run.data
    except NatoPartnersError as error:
        fail(error)
    where = shown(str(data)) if data is not None else "bundled with natopartners"
    commands = {name: registered.summary for name, registered in COMMANDS.items()}
    width = min(shutil.get_terminal_size().columns, 100)
    sys.stdout.write(views.overview(dataset, where, commands, width))


# --- Commands ------------------------------------------------------------------------------------


@command(
    "list", "countries, by relationship, region, operation, programme", fields=views.PARTNER_FIELDS
)
def list_partners(
    run: Run,
    *,
    relationship: Annotated[
        Relationship | None,
        typer.Option(
            "--relationship",
            "-r",
            help="Only countries with this relationship.",
            **one_of(get_args(Relationship)),
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="UN M49 region or sub-region: Asia, 'Eastern Asia'."),
    ] = None,
    operation: Annotated[
        str | None,
        name_option("operations", "Only contributors to this operation, e.g. isaf."),
    ] = None,
    programme: Annotated[
        str | None,
        name_option("programmes", "Only partners with this programme, e.g. ipcp."),
    ] = None,
) -> "View":
    """List the partners across the globe and the other countries NATO consults or works beside.

    \b
    Examples:
      natopartners list
      natopartners list --relationship consulted
      natopartners list --region asia --operation isaf
      natopartners list --json --fields id,name,iso3
    """
    return run.views.partners(
        relationship=relationship, region=region, operation=operation, programme=programme
    )


@command("show", "one country in full, with its timeline and sources", fields=views.DETAIL_FIELDS)
def show(
    run: Run,
    partner: Annotated[
        str,
        name_argument("PARTNER", "partners", "Id, name, alias or ISO code, in any case."),
    ],
) -> "View":
    """Show one country in full: relationship, programme, contributions, timeline, sources.

    \b
    Examples:
      natopartners show japan
      natopartners show "Korea, Republic of"
      natopartners show NZL --json
    """
    return run.views.partner(partner)


@command("timeline", "dated steps, operations and contributions", fields=views.TIMELINE_FIELDS)
def timeline(
    run: Run,
    *,
    since: Annotated[
        PartialDate | None,
        date_option("From this date on: YYYY[-MM[-DD]]."),
    ] = None,
    until: Annotated[
        PartialDate | None,
        date_option("Up to this date: YYYY[-MM[-DD]]."),
    ] = None,
    partner: Annotated[
        str | None,
        name_option("partners", "Only entries that name this country."),
    ] = None,
    kind: Annotated[
        TimelineKind | None,
        typer.Option(help="Only entries of this kind.", **one_of(get_args(TimelineKind))),
    ] = None,
    operation: Annotated[
        str | None,
        name_option("operations", "Only entries that name this operation."),
    ] = None,
    chart: Annotated[
        bool, typer.Option("--chart", help="On a terminal, draw operations as bars on a time axis.")
    ] = False,
) -> "View":
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
    return run.views.timeline(
        since=since, until=until, partner=partner, kind=kind, operation=operation, chart=chart
    )


@command(
    "operations",
    "the operations, or one with the partners in it",
    fields=views.OPERATION_DETAIL_FIELDS,
)
def operations(
    run: Run,
    operation: Annotated[
        str | None,
        name_argument("OPERATION", "operations", "Id, acronym or name: show this one in full."),
    ] = None,
) -> "View":
    """List the NATO-led operations, or show one with its dates and the partners in it.

    \b
    Examples:
      natopartners operations
      natopartners operations isaf
      natopartners operations KFOR --json
    """
    return run.views.operations() if operation is None else run.views.operation(operation)


@command("glossary", "the bodies, frameworks and programmes named", fields=views.TERM_DETAIL_FIELDS)
def glossary(
    run: Run,
    term: Annotated[
        str | None,
        name_argument("TERM", "terms", "Id, acronym or name: show this one in full."),
    ] = None,
) -> "View":
    """List the bodies, frameworks and programmes the sources name, or show one.

    \b
    Examples:
      natopartners glossary
      natopartners glossary PMF
      natopartners glossary "north atlantic council" --json
    """
    return run.views.terms() if term is None else run.views.term(term)


@command("sources", "the documents the data rests on", fields=views.SOURCE_FIELDS)
def sources(run: Run) -> "View":
    """List the documents the data rests on, with URL, date, grade and how often each is cited.

    Grades: N NATO, G another government, M press or think tank, W weak (never used alone).

    \b
    Examples:
      natopartners sources
      natopartners sources --json | jq -r '.[].url'
    """
    return run.views.sources()


@command("search", "search every record", fields=views.HIT_FIELDS)
def search(
    run: Run,
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help="Text to find, in any case.", callback=some_text)
    ],
) -> "View":
    """Search partners, operations, events and glossary terms for TEXT.

    Each hit names the kind of record, its id and the field that matched.

    \b
    Examples:
      natopartners search piracy
      natopartners search "liaison officers"
      natopartners search kosovo --json | jq -r '.[] | .kind + " " + .id'
    """
    return run.views.search(text)


@command("changes", "what changed between two dates", fields=views.TIMELINE_FIELDS)
def changes(
    run: Run,
    start: Annotated[
        PartialDate,
        typer.Argument(metavar="FROM", parser=parse_date, help="The earlier date: YYYY[-MM[-DD]]."),
    ],
    end: Annotated[
        PartialDate | None,
        typer.Argument(
            metavar="TO", parser=parse_date, help="The later date; the data's newest by default."
        ),
    ] = None,
) -> "View":
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
    if end is not None and run.as_of is not None and end != run.as_of:
        raise typer.BadParameter(f"TO ({end}) and --as-of ({run.as_of}) differ: give one")
    return run.views.changes(start, end)


SchemaKind = Literal["dataset", "output"]


@command("schema", "JSON Schema of the data file or of --json output")
def schema(
    run: Run,
    which: Annotated[
        SchemaKind,
        typer.Argument(
            help="dataset: the data file; output: what --json prints.",
            **{**one_of(get_args(SchemaKind)), "metavar": "WHICH"},
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


@command("validate", "check a data file")
def validate(
    run: Run,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            parser=data_file,
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
    from natopartners.loading import NAME_LIMIT

    data = load(file)
    kinds = ("source", "partner", "operation", "event", "term", "dispute")
    counts = ", ".join(views.plural(len(getattr(data, f"{kind}s")), kind) for kind in kinds)
    name = shown(str(file), NAME_LIMIT, quote_plain=False)
    sys.stdout.write(f"{name}: valid ({counts}), data as of {data.dataset.as_of}\n")


CiteStyle = Literal["bibtex", "csl-json"]


@command("cite", "the sources as BibTeX or CSL-JSON")
def cite(
    run: Run,
    record: Annotated[
        str | None,
        typer.Argument(
            metavar="RECORD",
            help="A partner, operation, glossary term or timeline entry id: only its sources.",
            callback=a_name,
        ),
    ] = None,
    *,
    style: Annotated[
        CiteStyle,
        typer.Option("--style", "-s", help="bibtex or csl-json.", **one_of(get_args(CiteStyle))),
    ] = "bibtex",
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

    from natopartners import citations, queries

    data = run.data
    found = queries.find_record(data, record) if record is not None else None
    sources, sections = views.cited_by(data, found, run.views.moment)
    if style == "bibtex":
        sys.stdout.write(citations.bibtex(sources, sections=sections))
    else:
        items = citations.csl_json(sources, sections=sections)
        sys.stdout.write(json.dumps(items, indent=2, ensure_ascii=False) + "\n")
