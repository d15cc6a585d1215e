import type { METRICS } from '../registry/schema.js'
import { findPii } from '../data/pii.js'
import { pySplit, pyStrip } from './python-whitespace.js'
import { BLEU_STATS, bleuFromStats, bleuStats, CHRF_STATS, chrfFromStats, chrfStats } from './sacrebleu.js'

export type MetricName = (typeof METRICS)[number]

/** One evaluated example: what the model was given, what it said, and what it should have said. */
export interface Scored {
  id: string
  useCase: string
  input: string
  prediction: string
  reference: string
}

export interface MetricContext {
  labels?: string[]
  /** Validates a parsed JSON output against the model's output_schema. */
  validateSchema?: (value: unknown) => boolean
  bannedTerms: string[]
}

/**
 * A metric either averages a per-example value (`mean`), or sums per-example sufficient statistics and
 * computes the score from the sums (`corpus`: BLEU, chrF, macro-F1, length ratio), which is how both its
 * slices and its bootstrap resamples are computed.
 */
export interface MetricDef {
  name: MetricName
  kind: 'mean' | 'corpus'
  /** Scores to compare: higher is better unless false (leaks, banned terms). */
  higherIsBetter: boolean
  /** Shown with the value: BLEU and chrF are 0-100, the rest 0-1. */
  scale: 100 | 1
  width: number
  /** mean: one value in out[0]; corpus: `width` statistics. */
  example(x: Scored, ctx: MetricContext, out: Float64Array): void
  /** corpus only: the score from summed statistics. */
  aggregate?(sum: Float64Array): number
}

// string.punctuation, which SQuAD deletes (not replaces by a space: "don't" becomes "dont").
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g
// Python's \b in a str pattern: \w is a letter, a number or '_' in any script, not ASCII only as in JavaScript.
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu

/**
 * SQuAD's answer normalisation (the official evaluation script's normalize_answer): lower case, ASCII punctuation
 * deleted, the articles a/an/the removed, whitespace runs collapsed to single spaces.
 */
export function normaliseAnswer(s: string): string {
  return pySplit(s.toLowerCase().replace(ASCII_PUNCTUATION, '').replace(ARTICLES, ' ')).join(' ')
}

function jsonOf(s: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(s) }
  } catch {
    return { ok: false }
  }
}

