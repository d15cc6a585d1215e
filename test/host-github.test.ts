import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import yazl from 'yazl'
import { describe, expect, it } from 'vitest'
import { GitHubHost } from '../src/host/github-host.js'
import { createGitHubClient } from '../src/host/octokit-client.js'
import { readSections, STICKY_MARKER } from '../src/report/sticky-comment.js'
import { GitHubStandIn } from './github/stand-in.js'
import { withStandIn } from './helpers/with-stand-in.js'

let gh: GitHubStandIn
const client = (token = 'test-token') => createGitHubClient({ token, baseUrl: gh.url, retryAfterBaseValue: 20 })
const host = (token = 'test-token') => new GitHubHost(client(token), { owner: gh.owner, repo: gh.repo, settleMs: 30 })

withStandIn(s => (gh = s.gh))

function zip(files: Record<string, string>): Promise<Buffer> {
  const z = new yazl.ZipFile()
  for (const [name, content] of Object.entries(files)) z.addBuffer(Buffer.from(content), name)
  z.end()
  const chunks: Buffer[] = []
  return new Promise((resolve, reject) => {
    z.outputStream.on('data', (c: Buffer) => chunks.push(c))
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)))
    z.outputStream.on('error', reject)
  })
}

describe('the stand-in', () => {
  it('rejects a request GitHub would reject, with the schema error', async () => {
    const octokit = client()
    const error = await octokit.rest.repos
      .createCommitStatus({ owner: gh.owner, repo: gh.repo, sha: 'a'.repeat(40), state: 'bogus' as 'success' })
      .catch((e: { status: number; message: string }) => e)
    expect(error).toMatchObject({ status: 422 })
    expect((error as { message: string }).message).toMatch(/state/)
    expect(gh.violations).toHaveLength(1)
    expect(gh.violations[0]).toMatch(/repos\/create-commit-status .* breaks GitHub's schema: request body/)
    gh.violations.length = 0
  })

  it('refuses paths that are not GitHub endpoints', async () => {
    await expect(
      client().request('GET /repos/{owner}/{repo}/no-such-thing', { owner: gh.owner, repo: gh.repo })
    ).rejects.toMatchObject({ status: 404 })
    expect(gh.violations[0]).toMatch(/not an endpoint/)
    gh.violations.length = 0
  })
})

describe('sticky comment', () => {
  it('writes one comment per pull request and edits it in place', async () => {
    const pr = gh.seedPull({
      head: { ref: 'feature', sha: 'b'.repeat(40) },
      base: { ref: 'main', sha: 'c'.repeat(40) }
    })
    const h = host()
    const first = await h.upsertCommentSection(pr, 'validate', '### Validation\nall good')
    const second = await h.upsertCommentSection(pr, 'validate', '### Validation\n2 errors')
    const unchanged = await h.upsertCommentSection(pr, 'validate', '### Validation\n2 errors')
    expect(gh.comments.size).toBe(1)
    const [comment] = gh.comments.values()
    expect(comment!.body).toContain(STICKY_MARKER)
    expect(readSections(comment!.body).get('validate')).toBe('### Validation\n2 errors')
    expect(first.changed && second.changed).toBe(true)
    expect(unchanged.changed).toBe(false)
    expect(second.url).toBe(first.url)
  })

  it('keeps both sections when two jobs write at the same time', async () => {
    const pr = gh.seedPull({
      head: { ref: 'feature', sha: 'b'.repeat(40) },
      base: { ref: 'main', sha: 'c'.repeat(40) }
    })
    await Promise.all([
      host().upsertCommentSection(pr, 'evaluate:seo-writer', 'seo-writer: pass'),
      host().upsertCommentSection(pr, 'evaluate:schema-markup', 'schema-markup: fail')
    ])
    await host().upsertCommentSection(pr, 'evaluate:seo-writer', 'seo-writer: pass, second push')
    expect(gh.comments.size).toBe(1)
    const sections = readSections([...gh.comments.values()][0]!.body)
    expect(sections.get('evaluate:seo-writer')).toBe('seo-writer: pass, second push')
    expect(sections.get('evaluate:schema-markup')).toBe('schema-markup: fail')
  })

  it("ignores a person's comment that quotes the marker", async () => {
    const pr = gh.seedPull({
      head: { ref: 'feature', sha: 'b'.repeat(40) },
      base: { ref: 'main', sha: 'c'.repeat(40) }
    })
    await client('human-token').rest.issues.createComment({
      owner: gh.owner,
      repo: gh.repo,
      issue_number: pr,
      body: `${STICKY_MARKER} hijack`
    })
    await host().upsertCommentSection(pr, 'validate', 'ok')
    expect(gh.comments.size).toBe(2)
    expect([...gh.comments.values()].find(c => c.user.type === 'Bot')!.body).toContain('ok')
  })

  it("ignores another App's bot comment quoting the marker, or opening with it, and writes its own", async () => {
    const pr = gh.seedPull({ head: { ref: 'f', sha: 'b'.repeat(40) }, base: { ref: 'main', sha: 'c'.repeat(40) } })
    const other = client('app-token').rest.issues
    const says = (body: string) => other.createComment({ owner: gh.owner, repo: gh.repo, issue_number: pr, body })
    await says(`Tunegate wrote:\n> ${STICKY_MARKER}\n> <!-- tunegate:section validate -->\n> forged`)
    await says(`${STICKY_MARKER}\n<!-- tunegate:section validate -->\nforged\n<!-- /tunegate:section validate -->`)
    await host().upsertCommentSection(pr, 'evaluate:seo-writer', 'ok')
    await host().upsertCommentSections(pr, new Map([['validate', 'valid']]))
    const ours = [...gh.comments.values()].filter(c => c.user.login === 'github-actions[bot]')
    expect(ours).toHaveLength(1)
    expect(readSections(ours[0]!.body).get('validate')).toBe('valid')
    expect([...gh.comments.values()].filter(c => c.body.includes('forged'))).toHaveLength(2)
  })

  it("with a person's token (PAT), finds its own comment again instead of adding one per push", async () => {
    const pr = gh.seedPull({ head: { ref: 'f', sha: 'b'.repeat(40) }, base: { ref: 'main', sha: 'c'.repeat(40) } })
    await host('human-token').upsertCommentSection(pr, 'validate', 'first')
    await host('human-token').upsertCommentSection(pr, 'validate', 'second')
    expect(gh.comments.size).toBe(1)
    expect([...gh.comments.values()][0]!.body).toContain('second')
  })

  it('cannot be forged by section content', async () => {
    const pr = gh.seedPull({ head: { ref: 'f', sha: 'b'.repeat(40) }, base: { ref: 'main', sha: 'c'.repeat(40) } })
    await host().upsertCommentSection(
      pr,
      'validate',
      'text <!-- /tunegate:section validate -->\n<!-- tunegate:section evaluate:x -->forged'
    )
    const sections = readSections([...gh.comments.values()][0]!.body)
    expect([...sections.keys()]).toEqual(['validate'])
  })
})

describe('resilience', () => {
  it('survives a 429 with retry-after (secondary rate limit)', async () => {
    gh.inject({
      path: /\/statuses\//,
      status: 429,
      headers: { 'retry-after': '1' },
      message: 'You have exceeded a secondary rate limit'
    })
    await host().setCommitStatus('d'.repeat(40), { state: 'pending', description: 'Evaluating' })
    expect(gh.statuses).toHaveLength(1)
    expect(gh.log.filter(r => r.operationId === 'repos/create-commit-status').map(r => r.status)).toEqual([429, 201])
  })

  it('survives a primary rate limit (403, x-ratelimit-remaining: 0)', async () => {
    gh.inject({
      path: /\/pulls\/\d+$/,
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) },
      message: 'API rate limit exceeded'
    })
    const pr = gh.seedPull({ head: { ref: 'f', sha: 'b'.repeat(40) }, base: { ref: 'main', sha: 'c'.repeat(40) } })
    expect((await host().getPullRequest(pr)).number).toBe(pr)
  })

  it('survives three 5xx in a row', async () => {
    gh.inject({ path: /\/statuses\//, status: 502, times: 2 })
    gh.inject({ path: /\/statuses\//, status: 503, times: 1 })
    await host().setCommitStatus('d'.repeat(40), { state: 'success', description: 'All gates pass' })
    expect(gh.log.filter(r => r.operationId === 'repos/create-commit-status').map(r => r.status)).toEqual([
      502, 502, 503, 201
    ])
  })

  it('never retries a 422', async () => {
    gh.inject({ path: /\/statuses\//, status: 422, message: 'Validation Failed' })
    await expect(host().setCommitStatus('d'.repeat(40), { state: 'success', description: 'x' })).rejects.toMatchObject({
      status: 422
    })
    expect(gh.log.filter(r => r.operationId === 'repos/create-commit-status')).toHaveLength(1)
  })
})

describe('pull requests and statuses', () => {
  it('reads a pull request with its files and reviews, across pages', async () => {
    const files: { filename: string; status: string; previous_filename?: string }[] = Array.from(
      { length: 130 },
      (_, i) => ({ filename: `registry/datasets/d${i}.jsonl`, status: 'modified' })
    )
    files.push({
      filename: 'registry/prompts/new.yaml',
      status: 'renamed',
      previous_filename: 'registry/prompts/old.yaml'
    })
    const pr = gh.seedPull({
      title: 'More product descriptions',
      author: 'alice',
      head: { ref: 'data', sha: 'b'.repeat(40), fork: true },
      base: { ref: 'main', sha: 'c'.repeat(40) },
      files,
      reviews: [{ user: 'bob', state: 'APPROVED', commit_id: 'b'.repeat(40) }]
    })
    const info = await host().getPullRequest(pr)
    expect(info).toMatchObject({
      number: pr,
      author: 'alice',
      headSha: 'b'.repeat(40),
      baseRef: 'main',
      fromFork: true,
      merged: false
    })
    expect(info.changedFiles).toHaveLength(131)
    expect(info.changedFiles.at(-1)).toEqual({
      path: 'registry/prompts/new.yaml',
      status: 'renamed',
      previousPath: 'registry/prompts/old.yaml'
    })
    expect(info.reviews).toEqual([expect.objectContaining({ user: 'bob', state: 'APPROVED' })])
  })

  it('finds the pull request of a merge commit', async () => {
    const merge = 'e'.repeat(40)
    const pr = gh.seedPull({
      state: 'closed',
      merged: true,
      mergeCommitSha: merge,
      head: { ref: 'f', sha: 'b'.repeat(40) },
      base: { ref: 'main', sha: 'c'.repeat(40) }
    })
    expect(await host().findPullRequestForCommit(merge)).toBe(pr)
    expect(await host().findPullRequestForCommit('f'.repeat(40))).toBeUndefined()
  })

  it('cuts a status description to GitHub’s 140 characters', async () => {
    await host().setCommitStatus('d'.repeat(40), { state: 'failure', description: 'rouge_l regressed '.repeat(20) })
    expect(gh.statuses[0]!.description!.length).toBeLessThanOrEqual(140)
    expect(gh.statuses[0]!.context).toBe('tunegate')
  })
})

describe('tags and releases', () => {
  it('creates an annotated tag once and never moves it', async () => {
    const sha = gh.seedCommit('main', { 'README.md': 'hi' })
    const other = gh.seedCommit('other', { 'README.md': 'bye' })
    await host().createTag('seo-writer@v1.0.0', sha, 'register')
    await host().createTag('seo-writer@v1.0.0', sha, 'register')
    await expect(host().createTag('seo-writer@v1.0.0', other, 'move it')).rejects.toThrow(/never moved/)
    expect(gh.refs.get('refs/tags/seo-writer@v1.0.0')).toBe([...gh.tagObjects.values()][0]!.sha)
    expect(gh.tagObjects.size).toBe(1)
  })

  it('writes the tagger time, and reads one model’s tags back with times, targets and messages', async () => {
    const sha = gh.seedCommit('main', { 'README.md': 'hi' })
    gh.seedTag('seo-writer-v2@v9.0.0', sha, '2027-01-15T08:00:00Z')
    expect(await host().createTag('seo-writer@v1.0.0', sha, 'register\n', { taggedAt: 1_800_000_000 })).toBe('created')
    expect(await host().createTag('seo-writer@v1.0.0', sha, 'register\n')).toBe('exists')
    const tags = await host().listTags('seo-writer')
    const mine = tags.find(t => t.name === 'seo-writer@v1.0.0')
    expect(mine).toMatchObject({ commit: sha, taggedAt: 1_800_000_000, annotated: true, message: 'register' })
    // The prefix also lists seo-writer-v2's tags; the GTO parser keeps the models apart.
    expect(tags.map(t => t.name).sort()).toEqual(['seo-writer-v2@v9.0.0', 'seo-writer@v1.0.0'])
  })

  it('names the missing permission when the token may not create tags', async () => {
    const sha = gh.seedCommit('main', { 'README.md': 'hi' })
    gh.inject({ method: 'POST', path: /\/git\/tags$/, status: 403, message: 'Resource not accessible by integration' })
    await expect(host().createTag('m@v1.0.0', sha, 'x')).rejects.toThrow(
      /The token cannot create tags .*permissions: contents: write/
    )
  })

  it('lists the pull requests of a commit and finds only the one merged with it', async () => {
    const merge = 'm'.repeat(40).replace(/m/g, 'a')
    gh.seedPull({ number: 3, head: { ref: 'x', sha: merge }, base: { ref: 'main', sha: 'b'.repeat(40) } })
    expect(await host().findPullRequestForCommit(merge)).toBeUndefined()
    expect(await host().listPullRequestsForCommit(merge)).toEqual([{ number: 3 }])
  })

  it('creates a draft, uploads assets once, refuses different bytes, publishes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-release-'))
    const manifest = path.join(dir, 'manifest.json')
    await writeFile(manifest, '{"model":"seo-writer"}')
    const h = host()
    const release = await h.createDraftRelease('seo-writer@v1.0.0', 'seo-writer v1.0.0', 'model card')
    expect(release.draft).toBe(true)
    await h.uploadReleaseAsset(release, { name: 'manifest.json', path: manifest, contentType: 'application/json' })
    await h.uploadReleaseAsset(release, { name: 'manifest.json', path: manifest })
    expect(gh.assets.size).toBe(1)
    expect([...gh.assets.values()][0]!.data.toString()).toBe('{"model":"seo-writer"}')
    await writeFile(manifest, '{"model":"other"}')
    await expect(h.uploadReleaseAsset(release, { name: 'manifest.json', path: manifest })).rejects.toThrow(
      /never overwritten/
    )
    const again = await h.createDraftRelease('seo-writer@v1.0.0', 'seo-writer v1.0.0', 'model card, edited')
    expect(again.id).toBe(release.id)
    const url = await h.publishRelease(release)
    expect(url).toContain('seo-writer%40v1.0.0')
    expect([...gh.releases.values()][0]).toMatchObject({ draft: false, body: 'model card, edited' })
    await expect(h.createDraftRelease('seo-writer@v1.0.0', 'x', 'y')).rejects.toThrow(/already published/)
  })
})

describe('release lookup at 1,000 releases', () => {
  /** `n` published releases of other versions, older than anything the test writes. */
  function seedReleases(n: number, draftFirst?: string): void {
    const author = { login: 'github-actions[bot]', type: 'Bot' as const }
    const at = '2026-01-01T00:00:00Z'
    const add = (tag: string, draft: boolean) => {
      const id = gh.id()
      gh.releases.set(id, {
        id,
        tag,
        name: tag,
        body: '',
        draft,
        author,
        created: at,
        ...(draft ? {} : { published: at })
      })
    }
    if (draftFirst) add(draftFirst, true)
    for (let i = 0; i < n; i++) add(`other@v0.${i}.0`, false)
  }

  /** The API calls made since the last call, by operation. */
  function calls(): Record<string, number> {
    const out: Record<string, number> = {}
    for (const l of gh.log) out[l.operationId ?? l.path] = (out[l.operationId ?? l.path] ?? 0) + 1
    gh.log.length = 0
    return out
  }

  it('finds a release, published or draft, in the same few calls however many releases there are', async () => {
    seedReleases(1000)
    const h = host()
    gh.log.length = 0
    expect(await h.getRelease('other@v0.3.0')).toMatchObject({ tag: 'other@v0.3.0', draft: false, assets: [] })
    expect(calls()).toEqual({ 'repos/get-release-by-tag': 1, 'repos/list-release-assets': 1 })
    expect(await h.getRelease('seo-writer@v1.0.0')).toBeUndefined()
    expect(calls()).toEqual({ 'repos/get-release-by-tag': 1, 'repos/list-releases': 1 })
    const draft = await h.createDraftRelease('seo-writer@v1.0.0', 'seo-writer v1.0.0', 'model card')
    expect(calls()).toEqual({ 'repos/get-release-by-tag': 1, 'repos/list-releases': 1, 'repos/create-release': 1 })
    // A re-run after a stall finds its draft among the newest releases rather than making a second one.
    expect(await h.getRelease('seo-writer@v1.0.0')).toMatchObject({ id: draft.id, draft: true })
    expect((await h.createDraftRelease('seo-writer@v1.0.0', 'seo-writer v1.0.0', 'model card'))?.id).toBe(draft.id)
    expect(calls()).toEqual({
      'repos/get-release-by-tag': 2,
      'repos/list-releases': 2,
      'repos/list-release-assets': 1
    })
    await expect(h.createDraftRelease('other@v0.3.0', 'x', 'y')).rejects.toThrow(/already published/)
    expect(calls()).toEqual({ 'repos/get-release-by-tag': 1 })
    expect(gh.releases.size).toBe(1001)
  })

  it('still finds a draft older than the newest 100 releases, and makes no second one', async () => {
    seedReleases(150, 'seo-writer@v1.0.0')
    const old = [...gh.releases.values()].find(r => r.draft)!
    const found = await host().createDraftRelease('seo-writer@v1.0.0', 'seo-writer v1.0.0', 'model card')
    expect(found.id).toBe(old.id)
    expect(gh.releases.size).toBe(151)
    expect(old).toMatchObject({ name: 'seo-writer v1.0.0', body: 'model card' })
  })
})

describe('pull requests and issues written by the host', () => {
  it('opens a PR on a deterministic branch, then updates it with a fast-forward commit', async () => {
    gh.seedCommit('main', { 'registry/datasets/seo-writer/train.jsonl': '{"id":"1"}\n' })
    const h = host()
    const change = {
      branch: 'tunegate/retrain-seo-writer',
      base: 'main',
      title: 'Retrain seo-writer',
      body: 'drift',
      commitMessage: 'Add feedback rows',
      files: { 'registry/datasets/seo-writer/feedback.jsonl': '{"id":"f1"}\n' },
      labels: ['tunegate', 'retrain']
    }
    const first = await h.upsertPullRequest(change)
    expect(first).toMatchObject({ created: true, changed: true })
    const headBefore = gh.refs.get('refs/heads/tunegate/retrain-seo-writer')!
    const second = await h.upsertPullRequest({
      ...change,
      body: 'drift, again',
      files: { 'registry/datasets/seo-writer/feedback.jsonl': '{"id":"f1"}\n{"id":"f2"}\n' }
    })
    expect(second).toMatchObject({ number: first.number, created: false, changed: true })
    const headAfter = gh.refs.get('refs/heads/tunegate/retrain-seo-writer')!
    expect(gh.commits.get(headAfter)!.parents).toEqual([headBefore])
    expect(gh.fileAt('tunegate/retrain-seo-writer', 'registry/datasets/seo-writer/feedback.jsonl')).toBe(
      '{"id":"f1"}\n{"id":"f2"}\n'
    )
    expect(gh.fileAt('tunegate/retrain-seo-writer', 'registry/datasets/seo-writer/train.jsonl')).toBe('{"id":"1"}\n')
    const third = await h.upsertPullRequest({
      ...change,
      body: 'drift, again',
      files: { 'registry/datasets/seo-writer/feedback.jsonl': '{"id":"f1"}\n{"id":"f2"}\n' }
    })
    expect(third.changed).toBe(false)
    expect(gh.pulls.size).toBe(1)
    expect(gh.pulls.get(first.number)!.labels).toEqual(['tunegate', 'retrain'])
    expect(gh.log.some(r => r.operationId === 'git/update-ref' && (r.body as { force?: boolean }).force === true)).toBe(
      false
    )
  })

  it('opens an issue once and updates it by key', async () => {
    const h = host()
    const a = await h.upsertIssue({
      key: 'drift:seo-writer',
      title: 'Drift in seo-writer',
      body: 'PSI 0.3',
      labels: ['drift']
    })
    const b = await h.upsertIssue({
      key: 'drift:seo-writer',
      title: 'Drift in seo-writer',
      body: 'PSI 0.4',
      labels: ['drift']
    })
    const c = await h.upsertIssue({
      key: 'drift:seo-writer',
      title: 'Drift in seo-writer',
      body: 'PSI 0.4',
      labels: ['drift']
    })
    expect(a.created).toBe(true)
    expect(b).toMatchObject({ number: a.number, created: false, changed: true })
    expect(c.changed).toBe(false)
    expect(gh.issues.size).toBe(1)
  })
})

describe('artifacts', () => {
  it('lists a run’s artifacts and downloads one', async () => {
    gh.seedArtifact(
      'tunegate-train-seo-writer',
      42,
      await zip({ 'predictions.jsonl': '{"id":"1","prediction":"x"}\n', 'adapter/adapter_config.json': '{}' })
    )
    // By name: `<name>-<attempt>`, as the actions upload; the first attempt's from any run, a re-run's own too.
    gh.seedArtifact('other-run-1', 43, await zip({ 'a.txt': 'a' }))
    gh.seedArtifact('other-run-3', 44, await zip({ 'a.txt': 'b' }))
    gh.seedArtifact('other-run-10', 43, await zip({ 'a.txt': 'c' }))
    const h = host()
    const list = await h.listArtifacts({ runId: 42 })
    expect(list.map(a => a.name)).toEqual(['tunegate-train-seo-writer'])
    const byName = await h.listArtifacts({ name: 'other-run' })
    expect(byName.map(a => [a.name, a.runId])).toEqual([['other-run-1', 43]])
    const rerun = new GitHubHost(client('test-token'), { owner: gh.owner, repo: gh.repo, run: { id: 44, attempt: 3 } })
    expect((await rerun.listArtifacts({ name: 'other-run' })).map(a => a.name)).toEqual(['other-run-3', 'other-run-1'])
    expect((await rerun.listArtifacts({ name: 'other' })).map(a => a.name)).toEqual([])
    const dest = await mkdtemp(path.join(tmpdir(), 'tg-art-'))
    await h.downloadArtifact(list[0]!, dest)
    expect(await readFile(path.join(dest, 'predictions.jsonl'), 'utf8')).toBe('{"id":"1","prediction":"x"}\n')
    expect(await readFile(path.join(dest, 'adapter', 'adapter_config.json'), 'utf8')).toBe('{}')
  })

  it('refuses an archive entry that escapes the destination (zip slip)', async () => {
    const z = new yazl.ZipFile()
    z.addBuffer(Buffer.from('pwned'), 'ok.txt')
    z.end()
    const chunks: Buffer[] = []
    for await (const c of z.outputStream) chunks.push(c as Buffer)
    // yazl refuses to write '..' names, so patch the name bytes in the finished archive.
    const evil = Buffer.from(Buffer.concat(chunks).toString('latin1').replaceAll('ok.txt', '../x.t'), 'latin1')
    gh.seedArtifact('evil', 7, evil)
    const [a] = await host().listArtifacts({ runId: 7 })
    const dest = await mkdtemp(path.join(tmpdir(), 'tg-art-'))
    await expect(host().downloadArtifact(a!, path.join(dest, 'inner'))).rejects.toThrow(/outside|invalid relative path/)
  })
})
