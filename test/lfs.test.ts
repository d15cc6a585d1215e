import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { diffDataset } from '../src/data/dataset-diff.js'
import { readRows } from '../src/data/readers.js'
import { runDrift } from '../src/drift/drift.js'
import { gitLfsCredentials } from '../src/actions/common.js'
import { GitHubHost } from '../src/host/github-host.js'
import { LocalHost } from '../src/host/local-host.js'
import { createGitHubClient } from '../src/host/octokit-client.js'
import { materialiseModel } from '../src/drift/reference.js'
import { contentDigest, fileDigest } from '../src/registry/digest.js'
import { modelIdentity } from '../src/registry/fingerprint.js'
import { git } from '../src/registry/git.js'
import { LfsPointerError, parseLfsPointer, readLfsPointer, smudgeLfsObject } from '../src/registry/lfs.js'
import { assertValid, loadRegistry } from '../src/registry/loader.js'
import { DRIFT_MODEL, DRIFT_TRAIN, feedbackRow } from './helpers/drift-data.js'
import { EXAMPLE_REGISTRY } from './helpers/git-repo.js'
import { lfsClone, lfsRemote, pathWithoutGitLfs } from './helpers/lfs-repo.js'
import { runCli } from './helpers/run-cli.js'
import { GitHubStandIn } from './github/stand-in.js'

const DATASETS = ['content-classifier', 'schema-markup', 'seo-writer'].flatMap(m => [
  `registry/datasets/${m}/train.jsonl`,
  `registry/datasets/${m}/eval.jsonl`
])
const TRAIN_ROWS = 799
/** What every reader's message says: the file, that it is a pointer, and both ways to get the data. */
const pointerMessage = (file: string) =>
  new RegExp(
    `${file.replace(/[./]/g, c => `\\${c}`)} is a Git LFS pointer \\(object sha256:[0-9a-f]{12}…, [\\d,]+ bytes\\), not the data.*'lfs' input.*git lfs pull`
  )

let remote: string
let pointers: string
let smudged: string

beforeAll(async () => {
  ;({ remote } = await lfsRemote())
  pointers = await lfsClone(remote, { smudged: false })
  smudged = await lfsClone(remote, { smudged: true })
}, 120_000)

const rowsOf = (text: string) => text.split('\n').filter(Boolean).length

/** A run of git-lfs's smudge on a pointer: the object's content from the repository's store. */
const smudge = (repo: string, pointer: string) =>
  new Promise<string>((resolve, reject) => {
    import('node:child_process')
      .then(({ execFile }) => {
        const child = execFile('git', ['lfs', 'smudge'], { cwd: repo, maxBuffer: 1 << 28 }, (e, out) =>
          e ? reject(e) : resolve(out)
        )
        child.stdin!.end(pointer)
      })
      .catch(reject)
  })

describe('Git LFS pointers', () => {
  it('are recognised by the spec, and nothing else is', async () => {
    const text = await readFile(path.join(pointers, DRIFT_TRAIN), 'utf8')
    const pointer = parseLfsPointer(text)
    expect(pointer?.oid).toBe(await fileDigest(path.join(smudged, DRIFT_TRAIN)))
    expect(pointer?.size).toBe(Buffer.byteLength(await readFile(path.join(smudged, DRIFT_TRAIN))))
    expect(await readLfsPointer(path.join(smudged, DRIFT_TRAIN))).toBeUndefined()
    const oid = 'a'.repeat(64)
    expect(parseLfsPointer(`version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize 12\n`)).toEqual({
      oid,
      size: 12
    })
    // The version line must come first.
    expect(
      parseLfsPointer(
        `ext-0-foo sha256:${oid}\nversion https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize 12\n`
      )
    ).toBeUndefined()
    expect(parseLfsPointer(`version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\n`)).toBeUndefined()
    expect(parseLfsPointer(`version https://git-lfs.github.com/spec/v1\noid sha256:xyz\nsize 12\n`)).toBeUndefined()
    expect(parseLfsPointer(`version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize 12\n{"a":1}\n`)).toBe(
      undefined
    )
  })
})

