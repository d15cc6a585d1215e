// A registry-wide change over hundreds of models, against GitHub's limits: at most 256 jobs per matrix, a
// comment of at most 65,536 characters (the stand-in answers 422 above it, as GitHub does), and a merge gate that
// is set whatever happens.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { readSectionFiles, sectionSources } from '../src/actions/report.js'
import { ConfigurationError } from '../src/errors.js'
import type { AffectedModel } from '../src/registry/changes.js'
import { legModels, MAX_MATRIX_JOBS, planMatrix } from '../src/registry/matrix-plan.js'
import { writeSectionFile } from '../src/report/pull-request-report.js'
import { composeFullReport, composeSections, readSections } from '../src/report/sticky-comment.js'
import { withVerdict, type VerdictLine } from '../src/report/verdict-summary.js'
import { trainModel } from '../src/training/train.js'
import { GitHubStandIn, MAX_COMMENT_BODY } from './github/stand-in.js'
import { commitAll, makeRepo, writeRepoFile } from './helpers/git-repo.js'
import { runAction } from './helpers/run-action.js'
import { MAX_SUMMARY_BYTES, WorkflowRun, workflowFile } from './helpers/workflow-runner.js'
import { withStandIn } from './helpers/with-stand-in.js'

const GPU = ['self-hosted', 'gpu']
const CPU = ['ubuntu-latest']
const affected = (n: number, runner: (i: number) => string[]): AffectedModel[] =>
  Array.from({ length: n }, (_, i) => ({
    model: `model-${String(i).padStart(4, '0')}`,
    spec: `registry/models/model-${i}/model.yaml`,
    runner: runner(i),
    reasons: ['registry.yaml changed']
  }))

describe('the matrix plan: past 256 models, batches that share a runner', () => {
  it('keeps one job per model up to 256, and batches 300 models into at most 256 jobs, each model once', () => {
    const few = affected(256, i => (i % 2 ? GPU : CPU))
    expect(planMatrix(few).legs).toEqual(few.map(({ model, spec, runner }) => ({ model, spec, runner })))

    const many = affected(300, i => (i < 250 ? GPU : CPU))
    const plan = planMatrix(many)
    expect(plan.legs.length).toBeLessThanOrEqual(MAX_MATRIX_JOBS)
    expect(plan.perJob).toBe(2)
    const listed = plan.legs.flatMap(l => legModels(l.model))
    expect(listed.sort()).toEqual(many.map(m => m.model).sort())
    // A job runs on one runner: every model of a batch trains on its leg's runner.
    const runnerOf = new Map(many.map(m => [m.model, m.runner]))
    for (const leg of plan.legs) for (const m of legModels(leg.model)) expect(runnerOf.get(m)).toEqual(leg.runner)

    // 1,000 models on 255 runners: the smallest batch that fits, spread evenly.
    const wide = planMatrix(affected(1000, i => [`runner-${i % 255}`]))
    expect(wide.legs.length).toBeLessThanOrEqual(MAX_MATRIX_JOBS)
    const sizes = wide.legs.map(l => legModels(l.model).length)
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(wide.perJob)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1000)

    expect(() => planMatrix(affected(300, i => [`runner-${i}`]))).toThrow(ConfigurationError)
    expect(() => planMatrix(affected(300, i => [`runner-${i}`]))).toThrow(
      /300 affected models train on 300 different runners, but a matrix runs at most 256 jobs/
    )
  })

  it('the workflow runner refuses a matrix of more than 256 jobs and a job’s outputs over 1 MB, as GitHub does', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-matrix-'))
    const gh = await new GitHubStandIn().start()
    try {
      const file = path.join(dir, 'matrix.yml')
      const legs = (n: number) => JSON.stringify({ include: Array.from({ length: n }, (_, i) => ({ model: `m${i}` })) })
      await writeFile(
        file,
        stringify({
          on: { workflow_call: { inputs: { models: { type: 'string', default: '' } } } },
          jobs: {
            train: {
              'runs-on': 'ubuntu-latest',
              strategy: { matrix: '${{ fromJSON(inputs.models) }}' },
              steps: [{ run: 'true' }]
            }
          }
        })
      )
      const run = (n: number) =>
        new WorkflowRun(file, {
          gh,
          resultsUrl: gh.url,
          remote: dir,
          runId: 1,
          eventName: 'pull_request',
          event: {},
          sha: 'a'.repeat(40),
          ref: 'refs/pull/1/merge',
          inputs: { models: legs(n) }
        }).runAll()
      const over = await run(MAX_MATRIX_JOBS + 1)
      expect(over.results.get('train')!.result).toBe('failure')
      expect(over.steps.map(s => s.step)).toEqual(['strategy'])
      expect(over.steps[0]!.stdout).toMatch(/the matrix has 257 jobs; a matrix may generate at most 256/)
      const within = await run(3)
      expect(within.results.get('train')!.result).toBe('success')
      expect(within.steps).toHaveLength(3)

      // A job's outputs over 1 MB fail it, as GitHub does.
      const big = path.join(dir, 'big.yml')
      const job = (bytes: number) => ({
        'runs-on': 'ubuntu-latest',
        outputs: { x: '${{ steps.s.outputs.x }}' },
        steps: [{ id: 's', run: `printf 'x=%s\\n' "$(head -c ${bytes} /dev/zero | tr '\\0' a)" >> "$GITHUB_OUTPUT"` }]
      })
      await writeFile(
        big,
        stringify({ on: { workflow_call: {} }, jobs: { over: job(1024 * 1024 + 1), under: job(1000) } })
      )
      const outputs = await new WorkflowRun(big, {
        gh,
        resultsUrl: gh.url,
        remote: dir,
        runId: 2,
        eventName: 'pull_request',
        event: {},
        sha: 'a'.repeat(40),
        ref: 'refs/pull/1/merge'
      }).runAll()
      expect(outputs.results.get('over')!.result).toBe('failure')
      expect(outputs.results.get('under')).toEqual({ result: 'success', outputs: { x: 'a'.repeat(1000) } })
    } finally {
      await gh.stop()
      await rm(dir, { recursive: true, force: true })
    }
  })
})

