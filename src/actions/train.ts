import { readdir } from 'node:fs/promises'
import path from 'node:path'
import * as core from '@actions/core'
import { DefaultArtifactClient } from '@actions/artifact'
import { cancelOnSignals } from '../cancellation.js'
import { progressLine } from '../report/progress-line.js'
import { trainMarkdown } from '../report/train-report.js'
import { readEvalLoss } from '../training/training-view.js'
import { trainModel } from '../training/train.js'
import { legModels } from '../registry/matrix-plan.js'
import { booleanInput, forEachModel, githubHost, integerInput, stringInput, uploadName } from './common.js'

/** The train action's settings, parsed once from its inputs. */
export interface TrainSettings {
  registry: string
  model: string
  token: string
  force: boolean
  upload: boolean
  workDir: string
  retentionDays: number
  runnerName?: string
}

/** A line of progress in the log at most this often (and at the last step). */
const PROGRESS_INTERVAL_MS = 15_000

/** Reads and checks the action's inputs. */
export function trainSettings(): TrainSettings {
  const settings: TrainSettings = {
    registry: stringInput('registry', { required: true }),
    model: stringInput('model', { required: true }),
    token: stringInput('token'),
    force: booleanInput('force'),
    upload: booleanInput('upload'),
    workDir: stringInput('work-dir') || path.join(process.env.RUNNER_TEMP ?? '.tunegate', 'tunegate-train'),
    retentionDays: integerInput('retention-days', 1, 90, 'a whole number of days'),
    ...(process.env.RUNNER_NAME ? { runnerName: process.env.RUNNER_NAME } : {})
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

/**
 * Inputs → fingerprint cache or a supervised training run → artifact, summary, outputs; for each model of a
 * batched matrix job in turn (a model that fails does not stop the others; the step fails at the end).
 */
export async function run(): Promise<void> {
  const s = trainSettings()
  const outputs = await forEachModel(legModels(s.model), model => trainOne(s, model))
  for (const name of ['training-fingerprint', 'evaluation-fingerprint', 'cache-hit', 'artifact-name', 'output-dir'])
    core.setOutput(name, outputs.map(o => o[name] ?? '').join('\n'))
}

/** One model: the cached result or a training run, its artifact and summary; returns its outputs. */
async function trainOne(s: TrainSettings, model: string): Promise<Record<string, string>> {
  let lastLog = 0
  const result = await cancelOnSignals(signal =>
    trainModel({
      registryDir: s.registry,
      model,
      workDir: s.workDir,
      force: s.force,
      ...(s.runnerName ? { runnerName: s.runnerName } : {}),
      signal,
      ...(s.token ? { host: githubHost(s.token) } : {}),
      log: m => core.info(m),
      onProgress: p => {
        const now = Date.now()
        if (now - lastLog < PROGRESS_INTERVAL_MS && p.step < p.totalSteps) return
        lastLog = now
        core.info(progressLine(p))
      }
    })
  )
  const fromArtifact = result.cache.hit && result.cache.source?.startsWith('artifact')
  let artifactName = result.artifactName
  if (s.upload && !fromArtifact) {
    if (!process.env.ACTIONS_RUNTIME_TOKEN)
      core.warning(
        'No ACTIONS_RUNTIME_TOKEN: not running in GitHub Actions, so the outputs are not uploaded as an artifact.'
      )
    else {
      const files = (await filesUnder(result.outputDir)).filter(
        f => !f.includes(`${path.sep}checkpoints${path.sep}`) && !f.includes(`${path.sep}data${path.sep}`)
      )
      artifactName = uploadName(result.artifactName)
      const upload = await new DefaultArtifactClient().uploadArtifact(artifactName, files, result.outputDir, {
        retentionDays: s.retentionDays
      })
      core.info(`Uploaded artifact ${artifactName} (${upload.size ?? 0} bytes, id ${upload.id ?? '?'})`)
    }
  }
  await core.summary.addRaw(trainMarkdown(result, { evalLoss: await readEvalLoss(result.outputDir) }), true).write()
  return {
    'training-fingerprint': result.identity.training_fingerprint,
    'evaluation-fingerprint': result.identity.evaluation_fingerprint,
    'cache-hit': String(result.cache.hit),
    'artifact-name': artifactName,
    'output-dir': result.outputDir
  }
}
