"""The chime file the browser plays: the terminal's chime (`crest.sound`), committed so the app serves it as is.

Run `python -m crest.web.chime` to rewrite `static/chime.wav`; a test checks that the committed file matches.
"""

from pathlib import Path

from crest.sound import synthesise_chime

CHIME_PATH = Path(__file__).parent / "static" / "chime.wav"

if __name__ == "__main__":
    CHIME_PATH.write_bytes(synthesise_chime())
    print(f"wrote {CHIME_PATH}")
