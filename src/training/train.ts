import { runFolderName } from '../constants.js'
import { createHash } from 'node:crypto'
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ConfigurationError } from '../errors.js'
import type { ArtifactInfo, Host } from '../registry/host.js'
import { modelIdentity, type ModelIdentity } from '../registry/fingerprint.js'
import { gitTopLevel } from '../registry/git.js'
import { trustedArtifacts } from '../registry/run-trust.js'
import { readTags, resolveState } from '../registry/state.js'
import { unzipTo } from '../registry/unzip.js'
import { loadRegistryModel, type LoadedModel } from '../registry/loader.js'
import { runnerLabels, type RegistryConfig } from '../registry/schema.js'
import type { RunManifest, RunSpec } from './contract.js'
import { checkTrainerOutputs } from './outputs.js'
import { materialise } from './materialise.js'
import { trainerCommand, trainerIdentity } from './backends.js'
import { maxSeqLength, resolveHyperparameters } from './hyperparameters.js'
import { trainOn } from './ray-engine.js'
import { detectGpuCount, holdsSecrets, openRegularFile, type ProgressView, type RunOutcome } from './runner.js'

export interface TrainOptions {
  registryDir: string
  model: string
  /** Where runs are written: <workDir>/<model>-<fingerprint>/. */
  workDir: string
  force?: boolean
  /** Earlier results by fingerprint: a folder per fingerprint (local runs). */
  cacheDir?: string
  /** Earlier results as workflow artifacts (GitHub). */
  host?: Host
  signal?: AbortSignal
  graceMs?: number
  gpuCount?: number
  runnerName?: string
  /** The model as loadRegistryModel returned it, when the caller loaded it already. */
  loaded?: Awaited<ReturnType<typeof loadRegistryModel>>
  /** Train with this trainer instead of the model's own (the evaluation's baseline-trainer floor). */
  trainerOverride?: 'baseline'
  onProgress?: (p: ProgressView) => void
  log?: (message: string) => void
}

export interface TrainResult {
  model: string
  identity: ModelIdentity
  outputDir: string
  artifactName: string
  cache: { hit: boolean; source?: string }
  outcome?: RunOutcome
  manifest: RunManifest
}

/** The artifact name of a training result: found again by its fingerprint, whichever run made it. */
export function trainArtifactName(model: string, trainingFingerprint: string): string {
  return `tunegate-train-${model}-${trainingFingerprint.slice(0, 32)}`
}

/** The release asset that carries a version's training outputs: what the promote step attaches. */
export function trainReleaseAssetName(model: string, trainingFingerprint: string): string {
  return `${trainArtifactName(model, trainingFingerprint)}.zip`
}

/** Registered versions searched for a cached result, newest first. */
const RELEASES_SEARCHED = 20

/**
 * Looks through the model's registered versions (newest first) for a release that carries the training
 * outputs of this fingerprint, and unpacks them into `outputDir`. Returns the tag, or undefined.
 */
async function fromRelease(
  host: Host,
  repo: string,
  model: string,
  fingerprint: string,
  outputDir: string
): Promise<string | undefined> {
  const state = resolveState(await readTags(repo)).get(model)
  const tags = (state?.versions ?? []).filter(v => v.registered && v.tag).slice(0, RELEASES_SEARCHED)
  const dir = await mkdtemp(path.join(tmpdir(), 'tunegate-release-cache-'))
  try {
    for (const v of tags) {
      const zip = path.join(dir, 'outputs.zip')
      if (!(await host.downloadReleaseAsset(v.tag!, trainReleaseAssetName(model, fingerprint), zip))) continue
      await rm(outputDir, { recursive: true, force: true })
      await unzipTo(await readFile(zip), outputDir)
      return v.tag
    }
    return undefined
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** GPU-hour price for a runner: the first runner label with a rate in registry.yaml, else `default`. */
export function gpuHourRate(config: RegistryConfig, labels: string[]): number {
  const rates = config.cost?.gpu_hour ?? {}
  for (const l of labels) if (rates[l] !== undefined) return rates[l]!
  return rates.default ?? 0
}

async function idsOf(file: string): Promise<Set<string>> {
  const ids = new Set<string>()
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity }))
    if (line.trim()) ids.add(String((JSON.parse(line) as { id: unknown }).id))
  return ids
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p)
    return true
  } catch {
    return false
  }
}

