import path from 'node:path'
import * as core from '@actions/core'
import { formatProblem } from '../errors.js'
import { FILE_PROGRESS_MIN_BYTES, validateRegistry, ValidationProgress } from '../data/validate.js'
import { writeValidationReports } from '../report/report-files.js'
import { nearDuplicatesOf } from '../report/near-duplicates.js'
import { validationMarkdown, validationVerdictLine } from '../report/validation-report.js'
import { withVerdict } from '../report/verdict-summary.js'
import { writeSectionFile } from '../report/pull-request-report.js'
import {
  actionsLinks,
  annotate,
  booleanInput,
  gitLfsCredentials,
  githubHost,
  isPermissionError,
  publishReport,
  pullRequestOf,
  readEvent,
  stringInput
} from './common.js'

/** The validate action's settings, parsed once from its inputs. */
export interface ValidateSettings {
  registry: string
  base?: string
  head?: string
  token: string
  comment: boolean
  /** Where the report section is written for the report job, instead of the pull request. */
  sectionDir: string
  prNumber?: number
  reportDir: string
}

/** Reads and checks the action's inputs; the base and head default from the pull_request event. */
export function validateSettings(): ValidateSettings {
  const event = readEvent()
  const pr = pullRequestOf(event)
  const settings: ValidateSettings = {
    registry: stringInput('registry', { required: true }),
    base: stringInput('base') || pr?.baseSha,
    head: stringInput('head') || pr?.headSha || undefined,
    token: stringInput('token'),
    comment: booleanInput('comment'),
    sectionDir: stringInput('section-dir'),
    prNumber: pr?.number,
    reportDir: path.join(process.env.RUNNER_TEMP ?? '.tunegate', 'tunegate-validate')
  }
  for (const [k, v] of Object.entries({ ...settings, token: settings.token ? '***' : '' }))
    core.debug(`${k}: ${String(v)}`)
  return settings
}

/** Inputs → validation → annotations, summary, comment section → outputs. */
export async function run(): Promise<void> {
  const s = validateSettings()
  // The dataset diff fetches a changed LFS file's base version.
  if (s.token) gitLfsCredentials(s.token)
  core.info(
    s.base
      ? `Validating the models affected between ${s.base} and ${s.head ?? 'HEAD'}`
      : 'Validating every model (no base ref)'
  )
  let lastQuarter = ''
  const progress = new ValidationProgress(line => core.info(line), 'Checking')
  const result = await validateRegistry({
    registryDir: s.registry,
    base: s.base,
    head: s.head,
    onModel: progress.onModel,
    onModelDone: progress.onModelDone,
    fetch: { log: m => core.info(m) },
    onProgress: (file, read, total) => {
      if (total < FILE_PROGRESS_MIN_BYTES) return
      const q = `${file}:${Math.floor((read / Math.max(1, total)) * 4)}`
      if (q !== lastQuarter) {
        lastQuarter = q
        core.info(`  ${file}: ${Math.round((read / Math.max(1, total)) * 100)}%`)
      }
    }
  })
  const problems = [...result.registryProblems, ...result.models.flatMap(m => m.data.problems)]
  annotate(problems, result.counts.errors + result.counts.warnings)
  const links = actionsLinks(result.head ?? s.head)
  const nearDuplicates = await nearDuplicatesOf(result, { displayBase: process.cwd(), root: s.registry })
  const markdown = validationMarkdown(result, links, { nearDuplicates })
  const reportFile = await writeValidationReports(s.reportDir, result, markdown)
  // The summary is capped under GitHub's limit; the full report goes up as an artifact both link to.
  const link = await publishReport('validate', undefined, reportFile, markdown)
  const commit = result.head ?? s.head
  const section = withVerdict(
    link ? `${markdown.trimEnd()}\n\n${link.trim()}` : markdown,
    validationVerdictLine(result, {
      ...(commit ? { commit } : {}),
      ...(links.repoUrl ? { repoUrl: links.repoUrl } : {}),
      ...(links.runUrl ? { runUrl: links.runUrl } : {})
    })
  )
  if (s.sectionDir)
    await writeSectionFile(s.sectionDir, {
      section: 'validate',
      markdown: section,
      verdict: result.valid ? 'pass' : 'fail',
      description: result.valid
        ? `Valid; ${result.counts.warnings} warning${result.counts.warnings === 1 ? '' : 's'}`
        : `Validation: ${result.counts.errors} error${result.counts.errors === 1 ? '' : 's'}`
    })
  if (s.comment && s.prNumber !== undefined && s.token) {
    try {
      const { url } = await githubHost(s.token).upsertCommentSection(s.prNumber, 'validate', section)
      core.info(`Report: ${url}`)
    } catch (e) {
      if (!isPermissionError(e)) throw e
      core.warning(
        `The token cannot write to pull request #${s.prNumber} (read-only, as for forks); the report is in the ` +
          "job summary and the 'report' output for a later job to post."
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
}
