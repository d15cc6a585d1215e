// `npm run demo -- --trainer hf-peft`: the demo's content-classifier fine-tuned for real, with LoRA, by the
// hf-peft trainer on a tiny BERT-shaped model built here from a config (no model hub), on the CPU.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const MODEL = 'content-classifier'
const HYPERPARAMETERS = `  hyperparameters:
    epochs: 6
    learning_rate: 0.003
    batch_size: 16
    max_seq_length: 96
    lora_r: 16
    lora_alpha: 32
    logging_steps: 10
    save_steps: 100
`

/** The accuracy gate of the demo copy with a tiny random-weight base model (0.7 in the example registry). */
const TINY_ACCURACY_FLOOR = 0.35

/** The trainers a demo can use: the built-in baseline (the default) or the hf-peft reference trainer. */
export function demoTrainer(argv: string[]): 'baseline' | 'hf-peft' {
  const i = argv.indexOf('--trainer')
  const value = i >= 0 ? argv[i + 1] : 'baseline'
  if (value !== 'baseline' && value !== 'hf-peft')
    throw new Error(`--trainer '${value}': expected 'baseline' or 'hf-peft'`)
  return value
}

/**
 * Switches the demo registry's content-classifier to the hf-peft trainer (LoRA) on a tiny local model, and sets
 * the environment the tunegate CLI passes on to the trainer (TUNEGATE_PYTHON, TUNEGATE_MODEL_DIR).
 */
export function useHfPeft(root: string, registry: string): void {
  const python = process.env.TUNEGATE_PYTHON ?? path.join(root, '.venv', 'bin', 'python')
  if (!existsSync(python)) throw new Error(`${python} not found: run 'npm run setup:python' first`)
  const probe = spawnSync(python, ['-c', 'import torch, transformers, peft, trl'], { encoding: 'utf8' })
  if (probe.status !== 0)
    throw new Error(
      `${python} lacks the trainer's packages (${probe.stderr.trim().split('\n').at(-1)}): run 'npm run setup:python'`
    )
  const models = mkdtempSync(path.join(tmpdir(), 'tunegate-demo-models-'))
  console.log(`Building a tiny BERT-shaped model (random weights, tokenizer trained on the data) in ${models}`)
  const built = spawnSync(
    python,
    [
      path.join(root, 'trainers/hf-peft/tiny_model.py'),
      ...['--arch', 'bert', '--out', path.join(models, 'tiny', 'bert'), '--vocab', '1024'],
      ...['--corpus', path.join(registry, `datasets/${MODEL}/train.jsonl`)]
    ],
    { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } }
  )
  if (built.status !== 0) throw new Error(`building the tiny model failed: ${built.stderr.slice(-2000)}`)
  const file = path.join(registry, `models/${MODEL}/model.yaml`)
  const yaml = readFileSync(file, 'utf8')
    .replace(/ {2}id: .*\n {2}revision: .*\n/, '  id: tiny/bert\n  revision: local\n')
    .replace(/ {2}context_window: \d+\n/, '  context_window: 512\n')
    .replace('trainer: baseline', 'trainer: hf-peft')
    .replace('method: full', 'method: lora')
    .replace(/ {2}hyperparameters:\n( {4}.*\n)+/, HYPERPARAMETERS)
    // A tiny model with random weights is no 0.7-accuracy classifier; its floor is said out loud, not hidden.
    .replace(/( {4}- metric: accuracy\n {6}min: )0\.7\n/, `$1${TINY_ACCURACY_FLOOR}\n`)
  if (
    !yaml.includes('trainer: hf-peft') ||
    !yaml.includes('id: tiny/bert') ||
    !yaml.includes(`min: ${TINY_ACCURACY_FLOOR}`)
  )
    throw new Error(`${file}: could not switch ${MODEL} to the hf-peft trainer`)
  writeFileSync(file, yaml)
  Object.assign(process.env, {
    TUNEGATE_PYTHON: python,
    TUNEGATE_MODEL_DIR: models,
    CUDA_VISIBLE_DEVICES: process.env.CUDA_VISIBLE_DEVICES ?? '',
    OMP_NUM_THREADS: process.env.OMP_NUM_THREADS ?? '1'
  })
  console.log(
    `${MODEL} now trains with hf-peft (LoRA) on tiny/bert, on the CPU; its accuracy gate is lowered from 0.7 to ${TINY_ACCURACY_FLOOR} in this copy: the base model has random weights`
  )
}
