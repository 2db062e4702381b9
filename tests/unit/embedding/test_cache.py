"""Vectors kept in a table answer known texts; the model is loaded only for the others, once."""

import io

import numpy as np
import pytest

from crest.embedding.cache import CachedEncoder, VectorTable, text_digest
from crest.embedding.minilm import MiniLM, bundled_model_folder


@pytest.fixture(scope="module")
def model() -> MiniLM:
    folder = bundled_model_folder()
    assert folder is not None, "the sentence model is not installed: run scripts/setup"
    return MiniLM(folder)


def test_a_table_reads_back_what_it_wrote(model: MiniLM) -> None:
    texts = ["Can I do it in bed?", "Why do I yawn so much?"]
    table = VectorTable("a model 1.0", dict(zip(map(text_digest, texts), model.encode(texts), strict=True)))
    file = io.BytesIO()
    table.write(file)
    file.seek(0)
    read = VectorTable.read(file)
    assert read.model == "a model 1.0" and set(read.vectors) == set(table.vectors)
    for digest, vector in table.vectors.items():
        assert np.abs(read.vectors[digest] - vector).max() < 1e-3  # kept as half floats


def test_known_texts_come_from_the_table_and_the_model_loads_once_for_the_rest(model: MiniLM) -> None:
    loads: list[MiniLM] = []

    def load() -> MiniLM:
        loads.append(model)
        return model

    known = "Can I do it in bed?"
    marker = np.zeros(384, dtype=np.float32)
    marker[0] = 1.0  # not what the model would give: proves the table answered
    encoder = CachedEncoder(VectorTable("m", {text_digest(known): marker}), load)
    assert np.array_equal(encoder.encode([known])[0], marker) and loads == []
    both = encoder.encode(["why do I yawn", known, "why do I yawn"])
    assert np.array_equal(both[1], marker) and np.allclose(both[0], model.encode(["why do I yawn"])[0])
    assert np.array_equal(both[0], both[2])
    encoder.encode(["another question"])
    assert len(loads) == 1
