import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import type http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureExternalFile, type FetchSettings } from '../src/data/external.js'
import { diffExternalDataset } from '../src/data/dataset-diff.js'
import { validateRegistry } from '../src/data/validate.js'
import { runDrift } from '../src/drift/drift.js'
import { LocalHost } from '../src/host/local-host.js'
import { externalCachePath } from '../src/registry/external-data.js'
import { modelIdentity } from '../src/registry/fingerprint.js'
import { loadRegistry } from '../src/registry/loader.js'
import type { ExternalData } from '../src/registry/schema.js'
import { trainerIdentity } from '../src/training/backends.js'
import {
  S3StandIn,
  selfSignedCertificate,
  startServer,
  type TestCertificate,
  type TestServer
} from './helpers/external-servers.js'
import { commitAll, EXAMPLE_REGISTRY, makeRepo, tagAt, tunegateTag, writeRepoFile } from './helpers/git-repo.js'
import { unshiftedSamples } from './helpers/drift-data.js'
import { runCli } from './helpers/run-cli.js'

const MODEL = 'content-classifier'
const SPEC = `registry/models/${MODEL}/model.yaml`
const TRAIN = path.join(EXAMPLE_REGISTRY, `datasets/${MODEL}/train.jsonl`)
const EVAL = path.join(EXAMPLE_REGISTRY, `datasets/${MODEL}/eval.jsonl`)
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

let certificate: TestCertificate
let trainBytes: Buffer
let evalBytes: Buffer

beforeAll(async () => {
  certificate = await selfSignedCertificate()
  trainBytes = await readFile(TRAIN)
  evalBytes = await readFile(EVAL)
})

/** The external entry for some bytes at a URI. */
function entryOf(uri: string, bytes: Buffer): ExternalData {
  return { uri, sha256: sha256(bytes), bytes: bytes.length }
}

/** A fresh cache folder, and the settings that trust the test certificate. */
async function fresh(extra: FetchSettings = {}): Promise<{ cache: string; settings: FetchSettings }> {
  const cache = await mkdtemp(path.join(tmpdir(), 'tunegate-dataset-cache-'))
  return { cache, settings: { ca: certificate.cert, ...extra } }
}

/** The names in a cache folder and its .incoming folder: a failed fetch leaves neither a file nor a part. */
async function cacheContents(cache: string): Promise<string[]> {
  const top = await readdir(cache).catch(() => [] as string[])
  const incoming = await readdir(path.join(cache, '.incoming')).catch(() => [] as string[])
  return [...top.filter(n => n !== '.incoming'), ...incoming.map(n => `.incoming/${n}`)]
}

/** Serves fixed bytes at every path. */
function serve(bytes: Buffer): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (_req, res) => {
    res.writeHead(200, { 'content-length': bytes.length })
    res.end(bytes)
  }
}

/** The example registry in a git repository with content-classifier's data entries replaced. */
async function repoWithData(train: string, evalEntry: string): Promise<string> {
  const repo = await makeRepo({ withRegistry: true })
  const spec = await readFile(path.join(repo, SPEC), 'utf8')
  await writeFile(
    path.join(repo, SPEC),
    spec
      .replace(`  train: datasets/${MODEL}/train.jsonl\n`, `  train: ${train}\n`)
      .replace(`  eval: datasets/${MODEL}/eval.jsonl\n`, `  eval: ${evalEntry}\n`)
  )
  await commitAll(repo, 'external data')
  return repo
}

const flow = (e: ExternalData) => `{uri: "${e.uri}", sha256: ${e.sha256}, bytes: ${e.bytes}}`

