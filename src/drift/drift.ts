import { mkdir, realpath, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { ConfigurationError, ProblemsError, type Problem } from '../errors.js'
import type { FormatRules } from '../data/examples.js'
import { approximateCounter, tokenizerCounter } from '../data/tokens.js'
import type { Host } from '../registry/host.js'
import { gitTopLevel } from '../registry/git.js'
import { assertValid, loadRegistry, type LoadedModel, type LoadedRegistry } from '../registry/loader.js'
import type { RegistryConfig } from '../registry/schema.js'
import { compareSides, type DriftComparison } from './compare.js'
import { driftMarkdown, helpWanted } from './drift-report.js'
import { prepareFeedback, type FeedbackResult } from './feedback.js'
import { SAMPLE_ROWS, SideProfile } from './profile.js'
import type { DriftRecord, PreviousRecord } from './record.js'
import { modelsAtStage, productionReference, type ProductionReference } from './reference.js'
import { dataFiles, profileFiles, type DataFile, type ProfileReading } from './sources.js'

export interface DriftOptions {
  registryDir: string
  /** Models to check; default: every model with a version at the production stage. */
  models?: string[]
  /** A file or folder of current rows; with several models, a folder holding `<model>/` or `<model>.<ext>` per model. */
  samples: string
  /** Labelled production rows (same layout as samples), proposed as training rows when a model drifted. */
  feedback?: string
  host: Host
  /** The branch retraining pull requests target. */
  base: string
  workDir: string
  seed?: number
  /** The previous run's record of a model, for the K-consecutive-runs policy. */
  previous?: (model: string) => Promise<PreviousRecord | undefined>
  /** With GITHUB_TOKEN: the workflow to start on the retraining branch (a PR opened with it starts none). */
  dispatchWorkflow?: string
  runUrl?: string
  /**
   * Quote production rows (the rows least like the reference) in the report, the issue and the pull request:
   * only for a private repository, whose issues and job summaries are not public. Counts and lines otherwise.
   */
  quoteRows?: boolean
  onProgress?: (label: string, done: number, total: number) => void
  log?: (message: string) => void
}

export interface ModelDrift {
  record: DriftRecord
  comparison: DriftComparison
  markdown: string
}

/** The retraining branch of a model; a new drift episode after a closed or merged PR gets `-2`, `-3`, …. */
export function retrainBranch(model: string): string {
  return `tunegate/retrain/${model}`
}

/** The issue key of a model's drift without feedback (a hidden marker in the issue). */
export function driftIssueKey(model: string): string {
  return `drift:${model}`
}

/** The data of one model under a samples or feedback path: its own entry when there is one, else the path itself. */
async function pathFor(root: string, model: string, several: boolean, what: string): Promise<string | undefined> {
  const info = await stat(root).catch(() => undefined)
  if (!info) throw new ConfigurationError(`The ${what} path '${root}' does not exist. Expected a file or a folder.`)
  if (info.isDirectory()) {
    for (const candidate of [model, `${model}.jsonl`, `${model}.csv`, `${model}.parquet`]) {
      const p = path.join(root, candidate)
      if (await stat(p).catch(() => undefined)) return p
    }
  }
  if (!several) return root
  if (what === 'feedback') return undefined
  throw new ConfigurationError(
    `With several models, ${what} must be a folder holding one entry per model; '${root}' has no '${model}/' or '${model}.jsonl|csv|parquet'.`
  )
}

const rulesOf = (m: LoadedModel): FormatRules => ({
  format: m.spec.data.format,
  labels: m.spec.data.labels,
  useCases: m.spec.use_cases,
  target: m.spec.data.target
})

/** The drift step: every model's production inputs against its production training data, then a PR, an issue or nothing. */
export async function runDrift({
  registryDir,
  models: named,
  workDir,
  ...settings
}: DriftOptions): Promise<ModelDrift[]> {
  const registry = await loadRegistry(registryDir)
  assertValid(registry)
  const repo = await gitTopLevel(registry.root)
  const stage = registry.config.production_stage
  const inProduction = await modelsAtStage(repo, stage)
  const models = named?.length ? named : [...inProduction.keys()].sort()
  if (!models.length)
    throw new ConfigurationError(
      `No model has a version at the '${stage}' stage; drift needs a production version to compare with.`
    )
  const results: ModelDrift[] = []
  for (const model of models) {
    const modelDir = path.join(workDir, model)
    await rm(modelDir, { recursive: true, force: true })
    await mkdir(modelDir, { recursive: true })
    try {
      const several = models.length > 1
      results.push(await driftOfModel({ ...settings, registryDir, model, several, registry, repo, workDir: modelDir }))
    } finally {
      // The reference copy of the model's files can be as large as its data: never left behind.
      await rm(modelDir, { recursive: true, force: true })
    }
  }
  return results
}

/** One model's drift check: the run's settings, with the model, the loaded registry and the model's own work folder. */
interface ModelDriftRun extends Omit<DriftOptions, 'models'> {
  model: string
  /** Several models are checked: samples and feedback paths are folders with one entry per model. */
  several: boolean
  registry: LoadedRegistry & { config: RegistryConfig }
  repo: string
}

/** One model's comparison, verdict and PR or issue. */
async function driftOfModel(run: ModelDriftRun): Promise<ModelDrift> {
  const { model, registry } = run
  const log = run.log ?? (() => undefined)
  const seed = run.seed ?? 42
  const stage = registry.config.production_stage
  const reference = await productionReference(run.registryDir, model, stage, run.workDir, { log })
  log(`${model}: production ${reference.version} at ${reference.commit.slice(0, 12)}`)
  const rules = rulesOf(reference.spec)

  const refSide = new SideProfile(SAMPLE_ROWS, seed)
  const refRead = await profileReference(run, reference, rules, refSide)
  const curSide = new SideProfile(SAMPLE_ROWS, seed + 1)
  const samplesPath = await profileSamples(run, rules, curSide)

  const counter = reference.spec.tokenizer
    ? await tokenizerCounter(reference.spec.tokenizer.absolute)
    : approximateCounter
  const comparison = compareSides(refSide, curSide, {
    seed,
    share: registry.config.drift.share,
    counter,
    labels: reference.spec.spec.task_family === 'classification' || rules.format === 'classification'
  })
  const { streak, verdict, consecutiveRuns } = await policyVerdict(run, comparison, reference.version)
  const { feedback, targetPath } = verdict === 'drift' ? await readFeedback(run) : {}

  const record = driftRecord({
    model,
    reference,
    comparison,
    verdict,
    streak,
    consecutiveRuns,
    refRead,
    feedback,
    targetPath
  })
  const problems: Problem[] = feedback?.problems ?? []
  const report = () =>
    driftMarkdown({
      record,
      comparison,
      samples: samplesPath,
      feedbackProblems: problems,
      quoteRows: run.quoteRows === true,
      ...(run.runUrl ? { runUrl: run.runUrl } : {})
    })

  if (verdict === 'drift' && feedback && feedback.lines.length && targetPath)
    record.action = await proposeRetraining(run, reference, feedback, targetPath, report(), log)
  else if (verdict === 'drift') {
    const why = !run.feedback
      ? ''
      : !feedback
        ? `\n\nNo feedback rows for ${model} were given.`
        : !targetPath
          ? `\n\n${model} has no JSONL train file to append feedback rows to.`
          : '\n\nNo feedback row could be proposed (see above).'
    const written = await run.host.upsertIssue({
      key: driftIssueKey(model),
      title: `Drift in ${model}: production inputs differ from ${reference.version}'s training data`,
      body: `${report()}\n${helpWanted(comparison)}${why}`,
      labels: ['tunegate', 'drift']
    })
    record.action = { kind: 'issue', number: written.number, url: written.url }
    log(`${model}: issue #${written.number} ${written.created ? 'opened' : written.changed ? 'updated' : 'unchanged'}`)
  }
  return { record, comparison, markdown: report() }
}

const progressOf =
  (run: ModelDriftRun, label: string) =>
  (file: DataFile, bytes: number): void =>
    run.onProgress?.(`${label} ${file.display}`, bytes, file.bytes)

/** Profiles the production version's training files, as they were at its commit. */
async function profileReference(
  run: ModelDriftRun,
  reference: ProductionReference,
  rules: FormatRules,
  refSide: SideProfile
): Promise<ProfileReading> {
  const refFiles: DataFile[] = []
  for (const f of reference.spec.train)
    refFiles.push({
      path: f.absolute,
      display: `${f.relative}@${reference.commit.slice(0, 7)}`,
      bytes: (await stat(f.absolute)).size
    })
  const maxLineBytes = run.registry.config.policy.max_line_bytes
  return profileFiles(refFiles, rules, refSide, { maxLineBytes, onProgress: progressOf(run, 'reference') })
}

/** Profiles the model's current samples and returns their path; a row that cannot be read, or none at all, is an error. */
async function profileSamples(run: ModelDriftRun, rules: FormatRules, curSide: SideProfile): Promise<string> {
  const { model } = run
  const maxLineBytes = run.registry.config.policy.max_line_bytes
  const samplesPath = (await pathFor(run.samples, model, run.several, 'samples'))!
  const curRead = await profileFiles(await dataFiles(samplesPath, 'samples'), rules, curSide, {
    maxLineBytes,
    onProgress: progressOf(run, 'samples')
  })
  if (curRead.invalid)
    throw new ProblemsError(
      curRead.problems,
      `${curRead.invalid} sample row(s) for ${model} cannot be read (expected rows in the model's ${rules.format} format or {"input": ...}):`
    )
  if (!curRead.rows) throw new ConfigurationError(`The samples for ${model} ('${samplesPath}') hold no rows.`)
  return samplesPath
}

/** The verdict under the policy: drift only after K runs in a row whose own verdict was drift, for the same version. */
async function policyVerdict(
  run: ModelDriftRun,
  comparison: DriftComparison,
  version: string
): Promise<{ streak: number; verdict: DriftRecord['verdict']; consecutiveRuns: number }> {
  const k = run.registry.config.drift.consecutive_runs
  const previous = k > 1 ? await run.previous?.(run.model) : undefined
  const streak =
    comparison.verdict === 'drift'
      ? (previous && previous.raw === 'drift' && previous.version === version ? previous.streak : 0) + 1
      : 0
  const verdict = comparison.verdict === 'drift' && streak >= k ? 'drift' : 'no-drift'
  return { streak, verdict, consecutiveRuns: k }
}

/** A drifted model's feedback rows, and the train file (relative to the repository) they would be appended to. */
async function readFeedback(run: ModelDriftRun): Promise<{ feedback?: FeedbackResult; targetPath?: string }> {
  const { model, registry } = run
  // Feedback is read only for a drifted model whose current spec still exists.
  const current = registry.models.find(m => m.spec.name === model)
  const feedbackPath = run.feedback ? await pathFor(run.feedback, model, run.several, 'feedback') : undefined
  let feedback: FeedbackResult | undefined
  if (feedbackPath && current)
    feedback = await prepareFeedback(await dataFiles(feedbackPath, 'feedback'), current, registry.config, run.workDir)
  const targetPath = feedback?.target
    ? path
        .relative(await realpath(run.repo), feedback.target.absolute)
        .split(path.sep)
        .join('/')
    : undefined
  return { feedback, targetPath }
}

interface RecordParts {
  model: string
  reference: ProductionReference
  comparison: DriftComparison
  verdict: DriftRecord['verdict']
  streak: number
  consecutiveRuns: number
  refRead: ProfileReading
  feedback?: FeedbackResult
  targetPath?: string
}

/** The run's record of one model, with no action taken yet. */
function driftRecord({
  model,
  reference,
  comparison,
  verdict,
  streak,
  consecutiveRuns,
  refRead,
  feedback,
  targetPath
}: RecordParts): DriftRecord {
  return {
    schema: 'tunegate.drift/v1',
    model,
    version: reference.version,
    commit: reference.commit,
    at: new Date().toISOString(),
    verdict,
    raw: comparison.verdict,
    streak,
    consecutiveRuns,
    share: comparison.share,
    shareThreshold: comparison.shareThreshold,
    statistics: comparison.statistics,
    skipped: comparison.skipped,
    rows: comparison.rows,
    sample: comparison.sample,
    referenceInvalid: refRead.invalid,
    ...(feedback
      ? {
          feedback: {
            read: feedback.read,
            accepted: feedback.lines.length,
            ...(targetPath ? { target: targetPath } : {}),
            leftOut: feedback.leftOut,
            piiByKind: feedback.piiByKind,
            droppedFields: feedback.droppedFields
          }
        }
      : {}),
    action: { kind: 'none' }
  }
}

/** Opens or updates the retraining pull request that appends the feedback rows, and starts its pipeline. */
async function proposeRetraining(
  run: ModelDriftRun,
  reference: ProductionReference,
  feedback: FeedbackResult,
  targetPath: string,
  body: string,
  log: (message: string) => void
): Promise<DriftRecord['action']> {
  const { model } = run
  const written = await run.host.upsertPullRequest({
    branch: retrainBranch(model),
    base: run.base,
    title: `Retrain ${model}: production inputs drifted from ${reference.version}`,
    body,
    commitMessage: `${model}: add ${feedback.lines.length} labelled production rows (drift since ${reference.version})`,
    files: {},
    append: { [targetPath]: feedback.lines.join('\n') + '\n' },
    labels: ['tunegate', 'drift']
  })
  const action: DriftRecord['action'] = {
    kind: 'pull-request',
    number: written.number,
    url: written.url,
    ...(written.branch ? { branch: written.branch } : {})
  }
  log(
    `${model}: pull request #${written.number} ${written.created ? 'opened' : written.changed ? 'updated' : 'unchanged'}`
  )
  if (run.dispatchWorkflow && written.branch && written.changed) {
    await dispatchPipeline(run.host, run.dispatchWorkflow, written.branch, written.number, log)
    action.dispatched = run.dispatchWorkflow
  }
  return action
}

/**
 * Starts the pull-request pipeline on a retraining branch, naming the pull request its report job comments on.
 * A caller written before that input existed refuses unknown inputs (422): it is dispatched without them.
 */
async function dispatchPipeline(
  host: Host,
  workflow: string,
  branch: string,
  pr: number,
  log: (m: string) => void
): Promise<void> {
  try {
    await host.dispatchWorkflow(workflow, branch, { 'pull-request': String(pr) })
  } catch (e) {
    if ((e as { status?: unknown }).status !== 422) throw e
    log(
      `${workflow} declares no 'pull-request' input, so its run cannot comment on #${pr}: dispatched without it ` +
        '(tunegate init writes the caller with the input).'
    )
    await host.dispatchWorkflow(workflow, branch)
  }
}
