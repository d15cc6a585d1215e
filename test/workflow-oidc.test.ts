// Private S3 data in the reusable workflows: the OIDC variants are generated from the plain workflows, the
// plain ones ask for no id-token, and a pipeline and a drift run read s3:// datasets with credentials that
// reach them only through configure-aws-credentials (the job's OIDC token exchanged at an STS stand-in).
import { createHash } from 'node:crypto'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { createGitHubClient } from '../src/host/octokit-client.js'
import { git } from '../src/registry/git.js'
import { CONFIGURE_AWS_CREDENTIALS, OIDC_VARIANTS, oidcVariant } from '../src/workflows/oidc-variant.js'
import { ResultsServiceStandIn } from './github/results-service.js'
import { GitHubStandIn } from './github/stand-in.js'
import { StsStandIn } from './helpers/aws-sts.js'
import { shiftedSamples } from './helpers/drift-data.js'
import { S3StandIn } from './helpers/external-servers.js'
import { EXAMPLE_REGISTRY, tagAt, tunegateTag, writeRepoFile } from './helpers/git-repo.js'
import { zipFolder } from './helpers/promotion-fixture.js'
import { WorkflowRun, workflowFile, type RunSetup } from './helpers/workflow-runner.js'

const MODEL = 'content-classifier'
const SPEC = `registry/models/${MODEL}/model.yaml`
const BUCKET = 'acme-ml-data'
const READ_ROLE = 'arn:aws:iam::123456789012:role/tunegate-data-read'
const DRIFT_ONLY_ROLE = 'arn:aws:iam::123456789012:role/tunegate-drift-only'
const REPO = 'repo:acme/models'
/** The session the read role's assumption yields: the only credentials the bucket accepts. */
const SESSION = { accessKeyId: 'ASIAREADONLY', secretAccessKey: 'read-only-secret', sessionToken: 'session-of-oidc' }

type Workflow = { jobs: Record<string, { permissions?: Record<string, string>; steps?: { uses?: string }[] }> }
const load = async (name: string) => parse(await readFile(workflowFile(name), 'utf8')) as Workflow

