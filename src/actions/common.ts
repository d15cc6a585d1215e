import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import * as core from '@actions/core'
import { attemptArtifactName, STATUS_CONTEXT } from '../constants.js'
import { ConfigurationError, errorMessage, isUserError, type Problem } from '../errors.js'
import { GitHubHost } from '../host/github-host.js'
import { createGitHubClient } from '../host/octokit-client.js'
import type { ReportLinks } from '../report/links.js'
import { capMarkdown, fullReportPlace, reportArtifactName, SUMMARY_BUDGET_BYTES } from '../report/size-cap.js'

/**
 * Runs an action's main and fails the step on a throw: a user's mistake (ConfigurationError) with its plain
 * message, anything else — a bug — with its stack in the log too, so a bug report is actionable.
 */
export async function runAction(run: () => Promise<void>): Promise<void> {
  try {
    await run()
  } catch (e) {
    reportFailure(e)
  }
}

/** Fails the step for a thrown value: the message for a user's mistake, the message and stack for a bug. */
export function reportFailure(e: unknown): void {
  if (isUserError(e)) {
    core.setFailed(errorMessage(e))
    return
  }
  core.setFailed(`tunegate: internal error: ${errorMessage(e)}`)
  const stack = e instanceof Error ? e.stack : undefined
  core.info(
    `This is a bug in tunegate, not in your registry; please report it with this trace:\n${stack ?? errorMessage(e)}`
  )
}

/**
 * Runs `each` for every model of a matrix job (one model, or a batch): a lone model's failure is thrown as it
 * is; in a batch each failure is reported with its model's name and the others still run, and the step fails.
 */
export async function forEachModel<T>(models: string[], each: (model: string) => Promise<T>): Promise<T[]> {
  if (!models.length)
    throw new ConfigurationError("Invalid model ''. Expected a model's name, or several separated by commas.")
  if (models.length === 1) return [await each(models[0]!)]
  const results: T[] = []
  for (const model of models) {
    core.startGroup(model)
    try {
      results.push(await each(model))
    } catch (e) {
      if (e instanceof Error) e.message = `${model}: ${e.message}`
      reportFailure(typeof e === 'string' ? `${model}: ${e}` : e)
    } finally {
      core.endGroup()
    }
  }
  return results
}

/** A string input; a missing required one is the user's mistake, said with the input's name. */
export function stringInput(name: string, options: { required?: boolean } = {}): string {
  const value = core.getInput(name)
  if (options.required && !value)
    throw new ConfigurationError(`Input '${name}' is required and was not supplied. Set it in the step's 'with:'.`)
  return value
}

/** A boolean input (YAML 1.2 true/false); anything else is the user's mistake, quoted. */
export function booleanInput(name: string): boolean {
  try {
    return core.getBooleanInput(name)
  } catch {
    throw new ConfigurationError(`Invalid ${name} '${core.getInput(name)}'. Expected true or false.`)
  }
}

/** A whole-number input within [min, max]; anything else is the user's mistake, quoted. */
export function integerInput(name: string, min: number, max: number, unit = 'a whole number'): number {
  const text = stringInput(name, { required: true })
  const value = Number(text)
  if (!/^\s*\d+\s*$/.test(text) || !Number.isInteger(value) || value < min || value > max)
    throw new ConfigurationError(`Invalid ${name} '${text}'. Expected ${unit} from ${min} to ${max}.`)
  return value
}

/** Annotations GitHub shows per step are limited; past this many, the rest are counted in one notice. */
export const MAX_ANNOTATIONS = 50

/** The pull request event this run was started by, when there is one. */
export interface PullRequestEvent {
  number: number
  baseSha: string
  headSha: string
}

/** Reads the event payload the runner wrote (GITHUB_EVENT_PATH). */
export function readEvent(): Record<string, unknown> {
  const file = process.env.GITHUB_EVENT_PATH
  if (!file) return {}
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  } catch {
    throw new ConfigurationError(
      `Cannot read the event payload at GITHUB_EVENT_PATH='${file}'. Expected a JSON file written by the runner.`
    )
  }
}

/** The pull request of a pull_request event, or undefined for other events. */
export function pullRequestOf(event: Record<string, unknown>): PullRequestEvent | undefined {
  const pr = event.pull_request as { number?: number; base?: { sha?: string }; head?: { sha?: string } } | undefined
  if (!pr?.number || !pr.base?.sha || !pr.head?.sha) return undefined
  return { number: pr.number, baseSha: pr.base.sha, headSha: pr.head.sha }
}

/** owner and repo from GITHUB_REPOSITORY, with a clear error for a bad value. */
export function repository(): { owner: string; repo: string } {
  const full = process.env.GITHUB_REPOSITORY ?? ''
  const [owner, repo, extra] = full.split('/')
  if (!owner || !repo || extra !== undefined)
    throw new ConfigurationError(`Invalid GITHUB_REPOSITORY '${full}'. Expected format {owner}/{repo}.`)
  return { owner, repo }
}

