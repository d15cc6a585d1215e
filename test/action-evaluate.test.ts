import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { git } from '../src/registry/git.js'
import { readSections } from '../src/report/sticky-comment.js'
import { trainModel } from '../src/training/train.js'
import { GitHubStandIn } from './github/stand-in.js'
import { commitAll, makeRepo, tunegateTag } from './helpers/git-repo.js'
import { runAction } from './helpers/run-action.js'
import { withStandIn } from './helpers/with-stand-in.js'

let gh: GitHubStandIn
withStandIn(s => (gh = s.gh))

async function trained(repo: string, model: string): Promise<string> {
  const work = await mkdtemp(path.join(tmpdir(), 'tg-evtrain-'))
  return (await trainModel({ registryDir: path.join(repo, 'registry'), model, workDir: work })).outputDir
}

const inputs = (model: string, runDir: string) => ({
  registry: 'registry',
  model,
  token: 'test-token',
  'run-dir': runDir,
  comment: 'true',
  status: 'true',
  'fail-on-gate': 'true'
})

/**
 * Production v1.0.0 of content-classifier at `base`: trained and evaluated there, its evaluation record a
 * release asset in the stand-in, its version and stage GTO tags in the checkout.
 */
async function seedProduction(repo: string, base: string): Promise<void> {
  const v1 = await trained(repo, 'content-classifier')
  const pr0 = gh.seedPull({ head: { ref: 'x', sha: base }, base: { ref: 'main', sha: base } })
  const firstRun = await runAction('evaluate', {
    cwd: repo,
    inputs: { ...inputs('content-classifier', v1), comment: 'false', status: 'false' },
    event: { pull_request: { number: pr0, base: { sha: base }, head: { sha: base } } },
    env: { GITHUB_API_URL: gh.url }
  })
  expect(firstRun.code).toBe(0)
  await git(repo, ['tag', '-a', 'content-classifier@v1.0.0', '-m', 'register', base])
  await tunegateTag(repo, 'content-classifier#production#1', base, 'content-classifier v1.0.0 lands in production')
  gh.seedCommit('main', { 'README.md': 'x' })
  const release = {
    id: gh.id(),
    tag: 'content-classifier@v1.0.0',
    name: 'v1',
    body: '',
    draft: false,
    author: { login: 'bot', type: 'Bot' as const },
    created: '2026-01-01T00:00:00Z',
    published: '2026-01-01T00:00:00Z'
  }
  gh.releases.set(release.id, release)
  const asset = gh.id()
  gh.assets.set(asset, {
    id: asset,
    release: release.id,
    name: 'evaluation.json',
    data: await readFile(firstRun.outputs.record!),
    contentType: 'application/json',
    created: '2026-01-01T00:00:00Z'
  })
}

