// Evaluation speed: ROUGE-L + chrF + BLEU over 100,000 prediction pairs, and 1,000 paired-bootstrap
// resamples over 100,000 examples, each against a straightforward implementation in the same run.
import { rougeL } from '../src/evaluation/metrics.js'
import { pairedBootstrap } from '../src/evaluation/paired-bootstrap.js'
import {
  BLEU_STATS,
  bleuFromStats,
  bleuStats,
  CHRF_STATS,
  chrfFromStats,
  chrfStats,
  tokenize13a
} from '../src/evaluation/sacrebleu.js'
import { rng, seoWriterRow } from '../scripts/example-data.js'

const N = Number(process.env.BENCH_PAIRS ?? 100_000)

function time<T>(f: () => T): { ms: number; value: T } {
  const t = performance.now()
  const value = f()
  return { ms: performance.now() - t, value }
}

/** The textbook versions: string n-gram keys, arrays of arrays, nothing reused. */
const naive = {
  rougeL(a: string, b: string): number {
    const x = a
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .split(' ')
      .filter(Boolean)
    const y = b
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .split(' ')
      .filter(Boolean)
    if (!x.length || !y.length) return 0
    const dp = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0))
    for (let i = 1; i <= x.length; i++)
      for (let j = 1; j <= y.length; j++)
        dp[i]![j] = x[i - 1] === y[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!)
    const l = dp[x.length]![y.length]!
    return l ? (2 * (l / x.length) * (l / y.length)) / (l / x.length + l / y.length) : 0
  },
  corpusBleu(hyps: string[], refs: string[]): number {
    const stats = new Array<number>(BLEU_STATS).fill(0)
    hyps.forEach((h, i) => {
      const ht = tokenize13a(h)
      const rt = tokenize13a(refs[i]!)
      stats[0]! += ht.length
      stats[1]! += rt.length
      for (let n = 1; n <= 4; n++) {
        const grams = (t: string[]) =>
          t.slice(0, Math.max(0, t.length - n + 1)).map((_, k) => t.slice(k, k + n).join(' '))
        const hg = grams(ht)
        const rg = grams(rt)
        const used = new Array<boolean>(rg.length).fill(false)
        let m = 0
        for (const g of hg) {
          const k = rg.findIndex((r, idx) => !used[idx] && r === g)
          if (k >= 0) {
            used[k] = true
            m++
          }
        }
        stats[2 + (n - 1) * 2]! += m
        stats[3 + (n - 1) * 2]! += hg.length
      }
    })
    return bleuFromStats(stats).score
  },
  corpusChrf(hyps: string[], refs: string[]): number {
    const stats = new Array<number>(CHRF_STATS).fill(0)
    hyps.forEach((h, i) => {
      const a = [...h.replace(/\s+/g, '')]
      const b = [...refs[i]!.replace(/\s+/g, '')]
      for (let n = 1; n <= 6; n++) {
        const ga = a.slice(0, Math.max(0, a.length - n + 1)).map((_, k) => a.slice(k, k + n).join(''))
        const gb = b.slice(0, Math.max(0, b.length - n + 1)).map((_, k) => b.slice(k, k + n).join(''))
        const pool = [...gb]
        let m = 0
        for (const g of ga) {
          const k = pool.indexOf(g)
          if (k >= 0) {
            pool.splice(k, 1)
            m++
          }
        }
        stats[(n - 1) * 3]! += ga.length
        stats[(n - 1) * 3 + 1]! += gb.length
        stats[(n - 1) * 3 + 2]! += m
      }
    })
    return chrfFromStats(stats)
  },
  bootstrap(a: Float64Array, b: Float64Array, resamples: number): [number, number] {
    const deltas: number[] = []
    for (let r = 0; r < resamples; r++) {
      const idx = Array.from({ length: a.length }, () => Math.floor(Math.random() * a.length))
      const ma = idx.reduce((s, i) => s + a[i]!, 0) / a.length
      const mb = idx.reduce((s, i) => s + b[i]!, 0) / b.length
      deltas.push(ma - mb)
    }
    deltas.sort((x, y) => x - y)
    return [deltas[Math.floor(0.025 * resamples)]!, deltas[Math.floor(0.975 * resamples)]!]
  }
}

