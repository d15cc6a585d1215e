/**
 * Which workflow runs' artifacts may be reused (a train cache hit, a candidate to evaluate, the outputs a
 * promotion publishes). Anyone can open a pull request from a fork, and its run uploads artifacts into this
 * repository under any name it likes: an artifact's name says nothing about who made it. Its run does — GitHub
 * reports each run's workflow file, event and head repository (GET /repos/{owner}/{repo}/actions/runs/{id}),
 * and a fork cannot change what GitHub reports there.
 */
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
