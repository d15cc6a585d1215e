// `tunegate promote` and `tunegate assign` with the local host: tags in the repository, releases in .tunegate/.
import { appendFile, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../src/cli/main.js'
import type { Output } from '../src/cli/output.js'
import { LocalHost } from '../src/host/local-host.js'
import { createAnnotatedTag, readTags, resolveState } from '../src/registry/state.js'
import { parseSha256sums } from '../src/release/archive.js'
import { promote } from '../src/release/promote.js'
import { localEvidence } from '../src/release/verify.js'
import { fileDigest } from '../src/registry/digest.js'
import { commitAll, makeRepo } from './helpers/git-repo.js'

function capture(): Output & { text: () => string } {
  const lines: string[] = []
  return { line: t => lines.push(t), error: t => lines.push(t), interactive: false, text: () => lines.join('\n') }
}

describe('tunegate promote and tunegate assign (local host)', () => {
  it('promotes v1.0.0, re-runs without duplicates, promotes v1.1.0 in the same second, rolls back, deprecates', async () => {
    const repo = await makeRepo({ withRegistry: true })
    await writeFile(path.join(repo, '.gitignore'), '.tunegate/\n')
    await commitAll(repo, 'ignore local state')
    const dir = (p: string) => path.join(repo, '.tunegate', p)
    const common = ['--registry', path.join(repo, 'registry'), '--model', 'content-classifier']
    const dirs = [
      '--work-dir',
      dir('runs'),
      '--cache-dir',
      dir('cache'),
      '--state-dir',
      dir(''),
      '--out',
      dir('reports')
    ]
    const cli = async (args: string[]) => {
      const out = capture()
      const code = await main([...args, ...common, ...dirs], out)
      return { code, text: out.text() }
    }
    expect((await cli(['train'])).code).toBe(0)
    expect((await cli(['evaluate'])).code).toBe(0)
    const first = await cli(['promote'])
    expect(first.text).toContain('content-classifier: promoted content-classifier@v1.0.0 (first: first version)')
    expect(first.text).toContain('approvals not checked: a local promotion without a pull request')
    expect(first.code).toBe(0)
    const tags = () => readTags(repo)
    expect((await tags()).map(t => t.name).sort()).toEqual([
      'content-classifier#production#1',
      'content-classifier@v1.0.0'
    ])
    const assets = dir('releases/content-classifier@v1.0.0/assets')
    const sums = parseSha256sums(await readFile(path.join(assets, 'SHA256SUMS'), 'utf8'))
    expect([...sums.keys()].sort()).toEqual([
      'README.md',
      'evaluation.json',
      'manifest.json',
      expect.stringMatching(/^tunegate-train-content-classifier-[0-9a-f]{32}\.zip$/)
    ])
    for (const [name, digest] of sums) expect(await fileDigest(path.join(assets, name))).toBe(digest)
    expect(JSON.parse(await readFile(dir('releases/content-classifier@v1.0.0/release.json'), 'utf8')).draft).toBe(false)

    // A re-run: the tag on this commit is reused, the published release left alone, nothing duplicated.
    const again = await cli(['promote'])
    expect(again.code).toBe(0)
    expect(again.text).toContain('already published with the expected assets; left alone')
    expect((await tags()).length).toBe(2)

    // A pull request's change: more training data, trained and evaluated against production v1.0.0.
    await appendFile(
      path.join(repo, 'registry/datasets/content-classifier/train.jsonl'),
      JSON.stringify({
        id: 'extra-1',
        use_case: 'internal-linking',
        text: 'Espresso grinder guide: burr size, retention and how to dial in a light roast.',
        label: 'topic-coffee'
      }) + '\n'
    )
    const merge = await commitAll(repo, 'more training data')
    expect((await cli(['train'])).code).toBe(0)
    const evaluated = await cli(['evaluate'])
    expect(evaluated.text).toContain('v1.0.0')
    // Promoted "in the same second" as v1.0.0 and its stage tag: every new tag is still strictly later.
    const t0 = Math.min(...(await tags()).map(t => t.taggedAt))
    // The first promotion's two tags may lie a second or more apart on a loaded machine: count from the later.
    const last = Math.max(...(await tags()).map(t => t.taggedAt))
    const [outcome] = await promote({
      registryDir: path.join(repo, 'registry'),
      host: new LocalHost(dir(''), repo),
      commit: merge,
      checkApprovals: false,
      evidence: localEvidence(
        m => dir(`reports/evaluate/evaluation-${m}.json`),
        (m, fp) => dir(`runs/${m}-${fp.slice(0, 16)}`)
      ),
      workDir: dir('promote'),
      reevaluate: () => 'tunegate evaluate',
      models: ['content-classifier'],
      now: () => t0
    })
    expect(outcome).toMatchObject({
      status: 'promoted',
      version: 'v1.1.0',
      bump: 'minor',
      stageTag: 'content-classifier#production#2'
    })
    expect(outcome!.reason).toMatch(/training data changed since v1\.0\.0/)
    const times = (await tags()).sort((a, b) => a.taggedAt - b.taggedAt).map(t => [t.name, t.taggedAt - last])
    expect(times.slice(2)).toEqual([
      ['content-classifier@v1.1.0', 1],
      ['content-classifier#production#2', 2]
    ])
    const manifest = JSON.parse(await readFile(dir('releases/content-classifier@v1.1.0/assets/manifest.json'), 'utf8'))
    expect(manifest.parent).toEqual({ version: 'v1.0.0', tag: 'content-classifier@v1.0.0' })
    expect(resolveState(await tags()).get('content-classifier')?.stages.production?.version).toBe('v1.1.0')

    // Roll back: a new assignment of v1.0.0; the before/after state is shown.
    const rollback = await cli(['assign', '--action', 'rollback', '--stage', 'production'])
    expect(rollback.code).toBe(0)
    expect(rollback.text).toMatch(/Before:\n[\s\S]*content-classifier\s+v1\.1\.0\s+-\s+v1\.1\.0/)
    expect(rollback.text).toMatch(
      /Created content-classifier#production#3\. After:\n[\s\S]*content-classifier\s+v1\.1\.0\s+-\s+v1\.0\.0/
    )
    expect(resolveState(await tags()).get('content-classifier')?.stages.production?.tag).toBe(
      'content-classifier#production#3'
    )

    const deprecated = await cli(['assign', '--action', 'deprecate'])
    expect(deprecated.code).toBe(0)
    expect(deprecated.text).toContain('content-classifier (deprecated)')
    expect((await cli(['assign', '--action', 'bogus'])).text).toContain("Unknown --action 'bogus'")
    expect((await tags()).length).toBe(6)
  }, 120_000)

  it('never registers a second version on a commit that has one (gto show would fail for the repository)', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const head = await commitAll(repo, 'head')
    await createAnnotatedTag(repo, 'content-classifier@v0.9.0', head, 'made by gto, not tunegate')
    const out = capture()
    const code = await main(
      [
        'promote',
        '--registry',
        path.join(repo, 'registry'),
        '--model',
        'content-classifier',
        '--state-dir',
        path.join(repo, '.tunegate')
      ],
      out
    )
    expect(code).toBe(1)
    expect(out.text()).toContain('content-classifier: BLOCKED — the merge commit already has a version')
    expect(out.text()).toContain('gto allows one version of a model per commit')
    expect((await readTags(repo)).map(t => t.name)).toEqual(['content-classifier@v0.9.0'])
  })
})
