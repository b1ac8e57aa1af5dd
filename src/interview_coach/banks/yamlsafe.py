"""Reading YAML from strangers: plain data with every value's position, and every trap refused.

The C parser (libyaml) yields events; this module builds plain Python data from them with an
explicit stack, never recursion, so it can refuse what ``yaml.safe_load`` would accept or crash
on: duplicate keys, tags beyond the core schema (never constructed), alias-expansion bombs
(sized without expanding them), nesting deeper than :data:`MAX_DEPTH`, files too big or not
UTF-8. Scalars that YAML 1.1 turned into booleans, numbers or dates keep their original
spelling, so a message can say "write it in quotes".
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from interview_coach._util.errors import Problem
from interview_coach._util.gcpause import gc_paused

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 100
MAX_EXPANSION = 100_000  # values that aliases may add in total
MAX_ALIASES = 10_000
MAX_PROBLEMS = 200  # per file: past this, a list of problems helps nobody (and costs time)
CLIP = 60

KeyPath = tuple[str | int, ...]
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "null", "bool", "int", "float", "timestamp")}
_CONTAINER_TAGS = {None, "!", f"{_CORE}map", f"{_CORE}seq"}
_STR = f"{_CORE}str"
_KIND_NAMES = {"int": "a whole number", "float": "a number", "timestamp": "a date", "bool": "yes/no"}
_BOM = b"\xef\xbb\xbf"
_CONSTRUCTOR = SafeConstructor()
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers  # first character -> [(tag, regexp)]


class YamlFatal(Exception):
    """Reading stopped: the file cannot be turned into data at all."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


@dataclass
class Document:
    """Plain data read from one file, with where each key path came from."""

    data: Any
    raw: bytes
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    spellings: dict[KeyPath, str] = field(default_factory=dict)
    refused: set[KeyPath] = field(default_factory=set)

    def position(self, path: KeyPath) -> tuple[int, int]:
        """The 1-based (line, column) of ``path``, or of its nearest recorded parent."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


def clip(text: object, limit: int = CLIP) -> str:
    """At most ``limit`` characters of ``text``, with control characters made visible."""
    value = str(text)
    short = value[:limit] + ("…" if len(value) > limit else "")
    return short.encode("unicode_escape").decode("ascii") if not short.isprintable() else short


def format_path(path: KeyPath) -> str:
    """``("questions", 3, "prompt")`` as ``questions[3].prompt``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{clip(part, 40)}" if out else clip(part, 40))
    return out


def read_document(
    path: Path, display: str, positions: bool = True
) -> tuple[Document | None, list[Problem]]:
    """Read and parse one YAML file; ``None`` and the problems when it cannot be read at all.

    With ``positions`` false, only problems found while parsing carry positions: a quicker
    first pass for files that are probably fine (read again with positions when they are not).
    """
    builder = _Builder(b"", track=positions)
    try:
        raw = read_capped(path)
        text = decode(raw)
        builder = _Builder(raw, track=positions)
        with gc_paused():
            builder.run(text)
    except YamlFatal as fatal:
        found = [Problem(display, ln, col, format_path(p), msg) for ln, col, p, msg in builder.problems]
        return None, [*found, Problem(display, fatal.line, fatal.column, "", fatal.message)]
    except OSError as exc:
        return None, [Problem(display, 0, 0, "", f"cannot read the file: {exc.strerror or exc}")]
    except ValueError:  # a name holding a NUL byte
        return None, [Problem(display, 0, 0, "", "cannot read the file: the name holds a NUL character")]
    problems = [Problem(display, ln, col, format_path(p), msg) for ln, col, p, msg in builder.problems]
    return builder.document, problems


