import { findPii } from '../data/pii.js'
import { mulberry32 } from '../data/seeded-random.js'
import { approximateCounter, type TokenCounter } from '../data/tokens.js'
import { domainClassifier } from './domain-classifier.js'
import type { SideProfile } from './profile.js'
import {
  chiSquareGoodnessOfFit,
  jensenShannonDistance,
  ksTwoSample,
  normalisedWasserstein,
  quantile,
  shuffle,
  twoProportionZTest
} from './statistics.js'
import { Vocabulary, words } from './words.js'

/**
 * A reference of at most this many rows is "small": tests with p-values (KS, chi-square, z, permuted AUCs);
 * above, fixed effect-size thresholds, since on large samples p-values flag negligible changes. As Evidently's
 * default test selection, the reference's size alone decides (its get_stattest: reference rows ≤ 1,000).
 */
export const SMALL_SAMPLE_ROWS = 1000
/** Evidently treats a numerical column with at most this many distinct values (both sides) as categorical. */
export const FEW_VALUES = 5
/**
 * Evidently's defaults: KS drifts at p ≤ 0.05, chi-square and z at p < 0.05; Wasserstein (normalised) ≥ 0.1;
 * Jensen–Shannon ≥ 0.1; AUC > 0.55.
 */
export const P_VALUE = 0.05
export const WASSERSTEIN_THRESHOLD = 0.1
export const JS_THRESHOLD = 0.1
export const AUC_THRESHOLD = 0.55
/** The smallest rise in the out-of-vocabulary share that counts as drift, whatever the sample size. */
export const OOV_MIN_RISE = 0.05
/** The domain classifier's rows per side (train + test), sampled with the seed. */
export const CLASSIFIER_ROWS = 5000

export type StatisticName =
  'token_length' | 'vocabulary' | 'oov_share' | 'use_case_mix' | 'label_mix' | 'domain_classifier'

export interface DriftStatistic {
  name: StatisticName
  title: string
  method: string
  /** The figure on the reference side and on the current side, as shown in the report. */
  reference: string
  current: string
  effectName: string
  effectSize: number
  /** The effect size (or, for p-value tests, the critical value) at which the statistic is drift. */
  threshold: number
  thresholdText: string
  pValue?: number
  drifted: boolean
  /** 'sample': computed on the seeded sample of each side; 'all rows': on every row. */
  basis: 'sample' | 'all rows'
}

export interface SkippedStatistic {
  name: StatisticName
  title: string
  reason: string
}

export interface MixRow {
  name: string
  reference: number
  current: number
}

export interface DriftComparison {
  verdict: 'drift' | 'no-drift'
  drifted: number
  applicable: number
  share: number
  /** The share of drifted statistics that makes the model's verdict drift (registry policy). */
  shareThreshold: number
  small: boolean
  statistics: DriftStatistic[]
  skipped: SkippedStatistic[]
  rows: { reference: number; current: number }
  sample: { seed: number; reference: number; current: number; capacity: number }
  tokenMethod: string
  /** Length histograms: bin upper bounds and the share of each side's sampled rows in each bin. */
  lengthBins: { upTo: number; reference: number; current: number }[]
  useCaseMix: MixRow[]
  labelMix: MixRow[]
  tellingWords: { word: string; reference: number; current: number }[]
  /** Current rows the domain classifier found least like the reference. */
  examples: string[]
}

export interface CompareOptions {
  seed?: number
  /** Share of drifted statistics at which the model has drifted (default 0.5). */
  share?: number
  counter?: TokenCounter
  /** Compare predicted labels (classification models whose samples carry predictions). */
  labels?: boolean
  /** Label permutations for the vocabulary statistics (default 50) and the small-sample classifier (40). */
  vocabularyPermutations?: number
  classifierPermutations?: number
}

const fixed = (n: number, d = 3) => (Number.isFinite(n) ? n.toFixed(d) : '–')