/** sha256 of a trainer output, opened only if it is a regular file. */
async function outputDigest(file: string): Promise<{ sha256: string; bytes: number }> {
  const handle = await openRegularFile(file)
  try {
    const hash = createHash('sha256')
    let bytes = 0
    for await (const chunk of handle.createReadStream({
      highWaterMark: 1 << 20,
      autoClose: false
    }) as AsyncIterable<Buffer>) {
      hash.update(chunk)
      bytes += chunk.length
    }
    return { sha256: hash.digest('hex'), bytes }
  } finally {
    await handle.close()
  }
}

/** Each output file of a run (the adapter's files, predictions and events) with its digest. */
async function outputFiles(outputDir: string): Promise<RunManifest['outputs']> {
  const outputs: RunManifest['outputs'] = []
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name)
      if (e.isDirectory()) await walk(abs)
      else outputs.push({ file: path.relative(outputDir, abs), ...(await outputDigest(abs)) })
    }
  }
  await walk(path.join(outputDir, 'adapter'))
  for (const f of ['predictions.jsonl', 'events.jsonl'])
    outputs.push({ file: f, ...(await outputDigest(path.join(outputDir, f))) })
  return outputs
}

/** The last checkpoint a previous attempt of the same run recorded and left on disk. */
async function lastCheckpoint(eventsFile: string): Promise<string | null> {
  let last: string | null = null
  let handle
  try {
    handle = await openRegularFile(eventsFile)
  } catch {
    return null
  }
  try {
    for await (const line of createInterface({
      input: handle.createReadStream({ autoClose: false }),
      crlfDelay: Infinity
    })) {
      try {
        const e = JSON.parse(line) as { type?: string; path?: string }
        if (e.type === 'checkpoint' && typeof e.path === 'string' && (await exists(e.path))) last = e.path
      } catch {
        // a torn last line of an interrupted run
      }
    }
  } finally {
    await handle.close()
  }
  return last
}

/** What one model's run is: everything trainModel derives before it looks for a result. */
interface RunPlan {
  registry: Awaited<ReturnType<typeof loadRegistryModel>>['registry']
  model: LoadedModel
  trainer: RunManifest['trainer']
  identity: ModelIdentity
  fp: string
  artifactName: string
  outputDir: string
}

/** A source of earlier results: it unpacks one into the output folder and says where it came from. */
type CacheSource = { describe: string; fetch: (into: string) => Promise<string | undefined> }

/**
 * Reuses an earlier result with the same training fingerprint: the cache folder, then workflow artifacts,
 * then release assets. Every source is checked exactly as a fresh run is (outputs, a prediction for every
 * eval id, safetensors headers) and its manifest must carry the fingerprints computed now and the digests of
 * the files beside it; a result that fails is reported and not used.
 */
async function reuseCached(
  plan: RunPlan,
  options: TrainOptions,
  log: (m: string) => void
): Promise<{ manifest: RunManifest; source: string } | undefined> {
  const { spec } = plan.model
  const sources: CacheSource[] = []
  if (options.cacheDir) {
    const cached = path.join(options.cacheDir, plan.fp)
    sources.push({
      describe: cached,
      fetch: async into => {
        if (!(await exists(path.join(cached, 'run.json')))) return undefined
        await cp(cached, into, { recursive: true })
        return cached
      }
    })
  }
  const host = options.host
  if (host) {
    sources.push({
      describe: `artifact ${plan.artifactName}`,
      fetch: async into => {
        const live = (await host.listArtifacts({ name: plan.artifactName })).filter((a: ArtifactInfo) => !a.expired)
        // A fork's pull request uploads artifacts under any name: only a trusted run's result is reused.
        const found = await trustedArtifacts(host, live, log)
        const newest = found.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))[0]
        if (!newest) return undefined
        await host.downloadArtifact(newest, into)
        return `artifact ${plan.artifactName} (run ${newest.runId ?? '?'})`
      }
    })
    sources.push({
      describe: 'releases',
      fetch: async into => {
        const repo = await gitTopLevel(plan.registry.root).catch(() => undefined)
        const tag = repo ? await fromRelease(host, repo, spec.name, plan.fp, into) : undefined
        return tag ? `release ${tag}` : undefined
      }
    })
  }
  // Each candidate is unpacked beside the run's folder and moves in only once it passed: a failed one leaves
  // an interrupted run's checkpoints where they are.
  const staging = `${plan.outputDir}.reused`
  try {
    for (const source of sources) {
      await rm(staging, { recursive: true, force: true })
      const where = await source.fetch(staging)
      if (!where) continue
      const problems = await checkReused(plan, staging, options.signal)
      if (problems.length) {
        log(`warning: the earlier result in ${where} is not used:\n${problems.map(p => `  ${p}`).join('\n')}`)
        continue
      }
      const manifest = JSON.parse(await readRegular(path.join(staging, 'run.json'))) as RunManifest
      await rm(plan.outputDir, { recursive: true, force: true })
      await rename(staging, plan.outputDir)
      log(
        `Cache hit: ${spec.name} was trained before with fingerprint ${plan.fp.slice(0, 12)} (${where}); no GPU time spent.`
      )
      return { manifest, source: where }
    }
    return undefined
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}

