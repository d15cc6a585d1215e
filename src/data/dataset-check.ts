import { stat } from 'node:fs/promises'
import type { Problem } from '../errors.js'
import type { LoadedModel, RegistryFile } from '../registry/loader.js'
import type { RegistryConfig } from '../registry/schema.js'
import { compileTemplate, render, type CompiledPrompt } from '../prompts/template.js'
import { toExample, type Example, type FormatRules } from './examples.js'
import { HashIndex, hash53, normaliseText } from './hash-index.js'
import { LshIndex, signature } from './minhash.js'
import { findPii, type PiiKind } from './pii.js'
import { fileKind, readRows } from './readers.js'
import { approximateCounter, LengthStats, tokenizerCounter, type LengthSummary, type TokenCounter } from './tokens.js'

/** Problems kept in full per model; past this they are counted, not stored, so memory stays bounded. */
export const MAX_PROBLEMS_KEPT = 1000
/** Rows rendered through the prompt per file: the first ones, then every RENDER_EVERY-th. */
const RENDER_FIRST = 500
const RENDER_EVERY = 1000

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
  prompt: { file: string; used: string[]; declared: string[]; undeclared: string[]; unused: string[]; rowsMissingVariables: number; rendered: number; renderErrors: number }
  problems: Problem[]
  counts: { errors: number; warnings: number }
}

export interface CheckOptions {
  onProgress?: (file: string, bytesRead: number, totalBytes: number) => void
}

