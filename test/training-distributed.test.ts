// `training.distributed` in model.yaml: validated at its line, carried into the fingerprint and the hf-peft launch.
// The launch itself runs on CPU processes in the hf-peft trainer's tests (test/trainer-hf-peft.test.ts).
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../src/errors.js'
import { modelIdentity } from '../src/registry/fingerprint.js'
import { loadRegistry, type LoadedModel } from '../src/registry/loader.js'
import type { ModelSpec } from '../src/registry/schema.js'
import { hfPeftLaunch, trainerCommand, trainersDir } from '../src/training/backends.js'
import type { RunSpec } from '../src/training/contract.js'
import { makeRepo } from './helpers/git-repo.js'

/** The seo-writer model of a fresh example registry with its training section's tail edited. */
async function withTraining(training: string, trainer = 'hf-peft') {
  const repo = await makeRepo({ withRegistry: true })
  const file = path.join(repo, 'registry/models/seo-writer/model.yaml')
  const text = (await readFile(file, 'utf8'))
    .replace('trainer: baseline', `trainer: ${trainer}`)
    .replace('  runner: [self-hosted, gpu]\n', `  runner: [self-hosted, gpu]\n${training}`)
  await writeFile(file, text)
  const reg = await loadRegistry(path.join(repo, 'registry'), { displayBase: repo })
  const errors = reg.problems.filter(p => p.severity === 'error').map(p => `${p.file}:${p.line} ${p.message}`)
  const line = text.split('\n').findIndex(l => l.includes('distributed:')) + 1
  return { errors, line, model: reg.models.find(m => m.spec.name === 'seo-writer') as LoadedModel | undefined }
}

const FILE = 'registry/models/seo-writer/model.yaml'

describe('training.distributed in model.yaml', () => {
  it('takes a strategy and a process count', async () => {
    const { errors, model } = await withTraining('  distributed: {strategy: fsdp, processes: 2}\n')
    expect(errors).toEqual([])
    expect(model!.spec.training.distributed).toEqual({ strategy: 'fsdp', processes: 2 })
  })

  it('refuses an unknown strategy, a bad process count and an unknown key at their lines, naming what is expected', async () => {
    const bad = await withTraining('  distributed:\n    strategy: zero2\n    processes: 0\n    nodes: 2\n')
    expect(bad.errors).toEqual(
      expect.arrayContaining([
        `${FILE}:${bad.line + 1} training.distributed.strategy: 'zero2' is not a strategy; expected ddp (data parallel), fsdp (torch FSDP2) or zero3 (DeepSpeed ZeRO-3)`,
        `${FILE}:${bad.line + 2} training.distributed.processes: expected processes: 1..64 (one per GPU)`,
        expect.stringMatching(new RegExp(`^${FILE}:${bad.line + 3} unknown field 'training.distributed.nodes'`))
      ])
    )
    const form = await withTraining('  distributed: fsdp\n')
    expect(form.errors).toEqual([
      `${FILE}:${form.line} training.distributed: expected {strategy: ddp | fsdp | zero3, processes: 1..64}`
    ])
    const half = await withTraining('  distributed: {strategy: ddp, processes: 1.5}\n')
    expect(half.errors).toEqual([
      `${FILE}:${half.line} training.distributed.processes: expected processes: a whole number of processes, 1..64 (one per GPU)`
    ])
  })

  it('is refused for a trainer that does not read it', async () => {
    const { errors, line } = await withTraining('  distributed: {strategy: ddp, processes: 2}\n', 'baseline')
    expect(errors).toEqual([
      `${FILE}:${line} training.distributed: the baseline trainer does not read training.distributed; it is the hf-peft trainer's (remove it, or use trainer: hf-peft)`
    ])
  })

  it('is refused beside the Ray engine, whose job runs one process per GPU it reserves', async () => {
    const { errors, line } = await withTraining(
      '  distributed: {strategy: fsdp, processes: 2}\n  engine: {type: ray, storage: /mnt/shared}\n'
    )
    expect(errors).toEqual([
      `${FILE}:${line} training.distributed: training.distributed applies to training on the runner; with engine type ray the job runs one process per GPU it reserves (engine.gpus): remove one of the two`
    ])
  })

  it('is part of the training fingerprint when set, and leaves a model without it as it was', async () => {
    const trainer = { name: 'hf-peft', version: '0.3.0' }
    const fingerprint = async (training: string) =>
      (await modelIdentity((await withTraining(training)).model!, trainer)).training_fingerprint
    const none = await fingerprint('')
    const ddp2 = await fingerprint('  distributed: {strategy: ddp, processes: 2}\n')
    const fsdp2 = await fingerprint('  distributed: {strategy: fsdp, processes: 2}\n')
    const ddp4 = await fingerprint('  distributed: {strategy: ddp, processes: 4}\n')
    expect(new Set([none, ddp2, fsdp2, ddp4]).size).toBe(4)
    const { model } = await withTraining('')
    const identity = await modelIdentity(model!, trainer)
    expect(identity.training_inputs).not.toHaveProperty('distributed')
  })
})