describe('the bundled evaluate action', () => {
  it('reports a first version, edits the same comment on the next push, and sets the gate', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const head = await commitAll(repo, 'head')
    const pr = gh.seedPull({ head: { ref: 'f', sha: head }, base: { ref: 'main', sha: head } })
    const event = { pull_request: { number: pr, base: { sha: head }, head: { sha: head } } }
    const runDir = await trained(repo, 'content-classifier')
    const first = await runAction('evaluate', {
      cwd: repo,
      inputs: inputs('content-classifier', runDir),
      event,
      env: { GITHUB_API_URL: gh.url }
    })
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.outputs.verdict).toBe('pass')
    expect(first.summary).toContain('**First version:** there is no version in production to compare with')
    const second = await runAction('evaluate', {
      cwd: repo,
      inputs: inputs('content-classifier', runDir),
      event,
      env: { GITHUB_API_URL: gh.url }
    })
    expect(second.code).toBe(0)
    expect(gh.comments.size).toBe(1)
    expect(readSections([...gh.comments.values()][0]!.body).get('evaluate:content-classifier')).toContain(
      '### ✅ content-classifier: passes · 1 gate passes · 1 not applicable (no production version)'
    )
    // The job wrote its own section; the summary on top is composed from it.
    expect([...gh.comments.values()][0]!.body).toMatch(
      /^<!-- tunegate:sticky-comment -->\n\n## Tunegate: ✅ ready to merge\n\n- ✅ \*\*content-classifier\*\* passes: /
    )
    const gate = gh.statuses.filter(s => s.context === 'tunegate').map(s => s.state)
    expect(gate[0]).toBe('pending')
    expect(gate.at(-1)).toBe('success')
    const record = JSON.parse(await readFile(first.outputs.record!, 'utf8'))
    expect(record).toMatchObject({
      schema: 'tunegate.evaluation/v1',
      model: 'content-classifier',
      verdict: 'pass',
      baseline: null
    })
    expect(record.per_example).toHaveLength(197)
  })

  it("with a fork's read-only token, still reports; the gate is left with a warning, the job passes", async () => {
    const repo = await makeRepo({ withRegistry: true })
    const head = await commitAll(repo, 'head')
    const pr = gh.seedPull({ head: { ref: 'fork', sha: head, fork: true }, base: { ref: 'main', sha: head } })
    gh.inject({ path: /\/statuses\//, status: 403, message: 'Resource not accessible by integration', times: 10 })
    const run = await runAction('evaluate', {
      cwd: repo,
      inputs: inputs('content-classifier', await trained(repo, 'content-classifier')),
      event: { pull_request: { number: pr, base: { sha: head }, head: { sha: head } } },
      env: { GITHUB_API_URL: gh.url }
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('::warning::The token cannot set commit statuses (read-only, as for forks)')
    expect(run.outputs.verdict).toBe('pass')
    expect(run.summary).toContain('### ✅ content-classifier: passes')
  })

  it('two models in parallel leave both sections; a failing gate fails the merge gate with the reason', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const spec = path.join(repo, 'registry/models/schema-markup/model.yaml')
    await writeFile(
      spec,
      (await readFile(spec, 'utf8')).replace(
        '    - metric: json_valid\n      min: 0.98',
        '    - metric: exact_match\n      min: 0.9'
      )
    )
    const head = await commitAll(repo, 'strict gate')
    const pr = gh.seedPull({ head: { ref: 'f', sha: head }, base: { ref: 'main', sha: head } })
    const event = { pull_request: { number: pr, base: { sha: head }, head: { sha: head } } }
    const [a, b] = await Promise.all([trained(repo, 'content-classifier'), trained(repo, 'schema-markup')])
    const [ok, bad] = await Promise.all([
      runAction('evaluate', {
        cwd: repo,
        inputs: inputs('content-classifier', a),
        event,
        env: { GITHUB_API_URL: gh.url }
      }),
      runAction('evaluate', { cwd: repo, inputs: inputs('schema-markup', b), event, env: { GITHUB_API_URL: gh.url } })
    ])
    expect(ok.code).toBe(0)
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(/::error::schema-markup fails its gates: exact_match: 0.0000 is below the minimum 0.9/)
    expect(gh.comments.size).toBe(1)
    const sections = readSections([...gh.comments.values()][0]!.body)
    expect([...sections.keys()].sort()).toEqual(['evaluate:content-classifier', 'evaluate:schema-markup'])
    expect(sections.get('evaluate:schema-markup')).toContain('### ❌ schema-markup: fails')
    const summary = [...gh.comments.values()][0]!.body.split('<!-- tunegate:section')[0]!
    expect(summary).toContain('## Tunegate: ❌ not ready to merge')
    expect(summary).toContain('- ❌ **schema-markup** fails: `exact_match` 0.000 < 0.9')
    expect(summary).toMatch(/- ✅ \*\*content-classifier\*\* passes/)
    const last = (context: string) => gh.statuses.filter(s => s.context === context).at(-1)!
    expect(last('tunegate/schema-markup')).toMatchObject({
      state: 'failure',
      description: 'Failing gates: schema-markup exact_match'
    })
    expect(last('tunegate/content-classifier').state).toBe('success')
    expect(last('tunegate')).toMatchObject({
      state: 'failure',
      description: 'schema-markup: Failing gates: schema-markup exact_match'
    })
  })

  it('compares with the production version from its release, on the examples both have', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const base = await commitAll(repo, 'v1')
    await seedProduction(repo, base)

    // The pull request: fewer training rows.
    const train = path.join(repo, 'registry/datasets/content-classifier/train.jsonl')
    await writeFile(train, (await readFile(train, 'utf8')).split('\n').slice(0, 300).join('\n') + '\n')
    const head = await commitAll(repo, 'less data')
    const pr = gh.seedPull({ head: { ref: 'less', sha: head }, base: { ref: 'main', sha: base } })
    const run = await runAction('evaluate', {
      cwd: repo,
      inputs: inputs('content-classifier', await trained(repo, 'content-classifier')),
      event: { pull_request: { number: pr, base: { sha: base }, head: { sha: head } } },
      env: { GITHUB_API_URL: gh.url }
    })
    expect(run.stdout).toContain('Production: content-classifier v1.0.0')
    // The production version links to its release.
    expect(run.summary).toContain(
      'Compared with production [`v1.0.0`](https://github.test/acme/models/releases/tag/content-classifier%40v1.0.0) on the 197 eval examples both have'
    )
    expect(run.summary).toMatch(
      /\| `accuracy` \| 0\.\d{3} \| \*\*0\.\d{3}\*\* \| [−+]?0\.\d{3} \[[−+]?0\.\d{3}, [−+]?0\.\d{3}\]/
    )
    // With a third of the training data some examples regress; the report shows them with their text, and
    // the scores as production → candidate.
    const regressed = [
      /\*\*Most regressed\*\*\n\n\| example \| production → candidate \| input \| expected \| candidate output \|\n.*\n/,
      /\| `cls-\d+` \| 1 → 0 \| [^|]+ \| (topic|refresh)-[a-z-]+ \| (topic|refresh)-[a-z-]+ \|/
    ]
    expect(run.summary).toMatch(new RegExp(regressed.map(r => r.source).join('')))
    const record = JSON.parse(await readFile(run.outputs.record!, 'utf8'))
    expect(record.baseline).toMatchObject({ version: 'v1.0.0', shared_examples: 197 })
    expect(record.metrics.accuracy.slices.all.comparison).toMatchObject({ n: 197, resamples: 1000 })
  })

  it('an inconclusive model fails the step and the status under policy.inconclusive: block, passes under warn', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const base = await commitAll(repo, 'v1')
    await seedProduction(repo, base)
    // A tenth of the training rows dropped and a regression gate of 0.01: the interval contains −0.01.
    const train = path.join(repo, 'registry/datasets/content-classifier/train.jsonl')
    const rows = (await readFile(train, 'utf8')).split('\n').filter(Boolean)
    await writeFile(train, rows.slice(0, Math.round(rows.length * 0.9)).join('\n') + '\n')
    const spec = path.join(repo, 'registry/models/content-classifier/model.yaml')
    await writeFile(
      spec,
      (await readFile(spec, 'utf8')).replace(
        / {2}gates:\n[\s\S]*$/,
        '  gates:\n    - metric: accuracy\n      max_regression: 0.01\n'
      )
    )
    for (const policy of ['block', 'warn'] as const) {
      if (policy === 'warn') {
        const yaml = path.join(repo, 'registry/registry.yaml')
        await writeFile(yaml, (await readFile(yaml, 'utf8')).replace('policy:\n', 'policy:\n  inconclusive: warn\n'))
      }
      const head = await commitAll(repo, `inconclusive, ${policy}`)
      const pr = gh.seedPull({ head: { ref: policy, sha: head }, base: { ref: 'main', sha: base } })
      const run = await runAction('evaluate', {
        cwd: repo,
        inputs: inputs('content-classifier', await trained(repo, 'content-classifier')),
        event: { pull_request: { number: pr, base: { sha: base }, head: { sha: head } } },
        env: { GITHUB_API_URL: gh.url }
      })
      const statuses = gh.statuses.filter(s => s.sha === head)
      const last = (context: string) => statuses.filter(s => s.context === context).at(-1)!
      const record = JSON.parse(await readFile(run.outputs.record!, 'utf8'))
      const expected = {
        block: {
          code: 1,
          log: /::error::content-classifier is inconclusive and registry.yaml's policy.inconclusive is block \(the default\), so the merge gate fails: accuracy: Δ .* contains −0\.01: 197 examples are too few/,
          output: 'fail',
          record: 'inconclusive',
          status: { state: 'failure', description: 'Inconclusive (blocks the merge): content-classifier accuracy' }
        },
        warn: {
          code: 0,
          log: /::warning::content-classifier is inconclusive: accuracy: Δ .* contains −0\.01: .*registry.yaml's policy.inconclusive is warn, so the merge gate passes\./,
          output: 'pass',
          record: 'pass',
          status: { state: 'success', description: 'Inconclusive: content-classifier accuracy' }
        }
      }[policy]
      expect(run.code, run.stdout).toBe(expected.code)
      expect(run.stdout).toMatch(expected.log)
      expect(run.outputs.verdict).toBe(expected.output)
      expect(record.verdict).toBe(expected.record)
      expect(last('tunegate/content-classifier')).toMatchObject(expected.status)
      expect(last('tunegate').state).toBe(expected.status.state)
      if (policy !== 'block') continue
      // The pipeline's step (fail-on-gate: 'false') succeeds: its section carries the blocking verdict, and the
      // report job distrusts sections only of a job that did not succeed.
      const sections = await mkdtemp(path.join(tmpdir(), 'tg-sections-'))
      const piped = await runAction('evaluate', {
        cwd: repo,
        inputs: {
          ...inputs('content-classifier', await trained(repo, 'content-classifier')),
          comment: 'false',
          status: 'false',
          'section-dir': sections,
          'fail-on-gate': 'false'
        },
        event: { pull_request: { number: pr, base: { sha: base }, head: { sha: head } } },
        env: { GITHUB_API_URL: gh.url }
      })
      expect(piped.code, piped.stdout).toBe(0)
      expect(piped.stdout).not.toContain('::error::')
      expect(piped.outputs.verdict).toBe('fail')
      const [section] = await readdir(sections)
      expect(JSON.parse(await readFile(path.join(sections, section!), 'utf8'))).toMatchObject({
        verdict: 'inconclusive',
        blocks: true
      })
    }
  }, 240_000)
})