/**
 * Lets git-lfs in this step use the step's token (the checkout persists none): to fetch LFS objects of
 * other commits (a base commit's, the production version's) and to upload a retraining branch's. Given
 * through git's environment configuration to this process's children only; nothing is written to .git/config.
 */
export function gitLfsCredentials(token: string): void {
  const server = process.env.GITHUB_SERVER_URL ?? 'https://github.com'
  const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`
  core.setSecret(header)
  const n = Number(process.env.GIT_CONFIG_COUNT ?? '0') || 0
  process.env[`GIT_CONFIG_KEY_${n}`] = `http.${server}/.extraheader`
  process.env[`GIT_CONFIG_VALUE_${n}`] = header
  process.env.GIT_CONFIG_COUNT = String(n + 1)
}

/**
 * The Host on GitHub for this run's repository (and this run, whose artifacts of any attempt it finds); with
 * `checkout`, tags are read from that checkout's git where it has them.
 */
export function githubHost(token: string, options: { checkout?: string } = {}): GitHubHost {
  const { owner, repo } = repository()
  const id = Number(process.env.GITHUB_RUN_ID)
  return new GitHubHost(createGitHubClient({ token, log: m => core.info(m) }), {
    owner,
    repo,
    ...options,
    log: m => core.info(m),
    ...(Number.isInteger(id) && id > 0 ? { run: { id, attempt: runAttempt() } } : {})
  })
}

/** This run's attempt (GITHUB_RUN_ATTEMPT: 1, then 2 on the first re-run, …). */
export function runAttempt(): number {
  const text = process.env.GITHUB_RUN_ATTEMPT ?? ''
  if (!text) return 1
  if (!/^[1-9]\d{0,5}$/.test(text))
    throw new ConfigurationError(`Invalid GITHUB_RUN_ATTEMPT '${text}'. Expected a positive whole number.`)
  return Number(text)
}

/** The name an artifact is uploaded under in this run attempt (see attemptArtifactName). */
export function uploadName(name: string): string {
  return attemptArtifactName(name, runAttempt())
}

/** The URL of this workflow run's page, when the runner says where it is. */
export function runUrl(): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = process.env
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined
}

/** Where a report's references link on GitHub (repository, commit, run), from the runner's environment. */
export function actionsLinks(sha?: string): ReportLinks {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo } = process.env
  const repoUrl = server && repo ? `${server}/${repo}` : undefined
  const run = runUrl()
  return { ...(repoUrl ? { repoUrl } : {}), ...(sha ? { sha } : {}), ...(run ? { runUrl: run } : {}) }
}

/** Problems as annotations on their file and line, capped, with a count of the rest. */
export function annotate(problems: Problem[], total = problems.length): void {
  // Errors first: a flood of warnings must not push an error out of the annotations.
  const shown = [...problems]
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
    .slice(0, MAX_ANNOTATIONS)
  for (const p of shown) {
    const props = { file: p.file, startLine: p.line, startColumn: p.column, title: STATUS_CONTEXT }
    if (p.severity === 'error') core.error(p.message, props)
    else core.warning(p.message, props)
  }
  if (total > shown.length)
    core.notice(
      `${total - shown.length} more problem(s) are not annotated; ` +
        "see the report in the job summary or run 'tunegate validate' locally."
    )
}

/** True for an HTTP 403/404 from GitHub: a read-only token (fork PRs) cannot write comments or statuses. */
export function isPermissionError(e: unknown): boolean {
  const status = (e as { status?: number }).status
  return status === 403 || status === 404
}

/**
 * Writes a step's report: the full markdown to `file`, uploaded as an artifact when running in Actions; the
 * job summary cut to GitHub's 1 MiB limit with a link to that artifact. Returns a line for the PR comment
 * that links to the full report (empty when there is no artifact).
 */
export async function publishReport(
  step: string,
  model: string | undefined,
  file: string,
  markdown: string
): Promise<string> {
  await writeFile(file, markdown)
  let artifact: { name: string; url?: string } | undefined
  if (process.env.ACTIONS_RUNTIME_TOKEN) {
    const name = uploadName(reportArtifactName(step, model))
    // Loaded only when it uploads: the artifact client is over half of the validate bundle, and validate's
    // start-up time counts against its throughput.
    const { DefaultArtifactClient } = await import('@actions/artifact')
    const { id } = await new DefaultArtifactClient().uploadArtifact(name, [file], path.dirname(file))
    const run = runUrl()
    artifact = { name, ...(run && id ? { url: `${run}/artifacts/${id}` } : {}) }
    core.info(`Uploaded the full report as artifact ${name}`)
  }
  const place = fullReportPlace(artifact)
  await core.summary.addRaw(capMarkdown(markdown, SUMMARY_BUDGET_BYTES, place), true).write()
  return artifact ? `_The full report is ${place}._\n\n` : ''
}
