// The whole story, end to end: a team's repository (a real git repository with a bare remote that is the
// GitHub stand-in's own git data), the three workflows run as GitHub runs them — each step's `with:` read
// from .github/workflows/*.yml — and the bundled actions started as the runner starts them.
import { readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { createGitHubClient } from '../src/host/octokit-client.js'
import { git } from '../src/registry/git.js'
import { readTags, resolveState } from '../src/registry/state.js'
import { STICKY_MARKER } from '../src/report/sticky-comment.js'
import { ResultsServiceStandIn } from './github/results-service.js'
import { GitBacking } from './github/git-backing.js'
import { GitHubStandIn } from './github/stand-in.js'
import { EXAMPLE_REGISTRY, writeRepoFile } from './helpers/git-repo.js'
import { feedbackRow, shiftedSamples } from './helpers/drift-data.js'
import { zipFolder } from './helpers/promotion-fixture.js'
import { condition, substitute } from './helpers/workflow-expressions.js'
import { WorkflowRun, workflowFile } from './helpers/workflow-runner.js'

const MODEL = 'content-classifier'
const TRAIN = `registry/datasets/${MODEL}/train.jsonl`
const RETRAIN_BRANCH = `tunegate/retrain/${MODEL}`
/** The API budget of one pull request's pipeline (issue #11): a few calls, and a few more per model. */
const CALLS_FIXED = 3
const CALLS_PER_MODEL = 4

let remote: string
let dev: string
let gh: GitHubStandIn
let results: ResultsServiceStandIn
let nextRun = 9000

const octokit = (token: string) => createGitHubClient({ token, baseUrl: gh.url, retries: 0 })
const sh = (args: string[]) => git(dev, args).then(s => s.trim())

beforeAll(async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'tg-story-'))
  remote = path.join(root, 'remote.git')
  dev = path.join(root, 'dev')
  await git(root, ['init', '-q', '--bare', '-b', 'main', remote])
  // GitHub serves any reachable commit to a shallow fetch (actions/checkout fetches the one it checks out).
  await git(remote, ['config', 'uploadpack.allowAnySHA1InWant', 'true'])
  await git(root, ['clone', '-q', remote, dev])
  for (const [k, v] of Object.entries({
    'user.email': 'alice@acme.test',
    'user.name': 'Alice',
    'commit.gpgsign': 'false',
    'tag.gpgsign': 'false'
  }))
    await git(dev, ['config', k, v])
  // The team's registry: the example's settings and its content classifier (tier low: one approval).
  await git(dev, ['checkout', '-q', '-b', 'main'])
  const { cp } = await import('node:fs/promises')
  await cp(EXAMPLE_REGISTRY, path.join(dev, 'registry'), { recursive: true })
  for (const m of ['seo-writer', 'schema-markup'])
    await rm(path.join(dev, 'registry/models', m), { recursive: true, force: true })
  await writeRepoFile(dev, '.gitignore', '.tunegate/\n')
  await sh(['add', '-A'])
  await sh(['commit', '-q', '-m', 'Registry with the content classifier'])
  await sh(['push', '-q', 'origin', 'main'])
  gh = await new GitHubStandIn({ git: remote }).start()
  results = await new ResultsServiceStandIn(gh, 0).start()
}, 60_000)

const timings: string[] = []
afterAll(async () => {
  if (process.env.TUNEGATE_STORY_TIMINGS)
    console.log([...timings, `stand-in git: ${GitBacking.spent.calls} calls, ${GitBacking.spent.ms} ms`].join('\n'))
  await results?.stop()
  await gh?.stop()
})

/** Pushes a branch with a change and opens its pull request as alice; returns the PR and its event payload. */
async function openPullRequest(branch: string, change: () => Promise<void>, title: string) {
  await sh(['checkout', '-q', '-B', branch, 'origin/main'])
  await change()
  await sh(['commit', '-q', '-am', title])
  await sh(['push', '-q', 'origin', branch])
  await sh(['checkout', '-q', 'main'])
  const { data } = await octokit('human-token').rest.pulls.create({
    owner: 'acme',
    repo: 'models',
    head: branch,
    base: 'main',
    title
  })
  return pullRequestEvent(data.number, 'opened')
}

/** The pull_request event GitHub sends, with the pull request as the API shows it. */
async function pullRequestEvent(number: number, action: string) {
  const { data } = await octokit('human-token').rest.pulls.get({ owner: 'acme', repo: 'models', pull_number: number })
  return {
    number,
    head: data.head.sha,
    base: data.base.sha,
    event: { action, number, pull_request: data, repository: data.base.repo }
  }
}

