"""Shared fixtures: tiny models built from configs with tokenizers trained here (no model hub)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch", reason="torch is not installed: the hf-peft trainer's tests need torch, transformers, peft and trl")
pytest.importorskip("transformers", reason="transformers is not installed")
pytest.importorskip("peft", reason="peft is not installed")
pytest.importorskip("trl", reason="trl is not installed")

TRAINER_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TRAINER_DIR))
os.environ.setdefault("OMP_NUM_THREADS", "1")  # tiny models: threads only contend on a shared CI machine

WORDS = "yoga mat shoe grinder desk backpack cork rubber blue green kettle lamp".split()


def chat_rows(n: int, prefix: str = "t") -> list[dict]:
    """A patterned task: the answer for a product is fixed by the product, so it can be learnt."""
    rows = []
    for i in range(n):
        a, b = WORDS[i % len(WORDS)], WORDS[(i * 5 + 3) % len(WORDS)]
        rows.append(
            {
                "id": f"{prefix}{i}",
                "use_case": "product-description",
                "messages": [{"role": "user", "content": f"describe the {a}"}, {"role": "assistant", "content": f"the {a} is {b}"}],
            }
        )
    return rows


def completion_rows(n: int, prefix: str = "t") -> list[dict]:
    return [
        {"id": f"{prefix}{i}", "use_case": "product-page", "prompt": r["messages"][0]["content"], "completion": r["messages"][1]["content"]}
        for i, r in enumerate(chat_rows(n))
    ]


LABELS = ["topic-yoga", "topic-coffee"]


def classification_rows(n: int, prefix: str = "t") -> list[dict]:
    return [
        {
            "id": f"{prefix}{i}",
            "use_case": "internal-linking",
            "text": f"the {'yoga mat cork' if i % 2 else 'grinder kettle'} {WORDS[i % len(WORDS)]}",
            "label": LABELS[i % 2],
        }
        for i in range(n)
    ]


def texts(rows: list[dict]) -> list[str]:
    import tiny_model

    return list(tiny_model.strings(rows))


@pytest.fixture(scope="session")
def tiny(tmp_path_factory):
    """tiny(arch) -> the folder of a tiny untrained model of that architecture (built once per session)."""
    import tiny_model

    built: dict[str, Path] = {}
    corpus = texts(chat_rows(24)) + texts(classification_rows(4))

    def get(arch: str) -> Path:
        if arch not in built:
            built[arch] = tiny_model.build(arch, tmp_path_factory.mktemp(f"tiny-{arch}"), corpus)
        return built[arch]

    return get


def write_spec(tmp: Path, model_dir: Path, task_family: str, architecture: str, data_format: str, train: list[dict],
               evaluation: list[dict], labels=None, method="lora", extra=None) -> dict:
    out = tmp / "out"
    (tmp / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in train))
    (tmp / "eval.jsonl").write_text("".join(json.dumps(r) + "\n" for r in evaluation))
    spec = {
        "schema": "tunegate.run-spec/v1",
        "model": "tiny",
        "task_family": task_family,
        "base_model": {"id": str(model_dir), "revision": "local", "architecture": architecture, "context_window": 512},
        "method": method,
        "hyperparameters": {
            "epochs": 2, "learning_rate": 0.01, "batch_size": 4, "logging_steps": 2, "save_steps": 4, "max_seq_length": 64,
            "max_new_tokens": 8, "lora_r": 8, "lora_alpha": 16, **(extra or {}),
        },
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
    return spec


def read_events(out: Path) -> list[dict]:
    return [json.loads(l) for l in (out / "events.jsonl").read_text().splitlines() if l.strip()]


def check_contract(out: Path, evaluation: list[dict]) -> list[dict]:
    """The trainer contract's outputs: events ending in done, safetensors only, a prediction for every eval id."""
    events = read_events(out)
    kinds = {e["type"] for e in events}
    assert {"progress", "checkpoint", "metric", "done"} <= kinds
    assert events[-1] == {"type": "done"}
    progress = [e for e in events if e["type"] == "progress"]
    assert all({"step", "total_steps", "epoch", "loss", "learning_rate", "tokens_per_second"} <= set(e) for e in progress)
    assert progress[-1]["step"] == progress[-1]["total_steps"]
    assert all(e["tokens_per_second"] > 0 for e in progress)
    files = sorted(p.name for p in (out / "adapter").iterdir())
    assert any(f.endswith(".safetensors") for f in files), files
    allowed = (".safetensors", ".json", ".jsonl", ".txt", ".md", ".model", ".yaml")
    assert all(f.endswith(allowed) for f in files), f"only safetensors weights and text files: {files}"
    predictions = [json.loads(l) for l in (out / "predictions.jsonl").read_text().splitlines() if l.strip()]
    assert [p["id"] for p in predictions] == [r["id"] for r in evaluation]
    assert all(isinstance(p["prediction"], str) for p in predictions)
    return predictions


def eval_losses(out: Path) -> tuple[float, float]:
    """The untrained (step 0) and final eval_loss."""
    losses = [e for e in read_events(out) if e["type"] == "metric" and e["name"] == "eval_loss"]
    assert losses[0]["step"] == 0 and losses[-1]["step"] > 0
    return losses[0]["value"], losses[-1]["value"]
