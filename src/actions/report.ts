import { mkdir, readFile, readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import * as core from '@actions/core'
import { artifactAttempt, STATUS_CONTEXT } from '../constants.js'
import { ConfigurationError, errorMessage } from '../errors.js'
import {
  composePullRequestReport,
  jobResultsSchema,
  matrixJobs,
  sectionFileSchema,
  type GateStatus,
  type JobResults,
  type SectionFile
} from '../report/pull-request-report.js'
import { composeFullReport } from '../report/sticky-comment.js'
import { plural } from '../report/escape.js'
import { legModels } from '../registry/matrix-plan.js'
import { createGitHubClient } from '../host/octokit-client.js'
import type { GitHubHost } from '../host/github-host.js'
import {
  actionsLinks,
  githubHost,
  publishReport,
  pullRequestOf,
  readEvent,
  repository,
  runAttempt,
  runUrl,
  stringInput
} from './common.js'

/** Past this many models, only those that do not pass get a `tunegate/<model>` status (see statusesToSet). */
const MAX_MODEL_STATUSES = 20
/** A section file larger than this is not a report Tunegate wrote. */
const MAX_SECTION_BYTES = 1024 * 1024

export interface ReportSettings {
  sections: string
  jobs: JobResults
  token: string
  /** The pull request a workflow_dispatch run reports on (the retraining pull request drift dispatched for). */
  pullRequest?: number
}

/** Reads and checks the action's inputs. */
export function reportSettings(): ReportSettings {
  const jobsText = stringInput('jobs', { required: true })
  let jobs: unknown
  try {
    jobs = JSON.parse(jobsText)
  } catch {
    throw new ConfigurationError(`Invalid jobs '${jobsText.slice(0, 80)}'. Expected the JSON of \${{ toJSON(needs) }}.`)
  }
  const parsed = jobResultsSchema.safeParse(jobs)
  if (!parsed.success)
    throw new ConfigurationError(
      `Invalid jobs input: ${parsed.error.issues[0]?.message}. Expected \${{ toJSON(needs) }}.`
    )
  const number = stringInput('pull-request')
  if (number && !/^[1-9]\d{0,9}$/.test(number))
    throw new ConfigurationError(`Invalid pull-request '${number.slice(0, 40)}'. Expected a pull request's number.`)
  const s: ReportSettings = {
    sections: stringInput('sections', { required: true }),
    jobs: parsed.data,
    token: stringInput('token'),
    ...(number ? { pullRequest: Number(number) } : {})
  }
  core.debug(`sections: ${s.sections}; jobs: ${Object.keys(s.jobs).join(', ')}`)
  return s
}

/** What a run's sections may be: how many files at most, and the matrix job (artifact) of each model. */
export interface SectionSources {
  maxFiles: number
  /** A model's matrix job: the model itself, or the batch of models it was trained and evaluated with. */
  jobOf: Map<string, string>
  models: number
  attempt: number
}

/** The sections this run can have uploaded, from validate's matrix and the run attempt. */
export function sectionSources(jobs: JobResults, attempt: number): SectionSources {
  const jobOf = new Map(matrixJobs(jobs.validate?.outputs?.models).flatMap(job => legModels(job).map(m => [m, job])))
  // Each attempt ("Re-run all jobs" included) uploads validation's section and one per model, and no more.
  return { maxFiles: (jobOf.size + 1) * attempt, jobOf, models: jobOf.size, attempt }
}

/** Reads every section file under the folder (artifacts unpack into a folder each); a bad one is an error. */
export async function readSectionFiles(dir: string, sources: SectionSources): Promise<SectionFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])
  const files = entries.filter(e => e.isFile() && e.name.endsWith('.json'))
  if (files.length > sources.maxFiles)
    throw new ConfigurationError(
      `${dir} holds ${files.length} section files, but a run of ${plural(sources.models, 'model')} at attempt ` +
        `${sources.attempt} uploads at most ${sources.maxFiles} (validation's and one per model, each attempt).`
    )
  // A section uploaded again by a re-run is in a folder of its own (`<artifact>-<attempt>`): the latest attempt's counts.
  const latest = new Map<string, { attempt: number; file: SectionFile }>()
  for (const e of files) {
    const file = path.join(e.parentPath, e.name)
    const size = (await stat(file)).size
    if (size > MAX_SECTION_BYTES)
      throw new ConfigurationError(`${file} is ${size} bytes; a report section is at most ${MAX_SECTION_BYTES}.`)
    let json: unknown
    try {
      json = JSON.parse(await readFile(file, 'utf8'))
    } catch {
      throw new ConfigurationError(`${file} is not JSON. Expected a tunegate.section/v1 file.`)
    }
    const parsed = sectionFileSchema.safeParse(json)
    if (!parsed.success)
      throw new ConfigurationError(
        `${file}: ${parsed.error.issues.map(i => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}. Expected a tunegate.section/v1 file.`
      )
    const attempt = sectionAttempt(path.relative(dir, file), parsed.data.section, file, sources.jobOf)
    const seen = latest.get(parsed.data.section)
    if (!seen || attempt > seen.attempt) latest.set(parsed.data.section, { attempt, file: parsed.data })
  }
  return [...latest.values()].map(v => v.file)
}

