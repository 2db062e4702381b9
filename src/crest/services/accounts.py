"""Accounts as use cases: set up a practice, sign in and out (server-side sessions with idle and absolute
time-outs), two-step sign-in (an authenticator app's codes and recovery codes; required of practitioners and
admins), rate limits with back-off (and one on `crest sync`), invites, accepting one with consent, removing a
practitioner, deleting an account. Nothing is kept in the process: sessions, failures, counts and invites live in
the database, so any number of workers can serve one practice.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from crest.accounts.model import (
    Actor,
    Admin,
    Anonymous,
    Client,
    Enrolling,
    NoPractice,
    Practitioner,
    Role,
    SignedIn,
    account_of,
    practice_of,
    role_of,
)
from crest.accounts.passwords import Passwords, UnsuitablePassword, check_new_password
from crest.accounts.permissions import Action, Decision, Target, decide
from crest.accounts.records import (
    INVITE_FOR_ANOTHER_EMAIL,
    INVITER_LEFT,
    RESET_LINK_NOT_VALID,
    Account,
    AlreadyInAPractice,
    AuditEntry,
    InvalidEmail,
    Invite,
    InviteForAnotherEmail,
    InviteNotValid,
    Membership,
    ResetLinkNotValid,
    check_email,
    check_name,
    link_open,
)
from crest.accounts.second_factor import (
    cleaned_code,
    looks_like_totp,
    matching_step,
    new_recovery_codes,
    new_secret,
    provisioning_uri,
)
from crest.clock import Clock
from crest.counting import counted
from crest.errors import CrestError
from crest.journal.practice_store import BackingOff, CodeUse, CodeUsedMeanwhile, DeviceToken, Renewal
from crest.services.audit import Audited, AuditLog

if TYPE_CHECKING:
    from crest.journal.practice_store import (
        Acceptance,
        LinkedClient,
        PracticeStore,
        SecondFactorReset,
        SignInSession,
    )

Done = TypeVar("Done")  # what a two-step code was given for, saved as it is used up

SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=12)
SEEN_AGAIN_AFTER = timedelta(minutes=1)  # a session's last use is written at most once a minute
INVITE_LIFETIME = timedelta(days=14)
RESET_LINK_LIFETIME = timedelta(hours=24)
CODE_STEP_LIFETIME = timedelta(minutes=5)  # between the right password and the code
# how every refusal for a missing code begins (the pages, the API, `crest link` without --code)
CODE_ASKED = "this account signs in with a code from its authenticator app too"
TOKEN_BYTES = 32  # 256 bits for sign-in sessions and devices
INVITE_CODE_BYTES = 24  # 192 bits: at least 128, and still short enough to read out or paste (reset links too)
FAILURE_WINDOW = timedelta(minutes=15)
FREE_FAILURES_PER_ACCOUNT = 5
FREE_FAILURES_PER_ADDRESS = 20  # one address may be a whole office behind one router
WRONG_SIGN_INS = "sign-in attempts"  # what too many of were wrong: passwords and codes count as one
LONGEST_WAIT = timedelta(minutes=15)
# `crest sync` counts its requests per account: a sync is three requests and one more per 200 records sent, so a
# crest syncing every minute makes a tenth of these, and a first sync of a decade's journal (50,000 records) fits
# in one window. No longer than FAILURE_WINDOW: a sign-in drops every count older than that.
SYNC_WINDOW = timedelta(minutes=10)
SYNC_REQUESTS = 300
OPERATOR = "the server's operator"  # who acted, in the audit log and in what the person is told, from the terminal


class SignInFailed(CrestError):
    """A wrong email or password (one message for both, so that emails cannot be probed)."""

    http_status = 401


class PasswordNotTaken(CrestError):
    """The password sent to accept an invitation, refused: a program (`crest link`) asks for another on this type,
    which the API's answer names by its field, `password`, never on the words."""

    field = "password"


class NewPasswordRefused(UnsuitablePassword, PasswordNotTaken):
    """A new account's password that the rules refuse (too short, too common, made of the name...)."""


class NotTheAccountsPassword(SignInFailed, PasswordNotTaken):
    """An invitation accepted with an email that has an account, and a password that is not that account's."""


# what a refused existing account's password is told (and nothing about the account beyond that it exists)
NOT_VALID = "this invite link is not valid (unknown, already used or expired); ask for a new one"
ACCOUNT_PASSWORD_ASKED = "there is already an account for this email; enter its password to link it"


class TooManyAttempts(CrestError):
    """Too many failed sign-ins for this account or from this address, or too many requests of `crest sync` from
    one account: wait, then try again."""

    http_status = 429

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class NotSignedIn(CrestError):
    http_status = 401


class NotAllowed(CrestError):
    http_status = 403


class SecondFactorNeeded(CrestError):
    """A practitioner or an admin without a second factor asked for anything but setting one up."""

    http_status = 403


SET_UP_FIRST = (
    "practitioners and admins sign in with a code from an authenticator app as well as the password: set one up "
    "first on your account's two-step sign-in page (/account/two-factor, in a browser); nothing else answers "
    "until then"
)


class WrongCode(CrestError):
    """A code that is not the authenticator app's now, was used already, or is no unused recovery code."""

    http_status = 401


WRONG_CODE = (
    "that code is not right or was used already; type the 6 digits your authenticator app shows now (or one of "
    "your recovery codes)"
)


class CodeNeeded(CrestError):
    """The password was right, and the account has a second factor: its code is asked too."""

    http_status = 401


class NoSetupUnderWay(CrestError):
    """A first code sent with no setup of an authenticator app under way (already on, or never started)."""

    http_status = 409


class SignInAgain(CrestError):
    """The step between the password and the code ended (too long, or done): start again with the password."""

    http_status = 401


class NotFoundForYou(CrestError):
    """Something that does not exist, or is not the asker's to see: both answer the same 404."""

    http_status = 404


@dataclass(frozen=True)
class AskedThrough:
    """How a refusal of an invitation that the account asking may not take (another account may) names that
    account, and says what to do then, at the door the person asked through."""

    account: str  # before the account's email
    then: str


# A browser signed in to the account
SIGNED_IN_HERE = AskedThrough(
    "you are signed in as", "sign out, then open the invitation again to accept it with the account it is for"
)
# A crest linked to the practice's server (`crest link URL CODE`): a terminal has nothing to sign out of.
LINKED_CREST = AskedThrough(
    "this computer is linked to",
    "run crest unlink first, then crest link with the invitation to accept it with the account it is for",
)


class ConsentRequired(CrestError):
    """A client invite accepted without agreeing to what the practitioner will see."""


class OperatorMakesThisLink(CrestError):
    """A password link someone in the practice asked for, for an account with no second factor set up: the link
    alone would open it to whoever holds the link, its maker included."""

    http_status = 409


class NoSecondFactorToReset(CrestError):
    """A practitioner's two-step sign-in to reset, where none is set up: resetting would only sign them out."""

    http_status = 409


class StillNeeded(CrestError):
    """An account others depend on asked to be deleted: the practice's last administrator while it has
    practitioners, or a practitioner who still follows clients. What to do first is in the message."""

    http_status = 409


class NoSuchAccount(CrestError):
    """The server's operator named an email no account has."""

    http_status = 404


def require(actor: Actor, action: Action, target: Target = None, what: str = "do that") -> None:
    """Raise the error the permission rules decide (401, 403 or 404), or return when allowed. `what` is what was
    asked ("follow clients") without a target, the kind of object ("client") with one."""
    decision = decide(actor, action, target)
    if decision is Decision.ALLOW:
        return
    if decision is Decision.SIGN_IN:
        raise NotSignedIn("please sign in first")
    if decision is Decision.SET_UP_SECOND_FACTOR:
        raise SecondFactorNeeded(SET_UP_FIRST)
    if decision is Decision.FORBID:
        raise NotAllowed(f"your account cannot {what}")
    raise NotFoundForYou(f"there is no such {what}")


