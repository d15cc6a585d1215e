import {
  NoOperationTraceWriter,
  isBasicExpression,
  isMapping,
  isSequence,
  isString,
  parseWorkflow
} from '@actions/workflow-parser'
import type { MappingToken } from '@actions/workflow-parser/templates/tokens/mapping-token'
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token'
import { conditionHolds, pathsOfText } from './expression-analysis.js'

/** The security rules of docs/architecture.md §9 that every workflow of an adopter (and of this repository) must keep. */
export const WORKFLOW_RULES = {
  'untrusted-input-in-run': 'Untrusted context (github.event.*, github.head_ref) inside a run: script',
  'pr-code-in-privileged-trigger':
    "A pull_request_target or workflow_run job checks out the pull request's code or uses the triggering run's artifacts",
  'top-level-permissions': 'Top-level permissions must be {} or read-only; writes are granted per job',
  'unpinned-action': 'Every uses: outside this repository is pinned to a full commit SHA',
  'unpinned-image': 'Every container: and services: image is pinned to a digest',
  'persist-credentials': 'actions/checkout keeps the token in .git/config unless persist-credentials: false',
  'self-hosted-fork-guard': 'A self-hosted job on pull requests must not run for forks without a maintainer',
  'cache-in-release-job':
    'No cache in a job that writes releases, tags or packages, or runs privileged (cache poisoning)',
  'secrets-to-pr-code': 'Secrets must not reach a job that runs pull request code'
} as const

export type WorkflowRule = keyof typeof WORKFLOW_RULES

/** One broken rule, at the file and line that break it. */
export interface WorkflowFinding {
  file: string
  line: number
  column: number
  rule: WorkflowRule | 'parse' | 'actionlint'
  message: string
}

const FULL_SHA = /@[0-9a-f]{40}$/
const IMAGE_DIGEST = /@sha256:[0-9a-f]{64}$/
const WRITE_SCOPES = new Set(['contents', 'packages', 'id-token', 'attestations', 'deployments', 'actions'])
const PR_TRIGGERS = ['pull_request', 'pull_request_target']
const PRIVILEGED_TRIGGERS = ['pull_request_target', 'workflow_run']
// GitHub-hosted runner images; any other label (`gpu`, a group, a larger runner's name) may be self-hosted.
const HOSTED_LABEL = /^(ubuntu|windows|macos)-(latest|slim|\d[\w.-]*)$/i

interface Job {
  id: string
  token: MappingToken
  at: TemplateToken
}

type Add = (rule: WorkflowRule, at: TemplateToken | undefined, message: string) => void

/** What the rules know of the workflow as a whole. */
interface WorkflowFacts {
  triggers: Set<string>
  privileged: boolean
  /** The events a pull request's author can start it with (workflow_call: whatever its caller runs on). */
  prEvents: string[]
  /** Releases or tags start it (cache-poisoning's publishing workflows). */
  publishes: boolean
  env: TemplateToken | undefined
  topPermissions: TemplateToken | undefined
  jobs: Map<string, Job>
}

/** Checks one workflow file against every rule; parse errors are findings too. */
export function checkWorkflow(file: string, content: string): WorkflowFinding[] {
  const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter())
  const findings: WorkflowFinding[] = []
  const add = (rule: WorkflowRule | 'parse', at: TemplateToken | undefined, message: string) =>
    findings.push({ file, line: at?.range?.start.line ?? 1, column: at?.range?.start.column ?? 1, rule, message })
  for (const e of parsed.context.errors.getErrors())
    add('parse', undefined, e.message.replace(/^[^:]*\(Line: (\d+), Col: (\d+)\): /, 'line $1, column $2: '))
  const root = parsed.value
  if (!root || !isMapping(root)) return findings

  const facts = workflowFacts(root)
  const topPermissions = facts.topPermissions
  if (!topPermissions)
    add('top-level-permissions', root, 'No top-level permissions: the token gets the repository default.')
  else {
    const writes = grantedWrites(topPermissions)
    if (writes.length) add('top-level-permissions', topPermissions, `Top-level permissions grant ${writes.join(', ')}.`)
  }
  for (const job of facts.jobs.values()) checkJob(job, facts, add)
  return findings
}

