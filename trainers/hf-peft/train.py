"""Tunegate's reference trainer: transformers + peft (+ trl's packing), following the Tunegate trainer contract.

Reads the run spec from TUNEGATE_RUN_SPEC and writes, in the spec's output_dir:
  events.jsonl       progress / metric / checkpoint / done events, appended while training
  adapter/           the LoRA adapter (or full weights) as safetensors, with the tokenizer
  predictions.jsonl  {"id", "prediction"} for every eval example

Causal LMs (decoder), seq2seq (encoder-decoder) and sequence classification (encoder, or a decoder with
a classification head); LoRA, QLoRA (with bitsandbytes) and full fine-tuning; chat templates; packing in
which each example attends only to itself; bf16 where the GPU has it; gradient checkpointing; resume from a
checkpoint; several processes under `accelerate launch`. Works with transformers 5.x and 4.57.
"""

from __future__ import annotations

import dataclasses
import json
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
PROBE_PREFIX = "probe:"
PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt", ".pkl", ".pickle")


def read_jsonl(path: str, lines: list[int] | None = None) -> list[dict]:
    """The rows of a JSONL file; each row's line number is appended to `lines` when given, for messages."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if line.strip():
                rows.append(json.loads(line))
                if lines is not None:
                    lines.append(n)
    return rows


# The documented defaults of every backend, written from src/training/hyperparameters.ts (a test keeps them equal).
DEFAULTS_FILE = Path(__file__).with_name("defaults.json")


def resolve_hyperparameters(spec: dict) -> dict:
    """The spec's hyperparameters over the shared defaults, max_seq_length capped at the context window when unset."""
    defaults = json.loads(DEFAULTS_FILE.read_text(encoding="utf-8"))
    own = spec.get("hyperparameters") or {}
    hp = {**defaults, **own}
    if "max_seq_length" not in own:
        window = (spec.get("base_model") or {}).get("context_window", defaults["max_seq_length"])
        hp["max_seq_length"] = min(int(defaults["max_seq_length"]), int(window))
    return hp


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
    """Turns the Trainer's logs and saves into contract events: progress with tokens/s, metrics, checkpoints."""

    def __init__(self, events: Events):
        self.events = events
        self.started = time.time()
        self.tokens_at_start: float | None = None

    def on_train_begin(self, args, state, control, **kwargs):
        self.started = time.time()
        self.tokens_at_start = float(state.num_input_tokens_seen or 0)

    def on_step_end(self, args, state, control, **kwargs):
        if state.global_step >= state.max_steps:
            control.should_log = True  # the last step's loss is logged too, so progress ends at total_steps
        return control

    def on_log(self, args, state, control, logs=None, **kwargs):
        logs = logs or {}
        if "loss" in logs:
            elapsed = max(1e-6, time.time() - self.started)
            seen = float(state.num_input_tokens_seen or 0) - (self.tokens_at_start or 0.0)
            self.events.emit(
                {
                    "type": "progress",
                    "step": state.global_step,
                    "total_steps": max(1, state.max_steps),
                    "epoch": float(logs.get("epoch", state.epoch or 0)),
                    "loss": float(logs["loss"]),
                    "learning_rate": float(logs.get("learning_rate", 0.0)),
                    "tokens_per_second": max(0.0, seen / elapsed),
                }
            )
        for key, value in logs.items():
            if key.startswith("eval_") and isinstance(value, (int, float)) and key != "eval_model_preparation_time" and not key.endswith(("_runtime", "per_second")):
                self.events.emit({"type": "metric", "name": key, "value": float(value), "step": state.global_step})

    def on_save(self, args, state, control, **kwargs):
        path = os.path.join(args.output_dir, f"checkpoint-{state.global_step}")
        self.events.emit({"type": "checkpoint", "path": path, "step": state.global_step})


class Rows(Dataset):
    def __init__(self, items: list[dict]):
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i: int) -> dict:
        return self.items[i]


def prompt_and_answer(row: dict, tokenizer) -> tuple[str, str]:
    """The text the model is given and the text it must produce, through the chat template for chat rows."""
    if "messages" in row:
        messages = row["messages"]
        if getattr(tokenizer, "chat_template", None):
            prompt = tokenizer.apply_chat_template(messages[:-1], tokenize=False, add_generation_prompt=True)
            full = tokenizer.apply_chat_template(messages, tokenize=False)
            # The template's own end-of-turn text belongs to the target, so the model learns to stop.
            answer = full[len(prompt) :] if full.startswith(prompt) else messages[-1]["content"]
            return prompt, answer
        prompt = "".join(f"{m['role']}: {m['content']}\n" for m in messages[:-1]) + "assistant: "
        return prompt, messages[-1]["content"]
    return row["prompt"], row["completion"]


