import {
  LineCounter,
  parseDocument,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isNode,
  visit,
  type Document,
  type Node
} from 'yaml'
import type { ZodError, ZodType } from 'zod'
import type { Problem } from '../errors.js'
import { didYouMean } from './closest-name.js'

/** Keys that would reach an object's prototype when a parsed document is copied or merged. */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** At most this many alias nodes in a spec file; YAML anchors are rarely needed in one. */
export const MAX_ALIASES = 50

export interface ParsedYaml {
  value: unknown
  doc: Document.Parsed
  lines: LineCounter
  problems: Problem[]
}

/**
 * Parses one YAML document and reports every syntax problem with its position, refuses
 * prototype keys and alias bombs. `value` is undefined when the document cannot be used.
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true })
  const problems: Problem[] = []
  const at = (offset: number, message: string, severity: Problem['severity'] = 'error') => {
    const { line, col } = lines.linePos(offset)
    problems.push({ file, line, column: col, severity, message })
  }
  for (const e of doc.errors) at(e.pos[0], yamlMessage(e.message))
  for (const w of doc.warnings) at(w.pos[0], yamlMessage(w.message), 'warning')

  let aliases = 0
  let firstAlias = -1
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && FORBIDDEN_KEYS.has(pair.key.value)) {
        at(
          pair.key.range?.[0] ?? 0,
          `key '${pair.key.value}' is not allowed (it would reach the object prototype); rename it`
        )
      }
    },
    Alias(_, node) {
      aliases++
      if (firstAlias < 0) firstAlias = node.range?.[0] ?? 0
    }
  })
  if (aliases > MAX_ALIASES) {
    at(
      firstAlias,
      `${aliases} YAML aliases; expected at most ${MAX_ALIASES} (alias expansion is a resource-exhaustion attack)`
    )
  }
  if (problems.some(p => p.severity === 'error')) return { value: undefined, doc, lines, problems }
  try {
    // maxAliasCount bounds the expansion of nested aliases (billion laughs) during conversion.
    const value = doc.toJS({ maxAliasCount: 100 })
    return { value, doc, lines, problems }
  } catch (e) {
    at(firstAlias >= 0 ? firstAlias : 0, `cannot expand the document: ${e instanceof Error ? e.message : String(e)}`)
    return { value: undefined, doc, lines, problems }
  }
}

function yamlMessage(message: string): string {
  if (/call stack/i.test(message)) return 'the document nests too deeply to read; expected a spec of ordinary depth'
  // The yaml package appends " at line X, column Y" and a code excerpt; the position is ours to print.
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}

/** The node at a path, or the deepest ancestor that exists. */
function nodeAt(doc: Document.Parsed, path: readonly PropertyKey[]): { node: Node | null; depth: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true)
    if (isNode(node)) return { node, depth }
  }
  return { node: doc.contents, depth: 0 }
}

/** Byte offset for a path in the document: the key of a missing or unknown field, else the value. */
export function offsetOf(doc: Document.Parsed, path: readonly PropertyKey[], unknownKey?: string): number {
  const { node } = nodeAt(doc, path)
  if (node && unknownKey !== undefined && isMap(node)) {
    const pair = node.items.find(p => isPair(p) && isScalar(p.key) && p.key.value === unknownKey)
    if (pair && isScalar(pair.key)) return pair.key.range?.[0] ?? 0
  }
  if (node && isAlias(node)) return node.range?.[0] ?? 0
  return node?.range?.[0] ?? 0
}

/**
 * Converts zod issues to located problems, one per issue (unknown keys: one per key, with the schema's nearest
 * field name when `schema` is given and one is close: `trainr` → did you mean 'training'?).
 */
export function zodProblems(error: ZodError, parsed: ParsedYaml, file: string, schema?: ZodType): Problem[] {
  const problems: Problem[] = []
  for (const issue of error.issues) {
    const path = issue.path as PropertyKey[]
    const where = path.length ? path.map(String).join('.') : '(top level)'
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const { line, col } = parsed.lines.linePos(offsetOf(parsed.doc, path, key))
        problems.push({
          file,
          line,
          column: col,
          severity: 'error',
          message:
            `unknown field '${[...path.map(String), key].join('.')}'` +
            (didYouMean(key, schema ? fieldsAt(schema, path) : []) || '; expected only the fields the schema defines')
        })
      }
      continue
    }
    const { line, col } = parsed.lines.linePos(offsetOf(parsed.doc, path))
    const present = parsed.doc.hasIn(path as unknown[])
    const message =
      !present && issue.code === 'invalid_type'
        ? `missing field '${where}': ${issue.message}`
        : `${where}: ${issue.message}`
    problems.push({ file, line, column: col, severity: 'error', message })
  }
  return problems
}

/** The field names the schema allows for the object at `path` (none where it is not an object). */
function fieldsAt(schema: ZodType, path: readonly PropertyKey[]): string[] {
  const found: string[] = []
  const visit = (node: unknown, rest: readonly PropertyKey[], depth: number): void => {
    // zod 4's definitions (`_zod.def`): wrappers are unwrapped, unions searched; depth bounds recursive schemas.
    const def = (node as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def
    if (!def || depth > 64) return
    const next = (n: unknown, r = rest) => visit(n, r, depth + 1)
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'catch':
      case 'readonly':
      case 'nonoptional':
        return next(def.innerType)
      case 'pipe':
        return next(def.in)
      case 'lazy':
        return next((def.getter as () => unknown)())
      case 'union':
        return (def.options as unknown[]).forEach(o => next(o))
      case 'intersection':
        return [def.left, def.right].forEach(o => next(o))
      case 'array':
        return rest.length ? next(def.element, rest.slice(1)) : undefined
      case 'record':
        return rest.length ? next(def.valueType, rest.slice(1)) : undefined
      case 'object': {
        const shape = def.shape as Record<string, unknown>
        if (!rest.length) found.push(...Object.keys(shape))
        else if (Object.hasOwn(shape, String(rest[0]))) next(shape[String(rest[0])], rest.slice(1))
        return
      }
    }
  }
  visit(schema, path, 0)
  return found
}
