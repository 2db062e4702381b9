"""A local crest linked to a practice: `crest link URL CODE` accepts an invite and keeps a device token (a file
readable by its owner only), `crest sync` pushes new and corrected records and pulls the prescription and the
practitioners' notes on the sessions, `crest unlink` stops sharing on the server, then forgets the link. The local
journal stays the source of truth; the server holds a copy, with the person's own notes only while they share them.

A sync is resumable: records go in batches, and after each batch the server has confirmed, what it holds is noted
(`practice-sync.json`: each record's uid and fingerprint). A sync killed half-way sends the unconfirmed batch
again next time, and the server, matching by uid, stores it once. Each sync also asks the practice which records this
computer pushed that it still holds, and notes only those: a practice restored from a backup is sent again what it
lost, and without the note (deleted, as crest says is safe for a damaged one) every record is sent again, and those
deleted here are deleted there, as with the note.
"""

from __future__ import annotations

import hashlib
import http.client
import io
import json
import os
import secrets
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from crest.accounts.records import Prescription
from crest.addresses import crosses_the_network_unencrypted
from crest.clock import Clock
from crest.counting import counted
from crest.errors import CrestError, one_line
from crest.input_problems import quoted
from crest.journal import capacity
from crest.journal.records import JournalContents
from crest.journal.store import RecordKind
from crest.journal.transfer.json_format import export_json
from crest.private_files import make_private_folder, write_private_file
from crest.services.practice_answers import (
    ACCEPTED,
    HELD,
    OFFER,
    PRESCRIBED,
    PUSHED,
    SECOND_FACTOR_NEEDED,
    SHARING,
    Accepted,
    Moment,
    Name,
    Offer,
)
from crest.services.sync import HELD_PER_PAGE, KINDS, JournalSync, Outgoing, read_session_notes

if TYPE_CHECKING:
    from urllib.request import _HTTPConnectionProtocol

    from _typeshed import WriteableBuffer

LINK_FILE = "practice-link.json"
STATE_FILE = "practice-sync.json"
# `crest link` under way: the key it sends with the invitation, kept until the answer comes (`_Pending`)
PENDING_FILE = "practice-link-pending.json"
RECORDS_PER_BATCH = 200
# A push stays well under the server's limit on a request body (1 MiB, `Limits.max_body_bytes`): long notes fill a
# batch long before 200 records do, and a batch the server refuses would be refused at every sync.
BYTES_PER_BATCH = 512 * 1024
# Deletions go in batches too: a uid costs 35 bytes of a push's JSON, so 10,000 of them are 350 KB, under the above.
DELETIONS_PER_BATCH = 10_000
# A sync asked to wait by the practice while it sends records waits as long as the practice asks, up to this, then
# carries on: crest's practice takes 300 requests of one account in 10 minutes (SYNC_REQUESTS), and a first sync of
# over 60,000 records (300 batches of 200) needs more. A longer wait is said, and the sync stops there.
LONGEST_WAIT_S = 15 * 60
TIMEOUT_S = 30  # for each read: a server that sends a byte now and then never reaches it, hence the deadline below
# The most one answer may take, from asking to its last byte, status line and headers included (each read of the
# connection may take only the time left). A real answer is under 1 MB, 8 s at 1 Mbit/s: two minutes leave a slow
# server room, and a server that trickles its answer holds a sync for two minutes, not for ever. One near
# MAX_ANSWER_BYTES needs 18 Mbit/s.
ANSWER_DEADLINE_S = 120
# The most crest reads of one answer. The largest a practice sends is its notes on the sessions: at the cap on them
# (capacity.SESSION_NOTES, 150,000), each 1,000 characters of plain text, about 200 MB; a real one is well under 1 MB.
MAX_ANSWER_BYTES = 256 * 1024 * 1024
MAX_REFUSAL_BYTES = 64 * 1024  # a refusal is a line, of which 300 characters are shown
READ_BYTES = 64 * 1024  # an answer is read this much at a time, to stop soon past MAX_ANSWER_BYTES

Read = TypeVar("Read")


class NotLinked(CrestError):
    """This crest is not linked to a practice."""


class PracticeUnreachable(CrestError):
    """The practice's server could not be reached, refused the request, asked crest to wait, answered more than
    crest reads, or sent an answer crest could not read (broken, or not of the shape crest reads); the message says
    which."""


class NotConnected(PracticeUnreachable):
    """The connection to the practice failed before its whole answer came (refused, dropped, silent too long, its
    name not found): nothing was refused, and asking again later may well work."""


class AskedToWait(PracticeUnreachable):
    """The practice's 429 to a linked computer: crest sync asked too often; `seconds`, the wait it gives (Retry-After
    in seconds), or None."""

    def __init__(self, message: str, seconds: int | None) -> None:
        super().__init__(message)
        self.seconds = seconds


class LinkNotAccepted(PracticeUnreachable):
    """The practice refuses this computer's token (the device was removed there): nothing can be done with it."""


class NotThere(PracticeUnreachable):
    """The practice has nothing at the address asked (404): the address is wrong, or its server is older than what was
    asked of it."""


