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
import { resolveHyperparameters } from './hyperparameters.js'
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
      // v2: datasets declared as Axolotl reads them and the shared defaults; a v1 result is not reused.
      return { name: 'axolotl', version: 'config-v2' }
    case 'command':
      return { name: 'command', version: sha256(canonicalJson(spec.training.command ?? [])).slice(0, 16) }
  }
}

/**
 * The Axolotl dataset entry that reads a normalised data file as Tunegate wrote it (src/training/materialise.ts).
 * Chat rows {messages: [{role, content}]} → `chat_template`, which reads `field_messages` and each turn's role and
 * content (axolotl src/axolotl/prompt_strategies/chat_template.py). Completion rows {prompt, completion} and
 * classification rows {text, label} → a user-defined type, which Axolotl's `user_defined` strategy reads as
 * instruction → output (src/axolotl/prompt_strategies/user_defined.py): the prompt is masked out of the loss, the
 * target is trained with an end-of-sequence token, as hf-peft does. `format` is the bare instruction, so the
 * model sees exactly the prompt Tunegate rendered (the `alpaca` type would read instruction/output, which these
 * rows do not have, and wrap them in Alpaca's own preamble).
 */
export function axolotlDataset(format: RunSpec['data_format'], file: string): Record<string, unknown> {
  if (format === 'chat')
    return {
      path: file,
      ds_type: 'json',
      type: 'chat_template',
      field_messages: 'messages',
      message_property_mappings: { role: 'role', content: 'content' }
    }
  const [instruction, output] = format === 'classification' ? ['text', 'label'] : ['prompt', 'completion']
  return {
    path: file,
    ds_type: 'json',
    type: {
      system_prompt: '',
      system_format: '{system}',
      field_system: 'system',
      field_instruction: instruction,
      field_input: 'input',
      field_output: output,
      format: '{instruction}',
      no_input_format: '{instruction}'
    }
  }
}

/** The Axolotl configuration for a run, from its resolved hyperparameters (Axolotl's own keys). */
export function axolotlConfig(spec: RunSpec): Record<string, unknown> {
  const hp = resolveHyperparameters('axolotl', spec.hyperparameters, spec.base_model.context_window)
  return {
    base_model: spec.base_model.id,
    revision_of_model: spec.base_model.revision,
    adapter: spec.method === 'full' ? undefined : spec.method,
    load_in_4bit: spec.method === 'qlora' ? true : undefined,
    lora_r: hp.lora_r,
    lora_alpha: hp.lora_alpha,
    lora_dropout: hp.lora_dropout,
    lora_target_linear: true,
    sequence_len: hp.max_seq_length,
    // Axolotl drops an over-long row by default; Tunegate truncates, as hf-peft does, and validate counts the rows
    // whose prompt leaves no target token.
    excess_length_strategy: 'truncate',
    sample_packing: hp.packing,
    // Tunegate's prompt masking, stated rather than left to Axolotl's default.
    train_on_inputs: false,
    datasets: [axolotlDataset(spec.data_format, spec.train_file)],
    test_datasets: [{ ...axolotlDataset(spec.data_format, spec.eval_file), split: 'train' }],
    micro_batch_size: hp.batch_size,
    gradient_accumulation_steps: hp.gradient_accumulation_steps,
    num_epochs: hp.epochs,
    learning_rate: hp.learning_rate,
    warmup_ratio: hp.warmup_ratio,
    weight_decay: hp.weight_decay,
    optimizer: hp.optimizer,
    lr_scheduler: hp.lr_scheduler,
    bf16: hp.bf16,
    gradient_checkpointing: hp.gradient_checkpointing ?? true,
    seed: spec.seed,
    output_dir: path.join(spec.output_dir, 'adapter'),
    save_safetensors: true,
    resume_from_checkpoint: spec.resume_from_checkpoint ?? undefined
  }
}

/**
 * The `accelerate launch` options that start the hf-peft trainer on several processes, or null for one process.
 * With `training.distributed`, the strategy's accelerate config shipped in trainers/hf-peft/configs/ and its
 * process count; without, DDP over the runner's GPUs when it has several (as before the field existed). With no GPU,
 * the processes run on the CPU over gloo (ACCELERATE_USE_CPU: accelerate's `--cpu` flag starts one process only).
 */
export function hfPeftLaunch(
  spec: ModelSpec,
  gpuCount: number,
  dir: string = path.join(trainersDir(), 'hf-peft')
): { args: string[]; env: Record<string, string> } | null {
  const distributed = spec.training.distributed
  if (!distributed) return gpuCount > 1 ? { args: ['--num_processes', String(gpuCount)], env: {} } : null
  const { strategy, processes } = distributed
  if (gpuCount > 0 && processes > gpuCount)
    throw new ConfigurationError(
      `model '${spec.name}': training.distributed.processes is ${processes}, but this runner has ${gpuCount} GPU(s); ` +
        'expected at most one process per GPU (lower processes, or pick a runner with more GPUs in training.runner)'
    )
  const configs = path.join(dir, 'configs')
  return {
    args: [
      '--config_file',
      path.join(configs, `${strategy}.yaml`),
      '--num_processes',
      String(processes),
      // The config's relative path would be read from the trainer's empty working directory.
      ...(strategy === 'zero3' ? ['--deepspeed_config_file', path.join(configs, 'zero3.json')] : [])
    ],
    env: gpuCount === 0 ? { ACCELERATE_USE_CPU: 'true' } : {}
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
      const launch = hfPeftLaunch(spec, gpuCount, dir)
      return launch
        ? {
            command: python,
            args: ['-I', '-m', 'accelerate.commands.launch', ...launch.args, script],
            ...isolated,
            env: { ...isolated.env, ...launch.env }
          }
        : { command: python, args: ['-I', script], ...isolated }
    }
    case 'axolotl': {
      const config = path.join(run.output_dir, 'axolotl.yml')
      // Absolute paths: Axolotl runs in a directory of its own (below).
      const at = (p: string) => path.resolve(p)
      const absolute: RunSpec = {
        ...run,
        train_file: at(run.train_file),
        eval_file: at(run.eval_file),
        output_dir: at(run.output_dir),
        ...(run.resume_from_checkpoint ? { resume_from_checkpoint: at(run.resume_from_checkpoint) } : {})
      }
      const clean = JSON.parse(JSON.stringify(axolotlConfig(absolute))) as Record<string, unknown>
      await writeFile(config, stringify(clean))
      // `axolotl train` launches `accelerate launch -m axolotl.cli.train`, and `-m` puts the working directory
      // first on Python's path: from the checkout, a pull request's own `axolotl/` would run. As for hf-peft, it
      // runs in an empty directory outside the checkout, with PYTHONSAFEPATH and no user site-packages.
      return {
        command: process.env.TUNEGATE_AXOLOTL ?? 'axolotl',
        args: ['train', path.resolve(config)],
        cwd: await mkdtemp(path.join(tmpdir(), 'tunegate-trainer-')),
        env: { PYTHONSAFEPATH: '1', PYTHONNOUSERSITE: '1' }
      }
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