/**
 * The run attempt of a section from its artifact's folder, which must be the pipeline's name for that section
 * (`tunegate-section-<validate | model>-<attempt>`) and no later than this attempt: a file another step of the
 * run uploaded under a made-up name, or as a future attempt to outrank the real one, is refused. A lone artifact
 * that download-artifact unpacked into the folder itself has no folder name to check (attempt 0).
 */
function sectionAttempt(relative: string, section: string, file: string, jobOf: Map<string, string>): number {
  const [folder, ...rest] = relative.split(path.sep)
  if (!rest.length) return 0
  const model = section.replace(/^evaluate:/, '')
  const name = `tunegate-section-${section === 'validate' ? 'validate' : (jobOf.get(model) ?? model)}`
  const attempt = artifactAttempt(folder!, name)
  if (attempt === undefined)
    throw new ConfigurationError(
      `${file}: a section '${section}' in the artifact '${folder}'. Expected it in the artifact ${name}-<run attempt>.`
    )
  if (attempt > runAttempt())
    throw new ConfigurationError(
      `${file}: artifact '${folder}' is of attempt ${attempt}, but this run is at attempt ${runAttempt()}.`
    )
  return attempt
}

/**
 * In a re-run, download-artifact cannot fetch the artifacts of earlier attempts (GitHub answers 404, see
 * actions/download-artifact#486), so the workflow lets that step fail and this fetches, through the REST API,
 * every section artifact of this run that is not in the folder yet, into a folder named after it as
 * download-artifact would: the sections of jobs that "Re-run failed jobs" did not run again still count.
 */
export async function fetchEarlierSections(host: GitHubHost, dir: string, maxFiles: number): Promise<void> {
  const runId = Number(process.env.GITHUB_RUN_ID)
  if (runAttempt() === 1 || !Number.isInteger(runId) || runId <= 0) return
  const present = new Set(await readdir(dir).catch(() => [] as string[]))
  const missing = (await host.listArtifacts({ runId })).filter(
    a => !a.expired && a.name.startsWith('tunegate-section-') && !present.has(a.name)
  )
  if (missing.length > maxFiles)
    throw new ConfigurationError(
      `Run ${runId} has ${missing.length} section artifacts; this run can have uploaded at most ${maxFiles}.`
    )
  for (const a of missing) {
    await host.downloadArtifact(a, path.join(dir, a.name))
    core.info(`Section artifact ${a.name} (an earlier attempt's) fetched through the REST API`)
  }
}

/**
 * The action: the report, and on any failure the `tunegate` status set to failure with the reason, so the
 * required check always arrives and the pull request says why it cannot merge.
 */
export async function run(): Promise<void> {
  try {
    await report()
  } catch (e) {
    await failGate(e)
    throw e
  }
}

