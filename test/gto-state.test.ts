// iterative/gto's registry-state tests (tests/test_registry.py, test_api.py, test_cli.py's showcase
// checks), ported over Tunegate's state replay with real git tags. Times are explicit: gto's own tests
// sleep a second between tags for the same reason.
import { describe, expect, it } from 'vitest'
import { formatTag, nextCounter } from '../src/registry/gto-tags.js'
import { createAnnotatedTag, ManyVersionsError, nextTagTime, readTags, resolveState } from '../src/registry/state.js'
import { commitAll, makeRepo, writeRepoFile } from './helpers/git-repo.js'

const T = 1_800_000_000

/** gto.api.register / assign / ... with the tagger time given: each writes one annotated tag. */
function registry(repo: string) {
  const names = async () => (await readTags(repo)).map(t => t.name)
  return {
    register: (model: string, commit: string, version: string, at: number) =>
      createAnnotatedTag(
        repo,
        formatTag({ action: 'register', model, version }),
        commit,
        `register ${version}`,
        undefined,
        at
      ),
    deregister: (model: string, commit: string, version: string, at: number) =>
      createAnnotatedTag(
        repo,
        formatTag({ action: 'deregister', model, version }),
        commit,
        'deregister',
        undefined,
        at
      ),
    async assign(model: string, stage: string, commit: string, at: number) {
      const tag = formatTag({ action: 'assign', model, stage, counter: nextCounter(model, await names()) })
      await createAnnotatedTag(repo, tag, commit, `assign ${stage}`, undefined, at)
      return tag
    },
    async unassign(model: string, stage: string, commit: string, at: number) {
      const tag = formatTag({ action: 'unassign', model, stage, counter: nextCounter(model, await names()) })
      await createAnnotatedTag(repo, tag, commit, `unassign ${stage}`, undefined, at)
      return tag
    },
    deprecate: (model: string, commit: string, at: number) =>
      createAnnotatedTag(repo, formatTag({ action: 'deprecate', model }), commit, 'deprecate', undefined, at),
    state: async () => resolveState(await readTags(repo))
  }
}

/** gto's `showcase` fixture (tests/conftest.py): two models, two commits, a rollback of rf in production. */
async function showcase() {
  const repo = await makeRepo()
  await writeRepoFile(repo, 'models/random-forest.pkl', '1st version')
  const first = await commitAll(repo, 'Create models')
  await writeRepoFile(repo, 'models/random-forest.pkl', '2nd version')
  const second = await commitAll(repo, 'Update model')
  const r = registry(repo)
  await r.register('rf', first, 'v1.2.3', T)
  await r.register('nn', first, 'v0.0.1', T)
  await r.register('rf', second, 'v1.2.4', T + 1)
  await r.assign('nn', 'staging', first, T + 1)
  await r.assign('rf', 'production', first, T + 1)
  await r.assign('rf', 'staging', second, T + 2)
  await r.assign('rf', 'production', second, T + 3)
  await r.assign('rf', 'production', first, T + 4)
  return { repo, first, second, r }
}