def causal_items(rows: list[dict], tokenizer, max_len: int) -> list[dict]:
    """Prompt and answer tokens, with the prompt masked out of the loss."""
    items = []
    eos = tokenizer.eos_token or ""
    for row in rows:
        prompt, answer = prompt_and_answer(row, tokenizer)
        if eos and eos not in answer:
            answer = answer + eos
        p = tokenizer(prompt, add_special_tokens=False)["input_ids"]
        a = tokenizer(answer, add_special_tokens=False)["input_ids"]
        ids = (p + a)[:max_len]
        labels = ([IGNORE] * len(p) + a)[:max_len]
        items.append({"input_ids": ids, "labels": labels})
    return items


def pack(items: list[dict], max_len: int) -> list[dict]:
    """Examples packed into rows of at most max_len tokens (trl's best-fit-decreasing), each row recording its
    examples' lengths so that the collator restarts position ids at every example."""
    from datasets import Dataset as HFDataset
    from trl import pack_dataset

    packed = pack_dataset(HFDataset.from_list(items), seq_length=max_len, strategy="bfd")
    return [dict(row) for row in packed]


def causal_collator(tokenizer, packing: bool):
    """Padding-free batches when packing: one row, position ids restarting per example and no attention mask,
    which transformers turns into a block-diagonal causal mask (SDPA, eager) or varlen flash attention."""
    from trl.trainer.sft_trainer import DataCollatorForLanguageModeling

    return DataCollatorForLanguageModeling(pad_token_id=tokenizer.pad_token_id, padding_free=packing)


def seq2seq_items(rows: list[dict], tokenizer, max_len: int) -> list[dict]:
    items = []
    for row in rows:
        prompt, answer = prompt_and_answer(row, tokenizer)
        enc = tokenizer(prompt, truncation=True, max_length=max_len)
        labels = tokenizer(text_target=answer, truncation=True, max_length=max_len)["input_ids"]
        items.append({"input_ids": enc["input_ids"], "attention_mask": enc["attention_mask"], "labels": labels})
    return items


def classification_items(rows: list[dict], tokenizer, labels: list[str], max_len: int, where: str = "", lines=None) -> list[dict]:
    """Token ids and class index; a label outside the declared set stops the run at its file and line."""
    index = {label: i for i, label in enumerate(labels)}
    items = []
    for n, row in enumerate(rows):
        if row.get("label") not in index:
            line = lines[n] if lines else n + 1
            raise SystemExit(
                f"{where or 'rows'}:{line}: label {json.dumps(row.get('label'))} (row {json.dumps(row.get('id'))}) is not one of "
                f"data.labels ({', '.join(labels)})"
            )
        enc = tokenizer(row["text"], truncation=True, max_length=max_len)
        items.append({"input_ids": enc["input_ids"], "attention_mask": enc["attention_mask"], "labels": index[row["label"]]})
    return items


def check_targets(items: list[dict], rows: list[dict], lines: list[int], hp: dict, where: str, events) -> int:
    """Counts the train rows whose prompt leaves no target token within max_seq_length (nothing of them is in the
    loss), reports the count as a metric event, and stops the run when their share is above max_share_without_target."""
    empty = [n for n, item in enumerate(items) if all(label == IGNORE for label in item["labels"])]
    events.emit({"type": "metric", "name": "train_rows_without_target", "value": float(len(empty)), "step": 0})
    limit = float(hp["max_share_without_target"])
    if items and len(empty) / len(items) > limit:
        shown = ", ".join(f"{where}:{lines[n]} (id {json.dumps(rows[n].get('id'))})" for n in empty[:5])
        raise SystemExit(
            f"{len(empty)} of {len(items)} train rows leave no target token within max_seq_length {hp['max_seq_length']} "
            f"({100 * len(empty) / len(items):.1f}%, above max_share_without_target {limit}): {shown}"
            f"{', ...' if len(empty) > 5 else ''}. Raise max_seq_length or shorten these prompts."
        )
    return len(empty)


