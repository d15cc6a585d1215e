// Validation throughput on 1,000,000 chat rows against a bare readline + JSON.parse loop over the same
// file, measured in the same run; and the validating process's peak RSS. Targets: ratio >= 0.5, RSS < 300 MB.
import { execFile } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { cp, mkdtemp, rm, stat } from 'node:fs/promises'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { rng, seoWriterRow } from '../scripts/example-data.js'

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)

function worker(args: string[]): Promise<{ ms: number; rows: number; maxRssMb: number }> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'validate-worker.ts'), ...args], { maxBuffer: 1 << 20 }, (e, stdout, stderr) =>
      e ? reject(new Error(stderr || e.message)) : resolve(JSON.parse(stdout.trim().split('\n').at(-1)!))
    )
  )
}

export async function benchValidate(): Promise<{ ratio: number; maxRssMb: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tunegate-bench-'))
  try {
    const registry = path.join(dir, 'registry')
    await cp(path.join(import.meta.dirname, '../registry'), registry, { recursive: true })
    for (const m of ['content-classifier', 'schema-markup']) await rm(path.join(registry, 'models', m), { recursive: true })
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
    console.log(`validate: ${ROWS.toLocaleString()} chat rows, ${(size / 1e6).toFixed(0)} MB (+ ${'151'} eval rows for the leakage index)`)
    // Warm the page cache so neither side pays for the disk.
    await worker(['baseline', file])
    const baseline = await worker(['baseline', file])
    const tunegate = await worker(['validate', registry])
    const ratio = baseline.ms / tunegate.ms
    console.log(`  baseline readline + JSON.parse: ${(baseline.ms / 1000).toFixed(2)} s (${((ROWS / baseline.ms) * 1000).toFixed(0)} rows/s), peak RSS ${baseline.maxRssMb.toFixed(0)} MB`)
    console.log(`  tunegate validation:            ${(tunegate.ms / 1000).toFixed(2)} s (${((tunegate.rows / tunegate.ms) * 1000).toFixed(0)} rows/s), peak RSS ${tunegate.maxRssMb.toFixed(0)} MB`)
    console.log(`  throughput ratio ${ratio.toFixed(2)}x of baseline (target >= 0.5): ${ratio >= 0.5 ? 'PASS' : 'FAIL'}`)
    console.log(`  peak RSS ${tunegate.maxRssMb.toFixed(0)} MB (target < 300 MB): ${tunegate.maxRssMb < 300 ? 'PASS' : 'FAIL'}`)
    return { ratio, maxRssMb: tunegate.maxRssMb }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
