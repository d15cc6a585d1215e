// The judge's part of the evaluate step: resolve the panel, pair the candidate's outputs with production's,
// judge them (cache first), summarise, gate, and write it all into the record. Promotion recomputes the figures
// and the gates from the stored verdicts with `recomputeJudge`, making no call.
import { createReadStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { toExample } from '../../data/examples.js'
import { readRows } from '../../data/readers.js'
import { ConfigurationError } from '../../errors.js'
import { canonicalJson, fileDigest, sha256 } from '../../registry/digest.js'
import type { Host } from '../../registry/host.js'
import { modelFamily, type LoadedModel, type ValidRegistry } from '../../registry/loader.js'
import { JUDGE_METRIC, JUDGE_SCORE_METRIC, type JudgeSpec } from '../../registry/schema.js'
import { unzipTo } from '../../registry/unzip.js'
import { exampleId } from '../../training/materialise.js'
import { trainReleaseAssetName } from '../../training/train.js'
import { judgeWinRateGates, type GateResult } from '../gates.js'
import type { EvaluationRecord, JudgeRecord } from '../record.js'
import { gatesOf } from '../scoring.js'
import { recordVerdict } from '../verdict.js'
import { judgePairs, type PairInput, type PanelJudge } from './judge.js'
import { steersJudge } from './injection.js'
import { pairOutcomes, type StoredVerdict } from './panel.js'
import {
  judgeScoreGates,
  panelScores,
  scoreOutputs,
  summarisePointwise,
  type PointInput,
  type StoredScore
} from './pointwise.js'
import { summariseJudge, type CalibrationRow, type JudgeSummary } from './summary.js'

/** Why a pairwise gate has nothing to decide on a model's first version. */
const FIRST_VERSION =
  'not applicable: this is a first version, with no production version to judge against pairwise; ' +
  'set evaluation.judge.mode: pointwise (with a judge_score gate) to judge a first version'

/** Built-in defaults, under registry.yaml's `judge.defaults` and the model's own `evaluation.judge`. */
const DEFAULTS = {
  concurrency: 8,
  timeout: 60,
  max_cost_usd: 5,
  max_error_share: 0.1,
  sample: 1,
  exclude_base_family: false
}
/** Examples the comment shows that the candidate lost most clearly. */
const LOST_SHOWN = 5
/** The largest calibration file read. */
const MAX_CALIBRATION_BYTES = 16 << 20

/** The judge settings in force: the model's, else registry.yaml's defaults, else the built-in ones. */
export function judgeSettings(registry: ValidRegistry, model: LoadedModel) {
  const own = model.spec.evaluation.judge!
  const d: Partial<JudgeSpec> = registry.config.judge?.defaults ?? {}
  const pick = <K extends keyof typeof DEFAULTS>(k: K) => (own[k] ?? d[k] ?? DEFAULTS[k]) as (typeof DEFAULTS)[K]
  return {
    judges: own.judges ?? d.judges ?? [],
    concurrency: pick('concurrency'),
    timeout: pick('timeout'),
    max_cost_usd: pick('max_cost_usd'),
    max_error_share: pick('max_error_share'),
    sample: pick('sample'),
    exclude_base_family: pick('exclude_base_family'),
    min_swap_consistency: own.min_swap_consistency ?? d.min_swap_consistency,
    min_kappa: own.min_kappa ?? d.min_kappa
  }
}

/** One example the candidate lost, with both outputs and the judges' reasons (untrusted text, escaped when shown). */
export interface LostExample {
  id: string
  useCase: string
  input: string
  candidate: string
  production: string
  /** Verdicts that preferred production, of all asked. */
  against: number
  asked: number
  reasons: string[]
}

/** One pointwise example among the lowest scored, with its output and the judges' reasons (untrusted text). */
export interface LowScoredExample {
  id: string
  useCase: string
  input: string
  output: string
  /** The panel's score: the mean across judges. */
  score: number
  reasons: string[]
}

export interface JudgeOutcome {
  judge?: JudgeRecord
  gates: GateResult[]
  lost: LostExample[]
  /** Pointwise: the lowest-scored examples. */
  lowest?: LowScoredExample[]
}

export interface RunJudgeOptions {
  registry: ValidRegistry
  model: LoadedModel
  /** The scored record: its per-example use cases and settings. */
  record: EvaluationRecord
  runDir: string
  baseline?: { tag: string; record: EvaluationRecord }
  host: Host
  /** A pull request judges the seeded sample; a merge (the default) judges every example. */
  pullRequest?: boolean
  /** Verdicts of an earlier record (a re-run, a cache artifact): reused by key, no call made. */
  cache?: Map<string, StoredVerdict>
  /** Pointwise scores of an earlier record, reused by key likewise. */
  scoreCache?: Map<string, StoredScore>
  env?: NodeJS.ProcessEnv
  log?: (m: string) => void
}

/** Runs the judge for one model (see the file's header); without production its gates are not applicable. */
export async function runJudge(options: RunJudgeOptions): Promise<JudgeOutcome> {
  const log = options.log ?? (() => undefined)
  const { registry, model } = options
  const settings = judgeSettings(registry, model)
  if (model.spec.evaluation.judge!.mode === 'pointwise') return runPointwise(options, settings)
  const gates = gatesOf(model, registry).filter(g => g.gate.metric === JUDGE_METRIC)
  const useCases = model.spec.use_cases
  if (!options.baseline) return { gates: judgeWinRateGates(gates, undefined, useCases, [FIRST_VERSION]), lost: [] }
  const { judges, excluded } = panelOf(registry, model, settings.judges, settings, options.env ?? process.env)
  const production = await productionOutputs(options.host, options.baseline, registry.config.policy.max_line_bytes)
  if (!production) {
    const why = `production's outputs are not in its release ${options.baseline.tag}: nothing to judge against`
    return { gates: judgeWinRateGates(gates, undefined, useCases, [why]), lost: [] }
  }
  const candidate = await readPredictions(path.join(options.runDir, 'predictions.jsonl'))
  const useCaseOf = new Map(options.record.per_example.map(e => [e.id, e.use_case]))
  const seed = options.record.settings.seed
  const sample = options.pullRequest ? settings.sample : 1
  const wanted = new Set(
    [...useCaseOf.keys()].filter(id => candidate.has(id) && production.has(id) && sampled(id, seed, sample))
  )
  const inputs: PairInput[] = (await examplesOf(model, registry, wanted, useCaseOf)).map(e => ({
    ...e,
    candidate: candidate.get(e.id)!,
    production: production.get(e.id)!
  }))
  const rubrics = model.judge!.rubrics
  const rubricFor = rubricLookup(model)
  log(
    `Judging ${inputs.length} pairs with ${judges.map(j => j.name).join(', ')} (both orders; ` +
      `${options.cache?.size ?? 0} cached verdicts; budget ${settings.max_cost_usd} USD)`
  )
  const run = await judgePairs(inputs, {
    judges,
    rubricFor,
    concurrency: settings.concurrency,
    maxCostUsd: settings.max_cost_usd,
    ...(options.cache ? { cache: options.cache } : {})
  })
  log(`Judge: ${run.calls} calls, ${run.cached} verdicts from the cache, ${run.costUsd.toFixed(4)} USD`)
  const calibration = model.judge?.calibration ? await readCalibration(model.judge.calibration) : undefined
  const partial: Omit<JudgeRecord, 'summary' | 'inconclusive' | 'verdicts_sha256'> = {
    mode: 'pairwise',
    ...runFields(judges, excluded, rubrics, sample, seed, run, settings.max_cost_usd),
    pairs: run.pairs,
    verdicts: run.verdicts
  }
  const { judge, gates: judged } = recomputeJudge(partial, options.record, registry, model, calibration)
  return { judge, gates: judged, lost: lostExamples(judge, inputs) }
}

/**
 * The judge's figures, blockers and gates from its stored pairs and verdicts alone: what evaluation writes and
 * what promotion recomputes (and compares) from a record, with no call.
 */
export function recomputeJudge(
  stored: Omit<JudgeRecord, 'summary' | 'inconclusive' | 'verdicts_sha256'>,
  record: Pick<EvaluationRecord, 'settings'>,
  registry: ValidRegistry,
  model: LoadedModel,
  calibration?: CalibrationRow[]
): { judge: JudgeRecord; gates: GateResult[] } {
  const settings = judgeSettings(registry, model)
  const useCases = model.spec.use_cases
  if (stored.mode === 'pointwise') return recomputePointwise(stored, record, registry, model, settings)
  const summary = summariseJudge(
    stored.pairs,
    stored.verdicts,
    stored.judges.map(j => j.name),
    useCases,
    {
      resamples: record.settings.resamples,
      seed: record.settings.seed,
      confidence: record.settings.confidence
    },
    calibration
  )
  const inconclusive = blockers(summary, stored.budget_reached, stored.max_cost_usd, settings)
  const judge: JudgeRecord = {
    ...stored,
    inconclusive,
    verdicts_sha256: verdictsDigest(stored),
    summary
  }
  const gates = gatesOf(model, registry).filter(g => g.gate.metric === JUDGE_METRIC)
  return { judge, gates: judgeWinRateGates(gates, summary.slices, useCases, inconclusive) }
}

/** The digest of the stored pairs and verdicts, over their canonical JSON. */
export function verdictsDigest(j: Pick<JudgeRecord, 'pairs' | 'verdicts' | 'outputs' | 'scores'>): string {
  // A pairwise record hashes as it always did; a pointwise one adds its outputs and scores.
  const pointwise = j.scores ? { outputs: j.outputs ?? [], scores: j.scores } : {}
  return sha256(canonicalJson({ pairs: j.pairs, verdicts: j.verdicts, ...pointwise }))
}

/** The wanted eval examples found in the eval files: id, use case, input, and the reference when there is one. */
async function examplesOf(
  model: LoadedModel,
  registry: ValidRegistry,
  wanted: Set<string>,
  useCaseOf: Map<string, string>
): Promise<{ id: string; useCase: string; input: string; reference?: string }[]> {
  const texts = await evalTexts(model, registry.config.policy.max_line_bytes, wanted)
  return [...wanted]
    .filter(id => texts.has(id))
    .map(id => ({
      id,
      useCase: useCaseOf.get(id)!,
      input: texts.get(id)!.input,
      ...(texts.get(id)!.reference ? { reference: texts.get(id)!.reference } : {})
    }))
}

/** A use case's rubric (its own, else `default`): its digest for the cache key and its template. */
function rubricLookup(model: LoadedModel) {
  const rubrics = model.judge!.rubrics
  return (u: string) => {
    const r = rubrics[u] ?? rubrics.default!
    return { digest: r.digest, template: r.spec.template }
  }
}

/** What a pairwise and a pointwise record share: the panel, the rubrics, the sample and what the calls cost. */
function runFields(
  judges: PanelJudge[],
  excluded: string[],
  rubrics: Record<string, { digest: string }>,
  sample: number,
  seed: number,
  run: { calls: number; cached: number; tokens: JudgeRecord['tokens']; costUsd: number; budgetReached: boolean },
  maxCostUsd: number
) {
  return {
    judges: judges.map(j => ({ name: j.name, model: j.model })),
    excluded,
    rubrics: Object.fromEntries(Object.entries(rubrics).map(([u, r]) => [u, r.digest])),
    sample,
    seed,
    calls: run.calls,
    cached: run.cached,
    tokens: run.tokens,
    cost_usd: run.costUsd,
    max_cost_usd: maxCostUsd,
    budget_reached: run.budgetReached
  }
}

/** The pointwise judge: every candidate output scored 1..k by each judge (cache first); no production needed. */
async function runPointwise(
  options: RunJudgeOptions,
  settings: ReturnType<typeof judgeSettings>
): Promise<JudgeOutcome> {
  const log = options.log ?? (() => undefined)
  const { registry, model } = options
  const spec = model.spec.evaluation.judge!
  const { judges, excluded } = panelOf(registry, model, settings.judges, settings, options.env ?? process.env)
  const candidate = await readPredictions(path.join(options.runDir, 'predictions.jsonl'))
  const useCaseOf = new Map(options.record.per_example.map(e => [e.id, e.use_case]))
  const seed = options.record.settings.seed
  const sample = options.pullRequest ? settings.sample : 1
  const wanted = new Set([...useCaseOf.keys()].filter(id => candidate.has(id) && sampled(id, seed, sample)))
  const inputs: PointInput[] = (await examplesOf(model, registry, wanted, useCaseOf)).map(e => ({
    ...e,
    output: candidate.get(e.id)!
  }))
  const rubrics = model.judge!.rubrics
  const rubricFor = rubricLookup(model)
  log(
    `Judging ${inputs.length} outputs pointwise (1..${spec.scale}) with ${judges.map(j => j.name).join(', ')} ` +
      `(${options.scoreCache?.size ?? 0} cached scores; budget ${settings.max_cost_usd} USD)`
  )
  const run = await scoreOutputs(inputs, {
    judges,
    rubricFor,
    scale: spec.scale,
    concurrency: settings.concurrency,
    maxCostUsd: settings.max_cost_usd,
    ...(options.scoreCache ? { cache: options.scoreCache } : {})
  })
  log(`Judge: ${run.calls} calls, ${run.cached} scores from the cache, ${run.costUsd.toFixed(4)} USD`)
  const partial: Omit<JudgeRecord, 'summary' | 'inconclusive' | 'verdicts_sha256'> = {
    mode: 'pointwise',
    scale: spec.scale,
    ...runFields(judges, excluded, rubrics, sample, seed, run, settings.max_cost_usd),
    pairs: [],
    verdicts: [],
    outputs: inputs.map(p => ({
      id: p.id,
      use_case: p.useCase,
      output_sha256: sha256(p.output),
      output_chars: p.output.length,
      injection: steersJudge(p.output)
    })),
    scores: run.scores
  }
  const { judge, gates } = recomputeJudge(partial, options.record, registry, model)
  return { judge, gates, lost: [], lowest: lowestScored(judge, inputs) }
}

/** The pointwise figures, blockers and gates from the stored outputs and scores alone. */
function recomputePointwise(
  stored: Omit<JudgeRecord, 'summary' | 'inconclusive' | 'verdicts_sha256'>,
  record: Pick<EvaluationRecord, 'settings'>,
  registry: ValidRegistry,
  model: LoadedModel,
  settings: ReturnType<typeof judgeSettings>
): { judge: JudgeRecord; gates: GateResult[] } {
  const outputs = stored.outputs ?? []
  const p = summarisePointwise(outputs, stored.scores ?? [], model.spec.use_cases, {
    resamples: record.settings.resamples,
    seed: record.settings.seed,
    confidence: record.settings.confidence
  })
  const summary: JudgeSummary = {
    slices: {},
    error_share: p.error_share,
    kappa: null,
    kappa_n: 0,
    injections: outputs.filter(o => o.injection).map(o => o.id),
    scores: p.slices
  }
  // Swap consistency and κ are pairwise figures: a pointwise judge has neither, so neither minimum applies.
  const pointwiseSettings = { ...settings, min_swap_consistency: undefined, min_kappa: undefined }
  const inconclusive = blockers(
    summary,
    stored.budget_reached,
    stored.max_cost_usd,
    pointwiseSettings,
    'examples',
    'scored'
  )
  const judge: JudgeRecord = { ...stored, inconclusive, verdicts_sha256: verdictsDigest(stored), summary }
  const gates = gatesOf(model, registry).filter(g => g.gate.metric === JUDGE_SCORE_METRIC)
  return { judge, gates: judgeScoreGates(gates, p.slices, model.spec.use_cases, inconclusive) }
}

/** The examples the panel scored lowest, with their outputs and the judges' reasons. */
function lowestScored(judge: JudgeRecord, inputs: PointInput[]): LowScoredExample[] {
  const scores = judge.scores ?? []
  const panel = panelScores(
    inputs.map(p => p.id),
    scores
  )
  return inputs
    .filter(p => panel.get(p.id) !== null)
    .map(p => ({
      id: p.id,
      useCase: p.useCase,
      input: p.input,
      output: p.output,
      score: panel.get(p.id)!,
      reasons: scores.filter(s => s.id === p.id && s.score !== null && s.reason).map(s => s.reason)
    }))
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, LOST_SHOWN)
}

