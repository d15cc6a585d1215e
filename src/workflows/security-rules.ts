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

/** The security rules of docs/architecture.md §9 that every workflow of an adopter (and of this repository) must keep. */
export const WORKFLOW_RULES = {
  'untrusted-input-in-run': 'Untrusted context (github.event.*, github.head_ref) inside a run: script',
  'pr-code-in-privileged-trigger': 'A pull_request_target or workflow_run job checks out the pull request code',
  'top-level-permissions': 'Top-level permissions must be {} or read-only; writes are granted per job',
  'unpinned-action': 'Every uses: outside this repository is pinned to a full commit SHA',
  'persist-credentials': 'actions/checkout keeps the token in .git/config unless persist-credentials: false',
  'self-hosted-fork-guard': 'A self-hosted job on pull requests must not run for forks without a maintainer',
  'cache-in-release-job': 'No cache in a job that writes releases, tags or packages (cache poisoning)',
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

// Contexts a pull request's author controls (titles, bodies, branch names, commit messages, labels): the
// classic script-injection sources. github.event.* is taken whole: the few safe fields are not worth a list.
const UNTRUSTED = /\bgithub\s*\.\s*(event\b|head_ref\b)|\bgithub\s*\[\s*['"](event|head_ref)['"]\s*\]/
const PR_HEAD_REF = /\bgithub\s*\.\s*(head_ref|event\s*\.\s*(pull_request\s*\.\s*head|workflow_run\s*\.\s*head))/
const FULL_SHA = /@[0-9a-f]{40}$/
const WRITE_SCOPES = new Set(['contents', 'packages', 'id-token', 'attestations', 'deployments', 'actions'])
const FORK_GUARD = /head\s*\.\s*repo\s*\.\s*(fork|full_name)|github\s*\.\s*event_name\s*!=\s*'pull_request/

interface Job {
  id: string
  token: MappingToken
  at: TemplateToken
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

  const triggers = triggerNames(root.find('on'))
  const onPullRequest = ['pull_request', 'pull_request_target', 'workflow_call'].some(t => triggers.has(t))
  const privileged = triggers.has('pull_request_target') || triggers.has('workflow_run')

  const topPermissions = root.find('permissions')
  if (!topPermissions)
    add('top-level-permissions', root, 'No top-level permissions: the token gets the repository default.')
  else {
    const writes = grantedWrites(topPermissions)
    if (writes.length) add('top-level-permissions', topPermissions, `Top-level permissions grant ${writes.join(', ')}.`)
  }

  for (const job of jobs(root)) {
    const steps = job.token.find('steps')
    const stepList = steps && isSequence(steps) ? [...steps].filter(isMapping) : []
    // A job of a reusable workflow that refuses pull request events (promote, drift) is not pull-request-facing.
    const prFacing = onPullRequest && !excludesPullRequests(job.token)
    const checksOutPrCode = prFacing && stepList.some(s => usesAction(s, 'actions/checkout') && checksOutPr(s))
    const jobWrites = grantedWrites(job.token.find('permissions'))

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
    if (prFacing && runsOn && mayBeSelfHosted(runsOn) && !forkGuarded(job.token))
      add(
        'self-hosted-fork-guard',
        runsOn,
        `Job '${job.id}' may run on a self-hosted runner for a fork's pull request: guard it with an environment ` +
          'with required reviewers, or `if: github.event.pull_request.head.repo.full_name == github.repository`.'
      )

    for (const step of stepList) {
      const uses = step.find('uses')
      if (uses && isString(uses)) checkPinned(uses, add)
      const run = step.find('run')
      if (run && isBasicExpression(run) && UNTRUSTED.test(run.expression))
        add(
          'untrusted-input-in-run',
          run,
          `A run: script of job '${job.id}' expands ${UNTRUSTED.exec(run.expression)![0]}: pass it through env: instead.`
        )
      const script = withInput(step, 'script')
      if (
        usesAction(step, 'actions/github-script') &&
        script &&
        isBasicExpression(script) &&
        UNTRUSTED.test(script.expression)
      )
        add('untrusted-input-in-run', script, `A github-script of job '${job.id}' expands untrusted context: use env:.`)
      if (usesAction(step, 'actions/checkout')) {
        const persist = withInput(step, 'persist-credentials')
        if (!persist || persist.toString() !== 'false')
          add('persist-credentials', uses ?? step, `Checkout in job '${job.id}' without persist-credentials: false.`)
        const ref = withInput(step, 'ref')
        if (privileged && ref && isBasicExpression(ref) && PR_HEAD_REF.test(ref.expression))
          add(
            'pr-code-in-privileged-trigger',
            ref,
            `Job '${job.id}' checks out the pull request's head under ${[...triggers].join('/')}, with a privileged token.`
          )
      }
      const cache = usesAction(step, 'actions/cache') ? step : withInput(step, 'cache')
      const releaseWrites = jobWrites.filter(w => w === 'write-all' || WRITE_SCOPES.has(w.split(':')[0]!))
      if (cache && (releaseWrites.length > 0 || /promote|release/i.test(job.id)))
        add(
          'cache-in-release-job',
          cache,
          `Job '${job.id}' writes ${releaseWrites.join(', ') || 'releases'} and uses a cache.`
        )
      if (checksOutPrCode)
        for (const at of secretsUsed(step))
          add('secrets-to-pr-code', at, `Job '${job.id}' runs pull request code and is given a secret.`)
    }
  }
  return findings
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

function* jobs(root: MappingToken): Generator<Job> {
  const all = root.find('jobs')
  if (!all || !isMapping(all)) return
  for (const { key, value } of all) if (isMapping(value)) yield { id: key.toString(), token: value, at: key }
}

function usesAction(step: MappingToken, action: string): boolean {
  const uses = step.find('uses')
  return !!uses && isString(uses) && uses.value.toLowerCase().startsWith(`${action}@`)
}

function withInput(step: MappingToken, name: string): TemplateToken | undefined {
  const w = step.find('with')
  return w && isMapping(w) ? w.find(name) : undefined
}

function checkPinned(
  uses: TemplateToken & { value: string },
  add: (rule: WorkflowRule, at: TemplateToken, message: string) => void
): void {
  const v = uses.value
  // ./ and $/ (self-repository references) resolve inside the workflow's own repository at the running commit.
  if (v.startsWith('./') || v.startsWith('$/')) return
  if (v.startsWith('docker://')) {
    if (!/@sha256:[0-9a-f]{64}$/.test(v)) add('unpinned-action', uses, `'${v}' is not pinned to an image digest.`)
    return
  }
  if (!FULL_SHA.test(v)) add('unpinned-action', uses, `'${v}' is not pinned to a full commit SHA.`)
}

/** runs-on names self-hosted, or is computed (a matrix can send a job to a GPU runner). */
function mayBeSelfHosted(runsOn: TemplateToken): boolean {
  if (isBasicExpression(runsOn)) return true
  const labels: TemplateToken[] = isSequence(runsOn) ? [...runsOn] : isMapping(runsOn) ? [runsOn] : [runsOn]
  return labels.some(l => isBasicExpression(l) || (isString(l) && l.value === 'self-hosted') || isMapping(l))
}

/** A checkout of the pull request's code: the default ref on pull_request, or the head named explicitly. */
function checksOutPr(step: MappingToken): boolean {
  const ref = withInput(step, 'ref')
  if (!ref) return true
  const text = isBasicExpression(ref) ? ref.expression : ref.toString()
  return PR_HEAD_REF.test(text) || /refs\/pull\//.test(text)
}

function excludesPullRequests(job: MappingToken): boolean {
  const cond = job.find('if')
  const text = cond ? (isBasicExpression(cond) ? cond.expression : cond.toString()) : ''
  return (
    /github\.event_name\s*!=\s*'pull_request'/.test(text) &&
    /github\.event_name\s*!=\s*'pull_request_target'/.test(text)
  )
}

function forkGuarded(job: MappingToken): boolean {
  if (job.find('environment')) return true
  const cond = job.find('if')
  const text = cond ? (isBasicExpression(cond) ? cond.expression : cond.toString()) : ''
  return FORK_GUARD.test(text)
}

/** Every place in a step that reads a secret other than GITHUB_TOKEN. */
function secretsUsed(step: TemplateToken): TemplateToken[] {
  const out: TemplateToken[] = []
  const visit = (t: TemplateToken) => {
    if (isBasicExpression(t)) {
      if (/\bsecrets\s*\.\s*(?!GITHUB_TOKEN\b)\w+/.test(t.expression)) out.push(t)
    } else if (isMapping(t)) for (const { value } of t) visit(value)
    else if (isSequence(t)) for (const v of t) visit(v)
  }
  visit(step)
  return out
}
