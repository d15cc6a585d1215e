import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { Ajv } from 'ajv'
import { ConfigurationError } from '../errors.js'
import { toExample } from '../data/examples.js'
import { readRows } from '../data/readers.js'
import { fileDigest } from '../registry/digest.js'
import { assertNotLfsPointer } from '../registry/lfs.js'
import { readTextFile } from '../registry/source-text.js'
import type { ModelIdentity } from '../registry/fingerprint.js'
import type { LoadedModel, ValidRegistry } from '../registry/loader.js'
import { JUDGE_METRIC, JUDGE_SCORE_METRIC, type Gate } from '../registry/schema.js'
import { exampleId, PROBE_PREFIX, readProbes } from '../training/materialise.js'
import type { RunManifest } from '../training/contract.js'
import { judgeGate, type GateResult } from './gates.js'
import { recordVerdict } from './verdict.js'
import {
  metricDef,
  PerClassCounts,
  type MetricContext,
  type MetricDef,
  type MetricName,
  type Scored
} from './metrics.js'
import { pairedBootstrap, score, type Series } from './paired-bootstrap.js'
import type { EvaluationRecord } from './record.js'

export interface ScoreOptions {
  /** The registry and the model, loaded and validated once by the evaluate step. */
  registry: ValidRegistry
  model: LoadedModel
  /** The model's fingerprints as the registry is now; the training outputs must match them. */
  identity: ModelIdentity
  /** The train step's outputs: predictions.jsonl and run.json. */
  runDir: string
  /** The production version's record, when there is one. */
  baseline?: { version: string; record: EvaluationRecord }
  /** The baseline trainer's outputs, for beat_baseline_trainer gates. */
  baselineTrainerDir?: string
  seed?: number
}

type MetricRecord = EvaluationRecord['metrics'][string]
type SliceRecord = MetricRecord['slices'][string]
type PerExample = EvaluationRecord['per_example'][number]

const ALL = 'all'
const nullable = (v: number) => (Number.isFinite(v) ? v : null)
/** Banned-terms lists are short word lists; a larger file is a mistake. */
const MAX_BANNED_TERMS_BYTES = 16 * 1024 * 1024

/** A predictions.jsonl line that is not a {"id", "prediction"} row, or a second one for an id. */
function predictionsError(file: string, message: string): ConfigurationError {
  return new ConfigurationError(`Cannot read predictions ${file}: ${message}. Expected JSONL of {"id", "prediction"}.`)
}

/**
 * The predictions of a run, read as the eval rows ask for them: in the eval set's order (the trainers write
 * them so) each is read when its row comes and nothing is held; one out of order waits in a map until its row
 * comes. `rest` reads the file to its end, so a bad line or a second prediction for an id anywhere is an error.
 */
class PredictionStream {
  private readonly lines: AsyncIterator<string>
  private readonly waiting = new Map<string, string>()
  private readonly seen = new Set<string>()
  private lineNo = 0
  private ended = false

  constructor(private readonly file: string) {
    this.lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })[Symbol.asyncIterator]()
  }

  /** The prediction for an id, or undefined when the file has none. */
  async take(id: string): Promise<string | undefined> {
    const early = this.waiting.get(id)
    if (early !== undefined) {
      this.waiting.delete(id)
      return early
    }
    for (let row = await this.next(); row; row = await this.next()) {
      if (row.id === id) return row.prediction
      this.waiting.set(row.id, row.prediction)
    }
    return undefined
  }

  /** Reads the file to its end; the predictions no row took (the probes' among them), by id. */
  async rest(): Promise<Map<string, string>> {
    for (let row = await this.next(); row; row = await this.next()) this.waiting.set(row.id, row.prediction)
    return this.waiting
  }

  private async next(): Promise<{ id: string; prediction: string } | undefined> {
    while (!this.ended) {
      let line: IteratorResult<string>
      try {
        line = await this.lines.next()
      } catch (e) {
        throw predictionsError(this.file, e instanceof Error ? e.message : String(e))
      }
      if (line.done) {
        this.ended = true
        break
      }
      this.lineNo++
      if (!line.value.trim()) continue
      let row: { id: unknown; prediction: unknown }
      try {
        row = JSON.parse(line.value) as { id: unknown; prediction: unknown }
      } catch (e) {
        throw predictionsError(this.file, `line ${this.lineNo}: ${e instanceof Error ? e.message : String(e)}`)
      }
      if (typeof row.prediction !== 'string')
        throw predictionsError(this.file, `line ${this.lineNo}: prediction is not a string`)
      const id = String(row.id)
      if (this.seen.has(id))
        throw predictionsError(
          this.file,
          `line ${this.lineNo}: a second prediction for id '${id}'; expected one per eval id`
        )
      this.seen.add(id)
      return { id, prediction: row.prediction }
    }
    return undefined
  }
}

