import { FILE_PROGRESS_MIN_BYTES, validateRegistry, ValidationProgress } from '../data/validate.js'
import { writeValidationReports } from '../report/report-files.js'
import { validationMarkdown, validationText } from '../report/validation-report.js'
import type { Output } from './output.js'
import { formatBytes, ProgressBar } from './progress.js'

export interface ValidateCommandOptions {
  registry: string
  base?: string
  head?: string
  json: boolean
  reportDir: string
}

/** `tunegate validate`: the validate action's checks in a terminal, with a progress bar on large files. */
export async function validateCommand(
  { registry, base, head, json, reportDir }: ValidateCommandOptions,
  out: Output
): Promise<number> {
  const bar = new ProgressBar(out)
  let current = ''
  const progress = new ValidationProgress(line => {
    bar.done()
    if (!json) out.error(line)
  })
  const result = await validateRegistry({
    registryDir: registry,
    base,
    head,
    onModel: progress.onModel,
    onModelDone: progress.onModelDone,
    fetch: {
      log: m => {
        bar.done()
        if (!json) out.error(m)
      }
    },
    onProgress: (file, read, total) => {
      if (total < FILE_PROGRESS_MIN_BYTES) return
      if (file !== current) {
        bar.done()
        current = file
      }
      if (!json) bar.update(`  ${file}`, read, total, `${formatBytes(read)} of ${formatBytes(total)}`)
    }
  })
  bar.done()
  const reportFile = await writeValidationReports(reportDir, result, validationMarkdown(result))
  if (json) out.line(JSON.stringify(result, null, 2))
  else {
    out.line(validationText(result))
    out.line(`Report: ${reportFile}`)
  }
  return result.valid ? 0 : 1
}