describe('external data entries in model.yaml', () => {
  it('refuse hf:// and other schemes, and URIs written as paths, naming the file, the line and the form expected', async () => {
    const good = flow(entryOf('https://data.example/train.jsonl', trainBytes))
    const repo = await repoWithData(
      '[{uri: "hf://datasets/acme/tickets/train.jsonl", sha256: ' + 'a'.repeat(64) + ', bytes: 10}, s3://b/k.jsonl]',
      `{uri: "ftp://data.example/eval.jsonl", sha256: ${'b'.repeat(64)}, bytes: 10}`
    )
    const registry = await loadRegistry(path.join(repo, 'registry'), { displayBase: repo })
    const messages = registry.problems.map(p => `${p.file}:${p.line}: ${p.message}`)
    expect(messages).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${SPEC}:15: data\\.train\\.0\\.uri: 'hf://datasets/acme/tickets/train.jsonl': hf:// URIs are not read; .*expected \\{uri, sha256, bytes\\} with an https:// or s3:// URI`
        )
      )
    )
    expect(messages).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${SPEC}:15: data\\.train\\.1: 's3://b/k.jsonl' is a URI, not a path; expected \\{uri, sha256, bytes\\}`
        )
      )
    )
    expect(messages).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${SPEC}:16: data\\.eval\\.uri: 'ftp://data.example/eval.jsonl': the scheme ftp:// is not supported`
        )
      )
    )
    // A well-formed entry loads, and nothing is looked up on disk for it.
    const ok = await repoWithData(good, `datasets/${MODEL}/eval.jsonl`)
    const loaded = await loadRegistry(path.join(ok, 'registry'), { displayBase: ok })
    expect(loaded.problems.filter(p => p.severity === 'error')).toEqual([])
  })

  it('the fingerprint is the declared digest: the same as the file in the repository, with no request made', async () => {
    const server = await startServer(serve(trainBytes), certificate)
    try {
      const local = await loadRegistry(
        path.join(await repoWithData(`datasets/${MODEL}/train.jsonl`, `datasets/${MODEL}/eval.jsonl`), 'registry')
      )
      const remote = await loadRegistry(
        path.join(
          await repoWithData(flow(entryOf(`${server.origin}/train.jsonl`, trainBytes)), `datasets/${MODEL}/eval.jsonl`),
          'registry'
        )
      )
      const of = async (r: typeof local) => {
        const m = r.models.find(x => x.spec.name === MODEL)!
        return modelIdentity(m, trainerIdentity(m.spec))
      }
      expect((await of(remote)).training_fingerprint).toBe((await of(local)).training_fingerprint)
      expect(server.requests).toEqual([])
    } finally {
      await server.close()
    }
  })
})

