import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { doctor } from '../src/cli/doctor-command.js'
import { modelSpecSchema } from '../src/registry/schema.js'
import { collectOutputs, RAY_OUTPUT_MANIFEST, raySubmissionId } from '../src/training/ray-engine.js'
import { probeRayDashboard, rayConnectionFromEnv, RayJobsClient } from '../src/training/ray-jobs.js'
import type { ProgressView } from '../src/training/runner.js'
import { trainModel, TrainingError } from '../src/training/train.js'
import { commitAll, makeRepo } from './helpers/git-repo.js'
import { buildTinyLlama, missingPythonModules, testPython } from './helpers/python.js'
import { startRayHead, startRayJobsStandIn, type RayHead, type RayJobsStandIn } from './helpers/ray-jobs-server.js'

// The `ray` training engine against a real local Ray head (`ray start --head`, pip's ray in .venv): the hf-peft
// trainer runs as a Ray job's entrypoint, on an actor Ray schedules with the job's runtime_env (the working_dir
// zip Tunegate wrote) and its GPU. Only the Jobs REST API is stood in (test/helpers/ray-jobs-server.ts): this
// machine's Ray has no dashboard.
const python = testPython()
const missing = missingPythonModules(python, ['ray', 'torch', 'transformers', 'peft', 'trl'])
if (missing) console.log(`Ray engine tests skipped: ${missing}. Run 'npm run setup:python' (it installs ray).`)

const TOKEN = 'tg-test-token-0123456789abcdef0123456789abcdef'
const HYPERPARAMETERS = (steps: number) => `  hyperparameters:
    max_steps: ${steps}
    batch_size: 4
    learning_rate: 0.003
    max_seq_length: 128
    packing: true
    logging_steps: 1
    save_steps: 1000
    max_new_tokens: 6
    eval_batch_size: 64
`

