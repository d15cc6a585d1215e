import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { mulberry32 } from '../src/data/seeded-random.js'
import { writeRecord } from '../src/evaluation/evaluate.js'
import { evaluationRecordSchema, parseEvaluationRecord, type EvaluationRecord } from '../src/evaluation/record.js'
import { scoreModel } from '../src/evaluation/scoring.js'
import { modelIdentity, type ModelIdentity } from '../src/registry/fingerprint.js'
import { loadRegistryModel, type RegistryModel } from '../src/registry/loader.js'
import { trainerIdentity } from '../src/training/backends.js'
import { makeRepo } from './helpers/git-repo.js'

type Row = { id: string; use_case: string; label: string }

describe('scoring streams the eval rows and predictions', () => {
  let registryDir: string
  let loaded: RegistryModel
  let identity: ModelIdentity
  let rows: Row[]
  let answers: string[]
  beforeAll(async () => {
    registryDir = path.join(await makeRepo({ withRegistry: true }), 'registry')
    loaded = await loadRegistryModel(registryDir, 'content-classifier')
    identity = await modelIdentity(loaded.model, trainerIdentity(loaded.model.spec))
    rows = readFileSync(path.join(registryDir, 'datasets/content-classifier/eval.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(l => JSON.parse(l) as Row)
    const labels = loaded.model.spec.data.labels!
    const random = mulberry32(7)
    answers = rows.map(r => (random() < 0.7 ? r.label : labels[Math.floor(random() * labels.length)]!))
  })

  /** A run folder whose predictions.jsonl holds `lines` (each an index into the eval rows) in that order. */
  const run = (order: number[]) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tunegate-stream-'))
    writeFileSync(
      path.join(dir, 'run.json'),
      JSON.stringify({
        training_fingerprint: identity.training_fingerprint,
        trainer: { name: 'test', version: '1' },
        runner: { name: 't' }
      })
    )
    writeFileSync(
      path.join(dir, 'predictions.jsonl'),
      order.map(i => JSON.stringify({ id: rows[i]!.id, prediction: answers[i] })).join('\n') + '\n'
    )
    return dir
  }
  const score = (runDir: string, baseline?: EvaluationRecord) =>
    scoreModel({
      ...loaded,
      identity,
      runDir,
      seed: 3,
      ...(baseline ? { baseline: { version: 'v1.0.0', record: baseline } } : {})
    })
  const withoutTime = (r: EvaluationRecord) => ({ ...r, created_at: '', predictions_sha256: '' })

  it('predictions in another order than the eval rows score the same, per class and per example', async () => {
    const inOrder = rows.map((_, i) => i)
    const base = await score(run(inOrder))
    const shuffled = [...inOrder]
    const random = mulberry32(11)
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
    }
    const again = await score(run(shuffled))
    expect(withoutTime(again)).toEqual(withoutTime(base))
    expect(base.per_example.map(e => e.id)).toEqual(rows.map(r => r.id))
    // Against itself as production: every slice compares, every example is shared.
    const compared = await score(run(shuffled.reverse()), base)
    expect(compared.baseline?.shared_examples).toBe(rows.length)
    expect(compared.metrics.accuracy!.slices.all!.comparison?.delta).toBe(0)
  })

  it('a missing prediction, and a second prediction for an id after the last eval row, are errors', async () => {
    const inOrder = rows.map((_, i) => i)
    await expect(score(run(inOrder.slice(1)))).rejects.toThrow(
      new RegExp(`1 eval example\\(s\\) have no prediction in .*predictions.jsonl, e.g. ${rows[0]!.id}`)
    )
    await expect(score(run([...inOrder, 0]))).rejects.toThrow(
      new RegExp(`line ${rows.length + 1}: a second prediction for id '${rows[0]!.id}'; expected one per eval id`)
    )
  })

  it('an eval id used by two rows is an error naming the file and line', async () => {
    const dir = path.join(await makeRepo({ withRegistry: true }), 'registry')
    const evalFile = path.join(dir, 'datasets/content-classifier/eval.jsonl')
    appendFileSync(evalFile, JSON.stringify(rows[0]) + '\n')
    const other = await loadRegistryModel(dir, 'content-classifier')
    const otherIdentity = await modelIdentity(other.model, trainerIdentity(other.model.spec))
    const runDir = run(rows.map((_, i) => i))
    writeFileSync(
      path.join(runDir, 'run.json'),
      JSON.stringify({
        training_fingerprint: otherIdentity.training_fingerprint,
        trainer: 'test',
        runner: { name: 't' }
      })
    )
    await expect(scoreModel({ ...other, identity: otherIdentity, runDir })).rejects.toThrow(
      `eval.jsonl:${rows.length + 1}: id '${rows[0]!.id}' is used by an earlier eval row; expected one row per id`
    )
  })

  it('a record is written a line per example and reads back the same, through the same schema', async () => {
    const record = await score(run(rows.map((_, i) => i)))
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tunegate-record-')), 'record.json')
    await writeRecord(file, record)
    const text = readFileSync(file, 'utf8')
    expect(text.split('\n').length).toBeGreaterThan(record.per_example.length)
    const json = JSON.parse(text) as unknown
    expect(json).toEqual(record)
    const parsed = parseEvaluationRecord(JSON.parse(text))
    expect(parsed).toEqual(evaluationRecordSchema.safeParse(json))
    const bad = JSON.parse(text) as { per_example: { stats: Record<string, unknown> }[] }
    bad.per_example[5]!.stats.accuracy = ['1']
    const refused = parseEvaluationRecord(bad)
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0]?.path).toEqual(['per_example', 5, 'stats', 'accuracy', 0])
    expect(refused.error?.issues[0]?.path).toEqual(evaluationRecordSchema.safeParse(bad).error?.issues[0]?.path)
  })
})
