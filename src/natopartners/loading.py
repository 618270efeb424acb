"""Read a data file, parse its TOML or JSON and validate it, turning every failure into a DataError.

Nothing is cached on disk: every run reads the file and validates what it read. That is fast
enough by design: the bundled data is a JSON snapshot validated by pydantic-core in one call.
The garbage collector is left alone (the console script runs with it off: validation makes
no garbage cycles). What is returned cannot be changed (frozen models holding tuples), so the
bundled dataset is read once per process and shared.

Each problem becomes one line naming the file and the place: a line and column for a syntax
error, a record path such as ``partners[japan].contributions[0].operation`` otherwise, and both
for a key a JSON object gives twice (TOML's parser refuses those as syntax errors). Names
and values taken from the input are escaped and cut by ``errors.shown``, so no message can
drive the terminal, and a problem-ridden file gives at most ``MAX_PROBLEMS`` lines.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from itertools import islice
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from natopartners.errors import DataError, shown
from natopartners.models import RECORD_KINDS, Dataset, reference_problems

MAX_BYTES = 16 * 1024 * 1024  # a TOML file: the pure-Python parser, ~0.2 s a MiB (BENCHMARKS.md)
MAX_JSON_BYTES = 128 * 1024 * 1024  # a JSON file, parsed in pydantic-core: a generated dataset
MAX_PROBLEMS = 100  # lines of problems reported; the rest are counted
NAME_LIMIT = 240  # characters of a file name echoed: real paths fit, a 100 kB argument is cut
Format = Literal["toml", "json"]


@cache
def bundled_dataset() -> Dataset:
    """The dataset shipped inside the package, read and validated once per process."""
    from natopartners.resources import bundled_data

    try:
        name, raw = bundled_data()
    except OSError as error:
        raise DataError([f"the bundled data cannot be read ({_reason(error)})"]) from None
    # The snapshot is json.dumps of the parsed TOML, which refuses a repeated key itself.
    return parse(raw, name, _format_of(name), unique_keys=True)


def _format_of(path: str | os.PathLike[str]) -> Format:
    """JSON for a name ending in ``.json`` (any case), TOML for every other name."""
    return "json" if os.fspath(path).lower().endswith(".json") else "toml"


def load_file(path: str | os.PathLike[str]) -> Dataset:
    """Read and validate a user's data file: JSON if its name ends in ``.json``, else TOML.

    Both hold the same tables and keys (``natopartners schema dataset``); dates are strings in
    either. Only a regular file is read, of at most ``MAX_BYTES`` (TOML) or
    ``MAX_JSON_BYTES`` (JSON, the form of generated datasets): a directory, a FIFO, a
    device or a socket is refused at once, without waiting for a writer. Pass the path as
    the user typed it: an empty string is refused, while ``Path("")`` would mean ``.``.
    """
    text = os.fspath(path)
    name = shown(text, NAME_LIMIT, quote_plain=False)
    if not text:
        raise DataError(["the data file's name is empty: give the path of a .toml or .json file"])
    form = _format_of(text)
    limit = MAX_JSON_BYTES if form == "json" else MAX_BYTES
    return parse(_read(text, name, limit), name, form)


def _read(path: str, name: str, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit``, or a DataError saying
    why not."""
    # O_NONBLOCK: opening a FIFO for reading must not wait for a writer (it is refused below).
    if "\0" in path:  # os.open would raise ValueError: no file has such a name
        raise DataError([f"{name}: no such file (a file name cannot hold a NUL character)"])
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise DataError([f"{name}: {_reason(error)}"]) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise DataError([f"{name}: {_kind(mode)}, not a data file"])
        with open(descriptor, "rb", closefd=False) as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        raise DataError([f"{name}: {_reason(error)}"]) from None
    finally:
        os.close(descriptor)
    if len(raw) > limit:
        raise DataError([f"{name}: larger than {limit // (1024 * 1024)} MiB, refusing to load"])
    return raw


def _reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"cannot be read ({error.strerror or type(error).__name__})"


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "is a directory"),
        (stat.S_ISFIFO, "is a named pipe (FIFO)"),
        (stat.S_ISCHR, "is a character device"),
        (stat.S_ISBLK, "is a block device"),
        (stat.S_ISSOCK, "is a socket"),
    )
    return next((kind for test, kind in kinds if test(mode)), "is not a regular file")


