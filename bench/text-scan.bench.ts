// The fused text scanner (src/data/text-scan.ts) against the plain passes it replaces, in the same run, on the
// scanner's real inputs: the input and target of every row of the example registry's three models (chat, fields,
// classification). The plain passes: normaliseText, hash53 and signature() of the normalised text, and findPii on
// every text; the scanner does all in one pass and lets findPii run only where it saw a hint. Both must give the
// same results; the ratio is the plain passes' time over the scanner's. A second pass times the row checks' hot path
// around the scan (parse, toExample, both scans, token counts), to show what the fusion is worth there.
// (The scanner was WebAssembly until this benchmark, then against the same scanner in TypeScript, measured 1.26x
// alone and 1.05x on the hot path: see README, Benchmarks.)
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { toExample, type Example } from '../src/data/examples.js'
import { hash53, normaliseText } from '../src/data/hash-index.js'
import { signature } from '../src/data/minhash.js'
import { findPii, type PiiFinding } from '../src/data/pii.js'
import { TextScanner } from '../src/data/text-scan.js'
import { approximateCounter } from '../src/data/tokens.js'
import { loadRegistry } from '../src/registry/loader.js'
import { loadLine } from './child-run.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20)

/** What the row checks take from a scanned text. */
interface Scanned {
  hash: number
  signature: Uint32Array | null
  pii: PiiFinding[]
}
type Scan = (text: string, withSignature: boolean) => Scanned

/** The plain passes: the normalised text, its hash and signature, and every personal-data pattern tried. */
const plainScan: Scan = (text, withSignature) => {
  const normalised = normaliseText(text)
  return { hash: hash53(normalised), signature: withSignature ? signature(normalised) : null, pii: findPii(text) }
}

/** The fused scan, and findPii only for the families it saw a hint of (as the row checks run them). */
function fusedScan(): Scan {
  const scanner = new TextScanner()
  return (text, withSignature) => {
    scanner.scan(text, withSignature)
    return {
      hash: scanner.hash,
      signature: scanner.hasSignature ? scanner.signature : null,
      pii: scanner.piiFamilies ? findPii(text, scanner.piiFamilies) : []
    }
  }
}

/** Every row of the example registry's models: its line, and the rules it is read with. */
async function realRows(): Promise<{ line: string; rules: Parameters<typeof toExample>[1] }[]> {
  const registry = await loadRegistry(path.join(import.meta.dirname, '../registry'))
  const rows: { line: string; rules: Parameters<typeof toExample>[1] }[] = []
  for (const m of registry.models) {
    const { spec } = m
    const rules = {
      format: spec.data.format,
      labels: spec.data.labels,
      useCases: spec.use_cases,
      target: spec.data.target
    }
    for (const f of [...m.train, ...m.eval])
      for (const line of readFileSync(f.absolute, 'utf8').split('\n')) if (line) rows.push({ line, rules })
  }
  return rows
}

/**
 * Milliseconds of the fastest of five timings of each of `a` and `b`, taken alternately: on a shared machine the
 * fastest run is the one least disturbed, and alternating gives both the same disturbances.
 */
function fastestOfEach(a: () => void, b: () => void): [number, number] {
  let bestA = Infinity
  let bestB = Infinity
  const time = (work: () => void) => {
    const started = performance.now()
    work()
    return performance.now() - started
  }
  for (let i = 0; i < 5; i++) {
    bestA = Math.min(bestA, time(a))
    bestB = Math.min(bestB, time(b))
  }
  return [bestA, bestB]
}

const same = (a: Scanned, b: Scanned) =>
  a.hash === b.hash &&
  (a.signature === null) === (b.signature === null) &&
  (!a.signature || a.signature.every((v, i) => v === b.signature![i])) &&
  JSON.stringify(a.pii) === JSON.stringify(b.pii)

export async function benchTextScan(): Promise<{ scanRatio: number; hotPathRatio: number }> {
  const rows = await realRows()
  const examples: Example[] = []
  for (const r of rows) {
    const result = toExample(JSON.parse(r.line), r.rules)
    if (result.ok) examples.push(result.example)
  }
  const chars = examples.reduce((n, e) => n + e.input.length + e.target.length, 0)
  const nonAscii = examples.filter(e => /[^\x00-\x7f]/.test(e.input + e.target)).length
  const fused = fusedScan()
  // The same results first: a faster scan that differs proves nothing.
  for (const e of examples)
    for (const [text, sign] of [
      [e.input, true],
      [e.target, false]
    ] as const)
      if (!same(fused(text, sign), plainScan(text, sign)))
        throw new Error(`the fused scan and the plain passes differ on ${JSON.stringify(text.slice(0, 80))}`)
  const scanAll = (scan: Scan) => () => {
    for (let round = 0; round < ROUNDS; round++)
      for (const e of examples) {
        scan(e.input, true)
        scan(e.target, false)
      }
  }
  const hotPath = (scan: Scan) => () => {
    for (let round = 0; round < ROUNDS; round++)
      for (const r of rows) {
        const result = toExample(JSON.parse(r.line), r.rules)
        if (!result.ok) continue
        scan(result.example.input, true)
        scan(result.example.target, false)
        approximateCounter.count(result.example.input)
        approximateCounter.count(result.example.target)
      }
  }
  // Warm both, then time them alternately.
  scanAll(fused)()
  scanAll(plainScan)()
  const [scanFused, scanPlain] = fastestOfEach(scanAll(fused), scanAll(plainScan))
  const [hotFused, hotPlain] = fastestOfEach(hotPath(fused), hotPath(plainScan))
  const scanRatio = scanPlain / scanFused
  const hotPathRatio = hotPlain / hotFused
  const perRow = (ms: number) => `${((1000 * ms) / (ROUNDS * examples.length)).toFixed(2)} µs a row`
  console.log(
    `text scan: ${examples.length.toLocaleString()} example rows × ${ROUNDS} (${(chars / examples.length).toFixed(0)} characters a row, ${nonAscii} rows not ASCII)`
  )
  console.log(
    `  scan only       fused ${perRow(scanFused)}, plain passes ${perRow(scanPlain)}: ${scanRatio.toFixed(2)}x`
  )
  console.log(
    `  row hot path    fused ${perRow(hotFused)}, plain passes ${perRow(hotPlain)}: ${hotPathRatio.toFixed(2)}x (JSON.parse, toExample, both scans, token counts)`
  )
  console.log(loadLine())
  return { scanRatio, hotPathRatio }
}
