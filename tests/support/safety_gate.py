"""Whether the safety gate lets a person practise, and the check-ins the kept-warning tests raise signs with."""

from crest.journal.records import PainRating
from crest.safety.screen import QUESTIONS
from crest.services.bundle import Services
from crest.services.safety import SafetyConcernStands

NO_TO_ALL = {question.id: False for question in QUESTIONS}
# Numb between the legs and tingling in both legs: an urgent-care sign.
NUMB_SADDLE = (PainRating("groin", 3, "both", "numb"), PainRating("calf_and_shin", 2, "both", "tingling"))


def refused(services: Services) -> bool:
    """Whether a standard session would be refused for a warning sign that stands."""
    try:
        services.safety.require_may_practise("standard")
    except SafetyConcernStands:
        return True
    return False
