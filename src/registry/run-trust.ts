/**
 * Which workflow runs' artifacts may be reused (a train cache hit, a candidate to evaluate, the outputs a
 * promotion publishes). Anyone can open a pull request from a fork, and its run uploads artifacts into this
 * repository under any name it likes: an artifact's name says nothing about who made it. Its run does — GitHub
 * reports each run's workflow file, event and head repository (GET /repos/{owner}/{repo}/actions/runs/{id}),
 * and a fork cannot change what GitHub reports there.
 */
import { STATUS_CONTEXT } from '../constants.js'
import type { ArtifactInfo, Host, WorkflowRunOrigin } from './host.js'

/** Events whose runs run this repository's own code on this repository's own commits. */
const TRUSTED_EVENTS = new Set(['push', 'pull_request', 'workflow_dispatch', 'schedule', 'merge_group'])

/** A workflow file of the repository; dynamic runs (Dependabot, CodeQL default setup) have other paths. */
const WORKFLOW_PATH = /^\.github\/workflows\/[^/]+\.ya?ml(@\S+)?$/

/**
 * Why a run's artifacts cannot be trusted; undefined when they can. Trusted: a run of one of the repository's
 * workflow files, on a head commit from the repository itself (a fork's pull request has the fork as head
 * repository), started by push, pull_request, workflow_dispatch, schedule or merge_group. Refused besides forks:
 * pull_request_target and workflow_run (they run in the repository's name on others' content), comment and
 * other events, and runs that are not of a workflow file.
 */
export function untrustedRunReason(run: WorkflowRunOrigin, repository: string): string | undefined {
  const repo = repository.toLowerCase()
  if (run.repository.toLowerCase() !== repo) return `it belongs to ${run.repository}, not ${repository}`
  if (run.headRepository.toLowerCase() !== repo)
    return `its head commit comes from ${run.headRepository || 'an unknown repository'} (a fork), not ${repository}`
  if (!TRUSTED_EVENTS.has(run.event)) return `it was started by '${run.event}', not by a push or a pull request`
  if (!WORKFLOW_PATH.test(run.path)) return `it is not a run of a workflow file (path '${run.path}')`
  return undefined
}

/**
 * The artifacts that come from trusted runs (see untrustedRunReason) or from the run this host works for
 * itself, in their order; each one left out is logged with the reason. An artifact whose run cannot be read is
 * left out: trust is never assumed.
 */
export async function trustedArtifacts(
  host: Host,
  artifacts: ArtifactInfo[],
  log: (m: string) => void = () => undefined
): Promise<ArtifactInfo[]> {
  const { repository, runId } = host.runContext()
  const verdicts = new Map<number, Promise<string | undefined>>()
  const judge = (id: number) => {
    let v = verdicts.get(id)
    if (!v) {
      v = host.workflowRun(id).then(run => (run ? untrustedRunReason(run, repository) : 'GitHub does not know the run'))
      verdicts.set(id, v)
    }
    return v
  }
  const kept: ArtifactInfo[] = []
  for (const a of artifacts) {
    if (a.runId === undefined) {
      log(`warning: artifact ${a.name} (${a.id}) is not used: it names no workflow run`)
      continue
    }
    const reason = a.runId === runId ? undefined : await judge(a.runId)
    if (reason) log(`warning: artifact ${a.name} of run ${a.runId} is not used: ${reason}`)
    else kept.push(a)
  }
  return kept
}

/** A workflow run page of the repository, `/<owner>/<repo>/actions/runs/<id>` (an attempt or job page too). */
const RUN_PAGE = /^\/([^/]+)\/([^/]+)\/actions\/runs\/([1-9]\d{0,14})(?:\/attempts\/\d+)?(?:\/job\/\d+)?\/?$/

/** The id of the run a status's target URL links to, when it is a run page of the repository. */
export function runIdOfUrl(url: string | undefined, repository: string): number | undefined {
  let pathname: string
  try {
    pathname = new URL(url ?? '').pathname
  } catch {
    return undefined
  }
  const m = RUN_PAGE.exec(pathname)
  if (!m || `${m[1]}/${m[2]}`.toLowerCase() !== repository.toLowerCase()) return undefined
  return Number(m[3])
}

/** The run whose gate decided a commit, or why there is none to take. */
export type GateRun = { commit: string; runId: number } | { commit: string; reason: string }

/**
 * The pipeline run that set a commit's merge gate: the newest `tunegate` status on the commit links to its run
 * (the report and evaluate jobs set it with the run's page as target URL). Only that run's evaluation record is
 * the one the gate judged: another run on the same commit (a later dispatch, another workflow) may have uploaded
 * a record of its own. The run must be trusted (untrustedRunReason) and have run on the commit itself.
 */
export async function gateRun(host: Host, commit: string): Promise<GateRun> {
  const { repository } = host.runContext()
  const short = commit.slice(0, 12)
  const gate = (await host.listCommitStatuses(commit)).find(s => s.context === STATUS_CONTEXT)
  if (!gate) return { commit, reason: `${short} has no '${STATUS_CONTEXT}' status: no pipeline run gated it` }
  const runId = runIdOfUrl(gate.targetUrl, repository)
  if (runId === undefined)
    return {
      commit,
      reason: `the '${STATUS_CONTEXT}' status of ${short} links to ${JSON.stringify(gate.targetUrl ?? '')}, not to a workflow run of ${repository}`
    }
  const run = await host.workflowRun(runId)
  const why = !run
    ? 'GitHub does not know the run'
    : (untrustedRunReason(run, repository) ??
      (run.headSha === commit ? undefined : `it ran on ${run.headSha?.slice(0, 12) ?? 'an unknown commit'}`))
  if (why)
    return { commit, reason: `run ${runId} is not used: ${why} (it set the '${STATUS_CONTEXT}' status of ${short})` }
  return { commit, runId }
}