function workflowFacts(root: MappingToken): WorkflowFacts {
  const on = root.find('on')
  const triggers = triggerNames(on)
  const prEvents = triggers.has('workflow_call') ? PR_TRIGGERS : PR_TRIGGERS.filter(t => triggers.has(t))
  const push = on && isMapping(on) ? on.find('push') : undefined
  const tagPush = !!push && isMapping(push) && !!(push.find('tags') ?? push.find('tags-ignore'))
  const jobs = new Map<string, Job>()
  const all = root.find('jobs')
  if (all && isMapping(all))
    for (const { key, value } of all)
      if (isMapping(value)) jobs.set(key.toString(), { id: key.toString(), token: value, at: key })
  return {
    triggers,
    privileged: PRIVILEGED_TRIGGERS.some(t => triggers.has(t)),
    prEvents,
    publishes: triggers.has('release') || tagPush,
    env: root.find('env'),
    topPermissions: root.find('permissions'),
    jobs
  }
}

function checkJob(job: Job, facts: WorkflowFacts, add: Add): void {
  const steps = job.token.find('steps')
  const stepList = steps && isSequence(steps) ? [...steps].filter(isMapping) : []
  // A job whose `if:` refuses pull request events (promote, drift) is not pull-request-facing.
  const prFacing = facts.prEvents.length > 0 && runsFor(job, facts, false) !== false
  const forkFacing = facts.prEvents.length > 0 && runsFor(job, facts, true) !== false
  const envs = [facts.env, job.token.find('env')]

  const called = job.token.find('uses')
  if (called && isString(called)) checkPinned(called, add)
  const inheritedSecrets = job.token.find('secrets')
  if (called && prFacing && inheritedSecrets && isString(inheritedSecrets) && inheritedSecrets.value === 'inherit')
    add(
      'secrets-to-pr-code',
      inheritedSecrets,
      `Job '${job.id}' passes every secret to a workflow run on pull requests.`
    )

  const runsOn = job.token.find('runs-on')
  if (forkFacing && runsOn && mayBeSelfHosted(runsOn) && !job.token.find('environment'))
    add(
      'self-hosted-fork-guard',
      runsOn,
      `Job '${job.id}' may run on a self-hosted runner for a fork's pull request: guard it with an environment ` +
        'with required reviewers, or `if: github.event.pull_request.head.repo.full_name == github.repository`.'
    )
  checkImages(job, add)

  const prCode = stepList.filter(step => runsPrCode(step, facts, [...envs, step.find('env')]))
  if (facts.privileged)
    for (const step of prCode)
      add(
        'pr-code-in-privileged-trigger',
        withInput(step, 'ref') ?? step.find('run') ?? step.find('uses') ?? step,
        `Job '${job.id}' checks out the pull request's code under ${[...facts.triggers].join('/')}, with a privileged token.`
      )
  if (facts.triggers.has('workflow_run'))
    for (const step of stepList.filter(downloadsRunArtifacts))
      add(
        'pr-code-in-privileged-trigger',
        step.find('uses') ?? step.find('run') ?? step,
        `Job '${job.id}' downloads the triggering run's artifacts (made by pull request code) under workflow_run.`
      )

  const permissions = job.token.find('permissions') ?? facts.topPermissions
  // id-token: write in a job that runs the pull request's code publishes nothing: its OIDC token carries the
  // pull request's subject (repo:<o>/<r>:pull_request), which that code holds anyway, so a cache there adds no
  // poisoning risk. Anywhere else it is how packages and releases are published, and counts as a write.
  const prToken = prFacing && prCode.length > 0
  const releaseWrites = grantedWrites(permissions).filter(w => {
    const scope = w.split(':')[0]!
    return w === 'write-all' || (WRITE_SCOPES.has(scope) && !(scope === 'id-token' && prToken))
  })
  const privilegedJob =
    releaseWrites.length > 0 || /promote|release|publish|deploy/i.test(job.id) || facts.publishes || facts.privileged
  for (const step of stepList) {
    const uses = step.find('uses')
    if (uses && isString(uses)) checkPinned(uses, add)
    checkUntrustedInput(job, step, add)
    if (usesAction(step, 'actions/checkout')) {
      const persist = withInput(step, 'persist-credentials')
      if (!persist || persist.toString() !== 'false')
        add('persist-credentials', uses ?? step, `Checkout in job '${job.id}' without persist-credentials: false.`)
    }
    const cache = cacheOf(step)
    if (cache && privilegedJob)
      add(
        'cache-in-release-job',
        cache,
        `Job '${job.id}' ${releaseWrites.length ? `writes ${releaseWrites.join(', ')}` : 'publishes or runs privileged'} and uses a cache: a poisoned entry runs with its token.`
      )
  }
  if (prFacing && prCode.length > 0) {
    const exposed = [...envs.flatMap(secretsUsed), ...stepList.flatMap(secretsUsed)]
    for (const at of exposed)
      add('secrets-to-pr-code', at, `Job '${job.id}' runs pull request code and is given a secret.`)
  }
}