def token_hash(token: str) -> str:
    """Tokens and codes are random, so one SHA-256 is enough to keep a stolen table from opening sessions."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_code() -> tuple[str, str]:
    """A one-time link's code (an invitation, a password reset) and its hash, all the database keeps of it."""
    code = secrets.token_urlsafe(INVITE_CODE_BYTES)
    while code.startswith("-"):  # a code typed after a command would read as an option (crest link URL -AB...)
        code = secrets.token_urlsafe(INVITE_CODE_BYTES)
    return code, token_hash(code)


def reset_path(code: str) -> str:
    """Where a reset link's code is taken (the practice's page, which `crest practice reset-password` prints)."""
    return f"/reset/{code}"


def linked_client(store: PracticeStore, actor: Actor, client_id: int, action: Action) -> LinkedClient:
    """The asking practitioner's link to this client, when `action` on the client is theirs to do; else the
    refusal the rules decide (another practitioner's client, or one who stopped sharing, is not found)."""
    if not isinstance(actor, Practitioner):
        require(actor, action, what="look at a client")  # 401 or 403 by role, before anything is looked up
        raise NotFoundForYou("there is no such client")
    linked = store.client_link(actor.membership_id, client_id)
    if linked is None:
        raise NotFoundForYou("there is no such client")
    require(actor, action, linked.link.as_target(), "client")
    return linked


def _email_or_not(typed: str) -> str:
    """What a failed sign-in's entry names: the email typed, or only that it was none, never the text itself (a
    password typed into the email field must not reach the log: ASVS 5.0 16.2.5)."""
    try:
        return check_email(typed)[:100]
    except InvalidEmail:
        return "(not an email address)"


@dataclass(frozen=True)
class SignedInSession:
    token: str  # goes into the cookie; the database keeps only its hash
    actor: SignedIn
    account: Account


@dataclass(frozen=True)
class CodeAsked:
    """Half signed in: the password was right and the account has a second factor. `token` goes into a cookie of
    its own that only the code page reads, for CODE_STEP_LIFETIME, once; no other route takes it."""

    token: str
    expires_at: datetime


@dataclass(frozen=True)
class SecondFactorState:
    """What an account's two-step sign-in page shows."""

    on: bool
    setting_up: str | None  # the secret shown, not yet confirmed by a code
    setting_up_uri: str | None  # ... as the otpauth:// address its QR code holds
    recovery_codes_left: int
    required: bool  # a practitioner or an admin: they cannot do without
    reset: SecondFactorReset | None = None  # reset by someone else since the last one was set up: told to its owner
    admin: bool = False  # an administrator, who has no practice's administrator to tell but themself


@dataclass(frozen=True)
class OpenSignIn:
    """One place an account is signed in, as its Account page lists it."""

    began_at: datetime
    last_used_at: datetime  # to the minute (SEEN_AGAIN_AFTER)
    address: str | None  # where it began
    this_browser: bool


@dataclass(frozen=True)
class EndedElsewhere:
    """What signing out everywhere else ended: other browsers' sign-ins, and linked computers (`crest link`)."""

    sign_ins: int
    computers: int
    token: str | None = None  # the asking browser's sign-in, renewed (`Accounts._renewal`): its cookie's new value


@dataclass(frozen=True)
class SecondFactorOn:
    """Two-step sign-in just turned on: its recovery codes, shown once, and the asking browser's sign-in renewed."""

    recovery_codes: list[str]
    token: str | None


@dataclass(frozen=True)
class IssuedInvite:
    code: str
    role: Role
    email: str | None
    expires_at: datetime


@dataclass(frozen=True)
class WaitingInvite:
    """An invitation nobody has taken up, on its sender's list until they withdraw it: one whose link ran out
    (`expired`) stays, so that they know the person never joined."""

    invite: Invite
    expired: bool


@dataclass(frozen=True)
class InviteView:
    """What the person opening an invite link sees before agreeing."""

    practice_name: str
    role: Role
    email: str | None
    invited_by: str
    expires_at: datetime


@dataclass(frozen=True)
class IssuedReset:
    """A password reset link just made: its code is shown once, to whoever made it, to hand on."""

    code: str
    name: str  # whose password it sets
    email: str
    expires_at: datetime


@dataclass(frozen=True)
class ResetView:
    """What the person opening a reset link sees: which account it is for, and until when it works."""

    email: str
    expires_at: datetime
    asks_code: bool = False  # the account has a second factor: its code is asked with the new password


@dataclass(frozen=True)
class Accepted:
    """Who accepted: signed in with a session (a browser), or with a device token instead (`crest link`)."""

    actor: SignedIn
    account: Account
    session: SignedInSession | None
    device_token: str | None