def resolve_base(base: dict) -> tuple[str, dict]:
    """Where the base model loads from: TUNEGATE_MODEL_DIR/<id> when that folder exists (models kept on the runner
    or built locally, safetensors only), an absolute local folder, else the Hugging Face Hub at the pinned revision."""
    root = os.environ.get("TUNEGATE_MODEL_DIR")
    local: Path | None = None
    if root:
        candidate = (Path(root) / base["id"]).resolve()
        if candidate.is_dir():
            if not candidate.is_relative_to(Path(root).resolve()):
                raise SystemExit(f"base_model.id '{base['id']}' points outside TUNEGATE_MODEL_DIR ({root})")
            local = candidate
    if local is None and os.path.isabs(base["id"]) and os.path.isdir(base["id"]):
        local = Path(base["id"])
    if local is None:
        return base["id"], {"revision": base["revision"], "use_safetensors": True}
    pickles = sorted(p.name for p in local.iterdir() if p.suffix in PICKLE_SUFFIXES)
    if pickles:
        raise SystemExit(f"{local}: pickle weights are refused ({', '.join(pickles)}); expected safetensors")
    return str(local), {"use_safetensors": True}


def use_bf16(hp: dict) -> bool:
    """bf16 where the GPU has it, unless `bf16: false` (true and 'auto' both mean: where the GPU has it)."""
    return torch.cuda.is_available() and torch.cuda.is_bf16_supported() and hp["bf16"] is not False


def load_model(spec: dict, labels: list[str] | None, source: str, kwargs: dict):
    hp = resolve_hyperparameters(spec)
    bf16 = use_bf16(hp)
    # LoRA keeps the frozen base in bf16; full fine-tuning keeps fp32 master weights under bf16 autocast.
    kwargs = {**kwargs, "dtype": torch.bfloat16 if bf16 and spec["method"] != "full" else torch.float32}
    if hp.get("attn_implementation"):
        kwargs["attn_implementation"] = str(hp["attn_implementation"])
    if spec["method"] == "qlora":
        try:
            import bitsandbytes  # noqa: F401
            from transformers import BitsAndBytesConfig
        except ImportError as e:  # pragma: no cover - needs a CUDA machine
            raise SystemExit(f"method 'qlora' needs bitsandbytes on a CUDA machine (requirements-gpu.txt): {e}")
        if not torch.cuda.is_available():
            raise SystemExit("method 'qlora' needs a CUDA GPU: 4-bit bitsandbytes layers do not train on this machine")
        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=kwargs["dtype"], bnb_4bit_use_double_quant=True
        )
    if spec["task_family"] == "classification":
        model = AutoModelForSequenceClassification.from_pretrained(
            source, num_labels=len(labels), id2label=dict(enumerate(labels)), label2id={l: i for i, l in enumerate(labels)},
            ignore_mismatched_sizes=True,  # the head is new for this label set, whatever head the base had
            **kwargs,
        )
        kind = "SEQ_CLS"
    elif spec["base_model"]["architecture"] == "encoder-decoder":
        model = AutoModelForSeq2SeqLM.from_pretrained(source, **kwargs)
        kind = "SEQ_2_SEQ_LM"
    else:
        model = AutoModelForCausalLM.from_pretrained(source, **kwargs)
        # No KV cache while training: with one, transformers ignores the packed position ids and a packed
        # example would attend to the examples before it (generation turns the cache back on).
        model.config.use_cache = False
        kind = "CAUSAL_LM"
    if spec["method"] in ("lora", "qlora"):
        from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training

        if spec["method"] == "qlora":
            model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=bool(hp.get("gradient_checkpointing", True)))
        config = LoraConfig(
            r=int(hp["lora_r"]),
            lora_alpha=hp["lora_alpha"],
            lora_dropout=float(hp["lora_dropout"]),
            target_modules=hp["lora_target_modules"],
            # peft 0.21's seq2seq wrapper calls a generation helper that transformers 5 removed; the plain
            # PeftModel trains and generates through the base model just as well.
            task_type=None if kind == "SEQ_2_SEQ_LM" and not hasattr(model, "_prepare_encoder_decoder_kwargs_for_generation") else kind,
        )
        model = get_peft_model(model, config)
    return model, kind, bf16