describe('a checkout without LFS objects (pointers)', () => {
  it('validate names each pointer file, says it is Git LFS and how to get the data', async () => {
    const r = await runCli(['validate'], pointers)
    expect(r.code).toBe(1)
    const out = r.stdout + r.stderr
    for (const file of DATASETS) expect(out).toMatch(pointerMessage(file))
    expect(out).not.toMatch(/invalid JSON|unexpected token/)
    expect(out).not.toMatch(/at .*\.ts:\d+:\d+/)
  }, 120_000)

  it('train fails on the pointer, naming it', async () => {
    const r = await runCli(['train', '--model', DRIFT_MODEL], pointers)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(pointerMessage('registry/datasets/content-classifier/train.jsonl'))
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+:\d+/)
  }, 120_000)

  it('evaluate fails on a pointer eval file, naming it', async () => {
    const clone = await lfsClone(remote, { smudged: true })
    const trained = await runCli(['train', '--model', DRIFT_MODEL], clone)
    expect(trained.code, trained.stderr).toBe(0)
    // The eval file as a checkout without LFS objects has it (the fingerprints do not change).
    const evalFile = 'registry/datasets/content-classifier/eval.jsonl'
    await writeFile(path.join(clone, evalFile), await git(clone, ['cat-file', 'blob', `HEAD:${evalFile}`]))
    const r = await runCli(['evaluate', '--model', DRIFT_MODEL], clone)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(pointerMessage(evalFile))
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+:\d+/)
  }, 180_000)

  it('every row reader refuses a pointer with LfsPointerError', async () => {
    const file = path.join(pointers, DRIFT_TRAIN)
    const read = async () => {
      for await (const ev of readRows(file, { maxLineBytes: 1 << 20, display: DRIFT_TRAIN })) void ev
    }
    await expect(read()).rejects.toThrow(LfsPointerError)
    await expect(read()).rejects.toThrow(pointerMessage(DRIFT_TRAIN))
  })

  it('drift reads the reference through git-lfs at the production tag (fetched from the LFS remote)', async () => {
    const host = new LocalHost(path.join(pointers, '.tunegate'), pointers)
    const [m] = await runDrift({
      registryDir: path.join(pointers, 'registry'),
      samples: path.join(pointers, 'samples/shifted.jsonl'),
      host,
      base: 'main',
      workDir: path.join(pointers, '.tunegate', 'work')
    })
    expect(m!.record.rows.reference).toBe(TRAIN_ROWS)
    expect(m!.record.raw).toBe('drift')
    expect(m!.record.statistics.length).toBeGreaterThan(0)
  }, 120_000)

  it("drift fails loudly when the reference's LFS object cannot be fetched, or git-lfs is missing", async () => {
    const clone = await lfsClone(remote, { smudged: false })
    const options = {
      registryDir: path.join(clone, 'registry'),
      samples: path.join(clone, 'samples/shifted.jsonl'),
      host: new LocalHost(path.join(clone, '.tunegate'), clone),
      base: 'main',
      workDir: path.join(clone, '.tunegate', 'work')
    }
    const savedPath = process.env.PATH
    process.env.PATH = await pathWithoutGitLfs()
    try {
      await expect(runDrift(options)).rejects.toThrow(
        /datasets\/content-classifier\/train\.jsonl@[0-9a-f]{12} is a Git LFS pointer .* could not be read: git-lfs is not installed/
      )
    } finally {
      process.env.PATH = savedPath
    }
    await git(clone, ['remote', 'set-url', 'origin', path.join(path.dirname(remote), 'gone.git')])
    await expect(runDrift(options)).rejects.toThrow(
      /datasets\/content-classifier\/train\.jsonl@[0-9a-f]{12} is a Git LFS pointer .* could not be read: .*'lfs' input/
    )
  }, 120_000)

  it('drift with feedback refuses to append to a train file it cannot read, and writes no branch', async () => {
    await writeFile(path.join(pointers, 'feedback.jsonl'), feedbackRow('fb-lfs-1', 'Cordless lawnmower care') + '\n')
    const host = new LocalHost(path.join(pointers, '.tunegate-fb'), pointers)
    await expect(
      runDrift({
        registryDir: path.join(pointers, 'registry'),
        samples: path.join(pointers, 'samples/shifted.jsonl'),
        feedback: path.join(pointers, 'feedback.jsonl'),
        host,
        base: 'main',
        workDir: path.join(pointers, '.tunegate', 'work')
      })
    ).rejects.toThrow(pointerMessage('registry/datasets/content-classifier/train.jsonl'))
    expect(await git(pointers, ['branch', '--list', 'tunegate/*'])).toBe('')
  }, 120_000)
})

