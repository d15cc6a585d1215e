import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runTrainer } from '../src/training/runner.js'
import { TrainingError } from '../src/training/train.js'
import { fakeTrainer, registryWithCommandTrainer, trainCommandModel } from './helpers/fake-trainer.js'

const train = trainCommandModel

/** A Node script run as a bare trainer by runTrainer. */
async function script(body: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tg-hostile-script-'))
  const file = path.join(dir, 's.mjs')
  await writeFile(file, body)
  return file
}

describe('a trainer cannot hang the train step', () => {
  for (const fifo of ['adapter/config.json', 'predictions.jsonl']) {
    it(`a FIFO at ${fifo} is refused, not opened`, async () => {
      const trainer = await fakeTrainer(`
import { execFileSync } from 'node:child_process'
writeOutputs()
fs.rmSync(path.join(out, ${JSON.stringify(fifo)}), { force: true })
execFileSync('mkfifo', [path.join(out, ${JSON.stringify(fifo)})])
emit({ type: 'done' })`)
      const dir = await registryWithCommandTrainer(trainer)
      const error = (await train(dir).catch((e: unknown) => e)) as Error
      expect(error).toBeInstanceOf(TrainingError)
      expect(error.message).toMatch(new RegExp(`${fifo}: not a regular file`))
    }, 120_000)
  }

  it('a grandchild in its own session holding the pipes does not stretch the timeout', async () => {
    const trainer = await fakeTrainer(`
import { spawn } from 'node:child_process'
spawn('setsid', ['sleep', '90'], { stdio: 'inherit', detached: true }).unref()
emit({ type: 'progress', step: 1, total_steps: 100 })
setInterval(() => {}, 1000)`)
    const dir = await registryWithCommandTrainer(trainer, '  budget:\n    timeout_minutes: 0.05\n')
    const error = (await train(dir).catch((e: unknown) => e)) as TrainingError
    expect(error.outcome.status).toBe('timeout')
    expect(error.message).toMatch(/ran past its timeout of 3 s and was stopped/)
    // The grandchild holds the pipes for longer than the test may run: waiting for them would time it out.
  }, 60_000)

  it('a trainer that exits and leaves a process holding its pipes is done at once', async () => {
    const trainer = await fakeTrainer(`
import { spawn } from 'node:child_process'
spawn('setsid', ['sleep', '90'], { stdio: 'inherit', detached: true }).unref()
writeOutputs()
emit({ type: 'done' })`)
    const dir = await registryWithCommandTrainer(trainer)
    const r = await train(dir)
    expect(r.outcome?.status).toBe('done')
  }, 60_000) // less than the grandchild's 90 s: waiting for its pipes would time the test out

  it('80 MB of stderr without a newline is kept as a bounded tail, in linear time', async () => {
    const s = await script(`
const chunk = 'x'.repeat(1 << 16)
let left = 1280
const more = () => { while (left > 0) { left--; if (!process.stderr.write(chunk)) return process.stderr.once('drain', more) } }
more()`)
    const events = path.join(path.dirname(s), 'events.jsonl')
    const outcome = await runTrainer({
      trainer: { command: process.execPath, args: [s] },
      specPath: '/dev/null',
      eventsPath: events,
      gpuCount: 0,
      pollMs: 50
    })
    expect(outcome.stderrTail).toHaveLength(1)
    expect(outcome.stderrTail[0]!.length).toBeLessThanOrEqual(2000)
  }, 120_000)

  it('an over-long events.jsonl line is reported and skipped; the events after it count', async () => {
    const s = await script(`
import fs from 'node:fs'
const events = new URL('./events.jsonl', import.meta.url)
const fd = fs.openSync(events, 'a')
const chunk = Buffer.alloc(1 << 20, 0x61)
for (let i = 0; i < 40; i++) fs.writeSync(fd, chunk)
fs.writeSync(fd, '\\n{"type":"done"}\\n')
fs.closeSync(fd)`)
    const events = path.join(path.dirname(s), 'events.jsonl')
    const warnings: string[] = []
    const outcome = await runTrainer({
      trainer: { command: process.execPath, args: [s] },
      specPath: '/dev/null',
      eventsPath: events,
      gpuCount: 0,
      pollMs: 20,
      maxEventLineBytes: 1 << 16,
      onWarning: w => warnings.push(w)
    })
    expect(warnings).toEqual([
      `${events}:1: line of 41943040 bytes is over 65536 bytes; skipped (expected one event object per line)`
    ])
    expect(outcome.status).toBe('done')
  }, 30_000)
})

