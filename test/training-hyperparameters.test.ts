import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { axolotlConfig } from '../src/training/backends.js'
import type { RunSpec } from '../src/training/contract.js'
import { hyperparameterDefaults, resolveHyperparameters } from '../src/training/hyperparameters.js'
import { missingPythonModules, testPython } from './helpers/python.js'

const DEFAULTS_FILE = path.resolve('trainers/hf-peft/defaults.json')
const python = testPython()
const noTorch = missingPythonModules(python, ['torch', 'transformers'])

/** What trainers/hf-peft/train.py runs with for each (hyperparameters, context window): its own code, one process. */
function pythonResolved(cases: (readonly [Record<string, unknown>, number])[]): Record<string, unknown>[] {
  const code = [
    'import json, sys',
    "sys.path.insert(0, 'trainers/hf-peft')",
    'import train',
    'cases = json.loads(sys.argv[1])',
    "print(json.dumps([train.resolve_hyperparameters({'hyperparameters': hp, 'base_model': {'context_window': w}}) for hp, w in cases]))"
  ].join('\n')
  const run = spawnSync(python, ['-c', code, JSON.stringify(cases)], { encoding: 'utf8', timeout: 600_000 })
  expect(run.status, run.stderr).toBe(0)
  return JSON.parse(run.stdout) as Record<string, unknown>[]
}

describe('one set of hyperparameter defaults for every backend', () => {
  it('trainers/hf-peft/defaults.json holds the defaults of src/training/hyperparameters.ts', () => {
    const expected = JSON.stringify(hyperparameterDefaults('hf-peft'), null, 2) + '\n'
    // To update: write the expected text above to trainers/hf-peft/defaults.json.
    expect(readFileSync(DEFAULTS_FILE, 'utf8')).toBe(expected)
  })

  it.skipIf(noTorch)(
    'train.py resolves exactly what the run spec would carry',
    () => {
      const cases = [
        [{}, 512],
        [{}, 4096],
        [{ max_seq_length: 96, packing: true, batch_size: 2 }, 4096]
      ] as const
      expect(pythonResolved([...cases])).toEqual(cases.map(([hp, w]) => resolveHyperparameters('hf-peft', hp, w)))
    },
    600_000
  )

  it('hf-peft, axolotl and the baseline agree on every shared setting', () => {
    const hf = resolveHyperparameters('hf-peft', {}, 8192)
    const axo = resolveHyperparameters('axolotl', {}, 8192)
    const base = resolveHyperparameters('baseline', {}, 8192)
    for (const key of Object.keys(axo).filter(k => k in hf)) expect([key, axo[key]]).toEqual([key, hf[key]])
    for (const key of Object.keys(base)) expect([key, base[key]]).toEqual([key, hf[key]])
    const spec = { base_model: { context_window: 8192 }, hyperparameters: {} } as unknown as RunSpec
    expect(axolotlConfig({ ...spec, output_dir: '/o', data_format: 'chat' })).toMatchObject({
      sequence_len: hf.max_seq_length,
      sample_packing: hf.packing,
      micro_batch_size: hf.batch_size,
      gradient_accumulation_steps: hf.gradient_accumulation_steps,
      num_epochs: hf.epochs,
      learning_rate: hf.learning_rate,
      lora_r: hf.lora_r,
      lora_alpha: hf.lora_alpha,
      lora_dropout: hf.lora_dropout,
      warmup_ratio: hf.warmup_ratio,
      lr_scheduler: hf.lr_scheduler
    })
    expect(hf).toMatchObject({ max_seq_length: 1024, packing: false, batch_size: 4, gradient_accumulation_steps: 1 })
  })

  it('caps the default sequence length at the context window, and keeps only the keys a trainer reads', () => {
    expect(resolveHyperparameters('hf-peft', {}, 512).max_seq_length).toBe(512)
    expect(resolveHyperparameters('baseline', { eval_batch_size: 8, baseline_epochs: 2 }, 512)).toMatchObject({
      baseline_epochs: 2
    })
    expect(resolveHyperparameters('baseline', { eval_batch_size: 8 }, 512)).not.toHaveProperty('eval_batch_size')
    expect(resolveHyperparameters('command', { anything: 1 }, 512)).toEqual({ anything: 1 })
  })
})
