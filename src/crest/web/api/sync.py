"""Practice mode: the server side of `crest sync`. A linked crest signs with its device token (Authorization:
Bearer), which no web page can make a browser send. Pushing, pulling and asking what is shared (/api/account/sharing)
are counted per account, and refused (429, with Retry-After) past `SYNC_REQUESTS` in `SYNC_WINDOW`; unlinking
(stopping sharing, ending a device's token) never is: a person must always be able to withdraw. A request without a
valid token is refused (401) and counted as a wrong password from its address, refused (429) past the free ones."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response, status
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from crest.accounts.model import Anonymous, Client
from crest.errors import CrestError
from crest.journal.transfer.practitioner_notes import SessionNoteOut
from crest.services.accounts import LINKED_CREST, NotFoundForYou, NotSignedIn
from crest.services.sync import HELD_CURSOR, HELD_PER_PAGE
from crest.web.practice_door import Asked, Door, ForClientsOnly, address_of
from crest.web.practice_schemas import HeldOut, JoinedOut, PrescriptionOut, SyncJoinIn, SyncOut, SyncPushIn
from crest.web.schemas import ErrorOut

router = APIRouter(prefix="/sync", tags=["sync"], responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}})


async def counted_sync(request: Request, asker: Asked, door: Door) -> None:
    """Before the route checks or stores anything: the request counts towards its account's limit, or is refused."""
    if _first_count(request):
        await run_in_threadpool(door.accounts.pace_sync, asker.actor, address_of(request))


async def counted_without_token(request: Request, asker: Asked, door: Door) -> None:
    """Before the route refuses a request without a valid token (401): counted from its address, or refused."""
    if _first_count(request):
        await run_in_threadpool(door.accounts.count_without_token, asker.actor, address_of(request))


def _first_count(request: Request) -> bool:
    """Whether the request is not counted yet: FastAPI runs a route's dependencies before it checks the fields of a
    body it could parse and never for one it could not, so the practice's 422 and 400 answers run them again."""
    counted = getattr(request.state, "crest_counted", False)
    request.state.crest_counted = True
    return not counted


# What counts a request before its route reads it: the practice's 422 and 400 answers run them too (practice_app)
COUNTING = frozenset({counted_sync, counted_without_token})
PACED = [Depends(counted_sync)]
TOO_OFTEN: dict[int | str, dict[str, Any]] = {
    429: {"model": ErrorOut, "description": "asked too often: wait Retry-After seconds"}
}


@router.post(
    "/push",
    response_model=SyncOut,
    dependencies=PACED,
    responses={409: {"model": ErrorOut}, 422: {"model": ErrorOut}, **TOO_OFTEN},
)
def push(request: Request, body: SyncPushIn, asker: Asked, door: Door) -> SyncOut:
    """Store a batch of records, each inserted or replaced by its uid (sending it twice stores it once), and
    delete records by uid. Every record is checked first; one bad record refuses the whole batch. Refused (409)
    while nobody at the practice follows the person: nobody would see what it holds. Audited."""
    received, deleted = door.practice.receive_sync(
        asker.actor, asker.device_id, body.journal, body.uids, body.deleted, body.zone, address_of(request)
    )
    return SyncOut(received=received, deleted=deleted)


@router.get("/prescription", response_model=PrescriptionOut | None, dependencies=PACED, responses=TOO_OFTEN)
def sync_prescription(asker: Asked, door: Door) -> PrescriptionOut | None:
    current = door.practice.own_prescription(asker.actor)
    return None if current is None else PrescriptionOut.of(current)


@router.get("/notes", response_model=list[SessionNoteOut], dependencies=PACED, responses=TOO_OFTEN)
def sync_notes(asker: Asked, door: Door) -> list[SessionNoteOut]:
    """The practitioners' notes on the client's sessions, oldest first, each naming its session by the uid it was
    pushed with; a linked crest keeps them in place of those it pulled before."""
    sendable = []
    for note in door.practice.own_session_notes(asker.actor):
        try:
            sendable.append(SessionNoteOut.of(note))
        except ValidationError:  # one kept before today's checks (a name with a direction control): the crest
            continue  # would refuse every note with it, and an answer that fails its own schema is a 500
    return sendable


class HeldInPages(CrestError):
    """A crest from before the held list came in pages asked for it whole, and it is longer than one page."""

    http_status = 409


