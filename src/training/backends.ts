import { readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { stringify } from 'yaml'
import { ConfigurationError } from '../errors.js'
import { canonicalJson, sha256 } from '../registry/digest.js'
import type { TrainerIdentity } from '../registry/fingerprint.js'
import type { ModelSpec } from '../registry/schema.js'
import { BASELINE_TRAINER } from './baseline/trainer.js'
import type { RunSpec } from './contract.js'
import type { TrainerCommand } from './runner.js'

const here = import.meta.url
/** True when running from the TypeScript sources rather than an ncc bundle. */
const fromSources = here.endsWith('.ts')
/** The repository (or action) root: src/training/ → ../../, dist/<action>/ → ../../. */
const root = path.resolve(path.dirname(fileURLToPath(here)), '../..')

/** The folder of the bundled trainers (trainers/ beside src/ and dist/). */
export function trainersDir(): string {
  return path.join(root, 'trainers')
}

/** The name and version of a model's trainer: part of its training fingerprint. */
export function trainerIdentity(spec: ModelSpec): TrainerIdentity {
  switch (spec.training.trainer) {
    case 'baseline':
      return BASELINE_TRAINER
    case 'hf-peft': {
      let version = 'unknown'
      try {
        version = readFileSync(path.join(trainersDir(), 'hf-peft', 'VERSION'), 'utf8').trim()
      } catch {
        version = 'unknown'
      }
      return { name: 'hf-peft', version }
    }
    case 'axolotl':
      return { name: 'axolotl', version: 'config-v1' }
    case 'command':
      return { name: 'command', version: sha256(canonicalJson(spec.training.command ?? [])).slice(0, 16) }
  }
}

/** The Axolotl configuration for a run, from the spec (Axolotl's own keys). */
export function axolotlConfig(spec: RunSpec): Record<string, unknown> {
  const hp = spec.hyperparameters
  const pick = <T>(key: string, fallback: T): T => (hp[key] as T | undefined) ?? fallback
  return {
    base_model: spec.base_model.id,
    revision_of_model: spec.base_model.revision,
    adapter: spec.method === 'full' ? undefined : spec.method,
    load_in_4bit: spec.method === 'qlora' ? true : undefined,
    lora_r: pick('lora_r', 16),
    lora_alpha: pick('lora_alpha', 32),
    lora_dropout: pick('lora_dropout', 0.05),
    lora_target_linear: true,
    sequence_len: pick('max_seq_length', Math.min(2048, spec.base_model.context_window)),
    sample_packing: pick('packing', true),
    datasets: [
      spec.data_format === 'chat'
        ? { path: spec.train_file, type: 'chat_template', field_messages: 'messages', ds_type: 'json' }
        : { path: spec.train_file, type: 'alpaca', ds_type: 'json' }
    ],
    test_datasets: [
      spec.data_format === 'chat'
        ? { path: spec.eval_file, type: 'chat_template', field_messages: 'messages', ds_type: 'json', split: 'train' }
        : { path: spec.eval_file, type: 'alpaca', ds_type: 'json', split: 'train' }
    ],
    micro_batch_size: pick('micro_batch_size', pick('batch_size', 2)),
    gradient_accumulation_steps: pick('gradient_accumulation_steps', 4),
    num_epochs: pick('epochs', 1),
    learning_rate: pick('learning_rate', 0.0002),
    optimizer: pick('optimizer', 'adamw_torch_fused'),
    lr_scheduler: pick('lr_scheduler', 'cosine'),
    bf16: pick('bf16', 'auto'),
    gradient_checkpointing: pick('gradient_checkpointing', true),
    seed: spec.seed,
    output_dir: path.join(spec.output_dir, 'adapter'),
    save_safetensors: true,
    resume_from_checkpoint: spec.resume_from_checkpoint ?? undefined
  }
}

/** The command that trains a model with its configured trainer. */
export async function trainerCommand(
  spec: ModelSpec,
  run: RunSpec,
  repoRoot: string,
  gpuCount: number
): Promise<TrainerCommand> {
  switch (spec.training.trainer) {
    case 'baseline':
      return fromSources
        ? { command: process.execPath, args: [path.join(root, 'bin', 'tunegate.js'), 'trainer', 'baseline'] }
        : { command: process.execPath, args: [fileURLToPath(here)], env: { TUNEGATE_TRAINER: 'baseline' } }
    case 'hf-peft': {
      const python = process.env.TUNEGATE_PYTHON ?? 'python3'
      const dir = path.join(trainersDir(), 'hf-peft')
      const script = path.join(dir, 'train.py')
      // Only Tunegate's code and the interpreter's installed packages run: `-I` leaves the working directory,
      // the script's folder, user site-packages and PYTHON* variables out of the launcher's imports (`-m accelerate`
      // from the checkout would import a pull request's own `accelerate/`), and the processes accelerate starts
      // get a path Tunegate sets, in an empty working directory outside the checkout.
      const isolated = {
        cwd: await mkdtemp(path.join(tmpdir(), 'tunegate-trainer-')),
        env: { PYTHONSAFEPATH: '1', PYTHONNOUSERSITE: '1', PYTHONPATH: dir }
      }
      return gpuCount > 1
        ? {
            command: python,
            args: ['-I', '-m', 'accelerate.commands.launch', '--num_processes', String(gpuCount), script],
            ...isolated
          }
        : { command: python, args: ['-I', script], ...isolated }
    }
    case 'axolotl': {
      const config = path.join(run.output_dir, 'axolotl.yml')
      const clean = JSON.parse(JSON.stringify(axolotlConfig(run))) as Record<string, unknown>
      await writeFile(config, stringify(clean))
      return { command: process.env.TUNEGATE_AXOLOTL ?? 'axolotl', args: ['train', config] }
    }
    case 'command': {
      const [command, ...args] = spec.training.command ?? []
      if (!command)
        throw new ConfigurationError(
          `model '${spec.name}': training.command is empty; expected the command to run, as a list`
        )
      return { command, args, cwd: repoRoot }
    }
  }
}
