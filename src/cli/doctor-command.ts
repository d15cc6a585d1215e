import { execFile } from 'node:child_process'
import { constants } from 'node:fs'
import { open, readdir } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml'
import { errorMessage } from '../errors.js'
import { AnswerTooLargeError, boundedFetch } from '../host/bounded-fetch.js'
import { createGitHubClient, type GitHubClient } from '../host/octokit-client.js'
import { git } from '../registry/git.js'
import { loadRegistry, type LoadedRegistry } from '../registry/loader.js'
import { DEFAULT_RUNNER, runnerLabels as labelSet } from '../registry/schema.js'
import { actionlint } from '../workflows/actionlint.js'
import { checkWorkflow, type WorkflowFinding } from '../workflows/security-rules.js'
import type { Output } from './output.js'
import { pagesPrivacyWarning } from '../site/pages-privacy.js'
import { probeRayDashboard, rayConnectionFromEnv } from '../training/ray-jobs.js'

/** One line of the doctor's checklist. */
export interface Check {
  /** `other`: listed, not judged (a workflow that is not Tunegate's). */
  state: 'pass' | 'fail' | 'unknown' | 'other'
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
  /** Bound of each GitHub API call, from connecting to the last byte (default 15 s). */
  apiTimeoutMs?: number
}

const ICON = { pass: '✓', fail: '✗', unknown: '?', other: '-' } as const
const STATUS_CONTEXT = 'tunegate'
const FORK_ENVIRONMENT = 'tunegate-fork-approval'
const PROMOTE_ENVIRONMENT = 'model-production'
/** A workflow file larger than this is not read (GitHub's own limit for a workflow is far below it). */
const MAX_WORKFLOW_BYTES = 1024 * 1024
/** An API answer larger than this is not read: every answer doctor needs is a few kilobytes. */
const MAX_ANSWER_BYTES = 5 * 1024 * 1024
const PAGES_TITLE = 'GitHub Pages site is no more visible than the repository'
const ARCHITECTURE = 'docs/architecture.md §9 (Security model)'
const run = promisify(execFile)

/**
 * The token permission each remote check needs (fine-grained name; a classic token needs `repo`, and
 * `admin` rights on the repository where Administration is named).
 */
const NEEDS = {
  rules: 'Metadata: read',
  classic: 'Administration: read',
  environments: 'Actions: read',
  variables: 'Variables: read',
  secrets: 'Secrets: read',
  environmentSecrets: 'Environments: read',
  immutable: 'Administration: read',
  runners: 'Administration: read',
  pages: 'Pages: read'
} as const

/** `tunegate doctor`: checks an adopter's setup and prints a checklist; exit 1 when something is ✗. */
export async function doctorCommand(options: DoctorOptions, out: Output): Promise<number> {
  const checks = await doctor(options)
  for (const c of checks) {
    out.line(`${ICON[c.state]} ${c.title}`)
    for (const d of c.detail ?? []) out.line(`    ${d}`)
    if (c.fix && (c.state === 'fail' || c.state === 'unknown')) out.line(`    fix: ${c.fix}`)
  }
  const count = (state: Check['state']) => checks.filter(c => c.state === state).length
  const others = count('other')
  out.line(
    `\n${count('pass')} passed, ${count('fail')} failed, ${count('unknown')} unknown` +
      (others ? `; ${others} workflow${others === 1 ? '' : 's'} not Tunegate's, not judged` : '')
  )
  // Said as a check when a workflow publishes on Pages; otherwise once, for whoever turns it on later.
  if (!checks.some(c => c.title.startsWith(PAGES_TITLE))) out.line(`note: ${pagesPrivacyWarning()}`)
  return count('fail') ? 1 : 0
}

