"""`crest serve` starts the app on loopback by default; another host is allowed only with a warning."""

import gc
import os
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from crest.addresses import is_loopback
from crest.web.local_key import KEY_FILE

SRC = Path(__file__).resolve().parents[3] / "src"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _serve(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[str], int]:
    port = _free_port()
    env = {**os.environ, "CREST_HOME": str(tmp_path), "PYTHONPATH": str(SRC)}
    env.pop("CREST_DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "crest", "serve", "--no-browser", "--port", str(port), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with _opened(tmp_path, port, "/api/settings", timeout=1) as response:
                assert response.status == 200
                return server, port
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    server.kill()
    raise AssertionError(f"crest serve did not start: {server.communicate()}")


def _owners(home: Path) -> dict[str, str]:
    """What a script of the journal's owner sends: the key crest serve keeps in crest's folder."""
    return {"Authorization": f"Bearer {(home / KEY_FILE).read_text().strip()}"}


def _opened(home: Path, port: int, path: str, timeout: float = 10) -> Any:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=_owners(home))
    return urllib.request.urlopen(request, timeout=timeout)


def _stop(server: subprocess.Popen[str]) -> tuple[str, str]:
    server.terminate()
    out, err = server.communicate(timeout=20)
    return out, err


def test_serve_listens_on_loopback_and_serves_the_pages(tmp_path: Path) -> None:
    server, port = _serve(tmp_path)
    try:
        with _opened(tmp_path, port, "/") as response:
            assert "<title>Today · crest</title>" in response.read().decode()
    finally:
        out, err = _stop(server)
    assert f"http://127.0.0.1:{port}/" in out
    assert "warning" not in err
    assert (tmp_path / "crest.db").exists()


def test_another_account_of_this_computer_reads_nothing_from_a_running_crest(tmp_path: Path) -> None:
    """The walk-through's attack (s49): `su nobody -c 'curl http://127.0.0.1:8765/api/export'` read the whole
    journal, whose file is 0600. Without the key now: 401; the address crest serve prints opens it."""
    import http.client

    server, port = _serve(tmp_path)
    try:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/export", timeout=10)
        key = _owners(tmp_path)["Authorization"].removeprefix("Bearer ")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", f"/?key={key}")
        traded = connection.getresponse()
        onward = traded.read().decode()
        connection.close()
    finally:
        out, _err = _stop(server)
    assert refused.value.code == 401
    assert f"http://127.0.0.1:{port}/?key={key}" in out
    assert stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode) == 0o600
    assert traded.status == 200 and '<meta http-equiv="refresh" content="0;url=/">' in onward  # on, key dropped
    assert traded.getheader("set-cookie", "").startswith(f"crest_key_{port}={key};")


