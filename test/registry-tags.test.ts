import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../src/cli/main.js'
import type { Output } from '../src/cli/output.js'
import { formatTag, nextCounter, parseTag } from '../src/registry/gto-tags.js'
import { readTags, resolveState, createAnnotatedTag } from '../src/registry/state.js'
import { git } from '../src/registry/git.js'
import { commitAll, makeRepo, tagAt, writeRepoFile } from './helpers/git-repo.js'

describe('GTO tag grammar', () => {
  it.each([
    ['m@v1.2.3', { action: 'register', model: 'm', version: 'v1.2.3' }],
    ['m@v1.2.3!', { action: 'deregister', model: 'm', version: 'v1.2.3' }],
    ['m#prod#4', { action: 'assign', model: 'm', stage: 'prod', counter: 4 }],
    ['m#prod!#5', { action: 'unassign', model: 'm', stage: 'prod', counter: 5 }],
    ['m@deprecated', { action: 'deprecate', model: 'm' }],
    ['seo-writer@v2.0.0-rc.1+build.5', { action: 'register', model: 'seo-writer', version: 'v2.0.0-rc.1+build.5' }],
    ['team/seo_writer#staging#12', { action: 'assign', model: 'team/seo_writer', stage: 'staging', counter: 12 }],
    ['m@v1.0.0#3', { action: 'register', model: 'm', version: 'v1.0.0', counter: 3 }]
  ])('parses %s and formats it back', (tag, expected) => {
    const parsed = parseTag(tag)
    expect(parsed).toEqual({ ok: true, ...expected })
    expect(formatTag(expected as Parameters<typeof formatTag>[0])).toBe(tag)
  })

  it.each([
    ['m', /no '@' \(version\) or '#' \(stage\)/],
    ['-m@v1.0.0', /model name '-m' is invalid/],
    ['m@1.0.0', /version '1.0.0' is not 'v' followed by a semantic version/],
    ['m@v1.0', /version 'v1.0' is not/],
    ['m@v01.0.0', /version 'v01.0.0' is not/],
    ['m#pro d#1', /stage 'pro d' is invalid/],
    ['m#prod#x', /does not match GTO's grammar/],
    ['m@v1.0.0-', /is not 'v' followed by a semantic version/]
  ])('refuses %s with a reason', (tag, reason) => {
    const parsed = parseTag(tag)
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.reason).toMatch(reason)
  })

  it('refuses to format an invalid name', () => {
    expect(() => formatTag({ action: 'assign', model: 'bad name', stage: 'prod', counter: 1 })).toThrow(/invalid/)
  })

  it('computes the next counter over all of a model’s counted tags, as GTO does', () => {
    const tags = ['m#prod#1', 'm#staging#2', 'm@v1.0.0', 'm#prod!#5', 'other#prod#9', 'm@v1.1.0!', 'not-a-tag']
    expect(nextCounter('m', tags)).toBe(6)
    expect(nextCounter('other', tags)).toBe(10)
    expect(nextCounter('new', tags)).toBe(1)
  })
})

function capture(): Output & { text: () => string } {
  const lines: string[] = []
  return { line: t => lines.push(t), error: t => lines.push(t), interactive: false, text: () => lines.join('\n') }
}