/** One comment from all sections, each model's status, then the merge gate. */
async function report(): Promise<void> {
  const s = reportSettings()
  const sources = sectionSources(s.jobs, runAttempt())
  await fetchEarlierSections(githubHost(s.token), s.sections, sources.maxFiles)
  const files = await readSectionFiles(s.sections, sources)
  const event = readEvent()
  const pr = pullRequestOf(event)
  const sha = pr?.headSha ?? process.env.GITHUB_SHA
  if (!sha) throw new ConfigurationError('No commit to report on: neither a pull_request event nor GITHUB_SHA.')
  const links = actionsLinks(sha)
  // A dispatched run (drift's retraining branch without an App token) names its pull request in an input.
  const dispatched = process.env.GITHUB_EVENT_NAME === 'workflow_dispatch' && !pr ? s.pullRequest : undefined
  let commentOn = pr?.number ?? dispatched
  // A push to the pull request cancels the run of the one before (the pipeline's concurrency), so only a run
  // with a cancelled job can have been overtaken: then one read of the pull request tells (in budget otherwise).
  // A dispatched run's number is only an input: the pull request is always read, and must be of this run's branch.
  const cancelled = Object.values(s.jobs).some(j => j.result === 'cancelled')
  const current = commentOn && (cancelled || dispatched) ? await currentHead(s.token, commentOn) : undefined
  const branch = process.env.GITHUB_REF_NAME
  if (dispatched && current?.ref !== branch) {
    core.warning(
      current
        ? `Pull request #${dispatched} is of branch ${current.ref}, not of ${branch ?? 'the branch'} this run checked: no comment is written there.`
        : `Pull request #${dispatched} could not be read: no comment is written there.`
    )
    commentOn = undefined
  }
  const head = current?.sha
  if (head && head !== sha) core.info(`The pull request's head moved to ${head} since this run checked ${sha}.`)
  const report = composePullRequestReport(files, s.jobs, {
    statusContext: STATUS_CONTEXT,
    about: {
      commit: sha,
      at: new Date().toISOString(),
      ...(links.repoUrl ? { repoUrl: links.repoUrl } : {}),
      ...(links.runUrl ? { runUrl: links.runUrl } : {})
    },
    ...(head && head !== sha
      ? { outdated: { evaluated: sha, head, ...(links.repoUrl ? { repoUrl: links.repoUrl } : {}) } }
      : {})
  })
  const host = githubHost(s.token)
  // With many models the comment is a digest: the job summary and the report artifact hold every section in full.
  const reportDir = path.join(process.env.RUNNER_TEMP ?? '.tunegate', 'tunegate-report')
  await mkdir(reportDir, { recursive: true })
  const fullReport = composeFullReport(report.sections)
  const link = await publishReport('report', undefined, path.join(reportDir, 'report.md'), fullReport)
  if (commentOn) {
    const { url } = await host.upsertCommentSections(commentOn, report.sections, link.trim())
    core.info(`Pull request comment: ${url}`)
  } else
    core.info(
      'Neither a pull_request event nor a pull-request input: the statuses are set on the commit, and the report is in the summary.'
    )
  const targetUrl = runUrl()
  for (const status of statusesToSet(report.statuses))
    await host.setCommitStatus(sha, { ...status, ...(targetUrl ? { targetUrl } : {}) })
  const gate = report.statuses.at(-1)!
  core.setOutput('state', gate.state)
  core.info(`${STATUS_CONTEXT}: ${gate.state} — ${gate.description}`)
}

/**
 * The statuses to write, the merge gate last. GitHub takes about one write a second (octokit's throttling spaces
 * them so), so past MAX_MODEL_STATUSES models only the models that do not pass get a status of their own, at most
 * that many: a thousand would take longer than the job may run, and the gate would never arrive.
 */
export function statusesToSet(statuses: GateStatus[]): GateStatus[] {
  const models = statuses.slice(0, -1)
  const gate = statuses.at(-1)!
  if (models.length <= MAX_MODEL_STATUSES) return statuses
  const notPassing = models.filter(m => m.state !== 'success')
  const shown = notPassing.slice(0, MAX_MODEL_STATUSES)
  core.info(
    `${plural(models.length, 'model')}: a status of its own only for the ${shown.length} that do not pass ` +
      `(of ${notPassing.length}); the comment's table and the report hold every model's verdict.`
  )
  return [...shown, gate]
}

/** Sets the merge gate to failure with the report's error; a failure to do so is a warning beside that error. */
async function failGate(error: unknown): Promise<void> {
  const token = core.getInput('token')
  let sha: string | undefined
  try {
    sha = pullRequestOf(readEvent())?.headSha ?? process.env.GITHUB_SHA
  } catch {
    sha = process.env.GITHUB_SHA
  }
  if (!token || !sha) {
    core.warning(`No token or no commit: the ${STATUS_CONTEXT} status could not be set to failure.`)
    return
  }
  const reason = errorMessage(error).split('\n')[0]!.trim()
  const targetUrl = runUrl()
  try {
    await githubHost(token).setCommitStatus(sha, {
      context: STATUS_CONTEXT,
      state: 'failure',
      description: `The report failed: ${reason}`,
      ...(targetUrl ? { targetUrl } : {})
    })
    core.setOutput('state', 'failure')
  } catch (e) {
    core.warning(`The ${STATUS_CONTEXT} status could not be set to failure: ${errorMessage(e)}`)
  }
}

/** The pull request's head commit and branch now (one GET); undefined when it cannot be read. */
async function currentHead(token: string, pr: number): Promise<{ sha: string; ref: string } | undefined> {
  try {
    const octokit = createGitHubClient({ token, log: m => core.info(m) })
    const { data } = await octokit.rest.pulls.get({ ...repository(), pull_number: pr })
    // A fork's branch of the same name is not this repository's branch.
    const own = data.head.repo?.full_name === `${repository().owner}/${repository().repo}`
    return { sha: data.head.sha, ref: own ? data.head.ref : `${data.head.label}` }
  } catch (e) {
    core.warning(`Could not read pull request #${pr} to tell whether this report is outdated: ${String(e)}`)
    return undefined
  }
}
