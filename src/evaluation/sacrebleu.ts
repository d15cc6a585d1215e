// BLEU and chrF with sacreBLEU's conventions (sacrebleu 2.x defaults), from sufficient statistics per
// sentence, so corpus scores and their bootstrap resamples are sums, not re-tokenisations.
// Hand-written: there is no maintained JavaScript port of sacreBLEU. It follows sacrebleu 2.6's code line by line,
// with Python's whitespace, and test/evaluation-reference-tools.test.ts compares it with sacreBLEU itself.

import { pyRstrip, pySplit } from './python-whitespace.js'

/** sacreBLEU's 13a tokeniser (the mteval-v13a.pl rules; BLEU strips trailing whitespace before calling it). */
export function tokenize13a(line: string): string[] {
  let s = line
    .replace(/<skipped>/g, '')
    .replace(/-\n/g, '')
    .replace(/\n/g, ' ')
  if (s.includes('&'))
    s = s
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
  s = ` ${s} `
  s = s.replace(/([{-~[-` -&(-+:-@/])/g, ' $1 ')
  s = s.replace(/([^0-9])([.,])/g, '$1 $2 ')
  s = s.replace(/([.,])([^0-9])/g, ' $1 $2')
  s = s.replace(/([0-9])(-)/g, '$1 $2 ')
  return pySplit(s)
}

const MAX_ORDER = 4
/** Per sentence: hypothesis length, reference length, then matches and totals for n = 1..4. */
export const BLEU_STATS = 2 + 2 * MAX_ORDER

/**
 * N-gram counts keyed by numbers: tokens get small ids per sentence pair, and an n-gram of up to four
 * ids below 2^13 packs exactly into a double. String keys made by joining tokens were the slow part.
 */
function ngramCounts(ids: Int32Array, n: number): Map<number, number> {
  const counts = new Map<number, number>()
  for (let i = 0; i + n <= ids.length; i++) {
    let key = 0
    for (let k = 0; k < n; k++) key = key * 8192 + ids[i + k]!
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

/** BLEU sufficient statistics of one sentence against its references (clipped counts, closest length). */
export function bleuStats(hypothesis: string, references: string[]): Float64Array {
  // sacreBLEU's BLEU._preprocess_segment: `tokenizer(sent.rstrip())`, for the hypothesis and the references.
  const hyp = tokenize13a(pyRstrip(hypothesis))
  const refs = references.map(r => tokenize13a(pyRstrip(r)))
  const vocab = new Map<string, number>()
  const toIds = (tokens: string[]) => {
    const ids = new Int32Array(tokens.length)
    tokens.forEach((t, i) => {
      let id = vocab.get(t)
      if (id === undefined) vocab.set(t, (id = vocab.size))
      ids[i] = id
    })
    return ids
  }
  const hypIds = toIds(hyp)
  const refIds = refs.map(toIds)
  // More than 8192 distinct tokens in one sentence pair would overflow the packed keys.
  if (vocab.size >= 8192) return bleuStatsByStrings(hyp, refs)
  const stats = new Float64Array(BLEU_STATS)
  stats[0] = hyp.length
  stats[1] = closestLength(hyp.length, refs)
  for (let n = 1; n <= MAX_ORDER; n++) {
    const h = ngramCounts(hypIds, n)
    const maxRef = new Map<number, number>()
    for (const r of refIds) for (const [g, c] of ngramCounts(r, n)) if ((maxRef.get(g) ?? 0) < c) maxRef.set(g, c)
    let matches = 0
    for (const [g, c] of h) matches += Math.min(c, maxRef.get(g) ?? 0)
    stats[2 + (n - 1) * 2] = matches
    stats[3 + (n - 1) * 2] = Math.max(0, hyp.length - n + 1)
  }
  return stats
}

/** The reference length closest to the hypothesis; ties go to the shorter one (sacreBLEU). */
function closestLength(hypLength: number, refs: string[][]): number {
  let closest = refs[0]?.length ?? 0
  for (const r of refs) {
    const d = Math.abs(r.length - hypLength)
    const best = Math.abs(closest - hypLength)
    if (d < best || (d === best && r.length < closest)) closest = r.length
  }
  return closest
}

function bleuStatsByStrings(hyp: string[], refs: string[][]): Float64Array {
  const grams = (t: string[], n: number) => {
    const m = new Map<string, number>()
    for (let i = 0; i + n <= t.length; i++) {
      const g = t.slice(i, i + n).join('\u0001')
      m.set(g, (m.get(g) ?? 0) + 1)
    }
    return m
  }
  const stats = new Float64Array(BLEU_STATS)
  stats[0] = hyp.length
  stats[1] = closestLength(hyp.length, refs)
  for (let n = 1; n <= MAX_ORDER; n++) {
    const maxRef = new Map<string, number>()
    for (const r of refs) for (const [g, c] of grams(r, n)) if ((maxRef.get(g) ?? 0) < c) maxRef.set(g, c)
    let matches = 0
    for (const [g, c] of grams(hyp, n)) matches += Math.min(c, maxRef.get(g) ?? 0)
    stats[2 + (n - 1) * 2] = matches
    stats[3 + (n - 1) * 2] = Math.max(0, hyp.length - n + 1)
  }
  return stats
}

/**
 * Corpus BLEU (0-100) from summed statistics, as sacreBLEU's BLEU.compute_bleu with its defaults ('exp' smoothing,
 * no effective order): 0 when no n-gram of any order matched, else the geometric mean of the four precisions
 * times the brevity penalty.
 */
export function bleuFromStats(s: ArrayLike<number>): {
  score: number
  precisions: number[]
  bp: number
  sysLen: number
  refLen: number
} {
  const sysLen = s[0]!
  const refLen = s[1]!
  const bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1
  const precisions = [0, 0, 0, 0]
  let anyCorrect = false
  for (let n = 1; n <= MAX_ORDER; n++) if (s[2 + (n - 1) * 2]! !== 0) anyCorrect = true
  if (!anyCorrect) return { score: 0, precisions, bp, sysLen, refLen }
  let smooth = 1
  for (let n = 1; n <= MAX_ORDER; n++) {
    const correct = s[2 + (n - 1) * 2]!
    const total = s[3 + (n - 1) * 2]!
    if (total === 0) break
    if (correct === 0) {
      smooth *= 2
      precisions[n - 1] = 100 / (smooth * total)
    } else precisions[n - 1] = (100 * correct) / total
  }
  const logs = precisions.map(p => (p === 0 ? -9999999999 : Math.log(p)))
  const score = bp * Math.exp(logs.reduce((a, b) => a + b, 0) / MAX_ORDER)
  return { score, precisions, bp, sysLen, refLen }
}

const CHAR_ORDER = 6
const BETA = 2
/** Per sentence: for each character n-gram order, hypothesis count, reference count, matches. */
export const CHRF_STATS = 3 * CHAR_ORDER

function charNgrams(text: string, n: number): Map<string, number> {
  const counts = new Map<string, number>()
  // Substrings are characters when the text has no surrogate pairs; otherwise go by code points.
  if (!/[\uD800-\uDFFF]/.test(text)) {
    for (let i = 0; i + n <= text.length; i++) {
      const g = text.substring(i, i + n)
      counts.set(g, (counts.get(g) ?? 0) + 1)
    }
    return counts
  }
  const chars = [...text]
  for (let i = 0; i + n <= chars.length; i++) {
    const g = chars.slice(i, i + n).join('')
    counts.set(g, (counts.get(g) ?? 0) + 1)
  }
  return counts
}

function chrfStatsOne(hyp: string, ref: string): Float64Array {
  const stats = new Float64Array(CHRF_STATS)
  for (let n = 1; n <= CHAR_ORDER; n++) {
    const h = charNgrams(hyp, n)
    const r = charNgrams(ref, n)
    let hypTotal = 0
    let refTotal = 0
    let matches = 0
    for (const c of h.values()) hypTotal += c
    for (const c of r.values()) refTotal += c
    for (const [g, c] of h) matches += Math.min(c, r.get(g) ?? 0)
    // sacreBLEU's `hyp_count if ref_ngrams else 0`: an order the reference lacks counts for neither side.
    stats[(n - 1) * 3] = r.size ? hypTotal : 0
    stats[(n - 1) * 3 + 1] = refTotal
    stats[(n - 1) * 3 + 2] = matches
  }
  return stats
}

/** chrF sufficient statistics of one sentence (Python's whitespace removed; the best-scoring reference). */
export function chrfStats(hypothesis: string, references: string[]): Float64Array {
  const hyp = pySplit(hypothesis).join('')
  let best: Float64Array | undefined
  let bestScore = -1
  for (const r of references) {
    const s = chrfStatsOne(hyp, pySplit(r).join(''))
    const f = chrfFromStats(s)
    if (f > bestScore) {
      bestScore = f
      best = s
    }
  }
  return best ?? new Float64Array(CHRF_STATS)
}

/**
 * chrF (beta 2, 0-100) from summed statistics, as sacreBLEU's CHRF._compute_f_score with its defaults (no eps
 * smoothing): precision and recall averaged over the orders both sides have, then their F-beta.
 */
export function chrfFromStats(s: ArrayLike<number>): number {
  let avgPrec = 0
  let avgRec = 0
  let effective = 0
  for (let n = 0; n < CHAR_ORDER; n++) {
    const hyp = s[n * 3]!
    const ref = s[n * 3 + 1]!
    const match = s[n * 3 + 2]!
    if (hyp > 0 && ref > 0) {
      avgPrec += match / hyp
      avgRec += match / ref
      effective++
    }
  }
  if (effective === 0) return 0
  avgPrec /= effective
  avgRec /= effective
  const factor = BETA * BETA
  return avgPrec + avgRec > 0 ? (100 * (1 + factor) * avgPrec * avgRec) / (factor * avgPrec + avgRec) : 0
}
