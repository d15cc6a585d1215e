// Version and stage tags that Tunegate's promotion did not make: pushed by hand, lightweight, or with another
// tagger. They must never crash a step with "internal error" nor move what Tunegate takes for production.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { registryShow } from '../src/cli/registry-commands.js'
import { git } from '../src/registry/git.js'
import { readTags } from '../src/registry/state.js'
import { TUNEGATE_TAGGER, withoutForeignStageTags } from '../src/registry/tag-provenance.js'
import { trainModel } from '../src/training/train.js'
import { GitHubStandIn } from './github/stand-in.js'
import { commitAll, makeRepo, tunegateTag } from './helpers/git-repo.js'
import { runAction } from './helpers/run-action.js'
import { withStandIn } from './helpers/with-stand-in.js'

let gh: GitHubStandIn
withStandIn(s => (gh = s.gh))

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
    // Assigned by Tunegate's stage command, so the stage tag is trusted; the version has no release.
    await tunegateTag(repo, 'content-classifier#production#1', head, 'Assign production to content-classifier v3.1.0')
    const r = await evaluate(repo, head, runDir)
    expect(r.code).toBe(1)
    expect(r.stdout).not.toContain('internal error')
    expect(r.stdout).toContain(
      '::error::content-classifier v3.1.0 is in production (content-classifier#production#1), but content-classifier@v3.1.0 has no GitHub release with evaluation.json'
    )
    expect(r.stdout).toContain('Assign production to a version Tunegate released')
  }, 120_000)
})

describe('stage tags Tunegate did not make', () => {
  it('are told apart by kind, tagger and message', async () => {
    const { repo, head } = await checkout()
    const as = (name: string, email: string) => ({ GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email })
    await git(repo, ['tag', 'content-classifier#production#1', head]) // lightweight
    await git(
      repo,
      ['tag', '-a', 'content-classifier#production#2', '-m', 'content-classifier v1.0.0 lands in production', head],
      {
        env: as('mallory', 'mallory@example.com')
      }
    )
    await git(repo, ['tag', '-a', 'content-classifier#production#3', '-m', 'moved by hand', head], {
      env: as(TUNEGATE_TAGGER.name, TUNEGATE_TAGGER.email)
    })
    await git(
      repo,
      ['tag', '-a', 'content-classifier#staging#4', '-m', 'content-classifier v1.0.0 lands in staging', head],
      {
        env: as(TUNEGATE_TAGGER.name, 'someone@example.com')
      }
    )
    await tunegateTag(
      repo,
      'content-classifier#production#5',
      head,
      'Roll back production to content-classifier v1.0.0 (requested by dana)'
    )
    await tunegateTag(repo, 'content-classifier#staging#6', head, 'content-classifier v1.0.0 lands in staging')
    await tunegateTag(repo, 'content-classifier@v1.0.0', head, 'any message: not a stage tag')
    const { tags, foreign } = withoutForeignStageTags(await readTags(repo))
    expect(foreign).toEqual([
      { tag: 'content-classifier#production#1', reason: 'a lightweight tag (Tunegate writes annotated tags)' },
      {
        tag: 'content-classifier#production#2',
        reason: `tagged by mallory <mallory@example.com>, not by tunegate <${TUNEGATE_TAGGER.email}>`
      },
      { tag: 'content-classifier#production#3', reason: "its message 'moved by hand' is not one Tunegate writes" },
      {
        tag: 'content-classifier#staging#4',
        reason: `tagged by tunegate <someone@example.com>, not by tunegate <${TUNEGATE_TAGGER.email}>`
      }
    ])
    expect(tags.map(t => t.name).sort()).toEqual([
      'content-classifier#production#5',
      'content-classifier#staging#6',
      'content-classifier@v1.0.0'
    ])
  })

  it('a hand-pushed production tag is not the baseline evaluate compares with, and registry show flags it', async () => {
    const { repo, head, runDir } = await checkout()
    await git(repo, ['tag', '-a', 'content-classifier@v3.1.0', '-m', 'by hand', head])
    await git(repo, ['tag', '-a', 'content-classifier#production#1', '-m', 'by hand', head])
    const r = await evaluate(repo, head, runDir)
    expect(r.code).toBe(0)
    expect(r.summary).toContain('there is no version in production to compare with')
    const lines: string[] = []
    const out = { line: (t: string) => lines.push(t), error: (t: string) => lines.push(t), interactive: false }
    expect(await registryShow(path.join(repo, 'registry'), false, out, repo)).toBe(0)
    expect(lines.join('\n')).toContain(
      "warning: content-classifier#production#1 was not made by Tunegate's promotion (tagged by"
    )
    lines.length = 0
    await registryShow(path.join(repo, 'registry'), true, out, repo)
    expect(JSON.parse(lines.join('\n'))['content-classifier'].foreign_stage_tags).toHaveLength(1)
  }, 120_000)
})