describe('gto showcase (test_registry.py test_registry_state_tag_tag, test_cli.py test_commands)', () => {
  it('resolves versions, stages and their tags as gto show does', async () => {
    const { first, second, r } = await showcase()
    const state = await r.state()
    const rf = state.get('rf')!
    // `gto show rf@greatest --version` → v1.2.4; `rf@latest --ref` → rf@v1.2.4
    expect(rf.latest).toMatchObject({ version: 'v1.2.4', tag: 'rf@v1.2.4', commit: second })
    // `gto show rf#production --version` → v1.2.3: sorted by time, the rollback (rf#production#4) wins.
    expect(rf.stages.production).toMatchObject({ version: 'v1.2.3', tag: 'rf#production#4', commit: first })
    // `gto show rf#staging --vs -1 --version` → v1.2.4
    expect(rf.stages.staging).toMatchObject({ version: 'v1.2.4', tag: 'rf#staging#2' })
    expect(rf.versions.map(v => [v.version, v.commit, v.registered, v.active])).toEqual([
      ['v1.2.4', second, true, true],
      ['v1.2.3', first, true, true]
    ])
    const nn = state.get('nn')!
    expect(nn.latest?.version).toBe('v0.0.1')
    expect(nn.stages.staging).toMatchObject({ version: 'v0.0.1', tag: 'nn#staging#1' })
    expect([...state.keys()]).toEqual(['nn', 'rf'])
  })

  it('counters: rf#production#1, rf#staging#2, rf#production#3, rf#production#4 (check-ref rf#production#3 → v1.2.4)', async () => {
    const { repo } = await showcase()
    const names = (await readTags(repo)).map(t => t.name).filter(n => n.startsWith('rf#'))
    expect(names.sort()).toEqual(['rf#production#1', 'rf#production#3', 'rf#production#4', 'rf#staging#2'])
    // rf#production#3 is an assignment of v1.2.4: without the rollback, production shows it.
    const tags = (await readTags(repo)).filter(t => t.name !== 'rf#production#4')
    expect(resolveState(tags).get('rf')!.stages.production?.version).toBe('v1.2.4')
  })
})

describe('gto test_api.py', () => {
  it('test_register_deregister: the latest version falls back when the newest is deregistered', async () => {
    const repo = await makeRepo()
    const c1 = await commitAll(repo, 'one')
    await writeRepoFile(repo, 'tmp.txt', 'some text')
    const c2 = await commitAll(repo, 'two')
    const r = registry(repo)
    await r.register('new-artifact', c1, 'v1.0.0', T)
    expect((await r.state()).get('new-artifact')!.latest?.version).toBe('v1.0.0')
    await r.register('new-artifact', c2, 'v1.0.1', T + 1)
    expect((await r.state()).get('new-artifact')!.latest?.version).toBe('v1.0.1')
    const active = (await r.state()).get('new-artifact')!.versions.filter(v => v.active)
    expect(active).toHaveLength(2)
    await r.deregister('new-artifact', c2, 'v1.0.1', T + 2)
    const m = (await r.state()).get('new-artifact')!
    expect(m.latest?.version).toBe('v1.0.0')
    expect(m.versions.filter(v => v.active)).toHaveLength(1)
    expect(m.versions).toHaveLength(2)
  })

  it.each(['model', 'folder:artifact', 'some/folder:some/artifact'])(
    'test_assign (%s): the stage shows the version assigned last',
    async name => {
      const repo = await makeRepo()
      const c1 = await commitAll(repo, 'one')
      const c2 = await commitAll(repo, 'two')
      const r = registry(repo)
      // gto.api.assign(name_version=...) registers the version, then assigns the stage.
      await r.register(name, c2, 'v0.0.1', T)
      const tag = await r.assign(name, 'staging', c2, T)
      let m = (await r.state()).get(name)!
      expect(m.stages.staging).toMatchObject({ version: 'v0.0.1', commit: c2, tag })
      await r.register(name, c1, 'v0.0.2', T + 1)
      await r.assign(name, 'staging', c1, T + 1)
      m = (await r.state()).get(name)!
      expect(m.stages.staging?.version).toBe('v0.0.2')
      if (name.includes(':')) expect(tag.startsWith(name.replace(':', '=') + '#staging#')).toBe(true)
    }
  )

  it('test_assign_skip_registration: a stage on an unregistered commit shows the commit (hexsha version)', async () => {
    const repo = await makeRepo()
    const c1 = await commitAll(repo, 'one')
    const r = registry(repo)
    await r.assign('new-artifact', 'staging', c1, T)
    const m = (await r.state()).get('new-artifact')!
    expect(m.stages.staging?.version).toBe(c1)
    expect(m.latest).toBeUndefined()
  })

  it('test_unassign: an unassigned stage shows nothing', async () => {
    const repo = await makeRepo()
    const c1 = await commitAll(repo, 'one')
    const r = registry(repo)
    await r.register('model', c1, 'v0.0.1', T)
    await r.assign('model', 'dev', c1, T + 1)
    expect((await r.state()).get('model')!.stages.dev).toBeDefined()
    await r.unassign('model', 'dev', c1, T + 2)
    expect((await r.state()).get('model')!.stages.dev).toBeUndefined()
  })

  it('test_deprecate: a deprecated model is inactive; a later registration makes it active again', async () => {
    const repo = await makeRepo()
    const c1 = await commitAll(repo, 'one')
    const c2 = await commitAll(repo, 'two')
    const r = registry(repo)
    await r.register('model', c1, 'v0.0.1', T)
    expect((await r.state()).get('model')!.deprecated).toBe(false)
    await r.deprecate('model', c1, T + 1)
    expect((await r.state()).get('model')!.deprecated).toBe(true)
    await r.register('model', c2, 'v0.0.2', T + 2)
    expect((await r.state()).get('model')!.deprecated).toBe(false)
  })

  it('test_check_ref_catch_the_bug: three assignments on one commit get counters 1, 2, 3', async () => {
    const repo = await makeRepo()
    const c1 = await commitAll(repo, 'one')
    const r = registry(repo)
    await r.register('artifact', c1, 'v0.0.1', T)
    expect(await r.assign('artifact', 'staging', c1, T + 1)).toBe('artifact#staging#1')
    expect(await r.assign('artifact', 'prod', c1, T + 2)).toBe('artifact#prod#2')
    expect(await r.assign('artifact', 'dev', c1, T + 3)).toBe('artifact#dev#3')
    const m = (await r.state()).get('artifact')!
    expect(Object.fromEntries(Object.entries(m.stages).map(([s, v]) => [s, v.version]))).toEqual({
      staging: 'v0.0.1',
      prod: 'v0.0.1',
      dev: 'v0.0.1'
    })
  })
})

