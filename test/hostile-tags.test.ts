// Version and stage tags that Tunegate's promotion did not make: pushed by hand, lightweight, or with another
// tagger. They must never crash a step with "internal error" nor move what Tunegate takes for production.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { git } from '../src/registry/git.js'
import { trainModel } from '../src/training/train.js'
import { GitHubStandIn } from './github/stand-in.js'
import { commitAll, makeRepo } from './helpers/git-repo.js'
import { runAction } from './helpers/run-action.js'

let gh: GitHubStandIn
beforeEach(async () => {
  gh = await new GitHubStandIn().start()
})
afterEach(async () => {
  await gh.stop()
  expect(gh.violations).toEqual([])
})

/** A checkout with content-classifier's head commit and the model trained there. */
async function checkout(): Promise<{ repo: string; head: string; runDir: string }> {
  const repo = await makeRepo({ withRegistry: true })
  const head = await commitAll(repo, 'head')
  const work = await mkdtemp(path.join(tmpdir(), 'tg-tags-'))
  const { outputDir } = await trainModel({
    registryDir: path.join(repo, 'registry'),
    model: 'content-classifier',
    workDir: work
  })
  return { repo, head, runDir: outputDir }
}

const evaluate = (repo: string, head: string, runDir: string) => {
  const pr = gh.seedPull({ head: { ref: 'f', sha: head }, base: { ref: 'main', sha: head } })
  return runAction('evaluate', {
    cwd: repo,
    inputs: {
      registry: 'registry',
      model: 'content-classifier',
      token: 'test-token',
      'run-dir': runDir,
      comment: 'false',
      status: 'false',
      'fail-on-gate': 'true'
    },
    event: { pull_request: { number: pr, base: { sha: head }, head: { sha: head } } },
    env: { GITHUB_API_URL: gh.url }
  })
}

describe('a production version registered by hand, without a release', () => {
  it('fails evaluate with an error naming the version and the way out, not "internal error"', async () => {
    const { repo, head, runDir } = await checkout()
    await git(repo, ['tag', '-a', 'content-classifier@v3.1.0', '-m', 'by hand', head])
    await git(repo, ['tag', '-a', 'content-classifier#production#1', '-m', 'by hand', head])
    const r = await evaluate(repo, head, runDir)
    expect(r.code).toBe(1)
    expect(r.stdout).not.toContain('internal error')
    expect(r.stdout).toContain(
      '::error::content-classifier v3.1.0 is in production (content-classifier#production#1), but content-classifier@v3.1.0 has no GitHub release with evaluation.json'
    )
    expect(r.stdout).toContain('Assign production to a version Tunegate released')
  }, 120_000)
})
