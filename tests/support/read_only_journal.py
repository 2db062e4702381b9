"""A journal the person may read but not write, as the tests make one whoever runs them (root may write anything)."""

import os
from pathlib import Path

import pytest

READ_ONLY = "is read-only: crest can show and export it, but not change it; make it writable"


def not_writable(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    """The system says `paths` may not be written, as it says to anyone but root (which the tests may be)."""
    denied = {path.resolve() for path in paths}
    real_access = os.access

    def access(path: "str | os.PathLike[str]", mode: int, **options: object) -> bool:
        if mode & os.W_OK and Path(path).resolve() in denied:
            return False
        return real_access(path, mode, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
