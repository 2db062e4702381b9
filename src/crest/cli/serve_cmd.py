"""`crest serve`: the local web app in the browser."""

import ipaddress
import socket

import typer

from crest.errors import CrestError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


class PortInUse(CrestError):
    """Another program already listens on the chosen port."""


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def ensure_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise PortInUse(
                f"cannot listen on {host}:{port} ({error.strerror or error}); choose another with --port"
            ) from None


def serve(
    port: int = typer.Option(DEFAULT_PORT, "--port", min=1, max=65535, help="Port to listen on."),
    host: str = typer.Option(
        DEFAULT_HOST, "--host", help="Address to listen on; anything but this computer needs asking for."
    ),
    no_browser: bool = typer.Option(False, "--no-browser", help="Do not open the browser."),
) -> None:
    """Start the local web app (sessions, check-ins, journal, progress, position check) and open the browser."""
    import threading
    import webbrowser

    import uvicorn

    from crest.web.app import create_app
    from crest.web.guard import ServedAs

    if not is_loopback(host):
        typer.echo(
            f"crest: warning: listening on {host} lets other computers on the network open your journal; "
            "crest has no accounts or passwords yet.",
            err=True,
        )
    ensure_port_free(host, port)
    web_app = create_app(served_as=ServedAs.serving(host, port))
    shown_host = host if is_loopback(host) else DEFAULT_HOST
    url = f"http://{'[' + shown_host + ']' if ':' in shown_host else shown_host}:{port}/"
    typer.echo(f"crest is running at {url} (Ctrl-C to stop)")
    if not no_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
