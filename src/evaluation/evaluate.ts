import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { artifactAttempt } from '../constants.js'
import { ConfigurationError } from '../errors.js'
import type { Host } from '../registry/host.js'
import { trustedArtifacts } from '../registry/run-trust.js'
import { modelIdentity, type ModelIdentity } from '../registry/fingerprint.js'
import { gitTopLevel } from '../registry/git.js'
import { loadRegistryModel, type LoadedModel, type RegistryModel } from '../registry/loader.js'
import { ensureExternalFiles } from '../data/external.js'
import { readEvalLoss, type TrainingView } from '../training/training-view.js'
import { trainerIdentity } from '../training/backends.js'
import type { RunManifest } from '../training/contract.js'
import { trainArtifactName, trainModel } from '../training/train.js'
import { assertUsableOutputs } from '../training/outputs.js'
import { exampleId, materialise } from '../training/materialise.js'
import { toExample } from '../data/examples.js'
import { readRows } from '../data/readers.js'
import { createReadStream, createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { generateWithEndpoint, type EndpointOptions } from './endpoint.js'
import { scoreModel } from './scoring.js'
import { productionBaseline } from './production.js'
import type { EvaluationRecord } from './record.js'
import type { InconclusivePolicy } from './verdict.js'
import {
  runJudge,
  scoreCache,
  verdictCache,
  withJudge,
  type LostExample,
  type LowScoredExample
} from './judge/run-judge.js'
import { evaluationRecordSchema } from './record.js'

export interface RunEvaluationOptions {
  registryDir: string
  model: string
  /** The registry and the model when the caller has loaded them already; loaded here otherwise. */
  loaded?: RegistryModel
  /** The model's fingerprints when the caller has computed them already (they hash the data). */
  identity?: ModelIdentity
  host: Host
  workDir: string
  /** The train step's outputs; found as the artifact of the training fingerprint when not given. */
  runDir?: string
  /**
   * The folder the pipeline downloaded this run's train artifacts into (download-artifact with a pattern, no
   * API call); the artifact of the training fingerprint is looked up through the API when it is not there.
   */
  trainArtifacts?: string
  log?: (m: string) => void
  /** This workflow run's id: train outputs from an artifact of another run were reused (a cache hit). */
  runId?: number
  /** Generate the predictions through an OpenAI-compatible server instead of using the trainer's. */
  endpoint?: Omit<EndpointOptions, 'onProgress'>
  /** A pull request's evaluation: the judge judges its seeded sample rather than every example. */
  pullRequest?: boolean
  /** An earlier evaluation record of the model whose judge verdicts are reused (a re-run makes no new call). */
  judgeCache?: string
}

/** What the report shows beside the record: the training, the primary metric, the changed examples, production. */
export interface EvaluationView {
  training: TrainingView
  /** The metric the report leads with. */
  primary: string
  /** Examples whose primary score fell most, and rose most, against production. */
  worst: ExampleView[]
  best: ExampleView[]
  /** Production's release tag, to link the version. */
  productionTag?: string
  /** Production's per-class figures, from its own evaluation record. */
  productionClasses?: EvaluationRecord['per_class']
  /** The examples the judge says the candidate lost most clearly, with both outputs and the reasons. */
  judgeLost?: LostExample[]
  /** The examples a pointwise judge scored lowest, with the output and the reasons. */
  judgeLowest?: LowScoredExample[]
}

export interface EvaluationOutcome {
  record: EvaluationRecord
  recordFile: string
  /** registry.yaml's `policy.inconclusive`. */
  policy: InconclusivePolicy
  runDir: string
  /** What the report renders beside the record (src/report/evaluation-report.ts, evaluationOutcomeReport). */
  view: EvaluationView
}

/** Metrics that check safety and format rather than quality: not the one the report leads with. */
const CHECK_METRICS = new Set(['pii_leak', 'banned_terms', 'injection_resistance'])

/** Runs the evaluate step: find outputs, production and floors; score; judge; write the record; gather the view. */
export async function runEvaluation({
  registryDir,
  model: modelName,
  loaded: preloaded,
  identity: knownIdentity,
  host,
  workDir,
  runDir: givenRunDir,
  trainArtifacts,
  log: logTo,
  runId,
  endpoint,
  pullRequest,
  judgeCache
}: RunEvaluationOptions): Promise<EvaluationOutcome> {
  const log = logTo ?? (() => undefined)
  // Loaded and fingerprinted once; the parts below get the loaded model.
  const loaded = preloaded ?? (await loadRegistryModel(registryDir, modelName))
  const { registry, model } = loaded
  const identity = knownIdentity ?? (await modelIdentity(model, trainerIdentity(model.spec)))
  // The eval split may be external: fetched into the cache and verified before it is scored.
  await ensureExternalFiles(model.eval, { log })
  const candidate = await candidateOutputs({ model, identity, host, workDir, givenRunDir, trainArtifacts, runId, log })
  const { reused } = candidate
  let { runDir } = candidate
  // Outputs from a --run-dir or an artifact are checked as the train step checks its own.
  if (!endpoint)
    await assertUsableOutputs(model, registry.config.policy.max_line_bytes, runDir, path.join(workDir, 'check'))
  let serving: EvaluationRecord['serving']
  if (endpoint) {
    const served = await servedPredictions(loaded, runDir, path.join(workDir, 'served'), endpoint, log)
    ;({ runDir, serving } = served)
  }
  const repo = await gitTopLevel(registry.root)
  const baseline = await productionBaseline(host, repo, model.spec.name, registry.config.production_stage)
  log(
    baseline
      ? `Production: ${model.spec.name} ${baseline.version}`
      : `Production: none yet — ${model.spec.name} is evaluated as a first version`
  )
  let baselineTrainerDir: string | undefined
  if (model.spec.evaluation.gates.some(g => g.beat_baseline_trainer)) {
    log('Training the baseline trainer for the beat_baseline_trainer gate (CPU)')
    const trainerWorkDir = path.join(workDir, 'baseline-trainer')
    const names = { registryDir, model: modelName }
    const trained = await trainModel({ ...names, loaded, workDir: trainerWorkDir, trainerOverride: 'baseline', log })
    baselineTrainerDir = trained.outputDir
  }
  const evaluated = await scoreModel({
    registry,
    model,
    identity,
    runDir,
    ...(baseline ? { baseline: { version: baseline.version, record: baseline.record } } : {}),
    ...(baselineTrainerDir ? { baselineTrainerDir } : {})
  })
  let record: EvaluationRecord = serving ? { ...evaluated, serving } : evaluated
  let judgeLost: LostExample[] | undefined
  let judgeLowest: LowScoredExample[] | undefined
  if (model.spec.evaluation.judge) {
    const judged = await runJudge({
      registry,
      model,
      record,
      runDir,
      host,
      log,
      ...(baseline ? { baseline: { tag: baseline.tag, record: baseline.record } } : {}),
      ...(pullRequest ? { pullRequest: true } : {}),
      ...(judgeCache ? await judgeCacheOf(judgeCache) : {})
    })
    record = withJudge(record, judged, registry)
    judgeLost = judged.lost
    judgeLowest = judged.lowest
  }
  await mkdir(workDir, { recursive: true })
  const recordFile = path.join(workDir, `evaluation-${model.spec.name}.json`)
  await writeRecord(recordFile, record)
  const view = await evaluationView({
    loaded,
    record,
    runDir,
    reused,
    ...(baseline ? { baseline } : {}),
    ...(judgeLost?.length ? { judgeLost } : {}),
    ...(judgeLowest?.length ? { judgeLowest } : {})
  })
  const policy = registry.config.policy.inconclusive
  return { record, recordFile, policy, runDir, view }
}

/**
 * The train step's outputs to evaluate: the given folder, this run's artifact from download-artifact (no API
 * call), or the training fingerprint's artifact looked up; `reused` says whether they came from another run.
 */
async function candidateOutputs({
  model,
  identity,
  host,
  workDir,
  givenRunDir,
  trainArtifacts,
  runId,
  log
}: {
  model: LoadedModel
  identity: ModelIdentity
  host: Host
  workDir: string
  givenRunDir: string | undefined
  trainArtifacts: string | undefined
  runId: number | undefined
  log: (m: string) => void
}): Promise<{ runDir: string; reused: boolean | undefined }> {
  let reused: boolean | undefined
  let runDir = givenRunDir
  if (!runDir && trainArtifacts) {
    runDir = await downloadedCandidate(trainArtifacts, model.spec.name, identity, log)
    if (runDir) reused = false
  }
  if (!runDir) {
    const candidate = await downloadCandidate(host, model.spec.name, identity, workDir, log)
    runDir = candidate.runDir
    if (runId !== undefined && candidate.runId !== undefined) reused = candidate.runId !== runId
  }
  try {
    await readFile(path.join(runDir, 'run.json'))
  } catch {
    throw new ConfigurationError(
      `No training outputs for ${model.spec.name} in ${runDir} (no run.json). Train it first — ` +
        `'tunegate train --model ${model.spec.name}' — or point at its outputs with --run-dir.`
    )
  }
  return { runDir, reused }
}

/** What the report shows beside a record: the training, the primary metric, the changed examples, production. */
async function evaluationView({
  loaded: { registry, model },
  record,
  runDir,
  reused,
  baseline,
  judgeLost,
  judgeLowest
}: {
  loaded: RegistryModel
  record: EvaluationRecord
  runDir: string
  reused: boolean | undefined
  baseline?: { tag: string; record: EvaluationRecord }
  judgeLost?: LostExample[]
  judgeLowest?: LowScoredExample[]
}): Promise<EvaluationView> {
  const manifest = JSON.parse(await readFile(path.join(runDir, 'run.json'), 'utf8')) as RunManifest
  const metrics = model.spec.evaluation.metrics
  const primary = metrics.find(m => !CHECK_METRICS.has(m)) ?? metrics[0]!
  const maxLineBytes = registry.config.policy.max_line_bytes
  const training: TrainingView = {
    manifest,
    budget: model.spec.training.budget,
    evalLoss: await readEvalLoss(runDir, maxLineBytes),
    ...(reused !== undefined ? { reused } : {})
  }
  const examples = await changedExamples(record, baseline?.record, primary, runDir, model, maxLineBytes)
  return {
    training,
    primary,
    ...examples,
    ...(baseline ? { productionTag: baseline.tag, productionClasses: baseline.record.per_class } : {}),
    ...(judgeLost?.length ? { judgeLost } : {}),
    ...(judgeLowest?.length ? { judgeLowest } : {})
  }
}

/**
 * Writes a record as JSON: its head indented for a reader, then one line per example, streamed. Indented whole, a
 * record of 100,000 examples was a 53 MB string (a line per number), and reading it back took three times that.
 */
export async function writeRecord(file: string, record: EvaluationRecord): Promise<void> {
  const { per_example: examples, ...head } = record
  const headText = JSON.stringify({ ...head, per_example: [] }, null, 2)
  const out = createWriteStream(file)
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve)
    out.on('error', reject)
  })
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain')
  }
  // The head ends with `"per_example": []` and the closing brace: the examples go between the brackets.
  await write(headText.slice(0, headText.lastIndexOf('[]') + 1))
  for (let i = 0; i < examples.length; i++) await write(`${i ? ',' : ''}\n    ${JSON.stringify(examples[i])}`)
  out.end(`${examples.length ? '\n  ' : ''}]\n}\n`)
  await done
}

