"""The entrypoint of a Tunegate training job on a Ray cluster (the `ray` engine, src/training/ray-engine.ts).

Ray runs it in the job's working_dir, the package Tunegate submitted: this file, the hf-peft trainer under
hf-peft/ and run-spec.json, whose paths point into the storage folder that the runner and the cluster share. It
runs the trainer on the GPUs Ray reserved for the entrypoint (entrypoint_num_gpus; Ray sets CUDA_VISIBLE_DEVICES),
under `accelerate launch` when there are several, its output going to the job's log. When the trainer succeeded it
writes the outputs' sha256 manifest (sha256sum's format) beside them, which the runner checks before it uses any
of them. When the job is stopped, Ray signals the whole process group, the trainer included.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

MANIFEST = "tunegate-outputs.sha256"


def digest(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def outputs(output_dir: str) -> list[str]:
    """The contract's outputs, relative to the output folder: the adapter's files, predictions and events."""
    found = []
    for root, dirs, files in os.walk(os.path.join(output_dir, "adapter")):
        dirs.sort()
        for name in sorted(files):
            found.append(os.path.relpath(os.path.join(root, name), output_dir))
    return found + ["predictions.jsonl", "events.jsonl"]


def write_manifest(output_dir: str) -> None:
    lines = [f"{digest(os.path.join(output_dir, rel))}  {rel}\n" for rel in outputs(output_dir)]
    partial = os.path.join(output_dir, MANIFEST + ".partial")
    with open(partial, "w", encoding="utf-8") as f:
        f.writelines(lines)
    # Written whole, then renamed: a reader never sees half a manifest.
    os.replace(partial, os.path.join(output_dir, MANIFEST))


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    spec_path = os.path.abspath(os.environ["TUNEGATE_RUN_SPEC"])
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    gpus = int(os.environ.get("TUNEGATE_RAY_GPUS", "0"))
    trainer_dir = os.path.join(here, "hf-peft")
    train = os.path.join(trainer_dir, "train.py")
    # As on a runner (src/training/backends.ts): the interpreter's packages and the trainer's own folder only.
    command = [sys.executable, "-I", train]
    if gpus > 1:
        command = [sys.executable, "-I", "-m", "accelerate.commands.launch", "--num_processes", str(gpus), train]
    env = dict(os.environ, TUNEGATE_RUN_SPEC=spec_path, PYTHONSAFEPATH="1", PYTHONNOUSERSITE="1", PYTHONPATH=trainer_dir)
    print(f"tunegate: training {spec['model']} ({spec['fingerprint'][:12]}) on {gpus} GPU(s)", flush=True)
    code = subprocess.call(command, env=env)
    if code != 0:
        print(f"tunegate: the trainer failed with exit code {code}", flush=True)
        return code
    write_manifest(spec["output_dir"])
    print(f"tunegate: outputs and {MANIFEST} written to {spec['output_dir']}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
