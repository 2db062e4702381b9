"""Every rule of crest.accounts.permissions, walked over every actor, action and kind of target."""

from itertools import product

import pytest

from crest.accounts.model import Actor, Admin, Anonymous, Client, Enrolling, NoPractice, Practitioner, Role
from crest.accounts.permissions import (
    ABOUT_A_CLIENT,
    ON_A_PRACTITIONER,
    ROLE_OF_ACTION,
    Action,
    CareLink,
    Decision,
    MemberTarget,
    decide,
    same_practice,
)

PRACTICE, OTHER_PRACTICE = 1, 2
CLIENT_A = Client(account_id=10, practice_id=PRACTICE, membership_id=100, person_id=5)
CLIENT_B = Client(account_id=11, practice_id=PRACTICE, membership_id=101, person_id=6)
LINKED = Practitioner(account_id=20, practice_id=PRACTICE, membership_id=200)
UNLINKED = Practitioner(account_id=21, practice_id=PRACTICE, membership_id=201)
ELSEWHERE = Practitioner(account_id=30, practice_id=OTHER_PRACTICE, membership_id=200)  # same membership number
ADMIN = Admin(account_id=40, practice_id=PRACTICE, membership_id=400)
OTHER_ADMIN = Admin(account_id=41, practice_id=OTHER_PRACTICE, membership_id=401)
NOBODY = Anonymous()
NO_PRACTICE = NoPractice(account_id=50)
ACTORS: tuple[Actor, ...] = (NOBODY, CLIENT_A, CLIENT_B, LINKED, UNLINKED, ELSEWHERE, ADMIN, OTHER_ADMIN, NO_PRACTICE)


def link(consented: bool = True, revoked: bool = False, ended: bool = False, practice: int = PRACTICE) -> CareLink:
    return CareLink(practice, LINKED.membership_id, CLIENT_A.membership_id, consented, revoked, ended)


LIVE = link()
TARGETS = (
    None,
    LIVE,
    link(consented=False),
    link(revoked=True),
    link(ended=True),
    link(practice=OTHER_PRACTICE),
    MemberTarget(PRACTICE, LINKED.membership_id, Role.PRACTITIONER, ended=False),
    MemberTarget(PRACTICE, CLIENT_A.membership_id, Role.CLIENT, ended=False),
    MemberTarget(PRACTICE, UNLINKED.membership_id, Role.PRACTITIONER, ended=True),
    MemberTarget(OTHER_PRACTICE, ELSEWHERE.membership_id, Role.PRACTITIONER, ended=False),
)


def test_nobody_signed_in_must_sign_in_for_everything() -> None:
    assert {decide(NOBODY, action, target) for action, target in product(Action, TARGETS)} == {Decision.SIGN_IN}


def test_every_action_names_its_role() -> None:
    assert set(ROLE_OF_ACTION) == set(Action)


@pytest.mark.parametrize("actor", ACTORS[1:])
def test_a_role_asking_for_another_roles_action_is_forbidden_without_a_target_and_hidden_with_one(actor: Actor) -> None:
    for action in Action:
        needed = ROLE_OF_ACTION[action]
        if needed is None or (not isinstance(actor, NoPractice) and needed.value == type(actor).__name__.lower()):
            continue
        assert decide(actor, action) is Decision.FORBID, action
        for target in TARGETS[1:]:
            assert decide(actor, action, target) is Decision.HIDE, (action, target)


def test_only_the_linked_practitioner_acts_on_a_client_and_only_through_a_live_link() -> None:
    for action in ABOUT_A_CLIENT:
        assert decide(LINKED, action, LIVE) is Decision.ALLOW
        for target in TARGETS:
            if target != LIVE:
                assert decide(LINKED, action, target) is Decision.HIDE, (action, target)
        for actor in (UNLINKED, ELSEWHERE, ADMIN, OTHER_ADMIN, CLIENT_A, CLIENT_B, NO_PRACTICE):
            assert decide(actor, action, LIVE) is Decision.HIDE, (action, actor)


def test_a_practitioner_of_another_practice_with_the_same_membership_number_sees_nothing() -> None:
    assert ELSEWHERE.membership_id == LINKED.membership_id
    assert all(decide(ELSEWHERE, action, LIVE) is Decision.HIDE for action in ABOUT_A_CLIENT)


def test_consent_is_managed_by_its_own_client_until_the_programme_ends() -> None:
    assert decide(CLIENT_A, Action.MANAGE_OWN_CONSENT, LIVE) is Decision.ALLOW
    assert decide(CLIENT_A, Action.MANAGE_OWN_CONSENT, link(consented=False)) is Decision.ALLOW
    assert decide(CLIENT_A, Action.MANAGE_OWN_CONSENT, link(revoked=True)) is Decision.ALLOW
    assert decide(CLIENT_A, Action.MANAGE_OWN_CONSENT, link(ended=True)) is Decision.HIDE
    assert decide(CLIENT_A, Action.MANAGE_OWN_CONSENT, link(practice=OTHER_PRACTICE)) is Decision.HIDE
    assert decide(CLIENT_B, Action.MANAGE_OWN_CONSENT, LIVE) is Decision.HIDE
    assert decide(CLIENT_A, Action.MANAGE_OWN_CONSENT) is Decision.HIDE  # no link named: nothing to manage


