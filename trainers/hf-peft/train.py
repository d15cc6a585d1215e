"""Tunegate's reference trainer: transformers + peft, following the Tunegate trainer contract.

Reads the run spec from TUNEGATE_RUN_SPEC and writes, in the spec's output_dir:
  events.jsonl       progress / metric / checkpoint / done events, appended while training
  adapter/           the LoRA adapter (or full weights) as safetensors, with the tokenizer
  predictions.jsonl  {"id", "prediction"} for every eval example

Causal LMs (decoder), seq2seq (encoder-decoder) and sequence classification (encoder, or a decoder with
a classification head); LoRA, QLoRA (with bitsandbytes) and full fine-tuning; chat templates; packing;
bf16; gradient checkpointing; resume from checkpoint; multi-GPU under `accelerate launch`.
"""
from __future__ import annotations

import json
import math
import os
import sys
import time
from pathlib import Path

import torch
from torch.utils.data import Dataset
from transformers import (
    AutoModelForCausalLM,
    AutoModelForSeq2SeqLM,
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorForSeq2Seq,
    DataCollatorWithPadding,
    Trainer,
    TrainerCallback,
    TrainingArguments,
    set_seed,
)

IGNORE = -100


def read_jsonl(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class Events:
    """Appends contract events to events.jsonl (only on the main process under accelerate)."""

    def __init__(self, out: Path, main: bool):
        self.path = out / "events.jsonl"
        self.main = main

    def emit(self, event: dict) -> None:
        if not self.main:
            return
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps(event) + "\n")


class EventsCallback(TrainerCallback):
    """Turns the Trainer's logs and saves into contract events: progress with tokens/s, checkpoints."""

    def __init__(self, events: Events, tokens_per_step: float):
        self.events = events
        self.tokens_per_step = tokens_per_step
        self.started = time.time()

    def on_log(self, args, state, control, logs=None, **kwargs):
        logs = logs or {}
        elapsed = max(1e-6, time.time() - self.started)
        if "loss" in logs:
            self.events.emit(
                {
                    "type": "progress",
                    "step": state.global_step,
                    "total_steps": max(1, state.max_steps),
                    "epoch": float(logs.get("epoch", state.epoch or 0)),
                    "loss": float(logs["loss"]),
                    "learning_rate": float(logs.get("learning_rate", 0.0)),
                    "tokens_per_second": self.tokens_per_step * state.global_step / elapsed,
                }
            )
        for key, value in logs.items():
            if key.startswith("eval_") and isinstance(value, (int, float)):
                self.events.emit({"type": "metric", "name": key, "value": float(value), "step": state.global_step})

    def on_save(self, args, state, control, **kwargs):
        path = os.path.join(args.output_dir, f"checkpoint-{state.global_step}")
        self.events.emit({"type": "checkpoint", "path": path, "step": state.global_step})


class Tokenized(Dataset):
    def __init__(self, items: list[dict]):
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i: int) -> dict:
        return self.items[i]


def prompt_and_answer(row: dict, tokenizer) -> tuple[str, str]:
    """The text the model is given and the text it must produce, with the chat template applied."""
    if "messages" in row:
        messages = row["messages"]
        if getattr(tokenizer, "chat_template", None):
            prompt = tokenizer.apply_chat_template(messages[:-1], tokenize=False, add_generation_prompt=True)
        else:
            prompt = "".join(f"{m['role']}: {m['content']}\n" for m in messages[:-1]) + "assistant: "
        return prompt, messages[-1]["content"]
    return row["prompt"], row["completion"]


def causal_examples(rows: list[dict], tokenizer, max_len: int, packing: bool) -> list[dict]:
    """Prompt tokens are masked out of the loss; with packing, examples are joined into full blocks."""
    items = []
    eos = tokenizer.eos_token or ""
    for row in rows:
        prompt, answer = prompt_and_answer(row, tokenizer)
        p = tokenizer(prompt, add_special_tokens=False)["input_ids"]
        a = tokenizer(answer + eos, add_special_tokens=False)["input_ids"]
        ids = (p + a)[:max_len]
        labels = ([IGNORE] * len(p) + a)[:max_len]
        items.append({"input_ids": ids, "labels": labels})
    if not packing:
        return [{**it, "attention_mask": [1] * len(it["input_ids"])} for it in items]
    packed, ids, labels = [], [], []
    for it in items:
        if ids and len(ids) + len(it["input_ids"]) > max_len:
            packed.append({"input_ids": ids, "labels": labels, "attention_mask": [1] * len(ids)})
            ids, labels = [], []
        ids = ids + it["input_ids"]
        labels = labels + it["labels"]
    if ids:
        packed.append({"input_ids": ids, "labels": labels, "attention_mask": [1] * len(ids)})
    return packed


