"""Find a data file, parse its TOML and validate it, turning every failure into a DataError.

The bundled file is read through ``importlib.resources``; a user's file through its path.
Each problem becomes one line naming the file and the place: a line and column for TOML
syntax, a record path such as ``partners[japan].contributions[0].operation`` otherwise.
"""

from __future__ import annotations

import re
import sys
import types
import typing
from collections.abc import Iterable, Mapping
from difflib import get_close_matches
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from natopartners.errors import DataError
from natopartners.models import RECORD_KINDS, Dataset, reference_problems

MAX_BYTES = 16 * 1024 * 1024
BUNDLED_NAME = "partners.toml"


def bundled_dataset() -> Dataset:
    """The dataset shipped inside the package, parsed once per process."""
    return _bundled()


@cache
def _bundled() -> Dataset:
    from natopartners.resources import bundled_data

    name, raw = bundled_data()
    return _validated(raw, name)


def load_file(path: Path) -> Dataset:
    """Read and validate a user's data file."""
    name = str(path)
    try:
        if path.is_dir():
            raise DataError([f"{name}: is a directory, not a data file"])
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise DataError([f"{name}: no such file"]) from None
    except PermissionError:
        raise DataError([f"{name}: permission denied"]) from None
    except OSError as error:
        raise DataError([f"{name}: cannot be read ({error.strerror or error})"]) from None
    if len(raw) > MAX_BYTES:
        raise DataError([f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MiB, refusing to load"])
    return _validated(raw, name)


def _validated(raw: bytes, name: str) -> Dataset:
    """The dataset in ``raw``: from the cache when these exact bytes were validated before."""
    from natopartners import cache

    entry = cache.key(raw)
    found = cache.load(entry)
    if found is None:
        found = parse(raw, name)
        cache.store(entry, found)
    return found


def parse(raw: bytes, name: str) -> Dataset:
    """Decode, parse and validate the bytes of a data file called ``name`` in messages."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError([f"{name}: not UTF-8 text (byte {error.start})"]) from None
    if not text.strip():
        raise DataError([f"{name}: the file is empty"])
    if sys.version_info >= (3, 11):  # imported here: a dataset read from the cache needs no TOML
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataError([f"{name}: not valid TOML: {error}"]) from None
    return validate(document, name)


def validate(document: Mapping[str, Any], name: str) -> Dataset:
    """Validate a parsed document against the schema and its cross-references."""
    try:
        data = Dataset.model_validate(document)
    except ValidationError as error:
        raise DataError(
            [f"{name}: {_location(document, e['loc'])}: {_message(e)}" for e in error.errors()]
        ) from None
    problems = [f"{name}: {path}: {message}" for path, message in reference_problems(data)]
    if problems:
        raise DataError(problems)
    return data


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
            key = part if _PLAIN_KEY.fullmatch(part) else f"[{part!r}]"
            text += f".{key}" if text and not key.startswith("[") else key
            node = node.get(part) if isinstance(node, dict) else None
    return text or "(top level)"


_KINDS = frozenset(RECORD_KINDS)
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # only a valid id names a record in a message


def _message(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _fields_at(loc[:-1])
        close = get_close_matches(key, allowed, n=1)
        hint = (
            f" (did you mean {close[0]!r}?)"
            if close
            else f" (expected one of: {', '.join(allowed)})"
        )
        return f"unknown key {key!r}{hint}"
    if kind == "missing":
        return "required key is missing"
    message = str(error["msg"])
    message = message.removeprefix("Value error, ")
    if kind in {"string_type", "int_type", "list_type", "model_type", "bool_type"}:
        return f"{message} (got {type(error.get('input')).__name__}: {error.get('input')!r})"
    return message


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
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