describe('fetching over https', () => {
  let server: TestServer
  const routes = new Map<string, (req: http.IncomingMessage, res: http.ServerResponse) => void>()
  beforeAll(async () => {
    server = await startServer((req, res) => {
      const route = routes.get(new URL(req.url ?? '/', 'http://x').pathname)
      if (route) route(req, res)
      else res.writeHead(404).end('not here')
    }, certificate)
    routes.set('/train.jsonl', serve(trainBytes))
    routes.set('/endless.jsonl', (_req, res) => {
      // No content-length: the fetcher must stop on its own bound.
      res.writeHead(200)
      const chunk = Buffer.alloc(64 * 1024, 0x61)
      const pump = () => {
        while (res.write(chunk));
        res.once('drain', pump)
      }
      res.on('close', () => res.removeAllListeners('drain'))
      pump()
    })
    routes.set('/silent.jsonl', (_req, res) => {
      res.writeHead(200, { 'content-length': trainBytes.length })
      res.write(trainBytes.subarray(0, 100))
      // …then nothing more.
    })
    routes.set('/to-http.jsonl', (_req, res) =>
      res.writeHead(302, { location: 'http://127.0.0.1:9/train.jsonl' }).end()
    )
    routes.set('/loop.jsonl', (_req, res) => res.writeHead(302, { location: '/loop.jsonl' }).end())
  })
  afterAll(() => server.close())

  it('downloads to the cache keyed by digest, verified; a cache hit makes no request', async () => {
    const { cache, settings } = await fresh()
    const entry = entryOf(`${server.origin}/train.jsonl`, trainBytes)
    const target = externalCachePath(entry, cache)
    expect(path.basename(target)).toBe(`${entry.sha256}.jsonl`)
    const before = server.requests.length
    await ensureExternalFile(entry, target, settings)
    expect(sha256(await readFile(target))).toBe(entry.sha256)
    expect(server.requests.length).toBe(before + 1)
    await ensureExternalFile(entry, target, settings)
    expect(server.requests.length).toBe(before + 1)
    expect(await cacheContents(cache)).toEqual([path.basename(target)])
    // A cached copy of the right size but other bytes (a cache restored from elsewhere) is not used.
    await writeFile(target, Buffer.alloc(trainBytes.length, 0x20))
    await ensureExternalFile(entry, target, settings)
    expect(server.requests.length).toBe(before + 2)
    expect(sha256(await readFile(target))).toBe(entry.sha256)
  })

  it('refuses a certificate it was not told to trust', async () => {
    const { cache } = await fresh()
    const entry = entryOf(`${server.origin}/train.jsonl`, trainBytes)
    await expect(ensureExternalFile(entry, externalCachePath(entry, cache), {})).rejects.toThrow(
      /cannot fetch from https:\/\/127\.0\.0\.1:\d+: .*(self-signed|self signed)/
    )
  })

  it('a digest mismatch names the entry and both digests, and keeps nothing in the cache', async () => {
    const { cache, settings } = await fresh()
    const declared = sha256(Buffer.from('something else'))
    const entry = { uri: `${server.origin}/train.jsonl`, sha256: declared, bytes: trainBytes.length }
    const error = await ensureExternalFile(entry, externalCachePath(entry, cache), settings).catch((e: Error) => e)
    expect(String(error)).toContain(`${entry.uri}: sha256 mismatch: model.yaml declares ${declared}`)
    expect(String(error)).toContain(`the downloaded bytes have ${sha256(trainBytes)}`)
    expect(await cacheContents(cache)).toEqual([])
  })

  it('a server that sends more than declared is stopped at the bound', async () => {
    const { cache, settings } = await fresh()
    const entry = { uri: `${server.origin}/endless.jsonl`, sha256: 'c'.repeat(64), bytes: 1_000_000 }
    await expect(ensureExternalFile(entry, externalCachePath(entry, cache), settings)).rejects.toThrow(
      `${entry.uri}: the server sent more than the 1000000 bytes model.yaml declares; stopped there`
    )
    expect(await cacheContents(cache)).toEqual([])
    // A declared length that disagrees is refused before any byte is read.
    const short = { ...entryOf(`${server.origin}/train.jsonl`, trainBytes), bytes: 10 }
    await expect(ensureExternalFile(short, externalCachePath(short, cache), settings)).rejects.toThrow(
      `the server announces ${trainBytes.length} bytes, model.yaml declares 10`
    )
  })

  it('a silent server times out (idle), as does one too slow overall (total)', async () => {
    const { cache, settings } = await fresh({ idleTimeoutMs: 500 })
    const entry = entryOf(`${server.origin}/silent.jsonl`, trainBytes)
    await expect(ensureExternalFile(entry, externalCachePath(entry, cache), settings)).rejects.toThrow(
      /silent\.jsonl: https:\/\/127\.0\.0\.1:\d+ sent nothing for 0\.5 s; gave up/
    )
    await expect(
      ensureExternalFile(entry, externalCachePath(entry, cache), {
        ...settings,
        idleTimeoutMs: 60_000,
        totalTimeoutMs: 800
      })
    ).rejects.toThrow('download took longer than 0.8 s; gave up')
    expect(await cacheContents(cache)).toEqual([])
  })

  it('redirects: never from https to http, and at most maxRedirects', async () => {
    const { cache, settings } = await fresh()
    const down = entryOf(`${server.origin}/to-http.jsonl`, trainBytes)
    await expect(ensureExternalFile(down, externalCachePath(down, cache), settings)).rejects.toThrow(
      'redirected from https to http://127.0.0.1:9; refused'
    )
    const loop = entryOf(`${server.origin}/loop.jsonl`, trainBytes)
    await expect(
      ensureExternalFile(loop, externalCachePath(loop, cache), { ...settings, maxRedirects: 3 })
    ).rejects.toThrow('more than 3 redirects; gave up')
  })

  it('concurrent fetches of one digest from separate processes leave one whole, verified file', async () => {
    const { cache } = await fresh()
    const writers = 3
    // Every response waits until all the processes have asked, so the downloads overlap.
    const waiting: http.ServerResponse[] = []
    const barrier = await startServer((_req, res) => {
      waiting.push(res)
      if (waiting.length === writers)
        for (const r of waiting) {
          r.writeHead(200, { 'content-length': trainBytes.length })
          r.write(trainBytes.subarray(0, 1000))
          setTimeout(() => r.end(trainBytes.subarray(1000)), 50)
        }
    }, certificate)
    try {
      const entry = entryOf(`${barrier.origin}/train.jsonl`, trainBytes)
      const target = externalCachePath(entry, cache)
      const script =
        `import { ensureExternalFile } from ${JSON.stringify(path.resolve('src/data/external.ts'))};` +
        `await ensureExternalFile(${JSON.stringify(entry)}, ${JSON.stringify(target)}, {})`
      const run = () =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
          env: { ...process.env, NODE_EXTRA_CA_CERTS: certificate.certFile }
        })
      await Promise.all(Array.from({ length: writers }, run))
      expect(barrier.requests.length).toBe(writers)
      expect(sha256(await readFile(target))).toBe(entry.sha256)
      expect(await cacheContents(cache)).toEqual([path.basename(target)])
    } finally {
      await barrier.close()
    }
  }, 60_000)
})