def training_arguments(**kwargs) -> TrainingArguments:
    """TrainingArguments across transformers 4.57 and 5.x: 5.x dropped warmup_ratio (a warmup_steps below 1 is
    the ratio) and save_safetensors (always safetensors)."""
    names = {f.name for f in dataclasses.fields(TrainingArguments)}
    ratio = kwargs.pop("warmup_ratio")
    if "warmup_ratio" in names:
        kwargs["warmup_ratio"] = ratio
    else:
        kwargs["warmup_steps"] = ratio
    if "save_safetensors" in names:
        kwargs["save_safetensors"] = True
    return TrainingArguments(**kwargs)


def run(spec: dict, callbacks: list | None = None) -> None:
    """Trains one model as the spec says and writes the contract's outputs."""
    hp = resolve_hyperparameters(spec)
    out = Path(spec["output_dir"])
    adapter_dir = out / "adapter"
    adapter_dir.mkdir(parents=True, exist_ok=True)
    main_process = int(os.environ.get("RANK", "0")) == 0
    events = Events(out, main_process)
    set_seed(int(spec["seed"]))

    labels = spec.get("labels")
    source, load_kwargs = resolve_base(spec["base_model"])
    tok_kwargs = {k: v for k, v in load_kwargs.items() if k == "revision"}
    tokenizer = AutoTokenizer.from_pretrained(source, **tok_kwargs)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token or tokenizer.unk_token
    model, kind, bf16 = load_model(spec, labels, source, load_kwargs)
    if kind == "SEQ_CLS" and model.config.pad_token_id is None:
        model.config.pad_token_id = tokenizer.pad_token_id

    max_len = int(hp["max_seq_length"])
    packing = bool(hp["packing"]) and kind == "CAUSAL_LM"
    train_lines: list[int] = []
    eval_lines: list[int] = []
    train_rows = read_jsonl(spec["train_file"], train_lines)
    eval_rows = read_jsonl(spec["eval_file"], eval_lines)
    # Injection probes ride in the eval file with what the model must not say as their target: no eval loss.
    loss_at = [n for n, r in enumerate(eval_rows) if not str(r["id"]).startswith(PROBE_PREFIX)]
    loss_rows = [eval_rows[n] for n in loss_at]
    if kind == "SEQ_CLS":
        train_items = classification_items(train_rows, tokenizer, labels, max_len, spec["train_file"], train_lines)
        eval_items = classification_items(loss_rows, tokenizer, labels, max_len, spec["eval_file"], [eval_lines[n] for n in loss_at])
        collator = DataCollatorWithPadding(tokenizer)
    elif kind == "SEQ_2_SEQ_LM":
        train_items = seq2seq_items(train_rows, tokenizer, max_len)
        eval_items = seq2seq_items(loss_rows, tokenizer, max_len)
        collator = DataCollatorForSeq2Seq(tokenizer, label_pad_token_id=IGNORE)
    else:
        train_items = causal_items(train_rows, tokenizer, max_len)
        eval_items = causal_items(loss_rows, tokenizer, max_len)
        check_targets(train_items, train_rows, train_lines, hp, spec["train_file"], events)
        if packing:
            train_items = pack(train_items, max_len)
        collator = causal_collator(tokenizer, packing)

    gradient_checkpointing = bool(hp.get("gradient_checkpointing", torch.cuda.is_available()))
    distributed = spec.get("distributed") or None
    # The state fsdp_on_cpu sets up is kept by TrainingArguments only with use_configured_state (else it resets it).
    configured = {"use_configured_state": True} if distributed and distributed["strategy"] == "fsdp" and fsdp_on_cpu() else None
    floor = bool(eval_items) and not spec.get("resume_from_checkpoint") and hp["eval_before_training"] is not False
    # Over several processes the step-0 evaluation runs inside the training loop, after the model is prepared:
    # evaluated before train(), the Trainer's model is never wrapped in DDP (each rank would train alone on its
    # share of the rows) and FSDP2 refuses to prepare a model without its optimizer.
    in_loop = int(os.environ.get("WORLD_SIZE", "1")) > 1
    args = training_arguments(
        output_dir=str(out / "checkpoints"),
        num_train_epochs=float(hp["epochs"]),
        max_steps=int(hp["max_steps"]),
        learning_rate=float(hp["learning_rate"]),
        per_device_train_batch_size=int(hp["batch_size"]),
        per_device_eval_batch_size=int(hp["eval_batch_size"]),
        gradient_accumulation_steps=int(hp["gradient_accumulation_steps"]),
        warmup_ratio=float(hp["warmup_ratio"]),
        lr_scheduler_type=str(hp["lr_scheduler"]),
        weight_decay=float(hp["weight_decay"]),
        logging_steps=int(hp["logging_steps"]),
        save_strategy="steps",
        save_steps=int(hp["save_steps"]),
        save_total_limit=int(hp["save_total_limit"]),
        bf16=bf16,
        gradient_checkpointing=gradient_checkpointing,
        # Non-reentrant checkpointing: with LoRA the frozen embeddings' outputs carry no grad, which the
        # reentrant form rejects ("element 0 of tensors does not require grad").
        gradient_checkpointing_kwargs={"use_reentrant": False},
        include_num_input_tokens_seen=True,
        seed=int(spec["seed"]),
        report_to=[],
        remove_unused_columns=False,
        dataloader_num_workers=int(hp.get("dataloader_num_workers", 2 if torch.cuda.is_available() else 0)),
        ddp_find_unused_parameters=False,
        eval_on_start=floor and in_loop,
        **({"accelerator_config": configured} if configured else {}),
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=Rows(train_items),
        eval_dataset=Rows(eval_items) if eval_items else None,
        data_collator=collator,
        callbacks=[EventsCallback(events), *(callbacks or [])],
    )
    layout = check_layout(trainer.accelerator, distributed)
    resume = spec.get("resume_from_checkpoint") or None
    if floor and not in_loop:
        trainer.evaluate()  # the untrained model's eval_loss, at step 0: the floor the run must beat
    trainer.train(resume_from_checkpoint=resume)
    if eval_items:
        trainer.evaluate()

    trainer.save_model(str(adapter_dir))  # on every process: FSDP and DeepSpeed gather the weights here
    trainer.accelerator.wait_for_everyone()
    if layout:
        check_wrapped(trainer, layout)
    # Every rank predicts its share: under FSDP and ZeRO-3 each forward is a collective over all ranks.
    predictions = predict_on_every_rank(trainer, tokenizer, kind, eval_rows, labels, hp, max_len, layout)
    if not main_process:
        return
    # The Trainer pickles its arguments beside the weights, and may save the tokenizer's template as .jinja.
    for leftover in adapter_dir.iterdir():
        if leftover.suffix in PICKLE_SUFFIXES or leftover.suffix == ".jinja":
            leftover.unlink()
    # The chat template inside tokenizer_config.json: the contract accepts no .jinja files in an adapter.
    tokenizer.save_pretrained(str(adapter_dir), save_jinja_files=False)
    describe_adapter(adapter_dir, spec, labels)
    with open(out / "predictions.jsonl", "w", encoding="utf-8") as f:
        for row, prediction in zip(eval_rows, predictions):
            f.write(json.dumps({"id": row["id"], "prediction": prediction}) + "\n")
    events.emit({"type": "done"})


