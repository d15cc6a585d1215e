import { open, stat } from 'node:fs/promises'
import type { Problem } from '../errors.js'
import type { LoadedModel, RegistryFile } from '../registry/loader.js'
import type { RegistryConfig } from '../registry/schema.js'
import { compileTemplate } from '../prompts/template.js'
import { templateLocation } from '../prompts/sandbox.js'
import { HashIndex } from './hash-index.js'
import { MINHASH_BINS } from './minhash.js'
import type { PiiKind } from './pii.js'
import { fileKind } from './readers.js'
import { checkRange, type EvalIndex, type RangeResult, type RangeTask } from './row-checks.js'
import { rangeResultsInWorkers, workerCount } from './row-worker.js'
import { approximateCounter, LengthStats, type LengthSummary } from './tokens.js'

/** Problems kept in full per model; past this they are counted, not stored, so memory stays bounded. */
export const MAX_PROBLEMS_KEPT = 1000
/** JSONL files at least this large are checked in ranges on worker threads. */
export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024
/** The size of one range of a large file: small enough for steady progress, large enough to amortise a task. */
const RANGE_BYTES = 16 * 1024 * 1024

export type Split = 'train' | 'eval'

export interface SplitStats {
  rows: number
  invalid: number
  duplicates: number
  useCases: Record<string, number>
  labels: Record<string, number>
  tokens: LengthSummary
}

export interface ModelDataReport {
  model: string
  files: { split: Split; display: string; rows: number; invalid: number; bytes: number }[]
  splits: Record<Split, SplitStats>
  leakage: { exact: number; near: number; threshold: number }
  pii: { policy: 'error' | 'warning' | 'off'; byKind: Partial<Record<PiiKind, number>> }
  tokens: { method: string; exact: boolean; contextWindow: number; overContext: number; promptOverhead: number }
  prompt: {
    file: string
    used: string[]
    declared: string[]
    undeclared: string[]
    unused: string[]
    rowsMissingVariables: number
    rendered: number
    renderErrors: number
  }
  problems: Problem[]
  counts: { errors: number; warnings: number }
}

export interface CheckOptions {
  onProgress?: (file: string, bytesDone: number, totalBytes: number) => void
  /** Files at least this large go to worker threads (default PARALLEL_MIN_BYTES). */
  parallelMinBytes?: number
  rangeBytes?: number
  threads?: number
}

/** Byte ranges of a file that each start at a line's first byte. */
async function planRanges(file: string, size: number, rangeBytes: number): Promise<[number, number][]> {
  const cuts = [0]
  const handle = await open(file, 'r')
  try {
    const probe = Buffer.alloc(64 * 1024)
    for (let target = rangeBytes; target < size; target += rangeBytes) {
      let pos = Math.max(target, cuts[cuts.length - 1]! + 1)
      let found = -1
      while (found < 0 && pos < size) {
        const { bytesRead } = await handle.read(probe, 0, probe.length, pos)
        if (bytesRead === 0) break
        const nl = probe.subarray(0, bytesRead).indexOf(10)
        if (nl >= 0) found = pos + nl + 1
        else pos += bytesRead
      }
      if (found < 0 || found >= size) break
      if (found > cuts[cuts.length - 1]!) cuts.push(found)
      target = Math.max(target, found)
    }
  } finally {
    await handle.close()
  }
  return cuts.map((c, i) => [c, cuts[i + 1] ?? size])
}

/**
 * Streams every data file of a model once and checks rows, duplicates, leakage, PII, lengths and the
 * prompt. Large JSONL files are split into line-aligned ranges checked on worker threads; the checks
 * that need every row (duplicates, ids) are made here on the compact keys the ranges return.
 */
