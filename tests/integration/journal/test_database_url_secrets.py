"""A password in CREST_DATABASE_URL is never shown, wherever it is written in the URL: every message naming the
database (a terminal's error line, a web page's 503, the import's "into ...") says `***` in its place."""

from __future__ import annotations

import pytest

from crest.journal.engine import DatabaseUnavailable
from crest.journal.store import Journal

# Port 1 on this computer: nothing listens there, so the connection is refused at once.
NOBODY_LISTENS = "127.0.0.1:1"


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql+psycopg://ada@{NOBODY_LISTENS}/crest?password=s3cret",
        "postgresql+psycopg:///crest?host=127.0.0.1&port=1&user=ada&password=s3cret",
        f"postgresql+psycopg://ada@{NOBODY_LISTENS}/crest?sslpassword=s3cret&sslmode=disable",
        f"postgresql+psycopg://ada@{NOBODY_LISTENS}/crest?password=s3cret%40tail",  # an @ written %40
    ],
)
def test_a_password_given_as_a_query_parameter_is_hidden(url: str) -> None:
    with pytest.raises(DatabaseUnavailable) as raised:
        Journal.open(url)
    said = str(raised.value)
    assert "s3cret" not in said
    assert "password=***" in said
    assert said.startswith("cannot reach the journal database at postgresql+psycopg://")


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql+psycopg://ada:s3cret@tail@{NOBODY_LISTENS}/crest",  # the host read as "tail@127.0.0.1"
        "postgresql+psycopg://ada:s3cret@tail:more@127.0.0.1:5432/crest",  # the port read as "more@127.0.0.1:5432"
        f"postgresql+psycopg://ada:s3/cret@tail@{NOBODY_LISTENS}/crest",
    ],
)
def test_a_password_holding_an_at_sign_is_refused_without_showing_any_of_it(url: str) -> None:
    with pytest.raises(DatabaseUnavailable) as raised:
        Journal.open(url)
    said = str(raised.value)
    assert not {"s3cret", "tail", "more"} & set(said.replace("@", " ").replace(":", " ").split())
    assert said == (
        "cannot use the database URL 'postgresql+psycopg:...': an @ in its user name or password must be written "
        "%40 (and a : in its user name %3A)"
    )


@pytest.mark.parametrize("address", ["127.0.0.1:abc", "[::1:5432"])
def test_a_port_that_is_no_number_is_one_line(address: str) -> None:
    with pytest.raises(DatabaseUnavailable) as raised:
        Journal.open(f"postgresql+psycopg://ada:s3cret@{address}/crest")
    said = str(raised.value)
    assert "s3cret" not in said and "\n" not in said
    assert said.startswith("cannot use the database URL 'postgresql+psycopg:...': its port is not a number")