/** Why the judge cannot decide, whatever its interval: errors above the threshold, the budget, swap consistency, κ. */
function blockers(
  s: JudgeSummary,
  budgetReached: boolean,
  maxCost: number,
  settings: ReturnType<typeof judgeSettings>,
  items = 'pairs',
  done = 'judged'
): string[] {
  const out: string[] = []
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`
  if (budgetReached)
    out.push(`the judge's budget of ${maxCost} USD was spent before every ${items.slice(0, -1)} was ${done}`)
  if (s.error_share > settings.max_error_share)
    out.push(
      `${pct(s.error_share)} of the ${items} could not be ${done} (errors), above max_error_share ${settings.max_error_share}`
    )
  const swap = s.slices.all?.swap_consistency
  if (settings.min_swap_consistency !== undefined && swap !== null && swap !== undefined)
    if (swap < settings.min_swap_consistency)
      out.push(
        `swap consistency ${pct(swap)} is below min_swap_consistency ${settings.min_swap_consistency}: the judges' verdicts depend on the order`
      )
  if (settings.min_kappa !== undefined) {
    if (s.kappa === null)
      out.push('no calibration κ: min_kappa needs a calibration file sharing ids with the judged pairs')
    else if (s.kappa < settings.min_kappa)
      out.push(
        `Cohen's κ against the human calibration is ${s.kappa.toFixed(3)}, below min_kappa ${settings.min_kappa}`
      )
  }
  return out
}