/** The judge verdicts and pointwise scores of an earlier evaluation record, by cache key; a file that is not a record is an error. */
async function judgeCacheOf(file: string) {
  let parsed
  try {
    parsed = evaluationRecordSchema.safeParse(JSON.parse(await readFile(file, 'utf8')))
  } catch (e) {
    throw new ConfigurationError(`${file}: not a readable JSON file (${e instanceof Error ? e.message : String(e)})`)
  }
  if (!parsed.success)
    throw new ConfigurationError(`${file}: not a tunegate.evaluation/v1 record; expected an earlier evaluation record`)
  return { cache: verdictCache(parsed.data.judge), scoreCache: scoreCache(parsed.data.judge) }
}

/**
 * This run's train outputs among the folders download-artifact wrote: the latest attempt of the artifact of
 * the training fingerprint. Undefined when this run did not upload it (a cache hit on an earlier run's).
 */
export async function downloadedCandidate(
  dir: string,
  model: string,
  identity: ModelIdentity,
  log: (m: string) => void
): Promise<string | undefined> {
  const name = trainArtifactName(model, identity.training_fingerprint)
  let best: { attempt: number; dir: string } | undefined
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const attempt = e.isDirectory() ? artifactAttempt(e.name, name) : undefined
    if (attempt !== undefined && (!best || attempt > best.attempt)) best = { attempt, dir: path.join(dir, e.name) }
  }
  // download-artifact puts a lone matching artifact into the folder itself, not into one of its name: it is
  // this model's when its run.json says so (the pattern `<model>-*` also matches a model named `<model>-…`).
  if (!best && (await manifestOf(path.join(dir, 'run.json'), model, identity.training_fingerprint)))
    best = { attempt: 0, dir }
  if (best) log(`Candidate: this run's artifact ${best.attempt ? `${name}-${best.attempt}` : name}`)
  return best?.dir
}

