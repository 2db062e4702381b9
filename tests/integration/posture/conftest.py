"""Fixtures for the posture integration tests."""

from pathlib import Path

import cv2
import numpy as np
import pytest


@pytest.fixture
def blank_photo(tmp_path: Path) -> Path:
    """A plain generated picture with nobody in it."""
    path = tmp_path / "empty-room.png"
    gradient = np.tile(np.linspace(90, 200, 480, dtype=np.uint8)[:, None], (1, 640))
    cv2.imwrite(str(path), cv2.merge([gradient, gradient, gradient]))
    return path