class PracticeRefused(PracticeUnreachable):
    """The practice's own refusal of a request (an HTTP status of 400 or more), said in its words, with its status,
    the fields of the request it names as the problem (a crest practice's `errors`) and what it says the refusal is
    (its `code`, where it gives one): what a refusal is, is told from those, never from the words."""

    def __init__(self, message: str, status: int, fields: tuple[str, ...] = (), code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.fields = fields
        self.code = code


class PasswordRefused(PracticeUnreachable):
    """The practice refused the password chosen for the new account (too short, too common, made of the name...),
    in its own words: nothing was used up, and the same invitation takes another."""


class NotTheAccountsPassword(PasswordRefused):
    """The email has an account at the practice, and the password is not its own: the same invitation takes that
    account's password."""


class SecondFactorAsked(PracticeUnreachable):
    """The email's account at the practice signs in with two-step sign-in, and no code from its authenticator app
    came with the password: the same invitation takes the code."""


class PushedThenFailed(CrestError):
    """A sync whose records reached the practice, then failed to fetch the prescription or the notes."""


class LinkDamaged(CrestError):
    """The link file is not what crest wrote (edited by hand, or damaged): nothing in it can be trusted."""


class SyncStateDamaged(CrestError):
    """The sync's own state (STATE_FILE) is not what crest wrote: what the practice holds cannot be told from it."""


class SharingNotStopped(CrestError):
    """`crest unlink` could not tell the practice to stop sharing; the link is kept so it can be tried again."""


def nobody_follows(practice: str, programme_ended: bool) -> str:
    """Why a sync sent nothing: the programme ended, or the person stopped sharing, so nobody at the practice would
    see these records, warning signs included. Said at every door that shows the link."""
    where = practice or "the practice"
    why = f"your programme at {where} has ended" if programme_ended else f"you stopped sharing with {where}"
    again = (
        "your practitioner can invite you again"
        if programme_ended
        else "or share again under My practitioner on the practice's site"
    )
    return (
        f"{why}, so nobody there follows you now and nothing was sent. Nobody there would see your check-ins or "
        f"warning signs: act yourself on any warning crest gives you. Run crest unlink to stop syncing; {again}"
    )


class _Link(BaseModel):
    """The link file (LINK_FILE) as `crest link` writes it and each sync updates it: checked whole, at the one
    place it is read, before anything in it is, as the practice's answers are."""

    model_config = ConfigDict(strict=True)

    url: str
    token: str
    practice: Name = ""
    linked_at: Moment
    last_sync_at: Moment | None = None
    followed: bool = True  # at the last sync someone at the practice followed this person (True before the first)
    programme_ended: bool = False
    # The practice said at a push that it reads every warning sign of a check-in (note_signs): sent only then, as an
    # older one refuses them (an older crest leaves this field unread).
    every_sign: bool = False
    # ... and which sign of each fired (note_sign_rules), in the same way
    sign_rules: bool = False
    # By kind, the records noted KEPT_THERE in STATE_FILE: kept here too, so that deleting that file (as crest says is
    # safe) does not turn them into records deleted here, told deleted at the practice once the journal holds some
    kept_there: dict[str, list[str]] = {}


class _Pending(BaseModel):
    """`crest link` whose answer has not come (PENDING_FILE): the random key it sent with this invitation. The
    practice takes the same invitation again only with this key (ending the token it sent first, which never came),
    so a link whose answer was lost is finished by running it again. The invitation's code is kept as its SHA-256:
    the file says which invitation, and holds no invitation for anyone who reads it."""

    model_config = ConfigDict(strict=True)

    url: str
    invitation: str
    key: str


# The sync's state (STATE_FILE): by kind, each record the practice has confirmed, by uid, with the fingerprint of
# what it holds. Checked whole where it is read, as the link file is.
Sent = dict[RecordKind, dict[str, str]]
_SENT: TypeAdapter[Sent] = TypeAdapter(Sent, config=ConfigDict(strict=True))
# The fingerprint noted for a record that a sync did not delete at the practice though the journal no longer holds it,
# since the journal held none of what its computer had sent (lost, moved or begun afresh): the practice keeps its
# copy, and it is told deleted only by `crest sync --delete-all-sent`. A journal that holds it again sends it again.
KEPT_THERE = "kept at the practice"


@dataclass(frozen=True)
class LinkStatus:
    url: str
    practice: str
    linked_at: datetime
    last_sync_at: datetime | None
    followed: bool  # at the last sync someone at the practice followed this person (True before the first)
    programme_ended: bool = False  # not followed because every programme there ended (not because sharing stopped)


# Each kind's noun and its plural where adding an s would be wrong; the PSFS as the Daily activities page names it.
_NOUNS: dict[str, tuple[str, str | None]] = {
    "sessions": ("session", None),
    "check_ins": ("check-in", None),
    "safety_screens": ("safety screen", None),
    "psfs": ("rating of daily activities", capacity.PSFS_ROUNDS.plural),
}


@dataclass(frozen=True)
class SyncResult:
    sent: dict[str, int]
    deleted: int
    prescription: Prescription | None
    followed: bool = True  # False: nobody at the practice follows this person, so nothing was sent
    programme_ended: bool = False  # ... because every programme there ended
    notes: int | None = 0  # the practitioners' notes on this crest's sessions, kept now (None: the server sends none)
    held_back: int = 0  # records sent before that the journal holds none of, not deleted there (`deletions_held_back`)

    def sent_counts(self) -> tuple[str, ...]:
        """What was sent, in words: "7 sessions", "1 safety screen", ..."""
        return tuple(_sent_in_words(kind, count) for kind, count in self.sent.items())


def deletions_held_back(count: int) -> str:
    """Why a sync deleted nothing at the practice, though the journal holds none of the records sent before."""
    return (
        f"crest deleted nothing at the practice: this journal holds none of the {counted(count, 'record')} this "
        "computer sent there (a journal lost, moved or started afresh?), so the practice keeps them. If the journal "
        "is elsewhere, put it back and run crest sync; if you deleted them all yourself, run crest sync "
        "--delete-all-sent"
    )


def _sent_in_words(kind: str, count: int) -> str:
    noun = _NOUNS.get(kind)
    # The server names what it received: a kind this crest has no noun for (a newer server's) is said its way.
    return counted(count, *noun) if noun else f"{count} {kind.replace('_', ' ')}"


# (method, url, json body or None, bearer token or None) -> parsed JSON answer
Transport = Callable[[str, str, dict[str, Any] | None, str | None], Any]


def http_transport(
    method: str,
    url: str,
    body: dict[str, Any] | None,
    token: str | None,
    *,
    deadline_s: float = ANSWER_DEADLINE_S,
    monotonic: Callable[[], float] = time.monotonic,
) -> Any:
    """JSON over HTTP(S) with the standard library: the one place crest talks to another computer."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    deadline = _Deadline(monotonic() + deadline_s, deadline_s, monotonic)
    practice = url.split("/api", 1)[0]
    try:
        with urllib.request.build_opener(_ConnectionsUnder(deadline)).open(request) as response:
            payload = _read_at_most(response, MAX_ANSWER_BYTES, deadline)
    except urllib.error.HTTPError as error:
        if error.code == 401 and token is not None:  # without a token (linking), the practice's own reason below
            raise LinkNotAccepted(
                "the practice no longer accepts this computer's link (signed out everywhere, a password set with a "
                "link, or unlinked there); run crest unlink, then ask your practitioner for a new invitation and "
                "run crest link with it"
            ) from None
        if error.code == 429 and token is not None:  # linking: the practice's own reason (wrong passwords) below
            raise asked_to_wait(error.headers.get("Retry-After")) from None
        try:
            payload = _read_up_to(error, MAX_REFUSAL_BYTES, deadline)
        except (OSError, http.client.HTTPException):  # its reason cut short: the refusal is said without it
            payload = b""
        finally:
            error.close()  # hang up now, not once the error is collected: a server still sending stops
        if error.code == 404 and not _detail(payload):  # not a crest practice's own refusal: the address is wrong
            raise NotThere(f"no crest practice answers at {practice}; check the practice's address") from None
        refused = refusal_of(error.code, payload)
        raise (NotThere(refused.message) if error.code == 404 else refused) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise NotConnected(_not_reached(practice, getattr(error, "reason", error))) from None
    except http.client.HTTPException:  # not HTTP, or cut short (after OSError: hanging up unanswered is one too)
        raise _unreadable(practice) from None
    try:
        return json.loads(payload) if payload else None
    except (ValueError, RecursionError):  # not JSON (or not UTF-8), or nested deeper than Python reads
        raise _unreadable(practice) from None


# What a refusal that gives no reason of its own means, in words: a status code means nothing to the person
_REFUSED_WITHOUT_REASON = {
    400: "it could not read what crest sent",
    401: "it did not accept the email and password",
    403: "this is not allowed",
    404: "it has nothing at that address",
    409: "it cannot do this now",
    410: "what this asked for no longer exists",
    413: "what crest sent is too large",
    422: "it did not accept what was sent",
    429: "it asks crest to wait a while",
}


def refused_in_words(code: int, reason: str) -> str:
    """What a person is told of the practice's refusal with HTTP status `code`: its own `reason` (one line, from a
    crest practice) or what the code means, never the bare number; a failure of the server's own says so."""
    if code >= 500:
        return (
            f"the practice's server ran into a problem of its own ({reason or 'no reason given'}); try again later, "
            "and tell your practitioner if it goes on"
        )
    return f"the practice refused: {reason or _REFUSED_WITHOUT_REASON.get(code, 'it gave no reason')}"


