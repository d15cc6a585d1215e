// `npm run demo` end to end, as a fresh clone runs it: the story's outcomes, read back from the repository it leaves.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { git } from '../src/registry/git.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const CLI = path.join(ROOT, 'bin/tunegate.js')
const MODEL = 'content-classifier'
const TRAIN = `registry/datasets/${MODEL}/train.jsonl`
const ids = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map(l => (JSON.parse(l) as { id: string }).id)

let dir: string
let run: { code: number; stdout: string; stderr: string }

beforeAll(async () => {
  dir = path.join(await mkdtemp(path.join(tmpdir(), 'tunegate-demo-test-')), 'story')
  // Colour variables removed: the demo itself must see that its stdout is a pipe and print plain text.
  const env = { ...process.env }
  delete env.NO_COLOR
  delete env.FORCE_COLOR
  run = await new Promise(resolve =>
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/demo.ts', '--dir', dir],
      { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? ((error.code as number) ?? 1) : 0, stdout, stderr })
    )
  )
}, 300_000)

afterAll(async () => {
  await rm(path.dirname(dir), { recursive: true, force: true })
})

describe('npm run demo', () => {
  it('tells the whole story and exits 0, in plain text when stdout is not a terminal', () => {
    expect(run.code, run.stderr.slice(-3000)).toBe(0)
    expect(run.stdout).not.toContain('\u001b[')
    expect(run.stdout).toContain('== Where everything is ==')
    // The judge's story: both orders against a position-biased stand-in, the figures and the gate in the output.
    expect(run.stdout).toContain('== The judge: seo-writer against production')
    expect(run.stdout).toMatch(/\*\*Judge\*\* \(pairwise against production.*swap consistency \d/)
    expect(run.stdout).toMatch(/^gate judge_win_rate ≥ 0\.4: (pass|fail|inconclusive) — win rate /m)
    // It ends with the registry site, built from the story's tags and releases.
    expect(run.stdout).toMatch(
      /== The registry site ==\n\$ tunegate site --out .*\nRegistry site: 1 model\(s\), 5 files in .*\nOpen .*index\.html\nOpen file:\/\/.*index\.html in a browser/
    )
    expect(run.stdout).toContain(
      'The story:   content-classifier v1.0.0 promoted; v1.1.0 promoted; production rolled back to v1.0.0; ' +
        'pull request #8 refused by promote and reverted; drift since v1.0.0 with 60 feedback rows'
    )
  })

  it('never narrates a merge right after an evaluation that blocks it', () => {
    const lines = run.stdout.split('\n')
    const blocking = lines.flatMap((l, i) => (/blocks the merge/.test(l) && !/does not block/.test(l) ? [i] : []))
    for (const i of blocking) {
      const next = lines.slice(i + 1).find(l => /^== .* ==$/.test(l)) ?? ''
      expect(next, `after line ${i + 1}: ${lines[i]}`).not.toMatch(/\bmerge/i)
    }
    // The evaluation's exit code decides: pull request #7 merges only after an exit 0.
    const seven = run.stdout.slice(run.stdout.indexOf('== Evaluate the candidate against production v1.0.0 =='))
    expect(seven).toMatch(/^content-classifier: PASS/m)
  })

  it('promotes v1.0.0 and v1.1.0, rolls production back, and refuses the regressing pull request', async () => {
    const tags = (await git(dir, ['tag', '--list'])).split('\n').filter(Boolean).sort()
    expect(tags).toEqual([
      `${MODEL}#production#1`,
      `${MODEL}#production#2`,
      `${MODEL}#production#3`,
      `${MODEL}@v1.0.0`,
      `${MODEL}@v1.1.0`
    ])
    for (const version of ['v1.0.0', 'v1.1.0'])
      expect(
        JSON.parse(await readFile(path.join(dir, `.tunegate/releases/${MODEL}@${version}/release.json`), 'utf8'))
      ).toMatchObject({ draft: false })
    const show = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [CLI, 'registry', 'show', '--json'], { cwd: dir }, (e, out) =>
        e ? reject(e) : resolve(out)
      )
    )
    expect(JSON.parse(show)[MODEL]).toMatchObject({ latest: 'v1.1.0', stages: { production: 'v1.0.0' } })
    expect(run.stdout).toMatch(/\$ tunegate registry show\n.*\n.*\ncontent-classifier +v1\.1\.0 +- +v1\.0\.0\n/)

    // Pull request #8's merge: evaluated as failing a gate on one use case, refused by promote, then reverted.
    const record = JSON.parse(
      await readFile(path.join(dir, `.tunegate/reports/evaluate/evaluation-${MODEL}.json`), 'utf8')
    ) as {
      verdict: string
      metrics: { accuracy: { slices: Record<string, { comparison: { high: number; delta: number } }> } }
    }
    expect(record.verdict).toBe('fail')
    expect(record.metrics.accuracy.slices['content-refresh']!.comparison.high).toBeLessThan(0)
    expect(record.metrics.accuracy.slices['internal-linking']!.comparison.delta).toBeGreaterThanOrEqual(0)
    expect(run.stdout).toContain(`${MODEL}: BLOCKED — verification failed`)
    expect(run.stdout).toContain("the evaluation's verdict is fail: the candidate fails its gates")
    expect(run.stdout).toContain('fix: The merged change fails its gates: revert it')
    const merge = (await git(dir, ['log', '--merges', '--format=%H', '--grep', 'Merge pull request #8', 'main'])).trim()
    expect(merge).toMatch(/^[0-9a-f]{40}$/)
    expect((await git(dir, ['tag', '--points-at', merge])).trim()).toBe('')
    expect(ids(await git(dir, ['show', `main:${TRAIN}`])).some(id => id.startsWith('cls-batch-'))).toBe(false)
  })

  it('detects drift and opens a retraining branch with the feedback rows, which validates', async () => {
    const drift = JSON.parse(await readFile(path.join(dir, `.tunegate/drift/${MODEL}/drift.json`), 'utf8')) as unknown
    expect(drift).toMatchObject({
      schema: 'tunegate.drift/v1',
      version: 'v1.0.0',
      verdict: 'drift',
      feedback: { accepted: 60 },
      action: { kind: 'pull-request', branch: `tunegate/retrain/${MODEL}` }
    })
    const branch = `tunegate/retrain/${MODEL}`
    expect((await git(dir, ['rev-list', '--count', `main..${branch}`])).trim()).toBe('1')
    const feedback = ids(await readFile(path.join(dir, 'production/feedback.jsonl'), 'utf8'))
    const onBranch = ids(await git(dir, ['show', `${branch}:${TRAIN}`]))
    const onMain = ids(await git(dir, ['show', `main:${TRAIN}`]))
    expect(onBranch).toEqual([...onMain, ...feedback])
    const record = JSON.parse(
      await readFile(path.join(dir, '.tunegate/pulls/branch-tunegate_retrain_content-classifier.json'), 'utf8')
    ) as unknown
    expect(record).toMatchObject({ branch, base: 'main', state: 'open', labels: ['tunegate', 'drift'] })
    const validate = run.stdout.slice(run.stdout.indexOf('== The retraining pull request gets its own validate run =='))
    expect(validate).toMatch(/Validation passed: 1 model checked, no errors/)
    expect(validate).toContain('+60 -0 ~0')
  })
})
