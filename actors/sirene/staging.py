"""Copying a SIRENE stock file, as it is, into a staging table of PostgreSQL (COPY).

The header line is read here; the rest of the file (decompressed on the fly from a .zip) goes
to `COPY ... (FORMAT csv)` untouched, in segments of about SEGMENT bytes, so that the progress
bar moves between two COPY statements and memory holds one read block. A segment ends at the
end of a record: a line break outside quotes, that is after an even count of quote characters
(a doubled quote inside a quoted field closes and reopens it), which is how PostgreSQL splits
CSV input into records too.

The staging table has one text column per header column, named by position (c0, c1...), never
by the text of the header, and a `line` column: the file line of the record, the header being
line 1. It is exact when every record holds on one line (`Staged.lines_exact`).

Whatever COPY refuses (a row with the wrong number of columns, text that is not UTF-8, a broken
archive), the few headers read differently here than by the csv module, a quote in the middle
of a value (the csv module keeps it, COPY opens a quoted part there) and a line ending with
a backslash and a dot (the end-of-data marker of COPY) raise NotCopyable:
the caller then leaves the file to the Python reading, which reports where it is wrong.
"""

import csv
import re
from typing import NamedTuple

from psycopg2 import sql
from psycopg2.errors import QueryCanceled

from actors.sirene import parsing

BLOCK = 1 << 20
SEGMENT = 32 << 20
MAX_COLUMNS = 1600  # PostgreSQL's limit on the columns of a table
MAX_HEADER = 1 << 20


# A quote between two ordinary characters: never in well-formed CSV (a quote opens a value,
# closes it before a comma or a line break, or is doubled), and read otherwise by the csv
# module (kept as a character of an unquoted value) than by COPY (opening a quoted part).
STRAY_QUOTE = re.compile(rb'[^,\r\n"]"[^,\r\n"]')


# "\." ending a line: COPY may take it for its end-of-data marker (the csv module, a value).
END_OF_DATA = re.compile(rb"\\\.[\r\n]")


class NotCopyable(Exception):
    """The file is not one COPY reads as the csv module does: the Python reading must do."""


class Staged(NamedTuple):
    """A file copied into a staging table."""

    columns: dict  # {wanted column: SQL of its value in the table, '' for an absent one}
    rows: int
    lines_exact: bool


def stage(cursor, path, table, wanted, progress, unlogged=False, where=None):
    """COPY the file at `path` into the new staging table `table` (an sql.Identifier of
    ours; temporary, or UNLOGGED and seen by other sessions when `unlogged`); `wanted`: (required,
    optional) column names; `progress(fraction)` after each segment; `where(columns)`, when
    given, the SQL condition of the rows kept (COPY ... WHERE; columns as in Staged), the
    others being read, numbered and counted all the same. A Staged; NotCopyable when the
    file must be left to the Python reading."""
    with parsing.open_binary(path) as (stream, size):
        index, width = parsing.read_header(iter([header(stream)]), *wanted)
        if width > MAX_COLUMNS:
            raise NotCopyable(f"{width} colonnes")
        names = [sql.Identifier(f"c{position}") for position in range(width)]
        columns = {
            name: names[position] if position < width else sql.Literal("")
            for name, position in index.items()
        }
        create(cursor, table, names, unlogged)
        used = sorted({index[name] for name in index if index[name] < width})
        copy = sql.SQL(
            "COPY {} ({}) FROM STDIN WITH (FORMAT csv, ENCODING 'UTF8', FORCE_NOT_NULL ({}))"
        ).format(table, sql.SQL(", ").join(names), sql.SQL(", ").join(names[i] for i in used))
        condition = where(columns) if where is not None else None
        if condition is not None:
            copy = sql.SQL("{} WHERE {}").format(copy, condition)
        copy = copy.as_string(cursor.connection)
        segments, rows = Segments(stream), 0
        while segments.next():
            try:
                cursor.copy_expert(copy, segments, BLOCK)
            except QueryCanceled:
                if segments.failure is None:
                    raise
                raise NotCopyable(str(segments.failure)) from segments.failure
            rows += cursor.rowcount
            progress(segments.total / (size or 1))
    if condition is not None:  # the rows read, kept or not, were numbered from 2 on
        rows = last_line(cursor, table) - 1
    if segments.misread or segments.tail.endswith(b"\\."):
        raise NotCopyable("guillemet au milieu d'une valeur, ou ligne « \\. »")
    return Staged(columns, rows, segments.lines_exact(rows))


