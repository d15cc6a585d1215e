import { open, stat } from 'node:fs/promises'
import { statSync, type Stats } from 'node:fs'
import { errorMessage, isUserError, type Problem } from '../errors.js'
import { lfsPointerMessage, readLfsPointer } from '../registry/lfs.js'
import type { LoadedModel, RegistryFile } from '../registry/loader.js'
import type { RegistryConfig } from '../registry/schema.js'
import { compiledTemplate } from '../prompts/template.js'
import { promptTemplateLocation } from '../prompts/sandbox.js'
import { HashIndex } from './hash-index.js'
import { MINHASH_BINS } from './minhash.js'
import type { PiiKind } from './pii.js'
import { ensureExternalFiles, type FetchSettings } from './external.js'
import { fileKind } from './readers.js'
import { checkRange, sandboxFor, type EvalIndex, type RangeResult, type RangeTask } from './row-checks.js'
import { RangeWorkers, workerCount, type FileTaskPool } from './row-worker.js'
import { approximateCounter, LengthStats, type LengthSummary } from './tokens.js'
import { hyperparameterDefaults, maxSeqLength } from '../training/hyperparameters.js'

/** Each file's stat, asked for once (undefined for a file that cannot be read). */
export class FileStats {
  private readonly known = new Map<string, Promise<Stats | undefined>>()

  of(file: string): Promise<Stats | undefined> {
    let s = this.known.get(file)
    if (!s) {
      // Synchronous: a stat takes microseconds, its promise round trip through the thread pool several times that.
      let info: Stats | undefined
      try {
        info = statSync(file, { throwIfNoEntry: false })
      } catch {
        info = undefined
      }
      this.known.set(file, (s = Promise.resolve(info)))
    }
    return s
  }

  /** A file's size, 0 for one that cannot be read. */
  async size(file: string): Promise<number> {
    return (await this.of(file))?.size ?? 0
  }
}

/** Problems kept in full per model; past this they are counted, not stored, so memory stays bounded. */
export const MAX_PROBLEMS_KEPT = 1000
/** Lines named as examples of a cause that many rows share. */
const EXAMPLE_LINES = 3
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
  tokens: {
    method: string
    exact: boolean
    contextWindow: number
    /** The max_seq_length the model's trainer will use (its hyperparameter, else the default capped at the window). */
    maxSeqLength: number
    /** Rows longer than maxSeqLength once the prompt is added (the trainer truncates them). */
    overContext: number
    /** Train rows whose prompt alone fills maxSeqLength: the trainer would train no target token of them. */
    trainWithoutTarget: number
    promptOverhead: number
  }
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
  /** How external datasets are fetched (default: the environment's settings, no progress lines). */
  fetch?: FetchSettings
  /**
   * The stats of files, shared by the steps of one validation that each need a file's size (one call per file,
   * not one per step); made per check when not given.
   */
  stats?: FileStats
  /** Files at least this large go to worker threads (default PARALLEL_MIN_BYTES). */
  parallelMinBytes?: number
  rangeBytes?: number
  threads?: number
  /**
   * Worker threads that check this model's small files (each file whole), shared with the other models checked
   * at once (validateRegistry); without it a small file is checked on this thread.
   */
  pool?: FileTaskPool
}

/**
 * Byte ranges of a file that each start at a line's first byte. The last `tailBytes` are cut four times
 * finer, so that the threads finish together rather than one checking a whole range while the others wait.
 */