def seq2seq_examples(rows: list[dict], tokenizer, max_len: int) -> list[dict]:
    items = []
    for row in rows:
        prompt, answer = prompt_and_answer(row, tokenizer)
        enc = tokenizer(prompt, truncation=True, max_length=max_len)
        enc["labels"] = tokenizer(text_target=answer, truncation=True, max_length=max_len)["input_ids"]
        items.append(dict(enc))
    return items


def classification_examples(rows: list[dict], tokenizer, labels: list[str], max_len: int) -> list[dict]:
    index = {label: i for i, label in enumerate(labels)}
    items = []
    for row in rows:
        enc = tokenizer(row["text"], truncation=True, max_length=max_len)
        enc["labels"] = index[row["label"]]
        items.append(dict(enc))
    return items


def load_model(spec: dict, labels: list[str] | None):
    base = spec["base_model"]
    hp = spec["hyperparameters"]
    kwargs: dict = {"revision": base["revision"]} if not os.path.isdir(base["id"]) else {}
    bf16 = torch.cuda.is_available() and torch.cuda.is_bf16_supported() and hp.get("bf16", True) is not False
    kwargs["torch_dtype"] = torch.bfloat16 if bf16 else torch.float32
    if spec["method"] == "qlora":
        try:
            from transformers import BitsAndBytesConfig
            import bitsandbytes  # noqa: F401
        except ImportError as e:  # pragma: no cover - needs a CUDA machine
            raise SystemExit(f"method 'qlora' needs bitsandbytes on a CUDA machine: {e}")
        kwargs["quantization_config"] = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=kwargs["torch_dtype"], bnb_4bit_use_double_quant=True)
    if spec["task_family"] == "classification":
        model = AutoModelForSequenceClassification.from_pretrained(
            base["id"], num_labels=len(labels), id2label=dict(enumerate(labels)), label2id={l: i for i, l in enumerate(labels)}, **kwargs
        )
        kind = "SEQ_CLS"
    elif base["architecture"] == "encoder-decoder":
        model = AutoModelForSeq2SeqLM.from_pretrained(base["id"], **kwargs)
        kind = "SEQ_2_SEQ_LM"
    else:
        model = AutoModelForCausalLM.from_pretrained(base["id"], **kwargs)
        kind = "CAUSAL_LM"
    if spec["method"] in ("lora", "qlora"):
        from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training

        if spec["method"] == "qlora":
            model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=bool(hp.get("gradient_checkpointing", True)))
        config = LoraConfig(
            r=int(hp.get("lora_r", 16)),
            lora_alpha=int(hp.get("lora_alpha", 32)),
            lora_dropout=float(hp.get("lora_dropout", 0.05)),
            target_modules=hp.get("lora_target_modules", "all-linear"),
            task_type=kind,
        )
        model = get_peft_model(model, config)
    return model, kind, bf16


