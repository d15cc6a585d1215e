/** Rows nested deeper than this are refused: every later step walks rows recursively. */
export const MAX_NESTING = 512
const TOO_DEEP = -2
/** A quote, JSON whitespace, then a colon: a key written as `"a" : 1`, which makes no `":` pair. */
const KEY_GAP = /"[ \t\r\n]+:/

export type JsonLineResult = { ok: true; value: unknown } | { ok: false; column: number; message: string }

/**
 * Parses one JSON line and refuses what JSON.parse lets through: duplicate keys (the last one would
 * silently win) and prototype keys. The slow exact scan runs only when a quick count cannot rule
 * duplicates out, so clean data pays little for it. `keyMarks`, when the caller has it, is that count
 * (the '":' pairs in the text: the line reader counts them on the bytes, in one pass per run of lines), or
 * KEY_GAP_MARK where whitespace separates a quote from a colon (see keyMarksPerLine).
 */
export function parseJsonLine(text: string, keyMarks?: number): JsonLineResult {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    const m = /position (\d+)/.exec(message)
    const offset = m ? Number(m[1]) : jsonErrorOffset(text)
    const reason = message
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/, ".*" is not valid JSON$/s, '')
      .replace(/^Unexpected/, 'unexpected')
    return { ok: false, column: offset + 1, message: `invalid JSON: ${reason} at column ${offset + 1}` }
  }
  const keys = value !== null && typeof value === 'object' ? countKeys(value, 0) : 0
  if (keys === TOO_DEEP)
    return {
      ok: false,
      column: 1,
      message: `the row nests more than ${MAX_NESTING} levels deep; expected a flat example`
    }
  if (keys < 0)
    return {
      ok: false,
      column: 1,
      message: "a key '__proto__', 'constructor' or 'prototype' is not allowed in a row; rename it"
    }
  // Every key is a string followed by a colon. Without whitespace between a quote and a colon, every key in
  // the text makes one '":' pair, so pairs = keys in the text + pairs inside values ≥ the keys JSON.parse
  // kept, equal only when no key repeats. With such a gap (it hides a key's pair, and could offset a repeated
  // key) or a different count, scan exactly.
  // keyMarks from the line reader is KEY_GAP_MARK (never a count) where such a gap is in the line.
  const exact = keyMarks === undefined ? keyMarkCount(text) !== keys || KEY_GAP.test(text) : keyMarks !== keys
  if (keys > 0 && exact) {
    const dup = findDuplicateKey(text)
    if (dup)
      return {
        ok: false,
        column: dup.column,
        message: `duplicate key '${dup.key}'; expected each key once per object (JSON.parse would keep only the last)`
      }
  }
  // A lone surrogate can only come from a \u escape (the text itself is strict UTF-8).
  if (text.includes('\\u')) {
    const at = loneSurrogateOffset(text)
    if (at >= 0)
      return {
        ok: false,
        column: at + 1,
        message: `lone surrogate '${text.slice(at, at + 6)}' at column ${at + 1}; expected well-formed Unicode text (strict UTF-8)`
      }
  }
  return { ok: true, value }
}

/**
 * Offset of the first \u escape of a surrogate that is not half of a pair, or -1. Hand-written: JSON.parse
 * accepts them silently and String.prototype.isWellFormed does not say where.
 */
export function loneSurrogateOffset(text: string): number {
  const hex = (i: number) => {
    if (text.charCodeAt(i) !== 92 || text.charCodeAt(i + 1) !== 117) return -1
    const v = Number.parseInt(text.slice(i + 2, i + 6), 16)
    return Number.isNaN(v) ? -1 : v
  }
  for (let i = text.indexOf('\\'); i >= 0 && i < text.length; i = text.indexOf('\\', i)) {
    if (text.charCodeAt(i + 1) !== 117) {
      i += 2 // any other escape, \\ included
      continue
    }
    const v = hex(i)
    if (v >= 0xd800 && v <= 0xdbff) {
      const low = hex(i + 6)
      if (low < 0xdc00 || low > 0xdfff) return i
      i += 12
    } else if (v >= 0xdc00 && v <= 0xdfff) return i
    else i += 6
  }
  return -1
}

/** Total keys in all objects of a value; -1 when a forbidden key is present, TOO_DEEP past MAX_NESTING. */
function countKeys(value: object, depth: number): number {
  if (depth >= MAX_NESTING) return TOO_DEEP
  let n = 0
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i]
      if (v === null || typeof v !== 'object') continue
      const k = countKeys(v, depth + 1)
      if (k < 0) return k
      n += k
    }
    return n
  }
  // JSON.parse makes "__proto__" an own property; for-in sees it (and walks without allocating a key list).
  for (const key in value) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return -1
    n++
    const v = (value as Record<string, unknown>)[key]
    if (v === null || typeof v !== 'object') continue
    const k = countKeys(v, depth + 1)
    if (k < 0) return k
    n += k
  }
  return n
}

function keyMarkCount(text: string): number {
  let n = 0
  for (let i = text.indexOf('":'); i >= 0; i = text.indexOf('":', i + 2)) n++
  return n
}

/** Exact scan of a valid JSON text for a key repeated within one object. */
function findDuplicateKey(text: string): { key: string; column: number } | null {
  const stack: (Set<string> | null)[] = []
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 34) {
      const start = i
      i++
      while (i < n) {
        const d = text.charCodeAt(i)
        if (d === 92) i += 2
        else if (d === 34) break
        else i++
      }
      const end = i
      i++
      let j = i
      while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++
      const top = stack[stack.length - 1]
      if (top && text.charCodeAt(j) === 58) {
        const key = JSON.parse(text.slice(start, end + 1)) as string
        if (top.has(key)) return { key, column: start + 1 }
        top.add(key)
      }
      continue
    }
    if (c === 123) stack.push(new Set())
    else if (c === 91) stack.push(null)
    else if (c === 125 || c === 93) stack.pop()
    i++
  }
  return null
}

/**
 * Offset of the first syntax error in a JSON text. Runs only after JSON.parse failed, because some
 * Node versions' messages carry no position; a small recursive-descent scan, no values built.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const fail = (): never => {
    throw i
  }
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length
    else fail()
  }
  const string = () => {
    i++
    while (i < text.length) {
      const c = text.charCodeAt(i)
      if (c === 34) {
        i++
        return
      }
      if (c < 32) fail()
      if (c === 92) {
        const e = text[i + 1]
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2
            fail()
          }
          i += 6
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2
        else {
          i++
          fail()
        }
      } else i++
    }
    fail()
  }
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))
    if (!m || m[0] === '' || m[0] === '-') fail()
    i += m![0].length
  }
  const value = (): void => {
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      ws()
      if (text[i] === '}') {
        i++
        return
      }
      for (;;) {
        ws()
        if (text[i] !== '"') fail()
        string()
        ws()
        if (text[i] !== ':') fail()
        i++
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === '}') {
          i++
          return
        } else fail()
      }
    } else if (c === '[') {
      i++
      ws()
      if (text[i] === ']') {
        i++
        return
      }
      for (;;) {
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === ']') {
          i++
          return
        } else fail()
      }
    } else if (c === '"') string()
    else if (c === 't') literal('true')
    else if (c === 'f') literal('false')
    else if (c === 'n') literal('null')
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number()
    else fail()
  }
  try {
    value()
    ws()
    if (i < text.length) fail()
    return 0
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : 0
  }
}