/** Every check, in the order a person fixes them: files first, then GitHub's settings. */
export async function doctor(options: DoctorOptions): Promise<Check[]> {
  const files = await readWorkflows(path.join(options.repoDir, '.github', 'workflows'))
  const workflows = files.filter((w): w is Workflow & { content: string } => w.content !== undefined)
  const tunegate = workflows.filter(isTunegates)
  let registry: LoadedRegistry | undefined
  let registryCheck: Check
  try {
    registry = await loadRegistry(path.join(options.repoDir, options.registry), { displayBase: options.repoDir })
    const errors = registry.problems.filter(p => p.severity === 'error')
    registryCheck = {
      state: errors.length ? 'fail' : 'pass',
      title: `Registry ${options.registry}/: ${registry.models.length} model${registry.models.length === 1 ? '' : 's'}`,
      detail: errors.slice(0, 10).map(p => `${p.file}:${p.line}:${p.column} ${p.message}`),
      fix: 'tunegate registry lint lists every problem with its file and line'
    }
  } catch (e) {
    registryCheck = {
      state: 'fail',
      title: `Registry ${options.registry}/`,
      detail: [errorMessage(e)],
      fix: 'tunegate init'
    }
  }
  const checks: Check[] = [
    workflowsPresent(tunegate),
    ...files.filter(w => w.refused).map(refusedWorkflow),
    ...pullRequestTriggers(tunegate),
    ...(await workflowRules(tunegate, runnerLabels(registry))),
    ...workflows.filter(w => !isTunegates(w)).map(otherWorkflow),
    registryCheck
  ]
  const app = appWiring(tunegate)
  checks.push(app.check)
  const environmentNames = namedEnvironments(tunegate, registry)
  const pagesPublishers = publishesOnPages(tunegate)
  checks.push(...localRunnerLabels(registry))
  checks.push(...(await rayDashboard(registry)))

  const repo = options.githubRepo ?? process.env.GITHUB_REPOSITORY ?? (await originRepo(options.repoDir))
  const token = options.token ?? process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN ?? (await ghToken())
  if (!repo || !token) return [...checks, notRead(repo ? 'no token' : 'no GitHub repository', !repo)]
  const [owner, name] = repo.split('/') as [string, string]
  const apiUrl = options.apiUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com'
  const octokit = createGitHubClient({
    token,
    baseUrl: apiUrl,
    // Doctor waits for nobody: no retries, and a rate limit is reported rather than waited out.
    retries: 0,
    fetch: boundedFetch({ timeoutMs: options.apiTimeoutMs ?? 15_000, limitBytes: MAX_ANSWER_BYTES })
  })
  const gh: Gh = { octokit, owner, repo: name, apiUrl, ownerType: 'User', defaultBranch: 'main', visibility: 'public' }
  // One call first: an unreachable API, a refused token or a spent rate limit is said once, not per check.
  try {
    const { data } = await octokit.rest.repos.get({ owner, repo: name })
    gh.ownerType = data.owner.type
    gh.defaultBranch = data.default_branch
    gh.visibility = data.visibility ?? (data.private ? 'private' : 'public')
  } catch (e) {
    const why = apiFailure(e, gh)
    return [
      ...checks,
      { state: 'unknown', title: `GitHub settings of ${repo}: not read`, detail: [why.text], fix: why.fix }
    ]
  }
  const remote = await Promise.all([
    environments(gh, environmentNames),
    requiredStatus(gh),
    tagRuleset(gh, registry),
    appSettings(gh, app, environmentNames),
    immutableReleases(gh),
    runners(gh, registry),
    pagesVisibility(gh, pagesPublishers)
  ])
  return [...checks, ...remote.flat()]
}

interface Workflow {
  file: string
  /** The text, or undefined when the file was refused. */
  content?: string
  refused?: string
}
interface Gh {
  octokit: GitHubClient
  owner: string
  repo: string
  apiUrl: string
  ownerType: string
  defaultBranch: string
  /** public, private or internal. */
  visibility: string
}

/**
 * Reads the workflow files, never following a symbolic link (a link to /proc/self/environ would print the
 * token) and never opening anything but a regular file (a FIFO would block the read forever), up to a size.
 */
