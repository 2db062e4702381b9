"""Reading and editing the CSV export's zip as a spreadsheet would."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable


def csv_tables(data: bytes) -> dict[str, list[dict[str, str]]]:
    """What a spreadsheet shows: each file of the zip as rows under its header."""
    with zipfile.ZipFile(io.BytesIO(data)) as zipped:
        return {
            name: list(csv.DictReader(io.StringIO(zipped.read(name).decode("utf-8-sig"), newline="")))
            for name in zipped.namelist()
            if name.endswith(".csv")
        }


Rows = list[dict[str, str]]


def _with_table_rewritten(data: bytes, name: str, rewrite: Callable[[Rows], tuple[list[str], Rows]]) -> bytes:
    """The zip with table `name` replaced by `rewrite(its rows)` -> (header, rows), as a spreadsheet saves it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target_buffer = io.BytesIO()
    with source, zipfile.ZipFile(target_buffer, "w") as target:
        for member in source.namelist():
            content = source.read(member)
            if member == name:
                header, rows = rewrite(list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""))))
                buffer = io.StringIO()
                writer = csv.DictWriter(buffer, fieldnames=header)
                writer.writeheader()
                writer.writerows(rows)
                content = buffer.getvalue().encode("utf-8")
            target.writestr(member, content)
    return target_buffer.getvalue()


def rewritten_csv_zip(data: bytes, name: str, change: dict[str, str], row: int = 0) -> bytes:
    """The zip with one cell changed, as a spreadsheet would save it."""

    def changed(rows: Rows) -> tuple[list[str], Rows]:
        rows[row].update(change)
        return list(rows[0]), rows

    return _with_table_rewritten(data, name, changed)


def csv_zip_without_column(data: bytes, name: str, column: str) -> bytes:
    """The zip with one table's column taken out, as a crest from before that column wrote it."""

    def without(rows: Rows) -> tuple[list[str], Rows]:
        kept = [field for field in rows[0] if field != column]
        return kept, [{key: value for key, value in each.items() if key != column} for each in rows]

    return _with_table_rewritten(data, name, without)