/** The event names of `on:`, whichever of its three shapes it has. */
function triggerNames(on: TemplateToken | undefined): Set<string> {
  const names = new Set<string>()
  if (!on) return names
  if (isString(on)) names.add(on.value)
  else if (isSequence(on)) {
    for (const t of on) if (isString(t)) names.add(t.value)
  } else if (isMapping(on)) for (const { key } of on) names.add(key.toString())
  return names
}

/** The scopes a permissions block grants write to (write-all counts as every scope). */
function grantedWrites(permissions: TemplateToken | undefined): string[] {
  if (!permissions) return []
  if (isString(permissions)) return permissions.value === 'write-all' ? ['write-all'] : []
  if (!isMapping(permissions)) return []
  const out: string[] = []
  for (const { key, value } of permissions) if (value.toString() === 'write') out.push(`${key.toString()}: write`)
  return out
}

/** `owner/repo/path@ref` of a step's uses, lowercased, without the ref; undefined for a run step. */
function actionName(step: MappingToken): string | undefined {
  const uses = step.find('uses')
  return uses && isString(uses) ? uses.value.toLowerCase().replace(/@.*$/, '') : undefined
}

/** The step runs this action, or one of its sub-actions (`actions/cache/restore` is actions/cache). */
function usesAction(step: MappingToken, action: string): boolean {
  const name = actionName(step)
  return name === action || !!name?.startsWith(`${action}/`)
}

function withInput(step: MappingToken, name: string): TemplateToken | undefined {
  const w = step.find('with')
  return w && isMapping(w) ? w.find(name) : undefined
}

/** A token's text: the expression GitHub evaluates, or the literal. */
function textOf(t: TemplateToken | undefined): string {
  if (!t) return ''
  return isBasicExpression(t) ? t.expression : t.toString()
}

function checkPinned(uses: TemplateToken & { value: string }, add: Add): void {
  const v = uses.value
  // ./ and $/ (self-repository references) resolve inside the workflow's own repository at the running commit.
  if (v.startsWith('./') || v.startsWith('$/')) return
  if (v.startsWith('docker://')) {
    if (!IMAGE_DIGEST.test(v)) add('unpinned-action', uses, `'${v}' is not pinned to an image digest.`)
    return
  }
  if (!FULL_SHA.test(v)) add('unpinned-action', uses, `'${v}' is not pinned to a full commit SHA.`)
}

/** `container:` and every `services:` image, in either shape (a string, or a mapping with `image:`). */
function checkImages(job: Job, add: Add): void {
  const images: TemplateToken[] = []
  const imageOf = (t: TemplateToken) => (isMapping(t) ? t.find('image') : t)
  const container = job.token.find('container')
  if (container) images.push(...[imageOf(container)].filter(t => t !== undefined))
  const services = job.token.find('services')
  if (services && isMapping(services))
    for (const { value } of services) images.push(...[imageOf(value)].filter(t => t !== undefined))
  for (const image of images) {
    // A computed image (a matrix value) is checked where its values are written, not here.
    if (isBasicExpression(image) || !isString(image) || IMAGE_DIGEST.test(image.value)) continue
    add('unpinned-image', image, `Image '${image.value}' of job '${job.id}' is not pinned to a digest (@sha256:…).`)
  }
}

/** runs-on names a label that is not a GitHub-hosted image, a group, or is computed. */
function mayBeSelfHosted(runsOn: TemplateToken): boolean {
  if (isBasicExpression(runsOn) || isMapping(runsOn)) return true
  const labels: TemplateToken[] = isSequence(runsOn) ? [...runsOn] : [runsOn]
  return labels.some(l => !isString(l) || !HOSTED_LABEL.test(l.value))
}

/**
 * Whether the job's `if:` lets it run for a pull request (a fork's, when `fork`): true, false, or undefined
 * when it depends on what the rules cannot know. Every result of the jobs it needs is tried, except that a job
 * behind an environment never succeeds for a fork without a maintainer's approval.
 */