def _not_reached(practice: str, reason: object) -> str:
    """Why the connection to the practice failed, in crest's words: the library's ("[Errno 111] Connection
    refused", "timed out", "Remote end closed connection without response") say nothing to a person."""
    if isinstance(reason, ConnectionRefusedError):
        return f"the practice at {practice} is not answering (its server may be stopped or restarting)"
    if isinstance(reason, TimeoutError):
        return f"the practice at {practice} went silent for {TIMEOUT_S:g} s, so crest stopped waiting"
    if isinstance(reason, ConnectionError):  # closed or reset before its answer came (RemoteDisconnected is one)
        return f"the connection to the practice at {practice} closed before its answer came"
    if isinstance(reason, socket.gaierror):
        return f"cannot find the practice at {practice}: check its address and this computer's internet connection"
    if isinstance(reason, ssl.SSLError):
        return f"the practice at {practice} could not prove it is that practice (its certificate); crest sent nothing"
    return f"cannot reach the practice at {practice}: check this computer's internet connection"


def _unreadable(practice: str) -> PracticeUnreachable:
    """An answer that is not HTTP, is cut short, is not JSON, or is JSON of another shape than crest reads."""
    return PracticeUnreachable(f"the practice at {practice} sent an answer crest could not read; try again later")


@dataclass(frozen=True)
class _Deadline:
    at: float  # on `monotonic`'s scale
    seconds: float
    monotonic: Callable[[], float]

    def check(self) -> None:
        self.left()

    def left(self) -> float:
        """The time the next read of the connection may take: TIMEOUT_S, less as the deadline nears, none past it."""
        left = self.at - self.monotonic()
        if left <= 0:
            raise PracticeUnreachable(
                f"the practice took over {self.seconds:g} s to answer, so crest stopped reading; try again later"
            )
        return min(TIMEOUT_S, left)


class _ConnectionsUnder(urllib.request.HTTPHandler, urllib.request.HTTPSHandler):
    """urllib's handler of http and https (one handler for both, replacing both of urllib's), whose connections
    connect and read under the deadline: http.client reads the status line and headers under one timeout per read,
    so a server sending them a byte now and then would otherwise hold crest past the deadline."""

    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def do_open(
        self, http_class: _HTTPConnectionProtocol, req: urllib.request.Request, **http_conn_args: Any
    ) -> http.client.HTTPResponse:
        deadline = self._deadline

        class Answer(http.client.HTTPResponse):
            def __init__(self, sock: socket.socket, *args: Any, **kwargs: Any) -> None:
                super().__init__(sock, *args, **kwargs)
                self.fp = io.BufferedReader(_ReadsUnder(self.fp.detach(), sock, deadline))

        def connection(host: str, /, **settings: Any) -> http.client.HTTPConnection:
            made = http_class(host, **(settings | {"timeout": deadline.left()}))
            made.response_class = Answer
            return made

        return super().do_open(connection, req, **http_conn_args)