async function readRegular(file: string): Promise<string> {
  const handle = await openRegularFile(file)
  try {
    return await handle.readFile('utf8')
  } finally {
    await handle.close()
  }
}

/** Why an unpacked earlier result cannot be reused; empty when it can. */
async function checkReused(plan: RunPlan, dir: string, signal?: AbortSignal): Promise<string[]> {
  let manifest: RunManifest
  try {
    manifest = JSON.parse(await readRegular(path.join(dir, 'run.json'))) as RunManifest
  } catch (e) {
    return [`run.json: unreadable (${e instanceof Error ? e.message : String(e)})`]
  }
  const problems: string[] = []
  if (manifest.training_fingerprint !== plan.fp)
    problems.push(`run.json: training fingerprint ${String(manifest.training_fingerprint)}, not ${plan.fp}`)
  if (manifest.evaluation_fingerprint !== plan.identity.evaluation_fingerprint)
    problems.push(
      `run.json: evaluation fingerprint ${String(manifest.evaluation_fingerprint)}, not ${plan.identity.evaluation_fingerprint}`
    )
  if (problems.length) return problems
  // The eval ids of today's data: a reused result must predict every one of them.
  const evalFile = path.join(dir, 'data', 'eval.jsonl')
  await mkdir(path.dirname(evalFile), { recursive: true })
  await materialise(plan.model, plan.registry.config.policy.max_line_bytes, null, evalFile)
  problems.push(...(await checkTrainerOutputs(dir, await idsOf(evalFile), signal)))
  if (problems.length) return problems
  const listed = new Map((Array.isArray(manifest.outputs) ? manifest.outputs : []).map(f => [f.file, f.sha256]))
  for (const f of await outputFiles(dir)) {
    const expected = listed.get(f.file)
    if (expected === undefined) problems.push(`${f.file}: not listed in run.json`)
    else if (expected !== f.sha256) problems.push(`${f.file}: sha256 ${f.sha256}, but run.json says ${expected}`)
    listed.delete(f.file)
  }
  for (const missing of listed.keys()) problems.push(`${missing}: listed in run.json but missing`)
  return problems
}

/** Loads the model and derives its identity, trainer and folders. */
async function planRun(options: TrainOptions): Promise<RunPlan> {
  const { registry, model: found } = options.loaded ?? (await loadRegistryModel(options.registryDir, options.model))
  const model = options.trainerOverride
    ? { ...found, spec: { ...found.spec, training: { ...found.spec.training, trainer: options.trainerOverride } } }
    : found
  const trainer = trainerIdentity(model.spec)
  const identity = await modelIdentity(model, trainer)
  const fp = identity.training_fingerprint
  return {
    registry,
    model,
    trainer,
    identity,
    fp,
    artifactName: trainArtifactName(model.spec.name, fp),
    outputDir: path.resolve(options.workDir, runFolderName(model.spec.name, fp))
  }
}

/**
 * Trains one model: reuses an earlier result with the same training fingerprint unless forced,
 * otherwise materialises the data, runs the trainer under its budget, checks its outputs, and
 * writes the run manifest. A retried run resumes from its last checkpoint.
 */
export async function trainModel(options: TrainOptions): Promise<TrainResult> {
  const log = options.log ?? (() => undefined)
  const plan = await planRun(options)
  const result = (manifest: RunManifest, cache: TrainResult['cache'], outcome?: RunOutcome): TrainResult => ({
    model: plan.model.spec.name,
    identity: plan.identity,
    outputDir: plan.outputDir,
    artifactName: plan.artifactName,
    cache,
    ...(outcome ? { outcome } : {}),
    manifest
  })
  if (!options.force) {
    const reused = await reuseCached(plan, options, log)
    if (reused) return result(reused.manifest, { hit: true, source: reused.source })
  }
  const run = await runFresh(plan, options, log)
  const manifest = await writeManifest(plan, options, run)
  const { outcome } = run
  return result(manifest, { hit: false }, outcome)
}