def parse(raw: bytes, name: str, form: Format = "toml", *, unique_keys: bool = False) -> Dataset:
    """Decode, parse and validate the bytes of a data file called ``name`` in messages.

    A UTF-8 byte-order mark is skipped. Nesting deeper than the parsers or the validator can
    follow is reported as such, whatever raised the RecursionError. An object that gives a key
    twice is refused in JSON as TOML refuses it; ``unique_keys`` skips that scan of a valid
    JSON file, for a caller who knows it was written from parsed data (the bundled snapshot).
    """
    body = raw.removeprefix(codecs.BOM_UTF8)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        at = error.start + len(raw) - len(body)  # counted from the file's first byte
        raise DataError([f"{name}: not UTF-8 text (byte {at})"]) from None
    if not text or text.isspace():
        raise DataError([f"{name}: the file is empty"])
    try:
        if form == "json":
            del text  # pydantic-core reads the bytes: a second copy of a large file is spared
            return _from_json(body, name, scan=not unique_keys)
        return validate(_toml(text, name), name)
    except RecursionError:
        raise DataError([f"{name}: nested too deeply to be read"]) from None


def _toml(text: str, name: str) -> Mapping[str, Any]:
    if sys.version_info >= (3, 11):  # imported here: the bundled JSON snapshot needs no TOML
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataError([f"{name}: not valid TOML: {error}"]) from None


def _from_json(body: bytes, name: str, *, scan: bool = True) -> Dataset:
    """Validate UTF-8 JSON in one pass of pydantic-core; only a file with problems is also
    read by ``json.loads``, to name the records in the messages.

    pydantic-core keeps the last of a key an object gives twice, where TOML refuses the file:
    a file that validates is scanned for repeated keys by the standard library's C parser,
    keeping nothing (0.1 s for 20 MB, a tenth of the validation), unless ``scan`` is false;
    a file that does not is read by ``json.loads`` anyway, and that read notes them. Only
    then is the text walked again to place each repeat (2 s for 20 MB). Repeated keys are
    reported alone, as TOML reports them: what the other problems are depends on which value
    a reader keeps.
    """
    try:
        data = Dataset.model_validate_json(body)
    except ValidationError as error:
        syntax = [e for e in error.errors(include_url=False) if e["type"] == "json_invalid"]
        if syntax:
            raise DataError([f"{name}: {_json_syntax(e)}" for e in syntax]) from None
        document, repeats = _json_document(body)
        if repeats:
            raise DataError(_repeated_keys(body, document, name)) from None
        raise DataError(_problems(error, document, name)) from None
    if scan and _repeats_a_key(body):
        raise DataError(_repeated_keys(body, _json_document(body)[0], name))
    return _checked(data, name)


def _json_syntax(error: Mapping[str, Any]) -> str:
    """pydantic-core's complaint about the JSON text itself, with its line and column."""
    detail = str(error.get("ctx", {}).get("error") or error["msg"])
    if detail.startswith("recursion limit exceeded"):
        return "nested too deeply to be read" + detail.removeprefix("recursion limit exceeded")
    return f"not valid JSON: {detail}"


