"""The reference trainer end to end under the Tunegate contract, on tiny models built from configs.

Needs torch, transformers, peft and tokenizers (a GPU machine in practice). Where they are missing
every test is skipped and pytest prints why (run with -rs)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

torch = pytest.importorskip("torch", reason="torch is not installed: the hf-peft trainer's tests need torch, transformers and peft")
transformers = pytest.importorskip("transformers", reason="transformers is not installed")
pytest.importorskip("peft", reason="peft is not installed")
tokenizers = pytest.importorskip("tokenizers", reason="tokenizers is not installed")

TRAIN_PY = Path(__file__).resolve().parents[1] / "train.py"
WORDS = "write a product description for the yoga mat shoe grinder desk backpack cork rubber blue green title alt text brief acme".split()


def build_tokenizer(path: Path):
    """A word-level tokenizer trained here on a tiny vocabulary: no model hub involved."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.WordLevel(unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.train_from_iterator([" ".join(WORDS)] * 10 + ["user : assistant : system"], trainers.WordLevelTrainer(special_tokens=["[PAD]", "[UNK]", "[BOS]", "[EOS]", "[CLS]", "[SEP]"]))
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="[PAD]", unk_token="[UNK]", bos_token="[BOS]", eos_token="[EOS]", cls_token="[CLS]", sep_token="[SEP]")
    fast.chat_template = "{% for m in messages %}{{ m['role'] }} : {{ m['content'] }} {% endfor %}{% if add_generation_prompt %}assistant : {% endif %}"
    fast.save_pretrained(path)
    return fast


def chat_rows(n: int, prefix: str) -> list[dict]:
    rows = []
    for i in range(n):
        a, b = WORDS[i % len(WORDS)], WORDS[(i * 7) % len(WORDS)]
        rows.append({"id": f"{prefix}-{i}", "use_case": "product-description", "messages": [{"role": "user", "content": f"write a description for the {a}"}, {"role": "assistant", "content": f"the {a} {b}"}]})
    return rows


