"""Practice mode for the person signed in: who follows a client and what is shared, who looked at their data,
changing the password, deleting the account."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from crest.web.api.sync import PACED, TOO_OFTEN
from crest.web.practice_door import Asked, Door, ForSyncOnly, address_of
from crest.web.practice_schemas import (
    ActivityOut,
    AuditOut,
    ChangePasswordIn,
    DeleteAccountIn,
    EndedElsewhereOut,
    EndSignInsIn,
    PrescriptionOut,
    SharingIn,
    SharingOut,
    SignInOut,
)
from crest.web.schemas import ErrorOut, RecordId

router = APIRouter(
    prefix="/account",
    tags=["account"],
    responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 404: {"model": ErrorOut}},
)


# Counted with `crest sync`'s requests, which ask it first each time (a stolen token could ask it without end);
# the My practitioner page reads the links itself, so no visit of it is ever counted or held back.
@router.get("/sharing", response_model=list[SharingOut], dependencies=PACED, responses=TOO_OFTEN)
def sharing(asker: Asked, door: Door) -> list[SharingOut]:
    """The practitioners who follow this client, and what each sees."""
    return [SharingOut.of(view) for view in door.practice.sharing(asker.actor)]


@router.put("/sharing/{link_id}", response_model=SharingOut)
def change_sharing(link_id: RecordId, body: SharingIn, request: Request, asker: Asked, door: Door) -> SharingOut:
    """Share again, share notes or not, or revoke: revoking takes effect with the practitioner's next request. A
    linked crest's token may only stop sharing (`crest unlink`): sharing more is the person's own choice, signed in."""
    if asker.device_id is not None and (body.shared or body.share_notes):
        raise ForSyncOnly("this computer's link can stop sharing but not share more; sign in to share")
    view = door.practice.set_sharing(asker.actor, link_id, body.shared, body.share_notes, address_of(request))
    return SharingOut.of(view)


@router.get("/audit", response_model=list[AuditOut])
def who_looked(asker: Asked, door: Door) -> list[AuditOut]:
    """Who looked at or changed this client's data, newest first."""
    return [AuditOut.of(entry) for entry in door.practice.looked_at(asker.actor)]


@router.get("/activity", response_model=list[ActivityOut])
def activity(asker: Asked, door: Door) -> list[ActivityOut]:
    """What this account did lately (signing in, changing its password, ...), newest first, each with the address
    the request came from (X-Forwarded-For counts only from a proxy uvicorn trusts)."""
    return [ActivityOut.of(entry) for entry in door.accounts.own_activity(asker.actor)]


@router.get("/sessions", response_model=list[SignInOut])
def sign_ins(asker: Asked, door: Door) -> list[SignInOut]:
    """Where this account is signed in now (browsers; a linked crest's token is not one), the latest used first."""
    return [SignInOut.of(one) for one in door.accounts.open_sign_ins(asker.actor, asker.token)]


@router.post("/sessions/end-others", response_model=EndedElsewhereOut, responses={429: {"model": ErrorOut}})
def end_other_sign_ins(
    body: EndSignInsIn, request: Request, response: Response, asker: Asked, door: Door
) -> EndedElsewhereOut:
    """Sign out everywhere else, confirmed by the password (wrong ones back off as at sign-in); this sign-in
    stays. Computers linked with `crest link` are unlinked too: link them again."""
    ended = door.accounts.end_other_sign_ins(asker.actor, asker.token, body.password, address_of(request))
    door.keep_signed_in(response, request, ended.token)
    return EndedElsewhereOut(ended=ended.sign_ins, computers_unlinked=ended.computers)


@router.get("/prescription", response_model=PrescriptionOut | None)
def prescription(asker: Asked, door: Door) -> PrescriptionOut | None:
    """The client's current prescription, or null."""
    current = door.practice.own_prescription(asker.actor)
    return None if current is None else PrescriptionOut.of(current)


@router.post("/password", status_code=status.HTTP_204_NO_CONTENT, responses={429: {"model": ErrorOut}})
def change_password(body: ChangePasswordIn, request: Request, asker: Asked, door: Door) -> Response:
    """A new password, confirmed by the current one (wrong ones back off as at sign-in); every other sign-in
    session of this account ends, this one stays (with a new cookie: its old token ends). Linked computers stay
    linked (sign out everywhere else ends them)."""
    renewed = door.accounts.change_password(
        asker.actor, asker.token, body.current_password, body.new_password, address_of(request)
    )
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    door.keep_signed_in(response, request, renewed)
    return response


@router.post(
    "/delete", status_code=status.HTTP_204_NO_CONTENT, responses={409: {"model": ErrorOut}, 429: {"model": ErrorOut}}
)
def delete_account(body: DeleteAccountIn, request: Request, asker: Asked, door: Door) -> Response:
    """Delete this account and every record of it, for good (the password confirms it). 409 while others depend
    on it: the practice's only administrator while it has practitioners, a practitioner who follows clients."""
    door.accounts.delete_account(asker.actor, body.password, address_of(request))
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    door.clear_cookie(response, request)
    return response
