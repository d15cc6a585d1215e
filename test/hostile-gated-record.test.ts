// Promotion takes the evaluation record of the run whose gate let the pull request merge: a later run on the
// same head commit (a dispatch, another workflow of the repository) uploads a record of its own under the same
// name, and it must neither replace the gated run's record nor stand in for a missing one.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { runIdOfUrl } from '../src/registry/run-trust.js'
import { unzipTo } from '../src/registry/unzip.js'
import { GitHubStandIn } from './github/stand-in.js'
import { ResultsServiceStandIn } from './github/results-service.js'
import {
  promoteMergedPull,
  seedMergedPull,
  promotionFixture,
  recordZip,
  zipFolder,
  type PromotionFixture
} from './helpers/promotion-fixture.js'
import { WorkflowRun } from './helpers/workflow-runner.js'

let f: PromotionFixture
let trainZip: Buffer
beforeAll(async () => {
  f = await promotionFixture()
  trainZip = await zipFolder(f.runDir)
}, 120_000)

let gh: GitHubStandIn
let results: ResultsServiceStandIn
beforeEach(async () => {
  gh = await new GitHubStandIn().start()
  results = await new ResultsServiceStandIn(gh, 0).start()
  for (const sha of [f.base, f.head, f.merge]) gh.addCommit(sha)
  gh.seedRun(f.merge, 'push', 4242) // the promote run itself
  gh.approveEnvironment(4242, 'carol', ['model-production'])
  seedMergedPull(gh, f)
})
afterEach(async () => {
  await results.stop()
  await gh.stop()
  expect(gh.violations).toEqual([])
})

/** The record with its accuracy changed: what a later run's evaluation (or a forger) could upload. */
function otherRecord(): unknown {
  const r = structuredClone(f.record) as { metrics: Record<string, { slices: { all: { value: number } } }> }
  r.metrics.accuracy!.slices.all.value = 0.999
  return r
}

/**
 * A later workflow_dispatch run of another workflow of the repository on the pull request's head commit, run by
 * the workflow runner: it uploads a record and training outputs under the names the pipeline uses, and sets no
 * gate. Returns its run id.
 */
async function laterRun(record: unknown, runId = 6000): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tg-later-'))
  await unzipTo(await recordZip(f, record), path.join(dir, 'record'))
  await unzipTo(trainZip, path.join(dir, 'train'))
  const file = path.join(dir, 'evaluate-again.yml')
  await writeFile(
    file,
    stringify({
      on: { workflow_dispatch: {} },
      jobs: {
        again: {
          'runs-on': 'ubuntu-latest',
          steps: [
            { run: 'echo evaluating again' },
            { uses: 'actions/upload-artifact@v7', with: { name: f.recordArtifact, path: path.join(dir, 'record') } },
            { uses: 'actions/upload-artifact@v7', with: { name: f.trainArtifact, path: path.join(dir, 'train') } }
          ]
        }
      }
    })
  )
  const run = await new WorkflowRun(file, {
    gh,
    resultsUrl: results.url,
    remote: dir,
    runId,
    eventName: 'workflow_dispatch',
    event: { ref: 'refs/heads/more-data', inputs: {} },
    sha: f.head,
    ref: 'refs/heads/more-data'
  }).runAll()
  expect(run.results.get('again')?.result).toBe('success')
  expect(gh.runs.get(runId)?.path).toBe('.github/workflows/evaluate-again.yml')
  return runId
}

const promoteRun = () => promoteMergedPull(f, gh.url)
const tags = () => [...gh.refs.keys()].filter(r => r.startsWith('refs/tags/'))
const releasedRecord = () => {
  const asset = [...gh.assets.values()].find(a => a.name === 'evaluation.json')
  return asset ? (JSON.parse(asset.data.toString('utf8')) as typeof f.record) : undefined
}