def run_trainer(tmp: Path, model_dir: Path, task_family: str, architecture: str, data_format: str, train: list[dict], evaluation: list[dict], labels=None, method="lora", extra=None) -> Path:
    out = tmp / "out"
    out.mkdir(exist_ok=True)
    (tmp / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in train))
    (tmp / "eval.jsonl").write_text("".join(json.dumps(r) + "\n" for r in evaluation))
    spec = {
        "schema": "tunegate.run-spec/v1",
        "model": "tiny",
        "task_family": task_family,
        "base_model": {"id": str(model_dir), "revision": "local", "architecture": architecture, "context_window": 64},
        "method": method,
        "hyperparameters": {"epochs": 2, "learning_rate": 0.01, "batch_size": 4, "logging_steps": 1, "save_steps": 4, "max_seq_length": 32, "max_new_tokens": 4, "lora_r": 4, "lora_alpha": 8, **(extra or {})},
        "seed": 1,
        "train_file": str(tmp / "train.jsonl"),
        "eval_file": str(tmp / "eval.jsonl"),
        "data_format": data_format,
        "labels": labels,
        "output_dir": str(out),
        "resume_from_checkpoint": None,
        "fingerprint": "test",
    }
    (tmp / "spec.json").write_text(json.dumps(spec))
    result = subprocess.run([sys.executable, str(TRAIN_PY)], env={**os.environ, "TUNEGATE_RUN_SPEC": str(tmp / "spec.json"), "CUDA_VISIBLE_DEVICES": os.environ.get("CUDA_VISIBLE_DEVICES", "")}, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def check_contract(out: Path, evaluation: list[dict]) -> list[dict]:
    events = [json.loads(l) for l in (out / "events.jsonl").read_text().splitlines() if l.strip()]
    kinds = {e["type"] for e in events}
    assert {"progress", "checkpoint", "done"} <= kinds
    assert events[-1] == {"type": "done"}
    progress = [e for e in events if e["type"] == "progress"]
    assert all({"step", "total_steps", "loss", "learning_rate", "tokens_per_second"} <= set(e) for e in progress)
    weights = list((out / "adapter").glob("*.safetensors"))
    assert weights, "the adapter must be saved as safetensors"
    assert not list((out / "adapter").glob("*.bin"))
    predictions = [json.loads(l) for l in (out / "predictions.jsonl").read_text().splitlines() if l.strip()]
    assert [p["id"] for p in predictions] == [r["id"] for r in evaluation]
    return predictions


def test_causal_lm_lora_with_packing(tmp_path: Path):
    from transformers import LlamaConfig, LlamaForCausalLM

    model_dir = tmp_path / "tiny-llama"
    tok = build_tokenizer(model_dir)
    config = LlamaConfig(vocab_size=len(tok), hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=64, pad_token_id=tok.pad_token_id, bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id)
    LlamaForCausalLM(config).save_pretrained(model_dir, safe_serialization=True)
    evaluation = chat_rows(5, "e")
    out = run_trainer(tmp_path, model_dir, "text-generation", "decoder", "chat", chat_rows(24, "t"), evaluation, extra={"packing": True})
    check_contract(out, evaluation)
    assert (out / "adapter" / "adapter_config.json").exists()


def test_seq2seq_lora(tmp_path: Path):
    from transformers import T5Config, T5ForConditionalGeneration

    model_dir = tmp_path / "tiny-t5"
    tok = build_tokenizer(model_dir)
    config = T5Config(vocab_size=len(tok), d_model=32, d_ff=64, num_layers=2, num_heads=4, d_kv=8, decoder_start_token_id=tok.pad_token_id, pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id)
    T5ForConditionalGeneration(config).save_pretrained(model_dir, safe_serialization=True)
    rows = [{"id": r["id"], "use_case": "product-page", "prompt": r["messages"][0]["content"], "completion": r["messages"][1]["content"]} for r in chat_rows(20, "t")]
    evaluation = [{**r, "id": f"e{i}"} for i, r in enumerate(rows[:4])]
    out = run_trainer(tmp_path, model_dir, "transformation", "encoder-decoder", "completion", rows, evaluation)
    check_contract(out, evaluation)


def test_sequence_classification_full_and_resume(tmp_path: Path):
    from transformers import BertConfig, BertForSequenceClassification

    model_dir = tmp_path / "tiny-bert"
    tok = build_tokenizer(model_dir)
    config = BertConfig(vocab_size=len(tok), hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4, max_position_embeddings=64, pad_token_id=tok.pad_token_id)
    BertForSequenceClassification(config).save_pretrained(model_dir, safe_serialization=True)
    labels = ["topic-yoga", "topic-coffee"]
    rows = [{"id": f"t{i}", "use_case": "internal-linking", "text": f"the {'yoga mat cork' if i % 2 else 'grinder acme'}", "label": labels[i % 2]} for i in range(24)]
    evaluation = [{**r, "id": f"e{i}"} for i, r in enumerate(rows[:6])]
    out = run_trainer(tmp_path, model_dir, "classification", "encoder", "classification", rows, evaluation, labels=labels, method="full")
    predictions = check_contract(out, evaluation)
    assert {p["prediction"] for p in predictions} <= set(labels)
    checkpoints = sorted((out / "checkpoints").glob("checkpoint-*"), key=lambda p: int(p.name.split("-")[1]))
    assert checkpoints, "checkpoints are saved"
    # Resume: the same run from its first checkpoint finishes and writes the outputs again.
    spec = json.loads((tmp_path / "spec.json").read_text())
    spec["resume_from_checkpoint"] = str(checkpoints[0])
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    result = subprocess.run([sys.executable, str(TRAIN_PY)], env={**os.environ, "TUNEGATE_RUN_SPEC": str(tmp_path / "spec.json")}, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    check_contract(out, evaluation)
