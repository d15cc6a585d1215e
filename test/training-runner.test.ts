import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runTrainer } from '../src/training/runner.js'
import { TrainingError } from '../src/training/train.js'
import { trainingSummary, trainMarkdown } from '../src/report/train-report.js'
import { fakeTrainer, registryWithCommandTrainer, trainCommandModel } from './helpers/fake-trainer.js'

const train = trainCommandModel

describe('running a trainer under the contract', () => {
  it('follows events, checks outputs, writes the manifest', async () => {
    const script = await fakeTrainer(`
for (let s = 1; s <= 3; s++) emit({ type: 'progress', step: s, total_steps: 3, epoch: s / 3, loss: 1 / s, learning_rate: 0.1, tokens_per_second: 100 })
emit({ type: 'metric', name: 'eval_loss', value: 0.4 })
writeOutputs()
emit({ type: 'done' })`)
    const dir = await registryWithCommandTrainer(script)
    const progress: number[] = []
    const r = await train(dir, { onProgress: p => progress.push(p.step) })
    expect(r.cache.hit).toBe(false)
    expect(progress).toEqual([1, 2, 3])
    expect(r.manifest.loss_curve).toEqual([
      { step: 1, loss: 1 },
      { step: 2, loss: 0.5 },
      { step: 3, loss: 1 / 3 }
    ])
    expect(r.manifest.outputs.map(o => o.file)).toEqual(
      expect.arrayContaining(['adapter/adapter_model.safetensors', 'predictions.jsonl', 'events.jsonl'])
    )
    expect(JSON.parse(await readFile(path.join(r.outputDir, 'run.json'), 'utf8')).training_fingerprint).toBe(
      r.identity.training_fingerprint
    )
  })

  it('fails a crashed trainer with the last lines of its stderr', async () => {
    const script = await fakeTrainer(`
emit({ type: 'progress', step: 1, total_steps: 10, loss: 2.3 })
console.error('Traceback (most recent call last):')
console.error('torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB')
process.exit(3)`)
    const dir = await registryWithCommandTrainer(script)
    const error = await train(dir).catch(e => e as TrainingError)
    expect(error).toBeInstanceOf(TrainingError)
    expect((error as TrainingError).message).toMatch(
      /Training schema-markup failed: the trainer failed \(exit code 3\)/
    )
    expect((error as TrainingError).message).toMatch(/CUDA out of memory/)
  })

  it('stops a trainer that runs past its timeout: SIGTERM, then SIGKILL', async () => {
    const script = await fakeTrainer(`
process.on('SIGTERM', () => console.error('ignoring SIGTERM'))
emit({ type: 'progress', step: 1, total_steps: 100 })
setInterval(() => {}, 1000)`)
    const dir = await registryWithCommandTrainer(script, '  budget:\n    timeout_minutes: 0.02\n')
    const error = await train(dir).catch(e => e as TrainingError)
    expect((error as TrainingError).outcome.status).toBe('timeout')
    expect((error as TrainingError).outcome.signal).toBe('SIGKILL')
    expect((error as TrainingError).message).toMatch(/ran past its timeout of 1.2 s/)
  })

  it('passes cancellation on', async () => {
    const script = await fakeTrainer(`setInterval(() => {}, 1000)`)
    const dir = await registryWithCommandTrainer(script)
    const abort = new AbortController()
    setTimeout(() => abort.abort(), 800)
    const error = await train(dir, { signal: abort.signal }).catch(e => e as TrainingError)
    expect((error as TrainingError).outcome.status).toBe('cancelled')
    expect((error as TrainingError).outcome.signal).toBe('SIGTERM')
  })

  it('resumes a retried run from its last checkpoint', async () => {
    const script = await fakeTrainer(`
if (!spec.resume_from_checkpoint) {
  fs.mkdirSync(path.join(out, 'checkpoints', 'step-5'), { recursive: true })
  emit({ type: 'progress', step: 5, total_steps: 10, loss: 1 })
  emit({ type: 'checkpoint', path: path.join(out, 'checkpoints', 'step-5'), step: 5 })
  console.error('preempted')
  process.exit(1)
}
emit({ type: 'progress', step: 10, total_steps: 10, loss: 0.5, resumed_from: spec.resume_from_checkpoint })
writeOutputs()
emit({ type: 'done' })`)
    const dir = await registryWithCommandTrainer(script)
    await expect(train(dir)).rejects.toThrow(/preempted/)
    const second = await train(dir)
    expect(second.manifest.resumed_from).toMatch(/checkpoints\/step-5$/)
    expect(second.manifest.loss_curve.map(p => p.step)).toEqual([5, 10])
  })

  it('refuses pickle weights and predictions that miss eval examples', async () => {
    const script = await fakeTrainer(`
fs.writeFileSync(path.join(out, 'adapter', 'pytorch_model.bin'), 'pickle')
fs.writeFileSync(path.join(out, 'predictions.jsonl'), JSON.stringify({ id: evalIds[0], prediction: 'x' }) + '\\n' + JSON.stringify({ id: 'nope', prediction: 'y' }) + '\\n')
emit({ type: 'done' })`)
    const dir = await registryWithCommandTrainer(script)
    const error = (await train(dir).catch((e: unknown) => e)) as Error
    expect(error.message).toMatch(
      /adapter\/pytorch_model.bin: pickle-based weights run code when loaded and are refused/
    )
    expect(error.message).toMatch(/predictions.jsonl:2: id 'nope' is not in the eval set/)
    expect(error.message).toMatch(/no prediction for 98 eval example\(s\)/)
  })

  it('reports malformed event lines by line number and carries on', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-ev-'))
    const script = path.join(dir, 't.mjs')
    const events = path.join(dir, 'events.jsonl')
    await writeFile(
      script,
      `import fs from 'node:fs'\nfs.appendFileSync(${JSON.stringify(events)}, 'not json\\n{"type":"progress","step":-1}\\n{"type":"done"}\\n')`
    )
    const warnings: string[] = []
    const outcome = await runTrainer({
      trainer: { command: process.execPath, args: [script] },
      specPath: '/dev/null',
      eventsPath: events,
      gpuCount: 0,
      onWarning: w => warnings.push(w),
      pollMs: 50
    })
    expect(outcome.status).toBe('done')
    expect(warnings).toEqual([
      `${events}:1: not JSON; expected one event object per line`,
      expect.stringMatching(new RegExp(`^${events}:2: not a trainer event`))
    ])
  })

  it('says plainly when the trainer cannot be started', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-ev-'))
    const outcome = await runTrainer({
      trainer: { command: path.join(dir, 'no-such-trainer'), args: [] },
      specPath: '/dev/null',
      eventsPath: path.join(dir, 'e.jsonl'),
      gpuCount: 0
    })
    expect(outcome.status).toBe('failed')
    expect(outcome.message).toMatch(/cannot start the trainer '.*no-such-trainer': spawn .* ENOENT/)
  })
})

