import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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
import { scoreModel } from '../src/evaluation/scoring.js'
import { modelIdentity } from '../src/registry/fingerprint.js'
import { loadRegistryModel } from '../src/registry/loader.js'
import { trainerIdentity } from '../src/training/backends.js'
import { makeRepo } from './helpers/git-repo.js'
import { missingPythonModules, testPython } from './helpers/python.js'

const ALL_SLICE = 'all'

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
/**
 * Predicted and true labels with odd whitespace around them; with `outside`, some outputs are no declared label.
 * 'never' is never true and only seldom predicted, so small subsets lack it (and often 'mixed' too).
 */
function classifiedPairs(count: number, seed: number, outside = true): [string, string][] {
  const random = mulberry32(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!
  const occurring = LABELS.slice(0, 4)
  // Without outputs outside the set, only what Python's strip() removes (U+FEFF, U+200B would make new labels).
  const spaces = outside ? SPACES : [' ', '\t', '\x1c', '\x85', '\u3000']
  const ends = outside ? [...SPACES, ...MORE_SPACES, '\n'] : [...spaces, '\n', '\r']
  const pad = (s: string) => (random() < 0.3 ? pick(spaces) + s + pick(ends) : s)
  return Array.from({ length: count }, () => {
    const truth = pick(occurring)
    const r = random()
    const odd = outside ? pick(['Positive', 'unknown', '', 'never ']) : random() < 0.2 ? 'never' : pick(occurring)
    const predicted = r < 0.55 ? truth : r < 0.85 ? pick(occurring) : odd
    return [pad(predicted), pad(truth)]
  })
}

interface Reference {
  sentences: { bleu: number; bleu_stats: number[]; chrf: number; token_f1: number }[]
  corpus: Record<string, { bleu: number; chrf: number }>
  classified: Record<
    string,
    {
      accuracy: number
      macro_f1: number
      macro_f1_present: number
      precision: number[]
      recall: number[]
      support: number[]
    }
  >
  /** Outputs all declared labels: f1_score(average='macro') without labels=, and how many labels it averaged. */
  declared_outputs: Record<string, { macro_f1: number; labels: number }>
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
  const declaredOutputs = classifiedPairs(3000, 1415, false)
  const subsets = [1, 9, 60, pairs.length]
  let dir: string
  let reference: Reference

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tunegate-reference-'))
    const input = path.join(dir, 'input.json')
    writeFileSync(
      input,
      JSON.stringify({ pairs, labels: LABELS, classified, declared_outputs: declaredOutputs, subsets })
    )
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

  it("per use case, macro-F1 is scikit-learn's without labels=: over the labels present, in every subset", () => {
    const def = macroF1Def(LABELS, 'present')
    const declared = macroF1Def(LABELS)
    const row = new Float64Array(def.width)
    const statsOf = (rows: [string, string][]) =>
      sum(
        rows.map(([p, t]) => {
          def.example(scored(p, t), { bannedTerms: [] }, row)
          return row.slice()
        }),
        def.width
      )
    let fewer = 0
    for (const n of subsets) {
      const want = reference.declared_outputs[n]!
      const stats = statsOf(declaredOutputs.slice(0, n))
      expect({ n, f1: def.aggregate!(stats) }).toEqual({ n, f1: expect.closeTo(want.macro_f1, 9) })
      // The whole-set rule divides the same sum by every declared label, absent ones included.
      if (want.labels < LABELS.length) fewer++
      expect(declared.aggregate!(stats)).toBeCloseTo((def.aggregate!(stats) * want.labels) / LABELS.length, 9)
      // Outputs outside the label set are misses, not labels: scikit-learn with labels= the declared ones present.
      expect(def.aggregate!(statsOf(classified.slice(0, n)))).toBeCloseTo(reference.classified[n]!.macro_f1_present, 9)
    }
    expect(fewer).toBeGreaterThan(0)
    expect(reference.declared_outputs[subsets.at(-1)!]!.labels).toBe(LABELS.length)
  })
})