describe('digests and fingerprints', () => {
  it("a file's digest is its content's sha256 whichever way it is checked out", async () => {
    for (const file of DATASETS) {
      const content = await fileDigest(path.join(smudged, file))
      expect(await contentDigest(path.join(pointers, file))).toBe(content)
      expect(await contentDigest(path.join(smudged, file))).toBe(content)
      expect(await fileDigest(path.join(pointers, file))).not.toBe(content)
    }
  })

  it('fingerprints are identical for a pointer checkout, a smudged one and plain files', async () => {
    const identities = async (registryDir: string) => {
      const registry = await loadRegistry(registryDir)
      assertValid(registry)
      return Promise.all(registry.models.map(m => modelIdentity(m, { name: 'baseline', version: '1' })))
    }
    const fromPointers = await identities(path.join(pointers, 'registry'))
    expect(fromPointers).toHaveLength(3)
    expect(await identities(path.join(smudged, 'registry'))).toEqual(fromPointers)
    expect(await identities(EXAMPLE_REGISTRY)).toEqual(fromPointers)
  })
})

describe('a checkout with LFS objects (smudged)', () => {
  it('validate passes', async () => {
    const r = await runCli(['validate'], smudged)
    expect(r.stdout + r.stderr).not.toMatch(/Git LFS pointer/)
    expect(r.code).toBe(0)
  }, 120_000)

  it('the dataset diff compares content: rows appended to an LFS file, and an unchanged one', async () => {
    const clone = await lfsClone(remote, { smudged: true })
    const head = (await git(clone, ['rev-parse', 'HEAD'])).trim()
    const extra = Array.from({ length: 100 }, (_, i) => feedbackRow(`lfs-new-${i}`, `New row ${i} on garden hoses`))
    await appendFile(path.join(clone, DRIFT_TRAIN), extra.join('\n') + '\n')
    const registry = await loadRegistry(path.join(clone, 'registry'))
    const rulesOf = (file: string) => {
      const { spec } = registry.models.find(m => [...m.train, ...m.eval].some(f => f.absolute.endsWith(file)))!
      return { format: spec.data.format, labels: spec.data.labels, useCases: spec.use_cases, target: spec.data.target }
    }
    const diff = (file: string) => diffDataset(clone, head, path.join(clone, file), file, rulesOf(file), 1 << 20)
    const train = await diff(DRIFT_TRAIN)
    expect(train).toMatchObject({ status: 'modified', baseRows: TRAIN_ROWS, headRows: TRAIN_ROWS + 100 })
    expect(train.total).toEqual({ added: 100, removed: 0, changed: 0 })
    const evalFile = 'registry/datasets/seo-writer/eval.jsonl'
    const unchanged = await diff(evalFile)
    expect(unchanged).toMatchObject({ status: 'unchanged', baseRows: 151, headRows: 151 })
    expect(unchanged.total).toEqual({ added: 0, removed: 0, changed: 0 })
    // Unchanged content is known from the pointer's oid alone: no object is fetched for it.
    await rm(path.join(clone, '.git', 'lfs', 'objects'), { recursive: true, force: true })
    await git(clone, ['remote', 'set-url', 'origin', path.join(path.dirname(remote), 'gone.git')])
    expect((await diff(evalFile)).status).toBe('unchanged')
    await expect(diff(DRIFT_TRAIN)).rejects.toThrow(
      /train\.jsonl@[0-9a-f]{12} is a Git LFS pointer .* could not be read/
    )
  }, 120_000)

  it('the retraining branch appends feedback rows as a new LFS object, keeping every row', async () => {
    const original = await readFile(path.join(smudged, DRIFT_TRAIN), 'utf8')
    const rows = [
      feedbackRow('fb-lfs-1', 'Choosing a cordless lawnmower for a small garden'),
      feedbackRow('fb-lfs-2', 'Raised beds and irrigation for allotments')
    ]
    await writeFile(path.join(smudged, 'feedback.jsonl'), rows.join('\n') + '\n')
    const drift = (host: LocalHost) =>
      runDrift({
        registryDir: path.join(smudged, 'registry'),
        samples: path.join(smudged, 'samples/shifted.jsonl'),
        feedback: path.join(smudged, 'feedback.jsonl'),
        host,
        base: 'main',
        workDir: path.join(smudged, '.tunegate', 'work')
      })
    // Without git-lfs the host refuses to append to the pointer (the reference read fails before, in drift).
    const savedPath = process.env.PATH
    process.env.PATH = await pathWithoutGitLfs()
    try {
      await expect(
        new LocalHost(path.join(smudged, '.tunegate-nolfs'), smudged).upsertPullRequest({
          branch: 'tunegate/retrain/no-lfs',
          base: 'main',
          title: 'no git-lfs',
          body: '',
          commitMessage: 'append',
          files: {},
          append: { [DRIFT_TRAIN]: rows.join('\n') + '\n' }
        })
      ).rejects.toThrow(/train\.jsonl is tracked by Git LFS, and git-lfs is not installed: refusing/)
    } finally {
      process.env.PATH = savedPath
    }
    expect(await git(smudged, ['branch', '--list', 'tunegate/*'])).toBe('')

    const host = new LocalHost(path.join(smudged, '.tunegate'), smudged)
    const [m] = await drift(host)
    expect(m!.record.action).toMatchObject({ kind: 'pull-request', branch: `tunegate/retrain/${DRIFT_MODEL}` })
    const branch = `tunegate/retrain/${DRIFT_MODEL}`
    const blob = await git(smudged, ['cat-file', 'blob', `${branch}:${DRIFT_TRAIN}`])
    const pointer = parseLfsPointer(blob)
    expect(pointer).toBeDefined()
    const content = await smudge(smudged, blob)
    expect(content.startsWith(original)).toBe(true)
    expect(rowsOf(content)).toBe(TRAIN_ROWS + 2)
    expect(content).toContain('"id":"fb-lfs-2"')
    expect(pointer!.size).toBe(Buffer.byteLength(content))
    // Again with the same feedback: nothing new, so the branch does not move.
    const before = (await git(smudged, ['rev-parse', branch])).trim()
    await drift(host)
    expect((await git(smudged, ['rev-parse', branch])).trim()).toBe(before)
  }, 180_000)
})

