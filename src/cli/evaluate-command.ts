import { existsSync } from 'node:fs'
import path from 'node:path'
import { runFolderName } from '../constants.js'
import { runEvaluation } from '../evaluation/evaluate.js'
import { LocalHost } from '../host/local-host.js'
import { modelIdentity } from '../registry/fingerprint.js'
import { gitTopLevel } from '../registry/git.js'
import { loadRegistryModel } from '../registry/loader.js'
import { evaluateExitCode, modelVerdict } from '../evaluation/verdict.js'
import { evaluationOutcomeReport, evaluationText } from '../report/evaluation-report.js'
import { REPORT_FILES, writeReport } from '../report/report-files.js'
import { trainerIdentity } from '../training/backends.js'
import type { Output } from './output.js'

export interface EvaluateCommandOptions {
  registry: string
  model: string
  runDir?: string
  workDir: string
  stateDir: string
  reportDir: string
}

/**
 * `tunegate evaluate`: the evaluate action in a terminal; production comes from local tags and releases. Exits as
 * the merge gate decides (`EVALUATE_EXIT`): 0 pass, 1 a failing gate, 3 inconclusive under `policy.inconclusive:
 * block` (under `warn` an inconclusive model exits 0 with the warning printed).
 */
export async function evaluateCommand(
  {
    registry: registryDir,
    model: modelName,
    runDir: givenRunDir,
    workDir: runsDir,
    stateDir,
    reportDir
  }: EvaluateCommandOptions,
  out: Output
): Promise<number> {
  // Loaded and fingerprinted once here, for the default run folder, and passed on.
  const loaded = await loadRegistryModel(registryDir, modelName)
  const { registry, model } = loaded
  const identity = await modelIdentity(model, trainerIdentity(model.spec))
  const runDir = givenRunDir ?? path.join(runsDir, runFolderName(model.spec.name, identity.training_fingerprint))
  const repo = await gitTopLevel(registry.root)
  const host = new LocalHost(path.resolve(stateDir), repo)
  const workDir = path.join(reportDir, 'evaluate')
  // The previous run's record is the judge's verdict cache: a re-run asks the judges only what is new.
  const previous = path.join(workDir, `evaluation-${modelName}.json`)
  const outcome = await runEvaluation({
    registryDir,
    model: modelName,
    loaded,
    identity,
    host,
    workDir,
    runDir,
    log: m => out.error(m),
    ...(model.spec.evaluation.judge && existsSync(previous) ? { judgeCache: previous } : {})
  })
  const report = await writeReport(
    reportDir,
    REPORT_FILES.evaluate(modelName),
    evaluationOutcomeReport(outcome).markdown
  )
  out.line(evaluationText(outcome.record, outcome.policy))
  out.line(`Report: ${report}\nRecord: ${outcome.recordFile}`)
  const verdict = modelVerdict(outcome.record, outcome.policy)
  if (verdict.state === 'inconclusive')
    out.error(
      verdict.blocks
        ? `${modelName} is inconclusive and registry.yaml's policy.inconclusive is block (the default): ` +
            'the merge is blocked and promote refuses it (exit 3).'
        : `Warning: ${modelName} is inconclusive; registry.yaml's policy.inconclusive is warn, so it passes.`
    )
  return evaluateExitCode(verdict)
}
