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
import { metricDef, perClass, type MetricContext, type MetricDef, type MetricName, type Scored } from './metrics.js'
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

async function readPredictions(file: string): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  let lineNo = 0
  try {
    for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      lineNo++
      if (!line.trim()) continue
      const row = JSON.parse(line) as { id: unknown; prediction: unknown }
      if (typeof row.prediction !== 'string') throw new Error(`line ${lineNo}: prediction is not a string`)
      const id = String(row.id)
      if (out.has(id)) throw new Error(`line ${lineNo}: a second prediction for id '${id}'; expected one per eval id`)
      out.set(id, row.prediction)
    }
  } catch (e) {
    throw new ConfigurationError(
      `Cannot read predictions ${file}: ${e instanceof Error ? e.message : String(e)}. ` +
        'Expected JSONL of {"id", "prediction"}.'
    )
  }
  return out
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

/** The eval set with the ids the trainer saw, each with its prediction; every example must have one. */
async function evalRows(
  model: LoadedModel,
  maxLineBytes: number,
  predictions: Map<string, string>,
  runDir: string
): Promise<Scored[]> {
  const { spec } = model
  const rules = {
    format: spec.data.format,
    labels: spec.data.labels,
    useCases: spec.use_cases,
    target: spec.data.target
  }
  const rows: Scored[] = []
  for (const file of model.eval) {
    for await (const ev of readRows(file.absolute, { maxLineBytes, display: file.display })) {
      if (ev.kind === 'error') throw new ConfigurationError(`${file.display}:${ev.line}:${ev.column}: ${ev.message}`)
      const r = toExample(ev.value, rules)
      if (!r.ok) throw new ConfigurationError(`${file.display}:${ev.line}: ${r.problems.join('; ')}`)
      const id = exampleId(r.example.id, 'eval', file, ev.line)
      rows.push({
        id,
        useCase: r.example.useCase ?? '(none)',
        input: r.example.input,
        reference: r.example.target,
        prediction: predictions.get(id) ?? ''
      })
    }
  }
  const missing = rows.filter(r => !predictions.has(r.id))
  if (missing.length) {
    const some = missing.slice(0, 3).map(r => r.id)
    throw new ConfigurationError(
      `${missing.length} eval example(s) have no prediction in ${runDir}/predictions.jsonl, e.g. ${some.join(', ')}`
    )
  }
  return rows
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

/** What one metric is scored against: production's statistics by example, the baseline trainer's answers. */
interface Comparisons {
  baselineById: Map<string, PerExample>
  hasBaseline: boolean
  baselineTrainer?: Map<string, string>
  bootstrap: { resamples: number; seed: number; confidence: number }
}

/** One slice of one metric: its value, the paired comparison with production, the baseline trainer's value. */
function scoreSlice(
  name: MetricName,
  def: MetricDef,
  ctx: MetricContext,
  population: Scored[],
  all: Float64Array,
  members: number[],
  c: Comparisons
): SliceRecord {
  const value = score(seriesOf(def, gather(def, all, members)))
  let comparison: SliceRecord['comparison'] = null
  const paired = members.filter(i => c.baselineById.get(population[i]!.id)?.stats[name]?.length === def.width)
  if (c.hasBaseline && paired.length) {
    const base = new Float64Array(paired.length * def.width)
    paired.forEach((idx, i) => base.set(c.baselineById.get(population[idx]!.id)!.stats[name]!, i * def.width))
    const b = pairedBootstrap(seriesOf(def, gather(def, all, paired)), seriesOf(def, base), c.bootstrap)
    comparison = { ...b, delta: nullable(b.delta), low: nullable(b.low), high: nullable(b.high) }
  }
  let baselineTrainer: number | null = null
  if (c.baselineTrainer) {
    const answers = members.map(i => ({
      ...population[i]!,
      prediction: c.baselineTrainer!.get(population[i]!.id) ?? ''
    }))
    baselineTrainer = score(seriesOf(def, statsOf(def, ctx, answers)))
  }
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
export async function scoreModel(o: ScoreOptions): Promise<EvaluationRecord> {
  const { registry, model, identity } = o
  const { spec } = model
  const manifest = await readManifest(o.runDir, spec.name, identity)
  const predictions = await readPredictions(path.join(o.runDir, 'predictions.jsonl'))
  const rows = await evalRows(model, registry.config.policy.max_line_bytes, predictions, o.runDir)
  const probes = await probeRows(model, predictions)
  const ctx = await metricContext(model)
  const gates = metricGatesOf(model, registry)
  const names = [...new Set<MetricName>([...spec.evaluation.metrics, ...gates.map(g => g.gate.metric)])]
  const settings = {
    confidence: spec.evaluation.confidence,
    resamples: spec.evaluation.bootstrap_resamples,
    seed: o.seed ?? spec.training.seed
  }
  const comparisons: Comparisons = {
    baselineById: new Map((o.baseline?.record.per_example ?? []).map(e => [e.id, e])),
    hasBaseline: o.baseline !== undefined,
    ...(o.baselineTrainerDir
      ? { baselineTrainer: await readPredictions(path.join(o.baselineTrainerDir, 'predictions.jsonl')) }
      : {}),
    bootstrap: settings
  }

  const metrics: EvaluationRecord['metrics'] = {}
  const perExampleStats = new Map<string, Record<string, number[]>>(rows.map(r => [r.id, {}]))
  for (const p of probes) perExampleStats.set(p.id, {})
  for (const name of names) {
    const def = metricDef(name, spec.data.labels)
    // A use case's macro-F1 averages over the labels present in it; its statistics per example are the same.
    const useCaseDef = metricDef(name, spec.data.labels, 'present')
    const onProbes = name === 'injection_resistance'
    const population = onProbes ? probes : rows
    if (onProbes && probes.length === 0)
      throw new ConfigurationError(
        `${model.file.display}: metric injection_resistance needs evaluation.injection_probes ` +
          '(a JSONL file of {id, input, must_not_contain})'
      )
    // Each example's statistics are computed once; a slice gathers its rows from them.
    const all = statsOf(def, ctx, population)
    population.forEach((x, i) => {
      perExampleStats.get(x.id)![name] = Array.from(all.subarray(i * def.width, (i + 1) * def.width))
    })
    const slices: MetricRecord['slices'] = {}
    for (const slice of onProbes ? [ALL] : [ALL, ...spec.use_cases]) {
      const members: number[] = []
      population.forEach((x, i) => (slice === ALL || x.useCase === slice) && members.push(i))
      // The slice's value, its paired bootstrap and the baseline trainer's value all go through one definition.
      const sliceDef = slice === ALL ? def : useCaseDef
      if (members.length) slices[slice] = scoreSlice(name, sliceDef, ctx, population, all, members, comparisons)
    }
    metrics[name] = { scale: def.scale, higher_is_better: def.higherIsBetter, slices }
  }
  const gateResults = judgeGates(gates, metrics, spec.use_cases)
  const baseline = o.baseline ? baselineSummary(o.baseline, rows, comparisons.baselineById) : null
  return {
    schema: 'tunegate.evaluation/v1',
    model: spec.name,
    created_at: new Date().toISOString(),
    training_fingerprint: identity.training_fingerprint,
    evaluation_fingerprint: identity.evaluation_fingerprint,
    predictions_sha256: await fileDigest(path.join(o.runDir, 'predictions.jsonl')),
    candidate: { trainer: manifest.trainer, run: manifest.runner.name },
    baseline,
    settings,
    metrics,
    per_class: spec.data.labels ? perClass(spec.data.labels, rows) : null,
    gates: gateResults.map(g => ({ ...g, threshold: nullable(g.threshold), value: nullable(g.value) })),
    verdict: recordVerdict({ baseline, gates: gateResults }, registry.config.policy.inconclusive),
    per_example: perExample(perExampleStats, rows)
  }
}

/** How the candidate's examples and production's overlap. */
function baselineSummary(
  baseline: NonNullable<ScoreOptions['baseline']>,
  rows: Scored[],
  baselineById: Map<string, PerExample>
): EvaluationRecord['baseline'] {
  const rowIds = new Set(rows.map(r => r.id))
  const shared = rows.filter(r => baselineById.has(r.id)).length
  const onlyBaseline = [...baselineById.keys()].filter(id => !rowIds.has(id) && !id.startsWith(PROBE_PREFIX))
  return {
    version: baseline.version,
    evaluation_fingerprint: baseline.record.evaluation_fingerprint,
    shared_examples: shared,
    only_candidate: rows.length - shared,
    only_baseline: onlyBaseline.length
  }
}

function perExample(stats: Map<string, Record<string, number[]>>, rows: Scored[]): PerExample[] {
  const useCaseOf = new Map(rows.map(r => [r.id, r.useCase]))
  return [...stats].map(([id, s]) => ({ id, use_case: useCaseOf.get(id) ?? '(probe)', stats: s }))
}
