"""Practice mode: signing in and out, opening and accepting an invite. Only mounted by `crest serve --practice`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import APIRouter, Request, Response, status

from crest.accounts.model import Actor, Anonymous, Enrolling, Role, role_of
from crest.accounts.permissions import SHARED_RECORDS
from crest.accounts.records import Account
from crest.services.accounts import CODE_ASKED, SET_UP_FIRST, CodeAsked, CodeNeeded, NotSignedIn, SecondFactorNeeded
from crest.web.practice_door import Asked, Door, address_of
from crest.web.practice_schemas import (
    AcceptedOut,
    AcceptInviteIn,
    AccountOut,
    InviteRefusedOut,
    InviteViewOut,
    JoinInviteIn,
    LoginIn,
    ResetPasswordIn,
    ResetViewOut,
    SignInRefusedOut,
)
from crest.web.schemas import ErrorOut

router = APIRouter(prefix="/auth", tags=["accounts"])

SHARED_WITH_PRACTITIONER = (*SHARED_RECORDS, "your own check-in notes: only if you switch that on")
# Wrong passwords and codes back off (TooManyAttempts): the answer says how long to wait.
BACKING_OFF = {
    "model": ErrorOut,
    "description": "too many wrong tries: wait Retry-After seconds",
    "headers": {"Retry-After": {"description": "seconds to wait before trying again", "schema": {"type": "integer"}}},
}


def account_out(door_practice_name: str | None, account: Account, actor: Actor) -> AccountOut:
    role = role_of(actor)
    return AccountOut(
        name=account.name, email=account.email, role=None if role is None else role.value, practice=door_practice_name
    )


@router.post(
    "/login",
    response_model=AccountOut,
    responses={
        401: {"model": SignInRefusedOut},
        429: BACKING_OFF,
    },
)
def login(body: LoginIn, request: Request, response: Response, door: Door) -> AccountOut:
    """Sign in: a session cookie (HttpOnly, SameSite=Lax). 401 for a wrong email or password, 429 after
    repeated failures for the account or from the address, with a growing wait. An account with two-step sign-in
    sends `second_factor_code` too: 401 without it (its `code`: second_factor_needed), and with a wrong or used one
    (wrong codes back off alike)."""
    address = address_of(request)
    signed = door.accounts.sign_in(body.email, body.password, address)
    if isinstance(signed, CodeAsked):
        if not body.second_factor_code:
            door.accounts.end_code_step(signed.token)
            raise CodeNeeded(f"{CODE_ASKED}: send it as second_factor_code with the email and password")
        session = door.accounts.sign_in_with_code(signed.token, body.second_factor_code, address)
    else:
        session = signed
    door.set_cookie(response, request, session.token)
    return account_out(door.accounts.practice_name(session.actor), session.account, session.actor)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(request: Request, asker: Asked, door: Door) -> Response:
    """End this session now (on the server, not only the cookie)."""
    door.accounts.sign_out(asker.token, asker.actor, address_of(request))
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    door.clear_cookie(response, request)
    return response


@router.get("/me", response_model=AccountOut, responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}})
def me(asker: Asked, door: Door) -> AccountOut:
    if isinstance(asker.actor, Anonymous) or asker.account is None:
        raise NotSignedIn("please sign in first")
    if isinstance(asker.actor, Enrolling):
        raise SecondFactorNeeded(SET_UP_FIRST)
    return account_out(door.accounts.practice_name(asker.actor), asker.account, asker.actor)


@router.get("/invites/{code}", response_model=InviteViewOut, responses={410: {"model": ErrorOut}})
def invite(code: str, door: Door) -> InviteViewOut:
    """Who invites, for which role, and exactly what a client will share: shown before they agree."""
    view = door.accounts.invite_view(code)
    return InviteViewOut(
        practice=view.practice_name,
        role=view.role.value,  # type: ignore[arg-type]
        invited_by=view.invited_by,
        email=view.email,
        expires_at=view.expires_at,
        shared=list(SHARED_WITH_PRACTITIONER) if view.role is Role.CLIENT else [],
    )


@router.post(
    "/accept-invite",
    status_code=status.HTTP_201_CREATED,
    response_model=AcceptedOut,
    responses={
        201: {
            "description": "accepted: signed in with a cookie, or with `device_name` a device token; also the same "
            "`crest link` again with its `link_key` after an answer that never came (a new token, the first one ended)"
        },
        401: {"model": InviteRefusedOut},
        403: {
            "model": ErrorOut,
            "description": "`device_name` with an invitation that is not a client's, or a change from another site",
        },
        409: {"model": ErrorOut},
        410: {
            "model": ErrorOut,
            "description": "the invitation is unknown, used, withdrawn or expired (a `link_key` other than the one "
            "it was accepted with finds it used)",
        },
        429: BACKING_OFF,
    },
)
def accept_invite(body: AcceptInviteIn, request: Request, response: Response, door: Door) -> AcceptedOut:
    """Create the account (or link an existing one with its password) and sign in, with a session cookie; with
    `device_name` (`crest link`) a device token instead, and no cookie. A client must agree (`consent: true`) to
    what their practitioner will see; a used, expired or unknown code answers 410. A refused password is named by its
    field among `errors`: 422 for a new account's that the rules refuse, 401 for an existing account's that is not its
    own. An existing account with two-step sign-in sends `second_factor_code` too (401 without it, its `code`:
    second_factor_needed). Wrong passwords and codes back off as at sign-in (429); 403 for `device_name` with an
    invitation as practitioner or admin (only a client's journal is linked). The same request with `device_name` and
    `link_key` again, after an answer that never came: 201 with a new device token, and the first one ends (the same
    account's password, and code, again), while the invitation runs and that first token was never used; 410 with
    another key or none, once the invitation ran out, or once that first token synced."""
    with _code_asked_by_its_field():
        accepted = door.accounts.accept_invite(
            body.code,
            body.email,
            body.password,
            body.name,
            body.consent,
            share_notes=body.share_notes,
            address=address_of(request),
            device_name=body.device_name,
            second_factor=body.second_factor_code,
            link_key=body.link_key,
        )
    if accepted.session is not None:
        door.set_cookie(response, request, accepted.session.token)
    out = account_out(door.accounts.practice_name(accepted.actor), accepted.account, accepted.actor)
    return AcceptedOut(**out.model_dump(), device_token=accepted.device_token)


@router.post(
    "/invites/{code}/accept",
    status_code=status.HTTP_201_CREATED,
    response_model=AcceptedOut,
    responses={
        401: {
            "model": ErrorOut,
            "description": "nobody signed in: POST /auth/accept-invite takes an account's email and password instead",
        },
        403: {"model": ErrorOut, "description": "two-step sign-in still to set up, or a change from another site"},
        409: {
            "model": ErrorOut,
            "description": "the account belongs to another practice, or to this one as another role",
        },
        410: {"model": ErrorOut, "description": "the invitation is unknown, used, withdrawn or expired"},
        422: {
            "model": ErrorOut,
            "description": "a client's invitation without `consent`, or one sent to another email",
        },
    },
)
def accept_invite_signed_in(code: str, body: JoinInviteIn, request: Request, asker: Asked, door: Door) -> AcceptedOut:
    """The invitation taken by the account signed in (a client joining a second practitioner): its name, email and
    password are not asked again, only a client's consent. Single-use and expiring as any invitation; one made for
    another email is refused."""
    if isinstance(asker.actor, Anonymous) or asker.account is None:
        raise NotSignedIn("please sign in first")
    if isinstance(asker.actor, Enrolling):
        raise SecondFactorNeeded(SET_UP_FIRST)
    accepted = door.accounts.accept_invite_signed_in(
        code, asker.actor, asker.account, body.consent, share_notes=body.share_notes, address=address_of(request)
    )
    out = account_out(door.accounts.practice_name(accepted.actor), accepted.account, accepted.actor)
    return AcceptedOut(**out.model_dump())


@router.get("/password-resets/{code}", response_model=ResetViewOut, responses={410: {"model": ErrorOut}})
def password_reset(code: str, door: Door) -> ResetViewOut:
    """Which account a reset link sets the password of, and until when; 410 once used, expired or unknown."""
    view = door.accounts.reset_view(code)
    return ResetViewOut(email=view.email, expires_at=view.expires_at, asks_code=view.asks_code)


@router.post(
    "/password-reset",
    response_model=AccountOut,
    responses={401: {"model": SignInRefusedOut}, 410: {"model": ErrorOut}, 422: {"model": ErrorOut}, 429: BACKING_OFF},
)
def reset_password(body: ResetPasswordIn, request: Request, response: Response, door: Door) -> AccountOut:
    """Set a new password with a reset link (the usual rules): the link is used up, every sign-in session of the
    account ends, and this one begins. An account with two-step sign-in sends its code too (`asks_code`): wrong
    codes back off as at sign-in (429)."""
    with _code_asked_by_its_field():
        session = door.accounts.reset_password(
            body.code, body.new_password, address_of(request), second_factor=body.second_factor_code
        )
    door.set_cookie(response, request, session.token)
    return account_out(door.accounts.practice_name(session.actor), session.account, session.actor)


@contextmanager
def _code_asked_by_its_field() -> Iterator[None]:
    """The service asks a person for the code ("type the code"); a program is told the field to send it in."""
    try:
        yield
    except CodeNeeded:
        raise CodeNeeded(f"{CODE_ASKED}: send it as second_factor_code with the rest") from None