# What accelerate's state says for each training.distributed.strategy (accelerate's DistributedType names).
STRATEGY_TYPES = {"ddp": ("MULTI_GPU", "MULTI_CPU"), "fsdp": ("FSDP",), "zero3": ("DEEPSPEED",)}


@dataclasses.dataclass(frozen=True)
class Layout:
    """The process layout a run trains under: the spec's strategy, this process's rank and the world size."""

    strategy: str
    rank: int
    world: int


def fsdp_on_cpu() -> bool:
    """Turns FSDP on for a CPU-only launch. accelerate 1.15 turns FSDP on only for accelerator devices (in
    AcceleratorState, MULTI_CPU is not among the types that become FSDP) and otherwise trains as plain multi-process
    without a word. torch's FSDP2 shards over gloo on CPU, so this initialises the process group as accelerate
    would (PartialState(cpu=True)) and marks it as a multi-device state, so that the Trainer's Accelerator takes
    the FSDP branch (and writes FSDP back into the shared state); check_layout checks the outcome. No library
    does this; the device stays the CPU and the backend gloo."""
    from accelerate.state import PartialState
    from accelerate.utils import DistributedType

    launched_for_fsdp = os.environ.get("ACCELERATE_USE_FSDP", "false").lower() == "true"
    if torch.cuda.is_available() or int(os.environ.get("WORLD_SIZE", "1")) < 2 or not launched_for_fsdp:
        return False
    state = PartialState(cpu=True)
    if state.distributed_type != DistributedType.MULTI_CPU:
        return False
    PartialState._shared_state["distributed_type"] = DistributedType.MULTI_GPU
    return True