class _ReadsUnder(io.RawIOBase):
    """The reads of a connection (`reads`, reading `sock`), each given the time left before the deadline."""

    def __init__(self, reads: io.RawIOBase, sock: socket.socket, deadline: _Deadline) -> None:
        super().__init__()
        self._reads, self._sock, self._deadline = reads, sock, deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int | None:
        self._sock.settimeout(self._deadline.left())
        try:
            return self._reads.readinto(buffer)
        except TimeoutError:
            self._deadline.check()  # the time left ran out: say so
            raise

    def close(self) -> None:
        self._reads.close()  # http.client's own reader: the connection closes with the last of its readers
        super().close()


def _read_at_most(response: Any, most: int, deadline: _Deadline) -> bytes:
    """The whole answer, unless it runs past `most` bytes or past the deadline: then crest stops reading (a server
    gone wrong could send without end, or a byte now and then) and refuses it."""
    payload = _read_up_to(response, most, deadline)
    if len(payload) > most:
        megabytes = most // (1024 * 1024)
        raise PracticeUnreachable(f"the practice's answer is over {megabytes} MB; crest stopped reading")
    if response.length:  # bytes its Content-Length promised never came: `read1`, unlike `read`, ends quietly
        raise http.client.IncompleteRead(payload, response.length)
    return payload


def _read_up_to(response: Any, most: int, deadline: _Deadline) -> bytes:
    """The answer until its end or until more than `most` bytes have come (a read more at most), refused past the
    deadline. `read1` waits for one read of the connection at most (`read` waits to fill READ_BYTES), so the
    deadline is checked however slowly bytes come."""
    pieces: list[bytes] = []
    read = 0
    while read <= most and (piece := response.read1(READ_BYTES)):
        read += len(piece)
        pieces.append(piece)
        deadline.check()
    return b"".join(pieces)


def asked_to_wait(retry_after: str | None) -> AskedToWait:
    """The practice's 429 in one line, with its wait when it gives one in seconds (crest's practice does)."""
    given = (retry_after or "").strip()
    seconds = int(given) if given.isascii() and given.isdigit() and len(given) < 10 else None
    wait = "" if seconds is None else f" {seconds} s"
    return AskedToWait(f"the practice is asking crest to wait{wait}; try again later", seconds)


def refusal_of(status: int, payload: bytes) -> PracticeRefused:
    """The practice's refusal with HTTP status `status` and answer `payload`: its reason in words, the fields it
    names (`errors`) and its `code`, where a crest practice's answer has them."""
    try:
        answer = json.loads(payload)
        named = answer.get("errors") or []
        fields = tuple(str(problem["field"]) for problem in named if isinstance(problem, dict) and "field" in problem)
        code = answer.get("code") if isinstance(answer.get("code"), str) else None
    except (ValueError, AttributeError, TypeError, RecursionError):
        fields, code = (), None
    return PracticeRefused(refused_in_words(status, _detail(payload)), status, fields, code)


def _detail(payload: bytes) -> str:
    """The practice's reason for a refusal, said as it came but for its control characters, written as escapes:
    only informative, it is said rather than refused, and cannot steer the person's terminal."""
    try:
        detail = json.loads(payload).get("detail", "")
    except (ValueError, AttributeError):
        detail = ""
    return one_line(str(detail)[:300])