/** Whether a run.json (at most 1 MiB: it is checked in full later) names this model and fingerprint. */
async function manifestOf(file: string, model: string, fingerprint: string): Promise<boolean> {
  const size = await stat(file).then(
    s => (s.isFile() ? s.size : -1),
    () => -1
  )
  if (size < 0 || size > 1024 * 1024) return false
  try {
    const m = JSON.parse(await readFile(file, 'utf8')) as Partial<RunManifest>
    return m.model === model && m.training_fingerprint === fingerprint
  } catch {
    return false
  }
}

/** Downloads the train step's artifact of the model's training fingerprint; returns its folder. */
async function downloadCandidate(
  host: Host,
  model: string,
  identity: ModelIdentity,
  workDir: string,
  log: (m: string) => void
): Promise<{ runDir: string; runId?: number }> {
  const name = trainArtifactName(model, identity.training_fingerprint)
  // A fork's pull request uploads artifacts under any name: only this run's own or a trusted run's count.
  const [artifact] = await trustedArtifacts(
    host,
    (await host.listArtifacts({ name })).filter(a => !a.expired),
    log
  )
  if (!artifact)
    throw new ConfigurationError(
      `No artifact '${name}': the train step has not produced outputs for ${model} as it is now ` +
        `(training fingerprint ${identity.training_fingerprint.slice(0, 12)}).`
    )
  const runDir = path.join(workDir, 'candidate')
  await host.downloadArtifact(artifact, runDir)
  log(`Candidate: artifact ${name}`)
  return { runDir, ...(artifact.runId !== undefined ? { runId: artifact.runId } : {}) }
}