def header(stream):
    """The header's column names, from the first line of the stream; NotCopyable when the
    csv module might read it otherwise (a quoted line break, a lone carriage return)."""
    line = stream.readline(MAX_HEADER)
    if len(line) == MAX_HEADER and not line.endswith(b"\n"):
        raise NotCopyable("en-tête trop long")
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        raise NotCopyable("en-tête illisible") from None
    text = text.removesuffix("\n").removesuffix("\r")
    if "\r" in text or "\n" in text or text.count('"') % 2:
        raise NotCopyable("en-tête sur plusieurs lignes")
    return next(csv.reader([text]), [])


def last_line(cursor, table):
    """The `line` of the last record COPY read into `table` (1 when none)."""
    return _line_sequence(cursor, table, "currval({})")


def _line_sequence(cursor, table, call):
    """`call` (SQL with {} for the sequence) on the sequence numbering `table`'s lines."""
    sequence = sql.SQL("pg_get_serial_sequence({}, 'line')").format(
        sql.Literal(table.as_string(cursor.connection))
    )
    query = sql.SQL("SELECT " + call).format(sequence)
    cursor.execute(query.as_string(cursor.connection))
    return cursor.fetchone()[0]


def create(cursor, table, names, unlogged=False):
    columns = sql.SQL(", ").join(sql.SQL("{} text").format(name) for name in names)
    cursor.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(table).as_string(cursor.connection))
    # Numbers cached by the session: still consecutive in one session, and cheaper.
    line = "line bigint GENERATED ALWAYS AS IDENTITY (START 2 CACHE 100000)"
    kind = "UNLOGGED" if unlogged else "TEMP"
    query = sql.SQL(f"CREATE {kind} TABLE {{}} ({line}, {{}})").format(table, columns)
    cursor.execute(query.as_string(cursor.connection))
    # The session's current value, so that last_line() holds for a file without records.
    _line_sequence(cursor, table, "setval({}, 1)")


class Segments:
    """The rest of a CSV byte stream, read by COPY as a file, one segment after the other.

    Counts the line breaks on the way, to tell whether each record holds on one line.
    """

    def __init__(self, stream, size=None):
        self.stream, self.size = stream, size or SEGMENT
        self.pending = b""  # read from the stream, not given yet
        self.odd = 0  # parity of the quotes given
        self.given = self.total = 0
        self.ended, self.eof = True, False
        self.newlines = self.returns = self.crlf = 0
        self.last = b""
        self.failure = None  # what reading the stream raised (COPY reports it as canceled)
        self.misread = False  # COPY would not read as the csv module does
        self.tail = b""  # the last two bytes given

    def next(self):
        """Start the next segment; False at the end of the stream."""
        self.given, self.ended = 0, False
        return not self.eof

    def read(self, _size=-1):
        if self.ended or self.eof:
            return b""
        try:
            block, self.pending = self.pending or self.stream.read(BLOCK), b""
        except Exception as error:
            self.failure = error
            raise
        if not block:
            self.eof = True
            return b""
        if self.given + len(block) >= self.size:
            cut = self.record_end(block)
            if cut is not None:
                block, self.pending = block[:cut], block[cut:]
                self.ended = True
        self.count(block)
        return block

    def record_end(self, block):
        """The position just after the first line break of `block` that ends a record."""
        odd, start = self.odd, 0
        while (end := block.find(b"\n", start)) >= 0:
            odd ^= block.count(b'"', start, end) & 1
            if not odd:
                return end + 1
            start = end + 1
        return None

    def count(self, block):
        # A search for one byte is the quickest: the slower ones only when it is found.
        quotes = b'"' in block
        if (quotes or b'"' in self.tail) and STRAY_QUOTE.search(self.tail + block):
            self.misread = True
        if b"\\" in block or b"\\" in self.tail:
            self.misread |= bool(END_OF_DATA.search(self.tail + block))
        if quotes:
            self.odd ^= block.count(b'"') & 1
        self.newlines += block.count(b"\n")
        if b"\r" in block:
            self.returns += block.count(b"\r")
            self.crlf += block.count(b"\r\n")
        self.crlf += self.last == b"\r" and block[:1] == b"\n"
        self.last, self.tail = block[-1:], (self.tail + block[-2:])[-2:]
        self.given += len(block)
        self.total += len(block)

    def lines_exact(self, rows):
        """Whether each of the `rows` records was one line (line = record number + 1)."""
        if self.returns not in (0, self.crlf):
            return False
        return self.newlines == max(rows - (self.last != b"\n"), 0)