class PracticeLink:
    def __init__(
        self,
        home: Path,
        sync: JournalSync,
        clock: Clock,
        transport: Transport = http_transport,
        zone_name: str | None = None,
        wait: Callable[[float], None] = time.sleep,
    ) -> None:
        self._home = home
        self._sync = sync
        self._clock = clock
        self._transport = transport
        self._zone_name = zone_name  # this computer's (IANA) zone: sent, so the practice counts the person's days
        self._wait = wait
        self._on_wait: Callable[[int], None] = lambda seconds: None
        self._waited = False  # this sync has waited for the practice's pace: its last requests wait too

    @property
    def link_file(self) -> Path:
        return self._home / LINK_FILE

    def status(self) -> LinkStatus | None:
        stored = self._link()
        if stored is None:
            return None
        return LinkStatus(
            url=stored.url,
            practice=stored.practice,
            linked_at=stored.linked_at,
            last_sync_at=stored.last_sync_at,
            followed=stored.followed,
            programme_ended=stored.programme_ended,
        )

    def invite(self, url: str, code: str) -> Offer:
        """What the invite offers and what will be shared: shown before the person agrees. A crest linked already to
        another practice (or whose link file is damaged) is refused first, before the practice is asked or anything
        is typed; one linked to this practice is shown it too, to join another practitioner there (`join`)."""
        base = practice_address(url)
        if not self.linked_to(base):
            self._not_linked_yet()
        return self._ask(OFFER, "GET", base, f"/api/auth/invites/{code}", None, None)

    def linked_to(self, url: str) -> bool:
        """Whether this crest is linked to the practice at `url` already (a damaged link file is refused)."""
        status = self.status()
        return status is not None and status.url == practice_address(url)

    def join(self, url: str, code: str, share_notes: bool) -> str:
        """`crest link URL CODE` on a crest linked to this practice already: the invitation taken with consent by
        the account this computer is linked to, through its token (POST /api/sync/join), so another practitioner
        there follows the person; nothing is asked again and the link stays as it is. The practice's name."""
        stored = self._link()
        if stored is None or stored.url != practice_address(url):
            raise CrestError("this crest is linked to another practice; run crest unlink first")
        body = {"code": code, "consent": True, "share_notes": share_notes}
        try:
            joined = self._ask(ACCEPTED, "POST", stored.url, "/api/sync/join", body, stored.token)
        except NotThere:
            raise CrestError(
                "this practice's server is older than joining from crest: open the invitation link in a browser, "
                "sign in and agree there"
            ) from None
        return joined.practice or stored.practice

    def link(
        self,
        url: str,
        code: str,
        email: str,
        password: str,
        name: str,
        share_notes: bool,
        device: str,
        second_factor: str | None = None,
    ) -> str:
        """Accept the invite with consent and keep the device token; the practice's name comes back.
        `second_factor`: the authenticator app's code, for an existing account with two-step sign-in."""
        base = practice_address(url)
        self._not_linked_yet()
        body = {
            "code": code,
            "email": email,
            "password": password,
            "name": name,
            "consent": True,
            "share_notes": share_notes,
            "device_name": device,
        }
        if second_factor:
            body["second_factor_code"] = second_factor
        try:
            accepted = self._accepted(base, body | {"link_key": self._link_key(base, code)})
        except PracticeRefused as error:
            if "password" in error.fields:  # a new account's (422), or not the existing account's own (401)
                refused = NotTheAccountsPassword if error.status == 401 else PasswordRefused
                raise refused(error.message) from None
            if error.code == SECOND_FACTOR_NEEDED:
                raise SecondFactorAsked(error.message) from None
            raise
        except (NotThere, LinkNotAccepted):  # no crest practice there; a refusal (a test's transport says it so)
            raise
        except PracticeUnreachable as error:  # the practice may have taken the invitation, its answer lost
            raise PracticeUnreachable(f"{error.message}. {FINISH_LINKING}") from None
        if not accepted.device_token:
            raise PracticeUnreachable("the practice accepted the invite but sent no device token; link again")
        practice = accepted.practice or ""
        self._keep(_Link(url=base, token=accepted.device_token, practice=practice, linked_at=self._clock()))
        self._write(STATE_FILE, {})
        (self._home / PENDING_FILE).unlink(missing_ok=True)
        self._sync.mark_linked()
        return practice

    def _accepted(self, url: str, body: dict[str, Any]) -> Accepted:
        """The practice's answer to accepting the invitation with `body`; a practice from before `link_key`, which
        refuses it by name, is asked again without it (a lost answer then uses the invitation up, as it did)."""
        try:
            return self._ask(ACCEPTED, "POST", url, "/api/auth/accept-invite", body, None)
        except PracticeRefused as error:
            if error.status != 422 or "link_key" not in error.fields:
                raise
        without = {name: value for name, value in body.items() if name != "link_key"}
        return self._ask(ACCEPTED, "POST", url, "/api/auth/accept-invite", without, None)

    def _link_key(self, url: str, code: str) -> str:
        """The key sent with this invitation: the one kept by a `crest link` of it whose answer never came, or a new
        one, kept (owner-only) before it is sent. A pending file that cannot be read is replaced: a new key only
        means that the practice, should it have taken the invitation, takes it from no one again."""
        invitation = hashlib.sha256(code.encode("utf-8")).hexdigest()
        with suppress(OSError, ValidationError):
            pending = _Pending.model_validate_json((self._home / PENDING_FILE).read_bytes())
            if (pending.url, pending.invitation) == (url, invitation):
                return pending.key
        key = secrets.token_urlsafe(32)
        self._write(PENDING_FILE, _Pending(url=url, invitation=invitation, key=key).model_dump())
        return key

    def unlink(self) -> bool:
        """Stop sharing with the practice and end this computer's token there (one request, never held back by the
        sync limit), then forget the link. True when the practice stopped sharing; False when it no longer accepts
        this computer's token (the link is forgotten, as the token can do nothing more; sharing is then changed in
        the browser)."""
        stored = self._link()
        if stored is None:
            raise NotLinked("this crest is not linked to a practice")
        url, token = stored.url, stored.token
        try:
            try:  # one request, which the practice never counts: stopping sharing is never held back
                self._transport("POST", f"{url}/api/sync/unlink", None, token)
            except NotThere:  # a practice older than that route, which did not count asking what is shared either
                self._stop_sharing_step_by_step(url, token)
        except LinkNotAccepted:
            self._forget()
            return False
        except PracticeUnreachable as error:
            raise SharingNotStopped(
                f"sharing could not be stopped on the practice server: {error.message}. "
                "This crest stays linked; run crest unlink again once the practice can be reached."
            ) from None
        self._forget()
        return True

    def _stop_sharing_step_by_step(self, url: str, token: str) -> None:
        """What crest unlink asked before POST /api/sync/unlink: each shared link revoked, then the token ended."""
        for link in self._ask(SHARING, "GET", url, "/api/account/sharing", None, token):
            if link.shared:
                self._transport("PUT", f"{url}/api/account/sharing/{link.link_id}", {"shared": False}, token)
        self._transport("DELETE", f"{url}/api/sync/device", None, token)

    def _forget(self) -> None:
        """The link forgotten, and the prescription it brought with it: no sync can end or change that copy now,
        as an ended programme's goes (Today, Progress and the reminder follow the person's own settings again)."""
        for name in (LINK_FILE, STATE_FILE):
            (self._home / name).unlink(missing_ok=True)
        self._sync.keep_prescription(None, self._clock())

    def sync(
        self,
        on_batch: Callable[[int, int], None] = lambda done, total: None,
        *,
        delete_all_sent: bool = False,
        on_read: Callable[[int, int], None] = lambda done, total: None,
        on_reading_journal: Callable[[int], None] = lambda records: None,
        on_wait: Callable[[int], None] = lambda seconds: None,
    ) -> SyncResult:
        """Push what the practice lacks, delete there what the journal no longer holds, pull the prescription and
        the notes. A journal that holds none of the records sent before deletes nothing there without
        `delete_all_sent` (`SyncResult.held_back`): that is a journal lost or begun afresh far more often than one
        emptied by hand, and the practice's copy may be the only one left: they are noted as KEPT_THERE. A
        connection that fails says that running it again is all it takes: what was confirmed is noted. Asked to wait
        by the practice while it sends (`_paced`), it says so to `on_wait(seconds)`, waits and carries on."""
        self._on_wait, self._waited = on_wait, False
        try:
            return self._synced(on_batch, delete_all_sent, on_read, on_reading_journal)
        except NotConnected as error:
            raise NotConnected(f"{error.message}; nothing was lost: run crest sync again later") from None

    def _synced(
        self,
        on_batch: Callable[[int, int], None],
        delete_all_sent: bool,
        on_read: Callable[[int, int], None],
        on_reading_journal: Callable[[int], None],
    ) -> SyncResult:
        stored = self._link()
        if stored is None:
            raise NotLinked("this crest is not linked to a practice; link it with crest link URL CODE")
        url, token = stored.url, stored.token
        _refuse_unencrypted(url)  # a link made before crest refused http://: unlink, then link again by https://
        noted = self._sent()
        # Asked each time: notes sharing may have changed in the browser. A check-in already sent is sent again
        # when this changes (its fingerprint covers the note), so the server's copy gains or loses its note.
        sharing = self._ask(SHARING, "GET", url, "/api/account/sharing", None, token)
        if not any(link.shared for link in sharing):
            # Records sent now would sit where nobody looks; the prescription is still pulled, so an ended
            # programme's goes from Today.
            prescription = self._pull_prescription(url, token)
            notes = self._pull_notes(url, token)  # written while sharing, they are the person's to read still
            ended = all(link.ended for link in sharing)
            # "Last synced" stays when the last sync was: nothing was sent now
            self._keep(stored.model_copy(update={"followed": False, "programme_ended": ended}))
            return SyncResult({}, 0, prescription, followed=False, programme_ended=ended, notes=notes)
        self._sync.mark_linked()  # a crest linked before the journal was marked, or a journal emptied since
        state = self._held(url, token, noted)
        for kind in KINDS:  # practice-sync.json lost: what was kept at the practice stays kept
            for uid in stored.kept_there.get(kind, ()):
                if state.get(kind, {}).get(uid) == "":  # (a fingerprint noted says the journal sent it again)
                    state[kind][uid] = KEPT_THERE
        tracked = sum(fingerprint != KEPT_THERE for kind in KINDS for fingerprint in state.get(kind, {}).values())
        notes = any(link.shared and link.share_notes for link in sharing)
        told = {"every_sign": stored.every_sign, "sign_rules": stored.sign_rules}
        outgoing = self._sync.outgoing(
            notes=notes,
            every_sign=stored.every_sign,
            sign_rules=stored.sign_rules,
            on_read=on_read,
            on_reading_journal=on_reading_journal,
        )
        try:
            sent, pushed, reads = self._push(url, token, outgoing, state, on_batch)
        except PracticeRefused as refused:
            # a practice put back to an older server refuses them: the next sync asks again. Only its refusal: a
            # connection that failed tells nothing of them, and dropping them would send each check-in twice.
            if refused.status < 500 and any(told.values()):
                self._keep(stored.model_copy(update=dict.fromkeys(told, False)))
            raise
        if any(reads[name] and not told[name] for name in told):
            # Told at this push: each check-in whose note names several signs, or a sign, goes again with all of
            # them and which fired (its fingerprint covers them), counted once however often it went.
            outgoing = self._sync.outgoing(notes=notes, every_sign=reads["every_sign"], sign_rules=reads["sign_rules"])
            for kind, uids in self._push(url, token, outgoing, state, on_batch)[1].items():
                sent[kind] = sent.get(kind, 0) + len(uids - pushed.get(kind, set()))
        gone = {
            kind: sorted(
                uid
                for uid, fingerprint in state.get(kind, {}).items()
                if uid not in outgoing.fingerprints[kind] and (delete_all_sent or fingerprint != KEPT_THERE)
            )
            for kind in KINDS
        }
        deleted = sum(len(uids) for uids in gone.values())
        held_back = 0
        if deleted and deleted == tracked and not delete_all_sent:
            held_back, deleted = deleted, 0
            for kind, kept_there in gone.items():
                state.setdefault(kind, {}).update(dict.fromkeys(kept_there, KEPT_THERE))
            self._write(STATE_FILE, state)
            stored = stored.model_copy(update={"kept_there": _kept_there(state)})
            self._keep(stored)
        elif deleted:
            self._delete(url, token, gone, state)
        try:
            prescription = self._pull_prescription(url, token)
            pulled = self._pull_notes(url, token)  # after the push: a note on a session deleted here goes with it
        except CrestError as error:
            went = [_sent_in_words(kind, count) for kind, count in sent.items() if count]
            went += [f"{deleted} deleted"] if deleted else []
            if not went:
                raise
            # what was sent went all the same: said, so that nobody thinks it lost or to be sent by hand
            raise PushedThenFailed(
                f"{error.message}. Your records did reach the practice ({', '.join(went)}); run crest sync again "
                "for your prescription and your practitioners' notes"
            ) from None
        kept = {"followed": True, "programme_ended": False, "last_sync_at": self._clock(), **reads}
        self._keep(stored.model_copy(update=kept | {"kept_there": _kept_there(state)}))
        counts = {kind: count for kind, count in sent.items() if count}
        return SyncResult(counts, deleted, prescription, notes=pulled, held_back=held_back)

    def _push(
        self,
        url: str,
        token: str,
        outgoing: Outgoing,
        state: Sent,
        on_batch: Callable[[int, int], None],
    ) -> tuple[dict[str, int], dict[RecordKind, set[str]], dict[str, bool]]:
        """Push the records the practice lacks or holds older, a batch at a time, each noted in `state` once
        confirmed. The records taken in by kind, as the practice names them; their uids; and whether the practice
        reads every warning sign, and which sign fired (one that took no push now is taken to read what it did
        before)."""
        batches = _batches(outgoing, state)
        sent: dict[str, int] = dict.fromkeys(KINDS, 0)
        pushed: dict[RecordKind, set[str]] = {}
        reads = {"every_sign": outgoing.every_sign, "sign_rules": outgoing.sign_rules}
        for number, (chosen, changed) in enumerate(batches, start=1):
            text, uids = outgoing.batch(chosen)
            body = {
                "journal": text,
                "uids": {kind: {str(k): v for k, v in ids.items()} for kind, ids in uids.items()},
                **self._zone(),
            }
            answer = self._paced(partial(self._ask, PUSHED, "POST", url, "/api/sync/push", body, token), sending=True)
            reads = {"every_sign": answer.every_sign, "sign_rules": answer.sign_rules}
            for kind, count in answer.received.items():
                sent[kind] = sent.get(kind, 0) + count
            for kind, ids in uids.items():
                pushed.setdefault(kind, set()).update(ids.values())
            for kind, fingerprints in changed.items():
                state.setdefault(kind, {}).update(fingerprints)
            self._write(STATE_FILE, state)  # confirmed: a later sync will not send these again
            on_batch(number, len(batches))
        return sent, pushed, reads

    def _delete(self, url: str, token: str, gone: dict[RecordKind, list[str]], state: Sent) -> None:
        """Tell the practice which records the journal no longer holds, DELETIONS_PER_BATCH a request (all in one,
        thousands would pass the server's limit on a request, refused at every sync), each batch forgotten in
        `state` once confirmed."""
        listed = [(kind, uid) for kind, uids in gone.items() for uid in uids]
        for start in range(0, len(listed), DELETIONS_PER_BATCH):
            batch: dict[RecordKind, list[str]] = {}
            for kind, uid in listed[start : start + DELETIONS_PER_BATCH]:
                batch.setdefault(kind, []).append(uid)
            body = {"journal": _empty_journal(), "uids": {}, "deleted": batch, **self._zone()}
            self._paced(partial(self._transport, "POST", f"{url}/api/sync/push", body, token), sending=True)
            for kind, uids in batch.items():
                for uid in uids:
                    state[kind].pop(uid, None)
            self._write(STATE_FILE, state)

    def _held(self, url: str, token: str, noted: Sent | None) -> Sent:
        """What the practice holds of this computer's records, asked at each sync: crest's own note of it
        (STATE_FILE, `noted`) may be gone, and a practice restored from a backup lacks what was sent since, which the
        note still names. By kind each uid it holds, with the fingerprint noted for it, or none: every record not
        noted as held is sent again, and each that the journal no longer has is told deleted, as with the note.
        Noted at once, so that a sync cut off after this carries on from it. A practice older than the list tells
        nothing: what was noted stands, or without a note every record is sent again, as before it."""
        fingerprints = noted or {}
        state: Sent = {kind: {} for kind in KINDS}
        after: str | None = None
        while True:  # a page at a time (HELD_PER_PAGE), each starting after the last: a practice older than pages
            # answers whole, with no next page
            page = f"/api/sync/held?limit={HELD_PER_PAGE}" + ("" if after is None else f"&after={after}")
            try:
                held = self._paced(partial(self._ask, HELD, "GET", url, page, None, token), sending=False)
            except NotThere:
                return {} if noted is None else noted
            listed = sum(map(len, state.values()))
            for kind in KINDS:
                state[kind].update((uid, fingerprints.get(kind, {}).get(uid, "")) for uid in getattr(held, kind))
            if held.next is None:
                break
            if sum(map(len, state.values())) == listed:  # a page that tells nothing new: the pages would never end
                raise _unreadable(url)
            after = held.next
        self._write(STATE_FILE, state)
        return state

    def _paced(self, request: Callable[[], Read], *, sending: bool) -> Read:
        """`request()`; refused by the practice's pace (its limit on crest sync's requests, which a large first sync
        passes) while `sending` records, or once this sync has waited, it is said (`on_wait`), waited for as long as
        the practice asks and asked again, once: asked to wait again at once, or for longer than LONGEST_WAIT_S, the
        sync stops there, saying so, and what was confirmed is noted. A sync refused before it sends anything stops at
        once, as it did: it may be run again later."""
        try:
            return request()
        except AskedToWait as asked:
            if not (sending or self._waited) or asked.seconds is None or asked.seconds > LONGEST_WAIT_S:
                raise
            self._on_wait(asked.seconds)
            self._wait(asked.seconds)
            self._waited = True
        return request()

    def _zone(self) -> dict[str, str]:
        return {} if self._zone_name is None else {"zone": self._zone_name}

    def _pull_prescription(self, url: str, token: str) -> Prescription | None:
        prescribed = self._paced(
            lambda: self._ask(PRESCRIBED, "GET", url, "/api/sync/prescription", None, token), sending=False
        )
        prescription = None if prescribed is None else prescribed.record()
        self._sync.keep_prescription(prescription, self._clock())
        return prescription

    def _pull_notes(self, url: str, token: str) -> int | None:
        try:
            answer = self._paced(lambda: self._transport("GET", f"{url}/api/sync/notes", None, token), sending=False)
        except NotThere:  # a practice server older than notes that travel: the ones kept stay as they are
            return None
        return self._sync.keep_session_notes(read_session_notes(answer))

    def _not_linked_yet(self) -> None:
        if self.status() is not None:
            raise CrestError("this crest is linked to a practice already; run crest unlink first")

    def _ask(
        self, shape: TypeAdapter[Read], method: str, url: str, path: str, body: dict[str, Any] | None, token: str | None
    ) -> Read:
        """The answer of the practice at `url` to one request, of the shape crest reads (practice_answers), or
        refused as unreadable, as an answer cut short is: the one place an answer is checked before it is read."""
        answer = self._transport(method, f"{url}{path}", body, token)
        try:
            return shape.validate_python(answer)
        except ValidationError:
            raise _unreadable(url) from None

    def _link(self) -> _Link | None:
        """The link file, checked whole (the one place it is read); None: this crest is not linked."""
        return _checked_file(
            self.link_file,
            _Link.model_validate_json,
            LinkDamaged,
            "read this computer's link to a practice from it",
            _LINK_AGAIN,
        )

    def _keep(self, link: _Link) -> None:
        self._write(LINK_FILE, link.model_dump(mode="json"))

    def _sent(self) -> Sent | None:
        """The sync's state, checked whole (the one place it is read); None: there is none (deleted)."""
        return _checked_file(
            self._home / STATE_FILE,
            _SENT.validate_json,
            SyncStateDamaged,
            "tell from it which records the practice has already",
            _SEND_AGAIN,
        )

    def _write(self, name: str, value: Any) -> None:
        make_private_folder(self._home)
        write_private_file(self._home / name, json.dumps(value, indent=1, sort_keys=True))
        os.chmod(self._home / name, 0o600)


