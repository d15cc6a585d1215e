import { execFile } from 'node:child_process'
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml'
import { errorMessage } from '../errors.js'
import { createGitHubClient, type GitHubClient } from '../host/octokit-client.js'
import { git } from '../registry/git.js'
import { loadRegistry, type LoadedRegistry } from '../registry/loader.js'
import { actionlint } from '../workflows/actionlint.js'
import { checkWorkflow, type WorkflowFinding } from '../workflows/security-rules.js'
import type { Output } from './output.js'
import { pagesPrivacyWarning } from '../site/pages-privacy.js'

/** One line of the doctor's checklist. */
export interface Check {
  state: 'pass' | 'fail' | 'unknown'
  title: string
  detail?: string[]
  fix?: string
}

export interface DoctorOptions {
  /** The adopter's repository checkout. */
  repoDir: string
  registry: string
  /** owner/name; default: GITHUB_REPOSITORY, else the origin remote. */
  githubRepo?: string
  token?: string
  apiUrl?: string
}

const ICON = { pass: '✓', fail: '✗', unknown: '?' } as const
const STATUS_CONTEXT = 'tunegate'
const run = promisify(execFile)

/** `tunegate doctor`: checks an adopter's setup and prints a checklist; exit 1 when something is ✗. */
export async function doctorCommand(o: DoctorOptions, out: Output): Promise<number> {
  const checks = await doctor(o)
  for (const c of checks) {
    out.line(`${ICON[c.state]} ${c.title}`)
    for (const d of c.detail ?? []) out.line(`    ${d}`)
    if (c.fix && c.state !== 'pass') out.line(`    fix: ${c.fix}`)
  }
  const failed = checks.filter(c => c.state === 'fail').length
  const unknown = checks.filter(c => c.state === 'unknown').length
  out.line(`\n${checks.length - failed - unknown} passed, ${failed} failed, ${unknown} unknown`)
  out.line(`note: ${pagesPrivacyWarning()}`)
  return failed ? 1 : 0
}

/** Every check, in the order a person fixes them: files first, then GitHub's settings. */
export async function doctor(o: DoctorOptions): Promise<Check[]> {
  const workflows = await readWorkflows(path.join(o.repoDir, '.github', 'workflows'))
  const checks: Check[] = [
    workflowsPresent(workflows),
    ...pullRequestTriggers(workflows),
    ...(await workflowRules(workflows))
  ]
  let registry: LoadedRegistry | undefined
  try {
    registry = await loadRegistry(path.join(o.repoDir, o.registry), { displayBase: o.repoDir })
    const errors = registry.problems.filter(p => p.severity === 'error')
    checks.push({
      state: errors.length ? 'fail' : 'pass',
      title: `Registry ${o.registry}/: ${registry.models.length} model${registry.models.length === 1 ? '' : 's'}`,
      detail: errors.slice(0, 10).map(p => `${p.file}:${p.line}:${p.column} ${p.message}`),
      fix: 'tunegate registry lint lists every problem with its file and line'
    })
  } catch (e) {
    checks.push({ state: 'fail', title: `Registry ${o.registry}/`, detail: [errorMessage(e)], fix: 'tunegate init' })
  }
  checks.push(driftToken(workflows))

  const repo = o.githubRepo ?? process.env.GITHUB_REPOSITORY ?? (await originRepo(o.repoDir))
  const token = o.token ?? process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN ?? (await ghToken())
  const remote = ['Default branch requires the tunegate status', 'Tag ruleset', 'Environments', 'Immutable releases']
  if (!repo || !token) {
    const why = !repo
      ? 'no GitHub repository: pass --github-repo OWNER/NAME or add an origin remote on github.com'
      : 'no token: set GITHUB_TOKEN (or GH_TOKEN), or log in with gh'
    for (const title of [...remote, 'Self-hosted runners']) checks.push({ state: 'unknown', title, detail: [why] })
    return checks
  }
  const [owner, name] = repo.split('/') as [string, string]
  const octokit = createGitHubClient({ token, retries: 1, ...(o.apiUrl ? { baseUrl: o.apiUrl } : {}) })
  const gh = { octokit, owner, repo: name }
  const settled = await Promise.all([
    requiredStatus(gh),
    tagRuleset(gh, registry),
    environments(gh, registry),
    immutableReleases(gh),
    runners(gh, registry)
  ])
  return [...checks, ...settled]
}