/** Compares a current side with its reference: every statistic with its effect size, threshold and verdict. */
export function compareSides(
  reference: SideProfile,
  current: SideProfile,
  options: CompareOptions = {}
): DriftComparison {
  const seed = options.seed ?? 42
  const counter = options.counter ?? approximateCounter
  const small = reference.rows <= SMALL_SAMPLE_ROWS
  const basis: DriftStatistic['basis'] = reference.complete && current.complete ? 'all rows' : 'sample'
  const statistics: DriftStatistic[] = []
  const skipped: SkippedStatistic[] = []

  const refLengths = reference.sample.map(r => counter.count(r.text))
  const curLengths = current.sample.map(r => counter.count(r.text))
  const length = tokenLengthStatistic({ refLengths, curLengths, small, basis })
  if (length) statistics.push(length)

  const sampled = sampleWords(reference, current)
  statistics.push(
    ...vocabularyStatistics({ words: sampled, seed, basis, permutations: options.vocabularyPermutations ?? 50 })
  )

  const useCaseMix = categoryMix({
    name: 'use_case_mix',
    title: 'Use-case mix',
    reference: { counts: reference.useCases, rows: reference.rows, withValue: reference.withUseCase },
    current: { counts: current.useCases, rows: current.rows, withValue: current.withUseCase },
    small
  })
  if ('statistic' in useCaseMix) statistics.push(useCaseMix.statistic)
  else
    skipped.push({
      name: 'use_case_mix',
      title: 'Use-case mix',
      reason: current.withUseCase ? 'the reference rows carry no use_case' : 'the samples carry no use_case'
    })
  let labelMix: MixRow[] = []
  if (options.labels) {
    const mix = categoryMix({
      name: 'label_mix',
      title: 'Predicted-label mix',
      reference: { counts: reference.labels, rows: reference.rows, withValue: reference.withLabel },
      current: { counts: current.labels, rows: current.rows, withValue: current.withLabel },
      small
    })
    if ('statistic' in mix) {
      statistics.push(mix.statistic)
      labelMix = mix.rows
    } else skipped.push({ name: 'label_mix', title: 'Predicted-label mix', reason: 'the samples carry no predictions' })
  }

  const domain = domainStatistic({
    words: sampled,
    currentSample: current.sample,
    seed,
    small,
    permutations: options.classifierPermutations ?? 40
  })
  if (domain) statistics.push(domain.statistic)
  else skipped.push({ name: 'domain_classifier', title: 'Domain classifier', reason: 'fewer than 4 rows on a side' })

  const drifted = statistics.filter(s => s.drifted).length
  const share = statistics.length ? drifted / statistics.length : 0
  const shareThreshold = options.share ?? 0.5
  return {
    verdict: statistics.length && share >= shareThreshold ? 'drift' : 'no-drift',
    drifted,
    applicable: statistics.length,
    share,
    shareThreshold,
    small,
    statistics,
    skipped,
    rows: { reference: reference.rows, current: current.rows },
    sample: { seed, reference: reference.sample.length, current: current.sample.length, capacity: reference.capacity },
    tokenMethod: counter.method,
    lengthBins: lengthBins(refLengths, curLengths),
    useCaseMix: 'statistic' in useCaseMix ? useCaseMix.rows : [],
    labelMix,
    tellingWords: domain?.tellingWords ?? [],
    examples: domain?.examples ?? []
  }
}

/**
 * Input length in tokens: as categories when there are FEW_VALUES or fewer distinct lengths (as Evidently does),
 * else Kolmogorov–Smirnov on a small reference and the normalised Wasserstein distance on a large one.
 */