describe.skipIf(missing !== undefined)('per-use-case macro-F1 in a scored model: value, bootstrap and gate', () => {
  it("score each use case over its own labels, as scikit-learn's f1_score without labels= does", async () => {
    const repo = await makeRepo({ withRegistry: true })
    const registryDir = path.join(repo, 'registry')
    const modelYaml = path.join(registryDir, 'models/content-classifier/model.yaml')
    // A per-use-case floor that a use case scored over all 9 labels (3 of them its own) could never reach.
    writeFileSync(
      modelYaml,
      readFileSync(modelYaml, 'utf8') + '    - metric: macro_f1\n      min: 0.4\n      slice: each-use-case\n'
    )
    const { registry, model } = await loadRegistryModel(registryDir, 'content-classifier')
    const identity = await modelIdentity(model, trainerIdentity(model.spec))
    const rows = readFileSync(path.join(registryDir, 'datasets/content-classifier/eval.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(l => JSON.parse(l) as { id: string; use_case: string; label: string })
    const labels = model.spec.data.labels!
    // Two systems' answers: right on some rows, a wrong label of the model on the rest, mostly one of the use
    // case's own (so a content-refresh slice holds a few topic labels and lacks the others).
    const random = mulberry32(19)
    const wrong = (useCase: string) =>
      labels[useCase === 'content-refresh' && random() < 0.9 ? 6 + Math.floor(random() * 3) : Math.floor(random() * 6)]!
    const answers = (right: number) => rows.map(r => (random() < right ? r.label : wrong(r.use_case)))
    const run = (predictions: string[]) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'tunegate-run-'))
      writeFileSync(
        path.join(dir, 'run.json'),
        JSON.stringify({ training_fingerprint: identity.training_fingerprint, trainer: 'test', runner: { name: 't' } })
      )
      writeFileSync(
        path.join(dir, 'predictions.jsonl'),
        rows.map((r, i) => JSON.stringify({ id: r.id, prediction: predictions[i] })).join('\n') + '\n'
      )
      return dir
    }
    const production = answers(0.4)
    const candidate = answers(0.7)
    const base = await scoreModel({ registry, model, identity, runDir: run(production), seed: 3 })
    const record = await scoreModel({
      registry,
      model,
      identity,
      runDir: run(candidate),
      baseline: { version: 'v1.0.0', record: base },
      seed: 3
    })
    const input = path.join(mkdtempSync(path.join(tmpdir(), 'tunegate-f1-')), 'input.json')
    const slices = ['internal-linking', 'content-refresh']
    const pick = (answers: string[], slice?: string) => {
      const members = rows.flatMap((r, i) => (!slice || r.use_case === slice ? [i] : []))
      return { y_true: members.map(i => rows[i]!.label), y_pred: members.map(i => answers[i]!) }
    }
    writeFileSync(
      input,
      JSON.stringify({
        labels,
        cases: [undefined, ...slices].flatMap(s => [pick(candidate, s), pick(production, s)])
      })
    )
    const script = [
      'import json, sys',
      'from sklearn.metrics import f1_score',
      'd = json.load(open(sys.argv[1]))',
      'out = []',
      'for k, c in enumerate(d["cases"]):',
      "    # The whole set keeps every declared label; a use case, scikit-learn's own choice (none given).",
      '    kw = {"labels": d["labels"]} if k < 2 else {}',
      '    out.append(f1_score(c["y_true"], c["y_pred"], average="macro", zero_division=0, **kw))',
      'print(json.dumps(out))'
    ].join('\n')
    const py = spawnSync(python, ['-c', script, input], { encoding: 'utf8', timeout: 120_000 })
    expect(py.status, py.stderr).toBe(0)
    const want = JSON.parse(py.stdout) as number[]
    const macro = record.metrics.macro_f1!.slices
    ;[ALL_SLICE, ...slices].forEach((slice, k) => {
      const s = macro[slice]!
      expect({ slice, value: s.value }).toEqual({ slice, value: expect.closeTo(want[2 * k]!, 9) })
      // The paired bootstrap scores both systems through the same rule as the slice's value.
      expect({ slice, c: s.comparison!.candidate, b: s.comparison!.baseline }).toEqual({
        slice,
        c: expect.closeTo(want[2 * k]!, 9),
        b: expect.closeTo(want[2 * k + 1]!, 9)
      })
    })
    // Content refresh uses 3 of the 9 labels: over all 9 it could never pass 3/9.
    expect(macro['content-refresh']!.value).toBeGreaterThan(0.4)
    const gates = record.gates.filter(g => g.metric === 'macro_f1' && g.threshold === 0.4)
    expect(gates.map(g => [g.slice, g.value, g.passed])).toEqual(
      slices.map(s => [s, macro[s]!.value, macro[s]!.value >= 0.4])
    )
  }, 120_000)
})
