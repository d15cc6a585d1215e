import { writeFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { trainModel } from '../training/train.js'
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

function eta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return ''
  return seconds < 90 ? `ETA ${Math.round(seconds)}s` : `ETA ${Math.round(seconds / 60)}m`
}

/** `tunegate train`: the train action on a laptop, with a progress bar. */
export async function trainCommand(o: TrainCommandOptions, out: Output): Promise<number> {
  const bar = new ProgressBar(out)
  const abort = new AbortController()
  const onSignal = () => abort.abort()
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    const result = await trainModel({
      registryDir: o.registry,
      model: o.model,
      workDir: o.workDir,
      cacheDir: o.cacheDir,
      force: o.force,
      signal: abort.signal,
      log: m => {
        bar.done()
        out.error(m)
      },
      onProgress: p =>
        bar.update(
          `  ${o.model}`,
          p.step,
          p.totalSteps,
          [
            `step ${p.step}/${p.totalSteps}`,
            p.loss !== undefined ? `loss ${p.loss.toFixed(4)}` : '',
            p.tokensPerSecond !== undefined ? `${Math.round(p.tokensPerSecond)} tok/s` : '',
            eta(p.etaSeconds)
          ]
            .filter(Boolean)
            .join('  ')
        )
    })
    bar.done()
    await mkdir(o.reportDir, { recursive: true })
    const report = path.join(o.reportDir, `train-${result.model}.md`)
    await writeFile(report, trainMarkdown(result))
    const m = result.manifest
    out.line(
      `${result.model}: ${result.cache.hit ? 'reused an earlier result (cache hit)' : `trained in ${m.wall_seconds}s`}; fingerprint ${result.identity.training_fingerprint.slice(0, 12)}; outputs in ${result.outputDir}`
    )
    out.line(`Report: ${report}`)
    return 0
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
