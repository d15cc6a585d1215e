// The text scanner in WebAssembly (src/data/text-scan.as.ts, run by src/data/text-scan.ts) against the same scanner
// in plain TypeScript (text-scan-ts.ts), in the same run, on the scanner's real inputs: the input and target of every
// row of the example registry's three models (chat, fields, classification), scanned as the row checks scan them
// (the input with its MinHash signature, the target without). Both must give the same results; the ratio is the
// TypeScript scanner's time over the WebAssembly one's. A second pass times the row checks' hot path around the scan
// (parse, toExample, both scans, token counts), to show what the scanner's speed is worth there.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { toExample, type Example } from '../src/data/examples.js'
import { TextScanner } from '../src/data/text-scan.js'
import { approximateCounter } from '../src/data/tokens.js'
import { loadRegistry } from '../src/registry/loader.js'
import { loadLine } from './child-run.js'
import { TypeScriptTextScanner } from './text-scan-ts.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20)

type Scanner = { scan(text: string, withSignature: boolean): void; hash: number; piiFamilies: number }

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

export async function benchTextScan(): Promise<{ scanRatio: number; hotPathRatio: number }> {
  const rows = await realRows()
  const examples: Example[] = []
  for (const r of rows) {
    const result = toExample(JSON.parse(r.line), r.rules)
    if (result.ok) examples.push(result.example)
  }
  const chars = examples.reduce((n, e) => n + e.input.length + e.target.length, 0)
  const nonAscii = examples.filter(e => /[^\x00-\x7f]/.test(e.input + e.target)).length
  const wasm = new TextScanner()
  const ts = new TypeScriptTextScanner()
  // The same results first: a faster scanner that differs proves nothing.
  for (const e of examples)
    for (const [text, sign] of [
      [e.input, true],
      [e.target, false]
    ] as const) {
      wasm.scan(text, sign)
      ts.scan(text, sign)
      if (
        wasm.hash !== ts.hash ||
        wasm.piiFamilies !== ts.piiFamilies ||
        wasm.hasSignature !== ts.hasSignature ||
        wasm.signature.some((v, i) => v !== ts.signature[i])
      )
        throw new Error(`the scanners differ on ${JSON.stringify(text.slice(0, 80))}`)
    }
  const scanAll = (s: Scanner) => () => {
    for (let round = 0; round < ROUNDS; round++)
      for (const e of examples) {
        s.scan(e.input, true)
        s.scan(e.target, false)
      }
  }
  const hotPath = (s: Scanner) => () => {
    for (let round = 0; round < ROUNDS; round++)
      for (const r of rows) {
        const result = toExample(JSON.parse(r.line), r.rules)
        if (!result.ok) continue
        s.scan(result.example.input, true)
        s.scan(result.example.target, false)
        approximateCounter.count(result.example.input)
        approximateCounter.count(result.example.target)
      }
  }
  // Warm both, then time them alternately.
  scanAll(wasm)()
  scanAll(ts)()
  const [scanWasm, scanTs] = fastestOfEach(scanAll(wasm), scanAll(ts))
  const [hotWasm, hotTs] = fastestOfEach(hotPath(wasm), hotPath(ts))
  const scanRatio = scanTs / scanWasm
  const hotPathRatio = hotTs / hotWasm
  const perRow = (ms: number) => `${((1000 * ms) / (ROUNDS * examples.length)).toFixed(2)} µs a row`
  console.log(
    `text scan: ${examples.length.toLocaleString()} example rows × ${ROUNDS} (${(chars / examples.length).toFixed(0)} characters a row, ${nonAscii} rows not ASCII)`
  )
  console.log(
    `  scan only       WebAssembly ${perRow(scanWasm)}, TypeScript ${perRow(scanTs)}: ${scanRatio.toFixed(2)}x`
  )
  console.log(
    `  row hot path    WebAssembly ${perRow(hotWasm)}, TypeScript ${perRow(hotTs)}: ${hotPathRatio.toFixed(2)}x (JSON.parse, toExample, both scans, token counts)`
  )
  console.log(
    `  WebAssembly kept if the hot path is >= 1.5x faster with it: ${hotPathRatio >= 1.5 ? 'earns its keep' : 'does not'}`
  )
  console.log(loadLine())
  return { scanRatio, hotPathRatio }
}
