// Validation throughput on 1,000,000 chat rows against a bare readline + JSON.parse loop over the same
// file, measured in the same run; and the validating process's peak RSS. Targets: ratio >= 0.5, RSS < 300 MB.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createWriteStream } from 'node:fs'
import { cp, mkdtemp, rm, stat } from 'node:fs/promises'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { rng, seoWriterRow } from '../scripts/example-data.js'
import { loadLine, measuredChild } from './child-run.js'

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)

const worker = (args: string[]) =>
  measuredChild<{ ms: number; rows: number; maxRssMb: number }>(
    path.join(import.meta.dirname, 'validate-worker.ts'),
    args
  )

/**
 * The bundled action, as a runner starts it, timed by GNU time for its peak RSS and CPU time (all its threads
 * and its template sandbox; undefined without GNU time).
 */
function bundled(registryParent: string): { ms: number; maxRssMb: number; cpuS: number } | undefined {
  if (!existsSync('/usr/bin/time')) return undefined
  const bundle = path.join(import.meta.dirname, '../dist/validate/index.js')
  if (!existsSync(bundle)) return undefined
  execFileSync('git', ['init', '-q'], { cwd: registryParent })
  const tmp = path.join(registryParent, 'runner-temp')
  mkdirSync(tmp, { recursive: true })
  writeFileSync(path.join(tmp, 'out'), '')
  writeFileSync(path.join(tmp, 'summary'), '')
  const env = {
    PATH: process.env.PATH,
    INPUT_REGISTRY: 'registry',
    INPUT_BASE: '',
    INPUT_HEAD: '',
    INPUT_TOKEN: '',
    INPUT_COMMENT: 'false',
    GITHUB_REPOSITORY: 'bench/bench',
    RUNNER_TEMP: tmp,
    GITHUB_OUTPUT: path.join(tmp, 'out'),
    GITHUB_STEP_SUMMARY: path.join(tmp, 'summary')
  }
  const started = performance.now()
  const run = spawnSync('/usr/bin/time', ['-f', 'tunegate-maxrss-kb %M cpu %U %S', process.execPath, bundle], {
    cwd: registryParent,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26
  })
  const ms = performance.now() - started
  const stderr = String(run.stderr ?? '')
  const m = /tunegate-maxrss-kb (\d+) cpu ([\d.]+) ([\d.]+)/.exec(stderr)
  return m ? { ms, maxRssMb: Number(m[1]) / 1024, cpuS: Number(m[2]) + Number(m[3]) } : undefined
}

export async function benchValidate(): Promise<{ ratio: number; maxRssMb: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tunegate-bench-'))
  try {
    const registry = path.join(dir, 'registry')
    await cp(path.join(import.meta.dirname, '../registry'), registry, { recursive: true })
    for (const m of ['content-classifier', 'schema-markup'])
      await rm(path.join(registry, 'models', m), { recursive: true })
    const file = path.join(registry, 'datasets/seo-writer/train.jsonl')
    const out = createWriteStream(file)
    const r = rng(7)
    // Ids and a counter in the text keep rows distinct, as a real large dataset's rows are.
    for (let i = 0; i < ROWS; i++) {
      const row = seoWriterRow(r, 10_000_000 + i) as { messages: { content: string }[] }
      row.messages[1]!.content += ` (request ${i})`
      if (!out.write(JSON.stringify(row) + '\n')) await once(out, 'drain')
    }
    out.end()
    await once(out, 'finish')
    const size = (await stat(file)).size
    console.log(
      `validate: ${ROWS.toLocaleString()} chat rows, ${(size / 1e6).toFixed(0)} MB (+ ${'151'} eval rows for the leakage index)`
    )
    // Warm the page cache so neither side pays for the disk.
    await worker(['baseline', file])
    const baseline = await worker(['baseline', file])
    const tunegate = await worker(['validate', registry])
    console.log(
      `  baseline readline + JSON.parse: ${(baseline.ms / 1000).toFixed(2)} s (${((ROWS / baseline.ms) * 1000).toFixed(0)} rows/s), peak RSS ${baseline.maxRssMb.toFixed(0)} MB`
    )
    console.log(
      `  tunegate validation (sources):  ${(tunegate.ms / 1000).toFixed(2)} s (${((tunegate.rows / tunegate.ms) * 1000).toFixed(0)} rows/s), peak RSS ${tunegate.maxRssMb.toFixed(0)} MB (tsx loaded in every thread)`
    )
    // What a runner executes: the bundled action, whole (startup, reports and annotations included).
    const action = bundled(dir)
    if (action)
      console.log(
        `  bundled validate action:        ${(action.ms / 1000).toFixed(2)} s (${action.cpuS.toFixed(2)} s of CPU), peak RSS ${action.maxRssMb.toFixed(0)} MB (GNU time)`
      )
    const measured = action ?? tunegate
    const ratio = baseline.ms / measured.ms
    console.log(
      `  throughput ratio ${ratio.toFixed(2)}x of baseline (target >= 0.5): ${ratio >= 0.5 ? 'PASS' : 'FAIL'}`
    )
    console.log(
      `  peak RSS ${measured.maxRssMb.toFixed(0)} MB (target < 300 MB): ${measured.maxRssMb < 300 ? 'PASS' : 'FAIL'}`
    )
    // The ratio holds on a quiet machine: on one shared with other work, the load says how far to trust it.
    console.log(loadLine())
    return { ratio, maxRssMb: measured.maxRssMb }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