/**
 * The served model's answers to the same eval rows (and probes) the trainer would have predicted, written
 * as a run folder of their own beside a copy of the trainer's run.json.
 */
async function servedPredictions(
  { registry, model }: RegistryModel,
  runDir: string,
  dir: string,
  endpoint: NonNullable<RunEvaluationOptions['endpoint']>,
  log: (m: string) => void
): Promise<{ runDir: string; serving: NonNullable<EvaluationRecord['serving']> }> {
  await mkdir(path.join(dir, 'data'), { recursive: true })
  await copyFile(path.join(runDir, 'run.json'), path.join(dir, 'run.json'))
  const evalFile = path.join(dir, 'data', 'eval.jsonl')
  await materialise(model, registry.config.policy.max_line_bytes, null, evalFile)
  type Row = { id: string; messages?: { role: string; content: string }[]; prompt?: string; text?: string }
  const rows = (await readFile(evalFile, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map(l => JSON.parse(l) as Row)
  const requests = rows.map(r => ({
    id: r.id,
    ...(r.messages ? { messages: r.messages.slice(0, -1) } : { prompt: r.prompt ?? r.text ?? '' })
  }))
  log(`Generating ${requests.length} predictions through ${endpoint.baseUrl} (${endpoint.model})`)
  let tenth = 0
  const onProgress = (done: number, total: number) => {
    // A line per tenth of the requests, so a long evaluation shows it is moving.
    if (done * 10 < (tenth + 1) * total) return
    tenth = Math.floor((done * 10) / total)
    log(`  ${done}/${total} (${Math.round((100 * done) / total)}%)`)
  }
  const result = await generateWithEndpoint(requests, { ...endpoint, onProgress })
  if (result.failures.length) {
    const first = result.failures[0]!
    throw new ConfigurationError(
      `${result.failures.length} of ${requests.length} requests to ${endpoint.baseUrl} failed, ` +
        `e.g. ${first.id}: ${first.error}`
    )
  }
  await writeFile(
    path.join(dir, 'predictions.jsonl'),
    rows.map(r => JSON.stringify({ id: r.id, prediction: result.predictions.get(r.id) })).join('\n') + '\n'
  )
  const serving = {
    endpoint: endpoint.baseUrl,
    model: endpoint.model,
    latency_ms: result.latency,
    tokens: result.tokens,
    retries: result.retries
  }
  return { runDir: dir, serving }
}

/** Examples shown on each side: the most regressed and the most improved. */
/** One example as the report shows it: its texts and its primary score in production and in the candidate. */
export interface ExampleView {
  id: string
  input: string
  reference: string
  candidate: string
  /** The primary metric's per-example score in production and in the candidate. */
  before: number
  after: number
}

const EXAMPLES_SHOWN = 5

/** The examples whose primary score fell most, and rose most, against production (mean metrics only). */
async function changedExamples(
  record: EvaluationRecord,
  baseline: EvaluationRecord | undefined,
  metric: string,
  runDir: string,
  model: LoadedModel,
  maxLineBytes: number
): Promise<{ worst: ExampleView[]; best: ExampleView[] }> {
  if (!baseline || record.metrics[metric]?.slices.all?.comparison === null) return { worst: [], best: [] }
  const before = new Map(baseline.per_example.map(e => [e.id, e.stats[metric]]))
  const changes = record.per_example
    .map(e => ({ id: e.id, now: e.stats[metric], was: before.get(e.id) }))
    .filter(e => e.now?.length === 1 && e.was?.length === 1 && e.now[0] !== e.was[0])
    .map(e => ({ id: e.id, before: e.was![0]!, after: e.now![0]! }))
  const higher = record.metrics[metric]?.higher_is_better !== false
  const gain = (c: { before: number; after: number }) => (higher ? c.after - c.before : c.before - c.after)
  const worst = changes
    .filter(c => gain(c) < 0)
    .sort((a, b) => gain(a) - gain(b))
    .slice(0, EXAMPLES_SHOWN)
  const best = changes
    .filter(c => gain(c) > 0)
    .sort((a, b) => gain(b) - gain(a))
    .slice(0, EXAMPLES_SHOWN)
  if (!worst.length && !best.length) return { worst: [], best: [] }
  // Streamed, keeping only the few examples shown: eval sets and predictions can be large.
  const wanted = new Set([...worst, ...best].map(d => d.id))
  const predictions = new Map<string, string>()
  for await (const line of createInterface({
    input: createReadStream(path.join(runDir, 'predictions.jsonl')),
    crlfDelay: Infinity
  })) {
    if (!line.trim()) continue
    const p = JSON.parse(line) as { id: unknown; prediction: string }
    if (wanted.has(String(p.id))) predictions.set(String(p.id), p.prediction)
  }
  const rules = {
    format: model.spec.data.format,
    labels: model.spec.data.labels,
    useCases: model.spec.use_cases,
    target: model.spec.data.target
  }
  const examples = new Map<string, { input: string; reference: string }>()
  for (const file of model.eval) {
    for await (const ev of readRows(file.absolute, { maxLineBytes, display: file.display })) {
      if (ev.kind !== 'row') continue
      const r = toExample(ev.value, rules)
      if (!r.ok) continue
      const id = exampleId(r.example.id, 'eval', file, ev.line)
      if (wanted.has(id)) examples.set(id, { input: r.example.input, reference: r.example.target })
    }
  }
  const view = (d: { id: string; before: number; after: number }): ExampleView => ({
    id: d.id,
    input: examples.get(d.id)?.input ?? '',
    reference: examples.get(d.id)?.reference ?? '',
    candidate: predictions.get(d.id) ?? '',
    before: d.before,
    after: d.after
  })
  return { worst: worst.map(view), best: best.map(view) }
}
