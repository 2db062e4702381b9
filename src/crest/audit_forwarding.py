"""A copy of every audit entry of a practice, sent to another system as it is written (OWASP ASVS 5.0 16.4.3).

The practice's database keeps the audit log, and whoever runs that database can change it; a copy held by another
system (the operator's syslog, which can pass it on to a log server) cannot be changed from the practice server.
Each entry goes as one syslog message on the security/authorization facility: `crest-audit:` and the entry as one
line of JSON. No entry holds a password, token or code (ASVS 16.2.5), so neither does its copy.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import stat
from dataclasses import asdict
from logging.handlers import SysLogHandler

from crest.accounts.records import AuditEntry
from crest.errors import CrestError

# `crest serve --practice --audit-syslog`, handed to every worker process.
AUDIT_SYSLOG_VARIABLE = "CREST_AUDIT_SYSLOG"


class SyslogUnreachable(CrestError):
    """The syslog address given cannot be used."""


def syslog_address(text: str) -> str | tuple[str, int]:
    """A local socket's path ("/dev/log"), or "host:port" for syslog over UDP; one-line error for anything else."""
    if text.startswith("/"):
        return text
    host, colon, port = text.rpartition(":")
    host = host.strip("[]")
    if not colon or not host or "/" in host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise SyslogUnreachable(
            f"--audit-syslog '{text}' is neither a socket path like /dev/log nor an address like logs.example:514"
        )
    return host, int(port)


def _is_socket(path: str) -> bool:
    try:
        return stat.S_ISSOCK(os.stat(path).st_mode)
    except OSError:
        return False


class _QuietSysLogHandler(SysLogHandler):
    def handleError(self, record: logging.LogRecord) -> None:
        # The database keeps the entry whatever happens here: a syslog that went away costs its copy, and one line
        # on the server's error output says so, never a traceback per request.
        logging.getLogger("crest.audit").warning("an audit entry could not be sent to syslog")


class SyslogForwarder:
    """Sends each audit entry to one syslog address. Opened once per worker; a local socket must exist already."""

    def __init__(self, address_text: str) -> None:
        address = syslog_address(address_text)
        # The handler would wait for the first entry to find a missing socket, then lose every one.
        if isinstance(address, str) and not _is_socket(address):
            raise SyslogUnreachable(f"cannot reach syslog at {address_text}: there is no socket there")
        try:
            self._handler = _QuietSysLogHandler(address=address, facility=SysLogHandler.LOG_AUTHPRIV)
        except OSError as error:
            raise SyslogUnreachable(f"cannot reach syslog at {address_text}: {error.strerror or error}") from None
        if isinstance(address, tuple):
            try:
                socket.getaddrinfo(address[0], address[1], type=socket.SOCK_DGRAM)
            except OSError:
                self._handler.close()
                raise SyslogUnreachable(f"cannot reach syslog at {address_text}: unknown host") from None

    def __call__(self, entry: AuditEntry) -> None:
        line = json.dumps(
            {**asdict(entry), "at": entry.at.isoformat()},  # every field of the stored entry, in the same names
            ensure_ascii=True,  # one line whatever the names hold; control characters escaped (log injection)
        )
        # The handler alone, not a logger: the app's own logging set-up (uvicorn's) neither adds to nor drops it.
        record = logging.LogRecord("crest.audit", logging.INFO, __file__, 0, "crest-audit: %s", (line,), None)
        self._handler.handle(record)

    def close(self) -> None:
        self._handler.close()