/** The panel: each judge with its key from its environment variable and its price; judges of the base family left out. */
function panelOf(
  registry: ValidRegistry,
  model: LoadedModel,
  listed: NonNullable<JudgeSpec['judges']>,
  settings: ReturnType<typeof judgeSettings>,
  env: NodeJS.ProcessEnv
): { judges: PanelJudge[]; excluded: string[] } {
  const where = () => {
    const { line, column } = model.locate(['evaluation', 'judge'])
    return `${model.file.display}:${line}:${column}`
  }
  const base = modelFamily(model.spec.base_model.id)
  const excluded = settings.exclude_base_family
    ? listed.filter(j => (j.family?.toLowerCase() ?? modelFamily(j.model)) === base).map(j => j.name)
    : []
  const kept = listed.filter(j => !excluded.includes(j.name))
  if (!kept.length)
    throw new ConfigurationError(
      `${where()}: evaluation.judge has no judge left (${excluded.length} excluded as of the base model's family '${base}'); add a judge`
    )
  const judges = kept.map(j => {
    const price = registry.config.judge?.prices[j.model]
    if (!price)
      throw new ConfigurationError(
        `${where()}: judge '${j.name}' uses model '${j.model}', which has no price in registry.yaml judge.prices; ` +
          'expected judge.prices.<model>: {input_per_million, output_per_million} (0 for a free one)'
      )
    const apiKey = j.api_key_env ? env[j.api_key_env] : undefined
    if (j.api_key_env && !apiKey)
      throw new ConfigurationError(
        `${where()}: judge '${j.name}' reads its key from the environment variable ${j.api_key_env}, which is not set`
      )
    const settingsOf: PanelJudge = {
      name: j.name,
      baseUrl: j.base_url,
      model: j.model,
      price,
      timeoutMs: settings.timeout * 1000,
      ...(apiKey ? { apiKey } : {})
    }
    return settingsOf
  })
  return { judges, excluded }
}