function tokenLengthStatistic(args: {
  refLengths: number[]
  curLengths: number[]
  small: boolean
  basis: DriftStatistic['basis']
}): DriftStatistic | undefined {
  const { refLengths, curLengths, small, basis } = args
  if (!refLengths.length || !curLengths.length) return undefined
  const describe = (v: number[]) => {
    const mean = v.reduce((s, x) => s + x, 0) / Math.max(1, v.length)
    return `mean ${fixed(mean, 1)}, median ${fixed(quantile(v, 0.5), 0)}, p95 ${fixed(quantile(v, 0.95), 0)}`
  }
  const length = {
    name: 'token_length' as const,
    title: 'Input length (tokens)',
    reference: describe(refLengths),
    current: describe(curLengths),
    basis
  }
  const values = [...new Set([...refLengths, ...curLengths])].sort((x, y) => x - y)
  if (values.length <= FEW_VALUES) {
    // Evidently tests a numerical column with this few distinct values as categories.
    const counts = (v: number[]) => values.map(k => v.filter(x => x === k).length)
    return { ...length, ...categoryTest(counts(refLengths), counts(curLengths), small) }
  }
  if (small) {
    const ks = ksTwoSample(refLengths, curLengths)
    return {
      ...length,
      method: 'Kolmogorov–Smirnov',
      effectName: 'KS D',
      effectSize: ks.d,
      threshold: ks.critical,
      thresholdText: `p ≤ ${P_VALUE} (D > ${fixed(ks.critical)})`,
      pValue: ks.pValue,
      drifted: ks.pValue <= P_VALUE
    }
  }
  const w = normalisedWasserstein(refLengths, curLengths)
  return {
    ...length,
    method: 'Wasserstein distance ÷ reference s.d.',
    effectName: 'normalised Wasserstein',
    effectSize: w,
    threshold: WASSERSTEIN_THRESHOLD,
    thresholdText: `≥ ${WASSERSTEIN_THRESHOLD}`,
    drifted: w >= WASSERSTEIN_THRESHOLD
  }
}

/** Each sampled row's words as ids of one vocabulary shared by both sides. */
interface SampleWords {
  vocabulary: Vocabulary
  reference: Int32Array[]
  current: Int32Array[]
}

function sampleWords(reference: SideProfile, current: SideProfile): SampleWords {
  const vocabulary = new Vocabulary()
  return {
    vocabulary,
    reference: reference.sample.map(r => Int32Array.from(words(r.text), w => vocabulary.id(w))),
    current: current.sample.map(r => Int32Array.from(words(r.text), w => vocabulary.id(w)))
  }
}

/**
 * Vocabulary: Jensen–Shannon distance of word frequencies and the out-of-vocabulary share, each against what
 * label-permuted samples of the same sizes give (rare words alone make two halves of one corpus differ).
 */
function vocabularyStatistics(args: {
  words: SampleWords
  seed: number
  basis: DriftStatistic['basis']
  permutations: number
}): DriftStatistic[] {
  const { words, seed, basis, permutations } = args
  const { vocabulary, reference: refWords, current: curWords } = words
  const pooled = [...refWords, ...curWords]
  // The pooled rows' words in one flat array (row k is words[offsets[k]..offsets[k + 1]]), for fast recounts.
  const offsets = new Int32Array(pooled.length + 1)
  pooled.forEach((w, k) => (offsets[k + 1] = offsets[k]! + w.length))
  const flat = new Int32Array(offsets[pooled.length]!)
  pooled.forEach((w, k) => flat.set(w, offsets[k]!))
  const countsA = new Uint32Array(vocabulary.size)
  const countsB = new Uint32Array(vocabulary.size)
  const vocabStats = (order: number[]): { js: number; oov: number } => {
    countsA.fill(0)
    countsB.fill(0)
    for (let k = 0; k < order.length; k++) {
      const target = k < refWords.length ? countsA : countsB
      const row = order[k]!
      for (let i = offsets[row]!, end = offsets[row + 1]!; i < end; i++) target[flat[i]!]!++
    }
    let oov = 0
    let total = 0
    for (let w = 0; w < countsB.length; w++) {
      total += countsB[w]!
      if (countsA[w] === 0) oov += countsB[w]!
    }
    return { js: jensenShannonDistance(countsA, countsB), oov: total ? oov / total : 0 }
  }
  const identity = pooled.map((_, i) => i)
  const observed = vocabStats(identity)
  const random = mulberry32(seed)
  const nullJs: number[] = []
  const nullOov: number[] = []
  for (let p = 0; p < permutations; p++) {
    const s = vocabStats(shuffle([...identity], random))
    nullJs.push(s.js)
    nullOov.push(s.oov)
  }
  if (!pooled.length || !refWords.length || !curWords.length) return []
  const jsThreshold = Math.max(JS_THRESHOLD, quantile(nullJs, 0.95))
  const nullMean = nullOov.reduce((s, x) => s + x, 0) / Math.max(1, nullOov.length)
  const oovThreshold = Math.max(quantile(nullOov, 0.95), nullMean + OOV_MIN_RISE)
  return [
    {
      name: 'vocabulary',
      title: 'Vocabulary',
      method: 'Jensen–Shannon distance of word frequencies',
      reference: `permuted (same-source) samples: median ${fixed(quantile(nullJs, 0.5))}`,
      current: `${vocabulary.size.toLocaleString('en-US')} distinct words in both samples`,
      effectName: 'JS distance',
      effectSize: observed.js,
      threshold: jsThreshold,
      thresholdText: `≥ ${fixed(jsThreshold)} (0.1, or the 95th percentile of permuted samples if higher)`,
      drifted: observed.js >= jsThreshold,
      basis
    },
    {
      name: 'oov_share',
      title: 'Out-of-vocabulary words',
      method: 'share of current words absent from the reference',
      reference: `${fixed(nullMean * 100, 1)}% expected (permuted samples)`,
      current: `${fixed(observed.oov * 100, 1)}%`,
      effectName: 'rise in OOV share',
      effectSize: observed.oov - nullMean,
      threshold: oovThreshold - nullMean,
      thresholdText: `OOV ≥ ${fixed(oovThreshold * 100, 1)}% (+${OOV_MIN_RISE * 100} points, or the permuted 95th percentile)`,
      drifted: observed.oov >= oovThreshold,
      basis
    }
  ]
}

