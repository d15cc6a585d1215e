// The one pass over the built bundles (npm test builds them first): the other action tests run the sources.
import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GitHubStandIn } from './github/stand-in.js'
import { ResultsServiceStandIn, runtimeToken } from './github/results-service.js'
import { commitAll, makeRepo } from './helpers/git-repo.js'
import { actionManifest, runAction, type ActionRun } from './helpers/run-action.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const ACTIONS = readdirSync(path.join(ROOT, 'actions')).filter(d =>
  existsSync(path.join(ROOT, 'actions', d, 'action.yml'))
)

/** Runs an action's bundle with action.yml's defaults under the given inputs, as a workflow step would. */
async function runBundle(
  name: string,
  options: { cwd: string; inputs?: Record<string, string>; event?: unknown; env?: Record<string, string> }
): Promise<ActionRun> {
  const manifest = await actionManifest(name)
  const inputs = { ...manifest.defaults, ...options.inputs }
  return runAction(name, { ...options, inputs, code: 'bundle' })
}

describe.each(ACTIONS)('the %s bundle', name => {
  it('is built where action.yml points, for node24, and fails a bad run with a plain message', async () => {
    const manifest = await actionManifest(name)
    expect(manifest.using).toBe('node24')
    expect(manifest.main).toBe(path.join(ROOT, 'dist', name, 'index.js'))
    if (!existsSync(manifest.main))
      throw new Error(`${path.relative(ROOT, manifest.main)} is missing: run 'npm run build' first ('npm test' does).`)
    // An empty folder is no registry: the bundle loads, reads its inputs and reports the user's mistake.
    const run = await runBundle(name, { cwd: await mkdtemp(path.join(tmpdir(), 'tg-bundle-')), inputs: { model: 'm' } })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^::error::/m)
    expect(run.stdout).not.toContain('internal error')
  })
})

describe('the built bundles, one workflow', () => {
  let gh: GitHubStandIn
  let results: ResultsServiceStandIn
  beforeEach(async () => {
    gh = await new GitHubStandIn().start()
    results = await new ResultsServiceStandIn(gh, 777).start()
  })
  afterEach(async () => {
    await results.stop()
    await gh.stop()
    expect(gh.violations).toEqual([])
    expect(results.problems).toEqual([])
  })

  it('validate (a file on worker threads) → train (the bundle as its own trainer) → evaluate', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const base = await commitAll(repo, 'base')
    // Over 32 MB, so the validate bundle starts its worker bundle; one bad row far down the file.
    const { rng, seoWriterRow } = await import('../scripts/example-data.js')
    const r = rng(3)
    const lines: string[] = []
    for (let i = 0; lines.length < 64_000; i++) {
      const row = seoWriterRow(r, 8_000_000 + i) as { messages: { content: string }[] }
      row.messages[1]!.content += ` (request ${i})`
      lines.push(JSON.stringify(row))
    }
    lines[60_000] = '{"id": "cut-short", '
    await writeFile(path.join(repo, 'registry/datasets/seo-writer/train.jsonl'), lines.join('\n') + '\n')
    const head = await commitAll(repo, 'a large dataset')
    const pr = gh.seedPull({ head: { ref: 'big', sha: head }, base: { ref: 'main', sha: base } })
    const event = { pull_request: { number: pr, base: { sha: base }, head: { sha: head } } }
    const env = {
      GITHUB_API_URL: gh.url,
      // @actions/artifact refuses servers other than github.com (it takes them for GHES).
      GITHUB_SERVER_URL: 'https://github.com',
      ACTIONS_RESULTS_URL: results.url,
      ACTIONS_RUNTIME_TOKEN: runtimeToken('run-backend-1', 'job-backend-1')
    }
    const outputsOf = async (name: string, run: ActionRun) =>
      expect(Object.keys(run.outputs).sort()).toEqual([...(await actionManifest(name)).outputs].sort())

    const validate = await runBundle('validate', { cwd: repo, event, env })
    expect(validate.stderr).toBe('')
    expect(validate.code).toBe(1)
    expect(validate.stdout).toMatch(
      /::error title=tunegate,file=registry\/datasets\/seo-writer\/train.jsonl,line=60001,col=\d+::invalid JSON/
    )
    await outputsOf('validate', validate)
    expect(validate.outputs.valid).toBe('false')
    expect(gh.comments.size).toBe(1)

    const train = await runBundle('train', { cwd: repo, inputs: { model: 'content-classifier' }, env })
    expect(train.stderr).toBe('')
    expect(train.code).toBe(0)
    await outputsOf('train', train)
    expect(train.outputs['cache-hit']).toBe('false')
    expect(train.stdout).toMatch(/step \d+\/\d+ \(100%\), loss \d\.\d{4}/)
    // The train step's outputs, besides the validate step's full report.
    expect([...results.finalized.values()].map(a => a.name).filter(n => n.startsWith('tunegate-train-'))).toEqual([
      train.outputs['artifact-name']
    ])

    // No run-dir: the evaluate bundle finds the train step's artifact by the training fingerprint.
    const evaluate = await runBundle('evaluate', { cwd: repo, inputs: { model: 'content-classifier' }, event, env })
    expect(evaluate.stderr).toBe('')
    expect(evaluate.code).toBe(0)
    await outputsOf('evaluate', evaluate)
    expect(evaluate.outputs.verdict).toBe('pass')
    expect(JSON.parse(await readFile(evaluate.outputs.record!, 'utf8'))).toMatchObject({
      model: 'content-classifier',
      training_fingerprint: train.outputs['training-fingerprint']
    })
    expect(gh.statuses.filter(s => s.context === 'tunegate').at(-1)?.state).toBe('success')
  }, 180_000)
})
