import { describe, expect, it } from 'vitest'
import type { EvaluationRecord } from '../src/evaluation/record.js'
import { recordDifferences } from '../src/release/verify.js'

/** A record with only what recordDifferences reads: no metrics or gates, and `n` examples' scores. */
function record(n: number, edit?: (e: EvaluationRecord['per_example'][number], i: number) => void): EvaluationRecord {
  const per_example = Array.from({ length: n }, (_, i) => ({
    id: `ex-${i}`,
    use_case: i % 2 ? 'a' : 'b',
    stats: { accuracy: [i % 3 ? 1 : 0], macro_f1: [i % 5, 1] }
  }))
  per_example.forEach((e, i) => edit?.(e, i))
  return { verdict: 'pass', metrics: {}, gates: [], per_example } as unknown as EvaluationRecord
}

describe("promote's comparison of a record's per-example scores with the recomputed ones", () => {
  const differs = /per-example scores differ/

  it('finds none when every example has the same scores, whatever the order of their keys', () => {
    const reordered = record(1000, e => (e.stats = { macro_f1: e.stats.macro_f1!, accuracy: e.stats.accuracy! }))
    expect(recordDifferences(record(1000), reordered)).toEqual([])
  })

  it('finds one changed score, a missing example and an extra one', () => {
    const edited = record(1000, (e, i) => i === 777 && (e.stats.accuracy = [0.5]))
    expect(recordDifferences(record(1000), edited)).toEqual([expect.stringMatching(differs)])
    expect(recordDifferences(record(1000), record(999))).toEqual([expect.stringMatching(differs)])
    expect(recordDifferences(record(999), record(1000))).toEqual([expect.stringMatching(differs)])
    const renamed = record(1000, (e, i) => i === 0 && (e.id = 'other'))
    expect(recordDifferences(record(1000), renamed)).toEqual([expect.stringMatching(differs)])
  })
})