/** One side's counts of a category over every row, and how many rows carry one. */
interface CategorySide {
  counts: Map<string, number>
  rows: number
  withValue: number
}

/**
 * A category mix over every row (rows without one counted as '(none)'), tested as Evidently tests a categorical
 * column; `skip` when a side's rows carry no value of it.
 */
function categoryMix(args: {
  name: StatisticName
  title: string
  reference: CategorySide
  current: CategorySide
  small: boolean
}): { statistic: DriftStatistic; rows: MixRow[] } | { skip: true } {
  const { name, title, reference, current, small } = args
  if (!reference.withValue || !current.withValue) return { skip: true }
  const refMissing = reference.rows - reference.withValue
  const curMissing = current.rows - current.withValue
  const names = [...new Set([...reference.counts.keys(), ...current.counts.keys()])].sort()
  const withNone = refMissing + curMissing > 0
  const p = [...names.map(n => reference.counts.get(n) ?? 0), ...(withNone ? [refMissing] : [])]
  const q = [...names.map(n => current.counts.get(n) ?? 0), ...(withNone ? [curMissing] : [])]
  const labels = [...names, ...(withNone ? ['(none)'] : [])]
  const sp = p.reduce((s, x) => s + x, 0)
  const sq = q.reduce((s, x) => s + x, 0)
  const rows: MixRow[] = labels.map((l, i) => ({ name: l, reference: p[i]! / sp, current: q[i]! / sq }))
  const top = (side: 'reference' | 'current') =>
    [...rows]
      .sort((a, b) => b[side] - a[side])
      .slice(0, 3)
      .map(r => `${r.name} ${fixed(r[side] * 100, 0)}%`)
      .join(', ')
  const statistic: DriftStatistic = {
    name,
    title,
    reference: top('reference'),
    current: top('current'),
    ...categoryTest(p, q, small),
    basis: 'all rows'
  }
  return { statistic, rows }
}

/**
 * The domain classifier (undefined with fewer than 4 rows on a side), the words that tell the current rows apart,
 * and, when it finds drift, up to three current rows least like the reference.
 */
