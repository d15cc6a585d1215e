import { mulberry32 } from '../data/seeded-random.js'
import { rocAuc, shuffle } from './statistics.js'

/** Hashed feature space: 2^18 weights, enough that word and bigram collisions barely matter. */
const FEATURE_BITS = 18
const FEATURES = 1 << FEATURE_BITS
const EPOCHS = 6
const LEARNING_RATE = 0.5
const L2 = 1e-5

export interface ClassifierRow {
  /** Word ids of the row's text. */
  words: Int32Array
}

export interface DomainClassifierResult {
  auc: number
  /** Rows used per side (train + test). */
  rowsPerSide: number
  /** Unigram word ids by weight, most current-like first. */
  tellingWords: { word: number; weight: number }[]
  /** Indices into `current` of the held-out rows the classifier found most current-like, best first. */
  examples: number[]
}

/** The hashed unigram and bigram features of a row, each with weight 1/√n (an L2-normalised binary vector). */
function features(words: Int32Array): { index: Int32Array; value: number } {
  const index = new Int32Array(words.length * 2)
  let k = 0
  for (let i = 0; i < words.length; i++) {
    index[k++] = Math.imul(words[i]! + 1, 0x9e3779b1) >>> (32 - FEATURE_BITS)
    if (i > 0)
      index[k++] = Math.imul((words[i - 1]! + 1) * 0x45d9f3b + words[i]! + 7, 0x85ebca6b) >>> (32 - FEATURE_BITS)
  }
  const used = index.subarray(0, k)
  return { index: used, value: k ? 1 / Math.sqrt(k) : 0 }
}

/** The feature of a single word, for reading the weights back as telling words. */
function unigramFeature(word: number): number {
  return Math.imul(word + 1, 0x9e3779b1) >>> (32 - FEATURE_BITS)
}

interface Encoded {
  index: Int32Array
  value: number
}

/** Trains logistic regression (SGD with a decaying rate and light L2) on encoded rows; returns the weights. */
function train(rows: Encoded[], labels: Uint8Array, random: () => number): { w: Float32Array; bias: number } {
  const w = new Float32Array(FEATURES)
  let bias = 0
  const order = rows.map((_, i) => i)
  let t = 0
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    shuffle(order, random)
    for (const i of order) {
      const r = rows[i]!
      let z = bias
      for (let k = 0; k < r.index.length; k++) z += w[r.index[k]!]! * r.value
      const p = 1 / (1 + Math.exp(-z))
      const rate = LEARNING_RATE / Math.sqrt(1 + t++ / rows.length)
      const g = (labels[i]! - p) * rate
      bias += g
      for (let k = 0; k < r.index.length; k++) {
        const f = r.index[k]!
        w[f] = w[f]! * (1 - rate * L2) + g * r.value
      }
    }
  }
  return { w, bias }
}

function score(r: Encoded, model: { w: Float32Array; bias: number }): number {
  let z = model.bias
  for (let k = 0; k < r.index.length; k++) z += model.w[r.index[k]!]! * r.value
  return z
}

/** AUC on the held-out half after training on the other half, with the given side labels (1 = current). */
function heldOutAuc(
  rows: Encoded[],
  labels: Uint8Array,
  trainIdx: number[],
  testIdx: number[],
  seed: number
): { auc: number; model: { w: Float32Array; bias: number }; scores: number[] } {
  const model = train(
    trainIdx.map(i => rows[i]!),
    Uint8Array.from(trainIdx, i => labels[i]!),
    mulberry32(seed)
  )
  const pos: number[] = []
  const neg: number[] = []
  const scores = testIdx.map(i => score(rows[i]!, model))
  testIdx.forEach((i, k) => (labels[i] ? pos : neg).push(scores[k]!))
  return { auc: rocAuc(pos, neg), model, scores }
}

/**
 * A domain classifier (hashed word n-grams + logistic regression) trained to tell reference rows from
 * current rows on one half of each and scored by ROC AUC on the other half. With `permutations`, the
 * same is done with the side labels shuffled, giving the AUCs to expect when there is no difference.
 * Written by hand: no maintained npm package trains sparse logistic regression.
 */
export function domainClassifier(
  reference: ClassifierRow[],
  current: ClassifierRow[],
  options: { seed: number; maxRowsPerSide: number; permutations: number }
): DomainClassifierResult & { permutedAucs: number[] } {
  const random = mulberry32(options.seed)
  // Equal numbers per side, so the classifier cannot win by predicting the larger side.
  const perSide = Math.min(reference.length, current.length, options.maxRowsPerSide)
  const refIdx = shuffle(
    reference.map((_, i) => i),
    random
  ).slice(0, perSide)
  const curIdx = shuffle(
    current.map((_, i) => i),
    random
  ).slice(0, perSide)
  const rows: Encoded[] = [
    ...refIdx.map(i => features(reference[i]!.words)),
    ...curIdx.map(i => features(current[i]!.words))
  ]
  const labels = new Uint8Array(rows.length)
  labels.fill(1, perSide)
  const half = Math.floor(perSide / 2)
  // A stratified split: half of each side trains, the other half is held out.
  const trainIdx = [...Array(half).keys(), ...Array.from({ length: half }, (_, k) => perSide + k)]
  const testIdx = [
    ...Array.from({ length: perSide - half }, (_, k) => half + k),
    ...Array.from({ length: perSide - half }, (_, k) => perSide + half + k)
  ]
  if (half < 2) return { auc: 0.5, rowsPerSide: perSide, tellingWords: [], examples: [], permutedAucs: [] }
  const real = heldOutAuc(rows, labels, trainIdx, testIdx, options.seed + 1)

  const permutedAucs: number[] = []
  for (let p = 0; p < options.permutations; p++) {
    const permuted = shuffle([...labels], random)
    permutedAucs.push(heldOutAuc(rows, Uint8Array.from(permuted), trainIdx, testIdx, options.seed + 2 + p).auc)
  }

  // Telling words: the current side's words with the largest weights.
  const seen = new Map<number, number>()
  for (const i of curIdx)
    for (const word of current[i]!.words) if (!seen.has(word)) seen.set(word, real.model.w[unigramFeature(word)]!)
  const tellingWords = [...seen]
    .filter(([, weight]) => weight > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([word, weight]) => ({ word, weight }))
  const examples = testIdx
    .map((row, k) => ({ row, s: real.scores[k]! }))
    .filter(x => labels[x.row] === 1)
    .sort((a, b) => b.s - a.s)
    .map(x => curIdx[x.row - perSide]!)
  return { auc: real.auc, rowsPerSide: perSide, tellingWords, examples, permutedAucs }
}