class Accounts:
    def __init__(self, store: PracticeStore, passwords: Passwords, clock: Clock, audit: AuditLog) -> None:
        self._store = store
        self._passwords = passwords
        self._clock = clock
        self._audit = audit

    # Who is asking

    def actor_of(self, account: Account | None) -> Actor:
        if account is None or account.removed_at is not None:
            return Anonymous()
        membership = self._store.live_membership(account.id)
        return self._second_factor_first(_actor(account, membership))

    def _second_factor_first(self, actor: Actor) -> Actor:
        """A practitioner or an admin with no second factor may only set one up (ASVS 5.0 6.3.3)."""
        if isinstance(actor, Practitioner | Admin) and not self._store.has_second_factor(actor.account_id):
            return Enrolling(actor.account_id, Role.PRACTITIONER if isinstance(actor, Practitioner) else Role.ADMIN)
        return actor

    def actor_for_session(self, token: str | None, seen: bool = True) -> tuple[Actor, Account | None]:
        """The actor a sign-in cookie stands for; Anonymous when missing, unknown, ended or timed out. `seen=False`
        only reads: a request refused unread (another site's) must not keep the session from timing out."""
        if not token:
            return Anonymous(), None
        found = self._store.sign_in(token_hash(token))
        if found is None:
            return Anonymous(), None
        session, account, membership = found
        now = self._clock()
        if not _still_open(session, now) or account.removed_at is not None:
            return Anonymous(), None
        if seen and now - session.last_seen_at >= SEEN_AGAIN_AFTER:
            self._store.touch_sign_in(session.id, now)
        return self._second_factor_first(_actor(account, membership)), account

    def actor_for_device(self, token: str | None) -> tuple[Actor, Account | None, int | None]:
        """The client a linked crest's token stands for, and the device's id."""
        if not token:
            return Anonymous(), None, None
        device = self._store.device(token_hash(token))
        if device is None or device.revoked_at is not None:
            return Anonymous(), None, None
        account = self._store.account(device.account_id)
        return self.actor_of(account), account, device.id

    def practice_name(self, actor: Actor) -> str | None:
        practice_id = practice_of(actor)
        return None if practice_id is None else self._store.practice_name(practice_id)

    def removed_from(self, actor: Actor) -> str | None:
        """For an account in no practice now: the practice whose administrator removed it, if one did."""
        if not isinstance(actor, NoPractice):
            return None
        ended = self._store.last_ended_membership(actor.account_id)
        return None if ended is None else self._store.practice_name(ended.practice_id)

    # Setting up

    def create_practice(self, name: str, admin_email: str, password: str, admin_name: str) -> Account:
        """The admin's name is asked, never made from the email: people see it on every invitation they send."""
        email = check_email(admin_email)
        practice = check_name(name, "the practice's name")
        person = check_name(admin_name, "the admin's name")
        chosen = check_new_password(password, (email, practice, person))
        return self._store.create_practice(practice, email, person, self._passwords.hash(chosen), self._clock())

    # Signing in and out

    def sign_in(self, email: str, password: str, address: str | None) -> SignedInSession | CodeAsked:
        """The password first: a session, or for an account with a second factor the step that asks its code
        (`sign_in_with_code`). Failures are forgotten only once the whole sign-in succeeds, so that knowing the
        password does not reset the count of wrong codes."""
        now = self._clock()
        cleaned = email.strip().lower() if isinstance(email, str) else ""
        keys = _keys(cleaned, address)
        with self._attempt(keys, address):
            found = self._store.account_by_email(cleaned)
            account, stored_hash = found if found is not None else (None, None)
            if not self._passwords.matches(stored_hash, password) or account is None or account.removed_at is not None:
                self._audit.record(None, Audited.SIGN_IN, "failed", address=address, detail=_email_or_not(cleaned))
                raise SignInFailed("that email and password do not match an account")
        if stored_hash is not None and self._passwords.needs_rehash(stored_hash):
            self._store.set_password_hash(account.id, self._passwords.rehashed(password))
        if self._store.has_second_factor(account.id):
            token = secrets.token_urlsafe(TOKEN_BYTES)
            expires_at = now + CODE_STEP_LIFETIME
            self._store.add_pending_sign_in(token_hash(token), account.id, now, expires_at, address)
            return CodeAsked(token, expires_at)
        self._store.forget_failures([keys[0]], before=now - FAILURE_WINDOW)
        return self._open_session(account, address)

    def sign_in_with_code(self, pending: str | None, code: str, address: str | None) -> SignedInSession:
        """The second step: the authenticator app's code (or a recovery code) for the half-signed-in `pending`
        token. Wrong codes count and back off as wrong passwords do; the step is used up by the right one."""
        found = None if not pending else self._store.pending_sign_in(token_hash(pending))
        account = None if found is None else self._store.account(found.account_id)
        if found is None or account is None or account.removed_at is not None or self._clock() >= found.expires_at:
            raise SignInAgain("that sign-in took too long or has ended; enter your email and password again")
        self._check_code(account, code, address, Audited.SIGN_IN, "sign in", self._code_alone)
        self._store.end_pending_sign_in(token_hash(pending or ""))
        self._store.forget_failures([f"account:{account.email}"], before=self._clock() - FAILURE_WINDOW)
        return self._open_session(account, address)

    def end_code_step(self, pending: str | None) -> None:
        if pending:
            self._store.end_pending_sign_in(token_hash(pending))

    def _check_code(
        self,
        account: Account,
        typed: str,
        address: str | None,
        audited: Audited,
        what: str,
        use_up: Callable[[CodeUse], Done],
    ) -> Done:
        """When `typed` is the account's code now (a time step not used before) or one of its unused recovery
        codes, `use_up` uses it up with what it was given for, in one transaction, and its answer is returned; else
        count a failure, audit it and raise `WrongCode`. What `use_up` refuses (a link that ended meanwhile) leaves
        the code unused, to send again: a time step cannot come back, a recovery code would be gone."""
        with self._attempt(_keys(account.email, address), address):
            factor = self._store.second_factor(account.id)
            actor = self.actor_of(account)
            if factor is not None and factor.confirmed_at is not None and isinstance(typed, str):
                if looks_like_totp(typed):
                    step = matching_step(factor.secret, typed, self._clock(), factor.last_step)
                    if step is not None:
                        with suppress(CodeUsedMeanwhile):
                            return use_up(CodeUse(account.id, step=step))
                elif len(typed) <= 64:
                    for code_id, code_hash in self._store.unused_recovery_codes(account.id):
                        if not self._passwords.matches(code_hash, cleaned_code(typed)):
                            continue
                        with suppress(CodeUsedMeanwhile):
                            done = use_up(CodeUse(account.id, recovery_code_id=code_id))
                            left = len(self._store.unused_recovery_codes(account.id))
                            detail = f"{what}: {counted(left, 'recovery code')} left"
                            self._audit.record(
                                actor,
                                Audited.USE_RECOVERY_CODE,
                                actor_name=account.name,
                                address=address,
                                detail=detail,
                            )
                            return done
            self._audit.record(actor, audited, "wrong_code", actor_name=account.name, address=address, detail=what)
            raise WrongCode(WRONG_CODE)

    def _code_alone(self, used: CodeUse) -> None:
        """A code given for nothing else to save (a sign-in)."""
        self._store.use_code(used, self._clock())

    def _code_if_asked(
        self,
        account: Account,
        code: str | None,
        address: str | None,
        what: str,
        save: Callable[[CodeUse | None], Done],
    ) -> Done:
        """Where a password alone would open a session (an invitation for an existing account, a password link),
        an account with a second factor gives its code too (ASVS 5.0 6.4.3: no way around it), which `save` uses up
        as `_check_code` says; without a second factor `save` is called at once, with no code."""
        if not self._store.has_second_factor(account.id):
            return save(None)
        if not code:
            raise CodeNeeded(f"{CODE_ASKED}: type the code it shows now (or a recovery code)")
        return self._check_code(account, code, address, Audited.DENIED, what, save)

    # The second factor: an authenticator app (TOTP) and recovery codes

    def second_factor_state(self, actor: Actor) -> SecondFactorState:
        require(actor, Action.MANAGE_OWN_SECOND_FACTOR, what="set up two-step sign-in")
        assert not isinstance(actor, Anonymous)
        factor = self._store.second_factor(actor.account_id)
        on = factor is not None and factor.confirmed_at is not None
        setting_up = None if factor is None or on else factor.secret
        account = self._store.account(actor.account_id)
        return SecondFactorState(
            on=on,
            setting_up=setting_up,
            setting_up_uri=None
            if setting_up is None or account is None
            else provisioning_uri(setting_up, account.email),
            recovery_codes_left=len(self._store.unused_recovery_codes(actor.account_id)) if on else 0,
            required=isinstance(actor, Enrolling | Practitioner | Admin),
            reset=self._store.second_factor_reset(actor.account_id),
            admin=isinstance(actor, Admin) or (isinstance(actor, Enrolling) and actor.role is Role.ADMIN),
        )

    def begin_second_factor(self, actor: Actor) -> None:
        """A new secret to show (its QR code and its text), until a first code confirms it."""
        require(actor, Action.MANAGE_OWN_SECOND_FACTOR, what="set up two-step sign-in")
        assert not isinstance(actor, Anonymous)
        self._store.begin_second_factor(actor.account_id, new_secret(), self._clock())

    def confirm_second_factor(
        self, actor: Actor, token: str | None, password: str, code: str, address: str | None = None
    ) -> SecondFactorOn:
        """The account's password and the first code from the app turn two-step sign-in on: the step it used is
        used up, every other sign-in of the account ends (opened with the password alone), the asking one is
        renewed, and the recovery codes are returned, shown once. The password first (ASVS 5.0 7.5.1): a session
        left open or taken must not be enough to put an app of someone else's between the owner and their account."""
        require(actor, Action.MANAGE_OWN_SECOND_FACTOR, what="set up two-step sign-in")
        assert not isinstance(actor, Anonymous)
        account = self._confirm_own_password(actor, password, address, "turn on two-step sign-in", "it is still off")
        factor = self._store.second_factor(actor.account_id)
        if factor is None or factor.confirmed_at is not None:
            raise NoSetupUnderWay(
                "two-step sign-in is on already" if factor is not None else "start setting up two-step sign-in first"
            )
        now = self._clock()
        step = matching_step(factor.secret, code, now, None)
        codes = new_recovery_codes()
        hashes = [self._passwords.hash_code(cleaned_code(one)) for one in codes]  # as `_check_code` reads them
        renewed, renewal = self._renewal(account.id, token)
        if step is None or not self._store.confirm_second_factor(account.id, factor.secret, step, hashes, renewal, now):
            self._audit.record(
                actor, Audited.DENIED, "wrong_code", actor_name=account.name, address=address, detail="set up"
            )
            raise WrongCode("that code is not the one the app shows for this setup; type the 6 digits it shows now")
        self._audit.record(actor, Audited.TURN_ON_SECOND_FACTOR, actor_name=account.name, address=address)
        return SecondFactorOn(codes, renewed)

    def turn_off_second_factor(
        self, actor: Actor, token: str | None, password: str, code: str, address: str | None = None
    ) -> str | None:
        """With the password and a current code (or a recovery code); a practitioner or an admin sets a new one up
        before anything else (a new phone). The asking sign-in (`token`) is renewed: its new token is returned."""
        require(actor, Action.MANAGE_OWN_SECOND_FACTOR, what="turn off two-step sign-in")
        assert not isinstance(actor, Anonymous)
        what = "turn off two-step sign-in"
        account = self._confirm_own_password(actor, password, address, what, "it is still on")
        renewed, renewal = self._renewal(account.id, token)
        self._check_code(
            account,
            code,
            address,
            Audited.DENIED,
            what,
            lambda used: self._store.turn_off_second_factor(used, renewal, self._clock()),
        )
        self._audit.record(actor, Audited.TURN_OFF_SECOND_FACTOR, actor_name=account.name, address=address)
        return renewed

    def practitioner_to_reset(self, actor: Actor, membership_id: int) -> Account:
        """The practitioner whose second factor the admin is about to reset, named on the page that asks first."""
        return self._account_of(self._to_reset(actor, membership_id))

    def _to_reset(self, actor: Actor, membership_id: int) -> Membership:
        membership = self._practitioner(
            actor, membership_id, Action.RESET_PRACTITIONER_SECOND_FACTOR, "reset two-step sign-in"
        )
        self._one_to_reset(self._account_of(membership), "they set it up at their next sign-in")
        return membership

    def _one_to_reset(self, account: Account, then: str) -> None:
        """At every door: resetting a second factor that is not there would only end the account's sign-ins."""
        if not self._store.has_second_factor(account.id):
            raise NoSecondFactorToReset(
                f"{account.name} has no two-step sign-in set up, so there is nothing to reset: {then}"
            )

    def reset_practitioner_second_factor(
        self, actor: Actor, token: str | None, membership_id: int, password: str, code: str, address: str | None = None
    ) -> str | None:
        """The admin, for a practitioner who lost their phone and recovery codes: the app and the codes go, every
        sign-in and device of theirs ends, and at their next sign-in (with their password) they are told who reset
        it and when, and set up a new app. The admin's own password and a code of their own come first: the admin
        vouches for who asked (ASVS 5.0 6.4.4), and a session left open or taken must not be enough to strip a
        colleague's second factor."""
        membership = self._to_reset(actor, membership_id)  # 401, 403 or 404 before any password is looked at
        assert isinstance(actor, Admin)
        what = "reset a practitioner's two-step sign-in"
        admin = self._confirm_own_password(actor, password, address, what, "nothing was reset")
        practitioner = self._account_of(membership)
        renewed, renewal = self._renewal(admin.id, token)

        def reset(used: CodeUse) -> None:
            self._store.reset_second_factor(practitioner.id, admin.name, self._clock(), used, renewal)

        self._check_code(admin, code, address, Audited.DENIED, what, reset)
        self._audit.record(
            actor,
            Audited.RESET_SECOND_FACTOR,
            actor_name=admin.name,
            address=address,
            detail=f"for account {practitioner.id} (membership {membership.id})",
        )
        return renewed

    def reset_second_factor_by_operator(self, email: str) -> Account:
        """The server's operator (`crest practice reset-two-factor`), for any account: the admin's too."""
        chosen = check_email(email)
        found = self._store.account_by_email(chosen)
        if found is None or found[0].removed_at is not None:
            raise NoSuchAccount(f"there is no account for {chosen}; check the email")
        self._one_to_reset(found[0], "nothing was changed, and their sign-ins go on")
        self._store.reset_second_factor(found[0].id, OPERATOR, self._clock())
        self._audit.record(
            None,
            Audited.RESET_SECOND_FACTOR,
            actor_name=OPERATOR,
            detail=f"for account {found[0].id} (crest practice reset-two-factor)",
        )
        return found[0]

    def _renewal(self, account_id: int, token: str | None) -> tuple[str, Renewal] | tuple[None, None]:
        """A new token for the asking sign-in, once its password (and code) were confirmed again (ASVS 5.0 7.2.4:
        a new token at every authentication, re-authentication included), and the `Renewal` that the store's write
        of what was confirmed does with it: the old token ends there, with the rest of what that write ends. Its
        absolute time-out stays: confirming a password does not lengthen a sign-in. None for no open sign-in of this
        account's (a linked crest's token asks with none)."""
        found = None if not token else self._store.sign_in(token_hash(token))
        if not token or found is None or found[1].id != account_id or not _still_open(found[0], self._clock()):
            return None, None
        renewed = secrets.token_urlsafe(TOKEN_BYTES)
        return renewed, Renewal(account_id, token_hash(token), token_hash(renewed), self._clock())

    def _open_session(self, account: Account, address: str | None) -> SignedInSession:
        now = self._clock()
        token = secrets.token_urlsafe(TOKEN_BYTES)
        self._store.add_sign_in(token_hash(token), account.id, now, now + SESSION_ABSOLUTE_TIMEOUT, address)
        actor = self.actor_of(account)
        assert not isinstance(actor, Anonymous)
        self._audit.record(actor, Audited.SIGN_IN, actor_name=account.name, address=address)
        return SignedInSession(token, actor, account)

    @contextmanager
    def _attempt(self, keys: list[str], address: str | None) -> Iterator[None]:
        """Refuse while backing off; else the block checks a password or a code, counted as a failure from before
        it starts, in the transaction that looked at the limit: checking first and counting after let 40 wrong
        passwords sent at once all be checked (ASVS 5.0 6.3.1). Only a wrong one (`SignInFailed`, `WrongCode`)
        stays counted; any other end of the block releases it. The refusal says "sign-in attempts", never
        "passwords" or "codes": it comes before anything sent is checked, wrong passwords and codes share one
        count, and saying that codes were wrong would tell whoever asks next that someone knew the password."""
        held = self._hold_failure(keys, address, WRONG_SIGN_INS)
        try:
            yield
        except BaseException as error:
            if not isinstance(error, SignInFailed | WrongCode):
                self._store.release_attempt(held)
            raise
        self._store.release_attempt(held)

    def _hold_failure(self, keys: list[str], address: str | None, wrong: str) -> list[int]:
        """Count a failure under each key, or refuse (429, audited) while one of them is backing off."""
        now = self._clock()
        held = self._store.hold_attempt(keys, now, now - FAILURE_WINDOW, partial(_backing_off_until, now))
        if isinstance(held, BackingOff):
            self._audit.record(None, Audited.DENIED, "rate_limited", address=address, detail=held.key[:100])
            seconds = _seconds_until(held.until, now)
            raise TooManyAttempts(
                f"too many wrong {wrong}; wait {counted(seconds, 'second')} and try again", retry_after_s=seconds
            )
        return held

    def count_without_token(self, actor: Actor, address: str | None) -> None:
        """A request of `crest sync`'s that no valid token signs, which its route refuses (401): a failure of its
        address, as a wrong password is, so that guessing tokens backs off as guessing passwords does (one count
        for both: one guesser may try either). A request of an account's is never counted here."""
        keys = _address_keys(address)
        if account_of(actor) is None and keys:
            self._hold_failure(keys, address, "passwords or tokens")

    def pace_sync(self, actor: Actor, address: str | None) -> None:
        """Count one request of `crest sync` under the account asking; past SYNC_REQUESTS in SYNC_WINDOW, refuse it
        (429) before anything is read or stored (ASVS 5.0 2.4.1): a crest gone wrong, or a stolen device token,
        cannot keep the server parsing and storing batches. Per account, not per token or address: every computer
        and sign-in of one person shares the count, so more links buy no more. Counted in the database, as wrong
        passwords are, so that any number of workers share one count."""
        account_id = account_of(actor)
        if account_id is None:  # refused as nobody's by the route: counted where guesses are
            self.count_without_token(actor, address)
            return
        now = self._clock()
        key = f"sync:{account_id}"
        held = self._store.hold_attempt([key], now, now - SYNC_WINDOW, partial(_syncing_too_often_until, now))
        if isinstance(held, BackingOff):
            self._audit.record(actor, Audited.DENIED, "rate_limited", address=address, detail=key)
            seconds = _seconds_until(held.until, now)
            raise TooManyAttempts(
                f"crest sync asked too often; wait {counted(seconds, 'second')} and try again", retry_after_s=seconds
            )

    def sign_out(self, token: str | None, actor: Actor, address: str | None) -> None:
        if token:
            self._store.end_sign_in(token_hash(token), self._clock())
        if not isinstance(actor, Anonymous):
            self._audit.record(actor, Audited.SIGN_OUT, address=address)

    def open_sign_ins(self, actor: Actor, token: str | None) -> list[OpenSignIn]:
        """Where this account is signed in now (`token`: the asking browser's), the latest used first."""
        require(actor, Action.MANAGE_OWN_SIGN_INS, what="see where you are signed in")
        assert not isinstance(actor, Anonymous)
        now = self._clock()
        asking = None if token is None else token_hash(token)
        return [
            OpenSignIn(session.created_at, session.last_seen_at, session.address, session.token_hash == asking)
            for session in self._store.open_sign_ins(actor.account_id, now)
            if _still_open(session, now)
        ]

    def end_other_sign_ins(
        self, actor: Actor, token: str | None, password: str, address: str | None = None
    ) -> EndedElsewhere:
        """Sign out everywhere else (ASVS 5.0 V7.5.2): the password again first, as a session left open or taken
        must not end its owner's others; the asking browser (`token`) stays signed in, renewed. Linked computers'
        tokens end too: "everywhere" must leave no way in, and a token taken with a stolen laptop is one."""
        require(actor, Action.MANAGE_OWN_SIGN_INS, what="sign out everywhere else")
        assert not isinstance(actor, Anonymous)
        account = self._confirm_own_password(actor, password, address, "sign out everywhere else", "nothing ended")
        others = sum(not one.this_browser for one in self.open_sign_ins(actor, token))
        renewed, renewal = self._renewal(account.id, token)
        computers = self._store.end_other_access(account.id, renewal, self._clock())
        detail = f"{counted(others, 'other sign-in')} ended, {counted(computers, 'linked computer')} unlinked"
        self._audit.record(actor, Audited.END_SIGN_INS, actor_name=account.name, address=address, detail=detail)
        return EndedElsewhere(others, computers, renewed)

    # Invites

    def invite(self, actor: Actor, role: Role, email: str | None, address: str | None = None) -> IssuedInvite:
        if role is Role.ADMIN:
            raise NotAllowed("invite practitioners or clients; a practice has the admin it was set up with")
        return self._issue(actor, role, None if not email else check_email(email), address)

    def _issue(
        self, actor: Actor, role: Role, email: str | None, address: str | None, replacing: int | None = None
    ) -> IssuedInvite:
        action = Action.INVITE_PRACTITIONER if role is Role.PRACTITIONER else Action.INVITE_CLIENT
        require(actor, action, what=f"invite a {role.label}")
        assert isinstance(actor, Admin | Practitioner)
        now = self._clock()
        code, code_hash = new_code()
        invite = self._store.add_invite(
            code_hash, actor.practice_id, role, email, actor.membership_id, now, now + INVITE_LIFETIME, replacing
        )
        self._audit.record(actor, Audited.INVITE, address=address, detail=role.value)
        return IssuedInvite(code, role, email, invite.expires_at)

    def waiting_invites(self, actor: Actor) -> list[WaitingInvite]:
        """The asker's invitations nobody took up, newest first: those still open, which they may withdraw (a link
        sent to the wrong person), and those whose link ran out, which they may send anew or withdraw."""
        self._require_inviter(actor)
        assert isinstance(actor, Admin | Practitioner)
        now = self._clock()
        return [WaitingInvite(one, now >= one.expires_at) for one in self._store.waiting_invites(actor.membership_id)]

    def withdraw_invite(self, actor: Actor, invite_id: int, address: str | None = None) -> None:
        """The invitation stops working now (or, one that ran out, leaves the list); only whoever made it may
        withdraw it (anyone else: 404)."""
        now = self._clock()
        waiting = self.invite_to_withdraw(actor, invite_id)
        self._store.withdraw_invite(waiting.invite.id, now)
        self._audit.record(actor, Audited.WITHDRAW_INVITE, address=address, detail=f"invite {waiting.invite.id}")

    def renew_invite(self, actor: Actor, invite_id: int, address: str | None = None) -> IssuedInvite:
        """A new link for whom this invitation was for, in its place (it is withdrawn): one that ran out, sent
        again. Only whoever made it (anyone else: 404)."""
        old = self.invite_to_withdraw(actor, invite_id).invite
        issued = self._issue(actor, old.role, old.email, address, replacing=old.id)
        self._audit.record(actor, Audited.WITHDRAW_INVITE, address=address, detail=f"invite {old.id}")
        return issued

    def invite_to_withdraw(self, actor: Actor, invite_id: int) -> WaitingInvite:
        """The asker's own invitation nobody took up, open or run out, for the page that asks before withdrawing it
        (anyone else's, or one used or withdrawn: 404)."""
        self._require_inviter(actor)
        assert isinstance(actor, Admin | Practitioner)
        invite = self._store.invite_by_id(invite_id)
        if (
            invite is None
            or invite.invited_by_membership_id != actor.membership_id
            or invite.used_at is not None
            or invite.withdrawn_at is not None
        ):
            raise NotFoundForYou("there is no such invitation waiting to be accepted")
        return WaitingInvite(invite, self._clock() >= invite.expires_at)

    def own_open_invite(self, actor: Actor, code: str) -> Invite | None:
        """The asker's own invitation with this code while it still works; None for any other, so that a code
        handed to this page by someone else never shows as one the asker made."""
        self._require_inviter(actor)
        assert isinstance(actor, Admin | Practitioner)
        invite = self._store.invite(token_hash(code)) if code else None
        if (
            invite is None
            or invite.invited_by_membership_id != actor.membership_id
            or not link_open(invite.expires_at, invite.used_at, self._clock())
        ):
            return None
        return invite

    @staticmethod
    def _require_inviter(actor: Actor) -> None:
        action = Action.INVITE_PRACTITIONER if isinstance(actor, Admin) else Action.INVITE_CLIENT
        require(actor, action, what="invite anyone")

    def invite_view(self, code: str) -> InviteView:
        invite, inviter = self._open_invite(code)
        account = self._store.account(inviter.account_id)
        return InviteView(
            practice_name=self._store.practice_name(invite.practice_id),
            role=invite.role,
            email=invite.email,
            invited_by=account.name if account is not None else "",
            expires_at=invite.expires_at,
        )

    def _open_invite(self, code: str) -> tuple[Invite, Membership]:
        """The invitation with this code while it can be accepted, and the membership of whoever sent it."""
        invite = self._store.invite(token_hash(code)) if code else None
        if invite is None or not link_open(invite.expires_at, invite.used_at, self._clock()):
            raise InviteNotValid(NOT_VALID)
        inviter = self._store.membership(invite.invited_by_membership_id)
        if inviter is None or inviter.ended_at is not None:
            raise InviteNotValid(INVITER_LEFT)
        return invite, inviter

    def accept_invite(
        self,
        code: str,
        email: str,
        password: str,
        name: str,
        consent: bool,
        *,
        share_notes: bool = False,
        address: str | None = None,
        device_name: str | None = None,
        second_factor: str | None = None,
        link_key: str | None = None,
    ) -> Accepted:
        """Create the account (or link an existing one, whose password must match), join the practice and, for a
        client, share with the practitioner who invited them: only with `consent`. With `device_name` (`crest link`)
        the answer is a device token and no sign-in session: that program keeps no cookie, so a session would be one
        nobody holds, listed on the Account page as a sign-in the person never opened. `link_key`: the random key
        `crest link` keeps until the answer comes; the same request again, after an answer that never came, links
        that computer again (`_link_again`)."""
        if device_name is not None and link_key:
            linked = self._store.linked_by_invite(token_hash(code), token_hash(link_key))
            if linked is not None:
                return self._link_again(*linked, code, email, password, consent, device_name, second_factor, address)
        view = self.invite_view(code)
        if view.role is Role.CLIENT and consent is not True:
            raise ConsentRequired("agree to what your practitioner will see before accepting; nothing was shared")
        # before the invitation (and a two-step code) is used up: a refused link would have used them for nothing
        device = None if device_name is None else self._device_name(view.role, device_name)
        chosen = check_email(email)
        # Whether the email has an account must not show in a refusal (ASVS 5.0 V6.3, account enumeration): all
        # that does not depend on it is checked first, the same way for both, and only a wrong password for an
        # existing account is told apart, counted and backed off from as at sign-in.
        if view.email is not None and view.email != chosen:
            raise InviteForAnotherEmail(INVITE_FOR_ANOTHER_EMAIL)
        with self._attempt(_keys(chosen, address), address):
            named = check_name(name, "your name")
            # Every stored password passed this when it was chosen (alike for both, see above).
            try:
                check_new_password(password, (chosen, named, view.practice_name))
            except UnsuitablePassword as refused:
                raise NewPasswordRefused(refused.message) from None
            found = self._store.account_by_email(chosen)
            if found is not None and (
                not self._passwords.matches(found[1], password) or found[0].removed_at is not None
            ):
                raise NotTheAccountsPassword(ACCOUNT_PASSWORD_ASKED)
        password_hash = None if found is not None else self._passwords.hash(password)
        display_name = named if found is None else found[0].name

        def save(used: CodeUse | None) -> Acceptance:
            """The invitation read again, the code used up and the account saved, in one transaction: another
            request that ends the invitation first (a second acceptance, a withdrawal) leaves the code unused."""
            return self._store.accept_invite(
                token_hash(code),
                self._clock(),
                existing_account_id=None if found is None else found[0].id,
                email=chosen,
                name=display_name,
                password_hash=password_hash,
                share_notes=share_notes,
                second_factor=used,
                link_key_hash=None if device is None or not link_key else token_hash(link_key),
            )

        if found is None:
            accepted = save(None)
        else:
            accepted = self._code_if_asked(found[0], second_factor, address, "accept an invitation", save)
        session = None if device_name is not None else self._open_session(accepted.account, address)
        actor = self._joined(view, accepted, share_notes, address)
        device_token = (
            None if device is None else self.link_device(actor, accepted.account, device, address, token_hash(code))
        )
        return Accepted(actor, accepted.account, session, device_token)

    def accept_invite_signed_in(
        self,
        code: str,
        actor: Actor,
        account: Account,
        consent: bool,
        *,
        share_notes: bool = False,
        address: str | None = None,
        asked: AskedThrough = SIGNED_IN_HERE,
    ) -> Accepted:
        """The invitation taken by the account signed in here (a client joining a second practitioner): nothing it
        gave is asked again (its name; its email, password and two-step code were asked at sign-in), only a client's
        consent. It stays single-use and ends as any does; one for another email stays that email's, and an account
        of another practice or role is refused before anything is used, in the words of the door `asked` through.
        The session goes on: no new one."""
        view = self.invite_view(code)
        if view.role is Role.CLIENT and consent is not True:
            raise ConsentRequired("agree to what your practitioner will see before accepting; nothing was shared")
        refused = self.refused_as_signed_in(code, actor, account, asked)
        if refused is not None:
            raise refused
        accepted = self._store.accept_invite(
            token_hash(code),
            self._clock(),
            existing_account_id=account.id,
            email=account.email,
            name=account.name,
            password_hash=None,
            share_notes=share_notes,
        )
        return Accepted(self._joined(view, accepted, share_notes, address), accepted.account, None, None)

    def refused_as_signed_in(
        self, code: str, actor: Actor, account: Account, asked: AskedThrough = SIGNED_IN_HERE
    ) -> CrestError | None:
        """Why the account signed in cannot take this invitation (one sent to another email, or for another practice
        or role), which its page says at once rather than offer a button that cannot work, in the words of the door
        `asked` through; None: it may."""
        invite, _ = self._open_invite(code)
        if invite.email is not None and invite.email != account.email:
            return InviteForAnotherEmail(f"this invite was sent to another email address; {asked.then}")
        role = role_of(actor)
        if role is not None and (role is not invite.role or practice_of(actor) != invite.practice_id):
            practice = self._store.practice_name(practice_of(actor) or invite.practice_id)
            a_role = f"{'an' if role.label[0] in 'aeiou' else 'a'} {role.label}"
            return AlreadyInAPractice(f"{asked.account} {account.email}, {a_role} of {practice}; {asked.then}")
        return None

    def _joined(self, view: InviteView, accepted: Acceptance, share_notes: bool, address: str | None) -> SignedIn:
        """Who joined, with the acceptance and a client's consent in the audit log."""
        actor = self.actor_of(accepted.account)
        assert not isinstance(actor, Anonymous)
        name = accepted.account.name
        self._audit.record(actor, Audited.ACCEPT_INVITE, actor_name=name, address=address)
        if accepted.link is not None:
            detail = f"shared with {view.invited_by}" + (", notes included" if share_notes else "")
            self._audit.record(
                actor,
                Audited.CONSENT,
                actor_name=name,
                subject_person_id=accepted.account.person_id if view.role is Role.CLIENT else None,
                address=address,
                detail=detail,
            )
        return actor

    def _link_again(
        self,
        invite: Invite,
        first: DeviceToken,
        code: str,
        email: str,
        password: str,
        consent: bool,
        device_name: str,
        second_factor: str | None,
        address: str | None,
    ) -> Accepted:
        """The same `crest link` again, after the practice took the invitation and its answer never came: the
        computer it linked then (whose token nobody holds) ends, and a new token comes back. Only within the
        invitation's life, from whoever holds its code, the key sent with it and the account's password (and its
        two-step code), and only while that first token was never used: for anyone else the invitation stays used."""
        now = self._clock()
        inviter = self._store.membership(invite.invited_by_membership_id)
        if not link_open(invite.expires_at, None, now) or first.revoked_at is not None or first.last_sync_at:
            raise InviteNotValid(NOT_VALID)
        if inviter is None or inviter.ended_at is not None:
            raise InviteNotValid(INVITER_LEFT)
        if consent is not True:
            raise ConsentRequired("agree to what your practitioner will see before accepting; nothing was shared")
        device = self._device_name(invite.role, device_name)
        chosen = check_email(email)
        account = self._store.account(first.account_id)
        with self._attempt(_keys(chosen, address), address):
            found = self._store.account_by_email(chosen)
            if (
                account is None
                or found is None
                or found[0].id != account.id
                or found[0].removed_at is not None
                or not self._passwords.matches(found[1], password)
            ):
                raise NotTheAccountsPassword(ACCOUNT_PASSWORD_ASKED)
        assert account is not None
        token = secrets.token_urlsafe(TOKEN_BYTES)
        linked = self._code_if_asked(
            account,
            second_factor,
            address,
            "link a computer again",
            lambda used: self._store.link_again(
                token_hash(code), first.id, token_hash(token), device[:100], now, second_factor=used
            ),
        )
        if not linked:  # the first token was used, or the invitation ran out, while this was checked
            raise InviteNotValid(NOT_VALID)
        actor = self.actor_of(account)
        assert not isinstance(actor, Anonymous)
        self._audit.record(
            actor,
            Audited.LINK_DEVICE,
            actor_name=account.name,
            subject_person_id=account.person_id,
            address=address,
            detail=f"again with its invitation (the first answer never came): device {first.id} ended",
        )
        return Accepted(actor, account, None, token)

    @staticmethod
    def _device_name(role: Role, name: str) -> str:
        """The name `crest link` gives this computer, checked before anything is used up: only a client keeps a
        journal of their own to link."""
        if role is not Role.CLIENT:
            raise NotAllowed(f"an invitation as {role.label} links no computer; accept it in the browser")
        return check_name(name, "the computer's name")

    def link_device(
        self,
        actor: SignedIn,
        account: Account,
        name: str,
        address: str | None = None,
        invite_code_hash: str | None = None,
    ) -> str:
        require(actor, Action.KEEP_OWN_JOURNAL, what="link a computer")
        token = secrets.token_urlsafe(TOKEN_BYTES)
        self._store.add_device(
            token_hash(token),
            account.id,
            check_name(name, "the computer's name")[:100],
            self._clock(),
            invite_code_hash,
        )
        self._audit.record(
            actor, Audited.LINK_DEVICE, actor_name=account.name, subject_person_id=account.person_id, address=address
        )
        return token

    # Practitioners (admin) and leaving

    def practitioners(self, actor: Actor) -> list[tuple[Membership, Account]]:
        require(actor, Action.LIST_PRACTITIONERS, what="list practitioners")
        assert isinstance(actor, Admin)
        return self._store.members(actor.practice_id, Role.PRACTITIONER)

    def practitioner_name(self, actor: Actor, membership_id: int | None) -> str | None:
        """The name of a practitioner of the admin's practice, still there or removed (a change to them that the
        Practice page confirms); None for any other membership."""
        require(actor, Action.LIST_PRACTITIONERS, what="list practitioners")
        assert isinstance(actor, Admin)
        membership = None if membership_id is None else self._store.membership(membership_id)
        if (
            membership is None
            or membership.practice_id != actor.practice_id
            or membership.role is not Role.PRACTITIONER
        ):
            return None
        account = self._store.account(membership.account_id)
        return None if account is None else account.name

    def practitioners_with_second_factor(self, actor: Actor) -> set[int]:
        """The memberships of the practice's practitioners with two-step sign-in set up: only theirs may the admin
        reset, or make a password link for (`OperatorMakesThisLink`, `NoSecondFactorToReset`)."""
        return {
            membership.id
            for membership, account in self.practitioners(actor)
            if self._store.has_second_factor(account.id)
        }

    def practitioner_to_remove(self, actor: Actor, membership_id: int) -> Account:
        """The practitioner an admin is about to remove, named on the page that asks first; refused as removing is."""
        return self._account_of(self._removable(actor, membership_id))

    def practitioner_to_sign_out(self, actor: Actor, membership_id: int) -> Account:
        """The practitioner an admin is about to sign out everywhere, named on the page that asks first; refused as
        signing out is."""
        return self._account_of(self._to_sign_out(actor, membership_id))

    def _account_of(self, membership: Membership) -> Account:
        account = self._store.account(membership.account_id)
        assert account is not None  # a membership's account is deleted with it
        return account

    def end_practitioner_sign_ins(self, actor: Actor, membership_id: int, address: str | None = None) -> int:
        """The admin signs a practitioner out everywhere without removing them (ASVS 5.0 V7.4.5: a laptop stolen):
        every sign-in session of theirs ends now, and any linked computer's token of the account with them, as at
        removal, so that "everywhere" leaves no way in (a practitioner cannot link a computer, but the account may
        have linked one as a client before). They sign in again with their password, or with a password link if
        that may be known too. How many sign-ins ended."""
        membership = self._to_sign_out(actor, membership_id)
        now = self._clock()
        ended = sum(_still_open(one, now) for one in self._store.open_sign_ins(membership.account_id, now))
        self._store.end_access(membership.account_id, now)
        detail = f"membership {membership.id}: {counted(ended, 'sign-in')} ended"
        self._audit.record(actor, Audited.END_PRACTITIONER_SIGN_INS, address=address, detail=detail)
        return ended

    def _to_sign_out(self, actor: Actor, membership_id: int) -> Membership:
        return self._practitioner(actor, membership_id, Action.END_PRACTITIONER_SIGN_INS, "sign practitioners out")

    def remove_practitioner(self, actor: Actor, membership_id: int, address: str | None = None) -> None:
        """The practitioner leaves the practice: their sign-in sessions and devices end now, their links end."""
        membership = self._removable(actor, membership_id)
        self._store.remove_member(membership.id, self._clock())
        self._audit.record(actor, Audited.REMOVE_PRACTITIONER, address=address, detail=f"membership {membership.id}")

    def _removable(self, actor: Actor, membership_id: int) -> Membership:
        return self._practitioner(actor, membership_id, Action.REMOVE_PRACTITIONER, "remove practitioners")

    def _practitioner(self, actor: Actor, membership_id: int, action: Action, what: str) -> Membership:
        """A practitioner's membership that `actor` may act on; 401 or 403 before any 404."""
        membership = self._store.membership(membership_id)
        if membership is None:
            require(actor, Action.LIST_PRACTITIONERS, what=what)
            raise NotFoundForYou("there is no such practitioner")
        require(actor, action, membership.as_target(), "practitioner")
        return membership

    # Forgotten passwords: one-time links to set a new one (crest sends no email: the maker hands the link on)

    def reset_link_for_practitioner(self, actor: Actor, membership_id: int, address: str | None = None) -> IssuedReset:
        """The admin, for a practitioner of their practice."""
        membership = self._practitioner(actor, membership_id, Action.RESET_PRACTITIONER_PASSWORD, "make password links")
        if not self._store.has_second_factor(membership.account_id):
            # Nothing but the link would be asked (a second factor just reset, or never set up): the admin, or
            # anyone the link reached, could set the password and a new app and read the practitioner's clients.
            account = self._account_of(membership)
            raise OperatorMakesThisLink(
                f"{account.name} has no two-step sign-in set up, so a password link would let whoever holds it take "
                f"over the account; the server's operator makes this link (crest practice reset-password --email "
                f"{account.email})"
            )
        return self._issue_reset(membership.account_id, actor, address)

    def reset_link_by_operator(self, email: str) -> IssuedReset:
        """The server's operator (`crest practice reset-password`), for any account: the admin's too."""
        chosen = check_email(email)
        found = self._store.account_by_email(chosen)
        if found is None or found[0].removed_at is not None:
            raise NoSuchAccount(f"there is no account for {chosen}; check the email")
        return self._issue_reset(found[0].id, None, None)

    def _issue_reset(self, account_id: int, maker: Actor | None, address: str | None) -> IssuedReset:
        now = self._clock()
        code, code_hash = new_code()
        maker_id = None if maker is None else account_of(maker)
        account = self._store.add_password_reset(code_hash, account_id, maker_id, now, now + RESET_LINK_LIFETIME)
        maker_account = None if maker_id is None else self._store.account(maker_id)
        self._audit.record(
            maker,
            Audited.MAKE_RESET_LINK,
            actor_name=OPERATOR if maker_account is None else maker_account.name,
            subject_person_id=account.person_id,
            address=address,
            detail=f"for account {account.id}" + (" (crest practice reset-password)" if maker is None else ""),
        )
        return IssuedReset(code, account.name, account.email, now + RESET_LINK_LIFETIME)

    def reset_view(self, code: str) -> ResetView:
        """410 for a link that is unknown, used or expired: one answer for all three, so codes cannot be probed."""
        account, expires_at = self._reset_for(code)
        return ResetView(account.email, expires_at, self._store.has_second_factor(account.id))

    def _reset_for(self, code: str) -> tuple[Account, datetime]:
        """The account a link that still works is for, and until when it works; `ResetLinkNotValid` otherwise."""
        reset = self._store.password_reset(token_hash(code)) if code else None
        account = None if reset is None else self._store.account(reset.account_id)
        if (
            reset is None
            or account is None
            or account.removed_at is not None
            or not link_open(reset.expires_at, reset.used_at, self._clock())
        ):
            raise ResetLinkNotValid(RESET_LINK_NOT_VALID)
        return account, reset.expires_at

    def reset_password(
        self, code: str, new_password: str, address: str | None = None, second_factor: str | None = None
    ) -> SignedInSession:
        """Set the new password (the same rules as everywhere), use the link up and end every sign-in session and
        linked computer of the account (one opened by whoever knew the old password among them); then this browser
        is signed in. An
        account with a second factor gives its code too: the link alone does not get past it (ASVS 5.0 6.4.3)."""
        owner, _ = self._reset_for(code)
        chosen = check_new_password(new_password, (owner.email, owner.name))

        def save(used: CodeUse | None) -> Account:
            """Past the code (the link alone must not tell whether a password is the account's), and in the
            transaction that uses the link up with the code: a link used meanwhile leaves the code unused."""
            self._refuse_the_password_it_has(owner, chosen)
            hashed = self._passwords.hash(chosen)
            return self._store.use_password_reset(token_hash(code), hashed, self._clock(), second_factor=used)

        account = self._code_if_asked(owner, second_factor, address, "set a new password with a link", save)
        self._store.forget_failures([f"account:{account.email}"])  # the wrong guesses before are no reason to wait
        session = self._open_session(account, address)
        self._audit.record(session.actor, Audited.RESET_PASSWORD, actor_name=account.name, address=address)
        return session

    @staticmethod
    def check_api_document_reader(actor: Actor) -> None:
        """The API's document is for someone signed in (OWASP ASVS 5.0 13.4.5): the API serves crest's own pages and
        `crest sync`, and a map of every route, the administrator's among them, is no stranger's business."""
        require(actor, Action.READ_API_DOCUMENT, what="read the API's document")

    def own_activity(self, actor: Actor) -> list[AuditEntry]:
        """What this account did lately, newest first, each with the address the request came from: a sign-in
        from a place the person does not know is theirs to notice."""
        require(actor, Action.READ_OWN_ACTIVITY, what="see your account's activity")
        assert not isinstance(actor, Anonymous)
        return self._audit.done_by(actor.account_id)

    def delete_account(self, actor: Actor, password: str, address: str | None = None) -> None:
        """A person deletes their account and every record of theirs (their password confirms it, first: whoever
        holds an open session learns nothing of the account without it, ASVS 5.0 re-authentication)."""
        require(actor, Action.DELETE_OWN_ACCOUNT, what="delete an account")
        assert not isinstance(actor, Anonymous)
        self._confirm_own_password(actor, password, address, "delete account", "nothing was deleted")
        self._refuse_if_still_needed(actor)
        self._store.end_access(actor.account_id, self._clock())
        self._store.delete_account(actor.account_id)
        # Ended access is a security event; the entry keeps the account's number and the address, not its name.
        self._audit.record(actor, Audited.DELETE_ACCOUNT, address=address)

    def _refuse_if_still_needed(self, actor: SignedIn) -> None:
        """Deleting an account must strand nobody. A practice without an administrator has nobody to remove a
        practitioner, make them a password link or sign them out after a stolen laptop; the model has no second
        administrator to hand over to (invites are for practitioners and clients), so the last one removes the
        practitioners first. A practitioner's deletion would drop their clients' care links and prescriptions
        unannounced; ending each programme is the way that tells the client and offers the final report first.
        Asked once the password is confirmed: what the account is, is its owner's to hear."""
        if isinstance(actor, Admin):
            admins = self._store.members(actor.practice_id, Role.ADMIN)
            practitioners = self._store.members(actor.practice_id, Role.PRACTITIONER)
            if practitioners and all(membership.id == actor.membership_id for membership, _ in admins):
                raise StillNeeded(
                    f"you are the only administrator of {self._store.practice_name(actor.practice_id)} and it "
                    f"still has {counted(len(practitioners), 'practitioner')}: remove them on the Practice page "
                    "first, or nobody could manage them; nothing was deleted"
                )
        if isinstance(actor, Practitioner) and (clients := self._store.clients_of(actor.membership_id)):
            where = "the client's page" if len(clients) == 1 else "each client's page"
            raise StillNeeded(
                f"you still follow {counted(len(clients), 'client')}: end the programme first ({where}, End the "
                "programme), so that nobody is left without a practitioner; nothing was deleted"
            )

    def change_password(
        self, actor: Actor, token: str | None, current: str, new: str, address: str | None = None
    ) -> str | None:
        """A new password, confirmed by the current one; every other sign-in session of the account ends (one
        opened with the old password by someone else among them), the one asking (`token`) stays signed in, renewed:
        its new token is returned. Linked computers stay linked: the person changing it knows the password, and
        "Sign out everywhere else" ends them."""
        require(actor, Action.CHANGE_OWN_PASSWORD, what="change a password")
        assert not isinstance(actor, Anonymous)
        account = self._confirm_own_password(actor, current, address, "change password", "it was not changed")
        self._refuse_the_password_it_has(account, new)
        context = (account.email, account.name, self.practice_name(actor) or "")
        chosen = self._passwords.hash(check_new_password(new, context))
        renewed, renewal = self._renewal(account.id, token)
        self._store.change_password(account.id, chosen, renewal, self._clock())
        self._audit.record(actor, Audited.CHANGE_PASSWORD, actor_name=account.name, address=address)
        return renewed

    def _refuse_the_password_it_has(self, account: Account, new: str) -> None:
        """The one rule for a new password on the Account page and through a link: not the account's own already
        ("changed" to itself, every other sign-in, or through a link every linked computer, would end for nothing)."""
        found = self._store.account_by_email(account.email)
        if found is not None and self._passwords.matches(found[1], new):
            raise UnsuitablePassword("the new password is the one you have now; choose another")

    def _confirm_own_password(
        self, actor: SignedIn, password: str, address: str | None, what: str, nothing_done: str
    ) -> Account:
        """The actor's account when `password` is its own. Wrong passwords count and back off as at sign-in: a
        session left open or stolen must not become a way to guess the password."""
        account = self._store.account(actor.account_id)
        found = None if account is None else self._store.account_by_email(account.email)
        keys = ([] if account is None else [f"account:{account.email}"]) + ([f"address:{address}"] if address else [])
        with self._attempt(keys, address):
            if found is None or not self._passwords.matches(found[1], password):
                self._audit.record(actor, Audited.DENIED, "wrong_password", address=address, detail=what)
                raise SignInFailed(f"that password is not this account's; {nothing_done}")
            return found[0]


