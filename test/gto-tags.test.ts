// iterative/gto's tests/test_tag.py, ported to Tunegate's parser and tags made with real git.
import { describe, expect, it } from 'vitest'
import { formatTag, nextCounter, parseTag, type ParsedTag } from '../src/registry/gto-tags.js'
import { createAnnotatedTag, readTags, resolveState } from '../src/registry/state.js'
import { git } from '../src/registry/git.js'
import { commitAll, makeRepo } from './helpers/git-repo.js'

const ok = (tag: string) => {
  const p = parseTag(tag)
  if (!p.ok) throw new Error(`${tag}: ${p.reason}`)
  const { ok: _ok, ...rest } = p
  return rest
}

describe('gto test_tag.py: test_name_tag', () => {
  it('names register, deregister, assign and unassign tags, with and without counters', async () => {
    const repo = await makeRepo()
    const names = (await git(repo, ['tag', '--list'])).split('\n').filter(Boolean)
    // gto's test uses version "v1", which its own parser refuses (test_parse_wrong_names: model@v1):
    // Tunegate never formats a tag gto cannot read back, so the port uses a semantic version.
    expect(() => formatTag({ action: 'register', model: 'myartifact', version: 'v1' })).toThrow(/not 'v' followed/)
    const v = 'v1.0.0'
    expect(formatTag({ action: 'register', model: 'myartifact', version: v })).toBe('myartifact@v1.0.0')
    const counter = nextCounter('myartifact', names)
    expect(formatTag({ action: 'register', model: 'myartifact', version: v, counter })).toBe('myartifact@v1.0.0#1')
    expect(formatTag({ action: 'deregister', model: 'myartifact', version: v })).toBe('myartifact@v1.0.0!')
    expect(formatTag({ action: 'deregister', model: 'myartifact', version: v, counter })).toBe('myartifact@v1.0.0!#1')
    expect(formatTag({ action: 'assign', model: 'myartifact', stage: 'stage' })).toBe('myartifact#stage')
    expect(formatTag({ action: 'assign', model: 'myartifact', stage: 'stage', counter })).toBe('myartifact#stage#1')
    expect(formatTag({ action: 'unassign', model: 'myartifact', stage: 'stage', counter })).toBe('myartifact#stage!#1')
  })

  it('writes a folder-qualified name dir:name as dir=name, as gto does, and reads it back', () => {
    expect(formatTag({ action: 'register', model: 'dvclive/dsd:nn', version: 'v0.0.1' })).toBe('dvclive/dsd=nn@v0.0.1')
    // gto's test_cli: `gto parse-tag dvclive/dsd=nn@v0.0.1` names the artifact dvclive/dsd:nn.
    expect(ok('dvclive/dsd=nn@v0.0.1')).toEqual({ model: 'dvclive/dsd:nn', action: 'register', version: 'v0.0.1' })
    expect(ok('some/folder=some/artifact#staging#3')).toEqual({
      model: 'some/folder:some/artifact',
      action: 'assign',
      stage: 'staging',
      counter: 3
    })
  })

  it('never forms a tag gto cannot read: no @created, no invalid names', () => {
    expect(() => formatTag({ action: 'create' as ParsedTag['action'], model: 'm' })).toThrow(/Cannot form/)
    expect(() => formatTag({ action: 'assign', model: 'm:', stage: 'prod' })).toThrow(/invalid/)
    expect(() => formatTag({ action: 'assign', model: 'a:b:c', stage: 'prod' })).toThrow(/invalid/)
    const created = parseTag('m@created')
    expect(created).toMatchObject({ ok: false, breaksGto: true })
  })
})

describe('gto test_tag.py: test_parse_name', () => {
  it.each([
    ['path@v1.2.3', { model: 'path', version: 'v1.2.3', action: 'register' }],
    ['path@v1.2.3#5', { model: 'path', version: 'v1.2.3', action: 'register', counter: 5 }],
    ['path@v1.2.3!', { model: 'path', version: 'v1.2.3', action: 'deregister' }],
    ['path@v1.2.3!#2', { model: 'path', version: 'v1.2.3', action: 'deregister', counter: 2 }],
    ['path#stage', { model: 'path', action: 'assign', stage: 'stage' }],
    ['path#stage#1', { model: 'path', action: 'assign', stage: 'stage', counter: 1 }],
    ['path#stage!#2', { model: 'path', action: 'unassign', stage: 'stage', counter: 2 }]
  ])('%s', (tag, expected) => {
    expect(ok(tag)).toEqual(expected)
  })
})

