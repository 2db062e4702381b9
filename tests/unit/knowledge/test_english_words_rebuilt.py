"""english_words.json is rebuilt from its source: `scripts/english-words` writes, byte for byte, the file crest ships
from the whole words of the installed sentence model's vocabulary (its vocab.txt); no network."""

import subprocess
from importlib import resources
from pathlib import Path

from crest.embedding.minilm import bundled_model_folder, whole_words
from crest.knowledge.loader import ENGLISH_WORDS, english_words, english_words_text

SCRIPT = Path(__file__).parents[3] / "scripts" / "english-words"
SHIPPED = resources.files("crest.knowledge").joinpath(ENGLISH_WORDS).read_bytes()


def test_the_script_writes_the_shipped_file_byte_for_byte(tmp_path: Path) -> None:
    assert bundled_model_folder() is not None, "the sentence model is not installed: run scripts/setup"
    written = tmp_path / "words.json"
    done = subprocess.run([SCRIPT, written], capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "21745 words from" in done.stdout and "vocab.txt" in done.stdout
    assert written.read_bytes() == SHIPPED


def test_the_shipped_file_is_what_its_source_gives_and_reads_back_as_those_words() -> None:
    folder = bundled_model_folder()
    assert folder is not None, "the sentence model is not installed: run scripts/setup"
    assert english_words_text(whole_words(folder)).encode("utf-8") == SHIPPED
    assert english_words() == whole_words(folder)


def test_the_layout_is_the_words_sorted_several_to_a_line() -> None:
    text = english_words_text({"zoo", "a", "never", "fever"})
    assert text.endswith('"words": [\n  "a", "fever", "never", "zoo"\n]\n}\n')
    many = english_words_text({f"word{number:05d}" for number in range(100)}).splitlines()
    assert max(len(line) for line in many[3:-2]) <= 118 and len(many) > 10