export async function benchEvaluation(): Promise<void> {
  const r = rng(5)
  const refs: string[] = []
  const hyps: string[] = []
  for (let i = 0; i < N; i++) {
    const a = seoWriterRow(r, i) as { messages: { content: string }[] }
    const b = seoWriterRow(r, i + N) as { messages: { content: string }[] }
    refs.push(a.messages[2]!.content)
    // A plausible candidate: the reference with a sentence of another example mixed in.
    hyps.push(
      i % 3
        ? a.messages[2]!.content.split('. ')[0] + '. ' + b.messages[2]!.content.split('. ').slice(-1)[0]
        : b.messages[2]!.content
    )
  }
  console.log(`evaluation metrics: ${N.toLocaleString()} prediction pairs`)
  const ours = time(() => {
    let rouge = 0
    const bs = new Float64Array(BLEU_STATS)
    const cs = new Float64Array(CHRF_STATS)
    for (let i = 0; i < N; i++) {
      rouge += rougeL(hyps[i]!, refs[i]!)
      const b = bleuStats(hyps[i]!, [refs[i]!])
      const c = chrfStats(hyps[i]!, [refs[i]!])
      for (let k = 0; k < BLEU_STATS; k++) bs[k]! += b[k]!
      for (let k = 0; k < CHRF_STATS; k++) cs[k]! += c[k]!
    }
    return [rouge / N, bleuFromStats(bs).score, chrfFromStats(cs)]
  })
  const sample = Math.min(N, 10_000)
  // The straightforward versions are quadratic in places; they are timed on a sample and scaled.
  const base = time(() => {
    let rouge = 0
    for (let i = 0; i < sample; i++) rouge += naive.rougeL(hyps[i]!, refs[i]!)
    return [
      rouge / sample,
      naive.corpusBleu(hyps.slice(0, sample), refs.slice(0, sample)),
      naive.corpusChrf(hyps.slice(0, sample), refs.slice(0, sample))
    ]
  })
  const baseMs = (base.ms * N) / sample
  const check = time(() => {
    let rouge = 0
    const bs = new Float64Array(BLEU_STATS)
    const cs = new Float64Array(CHRF_STATS)
    for (let i = 0; i < sample; i++) {
      rouge += rougeL(hyps[i]!, refs[i]!)
      bleuStats(hyps[i]!, [refs[i]!]).forEach((v, k) => (bs[k]! += v))
      chrfStats(hyps[i]!, [refs[i]!]).forEach((v, k) => (cs[k]! += v))
    }
    return [rouge / sample, bleuFromStats(bs).score, chrfFromStats(cs)]
  })
  const same = check.value.every((v, i) => Math.abs(v - base.value[i]!) < 1e-9)
  console.log(
    `  tunegate ROUGE-L + BLEU + chrF: ${(ours.ms / 1000).toFixed(2)} s (ROUGE-L ${ours.value[0]!.toFixed(4)}, BLEU ${ours.value[1]!.toFixed(2)}, chrF ${ours.value[2]!.toFixed(2)})`
  )
  console.log(
    `  straightforward implementation: ${(baseMs / 1000).toFixed(2)} s (measured on ${sample.toLocaleString()} pairs, scaled); same scores on that sample: ${same ? 'yes' : 'NO'}`
  )
  console.log(`  speed-up ${(baseMs / ours.ms).toFixed(1)}x`)

  const a = Float64Array.from({ length: N }, (_, i) => rougeL(hyps[i]!, refs[i]!))
  const b = Float64Array.from({ length: N }, (_, i) => rougeL(refs[(i + 1) % N]!, refs[i]!))
  console.log(`paired bootstrap: 1,000 resamples over ${N.toLocaleString()} examples`)
  const boot = time(() =>
    pairedBootstrap(
      { kind: 'mean', values: a },
      { kind: 'mean', values: b },
      { resamples: 1000, seed: 1, confidence: 0.95 }
    )
  )
  const nb = time(() => naive.bootstrap(a, b, 1000))
  console.log(
    `  tunegate: ${(boot.ms / 1000).toFixed(2)} s, delta ${boot.value.delta.toFixed(4)} [${boot.value.low.toFixed(4)}, ${boot.value.high.toFixed(4)}] (target < 2 s: ${boot.ms < 2000 ? 'PASS' : 'FAIL'})`
  )
  console.log(
    `  straightforward: ${(nb.ms / 1000).toFixed(2)} s, [${nb.value[0].toFixed(4)}, ${nb.value[1].toFixed(4)}]; speed-up ${(nb.ms / boot.ms).toFixed(1)}x`
  )
  const bleuSeries = (h: string[]) => Float64Array.from(h.slice(0, N).flatMap((x, i) => [...bleuStats(x, [refs[i]!])]))
  const cb = time(() =>
    pairedBootstrap(
      { kind: 'corpus', width: BLEU_STATS, stats: bleuSeries(hyps), aggregate: s => bleuFromStats(s).score },
      {
        kind: 'corpus',
        width: BLEU_STATS,
        stats: bleuSeries(refs.map((_, i) => refs[(i + 1) % N]!)),
        aggregate: s => bleuFromStats(s).score
      },
      { resamples: 1000, seed: 1, confidence: 0.95 }
    )
  )
  console.log(
    `  corpus BLEU, resampled at corpus level (statistics computed once, included): ${(cb.ms / 1000).toFixed(2)} s`
  )
}
