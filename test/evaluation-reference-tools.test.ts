import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mulberry32 } from '../src/data/seeded-random.js'
import { METRIC_DEFS, macroF1Def, perClass, type Scored } from '../src/evaluation/metrics.js'
import {
  BLEU_STATS,
  bleuFromStats,
  bleuStats,
  CHRF_STATS,
  chrfFromStats,
  chrfStats
} from '../src/evaluation/sacrebleu.js'
import { missingPythonModules, testPython } from './helpers/python.js'

// Our metrics against the tools they claim to follow (sacreBLEU 2.x, scikit-learn, SQuAD's evaluation script),
// run on the same few thousand generated hard pairs; every number must agree within 1e-9.

const python = testPython()
const missing = missingPythonModules(python, ['sacrebleu', 'sklearn'])

const WORDS = ['the', 'The', 'a', 'an', 'cat', 'Dog', "don't", 'dont', 'naïve', 'café', 'Straße', 'ΟΔΟΣ', 'ας', 'über']
const PUNCTUATION = [...'.,!?;:"\'()[]{}-/\\@#$%^*+=<>|~`_', '--', '—', '–', '…', '¿', '«', '»', '“', '”', '。', '、']
const NUMBERS = ['1,299.50', '3.14', '2024-01-01', '10-20', '-5', '1.', '.5', '100%', '7,', '0.0.1', '١٢٣']
const LINE_ENDS = ['fox-\n', '-\n', '\n', '\r\n', 'end-', 'well-known', 'x-\n-\ny']
const CJK = ['東京', '日本語のテキスト', '中文', '한국어', 'ｆｕｌｌｗｉｄｔｈ']
const EMOJI = ['😀', '👍🏽', '🇬🇧', '👨‍👩‍👧', '𝔘𝔫𝔦', '☃']
const ENTITIES = ['&amp;', '&quot;', '&lt;', '&gt;', '&apos;', '&#39;', '&', '&amp;amp;', '<skipped>', 'a&lt;b']
// Whitespace to Python but not to JavaScript (U+001C–U+001F, U+0085), to JavaScript only (U+FEFF), to both, to neither.
const SPACES = [
  ' ',
  ' ',
  ' ',
  '  ',
  '\t',
  '\x1c',
  '\x1d',
  '\x1e',
  '\x1f',
  '\x85',
  '\ufeff',
  '\u2028',
  '\u00a0',
  '\u3000'
]
const MORE_SPACES = ['\u200b', '\v', '\f', '\r', '\u2029', '\u202f', '\u1680']
const POOLS = [WORDS, WORDS, WORDS, PUNCTUATION, NUMBERS, LINE_ENDS, CJK, EMOJI, ENTITIES]

/** A few thousand hypothesis/reference pairs, mostly edits of each other so that n-grams match in part. */
function hardPairs(count: number, seed: number): [string, string][] {
  const random = mulberry32(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!
  const space = () => (random() < 0.8 ? ' ' : random() < 0.85 ? pick(SPACES) : pick(MORE_SPACES))
  const join = (tokens: string[]) => tokens.map((t, i) => (i ? space() : '') + t).join('')
  const edges = () => (random() < 0.2 ? pick([...SPACES, ...MORE_SPACES, '\n', ' \n', '-\n']) : '')
  const pairs: [string, string][] = []
  for (let i = 0; i < count; i++) {
    const tokens = Array.from({ length: Math.floor(random() * 14) }, () => pick(pick(POOLS)))
    let edited = tokens.filter(() => random() > 0.2).map(t => (random() < 0.15 ? pick(pick(POOLS)) : t))
    if (random() < 0.1) edited = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(EMOJI))
    let hyp = edges() + join(edited) + edges()
    let ref = edges() + join(tokens) + edges()
    const r = random()
    if (r < 0.04) hyp = ''
    else if (r < 0.08) ref = ''
    else if (r < 0.1) hyp = ref = ''
    else if (r < 0.12) hyp = pick(SPACES) + pick(MORE_SPACES)
    else if (r < 0.14) [hyp, ref] = [tokens.join(''), join(tokens)]
    pairs.push(random() < 0.5 ? [hyp, ref] : [ref, hyp])
  }
  // The cases the reference tools were first seen to disagree on.
  pairs.push(['a b c d', 'e f g h'], ['the quick brown fox-\n', 'the quick brown fox'], ['abcdef', 'abcdef'])
  pairs.push(
    ['xyz', ''],
    ['dont', "don't"],
    ['éthe cat', 'the cat'],
    ['éthe', 'é'],
    ['x\x1cy', 'x y'],
    ['x\ufeffy', 'x y']
  )
  return pairs
}