/** Whether an example is in the seeded sample: a hash of seed and id, so the same ids each run (and cache hits). */
function sampled(id: string, seed: number, share: number): boolean {
  if (share >= 1) return true
  return parseInt(sha256(`${seed}:${id}`).slice(0, 8), 16) / 2 ** 32 < share
}

/**
 * Production's outputs by example id, from the training-outputs archive of its release, checked against the
 * predictions digest its own evaluation record scored. Undefined when the release has no archive.
 */
async function productionOutputs(
  host: Host,
  baseline: { tag: string; record: EvaluationRecord },
  maxLineBytes: number
): Promise<Map<string, string> | undefined> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tunegate-judge-production-'))
  try {
    const zip = path.join(dir, 'outputs.zip')
    const name = trainReleaseAssetName(baseline.record.model, baseline.record.training_fingerprint)
    if (!(await host.downloadReleaseAsset(baseline.tag, name, zip))) return undefined
    await unzipTo(await readFile(zip), path.join(dir, 'outputs'))
    const file = path.join(dir, 'outputs', 'predictions.jsonl')
    const digest = await fileDigest(file).catch(() => undefined)
    if (digest !== baseline.record.predictions_sha256)
      throw new ConfigurationError(
        `${baseline.tag}/${name}: its predictions.jsonl is not the one production's evaluation record scored; cannot judge against it`
      )
    return await readPredictions(file, maxLineBytes)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** `{id, prediction}` lines by id, streamed. */
async function readPredictions(file: string, maxLineBytes = 16 << 20): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  let line = 0
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    line++
    if (!text.trim()) continue
    if (text.length > maxLineBytes)
      throw new ConfigurationError(`${file}:${line}: a line longer than ${maxLineBytes} bytes`)
    const p = JSON.parse(text) as { id: unknown; prediction: unknown }
    out.set(String(p.id), typeof p.prediction === 'string' ? p.prediction : JSON.stringify(p.prediction))
  }
  return out
}

