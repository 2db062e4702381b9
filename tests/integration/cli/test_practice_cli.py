"""`crest practice init`, `crest sync` / `crest unlink` on a crest that is not linked, and `crest unlink` when the
practice cannot be reached."""

from __future__ import annotations

import json
import socket
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_terminal_session import run_in_terminal

from crest.accounts.passwords import UnsuitablePassword, check_new_password
from crest.journal.practice_store import PracticeStore
from crest.journal.store import Journal
from crest.services.accounts import (
    ACCOUNT_PASSWORD_ASKED,
    CODE_ASKED,
    CodeNeeded,
    NewPasswordRefused,
    NotTheAccountsPassword,
    token_hash,
)
from crest.services.practice_link import FINISH_LINKING
from crest.web.practice_app import code_refusal, password_refusal

Completed = subprocess.CompletedProcess[str]
RunCrest = Callable[..., Completed]
Answer = tuple[int, object] | tuple[int, object, dict[str, str]]  # status, JSON, and headers if any
Answers = Answer | list[Answer]  # a list: one answer after another, its last one from then on


def test_practice_init_creates_the_practice_and_its_admin_with_the_password_from_stdin(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    args = ("practice", "init", "--name", "Back in Balance", "--admin-email", "Ada@Clinic.example", "--admin-name")
    args = (*args, "Ada", "--password-stdin")
    done = run_crest(*args, input_text="a quiet evening walk\n")
    assert done.returncode == 0, done.stderr
    assert "The practice “Back in Balance” is set up; Ada (ada@clinic.example) signs in as its admin" in done.stdout
    with Journal.open(f"sqlite:///{Path(crest_env['CREST_HOME']) / 'crest.db'}") as journal:
        found = PracticeStore(journal).account_by_email("ada@clinic.example")
    assert found is not None and found[1].startswith("$argon2id$")

    again = run_crest(*args, input_text="a quiet evening walk\n")
    assert again.returncode == 2 and "already an account" in again.stderr and "Traceback" not in again.stderr


def test_an_unknown_practice_action_is_echoed_between_curly_quotes(run_crest: RunCrest) -> None:
    """As 572569f7 made every one-line error's echo of what was typed."""
    refused = run_crest("practice", "frobnicate")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().splitlines() == [
        "crest: unknown action “frobnicate”; the actions are: crest practice init, reset-password, reset-two-factor"
    ]


def test_practice_init_refuses_a_common_password_or_none(run_crest: RunCrest) -> None:
    args = ("practice", "init", "--name", "Clinic", "--admin-email", "ada@clinic.example", "--admin-name", "Ada")
    args = (*args, "--password-stdin")
    common = run_crest(*args, input_text="password123\n")
    assert common.returncode == 2 and "most common" in common.stderr
    nothing = run_crest(*args, input_text="")
    assert nothing.returncode == 2 and "standard input" in nothing.stderr


def _a_clinic(run_crest: RunCrest) -> None:
    """A practice whose admin, ada@clinic.example, has set up no two-step sign-in."""
    init = ("practice", "init", "--name", "Clinic", "--admin-email", "ada@clinic.example", "--admin-name", "Ada")
    init = (*init, "--password-stdin")
    assert run_crest(*init, input_text="a quiet evening walk\n").returncode == 0


def test_practice_reset_password_prints_a_one_time_link_for_any_account_the_admin_included(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    _a_clinic(run_crest)
    done = run_crest("practice", "reset-password", "--email", "Ada@Clinic.example")
    assert done.returncode == 0, done.stderr
    [path] = [line.strip() for line in done.stdout.splitlines() if line.strip().startswith("/reset/")]
    assert "ada@clinic.example" in done.stdout and "whoever has it can set the password" in done.stdout
    with Journal.open(f"sqlite:///{Path(crest_env['CREST_HOME']) / 'crest.db'}") as journal:
        store = PracticeStore(journal)
        reset = store.password_reset(token_hash(path.removeprefix("/reset/")))
        found = store.account_by_email("ada@clinic.example")
        made = store.audit_entries("make_reset_link")
    assert reset is not None and found is not None and reset.account_id == found[0].id
    assert reset.expires_at - reset.created_at == timedelta(hours=24) and reset.made_by_account_id is None
    assert [entry.actor_name for entry in made] == ["the server's operator"]

    for args, words in (
        (("--email", "nobody@clinic.example"), "there is no account for nobody@clinic.example"),
        ((), "needs --email EMAIL"),
    ):
        refused = run_crest("practice", "reset-password", *args)
        assert refused.returncode == 2 and words in refused.stderr and refused.stderr.count("\n") == 1
    missing = run_crest("practice", "init", "--name", "Clinic")
    assert missing.returncode == 2 and "needs --name NAME and --admin-email EMAIL" in missing.stderr


def test_practice_reset_two_factor_drops_an_accounts_app_and_ends_its_sign_ins(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    _a_clinic(run_crest)
    with Journal.open(f"sqlite:///{Path(crest_env['CREST_HOME']) / 'crest.db'}") as journal:
        store = PracticeStore(journal)
        found = store.account_by_email("ada@clinic.example")
        assert found is not None
        now = datetime.now(UTC)
        store.begin_second_factor(found[0].id, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", now)
        assert store.confirm_second_factor(found[0].id, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", 1, ["hash"], None, now)
        assert store.has_second_factor(found[0].id)
    done = run_crest("practice", "reset-two-factor", "--email", "Ada@Clinic.example")
    assert done.returncode == 0, done.stderr
    assert "Two-step sign-in of" in done.stdout and "ada@clinic.example" in done.stdout
    with Journal.open(f"sqlite:///{Path(crest_env['CREST_HOME']) / 'crest.db'}") as journal:
        store = PracticeStore(journal)
        assert not store.has_second_factor(found[0].id) and store.unused_recovery_codes(found[0].id) == []
        told = store.second_factor_reset(found[0].id)  # what they are told at their next sign-in
        assert told is not None and told.by == "the server's operator"
        [entry] = store.audit_entries("reset_second_factor")
    assert entry.actor_name == "the server's operator" and "crest practice reset-two-factor" in (entry.detail or "")
    refused = run_crest("practice", "reset-two-factor")
    assert refused.returncode == 2 and "needs --email EMAIL" in refused.stderr


def test_practice_reset_two_factor_refuses_an_account_with_none_as_the_web_does(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    """It reset nothing and still ended the account's sign-ins; the admin's page refuses that (409)."""
    _a_clinic(run_crest)
    refused = run_crest("practice", "reset-two-factor", "--email", "ada@clinic.example")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr and refused.stderr.count("\n") == 1
    assert "has no two-step sign-in set up, so there is nothing to reset: nothing was changed" in refused.stderr
    with Journal.open(f"sqlite:///{Path(crest_env['CREST_HOME']) / 'crest.db'}") as journal:
        store = PracticeStore(journal)
        assert store.audit_entries("reset_second_factor") == []
        found = store.account_by_email("ada@clinic.example")
        assert found is not None and store.second_factor_reset(found[0].id) is None


def test_sync_and_unlink_without_a_link_say_how_to_link(run_crest: RunCrest) -> None:
    for command in ("sync", "unlink"):
        done = run_crest(command)
        assert done.returncode == 2 and "not linked" in done.stderr and "Traceback" not in done.stderr


def test_unlink_with_the_practice_out_of_reach_says_sharing_goes_on_and_keeps_the_link(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    home = Path(crest_env["CREST_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    link_file = home / "practice-link.json"
    stored = {
        "url": f"http://127.0.0.1:{port}",
        "token": "t",
        "practice": "Clinic",
        "linked_at": "2026-05-01T09:00:00+00:00",
    }
    link_file.write_text(json.dumps(stored))
    done = run_crest("unlink")
    assert done.returncode != 0 and "Traceback" not in done.stderr and "Unlinked" not in done.stdout
    assert "sharing could not be stopped on the practice server" in done.stderr
    assert done.stderr.count("\n") == 1 and "run crest unlink again" in done.stderr
    assert json.loads(link_file.read_text()) == stored


@contextmanager
def scripted_practice(answers: dict[str, Answers]) -> Iterator[tuple[str, list[str]]]:
    """A practice server on this computer that answers "METHOD /path" as scripted (404 otherwise), with the
    headers an answer names third, if any, or with a list's answers in turn; its address and every request it was
    asked, in order."""
    import http.server
    import threading

    asked: list[str] = []

    class Practice(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            asked.append(f"{self.command} {self.path.partition('?')[0]}")  # a page's query aside
            if "Content-Length" in self.headers:
                self.rfile.read(int(self.headers["Content-Length"]))
            scripted = answers.get(asked[-1], (404, None))
            if isinstance(scripted, list):
                scripted = scripted.pop(0) if len(scripted) > 1 else scripted[0]
            status, payload, *headers = scripted
            body = b"" if payload is None else json.dumps(payload).encode()
            self.send_response(status)
            for name, value in (headers[0] if headers else {}).items():
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with suppress(OSError):  # a crest that stopped reading has closed the connection
                self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = _answer

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Practice)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()


OFFER = (200, {"role": "client", "invited_by": "Pat Physio", "practice": "Back in Balance"})


def test_link_with_the_password_on_standard_input_asks_for_yes_rather_than_reading_the_password_as_consent(
    run_crest: RunCrest,
) -> None:
    with scripted_practice({"GET /api/auth/invites/CODE": OFFER, "POST /api/auth/accept-invite": (500, None)}) as (
        url,
        asked,
    ):
        args = ("link", url, "CODE", "--email", "bob@home.example", "--name", "Bob", "--password-stdin")
        result = run_crest(*args, input_text="a long enough password\n")
    assert result.returncode == 2
    assert "Pat Physio at Back in Balance invites you to share:" in result.stdout
    assert "any warning sign crest reads in a note (its name only" in " ".join(result.stdout.split())
    assert result.stderr.strip().splitlines() == [
        "crest: nothing was shared: with --password-stdin, add --yes to agree to the sharing listed above"
    ]
    assert asked == ["GET /api/auth/invites/CODE"]  # nothing was sent


def test_link_refuses_an_email_it_cannot_use_before_asking_the_practice_or_showing_the_consent(
    run_crest: RunCrest,
) -> None:
    """Practice walk s51 L4: `crest link URL --email dan@` printed the whole consent text, then the practice's
    refusal of the address."""
    with scripted_practice({"GET /api/auth/invites/CODE": OFFER}) as (url, asked):
        result = run_crest("link", url, "CODE", "--email", "dan@", "--name", "Dan", "--password-stdin", "--yes")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == ["crest: “dan@” is not an email address like name@example.org"]
    assert "invites you to share" not in result.stdout
    assert asked == []


@pytest.mark.parametrize("words", [CODE_ASKED, "two-step sign-in is on for this account"])
def test_link_to_an_account_with_two_step_sign_in_and_no_code_says_to_add_code(run_crest: RunCrest, words: str) -> None:
    """The practice asks for the app's code in a program's words ("send it as second_factor_code"); `crest link`
    asks nothing more, so it names its own option for it. It knows that refusal by its `code`, whatever the words:
    it compared them with its own sentence, and a practice that worded it otherwise ended the command with them."""
    # what /api/auth/accept-invite answers an account with a second factor
    asks_the_code = (401, code_refusal(CodeNeeded(f"{words}: send it as second_factor_code with the rest")))
    with scripted_practice({"GET /api/auth/invites/CODE": OFFER, "POST /api/auth/accept-invite": asks_the_code}) as (
        url,
        _asked,
    ):
        args = ("link", url, "CODE", "--email", "bob@home.example", "--name", "Bob", "--password-stdin", "--yes")
        result = run_crest(*args, input_text="a long enough password\n")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "run crest link again with --code" in result.stderr and "second_factor_code" not in result.stderr


def test_link_takes_the_whole_invitation_link_as_the_address_with_or_without_the_code(run_crest: RunCrest) -> None:
    with scripted_practice({"GET /api/auth/invites/CODE": OFFER}) as (url, asked):
        result = run_crest("link", f"{url}/invite/CODE", "CODE", "--password-stdin", input_text="x\n")
        alone = run_crest("link", f"{url}/invite/CODE", "--password-stdin", input_text="x\n")
        wrong = run_crest("link", f"{url}/clinic", "CODE", "--password-stdin", input_text="x\n")
        no_code = run_crest("link", url, "--password-stdin", input_text="x\n")
    for linking in (result, alone):
        assert "Pat Physio at Back in Balance invites you to share:" in linking.stdout
    assert asked[:2] == ["GET /api/auth/invites/CODE"] * 2
    assert no_code.returncode == 2 and "needs the invitation code after the address" in no_code.stderr
    assert wrong.returncode != 0 and "Traceback" not in wrong.stderr and "no reason given" not in wrong.stderr
    assert f"no crest practice answers at {url}/clinic; check the practice's address" in wrong.stderr


def test_link_to_something_that_is_no_web_address_says_so_before_asking_for_a_code(run_crest: RunCrest) -> None:
    """Walk-through L10: `crest link "javascript:alert(1)"` said it needed the invitation code after the address."""
    for given in (("javascript:alert(1)",), ("javascript:alert(1)", "CODE")):
        refused = run_crest("link", *given, "--password-stdin", input_text="x\n")
        assert refused.returncode != 0 and "Traceback" not in refused.stderr
        assert "“javascript:alert(1)” is not a web address; write it like https://practice.example" in refused.stderr
        assert "invitation code" not in refused.stderr


def test_sync_when_nobody_at_the_practice_follows_sends_nothing_and_says_so(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    ended = [{"link_id": 1, "practitioner": "Pat Physio", "shared": False, "share_notes": False, "ended": True}]
    with scripted_practice({"GET /api/account/sharing": (200, ended), "GET /api/sync/prescription": (200, None)}) as (
        url,
        asked,
    ):
        home = Path(crest_env["CREST_HOME"])
        home.mkdir(parents=True, exist_ok=True)
        link = {"url": url, "token": "t", "practice": "Back in Balance", "linked_at": "2026-05-01T09:00:00+00:00"}
        (home / "practice-link.json").write_text(json.dumps(link))
        assert run_crest("log", "--pain", "hip:left=3").returncode == 0
        done = run_crest("sync")
    assert done.returncode != 0 and "Traceback" not in done.stderr and "Synced" not in done.stdout
    assert "your programme at Back in Balance has ended, so nobody there follows you now" in done.stderr
    assert "crest unlink" in done.stderr and "share again" not in done.stderr  # an ended programme cannot be
    assert not any(request.startswith("POST") for request in asked)  # nothing was sent


def _sync_pulling(run_crest: RunCrest, crest_env: dict[str, str], prescribed: dict[str, object]) -> Completed:
    """`crest sync` of a linked crest whose practice, where Priyanka Rao follows the person, sends `prescribed`."""
    with _followed_at_a_practice(crest_env, {"GET /api/sync/prescription": (200, prescribed)}):
        return run_crest("sync")


@contextmanager
def _followed_at_a_practice(crest_env: dict[str, str], answers: dict[str, Answer]) -> Iterator[None]:
    """This crest linked to a scripted practice where Priyanka Rao follows the person, which answers `answers` too."""
    sharing = [{"link_id": 1, "practitioner": "Priyanka Rao", "shared": True, "share_notes": False, "ended": False}]
    answers = {"GET /api/account/sharing": (200, sharing), "POST /api/sync/push": (200, {"received": {}})} | answers
    with scripted_practice(answers) as (url, _asked):
        _linked_to(crest_env, url)
        yield


def test_unlink_past_crest_syncs_limit_stops_sharing_in_one_request_never_held_back(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    """Before, crest unlink asked what is shared first, which counts towards crest sync's limit: past it, the
    person could not stop sharing from the terminal ("sharing could not be stopped ... asking crest to wait")."""
    too_often = (429, {"detail": "crest sync asked too often; wait 600 seconds and try again"}, {"Retry-After": "600"})
    answers: dict[str, Answer] = {"GET /api/account/sharing": too_often, "POST /api/sync/unlink": (204, None)}
    with scripted_practice(answers) as (url, asked):
        link_file = _linked_to(crest_env, url)
        done = run_crest("unlink")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Unlinked: sharing with the practice has stopped, and this crest no longer syncs with it.\n"
    assert asked == ["POST /api/sync/unlink"] and not link_file.exists()


def test_unlink_with_a_practice_older_than_the_one_request_takes_its_steps(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    """An older practice answers the one request 404 (ignoring a parameter instead, it would end the token and
    leave sharing on): crest then stops sharing link by link and ends its token, as it did before."""
    sharing = [
        {"link_id": 7, "practitioner": "Pat Physio", "shared": True, "share_notes": False, "ended": False},
        {"link_id": 8, "practitioner": "Rae Removed", "shared": False, "share_notes": False, "ended": True},
    ]
    stopped = sharing[0] | {"shared": False}
    answers: dict[str, Answer] = {
        "GET /api/account/sharing": (200, sharing),
        "PUT /api/account/sharing/7": (200, stopped),
        "DELETE /api/sync/device": (204, None),
    }
    with scripted_practice(answers) as (url, asked):
        link_file = _linked_to(crest_env, url)
        done = run_crest("unlink")
    assert done.returncode == 0, done.stderr
    assert "sharing with the practice has stopped" in done.stdout and not link_file.exists()
    expected = ["POST /api/sync/unlink", "GET /api/account/sharing", "PUT /api/account/sharing/7"]
    assert asked == [*expected, "DELETE /api/sync/device"]


def _linked_to(crest_env: dict[str, str], url: str) -> Path:
    """This crest linked to the practice at `url`: its link file."""
    home = Path(crest_env["CREST_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    link_file = home / "practice-link.json"
    link = {"url": url, "token": "t", "practice": "Back in Balance", "linked_at": "2026-05-01T09:00:00+00:00"}
    link_file.write_text(json.dumps(link))
    return link_file


@pytest.mark.parametrize(
    ("retry_after", "said"),
    [
        ("540", "the practice is asking crest to wait 540 s; try again later"),
        (None, "the practice is asking crest to wait; try again later"),
        ("Thu, 03 Dec 2026 18:00:00 GMT", "the practice is asking crest to wait; try again later"),  # no seconds
    ],
)
def test_sync_asked_to_wait_by_the_practice_says_so_in_one_line(
    run_crest: RunCrest, crest_env: dict[str, str], retry_after: str | None, said: str
) -> None:
    """The practice's 429 (crest sync asked too often) is said in crest's words, with the wait it gives."""
    refusal = {"detail": "crest sync asked too often; wait 540 seconds and try again"}
    headers = {} if retry_after is None else {"Retry-After": retry_after}
    with _followed_at_a_practice(crest_env, {"GET /api/sync/prescription": (429, refusal, headers)}):
        done = run_crest("sync")
    assert (done.returncode, done.stderr) == (2, f"crest: {said}\n")


def test_sync_stops_reading_an_answer_over_the_cap_and_says_so_in_one_line(
    crest_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In this process, with the cap lowered to 1 MB: before, crest read a practice's answer whole, however long."""
    import os
    import sys

    from crest.cli.app import main
    from crest.services import practice_link

    monkeypatch.setattr(practice_link, "MAX_ANSWER_BYTES", 1024 * 1024)
    notes = [{"session_uid": "0" * 32, "author": "Priyanka Rao", "text": "x" * 1000, "written_at": "2026-05-01"}]
    monkeypatch.setattr(sys, "argv", ["crest", "sync"])
    umask = os.umask(0o022)  # main() narrows it for its process: this one's is put back
    try:
        answers = {"GET /api/sync/prescription": (200, None), "GET /api/sync/notes": (200, notes * 1000)}
        with _followed_at_a_practice(crest_env, answers):
            assert len(json.dumps(notes * 1000)) > 1024 * 1024
            with pytest.raises(SystemExit) as ended:
                main()
    finally:
        os.umask(umask)
    assert ended.value.code == 2
    assert capsys.readouterr().err == "crest: the practice's answer is over 1 MB; crest stopped reading\n"


@pytest.mark.parametrize("status", [b"200 OK", b"409 Conflict"])  # an answer, and a refusal with its reason
def test_an_answer_sent_a_byte_at_a_time_is_given_up_at_the_deadline_in_one_line(status: bytes) -> None:
    """A server on this computer sends its answer a byte at a time, each (on the clock crest is given) 29 s after
    the last: under the 30 s each read may take, so before, crest read all of it, an hour and a half; now it stops
    at the deadline. The server stops when crest hangs up."""
    import threading
    import time

    from crest.services.practice_link import PracticeUnreachable, http_transport
    from support.clock import FakeClock

    clock = FakeClock()
    answer = b"[" + b" " * 198 + b"]"
    sent: list[int] = []
    with socket.create_server(("127.0.0.1", 0)) as listening:

        def trickle() -> None:
            connection, _ = listening.accept()
            with connection:
                while b"\r\n\r\n" not in connection.recv(65536):
                    pass
                connection.sendall(b"HTTP/1.1 %s\r\nContent-Length: %d\r\n\r\n" % (status, len(answer)))
                for byte in answer:
                    clock.advance(29)
                    try:
                        connection.sendall(bytes([byte]))
                    except OSError:  # crest hung up
                        return
                    sent.append(byte)
                    time.sleep(0.005)  # crest reads each byte on its own, as it would 29 s apart

        server = threading.Thread(target=trickle, daemon=True)
        server.start()
        url = f"http://127.0.0.1:{listening.getsockname()[1]}/api/sync/notes"
        with pytest.raises(PracticeUnreachable) as stopped:
            http_transport("GET", url, None, "t", deadline_s=120, monotonic=clock.monotonic)
        server.join(timeout=5)
    assert stopped.value.message == "the practice took over 120 s to answer, so crest stopped reading; try again later"
    # crest hung up at its first read past 120 s, some five bytes in (more if it fell behind): the server stopped
    assert 4 <= len(sent) < len(answer) // 2 and not server.is_alive()


@pytest.mark.parametrize("opening", [b"", b"HTTP/1.1 200 OK\r\nX-Slow: "])  # the status line, then a header
def test_a_status_line_or_headers_sent_a_byte_at_a_time_are_given_up_at_the_deadline(opening: bytes) -> None:
    """A server on this computer sends the start of its answer a byte every 50 ms, well under the 30 s each read may
    take: before, http.client read the status line and headers under that timeout alone (only the body kept the
    deadline), so crest waited until the server gave up, however long past the deadline. Now the deadline, 0.5 s
    here, covers them too."""
    import threading
    import time

    from crest.services.practice_link import PracticeUnreachable, http_transport

    hung_up = threading.Event()
    with socket.create_server(("127.0.0.1", 0)) as listening:

        def dribble() -> None:
            connection, _ = listening.accept()
            with connection:
                while b"\r\n\r\n" not in connection.recv(65536):
                    pass
                connection.sendall(opening)
                for _ in range(60):  # 3 s, then it gives up (it would never end the line)
                    try:
                        connection.sendall(b"H")
                    except OSError:
                        hung_up.set()
                        return
                    time.sleep(0.05)

        server = threading.Thread(target=dribble, daemon=True)
        server.start()
        url = f"http://127.0.0.1:{listening.getsockname()[1]}/api/sync/notes"
        started = time.monotonic()
        with pytest.raises(PracticeUnreachable) as stopped:
            http_transport("GET", url, None, "t", deadline_s=0.5)
        took = time.monotonic() - started
        server.join(timeout=5)
    assert stopped.value.message == "the practice took over 0.5 s to answer, so crest stopped reading; try again later"
    assert 0.5 <= took < 2.5 and hung_up.is_set()  # the server gives up at 3 s


@contextmanager
def broken_practice(answer: bytes) -> Iterator[str]:
    """A server on this computer that answers every request with the bytes `answer` and ends it there: its
    address."""
    import threading

    stop = threading.Event()
    with socket.create_server(("127.0.0.1", 0)) as listening:
        listening.settimeout(0.05)

        def serve() -> None:
            while not stop.is_set():
                try:
                    connection, _ = listening.accept()
                except TimeoutError:
                    continue
                with connection, suppress(OSError):  # crest may hang up before all of it
                    connection.settimeout(5)
                    while b"\r\n\r\n" not in connection.recv(65536):
                        pass
                    connection.sendall(answer)
                    connection.shutdown(socket.SHUT_WR)  # the end of the answer, whatever it promised
                    while connection.recv(65536):  # until crest hangs up: none of the answer is lost on the way
                        pass

        server = threading.Thread(target=serve, daemon=True)
        server.start()
        try:
            yield f"http://127.0.0.1:{listening.getsockname()[1]}"
        finally:
            stop.set()
            server.join(timeout=5)


def _answer_of(body: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(b"SSH-2.0-OpenSSH_9.6\r\n", id="not-http"),  # the address of another kind of server
        pytest.param(b"HTTP/1.1 200 OK\r\nX-Long: " + b"x" * 70_000 + b"\r\n\r\n[]", id="header-line-too-long"),
        pytest.param(b"HTTP/1.1 200 OK\r\n" + b"X-Many: x\r\n" * 101 + b"\r\n[]", id="over-100-headers"),
        pytest.param(b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n[{"link_id"', id="chunks-cut-short"),
        pytest.param(b'HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n[{"link_id"', id="cut-short"),
        pytest.param(b"HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n[]", id="cut-short-where-it-reads-as-json"),
        pytest.param(_answer_of(b"not json!"), id="not-json"),
        pytest.param(_answer_of(b'["\xff"]'), id="not-utf-8"),
        pytest.param(_answer_of(b"[" * 100_000 + b"]" * 100_000), id="nested-past-what-python-reads"),
    ],
)
def test_sync_given_an_answer_it_cannot_read_says_so_in_one_line(
    run_crest: RunCrest, crest_env: dict[str, str], answer: bytes
) -> None:
    """Before, a status line or headers http.client refuses, or an answer cut short (chunks), ended crest sync in
    a traceback; a body cut short against its Content-Length or not JSON too, or (cut where what came reads as
    JSON) was taken as the whole answer."""
    with broken_practice(answer) as url:
        _linked_to(crest_env, url)
        done = run_crest("sync")
    said = f"crest: the practice at {url} sent an answer crest could not read; try again later\n"
    assert (done.returncode, done.stderr) == (2, said)


def test_unlink_given_an_answer_it_cannot_read_keeps_the_link_in_one_line(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    with broken_practice(b"SSH-2.0-OpenSSH_9.6\r\n") as url:
        link_file = _linked_to(crest_env, url)
        linked = link_file.read_text()
        done = run_crest("unlink")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and link_file.read_text() == linked
    assert done.stderr.startswith("crest: sharing could not be stopped on the practice server: the practice at ")
    assert "sent an answer crest could not read" in done.stderr and "run crest unlink again" in done.stderr


def test_sync_given_a_refusal_cut_short_says_the_refusal_without_its_reason(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    """Before, the chunks of the refusal's reason cut short ended crest sync in a traceback."""
    refusal = b'HTTP/1.1 409 Conflict\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n{"detail": "the'
    with broken_practice(refusal) as url:
        _linked_to(crest_env, url)
        done = run_crest("sync")
    assert (done.returncode, done.stderr) == (2, "crest: the practice refused: it cannot do this now\n")


def _unreadable(url: str) -> str:
    return f"the practice at {url} sent an answer crest could not read; try again later"


FOLLOWED = {"link_id": 1, "practitioner": "Pat Physio", "shared": True, "share_notes": False, "ended": False}


@pytest.mark.parametrize(
    "sharing",
    [
        pytest.param({"received": {}}, id="an-object"),
        pytest.param(["Pat Physio"], id="a-list-of-strings"),
        pytest.param(None, id="null"),
        pytest.param([FOLLOWED | {"shared": "no"}], id="shared-as-text"),
        pytest.param([{key: value for key, value in FOLLOWED.items() if key != "shared"}], id="shared-missing"),
        pytest.param([FOLLOWED | {"ended": 0}], id="ended-as-a-number"),
    ],
)
def test_sync_given_a_sharing_list_of_a_wrong_shape_says_so_in_one_line(
    run_crest: RunCrest, crest_env: dict[str, str], sharing: object
) -> None:
    """Valid JSON of the wrong shape, the answer to every request of the sync: before, `link.get` on what was no
    object, or a prescription read from a list, ended crest sync in a traceback."""
    with broken_practice(_answer_of(json.dumps(sharing).encode())) as url:
        _linked_to(crest_env, url)
        done = run_crest("sync")
    assert (done.returncode, done.stderr) == (2, f"crest: {_unreadable(url)}\n")


@pytest.mark.parametrize(
    "pushed",
    [
        pytest.param([], id="a-list"),
        pytest.param({"received": ["check_ins"]}, id="received-a-list"),
        pytest.param({"received": {"check_ins": "one"}}, id="a-count-as-text"),
        pytest.param({"received": {"check_ins": None}}, id="a-count-null"),
        pytest.param({"received": {"check_ins": -1}}, id="a-negative-count"),
    ],
)
def test_sync_given_a_push_answer_of_a_wrong_shape_says_so_in_one_line_and_sends_the_batch_again(
    run_crest: RunCrest, crest_env: dict[str, str], pushed: object
) -> None:
    """Before, a count that was no number or `received` that was no object ended crest sync in a traceback, and a
    list or a negative count was taken as the batch confirmed: never sent again."""
    with scripted_practice({"GET /api/account/sharing": (200, [FOLLOWED]), "POST /api/sync/push": (200, pushed)}) as (
        url,
        asked,
    ):
        _linked_to(crest_env, url)
        assert run_crest("log", "--pain", "hip:left=3").returncode == 0
        done = run_crest("sync")
        again = run_crest("sync")
    assert (done.returncode, done.stderr) == (2, f"crest: {_unreadable(url)}\n")
    assert (again.returncode, again.stderr) == (2, f"crest: {_unreadable(url)}\n")
    assert asked.count("POST /api/sync/push") == 2  # not confirmed: the batch is sent again


NOTHING_HELD: dict[str, object] = {"sessions": [], "check_ins": [], "safety_screens": [], "psfs": []}
GONE = "c" * 32  # a check-in this computer pushed once, deleted here since


@pytest.mark.parametrize(
    "held",
    [
        pytest.param([], id="a-list"),
        pytest.param(None, id="null"),
        pytest.param({"sessions": [], "check_ins": [GONE], "safety_screens": []}, id="a-kind-missing"),
        pytest.param(NOTHING_HELD | {"check_ins": GONE}, id="uids-as-text"),
        pytest.param(NOTHING_HELD | {"check_ins": [7]}, id="a-uid-as-a-number"),
        pytest.param(NOTHING_HELD | {"check_ins": [GONE, "../../etc"]}, id="a-uid-crest-never-made"),
        pytest.param(NOTHING_HELD | {"check_ins": [GONE.upper()]}, id="a-uid-in-capitals"),
        pytest.param(NOTHING_HELD | {"sessions": [f"{n:032x}" for n in range(50_001)]}, id="past-a-journals-cap"),
    ],
)
def test_sync_without_its_state_given_a_held_list_of_a_wrong_shape_deletes_nothing_and_writes_nothing(
    run_crest: RunCrest, crest_env: dict[str, str], held: object
) -> None:
    """practice-sync.json deleted: crest asks the practice which records it holds (GET /api/sync/held) to delete
    there those deleted here. An answer not of its shape is refused before anything is sent or written."""
    answers: dict[str, Answer] = {"GET /api/account/sharing": (200, [FOLLOWED]), "GET /api/sync/held": (200, held)}
    with scripted_practice(answers) as (url, asked):
        _linked_to(crest_env, url)
        assert run_crest("log", "--pain", "hip:left=3").returncode == 0
        done = run_crest("sync")
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"crest: {_unreadable(url)}\n")
    assert asked == ["GET /api/account/sharing", "GET /api/sync/held"]  # nothing sent, nothing deleted
    assert not (Path(crest_env["CREST_HOME"]) / "practice-sync.json").exists()


def test_sync_without_its_state_deletes_at_the_practice_what_it_holds_and_this_journal_no_longer_has(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    """Before, practice-sync.json deleted, a record deleted here since the last sync stayed at the practice. (The
    journal holds one of the two: one holding none of them deletes nothing there unless told, as it may be a journal
    lost or begun afresh.)"""
    answers: dict[str, Answer] = {
        "GET /api/account/sharing": (200, [FOLLOWED]),
        "POST /api/sync/push": (200, {"received": {"check_ins": 1}}),
        "GET /api/sync/prescription": (200, None),
    }
    with scripted_practice(answers) as (url, asked):
        _linked_to(crest_env, url)
        assert run_crest("log", "--pain", "hip:left=3").returncode == 0
        with Journal.open(f"sqlite:///{Path(crest_env['CREST_HOME']) / 'crest.db'}") as journal:
            [kept] = journal.record_uids()["check_ins"].values()
        answers["GET /api/sync/held"] = (200, NOTHING_HELD | {"check_ins": [GONE, kept]})
        done = run_crest("sync")
    assert done.returncode == 0, done.stderr
    assert "Synced: 1 check-in; 1 deleted." in done.stdout
    assert asked[:2] == ["GET /api/account/sharing", "GET /api/sync/held"]
    assert asked.count("POST /api/sync/push") == 2  # the check-in logged here, then the deletion
    written = json.loads((Path(crest_env["CREST_HOME"]) / "practice-sync.json").read_text())
    assert GONE not in written["check_ins"]  # the check-in logged here, confirmed, and nothing else
    assert {kind: len(uids) for kind, uids in written.items()} == {
        "sessions": 0,
        "check_ins": 1,
        "safety_screens": 0,
        "psfs": 0,
    }


def test_sync_without_its_state_at_a_practice_older_than_the_held_list_sends_everything_as_before(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    answers: dict[str, Answer] = {
        "GET /api/account/sharing": (200, [FOLLOWED]),  # no GET /api/sync/held: 404
        "POST /api/sync/push": (200, {"received": {"check_ins": 1}}),
        "GET /api/sync/prescription": (200, None),
    }
    with scripted_practice(answers) as (url, asked):
        _linked_to(crest_env, url)
        assert run_crest("log", "--pain", "hip:left=3").returncode == 0
        done = run_crest("sync")
    assert done.returncode == 0, done.stderr
    assert "Synced: 1 check-in." in done.stdout and "deleted" not in done.stdout
    assert asked[:3] == ["GET /api/account/sharing", "GET /api/sync/held", "POST /api/sync/push"]
    assert asked.count("POST /api/sync/push") == 1
    assert (Path(crest_env["CREST_HOME"]) / "practice-sync.json").exists()


PRESCRIBED = {"variant": "standard", "minutes": 10, "sessions_per_day": 1, "days_per_week": 7}
PRESCRIBED |= {"start_on": "2026-05-04", "version": 1, "prescribed_by": "Priyanka Rao"}


@pytest.mark.parametrize(
    "prescribed",
    [
        pytest.param(["standard", 10], id="a-list"),
        pytest.param({"variant": "standard", "minutes": 10}, id="fields-missing"),
        pytest.param(PRESCRIBED | {"start_on": 20260504}, id="a-day-as-a-number"),
        pytest.param(PRESCRIBED | {"reminder_time": 730}, id="a-time-as-a-number"),
        pytest.param(PRESCRIBED | {"note": ["Calves on the seat."]}, id="a-note-as-a-list"),
        pytest.param(PRESCRIBED | {"minutes": "10"}, id="minutes-as-text"),
    ],
)
def test_sync_given_a_prescription_of_a_wrong_shape_says_so_in_one_line(
    run_crest: RunCrest, crest_env: dict[str, str], prescribed: object
) -> None:
    """Before, each ended crest sync in a traceback (a KeyError, a TypeError). Values of the right type that a
    prescription refuses (unknown days, a variant) are said as such (test_sync_refuses_days_that_are_not_...)."""
    with _followed_at_a_practice(crest_env, {"GET /api/sync/prescription": (200, prescribed)}):
        done = run_crest("sync")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert done.stderr.startswith("crest: the practice at http://127.0.0.1:")
    assert done.stderr.endswith(" sent an answer crest could not read; try again later\n")


LINKING = ("CODE", "--email", "bob@home.example", "--name", "Bob", "--password-stdin", "--yes")


@pytest.mark.parametrize(
    "offer",
    [
        pytest.param([], id="a-list"),
        pytest.param("client", id="text"),
        pytest.param({"role": "client"}, id="fields-missing"),
        pytest.param({"role": "client", "invited_by": ["Pat Physio"], "practice": "Back in Balance"}, id="a-list-name"),
    ],
)
def test_link_given_an_invite_of_a_wrong_shape_says_so_in_one_line_and_sends_nothing(
    run_crest: RunCrest, crest_env: dict[str, str], offer: object
) -> None:
    """Before, `offer.get` on what was no object ended crest link in a traceback, and names missing or of the
    wrong type were said as they came ("None at None invites you")."""
    with broken_practice(_answer_of(json.dumps(offer).encode())) as url:
        done = run_crest("link", url, *LINKING, input_text="a long enough password\n")
    assert (done.returncode, done.stderr) == (2, f"crest: {_unreadable(url)}\n")
    assert "invites you" not in done.stdout and not (Path(crest_env["CREST_HOME"]) / "practice-link.json").exists()


@pytest.mark.parametrize(
    "accepted",
    [
        pytest.param(["a-device-token"], id="a-list"),
        pytest.param({"device_token": ["a-device-token"], "practice": "Back in Balance"}, id="a-token-as-a-list"),
        pytest.param({"device_token": 12345, "practice": "Back in Balance"}, id="a-token-as-a-number"),
        pytest.param({"device_token": "a-device-token", "practice": {"name": "Back"}}, id="a-practice-as-an-object"),
    ],
)
def test_link_given_an_accepted_invite_of_a_wrong_shape_says_so_in_one_line_and_keeps_no_link(
    run_crest: RunCrest, crest_env: dict[str, str], accepted: object
) -> None:
    """Before, a token or a practice's name of the wrong type was kept in the link file, and a list was said to
    carry no device token."""
    answers: dict[str, Answer] = {"GET /api/auth/invites/CODE": OFFER, "POST /api/auth/accept-invite": (201, accepted)}
    with scripted_practice(answers) as (url, _asked):
        done = run_crest("link", url, *LINKING, input_text="a long enough password\n")
    # the practice may have taken the invitation: the same crest link finishes it (test_link_answer_lost_web)
    assert (done.returncode, done.stderr) == (2, f"crest: {_unreadable(url)}. {FINISH_LINKING}\n")
    assert "Linked" not in done.stdout and not (Path(crest_env["CREST_HOME"]) / "practice-link.json").exists()


@pytest.mark.parametrize(
    "sharing",
    [
        pytest.param({"link_id": 7, "shared": True}, id="an-object"),
        pytest.param(["Pat Physio"], id="a-list-of-strings"),
        pytest.param([{"shared": True, "share_notes": False, "ended": False}], id="link-id-missing"),
        pytest.param([FOLLOWED | {"link_id": "7/../../sync/device"}], id="a-link-id-as-text"),
        pytest.param([FOLLOWED | {"shared": None}], id="shared-null"),
    ],
)
def test_unlink_given_a_sharing_list_of_a_wrong_shape_keeps_the_link_in_one_line(
    run_crest: RunCrest, crest_env: dict[str, str], sharing: object
) -> None:
    """A practice older than the one request to unlink: crest reads what is shared to stop it link by link.
    Before, what was no object, or lacked its link_id, ended crest unlink in a traceback; a link_id that was text
    went into the address; a null `shared` was taken as not shared, and the link forgotten."""
    answers: dict[str, Answer] = {"GET /api/account/sharing": (200, sharing), "DELETE /api/sync/device": (204, None)}
    with scripted_practice(answers) as (url, asked):
        link_file = _linked_to(crest_env, url)
        linked = link_file.read_text()
        done = run_crest("unlink")
    assert (done.returncode, done.stderr) == (
        2,
        f"crest: sharing could not be stopped on the practice server: {_unreadable(url)}. This crest stays linked; "
        "run crest unlink again once the practice can be reached.\n",
    )
    assert link_file.read_text() == linked and asked == ["POST /api/sync/unlink", "GET /api/account/sharing"]


def test_sync_says_the_prescription_as_the_web_does_with_its_end_reminder_and_note(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    prescribed = {
        "variant": "supported",
        "minutes": 10,
        "sessions_per_day": 1,
        "days_per_week": 7,
        "start_on": "2026-05-04",
        "end_on": "2027-01-31",
        "reminder_time": "07:30",
        "note": "Calves on the sofa seat.",
        "version": 2,
        "prescribed_by": "Priyanka Rao",
    }
    done = _sync_pulling(run_crest, crest_env, prescribed)
    assert done.returncode == 0, done.stderr
    assert (
        "Your prescription: 10 min of the supported variant, once a day, every day, from 2026-05-04 to 2027-01-31, "
        "reminder at 07:30. “Calves on the sofa seat.” (Priyanka Rao)"
    ) in " ".join(done.stdout.split())  # wrapped by words at the 100 columns asked for


def test_sync_keeps_the_practices_notes_and_says_where_to_read_them(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    assert run_crest("log-session", "--minutes", "20", "--at", "2026-04-28T08:00").returncode == 0
    with Journal.open() as journal:
        [uid] = journal.record_uids()["sessions"].values()
    sharing = [{"link_id": 1, "practitioner": "Pat Physio", "shared": True, "share_notes": False, "ended": False}]
    note = {"session_uid": uid, "author": "Pat Physio", "text": "Well done.", "written_at": "2026-04-29T09:00:00Z"}
    answers = {
        "GET /api/account/sharing": (200, sharing),
        "POST /api/sync/push": (200, {"received": {"sessions": 1}}),
        "GET /api/sync/prescription": (200, None),
        "GET /api/sync/notes": (200, [note]),
    }
    with scripted_practice(answers) as (url, _asked):
        home = Path(crest_env["CREST_HOME"])
        link = {"url": url, "token": "t", "practice": "Back in Balance", "linked_at": "2026-05-01T09:00:00+00:00"}
        (home / "practice-link.json").write_text(json.dumps(link))
        done = run_crest("sync")
    assert done.returncode == 0, done.stderr
    assert "Notes from your practice on your sessions: 1. crest history and the Journal show them." in done.stdout
    assert "Note from Pat Physio, 29 Apr" in run_crest("history").stdout

    note["text"] = "x" * 1001  # more than the practice itself takes: a server that cannot be trusted with it
    with scripted_practice(answers | {"GET /api/sync/notes": (200, [note])}) as (url, _asked):
        (home / "practice-link.json").write_text(json.dumps(link | {"url": url}))
        refused = run_crest("sync")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert "crest will not keep (note 1, text: longer than 1000 characters)" in refused.stderr
    assert "Well done." in run_crest("history").stdout  # the note kept before stays


def test_sync_keeps_the_days_the_practitioner_chose_and_the_reminder_follows_them(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    """A practice that sends no days (older than chosen days) is the test above: 'every day', as before."""
    prescribed = {
        "variant": "standard",
        "minutes": 10,
        "sessions_per_day": 1,
        "days_per_week": 3,
        "days": ["tue", "thu", "sat"],
        "start_on": "2026-05-04",
        "reminder_time": "07:30",
        "version": 3,
        "prescribed_by": "Priyanka Rao",
    }
    done = _sync_pulling(run_crest, crest_env, prescribed)
    reminder = run_crest("remind")
    assert done.returncode == 0, done.stderr
    said = "Your prescription: 10 min of the standard variant, once a day, 3 days a week (Tue, Thu, Sat), from"
    assert said in " ".join(done.stdout.split())
    assert reminder.returncode == 0 and "BYDAY=TU,TH,SA" in reminder.stdout  # not the spread MO,WE,FR


@pytest.mark.parametrize(
    ("days", "refusal"),
    [
        ([2, 4, 6], "unknown day “2”"),
        (["tue", None, "sat"], "unknown day “None”"),
        ("tue,thu,sat", "the practice sent days 'str', not a list of days"),
        (3, "the practice sent days 'int', not a list of days"),
        (["tuesday", "thursday", "saturday"], "unknown day “tuesday”"),  # only the days' own names
    ],
)
def test_sync_refuses_days_that_are_not_a_list_of_days_in_one_line(
    run_crest: RunCrest, crest_env: dict[str, str], days: object, refusal: str
) -> None:
    """The practice's server is trusted with nothing it could get wrong: its days were joined as text, so a list
    of numbers ended `crest sync` in a TypeError's traceback."""
    prescribed = {"variant": "standard", "minutes": 10, "sessions_per_day": 1, "days_per_week": 3}
    prescribed |= {"days": days, "start_on": "2026-05-04", "version": 3, "prescribed_by": "Priyanka Rao"}
    done = _sync_pulling(run_crest, crest_env, prescribed)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert refusal in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_link_with_the_password_on_standard_input_asks_for_email_and_name_as_options(run_crest: RunCrest) -> None:
    """Standard input holds the password: a "Your name" prompt would read it as the name."""
    with scripted_practice({"GET /api/auth/invites/CODE": OFFER}) as (url, asked):
        args = ("link", url, "CODE", "--email", "bob@home.example", "--password-stdin", "--yes")
        result = run_crest(*args, input_text="a long enough password\n")
    assert result.returncode == 2 and "give --email EMAIL and --name NAME too; nothing was shared" in result.stderr
    assert asked == ["GET /api/auth/invites/CODE"]  # nothing was sent


def test_an_invitation_code_never_starts_like_an_option() -> None:
    from crest.services.accounts import new_code

    assert not any(new_code()[0].startswith("-") for _ in range(2000))  # 1 in 64 did: `crest link URL -AB...`


# What the practice's server never keeps in a name (crest.accounts.records.check_name), each of which a terminal
# may act on or shows misleadingly: crest refuses a name carrying one as an answer it cannot read.
HIDDEN_IN_NAMES = [
    pytest.param("Back in Balance\x1b[2J\x1b[H", id="an-escape-sequence"),
    pytest.param("Back in Balance\nLinked to another practice.", id="a-newline"),
    pytest.param("Back in\rBalance", id="a-carriage-return"),
    pytest.param("Back in Balance\x07", id="a-bell"),
    pytest.param("Back in Balance\x9b2J", id="a-c1-control"),
    pytest.param("Back in \u202eecnalaB", id="a-bidirectional-override"),
    pytest.param("B" * 201, id="longer-than-the-practice-allows"),
]


@pytest.mark.parametrize("name", HIDDEN_IN_NAMES)
@pytest.mark.parametrize("field", ["invited_by", "practice"])
def test_link_given_an_invite_naming_with_a_control_character_says_so_in_one_line_and_prints_no_name(
    run_crest: RunCrest, crest_env: dict[str, str], field: str, name: str
) -> None:
    """Before, the names were printed as they came ("X at Y invites you"): a practice could move the cursor, clear
    the terminal or write lines of its own before the question to share."""
    offer = (200, {"role": "client", "invited_by": "Pat Physio", "practice": "Back in Balance"} | {field: name})
    with scripted_practice({"GET /api/auth/invites/CODE": offer}) as (url, asked):
        done = run_crest("link", url, *LINKING, input_text="a long enough password\n")
    assert (done.returncode, done.stderr, done.stdout) == (2, f"crest: {_unreadable(url)}\n", "")
    assert asked == ["GET /api/auth/invites/CODE"]  # nothing was sent
    assert not (Path(crest_env["CREST_HOME"]) / "practice-link.json").exists()


@pytest.mark.parametrize("name", HIDDEN_IN_NAMES)
def test_link_given_an_accepted_invite_naming_the_practice_with_a_control_character_keeps_no_link(
    run_crest: RunCrest, crest_env: dict[str, str], name: str
) -> None:
    """Before, the practice's name was printed ("Linked to ...") and kept in the link file, to be printed again by
    crest sync and shown on Settings."""
    accepted = (201, {"device_token": "a-device-token", "practice": name})
    answers: dict[str, Answer] = {"GET /api/auth/invites/CODE": OFFER, "POST /api/auth/accept-invite": accepted}
    with scripted_practice(answers) as (url, _asked):
        done = run_crest("link", url, *LINKING, input_text="a long enough password\n")
    assert (done.returncode, done.stderr) == (2, f"crest: {_unreadable(url)}. {FINISH_LINKING}\n")
    assert "Linked" not in done.stdout and not (Path(crest_env["CREST_HOME"]) / "practice-link.json").exists()


@pytest.mark.parametrize("name", HIDDEN_IN_NAMES)
def test_sync_given_a_prescription_by_a_name_with_a_control_character_says_so_in_one_line(
    run_crest: RunCrest, crest_env: dict[str, str], name: str
) -> None:
    """Before, who prescribed was printed as it came after "Your prescription: ..."."""
    prescribed = PRESCRIBED | {"prescribed_by": name}
    with _followed_at_a_practice(crest_env, {"GET /api/sync/prescription": (200, prescribed)}):
        done = run_crest("sync")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Your prescription" not in done.stdout
    assert done.stderr.endswith(" sent an answer crest could not read; try again later\n")


def test_names_as_long_as_the_practice_allows_are_said_as_they_are(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    """Never cut short: whole on a line wide enough; on a narrower one wrapped (a name longer than the line folded),
    every character still said."""
    practice, inviter = "Ünïcode Physio 物理療法 👩‍⚕️" + "B" * 170, "P" * 200
    offer = (200, {"role": "client", "invited_by": inviter, "practice": practice})
    said = f"{inviter} at {practice} invites you to share:"
    with scripted_practice({"GET /api/auth/invites/CODE": offer}) as (url, _asked):
        narrow = run_crest("link", url, "CODE", "--password-stdin", input_text="a long enough password\n")
        crest_env["COLUMNS"] = "500"
        wide = run_crest("link", url, "CODE", "--password-stdin", input_text="a long enough password\n")
    assert said in wide.stdout
    assert "".join(said.split()) in "".join(narrow.stdout.split())


LINKED = {"url": "https://practice.example", "token": "t", "practice": "Back in Balance"}
LINKED |= {"linked_at": "2026-05-01T09:00:00+00:00"}


JOINED = (201, {"practice": "Back in Balance"})


@pytest.mark.parametrize("agreeing", [("--yes",), ()])
def test_link_on_a_crest_linked_to_that_practice_joins_another_practitioner_asked_only_to_agree(
    run_crest: RunCrest, crest_env: dict[str, str], agreeing: tuple[str, ...]
) -> None:
    """Before, it was refused ('run crest unlink first'), and unlinking stopped sharing with the first practitioner.
    Now the computer's account takes the invitation through its link (POST /api/sync/join): no email, name or
    password asked, and the link stays as it was."""
    answers: dict[str, Answer] = {"GET /api/auth/invites/CODE": OFFER, "POST /api/sync/join": JOINED}
    with scripted_practice(answers) as (url, asked):
        link_file = _linked_to(crest_env, url)
        kept = link_file.read_bytes()
        done = run_crest("link", url, "CODE", *agreeing, input_text="y\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Pat Physio at Back in Balance invites you to share:\n")
    assert done.stdout.endswith(
        "Pat Physio at Back in Balance now sees what you share too.\n"
        "This computer's link is unchanged: crest sync goes on as before.\n"
    )
    assert "email" not in done.stdout.lower() and "password" not in done.stdout.lower()
    assert asked == ["GET /api/auth/invites/CODE", "POST /api/sync/join"] and link_file.read_bytes() == kept


@pytest.mark.parametrize("columns", [40, 80])
def test_link_to_join_wraps_by_words_at_the_terminals_width(
    run_crest: RunCrest, crest_env: dict[str, str], columns: int
) -> None:
    """What the invitation shares and that the practitioner now sees it, at 40 and 80 columns: no line wider, every
    word whole (the terminal broke them mid-word: 'Physiother|apy', 'crest|sync')."""
    crest_env["COLUMNS"] = str(columns)
    answers: dict[str, Answer] = {"GET /api/auth/invites/CODE": OFFER, "POST /api/sync/join": JOINED}
    with scripted_practice(answers) as (url, _asked):
        _linked_to(crest_env, url)
        done = run_crest("link", url, "CODE", "--yes")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert all(len(line) <= columns for line in lines), lines
    said = " ".join(done.stdout.split())
    assert "Pat Physio at Back in Balance now sees what you share too." in said
    assert "(its name only: the note's words stay out unless you share your notes)" in said


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (
            (410, {"detail": "this invite link is not valid (unknown, already used or expired); ask for a new one"}),
            "this invite link is not valid (unknown, already used or expired); ask for a new one",
        ),
        ((404, {"detail": "Not Found"}), "this practice's server is older than joining from crest"),
    ],
)
def test_link_to_join_refused_by_the_practice_says_so_in_one_line_and_keeps_the_link(
    run_crest: RunCrest, crest_env: dict[str, str], answer: Answer, said: str
) -> None:
    answers: dict[str, Answer] = {"GET /api/auth/invites/CODE": OFFER, "POST /api/sync/join": answer}
    with scripted_practice(answers) as (url, _asked):
        link_file = _linked_to(crest_env, url)
        kept = link_file.read_bytes()
        done = run_crest("link", url, "CODE", "--yes")
    assert done.returncode != 0 and "Traceback" not in done.stderr and "now sees" not in done.stdout
    assert said in done.stderr and done.stderr.count("\n") == 1
    assert link_file.read_bytes() == kept


@pytest.mark.parametrize(
    "damaged",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b'{"url": "https://practice.example", "tok', id="cut-short"),
        pytest.param(b"not json", id="not-json"),
        pytest.param(b"\xff\xfe", id="not-utf-8"),
        pytest.param(b"[1]", id="a-list"),
        pytest.param(b"null", id="null"),
        pytest.param(b"{}", id="an-empty-object"),
        pytest.param(json.dumps({k: v for k, v in LINKED.items() if k != "token"}).encode(), id="no-token"),
        pytest.param(json.dumps(LINKED | {"url": 1}).encode(), id="a-url-as-a-number"),
        pytest.param(json.dumps(LINKED | {"token": ["t"]}).encode(), id="a-token-as-a-list"),
        pytest.param(json.dumps(LINKED | {"linked_at": "yesterday"}).encode(), id="a-date-that-is-none"),
        pytest.param(json.dumps(LINKED | {"linked_at": 20260501}).encode(), id="a-date-as-a-number"),
        pytest.param(json.dumps(LINKED | {"last_sync_at": "soon"}).encode(), id="a-last-sync-that-is-no-date"),
        pytest.param(json.dumps(LINKED | {"followed": "yes"}).encode(), id="followed-as-text"),
        pytest.param(json.dumps(LINKED | {"practice": "Back\x1b[2J"}).encode(), id="a-name-with-an-escape"),
        pytest.param(json.dumps(LINKED | {"practice": None}).encode(), id="a-name-null"),
    ],
)
@pytest.mark.parametrize("command", ["sync", "unlink", "link"])
def test_a_damaged_link_file_is_refused_in_one_line_saying_which_file_and_what_to_do(
    run_crest: RunCrest, crest_env: dict[str, str], damaged: bytes, command: str
) -> None:
    """Before, most ended in a traceback (a KeyError, a TypeError, an AttributeError), and what was not JSON was
    said with "run crest unlink", which read the same file and failed the same way."""
    home = Path(crest_env["CREST_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    link_file = home / "practice-link.json"
    link_file.write_bytes(damaged)
    with scripted_practice({"GET /api/auth/invites/CODE": OFFER}) as (url, asked):
        linking = (url, *LINKING) if command == "link" else ()
        done = run_crest(command, *linking, input_text="a long enough password\n")
    assert (done.returncode, done.stderr) == (
        2,
        f"crest: {link_file} is damaged, so crest cannot read this computer's link to a practice from it; delete "
        "it, then link again with crest link and a new invitation from your practitioner\n",
    )
    assert "Linked" not in done.stdout and "Unlinked" not in done.stdout and link_file.exists()
    assert asked == []  # refused before the practice is asked anything (linking asked for the invite first)


def test_linking_a_crest_linked_already_is_refused_before_the_practice_is_asked_or_anything_typed(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    # Before, the invitation was fetched and shown, consent, email, name and password asked, and only then refused.
    # (Linked to that practice itself, it joins another practitioner there: see the tests below.)
    with scripted_practice({"GET /api/auth/invites/CODE": OFFER}) as (url, asked):
        link_file = _linked_to(crest_env, "https://elsewhere.example")
        kept = link_file.read_bytes()
        done = run_crest("link", url, "CODE")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "crest: this crest is linked to a practice already; run crest unlink first\n"
    assert asked == [] and link_file.read_bytes() == kept


@pytest.mark.parametrize(
    "damaged",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b'{"check_ins": {"a', id="cut-short"),
        pytest.param(b"not json", id="not-json"),
        pytest.param(b"\xff\xfe", id="not-utf-8"),
        pytest.param(b"[1]", id="a-list"),
        pytest.param(b"null", id="null"),
        pytest.param(b'{"check_ins": []}', id="a-kind-as-a-list"),
        pytest.param(b'{"check_ins": "uid"}', id="a-kind-as-text"),
        pytest.param(b'{"check_ins": {"a-uid": 1}}', id="a-fingerprint-as-a-number"),
        pytest.param(b'{"check_ins": {"a-uid": null}}', id="a-fingerprint-null"),
        pytest.param(b'{"notes": {"a-uid": "f"}}', id="a-kind-crest-does-not-send"),
    ],
)
def test_a_damaged_sync_state_is_refused_in_one_line_and_deleting_it_as_said_sends_everything_again(
    run_crest: RunCrest, crest_env: dict[str, str], damaged: bytes
) -> None:
    """practice-sync.json notes what the practice has confirmed. Before, most of these ended crest sync in a
    traceback (an AttributeError), and what was not JSON was said with "run crest unlink and link again", which
    needs no unlinking; the practice matches each record by its uid, so sending it again stores it once."""
    answers: dict[str, Answer] = {
        "GET /api/account/sharing": (200, [FOLLOWED]),
        "POST /api/sync/push": (200, {"received": {"check_ins": 1}}),
        "GET /api/sync/prescription": (200, None),
    }
    with scripted_practice(answers) as (url, asked):
        _linked_to(crest_env, url)
        state_file = Path(crest_env["CREST_HOME"]) / "practice-sync.json"
        state_file.write_bytes(damaged)
        assert run_crest("log", "--pain", "hip:left=3").returncode == 0
        done = run_crest("sync")
        assert (done.returncode, done.stderr) == (
            2,
            f"crest: {state_file} is damaged, so crest cannot tell from it which records the practice has "
            "already; deleting it is safe: the next crest sync asks the practice which records it holds, sends "
            "them all again (the practice keeps each once) and deletes there those deleted here\n",
        )
        assert asked == [] and state_file.read_bytes() == damaged  # nothing sent, the file left as it is
        state_file.unlink()
        again = run_crest("sync")
    assert again.returncode == 0, again.stderr
    assert "Synced: 1 check-in." in again.stdout and asked.count("POST /api/sync/push") == 1


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        pytest.param("busy\x1b[2J\x1b[Hnow", "busy\\x1b[2J\\x1b[Hnow", id="escape-sequences"),
        pytest.param("busy\x9b2Jnow", "busy\\x9b2Jnow", id="a-c1-control"),
        pytest.param("busy\x7fnow", "busy\\x7fnow", id="del"),
        pytest.param("busy\nnow\r", "busy\\nnow\\r", id="line-breaks"),
        pytest.param("busy \u202ewon \u2066\u2069", "busy \\u202ewon \\u2066\\u2069", id="bidirectional-overrides"),
    ],
)
def test_the_practices_reason_for_a_refusal_is_said_with_its_control_characters_escaped(
    run_crest: RunCrest, crest_env: dict[str, str], reason: str, said: str
) -> None:
    """The reason is only informative, so it is said rather than refused; before, a bidirectional override in it
    reversed the rest of the line in the person's terminal."""
    with _followed_at_a_practice(crest_env, {"GET /api/sync/prescription": (409, {"detail": reason})}):
        done = run_crest("sync")
    assert (done.returncode, done.stderr) == (2, f"crest: the practice refused: {said}\n")


@pytest.mark.parametrize(
    "note",
    [
        pytest.param("Calves on\x1b[2J the seat.", id="an-escape"),
        pytest.param("Calves on\x7f the seat.", id="del"),
        pytest.param("Calves on\x9b2J the seat.", id="a-c1-control"),
        pytest.param("Calves on \u202etaes eht.", id="a-bidirectional-override"),
    ],
)
def test_sync_refuses_a_prescription_note_with_a_control_character_in_one_line(
    run_crest: RunCrest, crest_env: dict[str, str], note: str
) -> None:
    """Before, DEL, C1 controls (\\x9b starts an escape sequence in many terminals) and bidirectional overrides
    passed, and crest sync printed the note after "Your prescription"."""
    done = _sync_pulling(run_crest, crest_env, PRESCRIBED | {"note": note})
    hidden = next(character for character in note if not (character.isalnum() or character in " ."))
    assert (done.returncode, done.stderr) == (
        2,
        f"crest: the note contains a hidden control character ({hidden.encode('unicode_escape').decode()}) that"
        " crest does not keep; delete it from the note\n",
    )
    assert "Your prescription" not in done.stdout


def test_sync_says_a_prescription_note_of_several_lines_as_before(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    done = _sync_pulling(run_crest, crest_env, PRESCRIBED | {"note": "Calves on the seat.\n\tTen minutes."})
    assert done.returncode == 0, done.stderr
    # its lines as written (the first wrapped at the 100 columns asked for), the tab as a terminal shows it
    assert done.stdout.endswith(" the seat.\n        Ten minutes.” (Priyanka Rao)\n")


@pytest.mark.parametrize(
    ("character", "shown"),
    [
        pytest.param("\x7f", "\\x7f", id="del"),
        pytest.param("\x9b", "\\x9b", id="a-c1-control"),
        pytest.param("\u202e", "\\u202e", id="a-bidirectional-override"),
    ],
)
def test_sync_refuses_a_practitioners_note_with_a_hidden_control_character_in_one_line(
    run_crest: RunCrest, crest_env: dict[str, str], character: str, shown: str
) -> None:
    """Before, DEL, C1 controls (\\x9b starts an escape sequence in many terminals) and bidirectional overrides were
    kept, and crest history printed them under the session; now the notes are refused, the ones kept before stay."""
    assert run_crest("log-session", "--minutes", "20", "--at", "2026-04-28T08:00").returncode == 0
    with Journal.open() as journal:
        [uid] = journal.record_uids()["sessions"].values()
    note = {"session_uid": uid, "author": "Pat Physio", "text": "Well done.", "written_at": "2026-04-29T09:00:00Z"}
    answers: dict[str, Answer] = {"GET /api/sync/prescription": (200, None), "GET /api/sync/notes": (200, [note])}
    with _followed_at_a_practice(crest_env, answers):
        assert run_crest("sync").returncode == 0
    hidden = note | {"text": f"Well{character}2J done."}
    with _followed_at_a_practice(crest_env, answers | {"GET /api/sync/notes": (200, [note, hidden])}):
        refused = run_crest("sync")
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr == (
        "crest: the practice sent notes on your sessions that crest will not keep (note 2, text: the note "
        f"contains a hidden control character ({shown}) that crest does not keep; delete it from the note); the "
        "notes kept before stay as they were. Tell your practitioner: their server may need an update\n"
    )
    history = run_crest("history").stdout
    assert "Well done." in history and character not in history


def test_sync_with_a_link_the_practice_no_longer_accepts_says_how_to_link_again(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    """After a password link or 'sign out everywhere' the link ends; crest link needs a new invitation, and only the
    practitioner can make one: the way back said whole, where 'crest link again' was a dead end."""
    refusal = {"detail": "not signed in"}
    with _followed_at_a_practice(crest_env, {"GET /api/sync/prescription": (401, refusal, {})}):
        done = run_crest("sync")
    said = done.stderr.strip()
    assert done.returncode != 0 and len(said.splitlines()) == 1
    assert said.endswith("run crest unlink, then ask your practitioner for a new invitation and run crest link with it")


def _refused(password: str) -> Answer:
    """What a crest practice answers /api/auth/accept-invite for `password` as a new account's, in its own words
    and naming the field refused (`crest link` asks again on that, never on the words)."""
    with pytest.raises(UnsuitablePassword) as refused:
        check_new_password(password, ("bob@home.example", "Bob", "Back in Balance"))
    return (422, password_refusal(NewPasswordRefused(refused.value.message)))


# What a crest practice answers an existing account's email with a password that is not the account's own
NOT_HIS = (401, password_refusal(NotTheAccountsPassword(ACCOUNT_PASSWORD_ASKED)))


COMMON = "that password is one of the most common ones and easy to guess; choose another"
ACCEPTED_AS_BOB = (201, {"device_token": "t" * 32, "practice": "Back in Balance"})


def _typed_as_bob(first: str, *others: str) -> list[tuple[str, str]]:
    """`crest link` in a terminal: agreed, the email and the name typed, then each password in turn (after a hidden
    prompt's last space, which comes once the terminal stops echoing and drops the keys typed before)."""
    return [
        ("Do you agree to share this?", "y\n"),
        ("Your email", "bob@home.example\n"),
        ("Your name", "Bob\n"),
        ("Choose a password: ", f"{first}\n"),
        *(("Choose another password: ", f"{password}\n") for password in others),
    ]


def test_link_in_a_terminal_asks_again_for_a_password_the_practice_refuses_and_nothing_else(
    crest_env: dict[str, str],
) -> None:
    """A walk-through agreed, typed the email, the name and "password1", was refused and had to start again from the
    consent question."""
    answers: dict[str, Answers] = {
        "GET /api/auth/invites/CODE": OFFER,
        "POST /api/auth/accept-invite": [_refused("password1"), _refused("Balance Balance 2026"), ACCEPTED_AS_BOB],
    }
    script = _typed_as_bob("password1", "Balance Balance 2026", "a slow river at dusk")
    with scripted_practice(answers) as (url, asked):
        plain = run_in_terminal(["link", url, "CODE"], crest_env, script)
    assert f"The practice refused: {COMMON}." in plain
    assert "The practice refused: that password is mostly made of words others know" in plain
    assert "Linked to Back in Balance." in plain
    assert plain.count("Do you agree to share this?") == plain.count("Your email") == 1
    assert asked == ["GET /api/auth/invites/CODE"] + ["POST /api/auth/accept-invite"] * 3
    assert (Path(crest_env["CREST_HOME"]) / "practice-link.json").exists()


def test_link_in_a_terminal_asks_again_for_an_existing_accounts_password_as_for_a_new_one(
    crest_env: dict[str, str],
) -> None:
    """Bob has an account at the practice and typed another password: crest link ended, where a new account's
    refused password is asked again."""
    answers: dict[str, Answers] = {
        "GET /api/auth/invites/CODE": OFFER,
        "POST /api/auth/accept-invite": [NOT_HIS, ACCEPTED_AS_BOB],
    }
    script = [*_typed_as_bob("a new one I made up"), ("That account's password: ", "what Bob chose long ago\n")]
    with scripted_practice(answers) as (url, asked):
        plain = run_in_terminal(["link", url, "CODE"], crest_env, script)
    assert f"The practice refused: {ACCOUNT_PASSWORD_ASKED}." in plain
    assert "Linked to Back in Balance." in plain and "Choose another password" not in plain
    assert plain.count("Do you agree to share this?") == plain.count("Your email") == 1
    assert asked == ["GET /api/auth/invites/CODE"] + ["POST /api/auth/accept-invite"] * 2


def test_link_in_a_terminal_gives_up_after_three_refused_passwords_in_one_line(crest_env: dict[str, str]) -> None:
    answers: dict[str, Answers] = {"GET /api/auth/invites/CODE": OFFER, "POST /api/auth/accept-invite": _refused("x")}
    script = _typed_as_bob("password1", "password2", "password3")
    with scripted_practice(answers) as (url, asked):
        plain = run_in_terminal(["link", url, "CODE"], crest_env, script)
    assert plain.count("Choose another password") == 2 and "Traceback" not in plain and "Linked" not in plain
    said = _refused("x")[1]
    assert isinstance(said, dict)  # the last refusal ends it, as one line (wrapped here to the terminal's width)
    assert " ".join(plain.split()).endswith(f"crest: the practice refused: {said['detail']}")
    assert asked == ["GET /api/auth/invites/CODE"] + ["POST /api/auth/accept-invite"] * 3


def test_link_with_the_password_on_standard_input_says_a_refused_password_in_one_line_and_asks_nothing(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    answers: dict[str, Answers] = {
        "GET /api/auth/invites/CODE": OFFER,
        "POST /api/auth/accept-invite": [_refused("password1"), ACCEPTED_AS_BOB],
    }
    with scripted_practice(answers) as (url, asked):
        done = run_crest("link", url, *LINKING, input_text="password1\n")
    assert (done.returncode, done.stderr) == (2, f"crest: the practice refused: {COMMON}\n")
    assert asked == ["GET /api/auth/invites/CODE", "POST /api/auth/accept-invite"]
    assert not (Path(crest_env["CREST_HOME"]) / "practice-link.json").exists()


def test_link_with_the_password_on_standard_input_says_an_existing_accounts_refusal_in_one_line(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    answers: dict[str, Answers] = {
        "GET /api/auth/invites/CODE": OFFER,
        "POST /api/auth/accept-invite": [NOT_HIS, ACCEPTED_AS_BOB],
    }
    with scripted_practice(answers) as (url, asked):
        done = run_crest("link", url, *LINKING, input_text="not his\n")
    assert (done.returncode, done.stderr) == (2, f"crest: the practice refused: {ACCOUNT_PASSWORD_ASKED}\n")
    assert asked == ["GET /api/auth/invites/CODE", "POST /api/auth/accept-invite"]
    assert not (Path(crest_env["CREST_HOME"]) / "practice-link.json").exists()


def test_sync_of_a_journal_holding_none_of_the_records_sent_deletes_nothing_there_unless_told(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    """A journal lost or begun afresh beside the link: before, crest sync told the practice to delete every record
    this computer had sent ("Synced: nothing new; 1 deleted."), the only copy left."""
    sent = "a" * 32
    sharing = [{"link_id": 1, "practitioner": "Pat Physio", "shared": True, "share_notes": False, "ended": False}]
    answers: dict[str, Answer] = {
        "GET /api/account/sharing": (200, sharing),
        "GET /api/sync/prescription": (200, None),
        "POST /api/sync/push": (200, {"received": {}, "deleted": 1}),
    }
    with scripted_practice(answers) as (url, asked):
        _linked_to(crest_env, url)
        (Path(crest_env["CREST_HOME"]) / "practice-sync.json").write_text(json.dumps({"sessions": {sent: "f"}}))
        kept = run_crest("sync")
        assert "POST /api/sync/push" not in asked
        told = run_crest("sync", "--delete-all-sent")
    assert kept.returncode == 0 and kept.stdout == "Synced: nothing new.\n"
    assert kept.stderr == (
        "crest deleted nothing at the practice: this journal holds none of the 1 record this computer sent there (a "
        "journal lost, moved or started afresh?), so the practice keeps them. If the journal is elsewhere, put it "
        "back and run crest sync; if you deleted them all yourself, run crest sync --delete-all-sent\n"
    )
    assert told.returncode == 0 and told.stdout == "Synced: nothing new; 1 deleted.\n", told.stderr
    assert asked.count("POST /api/sync/push") == 1


def test_sync_of_one_batch_says_only_what_it_sent(run_crest: RunCrest, crest_env: dict[str, str]) -> None:
    """Before, every sync said "sent batch 1 of 1" before its summary, however little it sent."""
    pushed = (200, {"received": {"check_ins": 1}})
    answers: dict[str, Answer] = {"POST /api/sync/push": pushed, "GET /api/sync/prescription": (200, None)}
    with _followed_at_a_practice(crest_env, answers):
        assert run_crest("log", "--pain", "hip:left=3").returncode == 0
        done = run_crest("sync")
    assert (done.returncode, done.stdout, done.stderr) == (0, "Synced: 1 check-in.\n", "")
