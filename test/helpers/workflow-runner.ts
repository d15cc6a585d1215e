// Runs one of the repository's workflow files the way GitHub runs it, close enough for an end-to-end test:
// jobs in `needs` order with their `if:`, matrix legs from the expression the YAML gives, each step's `with:`
// read from the YAML and evaluated, the bundled actions started as the runner starts them, `run:` steps in
// bash, actions/checkout as a fetch from the bare remote, upload/download-artifact as the run's artifact store
// (the GitHub stand-in's), and aws-actions/configure-aws-credentials as an exchange of the job's OIDC token at
// the STS stand-in. Anything else in a workflow makes it throw.
import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { unzipTo } from '../../src/registry/unzip.js'
import { git } from '../../src/registry/git.js'
import type { GitHubStandIn, LoggedRequest } from '../github/stand-in.js'
import { runtimeToken } from '../github/results-service.js'
import type { StsStandIn } from './aws-sts.js'
import { zipFolder } from './promotion-fixture.js'
import { parseOutputs, runAction, type ActionCode } from './run-action.js'
import { asString, condition, substitute, type Contexts, type JobStatus, type Value } from './workflow-expressions.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
/** GitHub's limits: jobs a matrix generates, a job's (and a step's) outputs, a step's job summary. */
/** An actions/cache step's save, done after the job when the restore missed its key. */
interface CacheSave {
  key: string
  paths: string[]
}

export const MAX_MATRIX_JOBS = 256
export const MAX_OUTPUT_BYTES = 1024 * 1024
export const MAX_SUMMARY_BYTES = 1024 * 1024

interface StepYaml {
  id?: string
  if?: string | boolean
  uses?: string
  run?: string
  with?: Record<string, string | number | boolean>
  env?: Record<string, string>
}
interface JobYaml {
  permissions?: Record<string, string>
  environment?: string
  needs?: string | string[]
  if?: string | boolean
  strategy?: { matrix?: unknown }
  outputs?: Record<string, string>
  steps?: StepYaml[]
}
interface WorkflowYaml {
  permissions?: Record<string, string>
  on: { workflow_call?: { inputs?: Record<string, { default?: Value }> } }
  jobs: Record<string, JobYaml>
}

export type JobResult = 'success' | 'failure' | 'skipped' | 'cancelled'

/** What a step did: for an action, its process's outcome and the API calls it made. */
export interface StepRecord {
  job: string
  leg?: Record<string, Value>
  step: string
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  calls: LoggedRequest[]
  /** The step's job summary as GitHub shows it: empty when it was over GitHub's 1 MiB (GitHub drops it). */
  summary?: string
  /** Wall-clock milliseconds the step took. */
  ms: number
}

/** Where and as what a workflow runs: the GitHub stand-in, the bare remote, the event, the run. */
export interface RunSetup {
  gh: GitHubStandIn
  resultsUrl: string
  remote: string
  runId: number
  attempt?: number
  eventName: string
  event: Record<string, unknown>
  /** The commit checked out and GITHUB_SHA; the ref (refs/heads/main, refs/pull/1/merge). */
  sha: string
  ref: string
  /** The caller's `with:` for the called workflow's inputs. */
  inputs?: Record<string, Value>
  actor?: string
  /** The actions' code: their bundles (the default, as the runner starts them) or their sources through tsx. */
  code?: ActionCode
  /** Results of jobs from an earlier attempt that this attempt does not run again ("re-run failed jobs"). */
  reuse?: Record<string, { result: JobResult; outputs: Record<string, string> }>
  /** The runner machine's own environment (a self-hosted runner's .env), under every step's. */
  runnerEnv?: Record<string, string>
  /** GitHub's OIDC issuer and AWS STS (at `url`, standing in for https://sts.<region>.amazonaws.com). */
  aws?: { sts: StsStandIn; url: string }
}

/** What a job's steps share: its OIDC identity (with `id-token: write`) and the variables steps exported. */
interface JobIdentity {
  /** The OIDC token's subject when the job may request one (`id-token: write`), as GitHub forms it. */
  oidcSubject?: string
  environment?: string
}

