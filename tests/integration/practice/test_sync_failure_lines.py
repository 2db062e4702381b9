"""`crest sync` whose connection fails (sync walk-through L3): the line said the library's words ("[Errno 111]
Connection refused", "timed out", "Remote end closed connection without response") and not that running it again
is all it takes. It now says what happened in crest's words, and that nothing was lost."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from crest.services import practice_link
from crest.services.practice_link import PracticeLink, PracticeUnreachable
from support.clock import FakeClock
from support.practice_web import local_crest


@contextmanager
def _listening() -> Iterator[tuple[socket.socket, str]]:
    """A socket on this computer that takes connections (until it accepts one, nothing reads them), and its address."""
    with socket.create_server(("127.0.0.1", 0)) as listening:
        yield listening, f"http://127.0.0.1:{listening.getsockname()[1]}"


def _hang_up_after_the_request(listening: socket.socket) -> None:
    connection, _ = listening.accept()
    with connection:
        while b"\r\n\r\n" not in connection.recv(65536):
            pass


def _closed_port() -> str:
    with socket.create_server(("127.0.0.1", 0)) as listening:
        return f"http://127.0.0.1:{listening.getsockname()[1]}"  # nothing listens there once it closes


def _sync_with(url: str, home: Path) -> str:
    clock = FakeClock()
    with local_crest(home, clock) as local:
        link = {"url": url, "token": "t", "practice": "Back in Balance", "linked_at": "2026-05-01T09:00:00+00:00"}
        (home / "practice-link.json").write_text(json.dumps(link))
        with pytest.raises(PracticeUnreachable) as failed:
            PracticeLink(home, local.sync, clock).sync()
    return failed.value.message


def _said_in_crests_words(said: str, url: str, what: str) -> None:
    assert said == f"{what}; nothing was lost: run crest sync again later"
    assert url in said and "Errno" not in said and "timed out" not in said and "Remote end" not in said


def test_a_practice_not_listening_is_said_in_crests_words(tmp_path: Path) -> None:
    url = _closed_port()
    what = f"the practice at {url} is not answering (its server may be stopped or restarting)"
    _said_in_crests_words(_sync_with(url, tmp_path), url, what)


def test_a_practice_that_hangs_up_unanswered_is_said_in_crests_words(tmp_path: Path) -> None:
    with _listening() as (listening, url):
        threading.Thread(target=_hang_up_after_the_request, args=(listening,), daemon=True).start()
        said = _sync_with(url, tmp_path)
    _said_in_crests_words(said, url, f"the connection to the practice at {url} closed before its answer came")


def test_a_practice_gone_silent_is_said_in_crests_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(practice_link, "TIMEOUT_S", 0.2)  # each read waits this long, as it waits 30 s
    with _listening() as (_, url):  # connected, and never answered
        said = _sync_with(url, tmp_path)
    _said_in_crests_words(said, url, f"the practice at {url} went silent for 0.2 s, so crest stopped waiting")
