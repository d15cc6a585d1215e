import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Problem } from '../errors.js'
import { toExample, type FormatRules } from '../data/examples.js'
import { hash53, normaliseText } from '../data/hash-index.js'
import { findPii, type PiiKind } from '../data/pii.js'
import { readRows } from '../data/readers.js'
import { checkRange, type RangeTask } from '../data/row-checks.js'
import { compileTemplate, type CompileResult } from '../prompts/template.js'
import type { LoadedModel, RegistryFile } from '../registry/loader.js'
import type { RegistryConfig } from '../registry/schema.js'
import type { DataFile } from './sources.js'
import { ensureExternalFiles } from '../data/external.js'

/** Problems kept in full; past this they are counted. */
const MAX_PROBLEMS = 200
/** Feedback rows proposed in one run at most: a retraining PR is reviewed by people. */
/** Every string in a parsed row, keys included, depth first (a row is bounded by the line limit). */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (typeof value === 'number') out.push(String(value))
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out)
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push(k)
      stringsOf(v, out)
    }
  return out
}

/** The top-level fields each format reads; `fields` reads its target and whatever the prompt names. */
const FORMAT_FIELDS: Record<FormatRules['format'], string[]> = {
  chat: ['messages'],
  completion: ['prompt', 'completion'],
  instruction: ['instruction', 'input', 'output'],
  classification: ['text', 'label'],
  fields: []
}

export const MAX_FEEDBACK_ROWS = 100_000
/** Rows checked per range: each has at most a few problems, so a range's cap of 1,000 is never reached. */
const CHECK_BATCH = 200

export interface FeedbackResult {
  /** The train file the rows are appended to (the model's last JSONL train file), if it has one. */
  target?: RegistryFile
  /** The accepted rows, one JSON object per line, in the order they came. */
  lines: string[]
  read: number
  leftOut: { invalid: number; pii: number; duplicates: number; overLimit: number }
  piiByKind: Partial<Record<PiiKind, number>>
  /** Fields the model does not read, dropped from the accepted rows (production data is kept to what training needs). */
  droppedFields: number
  problems: Problem[]
}

const contentKey = (input: string, target: string) => hash53(`${normaliseText(input)}\u0001${normaliseText(target)}`)

/**
 * Labelled production rows proposed as training rows: each must pass the validate action's row checks
 * (format, labels, use cases, prompt variables, context window), carry an id, hold no personal data,
 * and be new — neither its id nor its content already in the model's train or eval data, nor earlier
 * in the feedback. Rows left out are counted, and located in `problems`; nothing is silently dropped.
 */
export async function prepareFeedback(
  files: DataFile[],
  model: LoadedModel,
  config: RegistryConfig,
  workDir: string
): Promise<FeedbackResult> {
  const { spec } = model
  const rules: FormatRules = {
    format: spec.data.format,
    labels: spec.data.labels,
    useCases: spec.use_cases,
    target: spec.data.target
  }
  const maxLineBytes = config.policy.max_line_bytes
  const problems: Problem[] = []
  const report = (p: Problem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p)
  }
  const result: FeedbackResult = {
    lines: [],
    read: 0,
    leftOut: { invalid: 0, pii: 0, duplicates: 0, overLimit: 0 },
    piiByKind: {},
    droppedFields: 0,
    problems
  }
  const compiled = compileTemplate(model.prompt.spec.template)
  // An external dataset is pinned by its digest: rows are never appended to it, only to a file in the registry.
  result.target = [...model.train].reverse().find(f => !f.external && f.relative.toLowerCase().endsWith('.jsonl'))

  const run: FeedbackRun = { model, config, workDir, rules, maxLineBytes, compiled, result, report }
  const candidates = await newRows(run, files, await knownRows(run))
  const rejected = await failingRowChecks(run, candidates)
  result.leftOut.invalid += rejected.size
  const accepted = candidates.filter((_, i) => !rejected.has(i))
  result.lines = accepted.map(c => c.line)
  result.droppedFields = accepted.reduce((sum, c) => sum + c.dropped, 0)
  return result
}

/** What every step of one feedback run shares: the model, its rules, the result so far and the problem sink. */
interface FeedbackRun {
  model: LoadedModel
  config: RegistryConfig
  workDir: string
  rules: FormatRules
  maxLineBytes: number
  compiled: CompileResult
  result: FeedbackResult
  report: (p: Problem) => void
}

/** A feedback row that passed the first checks: its kept fields as a JSON line, and where it came from. */
interface Candidate {
  line: string
  dropped: number
  at: { file: string; line: number }
}

/** The hashed ids and normalised contents of the model's train and eval rows. */
interface KnownRows {
  ids: Set<number>
  contents: Set<number>
}

/** What the model already has: ids and normalised content of its train and eval rows. */
async function knownRows({ model, rules, maxLineBytes }: FeedbackRun): Promise<KnownRows> {
  const ids = new Set<number>()
  const contents = new Set<number>()
  await ensureExternalFiles([...model.train, ...model.eval])
  for (const file of [...model.train, ...model.eval])
    for await (const ev of readRows(file.absolute, { maxLineBytes, display: file.display })) {
      if (ev.kind !== 'row') continue
      const ex = toExample(ev.value, rules)
      if (!ex.ok) continue
      if (ex.example.id !== undefined) ids.add(hash53(ex.example.id))
      contents.add(contentKey(ex.example.input, ex.example.target))
    }
  return { ids, contents }
}

