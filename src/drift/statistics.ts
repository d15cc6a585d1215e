// The statistics of Evidently's default drift tests, with the p-values scipy gives for them, written by hand (a
// few lines each): no maintained npm package has the two-sample forms or a chi-square survival function that
// stays exact in the far tail (jstat's is 1 − cdf, which reads 0 below about 1e-16).

/**
 * Two-sample Kolmogorov–Smirnov: the largest gap between the empirical CDFs and its two-sided p-value, exact as
 * scipy.stats.ks_2samp computes it by default (method 'exact' up to 10,000 rows a side): the share of lattice
 * paths that leave the band |x/n − y/m| < D (Hodges' inside method, with Viehmann's recursion for 1 − p, which
 * stays accurate for tiny p-values). Larger samples, or a recursion that leaves [0, 1], fall back to the
 * asymptotic Kolmogorov distribution (scipy uses kstwo there; the figures differ in the fourth decimal).
 */
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
  const critical = 1.358 / Math.sqrt(ne)
  const exact = Math.max(n, m) <= KS_EXACT_ROWS ? ksExactPValue(n, m, d) : NaN
  if (exact >= 0 && exact <= 1) return { d, pValue: exact, critical }
  // Stephens' small-sample correction of the Kolmogorov distribution, as in Numerical Recipes' kstwo.
  const lambda = (Math.sqrt(ne) + 0.12 + 0.11 / Math.sqrt(ne)) * d
  return { d, pValue: kolmogorovQ(lambda), critical }
}

/** The largest side for which scipy's ks_2samp (method 'auto') computes the exact p-value. */
const KS_EXACT_ROWS = 10_000

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

/**
 * P(D ≥ d) for two samples of sizes n and m under the null: 1 − the share of monotone lattice paths from (0, 0)
 * to (n, m) that stay strictly inside |x·m − y·n| < h·g, with d rounded to h / lcm(n, m) as scipy rounds it.
 * Each column holds, for the cells inside the band, the share of paths to that cell that left the band.
 */
function ksExactPValue(n: number, m: number, d: number): number {
  const big = Math.max(n, m)
  const small = Math.min(n, m)
  const g = gcd(big, small)
  const bg = big / g
  const sg = small / g
  const h = Math.round(d * bg * small)
  if (h === 0) return 1
  let lo = 0
  let hi = Math.min(Math.ceil(h / bg), small + 1)
  let length = hi - lo
  const column = new Float64Array(Math.min(2 * hi + 2, small + 1)).fill(1)
  column.fill(0, lo, hi)
  for (let i = 1; i <= big; i++) {
    const lastLo = lo
    const lastLength = length
    lo = Math.min(Math.max(Math.floor((sg * i - h) / bg) + 1, 0), small)
    hi = Math.min(Math.ceil((sg * i + h) / bg), small + 1)
    if (hi <= lo) return 1
    let value = lo === 0 ? 0 : 1
    for (let k = 0; k < hi - lo; k++) {
      const j = k + lo
      value = (column[k + lo - lastLo]! * i + value * j) / (i + j)
      column[k] = value
    }
    length = hi - lo
    if (lastLength > length) column.fill(1, length, lastLength)
  }
  return column[hi - lo - 1]!
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

/** Evidently's floor on the reference's standard deviation: a constant reference does not divide by zero. */
export const WASSERSTEIN_MIN_STD = 0.001

/**
 * Evidently's normalised Wasserstein distance: scipy.stats.wasserstein_distance (the area between the two
 * empirical CDFs) divided by max(np.std(reference), 0.001), the population standard deviation. Against a
 * constant reference any change is large (divided by 0.001), as in Evidently.
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
  const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / n)
  return area / Math.max(sd, WASSERSTEIN_MIN_STD)
}

/**
 * Jensen–Shannon distance between two count vectors over the same categories, with the natural logarithm
 * (scipy.spatial.distance.jensenshannon's default, which Evidently uses): from 0 to √ln 2 ≈ 0.833. An empty
 * side against a non-empty one is the largest distance.
 */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let sp = 0
  let sq = 0
  for (let i = 0; i < p.length; i++) {
    sp += p[i]!
    sq += q[i]!
  }
  if (sp === 0 || sq === 0) return sp === sq ? 0 : Math.sqrt(Math.LN2)
  let div = 0
  for (let i = 0; i < p.length; i++) {
    const a = p[i]! / sp
    const b = q[i]! / sq
    const mid = (a + b) / 2
    if (a > 0) div += a * Math.log(a / mid)
    if (b > 0) div += b * Math.log(b / mid)
  }
  return Math.sqrt(Math.max(0, div / 2))
}