/** The input and reference of the wanted eval examples, streamed from the eval files. */
async function evalTexts(
  model: LoadedModel,
  maxLineBytes: number,
  wanted: Set<string>
): Promise<Map<string, { input: string; reference: string }>> {
  const rules = {
    format: model.spec.data.format,
    labels: model.spec.data.labels,
    useCases: model.spec.use_cases,
    target: model.spec.data.target
  }
  const out = new Map<string, { input: string; reference: string }>()
  for (const file of model.eval)
    for await (const ev of readRows(file.absolute, { maxLineBytes, display: file.display })) {
      if (ev.kind !== 'row') continue
      const r = toExample(ev.value, rules)
      if (!r.ok) continue
      const id = exampleId(r.example.id, 'eval', file, ev.line)
      if (wanted.has(id)) out.set(id, { input: r.example.input, reference: r.example.target })
    }
  return out
}

/** The calibration file's rows, each checked: `{id, preferred: candidate | production | tie}`. */
async function readCalibration(file: { absolute: string; display: string }): Promise<CalibrationRow[]> {
  const rows: CalibrationRow[] = []
  const text = await readFile(file.absolute, 'utf8')
  if (text.length > MAX_CALIBRATION_BYTES)
    throw new ConfigurationError(
      `${file.display}: more than ${MAX_CALIBRATION_BYTES} bytes; expected a calibration JSONL`
    )
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return
    let row: unknown
    try {
      row = JSON.parse(line)
    } catch {
      throw new ConfigurationError(
        `${file.display}:${i + 1}: not JSON; expected {"id": "…", "preferred": "candidate" | "production" | "tie"}`
      )
    }
    const r = row as { id?: unknown; preferred?: unknown }
    if (typeof r.id !== 'string' || !['candidate', 'production', 'tie'].includes(String(r.preferred)))
      throw new ConfigurationError(
        `${file.display}:${i + 1}: expected {"id": "…", "preferred": "candidate" | "production" | "tie"}`
      )
    rows.push({ id: r.id, preferred: r.preferred as CalibrationRow['preferred'] })
  })
  return rows
}