def main() -> int:
    spec_path = os.environ.get("TUNEGATE_RUN_SPEC")
    if not spec_path:
        print("TUNEGATE_RUN_SPEC is not set: this trainer is started by tunegate train", file=sys.stderr)
        return 2
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    hp = spec["hyperparameters"]
    out = Path(spec["output_dir"])
    (out / "adapter").mkdir(parents=True, exist_ok=True)
    main_process = int(os.environ.get("RANK", "0")) == 0
    events = Events(out, main_process)
    set_seed(int(spec["seed"]))

    labels = spec.get("labels")
    tokenizer = AutoTokenizer.from_pretrained(spec["base_model"]["id"])
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token or tokenizer.unk_token
    model, kind, bf16 = load_model(spec, labels)
    if kind == "SEQ_CLS" and model.config.pad_token_id is None:
        model.config.pad_token_id = tokenizer.pad_token_id

    max_len = int(hp.get("max_seq_length", min(1024, spec["base_model"]["context_window"])))
    train_rows = read_jsonl(spec["train_file"])
    eval_rows = read_jsonl(spec["eval_file"])
    if kind == "SEQ_CLS":
        train_items = classification_examples(train_rows, tokenizer, labels, max_len)
        collator = DataCollatorWithPadding(tokenizer)
    elif kind == "SEQ_2_SEQ_LM":
        train_items = seq2seq_examples(train_rows, tokenizer, max_len)
        collator = DataCollatorForSeq2Seq(tokenizer, label_pad_token_id=IGNORE)
    else:
        train_items = causal_examples(train_rows, tokenizer, max_len, bool(hp.get("packing", False)))
        collator = DataCollatorForSeq2Seq(tokenizer, label_pad_token_id=IGNORE, padding=True)

    batch = int(hp.get("per_device_train_batch_size", hp.get("batch_size", 4)))
    accumulation = int(hp.get("gradient_accumulation_steps", 1))
    tokens_per_step = sum(len(it["input_ids"]) for it in train_items) / max(1, math.ceil(len(train_items) / max(1, batch * accumulation)))
    args = TrainingArguments(
        output_dir=str(out / "checkpoints"),
        num_train_epochs=float(hp.get("epochs", 1)),
        max_steps=int(hp.get("max_steps", -1)),
        learning_rate=float(hp.get("learning_rate", 2e-4)),
        per_device_train_batch_size=batch,
        gradient_accumulation_steps=accumulation,
        warmup_ratio=float(hp.get("warmup_ratio", 0.03)),
        lr_scheduler_type=str(hp.get("lr_scheduler", "cosine")),
        weight_decay=float(hp.get("weight_decay", 0.0)),
        logging_steps=int(hp.get("logging_steps", 10)),
        save_strategy="steps",
        save_steps=int(hp.get("save_steps", 200)),
        save_total_limit=int(hp.get("save_total_limit", 2)),
        save_safetensors=True,
        bf16=bf16,
        gradient_checkpointing=bool(hp.get("gradient_checkpointing", torch.cuda.is_available())),
        # Non-reentrant checkpointing: with LoRA the frozen embeddings' outputs carry no grad, which the
        # reentrant form rejects ("element 0 of tensors does not require grad").
        gradient_checkpointing_kwargs={"use_reentrant": False},
        seed=int(spec["seed"]),
        report_to=[],
        remove_unused_columns=False,
        dataloader_num_workers=int(hp.get("dataloader_num_workers", 2 if torch.cuda.is_available() else 0)),
    )
    trainer = Trainer(model=model, args=args, train_dataset=Tokenized(train_items), data_collator=collator, callbacks=[EventsCallback(events, tokens_per_step)])
    trainer.train(resume_from_checkpoint=spec.get("resume_from_checkpoint") or None)

    if main_process:
        unwrapped = trainer.model
        unwrapped.save_pretrained(str(out / "adapter"), safe_serialization=True)
        tokenizer.save_pretrained(str(out / "adapter"))
        predictions = predict(unwrapped, tokenizer, kind, eval_rows, labels, hp, max_len)
        with open(out / "predictions.jsonl", "w", encoding="utf-8") as f:
            for row, prediction in zip(eval_rows, predictions):
                f.write(json.dumps({"id": row["id"], "prediction": prediction}) + "\n")
        events.emit({"type": "done"})
    return 0


@torch.no_grad()
def predict(model, tokenizer, kind: str, rows: list[dict], labels, hp: dict, max_len: int) -> list[str]:
    """Batched greedy generation (left-padded prompts) or argmax over the class logits."""
    model.eval()
    device = next(model.parameters()).device
    batch_size = int(hp.get("eval_batch_size", 16))
    out: list[str] = []
    for start in range(0, len(rows), batch_size):
        chunk = rows[start : start + batch_size]
        if kind == "SEQ_CLS":
            enc = tokenizer([r["text"] for r in chunk], truncation=True, max_length=max_len, padding=True, return_tensors="pt").to(device)
            out.extend(labels[i] for i in model(**enc).logits.argmax(-1).tolist())
            continue
        prompts = [prompt_and_answer(r, tokenizer)[0] for r in chunk]
        tokenizer.padding_side = "left" if kind == "CAUSAL_LM" else "right"
        enc = tokenizer(prompts, truncation=True, max_length=max_len, padding=True, return_tensors="pt", add_special_tokens=kind != "CAUSAL_LM").to(device)
        generated = model.generate(**enc, max_new_tokens=int(hp.get("max_new_tokens", 256)), do_sample=False, pad_token_id=tokenizer.pad_token_id)
        if kind == "CAUSAL_LM":
            generated = generated[:, enc["input_ids"].shape[1] :]
        out.extend(t.strip() for t in tokenizer.batch_decode(generated, skip_special_tokens=True))
    return out


if __name__ == "__main__":
    sys.exit(main())
