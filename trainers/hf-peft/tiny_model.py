"""Builds a tiny model from a config, with a byte-level BPE tokenizer trained on local text: no model hub.

For tests, the demo and smoke checks: the models are untrained (random weights) and small enough to fine-tune on a
CPU in seconds. Usage:

  python tiny_model.py --arch llama|t5|bert --out DIR [--corpus FILE.jsonl ...] [--vocab 512]

The tokenizer is trained on every string in the corpus files (JSONL), plus a few fixed words.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Iterable, Iterator

SPECIALS = ["<pad>", "<unk>", "<s>", "<|end|>", "<cls>", "<|system|>", "<|user|>", "<|assistant|>"]
CHAT_TEMPLATE = (
    "{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}<|end|>{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>{% endif %}"
)
ARCHES = ("llama", "t5", "bert")


def strings(value) -> Iterator[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def corpus_lines(files: Iterable[Path]) -> Iterator[str]:
    for file in files:
        with open(file, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield from strings(json.loads(line))


def build_tokenizer(arch: str, texts: Iterable[str], vocab: int = 512):
    """A byte-level BPE tokenizer trained on texts, with a chat template; T5's appends <|end|>, BERT's leads with <cls>."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab, special_tokens=SPECIALS, initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(list(texts) + ["user assistant system the a of and to"], trainer)
    if arch == "t5":
        tok.post_processor = processors.TemplateProcessing(single="$A <|end|>", special_tokens=[("<|end|>", SPECIALS.index("<|end|>"))])
    elif arch == "bert":
        tok.post_processor = processors.TemplateProcessing(single="<cls> $A", special_tokens=[("<cls>", SPECIALS.index("<cls>"))])
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok, pad_token="<pad>", unk_token="<unk>", bos_token="<s>", eos_token="<|end|>", cls_token="<cls>"
    )
    fast.chat_template = CHAT_TEMPLATE
    return fast


def build_model(arch: str, tokenizer, hidden: int = 64, layers: int = 2, context: int = 512):
    """An untrained model of the given shape (Llama decoder, T5 encoder-decoder, BERT encoder with a head)."""
    ids = {"pad_token_id": tokenizer.pad_token_id, "eos_token_id": tokenizer.eos_token_id}
    if arch == "llama":
        from transformers import LlamaConfig, LlamaForCausalLM

        config = LlamaConfig(
            vocab_size=len(tokenizer), hidden_size=hidden, intermediate_size=2 * hidden, num_hidden_layers=layers,
            num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=context, bos_token_id=tokenizer.bos_token_id,
            tie_word_embeddings=True, **ids,
        )
        return LlamaForCausalLM(config)
    if arch == "t5":
        from transformers import T5Config, T5ForConditionalGeneration

        config = T5Config(
            vocab_size=len(tokenizer), d_model=hidden, d_ff=2 * hidden, num_layers=layers, num_heads=4, d_kv=hidden // 4,
            decoder_start_token_id=tokenizer.pad_token_id, **ids,
        )
        return T5ForConditionalGeneration(config)
    if arch == "bert":
        from transformers import BertConfig, BertForSequenceClassification

        config = BertConfig(
            vocab_size=len(tokenizer), hidden_size=hidden, intermediate_size=2 * hidden, num_hidden_layers=layers,
            num_attention_heads=4, max_position_embeddings=context, pad_token_id=tokenizer.pad_token_id,
        )
        return BertForSequenceClassification(config)
    raise ValueError(f"unknown architecture '{arch}'; expected one of {', '.join(ARCHES)}")


def build(arch: str, out: Path, texts: Iterable[str], vocab: int = 512, seed: int = 0) -> Path:
    """Writes a tiny model (safetensors) and its tokenizer into out."""
    import torch

    torch.manual_seed(seed)
    tokenizer = build_tokenizer(arch, texts, vocab)
    model = build_model(arch, tokenizer)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arch", choices=ARCHES, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, nargs="*", default=[])
    parser.add_argument("--vocab", type=int, default=512)
    args = parser.parse_args()
    build(args.arch, args.out, corpus_lines(args.corpus), args.vocab)
    print(args.out)


if __name__ == "__main__":
    main()
