"""Rows of the journal's database that no record can be made of (edited by hand, or by another tool, into values
crest refuses): each read leaves them out, and every door says which in one line. Plain data, no SQL."""

from __future__ import annotations

from dataclasses import dataclass

from crest.errors import one_line

SHOWN_ROWS = 3  # a line names this many; the rest are counted


@dataclass(frozen=True, order=True)
class UnreadableRow:
    """A row left out: its table and id as the database names them (what a person editing it by hand needs), and
    why crest cannot read it, in the words its record check uses."""

    table: str
    id: int
    reason: str

    def __str__(self) -> str:
        return f"{self.table} row {self.id} ({one_line(self.reason)})"


def left_out_line(rows: list[UnreadableRow], what: str = "left out") -> str | None:
    """One line naming the rows left out and how to put them right; None when there are none. `what` says what
    was done without them ("the export left out")."""
    if not rows:
        return None
    named = "; ".join(str(row) for row in rows[:SHOWN_ROWS])
    more = f"; and {len(rows) - SHOWN_ROWS} more" if len(rows) > SHOWN_ROWS else ""
    noun = "row" if len(rows) == 1 else "rows"
    it = "it" if len(rows) == 1 else "them"
    return (
        f"{what} {len(rows)} {noun} of the journal that crest cannot read: {named}{more}; "
        f"correct or delete {it} in the journal database, the rest of the journal is fine"
    )