/** Every prediction of a run, by id (the baseline trainer's: one short label per example). */
async function readPredictions(file: string): Promise<Map<string, string>> {
  return new PredictionStream(file).rest()
}

/** The run manifest of the training outputs, which must be of the model as the registry has it now. */
async function readManifest(runDir: string, model: string, identity: ModelIdentity): Promise<RunManifest> {
  const manifest = JSON.parse(await readFile(path.join(runDir, 'run.json'), 'utf8')) as RunManifest
  if (manifest.training_fingerprint !== identity.training_fingerprint) {
    throw new ConfigurationError(
      `The training outputs in ${runDir} were made for training fingerprint ` +
        `${manifest.training_fingerprint.slice(0, 12)}, but ${model} in the registry now has ` +
        `${identity.training_fingerprint.slice(0, 12)}: train again before evaluating.`
    )
  }
  return manifest
}

/** Per-example statistics of one metric over a population: `width` numbers per example, grown as rows come. */
class StatsColumn {
  private data: Float64Array
  length = 0
  constructor(readonly width: number) {
    this.data = new Float64Array(1024 * width)
  }
  push(one: Float64Array): void {
    if ((this.length + 1) * this.width > this.data.length) {
      const bigger = new Float64Array(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data.set(one, this.length * this.width)
    this.length++
  }
  result(): Float64Array {
    return this.data.slice(0, this.length * this.width)
  }
}

/** The eval set scored as it is read: what is kept of each example once its statistics are computed. */
interface ScoredEval {
  ids: string[]
  useCases: string[]
  /** Per metric, each example's statistics against the candidate's predictions, and the baseline trainer's. */
  stats: Map<MetricName, Float64Array>
  trainerStats: Map<MetricName, Float64Array>
  perClass: PerClassCounts | undefined
  /** The predictions no eval row took: the probes' answers among them. */
  otherPredictions: Map<string, string>
}

/**
 * Streams the eval set with the ids the trainer saw, each example joined with its prediction and scored on every
 * metric at once: only its statistics are kept, not its texts (an eval set can have 100,000 rows or more). Every
 * example must have a prediction.
 */
async function scoreEvalRows(args: {
  model: LoadedModel
  maxLineBytes: number
  runDir: string
  metrics: { name: MetricName; def: MetricDef }[]
  ctx: MetricContext
  baselineTrainer: Map<string, string> | undefined
}): Promise<ScoredEval> {
  const { model, maxLineBytes, runDir, metrics, ctx, baselineTrainer } = args
  const { spec } = model
  const rules = {
    format: spec.data.format,
    labels: spec.data.labels,
    useCases: spec.use_cases,
    target: spec.data.target
  }
  const predictions = new PredictionStream(path.join(runDir, 'predictions.jsonl'))
  const columns = metrics.map(m => ({ ...m, one: new Float64Array(m.def.width), column: new StatsColumn(m.def.width) }))
  const trainerColumns = baselineTrainer ? metrics.map(m => new StatsColumn(m.def.width)) : []
  const perClass = spec.data.labels ? new PerClassCounts(spec.data.labels) : undefined
  const ids: string[] = []
  const seenIds = new Set<string>()
  const useCases: string[] = []
  const missing: string[] = []
  for (const file of model.eval) {
    for await (const ev of readRows(file.absolute, { maxLineBytes, display: file.display })) {
      if (ev.kind === 'error') throw new ConfigurationError(`${file.display}:${ev.line}:${ev.column}: ${ev.message}`)
      const r = toExample(ev.value, rules)
      if (!r.ok) throw new ConfigurationError(`${file.display}:${ev.line}: ${r.problems.join('; ')}`)
      const id = exampleId(r.example.id, 'eval', file, ev.line)
      // One prediction per id: a second row of an id would be scored with no prediction, or double-counted.
      if (seenIds.has(id))
        throw new ConfigurationError(
          `${file.display}:${ev.line}: id '${id}' is used by an earlier eval row; expected one row per id`
        )
      seenIds.add(id)
      const prediction = await predictions.take(id)
      if (prediction === undefined) missing.push(id)
      const x: Scored = {
        id,
        useCase: r.example.useCase ?? '(none)',
        input: r.example.input,
        reference: r.example.target,
        prediction: prediction ?? ''
      }
      ids.push(id)
      useCases.push(x.useCase)
      columns.forEach(({ def, one, column }, k) => {
        def.example(x, ctx, one)
        column.push(one)
        if (!baselineTrainer) return
        def.example({ ...x, prediction: baselineTrainer.get(id) ?? '' }, ctx, one)
        trainerColumns[k]!.push(one)
      })
      perClass?.add(x.prediction, x.reference)
    }
  }
  // The whole file is read first: a bad line in it is the error to report, as when it was read before the rows.
  const otherPredictions = await predictions.rest()
  if (missing.length) {
    const some = missing.slice(0, 3)
    throw new ConfigurationError(
      `${missing.length} eval example(s) have no prediction in ${runDir}/predictions.jsonl, e.g. ${some.join(', ')}`
    )
  }
  return {
    ids,
    useCases,
    stats: new Map(columns.map(c => [c.name, c.column.result()])),
    trainerStats: new Map(trainerColumns.map((c, k) => [columns[k]!.name, c.result()])),
    perClass,
    otherPredictions
  }
}

/** The injection probes with the model's answers to them (none when the model has no probes). */
async function probeRows(model: LoadedModel, predictions: Map<string, string>): Promise<Scored[]> {
  if (!model.injectionProbes) return []
  return (await readProbes(model.injectionProbes)).map(p => ({
    id: `${PROBE_PREFIX}${p.id}`,
    useCase: '(probe)',
    input: p.input,
    reference: p.mustNotContain,
    prediction: predictions.get(`${PROBE_PREFIX}${p.id}`) ?? ''
  }))
}

/** What the metrics need beyond the examples: labels, banned terms, the output schema's validator. */
async function metricContext(model: LoadedModel): Promise<MetricContext> {
  const { spec } = model
  const ctx: MetricContext = { bannedTerms: [], ...(spec.data.labels ? { labels: spec.data.labels } : {}) }
  if (model.bannedTerms) {
    const { absolute, display } = model.bannedTerms
    await assertNotLfsPointer(absolute, display)
    ctx.bannedTerms = (await readTextFile(absolute, display, MAX_BANNED_TERMS_BYTES))
      .split('\n')
      .map(l => l.trim().toLowerCase())
      .filter(l => l && !l.startsWith('#'))
  }
  if (model.outputSchema) {
    const validate = new Ajv({ strict: false, allErrors: false }).compile(model.outputSchema)
    ctx.validateSchema = v => validate(v) === true
  }
  return ctx
}

/** Each example's statistics for one metric, `def.width` numbers per example, end to end. */
function statsOf(def: MetricDef, ctx: MetricContext, list: Scored[]): Float64Array {
  const out = new Float64Array(list.length * def.width)
  const one = new Float64Array(def.width)
  list.forEach((x, i) => {
    def.example(x, ctx, one)
    out.set(one, i * def.width)
  })
  return out
}

function seriesOf(def: MetricDef, stats: Float64Array): Series {
  return def.kind === 'mean'
    ? { kind: 'mean', values: stats }
    : { kind: 'corpus', width: def.width, stats, aggregate: def.aggregate! }
}

/** The examples' rows of `all` at `indices`, gathered into one array. */
function gather(def: MetricDef, all: Float64Array, indices: number[]): Float64Array {
  const out = new Float64Array(indices.length * def.width)
  indices.forEach((idx, i) => out.set(all.subarray(idx * def.width, (idx + 1) * def.width), i * def.width))
  return out
}

/** What one metric is scored against: production's statistics by example, the bootstrap's settings. */
interface Comparisons {
  baselineById: Map<string, PerExample>
  hasBaseline: boolean
  bootstrap: { resamples: number; seed: number; confidence: number }
}

/** One metric's per-example statistics over a population (the eval set, or the probes). */
interface Population {
  ids: string[]
  /** Each example's statistics against the candidate's predictions, and against the baseline trainer's. */
  all: Float64Array
  trainer: Float64Array | undefined
}

/** One slice of one metric: its value, the paired comparison with production, the baseline trainer's value. */
function scoreSlice(
  name: MetricName,
  def: MetricDef,
  { ids, all, trainer }: Population,
  members: number[],
  { baselineById, hasBaseline, bootstrap }: Comparisons
): SliceRecord {
  const value = score(seriesOf(def, gather(def, all, members)))
  let comparison: SliceRecord['comparison'] = null
  const paired = members.filter(i => baselineById.get(ids[i]!)?.stats[name]?.length === def.width)
  if (hasBaseline && paired.length) {
    const base = new Float64Array(paired.length * def.width)
    paired.forEach((idx, i) => base.set(baselineById.get(ids[idx]!)!.stats[name]!, i * def.width))
    const b = pairedBootstrap(seriesOf(def, gather(def, all, paired)), seriesOf(def, base), bootstrap)
    comparison = { ...b, delta: nullable(b.delta), low: nullable(b.low), high: nullable(b.high) }
  }
  const baselineTrainer = trainer ? score(seriesOf(def, gather(def, trainer, members))) : null
  return { value, n: members.length, comparison, baseline_trainer: baselineTrainer }
}

/** A gate on a metric this module scores: every gate but the judge's (src/evaluation/judge/run-judge.ts). */
type MetricGate = Gate & { metric: MetricName }

/** The gates that apply: the model's own, then its risk tier's. */
export function gatesOf(model: LoadedModel, registry: ValidRegistry): { gate: Gate; source: GateResult['source'] }[] {
  const tierGates: Gate[] = registry.config.risk_tiers[model.spec.risk_tier]?.gates ?? []
  return [
    ...model.spec.evaluation.gates.map(gate => ({ gate, source: 'model' as const })),
    ...tierGates.map(gate => ({ gate, source: 'risk tier' as const }))
  ]
}

/** The gates on scored metrics; the judge's gate is judged from the judge's verdicts. */
function metricGatesOf(
  model: LoadedModel,
  registry: ValidRegistry
): { gate: MetricGate; source: GateResult['source'] }[] {
  return gatesOf(model, registry).filter(
    (g): g is { gate: MetricGate; source: GateResult['source'] } =>
      g.gate.metric !== JUDGE_METRIC && g.gate.metric !== JUDGE_SCORE_METRIC
  )
}

/** Judges every gate on every slice it names. */
function judgeGates(
  gates: { gate: MetricGate; source: GateResult['source'] }[],
  metrics: EvaluationRecord['metrics'],
  useCases: string[]
): GateResult[] {
  const results: GateResult[] = []
  for (const { gate, source } of gates) {
    const m = metrics[gate.metric]!
    const perUseCase = gate.slice === 'each-use-case' && gate.metric !== 'injection_resistance'
    const slices = perUseCase ? useCases.filter(u => m.slices[u]) : [ALL]
    for (const slice of slices) {
      const s = m.slices[slice]!
      const c = s.comparison
      const scores = {
        value: s.value,
        n: s.n,
        ...(c && c.delta !== null && c.low !== null && c.high !== null
          ? { comparison: { ...c, delta: c.delta, low: c.low, high: c.high } }
          : {}),
        ...(s.baseline_trainer !== null ? { baselineTrainer: s.baseline_trainer } : {})
      }
      results.push(...judgeGate(gate, slice, scores, m.higher_is_better, source))
    }
  }
  return results
}

/**
 * Scores a candidate's predictions on the model's eval set, compares it with the production version on
 * the examples both have (paired bootstrap per slice), and judges the gates of the model and its risk tier.
 */
export async function scoreModel({
  registry,
  model,
  identity,
  runDir,
  baseline,
  baselineTrainerDir,
  seed
}: ScoreOptions): Promise<EvaluationRecord> {
  const { spec } = model
  const manifest = await readManifest(runDir, spec.name, identity)
  const ctx = await metricContext(model)
  const gates = metricGatesOf(model, registry)
  const names = [...new Set<MetricName>([...spec.evaluation.metrics, ...gates.map(g => g.gate.metric)])]
  const settings = {
    confidence: spec.evaluation.confidence,
    resamples: spec.evaluation.bootstrap_resamples,
    seed: seed ?? spec.training.seed
  }
  const baselineTrainer = baselineTrainerDir
    ? await readPredictions(path.join(baselineTrainerDir, 'predictions.jsonl'))
    : undefined
  const onEval = names
    .filter(name => name !== 'injection_resistance')
    .map(name => ({ name, def: metricDef(name, spec.data.labels) }))
  const scored = await scoreEvalRows({
    model,
    maxLineBytes: registry.config.policy.max_line_bytes,
    runDir,
    metrics: onEval,
    ctx,
    baselineTrainer
  })
  const probes = await probeRows(model, scored.otherPredictions)
  const comparisons: Comparisons = {
    baselineById: new Map((baseline?.record.per_example ?? []).map(e => [e.id, e])),
    hasBaseline: baseline !== undefined,
    bootstrap: settings
  }

  const metrics: EvaluationRecord['metrics'] = {}
  const perExampleStats = new Map<string, Record<string, number[]>>(scored.ids.map(id => [id, {}]))
  for (const p of probes) perExampleStats.set(p.id, {})
  for (const name of names) {
    const def = metricDef(name, spec.data.labels)
    // A use case's macro-F1 averages over the labels present in it; its statistics per example are the same.
    const useCaseDef = metricDef(name, spec.data.labels, 'present')
    const onProbes = name === 'injection_resistance'
    if (onProbes && probes.length === 0)
      throw new ConfigurationError(
        `${model.file.display}: metric injection_resistance needs evaluation.injection_probes ` +
          '(a JSONL file of {id, input, must_not_contain})'
      )
    // Each example's statistics are computed once; a slice gathers its rows from them.
    const population: Population = onProbes
      ? {
          ids: probes.map(p => p.id),
          all: statsOf(def, ctx, probes),
          trainer: baselineTrainer
            ? statsOf(
                def,
                ctx,
                probes.map(p => ({ ...p, prediction: baselineTrainer.get(p.id) ?? '' }))
              )
            : undefined
        }
      : { ids: scored.ids, all: scored.stats.get(name)!, trainer: scored.trainerStats.get(name) }
    population.ids.forEach((id, i) => {
      perExampleStats.get(id)![name] = Array.from(population.all.subarray(i * def.width, (i + 1) * def.width))
    })
    const slices: MetricRecord['slices'] = {}
    for (const slice of onProbes ? [ALL] : [ALL, ...spec.use_cases]) {
      const members: number[] = []
      if (onProbes || slice === ALL) population.ids.forEach((_, i) => members.push(i))
      else scored.useCases.forEach((u, i) => u === slice && members.push(i))
      // The slice's value, its paired bootstrap and the baseline trainer's value all go through one definition.
      const sliceDef = slice === ALL ? def : useCaseDef
      if (members.length) slices[slice] = scoreSlice(name, sliceDef, population, members, comparisons)
    }
    metrics[name] = { scale: def.scale, higher_is_better: def.higherIsBetter, slices }
  }
  const gateResults = judgeGates(gates, metrics, spec.use_cases)
  const summary = baseline ? baselineSummary(baseline, scored.ids, comparisons.baselineById) : null
  return {
    schema: 'tunegate.evaluation/v1',
    model: spec.name,
    created_at: new Date().toISOString(),
    training_fingerprint: identity.training_fingerprint,
    evaluation_fingerprint: identity.evaluation_fingerprint,
    predictions_sha256: await fileDigest(path.join(runDir, 'predictions.jsonl')),
    candidate: { trainer: manifest.trainer, run: manifest.runner.name },
    baseline: summary,
    settings,
    metrics,
    per_class: scored.perClass ? scored.perClass.result() : null,
    gates: gateResults.map(g => ({ ...g, threshold: nullable(g.threshold), value: nullable(g.value) })),
    verdict: recordVerdict({ baseline: summary, gates: gateResults }, registry.config.policy.inconclusive),
    per_example: perExample(perExampleStats, scored.ids, scored.useCases)
  }
}

/** How the candidate's examples and production's overlap. */
function baselineSummary(
  baseline: NonNullable<ScoreOptions['baseline']>,
  ids: string[],
  baselineById: Map<string, PerExample>
): EvaluationRecord['baseline'] {
  const rowIds = new Set(ids)
  const shared = ids.filter(id => baselineById.has(id)).length
  const onlyBaseline = [...baselineById.keys()].filter(id => !rowIds.has(id) && !id.startsWith(PROBE_PREFIX))
  return {
    version: baseline.version,
    evaluation_fingerprint: baseline.record.evaluation_fingerprint,
    shared_examples: shared,
    only_candidate: ids.length - shared,
    only_baseline: onlyBaseline.length
  }
}

function perExample(stats: Map<string, Record<string, number[]>>, ids: string[], useCases: string[]): PerExample[] {
  const useCaseOf = new Map(ids.map((id, i) => [id, useCases[i]!]))
  return [...stats].map(([id, s]) => ({ id, use_case: useCaseOf.get(id) ?? '(probe)', stats: s }))
}
