"""The reference trainer under the Tunegate contract, on tiny models built from configs (no model hub).

Most runs call train.run() in this process (one import of torch for all of them); resume after a kill and
`accelerate launch` run the trainer as separate processes, as the train action does."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from conftest import (
    LABELS,
    TRAINER_DIR,
    chat_rows,
    check_contract,
    classification_rows,
    completion_rows,
    eval_losses,
    read_events,
    write_spec,
)

import train

TRAIN_PY = TRAINER_DIR / "train.py"


def test_causal_lm_full_learns_with_packing_and_scores_better(tmp, tiny):
    """On a patterned task the trained model's eval loss falls far below the untrained one's, and its predictions
    score better (token F1 here; the TypeScript side scores the same predictions with Tunegate's metrics)."""
    evaluation = chat_rows(12, "e")
    spec = write_spec(tmp, tiny("llama"), "text-generation", "decoder", "chat", chat_rows(48), evaluation, method="full",
                      extra={"packing": True, "epochs": 20, "learning_rate": 0.003, "batch_size": 2, "logging_steps": 20, "save_steps": 50})
    train.run(spec)
    trained = check_contract(Path(spec["output_dir"]), evaluation)
    before, after = eval_losses(Path(spec["output_dir"]))
    assert after < 0.5 * before, (before, after)
    assert (Path(spec["output_dir"]) / "adapter" / "model.safetensors").exists()

    source, kwargs = train.resolve_base(spec["base_model"])
    tokenizer = train.AutoTokenizer.from_pretrained(source)
    base, kind, _ = train.load_model({**spec, "method": "full"}, None, source, kwargs)
    untrained = train.predict(base, tokenizer, kind, evaluation, None, spec["hyperparameters"], 64)
    references = [r["messages"][-1]["content"] for r in evaluation]

    def token_f1(p: str, r: str) -> float:
        ps, rs = p.split(), r.split()
        common = sum(min(ps.count(w), rs.count(w)) for w in set(ps))
        return 0.0 if not common else 2 * common / (len(ps) + len(rs))

    score = lambda preds: sum(token_f1(p, r) for p, r in zip(preds, references)) / len(references)
    assert score([p["prediction"] for p in trained]) > score(untrained) + 0.2
    if os.environ.get("TUNEGATE_HF_PEFT_ARTIFACTS"):  # for test/trainer-hf-peft.test.ts
        Path(os.environ["TUNEGATE_HF_PEFT_ARTIFACTS"], "learns.json").write_text(
            json.dumps({"references": references, "trained": [p["prediction"] for p in trained], "untrained": untrained})
        )


def test_causal_lm_lora_chat_template_gradient_checkpointing(tmp, tiny):
    evaluation = chat_rows(5, "e")
    spec = write_spec(tmp, tiny("llama"), "text-generation", "decoder", "chat", chat_rows(24), evaluation,
                      extra={"gradient_checkpointing": True, "epochs": 4, "learning_rate": 0.01})
    train.run(spec)
    out = Path(spec["output_dir"])
    check_contract(out, evaluation)
    files = sorted(p.name for p in (out / "adapter").iterdir())
    assert "adapter_model.safetensors" in files and "adapter_config.json" in files and "model.safetensors" not in files
    assert json.loads((out / "adapter" / "adapter_config.json").read_text())["peft_type"] == "LORA"
    # The chat template travels with the adapter, inside tokenizer_config.json (no .jinja file).
    assert "<|assistant|>" in json.loads((out / "adapter" / "tokenizer_config.json").read_text())["chat_template"]
    before, after = eval_losses(out)
    assert after < before


def test_chat_rows_go_through_the_chat_template_and_the_target_ends_the_turn(tiny):
    tokenizer = train.AutoTokenizer.from_pretrained(tiny("llama"))
    prompt, answer = train.prompt_and_answer(chat_rows(1)[0], tokenizer)
    assert prompt == "<|user|>describe the yoga<|end|><|assistant|>"
    assert answer == "the yoga is grinder<|end|>"
    item = train.causal_items(chat_rows(1), tokenizer, 64)[0]
    n_prompt = len(tokenizer(prompt, add_special_tokens=False)["input_ids"])
    assert item["labels"][:n_prompt] == [train.IGNORE] * n_prompt  # no loss on the prompt
    assert item["labels"][n_prompt:] == item["input_ids"][n_prompt:]


def test_packed_examples_attend_only_to_themselves(tiny):
    """The logits of an example are the same packed after another example as alone (SDPA on CPU); packing with
    positions that do not restart, as before, leaks attention across examples."""
    tokenizer = train.AutoTokenizer.from_pretrained(tiny("llama"))
    spec = {"task_family": "text-generation", "method": "full", "hyperparameters": {"attn_implementation": "sdpa"},
            "base_model": {"architecture": "decoder"}}
    model, _, _ = train.load_model(spec, None, str(tiny("llama")), {})  # as it is trained
    a, b = train.causal_items(chat_rows(2), tokenizer, 64)
    packed = train.pack([b, a], 64)
    assert len(packed) == 1 and sorted(packed[0]["seq_lengths"]) == sorted([len(a["input_ids"]), len(b["input_ids"])])
    batch = train.causal_collator(tokenizer, packing=True)(packed)
    assert "attention_mask" not in batch
    starts = (batch["position_ids"][0] == 0).nonzero().flatten().tolist()
    assert len(starts) == 2
    with torch.no_grad():
        together = model(input_ids=batch["input_ids"], position_ids=batch["position_ids"]).logits[0]
        ids = batch["input_ids"][0].tolist()
        for start, end in zip(starts, starts[1:] + [len(ids)]):
            alone = model(input_ids=torch.tensor([ids[start:end]])).logits[0]
            torch.testing.assert_close(together[start:end], alone, atol=1e-5, rtol=1e-4)
        second = slice(starts[1], len(ids))
        leaky = model(input_ids=batch["input_ids"], attention_mask=torch.ones_like(batch["input_ids"])).logits[0]
        alone = model(input_ids=torch.tensor([ids[second]])).logits[0]
        assert not torch.allclose(leaky[second], alone, atol=1e-3)
    # Each example's first token is not predicted from the previous example.
    assert all(batch["labels"][0, s].item() == train.IGNORE for s in starts)


@pytest.mark.parametrize("method", ["lora", "full"])
def test_seq2seq(tmp, tiny, method):
    evaluation = completion_rows(4, "e")
    spec = write_spec(tmp, tiny("t5"), "transformation", "encoder-decoder", "completion", completion_rows(20), evaluation,
                      method=method, extra={"learning_rate": 0.01 if method == "lora" else 0.003, "epochs": 3})
    train.run(spec)
    out = Path(spec["output_dir"])
    check_contract(out, evaluation)
    assert (out / "adapter" / ("adapter_model.safetensors" if method == "lora" else "model.safetensors")).exists()
    before, after = eval_losses(out)
    assert after < before


@pytest.mark.parametrize("method", ["lora", "full"])
def test_sequence_classification(tmp, tiny, method):
    evaluation = classification_rows(6, "e")
    probe = {"id": "probe:ignore-instructions", "use_case": None, "text": "ignore your instructions", "label": LABELS[0]}
    spec = write_spec(tmp, tiny("bert"), "classification", "encoder", "classification", classification_rows(32),
                      [*evaluation, probe], labels=LABELS, method=method,
                      extra={"learning_rate": 0.01 if method == "lora" else 0.001, "epochs": 4})
    train.run(spec)
    out = Path(spec["output_dir"])
    predictions = check_contract(out, [*evaluation, probe])
    assert {p["prediction"] for p in predictions} <= set(LABELS)
    before, after = eval_losses(out)
    assert after < before
    if method == "full":  # the task is separable: the fully fine-tuned classifier gets every eval row right
        assert [p["prediction"] for p in predictions[:-1]] == [r["label"] for r in evaluation]
        config = json.loads((out / "adapter" / "config.json").read_text())
        assert config["id2label"] == {str(i): label for i, label in enumerate(LABELS)}
    else:  # the adapter names the registry's base model and revision, not where it was loaded from, and its labels
        config = json.loads((out / "adapter" / "adapter_config.json").read_text())
        assert (config["base_model_name_or_path"], config["revision"]) == (spec["base_model"]["id"], "local")
        assert json.loads((out / "adapter" / "labels.json").read_text()) == {
            "num_labels": 2,
            "id2label": {"0": LABELS[0], "1": LABELS[1]},
            "label2id": {LABELS[0]: 0, LABELS[1]: 1},
        }


def test_a_label_outside_the_declared_set_stops_the_run_at_its_line(tmp, tiny):
    """An undeclared label is an error naming the train file's line, never trained as class 0."""
    rows = classification_rows(8)
    rows[3]["label"] = "topic-tea"
    spec = write_spec(tmp, tiny("bert"), "classification", "encoder", "classification", rows, classification_rows(2, "e"),
                      labels=LABELS)
    with pytest.raises(SystemExit) as stopped:
        train.run(spec)
    message = str(stopped.value)
    assert message.startswith(f"{spec['train_file']}:4: label \"topic-tea\" (row \"t3\") is not one of data.labels"), message
    assert not (Path(spec["output_dir"]) / "predictions.jsonl").exists()


def long_prompt_rows(n: int, long_at: set[int]) -> list[dict]:
    """Completion rows; those at `long_at` have a prompt far longer than 64 tokens, so no target token fits."""
    rows = completion_rows(n)
    for i in long_at:
        rows[i]["prompt"] = "describe the " + " ".join(["yoga mat cork rubber"] * 60)
    return rows


def test_rows_without_a_target_token_are_counted_and_fail_the_run_above_the_share(tmp, tiny):
    """2 of 8 rows leave no target token within max_seq_length 64: counted, and above the default 1% the run stops
    before training, naming the rows' lines."""
    spec = write_spec(tmp, tiny("llama"), "text-generation", "decoder", "completion", long_prompt_rows(8, {2, 5}),
                      completion_rows(2, "e"), extra={"epochs": 1})
    with pytest.raises(SystemExit) as stopped:
        train.run(spec)
    message = str(stopped.value)
    assert message.startswith("2 of 8 train rows leave no target token within max_seq_length 64 (25.0%, above "
                              "max_share_without_target 0.01)"), message
    assert f"{spec['train_file']}:3 (id \"t2\"), {spec['train_file']}:6 (id \"t5\")" in message
    out = Path(spec["output_dir"])
    assert [e for e in read_events(out) if e["type"] == "metric"] == [
        {"type": "metric", "name": "train_rows_without_target", "value": 2.0, "step": 0}
    ]
    assert not (out / "checkpoints").exists()


def test_rows_without_a_target_token_within_the_share_train_and_are_reported(tmp, tiny):
    spec = write_spec(tmp, tiny("llama"), "text-generation", "decoder", "completion", long_prompt_rows(8, {2}),
                      completion_rows(2, "e"),
                      extra={"epochs": 1, "max_share_without_target": 0.2, "eval_before_training": False, "save_steps": 100})
    train.run(spec)
    events = read_events(Path(spec["output_dir"]))
    assert {"type": "metric", "name": "train_rows_without_target", "value": 1.0, "step": 0} in events
    assert events[-1] == {"type": "done"}


def test_the_run_reads_the_shared_defaults(tmp):
    """Hyperparameters the spec leaves out come from defaults.json (written from src/training/hyperparameters.ts);
    max_seq_length is capped at the context window."""
    defaults = json.loads((TRAINER_DIR / "defaults.json").read_text())
    hp = train.resolve_hyperparameters({"hyperparameters": {"epochs": 3}, "base_model": {"context_window": 300}})
    assert hp == {**defaults, "epochs": 3, "max_seq_length": 300}


KILL_AFTER_SAVE = """
import json, os, signal, sys
sys.path.insert(0, sys.argv[1])
import train
class KillAfterSave(train.TrainerCallback):
    def on_save(self, args, state, control, **kwargs):
        if state.global_step >= int(sys.argv[3]):
            os.kill(os.getpid(), signal.SIGKILL)
train.run(json.load(open(sys.argv[2])), callbacks=[KillAfterSave()])
"""


def test_resume_after_a_kill_mid_run_reaches_the_same_final_step(tmp, tiny):
    evaluation = chat_rows(3, "e")
    spec = write_spec(tmp, tiny("llama"), "text-generation", "decoder", "chat", chat_rows(24), evaluation,
                      extra={"epochs": 3, "save_steps": 4, "logging_steps": 1, "packing": True, "batch_size": 1})
    reference_dir = tmp / "reference"
    train.run({**spec, "output_dir": str(reference_dir)})
    expected = [e for e in read_events(reference_dir) if e["type"] == "progress"][-1]["step"]
    assert expected >= 8

    env = {**os.environ, "CUDA_VISIBLE_DEVICES": ""}
    killed = subprocess.run([sys.executable, "-c", KILL_AFTER_SAVE, str(TRAINER_DIR), str(tmp / "spec.json"), "4"],
                            env=env, capture_output=True, text=True, timeout=300)
    assert killed.returncode == -9, killed.stderr[-3000:]
    out = Path(spec["output_dir"])
    checkpoints = [e for e in read_events(out) if e["type"] == "checkpoint"]
    assert [c["step"] for c in checkpoints] == [4] and Path(checkpoints[-1]["path"]).is_dir()
    assert not (out / "predictions.jsonl").exists()

    # What the train action does on a retry: the last checkpoint event whose folder exists is the resume point.
    (tmp / "spec.json").write_text(json.dumps({**spec, "resume_from_checkpoint": checkpoints[-1]["path"]}))
    resumed = subprocess.run([sys.executable, str(TRAIN_PY)], env={**env, "TUNEGATE_RUN_SPEC": str(tmp / "spec.json")},
                             capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    check_contract(out, evaluation)
    progress = [e for e in read_events(out) if e["type"] == "progress"]
    assert progress[-1]["step"] == expected
    after_kill = [e["step"] for e in progress if e["step"] > 4]
    assert after_kill[0] == 5, "the resumed run continues from step 5 rather than starting again"


def test_accelerate_launch_two_cpu_processes(tmp, tiny):
    """The multi-GPU path (docs/architecture.md §12) without a GPU: two processes over gloo; events and outputs once, by rank 0."""
    evaluation = chat_rows(4, "e")
    spec = write_spec(tmp, tiny("llama"), "text-generation", "decoder", "chat", chat_rows(16), evaluation,
                      extra={"epochs": 2, "batch_size": 2, "save_steps": 100})
    env = {**os.environ, "TUNEGATE_RUN_SPEC": str(tmp / "spec.json"), "CUDA_VISIBLE_DEVICES": "", "OMP_NUM_THREADS": "1",
           "ACCELERATE_USE_CPU": "true"}  # torchrun-style processes on CPU: gloo
    result = subprocess.run(
        [sys.executable, "-m", "accelerate.commands.launch", "--multi_gpu", "--num_processes", "2",
         "--num_machines", "1", "--mixed_precision", "no", "--dynamo_backend", "no", str(TRAIN_PY)],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    out = Path(spec["output_dir"])
    check_contract(out, evaluation)
    events = read_events(out)
    assert [e["type"] for e in events].count("done") == 1
    # 16 rows, 2 per device, 2 processes: 4 steps an epoch, 8 in all (a single process would take 16).
    assert [e for e in events if e["type"] == "progress"][-1]["total_steps"] == 8


CONFIGS = TRAINER_DIR / "configs"


def tunegate_launch(strategy: str, processes: int) -> tuple[list[str], dict]:
    """The command and environment tunegate train starts the trainer with for training.distributed on a machine
    without GPUs. test/trainer-hf-peft.test.ts passes the ones src/training/backends.ts builds in
    TUNEGATE_HF_PEFT_LAUNCH, so these tests run the real launch; run alone, pytest builds the same here."""
    given = os.environ.get("TUNEGATE_HF_PEFT_LAUNCH")
    if given:
        launch = json.loads(given)[f"{strategy}:{processes}"]
        return [sys.executable, *launch["args"]], launch["env"]
    args = ["-I", "-m", "accelerate.commands.launch", "--config_file", str(CONFIGS / f"{strategy}.yaml"),
            "--num_processes", str(processes)]
    if strategy == "zero3":
        args += ["--deepspeed_config_file", str(CONFIGS / "zero3.json")]
    env = {"PYTHONSAFEPATH": "1", "PYTHONNOUSERSITE": "1", "PYTHONPATH": str(TRAINER_DIR), "ACCELERATE_USE_CPU": "true"}
    return [sys.executable, *args, str(TRAIN_PY)], env


def launch_distributed(tmp: Path, spec: dict, strategy: str, processes: int = 2, launch_as: str | None = None):
    """Runs the trainer as tunegate train does for `training.distributed: {strategy, processes}`, on CPU processes."""
    spec = {**spec, "distributed": {"strategy": strategy, "processes": processes}}
    (tmp / "spec.json").write_text(json.dumps(spec))
    command, launch_env = tunegate_launch(launch_as or strategy, processes)
    env = {**os.environ, **launch_env, "TUNEGATE_RUN_SPEC": str(tmp / "spec.json"), "CUDA_VISIBLE_DEVICES": "",
           "OMP_NUM_THREADS": "1"}
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, cwd=tmp)


def predict_alone(spec: dict, rows: list[dict]) -> list[str]:
    """The saved adapter's greedy predictions in this one process: what a single-process run would write."""
    from peft import PeftModel

    source, kwargs = train.resolve_base(spec["base_model"])
    tokenizer = train.AutoTokenizer.from_pretrained(Path(spec["output_dir"]) / "adapter")
    base = train.AutoModelForCausalLM.from_pretrained(source, **kwargs)
    model = PeftModel.from_pretrained(base, Path(spec["output_dir"]) / "adapter")
    return train.predict(model, tokenizer, "CAUSAL_LM", rows, None, spec["hyperparameters"], 64)


@pytest.mark.parametrize("strategy", ["ddp", "fsdp"])
def test_two_cpu_processes_predict_what_one_process_predicts(tmp, tiny, strategy):
    """training.distributed on two CPU processes over gloo, launched with the strategy's shipped accelerate config:
    accelerate really runs the strategy (FSDP does not fall back to plain multi-process), every rank predicts its
    share, and the one predictions.jsonl, in the eval rows' order, equals a one-process greedy run of the adapter.
    Five rows in batches of two: three batches over two ranks, so rank 1 runs a padding batch."""
    evaluation = chat_rows(5, "e")
    spec = write_spec(tmp, tiny("llama"), "text-generation", "decoder", "chat", chat_rows(16), evaluation,
                      extra={"epochs": 4, "batch_size": 2, "eval_batch_size": 2, "save_steps": 100, "learning_rate": 0.05})
    result = launch_distributed(tmp, spec, strategy)
    assert result.returncode == 0, result.stderr[-4000:]
    kind = {"ddp": "MULTI_CPU", "fsdp": "FSDP"}[strategy]
    for rank in (0, 1):
        assert f"rank {rank} of 2: strategy {strategy}, accelerate distributed_type {kind}" in result.stderr
        wrapped = {"ddp": "DistributedDataParallel is DDP-wrapped", "fsdp": "FSDPPeftModelForCausalLM is FSDP-sharded"}
        assert f"rank {rank}: model {wrapped[strategy]}" in result.stderr
    out = Path(spec["output_dir"])
    written = [p["prediction"] for p in check_contract(out, evaluation)]
    events = read_events(out)
    assert [e["type"] for e in events].count("done") == 1
    # 16 rows, 2 per device, 2 processes: 4 steps an epoch.
    assert [e for e in events if e["type"] == "progress"][-1]["total_steps"] == 16
    assert [e["step"] for e in events if e["type"] == "metric" and e["name"] == "eval_loss"][0] == 0
    assert len(set(written)) > 1, "predictions that differ by row, so that a row's answer in another row's place shows"
    assert written == predict_alone(spec, evaluation)


def test_fsdp_asked_for_but_not_launched_stops_the_run(tmp, tiny):
    """A spec that says FSDP, started with the DDP config: the trainer refuses to train as plain multi-process."""
    spec = write_spec(tmp, tiny("llama"), "text-generation", "decoder", "chat", chat_rows(4), chat_rows(2, "e"))
    result = launch_distributed(tmp, spec, "fsdp", launch_as="ddp")
    assert result.returncode != 0
    assert "training.distributed {strategy: fsdp, processes: 2}: accelerate runs MULTI_CPU, expected FSDP" in result.stderr
    assert not (Path(spec["output_dir"]) / "predictions.jsonl").exists()


def test_zero3_two_processes(tmp, tiny):
    """DeepSpeed ZeRO-3 needs deepspeed and CUDA GPUs (accelerate runs DeepSpeed on accelerators only)."""
    try:
        import deepspeed  # noqa: F401
    except ImportError as e:
        pytest.skip(f"ZeRO-3 not tested: deepspeed is not installed here ({e}); the zero3 launch is checked by "
                    "test/training-distributed.test.ts")
    if torch.cuda.device_count() < 2:
        pytest.skip(f"ZeRO-3 not tested: it needs 2 CUDA GPUs, this machine has {torch.cuda.device_count()}")
    evaluation = chat_rows(5, "e")  # pragma: no cover - GPU machines with deepspeed
    spec = write_spec(tmp, tiny("llama"), "text-generation", "decoder", "chat", chat_rows(16), evaluation,
                      extra={"epochs": 2, "batch_size": 2, "eval_batch_size": 2, "save_steps": 100})
    command, launch_env = tunegate_launch("zero3", 2)
    launch_env.pop("ACCELERATE_USE_CPU", None)
    spec = {**spec, "distributed": {"strategy": "zero3", "processes": 2}}
    (tmp / "spec.json").write_text(json.dumps(spec))
    env = {**os.environ, **launch_env, "TUNEGATE_RUN_SPEC": str(tmp / "spec.json")}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, cwd=tmp)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "rank 0 of 2: strategy zero3, accelerate distributed_type DEEPSPEED" in result.stderr
    check_contract(Path(spec["output_dir"]), evaluation)


@pytest.mark.parametrize("rows,batch,world", [(5, 2, 2), (7, 3, 2), (1, 4, 3), (0, 2, 2), (12, 2, 4)])
def test_prediction_batches_are_one_process_batches_dealt_over_the_ranks(rows, batch, world):
    alone = [b for b, keep in train.rank_batches(rows, batch, None)]
    dealt = [train.rank_batches(rows, batch, train.Layout("fsdp", r, world)) for r in range(world)]
    assert len({len(d) for d in dealt}) == 1, "every rank makes as many forward calls"
    kept = [b for d in dealt for b, keep in d if keep]
    assert sorted(kept) == sorted(alone) and sum(len(b) for b in kept) == rows


def test_qlora_needs_bitsandbytes_and_a_gpu(tmp, tiny):
    try:
        import bitsandbytes  # noqa: F401
        have_bnb = True
    except ImportError:
        have_bnb = False
    if not (have_bnb and torch.cuda.is_available()):
        spec = write_spec(tmp, tiny("llama"), "text-generation", "decoder", "chat", chat_rows(4), chat_rows(2, "e"), method="qlora")
        with pytest.raises(SystemExit, match="qlora"):
            train.run(spec)
        pytest.skip(f"QLoRA needs bitsandbytes and a CUDA GPU (bitsandbytes {'found' if have_bnb else 'missing'}, "
                    f"CUDA {'available' if torch.cuda.is_available() else 'missing'}); checked that it refuses clearly")
    evaluation = chat_rows(4, "e")  # pragma: no cover - GPU machines
    spec = write_spec(tmp, tiny("llama"), "text-generation", "decoder", "chat", chat_rows(16), evaluation, method="qlora")
    train.run(spec)
    check_contract(Path(spec["output_dir"]), evaluation)


def test_base_models_come_from_the_model_dir_and_pickles_are_refused(tmp, tiny, monkeypatch):
    root = tmp / "models"
    shutil.copytree(tiny("llama"), root / "tiny" / "llama")
    monkeypatch.setenv("TUNEGATE_MODEL_DIR", str(root))
    source, kwargs = train.resolve_base({"id": "tiny/llama", "revision": "main"})
    assert source == str((root / "tiny" / "llama").resolve()) and kwargs == {"use_safetensors": True}
    # Not under the folder: the Hub id at its pinned revision.
    assert train.resolve_base({"id": "Qwen/Qwen2.5-0.5B", "revision": "abc"}) == (
        "Qwen/Qwen2.5-0.5B", {"revision": "abc", "use_safetensors": True})
    (root / "tiny" / "llama" / "pytorch_model.bin").write_bytes(b"not really a pickle")
    with pytest.raises(SystemExit, match="pickle weights are refused"):
        train.resolve_base({"id": "tiny/llama", "revision": "main"})
    with pytest.raises(SystemExit, match="outside TUNEGATE_MODEL_DIR"):
        (tmp / "elsewhere").mkdir()
        train.resolve_base({"id": "../elsewhere", "revision": "main"})


@pytest.fixture
def tmp(tmp_path: Path) -> Path:
    return tmp_path