def _keys(email: str, address: str | None) -> list[str]:
    """What failures count under: the account's email, and the address the request came from."""
    return [f"account:{email}", *_address_keys(address)]


def _address_keys(address: str | None) -> list[str]:
    return [f"address:{address}"] if address else []


def _backing_off_until(now: datetime, key: str, failures: list[datetime]) -> datetime | None:
    """When `key` may try again, None when it may now: after the free failures, each further one doubles the wait
    (1 s, 2 s, 4 s, ... up to 15 min)."""
    free = FREE_FAILURES_PER_ACCOUNT if key.startswith("account:") else FREE_FAILURES_PER_ADDRESS
    if len(failures) < free:
        return None
    allowed_at = failures[-1] + min(timedelta(seconds=2 ** (len(failures) - free)), LONGEST_WAIT)
    return allowed_at if now < allowed_at else None


def _syncing_too_often_until(now: datetime, key: str, requests: list[datetime]) -> datetime | None:
    """When the account may sync again, None when it may now: once the oldest of its last SYNC_REQUESTS requests
    is a window old."""
    if len(requests) < SYNC_REQUESTS:
        return None
    allowed_at = requests[-SYNC_REQUESTS] + SYNC_WINDOW
    return allowed_at if now < allowed_at else None


def _seconds_until(until: datetime, now: datetime) -> int:
    """A wait in whole seconds (Retry-After), rounded up: never 0, which would say "now"."""
    return max(1, int((until - now).total_seconds() + 0.999))


def _still_open(session: SignInSession, now: datetime) -> bool:
    """Not ended, within its absolute lifetime and used within the idle time-out."""
    return session.ended_at is None and now < session.expires_at and now - session.last_seen_at < SESSION_IDLE_TIMEOUT


def _actor(account: Account, membership: Membership | None) -> Actor:
    if membership is None:
        return NoPractice(account.id)
    if membership.role is Role.CLIENT:
        if account.person_id is None:
            return NoPractice(account.id)
        return Client(account.id, membership.practice_id, membership.id, account.person_id)
    if membership.role is Role.PRACTITIONER:
        return Practitioner(account.id, membership.practice_id, membership.id)
    return Admin(account.id, membership.practice_id, membership.id)