/** Streams every data file of a model once and checks rows, duplicates, leakage, PII, lengths and the prompt. */
export async function checkModelData(model: LoadedModel, config: RegistryConfig, options: CheckOptions = {}): Promise<ModelDataReport> {
  const { spec } = model
  const policy = config.policy
  const problems: Problem[] = []
  const counts = { errors: 0, warnings: 0 }
  const report = (p: Problem) => {
    if (p.severity === 'error') counts.errors++
    else counts.warnings++
    if (problems.length < MAX_PROBLEMS_KEPT) problems.push(p)
  }

  const counter: TokenCounter = model.tokenizer ? await tokenizerCounter(model.tokenizer.absolute) : approximateCounter
  const compiled = compileTemplate(model.prompt.spec.template)
  const prompt: CompiledPrompt | undefined = compiled.ok ? compiled.prompt : undefined
  if (!compiled.ok) report({ file: model.prompt.file.display, line: 1, column: 1, severity: 'error', message: compiled.message })
  const declared = model.prompt.spec.variables.map(v => v.name)
  const used = prompt ? [...prompt.used].sort() : []
  const requiredVars = used.filter(v => v !== 'use_case' && v !== 'id')

  const rules: FormatRules = { format: spec.data.format, labels: spec.data.labels, useCases: spec.use_cases, target: spec.data.target }
  const emptySplit = (): SplitStats & { lengths: LengthStats } => ({ rows: 0, invalid: 0, duplicates: 0, useCases: {}, labels: {}, tokens: { count: 0, mean: 0, p50: 0, p95: 0, max: 0 }, lengths: new LengthStats() })
  const splits = { train: emptySplit(), eval: emptySplit() }
  const files: ModelDataReport['files'] = []

  // Shared across splits: ids are unique per model, because the evaluation joins predictions on them.
  const ids = new HashIndex(1 << 12)
  const rowFile: number[] = []
  const rowLine: number[] = []
  const fileNames: string[] = []
  const evalInputs = new HashIndex(1 << 12)
  const evalNear = new LshIndex<number>()
  const threshold = policy.near_duplicate_jaccard
  const leakage = { exact: 0, near: 0, threshold }
  const piiByKind: Partial<Record<PiiKind, number>> = {}
  let overContext = 0
  let rowsMissingVariables = 0
  let rendered = 0
  let renderErrors = 0
  const overheads = new LengthStats(2000)
  let overhead = 0
  const contextWindow = spec.base_model.context_window

  const ordered: [Split, RegistryFile][] = [...model.eval.map(f => ['eval', f] as [Split, RegistryFile]), ...model.train.map(f => ['train', f] as [Split, RegistryFile])]
  for (const [split, file] of ordered) {
    const stats = splits[split]
    const fileIndex = fileNames.push(file.display) - 1
    const bytes = (await stat(file.absolute)).size
    const entry = { split, display: file.display, rows: 0, invalid: 0, bytes }
    files.push(entry)
    const at = (line: number, column: number, severity: Problem['severity'], message: string) => report({ file: file.display, line, column, severity, message })
    if (!fileKind(file.absolute)) {
      at(1, 1, 'error', 'unknown data file type; expected .jsonl, .csv or .parquet')
      continue
    }
    const dupes = new HashIndex(1 << 12)
    let seenRows = 0
    for await (const ev of readRows(file.absolute, { maxLineBytes: policy.max_line_bytes, onProgress: b => options.onProgress?.(file.display, b, bytes) })) {
      if (ev.kind === 'error') {
        entry.invalid++
        stats.invalid++
        at(ev.line, ev.column, 'error', ev.message)
        continue
      }
      seenRows++
      const result = toExample(ev.value, rules)
      if (!result.ok) {
        entry.invalid++
        stats.invalid++
        for (const m of result.problems) at(ev.line, 1, 'error', m)
        continue
      }
      const ex: Example = result.example
      entry.rows++
      stats.rows++
      const rowIndex = rowFile.push(fileIndex) - 1
      rowLine.push(ev.line)
      if (ex.useCase) stats.useCases[ex.useCase] = (stats.useCases[ex.useCase] ?? 0) + 1
      if (ex.label) stats.labels[ex.label] = (stats.labels[ex.label] ?? 0) + 1

      if (ex.id !== undefined) {
        const prev = ids.setIfAbsent(hash53(ex.id), rowIndex)
        if (prev >= 0) at(ev.line, 1, 'error', `id '${ex.id}' is used again; first at ${fileNames[rowFile[prev]!]}:${rowLine[prev]}. Expected ids unique across the model's train and eval files`)
      }

      const normInput = normaliseText(ex.input)
      const dupKey = hash53(normInput + '\u0001' + normaliseText(ex.target))
      const firstLine = dupes.setIfAbsent(dupKey, ev.line)
      if (firstLine >= 0) {
        stats.duplicates++
        at(ev.line, 1, 'warning', `exact duplicate of line ${firstLine} (after normalising case and whitespace)`)
      }

      const inputKey = hash53(normInput)
      if (split === 'eval') {
        evalInputs.setIfAbsent(inputKey, rowIndex)
        const sig = signature(normInput)
        if (sig) evalNear.add(sig, rowIndex)
      } else {
        const leaked = evalInputs.get(inputKey)
        if (leaked >= 0) {
          leakage.exact++
          at(ev.line, 1, 'error', `train/eval leakage: same input as ${fileNames[rowFile[leaked]!]}:${rowLine[leaked]} (after normalising case and whitespace)`)
        } else if (evalNear.size) {
          const sig = signature(normInput)
          const near = sig ? evalNear.query(sig, threshold) : undefined
          if (near) {
            leakage.near++
            at(ev.line, 1, 'warning', `train/eval near-duplicate: estimated Jaccard ${near.similarity.toFixed(2)} ≥ ${threshold} with ${fileNames[rowFile[near.item]!]}:${rowLine[near.item]} (MinHash over word 3-grams)`)
          }
        }
      }

      if (policy.pii !== 'off') {
        const found = findPii(ex.input + '\n' + ex.target)
        if (found.length) {
          for (const f of found) piiByKind[f.kind] = (piiByKind[f.kind] ?? 0) + 1
          at(ev.line, 1, policy.pii, `personal data or secret in ${split} data: ${found.map(f => `${f.kind} ${f.masked}`).join(', ')}`)
        }
      }

      const tokens = counter.count(ex.input) + counter.count(ex.target)
      stats.lengths.add(tokens)

      if (requiredVars.length) {
        const missing = requiredVars.filter(v => !(v in ex.fields))
        if (missing.length) {
          rowsMissingVariables++
          at(ev.line, 1, 'error', `row lacks ${missing.map(v => `'${v}'`).join(', ')}, used by the prompt template ${model.prompt.file.display}`)
          continue
        }
      }
      if (prompt && (seenRows <= RENDER_FIRST || seenRows % RENDER_EVERY === 0)) {
        const out = render(prompt, { ...ex.fields, use_case: ex.useCase })
        rendered++
        if (!out.ok) {
          renderErrors++
          at(ev.line, 1, 'error', `the prompt template fails on this row: ${out.message}`)
        } else {
          const renderedTokens = counter.count(out.text) + counter.count(ex.target)
          overheads.add(Math.max(0, renderedTokens - tokens))
          overhead = overheads.summary().p50
        }
      }
      // Rendered length = the row's own tokens + the template's typical overhead (measured on rendered rows).
      if (tokens + overhead > contextWindow) {
        overContext++
        at(ev.line, 1, 'warning', `about ${tokens + overhead} tokens with the prompt; the base model's context window is ${contextWindow} (it would be truncated)`)
      }
    }
    if (seenRows === 0 && entry.invalid === 0) at(1, 1, 'error', 'the file has no rows; expected at least one example')
  }

  for (const split of ['train', 'eval'] as const) {
    splits[split].tokens = splits[split].lengths.summary()
    const file = (split === 'train' ? model.train : model.eval)[0]?.display ?? model.file.display
    if (splits[split].rows === 0) continue
    for (const uc of spec.use_cases) {
      if (!splits[split].useCases[uc]) report({ file, line: 1, column: 1, severity: 'warning', message: `use case '${uc}' has no ${split} rows${split === 'eval' ? ': its slice cannot be evaluated' : ''}` })
    }
    for (const label of spec.data.labels ?? []) {
      const n = splits[split].labels[label] ?? 0
      if (n === 0) report({ file, line: 1, column: 1, severity: 'warning', message: `label '${label}' has no ${split} rows` })
      else if (n / splits[split].rows < 0.01) report({ file, line: 1, column: 1, severity: 'warning', message: `label '${label}' is ${((100 * n) / splits[split].rows).toFixed(2)}% of ${split} rows; the classes are badly unbalanced` })
    }
  }
  const undeclared = used.filter(v => !declared.includes(v) && v !== 'use_case')
  const unused = declared.filter(v => !used.includes(v))
  for (const v of undeclared) report({ file: model.prompt.file.display, line: 1, column: 1, severity: 'warning', message: `the template uses '${v}', which is not in 'variables'` })
  for (const v of unused) report({ file: model.prompt.file.display, line: 1, column: 1, severity: 'warning', message: `variable '${v}' is declared but the template never uses it` })

  const strip = ({ lengths: _lengths, ...rest }: SplitStats & { lengths: LengthStats }): SplitStats => rest
  return {
    model: spec.name,
    files,
    splits: { train: strip(splits.train), eval: strip(splits.eval) },
    leakage,
    pii: { policy: policy.pii, byKind: piiByKind },
    tokens: { method: counter.method, exact: counter.exact, contextWindow, overContext, promptOverhead: overhead },
    prompt: { file: model.prompt.file.display, used, declared, undeclared, unused, rowsMissingVariables, rendered, renderErrors },
    problems,
    counts
  }
}