/** ln Γ(a) for a a positive multiple of ½ (a chi-square's df / 2), exactly: a sum of logs. */
function lnGammaHalf(a: number): number {
  let sum = Number.isInteger(a) ? 0 : 0.5 * Math.log(Math.PI)
  for (let k = Number.isInteger(a) ? 1 : 0.5; k < a; k++) sum += Math.log(k)
  return sum
}

/**
 * ln Q(a, x), the upper regularised incomplete gamma function, in log space so that a far tail does not
 * underflow before its logarithm is taken: the series for P when x < a + 1, else Lentz's continued fraction
 * for Q (Numerical Recipes' gser and gcf).
 */
function lnUpperGamma(a: number, x: number): number {
  if (x <= 0) return 0
  if (x === Infinity) return -Infinity
  const front = -x + a * Math.log(x) - lnGammaHalf(a)
  if (x < a + 1) {
    let term = 1 / a
    let sum = term
    for (let k = 1; k < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-17; k++) {
      term *= x / (a + k)
      sum += term
    }
    return Math.log1p(-Math.min(1, sum * Math.exp(front)))
  }
  const tiny = 1e-300
  let b = x + 1 - a
  let c = 1 / tiny
  let d = 1 / b
  let h = d
  for (let k = 1; k < 10_000; k++) {
    const an = -k * (k - a)
    b += 2
    d = an * d + b
    if (Math.abs(d) < tiny) d = tiny
    c = b + an / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < 1e-16) break
  }
  return front + Math.log(h)
}

/** ln P(X ≥ statistic) for a chi-square with df degrees of freedom (scipy.stats.chi2.logsf). */
export function chiSquareLogSf(statistic: number, df: number): number {
  return df <= 0 ? 0 : lnUpperGamma(df / 2, statistic / 2)
}

/** The chi-square distribution's survival function, P(X ≥ statistic) (scipy.stats.chi2.sf); 0 only on underflow. */
export function chiSquareSf(statistic: number, df: number): number {
  return Math.exp(chiSquareLogSf(statistic, df))
}

/**
 * Evidently's chi-square test (its default for a category with more than two values on ≤ 1,000 reference rows):
 * scipy.stats.chisquare of the current counts against the reference's proportions scaled to the current total,
 * over the categories either side has; df = categories − 1. A category the reference never had makes the
 * statistic infinite and p 0, as in Evidently.
 */
export function chiSquareGoodnessOfFit(
  reference: ArrayLike<number>,
  current: ArrayLike<number>
): { statistic: number; df: number; pValue: number } {
  let sr = 0
  let sc = 0
  let k = 0
  for (let i = 0; i < reference.length; i++) {
    sr += reference[i]!
    sc += current[i]!
    if (reference[i]! + current[i]! > 0) k++
  }
  if (k < 2 || sr === 0 || sc === 0) return { statistic: 0, df: Math.max(0, k - 1), pValue: 1 }
  let statistic = 0
  for (let i = 0; i < reference.length; i++) {
    if (reference[i]! + current[i]! === 0) continue
    const expected = (reference[i]! * sc) / sr
    statistic += expected > 0 ? (current[i]! - expected) ** 2 / expected : Infinity
  }
  return { statistic, df: k - 1, pValue: chiSquareSf(statistic, k - 1) }
}

/**
 * Evidently's two-proportion z-test (its default for a category with at most two values on ≤ 1,000 reference
 * rows): the pooled z of the first category's share (in sorted order) on each side, two-sided p = 2·Φ(−|z|),
 * here from the chi-square survival function with 1 d.f. (z² has that law), so a far tail is not read as 0.
 * Evidently's p is 1 when both sides hold the same single value.
 */
export function twoProportionZTest(
  reference: ArrayLike<number>,
  current: ArrayLike<number>
): { z: number; pValue: number } {
  const first = Array.from({ length: reference.length }, (_, i) => i).find(i => reference[i]! + current[i]! > 0)
  let n1 = 0
  let n2 = 0
  for (let i = 0; i < reference.length; i++) {
    n1 += reference[i]!
    n2 += current[i]!
  }
  if (first === undefined || n1 === 0 || n2 === 0) return { z: 0, pValue: 1 }
  // Shares of "not the first category", as Evidently codes it (0 for the first key, 1 for the other).
  const p1 = (n1 - reference[first]!) / n1
  const p2 = (n2 - current[first]!) / n2
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
  if (pooled === 0 || pooled === 1) return { z: 0, pValue: 1 }
  const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
  return { z, pValue: chiSquareSf(z * z, 1) }
}

/** A p-value as shown: `p = ` four decimals, then scientific notation; a value that underflowed is `p < 1e-300`. */
export function pValueText(p: number): string {
  if (p >= 0.0001) return `p = ${p.toFixed(4)}`
  if (p >= 1e-300) return `p = ${p.toExponential(1)}`
  return 'p < 1e-300'
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
