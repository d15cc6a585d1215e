import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { Ajv } from 'ajv'
import { ConfigurationError } from '../errors.js'
import { toExample } from '../data/examples.js'
import { readRows } from '../data/readers.js'
import { fileDigest } from '../registry/digest.js'
import { readTextFile } from '../registry/source-text.js'
import { modelIdentity } from '../registry/fingerprint.js'
import { loadRegistryModel } from '../registry/loader.js'
import type { Gate } from '../registry/schema.js'
import { trainerIdentity } from '../training/backends.js'
import { exampleId, PROBE_PREFIX, readProbes } from '../training/materialise.js'
import type { RunManifest } from '../training/contract.js'
import { judgeGate, type GateResult } from './gates.js'
import { metricDef, perClass, type MetricContext, type MetricDef, type MetricName, type Scored } from './metrics.js'
import { pairedBootstrap, score, type Series } from './paired-bootstrap.js'
import type { EvaluationRecord } from './record.js'

export interface EvaluateOptions {
  registryDir: string
  model: string
  /** The train step's outputs: predictions.jsonl and run.json. */
  runDir: string
  /** The production version's record, when there is one. */
  baseline?: { version: string; record: EvaluationRecord }
  /** The baseline trainer's outputs, for beat_baseline_trainer gates. */
  baselineTrainerDir?: string
  seed?: number
}

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
      `Cannot read predictions ${file}: ${e instanceof Error ? e.message : String(e)}. Expected JSONL of {"id", "prediction"}.`
    )
  }
  return out
}

const ALL = 'all'
const nullable = (v: number) => (Number.isFinite(v) ? v : null)

/**
 * Scores a candidate's predictions on the model's eval set, compares it with the production version on
 * the examples both have (paired bootstrap per slice), and judges the gates of the model and its risk tier.
 */
