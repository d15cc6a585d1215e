import { writeFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import * as core from '@actions/core'
import { errorMessage, formatProblem } from '../errors.js'
import { validateRegistry } from '../data/validation.js'
import { validationMarkdown } from '../report/validation-report.js'
import { annotate, githubHost, isPermissionError, publishReport, pullRequestOf, readEvent, runUrl } from './common.js'

/** The validate action's settings, parsed once from its inputs. */
export interface ValidateSettings {
  registry: string
  base?: string
  head?: string
  token: string
  comment: boolean
  prNumber?: number
  reportDir: string
}

/** Reads and checks the action's inputs; the base and head default from the pull_request event. */
export function validateSettings(): ValidateSettings {
  const event = readEvent()
  const pr = pullRequestOf(event)
  const settings: ValidateSettings = {
    registry: core.getInput('registry', { required: true }),
    base: core.getInput('base') || pr?.baseSha,
    head: core.getInput('head') || pr?.headSha || undefined,
    token: core.getInput('token'),
    comment: core.getBooleanInput('comment'),
    prNumber: pr?.number,
    reportDir: path.join(process.env.RUNNER_TEMP ?? '.tunegate', 'tunegate-validate')
  }
  for (const [k, v] of Object.entries({ ...settings, token: settings.token ? '***' : '' }))
    core.debug(`${k}: ${String(v)}`)
  return settings
}

/** Inputs → validation → annotations, summary, comment section → outputs. */
export async function run(): Promise<void> {
  try {
    const s = validateSettings()
    core.info(
      s.base
        ? `Validating the models affected between ${s.base} and ${s.head ?? 'HEAD'}`
        : 'Validating every model (no base ref)'
    )
    let lastQuarter = ''
    const result = await validateRegistry({
      registryDir: s.registry,
      base: s.base,
      head: s.head,
      onModel: m => core.info(`Checking ${m}`),
      onProgress: (file, read, total) => {
        const q = `${file}:${Math.floor((read / Math.max(1, total)) * 4)}`
        if (q !== lastQuarter) {
          lastQuarter = q
          core.info(`  ${file}: ${Math.round((read / Math.max(1, total)) * 100)}%`)
        }
      }
    })
    const problems = [...result.registryProblems, ...result.models.flatMap(m => m.data.problems)]
    annotate(problems, result.counts.errors + result.counts.warnings)
    const markdown = validationMarkdown(result, { runUrl: runUrl() })
    await mkdir(s.reportDir, { recursive: true })
    const reportFile = path.join(s.reportDir, 'validation.md')
    await writeFile(path.join(s.reportDir, 'validation.json'), JSON.stringify(result))
    const link = await publishReport('validate', undefined, reportFile, markdown)
    if (s.comment && s.prNumber !== undefined && s.token) {
      try {
        const { url } = await githubHost(s.token).upsertCommentSection(s.prNumber, 'validate', link + markdown)
        core.info(`Report: ${url}`)
      } catch (e) {
        if (!isPermissionError(e)) throw e
        core.warning(
          `The token cannot write to pull request #${s.prNumber} (read-only, as for forks); the report is in the job summary and the 'report' output for a later job to post.`
        )
      }
    }
    core.setOutput('models', result.matrix)
    core.setOutput('valid', String(result.valid))
    core.setOutput('report', reportFile)
    if (!result.valid) {
      const errors = problems.filter(p => p.severity === 'error')
      core.setFailed(
        [
          `Validation failed with ${result.counts.errors} error(s):`,
          ...errors.slice(0, 20).map(formatProblem),
          ...(result.counts.errors > 20 ? [`… and ${result.counts.errors - 20} more (see the summary)`] : [])
        ].join('\n')
      )
    }
  } catch (e) {
    core.setFailed(errorMessage(e))
  }
}