@router.get(
    "/held",
    response_model=HeldOut,
    dependencies=PACED,
    responses={404: {"model": ErrorOut}, 409: {"model": ErrorOut}, 422: {"model": ErrorOut}, **TOO_OFTEN},
)
def sync_held(
    asker: Asked,
    door: Door,
    after: Annotated[str | None, Query(pattern=HELD_CURSOR, description="`next` of the page before")] = None,
    limit: Annotated[int | None, Query(ge=1, description=f"uids on a page, at most {HELD_PER_PAGE:,}")] = None,
) -> HeldOut:
    """The uids of the records this linked computer pushed that the practice still holds: a crest that lost its own
    note of them (practice-sync.json) tells deleted those its journal no longer has. Only this computer's records
    of this client; a browser, which pushed nothing, is answered 404. A page at a time: at most `limit` uids (and
    never more than HELD_PER_PAGE), with the cursor of the next page in `next` while more are left. A crest from
    before pages (no `limit`) is answered whole while it fits on one page, else told in one line to update (409):
    part of the list would read as records the practice lost, sent again at every sync."""
    page = door.practice.held_for_device(
        asker.actor, asker.device_id, after, min(limit or HELD_PER_PAGE, HELD_PER_PAGE)
    )
    if limit is None and after is None and page.next is not None:
        raise HeldInPages(
            f"this practice lists the records a computer sent {HELD_PER_PAGE:,} at a time, and this crest reads the "
            "list only whole; update crest on this computer, then run crest sync again"
        )
    return HeldOut(
        sessions=page.held["sessions"],
        check_ins=page.held["check_ins"],
        safety_screens=page.held["safety_screens"],
        psfs=page.held["psfs"],
        next=page.next,
    )


@router.post(
    "/join",
    status_code=status.HTTP_201_CREATED,
    response_model=JoinedOut,
    dependencies=PACED,
    responses={
        404: {"model": ErrorOut, "description": "not asked by a linked computer (a browser accepts on its page)"},
        409: {"model": ErrorOut, "description": "the invitation is of another practice, or for a practitioner"},
        410: {"model": ErrorOut, "description": "the invitation is unknown, used, withdrawn or expired"},
        422: {"model": ErrorOut, "description": "without `consent`, or an invitation sent to another email"},
        **TOO_OFTEN,
    },
)
def join(request: Request, body: SyncJoinIn, asker: Asked, door: Door) -> JoinedOut:
    """`crest link URL CODE` from a crest linked to this practice already: the invitation taken by the client's
    account with their consent, as POST /auth/invites/{code}/accept takes it for a browser signed in, so another
    practitioner follows them; nothing the account gave is asked again, and the computer's link stays as it is.
    Single-use and expiring as any invitation; one sent to another email stays that email's. Audited."""
    if isinstance(asker.actor, Anonymous) or asker.account is None:
        raise NotSignedIn("please sign in first")
    if not isinstance(asker.actor, Client):
        raise ForClientsOnly("only a client joins a practitioner")
    if asker.device_id is None:
        raise NotFoundForYou("this request was not signed by a linked computer")
    accepted = door.accounts.accept_invite_signed_in(
        body.code,
        asker.actor,
        asker.account,
        body.consent,
        share_notes=body.share_notes,
        address=address_of(request),
        asked=LINKED_CREST,  # a refusal goes to a terminal: its advice is crest's commands
    )
    return JoinedOut(practice=door.accounts.practice_name(accepted.actor) or "")


@router.delete(
    "/device",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[Depends(counted_without_token)],
    responses=TOO_OFTEN,
)
def unlink_device(request: Request, asker: Asked, door: Door) -> Response:
    """`crest unlink`: this device's token stops working now."""
    door.practice.forget_device(asker.actor, asker.device_id, address_of(request))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/unlink",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[Depends(counted_without_token)],
    responses={404: {"model": ErrorOut}, **TOO_OFTEN},
)
def unlink(request: Request, asker: Asked, door: Door) -> Response:
    """`crest unlink`: stop sharing with every practitioner who follows this client, then end this device's token,
    in one step. Its own route, not a parameter of DELETE /device: an older practice would ignore the parameter,
    end the token and leave sharing on, where it answers this with 404 and crest takes the older steps."""
    door.practice.unlink_device(asker.actor, asker.device_id, address_of(request))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