def _checked_file(
    path: Path, shape: Callable[[bytes], Read], damaged: type[CrestError], cannot: str, advice: str
) -> Read | None:
    """One of crest's own files, checked whole: None when it is not there; refused in one line that says what to
    do when it cannot be read or is not of its shape (edited by hand, cut short, not JSON)."""
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise damaged(f"cannot read {path} ({error.strerror or error}); {advice}") from None
    try:
        return shape(text)
    except ValidationError:
        raise damaged(f"{path} is damaged, so crest cannot {cannot}; {advice}") from None


# The practice stores each record by its uid (Journal.merge_synced): sent again, it is replaced, never doubled.
# Deletions are told from the state (records it names that the journal no longer has): without it, from what the
# practice says it holds of this computer's records (GET /api/sync/held).
_SEND_AGAIN = (
    "deleting it is safe: the next crest sync asks the practice which records it holds, sends them all again (the "
    "practice keeps each once) and deletes there those deleted here"
)

# A `crest link` that reached the practice and got no answer, or none crest could read: the practice may have taken
# the invitation; the same `crest link` (this computer's key, PENDING_FILE) finishes linking, or is refused if not.
FINISH_LINKING = (
    "The practice may have taken the invitation before its answer was lost: run the same crest link again on this "
    "computer to finish linking it (nothing is shared twice)"
)

