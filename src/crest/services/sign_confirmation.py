"""Which warning signs a check-in's "Is that right?" step names before it is saved, the same at every door."""

from crest.journal.records import CheckIn
from crest.safety.worse_check_in import WarningSign
from crest.services.checkins import CheckIns, check_in_warning_signs


def signs_to_confirm(check_ins: CheckIns, check_in: CheckIn) -> tuple[WarningSign, ...]:
    """Nothing when the check-in names no urgent-care sign: only such a sign outlasts a correction, so only it is
    asked about. Otherwise every sign it names, urgent-care first, each with its level: a "see a clinician" sign
    found beside an urgent one went unnamed until Today, though it asks something else of the person."""
    return check_in_warning_signs(check_in) if check_ins.urgent_signs(check_in) else ()