def _json_document(body: bytes) -> tuple[Mapping[str, Any], bool]:
    """The JSON text as Python objects, used only to name records in messages (integers stay
    text: ``int`` refuses some that pydantic-core reads), and whether an object in it gives a
    key twice; empty when ``json`` refuses what pydantic-core read."""
    import json

    repeats = False

    def pairs_to_dict(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeats
        kept = dict(pairs)
        repeats = repeats or len(kept) < len(pairs)
        return kept

    try:
        document = json.loads(body, object_pairs_hook=pairs_to_dict, parse_int=str)
    except (ValueError, RecursionError):
        return {}, False
    return (document if isinstance(document, dict) else {}), repeats


class _Repeated(Exception):
    """An object gives a key twice."""


def _no_repeats(pairs: list[tuple[str, Any]]) -> None:
    if len(pairs) > 1 and len(dict(pairs)) < len(pairs):
        raise _Repeated


def _repeats_a_key(body: bytes) -> bool:
    """Whether an object in the JSON text gives a key twice (keys compared as decoded, so
    ``"na\\u006de"`` is ``"name"``). Objects become None and numbers stay text: the scan
    keeps nothing and cannot fail on a number ``int`` refuses."""
    import json

    try:
        json.loads(body, object_pairs_hook=_no_repeats, parse_int=str, parse_float=str)
    except _Repeated:
        return True
    except ValueError:  # what pydantic-core read and json cannot: walked as far as it can be
        return bool(_repeats(body.decode("utf-8")))
    except RecursionError:  # deeper than a valid dataset can be
        return False
    return False


def _repeated_keys(body: bytes, document: Mapping[str, Any], name: str) -> list[str]:
    """One line for each key an object of the JSON text repeats, with its place: the record
    path (named as in every other message) and the line and column of the repeat."""
    text = body.decode("utf-8")
    found = _repeats(text)
    places = _places(text, (at for _, at, _ in found))
    lines = (
        f"{name}: {_location(document, loc)}: key given {_times(times)} ({place})"
        for (loc, _, times), place in zip(found, places, strict=True)
    )
    return _at_most(lines, name, len(found)) or [f"{name}: an object gives a key twice"]


def _times(times: int) -> str:
    return "twice" if times == 2 else f"{times} times"


_SPACE = re.compile(r"[ \t\n\r]+")


def _past(pattern: re.Pattern[str], text: str, at: int) -> int:
    """Where the run of ``pattern`` that starts at ``at`` ends (``at`` if there is none)."""
    run = pattern.match(text, at)
    return run.end() if run else at


def _repeats(text: str) -> list[tuple[tuple[int | str, ...], int, int]]:
    """The path, offset and count so far of each key that an object of the JSON ``text``
    gives again, in the order of the text; keys decoded as ``json`` decodes them, and no
    object or array built. The text is valid JSON (``json`` or pydantic-core parsed it
    first); one cut short ends the search."""
    import json

    decode = json.JSONDecoder(parse_int=str, parse_float=str).raw_decode  # a string or scalar
    found: list[tuple[tuple[int | str, ...], int, int]] = []
    path: list[int | str] = []  # to the value being read
    keys: list[dict[str, int] | None] = []  # for each object open, its keys so far (None: array)

    def read_key(at: int) -> int:  # at the key's opening quote; returns where its value starts
        key, end = decode(text, at)
        seen = keys[-1]
        assert seen is not None
        times = seen[key] = seen.get(key, 0) + 1
        if times > 1:
            found.append(((*path, key), at, times))
        path.append(key)
        return _past(_SPACE, text, end) + 1  # past the colon

    at = 0
    try:
        while True:
            at = _past(_SPACE, text, at)  # a value starts here
            char = text[at]
            if char in "{[":
                first = _past(_SPACE, text, at + 1)
                if text[first] not in "}]":
                    keys.append({} if char == "{" else None)
                    if char == "{":
                        at = read_key(first)
                    else:
                        path.append(0)
                        at = first
                    continue
                at = first + 1  # {} or []
            else:
                at = decode(text, at)[1]
            while keys:  # the value ended: close what it ends, up to the next comma
                at = _past(_SPACE, text, at)
                if text[at] != ",":
                    at += 1
                    keys.pop()
                    path.pop()
                    continue
                at = _past(_SPACE, text, at + 1)
                if keys[-1] is None:
                    index = path.pop()
                    assert isinstance(index, int)
                    path.append(index + 1)
                else:
                    path.pop()
                    at = read_key(at)
                break
            else:
                return found
    except (IndexError, ValueError):  # text cut short: what was found so far
        return found


def _places(text: str, offsets: Iterable[int]) -> Iterator[str]:
    """``line L, column C`` (both from 1) of each of ``offsets``, given in increasing order."""
    line, line_start, counted = 1, 0, 0
    for at in offsets:
        line += text.count("\n", counted, at)
        newline = text.rfind("\n", counted, at)
        if newline >= 0:
            line_start = newline + 1
        counted = at
        yield f"line {line}, column {at - line_start + 1}"


def validate(document: Mapping[str, Any], name: str) -> Dataset:
    """Validate a parsed document against the schema and its cross-references."""
    try:
        data = Dataset.model_validate(document)
    except ValidationError as error:
        raise DataError(_problems(error, document, name)) from None
    return _checked(data, name)


def _checked(data: Dataset, name: str) -> Dataset:
    """``data``, if every id it refers to exists (the checks a schema cannot express)."""
    problems = (f"{name}: {path}: {message}" for path, message in reference_problems(data))
    found = _at_most(problems, name)
    if found:
        raise DataError(found)
    return data


def _problems(error: ValidationError, document: Mapping[str, Any], name: str) -> list[str]:
    found = _causes(error.errors(include_url=False))
    lines = (f"{name}: {_location(document, e['loc'])}: {_message(e)}" for e in found)
    return _at_most(lines, name, len(found))


def _causes(errors: list[Any]) -> list[Any]:
    """The errors, but a list's "too short" where its items had errors of their own: the
    items that failed are not counted, so that one says nothing more."""
    failed = {
        tuple(e["loc"][:i]) for e in errors for i, part in enumerate(e["loc"]) if type(part) is int
    }
    return [e for e in errors if not (e["type"] == "too_short" and tuple(e["loc"]) in failed)]


def _at_most(problems: Iterator[str], name: str, count: int | None = None) -> list[str]:
    """The first ``MAX_PROBLEMS`` problems, and a line saying how many others there are (when
    ``count`` tells; the rest of ``problems`` is not computed)."""
    kept = list(islice(problems, MAX_PROBLEMS + 1))
    if len(kept) > MAX_PROBLEMS:
        others = f"{count - MAX_PROBLEMS} more" if count is not None else "more"
        kept[MAX_PROBLEMS:] = [f"{name}: … and {others} problems"]
    return kept


def _location(document: Mapping[str, Any], loc: Iterable[int | str]) -> str:
    """``('partners', 3, 'iso3')`` → ``partners[korea].iso3`` (an index if no id)."""
    text = ""
    node: Any = document
    for part in loc:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            named = isinstance(ident, str) and _ID.fullmatch(ident) and text in _KINDS
            text += f"[{ident}]" if named else f"[{part}]"
            node = item
        else:
            # A key that is not a plain name is quoted, so odd or control characters show.
            key = part if _PLAIN_KEY.fullmatch(part) else f"[{shown(part)}]"
            text += f".{key}" if text and not key.startswith("[") else key
            node = node.get(part) if isinstance(node, dict) else None
    return text or "(top level)"


_KINDS = frozenset(RECORD_KINDS)
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]{1,80}")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # only a valid id names a record in a message