describe('s3:// through an S3-compatible endpoint (SigV4)', () => {
  const credentials = { accessKeyId: 'AKIDTUNEGATE', secretAccessKey: 'secret/key+1', sessionToken: 'session-token' }
  const s3 = new S3StandIn(credentials, 'eu-central-1')
  let endpoint: string
  const envFor = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    ...extra
  })
  beforeAll(async () => {
    endpoint = await s3.start(certificate)
    s3.objects.set('datasets/tickets/train v2.jsonl', trainBytes)
    s3.objects.set('datasets/secret/train.jsonl', trainBytes)
    s3.denied.add('datasets/secret/train.jsonl')
  })
  afterAll(() => s3.close())

  it('fetches with a signed, path-style GetObject (the key percent-encoded)', async () => {
    const { cache, settings } = await fresh({ env: envFor() })
    const entry = entryOf('s3://datasets/tickets/train%20v2.jsonl', trainBytes)
    await ensureExternalFile(entry, externalCachePath(entry, cache), settings)
    expect(sha256(await readFile(externalCachePath(entry, cache)))).toBe(entry.sha256)
    expect(s3.server!.requests.at(-1)!.url).toBe('/datasets/tickets/train%20v2.jsonl')
  })

  it('a 403 says access was denied and which variables to check', async () => {
    const { cache, settings } = await fresh({ env: envFor() })
    const entry = entryOf('s3://datasets/secret/train.jsonl', trainBytes)
    await expect(ensureExternalFile(entry, externalCachePath(entry, cache), settings)).rejects.toThrow(
      's3://datasets/secret/train.jsonl: HTTP 403 (AccessDenied: Access Denied); access denied: check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY'
    )
    const wrong = await fresh({ env: envFor({ AWS_SECRET_ACCESS_KEY: 'not-the-secret' }) })
    const tickets = entryOf('s3://datasets/tickets/train%20v2.jsonl', trainBytes)
    await expect(ensureExternalFile(tickets, externalCachePath(tickets, wrong.cache), wrong.settings)).rejects.toThrow(
      'HTTP 403 (SignatureDoesNotMatch: The request signature we calculated does not match'
    )
    expect(await cacheContents(cache)).toEqual([])
  })

  it('credentials are never sent to the host a redirect leads to', async () => {
    const elsewhere = await startServer(serve(trainBytes), certificate)
    // The endpoint (127.0.0.1) redirects to another host (localhost): the signature stays behind.
    const redirecting = await startServer((req, res) => {
      const port = new URL(elsewhere.origin).port
      res.writeHead(307, { location: `https://localhost:${port}${req.url}` }).end()
    }, certificate)
    try {
      const { cache, settings } = await fresh({ env: envFor({ AWS_ENDPOINT_URL: redirecting.origin }) })
      const entry = entryOf('s3://datasets/tickets/train.jsonl', trainBytes)
      await ensureExternalFile(entry, externalCachePath(entry, cache), settings)
      expect(redirecting.requests[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTUNEGATE\//)
      expect(redirecting.requests[0]!.headers['x-amz-security-token']).toBe('session-token')
      const forwarded = elsewhere.requests[0]!.headers
      expect(forwarded.host).toMatch(/^localhost:/)
      expect(Object.keys(forwarded).filter(h => h === 'authorization' || h.startsWith('x-amz-'))).toEqual([])
    } finally {
      await redirecting.close()
      await elsewhere.close()
    }
  })
})