interface Workflow {
  file: string
  content: string
}
interface Gh {
  octokit: GitHubClient
  owner: string
  repo: string
}

async function readWorkflows(dir: string): Promise<Workflow[]> {
  const names = await readdir(dir).catch(() => [] as string[])
  const out: Workflow[] = []
  for (const n of names.filter(n => /\.ya?ml$/.test(n)).sort())
    out.push({ file: `.github/workflows/${n}`, content: await readFile(path.join(dir, n), 'utf8') })
  return out
}

function workflowsPresent(workflows: Workflow[]): Check {
  const callers = workflows.filter(w =>
    /uses:\s*\S*tunegate\S*(\.github\/workflows\/tunegate|actions\/validate)/.test(w.content)
  )
  return {
    state: callers.length ? 'pass' : 'fail',
    title: callers.length
      ? `Tunegate workflows: ${callers.map(w => path.basename(w.file)).join(', ')}`
      : 'Tunegate workflows: none in .github/workflows',
    fix: 'tunegate init writes the caller workflows'
  }
}

/**
 * The pipeline's callers run on every pull request: the `tunegate` status is required, and a workflow that a
 * paths filter skips never sets it, so a pull request outside the paths could never merge.
 */
function pullRequestTriggers(workflows: Workflow[]): Check[] {
  const pipeline = /uses:\s*\S*(\.github\/workflows\/tunegate\.yml|actions\/validate)@/
  const checks: Check[] = []
  for (const w of workflows.filter(w => pipeline.test(w.content))) {
    const lines = new LineCounter()
    const doc = parseDocument(w.content, { lineCounter: lines })
    const on = doc.get('on', true)
    // `on: pull_request` and `on: [pull_request, …]` have no filter; a map's `pull_request:` may have one.
    const trigger = isMap(on) ? on.get('pull_request', true) : undefined
    const named = isMap(on) ? on.has('pull_request') : [doc.toJS().on as unknown].flat().includes('pull_request')
    if (!named) continue
    const title = `${w.file}: runs on every pull request`
    const filter = (isMap(trigger) ? trigger.items : [])
      .map(i => i.key)
      .find(k => isScalar(k) && ['paths', 'paths-ignore'].includes(String(k.value)))
    if (!isScalar(filter)) {
      checks.push({ state: 'pass', title })
      continue
    }
    const line = filter.range ? lines.linePos(filter.range[0]).line : 1
    checks.push({
      state: 'fail',
      title,
      detail: [
        `${w.file}:${line}: on.pull_request has a ${String(filter.value)} filter: a pull request it skips never ` +
          'gets the required tunegate status, and cannot merge'
      ],
      fix: 'remove the filter: a pull request that affects no model passes once validated'
    })
  }
  return checks
}

async function workflowRules(workflows: Workflow[]): Promise<Check[]> {
  const checks: Check[] = []
  for (const w of workflows) {
    const findings: WorkflowFinding[] = [...checkWorkflow(w.file, w.content), ...(await actionlint(w.file, w.content))]
    checks.push({
      state: findings.length ? 'fail' : 'pass',
      title: `${w.file}: security rules and actionlint`,
      detail: findings.map(f => `${f.file}:${f.line}:${f.column} [${f.rule}] ${f.message}`),
      fix: 'see the security rules in the README (docs/architecture.md §9); each finding names the line'
    })
  }
  return checks
}

