"""Where `--audit-syslog` sends audit entries: a local socket or host:port, else one line saying what to give."""

from pathlib import Path

import pytest

from crest.audit_forwarding import SyslogForwarder, SyslogUnreachable, syslog_address


@pytest.mark.parametrize(
    ("given", "address"),
    [("/dev/log", "/dev/log"), ("logs.example:514", ("logs.example", 514)), ("[::1]:5514", ("::1", 5514))],
)
def test_a_socket_path_or_a_host_and_port(given: str, address: str | tuple[str, int]) -> None:
    assert syslog_address(given) == address


@pytest.mark.parametrize("given", ["logs.example", "logs.example:", ":514", "logs.example:99999", "udp://x:514"])
def test_anything_else_is_one_line_naming_both_forms(given: str) -> None:
    with pytest.raises(SyslogUnreachable, match=r"^--audit-syslog '.*' is neither a socket path like /dev/log"):
        syslog_address(given)


def test_a_socket_that_is_not_there_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(SyslogUnreachable, match=r"^cannot reach syslog at .*nothing-here"):
        SyslogForwarder(str(tmp_path / "nothing-here"))