describe('validate, train and evaluate read external data through the cache', () => {
  it('an https train file and an s3 eval file: validated, trained (baseline), evaluated; then from the cache alone', async () => {
    const credentials = { accessKeyId: 'AKIDPIPELINE', secretAccessKey: 'pipeline-secret' }
    const s3 = new S3StandIn(credentials)
    const endpoint = await s3.start(certificate)
    s3.objects.set('eval-bucket/content/eval.jsonl', evalBytes)
    const web = await startServer(serve(trainBytes), certificate)
    const repo = await repoWithData(
      flow(entryOf(`${web.origin}/content/train.jsonl`, trainBytes)),
      flow(entryOf('s3://eval-bucket/content/eval.jsonl', evalBytes))
    )
    const cache = path.join(repo, '.tunegate/cache/datasets')
    const env = {
      NODE_EXTRA_CA_CERTS: certificate.certFile,
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey
    }
    try {
      const validated = await runCli(['validate'], repo, env)
      expect(validated.code, validated.stderr + validated.stdout).toBe(0)
      expect(validated.stdout).toMatch(new RegExp(`${web.origin}/content/train.jsonl`.replace(/[.:/]/g, '\\$&')))
      expect(web.requests.length).toBe(1)
      expect(s3.server!.requests.length).toBe(1)
      expect((await readdir(cache)).sort()).toEqual(
        [`${sha256(evalBytes)}.jsonl`, `${sha256(trainBytes)}.jsonl`, '.incoming'].sort()
      )
      // Each step on a runner of its own (no cache restored) fetches what it reads, and only that.
      await rm(cache, { recursive: true })
      const trained = await runCli(['train', '--model', MODEL], repo, env)
      expect(trained.code, trained.stderr).toBe(0)
      expect([web.requests.length, s3.server!.requests.length]).toEqual([2, 2])
      await rm(cache, { recursive: true })
      const evaluated = await runCli(['evaluate', '--model', MODEL], repo, env)
      expect(evaluated.code, evaluated.stderr).toBe(0)
      expect([web.requests.length, s3.server!.requests.length]).toEqual([2, 3])
      // With the cache in place, no request at all.
      const again = await runCli(['evaluate', '--model', MODEL], repo, env)
      expect(again.code, again.stderr).toBe(0)
      expect([web.requests.length, s3.server!.requests.length]).toEqual([2, 3])
    } finally {
      await web.close()
      await s3.close()
    }
    // With both servers gone, evaluate still runs from the cache.
    const offline = await runCli(['evaluate', '--model', MODEL], repo, env)
    expect(offline.code, offline.stderr).toBe(0)
  }, 240_000)

  it('validate reports a failed fetch at the entry in model.yaml', async () => {
    const web = await startServer(serve(Buffer.from('{"text":"tampered","label":"topic-yoga"}\n')), certificate)
    try {
      const entry = entryOf(`${web.origin}/train.jsonl`, trainBytes)
      const repo = await repoWithData(flow(entry), `datasets/${MODEL}/eval.jsonl`)
      const r = await runCli(['validate'], repo, { NODE_EXTRA_CA_CERTS: certificate.certFile })
      expect(r.code).toBe(1)
      expect(r.stdout + r.stderr).toMatch(
        new RegExp(
          `${SPEC}:15:\\d+: error: ${entry.uri.replace(/[.:/]/g, '\\$&')}: the server announces \\d+ bytes, model\\.yaml declares ${entry.bytes}`
        )
      )
      expect(r.stdout + r.stderr).not.toMatch(/at .*\.ts:\d+:\d+/)
    } finally {
      await web.close()
    }
  }, 120_000)

  it('the dataset diff of an unchanged digest reads no file and makes no request', async () => {
    const entry = entryOf('https://127.0.0.1:9/train.jsonl', trainBytes)
    const cache = await mkdtemp(path.join(tmpdir(), 'tunegate-dataset-cache-'))
    const head = { relative: entry.uri, display: entry.uri, absolute: externalCachePath(entry, cache), external: entry }
    const rules = { format: 'classification' as const, useCases: ['internal-linking'] }
    const moved = { ...entry, uri: 'https://127.0.0.1:9/old/train.jsonl' }
    expect(await diffExternalDataset(head, 600, [entry], rules, 1 << 20)).toMatchObject({
      status: 'unchanged',
      baseRows: 600,
      headRows: 600
    })
    expect(await diffExternalDataset(head, 600, [moved], rules, 1 << 20)).toMatchObject({
      status: 'renamed',
      from: moved.uri
    })
    expect(await cacheContents(cache)).toEqual([])
  })

  it('the dataset diff: a changed digest is a changed dataset; an unchanged one is unchanged without a download', async () => {
    // The object at the URI is overwritten by a new version (v2) between the two runs.
    let current = trainBytes
    const web = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': current.length }).end(current)
    }, certificate)
    const extra =
      '{"id":"new-1","text":"A new article about trail running shoes.","label":"topic-running","use_case":"internal-linking"}\n'
    const v2 = Buffer.concat([trainBytes, Buffer.from(extra)])
    try {
      const repo = await repoWithData(
        flow(entryOf(`${web.origin}/train.jsonl`, trainBytes)),
        `datasets/${MODEL}/eval.jsonl`
      )
      const base = (await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: repo })).stdout.trim()
      const cache = await mkdtemp(path.join(tmpdir(), 'tunegate-dataset-cache-'))
      const options = { registryDir: path.join(repo, 'registry'), displayBase: repo, fetch: { ca: certificate.cert } }
      // A change elsewhere in model.yaml: the pinned digest is the same, so the diff is made without a request.
      const spec = await readFile(path.join(repo, SPEC), 'utf8')
      await writeFile(path.join(repo, SPEC), spec.replace('max_gpu_hours: 1', 'max_gpu_hours: 2'))
      await commitAll(repo, 'a bigger budget')
      const env = process.env.TUNEGATE_DATASET_CACHE
      process.env.TUNEGATE_DATASET_CACHE = cache
      try {
        const unchanged = await validateRegistry({ ...options, base })
        const requests = web.requests.length
        expect(unchanged.models[0]!.diff.find(d => d.file.endsWith('/train.jsonl'))).toMatchObject({
          status: 'unchanged',
          total: { added: 0, removed: 0, changed: 0 }
        })
        expect(requests).toBe(1) // the data check's fetch; the diff made none
        // The same URI with a new digest: compared row by row, the base version fetched by its own digest.
        await writeFile(
          path.join(repo, SPEC),
          spec.replace(
            flow(entryOf(`${web.origin}/train.jsonl`, trainBytes)),
            flow(entryOf(`${web.origin}/train.jsonl`, trainBytes))
              .replace(sha256(trainBytes), sha256(v2))
              .replace(`bytes: ${trainBytes.length}`, `bytes: ${v2.length}`)
          )
        )
        await commitAll(repo, 'train v2')
        current = v2
        const changed = await validateRegistry({ ...options, base })
        expect(changed.models[0]!.diff.find(d => d.file.endsWith('/train.jsonl'))).toMatchObject({
          status: 'modified',
          total: { added: 1, removed: 0, changed: 0 }
        })
      } finally {
        if (env === undefined) delete process.env.TUNEGATE_DATASET_CACHE
        else process.env.TUNEGATE_DATASET_CACHE = env
      }
    } finally {
      await web.close()
    }
  }, 120_000)
})

