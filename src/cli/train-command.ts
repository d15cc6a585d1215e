import { cancelOnSignals } from '../cancellation.js'
import { trainModel } from '../training/train.js'
import { progressLine } from '../report/progress-line.js'
import { REPORT_FILES, writeReport } from '../report/report-files.js'
import { trainMarkdown } from '../report/train-report.js'
import type { Output } from './output.js'
import { ProgressBar } from './progress.js'

export interface TrainCommandOptions {
  registry: string
  model: string
  workDir: string
  cacheDir: string
  force: boolean
  reportDir: string
}

/** `tunegate train`: the train action on a laptop, with a progress bar. */
export async function trainCommand(
  { registry, model, workDir, cacheDir, force, reportDir }: TrainCommandOptions,
  out: Output
): Promise<number> {
  const bar = new ProgressBar(out)
  const result = await cancelOnSignals(signal =>
    trainModel({
      registryDir: registry,
      model,
      workDir,
      cacheDir,
      force,
      signal,
      log: m => {
        bar.done()
        out.error(m)
      },
      onProgress: p => bar.update(`  ${model}`, p.step, p.totalSteps, progressLine(p, { percent: false }))
    })
  )
  bar.done()
  const report = await writeReport(reportDir, REPORT_FILES.train(result.model), trainMarkdown(result))
  const m = result.manifest
  const how = result.cache.hit ? 'reused an earlier result (cache hit)' : `trained in ${m.wall_seconds}s`
  const fingerprint = result.identity.training_fingerprint.slice(0, 12)
  out.line(`${result.model}: ${how}; fingerprint ${fingerprint}; outputs in ${result.outputDir}`)
  out.line(`Report: ${report}`)
  return 0
}