def check_layout(accelerator, distributed: dict | None) -> Layout | None:
    """The layout accelerate set up, checked against training.distributed: a strategy accelerate did not turn on
    (FSDP falling back to plain multi-process, a ZeRO stage other than 3) or another process count stops the run."""
    if not distributed:  # several processes without training.distributed: the strategy is whatever was launched
        world = accelerator.num_processes
        strategy = {"FSDP": "fsdp", "DEEPSPEED": "zero3"}.get(accelerator.state.distributed_type.name, "ddp")
        return Layout(strategy, accelerator.process_index, world) if world > 1 else None
    strategy, processes = distributed["strategy"], int(distributed["processes"])
    state = accelerator.state
    kind = state.distributed_type.name
    world = accelerator.num_processes
    problem = None
    if processes > 1 and kind not in STRATEGY_TYPES[strategy]:
        problem = f"accelerate runs {kind}, expected {' or '.join(STRATEGY_TYPES[strategy])}"
    elif world != processes:
        problem = f"{world} processes run, expected {processes}"
    elif strategy == "zero3" and processes > 1:
        stage = state.deepspeed_plugin.zero_stage if state.deepspeed_plugin else None
        if stage != 3:
            problem = f"DeepSpeed runs ZeRO stage {stage}, expected 3"
    if problem:
        raise SystemExit(
            f"training.distributed {{strategy: {strategy}, processes: {processes}}}: {problem}. "
            "Start the trainer through tunegate train, which launches it with the strategy's accelerate config "
            f"(trainers/hf-peft/configs/{strategy}.yaml)."
        )
    print(f"tunegate hf-peft: rank {accelerator.process_index} of {world}: strategy {strategy}, "
          f"accelerate distributed_type {kind}", file=sys.stderr, flush=True)
    return Layout(strategy, accelerator.process_index, world)


def check_wrapped(trainer, layout: Layout) -> None:
    """Stops the run when the trained model is not wrapped as its strategy needs (DDP, so that the ranks' gradients
    were averaged; FSDP2-sharded); logs what it is."""
    if layout.world < 2 or layout.strategy == "zero3":  # DeepSpeed's engine: checked through distributed_type
        return
    from torch.distributed.fsdp import FSDPModule
    from torch.nn.parallel import DistributedDataParallel

    model = trainer.model_wrapped
    wanted, name = (FSDPModule, "FSDP-sharded") if layout.strategy == "fsdp" else (DistributedDataParallel, "DDP-wrapped")
    if not isinstance(model, wanted):
        raise SystemExit(f"training.distributed strategy {layout.strategy}: the trained model is a {type(model).__name__}, "
                         f"not {name}; accelerate did not wrap it, so the processes did not train one model together")
    print(f"tunegate hf-peft: rank {layout.rank}: model {type(model).__name__} is {name}", file=sys.stderr, flush=True)


