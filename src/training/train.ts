import { cp, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import path from 'node:path'
import { runFolderName } from '../constants.js'
import { ConfigurationError } from '../errors.js'
import type { ArtifactInfo, Host } from '../registry/host.js'
import { fileDigest } from '../registry/digest.js'
import { modelIdentity, type ModelIdentity } from '../registry/fingerprint.js'
import { gitTopLevel } from '../registry/git.js'
import { readTags, resolveState } from '../registry/state.js'
import { unzipTo } from '../registry/unzip.js'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { loadRegistryModel, type RegistryModel } from '../registry/loader.js'
import type { RegistryConfig } from '../registry/schema.js'
import type { RunManifest, RunSpec } from './contract.js'
import { checkTrainerOutputs } from './outputs.js'
import { materialise } from './materialise.js'
import { trainerCommand, trainerIdentity } from './backends.js'
import { detectGpuCount, runTrainer, type ProgressView, type RunOutcome } from './runner.js'

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
  /** The registry and the model when the caller has loaded them already (the evaluation does). */
  loaded?: RegistryModel
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

/** The last checkpoint a previous attempt of the same run recorded and left on disk. */
async function lastCheckpoint(eventsFile: string): Promise<string | null> {
  let last: string | null = null
  try {
    for await (const line of createInterface({ input: createReadStream(eventsFile), crlfDelay: Infinity })) {
      try {
        const e = JSON.parse(line) as { type?: string; path?: string }
        if (e.type === 'checkpoint' && typeof e.path === 'string' && (await exists(e.path))) last = e.path
      } catch {
        // a torn last line of an interrupted run
      }
    }
  } catch {
    return null
  }
  return last
}

/**
 * Trains one model: reuses an earlier result with the same training fingerprint unless forced,
 * otherwise materialises the data, runs the trainer under its budget, checks its outputs, and
 * writes the run manifest. A retried run resumes from its last checkpoint.
 */
export async function trainModel(o: TrainOptions): Promise<TrainResult> {
  const log = o.log ?? (() => undefined)
  const { registry, model: found } = o.loaded ?? (await loadRegistryModel(o.registryDir, o.model))
  const model = o.trainerOverride
    ? { ...found, spec: { ...found.spec, training: { ...found.spec.training, trainer: o.trainerOverride } } }
    : found
  const { spec } = model
  const trainer = trainerIdentity(spec)
  const identity = await modelIdentity(model, trainer)
  const fp = identity.training_fingerprint
  const artifactName = trainArtifactName(spec.name, fp)
  const outputDir = path.resolve(o.workDir, runFolderName(spec.name, fp))
  const manifestFile = path.join(outputDir, 'run.json')

  if (!o.force) {
    const cached = o.cacheDir ? path.join(o.cacheDir, fp) : undefined
    if (cached && (await exists(path.join(cached, 'run.json')))) {
      await rm(outputDir, { recursive: true, force: true })
      await cp(cached, outputDir, { recursive: true })
      log(
        `Cache hit: ${spec.name} was trained before with fingerprint ${fp.slice(0, 12)} (${cached}); no GPU time spent.`
      )
      return {
        model: spec.name,
        identity,
        outputDir,
        artifactName,
        cache: { hit: true, source: cached },
        manifest: JSON.parse(await readFile(manifestFile, 'utf8')) as RunManifest
      }
    }
    if (o.host) {
      const found = (await o.host.listArtifacts({ name: artifactName })).filter((a: ArtifactInfo) => !a.expired)
      const newest = found.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))[0]
      if (newest) {
        await rm(outputDir, { recursive: true, force: true })
        await o.host.downloadArtifact(newest, outputDir)
        const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as RunManifest
        if (manifest.training_fingerprint !== fp)
          throw new Error(`artifact ${artifactName} holds fingerprint ${manifest.training_fingerprint}, not ${fp}`)
        log(
          `Cache hit: artifact ${artifactName} of run ${newest.runId ?? '?'} has the same training fingerprint; no GPU time spent.`
        )
        return {
          model: spec.name,
          identity,
          outputDir,
          artifactName,
          cache: { hit: true, source: `artifact ${artifactName} (run ${newest.runId ?? '?'})` },
          manifest
        }
      }
      const repo = await gitTopLevel(registry.root).catch(() => undefined)
      const tag = repo ? await fromRelease(o.host, repo, spec.name, fp, outputDir) : undefined
      if (tag) {
        const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as RunManifest
        if (manifest.training_fingerprint !== fp)
          throw new Error(
            `release ${tag} holds training outputs of fingerprint ${manifest.training_fingerprint}, not ${fp}`
          )
        log(`Cache hit: release ${tag} carries the outputs of the same training fingerprint; no GPU time spent.`)
        return {
          model: spec.name,
          identity,
          outputDir,
          artifactName,
          cache: { hit: true, source: `release ${tag}` },
          manifest
        }
      }
    }
  }

  // A retried run of the same fingerprint finds its earlier attempt here and resumes from its checkpoint.
  await mkdir(path.join(outputDir, 'data'), { recursive: true })
  const eventsFile = path.join(outputDir, 'events.jsonl')
  const resumeFrom = o.force ? null : await lastCheckpoint(eventsFile)
  if (!resumeFrom) {
    for (const stale of ['events.jsonl', 'predictions.jsonl', 'adapter', 'checkpoints', 'run.json'])
      await rm(path.join(outputDir, stale), { recursive: true, force: true })
  } else log(`Resuming from ${resumeFrom}`)
  const trainFile = path.join(outputDir, 'data', 'train.jsonl')
  const evalFile = path.join(outputDir, 'data', 'eval.jsonl')
  log(`Preparing the data of ${spec.name}`)
  const data = await materialise(model, registry.config.policy.max_line_bytes, trainFile, evalFile)
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
    hyperparameters: spec.training.hyperparameters,
    seed: spec.training.seed,
    train_file: trainFile,
    eval_file: evalFile,
    data_format: data.format,
    labels: spec.data.labels ?? null,
    output_dir: outputDir,
    resume_from_checkpoint: resumeFrom,
    fingerprint: fp
  }
  const specPath = path.join(outputDir, 'run-spec.json')
  await writeFile(specPath, JSON.stringify(runSpec, null, 2))
  const gpuCount = o.gpuCount ?? (spec.training.trainer === 'baseline' ? 0 : detectGpuCount())
  const repoRoot = await gitTopLevel(registry.root).catch(() => path.dirname(registry.root))
  const command = await trainerCommand(spec, runSpec, repoRoot, gpuCount)
  const budget = spec.training.budget
  const startedAt = new Date()
  log(
    `Training ${spec.name} with ${trainer.name} ${trainer.version} on ${gpuCount} GPU(s): ${data.trainRows} train rows, ${data.evalRows} eval rows`
  )
  const outcome = await runTrainer({
    trainer: command,
    specPath,
    eventsPath: eventsFile,
    gpuCount,
    ...(budget.timeout_minutes !== undefined ? { timeoutMs: budget.timeout_minutes * 60_000 } : {}),
    ...(budget.max_gpu_hours !== undefined ? { maxGpuSeconds: budget.max_gpu_hours * 3600 } : {}),
    ...(o.graceMs !== undefined ? { graceMs: o.graceMs } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    onWarning: m => log(`warning: ${m}`)
  })
  if (outcome.status !== 'done') {
    const tail = outcome.stderrTail.filter(l => l.trim()).slice(-15)
    throw new TrainingError(
      `Training ${spec.name} failed: ${outcome.message}.${tail.length ? `\nLast lines of the trainer's stderr:\n${tail.map(l => `  ${l}`).join('\n')}` : ''}`,
      outcome
    )
  }
  const problems = await checkTrainerOutputs(outputDir, await idsOf(evalFile))
  if (problems.length)
    throw new TrainingError(
      `The outputs of ${spec.name}'s trainer cannot be used:\n${problems.map(p => `  ${p}`).join('\n')}`,
      outcome
    )

  const outputs: RunManifest['outputs'] = []
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name)
      if (e.isDirectory()) await walk(abs)
      else
        outputs.push({
          file: path.relative(outputDir, abs),
          sha256: await fileDigest(abs),
          bytes: (await stat(abs)).size
        })
    }
  }
  await walk(path.join(outputDir, 'adapter'))
  for (const f of ['predictions.jsonl', 'events.jsonl'])
    outputs.push({
      file: f,
      sha256: await fileDigest(path.join(outputDir, f)),
      bytes: (await stat(path.join(outputDir, f))).size
    })
  const rate = gpuHourRate(registry.config, spec.training.runner)
  const manifest: RunManifest = {
    schema: 'tunegate.train-run/v1',
    model: spec.name,
    training_fingerprint: fp,
    evaluation_fingerprint: identity.evaluation_fingerprint,
    trainer,
    base_model: { id: spec.base_model.id, revision: spec.base_model.revision },
    method: spec.training.method,
    runner: {
      name: o.runnerName ?? 'local',
      labels: spec.training.runner,
      os: process.platform,
      gpus: gpuCount
    },
    started_at: startedAt.toISOString(),
    finished_at: new Date().toISOString(),
    wall_seconds: Math.round(outcome.wallSeconds * 10) / 10,
    gpu_seconds: Math.round(outcome.gpuSeconds * 10) / 10,
    cost: {
      currency: registry.config.cost?.currency ?? 'USD',
      amount: Math.round((outcome.gpuSeconds / 3600) * rate * 100) / 100,
      rate_per_gpu_hour: rate
    },
    rows: { train: data.trainRows, eval: data.evalRows },
    resumed_from: resumeFrom,
    loss_curve: outcome.progress.filter(p => p.loss !== undefined).map(p => ({ step: p.step, loss: p.loss! })),
    outputs
  }
  await writeFile(manifestFile, JSON.stringify(manifest, null, 2))
  if (o.cacheDir) {
    const target = path.join(o.cacheDir, fp)
    await rm(target, { recursive: true, force: true })
    await mkdir(target, { recursive: true })
    for (const f of ['adapter', 'predictions.jsonl', 'events.jsonl', 'run.json'])
      await cp(path.join(outputDir, f), path.join(target, f), { recursive: true })
  }
  return { model: spec.name, identity, outputDir, artifactName, cache: { hit: false }, outcome, manifest }
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
