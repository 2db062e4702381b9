"""Reading and editing the CSV export's zip as a spreadsheet would."""

from __future__ import annotations

import csv
import io
import zipfile


def csv_tables(data: bytes) -> dict[str, list[dict[str, str]]]:
    """What a spreadsheet shows: each file of the zip as rows under its header."""
    with zipfile.ZipFile(io.BytesIO(data)) as zipped:
        return {
            name: list(csv.DictReader(io.StringIO(zipped.read(name).decode("utf-8-sig"), newline="")))
            for name in zipped.namelist()
            if name.endswith(".csv")
        }


def rewritten_csv_zip(data: bytes, name: str, change: dict[str, str], row: int = 0) -> bytes:
    """The zip with one cell changed, as a spreadsheet would save it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target_buffer = io.BytesIO()
    with source, zipfile.ZipFile(target_buffer, "w") as target:
        for member in source.namelist():
            content = source.read(member)
            if member == name:
                rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))
                rows[row].update(change)
                buffer = io.StringIO()
                writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(rows)
                content = buffer.getvalue().encode("utf-8")
            target.writestr(member, content)
    return target_buffer.getvalue()


def csv_zip_without_column(data: bytes, name: str, column: str) -> bytes:
    """The zip with one table's column taken out, as a crest from before that column wrote it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target_buffer = io.BytesIO()
    with source, zipfile.ZipFile(target_buffer, "w") as target:
        for member in source.namelist():
            content = source.read(member)
            if member == name:
                rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))
                buffer = io.StringIO()
                writer = csv.DictWriter(buffer, fieldnames=[field for field in rows[0] if field != column])
                writer.writeheader()
                writer.writerows({key: value for key, value in row.items() if key != column} for row in rows)
                content = buffer.getvalue().encode("utf-8")
            target.writestr(member, content)
    return target_buffer.getvalue()
