// Distribution functions come from jstat; the statistics themselves (a few lines each: KS, Wasserstein,
// Jensen–Shannon, AUC, quantiles) are written here because no maintained npm package has the two-sample forms.
import jStat from 'jstat'

/** Two-sample Kolmogorov–Smirnov: the largest gap between the empirical CDFs and its asymptotic p-value. */
export function ksTwoSample(
  a: ArrayLike<number>,
  b: ArrayLike<number>
): { d: number; pValue: number; critical: number } {
  const x = Float64Array.from(a).sort()
  const y = Float64Array.from(b).sort()
  const n = x.length
  const m = y.length
  if (n === 0 || m === 0) return { d: 0, pValue: 1, critical: 1 }
  let i = 0
  let j = 0
  let d = 0
  while (i < n && j < m) {
    const v = Math.min(x[i]!, y[j]!)
    while (i < n && x[i] === v) i++
    while (j < m && y[j] === v) j++
    d = Math.max(d, Math.abs(i / n - j / m))
  }
  const ne = (n * m) / (n + m)
  // Written by hand (no maintained npm package has the two-sample test): the Kolmogorov distribution's
  // series with Stephens' small-sample correction, as in Numerical Recipes' kstwo.
  const lambda = (Math.sqrt(ne) + 0.12 + 0.11 / Math.sqrt(ne)) * d
  return { d, pValue: kolmogorovQ(lambda), critical: 1.358 / Math.sqrt(ne) }
}

/** P(K > λ) of the Kolmogorov distribution. */
function kolmogorovQ(lambda: number): number {
  if (lambda < 1e-3) return 1
  let sum = 0
  let sign = 1
  for (let k = 1; k <= 100; k++) {
    const term = sign * Math.exp(-2 * k * k * lambda * lambda)
    sum += term
    if (Math.abs(term) < 1e-10) break
    sign = -sign
  }
  return Math.min(1, Math.max(0, 2 * sum))
}

/**
 * The first Wasserstein distance between two samples divided by the reference's standard deviation
 * (Evidently's normalisation); written by hand: the area between the two empirical CDFs.
 */
export function normalisedWasserstein(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  const x = Float64Array.from(reference).sort()
  const y = Float64Array.from(current).sort()
  const n = x.length
  const m = y.length
  if (n === 0 || m === 0) return 0
  let i = 0
  let j = 0
  let area = 0
  let prev = Math.min(x[0]!, y[0]!)
  while (i < n || j < m) {
    const v = j >= m || (i < n && x[i]! <= y[j]!) ? x[i]! : y[j]!
    area += Math.abs(i / n - j / m) * (v - prev)
    prev = v
    while (i < n && x[i] === v) i++
    while (j < m && y[j] === v) j++
  }
  const mean = x.reduce((s, v) => s + v, 0) / n
  const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, n - 1))
  return area / (sd > 0 ? sd : Math.max(1, Math.abs(mean)))
}

/** Jensen–Shannon distance (base 2, from 0 to 1) between two count vectors over the same categories. */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let sp = 0
  let sq = 0
  for (let i = 0; i < p.length; i++) {
    sp += p[i]!
    sq += q[i]!
  }
  if (sp === 0 || sq === 0) return sp === sq ? 0 : 1
  let div = 0
  for (let i = 0; i < p.length; i++) {
    const a = p[i]! / sp
    const b = q[i]! / sq
    const mid = (a + b) / 2
    if (a > 0) div += a * Math.log2(a / mid)
    if (b > 0) div += b * Math.log2(b / mid)
  }
  return Math.sqrt(Math.max(0, div / 2))
}

/** Pearson's chi-square test of homogeneity of two count vectors (a 2 × k table); p-value from jstat. */
export function chiSquareHomogeneity(
  p: ArrayLike<number>,
  q: ArrayLike<number>
): { statistic: number; df: number; pValue: number } {
  let sp = 0
  let sq = 0
  let k = 0
  for (let i = 0; i < p.length; i++) {
    sp += p[i]!
    sq += q[i]!
    if (p[i]! + q[i]! > 0) k++
  }
  const total = sp + sq
  if (k < 2 || sp === 0 || sq === 0) return { statistic: 0, df: Math.max(0, k - 1), pValue: 1 }
  let statistic = 0
  for (let i = 0; i < p.length; i++) {
    const col = p[i]! + q[i]!
    if (col === 0) continue
    const ep = (col * sp) / total
    const eq = (col * sq) / total
    statistic += (p[i]! - ep) ** 2 / ep + (q[i]! - eq) ** 2 / eq
  }
  const df = k - 1
  return { statistic, df, pValue: Math.max(0, 1 - jStat.chisquare.cdf(statistic, df)) }
}

/** The q-quantile of values (linear interpolation between order statistics, as numpy's default). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN
  const s = [...values].sort((a, b) => a - b)
  const pos = (s.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo)
}

/** Area under the ROC curve of scores for positives against negatives (Mann–Whitney U, ties counted half). */
export function rocAuc(positive: ArrayLike<number>, negative: ArrayLike<number>): number {
  const n1 = positive.length
  const n0 = negative.length
  if (n1 === 0 || n0 === 0) return 0.5
  const all: { s: number; pos: boolean }[] = []
  for (let i = 0; i < n1; i++) all.push({ s: positive[i]!, pos: true })
  for (let i = 0; i < n0; i++) all.push({ s: negative[i]!, pos: false })
  all.sort((a, b) => a.s - b.s)
  let rankSum = 0
  for (let i = 0; i < all.length;) {
    let j = i
    while (j < all.length && all[j]!.s === all[i]!.s) j++
    const rank = (i + 1 + j) / 2
    for (let k = i; k < j; k++) if (all[k]!.pos) rankSum += rank
    i = j
  }
  return (rankSum - (n1 * (n1 + 1)) / 2) / (n1 * n0)
}

/** Fisher–Yates shuffle in place with a seeded generator. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const t = items[i]!
    items[i] = items[j]!
    items[j] = t
  }
  return items
}