describe("promotion takes the gated run's evaluation record", () => {
  it('a later run on the head commit does not replace the record of the run that set the gate', async () => {
    const gated = gh.seedRun(f.head, 'pull_request', 5000)
    gh.seedArtifact(f.recordArtifact, gated, await recordZip(f))
    gh.seedArtifact(f.trainArtifact, gated, trainZip)
    gh.seedGate(f.head, gated)
    await laterRun(otherRecord())
    const r = await promoteRun()
    expect(r.code, r.stdout + r.summary).toBe(0)
    expect(r.stdout).toContain(`content-classifier: run 5000 set the gate of ${f.head.slice(0, 12)}`)
    expect(r.stdout).toContain(`evaluation record from artifact ${f.recordArtifact} of run 5000`)
    expect(r.stdout).toContain(`outputs from artifact ${f.trainArtifact} of run 5000`)
    expect(tags()).toHaveLength(2)
    expect(releasedRecord()).toEqual(f.record)
  }, 60_000)

  it("when the gated run uploaded no record, another run's record is not taken: promotion refuses", async () => {
    const gated = gh.seedRun(f.head, 'pull_request', 5000)
    gh.seedArtifact(f.trainArtifact, gated, trainZip)
    gh.seedGate(f.head, gated)
    // The later run's record is the very one that would verify: it is refused for where it comes from.
    await laterRun(f.record)
    const r = await promoteRun()
    expect(r.code).toBe(1)
    expect(tags()).toEqual([])
    expect(gh.releases.size).toBe(0)
    expect(r.summary).toContain(
      `no evaluation record of content-classifier among the artifacts of run 5000, which set the merge gate`
    )
    expect(r.summary).toContain(`run 5000 of ${f.head.slice(0, 12)} uploaded none`)
    expect(r.summary).toContain('a record of another run is not taken')
  }, 60_000)

  it('a head commit without a gate status is not promoted from any run', async () => {
    await laterRun(f.record)
    const r = await promoteRun()
    expect(r.code).toBe(1)
    expect(tags()).toEqual([])
    expect(r.summary).toContain(`${f.head.slice(0, 12)} has no 'tunegate' status: no pipeline run gated it`)
  }, 60_000)

  it('a gate that links to a run of another commit, or to no run page of the repository, is refused', async () => {
    const elsewhere = gh.seedRun('e'.repeat(40), 'pull_request', 5001)
    gh.seedArtifact(f.recordArtifact, elsewhere, await recordZip(f))
    gh.seedArtifact(f.trainArtifact, elsewhere, trainZip)
    gh.seedGate(f.head, elsewhere)
    let r = await promoteRun()
    expect(r.code).toBe(1)
    expect(tags()).toEqual([])
    expect(r.summary).toContain(`run 5001 is not used: it ran on eeeeeeeeeeee`)

    gh.statuses.push({
      id: 1,
      sha: f.head,
      state: 'success',
      context: 'tunegate',
      description: 'set by hand',
      target_url: 'https://example.test/elsewhere',
      created: new Date().toISOString()
    })
    r = await promoteRun()
    expect(r.code).toBe(1)
    expect(tags()).toEqual([])
    expect(r.stdout).toContain(`links to "https://example.test/elsewhere", not to a workflow run of acme/models`)
  }, 60_000)

  it('a re-evaluation of the merge commit that set its gate is taken over the head commit run', async () => {
    const gated = gh.seedRun(f.head, 'pull_request', 5000)
    gh.seedArtifact(f.recordArtifact, gated, await recordZip(f, otherRecord()))
    gh.seedGate(f.head, gated)
    const again = gh.seedRun(f.merge, 'workflow_dispatch', 5100)
    gh.seedArtifact(f.recordArtifact, again, await recordZip(f))
    gh.seedArtifact(f.trainArtifact, again, trainZip)
    gh.seedGate(f.merge, again)
    const r = await promoteRun()
    expect(r.code, r.stdout + r.summary).toBe(0)
    expect(r.stdout).toContain(`evaluation record from artifact ${f.recordArtifact} of run 5100`)
    expect(releasedRecord()).toEqual(f.record)
  }, 60_000)
})

describe('the run a status links to', () => {
  it.each([
    ['https://github.com/acme/models/actions/runs/123', 123],
    ['https://github.com/Acme/Models/actions/runs/123/attempts/2', 123],
    ['https://ghe.example/acme/models/actions/runs/7/job/99', 7],
    ['https://github.com/other/models/actions/runs/123', undefined],
    ['https://github.com/acme/models/actions/runs/123/../124', 124],
    ['https://github.com/acme/models/pull/1', undefined],
    ['https://github.com/acme/models/actions/runs/99999999999999999999', undefined],
    ['not a url', undefined],
    [undefined, undefined]
  ])('%s', (url, id) => {
    expect(runIdOfUrl(url, 'acme/models')).toBe(id)
  })
})