function driftToken(workflows: Workflow[]): Check {
  const drift = workflows.filter(w => /tunegate-drift\.yml|actions\/drift/.test(w.content))
  if (!drift.length) return { state: 'unknown', title: 'Drift: no drift workflow', fix: 'tunegate init writes one' }
  const withApp = drift.every(w => /create-github-app-token|app-id|client-id/.test(w.content))
  return {
    state: withApp ? 'pass' : 'fail',
    title: 'Drift workflow uses a GitHub App token (a PR opened with GITHUB_TOKEN starts no workflow)',
    fix: 'set the TUNEGATE_APP_CLIENT_ID variable and the TUNEGATE_APP_PRIVATE_KEY secret that tunegate-drift.yml passes on (a GitHub App: actions/create-github-app-token)'
  }
}

async function requiredStatus({ octokit, owner, repo }: Gh): Promise<Check> {
  const title = 'Default branch requires the tunegate status'
  const fix = `add a ruleset on the default branch with "Require status checks to pass": ${STATUS_CONTEXT}`
  try {
    const { data: info } = await octokit.rest.repos.get({ owner, repo })
    const branch = info.default_branch
    const { data: rules } = await octokit.rest.repos.getBranchRules({ owner, repo, branch })
    const contexts = rules.flatMap(r =>
      r.type === 'required_status_checks' ? r.parameters!.required_status_checks.map(c => c.context) : []
    )
    if (contexts.includes(STATUS_CONTEXT)) return { state: 'pass', title: `${title} (ruleset on ${branch})` }
    try {
      const { data } = await octokit.rest.repos.getStatusChecksProtection({ owner, repo, branch })
      const classic = [...(data.contexts ?? []), ...(data.checks ?? []).map(c => c.context)]
      return classic.includes(STATUS_CONTEXT)
        ? { state: 'pass', title: `${title} (branch protection on ${branch})` }
        : { state: 'fail', title, detail: [`${branch} requires: ${classic.join(', ') || 'nothing'}`], fix }
    } catch (e) {
      if (status(e) === 403 || status(e) === 404)
        return {
          state: contexts.length ? 'fail' : 'unknown',
          title,
          detail: [
            `no ruleset on ${branch} requires it; classic branch protection is unknown — reading it needs admin`
          ],
          fix
        }
      throw e
    }
  } catch (e) {
    return apiProblem(title, e)
  }
}

async function tagRuleset({ octokit, owner, repo }: Gh, registry: LoadedRegistry | undefined): Promise<Check> {
  const title = 'Tag ruleset protects version and stage tags from update and deletion'
  const model = registry?.models[0]?.spec.name ?? 'model'
  const stage = registry?.config?.stages[0] ?? 'production'
  const samples = [`refs/tags/${model}@v1.0.0`, `refs/tags/${model}#${stage}#1`]
  try {
    const { data: list } = await octokit.rest.repos.getRepoRulesets({ owner, repo, includes_parents: true })
    for (const summary of list.filter(r => r.target === 'tag' && r.enforcement === 'active')) {
      const { data: r } = await octokit.rest.repos.getRepoRuleset({ owner, repo, ruleset_id: summary.id })
      const types = new Set((r.rules ?? []).map(x => x.type))
      const include = r.conditions?.ref_name?.include ?? []
      const exclude = r.conditions?.ref_name?.exclude ?? []
      const covers = samples.every(s => include.some(p => refMatches(p, s)) && !exclude.some(p => refMatches(p, s)))
      if (types.has('update') && types.has('deletion') && covers)
        return { state: 'pass', title: `${title} (ruleset '${r.name}')` }
    }
    return {
      state: 'fail',
      title,
      detail: [`no active tag ruleset restricts updates and deletions of ${samples.join(' and ')}`],
      fix: 'Settings → Rules → New tag ruleset: target ~ALL (or *@v* and *#*), restrict updates and deletions'
    }
  } catch (e) {
    return apiProblem(title, e)
  }
}

