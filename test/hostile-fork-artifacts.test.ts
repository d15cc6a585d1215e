// A fork's pull request runs in this repository and uploads artifacts under any name it likes: planted
// training outputs with a consistent run.json must never become a cache hit, an evaluated candidate or a release.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { GitHubHost } from '../src/host/github-host.js'
import { createGitHubClient } from '../src/host/octokit-client.js'
import { sha256 } from '../src/registry/digest.js'
import { untrustedRunReason } from '../src/registry/run-trust.js'
import { attemptArtifactName } from '../src/constants.js'
import { trainArtifactName, trainModel } from '../src/training/train.js'
import { GitHubStandIn } from './github/stand-in.js'
import { ResultsServiceStandIn, runtimeToken } from './github/results-service.js'
import { makeRepo } from './helpers/git-repo.js'
import {
  promoteMergedPull,
  promotionFixture,
  recordZip,
  zipFolder,
  type PromotionFixture
} from './helpers/promotion-fixture.js'
import { runAction } from './helpers/run-action.js'
import { withStandIn } from './helpers/with-stand-in.js'

const FORK = 'fork-owner/models'

let gh: GitHubStandIn
withStandIn(s => (gh = s.gh))

/**
 * Training outputs a fork planted: really trained (so every check of their shape passes), every prediction
 * then set to one label and run.json's digests updated to match, as an attacker who controls the run would.
 */
async function plantedOutputs(repo: string, model: string): Promise<{ zip: Buffer; fingerprint: string }> {
  const trained = await trainModel({
    registryDir: path.join(repo, 'registry'),
    model,
    workDir: await mkdtemp(path.join(tmpdir(), 'tg-fork-'))
  })
  const predictionsFile = path.join(trained.outputDir, 'predictions.jsonl')
  const planted =
    (await readFile(predictionsFile, 'utf8'))
      .trim()
      .split('\n')
      .map(l => JSON.stringify({ ...(JSON.parse(l) as object), prediction: 'planted' }))
      .join('\n') + '\n'
  await writeFile(predictionsFile, planted)
  const runJson = path.join(trained.outputDir, 'run.json')
  const manifest = JSON.parse(await readFile(runJson, 'utf8')) as { outputs: { file: string; sha256: string }[] }
  for (const o of manifest.outputs) if (o.file === 'predictions.jsonl') o.sha256 = sha256(planted)
  await writeFile(runJson, JSON.stringify(manifest, null, 2))
  return { zip: await zipFolder(trained.outputDir), fingerprint: trained.identity.training_fingerprint }
}

describe('which runs are trusted', () => {
  const origin = { id: 1, path: '.github/workflows/tunegate.yml', event: 'pull_request' }
  it.each([
    [{ ...origin, repository: 'acme/models', headRepository: 'acme/models' }, undefined],
    [{ ...origin, event: 'push', repository: 'acme/models', headRepository: 'acme/models' }, undefined],
    [{ ...origin, repository: 'acme/models', headRepository: FORK }, /a fork/],
    [{ ...origin, repository: 'acme/models', headRepository: '' }, /a fork/],
    [
      { ...origin, event: 'pull_request_target', repository: 'acme/models', headRepository: 'acme/models' },
      /started by/
    ],
    [{ ...origin, event: 'workflow_run', repository: 'acme/models', headRepository: 'acme/models' }, /started by/],
    [
      {
        ...origin,
        path: 'dynamic/dependabot/dependabot-updates',
        repository: 'acme/models',
        headRepository: 'acme/models'
      },
      /not a run of a workflow file/
    ],
    [{ ...origin, repository: 'other/models', headRepository: 'other/models' }, /belongs to other\/models/]
  ])('%j', (run, expected) => {
    const reason = untrustedRunReason(run, 'Acme/Models')
    if (expected) expect(reason).toMatch(expected)
    else expect(reason).toBeUndefined()
  })
})

