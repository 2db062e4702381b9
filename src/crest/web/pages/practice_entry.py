"""Practice mode's doors in: signing in (the password, then the authenticator app's code where two-step sign-in
is on) and out, and opening an invite (the consent page). Only mounted by `crest serve --practice`."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from crest.accounts.model import Actor, Anonymous, Client, Enrolling, Role
from crest.accounts.records import (
    Account,
    AlreadyInAPractice,
    EmailTaken,
    InvalidEmail,
    InvalidName,
    InviteForAnotherEmail,
    ResetLinkNotValid,
)
from crest.clock import named_zone
from crest.errors import CrestError
from crest.services.accounts import (
    CodeAsked,
    CodeNeeded,
    ConsentRequired,
    NotSignedIn,
    PasswordNotTaken,
    SignInAgain,
    WrongCode,
)
from crest.web.api.auth import SHARED_WITH_PRACTITIONER
from crest.web.notices import SAID, Done, back_with, handed_on, shown_once
from crest.web.pages.common import SubmittedForm, page_router, with_wait_said
from crest.web.practice_door import Asked, Asker, Door, PracticeDoor, address_of, home_for
from crest.web.presenters import friendly_time
from crest.web.templating import render

router = page_router()
SIGN_IN_ENDED = (
    "Your sign-in had ended (after 30 minutes without use, 12 hours in all, or signed out from elsewhere): "
    "a form sent after it ended was not saved. Sign in again, then check it and send it again."
)
# The invitation form's field each refusal is about: the page marks it (aria-invalid, described by the refusal).
_REFUSED_FIELDS: dict[str, tuple[type[CrestError], ...]] = {
    "name": (InvalidName,),
    "email": (InvalidEmail, InviteForAnotherEmail, AlreadyInAPractice, EmailTaken),
    "password": (PasswordNotTaken,),
    "consent": (ConsentRequired,),
    "second_factor_code": (CodeNeeded, WrongCode),
}


def home_of(request: Request, actor: Actor) -> str:
    return str(request.url_for(home_for(actor)[0]).path)


def _safe_next(target: str | None) -> str | None:
    """Only a path on this server (never //elsewhere or a full URL) is followed after signing in."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@router.api_route("/login", methods=["GET", "HEAD"], name="login_page")  # HEAD: what link checkers ask
def login_page(request: Request, asker: Asked, door: Door, next: str | None = None) -> Response:
    """Confirms signing out (crest.web.notices), and says so when the browser brings a sign-in that has ended."""
    notice = None if handed_on(request, door, "login_page") is None else SAID[Done.SIGNED_OUT]
    if notice is None and isinstance(asker.actor, Anonymous) and request.cookies.get(door.cookie_name(request)):
        # Ended while a form was open, most often: the form was refused, and the person must know it was not kept.
        notice = SIGN_IN_ENDED
    page = render(
        request, "practice_login.html", active="login_page", title="Sign in", next=_safe_next(next), notice=notice
    )
    return shown_once(request, door, page)


@router.post("/login")
def login_submit(request: Request, form: SubmittedForm, door: Door, asker: Asked) -> Response:
    """`asker`: a refused sign-in shows the form again with the navigation of whoever is asking (a visitor's)."""
    target = _safe_next(form.get("next"))
    try:
        session = door.accounts.sign_in(form.get("email", ""), form.get("password", ""), address_of(request))
    except CrestError as error:
        return with_wait_said(
            _login_again(request, error.message, form.get("email", ""), target, error.http_status), error
        )
    if isinstance(session, CodeAsked):  # the password was right: its code next, on a page of its own
        after = "" if target is None else f"?next={quote(target, safe='/?=&')}"
        response = RedirectResponse(f"{request.url_for('login_code_page').path}{after}", status_code=303)
        door.set_code_step_cookie(response, request, session.token)
        return response
    response = RedirectResponse(target or home_of(request, session.actor), status_code=303)
    door.set_cookie(response, request, session.token)
    return response


@router.get("/login/code", name="login_code_page")
def login_code_page(request: Request, asker: Asked, door: Door, next: str | None = None) -> Response:
    """The second step of signing in: the code. Without a password just accepted here, the sign-in page."""
    if not door.code_step_token(request):
        return RedirectResponse(str(request.url_for("login_page").path), status_code=303)
    return _code_form(request, _safe_next(next))


@router.post("/login/code")
def login_code_submit(request: Request, form: SubmittedForm, door: Door, asker: Asked) -> Response:
    """A wrong code shows the page again (wrong codes back off as wrong passwords do); a step that ended (five
    minutes, or the code already given) starts again at the password."""
    target = _safe_next(form.get("next"))
    try:
        session = door.accounts.sign_in_with_code(
            door.code_step_token(request), form.get("code", ""), address_of(request)
        )
    except SignInAgain as error:
        response = _login_again(request, error.message, "", target, error.http_status)
        door.clear_code_step_cookie(response, request)
        return response
    except CrestError as error:
        return with_wait_said(_code_form(request, target, error.http_status, error=error.message), error)
    response = RedirectResponse(target or home_of(request, session.actor), status_code=303)
    door.clear_code_step_cookie(response, request)
    door.set_cookie(response, request, session.token)
    return response


def _code_form(request: Request, target: str | None, status: int = 200, **values: str) -> Response:
    return render(
        request, "practice_login_code.html", status, active="login_page", title="Your code", next=target, **values
    )


def _login_again(request: Request, message: str, email: str, target: str | None, status: int) -> Response:
    values = {"title": "Sign in", "active": "login_page", "error": message, "email": email, "next": target}
    return render(request, "practice_login.html", status, **values)


@router.post("/logout", name="sign_out")
def logout(request: Request, asker: Asked, door: Door) -> Response:
    door.accounts.sign_out(asker.token, asker.actor, address_of(request))
    response = back_with(request, door, Done.SIGNED_OUT)
    door.clear_cookie(response, request)
    return response


# The invitation page's form for the account signed in: only the consent, as that account (`as_signed_in`).
AS_SIGNED_IN = "as_signed_in"


def _signed_in(asker: Asker) -> Account | None:
    """The account of whoever opens an invitation signed in (with two-step sign-in done where it is asked): it may
    take the invitation as it is, asked nothing it gave (`Accounts.accept_invite_signed_in`)."""
    return None if isinstance(asker.actor, Anonymous | Enrolling) else asker.account


@router.get("/invite/{code}", name="invite_page")
def invite_page(request: Request, code: str, door: Door, asker: Asked) -> Response:
    """The consent page: who invites, and exactly what a client's practitioner will see, before anything is shared.
    Signed in, the account it would join is named, with a way to take the invitation as another."""
    view = door.accounts.invite_view(code)
    signed_in = _signed_in(asker)
    refused = None if signed_in is None else door.accounts.refused_as_signed_in(code, asker.actor, signed_in)
    return render(
        request,
        "practice_invite.html",
        title="Your invitation",
        invite=view,
        code=code,
        client=view.role is Role.CLIENT,
        shared=SHARED_WITH_PRACTITIONER,
        signed_in=signed_in,
        as_signed_in=AS_SIGNED_IN,
        # said at once, with no button that could only be refused
        cannot_take=None if refused is None else refused.message,
    )


@router.post("/invite/{code}")
def accept_invite_page(request: Request, code: str, form: SubmittedForm, door: Door, asker: Asked) -> Response:
    """`asker`: a refused form shows again with the navigation of whoever is asking."""
    view = door.accounts.invite_view(code)
    signed_in = _signed_in(asker)
    try:
        if form.get(AS_SIGNED_IN) == "yes":
            if signed_in is None:  # signed out (or timed out) since the page was shown
                raise NotSignedIn("you are no longer signed in: sign in, then open the invitation again")
            accepted = door.accounts.accept_invite_signed_in(
                code,
                asker.actor,
                signed_in,
                form.get("consent") == "on",
                share_notes=form.get("share_notes") == "on",
                address=address_of(request),
            )
        else:
            accepted = door.accounts.accept_invite(
                code,
                form.get("email", ""),
                form.get("password", ""),
                form.get("name", ""),
                consent=form.get("consent") == "on",
                share_notes=form.get("share_notes") == "on",
                address=address_of(request),
                second_factor=form.get("second_factor_code") or None,
            )
    except CrestError as error:
        page = render(
            request,
            "practice_invite.html",
            error.http_status,
            title="Your invitation",
            invite=view,
            code=code,
            client=view.role is Role.CLIENT,
            shared=SHARED_WITH_PRACTITIONER,
            signed_in=signed_in if form.get(AS_SIGNED_IN) == "yes" else None,
            as_signed_in=AS_SIGNED_IN,
            error=error.message,
            refused=next((field for field, kinds in _REFUSED_FIELDS.items() if isinstance(error, kinds)), None),
            form=form,
            # an existing account with two-step sign-in: its code too, in a field that shows from then on
            ask_code=isinstance(error, CodeNeeded) or bool(form.get("second_factor_code")),
        )
        return with_wait_said(page, error)
    zone = form.get("zone", "")
    if isinstance(accepted.actor, Client) and named_zone(zone) is not None:  # a name it knows none by: not a refusal
        # the browser's zone, kept as `crest sync` keeps a computer's: where a web-only client's days begin
        door.services_for(accepted.actor.person_id).preferences.keep_home_zone(zone)
    response = RedirectResponse(home_of(request, accepted.actor), status_code=303)
    if accepted.session is not None:  # signed in by the form (no device_name); signed in already: that session
        door.set_cookie(response, request, accepted.session.token)
    return response


@router.get("/reset/{code}", name="reset_page")
def reset_page(request: Request, code: str, door: Door, asker: Asked) -> Response:
    """A password reset link: set a new password. A used, expired or unknown link answers 410 with what to do."""
    return _reset_form(request, door, code)


@router.post("/reset/{code}")
def reset_submit(request: Request, code: str, form: SubmittedForm, door: Door, asker: Asked) -> Response:
    """`asker`: a refused password shows the form again with the navigation of whoever is asking."""
    try:
        session = door.accounts.reset_password(
            code,
            form.get("new_password", ""),
            address_of(request),
            second_factor=form.get("second_factor_code") or None,
        )
    except ResetLinkNotValid:
        raise  # used or expired meanwhile: the page that says so (410), not the form again
    except CrestError as error:  # a password the rules refuse: the form again, the link still good
        return with_wait_said(_reset_form(request, door, code, error.http_status, error=error.message), error)
    if isinstance(session.actor, Enrolling):  # a second factor to set up first, before any other page
        response = RedirectResponse(home_of(request, session.actor), status_code=303)
    else:  # the Account page says it, as its own change does
        response = back_with(request, door, Done.PASSWORD_SET)
    door.set_cookie(response, request, session.token)
    return response


def _reset_form(request: Request, door: PracticeDoor, code: str, status: int = 200, **values: str) -> Response:
    view = door.accounts.reset_view(code)
    now = door.practice.now()
    return render(
        request,
        "practice_reset.html",
        status,
        title="Set a new password",
        reset=view,
        when=lambda moment: friendly_time(moment, door.practice.zone, now),
        **values,
    )