describe('a trainer gets no tokens and a reused result is checked like a fresh one', () => {
  it('the Actions runtime variables, tokens and OIDC request variables are withheld from the trainer', async () => {
    const withheld = {
      ACTIONS_RUNTIME_TOKEN: 'rt',
      ACTIONS_RESULTS_URL: 'https://results.example/',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc.example/',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc',
      GITHUB_TOKEN: 'ghs_x',
      'INPUT_GITHUB-TOKEN': 'ghs_y',
      GITHUB_ENV: '/tmp/env-file'
    }
    Object.assign(process.env, withheld, { TUNEGATE_KEEP_ME: 'kept' })
    try {
      const s = await script(`
import fs from 'node:fs'
fs.writeFileSync(new URL('./env.json', import.meta.url), JSON.stringify(process.env))
fs.appendFileSync(new URL('./events.jsonl', import.meta.url), '{"type":"done"}\\n')`)
      const outcome = await runTrainer({
        trainer: { command: process.execPath, args: [s] },
        specPath: '/dev/null',
        eventsPath: path.join(path.dirname(s), 'events.jsonl'),
        gpuCount: 0
      })
      expect(outcome.status).toBe('done')
      const env = JSON.parse(await readFile(path.join(path.dirname(s), 'env.json'), 'utf8')) as Record<string, string>
      for (const k of Object.keys(withheld)) expect(env[k], k).toBeUndefined()
      expect(env.TUNEGATE_KEEP_ME).toBe('kept')
      expect(env.PATH).toBe(process.env.PATH)
    } finally {
      for (const k of [...Object.keys(withheld), 'TUNEGATE_KEEP_ME']) delete process.env[k]
    }
  })

  it('a cached result with pickle weights, or with answers changed after the run, is not reused', async () => {
    const trainer = await fakeTrainer(`
fs.appendFileSync(path.join(path.dirname(process.argv[1]), 'runs.txt'), 'run\\n')
writeOutputs()
emit({ type: 'done' })`)
    const runs = path.join(path.dirname(trainer), 'runs.txt')
    const dir = await registryWithCommandTrainer(trainer)
    const cacheDir = path.join(dir, 'cache')
    const first = await train(dir, { cacheDir })
    const cached = path.join(cacheDir, first.identity.training_fingerprint)
    expect((await train(dir, { cacheDir })).cache.hit).toBe(true)

    await rm(path.join(cached, 'adapter/adapter_model.safetensors'))
    await writeFile(path.join(cached, 'adapter/adapter_model.pkl'), 'cos\\nsystem\\n')
    const log: string[] = []
    const second = await train(dir, { cacheDir, log: m => log.push(m) })
    expect(second.cache.hit).toBe(false)
    expect(log.join('\n')).toMatch(/is not used:\n.*adapter\/adapter_model.pkl: pickle-based weights/)

    const predictions = path.join(cached, 'predictions.jsonl')
    await writeFile(
      predictions,
      (await readFile(predictions, 'utf8')).replace('"prediction":"x"', '"prediction":"forged"')
    )
    const third = await train(dir, { cacheDir, log: m => log.push(m) })
    expect(third.cache.hit).toBe(false)
    expect(log.join('\n')).toMatch(/predictions.jsonl: sha256 [0-9a-f]{64}, but run.json says/)
    expect((await readFile(runs, 'utf8')).split('\n').filter(Boolean)).toHaveLength(3)
  }, 60_000)

  it('every eval id predicted twice is an error naming the id', async () => {
    const trainer = await fakeTrainer(`
writeOutputs()
fs.appendFileSync(path.join(out, 'predictions.jsonl'), evalIds.map(id => JSON.stringify({ id, prediction: 'wrong' })).join('\\n') + '\\n')
emit({ type: 'done' })`)
    const dir = await registryWithCommandTrainer(trainer)
    const error = (await train(dir).catch((e: unknown) => e)) as Error
    expect(error).toBeInstanceOf(TrainingError)
    expect(error.message).toMatch(
      /predictions.jsonl:\d+: a second prediction for id 'sch-\d+'.*expected one prediction per eval id/
    )
  }, 30_000)
})