/** The path of a workflow file in this repository. */
export function workflowFile(name: string): string {
  return path.join(ROOT, '.github', 'workflows', name)
}

function run(cmd: string, args: string[], o: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<{ code: number; stdout: string; stderr: string }>(resolve =>
    execFile(cmd, args, { ...o, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    )
  )
}

/** A simple `*` glob, as download-artifact's `pattern` uses it. */
const globToRegExp = (glob: string) =>
  new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)

export class WorkflowRun {
  readonly results = new Map<string, { result: JobResult; outputs: Record<string, string> }>()
  readonly steps: StepRecord[] = []
  private yaml?: WorkflowYaml
  private readonly attempt: number

  constructor(
    readonly file: string,
    readonly setup: RunSetup
  ) {
    this.attempt = setup.attempt ?? 1
  }

  /** The REST calls the actions of this run made. */
  get calls(): LoggedRequest[] {
    return this.steps.flatMap(s => s.calls)
  }

  private async load(): Promise<WorkflowYaml> {
    return (this.yaml ??= parse(await readFile(this.file, 'utf8')) as WorkflowYaml)
  }

  private github(token: string): Value {
    const s = this.setup
    return {
      token,
      repository: `${s.gh.owner}/${s.gh.repo}`,
      event_name: s.eventName,
      event: s.event as Value,
      sha: s.sha,
      ref: s.ref,
      ref_name: s.ref.replace(/^refs\/(heads|tags)\//, ''),
      run_id: String(s.runId),
      run_attempt: String(this.attempt),
      actor: s.actor ?? 'octocat'
    }
  }

  private inputs(w: WorkflowYaml): Value {
    const declared = w.on.workflow_call?.inputs ?? {}
    const out: Record<string, Value> = {}
    for (const [k, spec] of Object.entries(declared)) out[k] = spec.default ?? ''
    for (const [k, v] of Object.entries(this.setup.inputs ?? {})) {
      if (!(k in declared)) throw new Error(`${path.basename(this.file)} declares no input '${k}'`)
      out[k] = v
    }
    return out
  }

  /** Runs every job in order (the files list jobs after the jobs they need), honouring `if:` and matrices. */
  async runAll(): Promise<this> {
    const w = await this.load()
    // GitHub knows the run: its workflow file, event and head repository (a fork's pull request names the fork).
    const { gh, runId, sha, eventName, event } = this.setup
    const head = (event.pull_request as { head?: { repo?: { full_name?: string } } } | undefined)?.head?.repo
    if (!gh.runs.has(runId))
      gh.seedRun(sha, eventName, runId, {
        path: `.github/workflows/${path.basename(this.file)}`,
        ...(head?.full_name ? { headRepository: head.full_name } : {})
      })
    for (const [id, job] of Object.entries(w.jobs)) {
      const reused = this.setup.reuse?.[id]
      if (reused) this.results.set(id, reused)
      else await this.runJob(id, job, w)
    }
    return this
  }

  private async runJob(id: string, job: JobYaml, w: WorkflowYaml): Promise<void> {
    const needs: Record<string, Value> = {}
    for (const n of [job.needs ?? []].flat()) {
      const r = this.results.get(n)
      if (!r) throw new Error(`job ${id} needs ${n}, which has not run`)
      needs[n] = { result: r.result, outputs: r.outputs }
    }
    // The job's GITHUB_TOKEN, with the scopes its `permissions:` grant (the stand-in refuses other writes).
    const permissions = job.permissions ?? w.permissions ?? {}
    if (typeof permissions !== 'object') throw new Error(`job ${id}: permissions must be a map of scopes`)
    const token = `job-token-${this.setup.runId}-${this.attempt}-${id}`
    this.setup.gh.users.set(token, { login: 'github-actions[bot]', type: 'Bot', permissions })
    const base: Contexts = { github: this.github(token), inputs: this.inputs(w), needs }
    const identity = this.identity(job, permissions, base)
    const results = Object.values(needs).map(n => (n as { result: string }).result)
    const status: JobStatus = { failed: results.some(r => r !== 'success'), cancelled: false }
    if (!condition(job.if, base, status)) {
      this.results.set(id, { result: 'skipped', outputs: {} })
      return
    }
    let legs: Record<string, Value>[] = [{}]
    if (job.strategy?.matrix !== undefined) {
      const matrix = substitute(String(job.strategy.matrix), base) as Record<string, Value>
      const keys = Object.keys(matrix)
      if (keys.some(k => k !== 'include')) throw new Error(`job ${id}: only a matrix of include entries is run`)
      legs = (matrix.include as Record<string, Value>[]) ?? []
      if (legs.length > MAX_MATRIX_JOBS) {
        // GitHub refuses the whole job before any leg starts.
        this.steps.push({
          job: id,
          step: 'strategy',
          code: 1,
          stdout: `Error when evaluating 'strategy' for job '${id}': the matrix has ${legs.length} jobs; a matrix may generate at most ${MAX_MATRIX_JOBS}.\n`,
          stderr: '',
          outputs: {},
          calls: [],
          ms: 0
        })
        this.results.set(id, { result: 'failure', outputs: {} })
        return
      }
    }
    const outcomes: JobResult[] = []
    let outputs: Record<string, string> = {}
    for (const [index, leg] of legs.entries()) {
      const contexts = { ...base, ...(job.strategy ? { matrix: leg } : {}) }
      const r = await this.runLeg(id, job, contexts, leg, index, identity)
      outcomes.push(r.result)
      outputs = { ...outputs, ...r.outputs }
    }
    this.results.set(id, { result: outcomes.includes('failure') ? 'failure' : 'success', outputs })
  }

  /**
   * The job's OIDC subject as GitHub forms the `sub` claim (the caller's context for a called workflow): its
   * environment's, else a pull request's, else the ref's. None without `id-token: write`.
   */
  private identity(job: JobYaml, permissions: Record<string, string>, contexts: Contexts): JobIdentity {
    const environment = job.environment ? asString(substitute(job.environment, contexts)) : undefined
    if (permissions['id-token'] !== 'write') return { environment }
    const repo = `repo:${this.setup.gh.owner}/${this.setup.gh.repo}`
    const oidcSubject = environment
      ? `${repo}:environment:${environment}`
      : this.setup.eventName.startsWith('pull_request')
        ? `${repo}:pull_request`
        : `${repo}:ref:${this.setup.ref}`
    return { oidcSubject, environment }
  }

  private async runLeg(
    id: string,
    job: JobYaml,
    contexts: Contexts,
    leg: Record<string, Value>,
    index: number,
    identity: JobIdentity
  ): Promise<{ result: JobResult; outputs: Record<string, string> }> {
    const temp = await mkdtemp(path.join(tmpdir(), `tg-job-${id}-`))
    const workspace = path.join(temp, 'workspace')
    const runnerTemp = path.join(temp, 'runner-temp')
    await mkdir(workspace)
    await mkdir(runnerTemp)
    const steps: Record<string, Value> = {}
    const github = { ...(contexts.github as Record<string, Value>), workspace }
    const ctx: Contexts = { ...contexts, github, runner: { temp: runnerTemp, os: 'Linux' }, steps, secrets: {} }
    const status: JobStatus = { failed: false, cancelled: false }
    const cacheSaves: CacheSave[] = []
    // Variables a step exported (GITHUB_ENV), in the environment of the steps after it.
    const exported: Record<string, string> = {}
    for (const [i, step] of (job.steps ?? []).entries()) {
      if (!condition(step.if, ctx, status)) {
        if (step.id) steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' }
        continue
      }
      const name = step.id ?? step.uses ?? `run ${i}`
      const withs: Record<string, string> = {}
      for (const [k, v] of Object.entries(step.with ?? {})) withs[k] = asString(substitute(String(v), ctx))
      const started = Date.now()
      const r = await this.runStep(step, withs, ctx, {
        id,
        index,
        workspace,
        runnerTemp,
        leg,
        cacheSaves,
        identity,
        exported
      })
      this.steps.push({ job: id, ...(job.strategy ? { leg } : {}), step: name, ...r, ms: Date.now() - started })
      if (r.code !== 0) status.failed = true
      if (step.id)
        steps[step.id] = {
          outputs: r.outputs,
          outcome: r.code ? 'failure' : 'success',
          conclusion: r.code ? 'failure' : 'success'
        }
    }
    // actions/cache's post step: a job that succeeded saves what a restore missed (a cache entry is never replaced).
    if (!status.failed) for (const c of cacheSaves) await this.saveCache(c, workspace)
    const outputs: Record<string, string> = {}
    for (const [k, v] of Object.entries(job.outputs ?? {})) outputs[k] = asString(substitute(v, ctx))
    await rm(temp, { recursive: true, force: true }).catch(() => undefined)
    // GitHub fails a job whose outputs come to more than 1 MB.
    const outputBytes = Object.values(outputs).reduce((n, v) => n + Buffer.byteLength(v), 0)
    if (outputBytes > MAX_OUTPUT_BYTES) return { result: 'failure', outputs: {} }
    return { result: status.failed ? 'failure' : 'success', outputs }
  }

  /** The repository's cache entries by key: a folder holding the saved paths as they lay in the workspace. */
  private readonly caches = new Map<string, string>()

  private async saveCache(c: CacheSave, workspace: string): Promise<void> {
    if (this.caches.has(c.key)) return
    const saved = await mkdtemp(path.join(tmpdir(), 'tg-cache-'))
    for (const p of c.paths) {
      const from = path.join(workspace, p)
      if (existsSync(from)) await cp(from, path.join(saved, p), { recursive: true })
    }
    this.caches.set(c.key, saved)
  }

  private async runStep(
    step: StepYaml,
    withs: Record<string, string>,
    ctx: Contexts,
    job: {
      id: string
      index: number
      workspace: string
      runnerTemp: string
      leg: Record<string, Value>
      cacheSaves: CacheSave[]
      identity: JobIdentity
      exported: Record<string, string>
    }
  ): Promise<Omit<StepRecord, 'job' | 'leg' | 'step' | 'ms'>> {
    const done = (code = 0, extra: Partial<StepRecord> = {}) => ({
      code,
      stdout: '',
      stderr: '',
      outputs: {},
      calls: [],
      ...extra
    })
    const env: Record<string, string> = {
      ...this.setup.runnerEnv,
      GITHUB_API_URL: this.setup.gh.url,
      // @actions/artifact refuses servers other than github.com (it takes them for GHES).
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: `${this.setup.gh.owner}/${this.setup.gh.repo}`,
      ACTIONS_RESULTS_URL: this.setup.resultsUrl,
      ACTIONS_RUNTIME_TOKEN: runtimeToken(`run-${this.setup.runId}`, `job-${job.id}-${job.index}`),
      GITHUB_RUN_ID: String(this.setup.runId),
      GITHUB_RUN_ATTEMPT: String(this.attempt),
      GITHUB_EVENT_NAME: this.setup.eventName,
      GITHUB_SHA: this.setup.sha,
      GITHUB_REF: this.setup.ref,
      GITHUB_REF_NAME: this.setup.ref.replace(/^refs\/(heads|tags)\//, ''),
      GITHUB_ACTOR: this.setup.actor ?? 'octocat',
      GITHUB_WORKSPACE: job.workspace,
      RUNNER_TEMP: job.runnerTemp,
      RUNNER_NAME: `runner-${job.id}`,
      ...job.exported
    }
    const stepEnv: Record<string, string> = {}
    for (const [k, v] of Object.entries(step.env ?? {})) stepEnv[k] = asString(substitute(String(v), ctx))
    if (step.run !== undefined) {
      const outputFile = path.join(job.runnerTemp, `output-${Date.now()}`)
      await writeFile(outputFile, '')
      const script = asString(substitute(step.run, ctx))
      const r = await run('bash', ['-e', '-c', script], {
        cwd: job.workspace,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, ...stepEnv, GITHUB_OUTPUT: outputFile }
      })
      return done(r.code, { ...r, outputs: parseOutputs(await readFile(outputFile, 'utf8')) })
    }
    const uses = step.uses ?? ''
    const action = uses.split('@')[0]
    if (action === 'actions/checkout') {
      if (withs['persist-credentials'] !== 'false') throw new Error('checkout without persist-credentials: false')
      const full = withs['fetch-depth'] === '0'
      const remote = `file://${this.setup.remote}`
      await git(job.workspace, ['init', '-q'])
      await git(
        job.workspace,
        full
          ? ['fetch', '-q', '--tags', remote, '+refs/heads/*:refs/remotes/origin/*']
          : ['fetch', '-q', '--no-tags', '--depth=1', remote, this.setup.sha]
      )
      await git(job.workspace, ['checkout', '-q', '--detach', this.setup.sha])
      return done()
    }
    if (action === 'aws-actions/configure-aws-credentials') return this.configureAws(withs, job, done)
    if (action === 'actions/upload-artifact') {
      const { gh, runId } = this.setup
      const dir = withs.path!
      const files = existsSync(dir) ? await readdir(dir, { recursive: true }) : []
      if (!files.length) {
        if (withs['if-no-files-found'] === 'ignore') return done()
        throw new Error(`upload-artifact ${withs.name}: no files at ${dir}`)
      }
      if ([...gh.artifacts.values()].some(a => a.runId === runId && a.name === withs.name))
        return done(1, {
          stdout: `::error::Failed to CreateArtifact: (409) Conflict: an artifact with this name already exists on the workflow run\n`
        })
      gh.seedArtifact(withs.name!, runId, await zipFolder(dir))
      return done()
    }
    if (action === 'actions/cache' || action === 'actions/cache/restore') {
      // The repository's cache, as actions/cache uses it: an exact key, else the newest entry whose key starts
      // with a restore key; the paths (relative to the workspace) copied back. Saved after the job (saveCache).
      const key = withs.key!
      const paths = (withs.path ?? '')
        .split('\n')
        .map(p => p.trim())
        .filter(Boolean)
      const prefixes = (withs['restore-keys'] ?? '')
        .split('\n')
        .map(p => p.trim())
        .filter(Boolean)
      const entries = [...this.caches.entries()].reverse()
      const hit = this.caches.get(key) ?? entries.find(([k]) => prefixes.some(p => k.startsWith(p)))?.[1]
      if (hit) await cp(hit, job.workspace, { recursive: true })
      if (action === 'actions/cache' && !this.caches.has(key)) job.cacheSaves.push({ key, paths })
      return done(0, { outputs: { 'cache-hit': String(this.caches.has(key)) } })
    }
    if (action === 'actions/download-artifact') {
      const { gh, runId } = this.setup
      const mine = [...gh.artifacts.values()].filter(a => a.runId === runId && !a.expired)
      if (withs.name) {
        const a = mine.find(x => x.name === withs.name)
        if (!a) return done(1, { stdout: `::error::Artifact not found for name: ${withs.name}\n` })
        await unzipTo(a.zip, withs.path!)
        return done()
      }
      // With a pattern, each artifact goes into a folder of its name (merge-multiple is false), except a lone
      // match, which download-artifact (v8's src/download-artifact.ts) puts into the path itself.
      const pattern = globToRegExp(withs.pattern ?? '*')
      const matched = mine.filter(x => pattern.test(x.name))
      for (const a of matched) await unzipTo(a.zip, matched.length === 1 ? withs.path! : path.join(withs.path!, a.name))
      return done()
    }
    const local = /^\$\/actions\/([\w-]+)$/.exec(uses)
    if (local) {
      const name = local[1]!
      // The runner fills in action.yml's defaults, `${{ github.token }}` included, for the inputs not given.
      const manifest = parse(await readFile(path.join(ROOT, 'actions', name, 'action.yml'), 'utf8')) as {
        inputs?: Record<string, { default?: string }>
        runs: { main: string }
      }
      if (path.resolve(ROOT, 'actions', name, manifest.runs.main) !== path.join(ROOT, 'dist', name, 'index.js'))
        throw new Error(`actions/${name}/action.yml does not run dist/${name}/index.js`)
      const inputs: Record<string, string> = {}
      for (const [k, spec] of Object.entries(manifest.inputs ?? {}))
        inputs[k] = withs[k] ?? asString(substitute(String(spec.default ?? ''), ctx))
      for (const k of Object.keys(withs))
        if (!(k in inputs)) throw new Error(`actions/${name} has no input '${k}' (the workflow passes it)`)
      const before = this.setup.gh.log.length
      const r = await runAction(name, {
        cwd: job.workspace,
        inputs,
        event: this.setup.event,
        env: { ...env, ...stepEnv },
        code: this.setup.code ?? 'bundle'
      })
      // A step's outputs or job summary over GitHub's limits: the step fails, or its summary is dropped.
      const outputBytes = Object.values(r.outputs).reduce((n, v) => n + Buffer.byteLength(v), 0)
      const summary = Buffer.byteLength(r.summary) > MAX_SUMMARY_BYTES ? '' : r.summary
      return done(outputBytes > MAX_OUTPUT_BYTES ? 1 : r.code, {
        ...r,
        summary,
        calls: this.setup.gh.log.slice(before)
      })
    }
    throw new Error(`the workflow runner does not emulate '${uses}'`)
  }

  /**
   * aws-actions/configure-aws-credentials with `role-to-assume` (v6's src/index.ts): without `id-token: write`
   * it fails as the action does; else it exchanges the job's OIDC token (audience sts.amazonaws.com) at STS —
   * `sts-endpoint`, else the region's, which is the stand-in — and exports the role's credentials and region.
   */
  private async configureAws(
    withs: Record<string, string>,
    job: { identity: JobIdentity; exported: Record<string, string> },
    done: (code?: number, extra?: Partial<StepRecord>) => Omit<StepRecord, 'job' | 'leg' | 'step' | 'ms'>
  ): Promise<Omit<StepRecord, 'job' | 'leg' | 'step' | 'ms'>> {
    const region = withs['aws-region']
    const role = withs['role-to-assume']
    if (!region) return done(1, { stdout: '::error::Input required and not supplied: aws-region\n' })
    if (!role || withs['aws-access-key-id'])
      throw new Error('the runner emulates configure-aws-credentials with OIDC only')
    const subject = job.identity.oidcSubject
    if (!subject)
      return done(1, {
        stdout:
          '::error::It looks like you might be trying to authenticate with OIDC. Did you mean to set the `id-token` permission? ' +
          'If you are not trying to authenticate with OIDC and the action is working successfully, you can ignore this message.\n'
      })
    const aws = this.setup.aws
    const endpoint = withs['sts-endpoint'] || aws?.url
    if (!aws || !endpoint) throw new Error('configure-aws-credentials needs RunSetup.aws (the STS stand-in)')
    const { gh, ref } = this.setup
    const token = aws.sts.issue({
      sub: subject,
      aud: withs.audience || 'sts.amazonaws.com',
      repository: `${gh.owner}/${gh.repo}`,
      ref,
      event_name: this.setup.eventName,
      job_workflow_ref: `${gh.owner}/${gh.repo}/.github/workflows/${path.basename(this.file)}@${ref}`,
      ...(job.identity.environment ? { environment: job.identity.environment } : {})
    })
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        Action: 'AssumeRoleWithWebIdentity',
        Version: '2011-06-15',
        RoleArn: role,
        RoleSessionName: withs['role-session-name'] || 'GitHubActions',
        WebIdentityToken: token,
        DurationSeconds: withs['role-duration-seconds'] || '3600'
      }),
      signal: AbortSignal.timeout(30_000)
    })
    const xml = await response.text()
    const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? ''
    if (!response.ok)
      return done(1, { stdout: `::error::Could not assume role with OIDC: ${tag('Message') || response.status}\n` })
    Object.assign(job.exported, {
      AWS_ACCESS_KEY_ID: tag('AccessKeyId'),
      AWS_SECRET_ACCESS_KEY: tag('SecretAccessKey'),
      AWS_SESSION_TOKEN: tag('SessionToken'),
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region
    })
    return done()
  }
}
