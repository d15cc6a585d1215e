// The site action against the GitHub stand-in: the promote action releases a version through the REST API,
// then the site action reads the tags, the release's assets and the drift artifacts back and writes the site.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { attemptArtifactName } from '../src/constants.js'
import { driftArtifactName } from '../src/drift/record.js'
import type { SiteData } from '../src/site/site-data.js'
import { MAX_DRIFT_BYTES } from '../src/site/site-data.js'
import { GitHubStandIn } from './github/stand-in.js'
import {
  promoteMergedPull,
  promotionFixture,
  recordZip,
  seedMergedPull,
  zipFolder,
  type PromotionFixture
} from './helpers/promotion-fixture.js'
import { runAction } from './helpers/run-action.js'
import { withStandIn } from './helpers/with-stand-in.js'

// The drift action uploads each run's record under its first attempt's name.
const DRIFT_ARTIFACT = attemptArtifactName(driftArtifactName('content-classifier'), 1)

let f: PromotionFixture
let trainZip: Buffer
beforeAll(async () => {
  f = await promotionFixture()
  trainZip = await zipFolder(f.runDir)
}, 120_000)

let gh: GitHubStandIn
withStandIn(s => {
  gh = s.gh
  for (const sha of [f.base, f.head, f.merge]) gh.addCommit(sha)
  gh.seedRun(f.merge, 'pull_request', 4242)
})

/** The merged pull request (approved by bob) and what its jobs uploaded, then the promote action. */
async function promoted(): Promise<void> {
  seedMergedPull(gh, f)
  const run = gh.seedRun(f.head)
  gh.seedGate(f.head, run)
  gh.seedArtifact(f.recordArtifact, run, await recordZip(f))
  gh.seedArtifact(f.trainArtifact, run, trainZip)
  gh.approveEnvironment(4242, 'carol', ['model-production'])
  const r = await promoteMergedPull(f, gh.url)
  expect(r.code, r.stdout).toBe(0)
}

/** A drift artifact as the drift action uploads it: one drift.json. */
async function driftZip(record: unknown): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tg-site-drift-'))
  await writeFile(path.join(dir, 'drift.json'), typeof record === 'string' ? record : JSON.stringify(record))
  return zipFolder(dir)
}

const driftRecord = (at: string, raw: 'drift' | 'no-drift') => ({
  schema: 'tunegate.drift/v1',
  model: 'content-classifier',
  version: 'v1.0.0',
  commit: f.merge,
  at,
  verdict: raw,
  raw,
  streak: raw === 'drift' ? 1 : 0,
  consecutiveRuns: 1,
  share: raw === 'drift' ? 0.6 : 0,
  shareThreshold: 0.5,
  statistics: [],
  skipped: [],
  action: { kind: 'none' }
})

describe('the site action', () => {
  it('builds the site from the API: production version, approvals, release links, drift runs', async () => {
    await promoted()
    gh.seedArtifact(
      DRIFT_ARTIFACT,
      gh.seedRun(f.merge, 'schedule'),
      await driftZip(driftRecord('2026-02-01T00:00:00Z', 'no-drift'))
    )
    gh.seedArtifact(
      DRIFT_ARTIFACT,
      gh.seedRun(f.merge, 'schedule'),
      await driftZip(driftRecord('2026-02-08T00:00:00Z', 'drift'))
    )
    // A drift record over the size the site reads: a problem named, not a silent gap.
    gh.seedArtifact(DRIFT_ARTIFACT, gh.seedRun(f.merge, 'schedule'), await driftZip('x'.repeat(MAX_DRIFT_BYTES + 10)))
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'tg-site-out-')), 'site')
    const r = await runAction('site', {
      cwd: f.repo,
      inputs: { registry: 'registry', out, token: 'app-token' },
      env: { GITHUB_API_URL: gh.url, GITHUB_EVENT_NAME: 'push' }
    })
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.outputs).toEqual({ path: out, models: '1' })
    expect(r.stdout).toContain('a Pages site of a private repository is public')
    const data = JSON.parse(await readFile(path.join(out, 'data/site.json'), 'utf8')) as SiteData
    const [m] = data.models
    expect(m!.stages).toEqual([
      expect.objectContaining({ stage: 'production', version: 'v1.0.0', approved_by: ['bob'] })
    ])
    expect(m!.owners).toEqual(['@acme/content-ops'])
    expect(m!.risk_tier).toBe('low')
    const v = m!.versions[0]!
    expect(v.release_url).toBe('https://github.test/acme/models/releases/tag/content-classifier%40v1.0.0')
    expect(v.commit_url).toBe(`https://github.test/acme/models/commit/${f.merge}`)
    expect(v.pull_request).toMatchObject({ number: 1, author: 'alice', approvers: ['bob'] })
    expect(v.evaluation?.verdict).toBe('pass')
    expect(v.evaluation?.metrics.find(x => x.metric === 'accuracy' && x.slice === 'all')?.value).toBe(
      (f.record as { metrics: { accuracy: { slices: { all: { value: number } } } } }).metrics.accuracy.slices.all.value
    )
    expect(m!.drift.map(d => [d.at, d.verdict])).toEqual([
      ['2026-02-08T00:00:00Z', 'drift'],
      ['2026-02-01T00:00:00Z', 'no-drift']
    ])
    // The archive is small (it compresses well); the record in it is over the bound.
    expect(data.problems).toEqual([
      `drift record of content-classifier: artifact ${DRIFT_ARTIFACT} drift.json is ${MAX_DRIFT_BYTES + 10} bytes, over the ${MAX_DRIFT_BYTES}-byte limit the site reads`
    ])
    expect(r.stdout).toContain('::warning::drift record of content-classifier: artifact')
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain('content-classifier')
  }, 120_000)
})