describe('the GPU budget and the cost', () => {
  it('stops a run that uses up its GPU-hours, and prices GPU time by the runner label', async () => {
    const hang = await fakeTrainer(`emit({ type: 'progress', step: 1, total_steps: 10 }); setInterval(() => {}, 1000)`)
    const dir = await registryWithCommandTrainer(hang, '  budget:\n    max_gpu_hours: 0.0005\n')
    const error = await train(dir, { gpuCount: 2 }).catch(e => e as TrainingError)
    expect((error as TrainingError).outcome.status).toBe('budget')
    expect((error as TrainingError).message).toMatch(/used its budget of 0.00 GPU-hours and was stopped/)
    // 0.0005 h = 1.8 GPU-seconds on 2 GPUs: the budget, not the hanging trainer, ends the run.
    expect((error as TrainingError).outcome.gpuSeconds).toBeGreaterThanOrEqual(1.8)

    const quick = await fakeTrainer(
      `emit({ type: 'progress', step: 1, total_steps: 1, loss: 1 }); setTimeout(() => { writeOutputs(); emit({ type: 'done' }) }, 600)`
    )
    const priced = await registryWithCommandTrainer(quick)
    // schema-markup runs on [self-hosted, gpu]; give the runner an h100 label, priced at 3.20 in registry.yaml.
    const spec = path.join(priced, 'registry/models/schema-markup/model.yaml')
    await writeFile(
      spec,
      (await readFile(spec, 'utf8')).replace('runner: [self-hosted, gpu]', 'runner: [self-hosted, h100]')
    )
    const r = await train(priced, { gpuCount: 4 })
    expect(r.manifest.runner).toMatchObject({ labels: ['self-hosted', 'h100'], gpus: 4 })
    expect(r.manifest.gpu_seconds).toBeCloseTo(r.manifest.wall_seconds * 4, 0)
    expect(r.manifest.cost).toEqual({
      currency: 'USD',
      amount: Math.round((r.outcome!.gpuSeconds / 3600) * 3.2 * 100) / 100,
      rate_per_gpu_hour: 3.2
    })
  })
})

describe('train rows with no target token within max_seq_length', () => {
  const counting = (n: number) =>
    fakeTrainer(`
emit({ type: 'metric', name: 'train_rows_without_target', value: ${n}, step: 0 })
emit({ type: 'progress', step: 1, total_steps: 1, loss: 0.5 })
writeOutputs()
emit({ type: 'done' })`)

  it('are recorded in run.json and shown in the train summary and the comment', async () => {
    const dir = await registryWithCommandTrainer(await counting(3))
    const r = await train(dir)
    // schema-markup: 401 train rows, context window 512, no max_seq_length set: 3 rows are within the 1% default.
    expect(r.manifest.rows.train).toBe(401)
    expect(r.manifest.without_target).toEqual({ rows: 3, max_seq_length: 512, max_share: 0.01 })
    const summary = trainingSummary({ manifest: r.manifest })
    expect(summary).toContain(
      '⚠️ 3 of 401 train rows left no target token within `max_seq_length` 512, so nothing of them was trained (the run fails above 1.00%, `max_share_without_target`).'
    )
    expect(trainMarkdown(r)).toContain('| rows | 401 train (3 with no target token within max_seq_length 512), ')
  })

  it('fail the run above max_share_without_target, whatever the trainer said of its own run', async () => {
    const dir = await registryWithCommandTrainer(await counting(5))
    const failed = await train(dir).catch((e: unknown) => e)
    expect(failed).toBeInstanceOf(TrainingError)
    expect((failed as Error).message).toMatch(
      /^Training schema-markup: 5 of 401 train rows leave no target token within max_seq_length 512, above max_share_without_target 0.01;/
    )
  })
})
