"""A tiny Argos Translate package, built by the tests themselves (no model can be downloaded).

The CTranslate2 model is a real one-layer Transformer whose weights are set by hand: attention
and feed-forward weights are zero, so the decoder's state is the (large) embedding of the
previous token, and the output projection maps each token to the next one of a fixed chain.
Whatever the input, it "translates" into `output_words`, e.g. "hello world". That is enough to
exercise the real loading, tokenising, translating and pivoting code with a known result.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import numpy as np
import sentencepiece as spm
from ctranslate2.specs import transformer_spec

D, FFN = 8, 16


def build_package(out: Path, from_code: str, to_code: str, output_words: list[str], corpus: list[str]) -> Path:
    """Write `<out>/translate-<from>_<to>-tiny.argosmodel` and return its path."""
    work = out / f"translate-{from_code}_{to_code}-tiny"
    work.mkdir(parents=True, exist_ok=True)
    # 1. A word-level SentencePiece model that knows the corpus and the output words.
    text = "\n".join(corpus + [" ".join(output_words)] * 3)
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(text.splitlines()),
        model_prefix=str(work / "sentencepiece"),
        model_type="word",
        vocab_size=len(set(" ".join(corpus + output_words).split())) + 4,
        hard_vocab_limit=False,
        bos_id=-1,
        eos_id=-1,
        unk_id=0,
        minloglevel=2,
    )
    sp = spm.SentencePieceProcessor(model_file=str(work / "sentencepiece.model"))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    vocab = ["<unk>", "<s>", "</s>"] + [p for p in pieces if p not in ("<unk>", "<s>", "</s>")]
    index = {p: i for i, p in enumerate(vocab)}
    size = len(vocab)
    # 2. A one-layer Transformer whose decoder ignores the source and walks a fixed chain:
    #    <s> -> word1 -> word2 ... -> </s>. Attention and feed-forward weights are zero, so the
    #    decoder state is the (large) embedding of the previous token; the projection maps it on.
    chain = ["<s>"] + ["▁" + w for w in output_words] + ["</s>"]
    spec = transformer_spec.TransformerSpec.from_config(1, 2)

    def zeros(*shape):
        return np.zeros(shape, dtype=np.float32)

    def ones(*shape):
        return np.ones(shape, dtype=np.float32)

    emb_dec = zeros(size, D)
    proj = zeros(size, D)
    for step, token in enumerate(chain[:-1]):
        emb_dec[index[token], step] = 100.0
        proj[index[chain[step + 1]], step] = 10.0
    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = zeros(size, D) + 0.01
    enc.layer_norm.gamma, enc.layer_norm.beta = ones(D), zeros(D)
    for layer in enc.layer:
        a = layer.self_attention
        a.layer_norm.gamma, a.layer_norm.beta = ones(D), zeros(D)
        a.linear[0].weight, a.linear[0].bias = zeros(3 * D, D), zeros(3 * D)
        a.linear[1].weight, a.linear[1].bias = zeros(D, D), zeros(D)
        f = layer.ffn
        f.layer_norm.gamma, f.layer_norm.beta = ones(D), zeros(D)
        f.linear_0.weight, f.linear_0.bias = zeros(FFN, D), zeros(FFN)
        f.linear_1.weight, f.linear_1.bias = zeros(D, FFN), zeros(D)
    dec.embeddings.weight = emb_dec
    dec.layer_norm.gamma, dec.layer_norm.beta = ones(D), zeros(D)
    dec.projection.weight, dec.projection.bias = proj, zeros(size)
    for layer in dec.layer:
        for a in (layer.self_attention, layer.attention):
            a.layer_norm.gamma, a.layer_norm.beta = ones(D), zeros(D)
        s = layer.self_attention
        s.linear[0].weight, s.linear[0].bias = zeros(3 * D, D), zeros(3 * D)
        s.linear[1].weight, s.linear[1].bias = zeros(D, D), zeros(D)
        c = layer.attention
        c.linear[0].weight, c.linear[0].bias = zeros(D, D), zeros(D)
        c.linear[1].weight, c.linear[1].bias = zeros(2 * D, D), zeros(2 * D)
        c.linear[2].weight, c.linear[2].bias = zeros(D, D), zeros(D)
        f = layer.ffn
        f.layer_norm.gamma, f.layer_norm.beta = ones(D), zeros(D)
        f.linear_0.weight, f.linear_0.bias = zeros(FFN, D), zeros(FFN)
        f.linear_1.weight, f.linear_1.bias = zeros(D, FFN), zeros(D)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization=None)
    (work / "model").mkdir(exist_ok=True)
    spec.save(str(work / "model"))
    (work / "metadata.json").write_text(
        json.dumps(
            {
                "package_version": "0.1",
                "argos_version": "1.9",
                "from_code": from_code,
                "from_name": from_code,
                "to_code": to_code,
                "to_name": to_code,
                "type": "translate",
            }
        )
    )
    archive_path = out / f"{work.name}.argosmodel"
    with zipfile.ZipFile(archive_path, "w") as archive:
        for path in sorted(work.rglob("*")):
            if path.is_file() and path.suffix != ".vocab":
                archive.write(path, path.relative_to(out).as_posix())
    shutil.rmtree(work)
    return archive_path