async function planRanges(file: string, size: number, rangeBytes: number, tailBytes = 0): Promise<[number, number][]> {
  const cuts = [0]
  const handle = await open(file, 'r')
  try {
    const probe = Buffer.alloc(64 * 1024)
    const tailStep = Math.max(1, Math.floor(rangeBytes / 4))
    for (let target = rangeBytes; target < size; target += size - target <= tailBytes ? tailStep : rangeBytes) {
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
 * Problems kept up to MAX_PROBLEMS_KEPT, and counted past it, so memory stays bounded. One cause (the same
 * file, severity and message) is kept once with the number of its rows and its first lines, not once per row.
 */
class ProblemLog {
  readonly problems: Problem[] = []
  readonly counts = { errors: 0, warnings: 0 }
  private readonly causes = new Map<string, { problem: Problem; lines: number[] }>()

  report(p: Problem): void {
    if (p.severity === 'error') this.counts.errors++
    else this.counts.warnings++
    const key = `${p.file}\0${p.severity}\0${p.message}`
    const cause = this.causes.get(key)
    if (cause) {
      cause.problem.rows = (cause.problem.rows ?? 1) + 1
      cause.lines.push(p.line)
      // Only the first few lines are named; keeping the smallest few bounds the memory of a cause.
      if (cause.lines.length > 2 * EXAMPLE_LINES) cause.lines.sort((a, b) => a - b).splice(EXAMPLE_LINES)
      return
    }
    if (this.problems.length >= MAX_PROBLEMS_KEPT) return
    const kept = { ...p }
    this.problems.push(kept)
    this.causes.set(key, { problem: kept, lines: [p.line] })
  }

  /** Names each repeated cause's row count and first lines in its message, at its first line. */
  summarise(): void {
    for (const { problem, lines } of this.causes.values()) {
      if (!problem.rows || problem.rows < 2) continue
      const first = lines.sort((a, b) => a - b).slice(0, EXAMPLE_LINES)
      problem.line = first[0]!
      problem.message += ` — in ${problem.rows} rows (lines ${first.join(', ')}${problem.rows > first.length ? ', …' : ''})`
    }
    this.causes.clear()
  }

  /** True while another problem would still be kept in full. */
  get keeping(): boolean {
    return this.problems.length < MAX_PROBLEMS_KEPT
  }

  /** A warning at the first line of a file. */
  warn(file: string, message: string): void {
    this.report({ file, line: 1, column: 1, severity: 'warning', message })
  }
}

/** Rows remembered as (file, line) in growing typed arrays; a location string is made only for a message. */
class RowTable {
  private readonly fileNames: string[] = []
  // Small to start (a registry-wide change makes one per model); a large file reserves room for its rows at once.
  private rowFile = new Int32Array(1 << 10)
  private rowLine = new Int32Array(1 << 10)
  private count = 0

  /** Registers a file; its index is what `add` takes. */
  addFile(display: string): number {
    return this.fileNames.push(display) - 1
  }

  /** Room for `n` more rows at once. */
  reserve(n: number): void {
    const want = this.count + n
    if (want <= this.rowFile.length) return
    const f = new Int32Array(want)
    const l = new Int32Array(want)
    f.set(this.rowFile)
    l.set(this.rowLine)
    this.rowFile = f
    this.rowLine = l
  }

  add(fileIndex: number, line: number): number {
    if (this.count === this.rowFile.length) this.reserve(this.count)
    this.rowFile[this.count] = fileIndex
    this.rowLine[this.count] = line
    return this.count++
  }

  /** `file:line` of a row. */
  where(row: number): string {
    return `${this.fileNames[this.rowFile[row]!]}:${this.rowLine[row]}`
  }
}

type SplitTotals = Omit<SplitStats, 'tokens'> & { lengths: LengthStats }
type FileEntry = ModelDataReport['files'][number]

function splitTotals(): SplitTotals {
  return { rows: 0, invalid: 0, duplicates: 0, useCases: {}, labels: {}, lengths: new LengthStats() }
}

/** Adds counts by key into `into`. */
function addCounts(into: Record<string, number>, from: Record<string, number | undefined>): void {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + (n ?? 0)
}

/**
 * One model's data check: the state merged from every range of every file — totals, the rows table, and
 * the indexes of duplicates and ids that need every row, made here on the compact keys the ranges return.
 */
class ModelDataCheck {
  readonly log = new ProblemLog()
  readonly rows = new RowTable()
  readonly ids = new HashIndex(1 << 8)
  readonly splits = { train: splitTotals(), eval: splitTotals() }
  readonly files: FileEntry[] = []
  readonly leakage: ModelDataReport['leakage']
  readonly piiByKind: Partial<Record<PiiKind, number>> = {}
  readonly render = {
    overContext: 0,
    trainWithoutTarget: 0,
    rowsMissingVariables: 0,
    rendered: 0,
    renderErrors: 0,
    promptOverhead: 0
  }
  evalIndex: EvalIndex | undefined
  /** The worker threads for large files, started before the first file is read (see `startWorkers`). */
  private workers: RangeWorkers | undefined
  private readonly parallelMin: number
  private readonly rangeBytes: number
  private readonly threads: number

  constructor(
    private readonly model: LoadedModel,
    private readonly base: RangeBase,
    policy: RegistryConfig['policy'],
    private readonly options: CheckOptions
  ) {
    this.leakage = { exact: 0, near: 0, threshold: policy.near_duplicate_jaccard }
    this.parallelMin = options.parallelMinBytes ?? PARALLEL_MIN_BYTES
    this.rangeBytes = options.rangeBytes ?? RANGE_BYTES
    this.threads = options.threads ?? workerCount()
    this.stats = options.stats ?? new FileStats()
  }

  private readonly stats: FileStats

  /**
   * Starts the worker threads now when a file of the model will need them, so that they load while the
   * eval split (checked first, on this thread) is read.
   */
  async startWorkers(): Promise<void> {
    for (const file of [...this.model.eval, ...this.model.train]) {
      if (fileKind(file.absolute) !== 'jsonl') continue
      // An external dataset is not fetched yet: its declared size stands for the file's.
      const bytes = file.external?.bytes ?? (await this.stats.size(file.absolute))
      if (bytes >= this.parallelMin) {
        this.workers ??= new RangeWorkers(this.threads, this.base.maxLineBytes)
        return
      }
    }
  }

  /** Ends the worker threads. */
  async close(): Promise<void> {
    await this.workers?.close()
    this.workers = undefined
  }

  /** How much of a file's end is cut finer: a range per thread's worth, in a file of many ranges. */
  private tailBytes(bytes: number): number {
    const tail = this.threads * this.rangeBytes
    return bytes > 4 * tail ? tail : 0
  }

  /** The range results of a file, in order: inline for a small file, from worker threads for a large one. */
  private async *checkFile(split: Split, file: RegistryFile, bytes: number): AsyncGenerator<RangeResult> {
    const ranges: [number, number][] =
      fileKind(file.absolute) === 'jsonl' && bytes >= this.parallelMin
        ? await planRanges(file.absolute, bytes, this.rangeBytes, this.tailBytes(bytes))
        : [[0, bytes]]
    const tasks: RangeTask[] = ranges.map(([start, end]) => ({
      ...this.base,
      ...{ file: file.absolute, display: file.display, split, start, end }
    }))
    const index = split === 'train' ? this.evalIndex : undefined
    const onProgress = this.options.onProgress
    onProgress?.(file.display, 0, bytes)
    const pool = this.options.pool
    if (tasks.length === 1) yield await (pool ? pool.run(tasks[0]!, index) : checkRange(tasks[0]!, index))
    else {
      let i = 0
      this.workers ??= new RangeWorkers(this.threads, this.base.maxLineBytes)
      for await (const result of this.workers.check(tasks, index)) {
        onProgress?.(file.display, tasks[i++]!.end, bytes)
        yield result
      }
    }
    onProgress?.(file.display, bytes, bytes)
  }

  /**
   * Fetches an external dataset into the cache (verified against its digest); a failure is reported at
   * its entry in model.yaml, naming the URI and what was expected.
   */
  private async fetched(file: RegistryFile, split: Split, index: number): Promise<boolean> {
    try {
      await ensureExternalFiles([file], this.options.fetch)
      return true
    } catch (e) {
      if (!isUserError(e)) throw e
      const { line, column } = this.model.locate(['data', split, index])
      this.log.report({ file: this.model.file.display, line, column, severity: 'error', message: errorMessage(e) })
      return false
    }
  }

  /** Checks every file of a split; after the eval split, builds the index the train split's leakage check uses. */
  async checkSplit(split: Split): Promise<void> {
    const dupes = new HashIndex(1 << 8)
    const evalRows: number[] = []
    const evalHashes: Float64Array[] = []
    const evalSigs: Uint32Array[] = []
    const files = split === 'eval' ? this.model.eval : this.model.train
    for (const [index, file] of files.entries()) {
      if (file.external && !(await this.fetched(file, split, index))) {
        this.files.push({ split, display: file.display, rows: 0, invalid: 0, bytes: 0 })
        continue
      }
      if (!fileKind(file.absolute)) {
        const message = 'unknown data file type; expected .jsonl, .csv or .parquet'
        this.log.report({ file: file.display, line: 1, column: 1, severity: 'error', message })
        this.files.push({ split, display: file.display, rows: 0, invalid: 0, bytes: 0 })
        continue
      }
      const info = await this.stats.of(file.absolute)
      const pointer = await readLfsPointer(file.absolute, info)
      if (pointer) {
        const message = lfsPointerMessage(file.display, pointer)
        this.log.report({ file: file.display, line: 1, column: 1, severity: 'error', message })
        this.files.push({ split, display: file.display, rows: 0, invalid: 0, bytes: 0 })
        continue
      }
      // A file that cannot be read is the reader's to report, with its reason.
      const bytes = info?.size ?? (await stat(file.absolute)).size
      const fileIndex = this.rows.addFile(file.display)
      const entry = { split, display: file.display, rows: 0, invalid: 0, bytes }
      this.files.push(entry)
      let offset = 0
      let sawAnyRow = false
      let reserved = false
      for await (const r of this.checkFile(split, file, bytes)) {
        // A large file's first range tells about how many rows it has: room for them all at once, rather
        // than doubling the tables (and holding old and new copies) a dozen times on the way.
        if (!reserved && r.rows > 0 && bytes > this.rangeBytes) {
          reserved = true
          const estimate = Math.min(Math.ceil((r.rows * bytes) / this.rangeBytes), Math.ceil(bytes / 3))
          this.rows.reserve(estimate)
          dupes.reserve(dupes.size + estimate)
          this.ids.reserve(this.ids.size + estimate)
        }
        this.mergeTotals(r, split, entry, offset)
        sawAnyRow ||= r.sawAnyRow
        for (let i = 0; i < r.rowLines.length; i++) {
          // A long merge lets the worker threads' messages in now and then, so that they get their next ranges:
          // the first merge of a large file is slow (its tables are new), and they would wait for it.
          if ((i & 4095) === 4095) await new Promise<void>(resolve => setImmediate(resolve))
          const line = r.rowLines[i]! + offset
          const row = this.rows.add(fileIndex, line)
          this.checkAcrossRanges(r, i, row, line, file.display, dupes, split)
          if (split === 'eval') evalRows.push(row)
        }
        if (r.inputHashes && r.signatures) {
          evalHashes.push(r.inputHashes)
          evalSigs.push(r.signatures)
        }
        offset += r.lines
      }
      if (!sawAnyRow && entry.invalid === 0) {
        const message = 'the file has no rows; expected at least one example'
        this.log.report({ file: file.display, line: 1, column: 1, severity: 'error', message })
      }
    }
    if (split === 'eval') this.evalIndex = this.indexOfEval(evalRows, evalHashes, evalSigs)
  }

  /** Adds a range's counts and problems (at their lines in the whole file) to the file's and split's totals. */
  private mergeTotals(r: RangeResult, split: Split, entry: FileEntry, offset: number): void {
    for (const p of r.problems) this.log.report({ ...p, line: p.line + offset })
    // Problems a range counted but did not keep still count.
    this.log.counts.errors += r.counts.errors - r.problems.filter(p => p.severity === 'error').length
    this.log.counts.warnings += r.counts.warnings - r.problems.filter(p => p.severity === 'warning').length
    const stats = this.splits[split]
    // A row that lacks a prompt variable, or that the template fails on, is as invalid as a malformed one.
    const invalid = r.invalid + r.rowsMissingVariables + r.renderErrors
    entry.rows += r.rows
    entry.invalid += invalid
    stats.rows += r.rows
    stats.invalid += invalid
    addCounts(stats.useCases, r.useCases)
    addCounts(stats.labels, r.labels)
    addCounts(this.piiByKind, r.piiByKind)
    for (let i = 0; i < r.tokenLengths.length; i++) stats.lengths.add(r.tokenLengths[i]!)
    this.leakage.exact += r.leakageExact
    this.leakage.near += r.leakageNear
    this.render.overContext += r.overContext
    if (split === 'train') this.render.trainWithoutTarget += r.withoutTarget
    this.render.rowsMissingVariables += r.rowsMissingVariables
    this.render.rendered += r.rendered
    this.render.renderErrors += r.renderErrors
    this.render.promptOverhead = Math.max(this.render.promptOverhead, r.overhead)
  }

  /** The checks that need every row of the model: exact duplicates within a split, ids across both. */
  private checkAcrossRanges(
    r: RangeResult,
    i: number,
    row: number,
    line: number,
    file: string,
    dupes: HashIndex,
    split: Split
  ): void {
    const first = dupes.setIfAbsent(r.dupKeys[i]!, row)
    if (first >= 0) {
      this.splits[split].duplicates++
      if (this.log.keeping) {
        const message = `exact duplicate of ${this.rows.where(first)} (after normalising case and whitespace)`
        this.log.report({ file, line, column: 1, severity: 'warning', message })
      } else this.log.counts.warnings++
    }
    const idHash = r.idHashes[i]!
    if (Number.isNaN(idHash)) return
    const prev = this.ids.setIfAbsent(idHash, row)
    if (prev >= 0) {
      const message =
        `id is used again; first at ${this.rows.where(prev)}. ` +
        "Expected ids unique across the model's train and eval files"
      this.log.report({ file, line, column: 1, severity: 'error', message })
    }
  }

  /** The eval rows' input hashes and MinHash signatures in one block, for the train split's leakage check. */
  private indexOfEval(rows: number[], hashes: Float64Array[], sigs: Uint32Array[]): EvalIndex {
    const n = hashes.reduce((k, a) => k + a.length, 0)
    const inputHashes = new Float64Array(n)
    const signatures = new Uint32Array(n * MINHASH_BINS)
    let at = 0
    hashes.forEach((h, i) => {
      inputHashes.set(h, at)
      signatures.set(sigs[i]!, at * MINHASH_BINS)
      at += h.length
    })
    return { inputHashes, signatures, locations: rows.map(row => this.rows.where(row)) }
  }

  /** Each split's statistics, with a warning for each use case or label it lacks or barely has. */
  finalSplits(): Record<Split, SplitStats> {
    const { spec } = this.model
    const out = {} as Record<Split, SplitStats>
    for (const split of ['train', 'eval'] as const) {
      const { lengths, ...s } = this.splits[split]
      out[split] = { ...s, tokens: lengths.summary() }
      const file = (split === 'train' ? this.model.train : this.model.eval)[0]?.display ?? this.model.file.display
      if (s.rows === 0) continue
      for (const uc of spec.use_cases) {
        if (!s.useCases[uc])
          this.log.warn(
            file,
            `use case '${uc}' has no ${split} rows${split === 'eval' ? ': its slice cannot be evaluated' : ''}`
          )
      }
      for (const label of spec.data.labels ?? []) {
        const n = s.labels[label] ?? 0
        if (n === 0) this.log.warn(file, `label '${label}' has no ${split} rows`)
        else if (n / s.rows < 0.01) {
          const share = ((100 * n) / s.rows).toFixed(2)
          this.log.warn(file, `label '${label}' is ${share}% of ${split} rows; the classes are badly unbalanced`)
        }
      }
    }
    return out
  }
}

/** What every range task of a model shares: the row rules, the policy's limits and the prompt. */
type RangeBase = Omit<RangeTask, 'file' | 'display' | 'split' | 'start' | 'end'>

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
  const promptFile = model.prompt.file.display
  const compiled = compiledTemplate(model.prompt.spec.template)
  const declared = model.prompt.spec.variables.map(v => v.name)
  const used = compiled.ok ? [...compiled.prompt.used].sort() : []
  const base: RangeBase = {
    rules: { format: spec.data.format, labels: spec.data.labels, useCases: spec.use_cases, target: spec.data.target },
    pii: policy.pii,
    maxLineBytes: policy.max_line_bytes,
    nearThreshold: policy.near_duplicate_jaccard,
    ...(compiled.ok ? { template: model.prompt.spec.template } : {}),
    // The sandbox's limit messages name the template's line.
    promptFile: await promptTemplateLocation(model.prompt),
    requiredVars: used.filter(v => v !== 'use_case' && v !== 'id'),
    ...(model.tokenizer ? { tokenizerPath: model.tokenizer.absolute } : {}),
    contextWindow: spec.base_model.context_window,
    maxSeqLength: maxSeqLength(spec.training.hyperparameters, spec.base_model.context_window),
    targetAfterPrompt: spec.task_family !== 'classification' && spec.base_model.architecture === 'decoder'
  }
  const check = new ModelDataCheck(model, base, policy, options)
  const { log } = check
  const tokenizerPointer = model.tokenizer && (await readLfsPointer(model.tokenizer.absolute))
  if (model.tokenizer && tokenizerPointer) {
    // Reported here; the rows are then counted approximately rather than failing in every range.
    const message = lfsPointerMessage(model.tokenizer.display, tokenizerPointer)
    log.report({ file: model.tokenizer.display, line: 1, column: 1, severity: 'error', message })
    delete base.tokenizerPath
  }
  if (!compiled.ok) {
    // At the template's `template:` line where it can be found.
    const line = Number(/:(\d+)$/.exec(base.promptFile)?.[1] ?? 1)
    log.report({ file: promptFile, line, column: 1, severity: 'error', message: compiled.message })
  }
  // The template sandbox (this thread's, which the worker threads use too) starts now, alongside the workers;
  // a plain template's rows render without it, and it starts only if a row needs it.
  if (base.template !== undefined && compiled.ok && !compiled.prompt.plain)
    sandboxFor({ template: base.template, maxLineBytes: base.maxLineBytes, where: base.promptFile }).warm()
  // Eval first: the train split is checked for leakage against the eval rows' index.
  try {
    await check.startWorkers()
    await check.checkSplit('eval')
    await check.checkSplit('train')
  } finally {
    await check.close()
  }
  const splits = check.finalSplits()
  const undeclared = used.filter(v => !declared.includes(v) && v !== 'use_case')
  const unused = declared.filter(v => !used.includes(v))
  for (const v of undeclared) log.warn(promptFile, `the template uses '${v}', which is not in 'variables'`)
  for (const v of unused) log.warn(promptFile, `variable '${v}' is declared but the template never uses it`)
  log.summarise()
  log.problems.sort((a, b) => (a.file === b.file ? a.line - b.line : 0))
  const { overContext, trainWithoutTarget, promptOverhead, ...rendering } = check.render
  checkWithoutTarget(model, splits.train.rows, trainWithoutTarget, log)
  return {
    model: spec.name,
    files: check.files,
    splits,
    leakage: check.leakage,
    pii: { policy: policy.pii, byKind: check.piiByKind },
    tokens: {
      method: model.tokenizer ? `exact, ${model.tokenizer.relative}` : approximateCounter.method,
      exact: Boolean(model.tokenizer),
      contextWindow: spec.base_model.context_window,
      maxSeqLength: base.maxSeqLength!,
      overContext,
      trainWithoutTarget,
      promptOverhead
    },
    prompt: { file: promptFile, used, declared, undeclared, unused, ...rendering },
    problems: log.problems,
    counts: log.counts
  }
}

/**
 * The share of train rows whose prompt leaves no target token within max_seq_length, against the trainer's
 * max_share_without_target: above it, an error where the tokens were counted exactly (the trainer would fail the
 * run), a warning where they were estimated.
 */
function checkWithoutTarget(model: LoadedModel, trainRows: number, withoutTarget: number, log: ProblemLog): void {
  if (!withoutTarget || !trainRows) return
  const hp = model.spec.training.hyperparameters
  const limit =
    typeof hp.max_share_without_target === 'number'
      ? hp.max_share_without_target
      : (hyperparameterDefaults('hf-peft').max_share_without_target as number)
  if (withoutTarget <= limit * trainRows) return
  const { line, column } = model.locate(['training', 'hyperparameters', 'max_seq_length'])
  const seq = maxSeqLength(hp, model.spec.base_model.context_window)
  log.report({
    file: model.file.display,
    line,
    column,
    severity: model.tokenizer ? 'error' : 'warning',
    message:
      `${withoutTarget} of ${trainRows} train rows${model.tokenizer ? '' : ' (by an estimate of their tokens)'} leave no target ` +
      `token within max_seq_length ${seq}, above max_share_without_target ${limit}: the trainer would fail the run. ` +
      'Raise max_seq_length (at most the context window) or shorten those prompts (listed as warnings at their lines)'
  })
}