function spec(distributed?: ModelSpec['training']['distributed']): ModelSpec {
  return {
    name: 'm',
    training: { trainer: 'hf-peft', ...(distributed ? { distributed } : {}) }
  } as unknown as ModelSpec
}

const configs = path.join(trainersDir(), 'hf-peft', 'configs')

describe('the hf-peft launch', () => {
  it('starts the strategy’s accelerate config with its process count, on the CPU over gloo when there is no GPU', async () => {
    expect(hfPeftLaunch(spec({ strategy: 'fsdp', processes: 2 }), 0)).toEqual({
      args: ['--config_file', path.join(configs, 'fsdp.yaml'), '--num_processes', '2'],
      env: { ACCELERATE_USE_CPU: 'true' }
    })
    expect(hfPeftLaunch(spec({ strategy: 'ddp', processes: 4 }), 8)).toEqual({
      args: ['--config_file', path.join(configs, 'ddp.yaml'), '--num_processes', '4'],
      env: {}
    })
    expect(hfPeftLaunch(spec({ strategy: 'zero3', processes: 8 }), 8)).toEqual({
      args: [
        '--config_file',
        path.join(configs, 'zero3.yaml'),
        '--num_processes',
        '8',
        '--deepspeed_config_file',
        path.join(configs, 'zero3.json')
      ],
      env: {}
    })
    const command = await trainerCommand(spec({ strategy: 'fsdp', processes: 2 }), {} as RunSpec, '/repo', 0)
    expect(command.args).toEqual([
      '-I',
      '-m',
      'accelerate.commands.launch',
      '--config_file',
      path.join(configs, 'fsdp.yaml'),
      '--num_processes',
      '2',
      path.join(trainersDir(), 'hf-peft', 'train.py')
    ])
    expect(command.env).toMatchObject({ PYTHONSAFEPATH: '1', PYTHONNOUSERSITE: '1', ACCELERATE_USE_CPU: 'true' })
  })

  it('ships a config for every strategy', async () => {
    for (const name of ['ddp.yaml', 'fsdp.yaml', 'zero3.yaml', 'zero3.json'])
      expect((await readFile(path.join(configs, name), 'utf8')).length).toBeGreaterThan(0)
    expect(await readFile(path.join(configs, 'fsdp.yaml'), 'utf8')).toMatch(/distributed_type: FSDP\n/)
    expect(JSON.parse(await readFile(path.join(configs, 'zero3.json'), 'utf8'))).toMatchObject({
      zero_optimization: { stage: 3 }
    })
  })

  it('keeps DDP over all GPUs without the field, and one process on one GPU', () => {
    expect(hfPeftLaunch(spec(), 4)).toEqual({ args: ['--num_processes', '4'], env: {} })
    expect(hfPeftLaunch(spec(), 1)).toBeNull()
    expect(hfPeftLaunch(spec(), 0)).toBeNull()
  })

  it('refuses more processes than the runner has GPUs', () => {
    expect(() => hfPeftLaunch(spec({ strategy: 'fsdp', processes: 4 }), 2)).toThrow(ConfigurationError)
    expect(() => hfPeftLaunch(spec({ strategy: 'fsdp', processes: 4 }), 2)).toThrow(
      "model 'm': training.distributed.processes is 4, but this runner has 2 GPU(s)"
    )
  })
})