function domainStatistic(args: {
  words: SampleWords
  currentSample: SideProfile['sample']
  seed: number
  small: boolean
  permutations: number
}): { statistic: DriftStatistic; tellingWords: DriftComparison['tellingWords']; examples: string[] } | undefined {
  const { words, currentSample, seed, small, permutations } = args
  const { vocabulary, reference: refWords, current: curWords } = words
  if (refWords.length < 4 || curWords.length < 4) return undefined
  const dc = domainClassifier(
    refWords.map(w => ({ words: w })),
    curWords.map(w => ({ words: w })),
    { seed, maxRowsPerSide: CLASSIFIER_ROWS, permutations: small ? permutations : 0 }
  )
  const threshold = small ? quantile(dc.permutedAucs, 0.95) : AUC_THRESHOLD
  const drifted = dc.auc > threshold
  const statistic: DriftStatistic = {
    name: 'domain_classifier',
    title: 'Domain classifier',
    method: 'hashed word n-grams + logistic regression, held-out half',
    reference: `${dc.rowsPerSide.toLocaleString('en-US')} rows per side`,
    current: small ? `permuted labels: median AUC ${fixed(quantile(dc.permutedAucs, 0.5))}` : '',
    effectName: 'ROC AUC',
    effectSize: dc.auc,
    threshold,
    thresholdText: small
      ? `> ${fixed(threshold)} (95th percentile of ${dc.permutedAucs.length} permutations)`
      : `> ${AUC_THRESHOLD}`,
    drifted,
    basis: 'sample'
  }
  const count = (rows: Int32Array[], word: number) => rows.reduce((s, r) => s + (r.includes(word) ? 1 : 0), 0)
  // Words the current rows use at least twice as often as the reference rows (so not the stop words both share).
  const tellingWords = dc.tellingWords
    .map(t => ({
      word: vocabulary.words[t.word]!,
      reference: count(refWords, t.word),
      current: count(curWords, t.word)
    }))
    .filter(t => t.current / curWords.length > (2 * t.reference) / refWords.length)
    .slice(0, 10)
  // Production rows go into a PR or issue body: one that holds personal data is not shown.
  const examples = drifted
    ? dc.examples
        .map(i => currentSample[i]!.text)
        .filter(t => findPii(t).length === 0)
        .slice(0, 3)
    : []
  return { statistic, tellingWords, examples }
}

/**
 * Evidently's default test of a categorical column: on a small reference, the chi-square test with more than two
 * categories and the two-proportion z-test with two (p < 0.05); on a large one, Jensen–Shannon distance ≥ 0.1.
 */
function categoryTest(
  p: number[],
  q: number[],
  small: boolean
): Pick<DriftStatistic, 'method' | 'effectName' | 'effectSize' | 'threshold' | 'thresholdText' | 'pValue' | 'drifted'> {
  const js = jensenShannonDistance(p, q)
  const categories = p.filter((x, i) => x + q[i]! > 0).length
  if (!small)
    return {
      method: 'Jensen–Shannon distance',
      effectName: 'JS distance',
      effectSize: js,
      threshold: JS_THRESHOLD,
      thresholdText: `≥ ${JS_THRESHOLD}`,
      drifted: js >= JS_THRESHOLD
    }
  const chi = categories > 2 ? chiSquareGoodnessOfFit(p, q) : undefined
  const test = chi ?? twoProportionZTest(p, q)
  return {
    method: chi ? `chi-square test (${chi.df} d.f.)` : 'two-proportion z-test',
    effectName: 'JS distance',
    effectSize: js,
    threshold: P_VALUE,
    thresholdText: `p < ${P_VALUE}`,
    pValue: test.pValue,
    drifted: test.pValue < P_VALUE
  }
}

/** Up to 12 equal-width bins from 0 to the pooled 99th percentile (longer rows in the last bin). */
function lengthBins(a: number[], b: number[]): DriftComparison['lengthBins'] {
  if (!a.length || !b.length) return []
  const top = Math.max(1, quantile([...a, ...b], 0.99))
  const bins = Math.min(12, Math.ceil(top))
  const width = Math.ceil(top / bins)
  const out = Array.from({ length: bins }, (_, i) => ({ upTo: (i + 1) * width, reference: 0, current: 0 }))
  for (const v of a) out[Math.min(bins - 1, Math.floor(v / width))]!.reference += 1 / a.length
  for (const v of b) out[Math.min(bins - 1, Math.floor(v / width))]!.current += 1 / b.length
  return out
}