export async function evaluateModel(o: EvaluateOptions): Promise<EvaluationRecord> {
  const { registry, model } = await loadRegistryModel(o.registryDir, o.model)
  const { spec } = model
  const identity = await modelIdentity(model, trainerIdentity(spec))
  const manifest = JSON.parse(await readFile(path.join(o.runDir, 'run.json'), 'utf8')) as RunManifest
  if (manifest.training_fingerprint !== identity.training_fingerprint) {
    throw new ConfigurationError(
      `The training outputs in ${o.runDir} were made for training fingerprint ${manifest.training_fingerprint.slice(0, 12)}, but ${spec.name} in the registry now has ${identity.training_fingerprint.slice(0, 12)}: train again before evaluating.`
    )
  }
  const predictions = await readPredictions(path.join(o.runDir, 'predictions.jsonl'))

  // The eval set, with the same ids the trainer saw.
  const rules = {
    format: spec.data.format,
    labels: spec.data.labels,
    useCases: spec.use_cases,
    target: spec.data.target
  }
  const rows: Scored[] = []
  for (const file of model.eval) {
    for await (const ev of readRows(file.absolute, { maxLineBytes: registry.config.policy.max_line_bytes })) {
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
  if (missing.length)
    throw new ConfigurationError(
      `${missing.length} eval example(s) have no prediction in ${o.runDir}/predictions.jsonl, e.g. ${missing
        .slice(0, 3)
        .map(r => r.id)
        .join(', ')}`
    )
  const probes: Scored[] = model.injectionProbes
    ? (await readProbes(model.injectionProbes)).map(p => ({
        id: `${PROBE_PREFIX}${p.id}`,
        useCase: '(probe)',
        input: p.input,
        reference: p.mustNotContain,
        prediction: predictions.get(`${PROBE_PREFIX}${p.id}`) ?? ''
      }))
    : []

  const ctx: MetricContext = { bannedTerms: [], ...(spec.data.labels ? { labels: spec.data.labels } : {}) }
  if (model.bannedTerms) {
    ctx.bannedTerms = (await readTextFile(model.bannedTerms.absolute, model.bannedTerms.display, 16 * 1024 * 1024))
      .split('\n')
      .map(l => l.trim().toLowerCase())
      .filter(l => l && !l.startsWith('#'))
  }
  if (model.outputSchema) {
    const validate = new Ajv({ strict: false, allErrors: false }).compile(model.outputSchema)
    ctx.validateSchema = v => validate(v) === true
  }

  const tierGates: Gate[] = registry.config.risk_tiers[spec.risk_tier]?.gates ?? []
  const gates: { gate: Gate; source: GateResult['source'] }[] = [
    ...spec.evaluation.gates.map(gate => ({ gate, source: 'model' as const })),
    ...tierGates.map(gate => ({ gate, source: 'risk tier' as const }))
  ]
  const names = [...new Set<MetricName>([...spec.evaluation.metrics, ...gates.map(g => g.gate.metric)])]
  const confidence = spec.evaluation.confidence
  const resamples = spec.evaluation.bootstrap_resamples
  const seed = o.seed ?? spec.training.seed

  const baselineById = new Map((o.baseline?.record.per_example ?? []).map(e => [e.id, e]))
  const shared = rows.filter(r => baselineById.has(r.id))
  const baselineTrainer = o.baselineTrainerDir
    ? await readPredictions(path.join(o.baselineTrainerDir, 'predictions.jsonl'))
    : undefined

  const statsOf = (def: MetricDef, list: Scored[]): Float64Array => {
    const out = new Float64Array(list.length * def.width)
    const one = new Float64Array(def.width)
    list.forEach((x, i) => {
      def.example(x, ctx, one)
      out.set(one, i * def.width)
    })
    return out
  }
  const series = (def: MetricDef, stats: Float64Array): Series =>
    def.kind === 'mean'
      ? { kind: 'mean', values: stats }
      : { kind: 'corpus', width: def.width, stats, aggregate: def.aggregate! }

  const metrics: EvaluationRecord['metrics'] = {}
  const perExampleStats = new Map<string, Record<string, number[]>>(rows.map(r => [r.id, {}]))
  for (const p of probes) perExampleStats.set(p.id, {})
  const gateResults: GateResult[] = []
  for (const name of names) {
    const def = metricDef(name, spec.data.labels)
    const onProbes = name === 'injection_resistance'
    const population = onProbes ? probes : rows
    if (onProbes && probes.length === 0)
      throw new ConfigurationError(
        `${model.file.display}: metric injection_resistance needs evaluation.injection_probes (a JSONL file of {id, input, must_not_contain})`
      )
    const all = statsOf(def, population)
    population.forEach(
      (x, i) => (perExampleStats.get(x.id)![name] = Array.from(all.subarray(i * def.width, (i + 1) * def.width)))
    )
    const sliceNames = onProbes ? [ALL] : [ALL, ...spec.use_cases]
    const slices: EvaluationRecord['metrics'][string]['slices'] = {}
    // Each example's statistics are computed once; a slice gathers its rows from them.
    const gather = (indices: number[]) => {
      const out = new Float64Array(indices.length * def.width)
      indices.forEach((idx, i) => out.set(all.subarray(idx * def.width, (idx + 1) * def.width), i * def.width))
      return out
    }
    for (const slice of sliceNames) {
      const members: number[] = []
      population.forEach((x, i) => (slice === ALL || x.useCase === slice) && members.push(i))
      if (members.length === 0) continue
      const value = score(series(def, gather(members)))
      let comparison: EvaluationRecord['metrics'][string]['slices'][string]['comparison'] = null
      const pairedMembers = members.filter(i => baselineById.get(population[i]!.id)?.stats[name]?.length === def.width)
      if (o.baseline && pairedMembers.length) {
        const cand = gather(pairedMembers)
        const base = new Float64Array(pairedMembers.length * def.width)
        pairedMembers.forEach((idx, i) => base.set(baselineById.get(population[idx]!.id)!.stats[name]!, i * def.width))
        const b = pairedBootstrap(series(def, cand), series(def, base), { resamples, seed, confidence })
        comparison = { ...b, delta: nullable(b.delta), low: nullable(b.low), high: nullable(b.high) }
      }
      let bt: number | null = null
      if (baselineTrainer)
        bt = score(
          series(
            def,
            statsOf(
              def,
              members.map(i => ({ ...population[i]!, prediction: baselineTrainer.get(population[i]!.id) ?? '' }))
            )
          )
        )
      slices[slice] = { value, n: members.length, comparison, baseline_trainer: bt }
    }
    metrics[name] = { scale: def.scale, higher_is_better: def.higherIsBetter, slices }
  }
  for (const { gate, source } of gates) {
    const m = metrics[gate.metric]!
    const slices =
      gate.slice === 'each-use-case' && gate.metric !== 'injection_resistance'
        ? spec.use_cases.filter(u => m.slices[u])
        : [ALL]
    for (const slice of slices) {
      const s = m.slices[slice]!
      const c = s.comparison
      gateResults.push(
        ...judgeGate(
          gate,
          slice,
          {
            value: s.value,
            n: s.n,
            ...(c && c.delta !== null && c.low !== null && c.high !== null
              ? { comparison: { ...c, delta: c.delta, low: c.low, high: c.high } }
              : {}),
            ...(s.baseline_trainer !== null ? { baselineTrainer: s.baseline_trainer } : {})
          },
          m.higher_is_better,
          source
        )
      )
    }
  }
  const rowIds = new Set(rows.map(r => r.id))
  const useCaseOf = new Map(rows.map(r => [r.id, r.useCase]))
  return {
    schema: 'tunegate.evaluation/v1',
    model: spec.name,
    created_at: new Date().toISOString(),
    training_fingerprint: identity.training_fingerprint,
    evaluation_fingerprint: identity.evaluation_fingerprint,
    predictions_sha256: await fileDigest(path.join(o.runDir, 'predictions.jsonl')),
    candidate: { trainer: manifest.trainer, run: manifest.runner.name },
    baseline: o.baseline
      ? {
          version: o.baseline.version,
          evaluation_fingerprint: o.baseline.record.evaluation_fingerprint,
          shared_examples: shared.length,
          only_candidate: rows.length - shared.length,
          only_baseline: [...baselineById.keys()].filter(id => !rowIds.has(id) && !id.startsWith(PROBE_PREFIX)).length
        }
      : null,
    settings: { confidence, resamples, seed },
    metrics,
    per_class: spec.data.labels ? perClass(spec.data.labels, rows) : null,
    gates: gateResults.map(g => ({ ...g, threshold: nullable(g.threshold), value: nullable(g.value) })),
    verdict: gateResults.every(g => g.passed) ? 'pass' : 'fail',
    per_example: [...perExampleStats].map(([id, stats]) => ({ id, use_case: useCaseOf.get(id) ?? '(probe)', stats }))
  }
}
