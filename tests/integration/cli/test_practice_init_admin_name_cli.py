"""`crest practice init` asks the admin's name (or takes --admin-name): it made it from the email, so every invitation
the admin sent read "by ada" (practice walk-through L2). A bad name is refused in one line, before the password is
asked, and nothing is set up; the name given is the one the practice's pages show."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from test_terminal_session import run_in_terminal

from crest.accounts.model import Role
from crest.journal.practice_store import PracticeStore
from crest.journal.store import Journal
from crest.services.accounts import SignedInSession
from support.clock import FakeClock
from support.practice import PASSWORD, Practice
from support.practice_web import browser, practice_app

RunCrest = Callable[..., subprocess.CompletedProcess[str]]
INIT = ("practice", "init", "--name", "Back in Balance", "--admin-email", "ada@clinic.example")


def _database(crest_env: dict[str, str]) -> str:
    return f"sqlite:///{Path(crest_env['CREST_HOME']) / 'crest.db'}"


def _admin_name(crest_env: dict[str, str]) -> str | None:
    if not (Path(crest_env["CREST_HOME"]) / "crest.db").exists():
        return None
    with Journal.open(_database(crest_env)) as journal:
        found = PracticeStore(journal).account_by_email("ada@clinic.example")
    return None if found is None else found[0].name


def _invitation_page(crest_env: dict[str, str]) -> str:
    """What a practitioner the admin invites reads on the invitation's page."""
    clock = FakeClock()
    with Journal.open(_database(crest_env), clock=clock) as journal:
        practice = Practice.over(journal, clock)
        signed = practice.accounts.sign_in("ada@clinic.example", PASSWORD, None)
        assert isinstance(signed, SignedInSession)
        admin = practice.set_up_second_factor(signed.actor, signed.token)
        code = practice.accounts.invite(admin, Role.PRACTITIONER, "pat@clinic.example").code
    with browser(practice_app(_database(crest_env), clock)) as pat:
        return pat.get(f"/invite/{code}").text


@pytest.mark.parametrize("columns", [80, 40])
def test_init_asks_the_admins_name_and_the_pages_show_it(crest_env: dict[str, str], columns: int) -> None:
    shown = run_in_terminal(
        INIT,
        crest_env,
        # the password typed once getpass shows its " ": it drops the keys typed before
        [("The admin's name, as people see it", "Ada Lind\r"), ("Admin password: ", PASSWORD + "\r")],
        columns=columns,
    )
    said = " ".join(shown.split())  # wrapped by words at the terminal's width
    assert "Ada Lind (ada@clinic.example) signs in as its admin" in said and "Traceback" not in said
    assert _admin_name(crest_env) == "Ada Lind"
    page = _invitation_page(crest_env)
    assert "by Ada Lind" in page and "by ada." not in page


@pytest.mark.parametrize("columns", [80, 40])
def test_a_bad_name_is_refused_in_one_line_before_the_password(crest_env: dict[str, str], columns: int) -> None:
    asked = [("The admin's name, as people see it", "A" * 201 + "\r")]
    shown = run_in_terminal(INIT, crest_env, asked, columns=columns)
    refusal = "crest: the admin's name has 201 characters; keep it to 200 characters or fewer"
    assert refusal in " ".join(shown.split()) and "Admin password" not in shown and "Traceback" not in shown
    assert _admin_name(crest_env) is None  # nothing set up


def test_scripted_init_takes_the_name_or_says_in_one_line_that_it_needs_it(run_crest: RunCrest) -> None:
    without = run_crest(*INIT, "--password-stdin", input_text=PASSWORD + "\n")
    assert without.returncode == 2
    assert without.stderr.strip() == (
        "crest: crest practice init --password-stdin needs --admin-name NAME too (as people see it)"
    )
    blank = run_crest(*INIT, "--password-stdin", "--admin-name", "  ", input_text=PASSWORD + "\n")
    assert blank.returncode == 2
    assert blank.stderr.strip() == "crest: the admin's name is empty; write the name people will see"
    done = run_crest(*INIT, "--password-stdin", "--admin-name", "Ada  Lind", input_text=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert "Ada Lind (ada@clinic.example) signs in as its admin" in done.stdout