/** Materialises the data, runs the trainer and checks what it left; throws TrainingError when unusable. */
async function runFresh(plan: RunPlan, options: TrainOptions, log: (m: string) => void) {
  const { registry, model, trainer, fp, outputDir } = plan
  const { spec } = model
  // A retried run of the same fingerprint finds its earlier attempt here and resumes from its checkpoint.
  await mkdir(path.join(outputDir, 'data'), { recursive: true })
  const eventsFile = path.join(outputDir, 'events.jsonl')
  const resumeFrom = options.force ? null : await lastCheckpoint(eventsFile)
  if (!resumeFrom) {
    for (const stale of ['events.jsonl', 'predictions.jsonl', 'adapter', 'checkpoints', 'run.json'])
      await rm(path.join(outputDir, stale), { recursive: true, force: true })
  } else log(`Resuming from ${resumeFrom}`)
  const trainFile = path.join(outputDir, 'data', 'train.jsonl')
  const evalFile = path.join(outputDir, 'data', 'eval.jsonl')
  log(`Preparing the data of ${spec.name}`)
  const data = await materialise(model, registry.config.policy.max_line_bytes, trainFile, evalFile, { log })
  const runSpec: RunSpec = {
    schema: 'tunegate.run-spec/v1',
    model: spec.name,
    task_family: spec.task_family,
    base_model: {
      id: spec.base_model.id,
      revision: spec.base_model.revision,
      architecture: spec.base_model.architecture,
      context_window: spec.base_model.context_window
    },
    method: spec.training.method,
    // Resolved: every trainer runs with the documented defaults of src/training/hyperparameters.ts.
    hyperparameters: resolveHyperparameters(
      spec.training.trainer,
      spec.training.hyperparameters,
      spec.base_model.context_window
    ),
    seed: spec.training.seed,
    train_file: trainFile,
    eval_file: evalFile,
    data_format: data.format,
    labels: spec.data.labels ?? null,
    output_dir: outputDir,
    resume_from_checkpoint: resumeFrom,
    fingerprint: fp,
    ...(spec.training.distributed ? { distributed: spec.training.distributed } : {})
  }
  const specPath = path.join(outputDir, 'run-spec.json')
  await writeFile(specPath, JSON.stringify(runSpec, null, 2))
  // The `ray` engine runs the hf-peft trainer on a cluster; the baseline floor (trainerOverride) stays local.
  const ray = spec.training.trainer === 'hf-peft' ? spec.training.engine : undefined
  const gpuCount = ray?.gpus ?? options.gpuCount ?? (spec.training.trainer === 'baseline' ? 0 : detectGpuCount())
  const repoRoot = await gitTopLevel(registry.root).catch(() => path.dirname(registry.root))
  const command = await trainerCommand(spec, runSpec, repoRoot, gpuCount)
  const budget = spec.training.budget
  const startedAt = new Date()
  log(
    `Training ${spec.name} with ${trainer.name} ${trainer.version} on ${gpuCount} GPU(s): ${data.trainRows} train rows, ${data.evalRows} eval rows`
  )
  const outcome = await trainOn(ray, { runSpec, outputDir, force: options.force === true, onLog: log })({
    trainer: command,
    // The baseline is Tunegate's own code; any other trainer runs code or weights a pull request chose, so it is
    // kept from the tokens this process holds.
    isolate: spec.training.trainer !== 'baseline' && holdsSecrets(),
    specPath,
    eventsPath: eventsFile,
    gpuCount,
    ...(budget.timeout_minutes !== undefined ? { timeoutMs: budget.timeout_minutes * 60_000 } : {}),
    ...(budget.max_gpu_hours !== undefined ? { maxGpuSeconds: budget.max_gpu_hours * 3600 } : {}),
    ...(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    onWarning: m => log(`warning: ${m}`)
  })
  if (outcome.status !== 'done') {
    const tail = outcome.stderrTail.filter(l => l.trim()).slice(-15)
    throw new TrainingError(
      `Training ${spec.name} failed: ${outcome.message}.${tail.length ? `\nLast lines of the trainer's stderr:\n${tail.map(l => `  ${l}`).join('\n')}` : ''}`,
      outcome
    )
  }
  const withoutTarget = rowsWithoutTarget(outcome, runSpec, data.trainRows)
  if (withoutTarget && withoutTarget.rows > withoutTarget.max_share * data.trainRows)
    throw new TrainingError(
      `Training ${spec.name}: ${withoutTarget.rows} of ${data.trainRows} train rows leave no target token within ` +
        `max_seq_length ${withoutTarget.max_seq_length}, above max_share_without_target ${withoutTarget.max_share}; ` +
        'raise max_seq_length or shorten these prompts (tunegate validate lists them)',
      outcome
    )
  const problems = await checkTrainerOutputs(outputDir, await idsOf(evalFile), options.signal).catch((e: unknown) => {
    if (options.signal?.aborted)
      throw new TrainingError(`Training ${spec.name} was cancelled while its outputs were checked`, outcome)
    throw e
  })
  if (problems.length)
    throw new TrainingError(
      `The outputs of ${spec.name}'s trainer cannot be used:\n${problems.map(p => `  ${p}`).join('\n')}`,
      outcome
    )
  return { outcome, data, resumeFrom, startedAt, gpuCount, withoutTarget }
}

/** The trainer's count of train rows with no target token within max_seq_length, with the limits it ran under. */
function rowsWithoutTarget(outcome: RunOutcome, run: RunSpec, trainRows: number): RunManifest['without_target'] {
  const counted = outcome.metrics.filter(m => m.name === 'train_rows_without_target').at(-1)
  if (!counted) return undefined
  const hp = run.hyperparameters
  const rows = Math.round(counted.value)
  if (!(rows >= 0 && rows <= trainRows))
    throw new TrainingError(
      `the trainer reported ${counted.value} train rows without a target token; expected a count from 0 to ${trainRows}`,
      outcome
    )
  // A command trainer's hyperparameters are its own: where it sets neither, the documented defaults apply.
  const defaults = resolveHyperparameters('hf-peft', {}, run.base_model.context_window)
  return {
    rows,
    max_seq_length: maxSeqLength(hp, run.base_model.context_window),
    max_share: Number(hp.max_share_without_target ?? defaults.max_share_without_target)
  }
}

/** Writes run.json (lineage, cost, digests of every output) and fills the local cache folder. */
async function writeManifest(
  plan: RunPlan,
  options: TrainOptions,
  run: {
    outcome: RunOutcome
    data: { trainRows: number; evalRows: number }
    resumeFrom: string | null
    startedAt: Date
    gpuCount: number
    withoutTarget: RunManifest['without_target']
  }
): Promise<RunManifest> {
  const { registry, model, trainer, identity, fp, outputDir } = plan
  const { spec } = model
  const { outcome } = run
  const rate = gpuHourRate(registry.config, runnerLabels(spec.training.runner))
  const manifest: RunManifest = {
    schema: 'tunegate.train-run/v1',
    model: spec.name,
    training_fingerprint: fp,
    evaluation_fingerprint: identity.evaluation_fingerprint,
    trainer,
    base_model: { id: spec.base_model.id, revision: spec.base_model.revision },
    method: spec.training.method,
    runner: {
      name: options.runnerName ?? 'local',
      labels: runnerLabels(spec.training.runner),
      os: process.platform,
      gpus: run.gpuCount
    },
    started_at: run.startedAt.toISOString(),
    finished_at: new Date().toISOString(),
    wall_seconds: Math.round(outcome.wallSeconds * 10) / 10,
    gpu_seconds: Math.round(outcome.gpuSeconds * 10) / 10,
    cost: {
      currency: registry.config.cost?.currency ?? 'USD',
      amount: Math.round((outcome.gpuSeconds / 3600) * rate * 100) / 100,
      rate_per_gpu_hour: rate
    },
    rows: { train: run.data.trainRows, eval: run.data.evalRows },
    ...(run.withoutTarget ? { without_target: run.withoutTarget } : {}),
    resumed_from: run.resumeFrom,
    loss_curve: outcome.progress.filter(p => p.loss !== undefined).map(p => ({ step: p.step, loss: p.loss! })),
    outputs: await outputFiles(outputDir)
  }
  await writeFile(path.join(outputDir, 'run.json'), JSON.stringify(manifest, null, 2))
  if (options.cacheDir) {
    const target = path.join(options.cacheDir, fp)
    await rm(target, { recursive: true, force: true })
    await mkdir(target, { recursive: true })
    for (const f of ['adapter', 'predictions.jsonl', 'events.jsonl', 'run.json'])
      await cp(path.join(outputDir, f), path.join(target, f), { recursive: true })
  }
  return manifest
}

/** A training run that did not produce usable outputs; carries what the runner saw. */
export class TrainingError extends ConfigurationError {
  constructor(
    message: string,
    readonly outcome: RunOutcome
  ) {
    super(message)
    this.name = 'TrainingError'
  }
}