# Without the file's token crest can do nothing at the practice, crest unlink included: it reads the same file.
_LINK_AGAIN = "delete it, then link again with crest link and a new invitation from your practitioner"


def practice_address(url: str) -> str:
    """The practice's address, from it or from the whole invitation link (https://practice.example/invite/CODE);
    a refusal of anything else, before any code is looked for."""
    cleaned = url.strip().rstrip("/").split("/invite/", 1)[0]
    if not cleaned.startswith(("https://", "http://")):
        raise CrestError(f"{quoted(url)} is not a web address; write it like https://practice.example")
    _refuse_unencrypted(cleaned)
    return cleaned


def _refuse_unencrypted(url: str) -> None:
    """A password, a token and a health journal go to the practice: never over plain http to another computer."""
    if crosses_the_network_unencrypted(url):
        raise CrestError(
            f"{url} is not encrypted (http://): your password and journal could be read on the way; "
            "use the practice's https:// address"
        )


def _kept_there(state: Sent) -> dict[str, list[str]]:
    """The records `state` notes as KEPT_THERE, by kind (`_Link.kept_there`)."""
    kept = {kind: sorted(uid for uid, noted in state.get(kind, {}).items() if noted == KEPT_THERE) for kind in KINDS}
    return {kind: uids for kind, uids in kept.items() if uids}