@pytest.mark.parametrize("action", sorted(ON_A_PRACTITIONER))
def test_an_admin_removes_signs_out_or_resets_only_a_live_practitioner_of_their_own_practice(action: Action) -> None:
    own, client, gone, foreign = TARGETS[6:]
    assert decide(ADMIN, action, own) is Decision.ALLOW
    assert decide(ADMIN, action, client) is Decision.HIDE
    assert decide(ADMIN, action, gone) is Decision.HIDE
    assert decide(ADMIN, action, foreign) is Decision.HIDE
    assert decide(OTHER_ADMIN, action, own) is Decision.HIDE
    assert decide(LINKED, action, own) is Decision.HIDE
    assert decide(ADMIN, action) is Decision.HIDE


def test_signing_a_practitioner_out_everywhere_is_the_admins_on_one_practitioner() -> None:
    assert Action.END_PRACTITIONER_SIGN_INS in ON_A_PRACTITIONER
    assert ROLE_OF_ACTION[Action.END_PRACTITIONER_SIGN_INS] is Role.ADMIN


def test_role_actions_without_a_target_follow_the_role() -> None:
    assert decide(ADMIN, Action.INVITE_PRACTITIONER) is Decision.ALLOW
    assert decide(LINKED, Action.INVITE_CLIENT) is Decision.ALLOW
    assert decide(LINKED, Action.LIST_CLIENTS) is Decision.ALLOW
    assert decide(CLIENT_A, Action.KEEP_OWN_JOURNAL) is Decision.ALLOW
    assert decide(CLIENT_A, Action.READ_OWN_AUDIT) is Decision.ALLOW
    assert decide(LINKED, Action.INVITE_PRACTITIONER) is Decision.FORBID
    assert decide(ADMIN, Action.INVITE_CLIENT) is Decision.FORBID
    assert decide(ADMIN, Action.KEEP_OWN_JOURNAL) is Decision.FORBID


def test_any_signed_in_account_may_delete_itself_change_its_password_or_read_its_activity_and_nothing_else() -> None:
    own = (
        Action.DELETE_OWN_ACCOUNT,
        Action.CHANGE_OWN_PASSWORD,
        Action.READ_OWN_ACTIVITY,
        Action.MANAGE_OWN_SIGN_INS,
        Action.MANAGE_OWN_SECOND_FACTOR,
        Action.READ_API_DOCUMENT,  # the API's document: for any account, never for nobody signed in
    )
    for actor in ACTORS[1:]:
        assert all(decide(actor, action) is Decision.ALLOW for action in own)
    assert all(decide(ACTORS[0], action) is Decision.SIGN_IN for action in own)
    others = [action for action in Action if action not in own]
    assert all(decide(NO_PRACTICE, action) is Decision.FORBID for action in others)


def test_same_practice_is_never_true_without_a_practice() -> None:
    assert same_practice(1, 1)
    assert not same_practice(None, None)
    assert not same_practice(None, 1)
    assert not same_practice(1, 2)


def test_no_combination_ever_allows_across_practices() -> None:
    for actor, action in product(ACTORS, Action):
        for target in TARGETS:
            foreign = isinstance(target, CareLink | MemberTarget) and target.practice_id == OTHER_PRACTICE
            practice = getattr(actor, "practice_id", None)
            if foreign and practice != OTHER_PRACTICE:
                assert decide(actor, action, target) in (Decision.SIGN_IN, Decision.HIDE), (actor, action, target)


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.ADMIN])
def test_a_practitioner_or_admin_without_a_second_factor_may_only_set_one_up(role: Role) -> None:
    """ASVS 5.0 6.3.3: whatever is asked, about whatever object, the answer is to set up a second factor first."""
    enrolling = Enrolling(account_id=60, role=role)
    for action, target in product(Action, TARGETS):
        expected = Decision.ALLOW if action is Action.MANAGE_OWN_SECOND_FACTOR else Decision.SET_UP_SECOND_FACTOR
        assert decide(enrolling, action, target) is expected, (action, target)


def test_the_admin_resets_the_second_factor_of_their_own_practitioners_only() -> None:
    action = Action.RESET_PRACTITIONER_SECOND_FACTOR
    assert decide(ADMIN, action, MemberTarget(PRACTICE, LINKED.membership_id, Role.PRACTITIONER, ended=False)) is (
        Decision.ALLOW
    )
    for target in TARGETS[6:]:
        if target != MemberTarget(PRACTICE, LINKED.membership_id, Role.PRACTITIONER, ended=False):
            assert decide(ADMIN, action, target) is Decision.HIDE, target
    for actor in (CLIENT_A, LINKED, OTHER_ADMIN, NO_PRACTICE):
        assert decide(actor, action, TARGETS[6]) is Decision.HIDE, actor
