import { readdir } from 'node:fs/promises'
import path from 'node:path'
import * as core from '@actions/core'
import { DefaultArtifactClient } from '@actions/artifact'
import { errorMessage } from '../errors.js'
import { trainMarkdown } from '../report/train-report.js'
import { trainModel } from '../training/train.js'
import { githubHost } from './common.js'

/** The train action's settings, parsed once from its inputs. */
export interface TrainSettings {
  registry: string
  model: string
  token: string
  force: boolean
  upload: boolean
  workDir: string
  retentionDays: number
}

/** Reads and checks the action's inputs. */
export function trainSettings(): TrainSettings {
  const retention = core.getInput('retention-days', { required: true })
  const settings: TrainSettings = {
    registry: core.getInput('registry', { required: true }),
    model: core.getInput('model', { required: true }),
    token: core.getInput('token'),
    force: core.getBooleanInput('force'),
    upload: core.getBooleanInput('upload'),
    workDir: core.getInput('work-dir') || path.join(process.env.RUNNER_TEMP ?? '.tunegate', 'tunegate-train'),
    retentionDays: Number(retention)
  }
  if (!Number.isInteger(settings.retentionDays) || settings.retentionDays < 1 || settings.retentionDays > 90) {
    throw new Error(`Invalid retention-days '${retention}'. Expected a whole number of days from 1 to 90.`)
  }
  for (const [k, v] of Object.entries({ ...settings, token: settings.token ? '***' : '' }))
    core.debug(`${k}: ${String(v)}`)
  return settings
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) out.push(path.join(e.parentPath, e.name))
  return out
}

/** Inputs → fingerprint cache or a supervised training run → artifact, summary, outputs. */
export async function run(): Promise<void> {
  const abort = new AbortController()
  // The runner sends SIGINT when a job is cancelled; the trainer is stopped gracefully, then killed.
  const onSignal = () => abort.abort()
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    const s = trainSettings()
    let lastLog = 0
    const result = await trainModel({
      registryDir: s.registry,
      model: s.model,
      workDir: s.workDir,
      force: s.force,
      ...(process.env.RUNNER_NAME ? { runnerName: process.env.RUNNER_NAME } : {}),
      signal: abort.signal,
      ...(s.token ? { host: githubHost(s.token) } : {}),
      log: m => core.info(m),
      onProgress: p => {
        const now = Date.now()
        if (now - lastLog < 15_000 && p.step < p.totalSteps) return
        lastLog = now
        const parts = [`step ${p.step}/${p.totalSteps} (${Math.round((100 * p.step) / p.totalSteps)}%)`]
        if (p.loss !== undefined) parts.push(`loss ${p.loss.toFixed(4)}`)
        if (p.tokensPerSecond !== undefined) parts.push(`${Math.round(p.tokensPerSecond)} tokens/s`)
        if (p.etaSeconds !== undefined) parts.push(`ETA ${Math.ceil(p.etaSeconds / 60)} min`)
        core.info(parts.join(', '))
      }
    })
    const fromArtifact = result.cache.hit && result.cache.source?.startsWith('artifact')
    if (s.upload && !fromArtifact) {
      if (!process.env.ACTIONS_RUNTIME_TOKEN)
        core.warning(
          'No ACTIONS_RUNTIME_TOKEN: not running in GitHub Actions, so the outputs are not uploaded as an artifact.'
        )
      else {
        const files = (await filesUnder(result.outputDir)).filter(
          f => !f.includes(`${path.sep}checkpoints${path.sep}`) && !f.includes(`${path.sep}data${path.sep}`)
        )
        const upload = await new DefaultArtifactClient().uploadArtifact(result.artifactName, files, result.outputDir, {
          retentionDays: s.retentionDays
        })
        core.info(`Uploaded artifact ${result.artifactName} (${upload.size ?? 0} bytes, id ${upload.id ?? '?'})`)
      }
    }
    await core.summary.addRaw(trainMarkdown(result), true).write()
    core.setOutput('training-fingerprint', result.identity.training_fingerprint)
    core.setOutput('evaluation-fingerprint', result.identity.evaluation_fingerprint)
    core.setOutput('cache-hit', String(result.cache.hit))
    core.setOutput('artifact-name', result.artifactName)
    core.setOutput('output-dir', result.outputDir)
  } catch (e) {
    core.setFailed(errorMessage(e))
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
