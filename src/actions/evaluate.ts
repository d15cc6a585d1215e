import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import * as core from '@actions/core'
import { DefaultArtifactClient } from '@actions/artifact'
import { evaluationArtifactName, modelStatusContext, STATUS_CONTEXT } from '../constants.js'
import { ConfigurationError, errorMessage } from '../errors.js'
import type { Host } from '../registry/host.js'
import { runEvaluation } from '../evaluation/evaluate.js'
import { modelVerdict } from '../evaluation/verdict.js'
import { evaluationOutcomeReport, statusDescription } from '../report/evaluation-report.js'
import { writeSectionFile } from '../report/pull-request-report.js'
import { withVerdict } from '../report/verdict-summary.js'
import {
  actionsLinks,
  booleanInput,
  githubHost,
  integerInput,
  isPermissionError,
  publishReport,
  pullRequestOf,
  readEvent,
  runUrl,
  stringInput,
  uploadName,
  forEachModel
} from './common.js'
import { legModels } from '../registry/matrix-plan.js'

export interface EvaluateSettings {
  registry: string
  model: string
  token: string
  runDir?: string
  trainArtifacts?: string
  /** An earlier evaluation record of the model whose judge verdicts and scores are reused (no new call for them). */
  judgeCache?: string
  comment: boolean
  status: boolean
  /** Where the report section is written for the report job, instead of the pull request. */
  sectionDir: string
  /** Whether a failing or blocking verdict fails the step (the pipeline's report job decides from the section). */
  failOnGate: boolean
  prNumber?: number
  sha?: string
  workDir: string
  endpoint?: { baseUrl: string; model: string; api: 'chat' | 'completions'; apiKey?: string; concurrency: number }
}

