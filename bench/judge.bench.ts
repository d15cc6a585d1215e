// The judge panel against the judge stand-in answering after 50 ms: judged pairs per second at concurrency 16,
// as a ratio of the ideal (concurrency ÷ latency calls per second; a pair is two calls, one per order). Target:
// ≥ 0.8. Memory: the heap the judge holds per pair, measured after 1,000 and 4,000 pairs — flat when what grows
// is only the stored verdicts (two per pair, each kept in the record).
import { judgePairs, type PairInput } from '../src/evaluation/judge/judge.js'
import { startJudgeStandIn } from '../scripts/judge-stand-in.js'

const CONCURRENCY = 16
const LATENCY_MS = 50
const TEMPLATE = '<input>{{ input }}</input>\n<output_a>{{ output_a }}</output_a>\n<output_b>{{ output_b }}</output_b>'

const pairs = (n: number): PairInput[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    useCase: 'u',
    input: `product ${i} with a description of ordinary length for a web shop`,
    reference: `red leather boots ${i}`,
    candidate: `red leather boots, size ${i % 40}, hand-stitched`,
    production: `leather boots ${i}`
  }))

const heapMb = () => {
  globalThis.gc?.()
  return process.memoryUsage().heapUsed / 2 ** 20
}

/** Runs `n` pairs through the panel; returns pairs per second and the heap held per pair afterwards. */
async function measure(n: number): Promise<{ pairsPerSecond: number; kbPerPair: number }> {
  const standIn = await startJudgeStandIn({ latencyMs: LATENCY_MS })
  try {
    const inputs = pairs(n)
    const before = heapMb()
    const started = performance.now()
    const run = await judgePairs(inputs, {
      judges: [{ name: 'j', baseUrl: standIn.url, model: 'm', price: { input_per_million: 0, output_per_million: 0 } }],
      rubricFor: () => ({ digest: 'bench', template: TEMPLATE }),
      concurrency: CONCURRENCY,
      maxCostUsd: 1
    })
    const seconds = (performance.now() - started) / 1000
    const kbPerPair = ((heapMb() - before) * 1024) / n
    if (run.verdicts.some(v => v.error)) throw new Error('the stand-in failed calls')
    return { pairsPerSecond: n / seconds, kbPerPair }
  } finally {
    await standIn.close()
  }
}

export async function benchJudge(): Promise<{ ratio: number }> {
  const ideal = CONCURRENCY / (LATENCY_MS / 1000) / 2
  await measure(100) // warm-up: the first connections and JIT
  const small = await measure(1_000)
  const large = await measure(4_000)
  const ratio = large.pairsPerSecond / ideal
  console.log(
    `judge: ${large.pairsPerSecond.toFixed(1)} pairs/s (${(2 * large.pairsPerSecond).toFixed(1)} calls/s) at concurrency ` +
      `${CONCURRENCY} against ${LATENCY_MS} ms latency; ideal ${ideal} pairs/s (${2 * ideal} calls/s): ratio ${ratio.toFixed(2)} ` +
      `(target ≥ 0.8); 1,000 pairs: ${small.pairsPerSecond.toFixed(1)} pairs/s. Heap held per pair: ` +
      `${small.kbPerPair.toFixed(2)} KB after 1,000, ${large.kbPerPair.toFixed(2)} KB after 4,000` +
      `${globalThis.gc ? '' : ' (run with --expose-gc for exact heap figures)'}`
  )
  return { ratio }
}
