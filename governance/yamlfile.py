"""Reading a YAML file a person gave us (a body file, an attendance file) without ever
crashing on it: too large, not UTF-8 text, binary, nested too deeply or made of endless
aliases are each refused with a sentence that says what is wrong and what to do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MAX_DEPTH = 24
MAX_NODES = 100_000


class YamlFileError(ValueError):
    """One sentence, without the file's name (the caller adds it)."""


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML without implicit timestamps: dates stay text, as the schemas expect."""


_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _size(number: int) -> str:
    return f"{number / 1024:.0f} KB" if number < 1024 * 1024 else f"{number / 1024**2:.1f} MB"


def read_text(path: Path, *, max_bytes: int) -> str:
    """The file's text, refused if it is too large, binary, or not UTF-8."""
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise YamlFileError(
                f"is {_size(size)}; a file of this kind can be at most {_size(max_bytes)}. "
                "Check that it is the right file."
            )
        data = Path(path).read_bytes()
    except OSError as error:
        raise YamlFileError(f"cannot be read: {error.strerror}") from error
    if b"\x00" in data:
        raise YamlFileError("is not a text file. Give a YAML file, saved as UTF-8 text.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise YamlFileError(
            f"is not UTF-8 text (byte {data[error.start]:#04x} at position {error.start}). "
            "Save it as UTF-8 and try again."
        ) from error


def parse(text: str) -> Any:
    """The YAML document in ``text``, refused if it is not YAML, is nested more than
    ``MAX_DEPTH`` deep, or expands (through aliases) to more than ``MAX_NODES`` values.

    The shape is measured from the parser's events first, without building anything: the
    fast C loader builds nested values recursively, and must never be given a document that
    would exhaust its stack."""
    try:
        _check_shape(text)
        # _Loader is PyYAML's safe loader, which builds only plain values.
        return yaml.load(text, Loader=_Loader)  # nosec B506
    except RecursionError:
        raise YamlFileError(f"is nested too deeply (more than {MAX_DEPTH} levels).") from None
    except yaml.YAMLError as error:
        raise YamlFileError(f"is not valid YAML: {error}") from error


def _check_shape(text: str) -> None:
    """Depth and size from the event stream; an alias counts as all it stands for."""
    sizes: dict[str, int] = {}
    open_nodes: list[list] = []  # [anchor, values so far] for each collection still open
    total = 0

    def add(count: int) -> None:
        nonlocal total
        total += count
        if open_nodes:
            open_nodes[-1][1] += count
        if total > MAX_NODES:
            raise YamlFileError(
                f"holds more than {MAX_NODES:,} values once its aliases are expanded; "
                "write it out without anchors and aliases."
            )

    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            open_nodes.append([event.anchor, 1])
            if len(open_nodes) > MAX_DEPTH:
                raise YamlFileError(f"is nested too deeply (more than {MAX_DEPTH} levels).")
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, count = open_nodes.pop()
            if anchor:
                sizes[anchor] = count
            add(count)
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor:
                sizes[event.anchor] = 1
            add(1)
        elif isinstance(event, yaml.AliasEvent):
            add(sizes.get(event.anchor, 1))


def load(path: Path, *, max_bytes: int) -> Any:
    return parse(read_text(path, max_bytes=max_bytes))