describe("a fork's planted training outputs", () => {
  it('are no cache hit for the train action: it trains again and says why', async () => {
    const results = await new ResultsServiceStandIn(gh, 777).start()
    try {
      const repo = await makeRepo({ withRegistry: true })
      const model = 'content-classifier'
      const planted = await plantedOutputs(repo, model)
      const forkRun = gh.seedRun('f'.repeat(40), 'pull_request', 7777, { headRepository: FORK, headBranch: 'main' })
      gh.seedArtifact(attemptArtifactName(trainArtifactName(model, planted.fingerprint), 1), forkRun, planted.zip)
      const r = await runAction('train', {
        cwd: repo,
        inputs: {
          registry: 'registry',
          model,
          token: 'test-token',
          force: 'false',
          upload: 'true',
          'work-dir': '',
          'retention-days': '7'
        },
        env: {
          GITHUB_API_URL: gh.url,
          GITHUB_SERVER_URL: 'https://github.com',
          ACTIONS_RESULTS_URL: results.url,
          ACTIONS_RUNTIME_TOKEN: runtimeToken('run-backend-1', 'job-backend-1'),
          GITHUB_RUN_ID: '777'
        }
      })
      expect(r.code).toBe(0)
      expect(r.outputs['cache-hit']).toBe('false')
      expect(r.stdout).not.toContain('Cache hit')
      expect(r.stdout).toContain(`run 7777 is not used: its head commit comes from ${FORK} (a fork)`)
      const predictions = await readFile(path.join(r.outputs['output-dir']!, 'predictions.jsonl'), 'utf8')
      expect(predictions).not.toContain('"planted"')
    } finally {
      await results.stop()
    }
  }, 120_000)

  it('a changed archive is refused against the digest GitHub recorded at upload', async () => {
    const run = gh.seedRun('a'.repeat(40))
    const id = gh.seedArtifact('tunegate-train-x-1', run, await zipFolder(await mkdtemp(path.join(tmpdir(), 'e-'))))
    const host = new GitHubHost(createGitHubClient({ token: 'test-token', baseUrl: gh.url, retries: 0 }), {
      owner: 'acme',
      repo: 'models'
    })
    const [artifact] = await host.listArtifacts({ runId: run })
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-planted-'))
    await writeFile(path.join(dir, 'run.json'), '{}')
    gh.artifacts.get(id)!.zip = await zipFolder(dir)
    await expect(host.downloadArtifact(artifact!, path.join(dir, 'out'))).rejects.toThrow(
      /downloaded with sha256 [0-9a-f]{64}, but GitHub recorded [0-9a-f]{64}; it is not used/
    )
  })
})

describe("promotion never takes a fork's run as evidence", () => {
  let f: PromotionFixture
  let trainZip: Buffer
  beforeAll(async () => {
    f = await promotionFixture()
    trainZip = await zipFolder(f.runDir)
  }, 120_000)

  const seedPull = () => {
    for (const sha of [f.base, f.head, f.merge]) gh.addCommit(sha)
    gh.seedRun(f.merge, 'pull_request', 4242)
    gh.approveEnvironment(4242, 'carol', ['model-production'])
    gh.seedPull({
      number: 1,
      author: 'alice',
      state: 'closed',
      merged: true,
      mergeCommitSha: f.merge,
      head: { ref: 'more-data', sha: f.head, fork: true },
      base: { ref: 'main', sha: f.base },
      reviews: [{ user: 'bob', state: 'APPROVED', commit_id: f.head }]
    })
  }
  const promoteRun = () => promoteMergedPull(f, gh.url)
  const tags = () => [...gh.refs.keys()].filter(r => r.startsWith('refs/tags/'))

  it("a merged fork pull request's own run (record and outputs) is not evidence", async () => {
    seedPull()
    const forkRun = gh.seedRun(f.head, 'pull_request', 7777, { headRepository: FORK, headBranch: 'more-data' })
    gh.seedGate(f.head, forkRun)
    gh.seedArtifact(f.recordArtifact, forkRun, await recordZip(f))
    gh.seedArtifact(f.trainArtifact, forkRun, trainZip)
    const r = await promoteRun()
    expect(r.code).toBe(1)
    expect(tags()).toEqual([])
    expect(gh.releases.size).toBe(0)
    expect(r.summary).toContain('no evaluation record of content-classifier')
    expect(r.stdout).toContain(`run 7777 is not used: its head commit comes from ${FORK} (a fork)`)
  }, 60_000)

  it("a trusted record whose outputs only a fork's run holds is not promoted", async () => {
    seedPull()
    const trusted = gh.seedRun(f.head, 'pull_request', 5000)
    gh.seedGate(f.head, trusted)
    gh.seedArtifact(f.recordArtifact, trusted, await recordZip(f))
    // Not on the head commit: found only through promotion's fallback, by name across the repository.
    const forkRun = gh.seedRun('f'.repeat(40), 'pull_request', 7777, { headRepository: FORK })
    gh.seedArtifact(f.trainArtifact, forkRun, trainZip)
    const r = await promoteRun()
    expect(r.code).toBe(1)
    expect(tags()).toEqual([])
    expect(gh.releases.size).toBe(0)
    expect(r.summary).toMatch(/no training outputs/)
  }, 60_000)
})
