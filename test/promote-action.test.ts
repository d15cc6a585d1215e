// The bundled promote action, started as the runner starts it, against the GitHub stand-in.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { GitHubHost } from '../src/host/github-host.js'
import { createGitHubClient } from '../src/host/octokit-client.js'
import { git } from '../src/registry/git.js'
import { resolveState } from '../src/registry/state.js'
import { readSections } from '../src/report/sticky-comment.js'
import { parseSha256sums } from '../src/release/archive.js'
import { GitHubStandIn } from './github/stand-in.js'
import { promotionFixture, recordZip, zipFolder, type PromotionFixture } from './helpers/promotion-fixture.js'
import { commitAll, writeRepoFile } from './helpers/git-repo.js'
import { runAction } from './helpers/run-action.js'
import { withStandIn } from './helpers/with-stand-in.js'

let f: PromotionFixture
let trainZip: Buffer
beforeAll(async () => {
  f = await promotionFixture()
  trainZip = await zipFolder(f.runDir)
}, 120_000)

let gh: GitHubStandIn
const standIn = withStandIn(s => {
  gh = s.gh
  for (const sha of [f.base, f.head, f.merge]) gh.addCommit(sha)
  gh.seedRun(f.merge, 'pull_request', 4242) // this promote run itself, where environment approvals are read
})

const TAG = 'content-classifier@v1.0.0'
const STAGE_TAG = 'content-classifier#production#1'
const approvedByBob = () => [{ user: 'bob', state: 'APPROVED', commit_id: f.head }]

/** The pull request and what its jobs uploaded; the environment approved by carol unless told otherwise. */
function seed(o: {
  reviews?: { user: string; state: string; commit_id: string }[]
  record: Buffer
  train?: Buffer
  env?: boolean
}) {
  const pr = gh.seedPull({
    number: 1,
    author: 'alice',
    state: 'closed',
    merged: true,
    mergeCommitSha: f.merge,
    head: { ref: 'more-data', sha: f.head },
    base: { ref: 'main', sha: f.base },
    reviews: o.reviews ?? approvedByBob()
  })
  const run = gh.seedRun(f.head)
  gh.seedGate(f.head, run)
  gh.seedArtifact(f.recordArtifact, run, o.record)
  gh.seedArtifact(f.trainArtifact, run, o.train ?? trainZip)
  if (o.env !== false) gh.approveEnvironment(4242, 'carol', ['model-production'])
  return pr
}

async function promoteRun(
  o: { token?: string; inputs?: Record<string, string>; event?: unknown; eventName?: string; cwd?: string } = {}
) {
  return runAction('promote', {
    cwd: o.cwd ?? f.repo,
    inputs: {
      registry: 'registry',
      token: o.token ?? 'app-token',
      action: 'promote',
      model: '',
      stage: '',
      version: '',
      'pull-request-wait-seconds': '0',
      ...o.inputs
    },
    event: o.event ?? {
      action: 'closed',
      pull_request: { number: 1, merged: true, merge_commit_sha: f.merge },
      repository: { default_branch: 'main' }
    },
    env: { GITHUB_API_URL: gh.url, GITHUB_EVENT_NAME: o.eventName ?? 'pull_request', GITHUB_ACTOR: 'dana' }
  })
}

const host = () =>
  new GitHubHost(createGitHubClient({ token: 'app-token', baseUrl: gh.url, retries: 0 }), {
    owner: 'acme',
    repo: 'models'
  })
const tagNames = () =>
  [...gh.refs.keys()]
    .filter(r => r.startsWith('refs/tags/'))
    .map(r => r.slice(10))
    .sort()
const promoteSection = () => readSections([...gh.comments.values()][0]?.body).get('promote') ?? ''

async function expectBlocked(reason: RegExp) {
  const r = await promoteRun()
  expect(r.code).toBe(1)
  expect(tagNames()).toEqual([])
  expect(gh.releases.size).toBe(0)
  expect(gh.comments.size).toBe(1)
  expect(promoteSection()).toContain('promotion blocked for `content-classifier`')
  expect(promoteSection()).toMatch(reason)
  expect(promoteSection()).toContain('How to fix:')
  expect(r.summary).toMatch(reason)
  return r
}