function runsFor(job: Job, facts: WorkflowFacts, fork: boolean): boolean | undefined {
  const cond = job.token.find('if')
  const needs = needsOf(job).map(id => ({ id, guarded: !!facts.jobs.get(id)?.token.find('environment') }))
  let answer: boolean | undefined = false
  for (const event of facts.prEvents)
    for (const results of resultCombinations(needs, fork)) {
      const holds = conditionHolds(cond ? textOf(cond) : undefined, {
        github: pullRequestContext(event, fork),
        needs: results
      })
      if (holds === true) return true
      if (holds === undefined) answer = undefined
    }
  return answer
}

function needsOf(job: Job): string[] {
  const needs = job.token.find('needs')
  if (!needs) return []
  if (isString(needs)) return [needs.value]
  return isSequence(needs) ? [...needs].filter(isString).map(t => t.value) : []
}

function resultCombinations(
  needs: { id: string; guarded: boolean }[],
  fork: boolean
): Record<string, { result: string }>[] {
  let out: Record<string, { result: string }>[] = [{}]
  // Beyond a few dependencies the combinations add nothing a guard would rely on; keep them bounded.
  for (const { id, guarded } of needs.slice(0, 5)) {
    const results = guarded && fork ? ['skipped', 'failure'] : ['success', 'failure', 'skipped']
    out = out.flatMap(r => results.map(result => ({ ...r, [id]: { result } })))
  }
  return out
}

/** The github context of a pull request event: from a fork of `owner/repo`, or from a branch of it. */
function pullRequestContext(event: string, fork: boolean): Record<string, unknown> {
  const head = fork ? 'attacker/repo' : 'owner/repo'
  const login = fork ? 'attacker' : 'owner'
  return {
    event_name: event,
    repository: 'owner/repo',
    repository_owner: 'owner',
    actor: login,
    triggering_actor: login,
    ref: event === 'pull_request' ? 'refs/pull/1/merge' : 'refs/heads/main',
    base_ref: 'main',
    event: {
      action: 'opened',
      number: 1,
      repository: { full_name: 'owner/repo', fork: false, owner: { login: 'owner' } },
      sender: { login, type: 'User' },
      pull_request: {
        number: 1,
        author_association: fork ? 'CONTRIBUTOR' : 'MEMBER',
        draft: false,
        labels: [],
        user: { login, type: 'User' },
        head: { repo: { full_name: head, fork, owner: { login } } },
        base: { ref: 'main', repo: { full_name: 'owner/repo', fork: false, owner: { login: 'owner' } } }
      }
    }
  }
}

/** A context path that names the pull request's head (its branch, commit, merge commit or number). */
function namesPrHead(p: string[]): boolean {
  if (p[0] !== 'github') return false
  if (p[1] === 'head_ref') return true
  if (p[1] !== 'event') return false
  if (p[2] === 'number') return true
  if (p[2] === 'pull_request') return ['head', 'merge_commit_sha', 'number'].includes(p[3] ?? '')
  if (p[2] === 'workflow_run') return /^(head_|pull_requests)/.test(p[3] ?? '')
  return false
}

/** The names of env variables (workflow, job, step) whose value names the pull request's head. */
function prHeadEnv(envs: (TemplateToken | undefined)[]): Set<string> {
  const names = new Set<string>()
  for (const env of envs)
    if (env && isMapping(env))
      for (const { key, value } of env)
        if (isBasicExpression(value) && (pathsOfText(value.expression) ?? []).some(namesPrHead))
          names.add(key.toString().toLowerCase())
  return names
}

/** An input whose expression or literal names the pull request's head, directly or through env. */
function namesPrCode(t: TemplateToken | undefined, headEnv: Set<string>): boolean {
  if (!t) return false
  if (!isBasicExpression(t)) return /(^|\/)pull\/\d+\/(head|merge)$/.test(t.toString())
  const paths = pathsOfText(t.expression) ?? []
  return (
    /refs\/pull\//.test(t.expression) ||
    paths.some(namesPrHead) ||
    paths.some(p => p[0] === 'env' && headEnv.has(p[1] ?? ''))
  )
}

/**
 * A step that checks out or fetches the pull request's code: actions/checkout of its head (on pull_request,
 * the default ref is the merge commit; on pull_request_target and workflow_run, the base), `gh pr checkout`,
 * or git fetching `pull/N/...` or a head named through an expression or env.
 */