async function environments({ octokit, owner, repo }: Gh, registry: LoadedRegistry | undefined): Promise<Check> {
  const tiers = Object.entries(registry?.config?.risk_tiers ?? {}).filter(([, t]) => t.environment)
  const title = `Environments for the risk tiers that need one (${tiers.map(([n]) => n).join(', ') || 'none'})`
  const detail: string[] = []
  try {
    for (const [tier, t] of tiers) {
      try {
        const { data } = await octokit.rest.repos.getEnvironment({ owner, repo, environment_name: t.environment! })
        const reviewers = (data.protection_rules ?? []).flatMap(r =>
          r.type === 'required_reviewers' && 'reviewers' in r ? (r.reviewers ?? []) : []
        )
        if (!reviewers.length) detail.push(`${t.environment} (tier ${tier}) has no required reviewers`)
      } catch (e) {
        if (status(e) !== 404) throw e
        detail.push(`${t.environment} (tier ${tier}) does not exist`)
      }
    }
    return detail.length
      ? { state: 'fail', title, detail, fix: 'Settings → Environments: create it and add required reviewers' }
      : { state: 'pass', title }
  } catch (e) {
    return apiProblem(title, e)
  }
}

async function immutableReleases({ octokit, owner, repo }: Gh): Promise<Check> {
  const title = 'Immutable releases (a published version can never be changed)'
  const fix = 'Settings → General → Releases: enable immutable releases'
  try {
    const { data } = await octokit.rest.repos.checkImmutableReleases({ owner, repo })
    return data.enabled ? { state: 'pass', title } : { state: 'fail', title, fix }
  } catch (e) {
    if (status(e) === 404) return { state: 'fail', title, detail: ['not enabled'], fix }
    return apiProblem(title, e)
  }
}

async function runners({ octokit, owner, repo }: Gh, registry: LoadedRegistry | undefined): Promise<Check> {
  const wanted = new Map<string, string[]>()
  for (const m of registry?.models ?? []) {
    const labels = m.spec.training.runner
    if (labels.includes('self-hosted')) wanted.set(m.spec.name, labels)
  }
  const title = `Self-hosted runners for the models' runner labels (${wanted.size} model${wanted.size === 1 ? '' : 's'})`
  if (!wanted.size) return { state: 'pass', title }
  try {
    const { data } = await octokit.rest.actions.listSelfHostedRunnersForRepo({ owner, repo, per_page: 100 })
    const have = data.runners.map(r => new Set(r.labels.map(l => l.name.toLowerCase())))
    const missing = [...wanted].filter(([, labels]) => !have.some(h => labels.every(l => h.has(l.toLowerCase()))))
    return missing.length
      ? {
          state: 'fail',
          title,
          detail: missing.map(([m, l]) => `${m}: no runner has all of ${l.join(', ')}`),
          fix: 'register an (ephemeral) self-hosted runner with those labels, or change training.runner'
        }
      : { state: 'pass', title }
  } catch (e) {
    if (status(e) === 403 || status(e) === 404)
      return {
        state: 'unknown',
        title,
        detail: ['unknown — listing runners needs admin (or an organisation runner group)']
      }
    return apiProblem(title, e)
  }
}

function apiProblem(title: string, e: unknown): Check {
  const s = status(e)
  return {
    state: 'unknown',
    title,
    detail: [s === 401 ? 'the token was refused (401)' : `GitHub answered ${s ?? 'nothing'}: ${errorMessage(e)}`]
  }
}

function status(e: unknown): number | undefined {
  return typeof e === 'object' && e !== null && 'status' in e ? Number((e as { status: unknown }).status) : undefined
}

/** fnmatch as GitHub's ruleset ref conditions use it (`*` within a segment, `**` across, `~ALL`). */
function refMatches(pattern: string, ref: string): boolean {
  if (pattern === '~ALL') return true
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*/g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\u0000/g, '.*')
    .replace(/\?/g, '[^/]')
  return new RegExp(`^${re}$`).test(ref)
}

async function originRepo(repoDir: string): Promise<string | undefined> {
  try {
    const url = (await git(repoDir, ['remote', 'get-url', 'origin'])).trim()
    return /github\.com[:/]([^/]+\/[^/]+?)(\.git)?$/.exec(url)?.[1]
  } catch {
    return undefined
  }
}

async function ghToken(): Promise<string | undefined> {
  try {
    return (await run('gh', ['auth', 'token'], { timeout: 5000 })).stdout.trim() || undefined
  } catch {
    return undefined
  }
}
