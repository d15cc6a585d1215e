import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalHost } from '../src/host/local-host.js'
import { git } from '../src/registry/git.js'
import { writeRepoFile } from './helpers/git-repo.js'
import { DRIFT_TRAIN, driftRepo, feedbackRow } from './helpers/drift-data.js'
import { runCli } from './helpers/run-cli.js'

describe('tunegate drift', () => {
  it('reports drift in the terminal and proposes the feedback rows on a local retraining branch', async () => {
    const { repo } = await driftRepo()
    await writeRepoFile(repo, 'feedback.jsonl', feedbackRow('fb-1', 'Choosing a cordless lawnmower') + '\n')
    const args = ['drift', '--samples', 'samples/shifted.jsonl', '--feedback', 'feedback.jsonl']
    const first = await runCli(args, repo)
    expect(first.stderr).toContain('samples samples/shifted.jsonl: 100%')
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/content-classifier: drift since production v1\.0\.0 — 6 of 6 statistics drifted/)
    expect(first.stdout).toMatch(/Domain classifier .* ROC AUC 1\.000 .* DRIFT/)
    expect(first.stdout).toContain('Retraining branch tunegate/retrain/content-classifier')
    const branch = await git(repo, ['show', `tunegate/retrain/content-classifier:${DRIFT_TRAIN}`])
    expect(branch.trimEnd().split('\n').pop()).toContain('"id":"fb-1"')
    const record = JSON.parse(await readFile(path.join(repo, '.tunegate/drift/content-classifier/drift.json'), 'utf8'))
    expect(record).toMatchObject({ schema: 'tunegate.drift/v1', verdict: 'drift', feedback: { accepted: 1 } })
    expect(await readFile(path.join(repo, '.tunegate/reports/drift-content-classifier.md'), 'utf8')).toContain(
      '```mermaid'
    )

    const calm = await runCli(['drift', '--samples', 'samples/unshifted.jsonl'], repo)
    expect(calm.code).toBe(0)
    expect(calm.stdout).toContain('content-classifier: no drift from production v1.0.0')
    expect(calm.stdout).toContain('Nothing opened.')
  })

  it('promote still runs after drift opened a retraining branch (the branch records share pulls/)', async () => {
    const { repo } = await driftRepo()
    await writeRepoFile(repo, 'feedback.jsonl', feedbackRow('fb-1', 'Choosing a cordless lawnmower') + '\n')
    const drift = await runCli(['drift', '--samples', 'samples/shifted.jsonl', '--feedback', 'feedback.jsonl'], repo)
    expect(drift.stdout).toContain('Retraining branch tunegate/retrain/content-classifier')
    const records = await readdir(path.join(repo, '.tunegate/pulls'))
    expect(records.some(r => /^branch-.*\.json$/.test(r))).toBe(true)
    const promoted = await runCli(['promote'], repo)
    expect(promoted.stderr).not.toContain('internal error')
    expect(promoted.stderr).not.toContain('ENOTDIR')
    expect(promoted.stdout).toContain('content-classifier')
    // A recorded pull request beside the branch records is still found by its merge commit.
    const head = (await git(repo, ['rev-parse', 'HEAD'])).trim()
    await mkdir(path.join(repo, '.tunegate/pulls/7'), { recursive: true })
    await writeFile(
      path.join(repo, '.tunegate/pulls/7/pull.json'),
      JSON.stringify({ number: 7, merged: true, mergeCommitSha: head, headSha: head, mergedAt: '2026-01-01T00:00:00Z' })
    )
    expect(await new LocalHost(path.join(repo, '.tunegate'), repo).findPullRequestForCommit(head)).toBe(7)
  })

  it('says what is missing', async () => {
    const { repo } = await driftRepo()
    const missing = await runCli(['drift'], repo)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('tunegate drift needs --samples PATH')
    const absent = await runCli(['drift', '--samples', 'nowhere.jsonl'], repo)
    expect(absent.code).toBe(1)
    expect(absent.stderr).toContain("The samples path 'nowhere.jsonl' does not exist")
    expect(absent.stderr).not.toContain('internal error')
  })
})
