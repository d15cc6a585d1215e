import path from 'node:path'
import type { Problem } from '../errors.js'
import { readRows } from '../data/readers.js'
import type { ValidationResult } from '../data/validate.js'
import { MAX_LINE_BYTES } from '../registry/schema.js'

/** The two rows of a near-duplicate warning: where each is and its text. */
export interface NearDuplicatePair {
  train: { file: string; line: number; text: string }
  eval: { file: string; line: number; text: string }
  similarity: string
}

/** Pairs read for the report: a reviewer needs a few to judge, not all of them. */
const PAIRS_SHOWN = 5

// Written by the row checks (src/data/row-checks.ts): `… estimated Jaccard 0.91 ≥ 0.8 with <file>:<line> (MinHash …`.
const NEAR = /^train\/eval near-duplicate: estimated Jaccard ([0-9.]+) ≥ [0-9.]+ with (.+):(\d+) \(MinHash/

/** The text a row is about: its input field in each dataset format, else the row as JSON. */
function rowText(value: Record<string, unknown>): string {
  for (const key of ['text', 'prompt', 'instruction', 'input']) if (typeof value[key] === 'string') return value[key]
  const messages = value.messages
  if (Array.isArray(messages)) {
    const user = messages.find(
      (m): m is { role: string; content: string } =>
        typeof m === 'object' && m !== null && (m as { role?: unknown }).role === 'user'
    )
    if (user && typeof user.content === 'string') return user.content
  }
  return JSON.stringify(value)
}

/**
 * The first near-duplicate warnings' two rows, read again from their files (each file once, up to the last line
 * wanted). Paths are the problems' display paths, relative to `displayBase`; a path outside `root` is skipped.
 */
export async function nearDuplicatePairs(
  problems: Problem[],
  options: { displayBase: string; root: string; maxLineBytes: number }
): Promise<NearDuplicatePair[]> {
  const wanted: { train: [string, number]; eval: [string, number]; similarity: string }[] = []
  for (const p of problems) {
    const m = NEAR.exec(p.message)
    if (!m) continue
    wanted.push({ train: [p.file, p.line], eval: [m[2]!, Number(m[3])], similarity: m[1]! })
    if (wanted.length >= PAIRS_SHOWN) break
  }
  if (!wanted.length) return []
  const lines = new Map<string, Set<number>>()
  for (const w of wanted)
    for (const [file, line] of [w.train, w.eval]) lines.set(file, (lines.get(file) ?? new Set()).add(line))
  const root = path.resolve(options.root)
  const texts = new Map<string, string>()
  for (const [file, want] of lines) {
    const absolute = path.resolve(options.displayBase, file)
    if (!absolute.startsWith(root + path.sep)) continue
    const last = Math.max(...want)
    for await (const ev of readRows(absolute, { maxLineBytes: options.maxLineBytes })) {
      if (ev.kind === 'row' && want.has(ev.line)) texts.set(`${file}:${ev.line}`, rowText(ev.value))
      if (ev.line >= last) break
    }
  }
  return wanted.map(w => ({
    train: { file: w.train[0], line: w.train[1], text: texts.get(`${w.train[0]}:${w.train[1]}`) ?? '' },
    eval: { file: w.eval[0], line: w.eval[1], text: texts.get(`${w.eval[0]}:${w.eval[1]}`) ?? '' },
    similarity: w.similarity
  }))
}

/** Each model's first near-duplicate pairs, for the validation report. */
export async function nearDuplicatesOf(
  r: ValidationResult,
  options: { displayBase: string; root: string }
): Promise<Map<string, NearDuplicatePair[]>> {
  const out = new Map<string, NearDuplicatePair[]>()
  for (const m of r.models) {
    const pairs = await nearDuplicatePairs(m.data.problems, { ...options, maxLineBytes: MAX_LINE_BYTES })
    if (pairs.length) out.set(m.model, pairs)
  }
  return out
}