class LazyPositions(Mapping[KeyPath, int]):
    """Key path -> line, worked out from the file's bytes the first time anyone asks.

    Most loaded banks are never asked where a key is, so their positions are not recorded
    while loading; a linter or an editor that asks pays for one more parse, once.
    """

    def __init__(self, raw: bytes) -> None:
        self._raw = raw
        self._lines: dict[KeyPath, int] | None = None

    def _table(self) -> dict[KeyPath, int]:
        if self._lines is None:
            builder = _Builder(self._raw)
            try:
                with gc_paused():
                    builder.run(decode(self._raw))
            except YamlFatal:
                pass  # the bytes loaded once, so this cannot happen; no positions then
            self._lines = {key: line for key, (line, _column) in builder.positions.items()}
            self._raw = b""
        return self._lines

    def __getitem__(self, key: KeyPath) -> int:
        return self._table()[key]

    def __iter__(self) -> Iterator[KeyPath]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


def read_capped(path: Path) -> bytes:
    """The file's bytes, refusing (before reading) anything over :data:`MAX_BYTES`."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
        raise YamlFatal(0, 0, "not a regular file")
    if info.st_size > MAX_BYTES:
        size = info.st_size / (1024 * 1024)
        raise YamlFatal(1, 1, f"the file is {size:.1f} MB, over the {MAX_BYTES // 2**20} MB limit for a bank")
    with path.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)  # a special file may claim size 0 and never end
    if len(raw) > MAX_BYTES:
        raise YamlFatal(1, 1, f"the file is over the {MAX_BYTES // 2**20} MB limit for a bank")
    return raw


def decode(raw: bytes) -> str:
    """UTF-8 text (a byte-order mark dropped), or a message naming the first bad byte's line."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlFatal(1, 1, "the file is UTF-16 text: save it as UTF-8")
    body = raw[len(_BOM):] if raw.startswith(_BOM) else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_col(body, exc.start)
        raise YamlFatal(
            line, column, f"not UTF-8 text: byte 0x{body[exc.start]:02x} cannot be read; save the file as UTF-8"
        ) from None
    if "\x00" in text:
        line, column = _line_col(body, body.index(b"\x00"))
        raise YamlFatal(line, column, "the file holds NUL bytes: it is not a text file")
    return text


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


_NO_KEYS: dict[str, int] = {}  # shared by sequences, which never add to it


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = ("anchor", "is_map", "key", "key_pos", "merges", "path", "seen", "size", "value")

    def __init__(self, value: dict[str, Any] | list[Any], path: KeyPath, anchor: str | None) -> None:
        self.value: Any = value  # dict or list, told apart by is_map (cheaper than isinstance)
        self.is_map = isinstance(value, dict)
        self.path = path
        self.anchor = anchor
        self.size = 1
        self.key: str | None = None  # mapping: the key waiting for its value
        self.key_pos = (0, 0)
        self.seen: dict[str, int] = {} if self.is_map else _NO_KEYS
        self.merges: list[tuple[Any, tuple[int, int]]] = []


_PENDING = object()  # an anchor whose value is still being built
_DISCARD = "\x00discard"  # the key of a duplicate: its value is read and dropped
_COMPLEX = "\x00complex"  # a list or mapping used as a key: read, then its value is dropped
_SPECIAL_KEYS = frozenset((_DISCARD, _COMPLEX, "<<"))