/**
 * The feedback rows that read as examples, carry an id, hold no personal data and are new, with their unread
 * fields dropped; the others are counted and reported. Each kept row's id and content join `known`.
 */
async function newRows(run: FeedbackRun, files: DataFile[], { ids, contents }: KnownRows): Promise<Candidate[]> {
  const { rules, maxLineBytes, result, report } = run
  const kept = keptFields(run)
  const candidates: Candidate[] = []
  for (const file of files)
    for await (const ev of readRows(file.path, { maxLineBytes, display: file.display })) {
      result.read++
      if (ev.kind === 'error') {
        result.leftOut.invalid++
        report({ file: file.display, line: ev.line, column: ev.column, severity: 'error', message: ev.message })
        continue
      }
      const at = { file: file.display, line: ev.line }
      const row = kept(ev.value)
      const ex = toExample(row, rules)
      if (!ex.ok || ex.example.id === undefined) {
        result.leftOut.invalid++
        const message = ex.ok ? "missing field 'id'; a feedback row needs an id" : ex.problems.join('; ')
        report({ ...at, column: 1, severity: 'error', message })
        continue
      }
      // Every field: the whole row is committed, so personal data in an id or an extra field counts too.
      const pii = stringsOf(ev.value).flatMap(text => findPii(text))
      if (pii.length) {
        result.leftOut.pii++
        for (const f of pii) result.piiByKind[f.kind] = (result.piiByKind[f.kind] ?? 0) + 1
        report({
          ...at,
          column: 1,
          severity: 'warning',
          message: `left out: personal data (${pii.map(f => `${f.kind} ${f.masked}`).join(', ')})`
        })
        continue
      }
      const idKey = hash53(ex.example.id)
      const key = contentKey(ex.example.input, ex.example.target)
      if (ids.has(idKey) || contents.has(key)) {
        result.leftOut.duplicates++
        report({
          ...at,
          column: 1,
          severity: 'warning',
          message: ids.has(idKey)
            ? `left out: id '${ex.example.id}' is already in the data`
            : 'left out: the same row is already in the data'
        })
        continue
      }
      if (candidates.length >= MAX_FEEDBACK_ROWS) {
        result.leftOut.overLimit++
        continue
      }
      ids.add(idKey)
      contents.add(key)
      candidates.push({
        line: JSON.stringify(row),
        dropped: Object.keys(ev.value).length - Object.keys(row).length,
        at
      })
    }
  return candidates
}

/** A row cut to the fields the model reads. */
function keptFields({ rules, compiled }: FeedbackRun): (value: Record<string, unknown>) => Record<string, unknown> {
  // Kept: id, use_case, the format's fields, the target and every variable the prompt reads; nothing else.
  const keep = new Set(['id', 'use_case', ...FORMAT_FIELDS[rules.format], ...(compiled.ok ? compiled.prompt.used : [])])
  if (rules.format === 'fields') keep.add(rules.target ?? 'target')
  // A `fields` row whose prompt does not compile is left whole: the row checks below reject the prompt.
  return (value: Record<string, unknown>) =>
    rules.format === 'fields' && !compiled.ok
      ? value
      : Object.fromEntries(Object.entries(value).filter(([k]) => keep.has(k)))
}

/** The indexes of the candidates that fail the rest of validate's row checks; each failure is reported once. */
async function failingRowChecks(run: FeedbackRun, candidates: Candidate[]): Promise<Set<number>> {
  const { model, config, workDir, rules, maxLineBytes, compiled, report } = run
  const { spec } = model
  // The rest of validate's row checks (prompt variables, rendering, context window) on the accepted rows,
  // in batches small enough that every problem of a batch is kept (a range keeps its first 1,000).
  const rejected = new Set<number>()
  for (let from = 0; from < candidates.length; from += CHECK_BATCH) {
    const batch = candidates.slice(from, from + CHECK_BATCH)
    const text = batch.map(c => c.line).join('\n') + '\n'
    const file = path.join(workDir, `feedback-${spec.name}.jsonl`)
    await writeFile(file, text)
    const task: RangeTask = {
      file,
      display: file,
      split: 'train',
      start: 0,
      end: Buffer.byteLength(text),
      rules,
      pii: 'off',
      maxLineBytes,
      nearThreshold: config.policy.near_duplicate_jaccard,
      ...(compiled.ok ? { template: model.prompt.spec.template } : {}),
      promptFile: model.prompt.file.display,
      requiredVars: compiled.ok ? [...compiled.prompt.used].filter(v => v !== 'use_case' && v !== 'id') : [],
      ...(model.tokenizer ? { tokenizerPath: model.tokenizer.absolute } : {}),
      contextWindow: spec.base_model.context_window
    }
    for (const p of (await checkRange(task)).problems)
      if (p.severity === 'error') {
        const c = batch[p.line - 1]
        if (!c || rejected.has(from + p.line - 1)) continue
        rejected.add(from + p.line - 1)
        report({ file: c.at.file, line: c.at.line, column: p.column, severity: 'error', message: p.message })
      }
  }
  return rejected
}
