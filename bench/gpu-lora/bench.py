"""LoRA fine-tuning throughput of the hf-peft trainer's training path on one GPU: tokens/s and MFU.

A Llama-shaped model of about 1.2B parameters (Llama 3.2 1B's shape) built from a config (random weights, no
model hub), LoRA on every linear layer, packing with per-example attention (the trainer's own trl BFD packing and
padding-free collator), bf16, flash attention 2 when installed else SDPA. Prints tokens/s and model FLOPs
utilisation against the card's dense bf16 peak (H100/H200: 989 TFLOP/s).

  python bench/gpu-lora/bench.py            # on a GPU, about 2-4 minutes
  python bench/gpu-lora/bench.py --tiny     # a smoke check on CPU (tiny model, fp32): figures mean nothing
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "trainers" / "hf-peft"))
import train  # noqa: E402  the trainer's packing and collator, so the bench measures what the trainer runs


def config(tiny: bool):
    from transformers import LlamaConfig

    if tiny:
        return LlamaConfig(vocab_size=512, hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
                           num_key_value_heads=2, max_position_embeddings=1024, tie_word_embeddings=True)
    # Llama 3.2 1B's shape: 1.24B parameters.
    return LlamaConfig(vocab_size=128256, hidden_size=2048, intermediate_size=8192, num_hidden_layers=16, num_attention_heads=32,
                       num_key_value_heads=8, max_position_embeddings=8192, rope_theta=500000.0, tie_word_embeddings=True)


def attention_implementation(device: str) -> str:
    if device == "cuda":
        try:
            import flash_attn  # noqa: F401

            return "flash_attention_2"
        except ImportError:
            pass
    return "sdpa"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="a tiny model on CPU: a smoke check of the script only")
    parser.add_argument("--seq-len", type=int, default=4096, help="tokens per packed row")
    parser.add_argument("--rows", type=int, default=4, help="packed rows per step (flattened into one padding-free batch)")
    parser.add_argument("--steps", type=int, default=30, help="timed steps (after --warmup)")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--lora-r", type=int, default=16)
    parser.add_argument("--gradient-checkpointing", action="store_true")
    parser.add_argument("--peak-tflops", type=float, default=989.0, help="dense bf16 peak of the card (H100/H200 SXM: 989)")
    args = parser.parse_args()
    if args.tiny:
        args.seq_len, args.rows, args.steps, args.warmup = min(args.seq_len, 256), min(args.rows, 2), min(args.steps, 3), 1

    device = "cuda" if torch.cuda.is_available() and not args.tiny else "cpu"
    bf16 = device == "cuda" and torch.cuda.is_bf16_supported()
    dtype = torch.bfloat16 if bf16 else torch.float32
    cfg = config(args.tiny)
    attn = attention_implementation(device)
    cfg._attn_implementation = attn
    cfg.use_cache = False  # as train.py: a KV cache would make transformers ignore the packed position ids
    torch.manual_seed(0)
    from transformers import LlamaForCausalLM
    from peft import LoraConfig, get_peft_model

    started = time.time()
    with torch.device(device):
        model = LlamaForCausalLM(cfg).to(dtype)
    n_params = sum(p.numel() for p in model.parameters())
    model = get_peft_model(model, LoraConfig(r=args.lora_r, lora_alpha=2 * args.lora_r, lora_dropout=0.0, target_modules="all-linear", task_type="CAUSAL_LM"))
    if args.gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-4, fused=device == "cuda")
    print(f"model: {n_params / 1e6:,.1f}M parameters, LoRA r={args.lora_r}: {trainable / 1e6:.2f}M trainable; {device}, "
          f"{'bf16' if bf16 else 'fp32'}, attention {attn}; built in {time.time() - started:.1f}s", flush=True)

    # Examples of 64..seq_len/2 tokens (SFT-like lengths), packed as the trainer packs them.
    rng = random.Random(0)
    need = args.steps + args.warmup
    lengths: list[int] = []
    while sum(lengths) < 1.2 * need * args.rows * args.seq_len:  # enough for every step, BFD leaves little slack
        lengths.append(rng.randint(64, args.seq_len // 2))
    items = [{"input_ids": [rng.randrange(cfg.vocab_size) for _ in range(n)], "labels": None} for n in lengths]
    for it in items:
        it["labels"] = list(it["input_ids"])
    packed = train.pack(items, args.seq_len)
    collate = train.causal_collator(type("Tok", (), {"pad_token_id": 0})(), packing=True)
    batches = [collate(packed[i : i + args.rows]) for i in range(0, len(packed) - args.rows + 1, args.rows)]
    if len(batches) < need:
        raise SystemExit(f"only {len(batches)} packed batches for {need} steps")

    def step(batch) -> int:
        batch = {k: v.to(device) for k, v in batch.items()}
        with torch.autocast(device_type=device, dtype=dtype, enabled=bf16):
            loss = model(**batch).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        return int(batch["input_ids"].numel())

    model.train()
    for b in batches[: args.warmup]:
        step(b)
    if device == "cuda":
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    tokens, attended = 0, 0.0
    t0 = time.time()
    for b in batches[args.warmup : need]:
        tokens += step(b)
        # Each token attends to the earlier tokens of its own example: sum over examples of n^2/2.
        pos = b["position_ids"][0]
        starts = (pos == 0).nonzero().flatten().tolist() + [pos.numel()]
        attended += sum((e - s) ** 2 / 2 for s, e in zip(starts, starts[1:]))
    if device == "cuda":
        torch.cuda.synchronize()
    elapsed = time.time() - t0

    # Model FLOPs of a LoRA step: forward 2N and input-gradient backward 2N per token (the frozen weights get no
    # weight gradients), plus attention scores and values, 4*d per attended pair forward and twice that backward.
    # Gradient checkpointing's recomputation is not counted (hardware FLOPs, not model FLOPs).
    d, layers = cfg.hidden_size, cfg.num_hidden_layers
    flops = 4 * n_params * tokens + 3 * 4 * d * layers * attended
    flops_6n = 6 * n_params * tokens + 3 * 4 * d * layers * attended
    tps = tokens / elapsed
    peak = args.peak_tflops * 1e12
    print(f"{args.steps} steps, {tokens} tokens ({tokens // args.steps} a step, {len(packed)} packed rows of <= {args.seq_len}) "
          f"in {elapsed:.2f}s: {tps:,.0f} tokens/s, {elapsed / args.steps * 1000:.0f} ms a step")
    print(f"MFU (LoRA model FLOPs, 4N per token + attention): {100 * flops / elapsed / peak:.1f}% of {args.peak_tflops:g} TFLOP/s")
    print(f"MFU as if full fine-tuning (6N, the usual convention): {100 * flops_6n / elapsed / peak:.1f}%")
    if device == "cuda":
        print(f"peak memory: {torch.cuda.max_memory_allocated() / 2**30:.1f} GiB of {torch.cuda.get_device_properties(0).total_memory / 2**30:.0f} GiB; "
              f"GPU: {torch.cuda.get_device_name(0)}")
    if attn == "sdpa":
        print("limit: packed rows with SDPA get an explicit block-diagonal mask, which rules out SDPA's flash kernel "
              "(install flash-attn for varlen flash attention)")
    if math.isnan(float(flops)):
        raise SystemExit("no FLOPs counted")


if __name__ == "__main__":
    main()
