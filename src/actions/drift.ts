import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import * as core from '@actions/core'
import { DefaultArtifactClient } from '@actions/artifact'
import { ConfigurationError } from '../errors.js'
import { runDrift, type ModelDrift } from '../drift/drift.js'
import { driftArtifactName, DRIFT_RECORD_FILE, previousRecordSchema, type PreviousRecord } from '../drift/record.js'
import type { Host } from '../registry/host.js'
import { trustedArtifacts } from '../registry/run-trust.js'
import { gitLfsCredentials, githubHost, readEvent, runUrl, stringInput, uploadName } from './common.js'

/** The drift action's settings, parsed once from its inputs. */
export interface DriftSettings {
  registry: string
  models: string[]
  samples: string
  feedback?: string
  token: string
  base: string
  dispatchWorkflow?: string
  workDir: string
}

/** Splits a list input on newlines and commas. */
function listInput(name: string): string[] {
  return stringInput(name)
    .split(/[\n,]/)
    .map(s => s.trim())
    .filter(Boolean)
}

/** Reads and checks the action's inputs. */
export function driftSettings(): DriftSettings {
  const base = stringInput('base') || process.env.GITHUB_REF_NAME || ''
  if (!base)
    throw new ConfigurationError(
      "Input 'base' is empty and GITHUB_REF_NAME is not set. Expected the branch retraining PRs target, e.g. main."
    )
  const workflow = stringInput('dispatch-workflow')
  if (workflow && !/^[\w.-]+\.ya?ml$|^\d+$/.test(workflow))
    throw new ConfigurationError(
      `Invalid dispatch-workflow '${workflow}'. Expected a workflow file name such as tunegate.yml, or its id.`
    )
  const s: DriftSettings = {
    registry: stringInput('registry', { required: true }),
    models: listInput('models'),
    samples: stringInput('samples', { required: true }),
    feedback: stringInput('feedback') || undefined,
    token: stringInput('token', { required: true }),
    base,
    dispatchWorkflow: workflow || undefined,
    workDir: path.join(process.env.RUNNER_TEMP ?? '.tunegate', 'tunegate-drift')
  }
  for (const [k, v] of Object.entries({ ...s, token: '***' })) core.debug(`${k}: ${String(v)}`)
  return s
}

/**
 * The newest earlier drift record of a model, from the artifacts of trusted runs only: a fork's run could
 * upload one saying "drift, run 5" and open a retraining pull request on its word.
 */
async function previousRecord(host: Host, model: string, workDir: string): Promise<PreviousRecord | undefined> {
  const thisRun = Number(process.env.GITHUB_RUN_ID)
  const earlier = (await host.listArtifacts({ name: driftArtifactName(model) }))
    .filter(a => !a.expired && a.runId !== thisRun)
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || b.id - a.id)
  const [latest] = await trustedArtifacts(host, earlier, m => core.warning(m.replace(/^warning: /, '')))
  if (!latest) return undefined
  const dir = await host.downloadArtifact(latest, await mkdtemp(path.join(workDir, 'previous-')))
  const parsed = previousRecordSchema.safeParse(
    JSON.parse(await readFile(path.join(dir, DRIFT_RECORD_FILE), 'utf8').catch(() => 'null'))
  )
  if (!parsed.success) {
    core.warning(`Artifact ${latest.name} (${latest.id}) holds no readable drift record; counting runs from this one.`)
    return undefined
  }
  return parsed.data
}

/** What happened, per model, for the job summary's last lines. */
function actionNote(m: ModelDrift, dispatchWorkflow: string | undefined): string {
  const a = m.record.action
  if (a.kind === 'pull-request')
    return a.dispatched
      ? `Retraining pull request [#${a.number}](${a.url}) on \`${a.branch}\`. A pull request opened with GITHUB_TOKEN starts no workflow, so \`${a.dispatched}\` was started on \`${a.branch}\` with workflow_dispatch to give it its \`tunegate\` status.`
      : `Retraining pull request [#${a.number}](${a.url}) on \`${a.branch}\`.` +
          (dispatchWorkflow
            ? ' (Unchanged: no workflow dispatched.)'
            : ' Its workflows start only if this token is a GitHub App token (actions/create-github-app-token); with GITHUB_TOKEN, set dispatch-workflow.')
  if (a.kind === 'issue') return `Drift issue [#${a.number}](${a.url}) (no feedback rows to propose).`
  return 'Nothing opened.'
}

/** Inputs → drift per model → PR, issue or nothing → record artifacts, summary, outputs. */
export async function run(): Promise<void> {
  const s = driftSettings()
  // The registry's checkout: where an append to an LFS-tracked train file makes and uploads its object.
  const host = githubHost(s.token, { checkout: s.registry })
  gitLfsCredentials(s.token)
  await mkdir(s.workDir, { recursive: true })
  const quarters = new Map<string, number>()
  const results = await runDrift({
    registryDir: s.registry,
    models: s.models,
    samples: s.samples,
    ...(s.feedback ? { feedback: s.feedback } : {}),
    host,
    base: s.base,
    workDir: s.workDir,
    previous: model => previousRecord(host, model, s.workDir),
    // Issues and job summaries of a public repository are public: production rows are quoted only in a private
    // one (the event's repository.private; unknown counts as public).
    quoteRows: (readEvent().repository as { private?: unknown } | undefined)?.private === true,
    ...(s.dispatchWorkflow ? { dispatchWorkflow: s.dispatchWorkflow } : {}),
    ...(runUrl() ? { runUrl: runUrl()! } : {}),
    onProgress: (label, done, total) => {
      const q = total ? Math.floor((done / total) * 4) : 4
      if (quarters.get(label) !== q) {
        quarters.set(label, q)
        core.info(`${label}: ${q * 25}%`)
      }
    },
    log: m => core.info(m)
  })
  const summary: string[] = []
  for (const m of results) {
    const dir = path.join(s.workDir, 'records', m.record.model)
    await mkdir(dir, { recursive: true })
    const file = path.join(dir, DRIFT_RECORD_FILE)
    await writeFile(file, JSON.stringify(m.record, null, 2) + '\n')
    if (process.env.ACTIONS_RUNTIME_TOKEN)
      await new DefaultArtifactClient().uploadArtifact(uploadName(driftArtifactName(m.record.model)), [file], dir)
    summary.push(m.markdown, actionNote(m, s.dispatchWorkflow), '')
  }
  await core.summary.addRaw(summary.join('\n'), true).write()
  const drifted = results.filter(m => m.record.verdict === 'drift').map(m => m.record.model)
  core.setOutput('drifted', JSON.stringify(drifted))
  core.setOutput(
    'pull-requests',
    JSON.stringify(results.filter(m => m.record.action.kind === 'pull-request').map(m => m.record.action.number))
  )
  core.setOutput(
    'issues',
    JSON.stringify(results.filter(m => m.record.action.kind === 'issue').map(m => m.record.action.number))
  )
  core.info(drifted.length ? `Drift in: ${drifted.join(', ')}` : `No drift in ${results.length} model(s).`)
}