describe('the beat_baseline_trainer gate', () => {
  it('trains the CPU baseline on the same data and requires the candidate to beat it', async () => {
    const { runEvaluation } = await import('../src/evaluation/evaluate.js')
    const { LocalHost } = await import('../src/host/local-host.js')
    const repo = await makeRepo({ withRegistry: true })
    const spec = path.join(repo, 'registry/models/content-classifier/model.yaml')
    await writeFile(
      spec,
      (await readFile(spec, 'utf8')).replace(
        '    - metric: accuracy\n      min: 0.7',
        '    - metric: accuracy\n      beat_baseline_trainer: true'
      )
    )
    await commitAll(repo, 'beat the baseline')
    const work = await mkdtemp(path.join(tmpdir(), 'tg-beat-'))
    const runDir = await trained(repo, 'content-classifier')
    // A candidate no better than the baseline trainer itself: its own predictions, so it cannot beat them.
    const outcome = await runEvaluation({
      registryDir: path.join(repo, 'registry'),
      model: 'content-classifier',
      host: new LocalHost(path.join(work, 'state'), repo),
      workDir: work,
      runDir
    })
    const gate = outcome.record.gates.find(g => g.kind === 'beat_baseline_trainer')!
    expect(gate).toMatchObject({
      metric: 'accuracy',
      passed: false,
      reason: expect.stringMatching(/does not beat the baseline trainer's 0\.\d{4}/)
    })
    expect(outcome.record.metrics.accuracy!.slices.all!.baseline_trainer).toBeCloseTo(
      outcome.record.metrics.accuracy!.slices.all!.value,
      12
    )
    // A perfect candidate beats it.
    const { writeFile: write } = await import('node:fs/promises')
    const evalRows = (await readFile(path.join(repo, 'registry/datasets/content-classifier/eval.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map(l => JSON.parse(l) as { id: string; label: string })
    await write(
      path.join(runDir, 'predictions.jsonl'),
      evalRows.map(r => JSON.stringify({ id: r.id, prediction: r.label })).join('\n') + '\n'
    )
    // Given the loaded model, nothing reads the registry again (the evaluation, the baseline trainer's
    // training, the scoring): a registryDir that does not exist is never opened.
    const { loadRegistryModel } = await import('../src/registry/loader.js')
    const perfect = await runEvaluation({
      registryDir: path.join(repo, 'no-registry-here'),
      loaded: await loadRegistryModel(path.join(repo, 'registry'), 'content-classifier'),
      model: 'content-classifier',
      host: new LocalHost(path.join(work, 'state'), repo),
      workDir: path.join(work, 'again'),
      runDir
    })
    expect(perfect.record.gates.find(g => g.kind === 'beat_baseline_trainer')).toMatchObject({ passed: true })
  })
})