/** Reads and checks the action's inputs; the pull request and head commit come from the event. */
export function evaluateSettings(): EvaluateSettings {
  const pr = pullRequestOf(readEvent())
  const s: EvaluateSettings = {
    registry: stringInput('registry', { required: true }),
    model: stringInput('model', { required: true }),
    token: stringInput('token', { required: true }),
    runDir: stringInput('run-dir') || undefined,
    trainArtifacts: stringInput('train-artifacts') || undefined,
    judgeCache: stringInput('judge-cache') || undefined,
    comment: booleanInput('comment'),
    status: booleanInput('status'),
    sectionDir: stringInput('section-dir'),
    failOnGate: booleanInput('fail-on-gate'),
    prNumber: pr?.number,
    sha: pr?.headSha ?? process.env.GITHUB_SHA,
    workDir: path.join(process.env.RUNNER_TEMP ?? '.tunegate', 'tunegate-evaluate')
  }
  const endpoint = stringInput('endpoint')
  if (endpoint) {
    if (!/^https?:\/\//.test(endpoint))
      throw new ConfigurationError(
        `Invalid endpoint '${endpoint}'. ` +
          'Expected the base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:8000/v1.'
      )
    const api = stringInput('endpoint-api', { required: true })
    if (api !== 'chat' && api !== 'completions')
      throw new ConfigurationError(`Invalid endpoint-api '${api}'. Expected chat or completions.`)
    const concurrency = integerInput('endpoint-concurrency', 1, 256)
    const key = process.env.TUNEGATE_ENDPOINT_API_KEY
    if (key) core.setSecret(key)
    s.endpoint = {
      baseUrl: endpoint,
      model: stringInput('endpoint-model', { required: true }),
      api,
      concurrency,
      ...(key ? { apiKey: key } : {})
    }
  }
  for (const [k, v] of Object.entries({ ...s, token: '***' })) core.debug(`${k}: ${String(v)}`)
  return s
}

/**
 * Sets the model's own status, then the `tunegate` gate from all models' statuses on the commit —
 * re-read after a pause so that matrix jobs finishing together still leave the right aggregate.
 */
export async function setGate(
  host: Host,
  sha: string,
  model: string,
  state: 'pending' | 'success' | 'failure' | 'error',
  description: string,
  targetUrl?: string
): Promise<void> {
  const url = targetUrl ? { targetUrl } : {}
  await host.setCommitStatus(sha, { state, description, context: modelStatusContext(model), ...url })
  let written = ''
  for (let attempt = 0; attempt < 3; attempt++) {
    const latest = new Map<string, { state: string; description: string }>()
    for (const s of await host.listCommitStatuses(sha))
      if (s.context.startsWith(modelStatusContext('')) && !latest.has(s.context)) latest.set(s.context, s)
    const states = [...latest.values()]
    const failing = [...latest].filter(([, s]) => s.state === 'failure' || s.state === 'error')
    const aggregate: 'pending' | 'success' | 'failure' = failing.length
      ? 'failure'
      : states.some(s => s.state === 'pending')
        ? 'pending'
        : 'success'
    const text = failing.length
      ? failing.map(([c, s]) => `${c.slice(modelStatusContext('').length)}: ${s.description}`).join('; ')
      : aggregate === 'pending'
        ? `Evaluating ${latest.size === 1 ? '1 model' : `${latest.size} models`}`
        : latest.size === 1
          ? '1 model passes its gates'
          : `${latest.size} models pass their gates`
    const key = `${aggregate}|${text}`
    if (key === written) return
    await host.setCommitStatus(sha, { state: aggregate, description: text, context: STATUS_CONTEXT, ...url })
    written = key
    await sleep(1000 + Math.random() * 1000)
  }
}

/** setGate, or a warning when the token may not write statuses (a fork's read-only token). */
async function setGateIfAllowed(
  host: Host,
  ...args: Parameters<typeof setGate> extends [Host, ...infer R] ? R : never
): Promise<void> {
  try {
    await setGate(host, ...args)
  } catch (e) {
    if (!isPermissionError(e)) throw e
    core.warning(
      'The token cannot set commit statuses (read-only, as for forks): ' +
        'the merge gate is left to a job with statuses: write.'
    )
  }
}

/**
 * Inputs → candidate vs production, gates → record artifact, comment section, summary, statuses; for each model
 * of a batched matrix job in turn.
 */
export async function run(): Promise<void> {
  const settings = evaluateSettings()
  const host = githubHost(settings.token)
  const models = legModels(settings.model)
  const verdicts = await forEachModel(models, async model => {
    const s = { ...settings, model }
    try {
      return await evaluate(s, host)
    } catch (e) {
      // A run that could not judge the model must not leave the gate pending or green.
      if (s.status && s.sha) {
        const description = `Evaluation could not run: ${errorMessage(e)}`.slice(0, 139)
        await setGate(host, s.sha, s.model, 'error', description).catch(() => undefined)
      }
      throw e
    }
  })
  // As the merge gate decides: a batch passes when every one of its models was evaluated and passes.
  const passed = verdicts.length === models.length && verdicts.every(v => v.verdict === 'pass')
  core.setOutput('verdict', passed ? 'pass' : 'fail')
  core.setOutput('record', verdicts.map(v => v.record).join('\n'))
  core.setOutput('evaluation-fingerprint', verdicts.map(v => v['evaluation-fingerprint']).join('\n'))
}

/** The evaluation itself, between the pending status and the final one; returns the step's outputs. */
async function evaluate(
  s: EvaluateSettings,
  host: Host
): Promise<{ verdict: 'pass' | 'fail'; record: string; 'evaluation-fingerprint': string }> {
  if (s.status && s.sha)
    await setGateIfAllowed(host, s.sha, s.model, 'pending', 'Evaluating against production', runUrl())
  const outcome = await runEvaluation({
    registryDir: s.registry,
    model: s.model,
    host,
    workDir: path.join(s.workDir, s.model),
    ...(s.runDir ? { runDir: s.runDir } : {}),
    ...(s.trainArtifacts ? { trainArtifacts: s.trainArtifacts } : {}),
    ...(s.judgeCache ? { judgeCache: s.judgeCache } : {}),

    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    log: m => core.info(m),
    // On a pull request the judge judges its seeded sample; on a merge every example.
    ...(process.env.GITHUB_EVENT_NAME?.startsWith('pull_request') ? { pullRequest: true } : {}),
    ...(/^\d+$/.test(process.env.GITHUB_RUN_ID ?? '') ? { runId: Number(process.env.GITHUB_RUN_ID) } : {})
  })
  const { record, policy } = outcome
  const { markdown, verdictLine } = evaluationOutcomeReport(outcome, actionsLinks(s.sha))
  const verdict = modelVerdict(record, policy)
  if (process.env.ACTIONS_RUNTIME_TOKEN) {
    const name = uploadName(evaluationArtifactName(record.model, record.evaluation_fingerprint))
    await new DefaultArtifactClient().uploadArtifact(name, [outcome.recordFile], path.dirname(outcome.recordFile))
    core.info(`Uploaded the evaluation record as artifact ${name}`)
  }
  // The summary is capped under GitHub's limit; the full report goes up as an artifact both link to.
  const reportFile = path.join(path.dirname(outcome.recordFile), 'evaluation.md')
  const link = await publishReport('evaluate', record.model, reportFile, markdown)
  const section = withVerdict(link ? `${markdown.trimEnd()}\n\n${link.trim()}` : markdown, verdictLine)
  const description = statusDescription([record], policy)
  if (s.sectionDir) {
    await writeSectionFile(s.sectionDir, {
      section: `evaluate:${record.model}`,
      markdown: section,
      verdict: verdictLine.state === 'pending' ? 'fail' : verdictLine.state,
      blocks: verdictLine.blocks,
      description
    })
  }
  if (s.comment && s.prNumber !== undefined) {
    try {
      await host.upsertCommentSection(s.prNumber, `evaluate:${record.model}`, section)
    } catch (e) {
      if (!isPermissionError(e)) throw e
      core.warning(`The token cannot write to pull request #${s.prNumber}; the report is in the job summary.`)
    }
  }
  if (s.status && s.sha) {
    const state = verdict.blocks ? 'failure' : 'success'
    await setGateIfAllowed(host, s.sha, s.model, state, description, runUrl())
  }
  if (verdict.state === 'inconclusive' && !verdict.blocks)
    core.warning(
      `${record.model} is inconclusive: ${verdict.deciding.map(gateLine).join('; ')}. ` +
        "registry.yaml's policy.inconclusive is warn, so the merge gate passes."
    )
  if (!s.failOnGate)
    core.info(
      `${record.model}: ${verdict.state}${verdict.blocks ? ', blocking the merge' : ''} (decided by the report job)`
    )
  else if (verdict.state === 'fail')
    core.setFailed(`${record.model} fails its gates: ${verdict.deciding.map(gateLine).join('; ')}`)
  else if (verdict.blocks)
    core.setFailed(
      `${record.model} is inconclusive and registry.yaml's policy.inconclusive is block (the default), ` +
        `so the merge gate fails: ${verdict.deciding.map(gateLine).join('; ')}`
    )
  // As the merge gate decides: an inconclusive model that the policy lets block is 'fail' here too.
  return {
    verdict: verdict.blocks ? 'fail' : 'pass',
    record: outcome.recordFile,
    'evaluation-fingerprint': record.evaluation_fingerprint
  }
}

/** A gate and its reason, for the log. */
const gateLine = (g: { metric: string; slice: string; reason: string }) =>
  `${g.metric}${g.slice !== 'all' ? ` on ${g.slice}` : ''}: ${g.reason}`