describe('drift reads the production version pinned data through the cache', () => {
  it('fetches the reference by its digest at the production tag, and fails naming both digests when the object changed', async () => {
    const credentials = { accessKeyId: 'AKIDDRIFT', secretAccessKey: 'drift-secret' }
    const s3 = new S3StandIn(credentials)
    // A plain-http endpoint, as a MinIO on the runner's network would be.
    const endpoint = await s3.start()
    s3.objects.set('models/content/train.jsonl', trainBytes)
    const entry = entryOf('s3://models/content/train.jsonl', trainBytes)
    const repo = await repoWithData(flow(entry), `datasets/${MODEL}/eval.jsonl`)
    const production = (await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: repo })).stdout.trim()
    await tagAt(repo, `${MODEL}@v1.0.0`, production, 1_700_000_000)
    await tunegateTag(repo, `${MODEL}#production#1`, production, `${MODEL} v1.0.0 lands in production`, 1_700_000_001)
    await writeRepoFile(repo, 'samples/unshifted.jsonl', await unshiftedSamples(repo))
    const saved = { ...process.env }
    Object.assign(process.env, {
      TUNEGATE_DATASET_CACHE: await mkdtemp(path.join(tmpdir(), 'tunegate-dataset-cache-')),
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey
    })
    const drift = () =>
      runDrift({
        registryDir: path.join(repo, 'registry'),
        samples: path.join(repo, 'samples/unshifted.jsonl'),
        host: new LocalHost(path.join(repo, '.tunegate-host'), repo),
        base: 'main',
        workDir: path.join(repo, '.tunegate', 'drift-work')
      })
    try {
      const [m] = await drift()
      expect(m!.record.rows.reference).toBe(trainBytes.toString('utf8').split('\n').filter(Boolean).length)
      expect(m!.record.verdict).toBe('no-drift')
      expect(s3.server!.requests.length).toBe(1)
      // The object is overwritten at its URI: the production version's digest no longer matches.
      s3.objects.set('models/content/train.jsonl', Buffer.concat([trainBytes, Buffer.from('\n')]).subarray(1))
      process.env.TUNEGATE_DATASET_CACHE = await mkdtemp(path.join(tmpdir(), 'tunegate-dataset-cache-'))
      await expect(drift()).rejects.toThrow(
        `s3://models/content/train.jsonl: sha256 mismatch: model.yaml declares ${entry.sha256}`
      )
    } finally {
      for (const k of ['TUNEGATE_DATASET_CACHE', 'AWS_ENDPOINT_URL_S3', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'])
        if (saved[k] === undefined) delete process.env[k]
        else process.env[k] = saved[k]
      await s3.close()
    }
  }, 180_000)
})
