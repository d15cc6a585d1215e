import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { runDrift } from '../drift/drift.js'
import { driftText } from '../drift/drift-report.js'
import { DRIFT_RECORD_FILE, previousRecordSchema } from '../drift/record.js'
import { LocalHost } from '../host/local-host.js'
import { gitTopLevel } from '../registry/git.js'
import type { Output } from './output.js'
import { formatBytes, ProgressBar } from './progress.js'

export interface DriftCommandOptions {
  registry: string
  models: string[]
  samples: string
  feedback?: string
  base: string
  stateDir: string
  reportDir: string
}

/**
 * `tunegate drift`: the drift action in a terminal, with the local host — a retraining branch in the
 * local repository, PR and issue records and each model's last drift record under the state folder.
 */
export async function driftCommand(
  { registry: registryDir, models, samples, feedback, base, stateDir: givenStateDir, reportDir }: DriftCommandOptions,
  out: Output
): Promise<number> {
  const repo = await gitTopLevel(registryDir)
  const stateDir = path.resolve(givenStateDir)
  const host = new LocalHost(stateDir, repo)
  const bar = new ProgressBar(out)
  const finished = new Set<string>()
  const recordFile = (model: string) => path.join(stateDir, 'drift', model, DRIFT_RECORD_FILE)
  const results = await runDrift({
    registryDir,
    models,
    samples,
    ...(feedback ? { feedback } : {}),
    host,
    base,
    workDir: path.join(stateDir, 'drift-work'),
    // A local run writes to this machine only: its report may quote the rows.
    quoteRows: true,
    previous: async model => {
      const text = await readFile(recordFile(model), 'utf8').catch(() => undefined)
      const parsed = text === undefined ? undefined : previousRecordSchema.safeParse(JSON.parse(text))
      return parsed?.success ? parsed.data : undefined
    },
    onProgress: (label, done, total) => {
      if (finished.has(label)) return
      bar.update(label, done, total, `${formatBytes(done)} / ${formatBytes(total)}`)
      if (done >= total) {
        finished.add(label)
        bar.done()
      }
    },
    log: m => out.error(m)
  })
  await mkdir(reportDir, { recursive: true })
  for (const m of results) {
    await mkdir(path.dirname(recordFile(m.record.model)), { recursive: true })
    await writeFile(recordFile(m.record.model), JSON.stringify(m.record, null, 2) + '\n')
    const report = path.join(reportDir, `drift-${m.record.model}.md`)
    await writeFile(report, m.markdown)
    const a = m.record.action
    out.line(driftText(m.record))
    out.line(
      a.kind === 'pull-request'
        ? `Retraining branch ${a.branch} (local pull request #${a.number}: ${a.url})`
        : a.kind === 'issue'
          ? `Drift issue #${a.number}: ${a.url}`
          : 'Nothing opened.'
    )
    out.line(`Report: ${report}\n`)
  }
  return 0
}
