"""The pure parts of the PostgreSQL staging: header reading and segments (no database)."""

import csv
import io
import sys

import pytest

from actors.sirene import parsing, staging


def segments_of(data, size, block):
    """The segments COPY would receive, and the Segments object."""
    stream, pieces = staging.Segments(io.BytesIO(data), size), []
    original, staging.BLOCK = staging.BLOCK, block
    try:
        while stream.next():
            pieces.append(b"".join(iter(lambda: stream.read(), b"")))
    finally:
        staging.BLOCK = original
    return pieces, stream


def records(data):
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.mark.parametrize(("size", "block"), [(1, 1), (10, 7), (50, 64), (10_000, 1 << 20)])
def test_segments_end_at_record_ends(size, block):
    rows = [["1", 'a "quoted"\nline', "x"], ["2", "b,c", '""'], ["3", "\r\n", "é"]] * 20
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    data = out.getvalue().encode("utf-8")
    pieces, _ = segments_of(data, size, block)
    assert b"".join(pieces) == data
    assert [row for piece in pieces for row in records(piece)] == rows


@pytest.mark.parametrize(
    ("data", "rows", "exact"),
    [
        (b"a,b\nc,d\n", 2, True),
        (b"a,b\nc,d", 2, True),
        (b"a,b\r\nc,d\r\n", 2, True),
        (b"", 0, True),
        (b'a,"b\nc"\nd,e\n', 2, False),
        (b"a,b\rc,d\r", 2, False),
        (b'a,"b\rc"\n', 1, False),
    ],
)
def test_line_numbers_are_exact_only_for_one_line_records(data, rows, exact):
    _, stream = segments_of(data, 4, 3)
    assert stream.lines_exact(rows) is exact


@pytest.mark.parametrize(
    ("data", "stray"),
    [
        (b'1,"a ""b"", c",2\n"d",e\n', False),
        (b'1,ab"c,2\n', True),
        (b'1, "x",2\n', True),
        (b"1,abc,d\n" * 3 + b'1,a"b\n', True),
    ],
)
def test_a_quote_inside_a_value_is_noticed(data, stray):
    _, stream = segments_of(data, 5, 2)
    assert stream.misread is stray


@pytest.mark.parametrize(
    ("data", "marker"),
    [(b"a,b\n\\.\nc,d\n", True), (b"a,b\\.\r\n", True), (b"a,b\\c\n.\n", False)],
)
def test_a_line_ending_with_the_end_of_copy_marker_is_noticed(data, marker):
    _, stream = segments_of(data, 3, 2)
    assert stream.misread is marker


def test_the_header_is_read_like_the_csv_module():
    stream = io.BytesIO('\ufeffsiren,"siret",nom\r\n1,2,3\n'.encode())
    assert staging.header(stream) == ["\ufeffsiren", "siret", "nom"]
    assert stream.read() == b"1,2,3\n"


@pytest.mark.parametrize(
    "data", [b'"a\nb",c\n1,2\n', b"a,b\rc,d\r", b"\xff\xfe,a\n", b"a" * (staging.MAX_HEADER + 1)]
)
def test_a_header_read_otherwise_is_left_to_the_python_reading(data):
    with pytest.raises(staging.NotCopyable):
        staging.header(io.BytesIO(data))


def test_the_sql_trims_the_characters_python_strips():
    spaces = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert spaces == parsing.WHITESPACE
