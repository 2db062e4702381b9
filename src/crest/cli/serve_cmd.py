"""`crest serve`: the local web app in the browser."""

import errno
import secrets
import socket

import typer

from crest.addresses import is_loopback
from crest.config import crest_home
from crest.errors import CrestError
from crest.web.local_key import key_for, opening_page, with_key

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
# How long Ctrl-C waits for requests under way before stopping them: a video's review can take minutes.
STOP_WAIT_S = 3


class PortInUse(CrestError):
    """crest cannot listen on the chosen address: another program has the port, or the host is no address here."""


class CrestRunning(PortInUse):
    """crest itself already listens there (run twice): the person needs only to open it, not a second server on the
    same journal."""

    def __init__(self, url: str) -> None:
        super().__init__(f"crest is already running at {url}: open it, or choose another port with --port")
        self.url = url


# How long the port's holder has to say whether it is crest: an idle crest answers in milliseconds.
PROBE_TIMEOUT_S = 2.0


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def local_url(host: str, port: int) -> str:
    """The address to open: the host itself on this computer, else this computer's own (127.0.0.1)."""
    shown = host if is_loopback(host) else DEFAULT_HOST
    return f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}/"


def ensure_port_free(host: str, port: int, key: str | None = None) -> None:
    """Refuse a port another program has; for crest itself (asked with `key`, the local app's), name its address."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                url = local_url(host, port)
                if _is_crest(url, key):
                    raise CrestRunning(url if key is None else with_key(url, key)) from None
                raise PortInUse(f"port {port} is taken by another program: choose another with --port") from None
            # Only a port kept for the system is the port's fault; any other refusal (no such address, not one of
            # this computer's) is the host's.
            option = "--port" if error.errno == errno.EACCES else "--host"
            raise PortInUse(
                f"cannot listen on {host}:{port} ({error.strerror or error}); choose another with {option}"
            ) from None


def _is_crest(url: str, key: str | None) -> bool:
    """Whether what answers at `url` is crest: its API description names it (it reads no journal, so a busy crest
    answers it at once). Asked with `key`: another account's crest, which has its own, is another program here."""
    import http.client
    import json
    import urllib.request

    # Straight to this computer, never through a proxy named in the environment.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        asked = urllib.request.Request(
            f"{url}openapi.json", headers={} if key is None else {"Authorization": f"Bearer {key}"}
        )
        with opener.open(asked, timeout=PROBE_TIMEOUT_S) as answer:
            return bool(json.load(answer).get("info", {}).get("title") == "crest")
    # No answer, not HTTP, not JSON, or JSON of another shape: another program.
    except (OSError, http.client.HTTPException, ValueError, AttributeError):
        return False


