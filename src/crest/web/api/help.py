"""Help: GET /api/help?q=... answers exactly as `crest ask --json` does, from the same service call."""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from crest.services import help as help_service
from crest.services.help import HelpReply, TopicGroup

router = APIRouter(prefix="/help", tags=["help"])


class HelpTopics(BaseModel):
    """What `crest ask --json` prints without a question: every entry by topic."""

    topics: list[TopicGroup]


@router.get("", response_model=HelpReply | HelpTopics)
def ask(
    q: Annotated[str | None, Query(description="a question in your own words; any text; none lists the topics")] = None,
) -> HelpReply | HelpTopics:
    # A plain def: the search is CPU work (and loads the sentence model once), so it runs in the thread pool.
    if q is None:
        return HelpTopics(topics=help_service.topics())
    return help_service.ask(q)
