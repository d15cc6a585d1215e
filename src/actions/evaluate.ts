import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import * as core from '@actions/core'
import { DefaultArtifactClient } from '@actions/artifact'
import { errorMessage } from '../errors.js'
import type { Host } from '../registry/host.js'
import { runEvaluation } from '../evaluation/run-evaluation.js'
import { statusDescription } from '../report/evaluation-report.js'
import { githubHost, isPermissionError, publishReport, pullRequestOf, readEvent, runUrl } from './common.js'

/** The merge gate that branch protection requires; per-model statuses are `tunegate/<model>`. */
export const GATE_CONTEXT = 'tunegate'

export interface EvaluateSettings {
  registry: string
  model: string
  token: string
  runDir?: string
  comment: boolean
  status: boolean
  prNumber?: number
  sha?: string
  workDir: string
  endpoint?: { baseUrl: string; model: string; api: 'chat' | 'completions'; apiKey?: string; concurrency: number }
}

/** Reads and checks the action's inputs; the pull request and head commit come from the event. */
export function evaluateSettings(): EvaluateSettings {
  const pr = pullRequestOf(readEvent())
  const s: EvaluateSettings = {
    registry: core.getInput('registry', { required: true }),
    model: core.getInput('model', { required: true }),
    token: core.getInput('token', { required: true }),
    runDir: core.getInput('run-dir') || undefined,
    comment: core.getBooleanInput('comment'),
    status: core.getBooleanInput('status'),
    prNumber: pr?.number,
    sha: pr?.headSha ?? process.env.GITHUB_SHA,
    workDir: path.join(process.env.RUNNER_TEMP ?? '.tunegate', 'tunegate-evaluate')
  }
  const endpoint = core.getInput('endpoint')
  if (endpoint) {
    if (!/^https?:\/\//.test(endpoint))
      throw new Error(
        `Invalid endpoint '${endpoint}'. Expected the base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:8000/v1.`
      )
    const api = core.getInput('endpoint-api', { required: true })
    if (api !== 'chat' && api !== 'completions')
      throw new Error(`Invalid endpoint-api '${api}'. Expected chat or completions.`)
    const concurrency = Number(core.getInput('endpoint-concurrency', { required: true }))
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256)
      throw new Error(
        `Invalid endpoint-concurrency '${core.getInput('endpoint-concurrency')}'. Expected a whole number from 1 to 256.`
      )
    const key = process.env.TUNEGATE_ENDPOINT_API_KEY
    if (key) core.setSecret(key)
    s.endpoint = {
      baseUrl: endpoint,
      model: core.getInput('endpoint-model', { required: true }),
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
  await host.setCommitStatus(sha, { state, description, context: `${GATE_CONTEXT}/${model}`, ...url })
  let written = ''
  for (let attempt = 0; attempt < 3; attempt++) {
    const latest = new Map<string, { state: string; description: string }>()
    for (const s of await host.listCommitStatuses(sha))
      if (s.context.startsWith(`${GATE_CONTEXT}/`) && !latest.has(s.context)) latest.set(s.context, s)
    const states = [...latest.values()]
    const failing = [...latest].filter(([, s]) => s.state === 'failure' || s.state === 'error')
    const aggregate: 'pending' | 'success' | 'failure' = failing.length
      ? 'failure'
      : states.some(s => s.state === 'pending')
        ? 'pending'
        : 'success'
    const text = failing.length
      ? failing.map(([c, s]) => `${c.slice(GATE_CONTEXT.length + 1)}: ${s.description}`).join('; ')
      : aggregate === 'pending'
        ? `Evaluating ${latest.size} model(s)`
        : `${latest.size} model(s) pass their gates`
    const key = `${aggregate}|${text}`
    if (key === written) return
    await host.setCommitStatus(sha, { state: aggregate, description: text, context: GATE_CONTEXT, ...url })
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
      'The token cannot set commit statuses (read-only, as for forks): the merge gate is left to a job with statuses: write.'
    )
  }
}

/** Inputs → candidate vs production, gates → record artifact, comment section, summary, statuses. */
export async function run(): Promise<void> {
  let settings: EvaluateSettings | undefined
  let host: Host | undefined
  try {
    const s = (settings = evaluateSettings())
    host = githubHost(s.token)
    if (s.status && s.sha)
      await setGateIfAllowed(host, s.sha, s.model, 'pending', 'Evaluating against production', runUrl())
    const outcome = await runEvaluation({
      registryDir: s.registry,
      model: s.model,
      host,
      workDir: path.join(s.workDir, s.model),
      ...(s.runDir ? { runDir: s.runDir } : {}),
      ...(s.endpoint ? { endpoint: s.endpoint } : {}),
      log: m => core.info(m),
      ...(runUrl() ? { runUrl: runUrl()! } : {})
    })
    const { record } = outcome
    if (process.env.ACTIONS_RUNTIME_TOKEN) {
      const name = `tunegate-evaluation-${record.model}-${record.evaluation_fingerprint.slice(0, 32)}`
      await new DefaultArtifactClient().uploadArtifact(name, [outcome.recordFile], path.dirname(outcome.recordFile))
      core.info(`Uploaded the evaluation record as artifact ${name}`)
    }
    const reportFile = path.join(path.dirname(outcome.recordFile), 'evaluation.md')
    const link = await publishReport('evaluate', record.model, reportFile, outcome.markdown)
    if (s.comment && s.prNumber !== undefined) {
      try {
        await host.upsertCommentSection(s.prNumber, `evaluate:${record.model}`, link + outcome.markdown)
      } catch (e) {
        if (!isPermissionError(e)) throw e
        core.warning(`The token cannot write to pull request #${s.prNumber}; the report is in the job summary.`)
      }
    }
    if (s.status && s.sha)
      await setGateIfAllowed(
        host,
        s.sha,
        s.model,
        record.verdict === 'pass' ? 'success' : 'failure',
        statusDescription([record]),
        runUrl()
      )
    core.setOutput('verdict', record.verdict)
    core.setOutput('record', outcome.recordFile)
    core.setOutput('evaluation-fingerprint', record.evaluation_fingerprint)
    if (record.verdict === 'fail')
      core.setFailed(
        `${record.model} fails its gates: ${record.gates
          .filter(g => !g.passed)
          .map(g => `${g.metric}${g.slice !== 'all' ? ` on ${g.slice}` : ''}: ${g.reason}`)
          .join('; ')}`
      )
  } catch (e) {
    core.setFailed(errorMessage(e))
    // A run that could not judge the model must not leave the gate pending or green.
    if (settings?.status && settings.sha && host) {
      await setGate(
        host,
        settings.sha,
        settings.model,
        'error',
        `Evaluation could not run: ${errorMessage(e)}`.slice(0, 139)
      ).catch(() => undefined)
    }
  }
}