export async function checkModelData(
  model: LoadedModel,
  config: RegistryConfig,
  options: CheckOptions = {}
): Promise<ModelDataReport> {
  const { spec } = model
  const policy = config.policy
  const problems: Problem[] = []
  const counts = { errors: 0, warnings: 0 }
  const report = (p: Problem) => {
    if (p.severity === 'error') counts.errors++
    else counts.warnings++
    if (problems.length < MAX_PROBLEMS_KEPT) problems.push(p)
  }
  const compiled = compileTemplate(model.prompt.spec.template)
  if (!compiled.ok)
    report({ file: model.prompt.file.display, line: 1, column: 1, severity: 'error', message: compiled.message })
  const declared = model.prompt.spec.variables.map(v => v.name)
  const used = compiled.ok ? [...compiled.prompt.used].sort() : []
  const base: Omit<RangeTask, 'file' | 'display' | 'split' | 'start' | 'end'> = {
    rules: { format: spec.data.format, labels: spec.data.labels, useCases: spec.use_cases, target: spec.data.target },
    pii: policy.pii,
    maxLineBytes: policy.max_line_bytes,
    nearThreshold: policy.near_duplicate_jaccard,
    ...(compiled.ok ? { template: model.prompt.spec.template } : {}),
    promptFile: await templateLocation(model.prompt.file.absolute, model.prompt.file.display),
    requiredVars: used.filter(v => v !== 'use_case' && v !== 'id'),
    ...(model.tokenizer ? { tokenizerPath: model.tokenizer.absolute } : {}),
    contextWindow: spec.base_model.context_window
  }
  const parallelMin = options.parallelMinBytes ?? PARALLEL_MIN_BYTES
  const rangeBytes = options.rangeBytes ?? RANGE_BYTES

  const splitStats = () => ({
    rows: 0,
    invalid: 0,
    duplicates: 0,
    useCases: {} as Record<string, number>,
    labels: {} as Record<string, number>,
    lengths: new LengthStats()
  })
  const splits = { train: splitStats(), eval: splitStats() }
  const files: ModelDataReport['files'] = []
  const leakage = { exact: 0, near: 0, threshold: policy.near_duplicate_jaccard }
  const piiByKind: Partial<Record<PiiKind, number>> = {}
  let overContext = 0
  let rowsMissingVariables = 0
  let rendered = 0
  let renderErrors = 0
  let promptOverhead = 0
  // Rows are remembered as (file, line) in growing typed arrays; a location string is made only for a message.
  const fileNames: string[] = []
  let rowFile = new Int32Array(1 << 16)
  let rowLine = new Int32Array(1 << 16)
  let rowCount = 0
  const reserveRows = (n: number) => {
    if (n <= rowFile.length) return
    const f = new Int32Array(n)
    const l = new Int32Array(n)
    f.set(rowFile)
    l.set(rowLine)
    rowFile = f
    rowLine = l
  }
  const remember = (fileIndex: number, line: number): number => {
    if (rowCount === rowFile.length) reserveRows(rowCount * 2)
    rowFile[rowCount] = fileIndex
    rowLine[rowCount] = line
    return rowCount++
  }
  const where = (row: number) => `${fileNames[rowFile[row]!]}:${rowLine[row]}`
  const ids = new HashIndex(1 << 12)
  let evalIndex: EvalIndex | undefined

  /** The range results of a file, in order: inline for a small file, from worker threads for a large one. */
  async function* checkFile(split: Split, file: RegistryFile, bytes: number): AsyncGenerator<RangeResult> {
    const ranges: [number, number][] =
      fileKind(file.absolute) === 'jsonl' && bytes >= parallelMin
        ? await planRanges(file.absolute, bytes, rangeBytes)
        : [[0, bytes]]
    const tasks: RangeTask[] = ranges.map(([start, end]) => ({
      ...base,
      file: file.absolute,
      display: file.display,
      split,
      start,
      end
    }))
    const index = split === 'train' ? evalIndex : undefined
    options.onProgress?.(file.display, 0, bytes)
    if (tasks.length === 1) yield await checkRange(tasks[0]!, index)
    else {
      let i = 0
      for await (const result of rangeResultsInWorkers(tasks, options.threads ?? workerCount(), index)) {
        options.onProgress?.(file.display, tasks[i++]!.end, bytes)
        yield result
      }
    }
    options.onProgress?.(file.display, bytes, bytes)
  }

  for (const split of ['eval', 'train'] as const) {
    const dupes = new HashIndex(1 << 12)
    const evalRows: number[] = []
    const evalHashes: Float64Array[] = []
    const evalSigs: Uint32Array[] = []
    for (const file of split === 'eval' ? model.eval : model.train) {
      if (!fileKind(file.absolute)) {
        report({
          file: file.display,
          line: 1,
          column: 1,
          severity: 'error',
          message: 'unknown data file type; expected .jsonl, .csv or .parquet'
        })
        files.push({ split, display: file.display, rows: 0, invalid: 0, bytes: 0 })
        continue
      }
      const bytes = (await stat(file.absolute)).size
      const fileIndex = fileNames.push(file.display) - 1
      const entry = { split, display: file.display, rows: 0, invalid: 0, bytes }
      files.push(entry)
      const stats = splits[split]
      let offset = 0
      let sawAnyRow = false
      let reserved = false
      for await (const r of checkFile(split, file, bytes)) {
        // A large file's first range tells about how many rows it has: room for them all at once, rather
        // than doubling the tables (and holding old and new copies) a dozen times on the way.
        if (!reserved && r.rows > 0 && bytes > rangeBytes) {
          reserved = true
          const estimate = Math.min(Math.ceil((r.rows * bytes) / rangeBytes), Math.ceil(bytes / 3))
          reserveRows(rowCount + estimate)
          dupes.reserve(dupes.size + estimate)
          ids.reserve(ids.size + estimate)
        }
        for (const p of r.problems) report({ ...p, line: p.line + offset })
        // Problems a range counted but did not keep still count.
        const extra = {
          errors: r.counts.errors - r.problems.filter(p => p.severity === 'error').length,
          warnings: r.counts.warnings - r.problems.filter(p => p.severity === 'warning').length
        }
        counts.errors += extra.errors
        counts.warnings += extra.warnings
        entry.rows += r.rows
        entry.invalid += r.invalid
        stats.rows += r.rows
        stats.invalid += r.invalid
        sawAnyRow ||= r.sawAnyRow
        for (const [k, n] of Object.entries(r.useCases)) stats.useCases[k] = (stats.useCases[k] ?? 0) + n
        for (const [k, n] of Object.entries(r.labels)) stats.labels[k] = (stats.labels[k] ?? 0) + n
        for (const [k, n] of Object.entries(r.piiByKind))
          piiByKind[k as PiiKind] = (piiByKind[k as PiiKind] ?? 0) + (n ?? 0)
        for (let i = 0; i < r.tokenLengths.length; i++) stats.lengths.add(r.tokenLengths[i]!)
        leakage.exact += r.leakageExact
        leakage.near += r.leakageNear
        overContext += r.overContext
        rowsMissingVariables += r.rowsMissingVariables
        rendered += r.rendered
        renderErrors += r.renderErrors
        promptOverhead = Math.max(promptOverhead, r.overhead)
        for (let i = 0; i < r.rowLines.length; i++) {
          const line = r.rowLines[i]! + offset
          const row = remember(fileIndex, line)
          const first = dupes.setIfAbsent(r.dupKeys[i]!, row)
          if (first >= 0) {
            stats.duplicates++
            if (problems.length < MAX_PROBLEMS_KEPT)
              report({
                file: file.display,
                line,
                column: 1,
                severity: 'warning',
                message: `exact duplicate of ${where(first)} (after normalising case and whitespace)`
              })
            else counts.warnings++
          }
          const idHash = r.idHashes[i]!
          if (!Number.isNaN(idHash)) {
            const prev = ids.setIfAbsent(idHash, row)
            if (prev >= 0)
              report({
                file: file.display,
                line,
                column: 1,
                severity: 'error',
                message: `id is used again; first at ${where(prev)}. Expected ids unique across the model's train and eval files`
              })
          }
          if (split === 'eval') evalRows.push(row)
        }
        if (r.inputHashes && r.signatures) {
          evalHashes.push(r.inputHashes)
          evalSigs.push(r.signatures)
        }
        offset += r.lines
      }
      if (!sawAnyRow && entry.invalid === 0)
        report({
          file: file.display,
          line: 1,
          column: 1,
          severity: 'error',
          message: 'the file has no rows; expected at least one example'
        })
    }
    if (split === 'eval') {
      const n = evalHashes.reduce((k, a) => k + a.length, 0)
      const inputHashes = new Float64Array(n)
      const signatures = new Uint32Array(n * MINHASH_BINS)
      let at = 0
      evalHashes.forEach((h, i) => {
        inputHashes.set(h, at)
        signatures.set(evalSigs[i]!, at * MINHASH_BINS)
        at += h.length
      })
      evalIndex = { inputHashes, signatures, locations: evalRows.map(where) }
    }
  }

  const finalSplits = {} as Record<Split, SplitStats>
  for (const split of ['train', 'eval'] as const) {
    const s = splits[split]
    finalSplits[split] = {
      rows: s.rows,
      invalid: s.invalid,
      duplicates: s.duplicates,
      useCases: s.useCases,
      labels: s.labels,
      tokens: s.lengths.summary()
    }
    const file = (split === 'train' ? model.train : model.eval)[0]?.display ?? model.file.display
    if (s.rows === 0) continue
    for (const uc of spec.use_cases) {
      if (!s.useCases[uc])
        report({
          file,
          line: 1,
          column: 1,
          severity: 'warning',
          message: `use case '${uc}' has no ${split} rows${split === 'eval' ? ': its slice cannot be evaluated' : ''}`
        })
    }
    for (const label of spec.data.labels ?? []) {
      const n = s.labels[label] ?? 0
      if (n === 0)
        report({ file, line: 1, column: 1, severity: 'warning', message: `label '${label}' has no ${split} rows` })
      else if (n / s.rows < 0.01)
        report({
          file,
          line: 1,
          column: 1,
          severity: 'warning',
          message: `label '${label}' is ${((100 * n) / s.rows).toFixed(2)}% of ${split} rows; the classes are badly unbalanced`
        })
    }
  }
  const undeclared = used.filter(v => !declared.includes(v) && v !== 'use_case')
  const unused = declared.filter(v => !used.includes(v))
  for (const v of undeclared)
    report({
      file: model.prompt.file.display,
      line: 1,
      column: 1,
      severity: 'warning',
      message: `the template uses '${v}', which is not in 'variables'`
    })
  for (const v of unused)
    report({
      file: model.prompt.file.display,
      line: 1,
      column: 1,
      severity: 'warning',
      message: `variable '${v}' is declared but the template never uses it`
    })
  problems.sort((a, b) => (a.file === b.file ? a.line - b.line : 0))
  const method = model.tokenizer ? `exact, ${model.tokenizer.relative}` : approximateCounter.method
  return {
    model: spec.name,
    files,
    splits: finalSplits,
    leakage,
    pii: { policy: policy.pii, byKind: piiByKind },
    tokens: {
      method,
      exact: Boolean(model.tokenizer),
      contextWindow: spec.base_model.context_window,
      overContext,
      promptOverhead
    },
    prompt: {
      file: model.prompt.file.display,
      used,
      declared,
      undeclared,
      unused,
      rowsMissingVariables,
      rendered,
      renderErrors
    },
    problems,
    counts
  }
}