def _message(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    if kind == "extra_forbidden":
        from difflib import get_close_matches

        key = str(loc[-1])
        allowed = _fields_at(loc[:-1])
        close = get_close_matches(key, allowed, n=1)
        hint = (
            f" (did you mean {close[0]!r}?)"
            if close
            else f" (expected one of: {', '.join(allowed)})"
        )
        return f"unknown key {shown(key)}{hint}"
    if kind == "missing":
        return "required key is missing"
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind == "tuple_type":  # the models hold tuples; the file writes arrays
        message, kind = "Input should be a valid list", "list_type"
    elif kind == "too_short":
        message = message.replace("Tuple should", "List should")
    if kind in {"string_type", "int_type", "list_type", "model_type", "bool_type"}:
        return f"{message} (got {_echo(error.get('input'))})"
    return message


def _echo(value: object) -> str:
    """A value from the input as a message shows it: its type, and the value itself when it
    is short (a 300,000-element list is described, not printed)."""
    kind = type(value).__name__
    if isinstance(value, str):
        return f"{kind}: {shown(value)}"
    try:
        text = repr(value)  # strings inside are escaped by repr
    except ValueError:  # an int beyond Python's limit on digits in a string
        text = ""
    if text and len(text) <= _ECHO_LIMIT:
        return f"{kind}: {text}"
    if isinstance(value, (list, dict)):
        return f"{kind} of {len(value)} item{'s' if len(value) != 1 else ''}"
    return f"a long {kind}"


_ECHO_LIMIT = 80


def _fields_at(loc: tuple[int | str, ...]) -> list[str]:
    """The keys allowed by the model found at ``loc`` inside a Dataset."""
    model: type[BaseModel] = Dataset
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return []
        found = _model_in(field.annotation)
        if found is None:
            return []
        model = found
    return list(model.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside ``list[Model]``, ``Model | None`` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, tuple, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