describe('the OIDC variants of the reusable workflows', () => {
  it('are generated from the plain workflows, and up to date', async () => {
    for (const { source, variant, jobs } of OIDC_VARIANTS)
      expect(await readFile(workflowFile(variant), 'utf8'), variant).toBe(
        oidcVariant(await readFile(workflowFile(source), 'utf8'), source, jobs)
      )
  })

  it('give id-token: write and the pinned configure step to the data-reading jobs only; the plain ones to none', async () => {
    for (const { source, variant, jobs } of OIDC_VARIANTS) {
      const plain = await load(source)
      for (const [id, job] of Object.entries(plain.jobs)) {
        expect(job.permissions?.['id-token'], `${source}:${id}`).toBeUndefined()
        expect(JSON.stringify(job.steps ?? []), `${source}:${id}`).not.toContain('configure-aws-credentials')
      }
      const oidc = await load(variant)
      expect(Object.keys(oidc.jobs)).toEqual(Object.keys(plain.jobs))
      for (const [id, job] of Object.entries(oidc.jobs)) {
        const reads = (jobs as readonly string[]).includes(id)
        expect(job.permissions?.['id-token'], `${variant}:${id}`).toBe(reads ? 'write' : undefined)
        const uses = (job.steps ?? []).map(s => s.uses ?? '')
        const configure = uses.indexOf(CONFIGURE_AWS_CREDENTIALS)
        // Before the Tunegate action that reads the data, and nowhere else.
        expect(configure >= 0, `${variant}:${id}`).toBe(reads)
        if (reads) expect(uses[configure + 1], `${variant}:${id}`).toMatch(/^\$\/actions\//)
      }
    }
  })
})

describe('the callers tunegate init writes', () => {
  it("show the OIDC variant's call: its file, every input it requires, and the id-token grant it needs", async () => {
    for (const { source, variant } of OIDC_VARIANTS) {
      const text = await readFile(path.join('templates/workflows', source), 'utf8')
      // The commented-out call, uncommented as the adopter would.
      const lines = text.split('\n')
      const from = lines.findIndex(l => l.includes(`# uses: __TUNEGATE__/.github/workflows/${variant}@`))
      expect(from, source).toBeGreaterThan(0)
      const rest = lines.slice(from)
      const block = rest.slice(
        0,
        rest.findIndex(l => !/^ {4}# /.test(l))
      )
      const call = parse(block.map(l => l.replace(/^ {4}# /, '')).join('\n')) as {
        uses: string
        with: Record<string, string>
      }
      const declared = (
        parse(await readFile(workflowFile(variant), 'utf8')) as {
          on: { workflow_call: { inputs: Record<string, { required?: boolean }> } }
        }
      ).on.workflow_call.inputs
      for (const k of Object.keys(call.with)) expect(declared, `${source}: ${k}`).toHaveProperty(k)
      for (const [k, spec] of Object.entries(declared))
        if (spec.required) expect(call.with, `${source}: ${k}`).toHaveProperty(k)
      expect(text, source).toMatch(/[Aa]dd `id-token: write` to this job's permissions/)
    }
  })
})

describe('a pipeline and a drift run on private S3 data, with credentials from OIDC only', () => {
  let root: string
  let remote: string
  let dev: string
  let gh: GitHubStandIn
  let results: ResultsServiceStandIn
  let s3: S3StandIn
  let sts: StsStandIn
  let stsUrl: string
  let s3Url: string
  let nextRun = 7000
  const sh = (args: string[]) => git(dev, args).then(s => s.trim())

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'tg-oidc-'))
    remote = path.join(root, 'remote.git')
    dev = path.join(root, 'dev')
    await git(root, ['init', '-q', '--bare', '-b', 'main', remote])
    await git(remote, ['config', 'uploadpack.allowAnySHA1InWant', 'true'])
    await git(root, ['clone', '-q', remote, dev])
    for (const [k, v] of Object.entries({ 'user.email': 'a@acme.test', 'user.name': 'A', 'commit.gpgsign': 'false' }))
      await git(dev, ['config', k, v])
    await git(dev, ['checkout', '-q', '-b', 'main'])
    // The content classifier with its train and eval files in a private bucket, not in the repository.
    await cp(EXAMPLE_REGISTRY, path.join(dev, 'registry'), { recursive: true })
    for (const m of ['seo-writer', 'schema-markup'])
      await rm(path.join(dev, 'registry/models', m), { recursive: true, force: true })
    s3 = new S3StandIn(SESSION)
    s3Url = await s3.start()
    let spec = await readFile(path.join(dev, SPEC), 'utf8')
    for (const split of ['train', 'eval']) {
      const file = path.join(dev, `registry/datasets/${MODEL}/${split}.jsonl`)
      const bytes = await readFile(file)
      await rm(file)
      s3.objects.set(`${BUCKET}/${MODEL}/${split}.jsonl`, bytes)
      const digest = createHash('sha256').update(bytes).digest('hex')
      spec = spec.replace(
        `  ${split}: datasets/${MODEL}/${split}.jsonl\n`,
        `  ${split}:\n    uri: s3://${BUCKET}/${MODEL}/${split}.jsonl\n    sha256: ${digest}\n    bytes: ${bytes.length}\n`
      )
    }
    await writeFile(path.join(dev, SPEC), spec)
    await writeRepoFile(dev, '.gitignore', '.tunegate/\n')
    await sh(['add', '-A'])
    await sh(['commit', '-q', '-m', 'The content classifier, its data in S3'])
    await sh(['push', '-q', 'origin', 'main'])
    gh = await new GitHubStandIn({ git: remote }).start()
    results = await new ResultsServiceStandIn(gh, 0).start()
    // The read role trusts this repository's pull requests and its drift environment; the other only drift.
    sts = new StsStandIn()
    stsUrl = await sts.start()
    sts.roles.set(READ_ROLE, {
      subjects: [`${REPO}:pull_request`, `${REPO}:environment:tunegate-drift`],
      credentials: SESSION
    })
    sts.roles.set(DRIFT_ONLY_ROLE, {
      subjects: [`${REPO}:environment:tunegate-drift`],
      credentials: { ...SESSION, sessionToken: 'another-session' }
    })
  }, 60_000)

  afterAll(async () => {
    await results?.stop()
    await gh?.stop()
    await s3?.close()
    await sts?.close()
    if (root) await rm(root, { recursive: true, force: true })
  })

  const oidcInputs = (role: string) => ({
    registry: 'registry',
    'aws-role-to-assume': role,
    'aws-region': 'us-east-1',
    'aws-endpoint-url': s3Url
  })

  /** Opens a pull request that changes the model's seed; runs `file` for it. */
  async function pipeline(
    file: string,
    inputs: Record<string, string>,
    branch: string,
    runnerEnv: Record<string, string> = {}
  ) {
    await sh(['checkout', '-q', '-B', branch, 'origin/main'])
    const spec = await readFile(path.join(dev, SPEC), 'utf8')
    await writeFile(path.join(dev, SPEC), spec.replace(/^ {2}seed: \d+$/m, `  seed: ${nextRun}`))
    await sh(['commit', '-q', '-am', `Seed ${nextRun}`])
    await sh(['push', '-q', 'origin', branch])
    await sh(['checkout', '-q', 'main'])
    const octokit = createGitHubClient({ token: 'human-token', baseUrl: gh.url, retries: 0 })
    const { data } = await octokit.rest.pulls.create({
      owner: 'acme',
      repo: 'models',
      head: branch,
      base: 'main',
      title: branch
    })
    const runId = nextRun++
    gh.seedRun(data.head.sha, 'pull_request', runId)
    return runWorkflow(file, {
      runId,
      eventName: 'pull_request',
      event: { action: 'opened', number: data.number, pull_request: data, repository: data.base.repo },
      sha: data.head.sha,
      ref: `refs/pull/${data.number}/merge`,
      inputs,
      runnerEnv
    })
  }

  const runWorkflow = (file: string, setup: Omit<RunSetup, 'gh' | 'resultsUrl' | 'remote'>) =>
    new WorkflowRun(workflowFile(file), {
      gh,
      resultsUrl: results.url,
      remote,
      code: 'sources',
      aws: { sts, url: stsUrl },
      ...setup
    }).runAll()

  const jobResults = (run: WorkflowRun) => Object.fromEntries([...run.results].map(([k, v]) => [k, v.result]))
  const explain = (run: WorkflowRun) =>
    run.steps
      .filter(s => s.code !== 0)
      .map(s => `${s.job}/${s.step}: ${s.code}\n${s.stdout.slice(-3000)}\n${s.stderr.slice(-2000)}`)
      .join('\n\n')
  /** The bucket's GETs since `from` that carried the read role's session. */
  const sessionReads = (from: number) =>
    s3.server!.requests.slice(from).filter(r => r.headers['x-amz-security-token'] === SESSION.sessionToken)

  it('validate, train and evaluate assume the read role as the pull request, and read the bucket with it', async () => {
    const before = s3.server!.requests.length
    const run = await pipeline('tunegate-oidc.yml', oidcInputs(READ_ROLE), 'seed-oidc')
    expect(jobResults(run), explain(run)).toEqual({
      validate: 'success',
      'fork-approval': 'skipped',
      train: 'success',
      evaluate: 'success',
      report: 'success'
    })
    // Each data-reading job exchanged its own token, with the pull request's subject, before its action ran.
    expect(sts.assumptions).toEqual(
      ['validate', 'train', 'evaluate'].map(() => ({ roleArn: READ_ROLE, sub: `${REPO}:pull_request`, granted: true }))
    )
    // Both files were read from the bucket, signed with the assumed session (later jobs may take them from the
    // dataset cache, verified by digest); nothing reached it unsigned or with other credentials.
    const reads = sessionReads(before).map(r => r.url)
    expect(new Set(reads)).toEqual(new Set([`/${BUCKET}/${MODEL}/train.jsonl`, `/${BUCKET}/${MODEL}/eval.jsonl`]))
    expect(s3.server!.requests.length - before).toBe(reads.length)
  }, 600_000)

  it('without the OIDC variant no credentials reach the jobs: validate fails on the 403, naming the entry', async () => {
    const before = s3.server!.requests.length
    // The endpoint from the runner's own environment, as a self-hosted runner's .env would give it.
    const run = await pipeline('tunegate.yml', { registry: 'registry' }, 'seed-plain', { AWS_ENDPOINT_URL_S3: s3Url })
    expect(jobResults(run)).toMatchObject({ validate: 'failure', train: 'skipped', evaluate: 'skipped' })
    const validate = run.steps.find(s => s.job === 'validate' && s.step === 'validate')!
    expect(validate.stdout).toContain(`s3://${BUCKET}/${MODEL}/train.jsonl`)
    expect(validate.stdout).toMatch(/403|AccessDenied/)
    // One anonymous GET per file, refused: no credentials of any kind reached the step.
    const reads = s3.server!.requests.slice(before)
    expect(reads.map(r => r.headers.authorization ?? 'anonymous')).toEqual(['anonymous', 'anonymous'])
  }, 300_000)

  it("refuses a pull request's jobs a role whose trust policy names only the drift environment", async () => {
    const assumed = sts.assumptions.length
    const before = s3.server!.requests.length
    const run = await pipeline('tunegate-oidc.yml', oidcInputs(DRIFT_ONLY_ROLE), 'seed-drift-role')
    expect(jobResults(run)).toMatchObject({ validate: 'failure', train: 'skipped', evaluate: 'skipped' })
    const configure = run.steps.find(s => s.job === 'validate' && s.step === CONFIGURE_AWS_CREDENTIALS)!
    expect(configure.stdout).toContain('Not authorized to perform sts:AssumeRoleWithWebIdentity')
    // The validate action did not run after the failed step, and nothing was read.
    expect(run.steps.some(s => s.job === 'validate' && s.step === 'validate')).toBe(false)
    expect(sts.assumptions.slice(assumed)).toEqual([
      { roleArn: DRIFT_ONLY_ROLE, sub: `${REPO}:pull_request`, granted: false }
    ])
    expect(s3.server!.requests.length).toBe(before)
  }, 300_000)

  it('drift assumes a role as its environment and compares production samples with the S3 reference', async () => {
    const main = await sh(['rev-parse', 'origin/main'])
    await tagAt(dev, `${MODEL}@v1.0.0`, main, 1_700_000_000)
    await tunegateTag(dev, `${MODEL}#production#1`, main, `${MODEL} v1.0.0 lands in production`, 1_700_000_001)
    await sh(['push', '-q', 'origin', '--tags'])
    const runId = nextRun++
    const exported = await mkdtemp(path.join(tmpdir(), 'tg-oidc-export-'))
    await writeRepoFile(exported, 'samples/production.jsonl', shiftedSamples(150))
    gh.seedArtifact('tunegate-drift-input', runId, await zipFolder(exported))
    const assumed = sts.assumptions.length
    const before = s3.server!.requests.length
    const run = await runWorkflow('tunegate-drift-oidc.yml', {
      runId,
      eventName: 'schedule',
      event: { schedule: '23 6 * * 1' },
      sha: main,
      ref: 'refs/heads/main',
      inputs: oidcInputs(READ_ROLE)
    })
    expect(jobResults(run), explain(run)).toEqual({ drift: 'success', site: 'success' })
    expect(sts.assumptions.slice(assumed)).toEqual([
      { roleArn: READ_ROLE, sub: `${REPO}:environment:tunegate-drift`, granted: true }
    ])
    // A job without a cache: the reference was fetched from the bucket with the assumed session.
    const reads = s3.server!.requests.slice(before)
    expect(reads.map(r => [r.url, r.headers['x-amz-security-token']])).toEqual([
      [`/${BUCKET}/${MODEL}/train.jsonl`, SESSION.sessionToken]
    ])
    const drift = run.steps.find(s => s.job === 'drift' && s.step === '$/actions/drift')!
    expect(JSON.parse(drift.outputs.drifted!)).toEqual([MODEL])
  }, 300_000)
})