describe('the bundled promote action: a clean promotion', () => {
  it('tags the merge commit, publishes the release with every asset checked, assigns the stage, comments once', async () => {
    seed({ record: await recordZip(f) })
    const r = await promoteRun()
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(tagNames()).toEqual([STAGE_TAG, TAG])
    // The annotated tag object (REST: tag object with a tagger, then the ref) on the merge commit.
    const tagObject = gh.tagObjects.get(gh.refs.get(`refs/tags/${TAG}`)!)!
    expect(tagObject.object).toBe(f.merge)
    expect(tagObject.tagger.name).toBe('tunegate')
    expect(tagObject.message).toMatch(/^content-classifier v1\.0\.0 \(first: first version\)/)
    expect(tagObject.message).toContain(
      `training_fingerprint: ${(f.record as { training_fingerprint: string }).training_fingerprint}`
    )
    const stageObject = gh.tagObjects.get(gh.refs.get(`refs/tags/${STAGE_TAG}`)!)!
    expect(Date.parse(stageObject.tagger.date)).toBeGreaterThan(Date.parse(tagObject.tagger.date))

    const [release] = [...gh.releases.values()]
    expect(release).toMatchObject({ tag: TAG, draft: false, name: 'content-classifier v1.0.0' })
    const assets = [...gh.assets.values()].filter(a => a.release === release!.id)
    const names = assets.map(a => a.name).sort()
    expect(names).toEqual(['README.md', 'SHA256SUMS', 'evaluation.json', 'manifest.json', f.trainAsset])
    const sums = parseSha256sums(assets.find(a => a.name === 'SHA256SUMS')!.data.toString())
    for (const a of assets.filter(x => x.name !== 'SHA256SUMS'))
      expect(sums.get(a.name)).toBe((await import('node:crypto')).createHash('sha256').update(a.data).digest('hex'))
    // The body is the model card, without asset links (a draft has no stable URLs).
    expect(release!.body).toBe(assets.find(a => a.name === 'README.md')!.data.toString())
    // A baseline-trainer version claims no base model it was not derived from.
    expect(release!.body).toMatch(/^---\npipeline_tag: text-classification\n/)
    expect(release!.body).not.toMatch(/^base_model:/m)
    expect(release!.body).toContain('model-index:')
    expect(release!.body).toContain('## Environmental Impact')
    expect(release!.body).not.toMatch(/releases\/download|https?:\/\//)
    const manifest = JSON.parse(assets.find(a => a.name === 'manifest.json')!.data.toString())
    expect(manifest).toMatchObject({
      schema: 'tunegate.manifest/v1',
      version: 'v1.0.0',
      commit: f.merge,
      pull_request: { number: 1, author: 'alice', head_sha: f.head, approvers: ['bob'] },
      parent: null
    })
    // Published last and once: every upload happened before the one update that publishes.
    const ops = gh.log.map(l => l.operationId)
    const publish = ops.lastIndexOf('repos/update-release')
    expect(ops.filter(o => o === 'repos/update-release')).toHaveLength(1)
    expect(ops.lastIndexOf('repos/upload-release-asset')).toBeLessThan(publish)
    // The server-side digests were read after the last upload and before publishing.
    const listed = ops.slice(ops.lastIndexOf('repos/upload-release-asset'), publish)
    expect(listed).toContain('repos/list-release-assets')

    expect(gh.comments.size).toBe(1)
    expect(promoteSection()).toContain('Tunegate promoted `content-classifier` v1.0.0')
    expect(JSON.parse(r.outputs.promoted!)).toEqual([
      { model: 'content-classifier', version: 'v1.0.0', tag: TAG, stage: 'production' }
    ])
    // GTO's rules over the tags GitHub now has.
    const state = resolveState(await host().listTags()).get('content-classifier')!
    expect(state.latest?.version).toBe('v1.0.0')
    expect(state.stages.production).toMatchObject({ version: 'v1.0.0', tag: STAGE_TAG, commit: f.merge })
    expect(r.summary).not.toContain('GITHUB_TOKEN')
  })

  it('on push, finds the merged pull request once GitHub lists it (retry with backoff); warns about GITHUB_TOKEN', async () => {
    seed({ record: await recordZip(f) })
    gh.pullsLag.set(f.merge, 2)
    const r = await promoteRun({
      token: 'test-token',
      eventName: 'push',
      event: { after: f.merge, repository: { default_branch: 'main' } },
      inputs: { 'pull-request-wait-seconds': '10' }
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('No merged pull request for')
    expect(tagNames()).toEqual([STAGE_TAG, TAG])
    expect(r.summary).toContain('This ran with GITHUB_TOKEN')
    expect(r.stdout).toContain('::warning::This ran with GITHUB_TOKEN')
  })

  it('a push that is not a merged pull request promotes nothing and says why', async () => {
    const r = await promoteRun({ eventName: 'push', event: { after: f.merge, repository: { default_branch: 'main' } } })
    expect(r.code).toBe(0)
    expect(r.summary).toContain('is not the merge commit of a merged pull request')
    expect(tagNames()).toEqual([])
  })
})

describe('the bundled promote action: tags Tunegate did not make', () => {
  it('a lightweight content-classifier@v1.0.0 does not block the promotion: its number is skipped, and said', async () => {
    seed({ record: await recordZip(f) })
    gh.refs.set(`refs/tags/${TAG}`, f.base) // a lightweight tag: the ref names a commit, not a tag object
    const r = await promoteRun()
    expect(r.code).toBe(0)
    expect(r.outputs.tags).toBe(`content-classifier@v2.0.0\n${STAGE_TAG}`)
    expect(gh.refs.get(`refs/tags/${TAG}`)).toBe(f.base)
    expect(r.summary).toMatch(/v1\.0\.0 is not a version Tunegate registered \\?\(a lightweight or hand-made tag/)
  })
})

describe('the bundled promote action: approvals belong to a pull request into the default branch', () => {
  it("a pull request merged into dev whose commit was then pushed to main is not promoted with dev's approvals", async () => {
    seed({ record: await recordZip(f) })
    gh.pulls.get(1)!.base.ref = 'dev'
    const r = await promoteRun({ eventName: 'push', event: { after: f.merge, repository: { default_branch: 'main' } } })
    expect(r.code).toBe(0)
    expect(r.summary).toContain(
      "pull request #1 was merged into 'dev', not the default branch 'main': its approvals were given for 'dev'"
    )
    expect(tagNames()).toEqual([])
    expect(gh.releases.size).toBe(0)
  })

  it('the same on a pull_request closed event', async () => {
    seed({ record: await recordZip(f) })
    gh.pulls.get(1)!.base.ref = 'dev'
    const r = await promoteRun()
    expect(r.summary).toContain("merged into 'dev', not the default branch 'main'")
    expect(tagNames()).toEqual([])
  })
})

describe('the bundled promote action: verification blocks before anything is written', () => {
  it('an edited evaluation.json fails with what differs', async () => {
    const edited = structuredClone(f.record) as { metrics: Record<string, { slices: { all: { value: number } } }> }
    edited.metrics.accuracy!.slices.all.value = 0.999
    seed({ record: await recordZip(f, edited) })
    await expectBlocked(/accuracy on all: the record says 0\.999 \\?\(n=197\\?\), recomputed 0\.\d+/)
  })

  it('swapped predictions fail: they are not the ones the record scored', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-swapped-'))
    await cp(f.runDir, dir, { recursive: true })
    const file = path.join(dir, 'predictions.jsonl')
    const lines = (await readFile(file, 'utf8')).trim().split('\n')
    const first = JSON.parse(lines[0]!) as { id: string; prediction: string }
    lines[0] = JSON.stringify({ ...first, prediction: first.prediction === 'seo' ? 'ux' : 'seo' })
    await writeFile(file, lines.join('\n') + '\n')
    seed({ record: await recordZip(f), train: await zipFolder(dir) })
    await expectBlocked(/these are not the predictions that were evaluated/)
  })

  it('too few approvals', async () => {
    seed({ record: await recordZip(f), reviews: [{ user: 'bob', state: 'COMMENTED', commit_id: f.head }] })
    await expectBlocked(/risk tier &#39;low&#39; needs 1 approval|risk tier 'low' needs 1 approval/)
  })

  it('self-approval does not count', async () => {
    seed({ record: await recordZip(f), reviews: [{ user: 'alice', state: 'APPROVED', commit_id: f.head }] })
    const r = await expectBlocked(/needs 1 approval .* it has 0/)
    expect(r.summary).toContain("the pull request's author cannot approve it")
  })

  it('an approval from someone without write access does not count, and the report says why', async () => {
    gh.collaborators.delete('bob')
    seed({ record: await recordZip(f) })
    const r = await expectBlocked(/needs 1 approval .* it has 0/)
    expect(r.summary).toContain('bob: has read access to the repository, not write; GitHub does not count the review')
  })

  it("on a bot's drift pull request, whoever pushed the last commit cannot approve it", async () => {
    seed({ record: await recordZip(f), reviews: [{ user: 'carol', state: 'APPROVED', commit_id: f.head }] })
    const pr = gh.pulls.get(1)!
    pr.author = 'tunegate[bot]'
    pr.head.ref = 'tunegate/retrain/content-classifier'
    gh.activities.push(
      {
        ref: `refs/heads/${pr.head.ref}`,
        before: '0'.repeat(40),
        after: f.base,
        actor: 'tunegate[bot]',
        type: 'branch_creation'
      },
      { ref: `refs/heads/${pr.head.ref}`, before: f.base, after: f.head, actor: 'carol', type: 'push' }
    )
    const r = await expectBlocked(/needs 1 approval .* it has 0/)
    expect(r.summary).toContain(`carol: pushed the head commit ${f.head.slice(0, 7)}, so cannot approve it`)
  })

  it('a stale approval (before the last push) does not count when the tier asks for the head commit', async () => {
    seed({ record: await recordZip(f), reviews: [{ user: 'bob', state: 'APPROVED', commit_id: f.base }] })
    const r = await expectBlocked(/needs 1 approval from reviewers other than the author of the head commit/)
    expect(r.summary).toMatch(/approved \w{7}, not the head commit \w{7} \\?\(stale/)
  })

  it('CHANGES_REQUESTED after APPROVED overrides it', async () => {
    seed({
      record: await recordZip(f),
      reviews: [
        { user: 'bob', state: 'APPROVED', commit_id: f.head },
        { user: 'carol', state: 'APPROVED', commit_id: f.head },
        { user: 'carol', state: 'COMMENTED', commit_id: f.head },
        { user: 'bob', state: 'CHANGES_REQUESTED', commit_id: f.head }
      ]
    })
    // carol's approval still counts (her comment carries no opinion), but bob now requests changes.
    await expectBlocked(/changes requested by bob/)
  })

  it("the tier's environment must have approved this run, by someone other than the author", async () => {
    seed({ record: await recordZip(f), env: false })
    gh.approveEnvironment(4242, 'alice', ['model-production'])
    await expectBlocked(/environment .model-production. not approved/)
  })

  it('the fingerprints differ when main moved after the evaluation: blocked with the command to re-evaluate', async () => {
    // Another data change landed on main before this merge: the merged tree is not what was evaluated.
    await git(f.repo, ['checkout', '-q', '-b', 'moved', f.base])
    const train = path.join(f.repo, 'registry/datasets/content-classifier/train.jsonl')
    await writeRepoFile(
      f.repo,
      'registry/datasets/content-classifier/train.jsonl',
      (await readFile(train, 'utf8')) +
        JSON.stringify({
          id: 'moved-1',
          text: 'a brand new row from main',
          label: 'seo',
          use_case: 'internal-linking'
        }) +
        '\n'
    )
    const moved = await commitAll(f.repo, 'another data change on main')
    const tree = (await git(f.repo, ['rev-parse', `${moved}^{tree}`])).trim()
    const merge = (await git(f.repo, ['commit-tree', tree, '-p', moved, '-p', f.head, '-m', 'merge'])).trim()
    await git(f.repo, ['checkout', '-q', merge])
    try {
      gh.addCommit(merge)
      const pr = seed({ record: await recordZip(f) })
      gh.pulls.get(pr)!.mergeCommitSha = merge
      const r = await promoteRun({
        event: {
          action: 'closed',
          pull_request: { number: 1, merged: true, merge_commit_sha: merge },
          repository: { default_branch: 'main' }
        }
      })
      expect(r.code).toBe(1)
      expect(tagNames()).toEqual([])
      expect(gh.releases.size).toBe(0)
      expect(promoteSection()).toContain('what was evaluated is not what was merged')
      expect(promoteSection()).toContain('main moved after the evaluation')
      expect(promoteSection()).toMatch(
        /tunegate train --model content-classifier &amp;&amp; tunegate evaluate|gh workflow run/
      )
    } finally {
      await git(f.repo, ['checkout', '-q', f.merge])
    }
  })

  it('a token without contents: write gets a plain error naming the permission', async () => {
    seed({ record: await recordZip(f) })
    gh.inject({ method: 'POST', path: /\/git\/tags$/, status: 403, message: 'Resource not accessible by integration' })
    const r = await promoteRun()
    expect(r.code).toBe(1)
    expect(r.summary).toContain('The token cannot create tags')
    expect(r.summary).toContain('permissions: contents: write')
    expect(gh.releases.size).toBe(0)
  })
})

describe('the bundled promote action: re-runs finish the job without duplicates', () => {
  it('an upload that fails, then a re-run (one tag, one release); a later re-run leaves the published release alone', async () => {
    seed({ record: await recordZip(f) })
    gh.inject({ method: 'POST', path: /\/releases\/\d+\/assets$/, status: 400, message: 'Bad Content-Length' })
    const first = await promoteRun()
    expect(first.code).toBe(1)
    expect(tagNames()).toEqual([TAG])
    expect([...gh.releases.values()][0]!.draft).toBe(true)
    const second = await promoteRun()
    expect(second.code).toBe(0)
    expect(second.stdout).toContain('already there (reused)')
    expect(second.stdout).toContain('Resuming the draft release')
    expect(tagNames()).toEqual([STAGE_TAG, TAG])
    expect(gh.releases.size).toBe(1)
    expect([...gh.releases.values()][0]!.draft).toBe(false)
    expect([...gh.assets.values()]).toHaveLength(5)
    expect(gh.comments.size).toBe(1)
    expect(promoteSection()).toContain('Tunegate promoted')

    // Published releases are immutable (the stand-in answers 422 to a change): a re-run writes nothing.
    const before = gh.log.length
    const third = await promoteRun()
    expect(third.code).toBe(0)
    expect(third.stdout).toContain('already published with the expected assets; left alone')
    // Only the report comment is edited in place (its notes now say the release was left alone).
    expect(gh.log.slice(before).filter(l => l.method !== 'GET' && !l.path.includes('/issues/comments/'))).toEqual([])
    const [release] = [...gh.releases.values()]
    await expect(
      host().publishRelease({ id: release!.id, tag: TAG, draft: false, url: '', uploadUrl: '' })
    ).rejects.toMatchObject({ status: 422 })
    expect(tagNames()).toEqual([STAGE_TAG, TAG])
  }, 180_000) // three promotions on a shared machine: the bound ends a hang, it does not time the work
})

describe('the bundled promote action: cost independent of history', () => {
  /**
   * A checkout of the merge commit (actions/checkout with fetch-depth: 0) whose model already has `versions`
   * versions, each registered and assigned to production on its own commit (2 tags each), and the bare
   * repository the stand-in serves them from: tags written through the API are real tag objects there.
   */
  async function history(versions: number): Promise<{ checkout: string; bare: string }> {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-history-'))
    const checkout = path.join(dir, 'checkout')
    await cp(f.repo, checkout, { recursive: true })
    const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`
    let stream = ''
    for (let i = 0; i < versions; i++) {
      const at = 1_700_000_000 + 10 * i
      const tag = (name: string, time: number, message: string) =>
        `tag ${name}\nfrom :${i + 1}\ntagger tunegate <t@x.test> ${time} +0000\n${data(message)}`
      stream +=
        `commit refs/heads/history\nmark :${i + 1}\ncommitter T <t@x.test> ${at} +0000\n${data(`change ${i}`)}` +
        (i === 0 ? `from ${f.base}\n` : '') +
        tag(`content-classifier@v0.${i}.0`, at, `content-classifier v0.${i}.0`) +
        tag(`content-classifier#production#${i + 1}`, at + 1, `content-classifier v0.${i}.0 lands in production`)
    }
    await git(checkout, ['fast-import', '--quiet'], { input: stream })
    await git(checkout, ['update-ref', 'refs/heads/main', f.merge])
    const bare = path.join(dir, 'origin.git')
    await git(dir, ['clone', '-q', '--mirror', checkout, bare])
    return { checkout, bare }
  }

  /** Promotes the merge over `versions` earlier versions; the API calls it made, by operation. */
  async function promoteOver(versions: number): Promise<Record<string, number>> {
    const { checkout, bare } = await history(versions)
    gh = await standIn.replace({ git: bare })
    gh.seedRun(f.merge, 'pull_request', 4242)
    seed({ record: await recordZip(f) })
    const r = await promoteRun({ cwd: checkout })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const calls: Record<string, number> = {}
    for (const l of gh.log) calls[l.operationId ?? l.path] = (calls[l.operationId ?? l.path] ?? 0) + 1
    return calls
  }

  it('promotes over 500 tags of the model in the same API calls as over 10: tags are read from the checkout', async () => {
    const few = await promoteOver(5)
    const many = await promoteOver(250)
    expect(tagNames()).toHaveLength(502)
    expect(tagNames()).toContain('content-classifier#production#251')
    const stage = await host().listTags('content-classifier#production#251')
    expect(stage[0]).toMatchObject({ commit: f.merge, annotated: true })
    // One matching-refs call before the writes and one after; no tag object read one call at a time.
    expect(many['git/list-matching-refs']).toBe(2)
    expect(many['git/get-tag'] ?? 0).toBe(0)
    expect(many).toEqual(few)
  }, 240_000)
})

describe('the bundled promote action: a stall between the version tag and the stage tag', () => {
  it('leaves the version registered but unassigned; a re-run finds the version tag and writes the stage tag', async () => {
    seed({ record: await recordZip(f) })
    // The version tag's objects go through; the stage tag's tag object is refused (the job stalls there).
    gh.inject({
      method: 'POST',
      path: /\/git\/tags$/,
      status: 403,
      message: 'Resource not accessible by integration',
      after: 1
    })
    const first = await promoteRun()
    expect(first.code).toBe(1)
    expect(tagNames()).toEqual([TAG])
    let state = resolveState(await host().listTags('content-classifier')).get('content-classifier')!
    expect(state.latest?.version).toBe('v1.0.0')
    expect(state.stages.production).toBeUndefined()
    const second = await promoteRun()
    expect(second.code).toBe(0)
    expect(second.stdout).toContain(`tag ${TAG} already there (reused)`)
    expect(tagNames()).toEqual([STAGE_TAG, TAG])
    state = resolveState(await host().listTags('content-classifier')).get('content-classifier')!
    expect(state.stages.production).toMatchObject({ version: 'v1.0.0', commit: f.merge, tag: STAGE_TAG })
    expect(gh.releases.size).toBe(1)
    // A third run writes no tag: the stage is already assigned to this version.
    const third = await promoteRun()
    expect(third.code).toBe(0)
    expect(third.stdout).toContain(`already assigned to production by ${STAGE_TAG}`)
    expect(tagNames()).toEqual([STAGE_TAG, TAG])
  }, 120_000)
})

describe('the bundled promote action: workflow_dispatch stage commands', () => {
  const at = (s: number) => new Date((1_800_000_000 + s) * 1000).toISOString().replace(/\.\d+Z$/, 'Z')
  function twoVersions() {
    gh.seedTag('content-classifier@v1.0.0', f.base, at(0))
    gh.seedTag('content-classifier#production#1', f.base, at(1))
    gh.seedTag('content-classifier@v1.1.0', f.merge, at(2))
    gh.seedTag('content-classifier#production#2', f.merge, at(3))
  }
  const dispatch = (inputs: Record<string, string>, cwd?: string) =>
    promoteRun({
      eventName: 'workflow_dispatch',
      event: { inputs, repository: { default_branch: 'main' } },
      inputs,
      ...(cwd ? { cwd } : {})
    })

  it("on another branch, obeys the default branch's protected stages and tiers, not the branch's", async () => {
    twoVersions()
    const repo = await mkdtemp(path.join(tmpdir(), 'tg-loose-'))
    await cp(f.repo, repo, { recursive: true })
    await git(repo, ['checkout', '-q', '-b', 'loose', 'main'])
    const config = path.join(repo, 'registry/registry.yaml')
    await writeFile(
      config,
      (await readFile(config, 'utf8')).replace('protected_stages: [production]', 'protected_stages: []')
    )
    await commitAll(repo, 'nothing is protected here')
    const r = await dispatch({ action: 'rollback', model: 'content-classifier', stage: 'production' }, repo)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain("Stage 'production' is protected: this run's deployment")
    expect(r.stdout).toMatch(/Governance .* from main at /)
    expect(tagNames()).toHaveLength(4)
  })

  it('rolls back with a new stage tag (history appended) once the environment approved, and shows before/after', async () => {
    twoVersions()
    const refused = await dispatch({ action: 'rollback', model: 'content-classifier', stage: 'production' })
    expect(refused.code).toBe(1)
    expect(refused.stdout).toContain("Stage 'production' is protected")
    gh.approveEnvironment(4242, 'dana', ['model-production']) // the actor cannot approve their own move
    expect((await dispatch({ action: 'rollback', model: 'content-classifier', stage: 'production' })).code).toBe(1)
    gh.approveEnvironment(4242, 'carol', ['model-production'])
    const r = await dispatch({ action: 'rollback', model: 'content-classifier', stage: 'production' })
    expect(r.code).toBe(0)
    expect(r.outputs.tags).toBe('content-classifier#production#3')
    expect(r.summary).toMatch(/\| before \| v1\.1\.0 \| – \| v1\.1\.0 \| no \|/)
    expect(r.summary).toMatch(/\| after \| v1\.1\.0 \| – \| v1\.0\.0 \| no \|/)
    const state = resolveState(await host().listTags()).get('content-classifier')!
    expect(state.stages.production).toMatchObject({ version: 'v1.0.0', tag: 'content-classifier#production#3' })
    // Written strictly after the model's newest tag, so gto and Tunegate cannot break a tie differently.
    const rollback = gh.tagObjects.get(gh.refs.get('refs/tags/content-classifier#production#3')!)!
    expect(Date.parse(rollback.tagger.date)).toBeGreaterThan(Date.parse(at(3)))
    expect(tagNames()).toHaveLength(5)
  })

  it('deregisters and deprecates with new tags only', async () => {
    twoVersions()
    const d = await dispatch({ action: 'deregister', model: 'content-classifier', version: 'v1.1.0' })
    expect(d.code).toBe(0)
    expect(d.outputs.tags).toBe('content-classifier@v1.1.0!')
    let state = resolveState(await host().listTags()).get('content-classifier')!
    expect(state.latest?.version).toBe('v1.0.0')
    // gto hides a deregistered version's stages: production falls back to the earlier assignment.
    expect(state.stages.production?.version).toBe('v1.0.0')
    const dep = await dispatch({ action: 'deprecate', model: 'content-classifier' })
    expect(dep.code).toBe(0)
    expect(dep.summary).toMatch(/\| after \| v1\.0\.0 \| – \| v1\.0\.0 \| yes \|/)
    state = resolveState(await host().listTags()).get('content-classifier')!
    expect(state.deprecated).toBe(true)
    expect(tagNames()).toEqual([
      'content-classifier#production#1',
      'content-classifier#production#2',
      'content-classifier@deprecated',
      'content-classifier@v1.0.0',
      'content-classifier@v1.1.0',
      'content-classifier@v1.1.0!'
    ])
  })
})