/** Runs tunegate.yml for a pull request, as its workflow run (registered so promotion finds its artifacts). */
async function pipeline(pr: Awaited<ReturnType<typeof pullRequestEvent>>, attempt = 1, reuse?: WorkflowRun) {
  const runId = reuse?.setup.runId ?? nextRun++
  if (!reuse) gh.seedRun(pr.head, 'pull_request', runId)
  return new WorkflowRun(workflowFile('tunegate.yml'), {
    gh,
    resultsUrl: results.url,
    remote,
    runId,
    attempt,
    eventName: 'pull_request',
    event: pr.event,
    // actions/checkout checks out the test merge; every branch here starts at main's head, so it is the head's tree.
    sha: pr.head,
    ref: `refs/pull/${pr.number}/merge`,
    ...(reuse
      ? { reuse: Object.fromEntries(['validate', 'fork-approval', 'train'].map(j => [j, reuse.results.get(j)!])) }
      : {})
  }).runAll()
}

/** Runs tunegate-promote.yml on the push of a merge to main. */
async function promote(merge: string, before: string) {
  const runId = nextRun++
  gh.seedRun(merge, 'push', runId)
  return new WorkflowRun(workflowFile('tunegate-promote.yml'), {
    gh,
    resultsUrl: results.url,
    remote,
    runId,
    eventName: 'push',
    event: { ref: 'refs/heads/main', before, after: merge, repository: { default_branch: 'main' } },
    sha: merge,
    ref: 'refs/heads/main'
  }).runAll()
}

const jobResults = (run: WorkflowRun) => {
  for (const st of run.steps) timings.push(`${path.basename(run.file)} ${st.job} ${st.step}: ${st.ms} ms`)
  return jobResultsOf(run)
}
const jobResultsOf = (run: WorkflowRun) => Object.fromEntries([...run.results].map(([k, v]) => [k, v.result]))
const actionStep = (run: WorkflowRun, job: string) =>
  run.steps.find(x => x.job === job && (x.step.startsWith('$/actions/') || x.step === 'validate'))!
const gate = (sha: string) => gh.statuses.filter(s => s.sha === sha && s.context === 'tunegate').at(-1)
/** The `with:` that the caller `tunegate init` writes passes to the pipeline, for a workflow_dispatch's inputs. */
function callerWith(inputs: Record<string, string>): Record<string, string> {
  const caller = parse(
    readFileSync(path.join(import.meta.dirname, '..', 'templates', 'workflows', 'tunegate.yml'), 'utf8')
  ) as {
    jobs: { tunegate: { with: Record<string, string> } }
  }
  return Object.fromEntries(
    Object.entries(caller.jobs.tunegate.with).map(([k, v]) => [k, String(substitute(String(v), { inputs }))])
  )
}
const commentsOn = (pr: number) =>
  [...gh.comments.values()].filter(c => c.issue === pr && c.body.includes(STICKY_MARKER))
const tagsInRemote = async () => (await git(remote, ['tag', '--list'])).split('\n').filter(Boolean).sort()
const explain = (run: WorkflowRun) =>
  run.steps
    .filter(s => s.code !== 0)
    .map(s => `${s.job}/${s.step}: ${s.code}\n${s.stdout.slice(-3000)}\n${s.stderr.slice(-2000)}`)
    .join('\n\n')

/** The production version's evaluation record, read from its release by each evaluate job once there is one. */
const BASELINE_READS = ['repos/get-release-by-tag', 'repos/get-release-asset']

/**
 * Asserts the API budget of one pull request's pipeline: 3 calls (the comments read, the comment written, the
 * gate), and 4 per model (train's cache lookup, the production version's release and evaluation record once
 * there is one, the model's status). The evaluate job takes the train outputs with download-artifact: no
 * artifact lookup through the API.
 */
function expectWithinBudget(run: WorkflowRun, models: number, production: boolean, extra = 0) {
  const calls = run.calls.map(c => `${c.method} ${c.operationId ?? c.path}`)
  const baseline = run.calls.filter(c => BASELINE_READS.includes(c.operationId ?? ''))
  expect(baseline.length, calls.join('\n')).toBe(production ? BASELINE_READS.length * models : 0)
  expect(calls.filter(c => c.includes('artifact')).length, calls.join('\n')).toBe(models)
  expect(calls.length, calls.join('\n')).toBeLessThanOrEqual(CALLS_FIXED + CALLS_PER_MODEL * models + extra)
  expect(gh.violations).toEqual([])
  expect(results.problems).toEqual([])
}