describe.skipIf(missing !== undefined)('the ray training engine', () => {
  let head: RayHead
  let jobs: RayJobsStandIn
  let repo: string
  let storage: string
  const saved = { ...process.env }

  /** Points seo-writer at the tiny model, hf-peft and the ray engine; `seed` gives each test its fingerprint. */
  async function configure(seed: number, steps: number, maxGpuHours = 2): Promise<void> {
    const file = path.join(repo, 'registry/models/seo-writer/model.yaml')
    const yaml = (await readFile(file, 'utf8'))
      .replace(/ {2}id: .+\n {2}revision: \w+\n/, '  id: tiny/llama\n  revision: local\n')
      .replace(/trainer: [\w-]+/, 'trainer: hf-peft')
      .replace(/seed: \d+/, `seed: ${seed}`)
      .replace(/ {2}hyperparameters:\n( {4}.*\n)+/, HYPERPARAMETERS(steps))
      .replace(/ {2}engine:\n( {4}.*\n)+/, '')
      .replace(/max_gpu_hours: [\d.]+/, `max_gpu_hours: ${maxGpuHours}`)
      .replace(/ {2}budget:\n/, `  engine:\n    type: ray\n    gpus: 1\n    storage: ${storage}\n  budget:\n`)
    await writeFile(file, yaml)
    await commitAll(repo, `seo-writer on ray, seed ${seed}`)
  }

  beforeAll(async () => {
    repo = await makeRepo({ withRegistry: true })
    storage = await mkdtemp(path.join(tmpdir(), 'tg-ray-storage-'))
    const models = await buildTinyLlama(python, repo)
    // What the cluster's nodes have: the model folder and the interpreter with the trainer's requirements.
    // Ray sets CUDA_VISIBLE_DEVICES for the GPU it declares; the CPU build of torch trains on the CPU.
    const clusterEnv: NodeJS.ProcessEnv = { ...process.env, TUNEGATE_MODEL_DIR: models, OMP_NUM_THREADS: '1' }
    delete clusterEnv.CUDA_VISIBLE_DEVICES
    head = await startRayHead(python, clusterEnv)
    jobs = await startRayJobsStandIn({ head, python, token: TOKEN, env: clusterEnv })
    process.env.RAY_ADDRESS = jobs.url
    process.env.RAY_AUTH_TOKEN = TOKEN
  }, 300_000)

  afterAll(async () => {
    process.env = saved
    await jobs?.close()
    await head?.stop()
  }, 60_000)

  it('trains the tiny model as a Ray job: one submission, outputs verified against the job manifest, Ray GPU-seconds charged; a second run attaches to the finished job', async () => {
    await configure(7, 4)
    const logs: string[] = []
    const progress: ProgressView[] = []
    const work = path.join(repo, '.runs')
    const result = await trainModel({
      registryDir: path.join(repo, 'registry'),
      model: 'seo-writer',
      workDir: work,
      log: m => logs.push(m),
      onProgress: p => progress.push(p)
    })
    const id = raySubmissionId('seo-writer', result.identity.training_fingerprint)
    expect(jobs.submissions).toEqual([id])
    // Streamed into the step's log: the job's own lines, and its progress events.
    expect(logs.join('\n')).toContain(`Submitted Ray job ${id}`)
    expect(logs.join('\n')).toMatch(/tunegate: training seo-writer \(\w{12}\) on 1 GPU/)
    expect(progress.at(-1)).toMatchObject({ step: 4, totalSteps: 4 })

    const files = result.manifest.outputs.map(f => f.file)
    expect(files).toContain('adapter/adapter_model.safetensors')
    expect(files).toContain('predictions.jsonl')
    const evalIds = (await readFile(path.join(repo, 'registry/datasets/seo-writer/eval.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map(l => (JSON.parse(l) as { id: string }).id)
    const predicted = (await readFile(path.join(result.outputDir, 'predictions.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map(l => (JSON.parse(l) as { id: string }).id)
    expect(predicted.filter(p => !p.startsWith('probe:'))).toEqual(evalIds)

    // GPU-seconds are Ray's: (end_time − start_time) of the job × its entrypoint_num_gpus.
    const job = (await new RayJobsClient({ address: jobs.url, token: TOKEN }).job(id))!
    expect(job.status).toBe('SUCCEEDED')
    expect(job.entrypoint_num_gpus).toBe(1)
    expect(result.manifest.gpu_seconds).toBeCloseTo((job.end_time! - job.start_time!) / 1000, 1)
    expect(result.manifest.runner.gpus).toBe(1)

    // The same fingerprint again: the finished job is attached to and its outputs re-verified; nothing resubmitted.
    const again: string[] = []
    const second = await trainModel({
      registryDir: path.join(repo, 'registry'),
      model: 'seo-writer',
      workDir: path.join(repo, '.runs-again'),
      log: m => again.push(m)
    })
    expect(again.join('\n')).toContain(`Attached to Ray job ${id} (SUCCEEDED)`)
    expect(jobs.submissions).toEqual([id])
    expect(second.manifest.outputs).toEqual(result.manifest.outputs)
  }, 600_000)

  it('a run cancelled while its job runs stops the job (POST stop, STOPPED) and reports cancelled; a concurrent run of the same fingerprint attached to it instead of submitting', async () => {
    await configure(8, 400)
    const before = jobs.submissions.length
    const abort = new AbortController()
    let attachedLogs: string[] = []
    let second: Promise<unknown> | undefined
    const first = trainModel({
      registryDir: path.join(repo, 'registry'),
      model: 'seo-writer',
      workDir: path.join(repo, '.runs-cancel'),
      signal: abort.signal,
      graceMs: 1000,
      onProgress: p => {
        if (p.step < 2 || second) return
        // Running: a second run of the same fingerprint (a re-run of the workflow) attaches, then the first is cancelled.
        attachedLogs = []
        second = trainModel({
          registryDir: path.join(repo, 'registry'),
          model: 'seo-writer',
          workDir: path.join(repo, '.runs-attach'),
          log: m => attachedLogs.push(m)
        }).catch((e: unknown) => e)
        setTimeout(() => abort.abort(), 3000)
      }
    })
    const error = await first.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrainingError)
    expect((error as TrainingError).outcome.status).toBe('cancelled')
    expect((error as TrainingError).message).toMatch(
      /the run was cancelled; Ray job tunegate-seo-writer-\w+ was stopped/
    )
    const id = jobs.submissions.at(-1)!
    expect(jobs.submissions.length).toBe(before + 1)
    expect(jobs.requests).toContain(`POST /api/jobs/${id}/stop 200`)
    const job = (await new RayJobsClient({ address: jobs.url, token: TOKEN }).job(id))!
    expect(job.status).toBe('STOPPED')
    const attached = await second
    expect(attachedLogs.join('\n')).toMatch(new RegExp(`Attached to Ray job ${id} \\((PENDING|RUNNING)\\)`))
    expect(String(attached)).toMatch(/was stopped outside this run/)
    expect(jobs.submissions.length).toBe(before + 1)
  }, 600_000)

  it("stops the job once Ray's GPU-seconds pass max_gpu_hours, and reports the budget spent", async () => {
    // 0.003 GPU-hours: 10.8 GPU-seconds of the one GPU the job reserves, far less than 400 steps take.
    await configure(9, 400, 0.003)
    const error = await trainModel({
      registryDir: path.join(repo, 'registry'),
      model: 'seo-writer',
      workDir: path.join(repo, '.runs-budget'),
      graceMs: 1000
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrainingError)
    const outcome = (error as TrainingError).outcome
    expect(outcome.status).toBe('budget')
    expect((error as TrainingError).message).toContain('the Ray job used its budget of 0.00 GPU-hours and was stopped')
    const id = jobs.submissions.at(-1)!
    expect(jobs.requests).toContain(`POST /api/jobs/${id}/stop 200`)
    const job = (await new RayJobsClient({ address: jobs.url, token: TOKEN }).job(id))!
    expect(job.status).toBe('STOPPED')
    expect(outcome.gpuSeconds).toBeGreaterThan(0.003 * 3600)
    expect(outcome.gpuSeconds).toBeCloseTo((job.end_time! - job.start_time!) / 1000, 1)
  }, 600_000)

  it('refuses a request without the token (401) or with another (403), saying which variable to set', async () => {
    const none = new RayJobsClient({ address: jobs.url })
    await expect(none.job('anything')).rejects.toThrow(
      /HTTP 401: Unauthorized: Missing authentication token\. .*RAY_AUTH_TOKEN/
    )
    const wrong = new RayJobsClient({ address: jobs.url, token: 'not-the-token' })
    await expect(wrong.version()).rejects.toThrow(/HTTP 403: .*RAY_AUTH_TOKEN is not the cluster's token/)
    expect((await new RayJobsClient({ address: jobs.url, token: TOKEN }).version()).ray_version).toBe(head.rayVersion)
  })

  it('doctor: ✓ with the Ray version for a dashboard that wants the token, ✗ for one that accepts anyone', async () => {
    const guarded = await probeRayDashboard({ address: jobs.url, token: TOKEN })
    expect(guarded).toMatchObject({ open: false, probeStatus: 401, rayVersion: head.rayVersion })
    const open = await startRayJobsStandIn({ head, python, env: process.env })
    try {
      process.env.RAY_ADDRESS = open.url
      const checks = await doctor({ repoDir: repo, registry: 'registry', githubRepo: 'o/r', token: '' })
      const ray = checks.find(c => c.title.startsWith('Ray dashboard'))!
      expect(ray.state).toBe('fail')
      expect(ray.title).toContain(`Ray ${head.rayVersion}`)
      expect(ray.detail?.join(' ')).toMatch(/without a token/)
    } finally {
      process.env.RAY_ADDRESS = jobs.url
      await open.close()
    }
    const checks = await doctor({ repoDir: repo, registry: 'registry', githubRepo: 'o/r', token: '' })
    const ray = checks.find(c => c.title.startsWith('Ray dashboard'))!
    expect(ray.state).toBe('pass')
    expect(ray.title).toContain(`Ray ${head.rayVersion}`)
  })
})

describe('the ray engine without a cluster', () => {
  it('refuses outputs that differ from the job manifest, naming the file and both digests', async () => {
    const from = await mkdtemp(path.join(tmpdir(), 'tg-ray-out-'))
    const to = await mkdtemp(path.join(tmpdir(), 'tg-ray-run-'))
    const { mkdir } = await import('node:fs/promises')
    const { createHash } = await import('node:crypto')
    await mkdir(path.join(from, 'adapter'))
    const files: Record<string, string> = {
      'adapter/adapter_model.safetensors': 'weights',
      'predictions.jsonl': '{"id":"1","prediction":"x"}\n',
      'events.jsonl': '{"type":"done"}\n'
    }
    const sha = (s: string) => createHash('sha256').update(s).digest('hex')
    for (const [f, text] of Object.entries(files)) await writeFile(path.join(from, f), text)
    const manifest = Object.entries(files).map(([f, text]) => `${sha(text)}  ${f}\n`)
    await writeFile(path.join(from, RAY_OUTPUT_MANIFEST), manifest.join(''))
    expect(await collectOutputs(from, to)).toEqual([])
    expect(await readFile(path.join(to, 'predictions.jsonl'), 'utf8')).toBe(files['predictions.jsonl'])

    await writeFile(path.join(from, 'predictions.jsonl'), '{"id":"1","prediction":"forged"}\n')
    await writeFile(path.join(from, 'adapter', 'extra.bin'), 'x')
    const problems = await collectOutputs(from, to)
    expect(problems).toContain(
      `predictions.jsonl: sha256 ${sha('{"id":"1","prediction":"forged"}\n')}, but ${RAY_OUTPUT_MANIFEST} says ${sha(files['predictions.jsonl']!)}`
    )
    expect(problems).toContain(`adapter/extra.bin: in ${from} but not listed in ${RAY_OUTPUT_MANIFEST}`)

    await writeFile(path.join(from, RAY_OUTPUT_MANIFEST), `${sha('a')}  ../../etc/passwd\n`)
    expect((await collectOutputs(from, to))[0]).toMatch(/:1: expected '<sha256> {2}<relative path>'/)
  })

  it('bounds what the dashboard sends: an over-long answer or log is refused, a silent one times out', async () => {
    const { createServer } = await import('node:http')
    const server = createServer((req, res) => {
      if (req.url?.endsWith('/logs')) {
        res.writeHead(200, { 'content-type': 'application/json' })
        // Chunked, no content-length: the bound holds on what arrives, not on what is declared.
        const chunk = 'x'.repeat(1 << 16)
        let sent = 0
        const more = () => {
          while (sent < 64 && res.write(chunk)) sent++
          if (sent < 64) res.once('drain', more)
          else res.end()
        }
        res.write('{"logs": "')
        more()
      } else if (req.url?.endsWith('/silent')) req.on('close', () => res.destroy())
      else res.end('{}')
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const address = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    try {
      const client = new RayJobsClient({ address, token: TOKEN }, 1000)
      await expect(client.logs('j', 1 << 20)).rejects.toThrow(/over the limit of 1048576 bytes/)
      await expect(client.json('GET', '/silent')).rejects.toThrow(/the Ray dashboard did not answer/)
    } finally {
      server.closeAllConnections()
      await new Promise(resolve => server.close(resolve))
    }
  })

  it("reads the address and token from Ray's variables, refusing a GCS address for the dashboard URL", async () => {
    await expect(rayConnectionFromEnv({})).rejects.toThrow(/RAY_ADDRESS is not set/)
    await expect(rayConnectionFromEnv({ RAY_ADDRESS: '10.0.0.5:6379' })).rejects.toThrow(
      /RAY_ADDRESS '10\.0\.0\.5:6379' is not a dashboard URL; expected http\(s\):\/\/<head>:8265/
    )
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'tg-ray-token-')), 'token')
    await writeFile(file, 'from-file\n')
    expect(await rayConnectionFromEnv({ RAY_ADDRESS: 'http://head:8265/', RAY_AUTH_TOKEN_PATH: file })).toEqual({
      address: 'http://head:8265',
      token: 'from-file'
    })
    expect(
      await rayConnectionFromEnv({
        RAY_API_SERVER_ADDRESS: 'https://ray.example',
        RAY_ADDRESS: 'x',
        RAY_AUTH_TOKEN: 't'
      })
    ).toEqual({ address: 'https://ray.example', token: 't' })
  })

  it('model.yaml: the engine is strict, wants an absolute storage path and the hf-peft trainer', () => {
    const base = {
      name: 'm',
      description: 'd',
      task_family: 'text-generation',
      base_model: { id: 'x', revision: 'r', architecture: 'decoder' },
      use_cases: ['u'],
      risk_tier: 't',
      data: { format: 'chat', train: 'a.jsonl', eval: 'b.jsonl' },
      prompt: 'p.yaml',
      evaluation: { metrics: ['rouge_l'] }
    }
    const parse = (training: object) => modelSpecSchema.safeParse({ ...base, training })
    expect(parse({ trainer: 'hf-peft', engine: { type: 'ray', storage: '/mnt/shared' } }).success).toBe(true)
    const issues = (training: object) =>
      (parse(training).error?.issues ?? []).map(i => `${i.path.join('.')}: ${i.message}`).join('\n')
    expect(issues({ trainer: 'hf-peft', engine: { type: 'ray', storage: 'shared' } })).toMatch(
      /training\.engine\.storage: expected an absolute path/
    )
    expect(issues({ trainer: 'baseline', engine: { type: 'ray', storage: '/s' } })).toMatch(
      /training\.engine: expected trainer: hf-peft with engine type ray/
    )
    expect(issues({ trainer: 'hf-peft', engine: { type: 'ray', storage: '/s', gpu: 2 } })).toMatch(/gpu/)
    expect(issues({ trainer: 'hf-peft', engine: { type: 'slurm', storage: '/s' } })).toMatch(/training\.engine/)
  })
})