/** The pairs the candidate lost most clearly: the most verdicts (judges × orders) for production. */
function lostExamples(judge: JudgeRecord, inputs: PairInput[]): LostExample[] {
  const byId = new Map(inputs.map(p => [p.id, p]))
  const outcomes = pairOutcomes(
    judge.pairs,
    judge.verdicts,
    judge.judges.map(j => j.name)
  )
  const verdicts = new Map<string, StoredVerdict[]>()
  for (const v of judge.verdicts) verdicts.set(v.id, [...(verdicts.get(v.id) ?? []), v])
  return outcomes
    .filter(o => o.outcome === 0)
    .map(o => {
      const vs = verdicts.get(o.pair.id) ?? []
      const against = vs.filter(
        v => v.winner && (v.winner === 'A') === (v.order === 'production-first') && v.winner !== 'tie'
      )
      const p = byId.get(o.pair.id)!
      return {
        id: p.id,
        useCase: p.useCase,
        input: p.input,
        candidate: p.candidate,
        production: p.production,
        against: against.length,
        asked: vs.length,
        reasons: against.map(v => v.reason).filter(Boolean)
      }
    })
    .sort((a, b) => b.against / b.asked - a.against / a.asked || a.id.localeCompare(b.id))
    .slice(0, LOST_SHOWN)
}

/** The verdict cache of a record: every stored verdict with an answer, by key. */
export function verdictCache(judge: JudgeRecord | undefined): Map<string, StoredVerdict> {
  return new Map((judge?.verdicts ?? []).filter(v => v.winner !== null).map(v => [v.key, v]))
}

/** The score cache of a pointwise record: every stored score with an answer, by key. */
export function scoreCache(judge: JudgeRecord | undefined): Map<string, StoredScore> {
  return new Map((judge?.scores ?? []).filter(v => v.score !== null).map(v => [v.key, v]))
}