describe('registry state from a real repository’s tags', () => {
  it('resolves promotion, rollback, deregistration and deprecation as GTO’s rules say', async () => {
    const repo = await makeRepo()
    const c1 = await commitAll(repo, 'v1')
    await writeRepoFile(repo, 'x.txt', '2')
    const c2 = await commitAll(repo, 'v2')
    await writeRepoFile(repo, 'x.txt', '3')
    const c3 = await commitAll(repo, 'v3')
    const t = 1_800_000_000
    await tagAt(repo, 'seo@v1.0.0', c1, t)
    await tagAt(repo, 'seo#production#1', c1, t + 10)
    await tagAt(repo, 'seo@v1.1.0', c2, t + 20)
    await tagAt(repo, 'seo#staging#2', c2, t + 30)
    await tagAt(repo, 'seo#production#3', c2, t + 40)
    // Rollback: production goes back to v1.0.0 with a new assignment.
    await tagAt(repo, 'seo#production#4', c1, t + 50)
    await tagAt(repo, 'seo@v1.2.0', c3, t + 60)
    await tagAt(repo, 'seo@v1.2.0!', c3, t + 70)
    await tagAt(repo, 'old@v0.1.0', c1, t)
    await tagAt(repo, 'old@deprecated', c1, t + 5)
    // A lightweight tag that looks like a version is ignored, as GTO ignores it.
    await git(repo, ['tag', 'seo@v9.9.9', c3])
    await git(repo, ['tag', 'unrelated-tag', c3])

    const state = resolveState(await readTags(repo))
    const seo = state.get('seo')!
    expect(seo.latest?.version).toBe('v1.1.0')
    expect(seo.stages.production?.version).toBe('v1.0.0')
    expect(seo.stages.staging?.version).toBe('v1.1.0')
    expect(seo.versions.find(v => v.version === 'v1.2.0')).toMatchObject({ active: false })
    expect(seo.versions.some(v => v.version === 'v9.9.9')).toBe(false)
    expect(state.get('old')!.deprecated).toBe(true)

    const out = capture()
    expect(await main(['registry', 'show', '--registry', path.join(repo, 'registry'), '--repo', repo], out)).toBe(0)
    expect(out.text()).toMatch(/name\s+latest\s+#production\s+#staging/)
    expect(out.text()).toMatch(/seo\s+v1\.1\.0\s+v1\.0\.0\s+v1\.1\.0/)
    expect(out.text()).toMatch(/old \(deprecated\)\s+v0\.1\.0/)

    const json = capture()
    await main(['registry', 'show', '--json', '--registry', path.join(repo, 'registry'), '--repo', repo], json)
    expect(JSON.parse(json.text()).seo).toMatchObject({
      latest: 'v1.1.0',
      stages: { production: 'v1.0.0', staging: 'v1.1.0' }
    })
  })

  it('unassigning a stage falls back to the previous active assignment', async () => {
    const repo = await makeRepo()
    const c1 = await commitAll(repo, 'a')
    const c2 = await commitAll(repo, 'b')
    const t = 1_800_000_000
    await tagAt(repo, 'm@v1.0.0', c1, t)
    await tagAt(repo, 'm@v2.0.0', c2, t + 1)
    await tagAt(repo, 'm#production#1', c1, t + 2)
    await tagAt(repo, 'm#production#2', c2, t + 3)
    await tagAt(repo, 'm#production!#3', c2, t + 4)
    expect(resolveState(await readTags(repo)).get('m')!.stages.production?.version).toBe('v1.0.0')
  })

  it('resolves tags created in the same second as gto does (a stable sort of the name-ordered tags by time)', async () => {
    const repo = await makeRepo()
    const c1 = await commitAll(repo, 'a')
    const c2 = await commitAll(repo, 'b')
    const t = 1_800_000_000
    await tagAt(repo, 'm@v1.0.0', c1, t)
    await tagAt(repo, 'm@v2.0.0', c2, t)
    await tagAt(repo, 'm#production#10', c1, t)
    await tagAt(repo, 'm#production#9', c2, t)
    const state = resolveState(await readTags(repo))
    // gto's tie: both versions were registered in that second; its reversed stable sorts pick v1.0.0.
    expect(state.get('m')!.stages.production?.version).toBe('v1.0.0')
    expect(state.get('m')!.latest?.version).toBe('v2.0.0')
  })

  it('an assignment on a commit with no version tag shows the commit, as GTO’s discovered versions', async () => {
    const repo = await makeRepo()
    const c1 = await commitAll(repo, 'a')
    await tagAt(repo, 'm#staging#1', c1, 1_800_000_000)
    const m = resolveState(await readTags(repo)).get('m')!
    expect(m.stages.staging?.version).toBe(c1)
    expect(m.latest).toBeUndefined()
  })

  it('reads every tag whole as git streams them, a message longer than a pipe read included', async () => {
    const repo = await makeRepo({ withRegistry: false })
    const c1 = await commitAll(repo, 'one')
    // 300 KB of message (several stream chunks, non-ASCII characters across their boundaries), among other tags.
    const long = Array.from({ length: 12_000 }, (_, i) => `line ${i}: ünïcode ✓`).join('\n')
    await createAnnotatedTag(repo, 'm@v1.0.0', c1, long, { name: 'A', email: 'a@x.test' }, 1_700_000_000)
    for (let i = 1; i <= 40; i++)
      await createAnnotatedTag(
        repo,
        `m#staging#${i}`,
        c1,
        `note ${i}`,
        { name: 'A', email: 'a@x.test' },
        1_700_000_000 + i
      )
    const tags = await readTags(repo)
    expect(tags).toHaveLength(41)
    expect(tags.find(t => t.name === 'm@v1.0.0')).toMatchObject({ commit: c1, annotated: true, message: long })
    expect(tags.filter(t => /^note \d+$/.test(t.message))).toHaveLength(40)
    await expect(readTags(path.join(repo, 'no-such-folder'))).rejects.toThrow(/Cannot read tags of .*no-such-folder/)
  })

  it('never moves an existing tag', async () => {
    const repo = await makeRepo()
    const c1 = await commitAll(repo, 'a')
    const c2 = await commitAll(repo, 'b')
    await createAnnotatedTag(repo, 'm@v1.0.0', c1, 'register')
    await expect(createAnnotatedTag(repo, 'm@v1.0.0', c2, 'again')).rejects.toThrow(
      /already exists; tags are never moved/
    )
    expect((await git(repo, ['rev-parse', 'm@v1.0.0^{commit}'])).trim()).toBe(c1)
  })
})