function runsPrCode(step: MappingToken, facts: WorkflowFacts, envs: (TemplateToken | undefined)[]): boolean {
  const headEnv = prHeadEnv(envs)
  if (usesAction(step, 'actions/checkout')) {
    const ref = withInput(step, 'ref')
    const repository = withInput(step, 'repository')
    if (namesPrCode(ref, headEnv) || namesPrCode(repository, headEnv)) return true
    return !ref && facts.prEvents.includes('pull_request') && !facts.privileged
  }
  const run = step.find('run')
  if (!run) return false
  const script = textOf(run)
  if (/\bgh\s+pr\s+checkout\b/.test(script)) return true
  if (!/\bgit\s+(fetch|checkout|switch|pull|worktree|clone|reset)\b/.test(script)) return false
  if (/\bpull\/[^\s/]+\/(head|merge)\b/.test(script)) return true
  const usedEnv = [...headEnv].some(name => new RegExp(`\\$\\{?${name}\\b`, 'i').test(script))
  return usedEnv || (isBasicExpression(run) && (pathsOfText(run.expression) ?? []).some(namesPrHead))
}

/** A step that fetches another run's artifacts: the triggering run's, under workflow_run. */
function downloadsRunArtifacts(step: MappingToken): boolean {
  if (usesAction(step, 'actions/download-artifact'))
    return !!(withInput(step, 'run-id') ?? withInput(step, 'github-token'))
  if (usesAction(step, 'dawidd6/action-download-artifact')) return true
  if (usesAction(step, 'actions/github-script'))
    return /downloadArtifact|listWorkflowRunArtifacts/.test(textOf(withInput(step, 'script')))
  return /\bgh\s+run\s+download\b/.test(textOf(step.find('run')))
}

// Actions that cache by default unless an input turns it off (zizmor's cache-aware actions).
const CACHE_BY_DEFAULT: Record<string, string> = { 'actions/setup-go': 'cache', 'astral-sh/setup-uv': 'enable-cache' }
// Actions that cache when an input is set.
const CACHE_WHEN_SET: Record<string, string> = {
  'actions/setup-node': 'cache',
  'actions/setup-python': 'cache',
  'actions/setup-java': 'cache',
  'actions/setup-dotnet': 'cache',
  'ruby/setup-ruby': 'bundler-cache',
  'pnpm/action-setup': 'cache'
}

/** The token that turns a step's cache on, or undefined when the step does not restore one. */
function cacheOf(step: MappingToken): TemplateToken | undefined {
  const name = actionName(step)
  if (!name) return undefined
  const uses = step.find('uses')
  if (usesAction(step, 'actions/cache') || name === 'swatinem/rust-cache') return uses
  const off = (t: TemplateToken | undefined) => !!t && ['false', ''].includes(textOf(t).trim().toLowerCase())
  const byDefault = CACHE_BY_DEFAULT[name]
  if (byDefault) return off(withInput(step, byDefault)) ? undefined : (withInput(step, byDefault) ?? uses)
  const input = withInput(step, CACHE_WHEN_SET[name] ?? 'cache')
  return input && !off(input) ? input : undefined
}

/** A run: script or github-script that expands untrusted context inline (script injection). */
function checkUntrustedInput(job: Job, step: MappingToken, add: Add): void {
  const untrusted = (t: TemplateToken | undefined) =>
    t && isBasicExpression(t)
      ? (pathsOfText(t.expression) ?? [['github', 'event']]).find(
          p => p[0] === 'github' && (p[1] === 'event' || p[1] === 'head_ref')
        )
      : undefined
  const run = step.find('run')
  const inRun = untrusted(run)
  if (inRun)
    add(
      'untrusted-input-in-run',
      run,
      `A run: script of job '${job.id}' expands ${inRun.join('.')}: pass it through env: instead.`
    )
  const script = usesAction(step, 'actions/github-script') ? withInput(step, 'script') : undefined
  const inScript = untrusted(script)
  if (inScript)
    add('untrusted-input-in-run', script, `A github-script of job '${job.id}' expands ${inScript.join('.')}: use env:.`)
}

/** Every place in a token that reads a secret other than GITHUB_TOKEN. */
function secretsUsed(token: TemplateToken | undefined): TemplateToken[] {
  const out: TemplateToken[] = []
  const visit = (t: TemplateToken) => {
    if (isBasicExpression(t)) {
      const paths = pathsOfText(t.expression) ?? []
      if (paths.some(p => p[0] === 'secrets' && p[1] !== 'github_token')) out.push(t)
    } else if (isMapping(t)) for (const { value } of t) visit(value)
    else if (isSequence(t)) for (const v of t) visit(v)
  }
  if (token) visit(token)
  return out
}