async function readWorkflows(dir: string): Promise<Workflow[]> {
  const names = await readdir(dir).catch(() => [] as string[])
  const out: Workflow[] = []
  for (const n of names.filter(n => /\.ya?ml$/.test(n)).sort()) {
    const file = `.github/workflows/${n}`
    let handle
    try {
      // O_NOFOLLOW refuses a link; O_NONBLOCK makes opening a FIFO return at once, and fstat then refuses it.
      handle = await open(path.join(dir, n), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
      const stat = await handle.stat()
      if (!stat.isFile()) out.push({ file, refused: 'is not a regular file' })
      else if (stat.size > MAX_WORKFLOW_BYTES)
        out.push({ file, refused: `is ${stat.size} bytes, over the ${MAX_WORKFLOW_BYTES} bytes doctor reads` })
      else out.push({ file, content: await handle.readFile('utf8') })
    } catch (e) {
      const code = (e as { code?: string }).code
      out.push({
        file,
        refused:
          code === 'ELOOP' || code === 'EMLINK' ? 'is a symbolic link' : `cannot be read (${code ?? errorMessage(e)})`
      })
    } finally {
      await handle?.close()
    }
  }
  return out
}

function refusedWorkflow(w: Workflow): Check {
  return {
    state: 'fail',
    title: `${w.file}: not read`,
    detail: [`${w.file} ${w.refused}; doctor reads only regular files, and never prints what a link points to`],
    fix: 'replace it with the workflow file itself (GitHub does not follow links in .github/workflows either)'
  }
}

/** A workflow is Tunegate's when one of its jobs calls a Tunegate workflow or action. */
function isTunegates(w: Workflow): boolean {
  return /uses:\s*\S*tunegate\S*(\.github\/workflows\/tunegate[\w-]*\.ya?ml|actions\/[\w-]+)@/.test(w.content ?? '')
}

function otherWorkflow(w: Workflow): Check {
  return { state: 'other', title: `${w.file}: not Tunegate's (it calls no Tunegate workflow or action); not judged` }
}

function workflowsPresent(tunegate: Workflow[]): Check {
  return {
    state: tunegate.length ? 'pass' : 'fail',
    title: tunegate.length
      ? `Tunegate workflows: ${tunegate.map(w => path.basename(w.file)).join(', ')}`
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
  for (const w of workflows.filter(w => pipeline.test(w.content ?? ''))) {
    const lines = new LineCounter()
    const doc = parseDocument(w.content ?? '', { lineCounter: lines })
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

/** The runner labels the registry trains on (each model's `training.runner`, else the schema's default). */
function runnerLabels(registry: LoadedRegistry | undefined): string[] {
  const labels = new Set(DEFAULT_RUNNER)
  for (const m of registry?.models ?? []) for (const l of labelSet(m.spec.training.runner)) labels.add(l)
  return [...labels]
}

async function workflowRules(
  workflows: (Workflow & { content: string })[],
  selfHostedRunnerLabels: string[]
): Promise<Check[]> {
  const checks: Check[] = []
  for (const w of workflows) {
    const findings: WorkflowFinding[] = [
      ...checkWorkflow(w.file, w.content),
      ...(await actionlint(w.file, w.content, { selfHostedRunnerLabels }))
    ]
    checks.push({
      state: findings.length ? 'fail' : 'pass',
      title: `${w.file}: security rules and actionlint`,
      detail: findings.map(f => `${f.file}:${f.line}:${f.column} [${f.rule}] ${f.message}`),
      fix: `see the security rules in the README and ${ARCHITECTURE}; each finding names the line`
    })
  }
  return checks
}

/** The App's variable and secret names that the drift and promote callers pass on, from their text. */
interface AppWiring {
  check: Check
  variable?: string
  secret?: string
}

function appWiring(workflows: Workflow[]): AppWiring {
  const callers = workflows.filter(w => /tunegate-(drift|promote)\.yml|actions\/(drift|promote)@/.test(w.content ?? ''))
  if (!callers.length)
    return {
      check: { state: 'unknown', title: 'GitHub App: no drift or promote workflow', fix: 'tunegate init writes them' }
    }
  const text = callers.map(w => w.content).join('\n')
  const variable = /client-id:\s*\$\{\{\s*vars\.([A-Za-z0-9_]+)\s*\}\}/.exec(text)?.[1]
  // The reusable workflows read TUNEGATE_APP_PRIVATE_KEY from their job's environment, which GitHub resolves in a
  // called workflow only for a caller that inherits secrets; the old `app-private-key` secret input is gone.
  const inherits = /^\s*secrets:\s*inherit\s*(#.*)?$/m.test(text)
  const legacy = /(?:app-private-key|private-key):\s*\$\{\{\s*secrets\.([A-Za-z0-9_]+)\s*\}\}/.exec(text)?.[1]
  const secret = 'TUNEGATE_APP_PRIVATE_KEY'
  const title = `Drift and promote workflows pass a GitHub App's client ID and private key`
  if (variable && inherits && !legacy)
    return {
      check: {
        state: 'pass',
        title: `${title} (vars.${variable}; secrets: inherit, the key from the job's environment)`
      },
      variable,
      secret
    }
  const missing = [
    variable ? '' : 'no client-id: ${{ vars.NAME }}',
    legacy
      ? `app-private-key: \${{ secrets.${legacy} }} (no longer an input: the key is read from the environment)`
      : '',
    inherits ? '' : 'no secrets: inherit'
  ].filter(Boolean)
  return {
    check: {
      state: 'fail',
      title,
      detail: [`${callers.map(w => w.file).join(', ')}: ${missing.join('; ')}`],
      fix:
        'pass with: client-id: ${{ vars.TUNEGATE_APP_CLIENT_ID }} and secrets: inherit, and keep the key as the ' +
        'secret TUNEGATE_APP_PRIVATE_KEY of the model-production and tunegate-drift environments (a pull request ' +
        'opened with GITHUB_TOKEN starts no workflow)'
    },
    ...(variable ? { variable } : {})
  }
}

/**
 * The environments that jobs will run in, the fork-approval one first: the pipeline caller's fork-environment
 * (default tunegate-fork-approval), the promote caller's environment (default model-production), every literal
 * `environment:` of a Tunegate workflow, and the risk tiers' environments.
 */
function namedEnvironments(workflows: Workflow[], registry: LoadedRegistry | undefined): Map<string, string> {
  const named = new Map<string, string>()
  const add = (name: unknown, why: string) => {
    if (typeof name === 'string' && name && !name.includes('${{') && !named.has(name)) named.set(name, why)
  }
  for (const w of workflows) {
    let jobs: Record<string, { uses?: unknown; with?: Record<string, unknown>; environment?: unknown }> = {}
    try {
      jobs = (parseDocument(w.content ?? '').toJS() as { jobs?: typeof jobs } | null)?.jobs ?? {}
    } catch {
      continue
    }
    for (const [id, job] of Object.entries(jobs)) {
      const uses = typeof job?.uses === 'string' ? job.uses : ''
      if (/\.github\/workflows\/tunegate\.ya?ml@/.test(uses))
        add(job.with?.['fork-environment'] ?? FORK_ENVIRONMENT, `approves fork pull requests (${w.file})`)
      if (/\.github\/workflows\/tunegate-promote\.ya?ml@/.test(uses))
        add(job.with?.environment ?? PROMOTE_ENVIRONMENT, `promotion's job runs in it (${w.file})`)
      const env = job?.environment
      add(typeof env === 'object' && env !== null ? (env as { name?: unknown }).name : env, `job ${id} (${w.file})`)
    }
  }
  for (const [tier, t] of Object.entries(registry?.config?.risk_tiers ?? {})) add(t.environment, `risk tier ${tier}`)
  // The fork-approval environment first: without it a fork's pull request trains unapproved.
  return new Map([...named].sort(([, a], [, b]) => Number(b.startsWith('approves')) - Number(a.startsWith('approves'))))
}

/**
 * The Tunegate workflows that publish the registry site on GitHub Pages: a promote or drift caller with
 * `pages: true` in its `with:`, or a job that calls tunegate-pages.yml.
 */
function publishesOnPages(workflows: Workflow[]): string[] {
  const files: string[] = []
  for (const w of workflows) {
    let jobs: Record<string, { uses?: unknown; with?: Record<string, unknown> }> = {}
    try {
      jobs = (parseDocument(w.content ?? '').toJS() as { jobs?: typeof jobs } | null)?.jobs ?? {}
    } catch {
      continue
    }
    const publishes = Object.values(jobs ?? {}).some(job => {
      const uses = typeof job?.uses === 'string' ? job.uses : ''
      if (/\.github\/workflows\/tunegate-pages\.ya?ml@/.test(uses)) return true
      const pages = job?.with?.pages
      return /\.github\/workflows\/tunegate-(promote|drift)\.ya?ml@/.test(uses) && (pages === true || pages === 'true')
    })
    if (publishes) files.push(w.file)
  }
  return files
}

/**
 * A Pages site is public even when its repository is private or internal, unless the organisation is on
 * Enterprise Cloud and the site's visibility is set to private: the registry's evaluation results would leak.
 */
async function pagesVisibility(gh: Gh, publishers: string[]): Promise<Check[]> {
  if (!publishers.length) return []
  const { octokit, owner, repo } = gh
  const title = `${PAGES_TITLE} (${publishers.join(', ')} publish${publishers.length === 1 ? 'es' : ''} the site there)`
  const stop = 'or stop publishing there: remove pages: true and the tunegate-pages job (the site stays an artifact)'
  try {
    const { data } = await octokit.rest.repos.getPages({ owner, repo })
    if (data.build_type !== 'workflow')
      return [
        {
          state: 'fail',
          title,
          detail: [
            `Pages builds from a branch (build_type ${data.build_type ?? 'null'}): the tunegate-pages deployment ` +
              'is not what it serves'
          ],
          fix: 'Settings → Pages → Build and deployment → Source: GitHub Actions'
        }
      ]
    if (gh.visibility === 'public') return [{ state: 'pass', title: `${title}: the repository is public` }]
    if (!data.public) return [{ state: 'pass', title: `${title}: private Pages, like the ${gh.visibility} repository` }]
    return [
      {
        state: 'fail',
        title,
        detail: [
          `the repository is ${gh.visibility} but its Pages site ${data.html_url ?? ''} is public: anyone on the ` +
            "internet can read the registry's models, evaluations and approvals"
        ],
        fix: 'Settings → Pages → Visibility: Private (needs GitHub Enterprise Cloud), ' + stop
      }
    ]
  } catch (e) {
    if (status(e) === 404)
      return [
        {
          state: 'fail',
          title,
          detail: [
            'GitHub Pages is not enabled: the tunegate-pages deployment fails' +
              (gh.visibility === 'public'
                ? ''
                : `, and once enabled the site of this ${gh.visibility} repository is public unless its visibility ` +
                  'is set to private (Enterprise Cloud)')
          ],
          fix: `Settings → Pages → Source: GitHub Actions (then check the visibility), ${stop}`
        }
      ]
    return [apiProblem(title, e, gh, NEEDS.pages)]
  }
}

/**
 * Labels an Actions Runner Controller scale set cannot match: a scale set is addressed by its one name and
 * its runners carry no `self-hosted` label, so `[self-hosted, gpu]` waits forever on one.
 */
function localRunnerLabels(registry: LoadedRegistry | undefined): Check[] {
  // A plain string is one name (a scale set's); only a list of several labels cannot match a scale set.
  const several = (registry?.models ?? []).filter(
    m =>
      Array.isArray(m.spec.training.runner) && m.spec.training.runner.length > 1 && selfHosted(m.spec.training.runner)
  )
  if (!several.length) return []
  return [
    {
      state: 'pass',
      title: `Runner labels: ${several.length} model${several.length === 1 ? '' : 's'} ask for a label set`,
      detail: [
        ...several.map(m => `${m.spec.name}: training.runner [${labelSet(m.spec.training.runner).join(', ')}]`),
        'an Actions Runner Controller scale set cannot match a label set: it is addressed by its one name and ' +
          "its runners lack 'self-hosted'; with one, set training.runner: <scale set name>"
      ]
    }
  ]
}

/**
 * The Ray dashboard of RAY_ADDRESS, when it is set or a model trains on Ray: ✗ when it lists jobs to a request
 * without a token (then anyone who reaches it runs code on the cluster), with Ray's version.
 */
async function rayDashboard(registry: LoadedRegistry | undefined): Promise<Check[]> {
  const onRay = (registry?.models ?? []).filter(m => m.spec.training.engine?.type === 'ray').map(m => m.spec.name)
  if (!onRay.length && !process.env.RAY_ADDRESS && !process.env.RAY_API_SERVER_ADDRESS) return []
  const title = 'Ray dashboard'
  const fix =
    'start the cluster with RAY_AUTH_MODE=token (KubeRay: spec.authOptions.mode: token) and give the runner RAY_AUTH_TOKEN'
  try {
    const connection = await rayConnectionFromEnv()
    const probe = await probeRayDashboard(connection)
    const version = probe.rayVersion ? `Ray ${probe.rayVersion}` : 'Ray version unknown'
    const detail = [
      ...(onRay.length ? [`models on Ray: ${onRay.join(', ')}`] : []),
      ...(probe.problem ? [`version not read: ${probe.problem}`] : [])
    ]
    if (probe.open)
      return [
        {
          state: 'fail',
          title: `${title} ${connection.address} (${version}) accepts job submissions from anyone`,
          detail: [`GET /api/jobs/ without a token was answered 200: it runs whatever is submitted`, ...detail],
          fix
        }
      ]
    return [
      {
        state: probe.rayVersion ? 'pass' : 'unknown',
        title: `${title} ${connection.address} (${version}) wants a token (HTTP ${probe.probeStatus} without one)`,
        detail,
        ...(probe.rayVersion ? {} : { fix: 'set RAY_AUTH_TOKEN to the cluster token' })
      }
    ]
  } catch (e) {
    return [
      {
        state: 'unknown',
        title: `${title}: not reached`,
        detail: [errorMessage(e)],
        fix: 'set RAY_ADDRESS to the dashboard URL, e.g. http://ray-head:8265'
      }
    ]
  }
}

/** Whether the labels ask for a self-hosted runner (anything but GitHub-hosted images). */
function selfHosted(labels: string[]): boolean {
  return !labels.every(l => /^(ubuntu|windows|macos)-[\w.-]+$/.test(l))
}

/** Every remote check named, once, with the permissions a token needs to read them. */
function notRead(why: string, noRepo: boolean): Check {
  return {
    state: 'unknown',
    title:
      "GitHub settings: not read (required status, tag ruleset, environments, the App's variable and secret, " +
      'immutable releases, runners)',
    detail: [
      noRepo
        ? 'no GitHub repository: pass --github-repo OWNER/NAME or add an origin remote on github.com'
        : `${why}: set GITHUB_TOKEN (or GH_TOKEN), or log in with gh`,
      `a fine-grained token with read access to ${[...new Set(Object.values(NEEDS))].map(n => n.replace(': read', '')).join(', ')} ` +
        'reads them all (a classic token: repo, from an admin of the repository)'
    ]
  }
}

async function requiredStatus(gh: Gh): Promise<Check> {
  const { octokit, owner, repo, defaultBranch: branch } = gh
  const title = 'Default branch requires the tunegate status'
  const fix = `add a ruleset on the default branch with "Require status checks to pass": ${STATUS_CONTEXT}`
  try {
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
            `no ruleset on ${branch} requires it; classic branch protection is unknown — reading it needs ` +
              `admin (token permission ${NEEDS.classic})`
          ],
          fix
        }
      throw e
    }
  } catch (e) {
    return apiProblem(title, e, gh, NEEDS.rules)
  }
}

/**
 * Version tags must never move or vanish, and stage tags must not be created by hand either (a hand-pushed
 * `model#production#N` would move production): one or more active tag rulesets restrict them.
 */
async function tagRuleset(gh: Gh, registry: LoadedRegistry | undefined): Promise<Check> {
  const { octokit, owner, repo } = gh
  const title = 'Tag ruleset: stage tags cannot be created, updated or deleted by hand; version tags cannot move'
  const model = registry?.models[0]?.spec.name ?? 'model'
  const stage = registry?.config?.stages[0] ?? 'production'
  const wanted = [
    { ref: `refs/tags/${model}#${stage}#1`, kind: 'stage tag', rules: ['creation', 'update', 'deletion'] },
    { ref: `refs/tags/${model}@v1.0.0`, kind: 'version tag', rules: ['update', 'deletion'] }
  ]
  try {
    const { data: list } = await octokit.rest.repos.getRepoRulesets({ owner, repo, includes_parents: true })
    const restricted = new Map(wanted.map(w => [w.ref, new Set<string>()]))
    const names: string[] = []
    for (const summary of list.filter(r => r.target === 'tag' && r.enforcement === 'active')) {
      const { data: r } = await octokit.rest.repos.getRepoRuleset({ owner, repo, ruleset_id: summary.id })
      const include = r.conditions?.ref_name?.include ?? []
      const exclude = r.conditions?.ref_name?.exclude ?? []
      for (const w of wanted)
        if (include.some(p => refMatches(p, w.ref)) && !exclude.some(p => refMatches(p, w.ref))) {
          for (const rule of r.rules ?? []) restricted.get(w.ref)!.add(rule.type)
          if (!names.includes(r.name)) names.push(r.name)
        }
    }
    const missing = wanted.flatMap(w => {
      const lacking = w.rules.filter(x => !restricted.get(w.ref)!.has(x))
      return lacking.length
        ? [`${w.kind} ${w.ref.slice('refs/tags/'.length)}: ${lacking.join(', ')} not restricted`]
        : []
    })
    if (!missing.length) return { state: 'pass', title: `${title} (ruleset ${names.map(n => `'${n}'`).join(', ')})` }
    return {
      state: 'fail',
      title,
      detail: [`no active tag ruleset restricts: ${missing.join('; ')}`],
      fix:
        'Settings → Rules → New tag ruleset: target ~ALL (or *@v* and *#*#*), restrict creations, updates and ' +
        "deletions, with Tunegate's GitHub App as the bypass actor that promotes"
    }
  } catch (e) {
    return apiProblem(title, e, gh, NEEDS.rules)
  }
}

/** Each named environment exists and has required reviewers. */
async function environments(gh: Gh, named: Map<string, string>): Promise<Check[]> {
  const { octokit, owner, repo } = gh
  const checks: Check[] = []
  for (const [name, why] of named) {
    const title = `Environment ${name} has required reviewers (${why})`
    const fork = name === [...named.keys()][0] && why.startsWith('approves')
    const consequence = fork
      ? "GitHub creates a missing environment with no protection when a job names it, so a fork's pull request " +
        'would train on your runners unapproved'
      : 'GitHub creates a missing environment with no protection when a job names it: nobody would approve'
    const fix = `Settings → Environments → New environment '${name}', with required reviewers (and "Prevent self-review")`
    try {
      const { data } = await octokit.rest.repos.getEnvironment({ owner, repo, environment_name: name })
      const reviewers = (data.protection_rules ?? []).flatMap(r =>
        r.type === 'required_reviewers' && 'reviewers' in r ? (r.reviewers ?? []) : []
      )
      checks.push(
        reviewers.length
          ? { state: 'pass', title }
          : { state: 'fail', title, detail: [`${name} has no required reviewers: ${consequence}`], fix }
      )
    } catch (e) {
      checks.push(
        status(e) === 404
          ? { state: 'fail', title, detail: [`${name} does not exist: ${consequence}`], fix }
          : apiProblem(title, e, gh, NEEDS.environments)
      )
    }
  }
  return checks
}

/** The App's variable and secret exist: as a repository or organisation secret, or in a named environment. */
async function appSettings(gh: Gh, app: AppWiring, named: Map<string, string>): Promise<Check[]> {
  const { octokit, owner, repo } = gh
  const checks: Check[] = []
  if (app.variable) {
    const title = `Variable ${app.variable} (the GitHub App's client ID) exists`
    const fix = `Settings → Secrets and variables → Actions → Variables: add ${app.variable} with the App's client ID`
    try {
      await octokit.rest.actions.getRepoVariable({ owner, repo, name: app.variable })
      checks.push({ state: 'pass', title })
    } catch (e) {
      checks.push(
        status(e) === 404
          ? { state: 'fail', title, detail: [`no repository variable ${app.variable}`], fix }
          : apiProblem(title, e, gh, NEEDS.variables)
      )
    }
  }
  if (app.secret) {
    const title = `Secret ${app.secret} (the GitHub App's private key) exists`
    const fix =
      `add ${app.secret} as a secret of the environments only the promote and drift jobs use ` +
      '(Settings → Environments: model-production and tunegate-drift), never of the repository'
    const where: string[] = []
    try {
      const { data } = await octokit.rest.actions.listRepoSecrets({ owner, repo, per_page: 100 })
      if (data.secrets.some(s => s.name === app.secret)) where.push('the repository')
      for (const env of named.keys()) {
        try {
          const { data: e } = await octokit.rest.actions.listEnvironmentSecrets({
            owner,
            repo,
            environment_name: env,
            per_page: 100
          })
          if (e.secrets.some(s => s.name === app.secret)) where.push(`environment ${env}`)
        } catch (e) {
          if (status(e) !== 404) throw e
        }
      }
      const environments = where.filter(w => w !== 'the repository')
      checks.push(
        where.includes('the repository')
          ? {
              state: 'fail',
              title: `${title} (in ${where.join(', ')})`,
              detail: [`a repository secret is readable by any branch's workflow`],
              fix: `delete the repository secret ${app.secret}; keep it only in the environments the promote and drift jobs use`
            }
          : environments.length
            ? { state: 'pass', title: `${title} (in ${where.join(', ')})` }
            : {
                state: 'fail',
                title,
                detail: [`not a secret of the repository nor of ${[...named.keys()].join(', ') || 'any environment'}`],
                fix
              }
      )
    } catch (e) {
      checks.push(apiProblem(title, e, gh, `${NEEDS.secrets} and ${NEEDS.environmentSecrets}`))
    }
  }
  return checks
}

async function immutableReleases(gh: Gh): Promise<Check> {
  const { octokit, owner, repo } = gh
  const title = 'Immutable releases (a published version can never be changed)'
  const fix = 'Settings → General → Releases: enable immutable releases'
  try {
    const { data } = await octokit.rest.repos.checkImmutableReleases({ owner, repo })
    return data.enabled ? { state: 'pass', title } : { state: 'fail', title, fix }
  } catch (e) {
    // GitHub answers 404 when they are off, and to a token that may not read the setting.
    if (status(e) === 404)
      return {
        state: 'fail',
        title,
        detail: [`not enabled (or the token lacks ${NEEDS.immutable}: GitHub answers both with 404)`],
        fix
      }
    return apiProblem(title, e, gh, NEEDS.immutable)
  }
}

async function runners(gh: Gh, registry: LoadedRegistry | undefined): Promise<Check> {
  const { octokit, owner, repo } = gh
  const wanted = new Map<string, string[]>()
  /** Models that name one runner (a scale set's name, as ARC registers it: the one label of its runners). */
  const named = new Set<string>()
  for (const m of registry?.models ?? [])
    if (selfHosted(labelSet(m.spec.training.runner))) {
      wanted.set(m.spec.name, labelSet(m.spec.training.runner))
      if (typeof m.spec.training.runner === 'string') named.add(m.spec.name)
    }
  const title = `Self-hosted runners for the models' training.runner labels (${wanted.size} model${wanted.size === 1 ? '' : 's'})`
  if (!wanted.size) return { state: 'pass', title }
  try {
    const { data } = await octokit.rest.actions.listSelfHostedRunnersForRepo({ owner, repo, per_page: 100 })
    const have = data.runners.map(r => new Set(r.labels.map(l => l.name.toLowerCase())))
    const missing = [...wanted].filter(([, labels]) => !have.some(h => labels.every(l => h.has(l.toLowerCase()))))
    if (!missing.length) return { state: 'pass', title }
    const org = gh.ownerType === 'Organization'
    // A scale set scaled to zero has no runner to list; only a label set that no runner has is surely missing.
    const scaleSets = missing.filter(([m]) => named.has(m))
    return {
      // An organisation's runners are not listed by the repository's endpoint: then it is unknown, not missing.
      state: org || scaleSets.length === missing.length ? 'unknown' : 'fail',
      title,
      detail: [
        ...missing.map(
          ([m, l]) =>
            `${m}: no runner of the repository has all of [${l.join(', ')}]; its train job would wait, and the ` +
            'pull request get no comment and no status'
        ),
        ...(scaleSets.length
          ? [
              `${scaleSets.map(([m, l]) => `${m} (${l[0]})`).join(', ')}: a runner scale set with no runner at the ` +
                "moment (scaled to zero) lists none, and GitHub's API does not list scale sets: check it with " +
                'kubectl get autoscalingrunnersets, or Settings → Actions → Runners while a job runs'
            ]
          : []),
        ...(org ? ["the organisation's runners are not read (they need an organisation admin's token)"] : [])
      ],
      fix:
        "set the model's training.runner: ubuntu-latest (the baseline trainer runs on CPU), register an " +
        '(ephemeral) self-hosted runner with those labels, or name an Actions Runner Controller scale set'
    }
  } catch (e) {
    if (status(e) === 403 || status(e) === 404)
      return {
        state: 'unknown',
        title,
        detail: [
          `listing runners needs an admin's token (${NEEDS.runners}); models waiting for self-hosted labels: ` +
            [...wanted].map(([m, l]) => `${m} [${l.join(', ')}]`).join(', ')
        ],
        fix:
          "run tunegate doctor with a repository admin's token, or check Settings → Actions → Runners; with no " +
          'such runner, set training.runner: [ubuntu-latest]'
      }
    return apiProblem(title, e, gh, NEEDS.runners)
  }
}

/** What went wrong with a call, in words: unreachable, refused, rate limited, too large, or not readable. */
function apiFailure(e: unknown, gh: Gh, permission?: string): { text: string; fix?: string } {
  const host = hostOf(gh.apiUrl)
  const cause = causeOf(e)
  if (cause instanceof AnswerTooLargeError)
    return { text: `${host} answered more than ${MAX_ANSWER_BYTES} bytes; doctor reads no more than that` }
  const response = (e as { response?: { headers?: Record<string, string | undefined> } }).response
  if (!response)
    return { text: `cannot reach ${host}: ${networkReason(cause ?? e)}`, fix: 'check the network, or GITHUB_API_URL' }
  const s = status(e)
  const headers = response.headers ?? {}
  if ((s === 403 || s === 429) && (headers['x-ratelimit-remaining'] === '0' || headers['retry-after'])) {
    const reset = Number(headers['x-ratelimit-reset'])
    const until = Number.isFinite(reset)
      ? new Date(reset * 1000).toISOString().replace(/\.\d+Z$/, 'Z')
      : `${headers['retry-after']} s from now`
    return {
      text: `GitHub's rate limit for this token is spent until ${until}; doctor does not wait`,
      fix: 'run tunegate doctor again after that, or with another token'
    }
  }
  if (s === 401)
    return { text: 'the token was refused (401)', fix: 'set GITHUB_TOKEN to a valid token, or log in with gh' }
  if ((s === 403 || s === 404) && permission)
    return { text: `the token cannot read it (${s}): it needs ${permission}`, fix: `use a token with ${permission}` }
  return { text: `GitHub answered ${s}: ${errorMessage(e)}` }
}

function apiProblem(title: string, e: unknown, gh: Gh, permission: string): Check {
  const why = apiFailure(e, gh, permission)
  return { state: 'unknown', title, detail: [why.text], ...(why.fix ? { fix: why.fix } : {}) }
}

function causeOf(e: unknown): unknown {
  let c: unknown = e
  for (let i = 0; i < 5 && c && typeof c === 'object' && 'cause' in c && (c as { cause?: unknown }).cause; i++) {
    c = (c as { cause: unknown }).cause
    if (c instanceof AnswerTooLargeError) return c
  }
  return c === e ? undefined : c
}

function networkReason(e: unknown): string {
  const code = (e as { code?: string }).code
  const name = (e as { name?: string }).name
  if (name === 'TimeoutError' || name === 'AbortError') return 'no answer in time'
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host not found (DNS)',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable'
  }
  return (code && reasons[code]) ?? errorMessage(e)
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
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
