import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalHost } from '../src/host/local-host.js'
import { git } from '../src/registry/git.js'
import { readSections } from '../src/report/sticky-comment.js'
import { commitAll, makeRepo } from './helpers/git-repo.js'

describe('the local host', () => {
  it('keeps one comment file with sections, tags in git, releases and a PR branch without touching the work tree', async () => {
    const repo = await makeRepo()
    const head = await commitAll(repo, 'work')
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-local-'))
    const host = new LocalHost(dir, repo)

    await host.upsertCommentSection(1, 'validate', 'ok')
    await host.upsertCommentSection(1, 'evaluate:m', 'pass')
    expect((await host.upsertCommentSection(1, 'validate', 'ok')).changed).toBe(false)
    expect([...readSections(await readFile(path.join(dir, 'pulls/1/comment.md'), 'utf8')).keys()]).toEqual([
      'validate',
      'evaluate:m'
    ])

    await host.createTag('m@v1.0.0', head, 'register m')
    await host.createTag('m@v1.0.0', head, 'register m')
    await expect(host.createTag('m@v1.0.0', (await commitAll(repo, 'more')).trim(), 'x')).rejects.toThrow(/never moved/)

    const asset = path.join(dir, 'card.md')
    await writeFile(asset, 'card')
    const release = await host.createDraftRelease('m@v1.0.0', 'm v1.0.0', 'body')
    await host.uploadReleaseAsset(release, { name: 'card.md', path: asset })
    await host.uploadReleaseAsset(release, { name: 'card.md', path: asset })
    await writeFile(asset, 'other')
    await expect(host.uploadReleaseAsset(release, { name: 'card.md', path: asset })).rejects.toThrow(
      /never overwritten/
    )
    await host.publishRelease(release)
    await expect(host.createDraftRelease('m@v1.0.0', 'x', 'y')).rejects.toThrow(/already published/)

    const status = await git(repo, ['status', '--porcelain'])
    const pr = await host.upsertPullRequest({
      branch: 'tunegate/retrain-m',
      base: 'main',
      title: 't',
      body: 'b',
      commitMessage: 'feedback',
      files: { 'registry/feedback.jsonl': '{"id":1}\n' }
    })
    expect(pr.created).toBe(true)
    expect(await git(repo, ['show', 'tunegate/retrain-m:registry/feedback.jsonl'])).toBe('{"id":1}\n')
    const again = await host.upsertPullRequest({
      branch: 'tunegate/retrain-m',
      base: 'main',
      title: 't',
      body: 'b',
      commitMessage: 'feedback 2',
      files: { 'registry/feedback.jsonl': '{"id":1}\n{"id":2}\n' }
    })
    expect(again).toMatchObject({ created: false, changed: true, number: pr.number })
    expect((await git(repo, ['rev-list', '--count', 'main..tunegate/retrain-m'])).trim()).toBe('2')
    expect(await git(repo, ['status', '--porcelain'])).toBe(status)
  })
})