def serve(
    port: int = typer.Option(DEFAULT_PORT, "--port", min=1, max=65535, metavar="PORT", help="Port to listen on."),
    host: str = typer.Option(
        DEFAULT_HOST,
        "--host",
        metavar="ADDRESS",
        help="Address to listen on; anything but this computer needs asking for.",
    ),
    no_browser: bool = typer.Option(False, "--no-browser", help="Do not open the browser."),
    practice: bool = typer.Option(
        False, "--practice", help="Serve a practice: accounts, practitioners and clients (see crest practice init)."
    ),
    public_url: str | None = typer.Option(
        None,
        "--public-url",
        metavar="URL",
        help="With --practice: the address people use, like https://practice.example.",
    ),
    workers: int = typer.Option(1, "--workers", min=1, max=64, metavar="N", help="With --practice: worker processes."),
    audit_syslog: str | None = typer.Option(
        None,
        "--audit-syslog",
        metavar="ADDRESS",
        help="With --practice: also send every audit entry to syslog: a socket like /dev/log, or host:port (UDP).",
    ),
) -> None:
    """Start the local web app (sessions, check-ins, journal, progress, position check) and open the browser."""
    import gc
    import threading
    import webbrowser

    import uvicorn

    from crest.cli.journal_access import updated_for_this_version
    from crest.cli.native_logs import native_logs_silenced
    from crest.web.app import create_app
    from crest.web.guard import ServedAs
    from crest.web.server import ServerStoppingChecks

    if practice:
        _serve_practice(host, port, public_url, workers, audit_syslog)
        return
    if audit_syslog is not None:
        raise CrestError("--audit-syslog goes with --practice: the local app keeps no audit log")
    if public_url is not None:
        raise CrestError("--public-url goes with --practice: the local app is only at its own address")
    if workers != 1:
        raise CrestError("--workers goes with --practice: the local app runs as one process")
    home = crest_home()
    key = key_for(home)
    try:
        ensure_port_free(host, port, key)  # first: no warning about a host crest cannot listen on anyway
    except CrestRunning as running:
        typer.echo(f"crest is already running at {running.url}: open it")
        if not no_browser:
            webbrowser.open(opening_page(home, running.url).as_uri())
        return
    if not is_loopback(host):
        typer.echo(
            f"crest: warning: listening on {host} lets other computers on the network open your journal; "
            "crest has no accounts or passwords yet.",
            err=True,
        )
    web_app = create_app(served_as=ServedAs.serving(host, port, key))
    services = web_app.state.context.services
    if services.updated_for_this_version:  # before the address: an older crest's tab may still be open
        typer.echo(updated_for_this_version(services.where), err=True)
    url = with_key(local_url(host, port), key)
    typer.echo(f"crest is running at {url} (Ctrl-C to stop)")
    if not no_browser:
        threading.Timer(1.0, webbrowser.open, args=(opening_page(home, url).as_uri(),)).start()
    # The position check's pose model and video decoder print warnings of their own on every check; the
    # terminal keeps crest's and uvicorn's lines only (the logging set up below writes to Python's stderr).
    with native_logs_silenced():
        config = uvicorn.Config(
            web_app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=STOP_WAIT_S
        )
        # What is loaded by now (the app and its libraries) lives until the process ends. Left to the
        # garbage collector, the interpreter's last collections walked it all again after Ctrl-C: 1.3 of the 2-4 s
        # an idle server took to stop. Frozen, the collector leaves it alone.
        gc.freeze()
        ServerStoppingChecks(config, web_app.state.context.stopping).run()


def _serve_practice(host: str, port: int, public_url: str | None, workers: int, audit_syslog: str | None) -> None:
    """Practice mode: every worker builds the same app from the environment; they share only the database."""
    import os

    import uvicorn

    from crest.audit_forwarding import AUDIT_SYSLOG_VARIABLE, SyslogForwarder
    from crest.web.app import HAND_ON_KEY_VARIABLE, PUBLIC_URL_VARIABLE, SERVE_HOST_VARIABLE, SERVE_PORT_VARIABLE

    if public_url is not None and not public_url.startswith(("https://", "http://")):
        raise CrestError(f"--public-url '{public_url}' is not a web address; write it like https://practice.example")
    if public_url is not None:
        os.environ[PUBLIC_URL_VARIABLE] = public_url
    # Without a public address the app answers only under the names it is served as, as the local app does.
    os.environ[SERVE_HOST_VARIABLE] = host
    os.environ[SERVE_PORT_VARIABLE] = str(port)
    os.environ[HAND_ON_KEY_VARIABLE] = secrets.token_hex(32)  # the workers' environment: their owner's alone
    if audit_syslog is not None:
        SyslogForwarder(audit_syslog).close()  # a wrong address is one line now, not an error in every worker
        os.environ[AUDIT_SYSLOG_VARIABLE] = audit_syslog
    ensure_port_free(host, port)
    shown = public_url or f"http://{host}:{port}/"
    typer.echo(f"crest is serving the practice at {shown} (Ctrl-C to stop)")
    uvicorn.run(
        "crest.web.app:practice_app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        proxy_headers=True,  # behind a reverse proxy, X-Forwarded-Proto says whether people came by HTTPS
    )