const LABELS = ['positive', 'negative', 'neutral', 'mixed', 'never']
/** Predicted and true labels, with outputs outside the label set and odd whitespace around them. */
function classifiedPairs(count: number, seed: number): [string, string][] {
  const random = mulberry32(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!
  const occurring = LABELS.slice(0, 4)
  const pad = (s: string) => (random() < 0.3 ? pick(SPACES) + s + pick([...SPACES, ...MORE_SPACES, '\n']) : s)
  return Array.from({ length: count }, () => {
    const truth = pick(occurring)
    const r = random()
    const predicted = r < 0.55 ? truth : r < 0.85 ? pick(occurring) : pick(['Positive', 'unknown', '', 'never '])
    return [pad(predicted), pad(truth)]
  })
}

interface Reference {
  sentences: { bleu: number; bleu_stats: number[]; chrf: number; token_f1: number }[]
  corpus: Record<string, { bleu: number; chrf: number }>
  classified: Record<
    string,
    { accuracy: number; macro_f1: number; precision: number[]; recall: number[]; support: number[] }
  >
}

const sum = (rows: Float64Array[], width: number) =>
  rows.reduce((acc, r) => acc.map((v, i) => v + r[i]!), new Float64Array(width))
const scored = (prediction: string, reference: string): Scored => ({
  id: '',
  useCase: '',
  input: '',
  prediction,
  reference
})
const meanOf = (name: keyof typeof METRIC_DEFS, rows: [string, string][]) => {
  const out = new Float64Array(1)
  let total = 0
  for (const [p, r] of rows) {
    METRIC_DEFS[name].example(scored(p, r), { bannedTerms: [] }, out)
    total += out[0]!
  }
  return total / rows.length
}

describe.skipIf(missing !== undefined)(`metrics equal their reference tools (${missing ?? python})`, () => {
  const pairs = hardPairs(3000, 14)
  const classified = classifiedPairs(3000, 1414)
  const subsets = [1, 9, 60, pairs.length]
  let dir: string
  let reference: Reference

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tunegate-reference-'))
    const input = path.join(dir, 'input.json')
    writeFileSync(input, JSON.stringify({ pairs, labels: LABELS, classified, subsets }))
    const run = spawnSync(python, [path.resolve('test/helpers/reference-metrics.py'), input], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000
    })
    if (run.status !== 0) throw new Error(`reference-metrics.py failed: ${run.error?.message ?? run.stderr}`)
    reference = JSON.parse(run.stdout) as Reference
  }, 120_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('BLEU: the same sentence statistics and scores as sacreBLEU, and the same corpus scores', () => {
    const stats = pairs.map(([h, r]) => bleuStats(h, [r]))
    pairs.forEach((pair, i) => {
      const want = reference.sentences[i]!
      expect({ pair, stats: [...stats[i]!] }).toEqual({ pair, stats: want.bleu_stats })
      expect({ pair, bleu: bleuFromStats(stats[i]!).score }).toEqual({ pair, bleu: expect.closeTo(want.bleu, 9) })
    })
    for (const n of subsets)
      expect(bleuFromStats(sum(stats.slice(0, n), BLEU_STATS)).score).toBeCloseTo(reference.corpus[n]!.bleu, 9)
  })

  it('chrF: the same sentence and corpus scores as sacreBLEU', () => {
    const stats = pairs.map(([h, r]) => chrfStats(h, [r]))
    pairs.forEach((pair, i) => {
      expect({ pair, chrf: chrfFromStats(stats[i]!) }).toEqual({
        pair,
        chrf: expect.closeTo(reference.sentences[i]!.chrf, 9)
      })
    })
    for (const n of subsets)
      expect(chrfFromStats(sum(stats.slice(0, n), CHRF_STATS))).toBeCloseTo(reference.corpus[n]!.chrf, 9)
  })

  it("token F1: the same as SQuAD's evaluation script", () => {
    pairs.forEach(([h, r], i) => {
      expect({ pair: [h, r], f1: meanOf('token_f1', [[h, r]]) }).toEqual({
        pair: [h, r],
        f1: expect.closeTo(reference.sentences[i]!.token_f1, 9)
      })
    })
  })

  it("accuracy, macro-F1 and per-class precision and recall: the same as scikit-learn's with labels=", () => {
    const def = macroF1Def(LABELS)
    const row = new Float64Array(def.width)
    for (const n of subsets) {
      const rows = classified.slice(0, n)
      const want = reference.classified[n]!
      expect(meanOf('accuracy', rows)).toBeCloseTo(want.accuracy, 9)
      const stats = rows.map(([p, t]) => {
        def.example(scored(p, t), { bannedTerms: [] }, row)
        return row.slice()
      })
      expect(def.aggregate!(sum(stats, def.width))).toBeCloseTo(want.macro_f1, 9)
      const classes = perClass(
        LABELS,
        rows.map(([p, t]) => scored(p, t))
      )
      classes.forEach((c, k) => {
        expect(c.precision).toBeCloseTo(want.precision[k]!, 9)
        expect(c.recall).toBeCloseTo(want.recall[k]!, 9)
        expect(c.support).toBe(want.support[k])
      })
    }
  })
})