describe('the whole story', () => {
  let first: Awaited<ReturnType<typeof pullRequestEvent>>
  let v1: string

  it('a pull request is validated, trained, evaluated and reported with one sticky comment and the gate', async () => {
    first = await openPullRequest(
      'more-running-data',
      async () => {
        const rows = [
          feedbackRow('new-run-1', 'Trail running shoes with a rock plate for muddy descents', 'topic-running'),
          feedbackRow('new-run-2', 'Interval sessions on the track for a faster 10k', 'topic-running')
        ]
        await writeFile(path.join(dev, TRAIN), (await readFile(path.join(dev, TRAIN), 'utf8')) + rows.join('\n') + '\n')
      },
      'More running examples'
    )
    const run = await pipeline(first)
    expect(jobResults(run), explain(run)).toEqual({
      validate: 'success',
      'fork-approval': 'skipped',
      train: 'success',
      evaluate: 'success',
      report: 'success'
    })
    expect(JSON.parse(run.results.get('validate')!.outputs.models!)).toMatchObject({ include: [{ model: MODEL }] })
    const comments = commentsOn(first.number)
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain(MODEL)
    expect(gate(first.head)?.state).toBe('success')
    expectWithinBudget(run, 1, false)

    // Re-running the evaluation (attempt 2) uploads under new names and the comment stays one, with one section each.
    const rerun = await pipeline(first, 2, run)
    expect(jobResults(rerun), explain(rerun)).toMatchObject({ evaluate: 'success', report: 'success' })
    const uploaded = [...gh.artifacts.values()].filter(a => a.runId === run.setup.runId).map(a => a.name)
    for (const name of [`tunegate-section-${MODEL}`, `tunegate-evaluation-${MODEL}-`])
      expect(uploaded.filter(n => n.startsWith(name)).map(n => n.split('-').at(-1))).toEqual(['1', '2'])
    expect(commentsOn(first.number)).toHaveLength(1)
    expect(gate(first.head)?.state).toBe('success')
  })

  it('approved and merged, the change is promoted: a tag, a release and the production stage, fetched with git', async () => {
    const reviewer = octokit('reviewer-token')
    await reviewer.rest.pulls.createReview({
      owner: 'acme',
      repo: 'models',
      pull_number: first.number,
      commit_id: first.head,
      event: 'APPROVE'
    })
    const { data: merged } = await octokit('human-token').rest.pulls.merge({
      owner: 'acme',
      repo: 'models',
      pull_number: first.number,
      sha: first.head
    })
    const run = await promote(merged.sha, first.base)
    expect(jobResults(run), explain(run)).toEqual({ promote: 'success', site: 'success' })
    // The registry site, built after the promotion from the API, is the run's artifact.
    expect(run.steps.find(x => x.job === 'site' && x.step === 'site')?.outputs.models).toBe('1')
    expect([...gh.artifacts.values()].filter(a => a.runId === run.setup.runId).map(a => a.name)).toContain(
      'tunegate-site-1'
    )
    const promoted = JSON.parse(actionStep(run, 'promote').outputs.promoted!) as { tag: string; stage: string }[]
    v1 = `${MODEL}@v1.0.0`
    expect(promoted).toMatchObject([{ model: MODEL, tag: v1, stage: 'production' }])
    // The tags written through the REST API are in the remote: a clone sees them and reads the same state.
    expect(await tagsInRemote()).toEqual([`${MODEL}#production#1`, v1])
    await sh(['pull', '-q', '--ff-only', 'origin', 'main'])
    await sh(['fetch', '-q', '--tags', 'origin'])
    const state = resolveState(await readTags(dev)).get(MODEL)!
    expect(state.stages.production?.version).toBe('v1.0.0')
    expect((await sh(['rev-list', '-n', '1', v1])).trim()).toBe(merged.sha)
    const release = [...gh.releases.values()].find(r => r.tag === v1)
    expect(release).toMatchObject({ draft: false })
    expect(commentsOn(first.number)).toHaveLength(1)
  })

  it('a second pull request that regresses a use case fails its gate, and merged anyway it is not promoted', async () => {
    const second = await openPullRequest(
      'relabel-refresh',
      async () => {
        // Someone "cleans up" the refresh labels: every content-refresh example now says refresh-none.
        const text = await readFile(path.join(dev, TRAIN), 'utf8')
        await writeFile(path.join(dev, TRAIN), text.replace(/"refresh-(urgent|soon)"/g, '"refresh-none"'))
      },
      'Simplify refresh labels'
    )
    const run = await pipeline(second)
    expect(jobResults(run), explain(run)).toMatchObject({
      validate: 'success',
      train: 'success',
      // fail-on-gate: 'false' in the pipeline: the failing gate is in the section, and the report fails the gate.
      evaluate: 'success',
      report: 'success'
    })
    expect(gate(second.head)?.state).toBe('failure')
    expect(commentsOn(second.number)).toHaveLength(1)
    expect(commentsOn(second.number)[0]!.body).toContain(MODEL)
    expectWithinBudget(run, 1, true)

    await octokit('reviewer-token').rest.pulls.createReview({
      owner: 'acme',
      repo: 'models',
      pull_number: second.number,
      commit_id: second.head,
      event: 'APPROVE'
    })
    const before = await git(remote, ['rev-parse', 'main']).then(s => s.trim())
    const { data: merged } = await octokit('human-token').rest.pulls.merge({
      owner: 'acme',
      repo: 'models',
      pull_number: second.number
    })
    const refused = await promote(merged.sha, before)
    expect(jobResults(refused)).toEqual({ promote: 'failure', site: 'success' })
    expect(actionStep(refused, 'promote').stdout).toMatch(
      /::error::Promotion blocked: content-classifier: .*the evaluation's verdict is fail: the candidate fails its gates/
    )
    expect(await tagsInRemote()).toEqual([`${MODEL}#production#1`, v1])
    expect(gh.releases.size).toBe(1)
    // The team reverts the merge on main (a person's push; nothing to promote).
    await sh(['pull', '-q', '--ff-only', 'origin', 'main'])
    await sh(['revert', '--no-edit', '-m', '1', merged.sha])
    await sh(['push', '-q', 'origin', 'main'])
  })

  it('production drifts: a retraining pull request with the feedback rows, validated and gated by its own run', async () => {
    // The caller's export job hands the drift job production samples and labelled feedback as an artifact.
    const runId = nextRun++
    const exported = await mkdtemp(path.join(tmpdir(), 'tg-story-export-'))
    await writeRepoFile(exported, 'samples/production.jsonl', shiftedSamples(150))
    await writeRepoFile(
      exported,
      'feedback/labelled.jsonl',
      [
        feedbackRow('fb-1', 'Choosing a cordless lawnmower for a small garden'),
        feedbackRow('fb-2', 'Raised beds and irrigation for allotments')
      ].join('\n') + '\n'
    )
    gh.seedArtifact('tunegate-drift-input', runId, await zipFolder(exported))
    const main = await git(remote, ['rev-parse', 'main']).then(s => s.trim())
    const drift = await new WorkflowRun(workflowFile('tunegate-drift.yml'), {
      gh,
      resultsUrl: results.url,
      remote,
      runId,
      eventName: 'schedule',
      event: { schedule: '17 6 * * 1' },
      sha: main,
      ref: 'refs/heads/main'
    }).runAll()
    expect(jobResults(drift), explain(drift)).toEqual({ drift: 'success', site: 'success' })
    const step = actionStep(drift, 'drift')
    expect(JSON.parse(step.outputs.drifted!)).toEqual([MODEL])
    const [number] = JSON.parse(step.outputs['pull-requests']!) as number[]
    const pr = gh.pulls.get(number!)!
    expect(pr.head.ref).toBe(RETRAIN_BRANCH)
    // GITHUB_TOKEN's pull request starts no workflow: the drift job dispatched the pipeline on the branch.
    expect(gh.dispatches).toMatchObject([
      { workflow: 'tunegate.yml', ref: RETRAIN_BRANCH, inputs: { 'pull-request': String(number) } }
    ])
    await sh(['fetch', '-q', 'origin', RETRAIN_BRANCH])
    // The branch holds main's training rows and the feedback rows after them.
    const onBranch = await sh(['show', `origin/${RETRAIN_BRANCH}:${TRAIN}`])
    const onMain = await sh(['show', `origin/main:${TRAIN}`])
    expect(onBranch.startsWith(onMain)).toBe(true)
    expect(
      onBranch
        .slice(onMain.length)
        .trim()
        .split('\n')
        .map(l => (JSON.parse(l) as { id: string }).id)
    ).toEqual(['fb-1', 'fb-2'])

    // The dispatched run of the pipeline on the retraining branch gives the pull request its gate.
    const head = pr.head.sha
    const dispatchRun = nextRun++
    const dispatch = gh.dispatches[0]!
    gh.seedRun(head, 'workflow_dispatch', dispatchRun)
    const run = await new WorkflowRun(workflowFile('tunegate.yml'), {
      gh,
      resultsUrl: results.url,
      remote,
      runId: dispatchRun,
      eventName: 'workflow_dispatch',
      event: { ref: `refs/heads/${RETRAIN_BRANCH}`, inputs: dispatch.inputs, repository: { default_branch: 'main' } },
      sha: head,
      ref: `refs/heads/${RETRAIN_BRANCH}`,
      // The caller that tunegate init writes passes its dispatch input on.
      inputs: callerWith(dispatch.inputs)
    }).runAll()
    expect(jobResults(run), explain(run)).toMatchObject({
      validate: 'success',
      train: 'success',
      evaluate: 'success',
      report: 'success'
    })
    expect(actionStep(run, 'validate').outputs.valid).toBe('true')
    expect(gate(head)?.state, explain(run)).toBe('success')
    // A workflow_dispatch run has no pull request in its event: the dispatch named it, and it gets its comment.
    expect(commentsOn(number!)).toHaveLength(1)
    expect(commentsOn(number!)[0]!.body).toContain(`Checked commit [\`${head.slice(0, 7)}\`]`)
    // One call more than a pull request's run: a dispatch reads the pull request it names, to check its head.
    expectWithinBudget(run, 1, true, 1)
  })
})

