"""The breath integration tests build their videos with the bench's scene builder (bench/breath_scenes.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