/** The record with the judge's part and gates added, and its verdict recomputed under the registry's policy. */
export function withJudge(record: EvaluationRecord, outcome: JudgeOutcome, registry: ValidRegistry): EvaluationRecord {
  const gates = [
    ...record.gates,
    ...outcome.gates.map(g => ({
      ...g,
      threshold: Number.isFinite(g.threshold) ? g.threshold : null,
      value: Number.isFinite(g.value) ? g.value : null
    }))
  ]
  const next = { ...record, gates, ...(outcome.judge ? { judge: outcome.judge } : {}) }
  return { ...next, verdict: recordVerdict(next, registry.config.policy.inconclusive) }
}

/**
 * Promotion's check of the judge (no call made): the stored pairs and verdicts hash to the record's digest, each
 * judged candidate output is the one in the promoted predictions, and the figures and gates recompute from the
 * stored verdicts under the merged registry. Returns the recomputed record (the judge's part and gates added, to
 * compare with the claimed one) and the problems found.
 */
export async function reverifyJudge(
  claimed: EvaluationRecord,
  recomputed: EvaluationRecord,
  registry: ValidRegistry,
  model: LoadedModel,
  runDir: string
): Promise<{ record: EvaluationRecord; problems: string[] }> {
  if (!model.spec.evaluation.judge) return { record: recomputed, problems: [] }
  const pointwise = model.spec.evaluation.judge.mode === 'pointwise'
  const gates = gatesOf(model, registry).filter(g => g.gate.metric === JUDGE_METRIC)
  const j = claimed.judge
  if (!j && pointwise) {
    const scoreGates = gatesOf(model, registry).filter(g => g.gate.metric === JUDGE_SCORE_METRIC)
    const outcome = { gates: judgeScoreGates(scoreGates, undefined, model.spec.use_cases, []), lost: [] }
    return {
      record: withJudge(recomputed, outcome, registry),
      problems: ['the record has no judge scores, but the merged model.yaml has a pointwise evaluation.judge']
    }
  }
  if (j && j.mode !== model.spec.evaluation.judge.mode)
    return {
      record: recomputed,
      problems: [
        `the record's judge is ${j.mode}, but the merged model.yaml's evaluation.judge.mode is ${model.spec.evaluation.judge.mode}`
      ]
    }
  if (!j) {
    const outcome = { gates: judgeWinRateGates(gates, undefined, model.spec.use_cases, []), lost: [] }
    const problems = claimed.baseline
      ? [
          'the record has no judge verdicts, but the merged model.yaml has evaluation.judge and there is a production version'
        ]
      : []
    return { record: withJudge(recomputed, outcome, registry), problems }
  }
  const problems: string[] = []
  if (verdictsDigest(j) !== j.verdicts_sha256)
    problems.push(
      "the judge's stored pairs or verdicts do not match their digest: they were edited after the evaluation"
    )
  const predictions = await readPredictions(path.join(runDir, 'predictions.jsonl'))
  const judged = pointwise
    ? (j.outputs ?? []).map(p => ({ id: p.id, sha: p.output_sha256 }))
    : j.pairs.map(p => ({ id: p.id, sha: p.candidate_sha256 }))
  const swapped = judged.filter(p => {
    const text = predictions.get(p.id)
    return text === undefined || sha256(text) !== p.sha
  })
  if (swapped.length)
    problems.push(
      `${swapped.length} judged candidate output(s) are not the promoted predictions (e.g. ${swapped[0]!.id})`
    )
  const calibration = model.judge?.calibration ? await readCalibration(model.judge.calibration) : undefined
  const { summary: _summary, inconclusive: _inconclusive, verdicts_sha256: _digest, ...stored } = j
  const again = recomputeJudge(stored, claimed, registry, model, calibration)
  if (canonicalJson(again.judge.summary) !== canonicalJson(j.summary))
    problems.push("the judge's figures differ from the ones recomputed from its stored verdicts")
  if (canonicalJson(again.judge.inconclusive) !== canonicalJson(j.inconclusive))
    problems.push("the judge's reasons to be inconclusive differ from the recomputed ones")
  const record = withJudge(recomputed, { judge: again.judge, gates: again.gates, lost: [] }, registry)
  return { record, problems }
}
