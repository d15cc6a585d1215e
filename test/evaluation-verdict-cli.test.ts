// "Inconclusive" means one thing in `tunegate evaluate` (its exit code), the record and `tunegate promote`,
// under registry.yaml's policy.inconclusive: block (the default) and warn. The CLI runs as a child process.
import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { main } from '../src/cli/main.js'
import type { Output } from '../src/cli/output.js'
import type { EvaluationRecord } from '../src/evaluation/record.js'
import { readTags } from '../src/registry/state.js'
import { commitAll, makeRepo } from './helpers/git-repo.js'
import { runCli } from './helpers/run-cli.js'

const MODEL = 'content-classifier'
let repo: string
const local = (p: string) => path.join(repo, '.tunegate', p)
const args = (command: string) => [
  command,
  '--registry',
  path.join(repo, 'registry'),
  '--model',
  MODEL,
  ...['--work-dir', local('runs'), '--cache-dir', local('cache'), '--state-dir', local(''), '--out', local('reports')]
]
/** A step whose exit code is not what this test is about, run in this process (faster than a child). */
async function step(command: string): Promise<void> {
  const lines: string[] = []
  const out: Output = { line: t => lines.push(t), error: t => lines.push(t), interactive: false }
  const code = await main(args(command), out)
  if (code !== 0) throw new Error(`tunegate ${command} exited ${code}:\n${lines.join('\n')}`)
}
const cli = (command: string) => runCli(args(command), repo)
const record = async () =>
  JSON.parse(await readFile(local(`reports/evaluate/evaluation-${MODEL}.json`), 'utf8')) as EvaluationRecord
const tagNames = async () => (await readTags(repo)).map(t => t.name).sort()

/** Rewrites a file of the registry. */
async function edit(file: string, change: (text: string) => string): Promise<void> {
  const full = path.join(repo, 'registry', file)
  await writeFile(full, change(await readFile(full, 'utf8')))
}

beforeAll(async () => {
  repo = await makeRepo({ withRegistry: true })
  await rm(path.join(repo, 'registry/models/seo-writer'), { recursive: true })
  await rm(path.join(repo, 'registry/models/schema-markup'), { recursive: true })
  await writeFile(path.join(repo, '.gitignore'), '.tunegate/\n')
  await commitAll(repo, 'content-classifier only')
  // Production v1.0.0.
  await step('train')
  await step('evaluate')
  await step('promote')
  // The change: a tenth of the training rows dropped, and a regression gate of 0.01 on accuracy. On the 197 eval
  // examples the interval of the change (about −0.03 to +0.01) contains −0.01: inconclusive.
  await edit(`datasets/${MODEL}/train.jsonl`, text => {
    const lines = text.split('\n').filter(Boolean)
    return lines.slice(0, Math.round(lines.length * 0.9)).join('\n') + '\n'
  })
  await edit(`models/${MODEL}/model.yaml`, text =>
    text.replace(
      / {2}gates:\n[\s\S]*$/,
      '  gates:\n    - metric: accuracy\n      min: 0.7\n    - metric: accuracy\n      max_regression: 0.01\n'
    )
  )
  await commitAll(repo, 'fewer training rows, a tight regression gate')
  await step('train')
}, 240_000)

describe('an inconclusive model', () => {
  it('under policy.inconclusive: block: evaluate exits 3, the record says inconclusive, promote refuses it', async () => {
    const evaluated = await cli('evaluate')
    expect(evaluated.code, evaluated.stderr).toBe(3)
    expect(evaluated.stdout).toMatch(/^content-classifier: INCONCLUSIVE \(blocks the merge\)/m)
    expect(evaluated.stdout).toMatch(
      /\? accuracy: Δ [−+]0\.\d{4} \(95% CI [^)]+\) contains −0\.01: 197 examples are too few/
    )
    expect(evaluated.stderr).toContain("registry.yaml's policy.inconclusive is block (the default)")
    const r = await record()
    expect(r.verdict).toBe('inconclusive')
    expect(r.gates.find(g => g.kind === 'max_regression')).toMatchObject({ passed: true, inconclusive: true })
    const c = r.metrics.accuracy!.slices.all!.comparison!
    expect(c.low!).toBeLessThan(-0.01)
    expect(c.high!).toBeGreaterThanOrEqual(-0.01)

    const before = await tagNames()
    const promoted = await cli('promote')
    expect(promoted.code).toBe(1)
    expect(promoted.stdout).toContain(`${MODEL}: BLOCKED — verification failed`)
    expect(promoted.stdout).toMatch(
      /- the evaluation is inconclusive and registry\.yaml's policy\.inconclusive is block \(accuracy: Δ [^)]+\) contains −0\.01: 197 examples are too few to detect a regression of 0\.01; about [\d,]+ would be needed/
    )
    expect(promoted.stdout).toContain('fix: The eval set is too small to tell')
    expect(await tagNames()).toEqual(before)

    // A record that says pass over an inconclusive gate (as records did before) is refused the same way.
    const file = local(`reports/evaluate/evaluation-${MODEL}.json`)
    await writeFile(file, JSON.stringify({ ...r, verdict: 'pass' }, null, 2))
    const again = await cli('promote')
    expect(again.code).toBe(1)
    expect(again.stdout).toContain("the evaluation is inconclusive and registry.yaml's policy.inconclusive is block")
    expect(await tagNames()).toEqual(before)
  }, 240_000)

  it('under policy.inconclusive: warn: evaluate exits 0 with the warning, the record passes, promote releases it with the warning', async () => {
    await edit('registry.yaml', text => text.replace('policy:\n', 'policy:\n  inconclusive: warn\n'))
    await commitAll(repo, 'inconclusive models may merge')
    await step('train')
    const evaluated = await cli('evaluate')
    expect(evaluated.code, evaluated.stderr).toBe(0)
    expect(evaluated.stdout).toMatch(/^content-classifier: INCONCLUSIVE \(does not block the merge\)/m)
    expect(evaluated.stderr).toContain(
      "Warning: content-classifier is inconclusive; registry.yaml's policy.inconclusive is warn, so it passes."
    )
    const r = await record()
    expect(r.verdict).toBe('pass')
    expect(r.gates.find(g => g.kind === 'max_regression')).toMatchObject({ passed: true, inconclusive: true })

    const promoted = await cli('promote')
    expect(promoted.code, promoted.stdout).toBe(0)
    expect(promoted.stdout).toContain(`${MODEL}: promoted ${MODEL}@v1.1.0`)
    expect(promoted.stdout).toMatch(
      /note: inconclusive, promoted under registry\.yaml's policy\.inconclusive: warn: accuracy: Δ .* contains −0\.01/
    )
    expect(await tagNames()).toContain(`${MODEL}@v1.1.0`)
  }, 240_000)

  it('a failing gate exits 1, whatever the policy', async () => {
    await edit(`models/${MODEL}/model.yaml`, text => text.replace('      min: 0.7\n', '      min: 0.99\n'))
    await commitAll(repo, 'an accuracy floor the model cannot reach')
    await step('train')
    const evaluated = await cli('evaluate')
    expect(evaluated.code, evaluated.stderr).toBe(1)
    expect(evaluated.stdout).toMatch(/^content-classifier: FAIL/m)
    expect((await record()).verdict).toBe('fail')
  }, 240_000)
})