def test_another_host_gives_a_warning_about_accounts(tmp_path: Path) -> None:
    server, _port = _serve(tmp_path, "--host", "0.0.0.0")
    _out, err = _stop(server)
    assert "no accounts" in err


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def _serve_refused(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`crest serve --no-browser ARGS` run to its end, as a command that cannot start."""
    env = {**os.environ, "CREST_HOME": str(tmp_path), "PYTHONPATH": str(SRC)}
    return subprocess.run(
        [sys.executable, "-m", "crest", "serve", "--no-browser", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_bad_port_is_a_one_line_error(tmp_path: Path) -> None:
    result = _serve_refused(tmp_path, "--port", "70000")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_a_port_in_use_is_a_one_line_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _serve_refused(tmp_path, "--port", str(port))
    assert result.returncode == 2
    assert result.stderr == f"crest: port {port} is taken by another program: choose another with --port\n"


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_a_port_taken_by_another_web_server_names_neither_crest_nor_the_raw_error(tmp_path: Path) -> None:
    other = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port := _free_port())],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not _listening(port) and time.monotonic() < deadline:
            time.sleep(0.1)
        result = _serve_refused(tmp_path, "--port", str(port))
    finally:
        other.terminate()
        other.wait(timeout=10)
    assert result.returncode == 2
    assert result.stderr == f"crest: port {port} is taken by another program: choose another with --port\n"


def test_a_second_crest_on_the_same_port_says_where_the_first_is_running(tmp_path: Path) -> None:
    server, port = _serve(tmp_path)
    try:
        second = _serve_refused(tmp_path, "--port", str(port))
    finally:
        _stop(server)
    assert second.returncode == 0, second.stderr
    key = _owners(tmp_path)["Authorization"].removeprefix("Bearer ")
    assert second.stdout == f"crest is already running at http://127.0.0.1:{port}/?key={key}: open it\n"
    assert second.stderr == ""


@pytest.mark.parametrize("host", ["999.1.1.1", "192.0.2.1"])  # no address at all; an address of another computer
def test_a_host_crest_cannot_listen_on_names_the_host_without_the_network_warning(tmp_path: Path, host: str) -> None:
    result = _serve_refused(tmp_path, "--host", host, "--port", str(_free_port()))
    assert result.returncode == 2
    assert result.stderr.startswith(f"crest: cannot listen on {host}:")
    assert "choose another with --host" in result.stderr
    assert "other computers" not in result.stderr and "--port" not in result.stderr


def test_serve_answers_only_under_the_names_it_is_served_as(tmp_path: Path) -> None:
    """Issue 9.11's reproduction: another Host header (DNS rebinding) must not read the journal."""
    import http.client

    server, port = _serve(tmp_path)
    try:
        answers = {}
        for host in (f"attacker.example:{port}", f"localhost:{port}", f"127.0.0.1:{port + 1}"):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/api/export", headers={"Host": host, **_owners(tmp_path)})
            answers[host] = connection.getresponse().status
            connection.close()
    finally:
        _stop(server)
    assert answers == {f"attacker.example:{port}": 421, f"localhost:{port}": 200, f"127.0.0.1:{port + 1}": 421}


def test_what_is_loaded_is_frozen_before_serving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Objects the collector must not walk again at exit (what made an idle server slow to stop after Ctrl-C)."""
    from crest.cli.app import build_app
    from crest.web.server import ServerStoppingChecks

    frozen_when_serving: list[int] = []
    monkeypatch.setattr(ServerStoppingChecks, "run", lambda self: frozen_when_serving.append(gc.get_freeze_count()))
    monkeypatch.setenv("CREST_HOME", str(tmp_path))
    monkeypatch.delenv("CREST_DATABASE_URL", raising=False)
    try:
        build_app()(["serve", "--no-browser", "--port", str(_free_port())], standalone_mode=False)
    finally:
        gc.unfreeze()
    assert frozen_when_serving and frozen_when_serving[0] > 10_000


def test_a_position_check_leaves_the_terminal_to_crest(tmp_path: Path) -> None:
    import httpx

    photo = Path(__file__).parents[2] / "fixtures" / "photos" / "one_knee_to_chest_0.jpg"
    server, port = _serve(tmp_path)
    try:
        base, owners = f"http://127.0.0.1:{port}", _owners(tmp_path)
        questions = httpx.get(f"{base}/api/safety/questions", headers=owners).json()
        no_to_all = {"answers": {question["id"]: False for question in questions}}
        httpx.post(f"{base}/api/safety/answers", json=no_to_all, headers=owners)  # the check comes after them
        answer = httpx.post(
            f"{base}/api/check", files={"file": (photo.name, photo.read_bytes())}, headers=owners, timeout=120
        )
        assert answer.status_code == 200
    finally:
        _out, err = _stop(server)
    # MediaPipe's own warnings ("W0000 ... inference_feedback_manager.cc", "All log messages before
    # absl::InitializeLog() ...") came on every check, each time its model loaded.
    assert "absl" not in err and ".cc:" not in err, err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--audit-syslog", "/dev/log"), "crest: --audit-syslog goes with --practice"),
        # These two were dropped without a word and the local app started as if they had not been given.
        (("--public-url", "https://crest.example"), "crest: --public-url goes with --practice"),
        (("--workers", "4"), "crest: --workers goes with --practice"),
        (("--practice", "--audit-syslog", "/no/socket/here"), "crest: cannot reach syslog at /no/socket/here"),
        (("--practice", "--audit-syslog", "logs"), "crest: --audit-syslog 'logs' is neither a socket path like"),
    ],
)
def test_a_practice_option_or_syslog_that_cannot_be_used_is_one_line_before_anything_starts(
    tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    done = _serve_refused(tmp_path, *args)
    assert done.returncode == 2
    assert done.stderr.startswith(said)
    assert len(done.stderr.strip().splitlines()) == 1
