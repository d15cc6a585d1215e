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
import { modelsAtStage, productionReference } from './reference.js'
import { dataFiles, profileFiles, type DataFile } from './sources.js'

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
export async function runDrift(o: DriftOptions): Promise<ModelDrift[]> {
  const registry = await loadRegistry(o.registryDir)
  assertValid(registry)
  const repo = await gitTopLevel(registry.root)
  const stage = registry.config.production_stage
  const inProduction = await modelsAtStage(repo, stage)
  const models = o.models?.length ? o.models : [...inProduction.keys()].sort()
  if (!models.length)
    throw new ConfigurationError(
      `No model has a version at the '${stage}' stage; drift needs a production version to compare with.`
    )
  const results: ModelDrift[] = []
  for (const model of models) {
    const workDir = path.join(o.workDir, model)
    await rm(workDir, { recursive: true, force: true })
    await mkdir(workDir, { recursive: true })
    try {
      results.push(await driftOfModel(o, model, models.length > 1, registry, repo, workDir))
    } finally {
      // The reference copy of the model's files can be as large as its data: never left behind.
      await rm(workDir, { recursive: true, force: true })
    }
  }
  return results
}

/** One model's comparison, verdict and PR or issue. */
async function driftOfModel(
  o: DriftOptions,
  model: string,
  several: boolean,
  registry: LoadedRegistry & { config: RegistryConfig },
  repo: string,
  workDir: string
): Promise<ModelDrift> {
  const log = o.log ?? (() => undefined)
  const seed = o.seed ?? 42
  const stage = registry.config.production_stage
  const reference = await productionReference(o.registryDir, model, stage, workDir, { log })
  log(`${model}: production ${reference.version} at ${reference.commit.slice(0, 12)}`)
  const rules = rulesOf(reference.spec)
  const maxLineBytes = registry.config.policy.max_line_bytes
  const progress = (label: string) => (file: DataFile, bytes: number) =>
    o.onProgress?.(`${label} ${file.display}`, bytes, file.bytes)

  const refSide = new SideProfile(SAMPLE_ROWS, seed)
  const refFiles: DataFile[] = []
  for (const f of reference.spec.train)
    refFiles.push({
      path: f.absolute,
      display: `${f.relative}@${reference.commit.slice(0, 7)}`,
      bytes: (await stat(f.absolute)).size
    })
  const refRead = await profileFiles(refFiles, rules, refSide, { maxLineBytes, onProgress: progress('reference') })

  const samplesPath = (await pathFor(o.samples, model, several, 'samples'))!
  const curSide = new SideProfile(SAMPLE_ROWS, seed + 1)
  const curRead = await profileFiles(await dataFiles(samplesPath, 'samples'), rules, curSide, {
    maxLineBytes,
    onProgress: progress('samples')
  })
  if (curRead.invalid)
    throw new ProblemsError(
      curRead.problems,
      `${curRead.invalid} sample row(s) for ${model} cannot be read (expected rows in the model's ${rules.format} format or {"input": ...}):`
    )
  if (!curRead.rows) throw new ConfigurationError(`The samples for ${model} ('${samplesPath}') hold no rows.`)

  const counter = reference.spec.tokenizer
    ? await tokenizerCounter(reference.spec.tokenizer.absolute)
    : approximateCounter
  const comparison = compareSides(refSide, curSide, {
    seed,
    share: registry.config.drift.share,
    counter,
    labels: reference.spec.spec.task_family === 'classification' || rules.format === 'classification'
  })
  const k = registry.config.drift.consecutive_runs
  const previous = k > 1 ? await o.previous?.(model) : undefined
  const streak =
    comparison.verdict === 'drift'
      ? (previous && previous.raw === 'drift' && previous.version === reference.version ? previous.streak : 0) + 1
      : 0
  const verdict = comparison.verdict === 'drift' && streak >= k ? 'drift' : 'no-drift'

  // Feedback is read only for a drifted model whose current spec still exists.
  const current = registry.models.find(m => m.spec.name === model)
  const feedbackPath =
    verdict === 'drift' && o.feedback ? await pathFor(o.feedback, model, several, 'feedback') : undefined
  let feedback: FeedbackResult | undefined
  if (feedbackPath && current)
    feedback = await prepareFeedback(await dataFiles(feedbackPath, 'feedback'), current, registry.config, workDir)
  const targetPath = feedback?.target
    ? path
        .relative(await realpath(repo), feedback.target.absolute)
        .split(path.sep)
        .join('/')
    : undefined

  const record: DriftRecord = {
    schema: 'tunegate.drift/v1',
    model,
    version: reference.version,
    commit: reference.commit,
    at: new Date().toISOString(),
    verdict,
    raw: comparison.verdict,
    streak,
    consecutiveRuns: k,
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
  const problems: Problem[] = feedback?.problems ?? []
  const report = () =>
    driftMarkdown({
      record,
      comparison,
      samples: samplesPath,
      feedbackProblems: problems,
      quoteRows: o.quoteRows === true,
      ...(o.runUrl ? { runUrl: o.runUrl } : {})
    })

  if (verdict === 'drift' && feedback && feedback.lines.length && targetPath) {
    const written = await o.host.upsertPullRequest({
      branch: retrainBranch(model),
      base: o.base,
      title: `Retrain ${model}: production inputs drifted from ${reference.version}`,
      body: report(),
      commitMessage: `${model}: add ${feedback.lines.length} labelled production rows (drift since ${reference.version})`,
      files: {},
      append: { [targetPath]: feedback.lines.join('\n') + '\n' },
      labels: ['tunegate', 'drift']
    })
    record.action = {
      kind: 'pull-request',
      number: written.number,
      url: written.url,
      ...(written.branch ? { branch: written.branch } : {})
    }
    log(
      `${model}: pull request #${written.number} ${written.created ? 'opened' : written.changed ? 'updated' : 'unchanged'}`
    )
    if (o.dispatchWorkflow && written.branch && written.changed) {
      await dispatchPipeline(o.host, o.dispatchWorkflow, written.branch, written.number, log)
      record.action.dispatched = o.dispatchWorkflow
    }
  } else if (verdict === 'drift') {
    const why = !o.feedback
      ? ''
      : !feedback
        ? `\n\nNo feedback rows for ${model} were given.`
        : !targetPath
          ? `\n\n${model} has no JSONL train file to append feedback rows to.`
          : '\n\nNo feedback row could be proposed (see above).'
    const written = await o.host.upsertIssue({
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