describe('the workflow runner', () => {
  const contexts = {
    github: {
      token: 't',
      repository: 'acme/models',
      event_name: 'pull_request',
      event: { pull_request: { number: 1, head: { repo: { full_name: 'acme/models' } } } },
      ref: 'refs/pull/1/merge',
      run_attempt: '2'
    },
    inputs: { registry: 'registry', 'client-id': '', 'pipeline-workflow': 'tunegate.yml', mode: 'promote' },
    needs: { validate: { result: 'success', outputs: { models: '{"include":[]}' } } },
    runner: { temp: '/tmp/r' },
    matrix: { model: 'm' },
    steps: { app: { outputs: {} } },
    secrets: {}
  }

  it('evaluates the expressions the workflows use, and throws on one it does not know', () => {
    expect(substitute('tunegate-section-${{ matrix.model }}-${{ github.run_attempt }}', contexts)).toBe(
      'tunegate-section-m-2'
    )
    expect(substitute('${{ steps.app.outputs.token || github.token }}', contexts)).toBe('t')
    expect(substitute("${{ inputs.client-id == '' && inputs.pipeline-workflow || '' }}", contexts)).toBe('tunegate.yml')
    expect(
      condition(
        "!cancelled() && needs.validate.result == 'success' && fromJSON(needs.validate.outputs.models).include[0] != null",
        contexts,
        { failed: false, cancelled: false }
      )
    ).toBe(false)
    expect(condition('always()', contexts, { failed: true, cancelled: false })).toBe(true)
    expect(condition(undefined, contexts, { failed: true, cancelled: false })).toBe(false)
    expect(() => substitute('${{ github.head_ref }}', contexts)).toThrow(/github.head_ref is not set/)
    expect(() => substitute("${{ hashFile('x') }}", contexts)).toThrow(/Unrecognized function: 'hashFile'/)
    // hashFiles is the runner's, over the job's workspace: without one it says so.
    expect(() => substitute("${{ hashFiles('x') }}", contexts)).toThrow(/hashFiles needs github.workspace/)
    expect(() => substitute('${{ vars.X }}', contexts)).toThrow(/Unrecognized named-value: 'vars'/)
    expect(() => substitute('${{ inputs.registry == }}', contexts)).toThrow(/Unexpected end of expression/)
  })

  it("means what GitHub's own evaluator means: case-insensitive strings, loose equality, the built-in functions", () => {
    expect(condition("github.event_name == 'PULL_REQUEST'", contexts, { failed: false, cancelled: false })).toBe(true)
    expect(substitute('${{ github.run_attempt == 2 && github.run_attempt > 1 }}', contexts)).toBe(true)
    expect(substitute("${{ format('{0}@{1}', matrix.model, github.run_attempt) }}", contexts)).toBe('m@2')
    expect(substitute("${{ startsWith(github.ref, 'REFS/pull/') && contains(inputs.mode, 'mote') }}", contexts)).toBe(
      true
    )
    expect(substitute('${{ github.event.pull_request.head.repo.fork }}', contexts)).toBeNull()
  })
})
