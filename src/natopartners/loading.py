"""Read a data file, parse its TOML or JSON and validate it, turning every failure into a DataError.

Nothing is cached on disk: every run reads the file and validates what it read. That is fast
enough by design: the bundled data is a JSON snapshot validated by pydantic-core in one call
with the garbage collector paused (it would otherwise walk the new objects again and again,
for nothing: validation makes no garbage cycles). What is returned cannot be changed (frozen
models holding tuples), so the bundled dataset is read once per process and shared.

Each problem becomes one line naming the file and the place: a line and column for a syntax
error, a record path such as ``partners[japan].contributions[0].operation`` otherwise. Names
and values taken from the input are escaped and cut by ``errors.shown``, so no message can
drive the terminal, and a problem-ridden file gives at most ``MAX_PROBLEMS`` lines.
"""

from __future__ import annotations

import codecs
import gc
import os
import re
import stat
import sys
import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from itertools import islice
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from natopartners.errors import DataError, shown
from natopartners.models import RECORD_KINDS, Dataset, reference_problems

MAX_BYTES = 16 * 1024 * 1024  # a TOML file: the pure-Python parser takes ~2 s a MiB
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
    return parse(raw, name, _format_of(name))


def _format_of(path: str | os.PathLike[str]) -> Format:
    """JSON for a name ending in ``.json`` (any case), TOML for every other name."""
    return "json" if os.fspath(path).lower().endswith(".json") else "toml"


def load_file(path: str | os.PathLike[str]) -> Dataset:
    """Read and validate a user's data file: JSON if its name ends in ``.json``, else TOML.

    Both hold the same tables and keys (``natopartners schema data``); dates are strings in
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


def parse(raw: bytes, name: str, form: Format = "toml") -> Dataset:
    """Decode, parse and validate the bytes of a data file called ``name`` in messages.

    A UTF-8 byte-order mark is skipped. Nesting deeper than the parsers or the validator can
    follow is reported as such, whatever raised the RecursionError.
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
        with _gc_paused():
            if form == "json":
                del text  # pydantic-core reads the bytes: a second copy of a large file is spared
                return _from_json(body, name)
            return validate(_toml(text, name), name)
    except RecursionError:
        raise DataError([f"{name}: nested too deeply to be read"]) from None


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: validation makes hundreds of thousands of objects
    and no garbage cycles, so each collection it would trigger walks them all for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _toml(text: str, name: str) -> Mapping[str, Any]:
    if sys.version_info >= (3, 11):  # imported here: the bundled JSON snapshot needs no TOML
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataError([f"{name}: not valid TOML: {error}"]) from None


def _from_json(body: bytes, name: str) -> Dataset:
    """Validate UTF-8 JSON in one pass of pydantic-core; only a file with problems is also
    read by ``json.loads``, to name the records in the messages."""
    try:
        data = Dataset.model_validate_json(body)
    except ValidationError as error:
        syntax = [e for e in error.errors(include_url=False) if e["type"] == "json_invalid"]
        if syntax:
            raise DataError([f"{name}: {_json_syntax(e)}" for e in syntax]) from None
        raise DataError(_problems(error, _json_document(body), name)) from None
    return _checked(data, name)


def _json_syntax(error: Mapping[str, Any]) -> str:
    """pydantic-core's complaint about the JSON text itself, with its line and column."""
    detail = str(error.get("ctx", {}).get("error") or error["msg"])
    if detail.startswith("recursion limit exceeded"):
        return "nested too deeply to be read" + detail.removeprefix("recursion limit exceeded")
    return f"not valid JSON: {detail}"


def _json_document(body: bytes) -> Mapping[str, Any]:
    """The JSON text as Python objects, used only to name records in messages; empty when
    ``json`` refuses what pydantic-core read (numbers beyond its digit limit, say)."""
    import json

    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return {}
    return document if isinstance(document, dict) else {}


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