def _empty_journal() -> str:
    return export_json(JournalContents())


Batch = tuple[dict[RecordKind, list[int]], dict[RecordKind, dict[str, str]]]


def _batches(outgoing: Outgoing, state: Sent) -> list[Batch]:
    """The changed records in batches of about RECORDS_PER_BATCH and at most BYTES_PER_BATCH (a session with its
    check-ins, the largest unit, is far smaller), each check-in with its session (the importer checks that every
    check-in's session comes in the same file)."""
    changed: dict[RecordKind, dict[int, str]] = {}  # kind -> id -> fingerprint: what the server lacks or has old
    for kind in KINDS:
        uid_of = outgoing.uids[kind]
        changed[kind] = {
            record_id: outgoing.fingerprints[kind][uid]
            for record_id, uid in uid_of.items()
            if state.get(kind, {}).get(uid) != outgoing.fingerprints[kind][uid]
        }
    session_of = {c.id: c.session_id for c in outgoing.contents.check_ins}
    units: list[dict[RecordKind, list[int]]] = []
    by_session: dict[int, list[int]] = {}
    for check_in_id in changed["check_ins"]:
        session_id = session_of.get(check_in_id)
        if session_id is None:
            units.append({"check_ins": [check_in_id]})
        else:
            by_session.setdefault(session_id, []).append(check_in_id)
    for session_id in sorted(set(changed["sessions"]) | set(by_session)):
        units.append({"sessions": [session_id], "check_ins": by_session.get(session_id, [])})
    units += [{"safety_screens": [record_id]} for record_id in changed["safety_screens"]]
    units += [{"psfs": [record_id]} for record_id in changed["psfs"]]
    batches: list[Batch] = []
    current: dict[RecordKind, list[int]] = {}
    current_bytes = 0
    for unit in units:
        unit_bytes = sum(outgoing.sizes[kind][record_id] for kind, ids in unit.items() for record_id in ids)
        full = sum(len(ids) for ids in current.values()) >= RECORDS_PER_BATCH
        if current and (full or current_bytes + unit_bytes > BYTES_PER_BATCH):
            batches.append((current, _fingerprints_of(current, outgoing)))
            current, current_bytes = {}, 0
        for kind, ids in unit.items():
            current.setdefault(kind, []).extend(ids)
        current_bytes += unit_bytes
    if current:
        batches.append((current, _fingerprints_of(current, outgoing)))
    return batches


def _fingerprints_of(chosen: dict[RecordKind, list[int]], outgoing: Outgoing) -> dict[RecordKind, dict[str, str]]:
    """What the server will hold once this batch is in (an unchanged session sent along with its check-in too)."""
    held: dict[RecordKind, dict[str, str]] = {}
    for kind, ids in chosen.items():
        uids = [outgoing.uids[kind][record_id] for record_id in ids]
        held[kind] = {uid: outgoing.fingerprints[kind][uid] for uid in uids}
    return held