describe('gto test_tag.py: test_parse_wrong_names', () => {
  it.each([
    '',
    '###',
    '@@@',
    'model@v1',
    'nn#prod#-1',
    'model@v111',
    'model-prod',
    'model@0.0.1',
    'model-prod-v1',
    'model#prod#-1',
    'model#prod#1-2',
    'model#prod?#1-2',
    'model#prod@v1.2.3',
    'model@v1.2.3#prod',
    'model-prod-v1-stage',
    'model@prod@v1@stage-1',
    'namespace/model@0.0.1',
    '@namespace/model@0.0.1',
    'model#prod#v1#stage#1-',
    'model#prod-v1-stage@1-2',
    'model#prod-v1-stage@1-2#@'
  ])('refuses %j', tag => {
    expect(parseTag(tag).ok).toBe(false)
  })
})

describe('gto test_tag.py: test_parse_correct_names', () => {
  it.each([
    'nn#prod',
    'nn#prod!',
    'nn#prod#1',
    'nn@v1.0.0',
    'nn#prod!#2',
    'nn@v1.0.0!',
    'nn@v1.0.0#1',
    'nn@v1.0.0!#1',
    'nn@v1.0.0-rc.2',
    'nn@v1.0.0-alpha',
    'nn@v1.0.0-alpha.1',
    'nn@v1.0.0-alpha.beta',
    'new-artifact@v1.0.1!'
  ])('reads %s', tag => {
    expect(parseTag(tag).ok).toBe(true)
  })
})

describe('gto test_tag.py: tags in a repository', () => {
  it('test_create_tag_bad_ref: a tag on a commit that does not exist is refused', async () => {
    const repo = await makeRepo()
    await expect(createAnnotatedTag(repo, 'name', 'wrongref', 'msg')).rejects.toThrow()
    await expect(createAnnotatedTag(repo, 'name', '679dd96f8f22bef6505b9646803bf3c2afe94692', 'msg')).rejects.toThrow()
  })

  it('test_create_tag_repeated_tagname: a tag name is used once', async () => {
    const repo = await makeRepo()
    const head = await commitAll(repo, 'x')
    await createAnnotatedTag(repo, 'name', head, 'msg')
    await expect(createAnnotatedTag(repo, 'name', head, 'msg')).rejects.toThrow(/already exists/)
  })

  it('test_lightweight_tag: lightweight tags are not GTO events', async () => {
    const repo = await makeRepo()
    await git(repo, ['tag', 'lightweight-tag@v0.0.1'])
    expect(resolveState(await readTags(repo)).size).toBe(0)
  })

  it('test_parse_tag_created_at_timezone: the tagger time is read as an absolute time', async () => {
    const repo = await makeRepo()
    const head = await commitAll(repo, 'x')
    await git(repo, ['tag', '-a', 'nn#prod', '-m', 'msg', head], {
      env: { GIT_COMMITTER_DATE: '1800000000 +0530' }
    })
    const [tag] = await readTags(repo)
    expect(tag).toMatchObject({ name: 'nn#prod', taggedAt: 1_800_000_000, annotated: true, commit: head })
  })

  it('counts over every tag of the model, lightweight ones included, as name_tag does', async () => {
    const repo = await makeRepo()
    const head = await commitAll(repo, 'x')
    await git(repo, ['tag', 'm#prod#7', head])
    await createAnnotatedTag(repo, 'm#dev#3', head, 'x')
    await createAnnotatedTag(repo, 'other#dev#20', head, 'x')
    const names = (await readTags(repo)).map(t => t.name)
    expect(nextCounter('m', names)).toBe(8)
  })
})