def rank_batches(count: int, batch_size: int, layout: Layout | None) -> list[tuple[list[int], bool]]:
    """This rank's prediction batches, as positions in the length-sorted rows, each with whether its answers are
    kept. The batches are those a single process makes, dealt round-robin, so each row is padded with the same
    neighbours as in a one-process run and gets the same greedy answer. A rank with fewer batches repeats the
    first one and drops its answers, so that every rank makes the same number of forward calls and FSDP's and
    ZeRO-3's collectives pair up."""
    batches = [list(range(i, min(i + batch_size, count))) for i in range(0, count, batch_size)]
    if not layout or layout.world < 2:
        return [(batch, True) for batch in batches]
    rounds = -(-len(batches) // layout.world)
    mine = [(batch, True) for batch in batches[layout.rank :: layout.world]]
    padding = [(batches[0], False)] * (rounds - len(mine)) if len(mine) < rounds else []
    return mine + padding


def describe_adapter(adapter_dir: Path, spec: dict, labels: list[str] | None) -> None:
    """Makes a LoRA adapter loadable outside this runner: adapter_config.json names the registry's base model id
    and revision (peft records the folder the base was loaded from here, and no revision), and a classification
    adapter gets labels.json with num_labels, id2label and label2id, which peft's config cannot hold (full
    weights carry them in config.json). Written as Tunegate's release archive writes them, byte for byte."""
    config_file = adapter_dir / "adapter_config.json"
    if not config_file.exists():
        return
    config = json.loads(config_file.read_text(encoding="utf-8"))
    config["base_model_name_or_path"] = spec["base_model"]["id"]
    config["revision"] = spec["base_model"]["revision"]
    config_file.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if spec["task_family"] == "classification" and labels:
        described = {
            "num_labels": len(labels),
            "id2label": {str(i): label for i, label in enumerate(labels)},
            "label2id": {label: i for i, label in enumerate(labels)},
        }
        (adapter_dir / "labels.json").write_text(json.dumps(described, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def predict_on_every_rank(trainer, tokenizer, kind: str, rows: list[dict], labels, hp: dict, max_len: int,
                          layout: Layout | None) -> list[str]:
    """The predictions of the trained model, each rank generating its share with the wrapped model, gathered on
    every rank in the rows' order. The root of an FSDP2 model is unsharded for the duration: generate does not go
    through the root's forward, whose hook gathers the embeddings and the head. (transformers 5's train() registers
    generate as an FSDP forward method too; this does not depend on it.)"""
    model = trainer.model
    from torch.distributed.fsdp import FSDPModule

    root = trainer.model_wrapped if isinstance(trainer.model_wrapped, FSDPModule) else None
    if root is not None:
        root.unshard()
    try:
        return predict(model, tokenizer, kind, rows, labels, hp, max_len, layout)
    finally:
        if root is not None:
            root.reshard()


@torch.no_grad()
def predict(model, tokenizer, kind: str, rows: list[dict], labels, hp: dict, max_len: int,
            layout: Layout | None = None) -> list[str]:
    """Batched greedy generation (prompts sorted by length, left-padded for decoders) or argmax over class logits;
    over several processes, each generates its batches and all answers are gathered, in the rows' order."""
    model.eval()
    device = next(model.parameters()).device
    hp = resolve_hyperparameters({"hyperparameters": hp})
    batch_size = int(hp["eval_batch_size"])
    if kind == "SEQ_CLS":
        texts = [r["text"] for r in rows]
    else:
        texts = [prompt_and_answer(r, tokenizer)[0] for r in rows]
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    several = layout is not None and layout.world > 1
    # Sharded weights: a rank whose sequences have all ended keeps running forwards until every rank's have.
    synced = several and layout.strategy in ("fsdp", "zero3")
    answered: list[tuple[int, str]] = []
    tokenizer.padding_side = "left" if kind == "CAUSAL_LM" else "right"
    for positions, keep in rank_batches(len(order), batch_size, layout):
        chunk = [order[p] for p in positions]
        batch = [texts[i] for i in chunk]
        if kind == "SEQ_CLS":
            enc = tokenizer(batch, truncation=True, max_length=max_len, padding=True, return_tensors="pt").to(device)
            answers = [labels[i] for i in model(**enc).logits.argmax(-1).tolist()]
        else:
            enc = tokenizer(
                batch, truncation=True, max_length=max_len, padding=True, return_tensors="pt", add_special_tokens=kind != "CAUSAL_LM"
            ).to(device)
            generated = model.generate(
                **enc, max_new_tokens=int(hp["max_new_tokens"]), do_sample=False, use_cache=True,
                pad_token_id=tokenizer.pad_token_id, synced_gpus=synced,
            )
            if kind == "CAUSAL_LM":
                generated = generated[:, enc["input_ids"].shape[1] :]
            answers = [t.strip() for t in tokenizer.batch_decode(generated, skip_special_tokens=True)]
        if keep:
            answered.extend(zip(chunk, answers))
    if several:
        from accelerate.utils import gather_object

        answered = gather_object(answered)
    result: list[str | None] = [None] * len(texts)
    for i, answer in answered:
        result[i] = answer
    missing = [rows[i].get("id") for i, answer in enumerate(result) if answer is None]
    if missing:  # a bug, not the user's: every row is some rank's
        raise RuntimeError(f"no prediction for eval rows {missing[:5]}")
    return result


def main() -> int:
    spec_path = os.environ.get("TUNEGATE_RUN_SPEC")
    if not spec_path:
        print("TUNEGATE_RUN_SPEC is not set: this trainer is started by tunegate train", file=sys.stderr)
        return 2
    run(json.loads(Path(spec_path).read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