describe('LFS objects', () => {
  it('an object whose bytes do not match its pointer is refused, never used', async () => {
    const clone = await lfsClone(remote, { smudged: true })
    const pointer = parseLfsPointer(await git(clone, ['cat-file', 'blob', `HEAD:${DRIFT_TRAIN}`]))!
    const object = path.join(clone, '.git/lfs/objects', pointer.oid.slice(0, 2), pointer.oid.slice(2, 4), pointer.oid)
    const original = await readFile(object)
    const corrupt = Buffer.from(original)
    corrupt[10] = corrupt[10] === 0x41 ? 0x42 : 0x41
    // A new file, not a write through a hard link git-lfs may share with the remote's store.
    await rm(object)
    await writeFile(object, corrupt)
    const destination = path.join(clone, 'resolved.jsonl')
    await expect(smudgeLfsObject(clone, pointer, destination, DRIFT_TRAIN)).rejects.toThrow(
      /train\.jsonl is a Git LFS pointer .* could not be read: .*not the pointer's object/
    )
    await expect(readFile(destination)).rejects.toThrow(/ENOENT/)
  })
})

describe('drift at the production tag', () => {
  it("writes only the checked model's files, never the registry", async () => {
    const destination = path.join(await mkdtemp(path.join(tmpdir(), 'tunegate-reference-')), 'model')
    const commit = (await git(smudged, ['rev-parse', `${DRIFT_MODEL}@v1.0.0^{commit}`])).trim()
    await materialiseModel(smudged, path.join(smudged, 'registry'), commit, DRIFT_MODEL, destination)
    const files = (await readdir(destination, { recursive: true, withFileTypes: true }))
      .filter(e => e.isFile())
      .map(e => path.relative(destination, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort()
    const spec = await readFile(path.join(smudged, 'registry/models/content-classifier/model.yaml'), 'utf8')
    const prompt = /^prompt: (.+)$/m.exec(spec)![1]!.trim()
    expect(files).toEqual(
      [
        'registry.yaml',
        'models/content-classifier/model.yaml',
        'datasets/content-classifier/train.jsonl',
        'datasets/content-classifier/eval.jsonl',
        prompt
      ].sort()
    )
    expect(files.some(f => /seo-writer|schema-markup/.test(f))).toBe(false)
    // LFS files are written as their pointers; drift fetches the ones it reads.
    expect(await readLfsPointer(path.join(destination, 'datasets/content-classifier/train.jsonl'))).toBeDefined()
  })
})

describe('the retraining branch on GitHub', () => {
  it('uploads the new LFS object to the LFS remote and commits its pointer; without a checkout, refuses', async () => {
    const gh = await new GitHubStandIn().start()
    try {
      const pointer = await git(smudged, ['cat-file', 'blob', `HEAD:${DRIFT_TRAIN}`])
      gh.seedCommit('main', { [DRIFT_TRAIN]: pointer })
      const client = createGitHubClient({ token: 'test-token', baseUrl: gh.url, retryAfterBaseValue: 20 })
      const change = {
        branch: 'tunegate/retrain/content-classifier',
        base: 'main',
        title: 'Retrain',
        body: 'drift',
        commitMessage: 'Add feedback rows',
        files: {},
        append: { [DRIFT_TRAIN]: feedbackRow('fb-gh-1', 'Hedge trimmers for a long garden') + '\n' }
      }
      const bare = new GitHubHost(client, { owner: gh.owner, repo: gh.repo, settleMs: 30 })
      await expect(bare.upsertPullRequest(change)).rejects.toThrow(
        /train\.jsonl is tracked by Git LFS: appending to it needs a checkout of the repository with git-lfs/
      )
      expect(gh.refs.has('refs/heads/tunegate/retrain/content-classifier')).toBe(false)

      const checkout = await lfsClone(remote, { smudged: true })
      const host = new GitHubHost(client, { owner: gh.owner, repo: gh.repo, settleMs: 30, checkout })
      await host.upsertPullRequest(change)
      const committed = gh.fileAt('tunegate/retrain/content-classifier', DRIFT_TRAIN)!
      const next = parseLfsPointer(committed)!
      expect(next).toBeDefined()
      const stored = path.join(remote, 'lfs', 'objects', next.oid.slice(0, 2), next.oid.slice(2, 4), next.oid)
      const content = await readFile(stored, 'utf8')
      expect(content.startsWith(await smudge(smudged, pointer))).toBe(true)
      expect(rowsOf(content)).toBe(TRAIN_ROWS + 1)
      expect(content).toContain('"id":"fb-gh-1"')
    } finally {
      await gh.stop()
    }
  }, 120_000)
})

describe('the actions give git-lfs their token', () => {
  it("through git's environment configuration, nothing written to .git/config", async () => {
    const saved = { ...process.env }
    try {
      process.env.GITHUB_SERVER_URL = 'https://github.example'
      gitLfsCredentials('t0ken')
      const header = await git(smudged, ['config', '--get', 'http.https://github.example/.extraheader'])
      expect(header.trim()).toBe(`AUTHORIZATION: basic ${Buffer.from('x-access-token:t0ken').toString('base64')}`)
      expect(await readFile(path.join(smudged, '.git', 'config'), 'utf8')).not.toContain('extraheader')
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
      Object.assign(process.env, saved)
    }
  })
})