const AT = '2026-12-07T12:00:00.000Z'
const RUN = 'https://github.com/acme/models/actions/runs/77'
const line = (title: string, state: VerdictLine['state'], reason: string): VerdictLine => ({
  title,
  state,
  reason,
  blocks: state === 'fail' || state === 'inconclusive',
  at: AT,
  commit: 'a'.repeat(40),
  repoUrl: 'https://github.com/acme/models',
  runUrl: RUN
})
/** A model's section as big as a real one (a gate table, a confusion matrix, a chart): about 6 KB. */
const modelSection = (model: string, state: VerdictLine['state']) =>
  withVerdict(
    `### ${model}\n\n| gate | value | interval |\n| --- | --- | --- |\n` +
      `| accuracy ≥ 0.7 | 0.81 | [0.74, 0.86] |\n`.repeat(150) +
      `\nend of ${model}'s report`,
    line(model, state, `${state === 'pass' ? 'passes' : state}: accuracy 0.81 [0.74, 0.86] ≥ 0.7; macro F1 0.77`)
  )

describe('the comment with hundreds of models: a digest under GitHub’s limit', () => {
  for (const n of [300, 1000])
    it(`${n} models: every model in the table, failing and inconclusive sections in full, the rest in the full report`, () => {
      const sections = new Map<string, string>()
      sections.set(
        'validate',
        withVerdict('### Validation\n\n' + 'row\n'.repeat(5000), line('Validation', 'pass', 'passed'))
      )
      const states = (i: number): VerdictLine['state'] =>
        i % 97 === 5 ? 'fail' : i % 113 === 7 ? 'inconclusive' : 'pass'
      const models = Array.from({ length: n }, (_, i) => `m-${String(i).padStart(4, '0')}`)
      models.forEach((m, i) => sections.set(`evaluate:${m}`, modelSection(m, states(i))))
      const body = composeSections(sections, '_The full report is in the artifact tunegate-report-report-1._')
      expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_BODY)
      expect(body).toMatch(
        /^<!-- tunegate:sticky-comment -->\n\n## Tunegate: ❌ not ready to merge\n\n\| \| model \| verdict \|/
      )
      // Every model has its row, linked to the run that checked it.
      for (const m of models) expect(body).toContain(`| [${m}][run-1] |`)
      expect(body).toContain(`[run-1]: ${RUN}`)
      // Failing rows come first, then inconclusive, then passing.
      const rows = body.split('\n').filter(l => /^\| (❌|⚠️|✅) \| \[m-/.test(l))
      const order = rows.map(r => (r.startsWith('| ❌') ? 0 : r.startsWith('| ⚠️') ? 1 : 2))
      expect(order).toEqual([...order].sort())
      // The failing and inconclusive models' sections are shown; passing ones are left to the full report.
      const shown = [...readSections(body).keys()]
      const first = [
        'validate',
        ...models.filter((_, i) => states(i) === 'fail').map(m => `evaluate:${m}`),
        ...models.filter((_, i) => states(i) === 'inconclusive').map(m => `evaluate:${m}`)
      ]
      // At 300 models all of them; at 1,000 as many as the room allows, in that order.
      expect(shown).toEqual(first.slice(0, shown.length))
      if (n === 300) expect(shown).toEqual(first)
      else expect(shown.length).toBeGreaterThan(5)
      expect(body).toMatch(/_\d+ sections are not shown here, to stay under GitHub's comment limit/)
      expect(body).toMatch(/_The full report is in the artifact tunegate-report-report-1\._\n$/)
      // The full report holds every section uncut.
      const full = composeFullReport(sections)
      for (const m of models) expect(full).toContain(`end of ${m}'s report`)
      expect(full).not.toContain('cut to fit the comment')
    })
})

/** A registry of `n` copies of the example's content classifier, sharing one small dataset and prompt. */
async function manyModelRegistry(n: number): Promise<string> {
  const repo = await makeRepo({ withRegistry: true })
  const spec = (await readFile(path.join(repo, 'registry/models/content-classifier/model.yaml'), 'utf8')).replace(
    /^name: content-classifier$/m,
    'name: NAME'
  )
  const rows = (await readFile(path.join(repo, 'registry/datasets/content-classifier/train.jsonl'), 'utf8'))
    .split('\n')
    .filter(Boolean)
  await writeRepoFile(repo, 'registry/datasets/content-classifier/train.jsonl', rows.slice(0, 40).join('\n') + '\n')
  await writeRepoFile(repo, 'registry/datasets/content-classifier/eval.jsonl', rows.slice(40, 60).join('\n') + '\n')
  for (const m of ['seo-writer', 'schema-markup', 'content-classifier'])
    await rm(path.join(repo, 'registry/models', m), { recursive: true, force: true })
  for (let i = 0; i < n; i++) {
    const name = `content-classifier-${String(i).padStart(3, '0')}`
    await writeRepoFile(repo, `registry/models/${name}/model.yaml`, spec.replace('name: NAME', `name: ${name}`))
  }
  return repo
}

describe('a pull request that affects 300 models: validate → the plan → the report', () => {
  let gh: GitHubStandIn
  withStandIn(s => (gh = s.gh))

  it(
    'plans at most 256 jobs, posts a comment under the limit with every model, and sets every status',
    { timeout: 120_000 },
    async () => {
      const repo = await manyModelRegistry(300)
      const base = await commitAll(repo, '300 models')
      const config = path.join(repo, 'registry/registry.yaml')
      await writeFile(config, (await readFile(config, 'utf8')) + '# retune every model\n')
      const head = await commitAll(repo, 'registry-wide change')
      const pr = gh.seedPull({ head: { ref: 'retune', sha: head }, base: { ref: 'main', sha: base } })
      const event = { pull_request: { number: pr, base: { sha: base }, head: { sha: head } } }
      const sections = await mkdtemp(path.join(tmpdir(), 'tg-sections-'))

      // Validated in full (a dispatched run, as drift's retraining pipeline without an App token is): every model
      // is affected, as by this registry.yaml edit, without the per-model dataset diff that a base adds.
      const validate = await runAction('validate', {
        cwd: repo,
        inputs: {
          registry: 'registry',
          base: '',
          head: '',
          token: 'test-token',
          comment: 'false',
          'section-dir': path.join(sections, 'tunegate-section-validate-1')
        },
        env: { GITHUB_API_URL: gh.url, GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_SHA: head }
      })
      expect(validate.code, validate.stdout.slice(-3000)).toBe(0)
      // The log says how far the check is, a line per tenth, not a line per model and file.
      expect(validate.stdout).toContain('Checking 300 models')
      expect(validate.stdout).toContain('  300 of 300 models checked (100%)')
      expect(validate.stdout).not.toMatch(/Checking content-classifier-\d+|train\.jsonl: \d+%/)
      const legs = (JSON.parse(validate.outputs.models!) as { include: { model: string; runner: string[] }[] }).include
      expect(legs.length).toBeLessThanOrEqual(MAX_MATRIX_JOBS)
      const models = legs.flatMap(l => legModels(l.model))
      expect(models).toHaveLength(300)
      expect(new Set(models).size).toBe(300)
      expect(validate.summary).toMatch(
        /\*\*Plan:\*\* 300 models to train and evaluate in 150 jobs per matrix, at most 2 models a job/
      )

      // Each batch's evaluate job writes one section per model into its artifact, as the evaluate action does.
      const failing = new Set(models.filter((_, i) => i % 60 === 3))
      for (const leg of legs)
        for (const model of legModels(leg.model)) {
          const state = failing.has(model) ? 'fail' : 'pass'
          await writeSectionFile(path.join(sections, `tunegate-section-${leg.model}-1`), {
            section: `evaluate:${model}`,
            markdown: modelSection(model, state),
            verdict: state,
            description: state === 'fail' ? 'Failing gates: accuracy' : 'Passes every gate'
          })
        }
      const jobs = {
        validate: { result: 'success', outputs: { models: validate.outputs.models! } },
        'fork-approval': { result: 'skipped' },
        train: { result: 'success' },
        // The pipeline's evaluate step has fail-on-gate: 'false': a failing gate is in the section, not the job.
        evaluate: { result: 'success' }
      }
      const runnerTemp = await mkdtemp(path.join(tmpdir(), 'tg-runner-temp-'))
      const report = await runAction('report', {
        cwd: repo,
        inputs: { sections, jobs: JSON.stringify(jobs), token: 'test-token' },
        event,
        env: { GITHUB_API_URL: gh.url, RUNNER_TEMP: runnerTemp }
      })
      expect(report.code, report.stdout.slice(-3000)).toBe(0)
      const [comment, ...others] = [...gh.comments.values()]
      expect(others).toHaveLength(0)
      expect(comment!.body.length).toBeLessThanOrEqual(MAX_COMMENT_BODY)
      for (const m of failing) expect(readSections(comment!.body).has(`evaluate:${m}`)).toBe(true)
      // Every model in the table, and one model's failing gate fails that model only.
      for (const m of models)
        expect(comment!.body).toMatch(
          new RegExp(`^\\| ${failing.has(m) ? '❌' : '✅'} \\| \\[${m}\\]\\[run-\\d\\] \\|`, 'm')
        )
      // The report file (the artifact, in Actions) holds every model's section in full, not the comment's cut
      // text; the job summary as much of it as GitHub's 1 MiB allows, saying where the rest is.
      const full = await readFile(path.join(runnerTemp, 'tunegate-report', 'report.md'), 'utf8')
      for (const m of models) expect(full).toContain(`end of ${m}'s report`)
      expect(Buffer.byteLength(report.summary)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES)
      expect(report.summary).toMatch(
        /cut at \d+ KiB of \d+ KiB to fit GitHub's limit; the full report is in the step's report file/
      )
      // The failing models' statuses, then the merge gate: GitHub takes a write a second, so 300 passing
      // models' statuses would hold the gate back for minutes (past the report job's timeout at 1,000).
      const statuses = gh.statuses.filter(s => s.sha === head)
      expect(statuses.map(s => s.context)).toEqual([...[...failing].map(m => `tunegate/${m}`), 'tunegate'])
      expect(statuses.at(-1)).toMatchObject({ context: 'tunegate', state: 'failure' })
      expect(statuses.at(-1)!.description).toContain(`${[...failing][0]}: Failing gates: accuracy`)
      expect(report.outputs.state).toBe('failure')
    }
  )
})

describe('a batched matrix job', () => {
  it('trains each model of the batch in turn; one that fails is named and does not stop the others', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const run = await runAction('train', {
      cwd: repo,
      inputs: {
        registry: 'registry',
        model: 'nope,content-classifier',
        token: '',
        force: 'false',
        upload: 'false',
        'work-dir': '',
        'retention-days': '30'
      }
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/::error::nope: No model 'nope' in registry\. Expected one of: /)
    expect(run.stdout).toMatch(/::group::content-classifier\n/)
    expect(run.outputs['training-fingerprint']).toMatch(/^[0-9a-f]{64}$/)
    expect(run.summary).toContain('**Training** · `baseline 1.0.0` · Trained in this run: ')
  }, 120_000)

  it('reads as many section files as the run can have uploaded: validation and each model, each attempt', async () => {
    const plan = planMatrix(affected(150, () => GPU))
    const jobs = { validate: { result: 'success', outputs: { models: JSON.stringify({ include: plan.legs }) } } }
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-sections-'))
    // "Re-run all jobs": 150 models and validation, twice.
    for (const attempt of [1, 2])
      for (const section of ['validate', ...plan.legs.map(l => `evaluate:${l.model}`)])
        await writeSectionFile(path.join(dir, `tunegate-section-${section.replace(/^evaluate:/, '')}-${attempt}`), {
          section,
          markdown: `### ${section} ${attempt}`,
          verdict: 'pass',
          description: 'ok'
        })
    process.env.GITHUB_RUN_ATTEMPT = '2'
    try {
      const files = await readSectionFiles(dir, sectionSources(jobs, 2))
      expect(files).toHaveLength(151)
      expect(files.every(f => f.markdown.endsWith(' 2'))).toBe(true)
      // One more than the run can have written is refused, naming the count.
      await writeSectionFile(path.join(dir, 'tunegate-section-validate-1', 'extra'), {
        section: 'validate',
        markdown: 'x',
        verdict: 'pass',
        description: 'ok'
      })
      await expect(readSectionFiles(dir, sectionSources(jobs, 2))).rejects.toThrow(
        /holds 303 section files, but a run of 150 models at attempt 2 uploads at most 302/
      )
    } finally {
      delete process.env.GITHUB_RUN_ATTEMPT
    }
  })
})

describe('the report job’s fallback', () => {
  it('sets the merge gate to failure when the job fails before the report action could', async () => {
    const gh = await new GitHubStandIn().start()
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-fallback-'))
    try {
      // The pipeline's own report job, with a first step that fails the way a failed download would.
      const pipeline = parse(await readFile(workflowFile('tunegate.yml'), 'utf8')) as {
        jobs: { report: { permissions: Record<string, string>; steps: { id?: string; if?: string }[] } }
      }
      const report = pipeline.jobs.report
      const fallback = report.steps.at(-1)!
      expect(fallback.if).toBe('failure() && !steps.report.outputs.state')
      const file = path.join(dir, 'report.yml')
      await writeFile(
        file,
        stringify({
          on: { workflow_call: {} },
          jobs: {
            report: {
              'runs-on': 'ubuntu-latest',
              permissions: report.permissions,
              steps: [{ id: 'report', run: 'echo "download failed" >&2; exit 1' }, fallback]
            }
          }
        })
      )
      const sha = 'b'.repeat(40)
      const run = await new WorkflowRun(file, {
        gh,
        resultsUrl: gh.url,
        remote: dir,
        runId: 31,
        eventName: 'pull_request',
        event: { pull_request: { number: 1, head: { sha } } },
        sha: 'c'.repeat(40),
        ref: 'refs/pull/1/merge'
      }).runAll()
      expect(
        run.steps.map(s => s.code),
        JSON.stringify(run.steps.at(-1))
      ).toEqual([1, 0])
      expect(gh.statuses.map(s => [s.sha, s.context, s.state])).toEqual([[sha, 'tunegate', 'failure']])
      expect(gh.statuses[0]!.description).toBe('The report job failed before it could report; see the workflow run')
      expect(gh.violations).toEqual([])
    } finally {
      await gh.stop()
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('a batched evaluate job', () => {
  it('evaluates each model of the batch from the train artifacts and writes a section for each', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const artifacts = await mkdtemp(path.join(tmpdir(), 'tg-train-artifacts-'))
    for (const model of ['content-classifier', 'schema-markup']) {
      const work = await mkdtemp(path.join(tmpdir(), 'tg-evtrain-'))
      const result = await trainModel({ registryDir: path.join(repo, 'registry'), model, workDir: work })
      // As download-artifact unpacks a pattern's matches: a folder per artifact, of its name.
      await cp(result.outputDir, path.join(artifacts, `${result.artifactName}-1`), { recursive: true })
    }
    const sections = await mkdtemp(path.join(tmpdir(), 'tg-sections-'))
    const run = await runAction('evaluate', {
      cwd: repo,
      inputs: {
        registry: 'registry',
        model: 'content-classifier,schema-markup',
        token: 'test-token',
        'train-artifacts': artifacts,
        comment: 'false',
        status: 'false',
        'section-dir': sections,
        'fail-on-gate': 'false'
      },
      env: { GITHUB_API_URL: 'http://127.0.0.1:9', GITHUB_SHA: 'd'.repeat(40) }
    })
    expect(run.code, run.stdout.slice(-2000)).toBe(0)
    expect((await readdir(sections)).sort()).toEqual([
      'evaluate-content-classifier.json',
      'evaluate-schema-markup.json'
    ])
    expect(run.outputs.record!.split('\n')).toHaveLength(2)
    expect(run.outputs.verdict).toBe('pass')
  }, 180_000)
})