class _Builder:
    """Turns parser events into plain data, recording positions and problems."""

    def __init__(self, raw: bytes, track: bool = True) -> None:
        self.document = Document(None, raw)
        self.track = track  # record every value's position (off for a quick first pass)
        self.problems: list[tuple[int, int, KeyPath, str]] = []
        self.stack: list[_Frame] = []
        self.top: _Frame | None = None
        self.positions = self.document.positions  # a shortcut: used for almost every event
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expansion = 0
        self.aliases = 0
        self.documents = 0
        self.text = ""

    def run(self, text: str) -> None:
        """Parse ``text`` to the end, or raise :class:`YamlFatal`."""
        self.text = text
        loader = _Loader(text)
        try:
            self._consume(loader)
        except yaml.MarkedYAMLError as exc:
            raise self._syntax_error(exc) from None
        except yaml.reader.ReaderError as exc:
            raise self._reader_error(exc) from None
        except yaml.YAMLError as exc:
            raise YamlFatal(1, 1, f"YAML error: {clip(exc, 120)}") from None
        finally:
            loader.dispose()
        if self.documents == 0:
            raise YamlFatal(1, 1, "the file is empty")

    def _consume(self, loader: Any) -> None:
        handlers = {
            yaml.MappingStartEvent: self._mapping_start,
            yaml.SequenceStartEvent: self._sequence_start,
            yaml.MappingEndEvent: self._end,
            yaml.SequenceEndEvent: self._end,
            yaml.AliasEvent: self._alias,
            yaml.DocumentStartEvent: self._document_start,
        }
        get_event, scalar, scalar_type = loader.get_event, self._scalar, yaml.ScalarEvent
        while (event := get_event()) is not None:
            kind = type(event)
            if kind is scalar_type:
                scalar(event)  # most events: checked first, without a dictionary look-up
            elif kind in handlers:
                handlers[kind](event)

    def _document_start(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            line = event.start_mark.line + 1
            raise YamlFatal(line, 1, "a bank file holds one YAML document; a second one starts here")

    # -- scalars -----------------------------------------------------------------------------

    def _scalar(self, event: Any) -> None:
        # The hot path of the whole loader (most events are scalars): kept flat on purpose.
        # A scalar is surely text when untagged and quoted, or plain but starting with a
        # character no YAML 1.1 resolver looks at (most words); the rest go the long way.
        mark = event.start_mark
        pos = (mark.line + 1, mark.column + 1)
        top = self.top
        surely_text = event.tag is None and (not event.implicit[0] or event.value[:1] not in _IMPLICIT)
        if event.anchor is not None:
            self._anchored_scalar(event, pos)
        elif top is None:
            self._add(self._scalar_value(event, (), pos), 1, (), pos)
        elif not top.is_map:
            path = (*top.path, len(top.value))
            top.value.append(event.value if surely_text else self._scalar_value(event, path, pos))
            top.size += 1
            if self.track:
                self.positions[path] = pos
        elif top.key is None:
            self._key(top, event, pos)
        elif top.key in _SPECIAL_KEYS:
            self._add(self._scalar_value(event, (*top.path, top.key), pos), 1, (), pos)
        else:
            key = top.key
            top.value[key] = event.value if surely_text else self._scalar_value(event, (*top.path, key), pos)
            top.key = None
            top.size += 1

    def _anchored_scalar(self, event: Any, pos: tuple[int, int]) -> None:
        """A scalar with an ``&anchor``: placed the long way, then remembered for aliases."""
        top = self.top
        if top is not None and top.is_map and top.key is None:
            self._key(top, event, pos)
            self.anchors[event.anchor] = (event.value, 1)
            return
        path = self._child_path()
        value = self._scalar_value(event, path, pos)
        self.anchors[event.anchor] = (value, 1)
        self._add(value, 1, path, pos)

    def _scalar_value(self, event: Any, path: KeyPath, pos: tuple[int, int]) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return event.value
            tag = _resolve(event.value)
        if tag == _STR:
            return event.value
        if tag not in _SCALAR_TAGS:
            return self._refuse(path, pos, tag)
        value = self._construct(tag, event, path, pos)
        if event.implicit[0]:
            self.document.spellings[path] = event.value
        return value

    def _construct(self, tag: str, event: Any, path: KeyPath, pos: tuple[int, int]) -> Any:
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return SafeConstructor.yaml_constructors[tag](_CONSTRUCTOR, node)
        except (ValueError, TypeError, OverflowError, ConstructorError):
            kind = _KIND_NAMES.get(tag.rsplit(":", 1)[-1], "a value")
            self._problem(pos, path, f"'{clip(event.value)}' cannot be read as {kind}")
            self.document.refused.add(path)
            return None

    def _refuse(self, path: KeyPath, pos: tuple[int, int], tag: str) -> None:
        short = tag.replace(_CORE, "!!")
        self._problem(pos, path, f"the tag '{clip(short)}' is not allowed in a bank: remove it (tags are never run)")
        self.document.refused.add(path)

    # -- mappings and keys -------------------------------------------------------------------

    def _key(self, frame: _Frame, event: Any, pos: tuple[int, int]) -> None:
        key = event.value
        if event.tag is None and key not in frame.seen and key != "<<":
            frame.seen[key] = pos[0]  # the common case: a new plain key
            frame.key, frame.key_pos = key, pos
            if self.track:
                self.positions[(*frame.path, key)] = pos
            return
        is_merge = event.tag is None and event.implicit[0] and key == "<<"
        if event.tag not in (None, "!", _STR) and not is_merge:
            self._refuse((*frame.path, key), pos, event.tag)
        self._set_key(frame, "<<" if is_merge else key, pos)

    def _set_key(self, frame: _Frame, key: str, pos: tuple[int, int]) -> None:
        frame.key_pos = pos
        if key == "<<":
            frame.key = key
            return
        if key in frame.seen:
            self._problem(pos, (*frame.path, key), f"duplicate key '{clip(key)}' (first at line {frame.seen[key]})")
            frame.key = _DISCARD
            return
        frame.seen[key] = pos[0]
        frame.key = key
        self.positions.setdefault((*frame.path, key), pos)

    def _mapping_start(self, event: Any) -> None:
        self._container_start(event, {})

    def _sequence_start(self, event: Any) -> None:
        self._container_start(event, [])

    def _container_start(self, event: Any, value: dict[str, Any] | list[Any]) -> None:
        mark = event.start_mark
        pos = (mark.line + 1, mark.column + 1)
        top = self.top
        if top is not None and top.is_map and top.key is None:
            self._problem(pos, top.path, "a key must be plain text, not a list or mapping")
            top.key = _COMPLEX
        if len(self.stack) >= MAX_DEPTH:
            raise YamlFatal(pos[0], pos[1], f"nesting deeper than {MAX_DEPTH} levels: a bank never needs this")
        path = self._child_path()
        if event.tag not in _CONTAINER_TAGS:
            self._refuse(path, pos, event.tag)
        if self.track:
            self.positions.setdefault(path, pos)
        if event.anchor is not None:
            self.anchors[event.anchor] = (_PENDING, 0)
        self.top = _Frame(value, path, event.anchor)
        self.stack.append(self.top)

    def _end(self, event: Any) -> None:
        frame = self.stack.pop()
        self.top = self.stack[-1] if self.stack else None
        if frame.merges and isinstance(frame.value, dict):
            self._apply_merges(frame)
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.value, frame.size)
        pos = self.positions.get(frame.path, (1, 1))
        self._add(frame.value, frame.size, frame.path, pos)

    def _apply_merges(self, frame: _Frame) -> None:
        assert isinstance(frame.value, dict)
        for source, pos in frame.merges:
            sources = source if isinstance(source, list) else [source]
            if not all(isinstance(s, dict) for s in sources):
                self._problem(pos, frame.path, "'<<' merges mappings only")
                continue
            for mapping in sources:
                for key, value in mapping.items():
                    if key not in frame.value:
                        frame.value[key] = value
                        self.positions.setdefault((*frame.path, key), pos)

    # -- aliases -----------------------------------------------------------------------------

    def _alias(self, event: Any) -> None:
        mark = event.start_mark
        pos = (mark.line + 1, mark.column + 1)
        top = self.top
        if top is not None and top.is_map and top.key is None:
            self._problem(pos, top.path, "a key must be plain text, not an alias")
            top.key = _DISCARD
            return
        path = self._child_path()
        value, size = self._resolve_alias(event.anchor, pos, path)
        self.positions.setdefault(path, pos)
        self._add(value, size, path, pos)

    def _resolve_alias(self, name: str, pos: tuple[int, int], path: KeyPath) -> tuple[Any, int]:
        if name not in self.anchors:
            self._problem(pos, path, f"unknown alias '*{clip(name)}': no anchor '&{clip(name)}' before it")
            self.document.refused.add(path)
            return None, 1
        value, size = self.anchors[name]
        if value is _PENDING:
            raise YamlFatal(pos[0], pos[1], f"the alias '*{clip(name)}' refers to the value that contains it")
        self.aliases += 1
        self.expansion += size
        if self.aliases > MAX_ALIASES:
            raise YamlFatal(pos[0], pos[1], f"more than {MAX_ALIASES:,} aliases: refused (an alias bomb?)")
        if self.expansion > MAX_EXPANSION:
            raise YamlFatal(
                pos[0], pos[1],
                f"aliases expand to more than {MAX_EXPANSION:,} values: refused (an alias bomb?)",
            )
        return value, size

    # -- placing values ----------------------------------------------------------------------

    def _child_path(self) -> KeyPath:
        top = self.top
        if top is None:
            return ()
        if not top.is_map:
            return (*top.path, len(top.value))
        return (*top.path, top.key if top.key is not None else _DISCARD)

    def _add(self, value: Any, size: int, path: KeyPath, pos: tuple[int, int]) -> None:
        top = self.top
        if top is None:
            self.document.data = value
            return
        top.size += size
        if not top.is_map:
            if self.track:
                self.positions[path] = pos
            top.value.append(value)
            return
        key, top.key = top.key, None
        if key == _COMPLEX:
            top.key = _DISCARD  # the complex key is done; its value comes next
        elif key == "<<":
            top.merges.append((value, top.key_pos))
        elif key != _DISCARD:
            top.value[key] = value

    def _problem(self, pos: tuple[int, int], path: KeyPath, message: str) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            raise YamlFatal(pos[0], pos[1], f"more than {MAX_PROBLEMS} problems: stopped reading here")
        self.problems.append((pos[0], pos[1], path, message))

    # -- syntax errors -----------------------------------------------------------------------

    def _reader_error(self, exc: yaml.reader.ReaderError) -> YamlFatal:
        """A character YAML does not allow in a file (a raw control character)."""
        before = self.text[: max(exc.position, 0)]
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
        return YamlFatal(
            line, column,
            f"the character U+{code:04X} is not allowed in YAML text; in double quotes write it as \\x{code:02x}",
        )

    def _syntax_error(self, exc: yaml.MarkedYAMLError) -> YamlFatal:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        column = mark.column + 1 if mark is not None else 1
        tab = _tab_near(self.text, line)
        if tab is not None:
            return YamlFatal(tab[0], tab[1], "a tab in the indentation: YAML indents with spaces only")
        problem = str(exc.problem or "syntax error")
        if "maximum nesting depth" in problem:
            return YamlFatal(line, column, f"nesting deeper than {MAX_DEPTH} levels: a bank never needs this")
        from interview_coach.banks.indentation import explain_syntax_error

        if (plain := explain_syntax_error(self.text, line, problem)) is not None:
            return YamlFatal(*plain)
        context = f" ({clip(exc.context, 80)}{_started(exc, line)})" if exc.context else ""
        return YamlFatal(line, column, f"YAML syntax error: {clip(problem, 120)}{context}")


def _started(exc: yaml.MarkedYAMLError, line: int) -> str:
    """`` started at line N`` when the construct that failed began on an earlier line."""
    mark = exc.context_mark
    if mark is None or mark.line + 1 >= line:
        return ""
    return f" started at line {mark.line + 1}"




def _resolve(value: str) -> str:
    """The core tag YAML 1.1 gives a plain scalar (what ``Resolver.resolve`` does, faster)."""
    for tag, pattern in _IMPLICIT.get(value[:1], ()):
        if pattern.match(value):
            return str(tag)
    return _STR


_LEADING = re.compile(r"[ \t]*")


def _tab_near(text: str, line: int) -> tuple[int, int] | None:
    """A tab in the indentation of the error's line or the line before it."""
    lines = text.splitlines()
    for number in (line, line - 1):
        if 1 <= number <= len(lines):
            indent = _LEADING.match(lines[number - 1])
            if indent is not None and "\t" in indent.group():
                return number, indent.group().index("\t") + 1
    return None
