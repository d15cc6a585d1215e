/**
 * One system's per-example scores for one metric: a value per example (`mean`), or `width`
 * sufficient statistics per example with the function that turns their sums into the score (`corpus`).
 */
export type Series =
  | { kind: 'mean'; values: Float64Array }
  | { kind: 'corpus'; width: number; stats: Float64Array; aggregate: (sum: Float64Array) => number }

export interface BootstrapResult {
  delta: number
  low: number
  high: number
  candidate: number
  baseline: number
  n: number
  resamples: number
  confidence: number
}

/** The score of a series over all its examples. */
export function score(series: Series): number {
  if (series.kind === 'mean') {
    let sum = 0
    for (let i = 0; i < series.values.length; i++) sum += series.values[i]!
    return series.values.length ? sum / series.values.length : 0
  }
  const sum = new Float64Array(series.width)
  const n = series.stats.length / series.width
  for (let i = 0; i < n; i++) for (let k = 0; k < series.width; k++) sum[k]! += series.stats[i * series.width + k]!
  return series.aggregate(sum)
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)
}

/**
 * Paired bootstrap of the difference candidate − baseline, as sacreBLEU's --paired-bs does it: each
 * resample draws example indices with replacement once and scores both systems on the same draw;
 * corpus metrics are recomputed from the resampled sums of their statistics. The interval is the
 * percentile interval at `confidence`.
 */
export function pairedBootstrap(
  candidate: Series,
  baseline: Series,
  options: { resamples: number; seed: number; confidence: number }
): BootstrapResult {
  const n = candidate.kind === 'mean' ? candidate.values.length : candidate.stats.length / candidate.width
  const nb = baseline.kind === 'mean' ? baseline.values.length : baseline.stats.length / baseline.width
  if (n !== nb) throw new Error(`paired bootstrap needs aligned examples: ${n} candidate, ${nb} baseline`)
  const c = score(candidate)
  const b = score(baseline)
  const deltas = new Float64Array(options.resamples)
  if (n === 0)
    return {
      delta: NaN,
      low: NaN,
      high: NaN,
      candidate: c,
      baseline: b,
      n,
      resamples: options.resamples,
      confidence: options.confidence
    }
  // xorshift32, inlined: the draws are the hot loop. An index is the high part of draw × n (no modulo).
  let x = (options.seed ^ 0x9e3779b9) >>> 0 || 0x2545f491
  const scale = n / 4294967296
  if (candidate.kind === 'mean' && baseline.kind === 'mean') {
    // Both means move together on one draw: sum the per-example differences.
    const diff = new Float64Array(n)
    for (let i = 0; i < n; i++) diff[i] = candidate.values[i]! - baseline.values[i]!
    for (let r = 0; r < options.resamples; r++) {
      let sum = 0
      for (let i = 0; i < n; i++) {
        x ^= x << 13
        x ^= x >>> 17
        x ^= x << 5
        sum += diff[((x >>> 0) * scale) | 0]!
      }
      deltas[r] = sum / n
    }
  } else if (candidate.kind === 'corpus' && baseline.kind === 'corpus') {
    const wc = candidate.width
    const wb = baseline.width
    const sc = new Float64Array(wc)
    const sb = new Float64Array(wb)
    const cs = candidate.stats
    const bs = baseline.stats
    for (let r = 0; r < options.resamples; r++) {
      sc.fill(0)
      sb.fill(0)
      for (let i = 0; i < n; i++) {
        x ^= x << 13
        x ^= x >>> 17
        x ^= x << 5
        const j = ((x >>> 0) * scale) | 0
        const oc = j * wc
        const ob = j * wb
        for (let k = 0; k < wc; k++) sc[k]! += cs[oc + k]!
        for (let k = 0; k < wb; k++) sb[k]! += bs[ob + k]!
      }
      deltas[r] = candidate.aggregate(sc) - baseline.aggregate(sb)
    }
  } else throw new Error('paired bootstrap needs two series of the same kind')
  deltas.sort()
  const alpha = (1 - options.confidence) / 2
  return {
    delta: c - b,
    low: quantile(deltas, alpha),
    high: quantile(deltas, 1 - alpha),
    candidate: c,
    baseline: b,
    n,
    resamples: options.resamples,
    confidence: options.confidence
  }
}
