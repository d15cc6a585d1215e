// Drift on 1,000,000 reference rows (read from git at the production tag) against 1,000,000 sample rows,
// against a bare read + JSON.parse + whitespace-tokenise pass over the same two files in the same run.
// Targets: under 30 s and a peak RSS under 500 MB. Each measured pass runs in its own process (this file,
// started with `baseline` or `drift`), so its peak RSS is its own.
import { execFileSync } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { cp, mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { classifierRow } from '../scripts/example-data.js'
import { measuredChild, writeRows } from './child-run.js'

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const MODEL = 'content-classifier'
const TRAIN = 'registry/datasets/content-classifier/train.jsonl'

const measured = (args: string[]) =>
  measuredChild<{ ms: number; rows: number; maxRssMb: number; verdict?: string }>(fileURLToPath(import.meta.url), args)

export async function benchDrift(): Promise<{ ratio: number; seconds: number; maxRssMb: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tunegate-bench-drift-'))
  try {
    await cp(path.join(import.meta.dirname, '../registry'), path.join(dir, 'registry'), { recursive: true })
    for (const m of ['seo-writer', 'schema-markup']) await rm(path.join(dir, 'registry/models', m), { recursive: true })
    await writeRows(path.join(dir, TRAIN), ROWS, 11, 10_000_000, classifierRow)
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: dir,
        env: { ...process.env, GIT_COMMITTER_DATE: '1700000000 +0000', GIT_AUTHOR_DATE: '1700000000 +0000' }
      })
    git('init', '-q', '-b', 'main')
    git('-c', 'user.name=bench', '-c', 'user.email=bench@tunegate.test', 'add', '-A')
    git('-c', 'user.name=bench', '-c', 'user.email=bench@tunegate.test', 'commit', '-qm', 'v1')
    // Tagged as Tunegate's promotion tags them: a stage tag by anyone else is not taken for production.
    for (const [tag, message] of [
      [`${MODEL}@v1.0.0`, `${MODEL}@v1.0.0`],
      [`${MODEL}#production#1`, `${MODEL} v1.0.0 lands in production`]
    ])
      git(
        '-c',
        'user.name=tunegate',
        '-c',
        'user.email=tunegate@users.noreply.github.com',
        'tag',
        '-a',
        tag!,
        '-m',
        message!
      )
    const samples = path.join(dir, 'samples.jsonl')
    await writeRows(samples, ROWS, 12, 20_000_000, classifierRow)
    const train = path.join(dir, TRAIN)
    const mb = ((await stat(train)).size + (await stat(samples)).size) / 1e6
    console.log(
      `drift: ${ROWS.toLocaleString()} reference rows (from git at the tag) vs ${ROWS.toLocaleString()} sample rows, ${mb.toFixed(0)} MB`
    )
    // Warm the page cache so neither side pays for the disk.
    await measured(['baseline', train, samples])
    const baseline = await measured(['baseline', train, samples])
    const drift = await measured(['drift', dir, samples])
    console.log(
      `  baseline read + JSON.parse + whitespace split: ${(baseline.ms / 1000).toFixed(2)} s, peak RSS ${baseline.maxRssMb.toFixed(0)} MB`
    )
    console.log(
      `  tunegate drift (git checkout of the reference, every statistic, verdict ${drift.verdict}): ${(drift.ms / 1000).toFixed(2)} s, peak RSS ${drift.maxRssMb.toFixed(0)} MB`
    )
    const ratio = baseline.ms / drift.ms
    const seconds = drift.ms / 1000
    console.log(`  throughput ratio ${ratio.toFixed(2)}x of baseline`)
    console.log(`  ${seconds.toFixed(1)} s (target < 30 s): ${seconds < 30 ? 'PASS' : 'FAIL'}`)
    console.log(
      `  peak RSS ${drift.maxRssMb.toFixed(0)} MB (target < 500 MB): ${drift.maxRssMb < 500 ? 'PASS' : 'FAIL'}`
    )
    return { ratio, seconds, maxRssMb: drift.maxRssMb }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** The measured passes, when this file is run as a child process. */
async function measuredPass(mode: string, args: string[]): Promise<void> {
  const started = performance.now()
  let rows = 0
  let verdict: string | undefined
  if (mode === 'baseline') {
    for (const file of args) {
      const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
      let words = 0
      for await (const line of lines)
        if (line) {
          const row = JSON.parse(line) as { text: string }
          words += row.text.split(/\s+/).length
          rows++
        }
      if (!words) throw new Error('no words')
    }
  } else {
    const { runDrift } = await import('../src/drift/drift.js')
    const { LocalHost } = await import('../src/host/local-host.js')
    const [repo, samples] = args as [string, string]
    const [m] = await runDrift({
      registryDir: path.join(repo, 'registry'),
      samples,
      host: new LocalHost(path.join(repo, '.tunegate'), repo),
      base: 'main',
      workDir: path.join(repo, '.tunegate', 'drift-work')
    })
    rows = m!.record.rows.reference + m!.record.rows.current
    verdict = m!.record.verdict
  }
  const ms = performance.now() - started
  console.log(JSON.stringify({ ms, rows, maxRssMb: process.resourceUsage().maxRSS / 1024, verdict }))
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [mode, ...args] = process.argv.slice(2)
  if (mode === 'baseline' || mode === 'drift') await measuredPass(mode, args)
  else await benchDrift()
}