describe('what gto does that a naive replay gets wrong', () => {
  it('an assignment older than its version’s registration resolves to that version (gto reads registrations first)', async () => {
    const repo = await makeRepo()
    const c1 = await commitAll(repo, 'one')
    const r = registry(repo)
    await r.assign('m', 'production', c1, T)
    await r.register('m', c1, 'v1.0.0', T + 5)
    expect((await r.state()).get('m')!.stages.production?.version).toBe('v1.0.0')
  })

  it('two versions on one commit with a stage there fail as gto show fails', async () => {
    const repo = await makeRepo()
    const c1 = await commitAll(repo, 'one')
    const r = registry(repo)
    await r.register('m', c1, 'v1.0.0', T)
    await r.register('m', c1, 'v1.1.0', T + 1)
    expect((await r.state()).get('m')!.latest?.version).toBe('v1.1.0')
    await r.assign('m', 'production', c1, T + 2)
    await expect(r.state()).rejects.toThrow(ManyVersionsError)
    await expect(r.state()).rejects.toThrow(/2 versions on commit .* gto show fails/)
  })

  it('unassigning a stage on an unregistered commit leaves it shown, as in gto (each event is its own version)', async () => {
    const repo = await makeRepo()
    const c1 = await commitAll(repo, 'one')
    const r = registry(repo)
    await r.assign('m', 'dev', c1, T)
    await r.unassign('m', 'dev', c1, T + 1)
    expect((await r.state()).get('m')!.stages.dev?.version).toBe(c1)
  })

  it('nextTagTime is strictly later than the model’s newest tag, so no tie is left to break', async () => {
    const { repo } = await showcase()
    const tags = await readTags(repo)
    expect(nextTagTime('rf', tags, T)).toBe(T + 5)
    expect(nextTagTime('nn', tags, T)).toBe(T + 2)
    expect(nextTagTime('rf', tags, T + 100)).toBe(T + 100)
    expect(nextTagTime('new', tags, T)).toBe(T)
  })
})