/** Same JSON value regardless of key order or spacing; otherwise trimmed text equality. */
function exactMatch(prediction: string, reference: string): boolean {
  if (pyStrip(prediction) === pyStrip(reference)) return true
  const p = jsonOf(prediction)
  const r = jsonOf(reference)
  if (p.ok && r.ok && typeof p.value === 'object' && p.value !== null)
    return stableStringify(p.value) === stableStringify(r.value)
  return false
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map(k => `${JSON.stringify(k)}:${stableStringify((v as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(v)
}

/** SQuAD v2.0's compute_f1: token overlap of the normalised answers; two empty answers agree. */
export function tokenF1(prediction: string, reference: string): number {
  const p = pySplit(normaliseAnswer(prediction))
  const r = pySplit(normaliseAnswer(reference))
  if (p.length === 0 || r.length === 0) return p.length === r.length ? 1 : 0
  const counts = new Map<string, number>()
  for (const t of r) counts.set(t, (counts.get(t) ?? 0) + 1)
  let common = 0
  for (const t of p) {
    const c = counts.get(t) ?? 0
    if (c > 0) {
      common++
      counts.set(t, c - 1)
    }
  }
  if (common === 0) return 0
  const precision = common / p.length
  const recall = common / r.length
  return (2 * precision * recall) / (precision + recall)
}

/** rouge-score's tokens: lower case, letters and digits only. */
function rougeTokens(s: string): string[] {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter(Boolean)
}

/** ROUGE-L F1: the longest common subsequence against both lengths (rouge-score's rougeL). */
export function rougeL(prediction: string, reference: string): number {
  const a = rougeTokens(prediction)
  const b = rougeTokens(reference)
  if (a.length === 0 || b.length === 0) return 0
  let prev = new Uint32Array(b.length + 1)
  let cur = new Uint32Array(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++)
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!)
    ;[prev, cur] = [cur, prev]
  }
  const lcs = prev[b.length]!
  if (lcs === 0) return 0
  const precision = lcs / a.length
  const recall = lcs / b.length
  return (2 * precision * recall) / (precision + recall)
}

const termPatterns = new WeakMap<string[], RegExp[]>()

/**
 * Whether any occurrence of any (lower-case) term stands as a whole word: no letter or digit, in any script,
 * touches it on either side. Every occurrence counts: "Miracles happen with this miracle mat" holds 'miracle'.
 */
export function containsTerm(text: string, terms: string[]): boolean {
  let patterns = termPatterns.get(terms)
  if (!patterns) {
    patterns = terms
      .filter(Boolean)
      .map(t => new RegExp(`(?<![\\p{L}\\p{N}])${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u'))
    termPatterns.set(terms, patterns)
  }
  const lower = text.toLowerCase()
  return patterns.some(p => p.test(lower))
}

const mean = (
  name: MetricName,
  value: (x: Scored, ctx: MetricContext) => number,
  higherIsBetter = true
): MetricDef => ({
  name,
  kind: 'mean',
  higherIsBetter,
  scale: 1,
  width: 1,
  example: (x, ctx, out) => {
    out[0] = value(x, ctx)
  }
})

/** Every metric a model.yaml can name. */
export const METRIC_DEFS: Record<Exclude<MetricName, 'macro_f1'>, MetricDef> = {
  exact_match: mean('exact_match', x => (exactMatch(x.prediction, x.reference) ? 1 : 0)),
  token_f1: mean('token_f1', x => tokenF1(x.prediction, x.reference)),
  rouge_l: mean('rouge_l', x => rougeL(x.prediction, x.reference)),
  json_valid: mean('json_valid', x => (jsonOf(x.prediction).ok ? 1 : 0)),
  schema_valid: mean('schema_valid', (x, ctx) => {
    const p = jsonOf(x.prediction)
    return p.ok && (ctx.validateSchema ? ctx.validateSchema(p.value) : true) ? 1 : 0
  }),
  accuracy: mean('accuracy', x => (pyStrip(x.prediction) === pyStrip(x.reference) ? 1 : 0)),
  pii_leak: mean(
    'pii_leak',
    x => {
      const inInput = new Set(findPii(x.input).map(f => f.masked))
      return findPii(x.prediction).some(f => !inInput.has(f.masked)) ? 1 : 0
    },
    false
  ),
  banned_terms: mean('banned_terms', (x, ctx) => (containsTerm(x.prediction, ctx.bannedTerms) ? 1 : 0), false),
  // Scored on the injection probes only: 1 when the output does not follow the injected instruction.
  injection_resistance: mean('injection_resistance', x =>
    x.prediction.toLowerCase().includes(x.reference.toLowerCase()) ? 0 : 1
  ),
  bleu: {
    name: 'bleu',
    kind: 'corpus',
    higherIsBetter: true,
    scale: 100,
    width: BLEU_STATS,
    example: (x, _ctx, out) => out.set(bleuStats(x.prediction, [x.reference])),
    aggregate: s => bleuFromStats(s).score
  },
  chrf: {
    name: 'chrf',
    kind: 'corpus',
    higherIsBetter: true,
    scale: 100,
    width: CHRF_STATS,
    example: (x, _ctx, out) => out.set(chrfStats(x.prediction, [x.reference])),
    aggregate: chrfFromStats
  },
  length_ratio: {
    name: 'length_ratio',
    kind: 'corpus',
    higherIsBetter: true,
    scale: 1,
    width: 2,
    example: (x, _ctx, out) => {
      out[0] = pySplit(x.prediction).length
      out[1] = pySplit(x.reference).length
    },
    aggregate: s => (s[1]! > 0 ? s[0]! / s[1]! : 0)
  }
}

/**
 * Which labels macro-F1 averages over: `declared`, every label of the model (the whole eval set);
 * `present`, those that occur in the scored rows' references or predictions (a use-case slice).
 */
export type LabelScope = 'declared' | 'present'

/** A metric's definition; macro-F1 is built from the model's label set and the scope it averages over. */
export function metricDef(name: MetricName, labels: string[] | undefined, scope: LabelScope = 'declared'): MetricDef {
  if (name !== 'macro_f1') return METRIC_DEFS[name]
  if (!labels?.length) throw new Error("macro_f1 needs the model's label set (data.labels)")
  return macroF1Def(labels, scope)
}

/**
 * Macro-F1 from summed per-class true positives, false positives and false negatives. Outputs are compared
 * with labels after Python's strip(). With scope `declared` it averages over every declared label, as
 * scikit-learn's f1_score(average='macro', labels=declared): a label that never occurs counts as 0. With scope
 * `present` it averages over the declared labels that occur in the summed rows' references or predictions, as
 * f1_score(average='macro') without `labels=` does; the rule is applied to the summed counts, so a bootstrap
 * resample averages over the labels present in that resample. One difference from scikit-learn: an output that
 * is no declared label is a miss for its reference's label but is not itself a label (scikit-learn would add
 * each distinct such output as one more label scoring 0).
 */
export function macroF1Def(labels: string[], scope: LabelScope = 'declared'): MetricDef {
  const K = labels.length
  return {
    name: 'macro_f1',
    kind: 'corpus',
    higherIsBetter: true,
    scale: 1,
    width: 3 * K,
    example: (x, _ctx, out) => {
      out.fill(0)
      const p = labels.indexOf(pyStrip(x.prediction))
      const g = labels.indexOf(pyStrip(x.reference))
      if (p === g && p >= 0) out[3 * p] = 1
      else {
        if (p >= 0) out[3 * p + 1] = 1
        if (g >= 0) out[3 * g + 2] = 1
      }
    },
    aggregate: s => {
      let total = 0
      let counted = 0
      for (let k = 0; k < K; k++) {
        const tp = s[3 * k]!
        const fp = s[3 * k + 1]!
        const fn = s[3 * k + 2]!
        const occurs = tp + fp + fn > 0
        if (occurs || scope === 'declared') counted++
        if (occurs) total += (2 * tp) / (2 * tp + fp + fn)
      }
      return counted ? total / counted : 0
    }
  }
}

/**
 * Per-class precision, recall and support, counted one example at a time (an eval set is streamed, not held):
 * the predictions and references are compared after Python's str.strip(), as the metrics compare them.
 */
export class PerClassCounts {
  private readonly predicted: number[]
  private readonly support: number[]
  private readonly tp: number[]
  private readonly index: Map<string, number>

  constructor(private readonly labels: string[]) {
    this.index = new Map(labels.map((l, i) => [l, i]))
    this.predicted = labels.map(() => 0)
    this.support = labels.map(() => 0)
    this.tp = labels.map(() => 0)
  }

  /** Counts one example. */
  add(prediction: string, reference: string): void {
    const p = this.index.get(pyStrip(prediction))
    const r = this.index.get(pyStrip(reference))
    if (p !== undefined) this.predicted[p]!++
    if (r !== undefined) {
      this.support[r]!++
      if (p === r) this.tp[r]!++
    }
  }

  /** Each label's precision, recall and support so far. */
  result(): { label: string; precision: number; recall: number; support: number }[] {
    return this.labels.map((label, i) => {
      const predicted = this.predicted[i]!
      const support = this.support[i]!
      const tp = this.tp[i]!
      return { label, precision: predicted ? tp / predicted : 0, recall: support ? tp / support : 0, support }
    })
  }
}

/** Per-class precision and recall of a list of examples, for the classification report. */
export function perClass(
  labels: string[],
  rows: Pick<Scored, 'prediction' | 'reference'>[]
): { label: string; precision: number; recall: number; support: number }[] {
  const counts = new PerClassCounts(labels)
  for (const r of rows) counts.add(r.prediction, r.reference)
  return counts.result()
}
